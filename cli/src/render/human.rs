//! `--format human`: rustc-style diagnostics with the source line and a
//! caret under the offending path, then one summary line per contract.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use terrace_lint::Error;
use terrace_lint::config::ConfigError;
use terrace_lint::report::{Code, Link, Report, Violation};

use super::{Sources, because, message, plural, summary, token_range};

fn renderer(styled: bool) -> Renderer {
    if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

fn label(v: &Violation, i: usize, l: &Link) -> String {
    match (v.code, v.chain.len()) {
        (Code::UnmatchedIgnore, _) => "remove it, or fix its module names".to_owned(),
        (_, 1) => format!("imports `{}`", l.imported),
        _ => format!(
            "link {} of {}: `{}` imports `{}`",
            i + 1,
            v.chain.len(),
            l.importer,
            l.imported
        ),
    }
}

fn snippet<'a>(
    sources: &mut Sources<'_>,
    file: &'a str,
    line: u32,
    column: u32,
    text: String,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let src = sources.line(file, line).unwrap_or_default();
    let range = token_range(&src, column);
    Snippet::source(src)
        .line_start(line as usize)
        .path(file)
        .annotation(AnnotationKind::Primary.span(range).label(text))
}

/// Renders a report for a terminal; `verbose` adds which configuration
/// entries (in `config_file`) each violation matched.
pub fn human(root: &Path, report: &Report, styled: bool, verbose: Option<&str>) -> String {
    let mut sources = Sources::new(root);
    let r = renderer(styled);
    let mut out = String::new();
    for v in &report.violations {
        let level = if v.warning {
            Level::WARNING
        } else {
            Level::ERROR
        };
        let mut group = Group::with_title(level.primary_title(message(v)).id(v.code.as_str()));
        if v.chain.is_empty() {
            group = group.element(snippet(
                &mut sources,
                &v.file,
                v.line,
                v.column,
                label(
                    v,
                    0,
                    &Link {
                        importer: v.importer.clone(),
                        imported: v.imported.clone(),
                        file: v.file.clone(),
                        line: v.line,
                        column: v.column,
                    },
                ),
            ));
        }
        for (i, l) in v.chain.iter().enumerate() {
            group = group.element(snippet(
                &mut sources,
                &l.file,
                l.line,
                l.column,
                label(v, i, l),
            ));
        }
        if let Some(config_file) = verbose {
            for m in &v.matched {
                group = group.element(Level::NOTE.message(because(m, config_file)));
            }
        }
        if let Some(reason) = &v.reason {
            group = group.element(Level::NOTE.message(reason.clone()));
        }
        if let Some(help) = &v.help {
            group = group.element(Level::HELP.message(help.clone()));
        }
        let report_group = [group];
        out.push_str(&r.render(&report_group));
        out.push_str("\n\n");
    }
    for e in &report.errors {
        let group = [Level::ERROR
            .primary_title(format!("cannot check `{}`: {}", e.file, e.message))
            .id("parse-error")
            .element(snippet(
                &mut sources,
                &e.file,
                e.line,
                e.column,
                e.message.clone(),
            ))];
        out.push_str(&r.render(&group));
        out.push_str("\n\n");
    }
    out.push_str(&summary(report));
    out
}

/// Renders an error that is not about the workspace or its configuration
/// (a baseline file, an output file), with what to do about it.
pub fn message_error(message: &str, help: &str, styled: bool) -> String {
    let group = Level::ERROR
        .primary_title(message.to_owned())
        .element(Level::HELP.message(help.to_owned()));
    let mut out = renderer(styled).render(&[group]);
    out.push('\n');
    out
}

/// Renders an error that stopped the check (exit 2).
pub fn error(e: &Error, styled: bool) -> String {
    let r = renderer(styled);
    let mut out = String::new();
    match e {
        Error::Config(errors) => {
            let mut cache: HashMap<PathBuf, Option<String>> = HashMap::new();
            for ce in errors {
                out.push_str(&config_error(&r, ce, &mut cache));
                out.push_str("\n\n");
            }
            let _ = writeln!(
                out,
                "error: invalid configuration ({} error{})",
                errors.len(),
                plural(errors.len())
            );
        }
        Error::Workspace(we) => {
            let file = display_path(&we.file);
            let mut group = Group::with_title(Level::ERROR.primary_title(we.message.clone()));
            if let Some(pos) = we.pos {
                let src = std::fs::read_to_string(&we.file).unwrap_or_default();
                let line = src
                    .lines()
                    .nth(pos.line.saturating_sub(1) as usize)
                    .unwrap_or("")
                    .to_owned();
                let range = token_range(&line, pos.column);
                group = group.element(
                    Snippet::source(line)
                        .line_start(pos.line as usize)
                        .path(file)
                        .annotation(AnnotationKind::Primary.span(range)),
                );
            } else {
                group = group.element(Level::NOTE.message(format!("in `{file}`")));
            }
            if let Some(help) = &we.help {
                group = group.element(Level::HELP.message(help.clone()));
            }
            out.push_str(&r.render(&[group]));
            out.push('\n');
        }
        Error::NoConfig { root } => {
            let group = Level::ERROR
                .primary_title(format!(
                    "no terrace configuration found for the workspace at `{}`",
                    root.display()
                ))
                .element(Level::HELP.message(
                    "create `terrace.toml` at the workspace root (see `terrace help check`), \
                     or pass one with `--config PATH`",
                ));
            out.push_str(&r.render(&[group]));
            out.push('\n');
        }
    }
    out
}

fn config_error(
    r: &Renderer,
    ce: &ConfigError,
    cache: &mut HashMap<PathBuf, Option<String>>,
) -> String {
    let text = cache
        .entry(ce.file.clone())
        .or_insert_with(|| std::fs::read_to_string(&ce.file).ok());
    let line = text
        .as_deref()
        .and_then(|t| t.lines().nth(ce.pos.line.saturating_sub(1) as usize))
        .unwrap_or("")
        .to_owned();
    let range = token_range(&line, ce.pos.column);
    let file = display_path(&ce.file);
    let mut group: Group<'_> = Level::ERROR.primary_title(ce.message.clone()).element(
        Snippet::source(line)
            .line_start(ce.pos.line.max(1) as usize)
            .path(file)
            .annotation(AnnotationKind::Primary.span(range)),
    );
    if let Some(help) = &ce.help {
        group = group.element(Level::HELP.message(help.clone()));
    }
    r.render(&[group])
}

/// A path as the user would type it: relative to the current directory
/// when it is inside it.
fn display_path(path: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    rel.unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

//! Renderers of check results: every format is a function of the same
//! typed [`Report`](terrace_lint::report::Report).

mod explain;
mod github;
mod graph;
mod human;
mod json;
mod sarif;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use terrace_lint::report::{Code, Link, Matched, Report, Violation};

pub use explain::explain;
pub use github::github;
pub use graph::{dot, mermaid};
pub use human::{error, human, message_error};
pub use json::json;
pub use sarif::sarif;

/// A stable identity of a violation that survives edits which only move
/// lines: FNV-1a (64 bits, hex) of the contract, the importer, the imported
/// and the trimmed source line of the first link.
///
/// Used as SARIF's partial fingerprint.
pub(crate) fn fingerprint(v: &Violation, line_text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [
        v.contract.as_str(),
        v.importer.as_str(),
        v.imported.as_str(),
        line_text.trim(),
    ] {
        for b in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// Lines of the files a report points into, read once each.
pub(crate) struct Sources<'a> {
    root: &'a Path,
    files: HashMap<String, Option<String>>,
}

impl<'a> Sources<'a> {
    pub(crate) fn new(root: &'a Path) -> Self {
        Sources {
            root,
            files: HashMap::new(),
        }
    }

    /// Line `line` (1-based) of `file`, when it can be read.
    pub(crate) fn line(&mut self, file: &str, line: u32) -> Option<String> {
        let root = self.root;
        let text = self
            .files
            .entry(file.to_owned())
            // Lossy: a file that is not valid UTF-8 is still shown up to
            // (and around) the offending bytes.
            .or_insert_with(|| {
                std::fs::read(root.join(file))
                    .ok()
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
            });
        text.as_deref()?
            .lines()
            .nth(line.checked_sub(1)? as usize)
            .map(str::to_owned)
    }
}

/// The one-line message of a violation, the same in every format.
pub(crate) fn message(v: &Violation) -> String {
    match v.code {
        Code::ForbiddenImport if v.chain.len() > 1 => format!(
            "`{}` imports `{}` indirectly, which contract `{}` forbids",
            v.importer, v.imported, v.contract
        ),
        Code::ForbiddenImport => format!(
            "`{}` imports `{}`, which contract `{}` forbids",
            v.importer, v.imported, v.contract
        ),
        Code::LayerViolation => {
            let layers: Vec<Option<usize>> = v.matched.iter().map(|m| m.layer).collect();
            let sibling = matches!(layers.as_slice(), [Some(a), Some(b)] if a == b);
            format!(
                "`{}` imports `{}`{}, {} (contract `{}`)",
                v.importer,
                v.imported,
                if v.chain.len() > 1 { " indirectly" } else { "" },
                if sibling {
                    "an independent sibling in its layer"
                } else {
                    "a layer above it"
                },
                v.contract
            )
        }
        Code::IndependenceViolation => format!(
            "`{}` imports `{}`{}, but contract `{}` keeps them independent",
            v.importer,
            v.imported,
            if v.chain.len() > 1 { " indirectly" } else { "" },
            v.contract
        ),
        Code::ImportCycle => format!(
            "import cycle between {} (contract `{}`)",
            cycle_members(&v.chain),
            v.contract
        ),
        Code::DisallowedImport => format!(
            "`{}` imports `{}`, which is not allowed by contract `{}`",
            v.importer, v.imported, v.contract
        ),
        Code::UnmatchedIgnore => format!(
            "ignore `{} -> {}` of contract `{}` matched no import",
            v.importer, v.imported, v.contract
        ),
    }
}

fn cycle_members(chain: &[Link]) -> String {
    chain
        .iter()
        .map(|l| format!("`{}`", l.importer))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why one end of a violation is part of it: the configuration entry it
/// matched, with its position in `config_file`.
pub(crate) fn because(m: &Matched, config_file: &str) -> String {
    let at = format!("{config_file}:{}:{}", m.line, m.column);
    let entry = m.entry.as_deref().unwrap_or("");
    let preset = m
        .preset
        .as_ref()
        .map(|p| format!(" of preset `@{p}`"))
        .unwrap_or_default();
    match m.role {
        "not-allowed" => format!(
            "`{}` is not in `allowed`, nor `std`, `core`, `alloc` or inside `source` (contract at {at})",
            m.module
        ),
        "layer" => format!(
            "`{}` is in layer {} (top first): `{entry}` ({at})",
            m.module,
            m.layer.unwrap_or(0)
        ),
        role => format!(
            "`{}` matches `{role}` entry `{entry}`{preset} ({at})",
            m.module
        ),
    }
}

/// One line per contract (`kept` / `broken (N)`), then a total line.
pub(crate) fn summary(report: &Report) -> String {
    let mut out = String::new();
    for c in &report.contracts {
        let state = if c.kept() {
            "kept".to_owned()
        } else {
            format!("broken ({})", c.violations)
        };
        let warn = if c.warnings > 0 {
            format!(", {} warning{}", c.warnings, plural(c.warnings))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "contract `{}` ({}): {state}{warn}",
            c.name, c.contract_type
        );
    }
    let violations = report.violations.iter().filter(|v| !v.warning).count();
    let _ = write!(
        out,
        "{} of {} contract{} kept, {violations} violation{}, {} file{} checked",
        report.kept(),
        report.contracts.len(),
        plural(report.contracts.len()),
        plural(violations),
        report.files,
        plural(report.files),
    );
    if !report.errors.is_empty() {
        let _ = write!(
            out,
            ", {} file error{}",
            report.errors.len(),
            plural(report.errors.len())
        );
    }
    out.push('\n');
    out
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `terrace presets`: every built-in preset with its version and entries.
pub fn presets() -> String {
    let mut s = String::new();
    for p in terrace_lint::presets::builtin() {
        s.push_str(&format!(
            "@{} (version {}): {}\n",
            p.name, p.version, p.description
        ));
        for e in p.entries {
            s.push_str(&format!("    {e}\n"));
        }
        s.push('\n');
    }
    s.push_str(
        "Use a preset in a contract's `forbidden` list, e.g. forbidden = [\"@infrastructure\"].\n",
    );
    s.push_str(
        "Define your own under [presets] in terrace.toml: messaging = [\"lapin\", \"rdkafka\"].\n",
    );
    s
}

/// The byte range of the token that starts at 1-based `column` of `line`,
/// for a caret under it: a path (`a::b::C`), a quoted string or a bare word.
pub(crate) fn token_range(line: &str, column: u32) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1) as usize)
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let len = if let Some(stripped) = rest.strip_prefix('"') {
        stripped.find('"').map_or(rest.len(), |i| i + 2)
    } else {
        let mut end = 0;
        let bytes = rest.as_bytes();
        while end < bytes.len() {
            let b = bytes[end];
            if b.is_ascii_alphanumeric()
                || b == b'_'
                || b == b'$'
                || b == b'#'
                || b == b'-'
                || b == b'@'
                || b == b'*'
                || b >= 0x80
            {
                end += 1;
            } else if b == b':' && bytes.get(end + 1) == Some(&b':') {
                end += 2;
            } else {
                break;
            }
        }
        while end > 0 && (bytes[end - 1] == b':' || bytes[end - 1] == b'-') {
            end -= 1;
        }
        // Stay on a character boundary.
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        end.max(rest.chars().next().map_or(0, char::len_utf8))
    };
    start..(start + len).min(line.len())
}

#[cfg(test)]
mod tests {
    use super::token_range;

    #[test]
    fn token_ranges() {
        assert_eq!(token_range("use sqlx::PgPool;", 5), 4..16);
        assert_eq!(token_range("    let p = sqlx::query(\"x\");", 13), 12..23);
        assert_eq!(token_range("use sqlx::{A, B};", 5), 4..8);
        assert_eq!(token_range("sea-orm = \"1\"", 1), 0..7);
        assert_eq!(token_range("x = \"a b\" # c", 5), 4..9);
        assert_eq!(token_range("let é = a::b();", 9), 9..13);
        assert_eq!(token_range("short", 40), 5..5);
    }
}

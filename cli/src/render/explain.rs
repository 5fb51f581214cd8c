//! `terrace explain CONTRACT`: a contract as terrace reads it (every entry
//! with its position, presets expanded and counted), then each violation
//! with its chain and the entries that make it one.

use std::fmt::Write as _;

use terrace_lint::config::{Contract, ContractKind, ModulePattern};
use terrace_lint::report::{Report, Violation};

use super::{because, message};

/// Entries as written: a preset's expansion collapsed into its `@name`.
fn entries(patterns: &[ModulePattern], config_file: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last_preset: Option<(&str, u32, u32)> = None;
    let mut count = 0;
    let flush = |out: &mut Vec<String>, preset: Option<(&str, u32, u32)>, count: usize| {
        if let Some((name, line, column)) = preset {
            out.push(format!(
                "@{name} ({config_file}:{line}:{column}): {count} entr{}",
                if count == 1 { "y" } else { "ies" }
            ));
        }
    };
    for p in patterns {
        let this = p
            .preset
            .as_deref()
            .map(|name| (name, p.pos.line, p.pos.column));
        if this.is_some() && this == last_preset {
            count += 1;
            continue;
        }
        flush(&mut out, last_preset, count);
        last_preset = this;
        count = 1;
        if this.is_none() {
            out.push(format!(
                "{} ({config_file}:{}:{})",
                p.text, p.pos.line, p.pos.column
            ));
        }
    }
    flush(&mut out, last_preset, count);
    out
}

fn section(out: &mut String, title: &str, lines: &[String]) {
    let _ = writeln!(out, "  {title}:");
    for l in lines {
        let _ = writeln!(out, "    {l}");
    }
}

fn violation(out: &mut String, i: usize, v: &Violation, config_file: &str) {
    let _ = writeln!(out, "\n{}. {}", i + 1, message(v));
    if !v.chain.is_empty() {
        let _ = writeln!(out, "   chain:");
        for l in &v.chain {
            let _ = writeln!(
                out,
                "     {}:{}:{}: `{}` imports `{}`",
                l.file, l.line, l.column, l.importer, l.imported
            );
        }
    } else {
        let _ = writeln!(out, "   at {}:{}:{}", v.file, v.line, v.column);
    }
    if !v.matched.is_empty() {
        let _ = writeln!(out, "   because:");
        for m in &v.matched {
            let _ = writeln!(out, "     {}", because(m, config_file));
        }
    }
}

/// Renders one contract and its violations.
pub fn explain(contract: &Contract, report: &Report, config_file: &str) -> String {
    let mut out = String::new();
    let kind = &contract.kind;
    let _ = writeln!(
        out,
        "contract `{}` ({}), {config_file}:{}:{}",
        contract.name,
        kind.type_name(),
        contract.pos.line,
        contract.pos.column
    );
    match kind {
        ContractKind::Forbidden { source, forbidden } => {
            let _ = writeln!(
                out,
                "  modules inside `source` must not import anything inside `forbidden`{}",
                if contract.allow_indirect {
                    " directly"
                } else {
                    ", directly or through other code of the workspace"
                }
            );
            section(&mut out, "source", &entries(source, config_file));
            section(&mut out, "forbidden", &entries(forbidden, config_file));
        }
        ContractKind::Allowed { source, allowed } => {
            let _ = writeln!(
                out,
                "  modules inside `source` may import only what `allowed` lists, `std`, `core`, \
                 `alloc` and modules inside `source`"
            );
            section(&mut out, "source", &entries(source, config_file));
            section(&mut out, "allowed", &entries(allowed, config_file));
        }
        ContractKind::Layers { layers } => {
            let _ = writeln!(
                out,
                "  a layer may import the layers below it, never one above{}; siblings \
                 (`a | b`) may not import each other",
                if contract.allow_indirect {
                    ""
                } else {
                    ", directly or through other code"
                }
            );
            let n = layers.len();
            let lines: Vec<String> = layers
                .iter()
                .enumerate()
                .map(|(i, layer)| {
                    format!(
                        "{} of {n}: {}",
                        i + 1,
                        entries(layer, config_file).join(" | ")
                    )
                })
                .collect();
            section(&mut out, "layers (top first)", &lines);
        }
        ContractKind::Independence { modules } => {
            let _ = writeln!(
                out,
                "  none of these modules may import another, directly or through other code"
            );
            section(&mut out, "modules", &entries(modules, config_file));
        }
        ContractKind::Acyclic { modules } => {
            let _ = writeln!(
                out,
                "  the children of each of these modules form no import cycle"
            );
            section(&mut out, "modules", &entries(modules, config_file));
        }
    }
    if !contract.ignore.is_empty() {
        let lines: Vec<String> = contract
            .ignore
            .iter()
            .map(|i| format!("{} ({config_file}:{}:{})", i.text, i.pos.line, i.pos.column))
            .collect();
        section(&mut out, "ignore", &lines);
    }
    if !contract.include_dev {
        let _ = writeln!(
            out,
            "  test, example and bench code left out (include_dev = false)"
        );
    }
    if let Some(reason) = &contract.reason {
        let _ = writeln!(out, "  reason: {reason}");
    }
    if let Some(help) = &contract.help {
        let _ = writeln!(out, "  help: {help}");
    }
    let violations: Vec<&Violation> = report
        .violations
        .iter()
        .filter(|v| v.contract == contract.name)
        .collect();
    let broken = violations.iter().filter(|v| !v.warning).count();
    if violations.is_empty() {
        let _ = writeln!(out, "\nkept: no import breaks it");
    } else {
        let _ = writeln!(
            out,
            "\n{}: {} violation{}{}",
            if broken > 0 { "broken" } else { "kept" },
            broken,
            if broken == 1 { "" } else { "s" },
            match violations.len() - broken {
                0 => String::new(),
                w => format!(", {w} warning{}", if w == 1 { "" } else { "s" }),
            }
        );
        for (i, v) in violations.iter().enumerate() {
            violation(&mut out, i, v, config_file);
        }
    }
    out
}

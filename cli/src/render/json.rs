//! `--format json`: the schema-1 document of DESIGN.md (fields may be
//! added, never renamed).

use serde_json::{Value, json};
use terrace_lint::report::{Link, Report};

fn link(l: &Link) -> Value {
    json!({
        "importer": l.importer,
        "imported": l.imported,
        "file": l.file,
        "line": l.line,
        "column": l.column,
    })
}

/// Renders a report as pretty-printed JSON with a trailing newline.
pub fn json(report: &Report) -> String {
    let broken = report.contracts.iter().filter(|c| !c.kept()).count();
    let doc = json!({
        "schema": 1,
        "summary": {
            "contracts": report.contracts.len(),
            "kept": report.contracts.len() - broken,
            "broken": broken,
            "violations": report.violations.iter().filter(|v| !v.warning).count(),
            "warnings": report.violations.iter().filter(|v| v.warning).count(),
            "files": report.files,
            "errors": report.errors.len(),
        },
        "contracts": report.contracts.iter().map(|c| json!({
            "name": c.name,
            "type": c.contract_type,
            "kept": c.kept(),
            "violations": c.violations,
            "reason": c.reason,
            "help": c.help,
        })).collect::<Vec<_>>(),
        "violations": report.violations.iter().map(|v| json!({
            "contract": v.contract,
            "contract_type": v.contract_type,
            "code": v.code.as_str(),
            "severity": if v.warning { "warning" } else { "error" },
            "importer": v.importer,
            "imported": v.imported,
            "file": v.file,
            "line": v.line,
            "column": v.column,
            "chain": v.chain.iter().map(link).collect::<Vec<_>>(),
            "reason": v.reason,
            "help": v.help,
            "matched": v.matched.iter().map(|m| json!({
                "module": m.module,
                "role": m.role,
                "layer": m.layer,
                "entry": m.entry,
                "preset": m.preset,
                "line": m.line,
                "column": m.column,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "errors": report.errors.iter().map(|e| json!({
            "file": e.file,
            "line": e.line,
            "column": e.column,
            "message": e.message,
        })).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

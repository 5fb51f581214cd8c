//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning. One rule per
//! contract (its `reason` and `help` as the rule's description and help), one
//! result per finding, the chain as related locations, and a fingerprint
//! that survives edits which only move lines.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Value, json};
use terrace_lint::report::{Link, Report, Violation};

use super::{Sources, fingerprint, message, token_range};

/// The rule id of files that could not be checked.
const PARSE_ERROR: &str = "parse-error";

fn region(sources: &mut Sources<'_>, file: &str, line: u32, column: u32) -> Value {
    let mut region = json!({ "startLine": line, "startColumn": column });
    if let Some(text) = sources.line(file, line) {
        let range = token_range(&text, column);
        let width = text[range].chars().count() as u32;
        if width > 0 {
            region["endColumn"] = json!(column + width);
        }
    }
    region
}

fn physical(sources: &mut Sources<'_>, prefix: &str, file: &str, line: u32, column: u32) -> Value {
    json!({
        "artifactLocation": {
            "uri": format!("{prefix}{file}"),
            "uriBaseId": "%SRCROOT%",
        },
        "region": region(sources, file, line, column),
    })
}

fn related(sources: &mut Sources<'_>, prefix: &str, v: &Violation) -> Vec<Value> {
    let n = v.chain.len();
    v.chain
        .iter()
        .enumerate()
        .map(|(i, l): (usize, &Link)| {
            json!({
                "id": i + 1,
                "physicalLocation": physical(sources, prefix, &l.file, l.line, l.column),
                "message": {
                    "text": format!("link {} of {n}: `{}` imports `{}`", i + 1, l.importer, l.imported)
                },
            })
        })
        .collect()
}

fn rule(name: &str, contract_type: &str, reason: Option<&str>, help: Option<&str>) -> Value {
    let short = format!("`{contract_type}` contract `{name}` of terrace.toml");
    let mut text = String::new();
    let mut markdown = String::new();
    if let Some(reason) = reason {
        text.push_str(&format!("Why: {reason}\n"));
        markdown.push_str(&format!("**Why:** {reason}\n\n"));
    }
    if let Some(help) = help {
        text.push_str(&format!("What to do: {help}\n"));
        markdown.push_str(&format!("**What to do:** {help}\n\n"));
    }
    let see = format!(
        "See contract `{name}` in terrace.toml; `terrace explain {name}` shows its entries \
         and why each import breaks it."
    );
    text.push_str(&see);
    markdown.push_str(&see);
    json!({
        "id": name,
        "shortDescription": { "text": short },
        "fullDescription": { "text": reason.unwrap_or(&short) },
        "help": { "text": text, "markdown": markdown },
        "defaultConfiguration": { "level": "error" },
        "properties": { "tags": ["architecture", contract_type] },
    })
}

/// The message of a result; for a chain, each link points at its related
/// location (`[text](id)`, which code scanning turns into a link).
fn result_message(v: &Violation) -> Value {
    let text = message(v);
    if v.chain.len() < 2 {
        return json!({ "text": text });
    }
    let esc = |s: &str| s.replace('[', "\\[").replace(']', "\\]");
    let links: Vec<String> = v
        .chain
        .iter()
        .enumerate()
        .map(|(i, l)| {
            format!(
                "[{} imports {}]({})",
                esc(&l.importer),
                esc(&l.imported),
                i + 1
            )
        })
        .collect();
    json!({ "text": format!("{text}: {}", links.join(", then ")) })
}

/// Renders a report as a SARIF 2.1.0 log. `root` is the workspace root (the
/// source lines give each region its end column and each result its
/// fingerprint); `prefix` is the workspace root relative to the repository
/// root (`""` or ending in `/`).
pub fn sarif(root: &Path, prefix: &str, report: &Report) -> String {
    let mut sources = Sources::new(root);
    let mut rules: Vec<Value> = report
        .contracts
        .iter()
        .map(|c| {
            rule(
                &c.name,
                c.contract_type,
                c.reason.as_deref(),
                c.help.as_deref(),
            )
        })
        .collect();
    let mut index: HashMap<&str, usize> = report
        .contracts
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.as_str(), i))
        .collect();
    if !report.errors.is_empty() && !index.contains_key(PARSE_ERROR) {
        index.insert(PARSE_ERROR, rules.len());
        rules.push(json!({
            "id": PARSE_ERROR,
            "shortDescription": { "text": "a file that terrace could not read or scan" },
            "help": { "text": "Fix the file so that it is valid UTF-8 and lexically valid Rust; the rest of the workspace was still checked." },
            "defaultConfiguration": { "level": "error" },
        }));
    }
    let mut results = Vec::new();
    // Identical lines (same contract and ends) are told apart by their
    // order, as code scanning's own line hashes are.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for v in &report.violations {
        let line_text = sources.line(&v.file, v.line).unwrap_or_default();
        let hash = fingerprint(v, &line_text);
        let n = seen.entry(hash.clone()).or_default();
        *n += 1;
        let hash = format!("{hash}:{n}");
        let mut result = json!({
            "ruleId": v.contract,
            "ruleIndex": index.get(v.contract.as_str()).copied().unwrap_or(0),
            "level": if v.warning { "warning" } else { "error" },
            "message": result_message(v),
            "locations": [{
                "physicalLocation": physical(&mut sources, prefix, &v.file, v.line, v.column),
            }],
            "partialFingerprints": { "terraceImport/v1": hash },
            "properties": {
                "code": v.code.as_str(),
                "contractType": v.contract_type,
                "importer": v.importer,
                "imported": v.imported,
            },
        });
        if v.chain.len() > 1 {
            result["relatedLocations"] = Value::Array(related(&mut sources, prefix, v));
        }
        results.push(result);
    }
    for e in &report.errors {
        results.push(json!({
            "ruleId": PARSE_ERROR,
            "ruleIndex": index[PARSE_ERROR],
            "level": "error",
            "message": { "text": format!("cannot check `{}`: {}", e.file, e.message) },
            "locations": [{
                "physicalLocation": physical(&mut sources, prefix, &e.file, e.line, e.column),
            }],
        }));
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "terrace",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/terrace-rs/terrace",
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

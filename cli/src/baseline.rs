//! Baselines: adopt `terrace check` on an existing code base by recording
//! today's violations (`--write-baseline FILE`) and failing only on new
//! ones (`--baseline FILE`).
//!
//! An entry matches a violation by contract, importer, imported and the
//! trimmed text of the offending source line, never by line number, so
//! edits that only move lines keep it matching. Entries are a multiset: two
//! identical lines need two entries. The file is JSON, sorted, one field
//! per line, so that it diffs well and shrinks as violations are fixed.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};
use terrace_lint::report::{Report, Violation};

use crate::render::Sources;

/// The version of the baseline format.
const SCHEMA: u64 = 1;

/// Contract, importer, imported, source line.
type Key = (String, String, String, String);

/// One recorded violation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    contract: String,
    file: String,
    importer: String,
    imported: String,
    code: String,
    source: String,
}

impl Entry {
    fn of(v: &Violation, sources: &mut Sources<'_>) -> Entry {
        Entry {
            contract: v.contract.clone(),
            file: v.file.clone(),
            importer: v.importer.clone(),
            imported: v.imported.clone(),
            code: v.code.as_str().to_owned(),
            source: sources
                .line(&v.file, v.line)
                .unwrap_or_default()
                .trim()
                .to_owned(),
        }
    }

    /// What a match compares (not the file, not the line).
    fn key(&self) -> Key {
        (
            self.contract.clone(),
            self.importer.clone(),
            self.imported.clone(),
            self.source.clone(),
        )
    }

    /// `contract: importer -> imported (file: source)`, for messages.
    pub fn describe(&self) -> String {
        format!(
            "{}: `{}` imports `{}` ({}: `{}`)",
            self.contract, self.importer, self.imported, self.file, self.source
        )
    }
}

/// The violations of a report as baseline entries, sorted (warnings are
/// not recorded: they never fail a check).
pub fn entries(root: &Path, report: &Report) -> Vec<Entry> {
    let mut sources = Sources::new(root);
    let mut out: Vec<Entry> = report
        .violations
        .iter()
        .filter(|v| !v.warning)
        .map(|v| Entry::of(v, &mut sources))
        .collect();
    out.sort();
    out
}

/// The baseline file for `entries`.
pub fn to_json(entries: &[Entry]) -> String {
    let doc = json!({
        "schema": SCHEMA,
        "violations": entries.iter().map(|e| json!({
            "contract": e.contract,
            "file": e.file,
            "importer": e.importer,
            "imported": e.imported,
            "code": e.code,
            "source": e.source,
        })).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// Why a baseline file cannot be used: a message and what to do.
#[derive(Debug)]
pub struct BaselineError {
    pub message: String,
    pub help: String,
}

/// Reads a baseline file.
pub fn load(path: &Path) -> Result<Vec<Entry>, BaselineError> {
    let write_help = format!(
        "record the current violations with `terrace check --write-baseline {}`",
        path.display()
    );
    let text = std::fs::read_to_string(path).map_err(|e| BaselineError {
        message: format!("cannot read baseline `{}`: {e}", path.display()),
        help: write_help.clone(),
    })?;
    let malformed = |what: String| BaselineError {
        message: format!("malformed baseline `{}`: {what}", path.display()),
        help: format!(
            "a baseline is written by terrace; fix the file or {}",
            write_help.replacen("record", "record it again:", 1)
        ),
    };
    let doc: Value = serde_json::from_str(&text).map_err(|e| malformed(e.to_string()))?;
    match doc.get("schema").and_then(Value::as_u64) {
        Some(SCHEMA) => {}
        Some(other) => {
            return Err(malformed(format!(
                "unknown schema {other}, expected {SCHEMA}"
            )));
        }
        None => return Err(malformed("no `schema` number".to_owned())),
    }
    let Some(list) = doc.get("violations").and_then(Value::as_array) else {
        return Err(malformed("no `violations` array".to_owned()));
    };
    let mut entries = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let field = |name: &str| {
            item.get(name)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| {
                    malformed(format!(
                        "entry {} of `violations` has no string `{name}`",
                        i + 1
                    ))
                })
        };
        entries.push(Entry {
            contract: field("contract")?,
            file: field("file")?,
            importer: field("importer")?,
            imported: field("imported")?,
            code: field("code").unwrap_or_default(),
            source: field("source")?,
        });
    }
    Ok(entries)
}

/// `entries` without `fixed` (each fixed entry removes one equal entry).
pub fn without(entries: &[Entry], fixed: &[Entry]) -> Vec<Entry> {
    let mut fixed: Vec<&Entry> = fixed.iter().collect();
    let mut out: Vec<Entry> = entries
        .iter()
        .filter(|e| match fixed.iter().position(|f| f == e) {
            Some(i) => {
                fixed.swap_remove(i);
                false
            }
            None => true,
        })
        .cloned()
        .collect();
    out.sort();
    out
}

/// What applying a baseline did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Violations the baseline knew, removed from the report.
    pub known: usize,
    /// Baseline entries that matched nothing: fixed since.
    pub fixed: Vec<Entry>,
}

/// Removes the violations that `baseline` records from `report` (and from
/// its contract counts) and returns which entries matched nothing.
pub fn apply(root: &Path, baseline: &[Entry], report: &mut Report) -> Outcome {
    let mut left: BTreeMap<Key, Vec<&Entry>> = BTreeMap::new();
    for e in baseline {
        left.entry(e.key()).or_default().push(e);
    }
    let mut sources = Sources::new(root);
    let mut known = 0;
    report.violations.retain(|v| {
        if v.warning {
            return true;
        }
        let entry = Entry::of(v, &mut sources);
        match left.get_mut(&entry.key()) {
            Some(list) if !list.is_empty() => {
                list.pop();
                known += 1;
                false
            }
            _ => true,
        }
    });
    for c in &mut report.contracts {
        c.violations = report
            .violations
            .iter()
            .filter(|v| !v.warning && v.contract == c.name)
            .count();
    }
    let mut fixed: Vec<Entry> = left.into_values().flatten().cloned().collect();
    fixed.sort();
    Outcome { known, fixed }
}

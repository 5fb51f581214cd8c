//! The fast scanner against the syn-based reference scanner
//! (`super::reference`): on every file syn can parse, both must report the
//! same import sites and module declarations.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::reference::{both, describe};

/// Panics with a readable diff when the scanners disagree on `text`.
fn agree(text: &str) {
    let Some((fast, reference)) = both(text, false) else {
        panic!("syn cannot parse:\n{text}");
    };
    let d = describe(&fast, &reference);
    assert!(d.is_empty(), "scanners disagree on:\n{text}\n{d}");
}

/// Every `.rs` file under `root`, sorted.
fn rust_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// Outcome of the differential over a set of files.
#[derive(Default)]
struct Tally {
    files: usize,
    parsed: usize,
    agreed: usize,
    /// (file, diff) of each disagreement.
    disagreements: Vec<(PathBuf, String)>,
}

/// True when the package owning `file` (nearest `Cargo.toml` with a
/// `[package]`) is of edition 2015 (also when it names no edition).
fn edition2015(file: &Path, cache: &mut HashMap<PathBuf, bool>) -> bool {
    let mut dir = file.parent();
    let mut seen = Vec::new();
    let mut found = false;
    while let Some(d) = dir {
        if let Some(&e) = cache.get(d) {
            found = e;
            break;
        }
        seen.push(d.to_path_buf());
        let manifest = std::fs::read_to_string(d.join("Cargo.toml"))
            .ok()
            .and_then(|t| t.parse::<toml_edit::DocumentMut>().ok());
        if let Some(doc) = manifest
            && let Some(package) = doc.get("package")
        {
            found = match package.get("edition") {
                None => true,
                Some(e) => e.as_str() == Some("2015"),
            };
            break;
        }
        dir = d.parent();
    }
    for d in seen {
        cache.insert(d, found);
    }
    found
}

/// For the sample, whose files are not in their packages: `*-e2015-*.rs`.
fn edition2015_by_name(file: &Path) -> bool {
    file.file_name()
        .is_some_and(|n| n.to_string_lossy().contains("-e2015-"))
}

fn differential(files: &[PathBuf]) -> Tally {
    use rayon::prelude::*;
    let mut cache = HashMap::new();
    let files: Vec<(PathBuf, bool)> = files
        .iter()
        .map(|f| {
            let e = edition2015_by_name(f) || edition2015(f, &mut cache);
            (f.clone(), e)
        })
        .collect();
    let results: Vec<(PathBuf, Option<String>, bool)> = files
        .par_iter()
        .filter_map(|(p, e2015)| {
            let text = std::fs::read_to_string(p).ok()?;
            Some(match both(&text, *e2015) {
                None => (p.clone(), None, true),
                Some((fast, reference)) => (p.clone(), Some(describe(&fast, &reference)), true),
            })
        })
        .collect();
    let mut t = Tally::default();
    for (p, d, read) in results {
        t.files += usize::from(read);
        if let Some(d) = d {
            t.parsed += 1;
            if d.is_empty() {
                t.agreed += 1;
            } else {
                t.disagreements.push((p, d));
            }
        }
    }
    t
}

fn assert_all_agree(dir: &Path) {
    let files = rust_files(dir);
    let t = differential(&files);
    let shown: Vec<String> = t
        .disagreements
        .iter()
        .map(|(p, d)| format!("{}:\n{d}", p.display()))
        .collect();
    assert!(
        t.disagreements.is_empty(),
        "{} of {} parsed files disagree:\n{}",
        t.disagreements.len(),
        t.parsed,
        shown.join("\n")
    );
}

/// The fixture workspaces of the CLI tests.
#[test]
fn cli_fixtures_agree() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures");
    if dir.is_dir() {
        assert_all_agree(&dir);
    }
}

/// Real-world files copied from the benchmark corpus.
#[test]
fn corpus_sample_agrees() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus-sample");
    let files = rust_files(&dir);
    assert!(files.len() >= 30, "the sample is missing");
    let t = differential(&files);
    assert_eq!(t.parsed, t.files, "every sample file parses with syn");
    assert_all_agree(&dir);
}

/// The differential over the whole benchmark corpus: `TERRACE_CORPUS=DIR
/// cargo test --release -p terrace-lint --lib whole_corpus -- --ignored
/// --nocapture` (DIR from `make-corpus.sh`). `TERRACE_CORPUS_SHOW=N`
/// prints the first N disagreements (default 20).
#[test]
#[ignore = "needs the benchmark corpus"]
#[allow(clippy::print_stderr)]
fn whole_corpus() {
    let Some(root) = std::env::var_os("TERRACE_CORPUS") else {
        return;
    };
    let show: usize = std::env::var("TERRACE_CORPUS_SHOW")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let files = rust_files(Path::new(&root));
    let t = differential(&files);
    for (p, d) in t.disagreements.iter().take(show) {
        eprintln!("{}:\n{d}", p.display());
    }
    eprintln!(
        "{} files, {} parsed by syn, {} agree, {} disagree",
        t.files,
        t.parsed,
        t.agreed,
        t.disagreements.len()
    );
}

#[test]
fn smoke() {
    agree("use a::{b, c::{self as d, *}};\nfn f() { x::y(); println!(\"{}\", q::r); }\n");
}

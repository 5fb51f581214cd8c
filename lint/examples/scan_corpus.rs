//! Times the scanner and the building of file summaries over a tree of
//! Rust sources (by default the benchmark corpus's `vendor/`).
//!
//! ```sh
//! cargo run --release -p terrace-lint --example scan_corpus -- [DIR] [--limit N] [--parallel] [--scan-only] [--lex-only] [--digest] [--repeat N]
//! ```
//!
//! Every `.rs` file under `DIR` is read into memory first (sorted by path,
//! the first `N` with `--limit`), then scanned and summarised, on one
//! thread unless `--parallel` (one thread keeps callgrind's counts
//! comparable). `--scan-only` stops after the scan, `--lex-only` after
//! the lexer (the sites reported are then tokens). `--digest` prints a
//! hash of every file's encoded summary, so that two commits can be shown
//! to produce the same summaries.

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;
use terrace_lint::scan;
use terrace_lint::summary::{FileSummary, Symbols};

struct Args {
    dir: PathBuf,
    limit: usize,
    parallel: bool,
    scan_only: bool,
    lex_only: bool,
    digest: bool,
    repeat: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-corpus/vendor"),
        limit: usize::MAX,
        parallel: false,
        scan_only: false,
        lex_only: false,
        digest: false,
        repeat: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            it.next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{name} takes a number"))
        };
        match a.as_str() {
            "--limit" => args.limit = number("--limit")?,
            "--repeat" => args.repeat = number("--repeat")?.max(1),
            "--parallel" => args.parallel = true,
            "--scan-only" => args.scan_only = true,
            "--lex-only" => args.lex_only = true,
            "--digest" => args.digest = true,
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => args.dir = PathBuf::from(a),
        }
    }
    Ok(args)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => rust_files(&path, out),
            Ok(t) if t.is_file() && path.extension().is_some_and(|x| x == "rs") => out.push(path),
            _ => {}
        }
    }
}

/// Scans and summarises one file; the summary's cache bytes with `digest`.
/// Never inlined, so that callgrind can count it alone
/// (`--toggle-collect=scan_corpus::one`).
#[inline(never)]
fn one(text: &str, symbols: &Mutex<Symbols>, args: &Args) -> (usize, Option<Vec<u8>>) {
    if args.lex_only {
        return (scan::lex_only(text), None);
    }
    if args.scan_only {
        let found = scan::scan(text, false);
        return (found.sites.len(), None);
    }
    let (summary, _) = FileSummary::summarize(text, false, symbols, false);
    let bytes = args.digest.then(|| {
        let symbols = symbols.lock().unwrap_or_else(|e| e.into_inner());
        summary.encode(&symbols)
    });
    (summary.sites.len(), bytes)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("scan_corpus: {e}");
            std::process::exit(2);
        }
    };
    let mut paths = Vec::new();
    rust_files(&args.dir, &mut paths);
    paths.sort();
    paths.truncate(args.limit);
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| String::from_utf8(std::fs::read(p).ok()?).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let symbols = Mutex::new(Symbols::default());
    let mut best = f64::MAX;
    let mut results = Vec::new();
    for _ in 0..args.repeat {
        let started = Instant::now();
        results = if args.parallel {
            texts.par_iter().map(|t| one(t, &symbols, &args)).collect()
        } else {
            texts.iter().map(|t| one(t, &symbols, &args)).collect()
        };
        best = best.min(started.elapsed().as_secs_f64());
    }
    let sites: usize = results.iter().map(|r| r.0).sum();
    println!(
        "{} files, {:.1} MB, {} sites: {:.3} s ({:.0} MB/s)",
        texts.len(),
        bytes as f64 / 1e6,
        sites,
        best,
        bytes as f64 / 1e6 / best
    );
    if args.digest {
        let mut h = DefaultHasher::new();
        for (_, b) in &results {
            let b = b.as_deref().unwrap_or(&[]);
            h.write_usize(b.len());
            h.write(b);
        }
        println!("digest {:016x}", h.finish());
    }
}

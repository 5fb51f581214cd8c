//! The workspace as terrace loads it against `cargo metadata`: the same
//! packages, each with the same targets (kind, edition, name and root
//! file) and the same dependencies (table, key, package and platform), on
//! every fixture cargo can read (and on the benchmark corpus, with
//! `TERRACE_CORPUS=DIR`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use terrace_lint::workspace::{self, DepKind, Edition, TargetKind};

use crate::support::{fixture, normalize};

/// A line per target and per dependency of every package.
type Loaded = BTreeSet<String>;

/// A target's line: package, kind, edition, name and root file.
fn target_line(package: &str, kind: &str, edition: &str, name: &str, root: &Path) -> String {
    let root = normalize(root);
    format!("{package} {kind}@{edition} {name} {}", root.display())
}

/// A dependency's line: package, table, key, package depended on and
/// platform, without spaces (cargo writes `cfg(a = "b")` for `cfg(a="b")`).
fn dependency_line(package: &str, kind: &str, key: &str, dep: &str, target: &str) -> String {
    let target: String = target.chars().filter(|c| !c.is_whitespace()).collect();
    format!("{package} {kind}-dependency {key}={dep}@{target}")
}

/// What cargo finds, or `None` when cargo cannot read the manifest.
fn cargo_loads(manifest: &Path) -> Option<Loaded> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
        ])
        .arg("--manifest-path")
        .arg(manifest)
        .output()
        .unwrap();
    if !out.status.success() {
        return None;
    }
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut lines = Loaded::new();
    for p in meta["packages"].as_array().unwrap() {
        let package = p["name"].as_str().unwrap();
        for t in p["targets"].as_array().unwrap() {
            let kind = match t["kind"][0].as_str().unwrap() {
                "bin" => "bin",
                "test" => "test",
                "example" => "example",
                "bench" => "bench",
                "custom-build" => "build",
                _ => "lib",
            };
            let name = match kind {
                "lib" => t["name"].as_str().unwrap().replace('-', "_"),
                "build" => "build".to_owned(),
                _ => t["name"].as_str().unwrap().to_owned(),
            };
            let edition = t["edition"].as_str().unwrap();
            let root = Path::new(t["src_path"].as_str().unwrap());
            lines.insert(target_line(package, kind, edition, &name, root));
        }
        for d in p["dependencies"].as_array().unwrap() {
            let kind = d["kind"].as_str().unwrap_or("normal");
            let dep = d["name"].as_str().unwrap();
            let key = d["rename"].as_str().unwrap_or(dep).replace('-', "_");
            let target = d["target"].as_str().unwrap_or_default();
            lines.insert(dependency_line(package, kind, &key, dep, target));
        }
    }
    Some(lines)
}

/// What terrace finds.
fn terrace_loads(manifest: &Path) -> Loaded {
    let ws = workspace::load(manifest).unwrap_or_else(|e| panic!("{}: {e:?}", manifest.display()));
    let mut lines = Loaded::new();
    for p in &ws.packages {
        for t in &p.targets {
            let kind = match t.kind {
                TargetKind::Lib => "lib",
                TargetKind::Bin => "bin",
                TargetKind::Test => "test",
                TargetKind::Example => "example",
                TargetKind::Bench => "bench",
                TargetKind::Build => "build",
            };
            let edition = match t.edition.unwrap_or(p.edition) {
                Edition::E2015 => "2015",
                Edition::E2018 => "2018",
                Edition::E2021 => "2021",
                Edition::E2024 => "2024",
            };
            lines.insert(target_line(&p.name, kind, edition, &t.name, &t.root));
        }
        for d in &p.dependencies {
            let kind = match d.kind {
                DepKind::Normal => "normal",
                DepKind::Dev => "dev",
                DepKind::Build => "build",
            };
            let target = d.target.as_deref().unwrap_or_default();
            lines.insert(dependency_line(&p.name, kind, &d.key, &d.package, target));
        }
    }
    lines
}

#[test]
fn targets_and_dependencies_are_the_ones_cargo_finds() {
    let mut compared = Vec::new();
    let mut failures = Vec::new();
    let fixtures = std::fs::read_dir(fixture(""))
        .unwrap()
        .map(|e| e.unwrap().path());
    // The benchmark corpus too, when `TERRACE_CORPUS` names it (see
    // `benches/check/make-corpus.sh`): 581 packages of real manifests.
    let corpus = std::env::var_os("TERRACE_CORPUS").map(PathBuf::from);
    for dir in fixtures.chain(corpus) {
        let manifest = dir.join("Cargo.toml");
        if !manifest.is_file() {
            continue;
        }
        // Canonical, as terrace's paths are.
        let manifest = manifest.canonicalize().unwrap();
        let Some(cargo) = cargo_loads(&manifest) else {
            continue;
        };
        let ours = terrace_loads(&manifest);
        if ours != cargo {
            let only = |a: &Loaded, b: &Loaded| a.difference(b).cloned().collect::<Vec<_>>();
            failures.push(format!(
                "{}:\n  cargo only:   {:?}\n  terrace only: {:?}",
                dir.display(),
                only(&cargo, &ours),
                only(&ours, &cargo)
            ));
        }
        compared.push(dir);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every fixture but the broken manifest is a workspace cargo reads.
    assert!(
        compared.len() >= 30,
        "only {} fixtures compared",
        compared.len()
    );
}

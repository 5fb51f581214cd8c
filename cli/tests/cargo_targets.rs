//! The workspace as terrace loads it against `cargo metadata`: the same
//! packages, each with the same targets (kind, edition, name and root
//! file) and the same dependencies (table, key, package and platform), on
//! every fixture cargo can read (and on the benchmark corpus, with
//! `TERRACE_CORPUS=DIR`).

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use terrace_lint::workspace::{self, DepKind, Edition, TargetKind};

use crate::support::fixture;

/// (package, kind@edition, name, root file) of every target, and (package,
/// table, key, package depended on, platform) of every dependency (root
/// file empty).
type Targets = BTreeSet<(String, String, String, PathBuf)>;

/// A dependency as a [`Targets`] entry: the platform without spaces
/// (cargo writes `cfg(a = "b")` for `cfg(a="b")`).
fn dependency(
    package: &str,
    kind: &str,
    key: &str,
    dep: &str,
    target: &str,
) -> (String, String, String, PathBuf) {
    let target: String = target.chars().filter(|c| !c.is_whitespace()).collect();
    (
        package.to_owned(),
        format!("{kind}-dependency"),
        format!("{key}={dep}@{target}"),
        PathBuf::new(),
    )
}

/// `path` without `.` and `..` components (lexically).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// The targets cargo finds, or `None` when cargo cannot read the manifest.
fn cargo_targets(manifest: &Path) -> Option<Targets> {
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
    let mut targets = Targets::new();
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
            let root = normalize(Path::new(t["src_path"].as_str().unwrap()));
            let kind = format!("{kind}@{}", t["edition"].as_str().unwrap());
            targets.insert((package.to_owned(), kind, name, root));
        }
        for d in p["dependencies"].as_array().unwrap() {
            let kind = d["kind"].as_str().unwrap_or("normal");
            let dep = d["name"].as_str().unwrap();
            let key = d["rename"].as_str().unwrap_or(dep).replace('-', "_");
            let target = d["target"].as_str().unwrap_or_default();
            targets.insert(dependency(package, kind, &key, dep, target));
        }
    }
    Some(targets)
}

fn terrace_targets(manifest: &Path) -> Targets {
    let ws = workspace::load(manifest).unwrap_or_else(|e| panic!("{}: {e:?}", manifest.display()));
    let mut targets = Targets::new();
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
            let root = normalize(&t.root);
            let edition = match t.edition.unwrap_or(p.edition) {
                Edition::E2015 => "2015",
                Edition::E2018 => "2018",
                Edition::E2021 => "2021",
                Edition::E2024 => "2024",
            };
            let kind = format!("{kind}@{edition}");
            targets.insert((p.name.clone(), kind, t.name.clone(), root));
        }
        for d in &p.dependencies {
            let kind = match d.kind {
                DepKind::Normal => "normal",
                DepKind::Dev => "dev",
                DepKind::Build => "build",
            };
            let target = d.target.as_deref().unwrap_or_default();
            targets.insert(dependency(&p.name, kind, &d.key, &d.package, target));
        }
    }
    targets
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
        let Some(cargo) = cargo_targets(&manifest) else {
            continue;
        };
        let ours = terrace_targets(&manifest);
        if ours != cargo {
            let only = |a: &Targets, b: &Targets| a.difference(b).cloned().collect::<Vec<_>>();
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

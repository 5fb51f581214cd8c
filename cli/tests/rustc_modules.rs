//! The files a check reads against the files rustc reads, on layouts that
//! exercise every rule of module resolution (`mod` files, inline modules,
//! `#[path]`, `include!`, mod.rs and non-mod.rs files). Each layout also
//! holds decoys: the files a wrong rule would pick. rustc's answer is its
//! dep-info (`--emit=dep-info`); terrace's, the files its violations are
//! in (every file imports the crate the contract forbids).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

use crate::support::{self, terrace, write};

/// Every file of a layout starts with this import of `dep`.
const IMPORT: &str = "#[allow(unused_imports)]\nuse dep as _;\n";

/// `(name, [(path, contents)])`; `@` in contents stands for [`IMPORT`].
const LAYOUTS: &[(&str, &[(&str, &str)])] = &[
    (
        "mod files and mod.rs",
        &[
            ("src/lib.rs", "@pub mod a;\npub mod b;\n"),
            ("src/a.rs", "@pub mod c;\n"),
            ("src/a/c.rs", "@"),
            ("src/b/mod.rs", "@pub mod d;\n"),
            ("src/b/d.rs", "@"),
            ("src/c.rs", "@"),
        ],
    ),
    (
        "inline modules of a non-mod.rs file",
        &[
            ("src/lib.rs", "@pub mod foo;\n"),
            ("src/foo.rs", "@pub mod a { pub mod b { pub mod c; } }\n"),
            ("src/foo/a/b/c.rs", "@"),
            ("src/a/b/c.rs", "@"),
        ],
    ),
    (
        "include! at the crate root",
        &[
            ("src/lib.rs", "@include!(\"g/inc.rs\");\n"),
            ("src/g/inc.rs", "@pub mod m;\n"),
            ("src/g/m.rs", "@"),
            ("src/m.rs", "@"),
        ],
    ),
    (
        "include! in a non-mod.rs file",
        &[
            ("src/lib.rs", "@pub mod foo;\n"),
            ("src/foo.rs", "@include!(\"g/inc.rs\");\n"),
            ("src/g/inc.rs", "@pub mod m;\n"),
            ("src/g/m.rs", "@"),
            ("src/foo/m.rs", "@"),
            ("src/foo/g/m.rs", "@"),
        ],
    ),
    (
        "include! in an inline module",
        &[
            ("src/lib.rs", "@pub mod a { include!(\"g/inc.rs\"); }\n"),
            ("src/g/inc.rs", "@pub mod m;\n"),
            ("src/g/m.rs", "@"),
            ("src/a/m.rs", "@"),
            ("src/a/g/m.rs", "@"),
        ],
    ),
    (
        "inline module in an included file",
        &[
            ("src/lib.rs", "@include!(\"g/inc.rs\");\n"),
            ("src/g/inc.rs", "@pub mod b { pub mod c; }\n"),
            ("src/g/b/c.rs", "@"),
            ("src/b/c.rs", "@"),
        ],
    ),
    (
        "#[path] in an included file",
        &[
            ("src/lib.rs", "@pub mod foo;\n"),
            ("src/foo.rs", "@include!(\"g/inc.rs\");\n"),
            ("src/g/inc.rs", "@#[path = \"p.rs\"] pub mod q;\n"),
            ("src/g/p.rs", "@"),
            ("src/p.rs", "@"),
            ("src/foo/p.rs", "@"),
        ],
    ),
    (
        "include! in an included file",
        &[
            ("src/lib.rs", "@include!(\"g/inc.rs\");\n"),
            ("src/g/inc.rs", "@include!(\"h/inc2.rs\");\n"),
            ("src/g/h/inc2.rs", "@pub mod m;\n"),
            ("src/g/h/m.rs", "@"),
            ("src/g/m.rs", "@"),
            ("src/h/inc2.rs", "@"),
        ],
    ),
    (
        "include! of a file in the parent directory",
        &[
            ("src/lib.rs", "@pub mod a;\n"),
            ("src/a/mod.rs", "@include!(\"../shared.rs\");\n"),
            ("src/shared.rs", "@pub mod s;\n"),
            ("src/s.rs", "@"),
            ("src/a/s.rs", "@"),
        ],
    ),
    (
        "#[path] on an inline module of a mod.rs file",
        &[
            ("src/lib.rs", "@#[path = \"qq\"] pub mod m { pub mod n; }\n"),
            ("src/qq/n.rs", "@"),
            ("src/m/n.rs", "@"),
        ],
    ),
    (
        "#[path] on an inline module of a non-mod.rs file",
        &[
            ("src/lib.rs", "@pub mod foo;\n"),
            ("src/foo.rs", "@#[path = \"qq\"] pub mod m { pub mod n; }\n"),
            ("src/qq/n.rs", "@"),
            ("src/foo/qq/n.rs", "@"),
        ],
    ),
    (
        "#[path] on an inline module inside an inline module",
        &[
            ("src/lib.rs", "@pub mod foo;\n"),
            (
                "src/foo.rs",
                "@pub mod a { #[path = \"qq\"] pub mod m { pub mod n; } }\n",
            ),
            ("src/foo/a/qq/n.rs", "@"),
            ("src/qq/n.rs", "@"),
            ("src/a/qq/n.rs", "@"),
        ],
    ),
    (
        "#[path] inline modules nested",
        &[
            ("src/lib.rs", "@pub mod foo;\n"),
            (
                "src/foo.rs",
                "@#[path = \"a\"] pub mod x { #[path = \"b\"] pub mod y { pub mod z; } }\n",
            ),
            ("src/a/b/z.rs", "@"),
            ("src/foo/a/b/z.rs", "@"),
        ],
    ),
    (
        "#[path] declaration inside an inline module",
        &[
            ("src/lib.rs", "@pub mod foo;\n"),
            (
                "src/foo.rs",
                "@pub mod a { #[path = \"x.rs\"] pub mod m; }\n",
            ),
            ("src/foo/a/x.rs", "@pub mod k;\n"),
            ("src/foo/a/k.rs", "@"),
            ("src/x.rs", "@"),
            ("src/foo/a/x/k.rs", "@"),
        ],
    ),
    (
        "children of a #[path] file",
        &[
            ("src/lib.rs", "@#[path = \"other/thing.rs\"] pub mod t;\n"),
            ("src/other/thing.rs", "@pub mod u;\n"),
            ("src/other/u.rs", "@"),
            ("src/other/thing/u.rs", "@"),
        ],
    ),
    (
        "inline module in a #[path] file",
        &[
            ("src/lib.rs", "@#[path = \"p/q.rs\"] pub mod q;\n"),
            ("src/p/q.rs", "@pub mod a { pub mod b; }\n"),
            ("src/p/a/b.rs", "@"),
            ("src/p/q/a/b.rs", "@"),
        ],
    ),
    (
        "#[path] module in a function body",
        &[
            ("src/lib.rs", "@pub mod foo;\n"),
            ("src/foo.rs", "@pub fn f() { #[path = \"p.rs\"] mod q; }\n"),
            ("src/p.rs", "@"),
            ("src/foo/p.rs", "@"),
        ],
    ),
    (
        "#[path] out of the source directory",
        &[
            ("src/lib.rs", "@pub mod a;\n"),
            ("src/a.rs", "@#[path = \"../extra/e.rs\"] pub mod e;\n"),
            ("extra/e.rs", "@pub mod f;\n"),
            ("extra/f.rs", "@"),
            ("extra/e/f.rs", "@"),
        ],
    ),
    (
        "#[path] to a mod.rs",
        &[
            ("src/lib.rs", "@pub mod a;\n"),
            ("src/a.rs", "@#[path = \"b/mod.rs\"] pub mod bb;\n"),
            ("src/b/mod.rs", "@pub mod c;\n"),
            ("src/b/c.rs", "@"),
            ("src/a/b/c.rs", "@"),
        ],
    ),
];

/// rustc, ready to compile the edition 2021 library crate `name`.
fn rustc_lib(name: &str) -> Command {
    let mut rustc = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned()));
    rustc.args([
        "--edition",
        "2021",
        "--crate-type",
        "lib",
        "--crate-name",
        name,
    ]);
    rustc
}

/// The `dep` crate every layout imports, built once.
fn dep_rlib() -> &'static Path {
    static DEP: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, rlib) = DEP.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "dep.rs", "pub struct Dep;\n");
        let rlib = dir.path().join("libdep.rlib");
        let out = rustc_lib("dep")
            .arg("-o")
            .arg(&rlib)
            .arg(dir.path().join("dep.rs"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (dir, rlib)
    });
    rlib
}

/// `path`, normalized, with `/` between components.
fn normalize(path: &str) -> String {
    support::normalize(Path::new(path))
        .to_string_lossy()
        .replace('\\', "/")
}

/// The source files rustc reads for the crate in `dir`.
fn read_by_rustc(dir: &Path) -> Result<BTreeSet<String>, String> {
    let out = rustc_lib("c")
        .arg("--emit=dep-info=dep.d")
        .arg("--extern")
        .arg(format!("dep={}", dep_rlib().display()))
        .arg("src/lib.rs")
        .current_dir(dir)
        .output()
        .unwrap();
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let info = std::fs::read_to_string(dir.join("dep.d")).unwrap();
    let first = info.lines().next().unwrap_or_default();
    let (_, files) = first.split_once(": ").unwrap_or_default();
    Ok(files.split_whitespace().map(normalize).collect())
}

/// The source files a check of the package in `dir` read.
fn read_by_terrace(dir: &Path) -> Result<BTreeSet<String>, String> {
    let run = terrace(dir, &["check", "--no-cache", "--format", "json"]);
    let report: Value =
        serde_json::from_str(&run.stdout).map_err(|e| format!("{e}: {}", run.all()))?;
    Ok(report["violations"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["file"].as_str())
        .filter(|f| f.ends_with(".rs"))
        .map(normalize)
        .collect())
}

#[test]
fn a_check_reads_the_files_rustc_reads() {
    let mut failures = Vec::new();
    for (name, files) in LAYOUTS {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (path, contents) in *files {
            write(root, path, contents.replace('@', IMPORT));
        }
        write(
            root,
            "Cargo.toml",
            "[package]\nname = \"c\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\ndep = \"1\"\n",
        );
        write(
            root,
            "terrace.toml",
            "[[contracts]]\nname = \"no-dep\"\ntype = \"forbidden\"\nsource = [\"c\"]\nforbidden = [\"dep\"]\n",
        );
        let rustc = read_by_rustc(root).unwrap_or_else(|e| panic!("rustc rejects `{name}`:\n{e}"));
        // Every layout has a decoy that only a wrong rule reads.
        assert!(rustc.len() < files.len(), "`{name}` has no decoy");
        let ours = read_by_terrace(root).unwrap_or_else(|e| panic!("`{name}`: {e}"));
        if ours != rustc {
            failures.push(format!(
                "{name}:\n  rustc:   {rustc:?}\n  terrace: {ours:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

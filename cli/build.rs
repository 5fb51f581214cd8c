//! Embeds the scaffolding templates (`templates/` at the repository root)
//! into the binary: writes `$OUT_DIR/templates.rs`, a sorted list of
//! `(relative path, contents)` pairs read with `include_str!`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The template sets; `templates/README.md` documents them and is not one.
const SETS: &[&str] = &["new", "aggregate", "insert"];

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let root = manifest_dir
        .parent()
        .expect("the cli crate sits in the workspace")
        .join("templates");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    for set in SETS {
        collect(&root, &root.join(set), &mut files);
    }
    files.sort();
    let mut out = String::from("/// The embedded templates: path under `templates/`, contents.\n");
    out.push_str("pub(crate) static EMBEDDED: &[(&str, &str)] = &[\n");
    for (rel, abs) in &files {
        writeln!(out, "    ({rel:?}, include_str!({abs:?})),").expect("writing to a String");
    }
    out.push_str("];\n");
    let dest =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("templates.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("readable template directory").path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let rel = path.strip_prefix(root).expect("under the root");
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push((rel.join("/"), path.display().to_string()));
        }
    }
}

//! terrace checks its own layering: the repository passes, and a scratch
//! copy with a broken layer fails.

use std::path::Path;

use crate::support::{copy_tree, repo_root, write};

fn terrace(dir: &Path, args: &[&str]) -> (i32, String) {
    let run = crate::support::terrace(dir, args);
    (run.code, run.all())
}

#[test]
fn this_repository_keeps_its_contracts() {
    let (code, out) = terrace(&repo_root(), &["check", "--color", "never"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("contract `crate-layers` (layers): kept"),
        "{out}"
    );
}

#[test]
fn a_broken_layer_in_a_copy_of_this_repository_fails() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&repo_root(), tmp.path(), &["target", ".git", "fixtures"]);
    let scan = tmp.path().join("lint/src/scan/mod.rs");
    let text = std::fs::read_to_string(&scan).unwrap();
    std::fs::write(&scan, format!("use crate::model::Model;\n{text}")).unwrap();

    let (code, out) = terrace(tmp.path(), &["check", "--color", "never"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[layer-violation]: `terrace_lint::scan` imports `terrace_lint::model`, a layer above it (contract `lint-engine-layers`)"),
        "{out}"
    );
    assert!(out.contains("--> lint/src/scan/mod.rs:1:5"), "{out}");
}

/// The check cache: written on the first run, a changed file is rescanned,
/// a changed manifest is reread, a damaged cache is ignored, `--no-cache`
/// keeps none.
#[test]
fn the_scan_cache_never_hides_a_change() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let write = |path: &str, text: &str| write(root, path, text);
    write(
        "Cargo.toml",
        "[package]\nname = \"shop\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nsqlx = \"0.8\"\n\n[workspace]\n",
    );
    write(
        "terrace.toml",
        "[[contracts]]\nname = \"pure\"\ntype = \"forbidden\"\nsource = [\"shop::domain\"]\nforbidden = [\"sqlx\"]\n",
    );
    write("src/lib.rs", "pub mod domain;\npub mod db;\n");
    write("src/domain.rs", "pub struct Order;\n");
    write("src/db.rs", "use sqlx::PgPool;\n");
    let cache = root.join("target/terrace/check-cache-v4");

    let (code, out) = terrace(root, &["check", "--color", "never"]);
    assert_eq!(code, 0, "{out}");
    assert!(cache.is_file());
    assert!(cache.with_extension("pack").is_file());

    write("src/domain.rs", "pub struct Order;\nuse sqlx::Row;\n");
    let (code, out) = terrace(root, &["check", "--color", "never"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("--> src/domain.rs:2:5"), "{out}");

    std::fs::write(&cache, b"terrace-check-cache\0 garbage").unwrap();
    let (code, out) = terrace(root, &["check", "--color", "never"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("--> src/domain.rs:2:5"), "{out}");

    std::fs::write(
        cache.with_extension("pack"),
        b"terrace-check-pack\0 garbage",
    )
    .unwrap();
    let (code, out) = terrace(root, &["check", "--color", "never"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("--> src/domain.rs:2:5"), "{out}");

    // Without the dependency, `sqlx::Row` names nothing the contract forbids.
    write(
        "Cargo.toml",
        "[package]\nname = \"shop\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n",
    );
    let (code, out) = terrace(root, &["check", "--color", "never"]);
    assert_eq!(code, 0, "{out}");
    write(
        "Cargo.toml",
        "[package]\nname = \"shop\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nsqlx = \"0.8\"\n\n[workspace]\n",
    );
    let (code, out) = terrace(root, &["check", "--color", "never"]);
    assert_eq!(code, 1, "{out}");

    std::fs::remove_dir_all(root.join("target")).unwrap();
    let (code, _) = terrace(root, &["check", "--no-cache"]);
    assert_eq!(code, 1);
    assert!(!root.join("target").exists());
}

/// The cache's last outcome is not reused when a file that was missing
/// appears: an explicit target's root, a `mod` declaration's file.
#[test]
fn the_check_cache_notices_files_that_appear() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let write = |path: &str, text: &str| write(root, path, text);
    write(
        "Cargo.toml",
        "[package]\nname = \"shop\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nsqlx = \"0.8\"\n\n[[bin]]\nname = \"tool\"\npath = \"tools/tool.rs\"\n\n[workspace]\n",
    );
    write(
        "terrace.toml",
        "[[contracts]]\nname = \"pure\"\ntype = \"forbidden\"\nsource = [\"shop\"]\nforbidden = [\"sqlx\"]\n",
    );
    write("src/lib.rs", "pub mod domain;\n");
    let (code, out) = terrace(root, &["check", "--color", "never"]);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("src/domain"), "{out}");

    write("src/domain.rs", "use sqlx::Row;\n");
    let (code, out) = terrace(root, &["check", "--color", "never"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("--> src/domain.rs:1:5"), "{out}");

    write("tools/tool.rs", "fn main() { sqlx::query(); }\n");
    let (code, out) = terrace(root, &["check", "--color", "never", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("\"file\": \"tools/tool.rs\""), "{out}");
}

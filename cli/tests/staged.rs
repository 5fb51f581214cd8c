//! `terrace check --staged` checks what the next commit holds: the index,
//! not the working tree.

use std::path::Path;
use std::process::Command;

use crate::support::{terrace, write};

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository whose workspace lives in `shop/`, with a purity contract.
fn repository() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(
        root,
        "shop/Cargo.toml",
        "[package]\nname = \"shop\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nsqlx = \"0.8\"\n\n[workspace]\n",
    );
    write(
        root,
        "shop/terrace.toml",
        "[[contracts]]\nname = \"pure\"\ntype = \"forbidden\"\nsource = [\"shop::domain\"]\nforbidden = [\"sqlx\"]\n",
    );
    write(root, "shop/src/lib.rs", "pub mod domain;\npub mod db;\n");
    write(root, "shop/src/domain.rs", "pub struct Order;\n");
    write(root, "shop/src/db.rs", "use sqlx::PgPool;\n");
    git(root, &["init", "--quiet"]);
    git(root, &["add", "."]);
    tmp
}

#[test]
fn an_unstaged_violation_is_not_checked_a_staged_one_is() {
    let tmp = repository();
    let shop = tmp.path().join("shop");

    write(
        tmp.path(),
        "shop/src/domain.rs",
        "pub struct Order;\nuse sqlx::Row;\n",
    );
    let run = terrace(&shop, &["check", "--color", "never"]);
    assert_eq!(run.code, 1, "{}", run.all());
    let run = terrace(&shop, &["check", "--staged", "--color", "never"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout.contains("contract `pure` (forbidden): kept"),
        "{}",
        run.all()
    );

    git(tmp.path(), &["add", "shop/src/domain.rs"]);
    // Fixed on disk, still broken in the index: the commit would be broken.
    write(tmp.path(), "shop/src/domain.rs", "pub struct Order;\n");
    let run = terrace(&shop, &["check", "--color", "never"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let run = terrace(&shop, &["check", "--staged", "--color", "never"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout.contains("--> src/domain.rs:2:5"),
        "{}",
        run.all()
    );
    assert!(run.stdout.contains("2 | use sqlx::Row;"), "{}", run.all());
}

#[test]
fn staged_reports_carry_repository_paths_and_write_no_cache() {
    let tmp = repository();
    write(
        tmp.path(),
        "shop/src/domain.rs",
        "pub struct Order;\nuse sqlx::Row;\n",
    );
    git(tmp.path(), &["add", "."]);
    let manifest = tmp.path().join("shop/Cargo.toml");
    let run = terrace(
        tmp.path(),
        &[
            "check",
            "--staged",
            "--format",
            "github",
            "--manifest-path",
            manifest.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout
            .starts_with("::error file=shop/src/domain.rs,line=2,col=5,"),
        "{}",
        run.stdout
    );
    assert!(!tmp.path().join("shop/target").exists());
}

#[test]
fn staged_outside_a_repository_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "Cargo.toml",
        "[package]\nname = \"shop\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n",
    );
    write(tmp.path(), "src/lib.rs", "");
    let run = terrace(tmp.path(), &["check", "--staged", "--color", "never"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr
            .starts_with("error: `--staged` needs a git repository: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("drop `--staged` to check the files on disk"),
        "{}",
        run.stderr
    );
}

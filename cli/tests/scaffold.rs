//! `terrace new` and `terrace add aggregate`: the rendered tree (snapshots),
//! every refusal of bad input, and a generated workspace that builds, passes
//! its tests and its architecture check.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::repo_root;
use terrace_cli::scaffold::{self, TerraceSource, names, render::Templates};

/// Runs `terrace` in `dir`; returns the exit code, stdout and stderr.
fn terrace(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_terrace"))
        .args(args)
        .current_dir(dir)
        .env_remove("CARGO_TARGET_DIR")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every file under `dir` (relative, sorted) with its contents, `.git`
/// left out.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}

/// A workspace made by `terrace new shop` in a fresh temporary directory.
fn new_shop() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, err) = terrace(tmp.path(), &["new", "shop"]);
    assert_eq!(code, 0, "{err}");
    tmp
}

fn project() -> names::ProjectName {
    names::project("shop").unwrap()
}

// ---------------------------------------------------------------- snapshots

#[test]
fn rendered_tree() {
    let files = scaffold::generate_project(
        &Templates::embedded(),
        &project(),
        &TerraceSource::Path(PathBuf::from("[TERRACE]")),
    )
    .unwrap();
    let list: Vec<&str> = files.keys().map(String::as_str).collect();
    insta::assert_snapshot!("new.files", list.join("\n"));
    for file in [
        "Cargo.toml",
        "terrace.toml",
        "crates/domain/Cargo.toml",
        "crates/domain/src/lib.rs",
        "crates/domain/src/product.rs",
        "crates/service_layer/Cargo.toml",
        "crates/service_layer/src/unit_of_work.rs",
        "crates/service_layer/src/product.rs",
        "crates/adapters/Cargo.toml",
        "crates/adapters/src/lib.rs",
        "crates/entrypoints/Cargo.toml",
        "crates/entrypoints/src/lib.rs",
        "crates/entrypoints/src/product.rs",
        "crates/entrypoints/tests/api/product.rs",
        ".github/workflows/ci.yml",
    ] {
        insta::assert_snapshot!(format!("new.{file}"), files[file]);
    }
}

#[test]
fn rendered_manifest_with_a_registry_release() {
    let files = scaffold::generate_project(
        &Templates::embedded(),
        &project(),
        &TerraceSource::Version("0.1.0".into()),
    )
    .unwrap();
    let deps: Vec<&str> = files["Cargo.toml"]
        .lines()
        .filter(|l| l.starts_with("terrace"))
        .collect();
    assert_eq!(
        deps,
        [
            r#"terrace = { version = "0.1.0" }"#,
            r#"terrace-sql = { version = "0.1.0" }"#
        ]
    );
}

#[test]
fn rendered_aggregate() {
    let existing = scaffold::generate_project(
        &Templates::embedded(),
        &project(),
        &TerraceSource::Path(PathBuf::from("[TERRACE]")),
    )
    .unwrap();
    let fields = [
        names::field("qty:u32").unwrap(),
        names::field("note:Option<String>").unwrap(),
    ];
    let generated = scaffold::generate_aggregate(
        &Templates::embedded(),
        &project(),
        &names::aggregate("order_line").unwrap(),
        &fields,
        &existing,
    )
    .unwrap();
    let created: Vec<&str> = generated.created.keys().map(String::as_str).collect();
    insta::assert_snapshot!("aggregate.files", created.join("\n"));
    insta::assert_snapshot!(
        "aggregate.domain",
        generated.created["crates/domain/src/order_line.rs"]
    );
    for file in [
        "crates/domain/src/lib.rs",
        "crates/service_layer/src/unit_of_work.rs",
        "crates/adapters/src/lib.rs",
        "crates/entrypoints/src/lib.rs",
    ] {
        insta::assert_snapshot!(format!("aggregate.edited.{file}"), generated.edited[file]);
    }
}

#[test]
fn help_of_new() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, out, _) = terrace(tmp.path(), &["new", "--help"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("new.help", out);
}

#[test]
fn help_of_add_aggregate() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, out, _) = terrace(tmp.path(), &["add", "aggregate", "--help"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("add-aggregate.help", out);
}

#[test]
fn dry_run_of_new_prints_the_plan_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, out, err) = terrace(tmp.path(), &["new", "shop", "--dry-run"]);
    assert_eq!((code, err.as_str()), (0, ""));
    insta::assert_snapshot!("new.dry-run", out);
    assert!(tree(tmp.path()).is_empty());
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn dry_run_of_add_aggregate_prints_the_plan_and_writes_nothing() {
    let tmp = new_shop();
    let shop = tmp.path().join("shop");
    let before = tree(&shop);
    let (code, out, err) = terrace(&shop, &["add", "aggregate", "Order", "--dry-run"]);
    assert_eq!((code, err.as_str()), (0, ""));
    insta::assert_snapshot!("add-aggregate.dry-run", out);
    assert_eq!(tree(&shop), before);
}

// ---------------------------------------------------------------- bad input

/// Runs `terrace new` with bad input: the exit code and stderr, and checks
/// that nothing was written.
fn refused_new(args: &[&str]) -> (i32, String) {
    let tmp = tempfile::tempdir().unwrap();
    let (code, out, err) = terrace(tmp.path(), args);
    assert_eq!(out, "");
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "wrote something"
    );
    (code, err)
}

const NAME_HELP: &str = " |\n = help: use a name like `shop` or `my-shop`: ASCII letters, digits, `-` and `_`, not a keyword; `--name NAME` names the project apart from its directory\n";

#[test]
fn a_keyword_is_not_a_project_name() {
    assert_eq!(
        refused_new(&["new", "fn"]),
        (
            2,
            format!("error: invalid project name `fn`: it is a Rust keyword\n{NAME_HELP}")
        )
    );
}

#[test]
fn a_project_name_cannot_start_with_a_digit() {
    assert_eq!(
        refused_new(&["new", "1shop"]),
        (
            2,
            format!(
                "error: invalid project name `1shop`: it cannot start with a digit\n{NAME_HELP}"
            )
        )
    );
}

#[test]
fn a_project_name_has_no_path_separator() {
    assert_eq!(
        refused_new(&["new", "shop", "--name", "a/b"]),
        (
            2,
            format!("error: invalid project name `a/b`: it contains a path separator\n{NAME_HELP}")
        )
    );
}

#[test]
fn a_project_name_has_no_traversal() {
    assert_eq!(
        refused_new(&["new", "shop", "--name", ".."]),
        (
            2,
            format!(
                "error: invalid project name `..`: it contains `..` (path traversal)\n{NAME_HELP}"
            )
        )
    );
}

#[test]
fn a_project_name_is_not_empty() {
    assert_eq!(
        refused_new(&["new", "shop", "--name", ""]),
        (
            2,
            format!("error: invalid project name ``: it is empty\n{NAME_HELP}")
        )
    );
}

#[test]
fn a_non_empty_directory_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("shop")).unwrap();
    std::fs::write(tmp.path().join("shop/notes.txt"), "mine").unwrap();
    let (code, out, err) = terrace(tmp.path(), &["new", "shop"]);
    assert_eq!((code, out.as_str()), (3, ""));
    assert_eq!(
        err,
        "error: directory `shop` exists and is not empty\n |\n = help: choose a new path, or pass `--force` to write into it (files that differ are overwritten; `--dry-run` shows which)\n"
    );
    assert_eq!(tree(&tmp.path().join("shop")).len(), 1);
}

#[test]
fn an_empty_directory_is_used() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("shop")).unwrap();
    let (code, _, err) = terrace(tmp.path(), &["new", "shop"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        tmp.path()
            .join("shop/crates/domain/src/product.rs")
            .is_file()
    );
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "no staging directory is left"
    );
}

#[test]
fn identical_files_are_reported_identical() {
    let tmp = new_shop();
    let before = tree(&tmp.path().join("shop"));
    let (code, out, err) = terrace(tmp.path(), &["new", "shop", "--force"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out.lines()
            .filter(|l| l.starts_with("  identical  "))
            .count(),
        before.len()
    );
    assert!(out.contains("\n21 identical\n"), "{out}");
    assert_eq!(tree(&tmp.path().join("shop")), before);
}

#[test]
fn force_overwrites_what_differs_and_keeps_the_rest() {
    let tmp = new_shop();
    let shop = tmp.path().join("shop");
    std::fs::write(shop.join("README.md"), "changed").unwrap();
    std::fs::write(shop.join("notes.txt"), "mine").unwrap();
    let (code, out, err) = terrace(tmp.path(), &["new", "shop", "--force"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("  overwrite  README.md\n"), "{out}");
    assert!(out.contains("\n1 to overwrite, 20 identical\n"), "{out}");
    assert_eq!(
        std::fs::read_to_string(shop.join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(
        std::fs::read_to_string(shop.join("README.md"))
            .unwrap()
            .starts_with("# shop")
    );
}

#[test]
fn a_conflict_without_force_writes_nothing() {
    let tmp = new_shop();
    let shop = tmp.path().join("shop");
    std::fs::write(shop.join("crates/domain/src/order.rs"), "// mine\n").unwrap();
    let before = tree(&shop);
    let (code, out, err) = terrace(&shop, &["add", "aggregate", "Order"]);
    assert_eq!(code, 3);
    assert!(
        out.contains("  conflict   crates/domain/src/order.rs\n"),
        "{out}"
    );
    assert_eq!(
        err,
        "error: 1 file exists with other contents: crates/domain/src/order.rs\n |\n = help: nothing was written; pass `--force` to overwrite them, or move them away\n"
    );
    assert_eq!(tree(&shop), before);

    let (code, out, err) = terrace(&shop, &["add", "aggregate", "Order", "--force"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        out.contains("  overwrite  crates/domain/src/order.rs\n"),
        "{out}"
    );
}

#[test]
fn a_failing_template_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let overrides = tmp.path().join("overrides/new");
    std::fs::create_dir_all(&overrides).unwrap();
    std::fs::write(
        overrides.join("NOTES.md.jinja"),
        "# {{ name }}\n\n{{ no_such_variable }}\n",
    )
    .unwrap();
    let (code, out, err) = terrace(tmp.path(), &["new", "shop", "--templates", "overrides"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "error: cannot render `overrides/new/NOTES.md.jinja`:3: undefined value\n |\n = help: fix the template (every variable must be defined); nothing was written\n"
    );
    assert!(!tmp.path().join("shop").exists());
}

#[test]
fn a_write_failing_midway_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    // `README.md` is a file, so `README.md/extra` cannot be written: the
    // failure comes after other files were staged.
    let overrides = tmp.path().join("overrides/new/README.md");
    std::fs::create_dir_all(&overrides).unwrap();
    std::fs::write(overrides.join("extra.jinja"), "{{ name }}\n").unwrap();
    let (code, out, err) = terrace(tmp.path(), &["new", "shop", "--templates", "overrides"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("  create     README.md/extra\n"), "{out}");
    assert!(
        err.starts_with("error: cannot write `shop/README.md/extra`: "),
        "{err}"
    );
    assert!(
        err.ends_with(" = help: nothing was written; check that the directory is writable\n"),
        "{err}"
    );
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["overrides"]);
}

#[test]
fn an_edit_failing_midway_leaves_the_workspace_as_it_was() {
    let tmp = new_shop();
    let shop = tmp.path().join("shop");
    let overrides = shop.join(".terrace/templates/aggregate/crates/service_layer/src/lib.rs");
    std::fs::create_dir_all(&overrides).unwrap();
    std::fs::write(overrides.join("extra.jinja"), "{{ type }}\n").unwrap();
    let before = tree(&shop);
    let (code, _, err) = terrace(&shop, &["add", "aggregate", "Order"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot write"), "{err}");
    assert_eq!(tree(&shop), before);
}

#[test]
fn add_aggregate_outside_a_workspace() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, out, err) = terrace(tmp.path(), &["add", "aggregate", "Order"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "error: `.` is not inside a workspace made by `terrace new`\n |\n = help: run `terrace add aggregate` in (or pass `--path` to) a workspace with a `terrace.toml` and `crates/domain/Cargo.toml`; `terrace new PATH` makes one\n"
    );
    assert!(tree(tmp.path()).is_empty());
}

#[test]
fn add_aggregate_with_a_bad_name() {
    let tmp = new_shop();
    let shop = tmp.path().join("shop");
    let before = tree(&shop);
    let (code, _, err) = terrace(&shop, &["add", "aggregate", "../Order"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: invalid aggregate name `../Order`: it contains `..` (path traversal)\n |\n = help: use a name like `Order` or `order_line`\n"
    );
    let (code, _, err) = terrace(
        &shop,
        &["add", "aggregate", "Order", "--field", "at:Instant"],
    );
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: invalid field `at:Instant`: type `Instant` is not supported"),
        "{err}"
    );
    assert_eq!(tree(&shop), before);
}

#[test]
fn add_aggregate_when_a_marker_was_edited() {
    let tmp = new_shop();
    let shop = tmp.path().join("shop");
    let file = shop.join("crates/service_layer/src/unit_of_work.rs");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("go above this line", "go here")).unwrap();
    let before = tree(&shop);
    let (code, _, err) = terrace(&shop, &["add", "aggregate", "Order"]);
    assert_eq!(code, 4);
    assert_eq!(
        err,
        "error: cannot edit `crates/service_layer/src/unit_of_work.rs` safely: line 10 was the marker `// terrace: aggregates go above this line` and has been changed\n |\n = help: restore this line to exactly `// terrace: aggregates go above this line` (terrace inserts above it), or make the change by hand; nothing was written\n"
    );
    assert_eq!(tree(&shop), before);
}

#[test]
fn add_aggregate_when_a_marker_was_removed() {
    let tmp = new_shop();
    let shop = tmp.path().join("shop");
    let file = shop.join("crates/adapters/src/lib.rs");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("    // terrace: migrations go above this line\n", ""),
    )
    .unwrap();
    let before = tree(&shop);
    let (code, _, err) = terrace(&shop, &["add", "aggregate", "Order"]);
    assert_eq!(code, 4);
    assert_eq!(
        err,
        "error: cannot edit `crates/adapters/src/lib.rs` safely: the marker `// terrace: migrations go above this line` is missing\n |\n = help: put the line `// terrace: migrations go above this line` back where new entries belong, or make the change by hand; nothing was written\n"
    );
    assert_eq!(tree(&shop), before);
}

#[test]
fn add_aggregate_twice() {
    let tmp = new_shop();
    let shop = tmp.path().join("shop");
    let before = tree(&shop);
    let (code, _, err) = terrace(&shop, &["add", "aggregate", "Product"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: `crates/domain/src/lib.rs` line 6 already has `pub mod product;`\n |\n = help: choose another name: this aggregate is already registered; nothing was written\n"
    );
    assert_eq!(tree(&shop), before);
}

// ---------------------------------------------------------------- end to end

/// Runs cargo in `dir` with the shared target directory; panics with its
/// output when it fails.
fn cargo(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            repo_root().join("target/scaffold-target"),
        )
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "cargo {args:?} failed:\n{text}");
    text
}

#[test]
fn a_new_workspace_builds_passes_its_tests_and_its_check() {
    let tmp = tempfile::tempdir().unwrap();
    let root = repo_root();
    let (code, _, err) = terrace(
        tmp.path(),
        &["new", "shop", "--terrace-path", root.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let shop = tmp.path().join("shop");
    assert!(shop.join(".git").is_dir(), "git init");
    // The versions this repository builds with, so the build is
    // reproducible and shares the compiled dependencies.
    std::fs::copy(root.join("Cargo.lock"), shop.join("Cargo.lock")).unwrap();

    cargo(&shop, &["build", "--workspace"]);
    let out = cargo(&shop, &["test", "--workspace"]);
    for test in [
        "product::tests::new_product_keeps_its_id ... ok",
        "product::tests::created_product_can_be_read ... ok",
        "committed_product_is_read_back ... ok",
        "product::product_is_created_then_read ... ok",
        "health ... ok",
    ] {
        assert!(out.contains(test), "{test} missing:\n{out}");
    }
    cargo(&shop, &["fmt", "--check"]);
    // What the generated CI workflow runs.
    cargo(
        &shop,
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    );
    let (code, out, err) = terrace(&shop, &["check"]);
    assert_eq!(code, 0, "{out}{err}");

    // Infrastructure in the domain breaks its contract: a dependency on
    // sqlx and an import of it.
    let manifest = shop.join("crates/domain/Cargo.toml");
    let model = shop.join("crates/domain/src/product.rs");
    let (clean_manifest, clean_model) = (
        std::fs::read_to_string(&manifest).unwrap(),
        std::fs::read_to_string(&model).unwrap(),
    );
    std::fs::write(
        &manifest,
        clean_manifest.replace("[dependencies]\n", "[dependencies]\nsqlx = \"0.8\"\n"),
    )
    .unwrap();
    std::fs::write(
        &model,
        clean_model.replacen("\nuse serde", "\nuse sqlx::SqlitePool;\nuse serde", 1),
    )
    .unwrap();
    let (code, out, _) = terrace(&shop, &["check", "--color", "never"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "error[forbidden-import]: `shop_domain::product` imports `sqlx::SqlitePool`, which contract `domain-is-pure` forbids\n --> crates/domain/src/product.rs:3:5\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("contract `domain-is-pure` (forbidden): broken"),
        "{out}"
    );
    std::fs::write(&manifest, clean_manifest).unwrap();
    std::fs::write(&model, clean_model).unwrap();

    let (code, out, err) = terrace(
        &shop,
        &[
            "add",
            "aggregate",
            "OrderLine",
            "--field",
            "qty:u32",
            "--field",
            "note:Option<String>",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let out = cargo(&shop, &["test", "--workspace"]);
    for test in [
        "order_line::tests::created_order_line_can_be_read ... ok",
        "order_line::order_line_is_created_then_read ... ok",
        "product::product_is_created_then_read ... ok",
    ] {
        assert!(out.contains(test), "{test} missing:\n{out}");
    }
    cargo(&shop, &["fmt", "--check"]);
    let (code, out, err) = terrace(&shop, &["check"]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn the_current_empty_directory_names_the_project() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("my-shop");
    std::fs::create_dir(&dir).unwrap();
    let (code, _, err) = terrace(&dir, &["new", "."]);
    assert_eq!((code, err.as_str()), (0, ""));
    let domain = std::fs::read_to_string(dir.join("crates/domain/Cargo.toml")).unwrap();
    assert!(domain.contains("name = \"my-shop-domain\"\n"), "{domain}");
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "no staging directory is left"
    );
}

#[test]
fn a_terrace_path_must_be_a_checkout() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, out, err) = terrace(tmp.path(), &["new", "shop", "--terrace-path", "."]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.starts_with("error: `"), "{err}");
    assert!(
        err.ends_with("` is not a checkout of terrace\n |\n = help: pass the directory holding terrace's root `Cargo.toml` (and `sql/`), or `--terrace-version VER`\n"),
        "{err}"
    );
    assert!(!tmp.path().join("shop").exists());
}

#[test]
fn a_field_is_given_once() {
    let tmp = new_shop();
    let shop = tmp.path().join("shop");
    let before = tree(&shop);
    let (code, _, err) = terrace(
        &shop,
        &[
            "add",
            "aggregate",
            "Order",
            "--field",
            "qty:u32",
            "--field",
            "qty:u64",
        ],
    );
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: field `qty` is given twice\n |\n = help: give each field once\n"
    );
    assert_eq!(tree(&shop), before);
}

#[test]
fn the_default_terrace_path_is_this_checkout() {
    let tmp = new_shop();
    let manifest = std::fs::read_to_string(tmp.path().join("shop/Cargo.toml")).unwrap();
    let root = repo_root().to_string_lossy().replace('\\', "/");
    let expected = scaffold::generate_project(
        &Templates::embedded(),
        &project(),
        &TerraceSource::Path(PathBuf::from("[TERRACE]")),
    )
    .unwrap();
    assert_eq!(manifest.replace(&root, "[TERRACE]"), expected["Cargo.toml"]);
}

#[test]
fn a_dry_run_with_force_shows_what_would_be_overwritten() {
    let tmp = new_shop();
    let shop = tmp.path().join("shop");
    std::fs::write(shop.join("README.md"), "changed").unwrap();
    let before = tree(&shop);
    let (code, out, err) = terrace(tmp.path(), &["new", "shop", "--force", "--dry-run"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        out.starts_with("Dry run: workspace `shop` in `shop`; nothing is written\n"),
        "{out}"
    );
    assert!(out.contains("  overwrite  README.md\n"), "{out}");
    assert!(out.ends_with("\n1 to overwrite, 20 identical\n"), "{out}");
    assert_eq!(tree(&shop), before);
}

#[test]
fn a_dry_run_into_a_non_empty_directory_shows_the_plan_and_refuses() {
    let tmp = new_shop();
    let shop = tmp.path().join("shop");
    std::fs::write(shop.join("README.md"), "changed").unwrap();
    let before = tree(&shop);
    let (code, out, err) = terrace(tmp.path(), &["new", "shop", "--dry-run"]);
    assert_eq!(code, 3);
    assert!(out.contains("  conflict   README.md\n"), "{out}");
    assert!(out.ends_with("\n20 identical, 1 in conflict\n"), "{out}");
    assert!(
        err.starts_with("error: directory `shop` exists and is not empty\n"),
        "{err}"
    );
    assert_eq!(tree(&shop), before);
}

#[test]
fn a_missing_template_folder_is_refused() {
    assert_eq!(
        refused_new(&["new", "shop", "--templates", "nowhere"]),
        (
            2,
            "error: template folder `nowhere` is not a directory\n |\n = help: pass a folder laid out like `templates/` (`new/`, `aggregate/`, `insert/`), or leave `--templates` out\n".to_owned()
        )
    );
}

//! Small workspaces built on disk, each named for what it proves.

use std::fs;
use std::path::{Path, PathBuf};

use super::*;

/// A temporary directory to build a workspace in.
struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    /// Writes `text` to `rel`, creating directories.
    fn file(&self, rel: &str, text: &str) -> &Fixture {
        let path = self.dir.path().join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("create dirs");
        fs::write(path, text).expect("write");
        self
    }

    fn mkdir(&self, rel: &str) -> &Fixture {
        fs::create_dir_all(self.dir.path().join(rel)).expect("create dirs");
        self
    }

    /// The canonical path of `rel` (the root itself for `""`).
    fn path(&self, rel: &str) -> PathBuf {
        let root = self.dir.path().canonicalize().expect("canonical root");
        if rel.is_empty() { root } else { root.join(rel) }
    }

    fn load(&self) -> Workspace {
        load(&self.dir.path().join("Cargo.toml")).expect("workspace loads")
    }

    fn load_err(&self) -> WorkspaceError {
        load(&self.dir.path().join("Cargo.toml")).expect_err("workspace fails to load")
    }
}

fn pos(line: u32, column: u32) -> Pos {
    Pos { line, column }
}

fn names(ws: &Workspace) -> Vec<&str> {
    ws.packages.iter().map(|p| p.name.as_str()).collect()
}

fn package<'a>(ws: &'a Workspace, name: &str) -> &'a Package {
    ws.packages
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no package {name}"))
}

fn target(kind: TargetKind, name: &str, root: PathBuf) -> Target {
    Target {
        kind,
        name: name.to_owned(),
        root,
        edition: None,
    }
}

fn dep(key: &str, package: &str, kind: DepKind, at: Pos, member: Option<usize>) -> Dependency {
    Dependency {
        key: key.to_owned(),
        package: package.to_owned(),
        kind,
        target: None,
        pos: at,
        member,
    }
}

fn pkg_toml(name: &str) -> String {
    format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n")
}

#[test]
fn single_package_root_is_a_workspace_of_one() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"shop-domain\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    )
    .file("src/lib.rs", "")
    .file("src/main.rs", "fn main() {}\n");
    let ws = fx.load();
    assert_eq!(ws.root, fx.path(""));
    assert_eq!(ws.root_manifest, fx.path("Cargo.toml"));
    assert_eq!(
        ws.packages,
        vec![Package {
            name: "shop-domain".to_owned(),
            manifest: fx.path("Cargo.toml"),
            dir: fx.path(""),
            edition: Edition::E2021,
            targets: vec![
                target(TargetKind::Lib, "shop_domain", fx.path("src/lib.rs")),
                target(TargetKind::Bin, "shop-domain", fx.path("src/main.rs")),
            ],
            dependencies: vec![],
        }]
    );
    assert_eq!(find_root(&fx.path("src")), Ok(fx.path("Cargo.toml")));
}

#[test]
fn virtual_workspace_with_globs_and_exclude() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/*\", \"tools/gen\"]\nexclude = [\"crates/old\"]\n",
    )
    .file("crates/b/Cargo.toml", &pkg_toml("b"))
    .file("crates/a/Cargo.toml", &pkg_toml("a"))
    .file("crates/old/Cargo.toml", &pkg_toml("old"))
    .file("crates/README.md", "not a directory\n")
    .file("tools/gen/Cargo.toml", &pkg_toml("gen"));
    let ws = fx.load();
    assert_eq!(names(&ws), ["a", "b", "gen"]);
    assert_eq!(ws.packages[0].dir, fx.path("crates/a"));
    assert_eq!(ws.packages[2].manifest, fx.path("tools/gen/Cargo.toml"));
}

#[test]
fn glob_skips_directories_without_a_manifest() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n")
        .file("crates/a/Cargo.toml", &pkg_toml("a"))
        .mkdir("crates/empty/src");
    assert_eq!(names(&fx.load()), ["a"]);
}

#[test]
fn glob_that_matches_nothing_is_empty() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n");
    assert_eq!(names(&fx.load()), Vec::<&str>::new());
}

#[test]
fn root_package_and_members() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"app\"\nedition = \"2024\"\n\n[workspace]\nmembers = [\"lib/*\", \".\"]\n",
    )
    .file("src/main.rs", "fn main() {}\n")
    .file("lib/core/Cargo.toml", &pkg_toml("app-core"))
    .file("lib/core/src/lib.rs", "");
    let ws = fx.load();
    assert_eq!(names(&ws), ["app", "app-core"]);
    assert_eq!(ws.packages[0].manifest, fx.path("Cargo.toml"));
    assert_eq!(ws.packages[0].edition, Edition::E2024);
    assert_eq!(
        ws.packages[1].targets,
        vec![target(
            TargetKind::Lib,
            "app_core",
            fx.path("lib/core/src/lib.rs")
        )]
    );
}

#[test]
fn path_dependencies_inside_the_root_are_implicit_members() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"app\"]\n")
        .file(
            "app/Cargo.toml",
            "[package]\nname = \"app\"\n\n[dev-dependencies]\nhelper = { path = \"../helper\" }\n",
        )
        .file(
            "helper/Cargo.toml",
            "[package]\nname = \"helper\"\n\n[target.'cfg(unix)'.build-dependencies]\ndeep = { path = \"../deep\" }\n",
        )
        .file("deep/Cargo.toml", &pkg_toml("deep"))
        .file("outside/Cargo.toml", &pkg_toml("outside"));
    let ws = fx.load();
    assert_eq!(names(&ws), ["app", "deep", "helper"]);
    assert_eq!(
        package(&ws, "app").dependencies,
        vec![dep("helper", "helper", DepKind::Dev, pos(5, 1), Some(2))]
    );
    let deep = &package(&ws, "helper").dependencies[0];
    assert_eq!(deep.member, Some(1));
    assert_eq!(deep.target.as_deref(), Some("cfg(unix)"));
    assert_eq!(deep.kind, DepKind::Build);
    assert_eq!(find_root(&fx.path("deep")), Ok(fx.path("Cargo.toml")));
}

#[test]
fn path_dependencies_outside_the_root_are_not_members() {
    let fx = Fixture::new();
    fx.file("ws/Cargo.toml", "[workspace]\nmembers = [\"app\"]\n")
        .file(
            "ws/app/Cargo.toml",
            "[package]\nname = \"app\"\n\n[dependencies]\nvendored = { path = \"../../vendored\" }\n",
        )
        .file("vendored/Cargo.toml", &pkg_toml("vendored"));
    let ws = load(&fx.path("ws/Cargo.toml")).expect("loads");
    assert_eq!(names(&ws), ["app"]);
    assert_eq!(ws.packages[0].dependencies[0].member, None);
}

#[test]
fn excluded_path_dependency_is_not_a_member() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[workspace]\nmembers = [\"app\"]\nexclude = [\"third_party\"]\n",
    )
    .file(
        "app/Cargo.toml",
        "[package]\nname = \"app\"\n[dependencies]\nv = { path = \"../third_party/v\" }\n",
    )
    .file("third_party/v/Cargo.toml", &pkg_toml("v"));
    let ws = fx.load();
    assert_eq!(names(&ws), ["app"]);
    assert_eq!(ws.packages[0].dependencies[0].member, None);
}

#[test]
fn renamed_dependency_keeps_key_and_package() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"shop\"\n\n[dependencies]\norm = { package = \"diesel\", version = \"2\" }\nserde-json = \"1\"\n",
    );
    let ws = fx.load();
    assert_eq!(
        ws.packages[0].dependencies,
        vec![
            dep("orm", "diesel", DepKind::Normal, pos(5, 1), None),
            dep("serde_json", "serde-json", DepKind::Normal, pos(6, 1), None),
        ]
    );
}

#[test]
fn workspace_dependency_with_package_rename() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/*\"]\n\n[workspace.dependencies]\n\
         db = { package = \"sqlx\", version = \"0.8\" }\n\
         shop-core = { path = \"crates/core\" }\nserde = \"1\"\n",
    )
    .file("crates/core/Cargo.toml", &pkg_toml("shop-core"))
    .file(
        "crates/app/Cargo.toml",
        "[package]\nname = \"shop-app\"\n\n[dependencies]\n  db = { workspace = true }\n\
         shop-core.workspace = true\nserde = { workspace = true, features = [\"derive\"] }\n",
    );
    let ws = fx.load();
    assert_eq!(names(&ws), ["shop-app", "shop-core"]);
    assert_eq!(
        ws.packages[0].dependencies,
        vec![
            dep("db", "sqlx", DepKind::Normal, pos(5, 3), None),
            dep(
                "shop_core",
                "shop-core",
                DepKind::Normal,
                pos(6, 1),
                Some(1)
            ),
            dep("serde", "serde", DepKind::Normal, pos(7, 1), None),
        ]
    );
}

#[test]
fn target_specific_dependencies() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"p\"\n\n[target.'cfg(unix)'.dependencies]\nnix = \"0.29\"\n\n\
         [target.x86_64-pc-windows-gnu.dev-dependencies]\nwinapi = \"0.3\"\n\n\
         [target.\"cfg(windows)\".build-dependencies.cc]\nversion = \"1\"\n",
    );
    let deps = &fx.load().packages[0].dependencies;
    let summary: Vec<_> = deps
        .iter()
        .map(|d| (d.key.as_str(), d.kind, d.target.as_deref(), d.pos))
        .collect();
    assert_eq!(
        summary,
        [
            ("nix", DepKind::Normal, Some("cfg(unix)"), pos(5, 1)),
            (
                "winapi",
                DepKind::Dev,
                Some("x86_64-pc-windows-gnu"),
                pos(8, 1)
            ),
            ("cc", DepKind::Build, Some("cfg(windows)"), pos(10, 43)),
        ]
    );
}

#[test]
fn table_form_dependency_is_at_its_header_key() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"p\"\n\n[dependencies.sqlx]\nversion = \"0.8\"\n\n[ dependencies . \"tokio\" ]\nversion = \"1\"\n",
    );
    let deps = &fx.load().packages[0].dependencies;
    assert_eq!(
        *deps,
        vec![
            dep("sqlx", "sqlx", DepKind::Normal, pos(4, 15), None),
            dep("tokio", "tokio", DepKind::Normal, pos(7, 18), None),
        ]
    );
}

#[test]
fn dev_and_build_dependencies_with_legacy_spellings() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"p\"\n[dev-dependencies]\ninsta = \"1\"\n[build-dependencies]\ncc = \"1\"\n\
         [dev_dependencies]\nold-dev = \"1\"\n[build_dependencies]\nold-build = \"1\"\n",
    );
    let deps: Vec<_> = fx.load().packages[0]
        .dependencies
        .iter()
        .map(|d| (d.key.clone(), d.kind))
        .collect();
    assert_eq!(
        deps,
        [
            ("insta".to_owned(), DepKind::Dev),
            ("cc".to_owned(), DepKind::Build),
            ("old_dev".to_owned(), DepKind::Dev),
            ("old_build".to_owned(), DepKind::Build),
        ]
    );
}

#[test]
fn unicode_before_a_key_counts_scalar_values() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"p\"\ndescription = \"café ☕\"\n[dependencies]\n\"ünï\" = \"1\"\n\
         [target.'cfg(feature = \"é☕\")'.dependencies.foo]\nversion = \"1\"\n",
    );
    let deps: Vec<_> = fx.load().packages[0]
        .dependencies
        .iter()
        .map(|d| (d.key.clone(), d.target.clone(), d.pos))
        .collect();
    assert_eq!(
        deps,
        [
            ("ünï".to_owned(), None, pos(5, 1)),
            (
                "foo".to_owned(),
                Some("cfg(feature = \"é☕\")".to_owned()),
                pos(6, 44)
            ),
        ]
    );
}

#[test]
fn edition_inherited_from_the_workspace_and_defaulted() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[workspace]\nmembers = [\"a\", \"b\", \"c\"]\n[workspace.package]\nedition = \"2018\"\n",
    )
    .file(
        "a/Cargo.toml",
        "[package]\nname = \"a\"\nedition.workspace = true\n",
    )
    .file(
        "b/Cargo.toml",
        "[package]\nname = \"b\"\nedition = { workspace = true }\n",
    )
    .file("c/Cargo.toml", "[package]\nname = \"c\"\n");
    let editions: Vec<_> = fx.load().packages.iter().map(|p| p.edition).collect();
    assert_eq!(editions, [Edition::E2018, Edition::E2018, Edition::E2015]);
}

#[test]
fn inherited_edition_missing_from_the_workspace_is_an_error() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"a\"]\n")
        .file(
            "a/Cargo.toml",
            "[package]\nname = \"a\"\nedition.workspace = true\n",
        );
    let err = fx.load_err();
    assert_eq!(err.file, fx.path("a/Cargo.toml"));
    assert_eq!(err.pos, Some(pos(3, 1)));
}

#[test]
fn unknown_edition_is_an_error() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"a\"\nedition = \"2027\"\n",
    );
    let err = fx.load_err();
    assert_eq!(err.pos, Some(pos(3, 11)));
    assert!(err.message.contains("edition"), "{}", err.message);
}

#[test]
fn a_target_table_may_set_its_own_edition() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"a\"\nedition = \"2021\"\n[lib]\nedition = \"2018\"\n\
         [[test]]\nname = \"old\"\nedition = \"2015\"\n",
    )
    .file("src/lib.rs", "")
    .file("tests/old.rs", "")
    .file("tests/new.rs", "");
    let ws = fx.load();
    let editions: Vec<_> = ws.packages[0]
        .targets
        .iter()
        .map(|t| (t.name.as_str(), t.edition))
        .collect();
    assert_eq!(
        editions,
        [
            ("a", Some(Edition::E2018)),
            ("new", None),
            ("old", Some(Edition::E2015))
        ]
    );
}

#[test]
fn unknown_target_edition_is_an_error() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"a\"\n\n[[bin]]\nname = \"b\"\nedition = \"2027\"\n",
    );
    let err = fx.load_err();
    assert_eq!(err.pos, Some(pos(6, 11)));
    assert!(err.message.contains("edition"), "{}", err.message);
}

#[test]
fn lib_name_from_the_lib_table() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"shop-domain\"\n[lib]\nname = \"domain\"\npath = \"lib/./root.rs\"\n",
    );
    assert_eq!(
        fx.load().packages[0].targets,
        vec![target(TargetKind::Lib, "domain", fx.path("lib/root.rs"))]
    );
}

#[test]
fn every_auto_discovered_target_kind_and_explicit_bins() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"tool\"\nedition = \"2021\"\n\n[[bin]]\nname = \"custom\"\npath = \"cmd/custom.rs\"\n\n\
         [[bin]]\nname = \"a\"\npath = \"cmd/a.rs\"\n\n[[bin]]\nname = \"named\"\n\n\
         [[test]]\nname = \"extra\"\n\n[[example]]\nname = \"demo\"\npath = \"ex/demo.rs\"\n\n\
         [[bench]]\nname = \"speed\"\n",
    )
    .file("src/lib.rs", "")
    .file("src/main.rs", "")
    .file("src/bin/a.rs", "")
    .file("src/bin/b/main.rs", "")
    .file("src/bin/b/helper.rs", "")
    .file("src/bin/nomain/other.rs", "")
    .file("src/bin/.hidden.rs", "")
    .file("src/bin/notes.txt", "")
    .file("src/bin/named/main.rs", "")
    .file("tests/it.rs", "")
    .file("tests/suite/main.rs", "")
    .file("tests/extra.rs", "")
    .file("examples/hello.rs", "")
    .file("examples/multi/main.rs", "")
    .file("benches/speed/main.rs", "")
    .file("benches/fast.rs", "")
    .file("build.rs", "");
    let p = fx.path("");
    assert_eq!(
        fx.load().packages[0].targets,
        vec![
            target(TargetKind::Lib, "tool", p.join("src/lib.rs")),
            target(TargetKind::Bin, "a", p.join("cmd/a.rs")),
            target(TargetKind::Bin, "b", p.join("src/bin/b/main.rs")),
            target(TargetKind::Bin, "custom", p.join("cmd/custom.rs")),
            target(TargetKind::Bin, "named", p.join("src/bin/named/main.rs")),
            target(TargetKind::Bin, "tool", p.join("src/main.rs")),
            target(TargetKind::Test, "extra", p.join("tests/extra.rs")),
            target(TargetKind::Test, "it", p.join("tests/it.rs")),
            target(TargetKind::Test, "suite", p.join("tests/suite/main.rs")),
            target(TargetKind::Example, "demo", p.join("ex/demo.rs")),
            target(TargetKind::Example, "hello", p.join("examples/hello.rs")),
            target(
                TargetKind::Example,
                "multi",
                p.join("examples/multi/main.rs")
            ),
            target(TargetKind::Bench, "fast", p.join("benches/fast.rs")),
            target(TargetKind::Bench, "speed", p.join("benches/speed/main.rs")),
            target(TargetKind::Build, "build", p.join("build.rs")),
        ]
    );
}

#[test]
fn autobins_false_keeps_only_explicit_bins() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"tool\"\nautobins = false\nautotests = false\n\n\
         [[bin]]\nname = \"only\"\n",
    )
    .file("src/main.rs", "")
    .file("src/bin/other.rs", "")
    .file("src/bin/only.rs", "")
    .file("tests/t.rs", "")
    .file("examples/e.rs", "");
    let p = fx.path("");
    assert_eq!(
        fx.load().packages[0].targets,
        vec![
            target(TargetKind::Bin, "only", p.join("src/bin/only.rs")),
            target(TargetKind::Example, "e", p.join("examples/e.rs")),
        ]
    );
}

#[test]
fn build_false_disables_the_build_script() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[package]\nname = \"p\"\nbuild = false\n")
        .file("build.rs", "");
    assert_eq!(fx.load().packages[0].targets, vec![]);
}

#[test]
fn build_path_names_the_build_script() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"p\"\nbuild = \"tools/gen.rs\"\n",
    )
    .file("build.rs", "");
    assert_eq!(
        fx.load().packages[0].targets,
        vec![target(TargetKind::Build, "build", fx.path("tools/gen.rs"))]
    );
}

#[test]
fn malformed_toml_reports_line_and_column() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"é\"\ndescription = ünquoted\n",
    );
    let err = fx.load_err();
    assert_eq!(err.file, fx.path("Cargo.toml"));
    assert_eq!(err.pos, Some(pos(3, 15)));
    assert!(
        err.message.starts_with("could not parse manifest"),
        "{}",
        err.message
    );
    assert!(err.help.is_some());
    assert_eq!(find_root(&fx.path("")), Err(err));
}

#[test]
fn malformed_member_manifest_is_reported_in_the_member() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"a\"]\n")
        .file("a/Cargo.toml", "[package]\nname = \"a\"\n[dependencies\n");
    let err = fx.load_err();
    assert_eq!(err.file, fx.path("a/Cargo.toml"));
    assert_eq!(err.pos.map(|p| p.line), Some(3));
}

#[test]
fn literal_member_without_manifest_is_an_error() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[workspace]\nmembers = [\n  \"a\",\n  \"missing\",\n]\n",
    )
    .file("a/Cargo.toml", &pkg_toml("a"));
    let err = fx.load_err();
    assert_eq!(err.file, fx.path("Cargo.toml"));
    assert_eq!(err.pos, Some(pos(4, 3)));
    assert_eq!(
        err.message,
        "workspace member `missing` has no `Cargo.toml`"
    );
    assert!(err.help.is_some());
}

#[test]
fn member_without_package_name_is_an_error() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"a\"]\n")
        .file("a/Cargo.toml", "[package]\nversion = \"1.0.0\"\n");
    let err = fx.load_err();
    assert_eq!(err.file, fx.path("a/Cargo.toml"));
    assert_eq!(err.pos, Some(pos(1, 2)));
    assert_eq!(err.message, "`[package]` has no `name`");
}

#[test]
fn missing_path_dependency_is_an_error() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"p\"\n[dependencies]\ngone = { path = \"gone\" }\n",
    );
    let err = fx.load_err();
    assert_eq!(err.pos, Some(pos(4, 1)));
    assert!(err.message.contains("`gone`"), "{}", err.message);
}

#[test]
fn package_workspace_pointing_nowhere_is_an_error() {
    let fx = Fixture::new();
    fx.file(
        "member/Cargo.toml",
        "[package]\nname = \"m\"\nworkspace = \"../nowhere\"\n",
    );
    let err = find_root(&fx.path("member")).expect_err("fails");
    assert_eq!(err.file, fx.path("member/Cargo.toml"));
    assert_eq!(err.pos, Some(pos(3, 13)));
}

#[test]
fn package_workspace_points_at_the_root() {
    let fx = Fixture::new();
    fx.file(
        "root/Cargo.toml",
        "[workspace]\nmembers = [\"../member\"]\n",
    )
    .file(
        "member/Cargo.toml",
        "[package]\nname = \"m\"\nworkspace = \"../root\"\n",
    );
    assert_eq!(
        find_root(&fx.path("member")),
        Ok(fx.path("root/Cargo.toml"))
    );
    assert_eq!(
        names(&load(&fx.path("root/Cargo.toml")).expect("loads")),
        ["m"]
    );
}

#[test]
fn find_root_from_a_nested_directory() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n")
        .file("crates/a/Cargo.toml", &pkg_toml("a"))
        .mkdir("crates/a/src/deep/er");
    assert_eq!(
        find_root(&fx.path("crates/a/src/deep/er")),
        Ok(fx.path("Cargo.toml"))
    );
    assert_eq!(find_root(&fx.path("crates")), Ok(fx.path("Cargo.toml")));
}

#[test]
fn find_root_from_a_member_manifest() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"a\"]\n")
        .file("a/Cargo.toml", &pkg_toml("a"));
    assert_eq!(
        find_root(&fx.path("a/Cargo.toml")),
        Ok(fx.path("Cargo.toml"))
    );
}

#[test]
fn excluded_package_is_its_own_root() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/*\"]\nexclude = [\"crates/standalone\"]\n",
    )
    .file("crates/a/Cargo.toml", &pkg_toml("a"))
    .file("crates/standalone/Cargo.toml", &pkg_toml("standalone"));
    assert_eq!(
        find_root(&fx.path("crates/standalone/Cargo.toml")),
        Ok(fx.path("crates/standalone/Cargo.toml"))
    );
    assert_eq!(find_root(&fx.path("crates/a")), Ok(fx.path("Cargo.toml")));
    assert_eq!(names(&fx.load()), ["a"]);
}

#[test]
fn unlisted_package_skips_to_an_outer_workspace() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"inner/pkg\"]\n")
        .file("inner/Cargo.toml", "[workspace]\nmembers = [\"other\"]\n")
        .file("inner/other/Cargo.toml", &pkg_toml("other"))
        .file("inner/pkg/Cargo.toml", &pkg_toml("pkg"));
    assert_eq!(find_root(&fx.path("inner/pkg")), Ok(fx.path("Cargo.toml")));
    assert_eq!(
        find_root(&fx.path("inner/other")),
        Ok(fx.path("inner/Cargo.toml"))
    );
}

#[test]
fn find_root_without_any_manifest() {
    let fx = Fixture::new();
    fx.mkdir("a/b");
    // The temporary directory may sit below a directory with a manifest;
    // only check the message when none is found.
    if let Err(err) = find_root(&fx.path("a/b")) {
        assert_eq!(
            err.message,
            format!(
                "could not find `Cargo.toml` in `{}` or any parent directory",
                fx.path("a/b").display()
            )
        );
    }
    assert!(find_root(&fx.path("does/not/exist")).is_err());
}

#[test]
fn registry_dependency_named_like_a_member_is_not_a_member_dependency() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"a\", \"b\"]\n")
        .file(
            "a/Cargo.toml",
            "[package]\nname = \"a\"\n[dependencies]\nb = \"1\"\nbee = { path = \"../b\", package = \"b\" }\n",
        )
        .file("b/Cargo.toml", &pkg_toml("b"));
    let ws = fx.load();
    let members: Vec<_> = ws.packages[0]
        .dependencies
        .iter()
        .map(|d| (d.key.as_str(), d.member))
        .collect();
    assert_eq!(members, [("b", None), ("bee", Some(1))]);
}

#[test]
fn nested_workspace_member_is_an_error() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"a\"]\n")
        .file("a/Cargo.toml", "[package]\nname = \"a\"\n[workspace]\n");
    let err = fx.load_err();
    assert_eq!(err.file, fx.path("a/Cargo.toml"));
    assert_eq!(err.pos, Some(pos(3, 2)));
}

#[test]
fn duplicate_member_names_are_an_error() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"a\", \"b\"]\n")
        .file("a/Cargo.toml", &pkg_toml("same"))
        .file("b/Cargo.toml", &pkg_toml("same"));
    let err = fx.load_err();
    assert!(
        err.message
            .starts_with("two workspace members are named `same`")
    );
}

#[test]
fn members_listed_twice_or_through_links_are_one_package() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/*\", \"crates/a\", \"./crates/a/\"]\n",
    )
    .file("crates/a/Cargo.toml", &pkg_toml("a"));
    assert_eq!(names(&fx.load()), ["a"]);
}

#[cfg(unix)]
#[test]
fn symlink_loop_under_a_recursive_glob_collapses_to_one_package() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"crates/**\"]\n")
        .file("crates/a/Cargo.toml", &pkg_toml("a"));
    std::os::unix::fs::symlink(fx.path("crates"), fx.path("crates/a/loop")).expect("symlink");
    assert_eq!(names(&fx.load()), ["a"]);
}

#[cfg(unix)]
#[test]
fn branching_symlink_loops_are_cut_off_with_an_error() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"crates/**\"]\n")
        .file("crates/a/Cargo.toml", &pkg_toml("a"));
    std::os::unix::fs::symlink(fx.path("crates"), fx.path("crates/a/loop")).expect("symlink");
    std::os::unix::fs::symlink(fx.path("crates"), fx.path("crates/a/loop2")).expect("symlink");
    let err = fx.load_err();
    assert_eq!(err.pos, Some(pos(2, 12)));
    assert_eq!(
        err.message,
        "`workspace.members` pattern `crates/**` matches more than 20000 paths"
    );
}

#[test]
fn invalid_members_value_is_an_error() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"a\", 3]\n");
    let err = fx.load_err();
    assert_eq!(err.pos, Some(pos(2, 17)));
}

#[test]
fn manifest_with_neither_package_nor_workspace_is_an_error() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[dependencies]\nserde = \"1\"\n");
    assert!(fx.load_err().message.contains("neither"));
}

#[test]
fn display_shows_file_and_position() {
    let err = WorkspaceError {
        file: Path::new("a/Cargo.toml").to_owned(),
        pos: Some(pos(3, 7)),
        message: "bad".to_owned(),
        help: None,
    };
    assert_eq!(err.to_string(), "a/Cargo.toml:3:7: bad");
}

#[test]
fn positions_clamp_inside_characters_and_past_the_end() {
    assert_eq!(manifest::pos_at("aé\nb", 2), pos(1, 2));
    assert_eq!(manifest::pos_at("aé\nb", 4), pos(2, 1));
    assert_eq!(manifest::pos_at("ab", 99), pos(1, 3));
    assert_eq!(manifest::pos_at("a\n\nb", 1), pos(1, 2));
    assert_eq!(manifest::pos_at("a\n\nb", 2), pos(2, 1));
    assert_eq!(manifest::pos_at("a\n\nb", 3), pos(3, 1));
    assert_eq!(manifest::pos_at("a\n\nb", 4), pos(3, 2));
}

#[test]
fn non_utf8_manifest_is_an_error_at_the_bad_byte() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "");
    fs::write(fx.path("Cargo.toml"), b"[package]\nname = \"a\xff\"\n").expect("write");
    let err = fx.load_err();
    assert_eq!(err.pos, Some(pos(2, 10)));
    assert_eq!(err.message, "manifest is not valid UTF-8");
}

#[test]
fn explicit_target_without_name_is_an_error() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"p\"\n\n[[test]]\npath = \"tests/x.rs\"\n",
    );
    let err = fx.load_err();
    assert_eq!(err.pos, Some(pos(4, 1)));
    assert_eq!(err.message, "a `[[test]]` target has no `name`");
}

#[test]
fn inline_array_targets_and_autolib_false() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "bin = [{ name = \"x\", path = \"x.rs\" }]\n\
         [package]\nname = \"p\"\nautolib = false\nbuild = [\"gen.rs\", \"more.rs\"]\n",
    )
    .file("src/lib.rs", "");
    let p = fx.path("");
    assert_eq!(
        fx.load().packages[0].targets,
        vec![
            target(TargetKind::Bin, "x", p.join("x.rs")),
            target(TargetKind::Build, "build", p.join("gen.rs")),
        ]
    );
}

#[test]
fn find_root_rejects_a_file_that_is_not_a_manifest() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[package]\nname = \"p\"\n")
        .file("src/lib.rs", "");
    let err = find_root(&fx.path("src/lib.rs")).expect_err("not a manifest");
    assert_eq!(err.file, fx.path("src/lib.rs"));
}

#[test]
fn implicit_member_through_the_root_package() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"app\"\n[workspace]\n[dependencies]\nutil = { path = \"util\" }\n",
    )
    .file("util/Cargo.toml", &pkg_toml("util"));
    assert_eq!(find_root(&fx.path("util")), Ok(fx.path("Cargo.toml")));
    let ws = fx.load();
    assert_eq!(names(&ws), ["app", "util"]);
    assert_eq!(ws.packages[0].dependencies[0].member, Some(1));
}

#[test]
fn odd_glob_patterns_never_panic() {
    for pattern in [
        "[", "[]", "[!]", "**a", "a**", "***", "[a-", "\\\\", "*/../*", "?", "[z-a]",
    ] {
        let fx = Fixture::new();
        fx.file(
            "Cargo.toml",
            &format!("[workspace]\nmembers = ['{pattern}']\n"),
        )
        .file("a/Cargo.toml", &pkg_toml("a"));
        // Any answer will do, as long as it is an answer.
        let _ = load(&fx.path("Cargo.toml"));
        let _ = find_root(&fx.path("a"));
    }
}

#[test]
fn two_targets_with_one_name_are_an_error() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[package]\nname = \"p\"\n")
        .file("tests/a.rs", "")
        .file("tests/a/main.rs", "");
    let err = fx.load_err();
    assert_eq!(err.file, fx.path("Cargo.toml"));
    assert_eq!(
        err.message,
        "two test targets are named `a`: `tests/a/main.rs` and `tests/a.rs`"
    );
}

#[test]
fn workspace_dependency_missing_from_the_root_is_an_error() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"a\"]\n")
        .file(
            "a/Cargo.toml",
            "[package]\nname = \"a\"\n[dependencies]\nserde = \"1\"\nunknown.workspace = true\n",
        );
    let err = fx.load_err();
    assert_eq!(err.file, fx.path("a/Cargo.toml"));
    assert_eq!(err.pos, Some(pos(5, 1)));
    assert!(err.message.starts_with("`unknown` has `workspace = true`"));
}

#[test]
fn edition_2015_with_explicit_targets_turns_discovery_off_for_that_kind() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"t\"\n[[bin]]\nname = \"x\"\npath = \"x.rs\"\n",
    )
    .file("src/main.rs", "")
    .file("src/bin/other.rs", "")
    .file("tests/t.rs", "");
    let p = fx.path("");
    assert_eq!(
        fx.load().packages[0].targets,
        vec![
            target(TargetKind::Bin, "x", p.join("x.rs")),
            target(TargetKind::Test, "t", p.join("tests/t.rs")),
        ]
    );
    // `autobins = true` or a later edition brings discovery back.
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"t\"\nautobins = true\n[[bin]]\nname = \"x\"\npath = \"x.rs\"\n",
    );
    assert_eq!(fx.load().packages[0].targets.len(), 4);
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"t\"\nedition = \"2018\"\n[[bin]]\nname = \"x\"\npath = \"x.rs\"\n",
    );
    assert_eq!(fx.load().packages[0].targets.len(), 4);
}

#[test]
fn huge_manifest_is_refused() {
    let fx = Fixture::new();
    let mut text = String::from("[package]\nname = \"p\"\n");
    text.push_str(&"# padding padding padding padding padding padding padding\n".repeat(150_000));
    fx.file("Cargo.toml", &text);
    assert_eq!(fx.load_err().message, "manifest is larger than 8 MiB");
}

#[test]
fn manifest_that_is_a_directory_is_unreadable() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"a\"]\n")
        .mkdir("a/Cargo.toml");
    let err = fx.load_err();
    assert_eq!(err.file, fx.path("Cargo.toml"));
    assert_eq!(err.message, "workspace member `a` has no `Cargo.toml`");
}

#[test]
fn package_workspace_pointing_at_a_package_is_an_error() {
    let fx = Fixture::new();
    fx.file("other/Cargo.toml", &pkg_toml("other")).file(
        "member/Cargo.toml",
        "[package]\nname = \"m\"\nworkspace = \"../other\"\n",
    );
    let err = find_root(&fx.path("member")).expect_err("fails");
    assert_eq!(err.file, fx.path("member/Cargo.toml"));
    assert_eq!(err.pos, Some(pos(3, 13)));
    assert_eq!(
        err.message,
        format!(
            "`package.workspace` points to `{}`, which has no `[workspace]` table",
            fx.path("other/Cargo.toml").display()
        )
    );
}

#[test]
fn member_of_another_workspace_is_an_error() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"a\"]\n")
        .file(
            "a/Cargo.toml",
            "[package]\nname = \"a\"\nworkspace = \"../other\"\n",
        )
        .file("other/Cargo.toml", "[workspace]\n");
    let err = fx.load_err();
    assert_eq!(err.file, fx.path("a/Cargo.toml"));
    assert_eq!(err.pos, Some(pos(3, 13)));
}

#[test]
fn legacy_project_table_names_the_package() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[project]\nname = \"old\"\n")
        .file("src/lib.rs", "");
    assert_eq!(names(&fx.load()), ["old"]);
}

#[test]
fn path_dependency_cycles_and_the_root_package_terminate() {
    let fx = Fixture::new();
    fx.file(
        "Cargo.toml",
        "[package]\nname = \"root\"\n[workspace]\n[dependencies]\na = { path = \"a\" }\n",
    )
    .file(
        "a/Cargo.toml",
        "[package]\nname = \"a\"\n[dependencies]\nb = { path = \"../b\" }\nroot = { path = \"..\" }\n",
    )
    .file(
        "b/Cargo.toml",
        "[package]\nname = \"b\"\n[dependencies]\na = { path = \"../a/\" }\n",
    );
    let ws = fx.load();
    assert_eq!(names(&ws), ["a", "b", "root"]);
    let members: Vec<Vec<Option<usize>>> = ws
        .packages
        .iter()
        .map(|p| p.dependencies.iter().map(|d| d.member).collect())
        .collect();
    assert_eq!(
        members,
        [vec![Some(1), Some(2)], vec![Some(0)], vec![Some(0)]]
    );
}

#[test]
fn parallel_steps_record_what_they_look_at_in_item_order() {
    let paths: Vec<PathBuf> = (0..64)
        .map(|i| PathBuf::from(format!("/nowhere/{i}")))
        .collect();
    let outer = SEEN.with(|s| s.replace(Some(Vec::new())));
    let lengths = par_map_recorded(&paths, |p| seen(p).as_os_str().len());
    let inputs = SEEN.with(|s| s.replace(outer)).expect("recording");
    assert_eq!(
        lengths,
        paths
            .iter()
            .map(|p| p.as_os_str().len())
            .collect::<Vec<_>>()
    );
    let recorded: Vec<PathBuf> = inputs.into_iter().map(|(p, _)| p).collect();
    assert_eq!(recorded, paths);
    // Not recording: nothing is recorded anywhere.
    par_map_recorded(&paths, |p| seen(p).to_owned());
    assert!(!recording());
}

#[test]
fn members_found_in_rounds_keep_discovery_order() {
    let fx = Fixture::new();
    fx.file("Cargo.toml", "[workspace]\nmembers = [\"b\", \"a\"]\n")
        .file(
            "b/Cargo.toml",
            "[package]\nname = \"b\"\n[dependencies]\nd = { path = \"../d\" }\n",
        )
        .file("b/src/lib.rs", "")
        .file(
            "a/Cargo.toml",
            "[package]\nname = \"a\"\n[dependencies]\nc = { path = \"../c\" }\n",
        )
        .file("a/src/lib.rs", "")
        .file("c/Cargo.toml", "[package]\nname = \"c\"\n")
        .file("c/src/lib.rs", "")
        .file("d/Cargo.toml", "[package]\nname = \"d\"\n")
        .file("d/src/lib.rs", "");
    let root = fx.dir.path().join("Cargo.toml").canonicalize().unwrap();
    let (loaded, inputs) = load_recorded(&root);
    let ws = loaded.expect("workspace");
    let names: Vec<&str> = ws.packages.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["a", "b", "c", "d"]);
    // b is read before a, and b's path dependency d before a's c.
    let manifests: Vec<String> = inputs
        .iter()
        .filter(|(p, _)| p.ends_with("Cargo.toml"))
        .filter_map(|(p, _)| {
            let dir = p.parent()?.file_name()?.to_str()?.to_owned();
            (dir.len() == 1).then_some(dir)
        })
        .collect();
    let first_read = |d: &str| manifests.iter().position(|m| m == d).unwrap();
    assert!(first_read("b") < first_read("a"));
    assert!(first_read("d") < first_read("c"));
}

//! End-to-end tests of `terrace check` on the workspaces of `tests/fixtures/`.
//!
//! Each fixture is a small cargo workspace (never built) with a
//! `terrace.toml`, and one or more `expected*` files written by hand from
//! DESIGN.md. They are the oracle, not a copy of the tool's output:
//!
//! ```text
//! exit: 1                                   # expected exit code
//! args: --no-dev                            # extra arguments (optional)
//! stderr-contains: terrace.toml:6:1         # for configuration errors
//! CONTRACT FILE:LINE:COL IMPORTER -> IMPORTED
//! CONTRACT FILE:LINE:COL IMPORTER -> IMPORTED via FILE:LINE:COL,FILE:LINE:COL
//! CONTRACT FILE:LINE:COL IMPORTER -> IMPORTED (warning)
//! error FILE:LINE:COL
//! ```
//!
//! Lines starting with `#` are comments. The binary runs from the fixture's
//! root, so paths in `args:` are relative to it, as are the files of the
//! report lines. A violation line lists the
//! location of every link when the chain has two or more. The JSON
//! report must hold exactly these violations and errors (as a multiset).
//!
//! DESIGN.md does not say where an import cycle starts, so cycles are
//! compared from their smallest link location (file, line, column): the
//! expected line starts there, with that link's importer and the last
//! link's target as IMPORTER and IMPORTED.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn terrace() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_terrace"));
    cmd.env("NO_COLOR", "1");
    cmd
}

/// `terrace check --manifest-path FIXTURE/Cargo.toml --format FORMAT ARGS..`,
/// run from the fixture's root.
fn check(fixture: &str, format: &str, args: &[String]) -> Output {
    let dir = fixtures().join(fixture);
    // A cache of its own for every run: a report cached by an earlier
    // build of terrace in the fixture's directory is never what is tested.
    let cache = tempfile::tempdir().expect("cache directory");
    terrace()
        .arg("check")
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .args(["--format", format])
        .arg("--cache-dir")
        .arg(cache.path())
        .args(args)
        .current_dir(&dir)
        .output()
        .expect("run terrace")
}

/// What an `expected*` file says.
#[derive(Debug, Default)]
struct Expected {
    exit: Option<i32>,
    args: Vec<String>,
    stderr: Vec<String>,
    findings: Vec<String>,
}

fn read_expected(path: &Path) -> Expected {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut out = Expected::default();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(v) = line.strip_prefix("exit:") {
            out.exit =
                Some(v.trim().parse().unwrap_or_else(|_| {
                    panic!("{}:{}: bad exit code `{v}`", path.display(), n + 1)
                }));
        } else if let Some(v) = line.strip_prefix("args:") {
            out.args = v.split_whitespace().map(str::to_owned).collect();
        } else if let Some(v) = line.strip_prefix("stderr-contains:") {
            out.stderr.push(v.trim().to_owned());
        } else {
            out.findings
                .push(line.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    assert!(
        out.exit.is_some(),
        "{}: the first line must be `exit: N`",
        path.display()
    );
    out
}

fn int(v: &Value, key: &str) -> u64 {
    v[key].as_u64().unwrap_or(0)
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or("<missing>")
}

fn loc(v: &Value) -> String {
    format!(
        "{}:{}:{}",
        str_of(v, "file"),
        int(v, "line"),
        int(v, "column")
    )
}

fn loc_key(v: &Value) -> (String, u64, u64) {
    (
        str_of(v, "file").to_owned(),
        int(v, "line"),
        int(v, "column"),
    )
}

/// The code DESIGN.md and STYLE.md give each contract type.
fn code_for(contract_type: &str) -> &'static str {
    match contract_type {
        "forbidden" => "forbidden-import",
        "layers" => "layer-violation",
        "independence" => "independence-violation",
        "acyclic" => "import-cycle",
        _ => "<unknown contract type>",
    }
}

/// One line per violation and file error of a JSON report, in the format of
/// the `expected` files; problems with the report's shape are returned as
/// lines too, so that they show in the diff.
fn findings(report: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let empty = Vec::new();
    for v in report["violations"].as_array().unwrap_or(&empty) {
        let contract = str_of(v, "contract");
        let contract_type = str_of(v, "contract_type");
        let mut chain: Vec<Value> = v["chain"].as_array().cloned().unwrap_or_default();
        let (top, importer, imported) = if contract_type == "acyclic" && !chain.is_empty() {
            let start = (0..chain.len())
                .min_by_key(|&i| loc_key(&chain[i]))
                .unwrap_or(0);
            chain.rotate_left(start);
            (
                loc(&chain[0]),
                str_of(&chain[0], "importer").to_owned(),
                str_of(&chain[chain.len() - 1], "imported").to_owned(),
            )
        } else {
            (
                loc(v),
                str_of(v, "importer").to_owned(),
                str_of(v, "imported").to_owned(),
            )
        };
        let mut line = format!("{contract} {top} {importer} -> {imported}");
        if chain.len() >= 2 {
            let links: Vec<String> = chain.iter().map(loc).collect();
            line.push_str(" via ");
            line.push_str(&links.join(","));
        }
        if chain.len() == 1 {
            let l = &chain[0];
            if loc(l) != top
                || str_of(l, "importer") != importer
                || str_of(l, "imported") != imported
            {
                line.push_str(&format!(
                    " [its one link differs: {} {} -> {}]",
                    loc(l),
                    str_of(l, "importer"),
                    str_of(l, "imported")
                ));
            }
        }
        let code = str_of(v, "code");
        let want = if chain.is_empty() {
            "unmatched-ignore"
        } else {
            code_for(contract_type)
        };
        if code != want {
            line.push_str(&format!(" [code {code}, expected {want}]"));
        }
        if str_of(v, "severity") == "warning" {
            line.push_str(" (warning)");
        }
        out.push(line);
    }
    for e in report["errors"].as_array().unwrap_or(&empty) {
        out.push(format!("error {}", loc(e)));
    }
    out
}

/// Multiset difference `a - b`.
fn minus(a: &[String], b: &[String]) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for x in b {
        *counts.entry(x).or_default() += 1;
    }
    let mut out = Vec::new();
    for x in a {
        match counts.get_mut(x.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(x.clone()),
        }
    }
    out.sort();
    out
}

/// Runs the fixture as its `expected_file` says and compares.
fn check_fixture(fixture: &str, expected_file: &str) {
    let path = fixtures().join(fixture).join(expected_file);
    let expected = read_expected(&path);
    let output = check(fixture, "json", &expected.args);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code().unwrap_or(-1);
    let mut problems = Vec::new();
    if Some(code) != expected.exit {
        problems.push(format!(
            "exit code: expected {}, got {code}",
            expected.exit.unwrap_or(-1)
        ));
    }
    for s in &expected.stderr {
        if !stderr.contains(s.as_str()) {
            problems.push(format!("stderr does not contain `{s}`"));
        }
    }
    if expected.exit != Some(2) || !expected.findings.is_empty() {
        match serde_json::from_str::<Value>(&stdout) {
            Ok(report) => {
                let keys: Vec<(String, u64, u64, String)> = report["violations"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .iter()
                    .map(|v| {
                        let (f, l, c) = loc_key(v);
                        (f, l, c, str_of(v, "contract").to_owned())
                    })
                    .collect();
                if keys.windows(2).any(|w| w[0] > w[1]) {
                    problems.push(
                        "violations are not sorted by (file, line, column, contract)".to_owned(),
                    );
                }
                let got = findings(&report);
                let missing = minus(&expected.findings, &got);
                let unexpected = minus(&got, &expected.findings);
                if !missing.is_empty() {
                    problems.push(format!(
                        "expected but not reported ({}):\n  - {}",
                        missing.len(),
                        missing.join("\n  - ")
                    ));
                }
                if !unexpected.is_empty() {
                    problems.push(format!(
                        "reported but not expected ({}):\n  + {}",
                        unexpected.len(),
                        unexpected.join("\n  + ")
                    ));
                }
            }
            Err(e) => problems.push(format!("stdout is not a JSON report ({e})")),
        }
    }
    assert!(
        problems.is_empty(),
        "fixture `{fixture}` ({}) args {:?}:\n{}\n--- stderr:\n{}",
        path.display(),
        expected.args,
        problems.join("\n"),
        stderr.chars().take(4000).collect::<String>(),
    );
}

macro_rules! fixture_tests {
    ($($test:ident => $fixture:literal / $file:literal;)*) => {
        $(
            #[test]
            fn $test() {
                check_fixture($fixture, $file);
            }
        )*

        /// Every `expected*` file under `tests/fixtures/` has its test above.
        #[test]
        fn every_expected_file_has_a_test() {
            let listed: Vec<String> = vec![$(format!("{}/{}", $fixture, $file)),*];
            let mut found = Vec::new();
            for entry in std::fs::read_dir(fixtures()).expect("read fixtures") {
                let dir = entry.expect("fixture entry").path();
                if !dir.is_dir() {
                    continue;
                }
                let name = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
                for file in std::fs::read_dir(&dir).expect("read fixture") {
                    let file = file.expect("fixture file").file_name().to_string_lossy().into_owned();
                    if file == "expected" || file.starts_with("expected.") {
                        found.push(format!("{name}/{file}"));
                    }
                }
            }
            let missing = minus(&found, &listed);
            assert!(missing.is_empty(), "expected files without a test: {missing:?}");
            let stale = minus(&listed, &found);
            assert!(stale.is_empty(), "tests without an expected file: {stale:?}");
        }
    };
}

fixture_tests! {
    forbidden_direct => "forbidden-direct" / "expected";
    indirect => "indirect" / "expected";
    layers => "layers" / "expected";
    independence => "independence" / "expected";
    acyclic => "acyclic" / "expected";
    module_tree => "module-tree" / "expected";
    file_errors => "errors" / "expected";
    dev_code => "dev-code" / "expected";
    dev_code_no_dev => "dev-code" / "expected.no-dev";
    ignores => "ignores" / "expected";
    ignores_warn => "ignores" / "expected.warn";
    metadata_config => "metadata-config" / "expected";
    single_package => "single-package" / "expected";
    edition2015 => "edition2015" / "expected";
    clean => "clean" / "expected";
    presets => "presets" / "expected";
    targets => "targets" / "expected";
    workspace_members => "workspace-members" / "expected";
    unicode => "unicode" / "expected";
    scopes_and_lexing => "scopes-and-lexing" / "expected";
    wildcards => "wildcards" / "expected";
    errors_only => "errors-only" / "expected";
    bad_manifest => "bad-manifest" / "expected";
    no_config => "no-config" / "expected";
    parent_not_imported => "parent-not-imported" / "expected";
    manifest_forms => "manifest-forms" / "expected";
    root_package => "root-package" / "expected";
    acyclic_shortest => "acyclic-shortest" / "expected";
    glob_reexport => "glob-reexport" / "expected";
    bad_config_unknown_key => "bad-config-unknown-key" / "expected";
    bad_config_unknown_type => "bad-config-unknown-type" / "expected";
    bad_config_duplicate_name => "bad-config-duplicate-name" / "expected";
    bad_config_unknown_module => "bad-config-unknown-module" / "expected";
    bad_config_syntax => "bad-config-syntax" / "expected";
    bad_config_both => "bad-config-both" / "expected";
    bad_config_unknown_preset => "bad-config-unknown-preset" / "expected";
}

// ------------------------------------------------------------ snapshots

/// The output with the fixture's absolute path replaced by `[ROOT]`.
fn redacted(fixture: &str, output: &Output) -> String {
    let dir = fixtures().join(fixture);
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.replace(&dir.display().to_string(), "[ROOT]")
        .replace(&fixtures().display().to_string(), "[FIXTURES]")
}

fn snapshot(fixture: &str) {
    let json = check(fixture, "json", &[]);
    insta::assert_snapshot!(format!("{fixture}.json"), redacted(fixture, &json));
    let human = check(
        fixture,
        "human",
        &["--color".to_owned(), "never".to_owned()],
    );
    insta::assert_snapshot!(format!("{fixture}.human"), redacted(fixture, &human));
    assert_eq!(
        json.status.code(),
        human.status.code(),
        "{fixture}: exit codes of both formats"
    );
}

// The snapshots were reviewed against the `expected` files. Where the tool's
// output differed from DESIGN.md, the snapshot holds the report DESIGN.md
// asks for (forbidden-direct: the `sqlx::Connection` and `PgPoolOptions`
// leaves of queries.rs; acyclic: the executor's cycle under `no-cycles`),
// so that it does not pin a bug down.
#[test]
fn snapshot_forbidden_direct() {
    snapshot("forbidden-direct");
}

#[test]
fn snapshot_indirect() {
    snapshot("indirect");
}

#[test]
fn snapshot_layers() {
    snapshot("layers");
}

#[test]
fn snapshot_acyclic() {
    snapshot("acyclic");
}

// ------------------------------------------------------ command line

#[test]
fn cargo_terrace_gives_the_same_result() {
    let dir = fixtures().join("forbidden-direct");
    let direct = check("forbidden-direct", "json", &[]);
    let via_cargo = Command::new(env!("CARGO_BIN_EXE_cargo-terrace"))
        .args(["terrace", "check", "--format", "json", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .current_dir(&dir)
        .output()
        .expect("run cargo-terrace");
    assert_eq!(
        via_cargo.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&via_cargo.stderr)
    );
    assert_eq!(via_cargo.status.code(), direct.status.code());
    assert_eq!(
        String::from_utf8_lossy(&via_cargo.stdout),
        String::from_utf8_lossy(&direct.stdout)
    );
}

/// Run from `cwd` with no `--manifest-path`: the workspace root and its
/// configuration are discovered by walking up.
fn check_from(cwd: &Path) -> Output {
    terrace()
        .args(["check", "--format", "json"])
        .current_dir(cwd)
        .output()
        .expect("run terrace")
}

#[test]
fn discovers_the_workspace_from_inside_a_member() {
    for (fixture, sub) in [
        ("forbidden-direct", "crates/domain/src"),
        ("forbidden-direct", "crates/pricing"),
        ("metadata-config", "crates/core"),
        ("single-package", "src"),
    ] {
        let from_member = check_from(&fixtures().join(fixture).join(sub));
        let from_root = check(fixture, "json", &[]);
        assert_eq!(
            from_member.status.code(),
            Some(1),
            "{fixture} from {sub}: {}",
            String::from_utf8_lossy(&from_member.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&from_member.stdout),
            String::from_utf8_lossy(&from_root.stdout),
            "{fixture} from {sub}"
        );
    }
}

#[test]
fn manifest_path_of_a_member_finds_the_workspace_root() {
    let dir = fixtures().join("forbidden-direct");
    let output = terrace()
        .args(["check", "--format", "json", "--manifest-path"])
        .arg(dir.join("crates/pricing/Cargo.toml"))
        .output()
        .expect("run terrace");
    let from_root = check("forbidden-direct", "json", &[]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&from_root.stdout)
    );
}

#[test]
fn explicit_config_file() {
    let dir = fixtures().join("ignores");
    let output = check(
        "ignores",
        "json",
        &[
            "--config".to_owned(),
            dir.join("warn.toml").display().to_string(),
        ],
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    assert_eq!(report["summary"]["contracts"], 1, "{report:#}");
    let violations = report["violations"].as_array().cloned().unwrap_or_default();
    assert_eq!(violations.len(), 1, "{report:#}");
    assert_eq!(violations[0]["code"], "unmatched-ignore");
    assert_eq!(violations[0]["severity"], "warning");
    assert_eq!(violations[0]["file"], "warn.toml");

    // The same file from another directory, given relative to it.
    let output = terrace()
        .args([
            "check",
            "--format",
            "json",
            "--config",
            "ignores/warn.toml",
            "--manifest-path",
        ])
        .arg(dir.join("Cargo.toml"))
        .current_dir(fixtures())
        .output()
        .expect("run terrace");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn missing_config_file_is_a_usage_error() {
    let output = check(
        "clean",
        "json",
        &["--config".to_owned(), "no-such-terrace.toml".to_owned()],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-terrace.toml"));
}

#[test]
fn stale_ignores_have_their_own_code() {
    let output = check("ignores", "json", &[]);
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    let codes: Vec<(String, String)> = report["violations"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter(|v| v["file"] == "terrace.toml")
        .map(|v| {
            (
                str_of(v, "code").to_owned(),
                str_of(v, "severity").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("unmatched-ignore".to_owned(), "error".to_owned()),
            ("unmatched-ignore".to_owned(), "warning".to_owned()),
        ]
    );
    assert_eq!(report["summary"]["warnings"], 1, "{report:#}");
}

#[test]
fn presets_lists_the_builtin_presets() {
    let output = terrace().arg("presets").output().expect("run terrace");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("@infrastructure"), "{stdout}");
    assert!(stdout.contains("@std-io"), "{stdout}");
    assert!(stdout.contains("sqlx"), "{stdout}");
}

#[test]
fn help_exits_zero() {
    for args in [&["--help"][..], &["check", "--help"], &["help", "check"]] {
        let output = terrace().args(args).output().expect("run terrace");
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains("check"), "{args:?}: {stdout}");
    }
}

#[test]
fn unknown_option_is_a_usage_error() {
    let output = terrace()
        .args(["check", "--no-such-flag"])
        .output()
        .expect("run terrace");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn outside_any_workspace_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let output = terrace()
        .args(["check", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .expect("run terrace");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        output.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("Cargo.toml"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn missing_manifest_path_is_a_usage_error() {
    let output = terrace()
        .args([
            "check",
            "--manifest-path",
            "/nonexistent/terrace-fixture/Cargo.toml",
        ])
        .output()
        .expect("run terrace");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("/nonexistent/terrace-fixture"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The human report points at the same places as the JSON one: every
/// violation's links and every file error, as `FILE:LINE:COLUMN`.
#[test]
fn human_output_points_at_every_location() {
    let mut problems = Vec::new();
    for fixture in [
        "forbidden-direct",
        "indirect",
        "layers",
        "acyclic",
        "module-tree",
        "errors",
        "errors-only",
        "ignores",
        "unicode",
        "scopes-and-lexing",
    ] {
        let json = check(fixture, "json", &[]);
        let human = check(
            fixture,
            "human",
            &["--color".to_owned(), "never".to_owned()],
        );
        let human = String::from_utf8_lossy(&human.stdout);
        let Ok(report) = serde_json::from_slice::<Value>(&json.stdout) else {
            problems.push(format!("{fixture}: no JSON report"));
            continue;
        };
        let mut places = Vec::new();
        for v in report["violations"].as_array().cloned().unwrap_or_default() {
            places.push(loc(&v));
            for l in v["chain"].as_array().cloned().unwrap_or_default() {
                places.push(loc(&l));
            }
        }
        for e in report["errors"].as_array().cloned().unwrap_or_default() {
            places.push(loc(&e));
        }
        for p in places {
            if !human.contains(&format!("{p}\n")) {
                problems.push(format!("{fixture}: human output does not point at {p}"));
            }
        }
    }
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Hostile sources are reported as file errors (or checked), never a panic
/// or a crash: deep nesting, unterminated literals of every kind, stray
/// quotes, a NUL byte, an empty file.
#[test]
fn hostile_sources_never_crash() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let root = dir.path();
    let write = |rel: &str, bytes: &[u8]| crate::support::write(root, rel, bytes);
    write(
        "Cargo.toml",
        b"[package]\nname = \"hostile\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nsqlx = \"0.8\"\n\n[workspace]\n",
    );
    write(
        "terrace.toml",
        b"[[contracts]]\nname = \"pure\"\ntype = \"forbidden\"\nsource = [\"hostile\"]\nforbidden = [\"sqlx\"]\n",
    );
    let cases: &[(&str, Vec<u8>)] = &[
        ("deep_braces", {
            let mut s = b"pub fn f() ".to_vec();
            s.extend(std::iter::repeat_n(b'{', 100_000));
            s.extend(std::iter::repeat_n(b'}', 100_000));
            s
        }),
        ("deep_parens", {
            let mut s = b"pub const X: () = ".to_vec();
            s.extend(std::iter::repeat_n(b'(', 10_000));
            s
        }),
        ("deep_mods", "mod a { ".repeat(500).into_bytes()),
        (
            "raw_string",
            b"pub const S: &str = r##\"never closed\"#;\n".to_vec(),
        ),
        (
            "byte_string",
            b"pub const B: &[u8] = b\"never closed;\n".to_vec(),
        ),
        (
            "lone_quote",
            b"pub const C: char = ';\nuse sqlx::Row;\n".to_vec(),
        ),
        ("lone_lifetime", b"fn f<'>() {}\n".to_vec()),
        ("nul", b"pub fn f() {}\0\nuse sqlx::Error;\n".to_vec()),
        ("empty", Vec::new()),
        ("only_colons", b"::::::::::::::: sqlx :: :: ::".to_vec()),
        (
            "dollar",
            b"macro_rules! m { ($($x:tt)*) => { $($x)::* }; }\n".to_vec(),
        ),
        (
            "shebang",
            b"#!/usr/bin/env run-cargo-script\nuse sqlx::Pool;\n".to_vec(),
        ),
    ];
    let mut lib = String::new();
    for (name, bytes) in cases {
        lib.push_str(&format!("mod {name};\n"));
        write(&format!("src/{name}.rs"), bytes);
    }
    write("src/lib.rs", lib.as_bytes());
    let output = terrace()
        .args(["check", "--format", "json", "--manifest-path"])
        .arg(root.join("Cargo.toml"))
        .output()
        .expect("run terrace");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    assert!(
        report["summary"]["errors"].as_u64().unwrap_or(0) >= 4,
        "{report:#}"
    );
}

/// The JSON report has every field of DESIGN.md's schema 1, with counts
/// that agree with its lists.
#[test]
fn json_report_has_the_documented_shape() {
    for fixture in [
        "forbidden-direct",
        "indirect",
        "acyclic",
        "errors",
        "ignores",
        "clean",
    ] {
        let output = check(fixture, "json", &[]);
        let r: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
        assert_eq!(r["schema"], 1, "{fixture}");
        let s = &r["summary"];
        for key in [
            "contracts",
            "kept",
            "broken",
            "violations",
            "files",
            "errors",
        ] {
            assert!(s[key].is_u64(), "{fixture}: summary.{key} in {s}");
        }
        let contracts = r["contracts"].as_array().expect("contracts");
        let violations = r["violations"].as_array().expect("violations");
        let errors = r["errors"].as_array().expect("errors");
        assert_eq!(
            s["contracts"].as_u64(),
            Some(contracts.len() as u64),
            "{fixture}"
        );
        let kept = contracts.iter().filter(|c| c["kept"] == true).count() as u64;
        assert_eq!(s["kept"].as_u64(), Some(kept), "{fixture}");
        assert_eq!(
            s["broken"].as_u64(),
            Some(contracts.len() as u64 - kept),
            "{fixture}"
        );
        assert_eq!(s["errors"].as_u64(), Some(errors.len() as u64), "{fixture}");
        let failing = violations
            .iter()
            .filter(|v| v["severity"] != "warning")
            .count() as u64;
        assert_eq!(s["violations"].as_u64(), Some(failing), "{fixture}");
        for c in contracts {
            assert!(
                c["name"].is_string() && c["type"].is_string(),
                "{fixture}: {c}"
            );
            assert!(
                c["kept"].is_boolean() && c["violations"].is_u64(),
                "{fixture}: {c}"
            );
            let own = violations
                .iter()
                .filter(|v| v["contract"] == c["name"] && v["severity"] != "warning")
                .count() as u64;
            assert_eq!(c["violations"].as_u64(), Some(own), "{fixture}: {c}");
            assert_eq!(c["kept"] == true, own == 0, "{fixture}: {c}");
        }
        for v in violations {
            for key in ["contract", "contract_type", "importer", "imported", "file"] {
                assert!(v[key].is_string(), "{fixture}: {key} in {v}");
            }
            assert!(
                v["line"].as_u64() >= Some(1) && v["column"].as_u64() >= Some(1),
                "{fixture}: {v}"
            );
            for l in v["chain"].as_array().expect("chain") {
                for key in ["importer", "imported", "file"] {
                    assert!(l[key].is_string(), "{fixture}: {key} in {l}");
                }
                assert!(
                    l["line"].as_u64() >= Some(1) && l["column"].as_u64() >= Some(1),
                    "{fixture}: {l}"
                );
            }
        }
        for e in errors {
            assert!(
                e["file"].is_string() && e["message"].is_string(),
                "{fixture}: {e}"
            );
            assert!(
                e["line"].as_u64() >= Some(1) && e["column"].as_u64() >= Some(1),
                "{fixture}: {e}"
            );
        }
    }
}

#[test]
fn colours_only_when_asked_or_on_a_terminal() {
    let dir = fixtures().join("indirect");
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_terrace"))
            .env_remove("NO_COLOR")
            .args(["check", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .args(extra)
            .output()
            .expect("run terrace")
    };
    let piped = run(&[]);
    assert_eq!(piped.status.code(), Some(1));
    assert!(!piped.stdout.contains(&0x1b), "colours in piped output");
    let always = run(&["--color", "always"]);
    assert!(
        always.stdout.contains(&0x1b),
        "no colours with --color always"
    );
}

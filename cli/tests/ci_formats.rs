//! The CI formats of `terrace check` (human, JSON, GitHub annotations,
//! SARIF) on the `ci-*` fixture workspaces, run through the real binary.

use std::path::Path;
use std::process::Command;

use crate::support::{Run, copy_tree, fixture, terrace, write};

/// A scratch copy of a fixture, outside any git repository, so that paths
/// in the output are workspace-relative.
pub fn scratch(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&fixture(name), tmp.path(), &[]);
    tmp
}

fn check(name: &str, format: &str) -> Run {
    let tmp = scratch(name);
    terrace(
        tmp.path(),
        &["check", "--color", "never", "--format", format],
    )
}

#[test]
fn human_shows_reason_and_help_with_every_violation() {
    let run = check("ci-shop", "human");
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn json_carries_reason_and_help() {
    let run = check("ci-shop", "json");
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn github_writes_one_annotation_per_violation_then_a_summary() {
    let run = check("ci-shop", "github");
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn sarif_has_a_rule_per_contract_and_a_result_per_violation() {
    let run = check("ci-shop", "sarif");
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sarif-schema-2.1.0.json"),
    )
    .unwrap();
    let mut schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    // The official schema's `language` pattern has a stray `]`
    // (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) that a strict regex
    // check of the schema rejects; terrace never writes `language`.
    for def in ["run", "toolComponent"] {
        schema["definitions"][def]["properties"]["language"]["pattern"] =
            "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
    }
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid_sarif(text: &str) -> serde_json::Value {
    let doc: serde_json::Value = serde_json::from_str(text).unwrap();
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF: {errors:#?}\n{text}");
    doc
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let doc = assert_valid_sarif(&check("ci-shop", "sarif").stdout);
    let run = &doc["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    for r in results {
        assert!(r["partialFingerprints"]["terraceImport/v1"].is_string());
    }
    // The schema rejects what it should: the validator is not vacuous.
    let broken = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]});
    assert!(!sarif_validator().is_valid(&broken));
}

#[test]
fn sarif_of_a_clean_workspace_is_valid_and_empty() {
    let tmp = scratch("ci-shop");
    std::fs::write(
        tmp.path().join("terrace.toml"),
        "[[contracts]]\nname = \"service-is-pure\"\ntype = \"forbidden\"\n\
         source = [\"shop_service\"]\nforbidden = [\"tokio\"]\n",
    )
    .unwrap();
    let run = terrace(tmp.path(), &["check", "--format", "sarif"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = assert_valid_sarif(&run.stdout);
    assert_eq!(doc["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(
        doc["runs"][0]["tool"]["driver"]["rules"][0]["id"],
        "service-is-pure"
    );
}

#[test]
fn paths_are_relative_to_the_repository_root() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    let ws = tmp.path().join("services/shop");
    copy_tree(&fixture("ci-shop"), &ws, &[]);
    let sarif = terrace(&ws, &["check", "--format", "sarif"]);
    let doc = assert_valid_sarif(&sarif.stdout);
    let uri = &doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "services/shop/crates/domain/Cargo.toml");
    let github = terrace(&ws, &["check", "--format", "github"]);
    assert!(
        github
            .stdout
            .starts_with("::error file=services/shop/crates/domain/Cargo.toml,line=8,col=1,"),
        "{}",
        github.stdout
    );
}

#[test]
fn allowed_contract_reports_imports_outside_its_list() {
    let run = check("ci-allowed", "human");
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
    let json: serde_json::Value =
        serde_json::from_str(&check("ci-allowed", "json").stdout).unwrap();
    let codes: Vec<&str> = json["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["disallowed-import"; 5]);
}

// ---------------------------------------------------------------- baselines

fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, f(text)).unwrap();
}

#[test]
fn baseline_round_trip() {
    let tmp = scratch("ci-shop");
    let ws = tmp.path();
    let model = ws.join("crates/domain/src/model.rs");

    let run = terrace(ws, &["check", "--write-baseline", "baseline.json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        "wrote 5 violations to baseline `baseline.json`\n"
    );
    let written = std::fs::read_to_string(ws.join("baseline.json")).unwrap();
    insta::assert_snapshot!(written);
    // Writing again gives the same bytes: stable and sorted.
    terrace(ws, &["check", "--write-baseline", "baseline.json"]);
    assert_eq!(
        std::fs::read_to_string(ws.join("baseline.json")).unwrap(),
        written
    );

    let args = ["check", "--color", "never", "--baseline", "baseline.json"];
    let run = terrace(ws, &args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stderr,
        "baseline `baseline.json`: 5 known violations not reported\n"
    );

    // A new violation fails, and is the only one reported.
    let original = std::fs::read_to_string(&model).unwrap();
    edit(&model, |t| {
        t + "\npub fn rows() -> Vec<sqlx::postgres::PgRow> {\n    Vec::new()\n}\n"
    });
    let run = terrace(
        ws,
        &["check", "--format", "json", "--baseline", "baseline.json"],
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let violations = json["violations"].as_array().unwrap();
    assert_eq!(violations.len(), 1, "{}", run.stdout);
    assert_eq!(violations[0]["imported"], "sqlx::postgres::PgRow");
    assert_eq!(violations[0]["line"], 17);
    assert_eq!(json["summary"]["violations"], 1);
    assert_eq!(json["contracts"][0]["violations"], 1);
    assert_eq!(json["contracts"][1]["violations"], 0);
    std::fs::write(&model, &original).unwrap();

    // Lines that move keep matching.
    edit(&model, |t| {
        format!("//! Batches.\n\n// They are saved with sqlx.\n\n{t}")
    });
    let run = terrace(ws, &args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(!run.stderr.contains("fixed"), "{}", run.stderr);

    // A fixed violation passes and is reported as fixed.
    edit(&model, |t| t.replace("use sqlx::PgPool;\n", ""));
    let run = terrace(ws, &args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stderr,
        "baseline `baseline.json`: 4 known violations not reported; 1 entry is fixed, remove it \
         from the baseline (`--baseline baseline.json --write-baseline baseline.json` does):\n  \
         fixed: domain-is-pure: `shop_domain::model` imports `sqlx::PgPool` \
         (crates/domain/src/model.rs: `use sqlx::PgPool;`)\n"
    );

    // The baseline shrinks, and never takes in a new violation.
    edit(&model, |t| {
        t + "\npub fn row(_: sqlx::postgres::PgRow) {}\n"
    });
    let shrink = [
        "check",
        "--color",
        "never",
        "--baseline",
        "baseline.json",
        "--write-baseline",
        "baseline.json",
    ];
    let run = terrace(ws, &shrink);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("`sqlx::postgres::PgRow`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("1 entry is fixed, written without it to `baseline.json`"),
        "{}",
        run.stderr
    );
    let shrunk = std::fs::read_to_string(ws.join("baseline.json")).unwrap();
    assert!(!shrunk.contains("\"use sqlx::PgPool;\""), "{shrunk}");
    assert!(!shrunk.contains("PgRow"), "{shrunk}");
    assert_eq!(shrunk.matches("\"contract\"").count(), 4, "{shrunk}");
    edit(&model, |t| {
        t.replace("\npub fn row(_: sqlx::postgres::PgRow) {}\n", "")
    });
    let run = terrace(ws, &args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stderr,
        "baseline `baseline.json`: 4 known violations not reported\n"
    );
}

#[test]
fn a_baseline_matches_each_occurrence_once() {
    let tmp = scratch("ci-shop");
    let ws = tmp.path();
    terrace(ws, &["check", "--write-baseline", "baseline.json"]);
    // The same line a second time is a new violation.
    edit(&ws.join("crates/domain/src/model.rs"), |t| {
        t.replace(
            "use sqlx::PgPool;\n",
            "use sqlx::PgPool;\nmod again {\n    use sqlx::PgPool;\n}\n",
        )
    });
    let run = terrace(
        ws,
        &["check", "--format", "json", "--baseline", "baseline.json"],
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["summary"]["violations"], 1, "{}", run.stdout);
}

#[test]
fn missing_or_malformed_baselines_are_usage_errors() {
    let tmp = scratch("ci-shop");
    let ws = tmp.path();
    let run = terrace(
        ws,
        &["check", "--color", "never", "--baseline", "nope.json"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: cannot read baseline `nope.json`: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "help: record the current violations with `terrace check --write-baseline nope.json`"
        ),
        "{}",
        run.stderr
    );
    for (text, message) in [
        ("{", "EOF while parsing an object at line 1 column 1"),
        ("[]", "no `schema` number"),
        (
            "{\"schema\": 7, \"violations\": []}",
            "unknown schema 7, expected 1",
        ),
        ("{\"schema\": 1}", "no `violations` array"),
        (
            "{\"schema\": 1, \"violations\": [{\"contract\": \"x\"}]}",
            "entry 1 of `violations` has no string `file`",
        ),
    ] {
        std::fs::write(ws.join("bad.json"), text).unwrap();
        let run = terrace(ws, &["check", "--color", "never", "--baseline", "bad.json"]);
        assert_eq!(run.code, 2, "{text}");
        assert!(
            run.stderr.starts_with(&format!(
                "error: malformed baseline `bad.json`: {message}\n"
            )),
            "{text}: {}",
            run.stderr
        );
    }
}

// ---------------------------------------------------------------- init

/// A workspace in a temporary directory from (path, content) pairs.
fn workspace(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (path, text) in files {
        write(tmp.path(), path, text);
    }
    tmp
}

fn package(name: &str) -> String {
    format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n")
}

fn init_then_check(ws: &Path) -> String {
    let run = terrace(ws, &["init"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.starts_with("wrote `"), "{}", run.stdout);
    let check = terrace(ws, &["check", "--color", "never"]);
    assert!(
        check.code == 0 || check.code == 1,
        "{}{}",
        check.stdout,
        check.stderr
    );
    std::fs::read_to_string(ws.join("terrace.toml")).unwrap()
}

#[test]
fn init_guesses_crate_layers_and_the_pure_domain() {
    let api =
        package("shop-api") + "\n[dependencies]\nshop-services = { path = \"../services\" }\n";
    let tmp = workspace(&[
        (
            "Cargo.toml",
            "[workspace]\nmembers = [\"crates/*\"]\nresolver = \"3\"\n",
        ),
        ("crates/api/Cargo.toml", &api),
        (
            "crates/api/src/main.rs",
            "fn main() { shop_services::run(); }\n",
        ),
        ("crates/services/Cargo.toml", &package("shop-services")),
        ("crates/services/src/lib.rs", "pub fn run() {}\n"),
        ("crates/db/Cargo.toml", &package("shop-db")),
        ("crates/db/src/lib.rs", "use shop_services::run;\n"),
        (
            "crates/persistence/Cargo.toml",
            &package("shop-persistence"),
        ),
        ("crates/persistence/src/lib.rs", ""),
        ("crates/model/Cargo.toml", &package("shop-model")),
        ("crates/model/src/lib.rs", "pub struct Order;\n"),
        ("crates/util/Cargo.toml", &package("shop-util")),
        ("crates/util/src/lib.rs", ""),
    ]);
    let config = init_then_check(tmp.path());
    insta::assert_snapshot!(config);
}

#[test]
fn init_guesses_module_layers_inside_one_crate() {
    let tmp = workspace(&[
        ("Cargo.toml", &package("allocation")),
        (
            "src/lib.rs",
            "pub mod entrypoints;\npub mod service_layer;\npub mod adapters;\npub mod domain;\n\
             mod helpers;\n",
        ),
        (
            "src/entrypoints.rs",
            "use crate::service_layer::allocate;\n",
        ),
        ("src/service_layer.rs", "pub fn allocate() {}\n"),
        ("src/adapters.rs", "use crate::domain::Batch;\n"),
        ("src/domain.rs", "pub struct Batch;\nuse crate::adapters;\n"),
        ("src/helpers.rs", ""),
    ]);
    let config = init_then_check(tmp.path());
    insta::assert_snapshot!(config);
    let check = terrace(tmp.path(), &["check", "--color", "never"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    assert!(
        check
            .stdout
            .contains("`allocation::domain` imports `allocation::adapters`"),
        "{}",
        check.stdout
    );
}

#[test]
fn init_without_layer_names_writes_comments_only() {
    let tmp = workspace(&[
        ("Cargo.toml", &package("thing")),
        ("src/lib.rs", "pub mod parts;\n"),
        ("src/parts.rs", ""),
    ]);
    let config = init_then_check(tmp.path());
    assert!(config.contains("so there is no contract yet"), "{config}");
    assert!(
        config.lines().all(|l| l.is_empty() || l.starts_with('#')),
        "{config}"
    );
    let check = terrace(tmp.path(), &["check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}

#[test]
fn init_never_clobbers_without_force() {
    let tmp = workspace(&[("Cargo.toml", &package("shop-domain")), ("src/lib.rs", "")]);
    let ws = tmp.path();
    std::fs::write(ws.join("terrace.toml"), "# mine\n").unwrap();
    let run = terrace(ws, &["init"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert!(
        run.stderr.contains("pass `--force` to overwrite it"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(ws.join("terrace.toml")).unwrap(),
        "# mine\n"
    );

    let run = terrace(ws, &["init", "--dry-run"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("source = [\"shop_domain\"]"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(ws.join("terrace.toml")).unwrap(),
        "# mine\n"
    );

    let run = terrace(ws, &["init", "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let config = std::fs::read_to_string(ws.join("terrace.toml")).unwrap();
    assert!(config.contains("name = \"domain-is-pure\""), "{config}");
    assert!(!ws.join(".terrace.toml.tmp").exists());
}

#[test]
fn init_refuses_when_the_manifest_holds_the_configuration() {
    let manifest = package("app")
        + "\n[package.metadata.terrace]\ncontracts = [{ name = \"c\", type = \"acyclic\", modules = [\"app\"] }]\n";
    let tmp = workspace(&[("Cargo.toml", &manifest), ("src/lib.rs", "")]);
    let run = terrace(tmp.path(), &["init", "--force"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("already holds a terrace configuration"),
        "{}",
        run.stderr
    );
    assert!(!tmp.path().join("terrace.toml").exists());
}

// ---------------------------------------------------------------- graph

#[test]
fn graph_dot_at_crate_level_marks_broken_imports() {
    let tmp = scratch("ci-shop");
    let run = terrace(tmp.path(), &["graph"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn graph_mermaid_at_module_level() {
    let tmp = scratch("ci-shop");
    let run = terrace(
        tmp.path(),
        &["graph", "--format", "mermaid", "--level", "module"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn graph_of_one_contract() {
    let tmp = scratch("ci-shop");
    let run = terrace(
        tmp.path(),
        &["graph", "--contract", "layers", "--level", "module"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("sqlx"), "{}", run.stdout);
    assert!(!run.stdout.contains("domain-is-pure"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "\"shop_domain::model\" -> \"shop_adapters\" [color=red, fontcolor=red, penwidth=2, label=\"layers\"];"
        ),
        "{}",
        run.stdout
    );
    let run = terrace(tmp.path(), &["graph", "--contract", "nope"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no contract named `nope`"),
        "{}",
        run.stderr
    );
}

#[test]
fn graph_renders_with_graphviz() {
    let tmp = scratch("ci-shop");
    let Ok(probe) = Command::new("dot").arg("-V").output() else {
        println!("note: Graphviz `dot` is not installed; skipping the rendering check");
        return;
    };
    assert!(probe.status.success());
    for level in ["crate", "module"] {
        let run = terrace(tmp.path(), &["graph", "--level", level]);
        let graph = tmp.path().join(format!("{level}.dot"));
        std::fs::write(&graph, &run.stdout).unwrap();
        let svg = Command::new("dot")
            .arg("-Tsvg")
            .arg(&graph)
            .output()
            .unwrap();
        assert!(
            svg.status.success(),
            "{}",
            String::from_utf8_lossy(&svg.stderr)
        );
        assert!(String::from_utf8_lossy(&svg.stdout).contains("<svg"));
    }
}

// ---------------------------------------------------------------- explain

#[test]
fn verbose_check_names_the_entries_each_end_matched() {
    let tmp = scratch("ci-shop");
    let run = terrace(tmp.path(), &["check", "--color", "never", "--verbose"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn explain_a_broken_forbidden_contract() {
    let tmp = scratch("ci-shop");
    let run = terrace(tmp.path(), &["explain", "domain-is-pure"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn explain_an_allowed_contract() {
    let tmp = scratch("ci-allowed");
    let run = terrace(tmp.path(), &["explain", "model-allow-list"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn explain_a_kept_contract_and_an_unknown_one() {
    let tmp = scratch("ci-shop");
    std::fs::write(
        tmp.path().join("terrace.toml"),
        "[[contracts]]\nname = \"service-is-pure\"\ntype = \"forbidden\"\n\
         source = [\"shop_service\"]\nforbidden = [\"tokio\"]\nallow_indirect = true\n",
    )
    .unwrap();
    let run = terrace(tmp.path(), &["explain", "service-is-pure"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "contract `service-is-pure` (forbidden), terrace.toml:1:1\n  \
         modules inside `source` must not import anything inside `forbidden` directly\n  \
         source:\n    shop_service (terrace.toml:4:11)\n  \
         forbidden:\n    tokio (terrace.toml:5:14)\n\n\
         kept: no import breaks it\n"
    );
    let run = terrace(tmp.path(), &["explain", "nope"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no contract named `nope`")
            && run.stderr.contains("contracts: `service-is-pure`"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------- README

/// Every `terrace ...` command of the README's shell examples runs on a
/// workspace like the README's (exit 0 or 1: never a usage error).
#[test]
fn readme_commands_run() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    let mut commands = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh";
            continue;
        }
        let code = line.split(" #").next().unwrap().trim();
        if in_sh && code.starts_with("terrace ") {
            // The command itself, without pipes and redirections.
            let command = code.split(['|', '>']).next().unwrap().trim().to_owned();
            commands.push(command);
        }
    }
    assert!(commands.len() >= 10, "{commands:?}");
    assert!(commands.iter().any(|c| c.contains("--format sarif")));
    assert!(commands.iter().any(|c| c.contains("--write-baseline")));
    let tmp = scratch("ci-shop");
    // `terrace new` runs in a directory of its own; `terrace add` in the
    // workspace it made.
    let scaffolds = tempfile::tempdir().unwrap();
    let mut scaffolded = None;
    for command in &commands {
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        if args[0] == "new" || args[0] == "add" {
            let dir = match args[0] {
                "new" => scaffolds.path().to_path_buf(),
                _ => scaffolded
                    .clone()
                    .expect("`terrace new` comes first in the README"),
            };
            let run = terrace(&dir, &args);
            assert_eq!(run.code, 0, "{command}: {}", run.stderr);
            if args[0] == "new" {
                scaffolded = Some(scaffolds.path().join(args[1]));
            }
            continue;
        }
        if args[0] == "init" {
            let fresh = scratch("ci-shop");
            std::fs::remove_file(fresh.path().join("terrace.toml")).unwrap();
            let run = terrace(fresh.path(), &args);
            assert_eq!(run.code, 0, "{command}: {}", run.stderr);
            continue;
        }
        let run = terrace(tmp.path(), &args);
        assert!(
            run.code == 0 || run.code == 1,
            "{command}: exit {}\n{}",
            run.code,
            run.stderr
        );
    }
}

// ---------------------------------------------------------------- more SARIF

#[test]
fn sarif_fingerprints_survive_moved_lines() {
    let tmp = scratch("ci-shop");
    let fingerprints = |ws: &Path| -> Vec<String> {
        let doc = assert_valid_sarif(&terrace(ws, &["check", "--format", "sarif"]).stdout);
        let mut f: Vec<String> = doc["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["terraceImport/v1"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        f.sort();
        f
    };
    let before = fingerprints(tmp.path());
    edit(&tmp.path().join("crates/domain/src/model.rs"), |t| {
        format!("//! Batches.\n\n{t}")
    });
    assert_eq!(fingerprints(tmp.path()), before);
    let mut unique = before.clone();
    unique.dedup();
    assert_eq!(unique.len(), before.len(), "{before:?}");
}

#[test]
fn file_errors_and_warnings_in_sarif_and_github() {
    let tmp = scratch("ci-shop");
    let ws = tmp.path();
    edit(&ws.join("terrace.toml"), |t| {
        t + "ignore = [\"shop_domain::gone -> shop_adapters\"]\nunmatched_ignores = \"warn\"\n"
    });
    edit(&ws.join("crates/shared/src/lib.rs"), |t| {
        t + "pub mod broken;\n"
    });
    std::fs::write(
        ws.join("crates/shared/src/broken.rs"),
        "pub fn f() {\n    let s = \"never closed;\n}\n",
    )
    .unwrap();

    let run = terrace(ws, &["check", "--format", "sarif"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let doc = assert_valid_sarif(&run.stdout);
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.last().unwrap()["id"], "parse-error");
    let results = doc["runs"][0]["results"].as_array().unwrap();
    let warning = results.iter().find(|r| r["level"] == "warning").unwrap();
    assert_eq!(warning["ruleId"], "layers");
    assert_eq!(
        warning["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "terrace.toml"
    );
    let error = results
        .iter()
        .find(|r| r["ruleId"] == "parse-error")
        .unwrap();
    assert_eq!(
        error["ruleIndex"].as_u64().unwrap() as usize,
        rules.len() - 1
    );
    assert_eq!(
        error["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "crates/shared/src/broken.rs"
    );

    let run = terrace(ws, &["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(
            "::warning file=terrace.toml,line=14,col=11,title=terrace unmatched-ignore (layers)::"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "::error file=crates/shared/src/broken.rs,line=2,col=13,title=terrace parse-error::"
        ),
        "{}",
        run.stdout
    );
}

/// `terrace init` on every fixture workspace (its own configuration
/// removed) writes a configuration that parses: `terrace check` then exits
/// 0 or 1, never 2; on the fixture whose code is clean it passes.
#[test]
fn init_on_every_fixture_writes_a_configuration_that_parses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| root.join(n).join("Cargo.toml").is_file())
        // Broken manifests and configurations kept in `Cargo.toml` are
        // refused by design (tested elsewhere).
        .filter(|n| {
            let manifest = std::fs::read_to_string(root.join(n).join("Cargo.toml")).unwrap();
            !n.starts_with("bad-") && !manifest.contains("metadata.terrace")
        })
        .collect();
    names.sort();
    let mut results = Vec::new();
    for name in &names {
        let tmp = scratch(name);
        let _ = std::fs::remove_file(tmp.path().join("terrace.toml"));
        let init = terrace(tmp.path(), &["init"]);
        assert_eq!(
            init.code, 0,
            "init on `{name}`: {}{}",
            init.stdout, init.stderr
        );
        let check = terrace(tmp.path(), &["check", "--color", "never"]);
        assert!(
            check.code == 0 || check.code == 1,
            "check after init on `{name}` exited {}:\n{}{}",
            check.code,
            check.stdout,
            check.stderr
        );
        results.push((name.clone(), check.code));
    }
    assert!(results.len() >= 25, "{results:?}");
    assert!(results.contains(&("clean".to_owned(), 0)), "{results:?}");
}

//! The CI formats of `terrace check` (human, JSON, GitHub annotations,
//! SARIF) on the `ci-*` fixture workspaces, run through the real binary.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The output of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn terrace(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_terrace"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

/// A scratch copy of a fixture, outside any git repository, so that paths
/// in the output are workspace-relative.
pub fn scratch(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&fixture(name), tmp.path());
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
    copy_tree(&fixture("ci-shop"), &ws);
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

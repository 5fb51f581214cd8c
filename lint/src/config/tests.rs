use std::path::{Path, PathBuf};

use super::*;
use crate::presets;

fn pos(line: u32, column: u32) -> Pos {
    Pos { line, column }
}

fn name(n: &str) -> PatternSegment {
    PatternSegment::Name(n.to_owned())
}

/// A pattern as the configuration would produce it.
fn pat(text: &str, line: u32, column: u32) -> ModulePattern {
    match ModulePattern::parse(text, pos(line, column)) {
        Ok(pattern) => pattern,
        Err(message) => panic!("{text}: {message}"),
    }
}

fn from_preset(text: &str, preset: &str, line: u32, column: u32) -> ModulePattern {
    ModulePattern {
        preset: Some(preset.to_owned()),
        ..pat(text, line, column)
    }
}

fn ok(text: &str) -> Config {
    match parse(Path::new("terrace.toml"), text, Section::Root) {
        Ok(config) => config,
        Err(errors) => panic!("{errors:#?}"),
    }
}

fn errors(text: &str) -> Vec<ConfigError> {
    match parse(Path::new("terrace.toml"), text, Section::Root) {
        Ok(config) => panic!("no error: {config:#?}"),
        Err(errors) => errors,
    }
}

/// The only error of `text`, as (line, column, message, help).
fn one_error(text: &str) -> (u32, u32, String, Option<String>) {
    let errors = errors(text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    assert_eq!(e.file, Path::new("terrace.toml"));
    (e.pos.line, e.pos.column, e.message.clone(), e.help.clone())
}

fn expect(
    actual: (u32, u32, String, Option<String>),
    line: u32,
    column: u32,
    message: &str,
    help: Option<&str>,
) {
    assert_eq!(
        actual,
        (line, column, message.to_owned(), help.map(str::to_owned))
    );
}

const PATTERN_HELP: &str = "a module reference is a Rust path whose first segment is a crate \
     name, such as `shop_domain::model`; `*` matches one segment, `**` any number";

const FORBIDDEN_KEYS: &str = "`name`, `type`, `source`, `forbidden`, `allow_indirect`, \
     `include_dev`, `ignore`, `unmatched_ignores`, `reason`, `help`";

// ---------------------------------------------------------------- patterns

#[test]
fn pattern_parsing() {
    use PatternSegment::{Any, One};
    let cases: &[(&str, &str, &[PatternSegment])] = &[
        ("sqlx", "sqlx", &[name("sqlx")]),
        ("shop-domain", "shop-domain", &[name("shop_domain")]),
        (
            "shop-domain::model",
            "shop-domain::model",
            &[name("shop_domain"), name("model")],
        ),
        (
            "  app::*::domain\t",
            "app::*::domain",
            &[name("app"), One, name("domain")],
        ),
        (
            "app::**::domain",
            "app::**::domain",
            &[name("app"), Any, name("domain")],
        ),
        ("**", "**", &[Any]),
        ("*", "*", &[One]),
        ("*::domain", "*::domain", &[One, name("domain")]),
        (
            "r#type::r#mod",
            "r#type::r#mod",
            &[name("type"), name("mod")],
        ),
        (
            "_private::x1",
            "_private::x1",
            &[name("_private"), name("x1")],
        ),
        ("café::ünï", "café::ünï", &[name("café"), name("ünï")]),
    ];
    for &(text, written, segments) in cases {
        let p = pat(text, 3, 7);
        assert_eq!(p.text, written, "{text}");
        assert_eq!(p.segments, segments, "{text}");
        assert_eq!(p.pos, pos(3, 7));
        assert_eq!(p.preset, None);
    }
}

#[test]
fn pattern_errors() {
    let cases = [
        ("", "empty module reference"),
        ("   ", "empty module reference"),
        ("a::::b", "empty segment in module reference `a::::b`"),
        ("a::", "empty segment in module reference `a::`"),
        ("::a", "empty segment in module reference `::a`"),
        (
            "a::***",
            "invalid wildcard `***` in module reference `a::***`: use `*` for one segment \
             or `**` for any number",
        ),
        (
            "foo*",
            "partial wildcard `foo*` in module reference `foo*`: `*` and `**` must be whole \
             segments",
        ),
        (
            "a::*b",
            "partial wildcard `*b` in module reference `a::*b`: `*` and `**` must be whole \
             segments",
        ),
        ("a.b", "invalid character `.` in module reference `a.b`"),
        ("a b", "invalid character ` ` in module reference `a b`"),
        ("a:b", "invalid character `:` in module reference `a:b`"),
        ("a:::b", "invalid character `:` in module reference `a:::b`"),
        (
            "@infra",
            "invalid character `@` in module reference `@infra`",
        ),
        (
            "a\tb::c",
            "invalid character `\\t` in module reference `a\tb::c`",
        ),
        (
            "a::b-c",
            "invalid character `-` in module reference `a::b-c`: only the crate name (the \
             first segment) may contain `-`",
        ),
        (
            "r#a-b",
            "invalid character `-` in module reference `r#a-b`: only the crate name (the \
             first segment) may contain `-`",
        ),
        (
            "1a",
            "`1a` in module reference `1a` is not an identifier: it must start with a letter \
             or `_`",
        ),
        (
            "a::9",
            "`9` in module reference `a::9` is not an identifier: it must start with a letter \
             or `_`",
        ),
        ("_", "`_` is not a module name (in module reference `_`)"),
        ("r#", "empty raw identifier `r#` in module reference `r#`"),
        (
            "r#self",
            "`r#self` in module reference `r#self` is not a valid raw identifier",
        ),
    ];
    for (text, message) in cases {
        assert_eq!(
            ModulePattern::parse(text, Pos::default()),
            Err(message.to_owned()),
            "{text:?}"
        );
    }
}

#[test]
fn pattern_matching() {
    let cases: &[(&str, &[&str], bool)] = &[
        ("sqlx", &["sqlx"], true),
        ("sqlx", &["sqlx", "postgres", "PgPool"], true),
        ("sqlx", &["sqlx_core"], false),
        ("sqlx", &["app", "sqlx"], false),
        ("sqlx", &[], false),
        ("shop-domain", &["shop_domain", "model"], true),
        ("r#type", &["type"], true),
        (
            "app::*::domain",
            &["app", "billing", "domain", "model"],
            true,
        ),
        ("app::*::domain", &["app", "billing", "domain"], true),
        ("app::*::domain", &["app", "domain"], false),
        ("app::*::domain", &["app", "billing"], false),
        ("app::*::domain", &["app", "a", "b", "domain"], false),
        ("app::**::domain", &["app", "domain"], true),
        ("app::**::domain", &["app", "x", "y", "domain", "z"], true),
        ("app::**::domain", &["app", "x"], false),
        ("app::**::domain", &["app"], false),
        ("app::**::domain", &["domain"], false),
        ("**", &[], true),
        ("**", &["a"], true),
        ("**", &["a", "b", "c"], true),
        ("*", &[], false),
        ("*", &["a"], true),
        ("*", &["a", "b"], true),
        ("*::domain", &["app", "domain"], true),
        ("*::domain", &["domain"], false),
        ("**::domain", &["domain"], true),
        ("**::domain", &["a", "b", "domain", "c"], true),
        ("**::domain", &["a", "b"], false),
        ("a::**", &["a"], true),
        ("a::**", &["b"], false),
        ("a::**::*", &["a"], false),
        ("a::**::*", &["a", "b"], true),
        ("a::**::b::**::c", &["a", "b", "c"], true),
        (
            "a::**::b::**::c",
            &["a", "x", "b", "y", "z", "c", "d"],
            true,
        ),
        ("a::**::b::**::c", &["a", "b", "b", "c"], true),
        ("a::**::b::**::c", &["a", "c", "b"], false),
        ("a::**::b::**::c", &["a", "b", "x"], false),
        ("a::**::*::b", &["a", "b"], false),
        ("a::**::*::b", &["a", "x", "b"], true),
        ("a::**::*::b", &["a", "x", "y", "b"], true),
    ];
    for &(text, path, expected) in cases {
        assert_eq!(
            pat(text, 1, 1).matches(path),
            expected,
            "{text} on {path:?}"
        );
    }
}

// ---------------------------------------------------------- valid configs

#[test]
fn full_config_of_every_contract_type() {
    let text = r#"[presets]
messaging = ["lapin", "rdkafka"]

[[contracts]]
name = "domain-is-pure"
type = "forbidden"
source = ["shop-domain", "app::*::domain"]
forbidden = ["sqlx", "@messaging"]
allow_indirect = true
include_dev = false
ignore = ["shop_domain::legacy -> sea_orm"]
unmatched_ignores = "warn"
reason = "the domain stays persistence-ignorant"
help = "go through a repository trait"

[[contracts]]
name = "layers"
type = "layers"
layers = ["app::entrypoints", "app::billing | app::shipping", "app::domain"]
allow_indirect = false
include_dev = true
ignore = []
unmatched_ignores = "error"
reason = "dependencies point inward"
help = "move the code down a layer"

[[contracts]]
name = "contexts"
type = "independence"
modules = ["app::billing", "app::shipping"]
include_dev = false
ignore = ["app::billing::** -> app::shipping::api", "a->b"]
unmatched_ignores = "warn"
reason = "bounded contexts"
help = "talk through events"

[[contracts]]
name = "no-cycles"
type = "acyclic"
modules = ["app::**"]
include_dev = true
ignore = []
unmatched_ignores = "error"
reason = "cycles hide layering"
help = "break the cycle"
"#;
    let config = ok(text);
    assert_eq!(config.file, PathBuf::from("terrace.toml"));
    let expected = vec![
        Contract {
            name: "domain-is-pure".to_owned(),
            pos: pos(4, 1),
            kind: ContractKind::Forbidden {
                source: vec![pat("shop-domain", 7, 11), pat("app::*::domain", 7, 26)],
                forbidden: vec![
                    pat("sqlx", 8, 14),
                    from_preset("lapin", "messaging", 8, 22),
                    from_preset("rdkafka", "messaging", 8, 22),
                ],
            },
            allow_indirect: true,
            include_dev: false,
            ignore: vec![IgnoreRule {
                text: "shop_domain::legacy -> sea_orm".to_owned(),
                importer: pat("shop_domain::legacy", 11, 11),
                imported: pat("sea_orm", 11, 11),
                pos: pos(11, 11),
            }],
            unmatched_ignores: Severity::Warn,
            reason: Some("the domain stays persistence-ignorant".to_owned()),
            help: Some("go through a repository trait".to_owned()),
        },
        Contract {
            name: "layers".to_owned(),
            pos: pos(16, 1),
            kind: ContractKind::Layers {
                layers: vec![
                    vec![pat("app::entrypoints", 19, 12)],
                    vec![pat("app::billing", 19, 32), pat("app::shipping", 19, 47)],
                    vec![pat("app::domain", 19, 64)],
                ],
            },
            allow_indirect: false,
            include_dev: true,
            ignore: vec![],
            unmatched_ignores: Severity::Error,
            reason: Some("dependencies point inward".to_owned()),
            help: Some("move the code down a layer".to_owned()),
        },
        Contract {
            name: "contexts".to_owned(),
            pos: pos(27, 1),
            kind: ContractKind::Independence {
                modules: vec![pat("app::billing", 30, 12), pat("app::shipping", 30, 28)],
            },
            allow_indirect: false,
            include_dev: false,
            ignore: vec![
                IgnoreRule {
                    text: "app::billing::** -> app::shipping::api".to_owned(),
                    importer: pat("app::billing::**", 32, 11),
                    imported: pat("app::shipping::api", 32, 11),
                    pos: pos(32, 11),
                },
                IgnoreRule {
                    text: "a->b".to_owned(),
                    importer: pat("a", 32, 53),
                    imported: pat("b", 32, 53),
                    pos: pos(32, 53),
                },
            ],
            unmatched_ignores: Severity::Warn,
            reason: Some("bounded contexts".to_owned()),
            help: Some("talk through events".to_owned()),
        },
        Contract {
            name: "no-cycles".to_owned(),
            pos: pos(37, 1),
            kind: ContractKind::Acyclic {
                modules: vec![pat("app::**", 40, 12)],
            },
            allow_indirect: false,
            include_dev: true,
            ignore: vec![],
            unmatched_ignores: Severity::Error,
            reason: Some("cycles hide layering".to_owned()),
            help: Some("break the cycle".to_owned()),
        },
    ];
    assert_eq!(config.contracts, expected);
    let types: Vec<_> = config
        .contracts
        .iter()
        .map(|c| c.kind.type_name())
        .collect();
    assert_eq!(types, ["forbidden", "layers", "independence", "acyclic"]);
}

#[test]
fn defaults() {
    let config = ok(r#"
[[contracts]]
name = "pure"
type = "forbidden"
source = ["a"]
forbidden = ["b"]
"#);
    assert_eq!(
        config.contracts,
        [Contract {
            name: "pure".to_owned(),
            pos: pos(2, 1),
            kind: ContractKind::Forbidden {
                source: vec![pat("a", 5, 11)],
                forbidden: vec![pat("b", 6, 14)],
            },
            allow_indirect: false,
            include_dev: true,
            ignore: vec![],
            unmatched_ignores: Severity::Error,
            reason: None,
            help: None,
        }]
    );
}

#[test]
fn empty_configuration_has_no_contracts() {
    assert_eq!(ok("").contracts, []);
    assert_eq!(ok("# nothing yet\n[presets]\n").contracts, []);
}

#[test]
fn inline_contracts_start_at_their_brace() {
    let text = "contracts = [\n  { name = \"no-cycles\", type = \"acyclic\", modules = [\"app\"], \
                include_dev = false, ignore = [\"a -> b\"], unmatched_ignores = \"warn\", \
                reason = \"r\", help = \"h\" },\n]\n";
    let config = ok(text);
    assert_eq!(
        config.contracts,
        [Contract {
            name: "no-cycles".to_owned(),
            pos: pos(2, 3),
            kind: ContractKind::Acyclic {
                modules: vec![pat("app", 2, 54)],
            },
            allow_indirect: false,
            include_dev: false,
            ignore: vec![IgnoreRule {
                text: "a -> b".to_owned(),
                importer: pat("a", 2, 93),
                imported: pat("b", 2, 93),
                pos: pos(2, 93),
            }],
            unmatched_ignores: Severity::Warn,
            reason: Some("r".to_owned()),
            help: Some("h".to_owned()),
        }]
    );
}

#[test]
fn builtin_presets_expand_in_place() {
    let config = ok(r#"[[contracts]]
name = "pure"
type = "forbidden"
source = ["domain"]
forbidden = ["std::thread", "@std-io", "@infrastructure"]
"#);
    let ContractKind::Forbidden { forbidden, .. } = &config.contracts[0].kind else {
        panic!("{config:#?}");
    };
    let std_io = presets::find("std-io")
        .map(|p| p.entries)
        .unwrap_or_default();
    let infra = presets::find("infrastructure")
        .map(|p| p.entries)
        .unwrap_or_default();
    let expected: Vec<_> = std::iter::once(pat("std::thread", 5, 14))
        .chain(std_io.iter().map(|e| from_preset(e, "std-io", 5, 29)))
        .chain(
            infra
                .iter()
                .map(|e| from_preset(e, "infrastructure", 5, 40)),
        )
        .collect();
    assert_eq!(*forbidden, expected);
}

#[test]
fn user_presets_expand_recursively() {
    let config = ok(r#"[presets]
io = ["@messaging", "@std-io", "sqlx"]
messaging = ["lapin", "@kafka"]
kafka = ["rdkafka"]

[[contracts]]
name = "pure"
type = "forbidden"
source = ["domain"]
forbidden = ["@io"]
"#);
    let ContractKind::Forbidden { forbidden, .. } = &config.contracts[0].kind else {
        panic!("{config:#?}");
    };
    let texts: Vec<_> = forbidden.iter().map(|p| p.text.as_str()).collect();
    let std_io = presets::find("std-io")
        .map(|p| p.entries)
        .unwrap_or_default();
    let expected: Vec<&str> = ["lapin", "rdkafka"]
        .into_iter()
        .chain(std_io.iter().copied())
        .chain(["sqlx"])
        .collect();
    assert_eq!(texts, expected);
    assert!(
        forbidden
            .iter()
            .all(|p| p.pos == pos(10, 14) && p.preset.as_deref() == Some("io"))
    );
}

#[test]
fn workspace_metadata_positions_are_relative_to_the_whole_manifest() {
    let text = r#"[package]
name = "shop"
version = "0.1.0"

[workspace]
members = ["crates/*"]

[workspace.metadata.terrace]
presets.messaging = ["lapin"]

[[workspace.metadata.terrace.contracts]]
name = "pure"
type = "forbidden"
source = ["shop-domain"]
forbidden = ["@messaging"]

[dependencies]
"#;
    let file = Path::new("Cargo.toml");
    let config = match parse(file, text, Section::WorkspaceMetadata) {
        Ok(config) => config,
        Err(errors) => panic!("{errors:#?}"),
    };
    assert_eq!(config.file, file);
    assert_eq!(config.contracts.len(), 1);
    let contract = &config.contracts[0];
    assert_eq!(contract.pos, pos(11, 1));
    assert_eq!(
        contract.kind,
        ContractKind::Forbidden {
            source: vec![pat("shop-domain", 14, 11)],
            forbidden: vec![from_preset("lapin", "messaging", 15, 14)],
        }
    );

    // The same file has no package metadata.
    let errors = parse(file, text, Section::PackageMetadata).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].pos, pos(1, 1));
    assert_eq!(
        errors[0].message,
        "no `[package.metadata.terrace]` table in this file"
    );
    assert_eq!(
        errors[0].help.as_deref(),
        Some("add the table, or write the configuration in `terrace.toml`")
    );
}

#[test]
fn package_metadata_errors_point_into_the_manifest() {
    let text = r#"[package]
name = "shop"

[package.metadata.terrace]
contracts = [
    { name = "layers", type = "layers", layers = ["app::web", "app::domain"], allow_indirect = "no" },
]
extra = true
"#;
    let file = Path::new("crates/shop/Cargo.toml");
    let errors = parse(file, text, Section::PackageMetadata).unwrap_err();
    let found: Vec<_> = errors
        .iter()
        .map(|e| (e.file.as_path(), e.pos, e.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                file,
                pos(6, 96),
                "`allow_indirect` must be a boolean, found a string"
            ),
            (
                file,
                pos(8, 1),
                "unknown key `extra` in `[package.metadata.terrace]`"
            ),
        ]
    );
}

#[test]
fn metadata_section_must_be_a_table() {
    let errors = parse(
        Path::new("Cargo.toml"),
        "[workspace]\nmetadata.terrace = 3\n",
        Section::WorkspaceMetadata,
    )
    .unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].pos, pos(2, 20));
    assert_eq!(
        errors[0].message,
        "`[workspace.metadata.terrace]` must be a table, found an integer"
    );
}

#[test]
fn columns_count_unicode_scalar_values_and_crlf_lines() {
    let text = "contracts = [{ name = \"défaut→\", type = \"acyclic\", modules = [] }]\r\n\
                [presets]\r\nx = [\"a::\"]\r\n";
    let found: Vec<_> = errors(text)
        .into_iter()
        .map(|e| (e.pos, e.message))
        .collect();
    assert_eq!(
        found,
        [
            (
                pos(1, 62),
                "`modules` is empty in contract `défaut→`".to_owned()
            ),
            (
                pos(3, 6),
                "empty segment in module reference `a::`".to_owned()
            ),
        ]
    );
}

// ----------------------------------------------------------------- errors

#[test]
fn toml_syntax_error() {
    expect(
        one_error("[[contracts]]\nname = \"a\"\ntype = = \"layers\"\n"),
        3,
        8,
        "invalid TOML: extra `=`, expected nothing",
        None,
    );
}

#[test]
fn unknown_top_level_key() {
    expect(
        one_error("contract = []\n"),
        1,
        1,
        "unknown key `contract` at the top level of the configuration",
        Some("did you mean `contracts`? valid keys: `contracts`, `presets`"),
    );
    expect(
        one_error("[presets]\n[version]\n"),
        2,
        2,
        "unknown key `version` at the top level of the configuration",
        Some("valid keys: `contracts`, `presets`"),
    );
}

const PURE: &str = "[[contracts]]\nname = \"pure\"\ntype = \"forbidden\"\nsource = [\"a\"]\n";

#[test]
fn unknown_contract_key_with_did_you_mean() {
    expect(
        one_error(&format!("{PURE}forbidden = [\"b\"]\nsorce = [\"c\"]\n")),
        6,
        1,
        "unknown key `sorce` in contract `pure`",
        Some(&format!(
            "did you mean `source`? valid keys for a `forbidden` contract: {FORBIDDEN_KEYS}"
        )),
    );
    expect(
        one_error(&format!("{PURE}forbidden = [\"b\"]\ncolour = 1\n")),
        6,
        1,
        "unknown key `colour` in contract `pure`",
        Some(&format!(
            "valid keys for a `forbidden` contract: {FORBIDDEN_KEYS}"
        )),
    );
}

#[test]
fn missing_name() {
    expect(
        one_error("[[contracts]]\ntype = \"acyclic\"\nmodules = [\"a\"]\n"),
        1,
        1,
        "missing key `name` in contract #1",
        Some("add `name = \"...\"`: a unique name that reports and ignores refer to"),
    );
    expect(
        one_error("[[contracts]]\nname = \"\"\ntype = \"acyclic\"\nmodules = [\"a\"]\n"),
        2,
        8,
        "empty name in contract #1",
        Some("add `name = \"...\"`: a unique name that reports and ignores refer to"),
    );
}

#[test]
fn missing_type() {
    expect(
        one_error("[[contracts]]\nname = \"a\"\nmodules = [\"x\"]\n"),
        1,
        1,
        "missing key `type` in contract `a`",
        Some(
            "add `type = \"...\"`, one of `forbidden`, `layers`, `independence`, \
             `acyclic`, `allowed`",
        ),
    );
}

#[test]
fn unknown_type() {
    expect(
        one_error("[[contracts]]\nname = \"a\"\ntype = \"forbiden\"\nsource = [\"x\"]\n"),
        3,
        8,
        "unknown contract type `forbiden` in contract `a`",
        Some(
            "did you mean `forbidden`? valid types: `forbidden`, `layers`, `independence`, \
             `acyclic`, `allowed`",
        ),
    );
    // Without a type, only keys no contract type knows are reported.
    expect(
        one_error("[[contracts]]\nname = \"a\"\ntype = \"graph\"\nmodules = [\"x\"]\n"),
        3,
        8,
        "unknown contract type `graph` in contract `a`",
        Some("valid types: `forbidden`, `layers`, `independence`, `acyclic`, `allowed`"),
    );
}

#[test]
fn duplicate_name() {
    let text = r#"[[contracts]]
name = "a"
type = "acyclic"
modules = ["x"]

[[contracts]]
name = "a"
type = "acyclic"
modules = ["y"]
"#;
    expect(
        one_error(text),
        7,
        8,
        "duplicate contract name `a`",
        Some("contract names must be unique; the first contract named `a` is at line 2"),
    );
}

#[test]
fn wrong_value_types() {
    let cases = [
        (
            format!("{PURE}forbidden = [\"b\"]\nallow_indirect = \"yes\"\n"),
            (6, 18),
            "`allow_indirect` must be a boolean, found a string",
        ),
        (
            format!("{PURE}forbidden = [\"b\"]\ninclude_dev = 0\n"),
            (6, 15),
            "`include_dev` must be a boolean, found an integer",
        ),
        (
            format!("{PURE}forbidden = [\"b\"]\nreason = [\"x\"]\n"),
            (6, 10),
            "`reason` must be a string, found an array",
        ),
        (
            format!("{PURE}forbidden = [\"b\"]\nhelp = {{ text = \"x\" }}\n"),
            (6, 8),
            "`help` must be a string, found a table",
        ),
        (
            format!("{PURE}forbidden = \"b\"\n"),
            (5, 13),
            "`forbidden` must be an array of strings, found a string",
        ),
        (
            format!("{PURE}forbidden = [\"b\", 2.5]\n"),
            (5, 19),
            "entries of `forbidden` must be strings, found a float",
        ),
        (
            format!("{PURE}forbidden = [\"b\"]\nignore = [true]\n"),
            (6, 11),
            "entries of `ignore` must be strings, found a boolean",
        ),
        (
            format!("{PURE}forbidden = [\"b\"]\nunmatched_ignores = 1979-05-27\n"),
            (6, 21),
            "`unmatched_ignores` must be a string, found a datetime",
        ),
        (
            "[[contracts]]\nname = 7\ntype = \"acyclic\"\nmodules = [\"a\"]\n".to_owned(),
            (2, 8),
            "`name` must be a string, found an integer",
        ),
        (
            "[[contracts]]\nname = \"a\"\ntype = [\"acyclic\"]\nmodules = [\"a\"]\n".to_owned(),
            (3, 8),
            "`type` must be a string, found an array",
        ),
        (
            "[[contracts]]\nname = \"a\"\ntype = \"acyclic\"\n[contracts.modules]\nx = 1\n"
                .to_owned(),
            (4, 1),
            "`modules` must be an array of strings, found a table",
        ),
    ];
    for (text, (line, column), message) in cases {
        expect(one_error(&text), line, column, message, None);
    }
}

#[test]
fn contracts_must_be_tables() {
    let help = Some("write each contract as a `[[contracts]]` table");
    expect(
        one_error("contracts = \"all\"\n"),
        1,
        13,
        "`contracts` must be an array of tables, found a string",
        help,
    );
    expect(
        one_error("[contracts]\nname = \"a\"\n"),
        1,
        1,
        "`contracts` must be an array of tables, found a table",
        help,
    );
    expect(
        one_error("contracts = [1]\n"),
        1,
        14,
        "entries of `contracts` must be tables, found an integer",
        help,
    );
}

#[test]
fn invalid_unmatched_ignores() {
    expect(
        one_error(&format!(
            "{PURE}forbidden = [\"b\"]\nunmatched_ignores = \"warning\"\n"
        )),
        6,
        21,
        "invalid value `warning` for `unmatched_ignores`",
        Some("expected `error` or `warn`"),
    );
    expect(
        one_error(&format!(
            "{PURE}forbidden = [\"b\"]\nunmatched_ignores = \"eror\"\n"
        )),
        6,
        21,
        "invalid value `eror` for `unmatched_ignores`",
        Some("did you mean `error`? expected `error` or `warn`"),
    );
}

#[test]
fn empty_source_and_forbidden() {
    let source_help = "list the modules that must not import `forbidden`, such as \
                       `source = [\"shop_domain\"]`";
    let forbidden_help = "list the crates and modules that `source` must not import, such as \
                          `forbidden = [\"sqlx\", \"@infrastructure\"]`";
    expect(
        one_error(
            "[[contracts]]\nname = \"pure\"\ntype = \"forbidden\"\nsource = []\nforbidden = [\"b\"]\n",
        ),
        4,
        10,
        "`source` is empty in contract `pure`",
        Some(source_help),
    );
    expect(
        one_error(&format!("{PURE}forbidden = [ ]\n")),
        5,
        13,
        "`forbidden` is empty in contract `pure`",
        Some(forbidden_help),
    );
    expect(
        one_error(&format!("{PURE}\n")),
        1,
        1,
        "missing key `forbidden` in contract `pure`",
        Some(forbidden_help),
    );
}

#[test]
fn too_few_layers_and_modules() {
    expect(
        one_error("[[contracts]]\nname = \"l\"\ntype = \"layers\"\nlayers = [\"app::web\"]\n"),
        4,
        10,
        "`layers` needs at least 2 entries in contract `l`, found 1",
        Some(
            "list the layers top to bottom, such as `layers = [\"app::entrypoints\", \
             \"app::service_layer\", \"app::domain\"]`",
        ),
    );
    expect(
        one_error("[[contracts]]\nname = \"i\"\ntype = \"independence\"\nmodules = [\"a\"]\n"),
        4,
        12,
        "`modules` needs at least 2 entries in contract `i`, found 1",
        Some(
            "list the modules that must not import one another, such as \
             `modules = [\"app::billing\", \"app::shipping\"]` or \
             `modules = [\"app::contexts::*\"]`",
        ),
    );
    expect(
        one_error("[[contracts]]\nname = \"c\"\ntype = \"acyclic\"\nmodules = []\n"),
        4,
        11,
        "`modules` is empty in contract `c`",
        Some("list the modules whose children must form no cycle, such as `modules = [\"app\"]`"),
    );
    expect(
        one_error("[[contracts]]\nname = \"c\"\ntype = \"acyclic\"\n"),
        1,
        1,
        "missing key `modules` in contract `c`",
        Some("list the modules whose children must form no cycle, such as `modules = [\"app\"]`"),
    );
}

#[test]
fn invalid_module_patterns() {
    expect(
        one_error(&format!("{PURE}forbidden = [\"b\", \"sqlx::::pool\"]\n")),
        5,
        19,
        "empty segment in module reference `sqlx::::pool`",
        Some(PATTERN_HELP),
    );
    expect(
        one_error(
            "[[contracts]]\nname = \"pure\"\ntype = \"forbidden\"\nsource = [\"a*\"]\nforbidden = [\"b\"]\n",
        ),
        4,
        11,
        "partial wildcard `a*` in module reference `a*`: `*` and `**` must be whole segments",
        Some(PATTERN_HELP),
    );
    expect(
        one_error("[[contracts]]\nname = \"l\"\ntype = \"layers\"\nlayers = [\"a\", \"b | \"]\n"),
        4,
        21,
        "empty module reference",
        Some(
            "a layer is a module reference, or independent siblings separated by `|` such \
             as `\"app::billing | app::shipping\"`",
        ),
    );
    expect(
        one_error(
            "[[contracts]]\nname = \"i\"\ntype = \"independence\"\nmodules = [\"a\", \"@std-io\"]\n",
        ),
        4,
        17,
        "`@std-io` is a preset: presets can only be used in `forbidden` and `allowed`",
        Some("list the modules themselves here"),
    );
}

#[test]
fn invalid_ignores() {
    let help = Some("write `importer -> imported`, such as `\"shop_domain::legacy -> sea_orm\"`");
    expect(
        one_error(&format!(
            "{PURE}forbidden = [\"b\"]\nignore = [\"a -> b\", \"a - b\"]\n"
        )),
        6,
        21,
        "ignore entry `a - b` has no `->`",
        help,
    );
    expect(
        one_error(&format!(
            "{PURE}forbidden = [\"b\"]\nignore = [\"a -> b -> c\"]\n"
        )),
        6,
        11,
        "ignore entry `a -> b -> c` has more than one `->`",
        help,
    );
    let found: Vec<_> = errors(&format!(
        "{PURE}forbidden = [\"b\"]\nignore = [\" -> b::\"]\n"
    ))
    .into_iter()
    .map(|e| (e.pos, e.message))
    .collect();
    assert_eq!(
        found,
        [
            (pos(6, 11), "empty module reference".to_owned()),
            (
                pos(6, 11),
                "empty segment in module reference `b::`".to_owned()
            ),
        ]
    );
}

#[test]
fn unknown_preset() {
    expect(
        one_error(&format!("{PURE}forbidden = [\"@infrastucture\"]\n")),
        5,
        14,
        "unknown preset `@infrastucture` in contract `pure`",
        Some("did you mean `@infrastructure`? known presets: `@infrastructure`, `@std-io`"),
    );
    expect(
        one_error(&format!(
            "[presets]\nmessaging = [\"lapin\"]\n{PURE}forbidden = [\"@db\"]\n"
        )),
        7,
        14,
        "unknown preset `@db` in contract `pure`",
        Some("known presets: `@infrastructure`, `@std-io`, `@messaging`"),
    );
    expect(
        one_error(&format!(
            "[presets]\nmessaging = [\"lapin\", \"@kafak\"]\nkafka = [\"rdkafka\"]\n{PURE}forbidden = [\"@messaging\"]\n"
        )),
        2,
        23,
        "unknown preset `@kafak` in preset `@messaging`",
        Some(
            "did you mean `@kafka`? known presets: `@infrastructure`, `@std-io`, \
             `@messaging`, `@kafka`",
        ),
    );
}

#[test]
fn preset_cycles() {
    let help = Some(
        "a preset cannot include itself, directly or through other presets: remove one of \
         these references",
    );
    expect(
        one_error(&format!(
            "[presets]\na = [\"x\", \"@b\"]\nb = [\"@a\"]\n{PURE}forbidden = [\"@a\"]\n"
        )),
        3,
        6,
        "preset cycle: `@a` -> `@b` -> `@a`",
        help,
    );
    expect(
        one_error("[presets]\nself = [\"@self\"]\n"),
        2,
        9,
        "preset cycle: `@self` -> `@self`",
        help,
    );
    // A preset that includes a preset in a cycle is broken too, silently.
    expect(
        one_error(&format!(
            "[presets]\nouter = [\"@a\"]\na = [\"@b\"]\nb = [\"@a\"]\n{PURE}forbidden = [\"@outer\"]\n"
        )),
        4,
        6,
        "preset cycle: `@a` -> `@b` -> `@a`",
        help,
    );
}

#[test]
fn invalid_presets() {
    expect(
        one_error("[presets]\ninfrastructure = [\"x\"]\n"),
        2,
        1,
        "preset `@infrastructure` is built in",
        Some("choose another name; built-in presets: `@infrastructure`, `@std-io`"),
    );
    expect(
        one_error("[presets]\nempty = []\n"),
        2,
        9,
        "preset `@empty` is empty",
        Some("list crates and modules in it, or remove it"),
    );
    expect(
        one_error("[presets]\n\"a b\" = [\"x\"]\n"),
        2,
        1,
        "invalid preset name `a b`",
        Some("preset names are made of letters, digits, `-` and `_`"),
    );
    expect(
        one_error("[presets]\nmessaging = \"lapin\"\n"),
        2,
        13,
        "`presets.messaging` must be an array of strings, found a string",
        None,
    );
    expect(
        one_error("presets = [\"lapin\"]\n"),
        1,
        11,
        "`presets` must be a table, found an array",
        Some(
            "write `[presets]` with one array per preset, such as \
             `messaging = [\"lapin\", \"rdkafka\"]`",
        ),
    );
}

#[test]
fn key_of_another_contract_type() {
    expect(
        one_error(
            "[[contracts]]\nname = \"i\"\ntype = \"independence\"\nmodules = [\"a\", \"b\"]\nallow_indirect = true\n",
        ),
        5,
        1,
        "key `allow_indirect` does not apply to an `independence` contract (contract `i`)",
        Some(
            "`allow_indirect` applies to `forbidden` and `layers` contracts; valid keys for an \
             `independence` contract: `name`, `type`, `modules`, `include_dev`, `ignore`, \
             `unmatched_ignores`, `reason`, `help`",
        ),
    );
    expect(
        one_error(
            "[[contracts]]\nname = \"l\"\ntype = \"layers\"\nlayers = [\"a\", \"b\"]\nmodules = [\"c\"]\n",
        ),
        5,
        1,
        "key `modules` does not apply to a `layers` contract (contract `l`)",
        Some(
            "`modules` applies to `independence` and `acyclic` contracts; valid keys for a \
             `layers` contract: `name`, `type`, `layers`, `allow_indirect`, `include_dev`, \
             `ignore`, `unmatched_ignores`, `reason`, `help`",
        ),
    );
}

#[test]
fn every_error_of_a_file_is_reported() {
    let text = r#"colour = "blue"

[[contracts]]
name = "pure"
type = "forbidden"
source = []
forbidden = ["@nope", "a::"]
include_dev = "yes"

[[contracts]]
type = "independence"
modules = ["a"]
allow_indirect = false

[[contracts]]
name = "pure"
type = "acyclic"
modules = ["x"]
ignore = ["x"]

[presets]
loop = ["@loop"]
"#;
    let found: Vec<_> = errors(text)
        .into_iter()
        .map(|e| (e.pos.line, e.pos.column, e.message))
        .collect();
    let expected = [
        (
            1,
            1,
            "unknown key `colour` at the top level of the configuration",
        ),
        (6, 10, "`source` is empty in contract `pure`"),
        (7, 14, "unknown preset `@nope` in contract `pure`"),
        (7, 23, "empty segment in module reference `a::`"),
        (8, 15, "`include_dev` must be a boolean, found a string"),
        (10, 1, "missing key `name` in contract #2"),
        (
            12,
            12,
            "`modules` needs at least 2 entries in contract #2, found 1",
        ),
        (
            13,
            1,
            "key `allow_indirect` does not apply to an `independence` contract (contract #2)",
        ),
        (16, 8, "duplicate contract name `pure`"),
        (19, 11, "ignore entry `x` has no `->`"),
        (22, 9, "preset cycle: `@loop` -> `@loop`"),
    ];
    let expected: Vec<_> = expected
        .into_iter()
        .map(|(l, c, m)| (l, c, m.to_owned()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn config_error_displays_file_and_position() {
    let error = ConfigError {
        file: PathBuf::from("terrace.toml"),
        pos: pos(3, 5),
        message: "unknown key `x` in contract `a`".to_owned(),
        help: None,
    };
    assert_eq!(
        error.to_string(),
        "terrace.toml:3:5: unknown key `x` in contract `a`"
    );
}

// -------------------------------------------------------------------- load

const CONTRACT: &str = "[[contracts]]\nname = \"c\"\ntype = \"acyclic\"\nmodules = [\"app\"]\n";

fn workspace(manifest: &str, terrace: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => panic!("{e}"),
    };
    let manifest_path = dir.path().join("Cargo.toml");
    let written = std::fs::write(&manifest_path, manifest).and_then(|()| {
        terrace.map_or(Ok(()), |t| {
            std::fs::write(dir.path().join("terrace.toml"), t)
        })
    });
    if let Err(e) = written {
        panic!("{e}");
    }
    (dir, manifest_path)
}

#[test]
fn load_finds_nothing() {
    let (_dir, manifest) = workspace(
        "[package]\nname = \"app\"\n[workspace.metadata.other]\n",
        None,
    );
    assert_eq!(load(&manifest), Ok(None));
}

#[test]
fn load_reads_terrace_toml() {
    let (dir, manifest) = workspace("[package]\nname = \"app\"\n", Some(CONTRACT));
    let config = match load(&manifest) {
        Ok(Some(config)) => config,
        other => panic!("{other:#?}"),
    };
    assert_eq!(config.file, dir.path().join("terrace.toml"));
    assert_eq!(config.contracts.len(), 1);
    assert_eq!(config.contracts[0].pos, pos(1, 1));
}

#[test]
fn load_reads_metadata() {
    let manifest_text = "[package]\nname = \"app\"\n\n[package.metadata.terrace]\ncontracts = [{ name = \"c\", type = \"acyclic\", modules = [\"app\"] }]\n";
    let (_dir, manifest) = workspace(manifest_text, None);
    let config = match load(&manifest) {
        Ok(Some(config)) => config,
        other => panic!("{other:#?}"),
    };
    assert_eq!(config.file, manifest);
    assert_eq!(config.contracts[0].pos, pos(5, 14));
}

#[test]
fn load_reports_errors_of_the_file_it_reads() {
    let (dir, manifest) = workspace(
        "[package]\nname = \"app\"\n",
        Some("[[contracts]]\nname = 1\n"),
    );
    let errors = load(&manifest).unwrap_err();
    assert!(
        errors
            .iter()
            .all(|e| e.file == dir.path().join("terrace.toml")),
        "{errors:#?}"
    );
    assert_eq!(errors[0].pos, pos(1, 1));
}

#[test]
fn load_rejects_terrace_toml_and_metadata_together() {
    let (_dir, manifest) = workspace(
        "[package]\nname = \"app\"\n\n[workspace.metadata.terrace]\npresets = {}\n",
        Some(CONTRACT),
    );
    let errors = load(&manifest).unwrap_err();
    assert_eq!(
        errors,
        [ConfigError {
            file: manifest.clone(),
            pos: pos(4, 1),
            message: "configuration found in both `terrace.toml` and \
                      `[workspace.metadata.terrace]` in `Cargo.toml`"
                .to_owned(),
            help: Some(
                "keep only one of them: delete `[workspace.metadata.terrace]` in \
                 `Cargo.toml` or `terrace.toml`"
                    .to_owned()
            ),
        }]
    );
}

#[test]
fn load_rejects_both_metadata_tables() {
    let (_dir, manifest) = workspace(
        "[package]\nname = \"app\"\n\n[[workspace.metadata.terrace.contracts]]\nname = \"a\"\n\n[package.metadata]\nterrace.presets = {}\n",
        None,
    );
    let errors = load(&manifest).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].pos, pos(8, 1));
    assert_eq!(
        errors[0].message,
        "configuration found in both `[workspace.metadata.terrace]` in `Cargo.toml` and \
         `[package.metadata.terrace]` in `Cargo.toml`"
    );
}

#[test]
fn load_reports_unreadable_files() {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => panic!("{e}"),
    };
    let manifest = dir.path().join("Cargo.toml");
    let errors = load(&manifest).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, manifest);
    assert_eq!(errors[0].pos, pos(1, 1));
    assert_eq!(
        errors[0].message,
        format!("cannot read `{}`: file not found", manifest.display())
    );

    let (dir, manifest) = workspace("[package]\nname = \"app\"\n", None);
    let terrace = dir.path().join("terrace.toml");
    if let Err(e) = std::fs::write(&terrace, b"name = \"\xff\"\n") {
        panic!("{e}");
    }
    let errors = load(&manifest).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, terrace);
    assert_eq!(
        errors[0].message,
        format!("cannot read `{}`: it is not valid UTF-8", terrace.display())
    );
    assert_eq!(
        errors[0].help.as_deref(),
        Some("TOML files must be encoded in UTF-8")
    );

    let (dir, manifest) = workspace("[package]\nname = \"app\"\n", None);
    let terrace = dir.path().join("terrace.toml");
    if let Err(e) = std::fs::create_dir(&terrace) {
        panic!("{e}");
    }
    let errors = load(&manifest).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, terrace);
    assert!(
        errors[0]
            .message
            .starts_with(&format!("cannot read `{}`: ", terrace.display())),
        "{errors:#?}"
    );
}

#[test]
fn load_reports_manifest_syntax_errors() {
    let (_dir, manifest) = workspace("[package\nname = \"app\"\n", Some(CONTRACT));
    let errors = load(&manifest).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, manifest);
    assert!(
        errors[0].message.starts_with("invalid TOML: "),
        "{errors:#?}"
    );
}

// ------------------------------------------------------------- robustness

/// Every prefix and every one-char deletion of a real configuration, as a
/// `terrace.toml` and inside a `Cargo.toml`: never a panic, and every error
/// points into the file.
#[test]
fn damaged_configurations_never_panic() {
    let sample = r#"[presets]
io = ["@messaging", "@std-io", "sqlx::*"]
messaging = ["lapin", "r#type"]

[[contracts]]
name = "pure→"
type = "forbidden"
source = ["shop-domain", "app::**::domain"]
forbidden = ["@io", "@infrastructure"]
ignore = ["a::b -> c", "d->e"]
unmatched_ignores = "warn"

[[contracts]]
name = "layers"
type = "layers"
layers = ["a | b", "c"]
allow_indirect = true
contracts = [{ name = "x", type = "acyclic", modules = ["é"] }]
"#;
    let chars: Vec<(usize, char)> = sample.char_indices().collect();
    let mut variants: Vec<String> = chars.iter().map(|&(i, _)| sample[..i].to_owned()).collect();
    for &(i, c) in &chars {
        variants.push(format!("{}{}", &sample[..i], &sample[i + c.len_utf8()..]));
    }
    for text in &variants {
        let lines = u32::try_from(text.lines().count()).unwrap_or(u32::MAX) + 1;
        let manifest = format!("[package]\nname = \"x\"\n\n[workspace.metadata.terrace]\n{text}");
        let results = [
            parse(Path::new("terrace.toml"), text, Section::Root),
            parse(
                Path::new("Cargo.toml"),
                &manifest,
                Section::WorkspaceMetadata,
            ),
        ];
        for (result, max_line) in results.into_iter().zip([lines, lines + 4]) {
            if let Err(errors) = result {
                assert!(!errors.is_empty());
                for e in errors {
                    assert!(
                        e.pos.line >= 1 && e.pos.line <= max_line && e.pos.column >= 1,
                        "{e:?} in {text:?}"
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------- allowed

#[test]
fn allowed_contract_with_presets_and_an_empty_list() {
    let text = r#"[presets]
serialization = ["serde", "serde_json"]

[[contracts]]
name = "model-allow-list"
type = "allowed"
source = ["shop_model"]
allowed = ["thiserror", "@serialization", "shop_shared::ids"]
include_dev = false
ignore = ["shop_model::legacy -> chrono"]
reason = "a small model"
help = "ask first"

[[contracts]]
name = "leaf"
type = "allowed"
source = ["shop_util"]
allowed = []
"#;
    let config = ok(text);
    assert_eq!(
        config.contracts[0].kind,
        ContractKind::Allowed {
            source: vec![pat("shop_model", 7, 11)],
            allowed: vec![
                pat("thiserror", 8, 12),
                from_preset("serde", "serialization", 8, 25),
                from_preset("serde_json", "serialization", 8, 25),
                pat("shop_shared::ids", 8, 43),
            ],
        }
    );
    assert_eq!(config.contracts[0].kind.type_name(), "allowed");
    assert!(!config.contracts[0].include_dev);
    assert_eq!(config.contracts[0].ignore.len(), 1);
    assert_eq!(config.contracts[0].reason.as_deref(), Some("a small model"));
    assert_eq!(
        config.contracts[1].kind,
        ContractKind::Allowed {
            source: vec![pat("shop_util", 17, 11)],
            allowed: Vec::new(),
        }
    );
}

#[test]
fn allowed_contract_errors() {
    let head = "[[contracts]]\nname = \"m\"\ntype = \"allowed\"\n";
    expect(
        one_error(&format!("{head}source = [\"a\"]\n")),
        1,
        1,
        "missing key `allowed` in contract `m`",
        Some(
            "list the crates and modules that `source` may import besides `std`, `core`, \
             `alloc` and itself, such as `allowed = [\"serde\", \"thiserror\"]`",
        ),
    );
    expect(
        one_error(&format!("{head}allowed = [\"serde\"]\n")),
        1,
        1,
        "missing key `source` in contract `m`",
        Some(
            "list the modules whose imports are restricted, such as \
             `source = [\"shop_domain\"]`",
        ),
    );
    expect(
        one_error(&format!("{head}source = [\"a\"]\nallowed = [\"@nope\"]\n")),
        5,
        12,
        "unknown preset `@nope` in contract `m`",
        Some("known presets: `@infrastructure`, `@std-io`"),
    );
    expect(
        one_error(&format!("{head}source = [\"a\"]\nallowed = [\"a::::b\"]\n")),
        5,
        12,
        "empty segment in module reference `a::::b`",
        Some(PATTERN_HELP),
    );
    let (line, column, message, help) = one_error(&format!(
        "{head}source = [\"a\"]\nallowed = []\nallow_indirect = true\n"
    ));
    assert_eq!(
        (line, column, message.as_str()),
        (
            6,
            1,
            "key `allow_indirect` does not apply to an `allowed` contract (contract `m`)"
        )
    );
    assert!(
        help.unwrap()
            .starts_with("`allow_indirect` applies to `forbidden` and `layers` contracts")
    );
    expect(
        one_error(&format!(
            "{head}source = [\"@infrastructure\"]\nallowed = []\n"
        )),
        4,
        11,
        "`@infrastructure` is a preset: presets can only be used in `forbidden` and `allowed`",
        Some("list the modules themselves here"),
    );
}

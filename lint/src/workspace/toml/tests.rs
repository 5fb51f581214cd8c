//! The fast reader against `toml_edit`: the same tables, keys, values,
//! spans and flags, or `toml_edit`'s verdict (the fast path gives up).

use proptest::prelude::*;

use super::Toml;

/// Asserts that `text` reads the same both ways; returns whether the fast
/// path read it itself.
fn same_as_toml_edit(text: &str) -> bool {
    Toml::agrees_with_reference(text).unwrap_or_else(|diff| panic!("{diff}"))
}

#[test]
fn the_fuzz_hook_agrees_or_leaves_the_text_to_toml_edit() {
    assert_eq!(
        crate::workspace::manifest_reader_agrees("a = 1\n[b]\nc = 'd'"),
        Ok(())
    );
    // Left to toml_edit: nothing to compare.
    assert_eq!(crate::workspace::manifest_reader_agrees("a = "), Ok(()));
}

#[test]
fn reads_a_manifest_itself() {
    let text = r#"
[package]
name = "shop-domain"   # the name
edition.workspace = true
version = "0.1.0"
build = ["a.rs", 'b.rs']
autobins = false

[lib]
path = "src/domain.rs"

[[bin]]
name = "a"
[[bin]]
name = "b"
path = "src/b.rs"

[dependencies]
serde = { version = "1", features = ["derive"] }
orm = { package = "diesel", version = "2", optional = true }
"quoted-key" = "1"
'literal' = { path = "../x", default-features = false }
local.path = "../local"
local.workspace = true

[target.'cfg(unix)'.dependencies]
libc = "0.2"

[target."x86_64-pc-windows-msvc".build-dependencies]
cc = { workspace = true }

[profile.release]
opt-level = 3
codegen-units = 0x10
lto = "fat"
"#;
    assert!(same_as_toml_edit(text));
}

#[test]
fn tables_follow_toml_edits_rules() {
    let cases = [
        // An implicit table defined later moves to the end.
        "[a.b]\nx = 1\n[c]\n[a]\ny = 2\n",
        // Arrays of tables, and tables below their last element.
        "[[a]]\nx = 1\n[a.b]\ny = 1\n[[a]]\nx = 2\n[[a.c]]\nz = 1\n",
        // Dotted keys inside a header table, through an implicit table.
        "[x.y.z]\n[x]\ny.w = 1\n",
        // Inline tables with dotted keys and nesting.
        "a = { b.c = 1, b.d = { e = [1, 2, { f = 'g' }] }, h = [] }\n",
        // Escapes and every kind of string.
        "\"k\\u00e9y\" = \"a\\tb\"\n'lit' = '''\nmulti\n'''\nm = \"\"\"\nx \\\n  y\"\"\"\n",
        // Comments, blank lines, CRLF.
        "# top\r\n\r\n[a] # header\r\nb = true # value\r\n",
        "a = [ # comment\n  1, # \t tab and é\n]\n",
        // Whitespace around dots and in headers.
        "[ a . b ]\nc . d = false\n",
        // A document without a newline at the end, and an empty one.
        "a = 1",
        "",
        // Unicode before values: spans are bytes.
        "\"é\" = \"ü\"\n[\"ö\"]\nx = \"y\"\n",
        // TOML 1.1: newlines and a trailing comma in inline tables.
        "a = {\n  b = 1,\n  c = 2,\n}\n",
    ];
    for text in cases {
        assert!(same_as_toml_edit(text), "left to toml_edit: {text}");
    }
}

#[test]
fn errors_and_rare_values_are_left_to_toml_edit() {
    let cases = [
        "a = 1\na = 2\n",
        "[a]\n[a]\n",
        "a.b = 1\n[a]\n",
        "[a]\nb = 1\n[a.b]\n",
        "a = {}\n[a.b]\n",
        "[[a]]\n[a]\n",
        "[a]\n[[a]]\n",
        "a = [1]\n[[a]]\n",
        "a = { b = 1, b = 2 }\n",
        "a = { b = { c = 1 }, b.d = 2 }\n",
        "a = { b.c = 1, b = 2 }\n",
        "[a.b]\n[a]\nb.c = 1\n",
        "a = 99999999999999999999\n",
        "a = \"\\q\"\n",
        "a = 1.5\n",
        "a = 1979-05-27\n",
        "a = 1979-13-27\n",
        "a = \n",
        "[a\n",
        "a = [1,,2]\n",
        "a = { b = 1 c = 2 }\n",
        "= 1\n",
        "a = 'x' b = 1\n",
        "a = \"\"\"x\"\"\"\"\"\"\n",
        "'''a''' = 1\n",
        "a = 1 # \u{7f}\n",
        "a = 1 # \u{1}\n",
        "a = 1\rb = 2\n",
    ];
    for text in cases {
        assert!(!same_as_toml_edit(text), "read by the fast path: {text:?}");
    }
}

#[test]
fn wide_tables_are_read_through_an_index() {
    let keys = |n: usize| (0..n).map(|i| format!("k{i} = {i}\n")).collect::<String>();
    for n in [63, 64, 65, 2000] {
        assert!(same_as_toml_edit(&keys(n)), "{n} keys");
        let dotted: String = (0..n).map(|i| format!("t.k{i}.x = {i}\n")).collect();
        assert!(same_as_toml_edit(&format!("{dotted}t.k0.y = 1\n")));
        assert!(same_as_toml_edit(&format!(
            "[a]\n{}[a.sub]\n[a.sub.b]\n",
            keys(n)
        )));
        assert!(!same_as_toml_edit(&format!("[a]\n{}[a.k5.b]\n", keys(n))));
        // A duplicate key past the first entries is still an error.
        assert!(!same_as_toml_edit(&format!("{}k{} = 1\n", keys(n), n - 1)));
        assert!(!same_as_toml_edit(&format!("{}k0 = 1\n", keys(n))));
    }
    // An implicit table defined later in a wide table moves to the end:
    // left to toml_edit, read the same.
    let headers: String = (0..80).map(|i| format!("[t{i}.x]\n")).collect();
    assert!(!same_as_toml_edit(&format!("{headers}[t3]\n")));
    assert!(same_as_toml_edit(&format!("[u.x]\n[u]\n{headers}")));
}

#[test]
fn deep_nesting_is_left_to_toml_edit() {
    let nested = |depth| format!("a = {}1{}\n", "[".repeat(depth), "]".repeat(depth));
    assert!(same_as_toml_edit(&nested(80)));
    assert!(!same_as_toml_edit(&nested(81)));
    let tables = |depth| format!("a = {}1{}\n", "{ b = ".repeat(depth), " }".repeat(depth));
    assert!(same_as_toml_edit(&tables(80)));
    assert!(!same_as_toml_edit(&tables(81)));
    let long_key = |parts| format!("{} = 1\n", vec!["k"; parts].join("."));
    assert!(same_as_toml_edit(&long_key(80)));
    assert!(!same_as_toml_edit(&long_key(81)));
}

/// Every `Cargo.toml` of the benchmark corpus, or of the tree
/// `TERRACE_MANIFEST_CORPUS` names; nothing when it is absent.
#[test]
fn agrees_with_toml_edit_on_the_benchmark_corpus() {
    let root = std::env::var_os("TERRACE_MANIFEST_CORPUS").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-corpus"),
        Into::into,
    );
    if !root.is_dir() {
        return;
    }
    let mut stack = vec![root];
    let (mut manifests, mut fast) = (0, 0);
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|name| name == "Cargo.toml")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                manifests += 1;
                fast += usize::from(same_as_toml_edit(&text));
            }
        }
    }
    assert!(manifests > 0);
    // Nearly every real manifest is read by the fast path.
    assert!(
        fast * 10 >= manifests * 9,
        "{fast} of {manifests} read fast"
    );
}

/// Pieces of manifests to build documents from: headers, keys, values,
/// separators, and broken bits.
const PIECES: &[&str] = &[
    "[package]",
    "[dependencies]",
    "[a]",
    "[a.b]",
    "[[a]]",
    "[[a.b]]",
    "[ a . 'b' ]",
    "[target.'cfg(unix)'.dependencies]",
    "a",
    "b",
    "a.b",
    "\"a\"",
    "'b'.c",
    "\"\\u00e9\"",
    " = ",
    "=",
    "1",
    "-0x1",
    "1.5",
    "true",
    "\"s\"",
    "'l'",
    "\"x\\ty\"",
    "\"\"\"\nm\"\"\"",
    "[",
    "]",
    "[1, 2]",
    "[\"a\", { b = 1 }]",
    "{",
    "}",
    "{ a = 1, b.c = 2 }",
    "{ a.b = 1, a.c = 2 }",
    ", ",
    "\n",
    "\n",
    "\n",
    " ",
    "# c",
    "é",
    "\r\n",
];

fn document() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..40)
        .prop_map(|pieces| pieces.concat())
}

/// Documents that are mostly valid: lines of `key = value` and headers.
fn lines() -> impl Strategy<Value = String> {
    let key = proptest::sample::select(&["a", "b", "a.b", "b.c", "'a'", "a.\"b\"", "c.a.b"][..]);
    let value = proptest::sample::select(
        &[
            "1",
            "true",
            "'x'",
            "{}",
            "{ a = 1 }",
            "{ b.c = 2, b.d = 3 }",
            "[{ a = 1 }]",
            "[]",
        ][..],
    );
    let header = proptest::sample::select(
        &[
            "[a]", "[b]", "[a.b]", "[b.c]", "[[a]]", "[[a.b]]", "[[c]]", "[c.a]",
        ][..],
    );
    let line = prop_oneof![
        (key, value).prop_map(|(k, v)| format!("{k} = {v}")),
        header.prop_map(str::to_owned),
    ];
    proptest::collection::vec(line, 0..12).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2048,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x7031_c0de),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_pieces(text in document()) {
        same_as_toml_edit(&text);
    }

    #[test]
    fn random_tables(text in lines()) {
        same_as_toml_edit(&text);
    }
}

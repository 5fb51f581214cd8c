//! Exact-output tests of the scanner. Positions are found by searching the
//! source for a marker text (plain string search, independent of the lexer).

use super::lexer::{LexErrorKind, Lexed, Tk, lex};
use super::*;

/// Position of the `n`th (0-based) occurrence of `needle` in `src`.
fn at_n(src: &str, needle: &str, n: usize) -> Pos {
    let offset = src
        .match_indices(needle)
        .nth(n)
        .map(|(o, _)| o)
        .unwrap_or_else(|| panic!("`{needle}` #{n} not in source"));
    let before = &src[..offset];
    let line = before.matches('\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let column = src[line_start..offset].chars().count() as u32 + 1;
    Pos { line, column }
}

fn at(src: &str, needle: &str) -> Pos {
    at_n(src, needle, 0)
}

fn segs(path: &str) -> Vec<String> {
    path.split("::").map(str::to_owned).collect()
}

fn site(kind: SiteKind, path: &str, pos: Pos) -> Site {
    Site {
        kind,
        scope: 0,
        leading_colon: false,
        segments: segs(path),
        pos,
        in_macro: false,
        dev: false,
    }
}

fn path(p: &str, pos: Pos) -> Site {
    site(SiteKind::Path, p, pos)
}

fn use_(p: &str, pos: Pos) -> Site {
    site(SiteKind::Use { alias: None }, p, pos)
}

fn use_as(p: &str, alias: &str, pos: Pos) -> Site {
    site(
        SiteKind::Use {
            alias: Some(alias.to_owned()),
        },
        p,
        pos,
    )
}

fn ext(name: &str, alias: Option<&str>, pos: Pos) -> Site {
    site(
        SiteKind::ExternCrate {
            alias: alias.map(str::to_owned),
        },
        name,
        pos,
    )
}

fn scoped(mut s: Site, scope: ScopeId) -> Site {
    s.scope = scope;
    s
}

fn lead(mut s: Site) -> Site {
    s.leading_colon = true;
    s
}

fn mac(mut s: Site) -> Site {
    s.in_macro = true;
    s
}

fn dev(mut s: Site) -> Site {
    s.dev = true;
    s
}

fn name(ident: &str, kind: NameKind) -> Name {
    Name {
        ident: ident.to_owned(),
        kind,
    }
}

fn scope(kind: ScopeKind, parent: Option<ScopeId>) -> Scope {
    Scope {
        kind,
        parent,
        names: Vec::new(),
        mods: Vec::new(),
        includes: Vec::new(),
        dev: false,
    }
}

fn module(n: &str) -> ScopeKind {
    ScopeKind::Module { name: n.to_owned() }
}

fn sites(src: &str) -> Vec<Site> {
    let f = scan(src, false);
    assert_eq!(f.errors, Vec::new(), "unexpected errors in {src}");
    f.sites
}

fn err(pos: Pos, message: &str) -> ScanError {
    ScanError {
        pos,
        message: message.to_owned(),
    }
}

// ---------------------------------------------------------------- use trees

#[test]
fn use_simple_and_single_segment() {
    let src = "use sqlx::PgPool;\nuse foo;\nuse foo2 as bar;\nuse a::b as _;\n";
    let f = scan(src, false);
    assert_eq!(
        f.sites,
        vec![
            use_("sqlx::PgPool", at(src, "sqlx")),
            use_("foo", at(src, "foo;")),
            use_as("foo2", "bar", at(src, "foo2")),
            use_as("a::b", "_", at(src, "a::b")),
        ]
    );
    assert_eq!(
        f.scopes[0].names,
        vec![
            name("PgPool", NameKind::Use(0)),
            name("foo", NameKind::Use(1)),
            name("bar", NameKind::Use(2)),
        ]
    );
    assert_eq!(f.errors, vec![]);
}

#[test]
fn use_groups_nested_globs_self() {
    let src = "use sqlx::{PgPool, postgres::{PgRow, self as pg}, *};\n\
               use a::b::{self};\n\
               use c::d::*;\n\
               use {e::f, g};\n\
               use h::{};\n";
    let f = scan(src, false);
    assert_eq!(
        f.sites,
        vec![
            use_("sqlx::PgPool", at(src, "PgPool")),
            use_("sqlx::postgres::PgRow", at(src, "PgRow")),
            use_as("sqlx::postgres", "pg", at(src, "self as")),
            use_("sqlx::*", at(src, "*}")),
            use_("a::b", at(src, "self}")),
            use_("c::d::*", at(src, "c::d")),
            use_("e::f", at(src, "e::f")),
            use_("g", at(src, "g};")),
        ]
    );
    assert_eq!(
        f.scopes[0].names,
        vec![
            name("PgPool", NameKind::Use(0)),
            name("PgRow", NameKind::Use(1)),
            name("pg", NameKind::Use(2)),
            name("b", NameKind::Use(4)),
            name("f", NameKind::Use(6)),
            name("g", NameKind::Use(7)),
        ]
    );
}

#[test]
fn use_leading_colon_visibility_and_keywords() {
    let src = "pub use ::serde::Serialize;\n\
               pub(crate) use ::{tokio::net, std::fs};\n\
               pub(in crate::a) use crate::x::Y;\n\
               use self::m::N;\n\
               use super::super::O;\n\
               use r#type::r#match;\n";
    assert_eq!(
        sites(src),
        vec![
            lead(use_("serde::Serialize", at(src, "::serde"))),
            lead(use_("tokio::net", at(src, "tokio"))),
            lead(use_("std::fs", at(src, "std"))),
            use_("crate::x::Y", at(src, "crate::x")),
            use_("self::m::N", at(src, "self::m")),
            use_("super::super::O", at(src, "super::super")),
            use_("type::match", at(src, "r#type")),
        ]
    );
}

#[test]
fn use_precise_capturing_is_not_a_use_item() {
    let src = "fn f<'a>() -> impl Sized + use<'a> { a::b() }";
    assert_eq!(sites(src), vec![scoped(path("a::b", at(src, "a::b")), 1)]);
}

#[test]
fn extern_crates() {
    let src = "extern crate foo;\nextern crate bar as baz;\nextern crate self as me;\n\
               extern crate qux as _;\n#[macro_use] extern crate r#quux;\n";
    let f = scan(src, false);
    assert_eq!(
        f.sites,
        vec![
            ext("foo", None, at(src, "foo")),
            ext("bar", Some("baz"), at(src, "bar")),
            ext("self", Some("me"), at(src, "self")),
            ext("qux", Some("_"), at(src, "qux")),
            ext("quux", None, at(src, "r#quux")),
        ]
    );
    assert_eq!(
        f.scopes[0].names,
        vec![
            name("foo", NameKind::ExternCrate(0)),
            name("baz", NameKind::ExternCrate(1)),
            name("me", NameKind::ExternCrate(2)),
            name("quux", NameKind::ExternCrate(4)),
        ]
    );
}

// ------------------------------------------------------------ other paths

#[test]
fn paths_in_types_exprs_patterns_bounds_impls() {
    let src = "struct S<T: serde::Serialize> { a: redis::Client, b: Vec<diesel::Pg> }\n\
               impl axum::Handler for S where T: tower::Service {}\n\
               fn f(x: &dyn tracing::Subscriber) -> std::io::Result<()> {\n\
               match x { reqwest::Method::GET => 1, _ => 2 };\n\
               let y = hyper::Body::empty();\n\
               }\n";
    assert_eq!(
        sites(src),
        vec![
            path("serde::Serialize", at(src, "serde")),
            path("redis::Client", at(src, "redis")),
            path("diesel::Pg", at(src, "diesel")),
            path("axum::Handler", at(src, "axum")),
            path("tower::Service", at(src, "tower")),
            path("tracing::Subscriber", at(src, "tracing")),
            path("std::io::Result", at(src, "std")),
            scoped(path("reqwest::Method::GET", at(src, "reqwest")), 2),
            scoped(path("hyper::Body::empty", at(src, "hyper")), 1),
        ]
    );
}

#[test]
fn paths_in_attributes_and_derives() {
    let src = "#[sqlx::test]\n#[derive(Debug, sqlx::FromRow)]\n\
               #[cfg_attr(feature = \"x\", derive(serde::Serialize))]\nstruct S;\n";
    assert_eq!(
        sites(src),
        vec![
            path("sqlx::test", at(src, "sqlx::test")),
            path("sqlx::FromRow", at(src, "sqlx::FromRow")),
            path("serde::Serialize", at(src, "serde")),
        ]
    );
}

#[test]
fn paths_in_macros() {
    let src = "fn f() { println!(\"{}\", sqlx::query(x)); vec![redis::cmd()]; }\n\
               sqlx::query_as! { a::B }\n\
               macro_rules! m { ($x:ident) => { $crate::inner::f(); $x::y(); q::r } }\n";
    assert_eq!(
        sites(src),
        vec![
            scoped(mac(path("sqlx::query", at(src, "sqlx::query("))), 1),
            scoped(mac(path("redis::cmd", at(src, "redis"))), 1),
            path("sqlx::query_as", at(src, "sqlx::query_as")),
            mac(path("a::B", at(src, "a::B"))),
            mac(path("$crate::inner::f", at(src, "$crate"))),
            mac(path("q::r", at(src, "q::r"))),
        ]
    );
}

#[test]
fn generic_arguments_are_skipped() {
    let src = "fn f() {\n\
               Vec::<u8>::new();\n\
               foo::<T>();\n\
               let v = x.collect::<Vec<_>>();\n\
               <T as Trait>::X;\n\
               <T as a::Tr>::Y;\n\
               HashMap::<K, Vec<u8>>::with_capacity(1);\n\
               Vec::<sqlx::Row>::new();\n\
               a::B::<fn() -> u8>::c();\n\
               Self::new();\n\
               }\n";
    assert_eq!(
        sites(src),
        vec![
            scoped(path("Vec::new", at(src, "Vec::<u8>")), 1),
            scoped(path("a::Tr", at(src, "a::Tr")), 1),
            scoped(path("HashMap::with_capacity", at(src, "HashMap")), 1),
            scoped(path("Vec::new", at(src, "Vec::<sqlx")), 1),
            scoped(path("sqlx::Row", at(src, "sqlx")), 1),
            scoped(path("a::B::c", at(src, "a::B")), 1),
        ]
    );
}

#[test]
fn comments_and_literals_hide_paths() {
    let src = "// sqlx::PgPool\n/// sqlx::PgPool\n//! sqlx::PgPool\n\
               /* sqlx::PgPool /* nested */ sqlx::PgPool */\n/** sqlx::PgPool */\n\
               const A: &str = \"sqlx::PgPool \\\" sqlx::PgPool\";\n\
               const B: &str = r#\"sqlx::PgPool \" sqlx::PgPool\"#;\n\
               const C: &[u8] = b\"sqlx::PgPool\";\n\
               const D: &[u8] = br##\"sqlx::PgPool\"# \"##;\n\
               const E: &CStr = c\"sqlx::PgPool\";\n\
               const F: &CStr = cr\"sqlx::PgPool\";\n\
               const G: char = '\"'; const H: u8 = b'\"'; fn l<'a>(x: &'a str) -> &'static str { x }\n\
               const I: char = ':'; const J: &str = \"'\"; const K: char = '\\u{1F600}';\n\
               const Z: u8 = ok::Path;\n";
    let f = scan(src, false);
    assert_eq!(f.errors, vec![]);
    assert_eq!(f.sites, vec![path("ok::Path", at(src, "ok::Path"))]);
}

#[test]
fn raw_identifiers_and_unicode_columns() {
    let src = "fn f() { let é = sqlx::x(); let 日本 = r#type::r#fn::z; /* ü */ a::b(); }";
    assert_eq!(
        sites(src),
        vec![
            scoped(path("sqlx::x", at(src, "sqlx")), 1),
            scoped(path("type::fn::z", at(src, "r#type")), 1),
            scoped(path("a::b", at(src, "a::b")), 1),
        ]
    );
    // Columns count chars: `é` is one column although two bytes.
    assert_eq!(
        at(src, "sqlx"),
        Pos {
            line: 1,
            column: 18
        }
    );
}

#[test]
fn leading_colon_paths_and_preceding_tokens() {
    let src = "fn f() { ::std::process::exit(0); x as ::core::primitive::u8; a.b::<T>(); s.0; $x::y; #q::r; }";
    assert_eq!(
        sites(src),
        vec![
            scoped(lead(path("std::process::exit", at(src, "::std"))), 1),
            scoped(lead(path("core::primitive::u8", at(src, "::core"))), 1),
        ]
    );
}

#[test]
fn edition_2015_keywords_are_identifiers() {
    let src = "fn f(x: &dyn a::Tr) { async::x(); try!(b::c()); dyn::y(); }";
    let f18 = scan(src, false);
    assert_eq!(
        f18.sites,
        vec![
            path("a::Tr", at(src, "a::Tr")),
            scoped(path("b::c", at(src, "b::c")), 1),
        ]
    );
    let f15 = scan(src, true);
    assert_eq!(
        f15.sites,
        vec![
            path("a::Tr", at(src, "a::Tr")),
            scoped(path("async::x", at(src, "async")), 1),
            scoped(mac(path("b::c", at(src, "b::c"))), 1),
            scoped(path("dyn::y", at(src, "dyn::")), 1),
        ]
    );
}

// ------------------------------------------------------ scopes and names

#[test]
fn scopes_names_and_mods() {
    let src = "mod redis { fn g() { redis::cmd(); } }\n\
               struct A; enum B {} union C { x: u8 } trait D { type E; } type F = u8;\n\
               impl D for A { type E = u8; fn h() { struct G; x::y(); } }\n\
               fn union() { union(); let union = 1; }\n\
               mod decl;\n\
               pub mod r#async;\n";
    let f = scan(src, false);
    assert_eq!(f.errors, vec![]);
    let mut file = scope(ScopeKind::File, None);
    file.names = vec![
        name("redis", NameKind::Module(0)),
        name("A", NameKind::Item),
        name("B", NameKind::Item),
        name("C", NameKind::Item),
        name("D", NameKind::Item),
        name("F", NameKind::Item),
        name("decl", NameKind::Module(1)),
        name("async", NameKind::Module(2)),
    ];
    file.mods = vec![
        ModDecl {
            name: "redis".to_owned(),
            paths: vec![],
            inline: Some(1),
            pos: at(src, "redis"),
            dev: false,
            fixed_path: false,
        },
        ModDecl {
            name: "decl".to_owned(),
            paths: vec![],
            inline: None,
            pos: at(src, "decl"),
            dev: false,
            fixed_path: false,
        },
        ModDecl {
            name: "async".to_owned(),
            paths: vec![],
            inline: None,
            pos: at(src, "r#async"),
            dev: false,
            fixed_path: false,
        },
    ];
    let mut h_body = scope(ScopeKind::Block, Some(0));
    h_body.names = vec![name("G", NameKind::Item)];
    assert_eq!(
        f.scopes,
        vec![
            file,
            scope(module("redis"), Some(0)),
            scope(ScopeKind::Block, Some(1)),
            h_body,
        ]
    );
    assert_eq!(
        f.sites,
        vec![
            scoped(path("redis::cmd", at_n(src, "redis", 1)), 2),
            scoped(path("x::y", at(src, "x::y")), 3),
        ]
    );
}

#[test]
fn nested_blocks_and_closures() {
    let src = "const K: u8 = { use a::b; 1 };\n\
               fn f() { let c = || { use d::e; }; { { g::h(); } } }\n";
    let f = scan(src, false);
    let mut k = scope(ScopeKind::Block, Some(0));
    k.names = vec![name("b", NameKind::Use(0))];
    let mut closure = scope(ScopeKind::Block, Some(2));
    closure.names = vec![name("e", NameKind::Use(1))];
    assert_eq!(
        f.scopes,
        vec![
            scope(ScopeKind::File, None),
            k,
            scope(ScopeKind::Block, Some(0)),
            closure,
            scope(ScopeKind::Block, Some(2)),
            scope(ScopeKind::Block, Some(4)),
        ]
    );
    assert_eq!(
        f.sites,
        vec![
            scoped(use_("a::b", at(src, "a::b")), 1),
            scoped(use_("d::e", at(src, "d::e")), 3),
            scoped(path("g::h", at(src, "g::h")), 5),
        ]
    );
}

#[test]
fn mod_path_attributes() {
    let src = "#[path = \"x.rs\"]\n#[cfg_attr(unix, path = \"unix.rs\")]\n#[cfg_attr(windows, allow(x), path = r\"win.rs\")]\npub(crate) mod sys;\n\
               #[path = \"inl\"] mod inl { mod child; }\n\
               #[path = \"not_mod.rs\"] fn f() {}\nmod plain;\n";
    let f = scan(src, false);
    assert_eq!(f.errors, vec![]);
    let decls: Vec<(String, Vec<String>, Option<ScopeId>)> = f.scopes[0]
        .mods
        .iter()
        .map(|m| (m.name.clone(), m.paths.clone(), m.inline))
        .collect();
    assert_eq!(
        decls,
        vec![
            (
                "sys".to_owned(),
                vec!["x.rs".to_owned(), "unix.rs".to_owned(), "win.rs".to_owned()],
                None
            ),
            ("inl".to_owned(), vec!["inl".to_owned()], Some(1)),
            ("plain".to_owned(), vec![], None),
        ]
    );
    assert_eq!(
        f.scopes[1].mods,
        vec![ModDecl {
            name: "child".to_owned(),
            paths: vec![],
            inline: None,
            pos: at(src, "child"),
            dev: false,
            fixed_path: false,
        }]
    );
}

#[test]
fn includes() {
    let src = "include!(\"gen.rs\");\n\
               mod m { ::core::include!(\"a/b.rs\"); std::include!{r\"c.rs\"} }\n\
               include!(concat!(env!(\"OUT_DIR\"), \"/x.rs\"));\n\
               fn f() { include!(\"in_fn.rs\"); }\n";
    let f = scan(src, false);
    assert_eq!(f.errors, vec![]);
    assert_eq!(
        f.scopes
            .iter()
            .map(|s| s.includes.clone())
            .collect::<Vec<_>>(),
        vec![
            vec![Include {
                path: "gen.rs".to_owned(),
                pos: at(src, "include")
            }],
            vec![
                Include {
                    path: "a/b.rs".to_owned(),
                    pos: at_n(src, "include", 1)
                },
                Include {
                    path: "c.rs".to_owned(),
                    pos: at_n(src, "include", 2)
                }
            ],
            vec![Include {
                path: "in_fn.rs".to_owned(),
                pos: at_n(src, "include", 4)
            }],
        ]
    );
}

#[test]
fn cfg_test_dev_flags() {
    let src = "#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn t() { tokio::spawn(); }\n}\n\
               #[cfg(all(test, feature = \"x\"))] use a::b;\n\
               #[cfg(any(test, unix))] use c::d;\n\
               #[cfg(not(test))] use e::f;\n\
               #[cfg(test)] #[allow(unused)] pub(crate) fn g() -> x::Y { h::i() }\n\
               fn after() -> j::K {}\n\
               #[cfg(test)] mod decl;\n\
               #[cfg(test)] const C: u8 = { 1 }; const D: l::M = 1;\n\
               struct S { #[cfg(test)] a: n::O, b: p::Q }\n";
    let f = scan(src, false);
    assert_eq!(f.errors, vec![]);
    assert_eq!(
        f.sites,
        vec![
            scoped(dev(use_("super::*", at(src, "super"))), 1),
            scoped(dev(path("tokio::spawn", at(src, "tokio"))), 2),
            dev(use_("a::b", at(src, "a::b"))),
            use_("c::d", at(src, "c::d")),
            use_("e::f", at(src, "e::f")),
            dev(path("x::Y", at(src, "x::Y"))),
            scoped(dev(path("h::i", at(src, "h::i"))), 3),
            path("j::K", at(src, "j::K")),
            path("l::M", at(src, "l::M")),
            dev(path("n::O", at(src, "n::O"))),
            path("p::Q", at(src, "p::Q")),
        ]
    );
    let devs: Vec<bool> = f.scopes.iter().map(|s| s.dev).collect();
    assert_eq!(devs, vec![false, true, true, true]);
    let mods: Vec<(String, bool)> = f.scopes[0]
        .mods
        .iter()
        .map(|m| (m.name.clone(), m.dev))
        .collect();
    assert_eq!(
        mods,
        vec![("tests".to_owned(), true), ("decl".to_owned(), true)]
    );
}

#[test]
fn a_group_with_nothing_inside_still_ends_a_cfg_test_item() {
    // The bodies of `helper` and `list` hold nothing to act on; closing
    // them ends their `#[cfg(test)]` item all the same.
    let src = "#[cfg(test)]\nfn helper() {}\nfn real() { a::b(); }\n\
               #[cfg(test)] static LIST: [u8; 2] = [1, 2]; fn more() { c::d(); }\n\
               #[cfg(test)] fn list() -> Vec<u8> { vec![] } fn last() { e::f(); }\n";
    let f = scan(src, false);
    assert_eq!(f.errors, vec![]);
    assert_eq!(
        f.sites,
        vec![
            scoped(path("a::b", at(src, "a::b")), 1),
            scoped(path("c::d", at(src, "c::d")), 2),
            scoped(path("e::f", at(src, "e::f")), 3),
        ]
    );
}

#[test]
fn inner_cfg_test_attribute() {
    let src = "mod m {\n#![cfg(test)]\nuse a::b;\n}\nuse c::d;\n";
    let f = scan(src, false);
    assert_eq!(
        f.sites,
        vec![
            scoped(dev(use_("a::b", at(src, "a::b"))), 1),
            use_("c::d", at(src, "c::d"))
        ]
    );
    assert!(f.scopes[1].dev);
    assert!(f.scopes[0].mods[0].dev);
    assert!(!f.scopes[0].dev);
}

#[test]
fn macro_bodies_bind_uses_but_not_rules() {
    let src = "cfg_if::cfg_if! { if #[cfg(unix)] { use nix::unistd; mod unix; } }\n\
               macro_rules! m { () => { use $crate::x::y; } }\n";
    let f = scan(src, false);
    assert_eq!(
        f.sites,
        vec![
            path("cfg_if::cfg_if", at(src, "cfg_if")),
            mac(use_("nix::unistd", at(src, "nix::"))),
            mac(use_("$crate::x::y", at(src, "$crate"))),
        ]
    );
    assert_eq!(
        f.scopes[0].names,
        vec![
            name("unistd", NameKind::Use(1)),
            name("unix", NameKind::Module(0)),
        ]
    );
}

// ---------------------------------------------------------------- errors

#[test]
fn unterminated_block_comment() {
    let src = "use a::b;\n/* open /* nested */ \nuse c::d;\n";
    let f = scan(src, false);
    assert_eq!(
        f.errors,
        vec![err(at(src, "/*"), "unterminated block comment")]
    );
    assert_eq!(f.sites, vec![use_("a::b", at(src, "a::b"))]);
}

#[test]
fn unterminated_strings() {
    let src = "fn f() { a::b(); let s = \"abc\n";
    let f = scan(src, false);
    assert_eq!(
        f.errors,
        vec![
            err(at(src, "{"), "unclosed delimiter `{`"),
            err(at(src, "\""), "unterminated string literal"),
        ]
    );
    assert_eq!(f.sites, vec![scoped(path("a::b", at(src, "a::b")), 1)]);

    let src = "x::y; r##\"abc\"# ";
    let f = scan(src, false);
    assert_eq!(
        f.errors,
        vec![err(at(src, "r##"), "unterminated raw string literal")]
    );
    assert_eq!(f.sites, vec![path("x::y", at(src, "x::y"))]);

    let src = "x::y; b\"abc";
    let f = scan(src, false);
    assert_eq!(
        f.errors,
        vec![err(at(src, "b\""), "unterminated string literal")]
    );
}

#[test]
fn unterminated_char_literal() {
    let src = "let c = '\\n\nuse a::b;\n";
    let f = scan(src, false);
    assert_eq!(
        f.errors,
        vec![err(at(src, "'"), "unterminated character literal")]
    );
    assert_eq!(f.sites, vec![use_("a::b", at(src, "a::b"))]);
}

#[test]
fn delimiter_errors() {
    let src = "fn f() { a::b(; }\nc::d);\nfn g() { e::f() }\nfn h() {";
    let f = scan(src, false);
    assert_eq!(
        f.errors,
        vec![
            err(
                at(src, "}"),
                "mismatched closing delimiter `}`: `(` opened at 1:14 is not closed"
            ),
            err(at(src, ");"), "unexpected closing delimiter `)`"),
            err(at_n(src, "{", 2), "unclosed delimiter `{`"),
        ]
    );
    assert_eq!(
        at(src, "(;"),
        Pos {
            line: 1,
            column: 14
        }
    );
    assert_eq!(
        f.sites,
        vec![
            scoped(path("a::b", at(src, "a::b")), 1),
            path("c::d", at(src, "c::d")),
            scoped(path("e::f", at(src, "e::f")), 2),
        ]
    );
}

// ---------------------------------------------------------------- lexer

fn lexed(src: &str) -> Lexed {
    let mut out = Lexed::default();
    lex(src, &mut out);
    out
}

fn kinds(src: &str) -> Vec<(Tk, &str)> {
    let out = lexed(src);
    assert_eq!(out.errors, vec![]);
    out.tokens
        .iter()
        .map(|t| (t.kind, &src[t.start as usize..t.end() as usize]))
        .collect()
}

#[test]
fn lexer_chars_lifetimes_numbers() {
    assert_eq!(
        kinds("'a' 'a '\\n' '\\u{1F600}' 'static 'r#foo '😀' b'x' b'\\''"),
        vec![
            (Tk::Lit, "'a'"),
            (Tk::Lifetime, "'a"),
            (Tk::Lit, "'\\n'"),
            (Tk::Lit, "'\\u{1F600}'"),
            (Tk::Lifetime, "'static"),
            (Tk::Lifetime, "'r#foo"),
            (Tk::Lit, "'😀'"),
            (Tk::Lit, "b'x'"),
            (Tk::Lit, "b'\\''"),
        ]
    );
    assert_eq!(
        kinds("1u8 1.0e10 0x_ff 1e-3 0x1e-3 1..2 x.0.1 1.max(2) 2.5f32"),
        vec![
            (Tk::Lit, "1u8"),
            (Tk::Lit, "1.0e10"),
            (Tk::Lit, "0x_ff"),
            (Tk::Lit, "1e-3"),
            (Tk::Lit, "0x1e"),
            (Tk::Punct(b'-'), "-"),
            (Tk::Lit, "3"),
            (Tk::Lit, "1"),
            (Tk::Punct(b'.'), "."),
            (Tk::Punct(b'.'), "."),
            (Tk::Lit, "2"),
            (Tk::Ident, "x"),
            (Tk::Punct(b'.'), "."),
            (Tk::Lit, "0.1"),
            (Tk::Lit, "1"),
            (Tk::Punct(b'.'), "."),
            (Tk::Ident, "max"),
            (Tk::Open(b'('), "("),
            (Tk::Lit, "2"),
            (Tk::Close(b')'), ")"),
            (Tk::Lit, "2.5f32"),
        ]
    );
}

#[test]
fn lexer_strings_idents_punct() {
    assert_eq!(
        kinds("r#type r\"a\" r#\"b\"# br\"c\" b\"d\" c\"e\" cr#\"f\"# \"g\"sfx rb a::b -> => ::"),
        vec![
            (Tk::RawIdent, "type"),
            (Tk::RawStr, "r\"a\""),
            (Tk::RawStr, "r#\"b\"#"),
            (Tk::Lit, "br\"c\""),
            (Tk::Lit, "b\"d\""),
            (Tk::Lit, "c\"e\""),
            (Tk::Lit, "cr#\"f\"#"),
            (Tk::Str, "\"g\"sfx"),
            (Tk::Ident, "rb"),
            (Tk::Ident, "a"),
            (Tk::PathSep, "::"),
            (Tk::Ident, "b"),
            (Tk::Arrow, "->"),
            (Tk::FatArrow, "=>"),
            (Tk::PathSep, "::"),
        ]
    );
}

#[test]
fn shebang_and_inner_attribute() {
    let src = "#!/usr/bin/env run-cargo-script a::b\nuse c::d;\n";
    assert_eq!(sites(src), vec![use_("c::d", at(src, "c::d"))]);
    let src = "#![allow(x::y)]\nuse c::d;\n";
    assert_eq!(
        sites(src),
        vec![path("x::y", at(src, "x::y")), use_("c::d", at(src, "c::d"))]
    );
    let src = "\u{FEFF}use c::d;";
    assert_eq!(sites(src), vec![use_("c::d", Pos { line: 1, column: 5 })]);
}

#[test]
fn lexer_error_kinds() {
    let cases: [(&str, LexErrorKind); 5] = [
        ("/*", LexErrorKind::BlockComment),
        ("\"", LexErrorKind::Str),
        ("r#\"", LexErrorKind::RawStr),
        ("'", LexErrorKind::Char),
        (")", LexErrorKind::Unexpected(b')')),
    ];
    for (src, kind) in cases {
        assert_eq!(
            lexed(src).errors.iter().map(|e| e.kind).collect::<Vec<_>>(),
            vec![kind],
            "{src}"
        );
    }
}

// ---------------------------------------------------------------- robustness

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SAMPLES: &[&str] = &[
    "use sqlx::{PgPool, postgres::{PgRow, self as pg}, *};\nextern crate a as b;\n",
    "#[cfg(test)]\nmod tests { use super::*; #[path = \"x.rs\"] mod y; fn t() { a::b::<C>(); } }",
    "macro_rules! m { ($x:ident) => { $crate::f(); $x::g(); } }\ninclude!(\"x.rs\");",
    "fn f<'a>(x: &'a str) -> &'static str { let c = '\\u{1F600}'; r##\"a\"## ; b'x'; 1.0e-3 }",
    "impl<T: a::B> C for D where E: F { type G = H; fn i() { struct J; <K as l::M>::N } }",
    "/* /* */ */ // x\n#![allow(x)] union U { a: u8 } let é = 日本::x; #[cfg_attr(x, path = \"p\")] mod q;",
];

const PIECES: &[&str] = &[
    "::",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "<",
    ">",
    "'",
    "\"",
    "r#",
    "#",
    "!",
    "$",
    "/*",
    "*/",
    "//",
    "\n",
    "use ",
    "mod ",
    "a",
    "é",
    "😀",
    "\\",
    "b'",
    "r\"",
    "#[cfg(test)]",
    ";",
    ",",
    "as ",
    "self",
    "*",
    "macro_rules!",
    "include!(",
    "extern crate ",
    "impl ",
    "union ",
    "0x",
    "1e",
];

fn mutate(rng: &mut Rng, s: &str) -> String {
    let mut out = s.to_owned();
    for _ in 0..1 + rng.below(6) {
        let boundaries: Vec<usize> = (0..=out.len())
            .filter(|&i| out.is_char_boundary(i))
            .collect();
        let a = boundaries[rng.below(boundaries.len())];
        let b = boundaries[rng.below(boundaries.len())];
        let (a, b) = (a.min(b), a.max(b));
        match rng.below(4) {
            0 => out.insert_str(a, PIECES[rng.below(PIECES.len())]),
            1 => {
                let c = boundaries
                    .iter()
                    .copied()
                    .filter(|&c| c <= b.min(a + 8))
                    .max();
                out.replace_range(a..c.unwrap_or(a).max(a), "");
            }
            2 => out.truncate(a),
            _ => {
                let piece = out[a..b].to_owned();
                out.insert_str(b, &piece);
            }
        }
    }
    out
}

/// Line starts computed the obvious way.
fn naive_lines(text: &str) -> Vec<u32> {
    let mut v = vec![0];
    v.extend(text.match_indices('\n').map(|(i, _)| i as u32 + 1));
    v
}

#[test]
fn lexer_records_every_line_start() {
    let src = "a\n/* x\n y */ \"s\n\\\n t\" r#\"\n\"# '\n' '\\\n' b'\n'\n// c\n'\n\n";
    assert_eq!(lexed(src).lines, naive_lines(src));
}

#[test]
fn never_panics_on_mutated_or_random_input() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..4000 {
        let base = SAMPLES[round % SAMPLES.len()];
        let text = mutate(&mut rng, base);
        let f = scan(&text, round % 2 == 0);
        assert_eq!(lexed(&text).lines, naive_lines(&text), "{text:?}");
        for s in &f.sites {
            assert!(s.scope < f.scopes.len());
            assert!(s.pos.line >= 1 && s.pos.column >= 1);
        }
    }
    for _ in 0..2000 {
        let len = rng.below(200);
        let text: String = (0..len)
            .map(|_| match rng.below(10) {
                0 => char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('x'),
                1..=3 => PIECES[rng.below(PIECES.len())]
                    .chars()
                    .next()
                    .unwrap_or('x'),
                _ => char::from(b' ' + rng.below(95) as u8),
            })
            .collect();
        let f = scan(&text, false);
        assert_eq!(lexed(&text).lines, naive_lines(&text), "{text:?}");
        for s in &f.scopes {
            assert!(s.parent.is_none_or(|p| p < f.scopes.len()));
        }
    }
    // Deep nesting must not overflow the stack.
    let deep = "{".repeat(100_000) + &"use a::{".repeat(10_000) + &"(".repeat(50_000);
    let f = scan(&deep, false);
    assert_eq!(f.errors.len(), 160_000);
}

/// Scans every `.rs` file under `$TERRACE_SCAN_CORPUS` (see
/// `make-corpus.sh`), reporting time and files with lexical errors. Run in
/// release mode: `TERRACE_SCAN_CORPUS=DIR cargo test --release -p
/// terrace-lint --lib corpus -- --ignored --nocapture`.
#[test]
#[ignore = "needs the benchmark corpus"]
#[allow(clippy::print_stderr)]
fn corpus() {
    use rayon::prelude::*;
    let Some(root) = std::env::var_os("TERRACE_SCAN_CORPUS") else {
        return;
    };
    let mut files = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(root)];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    let texts: Vec<(std::path::PathBuf, String)> = files
        .into_iter()
        .filter_map(|p| Some((p.clone(), std::fs::read_to_string(&p).ok()?)))
        .collect();
    let lines: usize = texts.iter().map(|(_, t)| t.lines().count()).sum();
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    // A plain byte loop over the same text: the ratio to it is meaningful
    // even on a busy machine.
    let start = std::time::Instant::now();
    let newlines: usize = texts
        .iter()
        .map(|(_, t)| t.bytes().filter(|&b| b == b'\n').count())
        .sum();
    let baseline = start.elapsed();
    let start = std::time::Instant::now();
    let mut sites = 0;
    for (_, t) in &texts {
        sites += scan(t, false).sites.len();
    }
    let serial = start.elapsed();
    let start = std::time::Instant::now();
    let scans: Vec<FileScan> = texts.par_iter().map(|(_, t)| scan(t, false)).collect();
    let parallel = start.elapsed();
    let broken: Vec<_> = texts
        .iter()
        .zip(&scans)
        .filter(|(_, s)| !s.errors.is_empty())
        .collect();
    eprintln!(
        "{} files, {lines} lines ({newlines}), {} MB, {sites} sites: {serial:?} on one thread ({:.1}x a newline count: {baseline:?}), {parallel:?} on {} threads; {} files with errors",
        texts.len(),
        bytes / 1_000_000,
        serial.as_secs_f64() / baseline.as_secs_f64(),
        rayon::current_num_threads(),
        broken.len()
    );
    for ((p, _), s) in broken.iter().take(40) {
        eprintln!("{}: {:?}", p.display(), &s.errors[..s.errors.len().min(3)]);
    }
}

#[test]
fn paths_after_ranges_comparisons_and_impl_generics() {
    let src = "impl<'de, T> ::serde::de::Visitor<'de> for V<T> {}\n\
               fn f() {\n\
               S { a, ..Default::default() };\n\
               &x[..usize::try_from(n)];\n\
               a..::core::f64::MAX;\n\
               n > ::core::isize::MAX;\n\
               <T as Tr>::X;\n\
               x.y::z;\n\
               }\n";
    assert_eq!(
        sites(src),
        vec![
            lead(path("serde::de::Visitor", at(src, "::serde"))),
            // Braces of a struct expression are a (nameless) block scope.
            scoped(path("Default::default", at(src, "Default")), 2),
            scoped(path("usize::try_from", at(src, "usize")), 1),
            scoped(lead(path("core::f64::MAX", at(src, "::core::f64"))), 1),
            scoped(lead(path("core::isize::MAX", at(src, "::core::isize"))), 1),
        ]
    );
}

#[test]
fn only_an_unconditional_path_replaces_the_default_file() {
    let src = "#[cfg_attr(unix, path = \"unix.rs\")]\nmod a;\n\
               #[cfg_attr(unix, path = \"unix.rs\")]\n#[path = \"b.rs\"]\nmod b;\n\
               #[path = \"c.rs\"]\nmod c;\nmod d;\n";
    let f = scan(src, false);
    let fixed: Vec<(&str, bool)> = f.scopes[0]
        .mods
        .iter()
        .map(|m| (m.name.as_str(), m.fixed_path))
        .collect();
    assert_eq!(
        fixed,
        [("a", false), ("b", true), ("c", true), ("d", false)]
    );
}

#[test]
fn count_chars_agrees_with_a_naive_count() {
    let text = "aé€😀b\u{FEFF}c_0123456789ñ".repeat(3);
    let b = text.as_bytes();
    for i in 0..b.len() {
        for j in i..b.len() {
            let naive = b[i..j].iter().filter(|&&c| c & 0xC0 != 0x80).count() as u32;
            assert_eq!(count_chars(&b[i..j]), naive, "{i}..{j}");
        }
    }
}

#[test]
fn positions_in_any_order_equal_a_naive_count() {
    let text = "\u{FEFF}ab\ncé\n\n€x\n".to_owned() + &"l\n".repeat(40) + "😀yz\nlast";
    let mut lexed = Lexed::default();
    lex(&text, &mut lexed);
    let naive = |o: usize| {
        let before = &text[..o];
        let line = before.matches('\n').count() as u32 + 1;
        let start = before.rfind('\n').map_or(0, |p| p + 1);
        let bom = u32::from(line == 1 && o >= 3);
        let column = text[start..o].chars().count() as u32 + 1 - bom;
        Pos { line, column }
    };
    let offsets: Vec<usize> = (3..=text.len())
        .filter(|&o| text.is_char_boundary(o))
        .collect();
    let orders = [
        offsets.clone(),
        offsets.iter().rev().copied().collect(),
        offsets.iter().step_by(7).copied().collect(),
        offsets
            .iter()
            .map(|&o| offsets[(o * 31) % offsets.len()])
            .collect(),
    ];
    for order in orders {
        let lines = Lines::new(&text, &lexed.lines);
        for &o in &order {
            assert_eq!(lines.pos(o as u32), naive(o), "offset {o}");
        }
    }
}

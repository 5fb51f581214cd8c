//! The fast, token-level scanner: one source file in, its import sites, its
//! module declarations and the names it defines out. No syntax tree is built.
//!
//! The scanner never fails as a whole: lexical problems (unterminated comment
//! or literal, unbalanced delimiters) are returned in [`FileScan::errors`]
//! next to everything that could still be found.

/// A 1-based position in a file. Columns count Unicode scalar values, as
/// rustc does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column in Unicode scalar values.
    pub column: u32,
}

/// Index of a [`Scope`] in [`FileScan::scopes`].
pub type ScopeId = usize;

/// Everything the scanner found in one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileScan {
    /// `scopes[0]` is the file's own module scope; inline modules and blocks
    /// follow in order of appearance.
    pub scopes: Vec<Scope>,
    /// Import sites in order of appearance.
    pub sites: Vec<Site>,
    /// Lexical errors; the rest of the file was still scanned.
    pub errors: Vec<ScanError>,
}

/// What kind of scope a [`Scope`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeKind {
    /// The file itself (module scope).
    File,
    /// An inline `mod name { ... }` (module scope; does not see its parent's names).
    Module {
        /// The module's name.
        name: String,
    },
    /// A block `{ ... }` that can hold items (function bodies, nested blocks,
    /// const initialisers). Sees the names of its enclosing scopes up to and
    /// including the nearest module scope.
    Block,
}

/// A lexical scope: the file, an inline module or a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// What this scope is.
    pub kind: ScopeKind,
    /// The enclosing scope (`None` only for `scopes[0]`).
    pub parent: Option<ScopeId>,
    /// Names defined directly in this scope in the type namespace (the
    /// namespace the first segment of a `a::b` path is looked up in).
    pub names: Vec<Name>,
    /// Module declarations directly in this scope (`mod x;` and `mod x { }`).
    pub mods: Vec<ModDecl>,
    /// Literal `include!("...")` invocations directly in this scope: the
    /// included file's items belong to this scope.
    pub includes: Vec<Include>,
    /// True when this scope is inside an item marked `#[cfg(test)]`
    /// (or `#[cfg(all(test, ..))]`), at any depth.
    pub dev: bool,
}

/// A name defined in a scope, in the type namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The identifier (`r#` stripped).
    pub ident: String,
    /// What defines it.
    pub kind: NameKind,
}

/// What defines a [`Name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// `mod x;` or `mod x { }`: index into the same scope's `mods`.
    Module(usize),
    /// `struct`, `enum`, `union`, `trait`, `type` (and `trait` aliases).
    Item,
    /// A `use` leaf binding this name (its last segment or its `as` alias):
    /// index of that leaf in [`FileScan::sites`].
    Use(usize),
    /// `extern crate x;` or `extern crate x as y;`: index of its site.
    ExternCrate(usize),
}

/// A module declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModDecl {
    /// The module's name (`r#` stripped).
    pub name: String,
    /// Every `#[path = ".."]` and `#[cfg_attr(.., path = "..")]` value on the
    /// declaration, in order (cfg is never evaluated: each counts).
    pub paths: Vec<String>,
    /// `None` for `mod x;`, the body's scope for `mod x { }`.
    pub inline: Option<ScopeId>,
    /// Where the module's name is.
    pub pos: Pos,
    /// True when the declaration (or an enclosing item) is `#[cfg(test)]`.
    pub dev: bool,
}

/// A literal `include!("path")`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    /// The literal path, relative to the including file's directory.
    pub path: String,
    /// Where the `include` is.
    pub pos: Pos,
}

/// How an import site is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteKind {
    /// A leaf of a `use` tree. `alias` is the `as` name (`Some("_")` for
    /// `as _`); a glob leaf has `*` as its last segment and no alias. A
    /// `self` leaf (`use a::b::{self}`) is reported as the path `a::b`.
    Use {
        /// The `as` name, if any.
        alias: Option<String>,
    },
    /// `extern crate x [as y];` (segments is `[x]`).
    ExternCrate {
        /// The `as` name, if any.
        alias: Option<String>,
    },
    /// Any other path of two or more segments: in types, expressions,
    /// patterns, bounds, `impl` headers, attributes and derives, and the
    /// tokens of macro invocations and `macro_rules!` bodies.
    Path,
}

/// One place that names another crate or module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// How it is written.
    pub kind: SiteKind,
    /// The innermost scope containing it.
    pub scope: ScopeId,
    /// True when written with a leading `::`.
    pub leading_colon: bool,
    /// The path's segments (`r#` stripped; generic arguments left out), e.g.
    /// `["sqlx", "postgres", "PgPool"]`. Keywords `crate`, `self`, `super`
    /// and `$crate` appear as written.
    pub segments: Vec<String>,
    /// Position of the first segment (or of the leading `::`).
    pub pos: Pos,
    /// True when inside a macro invocation's or `macro_rules!`'s tokens.
    pub in_macro: bool,
    /// True when inside an item marked `#[cfg(test)]`.
    pub dev: bool,
}

/// A lexical problem found while scanning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanError {
    /// Where the problem starts.
    pub pos: Pos,
    /// What is wrong, e.g. "unterminated block comment".
    pub message: String,
}

/// Scans one file's text.
///
/// `edition2015` is true for crates of edition 2015 (some path rules differ;
/// the scanner itself only needs it to treat `async`, `dyn` and `try` as
/// identifiers there).
pub fn scan(_text: &str, _edition2015: bool) -> FileScan {
    FileScan::default()
}

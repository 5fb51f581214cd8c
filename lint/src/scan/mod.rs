//! The fast, token-level scanner: one source file in, its import sites, its
//! module declarations and the names it defines out. No syntax tree is built.
//!
//! The scanner never fails as a whole: lexical problems (unterminated comment
//! or literal, unbalanced delimiters) are returned in [`FileScan::errors`]
//! next to everything that could still be found.
//!
//! Two passes: `lexer` turns the text into tokens (byte ranges, paired
//! delimiters, no allocation per token), then `extract` walks the tokens
//! once with a stack of open groups and records sites, scopes and names.

use std::cell::{Cell, RefCell};

#[cfg(test)]
mod differential;
mod extract;
mod lexer;
#[cfg(any(test, feature = "reference-scanner"))]
pub mod reference;
#[cfg(test)]
mod tests;

pub(crate) use extract::{ScopeStart, Sink, SiteRef, SiteRefKind};
use lexer::{LexErrorKind, Lexed};

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
    /// True when an unconditional `#[path = ".."]` replaces the default
    /// file; with only `cfg_attr` paths the default file is one more
    /// alternative.
    pub fixed_path: bool,
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
/// the scanner itself only needs it to treat `async`, `dyn`, `await` and
/// `try` as identifiers there).
///
/// Not sites: paths whose first segment is `Self`, paths right after `::`,
/// `.`, `$` or `#` (`$x::y` and `quote!`'s `#x::y` interpolate), and the
/// path of a visibility `pub(in a::b)`. Inside macro invocations the tokens
/// are scanned like code: `use` leaves there are `Use` sites (with
/// `in_macro`) binding their names, and `mod x;` there is a declaration,
/// since item-level macros such as `cfg_if!` expand to their contents;
/// `macro_rules!` bodies only yield sites.
///
/// ```
/// use terrace_lint::scan::{scan, SiteKind};
///
/// let found = scan("use sqlx::{PgPool, postgres::PgRow};\nfn f() { tokio::spawn(x); }", false);
/// let paths: Vec<String> = found.sites.iter().map(|s| s.segments.join("::")).collect();
/// assert_eq!(paths, ["sqlx::PgPool", "sqlx::postgres::PgRow", "tokio::spawn"]);
/// assert_eq!(found.sites[1].pos.column, 20);
/// assert_eq!(found.sites[2].kind, SiteKind::Path);
/// assert!(found.errors.is_empty());
/// ```
pub fn scan(text: &str, edition2015: bool) -> FileScan {
    let (mut found, errors) = scan_into(text, edition2015, FileScan::default());
    found.errors = errors;
    found
}

/// Scans one file's text into `sink` (see [`scan`]); returns it with the
/// lexical errors.
pub(crate) fn scan_into<'a, S: Sink<'a>>(
    text: &'a str,
    edition2015: bool,
    sink: S,
) -> (S, Vec<ScanError>) {
    BUFFERS.with(|b| match b.try_borrow_mut() {
        Ok(mut lexed) => {
            let found = scan_with(text, edition2015, &mut lexed, sink);
            if lexed.tokens.capacity() > 1 << 22 {
                *lexed = Lexed::default();
            }
            found
        }
        Err(_) => scan_with(text, edition2015, &mut Lexed::default(), sink),
    })
}

/// Lexes `text` only and returns how many tokens it has: the lexer's own
/// share of a scan, for the `scan_corpus` example (`--lex-only`).
#[doc(hidden)]
pub fn lex_only(text: &str) -> usize {
    BUFFERS.with(|b| {
        let mut lexed = b.borrow_mut();
        lexer::lex(text, &mut lexed);
        lexed.tokens.len()
    })
}

thread_local! {
    // Token buffers reused between files: no page faults for a fresh
    // multi-megabyte vector per file.
    static BUFFERS: RefCell<Lexed> = RefCell::default();
}

/// Frees the calling thread's token buffers, kept from one file to the
/// next while files are scanned.
pub(crate) fn release_buffers() {
    BUFFERS.with(|b| {
        if let Ok(mut lexed) = b.try_borrow_mut() {
            *lexed = Lexed::default();
        }
    });
}

fn scan_with<'a, S: Sink<'a>>(
    text: &'a str,
    edition2015: bool,
    lexed: &mut Lexed,
    sink: S,
) -> (S, Vec<ScanError>) {
    lexer::lex(text, lexed);
    let lines = Lines::new(text, &lexed.lines);
    let out = extract::extract(text, &lexed.tokens, &lines, edition2015, sink);
    lexed.errors.sort_by_key(|e| e.offset);
    let mut errors: Vec<ScanError> = lexed
        .errors
        .iter()
        .map(|e| ScanError {
            pos: lines.pos(e.offset),
            message: describe(e.kind, &lines),
        })
        .collect();
    errors.sort_by_key(|e| e.pos);
    (out, errors)
}

fn describe(kind: LexErrorKind, lines: &Lines<'_>) -> String {
    let d = |c: u8| char::from(c);
    match kind {
        LexErrorKind::BlockComment => "unterminated block comment".to_owned(),
        LexErrorKind::Str => "unterminated string literal".to_owned(),
        LexErrorKind::RawStr => "unterminated raw string literal".to_owned(),
        LexErrorKind::Char => "unterminated character literal".to_owned(),
        LexErrorKind::Unclosed(c) => format!("unclosed delimiter `{}`", d(c)),
        LexErrorKind::Unexpected(c) => format!("unexpected closing delimiter `{}`", d(c)),
        LexErrorKind::Mismatched {
            close,
            open,
            open_offset,
        } => {
            let at = lines.pos(open_offset);
            format!(
                "mismatched closing delimiter `{}`: `{}` opened at {}:{} is not closed",
                d(close),
                d(open),
                at.line,
                at.column
            )
        }
    }
}

/// Byte offset to line and column.
struct Lines<'a> {
    text: &'a str,
    /// Byte offset where each line starts.
    starts: &'a [u32],
    /// The text starts with a byte order mark (not counted as a column).
    bom: bool,
    /// The last position computed (offset, line index, column): positions
    /// are mostly asked in increasing order, so counting resumes from there
    /// instead of from the line start (long generated lines stay linear).
    last: Cell<(u32, usize, u32)>,
}

impl<'a> Lines<'a> {
    /// `starts` must begin with 0 (as the lexer's line starts do).
    fn new(text: &'a str, starts: &'a [u32]) -> Self {
        Lines {
            text,
            starts,
            bom: text.starts_with('\u{FEFF}'),
            last: Cell::new((0, 0, 1)),
        }
    }

    fn pos(&self, offset: u32) -> Pos {
        let (last_offset, last_line, last_column) = self.last.get();
        // 0-based index of the line holding `offset`: the last start at or
        // before it (line 0 when none is). Positions are mostly asked in
        // increasing order, a few lines apart: walk forward from the last
        // line a few steps before searching.
        let line = if self.starts.get(last_line).is_some_and(|&s| s <= offset) {
            let mut l = last_line;
            let mut steps = 0;
            while steps < 8 && self.starts.get(l + 1).is_some_and(|&s| s <= offset) {
                l += 1;
                steps += 1;
            }
            if steps == 8 {
                l += self.starts[l..].partition_point(|&s| s <= offset) - 1;
            }
            l
        } else {
            self.starts.partition_point(|&s| s <= offset).max(1) - 1
        };
        let (start, base) = if last_line == line && last_offset <= offset {
            (last_offset as usize, last_column)
        } else {
            (self.starts[line] as usize, 1)
        };
        let end = (offset as usize).min(self.text.len()).max(start);
        let counted = count_chars(&self.text.as_bytes()[start..end]);
        self.last.set((end as u32, line, base + counted));
        let mut column = base + counted;
        if line == 0 && self.bom && end >= 3 {
            column -= 1;
        }
        Pos {
            line: line as u32 + 1,
            column,
        }
    }
}

/// The number of characters in `b` (its bytes that do not continue a
/// UTF-8 sequence), eight bytes at a time.
fn count_chars(b: &[u8]) -> u32 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // One 0-or-1 byte per continuation byte: bit 7 set and bit 6 clear
    // (moved up to bit 7 by the shift).
    let marks = |c: &[u8]| {
        let v = u64::from_le_bytes(c.try_into().unwrap_or_default());
        (v & !(v << 1) & HI) >> 7
    };
    // The sum of the eight bytes, in the top byte.
    let sum = |m: u64| (m.wrapping_mul(LO) >> 56) as u32;
    let mut chunks = b.chunks_exact(8);
    let mut continuing = 0;
    for c in &mut chunks {
        continuing += sum(marks(c));
    }
    let rest = chunks.remainder().len();
    if rest > 0 && b.len() >= 8 {
        // The last eight bytes, of which the first `8 - rest` were counted.
        continuing += sum(marks(&b[b.len() - 8..]) >> ((8 - rest) * 8));
    } else if rest > 0 {
        continuing += b.iter().filter(|&&c| c & 0xC0 == 0x80).count() as u32;
    }
    b.len() as u32 - continuing
}

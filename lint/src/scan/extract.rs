//! The extraction pass: one walk over the tokens with a stack of open
//! groups, recording import sites, scopes, names and module declarations.

use std::cell::Cell;

use super::lexer::{E2018, NO_PAIR, QUIET, STRICT, Tk, Token, kw};
use super::{
    FileScan, Include, Lines, ModDecl, Name, NameKind, Pos, Scope, ScopeId, ScopeKind, Site,
    SiteKind,
};

/// Where the extraction pass writes what it finds. [`FileScan`] is one
/// sink; the model's file summary is built by another, straight from the
/// text, without owned strings for every identifier. Identifiers are
/// borrowed from the text (or are `"$crate"` and `"*"`).
pub(crate) trait Sink<'a> {
    /// Adds a scope; returns its id (ids count up from 0).
    fn scope(&mut self, kind: ScopeStart<'a>, parent: Option<ScopeId>, dev: bool) -> ScopeId;
    /// Marks scope `scope` as test code (an inner `#![cfg(test)]`).
    fn set_scope_dev(&mut self, scope: ScopeId);
    /// Adds a name to scope `scope`.
    fn name(&mut self, scope: ScopeId, ident: &'a str, kind: NameKind);
    /// The number of module declarations of scope `scope` so far.
    fn mods_len(&self, scope: ScopeId) -> usize;
    /// Adds a module declaration to scope `scope`.
    fn module(&mut self, scope: ScopeId, decl: ModDecl);
    /// Marks declaration `idx` of scope `scope` as test code.
    fn set_mod_dev(&mut self, scope: ScopeId, idx: usize);
    /// Adds a literal `include!` to scope `scope`.
    fn include(&mut self, scope: ScopeId, include: Include);
    /// The number of sites so far.
    fn sites_len(&self) -> usize;
    /// Adds a site.
    fn site(&mut self, site: SiteRef<'_, 'a>);
}

/// What a new scope is, for [`Sink::scope`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScopeStart<'a> {
    File,
    Module(&'a str),
    Block,
}

/// How a site is written, for [`Sink::site`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SiteRefKind<'a> {
    Use(Option<&'a str>),
    ExternCrate(Option<&'a str>),
    Path,
}

/// A site as the extraction pass finds it (see [`Site`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SiteRef<'s, 'a> {
    pub kind: SiteRefKind<'a>,
    pub scope: ScopeId,
    pub leading_colon: bool,
    pub segments: &'s [&'a str],
    pub pos: Pos,
    pub in_macro: bool,
    pub dev: bool,
}

impl<'a> Sink<'a> for FileScan {
    fn scope(&mut self, kind: ScopeStart<'a>, parent: Option<ScopeId>, dev: bool) -> ScopeId {
        self.scopes.push(Scope {
            kind: match kind {
                ScopeStart::File => ScopeKind::File,
                ScopeStart::Module(name) => ScopeKind::Module {
                    name: name.to_owned(),
                },
                ScopeStart::Block => ScopeKind::Block,
            },
            parent,
            names: Vec::new(),
            mods: Vec::new(),
            includes: Vec::new(),
            dev,
        });
        self.scopes.len() - 1
    }

    fn set_scope_dev(&mut self, scope: ScopeId) {
        self.scopes[scope].dev = true;
    }

    fn name(&mut self, scope: ScopeId, ident: &'a str, kind: NameKind) {
        self.scopes[scope].names.push(Name {
            ident: ident.to_owned(),
            kind,
        });
    }

    fn mods_len(&self, scope: ScopeId) -> usize {
        self.scopes[scope].mods.len()
    }

    fn module(&mut self, scope: ScopeId, decl: ModDecl) {
        self.scopes[scope].mods.push(decl);
    }

    fn set_mod_dev(&mut self, scope: ScopeId, idx: usize) {
        self.scopes[scope].mods[idx].dev = true;
    }

    fn include(&mut self, scope: ScopeId, include: Include) {
        self.scopes[scope].includes.push(include);
    }

    fn sites_len(&self) -> usize {
        self.sites.len()
    }

    fn site(&mut self, site: SiteRef<'_, 'a>) {
        let owned = |a: Option<&str>| a.map(str::to_owned);
        self.sites.push(Site {
            kind: match site.kind {
                SiteRefKind::Use(alias) => SiteKind::Use {
                    alias: owned(alias),
                },
                SiteRefKind::ExternCrate(alias) => SiteKind::ExternCrate {
                    alias: owned(alias),
                },
                SiteRefKind::Path => SiteKind::Path,
            },
            scope: site.scope,
            leading_colon: site.leading_colon,
            segments: site.segments.iter().map(|&s| s.to_owned()).collect(),
            pos: site.pos,
            in_macro: site.in_macro,
            dev: site.dev,
        });
    }
}

/// Deepest nesting of use groups and attribute predicates followed (deeper
/// input is not real code; the limit keeps recursion off the stack's edge).
const MAX_NESTING: u32 = 64;

/// What an open group is, for names and sites inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    /// The file or an inline module: a scope created eagerly.
    Module,
    /// A block that may hold items; its scope is created on first use.
    Block,
    /// The body of an `impl`, `trait`, `struct`, `enum`, `union` or
    /// `extern` block: names inside are associated items, not recorded.
    Opaque,
    /// Parentheses, brackets and groups inside macro tokens: transparent.
    Group,
}

/// How the next opening delimiter must be treated (set by what precedes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    Opaque,
    /// Body of an inline module: its scope and (parent scope, mod index).
    Module(ScopeId, ScopeId, usize),
    Macro,
    MacroRules,
}

#[derive(Debug, Clone, Copy)]
struct Frame {
    /// Index of the opening token.
    open: u32,
    kind: FrameKind,
    scope: Option<ScopeId>,
    dev: bool,
    in_macro: bool,
    /// Inside a `macro_rules!` body: a template, nothing is bound.
    rules: bool,
    /// For an inline module body: (parent scope, index in its `mods`).
    decl: Option<(ScopeId, usize)>,
    /// The parentheses of a visibility `pub(in path)`: the path there
    /// restricts visibility, it imports nothing.
    vis: bool,
    /// Index in the stack of the innermost module or block frame at or
    /// below this one (the file frame, 0, when none is).
    enclosing: u32,
}

/// Outer attributes waiting for the item they apply to.
#[derive(Debug)]
struct Pending {
    depth: usize,
    /// Tokens up to this index still belong to the attributes (or to a
    /// visibility) and do not start the item.
    wait_until: usize,
    dev: bool,
    paths: Vec<String>,
    /// An unconditional `#[path]` was among the attributes.
    fixed_path: bool,
}

/// An item under `#[cfg(test)]` being walked.
#[derive(Debug, Clone, Copy)]
struct DevItem {
    depth: usize,
    /// Ends only at `;` (const, static, let, type alias).
    semi_only: bool,
    /// Starts with an item keyword (a `,` does not end it).
    item: bool,
}

struct Extractor<'a, 't, S> {
    text: &'a str,
    toks: &'t [Token],
    lines: &'t Lines<'t>,
    e2015: bool,
    out: S,
    stack: Vec<Frame>,
    pending: Option<Pending>,
    dev_item: Option<DevItem>,
    /// `#[path]` values for the `mod` item being started, and whether one
    /// of them is unconditional.
    mod_paths: Vec<String>,
    mod_fixed_path: bool,
    /// Treatment of the opening delimiter at this token index.
    index_hint: Option<(usize, Hint)>,
    /// Treatment of the next `{` at this depth.
    depth_hint: Option<(usize, Hint)>,
    /// Reused buffer of segments.
    seg_strs: Vec<&'a str>,
}

/// Walks `toks` (lexed from `text`) and writes everything found, without
/// lexical errors, to `out` (which must be empty: the file's scope is 0).
pub(super) fn extract<'a, S: Sink<'a>>(
    text: &'a str,
    toks: &[Token],
    lines: &Lines<'_>,
    e2015: bool,
    mut out: S,
) -> S {
    thread_local! {
        // The stack of open groups, reused between files.
        static STACK: Cell<Vec<Frame>> = const { Cell::new(Vec::new()) };
    }
    let mut stack = STACK.take();
    stack.clear();
    stack.push(Frame {
        open: NO_PAIR,
        kind: FrameKind::Module,
        scope: Some(0),
        dev: false,
        in_macro: false,
        rules: false,
        decl: None,
        vis: false,
        enclosing: 0,
    });
    out.scope(ScopeStart::File, None, false);
    let mut x = Extractor {
        text,
        toks,
        lines,
        e2015,
        out,
        stack,
        pending: None,
        dev_item: None,
        mod_paths: Vec::new(),
        mod_fixed_path: false,
        index_hint: None,
        depth_hint: None,
        seg_strs: Vec::new(),
    };
    x.run();
    if x.stack.capacity() <= 1 << 12 {
        STACK.set(x.stack);
    }
    x.out
}

/// True for the [`Token::kw`] of a keyword that can never be a path
/// segment (strict and reserved ones; `crate`, `self`, `super` and `Self`
/// are segments).
fn is_keyword(kw: u8, e2015: bool) -> bool {
    kw != 0 && (kw <= STRICT || (!e2015 && kw <= STRICT + E2018))
}

/// True for the [`Token::kw`] of `crate`, `self`, `super` or `Self`.
fn is_path_keyword(kw: u8) -> bool {
    matches!(kw, kw::CRATE | kw::SELF | kw::SUPER | kw::SELF_TYPE)
}

/// Unescapes the value of a plain or raw string literal token.
fn string_value(text: &str, t: Token) -> Option<String> {
    let s = text.get(t.start as usize..t.end() as usize)?;
    match t.kind {
        Tk::Str => {
            let inner = s.get(1..s.rfind('"')?)?;
            if !inner.contains('\\') {
                return Some(inner.to_owned());
            }
            let mut v = String::with_capacity(inner.len());
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                if c != '\\' {
                    v.push(c);
                    continue;
                }
                match chars.next() {
                    Some('n') => v.push('\n'),
                    Some('t') => v.push('\t'),
                    Some('r') => v.push('\r'),
                    Some('0') => v.push('\0'),
                    Some('\n') => {
                        // Line continuation: skip the next line's indentation.
                        let rest = chars.as_str().trim_start();
                        chars = rest.chars();
                    }
                    Some(c) => v.push(c),
                    None => {}
                }
            }
            Some(v)
        }
        Tk::RawStr => {
            let body = s.get(1..)?.trim_start_matches('#');
            let body = body.get(1..)?;
            let end = body.rfind('"')?;
            Some(body[..end].to_owned())
        }
        _ => None,
    }
}

impl<'a, S: Sink<'a>> Extractor<'a, '_, S> {
    fn tok(&self, i: usize) -> Option<Token> {
        self.toks.get(i).copied()
    }

    fn kind(&self, i: usize) -> Option<Tk> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// The [`Token::kw`] of token `i` (0 past the end).
    fn kw(&self, i: usize) -> u8 {
        self.toks.get(i).map_or(0, |t| t.kw)
    }

    fn word(&self, i: usize) -> &'a [u8] {
        match self.toks.get(i) {
            Some(t) if matches!(t.kind, Tk::Ident | Tk::RawIdent) => {
                &self.text.as_bytes()[t.start as usize..t.end() as usize]
            }
            _ => b"",
        }
    }

    /// True when token `i` is the (non-raw) identifier `w`.
    fn is_word(&self, i: usize, w: &[u8]) -> bool {
        self.kind(i) == Some(Tk::Ident) && self.word(i) == w
    }

    fn text_of(&self, i: usize) -> &'a str {
        let t = self.toks[i];
        &self.text[t.start as usize..t.end() as usize]
    }

    /// True for a token usable as a path segment.
    fn is_segment(&self, i: usize) -> bool {
        match self.kind(i) {
            Some(Tk::RawIdent) => true,
            Some(Tk::Ident) => !is_keyword(self.kw(i), self.e2015),
            _ => false,
        }
    }

    /// True for an identifier that is a plain name (not a keyword, not a
    /// path keyword).
    fn is_name(&self, i: usize) -> bool {
        match self.kind(i) {
            Some(Tk::RawIdent) => true,
            Some(Tk::Ident) => {
                let k = self.kw(i);
                !is_keyword(k, self.e2015) && !is_path_keyword(k)
            }
            _ => false,
        }
    }

    fn pair(&self, i: usize) -> Option<usize> {
        match self.toks.get(i) {
            Some(t) if t.pair() != NO_PAIR => Some(t.pair() as usize),
            _ => None,
        }
    }

    /// Where token `i` is written (a raw identifier from its `r#`).
    fn pos(&self, i: usize) -> super::Pos {
        let t = self.toks[i];
        let raw = if t.kind == Tk::RawIdent { 2 } else { 0 };
        self.lines.pos(t.start - raw)
    }

    fn top(&self) -> Frame {
        // The file frame is never popped.
        self.stack[self.stack.len() - 1]
    }

    fn dev(&self) -> bool {
        self.top().dev || self.dev_item.is_some()
    }

    /// The scope of frame `k` (a module or block frame), creating the
    /// scopes of it and of its enclosing blocks on first use.
    fn materialize(&mut self, k: usize) -> ScopeId {
        // Mostly the innermost module or block already has its scope.
        if let Some(s) = self.stack[self.stack[k].enclosing as usize].scope {
            return s;
        }
        // The innermost module or block frame whose scope exists; the
        // block frames above it get theirs, outermost first.
        let mut base = 0;
        let mut from = 0;
        for j in (0..=k).rev() {
            let f = self.stack[j];
            if matches!(f.kind, FrameKind::Module | FrameKind::Block)
                && let Some(s) = f.scope
            {
                base = s;
                from = j + 1;
                break;
            }
        }
        for j in from..=k {
            let f = self.stack[j];
            if matches!(f.kind, FrameKind::Module | FrameKind::Block) {
                let id = self.out.scope(ScopeStart::Block, Some(base), f.dev);
                self.stack[j].scope = Some(id);
                base = id;
            }
        }
        base
    }

    /// The scope a site at the current token belongs to.
    fn site_scope(&mut self) -> ScopeId {
        let k = self.stack.len() - 1;
        self.materialize(k)
    }

    /// The scope a name defined here goes to (`None` inside associated item
    /// bodies and `macro_rules!` bodies).
    fn name_scope(&mut self) -> Option<ScopeId> {
        if self.top().rules {
            return None;
        }
        let mut j = self.stack.len();
        while j > 0 {
            j -= 1;
            match self.stack[j].kind {
                FrameKind::Group => {}
                FrameKind::Opaque => return None,
                FrameKind::Module | FrameKind::Block => return Some(self.materialize(j)),
            }
        }
        Some(0)
    }

    fn add_name(&mut self, ident: &'a str, kind: NameKind) {
        if let Some(s) = self.name_scope() {
            self.out.name(s, ident, kind);
        }
    }

    fn run(&mut self) {
        let toks = self.toks;
        let mut i = 0;
        while i < toks.len() {
            if self.pending.is_some() {
                self.before(i);
            }
            let t = toks[i];
            i = match t.kind {
                // Nothing inside to act on: what opening and closing it
                // would do, without the frame, then on past the closer.
                Tk::Open(c) if t.kw == QUIET => {
                    self.quiet_group(i, c);
                    t.pair() as usize + 1
                }
                Tk::Open(c) => {
                    self.open(i, c);
                    i + 1
                }
                Tk::Close(_) => {
                    self.close(i);
                    i + 1
                }
                Tk::Punct(b'#') => {
                    self.attribute(i);
                    i + 1
                }
                Tk::Punct(b';') => {
                    self.end_at_depth(false);
                    i + 1
                }
                Tk::Punct(b',') => {
                    self.end_at_depth(true);
                    i + 1
                }
                Tk::Punct(b'$') => {
                    if self.is_word(i + 1, b"crate") {
                        self.path(i);
                    }
                    i + 1
                }
                Tk::PathSep => {
                    let leading = match i.checked_sub(1).and_then(|p| self.tok(p)) {
                        None => true,
                        Some(p) => match p.kind {
                            Tk::Ident => is_keyword(p.kw, self.e2015),
                            // `a > ::b` (spaced, a comparison) or
                            // `impl<T> ::a::B`; not `Vec::<u8>::new` nor
                            // `<a::B> ::c` (spaced).
                            Tk::Punct(b'>') => match self.matching_lt(i - 1) {
                                // `a >::b`, `a >> ::b`: a comparison or a shift.
                                None => true,
                                Some(lt) => {
                                    (p.end() != t.start && !self.starts_qualified_self(lt))
                                        || self.opens_impl_generics(lt)
                                }
                            },
                            // `..::a::b` is a range.
                            Tk::Punct(b'.') => i >= 2 && self.kind(i - 2) == Some(Tk::Punct(b'.')),
                            Tk::RawIdent | Tk::Punct(b'$' | b'#') => false,
                            _ => true,
                        },
                    };
                    if leading {
                        self.path(i);
                    }
                    i + 1
                }
                // Most identifiers: no keyword, not followed by `::` or `!`.
                Tk::Ident | Tk::RawIdent if t.kw == 0 => {
                    match toks.get(i + 1).map(|n| n.kind) {
                        // Not after `::`, `$` or `#` (`path` would return).
                        Some(Tk::PathSep)
                            if i == 0
                                || !matches!(
                                    toks[i - 1].kind,
                                    Tk::PathSep | Tk::Punct(b'$' | b'#')
                                ) =>
                        {
                            self.path(i)
                        }
                        Some(Tk::Punct(b'!')) => self.macro_call(i),
                        _ => {}
                    }
                    i + 1
                }
                Tk::Ident => self.ident(i),
                _ => i + 1,
            };
        }
    }

    /// True when the `<` at `lt` opens the generics of `impl<..>` or
    /// `for<..>`, so that a `::` after its `>` starts a new path
    /// (`impl<T> ::serde::Serialize for ..`) rather than continuing one
    /// (`Vec::<u8>::new`, `<T as Tr>::X`).
    fn opens_impl_generics(&self, lt: usize) -> bool {
        lt > 0 && (self.is_word(lt - 1, b"impl") || self.is_word(lt - 1, b"for"))
    }

    /// The `<` that the `>` at `gt` closes, if any: the generic arguments
    /// in between are balanced and cross no `;` nor unbalanced delimiter.
    fn matching_lt(&self, gt: usize) -> Option<usize> {
        let mut depth = 0u32;
        let mut k = gt;
        for _ in 0..512 {
            match self.toks[k].kind {
                Tk::Punct(b'>') => depth += 1,
                Tk::Punct(b'<') => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(k);
                    }
                }
                Tk::Close(_) => k = self.pair(k)?,
                Tk::Punct(b';') | Tk::Open(_) => return None,
                _ => {}
            }
            k = k.checked_sub(1)?;
        }
        None
    }

    /// True when the `<` at `lt` opens a qualified path (`<T as a::B>`,
    /// `<[u8]>`) or turbofish arguments (`f::<T>`): it stands where a type
    /// or an expression starts, not after an operand (`x < y && z > ::a`
    /// is two comparisons). A `::` after its `>` continues the path even
    /// when spaced (`<a::B> ::c`).
    fn starts_qualified_self(&self, lt: usize) -> bool {
        let Some(before) = lt.checked_sub(1).map(|k| self.toks[k]) else {
            return true;
        };
        match before.kind {
            Tk::Ident => is_keyword(before.kw, self.e2015),
            Tk::RawIdent | Tk::Lit | Tk::Str | Tk::RawStr | Tk::Lifetime | Tk::Close(_) => false,
            Tk::Punct(b'?') => false,
            _ => true,
        }
    }

    /// Ends the `#[cfg(test)]` item and the body hint at `;` (or `,`).
    fn end_at_depth(&mut self, comma: bool) {
        let d = self.stack.len();
        if let Some(it) = self.dev_item
            && it.depth == d
            && (!comma || !it.item)
        {
            self.dev_item = None;
        }
        if !comma && matches!(self.depth_hint, Some((hd, _)) if hd == d) {
            self.depth_hint = None;
        }
    }

    /// Applies pending outer attributes when their item starts at token `i`.
    fn before(&mut self, i: usize) {
        let d = self.stack.len();
        let (depth, wait_until) = match &self.pending {
            Some(p) => (p.depth, p.wait_until),
            None => return,
        };
        if d < depth {
            self.pending = None;
            return;
        }
        if d > depth || i <= wait_until {
            return;
        }
        match self.toks[i].kind {
            // Another attribute (a stray `#` ends the run).
            Tk::Punct(b'#')
                if matches!(
                    (self.kind(i + 1), self.kind(i + 2)),
                    (Some(Tk::Open(b'[')), _) | (Some(Tk::Punct(b'!')), Some(Tk::Open(b'[')))
                ) =>
            {
                return;
            }
            Tk::Ident if self.kw(i) == kw::PUB => {
                let mut wait = i;
                if self.is_restriction(i + 1) {
                    wait = self.pair(i + 1).unwrap_or(i + 1);
                }
                if let Some(p) = &mut self.pending {
                    p.wait_until = wait;
                }
                return;
            }
            _ => {}
        }
        let Some(p) = self.pending.take() else { return };
        let kw = self.item_keyword(i);
        if p.dev && self.dev_item.is_none() {
            self.dev_item = Some(DevItem {
                depth: d,
                semi_only: matches!(kw, Some(b"const" | b"static" | b"let" | b"type")),
                item: kw.is_some(),
            });
        }
        (self.mod_paths, self.mod_fixed_path) = if kw == Some(b"mod") {
            (p.paths, p.fixed_path)
        } else {
            (Vec::new(), false)
        };
    }

    /// The keyword of the item starting at `i`, past its modifiers.
    fn item_keyword(&self, mut i: usize) -> Option<&'static [u8]> {
        const ITEMS: [&[u8]; 15] = [
            b"fn",
            b"mod",
            b"struct",
            b"enum",
            b"union",
            b"trait",
            b"impl",
            b"use",
            b"extern",
            b"const",
            b"static",
            b"type",
            b"macro_rules",
            b"let",
            b"macro",
        ];
        for _ in 0..6 {
            let w = self.word(i);
            let next = self.word(i + 1);
            let modifier = match w {
                b"unsafe" | b"async" | b"default" | b"safe" | b"auto" => true,
                b"const" => matches!(next, b"fn" | b"unsafe" | b"async" | b"extern"),
                b"extern" => {
                    if matches!(self.kind(i + 1), Some(Tk::Str | Tk::RawStr)) {
                        i += 1;
                    }
                    matches!(self.word(i + 1), b"fn" | b"unsafe" | b"safe")
                }
                _ => false,
            };
            if !modifier {
                return ITEMS.iter().copied().find(|&k| k == w);
            }
            i += 1;
        }
        None
    }

    fn open(&mut self, i: usize, c: u8) {
        let top = self.top();
        let d = self.stack.len();
        let mut hint = match self.index_hint {
            Some((at, h)) if at == i => {
                self.index_hint = None;
                Some(h)
            }
            _ => None,
        };
        if hint.is_none()
            && c == b'{'
            && let Some((hd, h)) = self.depth_hint
            && hd == d
        {
            self.depth_hint = None;
            hint = Some(h);
        }
        let dev = top.dev || self.dev_item.is_some();
        let mut frame = Frame {
            open: i as u32,
            kind: FrameKind::Group,
            scope: None,
            dev,
            in_macro: top.in_macro,
            rules: top.rules,
            decl: None,
            // Nothing inside `pub(..)` is a site, nested groups included.
            vis: top.vis || (i > 0 && self.kw(i - 1) == kw::PUB && self.is_restriction(i)),
            enclosing: top.enclosing,
        };
        match hint {
            Some(Hint::Opaque) => frame.kind = FrameKind::Opaque,
            Some(Hint::Module(scope, parent, idx)) => {
                frame.kind = FrameKind::Module;
                frame.scope = Some(scope);
                frame.decl = Some((parent, idx));
            }
            Some(Hint::Macro) => frame.in_macro = true,
            Some(Hint::MacroRules) => {
                frame.in_macro = true;
                frame.rules = true;
            }
            None => {
                if c == b'{' && !top.in_macro {
                    frame.kind = FrameKind::Block;
                }
            }
        }
        if matches!(frame.kind, FrameKind::Module | FrameKind::Block) {
            frame.enclosing = d as u32;
        }
        self.stack.push(frame);
    }

    /// [`Extractor::open`] then [`Extractor::close`] of a group with
    /// nothing inside to act on (opened at `i` with `c`), at the cost of
    /// their effects outside it: the hint meant for it is used up, and
    /// its closing brace may end a `#[cfg(test)]` item.
    fn quiet_group(&mut self, i: usize, c: u8) {
        let d = self.stack.len();
        if matches!(self.index_hint, Some((at, _)) if at == i) {
            self.index_hint = None;
        } else if c == b'{' && matches!(self.depth_hint, Some((hd, _)) if hd == d) {
            self.depth_hint = None;
        }
        self.closed(d, c == b'{');
    }

    fn close(&mut self, i: usize) {
        let Some(open) = self.pair(i) else { return };
        let mut brace = false;
        while self.stack.len() > 1 {
            let Some(f) = self.stack.pop() else { break };
            if f.open as usize == open {
                brace = matches!(self.kind(open), Some(Tk::Open(b'{')));
                break;
            }
        }
        self.closed(self.stack.len(), brace);
    }

    /// What closing a group (a brace or not) leaves at depth `d` ends.
    fn closed(&mut self, d: usize, brace: bool) {
        if let Some(it) = self.dev_item
            && (d < it.depth || (d == it.depth && brace && !it.semi_only))
        {
            self.dev_item = None;
        }
        if matches!(self.depth_hint, Some((hd, _)) if hd > d) {
            self.depth_hint = None;
        }
        if matches!(&self.pending, Some(p) if p.depth > d) {
            self.pending = None;
        }
    }

    /// At `#`: reads an outer or inner attribute for `cfg(test)` and `path`.
    /// Its tokens are then walked as usual (paths in attributes are sites).
    fn attribute(&mut self, i: usize) {
        let (inner, open) = match (self.kind(i + 1), self.kind(i + 2)) {
            (Some(Tk::Open(b'[')), _) => (false, i + 1),
            (Some(Tk::Punct(b'!')), Some(Tk::Open(b'['))) => (true, i + 2),
            _ => return,
        };
        let Some(close) = self.pair(open) else { return };
        let dev = self.is_cfg_test(open + 1, close);
        let mut paths = Vec::new();
        self.attr_paths(open + 1, close, &mut paths, 0);
        // `#[path = ".."]` itself (not inside `cfg_attr`) is unconditional.
        let fixed_path = !paths.is_empty() && self.is_word(open + 1, b"path");
        if inner {
            if dev {
                let k = self.stack.len() - 1;
                self.stack[k].dev = true;
                if let Some(s) = self.stack[k].scope {
                    self.out.set_scope_dev(s);
                }
                if let Some((parent, idx)) = self.stack[k].decl {
                    self.out.set_mod_dev(parent, idx);
                }
            }
            return;
        }
        let d = self.stack.len();
        match &mut self.pending {
            Some(p) if p.depth == d => {
                p.dev |= dev;
                p.fixed_path |= fixed_path;
                p.paths.append(&mut paths);
                p.wait_until = close;
            }
            _ => {
                self.pending = Some(Pending {
                    depth: d,
                    wait_until: close,
                    dev,
                    paths,
                    fixed_path,
                });
            }
        }
    }

    /// The first top-level comma in `[a, b)`, or `b`.
    fn next_comma(&self, a: usize, b: usize) -> usize {
        let mut k = a;
        while k < b {
            match self.toks[k].kind {
                Tk::Open(_) => k = self.pair(k).map_or(b, |p| p.min(b)),
                Tk::Punct(b',') => return k,
                _ => {}
            }
            k += 1;
        }
        b
    }

    /// Splits `[a, b)` at top-level commas.
    fn split_commas(&self, a: usize, b: usize) -> Vec<(usize, usize)> {
        let mut parts = Vec::new();
        let mut start = a;
        let mut k = a;
        while k < b {
            match self.toks[k].kind {
                Tk::Open(_) => k = self.pair(k).map_or(b, |p| p.min(b)),
                Tk::Punct(b',') => {
                    parts.push((start, k));
                    start = k + 1;
                }
                _ => {}
            }
            k += 1;
        }
        if start < b {
            parts.push((start, b));
        }
        parts
    }

    /// `cfg(test)` or `cfg(all(.., test, ..))` in the attribute body `[a, b)`.
    fn is_cfg_test(&self, a: usize, b: usize) -> bool {
        self.is_word(a, b"cfg")
            && matches!(self.kind(a + 1), Some(Tk::Open(b'(')))
            && self.pair(a + 1) == Some(b - 1)
            && self.pred_is_test(a + 2, b - 1, 0)
    }

    fn pred_is_test(&self, a: usize, b: usize, nesting: u32) -> bool {
        if b <= a || nesting > MAX_NESTING {
            return false;
        }
        if b == a + 1 {
            return self.is_word(a, b"test");
        }
        self.is_word(a, b"all")
            && matches!(self.kind(a + 1), Some(Tk::Open(b'(')))
            && self.pair(a + 1) == Some(b - 1)
            && self
                .split_commas(a + 2, b - 1)
                .into_iter()
                .any(|(x, y)| self.pred_is_test(x, y, nesting + 1))
    }

    /// `path = ".."` and `cfg_attr(.., path = "..")` in `[a, b)`.
    fn attr_paths(&self, a: usize, b: usize, out: &mut Vec<String>, nesting: u32) {
        if b <= a || nesting > MAX_NESTING {
            return;
        }
        if self.is_word(a, b"path") && b == a + 3 && self.kind(a + 1) == Some(Tk::Punct(b'=')) {
            if let Some(v) = self.tok(a + 2).and_then(|t| string_value(self.text, t)) {
                out.push(v);
            }
        } else if self.is_word(a, b"cfg_attr")
            && matches!(self.kind(a + 1), Some(Tk::Open(b'(')))
            && self.pair(a + 1) == Some(b - 1)
        {
            for (x, y) in self.split_commas(a + 2, b - 1).into_iter().skip(1) {
                self.attr_paths(x, y, out, nesting + 1);
            }
        }
    }

    /// At an identifier: keywords that declare things, macro invocations,
    /// then paths. Returns the next token index.
    fn ident(&mut self, i: usize) -> usize {
        if self.kind(i) == Some(Tk::RawIdent) {
            self.macro_call_or_path(i);
            return i + 1;
        }
        let d = self.stack.len();
        let k = self.kw(i);
        if k == 0 {
            self.macro_call_or_path(i);
            return i + 1;
        }
        match k {
            kw::USE if self.kind(i + 1) != Some(Tk::Punct(b'<')) => return self.use_item(i),
            kw::EXTERN => {
                if self.kw(i + 1) == kw::CRATE {
                    return self.extern_crate(i);
                }
                let mut k = i + 1;
                if matches!(self.kind(k), Some(Tk::Str | Tk::RawStr)) {
                    k += 1;
                }
                if self.kind(k) == Some(Tk::Open(b'{')) {
                    self.index_hint = Some((k, Hint::Opaque));
                }
            }
            kw::MOD => return self.module(i),
            kw::STRUCT | kw::ENUM | kw::TRAIT => {
                self.depth_hint = Some((d, Hint::Opaque));
                self.item_name(i + 1);
            }
            kw::TYPE => self.item_name(i + 1),
            kw::UNION
                if self.is_name(i + 1)
                    && (matches!(self.kind(i + 2), Some(Tk::Open(b'{') | Tk::Punct(b'<')))
                        || self.kw(i + 2) == kw::WHERE) =>
            {
                self.depth_hint = Some((d, Hint::Opaque));
                self.item_name(i + 1);
                return i + 2;
            }
            kw::IMPL => {
                let item = match i.checked_sub(1).and_then(|p| self.tok(p)) {
                    None => true,
                    Some(p) => match p.kind {
                        Tk::Punct(b';') | Tk::Open(b'{') | Tk::Close(b'}' | b']') => true,
                        Tk::Ident => matches!(p.kw, kw::UNSAFE | kw::DEFAULT),
                        _ => false,
                    },
                };
                if item {
                    self.depth_hint = Some((d, Hint::Opaque));
                }
            }
            kw::MACRO_RULES if self.kind(i + 1) == Some(Tk::Punct(b'!')) && self.is_name(i + 2) => {
                if matches!(self.kind(i + 3), Some(Tk::Open(_))) {
                    self.index_hint = Some((i + 3, Hint::MacroRules));
                }
                return i + 3;
            }
            kw::INCLUDE if self.kind(i + 1) == Some(Tk::Punct(b'!')) => {
                self.include(i);
                self.macro_call(i);
                return i + 1;
            }
            _ => {}
        }
        if is_keyword(k, self.e2015) {
            return i + 1;
        }
        self.macro_call_or_path(i);
        i + 1
    }

    /// At an identifier that is not a keyword: a macro invocation or the
    /// start of a path (checked here first: most identifiers are neither).
    #[inline]
    fn macro_call_or_path(&mut self, i: usize) {
        match self.kind(i + 1) {
            Some(Tk::PathSep) => self.path(i),
            Some(Tk::Punct(b'!')) => self.macro_call(i),
            _ => {}
        }
    }

    /// The `(` at `i` opens a visibility restriction (`pub(crate)`,
    /// `pub(self)`, `pub(super)`, `pub(in path)`), not a parenthesized type
    /// after `pub` (`struct S(pub (a::B));`).
    fn is_restriction(&self, i: usize) -> bool {
        matches!(self.kind(i), Some(Tk::Open(b'(')))
            && self.kind(i + 1) == Some(Tk::Ident)
            && matches!(self.word(i + 1), b"crate" | b"self" | b"super" | b"in")
    }

    /// `name!(..)`: marks the group as macro tokens.
    fn macro_call(&mut self, i: usize) {
        if self.kind(i + 1) == Some(Tk::Punct(b'!'))
            && matches!(self.kind(i + 2), Some(Tk::Open(_)))
            && self.is_name(i)
        {
            self.index_hint = Some((i + 2, Hint::Macro));
        }
    }

    /// `struct X`, `type X`...: records `X` as a name.
    fn item_name(&mut self, i: usize) {
        if self.is_name(i) {
            let name = self.text_of(i);
            self.add_name(name, NameKind::Item);
        }
    }

    /// `include!("path")` with a literal argument.
    fn include(&mut self, i: usize) {
        if self.kind(i + 1) != Some(Tk::Punct(b'!')) || self.top().rules {
            return;
        }
        if !matches!(self.kind(i + 2), Some(Tk::Open(_))) || self.pair(i + 2) != Some(i + 4) {
            return;
        }
        let Some(path) = self.tok(i + 3).and_then(|t| string_value(self.text, t)) else {
            return;
        };
        let pos = self.pos(i);
        let s = self.site_scope();
        self.out.include(s, Include { path, pos });
    }

    /// `mod name;` or `mod name { .. }`.
    fn module(&mut self, i: usize) -> usize {
        let paths = std::mem::take(&mut self.mod_paths);
        let fixed_path = std::mem::take(&mut self.mod_fixed_path);
        if !self.is_segment(i + 1) {
            return i + 1;
        }
        let inline = match self.kind(i + 2) {
            Some(Tk::Open(b'{')) => true,
            Some(Tk::Punct(b';')) => false,
            _ => return i + 1,
        };
        let Some(parent) = self.name_scope() else {
            return i + 2;
        };
        let name = self.text_of(i + 1);
        let dev = self.dev();
        let idx = self.out.mods_len(parent);
        let body = inline.then(|| {
            let id = self.out.scope(ScopeStart::Module(name), Some(parent), dev);
            self.index_hint = Some((i + 2, Hint::Module(id, parent, idx)));
            id
        });
        let pos = self.pos(i + 1);
        self.out.module(
            parent,
            ModDecl {
                name: name.to_owned(),
                paths,
                inline: body,
                pos,
                dev,
                fixed_path,
            },
        );
        self.out.name(parent, name, NameKind::Module(idx));
        i + 2
    }

    /// `extern crate name [as alias];`
    fn extern_crate(&mut self, i: usize) -> usize {
        let n = i + 2;
        if !matches!(self.kind(n), Some(Tk::Ident | Tk::RawIdent)) {
            return i + 2;
        }
        let name = self.text_of(n);
        let alias = (self.is_word(n + 1, b"as")
            && matches!(self.kind(n + 2), Some(Tk::Ident | Tk::RawIdent)))
        .then(|| self.text_of(n + 2));
        let next = if alias.is_some() { n + 3 } else { n + 1 };
        let site = self.out.sites_len();
        let binds = match alias {
            Some(a) if a != "_" => Some(a),
            Some(_) => None,
            None => (name != "self").then_some(name),
        };
        let scope = self.site_scope();
        let (in_macro, dev) = (self.top().in_macro, self.dev());
        let pos = self.pos(n);
        self.out.site(SiteRef {
            kind: SiteRefKind::ExternCrate(alias),
            scope,
            leading_colon: false,
            segments: &[name],
            pos,
            in_macro,
            dev,
        });
        if let Some(b) = binds {
            self.add_name(b, NameKind::ExternCrate(site));
        }
        next
    }

    /// End of the item starting at `i`: the index of its `;`, or of the
    /// closing delimiter that ends the enclosing group, or the end.
    fn item_end(&self, mut k: usize) -> usize {
        while k < self.toks.len() {
            match self.toks[k].kind {
                Tk::Punct(b';') | Tk::Close(_) => return k,
                Tk::Open(_) => match self.pair(k) {
                    Some(p) => k = p,
                    None => return self.toks.len(),
                },
                _ => {}
            }
            k += 1;
        }
        k
    }

    /// A whole `use` item. Returns the index after it.
    fn use_item(&mut self, i: usize) -> usize {
        let end = self.item_end(i + 1);
        let mut segs = std::mem::take(&mut self.seg_strs);
        segs.clear();
        self.use_tree(i + 1, end, &mut segs, false, 0);
        self.seg_strs = segs;
        if let Some(it) = self.dev_item
            && it.depth == self.stack.len()
        {
            self.dev_item = None;
        }
        if self.kind(end) == Some(Tk::Punct(b';')) {
            end + 1
        } else {
            end
        }
    }

    /// One use tree in `[a, b)` below the prefix `segs`.
    fn use_tree(
        &mut self,
        a: usize,
        b: usize,
        segs: &mut Vec<&'a str>,
        leading: bool,
        nesting: u32,
    ) {
        if nesting > MAX_NESTING {
            return;
        }
        let base = segs.len();
        let mut j = a;
        let mut leading = leading;
        if j < b && self.kind(j) == Some(Tk::PathSep) {
            leading = true;
            j += 1;
        }
        loop {
            if j >= b {
                break;
            }
            match self.toks[j].kind {
                Tk::Ident | Tk::RawIdent if !self.is_word(j, b"as") => {
                    segs.push(self.text_of(j));
                    j += 1;
                }
                Tk::Punct(b'$') if self.is_word(j + 1, b"crate") => {
                    segs.push("$crate");
                    j += 2;
                }
                Tk::Open(b'{') => {
                    let close = self.pair(j).map_or(b, |p| p.min(b));
                    // The parts between top-level commas (as `split_commas`).
                    let mut x = j + 1;
                    while x < close {
                        let y = self.next_comma(x, close);
                        self.use_tree(x, y, segs, leading, nesting + 1);
                        x = y + 1;
                    }
                    segs.truncate(base);
                    return;
                }
                Tk::Punct(b'*') => {
                    segs.push("*");
                    self.use_leaf(a, &segs[..], leading, None, None);
                    segs.truncate(base);
                    return;
                }
                _ => break,
            }
            if j < b && self.kind(j) == Some(Tk::PathSep) {
                j += 1;
            } else {
                break;
            }
        }
        if segs.len() == base {
            return;
        }
        let alias = (self.is_word(j, b"as")
            && j + 1 < b
            && matches!(self.kind(j + 1), Some(Tk::Ident | Tk::RawIdent)))
        .then(|| self.text_of(j + 1));
        let mut n = segs.len();
        if segs[n - 1] == "self" && n > 1 {
            n -= 1;
        }
        let path = &segs[..n];
        let binds = match alias {
            Some(a) => (a != "_").then_some(a),
            None => path
                .last()
                .copied()
                .filter(|s| !matches!(*s, "crate" | "self" | "super" | "$crate")),
        };
        self.use_leaf(a, path, leading, alias, binds);
        segs.truncate(base);
    }

    fn use_leaf(
        &mut self,
        at: usize,
        segments: &[&'a str],
        leading_colon: bool,
        alias: Option<&'a str>,
        binds: Option<&'a str>,
    ) {
        let site = self.out.sites_len();
        let scope = self.site_scope();
        let (in_macro, dev) = (self.top().in_macro, self.dev());
        let pos = self.pos(at);
        self.out.site(SiteRef {
            kind: SiteRefKind::Use(alias),
            scope,
            leading_colon,
            segments,
            pos,
            in_macro,
            dev,
        });
        if let Some(b) = binds {
            self.add_name(b, NameKind::Use(site));
        }
    }

    /// Skips generic arguments from the `<` at `lt`; returns the index after
    /// the matching `>`, or `None` if this is not a generic argument list.
    fn skip_generics(&self, lt: usize) -> Option<usize> {
        let mut depth = 0u32;
        let mut k = lt;
        while k < self.toks.len() && k - lt < 4096 {
            match self.toks[k].kind {
                Tk::Punct(b'<') => depth += 1,
                Tk::Punct(b'>') => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(k + 1);
                    }
                }
                Tk::Open(_) => k = self.pair(k)?,
                Tk::Punct(b';') | Tk::Close(_) | Tk::FatArrow => return None,
                _ => {}
            }
            k += 1;
        }
        None
    }

    /// A path starting at `i` (an identifier, `$crate` or a leading `::`),
    /// reported when it has two or more segments.
    fn path(&mut self, i: usize) {
        // Fast exit for the common case: a lone identifier.
        let first_sep = match self.toks[i].kind {
            Tk::Punct(b'$') => i + 2,
            Tk::PathSep => i,
            _ => i + 1,
        };
        if self.kind(first_sep) != Some(Tk::PathSep) || self.top().vis {
            return;
        }
        if let Some(p) = i.checked_sub(1).and_then(|p| self.tok(p))
            && self.kind(i) != Some(Tk::PathSep)
        {
            match p.kind {
                Tk::PathSep | Tk::Punct(b'$' | b'#') => return,
                // `x.a::b` is a method or field; `..a::b` is a range.
                Tk::Punct(b'.') if i < 2 || self.kind(i - 2) != Some(Tk::Punct(b'.')) => return,
                _ => {}
            }
        }
        let mut j = i;
        let leading = self.kind(j) == Some(Tk::PathSep);
        if leading {
            j += 1;
            if !self.is_segment(j) {
                return;
            }
        }
        let dollar = self.kind(j) == Some(Tk::Punct(b'$'));
        if dollar {
            j += 1;
        }
        if !dollar && self.word(j) == b"Self" {
            return;
        }
        let mut segs = std::mem::take(&mut self.seg_strs);
        segs.clear();
        segs.push(if dollar { "$crate" } else { self.text_of(j) });
        j += 1;
        while self.kind(j) == Some(Tk::PathSep) {
            if self.is_segment(j + 1) {
                segs.push(self.text_of(j + 1));
                j += 2;
            } else if self.kind(j + 1) == Some(Tk::Punct(b'<')) {
                match self.skip_generics(j + 1) {
                    Some(k) if self.kind(k) == Some(Tk::PathSep) && self.is_segment(k + 1) => {
                        segs.push(self.text_of(k + 1));
                        j = k + 2;
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        if segs.len() >= 2 {
            let scope = self.site_scope();
            let (in_macro, dev) = (self.top().in_macro, self.dev());
            let pos = self.pos(i);
            self.out.site(SiteRef {
                kind: SiteRefKind::Path,
                scope,
                leading_colon: leading,
                segments: &segs,
                pos,
                in_macro,
                dev,
            });
        }
        self.seg_strs = segs;
    }
}

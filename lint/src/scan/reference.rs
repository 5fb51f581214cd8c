//! A slow reference scanner built on syn, to test the fast one against.
//!
//! It parses the file with `syn::parse_file` and walks the syntax tree:
//! `use` trees, `extern crate`, module declarations and every path of the
//! tree come from syn's own nodes. What syn keeps as raw tokens (macro
//! invocations, `macro_rules!` bodies, attribute arguments, unstable syntax
//! it cannot model) is walked token by token with the rule of
//! `DESIGN.md`: `x ::` not preceded by `::`, `.` (a field or method access;
//! the `..` of a range does not count), `$` or `#`, generic arguments after
//! `::<` skipped; `use`, `extern crate` and `mod` in those tokens are read
//! as items; `pub(in a::b)` is no site. Tokens cannot tell `<T>::x` from
//! `impl<T> ::x` for sure: there a leading `::` right after `>` starts a
//! path when spaced from it (`a > ::b`) or when the `>` closes `impl<..>` or
//! `for<..>` (in the syntax tree, syn knows).
//!
//! Names are compared for modules only (the file and inline modules not
//! inside a block): `mod`, `struct`, `enum`, `union`, `trait`, `type`, the
//! names `use` leaves and `extern crate` bind. Inside macro tokens there
//! are no blocks (a `cfg_if!` body binds in the module), except the bodies
//! of `impl`, `trait`, type definitions and `extern` blocks.
//!
//! Only files syn can parse are compared: [`reference_scan`] returns `None`
//! for the others. Compiled for tests, and behind the `reference-scanner`
//! feature for the fuzz target.

use std::collections::{HashMap, HashSet};
use std::fmt;

use proc_macro2::{Delimiter, LineColumn, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};

use super::{FileScan, NameKind, Pos, ScopeKind, SiteKind};

/// How a [`RefSite`] is written (the fast scanner's [`SiteKind`], ordered).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RefKind {
    /// A `use` leaf with its `as` name.
    Use(Option<String>),
    /// `extern crate` with its `as` name.
    ExternCrate(Option<String>),
    /// Any other path of two or more segments.
    Path,
}

impl From<&SiteKind> for RefKind {
    fn from(k: &SiteKind) -> Self {
        match k {
            SiteKind::Use { alias } => RefKind::Use(alias.clone()),
            SiteKind::ExternCrate { alias } => RefKind::ExternCrate(alias.clone()),
            SiteKind::Path => RefKind::Path,
        }
    }
}

/// An import site as both scanners can report it: what the differential
/// test compares.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RefSite {
    /// Where the site is (first segment, or its leading `::`).
    pub pos: Pos,
    /// How it is written.
    pub kind: RefKind,
    /// Segments, `r#` stripped.
    pub segments: Vec<String>,
    /// Written with a leading `::`.
    pub leading_colon: bool,
    /// Inside macro tokens.
    pub in_macro: bool,
}

impl fmt::Display for RefSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{} {}{}",
            self.pos.line,
            self.pos.column,
            if self.leading_colon { "::" } else { "" },
            self.segments.join("::")
        )?;
        match &self.kind {
            RefKind::Use(None) => write!(f, " [use]")?,
            RefKind::Use(Some(a)) => write!(f, " [use as {a}]")?,
            RefKind::ExternCrate(None) => write!(f, " [extern crate]")?,
            RefKind::ExternCrate(Some(a)) => write!(f, " [extern crate as {a}]")?,
            RefKind::Path => {}
        }
        if self.in_macro {
            write!(f, " (macro)")?;
        }
        Ok(())
    }
}

/// A module declaration as both scanners can report it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RefMod {
    /// Where the name is.
    pub pos: Pos,
    /// The name, `r#` stripped.
    pub name: String,
    /// `mod x { }` rather than `mod x;`.
    pub inline: bool,
    /// `#[path]` values, including those inside `cfg_attr`.
    pub paths: Vec<String>,
    /// A `#[path]` outside `cfg_attr` is among them.
    pub fixed_path: bool,
}

impl fmt::Display for RefMod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{} mod {}{}",
            self.pos.line,
            self.pos.column,
            self.name,
            if self.inline { " { }" } else { ";" }
        )?;
        if !self.paths.is_empty() {
            write!(f, " #[path = {:?}]", self.paths)?;
        }
        if self.fixed_path {
            write!(f, " (fixed)")?;
        }
        Ok(())
    }
}

/// What defines a [`RefName`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RefNameKind {
    /// `mod x;` or `mod x { }`.
    Module,
    /// `struct`, `enum`, `union`, `trait`, `type`.
    Item,
    /// A `use` leaf.
    Use,
    /// `extern crate`.
    ExternCrate,
}

/// A name defined directly in a module (the file or an inline module not
/// inside a block), in the type namespace.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RefName {
    /// The inline modules from the file down to the scope (`a::b`; empty
    /// for the file itself).
    pub module: String,
    /// The name, `r#` stripped.
    pub ident: String,
    /// What defines it.
    pub kind: RefNameKind,
}

impl fmt::Display for RefName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = if self.module.is_empty() {
            "(file)"
        } else {
            &self.module
        };
        write!(f, "in {m}: {} ({:?})", self.ident, self.kind)
    }
}

/// What a scanner found in one file, in the comparable form (sorted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RefScan {
    /// Import sites, sorted.
    pub sites: Vec<RefSite>,
    /// Module declarations, sorted.
    pub mods: Vec<RefMod>,
    /// Names defined directly in modules, sorted.
    pub names: Vec<RefName>,
}

impl RefScan {
    /// The comparable form of the fast scanner's result.
    pub fn from_fast(f: &FileScan) -> Self {
        let mut sites: Vec<RefSite> = f
            .sites
            .iter()
            .map(|s| RefSite {
                pos: s.pos,
                kind: RefKind::from(&s.kind),
                segments: s.segments.clone(),
                leading_colon: s.leading_colon,
                in_macro: s.in_macro,
            })
            .collect();
        sites.sort();
        let mut mods: Vec<RefMod> = f
            .scopes
            .iter()
            .flat_map(|s| &s.mods)
            .map(|m| RefMod {
                pos: m.pos,
                name: m.name.clone(),
                inline: m.inline.is_some(),
                paths: m.paths.clone(),
                fixed_path: m.fixed_path,
            })
            .collect();
        mods.sort();
        let mut names = Vec::new();
        for (id, scope) in f.scopes.iter().enumerate() {
            let Some(module) = module_path(f, id) else {
                continue;
            };
            for n in &scope.names {
                let kind = match n.kind {
                    NameKind::Module(_) => RefNameKind::Module,
                    NameKind::Item => RefNameKind::Item,
                    NameKind::Use(_) => RefNameKind::Use,
                    NameKind::ExternCrate(_) => RefNameKind::ExternCrate,
                };
                names.push(RefName {
                    module: module.clone(),
                    ident: n.ident.clone(),
                    kind,
                });
            }
        }
        names.sort();
        RefScan { sites, mods, names }
    }

    /// Forgets positions (under `cfg(fuzzing)` proc-macro2 keeps none).
    pub fn without_positions(mut self) -> Self {
        for s in &mut self.sites {
            s.pos = Pos::default();
        }
        for m in &mut self.mods {
            m.pos = Pos::default();
        }
        self.sites.sort();
        self.mods.sort();
        self
    }
}

/// The inline module path of scope `id`, when it and its ancestors are
/// modules up to the file (`None` under a block).
fn module_path(f: &FileScan, id: usize) -> Option<String> {
    let mut parts = Vec::new();
    let mut at = Some(id);
    while let Some(k) = at {
        let scope = f.scopes.get(k)?;
        match &scope.kind {
            ScopeKind::File => break,
            ScopeKind::Module { name } => parts.push(name.clone()),
            ScopeKind::Block => return None,
        }
        at = scope.parent;
    }
    parts.reverse();
    Some(parts.join("::"))
}

/// Scans `text` with syn; `None` when syn cannot parse it.
///
/// Spans of this thread are invalidated afterwards, so scanning many files
/// does not grow proc-macro2's source map.
/// `edition2015` makes `async`, `await`, `dyn` and `try` identifiers, as
/// for the fast scanner.
pub fn reference_scan(text: &str, edition2015: bool) -> Option<RefScan> {
    let file = syn::parse_file(text).ok()?;
    let mut v = Walker {
        e2015: edition2015,
        module_level: true,
        ..Walker::default()
    };
    v.visit_file(&file);
    drop(file);
    proc_macro2::extra::invalidate_current_thread_spans();
    let mut out = RefScan {
        sites: v.sites,
        mods: v.mods,
        names: v.names,
    };
    out.sites.sort();
    out.mods.sort();
    out.names.sort();
    Some(out)
}

/// Scans `text` with both scanners. `None` when syn cannot parse it;
/// otherwise `(fast, reference)`, equal when the scanners agree.
pub fn both(text: &str, edition2015: bool) -> Option<(RefScan, RefScan)> {
    let reference = reference_scan(text, edition2015)?;
    let fast = RefScan::from_fast(&super::scan(text, edition2015));
    Some((fast, reference))
}

/// A readable diff of two sorted lists: lines only in the fast result are
/// marked `-`, lines only in the reference `+`.
pub fn diff<T: Ord + fmt::Display>(fast: &[T], reference: &[T]) -> String {
    let mut out = String::new();
    let (mut i, mut j) = (0, 0);
    while i < fast.len() || j < reference.len() {
        let take_fast = match (fast.get(i), reference.get(j)) {
            (Some(a), Some(b)) if a == b => {
                i += 1;
                j += 1;
                continue;
            }
            (Some(a), Some(b)) => a < b,
            (Some(_), None) => true,
            _ => false,
        };
        if take_fast {
            out.push_str(&format!("  - fast only:      {}\n", fast[i]));
            i += 1;
        } else {
            out.push_str(&format!("  + reference only: {}\n", reference[j]));
            j += 1;
        }
    }
    out
}

/// Describes how `fast` and `reference` differ (empty when they agree).
pub fn describe(fast: &RefScan, reference: &RefScan) -> String {
    let mut out = String::new();
    if fast.sites != reference.sites {
        out.push_str("sites:\n");
        out.push_str(&diff(&fast.sites, &reference.sites));
    }
    if fast.mods != reference.mods {
        out.push_str("mods:\n");
        out.push_str(&diff(&fast.mods, &reference.mods));
    }
    if fast.names != reference.names {
        out.push_str("names:\n");
        out.push_str(&diff(&fast.names, &reference.names));
    }
    out
}

/// Generic arguments after a name, then `::` with a space (`Vec<T> ::a` in
/// a type, which rustfmt never writes): the fast scanner cannot tell it
/// from the comparisons `x < y && z > ::a` and reports `::a` as a path of
/// its own (see `known_bug_spaced_path_after_generic_arguments_of_a_name`).
fn spaced_path_after_generic_arguments(text: &str) -> bool {
    let Ok(ts) = text.parse::<TokenStream>() else {
        return false;
    };
    let toks = flatten(&ts);
    proc_macro2::extra::invalidate_current_thread_spans();
    (0..toks.len().saturating_sub(1)).any(|gt| {
        if !matches!(toks[gt].t, T::Punct('>'))
            || !matches!(toks[gt + 1].t, T::PathSep)
            || toks[gt].end == toks[gt + 1].pos
        {
            return false;
        }
        let mut depth = 0u32;
        let mut k = gt;
        loop {
            match &toks[k].t {
                T::Punct('>') => depth += 1,
                T::Punct('<') => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return k >= 1 && matches!(&toks[k - 1].t, T::Ident { .. });
                    }
                }
                T::Close(o) => k = *o,
                T::Punct(';') | T::Open(..) => return false,
                _ => {}
            }
            if k == 0 {
                return false;
            }
            k -= 1;
        }
    })
}

/// A doc comment between the brackets of an attribute (rustc rejects it;
/// syn turns it into nested `#[doc]` tokens): see
/// `known_bug_doc_comment_inside_cfg_attr`.
fn doc_comment_inside_attribute(text: &str) -> bool {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        if depth == 0 {
            if b[i] == b'#' && (b.get(i + 1) == Some(&b'[') || b.get(i + 1..i + 3) == Some(b"![")) {
                depth = 1;
                i += if b[i + 1] == b'[' { 2 } else { 3 };
                continue;
            }
        } else {
            match b[i] {
                b'[' => depth += 1,
                b']' => depth -= 1,
                b'/' if matches!(b.get(i + 1..i + 3), Some(b"//" | b"/!" | b"**" | b"*!")) => {
                    return true;
                }
                _ => {}
            }
        }
        i += 1;
    }
    false
}

/// Both scanners agree on `text`, except where one of the known scanner
/// bugs may explain the difference (the `known_bug_*` tests of the
/// differential module): such inputs are not compared. `Err` with the diff
/// otherwise. Positions are compared: proc-macro2 must not be built with
/// `cfg(fuzzing)`.
pub fn agree_but_known_bugs(text: &str, edition2015: bool) -> Result<(), String> {
    let Some((fast, reference)) = both(text, edition2015) else {
        return Ok(());
    };
    // syn reads `c::: x::Y` as `c: ::x::Y`; rustc lexes `::` `:` and
    // rejects it: not Rust, nothing to compare.
    if fast == reference
        || text.contains(":::")
        || doc_comment_inside_attribute(text)
        || spaced_path_after_generic_arguments(text)
    {
        return Ok(());
    }
    Err(describe(&fast, &reference))
}

/// The outer attributes of an item that has a body.
fn outer_attrs(i: &syn::Item) -> impl Iterator<Item = &syn::Attribute> {
    let attrs: &[syn::Attribute] = match i {
        syn::Item::Const(x) => &x.attrs,
        syn::Item::Enum(x) => &x.attrs,
        syn::Item::Fn(x) => &x.attrs,
        syn::Item::ForeignMod(x) => &x.attrs,
        syn::Item::Impl(x) => &x.attrs,
        syn::Item::Static(x) => &x.attrs,
        syn::Item::Struct(x) => &x.attrs,
        syn::Item::Trait(x) => &x.attrs,
        syn::Item::TraitAlias(x) => &x.attrs,
        syn::Item::Type(x) => &x.attrs,
        syn::Item::Union(x) => &x.attrs,
        _ => &[],
    };
    attrs
        .iter()
        .filter(|a| matches!(a.style, syn::AttrStyle::Outer))
}

/// The name a `use` leaf binds: its alias (not `_`) or its last segment
/// (not a path keyword).
fn use_binding(path: &[String], alias: Option<&str>) -> Option<String> {
    match alias {
        Some(a) => (a != "_").then(|| a.to_owned()),
        None => path
            .last()
            .filter(|s| !matches!(s.as_str(), "crate" | "self" | "super" | "$crate"))
            .cloned(),
    }
}

fn pos(lc: LineColumn) -> Pos {
    Pos {
        line: lc.line as u32,
        column: lc.column as u32 + 1,
    }
}

fn start(span: Span) -> Pos {
    pos(span.start())
}

fn unraw(i: &proc_macro2::Ident) -> String {
    i.unraw().to_string()
}

#[derive(Default)]
struct Walker {
    e2015: bool,
    sites: Vec<RefSite>,
    mods: Vec<RefMod>,
    names: Vec<RefName>,
    /// The inline modules entered, from the file.
    module: Vec<String>,
    /// Directly in a module: names defined here are recorded.
    module_level: bool,
}

impl Walker {
    fn bind(&mut self, ident: String, kind: RefNameKind) {
        if self.module_level {
            self.names.push(RefName {
                module: self.module.join("::"),
                ident,
                kind,
            });
        }
    }

    /// Runs `f` with names recorded (`module_level`) or not.
    fn with_level(&mut self, level: bool, f: impl FnOnce(&mut Self)) {
        let saved = std::mem::replace(&mut self.module_level, level);
        f(self);
        self.module_level = saved;
    }

    fn push(&mut self, pos: Pos, kind: RefKind, segments: Vec<String>, leading: bool, mac: bool) {
        self.sites.push(RefSite {
            pos,
            kind,
            segments,
            leading_colon: leading,
            in_macro: mac,
        });
    }

    /// Reports the first `take` segments of `path` (a path is cut after a
    /// segment with generic arguments not written with `::<`, as in
    /// `a::B<C>::D`), when two or more and not starting with `Self`.
    fn report_path(&mut self, path: &syn::Path, take: usize) {
        let mut segments = Vec::new();
        for seg in path.segments.iter().take(take) {
            segments.push(unraw(&seg.ident));
            match &seg.arguments {
                syn::PathArguments::None => {}
                syn::PathArguments::AngleBracketed(a) if a.colon2_token.is_some() => {}
                _ => break,
            }
        }
        if segments.len() < 2 || segments[0] == "Self" {
            return;
        }
        let at = match &path.leading_colon {
            Some(c) => c.span(),
            None => path.segments[0].ident.span(),
        };
        self.push(
            start(at),
            RefKind::Path,
            segments,
            path.leading_colon.is_some(),
            false,
        );
    }

    /// A path with an optional `<T as Trait>` qualifier: only the trait's
    /// path is reported (what follows `>::` is an associated item).
    fn qualified(&mut self, qself: Option<&syn::QSelf>, path: &syn::Path) {
        match qself {
            None => self.visit_path(path),
            Some(q) => {
                self.visit_type(&q.ty);
                self.report_path(path, q.position);
                for seg in &path.segments {
                    self.visit_path_arguments(&seg.arguments);
                }
            }
        }
    }

    fn use_tree(&mut self, tree: &syn::UseTree, prefix: &mut Vec<String>, at: Pos, leading: bool) {
        let base = prefix.len();
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(unraw(&p.ident));
                self.use_tree(&p.tree, prefix, at, leading);
            }
            syn::UseTree::Name(n) => {
                prefix.push(unraw(&n.ident));
                self.use_leaf(prefix.clone(), None, at, leading);
            }
            syn::UseTree::Rename(r) => {
                prefix.push(unraw(&r.ident));
                self.use_leaf(prefix.clone(), Some(unraw(&r.rename)), at, leading);
            }
            syn::UseTree::Glob(_) => {
                prefix.push("*".to_owned());
                self.sites.push(RefSite {
                    pos: at,
                    kind: RefKind::Use(None),
                    segments: prefix.clone(),
                    leading_colon: leading,
                    in_macro: false,
                });
            }
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(t, prefix, start(t.span()), leading);
                }
            }
        }
        prefix.truncate(base);
    }

    fn use_leaf(&mut self, mut path: Vec<String>, alias: Option<String>, at: Pos, leading: bool) {
        if path.len() > 1 && path.last().is_some_and(|s| s == "self") {
            path.pop();
        }
        if let Some(b) = use_binding(&path, alias.as_deref()) {
            self.bind(b, RefNameKind::Use);
        }
        self.push(at, RefKind::Use(alias), path, leading, false);
    }

    fn tokens(&mut self, ts: &TokenStream, mac: bool, rules: bool) {
        let toks = flatten(ts);
        let mut w = TokenWalker {
            toks: &toks,
            out: self,
            opaque: HashSet::new(),
            inline_mods: HashMap::new(),
            opaque_depth: 0,
        };
        w.walk(0, toks.len(), mac, rules);
    }
}

impl<'ast> Visit<'ast> for Walker {
    fn visit_path(&mut self, p: &'ast syn::Path) {
        self.report_path(p, usize::MAX);
        visit::visit_path(self, p);
    }

    /// `pub(in a::b)` restricts visibility, it imports nothing.
    fn visit_vis_restricted(&mut self, _: &'ast syn::VisRestricted) {}

    fn visit_type_path(&mut self, t: &'ast syn::TypePath) {
        self.qualified(t.qself.as_ref(), &t.path);
    }

    fn visit_expr_path(&mut self, e: &'ast syn::ExprPath) {
        for a in &e.attrs {
            self.visit_attribute(a);
        }
        self.qualified(e.qself.as_ref(), &e.path);
    }

    fn visit_expr_struct(&mut self, e: &'ast syn::ExprStruct) {
        for a in &e.attrs {
            self.visit_attribute(a);
        }
        self.qualified(e.qself.as_ref(), &e.path);
        for f in &e.fields {
            self.visit_field_value(f);
        }
        if let Some(r) = &e.rest {
            self.visit_expr(r);
        }
    }

    fn visit_pat_struct(&mut self, p: &'ast syn::PatStruct) {
        for a in &p.attrs {
            self.visit_attribute(a);
        }
        self.qualified(p.qself.as_ref(), &p.path);
        for f in &p.fields {
            self.visit_field_pat(f);
        }
    }

    fn visit_pat_tuple_struct(&mut self, p: &'ast syn::PatTupleStruct) {
        for a in &p.attrs {
            self.visit_attribute(a);
        }
        self.qualified(p.qself.as_ref(), &p.path);
        for e in &p.elems {
            self.visit_pat(e);
        }
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        for a in &u.attrs {
            self.visit_attribute(a);
        }
        self.visit_visibility(&u.vis);
        let at = match &u.leading_colon {
            Some(c) => c.span(),
            None => u.tree.span(),
        };
        self.use_tree(
            &u.tree,
            &mut Vec::new(),
            start(at),
            u.leading_colon.is_some(),
        );
    }

    fn visit_item_extern_crate(&mut self, e: &'ast syn::ItemExternCrate) {
        for a in &e.attrs {
            self.visit_attribute(a);
        }
        self.visit_visibility(&e.vis);
        let alias = e.rename.as_ref().map(|(_, r)| unraw(r));
        let name = unraw(&e.ident);
        match &alias {
            Some(a) if a != "_" => self.bind(a.clone(), RefNameKind::ExternCrate),
            Some(_) => {}
            None if name != "self" => self.bind(name, RefNameKind::ExternCrate),
            None => {}
        }
        self.push(
            start(e.ident.span()),
            RefKind::ExternCrate(alias),
            vec![unraw(&e.ident)],
            false,
            false,
        );
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        let mut paths = Vec::new();
        let mut fixed_path = false;
        for a in &m.attrs {
            if matches!(a.style, syn::AttrStyle::Outer) {
                let before = paths.len();
                meta_paths(&a.meta, &mut paths);
                fixed_path |= paths.len() > before && a.path().is_ident("path");
            }
        }
        let name = unraw(&m.ident);
        self.mods.push(RefMod {
            pos: start(m.ident.span()),
            name: name.clone(),
            inline: m.content.is_some(),
            paths,
            fixed_path,
        });
        let outer = |a: &&syn::Attribute| matches!(a.style, syn::AttrStyle::Outer);
        for a in m.attrs.iter().filter(outer) {
            self.visit_attribute(a);
        }
        self.visit_visibility(&m.vis);
        self.bind(name.clone(), RefNameKind::Module);
        self.module.push(name);
        for a in m.attrs.iter().filter(|a| !outer(a)) {
            self.visit_attribute(a);
        }
        for item in m.content.iter().flat_map(|(_, items)| items) {
            self.visit_item(item);
        }
        self.module.pop();
    }

    fn visit_meta_list(&mut self, l: &'ast syn::MetaList) {
        self.visit_path(&l.path);
        self.tokens(&l.tokens, false, false);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.visit_path(&m.path);
        // `self!(..)` parses in syn, not in rustc: no macro is named by a
        // path keyword, so its tokens are read as code.
        let keyword = m.path.segments.last().is_some_and(|s| {
            matches!(
                s.ident.to_string().as_str(),
                "self" | "super" | "crate" | "Self"
            )
        });
        self.tokens(&m.tokens, !keyword, false);
    }

    fn visit_item_macro(&mut self, m: &'ast syn::ItemMacro) {
        for a in &m.attrs {
            self.visit_attribute(a);
        }
        if m.ident.is_some() && m.mac.path.is_ident("macro_rules") {
            // `macro_rules! name { .. }`: a template, nothing is bound.
            self.with_level(false, |w| w.tokens(&m.mac.tokens, true, true));
        } else if let Some(ident) = &m.ident {
            // `x! name (..)` (syn accepts it, rustc does not): the fast
            // scanner sees no macro call there, only tokens.
            self.visit_path(&m.mac.path);
            let mut ts: TokenStream = TokenTree::Ident(ident.clone()).into();
            ts.extend(std::iter::once(TokenTree::Group(proc_macro2::Group::new(
                match &m.mac.delimiter {
                    syn::MacroDelimiter::Paren(_) => Delimiter::Parenthesis,
                    syn::MacroDelimiter::Brace(_) => Delimiter::Brace,
                    syn::MacroDelimiter::Bracket(_) => Delimiter::Bracket,
                },
                m.mac.tokens.clone(),
            ))));
            self.tokens(&ts, false, false);
        } else {
            self.visit_macro(&m.mac);
        }
    }

    fn visit_item(&mut self, i: &'ast syn::Item) {
        let named = match i {
            syn::Item::Struct(x) => Some(&x.ident),
            syn::Item::Enum(x) => Some(&x.ident),
            syn::Item::Union(x) => Some(&x.ident),
            syn::Item::Trait(x) => Some(&x.ident),
            syn::Item::TraitAlias(x) => Some(&x.ident),
            syn::Item::Type(x) => Some(&x.ident),
            _ => None,
        };
        if let Some(ident) = named {
            self.bind(unraw(ident), RefNameKind::Item);
        }
        match i {
            syn::Item::Verbatim(ts) => self.tokens(ts, false, false),
            // Items and macros bind in the module; anything with a body
            // (functions, impls, consts...) holds blocks or associated items.
            syn::Item::Mod(_)
            | syn::Item::Use(_)
            | syn::Item::ExternCrate(_)
            | syn::Item::Macro(_) => {
                visit::visit_item(self, i);
            }
            _ => {
                self.with_level(false, |w| visit::visit_item(w, i));
                // The fast scanner reads an item's outer attributes in the
                // scope around the item: a `use` in their tokens binds
                // there. Bind those names; the sites are already counted.
                if self.module_level {
                    let (sites, mods) = (self.sites.len(), self.mods.len());
                    for a in outer_attrs(i) {
                        self.visit_attribute(a);
                    }
                    self.sites.truncate(sites);
                    self.mods.truncate(mods);
                }
            }
        }
    }

    fn visit_expr(&mut self, e: &'ast syn::Expr) {
        match e {
            syn::Expr::Verbatim(ts) => self.tokens(ts, false, false),
            _ => visit::visit_expr(self, e),
        }
    }

    fn visit_type(&mut self, t: &'ast syn::Type) {
        match t {
            syn::Type::Verbatim(ts) => self.tokens(ts, false, false),
            _ => visit::visit_type(self, t),
        }
    }

    fn visit_pat(&mut self, p: &'ast syn::Pat) {
        match p {
            syn::Pat::Verbatim(ts) => self.tokens(ts, false, false),
            _ => visit::visit_pat(self, p),
        }
    }

    fn visit_impl_item(&mut self, i: &'ast syn::ImplItem) {
        match i {
            syn::ImplItem::Verbatim(ts) => self.tokens(ts, false, false),
            _ => visit::visit_impl_item(self, i),
        }
    }

    fn visit_trait_item(&mut self, i: &'ast syn::TraitItem) {
        match i {
            syn::TraitItem::Verbatim(ts) => self.tokens(ts, false, false),
            _ => visit::visit_trait_item(self, i),
        }
    }

    fn visit_foreign_item(&mut self, i: &'ast syn::ForeignItem) {
        match i {
            syn::ForeignItem::Verbatim(ts) => self.tokens(ts, false, false),
            _ => visit::visit_foreign_item(self, i),
        }
    }

    fn visit_type_param_bound(&mut self, b: &'ast syn::TypeParamBound) {
        match b {
            syn::TypeParamBound::Verbatim(ts) => self.tokens(ts, false, false),
            _ => visit::visit_type_param_bound(self, b),
        }
    }
}

/// `#[path = ".."]` and `#[cfg_attr(pred, .., path = "..")]` (nested).
fn meta_paths(meta: &syn::Meta, out: &mut Vec<String>) {
    match meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident("path") => {
            if let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
            {
                out.push(s.value());
            }
        }
        syn::Meta::List(l) if l.path.is_ident("cfg_attr") => {
            for part in split_commas(l.tokens.clone()).into_iter().skip(1) {
                attr_paths(&part, out, 0);
            }
        }
        _ => {}
    }
}

/// [`meta_paths`] on the tokens of one `cfg_attr` argument.
fn attr_paths(ts: &TokenStream, out: &mut Vec<String>, nesting: u32) {
    if nesting > 64 {
        return;
    }
    let trees: Vec<TokenTree> = ts.clone().into_iter().collect();
    match trees.as_slice() {
        [
            TokenTree::Ident(p),
            TokenTree::Punct(eq),
            TokenTree::Literal(l),
        ] if p == "path" && eq.as_char() == '=' => {
            if let Ok(s) = syn::parse2::<syn::LitStr>(TokenTree::Literal(l.clone()).into()) {
                out.push(s.value());
            }
        }
        [TokenTree::Ident(c), TokenTree::Group(g)]
            if c == "cfg_attr" && g.delimiter() == Delimiter::Parenthesis =>
        {
            for part in split_commas(g.stream()).into_iter().skip(1) {
                attr_paths(&part, out, nesting + 1);
            }
        }
        _ => {}
    }
}

fn split_commas(ts: TokenStream) -> Vec<TokenStream> {
    let mut parts = vec![Vec::new()];
    for t in ts {
        match &t {
            TokenTree::Punct(p) if p.as_char() == ',' => parts.push(Vec::new()),
            _ => parts.last_mut().into_iter().for_each(|v| v.push(t.clone())),
        }
    }
    if parts.last().is_some_and(Vec::is_empty) {
        parts.pop();
    }
    parts.into_iter().map(|v| v.into_iter().collect()).collect()
}

// ------------------------------------------------------------------ tokens

/// A token of a flattened token stream, with `::`, `->`, `=>` and
/// lifetimes joined the way the Rust lexer joins them.
#[derive(Debug, Clone)]
enum T {
    Ident {
        text: String,
        raw: bool,
    },
    Lifetime,
    Lit(proc_macro2::Literal),
    PathSep,
    Arrow,
    FatArrow,
    Punct(char),
    /// An opening delimiter and the index of its closing one.
    Open(Delimiter, usize),
    /// A closing delimiter and the index of its opening one.
    Close(usize),
}

#[derive(Debug, Clone)]
struct Tok {
    t: T,
    pos: Pos,
    /// Where the token ends (for spacing).
    end: Pos,
}

fn flatten(ts: &TokenStream) -> Vec<Tok> {
    let mut raw = Vec::new();
    flatten_into(ts.clone(), &mut raw);
    // Join punctuation that touches: proc-macro2 keeps each character.
    let mut out: Vec<Tok> = Vec::with_capacity(raw.len());
    let mut k = 0;
    while k < raw.len() {
        let (tok, end) = &raw[k];
        let joined = match (&tok.t, raw.get(k + 1)) {
            (T::Punct(a), Some((next, _))) if next.pos == *end => match (a, &next.t) {
                (':', T::Punct(':')) => Some(T::PathSep),
                ('-', T::Punct('>')) => Some(T::Arrow),
                ('=', T::Punct('>')) => Some(T::FatArrow),
                ('\'', T::Ident { .. }) => Some(T::Lifetime),
                _ => None,
            },
            _ => None,
        };
        match joined {
            Some(t) => {
                out.push(Tok {
                    t,
                    pos: tok.pos,
                    end: raw[k + 1].1,
                });
                k += 2;
            }
            None => {
                out.push(Tok {
                    end: *end,
                    ..tok.clone()
                });
                k += 1;
            }
        }
    }
    // Pair delimiters again (indices moved while joining).
    let mut open = Vec::new();
    for k in 0..out.len() {
        match out[k].t {
            T::Open(..) => open.push(k),
            T::Close(_) => {
                if let Some(o) = open.pop()
                    && let T::Open(d, _) = out[o].t
                {
                    out[o].t = T::Open(d, k);
                    out[k].t = T::Close(o);
                }
            }
            _ => {}
        }
    }
    out
}

/// True when `#` at `k` (with `!` and `[..]`) was written as a doc
/// comment: proc-macro2 gives all of those tokens the comment's span.
fn is_doc_comment(trees: &[TokenTree], k: usize) -> Option<usize> {
    let TokenTree::Punct(hash) = &trees[k] else {
        return None;
    };
    if hash.as_char() != '#' {
        return None;
    }
    let at = hash.span().start();
    let mut j = k + 1;
    if let Some(TokenTree::Punct(bang)) = trees.get(j)
        && bang.as_char() == '!'
        && bang.span().start() == at
    {
        j += 1;
    }
    match trees.get(j) {
        Some(TokenTree::Group(g))
            if g.delimiter() == Delimiter::Bracket && g.span_open().start() == at =>
        {
            Some(j + 1)
        }
        _ => None,
    }
}

fn flatten_into(ts: TokenStream, out: &mut Vec<(Tok, Pos)>) {
    let trees: Vec<TokenTree> = ts.into_iter().collect();
    let mut k = 0;
    while k < trees.len() {
        // Doc comments are comments: they hold no sites and separate nothing.
        if let Some(next) = is_doc_comment(&trees, k) {
            k = next;
            continue;
        }
        let tt = trees[k].clone();
        k += 1;
        let span = tt.span();
        let (p, end) = (start(span), pos(span.end()));
        match tt {
            TokenTree::Group(g) => {
                if g.delimiter() == Delimiter::None {
                    flatten_into(g.stream(), out);
                    continue;
                }
                let open = g.span_open();
                out.push((
                    Tok {
                        end: Pos::default(),
                        t: T::Open(g.delimiter(), 0),
                        pos: start(open),
                    },
                    pos(open.end()),
                ));
                flatten_into(g.stream(), out);
                let close = g.span_close();
                out.push((
                    Tok {
                        end: Pos::default(),
                        t: T::Close(0),
                        pos: start(close),
                    },
                    pos(close.end()),
                ));
            }
            TokenTree::Ident(i) => {
                let s = i.to_string();
                let (text, raw) = match s.strip_prefix("r#") {
                    Some(r) => (r.to_owned(), true),
                    None => (s, false),
                };
                out.push((
                    Tok {
                        end: Pos::default(),
                        t: T::Ident { text, raw },
                        pos: p,
                    },
                    end,
                ));
            }
            TokenTree::Punct(pu) => {
                out.push((
                    Tok {
                        end: Pos::default(),
                        t: T::Punct(pu.as_char()),
                        pos: p,
                    },
                    end,
                ));
            }
            TokenTree::Literal(l) => out.push((
                Tok {
                    end: Pos::default(),
                    t: T::Lit(l),
                    pos: p,
                },
                end,
            )),
        }
    }
}

/// Strict and reserved keywords of edition 2018+, which never start or
/// continue a path (`crate`, `self`, `super` and `Self` do).
fn is_keyword(w: &str, e2015: bool) -> bool {
    if matches!(w, "async" | "await" | "dyn" | "try") {
        return !e2015;
    }
    matches!(
        w,
        "as" | "break"
            | "const"
            | "continue"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
    )
}

struct TokenWalker<'a> {
    toks: &'a [Tok],
    out: &'a mut Walker,
    /// Opening braces of `struct`, `enum`, `trait`, `union`, `impl` and
    /// `extern` bodies: no names or modules are recorded inside.
    opaque: HashSet<usize>,
    /// Opening braces of inline modules (recorded), with their names.
    inline_mods: HashMap<usize, String>,
    /// Depth of opaque bodies entered.
    opaque_depth: u32,
}

impl TokenWalker<'_> {
    fn t(&self, i: usize) -> Option<&T> {
        self.toks.get(i).map(|t| &t.t)
    }

    fn ident(&self, i: usize) -> Option<(&str, bool)> {
        match self.t(i) {
            Some(T::Ident { text, raw }) => Some((text, *raw)),
            _ => None,
        }
    }

    fn is_word(&self, i: usize, w: &str) -> bool {
        self.ident(i) == Some((w, false))
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        matches!(self.t(i), Some(T::Punct(x)) if *x == c)
    }

    /// Usable as a path segment.
    fn is_segment(&self, i: usize) -> bool {
        match self.ident(i) {
            Some((_, true)) => true,
            Some((w, false)) => !is_keyword(w, self.out.e2015),
            None => false,
        }
    }

    /// A plain name (not a keyword nor `crate`/`self`/`super`/`Self`).
    fn is_name(&self, i: usize) -> bool {
        match self.ident(i) {
            Some((_, true)) => true,
            Some((w, false)) => {
                !is_keyword(w, self.out.e2015) && !matches!(w, "crate" | "self" | "super" | "Self")
            }
            None => false,
        }
    }

    fn close_of(&self, i: usize) -> Option<usize> {
        match self.t(i) {
            Some(T::Open(_, c)) => Some(*c),
            _ => None,
        }
    }

    /// Walks tokens `[a, b)`.
    fn walk(&mut self, a: usize, b: usize, mac: bool, rules: bool) {
        let mut i = a;
        while i < b {
            i = self.step(i, b, mac, rules);
        }
    }

    /// Handles the token at `i`; returns the next index.
    fn step(&mut self, i: usize, b: usize, mac: bool, rules: bool) -> usize {
        match self.t(i) {
            Some(T::Open(d, c)) => {
                let (d, c) = (*d, *c);
                // `pub(crate)`, `pub(in a::b)`: a visibility, no site.
                let vis = i >= 1 && self.is_word(i - 1, "pub") && self.is_restriction(i);
                if vis {
                    return c + 1;
                }
                if let Some(name) = self.inline_mods.remove(&i) {
                    let level = self.out.module_level;
                    if level {
                        self.out.module.push(name);
                    }
                    self.walk(i + 1, c, mac, rules);
                    if level {
                        self.out.module.pop();
                    }
                } else if self.opaque.contains(&i) {
                    let level = std::mem::replace(&mut self.out.module_level, false);
                    self.opaque_depth += 1;
                    self.walk(i + 1, c, mac, rules);
                    self.opaque_depth -= 1;
                    self.out.module_level = level;
                } else if d == Delimiter::Brace && !mac {
                    // A block: its names are not the module's.
                    let level = std::mem::replace(&mut self.out.module_level, false);
                    self.walk(i + 1, c, mac, rules);
                    self.out.module_level = level;
                } else {
                    self.walk(i + 1, c, mac, rules);
                }
                c + 1
            }
            Some(T::PathSep) => {
                let leading = match i.checked_sub(1).and_then(|p| self.t(p)) {
                    None => true,
                    Some(T::Ident { text, raw }) => !raw && is_keyword(text, self.out.e2015),
                    Some(T::Punct('.')) => !self.field_dot(i - 1),
                    // `a > ::b` (spaced: a comparison) or `impl<T> ::a::B`,
                    // not `Vec::<u8>::new` nor `<T as Tr>::X`, spaced or not.
                    Some(T::Punct('>')) => match self.matching_lt(i - 1) {
                        // `a >::b`, `a >> ::b`: a comparison or a shift.
                        None => true,
                        Some(lt) => {
                            (self.toks[i - 1].end != self.toks[i].pos
                                && !self.starts_qualified_self(lt))
                                || self.opens_impl_generics(lt)
                        }
                    },
                    Some(T::Punct('$' | '#')) => false,
                    Some(_) => true,
                };
                if leading {
                    self.path(i, mac);
                }
                i + 1
            }
            Some(T::Punct('$')) => {
                if self.is_word(i + 1, "crate") {
                    self.path(i, mac);
                }
                i + 1
            }
            Some(T::Ident { .. }) => self.at_ident(i, b, mac, rules),
            _ => i + 1,
        }
    }

    fn at_ident(&mut self, i: usize, b: usize, mac: bool, rules: bool) -> usize {
        let (w, raw) = self
            .ident(i)
            .map(|(w, r)| (w.to_owned(), r))
            .unwrap_or_default();
        if !raw {
            match w.as_str() {
                "use" if !self.is_punct(i + 1, '<') => return self.use_item(i, b, mac),
                "extern" if self.is_word(i + 1, "crate") => return self.extern_crate(i, mac),
                "mod" => return self.module(i, mac, rules),
                "macro_rules" if self.is_punct(i + 1, '!') && self.is_name(i + 2) => {
                    if let Some(c) = self.close_of(i + 3) {
                        let level = std::mem::replace(&mut self.out.module_level, false);
                        self.walk(i + 4, c, true, true);
                        self.out.module_level = level;
                        return c + 1;
                    }
                    return i + 3;
                }
                "struct" | "enum" | "trait" => {
                    self.item_name(i + 1);
                    self.mark_opaque(i + 1);
                }
                "union"
                    if self.is_name(i + 1)
                        && (matches!(self.t(i + 2), Some(T::Open(Delimiter::Brace, _)))
                            || self.is_punct(i + 2, '<')
                            || self.is_word(i + 2, "where")) =>
                {
                    self.item_name(i + 1);
                    self.mark_opaque(i + 1);
                    return i + 2;
                }
                "type" => self.item_name(i + 1),
                "impl" => {
                    let item = match i.checked_sub(1).and_then(|p| self.t(p)) {
                        None => true,
                        Some(T::Punct(';') | T::Open(Delimiter::Brace, _) | T::Close(_)) => {
                            !matches!(self.t(i - 1), Some(T::Close(o))
                                if matches!(self.t(*o), Some(T::Open(Delimiter::Parenthesis, _))))
                        }
                        Some(T::Ident { text, raw: false }) => {
                            matches!(text.as_str(), "unsafe" | "default")
                        }
                        _ => false,
                    };
                    if item {
                        self.mark_opaque(i + 1);
                    }
                }
                "extern" => {
                    // `extern "C" {`: the ABI is a string literal.
                    let mut k = i + 1;
                    if let Some(T::Lit(l)) = self.t(k)
                        && syn::parse2::<syn::LitStr>(TokenTree::Literal(l.clone()).into()).is_ok()
                    {
                        k += 1;
                    }
                    if matches!(self.t(k), Some(T::Open(Delimiter::Brace, _))) {
                        self.opaque.insert(k);
                    }
                }
                _ => {}
            }
            if is_keyword(&w, self.out.e2015) {
                return i + 1;
            }
        }
        self.path(i, mac);
        // `name!(..)`: a macro invocation, its tokens are macro tokens.
        if self.is_name(i)
            && self.is_punct(i + 1, '!')
            && let Some(c) = self.close_of(i + 2)
        {
            self.walk(i + 3, c, true, rules);
            return c + 1;
        }
        i + 1
    }

    /// `struct X`, `type X`...: binds `X` in the module.
    fn item_name(&mut self, i: usize) {
        if self.is_name(i)
            && let Some((n, _)) = self.ident(i)
        {
            let n = n.to_owned();
            self.out.bind(n, RefNameKind::Item);
        }
    }

    /// The body `{` of the item whose header continues at `k` (before any
    /// `;`) holds no module-level names.
    fn mark_opaque(&mut self, mut k: usize) {
        while let Some(t) = self.t(k) {
            match t {
                T::Punct(';') | T::Close(_) => return,
                T::Open(Delimiter::Brace, _) => {
                    self.opaque.insert(k);
                    return;
                }
                T::Open(_, c) => k = *c,
                _ => {}
            }
            k += 1;
        }
    }

    /// The end of an item starting at `k`: its `;` or the end of the group.
    fn item_end(&self, mut k: usize, b: usize) -> usize {
        while k < b {
            match self.t(k) {
                Some(T::Punct(';')) => return k,
                Some(T::Open(_, c)) => k = *c,
                _ => {}
            }
            k += 1;
        }
        b
    }

    fn use_item(&mut self, i: usize, b: usize, mac: bool) -> usize {
        let end = self.item_end(i + 1, b);
        self.use_tree(i + 1, end, &mut Vec::new(), false, mac, 0);
        if end < b { end + 1 } else { end }
    }

    fn use_tree(
        &mut self,
        a: usize,
        b: usize,
        segs: &mut Vec<String>,
        mut leading: bool,
        mac: bool,
        nesting: u32,
    ) {
        if nesting > 64 {
            return;
        }
        let base = segs.len();
        let mut j = a;
        if j < b && matches!(self.t(j), Some(T::PathSep)) {
            leading = true;
            j += 1;
        }
        let at = match self.toks.get(a) {
            Some(t) if a < b => t.pos,
            _ => return,
        };
        while j < b {
            match self.t(j) {
                Some(T::Ident { text, raw }) if *raw || text != "as" => {
                    segs.push(text.clone());
                    j += 1;
                }
                Some(T::Punct('$')) if self.is_word(j + 1, "crate") => {
                    segs.push("$crate".to_owned());
                    j += 2;
                }
                Some(T::Open(Delimiter::Brace, c)) => {
                    let c = (*c).min(b);
                    for (x, y) in self.split(j + 1, c) {
                        self.use_tree(x, y, segs, leading, mac, nesting + 1);
                    }
                    segs.truncate(base);
                    return;
                }
                Some(T::Punct('*')) => {
                    segs.push("*".to_owned());
                    self.out
                        .push(at, RefKind::Use(None), segs.clone(), leading, mac);
                    segs.truncate(base);
                    return;
                }
                _ => break,
            }
            if j < b && matches!(self.t(j), Some(T::PathSep)) {
                j += 1;
            } else {
                break;
            }
        }
        if segs.len() == base {
            return;
        }
        let alias = match self.ident(j + 1) {
            Some((a, _)) if self.is_word(j, "as") && j + 1 < b => Some(a.to_owned()),
            _ => None,
        };
        let mut path = segs.clone();
        segs.truncate(base);
        if path.len() > 1 && path.last().is_some_and(|s| s == "self") {
            path.pop();
        }
        if let Some(b) = use_binding(&path, alias.as_deref()) {
            self.out.bind(b, RefNameKind::Use);
        }
        self.out.push(at, RefKind::Use(alias), path, leading, mac);
    }

    /// `[a, b)` split at commas outside groups.
    fn split(&self, a: usize, b: usize) -> Vec<(usize, usize)> {
        let mut parts = Vec::new();
        let (mut s, mut k) = (a, a);
        while k < b {
            match self.t(k) {
                Some(T::Open(_, c)) => k = (*c).min(b),
                Some(T::Punct(',')) => {
                    parts.push((s, k));
                    s = k + 1;
                }
                _ => {}
            }
            k += 1;
        }
        if s < b {
            parts.push((s, b));
        }
        parts
    }

    fn extern_crate(&mut self, i: usize, mac: bool) -> usize {
        let n = i + 2;
        let Some((name, _)) = self.ident(n) else {
            return n;
        };
        let name = name.to_owned();
        let alias = match self.ident(n + 2) {
            Some((a, _)) if self.is_word(n + 1, "as") => Some(a.to_owned()),
            _ => None,
        };
        let next = if alias.is_some() { n + 3 } else { n + 1 };
        let at = self.toks[n].pos;
        match &alias {
            Some(a) if a != "_" => self.out.bind(a.clone(), RefNameKind::ExternCrate),
            Some(_) => {}
            None if name != "self" => self.out.bind(name.clone(), RefNameKind::ExternCrate),
            None => {}
        }
        self.out
            .push(at, RefKind::ExternCrate(alias), vec![name], false, mac);
        next
    }

    fn module(&mut self, i: usize, _mac: bool, rules: bool) -> usize {
        if !self.is_segment(i + 1) {
            return i + 1;
        }
        let inline = match self.t(i + 2) {
            Some(T::Open(Delimiter::Brace, _)) => true,
            Some(T::Punct(';')) => false,
            _ => return i + 1,
        };
        // Nothing is declared in a `macro_rules!` template or in the body
        // of an impl, trait or type.
        if !rules && self.opaque_depth == 0 {
            let (paths, fixed_path) = self.preceding_paths(i);
            let name = self
                .ident(i + 1)
                .map(|(n, _)| n.to_owned())
                .unwrap_or_default();
            self.out.mods.push(RefMod {
                pos: self.toks[i + 1].pos,
                name: name.clone(),
                inline,
                paths,
                fixed_path,
            });
            self.out.bind(name.clone(), RefNameKind::Module);
            if inline {
                self.inline_mods.insert(i + 2, name);
            }
        }
        i + 2
    }

    /// `#[path]` values of the attributes right before the item whose
    /// `mod` keyword is at `i` (past `pub`, `pub(..)` and `unsafe`), and
    /// whether one is outside `cfg_attr`.
    fn preceding_paths(&self, i: usize) -> (Vec<String>, bool) {
        let mut k = i;
        // Skip modifiers backwards.
        loop {
            if k >= 1 && (self.is_word(k - 1, "pub") || self.is_word(k - 1, "unsafe")) {
                k -= 1;
            } else if k >= 2 && matches!(self.t(k - 1), Some(T::Close(_))) {
                // `pub(crate)`: find the opener.
                let open = (0..k - 1).rev().find(|&o| self.close_of(o) == Some(k - 1));
                match open {
                    Some(o) if o >= 1 && self.is_word(o - 1, "pub") && self.is_restriction(o) => {
                        k = o - 1;
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        // Collect attributes backwards: `# [ .. ]` or `# ! [ .. ]` is inner, skipped.
        let mut attrs = Vec::new();
        while k >= 1 && matches!(self.t(k - 1), Some(T::Close(_))) {
            let close = k - 1;
            let Some(open) = (0..close).rev().find(|&o| self.close_of(o) == Some(close)) else {
                break;
            };
            if !matches!(self.t(open), Some(T::Open(Delimiter::Bracket, _)))
                || open == 0
                || !self.is_punct(open - 1, '#')
            {
                break;
            }
            attrs.push((open + 1, close));
            k = open - 1;
        }
        let mut paths = Vec::new();
        let mut fixed = false;
        for &(a, b) in attrs.iter().rev() {
            let before = paths.len();
            self.token_attr_paths(a, b, &mut paths, 0);
            fixed |= paths.len() > before && self.is_word(a, "path");
        }
        (paths, fixed)
    }

    fn token_attr_paths(&self, a: usize, b: usize, out: &mut Vec<String>, nesting: u32) {
        if b <= a || nesting > 64 {
            return;
        }
        if self.is_word(a, "path") && b == a + 3 && self.is_punct(a + 1, '=') {
            if let Some(T::Lit(l)) = self.t(a + 2)
                && let Ok(s) = syn::parse2::<syn::LitStr>(TokenTree::Literal(l.clone()).into())
            {
                out.push(s.value());
            }
        } else if self.is_word(a, "cfg_attr")
            && matches!(self.t(a + 1), Some(T::Open(Delimiter::Parenthesis, c)) if *c == b - 1)
        {
            for (x, y) in self.split(a + 2, b - 1).into_iter().skip(1) {
                self.token_attr_paths(x, y, out, nesting + 1);
            }
        }
    }

    /// True when the `<` at `lt` opens `impl<..>` or `for<..>`.
    fn opens_impl_generics(&self, lt: usize) -> bool {
        lt >= 1 && (self.is_word(lt - 1, "impl") || self.is_word(lt - 1, "for"))
    }

    /// The `<` that the `>` at `gt` closes, if any: the tokens between
    /// are balanced and cross no `;` nor unbalanced delimiter.
    fn matching_lt(&self, gt: usize) -> Option<usize> {
        let mut depth = 0u32;
        let mut k = gt;
        for _ in 0..512 {
            match self.t(k) {
                Some(T::Punct('>')) => depth += 1,
                Some(T::Punct('<')) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(k);
                    }
                }
                Some(T::Close(o)) => k = *o,
                Some(T::Punct(';') | T::Open(..)) | None => return None,
                _ => {}
            }
            k = k.checked_sub(1)?;
        }
        None
    }

    /// True when the `<` at `lt` stands where a type or an expression
    /// starts (a qualified path `<T as a::B>` or turbofish arguments
    /// `f::<T>`), not after an operand (`x < y && z > ::a`).
    fn starts_qualified_self(&self, lt: usize) -> bool {
        match lt.checked_sub(1).and_then(|p| self.t(p)) {
            None => true,
            Some(T::Ident { text, raw }) => !raw && is_keyword(text, self.out.e2015),
            Some(T::Lit(_) | T::Lifetime | T::Close(_) | T::Punct('?')) => false,
            Some(_) => true,
        }
    }

    /// True when the group opening at `i` is the restriction of a
    /// visibility: `(crate)`, `(self)`, `(super)`, `(in ..)`.
    fn is_restriction(&self, i: usize) -> bool {
        matches!(self.t(i), Some(T::Open(Delimiter::Parenthesis, _)))
            && ["crate", "self", "super", "in"]
                .iter()
                .any(|w| self.is_word(i + 1, w))
    }

    /// True when the `.` at `k` is a field or method access (`x.y`), not
    /// the end of a range `..` / `...` (`..Default::default()`).
    fn field_dot(&self, k: usize) -> bool {
        !(k >= 1 && self.is_punct(k - 1, '.'))
    }

    /// A path starting at `i` (identifier, `$crate` or leading `::`).
    fn path(&mut self, i: usize, mac: bool) {
        let starts_at_sep = matches!(self.t(i), Some(T::PathSep));
        if !starts_at_sep {
            match i.checked_sub(1).and_then(|p| self.t(p)) {
                Some(T::PathSep | T::Punct('$' | '#')) => return,
                Some(T::Punct('.')) if self.field_dot(i - 1) => return,
                _ => {}
            }
        }
        let mut j = i;
        if starts_at_sep {
            j += 1;
            if !self.is_segment(j) {
                return;
            }
        }
        let mut segs = Vec::new();
        if self.is_punct(j, '$') {
            segs.push("$crate".to_owned());
            j += 1;
        } else {
            segs.push(self.ident(j).map(|(w, _)| w.to_owned()).unwrap_or_default());
        }
        j += 1;
        while matches!(self.t(j), Some(T::PathSep)) {
            if self.is_segment(j + 1) {
                segs.push(
                    self.ident(j + 1)
                        .map(|(w, _)| w.to_owned())
                        .unwrap_or_default(),
                );
                j += 2;
            } else if self.is_punct(j + 1, '<') {
                match self.skip_generics(j + 1) {
                    Some(k) if matches!(self.t(k), Some(T::PathSep)) && self.is_segment(k + 1) => {
                        segs.push(
                            self.ident(k + 1)
                                .map(|(w, _)| w.to_owned())
                                .unwrap_or_default(),
                        );
                        j = k + 2;
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        if segs.len() >= 2 && segs[0] != "Self" {
            let at = self.toks[i].pos;
            self.out.push(at, RefKind::Path, segs, starts_at_sep, mac);
        }
    }

    /// From the `<` at `lt`, the index after its matching `>`.
    fn skip_generics(&self, lt: usize) -> Option<usize> {
        let mut depth = 0u32;
        let mut k = lt;
        while k < self.toks.len() && k - lt < 4096 {
            match self.t(k) {
                Some(T::Punct('<')) => depth += 1,
                Some(T::Punct('>')) => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(k + 1);
                    }
                }
                Some(T::Open(_, c)) => k = *c,
                Some(T::Punct(';') | T::Close(_) | T::FatArrow) => return None,
                _ => {}
            }
            k += 1;
        }
        None
    }
}

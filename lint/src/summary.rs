//! What the model keeps of a scanned file: the scan with every identifier
//! interned and every list flattened, about a fifth of the memory of a
//! [`FileScan`] and compared by integer during resolution.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex};

use crate::scan::{FileScan, Include, ModDecl, NameKind, Pos, ScanError, ScopeKind, SiteKind};

/// An interned identifier (see [`Symbols`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(pub u32);

impl Sym {
    /// `crate`
    pub const CRATE: Sym = Sym(0);
    /// `$crate`
    pub const DOLLAR_CRATE: Sym = Sym(1);
    /// `self`
    pub const SELF: Sym = Sym(2);
    /// `super`
    pub const SUPER: Sym = Sym(3);
    /// `*`, the last segment of a glob `use`.
    pub const STAR: Sym = Sym(4);
}

/// The identifiers [`Sym`] 0.. stand for.
const PRESET: [&str; 5] = ["crate", "$crate", "self", "super", "*"];

/// A hasher for small integer keys (FxHash's step): sip hashing costs more
/// than the lookups it guards.
#[derive(Default, Clone, Copy)]
pub struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// A map keyed by small integers.
pub type IntMap<K, V> = HashMap<K, V, BuildHasherDefault<IntHasher>>;

/// The interner: each distinct identifier once, for the whole check.
#[derive(Debug)]
pub struct Symbols {
    ids: HashMap<Arc<str>, Sym, BuildHasherDefault<StrHasher>>,
    names: Vec<Arc<str>>,
}

impl Default for Symbols {
    fn default() -> Self {
        let mut s = Symbols {
            ids: HashMap::default(),
            names: Vec::new(),
        };
        for p in PRESET {
            s.intern(p);
        }
        s
    }
}

impl Symbols {
    /// The symbol of `name`, interning it on first sight.
    ///
    /// ```
    /// use terrace_lint::summary::{Sym, Symbols};
    /// let mut s = Symbols::default();
    /// let a = s.intern("sqlx");
    /// assert_eq!(s.intern("sqlx"), a);
    /// assert_eq!(s.intern("super"), Sym::SUPER);
    /// assert_eq!(s.name(a), "sqlx");
    /// ```
    pub fn intern(&mut self, name: &str) -> Sym {
        if let Some(&s) = self.ids.get(name) {
            return s;
        }
        let s = Sym(self.names.len() as u32);
        let name: Arc<str> = Arc::from(name);
        self.names.push(name.clone());
        self.ids.insert(name, s);
        s
    }

    /// The symbol of `name` if it was interned.
    pub fn get(&self, name: &str) -> Option<Sym> {
        self.ids.get(name).copied()
    }

    /// The identifier `s` stands for.
    pub fn name(&self, s: Sym) -> &str {
        self.names.get(s.0 as usize).map_or("", |n| n)
    }
}

/// Where a scope is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeShape {
    /// The file.
    File,
    /// An inline `mod name { }`.
    Module(Sym),
    /// A block.
    Block,
}

/// A scope of a [`FileSummary`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumScope {
    /// What it is.
    pub shape: ScopeShape,
    /// The enclosing scope.
    pub parent: Option<u32>,
    /// Its names: a range of [`FileSummary::names`].
    pub names: std::ops::Range<u32>,
    /// Inside `#[cfg(test)]` code.
    pub dev: bool,
}

/// A name of a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SumName {
    /// The identifier.
    pub ident: Sym,
    /// What defines it.
    pub kind: NameKind,
}

/// How a site is written (aliases are already names of their scope).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteShape {
    /// A `use` leaf.
    Use,
    /// `extern crate`.
    ExternCrate,
    /// Any other path.
    Path,
}

/// An import site of a [`FileSummary`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SumSite {
    /// How it is written.
    pub shape: SiteShape,
    /// Written with a leading `::`.
    pub leading_colon: bool,
    /// Inside `#[cfg(test)]` code.
    pub dev: bool,
    /// The innermost scope.
    pub scope: u32,
    /// Its segments: `segs[start..start + len]` of the summary.
    pub start: u32,
    /// Number of segments.
    pub len: u32,
    /// Where.
    pub pos: Pos,
}

/// A scanned file as the model keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSummary {
    /// Scopes, as in [`FileScan::scopes`].
    pub scopes: Vec<SumScope>,
    /// The names of every scope, scope after scope.
    pub names: Vec<SumName>,
    /// Module declarations with their scope, in scope order.
    pub mods: Vec<(u32, ModDecl)>,
    /// Literal `include!`s with their scope, in scope order.
    pub includes: Vec<(u32, Include)>,
    /// Import sites, as in [`FileScan::sites`].
    pub sites: Vec<SumSite>,
    /// The segments of every site.
    pub segs: Vec<Sym>,
    /// Lexical errors.
    pub errors: Vec<ScanError>,
}

impl FileSummary {
    /// Summarises `scan`, interning its identifiers in `symbols`: locked
    /// once per file, for the file's distinct identifiers only.
    pub fn of(scan: FileScan, symbols: &Mutex<Symbols>) -> FileSummary {
        let mut out = FileSummary {
            scopes: Vec::with_capacity(scan.scopes.len()),
            sites: Vec::with_capacity(scan.sites.len()),
            ..FileSummary::default()
        };
        {
            // File-local numbers first, global symbols once all are known.
            let mut local = Local::default();
            for scope in &scan.scopes {
                let start = out.names.len() as u32;
                for n in &scope.names {
                    let ident = local.id(&n.ident);
                    out.names.push(SumName {
                        ident,
                        kind: n.kind,
                    });
                }
                out.scopes.push(SumScope {
                    shape: match &scope.kind {
                        ScopeKind::File => ScopeShape::File,
                        ScopeKind::Module { name } => ScopeShape::Module(local.id(name)),
                        ScopeKind::Block => ScopeShape::Block,
                    },
                    parent: scope.parent.map(|p| p as u32),
                    names: start..out.names.len() as u32,
                    dev: scope.dev,
                });
            }
            for site in &scan.sites {
                let start = out.segs.len() as u32;
                for seg in &site.segments {
                    let s = local.id(seg);
                    out.segs.push(s);
                }
                out.sites.push(SumSite {
                    shape: match site.kind {
                        SiteKind::Use { .. } => SiteShape::Use,
                        SiteKind::ExternCrate { .. } => SiteShape::ExternCrate,
                        SiteKind::Path => SiteShape::Path,
                    },
                    leading_colon: site.leading_colon,
                    dev: site.dev,
                    scope: site.scope as u32,
                    start,
                    len: out.segs.len() as u32 - start,
                    pos: site.pos,
                });
            }
            let global: Vec<Sym> = {
                let mut symbols = symbols.lock().unwrap_or_else(|e| e.into_inner());
                local.distinct.iter().map(|d| symbols.intern(d)).collect()
            };
            out.remap(&global);
        }
        out.errors = scan.errors;
        for (si, scope) in scan.scopes.into_iter().enumerate() {
            out.mods.extend(scope.mods.into_iter().map(|m| (si as u32, m)));
            out.includes
                .extend(scope.includes.into_iter().map(|i| (si as u32, i)));
        }
        out
    }

    /// Replaces every symbol `s` by `to[s]`.
    fn remap(&mut self, to: &[Sym]) {
        let map = |s: &mut Sym| *s = to.get(s.0 as usize).copied().unwrap_or(*s);
        self.names.iter_mut().for_each(|n| map(&mut n.ident));
        self.segs.iter_mut().for_each(map);
        for scope in &mut self.scopes {
            if let ScopeShape::Module(name) = &mut scope.shape {
                map(name);
            }
        }
    }

    /// The segments of `site`.
    pub fn segments(&self, site: &SumSite) -> &[Sym] {
        self.segs
            .get(site.start as usize..(site.start + site.len) as usize)
            .unwrap_or(&[])
    }

    /// The names of scope `scope`.
    pub fn names_of(&self, scope: &SumScope) -> &[SumName] {
        self.names
            .get(scope.names.start as usize..scope.names.end as usize)
            .unwrap_or(&[])
    }
}

/// File-local numbering of identifiers.
#[derive(Default)]
struct Local<'a> {
    ids: HashMap<&'a str, u32, BuildHasherDefault<StrHasher>>,
    distinct: Vec<&'a str>,
}

impl<'a> Local<'a> {
    fn id(&mut self, name: &'a str) -> Sym {
        let next = self.distinct.len() as u32;
        let id = *self.ids.entry(name).or_insert(next);
        if id == next {
            self.distinct.push(name);
        }
        Sym(id)
    }
}

/// FNV-1a for short identifiers.
#[derive(Clone, Copy)]
struct StrHasher(u64);

impl Default for StrHasher {
    fn default() -> Self {
        StrHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for StrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

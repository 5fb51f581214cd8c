//! What the model keeps of a scanned file: the scan with every identifier
//! interned and every list flattened, about a fifth of the memory of a
//! [`FileScan`] and compared by integer during resolution.

use std::cell::{Cell, RefCell};
use std::hash::Hasher;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::codec::{R, W};
use crate::scan::{
    FileScan, Include, ModDecl, NameKind, Pos, ScanError, ScopeId, ScopeKind, ScopeStart, Sink,
    SiteKind, SiteRef, SiteRefKind,
};

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

pub use crate::fingerprint::{IntHasher, IntMap};

/// The interner: each distinct identifier once, for the whole check.
///
/// Identifiers are stored one after another in one string, and found by an
/// open-addressing table of (hash, symbol) pairs: no allocation per
/// identifier, and a table that grows without reading a single identifier
/// again (the hashes are kept).
#[derive(Debug)]
pub struct Symbols {
    /// Each symbol's identifier, one after another.
    text: String,
    /// Where each symbol's identifier ends in `text` (it starts where the
    /// previous one ends).
    ends: Vec<usize>,
    /// The table: [`ident_hash`] and symbol + 1 of each slot (0: empty).
    /// Kept at most half full, its length a power of two.
    slots: Vec<(u32, u32)>,
    /// Tells interners apart, for the per-thread caches of [`SymCache`].
    serial: u64,
}

/// The serial number of the next [`Symbols`] (0 is no interner's).
static NEXT_SERIAL: AtomicU64 = AtomicU64::new(1);

impl Default for Symbols {
    fn default() -> Self {
        let mut s = Symbols {
            text: String::new(),
            ends: Vec::new(),
            slots: vec![(0, 0); 1 << 12],
            serial: NEXT_SERIAL.fetch_add(1, Ordering::Relaxed),
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
        let hash = ident_hash(name.as_bytes());
        let slot = match self.find(name, hash) {
            Ok(s) => return s,
            Err(slot) => slot,
        };
        let s = Sym(self.ends.len() as u32);
        self.text.push_str(name);
        self.ends.push(self.text.len());
        self.slots[slot] = (hash, s.0 + 1);
        if self.ends.len() * 2 > self.slots.len() {
            self.grow();
        }
        s
    }

    /// The symbol of `name` if it was interned.
    pub fn get(&self, name: &str) -> Option<Sym> {
        self.find(name, ident_hash(name.as_bytes())).ok()
    }

    /// The identifier `s` stands for.
    pub fn name(&self, s: Sym) -> &str {
        let k = s.0 as usize;
        let Some(&end) = self.ends.get(k) else {
            return "";
        };
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        self.text.get(start..end).unwrap_or("")
    }

    /// The symbol of `name`, or the empty slot where it would go.
    #[inline]
    fn find(&self, name: &str, hash: u32) -> Result<Sym, usize> {
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let (h, s) = self.slots[at];
            if s == 0 {
                return Err(at);
            }
            if h == hash && self.name(Sym(s - 1)) == name {
                return Ok(Sym(s - 1));
            }
            at = (at + 1) & mask;
        }
    }

    /// Doubles the table, placing each entry by its kept hash.
    fn grow(&mut self) {
        let doubled = vec![(0, 0); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        let mask = self.slots.len() - 1;
        for (h, s) in old {
            if s == 0 {
                continue;
            }
            let mut at = h as usize & mask;
            while self.slots[at].1 != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = (h, s);
        }
    }
}

/// A per-thread cache of the symbols of short identifiers, in front of
/// the shared interner: most identifiers of a file were seen in earlier
/// files, and finding them here needs neither the lock nor a walk of the
/// interner's large table (cache misses on every step). Direct-mapped by
/// [`ident_hash`]; an entry holds the identifier's bytes (see
/// [`short_words`]), so a hit is exact.
#[derive(Default)]
struct SymCache {
    /// The [`Symbols::serial`] the entries are valid for.
    serial: u64,
    entries: Vec<CacheEntry>,
    /// Identifiers of 17 to 32 bytes (generated bindings are full of them).
    long: Vec<LongEntry>,
}

/// A [`SymCache`] entry of an identifier of 17 to 32 bytes: its first and
/// last 16 bytes hold all of it.
#[derive(Debug, Clone, Copy)]
struct LongEntry {
    words: [u64; 4],
    /// The identifier's length (0: empty entry).
    len: u32,
    sym: Sym,
}

impl Default for LongEntry {
    fn default() -> Self {
        LongEntry {
            words: [0; 4],
            len: 0,
            sym: Sym(0),
        }
    }
}

/// [`LongEntry::words`] of `b` (17 to 32 bytes).
#[inline(always)]
fn long_words(b: &[u8]) -> [u64; 4] {
    let n = b.len();
    [
        le_u64(&b[..8]),
        le_u64(&b[8..16]),
        le_u64(&b[n - 16..n - 8]),
        le_u64(&b[n - 8..]),
    ]
}

#[derive(Debug, Clone, Copy)]
struct CacheEntry {
    words: (u64, u64),
    /// The identifier's length + 1 (0: empty entry).
    len: u32,
    sym: Sym,
}

impl Default for CacheEntry {
    fn default() -> Self {
        CacheEntry {
            words: (0, 0),
            len: 0,
            sym: Sym(0),
        }
    }
}

impl SymCache {
    const SLOTS: usize = 8192;
    /// Identifiers longer than this are in [`SymCache::long`].
    const MAX_LEN: usize = 16;
    const LONG_SLOTS: usize = 4096;
    /// Identifiers longer than this are not cached.
    const LONG_MAX_LEN: usize = 32;

    /// The global symbols of `distinct`, interned in `symbols`.
    fn intern(&mut self, distinct: &[&str], symbols: &Mutex<Symbols>) -> Vec<Sym> {
        if self.entries.is_empty() {
            self.entries = vec![CacheEntry::default(); Self::SLOTS];
            self.long = vec![LongEntry::default(); Self::LONG_SLOTS];
        }
        // Hits first, without the lock (checked against the serial below).
        let mut found: Vec<Option<Sym>> = distinct.iter().map(|d| self.get(d)).collect();
        let mut symbols = symbols.lock().unwrap_or_else(|e| e.into_inner());
        if symbols.serial != self.serial {
            self.entries.fill(CacheEntry::default());
            self.long.fill(LongEntry::default());
            self.serial = symbols.serial;
            found.fill(None);
        }
        distinct
            .iter()
            .zip(found)
            .map(|(d, f)| {
                f.unwrap_or_else(|| {
                    let s = symbols.intern(d);
                    self.put(d, s);
                    s
                })
            })
            .collect()
    }

    #[inline]
    fn slot(b: &[u8]) -> usize {
        ident_hash(b) as usize & (Self::SLOTS - 1)
    }

    #[inline]
    fn long_slot(b: &[u8]) -> usize {
        ident_hash(b) as usize & (Self::LONG_SLOTS - 1)
    }

    #[inline]
    fn get(&self, name: &str) -> Option<Sym> {
        let b = name.as_bytes();
        if b.len() > Self::MAX_LEN {
            if b.len() > Self::LONG_MAX_LEN {
                return None;
            }
            let e = self.long[Self::long_slot(b)];
            return (e.len as usize == b.len() && e.words == long_words(b)).then_some(e.sym);
        }
        let e = self.entries[Self::slot(b)];
        (e.len as usize == b.len() + 1 && e.words == short_words(b)).then_some(e.sym)
    }

    fn put(&mut self, name: &str, sym: Sym) {
        let b = name.as_bytes();
        if b.len() <= Self::MAX_LEN {
            self.entries[Self::slot(b)] = CacheEntry {
                words: short_words(b),
                len: b.len() as u32 + 1,
                sym,
            };
        } else if b.len() <= Self::LONG_MAX_LEN {
            self.long[Self::long_slot(b)] = LongEntry {
                words: long_words(b),
                len: b.len() as u32,
                sym,
            };
        }
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
    /// Scans `text` and summarises it: the same summary as
    /// [`FileSummary::of`] the file's [`FileScan`], built straight from
    /// the scan without an owned string per identifier. With `encode`,
    /// also returns the summary's bytes for the cache.
    pub fn summarize(
        text: &str,
        edition2015: bool,
        symbols: &Mutex<Symbols>,
        encode: bool,
    ) -> (FileSummary, Option<Vec<u8>>) {
        let builder = Builder::for_text(text.len());
        let (builder, errors) = crate::scan::scan_into(text, edition2015, builder);
        builder.finish(errors, symbols, encode)
    }

    /// Summarises `scan`, interning its identifiers in `symbols`: locked
    /// once per file, for the file's distinct identifiers only. With
    /// `encode`, also returns the summary's bytes for the cache.
    pub fn of(
        scan: &FileScan,
        symbols: &Mutex<Symbols>,
        encode: bool,
    ) -> (FileSummary, Option<Vec<u8>>) {
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
            out.errors.clone_from(&scan.errors);
            for (si, scope) in scan.scopes.iter().enumerate() {
                out.mods
                    .extend(scope.mods.iter().map(|m| (si as u32, m.clone())));
                out.includes
                    .extend(scope.includes.iter().map(|i| (si as u32, i.clone())));
            }
            let bytes = encode.then(|| {
                out.encode_with(|s| local.distinct[s.0 as usize], Some(local.distinct.len()))
            });
            out.intern(&local.distinct, symbols);
            (out, bytes)
        }
    }

    /// Turns file-local symbols (indices into `distinct`) into global ones.
    fn intern(&mut self, distinct: &[&str], symbols: &Mutex<Symbols>) {
        thread_local! {
            static CACHE: RefCell<SymCache> = RefCell::default();
        }
        let global = CACHE.with(|c| match c.try_borrow_mut() {
            Ok(mut cache) => cache.intern(distinct, symbols),
            Err(_) => {
                let mut symbols = symbols.lock().unwrap_or_else(|e| e.into_inner());
                distinct.iter().map(|d| symbols.intern(d)).collect()
            }
        });
        self.remap(&global);
    }

    /// The summary's bytes for the cache: symbols renumbered per file with
    /// their identifiers alongside, so the bytes do not depend on the run.
    pub fn encode(&self, symbols: &Symbols) -> Vec<u8> {
        self.encode_with(|s| symbols.name(s), None)
    }

    /// [`FileSummary::encode`] with `name` for the identifier of a symbol.
    /// `dense` is `Some(n)` when every symbol is below `n` (file-local
    /// numbers): then they are renumbered with a table, not a map.
    fn encode_with<'a>(&self, name: impl Fn(Sym) -> &'a str, dense: Option<usize>) -> Vec<u8> {
        const UNSEEN: u32 = u32::MAX;
        let mut table: Vec<u32> = vec![UNSEEN; dense.unwrap_or(0)];
        let mut local: IntMap<Sym, u32> = IntMap::default();
        let mut distinct: Vec<Sym> = Vec::with_capacity(table.len());
        let mut id = |s: Sym| -> u64 {
            let next = distinct.len() as u32;
            let id = match table.get_mut(s.0 as usize) {
                Some(slot) => {
                    if *slot == UNSEEN {
                        *slot = next;
                    }
                    *slot
                }
                None => *local.entry(s).or_insert(next),
            };
            if id == next {
                distinct.push(s);
            }
            u64::from(id)
        };
        let mut w = W::default();
        w.0.reserve(
            16 + self.scopes.len() * 6
                + self.names.len() * 4
                + self.sites.len() * 8
                + self.segs.len() * 2,
        );
        w.var(self.scopes.len() as u64);
        for scope in &self.scopes {
            match scope.shape {
                ScopeShape::File => w.u8(0),
                ScopeShape::Module(name) => {
                    w.u8(1);
                    w.var(id(name));
                }
                ScopeShape::Block => w.u8(2),
            }
            w.var(scope.parent.map_or(0, |p| u64::from(p) + 1));
            w.var(u64::from(scope.names.start));
            w.var(u64::from(scope.names.end));
            w.bool(scope.dev);
        }
        w.var(self.names.len() as u64);
        for n in &self.names {
            w.var(id(n.ident));
            let (tag, v) = match n.kind {
                NameKind::Module(v) => (0, v),
                NameKind::Item => (1, 0),
                NameKind::Use(v) => (2, v),
                NameKind::ExternCrate(v) => (3, v),
            };
            w.u8(tag);
            w.var(v as u64);
        }
        w.var(self.mods.len() as u64);
        for (scope, m) in &self.mods {
            w.var(u64::from(*scope));
            w.str(&m.name);
            w.var(m.paths.len() as u64);
            for p in &m.paths {
                w.str(p);
            }
            w.var(m.inline.map_or(0, |i| i as u64 + 1));
            w.pos(m.pos);
            w.bool(m.dev);
            w.bool(m.fixed_path);
        }
        w.var(self.includes.len() as u64);
        for (scope, i) in &self.includes {
            w.var(u64::from(*scope));
            w.str(&i.path);
            w.pos(i.pos);
        }
        w.var(self.sites.len() as u64);
        let mut line = 0;
        for site in &self.sites {
            w.u8(match site.shape {
                SiteShape::Use => 0,
                SiteShape::ExternCrate => 1,
                SiteShape::Path => 2,
            } | u8::from(site.leading_colon) << 2
                | u8::from(site.dev) << 3);
            w.var(u64::from(site.scope));
            w.var(u64::from(site.len));
            for &seg in self.segments(site) {
                w.var(id(seg));
            }
            // Lines mostly grow: store the difference.
            w.var(u64::from(site.pos.line.wrapping_sub(line)));
            line = site.pos.line;
            w.var(u64::from(site.pos.column));
        }
        w.var(self.errors.len() as u64);
        for e in &self.errors {
            w.pos(e.pos);
            w.str(&e.message);
        }
        let mut out = W::default();
        out.0.reserve(w.0.len() + distinct.len() * 10);
        out.var(distinct.len() as u64);
        for s in distinct {
            out.str(name(s));
        }
        out.0.extend_from_slice(&w.0);
        out.0
    }

    /// Decodes [`FileSummary::encode`]'s bytes, interning the identifiers;
    /// `None` for bytes that are not a valid summary.
    pub fn decode(bytes: &[u8], symbols: &Mutex<Symbols>) -> Option<FileSummary> {
        let mut r = R::new(bytes);
        let n = r.len()?;
        let mut distinct = Vec::with_capacity(n);
        for _ in 0..n {
            distinct.push(r.str()?);
        }
        let sym = |v: u64| -> Option<Sym> { (v < n as u64).then_some(Sym(v as u32)) };
        let mut out = FileSummary::default();
        for _ in 0..r.len()? {
            let shape = match r.u8()? {
                0 => ScopeShape::File,
                1 => ScopeShape::Module(sym(r.var()?)?),
                2 => ScopeShape::Block,
                _ => return None,
            };
            let parent = match r.var()? {
                0 => None,
                p => Some(u32::try_from(p - 1).ok()?),
            };
            let start = u32::try_from(r.var()?).ok()?;
            let end = u32::try_from(r.var()?).ok()?;
            out.scopes.push(SumScope {
                shape,
                parent,
                names: start..end,
                dev: r.bool()?,
            });
        }
        for _ in 0..r.len()? {
            let ident = sym(r.var()?)?;
            let tag = r.u8()?;
            let v = usize::try_from(r.var()?).ok()?;
            let kind = match tag {
                0 => NameKind::Module(v),
                1 => NameKind::Item,
                2 => NameKind::Use(v),
                3 => NameKind::ExternCrate(v),
                _ => return None,
            };
            out.names.push(SumName { ident, kind });
        }
        for _ in 0..r.len()? {
            let scope = u32::try_from(r.var()?).ok()?;
            let name = r.str()?.to_owned();
            let mut paths = Vec::new();
            for _ in 0..r.len()? {
                paths.push(r.str()?.to_owned());
            }
            let inline = match r.var()? {
                0 => None,
                i => Some(usize::try_from(i - 1).ok()?),
            };
            out.mods.push((
                scope,
                ModDecl {
                    name,
                    paths,
                    inline,
                    pos: r.pos()?,
                    dev: r.bool()?,
                    fixed_path: r.bool()?,
                },
            ));
        }
        for _ in 0..r.len()? {
            let scope = u32::try_from(r.var()?).ok()?;
            out.includes.push((
                scope,
                Include {
                    path: r.str()?.to_owned(),
                    pos: r.pos()?,
                },
            ));
        }
        let sites = r.len()?;
        out.sites.reserve(sites);
        let mut line: u32 = 0;
        for _ in 0..sites {
            let flags = r.u8()?;
            let shape = match flags & 3 {
                0 => SiteShape::Use,
                1 => SiteShape::ExternCrate,
                2 => SiteShape::Path,
                _ => return None,
            };
            let scope = u32::try_from(r.var()?).ok()?;
            let len = r.len()?;
            let start = out.segs.len() as u32;
            for _ in 0..len {
                out.segs.push(sym(r.var()?)?);
            }
            line = line.wrapping_add(u32::try_from(r.var()?).ok()?);
            let column = u32::try_from(r.var()?).ok()?;
            out.sites.push(SumSite {
                shape,
                leading_colon: flags & 4 != 0,
                dev: flags & 8 != 0,
                scope,
                start,
                len: len as u32,
                pos: Pos { line, column },
            });
        }
        for _ in 0..r.len()? {
            out.errors.push(ScanError {
                pos: r.pos()?,
                message: r.str()?.to_owned(),
            });
        }
        if !r.done() || !out.valid() {
            return None;
        }
        out.intern(&distinct, symbols);
        Some(out)
    }

    /// Indices point inside the summary (the model indexes with them).
    fn valid(&self) -> bool {
        let (scopes, sites, names) = (self.scopes.len(), self.sites.len(), self.names.len());
        self.scopes.iter().all(|s| {
            s.parent.is_none_or(|p| (p as usize) < scopes)
                && s.names.start <= s.names.end
                && (s.names.end as usize) <= names
        }) && self.names.iter().all(|n| match n.kind {
            NameKind::Use(i) | NameKind::ExternCrate(i) => i < sites,
            NameKind::Module(i) => i < self.mods.len(),
            NameKind::Item => true,
        }) && self.sites.iter().all(|s| (s.scope as usize) < scopes)
            && self
                .mods
                .iter()
                .all(|(s, m)| (*s as usize) < scopes && m.inline.is_none_or(|i| i < scopes))
            && self.includes.iter().all(|(s, _)| (*s as usize) < scopes)
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

/// The tables of a [`Builder`], kept by each thread between files so that
/// building a summary does not allocate (and grow) them anew every time:
/// the summary gets exact-size copies.
struct Tables {
    slots: Vec<u64>,
    keys: Vec<Key>,
    scopes: Vec<SumScope>,
    names: Vec<(u32, SumName)>,
    counts: Vec<u32>,
    sites: Vec<SumSite>,
    segs: Vec<Sym>,
}

impl Tables {
    const fn new() -> Self {
        Tables {
            slots: Vec::new(),
            keys: Vec::new(),
            scopes: Vec::new(),
            names: Vec::new(),
            counts: Vec::new(),
            sites: Vec::new(),
            segs: Vec::new(),
        }
    }

    /// Tables of files far larger than usual are not kept.
    fn worth_keeping(&self) -> bool {
        const MAX: usize = 1 << 16;
        self.slots.capacity() <= MAX
            && self.keys.capacity() <= MAX
            && self.scopes.capacity() <= MAX
            && self.names.capacity() <= MAX
            && self.counts.capacity() <= MAX
            && self.sites.capacity() <= MAX
            && self.segs.capacity() <= MAX
    }
}

thread_local! {
    static TABLES: Cell<Tables> = const { Cell::new(Tables::new()) };
}

/// Builds a [`FileSummary`] while the file is scanned: symbols numbered per
/// file, names, declarations and includes put in scope order at the end.
struct Builder<'a> {
    local: Local<'a>,
    scopes: Vec<SumScope>,
    /// Names with their scope, in order of discovery.
    names: Vec<(u32, SumName)>,
    /// Module declarations made so far in each scope.
    mod_counts: Vec<u32>,
    mods: Vec<(u32, ModDecl)>,
    includes: Vec<(u32, Include)>,
    sites: Vec<SumSite>,
    segs: Vec<Sym>,
}

impl<'a> Sink<'a> for Builder<'a> {
    fn scope(&mut self, kind: ScopeStart<'a>, parent: Option<ScopeId>, dev: bool) -> ScopeId {
        let shape = match kind {
            ScopeStart::File => ScopeShape::File,
            ScopeStart::Module(name) => ScopeShape::Module(self.local.id(name)),
            ScopeStart::Block => ScopeShape::Block,
        };
        self.scopes.push(SumScope {
            shape,
            parent: parent.map(|p| p as u32),
            names: 0..0,
            dev,
        });
        self.mod_counts.push(0);
        self.scopes.len() - 1
    }

    fn set_scope_dev(&mut self, scope: ScopeId) {
        self.scopes[scope].dev = true;
    }

    fn name(&mut self, scope: ScopeId, ident: &'a str, kind: NameKind) {
        let ident = self.local.id(ident);
        self.names.push((scope as u32, SumName { ident, kind }));
    }

    fn mods_len(&self, scope: ScopeId) -> usize {
        self.mod_counts[scope] as usize
    }

    fn module(&mut self, scope: ScopeId, decl: ModDecl) {
        self.mod_counts[scope] += 1;
        self.mods.push((scope as u32, decl));
    }

    fn set_mod_dev(&mut self, scope: ScopeId, idx: usize) {
        if let Some((_, m)) = self
            .mods
            .iter_mut()
            .filter(|(s, _)| *s as usize == scope)
            .nth(idx)
        {
            m.dev = true;
        }
    }

    fn include(&mut self, scope: ScopeId, include: Include) {
        self.includes.push((scope as u32, include));
    }

    fn sites_len(&self) -> usize {
        self.sites.len()
    }

    fn site(&mut self, site: SiteRef<'_, 'a>) {
        let start = self.segs.len() as u32;
        for &seg in site.segments {
            let s = self.local.id(seg);
            self.segs.push(s);
        }
        self.sites.push(SumSite {
            shape: match site.kind {
                SiteRefKind::Use(_) => SiteShape::Use,
                SiteRefKind::ExternCrate(_) => SiteShape::ExternCrate,
                SiteRefKind::Path => SiteShape::Path,
            },
            leading_colon: site.leading_colon,
            dev: site.dev,
            scope: site.scope as u32,
            start,
            len: site.segments.len() as u32,
            pos: site.pos,
        });
    }
}

impl Builder<'_> {
    /// A builder for a file of `len` bytes, with this thread's tables.
    fn for_text(len: usize) -> Self {
        fn clear<T>(mut v: Vec<T>) -> Vec<T> {
            v.clear();
            v
        }
        let t = TABLES.replace(Tables::new());
        Builder {
            local: Local::reusing(t.slots, t.keys, len / 1024 + 16),
            scopes: clear(t.scopes),
            names: clear(t.names),
            mod_counts: clear(t.counts),
            mods: Vec::new(),
            includes: Vec::new(),
            sites: clear(t.sites),
            segs: clear(t.segs),
        }
    }

    fn finish(
        mut self,
        errors: Vec<ScanError>,
        symbols: &Mutex<Symbols>,
        encode: bool,
    ) -> (FileSummary, Option<Vec<u8>>) {
        // Stable sorts: the order within a scope is the order found.
        self.mods.sort_by_key(|m| m.0);
        self.includes.sort_by_key(|i| i.0);
        // Names grouped by scope, in order found within each: `starts[k]`
        // is where scope `k`'s names begin.
        let mut starts = std::mem::take(&mut self.mod_counts);
        starts.clear();
        starts.resize(self.scopes.len() + 1, 0);
        for &(s, _) in &self.names {
            starts[s as usize + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        for (k, scope) in self.scopes.iter_mut().enumerate() {
            scope.names = starts[k]..starts[k + 1];
        }
        let mut names = vec![
            SumName {
                ident: Sym(0),
                kind: NameKind::Item,
            };
            self.names.len()
        ];
        for &(s, name) in &self.names {
            let at = &mut starts[s as usize];
            names[*at as usize] = name;
            *at += 1;
        }
        // The model keeps every file's summary: exact-size copies.
        let mut out = FileSummary {
            scopes: self.scopes.to_vec(),
            names,
            mods: self.mods,
            includes: self.includes,
            sites: self.sites.to_vec(),
            segs: self.segs.to_vec(),
            errors,
        };
        let distinct = &self.local.distinct;
        let bytes =
            encode.then(|| out.encode_with(|s| distinct[s.0 as usize], Some(distinct.len())));
        out.intern(&self.local.distinct, symbols);
        let tables = Tables {
            slots: self.local.slots,
            keys: self.local.keys,
            scopes: self.scopes,
            names: self.names,
            counts: starts,
            sites: self.sites,
            segs: self.segs,
        };
        if tables.worth_keeping() {
            TABLES.set(tables);
        }
        (out, bytes)
    }
}

/// File-local numbering of identifiers: an open-addressing table of
/// `(hash << 32) | (id + 1)` slots (0 is empty), probed linearly. Cheaper
/// than a general map for the few dozen short identifiers of a file, each
/// looked up many times.
struct Local<'a> {
    slots: Vec<u64>,
    distinct: Vec<&'a str>,
    /// For each of `distinct`: its [`short_words`] (zero past 16 bytes)
    /// and length, compared without reading the identifier again.
    keys: Vec<Key>,
}

/// See [`Local::keys`].
type Key = ((u64, u64), usize);

impl Default for Local<'_> {
    fn default() -> Self {
        Local::with_capacity(16)
    }
}

impl<'a> Local<'a> {
    /// A table for about `n` distinct identifiers before it grows.
    fn with_capacity(n: usize) -> Self {
        Local::reusing(Vec::new(), Vec::new(), n)
    }

    /// [`Local::with_capacity`] in the buffers of an earlier table.
    fn reusing(mut slots: Vec<u64>, mut keys: Vec<Key>, n: usize) -> Self {
        slots.clear();
        slots.resize((n * 2).next_power_of_two().max(16), 0);
        keys.clear();
        Local {
            slots,
            distinct: Vec::with_capacity(n),
            keys,
        }
    }

    #[inline(always)]
    fn id(&mut self, name: &'a str) -> Sym {
        let b = name.as_bytes();
        let short = b.len() <= 16;
        let key = (if short { short_words(b) } else { (0, 0) }, b.len());
        let tag = if short {
            words_hash(key.0, b.len())
        } else {
            ident_hash(b)
        };
        let mask = self.slots.len() - 1;
        let mut at = tag as usize & mask;
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                break;
            }
            if (slot >> 32) as u32 == tag {
                let id = (slot as u32 - 1) as usize;
                if self.keys[id] == key && (short || self.distinct[id] == name) {
                    return Sym(id as u32);
                }
            }
            at = (at + 1) & mask;
        }
        self.insert(name, key, tag, at)
    }

    /// Adds `name` as a new identifier in the free slot `at`.
    fn insert(&mut self, name: &'a str, key: Key, tag: u32, at: usize) -> Sym {
        let id = self.distinct.len() as u32;
        self.distinct.push(name);
        self.keys.push(key);
        self.slots[at] = u64::from(tag) << 32 | u64::from(id + 1);
        if self.distinct.len() * 2 > self.slots.len() {
            self.grow();
        }
        Sym(id)
    }

    /// Doubles the table (the hashes are in the slots).
    fn grow(&mut self) {
        let doubled = vec![0; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|&s| s != 0) {
            let mut at = (slot >> 32) as usize & mask;
            while self.slots[at] != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = slot;
        }
    }
}

/// Two words that together hold every byte of `b` when it is at most 16
/// bytes long (the loads overlap): with the length, they identify it.
#[inline(always)]
fn short_words(b: &[u8]) -> (u64, u64) {
    let n = b.len();
    match n {
        0 => (0, 0),
        1..=3 => (
            u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16,
            0,
        ),
        4..=7 => (u64::from(le_u32(&b[..4])), u64::from(le_u32(&b[n - 4..]))),
        _ => (le_u64(&b[..8]), le_u64(&b[n - 8..])),
    }
}

#[inline(always)]
fn le_u32(b: &[u8]) -> u32 {
    u32::from_le_bytes(b[..4].try_into().unwrap_or_default())
}

#[inline(always)]
fn le_u64(b: &[u8]) -> u64 {
    u64::from_le_bytes(b[..8].try_into().unwrap_or_default())
}

/// A 32-bit hash of an identifier (FxHash's step over its words).
#[inline]
fn ident_hash(bytes: &[u8]) -> u32 {
    if bytes.len() > 16 {
        let mut h = StrHasher(bytes.len() as u64);
        h.write(bytes);
        (h.finish() >> 32) as u32
    } else {
        words_hash(short_words(bytes), bytes.len())
    }
}

/// [`ident_hash`] of an identifier of at most 16 bytes, from its
/// [`short_words`].
#[inline(always)]
fn words_hash(words: (u64, u64), len: usize) -> u32 {
    let mut h = StrHasher(len as u64);
    h.add(words.0);
    h.add(words.1);
    (h.finish() >> 32) as u32
}

/// A hash for short identifiers, eight bytes at a time (FxHash's step).
#[derive(Clone, Copy, Default)]
struct StrHasher(u64);

impl StrHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for StrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last) ^ (rest.len() as u64) << 59);
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;

    use super::{FileSummary, Symbols};
    use crate::scan::scan;

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }

    /// The summary built during the scan equals the one converted from the
    /// file's `FileScan`, symbols and cache bytes included.
    fn assert_same(text: &str, what: &str) {
        for e2015 in [false, true] {
            let symbols = Mutex::new(Symbols::default());
            let (via_scan, via_bytes) = FileSummary::of(&scan(text, e2015), &symbols, true);
            // Every identifier is interned by now: equal summaries have
            // equal symbols.
            let (direct, direct_bytes) = FileSummary::summarize(text, e2015, &symbols, true);
            assert_eq!(direct, via_scan, "{what} (edition 2015: {e2015})");
            assert_eq!(direct_bytes, via_bytes, "{what} (edition 2015: {e2015})");
            let symbols = symbols.lock().unwrap();
            assert_eq!(direct.encode(&symbols), via_scan.encode(&symbols), "{what}");
            // File-local and global numbering encode alike.
            assert_eq!(direct_bytes, Some(direct.encode(&symbols)), "{what}");
        }
    }

    #[test]
    fn the_interner_keeps_every_symbol_across_growth() {
        let mut s = Symbols::default();
        let names: Vec<String> = (0..20_000u32)
            .map(|k| match k % 3 {
                0 => format!("a{k}"),
                1 => format!("a_long_generated_identifier_number_{k}"),
                _ => {
                    format!("{}", char::from_u32(0x3b1 + k % 20).unwrap_or('x'))
                        .repeat(k as usize % 7 + 1)
                        + &k.to_string()
                }
            })
            .collect();
        let syms: Vec<_> = names.iter().map(|n| s.intern(n)).collect();
        for (n, &sym) in names.iter().zip(&syms) {
            assert_eq!(s.name(sym), n);
            assert_eq!(s.get(n), Some(sym));
            assert_eq!(s.intern(n), sym);
        }
        // Distinct names, distinct symbols; the presets come first.
        let mut sorted: Vec<u32> = syms.iter().map(|s| s.0).collect();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
        assert_eq!(sorted[0], 5);
        assert_eq!(s.get("never interned"), None);
        let empty = s.intern("");
        assert_eq!(s.intern(""), empty);
        assert_eq!(s.name(empty), "");
        assert_eq!(s.name(super::Sym(u32::MAX)), "");
    }

    #[test]
    fn short_words_tell_identifiers_of_one_length_apart() {
        // Every length up to 16, differing at every position, non-ASCII
        // included.
        let base: Vec<u8> = "abcdefghé_jklmnopq".bytes().collect();
        for n in 0..=16 {
            let a = &base[..n];
            let copy = a.to_vec();
            assert_eq!(super::short_words(a), super::short_words(&copy));
            assert_eq!(super::ident_hash(a), super::ident_hash(&copy));
            for k in 0..n {
                let mut b = a.to_vec();
                b[k] ^= 0x20;
                assert_ne!(super::short_words(a), super::short_words(&b), "{n} {k}");
            }
        }
    }

    #[test]
    fn long_words_tell_identifiers_of_one_length_apart() {
        // Every length from 17 to 32, differing at every position.
        let base: Vec<u8> = "IMAGE_FILE_MACHINE_é_AMD64_ARM64_x".bytes().collect();
        for n in 17..=32 {
            let a = &base[..n];
            let copy = a.to_vec();
            assert_eq!(super::long_words(a), super::long_words(&copy));
            for k in 0..n {
                let mut b = a.to_vec();
                b[k] ^= 0x20;
                assert_ne!(super::long_words(a), super::long_words(&b), "{n} {k}");
            }
        }
    }

    #[test]
    fn local_numbers_identifiers_in_order_of_first_sight() {
        let words: Vec<String> = (0..500)
            .map(|i| format!("w{}", (i * 7919) % 211))
            .chain(["", "é", "crate", "a_rather_long_identifier_name"].map(String::from))
            .collect();
        let mut local = super::Local::default();
        let mut naive: Vec<&str> = Vec::new();
        for w in &words {
            let expected = naive.iter().position(|n| n == w).unwrap_or_else(|| {
                naive.push(w);
                naive.len() - 1
            });
            assert_eq!(local.id(w).0 as usize, expected, "{w}");
        }
        assert_eq!(local.distinct, naive);
    }

    #[test]
    fn cached_symbols_belong_to_their_interner() {
        // Two interners numbering the same identifiers differently, used
        // in turn on one thread: the cache must not mix them up.
        let text = "use alpha::beta; fn f() { gamma::delta(); a_very_long_identifier_name::x(); }";
        let first = Mutex::new(Symbols::default());
        let second = Mutex::new(Symbols::default());
        second.lock().unwrap().intern("delta");
        for _ in 0..3 {
            for symbols in [&first, &second] {
                let (summary, _) = FileSummary::summarize(text, false, symbols, false);
                let (expected, _) = FileSummary::of(&scan(text, false), symbols, false);
                assert_eq!(summary, expected);
                let symbols = symbols.lock().unwrap();
                let names: Vec<&str> = summary.segs.iter().map(|&s| symbols.name(s)).collect();
                assert_eq!(
                    names,
                    [
                        "alpha",
                        "beta",
                        "gamma",
                        "delta",
                        "a_very_long_identifier_name",
                        "x"
                    ]
                );
            }
        }
    }

    #[test]
    fn direct_summary_equals_the_converted_scan_on_snippets() {
        let snippets = [
            "",
            "use a::{b, c::{self, d as e}, f::*};\nextern crate g as _; extern crate self as h;",
            "mod a { #![cfg(test)] use x::y; mod b; }\n#[cfg(test)] mod c { fn f() { z::w(); } }",
            "#[path = \"p.rs\"] mod d;\n#[cfg_attr(unix, path = \"u.rs\")] mod e;\ninclude!(\"i.rs\");",
            "fn f() { struct S; mod m { use q::r; } { type T = u::V; } }\nmacro_rules! m { () => { a::b } }",
            "fn f() { let x = \"unterminated; }\n} (]",
            "struct r#type; enum E { A } trait T { fn f() { k::l(); } } impl X { const C: a::B = 1; }",
            "mod a { mod b { #![cfg(test)] } mod c {} }\nmod d { #![cfg(test)] }",
        ];
        for s in snippets {
            assert_same(s, s);
        }
    }

    #[test]
    fn direct_summary_equals_the_converted_scan_on_fixtures_and_the_corpus_sample() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        rust_files(&root.join("tests/data/corpus-sample"), &mut files);
        assert!(files.len() >= 30, "the sample is missing");
        rust_files(&root.join("../cli/tests/fixtures"), &mut files);
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            assert_same(&text, &f.display().to_string());
        }
    }
}

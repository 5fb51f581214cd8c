//! A per-file cache of scan results, so that a re-run rescans only the files
//! that changed. Entries are validated by file metadata (size, modification
//! time, inode, as git's index does) and, when those changed, by a hash of
//! the content. The cache is one file; a missing, stale, truncated or
//! corrupt cache is ignored (never trusted) and rewritten.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::scan::{
    FileScan, Include, ModDecl, Name, NameKind, Pos, ScanError, Scope, ScopeKind, Site, SiteKind,
};

/// Identifies the format and the scanner that wrote a cache; any change to
/// either must change it.
const MAGIC: &[u8] = b"terrace-scan-cache\0";
const FORMAT: u32 = 2;
const TOOL: &str = env!("CARGO_PKG_VERSION");

/// The cache's file name inside its directory.
pub const FILE_NAME: &str = "scan-cache-v2";

/// What identifies a file's content without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time in nanoseconds since the epoch.
    pub mtime_ns: u128,
    /// Inode number (0 where there is none).
    pub inode: u64,
}

impl Stamp {
    /// The stamp of a file, `None` when its metadata cannot be read.
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        let mtime_ns = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            size: meta.len(),
            mtime_ns,
            inode,
        })
    }
}

/// Where a cached scan's encoded bytes are.
#[derive(Debug, Clone)]
enum Bytes {
    /// A range of the cache file read at the start of the run.
    Old(std::ops::Range<usize>),
    /// Encoded during this run.
    Fresh(Vec<u8>),
}

#[derive(Debug, Clone)]
struct Entry {
    stamp: Stamp,
    hash: u64,
    scan: Bytes,
}

/// Scan results of earlier runs, and of this one. Scans are kept encoded:
/// an entry is decoded only when its file is asked for, and entries that
/// did not change are written back without decoding them.
#[derive(Debug, Default)]
pub struct ScanCache {
    file: Vec<u8>,
    old: HashMap<PathBuf, Entry>,
    new: Mutex<HashMap<PathBuf, Entry>>,
}

/// FNV-1a, 64 bits: stable across platforms and Rust versions.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl ScanCache {
    /// Reads the cache at `path`; anything unreadable gives an empty cache.
    pub fn load(path: &Path) -> ScanCache {
        let file = std::fs::read(path).unwrap_or_default();
        match index(&file) {
            Some(old) => ScanCache {
                file,
                old,
                new: Mutex::new(HashMap::new()),
            },
            None => ScanCache::default(),
        }
    }

    fn decode(&self, e: &Entry) -> Option<FileScan> {
        let bytes = match &e.scan {
            Bytes::Old(range) => self.file.get(range.clone())?,
            Bytes::Fresh(v) => v.as_slice(),
        };
        let mut r = R { b: bytes, at: 0 };
        let scan = read_scan(&mut r)?;
        (r.at == bytes.len()).then_some(scan)
    }

    /// A cached scan of `path` when its metadata did not change.
    pub fn by_stamp(&self, path: &Path, stamp: Stamp) -> Option<FileScan> {
        let e = self.old.get(path)?;
        if e.stamp != stamp {
            return None;
        }
        let scan = self.decode(e)?;
        self.keep(path, e.clone());
        Some(scan)
    }

    /// A cached scan of `path` when its content did not change (its
    /// metadata did).
    pub fn by_hash(&self, path: &Path, stamp: Stamp, hash: u64) -> Option<FileScan> {
        let e = self.old.get(path)?;
        if e.hash != hash {
            return None;
        }
        let scan = self.decode(e)?;
        self.keep(
            path,
            Entry {
                stamp,
                hash,
                scan: e.scan.clone(),
            },
        );
        Some(scan)
    }

    /// Records a fresh scan.
    pub fn insert(&self, path: &Path, stamp: Stamp, hash: u64, scan: &FileScan) {
        let mut w = W(Vec::new());
        write_scan(&mut w, scan);
        self.keep(
            path,
            Entry {
                stamp,
                hash,
                scan: Bytes::Fresh(w.0),
            },
        );
    }

    fn keep(&self, path: &Path, e: Entry) {
        if let Ok(mut new) = self.new.lock() {
            new.insert(path.to_path_buf(), e);
        }
    }

    /// Writes the entries of this run (files no longer read are dropped)
    /// to `path`, atomically: a temporary file renamed into place.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let new = self
            .new
            .lock()
            .map_err(|_| std::io::Error::other("cache lock poisoned"))?;
        let mut w = W(Vec::new());
        w.0.extend_from_slice(MAGIC);
        w.u32(FORMAT);
        w.str(TOOL);
        w.usize(new.len());
        for (path, e) in new.iter() {
            let bytes = match &e.scan {
                Bytes::Old(range) => self.file.get(range.clone()).unwrap_or_default(),
                Bytes::Fresh(v) => v.as_slice(),
            };
            w.str(&path.to_string_lossy());
            w.u64(e.stamp.size);
            w.u64((e.stamp.mtime_ns >> 64) as u64);
            w.u64(e.stamp.mtime_ns as u64);
            w.u64(e.stamp.inode);
            w.u64(e.hash);
            w.usize(bytes.len());
            w.0.extend_from_slice(bytes);
        }
        let sum = content_hash(&w.0);
        w.u64(sum);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&tmp, &w.0)?;
        std::fs::rename(&tmp, path)
    }
}

// ---- encoding: little-endian integers, length-prefixed strings ----

struct W(Vec<u8>);

impl W {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn usize(&mut self, v: usize) {
        self.u64(v as u64);
    }
    fn bool(&mut self, v: bool) {
        self.u8(u8::from(v));
    }
    fn str(&mut self, s: &str) {
        self.usize(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
            None => self.u8(0),
        }
    }
    fn opt_usize(&mut self, v: Option<usize>) {
        match v {
            Some(v) => {
                self.u8(1);
                self.usize(v);
            }
            None => self.u8(0),
        }
    }
    fn pos(&mut self, p: Pos) {
        self.u32(p.line);
        self.u32(p.column);
    }
    fn strs(&mut self, v: &[String]) {
        self.usize(v.len());
        for s in v {
            self.str(s);
        }
    }
}

fn write_scan(w: &mut W, f: &FileScan) {
    w.usize(f.scopes.len());
    for s in &f.scopes {
        match &s.kind {
            ScopeKind::File => w.u8(0),
            ScopeKind::Module { name } => {
                w.u8(1);
                w.str(name);
            }
            ScopeKind::Block => w.u8(2),
        }
        w.opt_usize(s.parent);
        w.usize(s.names.len());
        for n in &s.names {
            w.str(&n.ident);
            let (tag, v) = match n.kind {
                NameKind::Module(v) => (0, v),
                NameKind::Item => (1, 0),
                NameKind::Use(v) => (2, v),
                NameKind::ExternCrate(v) => (3, v),
            };
            w.u8(tag);
            w.usize(v);
        }
        w.usize(s.mods.len());
        for m in &s.mods {
            w.str(&m.name);
            w.strs(&m.paths);
            w.opt_usize(m.inline);
            w.pos(m.pos);
            w.bool(m.dev);
            w.bool(m.fixed_path);
        }
        w.usize(s.includes.len());
        for i in &s.includes {
            w.str(&i.path);
            w.pos(i.pos);
        }
        w.bool(s.dev);
    }
    w.usize(f.sites.len());
    for s in &f.sites {
        match &s.kind {
            SiteKind::Use { alias } => {
                w.u8(0);
                w.opt_str(alias.as_deref());
            }
            SiteKind::ExternCrate { alias } => {
                w.u8(1);
                w.opt_str(alias.as_deref());
            }
            SiteKind::Path => w.u8(2),
        }
        w.usize(s.scope);
        w.bool(s.leading_colon);
        w.strs(&s.segments);
        w.pos(s.pos);
        w.bool(s.in_macro);
        w.bool(s.dev);
    }
    w.usize(f.errors.len());
    for e in &f.errors {
        w.pos(e.pos);
        w.str(&e.message);
    }
}

struct R<'a> {
    b: &'a [u8],
    at: usize,
}

impl R<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.b.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|s| s[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|s| u32::from_le_bytes(s.try_into().unwrap_or_default()))
    }
    fn u64(&mut self) -> Option<u64> {
        self.take(8)
            .map(|s| u64::from_le_bytes(s.try_into().unwrap_or_default()))
    }
    fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }
    /// A length that cannot exceed the bytes left (guards allocations).
    fn len(&mut self) -> Option<usize> {
        let n = self.usize()?;
        (n <= self.b.len() - self.at).then_some(n)
    }
    fn bool(&mut self) -> Option<bool> {
        match self.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    fn str(&mut self) -> Option<String> {
        let n = self.len()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn opt_str(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.str()?)),
            _ => None,
        }
    }
    fn opt_usize(&mut self) -> Option<Option<usize>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.usize()?)),
            _ => None,
        }
    }
    fn pos(&mut self) -> Option<Pos> {
        Some(Pos {
            line: self.u32()?,
            column: self.u32()?,
        })
    }
    fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.len()?;
        (0..n).map(|_| self.str()).collect()
    }
}

/// Checks a cache file and lists its entries (scans stay encoded).
fn index(bytes: &[u8]) -> Option<HashMap<PathBuf, Entry>> {
    let (payload, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if content_hash(payload).to_le_bytes() != sum {
        return None;
    }
    let mut r = R { b: payload, at: 0 };
    if r.take(MAGIC.len())? != MAGIC || r.u32()? != FORMAT || r.str()? != TOOL {
        return None;
    }
    let n = r.len()?;
    let mut out = HashMap::with_capacity(n);
    for _ in 0..n {
        let path = PathBuf::from(r.str()?);
        let size = r.u64()?;
        let hi = u128::from(r.u64()?);
        let lo = u128::from(r.u64()?);
        let inode = r.u64()?;
        let hash = r.u64()?;
        let len = r.len()?;
        let start = r.at;
        r.take(len)?;
        let stamp = Stamp {
            size,
            mtime_ns: (hi << 64) | lo,
            inode,
        };
        out.insert(
            path,
            Entry {
                stamp,
                hash,
                scan: Bytes::Old(start..start + len),
            },
        );
    }
    (r.at == payload.len()).then_some(out)
}

fn read_scan(r: &mut R<'_>) -> Option<FileScan> {
    let mut f = FileScan::default();
    for _ in 0..r.len()? {
        let kind = match r.u8()? {
            0 => ScopeKind::File,
            1 => ScopeKind::Module { name: r.str()? },
            2 => ScopeKind::Block,
            _ => return None,
        };
        let parent = r.opt_usize()?;
        let mut names = Vec::new();
        for _ in 0..r.len()? {
            let ident = r.str()?;
            let tag = r.u8()?;
            let v = r.usize()?;
            let kind = match tag {
                0 => NameKind::Module(v),
                1 => NameKind::Item,
                2 => NameKind::Use(v),
                3 => NameKind::ExternCrate(v),
                _ => return None,
            };
            names.push(Name { ident, kind });
        }
        let mut mods = Vec::new();
        for _ in 0..r.len()? {
            mods.push(ModDecl {
                name: r.str()?,
                paths: r.strs()?,
                inline: r.opt_usize()?,
                pos: r.pos()?,
                dev: r.bool()?,
                fixed_path: r.bool()?,
            });
        }
        let mut includes = Vec::new();
        for _ in 0..r.len()? {
            includes.push(Include {
                path: r.str()?,
                pos: r.pos()?,
            });
        }
        let dev = r.bool()?;
        f.scopes.push(Scope {
            kind,
            parent,
            names,
            mods,
            includes,
            dev,
        });
    }
    for _ in 0..r.len()? {
        let kind = match r.u8()? {
            0 => SiteKind::Use {
                alias: r.opt_str()?,
            },
            1 => SiteKind::ExternCrate {
                alias: r.opt_str()?,
            },
            2 => SiteKind::Path,
            _ => return None,
        };
        f.sites.push(Site {
            kind,
            scope: r.usize()?,
            leading_colon: r.bool()?,
            segments: r.strs()?,
            pos: r.pos()?,
            in_macro: r.bool()?,
            dev: r.bool()?,
        });
    }
    for _ in 0..r.len()? {
        f.errors.push(ScanError {
            pos: r.pos()?,
            message: r.str()?,
        });
    }
    // Indices must point inside the scan: the model indexes with them.
    let scopes = f.scopes.len();
    let sites = f.sites.len();
    let valid = f.scopes.iter().all(|s| {
        s.parent.is_none_or(|p| p < scopes)
            && s.mods.iter().all(|m| m.inline.is_none_or(|i| i < scopes))
            && s.names.iter().all(|n| match n.kind {
                NameKind::Use(i) | NameKind::ExternCrate(i) => i < sites,
                NameKind::Module(i) => i < s.mods.len(),
                NameKind::Item => true,
            })
    }) && f.sites.iter().all(|s| s.scope < scopes);
    valid.then_some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "use sqlx::{self, PgPool as P};\nextern crate serde as s;\n\
        #[cfg(test)] mod tests { use super::*; }\n#[cfg_attr(unix, path = \"u.rs\")] mod sys;\n\
        fn f() { struct L; let x = a::b::<T>::c(); include!(\"gen.rs\"); }\n/* unterminated";

    fn stamp(n: u64) -> Stamp {
        Stamp {
            size: n,
            mtime_ns: u128::from(n) << 70 | 5,
            inode: n + 1,
        }
    }

    #[test]
    fn scans_survive_a_round_trip() {
        let cache = ScanCache::default();
        let scanned = crate::scan::scan(SRC, false);
        assert!(!scanned.sites.is_empty() && !scanned.errors.is_empty());
        cache.insert(Path::new("/w/a.rs"), stamp(1), 7, &scanned);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cache");
        cache.save(&file).unwrap();

        let again = ScanCache::load(&file);
        assert_eq!(
            again.by_stamp(Path::new("/w/a.rs"), stamp(1)),
            Some(scanned.clone())
        );
        assert_eq!(again.by_stamp(Path::new("/w/a.rs"), stamp(2)), None);
        assert_eq!(
            again.by_hash(Path::new("/w/a.rs"), stamp(2), 7),
            Some(scanned)
        );
        assert_eq!(again.by_hash(Path::new("/w/a.rs"), stamp(2), 8), None);
        assert_eq!(again.by_stamp(Path::new("/w/b.rs"), stamp(1)), None);
    }

    #[test]
    fn a_damaged_cache_is_ignored() {
        let cache = ScanCache::default();
        cache.insert(
            Path::new("/w/a.rs"),
            stamp(1),
            7,
            &crate::scan::scan(SRC, false),
        );
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cache");
        cache.save(&file).unwrap();
        let good = std::fs::read(&file).unwrap();
        // Every truncation, and a flipped byte anywhere, gives an empty cache.
        for len in 0..good.len() {
            std::fs::write(&file, &good[..len]).unwrap();
            assert!(ScanCache::load(&file).old.is_empty(), "truncated at {len}");
        }
        for i in (0..good.len()).step_by(7) {
            let mut bad = good.clone();
            bad[i] ^= 0x40;
            std::fs::write(&file, &bad).unwrap();
            assert!(ScanCache::load(&file).old.is_empty(), "flipped byte {i}");
        }
        assert!(ScanCache::load(&dir.path().join("missing")).old.is_empty());
    }
}

//! The check cache: per-file summaries of earlier scans, so that a re-run
//! rescans only the files that changed, plus what the last check concluded,
//! so that a run where no file's summary changed reuses it outright.
//!
//! Entries are validated by file metadata (size, modification time, inode,
//! as git's index does) and, when those changed, by a hash of the content.
//! The workspace's manifests are reused the same way: every path the
//! loader looked at is re-stamped and compared. The cache is two files: a
//! small index (workspace, file table, last outcome) read at every start
//! and a pack of summaries, read only when some file has to be resolved
//! again. A save appends this run's new summaries to the pack and rewrites
//! only the index; the pack is compacted when more than half of it is no
//! longer referenced. A missing, stale, truncated or corrupt cache is
//! ignored (never trusted) and rewritten; each summary is checked against
//! its hash when read.

use std::io::{Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering::Relaxed;
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;

use crate::codec::{R, W};
use crate::fingerprint::{BytesMap, Input, Stamp, content_hash, unchanged};
use crate::report::{Code, ContractResult, FileError, Link, Matched, Report, Violation};
use crate::scan::Pos;
use crate::summary::{FileSummary, Symbols};
use crate::workspace::{DepKind, Dependency, Edition, Package, Target, TargetKind, Workspace};

/// Identifies the format and the scanner that wrote a cache; any change to
/// either must change it.
const MAGIC: &[u8] = b"terrace-check-cache\0";
const PACK_MAGIC: &[u8] = b"terrace-check-pack\0";
const FORMAT: u32 = 5;
/// The version and the scanner's revision: raise the revision whenever
/// the scanner reads some input differently, or the module walk finds
/// other files (cached summaries or outcomes would be stale).
const TOOL: &str = concat!(env!("CARGO_PKG_VERSION"), " scanner 4");

/// The cache's index file name inside its directory; the pack of
/// summaries is beside it, with [`PACK_EXTENSION`].
pub const FILE_NAME: &str = "check-cache-v4";
/// The extension of the pack of summaries.
pub const PACK_EXTENSION: &str = "pack";

/// Length of a pack's header: magic, format, identity.
const PACK_HEADER: usize = PACK_MAGIC.len() + 4 + 8;

/// The pack beside the index at `path`.
fn pack_path(path: &Path) -> PathBuf {
    path.with_extension(PACK_EXTENSION)
}

/// Reads and checks a pack's header: its identity.
fn pack_id(file: &mut std::fs::File) -> Option<u64> {
    let mut head = [0u8; PACK_HEADER];
    file.read_exact(&mut head).ok()?;
    let mut r = R::new(&head);
    if r.take(PACK_MAGIC.len())? != PACK_MAGIC || r.u32()? != FORMAT {
        return None;
    }
    r.u64()
}

/// Files re-validated by content on a run whose outcome is reused are not
/// worth rewriting the whole cache for, up to this many: the next run
/// hashes them again.
const REWRITE_AFTER: usize = 64;

/// A hash of everything in `workspace` (for keys of outcomes).
pub fn workspace_hash(workspace: &Workspace) -> u64 {
    let mut w = W::default();
    write_workspace(&mut w, workspace);
    content_hash(&w.0)
}

/// Where a cached summary's bytes are.
#[derive(Debug, Clone)]
enum Bytes {
    /// A range of the pack the cache was loaded with.
    Old(Range<usize>),
    /// Encoded during this run.
    Fresh(Vec<u8>),
}

#[derive(Debug, Clone)]
struct Entry {
    stamp: Stamp,
    hash: u64,
    /// Scanned with edition 2015 rules.
    e2015: bool,
    /// Hash of the summary's bytes.
    summary: u64,
    bytes: Bytes,
}

/// The workspace as the last run loaded it, with what it was loaded from.
#[derive(Debug, Clone)]
struct WorkspaceEntry {
    root_manifest: PathBuf,
    inputs: Vec<Input>,
    workspace: Workspace,
}

/// What the last check concluded, and from which files.
#[derive(Debug, Clone)]
struct Outcome<F = PathBuf> {
    /// Hash of the configuration and options it was checked with.
    key: u64,
    /// The source files read, in order.
    files: Vec<F>,
    /// Other paths the module trees looked for, and whether they were
    /// files then.
    probes: Vec<(PathBuf, bool)>,
    report: Report,
}

/// What checking the last outcome found: each file's stamp where it was
/// looked at (`Some(None)`: unreadable), and whether each probe is a file.
type Seen = (Vec<Option<Option<Stamp>>>, Vec<bool>);

/// Earlier runs' results, and this run's.
#[derive(Debug, Default)]
pub struct CheckCache {
    /// The pack, open from the start so that the summaries read later are
    /// the ones of the same file even if another run replaced it.
    file: Mutex<Option<std::fs::File>>,
    /// The pack's identity and the length the index covers (`None`: no
    /// usable pack).
    pack: Option<(u64, u64)>,
    summaries: OnceLock<Option<Vec<u8>>>,
    /// The file table, sorted by path.
    table: Vec<Entry>,
    /// The paths of the table, one after the other (one allocation to
    /// make and free rather than one per file), and where each ends.
    table_paths: String,
    path_ends: Vec<usize>,
    /// Index of each path in `table`, built when first asked for.
    by_path: OnceLock<BytesMap<std::ffi::OsString, usize>>,
    /// What checking the last outcome found on disk, for the walk that
    /// follows when it could not be reused: each file's stamp (`None`:
    /// unreadable), indexed like `table`, and whether each probe is a file.
    seen: OnceLock<Seen>,
    /// Index of each of the last outcome's probes, built when first asked
    /// for.
    probe_index: OnceLock<BytesMap<std::ffi::OsString, usize>>,
    workspace: Option<WorkspaceEntry>,
    /// The last outcome, its files as indices into `table`.
    outcome: Option<Outcome<usize>>,
    /// This run's entries, in the order they were made: for a path given
    /// twice, the later one counts (see [`CheckCache::save`]). Kept as a
    /// list, not a map: a cold check makes one per file it reads.
    new_files: Mutex<Vec<(std::ffi::OsString, Entry)>>,
    new_workspace: Mutex<Option<WorkspaceEntry>>,
    /// Whether the loaded workspace carries over (when `new_workspace` is
    /// `None`), rather than a copy of it.
    keep_workspace: std::sync::atomic::AtomicBool,
    new_outcome: Mutex<Option<Outcome>>,
    /// Whether anything changed that is worth writing.
    dirty: Mutex<bool>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl CheckCache {
    /// Opens the cache at `path`; anything unreadable gives an empty cache.
    pub fn load(path: &Path) -> CheckCache {
        Self::try_load(path).unwrap_or_default()
    }

    fn try_load(path: &Path) -> Option<CheckCache> {
        let index = std::fs::read(path).ok()?;
        let mut r = R::new(&index);
        if r.take(MAGIC.len())? != MAGIC || r.u32()? != FORMAT {
            return None;
        }
        let small_len = usize::try_from(r.u64()?).ok()?;
        let head = MAGIC.len() + 4 + 8;
        if index.len() != head.checked_add(small_len)?.checked_add(8)? {
            return None;
        }
        let (payload, sum) = index[head..].split_at(small_len);
        if content_hash(payload).to_le_bytes() != sum {
            return None;
        }
        let mut r = R::new(payload);
        if r.str()? != TOOL {
            return None;
        }
        // The pack must be the one the index was written with, at least as
        // long as it was then (later runs may have appended to it).
        let (id, summaries_len) = (r.u64()?, r.u64()?);
        let mut file = std::fs::File::open(pack_path(path)).ok()?;
        if pack_id(&mut file)? != id || file.metadata().ok()?.len() < summaries_len {
            return None;
        }
        let mut table = Vec::new();
        let (mut table_paths, mut path_ends) = (String::new(), Vec::new());
        for _ in 0..r.len()? {
            table_paths.push_str(r.path_str()?);
            path_ends.push(table_paths.len());
            let stamp = r.stamp()?;
            let hash = r.u64()?;
            let e2015 = r.bool()?;
            let summary = r.u64()?;
            let start = usize::try_from(r.var()?).ok()?;
            let len = usize::try_from(r.var()?).ok()?;
            let end = start.checked_add(len)?;
            if end as u64 > summaries_len || start < PACK_HEADER {
                return None;
            }
            table.push(Entry {
                stamp,
                hash,
                e2015,
                summary,
                bytes: Bytes::Old(start..end),
            });
        }
        let workspace = match r.u8()? {
            0 => None,
            1 => Some(WorkspaceEntry {
                root_manifest: r.path()?,
                inputs: r.inputs()?,
                workspace: read_workspace(&mut r)?,
            }),
            _ => return None,
        };
        let outcome = match r.u8()? {
            0 => None,
            1 => {
                let key = r.u64()?;
                let mut paths = Vec::new();
                for _ in 0..r.len()? {
                    let i = r.usize()?;
                    if i >= table.len() {
                        return None;
                    }
                    paths.push(i);
                }
                let mut probes = Vec::new();
                for _ in 0..r.len()? {
                    probes.push((r.path()?, r.bool()?));
                }
                Some(Outcome {
                    key,
                    files: paths,
                    probes,
                    report: read_report(&mut r)?,
                })
            }
            _ => return None,
        };
        if !r.done() {
            return None;
        }
        Some(CheckCache {
            file: Mutex::new(Some(file)),
            pack: Some((id, summaries_len)),
            summaries: OnceLock::new(),
            table,
            table_paths,
            path_ends,
            workspace,
            outcome,
            ..CheckCache::default()
        })
    }

    /// The summaries part of the file, read and checked on first use.
    fn summaries(&self) -> Option<&[u8]> {
        self.summaries
            .get_or_init(|| {
                let mut file = lock(&self.file).take()?;
                let (_, len) = self.pack?;
                file.seek(SeekFrom::Start(0)).ok()?;
                let mut bytes = vec![0u8; usize::try_from(len).ok()?];
                file.read_exact(&mut bytes).ok()?;
                Some(bytes)
            })
            .as_deref()
    }

    fn index(&self, path: &Path) -> Option<usize> {
        let by_path = self.by_path.get_or_init(|| {
            let index = 0..self.table.len();
            index
                .map(|i| (self.table_path(i).as_os_str().to_owned(), i))
                .collect()
        });
        by_path.get(path.as_os_str()).copied()
    }

    fn entry(&self, path: &Path) -> Option<&Entry> {
        self.index(path).map(|i| &self.table[i])
    }

    /// The path of the `i`th entry of the table.
    fn table_path(&self, i: usize) -> &Path {
        let start = if i == 0 { 0 } else { self.path_ends[i - 1] };
        Path::new(&self.table_paths[start..self.path_ends[i]])
    }

    /// Whether an earlier run left an entry for `path`: when not, its
    /// summary cannot be in the cache and the file will be read.
    pub fn has_entry(&self, path: &Path) -> bool {
        self.index(path).is_some()
    }

    /// The stamp of `path`: the one checking the last outcome found, when
    /// it looked at this file, so that the file is not looked at twice.
    pub fn stamp(&self, path: &Path) -> Option<Stamp> {
        if let Some((stamps, _)) = self.seen.get()
            && let Some(seen) = self.index(path).and_then(|i| stamps[i])
        {
            return seen;
        }
        Stamp::of(path)
    }

    /// Whether `path` is a file, when checking the last outcome found out.
    pub fn is_file(&self, path: &Path) -> Option<bool> {
        let (stamps, probes) = self.seen.get()?;
        let index = self.probe_index.get_or_init(|| {
            let old = self.outcome.as_ref().map_or(&[][..], |o| &o.probes[..]);
            let index = old.iter().enumerate();
            index
                .map(|(i, (p, _))| (p.as_os_str().to_owned(), i))
                .collect()
        });
        if let Some(&i) = index.get(path.as_os_str()) {
            return probes.get(i).copied();
        }
        // A file that was read, and whose stamp did not change, still is one.
        let i = self.index(path)?;
        let stamp = stamps[i]??;
        (stamp == self.table[i].stamp).then_some(true)
    }

    fn bytes<'a>(&'a self, e: &'a Entry) -> Option<&'a [u8]> {
        match &e.bytes {
            // Each summary is checked against its hash, which the small
            // part's checksum covers.
            Bytes::Old(range) => self
                .summaries()?
                .get(range.clone())
                .filter(|b| content_hash(b) == e.summary),
            Bytes::Fresh(v) => Some(v),
        }
    }

    /// The workspace of `root_manifest` as the last run loaded it, when
    /// nothing it was loaded from changed.
    pub fn workspace(&self, root_manifest: &Path) -> Option<Workspace> {
        let old = self.workspace.as_ref()?;
        if old.root_manifest != root_manifest || !unchanged(&old.inputs) {
            return None;
        }
        self.keep_workspace.store(true, Relaxed);
        Some(old.workspace.clone())
    }

    /// Records the workspace loaded from `inputs`.
    pub fn set_workspace(&self, root_manifest: &Path, inputs: Vec<Input>, workspace: &Workspace) {
        *lock(&self.new_workspace) = Some(WorkspaceEntry {
            root_manifest: root_manifest.to_owned(),
            inputs,
            workspace: workspace.clone(),
        });
        *lock(&self.dirty) = true;
    }

    /// A cached summary of `path` when its metadata did not change.
    pub fn by_stamp(
        &self,
        path: &Path,
        stamp: Stamp,
        e2015: bool,
        symbols: &Mutex<Symbols>,
    ) -> Option<FileSummary> {
        let e = self.entry(path)?;
        if e.stamp != stamp || e.e2015 != e2015 {
            return None;
        }
        let summary = FileSummary::decode(self.bytes(e)?, symbols)?;
        self.keep(path, e.clone());
        Some(summary)
    }

    /// A cached summary of `path` when its content did not change (its
    /// metadata did).
    pub fn by_hash(
        &self,
        path: &Path,
        stamp: Stamp,
        hash: u64,
        e2015: bool,
        symbols: &Mutex<Symbols>,
    ) -> Option<FileSummary> {
        let e = self.entry(path)?;
        if e.hash != hash || e.e2015 != e2015 {
            return None;
        }
        let summary = FileSummary::decode(self.bytes(e)?, symbols)?;
        self.keep(path, Entry { stamp, ..e.clone() });
        Some(summary)
    }

    /// Records a fresh summary's bytes.
    pub fn insert(&self, path: &Path, stamp: Stamp, hash: u64, e2015: bool, bytes: Vec<u8>) {
        self.keep(
            path,
            Entry {
                stamp,
                hash,
                e2015,
                summary: content_hash(&bytes),
                bytes: Bytes::Fresh(bytes),
            },
        );
    }

    fn keep(&self, path: &Path, e: Entry) {
        lock(&self.new_files).push((path.as_os_str().to_owned(), e));
        *lock(&self.dirty) = true;
    }

    /// The last check's report, when it was made with `key` and no file it
    /// read changed in a way that matters: a file whose stamp changed is
    /// hashed, and rescanned when its content changed; the report stands
    /// when its summary is the same as before.
    pub fn outcome(&self, key: u64) -> Option<Report> {
        let old = self.outcome.as_ref().filter(|o| o.key == key)?;
        // Everything is looked at (no stopping at the first change): what
        // was found serves the walk when the outcome cannot be reused.
        let probes: Vec<bool> = old
            .probes
            .par_iter()
            .with_min_len(256)
            .map(|(path, _)| path.is_file())
            .collect();
        let stamps: Vec<Option<Stamp>> = old
            .files
            .par_iter()
            .with_min_len(256)
            .map(|&i| Stamp::of(self.table_path(i)))
            .collect();
        let mut seen = vec![None; self.table.len()];
        for (&i, stamp) in old.files.iter().zip(&stamps) {
            seen[i] = Some(*stamp);
        }
        let probes_hold = old
            .probes
            .iter()
            .zip(&probes)
            .all(|((_, was), is)| was == is);
        let _ = self.seen.set((seen, probes));
        if !probes_hold {
            return None;
        }
        let changed: Vec<Option<(&Path, Entry)>> = old
            .files
            .par_iter()
            .zip(&stamps)
            .with_min_len(256)
            .map(|(&i, &stamp)| {
                let (path, e) = (self.table_path(i), &self.table[i]);
                let stamp = stamp?;
                if stamp == e.stamp {
                    return Some(None);
                }
                let bytes = std::fs::read(path).ok()?;
                let hash = content_hash(&bytes);
                if hash == e.hash {
                    return Some(Some((path, Entry { stamp, ..e.clone() })));
                }
                let text = std::str::from_utf8(&bytes).ok()?;
                let scan = crate::scan::scan(text, e.e2015);
                let (_, encoded) = FileSummary::of(&scan, &Mutex::default(), true);
                let encoded = encoded?;
                (content_hash(&encoded) == e.summary).then(|| {
                    Some((
                        path,
                        Entry {
                            stamp,
                            hash,
                            summary: e.summary,
                            ..e.clone()
                        },
                    ))
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let changed: Vec<(&Path, Entry)> = changed.into_iter().flatten().collect();
        let mut dirty = lock(&self.dirty);
        if changed.len() > REWRITE_AFTER || *dirty {
            // Worth writing: every entry carries over, with new stamps.
            let mut new = lock(&self.new_files);
            for (i, e) in self.table.iter().enumerate() {
                new.push((self.table_path(i).as_os_str().to_owned(), e.clone()));
            }
            for (path, e) in changed {
                new.push((path.as_os_str().to_owned(), e));
            }
            *lock(&self.new_outcome) = Some(Outcome {
                key: old.key,
                files: old
                    .files
                    .iter()
                    .map(|&i| self.table_path(i).to_owned())
                    .collect(),
                probes: old.probes.clone(),
                report: old.report.clone(),
            });
            self.keep_workspace.store(true, Relaxed);
            *dirty = true;
        }
        Some(old.report.clone())
    }

    /// Records the outcome of a check made with `key` from `files` (read in
    /// that order) and `probes`.
    pub fn set_outcome(
        &self,
        key: u64,
        files: Vec<PathBuf>,
        probes: Vec<(PathBuf, bool)>,
        report: Report,
    ) {
        *lock(&self.new_outcome) = Some(Outcome {
            key,
            files,
            probes,
            report,
        });
        *lock(&self.dirty) = true;
    }

    /// Writes this run's entries (files no longer read are dropped) at
    /// `path`: new summaries go to the pack, then the index is replaced
    /// atomically (a temporary file renamed into place). Does nothing when
    /// nothing worth writing changed.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        self.save_after(path, || {})
    }

    /// [`CheckCache::save`], calling `record` (which may record an outcome,
    /// [`CheckCache::set_outcome`]) while the entries are sorted and the
    /// pack planned, which does not depend on it.
    pub fn save_after(&self, path: &Path, record: impl FnOnce() + Send) -> std::io::Result<()> {
        let new = lock(&self.new_files);
        let (planned, ()) = rayon::join(|| self.plan(path, &new), record);
        if !*lock(&self.dirty) {
            return Ok(());
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let (entries, (id, pack_len, places, write)) = planned?;
        // The pack is written while the index is encoded.
        let (written, small) = rayon::join(
            || write.run(),
            || self.encode_index(id, pack_len, &entries, &places),
        );
        written?;
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT.to_le_bytes())?;
        out.write_all(&(small.0.len() as u64).to_le_bytes())?;
        out.write_all(&small.0)?;
        out.write_all(&content_hash(&small.0).to_le_bytes())?;
        out.into_inner().map_err(|e| e.into_error())?;
        std::fs::rename(&tmp, path)
    }

    /// This run's entries sorted by path (the later of one path's kept),
    /// and where their summaries go.
    fn plan<'a>(
        &'a self,
        path: &Path,
        new: &'a [(std::ffi::OsString, Entry)],
    ) -> std::io::Result<(Vec<(&'a Path, &'a Entry)>, PackPlan<'a>)> {
        let mut entries: Vec<(&Path, &Entry)> =
            new.iter().map(|(p, e)| (Path::new(p), e)).collect();
        // By bytes: paths sharing a directory end up next to each other,
        // without comparing component by component. Stable, so that of
        // the entries of one path the last made comes last, and is kept.
        entries.par_sort_by(|a, b| {
            let (a, b) = (a.0.as_os_str(), b.0.as_os_str());
            a.as_encoded_bytes().cmp(b.as_encoded_bytes())
        });
        let mut last: Vec<(&Path, &Entry)> = Vec::with_capacity(entries.len());
        for (p, e) in entries {
            match last.last_mut() {
                Some(l) if l.0.as_os_str() == p.as_os_str() => *l = (p, e),
                _ => last.push((p, e)),
            }
        }
        let pack = self.plan_pack(path, &last)?;
        Ok((last, pack))
    }

    /// The index's payload: the file table (with where each summary is in
    /// the pack), the workspace and the last outcome.
    fn encode_index(
        &self,
        id: u64,
        pack_len: u64,
        entries: &[(&Path, &Entry)],
        places: &[Range<usize>],
    ) -> W {
        let mut small = W::default();
        small.str(TOOL);
        small.u64(id);
        small.u64(pack_len);
        small.var(entries.len() as u64);
        for ((path, e), place) in entries.iter().zip(places) {
            small.path(path);
            small.stamp(e.stamp);
            small.u64(e.hash);
            small.bool(e.e2015);
            small.u64(e.summary);
            small.var(place.start as u64);
            small.var(place.len() as u64);
        }
        let new_workspace = lock(&self.new_workspace);
        let kept = self
            .workspace
            .as_ref()
            .filter(|_| self.keep_workspace.load(Relaxed));
        match new_workspace.as_ref().or(kept) {
            None => small.u8(0),
            Some(ws) => {
                small.u8(1);
                small.path(&ws.root_manifest);
                small.inputs(&ws.inputs);
                write_workspace(&mut small, &ws.workspace);
            }
        }
        // Outcome files are indices into the table; an outcome with a file
        // that has no entry (an unreadable one) could not be reused.
        let index: BytesMap<&std::ffi::OsStr, usize> = entries
            .iter()
            .enumerate()
            .map(|(i, (p, _))| (p.as_os_str(), i))
            .collect();
        match &*lock(&self.new_outcome) {
            Some(o) if o.files.iter().all(|f| index.contains_key(f.as_os_str())) => {
                small.u8(1);
                small.u64(o.key);
                small.var(o.files.len() as u64);
                for f in &o.files {
                    small.var(index.get(f.as_os_str()).map_or(u64::MAX, |&i| i as u64));
                }
                small.var(o.probes.len() as u64);
                for (p, was_file) in &o.probes {
                    small.path(p);
                    small.bool(*was_file);
                }
                write_report(&mut small, &o.report);
            }
            _ => small.u8(0),
        }
        small
    }

    /// Plans putting the summaries of `entries` in the pack beside `path`:
    /// this run's are appended to the pack the cache was loaded with while
    /// at least half of it stays referenced; otherwise every summary is
    /// written to a new pack. Returns the pack's identity, the length the
    /// index covers, where each entry's summary is, and the writing to do.
    fn plan_pack<'a>(
        &'a self,
        path: &Path,
        entries: &[(&Path, &'a Entry)],
    ) -> std::io::Result<PackPlan<'a>> {
        let pack = pack_path(path);
        let (mut fresh, mut kept) = (0, 0);
        for (_, e) in entries {
            match &e.bytes {
                Bytes::Old(range) => kept += range.len(),
                Bytes::Fresh(bytes) => fresh += bytes.len(),
            }
        }
        if let Some((id, len)) = self.pack {
            let total = usize::try_from(len)
                .unwrap_or(usize::MAX)
                .saturating_sub(PACK_HEADER)
                .saturating_add(fresh);
            if kept + fresh >= total / 2
                && let Some(mut file) = open_to_append(&pack, id)
            {
                // Another run appending at the same time can only make some
                // summaries fail their hash check: read again, never trusted.
                let at = usize::try_from(file.seek(SeekFrom::End(0))?).unwrap_or(usize::MAX);
                let mut parts = Vec::new();
                let mut end = at;
                let places = entries
                    .iter()
                    .map(|(_, e)| match &e.bytes {
                        Bytes::Old(range) => range.clone(),
                        Bytes::Fresh(b) => {
                            parts.push(&b[..]);
                            end += b.len();
                            end - b.len()..end
                        }
                    })
                    .collect();
                let write = PackWrite::Append { file, parts };
                return Ok((id, end as u64, places, write));
            }
        }
        let id = new_pack_id(self.pack.map_or(0, |(id, _)| id));
        let mut at = PACK_HEADER;
        let mut places = Vec::with_capacity(entries.len());
        let mut parts = Vec::with_capacity(entries.len());
        for (_, e) in entries {
            let bytes = self.bytes(e).unwrap_or_default();
            parts.push(bytes);
            places.push(at..at + bytes.len());
            at += bytes.len();
        }
        let write = PackWrite::New { pack, id, parts };
        Ok((id, at as u64, places, write))
    }
}

/// A pack's identity, the length the index covers, where each entry's
/// summary is, and the writing to do (see [`CheckCache::plan_pack`]).
type PackPlan<'a> = (u64, u64, Vec<Range<usize>>, PackWrite<'a>);

/// Writing a pack: appending this run's summaries to the pack the cache
/// was loaded with, or writing every summary to a new one (beside it,
/// then renamed into place).
enum PackWrite<'a> {
    Append {
        file: std::fs::File,
        parts: Vec<&'a [u8]>,
    },
    New {
        pack: PathBuf,
        id: u64,
        parts: Vec<&'a [u8]>,
    },
}

impl PackWrite<'_> {
    fn run(self) -> std::io::Result<()> {
        match self {
            PackWrite::Append { mut file, parts } => write_parts(&mut file, &parts),
            PackWrite::New { pack, id, parts } => {
                let tmp =
                    pack.with_extension(format!("{PACK_EXTENSION}.tmp{}", std::process::id()));
                let mut out = std::fs::File::create(&tmp)?;
                let mut header = Vec::with_capacity(PACK_HEADER);
                header.extend_from_slice(PACK_MAGIC);
                header.extend_from_slice(&FORMAT.to_le_bytes());
                header.extend_from_slice(&id.to_le_bytes());
                let mut all = Vec::with_capacity(parts.len() + 1);
                all.push(&header[..]);
                all.extend(parts);
                write_parts(&mut out, &all)?;
                drop(out);
                std::fs::rename(&tmp, &pack)
            }
        }
    }
}

/// Writes `parts` one after the other with vectored writes: a pack holds
/// thousands of summaries, written a few hundred per call rather than one
/// (or a buffer's worth) at a time, and without copying them together.
fn write_parts(out: &mut impl Write, parts: &[&[u8]]) -> std::io::Result<()> {
    let mut slices: Vec<std::io::IoSlice<'_>> = parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| std::io::IoSlice::new(p))
        .collect();
    let mut rest = &mut slices[..];
    while !rest.is_empty() {
        match out.write_vectored(rest) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => std::io::IoSlice::advance_slices(&mut rest, n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The pack at `path` open for appending, when it is the one with `id`.
fn open_to_append(path: &Path, id: u64) -> Option<std::fs::File> {
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .append(true)
        .open(path)
        .ok()?;
    (pack_id(&mut file)? == id).then_some(file)
}

/// An identity for a new pack, different from `old`'s.
fn new_pack_id(old: u64) -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut seed = Vec::with_capacity(32);
    seed.extend_from_slice(&nanos.to_le_bytes());
    seed.extend_from_slice(&std::process::id().to_le_bytes());
    seed.extend_from_slice(&old.to_le_bytes());
    match content_hash(&seed) {
        id if id == old => id ^ 1,
        id => id,
    }
}

// ---- workspace and report ----

fn write_workspace(w: &mut W, ws: &Workspace) {
    w.path(&ws.root);
    w.path(&ws.root_manifest);
    w.var(ws.packages.len() as u64);
    for p in &ws.packages {
        w.str(&p.name);
        w.path(&p.manifest);
        w.path(&p.dir);
        w.u8(edition_tag(p.edition));
        w.var(p.targets.len() as u64);
        for t in &p.targets {
            w.u8(target_kind_tag(t.kind));
            w.str(&t.name);
            w.path(&t.root);
            w.u8(t.edition.map_or(0, |e| edition_tag(e) + 1));
        }
        w.var(p.dependencies.len() as u64);
        for d in &p.dependencies {
            w.str(&d.key);
            w.str(&d.package);
            w.u8(match d.kind {
                DepKind::Normal => 0,
                DepKind::Dev => 1,
                DepKind::Build => 2,
            });
            w.opt_str(d.target.as_deref());
            w.pos(d.pos);
            w.var(d.member.map_or(0, |m| m as u64 + 1));
        }
    }
}

fn edition_tag(e: Edition) -> u8 {
    match e {
        Edition::E2015 => 0,
        Edition::E2018 => 1,
        Edition::E2021 => 2,
        Edition::E2024 => 3,
    }
}

fn edition_of_tag(tag: u8) -> Option<Edition> {
    match tag {
        0 => Some(Edition::E2015),
        1 => Some(Edition::E2018),
        2 => Some(Edition::E2021),
        3 => Some(Edition::E2024),
        _ => None,
    }
}

fn target_kind_tag(k: TargetKind) -> u8 {
    match k {
        TargetKind::Lib => 0,
        TargetKind::Bin => 1,
        TargetKind::Test => 2,
        TargetKind::Example => 3,
        TargetKind::Bench => 4,
        TargetKind::Build => 5,
    }
}

fn read_workspace(r: &mut R<'_>) -> Option<Workspace> {
    let root = r.path()?;
    let root_manifest = r.path()?;
    let n = r.len()?;
    let mut packages = Vec::with_capacity(n);
    for _ in 0..n {
        let name = r.string()?;
        let manifest = r.path()?;
        let dir = r.path()?;
        let edition = edition_of_tag(r.u8()?)?;
        let mut targets = Vec::new();
        for _ in 0..r.len()? {
            let kind = match r.u8()? {
                0 => TargetKind::Lib,
                1 => TargetKind::Bin,
                2 => TargetKind::Test,
                3 => TargetKind::Example,
                4 => TargetKind::Bench,
                5 => TargetKind::Build,
                _ => return None,
            };
            let name = r.string()?;
            let root = r.path()?;
            let edition = match r.u8()? {
                0 => None,
                tag => Some(edition_of_tag(tag - 1)?),
            };
            targets.push(Target {
                kind,
                name,
                root,
                edition,
            });
        }
        let mut dependencies = Vec::new();
        for _ in 0..r.len()? {
            let key = r.string()?;
            let package = r.string()?;
            let kind = match r.u8()? {
                0 => DepKind::Normal,
                1 => DepKind::Dev,
                2 => DepKind::Build,
                _ => return None,
            };
            let target = r.opt_str()?;
            let pos = r.pos()?;
            let member = match r.usize()? {
                0 => None,
                m if m <= n => Some(m - 1),
                _ => return None,
            };
            dependencies.push(Dependency {
                key,
                package,
                kind,
                target,
                pos,
                member,
            });
        }
        packages.push(Package {
            name,
            manifest,
            dir,
            edition,
            targets,
            dependencies,
        });
    }
    Some(Workspace {
        root,
        root_manifest,
        packages,
    })
}

/// The `&'static str`s a report holds, by index.
const CONTRACT_TYPES: [&str; 5] = ["forbidden", "layers", "independence", "acyclic", "allowed"];
const ROLES: [&str; 5] = ["source", "forbidden", "layer", "modules", "not-allowed"];

fn static_index(all: &[&'static str], s: &str) -> u8 {
    all.iter()
        .position(|a| *a == s)
        .map_or(u8::MAX, |i| i as u8)
}

fn static_str(all: &[&'static str], i: u8) -> Option<&'static str> {
    all.get(usize::from(i)).copied()
}

fn write_report(w: &mut W, r: &Report) {
    w.var(r.files as u64);
    w.var(r.contracts.len() as u64);
    for c in &r.contracts {
        w.str(&c.name);
        w.u8(static_index(&CONTRACT_TYPES, c.contract_type));
        w.var(c.violations as u64);
        w.var(c.warnings as u64);
        w.opt_str(c.reason.as_deref());
        w.opt_str(c.help.as_deref());
    }
    w.var(r.violations.len() as u64);
    for v in &r.violations {
        w.u8(Code::ALL.iter().position(|c| *c == v.code).unwrap_or(0) as u8);
        w.str(&v.contract);
        w.u8(static_index(&CONTRACT_TYPES, v.contract_type));
        w.str(&v.importer);
        w.str(&v.imported);
        w.str(&v.file);
        w.pos(Pos {
            line: v.line,
            column: v.column,
        });
        w.var(v.chain.len() as u64);
        for l in &v.chain {
            w.str(&l.importer);
            w.str(&l.imported);
            w.str(&l.file);
            w.pos(Pos {
                line: l.line,
                column: l.column,
            });
        }
        w.bool(v.warning);
        w.opt_str(v.reason.as_deref());
        w.opt_str(v.help.as_deref());
        w.var(v.matched.len() as u64);
        for m in &v.matched {
            w.str(&m.module);
            w.u8(static_index(&ROLES, m.role));
            w.var(m.layer.map_or(0, |l| l as u64 + 1));
            w.opt_str(m.entry.as_deref());
            w.opt_str(m.preset.as_deref());
            w.pos(Pos {
                line: m.line,
                column: m.column,
            });
        }
    }
    w.var(r.errors.len() as u64);
    for e in &r.errors {
        w.str(&e.file);
        w.pos(Pos {
            line: e.line,
            column: e.column,
        });
        w.str(&e.message);
    }
}

fn read_report(r: &mut R<'_>) -> Option<Report> {
    let files = r.usize()?;
    let mut contracts = Vec::new();
    for _ in 0..r.len()? {
        contracts.push(ContractResult {
            name: r.string()?,
            contract_type: static_str(&CONTRACT_TYPES, r.u8()?)?,
            violations: r.usize()?,
            warnings: r.usize()?,
            reason: r.opt_str()?,
            help: r.opt_str()?,
        });
    }
    let mut violations = Vec::new();
    for _ in 0..r.len()? {
        let code = *Code::ALL.get(usize::from(r.u8()?))?;
        let contract = r.string()?;
        let contract_type = static_str(&CONTRACT_TYPES, r.u8()?)?;
        let importer = r.string()?;
        let imported = r.string()?;
        let file = r.string()?;
        let pos = r.pos()?;
        let mut chain = Vec::new();
        for _ in 0..r.len()? {
            let importer = r.string()?;
            let imported = r.string()?;
            let file = r.string()?;
            let p = r.pos()?;
            chain.push(Link {
                importer,
                imported,
                file,
                line: p.line,
                column: p.column,
            });
        }
        let warning = r.bool()?;
        let reason = r.opt_str()?;
        let help = r.opt_str()?;
        let mut matched = Vec::new();
        for _ in 0..r.len()? {
            let module = r.string()?;
            let role = static_str(&ROLES, r.u8()?)?;
            let layer = match r.usize()? {
                0 => None,
                l => Some(l - 1),
            };
            let entry = r.opt_str()?;
            let preset = r.opt_str()?;
            let p = r.pos()?;
            matched.push(Matched {
                module,
                role,
                layer,
                entry,
                preset,
                line: p.line,
                column: p.column,
            });
        }
        violations.push(Violation {
            code,
            contract,
            contract_type,
            importer,
            imported,
            file,
            line: pos.line,
            column: pos.column,
            chain,
            warning,
            reason,
            help,
            matched,
        });
    }
    let mut errors = Vec::new();
    for _ in 0..r.len()? {
        let file = r.string()?;
        let p = r.pos()?;
        errors.push(FileError {
            file,
            line: p.line,
            column: p.column,
            message: r.string()?,
        });
    }
    Some(Report {
        contracts,
        violations,
        errors,
        files,
    })
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

    fn summarized() -> (FileSummary, Vec<u8>, Mutex<Symbols>) {
        let symbols = Mutex::default();
        let scan = crate::scan::scan(SRC, false);
        assert!(!scan.sites.is_empty() && !scan.errors.is_empty());
        let (summary, bytes) = FileSummary::of(&scan, &symbols, true);
        (summary, bytes.unwrap(), symbols)
    }

    fn report() -> Report {
        Report {
            contracts: vec![ContractResult {
                name: "pure".to_owned(),
                contract_type: "forbidden",
                violations: 1,
                warnings: 0,
                reason: Some("why".to_owned()),
                help: None,
            }],
            violations: vec![Violation {
                code: Code::ForbiddenImport,
                contract: "pure".to_owned(),
                contract_type: "forbidden",
                importer: "a".to_owned(),
                imported: "sqlx".to_owned(),
                file: "a/src/lib.rs".to_owned(),
                line: 1,
                column: 5,
                chain: vec![Link {
                    importer: "a".to_owned(),
                    imported: "sqlx".to_owned(),
                    file: "a/src/lib.rs".to_owned(),
                    line: 1,
                    column: 5,
                }],
                warning: false,
                reason: None,
                help: Some("do not".to_owned()),
                matched: vec![Matched {
                    module: "a".to_owned(),
                    role: "source",
                    layer: None,
                    entry: Some("a".to_owned()),
                    preset: None,
                    line: 3,
                    column: 11,
                }],
            }],
            errors: vec![FileError {
                file: "b.rs".to_owned(),
                line: 2,
                column: 1,
                message: "unterminated block comment".to_owned(),
            }],
            files: 2,
        }
    }

    #[test]
    fn summaries_and_outcomes_survive_a_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("a.rs");
        std::fs::write(&src, SRC).unwrap();
        let now = Stamp::of(&src).unwrap();
        let (summary, bytes, symbols) = summarized();
        let cache = CheckCache::default();
        cache.insert(&src, stamp(1), 7, false, bytes);
        cache.set_outcome(
            9,
            vec![src.clone()],
            vec![(dir.path().join("b.rs"), false)],
            report(),
        );
        let file = dir.path().join("cache");
        cache.save(&file).unwrap();

        let again = CheckCache::load(&file);
        assert_eq!(
            again.by_stamp(&src, stamp(1), false, &symbols),
            Some(summary.clone())
        );
        assert_eq!(again.by_stamp(&src, stamp(1), true, &symbols), None);
        assert_eq!(again.by_stamp(&src, stamp(2), false, &symbols), None);
        assert_eq!(
            again.by_hash(&src, stamp(2), 7, false, &symbols),
            Some(summary)
        );
        assert_eq!(again.by_hash(&src, stamp(2), 8, false, &symbols), None);
        assert_eq!(
            again.by_stamp(&dir.path().join("c.rs"), stamp(1), false, &symbols),
            None
        );
        // Stamp and content hash differ from the recorded ones (7 is not
        // its hash), but the rescanned summary is the same: reused.
        assert_eq!(again.outcome(9), Some(report()));

        let cache = CheckCache::default();
        let (_, bytes, _) = summarized();
        cache.insert(&src, now, content_hash(SRC.as_bytes()), false, bytes);
        cache.set_outcome(
            9,
            vec![src.clone()],
            vec![(dir.path().join("b.rs"), false)],
            report(),
        );
        cache.save(&file).unwrap();
        let again = CheckCache::load(&file);
        assert_eq!(again.outcome(8), None);
        assert_eq!(again.outcome(9), Some(report()));
        // A comment changes the content, not the summary.
        std::fs::write(&src, SRC.replacen(";\n", "; // more\n", 1)).unwrap();
        assert_eq!(CheckCache::load(&file).outcome(9), Some(report()));
        std::fs::write(&src, format!("use tokio::net;\n{SRC}")).unwrap();
        assert_eq!(CheckCache::load(&file).outcome(9), None);
        std::fs::write(&src, SRC).unwrap();
        // A file appearing where the module tree found none voids it.
        std::fs::write(dir.path().join("b.rs"), "").unwrap();
        assert_eq!(CheckCache::load(&file).outcome(9), None);
    }

    #[test]
    fn of_two_entries_for_one_path_the_later_is_saved() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.rs"), dir.path().join("b.rs"));
        let (summary, bytes, symbols) = summarized();
        let cache = CheckCache::default();
        cache.insert(&a, stamp(1), 7, false, bytes.clone());
        cache.insert(&b, stamp(1), 7, false, bytes.clone());
        // Read again with the other edition: the later entry counts.
        cache.insert(&a, stamp(2), 8, true, bytes);
        let file = dir.path().join("cache");
        cache.save(&file).unwrap();
        let again = CheckCache::load(&file);
        assert_eq!(again.by_stamp(&a, stamp(1), false, &symbols), None);
        assert_eq!(
            again.by_stamp(&a, stamp(2), true, &symbols),
            Some(summary.clone())
        );
        assert_eq!(again.by_stamp(&b, stamp(1), false, &symbols), Some(summary));
    }

    #[test]
    fn what_checking_an_outcome_found_serves_the_walk() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("a.rs");
        let (probe, gone) = (dir.path().join("b.rs"), dir.path().join("c.rs"));
        std::fs::write(&src, SRC).unwrap();
        std::fs::write(&probe, "").unwrap();
        let (_, bytes, _) = summarized();
        let cache = CheckCache::default();
        let now = Stamp::of(&src).unwrap();
        cache.insert(&src, now, content_hash(SRC.as_bytes()), false, bytes);
        cache.set_outcome(9, vec![src.clone()], vec![(probe.clone(), true)], report());
        let file = dir.path().join("cache");
        cache.save(&file).unwrap();
        // Nothing known before the outcome is checked.
        let again = CheckCache::load(&file);
        assert_eq!(again.is_file(&src), None);
        std::fs::write(&src, format!("use tokio::net;\n{SRC}")).unwrap();
        std::fs::remove_file(&probe).unwrap();
        assert_eq!(again.outcome(9), None);
        let changed = Stamp::of(&src).unwrap();
        assert_ne!(changed, now);
        assert_eq!(again.stamp(&src), Some(changed));
        // A changed file is looked at again; a probe is answered as found.
        assert_eq!(again.is_file(&src), None);
        assert_eq!(again.is_file(&probe), Some(false));
        assert_eq!(again.is_file(&gone), None);
        assert_eq!(again.stamp(&gone), None);
        // A file read before whose stamp did not change still is one.
        let (_, bytes, _) = summarized();
        let cache = CheckCache::default();
        cache.insert(&src, changed, 7, false, bytes);
        cache.set_outcome(9, vec![src.clone()], vec![(probe.clone(), true)], report());
        cache.save(&file).unwrap();
        let again = CheckCache::load(&file);
        assert_eq!(again.outcome(9), None);
        assert_eq!(again.is_file(&src), Some(true));
    }

    #[test]
    fn a_reused_workspace_carries_over_to_the_next_save() {
        let dir = tempfile::tempdir().unwrap();
        let manifest = dir.path().join("Cargo.toml");
        std::fs::write(&manifest, "[workspace]\n").unwrap();
        let ws = Workspace {
            root: dir.path().to_owned(),
            root_manifest: manifest.clone(),
            packages: Vec::new(),
        };
        let inputs = vec![(manifest.clone(), Stamp::of(&manifest))];
        let file = dir.path().join("cache");
        let cache = CheckCache::default();
        cache.set_workspace(&manifest, inputs, &ws);
        cache.save(&file).unwrap();
        let (_, bytes, _) = summarized();
        for round in 0..2 {
            let again = CheckCache::load(&file);
            let got = again.workspace(&manifest).expect("reused");
            assert_eq!(workspace_hash(&got), workspace_hash(&ws), "round {round}");
            again.insert(
                &dir.path().join("a.rs"),
                stamp(round),
                7,
                false,
                bytes.clone(),
            );
            again.save(&file).unwrap();
        }
        // Not asked for: not kept.
        let again = CheckCache::load(&file);
        again.insert(&dir.path().join("a.rs"), stamp(5), 7, false, bytes);
        again.save(&file).unwrap();
        assert!(CheckCache::load(&file).workspace(&manifest).is_none());
    }

    #[test]
    fn a_damaged_cache_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let (summary, bytes, symbols) = summarized();
        let cache = CheckCache::default();
        let src = dir.path().join("a.rs");
        cache.insert(&src, stamp(1), 7, false, bytes);
        cache.set_outcome(9, vec![src.clone()], Vec::new(), report());
        let file = dir.path().join("cache");
        cache.save(&file).unwrap();
        let pack = pack_path(&file);
        let (good, good_pack) = (std::fs::read(&file).unwrap(), std::fs::read(&pack).unwrap());
        let usable = |c: &CheckCache| {
            c.outcome.is_some() || c.by_stamp(&src, stamp(1), false, &symbols).is_some()
        };
        let trusted = |c: &CheckCache| {
            c.by_stamp(&src, stamp(1), false, &symbols)
                .is_none_or(|s| s == summary)
        };
        assert!(usable(&CheckCache::load(&file)));
        // Every truncation of the index or the pack, and a flipped byte
        // anywhere, is never trusted.
        for len in 0..good.len() {
            std::fs::write(&file, &good[..len]).unwrap();
            assert!(!usable(&CheckCache::load(&file)), "truncated at {len}");
        }
        std::fs::write(&file, &good).unwrap();
        for len in 0..good_pack.len() {
            std::fs::write(&pack, &good_pack[..len]).unwrap();
            assert!(!usable(&CheckCache::load(&file)), "pack truncated at {len}");
        }
        for i in (0..good.len()).step_by(7) {
            let mut bad = good.clone();
            bad[i] ^= 0x40;
            std::fs::write(&file, &bad).unwrap();
            assert!(trusted(&CheckCache::load(&file)), "flipped byte {i}");
        }
        std::fs::write(&file, &good).unwrap();
        for i in 0..good_pack.len() {
            let mut bad = good_pack.clone();
            bad[i] ^= 0x40;
            std::fs::write(&pack, &bad).unwrap();
            assert!(trusted(&CheckCache::load(&file)), "flipped pack byte {i}");
            if i >= PACK_HEADER {
                let c = CheckCache::load(&file);
                assert!(c.by_stamp(&src, stamp(1), false, &symbols).is_none());
            }
        }
        // Another version's files are not read, nor a pack of another index.
        let version = MAGIC.len();
        for (path, good, at) in [
            (&file, &good, version),
            (&pack, &good_pack, PACK_MAGIC.len()),
        ] {
            let mut other = good.clone();
            other[at..at + 4].copy_from_slice(&3u32.to_le_bytes());
            std::fs::write(path, &other).unwrap();
            assert!(!usable(&CheckCache::load(&file)));
            std::fs::write(path, good).unwrap();
        }
        let mut other = good_pack.clone();
        other[PACK_HEADER - 1] ^= 1;
        std::fs::write(&pack, &other).unwrap();
        assert!(!usable(&CheckCache::load(&file)));
        std::fs::write(&pack, &good_pack).unwrap();
        assert!(usable(&CheckCache::load(&file)));
        std::fs::remove_file(&pack).unwrap();
        assert!(!usable(&CheckCache::load(&file)));
        assert!(!usable(&CheckCache::load(&dir.path().join("missing"))));
    }

    /// A writer taking at most two slices and five bytes per call,
    /// interrupted once.
    #[derive(Default)]
    struct Short {
        written: Vec<u8>,
        calls: usize,
    }

    impl Write for Short {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.write_vectored(&[std::io::IoSlice::new(buf)])
        }

        fn write_vectored(&mut self, bufs: &[std::io::IoSlice<'_>]) -> std::io::Result<usize> {
            self.calls += 1;
            if self.calls == 2 {
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            let mut n = 0;
            for b in bufs.iter().take(2) {
                let take = b.len().min(5 - n);
                self.written.extend_from_slice(&b[..take]);
                n += take;
                if n == 5 {
                    break;
                }
            }
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn pack_parts_are_written_whole_through_short_writes() {
        let parts: [&[u8]; 6] = [b"head", b"", b"abcdefgh", b"i", b"", b"jklmnopqrstu"];
        let mut out = Short::default();
        write_parts(&mut out, &parts).unwrap();
        assert_eq!(out.written, parts.concat());
        let mut out = Short::default();
        write_parts(&mut out, &[b"", b""]).unwrap();
        assert_eq!((out.written.len(), out.calls), (0, 0));
    }

    #[test]
    fn new_summaries_are_appended_and_the_pack_compacted_when_half_stale() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cache");
        let pack = pack_path(&file);
        let (summary, bytes, symbols) = summarized();
        let path = |i: u64| dir.path().join(format!("f{i}.rs"));
        let cache = CheckCache::default();
        for i in 0..4 {
            cache.insert(&path(i), stamp(i), i, false, bytes.clone());
        }
        cache.save(&file).unwrap();
        let first = std::fs::read(&pack).unwrap();
        // Three kept, one new: appended, the rest of the pack untouched.
        let again = CheckCache::load(&file);
        for i in 1..4 {
            assert!(
                again
                    .by_stamp(&path(i), stamp(i), false, &symbols)
                    .is_some()
            );
        }
        again.insert(&path(9), stamp(9), 9, false, bytes.clone());
        again.save(&file).unwrap();
        let second = std::fs::read(&pack).unwrap();
        assert_eq!(second.len(), first.len() + bytes.len());
        assert_eq!(second[..first.len()], first[..]);
        let again = CheckCache::load(&file);
        for i in [1, 2, 3, 9] {
            let got = again.by_stamp(&path(i), stamp(i), false, &symbols);
            assert_eq!(got.as_ref(), Some(&summary), "{i}");
        }
        assert!(
            again
                .by_stamp(&path(0), stamp(0), false, &symbols)
                .is_none()
        );
        // One kept of five: a new pack with only what is referenced.
        let again = CheckCache::load(&file);
        assert!(
            again
                .by_stamp(&path(9), stamp(9), false, &symbols)
                .is_some()
        );
        again.save(&file).unwrap();
        let third = std::fs::read(&pack).unwrap();
        assert_eq!(third.len(), PACK_HEADER + bytes.len());
        assert_ne!(third[..PACK_HEADER], first[..PACK_HEADER]);
        let again = CheckCache::load(&file);
        let got = again.by_stamp(&path(9), stamp(9), false, &symbols);
        assert_eq!(got, Some(summary));
        assert!(
            again
                .by_stamp(&path(1), stamp(1), false, &symbols)
                .is_none()
        );
    }
}

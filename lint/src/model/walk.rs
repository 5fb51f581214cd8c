//! The module-tree walk: every target's root file, then the files its `mod`
//! declarations (`#[path]`, inline modules, `include!`) lead to, read and
//! scanned (or taken from the check cache) in parallel.

use std::ffi::{OsStr, OsString};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use super::{Builder, FileId, ModuleId, Occurrence, SourceFile, TargetInfo};
use crate::cache::CheckCache;
use crate::fingerprint::{BytesMap, Stamp, content_hash};
use crate::report::FileError;
use crate::scan::Pos;
use crate::summary::{FileSummary, ScopeShape, Symbols};
use crate::workspace::{Edition, TargetKind};

/// How deep `mod` declarations may nest before the tree is cut off (guards
/// against `#[path]` loops that lexical normalisation cannot see).
const MAX_DEPTH: usize = 64;

/// A file waiting to be read as part of a module.
struct Job {
    module: ModuleId,
    /// Directory where `mod x;` of the file's top level looks for children.
    dir: PathBuf,
    /// The file, then the files on the way from the target root (to
    /// detect `#[path]` cycles).
    ancestors: Arc<Ancestors>,
}

impl Job {
    /// The job's file.
    fn path(&self) -> &Path {
        &self.ancestors.path
    }
}

/// The files on the way from a target root to a job's file, the job's own
/// first: shared between jobs rather than copied for each.
struct Ancestors {
    path: PathBuf,
    depth: usize,
    up: Option<Arc<Ancestors>>,
}

impl Ancestors {
    fn contains(&self, path: &Path) -> bool {
        let mut at = Some(self);
        while let Some(a) = at {
            if a.path == path {
                return true;
            }
            at = a.up.as_deref();
        }
        false
    }
}

/// A file's summary, or why it has none: (line, column, message).
type Read = Result<FileSummary, (u32, u32, String)>;

/// A file read, with what the walk needs of it, found on the worker that
/// read it.
struct Found {
    read: Read,
    /// Its path relative to the workspace root.
    rel: String,
    plan: Option<Plan>,
}

/// What expanding a file read from `dir` looks at, found ahead of it.
pub(super) struct Plan {
    dir: PathBuf,
    /// The directories of the file's scopes.
    scope_dirs: ScopeDirs,
    /// The paths expanding will probe, in that order, with whether each
    /// is a file.
    probes: Vec<(PathBuf, bool)>,
}

/// A file being read ahead of its wave: read once, by the thread that
/// claims it first, and taken by its wave.
type Slot = Arc<AheadRead>;

/// See [`Slot`].
#[derive(Default)]
struct AheadRead {
    /// Whether a thread has started reading the file.
    claimed: AtomicBool,
    /// The file's stamp from the probe that found it, when it took one.
    stamp: Option<Stamp>,
    found: OnceLock<Mutex<Option<Found>>>,
}

impl AheadRead {
    /// True for the first thread to ask.
    fn claim(&self) -> bool {
        !self.claimed.swap(true, Ordering::AcqRel)
    }
}

/// Files read ahead of their wave, by path, with the edition they are
/// read with: as soon as a file is read, the files its declarations name
/// are, so that no thread waits for the end of a wave. Numbering still
/// follows the waves, whatever order reads finish in.
#[derive(Default)]
struct Ahead(Mutex<BytesMap<OsString, (bool, Slot)>>);

impl Ahead {
    /// The slot of `path`, made when new, with `stamp` (`None`: read ahead
    /// with the other edition).
    fn slot(&self, path: &Path, e2015: bool, stamp: Option<Stamp>) -> (Option<Slot>, bool) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match map.get(path.as_os_str()) {
            Some((e, slot)) => ((*e == e2015).then(|| slot.clone()), false),
            None => {
                let slot = Slot::new(AheadRead {
                    stamp,
                    ..AheadRead::default()
                });
                map.insert(path.as_os_str().to_owned(), (e2015, slot.clone()));
                (Some(slot), true)
            }
        }
    }
}

/// What reading a file needs besides its path.
#[derive(Clone, Copy)]
struct Reader<'a> {
    cache: Option<&'a CheckCache>,
    symbols: &'a Mutex<Symbols>,
    ahead: &'a Ahead,
    /// The workspace root.
    root: &'a Path,
}

impl<'a> Reader<'a> {
    /// Reads `path` (from `dir`) and looks for the files it names, then
    /// starts reading those in `scope`.
    fn read<'s>(
        self,
        scope: &rayon::Scope<'s>,
        path: &Path,
        dir: &Path,
        e2015: bool,
        stamp: Option<Stamp>,
    ) -> Found
    where
        'a: 's,
    {
        let read = read_and_summarize(path, e2015, stamp, self.cache, self.symbols);
        let (plan, children) = match &read {
            Ok(scan) => probes_ahead(path, dir, scan, self.symbols, self.cache),
            Err(_) => Default::default(),
        };
        for (child, dir, stamp) in children {
            self.read_ahead(scope, child, dir, e2015, stamp);
        }
        Found {
            read,
            rel: relative(self.root, path),
            plan,
        }
    }

    /// Starts reading `path` in `scope` unless it is read or being read
    /// (`stamp`: the file's, when the probe that found it took one).
    fn read_ahead<'s>(
        self,
        scope: &rayon::Scope<'s>,
        path: PathBuf,
        dir: PathBuf,
        e2015: bool,
        stamp: Option<Stamp>,
    ) where
        'a: 's,
    {
        let (Some(slot), true) = self.ahead.slot(&path, e2015, stamp) else {
            return;
        };
        scope.spawn(move |scope| {
            // The walk may have needed it first, and read it itself.
            if slot.claim() {
                let read = || Mutex::new(Some(self.read(scope, &path, &dir, e2015, slot.stamp)));
                slot.found.get_or_init(read);
            }
        });
    }

    /// The file at `path` once it is read (it must have been started with
    /// [`Reader::read_ahead`]): read here when no thread has started it
    /// (the walk goes through files in order, workers read ahead), else,
    /// until it is read, this thread reads others. Read now when it was
    /// read ahead with the other edition.
    fn take<'s>(self, scope: &rayon::Scope<'s>, path: &Path, dir: &Path, e2015: bool) -> Found
    where
        'a: 's,
    {
        let (slot, _) = self.ahead.slot(path, e2015, None);
        let found = slot.and_then(|slot| {
            if slot.claim() {
                let read = || Mutex::new(Some(self.read(scope, path, dir, e2015, slot.stamp)));
                slot.found.get_or_init(read);
            }
            let cell = loop {
                if let Some(cell) = slot.found.get() {
                    break cell;
                }
                // With nothing else to do, the file is being read on
                // another thread.
                match rayon::yield_now() {
                    Some(rayon::Yield::Executed) => {}
                    _ => break slot.found.wait(),
                }
            };
            cell.lock().unwrap_or_else(|e| e.into_inner()).take()
        });
        found.unwrap_or_else(|| self.read(scope, path, dir, e2015, None))
    }
}

/// A file to read: its path, the directory of its declarations, whether
/// with edition 2015 rules and its stamp when its probe took one.
type ToRead = (PathBuf, PathBuf, bool, Option<Stamp>);

/// A file a declaration names, with the directory of its own declarations
/// and its stamp when its probe took one.
type Child = (PathBuf, PathBuf, Option<Stamp>);

/// What the walk keeps between waves.
#[derive(Default)]
pub(super) struct Walk {
    /// The id of each file read, by path.
    file_ids: BytesMap<OsString, FileId>,
    /// What expanding each file looks at, found while reading it.
    plans: Vec<Option<Plan>>,
    /// Whether each target root is a file, with its stamp when the probe
    /// took one.
    probed: BytesMap<OsString, Probed>,
}

impl Builder<'_> {
    /// Creates every target's root module and follows `mod` declarations
    /// breadth-first, reading each wave of files in parallel.
    pub(super) fn read_trees(&mut self) {
        let mut jobs = Vec::new();
        let ws = self.ws;
        let roots: Vec<&Path> = ws
            .packages
            .iter()
            .flat_map(|p| p.targets.iter().map(|t| t.root.as_path()))
            .collect();
        self.prefetch(roots.par_iter().map(|p| p.to_path_buf()).collect());
        for (pi, pkg) in ws.packages.iter().enumerate() {
            let pkg_seg = pkg.name.replace('-', "_");
            let mut targets: Vec<_> = pkg.targets.iter().collect();
            // The library first, so that other targets can see it.
            targets.sort_by_key(|t| t.kind);
            for t in targets {
                // Like `cargo package`, a target whose root file is gone
                // (vendored crates drop their tests and benches) is skipped.
                if !self.probe(&t.root) {
                    continue;
                }
                let segments = match t.kind {
                    TargetKind::Lib => vec![t.name.replace('-', "_")],
                    TargetKind::Build => vec![pkg_seg.clone(), "build".to_owned()],
                    kind => vec![
                        pkg_seg.clone(),
                        match kind {
                            TargetKind::Bin => "bin",
                            TargetKind::Test => "test",
                            TargetKind::Example => "example",
                            _ => "bench",
                        }
                        .to_owned(),
                        t.name.replace('-', "_"),
                    ],
                };
                let dev = matches!(
                    t.kind,
                    TargetKind::Test | TargetKind::Example | TargetKind::Bench
                );
                let ti = self.model.targets.len();
                let root = self.new_module(segments, None, ti, dev, None);
                let lib_seg = t.name.replace('-', "_");
                self.model.targets.push(TargetInfo {
                    package: pi,
                    kind: t.kind,
                    root,
                    edition: t.edition.unwrap_or(pkg.edition),
                    package_alias: (t.kind == TargetKind::Lib && lib_seg != pkg_seg)
                        .then(|| pkg_seg.clone()),
                });
                if t.kind == TargetKind::Lib {
                    self.lib_roots[pi] = Some(root);
                }
                let dir = t.root.parent().map(Path::to_path_buf).unwrap_or_default();
                jobs.push(Job {
                    ancestors: Arc::new(Ancestors {
                        path: normalize(t.root.clone()),
                        depth: 1,
                        up: None,
                    }),
                    module: root,
                    dir,
                });
            }
        }
        // The interner is shared with the reads ahead, which outlive a wave.
        let symbols = std::mem::take(&mut self.symbols);
        let ahead = Ahead::default();
        let reader = Reader {
            cache: self.cache,
            symbols: &symbols,
            ahead: &ahead,
            root: &ws.root,
        };
        // The walk itself runs on a worker, which reads files while the
        // next one it needs is being read (see `Reader::take`).
        rayon::scope(|scope| {
            while !jobs.is_empty() {
                let (todo, at) = self.plan_wave(&jobs);
                // Every file is started on the pool, then taken in order
                // here as soon as it is read, and each job expanded once
                // its file is: the walk goes on while the others are read.
                for (p, dir, e2015, stamp) in &todo {
                    reader.read_ahead(scope, p.clone(), dir.clone(), *e2015, *stamp);
                }
                self.walk.file_ids.reserve(todo.len());
                let mut todo = todo.into_iter();
                let mut taken = 0;
                let mut next = Vec::new();
                for (job, at) in jobs.into_iter().zip(at) {
                    while at.is_some_and(|i| taken <= i) {
                        let Some((path, dir, e2015, _)) = todo.next() else {
                            break;
                        };
                        let found = reader.take(scope, &path, &dir, e2015);
                        self.register(path, found);
                        taken += 1;
                    }
                    self.expand(job, &mut next, &symbols);
                }
                for (path, dir, e2015, _) in todo {
                    let found = reader.take(scope, &path, &dir, e2015);
                    self.register(path, found);
                }
                jobs = next;
            }
        });
        self.symbols = symbols;
        self.model.source_files = self.model.files.len();
    }

    /// The files of `jobs` not read yet, each once, with the directory of
    /// its first job and the edition of its last; and the index in that
    /// list of each job's file (`None`: read in an earlier wave).
    fn plan_wave(&self, jobs: &[Job]) -> (Vec<ToRead>, Vec<Option<usize>>) {
        let mut todo: Vec<ToRead> = Vec::new();
        let mut at = Vec::with_capacity(jobs.len());
        let mut queued: BytesMap<&OsStr, usize> = BytesMap::default();
        for job in jobs {
            if self.walk.file_ids.contains_key(job.path().as_os_str()) {
                at.push(None);
                continue;
            }
            let t = &self.model.targets[self.model.modules[job.module].target];
            let e2015 = t.edition == Edition::E2015;
            match queued.get(job.path().as_os_str()) {
                Some(&i) => {
                    todo[i].2 = e2015;
                    at.push(Some(i));
                }
                None => {
                    queued.insert(job.path().as_os_str(), todo.len());
                    at.push(Some(todo.len()));
                    let stamp = self
                        .walk
                        .probed
                        .get(job.path().as_os_str())
                        .and_then(|p| p.1);
                    todo.push((job.path().to_path_buf(), job.dir.clone(), e2015, stamp));
                }
            }
        }
        (todo, at)
    }

    /// Gives the file read at `path` the next id.
    fn register(&mut self, path: PathBuf, found: Found) {
        let id = self.model.files.len();
        let Found { read, rel, plan } = found;
        match read {
            Ok(scan) => {
                for e in &scan.errors {
                    self.model.errors.push(FileError {
                        file: rel.clone(),
                        line: e.pos.line,
                        column: e.pos.column,
                        message: e.message.clone(),
                    });
                }
                self.scans.push(Some(scan));
            }
            Err((line, column, message)) => {
                self.model.errors.push(FileError {
                    file: rel.clone(),
                    line,
                    column,
                    message,
                });
                self.scans.push(None);
            }
        }
        self.walk.plans.push(plan);
        self.model.files.push(SourceFile {
            path: path.clone(),
            rel,
        });
        self.walk.file_ids.insert(path.into_os_string(), id);
    }

    /// Records the occurrence of a read file and queues its child modules.
    fn expand(&mut self, job: Job, next: &mut Vec<Job>, symbols: &Mutex<Symbols>) {
        let Some(&file) = self.walk.file_ids.get(job.path().as_os_str()) else {
            return;
        };
        let occ = self.occurrences.len();
        self.occurrences.push(Occurrence {
            file,
            module: job.module,
            inline: Vec::new(),
        });
        self.module_scopes[job.module].push((occ, 0));
        let Some(scan) = self.scans[file].take() else {
            return;
        };
        let file_dir = job.path().parent().unwrap_or(Path::new(""));
        // What reading the file found ahead, when read from this job's
        // directory; given back for the file's other occurrences.
        let plan = self.walk.plans[file]
            .take()
            .filter(|plan| plan.dir == job.dir);
        let (scope_dirs, ahead) = match plan {
            Some(Plan {
                dir,
                scope_dirs,
                probes,
            }) => (Some(scope_dirs), Some((dir, probes))),
            None => (None, None),
        };
        let mut scope_dirs = scope_dirs;
        let mut at = 0;
        let probes_ahead: &[(PathBuf, bool)] = ahead.as_ref().map_or(&[], |(_, p)| p);
        // Walk scopes in order; parents come before children, so the module
        // of each scope's parent is known when it is reached.
        let mut scope_module: Vec<ModuleId> = Vec::with_capacity(scan.scopes.len());
        for (si, scope) in scan.scopes.iter().enumerate() {
            let module = match (scope.shape, scope.parent) {
                (ScopeShape::File, _) | (_, None) => job.module,
                (ScopeShape::Block, Some(p)) => scope_module[p as usize],
                (ScopeShape::Module(name), Some(p)) => {
                    let p = p as usize;
                    let name = {
                        let symbols = symbols.lock().unwrap_or_else(|e| e.into_inner());
                        symbols.name(name).to_owned()
                    };
                    let parent_module = scope_module[p];
                    let decl = scan
                        .mods
                        .iter()
                        .find(|(ds, d)| *ds as usize == p && d.inline == Some(si))
                        .map(|(_, d)| d);
                    let (dev, pos) = match decl {
                        Some(d) => (d.dev, d.pos),
                        None => (scope.dev, Pos::default()),
                    };
                    let child = self.child_module(parent_module, &name, dev, Some((file, pos)));
                    self.occurrences[occ].inline.push((si, child));
                    self.module_scopes[child].push((occ, si));
                    child
                }
            };
            scope_module.push(module);
        }
        let (mut mods, mut includes) =
            (scan.mods.iter().peekable(), scan.includes.iter().peekable());
        let mut candidates = Vec::new();
        for (si, &module) in scope_module.iter().enumerate() {
            while let Some((_, decl)) = mods.next_if(|(s, _)| *s as usize == si) {
                if decl.inline.is_some() {
                    continue;
                }
                let parent = module;
                let child = self.child_module(parent, &decl.name, decl.dev, Some((file, decl.pos)));
                let scope_dirs = scope_dirs
                    .get_or_insert_with(|| ScopeDirs::of(&job.dir, file_dir, &scan, symbols));
                // cfg is never evaluated: with only `cfg_attr` paths, the
                // default file is one more alternative.
                if !decl.fixed_path {
                    let sub = scope_dirs.dir(si).join(&decl.name);
                    let flat = with_rs(&sub);
                    if self.probe_ahead(&flat, probes_ahead, &mut at) {
                        candidates.push((flat, sub));
                    } else {
                        let nested = sub.join("mod.rs");
                        if self.probe_ahead(&nested, probes_ahead, &mut at) {
                            candidates.push((nested, sub));
                        }
                    }
                }
                for p in &decl.paths {
                    let base: &Path = if scope_dirs.inline(si) {
                        scope_dirs.dir(si)
                    } else {
                        file_dir
                    };
                    let f = base.join(p);
                    if self.probe_ahead(&f, probes_ahead, &mut at) {
                        let dir = own_dir(&f);
                        candidates.push((f, dir));
                    }
                }
                for (path, dir) in candidates.drain(..) {
                    self.queue(&job, path, child, dir, (file, decl.pos), next);
                }
            }
            while let Some((_, inc)) = includes.next_if(|(s, _)| *s as usize == si) {
                let f = file_dir.join(&inc.path);
                if self.probe_ahead(&f, probes_ahead, &mut at) {
                    let dir = own_dir(&f);
                    self.queue(&job, f, module, dir, (file, inc.pos), next);
                }
            }
        }
        self.scans[file] = Some(scan);
        if let (Some((dir, probes)), Some(scope_dirs)) = (ahead, scope_dirs) {
            self.walk.plans[file] = Some(Plan {
                dir,
                scope_dirs,
                probes,
            });
        }
    }

    /// Finds out in parallel which of `paths` are files, for [`Self::probe`].
    fn prefetch(&mut self, paths: Vec<PathBuf>) {
        let cache = self.cache;
        let found: Vec<(OsString, Probed)> = paths
            .into_par_iter()
            .map(|p| {
                let probed = probe_path(&p, cache);
                (p.into_os_string(), probed)
            })
            .collect();
        self.walk.probed.extend(found);
    }

    /// Whether `path` is a file, remembered for the cache.
    fn probe(&mut self, path: &Path) -> bool {
        let known = self.walk.probed.get(path.as_os_str()).map(|p| p.0);
        let is_file = known.unwrap_or_else(|| probe_path(path, self.cache).0);
        self.record_probe(path, is_file);
        is_file
    }

    /// [`Self::probe`], looking first in `ahead`, the probes found while
    /// reading the file, in the order they are made (`at` is the next).
    fn probe_ahead(&mut self, path: &Path, ahead: &[(PathBuf, bool)], at: &mut usize) -> bool {
        let same = |p: &PathBuf| p.as_os_str() == path.as_os_str();
        let found = match ahead.get(*at) {
            Some((p, is_file)) if same(p) => {
                *at += 1;
                Some(*is_file)
            }
            _ => ahead.iter().find(|(p, _)| same(p)).map(|&(_, f)| f),
        };
        match found {
            Some(is_file) => {
                self.record_probe(path, is_file);
                is_file
            }
            None => self.probe(path),
        }
    }

    /// Notes that the walk looked for `path` (what a cached outcome
    /// depends on; not kept without a cache).
    fn record_probe(&mut self, path: &Path, is_file: bool) {
        if self.cache.is_some() {
            self.model.probes.push((path.to_path_buf(), is_file));
        }
    }

    fn queue(
        &mut self,
        job: &Job,
        path: PathBuf,
        module: ModuleId,
        dir: PathBuf,
        decl: (FileId, Pos),
        next: &mut Vec<Job>,
    ) {
        let path = normalize(path);
        if job.ancestors.contains(&path) || job.ancestors.depth >= MAX_DEPTH {
            let rel = self.model.files[decl.0].rel.clone();
            self.model.errors.push(FileError {
                file: rel,
                line: decl.1.line,
                column: decl.1.column,
                message: format!(
                    "module cycle: `{}` includes itself through `#[path]` or `include!`",
                    self.rel(&path)
                ),
            });
            return;
        }
        let ancestors = Arc::new(Ancestors {
            path,
            depth: job.ancestors.depth + 1,
            up: Some(job.ancestors.clone()),
        });
        next.push(Job {
            module,
            dir,
            ancestors,
        });
    }

    fn child_module(
        &mut self,
        parent: ModuleId,
        name: &str,
        dev: bool,
        decl: Option<(FileId, Pos)>,
    ) -> ModuleId {
        if let Some(&c) = self.model.modules[parent].children.get(name) {
            return c;
        }
        let mut segments = self.model.modules[parent].segments.clone();
        segments.push(name.to_owned());
        let target = self.model.modules[parent].target;
        let dev = dev || self.model.modules[parent].dev;
        let id = self.new_module(segments, Some(parent), target, dev, decl);
        self.model.modules[parent]
            .children
            .insert(name.to_owned(), id);
        id
    }
}

/// The directory where `mod x;` looks for children in each scope of a
/// file, and whether the scope is in an inline module. Blocks share their
/// parent's directory rather than a copy.
struct ScopeDirs {
    dirs: Vec<PathBuf>,
    /// Each scope's directory (an index of `dirs`) and whether it is inline.
    of: Vec<(usize, bool)>,
}

impl ScopeDirs {
    /// The directories of `scan`'s scopes (the file in `file_dir`, read
    /// from `dir`). Parents come before children, so each parent's is
    /// known when a scope is reached.
    fn of(dir: &Path, file_dir: &Path, scan: &FileSummary, symbols: &Mutex<Symbols>) -> ScopeDirs {
        let mut dirs = vec![dir.to_path_buf()];
        let mut of: Vec<(usize, bool)> = Vec::with_capacity(scan.scopes.len());
        for (si, scope) in scan.scopes.iter().enumerate() {
            let at = match (scope.shape, scope.parent) {
                (ScopeShape::File, _) | (_, None) => (0, false),
                (ScopeShape::Block, Some(p)) => of[p as usize],
                (ScopeShape::Module(name), Some(p)) => {
                    let p = p as usize;
                    let first = scan
                        .mods
                        .iter()
                        .find(|(ds, d)| *ds as usize == p && d.inline == Some(si))
                        .and_then(|(_, d)| d.paths.first());
                    let parent = &dirs[of[p].0];
                    let dir = match first {
                        // As rustc does: relative to the directory the
                        // file is in, even in a non-mod.rs file (whose
                        // own modules are in the directory of its name).
                        Some(p0) if !of[p].1 => file_dir.join(p0),
                        Some(p0) => parent.join(p0),
                        None => {
                            let symbols = symbols.lock().unwrap_or_else(|e| e.into_inner());
                            parent.join(symbols.name(name))
                        }
                    };
                    dirs.push(dir);
                    (dirs.len() - 1, true)
                }
            };
            of.push(at);
        }
        ScopeDirs { dirs, of }
    }

    fn len(&self) -> usize {
        self.of.len()
    }

    fn dir(&self, si: usize) -> &PathBuf {
        &self.dirs[self.of[si].0]
    }

    fn inline(&self, si: usize) -> bool {
        self.of[si].1
    }
}

/// What expanding `scan` (the file at `path`, read from `dir`) will look
/// at: the directories of its scopes and the paths it will probe for its
/// `mod` declarations and `include!`s, in that order, each with whether it
/// is a file (found here, in parallel with reading, rather than one after
/// the other while expanding); and the files it will queue, with their
/// directories. `None` when it has nothing to look for.
fn probes_ahead(
    path: &Path,
    dir: &Path,
    scan: &FileSummary,
    symbols: &Mutex<Symbols>,
    cache: Option<&CheckCache>,
) -> (Option<Plan>, Vec<Child>) {
    if scan.mods.iter().all(|(_, d)| d.inline.is_some()) && scan.includes.is_empty() {
        return Default::default();
    }
    let file_dir = path.parent().unwrap_or(Path::new(""));
    let scope_dirs = ScopeDirs::of(dir, file_dir, scan, symbols);
    let mut out = Vec::new();
    let mut children = Vec::new();
    // `Some` when a file, with the stamp its read can use.
    let mut look = |p: &Path| {
        let (is_file, stamp) = probe_path(p, cache);
        out.push((p.to_path_buf(), is_file));
        is_file.then_some(stamp)
    };
    // Scope by scope, declarations then `include!`s, as `expand` goes.
    let (mut mods, mut includes) = (scan.mods.iter().peekable(), scan.includes.iter().peekable());
    for si in 0..scope_dirs.len() {
        while let Some((_, decl)) = mods.next_if(|(s, _)| *s as usize == si) {
            if decl.inline.is_some() {
                continue;
            }
            if !decl.fixed_path {
                let sub = scope_dirs.dir(si).join(&decl.name);
                let flat = with_rs(&sub);
                if let Some(stamp) = look(&flat) {
                    children.push((normalize(flat), sub, stamp));
                } else {
                    let nested = sub.join("mod.rs");
                    if let Some(stamp) = look(&nested) {
                        children.push((normalize(nested), sub, stamp));
                    }
                }
            }
            for p in &decl.paths {
                let base = if scope_dirs.inline(si) {
                    scope_dirs.dir(si)
                } else {
                    file_dir
                };
                let f = base.join(p);
                if let Some(stamp) = look(&f) {
                    let dir = own_dir(&f);
                    children.push((normalize(f), dir, stamp));
                }
            }
        }
        while let Some((_, inc)) = includes.next_if(|(s, _)| *s as usize == si) {
            let f = file_dir.join(&inc.path);
            if let Some(stamp) = look(&f) {
                let dir = own_dir(&f);
                children.push((normalize(f), dir, stamp));
            }
        }
    }
    let plan = Plan {
        dir: dir.to_path_buf(),
        scope_dirs,
        probes: out,
    };
    (Some(plan), children)
}

/// The directory of the `mod` declarations of a file read through
/// `#[path]` or `include!`: its own, as for a `mod.rs`, wherever the
/// attribute or the `include!` stands (rustc reads
/// `include!("gen/parts.rs")` holding `mod part;` as `gen/part.rs` or
/// `gen/part/mod.rs`).
fn own_dir(file: &Path) -> PathBuf {
    file.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Whether a path is a file, with its stamp when a cache will need it.
type Probed = (bool, Option<Stamp>);

/// Whether `path` is a file (following symbolic links), from what
/// `cache` found when it knows; otherwise looked at, and with a cache the
/// file's stamp is taken from that same `stat`, for its read.
fn probe_path(path: &Path, cache: Option<&CheckCache>) -> Probed {
    match cache {
        None => (path.is_file(), None),
        Some(cache) => match cache.is_file(path) {
            Some(is_file) => (is_file, None),
            None => match std::fs::metadata(path) {
                Ok(meta) if meta.is_file() => (true, Stamp::of_metadata(&meta)),
                _ => (false, None),
            },
        },
    }
}

/// `path` relative to `root`, `/`-separated (as it is when outside it).
fn relative(root: &Path, path: &Path) -> String {
    let p = path.strip_prefix(root).unwrap_or(path);
    let mut s = String::with_capacity(p.as_os_str().len());
    for (i, c) in p.components().enumerate() {
        if i > 0 {
            s.push('/');
        }
        s.push_str(&c.as_os_str().to_string_lossy());
    }
    s
}

/// `dir` (a module's directory, `…/x`) with `.rs` appended (`…/x.rs`),
/// what `parent.join(format!("{x}.rs"))` gives, in one allocation.
fn with_rs(dir: &Path) -> PathBuf {
    let mut s = OsString::with_capacity(dir.as_os_str().len() + 3);
    s.push(dir);
    s.push(".rs");
    PathBuf::from(s)
}

/// Removes `.` and `..` components without touching the file system.
fn normalize(path: PathBuf) -> PathBuf {
    // Most paths have nothing to remove: kept as they are.
    #[cfg(unix)]
    {
        let b = path.as_os_str().as_encoded_bytes();
        let plain = |b: &[u8]| {
            !b.is_empty()
                && b[0] != b'.'
                && b[b.len() - 1] != b'/'
                && !b.windows(2).any(|w| w == b"//" || w == b"/.")
        };
        if plain(b) {
            return path;
        }
    }
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

/// Reads a file as UTF-8 and scans it (or takes its summary from the
/// cache); an error is (line, column, message).
fn read_and_summarize(
    path: &Path,
    edition2015: bool,
    probed: Option<Stamp>,
    cache: Option<&CheckCache>,
    symbols: &std::sync::Mutex<Symbols>,
) -> Result<FileSummary, (u32, u32, String)> {
    let cannot_read = |e: std::io::Error| (1, 1, format!("cannot read file: {e}"));
    let mut file = None;
    let stamp = match cache {
        // Stamped by the probe that found it, before it is read.
        Some(_) if probed.is_some() => probed,
        Some(cache) if cache.has_entry(path) => cache.stamp(path),
        // Read for certain: stamped from the open file (one path lookup
        // rather than two).
        Some(_) => {
            let opened = std::fs::File::open(path).map_err(cannot_read)?;
            let stamp = opened
                .metadata()
                .ok()
                .and_then(|meta| Stamp::of_metadata(&meta));
            file = Some(opened);
            stamp
        }
        None => None,
    };
    if let (Some(cache), Some(stamp)) = (cache, stamp)
        && let Some(summary) = cache.by_stamp(path, stamp, edition2015, symbols)
    {
        return Ok(summary);
    }
    let mut file = match file {
        Some(file) => file,
        None => std::fs::File::open(path).map_err(cannot_read)?,
    };
    // The thread's buffer, taken (a nested read would get a fresh one)
    // and given back once the file is summarized.
    let mut buffer = BUFFER.take();
    let read = read_into(&mut file, &mut buffer, stamp.map(|s| s.size));
    drop(file);
    let result = read.map_err(cannot_read).and_then(|len| {
        summarize_bytes(path, &buffer.0[..len], stamp, edition2015, cache, symbols)
    });
    BUFFER.set(buffer);
    result
}

/// What [`read_and_summarize`] does with a file's bytes.
fn summarize_bytes(
    path: &Path,
    bytes: &[u8],
    stamp: Option<Stamp>,
    edition2015: bool,
    cache: Option<&CheckCache>,
    symbols: &std::sync::Mutex<Symbols>,
) -> Result<FileSummary, (u32, u32, String)> {
    let hash = cache.map(|_| content_hash(bytes));
    if let (Some(cache), Some(stamp), Some(hash)) = (cache, stamp, hash)
        && let Some(summary) = cache.by_hash(path, stamp, hash, edition2015, symbols)
    {
        return Ok(summary);
    }
    // The fast check first; the standard one tells where a bad file goes
    // wrong.
    match simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes)) {
        Ok(text) => {
            let (summary, encoded) =
                FileSummary::summarize(text, edition2015, symbols, cache.is_some());
            if let (Some(cache), Some(stamp), Some(hash), Some(encoded)) =
                (cache, stamp, hash, encoded)
            {
                cache.insert(path, stamp, hash, edition2015, encoded);
            }
            Ok(summary)
        }
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = std::str::from_utf8(&valid[line_start..])
                .map_or(1, |s| s.chars().count() as u32 + 1);
            Err((
                line,
                column,
                "file is not valid UTF-8; rustc cannot read it either".to_owned(),
            ))
        }
    }
}

/// Memory that file contents are read into, kept initialised: only the
/// start of it holds the file just read.
#[derive(Default)]
struct Buffer(Vec<u8>);

/// Size of a thread's buffer at first (most source files fit).
const FIRST_BUFFER: usize = 64 * 1024;

thread_local! {
    /// Each thread's buffer: a file's bytes are only needed until it is
    /// summarized, and memory used again spares the kernel clearing fresh
    /// pages for every file.
    static BUFFER: std::cell::Cell<Buffer> = const { std::cell::Cell::new(Buffer(Vec::new())) };
}

/// Frees the calling thread's buffer and its token buffers, kept from one
/// file to the next while files are read.
pub(super) fn release_buffers() {
    drop(BUFFER.take());
    crate::scan::release_buffers();
}

/// Reads `reader` to its end into `buffer` (grown as needed); returns how
/// many bytes it read, which are the start of the buffer. With `size`,
/// the length of the file's stamp, reading stops once that many bytes are
/// read: the content the stamp describes, without one more `read` to find
/// the end (one system call less per file; a file that changed since is
/// stamped differently next time, and read again).
fn read_into(
    reader: &mut impl std::io::Read,
    buffer: &mut Buffer,
    size: Option<u64>,
) -> std::io::Result<usize> {
    let buf = &mut buffer.0;
    if buf.is_empty() {
        buf.resize(FIRST_BUFFER, 0);
    }
    let mut len = 0;
    loop {
        if size.is_some_and(|s| s == len as u64) {
            return Ok(len);
        }
        if len == buf.len() {
            buf.resize(buf.len() * 2, 0);
        }
        match reader.read(&mut buf[len..]) {
            Ok(0) => return Ok(len),
            Ok(n) => len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_not_utf8_is_reported_where_it_goes_wrong() {
        let symbols = Mutex::default();
        let read =
            |bytes: &[u8]| summarize_bytes(Path::new("a.rs"), bytes, None, false, None, &symbols);
        let err = read(b"use a::b;\nfn \xC3\xA9t\xE9() {}\n").unwrap_err();
        assert_eq!(
            err,
            (
                2,
                6,
                "file is not valid UTF-8; rustc cannot read it either".to_owned()
            )
        );
        // Valid text, past the width of one SIMD block, is read.
        let long = format!("// {}\nuse a::b;\n", "\u{e9}".repeat(100));
        let summary = read(long.as_bytes()).unwrap();
        assert_eq!(summary.sites.len(), 1);
    }

    #[test]
    fn probes_ahead_are_the_paths_expand_looks_at() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("c")).unwrap();
        std::fs::write(root.join("a.rs"), "").unwrap();
        std::fs::write(root.join("c/d.rs"), "").unwrap();
        let text =
            "mod a;\nmod n;\n#[path = \"x.rs\"] mod b;\nmod c { mod d; }\ninclude!(\"g.rs\");\n";
        let symbols = Mutex::default();
        let (scan, _) = FileSummary::of(&crate::scan::scan(text, false), &symbols, false);
        let lib = root.join("lib.rs");
        let (plan, mut children) = probes_ahead(&lib, root, &scan, &symbols, None);
        let plan = plan.unwrap();
        assert_eq!(plan.dir, root);
        assert_eq!(plan.scope_dirs.dir(0), root);
        // In the order expanding makes them: scope by scope, declarations
        // then `include!`s.
        let order: Vec<&Path> = plan.probes.iter().map(|(p, _)| p.as_path()).collect();
        assert_eq!(
            order,
            [
                root.join("a.rs"),
                root.join("n.rs"),
                root.join("n").join("mod.rs"),
                root.join("x.rs"),
                root.join("g.rs"),
                root.join("c").join("d.rs"),
            ]
        );
        let mut got = plan.probes;
        got.sort();
        children.sort_by(|a, b| a.0.cmp(&b.0));
        let want_children = vec![
            (root.join("a.rs"), root.join("a"), None),
            (root.join("c").join("d.rs"), root.join("c").join("d"), None),
        ];
        assert_eq!(children, want_children);
        let mut want = vec![
            (root.join("a.rs"), true),
            (root.join("n.rs"), false),
            (root.join("n").join("mod.rs"), false),
            (root.join("x.rs"), false),
            (root.join("c").join("d.rs"), true),
            (root.join("g.rs"), false),
        ];
        want.sort();
        assert_eq!(got, want);
        // With a cache, the files found are stamped by their probe.
        let cache = CheckCache::default();
        let (_, children) = probes_ahead(&lib, root, &scan, &symbols, Some(&cache));
        assert_eq!(children.len(), 2);
        for (child, _, stamp) in children {
            assert!(stamp.is_some());
            assert_eq!(stamp, Stamp::of(&child));
        }
    }

    /// A reader handing out `data` in short pieces, interrupted once.
    struct Trickle<'a> {
        data: &'a [u8],
        interrupted: bool,
    }

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if !self.interrupted {
                self.interrupted = true;
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            let n = buf.len().min(self.data.len()).min(7_000);
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    #[test]
    fn files_are_read_whole_into_a_buffer_used_again() {
        let data: Vec<u8> = "mod é;\n"
            .bytes()
            .cycle()
            .take(3 * FIRST_BUFFER + 5)
            .collect();
        let mut buffer = Buffer::default();
        // Around the first size and its doublings, then shorter again.
        for len in [
            0,
            10,
            FIRST_BUFFER - 1,
            FIRST_BUFFER,
            FIRST_BUFFER + 1,
            2 * FIRST_BUFFER,
            3 * FIRST_BUFFER + 5,
            3,
        ] {
            let mut reader = Trickle {
                data: &data[..len],
                interrupted: false,
            };
            let read = read_into(&mut reader, &mut buffer, None).unwrap();
            assert_eq!(read, len);
            assert_eq!(&buffer.0[..read], &data[..len]);
            // With the stamp's size: the same bytes; of a file that grew
            // since, the stamped ones when a read ends there (`Trickle`
            // reads 7,000 bytes at most), else all of it.
            let grown = if len > 7_000 {
                (7_000, 7_000)
            } else {
                (len / 2, len)
            };
            for (size, expect) in [(len, len), grown, (len + 1, len)] {
                let mut reader = Trickle {
                    data: &data[..len],
                    interrupted: false,
                };
                let read = read_into(&mut reader, &mut buffer, Some(size as u64)).unwrap();
                assert_eq!(read, expect);
                assert_eq!(&buffer.0[..read], &data[..expect]);
            }
        }
        assert_eq!(buffer.0.len(), 4 * FIRST_BUFFER);
    }

    #[test]
    fn a_file_is_read_ahead_once_and_only_with_its_edition() {
        let ahead = Ahead::default();
        let path = Path::new("a/b.rs");
        let (first, new) = ahead.slot(path, false, None);
        assert!(new);
        let (again, new) = ahead.slot(path, false, None);
        assert!(!new);
        assert!(Arc::ptr_eq(&first.unwrap(), &again.unwrap()));
        let (other, new) = ahead.slot(path, true, None);
        assert!(other.is_none() && !new);
        assert!(ahead.slot(Path::new("a/c.rs"), true, None).1);
    }

    #[test]
    fn a_module_file_is_its_directory_with_rs_appended() {
        for dir in ["/w/a/src", "src", "", "/", "a/", "a/./b", "a/.."] {
            for name in ["x", "mod", "r#type", ""] {
                let dir = Path::new(dir);
                let want = dir.join(format!("{name}.rs"));
                assert_eq!(with_rs(&dir.join(name)), want, "{dir:?} {name:?}");
            }
        }
    }

    #[test]
    fn normalizing_removes_dots_and_leaves_plain_paths_as_they_are() {
        let cases = [
            ("/w/a/src/lib.rs", "/w/a/src/lib.rs"),
            ("/w/a/src/./x.rs", "/w/a/src/x.rs"),
            ("/w/a/src/../x.rs", "/w/a/x.rs"),
            ("/w/a//src/x.rs", "/w/a/src/x.rs"),
            ("/w/a/src/", "/w/a/src"),
            ("/w/a/.hidden/x.rs", "/w/a/.hidden/x.rs"),
            ("./x.rs", "x.rs"),
            ("../x.rs", "../x.rs"),
            ("a/../../x.rs", "../x.rs"),
            ("x.rs", "x.rs"),
            ("/", "/"),
        ];
        for (path, want) in cases {
            assert_eq!(
                normalize(PathBuf::from(path)),
                PathBuf::from(want),
                "{path}"
            );
        }
    }

    #[test]
    fn ancestors_are_shared_and_searched_up_to_the_root() {
        let root = Arc::new(Ancestors {
            path: PathBuf::from("a/lib.rs"),
            depth: 1,
            up: None,
        });
        let child = Ancestors {
            path: PathBuf::from("a/b.rs"),
            depth: 2,
            up: Some(root.clone()),
        };
        assert!(child.contains(Path::new("a/lib.rs")));
        assert!(child.contains(Path::new("a/b.rs")));
        assert!(!child.contains(Path::new("a/c.rs")));
        assert!(!root.contains(Path::new("a/b.rs")));
    }
}

//! The module graph of a workspace: every module of every target, built from
//! the files the scanner read the way rustc follows `mod` declarations, and
//! every import site resolved to the workspace module or external crate it
//! names.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::CheckCache;
use crate::report::FileError;
use crate::scan::{NameKind, Pos, ScopeId};
use crate::summary::{FileSummary, IntMap, ScopeShape, SiteShape, SumSite, Sym, Symbols};
use crate::workspace::{DepKind, Edition, TargetKind, Workspace};

mod walk;

/// Index of a [`Module`] in [`Model::modules`].
pub type ModuleId = usize;
/// Index of a [`SourceFile`] in [`Model::files`].
pub type FileId = usize;

/// A module of a workspace target.
#[derive(Debug, Clone)]
pub struct Module {
    /// Full path, e.g. `["shop_domain", "model"]`; non-library targets start
    /// with `PKG, "bin" | "test" | "example" | "bench", NAME` or `PKG, "build"`.
    pub segments: Vec<String>,
    /// The enclosing module.
    pub parent: Option<ModuleId>,
    /// Child modules by name.
    pub children: HashMap<String, ModuleId>,
    /// Index in [`Model::targets`].
    pub target: usize,
    /// True for modules of test, example and bench targets and modules under
    /// `#[cfg(test)]`.
    pub dev: bool,
    /// Where the module is declared (`None` for target roots).
    pub decl: Option<(FileId, Pos)>,
}

impl Module {
    /// The path joined with `::`.
    pub fn path(&self) -> String {
        self.segments.join("::")
    }
}

/// A target of a member package.
#[derive(Debug, Clone)]
pub struct TargetInfo {
    /// Index in [`Workspace::packages`].
    pub package: usize,
    /// What kind of target.
    pub kind: TargetKind,
    /// Its root module.
    pub root: ModuleId,
    /// Its edition: its own (`[[test]] edition = ".."`), else its
    /// package's.
    pub edition: Edition,
    /// For a library whose name differs from its package's (`[lib] name`),
    /// the package name with `-` as `_`.
    pub package_alias: Option<String>,
}

/// Module paths ready for pattern matching: each module's path, and for
/// modules of a library whose `[lib] name` differs from its package name,
/// the same path under the package name (a reference to the package covers
/// its library).
#[derive(Debug, Clone)]
pub struct ModulePaths<'a> {
    /// Every module's path and then every alias path, segment after segment.
    segs: Vec<&'a str>,
    /// Module `m`'s path is `segs[path_at[m]..path_at[m + 1]]`.
    path_at: Vec<u32>,
    /// Module `m`'s alias, if any, as a range of `segs`.
    aliases: Vec<Option<(u32, u32)>>,
    /// Modules by the first segment of their path or alias (a pattern that
    /// starts with a name can only match these).
    by_first: HashMap<&'a str, Vec<ModuleId>>,
}

impl ModulePaths<'_> {
    /// True when `pattern` names module `m` or a module containing it.
    pub fn matches(&self, m: ModuleId, pattern: &crate::config::ModulePattern) -> bool {
        pattern.matches(self.path(m))
            || self.aliases[m]
                .is_some_and(|(a, b)| pattern.matches(&self.segs[a as usize..b as usize]))
    }

    /// Module `m`'s path as segments.
    pub fn path(&self, m: ModuleId) -> &[&str] {
        &self.segs[self.path_at[m] as usize..self.path_at[m + 1] as usize]
    }

    /// The modules a pattern can match: those whose path or alias starts
    /// with its first segment when that is a name, else all.
    pub fn candidates(&self, pattern: &crate::config::ModulePattern) -> Vec<ModuleId> {
        match pattern.segments.first() {
            Some(crate::config::PatternSegment::Name(n)) => {
                self.by_first.get(n.as_str()).cloned().unwrap_or_default()
            }
            _ => (0..self.len()).collect(),
        }
    }

    /// Number of modules.
    pub fn len(&self) -> usize {
        self.path_at.len() - 1
    }

    /// True when there are no modules.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A source file that was read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Absolute path.
    pub path: PathBuf,
    /// Path relative to the workspace root, `/`-separated.
    pub rel: String,
}

/// What an import names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ImportTarget {
    /// A module of the workspace.
    Module(ModuleId),
    /// An external crate (or a path inside one), shared by the imports of
    /// the same path.
    External(Arc<ExternalPath>),
}

/// A path into an external crate, by package name, e.g.
/// `sqlx::postgres::PgPool`; `key` is the same path spelled with the name
/// code uses (`orm::Connection` for a renamed `diesel`).
///
/// ```
/// use std::sync::Arc;
/// use terrace_lint::model::{ExternalPath, ImportTarget, Model};
/// let to = ImportTarget::External(Arc::new(ExternalPath {
///     path: "diesel::Connection".to_owned(),
///     key: "orm::Connection".to_owned(),
/// }));
/// assert_eq!(Model::default().display(&to), "diesel::Connection");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ExternalPath {
    /// Package-name path.
    pub path: String,
    /// Key path (equal to `path` unless renamed).
    pub key: String,
}

/// A resolved import site in a source file or a manifest.
#[derive(Debug, Clone)]
pub struct Import {
    /// The importing module (a target root for manifest entries).
    pub from: ModuleId,
    /// What it names.
    pub to: ImportTarget,
    /// Where.
    pub file: FileId,
    /// Position in the file.
    pub pos: Pos,
    /// Test-only code, a dev target or a dev-dependency.
    pub dev: bool,
    /// A manifest entry: a direct import only, never a link of a chain.
    pub manifest: bool,
}

/// A model's imports, in order, kept in the chunks resolution made them
/// in (on several threads): one list would be one more copy of them all,
/// made on one thread.
///
/// ```
/// use terrace_lint::model::{Import, ImportTarget, Imports};
/// use terrace_lint::scan::Pos;
/// let mut imports = Imports::default();
/// let import = |from| Import {
///     from,
///     to: ImportTarget::Module(0),
///     file: 0,
///     pos: Pos { line: 1, column: 1 },
///     dev: false,
///     manifest: false,
/// };
/// imports.push(import(1));
/// imports.append(vec![import(2), import(3)]);
/// let from: Vec<usize> = imports.iter().map(|i| i.from).collect();
/// assert_eq!(from, [1, 2, 3]);
/// assert_eq!(imports.len(), 3);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Imports(Vec<Vec<Import>>);

impl Imports {
    /// Every import, in order.
    pub fn iter(&self) -> std::iter::Flatten<std::slice::Iter<'_, Vec<Import>>> {
        self.0.iter().flatten()
    }

    /// Every import, in order, to change.
    pub fn iter_mut(&mut self) -> std::iter::Flatten<std::slice::IterMut<'_, Vec<Import>>> {
        self.0.iter_mut().flatten()
    }

    /// Adds an import after the others.
    pub fn push(&mut self, import: Import) {
        match self.0.last_mut() {
            Some(last) => last.push(import),
            None => self.0.push(vec![import]),
        }
    }

    /// Adds `imports` after the others, as a chunk of their own.
    pub fn append(&mut self, imports: Vec<Import>) {
        if !imports.is_empty() {
            self.0.push(imports);
        }
    }

    /// The number of imports.
    pub fn len(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Vec::is_empty)
    }
}

impl<'a> IntoIterator for &'a Imports {
    type Item = &'a Import;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Vec<Import>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// The workspace's modules and imports.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Every module of every target.
    pub modules: Vec<Module>,
    /// Every target.
    pub targets: Vec<TargetInfo>,
    /// Every file read (source files, then manifests).
    pub files: Vec<SourceFile>,
    /// Number of source files read.
    pub source_files: usize,
    /// Resolved imports (external ones only when `keep_external` said so).
    pub imports: Imports,
    /// Files that could not be read or scanned completely.
    pub errors: Vec<FileError>,
    /// Paths the module trees looked for that are not files read, and
    /// whether each was a file (what a cached outcome depends on besides
    /// the files read).
    pub probes: Vec<(PathBuf, bool)>,
}

impl Model {
    /// Every module's path as segments, indexed like [`Model::modules`]
    /// (for matching patterns without allocating per match).
    pub fn module_paths(&self) -> ModulePaths<'_> {
        let total: usize = self.modules.iter().map(|m| m.segments.len()).sum();
        let mut segs: Vec<&str> = Vec::with_capacity(total);
        let mut path_at = Vec::with_capacity(self.modules.len() + 1);
        for m in &self.modules {
            path_at.push(segs.len() as u32);
            segs.extend(m.segments.iter().map(String::as_str));
        }
        path_at.push(segs.len() as u32);
        let mut aliases = Vec::with_capacity(self.modules.len());
        for m in &self.modules {
            let alias = self
                .targets
                .get(m.target)
                .and_then(|t| t.package_alias.as_deref());
            aliases.push(alias.map(|alias| {
                let start = segs.len() as u32;
                segs.push(alias);
                segs.extend(m.segments[1..].iter().map(String::as_str));
                (start, segs.len() as u32)
            }));
        }
        // A target's modules come one after the other and share their first
        // segment: each run of them is added to the map at once.
        let mut by_first: HashMap<&str, Vec<ModuleId>> = HashMap::new();
        let mut run: (&str, Vec<ModuleId>) = ("", Vec::new());
        for (m, module) in self.modules.iter().enumerate() {
            let Some(first) = module.segments.first() else {
                continue;
            };
            if first != run.0 && !run.1.is_empty() {
                by_first.entry(run.0).or_default().append(&mut run.1);
            }
            run.0 = first;
            run.1.push(m);
        }
        if !run.1.is_empty() {
            by_first.entry(run.0).or_default().append(&mut run.1);
        }
        for (m, alias) in aliases.iter().enumerate() {
            if let Some((start, _)) = *alias {
                let list = by_first.entry(segs[start as usize]).or_default();
                if list.last() != Some(&m) {
                    list.push(m);
                }
            }
        }
        ModulePaths {
            segs,
            path_at,
            aliases,
            by_first,
        }
    }

    /// Display form of an import target: the module path, or the external path.
    pub fn display(&self, target: &ImportTarget) -> String {
        match target {
            ImportTarget::Module(m) => self.modules[*m].path(),
            ImportTarget::External(e) => e.path.clone(),
        }
    }
}

/// The glob `use`s of a module, as (occurrence, site) pairs.
type GlobUses = Vec<(usize, usize)>;

/// One time a file is read as (part of) a module.
struct Occurrence {
    file: FileId,
    module: ModuleId,
    /// Inline module scopes of this file and the modules they became.
    inline: Vec<(ScopeId, ModuleId)>,
}

/// Name bindings of one module, from every file that makes it up: a
/// child module, an item, or the (occurrence, site) of a `use` or `extern
/// crate`, in 32 bits each (half the size of the maps that hold them).
#[derive(Clone, Copy, Debug)]
enum Binding {
    Child(u32),
    Item,
    Use(u32, u32),
    ExternCrate(u32, u32),
}

impl Binding {
    fn child(m: ModuleId) -> Binding {
        Binding::Child(m as u32)
    }

    fn of_name(occ: usize, kind: NameKind) -> Binding {
        match kind {
            NameKind::Module(_) | NameKind::Item => Binding::Item,
            NameKind::Use(u) => Binding::Use(occ as u32, u as u32),
            NameKind::ExternCrate(u) => Binding::ExternCrate(occ as u32, u as u32),
        }
    }

    /// True for the binding site `si` of occurrence `occ` makes.
    fn is_site(self, occ: usize, si: usize) -> bool {
        matches!(self, Binding::Use(o, u) | Binding::ExternCrate(o, u)
            if (o as usize, u as usize) == (occ, si))
    }
}

/// An entry of a target's extern prelude.
#[derive(Clone, Debug)]
struct Extern {
    package: String,
    member: Option<ModuleId>,
    /// Only visible from test code (dev-dependencies seen from the library).
    dev_only: bool,
}

/// An extern prelude entry as resolution looks it up.
#[derive(Clone, Debug)]
struct PreludeEntry {
    /// The package name with `-` as `_`.
    package: String,
    member: Option<ModuleId>,
    dev_only: bool,
    /// Whether imports of this external crate can matter to a contract.
    keep: bool,
}

/// How the first segments of a path resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Res {
    /// A workspace module; `exact` when the path named the module itself.
    Module { id: ModuleId, exact: bool },
    /// An external crate path.
    External(Arc<ExternalPath>),
    /// A path into an external crate no contract can care about (its
    /// imports are dropped; the path is never spelled out).
    Ignored,
    /// A local item that is not a module, or nothing we know.
    Unknown,
}

/// Builds the model of `ws`. `keep_external(key, package)` says whether
/// imports of an external crate can matter to any contract (the rest are
/// dropped early to keep memory flat).
pub fn build(ws: &Workspace, keep_external: &(dyn Fn(&str, &str) -> bool + Sync)) -> Model {
    build_cached(ws, keep_external, None)
}

/// [`build`], taking unchanged files' scans from `cache` and recording the
/// others in it.
pub fn build_cached(
    ws: &Workspace,
    keep_external: &(dyn Fn(&str, &str) -> bool + Sync),
    cache: Option<&CheckCache>,
) -> Model {
    build_burying(ws, keep_external, cache, &Graveyard::NOW)
}

/// [`build_cached`], leaving what it no longer needs to `graveyard`.
pub(crate) fn build_burying(
    ws: &Workspace,
    keep_external: &(dyn Fn(&str, &str) -> bool + Sync),
    cache: Option<&CheckCache>,
    graveyard: &Graveyard,
) -> Model {
    let mut b = Builder::new(ws);
    b.cache = cache;
    let started = crate::timings::start();
    b.read_trees();
    // What each thread kept from one file to the next while reading is not
    // needed again: freed before resolution, when memory peaks.
    rayon::broadcast(|_| walk::release_buffers());
    walk::release_buffers();
    let started = crate::timings::end("read and scan", started);
    b.resolve(keep_external);
    let started = crate::timings::end("resolve", started);
    b.manifest_imports(keep_external);
    crate::timings::end("manifest imports", started);
    b.model.errors.sort();
    b.model.errors.dedup();
    let model = std::mem::take(&mut b.model);
    graveyard.bury((b.scans, b.occurrences, b.module_scopes, b.walk));
    model
}

struct Builder<'w> {
    ws: &'w Workspace,
    cache: Option<&'w CheckCache>,
    model: Model,
    scans: Vec<Option<FileSummary>>,
    /// Every identifier of every scan (locked only while reading files).
    symbols: std::sync::Mutex<Symbols>,
    /// State of the module-tree walk.
    walk: walk::Walk,
    occurrences: Vec<Occurrence>,
    /// Module-level scopes of each module: (occurrence, scope).
    module_scopes: Vec<Vec<(usize, ScopeId)>>,
    /// Library root module of each package.
    lib_roots: Vec<Option<ModuleId>>,
}

impl<'w> Builder<'w> {
    fn new(ws: &'w Workspace) -> Self {
        Builder {
            ws,
            cache: None,
            model: Model::default(),
            scans: Vec::new(),
            symbols: std::sync::Mutex::default(),
            walk: walk::Walk::default(),
            occurrences: Vec::new(),
            module_scopes: Vec::new(),
            lib_roots: vec![None; ws.packages.len()],
        }
    }

    fn rel(&self, path: &Path) -> String {
        let p = path.strip_prefix(&self.ws.root).unwrap_or(path);
        let mut s = String::new();
        for (i, c) in p.components().enumerate() {
            if i > 0 {
                s.push('/');
            }
            s.push_str(&c.as_os_str().to_string_lossy());
        }
        s
    }

    fn new_module(
        &mut self,
        segments: Vec<String>,
        parent: Option<ModuleId>,
        target: usize,
        dev: bool,
        decl: Option<(FileId, Pos)>,
    ) -> ModuleId {
        let id = self.model.modules.len();
        self.model.modules.push(Module {
            segments,
            parent,
            children: HashMap::new(),
            target,
            dev,
            decl,
        });
        self.module_scopes.push(Vec::new());
        id
    }

    fn prelude(&self, ti: usize) -> HashMap<String, Extern> {
        let t = &self.model.targets[ti];
        let pkg = &self.ws.packages[t.package];
        let mut map = HashMap::new();
        for krate in ["std", "core", "alloc", "proc_macro", "test"] {
            map.insert(
                krate.to_owned(),
                Extern {
                    package: krate.to_owned(),
                    member: None,
                    dev_only: false,
                },
            );
        }
        if t.kind != TargetKind::Lib
            && t.kind != TargetKind::Build
            && let Some(lib) = self.lib_roots[t.package]
        {
            map.insert(
                self.model.modules[lib].segments[0].clone(),
                Extern {
                    package: pkg.name.clone(),
                    member: Some(lib),
                    dev_only: false,
                },
            );
        }
        for dep in &pkg.dependencies {
            let visible = match (t.kind, dep.kind) {
                (TargetKind::Build, DepKind::Build) => Some(false),
                (TargetKind::Build, _) | (_, DepKind::Build) => None,
                (TargetKind::Lib, DepKind::Dev) => Some(true),
                _ => Some(false),
            };
            let Some(dev_only) = visible else { continue };
            let member = dep.member.and_then(|m| self.lib_roots[m]);
            // Code names a dependency by its key, or, when not renamed, by
            // its library name (which `[lib] name` may have changed).
            let key = match member {
                Some(lib) if dep.key == dep.package.replace('-', "_") => {
                    self.model.modules[lib].segments[0].clone()
                }
                _ => dep.key.clone(),
            };
            let entry = Extern {
                package: dep.package.clone(),
                member,
                dev_only,
            };
            match map.get(&key) {
                Some(e) if !e.dev_only && e.member.is_none() && !is_builtin(&e.package) => {}
                Some(e) if !e.dev_only && dev_only => {}
                _ => {
                    map.insert(key, entry);
                }
            }
        }
        map
    }

    /// Resolves every site of every occurrence into imports.
    fn resolve(&mut self, keep_external: &(dyn Fn(&str, &str) -> bool + Sync)) {
        let started = crate::timings::start();
        let symbols = std::mem::take(self.symbols.get_mut().unwrap_or_else(|e| e.into_inner()));
        let (bindings, globs) = self.bindings(&symbols);
        crate::timings::end("bindings", started);
        let (preludes, prelude_of) = self.sym_preludes(&symbols, keep_external);
        let this: &Builder<'_> = self;
        // Occurrences resolve independently (each worker keeps its own memo
        // of `use` resolutions, and appends to its own list); the order of
        // imports stays the order of occurrences, so output does not
        // depend on scheduling.
        let lists: Vec<Vec<Import>> = (0..this.occurrences.len())
            .into_par_iter()
            .fold(
                || {
                    let resolver = Resolver {
                        b: this,
                        symbols: &symbols,
                        preludes: &preludes,
                        prelude_of: &prelude_of,
                        bindings: &bindings,
                        globs: &globs,
                        memo: IntMap::default(),
                        externals: IntMap::default(),
                        external_id: Vec::new(),
                    };
                    (resolver, Vec::new())
                },
                |(mut r, mut imports), occ| {
                    r.imports_of(occ, &mut imports);
                    (r, imports)
                },
            )
            .map(|(_, imports)| imports)
            .collect();
        // Freed now rather than once the check is done: what comes next
        // needs none of it, and memory peaks here.
        drop_in_background((symbols, bindings, globs, preludes));
        for list in lists {
            self.model.imports.append(list);
        }
    }

    /// The extern preludes keyed by symbol, with whether imports of each
    /// external crate are kept decided once, and the index of each
    /// target's. A name no scan mentions can never be looked up. The
    /// targets of a package share theirs but for the library and the build
    /// script, so each is made once, in parallel.
    fn sym_preludes(
        &self,
        symbols: &Symbols,
        keep_external: &(dyn Fn(&str, &str) -> bool + Sync),
    ) -> (Vec<IntMap<Sym, PreludeEntry>>, Vec<usize>) {
        let mut first: HashMap<(usize, u8), usize> = HashMap::new();
        let mut made = Vec::new();
        let prelude_of = (0..self.model.targets.len())
            .map(|ti| {
                let t = &self.model.targets[ti];
                let class = match t.kind {
                    TargetKind::Lib => 0,
                    TargetKind::Build => 1,
                    _ => 2,
                };
                *first.entry((t.package, class)).or_insert_with(|| {
                    made.push(ti);
                    made.len() - 1
                })
            })
            .collect();
        let preludes = made
            .par_iter()
            .map(|&ti| {
                self.prelude(ti)
                    .iter()
                    .filter_map(|(key, e)| {
                        let sym = symbols.get(key)?;
                        let package = e.package.replace('-', "_");
                        let keep = e.member.is_none() && keep_external(key, &package);
                        let entry = PreludeEntry {
                            package,
                            member: e.member,
                            dev_only: e.dev_only,
                            keep,
                        };
                        Some((sym, entry))
                    })
                    .collect()
            })
            .collect();
        (preludes, prelude_of)
    }

    /// Each module's names, and its glob `use`s (whose names are only known
    /// by looking into the module they name).
    fn bindings(&self, symbols: &Symbols) -> (Vec<IntMap<Sym, Binding>>, Vec<GlobUses>) {
        // The glob `use`s of each file, as (scope, site), found once per
        // file rather than once per module scope of it.
        let file_globs: Vec<Vec<(u32, u32)>> = self
            .scans
            .par_iter()
            .map(|scan| {
                let Some(scan) = scan else {
                    return Vec::new();
                };
                (scan.sites.iter().enumerate())
                    .filter(|(_, site)| {
                        site.shape == SiteShape::Use
                            && scan.segments(site).last() == Some(&Sym::STAR)
                    })
                    .map(|(i, site)| (site.scope, i as u32))
                    .collect()
            })
            .collect();
        self.module_scopes
            .par_iter()
            .enumerate()
            .map(|(m, scopes)| self.module_bindings(symbols, &file_globs, m, scopes))
            .unzip()
    }

    /// The names and glob `use`s of module `m`, made up of `scopes`.
    fn module_bindings(
        &self,
        symbols: &Symbols,
        file_globs: &[Vec<(u32, u32)>],
        m: ModuleId,
        scopes: &[(usize, ScopeId)],
    ) -> (IntMap<Sym, Binding>, GlobUses) {
        let scope_of = |&(occ, si): &(usize, ScopeId)| {
            let scan = self.scans[self.occurrences[occ].file].as_ref()?;
            Some((occ, si, scan, scan.scopes.get(si)?))
        };
        let children = &self.model.modules[m].children;
        let names: usize = scopes
            .iter()
            .filter_map(scope_of)
            .map(|(_, _, scan, scope)| scan.names_of(scope).len())
            .sum();
        let mut map = IntMap::with_capacity_and_hasher(children.len() + names, Default::default());
        let mut globs = Vec::new();
        for (name, &child) in children {
            // A name no scan mentions can never be looked up.
            if let Some(sym) = symbols.get(name) {
                map.insert(sym, Binding::child(child));
            }
        }
        for (occ, si, scan, scope) in scopes.iter().filter_map(scope_of) {
            for name in scan.names_of(scope) {
                let b = match name.kind {
                    NameKind::Module(_) => continue,
                    kind => Binding::of_name(occ, kind),
                };
                map.entry(name.ident).or_insert(b);
            }
            let file = self.occurrences[occ].file;
            for &(scope, i) in &file_globs[file] {
                if scope as usize == si {
                    globs.push((occ, i as usize));
                }
            }
        }
        (map, globs)
    }

    /// Dependencies in manifests become imports of the package's targets.
    fn manifest_imports(&mut self, keep_external: &(dyn Fn(&str, &str) -> bool + Sync)) {
        let ws = self.ws;
        // A chunk of their own, not appended to resolution's last one.
        let mut imports = Vec::new();
        // Dependencies on the same crate under the same key share a path.
        let mut externals: HashMap<(&str, &str), Arc<ExternalPath>> = HashMap::new();
        for (pi, pkg) in ws.packages.iter().enumerate() {
            if pkg.dependencies.is_empty() {
                continue;
            }
            let file = self.model.files.len();
            self.model.files.push(SourceFile {
                path: pkg.manifest.clone(),
                rel: self.rel(&pkg.manifest),
            });
            let roots: Vec<(TargetKind, ModuleId)> = self
                .model
                .targets
                .iter()
                .filter(|t| t.package == pi)
                .map(|t| (t.kind, t.root))
                .collect();
            let lib_or_first = roots
                .iter()
                .find(|(k, _)| *k == TargetKind::Lib)
                .or_else(|| roots.iter().find(|(k, _)| *k != TargetKind::Build))
                .map(|&(_, r)| r);
            let build = roots
                .iter()
                .find(|(k, _)| *k == TargetKind::Build)
                .map(|&(_, r)| r);
            for dep in &pkg.dependencies {
                let from = match dep.kind {
                    DepKind::Build => build.or(lib_or_first),
                    _ => lib_or_first,
                };
                let Some(from) = from else { continue };
                let to = match dep.member.and_then(|m| self.lib_roots[m]) {
                    Some(lib) => ImportTarget::Module(lib),
                    None => {
                        if !keep_external(&dep.key, &dep.package.replace('-', "_")) {
                            continue;
                        }
                        let e = externals
                            .entry((&dep.package, &dep.key))
                            .or_insert_with(|| {
                                Arc::new(ExternalPath {
                                    path: dep.package.replace('-', "_"),
                                    key: dep.key.clone(),
                                })
                            });
                        ImportTarget::External(e.clone())
                    }
                };
                imports.push(Import {
                    from,
                    to,
                    file,
                    pos: dep.pos,
                    dev: dep.kind == DepKind::Dev,
                    manifest: true,
                });
            }
        }
        self.model.imports.append(imports);
    }
}

/// Large values a check no longer needs, freed once it is done (while the
/// report is rendered) rather than on the threads it still needs; freed in
/// the background at once without deferring, and whatever is left when
/// dropped.
#[derive(Default)]
pub(crate) struct Graveyard(Option<std::sync::Mutex<Vec<Box<dyn Send>>>>);

impl Graveyard {
    /// A graveyard that frees what it is given in the background at once.
    pub(crate) const NOW: Graveyard = Graveyard(None);

    /// A graveyard that keeps what it is given until [`Graveyard::release`].
    pub(crate) fn deferred() -> Graveyard {
        Graveyard(Some(std::sync::Mutex::default()))
    }

    /// Frees `value`, now in the background or once released.
    pub(crate) fn bury<T: Send + 'static>(&self, value: T) {
        match &self.0 {
            Some(kept) => kept
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(Box::new(value)),
            None => drop_in_background(value),
        }
    }

    /// Frees, on a worker thread, everything buried so far.
    pub(crate) fn release(&self) {
        let all = self.take();
        if !all.is_empty() {
            drop_in_background(all);
        }
    }

    /// Everything buried so far, to be freed by the caller.
    pub(crate) fn take(&self) -> Vec<Box<dyn Send>> {
        match &self.0 {
            Some(kept) => std::mem::take(&mut *kept.lock().unwrap_or_else(|e| e.into_inner())),
            None => Vec::new(),
        }
    }
}

impl Drop for Graveyard {
    fn drop(&mut self) {
        self.release();
    }
}

impl std::fmt::Debug for Graveyard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Graveyard")
    }
}

impl Clone for Graveyard {
    /// A copy keeps nothing of the original's.
    fn clone(&self) -> Self {
        match self.0 {
            Some(_) => Graveyard::deferred(),
            None => Graveyard::NOW,
        }
    }
}

/// Drops `value` on a worker thread: freeing large structures takes time
/// the rest of the check need not wait for.
pub(crate) fn drop_in_background<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}

fn is_builtin(package: &str) -> bool {
    matches!(package, "std" | "core" | "alloc" | "proc_macro" | "test")
}

struct Resolver<'a, 'w> {
    b: &'a Builder<'w>,
    symbols: &'a Symbols,
    preludes: &'a [IntMap<Sym, PreludeEntry>],
    /// Index in `preludes` of each target's.
    prelude_of: &'a [usize],
    bindings: &'a [IntMap<Sym, Binding>],
    globs: &'a [Vec<(usize, usize)>],
    /// Resolutions of `use` sites, by (occurrence, site); `None` while in
    /// progress (a cycle of `use`s resolves to nothing).
    memo: IntMap<(usize, usize), Option<Res>>,
    /// External paths made so far, by extern prelude, then the symbols of
    /// the path (imports of the same path share one).
    externals: IntMap<Box<[u32]>, Arc<ExternalPath>>,
    /// The key of `externals` being looked up (kept for its buffer).
    external_id: Vec<u32>,
}

impl<'a> Resolver<'a, '_> {
    /// Appends the imports made by the sites of one occurrence of a file.
    fn imports_of(&mut self, occ: usize, imports: &mut Vec<Import>) {
        let b = self.b;
        let file = b.occurrences[occ].file;
        let Some(scan) = b.scans[file].as_ref() else {
            return;
        };
        // Sites come in runs of the same scope: its module is found once
        // per run (a block's is found by walking up to its module).
        let mut last: Option<(u32, ModuleId)> = None;
        for (si, site) in scan.sites.iter().enumerate() {
            let from = match last {
                Some((scope, m)) if scope == site.scope => m,
                _ => {
                    let m = self.module_of(occ, site.scope as usize);
                    last = Some((site.scope, m));
                    m
                }
            };
            let (res, via_local) = self.resolve_in(occ, si, scan, site, from);
            // A name a `use` brought in is not reported again: the `use` is
            // the import site. Every leaf of a `use` tree is one, though,
            // even when its first segment is itself a name brought in by
            // `use` (`use sqlx::{self, Connection}`, or 2015's `extern
            // crate` at the root).
            if via_local && site.shape != SiteShape::Use {
                continue;
            }
            let dev = site.dev || b.model.modules[from].dev;
            let to = match res {
                Res::Module { id, .. } => {
                    if id == from {
                        continue;
                    }
                    ImportTarget::Module(id)
                }
                Res::External(e) => ImportTarget::External(e),
                Res::Ignored | Res::Unknown => continue,
            };
            imports.push(Import {
                from,
                to,
                file,
                pos: site.pos,
                dev,
                manifest: false,
            });
        }
    }

    fn module_of(&self, occ: usize, mut scope: ScopeId) -> ModuleId {
        let o = &self.b.occurrences[occ];
        let Some(scan) = self.b.scans[o.file].as_ref() else {
            return o.module;
        };
        loop {
            let Some(s) = scan.scopes.get(scope) else {
                return o.module;
            };
            match s.shape {
                ScopeShape::Module(_) => {
                    return o
                        .inline
                        .iter()
                        .find(|(si, _)| *si == scope)
                        .map_or(o.module, |&(_, m)| m);
                }
                ScopeShape::File => return o.module,
                ScopeShape::Block => match s.parent {
                    Some(p) => scope = p as usize,
                    None => return o.module,
                },
            }
        }
    }

    /// Resolves a site; the flag says whether its first segment was a name
    /// brought in by `use` or `extern crate`.
    fn resolve_site(&mut self, occ: usize, si: usize) -> (Res, bool) {
        let b = self.b;
        let Some(scan) = b.scans[b.occurrences[occ].file].as_ref() else {
            return (Res::Unknown, false);
        };
        let Some(site) = scan.sites.get(si) else {
            return (Res::Unknown, false);
        };
        let module = self.module_of(occ, site.scope as usize);
        self.resolve_in(occ, si, scan, site, module)
    }

    /// [`Resolver::resolve_site`] for site `si` of `scan`, in `module`.
    /// A path that is not a `use` and whose first segment a `use`, an
    /// `extern crate` or a glob `use` brings in resolves no further: it is
    /// not reported.
    fn resolve_in(
        &mut self,
        occ: usize,
        si: usize,
        scan: &'a FileSummary,
        site: &SumSite,
        module: ModuleId,
    ) -> (Res, bool) {
        let target = self.b.model.modules[module].target;
        // Test-only code sees dev-dependencies: the site's own item or its
        // module may be the one marked `#[cfg(test)]`.
        let dev = site.dev || self.b.model.modules[module].dev;
        let edition2015 = self.b.model.targets[target].edition == Edition::E2015;
        let root = self.b.model.targets[target].root;
        let segs = scan.segments(site);
        let Some(&first) = segs.first() else {
            return (Res::Unknown, false);
        };
        let is_use = site.shape == SiteShape::Use;
        if site.shape == SiteShape::ExternCrate {
            if first == Sym::SELF {
                return (
                    Res::Module {
                        id: root,
                        exact: true,
                    },
                    false,
                );
            }
            return (self.extern_crate(target, first, &segs[1..], dev), false);
        }
        match first {
            Sym::CRATE | Sym::DOLLAR_CRATE => return (self.walk(root, &segs[1..]), false),
            Sym::SELF => return (self.walk(module, &segs[1..]), false),
            Sym::SUPER => {
                let mut m = module;
                let mut rest = segs;
                while rest.first() == Some(&Sym::SUPER) {
                    m = self.b.model.modules[m].parent.unwrap_or(m);
                    rest = &rest[1..];
                }
                return (self.walk(m, rest), false);
            }
            _ => {}
        }
        if site.leading_colon {
            if edition2015 {
                return (self.walk_from_root_bindings(root, segs), false);
            }
            return (self.extern_crate(target, first, &segs[1..], dev), false);
        }
        if is_use && edition2015 {
            return match self.bindings[root].get(&first).copied() {
                Some(b) => self.through_binding(b, &segs[1..]),
                None => (self.extern_crate(target, first, &segs[1..], dev), false),
            };
        }
        // A path (not a `use`) whose first segment a `use`, an `extern
        // crate` or a glob `use` brings in is not reported: what the name
        // leads to is never worked out.
        let skip_local =
            |b: Binding| !is_use && matches!(b, Binding::Use(..) | Binding::ExternCrate(..));
        // Block scopes first, then the module.
        let mut scope = site.scope as usize;
        while let Some(s) = scan.scopes.get(scope) {
            if s.shape != ScopeShape::Block {
                break;
            }
            if let Some(name) = scan.names_of(s).iter().find(|n| n.ident == first) {
                let b = Binding::of_name(occ, name.kind);
                if !matches!(b, Binding::Use(..)) || !b.is_site(occ, si) {
                    if skip_local(b) {
                        return (Res::Unknown, true);
                    }
                    return self.through_binding(b, &segs[1..]);
                }
            }
            match s.parent {
                Some(p) => scope = p as usize,
                None => break,
            }
        }
        if let Some(b) = self.bindings[module].get(&first).copied()
            && !b.is_site(occ, si)
        {
            if skip_local(b) {
                return (Res::Unknown, true);
            }
            return self.through_binding(b, &segs[1..]);
        }
        // Outside a `use`, a name that no crate of the extern prelude
        // visible here has is not reported, whether a glob `use` brings it
        // in or not: which modules the globs name need not be worked out.
        if !is_use
            && !self.preludes[self.prelude_of[target]]
                .get(&first)
                .is_some_and(|e| dev || !e.dev_only)
        {
            return (Res::Unknown, false);
        }
        // A name brought in by a glob `use` of this module (which is the
        // import site) shadows the extern prelude.
        if let Some(g) = self.glob_source(module, first) {
            if !is_use {
                return (Res::Unknown, true);
            }
            return (self.walk(g, segs), true);
        }
        (self.extern_crate(target, first, &segs[1..], dev), false)
    }

    fn walk_from_root_bindings(&mut self, root: ModuleId, segs: &[Sym]) -> Res {
        match segs.first() {
            None => Res::Module {
                id: root,
                exact: true,
            },
            Some(&first) => match self.bindings[root].get(&first).copied() {
                Some(b) => self.through_binding(b, &segs[1..]).0,
                None => {
                    let target = self.b.model.modules[root].target;
                    self.extern_crate(target, first, &segs[1..], true)
                }
            },
        }
    }

    fn through_binding(&mut self, b: Binding, rest: &[Sym]) -> (Res, bool) {
        match b {
            Binding::Child(c) => (self.walk(c as usize, rest), false),
            Binding::Item => (Res::Unknown, false),
            Binding::Use(o, u) | Binding::ExternCrate(o, u) => {
                let res = self.use_res(o as usize, u as usize);
                let res = match res {
                    Res::Module { id, exact: true } => self.walk(id, rest),
                    Res::External(e) if !rest.is_empty() => Res::External(Arc::new(ExternalPath {
                        path: self.join(&e.path, rest),
                        key: self.join(&e.key, rest),
                    })),
                    other => other,
                };
                (res, true)
            }
        }
    }

    fn use_res(&mut self, occ: usize, si: usize) -> Res {
        match self.memo.get(&(occ, si)) {
            Some(Some(r)) => return r.clone(),
            Some(None) => return Res::Unknown,
            None => {}
        }
        self.memo.insert((occ, si), None);
        let (res, _) = self.resolve_site(occ, si);
        let res = match res {
            // A glob names the module itself.
            Res::Module { id, .. } if self.is_glob(occ, si) => Res::Module { id, exact: false },
            r => r,
        };
        self.memo.insert((occ, si), Some(res.clone()));
        res
    }

    fn is_glob(&self, occ: usize, si: usize) -> bool {
        let o = &self.b.occurrences[occ];
        self.b.scans[o.file]
            .as_ref()
            .and_then(|s| s.sites.get(si).map(|site| s.segments(site)))
            .is_some_and(|segs| segs.last() == Some(&Sym::STAR))
    }

    /// Walks `rest` down from a workspace module: child modules, then a
    /// re-export (`pub use`) of the module, followed to where it leads.
    fn walk(&mut self, mut id: ModuleId, rest: &[Sym]) -> Res {
        for &seg in rest {
            if seg == Sym::STAR {
                return Res::Module { id, exact: false };
            }
            if seg == Sym::SUPER {
                id = self.b.model.modules[id].parent.unwrap_or(id);
                continue;
            }
            if seg == Sym::SELF {
                continue;
            }
            let mut binding = self.bindings[id].get(&seg).copied();
            // A name not defined here may come from a glob re-export
            // (`pub use self::billing::*`): look in the modules it names.
            let mut hops = 0;
            while binding.is_none() && hops < 8 {
                hops += 1;
                let Some(g) = self.glob_source(id, seg) else {
                    break;
                };
                id = g;
                binding = self.bindings[id].get(&seg).copied();
            }
            match binding {
                Some(Binding::Child(c)) => id = c as usize,
                Some(Binding::Use(o, u)) => match self.use_res(o as usize, u as usize) {
                    Res::Module { id: m, exact } => {
                        if !exact {
                            return Res::Module {
                                id: m,
                                exact: false,
                            };
                        }
                        id = m;
                    }
                    // A re-export of an external item: the workspace module
                    // holding the `pub use` is what this path imports.
                    _ => return Res::Module { id, exact: false },
                },
                _ => return Res::Module { id, exact: false },
            }
        }
        Res::Module { id, exact: true }
    }

    /// The module named by a glob `use` of `id` that defines or brings in
    /// `name`, if any.
    fn glob_source(&mut self, id: ModuleId, name: Sym) -> Option<ModuleId> {
        for k in 0..self.globs[id].len() {
            let (occ, si) = self.globs[id][k];
            if let Res::Module { id: g, .. } = self.use_res(occ, si)
                && g != id
                && self.bindings[g].contains_key(&name)
            {
                return Some(g);
            }
        }
        None
    }

    fn extern_crate(&mut self, target: usize, name: Sym, rest: &[Sym], dev: bool) -> Res {
        let preludes = self.preludes;
        let Some(e) = preludes[self.prelude_of[target]].get(&name) else {
            return Res::Unknown;
        };
        if e.dev_only && !dev {
            return Res::Unknown;
        }
        match e.member {
            Some(lib) => self.walk(lib, rest),
            None if !e.keep => Res::Ignored,
            None => Res::External(self.external(self.prelude_of[target], name, &e.package, rest)),
        }
    }

    /// The path `name::rest` into the external crate `package` that `name`
    /// is in extern prelude `prelude`, made once per resolver.
    fn external(
        &mut self,
        prelude: usize,
        name: Sym,
        package: &str,
        rest: &[Sym],
    ) -> Arc<ExternalPath> {
        let mut id = std::mem::take(&mut self.external_id);
        id.clear();
        id.push(prelude as u32);
        id.extend(
            std::iter::once(name)
                .chain(rest.iter().copied())
                .map(|s| s.0),
        );
        let e = match self.externals.get(id.as_slice()) {
            Some(e) => e.clone(),
            None => {
                let e = Arc::new(ExternalPath {
                    path: self.join(package, rest),
                    key: self.join(self.symbols.name(name), rest),
                });
                self.externals.insert(id.as_slice().into(), e.clone());
                e
            }
        };
        self.external_id = id;
        e
    }

    /// `head::rest[0]::rest[1]...`
    fn join(&self, head: &str, rest: &[Sym]) -> String {
        let mut s = head.to_owned();
        for &r in rest {
            s.push_str("::");
            s.push_str(self.symbols.name(r));
        }
        s
    }
}

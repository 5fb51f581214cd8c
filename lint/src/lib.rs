//! terrace-lint: the architecture checker behind `terrace check`.
//!
//! The engine reads a cargo workspace (manifests and sources, never building
//! anything), scans every source file for import sites, resolves them into a
//! module graph and checks the contracts of `terrace.toml` against it. It
//! never prints: results are typed values that the CLI renders.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod cache;
mod codec;
pub mod config;
pub mod contracts;
pub mod fingerprint;
pub mod model;
pub mod presets;
pub mod report;
pub mod scan;
pub mod summary;
pub mod timings;
pub mod workspace;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use config::{Config, ConfigError, ContractKind, ModulePattern, PatternSegment};
use report::Report;
use workspace::{Workspace, WorkspaceError};

/// What to check and how.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Where discovery starts: a directory, or a `Cargo.toml` (like cargo's
    /// `--manifest-path`).
    pub start: PathBuf,
    /// A configuration file to use instead of the discovered one.
    pub config: Option<PathBuf>,
    /// Leave test, example and bench code out of every contract.
    pub no_dev: bool,
    /// Directory of the check cache (`None`: no cache); a relative path is
    /// relative to the workspace root (`target/terrace` is the usual one).
    pub cache_dir: Option<PathBuf>,
}

/// Why a check could not run (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The workspace's manifests could not be read.
    #[error("{}", .0.message)]
    Workspace(WorkspaceError),
    /// The configuration is invalid.
    #[error("invalid configuration ({} errors)", .0.len())]
    Config(Vec<ConfigError>),
    /// There is no configuration.
    #[error("no terrace configuration found for the workspace at `{}`", .root.display())]
    NoConfig {
        /// The workspace root.
        root: PathBuf,
    },
}

/// A loaded workspace with its configuration, ready to be checked.
#[derive(Debug, Clone)]
pub struct Project {
    /// The workspace.
    pub workspace: Workspace,
    /// Its configuration.
    pub config: Config,
    /// The cache file, when caching.
    pub cache: Option<PathBuf>,
    /// The cache as read when loading.
    store: Option<std::sync::Arc<cache::CheckCache>>,
    /// The outcome key of each `no_dev` (computed once).
    outcome_keys: [OnceLock<u64>; 2],
    /// What loading and checking no longer need, freed after the contracts.
    graveyard: model::Graveyard,
}

impl Drop for Project {
    /// Waits for the cache to be written (a process that exits before
    /// would leave it unwritten); the cache is freed in the background.
    fn drop(&mut self) {
        wait_for_saves();
        if let Some(store) = self.store.take() {
            self.graveyard.bury(store);
        }
    }
}

/// Cache saves run on a thread of their own, one after the other, while
/// the report is rendered: the last one started.
static SAVING: Mutex<Option<std::thread::JoinHandle<()>>> = Mutex::new(None);

/// Runs `save` on a thread of its own, after the saves started before it
/// (they may write the same files); here and now when no thread can be
/// started.
fn save_in_background(save: impl FnOnce() + Send + 'static) {
    let mut slot = SAVING.lock().unwrap_or_else(|e| e.into_inner());
    let before = slot.take();
    let job = Arc::new(Mutex::new(Some(save)));
    let run = {
        let job = job.clone();
        move || {
            if let Some(before) = before {
                let _ = before.join();
            }
            let save = job.lock().unwrap_or_else(|e| e.into_inner()).take();
            if let Some(save) = save {
                save();
            }
        }
    };
    match std::thread::Builder::new()
        .name("terrace-cache".to_owned())
        .spawn(run)
    {
        Ok(handle) => *slot = Some(handle),
        Err(_) => {
            // The failed spawn dropped the closure, which held the save
            // before this one: joined by now only if it had finished.
            drop(slot);
            wait_for_saves();
            let save = job.lock().unwrap_or_else(|e| e.into_inner()).take();
            if let Some(save) = save {
                save();
            }
        }
    }
}

/// Waits for the cache saves in progress: a process that exits before
/// would leave the cache unwritten.
fn wait_for_saves() {
    let handle = SAVING.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(handle) = handle {
        let _ = handle.join();
    }
}

impl Project {
    /// Finds the workspace and its configuration from `options`.
    pub fn load(options: &CheckOptions) -> Result<Project, Error> {
        // The cache a check of this process is still writing is the one
        // to read.
        wait_for_saves();
        let started = timings::start();
        let graveyard = model::Graveyard::deferred();
        let root_manifest = workspace::find_root(&options.start).map_err(Error::Workspace)?;
        // The root is the root manifest's directory (canonical already).
        let cache = options.cache_dir.as_ref().map(|dir| {
            let root = root_manifest.parent().unwrap_or(Path::new("/"));
            root.join(dir).join(cache::FILE_NAME)
        });
        let store = cache.as_deref().map(cache::CheckCache::load);
        let started = timings::end("cache load", started);
        let workspace = match store.as_ref().and_then(|s| s.workspace(&root_manifest)) {
            Some(workspace) => workspace,
            // What loading looked at is only recorded for a cache.
            None => match &store {
                Some(store) => {
                    let (loaded, inputs) = workspace::load_recorded(&root_manifest);
                    let workspace = loaded.map_err(Error::Workspace)?;
                    store.set_workspace(&root_manifest, inputs, &workspace);
                    workspace
                }
                None => workspace::load(&root_manifest).map_err(Error::Workspace)?,
            },
        };
        let started = timings::end("workspace", started);
        let config = match &options.config {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    Error::Config(vec![ConfigError {
                        file: path.clone(),
                        pos: scan::Pos { line: 1, column: 1 },
                        message: format!("cannot read configuration: {e}"),
                        help: None,
                    }])
                })?;
                config::parse(path, &text, config::Section::Root).map_err(Error::Config)?
            }
            None => config::load(&root_manifest)
                .map_err(Error::Config)?
                .ok_or_else(|| Error::NoConfig {
                    root: workspace.root.clone(),
                })?,
        };
        timings::end("configuration", started);
        Ok(Project {
            workspace,
            config,
            cache,
            store: store.map(Arc::new),
            outcome_keys: Default::default(),
            graveyard,
        })
    }

    /// Reads every source file, checks every contract and reports. With a
    /// cache, the last report is reused when no file changed in a way that
    /// matters (see [`cache::CheckCache::outcome`]).
    pub fn check(&self, no_dev: bool) -> Result<Report, Error> {
        if let Some(store) = &self.store {
            let started = timings::start();
            let reused = store.outcome(self.outcome_key(no_dev));
            timings::end("cached outcome", started);
            if let Some(report) = reused {
                self.save_cache(None);
                return Ok(report);
            }
        }
        let (mut model, report) = self.check_model(no_dev)?;
        // The model is not needed any more: what the cache keeps of it is
        // taken on the saving thread, which frees the rest.
        let sources = std::mem::take(&mut model.files);
        self.save_cache(Some(Outcome {
            no_dev,
            sources,
            source_files: model.source_files,
            probes: std::mem::take(&mut model.probes),
            report: report.clone(),
            rest: Some(model),
        }));
        Ok(report)
    }

    /// What a check's outcome depends on besides the files: the workspace,
    /// the configuration and the options.
    fn outcome_key(&self, no_dev: bool) -> u64 {
        *self.outcome_keys[usize::from(no_dev)].get_or_init(|| {
            let text = format!(
                "{:?}\n{no_dev}\n{}",
                self.config,
                cache::workspace_hash(&self.workspace)
            );
            fingerprint::content_hash(text.as_bytes())
        })
    }

    /// Records `outcome` in the cache, if any, and writes the cache, on a
    /// thread of its own, which dropping the project waits for.
    /// What the check no longer needs is freed once the cache is written
    /// (freeing it meanwhile would slow down the save a process waits for).
    fn save_cache(&self, outcome: Option<Outcome>) {
        let (Some(store), Some(path)) = (&self.store, &self.cache) else {
            if let Some(outcome) = outcome {
                model::drop_in_background(outcome);
            }
            self.graveyard.release();
            return;
        };
        let key = outcome.as_ref().map(|o| self.outcome_key(o.no_dev));
        let (store, path) = (store.clone(), path.clone());
        let garbage = self.graveyard.take();
        save_in_background(move || {
            let started = timings::start();
            let mut rest = None;
            let record = || {
                rest = match (outcome, key) {
                    (Some(outcome), Some(key)) => outcome.record(&store, key),
                    _ => None,
                };
            };
            // A cache that cannot be written only makes the next run slower.
            let _ = store.save_after(&path, record);
            timings::end("cache save", started);
            // Not freed here: the process may be waiting for this thread.
            model::drop_in_background((store, rest, garbage));
        });
    }

    /// [`Project::check`], also returning the module graph it checked (for
    /// drawing it).
    pub fn check_with_model(&self, no_dev: bool) -> Result<(model::Model, Report), Error> {
        let (mut model, report) = self.check_model(no_dev)?;
        let outcome = self.store.as_ref().map(|_| Outcome {
            no_dev,
            sources: model.files[..model.source_files].to_vec(),
            source_files: model.source_files,
            probes: std::mem::take(&mut model.probes),
            report: report.clone(),
            rest: None,
        });
        self.save_cache(outcome);
        Ok((model, report))
    }

    /// Builds the model and checks the contracts against it.
    fn check_model(&self, no_dev: bool) -> Result<(model::Model, Report), Error> {
        let keep = external_filter(&self.config);
        let mut model = model::build_burying(
            &self.workspace,
            &|key: &str, pkg: &str| {
                keep.all || keep.names.contains(key) || keep.names.contains(pkg)
            },
            self.store.as_deref(),
            &self.graveyard,
        );
        let paths = model.module_paths();
        let unknown = unknown_modules(&paths, &self.config);
        if !unknown.is_empty() {
            return Err(Error::Config(unknown));
        }
        let config_file = relative(&self.workspace.root, &self.config.file);
        let started = timings::start();
        let (contracts, violations) =
            contracts::check_with_paths(&model, &paths, &self.config, no_dev, &config_file);
        timings::end("contracts", started);
        drop(paths);
        let report = Report {
            contracts,
            violations,
            errors: std::mem::take(&mut model.errors),
            files: model.source_files,
        };
        Ok((model, report))
    }
}

/// What a check concluded, for the cache.
struct Outcome {
    no_dev: bool,
    /// The files read, source files first.
    sources: Vec<model::SourceFile>,
    source_files: usize,
    probes: Vec<(PathBuf, bool)>,
    report: Report,
    /// The rest of the model, freed with the outcome.
    rest: Option<model::Model>,
}

impl Outcome {
    /// Records the outcome in `store` under `key`; returns the rest of the
    /// model, to be freed.
    fn record(self, store: &cache::CheckCache, key: u64) -> Option<model::Model> {
        let Outcome {
            mut sources,
            source_files,
            mut probes,
            report,
            rest,
            ..
        } = self;
        sources.truncate(source_files);
        let files: Vec<PathBuf> = sources.into_iter().map(|f| f.path).collect();
        // Finding a file that is read again proves nothing more.
        let read: fingerprint::BytesMap<&std::ffi::OsStr, ()> =
            files.iter().map(|f| (f.as_os_str(), ())).collect();
        probes.retain(|(path, is_file)| !is_file || !read.contains_key(path.as_os_str()));
        drop(read);
        // Tens of thousands of paths on a large workspace: sorted on the
        // pool, idle while the report is rendered.
        use rayon::slice::ParallelSliceMut;
        probes.par_sort_unstable_by(|a, b| {
            let (a, b) = (a.0.as_os_str(), b.0.as_os_str());
            a.as_encoded_bytes().cmp(b.as_encoded_bytes())
        });
        probes.dedup();
        store.set_outcome(key, files, probes, report);
        rest
    }
}

/// Runs `terrace check`: loads the project and checks it.
pub fn check(options: &CheckOptions) -> Result<Report, Error> {
    Project::load(options)?.check(options.no_dev)
}

/// `path` relative to `root`, `/`-separated (as given when outside it).
pub fn relative(root: &Path, path: &Path) -> String {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let p = abs.strip_prefix(root).unwrap_or(path);
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// First segments of external crates that some contract can care about.
struct ExternalFilter {
    all: bool,
    names: std::collections::HashSet<String>,
}

fn external_filter(config: &Config) -> ExternalFilter {
    let mut f = ExternalFilter {
        all: false,
        names: std::collections::HashSet::new(),
    };
    let mut all = false;
    let mut add = |p: &ModulePattern| match p.segments.first() {
        Some(PatternSegment::Name(n)) => {
            f.names.insert(n.clone());
        }
        _ => f.all = true,
    };
    for c in &config.contracts {
        match &c.kind {
            ContractKind::Forbidden { forbidden, .. } => forbidden.iter().for_each(&mut add),
            // An allow-list judges every external import of its sources.
            ContractKind::Allowed { .. } => all = true,
            _ => {}
        }
        c.ignore.iter().for_each(|i| add(&i.imported));
    }
    f.all |= all;
    f
}

/// `source`, `layers` and `modules` entries that match no module.
fn unknown_modules(paths: &model::ModulePaths<'_>, config: &Config) -> Vec<ConfigError> {
    let mut errors = Vec::new();
    for c in &config.contracts {
        let patterns: Vec<&ModulePattern> = match &c.kind {
            ContractKind::Forbidden { source, .. } | ContractKind::Allowed { source, .. } => {
                source.iter().collect()
            }
            ContractKind::Layers { layers } => layers.iter().flatten().collect(),
            ContractKind::Independence { modules } | ContractKind::Acyclic { modules } => {
                modules.iter().collect()
            }
        };
        for p in patterns {
            if !contracts::matching_modules(paths, p).contains(&true) {
                errors.push(ConfigError {
                    file: config.file.clone(),
                    pos: p.pos,
                    message: format!(
                        "`{}` in contract `{}` matches no module of the workspace",
                        p.text, c.name
                    ),
                    help: Some(
                        "module references start with a crate name with `-` written `_` \
                         (e.g. `shop_domain::model`); `terrace modules` lists them"
                            .to_owned(),
                    ),
                });
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workspace of one package whose library imports `sqlx`, which its
    /// configuration forbids.
    fn workspace() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::write(
            root.join("Cargo.toml"),
            "[package]\nname = \"shop\"\nedition = \"2021\"\n\n[dependencies]\nsqlx = \"0.8\"\n",
        )
        .unwrap();
        std::fs::write(root.join("src/lib.rs"), "use sqlx::PgPool;\nmod a;\n").unwrap();
        std::fs::write(root.join("src/a.rs"), "use crate::b;\n").unwrap();
        std::fs::write(
            root.join("terrace.toml"),
            "[[contracts]]\nname = \"pure\"\ntype = \"forbidden\"\n\
             source = [\"shop\"]\nforbidden = [\"sqlx\"]\n",
        )
        .unwrap();
        dir
    }

    #[test]
    fn the_cache_is_written_in_the_background_and_complete_for_the_next_load() {
        let dir = workspace();
        let options = CheckOptions {
            start: dir.path().to_path_buf(),
            cache_dir: Some(PathBuf::from("target/terrace")),
            ..CheckOptions::default()
        };
        let first = Project::load(&options).unwrap();
        let report = first.check(false).unwrap();
        assert!(!report.violations.is_empty());
        // Still alive: the next load waits for its save.
        let second = Project::load(&options).unwrap();
        let cached = second.store.as_ref().unwrap();
        assert_eq!(
            cached.outcome(second.outcome_key(false)),
            Some(report.clone())
        );
        drop((first, second));
        // Dropping a project waits for its save too.
        let project = Project::load(&options).unwrap();
        let path = project.cache.clone().unwrap();
        project.check(false).unwrap();
        drop(project);
        assert!(path.is_file());
        assert!(path.with_extension(cache::PACK_EXTENSION).is_file());
        let again = Project::load(&options).unwrap();
        assert_eq!(again.check(false).unwrap(), report);
    }

    #[test]
    fn saves_run_one_after_the_other() {
        let order = Arc::new(Mutex::new(Vec::new()));
        for i in 0..4 {
            let order = order.clone();
            save_in_background(move || {
                std::thread::sleep(std::time::Duration::from_millis(4 - i));
                order.lock().unwrap().push(i);
            });
        }
        wait_for_saves();
        assert_eq!(*order.lock().unwrap(), vec![0, 1, 2, 3]);
    }
}

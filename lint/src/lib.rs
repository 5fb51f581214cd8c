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

use std::collections::HashSet;
use std::path::{Path, PathBuf};

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
}

impl Project {
    /// Finds the workspace and its configuration from `options`.
    pub fn load(options: &CheckOptions) -> Result<Project, Error> {
        let started = timings::start();
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
            store: store.map(std::sync::Arc::new),
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
                self.save_cache();
                return Ok(report);
            }
        }
        self.check_with_model(no_dev).map(|(model, report)| {
            model::drop_in_background(model);
            report
        })
    }

    /// What a check's outcome depends on besides the files: the workspace,
    /// the configuration and the options.
    fn outcome_key(&self, no_dev: bool) -> u64 {
        let text = format!(
            "{:?}\n{no_dev}\n{}",
            self.config,
            cache::workspace_hash(&self.workspace)
        );
        fingerprint::content_hash(text.as_bytes())
    }

    fn save_cache(&self) {
        if let (Some(store), Some(path)) = (&self.store, &self.cache) {
            let started = timings::start();
            // A cache that cannot be written only makes the next run slower.
            let _ = store.save(path);
            timings::end("cache save", started);
        }
    }

    /// [`Project::check`], also returning the module graph it checked (for
    /// drawing it).
    pub fn check_with_model(&self, no_dev: bool) -> Result<(model::Model, Report), Error> {
        let keep = external_filter(&self.config);
        let mut model = model::build_cached(
            &self.workspace,
            &|key: &str, pkg: &str| {
                keep.all || keep.names.contains(key) || keep.names.contains(pkg)
            },
            self.store.as_deref(),
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
        if let Some(store) = &self.store {
            let files: Vec<PathBuf> = model.files[..model.source_files]
                .iter()
                .map(|f| f.path.clone())
                .collect();
            // Finding a file that is read again proves nothing more.
            let read: HashSet<&std::ffi::OsStr> = files.iter().map(|f| f.as_os_str()).collect();
            let mut probes = std::mem::take(&mut model.probes);
            probes.retain(|(path, is_file)| !is_file || !read.contains(path.as_os_str()));
            probes.sort_unstable_by(|a, b| {
                let (a, b) = (a.0.as_os_str(), b.0.as_os_str());
                a.as_encoded_bytes().cmp(b.as_encoded_bytes())
            });
            probes.dedup();
            store.set_outcome(self.outcome_key(no_dev), files, probes, &report);
        }
        self.save_cache();
        Ok((model, report))
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
    names: HashSet<String>,
}

fn external_filter(config: &Config) -> ExternalFilter {
    let mut f = ExternalFilter {
        all: false,
        names: HashSet::new(),
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

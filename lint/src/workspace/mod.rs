//! The workspace as cargo sees it, read from manifests only (no `cargo
//! metadata`, no network, no lock file): members, targets with cargo's
//! auto-discovery, dependencies with their positions in the manifests.
//!
//! [`find_root`] walks up from a directory to the workspace root manifest;
//! [`load`] reads that workspace. Inside:
//!
//! - `manifest`: one `Cargo.toml` read with its spans (so every error and
//!   dependency has a 1-based line and column counted in Unicode scalar
//!   values);
//! - `toml`: the TOML tree behind it, built from `toml_parser`'s events,
//!   with `toml_edit` as the reference for anything unusual and for every
//!   error (so errors read exactly as `toml_edit` writes them);
//! - `members`: `[workspace] members` with globs, `exclude`, the root
//!   package and the path dependencies cargo makes implicit members;
//! - `targets`: `[lib]`, `[[bin]]`, `[[test]]`, `[[example]]`,
//!   `[[bench]]`, the build script and cargo's auto-discovery.
//!
//! Every path in the model is absolute and canonical (symbolic links
//! resolved), so one package reached two ways is one package. Where cargo
//! would refuse a workspace (a malformed manifest, a member without a name,
//! two targets or packages with one name, a path dependency with no
//! `Cargo.toml`) so does [`load`], with the file, the position and a `help`.
//! Two deliberate leniencies: a `members` glob that matches a directory
//! without `Cargo.toml`, or nothing at all, contributes nothing (cargo
//! stops with an error), and a package below a workspace that does not list
//! it is a workspace of one (cargo stops with an error).

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::fingerprint::{Input, Stamp};
use crate::scan::Pos;

use manifest::{InheritOrError, MANIFEST_DOCS, Manifest};
use members::{Member, WorkspaceInfo};

mod manifest;
mod members;
mod targets;
#[cfg(test)]
mod tests;
mod toml;

/// Whether the fast manifest reader reads `text` as `toml_edit` does (or
/// leaves it to `toml_edit`): the property of the `manifest_toml` fuzz
/// target. Not part of the API.
#[cfg(any(test, feature = "fuzz-hooks"))]
#[doc(hidden)]
pub fn manifest_reader_agrees(text: &str) -> Result<(), String> {
    toml::Toml::agrees_with_reference(text).map(|_| ())
}

/// A cargo workspace (a single-package root is a workspace of one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    /// Absolute directory of the root manifest.
    pub root: PathBuf,
    /// Absolute path of the root `Cargo.toml`.
    pub root_manifest: PathBuf,
    /// Members, sorted by name.
    pub packages: Vec<Package>,
}

/// A member package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// Package name as written (`shop-domain`).
    pub name: String,
    /// Absolute path of its `Cargo.toml`.
    pub manifest: PathBuf,
    /// Absolute directory of its `Cargo.toml`.
    pub dir: PathBuf,
    /// Its edition (inherited from the workspace where `edition.workspace = true`).
    pub edition: Edition,
    /// Its targets, cargo's auto-discovery included.
    pub targets: Vec<Target>,
    /// Every dependency entry of every kind and target.
    pub dependencies: Vec<Dependency>,
}

/// A Rust edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Edition {
    /// 2015 (the default when a manifest names none).
    #[default]
    E2015,
    /// 2018.
    E2018,
    /// 2021.
    E2021,
    /// 2024.
    E2024,
}

/// What kind of target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TargetKind {
    /// The library.
    Lib,
    /// A binary.
    Bin,
    /// An integration test.
    Test,
    /// An example.
    Example,
    /// A benchmark.
    Bench,
    /// The build script.
    Build,
}

/// A compilation target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// What kind.
    pub kind: TargetKind,
    /// The target name: for the library its crate name (`[lib] name`, or the
    /// package name with `-` as `_`); for others the name cargo gives it
    /// (`build-script-build` for the build script is not used: it is `build`).
    pub name: String,
    /// Absolute path of the root source file.
    pub root: PathBuf,
    /// Its own edition, when its table sets one (`[[test]] edition =
    /// "2015"`); otherwise its package's.
    pub edition: Option<Edition>,
}

/// What kind of dependency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DepKind {
    /// `[dependencies]`.
    Normal,
    /// `[dev-dependencies]`.
    Dev,
    /// `[build-dependencies]`.
    Build,
}

/// One dependency entry of a member's manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    /// The name code uses: the entry's key with `-` as `_` (`orm` for
    /// `orm = { package = "diesel" }`).
    pub key: String,
    /// The package name (`diesel`), from `package = ..` (also through
    /// `workspace = true`) or the key.
    pub package: String,
    /// Which table.
    pub kind: DepKind,
    /// The `cfg(..)` or triple of a `[target.'..'.*dependencies]` table.
    pub target: Option<String>,
    /// Position of the entry's key in the member's manifest (for
    /// `workspace = true` entries too).
    pub pos: Pos,
    /// Index in [`Workspace::packages`] when the dependency is a workspace
    /// member.
    pub member: Option<usize>,
}

/// A manifest problem that stops the workspace from being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceError {
    /// The manifest (or directory) at fault.
    pub file: PathBuf,
    /// Where in it, when known.
    pub pos: Option<Pos>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl fmt::Display for WorkspaceError {
    /// `FILE:LINE:COLUMN: MESSAGE` (without the position when unknown); the
    /// `help` is left to the renderer.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(pos) = self.pos {
            write!(f, ":{}:{}", pos.line, pos.column)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for WorkspaceError {}

thread_local! {
    /// The paths looked at by a [`load_recorded`] in progress.
    static SEEN: RefCell<Option<Vec<Input>>> = const { RefCell::new(None) };
}

fn recording() -> bool {
    SEEN.with(|s| s.borrow().is_some())
}

/// Notes that loading looked at `path` (with its stamp now, before it is
/// read), when recording.
fn seen(path: &Path) -> &Path {
    SEEN.with(|s| {
        if let Some(v) = s.borrow_mut().as_mut() {
            v.push((path.to_owned(), Stamp::of(path)));
        }
    });
    path
}

/// Whether `path` is a file (following symbolic links), noting that
/// loading looked at it, with one `stat` for both.
fn seen_is_file(path: &Path) -> bool {
    seen_metadata(path).is_some_and(|meta| meta.is_file())
}

/// Whether `path` is a directory; see [`seen_is_file`].
fn seen_is_dir(path: &Path) -> bool {
    seen_metadata(path).is_some_and(|meta| meta.is_dir())
}

fn seen_metadata(path: &Path) -> Option<std::fs::Metadata> {
    let meta = std::fs::metadata(path).ok();
    SEEN.with(|s| {
        if let Some(v) = s.borrow_mut().as_mut() {
            v.push((path.to_owned(), meta.as_ref().and_then(Stamp::of_metadata)));
        }
    });
    meta
}

/// `f` of each of `items`, in parallel and in the order of `items`. When
/// recording, each call records on its own and the records are appended in
/// the order of `items`, as if the calls had run one after the other.
fn par_map_recorded<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let record = recording();
    let results: Vec<(R, Option<Vec<Input>>)> = items
        .par_iter()
        .map(|item| {
            if !record {
                return (f(item), None);
            }
            let outer = SEEN.with(|s| s.replace(Some(Vec::new())));
            let result = f(item);
            (result, SEEN.with(|s| s.replace(outer)))
        })
        .collect();
    results
        .into_iter()
        .map(|(result, inputs)| {
            if let Some(inputs) = inputs {
                SEEN.with(|s| {
                    if let Some(v) = s.borrow_mut().as_mut() {
                        v.extend(inputs);
                    }
                });
            }
            result
        })
        .collect()
}

/// [`load`], also returning every file and directory it looked at with
/// its stamp: the workspace is the same as long as none of them changed
/// (a directory's stamp changes when entries are added or removed).
pub fn load_recorded(root_manifest: &Path) -> (Result<Workspace, WorkspaceError>, Vec<Input>) {
    let outer = SEEN.with(|s| s.replace(Some(Vec::new())));
    let loaded = load(root_manifest);
    let inputs = SEEN.with(|s| s.replace(outer)).unwrap_or_default();
    (loaded, inputs)
}

/// Finds the workspace root manifest for `start`, a directory or a
/// `Cargo.toml`, walking up like cargo does.
///
/// The package manifest is `start` itself when it is a file, else the
/// `Cargo.toml` of `start` or of its nearest ancestor. Its workspace root is
/// the package itself when it has a `[workspace]` table, the directory named
/// by `package.workspace` when set, else the nearest ancestor manifest whose
/// `[workspace]` includes the package (listed in `members`, directly or by a
/// glob, and not excluded, or an implicit member through path
/// dependencies). With none, the package is a workspace of one and its own
/// manifest is the root. The returned path is absolute and canonical.
///
/// # Errors
///
/// No `Cargo.toml` in `start` or any parent directory, an unreadable or
/// malformed manifest, or a `package.workspace` that points nowhere.
///
/// # Example
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("Cargo.toml"), "[workspace]\nmembers = [\"app\"]\n")?;
/// std::fs::create_dir_all(dir.path().join("app/src"))?;
/// std::fs::write(dir.path().join("app/Cargo.toml"), "[package]\nname = \"app\"\n")?;
///
/// let root = terrace_lint::workspace::find_root(&dir.path().join("app/src"))?;
/// assert_eq!(root, dir.path().canonicalize()?.join("Cargo.toml"));
/// # Ok(())
/// # }
/// ```
pub fn find_root(start: &Path) -> Result<PathBuf, WorkspaceError> {
    let package_manifest = starting_manifest(start)?;
    let package = Manifest::read(&package_manifest)?;
    if package.workspace().is_some() {
        return Ok(package_manifest);
    }
    if package.package().is_none() {
        return Err(neither_package_nor_workspace(&package));
    }
    if let Some(root) = package.explicit_root() {
        let root = root?;
        let manifest = Manifest::read(&root)?;
        if manifest.workspace().is_none() {
            let pos = package
                .explicit_workspace()
                .map_or(Pos { line: 1, column: 1 }, |(_, pos)| pos);
            return Err(package.error(
                pos,
                format!(
                    "`package.workspace` points to `{}`, which has no `[workspace]` table",
                    root.display()
                ),
                "point `package.workspace` at the directory of the workspace's root \
                 `Cargo.toml`, or remove it"
                    .to_owned(),
            ));
        }
        return Ok(root);
    }
    for ancestor in package.dir.ancestors().skip(1) {
        let candidate = ancestor.join("Cargo.toml");
        if !candidate.is_file() {
            continue;
        }
        let manifest = Manifest::read(&candidate)?;
        let Some(ws) = WorkspaceInfo::of(&manifest)? else {
            continue;
        };
        if ws.includes(manifest, &package.dir)? {
            return Ok(candidate);
        }
    }
    Ok(package_manifest)
}

/// The canonical manifest that `start` designates: itself when it is a
/// file, else the `Cargo.toml` in it or its nearest ancestor.
fn starting_manifest(start: &Path) -> Result<PathBuf, WorkspaceError> {
    let start = std::path::absolute(start)
        .and_then(|start| start.canonicalize())
        .map_err(|err| WorkspaceError {
            file: start.to_owned(),
            pos: None,
            message: format!("could not read `{}`: {err}", start.display()),
            help: Some("pass an existing directory or `Cargo.toml`".to_owned()),
        })?;
    if start.is_file() {
        if start.file_name().is_some_and(|name| name == "Cargo.toml") {
            return Ok(start);
        }
        return Err(WorkspaceError {
            file: start.clone(),
            pos: None,
            message: format!("`{}` is not a `Cargo.toml`", start.display()),
            help: Some("pass the workspace's directory or the path of a `Cargo.toml`".to_owned()),
        });
    }
    start
        .ancestors()
        .map(|dir| dir.join("Cargo.toml"))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| WorkspaceError {
            file: start.clone(),
            pos: None,
            message: format!(
                "could not find `Cargo.toml` in `{}` or any parent directory",
                start.display()
            ),
            help: Some(
                "run in a cargo workspace, or point at one with `--manifest-path`".to_owned(),
            ),
        })
}

fn neither_package_nor_workspace(manifest: &Manifest) -> WorkspaceError {
    manifest.error(
        Pos { line: 1, column: 1 },
        "manifest has neither a `[package]` nor a `[workspace]` table".to_owned(),
        format!("add a `[package]` or a `[workspace]` table; see {MANIFEST_DOCS}"),
    )
}

/// Reads the workspace whose root manifest is `root_manifest`.
///
/// The members are the packages `[workspace] members` names (glob patterns
/// expand to the directories that hold a `Cargo.toml`), minus `exclude`,
/// plus the root package when the root manifest has a `[package]`, plus the
/// path dependencies of members inside the root directory, transitively
/// (cargo makes them members too). A manifest without `[workspace]` is a
/// workspace of one. Packages are sorted by name; paths are absolute and
/// canonical.
///
/// # Errors
///
/// Whatever would stop cargo from reading the workspace: an unreadable or
/// malformed manifest (the position is in the error), a member without
/// `[package] name` or with a `[workspace]` of its own, a literal `members`
/// entry with no `Cargo.toml`, a path dependency with no `Cargo.toml`, a
/// `workspace = true` dependency or edition the root does not define, an
/// unknown edition, a `package.workspace` that points nowhere or at another
/// workspace, two members or two targets of one kind with the same name.
///
/// # Example
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use terrace_lint::workspace::{load, TargetKind};
///
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir_all(dir.path().join("src"))?;
/// std::fs::write(dir.path().join("src/lib.rs"), "")?;
/// std::fs::write(
///     dir.path().join("Cargo.toml"),
///     "[package]\nname = \"shop-domain\"\nedition = \"2021\"\n\n\
///      [dependencies]\norm = { package = \"diesel\", version = \"2\" }\n",
/// )?;
///
/// let ws = load(&dir.path().join("Cargo.toml"))?;
/// let package = &ws.packages[0];
/// assert_eq!(package.targets[0].kind, TargetKind::Lib);
/// assert_eq!(package.targets[0].name, "shop_domain");
/// assert_eq!(package.dependencies[0].key, "orm");
/// assert_eq!(package.dependencies[0].package, "diesel");
/// # Ok(())
/// # }
/// ```
pub fn load(root_manifest: &Path) -> Result<Workspace, WorkspaceError> {
    let path = std::path::absolute(root_manifest)
        .and_then(|path| path.canonicalize())
        .map_err(|err| WorkspaceError {
            file: root_manifest.to_owned(),
            pos: None,
            message: format!("could not read `{}`: {err}", root_manifest.display()),
            help: Some("check that the manifest exists and is readable".to_owned()),
        })?;
    let root = Manifest::read(&path)?;
    let ws = WorkspaceInfo::of(&root)?;
    if ws.is_none() && root.package().is_none() {
        return Err(neither_package_nor_workspace(&root));
    }
    let root_dir = root.dir.clone();
    let members = match &ws {
        Some(ws) => members::collect(root, ws)?,
        None => {
            let dependencies = members::resolve_dependencies(&root, None)?;
            vec![Member {
                manifest: root,
                dependencies,
            }]
        }
    };

    // Targets are found in parallel (they stat and list directories); the
    // first error in member order is the one reported.
    let found = par_map_recorded(&members, |member| {
        let name = member.manifest.package_name()?;
        let edition = edition(&member.manifest, ws.as_ref())?;
        let targets = targets::targets(&member.manifest, &name, edition)?;
        Ok::<_, WorkspaceError>((name, edition, targets))
    });
    let mut packages = Vec::with_capacity(members.len());
    for (member, found) in members.into_iter().zip(found) {
        let (name, edition, targets) = found?;
        packages.push((
            Package {
                name,
                manifest: member.manifest.path.clone(),
                dir: member.manifest.dir.clone(),
                edition,
                targets,
                dependencies: Vec::new(),
            },
            member,
        ));
    }
    packages.sort_by(|(a, _), (b, _)| a.name.cmp(&b.name));
    for pair in packages.windows(2) {
        if let [(first, _), (second, member)] = pair
            && first.name == second.name
        {
            return Err(WorkspaceError {
                file: second.manifest.clone(),
                pos: member.manifest.package().and_then(|(_, package)| {
                    package
                        .get("name")
                        .map(|_| member.manifest.value_pos(package, "name"))
                }),
                message: format!(
                    "two workspace members are named `{}`: `{}` and `{}`",
                    first.name,
                    first.manifest.display(),
                    second.manifest.display()
                ),
                help: Some("rename one of them; cargo requires unique package names".to_owned()),
            });
        }
    }

    let by_dir: HashMap<PathBuf, usize> = packages
        .iter()
        .enumerate()
        .map(|(index, (package, _))| (package.dir.clone(), index))
        .collect();
    let by_name: HashMap<String, usize> = packages
        .iter()
        .enumerate()
        .map(|(index, (package, _))| (package.name.clone(), index))
        .collect();
    let mut manifests = Vec::with_capacity(packages.len());
    let packages = packages
        .into_iter()
        .map(|(mut package, member)| {
            manifests.push(member.manifest);
            package.dependencies = member
                .dependencies
                .into_iter()
                .map(|dep| {
                    let member = dep.dir.as_ref().and_then(|dir| {
                        by_dir
                            .get(dir)
                            .or_else(|| by_name.get(&dep.package))
                            .copied()
                    });
                    Dependency {
                        key: dep.entry.key.replace('-', "_"),
                        package: dep.package,
                        kind: dep.entry.kind,
                        target: dep.entry.target,
                        pos: dep.entry.pos,
                        member,
                    }
                })
                .collect();
            package
        })
        .collect();
    // Parsed manifests are many small allocations: freed on a worker, off
    // the critical path.
    rayon::spawn(move || drop(manifests));

    Ok(Workspace {
        root_manifest: path,
        root: root_dir,
        packages,
    })
}

/// A member's edition: its own, the workspace's for
/// `edition.workspace = true`, else 2015.
fn edition(manifest: &Manifest, ws: Option<&WorkspaceInfo>) -> Result<Edition, WorkspaceError> {
    match manifest.package_edition() {
        Ok(edition) => Ok(edition.unwrap_or_default()),
        Err(InheritOrError::Error(err)) => Err(err),
        Err(InheritOrError::Inherit(pos)) => ws.and_then(|ws| ws.edition).ok_or_else(|| {
            manifest.error(
                pos,
                "`edition.workspace = true`, but the workspace root sets no \
                     `[workspace.package] edition`"
                    .to_owned(),
                "add `edition = \"2024\"` (or the edition you use) under \
                     `[workspace.package]` in the root `Cargo.toml`, or set the edition here"
                    .to_owned(),
            )
        }),
    }
}

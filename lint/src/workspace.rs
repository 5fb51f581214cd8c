//! The workspace as cargo sees it, read from manifests only (no `cargo
//! metadata`, no network, no lock file): members, targets with cargo's
//! auto-discovery, dependencies with their positions in the manifests.

use std::path::{Path, PathBuf};

use crate::scan::Pos;

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

/// Finds the workspace root manifest for `start`, a directory or a
/// `Cargo.toml`, walking up like cargo does.
pub fn find_root(start: &Path) -> Result<PathBuf, WorkspaceError> {
    Err(WorkspaceError {
        file: start.to_owned(),
        pos: None,
        message: "not implemented".to_owned(),
        help: None,
    })
}

/// Reads the workspace whose root manifest is `root_manifest`.
pub fn load(root_manifest: &Path) -> Result<Workspace, WorkspaceError> {
    Err(WorkspaceError {
        file: root_manifest.to_owned(),
        pos: None,
        message: "not implemented".to_owned(),
        help: None,
    })
}

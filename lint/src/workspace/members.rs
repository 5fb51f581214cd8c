//! Which packages belong to a workspace: `[workspace] members` (globs
//! included) minus `exclude`, the root package, and the path dependencies
//! that cargo makes implicit members, followed transitively.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use super::manifest::{DepEntry, MANIFEST_DOCS, Manifest, normalize};
use super::toml::{Item, Table};
use super::{Edition, WorkspaceError, seen, seen_is_file};
use crate::scan::Pos;

/// More members than this is not a real workspace: something (a symlink
/// loop under a `**` glob) is feeding the search.
const MAX_MEMBERS: usize = 20_000;

/// More paths than this from one `members` glob means a symlink loop.
const MAX_GLOB_MATCHES: usize = 20_000;

/// What the root manifest's `[workspace]` table says.
pub(super) struct WorkspaceInfo {
    /// Canonical path of the root manifest.
    pub(super) root_manifest: PathBuf,
    /// Its directory.
    pub(super) root_dir: PathBuf,
    /// `members` entries with their positions.
    members: Vec<(String, Pos)>,
    /// `exclude` entries, as absolute normalized paths.
    exclude: Vec<PathBuf>,
    /// `[workspace.dependencies]`.
    pub(super) dependencies: HashMap<String, InheritedDep>,
    /// `[workspace.package] edition`.
    pub(super) edition: Option<Edition>,
}

/// An entry of `[workspace.dependencies]`.
pub(super) struct InheritedDep {
    /// `package = ".."`.
    package: Option<String>,
    /// `path = ".."`, relative to the root.
    path: Option<String>,
}

/// A dependency entry with `workspace = true` resolved and its path made
/// absolute.
#[derive(Debug, Clone)]
pub(super) struct ResolvedDep {
    /// The entry as written.
    pub(super) entry: DepEntry,
    /// The package name.
    pub(super) package: String,
    /// Canonical directory of a path dependency.
    pub(super) dir: Option<PathBuf>,
}

/// A member package's manifest and its resolved dependencies.
pub(super) struct Member {
    pub(super) manifest: Manifest,
    pub(super) dependencies: Vec<ResolvedDep>,
}

impl WorkspaceInfo {
    /// Reads `[workspace]` of `root`; `None` when it has none.
    pub(super) fn of(root: &Manifest) -> Result<Option<WorkspaceInfo>, WorkspaceError> {
        let Some(ws) = root.workspace() else {
            return Ok(None);
        };
        let members = string_array(root, ws, "members")?;
        let exclude = string_array(root, ws, "exclude")?
            .into_iter()
            .map(|(path, _)| normalize(&root.dir.join(path)))
            .collect();
        let mut dependencies = HashMap::new();
        if let Some(deps) = ws.get("dependencies").and_then(Item::as_table) {
            for (key, item) in deps.iter() {
                let spec = item.as_table();
                let string = |field: &str| {
                    spec.and_then(|spec| spec.get(field))
                        .and_then(Item::as_str)
                        .map(str::to_owned)
                };
                dependencies.insert(
                    key.to_owned(),
                    InheritedDep {
                        package: string("package"),
                        path: string("path"),
                    },
                );
            }
        }
        Ok(Some(WorkspaceInfo {
            root_manifest: root.path.clone(),
            root_dir: root.dir.clone(),
            members,
            exclude,
            dependencies,
            edition: root.workspace_edition()?,
        }))
    }

    /// Cargo's rule: a directory under an `exclude` entry is not a member
    /// unless it is under a literal `members` entry.
    pub(super) fn is_excluded(&self, dir: &Path) -> bool {
        let excluded = self.exclude.iter().any(|ex| dir.starts_with(ex));
        excluded
            && !self
                .members
                .iter()
                .any(|(member, _)| dir.starts_with(normalize(&self.root_dir.join(member))))
    }

    /// The directories that `members` names, each with whether it came from
    /// a glob and the position of its entry; globs only yield directories.
    fn expand_members(&self, root: &Manifest) -> Result<Vec<(PathBuf, bool, Pos)>, WorkspaceError> {
        let mut out = Vec::new();
        for (entry, pos) in &self.members {
            if !entry.contains(['*', '?', '[']) {
                out.push((normalize(&self.root_dir.join(entry)), false, *pos));
                continue;
            }
            let pattern = if Path::new(entry).is_absolute() {
                entry.clone()
            } else {
                let root = glob::Pattern::escape(&self.root_dir.to_string_lossy());
                format!("{root}/{entry}")
            };
            seen_glob(&pattern);
            let paths = glob::glob(&pattern).map_err(|err| {
                root.error(
                    *pos,
                    format!("invalid glob pattern `{entry}` in `workspace.members`: {err}"),
                    "`*`, `?`, `[..]` and `**` are the glob syntax; escape a literal `[` as `[[]`"
                        .to_owned(),
                )
            })?;
            for (count, path) in paths.enumerate() {
                if count >= MAX_GLOB_MATCHES {
                    return Err(root.error(
                        *pos,
                        format!(
                            "`workspace.members` pattern `{entry}` matches more than \
                             {MAX_GLOB_MATCHES} paths"
                        ),
                        "look for a symbolic link loop under the pattern, or narrow the pattern"
                            .to_owned(),
                    ));
                }
                // Unreadable directories are skipped, like files.
                if let Ok(path) = path
                    && path.is_dir()
                {
                    out.push((normalize(&path), true, *pos));
                }
            }
        }
        Ok(out)
    }

    /// True when the package in `dir` (canonical) is a member: listed in
    /// `members` (not excluded) or reached as an implicit path member.
    pub(super) fn includes(&self, root: Manifest, dir: &Path) -> Result<bool, WorkspaceError> {
        if dir == self.root_dir {
            return Ok(true);
        }
        if self.is_excluded(dir) {
            return Ok(false);
        }
        let listed = self
            .expand_members(&root)?
            .iter()
            .any(|(member, _, _)| member.canonicalize().is_ok_and(|member| member == dir));
        if listed {
            return Ok(true);
        }
        let manifest = dir.join("Cargo.toml");
        Ok(collect(root, self)?
            .iter()
            .any(|member| member.manifest.path == manifest))
    }
}

/// `[workspace] key`: an array of strings (absent is empty).
fn string_array(
    root: &Manifest,
    ws: Table<'_>,
    key: &str,
) -> Result<Vec<(String, Pos)>, WorkspaceError> {
    let Some(item) = ws.get(key) else {
        return Ok(Vec::new());
    };
    let error = |pos| {
        root.error(
            pos,
            format!("`workspace.{key}` must be an array of path strings"),
            format!("write it as `{key} = [\"crates/*\", \"tools/gen\"]`"),
        )
    };
    let Some(array) = item.as_array() else {
        return Err(error(root.value_pos(ws, key)));
    };
    array
        .map(|value| match value.as_str() {
            Some(text) => Ok((text.to_owned(), root.pos(Some(value.span())))),
            None => Err(error(root.pos(Some(value.span())))),
        })
        .collect()
}

/// The dependency entries of `manifest` with `workspace = true` resolved
/// against `ws` and paths made canonical.
pub(super) fn resolve_dependencies(
    manifest: &Manifest,
    ws: Option<&WorkspaceInfo>,
) -> Result<Vec<ResolvedDep>, WorkspaceError> {
    let mut out = Vec::new();
    for entry in manifest.dependency_entries() {
        let inherited = entry
            .workspace
            .then(|| ws.and_then(|ws| ws.dependencies.get(&entry.key).map(|dep| (ws, dep))))
            .flatten();
        if entry.workspace && inherited.is_none() {
            return Err(manifest.error(
                entry.pos,
                format!(
                    "`{}` has `workspace = true`, but the workspace root defines no \
                     `[workspace.dependencies]` entry `{}`",
                    entry.key, entry.key
                ),
                match ws {
                    Some(ws) => format!(
                        "add `{}` under `[workspace.dependencies]` in `{}`, or give the \
                         dependency's source here",
                        entry.key,
                        ws.root_manifest.display()
                    ),
                    None => "this package is not in a workspace: give the dependency's \
                             source here (`version`, `path` or `git`)"
                        .to_owned(),
                },
            ));
        }
        let package = entry
            .package
            .clone()
            .or_else(|| inherited.and_then(|(_, dep)| dep.package.clone()))
            .unwrap_or_else(|| entry.key.clone());
        let path = match (&entry.path, inherited) {
            (Some(path), _) => Some(manifest.dir.join(path)),
            (
                None,
                Some((
                    ws,
                    InheritedDep {
                        path: Some(path), ..
                    },
                )),
            ) => Some(ws.root_dir.join(path)),
            _ => None,
        };
        let dir = match path {
            None => None,
            Some(path) => {
                let path = normalize(&path);
                match seen(&path).canonicalize() {
                    Ok(dir) if seen_is_file(&dir.join("Cargo.toml")) => Some(dir),
                    _ => {
                        return Err(manifest.error(
                            entry.pos,
                            format!(
                                "path dependency `{}` points to `{}`, which has no `Cargo.toml`",
                                entry.key,
                                path.display()
                            ),
                            "fix the dependency's `path` (it is relative to the manifest that \
                             declares it)"
                                .to_owned(),
                        ));
                    }
                }
            }
        };
        out.push(ResolvedDep {
            entry,
            package,
            dir,
        });
    }
    Ok(out)
}

/// Every member of the workspace rooted at `root`, in discovery order.
pub(super) fn collect(root: Manifest, ws: &WorkspaceInfo) -> Result<Vec<Member>, WorkspaceError> {
    let mut seen = HashSet::new();
    let mut queue = VecDeque::new();
    let mut members = Vec::new();

    seen.insert(root.path.clone());
    let listed = ws.expand_members(&root)?;
    // Each member's manifest is looked for in parallel (a path lookup of
    // every component each), then taken in order.
    let found = super::par_map_recorded(&listed, |(dir, from_glob, _)| {
        if *from_glob && ws.is_excluded(dir) {
            return None;
        }
        let manifest = dir.join("Cargo.toml");
        let canonical = super::seen(&manifest).canonicalize();
        Some(canonical.ok().filter(|manifest| manifest.is_file()))
    });
    for ((dir, from_glob, pos), found) in listed.into_iter().zip(found) {
        let Some(found) = found else {
            continue;
        };
        match found {
            Some(manifest) => {
                if seen.insert(manifest.clone()) {
                    queue.push_back(manifest);
                }
            }
            // Cargo skips the directories of a glob that hold no package.
            _ if from_glob => {}
            _ => {
                let manifest = dir.join("Cargo.toml");
                return Err(root.error(
                    pos,
                    format!(
                        "workspace member `{}` has no `Cargo.toml`",
                        dir.strip_prefix(&ws.root_dir).unwrap_or(&dir).display()
                    ),
                    format!(
                        "create `{}`, or remove the entry from `workspace.members`",
                        manifest.display()
                    ),
                ));
            }
        }
    }

    // Members are read in rounds: everything queued is read, checked and
    // resolved in parallel, then taken in queue order, which queues the
    // next round in the order reading one by one would.
    let mut round = match root.package() {
        Some(_) => vec![
            resolve_dependencies(&root, Some(ws)).map(|dependencies| Member {
                manifest: root,
                dependencies,
            }),
        ],
        None => Vec::new(),
    };
    loop {
        for member in round {
            if members.len() >= MAX_MEMBERS {
                return Err(WorkspaceError {
                    file: ws.root_manifest.clone(),
                    pos: None,
                    message: format!("the workspace has more than {MAX_MEMBERS} members"),
                    help: Some(
                        "look for a symbolic link loop under a `members` glob or among path \
                         dependencies"
                            .to_owned(),
                    ),
                });
            }
            let member = member?;
            for dep in &member.dependencies {
                let Some(dir) = &dep.dir else {
                    continue;
                };
                let path = dir.join("Cargo.toml");
                if seen.contains(&path) || ws.is_excluded(dir) {
                    continue;
                }
                if dir.starts_with(&ws.root_dir) || points_to(&path, &ws.root_manifest) {
                    seen.insert(path.clone());
                    queue.push_back(path);
                }
            }
            members.push(member);
        }
        if queue.is_empty() {
            break;
        }
        let paths: Vec<PathBuf> = queue.drain(..).collect();
        round = super::par_map_recorded(&paths, |path| read_member(path, ws));
    }
    Ok(members)
}

/// Reads the member manifest at `path`, checks it and resolves its
/// dependencies.
fn read_member(path: &Path, ws: &WorkspaceInfo) -> Result<Member, WorkspaceError> {
    let manifest = Manifest::read(path)?;
    check_member(&manifest, ws)?;
    let dependencies = resolve_dependencies(&manifest, Some(ws))?;
    Ok(Member {
        manifest,
        dependencies,
    })
}

/// True when the manifest at `path` says `package.workspace = ..` naming
/// `root` (a path dependency outside the root directory is a member only
/// then).
fn points_to(path: &Path, root: &Path) -> bool {
    Manifest::read(path)
        .ok()
        .and_then(|manifest| manifest.explicit_root())
        .is_some_and(|found| found.is_ok_and(|found| found == root))
}

/// A member must be a package of this workspace: no `[workspace]` of its
/// own, no `package.workspace` naming another root.
fn check_member(manifest: &Manifest, ws: &WorkspaceInfo) -> Result<(), WorkspaceError> {
    if manifest.workspace().is_some() {
        let pos = manifest.key_pos(manifest.top(), "workspace");
        return Err(manifest.error(
            pos,
            format!(
                "this package is a workspace root itself, but it is also a member of the \
                 workspace at `{}`",
                ws.root_manifest.display()
            ),
            "remove its `[workspace]` table, or add its directory to the root's \
             `workspace.exclude`"
                .to_owned(),
        ));
    }
    if manifest.package().is_none() {
        return Err(manifest.error(
            Pos { line: 1, column: 1 },
            "workspace member has no `[package]` table".to_owned(),
            format!(
                "add a `[package]` table with a `name`, or remove this directory from the \
                 workspace's `members`; see {MANIFEST_DOCS}"
            ),
        ));
    }
    if let Some(found) = manifest.explicit_root() {
        let found = found?;
        if found != ws.root_manifest {
            let pos = manifest
                .explicit_workspace()
                .map_or(Pos { line: 1, column: 1 }, |(_, pos)| pos);
            return Err(manifest.error(
                pos,
                format!(
                    "`package.workspace` points to `{}`, but this package is a member of the \
                     workspace at `{}`",
                    found.display(),
                    ws.root_manifest.display()
                ),
                "make `package.workspace` point at the workspace that lists this package, or \
                 remove it"
                    .to_owned(),
            ));
        }
    }
    Ok(())
}

/// Records, when recording, the directories whose listings a `members`
/// glob depends on: the parents of each component with a wildcard (every
/// directory below for `**`).
fn seen_glob(pattern: &str) {
    if !super::recording() {
        return;
    }
    let components: Vec<&str> = pattern.split('/').collect();
    for (i, c) in components.iter().enumerate() {
        if !c.contains(['*', '?', '[']) {
            continue;
        }
        let prefix = match components[..i].join("/") {
            p if p.is_empty() => "/".to_owned(),
            p => p,
        };
        let listed = if *c == "**" {
            format!("{prefix}/**")
        } else {
            prefix
        };
        let Ok(dirs) = glob::glob(&listed) else {
            return;
        };
        for dir in dirs.flatten().take(MAX_GLOB_MATCHES) {
            if dir.is_dir() {
                seen(&dir);
            }
        }
    }
}

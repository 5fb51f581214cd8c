//! Plan, show, apply: what a generator would do to each file (create,
//! identical, conflict, overwrite, edit), computed against the disk without
//! writing; then applied all or nothing.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// What happens to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    /// The file does not exist: it is written.
    Create,
    /// The file exists with these contents already: nothing to do.
    Identical,
    /// The file exists with other contents: refused without `--force`.
    Conflict,
    /// A conflict under `--force`: the file is replaced.
    Overwrite,
    /// An existing file gets an insertion at a marker.
    Edit,
}

impl Action {
    fn label(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Identical => "identical",
            Action::Conflict => "conflict",
            Action::Overwrite => "overwrite",
            Action::Edit => "edit",
        }
    }

    fn writes(self) -> bool {
        matches!(self, Action::Create | Action::Overwrite | Action::Edit)
    }
}

/// One file of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Relative to the plan's root, `/`-separated.
    pub path: String,
    /// What happens to it.
    pub action: Action,
    /// Its new contents.
    pub contents: String,
}

/// Every file a generator touches, under one root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The project's root directory.
    pub root: PathBuf,
    /// Whether the root is missing: the whole tree is then built aside and
    /// moved into place.
    pub fresh: bool,
    /// The files, sorted by path.
    pub steps: Vec<Step>,
}

/// Compares `created` (files to write) and `edited` (existing files with
/// their new contents) with what is on disk under `root`.
#[must_use]
pub fn plan(
    root: &Path,
    created: BTreeMap<String, String>,
    edited: BTreeMap<String, String>,
    force: bool,
) -> Plan {
    let fresh = !root.exists();
    let mut steps = Vec::new();
    for (path, contents) in created {
        let action = match std::fs::read(root.join(&path)) {
            Ok(existing) if existing == contents.as_bytes() => Action::Identical,
            Ok(_) => conflict(force),
            // Missing, or under a file that is not a directory (the write
            // then fails and nothing is applied).
            Err(e)
                if e.kind() == io::ErrorKind::NotFound
                    || e.kind() == io::ErrorKind::NotADirectory =>
            {
                Action::Create
            }
            // A directory, or unreadable: not ours to replace blindly.
            Err(_) => conflict(force),
        };
        steps.push(Step {
            path,
            action,
            contents,
        });
    }
    for (path, contents) in edited {
        let same = std::fs::read(root.join(&path)).is_ok_and(|e| e == contents.as_bytes());
        let action = if same {
            Action::Identical
        } else {
            Action::Edit
        };
        steps.push(Step {
            path,
            action,
            contents,
        });
    }
    steps.sort_by(|a, b| a.path.cmp(&b.path));
    Plan {
        root: root.to_path_buf(),
        fresh,
        steps,
    }
}

fn conflict(force: bool) -> Action {
    if force {
        Action::Overwrite
    } else {
        Action::Conflict
    }
}

impl Plan {
    /// The files in conflict.
    pub fn conflicts(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| s.action == Action::Conflict)
    }

    /// How many files have this action.
    #[must_use]
    pub fn count(&self, action: Action) -> usize {
        self.steps.iter().filter(|s| s.action == action).count()
    }

    /// One line per file: the action, padded, then the path.
    #[must_use]
    pub fn render(&self) -> String {
        let mut out = String::new();
        for step in &self.steps {
            let _ = writeln!(out, "  {:<10} {}", step.action.label(), step.path);
        }
        out
    }

    /// A one-line count: `12 to create, 1 identical`.
    #[must_use]
    pub fn summary(&self) -> String {
        let parts: Vec<String> = [
            (Action::Create, "to create"),
            (Action::Edit, "to edit"),
            (Action::Overwrite, "to overwrite"),
            (Action::Identical, "identical"),
            (Action::Conflict, "in conflict"),
        ]
        .iter()
        .filter_map(|&(action, what)| {
            let n = self.count(action);
            (n > 0).then(|| format!("{n} {what}"))
        })
        .collect();
        if parts.is_empty() {
            "nothing to do".to_owned()
        } else {
            parts.join(", ")
        }
    }

    /// Writes every file that changes, all or nothing. A missing root is
    /// built in a sibling directory and renamed into place; in an existing
    /// root (even an empty one: it may be the current directory) each file is written beside its target first, and only when
    /// every one is written are they renamed over their targets.
    ///
    /// # Errors
    ///
    /// [`ApplyError`] naming the path that failed; what was written so far
    /// is removed.
    pub fn apply(&self) -> Result<(), ApplyError> {
        if self.conflicts().next().is_some() {
            return Err(ApplyError {
                path: self.root.clone(),
                error: io::Error::new(io::ErrorKind::AlreadyExists, "the plan has conflicts"),
            });
        }
        if self.fresh {
            self.apply_fresh()
        } else {
            self.apply_in_place()
        }
    }

    fn apply_fresh(&self) -> Result<(), ApplyError> {
        let err = |path: &Path| {
            let path = path.to_path_buf();
            move |error| ApplyError { path, error }
        };
        let parent = match self.root.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut cleanup = Cleanup::default();
        cleanup.create_dirs(&parent).map_err(err(&parent))?;
        let staging = staging_dir(&parent, &self.root).map_err(err(&parent))?;
        cleanup.dirs.push(staging.clone());
        for step in self.steps.iter().filter(|s| s.action.writes()) {
            let target = staging.join(&step.path);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir).map_err(err(&self.root.join(&step.path)))?;
            }
            std::fs::write(&target, &step.contents).map_err(err(&self.root.join(&step.path)))?;
        }
        std::fs::rename(&staging, &self.root).map_err(err(&self.root))?;
        cleanup.dirs.clear();
        Ok(())
    }

    fn apply_in_place(&self) -> Result<(), ApplyError> {
        let mut cleanup = Cleanup::default();
        let mut staged = Vec::new();
        for step in self.steps.iter().filter(|s| s.action.writes()) {
            let target = self.root.join(&step.path);
            let fail = |error| ApplyError {
                path: target.clone(),
                error,
            };
            if let Some(dir) = target.parent() {
                cleanup.create_dirs(dir).map_err(fail)?;
            }
            let name = target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let temp = target.with_file_name(format!(".{name}.terrace-tmp"));
            std::fs::write(&temp, &step.contents).map_err(|error| {
                let _ = std::fs::remove_file(&temp);
                fail(error)
            })?;
            cleanup.files.push(temp.clone());
            staged.push((temp, target));
        }
        for (temp, target) in &staged {
            std::fs::rename(temp, target).map_err(|error| ApplyError {
                path: target.clone(),
                error,
            })?;
        }
        cleanup.files.clear();
        cleanup.dirs.clear();
        Ok(())
    }
}

/// A directory beside `root` to build the tree in, named after it.
fn staging_dir(parent: &Path, root: &Path) -> io::Result<PathBuf> {
    let name = root.file_name().map_or_else(
        || "project".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    for n in 0..100u32 {
        let dir = parent.join(format!(".{name}.terrace-new-{}-{n}", std::process::id()));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free name for a staging directory",
    ))
}

/// What a failed apply removes: temporary files, then the directories it
/// created (deepest first).
#[derive(Default)]
struct Cleanup {
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
}

impl Cleanup {
    /// `create_dir_all`, remembering each directory it created.
    fn create_dirs(&mut self, dir: &Path) -> io::Result<()> {
        let mut missing = Vec::new();
        for d in dir.ancestors() {
            if d.as_os_str().is_empty() || d.is_dir() {
                break;
            }
            missing.push(d.to_path_buf());
        }
        for d in missing.into_iter().rev() {
            std::fs::create_dir(&d)?;
            self.dirs.push(d);
        }
        Ok(())
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        for f in &self.files {
            let _ = std::fs::remove_file(f);
        }
        for d in self.dirs.iter().rev() {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

/// A write that failed; nothing of the plan was applied.
#[derive(Debug)]
pub struct ApplyError {
    /// The path being written.
    pub path: PathBuf,
    /// Why.
    pub error: io::Error,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(p, c)| ((*p).to_owned(), (*c).to_owned()))
            .collect()
    }

    #[test]
    fn a_plan_compares_with_the_disk() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("same"), "a").unwrap();
        std::fs::write(tmp.path().join("other"), "b").unwrap();
        std::fs::write(tmp.path().join("lib.rs"), "x").unwrap();
        let created = files(&[("same", "a"), ("other", "c"), ("new/file", "d")]);
        let edited = files(&[("lib.rs", "xy")]);
        let p = plan(tmp.path(), created.clone(), edited.clone(), false);
        assert!(!p.fresh);
        assert_eq!(
            p.render(),
            "  edit       lib.rs\n  create     new/file\n  conflict   other\n  identical  same\n"
        );
        assert_eq!(
            p.summary(),
            "1 to create, 1 to edit, 1 identical, 1 in conflict"
        );
        assert!(p.apply().is_err());
        let p = plan(tmp.path(), created, edited, true);
        assert_eq!(p.count(Action::Overwrite), 1);
        p.apply().unwrap();
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("other")).unwrap(),
            "c"
        );
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("new/file")).unwrap(),
            "d"
        );
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("lib.rs")).unwrap(),
            "xy"
        );
    }

    #[test]
    fn a_failed_apply_in_place_leaves_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("blocker"), "a file, not a directory").unwrap();
        let created = files(&[("a/b/c", "1"), ("blocker/x", "2"), ("z", "3")]);
        let p = plan(tmp.path(), created, BTreeMap::new(), false);
        let err = p.apply().unwrap_err();
        assert_eq!(err.path, tmp.path().join("blocker/x"));
        let left: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("blocker")]);
    }

    #[test]
    fn a_fresh_root_is_built_aside_and_moved() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("deep/shop");
        let p = plan(
            &root,
            files(&[("a/b", "1"), ("a/b/c", "2")]),
            BTreeMap::new(),
            false,
        );
        assert!(p.fresh);
        assert!(p.apply().is_err());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
        let p = plan(
            &root,
            files(&[("a/b", "1"), ("c", "2")]),
            BTreeMap::new(),
            false,
        );
        p.apply().unwrap();
        assert_eq!(std::fs::read_to_string(root.join("a/b")).unwrap(), "1");
        assert_eq!(
            std::fs::read_dir(tmp.path().join("deep")).unwrap().count(),
            1
        );
    }
}

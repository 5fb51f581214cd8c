//! `terrace check --staged`: check the content staged in git rather than the
//! working tree, for pre-commit hooks.
//!
//! The index is exported with `git checkout-index` into a temporary
//! directory laid out like the repository, and the check runs there. Paths in
//! the report are relative to the workspace root, so they read the same as a
//! check of the working tree. Files that are not staged (untracked, or
//! ignored like `target/`) are not part of the check, exactly as they would
//! not be part of the commit.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The staged content of a repository, exported into a temporary directory
/// that is removed on drop.
pub struct Staged {
    dir: tempfile::TempDir,
    toplevel: PathBuf,
}

/// Why the index could not be exported: a message and a hint.
#[derive(Debug)]
pub struct StagedError {
    pub message: String,
    pub help: String,
}

impl Staged {
    /// Exports the index of the git repository that holds `start` (a
    /// directory or a file in it).
    pub fn export(start: &Path) -> Result<Staged, StagedError> {
        let start = absolute(start);
        let dir = if start.is_dir() {
            start.clone()
        } else {
            start
                .parent()
                .map_or_else(|| start.clone(), Path::to_path_buf)
        };
        let toplevel = git(&dir, &["rev-parse", "--show-toplevel"]).map_err(|e| StagedError {
            message: format!("`--staged` needs a git repository: {e}"),
            help: "run it inside a git work tree, or drop `--staged` to check the files on disk"
                .to_string(),
        })?;
        let toplevel = PathBuf::from(toplevel.trim_end_matches(['\n', '\r']));
        let tmp = tempfile::Builder::new()
            .prefix("terrace-staged-")
            .tempdir()
            .map_err(|e| StagedError {
                message: format!("cannot create a temporary directory: {e}"),
                help: "check that the temporary directory (`TMPDIR`) is writable".to_string(),
            })?;
        let mut prefix = tmp.path().as_os_str().to_owned();
        prefix.push("/");
        let mut arg = std::ffi::OsString::from("--prefix=");
        arg.push(&prefix);
        let out = Command::new("git")
            .current_dir(&toplevel)
            .args(["checkout-index", "--all", "--force"])
            .arg(arg)
            .output()
            .map_err(|e| StagedError {
                message: format!("cannot run git: {e}"),
                help: "install git, or drop `--staged`".to_string(),
            })?;
        if !out.status.success() {
            return Err(StagedError {
                message: format!(
                    "cannot export the staged files: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                ),
                help: "resolve merge conflicts in the index, or drop `--staged`".to_string(),
            });
        }
        Ok(Staged { dir: tmp, toplevel })
    }

    /// Where `path` (in the working tree) is in the exported index; paths
    /// outside the repository are kept as they are.
    pub fn map(&self, path: &Path) -> PathBuf {
        let path = absolute(path);
        let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let top = canonical(&self.toplevel);
        // The path may not exist in the working tree (a staged deletion is
        // still on disk, but be lenient): canonicalise its nearest existing
        // ancestor and keep the rest.
        let mut existing = path.as_path();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_owned());
                    existing = parent;
                }
                _ => break,
            }
        }
        let mut full = canonical(existing);
        for name in rest.iter().rev() {
            full.push(name);
        }
        match full.strip_prefix(&top) {
            Ok(rel) => self.dir.path().join(rel),
            Err(_) => path,
        }
    }

    /// The working-tree path of a path in the exported index.
    pub fn unmap(&self, path: &Path) -> PathBuf {
        match path.strip_prefix(self.dir.path()) {
            Ok(rel) => self.toplevel.join(rel),
            Err(_) => path.to_path_buf(),
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| path.to_path_buf(), |d| d.join(path))
    }
}

/// Runs git in `dir`, returning its standard output or its error message.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git ({e})"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

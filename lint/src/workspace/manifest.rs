//! One `Cargo.toml` read from disk: the TOML document with its spans, and
//! typed views of the parts the workspace model needs.

use std::fs;
use std::io::Read;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use super::toml::{Item, Table, Toml};
use super::{DepKind, Edition, WorkspaceError};
use crate::scan::Pos;

/// A manifest larger than this is refused rather than parsed.
const MAX_MANIFEST_BYTES: u64 = 8 * 1024 * 1024;

/// Where cargo's manifest format is documented, for `help` texts.
pub(super) const MANIFEST_DOCS: &str = "https://doc.rust-lang.org/cargo/reference/manifest.html";

/// A parsed manifest.
pub(super) struct Manifest {
    /// Absolute, canonical path of the `Cargo.toml`.
    pub(super) path: PathBuf,
    /// Its directory.
    pub(super) dir: PathBuf,
    doc: Toml,
    /// Byte offsets where the lines of the text start (for positions).
    line_starts: Vec<usize>,
}

/// One entry of a dependency table, as written.
#[derive(Debug, Clone)]
pub(super) struct DepEntry {
    /// The key as written (`serde_json`, `my-crate`).
    pub(super) key: String,
    /// `package = ".."`.
    pub(super) package: Option<String>,
    /// `path = ".."`, relative to the manifest's directory.
    pub(super) path: Option<String>,
    /// `workspace = true`.
    pub(super) workspace: bool,
    /// Which table.
    pub(super) kind: DepKind,
    /// The key inside `[target]`.
    pub(super) target: Option<String>,
    /// Position of the key.
    pub(super) pos: Pos,
}

/// The dependency tables of a manifest (or of one `[target.'..']` table),
/// legacy underscore spellings included.
const DEP_TABLES: [(&str, DepKind); 5] = [
    ("dependencies", DepKind::Normal),
    ("dev-dependencies", DepKind::Dev),
    ("dev_dependencies", DepKind::Dev),
    ("build-dependencies", DepKind::Build),
    ("build_dependencies", DepKind::Build),
];

impl Manifest {
    /// Reads and parses the manifest at `path` (expected canonical).
    pub(super) fn read(path: &Path) -> Result<Manifest, WorkspaceError> {
        let unreadable = |err: std::io::Error| WorkspaceError {
            file: path.to_owned(),
            pos: None,
            message: format!("could not read `{}`: {err}", path.display()),
            help: Some("check that the file exists and is readable".to_owned()),
        };
        let file = fs::File::open(super::seen(path)).map_err(unreadable)?;
        let mut bytes = Vec::new();
        // Read one byte past the limit to tell "at the limit" from "over it".
        file.take(MAX_MANIFEST_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
        if bytes.len() as u64 > MAX_MANIFEST_BYTES {
            return Err(WorkspaceError {
                file: path.to_owned(),
                pos: None,
                message: format!(
                    "manifest is larger than {} MiB",
                    MAX_MANIFEST_BYTES / (1024 * 1024)
                ),
                help: Some(
                    "a `Cargo.toml` this large is not a real manifest; check the file".to_owned(),
                ),
            });
        }
        let text = String::from_utf8(bytes).map_err(|err| {
            let valid = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&err.as_bytes()[..valid]).into_owned();
            WorkspaceError {
                file: path.to_owned(),
                pos: Some(pos_at(&text, valid)),
                message: "manifest is not valid UTF-8".to_owned(),
                help: Some("save `Cargo.toml` as UTF-8 text".to_owned()),
            }
        })?;
        Self::parse(path, text)
    }

    /// Parses `text` as the manifest at `path`.
    pub(super) fn parse(path: &Path, text: String) -> Result<Manifest, WorkspaceError> {
        let doc = Toml::parse(text).map_err(|(text, err)| WorkspaceError {
            file: path.to_owned(),
            pos: Some(pos_at(&text, err.span().map_or(0, |span| span.start))),
            message: format!("could not parse manifest: {}", err.message().trim_end()),
            help: Some(format!(
                "a manifest must be valid TOML; see {MANIFEST_DOCS}"
            )),
        })?;
        let dir = path.parent().map(Path::to_owned).unwrap_or_default();
        Ok(Manifest {
            path: path.to_owned(),
            dir,
            line_starts: line_starts(doc.raw()),
            doc,
        })
    }

    /// The top-level table.
    pub(super) fn top(&self) -> Table<'_> {
        self.doc.root()
    }

    /// The 1-based position of a byte span's start.
    pub(super) fn pos(&self, span: Option<Range<usize>>) -> Pos {
        span.map_or(Pos { line: 1, column: 1 }, |span| {
            pos_in(self.doc.raw(), &self.line_starts, span.start)
        })
    }

    /// The position of `key` in `table`.
    pub(super) fn key_pos(&self, table: Table<'_>, key: &str) -> Pos {
        self.pos(table.key_span(key))
    }

    /// The position of `key`'s value in `table` (the key's position when the
    /// value has no span of its own).
    pub(super) fn value_pos(&self, table: Table<'_>, key: &str) -> Pos {
        match table.get(key).map(Item::span) {
            Some(span) => self.pos(Some(span)),
            None => self.key_pos(table, key),
        }
    }

    /// An error located in this manifest.
    pub(super) fn error(&self, pos: Pos, message: String, help: String) -> WorkspaceError {
        WorkspaceError {
            file: self.path.clone(),
            pos: Some(pos),
            message,
            help: Some(help),
        }
    }

    /// `[package]` (or its legacy spelling `[project]`) and the key's name.
    pub(super) fn package(&self) -> Option<(&'static str, Table<'_>)> {
        ["package", "project"].into_iter().find_map(|name| {
            self.top()
                .get(name)
                .and_then(Item::as_table)
                .map(|table| (name, table))
        })
    }

    /// `[workspace]`.
    pub(super) fn workspace(&self) -> Option<Table<'_>> {
        self.top().get("workspace").and_then(Item::as_table)
    }

    /// `package.workspace = "path"`, with the position of the value.
    pub(super) fn explicit_workspace(&self) -> Option<(&str, Pos)> {
        let (_, package) = self.package()?;
        let path = package.get("workspace")?.as_str()?;
        Some((path, self.value_pos(package, "workspace")))
    }

    /// The root manifest that `package.workspace` points at, canonical.
    pub(super) fn explicit_root(&self) -> Option<Result<PathBuf, WorkspaceError>> {
        let (rel, pos) = self.explicit_workspace()?;
        let root = normalize(&self.dir.join(rel)).join("Cargo.toml");
        Some(match super::seen(&root).canonicalize() {
            Ok(root) if root.is_file() => Ok(root),
            _ => Err(self.error(
                pos,
                format!(
                    "`package.workspace` points to `{}`, which has no `Cargo.toml`",
                    root.parent().unwrap_or(&root).display()
                ),
                "make `package.workspace` the path of the directory that holds the workspace's \
                 root `Cargo.toml`, or remove it to let cargo search the parent directories"
                    .to_owned(),
            )),
        })
    }

    /// `package.name`: a string, never inherited.
    pub(super) fn package_name(&self) -> Result<String, WorkspaceError> {
        let Some((section, package)) = self.package() else {
            return Err(self.error(
                Pos { line: 1, column: 1 },
                "workspace member has no `[package]` table".to_owned(),
                format!(
                    "add a `[package]` table with a `name`, or remove this directory from the \
                     workspace's `members`; see {MANIFEST_DOCS}"
                ),
            ));
        };
        match package.get("name") {
            Some(item) => match item.as_str() {
                Some(name) if !name.is_empty() => Ok(name.to_owned()),
                _ => Err(self.error(
                    self.value_pos(package, "name"),
                    "`package.name` must be a non-empty string (it cannot be inherited from the \
                     workspace)"
                        .to_owned(),
                    "write the package's name, e.g. `name = \"shop-domain\"`".to_owned(),
                )),
            },
            None => Err(self.error(
                self.pos(self.top().key_span(section)),
                format!("`[{section}]` has no `name`"),
                "add the package's name, e.g. `name = \"shop-domain\"`".to_owned(),
            )),
        }
    }

    /// `package.edition`: `None` when absent, `Err(pos)` when inherited
    /// (`edition.workspace = true`, position of the key).
    pub(super) fn package_edition(&self) -> Result<Option<Edition>, InheritOrError> {
        let Some((_, package)) = self.package() else {
            return Ok(None);
        };
        let Some(item) = package.get("edition") else {
            return Ok(None);
        };
        if let Some(table) = item.as_table()
            && table.get("workspace").and_then(Item::as_bool) == Some(true)
        {
            return Err(InheritOrError::Inherit(self.key_pos(package, "edition")));
        }
        parse_edition(item.as_str())
            .map(Some)
            .ok_or_else(|| InheritOrError::Error(self.bad_edition(package, "edition")))
    }

    /// `[workspace.package] edition`, when set.
    pub(super) fn workspace_edition(&self) -> Result<Option<Edition>, WorkspaceError> {
        let Some(package) = self
            .workspace()
            .and_then(|ws| ws.get("package"))
            .and_then(Item::as_table)
        else {
            return Ok(None);
        };
        self.edition_of(package)
    }

    /// The `edition` key of `table` (`[workspace.package]`, a target's
    /// table), when set.
    pub(super) fn edition_of(&self, table: Table<'_>) -> Result<Option<Edition>, WorkspaceError> {
        match table.get("edition") {
            None => Ok(None),
            Some(item) => parse_edition(item.as_str())
                .map(Some)
                .ok_or_else(|| self.bad_edition(table, "edition")),
        }
    }

    fn bad_edition(&self, table: Table<'_>, key: &str) -> WorkspaceError {
        self.error(
            self.value_pos(table, key),
            "`edition` must be one of \"2015\", \"2018\", \"2021\" or \"2024\"".to_owned(),
            "write a supported edition, e.g. `edition = \"2024\"`".to_owned(),
        )
    }

    /// Every entry of every dependency table, in file order.
    pub(super) fn dependency_entries(&self) -> Vec<DepEntry> {
        let mut out = Vec::new();
        self.collect_entries(self.top(), None, &mut out);
        if let Some(targets) = self.top().get("target").and_then(Item::as_table) {
            for (target, item) in targets.iter() {
                if let Some(table) = item.as_table() {
                    self.collect_entries(table, Some(target), &mut out);
                }
            }
        }
        out.sort_by_key(|entry| entry.pos);
        out
    }

    fn collect_entries(&self, parent: Table<'_>, target: Option<&str>, out: &mut Vec<DepEntry>) {
        for (name, kind) in DEP_TABLES {
            let Some(table) = parent.get(name).and_then(Item::as_table) else {
                continue;
            };
            for (key, item) in table.iter() {
                let spec = item.as_table();
                let string = |field: &str| {
                    spec.and_then(|spec| spec.get(field))
                        .and_then(Item::as_str)
                        .map(str::to_owned)
                };
                out.push(DepEntry {
                    key: key.to_owned(),
                    package: string("package"),
                    path: string("path"),
                    workspace: spec
                        .and_then(|spec| spec.get("workspace"))
                        .and_then(Item::as_bool)
                        == Some(true),
                    kind,
                    target: target.map(str::to_owned),
                    pos: self.key_pos(table, key),
                });
            }
        }
    }
}

/// Why [`Manifest::package_edition`] has no edition to give.
pub(super) enum InheritOrError {
    /// `edition.workspace = true`, at this position.
    Inherit(Pos),
    /// A malformed edition.
    Error(WorkspaceError),
}

fn parse_edition(text: Option<&str>) -> Option<Edition> {
    match text? {
        "2015" => Some(Edition::E2015),
        "2018" => Some(Edition::E2018),
        "2021" => Some(Edition::E2021),
        "2024" => Some(Edition::E2024),
        _ => None,
    }
}

/// The tables of an array of tables, `[[bin]]` or `bin = [{ .. }]`, each with
/// its span.
pub(super) fn tables_of(item: Item<'_>) -> Vec<(Table<'_>, Range<usize>)> {
    item.tables()
        .into_iter()
        .map(|table| (table, table.span()))
        .collect()
}

/// The 1-based line and column (in Unicode scalar values) of byte `offset`
/// of `text`; an offset inside a character or past the end is clamped.
pub(super) fn pos_at(text: &str, offset: usize) -> Pos {
    pos_in(text, &line_starts(text), offset)
}

/// Byte offsets where the lines of `text` start.
fn line_starts(text: &str) -> Vec<usize> {
    // Eight bytes at a time: most words of a manifest hold no newline.
    const LF: u64 = u64::from_ne_bytes([b'\n'; 8]);
    const LOW: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let bytes = text.as_bytes();
    let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
    starts.push(0);
    let mut push_newlines = |at: usize, chunk: &[u8]| {
        for (i, &byte) in chunk.iter().enumerate() {
            if byte == b'\n' {
                starts.push(at + i + 1);
            }
        }
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        // A zero byte in `word ^ LF` is a newline in `chunk`.
        let word = u64::from_ne_bytes(word) ^ LF;
        if word.wrapping_sub(LOW) & !word & HIGH != 0 {
            push_newlines(at, chunk);
        }
        at += 8;
    }
    push_newlines(at, chunks.remainder());
    starts
}

/// [`pos_at`], given the [`line_starts`] of `text`.
fn pos_in(text: &str, line_starts: &[usize], offset: usize) -> Pos {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    // The first line starts at 0, so at least one start is <= offset.
    let line = line_starts.partition_point(|&start| start <= offset) - 1;
    Pos {
        line: saturate(line + 1),
        column: saturate(text[line_starts[line]..offset].chars().count() + 1),
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `path` with `.` and `..` components resolved lexically (no file system
/// access, so it works for paths that do not exist).
pub(super) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                // `..` above the root stays at the root, as the OS does.
                if !out.pop() && !out.has_root() {
                    out.push(component);
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::line_starts;

    fn line_starts_by_search(text: &str) -> Vec<usize> {
        std::iter::once(0)
            .chain(text.match_indices('\n').map(|(nl, _)| nl + 1))
            .collect()
    }

    #[test]
    fn line_starts_on_word_boundaries() {
        for text in [
            "",
            "\n",
            "a\nb",
            "1234567\n",
            "12345678\n",
            "\n\n\n\n\n\n\n\n\n",
            "é\n\u{10a}\n",
        ] {
            assert_eq!(line_starts(text), line_starts_by_search(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn line_starts_finds_every_newline(text in "[a\n\r\u{a0a}\u{10a}]{0,80}") {
            prop_assert_eq!(line_starts(&text), line_starts_by_search(&text));
        }
    }
}

//! Discovery: `terrace.toml` beside the root manifest, or the metadata
//! tables of the root `Cargo.toml`; exactly one of them.

use std::io;
use std::path::{Path, PathBuf};

use toml_edit::Document;

use super::position::LineIndex;
use super::validate::{START, parse_document, section_item, syntax_error};
use super::{Config, ConfigError, Section, parse};
use crate::scan::Pos;

/// Finds and parses the configuration of the workspace whose root manifest
/// is `root_manifest`: `terrace.toml` beside it, or the metadata tables in
/// it (both at once is an error). `Ok(None)` when there is none.
///
/// The root manifest has to be readable TOML (its metadata tables are part
/// of the search); a missing `terrace.toml` is not an error, an unreadable
/// one is.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// let manifest = dir.path().join("Cargo.toml");
/// std::fs::write(&manifest, "[package]\nname = \"app\"\n")?;
/// assert_eq!(terrace_lint::config::load(&manifest).unwrap(), None);
/// # Ok(())
/// # }
/// ```
pub fn load(root_manifest: &Path) -> Result<Option<Config>, Vec<ConfigError>> {
    let terrace_path = match root_manifest.file_name() {
        Some(_) => root_manifest.with_file_name("terrace.toml"),
        None => root_manifest.join("terrace.toml"),
    };
    let terrace_text = match read(&terrace_path) {
        Ok(text) => Some(text),
        Err(ReadError::NotFound) => None,
        Err(error) => return Err(vec![error.into_config_error(&terrace_path)]),
    };
    let manifest_text =
        read(root_manifest).map_err(|e| vec![e.into_config_error(root_manifest)])?;
    let doc = Document::parse(manifest_text.as_str())
        .map_err(|e| vec![syntax_error(root_manifest, &manifest_text, &e)])?;

    let lines = LineIndex::new(&manifest_text);
    let manifest_name = file_name(root_manifest);
    let mut first: Option<String> = terrace_text.as_ref().map(|_| "`terrace.toml`".to_owned());
    let mut metadata = None;
    let mut errors = Vec::new();
    for section in [Section::WorkspaceMetadata, Section::PackageMetadata] {
        let Some((_, span)) = section_item(&doc, section) else {
            continue;
        };
        let here = format!("{} in `{manifest_name}`", section.describe());
        match &first {
            Some(first) => errors.push(ConfigError {
                file: root_manifest.to_owned(),
                pos: lines.span_pos(span, START),
                message: format!("configuration found in both {first} and {here}"),
                help: Some(format!("keep only one of them: delete {here} or {first}")),
            }),
            None => {
                first = Some(here);
                metadata = Some(section);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if let Some(text) = terrace_text {
        return parse(&terrace_path, &text, Section::Root).map(Some);
    }
    match metadata {
        Some(section) => parse_document(root_manifest, &manifest_text, &doc, section).map(Some),
        None => Ok(None),
    }
}

enum ReadError {
    NotFound,
    Io(io::Error),
    NotUtf8,
}

impl ReadError {
    fn into_config_error(self, path: &Path) -> ConfigError {
        let (message, help) = match self {
            ReadError::NotFound => (
                format!("cannot read `{}`: file not found", path.display()),
                None,
            ),
            ReadError::Io(error) => (
                format!("cannot read `{}`: {error}", path.display()),
                Some("check that it is a readable file".to_owned()),
            ),
            ReadError::NotUtf8 => (
                format!("cannot read `{}`: it is not valid UTF-8", path.display()),
                Some("TOML files must be encoded in UTF-8".to_owned()),
            ),
        };
        ConfigError {
            file: path.to_owned(),
            pos: Pos { line: 1, column: 1 },
            message,
            help,
        }
    }
}

fn read(path: &Path) -> Result<String, ReadError> {
    let bytes = std::fs::read(path).map_err(|error| match error.kind() {
        io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(error),
    })?;
    String::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| PathBuf::from(path), PathBuf::from)
        .display()
        .to_string()
}

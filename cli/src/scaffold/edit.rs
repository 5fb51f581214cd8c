//! Edits of existing Rust files at marked insertion points. A marker is a
//! comment line the templates write (`// terrace: ... go above this line`);
//! a snippet is inserted on the line above it, with its indentation. When
//! the marker is gone, edited or repeated, the file is left alone and the
//! edit is refused: guessing where code goes in a file someone changed is
//! how generators break code. Pure: text in, text out.

use std::fmt;

/// Where a snippet goes: above this marker line of this file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Insertion {
    /// The file, relative to the workspace root.
    pub file: &'static str,
    /// The marker line, without its indentation.
    pub marker: &'static str,
    /// The template of the snippet (`insert/...`).
    pub snippet: &'static str,
    /// Keep the lines directly above the marker sorted (`mod` and `use`
    /// declarations, which rustfmt sorts); otherwise append.
    pub sorted: bool,
}

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// No line of the file is the marker.
    MarkerMissing {
        /// The file.
        file: String,
        /// The marker expected.
        marker: String,
    },
    /// A line looks like a marker but is not the expected one.
    MarkerEdited {
        /// The file.
        file: String,
        /// 1-based line of the look-alike.
        line: usize,
        /// The marker expected.
        marker: String,
    },
    /// The marker appears more than once: which one is meant is unclear.
    MarkerRepeated {
        /// The file.
        file: String,
        /// 1-based lines of the first two.
        lines: (usize, usize),
        /// The marker.
        marker: String,
    },
    /// The snippet is there already: the aggregate is registered.
    AlreadyPresent {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// The snippet's line.
        snippet: String,
    },
}

impl EditError {
    /// The file the error is about.
    #[must_use]
    pub fn file(&self) -> &str {
        match self {
            EditError::MarkerMissing { file, .. }
            | EditError::MarkerEdited { file, .. }
            | EditError::MarkerRepeated { file, .. }
            | EditError::AlreadyPresent { file, .. } => file,
        }
    }

    /// The 1-based line the error is about, when there is one.
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        match self {
            EditError::MarkerMissing { .. } => None,
            EditError::MarkerEdited { line, .. } | EditError::AlreadyPresent { line, .. } => {
                Some(*line)
            }
            EditError::MarkerRepeated { lines, .. } => Some(lines.1),
        }
    }

    /// What to do about it.
    #[must_use]
    pub fn help(&self) -> String {
        match self {
            EditError::MarkerMissing { marker, .. } => format!(
                "put the line `{marker}` back where new entries belong, or make the change by hand"
            ),
            EditError::MarkerEdited { marker, .. } => format!(
                "restore this line to exactly `{marker}` (terrace inserts above it), or make the change by hand"
            ),
            EditError::MarkerRepeated { .. } => {
                "keep exactly one copy of the marker line".to_owned()
            }
            EditError::AlreadyPresent { .. } => {
                "choose another name: this aggregate is already registered".to_owned()
            }
        }
    }
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::MarkerMissing { file, marker } => write!(
                f,
                "cannot edit `{file}` safely: the marker `{marker}` is missing"
            ),
            EditError::MarkerEdited { file, line, marker } => write!(
                f,
                "cannot edit `{file}` safely: line {line} was the marker `{marker}` and has been changed"
            ),
            EditError::MarkerRepeated {
                file,
                lines: (a, b),
                marker,
            } => write!(
                f,
                "cannot edit `{file}` safely: the marker `{marker}` appears on lines {a} and {b}"
            ),
            EditError::AlreadyPresent {
                file,
                line,
                snippet,
            } => write!(f, "`{file}` line {line} already has `{snippet}`"),
        }
    }
}

impl std::error::Error for EditError {}

/// What marks a line as a marker someone may have edited.
const MARKER_TAG: &str = "// terrace:";

/// Inserts `snippet` above the marker of `at` in `text` (the contents of
/// `at.file`). `markers` are every marker the file carries, so a
/// look-alike line can be told from another marker.
///
/// ```
/// use terrace_cli::scaffold::edit::{insert, Insertion};
///
/// let at = Insertion {
///     file: "src/lib.rs",
///     marker: "// terrace: modules go above this line",
///     snippet: "insert/module.rs.jinja",
///     sorted: true,
/// };
/// let text = "pub mod b;\n// terrace: modules go above this line\n";
/// let out = insert(text, &at, &[at.marker], "pub mod a;\n").unwrap();
/// assert_eq!(out, "pub mod a;\npub mod b;\n// terrace: modules go above this line\n");
/// let edited = text.replace("above", "below");
/// assert_eq!(insert(&edited, &at, &[at.marker], "pub mod a;\n").unwrap_err().line(), Some(2));
/// ```
///
/// # Errors
///
/// [`EditError`] when the marker is missing, edited or repeated, or the
/// snippet's first line is already in the file.
pub fn insert(
    text: &str,
    at: &Insertion,
    markers: &[&str],
    snippet: &str,
) -> Result<String, EditError> {
    let lines: Vec<&str> = text.lines().collect();
    let found: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim() == at.marker)
        .map(|(i, _)| i)
        .collect();
    let index = match found.as_slice() {
        [one] => *one,
        [] => {
            let edited = lines
                .iter()
                .position(|l| l.contains(MARKER_TAG) && !markers.contains(&l.trim()));
            return Err(match edited {
                Some(i) => EditError::MarkerEdited {
                    file: at.file.to_owned(),
                    line: i + 1,
                    marker: at.marker.to_owned(),
                },
                None => EditError::MarkerMissing {
                    file: at.file.to_owned(),
                    marker: at.marker.to_owned(),
                },
            });
        }
        [a, b, ..] => {
            return Err(EditError::MarkerRepeated {
                file: at.file.to_owned(),
                lines: (a + 1, b + 1),
                marker: at.marker.to_owned(),
            });
        }
    };
    let snippet_lines: Vec<&str> = snippet.lines().filter(|l| !l.trim().is_empty()).collect();
    if let Some(first) = snippet_lines.first()
        && let Some(i) = lines.iter().position(|l| l.trim() == first.trim())
    {
        return Err(EditError::AlreadyPresent {
            file: at.file.to_owned(),
            line: i + 1,
            snippet: first.trim().to_owned(),
        });
    }
    let marker_line = lines[index];
    let indent = &marker_line[..marker_line.len() - marker_line.trim_start().len()];
    let mut position = index;
    if at.sorted
        && let Some(first) = snippet_lines.first()
    {
        // The block of declarations directly above the marker.
        let mut start = index;
        while start > 0 && is_declaration(lines[start - 1]) {
            start -= 1;
        }
        position = (start..index)
            .find(|&i| lines[i].trim() > first.trim())
            .unwrap_or(index);
    }
    let mut out: Vec<String> = lines[..position].iter().map(|l| (*l).to_owned()).collect();
    out.extend(
        snippet_lines
            .iter()
            .map(|l| format!("{indent}{}", l.trim_start())),
    );
    out.extend(lines[position..].iter().map(|l| (*l).to_owned()));
    let mut joined = out.join("\n");
    if text.ends_with('\n') {
        joined.push('\n');
    }
    Ok(joined)
}

fn is_declaration(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with("//") && !t.starts_with("#[")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODS: Insertion = Insertion {
        file: "src/lib.rs",
        marker: "// terrace: modules go above this line",
        snippet: "insert/x.jinja",
        sorted: true,
    };
    const CALLS: Insertion = Insertion {
        file: "src/lib.rs",
        marker: "// terrace: calls go above this line",
        snippet: "insert/y.jinja",
        sorted: false,
    };
    const MARKERS: &[&str] = &[MODS.marker, CALLS.marker];

    const FILE: &str = "//! Doc.\n\npub mod b;\npub mod d;\n// terrace: modules go above this line\n\nfn f() {\n    d();\n    // terrace: calls go above this line\n}\n";

    #[test]
    fn sorted_insertion_keeps_the_block_sorted() {
        let out = insert(FILE, &MODS, MARKERS, "pub mod c;\n").unwrap();
        assert!(
            out.contains("pub mod b;\npub mod c;\npub mod d;\n// terrace: modules"),
            "{out}"
        );
        let out = insert(FILE, &MODS, MARKERS, "pub mod e;\n").unwrap();
        assert!(
            out.contains("pub mod d;\npub mod e;\n// terrace: modules"),
            "{out}"
        );
        let out = insert(FILE, &MODS, MARKERS, "pub mod a;\n").unwrap();
        assert!(out.contains("//! Doc.\n\npub mod a;\npub mod b;"), "{out}");
    }

    #[test]
    fn appended_snippets_take_the_markers_indentation() {
        let out = insert(FILE, &CALLS, MARKERS, "e();\n").unwrap();
        assert!(
            out.contains("    d();\n    e();\n    // terrace: calls"),
            "{out}"
        );
        assert!(out.ends_with("}\n"));
    }

    #[test]
    fn a_missing_marker_is_refused() {
        let text = FILE.replace("    // terrace: calls go above this line\n", "");
        assert_eq!(
            insert(&text, &CALLS, MARKERS, "e();\n"),
            Err(EditError::MarkerMissing {
                file: "src/lib.rs".into(),
                marker: CALLS.marker.into()
            })
        );
    }

    #[test]
    fn an_edited_marker_is_refused_at_its_line() {
        let text = FILE.replace("calls go above", "calls go below");
        let err = insert(&text, &CALLS, MARKERS, "e();\n").unwrap_err();
        assert_eq!(err.line(), Some(9));
        assert_eq!(
            err.to_string(),
            "cannot edit `src/lib.rs` safely: line 9 was the marker `// terrace: calls go above this line` and has been changed"
        );
    }

    #[test]
    fn a_repeated_marker_is_refused() {
        let text = FILE.replace(
            "fn f() {\n",
            "fn f() {\n    // terrace: calls go above this line\n",
        );
        let err = insert(&text, &CALLS, MARKERS, "e();\n").unwrap_err();
        assert!(
            matches!(err, EditError::MarkerRepeated { lines: (8, 10), .. }),
            "{err:?}"
        );
    }

    #[test]
    fn a_present_snippet_is_a_duplicate() {
        let err = insert(FILE, &MODS, MARKERS, "pub mod d;\n").unwrap_err();
        assert_eq!(err.line(), Some(4));
    }
}

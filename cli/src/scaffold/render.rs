//! The templates and their rendering. Templates are embedded in the binary
//! (see `build.rs`) and can be replaced or extended file by file from a
//! local folder; rendering is strict: an undefined variable is an error.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};

include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// The folder, relative to a workspace root, whose files override the
/// embedded templates of the same path.
pub const OVERRIDE_DIR: &str = ".terrace/templates";

/// The suffix every template file carries; it is dropped from the output.
const SUFFIX: &str = ".jinja";

/// A set of templates: path under `templates/` → source.
#[derive(Debug, Clone)]
pub struct Templates {
    files: BTreeMap<String, String>,
    /// Where each overridden or added template came from.
    origins: BTreeMap<String, PathBuf>,
}

/// A template that could not be read or rendered.
#[derive(Debug)]
pub struct RenderError {
    /// The template (`new/Cargo.toml.jinja`), or the override file.
    pub template: String,
    /// Where it came from when it is an override.
    pub origin: Option<PathBuf>,
    /// 1-based line, when the engine knows it.
    pub line: Option<usize>,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = self.origin.as_ref().map_or_else(
            || format!("template `{}`", self.template),
            |p| format!("`{}`", p.display()),
        );
        match self.line {
            Some(line) => write!(f, "{shown}:{line}: {}", self.message),
            None => write!(f, "{shown}: {}", self.message),
        }
    }
}

impl Templates {
    /// The templates compiled into the binary.
    #[must_use]
    pub fn embedded() -> Self {
        Templates {
            files: EMBEDDED
                .iter()
                .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
                .collect(),
            origins: BTreeMap::new(),
        }
    }

    /// The embedded templates with each file of `dir` (laid out like
    /// `templates/`: `new/...`, `aggregate/...`, `insert/...`) in place of
    /// the one at the same path, or added beside them. A missing `dir` is
    /// no override.
    ///
    /// # Errors
    ///
    /// [`RenderError`] when a file of `dir` cannot be read or is not UTF-8.
    pub fn with_overrides(dir: &Path) -> Result<Self, RenderError> {
        let mut templates = Self::embedded();
        if !dir.is_dir() {
            return Ok(templates);
        }
        let mut found = Vec::new();
        walk(dir, dir, &mut found).map_err(|(path, e)| RenderError {
            template: path.display().to_string(),
            origin: Some(path),
            line: None,
            message: format!("cannot read the override: {e}"),
        })?;
        for (rel, path) in found {
            let text = std::fs::read_to_string(&path).map_err(|e| RenderError {
                template: rel.clone(),
                origin: Some(path.clone()),
                line: None,
                message: format!("cannot read the override: {e}"),
            })?;
            templates.files.insert(rel.clone(), text);
            templates.origins.insert(rel, path);
        }
        Ok(templates)
    }

    /// The template at `path` (`insert/domain-modules.rs.jinja`).
    fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// Renders every template of a set (`new`, `aggregate`) into
    /// output path → contents. In output paths `__module__` stands for the
    /// `module` variable and the `.jinja` suffix is dropped.
    ///
    /// # Errors
    ///
    /// [`RenderError`] for an undefined variable, a syntax error, or an
    /// output path that is absolute or leaves the output folder.
    pub fn render_set(
        &self,
        set: &str,
        ctx: &Value,
    ) -> Result<BTreeMap<String, String>, RenderError> {
        let prefix = format!("{set}/");
        let mut out = BTreeMap::new();
        for (path, _) in self.files.range(prefix.clone()..) {
            let Some(rel) = path.strip_prefix(&prefix) else {
                break;
            };
            let Some(rel) = rel.strip_suffix(SUFFIX) else {
                continue;
            };
            let rendered = self.render(path, ctx)?;
            let module = ctx
                .get_attr("module")
                .ok()
                .filter(|v| !v.is_undefined())
                .map(|v| v.to_string());
            let rel = match module {
                Some(module) => rel.replace("__module__", &module),
                None => rel.to_owned(),
            };
            check_output_path(&rel).map_err(|message| self.error(path, None, message))?;
            out.insert(rel, rendered);
        }
        Ok(out)
    }

    /// Renders one template.
    ///
    /// # Errors
    ///
    /// [`RenderError`] for a missing template, an undefined variable or a
    /// syntax error.
    pub fn render(&self, path: &str, ctx: &Value) -> Result<String, RenderError> {
        let source = self
            .get(path)
            .ok_or_else(|| self.error(path, None, "no such template".to_owned()))?;
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|_| AutoEscape::None);
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .map_err(|e| self.error(path, None, e.to_string()))?;
        env.set_syntax(syntax);
        env.render_str(source, ctx.clone()).map_err(|e| {
            let mut message = e.kind().to_string();
            if let Some(detail) = e.detail() {
                message = format!("{message}: {detail}");
            }
            self.error(path, e.line(), message)
        })
    }

    fn error(&self, path: &str, line: Option<usize>, message: String) -> RenderError {
        RenderError {
            template: path.to_owned(),
            origin: self.origins.get(path).cloned(),
            line,
            message,
        }
    }
}

/// An output path stays inside the output folder: relative, no `..`, no
/// empty segment.
fn check_output_path(rel: &str) -> Result<(), String> {
    let bad = rel.is_empty()
        || rel.starts_with('/')
        || rel.contains('\\')
        || rel
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..");
    if bad {
        Err(format!(
            "output path `{rel}` must be relative and stay in the project"
        ))
    } else {
        Ok(())
    }
}

fn walk(
    root: &Path,
    dir: &Path,
    found: &mut Vec<(String, PathBuf)>,
) -> Result<(), (PathBuf, std::io::Error)> {
    let entries = std::fs::read_dir(dir).map_err(|e| (dir.to_path_buf(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| (dir.to_path_buf(), e))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| (path.clone(), e))?;
        if kind.is_dir() {
            walk(root, &path, found)?;
        } else if kind.is_file() {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            found.push((rel.join("/"), path));
        }
    }
    Ok(())
}

/// A template context from name → value pairs.
#[must_use]
pub fn context<I, K>(pairs: I) -> Value
where
    I: IntoIterator<Item = (K, Value)>,
    K: Into<String>,
{
    let map: BTreeMap<String, Value> = pairs.into_iter().map(|(k, v)| (k.into(), v)).collect();
    Value::from(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_undefined_variable_is_an_error() {
        let mut t = Templates::embedded();
        t.files
            .insert("new/x.txt.jinja".into(), "a\n{{ nope }}\n".into());
        let err = t
            .render("new/x.txt.jinja", &context([("name", Value::from("x"))]))
            .unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(
            err.message.starts_with("undefined value"),
            "{}",
            err.message
        );
    }

    #[test]
    fn output_paths_stay_in_the_project() {
        assert!(check_output_path("crates/domain/src/lib.rs").is_ok());
        assert!(check_output_path("../x").is_err());
        assert!(check_output_path("/etc/x").is_err());
        assert!(check_output_path("a//b").is_err());
    }

    #[test]
    fn every_embedded_set_is_present() {
        let t = Templates::embedded();
        for set in ["new/", "aggregate/", "insert/"] {
            assert!(t.files.keys().any(|k| k.starts_with(set)), "{set}");
        }
    }
}

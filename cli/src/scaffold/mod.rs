//! `terrace new` and `terrace add aggregate`: render the templates into a
//! layered workspace, plan the files against the disk, show or apply the
//! plan. Rendering and planning are pure (see [`generate_project`] and
//! [`generate_aggregate`]); only [`new`] and [`add_aggregate`] touch the
//! disk and print.

pub mod edit;
pub mod names;
pub mod plan;
pub mod render;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use minijinja::Value;

use edit::{EditError, Insertion};
use names::{AggregateName, Field, NameError, ProjectName};
use render::{RenderError, Templates, context};

/// Where the generated manifests find the terrace crates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TerraceSource {
    /// A checkout of the terrace repository: path dependencies.
    Path(PathBuf),
    /// A registry release.
    Version(String),
}

impl TerraceSource {
    /// The TOML value of the dependency on the crate in `subdir` (`""` for
    /// the root crate, `"sql"` for terrace-sql).
    fn dependency(&self, subdir: &str) -> String {
        let mut table = toml_edit::InlineTable::new();
        match self {
            TerraceSource::Path(root) => {
                let dir = if subdir.is_empty() {
                    root.clone()
                } else {
                    root.join(subdir)
                };
                let dir = dir.to_string_lossy().replace('\\', "/");
                table.insert("path", dir.as_str().into());
            }
            TerraceSource::Version(v) => {
                table.insert("version", v.as_str().into());
            }
        }
        table.fmt();
        table.to_string()
    }
}

/// The aggregate every new workspace starts with.
const STARTER: (&str, &[&str]) = ("Product", &["description:String"]);

/// The marked insertion points `terrace add aggregate` edits.
const INSERTIONS: &[Insertion] = &[
    Insertion {
        file: "crates/domain/src/lib.rs",
        marker: "// terrace: aggregate modules go above this line",
        snippet: "insert/domain-module.rs.jinja",
        sorted: true,
    },
    Insertion {
        file: "crates/domain/src/lib.rs",
        marker: "// terrace: aggregate exports go above this line",
        snippet: "insert/domain-export.rs.jinja",
        sorted: true,
    },
    Insertion {
        file: "crates/service_layer/src/lib.rs",
        marker: "// terrace: service modules go above this line",
        snippet: "insert/service-module.rs.jinja",
        sorted: true,
    },
    Insertion {
        file: "crates/service_layer/src/unit_of_work.rs",
        marker: "// terrace: aggregates go above this line",
        snippet: "insert/unit-of-work-aggregate.rs.jinja",
        sorted: false,
    },
    Insertion {
        file: "crates/adapters/src/lib.rs",
        marker: "// terrace: migrations go above this line",
        snippet: "insert/adapters-migration.rs.jinja",
        sorted: false,
    },
    Insertion {
        file: "crates/entrypoints/src/lib.rs",
        marker: "// terrace: route modules go above this line",
        snippet: "insert/entrypoints-module.rs.jinja",
        sorted: true,
    },
    Insertion {
        file: "crates/entrypoints/src/lib.rs",
        marker: "// terrace: routes go above this line",
        snippet: "insert/entrypoints-routes.rs.jinja",
        sorted: false,
    },
    Insertion {
        file: "crates/entrypoints/tests/api/main.rs",
        marker: "// terrace: API tests go above this line",
        snippet: "insert/api-test-module.rs.jinja",
        sorted: true,
    },
];

/// Exit code: done, or a dry run.
pub const EXIT_OK: u8 = 0;
/// Exit code: a template, a read or a write failed (nothing was written).
pub const EXIT_FAILED: u8 = 1;
/// Exit code: a bad name, a duplicate aggregate, not in a workspace.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: a file exists with other contents, or the target directory
/// is not empty.
pub const EXIT_CONFLICT: u8 = 3;
/// Exit code: a file to edit was changed so that it cannot be edited safely.
pub const EXIT_UNSAFE_EDIT: u8 = 4;

/// Why generation stopped.
#[derive(Debug)]
pub enum ScaffoldError {
    /// A name was refused.
    Name(NameError),
    /// A template failed.
    Render(RenderError),
    /// A file could not be edited.
    Edit(EditError),
    /// The directory is not a workspace `terrace new` made.
    NotAWorkspace {
        /// Where the search started.
        start: PathBuf,
    },
    /// A file could not be read.
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
}

impl From<NameError> for ScaffoldError {
    fn from(e: NameError) -> Self {
        ScaffoldError::Name(e)
    }
}

impl From<RenderError> for ScaffoldError {
    fn from(e: RenderError) -> Self {
        ScaffoldError::Render(e)
    }
}

/// What generation produces: new files and new contents of existing files,
/// by path relative to the workspace root.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Generated {
    /// Files to create.
    pub created: BTreeMap<String, String>,
    /// Existing files with an insertion.
    pub edited: BTreeMap<String, String>,
}

fn project_context(project: &ProjectName, terrace: &TerraceSource) -> Vec<(&'static str, Value)> {
    let version = match terrace {
        TerraceSource::Version(v) => v.clone(),
        TerraceSource::Path(_) => env!("CARGO_PKG_VERSION").to_owned(),
    };
    vec![
        ("name", Value::from(project.package.as_str())),
        ("crate", Value::from(project.ident.as_str())),
        ("terrace_dep", Value::from(terrace.dependency(""))),
        ("terrace_sql_dep", Value::from(terrace.dependency("sql"))),
        ("terrace_version", Value::from(version)),
        (
            "terrace_is_path",
            Value::from(matches!(terrace, TerraceSource::Path(_))),
        ),
    ]
}

fn aggregate_context(aggregate: &AggregateName, fields: &[Field]) -> Vec<(&'static str, Value)> {
    let fields: Vec<Value> = fields
        .iter()
        .map(|f| {
            context([
                ("name", Value::from(f.name.as_str())),
                ("human", Value::from(f.name.replace('_', " "))),
                ("ty", Value::from(f.ty.as_str())),
                ("sample_rust", Value::from(f.sample_rust.as_str())),
                ("sample_json", Value::from(f.sample_json.as_str())),
            ])
        })
        .collect();
    vec![
        ("type", Value::from(aggregate.type_name.as_str())),
        ("module", Value::from(aggregate.module.as_str())),
        ("accessor", Value::from(aggregate.accessor.as_str())),
        ("human", Value::from(aggregate.human.as_str())),
        ("fields", Value::from(fields)),
    ]
}

/// Renders a whole workspace: the `new` templates, then the starter
/// aggregate through the same path as `terrace add aggregate`.
///
/// # Errors
///
/// [`ScaffoldError`] when a template fails.
pub fn generate_project(
    templates: &Templates,
    project: &ProjectName,
    terrace: &TerraceSource,
) -> Result<BTreeMap<String, String>, ScaffoldError> {
    let (starter, specs) = STARTER;
    let aggregate = names::aggregate(starter)?;
    let fields = specs
        .iter()
        .map(|s| names::field(s))
        .collect::<Result<Vec<_>, _>>()?;
    let mut vars = project_context(project, terrace);
    vars.extend(aggregate_context(&aggregate, &fields));
    let mut files = templates.render_set("new", &context(vars))?;
    let generated = generate_aggregate(templates, project, &aggregate, &fields, &files)?;
    files.extend(generated.edited);
    files.extend(generated.created);
    for (path, text) in &mut files {
        if path.ends_with(".rs") {
            *text = rustfmt(text);
        }
    }
    Ok(files)
}

/// Renders an aggregate's files and its insertions into `existing` (the
/// current contents of the files it edits, by path).
///
/// # Errors
///
/// [`ScaffoldError::Edit`] when a marker is missing, edited or repeated, or
/// the aggregate is registered already; [`ScaffoldError::Render`].
pub fn generate_aggregate(
    templates: &Templates,
    project: &ProjectName,
    aggregate: &AggregateName,
    fields: &[Field],
    existing: &BTreeMap<String, String>,
) -> Result<Generated, ScaffoldError> {
    let mut vars = vec![
        ("name", Value::from(project.package.as_str())),
        ("crate", Value::from(project.ident.as_str())),
    ];
    vars.extend(aggregate_context(aggregate, fields));
    let ctx = context(vars);
    let mut edited: BTreeMap<String, String> = BTreeMap::new();
    for at in INSERTIONS {
        let current = match edited.get(at.file).or_else(|| existing.get(at.file)) {
            Some(text) => text.clone(),
            None => {
                return Err(ScaffoldError::Edit(EditError::MarkerMissing {
                    file: at.file.to_owned(),
                    marker: at.marker.to_owned(),
                }));
            }
        };
        let markers: Vec<&str> = INSERTIONS
            .iter()
            .filter(|i| i.file == at.file)
            .map(|i| i.marker)
            .collect();
        let snippet = templates.render(at.snippet, &ctx)?;
        let text = edit::insert(&current, at, &markers, &snippet).map_err(ScaffoldError::Edit)?;
        edited.insert(at.file.to_owned(), text);
    }
    let mut created = templates.render_set("aggregate", &ctx)?;
    for (path, text) in &mut created {
        if path.ends_with(".rs") {
            *text = rustfmt(text);
        }
    }
    Ok(Generated { created, edited })
}

/// Formats Rust source with rustfmt (edition 2024) when it is installed;
/// the source as it is otherwise.
fn rustfmt(source: &str) -> String {
    let child = std::process::Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout", "--quiet"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return source.to_owned();
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(source.as_bytes());
    }
    match child.wait_with_output() {
        Ok(out) if out.status.success() && !out.stdout.is_empty() => {
            String::from_utf8(out.stdout).unwrap_or_else(|_| source.to_owned())
        }
        _ => source.to_owned(),
    }
}

/// The files [`generate_aggregate`] edits, read from a workspace root.
/// Missing files are left out (the edit then reports the missing marker).
///
/// # Errors
///
/// [`ScaffoldError::Read`] when a file exists but cannot be read.
pub fn read_edited_files(root: &Path) -> Result<BTreeMap<String, String>, ScaffoldError> {
    let mut out = BTreeMap::new();
    for at in INSERTIONS {
        let path = root.join(at.file);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                out.insert(at.file.to_owned(), text);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(ScaffoldError::Read { path, error }),
        }
    }
    Ok(out)
}

/// The root of the terrace workspace containing `start` and its project
/// name: the nearest ancestor with a `terrace.toml` and a
/// `crates/domain/Cargo.toml` whose package is `<name>-domain`.
///
/// # Errors
///
/// [`ScaffoldError::NotAWorkspace`] when there is none.
pub fn find_workspace(start: &Path) -> Result<(PathBuf, ProjectName), ScaffoldError> {
    let start_abs = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    for dir in start_abs.ancestors() {
        let manifest = dir.join("crates/domain/Cargo.toml");
        if !dir.join("terrace.toml").is_file() || !manifest.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&manifest).map_err(|error| ScaffoldError::Read {
            path: manifest.clone(),
            error,
        })?;
        let name = text
            .parse::<toml_edit::DocumentMut>()
            .ok()
            .and_then(|doc| {
                doc.get("package")
                    .and_then(|p| p.get("name"))
                    .and_then(|n| n.as_str())
                    .map(str::to_owned)
            })
            .and_then(|n| n.strip_suffix("-domain").map(str::to_owned));
        if let Some(name) = name {
            return Ok((dir.to_path_buf(), names::project(&name)?));
        }
    }
    Err(ScaffoldError::NotAWorkspace {
        start: start.to_path_buf(),
    })
}

/// Whether `dir` or one of its ancestors is inside a git work tree.
fn inside_git(dir: &Path) -> bool {
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    abs.ancestors().any(|d| d.join(".git").exists())
}

/// The terrace source tree this binary was built from, when it is still
/// there.
#[must_use]
pub fn built_from() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent()?;
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).ok()?;
    (manifest.contains("name = \"terrace\"") && root.join("sql/Cargo.toml").is_file())
        .then(|| root.to_path_buf())
}

/// Options of `terrace new`.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// Where the workspace goes.
    pub path: PathBuf,
    /// Its name, when not the directory's.
    pub name: Option<String>,
    /// Where the terrace crates come from.
    pub terrace: TerraceSource,
    /// Overwrite conflicting files, write into a non-empty directory.
    pub force: bool,
    /// Print the plan, write nothing.
    pub dry_run: bool,
    /// A folder of template overrides.
    pub templates: Option<PathBuf>,
}

/// Options of `terrace add aggregate`.
#[derive(Debug, Clone)]
pub struct AddAggregateOptions {
    /// The aggregate's name.
    pub name: String,
    /// `name:type` of its fields.
    pub fields: Vec<String>,
    /// A directory inside the workspace.
    pub path: PathBuf,
    /// Overwrite conflicting files.
    pub force: bool,
    /// Print the plan, write nothing.
    pub dry_run: bool,
    /// A folder of template overrides (default: `.terrace/templates`).
    pub templates: Option<PathBuf>,
}

/// A refusal to show the user: message, optional location, help, exit code.
#[derive(Debug)]
pub struct Refusal {
    /// What went wrong.
    pub message: String,
    /// What to do about it.
    pub help: String,
    /// The exit code.
    pub code: u8,
}

impl From<ScaffoldError> for Refusal {
    fn from(e: ScaffoldError) -> Self {
        match e {
            ScaffoldError::Name(e) => Refusal {
                help: match e.what {
                    "project" => "use a name like `shop` or `my-shop`: ASCII letters, digits, `-` and `_`, not a keyword; `--name NAME` names the project apart from its directory".to_owned(),
                    "aggregate" => "use a name like `Order` or `order_line`".to_owned(),
                    _ => "write fields as `--field name:type`, e.g. `--field qty:u32 --field note:Option<String>`".to_owned(),
                },
                message: e.to_string(),
                code: EXIT_USAGE,
            },
            ScaffoldError::Render(e) => Refusal {
                message: format!("cannot render {e}"),
                help: "fix the template (every variable must be defined); nothing was written".to_owned(),
                code: EXIT_FAILED,
            },
            ScaffoldError::Edit(e) => {
                let code = if matches!(e, EditError::AlreadyPresent { .. }) {
                    EXIT_USAGE
                } else {
                    EXIT_UNSAFE_EDIT
                };
                Refusal {
                    message: e.to_string(),
                    help: format!("{}; nothing was written", e.help()),
                    code,
                }
            }
            ScaffoldError::NotAWorkspace { start } => Refusal {
                message: format!(
                    "`{}` is not inside a workspace made by `terrace new`",
                    start.display()
                ),
                help: "run `terrace add aggregate` in (or pass `--path` to) a workspace with a `terrace.toml` and `crates/domain/Cargo.toml`; `terrace new PATH` makes one".to_owned(),
                code: EXIT_USAGE,
            },
            ScaffoldError::Read { path, error } => Refusal {
                message: format!("cannot read `{}`: {error}", path.display()),
                help: "check that the file is readable; nothing was written".to_owned(),
                code: EXIT_FAILED,
            },
        }
    }
}

/// `terrace new`: prints the plan on `out`, writes unless dry-run, and
/// returns the exit code or the refusal.
///
/// # Errors
///
/// [`Refusal`] for bad names, conflicts, failed templates or writes.
pub fn new(options: &NewOptions, out: &mut dyn Write) -> Result<u8, Refusal> {
    let name = match &options.name {
        Some(name) => name.clone(),
        None => {
            let absolute =
                std::path::absolute(&options.path).unwrap_or_else(|_| options.path.clone());
            match absolute.file_name() {
                Some(n) => n.to_string_lossy().into_owned(),
                None => {
                    return Err(Refusal {
                    message: format!(
                        "cannot take a project name from the path `{}`",
                        options.path.display()
                    ),
                    help: "pass `--name NAME`, or a path that ends with the project's directory name".to_owned(),
                    code: EXIT_USAGE,
                });
                }
            }
        }
    };
    let project = names::project(&name).map_err(ScaffoldError::from)?;
    check_templates_dir(options.templates.as_deref())?;
    let templates = match &options.templates {
        Some(dir) => Templates::with_overrides(dir).map_err(ScaffoldError::from)?,
        None => Templates::embedded(),
    };
    let files = generate_project(&templates, &project, &options.terrace)?;
    let plan = plan::plan(&options.path, files, BTreeMap::new(), options.force);
    let shown = options.path.display();
    let non_empty = std::fs::read_dir(&options.path).is_ok_and(|mut e| e.next().is_some());
    if options.dry_run {
        let _ = writeln!(
            out,
            "Dry run: workspace `{}` in `{shown}`; nothing is written",
            project.package
        );
        let _ = out.write_all(plan.render().as_bytes());
        let _ = writeln!(out, "{}", plan.summary());
    }
    if options.path.exists() && !options.path.is_dir() {
        return Err(Refusal {
            message: format!("`{shown}` exists and is not a directory"),
            help: "choose another path".to_owned(),
            code: EXIT_CONFLICT,
        });
    }
    if non_empty && !options.force {
        return Err(Refusal {
            message: format!("directory `{shown}` exists and is not empty"),
            help: "choose a new path, or pass `--force` to write into it (files that differ are overwritten; `--dry-run` shows which)".to_owned(),
            code: EXIT_CONFLICT,
        });
    }
    if options.dry_run {
        return Ok(EXIT_OK);
    }
    let git = !non_empty && !inside_git(&options.path);
    let _ = writeln!(out, "Creating workspace `{}` in `{shown}`", project.package);
    let _ = out.write_all(plan.render().as_bytes());
    apply(&plan)?;
    if git {
        let status = std::process::Command::new("git")
            .args(["init", "--quiet"])
            .current_dir(&options.path)
            .stdout(std::process::Stdio::null())
            .status();
        if !status.is_ok_and(|s| s.success()) {
            let _ = writeln!(
                std::io::stderr(),
                "warning: `git init` failed; the workspace is not a git repository"
            );
        }
    }
    let _ = writeln!(out, "{}", plan.summary());
    let _ = writeln!(
        out,
        "Next: `cd {shown}`, then `cargo test` and `terrace check`; `terrace add aggregate NAME` adds an aggregate"
    );
    Ok(EXIT_OK)
}

/// `terrace add aggregate`.
///
/// # Errors
///
/// [`Refusal`] outside a workspace, for bad names, duplicates, unsafe
/// edits, conflicts, failed templates or writes.
pub fn add_aggregate(options: &AddAggregateOptions, out: &mut dyn Write) -> Result<u8, Refusal> {
    let aggregate = names::aggregate(&options.name).map_err(ScaffoldError::from)?;
    let mut fields = Vec::new();
    for spec in &options.fields {
        let field = names::field(spec).map_err(ScaffoldError::from)?;
        if fields.iter().any(|f: &Field| f.name == field.name) {
            return Err(Refusal {
                message: format!("field `{}` is given twice", field.name),
                help: "give each field once".to_owned(),
                code: EXIT_USAGE,
            });
        }
        fields.push(field);
    }
    if fields.is_empty() {
        fields.push(names::field("name:String").map_err(ScaffoldError::from)?);
    }
    let (root, project) = find_workspace(&options.path)?;
    check_templates_dir(options.templates.as_deref())?;
    let templates = match &options.templates {
        Some(dir) => Templates::with_overrides(dir),
        None => Templates::with_overrides(&root.join(render::OVERRIDE_DIR)),
    }
    .map_err(ScaffoldError::from)?;
    let existing = read_edited_files(&root)?;
    let generated = generate_aggregate(&templates, &project, &aggregate, &fields, &existing)?;
    let plan = plan::plan(&root, generated.created, generated.edited, options.force);
    let verb = if options.dry_run {
        "Dry run: aggregate"
    } else {
        "Adding aggregate"
    };
    let _ = writeln!(
        out,
        "{verb} `{}` to workspace `{}`{}",
        aggregate.type_name,
        project.package,
        if options.dry_run {
            "; nothing is written"
        } else {
            ""
        }
    );
    let _ = out.write_all(plan.render().as_bytes());
    if options.dry_run {
        let _ = writeln!(out, "{}", plan.summary());
        return Ok(if plan.conflicts().next().is_some() {
            EXIT_CONFLICT
        } else {
            EXIT_OK
        });
    }
    apply(&plan)?;
    let _ = writeln!(out, "{}", plan.summary());
    Ok(EXIT_OK)
}

/// An explicit `--templates DIR` must exist (the workspace's own
/// `.terrace/templates` is optional).
fn check_templates_dir(dir: Option<&Path>) -> Result<(), Refusal> {
    match dir {
        Some(dir) if !dir.is_dir() => Err(Refusal {
            message: format!("template folder `{}` is not a directory", dir.display()),
            help: "pass a folder laid out like `templates/` (`new/`, `aggregate/`, `insert/`), or leave `--templates` out".to_owned(),
            code: EXIT_USAGE,
        }),
        _ => Ok(()),
    }
}

fn apply(plan: &plan::Plan) -> Result<(), Refusal> {
    let conflicts: Vec<&str> = plan.conflicts().map(|s| s.path.as_str()).collect();
    if !conflicts.is_empty() {
        return Err(Refusal {
            message: format!(
                "{} file{} exist{} with other contents: {}",
                conflicts.len(),
                if conflicts.len() == 1 { "" } else { "s" },
                if conflicts.len() == 1 { "s" } else { "" },
                conflicts.join(", ")
            ),
            help: "nothing was written; pass `--force` to overwrite them, or move them away"
                .to_owned(),
            code: EXIT_CONFLICT,
        });
    }
    plan.apply().map_err(|e| Refusal {
        message: format!("cannot write `{}`: {}", e.path.display(), e.error),
        help: "nothing was written; check that the directory is writable".to_owned(),
        code: EXIT_FAILED,
    })
}

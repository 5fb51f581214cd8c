//! The `terrace` command line: argument parsing, rendering of findings and
//! exit codes. The checking itself lives in `terrace-lint`; only this crate
//! prints.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use terrace_lint::{CheckOptions, Error, Project};

mod baseline;
mod graph;
mod init;
mod render;
pub mod scaffold;
mod staged;

/// Exit code when every contract holds.
pub const EXIT_OK: u8 = 0;
/// Exit code when a contract is broken or a file could not be checked.
pub const EXIT_VIOLATIONS: u8 = 1;
/// Exit code for usage and configuration errors.
pub const EXIT_USAGE: u8 = 2;
pub use scaffold::{EXIT_CONFLICT, EXIT_UNSAFE_EDIT};

/// jemalloc rather than the system allocator for both binaries (and this
/// crate's tests), with the `jemalloc` feature, on by default: a check
/// allocates and frees small blocks from every thread.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Keep a Rust code base shaped like its architecture: a pure domain model,
/// a service layer, adapters and entrypoints, dependencies pointing inward.
#[derive(Debug, Parser)]
#[command(name = "terrace", version, propagate_version = true)]
#[command(
    after_help = "Run `terrace check` in a workspace with a `terrace.toml` to check its contracts.\n\
See `terrace help check` for the configuration format.\n\
Start a new layered workspace with `terrace new PATH` (see `terrace new --help`)."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check the architecture contracts of a workspace.
    ///
    /// Reads `terrace.toml` at the workspace root (or `[workspace.metadata.terrace]`
    /// in the root `Cargo.toml`), every manifest and every source file reachable
    /// from a target's root, and reports each import that breaks a contract.
    /// Nothing is built and no network is used.
    ///
    /// Exit status: 0 when every contract holds, 1 when a contract is broken or
    /// a file could not be read, 2 for usage and configuration errors.
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// Explain a contract: its entries as terrace reads them, and why each
    /// import that breaks it does (the chain, the entries each end matched).
    ///
    /// Exit status: 0 when the contract holds, 1 when it is broken, 2 for
    /// usage and configuration errors.
    Explain(ExplainArgs),
    /// Draw the import graph (Graphviz DOT or Mermaid), broken imports in red.
    ///
    /// `terrace graph | dot -Tsvg > graph.svg`; Mermaid renders in GitHub
    /// Markdown. External crates appear when an import of them breaks a
    /// contract.
    Graph(GraphArgs),
    /// Write a starter `terrace.toml` for the workspace, with contracts
    /// guessed from the names of its crates and modules.
    ///
    /// A purity contract (no `@infrastructure`) for crates and modules named
    /// like `domain`, `model` or `core`, and a layers contract ordered
    /// entrypoints (api, web, cli, http) > service layer (service,
    /// application, app) > adapters (infrastructure, repository, db,
    /// persistence) > domain. Review the result, then run `terrace check`.
    Init(InitArgs),
    /// List the built-in presets (`@infrastructure`, `@std-io`) and their entries.
    Presets,
    /// List the modules of the workspace, as contracts name them.
    Modules(WorkspaceArgs),
    /// Create a layered workspace: domain, service layer, adapters,
    /// entrypoints, with tests at every layer and a `terrace.toml`.
    ///
    /// The workspace builds, passes its tests and passes `terrace check` as
    /// generated: `crates/domain` (aggregates using the derives; depends on
    /// terrace, serde and thiserror only), `crates/service_layer` (the unit
    /// of work and async use cases, tested on the in-memory store),
    /// `crates/adapters` (the SQLite store of terrace-sql), `crates/entrypoints`
    /// (an HTTP API on axum, with an end-to-end test), a CI workflow, a
    /// README and a `.gitignore`; `git init` unless PATH is inside a
    /// repository already.
    ///
    /// Nothing is overwritten without `--force`; files with the same
    /// contents are reported identical. The tree is built beside PATH and
    /// moved into place: a failed run leaves nothing behind.
    ///
    /// Exit status: 0 done (or a dry run), 1 a template or a write failed,
    /// 2 bad name or usage, 3 PATH exists and is not empty (or a file
    /// differs) without `--force`.
    #[command(after_help = NEW_HELP)]
    New(NewArgs),
    /// Add code to a workspace made by `terrace new`.
    ///
    /// `terrace add aggregate Order --field qty:u32` adds an aggregate with
    /// its repository, service functions, routes and tests; see
    /// `terrace add aggregate --help`.
    Add(AddArgs),
}

const NEW_HELP: &str = "\
Examples:
  terrace new shop                       # ./shop, crates shop-domain, shop-service-layer, ...
  terrace new services/billing --name billing-core
  terrace new shop --dry-run             # print the files it would create
  terrace new shop --terrace-version 0.1.0   # depend on the registry release

Then:
  cd shop && cargo test && terrace check
  terrace add aggregate Order --field qty:u32

Templates are compiled in; `--templates DIR` replaces any of them file by file
(DIR laid out like `new/`, `aggregate/`, `insert/`, each file ending `.jinja`).";

const ADD_AGGREGATE_HELP: &str = "\
Examples:
  terrace add aggregate Order                           # one field: name: String
  terrace add aggregate order_line --field qty:u32 --field 'note:Option<String>'
  terrace add aggregate Invoice --dry-run               # show the plan only

It creates:
  crates/domain/src/<module>.rs          the aggregate (derives Aggregate, Repository) and its tests
  crates/service_layer/src/<module>.rs   create_<module> and get_<module>, tested on the in-memory store
  crates/entrypoints/src/<module>.rs     POST /<plural> and GET /<plural>/{id}
  crates/entrypoints/tests/api/<module>.rs   the end-to-end test of those routes
and edits, at their `// terrace: ... go above this line` markers: the module
lists of the domain, service layer and entrypoints, the unit of work's
aggregate list, the adapters' migrations, the router, the API test list.

Field types: String, bool, i32, i64, u32, u64, f64, and Option<T> or Vec<T> of
them. Every aggregate also has `id: String` and `version: i64`.

A file under `.terrace/templates/` at the workspace root (laid out like
`aggregate/...` and `insert/...`) replaces the built-in template of that path.";

#[derive(Debug, clap::Args)]
struct NewArgs {
    /// Directory to create the workspace in (it must not exist, or be empty)
    path: PathBuf,
    /// Project name, prefix of the crate names [default: PATH's last component]
    #[arg(long)]
    name: Option<String>,
    /// A checkout of terrace to depend on by path [default: the tree this binary was built from, when it exists]
    #[arg(long, value_name = "DIR", conflicts_with = "terrace_version")]
    terrace_path: Option<PathBuf>,
    /// Depend on this registry release of terrace instead of a path
    #[arg(long, value_name = "VER")]
    terrace_version: Option<String>,
    /// Write into a non-empty directory, overwriting files that differ
    #[arg(long)]
    force: bool,
    /// Print the plan (create / identical / conflict) and write nothing
    #[arg(long)]
    dry_run: bool,
    /// A folder whose files replace the built-in templates of the same path
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct AddArgs {
    #[command(subcommand)]
    what: AddCommand,
}

#[derive(Debug, Subcommand)]
enum AddCommand {
    /// Add an aggregate: its type, repository, unit-of-work registration,
    /// service functions, HTTP routes and tests.
    ///
    /// Run it inside a workspace made by `terrace new`. Existing files are
    /// edited only at their marker comments; when a marker was removed or
    /// changed, nothing is written and the file and line are reported.
    ///
    /// Exit status: 0 done (or a dry run), 1 a template or a write failed,
    /// 2 bad name, duplicate aggregate or not in a workspace, 3 a file to
    /// create differs without `--force`, 4 a file cannot be edited safely.
    #[command(after_help = ADD_AGGREGATE_HELP)]
    Aggregate(AggregateArgs),
}

#[derive(Debug, clap::Args)]
struct AggregateArgs {
    /// The aggregate's name, `CamelCase` or `snake_case` (`OrderLine`, `order_line`)
    name: String,
    /// A field as `name:type`; repeat for more [default: `name:String`]
    #[arg(long = "field", value_name = "NAME:TYPE")]
    fields: Vec<String>,
    /// A directory inside the workspace
    #[arg(long, value_name = "DIR", default_value = ".")]
    path: PathBuf,
    /// Overwrite files that differ
    #[arg(long)]
    force: bool,
    /// Print the plan (create / edit / identical / conflict) and write nothing
    #[arg(long)]
    dry_run: bool,
    /// A folder of template overrides [default: `.terrace/templates` in the workspace]
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct ExplainArgs {
    /// The contract's name
    contract: String,
    #[command(flatten)]
    workspace: WorkspaceArgs,
}

#[derive(Debug, clap::Args)]
struct GraphArgs {
    #[command(flatten)]
    workspace: WorkspaceArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    format: GraphFormat,
    /// One node per crate or per module
    #[arg(long, value_enum, default_value_t = GraphLevel::Crate)]
    level: GraphLevel,
    /// Draw only the modules this contract names, and only its broken imports
    #[arg(long, value_name = "NAME")]
    contract: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    /// Graphviz DOT
    Dot,
    /// Mermaid flowchart
    Mermaid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphLevel {
    /// One node per crate
    Crate,
    /// One node per module
    Module,
}

#[derive(Debug, clap::Args)]
struct InitArgs {
    /// Path to the workspace's (or a member's) `Cargo.toml` [default: discovered from the current directory]
    #[arg(long, value_name = "PATH")]
    manifest_path: Option<PathBuf>,
    /// Overwrite an existing `terrace.toml`
    #[arg(long)]
    force: bool,
    /// Print the configuration instead of writing it
    #[arg(long)]
    dry_run: bool,
}

const CHECK_HELP: &str = "\
Configuration (terrace.toml):

  [[contracts]]
  name = \"domain-is-pure\"
  type = \"forbidden\"                  # forbidden | layers | independence | acyclic | allowed
  source = [\"shop_domain\"]
  forbidden = [\"@infrastructure\", \"shop_adapters\"]
  reason = \"the domain is persistence-ignorant\"   # shown with every violation
  help = \"go through a repository trait\"

  [[contracts]]
  name = \"model-allow-list\"
  type = \"allowed\"                    # only these (plus std, core, alloc, itself)
  source = [\"shop_model\"]
  allowed = [\"serde\", \"thiserror\"]

  [[contracts]]
  name = \"layers\"
  type = \"layers\"                     # top first; `a | b` are independent siblings
  layers = [\"app::entrypoints\", \"app::service_layer\", \"app::adapters\", \"app::domain\"]

Module references start with a crate name (`-` written `_`); `*` matches one
segment and `**` any number. `terrace presets` lists the built-in presets.";

#[derive(Debug, clap::Args)]
struct WorkspaceArgs {
    /// Path to the workspace's (or a member's) `Cargo.toml` [default: discovered from the current directory]
    #[arg(long, value_name = "PATH")]
    manifest_path: Option<PathBuf>,
    /// Configuration file to use instead of the workspace's `terrace.toml`
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Leave test, example and bench targets, `#[cfg(test)]` code and dev-dependencies out of every contract
    #[arg(long)]
    no_dev: bool,
    /// Read every file afresh and keep no check cache
    #[arg(long, conflicts_with = "cache_dir")]
    no_cache: bool,
    /// Where to keep the check cache [default: `$CARGO_TARGET_DIR/terrace`, or `target/terrace` in the workspace]
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    workspace: WorkspaceArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to use colours in human output
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Fail only on violations that FILE does not record; report entries of FILE that are fixed
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Say why each import is a violation: the configuration entries (source, forbidden, layer...) it matched
    #[arg(long, short)]
    verbose: bool,
    /// Record today's violations in FILE (JSON, sorted) and exit 0; with `--baseline`, write that baseline without its fixed entries instead (and check as usual)
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Check the content staged in git (the index), not the working tree: what the next commit will hold. For pre-commit hooks; runs without the scan cache
    #[arg(long)]
    staged: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// rustc-style diagnostics with the offending source line
    Human,
    /// One JSON document (schema 1)
    Json,
    /// GitHub Actions workflow commands (annotations), then a summary
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    /// Colours when writing to a terminal and `NO_COLOR` is unset
    Auto,
    /// Always
    Always,
    /// Never
    Never,
}

/// Runs the command line with `args` (the first is the program name) and
/// returns the exit code. `cargo terrace ...` passes `terrace` as the first
/// argument after the program name; it is skipped.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let mut args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    if args.get(1).is_some_and(|a| a == "terrace") {
        args.remove(1);
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    if std::env::var_os("TERRACE_TIMINGS").is_some_and(|v| !v.is_empty()) {
        terrace_lint::timings::enable();
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let code = match cli.command {
        Command::Check(args) => check(&args, &mut out),
        Command::Presets => {
            let _ = out.write_all(render::presets().as_bytes());
            EXIT_OK
        }
        Command::Modules(args) => modules(&args, &mut out),
        Command::Init(args) => init(&args, &mut out),
        Command::Graph(args) => draw(&args, &mut out),
        Command::Explain(args) => explain(&args, &mut out),
        Command::New(args) => new(args, &mut out),
        Command::Add(AddArgs {
            what: AddCommand::Aggregate(args),
        }) => add_aggregate(args, &mut out),
    };
    let _ = out.flush();
    print_timings();
    ExitCode::from(code)
}

/// Per-phase wall times (and peak memory so far) on stderr, when
/// `TERRACE_TIMINGS` asked for them.
fn print_timings() {
    let phases = terrace_lint::timings::take();
    if phases.is_empty() {
        return;
    }
    let mut err = std::io::stderr().lock();
    for p in phases {
        let peak = p
            .peak_kib
            .map(|k| format!("  peak {:6.1} MB", k as f64 / 1024.0))
            .unwrap_or_default();
        let _ = writeln!(
            err,
            "{:>24} {:9.1} ms{peak}",
            p.name,
            p.time.as_secs_f64() * 1e3
        );
    }
}

fn options(args: &WorkspaceArgs) -> CheckOptions {
    CheckOptions {
        start: args
            .manifest_path
            .clone()
            .unwrap_or_else(|| PathBuf::from(".")),
        config: args.config.clone(),
        no_dev: args.no_dev,
        cache_dir: cache_dir(args),
    }
}

/// The check cache's directory: `--cache-dir` (relative to the current
/// directory), else cargo's target directory, else `target/terrace` under
/// the workspace root; none with `--no-cache`.
fn cache_dir(args: &WorkspaceArgs) -> Option<PathBuf> {
    if args.no_cache {
        return None;
    }
    let absolute = |p: PathBuf| {
        if p.is_absolute() {
            p
        } else {
            std::env::current_dir().map_or(p.clone(), |d| d.join(p))
        }
    };
    if let Some(dir) = &args.cache_dir {
        return Some(absolute(dir.clone()));
    }
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => Some(absolute(PathBuf::from(dir)).join("terrace")),
        _ => Some(PathBuf::from("target/terrace")),
    }
}

fn color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

fn check(args: &CheckArgs, out: &mut dyn Write) -> u8 {
    let mut options = options(&args.workspace);
    let styled = color(args.color);
    let staged = if args.staged {
        match staged::Staged::export(&options.start) {
            Ok(staged) => {
                options.start = staged.map(&options.start);
                options.config = options.config.map(|c| staged.map(&c));
                options.cache_dir = None;
                Some(staged)
            }
            Err(e) => {
                report_message(&e.message, &e.help, styled);
                return EXIT_USAGE;
            }
        }
    } else {
        None
    };
    let result = Project::load(&options).and_then(|p| p.check(options.no_dev).map(|r| (p, r)));
    let (project, mut report) = match result {
        Ok(ok) => ok,
        Err(e) => {
            report_error(&e, styled);
            return EXIT_USAGE;
        }
    };
    let root = &project.workspace.root;
    // Where the checked workspace is in the repository: with `--staged`,
    // where the exported copy came from.
    let real_root = staged
        .as_ref()
        .map_or_else(|| root.clone(), |s| s.unmap(root));
    if let Some(path) = args
        .write_baseline
        .as_ref()
        .filter(|_| args.baseline.is_none())
    {
        let entries = baseline::entries(root, &report);
        if let Err(e) = std::fs::write(path, baseline::to_json(&entries)) {
            report_message(
                &format!("cannot write baseline `{}`: {e}", path.display()),
                "check that its directory exists and is writable",
                styled,
            );
            return EXIT_USAGE;
        }
        let _ = writeln!(
            out,
            "wrote {} violation{} to baseline `{}`",
            entries.len(),
            if entries.len() == 1 { "" } else { "s" },
            path.display()
        );
        if !report.errors.is_empty() {
            let _ = writeln!(
                std::io::stderr(),
                "warning: {} file{} could not be checked; a baseline cannot record them",
                report.errors.len(),
                if report.errors.len() == 1 { "" } else { "s" },
            );
        }
        return EXIT_OK;
    }
    let mut outcome = None;
    if let Some(path) = &args.baseline {
        let entries = match baseline::load(path) {
            Ok(entries) => entries,
            Err(e) => {
                report_message(&e.message, &e.help, styled);
                return EXIT_USAGE;
            }
        };
        let applied = baseline::apply(root, &entries, &mut report);
        if let Some(target) = &args.write_baseline {
            // Shrink: the baseline without its fixed entries, never with
            // new violations.
            let kept = baseline::without(&entries, &applied.fixed);
            if let Err(e) = std::fs::write(target, baseline::to_json(&kept)) {
                report_message(
                    &format!("cannot write baseline `{}`: {e}", target.display()),
                    "check that its directory exists and is writable",
                    styled,
                );
                return EXIT_USAGE;
            }
        }
        outcome = Some(applied);
    }
    let rendered = terrace_lint::timings::start();
    let text = match args.format {
        Format::Human => {
            let config_file = terrace_lint::relative(root, &project.config.file);
            render::human(root, &report, styled, args.verbose.then_some(&config_file))
        }
        Format::Json => render::json(&report),
        Format::Github => render::github(&repo_prefix(&real_root), &report),
        Format::Sarif => render::sarif(root, &repo_prefix(&real_root), &report),
    };
    let rendered = terrace_lint::timings::end("render", rendered);
    let _ = out.write_all(text.as_bytes());
    terrace_lint::timings::end("write output", rendered);
    if let (Some(path), Some(outcome)) = (&args.baseline, outcome) {
        // On stderr: stdout stays one valid document in every format.
        let rewritten = args.write_baseline.as_deref();
        let _ = std::io::stderr().write_all(baseline_note(path, &outcome, rewritten).as_bytes());
    }
    if report.passed() {
        EXIT_OK
    } else {
        EXIT_VIOLATIONS
    }
}

/// What the baseline did: how many known violations it hid, which entries
/// are fixed (and can go).
fn baseline_note(path: &Path, outcome: &baseline::Outcome, rewritten: Option<&Path>) -> String {
    let mut s = format!(
        "baseline `{}`: {} known violation{} not reported",
        path.display(),
        outcome.known,
        if outcome.known == 1 { "" } else { "s" }
    );
    if outcome.fixed.is_empty() {
        s.push('\n');
        return s;
    }
    let what = match rewritten {
        Some(target) => format!(
            "written without {} to `{}`",
            if outcome.fixed.len() == 1 {
                "it"
            } else {
                "them"
            },
            target.display()
        ),
        None => format!(
            "remove {} from the baseline (`--baseline {} --write-baseline {}` does)",
            if outcome.fixed.len() == 1 {
                "it"
            } else {
                "them"
            },
            path.display(),
            path.display()
        ),
    };
    s.push_str(&format!(
        "; {} entr{} fixed, {what}:\n",
        outcome.fixed.len(),
        if outcome.fixed.len() == 1 {
            "y is"
        } else {
            "ies are"
        },
    ));
    for e in &outcome.fixed {
        s.push_str(&format!("  fixed: {}\n", e.describe()));
    }
    s
}

fn repo_prefix(root: &Path) -> String {
    for dir in root.ancestors() {
        if dir.join(".git").exists() {
            let rel = root.strip_prefix(dir).unwrap_or(Path::new(""));
            return rel
                .components()
                .map(|c| format!("{}/", c.as_os_str().to_string_lossy()))
                .collect();
        }
    }
    String::new()
}

fn modules(args: &WorkspaceArgs, out: &mut dyn Write) -> u8 {
    let options = options(args);
    let root = match terrace_lint::workspace::find_root(&options.start)
        .and_then(|m| terrace_lint::workspace::load(&m))
    {
        Ok(ws) => ws,
        Err(e) => {
            report_error(&Error::Workspace(e), false);
            return EXIT_USAGE;
        }
    };
    let model = terrace_lint::model::build(&root, &|_: &str, _: &str| false);
    let mut paths: Vec<String> = model.modules.iter().map(|m| m.path()).collect();
    paths.sort();
    for p in paths {
        let _ = writeln!(out, "{p}");
    }
    EXIT_OK
}

fn explain(args: &ExplainArgs, out: &mut dyn Write) -> u8 {
    let options = options(&args.workspace);
    let result = Project::load(&options).and_then(|p| p.check(options.no_dev).map(|r| (p, r)));
    let (project, report) = match result {
        Ok(ok) => ok,
        Err(e) => {
            report_error(&e, false);
            return EXIT_USAGE;
        }
    };
    let Some(contract) = project
        .config
        .contracts
        .iter()
        .find(|c| c.name == args.contract)
    else {
        report_message(
            &format!("no contract named `{}`", args.contract),
            &contract_names(&project),
            false,
        );
        return EXIT_USAGE;
    };
    let config_file = terrace_lint::relative(&project.workspace.root, &project.config.file);
    let _ = out.write_all(render::explain(contract, &report, &config_file).as_bytes());
    let broken = report
        .contracts
        .iter()
        .any(|c| c.name == contract.name && !c.kept());
    if broken { EXIT_VIOLATIONS } else { EXIT_OK }
}

fn contract_names(project: &Project) -> String {
    let names: Vec<String> = project
        .config
        .contracts
        .iter()
        .map(|c| format!("`{}`", c.name))
        .collect();
    if names.is_empty() {
        "the configuration has no contracts".to_owned()
    } else {
        format!("contracts: {}", names.join(", "))
    }
}

fn draw(args: &GraphArgs, out: &mut dyn Write) -> u8 {
    let options = options(&args.workspace);
    let result =
        Project::load(&options).and_then(|p| p.check_with_model(options.no_dev).map(|r| (p, r)));
    let (project, (model, report)) = match result {
        Ok(ok) => ok,
        Err(e) => {
            report_error(&e, false);
            return EXIT_USAGE;
        }
    };
    if let Some(name) = &args.contract
        && !project.config.contracts.iter().any(|c| &c.name == name)
    {
        report_message(
            &format!("no contract named `{name}`"),
            &contract_names(&project),
            false,
        );
        return EXIT_USAGE;
    }
    let level = match args.level {
        GraphLevel::Crate => graph::Level::Crate,
        GraphLevel::Module => graph::Level::Module,
    };
    let g = graph::build(
        &model,
        &report,
        &project.config,
        level,
        args.contract.as_deref(),
        options.no_dev,
    );
    let text = match args.format {
        GraphFormat::Dot => render::dot(&g),
        GraphFormat::Mermaid => render::mermaid(&g),
    };
    let _ = out.write_all(text.as_bytes());
    EXIT_OK
}

fn init(args: &InitArgs, out: &mut dyn Write) -> u8 {
    let start = args
        .manifest_path
        .clone()
        .unwrap_or_else(|| PathBuf::from("."));
    let ws = match terrace_lint::workspace::find_root(&start)
        .and_then(|m| terrace_lint::workspace::load(&m))
    {
        Ok(ws) => ws,
        Err(e) => {
            report_error(&Error::Workspace(e), false);
            return EXIT_USAGE;
        }
    };
    let model = terrace_lint::model::build(&ws, &|_: &str, _: &str| false);
    let (text, count) = init::starter(&ws, &model);
    if args.dry_run {
        let _ = out.write_all(text.as_bytes());
        return EXIT_OK;
    }
    let path = ws.root.join("terrace.toml");
    if path.exists() && !args.force {
        report_message(
            &format!("`{}` already exists", path.display()),
            "pass `--force` to overwrite it, or `--dry-run` to see what `terrace init` would write",
            false,
        );
        return EXIT_USAGE;
    }
    if !path.exists()
        && matches!(
            terrace_lint::config::load(&ws.root_manifest),
            Ok(Some(_)) | Err(_)
        )
    {
        report_message(
            &format!(
                "`{}` already holds a terrace configuration (`[workspace.metadata.terrace]` or `[package.metadata.terrace]`)",
                ws.root_manifest.display()
            ),
            "a workspace has one configuration: edit that one, or remove it before `terrace init`",
            false,
        );
        return EXIT_USAGE;
    }
    // Written beside the target and renamed: never half a file.
    let tmp = ws.root.join(".terrace.toml.tmp");
    if let Err(e) = std::fs::write(&tmp, &text).and_then(|()| std::fs::rename(&tmp, &path)) {
        let _ = std::fs::remove_file(&tmp);
        report_message(
            &format!("cannot write `{}`: {e}", path.display()),
            "check that the workspace directory is writable",
            false,
        );
        return EXIT_USAGE;
    }
    let _ = writeln!(
        out,
        "wrote `{}` with {count} contract{}; review it, then run `terrace check`",
        path.display(),
        if count == 1 { "" } else { "s" }
    );
    EXIT_OK
}

fn new(args: NewArgs, out: &mut dyn Write) -> u8 {
    let terrace = match (args.terrace_version, args.terrace_path) {
        (Some(v), _) => scaffold::TerraceSource::Version(v),
        (None, Some(p)) => {
            let abs = std::path::absolute(&p).unwrap_or(p);
            if !abs.join("Cargo.toml").is_file() || !abs.join("sql/Cargo.toml").is_file() {
                report_message(
                    &format!("`{}` is not a checkout of terrace", abs.display()),
                    "pass the directory holding terrace's root `Cargo.toml` (and `sql/`), or `--terrace-version VER`",
                    false,
                );
                return EXIT_USAGE;
            }
            scaffold::TerraceSource::Path(abs)
        }
        (None, None) => scaffold::built_from().map_or_else(
            || scaffold::TerraceSource::Version(env!("CARGO_PKG_VERSION").to_owned()),
            scaffold::TerraceSource::Path,
        ),
    };
    let options = scaffold::NewOptions {
        path: args.path,
        name: args.name,
        terrace,
        force: args.force,
        dry_run: args.dry_run,
        templates: args.templates,
    };
    finish(scaffold::new(&options, out), out)
}

fn add_aggregate(args: AggregateArgs, out: &mut dyn Write) -> u8 {
    let options = scaffold::AddAggregateOptions {
        name: args.name,
        fields: args.fields,
        path: args.path,
        force: args.force,
        dry_run: args.dry_run,
        templates: args.templates,
    };
    finish(scaffold::add_aggregate(&options, out), out)
}

fn finish(result: Result<u8, scaffold::Refusal>, out: &mut dyn Write) -> u8 {
    match result {
        Ok(code) => code,
        Err(refusal) => {
            let _ = out.flush();
            report_message(&refusal.message, &refusal.help, false);
            refusal.code
        }
    }
}

fn report_message(message: &str, help: &str, styled: bool) {
    let text = render::message_error(message, help, styled);
    let _ = std::io::stderr().write_all(text.as_bytes());
}

fn report_error(e: &Error, styled: bool) {
    let text = render::error(e, styled);
    let _ = std::io::stderr().write_all(text.as_bytes());
}

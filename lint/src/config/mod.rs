//! `terrace.toml` (or `[workspace.metadata.terrace]` /
//! `[package.metadata.terrace]` in the root `Cargo.toml`): contracts, module
//! patterns, ignores and presets, every value kept with its position so that
//! errors and reports can point into the file.
//!
//! ```toml
//! [presets]
//! messaging = ["lapin", "rdkafka"]        # used as "@messaging"
//!
//! [[contracts]]
//! name = "domain-is-pure"                 # unique
//! type = "forbidden"                      # forbidden | layers | independence | acyclic | allowed
//! source = ["shop_domain"]
//! forbidden = ["@infrastructure", "@messaging", "std::fs"]
//! allow_indirect = false                  # forbidden and layers only; default false
//! include_dev = true                      # default true
//! ignore = ["shop_domain::legacy -> sea_orm"]
//! unmatched_ignores = "error"             # or "warn"
//! reason = "the domain is persistence-ignorant"
//! help = "go through a repository trait"
//! ```
//!
//! `layers` contracts take `layers = ["top", "a | b", "bottom"]`,
//! `independence` (at least two) and `acyclic` (at least one) contracts take
//! `modules = [...]`. `allowed` contracts take `source` and `allowed` (crates,
//! modules and presets that `source` may import; `std`, `core`, `alloc` and
//! `source` itself always are).
//!
//! Code map: [`parse`] (in `validate.rs`) checks everything that needs no
//! workspace and reports every error at once; [`load`] (`load.rs`) finds the
//! one configuration of a workspace; `pattern.rs` parses and matches module
//! references; `position.rs` turns byte offsets into line and column;
//! `suggest.rs` finds "did you mean" candidates. Whether a `source`,
//! `layers` or `modules` entry names an existing module is checked later,
//! against the workspace.

mod load;
mod pattern;
mod position;
mod suggest;
mod validate;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

use crate::scan::Pos;

pub use load::load;
pub use validate::parse;

/// A parsed, validated configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The file it was read from (as given to [`parse`]).
    pub file: PathBuf,
    /// Contracts in file order.
    pub contracts: Vec<Contract>,
}

/// One `[[contracts]]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    /// Unique name.
    pub name: String,
    /// Where the `[[contracts]]` table starts (its header, or the `{` of an
    /// inline table).
    pub pos: Pos,
    /// The rule itself.
    pub kind: ContractKind,
    /// `allow_indirect` (default false).
    pub allow_indirect: bool,
    /// `include_dev` (default true).
    pub include_dev: bool,
    /// `ignore` entries.
    pub ignore: Vec<IgnoreRule>,
    /// `unmatched_ignores = "error" | "warn"` (default error).
    pub unmatched_ignores: Severity,
    /// `reason`: why the rule exists.
    pub reason: Option<String>,
    /// `help`: what to do instead.
    pub help: Option<String>,
}

/// How a finding is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    /// Fails the check.
    #[default]
    Error,
    /// Reported, does not fail the check.
    Warn,
}

/// The four contract types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContractKind {
    /// `type = "forbidden"`.
    Forbidden {
        /// Modules that must not import...
        source: Vec<ModulePattern>,
        /// ...these (presets expanded; each expanded entry has
        /// `preset = Some(..)` and the position of the `"@preset"` entry).
        forbidden: Vec<ModulePattern>,
    },
    /// `type = "layers"`, top layer first; each layer holds one or more
    /// independent siblings (`"a | b"`).
    Layers {
        /// The layers, top first.
        layers: Vec<Vec<ModulePattern>>,
    },
    /// `type = "independence"`.
    Independence {
        /// Modules none of which may import another.
        modules: Vec<ModulePattern>,
    },
    /// `type = "acyclic"`.
    Acyclic {
        /// Modules whose children must form no cycle.
        modules: Vec<ModulePattern>,
    },
    /// `type = "allowed"`: an allow-list.
    Allowed {
        /// Modules that may import only...
        source: Vec<ModulePattern>,
        /// ...these (presets expanded), `std`, `core`, `alloc` and modules
        /// inside `source`.
        allowed: Vec<ModulePattern>,
    },
}

impl ContractKind {
    /// The `type` string: `forbidden`, `layers`, `independence`, `acyclic`,
    /// `allowed`.
    pub fn type_name(&self) -> &'static str {
        match self {
            ContractKind::Allowed { .. } => "allowed",
            ContractKind::Forbidden { .. } => "forbidden",
            ContractKind::Layers { .. } => "layers",
            ContractKind::Independence { .. } => "independence",
            ContractKind::Acyclic { .. } => "acyclic",
        }
    }
}

/// One segment of a [`ModulePattern`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternSegment {
    /// A literal name.
    Name(String),
    /// `*`: exactly one segment.
    One,
    /// `**`: any number of segments, zero included.
    Any,
}

/// A module reference such as `shop_domain::model`, `app::*::domain` or
/// `sqlx`: it names the module and everything inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModulePattern {
    /// The text as written (after preset expansion: the preset's entry).
    pub text: String,
    /// Parsed segments.
    pub segments: Vec<PatternSegment>,
    /// Position of the string in the config file.
    pub pos: Pos,
    /// The preset it came from (`Some("infrastructure")` for an entry of
    /// `@infrastructure`).
    pub preset: Option<String>,
}

/// An `ignore` entry, `"importer -> imported"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoreRule {
    /// The text as written.
    pub text: String,
    /// Left side.
    pub importer: ModulePattern,
    /// Right side.
    pub imported: ModulePattern,
    /// Position of the string in the config file.
    pub pos: Pos,
}

/// A configuration error: where and what, and what to do about it.
///
/// Displayed as `file:line:column: message`; the help is rendered separately
/// by the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{}:{}: {message}", file.display(), pos.line, pos.column)]
pub struct ConfigError {
    /// The config file.
    pub file: PathBuf,
    /// Where the offending entry is.
    pub pos: Pos,
    /// What is wrong.
    pub message: String,
    /// What to do instead.
    pub help: Option<String>,
}

/// Where in a file the configuration lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The whole of a `terrace.toml`.
    Root,
    /// `[workspace.metadata.terrace]` of a `Cargo.toml`.
    WorkspaceMetadata,
    /// `[package.metadata.terrace]` of a `Cargo.toml`.
    PackageMetadata,
}

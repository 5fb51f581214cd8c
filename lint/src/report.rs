//! The results of a check as typed values. Every format (human, JSON, ...)
//! is a renderer of these; nothing here prints.

/// A stable, kebab-case code for each kind of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A `forbidden` contract's source imports a forbidden crate or module.
    ForbiddenImport,
    /// A `layers` contract: a lower layer imports a higher one, or siblings
    /// import each other.
    LayerViolation,
    /// An `independence` contract: one of the modules imports another.
    IndependenceViolation,
    /// An `acyclic` contract: children of a module import each other in a
    /// cycle.
    ImportCycle,
    /// An `allowed` contract's source imports something not on its list.
    DisallowedImport,
    /// An `ignore` entry that removed nothing.
    UnmatchedIgnore,
}

impl Code {
    /// Every code, for listings and uniqueness tests.
    pub const ALL: [Code; 6] = [
        Code::ForbiddenImport,
        Code::LayerViolation,
        Code::IndependenceViolation,
        Code::ImportCycle,
        Code::DisallowedImport,
        Code::UnmatchedIgnore,
    ];

    /// The code as written in reports.
    ///
    /// ```
    /// assert_eq!(terrace_lint::report::Code::ImportCycle.as_str(), "import-cycle");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Code::ForbiddenImport => "forbidden-import",
            Code::LayerViolation => "layer-violation",
            Code::IndependenceViolation => "independence-violation",
            Code::ImportCycle => "import-cycle",
            Code::DisallowedImport => "disallowed-import",
            Code::UnmatchedIgnore => "unmatched-ignore",
        }
    }
}

/// One import site on a chain: `importer` names `imported` at a location.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Link {
    /// The module (or crate, for manifest entries) that imports.
    pub importer: String,
    /// What it imports, by package name for crates (`sqlx::PgPool`).
    pub imported: String,
    /// File relative to the workspace root, `/`-separated.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column in Unicode scalar values.
    pub column: u32,
}

/// Which entry of the configuration one end of a violation matched: why
/// the import is a violation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    /// The module or crate (the violation's importer or imported).
    pub module: String,
    /// The role of the entry: `source`, `forbidden`, `layer`, `modules`,
    /// or `not-allowed` when an `allowed` list matched nothing.
    pub role: &'static str,
    /// For `layer`: which one, 1-based, top first.
    pub layer: Option<usize>,
    /// The entry as written (a preset's entry for presets); `None` when
    /// nothing matched (`not allowed`).
    pub entry: Option<String>,
    /// The preset the entry comes from (`infrastructure` for an entry of
    /// `@infrastructure`).
    pub preset: Option<String>,
    /// 1-based line of the entry in the configuration file (of the
    /// `"@preset"` string for preset entries; of the contract otherwise).
    pub line: u32,
    /// 1-based column of the entry.
    pub column: u32,
}

/// A broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// What kind of finding.
    pub code: Code,
    /// The contract's name.
    pub contract: String,
    /// The contract's type (`forbidden`, `layers`, ...).
    pub contract_type: &'static str,
    /// The importing module (first link's importer).
    pub importer: String,
    /// The forbidden target (last link's imported).
    pub imported: String,
    /// Location of the first link.
    pub file: String,
    /// 1-based line of the first link.
    pub line: u32,
    /// 1-based column of the first link.
    pub column: u32,
    /// Every link: one for a direct import, several for an indirect one, the
    /// whole cycle for an import cycle; empty for an unmatched ignore.
    pub chain: Vec<Link>,
    /// True when this finding does not fail the check (`unmatched_ignores = "warn"`).
    pub warning: bool,
    /// The contract's `reason`: why the rule exists.
    pub reason: Option<String>,
    /// The contract's `help`: what to do instead.
    pub help: Option<String>,
    /// The configuration entries the importer and the imported matched.
    pub matched: Vec<Matched>,
}

/// The outcome of one contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractResult {
    /// The contract's name.
    pub name: String,
    /// The contract's type.
    pub contract_type: &'static str,
    /// Number of violations (warnings excluded).
    pub violations: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// The contract's `reason`: why the rule exists.
    pub reason: Option<String>,
    /// The contract's `help`: what to do instead.
    pub help: Option<String>,
}

impl ContractResult {
    /// True when the contract holds.
    pub fn kept(&self) -> bool {
        self.violations == 0
    }
}

/// A file that could not be read or scanned completely.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileError {
    /// File relative to the workspace root, `/`-separated.
    pub file: String,
    /// 1-based line (1 when the whole file is at fault).
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// What is wrong.
    pub message: String,
}

/// Everything a check found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// One entry per contract, in configuration order.
    pub contracts: Vec<ContractResult>,
    /// Sorted by file, line, column, contract.
    pub violations: Vec<Violation>,
    /// Files that could not be read or scanned completely, sorted.
    pub errors: Vec<FileError>,
    /// Number of source files read.
    pub files: usize,
}

impl Report {
    /// True when no contract is broken and no file failed.
    pub fn passed(&self) -> bool {
        self.errors.is_empty() && self.violations.iter().all(|v| v.warning)
    }

    /// Number of contracts kept.
    pub fn kept(&self) -> usize {
        self.contracts.iter().filter(|c| c.kept()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            assert!(s.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{s}");
        }
    }
}

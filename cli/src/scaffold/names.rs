//! Validation of the names `terrace new` and `terrace add aggregate` are
//! given, and the names derived from them (crate names, type, module and
//! accessor names). Pure: no I/O.

use std::fmt;

/// Rust keywords (strict and reserved, every edition): a crate, module or
/// field cannot be named after one.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names cargo refuses or that clash with the standard crates.
const RESERVED_CRATES: &[&str] = &["test", "std", "core", "alloc", "proc_macro", "terrace"];

/// Names Windows reserves for devices: a directory cannot be named after one.
const WINDOWS_DEVICES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Types an aggregate cannot be named after: the generated code names them
/// (`App`, `ServiceError`) or they are in the prelude.
const RESERVED_TYPES: &[&str] = &[
    "App",
    "AppUow",
    "ServiceError",
    "ApiError",
    "Error",
    "Result",
    "Option",
    "Some",
    "None",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Self",
];

/// Modules the generated crates already have: an aggregate's module cannot
/// take one of these names.
const RESERVED_MODULES: &[&str] = &[
    "lib",
    "main",
    "mod",
    "tests",
    "unit_of_work",
    "error",
    "api",
];

/// A name that was refused, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameError {
    /// What was being named: "project", "aggregate", "field".
    pub what: &'static str,
    /// The name as given.
    pub name: String,
    /// Why it was refused.
    pub reason: String,
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A field is given as `name:type`: the whole of it is quoted.
        let noun = if self.what == "field" { "" } else { " name" };
        write!(
            f,
            "invalid {}{noun} `{}`: {}",
            self.what, self.name, self.reason
        )
    }
}

impl std::error::Error for NameError {}

/// A validated project name: the package prefix (`my-shop`) and the crate
/// prefix used in Rust paths and `terrace.toml` (`my_shop`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectName {
    /// As given, used for package names: `my-shop-domain`.
    pub package: String,
    /// With `-` written `_`, used for crate paths: `my_shop_domain`.
    pub ident: String,
}

/// Checks a project name like `cargo new` does: not empty, no path
/// separators or traversal, ASCII letters, digits, `-` and `_`, not starting
/// with a digit or `-`, not a keyword, a reserved crate or a Windows device
/// name.
///
/// ```
/// use terrace_cli::scaffold::names::project;
///
/// assert_eq!(project("my-shop").unwrap().ident, "my_shop");
/// assert_eq!(project("fn").unwrap_err().reason, "it is a Rust keyword");
/// assert_eq!(project("../x").unwrap_err().reason, "it contains `..` (path traversal)");
/// ```
///
/// # Errors
///
/// [`NameError`] saying which rule the name breaks.
pub fn project(name: &str) -> Result<ProjectName, NameError> {
    let err = |reason: &str| NameError {
        what: "project",
        name: name.to_owned(),
        reason: reason.to_owned(),
    };
    common(name).map_err(|r| err(&r))?;
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(err(&format!(
            "`{c}` is not allowed: use ASCII letters, digits, `-` and `_`"
        )));
    }
    if name.starts_with('-') {
        return Err(err("it cannot start with `-`"));
    }
    let ident = name.replace('-', "_");
    if KEYWORDS.contains(&ident.as_str()) {
        return Err(err("it is a Rust keyword"));
    }
    if RESERVED_CRATES.contains(&ident.as_str()) {
        return Err(err("it is the name of a standard or reserved crate"));
    }
    if WINDOWS_DEVICES.contains(&name.to_ascii_lowercase().as_str()) {
        return Err(err("it is a reserved device name on Windows"));
    }
    Ok(ProjectName {
        package: name.to_owned(),
        ident,
    })
}

/// The rules every name shares: not empty, no separators, no traversal, no
/// leading digit.
fn common(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("it is empty".to_owned());
    }
    if name == "." || name == ".." || name.contains("..") {
        return Err("it contains `..` (path traversal)".to_owned());
    }
    if name.contains(['/', '\\']) {
        return Err("it contains a path separator".to_owned());
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return Err("it cannot start with a digit".to_owned());
    }
    Ok(())
}

/// A validated aggregate: its type, module, accessor and route names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AggregateName {
    /// The type: `OrderLine`.
    pub type_name: String,
    /// The module and snake-case name: `order_line`.
    pub module: String,
    /// The repository accessor the derive generates: `order_lines`.
    pub accessor: String,
    /// In prose: `order line`.
    pub human: String,
}

/// Checks an aggregate name given in `CamelCase` (`OrderLine`) or
/// `snake_case` (`order_line`) and derives the other names from it.
///
/// ```
/// let order = terrace_cli::scaffold::names::aggregate("order_line").unwrap();
/// assert_eq!(
///     (order.type_name.as_str(), order.module.as_str(), order.accessor.as_str()),
///     ("OrderLine", "order_line", "order_lines")
/// );
/// ```
///
/// # Errors
///
/// [`NameError`] when it is not an identifier, is a keyword or names a
/// type or module the generated code already has.
pub fn aggregate(name: &str) -> Result<AggregateName, NameError> {
    let err = |reason: &str| NameError {
        what: "aggregate",
        name: name.to_owned(),
        reason: reason.to_owned(),
    };
    common(name).map_err(|r| err(&r))?;
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
    {
        return Err(err(&format!(
            "`{c}` is not allowed: use ASCII letters, digits and `_` (`OrderLine` or `order_line`)"
        )));
    }
    if name.starts_with('_') {
        return Err(err("it cannot start with `_`"));
    }
    if KEYWORDS.contains(&name) {
        return Err(err("it is a Rust keyword"));
    }
    let type_name = if name.starts_with(|c: char| c.is_ascii_uppercase()) && !name.contains('_') {
        name.to_owned()
    } else {
        camel_case(name)
    };
    let module = snake_case(&type_name);
    if KEYWORDS.contains(&module.as_str()) {
        return Err(err(&format!(
            "its module name `{module}` is a Rust keyword"
        )));
    }
    if RESERVED_TYPES.contains(&type_name.as_str()) {
        return Err(err(&format!(
            "the generated code already uses the type name `{type_name}`"
        )));
    }
    if RESERVED_MODULES.contains(&module.as_str()) {
        return Err(err(&format!(
            "the generated crates already have a module `{module}`"
        )));
    }
    Ok(AggregateName {
        accessor: plural(&module),
        human: module.replace('_', " "),
        type_name,
        module,
    })
}

/// The field types `--field` accepts: they serialize to JSON and have a
/// sample value for the generated tests.
const SCALARS: &[&str] = &["String", "bool", "i32", "i64", "u32", "u64", "f64"];

/// A validated field of an aggregate.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The field's name.
    pub name: String,
    /// Its Rust type.
    pub ty: String,
    /// A Rust expression of that type, for the generated tests.
    pub sample_rust: String,
    /// The same value in JSON, for the generated HTTP tests.
    pub sample_json: String,
}

/// Parses `name:type` (`qty:u32`, `note:Option<String>`).
///
/// # Errors
///
/// [`NameError`] when the name is not a snake-case identifier or is
/// reserved (`id`, `version`), or the type is not one of the supported
/// ones.
pub fn field(spec: &str) -> Result<Field, NameError> {
    let (name, ty) = spec.split_once(':').unwrap_or((spec, ""));
    let (name, ty) = (name.trim(), ty.replace(' ', ""));
    let err = |reason: String| NameError {
        what: "field",
        name: spec.to_owned(),
        reason,
    };
    if ty.is_empty() {
        return Err(err(
            "write it as `name:type`, e.g. `--field qty:u32`".to_owned()
        ));
    }
    common(name).map_err(&err)?;
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        || name.starts_with('_')
    {
        return Err(err(format!(
            "`{name}` is not a snake-case identifier (lowercase ASCII letters, digits and `_`)"
        )));
    }
    if KEYWORDS.contains(&name) {
        return Err(err(format!("`{name}` is a Rust keyword")));
    }
    if name == "id" || name == "version" {
        return Err(err(format!(
            "`{name}` is generated for every aggregate (its identity and version)"
        )));
    }
    let (sample_rust, sample_json) = sample(&ty).ok_or_else(|| {
        err(format!(
            "type `{ty}` is not supported: use one of {}, or `Option<T>` / `Vec<T>` of them",
            SCALARS.join(", ")
        ))
    })?;
    Ok(Field {
        name: name.to_owned(),
        ty,
        sample_rust,
        sample_json,
    })
}

/// A sample value of a supported type: (Rust expression, JSON).
fn sample(ty: &str) -> Option<(String, String)> {
    if let Some(inner) = ty.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) {
        return SCALARS
            .contains(&inner)
            .then(|| ("None".to_owned(), "null".to_owned()));
    }
    if let Some(inner) = ty.strip_prefix("Vec<").and_then(|t| t.strip_suffix('>')) {
        return SCALARS
            .contains(&inner)
            .then(|| ("Vec::new()".to_owned(), "[]".to_owned()));
    }
    let (rust, json) = match ty {
        "String" => ("\"example\".to_owned()", "\"example\""),
        "bool" => ("true", "true"),
        "i32" | "i64" | "u32" | "u64" => ("7", "7"),
        "f64" => ("1.5", "1.5"),
        _ => return None,
    };
    Some((rust.to_owned(), json.to_owned()))
}

/// `order_line` → `OrderLine`.
fn camel_case(name: &str) -> String {
    name.split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// `OrderLine` → `order_line`, as the derives compute it.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let after_lower =
                i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let acronym_end = i > 0
                && chars[i - 1].is_uppercase()
                && chars.get(i + 1).is_some_and(|next| next.is_lowercase());
            if after_lower || acronym_end {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The plural the derives give a repository accessor: `product` →
/// `products`, `batch` → `batches`, `category` → `categories`.
pub fn plural(name: &str) -> String {
    if name.ends_with('s') || name.ends_with('x') || name.ends_with("ch") || name.ends_with("sh") {
        format!("{name}es")
    } else if let Some(stem) = name.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'i', 'o', 'u'])
    {
        format!("{stem}ies")
    } else {
        format!("{name}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(r: Result<impl fmt::Debug, NameError>) -> String {
        r.expect_err("refused").reason
    }

    #[test]
    fn project_names_follow_cargo_new() {
        assert_eq!(
            project("my-shop").unwrap(),
            ProjectName {
                package: "my-shop".into(),
                ident: "my_shop".into()
            }
        );
        assert_eq!(reason(project("")), "it is empty");
        assert_eq!(reason(project("fn")), "it is a Rust keyword");
        assert_eq!(reason(project("1shop")), "it cannot start with a digit");
        assert_eq!(reason(project("a/b")), "it contains a path separator");
        assert_eq!(reason(project("a\\b")), "it contains a path separator");
        assert_eq!(reason(project("..")), "it contains `..` (path traversal)");
        assert_eq!(
            reason(project("test")),
            "it is the name of a standard or reserved crate"
        );
        assert_eq!(reason(project("-x")), "it cannot start with `-`");
        assert_eq!(
            reason(project("nul")),
            "it is a reserved device name on Windows"
        );
        assert_eq!(
            reason(project("caf\u{e9}")),
            "`\u{e9}` is not allowed: use ASCII letters, digits, `-` and `_`"
        );
    }

    #[test]
    fn aggregate_names_in_either_case() {
        let order_line = AggregateName {
            type_name: "OrderLine".into(),
            module: "order_line".into(),
            accessor: "order_lines".into(),
            human: "order line".into(),
        };
        assert_eq!(aggregate("OrderLine").unwrap(), order_line);
        assert_eq!(aggregate("order_line").unwrap(), order_line);
        assert_eq!(aggregate("batch").unwrap().accessor, "batches");
        assert_eq!(aggregate("Category").unwrap().accessor, "categories");
        assert_eq!(
            reason(aggregate("Type")),
            "its module name `type` is a Rust keyword"
        );
        assert_eq!(reason(aggregate("struct")), "it is a Rust keyword");
        assert_eq!(
            reason(aggregate("App")),
            "the generated code already uses the type name `App`"
        );
        assert_eq!(
            reason(aggregate("UnitOfWork")),
            "the generated crates already have a module `unit_of_work`"
        );
        assert_eq!(reason(aggregate("9lives")), "it cannot start with a digit");
        assert_eq!(
            reason(aggregate("../x")),
            "it contains `..` (path traversal)"
        );
    }

    #[test]
    fn fields_have_a_supported_type() {
        let f = field("qty:u32").unwrap();
        assert_eq!((f.name.as_str(), f.ty.as_str()), ("qty", "u32"));
        assert_eq!(field("note:Option<String>").unwrap().sample_json, "null");
        assert_eq!(field("tags: Vec<String>").unwrap().ty, "Vec<String>");
        assert_eq!(
            reason(field("qty")),
            "write it as `name:type`, e.g. `--field qty:u32`"
        );
        assert_eq!(
            reason(field("id:String")),
            "`id` is generated for every aggregate (its identity and version)"
        );
        assert_eq!(reason(field("type:String")), "`type` is a Rust keyword");
        assert!(
            reason(field("at:std::time::Instant"))
                .starts_with("type `std::time::Instant` is not supported")
        );
        assert!(reason(field("Qty:u32")).contains("not a snake-case identifier"));
    }
}

//! From TOML text to a validated [`Config`]: every rule that can be checked
//! without the workspace, every error collected with its position.

use std::collections::HashMap;
use std::path::Path;

use toml_edit::{Document, Item, TableLike, TomlError, Value};

use super::position::LineIndex;
use super::suggest::{did_you_mean, list};
use super::{
    Config, ConfigError, Contract, ContractKind, IgnoreRule, ModulePattern, PatternSegment,
    Section, Severity,
};
use crate::presets;
use crate::scan::Pos;

/// Parses and validates a configuration (everything that can be checked
/// without the workspace), reporting every error found.
///
/// `file` is only used to label the result and the errors; `text` is the
/// whole file, so positions are relative to it even when the configuration
/// is a metadata table inside a larger `Cargo.toml`.
///
/// ```
/// use std::path::Path;
/// use terrace_lint::config::{parse, ContractKind, Section};
///
/// let text = r#"
/// [[contracts]]
/// name = "domain-is-pure"
/// type = "forbidden"
/// source = ["shop_domain"]
/// forbidden = ["sqlx"]
/// "#;
/// let config = parse(Path::new("terrace.toml"), text, Section::Root).unwrap();
/// assert_eq!(config.contracts[0].name, "domain-is-pure");
/// assert!(matches!(config.contracts[0].kind, ContractKind::Forbidden { .. }));
///
/// let text = "[[contracts]]\nname = \"a\"\ntype = \"acyclic\"\nmodules = [\"app\"]\nmodule = 1\n";
/// let errors = parse(Path::new("terrace.toml"), text, Section::Root).unwrap_err();
/// assert_eq!(errors[0].message, "unknown key `module` in contract `a`");
/// assert_eq!((errors[0].pos.line, errors[0].pos.column), (5, 1));
/// ```
pub fn parse(file: &Path, text: &str, section: Section) -> Result<Config, Vec<ConfigError>> {
    match Document::parse(text) {
        Ok(doc) => parse_document(file, text, &doc, section),
        Err(error) => Err(vec![syntax_error(file, text, &error)]),
    }
}

/// [`parse`] for an already parsed document of `text`.
pub(crate) fn parse_document(
    file: &Path,
    text: &str,
    doc: &Document<&str>,
    section: Section,
) -> Result<Config, Vec<ConfigError>> {
    let mut cx = Cx {
        file,
        lines: LineIndex::new(text),
        errors: Vec::new(),
    };
    let contracts = build(&mut cx, doc, section);
    if cx.errors.is_empty() {
        Ok(Config {
            file: file.to_owned(),
            contracts,
        })
    } else {
        // Document order; errors at the same place keep the order found.
        cx.errors.sort_by_key(|e| e.pos);
        Err(cx.errors)
    }
}

/// The error for TOML that does not parse.
pub(crate) fn syntax_error(file: &Path, text: &str, error: &TomlError) -> ConfigError {
    let lines = LineIndex::new(text);
    ConfigError {
        file: file.to_owned(),
        pos: lines.span_pos(error.span(), START),
        message: format!("invalid TOML: {}", error.message()),
        help: None,
    }
}

/// The start of a file.
pub(crate) const START: Pos = Pos { line: 1, column: 1 };

impl Section {
    fn path(self) -> &'static [&'static str] {
        match self {
            Section::Root => &[],
            Section::WorkspaceMetadata => &["workspace", "metadata", "terrace"],
            Section::PackageMetadata => &["package", "metadata", "terrace"],
        }
    }

    /// How messages name the section: `` `[workspace.metadata.terrace]` ``.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Section::Root => "the configuration",
            Section::WorkspaceMetadata => "`[workspace.metadata.terrace]`",
            Section::PackageMetadata => "`[package.metadata.terrace]`",
        }
    }
}

/// The item of `section` in `doc` and the byte span of where it is defined
/// (its header, its key or its `{`), when the document has it.
pub(crate) fn section_item<'d>(
    doc: &'d Document<&str>,
    section: Section,
) -> Option<(&'d Item, Option<std::ops::Range<usize>>)> {
    let mut item = doc.as_item();
    let mut key_span = None;
    for key in section.path() {
        let table = item.as_table_like()?;
        let (key, next) = table.get_key_value(key)?;
        key_span = key.span();
        item = next;
    }
    Some((item, item.span().or(key_span)))
}

/// The string entries of an array with their positions.
struct StringArray<'i> {
    entries: Vec<(&'i str, Pos)>,
    /// Entries, strings or not.
    len: usize,
    /// Position of the array.
    pos: Pos,
}

/// The error collector.
struct Cx<'a> {
    file: &'a Path,
    lines: LineIndex<'a>,
    errors: Vec<ConfigError>,
}

impl Cx<'_> {
    fn error(&mut self, pos: Pos, message: String, help: Option<String>) {
        self.errors.push(ConfigError {
            file: self.file.to_owned(),
            pos,
            message,
            help,
        });
    }

    fn item_pos(&self, item: &Item, fallback: Pos) -> Pos {
        self.lines.span_pos(item.span(), fallback)
    }

    fn value_pos(&self, value: &Value, fallback: Pos) -> Pos {
        self.lines.span_pos(value.span(), fallback)
    }

    fn key_pos(&self, table: &dyn TableLike, key: &str, fallback: Pos) -> Pos {
        self.lines
            .span_pos(table.key(key).and_then(|k| k.span()), fallback)
    }

    /// A string value, or an error naming `key`.
    fn string<'i>(&mut self, item: &'i Item, key: &str, fallback: Pos) -> Option<(&'i str, Pos)> {
        let pos = self.item_pos(item, fallback);
        match item.as_str() {
            Some(s) => Some((s, pos)),
            None => {
                self.error(
                    pos,
                    format!("`{key}` must be a string, found {}", item_kind(item)),
                    None,
                );
                None
            }
        }
    }

    /// A boolean value, or an error naming `key`.
    fn boolean(&mut self, item: &Item, key: &str, fallback: Pos) -> Option<bool> {
        let value = item.as_bool();
        if value.is_none() {
            let pos = self.item_pos(item, fallback);
            self.error(
                pos,
                format!("`{key}` must be a boolean, found {}", item_kind(item)),
                None,
            );
        }
        value
    }

    /// An array of strings: its string entries with their positions and its
    /// length (non-string entries are errors and left out).
    fn strings<'i>(&mut self, item: &'i Item, key: &str, fallback: Pos) -> Option<StringArray<'i>> {
        let pos = self.item_pos(item, fallback);
        let Some(array) = item.as_array() else {
            self.error(
                pos,
                format!(
                    "`{key}` must be an array of strings, found {}",
                    item_kind(item)
                ),
                None,
            );
            return None;
        };
        let mut entries = Vec::with_capacity(array.len());
        for value in array.iter() {
            let entry_pos = self.value_pos(value, pos);
            match value.as_str() {
                Some(s) => entries.push((s, entry_pos)),
                None => self.error(
                    entry_pos,
                    format!(
                        "entries of `{key}` must be strings, found {}",
                        value_kind(value)
                    ),
                    None,
                ),
            }
        }
        Some(StringArray {
            entries,
            len: array.len(),
            pos,
        })
    }

    /// A module reference written in the configuration.
    fn pattern(&mut self, text: &str, pos: Pos, help: &str) -> Option<ModulePattern> {
        if text.trim_start().starts_with('@') {
            self.error(
                pos,
                format!(
                    "`{}` is a preset: presets can only be used in `forbidden` and `allowed`",
                    text.trim()
                ),
                Some("list the modules themselves here".to_owned()),
            );
            return None;
        }
        match ModulePattern::parse(text, pos) {
            Ok(pattern) => Some(pattern),
            Err(message) => {
                self.error(pos, message, Some(help.to_owned()));
                None
            }
        }
    }
}

const PATTERN_HELP: &str = "a module reference is a Rust path whose first segment is a crate \
     name, such as `shop_domain::model`; `*` matches one segment, `**` any number";

const LAYER_HELP: &str = "a layer is a module reference, or independent siblings separated by \
     `|` such as `\"app::billing | app::shipping\"`";

const IGNORE_HELP: &str =
    "write `importer -> imported`, such as `\"shop_domain::legacy -> sea_orm\"`";

const TOP_KEYS: &[&str] = &["contracts", "presets"];

/// Builds the contracts of `section`, reporting errors to `cx`.
fn build(cx: &mut Cx, doc: &Document<&str>, section: Section) -> Vec<Contract> {
    let (table, table_pos) = match section {
        Section::Root => (doc.as_table() as &dyn TableLike, START),
        _ => {
            let Some((item, span)) = section_item(doc, section) else {
                cx.error(
                    START,
                    format!("no {} table in this file", section.describe()),
                    Some("add the table, or write the configuration in `terrace.toml`".to_owned()),
                );
                return Vec::new();
            };
            let pos = cx.lines.span_pos(span, START);
            match item.as_table_like() {
                Some(table) => (table, pos),
                None => {
                    cx.error(
                        pos,
                        format!(
                            "{} must be a table, found {}",
                            section.describe(),
                            item_kind(item)
                        ),
                        None,
                    );
                    return Vec::new();
                }
            }
        }
    };

    let place = match section {
        Section::Root => "at the top level of the configuration".to_owned(),
        _ => format!("in {}", section.describe()),
    };
    for (key, _) in table.iter() {
        if !TOP_KEYS.contains(&key) {
            let pos = cx.key_pos(table, key, table_pos);
            cx.error(
                pos,
                format!("unknown key `{key}` {place}"),
                Some(format!(
                    "{}valid keys: {}",
                    did_you_mean(key, TOP_KEYS, ""),
                    list(TOP_KEYS, "")
                )),
            );
        }
    }

    let mut presets = Presets::new();
    if let Some(item) = table.get("presets") {
        let key_pos = cx.key_pos(table, "presets", table_pos);
        presets.read(cx, item, key_pos);
        presets.resolve(cx);
    }

    let Some(item) = table.get("contracts") else {
        return Vec::new();
    };
    let key_pos = cx.key_pos(table, "contracts", table_pos);
    let mut names = HashMap::new();
    contract_tables(cx, item, key_pos)
        .into_iter()
        .enumerate()
        .filter_map(|(i, (contract, pos))| {
            build_contract(cx, &presets, contract, pos, i + 1, &mut names)
        })
        .collect()
}

/// The tables of `contracts`: `[[contracts]]` or an inline array of inline
/// tables.
fn contract_tables<'d>(cx: &mut Cx, item: &'d Item, key_pos: Pos) -> Vec<(&'d dyn TableLike, Pos)> {
    let help = || Some("write each contract as a `[[contracts]]` table".to_owned());
    match item {
        Item::ArrayOfTables(tables) => tables
            .iter()
            .map(|t| (t as &dyn TableLike, cx.lines.span_pos(t.span(), key_pos)))
            .collect(),
        Item::Value(Value::Array(array)) => {
            let mut tables = Vec::new();
            for value in array.iter() {
                let pos = cx.value_pos(value, key_pos);
                match value {
                    Value::InlineTable(t) => tables.push((t as &dyn TableLike, pos)),
                    other => cx.error(
                        pos,
                        format!(
                            "entries of `contracts` must be tables, found {}",
                            value_kind(other)
                        ),
                        help(),
                    ),
                }
            }
            tables
        }
        other => {
            let pos = cx.item_pos(other, key_pos);
            cx.error(
                pos,
                format!(
                    "`contracts` must be an array of tables, found {}",
                    item_kind(other)
                ),
                help(),
            );
            Vec::new()
        }
    }
}

/// The contract types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    Forbidden,
    Layers,
    Independence,
    Acyclic,
    Allowed,
}

const TYPE_NAMES: &[&str] = &["forbidden", "layers", "independence", "acyclic", "allowed"];

const ALL_KEYS: &[&str] = &[
    "name",
    "type",
    "source",
    "forbidden",
    "allowed",
    "layers",
    "modules",
    "allow_indirect",
    "include_dev",
    "ignore",
    "unmatched_ignores",
    "reason",
    "help",
];

impl Type {
    const ALL: [Type; 5] = [
        Type::Forbidden,
        Type::Layers,
        Type::Independence,
        Type::Acyclic,
        Type::Allowed,
    ];

    fn from_name(name: &str) -> Option<Type> {
        Type::ALL.into_iter().find(|t| t.name() == name)
    }

    fn name(self) -> &'static str {
        match self {
            Type::Forbidden => "forbidden",
            Type::Layers => "layers",
            Type::Independence => "independence",
            Type::Acyclic => "acyclic",
            Type::Allowed => "allowed",
        }
    }

    /// "a `layers` contract", "an `acyclic` contract".
    fn a_contract(self) -> String {
        let article = match self {
            Type::Independence | Type::Acyclic | Type::Allowed => "an",
            Type::Forbidden | Type::Layers => "a",
        };
        format!("{article} `{}` contract", self.name())
    }

    fn keys(self) -> &'static [&'static str] {
        match self {
            Type::Forbidden => &[
                "name",
                "type",
                "source",
                "forbidden",
                "allow_indirect",
                "include_dev",
                "ignore",
                "unmatched_ignores",
                "reason",
                "help",
            ],
            Type::Layers => &[
                "name",
                "type",
                "layers",
                "allow_indirect",
                "include_dev",
                "ignore",
                "unmatched_ignores",
                "reason",
                "help",
            ],
            Type::Allowed => &[
                "name",
                "type",
                "source",
                "allowed",
                "include_dev",
                "ignore",
                "unmatched_ignores",
                "reason",
                "help",
            ],
            Type::Independence | Type::Acyclic => &[
                "name",
                "type",
                "modules",
                "include_dev",
                "ignore",
                "unmatched_ignores",
                "reason",
                "help",
            ],
        }
    }
}

/// `` `a` ``, `` `a` and `b` ``, `` `a`, `b` and `c` ``.
fn and_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => format!("`{one}`"),
        [rest @ .., last] => format!("{} and `{last}`", list(rest, "")),
    }
}

fn build_contract(
    cx: &mut Cx,
    presets: &Presets,
    table: &dyn TableLike,
    pos: Pos,
    number: usize,
    names: &mut HashMap<String, Pos>,
) -> Option<Contract> {
    let errors_before = cx.errors.len();
    let name_help = "add `name = \"...\"`: a unique name that reports and ignores refer to";

    let name = match table.get("name") {
        None => {
            cx.error(
                pos,
                format!("missing key `name` in contract #{number}"),
                Some(name_help.to_owned()),
            );
            None
        }
        Some(item) => match cx.string(item, "name", pos) {
            Some(("", name_pos)) => {
                cx.error(
                    name_pos,
                    format!("empty name in contract #{number}"),
                    Some(name_help.to_owned()),
                );
                None
            }
            Some((name, name_pos)) => {
                if let Some(first) = names.get(name) {
                    cx.error(
                        name_pos,
                        format!("duplicate contract name `{name}`"),
                        Some(format!(
                            "contract names must be unique; the first contract named `{name}` \
                             is at line {}",
                            first.line
                        )),
                    );
                } else {
                    names.insert(name.to_owned(), name_pos);
                }
                Some(name)
            }
            None => None,
        },
    };
    let label = name.map_or_else(
        || format!("contract #{number}"),
        |name| format!("contract `{name}`"),
    );

    let ty = match table.get("type") {
        None => {
            cx.error(
                pos,
                format!("missing key `type` in {label}"),
                Some(format!(
                    "add `type = \"...\"`, one of {}",
                    list(TYPE_NAMES, "")
                )),
            );
            None
        }
        Some(item) => match cx.string(item, "type", pos) {
            Some((text, type_pos)) => {
                let ty = Type::from_name(text);
                if ty.is_none() {
                    cx.error(
                        type_pos,
                        format!("unknown contract type `{text}` in {label}"),
                        Some(format!(
                            "{}valid types: {}",
                            did_you_mean(text, TYPE_NAMES, ""),
                            list(TYPE_NAMES, "")
                        )),
                    );
                }
                ty
            }
            None => None,
        },
    };

    // Unknown keys. Without a known type, every contract key is accepted
    // here so that only real typos are reported.
    let valid = ty.map_or(ALL_KEYS, Type::keys);
    for (key, _) in table.iter() {
        if valid.contains(&key) {
            continue;
        }
        let key_pos = cx.key_pos(table, key, pos);
        match ty {
            Some(ty) if ALL_KEYS.contains(&key) => {
                let applies: Vec<&str> = Type::ALL
                    .into_iter()
                    .filter(|t| t.keys().contains(&key))
                    .map(Type::name)
                    .collect();
                cx.error(
                    key_pos,
                    format!(
                        "key `{key}` does not apply to {} ({label})",
                        ty.a_contract()
                    ),
                    Some(format!(
                        "`{key}` applies to {} contracts; valid keys for {}: {}",
                        and_list(&applies),
                        ty.a_contract(),
                        list(ty.keys(), "")
                    )),
                );
            }
            Some(ty) => cx.error(
                key_pos,
                format!("unknown key `{key}` in {label}"),
                Some(format!(
                    "{}valid keys for {}: {}",
                    did_you_mean(key, ty.keys(), ""),
                    ty.a_contract(),
                    list(ty.keys(), "")
                )),
            ),
            None => cx.error(
                key_pos,
                format!("unknown key `{key}` in {label}"),
                Some(format!(
                    "{}valid keys: {}",
                    did_you_mean(key, ALL_KEYS, ""),
                    list(ALL_KEYS, "")
                )),
            ),
        }
    }

    let allowed = |key: &str| valid.contains(&key);
    let mut allow_indirect = false;
    if let Some(item) = table
        .get("allow_indirect")
        .filter(|_| allowed("allow_indirect"))
    {
        allow_indirect = cx.boolean(item, "allow_indirect", pos).unwrap_or(false);
    }
    let mut include_dev = true;
    if let Some(item) = table.get("include_dev") {
        include_dev = cx.boolean(item, "include_dev", pos).unwrap_or(true);
    }
    let mut ignore = Vec::new();
    if let Some(item) = table.get("ignore")
        && let Some(array) = cx.strings(item, "ignore", pos)
    {
        ignore = array
            .entries
            .into_iter()
            .filter_map(|(text, pos)| ignore_rule(cx, text, pos))
            .collect();
    }
    let mut unmatched_ignores = Severity::Error;
    if let Some(item) = table.get("unmatched_ignores")
        && let Some((text, value_pos)) = cx.string(item, "unmatched_ignores", pos)
    {
        match text {
            "error" => unmatched_ignores = Severity::Error,
            "warn" => unmatched_ignores = Severity::Warn,
            _ => cx.error(
                value_pos,
                format!("invalid value `{text}` for `unmatched_ignores`"),
                Some(format!(
                    "{}expected `error` or `warn`",
                    did_you_mean(text, &["error", "warn"], "")
                )),
            ),
        }
    }
    let mut text_field = |key: &str| {
        table
            .get(key)
            .and_then(|item| cx.string(item, key, pos))
            .map(|(s, _)| s.to_owned())
    };
    let reason = text_field("reason");
    let help = text_field("help");

    let kind = match ty {
        Some(Type::Forbidden) => {
            let source = list_of_patterns(
                cx,
                table,
                "source",
                1,
                &label,
                pos,
                "list the modules that must not import `forbidden`, such as \
                 `source = [\"shop_domain\"]`",
            );
            let forbidden = forbidden_entries(cx, presets, table, &label, pos);
            source
                .zip(forbidden)
                .map(|(source, forbidden)| ContractKind::Forbidden { source, forbidden })
        }
        Some(Type::Layers) => {
            layers(cx, table, &label, pos).map(|layers| ContractKind::Layers { layers })
        }
        Some(Type::Independence) => {
            let help = "list the modules that must not import one another, such as \
                        `modules = [\"app::billing\", \"app::shipping\"]` or \
                        `modules = [\"app::contexts::*\"]`";
            list_of_patterns(cx, table, "modules", 1, &label, pos, help).and_then(|modules| {
                // One entry is enough when a wildcard names several modules.
                let wildcard = modules.iter().any(|m| {
                    m.segments
                        .iter()
                        .any(|s| !matches!(s, PatternSegment::Name(_)))
                });
                if modules.len() == 1 && !wildcard {
                    cx.error(
                        modules[0].pos,
                        format!("`modules` needs at least 2 entries in {label}, found 1"),
                        Some(help.to_owned()),
                    );
                    return None;
                }
                Some(ContractKind::Independence { modules })
            })
        }
        Some(Type::Acyclic) => list_of_patterns(
            cx,
            table,
            "modules",
            1,
            &label,
            pos,
            "list the modules whose children must form no cycle, such as \
             `modules = [\"app\"]`",
        )
        .map(|modules| ContractKind::Acyclic { modules }),
        Some(Type::Allowed) => {
            let source = list_of_patterns(
                cx,
                table,
                "source",
                1,
                &label,
                pos,
                "list the modules whose imports are restricted, such as \
                 `source = [\"shop_domain\"]`",
            );
            let allowed = module_list_with_presets(
                cx,
                presets,
                table,
                "allowed",
                0,
                &label,
                pos,
                "list the crates and modules that `source` may import besides `std`, \
                 `core`, `alloc` and itself, such as `allowed = [\"serde\", \"thiserror\"]`",
            );
            source
                .zip(allowed)
                .map(|(source, allowed)| ContractKind::Allowed { source, allowed })
        }
        None => None,
    };

    if cx.errors.len() > errors_before {
        return None;
    }
    Some(Contract {
        name: name?.to_owned(),
        pos,
        kind: kind?,
        allow_indirect,
        include_dev,
        ignore,
        unmatched_ignores,
        reason,
        help,
    })
}

/// The string entries of a required array `key` with at least `min`
/// entries: missing, not an array, too short are errors.
fn required_strings<'t>(
    cx: &mut Cx,
    table: &'t dyn TableLike,
    key: &str,
    min: usize,
    label: &str,
    pos: Pos,
    help: &str,
) -> Option<Vec<(&'t str, Pos)>> {
    let Some(item) = table.get(key) else {
        cx.error(
            pos,
            format!("missing key `{key}` in {label}"),
            Some(help.to_owned()),
        );
        return None;
    };
    let StringArray {
        entries,
        len,
        pos: array_pos,
    } = cx.strings(item, key, pos)?;
    if len < min {
        let message = if len == 0 {
            format!("`{key}` is empty in {label}")
        } else {
            format!("`{key}` needs at least {min} entries in {label}, found {len}")
        };
        cx.error(array_pos, message, Some(help.to_owned()));
        return None;
    }
    Some(entries)
}

fn list_of_patterns(
    cx: &mut Cx,
    table: &dyn TableLike,
    key: &str,
    min: usize,
    label: &str,
    pos: Pos,
    help: &str,
) -> Option<Vec<ModulePattern>> {
    let entries = required_strings(cx, table, key, min, label, pos, help)?;
    let patterns: Vec<_> = entries
        .iter()
        .filter_map(|&(text, pos)| cx.pattern(text, pos, PATTERN_HELP))
        .collect();
    (patterns.len() == entries.len()).then_some(patterns)
}

fn layers(
    cx: &mut Cx,
    table: &dyn TableLike,
    label: &str,
    pos: Pos,
) -> Option<Vec<Vec<ModulePattern>>> {
    let entries = required_strings(
        cx,
        table,
        "layers",
        2,
        label,
        pos,
        "list the layers top to bottom, such as \
         `layers = [\"app::entrypoints\", \"app::service_layer\", \"app::domain\"]`",
    )?;
    let mut layers = Vec::with_capacity(entries.len());
    let mut ok = true;
    for (text, pos) in entries {
        let mut layer = Vec::new();
        // Each sibling is located at its own name inside the string (exact
        // for strings without escapes, which module names never need).
        let mut before = 0usize;
        for part in text.split('|') {
            let lead = part.chars().take_while(|c| c.is_whitespace()).count();
            let column = pos.column as usize + 1 + before + lead;
            before += part.chars().count() + 1;
            let part_pos = Pos {
                line: pos.line,
                column: u32::try_from(column).unwrap_or(pos.column),
            };
            match cx.pattern(part, part_pos, LAYER_HELP) {
                Some(pattern) => layer.push(pattern),
                None => ok = false,
            }
        }
        layers.push(layer);
    }
    ok.then_some(layers)
}

fn forbidden_entries(
    cx: &mut Cx,
    presets: &Presets,
    table: &dyn TableLike,
    label: &str,
    pos: Pos,
) -> Option<Vec<ModulePattern>> {
    module_list_with_presets(
        cx,
        presets,
        table,
        "forbidden",
        1,
        label,
        pos,
        "list the crates and modules that `source` must not import, such as \
         `forbidden = [\"sqlx\", \"@infrastructure\"]`",
    )
}

/// A required array `key` of module references and `@preset`s, presets
/// expanded (each expanded entry keeps the position of its `"@preset"`).
#[allow(clippy::too_many_arguments)]
fn module_list_with_presets(
    cx: &mut Cx,
    presets: &Presets,
    table: &dyn TableLike,
    key: &str,
    min: usize,
    label: &str,
    pos: Pos,
    help: &str,
) -> Option<Vec<ModulePattern>> {
    let entries = required_strings(cx, table, key, min, label, pos, help)?;
    let mut forbidden = Vec::with_capacity(entries.len());
    let mut ok = true;
    for (text, pos) in entries {
        let Some(name) = text.trim().strip_prefix('@') else {
            match ModulePattern::parse(text, pos) {
                Ok(pattern) => forbidden.push(pattern),
                Err(message) => {
                    cx.error(pos, message, Some(PATTERN_HELP.to_owned()));
                    ok = false;
                }
            }
            continue;
        };
        match presets.lookup(name) {
            Lookup::Found(patterns) => forbidden.extend(patterns.iter().map(|p| ModulePattern {
                pos,
                preset: Some(name.to_owned()),
                ..p.clone()
            })),
            // Already reported where the preset is defined.
            Lookup::Broken => ok = false,
            Lookup::Unknown => {
                cx.error(
                    pos,
                    format!("unknown preset `@{name}` in {label}"),
                    Some(presets.unknown_help(name)),
                );
                ok = false;
            }
        }
    }
    ok.then_some(forbidden)
}

fn ignore_rule(cx: &mut Cx, text: &str, pos: Pos) -> Option<IgnoreRule> {
    let Some((importer, imported)) = text.split_once("->") else {
        cx.error(
            pos,
            format!("ignore entry `{text}` has no `->`"),
            Some(IGNORE_HELP.to_owned()),
        );
        return None;
    };
    if imported.contains("->") {
        cx.error(
            pos,
            format!("ignore entry `{text}` has more than one `->`"),
            Some(IGNORE_HELP.to_owned()),
        );
        return None;
    }
    let importer = cx.pattern(importer, pos, PATTERN_HELP);
    let imported = cx.pattern(imported, pos, PATTERN_HELP);
    Some(IgnoreRule {
        text: text.to_owned(),
        importer: importer?,
        imported: imported?,
        pos,
    })
}

/// The presets a configuration can use: built-in and its own.
struct Presets {
    builtin: Vec<(&'static str, Vec<ModulePattern>)>,
    user: Vec<UserPreset>,
}

struct UserPreset {
    name: String,
    entries: Vec<PresetEntry>,
    state: State,
    /// Set when the preset is in a cycle or includes a broken preset.
    broken: bool,
    expanded: Vec<ModulePattern>,
}

enum PresetEntry {
    Pattern(ModulePattern),
    Ref { name: String, pos: Pos },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Unvisited,
    Active,
    Done,
}

enum Lookup<'p> {
    Found(&'p [ModulePattern]),
    Broken,
    Unknown,
}

impl Presets {
    fn new() -> Self {
        let builtin = presets::builtin()
            .iter()
            .map(|preset| {
                let patterns = preset
                    .entries
                    .iter()
                    .filter_map(|entry| ModulePattern::parse(entry, START).ok())
                    .collect();
                (preset.name, patterns)
            })
            .collect();
        Presets {
            builtin,
            user: Vec::new(),
        }
    }

    fn is_builtin(&self, name: &str) -> bool {
        self.builtin.iter().any(|(n, _)| *n == name)
    }

    fn user_index(&self, name: &str) -> Option<usize> {
        self.user.iter().position(|p| p.name == name)
    }

    fn known(&self) -> Vec<&str> {
        self.builtin
            .iter()
            .map(|(n, _)| *n)
            .chain(self.user.iter().map(|p| p.name.as_str()))
            .collect()
    }

    fn unknown_help(&self, name: &str) -> String {
        let known = self.known();
        format!(
            "{}known presets: {}",
            did_you_mean(name, &known, "@"),
            list(&known, "@")
        )
    }

    fn lookup(&self, name: &str) -> Lookup<'_> {
        if let Some(preset) = self.user.iter().find(|p| p.name == name) {
            return if preset.broken {
                Lookup::Broken
            } else {
                Lookup::Found(&preset.expanded)
            };
        }
        match self.builtin.iter().find(|(n, _)| *n == name) {
            Some((_, patterns)) => Lookup::Found(patterns),
            None => Lookup::Unknown,
        }
    }

    /// Reads `[presets]`: names to arrays of module references and
    /// `@preset` references.
    fn read(&mut self, cx: &mut Cx, item: &Item, key_pos: Pos) {
        let Some(table) = item.as_table_like() else {
            let pos = cx.item_pos(item, key_pos);
            cx.error(
                pos,
                format!("`presets` must be a table, found {}", item_kind(item)),
                Some(
                    "write `[presets]` with one array per preset, such as \
                      `messaging = [\"lapin\", \"rdkafka\"]`"
                        .to_owned(),
                ),
            );
            return;
        };
        let table_pos = cx.item_pos(item, key_pos);
        for (name, value) in table.iter() {
            let name_pos = cx.key_pos(table, name, table_pos);
            if self.is_builtin(name) {
                cx.error(
                    name_pos,
                    format!("preset `@{name}` is built in"),
                    Some(format!(
                        "choose another name; built-in presets: {}",
                        list(&self.known(), "@")
                    )),
                );
                continue;
            }
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                cx.error(
                    name_pos,
                    format!("invalid preset name `{name}`"),
                    Some("preset names are made of letters, digits, `-` and `_`".to_owned()),
                );
                continue;
            }
            let key = format!("presets.{name}");
            let Some(StringArray {
                entries: strings,
                len,
                pos: array_pos,
            }) = cx.strings(value, &key, name_pos)
            else {
                continue;
            };
            if len == 0 {
                cx.error(
                    array_pos,
                    format!("preset `@{name}` is empty"),
                    Some("list crates and modules in it, or remove it".to_owned()),
                );
            }
            let mut entries = Vec::with_capacity(strings.len());
            for (text, pos) in strings {
                if let Some(reference) = text.trim().strip_prefix('@') {
                    entries.push(PresetEntry::Ref {
                        name: reference.to_owned(),
                        pos,
                    });
                    continue;
                }
                match ModulePattern::parse(text, pos) {
                    Ok(pattern) => entries.push(PresetEntry::Pattern(pattern)),
                    Err(message) => cx.error(pos, message, Some(PATTERN_HELP.to_owned())),
                }
            }
            self.user.push(UserPreset {
                name: name.to_owned(),
                entries,
                state: State::Unvisited,
                broken: false,
                expanded: Vec::new(),
            });
        }
    }

    /// Expands the user presets, reporting unknown references and cycles.
    /// Depth-first with an explicit stack, so that long chains of presets
    /// cannot overflow the call stack.
    fn resolve(&mut self, cx: &mut Cx) {
        for root in 0..self.user.len() {
            if self.user[root].state != State::Unvisited {
                continue;
            }
            self.user[root].state = State::Active;
            // (preset, next entry to visit)
            let mut stack = vec![(root, 0)];
            while let Some(top) = stack.last_mut() {
                let (p, i) = *top;
                let Some(entry) = self.user[p].entries.get(i) else {
                    stack.pop();
                    self.finish(p);
                    continue;
                };
                top.1 += 1;
                let PresetEntry::Ref { name, pos } = entry else {
                    continue;
                };
                let (name, pos) = (name.clone(), *pos);
                match self.user_index(&name) {
                    Some(q) => match self.user[q].state {
                        State::Unvisited => {
                            self.user[q].state = State::Active;
                            stack.push((q, 0));
                        }
                        State::Active => {
                            let from = stack.iter().position(|&(x, _)| x == q).unwrap_or(0);
                            let chain: Vec<&str> = stack[from..]
                                .iter()
                                .map(|&(x, _)| self.user[x].name.as_str())
                                .chain(std::iter::once(name.as_str()))
                                .collect();
                            cx.error(
                                pos,
                                format!(
                                    "preset cycle: {}",
                                    chain
                                        .iter()
                                        .map(|n| format!("`@{n}`"))
                                        .collect::<Vec<_>>()
                                        .join(" -> ")
                                ),
                                Some(
                                    "a preset cannot include itself, directly or through \
                                     other presets: remove one of these references"
                                        .to_owned(),
                                ),
                            );
                            for &(x, _) in &stack[from..] {
                                self.user[x].broken = true;
                            }
                        }
                        State::Done => {}
                    },
                    None if self.is_builtin(&name) => {}
                    None => {
                        let owner = self.user[p].name.clone();
                        cx.error(
                            pos,
                            format!("unknown preset `@{name}` in preset `@{owner}`"),
                            Some(self.unknown_help(&name)),
                        );
                    }
                }
            }
        }
    }

    /// Expands preset `p` once everything it references is expanded.
    fn finish(&mut self, p: usize) {
        let mut expanded = Vec::new();
        let mut broken = self.user[p].broken;
        for entry in &self.user[p].entries {
            match entry {
                PresetEntry::Pattern(pattern) => expanded.push(pattern.clone()),
                PresetEntry::Ref { name, .. } => match self.lookup(name) {
                    Lookup::Found(patterns) => expanded.extend(patterns.iter().cloned()),
                    Lookup::Broken => broken = true,
                    // Reported by `resolve`.
                    Lookup::Unknown => {}
                },
            }
        }
        let preset = &mut self.user[p];
        preset.expanded = expanded;
        preset.broken = broken;
        preset.state = State::Done;
    }
}

/// "a string", "an array", ... for messages.
fn item_kind(item: &Item) -> &'static str {
    match item {
        Item::None => "nothing",
        Item::Value(value) => value_kind(value),
        Item::Table(_) => "a table",
        Item::ArrayOfTables(_) => "an array of tables",
    }
}

fn value_kind(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a float",
        Value::Boolean(_) => "a boolean",
        Value::Datetime(_) => "a datetime",
        Value::Array(_) => "an array",
        Value::InlineTable(_) => "a table",
    }
}

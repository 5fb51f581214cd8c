//! Targets with cargo's rules: explicit `[lib]`, `[[bin]]`, `[[test]]`,
//! `[[example]]`, `[[bench]]` and `package.build`, plus auto-discovery
//! (`src/lib.rs`, `src/main.rs`, `src/bin/`, `tests/`, `examples/`,
//! `benches/`, `build.rs`) unless `package.auto*` turns it off. As in
//! cargo, an edition 2015 package that lists targets of a kind explicitly
//! and does not set `auto*` gets no discovery for that kind.

use std::fs;
use std::path::{Path, PathBuf};

use super::manifest::{Manifest, normalize, tables_of};
use super::toml::{Item, Table};
use super::{Edition, Target, TargetKind, WorkspaceError, seen, seen_is_dir, seen_is_file};

/// A kind of target that can appear many times, with where cargo looks.
struct Family {
    kind: TargetKind,
    /// `[[bin]]`.
    section: &'static str,
    /// `package.autobins`.
    auto_key: &'static str,
    /// `src/bin`.
    dir: &'static str,
}

const FAMILIES: [Family; 4] = [
    Family {
        kind: TargetKind::Bin,
        section: "bin",
        auto_key: "autobins",
        dir: "src/bin",
    },
    Family {
        kind: TargetKind::Test,
        section: "test",
        auto_key: "autotests",
        dir: "tests",
    },
    Family {
        kind: TargetKind::Example,
        section: "example",
        auto_key: "autoexamples",
        dir: "examples",
    },
    Family {
        kind: TargetKind::Bench,
        section: "bench",
        auto_key: "autobenches",
        dir: "benches",
    },
];

/// Every target of the package `name` whose manifest is `manifest`, sorted
/// by kind then name.
pub(super) fn targets(
    manifest: &Manifest,
    name: &str,
    edition: Edition,
) -> Result<Vec<Target>, WorkspaceError> {
    let package = manifest.package().map(|(_, table)| table);
    let auto = |key: &str, section: &str| {
        let flag = package
            .and_then(|package| package.get(key))
            .and_then(Item::as_bool);
        flag.unwrap_or_else(|| edition != Edition::E2015 || manifest.top().get(section).is_none())
    };
    let dir = &manifest.dir;
    let mut out = Vec::new();

    if let Some(lib) = library(manifest, name, auto("autolib", "lib"))? {
        out.push(lib);
    }

    for family in &FAMILIES {
        let mut inferred = Vec::new();
        if family.kind == TargetKind::Bin {
            let main = dir.join("src").join("main.rs");
            if seen_is_file(&main) {
                inferred.push((name.to_owned(), main));
            }
        }
        inferred.extend(infer_directory(&dir.join(family.dir)));
        explicit_and_inferred(
            manifest,
            family,
            inferred,
            auto(family.auto_key, family.section),
            &mut out,
        )?;
    }

    if let Some(build) = build_script(manifest, package) {
        out.push(build);
    }

    out.sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));
    if let Some(pair) = out
        .windows(2)
        .find(|pair| pair[0].kind == pair[1].kind && pair[0].name == pair[1].name)
    {
        return Err(duplicate(manifest, &pair[0], &pair[1]));
    }
    Ok(out)
}

/// Two targets of one kind with one name (`tests/a.rs` and
/// `tests/a/main.rs`, or two `[[bin]]` tables) is an error for cargo.
fn duplicate(manifest: &Manifest, first: &Target, second: &Target) -> WorkspaceError {
    let family = FAMILIES.iter().find(|family| family.kind == first.kind);
    let (section, auto_key) = family.map_or(("bin", "autobins"), |family| {
        (family.section, family.auto_key)
    });
    let relative = |target: &Target| {
        target
            .root
            .strip_prefix(&manifest.dir)
            .unwrap_or(&target.root)
            .display()
            .to_string()
    };
    WorkspaceError {
        file: manifest.path.clone(),
        pos: None,
        message: format!(
            "two {section} targets are named `{}`: `{}` and `{}`",
            first.name,
            relative(first),
            relative(second)
        ),
        help: Some(format!(
            "rename one of them; cargo requires unique target names (or list the targets as \
             `[[{section}]]` with `{auto_key} = false`)",
        )),
    }
}

/// `[lib]`, or `src/lib.rs` when it exists and `autolib` is on.
fn library(
    manifest: &Manifest,
    name: &str,
    autolib: bool,
) -> Result<Option<Target>, WorkspaceError> {
    let lib = manifest.top().get("lib").and_then(Item::as_table);
    let default = manifest.dir.join("src").join("lib.rs");
    let root = match lib.and_then(|lib| lib.get("path")).and_then(Item::as_str) {
        Some(path) => normalize(&manifest.dir.join(path)),
        None if lib.is_some() || (autolib && seen_is_file(&default)) => default,
        None => return Ok(None),
    };
    let name = lib
        .and_then(|lib| lib.get("name"))
        .and_then(Item::as_str)
        .map_or_else(|| name.replace('-', "_"), str::to_owned);
    Ok(Some(Target {
        kind: TargetKind::Lib,
        name,
        root,
        edition: match lib {
            Some(lib) => manifest.edition_of(lib)?,
            None => None,
        },
    }))
}

/// The `name.rs` files and `name/main.rs` directories of `dir`, skipping
/// hidden entries as cargo does.
fn infer_directory(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = fs::read_dir(seen(dir)) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        if file_name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        if seen_is_dir(&path) {
            let main = path.join("main.rs");
            if seen_is_file(&main) {
                found.push((file_name.to_owned(), main));
            }
        } else if let Some(stem) = file_name.strip_suffix(".rs")
            && path.is_file()
        {
            found.push((stem.to_owned(), path));
        }
    }
    found.sort();
    found
}

/// The explicit targets of one family, then the inferred ones that share
/// neither name nor path with an explicit one (when discovery is on).
fn explicit_and_inferred(
    manifest: &Manifest,
    family: &Family,
    inferred: Vec<(String, PathBuf)>,
    auto: bool,
    out: &mut Vec<Target>,
) -> Result<(), WorkspaceError> {
    let explicit = match manifest.top().get(family.section) {
        Some(item) => tables_of(item),
        None => Vec::new(),
    };
    let mut explicit_targets = Vec::new();
    for (table, span) in explicit {
        let name = explicit_name(manifest, family, table, span)?;
        let root = match table.get("path").and_then(Item::as_str) {
            Some(path) => normalize(&manifest.dir.join(path)),
            None => default_path(manifest, family, &name, &inferred),
        };
        explicit_targets.push(Target {
            kind: family.kind,
            name,
            root,
            edition: manifest.edition_of(table)?,
        });
    }
    if auto {
        for (name, root) in inferred {
            let taken = explicit_targets
                .iter()
                .any(|target| target.name == name || target.root == root);
            if !taken {
                out.push(Target {
                    kind: family.kind,
                    name,
                    root,
                    edition: None,
                });
            }
        }
    }
    out.extend(explicit_targets);
    Ok(())
}

fn explicit_name(
    manifest: &Manifest,
    family: &Family,
    table: Table<'_>,
    span: std::ops::Range<usize>,
) -> Result<String, WorkspaceError> {
    match table.get("name").and_then(Item::as_str) {
        Some(name) if !name.is_empty() => Ok(name.to_owned()),
        _ => Err(manifest.error(
            manifest.pos(Some(span)),
            format!("a `[[{}]]` target has no `name`", family.section),
            format!(
                "add `name = \"...\"` to the `[[{}]]` table; cargo requires it",
                family.section
            ),
        )),
    }
}

/// Where cargo looks for an explicit target given without `path`: the
/// discovered file of the same name, else `DIR/NAME.rs`, else
/// `DIR/NAME/main.rs` (the first that exists, else the first).
fn default_path(
    manifest: &Manifest,
    family: &Family,
    name: &str,
    inferred: &[(String, PathBuf)],
) -> PathBuf {
    if let Some((_, path)) = inferred.iter().find(|(found, _)| found == name) {
        return path.clone();
    }
    let dir = manifest.dir.join(family.dir);
    let candidates = [
        dir.join(format!("{name}.rs")),
        dir.join(name).join("main.rs"),
    ];
    candidates
        .iter()
        .find(|path| seen_is_file(path))
        .unwrap_or(&candidates[0])
        .clone()
}

/// `package.build = "path"`, `build.rs` when it exists, nothing for
/// `build = false`.
fn build_script(manifest: &Manifest, package: Option<Table<'_>>) -> Option<Target> {
    let default = manifest.dir.join("build.rs");
    let root = match package.and_then(|package| package.get("build")) {
        Some(item) => {
            // `build = ["a.rs", ..]` (several build scripts, unstable): the
            // first is the one cargo names `build`.
            let first = item
                .as_array()
                .and_then(|mut scripts| scripts.next())
                .and_then(Item::as_str);
            match (item.as_bool(), item.as_str().or(first)) {
                (Some(false), _) => return None,
                (_, Some(path)) => normalize(&manifest.dir.join(path)),
                _ => default,
            }
        }
        None if seen_is_file(&default) => default,
        None => return None,
    };
    Some(Target {
        kind: TargetKind::Build,
        name: "build".to_owned(),
        root,
        edition: None,
    })
}

//! `terrace init`: a commented starter `terrace.toml` guessed from the
//! names of the workspace's crates and modules.
//!
//! Names are split on `_`; the last part that names a layer decides
//! (`shop_domain` is in the domain layer, `http_api` an entrypoint).
//! Layers come from crates when at least two crate layers exist, otherwise
//! from the top-level modules of each library that has two.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use terrace_lint::model::Model;
use terrace_lint::workspace::{TargetKind, Workspace};

/// The book's layers, top first, with the names that suggest each.
const LAYERS: [(&str, &[&str]); 4] = [
    (
        "entrypoints",
        &["entrypoints", "entrypoint", "api", "web", "cli", "http"],
    ),
    (
        "service layer",
        &["service", "services", "service_layer", "application", "app"],
    ),
    (
        "adapters",
        &[
            "adapters",
            "adapter",
            "infrastructure",
            "infra",
            "repository",
            "repositories",
            "db",
            "persistence",
        ],
    ),
    ("domain", &["domain", "model", "models", "core"]),
];

/// Index of the domain layer in [`LAYERS`].
const DOMAIN: usize = 3;

/// The layer a name suggests.
fn layer_of(name: &str) -> Option<usize> {
    let whole = LAYERS.iter().position(|(_, names)| names.contains(&name));
    whole.or_else(|| {
        name.rsplit('_')
            .find_map(|part| LAYERS.iter().position(|(_, names)| names.contains(&part)))
    })
}

/// A module reference and the layer its name suggests.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Guess {
    layer: usize,
    path: String,
}

/// Crates by lib or package name (`-` as `_`) with the layer they suggest.
/// Only packages with a module in the model: a reference to one without
/// (no target found) would be a configuration error.
fn crate_guesses(ws: &Workspace, model: &Model) -> Vec<Guess> {
    let mut out: Vec<Guess> = ws
        .packages
        .iter()
        .filter_map(|p| {
            let path = p.name.replace('-', "_");
            let exists = model.modules.iter().any(|m| m.segments[0] == path);
            layer_of(&path)
                .filter(|_| exists)
                .map(|layer| Guess { layer, path })
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// For each library: its top-level modules with the layer they suggest.
fn module_guesses(model: &Model) -> BTreeMap<String, Vec<Guess>> {
    let mut out: BTreeMap<String, Vec<Guess>> = BTreeMap::new();
    for m in &model.modules {
        let lib = model.targets[m.target].kind == TargetKind::Lib;
        if !lib || m.dev || m.segments.len() != 2 {
            continue;
        }
        if let Some(layer) = layer_of(&m.segments[1]) {
            out.entry(m.segments[0].clone()).or_default().push(Guess {
                layer,
                path: m.path(),
            });
        }
    }
    for list in out.values_mut() {
        list.sort();
        list.dedup();
    }
    out
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("{s:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `layers = [...]` entries, top first, siblings of one layer as `a | b`.
fn layer_entries(guesses: &[Guess]) -> Vec<String> {
    (0..LAYERS.len())
        .filter_map(|l| {
            let names: Vec<&str> = guesses
                .iter()
                .filter(|g| g.layer == l)
                .map(|g| g.path.as_str())
                .collect();
            (!names.is_empty()).then(|| names.join(" | "))
        })
        .collect()
}

fn distinct_layers(guesses: &[Guess]) -> usize {
    let mut layers: Vec<usize> = guesses.iter().map(|g| g.layer).collect();
    layers.dedup();
    layers.len()
}

/// The starter configuration for a workspace and its module graph.
pub fn starter(ws: &Workspace, model: &Model) -> (String, usize) {
    let crates = crate_guesses(ws, model);
    let modules = module_guesses(model);
    let mut out = String::from(
        "# Architecture contracts for `terrace check`, guessed by `terrace init` from the\n\
         # names of the workspace's crates and modules. Review them: rename, add and\n\
         # remove entries until they say what the architecture should be.\n\
         #\n\
         # Contract types: forbidden | layers | independence | acyclic | allowed.\n\
         # Module references start with a crate name (`-` written `_`); `*` matches\n\
         # one segment, `**` any number. `terrace modules` lists the modules,\n\
         # `terrace presets` the built-in presets such as `@infrastructure`.\n",
    );
    let mut count = 0;

    // Purity: the domain, wherever it is, imports no infrastructure.
    let mut pure: Vec<String> = crates
        .iter()
        .filter(|g| g.layer == DOMAIN)
        .map(|g| g.path.clone())
        .collect();
    for (krate, list) in &modules {
        if pure.contains(krate) {
            continue;
        }
        pure.extend(
            list.iter()
                .filter(|g| g.layer == DOMAIN)
                .map(|g| g.path.clone()),
        );
    }
    if !pure.is_empty() {
        count += 1;
        let _ = write!(
            out,
            "\n# The domain model is persistence-ignorant: no database, HTTP, messaging\n\
             # or cloud crate, directly or through other code of the workspace.\n\
             [[contracts]]\n\
             name = \"domain-is-pure\"\n\
             type = \"forbidden\"\n\
             reason = \"the domain model is persistence-ignorant\"\n\
             help = \"declare a trait (a port) in the domain and implement it in an adapter\"\n\
             source = [{}]\n\
             forbidden = [\"@infrastructure\"]\n",
            quoted(&pure)
        );
    }

    // Layers: crates when they show two layers or more, else the modules
    // of each library that does.
    let mut layer_sets: Vec<(String, Vec<String>)> = Vec::new();
    if distinct_layers(&crates) >= 2 {
        layer_sets.push(("layers".to_owned(), layer_entries(&crates)));
    } else {
        for (krate, list) in &modules {
            if distinct_layers(list) >= 2 {
                let name = if modules.values().filter(|l| distinct_layers(l) >= 2).count() == 1 {
                    "layers".to_owned()
                } else {
                    format!("{krate}-layers")
                };
                layer_sets.push((name, layer_entries(list)));
            }
        }
    }
    for (name, entries) in layer_sets {
        count += 1;
        let _ = write!(
            out,
            "\n# Dependencies point inward: entrypoints > service layer > adapters >\n\
             # domain. A layer may import the layers below it, never one above;\n\
             # `a | b` are siblings of one layer that may not import each other.\n\
             [[contracts]]\n\
             name = \"{name}\"\n\
             type = \"layers\"\n\
             reason = \"dependencies point inward\"\n\
             layers = [\n"
        );
        for e in entries {
            let _ = writeln!(out, "    {e:?},");
        }
        out.push_str("]\n");
    }

    if count == 0 {
        out.push_str(
            "\n# No crate or module is named like a layer (entrypoints/api/web/cli/http,\n\
             # service/application/app, adapters/infrastructure/repository/db,\n\
             # domain/model/core), so there is no contract yet. For example:\n",
        );
    } else {
        out.push_str("\n# More contracts to consider:\n");
    }
    out.push_str(
        "#\n\
         # [[contracts]]\n\
         # name = \"contexts\"\n\
         # type = \"independence\"          # none may import another\n\
         # modules = [\"app::billing\", \"app::shipping\"]\n\
         #\n\
         # [[contracts]]\n\
         # name = \"no-cycles\"\n\
         # type = \"acyclic\"               # the children of each module form no cycle\n\
         # modules = [\"app\"]\n",
    );
    (out, count)
}

#[cfg(test)]
mod tests {
    use super::layer_of;

    #[test]
    fn names_suggest_layers() {
        assert_eq!(layer_of("shop_domain"), Some(3));
        assert_eq!(layer_of("core"), Some(3));
        assert_eq!(layer_of("service_layer"), Some(1));
        assert_eq!(layer_of("shop_service_layer"), Some(3 - 2));
        assert_eq!(layer_of("http_api"), Some(0));
        assert_eq!(layer_of("shop_db"), Some(2));
        assert_eq!(layer_of("terrace_cli"), Some(0));
        assert_eq!(layer_of("terrace_lint"), None);
        assert_eq!(layer_of("domain_events"), Some(3));
    }
}

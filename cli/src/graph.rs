//! `terrace graph`: the import graph of the workspace at crate or module
//! level, with the imports that break a contract marked, as data for the
//! DOT and Mermaid renderers.

use std::collections::{BTreeMap, BTreeSet};

use terrace_lint::config::{Config, ContractKind, ModulePattern};
use terrace_lint::model::{ImportTarget, Model};
use terrace_lint::report::Report;

/// How fine the graph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// One node per crate (package).
    Crate,
    /// One node per module.
    Module,
}

/// A node: a crate or module of the workspace, or an external crate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Node {
    /// Its path (`shop_domain`, `shop_domain::model`, `sqlx`).
    pub name: String,
    /// An external crate.
    pub external: bool,
}

/// An edge `from -> to` (indices into [`Graph::nodes`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// Contracts this import breaks, sorted; empty when it breaks none.
    pub broken: Vec<String>,
}

/// Nodes and edges, sorted.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// The node a path belongs to at `level`.
fn node_of(path: &str, level: Level) -> &str {
    match level {
        Level::Crate => path.split("::").next().unwrap_or(path),
        Level::Module => path,
    }
}

/// The patterns a contract names (its modules, in every role).
fn patterns(kind: &ContractKind) -> Vec<&ModulePattern> {
    match kind {
        ContractKind::Forbidden { source, forbidden } => source.iter().chain(forbidden).collect(),
        ContractKind::Allowed { source, allowed } => source.iter().chain(allowed).collect(),
        ContractKind::Layers { layers } => layers.iter().flatten().collect(),
        ContractKind::Independence { modules } | ContractKind::Acyclic { modules } => {
            modules.iter().collect()
        }
    }
}

/// Builds the graph. With `contract`, only the modules that contract names
/// (and those on its broken chains) are drawn, and only its violations are
/// marked.
pub fn build(
    model: &Model,
    report: &Report,
    config: &Config,
    level: Level,
    contract: Option<&str>,
    no_dev: bool,
) -> Graph {
    // Module paths of workspace modules, at the chosen level.
    let mut internal: BTreeSet<String> = BTreeSet::new();
    let mut edges: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    let mut external: BTreeSet<String> = BTreeSet::new();
    for m in &model.modules {
        if no_dev && m.dev {
            continue;
        }
        internal.insert(node_of(&m.path(), level).to_owned());
    }
    for imp in &model.imports {
        let ImportTarget::Module(t) = imp.to else {
            continue;
        };
        let (from, to) = (&model.modules[imp.from], &model.modules[t]);
        if no_dev && (imp.dev || from.dev || to.dev) {
            continue;
        }
        if imp.manifest && level == Level::Module {
            continue;
        }
        let (a, b) = (from.path(), to.path());
        let (a, b) = (node_of(&a, level), node_of(&b, level));
        if a != b {
            edges.entry((a.to_owned(), b.to_owned())).or_default();
        }
    }
    for v in &report.violations {
        if contract.is_some_and(|c| c != v.contract) || v.chain.is_empty() {
            continue;
        }
        for l in &v.chain {
            let a = node_of(&l.importer, level).to_owned();
            let mut b = node_of(&l.imported, level).to_owned();
            if !internal.contains(&b) {
                // An external path, or an item inside a module: its crate,
                // or the longest module that contains it.
                b = longest_known(&l.imported, &internal)
                    .unwrap_or_else(|| l.imported.split("::").next().unwrap_or("").to_owned());
                if !internal.contains(&b) {
                    external.insert(b.clone());
                }
            }
            if a != b {
                edges.entry((a, b)).or_default().insert(v.contract.clone());
            }
        }
    }
    if let Some(name) = contract {
        let named: Vec<&ModulePattern> = config
            .contracts
            .iter()
            .filter(|c| c.name == name)
            .flat_map(|c| patterns(&c.kind))
            .collect();
        let mut keep: BTreeSet<String> = internal
            .iter()
            .filter(|n| {
                let segs: Vec<&str> = n.split("::").collect();
                named.iter().any(|p| p.matches(&segs))
                    || (level == Level::Crate
                        && named.iter().any(|p| {
                            matches!(p.segments.first(),
                                Some(terrace_lint::config::PatternSegment::Name(s)) if s.as_str() == n.as_str())
                        }))
            })
            .cloned()
            .collect();
        for ((a, b), broken) in &edges {
            if !broken.is_empty() {
                keep.insert(a.clone());
                keep.insert(b.clone());
            }
        }
        internal.retain(|n| keep.contains(n));
        edges.retain(|(a, b), _| keep.contains(a) && keep.contains(b));
    }
    let mut nodes: Vec<Node> = internal
        .into_iter()
        .map(|name| Node {
            name,
            external: false,
        })
        .chain(external.into_iter().map(|name| Node {
            name,
            external: true,
        }))
        .collect();
    nodes.sort_by(|a, b| a.name.cmp(&b.name));
    let index: BTreeMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.name.as_str(), i))
        .collect();
    let edges = edges
        .into_iter()
        .filter_map(|((a, b), broken)| {
            Some(Edge {
                from: *index.get(a.as_str())?,
                to: *index.get(b.as_str())?,
                broken: broken.into_iter().collect(),
            })
        })
        .collect();
    Graph { nodes, edges }
}

/// The longest module of `known` that contains `path`.
fn longest_known(path: &str, known: &BTreeSet<String>) -> Option<String> {
    let segs: Vec<&str> = path.split("::").collect();
    (1..=segs.len())
        .rev()
        .map(|n| segs[..n].join("::"))
        .find(|p| known.contains(p))
}

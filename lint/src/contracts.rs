//! Contracts checked against the model: which imports break which rule, with
//! the shortest chain for indirect ones.

use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::config::{Config, Contract, ContractKind, ModulePattern, Severity};
use crate::model::{Import, ImportTarget, Model, ModuleId, ModulePaths};
use crate::report::{Code, ContractResult, Link, Matched, Violation};

/// Checks every contract of `config`; `no_dev` leaves dev code out of all of
/// them. `config_file` is the configuration's path as reports show it.
pub fn check(
    model: &Model,
    config: &Config,
    no_dev: bool,
    config_file: &str,
) -> (Vec<ContractResult>, Vec<Violation>) {
    check_with_paths(model, &model.module_paths(), config, no_dev, config_file)
}

/// [`check`], given the model's [`Model::module_paths`].
pub fn check_with_paths(
    model: &Model,
    paths: &ModulePaths<'_>,
    config: &Config,
    no_dev: bool,
    config_file: &str,
) -> (Vec<ContractResult>, Vec<Violation>) {
    let mut results = Vec::new();
    let mut violations = Vec::new();
    // Contracts without ignores see the same imports: their graph (with
    // dev code or without) is built once.
    let shared: Vec<Option<Graph<'_>>> = [false, true]
        .into_par_iter()
        .map(|include_dev| {
            config
                .contracts
                .iter()
                .any(|c| c.ignore.is_empty() && (c.include_dev && !no_dev) == include_dev)
                .then(|| Graph::new(model, visible_imports(model, include_dev).collect()))
        })
        .collect();
    // Contracts are independent: check them in parallel, report in order.
    let found_per_contract: Vec<Vec<Violation>> = config
        .contracts
        .par_iter()
        .map(|contract| {
            let include_dev = contract.include_dev && !no_dev;
            let shared = shared[usize::from(include_dev)].as_ref();
            Checker::new(model, paths, contract, include_dev, config_file, shared).run()
        })
        .collect();
    for (contract, mut found) in config.contracts.iter().zip(found_per_contract) {
        let broken = found.iter().filter(|v| !v.warning).count();
        results.push(ContractResult {
            name: contract.name.clone(),
            contract_type: contract.kind.type_name(),
            violations: broken,
            warnings: found.len() - broken,
            reason: contract.reason.clone(),
            help: contract.help.clone(),
        });
        violations.append(&mut found);
    }
    violations.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.contract, &a.imported).cmp(&(
            &b.file,
            b.line,
            b.column,
            &b.contract,
            &b.imported,
        ))
    });
    (results, violations)
}

/// Crates every `allowed` contract allows.
const ALWAYS_ALLOWED: [&str; 3] = ["std", "core", "alloc"];

/// Which modules (given by [`Model::module_paths`]) a pattern matches.
pub fn matching_modules(paths: &ModulePaths<'_>, pattern: &ModulePattern) -> Vec<bool> {
    let mut out = vec![false; paths.len()];
    for m in paths.candidates(pattern) {
        out[m] = paths.matches(m, pattern);
    }
    out
}

/// True when an external import path matches the pattern by package name or
/// by the key code uses.
fn external_matches(pattern: &ModulePattern, path: &str, key: &str) -> bool {
    ExternalName::new(path, key).matches(pattern)
}

/// An external import path and the key code names it by, split into
/// segments once for matching against several patterns.
struct ExternalName<'a> {
    path: Vec<&'a str>,
    /// `None` when the key is the path.
    key: Option<Vec<&'a str>>,
}

impl<'a> ExternalName<'a> {
    fn new(path: &'a str, key: &'a str) -> Self {
        ExternalName {
            path: path.split("::").collect(),
            key: (key != path).then(|| key.split("::").collect()),
        }
    }

    /// True when `pattern` matches the path by package name or by key.
    fn matches(&self, pattern: &ModulePattern) -> bool {
        pattern.matches(&self.path) || self.key.as_ref().is_some_and(|k| pattern.matches(k))
    }
}

/// The imports of the model, less dev code unless `include_dev`.
fn visible_imports(model: &Model, include_dev: bool) -> impl Iterator<Item = &Import> {
    model.imports.iter().filter(move |imp| {
        include_dev
            || !(imp.dev
                || model.modules[imp.from].dev
                || matches!(imp.to, ImportTarget::Module(t) if model.modules[t].dev))
    })
}

/// The imports a contract sees and the graph their source-code imports
/// between workspace modules make.
#[derive(Clone)]
struct Graph<'a> {
    imports: Vec<&'a Import>,
    /// Source-code edges between workspace modules: from -> [(to, the
    /// first import from `from` to `to`)], in the order of the imports.
    edges: Adjacency<'a>,
    /// The edges backwards: to -> [(from, the import)], by `from` then
    /// in the order of `edges` (made when first needed).
    reverse: OnceLock<Adjacency<'a>>,
}

impl<'a> Graph<'a> {
    fn new(model: &Model, imports: Vec<&'a Import>) -> Self {
        let n = model.modules.len();
        let sources = imports.iter().filter_map(|imp| match imp.to {
            ImportTarget::Module(t) if !imp.manifest => Some((imp.from, (t, *imp))),
            _ => None,
        });
        let all = Adjacency::grouped(n, sources);
        // Keep the first import of each (from, to): `last_from[to]` is the
        // last module whose list had an edge to `to`.
        let mut last_from = vec![usize::MAX; n];
        let mut at = Vec::with_capacity(n + 1);
        let mut list = Vec::with_capacity(all.list.len());
        for from in 0..n {
            at.push(list.len() as u32);
            for &(to, imp) in all.of(from) {
                if std::mem::replace(&mut last_from[to], from) != from {
                    list.push((to, imp));
                }
            }
        }
        at.push(list.len() as u32);
        Graph {
            imports,
            edges: Adjacency { at, list },
            reverse: OnceLock::new(),
        }
    }

    /// The edges from `m`.
    fn edges(&self, m: ModuleId) -> &[(ModuleId, &'a Import)] {
        self.edges.of(m)
    }

    fn reverse(&self) -> &Adjacency<'a> {
        self.reverse.get_or_init(|| {
            let n = self.edges.at.len() - 1;
            let backwards = (0..n).flat_map(|from| {
                self.edges
                    .of(from)
                    .iter()
                    .map(move |&(to, imp)| (to, (from, imp)))
            });
            Adjacency::grouped(n, backwards)
        })
    }
}

/// Lists of (module, import) for each module, one after the other: module
/// `m`'s is `list[at[m]..at[m + 1]]` (one allocation rather than one per
/// module).
#[derive(Clone)]
struct Adjacency<'a> {
    at: Vec<u32>,
    list: Vec<(ModuleId, &'a Import)>,
}

impl<'a> Adjacency<'a> {
    /// The list of each of `n` modules: `items` (module, entry) grouped by
    /// module, each group in the order of `items`.
    fn grouped<I>(n: usize, items: I) -> Self
    where
        I: Iterator<Item = (ModuleId, (ModuleId, &'a Import))> + Clone,
    {
        let mut at = vec![0u32; n + 1];
        for (m, _) in items.clone() {
            at[m + 1] += 1;
        }
        for m in 0..n {
            at[m + 1] += at[m];
        }
        let mut list = Vec::new();
        if let Some((_, first)) = items.clone().next() {
            let mut next = at.clone();
            list = vec![first; at[n] as usize];
            for (m, entry) in items {
                list[next[m] as usize] = entry;
                next[m] += 1;
            }
        }
        Adjacency { at, list }
    }

    /// The list of module `m`.
    fn of(&self, m: ModuleId) -> &[(ModuleId, &'a Import)] {
        &self.list[self.at[m] as usize..self.at[m + 1] as usize]
    }
}

struct Checker<'a> {
    model: &'a Model,
    paths: &'a ModulePaths<'a>,
    contract: &'a Contract,
    config_file: &'a str,
    /// Imports this contract sees (dev and ignored ones removed), and
    /// their graph.
    graph: Cow<'a, Graph<'a>>,
    unmatched: Vec<usize>,
}

impl<'a> Checker<'a> {
    fn new(
        model: &'a Model,
        paths: &'a ModulePaths<'a>,
        contract: &'a Contract,
        include_dev: bool,
        config_file: &'a str,
        shared: Option<&'a Graph<'a>>,
    ) -> Self {
        if let (true, Some(graph)) = (contract.ignore.is_empty(), shared) {
            return Checker {
                model,
                paths,
                contract,
                config_file,
                graph: Cow::Borrowed(graph),
                unmatched: Vec::new(),
            };
        }
        let ignore_from: Vec<Vec<bool>> = contract
            .ignore
            .iter()
            .map(|i| matching_modules(paths, &i.importer))
            .collect();
        let ignore_to: Vec<Vec<bool>> = contract
            .ignore
            .iter()
            .map(|i| matching_modules(paths, &i.imported))
            .collect();
        let mut used = vec![0usize; contract.ignore.len()];
        let mut imports = Vec::new();
        for imp in visible_imports(model, include_dev) {
            let mut ignored = false;
            for (k, rule) in contract.ignore.iter().enumerate() {
                if !ignore_from[k][imp.from] {
                    continue;
                }
                let hit = match &imp.to {
                    ImportTarget::Module(t) => ignore_to[k][*t],
                    ImportTarget::External(e) => external_matches(&rule.imported, &e.path, &e.key),
                };
                if hit {
                    used[k] += 1;
                    ignored = true;
                }
            }
            if !ignored {
                imports.push(imp);
            }
        }
        let unmatched = used
            .iter()
            .enumerate()
            .filter(|(_, n)| **n == 0)
            .map(|(k, _)| k)
            .collect();
        Checker {
            model,
            paths,
            contract,
            config_file,
            graph: Cow::Owned(Graph::new(model, imports)),
            unmatched,
        }
    }

    fn run(self) -> Vec<Violation> {
        let mut out = match &self.contract.kind {
            ContractKind::Forbidden { source, forbidden } => self.forbidden(source, forbidden),
            ContractKind::Layers { layers } => {
                self.layers(self.layer_groups(layers), Code::LayerViolation)
            }
            ContractKind::Independence { modules } => self.layers(
                self.independent_groups(modules),
                Code::IndependenceViolation,
            ),
            ContractKind::Acyclic { modules } => self.acyclic(modules),
            ContractKind::Allowed { source, allowed } => self.allowed(source, allowed),
        };
        for v in &mut out {
            v.matched = self.explain(v);
        }
        for &k in &self.unmatched {
            let rule = &self.contract.ignore[k];
            out.push(Violation {
                code: Code::UnmatchedIgnore,
                contract: self.contract.name.clone(),
                contract_type: self.contract.kind.type_name(),
                importer: rule.importer.text.clone(),
                imported: rule.imported.text.clone(),
                file: self.config_file.to_owned(),
                line: rule.pos.line,
                column: rule.pos.column,
                chain: Vec::new(),
                warning: self.contract.unmatched_ignores == Severity::Warn,
                reason: self.contract.reason.clone(),
                help: self.contract.help.clone(),
                matched: Vec::new(),
            });
        }
        out
    }

    /// The configuration entry `module` matched in `role`: the most
    /// specific of `patterns` that matches it (the first on a tie).
    fn matched(
        &self,
        module: &str,
        role: &'static str,
        patterns: &[&ModulePattern],
    ) -> Option<Matched> {
        let segs: Vec<&str> = module.split("::").collect();
        let mut best: Option<&ModulePattern> = None;
        for p in patterns {
            if p.matches(&segs) && best.is_none_or(|b| p.segments.len() > b.segments.len()) {
                best = Some(p);
            }
        }
        best.map(|p| Matched {
            module: module.to_owned(),
            role,
            layer: None,
            entry: Some(p.text.clone()),
            preset: p.preset.clone(),
            line: p.pos.line,
            column: p.pos.column,
        })
    }

    /// Why `v` is a violation: the entries its importer and imported matched.
    fn explain(&self, v: &Violation) -> Vec<Matched> {
        let (from, to) = (v.importer.as_str(), v.imported.as_str());
        let mut out = Vec::new();
        match &self.contract.kind {
            ContractKind::Forbidden { source, forbidden } => {
                let source: Vec<&ModulePattern> = source.iter().collect();
                out.extend(self.matched(from, "source", &source));
                // The engine reports the first forbidden entry that matches.
                let segs: Vec<&str> = to.split("::").collect();
                if let Some(p) = forbidden.iter().find(|p| p.matches(&segs)) {
                    out.extend(self.matched(to, "forbidden", &[p]));
                }
            }
            ContractKind::Allowed { source, allowed } => {
                let source: Vec<&ModulePattern> = source.iter().collect();
                out.extend(self.matched(from, "source", &source));
                let _ = allowed;
                out.push(Matched {
                    module: to.to_owned(),
                    role: "not-allowed",
                    layer: None,
                    entry: None,
                    preset: None,
                    line: self.contract.pos.line,
                    column: self.contract.pos.column,
                });
            }
            ContractKind::Layers { layers } => {
                for end in [from, to] {
                    let segs: Vec<&str> = end.split("::").collect();
                    let mut best: Option<(usize, &ModulePattern)> = None;
                    for (i, layer) in layers.iter().enumerate() {
                        for p in layer {
                            if p.matches(&segs)
                                && best.is_none_or(|(_, b)| p.segments.len() > b.segments.len())
                            {
                                best = Some((i, p));
                            }
                        }
                    }
                    if let Some((i, p)) = best {
                        out.extend(self.matched(end, "layer", &[p]).map(|m| Matched {
                            layer: Some(i + 1),
                            ..m
                        }));
                    }
                }
            }
            ContractKind::Independence { modules } | ContractKind::Acyclic { modules } => {
                let modules: Vec<&ModulePattern> = modules.iter().collect();
                out.extend(self.matched(from, "modules", &modules));
                out.extend(self.matched(to, "modules", &modules));
            }
        }
        out
    }

    fn link(&self, imp: &Import) -> Link {
        Link {
            importer: self.model.modules[imp.from].path(),
            imported: self.model.display(&imp.to),
            file: self.model.files[imp.file].rel.clone(),
            line: imp.pos.line,
            column: imp.pos.column,
        }
    }

    fn violation(&self, code: Code, chain: Vec<Link>) -> Violation {
        let first = &chain[0];
        let last = &chain[chain.len() - 1];
        Violation {
            code,
            contract: self.contract.name.clone(),
            contract_type: self.contract.kind.type_name(),
            importer: first.importer.clone(),
            imported: last.imported.clone(),
            file: first.file.clone(),
            line: first.line,
            column: first.column,
            chain,
            warning: false,
            reason: self.contract.reason.clone(),
            help: self.contract.help.clone(),
            matched: Vec::new(),
        }
    }

    /// Follows `next` pointers from `start` to build a chain that begins
    /// with `first`.
    fn chain_from(&self, first: &Import, next: &[Option<&Import>]) -> Vec<Link> {
        let mut chain = vec![self.link(first)];
        let mut cur = match first.to {
            ImportTarget::Module(t) => t,
            ImportTarget::External(_) => return chain,
        };
        let mut guard = 0;
        while let Some(imp) = next[cur] {
            chain.push(self.link(imp));
            guard += 1;
            match imp.to {
                ImportTarget::Module(t) if guard <= self.model.modules.len() => cur = t,
                _ => break,
            }
        }
        chain
    }

    /// Multi-source reverse breadth-first search: for every module allowed
    /// as an intermediate (`through`), the next import on a shortest path to
    /// a hit. `hits` are (module, the import that reaches the target).
    fn reverse_bfs(
        &self,
        hits: &[(ModuleId, &'a Import)],
        through: &[bool],
        reverse: &Adjacency<'a>,
    ) -> ShortestPaths<'a> {
        let n = self.model.modules.len();
        let mut paths = ShortestPaths {
            next: vec![None; n],
            dist: vec![usize::MAX; n],
        };
        let mut queue = VecDeque::new();
        for &(m, imp) in hits {
            if paths.next[m].is_none() {
                paths.next[m] = Some(imp);
                paths.dist[m] = 1;
                queue.push_back(m);
            }
        }
        while let Some(v) = queue.pop_front() {
            for &(pred, imp) in reverse.of(v) {
                if through[pred] && paths.next[pred].is_none() {
                    paths.next[pred] = Some(imp);
                    paths.dist[pred] = paths.dist[v] + 1;
                    queue.push_back(pred);
                }
            }
        }
        paths
    }

    /// The chain from `m` that enters the intermediates at the module
    /// closest to a hit (ties: the first such import of `m`).
    fn shortest_chain_from(
        &self,
        m: ModuleId,
        through: &[bool],
        paths: &ShortestPaths<'a>,
    ) -> Option<Vec<Link>> {
        let (_, first) = self
            .graph
            .edges(m)
            .iter()
            .filter(|(to, _)| through[*to] && paths.next[*to].is_some())
            .min_by_key(|(to, _)| paths.dist[*to])?;
        Some(self.chain_from(first, &paths.next))
    }

    fn forbidden(&self, source: &[ModulePattern], forbidden: &[ModulePattern]) -> Vec<Violation> {
        let n = self.model.modules.len();
        let mut in_source = vec![false; n];
        for p in source {
            for (m, hit) in matching_modules(self.paths, p).into_iter().enumerate() {
                in_source[m] |= hit;
            }
        }
        // The first forbidden entry each module matches.
        let mut first_forbidden: Vec<Option<usize>> = vec![None; n];
        for (f, p) in forbidden.iter().enumerate() {
            for m in self.paths.candidates(p) {
                if first_forbidden[m].is_none() && self.paths.matches(m, p) {
                    first_forbidden[m] = Some(f);
                }
            }
        }
        let in_forbidden: Vec<bool> = first_forbidden.iter().map(Option::is_some).collect();
        // The first forbidden entry an import reaches, if any (external
        // paths repeat: each is matched against the entries once).
        let mut external: HashMap<(&str, &str), Option<usize>> = HashMap::new();
        let mut target_of = |imp: &'a Import| -> Option<usize> {
            match &imp.to {
                ImportTarget::Module(t) => first_forbidden[*t],
                ImportTarget::External(e) => *external
                    .entry((e.path.as_str(), e.key.as_str()))
                    .or_insert_with(|| {
                        let name = ExternalName::new(&e.path, &e.key);
                        forbidden.iter().position(|p| name.matches(p))
                    }),
            }
        };
        let mut out = Vec::new();
        // Hits of modules that may be intermediates, per forbidden entry.
        let mut hits: HashMap<usize, Vec<(ModuleId, &Import)>> = HashMap::new();
        for imp in &self.graph.imports {
            if in_forbidden[imp.from] {
                continue;
            }
            let Some(f) = target_of(imp) else { continue };
            if in_source[imp.from] {
                out.push(self.violation(Code::ForbiddenImport, vec![self.link(imp)]));
            } else if !imp.manifest {
                hits.entry(f).or_default().push((imp.from, *imp));
            }
        }
        if self.contract.allow_indirect || hits.is_empty() {
            return out;
        }
        let through: Vec<bool> = (0..n).map(|m| !in_source[m] && !in_forbidden[m]).collect();
        let reverse = self.graph.reverse();
        let mut keys: Vec<usize> = hits.keys().copied().collect();
        keys.sort_unstable();
        for f in keys {
            let paths = self.reverse_bfs(&hits[&f], &through, reverse);
            for m in (0..n).filter(|&m| in_source[m] && !in_forbidden[m]) {
                if let Some(chain) = self.shortest_chain_from(m, &through, &paths) {
                    out.push(self.violation(Code::ForbiddenImport, chain));
                }
            }
        }
        out
    }

    /// Every direct import (manifest entries included) from a module inside
    /// `source` of something that is neither in `allowed`, nor `std`,
    /// `core` or `alloc`, nor inside `source`.
    fn allowed(&self, source: &[ModulePattern], allowed: &[ModulePattern]) -> Vec<Violation> {
        let n = self.model.modules.len();
        let mut in_source = vec![false; n];
        let mut in_allowed = vec![false; n];
        for (patterns, set) in [(source, &mut in_source), (allowed, &mut in_allowed)] {
            for p in patterns {
                for (m, hit) in matching_modules(self.paths, p).into_iter().enumerate() {
                    set[m] |= hit;
                }
            }
        }
        let mut out = Vec::new();
        for imp in &self.graph.imports {
            if !in_source[imp.from] {
                continue;
            }
            let ok = match &imp.to {
                ImportTarget::Module(t) => in_source[*t] || in_allowed[*t],
                ImportTarget::External(e) => {
                    let root = e.path.split("::").next().unwrap_or(&e.path);
                    ALWAYS_ALLOWED.contains(&root)
                        || allowed.iter().any(|p| external_matches(p, &e.path, &e.key))
                }
            };
            if !ok {
                out.push(self.violation(Code::DisallowedImport, vec![self.link(imp)]));
            }
        }
        out
    }

    /// The most specific layer entry matching each module: (layer, sibling).
    fn layer_groups(&self, layers: &[Vec<ModulePattern>]) -> Vec<Option<(usize, usize)>> {
        let n = self.model.modules.len();
        let mut group: Vec<Option<(usize, usize)>> = vec![None; n];
        let mut specificity = vec![0usize; n];
        for (li, layer) in layers.iter().enumerate() {
            for (si, p) in layer.iter().enumerate() {
                for (m, hit) in matching_modules(self.paths, p).into_iter().enumerate() {
                    if hit && (group[m].is_none() || p.segments.len() > specificity[m]) {
                        group[m] = Some((li, si));
                        specificity[m] = p.segments.len();
                    }
                }
            }
        }
        group
    }

    /// Independence: every listed module (each module a wildcard names
    /// counts on its own) is a sibling in one layer; modules inside it
    /// belong to it.
    fn independent_groups(&self, modules: &[ModulePattern]) -> Vec<Option<(usize, usize)>> {
        let listed = self.listed(modules);
        let mut group = vec![None; self.model.modules.len()];
        let mut k = 0;
        // Parents come before their children in the module list.
        for m in 0..group.len() {
            if listed[m] {
                group[m] = Some((0, k));
                k += 1;
            } else if let Some(p) = self.model.modules[m].parent {
                group[m] = group[p];
            }
        }
        group
    }

    /// Layers (top first, each a group of siblings) and independence (one
    /// layer of siblings), given each module's (layer, sibling).
    fn layers(&self, group: Vec<Option<(usize, usize)>>, code: Code) -> Vec<Violation> {
        let n = self.model.modules.len();
        let forbidden = |from: (usize, usize), to: (usize, usize)| {
            to.0 < from.0 || (to.0 == from.0 && to.1 != from.1)
        };
        let mut out = Vec::new();
        for imp in &self.graph.imports {
            let ImportTarget::Module(t) = imp.to else {
                continue;
            };
            if let (Some(a), Some(b)) = (group[imp.from], group[t])
                && forbidden(a, b)
            {
                out.push(self.violation(code, vec![self.link(imp)]));
            }
        }
        if self.contract.allow_indirect {
            return out;
        }
        let through: Vec<bool> = group.iter().map(Option::is_none).collect();
        let reverse = self.graph.reverse();
        let mut groups: Vec<(usize, usize)> = group.iter().flatten().copied().collect();
        groups.sort_unstable();
        groups.dedup();
        for g in groups {
            let hits: Vec<(ModuleId, &Import)> = (0..n)
                .filter(|&m| through[m])
                .flat_map(|m| self.graph.edges(m).iter().map(move |e| (m, e)))
                .filter(|(_, (to, _))| group[*to] == Some(g))
                .map(|(m, &(_, imp))| (m, imp))
                .collect();
            if hits.is_empty() {
                continue;
            }
            let paths = self.reverse_bfs(&hits, &through, reverse);
            for (m, a) in group.iter().enumerate() {
                let Some(a) = *a else { continue };
                if !forbidden(a, g) {
                    continue;
                }
                if let Some(chain) = self.shortest_chain_from(m, &through, &paths) {
                    out.push(self.violation(code, chain));
                }
            }
        }
        out
    }

    fn acyclic(&self, modules: &[ModulePattern]) -> Vec<Violation> {
        let listed = self.listed(modules);
        // An import between two different children of a listed module is
        // an edge of that module's graph; that module is the importer's and
        // the imported's lowest common ancestor.
        let tree = Tree::of(self.model);
        let mut by_parent: Vec<Vec<(ModuleId, ModuleId, &Import)>> =
            vec![Vec::new(); self.model.modules.len()];
        for imp in &self.graph.imports {
            let ImportTarget::Module(t) = imp.to else {
                continue;
            };
            if imp.manifest {
                continue;
            }
            if let Some((parent, a, b)) = tree.split_at_common_ancestor(imp.from, t)
                && listed[parent]
            {
                by_parent[parent].push((a, b, *imp));
            }
        }
        // The graphs of different modules are independent: searched in
        // parallel, reported in the order of the modules.
        let found: Vec<Vec<Violation>> = by_parent
            .par_iter()
            .filter(|edges| !edges.is_empty())
            .map(|edges| {
                let mut out = Vec::new();
                self.cycles_under(edges, &mut out);
                out
            })
            .collect();
        found.into_iter().flatten().collect()
    }

    /// The modules a list of references names: for each pattern, the
    /// outermost modules it matches (`app::*` names each child of `app`;
    /// `app` names `app` itself, not the modules inside it).
    fn listed(&self, patterns: &[ModulePattern]) -> Vec<bool> {
        let n = self.model.modules.len();
        let mut listed = vec![false; n];
        for p in patterns {
            let matched = matching_modules(self.paths, p);
            for m in 0..n {
                if matched[m] && self.model.modules[m].parent.is_none_or(|q| !matched[q]) {
                    listed[m] = true;
                }
            }
        }
        listed
    }

    fn cycles_under(&self, edges: &[(ModuleId, ModuleId, &'a Import)], out: &mut Vec<Violation>) {
        let mut children: Vec<ModuleId> = edges.iter().flat_map(|&(a, b, _)| [a, b]).collect();
        // Each child once (by number, cheaply), then in the order of their
        // paths (children of one module: no two have the same).
        children.sort_unstable();
        children.dedup();
        children.sort_by(|a, b| {
            self.model.modules[*a]
                .segments
                .cmp(&self.model.modules[*b].segments)
        });
        let index: crate::summary::IntMap<ModuleId, usize> =
            children.iter().enumerate().map(|(i, &c)| (c, i)).collect();
        // Collapsed edges between children, each with its first import.
        let mut adj: Vec<Vec<(usize, &Import)>> = vec![Vec::new(); children.len()];
        for &(a, b, imp) in edges {
            let (a, b) = (index[&a], index[&b]);
            if !adj[a].iter().any(|(x, _)| *x == b) {
                adj[a].push((b, imp));
            }
        }
        let mut in_scc = vec![false; adj.len()];
        let mut search = CycleSearch::new(adj.len());
        for scc in tarjan(&adj) {
            if scc.len() < 2 {
                continue;
            }
            let mut best: Option<Vec<&Import>> = None;
            let mut members = scc.clone();
            members.sort_unstable();
            for &m in &members {
                in_scc[m] = true;
            }
            for &start in &members {
                if let Some(cycle) = search.shortest_cycle(start, &adj, &in_scc)
                    && best.as_ref().is_none_or(|b| cycle.len() < b.len())
                {
                    best = Some(cycle);
                }
            }
            for &m in &members {
                in_scc[m] = false;
            }
            if let Some(cycle) = best {
                let chain = cycle.iter().map(|imp| self.link(imp)).collect();
                out.push(self.violation(Code::ImportCycle, chain));
            }
        }
    }
}

/// Shortest paths to a set of hits: for every module that reaches one, the
/// next import on a shortest path and the number of imports on it.
struct ShortestPaths<'a> {
    next: Vec<Option<&'a Import>>,
    dist: Vec<usize>,
}

/// The module tree in two arrays, for walks up it that touch nothing
/// else of the modules.
struct Tree {
    /// Each module's parent (`NO_PARENT` for target roots).
    parent: Vec<u32>,
    /// Each module's number of segments.
    depth: Vec<u32>,
}

const NO_PARENT: u32 = u32::MAX;

impl Tree {
    fn of(model: &Model) -> Tree {
        let modules = &model.modules;
        Tree {
            parent: modules
                .iter()
                .map(|m| m.parent.map_or(NO_PARENT, |p| p as u32))
                .collect(),
            depth: modules.iter().map(|m| m.segments.len() as u32).collect(),
        }
    }

    fn parent(&self, m: ModuleId) -> Option<ModuleId> {
        let p = self.parent[m];
        (p != NO_PARENT).then_some(p as ModuleId)
    }

    /// For modules `a` and `b` neither of which contains the other: their
    /// lowest common ancestor and the children of it that contain each.
    fn split_at_common_ancestor(
        &self,
        a: ModuleId,
        b: ModuleId,
    ) -> Option<(ModuleId, ModuleId, ModuleId)> {
        let depth = |m: ModuleId| self.depth[m];
        let (mut x, mut y) = (a, b);
        let (mut px, mut py) = (None, None);
        while depth(x) > depth(y) {
            px = Some(x);
            x = self.parent(x)?;
        }
        while depth(y) > depth(x) {
            py = Some(y);
            y = self.parent(y)?;
        }
        while x != y {
            px = Some(x);
            py = Some(y);
            x = self.parent(x)?;
            y = self.parent(y)?;
        }
        Some((x, px?, py?))
    }
}

/// Strongly connected components (Tarjan, iterative).
fn tarjan(adj: &[Vec<(usize, &Import)>]) -> Vec<Vec<usize>> {
    let n = adj.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut out = Vec::new();
    let mut counter = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (v, ref mut i)) = work.last_mut() {
            if *i == 0 && index[v] == usize::MAX {
                index[v] = counter;
                low[v] = counter;
                counter += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if *i < adj[v].len() {
                let w = adj[v][*i].0;
                *i += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                work.pop();
                if let Some(&(u, _)) = work.last() {
                    low[u] = low[u].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut scc = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        scc.push(w);
                        if w == v {
                            break;
                        }
                    }
                    out.push(scc);
                }
            }
        }
    }
    out
}

/// Breadth-first searches for shortest cycles, reusing their marks: the
/// import by which each node was first reached, cleared after each search.
struct CycleSearch<'a> {
    prev: Vec<Option<(usize, &'a Import)>>,
    reached: Vec<usize>,
    queue: VecDeque<usize>,
}

impl<'a> CycleSearch<'a> {
    fn new(n: usize) -> Self {
        CycleSearch {
            prev: vec![None; n],
            reached: Vec::new(),
            queue: VecDeque::new(),
        }
    }

    /// The shortest cycle through `start` staying inside the nodes marked
    /// in `in_scc`, as imports.
    fn shortest_cycle(
        &mut self,
        start: usize,
        adj: &[Vec<(usize, &'a Import)>],
        in_scc: &[bool],
    ) -> Option<Vec<&'a Import>> {
        let found = self.search(start, adj, in_scc);
        for &w in &self.reached {
            self.prev[w] = None;
        }
        self.reached.clear();
        self.queue.clear();
        found
    }

    fn search(
        &mut self,
        start: usize,
        adj: &[Vec<(usize, &'a Import)>],
        in_scc: &[bool],
    ) -> Option<Vec<&'a Import>> {
        self.queue.push_back(start);
        while let Some(v) = self.queue.pop_front() {
            for &(w, imp) in &adj[v] {
                if !in_scc[w] {
                    continue;
                }
                if w == start {
                    let mut cycle = vec![imp];
                    let mut cur = v;
                    while cur != start {
                        let (p, i) = self.prev[cur]?;
                        cycle.push(i);
                        cur = p;
                    }
                    cycle.reverse();
                    return Some(cycle);
                }
                if self.prev[w].is_none() {
                    self.prev[w] = Some((v, imp));
                    self.reached.push(w);
                    self.queue.push_back(w);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::PathBuf;

    use super::check;
    use crate::config::{Config, Contract, ContractKind, IgnoreRule, ModulePattern, Severity};
    use crate::model::{ExternalPath, Import, ImportTarget, Model, Module, SourceFile, TargetInfo};
    use crate::scan::Pos;
    use crate::workspace::{Edition, TargetKind};

    /// A model with the given modules (parents are created as needed) and
    /// imports `from -> to` at line = index + 1 of one file per importer.
    fn model(imports: &[(&str, &str)]) -> Model {
        let mut m = Model::default();
        let mut ids: HashMap<String, usize> = HashMap::new();
        fn id(m: &mut Model, ids: &mut HashMap<String, usize>, path: &str) -> usize {
            if let Some(&i) = ids.get(path) {
                return i;
            }
            let segs: Vec<String> = path.split("::").map(str::to_owned).collect();
            let parent = (segs.len() > 1).then(|| id(m, ids, &segs[..segs.len() - 1].join("::")));
            let i = m.modules.len();
            m.modules.push(Module {
                segments: segs.clone(),
                parent,
                children: HashMap::new(),
                target: 0,
                dev: false,
                decl: None,
            });
            if let Some(p) = parent {
                m.modules[p]
                    .children
                    .insert(segs[segs.len() - 1].clone(), i);
            }
            ids.insert(path.to_owned(), i);
            i
        }
        m.targets.push(TargetInfo {
            package: 0,
            kind: TargetKind::Lib,
            root: 0,
            edition: Edition::E2021,
            package_alias: None,
        });
        for (line, (from, to)) in imports.iter().enumerate() {
            let f = id(&mut m, &mut ids, from);
            let target = if to.starts_with("ext:") {
                let p = to.trim_start_matches("ext:").to_owned();
                ImportTarget::External(std::sync::Arc::new(ExternalPath {
                    key: p.clone(),
                    path: p,
                }))
            } else {
                ImportTarget::Module(id(&mut m, &mut ids, to))
            };
            let file = m.files.len();
            m.files.push(SourceFile {
                path: PathBuf::from(format!("{from}.rs")),
                rel: format!("{}.rs", from.replace("::", "/")),
            });
            m.imports.push(Import {
                from: f,
                to: target,
                file,
                pos: Pos {
                    line: line as u32 + 1,
                    column: 5,
                },
                dev: false,
                manifest: false,
            });
        }
        m
    }

    fn pat(s: &str) -> ModulePattern {
        ModulePattern::parse(s, Pos { line: 1, column: 1 }).expect(s)
    }

    fn contract(kind: ContractKind) -> Contract {
        Contract {
            name: "c".to_owned(),
            pos: Pos { line: 1, column: 1 },
            kind,
            allow_indirect: false,
            include_dev: true,
            ignore: Vec::new(),
            unmatched_ignores: Severity::Error,
            reason: None,
            help: None,
        }
    }

    /// Each violation as `importer -> imported [lines of the chain]`.
    fn run(m: &Model, c: Contract) -> Vec<String> {
        let config = Config {
            file: PathBuf::from("terrace.toml"),
            contracts: vec![c],
        };
        let (_, v) = check(m, &config, false, "terrace.toml");
        v.iter()
            .map(|v| {
                let lines: Vec<String> = v.chain.iter().map(|l| l.line.to_string()).collect();
                format!(
                    "{} {} -> {} [{}]",
                    v.code.as_str(),
                    v.importer,
                    v.imported,
                    lines.join(" ")
                )
            })
            .collect()
    }

    #[test]
    fn forbidden_reports_direct_and_the_shortest_indirect_chain() {
        let m = model(&[
            ("app::domain::model", "ext:sqlx::PgPool"), // 1: direct
            ("app::domain::model", "app::util::a"),     // 2
            ("app::util::a", "app::util::b"),           // 3
            ("app::util::b", "ext:sqlx::query"),        // 4
            ("app::domain::service", "app::util::b"),   // 5: shorter way in
            ("app::domain::service", "app::util::a"),   // 6
        ]);
        let c = contract(ContractKind::Forbidden {
            source: vec![pat("app::domain")],
            forbidden: vec![pat("sqlx")],
        });
        assert_eq!(
            run(&m, c),
            [
                "forbidden-import app::domain::model -> sqlx::PgPool [1]",
                "forbidden-import app::domain::model -> sqlx::query [2 3 4]",
                "forbidden-import app::domain::service -> sqlx::query [5 4]",
            ]
        );
    }

    #[test]
    fn forbidden_allow_indirect_keeps_only_direct_imports() {
        let m = model(&[
            ("d::m", "u::a"),
            ("u::a", "ext:redis::cmd"),
            ("d::n", "ext:redis"),
        ]);
        let mut c = contract(ContractKind::Forbidden {
            source: vec![pat("d")],
            forbidden: vec![pat("redis")],
        });
        c.allow_indirect = true;
        assert_eq!(run(&m, c), ["forbidden-import d::n -> redis [3]"]);
    }

    #[test]
    fn chains_do_not_pass_through_other_sources() {
        // d::a -> d::b -> sqlx: d::b is reported directly, d::a is not
        // reported again through it.
        let m = model(&[("d::a", "d::b"), ("d::b", "ext:sqlx")]);
        let c = contract(ContractKind::Forbidden {
            source: vec![pat("d")],
            forbidden: vec![pat("sqlx")],
        });
        assert_eq!(run(&m, c), ["forbidden-import d::b -> sqlx [2]"]);
    }

    #[test]
    fn layers_report_upward_imports_siblings_and_indirect_chains() {
        let m = model(&[
            ("app::entry", "app::service"),                      // 1: down, fine
            ("app::domain", "app::service"),                     // 2: up
            ("app::service::billing", "app::service::shipping"), // 3: same layer, fine
            ("app::adapters::pg", "app::util"),                  // 4
            ("app::util", "app::entry"),                         // 5: reaches the top layer
            ("app::orders", "app::stock"),                       // 6: siblings
        ]);
        let c = contract(ContractKind::Layers {
            layers: vec![
                vec![pat("app::entry")],
                vec![pat("app::service")],
                vec![pat("app::orders"), pat("app::stock")],
                vec![pat("app::adapters")],
                vec![pat("app::domain")],
            ],
        });
        assert_eq!(
            run(&m, c),
            [
                "layer-violation app::adapters::pg -> app::entry [4 5]",
                "layer-violation app::domain -> app::service [2]",
                "layer-violation app::orders -> app::stock [6]",
            ]
        );
    }

    #[test]
    fn independence_reports_direct_and_indirect_imports() {
        let m = model(&[
            ("c::billing", "c::shipping::x"),
            ("c::shipping", "c::shared"),
            ("c::shared", "c::billing"),
        ]);
        let c = contract(ContractKind::Independence {
            modules: vec![pat("c::billing"), pat("c::shipping")],
        });
        assert_eq!(
            run(&m, c),
            [
                "independence-violation c::billing -> c::shipping::x [1]",
                "independence-violation c::shipping -> c::billing [2 3]",
            ]
        );
    }

    #[test]
    fn acyclic_reports_one_shortest_cycle_per_component() {
        let m = model(&[
            ("p::a::inner", "p::b"), // 1: descendants collapse into `a`
            ("p::b", "p::c"),        // 2
            ("p::c", "p::a"),        // 3
            ("p::b", "p::a::x"),     // 4: a <-> b is the shortest cycle
            ("p::d", "p"),           // 5: edges to the parent are left out
            ("p", "p::d"),           // 6
            ("q::x", "q::y"),        // 7: q is not listed
            ("q::y", "q::x"),        // 8
        ]);
        let c = contract(ContractKind::Acyclic {
            modules: vec![pat("p")],
        });
        assert_eq!(run(&m, c), ["import-cycle p::a::inner -> p::a::x [1 4]"]);
    }

    #[test]
    fn acyclic_finds_the_shortest_cycle_of_each_of_several_components() {
        let m = model(&[
            ("p::a", "p::b"), // 1
            ("p::b", "p::c"), // 2
            ("p::c", "p::a"), // 3: a -> b -> c -> a
            ("p::d", "p::e"), // 4
            ("p::e", "p::d"), // 5: d <-> e
            ("p::c", "p::d"), // 6: joins the components one way only
            ("p::b", "p::a"), // 7: a <-> b is shorter than a -> b -> c
        ]);
        let c = contract(ContractKind::Acyclic {
            modules: vec![pat("p")],
        });
        let mut found = run(&m, c);
        found.sort();
        assert_eq!(
            found,
            [
                "import-cycle p::a -> p::a [1 7]",
                "import-cycle p::d -> p::d [4 5]",
            ]
        );
    }

    #[test]
    fn contracts_sharing_a_graph_each_see_their_own_imports() {
        let mut m = model(&[
            ("d::a", "d::b"),     // 1: test-only
            ("d::a", "d::b"),     // 2: the first non-test import of a -> b
            ("d::a", "ext:sqlx"), // 3
            ("d::a", "ext:sqlx"), // 4
        ]);
        m.imports.iter_mut().next().unwrap().dev = true;
        let forbid = |name: &str, include_dev| Contract {
            name: name.to_owned(),
            include_dev,
            ..contract(ContractKind::Forbidden {
                source: vec![pat("d::a")],
                forbidden: vec![pat("d::b"), pat("sqlx")],
            })
        };
        let mut ignoring = forbid("ignoring", true);
        ignoring.ignore.push(IgnoreRule {
            text: "d::a -> sqlx".to_owned(),
            importer: pat("d::a"),
            imported: pat("sqlx"),
            pos: Pos { line: 9, column: 3 },
        });
        let config = Config {
            file: PathBuf::from("terrace.toml"),
            contracts: vec![
                forbid("with-dev", true),
                forbid("without-dev", false),
                forbid("with-dev-too", true),
                ignoring,
            ],
        };
        let (results, v) = check(&m, &config, false, "terrace.toml");
        let counts: Vec<usize> = results.iter().map(|r| r.violations).collect();
        assert_eq!(counts, [4, 3, 4, 2]);
        let lines = |name: &str| -> Vec<u32> {
            v.iter()
                .filter(|v| v.contract == name)
                .map(|v| v.line)
                .collect()
        };
        assert_eq!(lines("without-dev"), [2, 3, 4]);
        assert_eq!(lines("ignoring"), [1, 2]);
        let (results, _) = check(&m, &config, true, "terrace.toml");
        let counts: Vec<usize> = results.iter().map(|r| r.violations).collect();
        assert_eq!(counts, [3, 3, 3, 1]);
    }

    #[test]
    fn ignores_remove_edges_and_unmatched_ones_are_findings() {
        let m = model(&[("d::legacy", "ext:sqlx"), ("d::new", "ext:sqlx")]);
        let mut c = contract(ContractKind::Forbidden {
            source: vec![pat("d")],
            forbidden: vec![pat("sqlx")],
        });
        for text in ["d::legacy -> sqlx", "d::gone -> sqlx"] {
            let (a, b) = text.split_once(" -> ").unwrap();
            c.ignore.push(IgnoreRule {
                text: text.to_owned(),
                importer: pat(a),
                imported: pat(b),
                pos: Pos { line: 9, column: 3 },
            });
        }
        assert_eq!(
            run(&m, c.clone()),
            [
                "forbidden-import d::new -> sqlx [2]",
                "unmatched-ignore d::gone -> sqlx []",
            ]
        );
        c.unmatched_ignores = Severity::Warn;
        let config = Config {
            file: PathBuf::from("terrace.toml"),
            contracts: vec![c],
        };
        let (results, v) = check(&m, &config, false, "terrace.toml");
        assert_eq!((results[0].violations, results[0].warnings), (1, 1));
        assert!(
            v.iter()
                .any(|v| v.warning && v.file == "terrace.toml" && v.line == 9)
        );
    }

    #[test]
    fn allowed_reports_every_direct_import_outside_the_list() {
        let m = model(&[
            ("app::domain::model", "ext:serde::Serialize"), // 1: allowed
            ("app::domain::model", "ext:std::collections"), // 2: always allowed
            ("app::domain::model", "ext:core::fmt"),        // 3
            ("app::domain::model", "ext:alloc::vec"),       // 4
            ("app::domain::model", "app::domain::money"),   // 5: inside the source
            ("app::domain::model", "ext:chrono::Utc"),      // 6: not listed
            ("app::domain::model", "app::util"),            // 7: not listed
            ("app::domain::model", "app::shared::ids"),     // 8: allowed module
            ("app::util", "ext:sqlx"),                      // 9: not a source
            ("app::domain::model", "ext:serde_json::Value"), // 10: a prefix is not a crate
            ("app::domain::money", "ext:rust_decimal"),     // 11: allowed by a preset-like list
        ]);
        let c = contract(ContractKind::Allowed {
            source: vec![pat("app::domain")],
            allowed: vec![pat("serde"), pat("app::shared"), pat("rust_decimal")],
        });
        assert_eq!(
            run(&m, c),
            [
                "disallowed-import app::domain::model -> chrono::Utc [6]",
                "disallowed-import app::domain::model -> app::util [7]",
                "disallowed-import app::domain::model -> serde_json::Value [10]",
            ]
        );
    }

    #[test]
    fn allowed_with_an_empty_list_allows_only_std_and_the_source() {
        let m = model(&[
            ("d", "ext:std::fs"),
            ("d::a", "d::b"),
            ("d::b", "ext:rand"),
            ("d::b", "e"),
        ]);
        let mut c = contract(ContractKind::Allowed {
            source: vec![pat("d")],
            allowed: Vec::new(),
        });
        c.ignore.push(IgnoreRule {
            text: "d::b -> e".to_owned(),
            importer: pat("d::b"),
            imported: pat("e"),
            pos: Pos { line: 9, column: 3 },
        });
        assert_eq!(run(&m, c), ["disallowed-import d::b -> rand [3]"]);
    }

    #[test]
    fn violations_name_the_entries_their_ends_matched() {
        let m = model(&[("app::domain::model", "app::service::x")]);
        let c = contract(ContractKind::Layers {
            layers: vec![
                vec![pat("app::service")],
                vec![pat("app"), pat("app::domain")],
            ],
        });
        let config = Config {
            file: PathBuf::from("terrace.toml"),
            contracts: vec![c],
        };
        let (_, v) = check(&m, &config, false, "terrace.toml");
        let matched: Vec<(String, String, Option<String>)> = v[0]
            .matched
            .iter()
            .map(|m| {
                let role = format!("{} {}", m.role, m.layer.unwrap_or(0));
                (m.module.clone(), role, m.entry.clone())
            })
            .collect();
        assert_eq!(
            matched,
            [
                (
                    "app::domain::model".to_owned(),
                    "layer 2".to_owned(),
                    Some("app::domain".to_owned())
                ),
                (
                    "app::service::x".to_owned(),
                    "layer 1".to_owned(),
                    Some("app::service".to_owned())
                ),
            ]
        );
    }
}

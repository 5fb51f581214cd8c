//! `terrace graph`: DOT (Graphviz) and Mermaid renderings of the import
//! graph, broken edges in red and labelled with their contracts.

use std::fmt::Write as _;

use crate::graph::Graph;

fn dot_id(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Renders the graph for Graphviz (`dot -Tsvg`).
pub fn dot(graph: &Graph) -> String {
    let mut out = String::from(
        "digraph terrace {\n    rankdir=TB;\n    node [shape=box, fontname=\"Helvetica\"];\n    edge [color=\"#888888\"];\n",
    );
    for n in &graph.nodes {
        let style = if n.external { " [style=dashed]" } else { "" };
        let _ = writeln!(out, "    {}{style};", dot_id(&n.name));
    }
    for e in &graph.edges {
        let (a, b) = (&graph.nodes[e.from].name, &graph.nodes[e.to].name);
        if e.broken.is_empty() {
            let _ = writeln!(out, "    {} -> {};", dot_id(a), dot_id(b));
        } else {
            let _ = writeln!(
                out,
                "    {} -> {} [color=red, fontcolor=red, penwidth=2, label={}];",
                dot_id(a),
                dot_id(b),
                dot_id(&e.broken.join(", "))
            );
        }
    }
    out.push_str("}\n");
    out
}

fn mermaid_label(s: &str) -> String {
    s.replace('"', "#quot;")
        .replace('|', "#124;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
}

/// Renders the graph as a Mermaid flowchart (GitHub renders it in
/// Markdown).
pub fn mermaid(graph: &Graph) -> String {
    let mut out = String::from("flowchart TD\n");
    for (i, n) in graph.nodes.iter().enumerate() {
        let label = mermaid_label(&n.name);
        if n.external {
            let _ = writeln!(out, "    n{i}([\"{label}\"])");
        } else {
            let _ = writeln!(out, "    n{i}[\"{label}\"]");
        }
    }
    let mut broken = Vec::new();
    for (k, e) in graph.edges.iter().enumerate() {
        if e.broken.is_empty() {
            let _ = writeln!(out, "    n{} --> n{}", e.from, e.to);
        } else {
            broken.push(k.to_string());
            let _ = writeln!(
                out,
                "    n{} -->|\"{}\"| n{}",
                e.from,
                mermaid_label(&e.broken.join(", ")),
                e.to
            );
        }
    }
    if !broken.is_empty() {
        let _ = writeln!(
            out,
            "    linkStyle {} stroke:red,stroke-width:2px,color:red",
            broken.join(",")
        );
    }
    out
}

//! `graph.json`: the mention graph for other tools. Nodes are pages (by
//! URL relative to the site base), edges aggregate mentions, and each
//! mention carries its paragraph anchor and snippet. Deterministic.

use serde::Serialize;

use super::Graph;
use crate::build::LoadedSite;

#[derive(Serialize)]
struct Node<'a> {
    /// URL relative to the site base (`countries/arg/`).
    id: &'a str,
    kind: &'a str,
    title: &'a str,
    /// Entity id or document symbol, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    mentions: usize,
}

#[derive(Serialize)]
struct Edge<'a> {
    source: &'a str,
    target: &'a str,
    mentions: u32,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    source: &'a str,
    target: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    anchor: Option<&'a str>,
    text: String,
    mark: &'a str,
}

#[derive(Serialize)]
struct GraphJson<'a> {
    version: u32,
    base_url: &'a str,
    nodes: Vec<Node<'a>>,
    edges: Vec<Edge<'a>>,
    mentions: Vec<MentionOut<'a>>,
}

/// The pages that are nodes: every page but section list pages.
pub fn is_node(site: &LoadedSite, page: usize) -> bool {
    !site.content.pages[page].is_section_index
}

/// Serialises the graph.
pub fn to_json(site: &LoadedSite, graph: &Graph) -> String {
    let pages = &site.content.pages;
    let url = |i: usize| pages[i].url.as_str();
    let nodes = (0..pages.len())
        .filter(|&i| is_node(site, i))
        .map(|i| {
            let f = &pages[i].front;
            Node {
                id: url(i),
                kind: f.kind.as_str(),
                title: &f.title,
                entity: f.id.as_deref().or(f.symbol.as_deref()),
                language: f.language.as_deref(),
                mentions: graph.mention_count(i),
            }
        })
        .collect();
    let edges = graph
        .cites
        .iter()
        .enumerate()
        .flat_map(|(s, list)| {
            list.iter().map(move |&(t, n)| Edge {
                source: url(s),
                target: url(t),
                mentions: n,
            })
        })
        .collect();
    let mentions = graph
        .mentions
        .iter()
        .map(|m| MentionOut {
            source: url(m.source),
            target: url(m.target),
            anchor: m.anchor.as_deref(),
            text: m.snippet.plain(),
            mark: &m.snippet.mark,
        })
        .collect();
    let out = GraphJson {
        version: 1,
        base_url: &site.config.base_url,
        nodes,
        edges,
        mentions,
    };
    let mut s = serde_json::to_string(&out).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

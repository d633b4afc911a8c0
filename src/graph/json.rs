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

/// `graph.json`'s `version`.
const VERSION: u32 = 1;

fn node<'a>(site: &'a LoadedSite, graph: &Graph, i: usize) -> Node<'a> {
    let p = &site.content.pages[i];
    let f = &p.front;
    Node {
        id: &p.url,
        kind: f.kind.as_str(),
        title: &f.title,
        entity: f.id.as_deref().or(f.symbol.as_deref()),
        language: f.language.as_deref(),
        mentions: graph.mention_count(i),
    }
}

fn mention_out<'a>(site: &'a LoadedSite, m: &'a super::Mention) -> MentionOut<'a> {
    let url = |i: usize| site.content.pages[i].url.as_str();
    MentionOut {
        source: url(m.source),
        target: url(m.target),
        anchor: m.anchor.as_deref(),
        text: m.snippet.plain(),
        mark: &m.snippet.mark,
    }
}

/// What `graph.json` holds before its nodes.
fn head(site: &LoadedSite) -> Option<String> {
    Some(format!(
        "{{\"version\":{VERSION},\"base_url\":{},\"nodes\":",
        serde_json::to_string(&site.config.base_url).ok()?
    ))
}

/// `graph.json` as [`to_json`] writes it for `after`, made from `old`,
/// the file written for `before`: the nodes of the pages `nodes` and
/// the edges and mentions of the pages `sources` made again, every other
/// element copied as it is. `None` when `old` is not laid out as
/// `before` says (the caller then writes it whole).
pub fn patched(
    site: &LoadedSite,
    old: &[u8],
    before: &Graph,
    after: &Graph,
    nodes: &std::collections::BTreeSet<usize>,
    sources: &std::collections::BTreeSet<usize>,
) -> Option<Vec<u8>> {
    let n = site.content.pages.len();
    let head = head(site)?;
    let mut at = old.strip_prefix(head.as_bytes()).map(|_| head.len())?;
    let mut out: Vec<u8> = Vec::with_capacity(old.len() + 4096);
    out.extend_from_slice(head.as_bytes());
    // Nodes: one per node page, in page order.
    let (olds, end) = elements(old, at, "id", b"],\"edges\":")?;
    let node_pages: Vec<usize> = (0..n).filter(|&i| is_node(site, i)).collect();
    if olds.len() != node_pages.len() {
        return None;
    }
    out.push(b'[');
    let mut run = Run::default();
    for (&i, &(a, b)) in node_pages.iter().zip(&olds) {
        match nodes.contains(&i) {
            true => {
                run.flush(old, &mut out);
                run.separate(&mut out);
                push(&node(site, after, i), &mut out)?;
            }
            false => run.copy(a, b),
        }
    }
    run.flush(old, &mut out);
    out.push(b']');
    at = end;
    // Edges and mentions: runs by source page.
    let edge_counts = |g: &Graph| g.cites.iter().map(Vec::len).collect::<Vec<_>>();
    let mention_counts = |g: &Graph| {
        let mut c = vec![0usize; n];
        for m in &g.mentions {
            *c.get_mut(m.source)? += 1;
        }
        Some(c)
    };
    let url = |i: usize| site.content.pages[i].url.as_str();
    for (key, olds_per, news_per, close) in [
        (
            "edges",
            edge_counts(before),
            edge_counts(after),
            &b"],\"mentions\":"[..],
        ),
        (
            "mentions",
            mention_counts(before)?,
            mention_counts(after)?,
            &b"]}\n"[..],
        ),
    ] {
        let sep = format!(",\"{key}\":");
        at = old[at..]
            .starts_with(sep.as_bytes())
            .then_some(at + sep.len())?;
        out.extend_from_slice(sep.as_bytes());
        let (olds, end) = elements(old, at, "source", close)?;
        if olds.len() != olds_per.iter().sum::<usize>() || olds_per.len() != n {
            return None;
        }
        out.push(b'[');
        let mut run = Run::default();
        let (mut k, mut m) = (0, 0);
        for (s, &was) in olds_per.iter().enumerate() {
            let now = *news_per.get(s)?;
            let again = sources.contains(&s);
            if !again && was != now {
                return None;
            }
            if !again {
                if was > 0 {
                    run.copy(olds[k].0, olds[k + was - 1].1);
                }
            } else {
                run.flush(old, &mut out);
                for j in 0..now {
                    run.separate(&mut out);
                    if key == "edges" {
                        let (t, count) = after.cites[s][j];
                        push(
                            &Edge {
                                source: url(s),
                                target: url(t),
                                mentions: count,
                            },
                            &mut out,
                        )?;
                    } else {
                        push(&mention_out(site, &after.mentions[m + j]), &mut out)?;
                    }
                }
            }
            k += was;
            m += now;
        }
        run.flush(old, &mut out);
        out.push(b']');
        at = end;
    }
    if &old[at..] != b"}\n" {
        return None;
    }
    out.extend_from_slice(b"}\n");
    // Not checked again as UTF-8 (37 MB at 10,000 documents): `old`'s
    // elements are trusted as written and copied as they are (any other
    // change to them would be copied too), the others serialised now.
    Some(out)
}

/// Elements of an array copied from the old file: consecutive ones as one
/// slice (with the commas between them), each run separated from what
/// was written before it.
#[derive(Default)]
struct Run {
    /// The byte range of the old elements not yet copied.
    pending: Option<(usize, usize)>,
    /// Something was written into the array.
    written: bool,
}

impl Run {
    /// Old elements `a..b` (one or several, consecutive in the old file).
    fn copy(&mut self, a: usize, b: usize) {
        self.pending = match self.pending {
            Some((start, _)) => Some((start, b)),
            None => Some((a, b)),
        };
    }

    /// The old elements not yet copied, onto `out`.
    fn flush(&mut self, old: &[u8], out: &mut Vec<u8>) {
        if let Some((a, b)) = self.pending.take() {
            self.separate(out);
            out.extend_from_slice(&old[a..b]);
        }
    }

    /// A comma before an element when one was written before it.
    fn separate(&mut self, out: &mut Vec<u8>) {
        if self.written {
            out.push(b',');
        }
        self.written = true;
    }
}

/// The byte ranges of the objects in the JSON array starting at `at`, as
/// [`to_json`] writes it (no spaces; flat objects whose first key is
/// `first`), and where the array ends: just after its `]`, which `close`
/// starts with — the next key, or the end of the file. A quote stands
/// raw in JSON only around strings (inside one it is escaped), so
/// `{"source":` marks exactly where the objects start and `],"edges":`
/// where the array ends, found without reading the strings between
/// (37 MB of snippets at 10,000 documents).
fn elements(
    bytes: &[u8],
    at: usize,
    first: &str,
    close: &[u8],
) -> Option<(Vec<(usize, usize)>, usize)> {
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    let close_at = if close.ends_with(b"\n") {
        // The last array: the file ends with it.
        bytes.ends_with(close).then(|| bytes.len() - close.len())?
    } else {
        at + memchr::memmem::find(bytes.get(at..)?, close)?
    };
    if close_at == at + 1 {
        return Some((Vec::new(), close_at + 1));
    }
    let start = format!("{{\"{first}\":");
    let inner = bytes.get(at + 1..close_at)?;
    let starts: Vec<usize> = memchr::memmem::find_iter(inner, start.as_bytes())
        .map(|i| at + 1 + i)
        .collect();
    if starts.first() != Some(&(at + 1)) || bytes.get(close_at - 1) != Some(&b'}') {
        return None;
    }
    let mut out = Vec::with_capacity(starts.len());
    for (k, &a) in starts.iter().enumerate() {
        let b = match starts.get(k + 1) {
            Some(&next) => {
                if bytes.get(next - 1) != Some(&b',') || bytes.get(next - 2) != Some(&b'}') {
                    return None;
                }
                next - 1
            }
            None => close_at,
        };
        out.push((a, b));
    }
    Some((out, close_at + 1))
}

/// One element, serialised as `to_json` serialises it, onto `out`.
fn push<T: Serialize>(v: &T, out: &mut Vec<u8>) -> Option<()> {
    serde_json::to_writer(out, v).ok()
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
        version: VERSION,
        base_url: &site.config.base_url,
        nodes,
        edges,
        mentions,
    };
    let mut s = serde_json::to_string(&out).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Objects are found by their first key even when a snippet's text
    /// holds what looks like one (its quotes are escaped in the file).
    #[test]
    fn elements_are_found_whatever_the_strings_hold() {
        let tricky = r#"a "},{"source":"x"}],"mentions":[ b"#;
        let v = serde_json::json!({
            "edges": [{"source": "a", "text": tricky}, {"source": "b", "text": "]}\n"}],
            "mentions": [{"source": "c", "text": tricky}],
        });
        let text = format!("{}\n", serde_json::to_string(&v).unwrap());
        let bytes = text.as_bytes();
        let at = text.find('[').unwrap();
        let (edges, end) = elements(bytes, at, "source", b"],\"mentions\":").unwrap();
        assert_eq!(edges.len(), 2);
        let first: serde_json::Value =
            serde_json::from_slice(&bytes[edges[0].0..edges[0].1]).unwrap();
        assert_eq!(first["text"], tricky);
        let at = end + ",\"mentions\":".len();
        let (mentions, end) = elements(bytes, at, "source", b"]}\n").unwrap();
        assert_eq!(mentions.len(), 1);
        assert_eq!(&bytes[end..], b"}\n");
        // Not an array of such objects: none.
        assert!(elements(bytes, at, "target", b"]}\n").is_none());
    }

    /// `graph.json` patched for a page whose mentions changed is the file
    /// written whole, byte for byte; a file not laid out as the graph
    /// before says is not patched.
    #[test]
    fn a_patched_graph_json_is_the_one_written_whole() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/fixture");
        let site = crate::build::load(&crate::config::Config::load(&root).unwrap());
        let now = super::super::mentions::extract(&site);
        let after = Graph::assemble(&site, &now);
        // Before: the page with the most mentions had none.
        let k = (0..now.len())
            .max_by_key(|&i| now[i].mentions.len())
            .unwrap();
        assert!(!now[k].mentions.is_empty());
        let mut then = now.clone();
        then[k] = super::super::Extracted::default();
        let before = Graph::assemble(&site, &then);
        let changed = |a: &Graph, b: &Graph| -> BTreeSet<usize> {
            (0..now.len())
                .filter(|&i| i == k || a.mention_count(i) != b.mention_count(i))
                .collect()
        };
        let sources = BTreeSet::from([k]);
        for (from, to) in [(&before, &after), (&after, &before)] {
            let old = to_json(&site, from);
            let whole = to_json(&site, to);
            let patched = patched(
                &site,
                old.as_bytes(),
                from,
                to,
                &changed(from, to),
                &sources,
            );
            assert!(patched.as_deref() == Some(whole.as_bytes()), "differs");
        }
        // Nothing changed: the same bytes.
        let old = to_json(&site, &after);
        let none = BTreeSet::new();
        assert_eq!(
            patched(&site, old.as_bytes(), &after, &after, &none, &none).as_deref(),
            Some(old.as_bytes())
        );
        // Another graph's file, or one cut short: not patched.
        let other = to_json(&site, &before);
        assert!(patched(&site, other.as_bytes(), &after, &after, &none, &none).is_none());
        let cut = &old.as_bytes()[..old.len() / 2];
        assert!(patched(&site, cut, &after, &after, &none, &none).is_none());
    }
}

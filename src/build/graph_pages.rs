//! The graph's plain lists. The graph page (`graph/`) lists every page
//! by kind with what it links to; a kind with more pages than one part
//! holds ([`PART`]) is listed in parts, each a page of its own
//! (`graph/documents/`, `graph/documents/2/`, …), and the graph page
//! names each part by its first and last page. Each page is listed in
//! one output ([`Contexts::graph_place`]): a change of a page's links or
//! mention count renders that output again, not a list of every page.

use std::sync::OnceLock;

use rayon::prelude::*;

use super::contexts::{Contexts, ENTITY_SECTIONS, kind_key};
use super::{GRAPH_URL, LoadedSite, OutputJob};
use crate::content::Kind;
use crate::render::{
    GraphList, GraphPager, GraphPartLink, LinkContext, PageSummary, SectionContext,
};

/// Pages listed in one part of a kind's list.
pub const PART: usize = 250;

/// A kind's place among the graph's lists: that of its section in
/// [`ENTITY_SECTIONS`], other pages last.
pub fn rank(kind: Kind) -> usize {
    ENTITY_SECTIONS
        .iter()
        .position(|(_, k)| *k == kind)
        .unwrap_or(ENTITY_SECTIONS.len())
}

/// The key of the kind of rank `rank` (`countries`; `pages` for others).
fn key(rank: usize) -> &'static str {
    ENTITY_SECTIONS.get(rank).map_or("pages", |(d, _)| d)
}

/// URL of a part relative to the base: `graph/documents/` for the
/// first, `graph/documents/2/` for the second, ….
pub fn part_url(rank: usize, part: usize) -> String {
    match part {
        0 => format!("{GRAPH_URL}{}/", key(rank)),
        n => format!("{GRAPH_URL}{}/{}/", key(rank), n + 1),
    }
}

/// The parts of the graph's lists, `(rank, part)`: those of each kind
/// with more pages than one part holds (a section's index page is not
/// listed).
pub fn parts(site: &LoadedSite) -> Vec<(usize, usize)> {
    let mut count = vec![0usize; ENTITY_SECTIONS.len() + 1];
    for p in &site.content.pages {
        if !p.is_section_index {
            count[rank(p.front.kind)] += 1;
        }
    }
    count
        .iter()
        .enumerate()
        .filter(|&(_, &n)| n > PART)
        .flat_map(|(r, &n)| (0..n.div_ceil(PART)).map(move |k| (r, k)))
        .collect()
}

/// Every page but section indexes by kind rank, each kind as listed
/// (by name): made once per [`Contexts`].
pub type GraphOrder = OnceLock<Vec<(usize, Vec<usize>)>>;

impl Contexts<'_> {
    /// The pages of each kind, ranks ascending, each kind as listed.
    fn graph_order(&self) -> &[(usize, Vec<usize>)] {
        self.graph_order_cell().get_or_init(|| {
            let pages = &self.site().content.pages;
            let mut by_rank: Vec<Vec<usize>> = vec![Vec::new(); ENTITY_SECTIONS.len() + 1];
            for (i, p) in pages.iter().enumerate() {
                if !p.is_section_index {
                    by_rank[rank(p.front.kind)].push(i);
                }
            }
            by_rank
                .into_iter()
                .enumerate()
                .filter(|(_, list)| !list.is_empty())
                .map(|(r, mut list)| {
                    list.par_sort_by_cached_key(|&i| (self.sort_key(i), i));
                    (r, list)
                })
                .collect()
        })
    }

    /// The output that lists page `i` with its links and mention count:
    /// the graph page, or the part of its kind's list that holds it.
    /// `None` for a section's index page (not listed).
    pub fn graph_place(&self, i: usize) -> Option<OutputJob> {
        let p = &self.site().content.pages[i];
        if p.is_section_index {
            return None;
        }
        let r = rank(p.front.kind);
        let (_, list) = self.graph_order().iter().find(|(k, _)| *k == r)?;
        if list.len() <= PART {
            return Some(OutputJob::Graph);
        }
        let at = list.iter().position(|&j| j == i)?;
        Some(OutputJob::GraphPart(r, at / PART))
    }

    /// A node of the graph's lists: the page's entry with its links.
    fn graph_node(&self, i: usize) -> PageSummary {
        let mut s = self.summary(i);
        s.links = self.items_all(&self.graph.cites[i]);
        s
    }

    fn kind_title(&self, rank: usize, list: &[usize]) -> (String, String) {
        let key = kind_key(self.site().content.pages[list[0]].front.kind).to_string();
        debug_assert_eq!(key, self::key(rank));
        let title = self.strings.get(&key).cloned().unwrap_or(key.clone());
        (key, title)
    }

    /// `section` for the graph page: every kind with its nodes, or the
    /// parts that list them.
    pub fn graph_section(&self) -> SectionContext {
        let graph = self
            .graph_order()
            .iter()
            .map(|(r, list)| {
                let (key, title) = self.kind_title(*r, list);
                let split = list.len() > PART;
                GraphList {
                    key,
                    title,
                    count: list.len(),
                    pages: match split {
                        true => Vec::new(),
                        false => list.par_iter().map(|&i| self.graph_node(i)).collect(),
                    },
                    parts: match split {
                        false => Vec::new(),
                        true => list
                            .chunks(PART)
                            .enumerate()
                            .map(|(k, chunk)| {
                                let (first, last) = (chunk[0], chunk[chunk.len() - 1]);
                                GraphPartLink {
                                    number: k + 1,
                                    url: self.url(&part_url(*r, k)),
                                    count: chunk.len(),
                                    first: self.name_of(first),
                                    first_lang: self.name_lang(first),
                                    last: self.name_of(last),
                                    last_lang: self.name_lang(last),
                                }
                            })
                            .collect(),
                    },
                }
            })
            .collect();
        SectionContext {
            graph,
            kind: "graph".into(),
            ..SectionContext::default()
        }
    }

    /// `section` for part `part` of the list of the kind of rank `rank`.
    pub fn graph_part_section(&self, rank: usize, part: usize) -> SectionContext {
        let Some((_, list)) = self.graph_order().iter().find(|(k, _)| *k == rank) else {
            return SectionContext::default();
        };
        let (key, title) = self.kind_title(rank, list);
        let total = list.len().div_ceil(PART);
        let chunk = list.chunks(PART).nth(part).unwrap_or_default();
        let url = |k: usize| self.url(&part_url(rank, k));
        SectionContext {
            graph: vec![GraphList {
                key,
                title,
                count: list.len(),
                pages: chunk.par_iter().map(|&i| self.graph_node(i)).collect(),
                parts: Vec::new(),
            }],
            pager: Some(GraphPager {
                number: part + 1,
                total,
                up: self.url(GRAPH_URL),
                previous: part.checked_sub(1).map(url),
                next: (part + 1 < total).then(|| url(part + 1)),
                parts: (0..total)
                    .map(|k| LinkContext {
                        title: (k + 1).to_string(),
                        url: url(k),
                    })
                    .collect(),
            }),
            kind: "graph".into(),
            ..SectionContext::default()
        }
    }

    /// The title of part `part` of the kind of rank `rank`: the graph's,
    /// the kind's and the part's number among them.
    pub fn graph_part_title(&self, rank: usize, part: usize) -> String {
        let graph = self.strings.get("graph").cloned().unwrap_or_default();
        let Some((_, list)) = self.graph_order().iter().find(|(k, _)| *k == rank) else {
            return graph;
        };
        let (_, title) = self.kind_title(rank, list);
        let total = list.len().div_ceil(PART);
        format!("{graph}: {title} {}/{total}", part + 1)
    }
}

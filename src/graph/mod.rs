//! The mention graph: who links to whom, in what words, in which
//! paragraph. Computed once from a [`LoadedSite`] (the links `links`
//! resolved and the block text `markdown` recorded) and read by the
//! template contexts and `graph.json`.
//!
//! Cost: linear in the number of links, plus, for co-citation, the sum of
//! k² over paragraphs citing k entities, and for related documents the
//! sum of n² over entities cited by n ≤ [`RELATED_CAP`] documents. No join
//! over all pages.

pub mod cooccur;
pub mod entity;
pub mod json;
pub mod mentions;
pub mod snippet;

use crate::build::LoadedSite;
use crate::content::Kind;

pub use cooccur::RELATED_CAP;
pub use mentions::{Mention, ReportSection};
pub use snippet::Snippet;

/// The mention graph of a site. Page indexes are those of
/// `LoadedSite::content.pages`.
#[derive(Debug, Default)]
pub struct Graph {
    /// Every mention, by source page then document order.
    pub mentions: Vec<Mention>,
    /// Per page: the mentions pointing at it (indexes into `mentions`),
    /// those in headings excepted (see `sections`).
    pub incoming: Vec<Vec<usize>>,
    /// Per page: the pages it links to, with the number of mentions, in
    /// order of first mention.
    pub cites: Vec<Vec<(usize, u32)>>,
    /// Per page: pages mentioned in the same paragraphs (or in a paragraph
    /// under a heading about it), with the number of such paragraphs;
    /// most frequent first.
    pub cooccur: Vec<Vec<(usize, u32)>>,
    /// Per document: other documents by number of shared citations.
    pub related_docs: Vec<Vec<(usize, u32)>>,
    /// Per page: the sections of other pages whose heading links to it
    /// (a report's section about a country).
    pub sections: Vec<Vec<ReportSection>>,
}

impl Graph {
    pub fn build(site: &LoadedSite) -> Graph {
        let pages = &site.content.pages;
        let n = pages.len();
        let per_page = mentions::extract(site);
        let mut g = Graph {
            incoming: vec![Vec::new(); n],
            cites: vec![Vec::new(); n],
            sections: vec![Vec::new(); n],
            ..Graph::default()
        };
        let mut units: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
        for (source, extracted) in per_page.into_iter().enumerate() {
            let mut counts: Vec<(usize, u32)> = Vec::new();
            let mut seen: std::collections::HashMap<usize, usize> = Default::default();
            for m in extracted.mentions {
                match seen.get(&m.target) {
                    Some(&k) => counts[k].1 += 1,
                    None => {
                        seen.insert(m.target, counts.len());
                        counts.push((m.target, 1));
                    }
                }
                // A heading that links to a page makes a section about it
                // (listed as such), not a mention in a sentence.
                if !m.in_heading {
                    g.incoming[m.target].push(g.mentions.len());
                }
                g.mentions.push(m);
            }
            g.cites[source] = counts;
            for s in extracted.sections {
                g.sections[s.target].push(s.section);
            }
            units.extend(extracted.units);
        }
        g.cooccur = cooccur::count(n, &units);
        let is_doc: Vec<bool> = pages
            .iter()
            .map(|p| p.front.kind == Kind::Document && !p.is_section_index)
            .collect();
        g.related_docs = cooccur::related(&g.cites, &is_doc);
        g
    }

    /// Number of mentions of a page.
    pub fn mention_count(&self, page: usize) -> usize {
        self.incoming.get(page).map_or(0, Vec::len)
    }
}

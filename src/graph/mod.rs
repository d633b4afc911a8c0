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
pub use mentions::{
    Extracted, Mention, ReportSection, TargetSection, extract, extract_from, extract_page,
};
pub use snippet::Snippet;

/// The mention graph of a site. Page indexes are those of
/// `LoadedSite::content.pages`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Graph {
    /// Every mention, by source page then document order (shared with
    /// the pages' [`Extracted`], so assembling the graph copies no text).
    pub mentions: Vec<std::sync::Arc<Mention>>,
    /// Per page: the mentions pointing at it (indexes into `mentions`),
    /// those in headings excepted (see `sections`).
    pub incoming: Vec<Vec<usize>>,
    /// Per page: the pages it links to, with the number of its paragraphs
    /// mentioning each (headings excepted), in
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
    /// Per page: its mention count, made on first use (pages ask for it
    /// many times while a site renders).
    counts: Counts,
}

/// Mention counts of an assembled graph, each computed the first time
/// it is asked for (an incremental build asks for a few): the graph is
/// not changed after it is assembled. No part of the graph's identity.
#[derive(Debug, Default)]
struct Counts(std::sync::OnceLock<Vec<std::sync::OnceLock<usize>>>);

impl Clone for Counts {
    fn clone(&self) -> Self {
        Counts::default()
    }
}

impl PartialEq for Counts {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Counts {}

impl Graph {
    pub fn build(site: &LoadedSite) -> Graph {
        Graph::assemble(site, &mentions::extract(site))
    }

    /// The graph from what each page contributes ([`Extracted`], one per
    /// page of `site`): `serve` extracts again only the pages that changed.
    pub fn assemble<E: std::borrow::Borrow<Extracted>>(site: &LoadedSite, per_page: &[E]) -> Graph {
        let is_doc: Vec<bool> = site
            .content
            .pages
            .iter()
            .map(|p| p.front.kind == Kind::Document && !p.is_section_index)
            .collect();
        Graph::assemble_docs(&is_doc, per_page)
    }

    /// [`Graph::assemble`] of pages of which `is_doc` tells which are
    /// documents (all a graph needs to know of the pages themselves): an
    /// incremental build puts the previous build's graph together so.
    pub fn assemble_docs<E: std::borrow::Borrow<Extracted>>(
        is_doc: &[bool],
        per_page: &[E],
    ) -> Graph {
        let n = is_doc.len();
        let mut g = Graph {
            incoming: vec![Vec::new(); n],
            cites: vec![Vec::new(); n],
            sections: vec![Vec::new(); n],
            ..Graph::default()
        };
        for (source, extracted) in per_page.iter().enumerate() {
            let extracted: &Extracted = extracted.borrow();
            for m in &extracted.mentions {
                // A heading that links to a page makes a section about it
                // (listed as such), not a mention in a sentence.
                if !m.in_heading {
                    g.incoming[m.target].push(g.mentions.len());
                }
                g.mentions.push(m.clone());
            }
            g.cites[source] = cites_of(extracted);
            for s in &extracted.sections {
                g.sections[s.target].push(s.section.clone());
            }
        }
        g.cooccur = cooccur::count(n, per_page.iter().flat_map(|e| e.borrow().units.iter()));
        g.related_docs = cooccur::related(&g.cites, is_doc);
        g
    }

    /// The graph after the pages `changed` (same pages, same indexes)
    /// contribute `per_page` instead of `before`: what [`Graph::assemble`]
    /// gives, without counting every paragraph's co-citations and every
    /// document's relations again (those of the changed pages are taken
    /// out and put back). `was_doc`: which pages were documents.
    pub fn updated<E: std::borrow::Borrow<Extracted>>(
        &self,
        site: &LoadedSite,
        before: &[E],
        per_page: &[E],
        changed: &std::collections::BTreeSet<usize>,
        was_doc: &[bool],
    ) -> Graph {
        use rustc_hash::FxHashMap as HashMap;
        use std::collections::BTreeSet;
        let pages = &site.content.pages;
        let n = pages.len();
        let is_doc: Vec<bool> = pages
            .iter()
            .map(|p| p.front.kind == Kind::Document && !p.is_section_index)
            .collect();
        let mut g = Graph {
            incoming: vec![Vec::new(); n],
            cites: self.cites.clone(),
            sections: self.sections.clone(),
            cooccur: self.cooccur.clone(),
            related_docs: self.related_docs.clone(),
            ..Graph::default()
        };
        // Mentions and incoming: shared, so cheap to lay out again.
        for extracted in per_page {
            for m in &extracted.borrow().mentions {
                if !m.in_heading {
                    g.incoming[m.target].push(g.mentions.len());
                }
                g.mentions.push(m.clone());
            }
        }
        let mut pairs: HashMap<usize, HashMap<usize, i64>> = HashMap::default();
        let mut shifted: BTreeSet<usize> = BTreeSet::new();
        let mut touched_sections: BTreeSet<usize> = BTreeSet::new();
        for &i in changed {
            let (old, new) = (before[i].borrow(), per_page[i].borrow());
            g.cites[i] = cites_of(new);
            for unit in &old.units {
                cooccur::unit_pairs(unit, |a, b| {
                    *pairs.entry(a).or_default().entry(b).or_default() -= 1
                });
            }
            for unit in &new.units {
                cooccur::unit_pairs(unit, |a, b| {
                    *pairs.entry(a).or_default().entry(b).or_default() += 1
                });
            }
            for s in old.sections.iter().chain(&new.sections) {
                touched_sections.insert(s.target);
            }
            let t_old: BTreeSet<usize> = self.cites[i].iter().map(|&(t, _)| t).collect();
            let t_new: BTreeSet<usize> = g.cites[i].iter().map(|&(t, _)| t).collect();
            if was_doc[i] != is_doc[i] {
                shifted.extend(t_old.union(&t_new));
            } else if is_doc[i] {
                shifted.extend(t_old.symmetric_difference(&t_new));
            }
        }
        cooccur::apply(&mut g.cooccur, pairs);
        for &t in &touched_sections {
            g.sections[t].retain(|s| !changed.contains(&s.source));
        }
        for &i in changed {
            for s in &per_page[i].borrow().sections {
                g.sections[s.target].push(s.section.clone());
            }
        }
        for &t in &touched_sections {
            g.sections[t].sort_by_key(|s| s.source);
        }
        if !shifted.is_empty() {
            // The documents citing each shifted page, before and after.
            let citers = |cites: &[Vec<(usize, u32)>], docs: &[bool]| {
                let mut out: HashMap<usize, Vec<usize>> = HashMap::default();
                for (d, targets) in cites.iter().enumerate() {
                    if docs[d] {
                        for &(t, _) in targets {
                            if shifted.contains(&t) {
                                out.entry(t).or_default().push(d);
                            }
                        }
                    }
                }
                out
            };
            let (c_old, c_new) = (citers(&self.cites, was_doc), citers(&g.cites, &is_doc));
            let mut delta: HashMap<usize, HashMap<usize, i64>> = HashMap::default();
            let mut add = |docs: Option<&Vec<usize>>, sign: i64| {
                let Some(docs) = docs else { return };
                if docs.len() < 2 || docs.len() > RELATED_CAP {
                    return;
                }
                for &a in docs {
                    for &b in docs {
                        if a != b {
                            *delta.entry(a).or_default().entry(b).or_default() += sign;
                        }
                    }
                }
            };
            for t in &shifted {
                add(c_old.get(t), -1);
                add(c_new.get(t), 1);
            }
            cooccur::apply(&mut g.related_docs, delta);
        }
        g
    }

    /// Number of mentions of a page.
    /// How many paragraphs mention `page` (the entries of its mentions
    /// list: two mentions in one paragraph count once).
    pub fn mention_count(&self, page: usize) -> usize {
        let counts = self.counts.0.get_or_init(|| {
            (0..self.incoming.len())
                .map(|_| std::sync::OnceLock::new())
                .collect()
        });
        let Some(count) = counts.get(page) else {
            return 0;
        };
        *count.get_or_init(|| {
            let mut paragraphs = std::collections::HashSet::new();
            self.incoming[page]
                .iter()
                .filter(|&&m| {
                    let m = &self.mentions[m];
                    m.anchor
                        .as_deref()
                        .is_none_or(|a| paragraphs.insert((m.source, a)))
                })
                .count()
        })
    }
}

/// The pages a page links to, in order of first mention, each with the
/// number of its paragraphs that mention it: what the target's page lists
/// for this page (a mention in a heading makes a section, not a count).
fn cites_of(e: &Extracted) -> Vec<(usize, u32)> {
    let mut counts: Vec<(usize, u32)> = Vec::new();
    // Hashed with Fx: this runs for every page of an incremental build,
    // on a few keys each, where SipHash's setup was most of its time.
    let mut seen: rustc_hash::FxHashMap<usize, usize> = Default::default();
    let mut paragraphs: rustc_hash::FxHashSet<(usize, &str, bool)> = Default::default();
    for m in &e.mentions {
        let k = *seen.entry(m.target).or_insert_with(|| {
            counts.push((m.target, 0));
            counts.len() - 1
        });
        let new_paragraph = match m.anchor.as_deref() {
            Some(a) => paragraphs.insert((m.target, a, m.in_heading)),
            None => true,
        };
        if !m.in_heading && new_paragraph {
            counts[k].1 += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, crate::build::LoadedSite) {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("site.toml"), "title = \"T\"\n").unwrap();
        for (rel, text) in files {
            let p = tmp.path().join("content").join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let config = Config::load(tmp.path()).unwrap();
        let loaded = crate::build::load(&config);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        (tmp, loaded)
    }

    fn index(site: &crate::build::LoadedSite, rel: &str) -> usize {
        site.content
            .pages
            .iter()
            .position(|p| p.rel == rel)
            .unwrap()
    }

    #[test]
    fn sections_span_subsections_and_headings_pass_their_entity_down() {
        let doc = "---\nkind: document\ntitle: R\n---\n\
            ## [A](../countries/a.md)\n\n1\\. Intro. ^p-1\n\n\
            ### Details\n\n2\\. A cites [r1](../resolutions/r1.md). ^p-2\n\n3\\. More. ^p-3\n\n\
            ## [B](../countries/b.md)\n\n4\\. B cites [r1](../resolutions/r1.md) and [r2](../resolutions/r2.md). ^p-4\n";
        let (_tmp, s) = site(&[
            ("documents/r.md", doc),
            ("countries/a.md", "---\nkind: country\ntitle: A\n---\n"),
            ("countries/b.md", "---\nkind: country\ntitle: B\n---\n"),
            (
                "resolutions/r1.md",
                "---\nkind: resolution\ntitle: R1\n---\n",
            ),
            (
                "resolutions/r2.md",
                "---\nkind: resolution\ntitle: R2\n---\n",
            ),
        ]);
        let g = Graph::build(&s);
        let (a, b) = (index(&s, "countries/a.md"), index(&s, "countries/b.md"));
        let (r1, r2) = (
            index(&s, "resolutions/r1.md"),
            index(&s, "resolutions/r2.md"),
        );
        // A's section runs over its subsection, up to B's heading.
        let sa = &g.sections[a][0];
        assert_eq!(
            (sa.first.as_deref(), sa.last.as_deref()),
            (Some("p-1"), Some("p-3"))
        );
        let sb = &g.sections[b][0];
        assert_eq!(
            (sb.first.as_deref(), sb.last.as_deref()),
            (Some("p-4"), Some("p-4"))
        );
        // Headings are sections, not mentions.
        assert_eq!(g.mention_count(a), 0);
        assert_eq!(g.mention_count(r1), 2);
        let anchors: Vec<&str> = g.incoming[r1]
            .iter()
            .map(|&m| g.mentions[m].anchor.as_deref().unwrap())
            .collect();
        assert_eq!(anchors, vec!["p-2", "p-4"]);
        // r1 with A (two levels up), with B and with r2; r2 with B and r1.
        assert_eq!(g.cooccur[r1], vec![(a, 1), (b, 1), (r2, 1)]);
        assert_eq!(g.cooccur[a], vec![(r1, 1)]);
        assert_eq!(g.cooccur[r2], vec![(b, 1), (r1, 1)]);
    }
}

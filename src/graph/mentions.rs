//! Mentions: each link from one page to another, with the sentence around
//! it and the anchor of the paragraph (or section) it sits in; and the
//! sections whose heading links to a page (a report's section about a
//! country), with their first and last paragraph anchors.

use std::sync::Arc;

use rayon::prelude::*;

use super::snippet::{self, Snippet};
use crate::build::LoadedSite;
use crate::content::{Kind, Page};
use crate::links::InternalLink;
use crate::markdown::{Block, BlockKind, Rendered};

/// One link from a page to another, in context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub source: usize,
    pub target: usize,
    /// Anchor in the source page of the paragraph holding the mention,
    /// or of the heading it sits under.
    pub anchor: Option<String>,
    /// The mention is in a heading (the section is about the target).
    pub in_heading: bool,
    /// The number a reader cites the paragraph by: its own (`17` for
    /// `p-17`), else that of the nearest numbered paragraph before it (a
    /// sub-item `(b)` after ¶4 is cited as ¶4); `None` in a page without
    /// numbered paragraphs before it.
    pub number: Option<String>,
    /// Without a number: the heading of the section it is in, if any (a
    /// reader cites it as `§ heading`).
    pub section: Option<String>,
    /// 1-based line in the source file.
    pub line: usize,
    pub snippet: Snippet,
    /// Further mentions of the same page inside this snippet (links in
    /// the same paragraph), as byte ranges of `snippet.after`: shown
    /// marked in one snippet instead of as near-identical snippets.
    pub also: Vec<(usize, usize)>,
}

/// A section of a page: from a heading to the next heading of the same
/// or a higher level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSection {
    pub source: usize,
    /// The heading's id and text.
    pub id: String,
    pub title: String,
    /// Anchors of the first and last anchored paragraphs in it (`p-5`,
    /// `p-10`).
    pub first: Option<String>,
    pub last: Option<String>,
}

/// A section of one page about another (`target`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetSection {
    pub target: usize,
    pub section: ReportSection,
}

/// What one page contributes to the graph (depends on that page's
/// markdown and on which pages are list pages, nothing else).
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub mentions: Vec<Arc<Mention>>,
    pub sections: Vec<TargetSection>,
    /// Co-citation units: per paragraph that links somewhere, the pages
    /// it links to and those its headings link to (not already in the
    /// first list).
    pub units: Vec<(Vec<usize>, Vec<usize>)>,
}

/// Per block: its paragraph number (`17` for `p-17`, `10.1` for
/// `p-10-1`), else the number of
/// the nearest numbered block before it.
fn paragraph_numbers(blocks: &[Block]) -> Vec<Option<String>> {
    let mut last = None;
    blocks
        .iter()
        .map(|b| {
            if let Some(n) = b.id.as_deref().and_then(crate::markdown::paragraph_number) {
                last = Some(n);
            }
            last.clone()
        })
        .collect()
}

/// Extracts every page's mentions, in parallel; one entry per page.
pub fn extract(site: &LoadedSite) -> Vec<Extracted> {
    (0..site.content.pages.len())
        .into_par_iter()
        .map(|i| extract_page(i, site))
        .collect()
}

/// What page `i` contributes (nothing for a list page).
pub fn extract_page(i: usize, site: &LoadedSite) -> Extracted {
    extract_from(i, &site.content.pages, &site.rendered[i], &site.outgoing[i])
}

/// What page `source` of `pages` contributes, from its rendered markdown
/// and its links alone: a build takes it as soon as the page's markdown
/// is rendered, then drops the blocks' text.
pub fn extract_from(
    source: usize,
    pages: &[Page],
    rendered: &Rendered,
    outgoing: &[InternalLink],
) -> Extracted {
    if pages[source].is_section_index {
        return Extracted::default();
    }
    let blocks = &rendered.blocks;
    let sites = &rendered.link_sites; // sorted by call
    let mut out = Extracted::default();
    let numbers = paragraph_numbers(blocks);
    // A page that numbers none of its paragraphs cites each by its place,
    // which its generated id carries (`m-7`) and the page shows.
    let written = numbers.iter().any(Option::is_some);
    let place = |b: &Block| -> Option<String> {
        (!written && b.generated)
            .then(|| {
                b.id.as_deref()?
                    .strip_prefix(crate::markdown::GENERATED_ID_PREFIX)
            })
            .flatten()
            .filter(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()))
            .map(str::to_string)
    };
    let mut block_targets: Vec<Vec<usize>> = vec![Vec::new(); blocks.len()];
    // (target, block) → (mention index, block offset where its `after` starts).
    let mut last_in_block: std::collections::HashMap<(usize, usize), (usize, usize)> =
        Default::default();
    for link in outgoing {
        // Links to itself and to list pages (the home page, a section's
        // index) are navigation, not mentions.
        if link.target == source || pages[link.target].is_section_index {
            continue;
        }
        let at = sites
            .binary_search_by_key(&link.call, |s| s.call)
            .ok()
            .map(|k| sites[k]);
        if let Some(s) = at
            && let Some(&(m, after_at)) = last_in_block.get(&(link.target, s.block))
        {
            let prev = Arc::make_mut(&mut out.mentions[m]);
            if s.start >= after_at && s.end <= after_at + prev.snippet.after.len() {
                prev.also.push((s.start - after_at, s.end - after_at));
                continue;
            }
        }
        if let Some(s) = at {
            last_in_block.insert((link.target, s.block), (out.mentions.len(), s.end));
        }
        let (anchor, in_heading, snippet, number, section) = match at {
            Some(s) => {
                let b = &blocks[s.block];
                let t = &mut block_targets[s.block];
                if !t.contains(&link.target) {
                    t.push(link.target);
                }
                (
                    b.anchor(blocks).map(str::to_string),
                    b.kind == BlockKind::Heading,
                    snippet::cut(&b.text, s.start, s.end),
                    numbers[s.block].clone().or_else(|| place(b)),
                    b.parent
                        .filter(|_| b.kind != BlockKind::Heading)
                        .map(|h| blocks[h].text.clone()),
                )
            }
            None => (None, false, Snippet::default(), None, None),
        };
        out.mentions.push(Arc::new(Mention {
            source,
            target: link.target,
            anchor,
            in_heading,
            number,
            section,
            line: link.line,
            snippet,
            also: Vec::new(),
        }));
    }
    if out.mentions.is_empty() {
        return out;
    }
    // Sections whose heading links somewhere.
    let ends = section_ends(blocks);
    let (next_anchored, prev_anchored) = anchored(blocks);
    for (h, b) in blocks.iter().enumerate() {
        if b.kind != BlockKind::Heading || block_targets[h].is_empty() {
            continue;
        }
        let Some(id) = &b.id else { continue };
        let end = ends[h];
        let first = next_anchored
            .get(h + 1)
            .copied()
            .flatten()
            .filter(|&f| f < end);
        let last = end
            .checked_sub(1)
            .and_then(|e| prev_anchored[e])
            .filter(|&l| l > h);
        let section = ReportSection {
            source,
            id: id.clone(),
            title: b.text.trim().to_string(),
            first: first.and_then(|f| blocks[f].id.clone()),
            last: last.and_then(|l| blocks[l].id.clone()),
        };
        for &target in &block_targets[h] {
            out.sections.push(TargetSection {
                target,
                section: section.clone(),
            });
        }
    }
    // Co-citation units: what documents (and other pages that are not
    // entity pages) cite together; an editor's notes on an entity page
    // are not citations. Headings' targets are inherited down the outline
    // (memoised: a parent always comes before its children).
    if is_entity(pages[source].front.kind) {
        return out;
    }
    let mut inherited: Vec<Vec<usize>> = vec![Vec::new(); blocks.len()];
    for (b, block) in blocks.iter().enumerate() {
        let mut from_above = block
            .parent
            .map(|p| inherited[p].clone())
            .unwrap_or_default();
        if block.kind == BlockKind::Heading {
            for &t in &block_targets[b] {
                if !from_above.contains(&t) {
                    from_above.push(t);
                }
            }
            inherited[b] = from_above;
            continue;
        }
        let own = &block_targets[b];
        if own.is_empty() {
            continue;
        }
        from_above.retain(|t| !own.contains(t));
        out.units.push((own.clone(), from_above));
    }
    out
}

fn is_entity(kind: Kind) -> bool {
    !matches!(kind, Kind::Document | Kind::Page)
}

/// For each heading, the index of the block that ends its section.
fn section_ends(blocks: &[Block]) -> Vec<usize> {
    let mut ends = vec![blocks.len(); blocks.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if b.kind != BlockKind::Heading {
            continue;
        }
        while let Some(&h) = open.last() {
            if blocks[h].level >= b.level {
                ends[h] = i;
                open.pop();
            } else {
                break;
            }
        }
        open.push(i);
    }
    ends
}

/// For each block, the nearest anchored non-heading block at or after it
/// and at or before it.
fn anchored(blocks: &[Block]) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let is = |b: &Block| b.kind != BlockKind::Heading && b.id.is_some() && !b.generated;
    let mut prev = Vec::with_capacity(blocks.len());
    let mut last = None;
    for (i, b) in blocks.iter().enumerate() {
        if is(b) {
            last = Some(i);
        }
        prev.push(last);
    }
    let mut next = vec![None; blocks.len()];
    let mut upcoming = None;
    for (i, b) in blocks.iter().enumerate().rev() {
        if is(b) {
            upcoming = Some(i);
        }
        next[i] = upcoming;
    }
    (next, prev)
}

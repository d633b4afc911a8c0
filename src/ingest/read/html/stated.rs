//! The article a page states itself — JSON-LD `articleBody`, the element
//! marked `itemprop="articleBody"` — standing in for the content found
//! when that holds less than half of it.

use dom_query::Document as Dom;

use super::{blocks, coverage, words};
use crate::ingest::model::Block;

/// The article as the page's JSON-LD states it (`articleBody`), as blocks,
/// when the blocks found hold less than half of its words: the article was
/// behind a paywall's teaser, built by scripts, or split so that the main
/// content found was something else (a table, a list of links). A stated
/// body that the blocks mostly hold is left alone: the page shows it, with
/// its structure (headings, lists, links).
pub(super) fn stated_body(found: &[Block], body: &str, base: Option<&str>) -> Option<Vec<Block>> {
    let html_like = body.contains("</p>") || body.contains("<br") || body.contains("</div>");
    let html = if html_like {
        body.to_string()
    } else {
        body.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| format!("<p>{}</p>", l.replace('<', "&lt;").replace('>', "&gt;")))
            .collect()
    };
    let dom = Dom::from(format!("<html><body>{html}</body></html>").as_str());
    let root = dom.select("body").nodes().first().cloned()?;
    let stated = blocks::blocks(
        &root,
        blocks::Options {
            drop_chrome: true,
            base,
        },
    );
    stands_in(stated, found)
}

/// The element the page marks as its article's body (microdata,
/// `itemprop="articleBody"`), when there is one, as blocks — on the same
/// terms as [`stated_body`].
pub(super) fn marked_body(dom: &Dom, found: &[Block], base: Option<&str>) -> Option<Vec<Block>> {
    let marked = dom.select("[itemprop~=articleBody]").nodes().to_vec();
    let [one] = marked.as_slice() else {
        return None;
    };
    let b = blocks::blocks(
        one,
        blocks::Options {
            drop_chrome: true,
            base,
        },
    );
    stands_in(b, found)
}

/// `stated` in place of the blocks `found`, when it holds 50 words of
/// paragraphs at least and `found` holds less than half of them.
fn stands_in(stated: Vec<Block>, found: &[Block]) -> Option<Vec<Block>> {
    let paras: Vec<Block> = stated
        .iter()
        .filter(|b| matches!(b, Block::Para { .. }))
        .cloned()
        .collect();
    if paras.iter().flat_map(Block::texts).flat_map(words).count() < 50 {
        return None;
    }
    (coverage(&paras, found) < 0.5).then_some(stated)
}

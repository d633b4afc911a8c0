//! An article a page sets in several containers of one kind: the body
//! cut into sections with advertisement rows and "read more" boxes
//! between them (`<div class="body articleBody">` four times). Readability
//! keeps the best of them, and the rest of the article — often its lead
//! and its end — is lost.

use std::collections::HashMap;

use dom_query::{Document as Dom, NodeRef};
use regex::Regex;
use std::sync::LazyLock;

use super::{blocks, coverage, text_len};
use crate::ingest::model::Block;

/// A class that names an article's body or text, in the ways sites
/// write it (`articleBody`, `article-body`, `story__text`,
/// `entry-content`, `post-content`, `body-text`).
static BODY_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:article|story|entry|post|news|content)[-_]*(?:body|text|content)|body[-_]*(?:text|copy)")
        .unwrap()
});

/// The article's parts, in the page's order, in place of the blocks
/// `found` — when two or more containers of one element and class that
/// names a body, none inside another, hold what was found and at least a
/// third more.
pub(super) fn split_body(dom: &Dom, found: &[Block], base: Option<&str>) -> Option<Vec<Block>> {
    let found_len = text_len(found);
    if found_len == 0 {
        return None;
    }
    let mut groups: HashMap<(String, String), Vec<NodeRef<'_>>> = HashMap::new();
    let mut order: Vec<(String, String)> = Vec::new();
    for n in dom.select("body [class]").nodes() {
        let Some(class) = n.attr("class") else {
            continue;
        };
        if !BODY_CLASS.is_match(&class) {
            continue;
        }
        let key = (
            n.node_name().map(|t| t.to_string()).unwrap_or_default(),
            class.to_string(),
        );
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(*n);
    }
    let opts = blocks::Options {
        drop_chrome: true,
        base,
    };
    let mut best: Option<(usize, Vec<Block>)> = None;
    for key in order {
        let members = &groups[&key];
        if members.len() < 2 || nested(members) {
            continue;
        }
        let parts: Vec<Block> = members
            .iter()
            .flat_map(|m| blocks::blocks(m, opts))
            .collect();
        let len = text_len(&parts);
        if len * 3 < found_len * 4 || coverage(found, &parts) < 0.8 {
            continue;
        }
        if best.as_ref().is_none_or(|(l, _)| len > *l) {
            best = Some((len, parts));
        }
    }
    best.map(|(_, parts)| parts)
}

/// Whether one of the nodes holds another.
fn nested(nodes: &[NodeRef<'_>]) -> bool {
    let ids: Vec<_> = nodes.iter().map(|n| n.id).collect();
    nodes
        .iter()
        .any(|n| n.ancestors_it(None).any(|a| ids.contains(&a.id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: [&str; 4] = [
        "The lead of the article says what happened in the capital on Friday and why the vote matters.",
        "The second paragraph gives the background of the debate in parliament over the last months.",
        "The third paragraph quotes the minister, who said the government would not change its course.",
        "The last paragraph says what comes next: a vote in the upper house and a court challenge.",
    ];

    #[test]
    fn an_article_in_parts_between_advertisements_is_read_whole() {
        let html = format!(
            "<html><body><h1>Title</h1>\
             <div class=\"row\"><div class=\"body articleBody\"><p>{}</p><p>{}</p></div></div>\
             <div class=\"row ad\"><div class=\"advert\">Advertisement</div></div>\
             <div class=\"row\"><div class=\"body articleBody\"><p>{}</p>\
             <div class=\"teaser\"><a href=\"/x\">Read more: another story</a></div></div></div>\
             <div class=\"row\"><div class=\"body articleBody\"><p>{}</p></div></div>\
             </body></html>",
            P[0], P[1], P[2], P[3]
        );
        let dom = Dom::from(html.as_str());
        // What Readability kept: one part.
        let found = vec![Block::para(P[0]), Block::para(P[1])];
        let whole = split_body(&dom, &found, None).expect("the parts");
        let text: Vec<&str> = whole.iter().flat_map(Block::texts).collect();
        for p in P {
            assert!(text.contains(&p), "{p} not in {text:?}");
        }
        assert!(
            !text.iter().any(|t| t.contains("Advertisement")),
            "{text:?}"
        );
    }

    #[test]
    fn parts_that_do_not_hold_what_was_found_are_other_things() {
        // Two teaser boxes named like bodies, holding other stories.
        let html = format!(
            "<html><body><div class=\"main\"><p>{}</p><p>{}</p></div>\
             <div class=\"post-content\"><p>{}</p></div><div class=\"post-content\"><p>{}</p></div>\
             </body></html>",
            P[0], P[1], P[2], P[3]
        );
        let dom = Dom::from(html.as_str());
        let found = vec![Block::para(P[0]), Block::para(P[1])];
        assert!(split_body(&dom, &found, None).is_none());
    }
}

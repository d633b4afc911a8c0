//! Which of two readings of a page is its article: Readability's pick
//! (dom_smoothie's scoring) or the page's landmarks with chrome dropped
//! (`<main>`, `role=main`, the `<article>`, else `<body>`), and the one
//! `<article>` or `<main>` holding the headline when the landmarks fell
//! back to a body of teaser boxes. Readability misses a short page, a
//! page of lists, the prose beside a long block of names, a standfirst in
//! its own container; it takes a short page whole, menus and all.

use dom_query::{Document as Dom, NodeRef};

use super::{blocks, coverage, edges_without_boilerplate, is_link_teaser, text_len, words};
use crate::ingest::model::Block;

/// The page's main content: Readability's article, unless it missed most
/// of what the landmarks hold or took the chrome they leave out.
pub(super) fn main_content(dom: &Dom, html: &str, base: Option<&str>) -> Vec<Block> {
    let landmarks = landmark_blocks(dom, base);
    let readable = readable_blocks(html, base);
    let (r_len, l_len) = (text_len(&readable), text_len(&landmarks));
    // Readability's article, unless it missed most of a page whose
    // landmarks hold the text (a short page; a page of lists), or kept
    // more than the landmarks without their chrome (a short page it took
    // whole, navigation and all).
    let missed = r_len < 200.min(l_len) || (r_len * 3 < l_len && r_len < 1500);
    // (Only when the landmarks' text is mostly Readability's too: landmarks
    // that hold other text lost the article to a container named like
    // chrome, and Readability found it. And only when the landmarks hold
    // a good part of what Readability kept: a `<main>` holding one label
    // of a page whose article stands outside it proves nothing.)
    let took_chrome = took_chrome(r_len, l_len, coverage(&landmarks, &readable));
    // Readability and the page's markup may agree on the article where
    // the landmarks fell back to the whole body: the one `<article>` or
    // `<main>` that holds the headline (`<h1>`) and what Readability kept.
    // Then the body's teasers, trend boxes and "latest news" lists around
    // it are not the document; the container, larger than Readability's
    // pick, is.
    let landmarks = match headline_container(dom, &readable, l_len, base) {
        Some(container) if missed => container,
        _ => landmarks,
    };
    let l_len = text_len(&landmarks);
    let missed = r_len < 200.min(l_len)
        || (r_len * 3 < l_len && r_len < 1500)
        || missed_prose(&readable, &landmarks);
    if !missed && !took_chrome {
        // Readability judged the body; what it lets through lingers at the
        // article's edges (a tag line, a share bar, a sign-off).
        edges_without_boilerplate(with_lede(readable, &landmarks))
    } else {
        let mut b = landmarks;
        b.retain(|b| !is_link_teaser(b));
        crate::ingest::clean::blocks::drop_boilerplate_blocks(&mut b);
        b
    }
}

/// Readability's main content, as blocks.
fn readable_blocks(html: &str, base: Option<&str>) -> Vec<Block> {
    let cfg = dom_smoothie::Config {
        // The page's own metadata is read by `meta`, with provenance.
        disable_json_ld: true,
        // Classes kept so that the chrome Readability lets through (share
        // bars, tag lists) is still known by its name.
        keep_classes: true,
        ..dom_smoothie::Config::default()
    };
    let Ok(mut r) = dom_smoothie::Readability::new(html, base, Some(cfg)) else {
        return Vec::new();
    };
    let Ok(article) = r.parse() else {
        return Vec::new();
    };
    let content = Dom::from(article.content.as_ref());
    let Some(root) = content
        .select("body")
        .nodes()
        .first()
        .cloned()
        .or_else(|| content.root().first_element_child())
    else {
        return Vec::new();
    };
    blocks::blocks(
        &root,
        blocks::Options {
            drop_chrome: true,
            base,
        },
    )
}

/// The page's landmarks with chrome dropped: the `<article>` (when there is
/// one that holds most of the text), `<main>`, `role=main`, else `<body>`.
fn landmark_blocks(dom: &Dom, base: Option<&str>) -> Vec<Block> {
    let opts = blocks::Options {
        drop_chrome: true,
        base,
    };
    let body = dom.select("body").nodes().first().cloned();
    let body_blocks = body
        .as_ref()
        .map(|b| blocks::blocks(b, opts))
        .unwrap_or_default();
    let body_len = text_len(&body_blocks);
    for sel in [
        "main",
        "[role=main]",
        "article",
        "#content, #main-content, #main",
    ] {
        let nodes: Vec<NodeRef> = dom.select(sel).nodes().to_vec();
        if nodes.len() != 1 {
            continue;
        }
        let b = blocks::blocks(&nodes[0], opts);
        if text_len(&b) * 2 >= body_len && !b.is_empty() {
            return b;
        }
    }
    body_blocks
}

/// Readability's pick with the lede it left out: the paragraphs of prose
/// (up to three) that stand just before its first paragraph in the
/// landmarks, after the headline (a standfirst in its own container,
/// `<div class="post-text h3">`, `<p class="text-xl">`).
fn with_lede(mut readable: Vec<Block>, landmarks: &[Block]) -> Vec<Block> {
    let Some(first) = readable
        .iter()
        .position(|b| matches!(b, Block::Para { .. }))
    else {
        return readable;
    };
    let Some(at) = landmarks.iter().position(|b| *b == readable[first]) else {
        return readable;
    };
    let lede = |b: &Block| match b {
        Block::Para {
            num: None, text, ..
        } => {
            let t = text.trim();
            words(t).len() >= 12
                && crate::ingest::clean::blocks::ends_sentence(t)
                && !t.contains("](")
                && !readable.contains(b)
        }
        _ => false,
    };
    let from = (at.saturating_sub(3)..at)
        .rev()
        .take_while(|&i| lede(&landmarks[i]))
        .last();
    if let Some(from) = from {
        let lead: Vec<Block> = landmarks[from..at].to_vec();
        readable.splice(first..first, lead);
    }
    readable
}

/// Whether Readability kept less than half the prose the landmarks hold
/// (words in paragraphs of sentences), and the landmarks hold a good
/// deal of it: it took a large block of names or figures beside the
/// article (a letter's signatories) for the article.
fn missed_prose(readable: &[Block], landmarks: &[Block]) -> bool {
    fn prose_words(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para { text, .. } | Block::Quote(text) => Some(text),
                _ => None,
            })
            .filter_map(|t| {
                let n = words(t).len();
                // Sentences, not a run of names: it ends one, and has a
                // full stop every forty words.
                let stops = t
                    .chars()
                    .filter(|&c| crate::ingest::text::is_stop(c))
                    .count();
                (n >= 20
                    && crate::ingest::clean::blocks::ends_sentence(t.trim())
                    && stops * 40 >= n)
                    .then_some(n)
            })
            .sum::<usize>()
    }
    let (r, l) = (prose_words(readable), prose_words(landmarks));
    l >= 300 && r * 2 < l
}

/// Whether Readability's pick (`r_len` long) is the landmarks' text
/// (`l_len` long, `covered` its share of their words it holds) with the
/// chrome the landmarks leave out: it holds more, at most four times as
/// much, and most of their words.
fn took_chrome(r_len: usize, l_len: usize, covered: f64) -> bool {
    l_len > 0 && r_len > l_len && r_len <= 4 * l_len && covered >= 0.6
}

/// The blocks of the one `<article>`, `<main>` or `role=main` element that
/// holds an `<h1>` and most of Readability's words (`readable`), when it
/// holds less than half the landmarks' text (`l_len`: they fell back to the
/// body) and more than Readability kept.
fn headline_container(
    dom: &Dom,
    readable: &[Block],
    l_len: usize,
    base: Option<&str>,
) -> Option<Vec<Block>> {
    let r_len = text_len(readable);
    if r_len < 200 {
        return None;
    }
    let nodes: Vec<NodeRef> = dom
        .select("article:has(h1), main:has(h1), [role=main]:has(h1)")
        .nodes()
        .to_vec();
    let opts = blocks::Options {
        drop_chrome: true,
        base,
    };
    let mut found = None;
    for n in &nodes {
        let b = blocks::blocks(n, opts);
        let len = text_len(&b);
        if len <= r_len || len * 2 >= l_len || coverage(readable, &b) < 0.8 {
            continue;
        }
        // Nested containers (an `<article>` in the `<main>`): the outer.
        match &found {
            Some((_, l)) if *l >= len => {}
            _ => found = Some((b, len)),
        }
    }
    found.map(|(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readability_missed_the_prose_when_it_kept_a_letters_signatories() {
        let names = Block::para(
            (0..150)
                .map(|i| format!("**Name{i} Surname{i}**, University {i}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
        let sentence = "Our cultural institutions are facing a moment of trial, and powerful protests are leading to overdue demands for reform. ";
        let letter: Vec<Block> = (0..6)
            .map(|_| Block::para(sentence.repeat(4).trim()))
            .collect();
        let mut landmarks = letter.clone();
        landmarks.push(names.clone());
        assert!(missed_prose(std::slice::from_ref(&names), &landmarks));
        // Readability's pick holds the letter: nothing missed.
        assert!(!missed_prose(&letter, &landmarks));
        // A short page holds too little prose to judge.
        assert!(!missed_prose(std::slice::from_ref(&names), &landmarks[..1]));
    }

    #[test]
    fn the_standfirst_readability_left_out_leads_the_article() {
        let heading = Block::Heading {
            level: 1,
            text: "Dimethylether".into(),
        };
        let date = Block::para("24. Oktober 2022");
        let lede = Block::para(
            "Die Nachfrage nach erneuerbaren Energien in Deutschland steigt, und Alternativen zu fossilen Brennstoffen werden gesucht.",
        );
        let body = [
            Block::para(
                "Aufgrund seiner schadstoffarmen Verbrennung ist Dimethylether ein aussichtsreicher Energieträger für das Heizen der Zukunft.",
            ),
            Block::para(
                "Konventioneller Dimethylether wird heute auf zwei Arten hergestellt, aus Methanol oder direkt aus Synthesegas.",
            ),
        ];
        let mut landmarks = vec![heading.clone(), date.clone(), lede.clone()];
        landmarks.extend(body.iter().cloned());
        let got = with_lede(body.to_vec(), &landmarks);
        assert_eq!(got.first(), Some(&lede), "{got:?}");
        assert_eq!(got.len(), 3);
        // A date line or a heading before it is no lede.
        let landmarks = vec![heading, date];
        let got = with_lede(body.to_vec(), &[landmarks, body.to_vec()].concat());
        assert_eq!(got, body.to_vec());
    }

    #[test]
    fn readability_takes_chrome_only_beside_landmarks_that_hold_text() {
        // A short page Readability took whole, navigation and all.
        assert!(took_chrome(1500, 1000, 0.9));
        // A `<main>` holding one label ("Rezept in der Listen-Ansicht:")
        // of a page whose recipe stands in a column named for printing.
        assert!(!took_chrome(2597, 26, 1.0));
        // Landmarks that hold other text lost the article to chrome.
        assert!(!took_chrome(1500, 1000, 0.3));
    }
}

//! HTML pages: parsed by an HTML5 parser (html5ever, through dom_query),
//! metadata read from the page's head and markup ([`meta`]), the main
//! content found by Readability's scoring (dom_smoothie) and turned into
//! blocks ([`blocks`]).
//!
//! Readability can miss: a short page, a page of lists, a page whose
//! article is split in many containers. Then the page's own landmarks
//! stand in — `<article>`, `<main>`, `role=main`, else `<body>` — with the
//! page chrome (navigation, headers, footers, asides, forms, elements
//! named for chrome) dropped. A page that holds text never comes out empty.

pub mod blocks;
mod choice;
mod edges;
mod labels;
pub mod meta;
mod parts;
mod stated;

use std::sync::LazyLock;

use regex::Regex;

use dom_query::Document as Dom;

use crate::ingest::model::{Block, Document, Field, Origin};
use edges::{
    drop_labelled_link_lists, drop_leading_dateline, drop_leading_menu, drop_related_tail,
    drop_rights_notice, drop_scrolled_articles, drop_teaser_lists,
};
use stated::{marked_body, stated_body};

/// Whether text saved without an `.html` extension is an HTML page.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with("<?xml") && head.contains("<html"))
        || (head.starts_with("<!--") && head.contains("<html"))
}

/// Reads one HTML page.
pub fn read(html: &str) -> Document {
    let doc = read_as_shown(html);
    // A page that shows next to nothing may hold its text in hidden
    // elements its scripts reveal (React's streamed `<div hidden
    // id="S:1">`, a tab or a "read more" panel): read so, it is kept when
    // it gives much more text.
    if text_len(&doc.blocks) < 500
        && let Some(revealed) = without_hidden(html)
    {
        let shown = read_as_shown(&revealed);
        if text_len(&shown.blocks) > 2 * text_len(&doc.blocks) + 500 {
            return shown;
        }
    }
    // A page whose scripts write the article from a template may give it
    // to readers without scripts in a `<noscript>` (Blogger's posts): read
    // so, it is kept when it gives an article most of whose words the page
    // read with scripts on does not show.
    if let Some(unwrapped) = with_noscript_text(html) {
        let shown = read_as_shown(&unwrapped);
        if text_len(&shown.blocks) >= 500 && coverage(&shown.blocks, &doc.blocks) < 0.5 {
            return shown;
        }
    }
    doc
}

/// `html` with its `<noscript>` tags taken away (their content read as
/// the page's), when one of them holds paragraphs of text; else `None`.
fn with_noscript_text(html: &str) -> Option<String> {
    static NOSCRIPT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?is)<noscript\b[^>]*>(.*?)</noscript\s*>").unwrap());
    static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)</?noscript\b[^>]*>").unwrap());
    if !TAG.is_match(html) {
        return None;
    }
    NOSCRIPT
        .captures_iter(html)
        .any(|c| c[1].len() >= 500 && c[1].to_ascii_lowercase().contains("<p"))
        .then(|| TAG.replace_all(html, "").into_owned())
}

/// `html` with the `hidden` attribute taken off every element, or `None`
/// when none has it.
fn without_hidden(html: &str) -> Option<String> {
    static HIDDEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)(<[a-z][a-z0-9-]*[^<>]*?)\s+hidden(?:\s*=\s*(?:""|''|"hidden"|'hidden'|hidden))?([\s/>])"#)
            .unwrap()
    });
    HIDDEN
        .is_match(html)
        .then(|| HIDDEN.replace_all(html, "$1$2").into_owned())
}

fn read_as_shown(html: &str) -> Document {
    let html = &*without_noscript(html);
    let html = &*without_prelude(html);
    let dom = Dom::from(html);
    let mut doc = Document {
        markdown: true,
        ..Document::default()
    };
    meta::collect(&dom, &mut doc);
    // A dated address (`/2024/03/05/…`) dates a page that states no date it
    // can be read from (a yearless "5 March" by the headline, or nothing).
    if let Some(d) = doc
        .candidates(Field::Url)
        .iter()
        .find_map(|c| super::front_matter::dated_path(&c.value))
    {
        doc.add(Field::Date, d, Origin::UrlPath);
    }
    let base = doc
        .candidates(Field::Url)
        .iter()
        .map(|c| c.value.clone())
        .chain(
            dom.select("base[href]")
                .nodes()
                .first()
                .and_then(|b| b.attr("href"))
                .map(|h| h.to_string()),
        )
        .find(|u| {
            let l = u.to_ascii_lowercase();
            l.starts_with("http://") || l.starts_with("https://")
        });
    doc.blocks = choice::main_content(&dom, html, base.as_deref());
    // An article set in several parts between advertisements: Readability
    // kept one of them.
    if let Some(mut whole) = parts::split_body(&dom, &doc.blocks, base.as_deref()) {
        whole.retain(|b| !is_link_teaser(b));
        crate::ingest::clean::blocks::drop_boilerplate_blocks(&mut whole);
        doc.blocks = whole;
    }
    drop_feeds(&mut doc.blocks);
    if let Some(stated) = meta::article_body(&dom)
        .and_then(|b| stated_body(&doc.blocks, &b, base.as_deref()))
        .or_else(|| marked_body(&dom, &doc.blocks, base.as_deref()))
    {
        doc.blocks = stated;
    }
    drop_leading_menu(&mut doc.blocks);
    // The dateline's text stays evidence of the date (a page with no
    // metadata dates itself by it), after the dates the page marks up.
    for line in drop_leading_dateline(&mut doc.blocks) {
        doc.add(Field::Date, line, Origin::ShownDate);
    }
    drop_rights_notice(&mut doc.blocks);
    drop_related_tail(&mut doc.blocks);
    drop_labelled_link_lists(&mut doc.blocks);
    drop_teaser_lists(&mut doc.blocks);
    drop_scrolled_articles(&dom, &mut doc.blocks);
    // (After the closing list's label has cut what it labels.)
    labels::drop_orphan_labels(&mut doc.blocks);
    number_paragraphs(&mut doc.blocks);
    if doc.blocks.is_empty()
        && let Some(body) = dom.select("body").nodes().first()
    {
        doc.blocks = blocks::blocks(
            body,
            blocks::Options {
                drop_chrome: false,
                base: base.as_deref(),
            },
        );
    }
    doc
}

/// The words of a text, lower case (a Han or kana character is a word).
pub(super) fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut w = String::new();
    for c in s.chars() {
        if crate::ingest::text::is_unspaced(c) {
            if !w.is_empty() {
                out.push(std::mem::take(&mut w));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            w.extend(c.to_lowercase());
        } else if !w.is_empty() {
            out.push(std::mem::take(&mut w));
        }
    }
    if !w.is_empty() {
        out.push(w);
    }
    out
}

/// The share of the words of `these` blocks that `those` hold somewhere
/// (1 when `these` hold none).
pub(super) fn coverage(these: &[Block], those: &[Block]) -> f64 {
    let have: std::collections::HashSet<String> = those
        .iter()
        .flat_map(Block::texts)
        .flat_map(words)
        .collect();
    let (mut n, mut held) = (0usize, 0usize);
    for w in these.iter().flat_map(Block::texts).flat_map(words) {
        n += 1;
        held += usize::from(have.contains(&w));
    }
    if n == 0 { 1.0 } else { held as f64 / n as f64 }
}

/// The page without what stands between its `<html>` tag and its `<head>`:
/// a source file's own fields (an XHTML source's `<version>1</version>`),
/// which an HTML parser would move into the body as its first text.
fn without_prelude(html: &str) -> std::borrow::Cow<'_, str> {
    // Only a short way into the page: the `<head>` opens it.
    let head_of = &html[..html.floor_char_boundary(4096)];
    let find = |from: usize, tag: &[u8]| -> Option<usize> {
        let b = head_of.as_bytes();
        (from..b.len().saturating_sub(tag.len())).find(|&i| {
            b[i..i + tag.len()].eq_ignore_ascii_case(tag)
                && matches!(
                    b.get(i + tag.len()),
                    Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')
                )
        })
    };
    let Some(open) = find(0, b"<html") else {
        return std::borrow::Cow::Borrowed(html);
    };
    let Some(open_end) = html[open..].find('>').map(|p| open + p + 1) else {
        return std::borrow::Cow::Borrowed(html);
    };
    let Some(head) = find(open_end, b"<head") else {
        return std::borrow::Cow::Borrowed(html);
    };
    let between = &html[open_end..head];
    let text_between = {
        let mut in_tag = false;
        between.chars().any(|c| match c {
            '<' => {
                in_tag = true;
                false
            }
            '>' => {
                in_tag = false;
                false
            }
            _ => !in_tag && !c.is_whitespace(),
        })
    };
    if !text_between || between.to_ascii_lowercase().contains("<body") {
        return std::borrow::Cow::Borrowed(html);
    }
    std::borrow::Cow::Owned([&html[..open_end], &html[head..]].concat())
}

/// The page without its `<noscript>` elements, read as a browser with
/// scripts on reads them: as raw text up to the first `</noscript>`. A
/// parser with scripting off reads their content as markup, so a stray
/// `<noscript><div></noscript>` (the `</noscript>` ignored inside the
/// open `<div>`) would put the whole rest of the page inside the
/// `<noscript>`, which is never text of the page.
fn without_noscript(html: &str) -> std::borrow::Cow<'_, str> {
    const OPEN: &[u8] = b"<noscript";
    const CLOSE: &[u8] = b"</noscript";
    let find = |hay: &[u8], needle: &[u8], from: usize| -> Option<usize> {
        hay.get(from..)?
            .windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle))
            .map(|p| p + from)
    };
    let b = html.as_bytes();
    let Some(mut at) = find(b, OPEN, 0) else {
        return std::borrow::Cow::Borrowed(html);
    };
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    loop {
        // `<noscript>` or `<noscript …>`, not `<noscripts>`.
        let tag_end = b.get(at + OPEN.len()).copied();
        if !matches!(tag_end, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
            match find(b, OPEN, at + OPEN.len()) {
                Some(next) => {
                    at = next;
                    continue;
                }
                None => break,
            }
        }
        out.push_str(&html[copied..at]);
        let Some(close) = find(b, CLOSE, at) else {
            // Never closed: a browser reads the rest as its text.
            copied = html.len();
            break;
        };
        copied = b[close..]
            .iter()
            .position(|&c| c == b'>')
            .map_or(html.len(), |p| close + p + 1);
        match find(b, OPEN, copied) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.push_str(&html[copied..]);
    std::borrow::Cow::Owned(out)
}

/// The in-body boilerplate classes applied to an article, but only the
/// first two and last four blocks may go: inside an article Readability
/// has already judged, a link-dense list or table is content.
fn edges_without_boilerplate(mut blocks: Vec<Block>) -> Vec<Block> {
    blocks.retain(|b| !is_link_teaser(b));
    // A closing list under its label goes whole, before the label alone
    // would go as a chrome line and leave the list it labels.
    drop_related_tail(&mut blocks);
    let mut judged = blocks.clone();
    if crate::ingest::clean::blocks::drop_boilerplate_blocks(&mut judged) == 0 {
        return blocks;
    }
    // Which blocks survived: `judged` is a subsequence of `blocks`.
    let n = blocks.len();
    let mut kept = vec![false; n];
    let mut j = 0;
    for (i, b) in blocks.iter().enumerate() {
        if judged.get(j) == Some(b) {
            kept[i] = true;
            j += 1;
        }
    }
    blocks
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| kept[i] || (i >= 2 && i + 4 < n))
        .map(|(_, b)| b)
        .collect()
}

/// A site's feed of dated headlines that the article's container holds
/// after (or before) the article, and, after it, the rest of the page
/// (see `clean::teasers`).
fn drop_feeds(blocks: &mut Vec<Block>) {
    use crate::ingest::clean::teasers::{Unit, feed_cut};
    fn unit(text: &str, judged: bool, heading: bool) -> Unit<'_> {
        Unit {
            text,
            judged,
            heading,
        }
    }
    let cut = {
        let units: Vec<Unit<'_>> = blocks
            .iter()
            .map(|b| match b {
                Block::Heading { text, .. } => unit(text, true, true),
                Block::Para {
                    num: None,
                    text,
                    items,
                } if items.is_empty() => unit(text, true, false),
                Block::ListItem(text) | Block::Quote(text) => unit(text, true, false),
                Block::Para { text, .. } => unit(text, false, false),
                Block::Table(_) | Block::Code { .. } => unit("", false, false),
            })
            .collect();
        feed_cut(&units)
    };
    if cut.is_empty() {
        return;
    }
    let mut drop = vec![false; blocks.len()];
    for i in cut {
        drop[i] = true;
    }
    let mut k = 0;
    blocks.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// A paragraph that only points to another article under a label
/// (`Read also: [Other headline](…)`, `Baca juga: …`, `Lesen Sie auch: …`):
/// the label is a chrome word and most of the rest is one link; or, in any
/// language, a label of one to three words and a colon before one link to
/// a headline and nothing else (`Lea más: [headline](…)`, `MIRA: …`), as
/// a paragraph, a quote or a heading. Such a teaser goes wherever it
/// stands in the article.
fn is_link_teaser(b: &Block) -> bool {
    static LINK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(&format!(
            r"\[([^\]]*)\]\({}\)",
            crate::ingest::text::MD_LINK_TARGET
        ))
        .unwrap()
    });
    // `**Label:** [Headline](…)`: emphasis around the label or the link.
    static LABELLED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^[*_]*\s*([^\[\]:：*_\d]{1,40}?)\s*[:：]\s*[*_]*\s*\[([^\]]+)\]\([^)]*\)\s*[*_]*\s*$",
        )
        .unwrap()
    });
    let text = match b {
        Block::Para {
            num: None,
            text,
            items,
        } if items.is_empty() => text,
        Block::Quote(text) | Block::Heading { text, .. } => text,
        _ => return false,
    };
    if !text.contains("](") {
        return false;
    }
    if let Some(c) = LABELLED.captures(text) {
        let label_words = c[1].split_whitespace().count();
        let headline = &c[2];
        let unspaced = headline
            .chars()
            .filter(|&ch| crate::ingest::text::is_unspaced(ch))
            .count();
        if (1..=3).contains(&label_words)
            && (headline.split_whitespace().count() >= 4 || unspaced >= 10)
        {
            return true;
        }
    }
    if !matches!(b, Block::Para { .. }) {
        return false;
    }
    let plain = LINK.replace_all(text, "$1").replace(['*', '_', '\\'], "");
    let linked: usize = LINK
        .captures_iter(text)
        .map(|c| c[1].chars().filter(|c| c.is_alphanumeric()).count())
        .sum();
    let letters = plain.chars().filter(|c| c.is_alphanumeric()).count();
    crate::ingest::clean::blocks::is_labelled_strip(&plain) && linked * 3 >= letters * 2
}

/// A page of numbered paragraphs (`<p>1. The General Assembly …</p>`, a
/// UN document published as HTML) keeps its numbers as the paragraphs'
/// own, so each gets its stable anchor: when at least three paragraphs
/// open with a number and the numbers mostly run in sequence.
fn number_paragraphs(blocks: &mut [Block]) {
    static NUM: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"^(\d{1,4})\.\s+(\S.*)$").unwrap());
    let nums: Vec<(usize, u32)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Para {
                num: None, text, ..
            } => {
                let c = NUM.captures(text)?;
                Some((i, c[1].parse().ok()?))
            }
            _ => None,
        })
        .collect();
    let in_step = nums.windows(2).filter(|w| w[1].1 == w[0].1 + 1).count();
    if nums.len() < 3 || in_step * 5 < (nums.len() - 1) * 4 {
        return;
    }
    let mut last = 0;
    for (i, n) in nums {
        // Only numbers that go up: a repeated or lower one is text.
        if n <= last {
            continue;
        }
        last = n;
        if let Block::Para { num, text, .. } = &mut blocks[i]
            && let Some(c) = NUM.captures(text)
        {
            let rest = c[2].to_string();
            *text = rest;
            *num = Some(n.into());
        }
    }
}

/// How much text the blocks hold, in letters of a spaced script: a Han or
/// kana character says about as much as three.
fn text_len(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .flat_map(Block::texts)
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if crate::ingest::text::is_unspaced(c) {
                3
            } else {
                1
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_box_of_headlines_around_the_article_that_holds_the_headline_is_not_the_page() {
        // A short article in the one `<article>` with the `<h1>`, in a page
        // whose body is mostly boxes of other headlines (a trend strip
        // above, a "latest news" list below, outside any landmark).
        let p = "Tras seis derrotas consecutivas, el equipo volvió a puntuar en su lucha por la salvación ante un rival directo en un pabellón lleno.";
        let teasers: String = (0..30)
            .map(|i| {
                format!(
                    "<li><a href=\"/n/{i}\">Un profesor opina sobre los sueldos en Portugal frente a los de otros países de Europa, noticia {i}</a></li>"
                )
            })
            .collect();
        let html = format!(
            "<html><head><title>Punto vital</title></head><body>\
             <div class=\"trends\"><h2>Temas del día</h2><ul><li><a href=\"/t/1\">Guerra en Ucrania</a></li><li><a href=\"/t/2\">Elecciones</a></li></ul></div>\
             <article><h1>El equipo logra un punto vital</h1><p>{p}</p><p>{p}</p><p>{p}</p></article>\
             <div class=\"v-g\"><p>Últimas noticias</p><ul>{teasers}</ul></div></body></html>"
        );
        let doc = read(&html);
        let text = texts(&doc).join("\n");
        assert_eq!(text.matches("Tras seis derrotas").count(), 3, "{text}");
        assert!(!text.contains("Portugal"), "{text}");
        assert!(!text.contains("Ucrania"), "{text}");
    }

    #[test]
    fn a_source_files_fields_before_its_head_are_not_the_first_text() {
        // An XHTML news source as some sites keep them: the build's own
        // fields between `<html>` and `<head>`.
        let p = "Η ACTA, μια πολυεθνική συνθήκη για την επιβολή πνευματικών δικαιωμάτων, απειλεί το Ελεύθερο Λογισμικό.";
        let html = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html newsdate=\"2012-02-10\">\n  <version>1</version>\n  <head><title>Διαμαρτυρία</title></head>\n  <body><h1>Διαμαρτυρία</h1><p>{p}</p><p>{p}</p></body></html>"
        );
        let doc = read(&html);
        let texts = texts(&doc);
        assert_eq!(texts.first(), Some(&"Διαμαρτυρία"), "{texts:?}");
        assert!(!texts.iter().any(|t| t.trim() == "1"), "{texts:?}");
        assert_eq!(
            crate::ingest::metadata::extract(&doc).date.as_deref(),
            Some("2012-02-10")
        );
    }

    #[test]
    fn an_article_its_scripts_write_from_a_template_is_read_from_its_noscript() {
        // Blogger: the post in a template a script copies into the page,
        // and again in a `<noscript>` for readers without scripts; around
        // it, the blog's labels and archive.
        let paras = [
            "Over the past few years we have seen threats on the web becoming increasingly sophisticated, and phishing sites rotate domains very quickly to avoid being blocked.",
            "Turning on the new protection will substantially increase protection from dangerous websites and downloads by sharing real-time data with the service.",
            "Over the next year we will be adding even more protections to this mode, including tailored warnings for phishing sites and file downloads.",
            "The billions of users of the browser are incredibly diverse, with a full spectrum of needs and perspectives in security and privacy, and we will go on investing in it.",
        ];
        let post: String = paras.iter().map(|p| format!("<p>{p}</p>")).collect();
        let labels: String = (0..60)
            .map(|i| format!("<li><a href=\"/search/label/l{i}\">label number {i}</a></li>"))
            .collect();
        let html = format!(
            "<html><head><title>Protection now available</title></head><body>\
             <div class=\"header\"><h2>Security Blog</h2><div>The latest news and insights on security and safety on the Internet</div></div>\
             <div class=\"post\"><h2 class=\"title\">Protection now available</h2><div class=\"post-body\">\
             <script type=\"text/template\">{post}</script><noscript>{post}</noscript></div></div>\
             <div class=\"sidebar\"><h2>Labels</h2><ul>{labels}</ul></div></body></html>"
        );
        let doc = read(&html);
        let text = texts(&doc).join("\n");
        for p in paras {
            assert!(text.contains(p), "{text}");
        }
        assert!(!text.contains("label number"), "{text}");
    }

    #[test]
    fn the_next_story_a_page_scrolled_in_is_not_the_first_ones_text() {
        let first = [
            "Nord-Korea kan bli sett på som en trussel når landet ser hva som skjer med andre land, sier eksperten til avisen.",
            "Han mener at angsten vil øke i regionen etter angrepet, og at flere land vil søke atomvåpen for å beskytte seg selv.",
            "Situasjonen er uoversiktlig, og ingen vet hvordan de ulike partene vil reagere i dagene som kommer, skriver avisen.",
        ];
        let second = [
            "Siden exiten har treneren bodd i England, og han har ikke hatt noen jobb siden han forlot klubben i fjor høst.",
            "Nå sier han nei til et nytt tilbud fra klubben, og han vil heller vente på riktig mulighet, ifølge kilder nær ham.",
        ];
        let paras = |ps: &[&str]| ps.iter().map(|p| format!("<p>{p}</p>")).collect::<String>();
        let html = format!(
            "<html><head><title>Angsten vil øke</title></head><body><main>\
             <article><h1>Angsten vil øke</h1>{}</article>\
             <article id=\"second-article\"><h1>Null tvil: nei!</h1>{}</article></main></body></html>",
            paras(&first),
            paras(&second)
        );
        let doc = read(&html);
        let text = texts(&doc).join("\n");
        for p in first {
            assert!(text.contains(p), "{text}");
        }
        assert!(!text.contains("England"), "{text}");
        assert!(!text.contains("Null tvil"), "{text}");
    }

    #[test]
    fn a_dateline_taken_out_of_the_text_still_dates_the_page() {
        let p = "Il parco ha registrato quest'anno il numero più alto di nascite di orsi marsicani dall'inizio del monitoraggio, secondo i dati diffusi dai guardiaparco.";
        let html = format!(
            "<html><body><article><h1>Orso marsicano: un anno da record</h1><p><em>( Pescasseroli, 14 Gennaio 20 )</em></p><p>{p}</p><p>{p}</p></article></body></html>"
        );
        let doc = read(&html);
        let text = texts(&doc);
        assert!(!text.iter().any(|t| t.contains("Pescasseroli")), "{text:?}");
        assert_eq!(
            crate::ingest::metadata::extract(&doc).date.as_deref(),
            Some("2020-01-14")
        );
    }

    #[test]
    fn an_article_its_scripts_reveal_is_read() {
        // React's streamed rendering: the page's shell, then the article
        // in a hidden segment a script moves into place.
        let para = "Kurban Bayramı öncesinde hayvan pazarlarında yoğunluk yaşanıyor ve vatandaşlar kurbanlık almak için erken saatlerde pazarlara geliyor.";
        let body: String = (0..8).map(|i| format!("<p>{i}. {para}</p>")).collect();
        let html = format!(
            "<html><head><title>Kurban</title></head><body><header><nav><a href=\"/\">Gündem</a> <a href=\"/spor\">Spor</a></nav></header>\
             <main id=\"root\"><template id=\"B:1\"></template><p>Yükleniyor...</p></main><footer><p>© 2026 Ajans</p></footer>\
             <div hidden id=\"S:1\"><article><h1>Kurban pazarları</h1>{body}</article></div><script></script></body></html>"
        );
        let doc = read(&html);
        let text = texts(&doc);
        assert!(
            text.iter()
                .filter(|t| t.contains("hayvan pazarlarında"))
                .count()
                == 8,
            "{text:?}"
        );
        // A page that shows its text keeps its hidden parts hidden.
        let html = format!(
            "<html><body><article><h1>Kurban pazarları</h1>{body}<div hidden><p>Gizli reklam metni burada duruyor ve okunmamalı.</p></div></article></body></html>"
        );
        let doc = read(&html);
        let text = texts(&doc);
        assert!(!text.join(" ").contains("Gizli"), "{text:?}");
    }

    use super::*;

    #[test]
    fn a_dated_address_dates_a_page_that_states_no_readable_date() {
        let page = |head: &str| {
            format!(
                "<html><head><link rel=canonical href='https://news.example.org/world/2024/03/05/cyber-talks.html'>{head}</head>\
                 <body><article><h1>Cyber talks open</h1><p class=date>5 March</p><p>Delegates met to discuss cybercrime and evidence.</p></article></body></html>"
            )
        };
        let meta = |doc: &Document| crate::ingest::metadata::extract(doc).date;
        assert_eq!(meta(&read(&page(""))).as_deref(), Some("2024-03-05"));
        // A date the page states wins over its address.
        let stated = read(&page(
            "<meta property='article:published_time' content='2024-03-04T09:00:00Z'>",
        ));
        assert_eq!(meta(&stated).as_deref(), Some("2024-03-04"));
    }

    #[test]
    fn a_british_page_writes_the_day_first() {
        let page = |lang: &str| {
            format!(
                "<html lang={lang}><body><h1>Halls too full</h1><span class=time>02/10/2020</span>\
                 <p>Students were told the halls were too full to be safe.</p></body></html>"
            )
        };
        let date = |lang: &str| crate::ingest::metadata::extract(&read(&page(lang))).date;
        assert_eq!(date("en-gb").as_deref(), Some("2020-10-02"));
        assert_eq!(date("en-AU").as_deref(), Some("2020-10-02"));
        assert_eq!(date("en-US").as_deref(), Some("2020-02-10"));
        assert_eq!(date("en").as_deref(), Some("2020-02-10"));
    }

    fn texts(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().flat_map(Block::texts).collect()
    }

    #[test]
    fn the_stated_article_body_stands_in_for_a_paywalls_teaser() {
        let first = "Betreiber von Photovoltaikanlagen fragen sich bei Schneefall, ob sie die Module von der weißen Last befreien sollen, denn die Wintersonne bringt gute Erträge.";
        let second = "Marktübliche Solarmodule halten einem Druck von bis zu 5.400 Pascal stand, ohne Schaden zu nehmen, solange die Last gleichmäßig verteilt ist und nichts rutscht.";
        let third = "Von waghalsigen Räumaktionen auf dem eigenen Dach raten die Prüfer dringend ab, schon aus Gründen des Arbeitsschutzes, und empfehlen einen Fachbetrieb.";
        let page = |body: &str| {
            format!(
                "<html><head><script type='application/ld+json'>{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"Schnee belastet Module\",\"articleBody\":\"{first}\n{second}\n{third}\"}}</script></head>\
                 <body><nav><a href='/'>Start</a></nav>{body}<footer>Impressum</footer></body></html>"
            )
        };
        // The page shows a teaser and a call to subscribe.
        let doc = read(&page(&format!(
            "<article><h1>Schnee belastet Module</h1><p>{first}</p><h4>Mit top+ weiterlesen</h4><p>Das volle Spezialwissen in Ackerbau und Management, jetzt vier Wochen lang testen.</p></article>"
        )));
        let all = texts(&doc);
        assert!(all.iter().any(|t| t.contains("5.400 Pascal")), "{all:?}");
        assert!(all.iter().any(|t| t.contains("Fachbetrieb")), "{all:?}");
        assert!(!all.iter().any(|t| t.contains("weiterlesen")), "{all:?}");
        // A page that shows the article keeps it as it shows it, headings
        // and all.
        let doc = read(&page(&format!(
            "<article><h1>Schnee belastet Module</h1><p>{first}</p><h2>Bis zu 540 kg</h2><p>{second}</p><p>{third}</p></article>"
        )));
        assert!(
            doc.blocks
                .iter()
                .any(|b| matches!(b, Block::Heading { text, .. } if text == "Bis zu 540 kg")),
            "{:?}",
            doc.blocks
        );
    }

    #[test]
    fn the_marked_article_body_stands_in_for_a_table_taken_as_the_article() {
        let p = "<p>A powerful alliance of chefs and charities urges the government to block foods.</p>";
        let row = "<tr><td>Aberconwy, Aldershot, Aldridge-Brownhills, Altrincham</td><td>Robin Millar, Leo Docherty, Wendy Morton, Graham Brady</td></tr>";
        let html = format!(
            "<html><body><div itemprop='articleBody'><h1>War on toxic food</h1>{p}{p}{p}{p}</div>\
             <div class='mps'><table>{}</table></div></body></html>",
            row.repeat(12)
        );
        let dom = Dom::from(html.as_str());
        let of = |sel: &str| {
            let n = dom.select(sel).nodes().first().cloned().expect(sel);
            blocks::blocks(
                &n,
                blocks::Options {
                    drop_chrome: true,
                    base: None,
                },
            )
        };
        // The main content found was the table beside the article.
        let stated = marked_body(&dom, &of(".mps"), None).expect("the marked body");
        assert!(
            texts(&Document {
                blocks: stated,
                ..Document::default()
            })
            .iter()
            .any(|t| t.contains("alliance of chefs"))
        );
        // Found the article: left as found.
        assert!(marked_body(&dom, &of("[itemprop=articleBody]"), None).is_none());
    }

    #[test]
    fn a_labelled_link_to_another_headline_is_a_teaser_in_any_language() {
        let p = "<p>La autoridad monetaria detalló que del total de desembolsos, la mayor parte fue para el sector privado y el resto para el sector público del país.</p>";
        let html = format!(
            "<html><body><article><h1>Desembolsos</h1>{p}<p>Fuente: <a href='https://ex.org/d'>Banco Central</a></p>{p}\
             <p><strong>Lea más:&nbsp;<a href='https://ex.org/a'>Juan Carlos propone legalizar la comercialización de cannabis</a></strong></p>{p}\
             <blockquote><b>PUEDES VER: </b><a href='https://ex.org/b'>¿Qué es la Sunedu y para qué sirve?</a></blockquote>{p}\
             <h6><strong>Mire:&nbsp;</strong><a href='https://ex.org/c'>El cantante da positivo a la prueba</a></h6>{p}\
             {p}{p}</article></body></html>"
        );
        let doc = read(&html);
        let all = texts(&doc);
        assert!(all.iter().any(|t| t.contains("sector privado")), "{all:?}");
        for teaser in ["Juan Carlos", "Sunedu", "El cantante"] {
            assert!(!all.iter().any(|t| t.contains(teaser)), "{teaser}: {all:?}");
        }
        // A source named by a short link is no headline of another article.
        assert!(all.iter().any(|t| t.contains("Banco Central")), "{all:?}");
    }

    #[test]
    fn an_article_in_a_container_named_like_chrome_is_kept() {
        // Readability finds the article; the landmarks lose it to its
        // container's name (`print-area`) and hold only the site's list of
        // most read stories.
        let para = "<div>Dirk Schimmelpfennig blickte sichtlich angespannt in den leeren Raum, Thomas Weikert zuckte neben ihm leicht genervt mit den Schultern, denn der zweite Fall traf das Team.</div>";
        let html = format!(
            "<html><body><div class='print-area'><h1>Zweiter Coronafall im Team</h1>{para}{para}{para}{para}{para}{para}</div>\
             <div class='grid'><h2>Meistgelesen</h2><ul><li><a href='https://ex.org/1'>Nächstes Teammitglied positiv getestet vor fünf Stunden</a></li>\
             <li><a href='https://ex.org/2'>Schuh-Streit zwischen Polen und Deutschland eskaliert</a></li></ul></div></body></html>"
        );
        let doc = read(&html);
        let all = texts(&doc);
        assert!(all.iter().any(|t| t.contains("Schimmelpfennig")), "{all:?}");
    }

    #[test]
    fn a_list_of_related_stories_closing_the_article_goes() {
        let p = "<p>The agency said it would publish the full results of the survey next month, after a review by independent statisticians in three countries.</p>";
        let html = format!(
            "<html><body><article><h1>Survey results</h1>{p}{p}{p}{p}\
             <h2>Weitere Beiträge zum Thema</h2><h3>The Motor Chain: Respekt vor dem Klassiker</h3><h3>Bugatti: Erinnerung an den Sohn des Gründers</h3>\
             <ul><li>Auktion: Ford GT erzielte 1,15 Millionen Franken</li></ul></article></body></html>"
        );
        let all = texts(&read(&html)).join(" | ");
        assert!(all.contains("independent statisticians"), "{all}");
        assert!(
            !all.contains("Bugatti") && !all.contains("Weitere"),
            "{all}"
        );
        // A section of the article under a heading stays.
        let html = format!(
            "<html><body><article><h1>Survey results</h1>{p}{p}{p}<h2>Key findings</h2><ul><li>Wages rose</li><li>Prices fell</li></ul></article></body></html>"
        );
        assert!(
            texts(&read(&html))
                .iter()
                .any(|t| t.contains("Prices fell"))
        );
    }

    #[test]
    fn a_copyright_notice_at_the_articles_end_goes() {
        let p = "<p>The agency said it would publish the full results of the survey next month, after a review by independent statisticians in three countries.</p>";
        let page = |end: &str| {
            format!(
                "<html><body><article><h1>Survey results</h1>{p}{p}{p}{p}{end}</article></body></html>"
            )
        };
        for end in [
            "<p>© 2020 CBS Interactive Inc. All Rights Reserved.</p>",
            "<p>Materiał chroniony prawem autorskim - wszelkie prawa zastrzeżone. Dalsze rozpowszechnianie artykułu za zgodą wydawcy.</p><p>Drukuj</p>",
        ] {
            let doc = read(&page(end));
            let all = texts(&doc);
            assert!(
                all.iter().any(|t| t.contains("independent statisticians")),
                "{all:?}"
            );
            assert!(
                !all.iter()
                    .any(|t| t.contains("Reserved") || t.contains("zastrzeżone") || t == &"Drukuj"),
                "{all:?}"
            );
        }
        // A sentence of the article about copyright stays.
        let doc = read(&page(
            "<p>The court ruled that the photographs were copyrighted by the agency and that the newspaper had used them without a licence, ordering damages.</p>",
        ));
        assert!(texts(&doc).iter().any(|t| t.contains("ordering damages")));
    }

    #[test]
    fn short_page_keeps_its_text_and_drops_its_navigation() {
        let html = "<html><body><header><a href='/'>Information</a> / <a href='/n'>Equipo Nizkor</a> / <a href='/b'>Bookshop</a> | <a href='/d'>Donate</a></header>\
            <main><h1>Comunicado</h1><p>El equipo denuncia el ataque informático contra el ministerio.</p></main>\
            <footer>© Equipo Nizkor</footer></body></html>";
        let doc = read(html);
        let all = texts(&doc);
        assert!(
            all.iter().any(|t| t.contains("ataque informático")),
            "{all:?}"
        );
        assert!(
            !all.iter()
                .any(|t| t.contains("Bookshop") || t.contains("©")),
            "{all:?}"
        );
    }

    #[test]
    fn article_page_with_chrome_around() {
        let para = "Die Sicherheitslage im Land bleibt angespannt, und Reisende sollten die Hinweise der Behörden beachten. ";
        let html = format!(
            "<html lang=de><head><title>Reisehinweise - Auswärtiges Amt</title></head><body>\
             <nav><ul><li><a href='/a'>Startseite</a></li><li><a href='/b'>Reisen</a></li></ul></nav>\
             <div class='content'><h1>Reisehinweise</h1><p>{p}</p><p>{p}</p><p>{p}</p><h2>Kriminalität</h2><p>{p}</p></div>\
             <div class='related-links'><ul><li><a href='/x'>Andere Länder</a></li></ul></div>\
             <a href='#top' class='back-to-top'>nach oben</a></body></html>",
            p = para.repeat(3)
        );
        let doc = read(&html);
        let heads: Vec<&Block> = doc
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Heading { .. }))
            .collect();
        assert!(
            heads.iter().any(|h| h.texts() == vec!["Kriminalität"]),
            "{:?}",
            doc.blocks
        );
        let all = texts(&doc);
        assert!(
            all.iter().filter(|t| t.contains("Sicherheitslage")).count() >= 4,
            "{all:?}"
        );
        assert!(
            !all.iter()
                .any(|t| t.contains("Startseite") || t.contains("nach oben")),
            "{all:?}"
        );
    }

    #[test]
    fn a_sites_feed_after_the_article_is_not_the_article() {
        let para = "Der Stürmer erklärte am Montag seinen Rücktritt aus der Nationalmannschaft, nach dreizehn Jahren und 130 Länderspielen. ";
        let feed: String = (1..=12)
            .map(|d| {
                format!(
                    "<div class=item><span>Analyse {d}. September 2021</span> Schlagzeile Nummer {d} aus Brasilien</div>"
                )
            })
            .collect();
        let html = format!(
            "<html lang=de><body><div class=content><h1>Rücktritt</h1><p>{p}</p><p>{p}</p><p>{p}</p>\
             <h4>Leute</h4>{feed}<table><tr><td>1</td><td>Bayern</td></tr></table>\
             <p>© 2006-2019 Verlag</p></div></body></html>",
            p = para.repeat(2)
        );
        let doc = read(&html);
        let all = texts(&doc);
        assert_eq!(
            all.iter().filter(|t| t.contains("Rücktritt aus")).count(),
            3,
            "{all:?}"
        );
        assert!(
            !all.iter()
                .any(|t| t.contains("Schlagzeile") || t.contains("Leute") || t.contains('©')),
            "{all:?}"
        );
    }

    #[test]
    fn numbered_paragraphs_keep_their_numbers() {
        let p = |n: u32| {
            format!("<p>{n}. The Assembly recalls its earlier work on the matter, number {n}.</p>")
        };
        let html = format!(
            "<html><body><main><h1>Resolution</h1><p>Preamble text of the resolution.</p>{}{}{}</main></body></html>",
            p(1),
            p(2),
            p(3)
        );
        let doc = read(&html);
        let nums: Vec<u32> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para {
                    num: Some(n), text, ..
                } => {
                    assert!(text.starts_with("The Assembly"), "{text}");
                    Some(n.n)
                }
                _ => None,
            })
            .collect();
        assert_eq!(nums, vec![1, 2, 3]);
    }

    #[test]
    fn link_teasers_inside_an_article_go() {
        assert!(is_link_teaser(&Block::para(
            "**Baca juga: [Menhub Lobi Sri Mulyani untuk Bebaskan Pajak](https://x.id/a)**"
        )));
        assert!(is_link_teaser(&Block::para(
            "Read more: [Ministers meet in Geneva](https://x.org/b)"
        )));
        assert!(!is_link_teaser(&Block::para(
            "The [ministers](https://x.org/m) met in Geneva: they agreed on rules."
        )));
        assert!(!is_link_teaser(&Block::para(
            "Read the [report](https://x.org/r) and the annex, which explain why the rules changed."
        )));
    }

    #[test]
    fn a_pictures_credit_is_no_text_its_caption_is() {
        let p = "Die Regierung stellte am Montag ihren Plan für den Ausbau der Netze vor, der bis 2030 reichen soll.";
        let html = format!(
            "<html><body><article><h1>Netzausbau</h1><figure><img src=a.jpg><figcaption>Foto: dpa/Max Muster</figcaption></figure>\
             <p>{p}</p><figure><img src=b.jpg><figcaption>(REUTERS/Anna Beispiel)</figcaption></figure>\
             <figure><img src=c.jpg><figcaption>Bewaffnete stürmten am Mittwoch das Nationalmuseum in Tunis. (Reuters)</figcaption></figure>\
             <p>{p}</p><p class=\"wp-caption-text\">Der Minister bei der Vorstellung</p><span class=\"photo-credit\">Bild: Ministerium</span><p>{p}</p></article></body></html>"
        );
        let doc = read(&html);
        let all = texts(&doc);
        let all = all.join("\n");
        assert!(all.contains("Der Minister bei der Vorstellung"), "{all}");
        assert!(all.contains("stürmten am Mittwoch"), "{all}");
        for credit in ["dpa/Max", "REUTERS", "Bild: Ministerium"] {
            assert!(!all.contains(credit), "{credit} kept: {all}");
        }
    }

    #[test]
    fn a_videos_player_and_title_and_a_newsletter_box_are_no_text() {
        let p = "Russia used the powerful ballistic missile during a mass drone and missile attack on Kyiv on Sunday, officials said.";
        let html = format!(
            "<html><body><article><h1>Attack on Kyiv</h1><p>{p}</p>\
             <figure data-module-id=\"VideoKalturaPlayerModule\" class=\"mb-10\"><img src=poster.jpg>\
             <figcaption><span>Baerbock sagt 300 Millionen Euro zusätzliche Hilfen für Syrien zu</span></figcaption></figure>\
             <p>{p}</p><div class=\"c-video c-videoPlay\"><span>2:34</span> Russia launches major nuclear drills with Belarus</div>\
             <div class=\"c-inlineSignup\"><h2>Get daily National news</h2><div>Get daily Canada news delivered to your inbox.</div></div>\
             <p>{p}</p><figure><img src=c.jpg><figcaption>Smoke rises over the city after the strikes on Sunday.</figcaption></figure></article></body></html>"
        );
        let doc = read(&html);
        let all = texts(&doc).join("\n");
        assert_eq!(all.matches("Russia used").count(), 3, "{all}");
        assert!(
            all.contains("Smoke rises"),
            "a picture's caption stays: {all}"
        );
        for gone in ["Syrien", "Belarus", "Canada", "National news"] {
            assert!(!all.contains(gone), "{gone} kept: {all}");
        }
    }

    #[test]
    fn a_stray_element_in_noscript_does_not_hide_the_page() {
        let p = "Sono almeno nove le femmine di orso marsicano che si sono riprodotte nel 2019 nel Parco, e sedici i cuccioli contati.";
        let html = format!(
            "<html><body><noscript><div id=nojs></noscript><div id=wrapper><h1>Orso marsicano</h1><p>{p}</p><p>{p}</p></div></body></html>"
        );
        let doc = read(&html);
        let all = texts(&doc);
        assert!(all.iter().any(|t| t.contains("femmine")), "{all:?}");
        assert_eq!(without_noscript("a<NOSCRIPT x>b</noscript >c"), "ac");
        assert_eq!(without_noscript("a<noscripts>b"), "a<noscripts>b");
        assert_eq!(without_noscript("a<noscript>b"), "a");
    }

    #[test]
    fn html_sniffing() {
        assert!(looks_like_html("<!DOCTYPE html>\n<html>"));
        assert!(looks_like_html("  <html lang=en>"));
        assert!(!looks_like_html("Plain text about <html> tags."));
    }
}

//! What goes into the search index: one record per paragraph of a
//! document (linked to its `#p-N` anchor, or to its text) and one per
//! other page, with the filters the search page offers. A record is what
//! a click on a result returns; the index (`index.rs`) groups a page's
//! records into one entry with a posting per paragraph.
//!
//! Pure data: tested without the `search` feature.

use std::collections::{BTreeMap, HashMap};

use crate::build::LoadedSite;
use crate::content::{Kind, Page};
use crate::links::encode_path;

/// The filter names the search page knows.
pub const FILTER_KIND: &str = "kind";
pub const FILTER_LANGUAGE: &str = "language";
pub const FILTER_COUNTRY: &str = "country";
pub const FILTER_TOPIC: &str = "topic";
pub const FILTER_ORGANIZATION: &str = "organization";
pub const FILTER_RESOLUTION: &str = "resolution";
pub const FILTER_YEAR: &str = "year";

/// The filter an entity page of this kind is offered under.
pub fn entity_filter(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Country => Some(FILTER_COUNTRY),
        Kind::Topic => Some(FILTER_TOPIC),
        Kind::Organization => Some(FILTER_ORGANIZATION),
        Kind::Resolution => Some(FILTER_RESOLUTION),
        _ => None,
    }
}

/// One searchable unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Site URL, base path included, with the anchor of the paragraph
    /// (`/kb/documents/a-74-130/#p-17`).
    pub url: String,
    /// Shown as the result's title (`Report … ¶17`).
    pub title: String,
    /// The paragraph's own label within its page (`¶17`, or the heading
    /// it is under); `None` for a record that is a whole page.
    pub label: Option<String>,
    /// The text searched and excerpted, as the page shows it.
    pub content: String,
    /// An entity page's own names (title, names in every language,
    /// aliases, symbol), which weigh as its title does.
    pub names: Option<String>,
    /// Language of the page (`zh`, `vi`, …), shown, not used to split the
    /// index.
    pub language: String,
    /// Filter name → values (`country` → `Argentina`, …), values sorted.
    pub filters: BTreeMap<String, Vec<String>>,
}

/// A block of text in a rendered page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Id of the block's own element (`p-17`), if it has one.
    pub id: Option<String>,
    /// The nearest anchor at or before the block (its own id, else the
    /// last heading or block id before it).
    pub anchor: Option<String>,
    /// Title of the heading the block is under.
    pub heading: Option<String>,
    /// Where the links in it point (`href`s, as written).
    pub links: Vec<String>,
    /// Where the links in the headings it is under point: the section is
    /// about them (its subsections too).
    pub section_links: Vec<String>,
    pub text: String,
}

/// Elements that start or end a block of text.
fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "dt"
            | "dd"
            | "div"
            | "ul"
            | "ol"
            | "section"
            | "br"
            | "hr"
    )
}

/// Decodes the entities pulldown-cmark writes (`&amp; &lt; &gt; &quot;
/// &#39;`) and numeric ones.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    decode_entities_into(&mut out, s);
    out
}

/// [`decode_entities`], appended to `out`.
fn decode_entities_into(out: &mut String, s: &str) {
    if !s.contains('&') {
        out.push_str(s);
        return;
    }
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(';').map(|j| j + 1).filter(|&j| j <= 10);
        let decoded = end.and_then(|j| {
            let name = &rest[1..j];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, j))
        });
        match decoded {
            Some((c, j)) => {
                out.push(c);
                rest = &rest[j + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// `text` with its runs of white space as single spaces, none at the
/// ends (`split_whitespace` joined by spaces).
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The value of attribute `name` in a start tag's text (`p id="x"`).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before_ok = i > 0 && rest.as_bytes()[i - 1].is_ascii_whitespace();
        let after = &rest[i + name.len()..];
        if before_ok && let Some(v) = after.strip_prefix("=\"") {
            return v.find('"').map(|j| &v[..j]);
        }
        rest = &rest[i + name.len()..];
    }
    None
}

/// Splits rendered page HTML (as written by `markdown::render`) into
/// blocks of text. The `¶` links after anchored paragraphs are left out.
pub fn blocks(html: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut text = String::new();
    // (tag name, id) of the element that opened the current block.
    let mut open: Option<(String, Option<String>)> = None;
    let mut last_anchor: Option<String> = None;
    let mut heading: Option<String> = None;
    // The open headings: (level, their links).
    let mut outline: Vec<(u8, Vec<String>)> = Vec::new();
    let mut links: Vec<String> = Vec::new();
    let mut skip_depth = 0usize; // inside <a class="anchor"> or <sup>
    let mut skip_stack: Vec<bool> = Vec::new(); // per open <a>/<sup>: skipped?

    let flush = |text: &mut String,
                 open: &mut Option<(String, Option<String>)>,
                 last_anchor: &mut Option<String>,
                 heading: &mut Option<String>,
                 outline: &mut Vec<(u8, Vec<String>)>,
                 links: &mut Vec<String>,
                 out: &mut Vec<Block>| {
        let own_links = std::mem::take(links);
        let joined = collapse_whitespace(text);
        text.clear();
        let (tag, id) = open.take().unwrap_or_default();
        if let Some(id) = &id {
            *last_anchor = Some(id.clone());
        }
        if let Some(level) = tag.strip_prefix('h').and_then(|l| l.parse::<u8>().ok()) {
            if !joined.is_empty() {
                *heading = Some(joined);
            }
            outline.retain(|(l, _)| *l < level);
            outline.push((level, own_links));
            return;
        }
        if joined.is_empty() {
            return;
        }
        out.push(Block {
            id,
            anchor: last_anchor.clone(),
            heading: heading.clone(),
            links: own_links,
            section_links: outline
                .iter()
                .flat_map(|(_, l)| l.iter().cloned())
                .collect(),
            text: joined,
        });
    };

    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip_depth == 0 {
                decode_entities_into(&mut text, rest);
            }
            break;
        };
        if skip_depth == 0 {
            decode_entities_into(&mut text, &rest[..lt]);
        }
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/');
        let raw = body
            .split(|c: char| c.is_ascii_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        // Tags are lower case as pulldown-cmark writes them; raw HTML
        // may not be.
        let lower;
        let name: &str = if raw.bytes().any(|b| b.is_ascii_uppercase()) {
            lower = raw.to_ascii_lowercase();
            &lower
        } else {
            raw
        };
        // A page named again in its section is written as text that keeps
        // its destination (`markdown::repeats`): still what the block is
        // about.
        if name == "span"
            && !closing
            && attr(body, "class") == Some("re-mention")
            && let Some(href) = attr(body, "data-href")
        {
            links.push(decode_entities(href));
            continue;
        }
        if name == "a" || name == "sup" {
            if closing {
                if skip_stack.pop().unwrap_or(false) {
                    skip_depth -= 1;
                }
            } else {
                // The ¶ link and footnote markers are not text of the block.
                let skip = (name == "a" && attr(body, "class") == Some("anchor"))
                    || (name == "sup" && attr(body, "class") == Some("footnote-reference"));
                if skip {
                    skip_depth += 1;
                } else if name == "a"
                    && let Some(href) = attr(body, "href")
                {
                    links.push(decode_entities(href));
                }
                skip_stack.push(skip);
            }
            continue;
        }
        if !is_block_tag(name) {
            continue;
        }
        flush(
            &mut text,
            &mut open,
            &mut last_anchor,
            &mut heading,
            &mut outline,
            &mut links,
            &mut out,
        );
        if !closing && matches!(name, "p" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            let id = attr(body, "id").map(decode_entities);
            open = Some((name.to_string(), id));
        }
    }
    flush(
        &mut text,
        &mut open,
        &mut last_anchor,
        &mut heading,
        &mut outline,
        &mut links,
        &mut out,
    );
    out
}

/// Names of entities by kind and id, for filter labels.
struct Names<'a> {
    by_id: BTreeMap<(Kind, String), &'a str>,
}

impl<'a> Names<'a> {
    fn new(pages: &'a [Page]) -> Names<'a> {
        let mut by_id = BTreeMap::new();
        for p in pages {
            if let Some(id) = &p.front.id {
                by_id.insert((p.front.kind, id.to_lowercase()), p.front.title.as_str());
            }
        }
        Names { by_id }
    }

    fn label(&self, kind: Kind, id: &str) -> String {
        self.by_id
            .get(&(kind, id.to_lowercase()))
            .map_or_else(|| id.to_string(), |t| t.to_string())
    }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

/// The filters of a page: its kind, languages and year; a document's
/// countries, topics, organizations and resolutions are per paragraph
/// ([`Mentioned`]), other pages carry their front matter's (an entity page
/// also counts as about itself).
fn filters_of(page: &Page, names: &Names<'_>) -> BTreeMap<String, Vec<String>> {
    let f = &page.front;
    let mut filters = BTreeMap::new();
    filters.insert(FILTER_KIND.to_string(), vec![f.kind.as_str().to_string()]);
    let mut languages = f.languages.clone();
    languages.extend(f.language.clone());
    if !languages.is_empty() {
        filters.insert(FILTER_LANGUAGE.to_string(), sorted(languages));
    }
    if let Some(year) = f.date.as_deref().and_then(|d| d.get(..4))
        && year.bytes().all(|b| b.is_ascii_digit())
    {
        filters.insert(FILTER_YEAR.to_string(), vec![year.to_string()]);
    }
    if f.kind == Kind::Document {
        return filters;
    }
    let mut countries: Vec<String> = f
        .countries
        .iter()
        .map(|c| names.label(Kind::Country, c))
        .collect();
    let mut topics: Vec<String> = f
        .topics
        .iter()
        .map(|t| names.label(Kind::Topic, t))
        .collect();
    match (f.kind, &f.id) {
        (Kind::Country, Some(_)) => countries.push(f.title.clone()),
        (Kind::Topic, Some(_)) => topics.push(f.title.clone()),
        _ => {}
    }
    if !countries.is_empty() {
        filters.insert(FILTER_COUNTRY.to_string(), sorted(countries));
    }
    if !topics.is_empty() {
        filters.insert(FILTER_TOPIC.to_string(), sorted(topics));
    }
    if let (Some(name), Some(_)) = (entity_filter(f.kind), &f.id)
        && name != FILTER_COUNTRY
        && name != FILTER_TOPIC
    {
        filters.insert(name.to_string(), vec![f.title.clone()]);
    }
    filters
}

/// The entity pages a block is about: those linked from the block itself
/// and from the headings above it.
struct Linked<'a> {
    by_url: HashMap<String, &'a Page>,
}

impl<'a> Linked<'a> {
    fn new(base: &str, pages: &'a [Page]) -> Linked<'a> {
        let by_url = pages
            .iter()
            .filter(|p| entity_filter(p.front.kind).is_some())
            .map(|p| (page_url(base, p), p))
            .collect();
        Linked { by_url }
    }

    /// Adds the entity filters of `b` to `filters`.
    fn add_filters(&self, b: &Block, filters: &mut BTreeMap<String, Vec<String>>) {
        for href in b.links.iter().chain(&b.section_links) {
            let path = href.split(['#', '?']).next().unwrap_or_default();
            let Some(page) = self.by_url.get(path) else {
                continue;
            };
            if let Some(name) = entity_filter(page.front.kind) {
                filters
                    .entry(name.to_string())
                    .or_default()
                    .push(page.front.title.clone());
            }
        }
        for values in filters.values_mut() {
            values.sort();
            values.dedup();
        }
    }
}

/// The site URL of a page, base path included.
pub fn page_url(base_path: &str, page: &Page) -> String {
    format!("{base_path}{}", encode_path(&page.url))
}

/// Every record of the site, in page order then paragraph order
/// (see [`Records::page`]).
pub fn records(site: &LoadedSite) -> Vec<Record> {
    let r = Records::new(site);
    (0..site.content.pages.len())
        .flat_map(|i| r.page(i))
        .collect()
}

/// Makes the records of one page at a time, so the index can take them
/// page by page instead of holding the whole site's text again.
pub struct Records<'a> {
    site: &'a LoadedSite,
    names: Names<'a>,
    linked: Linked<'a>,
}

impl<'a> Records<'a> {
    pub fn new(site: &'a LoadedSite) -> Records<'a> {
        let base = site.config.base_path();
        let pages = &site.content.pages;
        Records {
            site,
            names: Names::new(pages),
            linked: Linked::new(base, pages),
        }
    }

    /// The records of page `i`.
    ///
    /// A document gives one record per paragraph: linked to its anchor
    /// (`#p-17`) when it has one, otherwise to its text with a text
    /// fragment (`#:~:text=start,end`, which browsers scroll to and
    /// highlight); another page one record, holding its names, aliases,
    /// keywords and text. URLs are unique.
    pub fn page(&self, i: usize) -> Vec<Record> {
        match self.site.rendered.get(i) {
            Some(r) => self.page_with_html(i, &r.html),
            None => Vec::new(),
        }
    }

    /// [`Records::page`], from the page's rendered markdown `html` (a
    /// build moves it out of the site to render the page).
    pub fn page_with_html(&self, i: usize, html: &str) -> Vec<Record> {
        let site = self.site;
        let Some(page) = site.content.pages.get(i) else {
            return Vec::new();
        };
        let base = site.config.base_path();
        let f = &page.front;
        let url = page_url(base, page);
        let language = f
            .language
            .clone()
            .unwrap_or_else(|| site.config.language.clone());
        let filters = filters_of(page, &self.names);
        let blocks = blocks(html);
        let mut out: Vec<Record> = Vec::new();
        if f.kind != Kind::Document {
            let mut parts: Vec<&str> = vec![&f.title];
            parts.extend(f.symbol.as_deref());
            // Not the id (`digital-evidence`): a reader would see it in
            // excerpts; symbols.json finds a page by its id.
            parts.extend(f.names.values().map(String::as_str));
            parts.extend(f.aliases.iter().map(String::as_str));
            parts.extend(f.keywords.iter().map(String::as_str));
            parts.extend(f.description.as_deref());
            let mut seen = std::collections::BTreeSet::new();
            parts.retain(|p| !p.is_empty() && seen.insert(*p));
            // An entity's own names outrank a passing mention elsewhere.
            let names = parts.join(" · ");
            let mut content = names.clone();
            for b in &blocks {
                content.push('\n');
                content.push_str(&b.text);
            }
            out.push(Record {
                url,
                title: f.title.clone(),
                label: None,
                content,
                names: Some(names),
                language,
                filters,
            });
            return out;
        }
        let mut by_url: HashMap<String, usize> = HashMap::new();
        for b in blocks {
            let label = match (&b.id, &b.heading) {
                (Some(id), _) if let Some(n) = crate::markdown::paragraph_number(id) => {
                    format!("¶{n}")
                }
                (_, Some(h)) => h.clone(),
                _ => String::new(),
            };
            let title = if label.is_empty() {
                f.title.clone()
            } else if label.starts_with('¶') {
                format!("{} {label}", f.title)
            } else {
                format!("{} — {label}", f.title)
            };
            // A paragraph with an anchor links to it; one without (an
            // unnumbered paragraph, a sub-item) to its text.
            let url = match &b.id {
                Some(id) => format!("{url}#{}", encode_fragment(id)),
                None => format!("{url}#:~:text={}", text_directive(&b.text)),
            };
            // One record per URL: a paragraph repeated word for word is
            // one record.
            match by_url.get(&url) {
                Some(&i) => {
                    let last: &mut Record = &mut out[i];
                    last.content.push('\n');
                    last.content.push_str(&b.text);
                }
                None => {
                    by_url.insert(url.clone(), out.len());
                    let mut filters = filters.clone();
                    self.linked.add_filters(&b, &mut filters);
                    out.push(Record {
                        url,
                        title,
                        label: Some(label),
                        content: b.text,
                        names: None,
                        language: language.clone(),
                        filters,
                    });
                }
            }
        }
        out
    }
}

/// `true` for the filters that are per paragraph in a document (what it
/// and its section headings link to); the others are per page.
pub fn is_paragraph_filter(name: &str) -> bool {
    matches!(
        name,
        FILTER_COUNTRY | FILTER_TOPIC | FILTER_ORGANIZATION | FILTER_RESOLUTION
    )
}

/// A text fragment's prefix is at least this many characters long …
const TEXT_MIN: usize = 16;
/// … and at most this many, unless the block has no break before.
const TEXT_MAX: usize = 80;

/// The value of a `#:~:text=` directive that selects `text`, a block.
///
/// Every edge of a term must be a word boundary in the browser's (ICU,
/// dictionary-based for Chinese) segmentation, so terms are cut only next
/// to a space or a CJK punctuation mark, boundaries in any segmentation:
/// `start,end` (a prefix and a suffix of the block, so the browser
/// highlights all of it), or `start` alone when no suffix can be cut, or
/// the whole block when it is short or cannot be cut at all.
pub fn text_directive(text: &str) -> String {
    if text.chars().nth(TEXT_MAX).is_none() {
        return encode_directive(text);
    }
    let Some(prefix_end) = prefix_cut(text) else {
        return encode_directive(text);
    };
    let start = encode_directive(text[..prefix_end].trim_end());
    match suffix_cut(text) {
        Some(suffix_start) if suffix_start > prefix_end => {
            format!(
                "{start},{}",
                encode_directive(text[suffix_start..].trim_start())
            )
        }
        _ => start,
    }
}

/// Byte offset where a prefix of `TEXT_MIN..=TEXT_MAX` characters can end.
fn prefix_cut(text: &str) -> Option<usize> {
    for (n, (i, c)) in text.char_indices().enumerate() {
        if n > TEXT_MAX {
            break;
        }
        if n < TEXT_MIN {
            continue;
        }
        if c.is_whitespace() {
            return Some(i);
        }
        if is_cjk_punctuation(c) {
            return Some(i + c.len_utf8());
        }
    }
    None
}

/// Byte offset where a suffix of `TEXT_MIN..=TEXT_MAX` characters can
/// start: after a space or a CJK punctuation mark.
fn suffix_cut(text: &str) -> Option<usize> {
    for (n, (i, c)) in text.char_indices().rev().enumerate() {
        // `n + 1` characters from `i` to the end; the suffix starts after `c`.
        if n > TEXT_MAX {
            break;
        }
        if n < TEXT_MIN {
            continue;
        }
        if c.is_whitespace() || is_cjk_punctuation(c) {
            return Some(i + c.len_utf8());
        }
    }
    None
}

fn is_cjk_punctuation(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '；' | '：' | '！' | '？' | '）' | '」' | '』' | '》' | '】'
    )
}

/// Percent-encodes all but ASCII letters, digits and `._~` (a text
/// directive gives `-`, `,` and `&` a meaning).
fn encode_directive(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// Percent-encodes what a fragment cannot hold as is (block ids and
/// heading slugs are mostly safe already).
fn encode_fragment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '`' => out.push_str("%60"),
            '%' => out.push_str("%25"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_is_about_what_it_and_the_headings_above_it_link_to() {
        let html = "<h2 id=\"a\"><a href=\"/countries/arg/\">Argentina</a></h2>\n\
            <h3 id=\"a1\">Law</h3>\n<p id=\"p-1\">See <a href=\"/topics/x/#p-2\">x</a>.</p>\n\
            <h2 id=\"b\">Other</h2>\n<p id=\"p-2\">Nothing.</p>";
        let b = blocks(html);
        assert_eq!(b.len(), 2, "{b:?}");
        assert_eq!(b[0].links, ["/topics/x/#p-2"]);
        let again = blocks(
            "<p id=\"p-9\">Once <span class=\"re-mention\" data-href=\"/countries/arg/\">Argentina</span>.</p>",
        );
        assert_eq!(again[0].links, ["/countries/arg/"]);
        assert_eq!(again[0].text, "Once Argentina.");
        // Under a subsection of Argentina's section: still about Argentina.
        assert_eq!(b[0].section_links, ["/countries/arg/"]);
        // A sibling section is not.
        assert!(
            b[1].links.is_empty() && b[1].section_links.is_empty(),
            "{b:?}"
        );
    }

    #[test]
    fn blocks_follow_anchors_and_headings() {
        let html = "<h2 id=\"intro\">Intro &amp; scope</h2>\n<p>Before any number.</p>\n\
            <p id=\"p-1\">1. First <a href=\"../x/\">link</a> text. <a class=\"anchor\" href=\"#p-1\" aria-label=\"Link to this paragraph\">¶</a></p>\n\
            <ul>\n<li id=\"p-2\">Item two <a class=\"anchor\" href=\"#p-2\">¶</a>\n<ul><li>sub item</li></ul></li>\n</ul>\n\
            <p>After &lt;two&gt;<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>.</p>";
        let b = blocks(html);
        type Row<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>, &'a str);
        let got: Vec<Row> = b
            .iter()
            .map(|b| {
                (
                    b.id.as_deref(),
                    b.anchor.as_deref(),
                    b.heading.as_deref(),
                    b.text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    None,
                    Some("intro"),
                    Some("Intro & scope"),
                    "Before any number."
                ),
                (
                    Some("p-1"),
                    Some("p-1"),
                    Some("Intro & scope"),
                    "1. First link text."
                ),
                (Some("p-2"), Some("p-2"), Some("Intro & scope"), "Item two"),
                (None, Some("p-2"), Some("Intro & scope"), "sub item"),
                (None, Some("p-2"), Some("Intro & scope"), "After <two>."),
            ]
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            decode_entities("a &amp; b &#39;c&#x27; &bogus; &"),
            "a & b 'c' &bogus; &"
        );
    }

    #[test]
    fn text_directives_cut_at_word_boundaries() {
        assert_eq!(
            text_directive("Short text, here."),
            "Short%20text%2C%20here."
        );
        let vi = "Chương trình Hội thảo tập trung vào vai trò của các cơ quan thực thi pháp luật trong việc thu thập.";
        assert_eq!(
            text_directive(vi),
            format!(
                "{},{}",
                text_directive("Chương trình Hội"),
                text_directive("trong việc thu thập.")
            )
        );
        let zh = "反恐工作的一个重要部分是促进基于法治的有效刑事司法对策。在实践中，会员国在试图获得可接受的证据，以帮助在司法程序中起诉恐怖主义嫌疑人并确保其定罪方面面临重大挑战。";
        assert_eq!(
            text_directive(zh),
            format!(
                "{},{}",
                text_directive("反恐工作的一个重要部分是促进基于法治的有效刑事司法对策。"),
                text_directive(
                    "以帮助在司法程序中起诉恐怖主义嫌疑人并确保其定罪方面面临重大挑战。"
                )
            )
        );
        // No break within reach: the whole block.
        let long = "数".repeat(90);
        assert_eq!(text_directive(&long).matches("%E6%95%B0").count(), 90);
        // A prefix but no suffix: the prefix alone.
        let tail = format!("第一句话到这里已经结束了吧朋友们，{}", "数".repeat(90));
        assert_eq!(
            text_directive(&tail),
            text_directive("第一句话到这里已经结束了吧朋友们，")
        );
    }
}

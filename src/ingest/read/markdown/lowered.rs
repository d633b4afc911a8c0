//! An author's markdown as pilcrow's content can keep it. The build
//! escapes raw HTML (a page must not run what an input wrote), so HTML an
//! author wrote in markdown is made markdown here: a block of HTML is read
//! by the HTML reader's walker (paragraphs, headings, lists, quotes,
//! tables, code), an inline tag becomes the markdown it stands for
//! (`<em>` → `*`, `<a href>` → a link) or goes, keeping its text, and an
//! element that is no text (`<script>`, `<iframe>`, …) goes whole. Pipe
//! tables and HTML tables become tables (cells with their inline
//! markdown), placed in the lines by [`TABLE_MARK`] lines, as other
//! readers place theirs. Code spans and fenced code are left as written.

use std::ops::Range;

use dom_query::Document as Dom;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::ingest::clean::TABLE_MARK;
use crate::ingest::model::Block;
use crate::ingest::read::html::blocks::{self as html_blocks, Options as WalkOptions};

/// A markdown body with its HTML made markdown and its tables taken out.
#[derive(Debug, Default, PartialEq)]
pub struct Lowered {
    pub text: String,
    /// Rows of cells, the first row the header; `text` holds a
    /// [`TABLE_MARK`] line with each one's index where it stood.
    pub tables: Vec<Vec<Vec<String>>>,
}

/// A table row: its cells' places in the source.
type Row = Vec<Range<usize>>;

/// Inline elements whose content is not text of the document.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "button", "select", "textarea", "video", "audio", "math", "map",
];

pub fn lower(body: &str) -> Lowered {
    if !body.contains(['<', '|', '&']) {
        return Lowered {
            text: body.to_string(),
            tables: Vec::new(),
        };
    }
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    // Each pipe table's source and its rows of cells' sources.
    let mut tables: Vec<(Range<usize>, Vec<Row>)> = Vec::new();
    let mut html_tables: Vec<Vec<Vec<String>>> = Vec::new();
    // Lists and quotes the parser is in: an HTML block inside one is
    // reduced as inline tags are (its lines carry the container's marks).
    let mut depth = 0usize;
    let mut in_html_block = false;
    let mut dropping: Option<(usize, String)> = None;
    let mut hrefs: Vec<Option<String>> = Vec::new();
    for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Table(_)) => tables.push((range, Vec::new())),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some((_, rows)) = tables.last_mut() {
                    rows.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some(row) = tables.last_mut().and_then(|(_, rows)| rows.last_mut()) {
                    row.push(range);
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                in_html_block = true;
                let src = &body[range.clone()];
                let text = if depth == 0 {
                    block_markdown(src, &mut html_tables)
                } else {
                    strip_tags(src)
                };
                edits.push((range, text));
            }
            Event::End(TagEnd::HtmlBlock) => in_html_block = false,
            // A character reference the parser decoded (`Fran&ccedil;a`,
            // `&#233;`): written as the character it stands for, so that
            // every later pass (entities, language, dates) reads the text
            // as a reader does. Not one that stands for markup or space
            // (`&lt;`, `&amp;`, `&#42;`, `&nbsp;`): that one must stay a
            // reference to keep meaning what it meant.
            Event::Text(decoded)
                if body[range.clone()].starts_with('&')
                    && body[range.clone()].ends_with(';')
                    && *decoded != body[range.clone()]
                    && decoded.chars().all(is_plain_character) =>
            {
                edits.push((range, decoded.to_string()));
            }
            Event::InlineHtml(tag) | Event::Html(tag) if !in_html_block => {
                let Some((closing, name, attrs)) = parse_tag(&tag) else {
                    continue;
                };
                if let Some((start, open)) = &dropping {
                    if closing && name == *open {
                        edits.push((without_gap(body, *start..range.end), String::new()));
                        dropping = None;
                    }
                    continue;
                }
                if DROPPED.contains(&name.as_str()) {
                    if !closing && !tag.trim_end().ends_with("/>") {
                        dropping = Some((range.start, name));
                    } else {
                        edits.push((without_gap(body, range), String::new()));
                    }
                    continue;
                }
                let with = match (name.as_str(), closing) {
                    ("em" | "i", _) => "*".to_string(),
                    ("strong" | "b", _) => "**".to_string(),
                    ("code" | "kbd" | "samp" | "tt", _) => "`".to_string(),
                    // A space, unless one is already beside it.
                    ("br", _) => {
                        let spaced = body[..range.start].ends_with(char::is_whitespace)
                            || body[range.end..].starts_with(char::is_whitespace);
                        if spaced {
                            String::new()
                        } else {
                            " ".to_string()
                        }
                    }
                    ("a", false) => {
                        let href = attr(attrs, "href").filter(|h| !h.is_empty());
                        let open = if href.is_some() { "[" } else { "" };
                        hrefs.push(href);
                        open.to_string()
                    }
                    ("a", true) => match hrefs.pop().flatten() {
                        Some(h) => format!("]({})", h.replace(' ', "%20").replace(')', "%29")),
                        None => String::new(),
                    },
                    _ => String::new(),
                };
                edits.push((range, with));
            }
            _ => {}
        }
    }
    // An element left open drops nothing: its text stays.
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut lowered_tables = Vec::new();
    let mut table_edits: Vec<(Range<usize>, String)> = Vec::new();
    for (range, rows) in &tables {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|cells| {
                cells
                    .iter()
                    .map(|c| {
                        let cell = apply(body, c.clone(), &edits);
                        cell.trim().trim_matches('|').trim().replace("\\|", "|")
                    })
                    .collect()
            })
            .filter(|cells: &Vec<String>| cells.iter().any(|c| !c.is_empty()))
            .collect();
        if rows.is_empty() {
            continue;
        }
        table_edits.push((range.clone(), String::new()));
        lowered_tables.push(rows);
    }
    // Tables of HTML blocks were numbered from 0 as they were met; the
    // pipe tables follow them.
    let offset = html_tables.len();
    let mut all_tables = html_tables;
    for (k, ((range, _), rows)) in table_edits.iter().zip(lowered_tables).enumerate() {
        edits.retain(|(r, _)| !(r.start >= range.start && r.end <= range.end));
        edits.push((range.clone(), format!("\n{TABLE_MARK}{}\n", offset + k)));
        all_tables.push(rows);
    }
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    Lowered {
        text: apply(body, 0..body.len(), &edits),
        tables: all_tables,
    }
}

/// A character a character reference may be written as in markdown text:
/// a letter, digit or sign that is no markdown or HTML syntax and no space.
fn is_plain_character(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !c.is_whitespace() && !c.is_control() && c != '\u{fffd}'
    }
}

/// The range of an element dropped whole, with the space after it when
/// there is one before it too: `a <script>…</script> b` → `a b`.
fn without_gap(body: &str, r: Range<usize>) -> Range<usize> {
    if body[..r.start].ends_with(' ') && body[r.end..].starts_with(' ') {
        r.start..r.end + 1
    } else {
        r
    }
}

/// `body[range]` with the edits that lie inside it made (edits sorted by
/// start; one that overlaps an earlier one is skipped).
fn apply(body: &str, range: Range<usize>, edits: &[(Range<usize>, String)]) -> String {
    let mut out = String::with_capacity(range.len());
    let mut at = range.start;
    for (r, with) in edits {
        if r.start < at || r.end > range.end {
            continue;
        }
        out.push_str(&body[at..r.start]);
        out.push_str(with);
        at = r.end;
    }
    out.push_str(&body[at..range.end]);
    out
}

/// A tag's parts: whether it closes, its lower-cased name, its attributes'
/// source. `None` for what is no element tag (a comment, a declaration).
fn parse_tag(tag: &str) -> Option<(bool, String, &str)> {
    let inner = tag.trim().strip_prefix('<')?.strip_suffix('>')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(inner.len());
    if end == 0 || !inner.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    Some((closing, inner[..end].to_ascii_lowercase(), &inner[end..]))
}

/// The value of attribute `name` in a tag's attribute source.
fn attr(attrs: &str, name: &str) -> Option<String> {
    let frag = Dom::fragment(format!("<a {attrs}></a>"));
    let a = frag.select("a").nodes().first()?.attr(name)?;
    Some(a.trim().to_string())
}

/// A block of HTML as markdown lines, through the HTML reader's walker;
/// its tables added to `tables`.
fn block_markdown(src: &str, tables: &mut Vec<Vec<Vec<String>>>) -> String {
    let dom = Dom::fragment(src);
    let blocks = html_blocks::blocks(
        &dom.root(),
        WalkOptions {
            drop_chrome: false,
            base: None,
        },
    );
    let mut out = String::from("\n");
    for b in blocks {
        match b {
            Block::Heading { level, text } => {
                out.push_str(&"#".repeat(usize::from(level.clamp(1, 6))));
                out.push(' ');
                out.push_str(&text);
            }
            Block::Para { text, items, .. } => {
                out.push_str(&text);
                for item in items {
                    out.push_str("\n\n");
                    out.push_str(&item);
                }
            }
            Block::ListItem(text) => {
                let ordered = text
                    .split_once(". ")
                    .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
                if !ordered {
                    out.push_str("- ");
                }
                out.push_str(&text);
            }
            Block::Quote(text) => {
                out.push_str("> ");
                out.push_str(&text);
            }
            Block::Table(rows) => {
                out.push_str(&format!("{TABLE_MARK}{}", tables.len()));
                tables.push(rows);
            }
            Block::Code { lang, text } => {
                let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                let fence = "`".repeat(longest.max(2) + 1);
                out.push_str(&fence);
                out.push_str(lang.as_deref().unwrap_or(""));
                out.push('\n');
                out.push_str(&text);
                out.push('\n');
                out.push_str(&fence);
            }
        }
        out.push_str("\n\n");
    }
    out
}

/// Tags taken out of text, the text kept (an HTML block inside a list or
/// a quote).
fn strip_tags(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut rest = src;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) if parse_tag(&rest[open..=open + close]).is_some() => {
                rest = &rest[open + close + 1..];
            }
            _ => {
                out.push('<');
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_tags_become_markdown_or_go() {
        let l = lower(
            "Inline <em>emphasis</em>, <strong>bold</strong>, a <a href=\"https://un.org/x\">link</a>,<br> a break, one<br>two, <sup>1</sup> and <span class=\"x\">plain</span>; `<code>` stays.\n",
        );
        assert_eq!(
            l.text,
            "Inline *emphasis*, **bold**, a [link](https://un.org/x), a break, one two, 1 and plain; `<code>` stays.\n"
        );
    }

    #[test]
    fn elements_that_are_no_text_go_whole() {
        let l = lower("Before <script>alert(1)</script> after <iframe src=\"x\"></iframe>end.\n");
        assert_eq!(l.text, "Before after end.\n");
    }

    #[test]
    fn an_html_block_becomes_markdown_blocks() {
        let l = lower(
            "Intro.\n\n<div class=\"note\">\n<h3>Note</h3>\n<p>A <strong>bold</strong> <a href=\"https://example.org/x\">link</a>.</p>\n<ul><li>one</li><li>two</li></ul>\n</div>\n\nAfter.\n",
        );
        assert!(
            l.text.contains(
                "\n### Note\n\nA **bold** [link](https://example.org/x).\n\n- one\n\n- two\n"
            ),
            "{}",
            l.text
        );
        assert!(l.text.starts_with("Intro.\n") && l.text.ends_with("After.\n"));
        assert!(!l.text.contains('<'), "{}", l.text);
    }

    #[test]
    fn tables_become_tables_wherever_they_come_from() {
        let l = lower(
            "| Country | Votes |\n|---|---|\n| [Brazil](b.md) | 12 \\| 13 |\n| <em>Kenya</em> | 3 |\n\n<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>\n",
        );
        assert_eq!(
            l.tables,
            [
                vec![
                    vec!["A".to_string(), "B".into()],
                    vec!["1".into(), "2".into()]
                ],
                vec![
                    vec!["Country".to_string(), "Votes".into()],
                    vec!["[Brazil](b.md)".into(), "12 | 13".into()],
                    vec!["*Kenya*".into(), "3".into()],
                ],
            ]
        );
        assert!(l.text.contains(&format!("{TABLE_MARK}0")));
        assert!(l.text.contains(&format!("{TABLE_MARK}1")));
        assert!(
            !l.text.contains('|') && !l.text.contains("<t"),
            "{}",
            l.text
        );
    }

    #[test]
    fn character_references_are_written_as_their_characters() {
        let l = lower(
            "Fran&ccedil;a, R&uacute;ssia, &Iacute;ndia e Nig&#233;ria; &#x4E2D;&#22269;.\n\n\
             Markup stays: 1 &lt; 2 &amp;&amp; &#42;not emphasis&#42;, a&nbsp;b, \
             `&eacute; in code`, [L&iacute;bia](https://x.org/?a=1&eacute;).\n\n\
             ```\n&eacute;\n```\n\n| Pa&iacute;s |\n|---|\n| S&iacute;ria |\n",
        );
        assert!(
            l.text
                .starts_with("França, Rússia, Índia e Nigéria; 中国.\n"),
            "{}",
            l.text
        );
        assert!(
            l.text.contains(
                "1 &lt; 2 &amp;&amp; &#42;not emphasis&#42;, a&nbsp;b, `&eacute; in code`, \
                 [Líbia](https://x.org/?a=1&eacute;)."
            ),
            "{}",
            l.text
        );
        assert!(l.text.contains("```\n&eacute;\n```"), "{}", l.text);
        assert_eq!(
            l.tables,
            [vec![vec!["País".to_string()], vec!["Síria".into()]]]
        );
    }

    #[test]
    fn text_without_html_or_tables_is_left_as_it_is() {
        let md = "# Title\n\nA 1 < 2 comparison, a `<b>` span, and\n\n```\n<div>code</div>\n```\n";
        assert_eq!(lower(md).text, md);
    }
}

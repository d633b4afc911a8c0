//! Markdown → HTML with pulldown-cmark, made safe for scraped content.
//!
//! Owns: the markdown dialect (tables, footnotes, strikethrough, heading
//! attributes), escaping raw HTML, dropping script URLs, heading ids and
//! `^block-id` paragraph anchors, code highlighting. Link *targets* are
//! decided by the caller through [`LinkResolver`]; this module knows
//! nothing about other pages.

pub mod anchors;
mod blocks;
mod footnotes;
pub mod highlight;
mod repeats;
pub mod sanitize;

pub use blocks::{Block, BlockKind, LinkSite};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use anchors::IdSet;
use sanitize::escape_html;

/// Ids the default theme puts around page content: a heading slug never
/// takes one of them (a heading "Mentions" gets `mentions-1`).
pub const THEME_IDS: &[&str] = &["main-content", "mentions", "site-search-q"];

/// Prefix of the ids given to paragraphs that hold a link but have no id
/// of their own (`m-7` for the page's seventh paragraph or list item):
/// the target of a mention, cited as `¶7` and shown so after it.
pub const GENERATED_ID_PREFIX: &str = "m-";

/// Rendering options from `[markdown]` in site.toml.
#[derive(Debug, Clone, Default)]
pub struct MarkdownOptions {
    /// Pass raw HTML through instead of escaping it.
    pub allow_html: bool,
    /// Accessible name of the ¶ link after an anchored paragraph, in the
    /// page's language (default: English).
    pub anchor_label: Option<String>,
    /// Keep every link to a page; otherwise only the first per section
    /// (see `repeats`).
    pub link_repeats: bool,
    /// In a text that numbers none of its paragraphs, show each linked
    /// paragraph's place (`¶7`) after it, the number its mentions are
    /// cited by (off for list pages, whose links are navigation).
    pub show_places: bool,
}

/// What to do with a link or image destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkAction {
    /// Emit the destination unchanged.
    Keep,
    /// Emit this URL instead.
    Rewrite(String),
    /// Emit no link; the link text stays as plain text.
    Drop,
}

/// Decides where links point. `line` is the 1-based line in the file.
pub trait LinkResolver {
    fn resolve(&mut self, dest: &str, line: usize) -> LinkAction;
}

/// A resolver that keeps every link (except script URLs, always dropped).
pub struct KeepLinks;

impl LinkResolver for KeepLinks {
    fn resolve(&mut self, _: &str, _: usize) -> LinkAction {
        LinkAction::Keep
    }
}

/// A heading, for tables of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// The HTML of a page body and what the rest of the build needs to know.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// Every id a link may target (`#…`), in order of appearance.
    pub anchors: Vec<String>,
    pub headings: Vec<Heading>,
    /// The page has a highlighted code block (needs the highlight CSS).
    pub has_code: bool,
    /// Text blocks (headings, paragraphs, list items, table cells) in
    /// document order, as plain text: the context of each mention.
    pub blocks: Vec<Block>,
    /// Where each link the resolver saw sits, in resolver-call order.
    pub link_sites: Vec<LinkSite>,
}

/// Maps byte offsets to 1-based line numbers in O(log n).
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        LineIndex(
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }
    fn line(&self, offset: usize) -> usize {
        match self.0.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// Renders a markdown body. `first_line` is the line of the file the body
/// starts on, so links report lines of the file, not of the body.
pub fn render(
    body: &str,
    first_line: usize,
    opts: &MarkdownOptions,
    links: &mut dyn LinkResolver,
) -> Rendered {
    let lines = LineIndex::new(body);
    let parser = Parser::new_ext(
        body,
        Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_HEADING_ATTRIBUTES,
    );
    let mut out = Rendered::default();

    // Pass 1: per-event rewriting (links, raw HTML, code), merging text.
    let mut buf = EventBuf::default();
    let mut dropped: Vec<bool> = Vec::new(); // per open link/image
    let mut calls = 0usize; // resolver calls so far
    // Per emitted link/image start: the resolver call it came from.
    let mut kept_calls: Vec<Option<usize>> = Vec::new();
    let mut code: Option<(String, String)> = None; // (lang, text) while in a fenced block
    for (event, range) in parser.into_offset_iter() {
        if let Some((lang, text)) = &mut code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    if !lang.is_empty() {
                        out.has_code = true;
                    }
                    buf.push(Event::Html(highlight::code_block(text, lang).into()));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => highlight::fence_language(info).to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(
                tag @ Tag::Link {
                    link_type: LinkType::Email,
                    ..
                },
            ) => {
                // `<me@example.org>`: the writer adds `mailto:` itself.
                dropped.push(false);
                kept_calls.push(None);
                buf.push(Event::Start(tag));
            }
            Event::Start(mut tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let line = lines.line(range.start) + first_line - 1;
                let resolved = dest_of(&mut tag).and_then(|d| resolve(links, d, line, &mut calls));
                match (resolved, dest_of(&mut tag)) {
                    (Some(url), Some(dest)) => {
                        *dest = url;
                        dropped.push(false);
                        kept_calls.push(Some(calls - 1));
                        buf.push(Event::Start(tag));
                    }
                    _ => dropped.push(true),
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if !dropped.pop().unwrap_or(false) {
                    buf.push(event);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) if !opts.allow_html => {
                buf.text(&html);
            }
            Event::Start(Tag::HtmlBlock) if !opts.allow_html => {
                buf.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::HtmlBlock) if !opts.allow_html => {
                buf.trim_text_end();
                buf.push(Event::End(TagEnd::Paragraph));
            }
            Event::Text(t) => buf.text(&t),
            other => buf.push(other),
        }
    }

    let mut events = buf.finish();
    let mut walk = blocks::walk(&events, &kept_calls);
    let linked = walk.linked_starts();
    let mut final_ids: Vec<(usize, String, bool)> = Vec::new(); // (start event, id, generated)
    // Paragraphs and items without an id that hold a link: they get a
    // generated id after every written id is known, so a mention can
    // link to its paragraph.
    let mut unanchored: Vec<(usize, usize, &str)> = Vec::new();

    // Pass 2: block ids on paragraphs and list items, heading ids.
    let label = opts
        .anchor_label
        .as_deref()
        .unwrap_or("Link to this paragraph");
    let mut ids = IdSet::default();
    for id in THEME_IDS {
        ids.reserve(id);
    }
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..events.len() {
        match &events[i] {
            Event::Start(_) => stack.push(i),
            Event::End(end) => {
                let Some(start) = stack.pop() else { continue };
                match end {
                    TagEnd::Paragraph => {
                        if let Some((id, at)) = take_block_id(&mut events, start + 1, i) {
                            let id = claim(&mut ids, &id);
                            add_anchor_link(&mut events, at, &id, label);
                            events[start] =
                                Event::Html(format!("<p id=\"{}\">", escape_html(&id)).into());
                            final_ids.push((start, id, false));
                        } else if linked.contains(&start) {
                            unanchored.push((start, i, "p"));
                        }
                    }
                    TagEnd::Item => {
                        let inline_end = (start + 1..i)
                            .find(|&j| matches!(&events[j], Event::Start(t) if is_block(t)))
                            .unwrap_or(i);
                        if let Some((id, at)) = take_block_id(&mut events, start + 1, inline_end) {
                            let id = claim(&mut ids, &id);
                            add_anchor_link(&mut events, at, &id, label);
                            events[start] =
                                Event::Html(format!("<li id=\"{}\">", escape_html(&id)).into());
                            final_ids.push((start, id, false));
                        } else if linked.contains(&start) {
                            unanchored.push((start, i, "li"));
                        }
                    }
                    TagEnd::Heading(_) => {
                        let heading = name_heading(&mut events, start, i, &mut ids, opts);
                        if let Some(h) = &heading {
                            final_ids.push((start, h.id.clone(), false));
                        }
                        out.headings.extend(heading);
                    }
                    TagEnd::FootnoteDefinition => {
                        if let Event::Start(Tag::FootnoteDefinition(label)) = &events[start] {
                            ids.explicit(label);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    let ordinals = walk.paragraph_ordinals();
    // A text that numbers its paragraphs is cited by its own numbers;
    // one that numbers none, by each paragraph's place, shown after it.
    let written_numbers = final_ids.iter().any(|(_, id, _)| is_paragraph_number(id));
    for (n, (start, end, tag)) in unanchored.into_iter().enumerate() {
        let number = ordinals.get(&start).copied().unwrap_or(n + 1);
        let id = ids.unique(&format!("{GENERATED_ID_PREFIX}{number}"));
        events[start] = Event::Html(format!("<{tag} id=\"{}\">", escape_html(&id)).into());
        if opts.show_places && !written_numbers && id == format!("{GENERATED_ID_PREFIX}{number}") {
            // The link stands inside the block's own closing tag; its
            // accessible name starts with what it shows.
            events[end] = Event::Html(
                format!(
                    " <a class=\"anchor place\" href=\"#{id}\" aria-label=\"¶{number} {label}\">¶{number}</a></{tag}>\n",
                    id = escape_html(&id),
                    label = escape_html(label),
                )
                .into(),
            );
        }
        final_ids.push((start, id, true));
    }
    let notes = footnotes::plan(&events, &mut ids);
    out.anchors = ids.ids;
    walk.set_ids(final_ids);
    out.blocks = walk.blocks;
    out.link_sites = walk.links;
    if !opts.link_repeats {
        repeats::unlink_repeats(&mut events);
    }
    footnotes::apply(&mut events, notes);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
}

/// The destination of a link or image tag, to resolve and rewrite in place.
fn dest_of<'t, 'a>(tag: &'t mut Tag<'a>) -> Option<&'t mut CowStr<'a>> {
    match tag {
        Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => Some(dest_url),
        _ => None,
    }
}

/// Resolves a destination; `None` drops the link. Script URLs are always
/// dropped, whatever the resolver says.
fn resolve<'a>(
    links: &mut dyn LinkResolver,
    dest: &CowStr<'a>,
    line: usize,
    calls: &mut usize,
) -> Option<CowStr<'a>> {
    if sanitize::is_dangerous_url(dest) {
        return None;
    }
    *calls += 1;
    match links.resolve(dest, line) {
        LinkAction::Keep => Some(dest.clone()),
        LinkAction::Rewrite(url) => Some(url.into()),
        LinkAction::Drop => None,
    }
}

/// Events of pass 1. Consecutive text is merged (in linear time) so a
/// trailing `^id` is always found in one piece.
#[derive(Default)]
struct EventBuf<'a> {
    events: Vec<Event<'a>>,
    text: Option<String>,
}

impl<'a> EventBuf<'a> {
    fn push(&mut self, event: Event<'a>) {
        self.flush();
        self.events.push(event);
    }
    fn text(&mut self, t: &str) {
        self.text.get_or_insert_with(String::new).push_str(t);
    }
    fn trim_text_end(&mut self) {
        if let Some(t) = &mut self.text {
            t.truncate(t.trim_end_matches('\n').len());
        }
    }
    fn flush(&mut self) {
        if let Some(t) = self.text.take() {
            self.events.push(Event::Text(t.into()));
        }
    }
    fn finish(mut self) -> Vec<Event<'a>> {
        self.flush();
        self.events
    }
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
    )
}

/// Records an author's block id; a repeated one gets a suffix so ids stay
/// unique in the page.
fn claim(ids: &mut IdSet, id: &str) -> String {
    ids.unique(id)
}

/// If the inline content `events[from..to]` ends with ` ^id`, removes it
/// and returns the id and the index of the text event that held it.
fn take_block_id(events: &mut [Event<'_>], from: usize, to: usize) -> Option<(String, usize)> {
    if to == 0 || to <= from {
        return None;
    }
    let last = to - 1;
    let Event::Text(text) = &events[last] else {
        return None;
    };
    let (keep, id) = anchors::split_block_id(text)?;
    let id = id.to_string();
    let kept = text[..keep].to_string();
    if kept.is_empty() {
        events[last] = Event::Text("".into());
        // `text\n^id`: drop the line break before the id too.
        if last > from && matches!(events[last - 1], Event::SoftBreak | Event::HardBreak) {
            events[last - 1] = Event::Text("".into());
        }
    } else {
        events[last] = Event::Text(kept.into());
    }
    Some((id, last))
}

/// `p-17`, `p-10-1`: an id that is a paragraph's own number.
pub fn is_paragraph_number(id: &str) -> bool {
    paragraph_number(id).is_some()
}

/// The number a paragraph's id carries, as the document writes it: `17`
/// for `p-17`, `10.1` for `p-10-1` and `29A.3` for `p-29A-3` (a number
/// within a section, whose full stop no id holds).
pub fn paragraph_number(id: &str) -> Option<String> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let rest = id.strip_prefix("p-")?;
    match rest.split_once('-') {
        None => digits(rest).then(|| rest.to_string()),
        Some((sec, n)) => {
            let sec_digits = sec
                .strip_suffix(|c: char| c.is_ascii_uppercase())
                .unwrap_or(sec);
            (digits(sec_digits) && digits(n)).then(|| format!("{sec}.{n}"))
        }
    }
}

/// Ends a block's text with a `¶` link to the block's anchor, so readers
/// can copy a link to one paragraph without JavaScript.
fn add_anchor_link(events: &mut [Event<'_>], at: usize, id: &str, label: &str) {
    let Event::Text(text) = &events[at] else {
        return;
    };
    let html = format!(
        "{} <a class=\"anchor\" href=\"#{id}\" aria-label=\"{label}\">¶</a>",
        escape_html(text),
        id = escape_html(id),
        label = escape_html(label),
    );
    events[at] = Event::Html(html.into());
}

/// Gives a heading its id (explicit `{#id}` or a slug of its text) and
/// drops attributes other than id and classes unless raw HTML is allowed.
fn name_heading(
    events: &mut [Event<'_>],
    start: usize,
    end: usize,
    ids: &mut IdSet,
    opts: &MarkdownOptions,
) -> Option<Heading> {
    let title: String = events[start + 1..end]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let Event::Start(Tag::Heading {
        level,
        id,
        classes,
        attrs,
    }) = &events[start]
    else {
        return None;
    };
    let new_id = match id {
        Some(explicit) => {
            ids.explicit(explicit);
            explicit.to_string()
        }
        None => ids.unique(&anchors::slugify(&title)),
    };
    let level = *level;
    let new_tag = Tag::Heading {
        level,
        id: Some(new_id.clone().into()),
        classes: classes.clone(),
        attrs: if opts.allow_html {
            attrs.clone()
        } else {
            Vec::new()
        },
    };
    events[start] = Event::Start(new_tag);
    Some(Heading {
        level: level as u8,
        id: new_id,
        title,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> Rendered {
        render(md, 1, &MarkdownOptions::default(), &mut KeepLinks)
    }

    #[test]
    fn raw_html_is_escaped_unless_allowed() {
        let r = html("Hi <script>alert(1)</script>\n\n<div onclick=\"x\">block</div>\n");
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
        assert!(!r.html.contains("<div"), "{}", r.html);
        let allowed = render(
            "<b>bold</b>\n",
            1,
            &MarkdownOptions {
                allow_html: true,
                ..MarkdownOptions::default()
            },
            &mut KeepLinks,
        );
        assert!(allowed.html.contains("<b>bold</b>"), "{}", allowed.html);
    }

    #[test]
    fn paragraph_numbers() {
        assert!(is_paragraph_number("p-17"));
        assert!(!is_paragraph_number("p-"));
        assert!(!is_paragraph_number("p-1a"));
        assert_eq!(paragraph_number("p-17").as_deref(), Some("17"));
        assert_eq!(paragraph_number("p-10-1").as_deref(), Some("10.1"));
        assert_eq!(paragraph_number("p-29A-3").as_deref(), Some("29A.3"));
        assert_eq!(paragraph_number("p-10-"), None);
        assert_eq!(paragraph_number("p-x-1"), None);
        assert_eq!(paragraph_number("p-1-2-3"), None);
        assert!(!is_paragraph_number("intro"));
    }

    #[test]
    fn a_text_without_paragraph_numbers_shows_each_linked_paragraphs_place() {
        let opts = MarkdownOptions {
            show_places: true,
            ..MarkdownOptions::default()
        };
        let html = |md: &str| render(md, 1, &opts, &mut KeepLinks);
        let r = html("Intro.\n\nSee [x](https://x.org) here.\n\nMore.\n");
        assert!(r.html.contains("<p id=\"m-2\">"), "{}", r.html);
        assert!(r.html.contains("href=\"#m-2\""), "{}", r.html);
        assert!(r.html.contains(">¶2</a></p>"), "{}", r.html);
        // A text that numbers its paragraphs is cited by its numbers only.
        let r = html("1\\. First. ^p-1\n\nSee [x](https://x.org) here.\n");
        assert!(!r.html.contains("¶2<"), "{}", r.html);
    }

    #[test]
    fn script_urls_are_never_emitted() {
        let r = html(
            "[click](javascript:alert(1)) <javascript:alert(2)> ![i](data:image/svg+xml,x) [ok](https://un.org)\n",
        );
        // The autolink's text may stay as text; no attribute may carry it.
        assert!(
            !r.html.to_lowercase().contains("=\"javascript:"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("=\"data:"), "{}", r.html);
        // One link (the paragraph's own ¶ link aside).
        assert_eq!(r.html.matches("<a href").count(), 1, "{}", r.html);
        assert!(r.html.contains("click"), "{}", r.html);
        assert!(r.html.contains("href=\"https://un.org\""), "{}", r.html);
    }

    #[test]
    fn heading_attributes_cannot_add_event_handlers() {
        let r = html("# Title {#t .big onclick=alert(1)}\n");
        assert!(r.html.contains("id=\"t\""), "{}", r.html);
        assert!(r.html.contains("class=\"big\""), "{}", r.html);
        assert!(!r.html.contains("onclick"), "{}", r.html);
    }

    #[test]
    fn paragraph_block_ids_become_anchors() {
        let r =
            html("17\\. Text of the paragraph ^p-17\n\nPlain.\n\n- item one ^li-1\n- item two\n");
        let link = |id: &str| {
            format!(
                "<a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this paragraph\">¶</a>"
            )
        };
        let p17 = format!(
            "<p id=\"p-17\">17. Text of the paragraph {}</p>",
            link("p-17")
        );
        assert!(r.html.contains(&p17), "{}", r.html);
        let li = format!("<li id=\"li-1\">item one {}</li>", link("li-1"));
        assert!(r.html.contains(&li), "{}", r.html);
        assert!(!r.html.contains('^'), "{}", r.html);
        assert_eq!(r.anchors, vec!["p-17", "li-1"]);
    }

    #[test]
    fn block_id_on_its_own_line_and_loose_lists() {
        let r = html("Some text\n^p-2\n\n- a\n\n- b ^p-3\n");
        assert!(
            r.html.contains("<p id=\"p-2\">Some text <a class"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<p id=\"p-3\">b <a class"), "{}", r.html);
    }

    #[test]
    fn emphasis_at_the_end_still_allows_block_ids() {
        let r = html("See *this* and [x](y.md) ^p-4\n");
        assert!(r.html.starts_with("<p id=\"p-4\">"), "{}", r.html);
    }

    #[test]
    fn headings_get_unicode_slugs_deduplicated() {
        let r = html("## 阿根廷\n\n## 阿根廷\n\n## Intro {#custom}\n");
        assert!(r.html.contains("<h2 id=\"阿根廷\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"阿根廷-1\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"custom\">"), "{}", r.html);
        assert_eq!(r.headings.len(), 3);
        assert_eq!(r.headings[0].title, "阿根廷");
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let r =
            html("| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^4] ~~old~~\n\n[^4]: The footnote.\n");
        assert!(r.html.contains("<table>"), "{}", r.html);
        assert!(r.html.contains("<del>old</del>"), "{}", r.html);
        assert!(r.html.contains("footnote-definition"), "{}", r.html);
        assert!(r.anchors.contains(&"4".to_string()));
    }

    #[test]
    fn footnotes_link_both_ways() {
        let r = html("A[^n] and B[^m], again A[^n].\n\n[^m]: Second.\n\n[^n]: First.\n");
        // Numbered by first appearance; each reference has an id.
        assert!(
            r.html.contains(
                "<sup class=\"footnote-reference\" id=\"fnref-n\"><a href=\"#n\">1</a></sup>"
            ),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("id=\"fnref-m\"><a href=\"#m\">2</a>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("id=\"fnref-n-1\"><a href=\"#n\">1</a>"),
            "{}",
            r.html
        );
        // Each note links back to its first reference, inside its text.
        assert!(
            r.html.contains("<div class=\"footnote-definition\" id=\"n\"><sup class=\"footnote-definition-label\">1</sup>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("First. <a class=\"footnote-backref\" href=\"#fnref-n\""),
            "{}",
            r.html
        );
        for id in ["fnref-n", "fnref-m", "fnref-n-1"] {
            assert!(r.anchors.iter().any(|a| a == id), "{id}: {:?}", r.anchors);
        }
    }

    #[test]
    fn code_blocks_are_highlighted_only_with_a_language() {
        let r = html("```\n<plain>\n```\n");
        assert!(!r.has_code);
        assert!(r.html.contains("&lt;plain&gt;"), "{}", r.html);
        let r = html("```rust\nfn main() {}\n```\n");
        assert!(r.has_code);
        assert!(r.html.contains("hl-"), "{}", r.html);
    }

    struct Recorder(Vec<(String, usize)>);
    impl LinkResolver for Recorder {
        fn resolve(&mut self, dest: &str, line: usize) -> LinkAction {
            self.0.push((dest.to_string(), line));
            LinkAction::Rewrite(format!("/site/{dest}"))
        }
    }

    #[test]
    fn email_autolinks_are_not_resolved_as_paths() {
        let mut rec = Recorder(Vec::new());
        let r = render(
            "Write to <me@example.org>.\n",
            1,
            &MarkdownOptions::default(),
            &mut rec,
        );
        assert!(rec.0.is_empty(), "{:?}", rec.0);
        assert!(
            r.html.contains("href=\"mailto:me@example.org\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn links_are_resolved_with_file_lines() {
        let mut rec = Recorder(Vec::new());
        let r = render(
            "Intro\n\nSee [x](a.md#p-1)\nand ![img](i.png)\n",
            10,
            &MarkdownOptions::default(),
            &mut rec,
        );
        assert_eq!(rec.0, vec![("a.md#p-1".into(), 12), ("i.png".into(), 13)]);
        assert!(r.html.contains("href=\"/site/a.md#p-1\""), "{}", r.html);
    }

    /// Random soups of tricky fragments: rendering never panics, never
    /// emits a live `<script>`, event handler or script URL.
    #[test]
    fn random_markdown_stays_inert() {
        const PARTS: &[&str] = &[
            "text ",
            "^p-1",
            " ^p-2\n",
            "\n\n",
            "\n",
            "# h {#x onclick=y}\n",
            "## 阿根廷\n",
            "- item ",
            "1. num ",
            "> quote ",
            "```rust\n",
            "```\n",
            "    code\n",
            "[a](",
            "javascript:alert(1)",
            ")",
            "](",
            "<script>",
            "</script>",
            "<img src=x onerror=y>",
            "![i](data:text/html,x)",
            "[^1]",
            "[^1]: note\n",
            "| a | b |\n|---|---|\n",
            "*",
            "_",
            "~~",
            "`",
            "<",
            ">",
            "&",
            "\"",
            "<a href=\"javascript:x\">",
            "x.md#p-1",
            "<JaVaScRiPt:x>",
            "\\.",
            "{#id}",
            "Việt ",
            "\r\n",
        ];
        let mut rng = crate::test_support::Lcg::new(0x5eed);
        for _ in 0..3000 {
            let md = rng.text(PARTS, 1, 24);
            let r = html(&md);
            let doc = scraper::Html::parse_fragment(&r.html);
            for node in doc.root_element().descendants() {
                let Some(el) = node.value().as_element() else {
                    continue;
                };
                assert_ne!(el.name(), "script", "{md:?} → {}", r.html);
                for (name, value) in el.attrs() {
                    assert!(!name.starts_with("on"), "{md:?} → {}", r.html);
                    let v = value.to_lowercase();
                    assert!(
                        !(v.starts_with("javascript:") || v.starts_with("data:")),
                        "{md:?} → {}",
                        r.html
                    );
                }
            }
        }
    }
}

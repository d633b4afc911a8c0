//! Emit: structured documents → markdown pages with YAML front matter,
//! entity pages, and the manifest that protects editors' work.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::entities::{EntityId, EntityKind, Mention, Recognizer};
pub use super::manifest::{MANIFEST, Manifest, sha256_hex, write_atomic};
use super::metadata::Metadata;
use super::model::{Block, Document as Structured, FN_CLOSE, FN_OPEN, ParaNum, holds_note_mark};
use super::text::{escape_md_from, escape_md_into, is_alnum, is_letter};
use super::{IngestError, IngestReport};

/// One document ready to be written.
#[derive(Debug)]
pub struct DocPage {
    /// `documents/<slug>.md`
    pub path: String,
    pub slug: String,
    pub source: String,
    pub structured: Structured,
    pub meta: Metadata,
}

/// Where a mention links to, seen from `content/documents/`.
struct LinkTargets<'a> {
    /// Symbols of seed documents → their page slug.
    seed_docs: &'a BTreeMap<String, Vec<(String, String)>>,
    own_symbol: Option<&'a str>,
    /// The other symbols the document is issued under.
    joint: &'a [String],
    language: &'a str,
    /// Numbers the document cites as old Assembly resolutions (`2758` →
    /// `A/RES/2758(XXVI)`): the same number cited bare elsewhere in it is
    /// that resolution, not the Council's of that number.
    assembly_numbers: BTreeMap<u32, EntityId>,
}

impl LinkTargets<'_> {
    fn href(&self, e: &EntityId) -> Option<String> {
        if (self.own_symbol == Some(e.id.as_str()) || self.joint.contains(&e.id))
            && matches!(e.kind, EntityKind::DocumentRef | EntityKind::Resolution)
        {
            return None;
        }
        if e.kind == EntityKind::DocumentRef
            && let Some(versions) = self.seed_docs.get(&e.id)
        {
            // The version in the citing document's language, else the first.
            let slug = versions
                .iter()
                .find(|(lang, _)| lang == self.language)
                .or(versions.first())
                .map(|(_, slug)| slug.as_str())
                .unwrap_or_default();
            return Some(format!("../documents/{slug}.md"));
        }
        let mut href = String::with_capacity(e.id.len() + 24);
        href.push_str("../");
        e.push_content_path(&mut href);
        Some(href)
    }
}

/// Renders a document page; returns its text and the entities it cites.
pub fn render_document(
    doc: &DocPage,
    rec: &Recognizer,
    seed_docs: &BTreeMap<String, Vec<(String, String)>>,
) -> (String, BTreeSet<EntityId>) {
    let mut targets = LinkTargets {
        seed_docs,
        own_symbol: doc.meta.symbol.as_deref(),
        joint: &doc.meta.joint,
        language: &doc.meta.language,
        assembly_numbers: BTreeMap::new(),
    };
    let (page, seen) = render_with(doc, rec, &targets);
    // A number the document cites both as an old Assembly resolution
    // (`聯合國大會第2758號決議`) and bare (`聯合國2758號決議`, read as the
    // Council's): rendered again, the bare citations are the Assembly's.
    targets.assembly_numbers = assembly_numbers_also_cited_bare(&seen);
    if targets.assembly_numbers.is_empty() {
        return (page, seen);
    }
    render_with(doc, rec, &targets)
}

/// The old Assembly resolutions among `seen` whose number a Council id
/// among them shares, by number.
fn assembly_numbers_also_cited_bare(seen: &BTreeSet<EntityId>) -> BTreeMap<u32, EntityId> {
    let number = |id: &str, prefix: &str| -> Option<u32> {
        let digits: String = id
            .strip_prefix(prefix)?
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    };
    let council: BTreeSet<u32> = seen
        .iter()
        .filter(|e| e.kind == EntityKind::Resolution)
        .filter_map(|e| number(&e.id, "S/RES/"))
        .collect();
    seen.iter()
        .filter(|e| e.kind == EntityKind::Resolution && e.id.ends_with(')'))
        .filter_map(|e| Some((number(&e.id, "A/RES/")?, e.clone())))
        .filter(|(n, e)| council.contains(n) && e.id[6..].contains('('))
        .collect()
}

/// The mention with a bare number (no year written in it) that the
/// document cites as an old Assembly resolution elsewhere made that one.
fn attributed(mut m: Mention, text: &str, targets: &LinkTargets) -> Mention {
    if m.entity.kind != EntityKind::Resolution || targets.assembly_numbers.is_empty() {
        return m;
    }
    let Some(rest) = m.entity.id.strip_prefix("S/RES/") else {
        return m;
    };
    let n: Option<u32> = rest.split(' ').next().and_then(|d| d.parse().ok());
    let surface = text.get(m.start..m.end).unwrap_or_default();
    let year_written = rest
        .split(['(', ')'])
        .nth(1)
        .is_some_and(|y| surface.contains(y));
    if let Some(ga) = n.and_then(|n| targets.assembly_numbers.get(&n))
        && !year_written
    {
        m.entity = ga.clone();
    }
    m
}

fn render_with(
    doc: &DocPage,
    rec: &Recognizer,
    targets: &LinkTargets,
) -> (String, BTreeSet<EntityId>) {
    let md = doc.structured.markdown;
    let mut seen: BTreeSet<EntityId> = BTreeSet::new();
    // The body is about as long as the text it is made of (links and
    // markup added): reserved once, not grown by doubling.
    let text: usize = doc.structured.blocks.iter().map(text_len).sum::<usize>()
        + doc
            .structured
            .footnotes
            .iter()
            .map(|(l, t)| l.len() + t.len() + 8)
            .sum::<usize>();
    let mut body = String::with_capacity(text + text / 8 + 4 * doc.structured.blocks.len());
    // Kind of the previous list item: None, Some(false) bullet, Some(true) ordered.
    let mut prev_list: Option<bool> = None;
    for block in &doc.structured.blocks {
        let is_list = matches!(block, Block::ListItem(_));
        if !body.is_empty() {
            let same_list = is_list && prev_list == Some(list_kind(block, md));
            body.push_str(if same_list { "\n" } else { "\n\n" });
        }
        prev_list = is_list.then(|| list_kind(block, md));
        match block {
            Block::Heading { level, text } => {
                body.push_str(&"#".repeat((*level).clamp(1, 6) as usize));
                body.push(' ');
                body.push_str(&link_text(text, rec, targets, md, &mut seen));
            }
            Block::ListItem(text) => {
                // Ordered items (markdown input) carry their own number.
                if !(md && super::structure::ORDERED.is_match(text)) {
                    body.push_str("- ");
                }
                body.push_str(&link_text(text, rec, targets, md, &mut seen));
            }
            Block::Quote(text) => {
                let quoted = link_text(text, rec, targets, md, &mut seen);
                for (i, line) in quoted.lines().enumerate() {
                    if i > 0 {
                        body.push('\n');
                    }
                    body.push_str("> ");
                    body.push_str(line);
                }
            }
            Block::Table(rows) => {
                body.push_str(&table(rows, |cell| {
                    link_text(cell, rec, targets, md, &mut seen)
                }));
            }
            Block::Code { lang, text } => body.push_str(&fenced(lang.as_deref(), text)),
            Block::Para { num, text, items } => {
                // `17\. ` (its full stop escaped: no list item); `10.1 `
                // as the document writes it.
                match num {
                    Some(n @ ParaNum { section: None, .. }) => {
                        body.push_str(&format!("{}\\. ", n.n));
                    }
                    Some(n) => {
                        body.push_str(&n.label());
                        body.push(' ');
                    }
                    None => {}
                }
                let mut parts: Vec<String> = Vec::new();
                if !text.is_empty() {
                    parts.push(link_text(text, rec, targets, md, &mut seen));
                }
                for item in items {
                    parts.push(link_text(item, rec, targets, md, &mut seen));
                }
                let mut joined = parts.join("\\\n");
                if num.is_none() {
                    joined = protect_line_start(&joined);
                }
                body.push_str(&joined);
                if let Some(n) = num {
                    body.push(' ');
                    body.push('^');
                    body.push_str(&n.anchor());
                }
            }
        }
    }
    if !doc.structured.footnotes.is_empty() {
        body.push('\n');
        for (label, text) in &doc.structured.footnotes {
            body.push_str(&format!(
                "\n[^{label}]: {}",
                link_text(text, rec, targets, md, &mut seen)
            ));
        }
    }
    body.push('\n');
    // What the title and the masthead cite (a letterhead's member states,
    // a resolution named in the title) belongs to the document too; they
    // are not body text, so nothing links there.
    for text in [
        doc.structured.title.as_deref().unwrap_or(""),
        &doc.structured.front,
    ] {
        for m in rec.find(text) {
            let m = attributed(m, text, targets);
            if targets.href(&m.entity).is_some() {
                seen.insert(m.entity);
            }
        }
    }

    // A list of countries among the lines cut as boilerplate (a
    // communiqué's letterhead of member states): its countries are the
    // document's, when the run is mostly country names.
    for run in &doc.structured.set_aside {
        let countries: Vec<Mention> = rec
            .find(run)
            .into_iter()
            .filter(|m| m.entity.kind == EntityKind::Country)
            .collect();
        let letters = |s: &str| s.chars().filter(|&c| is_letter(c)).count();
        let covered: usize = countries
            .iter()
            .filter_map(|m| run.get(m.start..m.end))
            .map(letters)
            .sum();
        if countries.len() >= 3 && covered * 10 >= letters(run) * 6 {
            seen.extend(countries.into_iter().map(|m| m.entity));
        }
    }

    let mut by_kind: BTreeMap<EntityKind, Vec<&str>> = BTreeMap::new();
    for e in &seen {
        by_kind.entry(e.kind).or_default().push(&e.id);
    }
    let list = |k: EntityKind| -> String {
        let mut ids: Vec<&str> = by_kind.get(&k).cloned().unwrap_or_default();
        ids.sort();
        ids.dedup();
        yaml_list(&ids)
    };
    let m = &doc.meta;
    let mut fm = String::from("---\n");
    fm.push_str("kind: document\n");
    fm.push_str(&format!(
        "title: {}\n",
        yaml_str(doc.structured.title.as_deref().unwrap_or(&doc.slug))
    ));
    fm.push_str(&format!(
        "symbol: {}\n",
        m.symbol.as_deref().map_or("null".into(), yaml_str)
    ));
    fm.push_str(&format!("date: {}\n", m.date.as_deref().unwrap_or("null")));
    fm.push_str(&format!("language: {}\n", yaml_str(&m.language)));
    let langs: Vec<&str> = m.languages.iter().map(String::as_str).collect();
    fm.push_str(&format!("languages: {}\n", yaml_list(&langs)));
    fm.push_str(&format!("source: {}\n", yaml_str(&doc.source)));
    for k in [
        EntityKind::Resolution,
        EntityKind::DocumentRef,
        EntityKind::Country,
        EntityKind::Organization,
        EntityKind::Instrument,
        EntityKind::Topic,
    ] {
        fm.push_str(&format!("{}: {}\n", k.front_matter_key(), list(k)));
    }
    fm.push_str("---\n\n");
    fm.push_str(&body);
    (fm, seen)
}

/// The bytes of a block's text.
fn text_len(block: &Block) -> usize {
    match block {
        Block::Heading { text, .. }
        | Block::ListItem(text)
        | Block::Quote(text)
        | Block::Code { text, .. } => text.len(),
        Block::Para { text, items, .. } => {
            text.len() + items.iter().map(String::len).sum::<usize>()
        }
        Block::Table(rows) => rows.iter().flatten().map(String::len).sum(),
    }
}

/// A GitHub-flavoured markdown table; the first row is the header. Cells
/// are single lines with their pipes escaped.
fn table(rows: &[Vec<String>], mut cell: impl FnMut(&str) -> String) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut out = String::new();
    for (r, row) in rows.iter().enumerate() {
        if r > 0 {
            out.push('\n');
        }
        out.push('|');
        for c in 0..width {
            let text = row.get(c).map(|t| cell(t)).unwrap_or_default();
            let text = text.replace('\n', " ");
            out.push(' ');
            out.push_str(&escape_pipes(text.trim()));
            out.push_str(" |");
        }
        if r == 0 {
            out.push_str("\n|");
            out.push_str(&" --- |".repeat(width));
        }
    }
    out
}

/// `|` not already escaped becomes `\|`: a table cell ends at a bare pipe.
fn escape_pipes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut escaped = false;
    for c in s.chars() {
        if c == '|' && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

/// A fenced code block whose fence is longer than any backtick run inside.
fn fenced(lang: Option<&str>, text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest.max(2) + 1);
    // A language name only (`go`, `c++`, `objective-c`): no attributes,
    // nothing a fence's info string could be confused by.
    let lang = lang
        .filter(|l| {
            !l.is_empty()
                && l.len() <= 32
                && l.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-#._".contains(c))
        })
        .unwrap_or("text");
    format!("{fence}{lang}\n{}\n{fence}", text.trim_end_matches('\n'))
}

fn list_kind(block: &Block, markdown: bool) -> bool {
    matches!(block, Block::ListItem(t) if markdown && super::structure::ORDERED.is_match(t))
}

/// Keeps a paragraph that starts like a list marker or an ordered list
/// item (`1. `, `2) `) from becoming one.
fn protect_line_start(s: &str) -> String {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 10 && matches!(s.as_bytes().get(digits), Some(b'.') | Some(b')')) {
        return format!("{}\\{}", &s[..digits], &s[digits..]);
    }
    s.to_string()
}

/// Text with recognised mentions turned into relative links, escaped for
/// markdown (unless it is markdown already), footnote markers as `[^N]`.
fn link_text(
    text: &str,
    rec: &Recognizer,
    targets: &LinkTargets,
    markdown: bool,
    seen: &mut BTreeSet<EntityId>,
) -> String {
    let mentions: Vec<Mention> = rec
        .find(text)
        .into_iter()
        .map(|m| attributed(m, text, targets))
        .collect();
    let protected = protected_ranges(text, markdown);
    // Escaped straight into `out`: no string per stretch of text.
    let esc = |out: &mut String, s: &str, start: bool| {
        if markdown {
            out.push_str(&escape_raw_html(s));
        } else {
            escape_md_into(out, s, start);
        }
    };
    let mut out = String::with_capacity(text.len() + 32);
    let mut at = 0;
    for m in mentions {
        if m.start < at
            || m.end > text.len()
            || m.start >= m.end
            || !text.is_char_boundary(m.start)
            || !text.is_char_boundary(m.end)
        {
            continue;
        }
        // The ranges are a regex's matches: in order, not overlapping, so
        // the last one starting before the mention's end is the only one
        // that can reach into it.
        let before_end = protected.partition_point(|&(s, _)| s < m.end);
        if before_end > 0 && protected[before_end - 1].1 > m.start {
            continue;
        }
        let surface = &text[m.start..m.end];
        if holds_note_mark(surface) {
            continue;
        }
        let Some(href) = targets.href(&m.entity) else {
            continue;
        };
        esc(&mut out, &text[at..m.start], at == 0);
        out.push('[');
        let label = escape_md_from(surface, false);
        if label.contains(['(', ')']) {
            out.push_str(&label.replace('(', "\\(").replace(')', "\\)"));
        } else {
            out.push_str(&label);
        }
        out.push_str("](");
        out.push_str(&href);
        out.push(')');
        at = m.end;
        seen.insert(m.entity);
    }
    esc(&mut out, &text[at..], at == 0);
    // An author's link keeps its target, but a citation in its text is
    // the document's mention all the same (`General Assembly Resolution
    // [2758 (XXVI) of 25.10.1971](…)`): found on the text with the links'
    // markup taken off, it is listed, not linked. Only citations of
    // resolutions and documents: a country or topic in a link's text is a
    // scraped page's menu or teaser as often as the article's.
    // In running prose, where links are a few words of the sentence (`[as
    // Germany did](…) last year`), a country named in one is the text's
    // too.
    if markdown && !protected.is_empty() && text.contains("](") {
        let plain = link_texts_only(text);
        let prose = in_running_prose(&plain, text);
        for m in rec.find(&plain) {
            let m = attributed(m, &plain, targets);
            let cited = matches!(
                m.entity.kind,
                EntityKind::Resolution | EntityKind::DocumentRef
            ) || prose && m.entity.kind == EntityKind::Country;
            if cited && targets.href(&m.entity).is_some() {
                seen.insert(m.entity);
            }
        }
    }
    // A link to a UN document's address cites it, whether its text writes
    // the symbol or not (`[the text](https://undocs.org/S/RES/2118(2013))`):
    // listed, the author's link kept. So does an address written out.
    if !protected.is_empty() {
        for &(s, e) in &protected {
            for url in addresses_in(&text[s..e], markdown) {
                if let Some(id) = rec.cited_by_address(url)
                    && targets.href(&id).is_some()
                {
                    seen.insert(id);
                }
            }
        }
    }
    // An image's description that is a caption (`![The minister in
    // Washington on Thursday. Photo: …](…)`) is the document's text: what
    // it names is listed, not linked (a link would break the image).
    if markdown && text.contains("![") {
        for alt in captions(text) {
            for m in rec.find(alt) {
                if targets.href(&m.entity).is_some() {
                    seen.insert(m.entity);
                }
            }
        }
    }
    if holds_note_mark(&out) {
        out.replace(FN_OPEN, "[^").replace(FN_CLOSE, "]")
    } else {
        out
    }
}

/// Markdown input keeps its markup but not raw HTML (`<script>`, `<div>`):
/// a `<` that opens a tag is escaped; autolinks `<https://…>` stay.
fn escape_raw_html(s: &str) -> String {
    if !s.contains('<') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let autolink = after.starts_with("http://")
            || after.starts_with("https://")
            || after.starts_with("mailto:");
        let tag = after
            .starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        if tag && !autolink {
            out.push('\\');
        }
        out.push('<');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The descriptions of a markdown text's images that are captions: a
/// sentence of five words or more, not a file's or a picture's label
/// (`logo`, `Figure 1`, `IMG_2041.jpg`).
fn captions(text: &str) -> impl Iterator<Item = &str> {
    static IMAGE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"!\[([^\]]*)\]\(").unwrap());
    IMAGE
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str())
        .filter(|alt| alt.split_whitespace().count() >= 5)
}

/// The web addresses a protected range holds: a markdown link's
/// destination (and an image's inside its text), or the range itself when
/// it is an address.
fn addresses_in(range: &str, markdown: bool) -> Vec<&str> {
    let web = |u: &str| u.starts_with("http://") || u.starts_with("https://");
    if markdown && range.starts_with('[') {
        return LINK
            .captures_iter(range)
            .filter_map(|c| c.get(2))
            .map(|d| d.as_str().split_whitespace().next().unwrap_or(""))
            .map(|d| d.trim_start_matches('<').trim_end_matches('>'))
            .filter(|d| web(d))
            .collect();
    }
    if web(range) { vec![range] } else { Vec::new() }
}

/// Whether a markdown text (`plain`: the same with its links reduced to
/// their text) is running prose its links are a part of: twenty words or
/// more, ending a sentence, no more than half of them inside links (not a
/// teaser, a menu or a list of headlines).
fn in_running_prose(plain: &str, text: &str) -> bool {
    let words = |s: &str| s.split_whitespace().count();
    let all = words(plain);
    let linked: usize = LINK
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|l| words(l.as_str()))
        .sum();
    all >= 20 && linked * 2 <= all && super::clean::blocks::ends_sentence(plain.trim())
}

/// Markdown with every inline link `[text](target)` reduced to its text.
fn link_texts_only(text: &str) -> std::borrow::Cow<'_, str> {
    LINK.replace_all(text, "$1")
}

/// An inline markdown link, its text captured, then its destination (an
/// address may hold parentheses: `https://undocs.org/S/RES/2118(2013)`).
fn md_link() -> String {
    format!(r"\[([^\]]*)\]\(({})\)", super::text::MD_LINK_TARGET)
}

/// [`md_link`], compiled once.
static LINK: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(&md_link()).unwrap());

/// Byte ranges where no link may be made (in order, not overlapping): web
/// addresses always; in markdown also existing links, code spans and
/// inline HTML.
fn protected_ranges(text: &str, markdown: bool) -> Vec<(usize, usize)> {
    static MD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(&format!(
            r"{}|`[^`]*`|<[^>]+>|(?:https?://|www\.)[^\s\p{{Han}}，。]+",
            md_link()
        ))
        .unwrap()
    });
    static URL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:https?://|www\.)[^\s\p{Han}，。]+|[A-Za-z0-9_.+-]+@[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+").unwrap()
    });
    // Every match holds one of these (an address `://` or `www.`, a mail
    // `@`; in markdown a link `](`, a code span's backticks, a tag's `<`):
    // most blocks hold none and are not searched (the mail pattern has no
    // literal to skip ahead by).
    let may_match = crate::ingest::text::holds_address_mark(text)
        || markdown && (text.contains("](") || text.contains(['`', '<']));
    if !may_match {
        return Vec::new();
    }
    let re = if markdown { &*MD } else { &*URL };
    re.find_iter(text).map(|m| (m.start(), m.end())).collect()
}

/// An entity's page: front matter only; editors add the prose.
pub fn render_entity(e: &EntityId, rec: &Recognizer) -> String {
    let info = rec.info(e);
    let mut fm = String::from("---\n");
    let kind = match e.kind {
        EntityKind::Resolution => "resolution",
        EntityKind::DocumentRef => "document-ref",
        EntityKind::Country => "country",
        EntityKind::Organization => "organization",
        EntityKind::Instrument => "instrument",
        EntityKind::Topic => "topic",
    };
    fm.push_str(&format!("kind: {kind}\n"));
    fm.push_str(&format!("id: {}\n", yaml_str(&e.id)));
    let title = if info.title.is_empty() {
        e.id.clone()
    } else {
        info.title.clone()
    };
    fm.push_str(&format!("title: {}\n", yaml_str(&title)));
    if info.names.is_empty() {
        fm.push_str("names: {}\n");
    } else {
        fm.push_str("names:\n");
        for (lang, name) in &info.names {
            fm.push_str(&format!("  {}: {}\n", yaml_str(lang), yaml_str(name)));
        }
    }
    let mut aliases: Vec<&str> = info.aliases.iter().map(String::as_str).collect();
    aliases.sort();
    aliases.dedup();
    if e.kind == EntityKind::Topic {
        fm.push_str("aliases: []\n");
        fm.push_str(&format!("keywords: {}\n", yaml_list(&aliases)));
    } else {
        fm.push_str(&format!("aliases: {}\n", yaml_list(&aliases)));
    }
    fm.push_str("---\n");
    fm
}

/// A YAML scalar: plain when every YAML reader (1.1 or 1.2, core or
/// JSON schema) reads it back as this exact string, else double-quoted.
/// Plain only: letters, digits and `/ . _ -`, starting with a letter (a
/// leading digit may read as a number in some schema: `0x1F`, `0o17`,
/// `1e3`, `1_000`, `017`, `2019-07-30`), and no word a reader takes for
/// null or a boolean.
pub fn yaml_str(s: &str) -> String {
    let plain = s.chars().next().is_some_and(is_letter)
        && s.chars()
            .all(|c| is_alnum(c) || matches!(c, '/' | '.' | '_' | '-'))
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain {
        return s.to_string();
    }
    // A JSON string is a YAML double-quoted scalar, but for what YAML
    // does not take as it stands: characters it does not allow in a file
    // (DEL, C1 controls, non-characters, a byte-order mark) and those
    // YAML 1.1 takes for line breaks (folded into a space); escaped.
    let quoted = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let escape = |c: char| {
        matches!(
            c,
            '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
    };
    if !quoted.contains(escape) {
        return quoted;
    }
    let mut out = String::with_capacity(quoted.len() + 8);
    for c in quoted.chars() {
        if escape(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn yaml_list(items: &[&str]) -> String {
    let inner: Vec<String> = items.iter().map(|s| yaml_str(s)).collect();
    format!("[{}]", inner.join(", "))
}

// ---------------------------------------------------------------- writing

/// Who may overwrite a file that is already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ownership {
    /// Document pages: ingest's unless edited (`--force` overwrites).
    Document,
    /// Entity pages: an editor-created page (never written by ingest) is
    /// never overwritten, not even with `--force`.
    Entity,
}

/// Writes `rel` under `content` unless an editor changed it since ingest
/// last wrote it; records the outcome in `report` and `manifest`.
pub fn write_page(
    content: &Path,
    rel: &str,
    text: &str,
    own: Ownership,
    force: bool,
    manifest: &mut Manifest,
    report: &mut IngestReport,
) -> Result<(), IngestError> {
    let hash = sha256_hex(text.as_bytes());
    let outcome = write_one(
        content,
        rel,
        text,
        &hash,
        own,
        force,
        manifest.files.get(rel),
    )?;
    record(content, rel, outcome, manifest, report);
    Ok(())
}

/// What [`write_one`] did with one page.
#[derive(Debug)]
pub enum Outcome {
    /// Written (new or changed), with the hash of what was written.
    Written(String),
    /// Already what ingest would write (adopted if the manifest did not
    /// know it: ingest's own page, or an edit identical to it).
    Unchanged(String),
    /// Left alone: an editor changed it, or it is not ingest's.
    Kept(&'static str),
    /// An entity page ingest did not write: never touched. With `--force`
    /// this is said, as it is the one page `--force` does not overwrite.
    Skipped { force: bool },
}

/// The file-system half of [`write_page`]: decides from the file on disk
/// and the hash the manifest recorded (`recorded`), and writes `text`
/// (`new_hash`: its sha256). Touches nothing shared, so pages can
/// be written in parallel.
///
/// A file that holds exactly what ingest would write is ingest's whatever
/// the manifest says: a run killed before it saved the manifest, or a
/// deleted manifest, must not leave pages that later runs never update.
pub fn write_one(
    content: &Path,
    rel: &str,
    text: &str,
    new_hash: &String,
    own: Ownership,
    force: bool,
    recorded: Option<&String>,
) -> Result<Outcome, IngestError> {
    let path = content.join(rel);
    let existing = match std::fs::read(&path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(IngestError::Io { path, source }),
    };
    if let Some(bytes) = existing {
        let disk_hash = sha256_hex(&bytes);
        if disk_hash == *new_hash {
            return Ok(Outcome::Unchanged(new_hash.clone()));
        }
        match recorded {
            Some(h) if *h == disk_hash => {}
            Some(_) if !force => return Ok(Outcome::Kept("was edited since ingest wrote it")),
            None if own == Ownership::Entity => return Ok(Outcome::Skipped { force }),
            None if !force => return Ok(Outcome::Kept("was not written by ingest")),
            _ => {}
        }
    }
    write_atomic(&path, text.as_bytes())?;
    Ok(Outcome::Written(new_hash.clone()))
}

/// The bookkeeping half of [`write_page`], run in page order so the report
/// and the manifest do not depend on which thread finished first.
pub fn record(
    content: &Path,
    rel: &str,
    outcome: Outcome,
    manifest: &mut Manifest,
    report: &mut IngestReport,
) {
    match outcome {
        Outcome::Written(hash) => {
            manifest.files.insert(rel.to_string(), hash);
            report.written += 1;
        }
        Outcome::Unchanged(hash) => {
            manifest.files.insert(rel.to_string(), hash);
            report.unchanged += 1;
        }
        Outcome::Kept(why) => keep(report, &content.join(rel), why),
        Outcome::Skipped { force: false } => {}
        Outcome::Skipped { force: true } => report.warnings.push(format!(
            "{}: an entity page ingest did not write (it is not in {}) is never overwritten, \
             not even with --force; delete it to let ingest write it",
            content.join(rel).display(),
            content.join(MANIFEST).display()
        )),
    }
}

/// Deletes the pages ingest wrote on an earlier run that this run no longer
/// produces (their seed was removed, or no seed mentions their entity any
/// more), provided nobody edited them (the file still hashes to what the
/// manifest recorded) and no page that stays links to them: removing a
/// page must never delete an editor's work or break the build. Edited
/// stale pages are kept and said; pages already gone leave the manifest.
pub fn remove_stale(
    content: &Path,
    produced: &BTreeSet<String>,
    manifest: &mut Manifest,
    report: &mut IngestReport,
) -> Result<(), IngestError> {
    let stale: Vec<String> = manifest
        .files
        .keys()
        .filter(|r| !produced.contains(*r))
        .cloned()
        .collect();
    let mut removable: BTreeSet<String> = BTreeSet::new();
    for rel in stale {
        let path = content.join(&rel);
        match std::fs::read(&path) {
            Ok(bytes) if manifest.files.get(&rel) == Some(&sha256_hex(&bytes)) => {
                removable.insert(rel);
            }
            Ok(_) => report.warnings.push(format!(
                "{}: ingest no longer produces this page, but it was edited; left as it is",
                path.display()
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                manifest.files.remove(&rel);
            }
            Err(source) => return Err(IngestError::Io { path, source }),
        }
    }
    if removable.is_empty() {
        return Ok(());
    }
    let linked = linked_from_kept_pages(content, produced, &removable, manifest);
    for rel in removable {
        let path = content.join(&rel);
        if let Some(from) = linked.get(&rel) {
            report.warnings.push(format!(
                "{}: ingest no longer produces this page, but {} links to it; left as it is",
                path.display(),
                content.join(from).display()
            ));
            continue;
        }
        std::fs::remove_file(&path).map_err(|source| IngestError::Io {
            path: path.clone(),
            source,
        })?;
        manifest.files.remove(&rel);
        report.removed += 1;
    }
    Ok(())
}

/// Stale pages (among `removable`) that a page staying in `content/` links
/// to, each with one page linking to it. Pages this run wrote fresh link
/// only to what it produced, so only the others are read: editors' own
/// pages and pages kept because they were edited.
fn linked_from_kept_pages(
    content: &Path,
    produced: &BTreeSet<String>,
    removable: &BTreeSet<String>,
    manifest: &Manifest,
) -> BTreeMap<String, String> {
    static LINK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\]\(\s*<?([^)\s#<>]+\.md)(?:#[^)\s]*)?>?").unwrap()
    });
    let mut out = BTreeMap::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(content.join(&dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let rel = dir.join(&name);
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(rel);
                continue;
            }
            let rel_s = rel.to_string_lossy().replace('\\', "/");
            if !name.ends_with(".md") || removable.contains(&rel_s) {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let fresh = produced.contains(&rel_s)
                && manifest.files.get(&rel_s) == Some(&sha256_hex(text.as_bytes()));
            if fresh {
                continue;
            }
            for c in LINK.captures_iter(&text) {
                if let Some(target) = resolve_relative(&dir, &c[1])
                    && removable.contains(&target)
                {
                    out.entry(target).or_insert_with(|| rel_s.clone());
                }
            }
        }
    }
    out
}

/// `../countries/arg.md` seen from `documents` → `countries/arg.md`.
fn resolve_relative(dir: &Path, link: &str) -> Option<String> {
    if link.contains("://") || link.starts_with('/') {
        return None;
    }
    let mut parts: Vec<String> = dir
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s.to_string()),
        }
    }
    Some(parts.join("/"))
}

fn keep(report: &mut IngestReport, path: &Path, why: &str) {
    report.warnings.push(format!(
        "{}: {why}; left as it is (use --force to overwrite)",
        path.display()
    ));
    report.kept_edited.push(path.to_path_buf());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` as `link_text` writes it in a document of `language`, and
    /// the ids of the entities it found.
    fn linked(text: &str, language: &str) -> (String, Vec<String>) {
        let rec = Recognizer::builtin();
        rec.finish();
        let seed_docs = BTreeMap::new();
        let targets = LinkTargets {
            seed_docs: &seed_docs,
            own_symbol: None,
            joint: &[],
            language,
            assembly_numbers: BTreeMap::new(),
        };
        let mut seen = BTreeSet::new();
        let out = link_text(text, &rec, &targets, true, &mut seen);
        (out, seen.iter().map(|e| e.id.clone()).collect())
    }

    #[test]
    fn a_citation_inside_an_authors_link_is_listed_and_the_link_kept() {
        let text = "Recalling General Assembly Resolution [2758 (XXVI) of 25.10.1971](https://example.org/2758.png) and Security Council resolution 777 (1992).";
        let (out, ids) = linked(text, "en");
        assert!(
            out.contains("[2758 (XXVI) of 25.10.1971](https://example.org/2758.png)"),
            "the author's link stays as written: {out}"
        );
        assert!(ids.iter().any(|i| i == "A/RES/2758(XXVI)"), "{ids:?}");
        assert!(ids.iter().any(|i| i == "S/RES/777 (1992)"), "{ids:?}");
    }

    #[test]
    fn a_country_named_in_a_link_within_running_prose_is_listed() {
        let text = "The coalition has [compared Germany's current plans](https://example.org/a) to those of the last government, which spent less on defence than its partners did last year.";
        let (out, ids) = linked(text, "en");
        assert!(
            out.contains("[compared Germany's current plans](https://example.org/a)"),
            "{out}"
        );
        assert_eq!(ids, ["DEU"]);
        // A line of links (a menu, a teaser) names nothing.
        let (_, ids) = linked(
            "[Germany](https://example.org/de) · [France](https://example.org/fr) · [News](https://example.org/n)",
            "en",
        );
        assert!(ids.is_empty(), "{ids:?}");
    }

    #[test]
    fn a_link_to_a_un_documents_address_cites_it() {
        // The Arabic text never writes the number: the links do.
        let text = "انظر [نص القرار](https://www.securitycouncilreport.org/atf/cf/s_res_2118.pdf) و[هنا](https://undocs.org/A/RES/70/1).";
        let (out, ids) = linked(text, "ar");
        assert!(out.contains("(https://undocs.org/A/RES/70/1)"), "{out}");
        assert!(ids.iter().any(|i| i == "S/RES/2118 (2013)"), "{ids:?}");
        assert!(ids.iter().any(|i| i == "A/RES/70/1"), "{ids:?}");
        // Its parentheses end no link: nothing of the address is left as
        // text, and an address written out cites as well.
        let text = "See [the text](https://undocs.org/S/RES/2334(2016)) or https://undocs.org/S/RES/1325(2000).";
        let (out, ids) = linked(text, "en");
        assert_eq!(out, text);
        assert_eq!(ids, ["S/RES/1325 (2000)", "S/RES/2334 (2016)"]);
    }

    #[test]
    fn an_image_caption_names_countries_without_links() {
        let text = "![Ruotsin pääministeri ja USA:n ulkoministeri Washingtonissa torstaina. Kuva: Reuters](https://example.org/a,b.jpg) ![Kenya](https://example.org/flag.png)";
        let (out, ids) = linked(text, "fi");
        assert_eq!(out, text, "the image stays as written");
        assert_eq!(ids, ["SWE", "USA"], "a one-word label is no caption");
    }

    #[test]
    fn raw_html_in_markdown_is_escaped() {
        assert_eq!(
            escape_raw_html("a <script>x</script> b"),
            "a \\<script>x\\</script> b"
        );
        assert_eq!(
            escape_raw_html("see <https://un.org> and 3 < 4"),
            "see <https://un.org> and 3 < 4"
        );
    }

    #[test]
    fn yaml_scalars() {
        assert_eq!(yaml_str("A/74/130"), "A/74/130");
        assert_eq!(yaml_str("S/RES/1373 (2001)"), "\"S/RES/1373 (2001)\"");
        assert_eq!(yaml_str("null"), "\"null\"");
        assert_eq!(yaml_str("2019"), "\"2019\"");
        assert_eq!(yaml_str("标题: 副标题"), "\"标题: 副标题\"");
        assert_eq!(yaml_str("阿根廷"), "阿根廷");
        assert_eq!(yaml_str("0x1F"), "\"0x1F\"");
        assert_eq!(yaml_str("No"), "\"No\"");
    }

    /// What YAML reads as a number, a boolean or null keeps its quotes:
    /// the title reaches the site as the exact string the document had,
    /// read by the content stage's own front matter parser.
    #[test]
    fn titles_round_trip_through_the_content_reader() {
        let rec = Recognizer::builtin();
        let (structured, meta) = super::super::process_text("Some text.\n", &rec);
        let mut page = DocPage {
            path: "documents/x.md".into(),
            slug: "x".into(),
            source: "seeds/x.txt".into(),
            structured,
            meta,
        };
        let mut titles: Vec<String> = [
            "0x1F",
            "0o17",
            "0b101",
            "1e3",
            "1E3",
            "1_000",
            "017",
            "123",
            "-1",
            "+1",
            "1.5",
            ".5",
            ".inf",
            "-.inf",
            ".NaN",
            "true",
            "True",
            "FALSE",
            "yes",
            "No",
            "on",
            "OFF",
            "y",
            "N",
            "null",
            "Null",
            "~",
            "2019-07-30",
            "12:30",
            "1:20:30",
            "3D",
            "A/74/130",
            "阿根廷",
            "Annual Report",
            "a: b",
            "- x",
            "#x",
            "[x]",
            "{x}",
            "'x'",
            "\"x\"",
            "x #y",
            "|",
            ">",
            "&a",
            "*a",
            "!x",
            "%x",
            "@x",
            "`x`",
            "? x",
            "x\u{2028}y",
            "x\u{85}y",
            "x\ty",
            " x ",
            "\\",
            "<<",
            "=",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // And a fixed stream of short strings of the characters that
        // matter to YAML's plain scalars.
        let alphabet: Vec<char> = "0123456789xobeE.+-_:~# ntrufalsyNTYo/'\"[]{}"
            .chars()
            .collect();
        let mut rng = crate::test_support::Lcg::new(0x5EED_0009);
        for _ in 0..2000 {
            let t = rng.text(&alphabet, 1, 6);
            if !t.trim().is_empty() {
                titles.push(t);
            }
        }
        for title in titles {
            page.structured.title = Some(title.clone());
            let (text, _) = render_document(&page, &rec, &BTreeMap::new());
            let split = crate::content::front_matter::split(&text).unwrap();
            let fm = crate::content::front_matter::parse(&split)
                .unwrap_or_else(|e| panic!("{title:?}: {e:?}\n{text}"));
            assert_eq!(fm.title, title, "{text}");
        }
    }

    #[test]
    fn a_paragraph_numbered_within_a_section_is_anchored_by_its_label() {
        let rec = Recognizer::builtin();
        let (mut structured, meta) = super::super::process_text("Some text.\n", &rec);
        structured.blocks = vec![
            Block::Para {
                num: Some(17.into()),
                text: "Text of it.".into(),
                items: Vec::new(),
            },
            Block::Para {
                num: Some(ParaNum {
                    section: Some("10".into()),
                    n: 1,
                }),
                text: "The Office.".into(),
                items: Vec::new(),
            },
        ];
        let page = DocPage {
            path: "documents/x.md".into(),
            slug: "x".into(),
            source: "seeds/x.txt".into(),
            structured,
            meta,
        };
        let (out, _) = render_document(&page, &rec, &BTreeMap::new());
        assert!(out.contains("\n17\\. Text of it. ^p-17\n"), "{out}");
        assert!(out.contains("\n10.1 The Office. ^p-10-1"), "{out}");
    }

    #[test]
    fn ordered_list_lookalikes_are_escaped() {
        assert_eq!(protect_line_start("2019. Year"), "2019\\. Year");
        assert_eq!(protect_line_start("Text 1."), "Text 1.");
    }

    #[test]
    fn manifest_protects_edits() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = Manifest::default();
        let mut r = IngestReport::default();
        write_page(
            dir.path(),
            "documents/x.md",
            "one\n",
            Ownership::Document,
            false,
            &mut m,
            &mut r,
        )
        .unwrap();
        assert_eq!(r.written, 1);
        std::fs::write(dir.path().join("documents/x.md"), "edited\n").unwrap();
        write_page(
            dir.path(),
            "documents/x.md",
            "two\n",
            Ownership::Document,
            false,
            &mut m,
            &mut r,
        )
        .unwrap();
        assert_eq!(r.kept_edited.len(), 1);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("documents/x.md")).unwrap(),
            "edited\n"
        );
        write_page(
            dir.path(),
            "documents/x.md",
            "two\n",
            Ownership::Document,
            true,
            &mut m,
            &mut r,
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("documents/x.md")).unwrap(),
            "two\n"
        );
        // Editor-created entity pages are never touched.
        std::fs::create_dir_all(dir.path().join("countries")).unwrap();
        std::fs::write(dir.path().join("countries/arg.md"), "mine\n").unwrap();
        write_page(
            dir.path(),
            "countries/arg.md",
            "gen\n",
            Ownership::Entity,
            true,
            &mut m,
            &mut r,
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("countries/arg.md")).unwrap(),
            "mine\n"
        );
        // With --force, that is said (it is what --force leaves).
        assert!(
            r.warnings
                .last()
                .is_some_and(|w| w.contains("countries/arg.md") && w.contains("--force")),
            "{:?}",
            r.warnings
        );
    }
}

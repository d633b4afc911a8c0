//! An HTML tree → blocks with roles, inline markup as markdown: headings,
//! paragraphs, lists, quotes, tables, preformatted text; links that lead
//! somewhere absolute stay links, emphasis and code stay.

use dom_query::NodeRef;

use crate::ingest::model::Block;
use crate::ingest::text::escape_md_from;

/// Elements whose content is never text of the page.
const SKIP: &[&str] = &[
    // `<rt>`/`<rp>`: the reading of a ruby annotation, not the text.
    "rt", "rp", "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object",
    "embed", "button", "select", "input", "textarea", "map", "head", "title", "meta", "link",
    "dialog", "math",
];

/// Elements that end the paragraph being gathered.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "body",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "td",
    "th",
    "tr",
    "ul",
    "caption",
    "thead",
    "tbody",
    "tfoot",
];

/// How the walk treats page chrome.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Drop navigation, headers, footers, asides, forms and elements whose
    /// class/id/role names page chrome (for a page not already reduced to
    /// its article).
    pub drop_chrome: bool,
    /// Absolute URL the page was published at: relative links resolve
    /// against it; without it they become their text.
    pub base: Option<&'a str>,
}

/// The blocks under `root`.
pub fn blocks(root: &NodeRef, opts: Options) -> Vec<Block> {
    let mut w = Walker {
        opts,
        out: Vec::new(),
        para: String::new(),
    };
    w.children(root);
    w.flush();
    w.out
}

/// Stands for a `<br>` in gathered inline text: a space, but two in a
/// row (white space between) end a paragraph — pages that write their
/// paragraphs as text between `<br><br>` in one container.
const BR: char = '\u{E00B}';

struct Walker<'a> {
    opts: Options<'a>,
    out: Vec<Block>,
    /// Inline markdown of the paragraph being gathered.
    para: String,
}

impl Walker<'_> {
    fn flush(&mut self) {
        let para = std::mem::take(&mut self.para);
        for piece in split_at_double_br(&para) {
            let text = tidy(piece);
            if !text.is_empty() {
                self.out.push(Block::Para {
                    num: None,
                    text,
                    items: Vec::new(),
                });
            }
        }
    }

    fn children(&mut self, node: &NodeRef) {
        let mut prev_link = false;
        for child in node.children_it(false) {
            let link = is_link(&child);
            if link
                && prev_link
                && !self.para.is_empty()
                && !self.para.ends_with(char::is_whitespace)
            {
                self.para.push(' ');
            }
            prev_link = link;
            self.node(&child);
        }
    }

    /// The lower-case name of an element the walk enters: `None` for
    /// anything else, and for scripts, hidden elements and (when asked)
    /// chrome.
    fn entered(&self, node: &NodeRef) -> Option<String> {
        if !node.is_element() {
            return None;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        let skipped = SKIP.contains(&name.as_str())
            || hidden(node)
            || is_caption(node, &name)
            || (self.opts.drop_chrome && (is_chrome(node, &name) || is_video_figure(node, &name)));
        (!skipped).then_some(name)
    }

    fn node(&mut self, node: &NodeRef) {
        if node.is_text() {
            push_text(&mut self.para, &node.text());
            return;
        }
        let Some(name) = self.entered(node) else {
            return;
        };
        match name.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = name[1..].parse::<u8>().unwrap_or(2);
                let text = tidy(&self.inline_of(node));
                if !text.is_empty() {
                    self.out.push(Block::Heading { level, text });
                }
            }
            "p" => {
                self.flush();
                // A `<p>` holding blocks (invalid but common) is walked.
                if let Some(text) = code_paragraph(node) {
                    self.out.push(Block::Code { lang: None, text });
                } else if has_block_child(node) {
                    self.children(node);
                    self.flush();
                } else {
                    self.para = self.inline_of(node);
                    self.flush();
                }
            }
            "ul" | "ol" | "menu" => {
                self.flush();
                self.list(node, name == "ol");
            }
            "dl" => {
                self.flush();
                for item in node.element_children() {
                    let text = tidy(&self.inline_of(&item));
                    if text.is_empty() {
                        continue;
                    }
                    let is_term = item
                        .node_name()
                        .is_some_and(|n| n.eq_ignore_ascii_case("dt"));
                    self.out.push(if is_term {
                        Block::Para {
                            num: None,
                            text: format!("**{text}**"),
                            items: Vec::new(),
                        }
                    } else {
                        Block::ListItem(text)
                    });
                }
            }
            "blockquote" => {
                self.flush();
                let inner = blocks(node, self.opts);
                for b in inner {
                    match b {
                        Block::Para { text, .. } | Block::ListItem(text) => {
                            self.out.push(Block::Quote(text));
                        }
                        other => self.out.push(other),
                    }
                }
            }
            "pre" => {
                self.flush();
                let text = node.text().to_string();
                if !text.trim().is_empty() {
                    self.out.push(Block::Code {
                        lang: code_language(node),
                        text: text.trim_end().to_string(),
                    });
                }
            }
            "table" => {
                self.flush();
                self.table(node);
            }
            "br" => self.para.push(BR),
            "hr" => self.flush(),
            "img" | "picture" | "video" | "audio" | "source" | "track" => {}
            _ if BLOCKS.contains(&name.as_str()) => {
                self.flush();
                self.children(node);
                self.flush();
            }
            _ => {
                // An inline element straight in a container keeps its own
                // markup (emphasis, a link), as inside a `<p>`.
                let mut inline = String::new();
                self.inline(node, &mut inline);
                self.para.push_str(&inline);
            }
        }
    }

    fn list(&mut self, node: &NodeRef, ordered: bool) {
        let mut n = node
            .attr("start")
            .and_then(|s| s.trim().parse::<u32>().ok())
            .unwrap_or(1);
        for item in node.element_children() {
            let name = item
                .node_name()
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default();
            if name != "li" {
                // Lists nested straight in a list, or stray elements.
                self.node(&item);
                continue;
            }
            if hidden(&item) || (self.opts.drop_chrome && is_chrome(&item, &name)) {
                continue;
            }
            // The item's own text; its nested lists follow as items.
            let mut own = String::new();
            let mut nested: Vec<NodeRef> = Vec::new();
            let mut prev_link = false;
            for child in item.children_it(false) {
                let is_list = child
                    .node_name()
                    .is_some_and(|n| n.eq_ignore_ascii_case("ul") || n.eq_ignore_ascii_case("ol"));
                let link = is_link(&child);
                if is_list {
                    nested.push(child);
                } else if child.is_text() {
                    push_text(&mut own, &child.text());
                } else if child.is_element() {
                    let cname = child
                        .node_name()
                        .map(|n| n.to_ascii_lowercase())
                        .unwrap_or_default();
                    if BLOCKS.contains(&cname.as_str()) {
                        // A block in the item (`<li><p>…</p></li>`): its
                        // content, set off by spaces.
                        if !SKIP.contains(&cname.as_str()) && !hidden(&child) {
                            if !own.trim().is_empty() {
                                own.push(' ');
                            }
                            own.push_str(&self.inline_of(&child));
                            own.push(' ');
                        }
                    } else {
                        // An inline element keeps its own markup: the
                        // item's link, its emphasis (links side by side
                        // are separate words, as in a paragraph).
                        if link && prev_link && !own.ends_with(char::is_whitespace) {
                            own.push(' ');
                        }
                        self.inline(&child, &mut own);
                    }
                }
                prev_link = link;
            }
            let text = tidy(&own);
            if !text.is_empty() {
                self.out.push(Block::ListItem(if ordered {
                    format!("{n}. {text}")
                } else {
                    text
                }));
            }
            n += 1;
            for l in nested {
                self.node(&l);
            }
        }
    }

    fn table(&mut self, node: &NodeRef) {
        let rows: Vec<NodeRef> = node
            .descendants_it()
            .filter(|n| n.node_name().is_some_and(|x| x.eq_ignore_ascii_case("tr")))
            .collect();
        let nested = node.descendants_it().skip(1).any(|n| {
            n.node_name()
                .is_some_and(|x| x.eq_ignore_ascii_case("table"))
        });
        fn cells<'n>(r: &NodeRef<'n>) -> Vec<NodeRef<'n>> {
            r.element_children()
                .into_iter()
                .filter(|c| {
                    c.node_name().is_some_and(|x| {
                        x.eq_ignore_ascii_case("td") || x.eq_ignore_ascii_case("th")
                    })
                })
                .collect()
        }
        let width = rows.iter().map(|r| cells(r).len()).max().unwrap_or(0);
        // A layout table (one column, nested tables, cells holding long
        // runs of blocks) is walked as blocks; a data table stays a table.
        let block_cells = rows
            .iter()
            .flat_map(cells)
            .filter(|c| c.element_children().iter().filter(|x| is_block(x)).count() > 2)
            .count();
        if nested || width < 2 || block_cells > 0 || rows.len() < 2 {
            self.children(node);
            self.flush();
            return;
        }
        let mut out: Vec<Vec<String>> = Vec::new();
        for r in &rows {
            let row: Vec<String> = cells(r).iter().map(|c| tidy(&self.inline_of(c))).collect();
            if row.iter().any(|c| !c.is_empty()) {
                out.push(row);
            }
        }
        if let Some(caption) = node.element_children().into_iter().find(|c| {
            c.node_name()
                .is_some_and(|x| x.eq_ignore_ascii_case("caption"))
        }) {
            self.para = self.inline_of(&caption);
            self.flush();
        }
        if out.len() >= 2 {
            self.out.push(Block::Table(out));
        } else {
            for row in out {
                self.para = row.join(" ");
                self.flush();
            }
        }
    }

    /// The inline markdown of `node`'s content: text escaped, links,
    /// emphasis and code spans as markdown.
    fn inline_of(&self, node: &NodeRef) -> String {
        let mut s = String::new();
        self.inline_children(node, &mut s);
        s
    }

    fn inline_children(&self, node: &NodeRef, out: &mut String) {
        let mut prev_link = false;
        for child in node.children_it(false) {
            // Links side by side with nothing between (a strip of tags)
            // are separate words.
            let link = is_link(&child);
            if link && prev_link && !out.ends_with(char::is_whitespace) {
                out.push(' ');
            }
            prev_link = link;
            self.inline(&child, out);
        }
    }

    fn inline(&self, node: &NodeRef, out: &mut String) {
        if node.is_text() {
            push_text(out, &node.text());
            return;
        }
        let Some(name) = self.entered(node) else {
            return;
        };
        let wrap = |out: &mut String, mark: &str, inner: String| {
            // Emphasis is never cut in two.
            let inner = inner.replace(BR, " ");
            let t = inner.trim();
            if t.is_empty() {
                out.push_str(&inner);
                return;
            }
            let lead = &inner[..inner.len() - inner.trim_start().len()];
            let trail = &inner[inner.trim_end().len()..];
            out.push_str(lead);
            out.push_str(mark);
            out.push_str(t);
            out.push_str(mark);
            out.push_str(trail);
        };
        match name.as_str() {
            "a" => {
                let inner = self.inline_of(node).replace(BR, " ");
                let href = node.attr("href").map(|h| h.trim().to_string());
                match href.and_then(|h| absolute(&h, self.opts.base)) {
                    Some(url) if !inner.trim().is_empty() && !inner.contains("](") => {
                        let lead = &inner[..inner.len() - inner.trim_start().len()];
                        let trail = &inner[inner.trim_end().len()..];
                        out.push_str(lead);
                        out.push('[');
                        out.push_str(inner.trim());
                        out.push_str("](");
                        // (Parentheses encoded: one left unbalanced would
                        // carry the link on into the text after it.)
                        out.push_str(
                            &url.replace(' ', "%20")
                                .replace('(', "%28")
                                .replace(')', "%29"),
                        );
                        out.push(')');
                        out.push_str(trail);
                    }
                    _ => out.push_str(&inner),
                }
            }
            "em" | "i" => wrap(out, "*", self.inline_of(node)),
            "strong" | "b" => wrap(out, "**", self.inline_of(node)),
            "code" | "kbd" | "samp" | "tt" => {
                let t = node.text().to_string();
                let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if !t.is_empty() {
                    let fence = if t.contains('`') { "`` " } else { "`" };
                    let close = if t.contains('`') { " ``" } else { "`" };
                    out.push_str(fence);
                    out.push_str(&t);
                    out.push_str(close);
                }
            }
            "br" => out.push(BR),
            "img" | "picture" | "video" | "audio" | "source" | "wbr" => {}
            _ => {
                let block = BLOCKS.contains(&name.as_str())
                    || matches!(
                        name.as_str(),
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table" | "pre" | "blockquote"
                    );
                if block {
                    out.push(' ');
                }
                self.inline_children(node, out);
                if block {
                    out.push(' ');
                }
            }
        }
    }
}

/// The text a reader sees in `node`: scripts, ruby readings and hidden
/// elements left out, whitespace collapsed (for titles).
pub fn visible_text(node: &NodeRef) -> String {
    visible_text_with(node, false)
}

/// [`visible_text`] with every element's text set apart by a space: the
/// parts of a date a page shows in elements of their own
/// (`<span>28.09.19</span><span>12:44</span>`) stay apart.
pub fn visible_text_spaced(node: &NodeRef) -> String {
    visible_text_with(node, true)
}

fn visible_text_with(node: &NodeRef, spaced: bool) -> String {
    fn walk(n: &NodeRef, out: &mut String, spaced: bool) {
        for c in n.children_it(false) {
            if c.is_text() {
                out.push_str(&c.text());
            } else if c.is_element() {
                if spaced {
                    out.push(' ');
                }
                let name = c
                    .node_name()
                    .map(|x| x.to_ascii_lowercase())
                    .unwrap_or_default();
                if !SKIP.contains(&name.as_str()) && !hidden(&c) {
                    if name == "br" {
                        out.push(' ');
                    }
                    walk(&c, out, spaced);
                } else if !SKIP.contains(&name.as_str()) {
                    // A hidden element still parts the words beside it (a
                    // headline's dash hidden from screen readers); a ruby's
                    // reading (`<rt>`) sits inside a word.
                    out.push(' ');
                }
            }
        }
    }
    let mut out = String::new();
    walk(node, &mut out, spaced);
    out.retain(|c| !is_invisible(c));
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A character that shows nothing and only hints at line breaking: the
/// soft hyphen (`Mit&shy;tel&shy;al&shy;ter`), zero-width space, word
/// joiner, byte-order mark. Kept, the words they sit in match nothing.
/// (The zero-width joiner and non-joiner shape Persian, Indic and emoji
/// text: they stay.)
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Text of a text node, whitespace collapsed, escaped for markdown.
fn push_text(out: &mut String, raw: &str) {
    let mut collapsed = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            space = true;
        } else if is_invisible(c) {
            continue;
        } else {
            if space {
                collapsed.push(' ');
            }
            space = false;
            collapsed.push(c);
        }
    }
    if space {
        collapsed.push(' ');
    }
    out.push_str(&escape_md_from(&collapsed, false));
}

/// Spaces collapsed and trimmed; a line start that markdown would read as
/// a heading, list, quote or rule is escaped.
/// The pieces of a paragraph's inline text between two `<br>` in a row.
fn split_at_double_br(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut last_br: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c == BR {
            if let Some(prev) = last_br
                && s[prev + BR.len_utf8()..i].trim().is_empty()
            {
                out.push(&s[start..prev]);
                start = i + BR.len_utf8();
                last_br = None;
                continue;
            }
            last_br = Some(i);
        } else if !c.is_whitespace() {
            last_br = None;
        }
    }
    out.push(&s[start..]);
    out
}

fn tidy(s: &str) -> String {
    let s = s.replace(BR, " ");
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = t.replace("** **", " ").replace("**  **", " ");
    match t.chars().next() {
        Some('#' | '-' | '+' | '=' | '>') => format!("\\{t}"),
        _ => t,
    }
}

fn is_link(node: &NodeRef) -> bool {
    node.is_element()
        && node
            .node_name()
            .is_some_and(|n| n.eq_ignore_ascii_case("a"))
}

/// A paragraph that is one `<code>` element broken into lines by `<br>`
/// (how older manuals set an example: `<p><code>Listen 80<br>…</code></p>`)
/// is a code block: its lines, each without the markup's indentation.
fn code_paragraph(node: &NodeRef) -> Option<String> {
    let children = node.element_children();
    let [code] = children.as_slice() else {
        return None;
    };
    let name = code.node_name()?.to_ascii_lowercase();
    if !matches!(name.as_str(), "code" | "tt" | "samp" | "kbd") {
        return None;
    }
    // Nothing of the paragraph's own outside the code.
    if node
        .children_it(false)
        .any(|c| c.is_text() && !c.text().trim().is_empty())
    {
        return None;
    }
    fn walk(n: &NodeRef, out: &mut String, breaks: &mut usize) {
        for c in n.children_it(false) {
            if c.is_text() {
                out.extend(c.text().chars().map(|ch| if ch == '\n' { ' ' } else { ch }));
            } else if c.is_element() {
                if c.node_name().is_some_and(|x| x.eq_ignore_ascii_case("br")) {
                    out.push('\n');
                    *breaks += 1;
                } else {
                    walk(&c, out, breaks);
                }
            }
        }
    }
    let (mut raw, mut breaks) = (String::new(), 0);
    walk(code, &mut raw, &mut breaks);
    if breaks == 0 {
        return None;
    }
    // The source's line breaks are its markup's; `<br>` breaks the lines.
    let lines: Vec<String> = raw
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let start = lines.iter().position(|l| !l.is_empty())?;
    let end = lines.iter().rposition(|l| !l.is_empty())?;
    Some(lines[start..=end].join("\n"))
}

fn has_block_child(node: &NodeRef) -> bool {
    node.element_children().iter().any(is_block)
}

fn is_block(node: &NodeRef) -> bool {
    node.node_name().is_some_and(|n| {
        let n = n.to_ascii_lowercase();
        BLOCKS.contains(&n.as_str())
            || matches!(
                n.as_str(),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table" | "pre" | "blockquote"
            )
    })
}

/// `hidden`, `aria-hidden="true"`, `display:none` / `visibility:hidden`.
pub fn hidden(node: &NodeRef) -> bool {
    if node.has_attr("hidden") {
        return true;
    }
    if node
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    node.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// A `<figure>` that holds a video (a `<video>`, a video site's
/// `<iframe>`, or an
/// element or attribute naming one: `data-module-id="VideoPlayerModule"`,
/// `class="video-wrapper"`): its caption is the video's title, a story of
/// its own, not the article's text.
fn is_video_figure(node: &NodeRef, name: &str) -> bool {
    if name != "figure" {
        return false;
    }
    let names_video = |n: &NodeRef| {
        n.attrs().iter().any(|a| {
            let k: &str = &a.name.local;
            (k == "class" || k == "id" || k.starts_with("data-"))
                && a.value.to_ascii_lowercase().contains("video")
        })
    };
    // A frame plays a video when its address says so (a chart's or a
    // map's frame is the article's).
    let player = |n: &NodeRef| {
        n.attr("src").is_some_and(|src| {
            let src = src.to_ascii_lowercase();
            [
                "youtube",
                "youtu.be",
                "vimeo",
                "dailymotion",
                "video",
                "player",
            ]
            .iter()
            .any(|p| src.contains(p))
        })
    };
    names_video(node)
        || node.descendants_it().any(|d| {
            d.is_element()
                && match d.node_name() {
                    Some(n) if n.eq_ignore_ascii_case("video") => true,
                    Some(n) if n.eq_ignore_ascii_case("iframe") => player(&d),
                    _ => names_video(&d),
                }
        })
}

/// A picture's credit: an element named for one (`class="photo-credit"`,
/// `copyright`), or a caption (`<figcaption>`, `class="wp-caption-text"`)
/// that is only a short line naming who took the picture (`Foto: dpa`,
/// `Photo: Joseph Cox`, `iStock.com`) — a caption that says what the
/// picture shows stays, credit and all.
fn is_caption(node: &NodeRef, name: &str) -> bool {
    let names = class_and_id(node);
    let named = |words: &[&str]| {
        names
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| words.contains(&w))
    };
    if named(&["credit", "credits", "photocredit", "copyright"]) {
        return true;
    }
    if name != "figcaption" && !named(&["caption", "figcaption", "imagecaption"]) {
        return false;
    }
    let text = node.text().to_lowercase();
    text.split_whitespace().count() <= 8 && is_credit_line(&text)
}

/// Whether a short caption names a picture's source: a credit label of
/// one of many languages before a colon (`Foto:`, `Imagen:`), a picture
/// agency or stock site, or `©`.
fn is_credit_line(lower: &str) -> bool {
    const LABELS: &[&str] = &[
        "foto",
        "fotos",
        "photo",
        "photos",
        "bild",
        "bildquelle",
        "quelle",
        "image",
        "imagen",
        "imagem",
        "credit",
        "crédit",
        "crédito",
        "credito",
        "copyright",
        "zdjęcie",
        "fot",
        "źródło",
        "фото",
        "источник",
        "صورة",
        "图片",
        "图",
        "写真",
        "ảnh",
        "source",
    ];
    const AGENCIES: &[&str] = &[
        "getty",
        "istock",
        "istockphoto",
        "shutterstock",
        "unsplash",
        "pixabay",
        "reuters",
        "afp",
        "dpa",
        "epa",
        "imago",
        "picture-alliance",
        "wenn",
    ];
    if lower.contains('©') {
        return true;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == ':' || c == '：'))
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        let bare = w.trim_end_matches([':', '：']);
        AGENCIES.contains(&bare)
            || (LABELS.contains(&bare)
                && (w.len() > bare.len()
                    || words.get(i + 1).is_some_and(|n| n.starts_with([':', '：']))))
    })
}

/// Page chrome: navigation and site furniture by element, by ARIA role or
/// by the usual words of site templates in its class or id.
pub fn is_chrome(node: &NodeRef, name: &str) -> bool {
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    let chrome = name == "nav" || chrome_by_name(node, name);
    // A container that holds paragraphs of text is not chrome, whatever
    // it is called: `<body class="one-sidebar">`, Blogger's
    // `<div class="widget Blog">`, an ASP.NET page's whole-page `<form>`.
    chrome && (name == "nav" || !holds_text(node))
}

fn holds_text(node: &NodeRef) -> bool {
    let paras = node
        .descendants_it()
        .filter(|d| d.node_name().is_some_and(|n| n.eq_ignore_ascii_case("p")))
        .take(3)
        .count();
    paras >= 3 && node.text().chars().filter(|c| !c.is_whitespace()).count() >= 600
}

fn chrome_by_name(node: &NodeRef, name: &str) -> bool {
    if matches!(name, "aside" | "footer" | "form" | "menu") {
        return true;
    }
    if name == "header"
        && !node.ancestors_it(None).any(|a| {
            a.node_name().is_some_and(|n| {
                n.eq_ignore_ascii_case("article") || n.eq_ignore_ascii_case("main")
            })
        })
    {
        return true;
    }
    if let Some(role) = node.attr("role") {
        let role = role.to_ascii_lowercase();
        if [
            "navigation",
            "banner",
            "contentinfo",
            "complementary",
            "search",
            "menu",
            "menubar",
            "dialog",
            "alert",
        ]
        .contains(&role.trim())
        {
            return true;
        }
    }
    let words = class_and_id(node);
    if words.is_empty() {
        return false;
    }
    chrome_words(&words) || camel_case_box(node)
}

/// Whether a class or id written in camel case names a box no article
/// holds (`c-inlineSignup`, `newsletterSignup`, `cnetPromo`,
/// `videoPlayer`): a word of
/// it, split where a capital follows a small letter, is one of the few
/// that name nothing else. (The other chrome words, split so, name parts
/// of articles too often: `articleHead`, `videoMeta`.)
fn camel_case_box(node: &NodeRef) -> bool {
    const BOXES: &[&str] = &[
        "newsletter",
        "signup",
        "subscribe",
        "subscription",
        "promo",
        "advert",
        "advertisement",
        "sponsored",
        "outbrain",
        "taboola",
        "cookie",
        "consent",
        "video",
    ];
    ["class", "id"].iter().any(|a| {
        node.attr(a).is_some_and(|v| {
            v.split_whitespace().any(|token| {
                let mut word = String::new();
                let mut prev_lower = false;
                let mut camel = false;
                let mut hit = false;
                for c in token.chars().chain(std::iter::once(' ')) {
                    let boundary =
                        (c.is_ascii_uppercase() && prev_lower) || !c.is_ascii_alphanumeric();
                    camel |= c.is_ascii_uppercase() && prev_lower;
                    if boundary && !word.is_empty() {
                        hit |= BOXES.contains(&word.as_str());
                        word.clear();
                    }
                    if c.is_ascii_alphanumeric() {
                        word.push(c.to_ascii_lowercase());
                    }
                    prev_lower = c.is_ascii_lowercase();
                }
                camel && hit
            })
        })
    })
}

/// An element's class and id, lower case, each after a space (empty
/// when it has neither).
fn class_and_id(node: &NodeRef) -> String {
    let mut words = String::new();
    for a in ["class", "id"] {
        if let Some(v) = node.attr(a) {
            words.push(' ');
            words.push_str(&v.to_ascii_lowercase());
        }
    }
    words
}

/// Whether class/id words name page chrome (`sidebar`, `related-posts`,
/// `cookie-banner`, `share-buttons`, `breadcrumb`, …) and not content
/// (`article-body`, `post-content`, `main`).
pub fn chrome_words(words: &str) -> bool {
    const CHROME: &[&str] = &[
        "nav",
        "navbar",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "sidebar",
        "side-bar",
        "footer",
        "header",
        "masthead",
        "banner",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "share",
        "sharing",
        "social",
        "related",
        "recommended",
        "popular",
        "trending",
        "newsletter",
        "subscribe",
        "subscription",
        "signup",
        "login",
        "comment",
        "comments",
        "disqus",
        "ad",
        "ads",
        "advert",
        "advertisement",
        "sponsor",
        "sponsored",
        "promo",
        "widget",
        "toolbar",
        "pagination",
        "pager",
        "skip",
        "skiplink",
        "tags",
        "tagcloud",
        "taglist",
        "print",
        "modal",
        "popup",
        "outbrain",
        "taboola",
        "author-bio",
        "byline",
        "meta",
        "sitemap",
        "topbar",
        "search",
        "lang-switch",
        "language-switcher",
        "back-to-top",
        "toc-nav",
        "hidden",
        "visually-hidden",
        "sr-only",
        "screen-reader-text",
        "offscreen",
        // A video's player and its title (`c-video`, `video-wrapper`): no
        // text of the article's. (A page that is a video's holds its text
        // in a container named for content, `video-content`, or too long
        // to be taken for chrome.)
        "video",
        "videos",
    ];
    /// Class prefixes of page builders (Elementor, Divi, WPBakery,
    /// Beaver Builder, Avada, SiteOrigin).
    const PAGE_BUILDERS: &[&str] = &["elementor", "et", "vc", "fl", "fusion", "so"];
    const CONTENT: &[&str] = &[
        "article", "content", "main", "post", "entry", "story", "body", "text", "document",
    ];
    let tokens: Vec<&str> = words
        .split(|c: char| c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    tokens.iter().any(|t| {
        // A utility class of a CSS framework says how an element is laid
        // out, not what it is: a responsive variant (`lg:hidden`,
        // `-lg:overflow-hidden`, shown on other screens) or clipping
        // (`overflow-hidden`).
        if t.contains(':') || t.contains("overflow") {
            return false;
        }
        let parts: Vec<&str> = t.split(['-', '_']).filter(|p| !p.is_empty()).collect();
        // A box about the author (`author-box`, `about-author`,
        // `author-bio`): a portrait of who wrote, not what they wrote.
        let author_box = parts
            .iter()
            .any(|p| matches!(*p, "author" | "authors" | "autor" | "auteur"))
            && parts.iter().any(|p| {
                matches!(
                    *p,
                    "box" | "bio" | "about" | "info" | "desc" | "description" | "card" | "profile"
                )
            });
        // A table's own header or footer (`table-header`, `column-footer`)
        // styles the table's first or last rows: no page chrome.
        let table_part = parts.iter().any(|p| {
            matches!(
                *p,
                "table" | "thead" | "tbody" | "tfoot" | "cell" | "column" | "col"
            )
        }) && parts
            .iter()
            .all(|p| !CHROME.contains(p) || matches!(*p, "header" | "footer"));
        // `print` names a print button or link (`print`, `print-link`),
        // not how an element prints (`print-full`, `no-print`,
        // `d-print-none`).
        let printing = |p: &&str| {
            *p == "print"
                && *t != "print"
                && !parts
                    .iter()
                    .any(|q| matches!(*q, "button" | "btn" | "link" | "icon" | "tool" | "tools"))
        };
        // A page builder's blocks are all `widget`s (`elementor-widget`,
        // `elementor-widget-container` around a post's text): there the
        // word says how the page is built, not what the block is.
        let built = parts.first().is_some_and(|p| PAGE_BUILDERS.contains(p));
        let chrome = !table_part
            && (author_box
                || CHROME.contains(t)
                || parts
                    .iter()
                    .any(|p| CHROME.contains(p) && !printing(p) && !(built && *p == "widget")));
        // `article-header`, `post-meta` are chrome; `entry-content`,
        // `article-body` are not; `main-nav` is.
        let content = parts.iter().any(|p| CONTENT.contains(p))
            && !parts.iter().any(|p| {
                matches!(
                    *p,
                    "nav"
                        | "navigation"
                        | "menu"
                        | "footer"
                        | "sidebar"
                        | "related"
                        | "share"
                        | "comments"
                        | "comment"
                        | "tags"
                        | "meta"
                        | "header"
                        | "byline"
                )
            });
        chrome && !content
    })
}

/// An absolute URL for `href`: kept when it has a web or mail scheme,
/// resolved against `base` when relative; `None` for in-page anchors,
/// scripts and relative links with no base.
pub fn absolute(href: &str, base: Option<&str>) -> Option<String> {
    let h = href.trim();
    if h.is_empty() || h.starts_with('#') {
        return None;
    }
    let lower = h.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
    {
        return Some(h.to_string());
    }
    if crate::markdown::sanitize::is_external(h) && !h.starts_with("//") {
        // javascript:, data:, tel:, file: … lead nowhere a reader can go.
        return None;
    }
    crate::ingest::url::join(base?, h)
}

/// The language a `<pre>` names: `class="language-go"` (or `lang-go`) on
/// it or on its `<code>`, or a `data-lang` attribute.
fn code_language(pre: &NodeRef) -> Option<String> {
    let mut nodes = vec![*pre];
    nodes.extend(pre.element_children().into_iter().filter(|c| {
        c.node_name()
            .is_some_and(|n| n.eq_ignore_ascii_case("code"))
    }));
    nodes.iter().find_map(|n| {
        n.attr("data-lang")
            .map(|l| l.trim().to_ascii_lowercase())
            .filter(|l| !l.is_empty())
            .or_else(|| {
                n.attr("class")?.split_whitespace().find_map(|c| {
                    c.strip_prefix("language-")
                        .or_else(|| c.strip_prefix("lang-"))
                        .map(str::to_ascii_lowercase)
                })
            })
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_paragraph_of_code_broken_by_line_breaks_is_a_code_block() {
        let html = "<html><body><div class=\"example\"><p><code>\n    # Listen on port 80<br />\n    Listen 80<br />\n    <br />\n    &lt;VirtualHost *:80&gt;<br />\n    <span class=\"indent\">\n      DocumentRoot /www/example1<br />\n    </span>\n    &lt;/VirtualHost&gt;\n    </code></p></div>\
            <p>Text with <code>inline code</code> stays text.</p></body></html>";
        let dom = dom_query::Document::from(html);
        let body = dom.select("body");
        let b = blocks(
            body.nodes().first().unwrap(),
            Options {
                drop_chrome: false,
                base: None,
            },
        );
        assert_eq!(
            b[0],
            Block::Code {
                lang: None,
                text: "# Listen on port 80\nListen 80\n\n<VirtualHost *:80>\nDocumentRoot /www/example1\n</VirtualHost>".into()
            }
        );
        assert!(matches!(&b[1], Block::Para { text, .. } if text.contains("`inline code`")));
    }

    use super::*;

    #[test]
    fn a_list_items_links_and_emphasis_are_kept() {
        let dom = dom_query::Document::from(
            "<ul><li><a href=\"https://un.org/a\">Charter</a> and <em>more</em></li>\
             <li><strong>Kicker: </strong><a href=\"https://un.org/b\">Headline</a></li>\
             <li><a href=\"https://un.org/t1\">Tag</a><a href=\"https://un.org/t2\">Tag2</a></li>\
             <li><a href=\"https://b.org/list?title=Bugs%20(open%29\">Bugs (open)</a> (2)</li>\
             <li><p>A paragraph</p><p>in an item</p></li></ul>",
        );
        let body = dom.select("body").nodes()[0];
        let got = blocks(
            &body,
            Options {
                drop_chrome: false,
                base: None,
            },
        );
        let texts: Vec<String> = got
            .iter()
            .flat_map(Block::texts)
            .map(str::to_string)
            .collect();
        assert_eq!(
            texts,
            [
                "[Charter](https://un.org/a) and *more*",
                "**Kicker:** [Headline](https://un.org/b)",
                "[Tag](https://un.org/t1) [Tag2](https://un.org/t2)",
                "[Bugs (open)](https://b.org/list?title=Bugs%20%28open%29) (2)",
                "A paragraph in an item",
            ]
        );
    }

    #[test]
    fn a_figure_that_plays_a_video_is_no_text() {
        let dom = dom_query::Document::from(
            "<figure data-module-id=\"VideoKalturaPlayerModule\"><img src=p.jpg><figcaption>T</figcaption></figure>\
             <figure><iframe src=\"https://www.youtube.com/embed/x\"></iframe><figcaption>T</figcaption></figure>\
             <figure><video src=v.mp4></video></figure>\
             <figure><iframe src=\"https://datawrapper.dwcdn.net/x/\"></iframe><figcaption>A chart</figcaption></figure>\
             <figure><img src=a.jpg><figcaption>A picture</figcaption></figure>",
        );
        let got: Vec<bool> = dom
            .select("figure")
            .nodes()
            .iter()
            .map(|f| is_video_figure(f, "figure"))
            .collect();
        assert_eq!(got, [true, true, true, false, false]);
    }

    #[test]
    fn a_camel_case_class_names_a_box() {
        let dom = dom_query::Document::from(
            "<div class=\"c-inlineSignup\"></div><div id=\"newsletterSignupForm\"></div>\
             <div class=\"videoPlayer\"></div><div class=\"articleHead\"></div>\
             <div class=\"promotional\"></div><div class=\"mainContent\"></div>",
        );
        let got: Vec<bool> = dom
            .select("div")
            .nodes()
            .iter()
            .map(camel_case_box)
            .collect();
        assert_eq!(got, [true, true, true, false, false, false]);
    }

    fn of(html: &str) -> Vec<Block> {
        let doc = dom_query::Document::from(html);
        let body = doc.select("body");
        let node = body.nodes().first().cloned().expect("body");
        blocks(
            &node,
            Options {
                drop_chrome: true,
                base: Some("https://ex.org/news/a.html"),
            },
        )
    }

    #[test]
    fn soft_hyphens_and_zero_width_spaces_leave_the_words_whole() {
        let b = of(
            "<body><p>Schon im Mit&shy;tel&shy;al&shy;ter war der St.&#8203;Mag\u{2060}da\u{AD}le\u{AD}ner bekannt; \u{645}\u{6cc}\u{200c}\u{634}\u{648}\u{62f}.</p></body>",
        );
        assert!(
            matches!(&b[0], Block::Para { text, .. } if text == "Schon im Mittelalter war der St.Magdalener bekannt; \u{645}\u{6cc}\u{200c}\u{634}\u{648}\u{62f}."),
            "{b:?}"
        );
    }

    #[test]
    fn credit_lines() {
        assert!(is_credit_line("© 2023 jane doe"));
        assert!(is_credit_line("fotos: archiv"));
        assert!(is_credit_line("foto : anna"));
        assert!(is_credit_line("premio nobel (reuters/denis balibouse)"));
        assert!(!is_credit_line("the photo shows the new bridge"));
        assert!(!is_credit_line("source of the river"));
    }

    #[test]
    fn roles_and_inline_markup() {
        let b = of(
            "<body><nav><a href='/'>Home</a></nav><h1>Title</h1><p>Some <b>bold</b> and <a href='b.html'>a link</a> and <a href='#x'>an anchor</a>.</p>\
             <ul><li>one</li><li>two <ul><li>inner</li></ul></li></ul><blockquote><p>Quoted</p></blockquote>\
             <table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>x|y</td></tr></table><pre>code\n  kept</pre><footer>© 2024</footer></body>",
        );
        assert_eq!(
            b,
            vec![
                Block::Heading {
                    level: 1,
                    text: "Title".into()
                },
                Block::Para {
                    num: None,
                    text: "Some **bold** and [a link](https://ex.org/news/b.html) and an anchor."
                        .into(),
                    items: vec![]
                },
                Block::ListItem("one".into()),
                Block::ListItem("two".into()),
                Block::ListItem("inner".into()),
                Block::Quote("Quoted".into()),
                Block::Table(vec![
                    vec!["A".into(), "B".into()],
                    vec!["1".into(), "x\\|y".into()]
                ]),
                Block::Code {
                    lang: None,
                    text: "code\n  kept".into()
                },
            ]
        );
    }

    #[test]
    fn two_line_breaks_in_a_row_end_a_paragraph() {
        let paras = |html: &str| -> Vec<String> {
            of(html)
                .into_iter()
                .filter_map(|b| match b {
                    Block::Para { text, .. } => Some(text),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(
            paras(
                "<body><div class='article'>The first paragraph of the story.<br>\n<br>\nThe second one, <b>in part<br><br>bold</b>, with <a href='x.html'>a<br><br>link</a>.<br>Same paragraph.</div></body>"
            ),
            [
                "The first paragraph of the story.",
                "The second one, **in part bold**, with [a link](https://ex.org/news/x.html). Same paragraph."
            ]
        );
        assert_eq!(
            paras(
                "<body><p>One paragraph<br/><br/>  <br>and the next</p><p>Line one<br>line two</p></body>"
            ),
            ["One paragraph", "and the next", "Line one line two"]
        );
    }

    #[test]
    fn tags_stay_apart_and_text_is_escaped() {
        let b = of(
            "<body><div class='post-body'><p>a*b [c]</p><div><a>Ministerio de Hacienda</a><a>hackeo</a></div></div></body>",
        );
        let texts: Vec<String> = b
            .iter()
            .flat_map(|b| b.texts().into_iter().map(str::to_string))
            .collect();
        assert_eq!(texts[0], "a\\*b \\[c\\]");
        assert_eq!(texts[1], "Ministerio de Hacienda hackeo");
    }

    #[test]
    fn containers_named_for_chrome_keep_their_article() {
        let p = "<p>A paragraph of the article that says something of substance about the case at hand.</p>";
        let html = format!(
            "<body class='one-sidebar ads-enabled'><div class='widget Blog'><h2>Post</h2>{}</div><div class='sidebar'><p>Archive</p></div></body>",
            p.repeat(10)
        );
        let b = of(&html);
        assert!(b.len() >= 11, "{b:?}");
        assert!(!b.iter().any(|b| b.texts() == vec!["Archive"]), "{b:?}");
    }

    #[test]
    fn chrome_words_by_class() {
        assert!(chrome_words(" main-nav"));
        assert!(chrome_words(" related-posts"));
        assert!(chrome_words(" cookie-banner"));
        assert!(!chrome_words(" entry-content"));
        assert!(!chrome_words(" article-body"));
        assert!(!chrome_words(" shadow"));
        assert!(!chrome_words(" headline"));
        // A table's header rows: a recipe's ingredients.
        assert!(!chrome_words(" ingredients table-header"));
        assert!(chrome_words(" page-header"));
        // How an element prints is no sign of chrome; a print button is.
        assert!(!chrome_words(" col-sm-6 print-full"));
        assert!(!chrome_words(" d-print-none"));
        assert!(chrome_words(" print-button"));
        assert!(chrome_words(" print"));
        // A page builder's widgets hold the post; a sidebar's do not.
        assert!(!chrome_words(" elementor-widget-container"));
        assert!(!chrome_words(
            " elementor-element elementor-widget elementor-widget-theme-post-content"
        ));
        assert!(chrome_words(" widget widget_recent_entries"));
        assert!(chrome_words(" elementor-widget elementor-widget-nav-menu"));
        assert!(chrome_words(" table-of-contents-nav"));
    }

    #[test]
    fn a_layout_utility_class_is_not_chrome() {
        // Tailwind-style classes: shown on other screens, or clipped.
        let text = |html: &str| -> String {
            of(html)
                .iter()
                .flat_map(Block::texts)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let got = text(
            "<body><div class='light ArticleContent -lg:overflow-hidden'><div class='md:hidden lg:block'>Weikert blickte angespannt in den Raum.</div></div>\
             <div class='overflow-hidden'>Der zweite Fall im Team.</div><div class='hidden'>Anzeige</div></body>",
        );
        assert!(got.contains("Weikert blickte"), "{got}");
        assert!(got.contains("zweite Fall"), "{got}");
        assert!(!got.contains("Anzeige"), "{got}");
    }

    #[test]
    fn a_box_about_the_author_is_chrome() {
        let got: Vec<Block> = of("<body><p>Den Teig eine Stunde ruhen lassen.</p>\
             <section class='bmg-content-box bmg-author-box'><h3>Die Autorin</h3><p>Hallo, ich bin Foodbloggerin und Backbuchautorin.</p></section>\
             <div class='about-author'><p>Jule schreibt über Sport.</p></div></body>");
        let all: Vec<&str> = got.iter().flat_map(Block::texts).collect();
        assert_eq!(all, ["Den Teig eine Stunde ruhen lassen."]);
        // A byline's author link is no box about the author.
        assert!(!chrome_words(" author"));
    }

    #[test]
    fn links_are_absolute_or_nothing() {
        assert_eq!(absolute("javascript:void(0)", Some("https://a.org/")), None);
        assert_eq!(absolute("rel.html", None), None);
        assert_eq!(
            absolute("rel.html", Some("https://a.org/x/")).as_deref(),
            Some("https://a.org/x/rel.html")
        );
        assert_eq!(absolute("#top", Some("https://a.org/")), None);
    }
}

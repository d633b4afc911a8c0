//! The document model every reader produces and every later pass works on.
//!
//! A reader (`read::text`, `read::markdown`, `read::html`, `read::pdf`,
//! `read::docx`) turns one input's
//! bytes into a [`Document`]: blocks with roles, the page furniture it
//! stripped, and metadata [`Candidate`]s that say where each came from.
//! The passes after it — title and date ([`super::title`],
//! [`super::metadata`]), links ([`super::links`]), entities and emit — know
//! nothing of the input format.

/// Opens/closes a footnote reference inside block text (private-use chars,
/// turned into `[^N]` by `emit`).
pub const FN_OPEN: char = '\u{E000}';
pub const FN_CLOSE: char = '\u{E001}';

/// Whether `text` holds [`FN_OPEN`] or [`FN_CLOSE`] (`EE 80 80`, `EE 80
/// 81`): found by their lead byte, which Han and Latin text seldom holds,
/// not by decoding every character.
pub fn holds_note_mark(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(0xEE, b)
        .any(|i| b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x80 | 0x81)))
}

/// A paragraph's own number as the document writes it: `17`, or within a
/// section `10.1` (`section` `10`, `n` 1; a budget fascicle's `29A.3`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParaNum {
    pub section: Option<String>,
    pub n: u32,
}

impl ParaNum {
    /// The number as written: `17`, `10.1`.
    pub fn label(&self) -> String {
        match &self.section {
            Some(s) => format!("{s}.{}", self.n),
            None => self.n.to_string(),
        }
    }

    /// The block id of its paragraph: `p-17`, `p-10-1` (a block id holds
    /// no full stop).
    pub fn anchor(&self) -> String {
        match &self.section {
            Some(s) => format!("p-{s}-{}", self.n),
            None => format!("p-{}", self.n),
        }
    }
}

impl From<u32> for ParaNum {
    fn from(n: u32) -> Self {
        ParaNum { section: None, n }
    }
}

/// One block of the body. Text is plain unless [`Document::markdown`] says
/// it carries inline markdown (links, emphasis, code spans).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        text: String,
    },
    /// A paragraph; `num` is the document's own paragraph number; `items`
    /// are its lettered sub-items `(a)`, `(b)`, … (each starting with its
    /// label).
    Para {
        num: Option<ParaNum>,
        text: String,
        items: Vec<String>,
    },
    /// A list item; in markdown an ordered item keeps its `1.` number.
    ListItem(String),
    /// A quotation (one paragraph).
    Quote(String),
    /// A table: rows of cells, the first row is the header.
    Table(Vec<Vec<String>>),
    /// Preformatted text (code, verse, ASCII art), kept verbatim, with the
    /// language its source named (`go` for a ```` ```go ```` fence or a
    /// `language-go` class), if any.
    Code {
        lang: Option<String>,
        text: String,
    },
}

impl Block {
    /// A paragraph of `text` with no number of its own.
    pub fn para(text: impl Into<String>) -> Block {
        Block::Para {
            num: None,
            text: text.into(),
            items: Vec::new(),
        }
    }

    /// Every piece of running text in the block (cells of a table, items of
    /// a paragraph), for passes that rewrite text in place.
    pub fn texts_mut(&mut self) -> Vec<&mut String> {
        match self {
            Block::Heading { text, .. } | Block::ListItem(text) | Block::Quote(text) => {
                vec![text]
            }
            Block::Para { text, items, .. } => {
                let mut v = vec![text];
                v.extend(items.iter_mut());
                v
            }
            Block::Table(rows) => rows.iter_mut().flatten().collect(),
            Block::Code { .. } => Vec::new(),
        }
    }

    /// The block's running text, read-only (see [`Block::texts_mut`]).
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Block::Heading { text, .. } | Block::ListItem(text) | Block::Quote(text) => {
                vec![text]
            }
            Block::Para { text, items, .. } => {
                let mut v = vec![text.as_str()];
                v.extend(items.iter().map(String::as_str));
                v
            }
            Block::Table(rows) => rows.iter().flatten().map(String::as_str).collect(),
            Block::Code { .. } => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub title: String,
    pub page: u32,
}

/// What a metadata candidate is a candidate for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    Date,
    Language,
    /// The address the input says it was published at.
    Url,
    /// The document's own UN symbol.
    Symbol,
}

/// Where a candidate came from, the most explicit first: the order is the
/// order of trust when two candidates for one field disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// The input's own YAML/TOML front matter, or a metadata HTML comment.
    FrontMatter,
    /// A schema.org JSON-LD block (`headline`, `datePublished`, `inLanguage`).
    JsonLd,
    /// `<meta>` tags: Open Graph, `article:published_time`, Dublin Core,
    /// citation tags; `<link rel=canonical>`.
    MetaTag,
    /// The page's own headline: the `<h1>` of an HTML page.
    Headline,
    /// A `<time datetime>` in the article's header.
    TimeElement,
    /// A date a web page shows by its headline (an element named for a
    /// date, or holding only a date).
    ShownDate,
    /// A date in an attribute the page's root or article element names
    /// for one (`<html newsdate="2022-02-24">`, `<article data-date=…>`).
    DateAttribute,
    /// A date in the address the page gives as its own (`/2024/03/05/…`
    /// in its canonical URL): the publication date when the page states
    /// none it can be read from.
    UrlPath,
    /// A date the page gives as its last change (`Last edited on 10
    /// November 2019`, `Aktualisiert: 30.12.2016`): its date when it
    /// states no other, not even in its text.
    UpdatedDate,
    /// `<html lang>`.
    HtmlLang,
    /// `<title>`, with the site's name taken off.
    TitleElement,
    /// A file's own properties: a PDF's Info dictionary (title, creation
    /// date), a Word file's core properties. Often a tool's placeholder or
    /// the day the file was made, so weighed after the text itself.
    DocInfo,
}

/// One piece of evidence for a metadata field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub field: Field,
    pub value: String,
    pub origin: Origin,
}

/// A document as a reader produced it.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The title as the reader saw it in the text (masthead title, the
    /// leading headline, the first heading, the first sentence); the title
    /// pass weighs it against the [`Candidate`]s.
    pub title: Option<String>,
    /// The masthead (symbol, date, distribution, languages, agenda item)
    /// as found, for `metadata`; not part of the body.
    pub front: String,
    pub toc: Vec<TocEntry>,
    pub blocks: Vec<Block>,
    /// Footnotes: label → text.
    pub footnotes: Vec<(String, String)>,
    /// Whether the body text is markdown (inline markup kept verbatim).
    pub markdown: bool,
    /// Metadata evidence other than the text itself, with its origin.
    pub candidates: Vec<Candidate>,
    /// The page furniture a reader stripped (running headers and footers
    /// of a PDF dump, most frequent first): not text, but evidence (a
    /// symbol in a page header).
    pub furniture: Vec<String>,
    /// Runs of lines a reader cut as boilerplate, each as one line: not
    /// the body, but evidence (a letterhead's list of member states).
    pub set_aside: Vec<String>,
}

impl Document {
    /// The candidates for `field`, most trusted first (stable within one
    /// origin: the reader's order).
    pub fn candidates(&self, field: Field) -> Vec<&Candidate> {
        let mut v: Vec<&Candidate> = self
            .candidates
            .iter()
            .filter(|c| c.field == field)
            .collect();
        v.sort_by_key(|c| c.origin);
        v
    }

    pub fn add(&mut self, field: Field, value: impl Into<String>, origin: Origin) {
        let value = value.into();
        let value = value.trim();
        if !value.is_empty() {
            self.candidates.push(Candidate {
                field,
                value: value.to_string(),
                origin,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_number_within_a_section_is_anchored_without_its_full_stop() {
        assert_eq!(ParaNum::from(17).anchor(), "p-17");
        assert_eq!(ParaNum::from(17).label(), "17");
        let n = ParaNum {
            section: Some("29A".into()),
            n: 3,
        };
        assert_eq!(
            (n.label().as_str(), n.anchor().as_str()),
            ("29A.3", "p-29A-3")
        );
        assert!(crate::markdown::anchors::is_block_id(&n.anchor()));
    }

    #[test]
    fn note_marks_are_found_by_their_bytes_and_only_they() {
        assert!(holds_note_mark("见报告\u{E000}1\u{E001}。"));
        assert!(holds_note_mark("x\u{E001}"));
        // Other private-use characters share the lead byte, not the mark.
        assert!(!holds_note_mark("会员国 \u{E002} \u{E400} Việt Nam"));
        assert!(!holds_note_mark("\u{EE}"));
        assert!(!holds_note_mark(""));
    }
}

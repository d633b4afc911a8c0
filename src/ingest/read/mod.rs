//! Readers: one per input format, each turning a file's bytes into the one
//! [`Document`] model.
//!
//! - [`text`]: plain text and PDF-to-text dumps (and scrapes saved as
//!   text): lines cleaned of boilerplate and page furniture, then
//!   structured (masthead, TOC, headings, numbered paragraphs, footnotes).
//! - [`markdown`]: markdown with YAML (`---`) or TOML (`+++`) front matter:
//!   the front matter becomes metadata candidates, shortcodes and HTML
//!   comments go, the body is structured as markdown text.
//! - [`html`]: an HTML5 parser, the page's metadata (`og:*`, JSON-LD,
//!   `<time>`, `<h1>`, `<title>`, `<html lang>`, canonical URL), its main
//!   content as blocks.
//! - [`pdf`]: PDF files through a PDF engine: lines with their size,
//!   weight and place on the page; running headers, footers and footnote
//!   areas taken off by position and repetition; paragraphs rejoined and
//!   headings told by size and weight, then structured as text is.
//! - [`docx`]: Word files (a zip of XML parts): styles give headings,
//!   numbering gives paragraph numbers, footnotes are linked, the core
//!   properties give title and date candidates.
//!
//! Reading is split in two so that ingest can decode and clean every input
//! while the entity recogniser builds: [`read`] needs no recogniser; the
//! text formats finish with [`Read::into_document`], which structures their
//! lines (structure uses the recogniser to find country sections).

pub mod docx;
pub mod front_matter;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod text;

use std::path::Path;

use super::IngestError;
use super::clean::Cleaned;
use super::entities::Recognizer;
use super::model::{Candidate, Document};

/// Input formats, told by the file's extension and, for `.txt`, by a look
/// at its first bytes (an HTML page saved as `.txt` is still HTML).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Pdf,
    Docx,
}

/// File extensions ingest reads.
pub const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "pdf", "docx",
];

/// The binary formats, told by extension before any decoding as text.
fn binary_format(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => Some(Format::Pdf),
        "docx" => Some(Format::Docx),
        _ => None,
    }
}

impl Format {
    pub fn of(path: &Path, text: &str) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "html" | "htm" | "xhtml" => Format::Html,
            "md" | "markdown" => Format::Markdown,
            "pdf" => Format::Pdf,
            "docx" => Format::Docx,
            _ if html::looks_like_html(text) => Format::Html,
            _ => Format::Text,
        }
    }
}

/// An input after its format's own work: text formats still need their
/// lines structured.
#[derive(Debug)]
pub enum Read {
    Lines {
        cleaned: Cleaned,
        candidates: Vec<Candidate>,
    },
    Done(Document),
}

impl Read {
    pub fn into_document(self, rec: &Recognizer) -> Document {
        match self {
            Read::Done(doc) => doc,
            Read::Lines {
                cleaned,
                candidates,
            } => {
                let mut doc = super::structure::build(cleaned, rec);
                doc.candidates.extend(candidates);
                doc
            }
        }
    }
}

/// An HTML file, or a site generator's HTML content file: a front matter
/// (`---` YAML or `+++` TOML, as Hugo and Jekyll read it in `.html`
/// content) then the page's HTML. The front matter is metadata, as a
/// markdown file's is, never text of the page.
fn html_file(text: &str, name: &str) -> Read {
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let fenced = start.starts_with("---") || start.starts_with("+++");
    if !fenced {
        return Read::Done(html::read(text));
    }
    let (meta, body, stated) = front_matter::split_named(text, name);
    if !stated {
        return Read::Done(html::read(text));
    }
    let mut doc = html::read(body);
    doc.candidates.extend(meta.candidates);
    Read::Done(doc)
}

/// Reads one input file.
pub fn read(path: &Path) -> Result<Read, IngestError> {
    let bytes = std::fs::read(path).map_err(|source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    read_bytes(bytes, path)
}

/// Reads one input from its bytes (`path` names it and gives its format).
/// The bytes are handed over: a PDF's engine reads them where they are,
/// so a file is held once, not copied.
pub fn read_bytes(bytes: Vec<u8>, path: &Path) -> Result<Read, IngestError> {
    match binary_format(path) {
        Some(Format::Pdf) => return pdf::read(bytes, path),
        Some(Format::Docx) => return docx::read(&bytes, path),
        _ => {}
    }
    let text = super::decode::decode(&bytes, path)?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    Ok(match Format::of(path, &text) {
        Format::Html => html_file(&text, name),
        Format::Markdown => markdown::read(&text, name),
        Format::Text | Format::Pdf | Format::Docx => text::read(&text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::model::{Field, Origin};

    /// A Hugo or Jekyll `.html` content file: its front matter titles and
    /// dates it, and is no text of the page.
    #[test]
    fn an_html_file_with_front_matter_is_a_generators_content_file() {
        let page = "---\ntitle: Certifikat Gennemsigtighed (CT) Logs\nslug: ct-logs\nlastmod: 2026-06-15\n---\n\n<p>Let's Encrypt logger alle certifikater i offentlige logs, så enhver kan se dem.</p>\n<h2>Finansiering</h2>\n<p>Vores logs finansieres af sponsorer, der støtter arbejdet.</p>\n";
        let Read::Done(doc) = html_file(page, "ct-logs.html") else {
            panic!("not read as HTML");
        };
        let of = |f: Field| {
            doc.candidates
                .iter()
                .find(|c| c.field == f && c.origin == Origin::FrontMatter)
                .map(|c| c.value.as_str())
        };
        assert_eq!(
            of(Field::Title),
            Some("Certifikat Gennemsigtighed (CT) Logs")
        );
        assert_eq!(of(Field::Date), Some("2026-06-15"));
        let text = format!("{:?}", doc.blocks);
        assert!(
            !text.contains("slug") && !text.contains("lastmod"),
            "{text}"
        );
        assert!(text.contains("Finansiering"), "{text}");
    }
}

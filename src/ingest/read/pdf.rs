//! PDF: the only file that calls the PDF engine (hayro). Each page's
//! glyphs (text, position, size, weight) are taken as drawn and turned at
//! once into lines ([`layout`]); the document's lines then lose their
//! running headers, footers and footnote areas and become paragraphs and
//! headings for the text structuring, which finds the masthead, numbered
//! paragraphs and sections as it does for text.
//!
//! Every engine call runs under `catch_unwind`: a file the engine cannot
//! read is an error naming it, never a crash. A file with a user password,
//! without a text layer (a scan) or damaged beyond reading is refused, and
//! so is one the engine has not read within a time limit
//! ([`TIME_LIMIT_SECS`], or `PILCROW_PDF_TIMEOUT` seconds): a pathological
//! file never holds up the rest of the run.

mod headline;
pub mod layout;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use hayro_interpret::font::{Glyph as HGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::object::{Dict, Stream};
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::kurbo::{self, Affine, BezPath, Rect};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, RenderContent, SoftMask, interpret_page,
};

use self::layout::{Glyph, PageLines};
use super::Read;
use crate::ingest::IngestError;
use crate::ingest::clean::Cleaned;
use crate::ingest::model::{Candidate, Field, Origin};

/// What the engine gave: each page's lines and the document's titles
/// (XMP's `dc:title`, then the Info dictionary's) and creation date.
struct Extracted {
    pages: Vec<PageLines>,
    titles: Vec<String>,
    date: Option<String>,
}

/// Whether bytes are a PDF (`%PDF-` near the start).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.len() >= 5
        && bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
}

/// Reads one PDF.
pub fn read(bytes: Vec<u8>, path: &Path) -> Result<Read, IngestError> {
    let err = |message: String| IngestError::Unreadable {
        path: path.to_path_buf(),
        message,
    };
    if !is_pdf(&bytes) {
        return Err(err("not a PDF (no %PDF- header)".into()));
    }
    let limit = time_limit();
    let extracted = match extract_within(bytes, limit) {
        Outcome::Done(r) => r.map_err(err)?,
        Outcome::Failed => {
            return Err(err(
                "the PDF reader failed on this file (damaged PDF?)".into()
            ));
        }
        Outcome::TimedOut => {
            return Err(err(format!(
                "not read within {} s (a pathological PDF?); set PILCROW_PDF_TIMEOUT=SECONDS to allow longer",
                limit.as_secs_f64()
            )));
        }
    };
    let chars: usize = extracted
        .pages
        .iter()
        .flat_map(|p| &p.lines)
        .map(|l| l.text.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    if chars == 0 {
        return Err(err(format!(
            "no text layer in {} page(s): an image-only (scanned) PDF; pilcrow does not OCR, run OCR on it first",
            extracted.pages.len()
        )));
    }
    let mut candidates = Vec::new();
    for t in extracted.titles.into_iter().filter(|t| meaningful_title(t)) {
        candidates.push(Candidate {
            field: Field::Title,
            value: t,
            origin: Origin::DocInfo,
        });
    }
    if let Some(d) = extracted.date {
        candidates.push(Candidate {
            field: Field::Date,
            value: d,
            origin: Origin::DocInfo,
        });
    }
    // The title as the first page sets it, in its largest type.
    let body = layout::body_size(&extracted.pages);
    if let Some(h) = extracted
        .pages
        .first()
        .and_then(|p| headline::headline(&p.lines, body))
    {
        candidates.push(Candidate {
            field: Field::Title,
            value: h,
            origin: Origin::Headline,
        });
    }
    let laid = layout::lay_out(extracted.pages);
    Ok(Read::Lines {
        cleaned: Cleaned {
            lines: laid.lines,
            markdown: false,
            authored: false,
            furniture: laid.furniture,
            set_aside: Vec::new(),
            footnotes: Some(laid.footnotes),
            tables: laid.tables,
        },
        candidates,
    })
}

/// How long one PDF may take to read, in seconds, unless
/// `PILCROW_PDF_TIMEOUT` says otherwise: a 50 MB report reads in a few.
pub const TIME_LIMIT_SECS: f64 = 120.0;

fn time_limit() -> std::time::Duration {
    let secs = std::env::var("PILCROW_PDF_TIMEOUT")
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .unwrap_or(TIME_LIMIT_SECS);
    std::time::Duration::from_secs_f64(secs)
}

enum Outcome {
    Done(Result<Extracted, String>),
    /// The engine panicked.
    Failed,
    TimedOut,
}

/// The engine's reading of `data` on a thread of its own, waited for at
/// most `limit`: a reading that takes longer is abandoned (the thread ends
/// with the process) and the file reported.
fn extract_within(data: Vec<u8>, limit: std::time::Duration) -> Outcome {
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("pdf-reader".into())
        .spawn(move || {
            let r = catch_unwind(AssertUnwindSafe(move || extract(data)));
            let _ = tx.send(r);
        });
    if spawned.is_err() {
        return Outcome::Failed;
    }
    match rx.recv_timeout(limit) {
        Ok(Ok(r)) => Outcome::Done(r),
        Ok(Err(_)) | Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Outcome::Failed,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Outcome::TimedOut,
    }
}

/// An Info title worth weighing: not a file name, not a tool's
/// placeholder (`Microsoft Word - 1912345E.docx`, `untitled`).
fn meaningful_title(t: &str) -> bool {
    let l = t.trim().to_lowercase();
    let file_like = [".doc", ".docx", ".pdf", ".rtf", ".odt", ".txt", ".indd"]
        .iter()
        .any(|e| l.ends_with(e))
        || l.starts_with("microsoft word")
        || l.starts_with("untitled")
        || l.starts_with("document")
        || l.starts_with("slide");
    let letters = l.chars().filter(|c| c.is_alphabetic()).count();
    !file_like && letters >= 4 && l.chars().count() <= 300
}

/// PDF text strings: UTF-16BE with a BOM, UTF-8 with a BOM, else
/// PDFDocEncoding (Latin-1 for the printable range).
fn decode_text_string(b: &[u8]) -> String {
    let s = if let Some(rest) = b.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = b.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        b.iter().map(|&c| c as char).collect()
    };
    s.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_string()
}

fn extract(data: Vec<u8>) -> Result<Extracted, String> {
    let pdf = Pdf::new(data).map_err(|e| match e {
        LoadPdfError::Decryption(d) => match d {
            hayro_interpret::hayro_syntax::DecryptionError::PasswordProtected => {
                "encrypted: a password is needed to open this PDF".to_string()
            }
            other => format!("encrypted, and could not be decrypted ({other:?})"),
        },
        LoadPdfError::Invalid => {
            "not a readable PDF (damaged or truncated beyond repair)".to_string()
        }
    })?;
    let meta = pdf.metadata();
    let (xmp_title, xmp_date) = pdf
        .xref()
        .get::<Dict<'_>>(pdf.xref().root_id())
        .and_then(|catalog| catalog.get::<Stream<'_>>("Metadata"))
        .and_then(|s| s.decoded().ok().map(|d| xmp(&d)))
        .unwrap_or_default();
    let titles: Vec<String> = xmp_title
        .into_iter()
        .chain(meta.title.as_deref().map(decode_text_string))
        .collect();
    let date = meta
        .creation_date
        .as_ref()
        .filter(|d| d.year >= 1900 && (1..=12).contains(&d.month) && (1..=31).contains(&d.day))
        .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
        .or(xmp_date);
    let cache = InterpreterCache::new();
    let settings = InterpreterSettings {
        render_content: RenderContent::PAGE,
        ..InterpreterSettings::default()
    };
    let mut pages = Vec::new();
    for page in pdf.pages().iter() {
        let (w, h) = page.render_dimensions();
        let t = page.initial_transform(true).as_coeffs();
        let initial = Affine::new(t);
        let mut ctx = Context::new(
            initial,
            Rect::new(0.0, 0.0, w as f64, h as f64),
            &cache,
            pdf.xref(),
            settings.clone(),
        );
        let mut dev = Collect::default();
        interpret_page(page, &mut ctx, &mut dev);
        let mut lines = layout::page_lines(w, h, dev.glyphs);
        if !dev.turned.is_empty() {
            // Text set at an angle (a landscape table, a margin note),
            // laid out in its own frame and read after the page's text.
            let turned = layout::page_lines(w.max(h), w.max(h), dev.turned);
            lines.lines.extend(turned.lines.into_iter().map(|mut l| {
                l.y += h;
                l
            }));
        }
        pages.push(lines);
    }
    Ok(Extracted {
        pages,
        titles,
        date,
    })
}

/// An XMP packet's title (`dc:title`, its first `rdf:li`) and creation
/// date (`xmp:CreateDate`).
fn xmp(data: &[u8]) -> (Option<String>, Option<String>) {
    use quick_xml::events::Event;
    let Ok(text) = std::str::from_utf8(data) else {
        return (None, None);
    };
    let mut r = quick_xml::Reader::from_str(text);
    let (mut title, mut date) = (None, None);
    let mut path: Vec<Vec<u8>> = Vec::new();
    let mut buf = String::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => {
                path.push(e.name().as_ref().to_vec());
                buf.clear();
            }
            Ok(Event::Text(t)) => buf.push_str(&t.decode().unwrap_or_default()),
            Ok(Event::GeneralRef(g)) => {
                if let Ok(Some(c)) = g.resolve_char_ref() {
                    buf.push(c);
                } else if let Ok(name) = g.decode() {
                    buf.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Ok(Event::End(_)) => {
                let in_title = path.iter().any(|p| p == b"dc:title");
                let here = path.pop();
                let v = buf.trim();
                if in_title
                    && here.as_deref() == Some(b"rdf:li")
                    && title.is_none()
                    && !v.is_empty()
                {
                    title = Some(v.to_string());
                }
                if here.as_deref() == Some(b"xmp:CreateDate") && date.is_none() && v.len() >= 10 {
                    date = Some(v[..10].to_string());
                }
                buf.clear();
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    (title, date)
}

/// A device that keeps only the glyphs.
#[derive(Default)]
struct Collect {
    glyphs: Vec<Glyph>,
    /// Glyphs of text not set upright, in their own frame (rotated so
    /// that their baseline runs left to right).
    turned: Vec<Glyph>,
    /// The last filled run: where its glyphs start in `glyphs`, how many
    /// the run had, and its first glyph's placement. Text drawn "fill,
    /// then stroke" (how Word makes a font bold that has no bold face)
    /// comes as that run again, stroked.
    last_fill: Option<(bool, usize, usize, [f64; 6])>,
}

impl<'a> Device<'a> for Collect {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        let first = run
            .glyphs()
            .first()
            .map(|g| (props.transform * g.transform()).as_coeffs());
        // The run's baseline direction: upright text runs along +x.
        let (dx, dy) = first.map_or((1.0, 0.0), |c| {
            let n = (c[0] * c[0] + c[1] * c[1]).sqrt();
            if n > 0.0 {
                (c[0] / n, c[1] / n)
            } else {
                (1.0, 0.0)
            }
        });
        let turned = dx < 0.98;
        let last_fill = self.last_fill.take();
        if let (DrawMode::Stroke(_), Some((was_turned, start, n, at)), Some(first)) =
            (mode, last_fill, first)
            && n == run.glyphs().len()
            && at == first
        {
            // The same text stroked over its fill: emboldened.
            let v = if was_turned {
                &mut self.turned
            } else {
                &mut self.glyphs
            };
            for g in v.iter_mut().skip(start) {
                g.bold = true;
            }
            return;
        }
        if let (DrawMode::Fill(_), Some(first)) = (mode, first) {
            let start = if turned {
                self.turned.len()
            } else {
                self.glyphs.len()
            };
            self.last_fill = Some((turned, start, run.glyphs().len(), first));
        }
        // One run is one font: its weight is looked up once (the font's
        // weight class or its name; a Type1 font tells neither here).
        let bold = run.glyphs().iter().find_map(|g| match &**g {
            HGlyph::Outline(o) => Some(o.font_data().is_some_and(|d| {
                d.weight.is_some_and(|w| w >= 600)
                    || d.postscript_name.as_deref().is_some_and(bold_name)
            })),
            HGlyph::Type3(_) => None,
        }) == Some(true);
        for g in run.glyphs() {
            let Some(u) = g.as_unicode() else { continue };
            let text = match u {
                BfString::Char(c) => c.to_string(),
                BfString::String(s) => s,
            };
            let t = props.transform * g.transform();
            let c = t.as_coeffs();
            // Glyph space is 1000 units per em: the em's vertical extent is
            // the size.
            let size = ((c[2] * c[2] + c[3] * c[3]).sqrt() * 1000.0) as f32;
            let origin = t * kurbo::Point::ORIGIN;
            let advance = match &**g {
                HGlyph::Outline(o) => o.advance_width().unwrap_or(500.0),
                HGlyph::Type3(t3) => t3.advance_width().unwrap_or(0.5) * 1000.0,
            };
            let width = ((c[0] * c[0] + c[1] * c[1]).sqrt() * advance as f64) as f32;
            // Into the run's own frame (identity for upright text).
            let (x, y) = (
                origin.x * dx + origin.y * dy,
                -origin.x * dy + origin.y * dx,
            );
            let glyph = Glyph {
                text,
                x: x as f32,
                y: y as f32,
                size,
                width,
                bold,
            };
            if turned {
                self.turned.push(glyph);
            } else {
                self.glyphs.push(glyph);
            }
        }
    }
}

/// A font named bold (`Arial-BoldMT`, `TimesNewRomanPS-BoldMT`, `…,Bold`,
/// `…-Black`, `…-Semibold`).
fn bold_name(n: &str) -> bool {
    let l = n.to_ascii_lowercase();
    ["bold", "black", "heavy", "semibold", "demi"]
        .iter()
        .any(|w| l.contains(w))
}

//! PDFs made by the tests themselves (pdf-writer): standard fonts for
//! Latin text, a Type0/Identity-H font with a ToUnicode map (and no font
//! file) for Chinese, Russian and Arabic.

use pdf_writer::types::{CidFontType, SystemInfo, TextRenderingMode, UnicodeCmap};
use pdf_writer::{Content, Date, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

pub const A4: (f32, f32) = (595.0, 842.0);

/// One run of text: font (`F1` Helvetica, `F2` Helvetica-Bold, `U` the
/// Unicode font), size, x, y from the page's top, text.
pub struct Run {
    pub font: &'static str,
    pub size: f32,
    pub x: f32,
    pub y: f32,
    pub text: String,
    /// Raised by this many points (superscripts).
    pub rise: f32,
    /// Filled, then stroked: how Word draws bold when the font has no
    /// bold face.
    pub stroked: bool,
    /// Set turned a quarter to the left (reading bottom to top).
    pub turned: bool,
}

pub fn run(font: &'static str, size: f32, x: f32, y: f32, text: &str) -> Run {
    Run {
        font,
        size,
        x,
        y,
        text: text.to_string(),
        rise: 0.0,
        stroked: false,
        turned: false,
    }
}

/// A run set turned a quarter to the left, its baseline going up the page.
pub fn turned(size: f32, x: f32, y: f32, text: &str) -> Run {
    Run {
        turned: true,
        ..run("F1", size, x, y, text)
    }
}

/// A run filled, then stroked (emboldened).
pub fn emboldened(size: f32, x: f32, y: f32, text: &str) -> Run {
    Run {
        stroked: true,
        ..run("F1", size, x, y, text)
    }
}

pub fn sup(size: f32, x: f32, y: f32, text: &str) -> Run {
    Run {
        font: "F1",
        size,
        x,
        y,
        text: text.to_string(),
        rise: size * 0.5,
        stroked: false,
        turned: false,
    }
}

/// Body lines at `size` from `y`, one per `pitch` points.
pub fn lines(x: f32, y: f32, size: f32, pitch: f32, texts: &[&str]) -> Vec<Run> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| run("F1", size, x, y + i as f32 * pitch, t))
        .collect()
}

/// The characters the Unicode font can show: glyph id = index + 1.
fn unicode_chars(pages: &[Vec<Run>]) -> Vec<char> {
    let mut cs: Vec<char> = pages
        .iter()
        .flatten()
        .filter(|r| r.font == "U")
        .flat_map(|r| r.text.chars())
        .collect();
    cs.sort_unstable();
    cs.dedup();
    cs
}

/// A PDF of these pages, with an Info title and creation date if given.
pub fn pdf(pages: &[Vec<Run>], title: Option<&str>, created: Option<(u16, u8, u8)>) -> Vec<u8> {
    pdf_with_xmp(pages, title, created, None)
}

/// [`pdf`] with an XMP metadata packet whose `dc:title` is `xmp_title`.
pub fn pdf_with_xmp(
    pages: &[Vec<Run>],
    title: Option<&str>,
    created: Option<(u16, u8, u8)>,
    xmp_title: Option<&str>,
) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let (f1, f2, u, cid, cmap, desc, info) = (
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
        Ref::new(6),
        Ref::new(7),
        Ref::new(8),
        Ref::new(9),
    );
    let mut next = 10;
    let mut alloc = || {
        next += 1;
        Ref::new(next)
    };
    let page_ids: Vec<(Ref, Ref)> = pages.iter().map(|_| (alloc(), alloc())).collect();
    let xmp_id = Ref::new(10);
    let packet = xmp_title.map(|t| format!(
        r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">{t}</rdf:li></rdf:Alt></dc:title><xmp:CreateDate>2025-03-01T10:00:00Z</xmp:CreateDate></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#
    ));
    {
        let mut cat = pdf.catalog(catalog);
        cat.pages(tree);
        if packet.is_some() {
            cat.metadata(xmp_id);
        }
    }
    if let Some(p) = &packet {
        pdf.metadata(xmp_id, p.as_bytes());
    }
    pdf.pages(tree)
        .kids(page_ids.iter().map(|(p, _)| *p))
        .count(pages.len() as i32);
    pdf.type1_font(f1).base_font(Name(b"Helvetica"));
    pdf.type1_font(f2).base_font(Name(b"Helvetica-Bold"));
    let chars = unicode_chars(pages);
    let sys = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    pdf.type0_font(u)
        .base_font(Name(b"NotEmbedded"))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);
    pdf.cid_font(cid)
        .subtype(CidFontType::Type2)
        .base_font(Name(b"NotEmbedded"))
        .system_info(sys)
        .font_descriptor(desc)
        .default_width(1000.0);
    pdf.font_descriptor(desc)
        .name(Name(b"NotEmbedded"))
        .bbox(Rect::new(0.0, -200.0, 1000.0, 900.0))
        .italic_angle(0.0)
        .ascent(900.0)
        .descent(-200.0)
        .cap_height(700.0)
        .stem_v(80.0);
    let mut cm = UnicodeCmap::new(Name(b"Custom"), sys);
    for (i, c) in chars.iter().enumerate() {
        cm.pair((i + 1) as u16, *c);
    }
    let cm = cm.finish();
    pdf.cmap(cmap, &cm);
    for ((page_id, content_id), runs) in page_ids.iter().zip(pages) {
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, A4.0, A4.1))
            .parent(tree)
            .contents(*content_id);
        let mut res = page.resources();
        let mut fonts = res.fonts();
        fonts.pair(Name(b"F1"), f1);
        fonts.pair(Name(b"F2"), f2);
        fonts.pair(Name(b"U"), u);
        fonts.finish();
        res.finish();
        page.finish();
        let mut c = Content::new();
        for r in runs {
            c.begin_text();
            c.set_font(Name(r.font.as_bytes()), r.size);
            c.set_rise(r.rise);
            if r.stroked {
                c.set_text_rendering_mode(TextRenderingMode::FillStroke);
            }
            if r.turned {
                c.set_text_matrix([0.0, 1.0, -1.0, 0.0, r.x, A4.1 - r.y]);
            } else {
                c.next_line(r.x, A4.1 - r.y);
            }
            if r.font == "U" {
                let bytes: Vec<u8> = r
                    .text
                    .chars()
                    .flat_map(|ch| {
                        let g = chars.iter().position(|x| *x == ch).unwrap_or(0) as u16 + 1;
                        g.to_be_bytes()
                    })
                    .collect();
                c.show(Str(&bytes));
            } else {
                c.show(Str(r.text.as_bytes()));
            }
            c.end_text();
        }
        let data = c.finish();
        pdf.stream(*content_id, &data);
    }
    if title.is_some() || created.is_some() {
        let mut i = pdf.document_info(info);
        if let Some(t) = title {
            i.title(TextStr(t));
        }
        if let Some((y, m, d)) = created {
            i.creation_date(Date::new(y).month(m).day(d));
        }
    }
    pdf.finish()
}

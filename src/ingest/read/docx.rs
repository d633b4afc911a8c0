//! Word files (`.docx`: a zip of XML parts, ECMA-376), read with `zip` and
//! quick-xml. The parts are found through the package's relationships:
//! the document, its styles (heading levels: a style's outline level or
//! its built-in name `heading N` / `Title`, through `w:basedOn`), its
//! list numbering ([`numbering`]: the label each numbered paragraph
//! shows), footnotes and endnotes (linked to their references), and the
//! core properties (title and creation date as candidates). Headers and
//! footers are not the body: their lines are the document's furniture,
//! evidence for its metadata (a UN file's symbol often stands there).
//!
//! The body becomes lines for the text structuring, as a PDF's does:
//! headings as `## ` lines, each paragraph on its own line with its list
//! label in front (`12. …`, `(a) …`, `• …`), tables as tables.

pub mod masthead;
pub mod numbering;

use std::collections::HashMap;
use std::io::Read as _;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use self::numbering::{Level, Numbering};
use super::Read;
use crate::ingest::IngestError;
use crate::ingest::clean::{Cleaned, TABLE_MARK};
use crate::ingest::model::{Candidate, FN_CLOSE, FN_OPEN, Field, Origin};

/// Largest part read (uncompressed): a zip bomb stops here.
const MAX_PART: u64 = 256 << 20;

/// Reads one Word file.
pub fn read(bytes: &[u8], path: &Path) -> Result<Read, IngestError> {
    read_docx(bytes).map_err(|message| IngestError::Unreadable {
        path: path.to_path_buf(),
        message,
    })
}

fn read_docx(bytes: &[u8]) -> Result<Read, String> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(
            "a password-protected Word file or an old binary .doc, not a .docx: open it in Word and save it as .docx without a password".into(),
        );
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a Word file (not a zip archive: {e})"))?;
    let mut part = |name: &str| -> Result<Option<String>, String> {
        let mut f = match zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("{name}: {e}")),
        };
        let mut buf = Vec::new();
        (&mut f)
            .take(MAX_PART + 1)
            .read_to_end(&mut buf)
            .map_err(|e| format!("{name}: {e}"))?;
        if buf.len() as u64 > MAX_PART {
            return Err(format!("{name}: larger than {} MiB", MAX_PART >> 20));
        }
        String::from_utf8(buf)
            .map(Some)
            .map_err(|_| format!("{name}: not UTF-8 XML"))
    };
    // The main document, from the package relationships.
    let root_rels = part("_rels/.rels")?.unwrap_or_default();
    let doc_path = relationships(&root_rels, "")
        .into_iter()
        .find(|(t, _)| t.ends_with("/officeDocument"))
        .map(|(_, target)| target)
        .unwrap_or_else(|| "word/document.xml".to_string());
    let document = part(&doc_path)?
        .ok_or_else(|| format!("not a Word document (no {doc_path} in the archive)"))?;
    let dir = doc_path.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let rels_path = if dir.is_empty() {
        "_rels/document.xml.rels".to_string()
    } else {
        format!(
            "{dir}/_rels/{}.rels",
            doc_path.rsplit('/').next().unwrap_or("document.xml")
        )
    };
    // (id, type, target), read once.
    let doc_rels = relationship_list(&part(&rels_path)?.unwrap_or_default(), &dir);
    let mut related = |kind: &str| -> Result<Option<String>, String> {
        match doc_rels.iter().find(|(_, t, _)| t.ends_with(kind)) {
            Some((_, _, target)) => part(target),
            None => Ok(None),
        }
    };
    let styles = related("/styles")?.map(|x| parse_styles(&x)).transpose()?;
    let numbering = related("/numbering")?
        .map(|x| parse_numbering(&x))
        .transpose()?;
    let footnotes = related("/footnotes")?
        .map(|x| parse_notes(&x, "footnote"))
        .transpose()?
        .unwrap_or_default();
    let endnotes = related("/endnotes")?
        .map(|x| parse_notes(&x, "endnote"))
        .transpose()?
        .unwrap_or_default();
    // The first page's header: a UN file's masthead, when it holds one.
    let mut masthead_lines = Vec::new();
    if let Some(target) = masthead::first_page_header(&document).and_then(|id| {
        doc_rels
            .iter()
            .find(|(i, _, _)| *i == id)
            .map(|(_, _, target)| target.clone())
    }) && let Some(xml) = part(&target)?
    {
        let lines = paragraph_texts(&xml).map_err(|e| format!("{target}: {e}"))?;
        if masthead::is_masthead(&lines) {
            masthead_lines = lines;
        }
    }
    // Headers and footers: furniture, each distinct line once.
    let mut furniture: Vec<String> = Vec::new();
    for (_, _, target) in doc_rels
        .iter()
        .filter(|(_, t, _)| t.ends_with("/header") || t.ends_with("/footer"))
    {
        if let Some(xml) = part(target)? {
            for line in paragraph_texts(&xml).map_err(|e| format!("{target}: {e}"))? {
                if !furniture.contains(&line) {
                    furniture.push(line);
                }
            }
        }
    }
    let core = part("docProps/core.xml")?;
    let mut body = Body {
        styles: styles.unwrap_or_default(),
        numbering: numbering.unwrap_or_default(),
        notes: Notes {
            foot: footnotes,
            end: endnotes,
            used: Vec::new(),
        },
        lines: Vec::new(),
        tables: Vec::new(),
        sized: Vec::new(),
    };
    body.read(&document)
        .map_err(|e| format!("{doc_path}: {e}"))?;
    let mut candidates = Vec::new();
    // The header's masthead goes in front of the body for the structuring
    // to take as the masthead, unless the body opens with one of its own.
    if !masthead_lines.is_empty() && !masthead::is_masthead(&body.lines[..body.lines.len().min(12)])
    {
        masthead_lines.append(&mut body.lines);
        body.lines = masthead_lines;
        // Under a masthead, the title is set in the largest type of the
        // first page, as a PDF's headline is.
        if let Some(title) = masthead::headline(&body.sized) {
            candidates.push(Candidate {
                field: Field::Title,
                value: title,
                origin: Origin::Headline,
            });
        }
    }
    if body
        .lines
        .iter()
        .all(|l| l.trim().is_empty() || l.starts_with(TABLE_MARK))
        && body.tables.is_empty()
    {
        return Err("the Word document holds no text".into());
    }
    if let Some(core) = core {
        for (field, tag) in [(Field::Title, "dc:title"), (Field::Date, "dcterms:created")] {
            if let Some(v) = element_text(&core, tag).filter(|v| !v.trim().is_empty()) {
                candidates.push(Candidate {
                    field,
                    value: v,
                    origin: Origin::DocInfo,
                });
            }
        }
    }
    Ok(Read::Lines {
        cleaned: Cleaned {
            lines: body.lines,
            markdown: false,
            authored: false,
            furniture,
            set_aside: Vec::new(),
            footnotes: Some(body.notes.used),
            tables: body.tables,
        },
        candidates,
    })
}

fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| a.unescape_value().ok())
        .map(|v| v.into_owned())
}

/// Relationships of a part: (type, target resolved against `dir`).
fn relationships(xml: &str, dir: &str) -> Vec<(String, String)> {
    relationship_list(xml, dir)
        .into_iter()
        .map(|(_, t, target)| (t, target))
        .collect()
}

/// Relationships of a part: (id, type, target resolved against `dir`).
fn relationship_list(xml: &str, dir: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut r = Reader::from_str(xml);
    loop {
        match r.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                if attr(&e, b"TargetMode").as_deref() == Some("External") {
                    continue;
                }
                if let (Some(t), Some(target)) = (attr(&e, b"Type"), attr(&e, b"Target")) {
                    let target = match target.strip_prefix('/') {
                        Some(abs) => abs.to_string(),
                        None if dir.is_empty() => target,
                        None => format!("{dir}/{target}"),
                    };
                    out.push((attr(&e, b"Id").unwrap_or_default(), t, target));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// The text of the first element named `tag` (core properties).
/// The text of each paragraph of a part (a header, a footer), tabs as
/// spaces, field instructions left out; empty paragraphs skipped.
fn paragraph_texts(xml: &str) -> Result<Vec<String>, String> {
    let mut r = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut para = String::new();
    let mut in_text = false;
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == b"w:t" => in_text = true,
            Ok(Event::End(e)) if e.name().as_ref() == b"w:t" => in_text = false,
            Ok(Event::Empty(e)) if e.name().as_ref() == b"w:tab" => para.push(' '),
            Ok(Event::Text(t)) if in_text => {
                para.push_str(&t.decode().map_err(|e| e.to_string())?);
            }
            Ok(Event::GeneralRef(g)) if in_text => para.push_str(&entity(&g)),
            Ok(Event::End(e)) if e.name().as_ref() == b"w:p" => {
                let line = para.split_whitespace().collect::<Vec<_>>().join(" ");
                if !line.is_empty() {
                    out.push(line);
                }
                para.clear();
            }
            Ok(Event::Eof) => return Ok(out),
            Err(e) => return Err(xml_err(e, &r)),
            _ => {}
        }
    }
}

fn element_text(xml: &str, tag: &str) -> Option<String> {
    let mut r = Reader::from_str(xml);
    let mut inside = false;
    let mut out = String::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == tag.as_bytes() => inside = true,
            Ok(Event::End(e)) if e.name().as_ref() == tag.as_bytes() => return Some(out),
            Ok(Event::Text(t)) if inside => out.push_str(&t.decode().ok()?),
            Ok(Event::GeneralRef(g)) if inside => out.push_str(&entity(&g)),
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

fn entity(g: &quick_xml::events::BytesRef<'_>) -> String {
    if let Ok(Some(c)) = g.resolve_char_ref() {
        return c.to_string();
    }
    match g.decode().as_deref() {
        Ok("amp") => "&",
        Ok("lt") => "<",
        Ok("gt") => ">",
        Ok("quot") => "\"",
        Ok("apos") => "'",
        _ => "",
    }
    .to_string()
}

fn xml_err(e: quick_xml::Error, r: &Reader<&[u8]>) -> String {
    format!("XML error at byte {}: {e}", r.buffer_position())
}

/// A style: its name, parent, outline level, list.
#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(String, usize)>,
    /// Font size in half-points (`w:sz`).
    size: Option<u32>,
}

#[derive(Debug, Default)]
struct Styles(HashMap<String, Style>);

impl Styles {
    /// The font size a style sets (half-points), through its parents.
    fn size(&self, id: &str) -> Option<u32> {
        let mut cur = Some(id.to_string());
        for _ in 0..16 {
            let s = self.0.get(cur.as_deref()?)?;
            if s.size.is_some() {
                return s.size;
            }
            cur = s.based_on.clone();
        }
        None
    }

    /// The heading level a style gives (0 = title), through its parents.
    fn heading(&self, id: &str) -> Option<u8> {
        let mut cur = Some(id.to_string());
        for _ in 0..16 {
            let s = self.0.get(cur.as_deref()?)?;
            if let Some(o) = s.outline
                && o < 9
            {
                return Some(o + 1);
            }
            let name = s.name.to_ascii_lowercase();
            if name == "title" {
                return Some(0);
            }
            if let Some(n) = name.strip_prefix("heading ")
                && let Ok(n) = n.trim().parse::<u8>()
            {
                return Some(n);
            }
            cur = s.based_on.clone();
        }
        None
    }

    /// The list a style puts its paragraphs in, through its parents.
    fn num(&self, id: &str) -> Option<(String, usize)> {
        let mut cur = Some(id.to_string());
        for _ in 0..16 {
            let s = self.0.get(cur.as_deref()?)?;
            if s.num.is_some() {
                return s.num.clone();
            }
            cur = s.based_on.clone();
        }
        None
    }
}

fn parse_styles(xml: &str) -> Result<Styles, String> {
    let mut r = Reader::from_str(xml);
    let mut styles = HashMap::new();
    let mut cur: Option<(String, Style)> = None;
    loop {
        let ev = r.read_event().map_err(|e| xml_err(e, &r))?;
        match &ev {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:style" => {
                    cur = attr(e, b"w:styleId").map(|id| (id, Style::default()));
                }
                b"w:name" => {
                    if let Some((_, s)) = cur.as_mut() {
                        s.name = attr(e, b"w:val").unwrap_or_default();
                    }
                }
                b"w:basedOn" => {
                    if let Some((_, s)) = cur.as_mut() {
                        s.based_on = attr(e, b"w:val");
                    }
                }
                b"w:sz" => {
                    if let Some((_, s)) = cur.as_mut() {
                        s.size = attr(e, b"w:val").and_then(|v| v.parse().ok());
                    }
                }
                b"w:outlineLvl" => {
                    if let Some((_, s)) = cur.as_mut() {
                        s.outline = attr(e, b"w:val").and_then(|v| v.parse().ok());
                    }
                }
                b"w:numId" => {
                    if let Some((_, s)) = cur.as_mut()
                        && let Some(v) = attr(e, b"w:val")
                    {
                        let lvl = s.num.as_ref().map_or(0, |n| n.1);
                        s.num = Some((v, lvl));
                    }
                }
                b"w:ilvl" => {
                    if let Some((_, s)) = cur.as_mut() {
                        let l = attr(e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(0);
                        let id = s.num.take().map(|n| n.0).unwrap_or_default();
                        s.num = Some((id, l));
                    }
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == b"w:style" => {
                if let Some((id, s)) = cur.take() {
                    styles.insert(id, s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A style that named only a level has no list.
    for s in styles.values_mut() {
        if s.num.as_ref().is_some_and(|n| n.0.is_empty()) {
            s.num = None;
        }
    }
    Ok(Styles(styles))
}

fn parse_numbering(xml: &str) -> Result<Numbering, String> {
    let mut r = Reader::from_str(xml);
    let mut n = Numbering::default();
    let mut abs: Option<(String, Vec<Level>)> = None;
    let mut lvl: Option<(usize, Level)> = None;
    let mut num: Option<(String, String, HashMap<usize, u32>)> = None;
    let mut override_lvl: Option<usize> = None;
    loop {
        let ev = r.read_event().map_err(|e| xml_err(e, &r))?;
        match &ev {
            Event::Start(e) | Event::Empty(e) => {
                let val = || attr(e, b"w:val");
                match e.name().as_ref() {
                    b"w:abstractNum" => {
                        abs = attr(e, b"w:abstractNumId").map(|id| (id, Vec::new()));
                    }
                    b"w:lvl" if abs.is_some() => {
                        let i = attr(e, b"w:ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        lvl = Some((
                            i,
                            Level {
                                start: 1,
                                format: "decimal".into(),
                                text: String::new(),
                            },
                        ));
                    }
                    b"w:start" => {
                        if let Some((_, l)) = lvl.as_mut() {
                            l.start = val().and_then(|v| v.parse().ok()).unwrap_or(1);
                        }
                    }
                    b"w:numFmt" => {
                        if let Some((_, l)) = lvl.as_mut() {
                            l.format = val().unwrap_or_default();
                        }
                    }
                    b"w:lvlText" => {
                        if let Some((_, l)) = lvl.as_mut() {
                            l.text = val().unwrap_or_default();
                        }
                    }
                    b"w:num" => {
                        num = attr(e, b"w:numId").map(|id| (id, String::new(), HashMap::new()));
                    }
                    b"w:abstractNumId" => {
                        if let Some(m) = num.as_mut() {
                            m.1 = val().unwrap_or_default();
                        }
                    }
                    b"w:lvlOverride" => {
                        override_lvl = attr(e, b"w:ilvl").and_then(|v| v.parse().ok());
                    }
                    b"w:startOverride" => {
                        if let (Some(m), Some(l)) = (num.as_mut(), override_lvl)
                            && let Some(s) = val().and_then(|v| v.parse().ok())
                        {
                            m.2.insert(l, s);
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:lvl" => {
                    if let (Some((_, levels)), Some((i, l))) = (abs.as_mut(), lvl.take())
                        && i < 9
                    {
                        if levels.len() <= i {
                            levels.resize(i + 1, Level::default());
                        }
                        levels[i] = l;
                    }
                }
                b"w:abstractNum" => {
                    if let Some((id, levels)) = abs.take() {
                        n.abstracts.insert(id, levels);
                    }
                }
                b"w:num" => {
                    if let Some((id, a, o)) = num.take() {
                        n.nums.insert(id, (a, o));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(n)
}

/// Footnotes or endnotes: id → text (separators left out).
fn parse_notes(xml: &str, kind: &str) -> Result<HashMap<String, String>, String> {
    let tag = format!("w:{kind}");
    let mut r = Reader::from_str(xml);
    let mut out = HashMap::new();
    let mut cur: Option<(String, String)> = None;
    let mut in_t = false;
    loop {
        let ev = r.read_event().map_err(|e| xml_err(e, &r))?;
        match &ev {
            Event::Start(e) if e.name().as_ref() == tag.as_bytes() => {
                let special = attr(e, b"w:type").is_some_and(|t| t != "normal");
                cur = (!special)
                    .then(|| attr(e, b"w:id"))
                    .flatten()
                    .map(|id| (id, String::new()));
            }
            Event::End(e) if e.name().as_ref() == tag.as_bytes() => {
                if let Some((id, t)) = cur.take() {
                    out.insert(id, t.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::Start(e) | Event::Empty(e)
                if matches!(e.name().as_ref(), b"w:tab" | b"w:br" | b"w:p") =>
            {
                if let Some((_, t)) = cur.as_mut() {
                    t.push(' ');
                }
            }
            Event::Text(t) if in_t => {
                if let Some((_, s)) = cur.as_mut() {
                    s.push_str(&t.decode().unwrap_or_default());
                }
            }
            Event::GeneralRef(g) if in_t => {
                if let Some((_, s)) = cur.as_mut() {
                    s.push_str(&entity(g));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

struct Notes {
    foot: HashMap<String, String>,
    end: HashMap<String, String>,
    /// The notes referenced, numbered in order of reference.
    used: Vec<(String, String)>,
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    style: Option<String>,
    num: Option<(String, usize)>,
    outline: Option<u8>,
    text: String,
}

/// A table being read: rows of cells.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    span: usize,
}

struct Body {
    styles: Styles,
    numbering: Numbering,
    notes: Notes,
    lines: Vec<String>,
    tables: Vec<Vec<Vec<String>>>,
    /// The first paragraphs' text and style size (half-points; 0 when
    /// the style sets none): the title is the largest.
    sized: Vec<(String, u32)>,
}

impl Body {
    fn read(&mut self, xml: &str) -> Result<(), String> {
        let mut r = Reader::from_str(xml);
        let mut paras: Vec<Para> = Vec::new();
        let mut tables: Vec<Table> = Vec::new();
        let mut in_t = false;
        // Inside `mc:Fallback` (the same content again) or deleted text.
        let mut skip = 0usize;
        let mut in_ppr = false;
        loop {
            let ev = r.read_event().map_err(|e| xml_err(e, &r))?;
            let start = matches!(ev, Event::Start(_));
            match &ev {
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.name();
                    let name = name.as_ref();
                    if skip > 0 {
                        if start {
                            skip += 1;
                        }
                        continue;
                    }
                    match name {
                        b"mc:Fallback" | b"w:del" | b"w:moveFrom" if start => skip = 1,
                        b"w:p" if start => paras.push(Para::default()),
                        b"w:pPr" if start => in_ppr = true,
                        b"w:pStyle" if in_ppr => {
                            if let Some(p) = paras.last_mut() {
                                p.style = attr(e, b"w:val");
                            }
                        }
                        b"w:outlineLvl" if in_ppr => {
                            if let Some(p) = paras.last_mut() {
                                p.outline = attr(e, b"w:val").and_then(|v| v.parse().ok());
                            }
                        }
                        b"w:ilvl" if in_ppr => {
                            if let Some(p) = paras.last_mut() {
                                let l = attr(e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(0);
                                let id = p.num.take().map(|n| n.0).unwrap_or_default();
                                p.num = Some((id, l));
                            }
                        }
                        b"w:numId" if in_ppr => {
                            if let Some(p) = paras.last_mut()
                                && let Some(v) = attr(e, b"w:val")
                            {
                                let l = p.num.as_ref().map_or(0, |n| n.1);
                                p.num = Some((v, l));
                            }
                        }
                        b"w:t" if start => in_t = true,
                        b"w:tab" | b"w:br" | b"w:cr" if !in_ppr => {
                            if let Some(p) = paras.last_mut() {
                                p.text.push(' ');
                            }
                        }
                        b"w:noBreakHyphen" => {
                            if let Some(p) = paras.last_mut() {
                                p.text.push('-');
                            }
                        }
                        b"w:footnoteReference" | b"w:endnoteReference" => {
                            let foot = name == b"w:footnoteReference";
                            if let (Some(p), Some(id)) = (paras.last_mut(), attr(e, b"w:id")) {
                                let src = if foot {
                                    &self.notes.foot
                                } else {
                                    &self.notes.end
                                };
                                if let Some(text) = src.get(&id) {
                                    let label = (self.notes.used.len() + 1).to_string();
                                    self.notes.used.push((label.clone(), text.clone()));
                                    p.text.push(FN_OPEN);
                                    p.text.push_str(&label);
                                    p.text.push(FN_CLOSE);
                                }
                            }
                        }
                        b"w:tbl" if start => tables.push(Table::default()),
                        b"w:tr" if start => {
                            if let Some(t) = tables.last_mut() {
                                t.rows.push(Vec::new());
                            }
                        }
                        b"w:tc" if start => {
                            if let Some(row) = tables.last_mut().and_then(|t| t.rows.last_mut()) {
                                row.push(String::new());
                            }
                            if let Some(t) = tables.last_mut() {
                                t.span = 1;
                            }
                        }
                        b"w:gridSpan" => {
                            if let Some(t) = tables.last_mut() {
                                t.span = attr(e, b"w:val")
                                    .and_then(|v| v.parse().ok())
                                    .unwrap_or(1)
                                    .clamp(1, 64);
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    match e.name().as_ref() {
                        b"w:t" => in_t = false,
                        b"w:pPr" => in_ppr = false,
                        b"w:p" => {
                            if let Some(p) = paras.pop() {
                                self.end_para(p, &mut tables, &mut paras);
                            }
                        }
                        b"w:tc" => {
                            if let Some(t) = tables.last_mut() {
                                let span = std::mem::replace(&mut t.span, 1);
                                if let Some(row) = t.rows.last_mut() {
                                    if let Some(c) = row.last_mut() {
                                        *c = c.split_whitespace().collect::<Vec<_>>().join(" ");
                                    }
                                    for _ in 1..span {
                                        row.push(String::new());
                                    }
                                }
                            }
                        }
                        b"w:tbl" => {
                            if let Some(t) = tables.pop() {
                                self.end_table(t, &mut tables);
                            }
                        }
                        _ => {}
                    }
                }
                Event::Text(t) if in_t && skip == 0 => {
                    if let Some(p) = paras.last_mut() {
                        p.text.push_str(&t.decode().unwrap_or_default());
                    }
                }
                Event::GeneralRef(g) if in_t && skip == 0 => {
                    if let Some(p) = paras.last_mut() {
                        p.text.push_str(&entity(g));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }

    fn end_para(&mut self, p: Para, tables: &mut [Table], paras: &mut [Para]) {
        let text = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
        // In a table cell (not in a text box inside a paragraph), the
        // paragraph is part of the cell.
        if paras.is_empty()
            && let Some(cell) = tables
                .last_mut()
                .and_then(|t| t.rows.last_mut())
                .and_then(|r| r.last_mut())
        {
            if !cell.is_empty() && !text.is_empty() {
                cell.push(' ');
            }
            cell.push_str(&text);
            return;
        }
        let style = p.style.as_deref().unwrap_or("");
        // A paragraph may name only its level: the list is its style's.
        let num = match (p.num.clone(), self.styles.num(style)) {
            (Some((id, l)), Some((sid, _))) if id.is_empty() => Some((sid, l)),
            (Some(n), _) => Some(n),
            (None, s) => s,
        };
        let label = num
            .filter(|(id, _)| !id.is_empty() && id != "0")
            .and_then(|(id, l)| self.numbering.next(&id, l));
        if text.is_empty() {
            return;
        }
        let heading = p
            .outline
            .filter(|o| *o < 9)
            .map(|o| o + 1)
            .or_else(|| self.styles.heading(style));
        if self.sized.len() < 40 {
            let size = self.styles.size(style).unwrap_or(0);
            self.sized.push((text.clone(), size));
        }
        let text = match label {
            Some(l) if !l.is_empty() => format!("{l} {text}"),
            _ => text,
        };
        match heading {
            Some(level) => self
                .lines
                .push(format!("{} {text}", "#".repeat(level.clamp(1, 6) as usize))),
            None => self.lines.push(text),
        }
        self.lines.push(String::new());
    }

    fn end_table(&mut self, t: Table, tables: &mut [Table]) {
        let rows: Vec<Vec<String>> = t
            .rows
            .into_iter()
            .filter(|r| r.iter().any(|c| !c.is_empty()))
            .collect();
        if rows.is_empty() {
            return;
        }
        // A table inside a table's cell: its text goes into that cell.
        if let Some(cell) = tables
            .last_mut()
            .and_then(|t| t.rows.last_mut())
            .and_then(|r| r.last_mut())
        {
            for r in &rows {
                for c in r.iter().filter(|c| !c.is_empty()) {
                    if !cell.is_empty() {
                        cell.push(' ');
                    }
                    cell.push_str(c);
                }
            }
            return;
        }
        // A one-cell layout table (a framed note) is text, and so is the
        // table UN templates lay the masthead out in (`Distr.: General`
        // in one cell, the symbol in another) at the top of the document.
        let at_top =
            self.tables.is_empty() && self.lines.iter().filter(|l| !l.is_empty()).count() < 12;
        let masthead = at_top
            && rows
                .iter()
                .flatten()
                .any(|c| crate::ingest::metadata::MASTHEAD.is_match(c));
        if masthead
            || rows
                .iter()
                .all(|r| r.iter().filter(|c| !c.is_empty()).count() <= 1)
        {
            for r in rows {
                for c in r.into_iter().filter(|c| !c.is_empty()) {
                    self.lines.push(c);
                }
            }
            self.lines.push(String::new());
            return;
        }
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let rows = rows
            .into_iter()
            .map(|mut r| {
                r.resize(width, String::new());
                r
            })
            .collect();
        self.lines
            .push(format!("{TABLE_MARK}{}", self.tables.len()));
        self.lines.push(String::new());
        self.tables.push(rows);
    }
}

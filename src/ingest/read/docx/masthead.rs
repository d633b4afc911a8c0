//! The masthead a Word file sets in its first page's header: the UN's
//! Word files carry the symbol, `Distr.: General`, the date and the
//! original language in the header part of the document's first section
//! (`w:titlePg` with a `headerReference w:type="first"`), not in the
//! body. Those lines are the document's masthead, read as a PDF's first
//! lines are: they go in front of the body for the structuring, which
//! takes them as the masthead (never as text), only when they carry a
//! masthead's signal (`Distr.`, `Original:`); a company's letterhead or a
//! running title stays furniture.

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::attr;

/// The relationship id of the header shown on the first page of the
/// document's first section: its first-page header when the section has a
/// distinct first page (`w:titlePg`), else its default header.
pub fn first_page_header(document: &str) -> Option<String> {
    let mut r = Reader::from_str(document);
    let (mut first, mut default, mut title_pg) = (None, None, false);
    let mut inside = false;
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == b"w:sectPr" => inside = true,
            Ok(Event::End(e)) if e.name().as_ref() == b"w:sectPr" => break,
            Ok(Event::Start(e) | Event::Empty(e)) if inside => match e.name().as_ref() {
                b"w:headerReference" => {
                    let id = attr(&e, b"r:id");
                    match attr(&e, b"w:type").as_deref() {
                        Some("first") => first = id,
                        Some("default") | None => default = id,
                        _ => {}
                    }
                }
                b"w:titlePg" => {
                    title_pg =
                        !matches!(attr(&e, b"w:val").as_deref(), Some("0" | "false" | "off"));
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    if title_pg { first.or(default) } else { default }
}

/// Whether the header's lines are a masthead: one of them carries a
/// masthead's signal.
pub fn is_masthead(lines: &[String]) -> bool {
    lines
        .iter()
        .any(|l| crate::ingest::metadata::MASTHEAD.is_match(l))
}

/// The title under a masthead: the first paragraphs set in the largest
/// size among the first fifteen, when that size is larger than the text's
/// (the commonest size of the first forty paragraphs); consecutive
/// paragraphs of that size are one title broken over lines.
pub fn headline(sized: &[(String, u32)]) -> Option<String> {
    let mut counts: std::collections::HashMap<u32, usize> = std::collections::HashMap::new();
    for (_, s) in sized {
        *counts.entry(*s).or_default() += 1;
    }
    let body = counts
        .iter()
        .max_by_key(|&(s, n)| (*n, std::cmp::Reverse(*s)))
        .map(|(s, _)| *s)?;
    let head = &sized[..sized.len().min(15)];
    let top = head.iter().map(|(_, s)| *s).max()?;
    if top <= body {
        return None;
    }
    let first = head.iter().position(|(_, s)| *s == top)?;
    let title = head[first..]
        .iter()
        .take_while(|(_, s)| *s == top)
        .map(|(t, _)| t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    (!title.trim().is_empty()).then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_header_only_with_a_distinct_first_page() {
        let doc = |title_pg: &str| {
            format!(
                r#"<w:document><w:body><w:p/><w:sectPr><w:headerReference w:type="default" r:id="rD"/><w:headerReference w:type="first" r:id="rF"/>{title_pg}</w:sectPr></w:body></w:document>"#
            )
        };
        assert_eq!(
            first_page_header(&doc("<w:titlePg/>")).as_deref(),
            Some("rF")
        );
        assert_eq!(first_page_header(&doc("")).as_deref(), Some("rD"));
        assert_eq!(
            first_page_header(&doc(r#"<w:titlePg w:val="0"/>"#)).as_deref(),
            Some("rD")
        );
    }
}

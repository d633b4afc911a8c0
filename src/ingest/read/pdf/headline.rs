//! A report's headline as its first page sets it: below the masthead (the
//! distribution block, the session, the agenda item and its title in body
//! type), the document's title stands in the largest type of the page's
//! head, and its issuing body (`Report of the Secretary-General`, `Note by
//! the Secretariat`) in smaller type under it. Type says which lines are
//! the title where the text alone cannot: the agenda item's title and the
//! report's differ, and a letter states no issuer at all.
//!
//! A resolution or a draft states its title another way (an adoption
//! statement in large type above its number and title, a draft's label
//! above a title in body type): the text structuring reads those, so a
//! first page with either has no headline here.

use std::collections::HashSet;

use super::layout::{Line, join_line};
use crate::ingest::metadata::MASTHEAD;
use crate::ingest::model::{FN_CLOSE, FN_OPEN};
use crate::ingest::resolution_title::{is_draft_label, is_issuer, opens_head};

/// How much larger than the body a title is set (UN reports: 14 or 12 pt
/// over a 10 pt body).
const LARGER: f32 = 1.5;

/// The first page's headline (its title, ` — ` and its issuing body when
/// one follows), or `None` when the page's head has no line in type
/// larger than the body's, or is a resolution's or a draft's.
pub fn headline(first: &[Line], body: f32) -> Option<String> {
    // The head begins below the distribution block and ends at the first
    // line of running text (body type, not bold, a long line).
    let start = first
        .iter()
        .rposition(|l| MASTHEAD.is_match(&l.text))
        .map_or(0, |i| i + 1);
    let head: Vec<&Line> = first[start..]
        .iter()
        .take_while(|l| !(l.size < body + LARGER && !l.bold && l.text.chars().count() >= 50))
        .collect();
    if head
        .iter()
        .any(|l| opens_head(&l.text) || is_draft_label(&l.text))
    {
        return None;
    }
    let top = head.iter().map(|l| l.size).fold(0.0f32, f32::max);
    if top < body + LARGER {
        return None;
    }
    let same = |l: &Line| (l.size - top).abs() < 0.5;
    let at = head.iter().position(|l| same(l))?;
    let mut title = String::new();
    let keep = HashSet::new();
    let mut next = at;
    for l in head[at..].iter().take_while(|l| same(l)) {
        if title.is_empty() {
            title.push_str(&l.text);
        } else {
            join_line(&mut title, &l.text, &keep);
        }
        next += 1;
    }
    let title = plain(&title);
    if title.chars().filter(|c| c.is_alphabetic()).count() < 4 {
        return None;
    }
    match head.get(next).map(|l| plain(&l.text)) {
        Some(issuer) if is_issuer(&issuer) => Some(format!("{title} — {issuer}")),
        _ => Some(title),
    }
}

/// A title line without its note markers: raised numbers (`⟨1⟩`) and the
/// asterisks that call a note on the first page (`…in Africa**`).
fn plain(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut in_marker = false;
    for c in t.chars() {
        match c {
            FN_OPEN => in_marker = true,
            FN_CLOSE => in_marker = false,
            _ if !in_marker => out.push(c),
            _ => {}
        }
    }
    out.trim().trim_end_matches('*').trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, y: f32, size: f32, bold: bool) -> Line {
        Line {
            text: text.into(),
            x0: 72.0,
            x1: 72.0 + text.chars().count() as f32 * size * 0.45,
            y,
            size,
            bold,
            weight: text.chars().count(),
        }
    }

    /// A report's first page: the masthead, the agenda item and its title
    /// in body type, then the report's title, its issuer, its text.
    fn report(title: &[&str], issuer: &str) -> Vec<Line> {
        let mut v = vec![
            line("United Nations", 56.0, 14.0, false),
            line("General Assembly", 86.0, 20.0, true),
            line("Distr.: General", 87.0, 10.0, false),
            line("28 July 2025", 98.0, 10.0, false),
            line("Original: English", 122.0, 10.0, false),
            line("Eightieth session", 222.0, 10.0, true),
            line("Item 13 of the provisional agenda*", 234.0, 10.0, false),
            line(
                "Integrated and coordinated implementation of and follow-up",
                246.0,
                10.0,
                true,
            ),
            line(
                "to the outcomes of the major conferences",
                258.0,
                10.0,
                true,
            ),
        ];
        let mut y = 300.0;
        for t in title {
            v.push(line(t, y, 14.0, true));
            y += 15.0;
        }
        if !issuer.is_empty() {
            v.push(line(issuer, y + 10.0, 12.0, true));
        }
        v.push(line(
            "The Secretary-General hereby transmits the report of the Director General of",
            y + 34.0,
            10.0,
            false,
        ));
        v
    }

    #[test]
    fn a_reports_title_is_its_largest_type_below_the_agenda_item() {
        let p = report(
            &[
                "Third Industrial Development Decade for Africa",
                "(2016–2025)**",
            ],
            "Note by the Secretary-General",
        );
        assert_eq!(
            headline(&p, 10.0).as_deref(),
            Some(
                "Third Industrial Development Decade for Africa (2016–2025) — Note by the Secretary-General"
            )
        );
    }

    #[test]
    fn a_letters_title_has_no_issuer() {
        let p = report(
            &[
                "Letter dated 27 January 2025 from the Permanent Representative",
                "of Peru to the United Nations addressed to the Secretary-General",
            ],
            "",
        );
        assert_eq!(
            headline(&p, 10.0).as_deref(),
            Some(
                "Letter dated 27 January 2025 from the Permanent Representative of Peru to the United Nations addressed to the Secretary-General"
            )
        );
    }

    #[test]
    fn a_resolution_or_a_page_without_larger_type_has_none() {
        let mut p = report(&[], "");
        assert_eq!(headline(&p, 10.0), None);
        p.insert(
            9,
            line(
                "Resolution adopted by the General Assembly",
                280.0,
                14.0,
                true,
            ),
        );
        p.insert(
            10,
            line(
                "78/280. Global health and foreign policy",
                344.0,
                12.0,
                true,
            ),
        );
        assert_eq!(headline(&p, 10.0), None);
    }
}

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

/// How long a line of running text is, at least, in characters (a
/// report's lines hold 75 to 90; an agenda item's numbers, fewer).
const RUNNING: usize = 65;

/// The first page's headline (its title, `: ` and its issuing body when
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
        .take_while(|l| !(l.size < body + LARGER && !l.bold && l.text.chars().count() >= RUNNING))
        .collect();
    if head
        .iter()
        .any(|l| opens_head(&l.text) || is_draft_label(&l.text))
    {
        return None;
    }
    // The masthead's column: when the head opens in body type (the
    // session), the lines set at its left edge are the masthead's (the
    // committee, the agenda item and its title), whatever their type; the
    // title is set further in.
    let head: Vec<&Line> = match head.first() {
        Some(f) if f.size < body + LARGER => {
            let col = f.x0;
            head.into_iter()
                .filter(|l| (l.x0 - col).abs() > 2.0)
                .collect()
        }
        _ => head,
    };
    let top = head.iter().map(|l| l.size).fold(0.0f32, f32::max);
    if top < body + LARGER {
        return None;
    }
    let same = |l: &Line| (l.size - top).abs() < 0.5;
    let at = head.iter().position(|l| same(l))?;
    let mut title = String::new();
    let keep = HashSet::new();
    // The title's lines follow one another at its line pitch: a line of
    // the same type after a gap is the next heading (`I. Introduction`).
    let mut next = at;
    let mut last_y = head[at].y;
    for l in head[at..].iter().take_while(|l| same(l)) {
        if title.is_empty() {
            title.push_str(&l.text);
        } else if l.y - last_y > 1.5 * top {
            break;
        } else {
            join_line(&mut title, &l.text, &keep);
        }
        last_y = l.y;
        next += 1;
    }
    let title = plain(&title);
    if title.chars().filter(|c| c.is_alphabetic()).count() < 4 {
        return None;
    }
    // The issuer, over one line or two in its own type.
    let mut issuer = String::new();
    if let Some(first) = head.get(next) {
        let mut last_y = first.y;
        for l in head[next..]
            .iter()
            .take_while(|l| (l.size - first.size).abs() < 0.5)
        {
            if issuer.is_empty() {
                issuer.push_str(&l.text);
            } else if l.y - last_y > 1.5 * l.size {
                break;
            } else {
                join_line(&mut issuer, &l.text, &keep);
            }
            last_y = l.y;
        }
    }
    let issuer = plain(&issuer);
    if is_issuer(&issuer) {
        Some(crate::ingest::text::with_issuer(&title, &issuer))
    } else {
        Some(title)
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
        let indented = |l: Line| Line {
            x0: l.x0 + 51.0,
            x1: l.x1 + 51.0,
            ..l
        };
        for t in title {
            v.push(indented(line(t, y, 14.0, true)));
            y += 15.0;
        }
        if !issuer.is_empty() {
            v.push(indented(line(issuer, y + 10.0, 12.0, true)));
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
                "Third Industrial Development Decade for Africa (2016–2025): note by the Secretary-General"
            )
        );
    }

    #[test]
    fn a_heading_in_the_titles_type_after_a_gap_is_not_the_title() {
        // A Security Council report: its title, then `I. Introduction` in
        // the same type two lines below, then the text.
        let mut p = report(
            &[
                "Twentieth report of the Secretary-General on the threat",
                "posed by ISIL (Da'esh) to international peace and security",
            ],
            "",
        );
        let text = p.pop().map(|mut l| {
            l.y += 40.0;
            l
        });
        p.push(line("I. Introduction", 357.0, 14.0, true));
        p.extend(text);
        assert_eq!(
            headline(&p, 10.0).as_deref(),
            Some(
                "Twentieth report of the Secretary-General on the threat posed by ISIL (Da'esh) to international peace and security"
            )
        );
    }

    #[test]
    fn larger_type_in_the_mastheads_column_is_the_mastheads() {
        // A committee's document: `Sixth Committee` in 12 pt under the
        // session, at the masthead's left edge; no title in larger type
        // below it.
        let mut p = report(&[], "");
        p.insert(6, line("Sixth Committee", 235.0, 12.0, true));
        assert_eq!(headline(&p, 10.0), None);
    }

    #[test]
    fn a_long_agenda_list_is_no_running_text() {
        // A letter's masthead lists fourteen agenda items over lines of
        // numbers, in body type; the letter's title comes after them.
        let mut p = report(
            &["Letter dated 15 April 2025 from the Chargé d'affaires"],
            "",
        );
        p.insert(
            6,
            line(
                "Agenda items 14, 16, 18, 22 (b), 30, 34, 35, 38, 58, 69,",
                234.0,
                10.0,
                false,
            ),
        );
        assert_eq!(
            headline(&p, 10.0).as_deref(),
            Some("Letter dated 15 April 2025 from the Chargé d'affaires")
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

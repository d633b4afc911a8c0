//! Metadata: the document's own symbol, its date (ISO), its primary
//! language and every language with a meaningful share.

use super::months::{MONTH_ALT, month_index};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use whatlang::{Detector, Lang};

use super::model::{Block, Document as Structured};
use super::model::{Field, Origin};
use super::text::{is_alnum, is_han, is_letter, visible_len};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub symbol: Option<String>,
    /// The other symbols of a document issued under two at once
    /// (`A/ES-10/1027-S/2025/173`: identical letters to the Assembly and
    /// the Council): the same document, never one it cites.
    pub joint: Vec<String>,
    pub date: Option<String>,
    pub language: String,
    pub languages: Vec<String>,
}

/// Lines of a UN masthead (`Distr.: General`, `Original: English`).
pub(crate) static MASTHEAD: LazyLock<Regex> = LazyLock::new(|| {
    // `(?:^|\W)`, not `\b`: the same lines match, and a Unicode `\b`
    // would send every line of a non-ASCII text to the slow engines.
    Regex::new(r"(?i)Distr\.|Original\s*:|(?:^|\W)General\s*\d|Limited\s*\d|Restricted\s*\d|Dist\.\s*(?:GENERAL|LIMITED)").unwrap()
});

/// UN document symbols: `A/74/130`, `S/2015/939`, `E/CN.15/2019/7`,
/// `A/RES/73/187`, `S/PRST/2016/6`.
pub static UN_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    // The last numbered part may be a draft's or a record's (`A/L.632`,
    // `A/C.3/78/L.5`, `S/PV.9000`) as well as a number.
    Regex::new(r"(?:^|[^A-Za-z0-9/])((?:[A-Z]{1,6})(?:/(?:[A-Z]{1,8}\.?)?\d+(?:\.\d+)?|/ES-\d+|/[A-Z]{1,8}(?:\.\d+)?)*/(?:\d+|[A-Z]{1,3}\.\d+)(?:/[A-Za-z0-9.]+)*)").unwrap()
});

/// Extracts metadata; the masthead (`front`) is preferred for symbol and
/// date, then a dateline near the top of the text.
pub fn extract(doc: &Structured) -> Metadata {
    let (language, languages) = languages(doc);
    let symbol = doc
        .candidates(Field::Symbol)
        .iter()
        .find_map(|c| first_symbol(&c.value))
        .or_else(|| own_symbol(doc));
    let dates = date_convention(doc, &language);
    let date = stated_date(doc, dates)
        .or_else(|| doc_date(doc, dates))
        .or_else(|| updated_date(doc, dates))
        .or_else(|| file_date(doc, dates));
    let joint = symbol
        .as_deref()
        .map(|own| joint_symbols(&doc.front, own))
        .unwrap_or_default();
    Metadata {
        symbol,
        joint,
        date,
        language,
        languages,
    }
}

/// The language whose way of writing numeric dates reads the document's:
/// its own, but a page declared in an English other than American
/// (`en-GB`, `en-AU`, `en-IN`) writes the day first (`02/10/2020` is 2
/// October), which the date readers take any language but `en` to do.
fn date_convention<'a>(doc: &Structured, language: &'a str) -> &'a str {
    let regional = doc.candidates(Field::Language).iter().any(|c| {
        let tag = c.value.trim().to_ascii_lowercase().replace('_', "-");
        tag.strip_prefix("en-")
            .is_some_and(|region| !region.is_empty() && !matches!(region, "us" | "ph"))
    });
    if language == "en" && regional {
        "en-GB"
    } else {
        language
    }
}

fn own_symbol(doc: &Structured) -> Option<String> {
    // A symbol in the running header of the pages (`A/RES/80/41`) is the
    // document's own: it is repeated on every page, where the masthead may
    // also cite the report it was adopted on (`(A/80/412)`).
    if let Some(s) = doc.furniture.iter().find_map(|f| first_symbol(f)) {
        return Some(s);
    }
    // A symbol in parentheses or brackets in the masthead is a document
    // it cites: the draft or committee report a resolution was adopted on
    // (`[on the report of the First Committee (A/80/534)]`).
    if let Some(s) = first_unbracketed_symbol(&doc.front) {
        return Some(s);
    }
    // A General Assembly resolution numbers itself (`80/7. Report of …`)
    // under `Resolution adopted by the General Assembly`.
    if let Some(s) = numbered_ga_resolution(doc) {
        return Some(s);
    }
    // A document without masthead may still start with its symbol alone
    // on a line.
    let alone = doc.blocks.iter().take(2).find_map(|b| match b {
        Block::Para { text, .. } | Block::Heading { text, .. } => {
            let t = text.trim();
            first_symbol(t).filter(|s| s.len() + 2 >= t.len())
        }
        _ => None,
    });
    // Or state the resolution that adopted it (`Adopted by General
    // Assembly resolution 217 A (III) of 10 December 1948`).
    alone.or_else(|| {
        doc.title
            .iter()
            .map(String::as_str)
            .chain(doc.blocks.iter().take(6).flat_map(Block::texts))
            .filter(|t| super::text::is_adoption_statement(t))
            .find_map(adopting_resolution)
    })
}

/// The first symbol of `text` that stands outside parentheses and
/// brackets (counted per line).
fn first_unbracketed_symbol(text: &str) -> Option<String> {
    for line in text.lines() {
        for c in UN_SYMBOL.captures_iter(line) {
            let Some(m) = c.get(1) else { continue };
            let before = &line[..m.start()];
            let open = before.matches(['(', '[', '（', '［']).count();
            let close = before.matches([')', ']', '）', '］']).count();
            if open <= close {
                return first_symbol(&line[m.start()..]);
            }
        }
    }
    None
}

/// `A/RES/80/7` for a text that says it is a resolution adopted by the
/// General Assembly (in its masthead, in any of the six UN languages) and
/// numbers itself `80/7.` in its title or first heading.
fn numbered_ga_resolution(doc: &Structured) -> Option<String> {
    static NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*(\d{1,3})/(\d{1,4})(?:\s*[.．]|\s+[-–]\s)").unwrap());
    static GA_ADOPTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)resolution adopted by the general assembly|résolution adoptée par l.assemblée générale|resolución aprobada por la asamblea general|резолюция,? принятая генеральной ассамблеей|大会.{0,24}通过的决议|\d日大会决议|قرار اتخذته الجمعية العامة",
        )
        .unwrap()
    });
    // `Resolution 68/262 adopted by the General Assembly on …`, as a web
    // page or a collection heads the text: its number in the statement.
    static NUMBERED_ADOPTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\W{0,3}(?:resolution|résolution|resolución|резолюция|القرار)\s+(\d{1,3})/(\d{1,4})\s*,?\s+(?:adopted by the general assembly|adoptée par l.assemblée générale|aprobada por la asamblea general|принятая генеральной ассамблеей|الذي اتخذته الجمعية العامة)",
        )
        .unwrap()
    });
    let head: String = std::iter::once(doc.front.as_str())
        .chain(doc.blocks.iter().take(3).flat_map(Block::texts))
        .collect::<Vec<_>>()
        .join("\n");
    let stated = doc
        .title
        .iter()
        .map(String::as_str)
        .chain(doc.blocks.iter().take(3).flat_map(Block::texts))
        .find_map(|t| NUMBERED_ADOPTED.captures(t.trim()));
    if let Some(c) = stated
        && let (Ok(session), Ok(n)) = (c[1].parse::<u32>(), c[2].parse::<u32>())
        && session >= 1
    {
        return Some(format!("A/RES/{session}/{n}"));
    }
    if !GA_ADOPTED.is_match(&head) {
        return None;
    }
    // The title line that states the number may have been taken into
    // the masthead's text.
    doc.title
        .iter()
        .map(String::as_str)
        .chain(doc.front.lines().rev().take(2))
        .chain(doc.blocks.iter().take(4).filter_map(|b| match b {
            Block::Heading { text, .. } | Block::Para { text, .. } => Some(text.as_str()),
            _ => None,
        }))
        .find_map(|t| {
            let c = NUMBER.captures(t)?;
            let (session, n) = (c[1].parse::<u32>().ok()?, c[2].parse::<u32>().ok()?);
            (session >= 1).then(|| format!("A/RES/{session}/{n}"))
        })
}

/// The date a resolution states it was adopted on (`Resolution adopted by
/// the General Assembly on 14 November 2025`, `Adopted by the Security
/// Council at its 9700th meeting, on 5 March 2024`, and the same in the
/// other UN languages), from its masthead or first lines: for a
/// resolution that date is its own, not the day it was distributed.
fn adoption_date(doc: &Structured, lang: &str) -> Option<String> {
    static ADOPTED_ON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            // `(?:^|\W)` for `\b`: the same lines match, without the
            // slow engines a Unicode `\b` needs on non-ASCII text.
            r"(?i)(?:^|\W)(?:adopted by|adoptée?s? par|aprobad[ao]s? por|adoptad[ao]s? por|принят(?:ая|ое|ые|ый|[аоы])?\s)|通过的决议|\d日大会决议|اتخذ(?:ته|ها)",
        )
        .unwrap()
    });
    // The statement stands among the masthead's lines, which may have
    // become the first blocks (headings of a PDF's first page).
    doc.front
        .lines()
        .chain(doc.title.as_deref())
        .chain(doc.blocks.iter().take(8).flat_map(Block::texts))
        .filter(|l| visible_len(l) <= 160 && ADOPTED_ON.is_match(l))
        .find_map(|l| find_date(l, lang))
}

/// The resolution an adoption statement names: a symbol, or the
/// Assembly's numbering before 1976 — number, part letter, session in
/// roman numerals (`217 A (III)`, `217 А (III)`, `第217A(III)号`, `217 ألف
/// (د-3)`) — as `A/RES/217(III)`.
fn adopting_resolution(text: &str) -> Option<String> {
    static OLD_GA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(\d{1,4})\s*(?:[A-EА-Д]|ألف|باء)?\s*\(\s*(?:د\s*-\s*(\d{1,2})|([IVXL]{1,6}))\s*\)",
        )
        .unwrap()
    });
    if let Some(s) = first_symbol(text).filter(|s| s.contains("/RES/")) {
        return Some(s);
    }
    let c = OLD_GA.captures(text)?;
    match (c.get(2), c.get(3)) {
        (_, Some(roman)) => Some(format!("A/RES/{}({})", &c[1], roman.as_str())),
        (Some(session), None) => Some(super::entities::old_assembly_resolution_id(
            c[1].parse().ok()?,
            session.as_str().parse().ok()?,
        )),
        _ => None,
    }
}

pub fn first_symbol(text: &str) -> Option<String> {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*\((\d{4})\)").unwrap());
    let c = UN_SYMBOL.captures(text)?;
    let m = c.get(1)?;
    let symbol = m.as_str().trim_end_matches('.');
    // A Security Council resolution's symbol carries its year, as the
    // recogniser's ids do: `S/RES/2341 (2017)`.
    if symbol.starts_with("S/RES/")
        && let Some(y) = YEAR.captures(&text[m.end()..])
    {
        return Some(format!("{symbol} ({})", &y[1]));
    }
    // A fascicle of the programme budget names its section, and may go on
    // with further parts: `A/81/6 (Sect. 29A)/Part A`, `A/78/6
    // (Sect. 10)` (the three sections of a budget would share one symbol
    // otherwise).
    if let Some(sect) = SECTION.find(&text[m.end()..]) {
        return Some(format!(
            "{symbol}{}",
            sect.as_str().trim_end_matches(['.', '*'])
        ));
    }
    Some(symbol.to_string())
}

/// The symbols joined to `own` by a hyphen or a dash in `front` (`A/ES-10/1027-S/2025/173`,
/// `A/79/850–S/2025/180`): a document issued under both.
fn joint_symbols(front: &str, own: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in front.match_indices(own) {
        let after = front[at + own.len()..].trim_start();
        if let Some(rest) = after.strip_prefix(['-', '–', '—'])
            && let Some(other) = first_symbol(rest.trim_start())
            && rest.trim_start().starts_with(other.as_str())
            && other != own
            && !out.contains(&other)
        {
            out.push(other);
        }
        let before = front[..at].trim_end();
        if let Some(head) = before.strip_suffix(['-', '–', '—'])
            && let Some(w) = head.split_whitespace().next_back()
            && let Some(other) = first_symbol(w)
            && w.ends_with(other.as_str())
            && other != own
            && !out.contains(&other)
        {
            out.push(other);
        }
    }
    out
}

/// A budget section's designation after a symbol (` (Sect. 10)/Part A`).
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ ?\(Sect\. ?\d{1,2}[A-Z]?\)(?:/(?:Part [A-Z]|[A-Z][A-Za-z]{0,4}\.\d+))*").unwrap()
});

/// The date the input states as its own: front matter, then a web page's
/// JSON-LD, `<meta>` tags, `<time>` in its article, a date shown by its
/// headline and a date in its own address, in that order.
/// A moment stated in UTC counts on the page's own day when the page
/// says which that is ([`super::local_day`]).
fn stated_date(doc: &Structured, lang: &str) -> Option<String> {
    let all = doc.candidates(Field::Date);
    let (chosen, day) = all
        .iter()
        .filter(|c| c.origin <= Origin::UrlPath)
        .find_map(|c| normalize_date(&c.value, lang).map(|d| (c, d)))?;
    if let Some(d) = outvoted(chosen, &day, &all, lang) {
        return Some(d);
    }
    if let Some(d) = unshown(chosen, &day, &all, lang) {
        return Some(d);
    }
    Some(
        super::local_day::local_day(&chosen.value, &all, |t| normalize_date(t, lang))
            .unwrap_or(day),
    )
}

/// The day a page's `<meta>` tags and the date it shows agree on, when
/// the first stated date is another that nothing else on the page states
/// (JSON-LD `datePublished` of 4 January, `article:published_time` and
/// the date under the headline 6 January).
fn outvoted(
    chosen: &super::model::Candidate,
    day: &str,
    all: &[&super::model::Candidate],
    lang: &str,
) -> Option<String> {
    if chosen.origin != Origin::JsonLd {
        return None;
    }
    let days: Vec<(Origin, String)> = all
        .iter()
        .filter(|c| {
            matches!(
                c.origin,
                Origin::MetaTag | Origin::TimeElement | Origin::ShownDate
            )
        })
        .filter_map(|c| normalize_date(&c.value, lang).map(|d| (c.origin, d)))
        .collect();
    if days.iter().any(|(_, d)| d == day) {
        return None;
    }
    let meta = days.iter().find(|(o, _)| *o == Origin::MetaTag)?;
    days.iter()
        .any(|(o, d)| *o != Origin::MetaTag && *d == meta.1)
        .then(|| meta.1.clone())
}

/// The day the page shows its readers, when the first stated date is
/// one only its markup holds: JSON-LD or `<meta>` tags that state one
/// day, which nothing else on the page states, while every date the page
/// shows in its article — a `<time>` there, a date by its headline, at
/// least one in words or digits for readers — says another
/// (`datePublished` of 10 January under `Aktualisiert am 06. Mär. 2023`;
/// `<meta name=date>` of a later change above `<time>05.02.2020</time>`).
/// A moment one day from the shown day is left to [`super::local_day`]:
/// the page's time zone may be all that parts them.
fn unshown(
    chosen: &super::model::Candidate,
    day: &str,
    all: &[&super::model::Candidate],
    lang: &str,
) -> Option<String> {
    if !matches!(chosen.origin, Origin::JsonLd | Origin::MetaTag) {
        return None;
    }
    // A numeric date read both ways: `08/11/2023` under a `datePublished`
    // of 8 November states that day whatever the page's language.
    let reads = |v: &str| -> Vec<String> {
        [lang, "en", ""]
            .iter()
            .filter_map(|l| normalize_date(v, l))
            .collect()
    };
    let states_day = |c: &&&super::model::Candidate| reads(&c.value).iter().any(|d| d == day);
    let hidden_days_agree = all
        .iter()
        .filter(|c| c.origin == chosen.origin)
        .all(|c| normalize_date(&c.value, lang).is_none_or(|d| d == day));
    if !hidden_days_agree
        || all
            .iter()
            .filter(|c| c.origin != chosen.origin)
            .any(|c| states_day(&c))
    {
        return None;
    }
    let shown: Vec<(Origin, &str, String)> = all
        .iter()
        .filter(|c| matches!(c.origin, Origin::TimeElement | Origin::ShownDate))
        .filter_map(|c| normalize_date(&c.value, lang).map(|d| (c.origin, c.value.as_str(), d)))
        .collect();
    let (_, _, first) = shown.first()?;
    if shown.iter().any(|(_, _, d)| d != first) {
        return None;
    }
    // A `<time>`'s `datetime` alone is markup too: readers see a date in
    // the page's text.
    static MACHINE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*\d{4}-\d{1,2}-\d{1,2}T").unwrap());
    if !shown
        .iter()
        .any(|(o, v, _)| *o == Origin::ShownDate && !MACHINE.is_match(v))
    {
        return None;
    }
    static CLOCK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{1,2}:\d{2}").unwrap());
    let apart = super::local_day::days_apart(day, first)?;
    if apart.abs() == 1 && CLOCK.is_match(&chosen.value) {
        return None;
    }
    // A `<meta>` day after the shown one is a later change's; one before
    // it may be the publication of a page that shows its update, or the
    // page shows the day it was saved in its site's header.
    if chosen.origin == Origin::MetaTag && apart > 0 {
        return None;
    }
    Some(first.clone())
}

/// A stated date as ISO `YYYY-MM-DD`: ISO 8601 with or without time and
/// zone (`2021-03-04T10:00:00Z`, `2021/03/04`, `20210304`), else any form
/// [`find_date`] reads (`4 March 2021`, `March 4, 2021`, `2021年3月4日`).
pub fn normalize_date(value: &str, lang: &str) -> Option<String> {
    // `2021-03-04`, `20210304`, and unpadded or with something glued
    // after the day (`2022-5-5 22:17`, `2018-11-28CET11:59`).
    static ISO_START: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*(?:(\d{4})(\d{2})(\d{2})(?:$|[T\s])|(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|\D))",
        )
        .unwrap()
    });
    if let Some(c) = ISO_START.captures(value) {
        let p = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (y, m, d) = match p(1) {
            Some(_) => (p(1), p(2), p(3)),
            None => (p(4), p(5), p(6)),
        };
        if let (Some(y), Some(m), Some(d)) = (y, m, d) {
            return iso(y, m, d);
        }
    }
    find_date(value, lang).or_else(|| short_year_date(value, lang))
}

/// A date a page shows with a two-digit year, day first (`31.10.23`,
/// `02/11/23`, `14 Gennaio 20`): read only in a value stated as a date or
/// a short dateline, never in running text. `yy` up to 69 is 20yy.
fn short_year_date(value: &str, lang: &str) -> Option<String> {
    static SHORT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^\d.])(\d{1,2})([./])(\d{1,2})[./](\d{2})(?:$|[^\d.])").unwrap()
    });
    if let Some(c) = SHORT.captures(value) {
        let (a, b, y) = (
            c[1].parse::<u32>().ok()?,
            c[3].parse::<u32>().ok()?,
            c[4].parse::<u32>().ok()?,
        );
        // English writes the month first with slashes (`3/09/15`), as
        // [`find_date`] reads a four-digit year.
        let (d, m) = if a > 12 {
            (a, b)
        } else if b > 12 || (lang == "en" && &c[2] == "/") {
            (b, a)
        } else {
            (a, b)
        };
        return iso(two_digit_year(y), m, d);
    }
    named_short_year_date(value)
}

/// `yy` up to 69 is 20yy, else 19yy.
fn two_digit_year(y: u32) -> u32 {
    if y <= 69 { 2000 + y } else { 1900 + y }
}

/// A two-digit year after a month's name (`14 Gennaio 20`): a date in a
/// short dateline too, where the numeric `1.2.23` may be a version.
fn named_short_year_date(value: &str) -> Option<String> {
    // The month names of every language make the pattern costly to build:
    // it is built and run only for a value of its shape with anything in
    // the month's place (a day, then a two-digit year after white space).
    static SHAPE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^\d.])\d{1,2}\.?\s+.*?\s+'?\d{2}(?:$|[^\d.:])").unwrap()
    });
    if !SHAPE.is_match(value) {
        return None;
    }
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)(?:^|[^\d.])(\d{{1,2}})\.?\s+({})\s+'?(\d{{2}})(?:$|[^\d.:])",
            *MONTH_ALT
        ))
        .unwrap()
    });
    let c = NAMED.captures(value)?;
    let (d, m, y) = (
        c[1].parse().ok()?,
        month_index(&c[2])?,
        c[3].parse::<u32>().ok()?,
    );
    iso(two_digit_year(y), m, d)
}

/// The date a file's properties give (when the PDF or Word file was
/// made): the last resort, as the text states no date.
fn file_date(doc: &Structured, lang: &str) -> Option<String> {
    doc.candidates(Field::Date)
        .iter()
        .filter(|c| c.origin == Origin::DocInfo)
        .find_map(|c| normalize_date(&c.value, lang))
}

/// The day of the page's last change, when it states no other date,
/// not even in its text.
fn updated_date(doc: &Structured, lang: &str) -> Option<String> {
    doc.candidates(Field::Date)
        .iter()
        .filter(|c| c.origin == Origin::UpdatedDate)
        .find_map(|c| normalize_date(&c.value, lang))
}

fn doc_date(doc: &Structured, lang: &str) -> Option<String> {
    if let Some(d) = adoption_date(doc, lang) {
        return Some(d);
    }
    if !doc.front.is_empty()
        && let Some(d) = find_date(&doc.front, lang)
    {
        return Some(d);
    }
    // A dateline: a short line near the top, or the start of an early
    // paragraph (`2011年5月19日，日内瓦 — …`).
    if let Some(t) = &doc.title
        && let Some(d) = find_date(t, lang)
    {
        return Some(d);
    }
    for b in doc.blocks.iter().take(6) {
        let text = match b {
            Block::Para { text, .. } | Block::Heading { text, .. } | Block::ListItem(text) => text,
            _ => continue,
        };
        // A line that opens with a link names another page: a date in it
        // is that page's (`[1947-10-11 Letter …](…)` in a list of sources).
        if text.starts_with('[') && text.contains("](") {
            continue;
        }
        if visible_len(text) <= 60 {
            if let Some(d) = find_date(text, lang).or_else(|| named_short_year_date(text)) {
                return Some(d);
            }
            continue;
        }
        // `Adopted by resolution 217 A (III) of 10 December 1948`: the
        // date of adoption is the document's.
        if super::text::is_adoption_statement(text)
            && let Some(d) = find_date(text, lang)
        {
            return Some(d);
        }
        // In running text only a dateline counts: the date opens the
        // paragraph, after at most a place name (`GENEVA, 5 March 2020 —`,
        // `新华社北京3月5日电`), not a date the text mentions.
        let head: String = text.chars().take(48).collect();
        if let Some((at, d)) = find_date_at(&head, lang)
            && is_dateline_prefix(&head[..at])
        {
            return Some(d);
        }
    }
    // Last, an opening paragraph that tells how the text was adopted
    // (`…the General Assembly, meeting in Paris, adopted on 10 December
    // 1948…`, `uchwaliła 10 grudnia 1948 roku`): a declaration or a
    // resolution reprinted without its masthead dates itself so.
    doc.blocks
        .iter()
        .take(4)
        .find_map(|b| match b {
            Block::Para { text, .. } => adopted_on(text, lang),
            _ => None,
        })
        .or_else(|| {
            // Or, a statement or a speech, by the occasion its first lines
            // name (`Anförande av Olof Skoog … vid säkerhetsrådets debatt,
            // 17 januari 2017, New York.`).
            doc.blocks.iter().take(3).find_map(|b| match b {
                Block::Para { text, .. } => occasion_date(text, lang),
                _ => None,
            })
        })
}

/// The date of an occasion a text's first lines name as a speech's or a
/// statement's are named: set off by commas beside a place that ends the
/// sentence (`…, 17 January 2017, New York.`, `…, Geneva, 5 March 2020.`).
/// A date the sentence goes on after (`on 5 March 2020, the Council …`)
/// is one it mentions.
fn occasion_date(text: &str, lang: &str) -> Option<String> {
    const PLACE: &str = r"\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}";
    static PLACE_AFTER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"^\s*,\s*{PLACE}\s*(?:[.;]|$)")).unwrap());
    static PLACE_BEFORE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r",\s*{PLACE}\s*,\s*$")).unwrap());
    static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[0-9]{4}").unwrap());
    let head = &text[..text.floor_char_boundary(600)];
    let mut from = 0;
    while let Some((at, date)) = find_date_at(&head[from..], lang) {
        let at = from + at;
        // The date ends with its year.
        let end = at + YEAR.find(&head[at..])?.end();
        let (before, after) = (&head[..at], &head[end..]);
        let set_off = before.trim_end().ends_with(',') && PLACE_AFTER.is_match(after)
            || PLACE_BEFORE.is_match(before)
                && after
                    .trim_start()
                    .chars()
                    .next()
                    .is_none_or(|c| c == '.' || c == ';');
        if set_off {
            return Some(date);
        }
        from = end;
    }
    None
}

/// The date an adoption verb in `text` goes with: the first date within
/// a few words of the first such verb.
fn adopted_on(text: &str, lang: &str) -> Option<String> {
    static VERB: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:^|[^\p{L}])(?:adopted|proclaimed|adopt[ée]e?s?|proclam[ée]e?s?|aprob[óo]|adopt[óo]|proclam[óo]|aprovou|adotou|proclamou|verabschiedet|angenommen|verkündet|adottat[ao]|approvat[ao]|proclamat[ao]|uchwalił[ao]?|przyjął|przyjęło|przyjęła|proklamował[ao]?|(?:l?i)?likubali|(?:l?i)?lipitisha|(?:l?i)?litangaza|принял[аио]?|провозгласил[аио]?|aangenomen|afgekondigd|disahkan|diadopsi|kabul ett[ií]|ilan ett[ií]|přijal[ao]?|vyhlásil[ao]?|thông qua|منظور|تصویب|مصوب|اعتمدت|स्वीकृत|अंगीकार)(?:[^\p{L}]|$)|(?:会议|會議|大会|大會|全会|全會)(?:通过|通過)|採択|채택",
        )
        .unwrap()
    });
    let m = VERB.find(text)?;
    // A few words either side of the verb: 60 characters before it, 80
    // after (`（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）`).
    let start = text[..m.start()]
        .char_indices()
        .rev()
        .nth(59)
        .map_or(0, |(i, _)| i);
    let end = text[m.end()..]
        .char_indices()
        .nth(80)
        .map_or(text.len(), |(i, _)| m.end() + i);
    find_date(&text[start..end], lang)
}

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        // `30 July 2019`, `1er février`, `14 de enero de`, `15 تموز/يوليه 2020`,
        // `16th of December 2012`
        r"(?i)(?:^|\D)(\d{{1,2}})(?:er|º|\.|st|nd|rd|th)?\s*(?:de\s+|of\s+)?(?:\p{{Arabic}}+(?: \p{{Arabic}}+)? ?/ ?)?({})\s*(?:de\s+)?(\d{{4}})",
        *MONTH_ALT
    ))
    .unwrap()
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        // `December 16, 2012`, `December 16th, 2012`
        r"(?i)(?:^|[^\p{{L}}])({})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b",
        *MONTH_ALT
    ))
    .unwrap()
});
/// What every match of [`MONTH_DAY_YEAR`] holds (day, year), without
/// its word boundary.
static MONTH_DAY_YEAR_GATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d(?:st|nd|rd|th)?,?\s+\d{4}").unwrap());
static CJK_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日").unwrap());
static VI_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})").unwrap()
});
/// (An unpadded month or day, `2017-02-1`, as some generators write it.)
static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b").unwrap());
/// What every match of [`ISO_DATE`] holds, without its word boundaries.
static ISO_DATE_GATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{4}-\d{1,2}-\d{1,2}").unwrap());
/// Year first with dots or slashes, as East Asian pages write it, also
/// glued to a label (`입력2023.11.02.`, `2023/11/02`).
/// A year, then its month by name and the day (`2024. március 15.`,
/// `1948 m. gruodžio 10 d.`, `1948 թվականի դեկտեմբերի 10-ին`, PubMed's
/// `2020 May 15`): one short word may stand between year and month.
static YEAR_MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|\D)(\d{{4}})\.?\s+(?:\p{{L}}{{1,12}}\.?\s+)?({})\s+(\d{{1,2}})(?:$|\D)",
        *MONTH_ALT
    ))
    .unwrap()
});
static YEAR_FIRST_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d/.\-])(\d{4})([./])(\d{1,2})[./](\d{1,2})(?:$|[^\d/])").unwrap()
});
static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d/.\-])(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b").unwrap()
});
/// What every match of [`NUMERIC_DATE`] holds, without its word boundary.
static NUMERIC_DATE_GATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d[/.\-]\d{1,2}[/.\-]\d{4}").unwrap());

/// A date of the Solar Hijri calendar, as Iranian and Afghan pages show
/// it (`2 تير 1399`): day, Persian month name (with Persian or Arabic yeh
/// and kaf), year 13xx or 14xx.
static JALALI_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\D)(\d{1,2})\s*(فرورد[یي]ن|ارد[یي]بهشت|خرداد|ت[یي]ر|مرداد|شهر[یي]ور|مهر|آبان|آذر|د[یي]|بهمن|اسفند)\s*(1[34]\d\d)(?:\D|$)").unwrap()
});

/// The number of a Solar Hijri month (Farvardin = 1).
fn jalali_month(name: &str) -> Option<u32> {
    let name = name.replace('ي', "ی");
    [
        "فروردین",
        "اردیبهشت",
        "خرداد",
        "تیر",
        "مرداد",
        "شهریور",
        "مهر",
        "آبان",
        "آذر",
        "دی",
        "بهمن",
        "اسفند",
    ]
    .iter()
    .position(|m| *m == name)
    .map(|i| i as u32 + 1)
}

/// A Solar Hijri date as Gregorian (year, month, day): days counted from
/// the calendar's epoch with its 33-year cycle of leap years, then read
/// back as a Gregorian date.
fn jalali_to_gregorian(jy: u32, jm: u32, jd: u32) -> Option<(u32, u32, u32)> {
    if !(1..=12).contains(&jm) || !(1..=31).contains(&jd) || (jm > 6 && jd > 30) {
        return None;
    }
    let jy = i64::from(jy) + 1595;
    let (jm, jd) = (i64::from(jm), i64::from(jd));
    let mut days = -355_668
        + 365 * jy
        + (jy / 33) * 8
        + ((jy % 33) + 3) / 4
        + jd
        + if jm < 7 {
            (jm - 1) * 31
        } else {
            (jm - 7) * 30 + 186
        };
    let mut gy = 400 * (days / 146_097);
    days %= 146_097;
    if days > 36_524 {
        days -= 1;
        gy += 100 * (days / 36_524);
        days %= 36_524;
        if days >= 365 {
            days += 1;
        }
    }
    gy += 4 * (days / 1461);
    days %= 1461;
    if days > 365 {
        gy += (days - 1) / 365;
        days = (days - 1) % 365;
    }
    let mut gd = days + 1;
    let leap = (gy % 4 == 0 && gy % 100 != 0) || gy % 400 == 0;
    let lengths = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut gm = 1;
    for len in lengths {
        if gd <= len {
            break;
        }
        gd -= len;
        gm += 1;
    }
    Some((u32::try_from(gy).ok()?, gm, u32::try_from(gd).ok()?))
}

fn iso(y: u32, m: u32, d: u32) -> Option<String> {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => return None,
    };
    ((1900..=2200).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The first date in `text`, in any of the supported forms; `lang` decides
/// ambiguous numeric dates (DD/MM except in English).
pub fn find_date(text: &str, lang: &str) -> Option<String> {
    find_date_at(text, lang).map(|(_, d)| d)
}

/// The first code point (zero) of each run of ten decimal digits a script
/// writes, besides ASCII: Arabic-Indic, Persian, Devanagari, Bengali,
/// Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Thai,
/// Lao, Tibetan, Myanmar, Khmer, full-width.
const DIGIT_ZEROS: [u32; 17] = [
    0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0E50,
    0x0ED0, 0x0F20, 0x1040, 0x17E0, 0xFF10,
];

/// `text` with every digit of another script as its ASCII digit; `None`
/// when it has none.
fn with_ascii_digits(text: &str) -> Option<String> {
    let digit = |c: char| {
        let u = c as u32;
        // The signs Arabic script sets before a number (U+0600…U+0605:
        // `؁` before a year) and its date separator (U+060D: `۱۰؍ دسمبر`)
        // stand between the date's parts as a space would.
        if matches!(u, 0x0600..=0x0605 | 0x060D) {
            return Some(' ');
        }
        DIGIT_ZEROS
            .iter()
            .find(|&&z| (z..z + 10).contains(&u))
            .and_then(|&z| char::from_digit(u - z, 10))
    };
    if text.is_ascii() || !text.chars().any(|c| digit(c).is_some()) {
        return None;
    }
    Some(text.chars().map(|c| digit(c).unwrap_or(c)).collect())
}

/// What comes before the date in a dateline: nothing, or a place name of
/// at most four capitalised words (`NEW YORK,`, `Berlin (dpa) –`), or a
/// few characters of an unspaced script.
fn is_dateline_prefix(prefix: &str) -> bool {
    let p = prefix.trim();
    if p.is_empty() {
        return true;
    }
    if p.chars().any(is_han) {
        return p.chars().count() <= 10;
    }
    // Capitalised words, then at most one short particle (`Genève, le`,
    // `Berlin, den`, `Hà Nội, ngày`).
    let words: Vec<&str> = p.split_whitespace().collect();
    let capitalised = |w: &&&str| {
        w.chars()
            .find(|&c| is_alnum(c))
            .is_none_or(|c| c.is_uppercase() || c.is_numeric())
    };
    let lead = words.iter().take_while(capitalised).count();
    lead >= 1
        && words.len() <= 5
        && (lead == words.len() || (lead + 1 == words.len() && words[lead].chars().count() <= 4))
}

/// The first date in `text` and its byte offset.
pub fn find_date_at(text: &str, lang: &str) -> Option<(usize, String)> {
    // Digits of other scripts (`٢٨ آب ٢٠١٣`, `१० दिसम्बर १९४८`) read as
    // theirs: the text with ASCII digits, one character for one, so the
    // offset found maps back by counting characters.
    if let Some(ascii) = with_ascii_digits(text) {
        let (at, date) = find_date_at(&ascii, lang)?;
        let n = ascii[..at].chars().count();
        let at = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
        return Some((at, date));
    }
    // Every form below has a year of four digits: a text without four
    // digits in a row (most lines) is not searched at all.
    if !has_four_digits(text) {
        return None;
    }
    // A day written as a Persian ordinal (`دهم دسمبر 1948`, the tenth)
    // read as its number, padded to the word's length so offsets hold.
    if let Some(numbered) = with_persian_day_numbers(text) {
        return find_date_at(&numbered, lang);
    }
    let mut found: Vec<(usize, String)> = Vec::new();
    let p = |s: &str| s.parse::<u32>().ok();
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        if let (Some(d), Some(m), Some(y)) = (p(&c[1]), month_index(&c[2]), p(&c[3]))
            && let Some(s) = iso(y, m, d)
        {
            found.push((c.get(0).unwrap().start(), s));
            break;
        }
    }
    // Its `\b` would run the whole pattern (every month name) on the slow
    // engines over non-ASCII text: only a text its gate finds is searched.
    let month_first = MONTH_DAY_YEAR_GATE.is_match(text).then_some(text);
    for c in month_first
        .into_iter()
        .flat_map(|t| MONTH_DAY_YEAR.captures_iter(t))
    {
        if let (Some(m), Some(d), Some(y)) = (month_index(&c[1]), p(&c[2]), p(&c[3]))
            && let Some(s) = iso(y, m, d)
        {
            found.push((c.get(0).unwrap().start(), s));
            break;
        }
    }
    for c in JALALI_DATE.captures_iter(text) {
        if let (Some(d), Some(m), Some(y)) = (p(&c[1]), jalali_month(&c[2]), p(&c[3]))
            && let Some((gy, gm, gd)) = jalali_to_gregorian(y, m, d)
            && let Some(s) = iso(gy, gm, gd)
        {
            found.push((c.get(0).unwrap().start(), s));
            break;
        }
    }
    for c in CJK_DATE.captures_iter(text) {
        if let Some(s) = iso(p(&c[1])?, p(&c[2])?, p(&c[3])?) {
            found.push((c.get(0).unwrap().start(), s));
            break;
        }
    }
    for c in VI_DATE.captures_iter(text) {
        if let Some(s) = iso(p(&c[3])?, p(&c[2])?, p(&c[1])?) {
            found.push((c.get(0).unwrap().start(), s));
            break;
        }
    }
    // `\b` again: each pattern runs only where its `\b`-free form
    // matches.
    let iso_date = ISO_DATE_GATE.is_match(text).then_some(text);
    for c in iso_date.into_iter().flat_map(|t| ISO_DATE.captures_iter(t)) {
        if let Some(s) = iso(p(&c[1])?, p(&c[2])?, p(&c[3])?) {
            found.push((c.get(0).unwrap().start(), s));
            break;
        }
    }
    for c in YEAR_MONTH_DAY.captures_iter(text) {
        if let (Some(y), Some(m), Some(d)) = (p(&c[1]), month_index(&c[2]), p(&c[3]))
            && let Some(s) = iso(y, m, d)
        {
            found.push((c.get(1).unwrap().start(), s));
            break;
        }
    }
    for c in YEAR_FIRST_DATE.captures_iter(text) {
        if let Some(s) = iso(p(&c[1])?, p(&c[3])?, p(&c[4])?) {
            found.push((c.get(1).unwrap().start(), s));
            break;
        }
    }
    let numeric = NUMERIC_DATE_GATE.is_match(text).then_some(text);
    for c in numeric
        .into_iter()
        .flat_map(|t| NUMERIC_DATE.captures_iter(t))
    {
        let (a, b, y) = (p(&c[1])?, p(&c[2])?, p(&c[3])?);
        let (d, m) = if a > 12 {
            (a, b)
        } else if b > 12 || lang == "en" {
            (b, a)
        } else {
            (a, b)
        };
        if let Some(s) = iso(y, m, d) {
            found.push((c.get(1).unwrap().start(), s));
            break;
        }
    }
    found.sort();
    found.into_iter().next()
}

/// `text` with each Persian ordinal of a day (`دهم`, `بیست و یکم`)
/// before a word replaced by its number and spaces, byte for byte; `None`
/// when it holds none.
fn with_persian_day_numbers(text: &str) -> Option<String> {
    /// Each ordinal and its day, longest first (`بیست و یکم` before `یکم`).
    static WORDS: LazyLock<Vec<(String, u32)>> = LazyLock::new(|| {
        const UNITS: [&str; 9] = [
            "یکم",
            "دوم",
            "سوم",
            "چهارم",
            "پنجم",
            "ششم",
            "هفتم",
            "هشتم",
            "نهم",
        ];
        const TEENS: [&str; 10] = [
            "دهم",
            "یازدهم",
            "دوازدهم",
            "سیزدهم",
            "چهاردهم",
            "پانزدهم",
            "شانزدهم",
            "هفدهم",
            "هجدهم",
            "نوزدهم",
        ];
        let mut words: Vec<(String, u32)> = Vec::new();
        for (n, u) in (1..).zip(UNITS) {
            words.push((u.to_string(), n));
            words.push((format!("بیست و {u}"), n + 20));
        }
        words.extend((10..).zip(TEENS).map(|(n, t)| (t.to_string(), n)));
        for (w, n) in [
            ("هیجدهم", 18),
            ("بیستم", 20),
            ("سی‌ام", 30),
            ("سی ام", 30),
            ("سیام", 30),
            ("سی و یکم", 31),
        ] {
            words.push((w.to_string(), n));
        }
        words.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        words
    });
    static ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
        let alt: Vec<String> = WORDS.iter().map(|(w, _)| regex::escape(w)).collect();
        Regex::new(&format!(r"(?:^|[\s(،])({})\s+\p{{L}}", alt.join("|"))).unwrap()
    });
    if !text.contains('م') {
        return None;
    }
    let mut out = String::new();
    let mut copied = 0;
    for c in ORDINAL.captures_iter(text) {
        let m = c.get(1)?;
        let &(_, n) = WORDS.iter().find(|(w, _)| w == m.as_str())?;
        out.push_str(&text[copied..m.start()]);
        let digits = n.to_string();
        out.push_str(&digits);
        out.extend(std::iter::repeat_n(' ', m.len() - digits.len()));
        copied = m.end();
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// Whether `text` has four digits in a row (any script: `char::is_numeric`
/// takes in every character the patterns' `\d` matches).
fn has_four_digits(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_numeric() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

static DETECTOR: LazyLock<Detector> = LazyLock::new(|| {
    Detector::with_allowlist(vec![
        Lang::Eng,
        Lang::Fra,
        Lang::Spa,
        Lang::Rus,
        Lang::Ara,
        Lang::Vie,
        Lang::Por,
        Lang::Deu,
        Lang::Ita,
        Lang::Jpn,
        Lang::Kor,
        Lang::Ukr,
        Lang::Tha,
        Lang::Ind,
        Lang::Tur,
        Lang::Nld,
        Lang::Pol,
        Lang::Ces,
        Lang::Slk,
        Lang::Ron,
        Lang::Hun,
        Lang::Ell,
        Lang::Heb,
        Lang::Bul,
        Lang::Fin,
        Lang::Swe,
        Lang::Dan,
        Lang::Nob,
        Lang::Est,
        Lang::Lit,
        Lang::Lav,
        Lang::Slv,
        Lang::Hrv,
        Lang::Srp,
        Lang::Mkd,
        Lang::Bel,
        Lang::Cat,
        Lang::Afr,
        Lang::Tgl,
        Lang::Aze,
        Lang::Uzb,
        Lang::Zul,
    ])
});

/// Xhosa, which the statistical model lacks (it has Zulu, its neighbour),
/// by the function words only Xhosa writes (`kwaye` "and", `okanye` "or",
/// `ukuba` "that"), outnumbering Zulu's (`futhi`, `noma`, `ukuthi`).
fn is_xhosa(text: &str) -> bool {
    const XHOSA: &[&str] = &[
        "kwaye",
        "okanye",
        "ukuba",
        "xa",
        "kuba",
        "ngoko",
        "emva",
        "phantsi",
        "nokuba",
        "kananjalo",
        "ngokuba",
        "okokuba",
        "ngoku",
        "apha",
        "kunye",
        "yaye",
    ];
    const ZULU: &[&str] = &[
        "futhi", "noma", "ukuthi", "uma", "ngoba", "lapho", "ngemuva", "phansi", "manje", "lapha",
        "kanye",
    ];
    let (mut words, mut xh, mut zu) = (0usize, 0usize, 0usize);
    let mut own = [false; XHOSA.len()];
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(2000)
    {
        words += 1;
        let l = w.to_lowercase();
        if let Some(k) = XHOSA.iter().position(|o| *o == l) {
            own[k] = true;
            xh += 1;
        }
        zu += usize::from(ZULU.contains(&l.as_str()));
    }
    words >= 12 && own.iter().filter(|&&o| o).count() >= 2 && xh > zu
}

/// Swahili, which the statistical model lacks, by its function words
/// (`na`, `ya`, `kwa`, `katika` …): a fifth of the words at least, and
/// two of those only Swahili writes among them.
fn is_swahili(text: &str) -> bool {
    const OWN: &[&str] = &[
        "kwa", "katika", "ya", "za", "vya", "cha", "kuwa", "hii", "yake", "zake",
    ];
    const WORDS: &[&str] = &[
        "na", "ya", "wa", "kwa", "za", "katika", "ni", "la", "cha", "kuwa", "hii", "au", "yake",
        "kila", "vya", "zake", "hiyo", "kama", "lakini", "bila", "pia", "hadi", "hata", "huo",
        "wake", "yao", "wao", "zao",
    ];
    let (mut words, mut hits) = (0usize, 0usize);
    let mut own = [false; OWN.len()];
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(2000)
    {
        words += 1;
        let l = w.to_ascii_lowercase();
        if WORDS.contains(&l.as_str()) {
            hits += 1;
            if let Some(k) = OWN.iter().position(|o| *o == l) {
                own[k] = true;
            }
        }
    }
    words >= 12 && own.iter().filter(|&&o| o).count() >= 2 && hits * 5 >= words
}

/// The language of one piece of text (ISO 639-1), by script first:
/// Han → zh (ja with kana), Vietnamese letters → vi; else whatlang.
pub fn detect_language(text: &str) -> Option<&'static str> {
    by_script(text).unwrap_or_else(|| statistical_language(text))
}

/// How much text whose language only statistics tell (whatlang) a
/// document's languages are judged on: beyond it, blocks spread evenly
/// over the document stand for the rest (detection is the costliest step
/// of ingest on long text, and a sample this size decides it).
const LANGUAGE_SAMPLE: usize = 64 * 1024;

/// The language of a text told by its script alone (`Some(..)`; `Some(None)`
/// when it has too few letters to tell), or `None` when statistics must
/// decide.
fn by_script(text: &str) -> Option<Option<&'static str>> {
    Scripts::of(text).language()
}

/// What one pass over a text tells about its language: its characters by
/// script, how many are letters and how many are not white space.
struct Scripts {
    han: usize,
    kana: usize,
    hangul: usize,
    /// Letters of the other scripts.
    letters: usize,
    /// Vietnamese letters among them.
    vi: usize,
    /// Letters of each script only one language here writes
    /// ([`ONE_LANGUAGE_SCRIPTS`], same order).
    mono: [usize; ONE_LANGUAGE_SCRIPTS.len()],
    /// Arabic-script letters, and those only Persian / only Urdu use.
    arabic: usize,
    persian: usize,
    urdu: usize,
    /// Cyrillic letters, those of Kazakh's own (`ә ғ қ ң ө ұ ү һ і`), and
    /// those of the other Turkic and Iranian Cyrillic alphabets (`ў ҳ ҷ ӣ
    /// ӯ ҡ ҙ ҫ җ`): the detector knows no Kazakh, and calls it Belarusian.
    cyrillic: usize,
    kazakh: usize,
    kazakh_qa: usize,
    kazakh_a: usize,
    other_turkic: usize,
    /// Every letter (`char::is_alphabetic`), Han and kana included.
    alphabetic: usize,
    /// Characters that are not white space.
    visible: usize,
}

impl Scripts {
    fn of(text: &str) -> Scripts {
        let (mut han, mut kana, mut hangul, mut letters, mut vi) =
            (0usize, 0usize, 0usize, 0usize, 0usize);
        let (mut alphabetic, mut visible) = (0usize, 0usize);
        let mut mono = [0usize; ONE_LANGUAGE_SCRIPTS.len()];
        let (mut arabic, mut persian, mut urdu) = (0usize, 0usize, 0usize);
        let (mut cyrillic, mut kazakh, mut kazakh_qa, mut kazakh_a, mut other_turkic) =
            (0usize, 0usize, 0usize, 0usize, 0usize);
        let b = text.as_bytes();
        let mut at = 0;
        while at < b.len() {
            // U+5000…U+9FFF (lead bytes E5…E9): core Han, every one a
            // letter, known by its first byte.
            if (0xE5..=0xE9).contains(&b[at]) {
                han += 1;
                alphabetic += 1;
                visible += 1;
                at += 3;
                continue;
            }
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            at += c.len_utf8();
            if c.is_ascii() {
                // ASCII: a letter or not, never one of the scripts below.
                let letter = usize::from(c.is_ascii_alphabetic());
                letters += letter;
                alphabetic += letter;
                visible += usize::from(!c.is_whitespace());
                continue;
            }
            if is_han(c) {
                // Han is never white space; most of it is letters.
                han += 1;
                alphabetic += usize::from(is_letter(c));
                visible += 1;
                continue;
            }
            let letter = is_letter(c);
            alphabetic += usize::from(letter);
            visible += usize::from(!c.is_whitespace());
            if matches!(c as u32, 0x3040..=0x30FF) {
                kana += 1;
            } else if matches!(c as u32, 0xAC00..=0xD7AF) {
                hangul += 1;
            } else if letter {
                letters += 1;
                let u = c as u32;
                if (0x0400..=0x04FF).contains(&u) {
                    cyrillic += 1;
                    let l = c.to_lowercase().next().unwrap_or(c);
                    kazakh += usize::from(matches!(
                        l,
                        'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' | 'і'
                    ));
                    kazakh_qa += usize::from(l == 'қ');
                    kazakh_a += usize::from(matches!(l, 'ә' | 'ұ'));
                    other_turkic += usize::from(matches!(
                        l,
                        'ў' | 'ҳ' | 'ҷ' | 'ӣ' | 'ӯ' | 'ҡ' | 'ҙ' | 'ҫ' | 'җ'
                    ));
                } else if (0x0600..=0x06FF).contains(&u) {
                    arabic += 1;
                    persian += usize::from(matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ی' | 'ک'));
                    urdu += usize::from(matches!(c, 'ٹ' | 'ڈ' | 'ڑ' | 'ے' | 'ں'));
                } else if ((0x0900..=0x17FF).contains(&u) || (0x0370..=0x05FF).contains(&u))
                    && let Some(k) = ONE_LANGUAGE_SCRIPTS
                        .iter()
                        .position(|&(lo, hi, _)| (lo..=hi).contains(&u))
                {
                    mono[k] += 1;
                }
                if matches!(
                    c,
                    'ơ' | 'ư'
                        | 'đ'
                        | 'ă'
                        | 'Ơ'
                        | 'Ư'
                        | 'Đ'
                        | 'Ă'
                        | 'ạ'
                        | 'ả'
                        | 'ấ'
                        | 'ầ'
                        | 'ẩ'
                        | 'ậ'
                        | 'ắ'
                        | 'ằ'
                        | 'ặ'
                        | 'ẹ'
                        | 'ẻ'
                        | 'ẽ'
                        | 'ế'
                        | 'ề'
                        | 'ể'
                        | 'ễ'
                        | 'ệ'
                        | 'ỉ'
                        | 'ị'
                        | 'ọ'
                        | 'ỏ'
                        | 'ố'
                        | 'ồ'
                        | 'ổ'
                        | 'ỗ'
                        | 'ộ'
                        | 'ớ'
                        | 'ờ'
                        | 'ở'
                        | 'ỡ'
                        | 'ợ'
                        | 'ụ'
                        | 'ủ'
                        | 'ứ'
                        | 'ừ'
                        | 'ử'
                        | 'ữ'
                        | 'ự'
                        | 'ỳ'
                        | 'ỵ'
                        | 'ỷ'
                        | 'ỹ'
                ) {
                    vi += 1;
                }
            }
        }
        Scripts {
            han,
            kana,
            hangul,
            letters,
            vi,
            mono,
            arabic,
            persian,
            urdu,
            cyrillic,
            kazakh,
            kazakh_qa,
            kazakh_a,
            other_turkic,
            alphabetic,
            visible,
        }
    }

    /// See [`by_script`].
    fn language(&self) -> Option<Option<&'static str>> {
        let Scripts {
            han,
            kana,
            hangul,
            letters,
            vi,
            ..
        } = *self;
        let cjk = han + kana + hangul;
        if cjk > 0 && cjk * 3 >= letters {
            return Some(Some(if kana * 10 > cjk {
                "ja"
            } else if hangul > han {
                "ko"
            } else {
                "zh"
            }));
        }
        if letters < 3 {
            return Some(None);
        }
        if vi * 20 >= letters && vi >= 2 {
            return Some(Some("vi"));
        }
        // A script one language writes, holding most of the letters
        // (English terms in parentheses do not make a Bengali text English).
        if let Some((k, &n)) = self.mono.iter().enumerate().max_by_key(|&(_, n)| *n)
            && n * 2 >= letters
        {
            return Some(Some(ONE_LANGUAGE_SCRIPTS[k].2));
        }
        // Cyrillic with Kazakh's own letters: `қ` with `ә` or `ұ` (Uzbek
        // and Tajik write `қ` but neither; Tatar and Bashkir `ә` but no
        // `қ`), a fair share of them, and few of the other alphabets'.
        if self.cyrillic * 2 >= letters
            && self.kazakh_qa >= 1
            && self.kazakh_a >= 1
            && self.kazakh * 25 >= self.cyrillic
            && self.other_turkic * 10 < self.kazakh
        {
            return Some(Some("kk"));
        }
        // Arabic script: Urdu's and Persian's own letters tell them apart.
        if self.arabic * 2 >= letters {
            if self.urdu >= 2 && self.urdu * 200 >= self.arabic {
                return Some(Some("ur"));
            }
            if self.persian >= 2 && self.persian * 50 >= self.arabic {
                return Some(Some("fa"));
            }
        }
        None
    }

    /// A share of the text: its characters, a Han character weighing as
    /// much as three letters (about one word).
    fn weight(&self) -> usize {
        self.visible + 2 * self.han
    }
}

/// Scripts a single language writes among those ingest meets, as code
/// point ranges: where they hold most of a text's letters, they name its
/// language (Devanagari as Hindi, Bengali script as Bengali).
const ONE_LANGUAGE_SCRIPTS: [(u32, u32, &str); 20] = [
    (0x0370, 0x03FF, "el"),
    (0x0530, 0x058F, "hy"),
    (0x0590, 0x05FF, "he"),
    (0x0900, 0x097F, "hi"),
    (0x0980, 0x09FF, "bn"),
    (0x0A00, 0x0A7F, "pa"),
    (0x0A80, 0x0AFF, "gu"),
    (0x0B00, 0x0B7F, "or"),
    (0x0B80, 0x0BFF, "ta"),
    (0x0C00, 0x0C7F, "te"),
    (0x0C80, 0x0CFF, "kn"),
    (0x0D00, 0x0D7F, "ml"),
    (0x0D80, 0x0DFF, "si"),
    (0x0E00, 0x0E7F, "th"),
    (0x0E80, 0x0EFF, "lo"),
    (0x0F00, 0x0FFF, "bo"),
    (0x1000, 0x109F, "my"),
    (0x10A0, 0x10FF, "ka"),
    (0x1200, 0x139F, "am"),
    (0x1780, 0x17FF, "km"),
];

/// The language whatlang finds, among those ingest names.
fn statistical_language(text: &str) -> Option<&'static str> {
    if is_swahili(text) {
        return Some("sw");
    }
    if is_xhosa(text) {
        return Some("xh");
    }
    let info = DETECTOR.detect(text)?;
    Some(match info.lang() {
        Lang::Eng => "en",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Rus => "ru",
        Lang::Ara => "ar",
        Lang::Vie => "vi",
        Lang::Por => "pt",
        Lang::Deu => "de",
        Lang::Ita => "it",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Ukr => "uk",
        Lang::Tha => "th",
        Lang::Ind => "id",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Pol => "pl",
        Lang::Ces => "cs",
        Lang::Slk => "sk",
        Lang::Ron => "ro",
        Lang::Hun => "hu",
        Lang::Ell => "el",
        Lang::Heb => "he",
        Lang::Bul => "bg",
        Lang::Fin => "fi",
        Lang::Swe => "sv",
        Lang::Dan => "da",
        Lang::Nob => "no",
        Lang::Est => "et",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Bel => "be",
        Lang::Cat => "ca",
        Lang::Afr => "af",
        Lang::Tgl => "tl",
        Lang::Aze => "az",
        Lang::Uzb => "uz",
        Lang::Zul => "zu",
        _ => return None,
    })
}

/// Primary language and all languages with at least 5% of the text.
/// Shares are counted in characters, a Han character weighing as much as
/// three letters (about one word).
fn languages(doc: &Structured) -> (String, Vec<String>) {
    let mut raw: Vec<&str> = doc.title.iter().map(String::as_str).collect();
    for b in &doc.blocks {
        raw.extend(b.texts());
    }
    // What a reader reads: addresses and link targets are no language.
    let read: Vec<Cow<'_, str>> = raw.iter().map(|t| without_addresses(t)).collect();
    let texts: Vec<&str> = read.iter().map(AsRef::as_ref).collect();
    // Statistical detection is unreliable on a few words (a headline, a
    // list item): blocks of fewer than 40 letters count only when no
    // longer block says anything. Han text is told by its script.
    // Each text is read once for its scripts, length and weight.
    let scripts: Vec<Scripts> = texts.iter().map(|t| Scripts::of(t)).collect();
    let long_enough = |s: &Scripts| s.han > 0 || s.alphabetic >= 40;
    let mut share: BTreeMap<&'static str, usize> = BTreeMap::new();
    for pass in [true, false] {
        let mut judged: Vec<(&str, &Scripts, Option<Option<&'static str>>)> = texts
            .iter()
            .zip(&scripts)
            .filter(|(_, s)| !pass || long_enough(s))
            .map(|(&t, s)| (t, s, s.language()))
            .collect();
        // A text of short blocks only (a list, a table, a few lines) is
        // judged as one text: each on its own would be a guess.
        let joined: String;
        let joined_scripts: Scripts;
        if !pass {
            let short: Vec<&str> = judged
                .iter()
                .filter(|(_, _, d)| d.is_none())
                .map(|(t, _, _)| *t)
                .collect();
            if short.len() > 1 {
                joined = short.join("\n");
                joined_scripts = Scripts::of(&joined);
                judged.retain(|(_, _, d)| d.is_some());
                let decided = joined_scripts.language();
                judged.push((&joined, &joined_scripts, decided));
            }
        }
        // Text for statistics beyond the sample: blocks are taken while
        // the bytes taken stay under the sample's share of the bytes seen,
        // and the languages found weigh for all of it.
        let statistical: usize = judged
            .iter()
            .filter(|(_, _, d)| d.is_none())
            .map(|(t, _, _)| t.len())
            .sum();
        let sampled = statistical > LANGUAGE_SAMPLE;
        let (mut seen, mut taken) = (0usize, 0usize);
        let (mut all_w, mut taken_w) = (0usize, 0usize);
        let mut found: Vec<(&'static str, usize)> = Vec::new();
        for (t, scripts, decided) in judged {
            let lang = match decided {
                Some(l) => l,
                None if !sampled => statistical_language(t),
                None => {
                    let w = scripts.weight();
                    all_w += w;
                    seen += t.len();
                    if taken * statistical < seen * LANGUAGE_SAMPLE {
                        taken += t.len();
                        taken_w += w;
                        if let Some(l) = statistical_language(t) {
                            found.push((l, w));
                        }
                    }
                    continue;
                }
            };
            if let Some(l) = lang {
                *share.entry(l).or_default() += scripts.weight();
            }
        }
        for (l, w) in found {
            *share.entry(l).or_default() += w * all_w / taken_w.max(1);
        }
        if !share.is_empty() {
            break;
        }
    }
    // Xhosa paragraphs without enough of its own words to tell it on
    // their own are read as Zulu, its neighbour the model knows: the
    // document's words as a whole tell them apart.
    if let Some(zu) = share.get("zu").copied()
        && is_xhosa(&texts.join(" "))
    {
        share.remove("zu");
        *share.entry("xh").or_default() += zu;
    }
    // So are Swahili paragraphs short of its own words, read by the model
    // (which knows no Swahili) as Tagalog, Zulu or Indonesian, whose
    // function words look alike (`na`, `ya`, `wa`).
    if ["tl", "zu", "id"].iter().any(|l| share.contains_key(l)) && is_swahili(&texts.join(" ")) {
        for l in ["tl", "zu", "id"] {
            if let Some(n) = share.remove(l) {
                *share.entry("sw").or_default() += n;
            }
        }
    }
    let total: usize = share.values().sum();
    let mut langs: Vec<(&str, usize)> = share.into_iter().collect();
    langs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut primary = langs.first().map_or("en", |l| l.0).to_string();
    let mut all: Vec<String> = langs
        .into_iter()
        .filter(|&(_, n)| n * 20 >= total)
        .map(|(l, _)| l.to_string())
        .collect();
    // The language the input declares (front matter, `<html lang>`,
    // JSON-LD) wins when the text bears it out, or when there is too
    // little text to tell: templates often declare a site's default
    // language on pages written in another.
    let declared = doc
        .candidates(Field::Language)
        .iter()
        .find_map(|c| language_code(&c.value));
    let trusted = declared.filter(|&d| {
        let script = text_script(&texts);
        let consistent = script.is_none() || script == Some(script_of(d));
        consistent
            && (all.iter().any(|l| l == d)
                || total < 1000
                || !DETECTED.contains(&d)
                // Han text is Chinese or Japanese by its kana, which the
                // count above already weighed.
                || (d == "ja" && all.iter().any(|l| l == "zh")))
    });
    if let Some(d) = trusted {
        primary = d.to_string();
        if !all.iter().any(|l| l == d) {
            all.insert(0, d.to_string());
        }
    }
    if all.is_empty() {
        all.push(primary.clone());
    }
    (primary, all)
}

/// `text` without what no one reads as language: link targets
/// (`[text](target)` keeps its text), bare web addresses, and markdown's
/// reference definitions (`[guide]: https://…`). A long percent-encoded
/// address or a list of links to English file names made a Dutch or a
/// Chinese page English.
fn without_addresses(text: &str) -> Cow<'_, str> {
    static ADDRESSES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?m)^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$", // [name]: target
            r"|\]\([^)\s]*(?:\s[^)]*)?\)",           // ](target "title")
            r"|(?:https?://|www\.)\S+",              // a bare address
        ))
        .unwrap()
    });
    if !text.contains("](") && !text.contains("]:") && !super::text::holds_address_mark(text) {
        return Cow::Borrowed(text);
    }
    ADDRESSES.replace_all(
        text,
        |c: &regex::Captures<'_>| {
            if c[0].starts_with(']') { "]" } else { "" }
        },
    )
}

/// The languages [`detect_language`] can tell; a declared language
/// outside them is trusted when the script agrees.
const DETECTED: &[&str] = &[
    "en", "fr", "es", "ru", "ar", "vi", "pt", "de", "it", "ja", "ko", "uk", "th", "id", "tr", "nl",
    "pl", "cs", "sk", "ro", "hu", "el", "he", "bg", "zh", "fi", "sv", "da", "no", "et", "lt", "lv",
    "sl", "hr", "sr", "mk", "be", "ca", "af", "tl", "az", "uz", "sw", "zu", "xh",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Han,
    Hangul,
    Cyrillic,
    Arabic,
    Hebrew,
    Greek,
    Thai,
    Devanagari,
    /// Another script of one language (Bengali, Tamil, Armenian, …).
    Other,
}

fn script_of(lang: &str) -> Script {
    match lang {
        "zh" | "ja" => Script::Han,
        "ko" => Script::Hangul,
        "ru" | "uk" | "bg" | "sr" | "mk" | "be" | "kk" | "mn" => Script::Cyrillic,
        "ar" | "fa" | "ur" => Script::Arabic,
        "he" => Script::Hebrew,
        "el" => Script::Greek,
        "th" => Script::Thai,
        "hi" | "mr" | "ne" => Script::Devanagari,
        "bn" | "pa" | "gu" | "or" | "ta" | "te" | "kn" | "ml" | "si" | "hy" | "ka" | "am"
        | "km" | "lo" | "my" | "bo" => Script::Other,
        _ => Script::Latin,
    }
}

/// The script most letters of the text are written in (kana counts as
/// Han), `None` for text without letters.
fn text_script(texts: &[&str]) -> Option<Script> {
    let mut counts = [0usize; 10];
    for c in texts
        .iter()
        .flat_map(|t| t.chars())
        .filter(|&c| is_letter(c))
    {
        let s = match c as u32 {
            0x3040..=0x30FF => Script::Han,
            _ if is_han(c) => Script::Han,
            0xAC00..=0xD7AF | 0x1100..=0x11FF => Script::Hangul,
            0x0400..=0x04FF => Script::Cyrillic,
            0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFEFF => Script::Arabic,
            0x0590..=0x05FF => Script::Hebrew,
            0x0370..=0x03FF => Script::Greek,
            0x0E00..=0x0E7F => Script::Thai,
            0x0900..=0x097F => Script::Devanagari,
            0x0980..=0x0DFF
            | 0x0530..=0x058F
            | 0x0E80..=0x10FF
            | 0x1200..=0x139F
            | 0x1780..=0x17FF
            | 0x1C90..=0x1CBF => Script::Other,
            _ => Script::Latin,
        };
        counts[s as usize] += 1;
    }
    let (i, &n) = counts.iter().enumerate().max_by_key(|&(_, n)| *n)?;
    (n > 0).then(|| {
        [
            Script::Latin,
            Script::Han,
            Script::Hangul,
            Script::Cyrillic,
            Script::Arabic,
            Script::Hebrew,
            Script::Greek,
            Script::Thai,
            Script::Devanagari,
            Script::Other,
        ][i]
    })
}

/// `en-US`, `zh_Hans_CN`, `pt-BR`, `FR`, `is` → the ISO 639-1 code: any
/// language a page may declare, not only those the detector knows (an
/// Icelandic page says `is`, and is Icelandic). The old and the
/// three-letter tags of a few (`iw`, `in`, `nb`, `fil`) are mapped.
pub fn language_code(tag: &str) -> Option<&'static str> {
    const CODES: &[&str] = &[
        "aa", "ab", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
        "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cs", "cv", "cy", "da", "de", "dv",
        "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
        "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "hr", "ht", "hu", "hy", "hz", "ia",
        "id", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
        "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
        "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na",
        "nd", "ne", "ng", "nl", "no", "nr", "nv", "ny", "oc", "om", "or", "os", "pa", "pl", "ps",
        "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
        "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
        "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi",
        "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
    ];
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    let primary = match primary.as_str() {
        "iw" => "he",
        "in" => "id",
        "ji" => "yi",
        "nb" | "nn" | "nob" | "nno" => "no",
        "fil" => "tl",
        other => other,
    };
    CODES.iter().copied().find(|c| *c == primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_resolution_that_adopted_a_text() {
        for t in [
            "Adopted by General Assembly resolution 217 A (III) of 10 December 1948",
            "Принята резолюцией 217 А (III) Генеральной Ассамблеи от 10 декабря 1948 года",
            "اعتُمد بموجب قرار الجمعية العامة 217 ألف (د-3) المؤرخ في 10 كانون الأول / ديسمبر 1948.",
            "联合国大会一九四八年十二月十日第217A(III)号决议通过并颁布",
            "Được Đại hội đồng Liên Hợp Quốc thông qua và công bố theo Nghị quyết số 217 (III), ngày 10 tháng 12 năm 1948.",
        ] {
            assert!(crate::ingest::text::is_adoption_statement(t), "{t}");
            assert_eq!(
                adopting_resolution(t).as_deref(),
                Some("A/RES/217(III)"),
                "{t}"
            );
        }
        assert_eq!(
            adopting_resolution("Adopted by resolution A/RES/73/187").as_deref(),
            Some("A/RES/73/187")
        );
    }

    #[test]
    fn machine_dates_as_pages_write_them() {
        for (v, want) in [
            ("2021-03-04T10:00:00Z", "2021-03-04"),
            ("20210304", "2021-03-04"),
            ("2022-5-5 22:17:36", "2022-05-05"),
            ("2018-11-28CET11:59:00+0100", "2018-11-28"),
            ("2020-08-06T09:09:24.0000000Z", "2020-08-06"),
            ("Thu, 08 May 2014 14:04:53 -0400", "2014-05-08"),
        ] {
            assert_eq!(normalize_date(v, "de").as_deref(), Some(want), "{v}");
        }
        assert_eq!(normalize_date("2022-13-40", "en"), None);
    }

    #[test]
    fn a_utc_moment_counts_on_the_day_the_page_shows() {
        let page = |cands: &[(&str, Origin)]| {
            let mut doc = Structured::default();
            for (v, o) in cands {
                doc.add(Field::Date, *v, *o);
            }
            extract(&doc).date
        };
        // 03:28 UTC is 22:28 the day before in the page's own zone.
        let d = page(&[
            ("2023-11-09T03:28:35Z", Origin::JsonLd),
            ("November 8, 2023 at 10:28 p.m.", Origin::ShownDate),
        ]);
        assert_eq!(d.as_deref(), Some("2023-11-08"));
        let d = page(&[
            ("2019-10-18T22:04:00Z", Origin::JsonLd),
            ("Sat, 19 Oct 2019 00:04:00 +0200", Origin::MetaTag),
        ]);
        assert_eq!(d.as_deref(), Some("2019-10-19"));
        // Without the page's word, the stated day stays.
        let d = page(&[("2023-11-09T03:28:35Z", Origin::JsonLd)]);
        assert_eq!(d.as_deref(), Some("2023-11-09"));
    }

    #[test]
    fn a_two_digit_year_only_where_a_date_is_stated() {
        assert_eq!(
            normalize_date("Von: Björn Jahner | 31.10.23", "de").as_deref(),
            Some("2023-10-31")
        );
        // English writes the month first with slashes; others the day.
        assert_eq!(
            normalize_date("3/09/15 8:00am", "en").as_deref(),
            Some("2015-03-09")
        );
        assert_eq!(
            normalize_date("3/09/15 8:00", "fr").as_deref(),
            Some("2015-09-03")
        );
        // In running text it stays a number.
        assert_eq!(find_date("Version 31.10.23 of the tool", "en"), None);
        // After a month's name it is a year, in a short dateline too.
        assert_eq!(
            named_short_year_date("( Pescasseroli, 14 Gennaio 20 )").as_deref(),
            Some("2020-01-14")
        );
        assert_eq!(named_short_year_date("Release 1.2.23"), None);
        assert_eq!(named_short_year_date("14 Gennaio 2020"), None);
    }

    #[test]
    fn a_statement_dates_itself_by_the_occasion_its_first_lines_name() {
        let sv = "Anförande av Olof Skoog, Sveriges ständige representant till Förenta Nationerna, vid FN:s säkerhetsråds debatt om Mellanöstern, inklusive Palestinafrågan, 17 januari 2017, New York. Enligt det talade ordet.";
        assert_eq!(occasion_date(sv, "sv").as_deref(), Some("2017-01-17"));
        let en = "Statement by the Permanent Representative at the open debate of the Security Council, New York, 5 March 2020.";
        assert_eq!(occasion_date(en, "en").as_deref(), Some("2020-03-05"));
        // A date the sentence goes on after, or one with no place beside
        // it, is a date the text mentions.
        for t in [
            "On 5 March 2020, the Council met in New York to discuss the situation.",
            "The debate, held on 5 March 2020, Tuesday, ended late.",
            "The talks resumed on 5 March 2020 in Geneva.",
        ] {
            assert_eq!(occasion_date(t, "en"), None, "{t}");
        }
    }

    #[test]
    fn a_declaration_dates_itself_by_its_adoption() {
        let pl = "Trzecia Sesja Ogólnego Zgromadzenia ONZ, obradująca w Paryżu, uchwaliła 10 grudnia 1948 roku jednomyślnie Powszechną Deklarację Praw Człowieka. Dokument ten stanowi jedno z największych osiągnięć ONZ.";
        assert_eq!(adopted_on(pl, "pl").as_deref(), Some("1948-12-10"));
        let en = "On 10 December 1948 the General Assembly of the United Nations adopted and proclaimed the Universal Declaration of Human Rights.";
        assert_eq!(adopted_on(en, "en").as_deref(), Some("1948-12-10"));
        // A Chinese law or decision states the session that adopted it.
        let zh = "全国人民代表大会常务委员会关于批准发行特别国债的决议 （2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过） 第十届全国人民代表大会常务委员会第二十八次会议，听取了说明。";
        assert_eq!(adopted_on(zh, "zh").as_deref(), Some("2007-06-29"));
        // Urdu: `منظور` (adopted), the date in Extended Arabic-Indic digits.
        let ur = "اقوامِ متحدہ کی جنرل اسمبلی نے ۱۰؍ دسمبر ؁۱۹۴۸ء کو ”انسانی حقوق کا عالمی منشور“ منظور کر کے اس کا اعلانِ عام کیا۔";
        assert_eq!(adopted_on(ur, "ur").as_deref(), Some("1948-12-10"));
        // Persian: the day as an ordinal word (`دهم`, the tenth).
        let fa = "اعلامیه جهانی حقوق بشر مصوب دهم دسمبر ۱۹۴۸ میلادی از جانب مجمع عمومی سازمان ملل";
        assert_eq!(adopted_on(fa, "fa").as_deref(), Some("1948-12-10"));
        assert_eq!(
            find_date("در روز بیست و یکم مارس ۲۰۲۴ برگزار شد", "fa").as_deref(),
            Some("2024-03-21")
        );
        // Swahili: the verb agrees with the Assembly (`Baraza … lilikubali`).
        let sw = "Katika Desemba 10, 1948, Baraza kuu la Umoja wa Mataifa lilikubali na kutangaza Taarifa ya Ulimwengu juu ya Haki za Binadamu.";
        assert_eq!(adopted_on(sw, "sw").as_deref(), Some("1948-12-10"));
        // `通过` alone is "through", not an adoption.
        let through = "2020年3月1日起，市民可以通过互联网办理业务。";
        assert_eq!(adopted_on(through, "zh"), None);
        // A date the text mentions far from any adoption is not it.
        let far = "The Committee adopted its report after long work on many questions of the agenda, among which was the question first raised in the letter dated 3 March 1999 from the delegation.";
        assert_eq!(adopted_on(far, "en"), None);
        assert_eq!(
            adopted_on("Talks resumed on 3 March 1999 in Geneva.", "en"),
            None
        );
    }

    #[test]
    fn dates_in_many_forms() {
        for (text, want) in [
            ("الأربعاء، 28 آب/اغسطس 2013", "2013-08-28"),
            ("19 FEB 2020 - 18:37 CET", "2020-02-19"),
            ("입력2023.11.02. 오후 8:06", "2023-11-02"),
            ("2023/11/02 10:00", "2023-11-02"),
            // An unpadded day, as a generator wrote a news item's heading.
            ("### 2017-02-1", "2017-02-01"),
            ("الأربعاء، ٢٨ آب/اغسطس ٢٠١٣", "2013-08-28"),
            ("10 grudnia 1948 r.", "1948-12-10"),
            ("१० दिसंबर १९४८ को", "1948-12-10"),
            // The other standard spelling of its nasal.
            ("१० दिसम्बर १९४८ को", "1948-12-10"),
            ("15 सितम्बर 2023", "2023-09-15"),
            // Urdu: Extended Arabic-Indic digits, the date separator `؍`
            // and the year sign `؁`.
            ("نے ۱۰؍ دسمبر ؁۱۹۴۸ء کو", "1948-12-10"),
            // The year first, then the month by name (and a word for
            // "year" between them).
            ("1948 թվականի դեկտեմբերի 10-ին", "1948-12-10"),
            ("2024. március 15.", "2024-03-15"),
            ("1948 m. gruodžio 10 d.", "1948-12-10"),
            ("Ilitangazwa 10 Desemba 1948", "1948-12-10"),
            ("14. lokakuuta 2023", "2023-10-14"),
            ("Sept. 5 2021", "2021-09-05"),
            // Capitals drop the accents (Greek `Δεκεμβρίου`).
            ("10 ΔΕΚΕΜΒΡΙΟΥ 1948", "1948-12-10"),
            // English ordinals.
            ("Sunday, December 16th, 2012 at 7:05 pm", "2012-12-16"),
            ("the 1st of May 2019", "2019-05-01"),
            ("22nd March 2020", "2020-03-22"),
            ("5 févr. 2021", "2021-02-05"),
            ("15 تشرين الأول 2020", "2020-10-15"),
            ("المؤرخ في 10 كانون الأول / ديسمبر 1948.", "1948-12-10"),
            ("8 كانون الثاني/يناير 2019", "2019-01-08"),
            ("от 10 декабря 1948 года", "1948-12-10"),
            ("Den Haag, 12 maart 2021", "2021-03-12"),
            ("Jakarta, 17 Agustus 1945", "1945-08-17"),
            ("Roma, 3 settembre 2019", "2019-09-03"),
            // Maghreb Arabic month names.
            ("الجمعة 8 فيفري 2019", "2019-02-08"),
            ("5 جويلية 2021", "2021-07-05"),
            // The Solar Hijri calendar, in Persian or ASCII digits, with
            // Arabic or Persian yeh.
            ("2 تير 1399 - 12:09:08 ب.ظ", "2020-06-22"),
            ("۱ فروردین ۱۴۰۰", "2021-03-21"),
            ("10 دی 1402", "2023-12-31"),
            ("29 اسفند 1398", "2020-03-19"),
        ] {
            assert_eq!(find_date(text, "").as_deref(), Some(want), "{text}");
        }
        assert_eq!(
            find_date("General30July2019Chinese", "zh").as_deref(),
            Some("2019-07-30")
        );
        assert_eq!(
            find_date("30 July 2019", "en").as_deref(),
            Some("2019-07-30")
        );
        assert_eq!(
            find_date("July 30, 2019", "en").as_deref(),
            Some("2019-07-30")
        );
        assert_eq!(find_date("21/02/2019", "vi").as_deref(), Some("2019-02-21"));
        assert_eq!(find_date("04/02/2019", "fr").as_deref(), Some("2019-02-04"));
        assert_eq!(find_date("04/02/2019", "en").as_deref(), Some("2019-04-02"));
        assert_eq!(
            find_date("2011年5月19日，日内瓦", "zh").as_deref(),
            Some("2011-05-19")
        );
        assert_eq!(
            find_date("Hà Nội, ngày 14 tháng 1 năm 2019", "vi").as_deref(),
            Some("2019-01-14")
        );
        assert_eq!(
            find_date("Genève, le 14 janvier 2019", "fr").as_deref(),
            Some("2019-01-14")
        );
        assert_eq!(
            find_date("1er février 2020", "fr").as_deref(),
            Some("2020-02-01")
        );
        assert_eq!(
            find_date("14 de enero de 2019", "es").as_deref(),
            Some("2019-01-14")
        );
        assert_eq!(
            find_date("15 تموز/يوليه 2020", "ar").as_deref(),
            Some("2020-07-15")
        );
        assert_eq!(
            find_date("14 января 2019 года", "ru").as_deref(),
            Some("2019-01-14")
        );
        assert_eq!(find_date("31/02/2019", "fr"), None);
        assert_eq!(find_date("resolution 73/187", "en"), None);
    }

    #[test]
    fn a_script_one_language_writes_names_it() {
        for (text, want) in [
            (
                "ক্লাউড কম্পিউটিং (Cloud Computing) হল ইন্টারনেটের মাধ্যমে কম্পিউটিং পরিষেবা সরবরাহ করা",
                "bn",
            ),
            (
                "சர்வதேச மனித உரிமைகள் பிரகடனம் அனைத்து மனிதர்களும் சுதந்திரமாகவே பிறக்கின்றனர்",
                "ta",
            ),
            (
                "सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता प्राप्त है",
                "hi",
            ),
            (
                "این پروژه توسط گروهی از داوطلبان اداره می‌شود که برای بهبود آن کار می‌کنند",
                "fa",
            ),
            (
                "یہ منصوبہ رضاکاروں کے ایک گروپ کے ذریعے چلایا جاتا ہے جو اسے بہتر بنانے کے لیے کام کرتے ہیں",
                "ur",
            ),
            (
                "تم اعتماد القرار بالإجماع في الجلسة العامة للجمعية العامة للأمم المتحدة",
                "ar",
            ),
        ] {
            assert_eq!(detect_language(text), Some(want), "{text}");
        }
    }

    #[test]
    fn nordic_baltic_and_swahili_text_is_named() {
        for (text, want) in [
            (
                "Kaikki ihmiset syntyvät vapaina ja tasavertaisina arvoltaan ja oikeuksiltaan. Heille on annettu järki ja omatunto, ja heidän on toimittava toisiaan kohtaan veljeyden hengessä.",
                "fi",
            ),
            (
                "Alla människor är födda fria och lika i värde och rättigheter. De har utrustats med förnuft och samvete och bör handla gentemot varandra i en anda av broderskap.",
                "sv",
            ),
            (
                "Visi žmonės gimsta laisvi ir lygūs savo orumu ir teisėmis. Jiems suteiktas protas ir sąžinė, todėl jie turi elgtis vienas kito atžvilgiu kaip broliai.",
                "lt",
            ),
            (
                "Watu wote wamezaliwa huru, hadhi na haki zao ni sawa. Wote wamejaliwa akili na dhamiri, hivyo yapasa watendeane kindugu. Kila mtu anastahili kuwa na haki zote na uhuru wote ulioelezwa katika Taarifa hii bila ubaguzi wa aina yoyote.",
                "sw",
            ),
        ] {
            assert_eq!(detect_language(text), Some(want), "{text}");
        }
    }

    /// The stated date of a page with these date candidates.
    fn stated_of(cands: &[(Origin, &str)], lang: &str) -> Option<String> {
        let mut doc = Structured::default();
        for (o, v) in cands {
            doc.candidates.push(crate::ingest::model::Candidate {
                field: Field::Date,
                value: v.to_string(),
                origin: *o,
            });
        }
        stated_date(&doc, lang)
    }

    #[test]
    fn a_date_the_meta_tags_and_the_page_agree_on_outvotes_json_ld() {
        let with = |cands: &[(Origin, &str)]| stated_of(cands, "de");
        assert_eq!(
            with(&[
                (Origin::JsonLd, "2022-01-04T07:29:00.000Z"),
                (Origin::MetaTag, "2022-01-06T08:29:34"),
                (Origin::ShownDate, "06.01.2022"),
            ])
            .as_deref(),
            Some("2022-01-06")
        );
        // One other source is no majority; JSON-LD stays first.
        assert_eq!(
            with(&[
                (Origin::JsonLd, "2022-01-04T07:29:00.000Z"),
                (Origin::MetaTag, "2022-01-06T08:29:34"),
            ])
            .as_deref(),
            Some("2022-01-04")
        );
    }

    #[test]
    fn a_date_only_the_markup_holds_yields_to_the_one_the_page_shows() {
        let with = |cands: &[(Origin, &str)]| stated_of(cands, "de");
        // A `datePublished` nothing else states, the update under the
        // headline; a `<meta name=date>` of the last change, the day the
        // article's `<time>` and byline show.
        assert_eq!(
            with(&[
                (Origin::JsonLd, "2023-01-10"),
                (Origin::ShownDate, "Aktualisiert am 06. Mär. 2023"),
            ])
            .as_deref(),
            Some("2023-03-06")
        );
        assert_eq!(
            with(&[
                (Origin::MetaTag, "2020-02-12"),
                (Origin::MetaTag, "2020-02-12"),
                (Origin::TimeElement, "2020-02-05T08:00:00+01:00"),
                (Origin::ShownDate, "05.02.2020"),
            ])
            .as_deref(),
            Some("2020-02-05")
        );
        // Not when another source states the markup's day (a date read
        // either way round counts), when the page shows several days (a
        // list of events), only a `datetime`, or a day one away from a
        // moment (the time zone may part them), nor when the markup
        // disagrees with itself; a `<meta>` day before the shown one
        // stays.
        for cands in [
            &[
                (Origin::JsonLd, "2023-11-08T20:26:28+00:00"),
                (Origin::ShownDate, "08/11/2023 | 20:26"),
            ][..],
            &[
                (Origin::JsonLd, "2019-11-27T15:21:21+01:00"),
                (Origin::ShownDate, "Termin: 21.02.2020, 19 Uhr"),
                (Origin::ShownDate, "Termin: 28.02.2020, 18:30 Uhr"),
            ],
            &[
                (Origin::MetaTag, "2019-10-18T16:06:50+0200"),
                (Origin::TimeElement, "2019-04-21T23:47:18+00:00"),
                (Origin::ShownDate, "2019-04-21T23:47:18+00:00"),
            ],
            &[
                (Origin::JsonLd, "2020-08-18T19:35:33+00:00"),
                (Origin::ShownDate, "2020.08.19."),
            ],
            &[
                (Origin::MetaTag, "2017-05-01T17:05:00+0200"),
                (Origin::ShownDate, "Mittwoch, 26.02.2020"),
            ],
            &[
                (Origin::MetaTag, "2022-02-04 15:33"),
                (Origin::MetaTag, "2021-12-14T15:41:07+01:00"),
                (Origin::ShownDate, "14.12.2021"),
            ],
        ] {
            assert_eq!(
                with(cands).as_deref(),
                normalize_date(cands[0].1, "de").as_deref(),
                "{cands:?}"
            );
        }
    }

    #[test]
    fn a_page_that_states_no_other_date_is_dated_by_its_last_change() {
        let page = |cands: &[(Origin, &str)]| {
            let mut doc = Structured::default();
            for (o, v) in cands {
                doc.candidates.push(crate::ingest::model::Candidate {
                    field: Field::Date,
                    value: v.to_string(),
                    origin: *o,
                });
            }
            extract(&doc).date
        };
        assert_eq!(
            page(&[(
                Origin::UpdatedDate,
                "zuletzt am 29. Januar 2020 um 13:22 Uhr geändert."
            )])
            .as_deref(),
            Some("2020-01-29")
        );
        // Its own address dates it first.
        assert_eq!(
            page(&[
                (Origin::UrlPath, "2019-03-01"),
                (Origin::UpdatedDate, "Last edited on 10 November 2019"),
            ])
            .as_deref(),
            Some("2019-03-01")
        );
    }

    #[test]
    fn a_date_in_a_links_text_is_the_linked_pages() {
        let mut doc = Structured::default();
        for text in [
            "[1947-10-11 Sixth Committee letter on the admission of Pakistan](https://example.org/a.pdf)",
            "[1950-07-07 Security Council resolution 84 (1950)](https://example.org/b.png) (a unified command)",
        ] {
            doc.blocks.push(Block::Para {
                num: None,
                text: text.to_string(),
                items: Vec::new(),
            });
        }
        assert_eq!(doc_date(&doc, "en"), None);
        // A dateline of its own still dates the text.
        doc.blocks.insert(
            0,
            Block::Para {
                num: None,
                text: "Geneva, 5 March 2020".to_string(),
                items: Vec::new(),
            },
        );
        assert_eq!(doc_date(&doc, "en").as_deref(), Some("2020-03-05"));
    }

    #[test]
    fn a_swahili_article_whose_paragraphs_the_model_reads_as_tagalog_is_swahili() {
        // Paragraphs with one of Swahili's own words at most each: the
        // model, which knows no Swahili, reads some as Tagalog.
        let mut doc = Structured::default();
        for text in [
            "Baraza la Usalama la Umoja wa Mataifa limepitisha azimio Jumatano linalozitishia Sudan na Sudan Kusini na uwezekano wa kukabiliwa na vikwazo endapo hawatokomesha machafuko yanayoendelea.",
            "Nchi hizo mbili jirani zimekuwa zikipigania mafuta, mpaka na masuala ya uraia. Azimio la leo linasisitiza haja ya kurejesha mara moja amani ya kudumu. Na kama upande wowote utashindwa basi Baraza la Usalama litachukua hatua ambazo sio za kijeshi ikiwemo vikwazo vya kiuchumi.",
            "Balozi wa Marekani kwenye Umoja wa Mataifa Susan Rice amesema azimio hilo linadhihirisha nia ya pamoja ya baraza ya kusaidia mpango wa amani wa muungano wa Afrika.",
            "Baraza la Usalama limewataka viongozi wa Sudan na Sudan Kusini kurejea mara moja kwenye meza ya mazungumzo chini ya usimamizi wa Muungano wa Afrika.",
        ] {
            doc.blocks.push(Block::Para {
                num: None,
                text: text.to_string(),
                items: Vec::new(),
            });
        }
        assert_eq!(languages(&doc).0, "sw");
    }

    #[test]
    fn zulu_and_xhosa_are_told_apart() {
        let xh = "Bonke abantu bazalwa bekhululekile kwaye belingana ngesidima nangokweemfanelo. Banesiphiwo sesazela nesizathu kwaye bafanele ukuba baphathane ngomoya wobuzalwana. Umntu ngamnye unelungelo lokuphila okanye inkululeko.";
        assert_eq!(detect_language(xh), Some("xh"));
        let xh = "Kuvakala okokuba le projekithi intsha ijongise ekuguquleni into ephaya kwimibandela yoluntu. Ngoku ukuphucula uziso lweenkonzo kuzakusetyenziswa ubuchwephesha bale mihla, kunye neSebe lengqesho.";
        assert_eq!(detect_language(xh), Some("xh"));
        // A Xhosa article whose paragraphs each hold one of its own words
        // at most, under a page that declares English.
        let mut doc = Structured::default();
        for text in [
            "Iingxelo zangaphambili zidize ukuba uMphathiswa uzinikele kwabasemagunyeni malunga nophando olusaqhubekayo eKapa.",
            "UMnu Gigaba akabanjwanga. Uthethathethana neziphathamandla kwaye akazukuvela enkundleni namhlanje ngolwesihlanu.",
            "Utyelelo lwakhe kwiiofisi zeziphathamandla luphawula amanyathelo amatsha kwiinzame ezinkulu zokulwa nenkohlakalo.",
            "Abantu abaninzi ababefudula bengabalawuli baye bamangalelwa emva kokuba uphando lwaqala kunyaka ophelileyo.",
        ]
        .iter()
        .cycle()
        .take(12)
        {
            doc.blocks.push(Block::Para {
                num: None,
                text: text.to_string(),
                items: Vec::new(),
            });
        }
        doc.candidates.push(crate::ingest::model::Candidate {
            field: Field::Language,
            value: "en".to_string(),
            origin: Origin::HtmlLang,
        });
        assert_eq!(languages(&doc).0, "xh");
        let zu = "Bonke abantu bazalwa bekhululekile futhi belingana ngesithunzi nangamalungelo. Bahlanganiswe wumcabango nangunembeza futhi kufanele baphathane ngomoya wobunye. Wonke umuntu unelungelo lokuphila, inkululeko nokuphepha komzimba wakhe noma impilo yakhe.";
        assert_eq!(detect_language(zu), Some("zu"));
    }

    #[test]
    fn languages_by_script_and_statistics() {
        assert_eq!(
            detect_language("打击为犯罪目的使用信息和通信技术行为"),
            Some("zh")
        );
        assert_eq!(
            detect_language("Phối hợp trong phòng, chống tội phạm lợi dụng Internet"),
            Some("vi")
        );
        assert_eq!(
            detect_language(
                "Member States expressed concern at the increasing use by terrorists of information technologies"
            ),
            Some("en")
        );
        assert_eq!(
            detect_language(
                "Les États Membres se sont déclarés préoccupés par l'utilisation croissante des technologies"
            ),
            Some("fr")
        );
        assert_eq!(
            detect_language(
                "Государства-члены выразили обеспокоенность растущим использованием информационных технологий"
            ),
            Some("ru")
        );
        assert_eq!(
            detect_language(
                "Los Estados Miembros expresaron preocupación por el uso creciente de las tecnologías"
            ),
            Some("es")
        );
    }

    #[test]
    fn a_long_document_is_judged_over_all_its_length() {
        // More text than the statistical sample: the blocks judged are
        // spread over the document, so a language used only at its end
        // (an annex in French) is still one of its languages.
        let en = "Member States expressed concern at the increasing use by terrorists of \
                  information and communications technologies, and stressed that international \
                  cooperation was needed to prevent and counter it";
        let fr = "Les États Membres se sont déclarés préoccupés par l'utilisation croissante des \
                  technologies de l'information par les terroristes et ont souligné que la \
                  coopération internationale était nécessaire";
        let para = |text: String| Block::Para {
            num: None,
            text,
            items: Vec::new(),
        };
        let mut doc = Structured::default();
        for i in 0..700 {
            doc.blocks.push(para(format!("{en} (paragraph {i}).")));
        }
        for i in 0..70 {
            doc.blocks.push(para(format!("{fr} (paragraphe {i}).")));
        }
        let total: usize = doc
            .blocks
            .iter()
            .flat_map(|b| b.texts())
            .map(str::len)
            .sum();
        assert!(total > 2 * LANGUAGE_SAMPLE, "{total}");
        let (primary, all) = languages(&doc);
        assert_eq!(primary, "en");
        assert_eq!(all, ["en", "fr"]);
    }

    #[test]
    fn scripts_of_one_language_name_it() {
        for (text, lang) in [
            (
                "ეს დოკუმენტი აღწერს პროექტის მართვის წესებს და გადაწყვეტილებებს",
                "ka",
            ),
            ("ឯកសារនេះពិពណ៌នាអំពីច្បាប់គ្រប់គ្រងគម្រោង", "km"),
            ("ይህ ሰነድ የፕሮጀክቱን የአስተዳደር ደንቦች ይገልጻል", "am"),
            ("ဤစာတမ်းသည် စီမံကိန်း၏ စည်းမျဉ်းများကို ဖော်ပြသည်", "my"),
        ] {
            assert_eq!(detect_language(text), Some(lang), "{text}");
        }
    }

    #[test]
    fn kazakh_is_told_by_its_letters_and_its_neighbours_are_not_kazakh() {
        let kk = "Адам баласы отбасының барлық мүшелеріне тән қадір-қасиетті және олардың тең әрі ажырамас құқықтарын тану бостандықтың, әділдік пен жалпыға бірдей бейбітшіліктің негізі болып табылады.";
        assert_eq!(detect_language(kk), Some("kk"));
        for other in [
            // Russian, Ukrainian, Belarusian, Uzbek (Cyrillic).
            "Все люди рождаются свободными и равными в своем достоинстве и правах.",
            "Усі люди народжуються вільними і рівними у своїй гідності та правах.",
            "Усе людзі нараджаюцца свабоднымі і роўнымі ў сваёй годнасці і правах.",
            "Барча одамлар эркин, қадр-қиммат ва ҳуқуқларда тенг бўлиб туғиладилар.",
        ] {
            assert_ne!(detect_language(other), Some("kk"), "{other}");
        }
    }

    #[test]
    fn a_declared_language_the_detector_does_not_know_is_kept() {
        for (tag, code) in [
            ("is", "is"),
            ("ka-GE", "ka"),
            ("nb-NO", "no"),
            ("iw", "he"),
            ("fil", "tl"),
            ("ga", "ga"),
        ] {
            assert_eq!(language_code(tag), Some(code), "{tag}");
        }
        assert_eq!(language_code("xx"), None);
        // Icelandic, declared: the detector would say Afrikaans or
        // Hungarian.
        let mut doc = Structured::default();
        doc.blocks.push(Block::Para {
            num: None,
            text: "Norðmaðurinn var fljótastur allra í brautinni og Íslendingarnir \
                   enduðu í tíunda sæti eftir harða keppni við Finna og Dani."
                .to_string(),
            items: Vec::new(),
        });
        doc.candidates.push(crate::ingest::model::Candidate {
            field: Field::Language,
            value: "is".to_string(),
            origin: Origin::HtmlLang,
        });
        assert_eq!(languages(&doc).0, "is");
    }

    #[test]
    fn addresses_are_no_language() {
        // A Dutch text whose links and reference definitions are English
        // file names and a long percent-encoded address.
        let nl = "Het bestuur neemt besluiten bij consensus. Zie de [gids](https://github.com/nodejs/node/blob/main/doc/contributing/collaborator-guide.md) \
                  en het [handvest][charter] voor de werkwijze van de leden van het comité.\n\
                  [charter]: https://github.com/nodejs/community-committee/blob/main/Community-Committee-Charter.md\n\
                  [consensus]: https://en.wikipedia.org/wiki/Consensus-seeking_decision-making";
        assert_eq!(
            without_addresses(nl),
            "Het bestuur neemt besluiten bij consensus. Zie de [gids] \
             en het [handvest][charter] voor de werkwijze van de leden van het comité.\n\n"
        );
        let mut doc = Structured::default();
        doc.blocks.push(Block::Para {
            num: None,
            text: nl.to_string(),
            items: Vec::new(),
        });
        assert_eq!(languages(&doc).0, "nl");
        assert_eq!(without_addresses("no address here"), "no address here");
    }

    #[test]
    fn a_text_of_short_blocks_is_judged_as_one_text() {
        // No block has 40 letters: each alone would be a guess (one came
        // out Indonesian, another Norwegian, another Czech).
        let mut doc = Structured::default();
        for t in [
            "Intro paragraph about France.",
            "Country",
            "Votes",
            "A quote from someone.",
            "item one",
            "item two",
            "The vote was held on Monday.",
        ] {
            doc.blocks.push(Block::ListItem(t.to_string()));
        }
        let (primary, all) = languages(&doc);
        assert_eq!((primary.as_str(), all), ("en", vec!["en".to_string()]));
    }

    #[test]
    fn symbols() {
        assert_eq!(
            first_symbol("联合国A/74/130大会Distr.").as_deref(),
            Some("A/74/130")
        );
        assert_eq!(
            first_symbol("E/CN.15/2019/7 General").as_deref(),
            Some("E/CN.15/2019/7")
        );
        assert_eq!(
            first_symbol("S/PRST/2016/6.").as_deref(),
            Some("S/PRST/2016/6")
        );
        assert_eq!(first_symbol("no symbol here 2019"), None);
        // A budget fascicle's section is part of its symbol.
        assert_eq!(
            first_symbol("A/81/6 (Sect. 29A)/Part A*\nGeneral Assembly").as_deref(),
            Some("A/81/6 (Sect. 29A)/Part A")
        );
        assert_eq!(
            first_symbol("see A/78/6 (Sect. 10) and").as_deref(),
            Some("A/78/6 (Sect. 10)")
        );
        for sym in ["A/L.632", "A/C.3/78/L.5", "S/PV.9000", "A/78/L.49"] {
            assert_eq!(
                first_symbol(&format!("GENERAL {sym}\n")).as_deref(),
                Some(sym)
            );
        }
        assert_eq!(
            first_symbol("United Nations S/RES/2341 (2017)\nSecurity Council").as_deref(),
            Some("S/RES/2341 (2017)")
        );
    }
}

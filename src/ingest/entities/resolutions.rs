//! Security Council and General Assembly resolutions.
//!
//! Canonical ids: `S/RES/2341 (2017)` and `A/RES/73/187`. Recognised forms:
//!
//! * symbols: `S/RES/2396(2017)`, `S/RES/2396 (2017)`, `S/RES/2396`,
//!   `A/RES/72/284`;
//! * a resolution word followed by one or more numbers, in any language:
//!   `resolution 2341 (2017)`, `resolutions 2322 (2016) and 2396 (2017)`,
//!   `Resolutionen 1196 (1998), 1209 (1998) und 2117 (2013)`, with each
//!   number's date of adoption or part letters in between
//!   (`1540 (2004) of 28 April 2004, 1673 (2006) of …`, `66/253 A and B`),
//!   `résolution`, `resolución`, `резолюция`/`резолюции`, `القرار`,
//!   `Nghị quyết (số)`, optionally with the body in between
//!   (`قرار مجلس الأمن 2341 (2017)`, `резолюция Совета Безопасности …`);
//! * the Chinese frame `第 … 号决议` around one or more numbers
//!   (`第2322(2016)、2331(2016)和2396(2017)号决议`, `第73/187号决议`,
//!   traditional `號決議`, a date before each number:
//!   `2004年4月28日第1540(2004)號`).
//!
//! Numbers: `N (YYYY)` is a Council resolution; `S/N` with `S ≤ 99` and
//! `N ≤ 999` is an Assembly resolution (session/number — `2016/679` or
//! `25/2019` are not); a bare `N` (≥ 100) is a Council resolution whose year
//! comes from the table of each year's first resolution
//! (`data/sc_resolutions_by_year.tsv`).
//!
//! A stated year that contradicts the table means the citation is not what
//! it seems (a typo, or another body's numbering): **no resolution is
//! emitted** for it — a wrong link is worse than a missing one.
//!
//! An N/YYYY form is only ever a resolution after a resolution word or in the
//! `A/RES/` form, so `Law No. 25/2019`, `Directive 2013/40/EU`,
//! `Decree 72/2013/ND-CP` or `第2019/713号指令` are never resolutions.
//! Citations introduced by another body (Human Rights Council, ECOSOC,
//! a commission …) are skipped for the session/number and bare forms.

use std::sync::LazyLock;

use regex::Regex;

use super::normalize::is_word_char;
use super::{EntityId, EntityKind};

/// A resolution mention on the lower-cased normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub id: String,
}

static YEAR_TABLE: LazyLock<Vec<(u16, u32)>> = LazyLock::new(|| {
    let mut v: Vec<(u16, u32)> = include_str!("data/sc_resolutions_by_year.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut it = l.split('\t');
            let y = it.next()?.trim().parse().ok()?;
            let n = it.next()?.trim().parse().ok()?;
            Some((y, n))
        })
        .collect();
    v.sort();
    v
});

/// Year of Security Council resolution `n` from the table, `None` when the
/// number is at or beyond the last (open-ended) row or is 0.
pub fn sc_year(n: u32) -> Option<u16> {
    let t = &*YEAR_TABLE;
    let last = t.last()?;
    if n == 0 || n >= last.1 {
        return None;
    }
    let idx = t.partition_point(|&(_, first)| first <= n);
    Some(t[idx - 1].0)
}

/// Is `n (year)` a consistent Council citation?
pub fn sc_consistent(n: u32, year: u16) -> bool {
    match sc_year(n) {
        Some(y) => y == year,
        None => {
            let last = YEAR_TABLE.last().copied().unwrap_or((0, 0));
            n >= last.1 && year >= last.0 && year <= 2100
        }
    }
}

pub fn sc_id(n: u32, year: u16) -> String {
    format!("S/RES/{n} ({year})")
}

pub fn ga_id(session: u32, n: u32) -> String {
    format!("A/RES/{session}/{n}")
}

// The text is the lower-cased normalised view: whitespace runs are one
// space, digits are ASCII, case is folded. So the patterns are lower-case
// literals with ` ?` for optional space, and ASCII classes — which keeps
// them small and fast to compile.
//
// One item of a list: the number, a markdown link around it, the letter of a
// part (`66/253 A and B`; never `e`, the Italian/Portuguese "and"), and
// the date of adoption that UN texts put after each number
// (`1540 (2004) of 28 April 2004`, `du 28 avril 2004`, `, de 23 de diciembre
// de 2016`, `vom 25. April 2012`, `от 17 декабря 2018 года`, `ngày 17 tháng
// 12 năm 2018`). Without the date the list would stop at the first one.
const ITEM: &str = concat!(
    r"\[?(?:[0-9]{1,4} ?\( ?[0-9]{4} ?\)|[0-9]{1,2}/[0-9]{1,4}|[0-9]{1,4})(?:\]\([^) ]*\))?",
    r"(?: [a-dfgh](?-u:\b)(?: (?:and|et|y|и|und|to|à) [a-h](?-u:\b))?)?",
    // The Assembly's session in Roman numerals (`2758 (XXVI)`).
    r"(?: ?\( ?[ivxl]{1,6} ?\))?",
    r"(?:,? (?:(?:of|du|de|del|vom|от|dated|ngày) )?(?:",
    r"[0-9]{1,2}\.? (?:de )?[a-zà-ÿа-яё]{3,}\.? (?:de )?(?:19|20)[0-9]{2}(?: года| г\.)?",
    r"|[0-9]{1,2}(?: tháng |/)[0-9]{1,2}(?: năm |/)(?:19|20)[0-9]{2}",
    r"|[0-9]{1,2}\.[0-9]{1,2}\.(?:19|20)[0-9]{2}))?"
);

/// A date inside a citation list (see [`ITEM`]; also the Chinese date that
/// precedes each number: `2004年4月28日第1540(2004)號`): skipped when the
/// items are read.
const DATE: &str = concat!(
    r"[0-9]{1,2}\.? (?:de )?[a-zà-ÿа-яё]{3,}\.? (?:de )?(?:19|20)[0-9]{2}",
    r"|[0-9]{1,2}(?: tháng |/)[0-9]{1,2}(?: năm |/)(?:19|20)[0-9]{2}",
    r"|[0-9]{1,2}\.[0-9]{1,2}\.(?:19|20)[0-9]{2}",
    r"|[0-9]{4} ?年 ?[0-9]{1,2} ?月 ?(?:[0-9]{1,2} ?日)?"
);

/// Separators between numbers of one citation list, in every language.
const SEP: &str = concat!(
    r"(?: ?[,、;，；] ?(?:(?:and|et|y|e|и|و|và|und|or|ou|o|или|hoặc|oder) )?",
    r"| (?:and|et|y|e|и|và|und|or|ou|o|oder|или|либо|hoặc|as well as|ainsi que|así como|а также|sowie|bem como|cũng như) ",
    r"| ?و ?| ?(?:和|及|以及|与|與|或|至) ?)"
);

static PREFIX_RE: LazyLock<Regex> = LazyLock::new(|| {
    // A word boundary before the trigger is checked in code.
    let trigger = r"(?:unscrs?|res\.|resolutions?|résolutions?|resoluci(?:ón|ones)|resolu(?:ção|ções)|resolution(?:en)?|резолюци(?:я|и|ю|ей|ям|ями|ях)|nghị quyết|[وفب]?(?:ال|لل|ل)?قرار(?:ات|ه|ها|ي|ين|ا)?|risoluzion[ei]|resoluti(?:e|es)|rezolucj[aięi]|rezoluc[ei]|(?:決議|决议) ?第?|결의(?:안)? ?제?)";
    let body = r"(?: (?:of the |du |de l'|del |de la |của )?(?:security council|general assembly|conseil de sécurité|assemblée générale|consejo de seguridad|asamblea general|совета безопасности|генеральной ассамблеи|مجلس الامن(?: الدولي)?|الجمعية العامة|hội đồng bảo an(?: liên hợp quốc)?|đại hội đồng(?: liên hợp quốc)?))?";
    let marker = r"(?: ?(?:no\.|nos\.|n[°º]s?|№|núm\.|số|رقم|n\.|nr\.|#))?";
    Regex::new(&format!(
        r"{trigger}{body}{marker} ?(?:[as]/res/)?{ITEM}(?:{SEP}{ITEM})*"
    ))
    .expect("resolution prefix regex")
});

static ZH_RE: LazyLock<Regex> = LazyLock::new(|| {
    let zdate = r"(?:[0-9]{4} ?年 ?[0-9]{1,2} ?月 ?(?:[0-9]{1,2} ?日)? ?)?";
    let zitem = format!(r"{zdate}(?:第 ?)?{ITEM}(?: ?[号號])?");
    Regex::new(&format!(r"{zitem}(?:{SEP}{zitem})* ?[号號] ?(?:决议|決議)")).expect("zh regex")
});

static ITEM_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        &format!(r"(?P<date>{DATE})|(?P<ga>(?P<s>[0-9]{{1,2}})/(?P<g>[0-9]{{1,4}}))|(?P<n>[0-9]{{1,4}})(?: ?\( ?(?P<y>[0-9]{{4}}) ?\))?"),
    )
    .expect("item regex")
});

static SYMBOL_RE: LazyLock<Regex> = LazyLock::new(|| {
    // Copied from a web page or a PDF, the slashes may stand between spaces
    // (`S / RES / 1325`).
    Regex::new(r"(?-u:\b)(?:s ?/ ?res ?/ ?(?P<n>[0-9]{1,4})(?: ?\( ?(?P<y>[0-9]{4}) ?\))?|a ?/ ?res ?/ ?(?P<s>[0-9]{1,2}) ?/ ?(?P<g>[0-9]{1,4}))")
        .expect("resolution symbol regex")
});

/// Markers, in a short window before a citation, that it belongs to a body
/// whose numbering is neither the Council's nor the Assembly's.
const OTHER_BODIES: &[&str] = &[
    "human rights council",
    "conseil des droits de l'homme",
    "consejo de derechos humanos",
    "совета по правам человека",
    "مجلس حقوق الانسان",
    "hội đồng nhân quyền",
    "人权理事会",
    "economic and social council",
    "ecosoc",
    "conseil économique et social",
    "consejo económico y social",
    "экономического и социального совета",
    "经济及社会理事会",
    "经社理事会",
    "commission on",
    "comisión de",
    "комиссии по",
    "委员会第",
];

/// Markers that the citation is the General Assembly's (old-style bare
/// numbers like `resolution 2200 A (XXI)` are then not Council ones).
const GA_BODIES: &[&str] = &[
    "general assembly",
    "assemblée générale",
    "asamblea general",
    "assemblea generale",
    "assembleia geral",
    "generalversammlung",
    "генеральной ассамблеи",
    "генеральная ассамблея",
    "генеральной ассамблеей",
    "الجمعية العامة",
    "đại hội đồng",
    "大会",
    "大會",
];

/// An older Assembly resolution: a number, a part letter and the session in
/// Roman numerals (`2200 A (XXI)`, `1991 (XVIII)`).
static OLD_GA_RE: LazyLock<Regex> =
    // The part letter in Latin or Cyrillic (`217 А (III)`), or Arabic
    // (`217 ألف (د-3)`: session 3).
    LazyLock::new(|| {
        Regex::new(r"^ ?(?:(?:[a-h]|[а-д]|ألف|الف|باء) ?)?\( ?(?:[ivxl]+|د ?- ?[0-9]{1,2}) ?\)")
            .expect("old GA regex")
    });

/// The session of an old-style Assembly citation's tail (` A (XXI)`,
/// ` (د-3)`): 1 to 30, the sessions numbered so.
fn old_ga_session(tail: &str) -> Option<u32> {
    let m = OLD_GA_RE.find(tail)?;
    let inside = m.as_str().rsplit('(').next()?.trim_end_matches(')').trim();
    let session = match inside.strip_prefix('د') {
        Some(n) => n.trim().trim_start_matches('-').trim().parse().ok()?,
        None => roman_value(inside)?,
    };
    (1..=30).contains(&session).then_some(session)
}

fn roman_value(r: &str) -> Option<u32> {
    let digit = |c: char| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        _ => None,
    };
    let values: Vec<u32> = r.chars().map(digit).collect::<Option<_>>()?;
    let mut total: i64 = 0;
    for (k, &v) in values.iter().enumerate() {
        if values.get(k + 1).is_some_and(|&next| next > v) {
            total -= v as i64;
        } else {
            total += v as i64;
        }
    }
    u32::try_from(total).ok().filter(|&t| t > 0)
}

/// `A/RES/2200(XXI)`: an Assembly resolution of the first 30 sessions, as
/// the document symbol names it (part letters are parts of one resolution).
pub fn old_ga_id(n: u32, session: u32) -> String {
    const ROMAN: [(u32, &str); 7] = [
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let (mut left, mut roman) = (session, String::new());
    for (v, r) in ROMAN {
        while left >= v {
            roman.push_str(r);
            left -= v;
        }
    }
    format!("A/RES/{n}({roman})")
}

/// Does the clause just before a citation name another body? The body's
/// name may be long (`Commission on Crime Prevention and Criminal Justice
/// resolution 22/8`), so the window is wider than the short one used for
/// any mention, but the name must be in the same clause (no `,` `;` `.`
/// between it and the citation).
fn names_other_body(window: &str) -> bool {
    OTHER_BODIES.iter().any(|b| {
        window
            .rfind(b)
            .is_some_and(|i| !window[i + b.len()..].contains([',', ';', '.', ':', '(', ')']))
    })
}

fn window_before(text: &str, pos: usize, bytes: usize) -> String {
    let mut s = pos.saturating_sub(bytes);
    while !text.is_char_boundary(s) {
        s += 1;
    }
    text[s..pos].to_lowercase()
}

fn prev_char(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

fn next_char(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}

/// Finds resolutions in the lower-cased normalised text (see `normalize`).
pub fn find(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    for m in SYMBOL_RE.captures_iter(text) {
        let all = m.get(0).expect("match");
        if let Some(n) = m.name("n") {
            let n: u32 = n.as_str().parse().unwrap_or(0);
            if let Some(y) = m.name("y") {
                let y: u16 = y.as_str().parse().unwrap_or(0);
                if sc_consistent(n, y) {
                    out.push(Found {
                        start: all.start(),
                        end: all.end(),
                        id: sc_id(n, y),
                    });
                }
            } else if let Some(y) = sc_year(n)
                && !next_char(text, all.end()).is_some_and(|c| c.is_alphanumeric() || c == '/')
            {
                out.push(Found {
                    start: all.start(),
                    end: all.end(),
                    id: sc_id(n, y),
                });
            }
        } else if let (Some(s), Some(g)) = (m.name("s"), m.name("g")) {
            let (s, g): (u32, u32) = (
                s.as_str().parse().unwrap_or(0),
                g.as_str().parse().unwrap_or(0),
            );
            if s > 0
                && g > 0
                && !next_char(text, all.end()).is_some_and(|c| c.is_ascii_digit() || c == '/')
            {
                out.push(Found {
                    start: all.start(),
                    end: all.end(),
                    id: ga_id(s, g),
                });
            }
        }
    }
    for m in PREFIX_RE.find_iter(text) {
        if prev_char(text, m.start()).is_some_and(is_word_char) {
            continue;
        }
        // Items begin after the trigger word (and body/marker); find where
        // the first digit-bearing item begins.
        let head_end = first_item_start(text, m.start(), m.end());
        list(
            text,
            m.start(),
            head_end,
            without_glued_part(text, m.start(), m.end()),
            &mut out,
        );
    }
    for m in ZH_RE.find_iter(text) {
        if prev_char(text, m.start()).is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '.') {
            continue;
        }
        list(text, m.start(), m.start(), m.end(), &mut out);
    }
    out.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    out.dedup_by(|b, a| a.start <= b.start && b.end <= a.end);
    out
}

/// A part letter (`66/253 A`) that is the first letter of the next word
/// (`2396 công`, `73/187 của`: the pattern's word boundary is ASCII) is
/// not a part: the mention ends before it.
fn without_glued_part(text: &str, start: usize, end: usize) -> usize {
    if !next_char(text, end).is_some_and(char::is_alphabetic) {
        return end;
    }
    let seg = &text[start..end];
    match seg.rfind(' ') {
        Some(i)
            if seg[i + 1..].chars().count() == 1
                && seg[i + 1..].chars().all(char::is_alphabetic) =>
        {
            start + i
        }
        _ => end,
    }
}

fn first_item_start(text: &str, start: usize, end: usize) -> usize {
    let seg = &text[start..end];
    // `S/RES/` inside the citation starts an item too.
    let d = seg
        .find(|c: char| c.is_ascii_digit() || c == '[')
        .unwrap_or(seg.len());
    let head = seg[..d].to_ascii_lowercase();
    let d = match head.rfind("s/res/").or_else(|| head.rfind("a/res/")) {
        Some(p) => p,
        None => d,
    };
    start + d
}

/// Parses the items of one citation `text[start..end]` whose numbers begin
/// at `items_from`.
fn list(text: &str, start: usize, items_from: usize, end: usize, out: &mut Vec<Found>) {
    if end <= items_from {
        return;
    }
    let window = window_before(text, start, 48);
    let other_body = OTHER_BODIES.iter().any(|b| window.contains(b))
        || names_other_body(&window_before(text, start, 112));
    // `GA resolution 2758`, `UNGA res. 73/187`: the abbreviation as a word.
    let ga_abbreviated = window
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "ga" || w == "unga");
    let ga_body = ga_abbreviated
        || GA_BODIES.iter().any(|b| window.contains(b))
        || GA_BODIES
            .iter()
            .any(|b| text[start..items_from].to_lowercase().contains(b));
    let mut items = Vec::new();
    let mut caps: Vec<_> = ITEM_RE.captures_iter(&text[items_from..end]).collect();
    // A date after the last number is not part of the mention.
    let end = match caps.iter().rposition(|c| c.name("date").is_none()) {
        Some(i) if i + 1 < caps.len() => items_from + caps[i].get(0).map_or(0, |m| m.end()),
        _ => end,
    };
    caps.retain(|c| c.name("date").is_none());
    // Lists are homogeneous: once one number carries its year (or is a
    // session/number pair), a bare number in the same list is something
    // else (`resolution 2178 (2014), 2015 saw …`).
    let all_bare = caps
        .iter()
        .all(|c| c.name("ga").is_none() && c.name("y").is_none());
    for c in caps {
        let all = c.get(0).expect("match");
        let (s, e) = (items_from + all.start(), items_from + all.end());
        // Skip digits that are the tail of a symbol prefix like `S/RES/`.
        let id = if c.name("ga").is_some() {
            let sess: u32 = c["s"].parse().unwrap_or(0);
            let num: u32 = c["g"].parse().unwrap_or(0);
            if other_body || sess == 0 || sess > 99 || num == 0 || num > 999 {
                None
            } else {
                Some(ga_id(sess, num))
            }
        } else {
            let n: u32 = c["n"].parse().unwrap_or(0);
            match c.name("y") {
                Some(y) => {
                    let y: u16 = y.as_str().parse().unwrap_or(0);
                    sc_consistent(n, y).then(|| sc_id(n, y))
                }
                None => {
                    let after = next_char(text, e);
                    // A bare number glued to more of something else
                    // (`120/NQ-CP`, `2019年`, `1,000`, `2.5`) is not a
                    // resolution; a counter suffix (`第2341号`) or a
                    // sentence end is fine.
                    let glued = match after {
                        Some('号' | '號' | '호') => false,
                        Some('/') => true,
                        Some('-' | '.' | ',') => {
                            next_char(text, e + 1).is_some_and(char::is_alphanumeric)
                        }
                        Some(ch) => ch.is_alphanumeric(),
                        None => false,
                    };
                    // `2200 A (XXI)`: the Assembly's numbering before 1976,
                    // a resolution of its own.
                    let roman = OLD_GA_RE.is_match(&text[e..]);
                    if let Some(session) = old_ga_session(&text[e..]) {
                        (!other_body && n >= 1).then(|| old_ga_id(n, session))
                    } else if other_body || ga_body || n < 100 || glued || roman || !all_bare {
                        None
                    } else {
                        sc_year(n).map(|y| sc_id(n, y))
                    }
                }
            }
        };
        items.push((s, e, id));
    }
    let valid: Vec<_> = items.iter().filter(|i| i.2.is_some()).collect();
    if valid.len() == 1 && items.first().is_some_and(|i| i.2.is_some()) {
        // One resolution: the whole citation is the mention.
        let end = if items.len() == 1 { end } else { valid[0].1 };
        out.push(Found {
            start,
            end,
            id: valid[0].2.clone().expect("valid"),
        });
    } else {
        for (s, e, id) in valid {
            out.push(Found {
                start: *s,
                end: *e,
                id: id.clone().expect("valid"),
            });
        }
    }
}

/// Display names of a resolution in each language.
pub fn names(id: &EntityId) -> Vec<(&'static str, String)> {
    debug_assert_eq!(id.kind, EntityKind::Resolution);
    if let Some(rest) = id.id.strip_prefix("S/RES/") {
        // rest = "2341 (2017)"
        let (n, y) = rest.split_once(' ').unwrap_or((rest, ""));
        let y = y.trim_matches(|c| c == '(' || c == ')');
        vec![
            ("en", format!("Security Council resolution {n} ({y})")),
            ("fr", format!("résolution {n} ({y}) du Conseil de sécurité")),
            (
                "es",
                format!("resolución {n} ({y}) del Consejo de Seguridad"),
            ),
            ("ru", format!("резолюция {n} ({y}) Совета Безопасности")),
            ("zh", format!("安全理事会第{n}({y})号决议")),
            ("ar", format!("قرار مجلس الأمن {n} ({y})")),
            ("vi", format!("Nghị quyết {n} ({y}) của Hội đồng Bảo an")),
        ]
    } else if let Some(rest) = id.id.strip_prefix("A/RES/") {
        vec![
            ("en", format!("General Assembly resolution {rest}")),
            ("fr", format!("résolution {rest} de l'Assemblée générale")),
            ("es", format!("resolución {rest} de la Asamblea General")),
            ("ru", format!("резолюция {rest} Генеральной Ассамблеи")),
            ("zh", format!("大会第{rest}号决议")),
            ("ar", format!("قرار الجمعية العامة {rest}")),
            ("vi", format!("Nghị quyết {rest} của Đại hội đồng")),
        ]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::entities::normalize::fold as plain;

    fn ids(text: &str) -> Vec<String> {
        find(&plain(text)).into_iter().map(|f| f.id).collect()
    }

    #[test]
    fn a_note_number_glued_to_the_next_word_is_no_part_letter_and_no_crash() {
        // A text dump: the note marker `3` glued to `on` (`resolutions 3on`).
        let text = "Recalling its resolution 79/199 of 19 December 2024 and all previous resolutions 3on the follow-up to the conferences";
        assert_eq!(ids(text), ["A/RES/79/199"]);
        // A real part letter still ends the mention before the next word.
        assert_eq!(ids("resolution 73/187 của Đại hội đồng"), ["A/RES/73/187"]);
    }

    #[test]
    fn a_number_sign_or_nr_before_the_number() {
        assert_eq!(
            ids("UN SC Resolution #84 (1950) of 7 July 1950"),
            ["S/RES/84 (1950)"]
        );
        assert_eq!(ids("Resolution Nr. 1373 (2001)"), ["S/RES/1373 (2001)"]);
        // A hash that tags a word is no number sign.
        assert!(ids("resolution #peace 2025").is_empty());
    }

    #[test]
    fn year_table_matches_known_first_resolutions() {
        for (n, y) in [
            (1, 1946),
            (1373, 2001),
            (1335, 2001),
            (1333, 2000),
            (1580, 2004),
            (1624, 2005),
            (2086, 2013),
            (2129, 2013),
            (2133, 2014),
            (2178, 2014),
            (2259, 2015),
            (2322, 2016),
            (2336, 2016),
            (2337, 2017),
            (2396, 2017),
            (2397, 2017),
            (2398, 2018),
            (2451, 2018),
            (2462, 2019),
            (2504, 2020),
            (2560, 2020),
            (2617, 2021),
            (2672, 2023),
            (2722, 2024),
        ] {
            assert_eq!(sc_year(n), Some(y), "resolution {n}");
        }
        assert_eq!(sc_year(0), None);
        assert_eq!(sc_year(9999), None);
    }

    #[test]
    fn english_forms() {
        assert_eq!(
            ids("In resolution 2341 (2017), the Council"),
            ["S/RES/2341 (2017)"]
        );
        assert_eq!(
            ids("resolutions 2322 (2016) and 2396 (2017)"),
            ["S/RES/2322 (2016)", "S/RES/2396 (2017)"]
        );
        assert_eq!(
            ids("Security Council resolution 2370 (2017) urges"),
            ["S/RES/2370 (2017)"]
        );
        assert_eq!(ids("General Assembly resolution 65/230"), ["A/RES/65/230"]);
        assert_eq!(
            ids("in its resolution 73/187, the Assembly"),
            ["A/RES/73/187"]
        );
        assert_eq!(
            ids("review of the Strategy (A/RES/72/284)"),
            ["A/RES/72/284"]
        );
        assert_eq!(ids("see S/RES/2396(2017)."), ["S/RES/2396 (2017)"]);
        assert_eq!(ids("(S / RES / 1325)"), ["S/RES/1325 (2000)"]);
        assert_eq!(ids("A / RES / 73 / 187"), ["A/RES/73/187"]);
        assert_eq!(ids("see S/RES/2396 (2017)."), ["S/RES/2396 (2017)"]);
        assert_eq!(ids("resolution 2178"), ["S/RES/2178 (2014)"]);
        assert_eq!(
            ids("UNSCR 1373 and GA res. 73/187"),
            ["S/RES/1373 (2001)", "A/RES/73/187"]
        );
        // An Assembly resolution by its old bare number is no Council one.
        assert!(ids("1971-10-25 GA Resolution 2758 'Restoration of the lawful rights'").is_empty());
        assert!(ids("UNGA resolution 2758 of 1971").is_empty());
        assert_eq!(ids("the saga resolution 2341"), ["S/RES/2341 (2017)"]);
        assert!(ids("聯合國大會第2758號決議").is_empty());
    }

    #[test]
    fn list_items_each_get_their_own_span() {
        let t = plain("resolutions 2322 (2016), 2331 (2016) and 2396 (2017)");
        let f = find(&t);
        assert_eq!(f.len(), 3);
        assert_eq!(&t[f[1].start..f[1].end], "2331 (2016)");
        let single = find(&t[..0]);
        assert!(single.is_empty());
        let t = plain("In resolution 2341 (2017), the");
        let f = find(&t);
        assert_eq!(&t[f[0].start..f[0].end], "resolution 2341 (2017)");
    }

    #[test]
    fn chinese_forms() {
        assert_eq!(ids("安全理事会第 2341(2017) 号决议"), ["S/RES/2341 (2017)"]);
        assert_eq!(
            ids("安全理事会第 [2341\\(2017\\)](#) 号决议"),
            ["S/RES/2341 (2017)"]
        );
        assert_eq!(ids("第２３４１（２０１７）号决议"), ["S/RES/2341 (2017)"]);
        assert_eq!(
            ids("第2322(2016)、2331(2016)和2396(2017)号决议"),
            [
                "S/RES/2322 (2016)",
                "S/RES/2331 (2016)",
                "S/RES/2396 (2017)"
            ]
        );
        assert_eq!(
            ids(
                "在第 [2322\\(2016\\)](#)、[2331\\(2016\\)](#)、[2341\\(2017\\)](#) 和 [2396\\(2017\\)](#) 号决议中"
            ),
            [
                "S/RES/2322 (2016)",
                "S/RES/2331 (2016)",
                "S/RES/2341 (2017)",
                "S/RES/2396 (2017)"
            ]
        );
        assert_eq!(
            ids("大会题为\"打击\"的第73/187号决议编写"),
            ["A/RES/73/187"]
        );
        let t = plain("见第2322(2016)、2331(2016)号决议");
        let f = find(&t);
        assert_eq!(&t[f[0].start..f[0].end], "2322(2016)");
        let t = plain("见第73/187号决议。");
        let f = find(&t);
        assert_eq!(&t[f[0].start..f[0].end], "第73/187号决议");
    }

    #[test]
    fn other_languages() {
        assert_eq!(
            ids("thông qua Nghị quyết số 2396 công nhận"),
            ["S/RES/2396 (2017)"]
        );
        assert_eq!(
            ids("Nghị quyết 2341 (2017) của Hội đồng Bảo an"),
            ["S/RES/2341 (2017)"]
        );
        assert_eq!(
            ids("la résolution 2396 (2017) du Conseil"),
            ["S/RES/2396 (2017)"]
        );
        assert_eq!(
            ids("la resolución 2396 (2017) del Consejo"),
            ["S/RES/2396 (2017)"]
        );
        assert_eq!(ids("резолюция 2341 (2017) Совета"), ["S/RES/2341 (2017)"]);
        assert_eq!(ids("в резолюции 2341 (2017) Совет"), ["S/RES/2341 (2017)"]);
        assert_eq!(
            ids("резолюция Совета Безопасности 2341 (2017)"),
            ["S/RES/2341 (2017)"]
        );
        assert_eq!(ids("القرار 2341 (2017)"), ["S/RES/2341 (2017)"]);
        assert_eq!(ids("قرار مجلس الأمن ٢٣٤١ (٢٠١٧)"), ["S/RES/2341 (2017)"]);
        assert_eq!(
            ids("résolutions 73/187 et 74/247"),
            ["A/RES/73/187", "A/RES/74/247"]
        );
    }

    #[test]
    fn some_languages_beyond_the_seven() {
        assert_eq!(
            ids("la risoluzione 2341 (2017) del Consiglio"),
            ["S/RES/2341 (2017)"]
        );
        assert_eq!(
            ids("die Resolution 2341 (2017) des Sicherheitsrats"),
            ["S/RES/2341 (2017)"]
        );
        assert_eq!(ids("安保理決議第2341号"), ["S/RES/2341 (2017)"]);
        assert_eq!(ids("안보리 결의 제2341호"), ["S/RES/2341 (2017)"]);
        assert!(ids("该决议2019年通过").is_empty());
    }

    #[test]
    fn bare_numbers_after_a_dated_list_are_not_resolutions() {
        let t = plain("resolution 2178 (2014), 2015 saw more");
        let f = find(&t);
        assert_eq!(f.len(), 1);
        assert_eq!(&t[f[0].start..f[0].end], "resolution 2178 (2014)");
        assert_eq!(
            ids("resolutions 2396 and 2462"),
            ["S/RES/2396 (2017)", "S/RES/2462 (2019)"]
        );
    }

    #[test]
    fn laws_and_eu_acts_are_not_resolutions() {
        for t in [
            "Law No. 25/2019 on cybersecurity",
            "Directive 2013/40/EU on attacks against information systems",
            "Regulation (EU) 2016/679 (GDPR)",
            "Decree 72/2013/ND-CP",
            "Luật số 24/2018/QH14 về an ninh mạng",
            "Nghị quyết số 24/2018/QH14",
            "Nghị quyết số 120/NQ-CP",
            "第2019/713号指令(欧盟)",
            "resolution 2016/679",
            "Human Rights Council resolution 20/8",
            "人权理事会第20/8号决议",
        ] {
            assert!(ids(t).is_empty(), "{t}: {:?}", ids(t));
        }
    }

    #[test]
    fn a_list_that_begins_with_the_assemblys_old_numbering_goes_on() {
        // After an old-style number with its session in Roman numerals and
        // a numeric date, the list's next member is still a resolution.
        assert_eq!(
            ids("General Assembly resolutions 2758 (XXVI) of 25.10.1971 and 47/1 of 22.09.1992"),
            ["A/RES/2758(XXVI)", "A/RES/47/1"]
        );
        assert_eq!(
            ids("resolutions 2200 A (XXI) and 2106 (XX)"),
            ["A/RES/2200(XXI)", "A/RES/2106(XX)"]
        );
    }

    #[test]
    fn every_member_of_a_list_in_every_language() {
        let sc = ["S/RES/2325 (2016)", "S/RES/2663 (2022)"];
        let ga = ["A/RES/73/187", "A/RES/76/19"];
        for t in [
            "resolutions 2325 (2016) and 2663 (2022)",
            "Security Council resolutions 2325 (2016), and 2663 (2022)",
            "resolutions 2325 (2016) as well as 2663 (2022)",
            "resolutions 2325 (2016) or 2663 (2022)",
            "résolutions 2325 (2016) et 2663 (2022)",
            "resoluciones 2325 (2016) y 2663 (2022)",
            "резолюции 2325 (2016) и 2663 (2022)",
            "Resolutionen 2325 (2016) und 2663 (2022)",
            "Resolutionen 2325 (2016) sowie 2663 (2022)",
            "các nghị quyết 2325 (2016) và 2663 (2022)",
            "resoluções 2325 (2016) e 2663 (2022)",
            "القرارين 2325 (2016) و 2663 (2022)",
            "第2325(2016)号和第2663(2022)号决议",
            "第2325(2016)號和第2663(2022)號決議",
            "resolutions 2325 (2016) of 15 December 2016 and 2663 (2022) of 30 November 2022",
            "résolutions 2325 (2016) du 15 décembre 2016 et 2663 (2022) du 30 novembre 2022",
            "resoluciones 2325 (2016), de 15 de diciembre de 2016, y 2663 (2022), de 30 de noviembre de 2022",
            "Resolutionen 2325 (2016) vom 15. Dezember 2016 und 2663 (2022) vom 30. November 2022",
            "резолюции 2325 (2016) от 15 декабря 2016 года и 2663 (2022) от 30 ноября 2022 года",
            "nghị quyết 2325 (2016) ngày 15 tháng 12 năm 2016 và 2663 (2022)",
            "其2016年12月15日第2325(2016)号和2022年11月30日第2663(2022)号决议",
        ] {
            assert_eq!(ids(t), sc, "{t}");
        }
        for t in [
            "resolutions 73/187 and 76/19",
            "General Assembly resolutions 73/187 and 76/19",
            "résolutions 73/187 et 76/19",
            "resoluciones 73/187 y 76/19",
            "резолюции 73/187 и 76/19",
            "Resolutionen 73/187 und 76/19",
            "các nghị quyết 73/187 và 76/19",
            "resolutions 73/187 of 17 December 2018 and 76/19 of 6 December 2021",
            "resolutions 73/187 A and B, and 76/19",
            "第73/187号和第76/19号决议",
        ] {
            assert_eq!(ids(t), ga, "{t}");
        }
    }

    #[test]
    fn the_assemblys_old_numbering_is_its_own_resolution_not_the_councils() {
        for t in [
            "резолюцией 217 а (iii) генеральной ассамблеи",
            "resolution 217 a (iii)",
            "قرار الجمعية العامة 217 ألف (د-3)",
        ] {
            assert_eq!(ids(t), ["A/RES/217(III)"], "{t}");
        }
        assert_eq!(
            ids("General Assembly resolution 2200 A (XXI)"),
            ["A/RES/2200(XXI)"]
        );
        assert_eq!(
            ids("its resolution 1145 (xii) of 14 november 1957"),
            ["A/RES/1145(XII)"]
        );
        // (In a list, only the first is read so far: `resolutions 1514 (XV)
        // and 2625 (XXV)`.)
        assert_eq!(
            ids("resolutions 1514 (xv) and 2625 (xxv)")[0],
            "A/RES/1514(XV)"
        );
        // Sessions past the thirtieth were numbered `31/1` on.
        assert!(ids("resolution 100 (xl)").is_empty());
    }

    #[test]
    fn a_word_after_the_number_is_not_a_part_letter() {
        for t in [
            "nhất trí thông qua nghị quyết số 2396 công nhận những nỗ lực",
            "nghị quyết 73/187 của Đại hội đồng",
        ] {
            let f = find(&t.to_lowercase());
            assert_eq!(f.len(), 1, "{t}");
            let surface = &t.to_lowercase()[f[0].start..f[0].end];
            assert!(
                surface.ends_with(|c: char| c.is_ascii_digit()),
                "{t}: {surface:?}"
            );
        }
    }

    #[test]
    fn numbers_after_a_list_that_belong_to_something_else() {
        for (t, want) in [
            (
                "resolutions 2325 (2016) and 2663 (2022), paragraphs 3 and 4",
                &["S/RES/2325 (2016)", "S/RES/2663 (2022)"][..],
            ),
            (
                "resolutions 2325 (2016) and 2663 (2022) and 2023 and 2024",
                &["S/RES/2325 (2016)", "S/RES/2663 (2022)"],
            ),
            (
                "resolutions 73/187 and 76/19 and 2023 and 2024",
                &["A/RES/73/187", "A/RES/76/19"],
            ),
            ("resolution 73/187, p. 12 and 14", &["A/RES/73/187"]),
            (
                "resolutions 73/187 and 76/19, pages 4 and 5",
                &["A/RES/73/187", "A/RES/76/19"],
            ),
            (
                "resolutions 73/187 and 76/19 and decisions 59/568 and 62/554",
                &["A/RES/73/187", "A/RES/76/19"],
            ),
            ("resolución 73/187 a la Asamblea y 2024", &["A/RES/73/187"]),
            (
                "the Assembly adopted resolution 1991 A (XVIII)",
                &["A/RES/1991(XVIII)"],
            ),
            (
                "Recalling Commission on Crime Prevention and Criminal Justice resolution 22/8 of 26 April 2013",
                &[],
            ),
        ] {
            assert_eq!(ids(t), want, "{t}");
        }
    }

    #[test]
    fn a_date_after_one_resolution_stays_out_of_its_span() {
        let t = plain("In resolution 1540 (2004) of 28 April 2004, the Council");
        let f = find(&t);
        assert_eq!(f.len(), 1);
        assert_eq!(&t[f[0].start..f[0].end], "resolution 1540 (2004)");
    }

    #[test]
    fn contradicted_year_is_not_emitted() {
        assert!(ids("resolution 2341 (2015)").is_empty());
        assert!(ids("S/RES/2396 (2019)").is_empty());
        // Beyond the table: accepted only with a plausible year.
        assert_eq!(ids("resolution 2790 (2025)"), ["S/RES/2790 (2025)"]);
        assert!(ids("resolution 2790").is_empty());
    }
}

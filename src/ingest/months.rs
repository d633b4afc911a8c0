//! Month names of many languages: hand-written lists for the languages
//! whose dates pilcrow read first, and CLDR's wide names of the others
//! (`data/months.tsv`, made by `scripts/gen_months.py`). Used by
//! `metadata` to read dates and by `entities` to place an old General
//! Assembly resolution in its session by the day it was adopted.

use std::sync::LazyLock;

const MONTHS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
    ),
    (
        "fr",
        &[
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
    ),
    (
        "es",
        &[
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
    ),
    (
        "ru",
        &[
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ],
    ),
    (
        "ar",
        &[
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيه",
            "يوليه",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ],
    ),
    (
        "pt",
        &[
            "janeiro",
            "fevereiro",
            "março",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ],
    ),
    (
        "de",
        &[
            "januar",
            "februar",
            "märz",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "dezember",
        ],
    ),
    (
        "nl",
        &[
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
    ),
    (
        "id",
        &[
            "januari",
            "februari",
            "maret",
            "april",
            "mei",
            "juni",
            "juli",
            "agustus",
            "september",
            "oktober",
            "november",
            "desember",
        ],
    ),
    (
        "it",
        &[
            "gennaio",
            "febbraio",
            "marzo",
            "aprile",
            "maggio",
            "giugno",
            "luglio",
            "agosto",
            "settembre",
            "ottobre",
            "novembre",
            "dicembre",
        ],
    ),
    // Arabic: the Egyptian/Gulf spellings, and the Levantine (Syriac)
    // month names (`28 آب/اغسطس 2013`).
    (
        "ar",
        &[
            "يناير",
            "فبراير",
            "مارس",
            "ابريل",
            "ماي",
            "يونيو",
            "يوليو",
            "اغسطس",
            "سبتمبر",
            "اكتوبر",
            "نوفمبر",
            "ديسمبر",
        ],
    ),
    // Arabic of the Maghreb (Tunisia, Algeria, Morocco), from the French
    // names (`8 فيفري 2019`).
    (
        "ar",
        &[
            "جانفي",
            "فيفري",
            "مارس",
            "أفريل",
            "ماي",
            "جوان",
            "جويلية",
            "أوت",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ],
    ),
    (
        "ar",
        &[
            "كانون الثاني",
            "شباط",
            "آذار",
            "نيسان",
            "أيار",
            "حزيران",
            "تموز",
            "آب",
            "أيلول",
            "تشرين الأول",
            "تشرين الثاني",
            "كانون الأول",
        ],
    ),
];

/// Month names of more languages, from CLDR (`data/months.tsv`, made by
/// `scripts/gen_months.py`): (month, lower-case name).
static CLDR_MONTHS: LazyLock<Vec<(u32, String)>> = LazyLock::new(|| {
    include_str!("data/months.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let _lang = cols.next()?;
            let month = cols.next()?.parse().ok()?;
            Some((month, cols.next()?))
        })
        .flat_map(|(m, name)| {
            std::iter::once((m, name.to_string()))
                .chain(nasal_spelling(name).map(|v| (m, v)))
                .chain(without_accents(name).map(|v| (m, v)))
        })
        .collect()
});

/// A month's name as text in capitals writes it, without its accents
/// (Greek `ΔΕΚΕΜΒΡΙΟΥ` for `Δεκεμβρίου`): `None` when it has none, or
/// when fewer than five letters are left (`mai`, `ági` are words).
fn without_accents(name: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let bare: String = name
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    (bare != name && bare.chars().count() >= 5).then_some(bare)
}

/// A Devanagari name written with the other spelling of its nasals:
/// an anusvara before a stop (`दिसंबर`) is also written as that stop's own
/// nasal with a virama (`दिसम्बर`), and both are standard Hindi.
fn nasal_spelling(name: &str) -> Option<String> {
    const ANUSVARA: char = '\u{0902}';
    const VIRAMA: char = '\u{094D}';
    let nasal = |c: char| match c {
        'क'..='घ' => Some('ङ'),
        'च'..='झ' => Some('ञ'),
        'ट'..='ढ' => Some('ण'),
        'त'..='ध' => Some('न'),
        'प'..='भ' => Some('म'),
        _ => None,
    };
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    let mut changed = false;
    for (i, &c) in chars.iter().enumerate() {
        match chars.get(i + 1).copied().and_then(nasal) {
            Some(n) if c == ANUSVARA => {
                out.push(n);
                out.push(VIRAMA);
                changed = true;
            }
            _ => out.push(c),
        }
    }
    changed.then_some(out)
}

/// Every month name, longest first, as a regex alternation, then an
/// abbreviation of three or four letters (which [`month_index`] checks).
pub static MONTH_ALT: LazyLock<String> = LazyLock::new(|| {
    let mut all: Vec<String> = MONTHS
        .iter()
        .flat_map(|(_, m)| m.iter().map(|n| regex::escape(n)))
        .chain(CLDR_MONTHS.iter().map(|(_, n)| regex::escape(n)))
        .collect();
    all.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    all.dedup();
    // Then an abbreviation (`FEB`, `Sept.`, `févr.`, `Jan`): three or four
    // letters, a month only if [`month_index`] finds one it begins.
    format!(r"{}|\p{{L}}{{3,4}}\.?", all.join("|"))
});

/// The month (1–12) a name or an unambiguous abbreviation stands for, in
/// any language of the tables.
pub fn month_index(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    if let Some(i) = MONTHS
        .iter()
        .find_map(|(_, ms)| ms.iter().position(|m| *m == lower))
    {
        return Some(i as u32 + 1);
    }
    if let Some(&(m, _)) = CLDR_MONTHS.iter().find(|(_, n)| *n == lower) {
        return Some(m);
    }
    // An abbreviation: the start of month names that all agree (`mar` is
    // March, marzo and mars; `ju` would be June or July, and is too short).
    let short = lower.trim_end_matches('.');
    let n = short.chars().count();
    if !(3..=4).contains(&n) {
        return None;
    }
    let mut found = MONTHS
        .iter()
        .flat_map(|(_, ms)| ms.iter().enumerate())
        .filter(|(_, m)| m.starts_with(short) && m.chars().count() > n)
        .map(|(i, _)| i as u32 + 1);
    let first = found.next()?;
    found.all(|i| i == first).then_some(first)
}

//! Aho-Corasick matching of every folded surface form (names, keywords and
//! blocking phrases), plus the selection of non-overlapping mentions among
//! all candidates (gazetteer, resolutions, symbols, URLs).
//!
//! The forms are split by script into four automata (Han, Cyrillic, Arabic,
//! everything else), each compiled on first use and run only over texts that
//! contain its script — one pass per script present, never a loop over
//! patterns. They report *overlapping* matches on the lower-cased normalised
//! text; each is checked for word boundaries (spaced scripts only — Han,
//! kana, Thai … have none), for case (all-caps acronyms match exactly,
//! capitalised names must start with a capital letter) and mapped back to
//! the original text. Selection is greedy, longest first: a longer candidate
//! wins over every shorter one it overlaps, and a blocking phrase wins over
//! a name of the same length — leftmost-longest behaviour for Han text
//! (印度尼西亚 over 印度, 发展中国家 over 中国), without letting a longest
//! match that fails its boundary or case check hide a shorter valid one.

use std::collections::{BTreeMap, HashMap};
use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;

use super::gazetteer::Gazetteer;
use super::normalize::{self, Normalized, is_katakana, is_word_char};
use super::russian;
use super::{EntityKind, Mention};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseRule {
    /// Any case (lower-case keywords, uncased scripts).
    Any,
    /// The first letter must be upper-case (proper names: `Chad`, `Jordan`).
    Initial,
    /// Exactly as written, after normalisation (acronyms: `EU`, `ITU`).
    Exact,
}

#[derive(Debug, Clone)]
struct Variant {
    entity: Option<u32>,
    case: CaseRule,
    /// plain-normalised pattern, for `Exact`
    plain: String,
    left: Edge,
    right: Edge,
    arabic_start: bool,
    /// A two-letter all-caps country form (`US`, `UK`; not `U.S.`): not
    /// inside all-caps text, where it is a word (`LET US KNOW`).
    caps_shy: bool,
    /// Pattern is a Russian stem: up to [`MAX_ENDING`] Cyrillic letters
    /// may follow before the word boundary (`Франци|я`, `Франци|и`).
    stem: bool,
    /// Pattern ends in a Hangul syllable: Korean writes its particles onto
    /// the noun (`미국의`, `한국은`), so one may stand between the name and
    /// the word boundary, outside the match.
    hangul: bool,
    /// A name that is a more widespread name of the same country without
    /// its last vowel (Albanian `Zambi`, `Indi`): written after a
    /// capitalised word, it is a person's surname (see
    /// [`after_capitalised_word`]).
    shortened: bool,
    /// The bytes of the name at the pattern's start when the rest only
    /// says where the name may stand (`米` of `米大統領`: one character
    /// before an office): the mention is that character, so a longer name
    /// it ends (`南韓` of `南韓政府`) wins over it. 0: the whole pattern.
    lead: usize,
}

/// What may not touch a pattern's edge for the match to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    /// Han, Thai …: no boundaries at all.
    Free,
    /// Spaced scripts: no letter or digit.
    Word,
    /// Katakana: no other katakana.
    Kana,
}

impl Edge {
    fn of(c: char) -> Edge {
        if is_katakana(c) {
            Edge::Kana
        } else if is_word_char(c) {
            Edge::Word
        } else {
            Edge::Free
        }
    }

    fn blocked_by(self, neighbour: Option<char>) -> bool {
        match (self, neighbour) {
            (_, None) | (Edge::Free, _) => false,
            (Edge::Word, Some(n)) => is_word_char(n),
            (Edge::Kana, Some(n)) => is_katakana(n),
        }
    }
}

/// Longest case ending accepted after a Russian stem.
const MAX_ENDING: usize = 3;

/// Russian and Ukrainian decline names (`Франция` → `Франции`,
/// `Францией`; `Україна` → `України`, `Україною`). A single Cyrillic word
/// of five letters or more is matched by its stem — the word without a
/// final -а, -я, -ы, -и, й or ь — followed by at most three letters. A
/// name in a vowel and -а (`Самоа`) or in another vowel (`Палау`, `Того`)
/// does not decline: it is matched whole (`само`, `палата` are words of
/// their own). Shorter words only match as written;
/// multi-word names get their case forms from `russian::case_forms`.
fn russian_stem(folded: &str) -> Option<String> {
    let n = folded.chars().count();
    if n < 5 || !folded.chars().all(is_cyrillic_lower) {
        return None;
    }
    let mut stem = folded.to_string();
    let vowel_a = stem.ends_with('а')
        && stem
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| "аеёиоуыэюяіїє".contains(c));
    // Foreign names in -о, -е, -у, -ю, -и, -і do not decline (`Палау`,
    // `Того`, `Перу`, `Чили`, `Малі`): matched whole, or `Палата`
    // ("chamber") would be Palau. A Ukrainian plural in -и declines
    // (`Нідерланди` → `Нідерландів`).
    let ukrainian = stem.contains(['і', 'ї', 'є', 'ґ']);
    let indeclinable = vowel_a
        || stem.ends_with(['е', 'о', 'у', 'ю', 'ё', 'э', 'і', 'ї', 'є'])
        || (stem.ends_with('и') && !ukrainian);
    if indeclinable {
        return None;
    }
    if stem.ends_with(['а', 'я', 'и', 'ы', 'й', 'ь']) {
        stem.pop();
    }
    Some(stem)
}

/// A lower-case letter of the Russian, Ukrainian or Belarusian alphabet.
fn is_cyrillic_lower(c: char) -> bool {
    ('а'..='я').contains(&c) || matches!(c, 'ё' | 'і' | 'ї' | 'є' | 'ґ' | 'ў')
}

#[derive(Debug)]
pub struct Matcher {
    /// One automaton per script group (see [`Script`]), each built on first
    /// use: a Chinese document never pays for the Cyrillic and Arabic names.
    groups: [Group; 4],
}

/// The names of one script group. Folding the patterns and building the
/// automaton happen on first use.
#[derive(Debug, Default)]
struct Group {
    /// (entity or blocker, surface text, entity kind, also decline), in
    /// priority order
    surfaces: Vec<(Option<u32>, String, Option<EntityKind>, bool)>,
    /// Folded forms no spelling variant may take (the gazetteer's
    /// refused names).
    refused: std::sync::Arc<std::collections::HashSet<String>>,
    /// Folded names that are another name without its last vowel (the
    /// gazetteer's `shortened`).
    shortened: std::sync::Arc<std::collections::HashSet<String>>,
    compiled: OnceLock<Compiled>,
}

#[derive(Debug)]
struct Compiled {
    ac: Option<AhoCorasick>,
    /// per pattern: its variants, in priority order
    variants: Vec<Vec<Variant>>,
    /// The first bytes of the characters the patterns are made of: a
    /// match (whole characters of valid UTF-8) never holds a character
    /// that starts with another byte.
    leads: [bool; 256],
    /// The shortest pattern, in bytes.
    min_len: usize,
}

impl Group {
    fn compiled(&self, script: Script) -> &Compiled {
        self.compiled.get_or_init(|| {
            compile(
                &self.surfaces,
                &self.refused,
                &self.shortened,
                matches!(script, Script::Han),
            )
        })
    }
}

/// Folds a group's surface forms (plus generated Russian case forms and
/// Arabic contractions) into patterns and builds their automaton: a DFA
/// for Han (`dfa`), whose text is searched at nearly every character
/// (a stretch of Han is all one stretch) and whose names are few enough
/// for the table to be built quickly; a contiguous NFA for the others.
fn compile(
    surfaces: &[(Option<u32>, String, Option<EntityKind>, bool)],
    refused: &std::collections::HashSet<String>,
    shortened: &std::collections::HashSet<String>,
    dfa: bool,
) -> Compiled {
    let mut by_folded: HashMap<String, usize> = HashMap::new();
    let mut patterns: Vec<String> = Vec::new();
    let mut variants: Vec<Vec<Variant>> = Vec::new();
    let with_forms = surfaces.iter().flat_map(|(entity, text, kind, decline)| {
        let mut forms = if *decline {
            russian::case_forms(text)
        } else {
            Vec::new()
        };
        // Arabic: the preposition ل before the article ال drops the
        // alif (ل + الأردن → للأردن), so the proclitic rule cannot see it.
        if let Some(rest) = text.strip_prefix("ال") {
            forms.push(format!("لل{rest}"));
        }
        forms.extend(
            // (Accents dropped only from names as commonly written, not
            // from made case forms: Icelandic `Íslands` is not English
            // `Islands`.)
            spelling_variants(text, *kind == Some(EntityKind::Country) && *decline)
                .into_iter()
                .filter(|v| !refused.contains(&normalize::fold(v))),
        );
        std::iter::once((*entity, text.clone(), *kind))
            .chain(forms.into_iter().map(move |f| (*entity, f, *kind)))
    });
    for (entity, text, kind) in with_forms {
        let folded = normalize::fold(&text);
        if folded.is_empty() {
            continue;
        }
        let first = folded.chars().next().expect("non-empty");
        let last = folded.chars().next_back().expect("non-empty");
        let case = case_rule(&text, kind);
        let stem = if case == CaseRule::Exact {
            None
        } else {
            russian_stem(&folded)
        };
        let is_shortened = entity.is_some() && shortened.contains(&folded);
        let folded = stem.clone().unwrap_or(folded);
        let v = Variant {
            entity,
            case,
            plain: if case == CaseRule::Exact {
                normalize::plain(&text)
            } else {
                String::new()
            },
            left: Edge::of(first),
            right: Edge::of(last),
            arabic_start: ('\u{0600}'..='\u{06FF}').contains(&first),
            caps_shy: case == CaseRule::Exact
                && kind == Some(EntityKind::Country)
                && text.chars().all(char::is_alphabetic)
                && text.chars().count() <= 2,
            stem: stem.is_some(),
            hangul: is_hangul_syllable(last),
            shortened: is_shortened,
            lead: if entity.is_some() {
                super::abbreviations::compound_lead(&folded)
            } else {
                0
            },
        };
        let idx = *by_folded.entry(folded.clone()).or_insert_with(|| {
            patterns.push(folded);
            variants.push(Vec::new());
            patterns.len() - 1
        });
        let list = &mut variants[idx];
        // The same text, entity and rule twice adds nothing.
        if !list.iter().any(|x| {
            x.entity == v.entity && x.case == v.case && x.plain == v.plain && x.stem == v.stem
        }) {
            list.push(v);
        }
    }
    let ac = (!patterns.is_empty()).then(|| {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(if dfa {
                aho_corasick::AhoCorasickKind::DFA
            } else {
                aho_corasick::AhoCorasickKind::ContiguousNFA
            }))
            .build(&patterns)
            .expect("automaton")
    });
    let mut leads = [false; 256];
    for p in &patterns {
        for &b in p.as_bytes() {
            if b & 0xC0 != 0x80 {
                leads[b as usize] = true;
            }
        }
    }
    let min_len = patterns.iter().map(String::len).min().unwrap_or(0);
    Compiled {
        ac,
        variants,
        leads,
        min_len,
    }
}

/// Other spellings of a name that texts use as freely as the name itself:
/// `Saint`, `St` and `St.` (`St Vincent`, `St. Kitts`, `Saint Lucia`), and
/// `and` or `&` (`Trinidad & Tobago`, `St Vincent & the Grenadines`) —
/// every combination, whichever of them the gazetteer has — and, for a
/// country, each of them with its hyphens as spaces, without accents and
/// with `ß` as `ss`.
fn spelling_variants(text: &str, country: bool) -> Vec<String> {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out = vec![String::new()];
    for (i, w) in words.iter().enumerate() {
        let alternatives: &[&str] = match *w {
            "Saint" | "St" | "St." => &["Saint", "St", "St."],
            "and" | "&" if i > 0 => &["and", "&"],
            _ => &[w],
        };
        out = out
            .iter()
            .flat_map(|prefix| {
                alternatives.iter().map(move |a| {
                    if prefix.is_empty() {
                        (*a).to_string()
                    } else {
                        format!("{prefix} {a}")
                    }
                })
            })
            .collect();
    }
    // Each rule below adds its spelling of the name and of every variant
    // made so far.
    let also = |out: &mut Vec<String>, rule: &dyn Fn(&str) -> Option<String>| {
        let made: Vec<String> = std::iter::once(text)
            .chain(out.iter().map(String::as_str))
            .filter_map(rule)
            .collect();
        out.extend(made);
    };
    if country {
        // A hyphen between two words of a country's name written as a
        // space (`Guiné Bissau`, `Timor Leste`, `Bósnia Herzegovina`): the
        // whole name, not the shorter one it holds (Guinea), is what the
        // text names.
        also(&mut out, &hyphens_as_spaces);
        // Country names as written without their accents (`Cote d'Ivoire`,
        // `Turkiye`, `Sao Tome`): Latin script only, and six letters or
        // more, so that no short word comes of it (Vietnamese `Mỹ` is not
        // English `My`, French `Suède` not `Suede`).
        also(&mut out, &without_accents);
        // `ß` as Switzerland writes it, and capitals (`Grossbritannien`).
        also(&mut out, &|v| v.contains('ß').then(|| v.replace('ß', "ss")));
    }
    out.retain(|v| v != text);
    out.sort();
    out.dedup();
    out
}

/// `text` with each hyphen that joins two letters made a space, if it
/// holds one.
fn hyphens_as_spaces(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let joins = |i: usize| {
        chars[i] == '-'
            && i > 0
            && chars[i - 1].is_alphabetic()
            && chars.get(i + 1).is_some_and(|c| c.is_alphabetic())
    };
    if !(0..chars.len()).any(joins) {
        return None;
    }
    Some(
        (0..chars.len())
            .map(|i| if joins(i) { ' ' } else { chars[i] })
            .collect(),
    )
}

fn without_accents(text: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::canonical_combining_class;
    let latin = |c: char| {
        c.is_ascii()
            || ('\u{00C0}'..='\u{024F}').contains(&c)
            || ('\u{1E00}'..='\u{1EFF}').contains(&c)
    };
    if text.is_ascii() || !text.chars().all(latin) {
        return None;
    }
    let s: String = text
        .nfd()
        .filter(|&c| canonical_combining_class(c) == 0)
        .collect();
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= 6 && s.is_ascii()).then_some(s)
}

/// Script groups: a pattern containing Han, Cyrillic or Arabic letters can
/// only match a text that contains them; everything else is `Other`.
#[derive(Debug, Clone, Copy)]
enum Script {
    Other = 0,
    Han = 1,
    Cyrillic = 2,
    Arabic = 3,
}

/// The groups' scripts, in the order of [`Matcher::groups`].
const SCRIPTS: [Script; 4] = [Script::Other, Script::Han, Script::Cyrillic, Script::Arabic];

fn script_of(pattern: &str) -> Script {
    for c in pattern.chars() {
        match c as u32 {
            0x0400..=0x052F => return Script::Cyrillic,
            0x0600..=0x06FF => return Script::Arabic,
            0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF => return Script::Han,
            _ => {}
        }
    }
    Script::Other
}

/// Which groups a text may match, from UTF-8 lead bytes (over-approximate).
fn scripts_in(text: &str) -> [bool; 4] {
    let mut has = [true, false, false, false];
    if text.is_ascii() {
        return has;
    }
    // Branch-free over chunks, so that it vectorises.
    let (mut cyrillic, mut arabic, mut han) = (0u8, 0u8, 0u8);
    for chunk in text.as_bytes().chunks(64) {
        for &b in chunk {
            cyrillic |= u8::from(b.wrapping_sub(0xD0) <= 0xD4 - 0xD0);
            arabic |= u8::from(b.wrapping_sub(0xD8) <= 0xDB - 0xD8);
            han |= u8::from(b.wrapping_sub(0xE3) <= 0xE9 - 0xE3)
                | u8::from(b.wrapping_sub(0xEF) <= 0xF0 - 0xEF);
        }
    }
    has[Script::Cyrillic as usize] = cyrillic != 0;
    has[Script::Arabic as usize] = arabic != 0;
    has[Script::Han as usize] = han != 0;
    has
}

fn case_rule(pattern: &str, kind: Option<EntityKind>) -> CaseRule {
    let mut cased = pattern
        .chars()
        .filter(|c| c.is_uppercase() || c.is_lowercase());
    let Some(first) = cased.clone().next() else {
        return CaseRule::Any;
    };
    if !cased.any(|c| c.is_lowercase()) {
        return CaseRule::Exact;
    }
    if kind == Some(EntityKind::Topic) || kind.is_none() {
        return CaseRule::Any;
    }
    if first.is_uppercase() {
        CaseRule::Initial
    } else {
        CaseRule::Any
    }
}

impl Matcher {
    /// Sorts the gazetteer's surface forms into script groups; nothing is
    /// folded or compiled yet.
    pub fn build(g: &Gazetteer) -> Self {
        let mut groups: [Group; 4] = Default::default();
        let refused = std::sync::Arc::new(g.refused.clone());
        let shortened = std::sync::Arc::new(g.shortened.clone());
        for group in &mut groups {
            group.refused = refused.clone();
            group.shortened = shortened.clone();
        }
        for s in g.all_surfaces() {
            let kind = s.entity.map(|e| g.entities[e as usize].kind);
            groups[script_of(&s.text) as usize].surfaces.push((
                s.entity,
                s.text.clone(),
                kind,
                s.decline,
            ));
        }
        Matcher { groups }
    }

    /// Builds now the automaton every text is searched with (the group of
    /// Latin and other scripts); a Han, Cyrillic or Arabic group is built
    /// when a text holding its script first comes, so a run without
    /// Arabic text never pays for the Arabic names.
    pub fn build_common(&self) {
        self.groups[Script::Other as usize].compiled(Script::Other);
    }

    /// Gazetteer candidates on the original text.
    pub fn candidates(&self, original: &str, lower: &Normalized, out: &mut Vec<Candidate>) {
        let present = scripts_in(&lower.text);
        let mut surnames: Vec<String> = Vec::new();
        for ((g, s), _) in self
            .groups
            .iter()
            .zip(SCRIPTS)
            .zip(present)
            .filter(|(_, p)| *p)
        {
            let c = g.compiled(s);
            if let Some(ac) = &c.ac {
                Self::group_candidates(ac, c, original, lower, out, &mut surnames);
            }
        }
        // A shortened name read as a surname once (`Godfrey Zambi says`) is
        // the person wherever this text writes it alone (`Zambi, who …`).
        if !surnames.is_empty() {
            out.retain(|c| {
                !(matches!(c.what, What::Entity(_))
                    && surnames.contains(&normalize::fold(&original[c.start..c.end])))
            });
        }
    }

    fn group_candidates(
        ac: &AhoCorasick,
        c: &Compiled,
        original: &str,
        lower: &Normalized,
        out: &mut Vec<Candidate>,
        surnames: &mut Vec<String>,
    ) {
        let t = lower.text.as_str();
        // The automaton runs only over the stretches of text made of
        // characters the patterns use (Han text between the digits and
        // Latin words the Latin group looks for is skipped): no match can
        // cross a character outside them, and within a stretch the matches
        // and their order are those of the whole text.
        let b = t.as_bytes();
        // From one character's first byte to the next's (valid UTF-8):
        // the text is walked a character at a time, not a byte.
        let width = |lead: u8| match lead {
            0xF0..=0xFF => 4,
            0xE0..=0xEF => 3,
            0xC0..=0xDF => 2,
            _ => 1,
        };
        let mut i = 0;
        while i < b.len() {
            // No continuation byte is a lead: the next character the
            // patterns use starts at the next lead that is one, found a
            // character at a time (a Han character is one step, not three).
            while i < b.len() && !c.leads[b[i] as usize] {
                i += width(b[i]);
            }
            let start = i;
            while i < b.len() && c.leads[b[i] as usize] {
                i += width(b[i]);
            }
            if i - start >= c.min_len && i > start {
                Self::stretch_candidates(ac, &c.variants, original, lower, start..i, out, surnames);
            }
        }
    }

    fn stretch_candidates(
        ac: &AhoCorasick,
        variants: &[Vec<Variant>],
        original: &str,
        lower: &Normalized,
        stretch: std::ops::Range<usize>,
        out: &mut Vec<Candidate>,
        surnames: &mut Vec<String>,
    ) {
        let t = lower.text.as_str();
        for m in ac.find_overlapping_iter(aho_corasick::Input::new(t).range(stretch)) {
            let (s, e0) = (m.start(), m.end());
            let before = t[..s].chars().next_back();
            for v in &variants[m.pattern().as_usize()] {
                let e = if v.stem {
                    e0 + ending_len(&t[e0..])
                } else {
                    e0
                };
                let Some((os, oe)) = lower.orig_range(s, e) else {
                    continue;
                };
                // (A compound's mention is its name: checked whole, kept
                // as its first character.)
                let lead_end = match v.lead {
                    0 => oe,
                    n => match lower.orig_range(s, s + n) {
                        Some((_, le)) => le,
                        None => continue,
                    },
                };
                let particle = if v.hangul { particle_len(&t[e..]) } else { 0 };
                let after = t[e + particle..].chars().next();
                if v.left.blocked_by(before) && !(v.arabic_start && proclitic_ok(&t[..s])) {
                    continue;
                }
                if v.right.blocked_by(after) {
                    continue;
                }
                if v.entity.is_some() && names_a_language(&t[s..e], &t[e..]) {
                    continue;
                }
                let orig = &original[os..oe];
                if in_vietnamese_name(original, os, oe) {
                    continue;
                }
                if v.shortened && after_capitalised_word(original, os) {
                    let name = normalize::fold(&original[os..oe]);
                    if !surnames.contains(&name) {
                        surnames.push(name);
                    }
                    continue;
                }
                let ok = match v.case {
                    CaseRule::Any => true,
                    CaseRule::Initial => orig
                        .chars()
                        .find(|c| c.is_alphabetic())
                        .is_none_or(|c| !c.is_lowercase()),
                    CaseRule::Exact => {
                        normalize::plain(orig) == v.plain
                            && !(v.caps_shy && in_caps_context(original, os, oe))
                    }
                };
                if ok {
                    out.push(Candidate {
                        start: os,
                        end: lead_end,
                        what: match v.entity {
                            Some(i) => What::Entity(i),
                            None => What::Block,
                        },
                        inexact: v.stem,
                        weight: if v.lead > 0 { v.lead } else { e0 - s },
                    });
                    break;
                }
            }
        }
    }
}

/// Is the one-word match `original[s..e]` a syllable of a Vietnamese
/// person's name? Vietnamese names are capitalised syllables in a row
/// (`Nguyễn Minh Đức`, `Tuấn Anh`), and several country names are one
/// syllable (`Đức` Germany, `Anh` United Kingdom, `Pháp`, `Nga`, `Mỹ`):
/// a match next to another capitalised word, one of the two written with
/// Vietnamese letters, is a name. (`hợp tác với Đức`, `nước Anh` stay
/// countries; English title case, `China And Russia`, has no Vietnamese
/// letters and is not touched.)
fn in_vietnamese_name(original: &str, s: usize, e: usize) -> bool {
    let word = &original[s..e];
    if word.contains(char::is_whitespace) {
        return false;
    }
    let before = original[..s]
        .strip_suffix(' ')
        .and_then(|b| b.rsplit(|c: char| !c.is_alphabetic()).next())
        .filter(|w| !w.is_empty());
    let after = original[e..]
        .strip_prefix(' ')
        .and_then(|a| a.split(|c: char| !c.is_alphabetic()).next())
        .filter(|w| !w.is_empty());
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    [before, after]
        .into_iter()
        .flatten()
        .filter(|w| capitalised(w))
        .any(|w| is_vietnamese(w) || is_vietnamese(word))
}

/// Does a capitalised word stand just before `original[s..]` (`Godfrey
/// Zambi`, `President Zambi`)? A country's name shortened by its last
/// vowel (Albanian `Zambi` for Zambia) is, there, a person's surname: a
/// given name or a title before it, in any language's text. The
/// widespread names (`Nazi Germany`, `Imperial Japan`) are not touched.
fn after_capitalised_word(original: &str, s: usize) -> bool {
    let Some(before) = original[..s].strip_suffix(' ') else {
        return false;
    };
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 2
        && chars.any(char::is_lowercase)
}

/// Written with letters only Vietnamese uses among Latin scripts (`đ`,
/// `ơ`, `ư`, `ă`, and the tone-marked vowels of Latin Extended Additional).
fn is_vietnamese(word: &str) -> bool {
    word.chars().any(|c| {
        matches!(c, 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ă' | 'Ă')
            || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
    })
}

/// Chinese and Japanese name a language by the country's name and 语/語
/// ("language"): `日本語`, `ドイツ語`, `荷兰语`, `朝鲜语` are languages, not
/// the countries (`语境`, "context", is another word).
fn names_a_language(matched: &str, rest: &str) -> bool {
    let ideographic = matched
        .chars()
        .next_back()
        .is_some_and(|c| crate::ingest::text::is_han(c) || is_katakana(c));
    let Some(next) = rest.strip_prefix('語').or_else(|| rest.strip_prefix('语')) else {
        return false;
    };
    ideographic && !next.starts_with('境')
}

/// Is `original[s..e]` inside all-caps text: a neighbouring word of two or
/// more upper-case letters and no lower-case letter nearby?
fn in_caps_context(original: &str, s: usize, e: usize) -> bool {
    const REACH: usize = 24;
    let before: String = original[..s].chars().rev().take(REACH).collect();
    let after: String = original[e..].chars().take(REACH).collect();
    let near = [before.as_str(), after.as_str()];
    if near.iter().any(|t| t.chars().any(char::is_lowercase)) {
        return false;
    }
    near.iter().any(|t| {
        t.split(|c: char| !c.is_alphabetic())
            .any(|w| w.chars().count() >= 2)
    })
}

static URL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:https?://|ftp://|www\.)[^\s<>()\[\]\x22\x{2E80}-\x{9FFF}\x{AC00}-\x{D7AF}\x{FF00}-\x{FFEF}]+|[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|(?-u:\b)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|int|net|gov|edu|info|io)(?-u:\b)(?:/[^\s<>()\[\]]*)?",
    )
    .expect("url regex")
});

/// URLs, e-mail addresses and bare domains: nothing inside them is a
/// mention (`twitter.com/ITU_News`, `https://undocs.org/S/2015/939`).
pub fn url_blocks(original: &str, out: &mut Vec<Candidate>) {
    if !original.contains('.') {
        return;
    }
    for m in URL_RE.find_iter(original) {
        out.push(Candidate {
            start: m.start(),
            end: m.end(),
            what: What::Block,
            inexact: false,
            weight: m.len(),
        });
    }
}

fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Korean particles written onto a noun, longest first.
const PARTICLES: &[&str] = &[
    "에서는",
    "에서도",
    "으로는",
    "에게는",
    "과의",
    "와의",
    "에서",
    "에게",
    "으로",
    "까지",
    "부터",
    "처럼",
    "보다",
    "이나",
    "에는",
    "에도",
    "과는",
    "와는",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "과",
    "와",
    "도",
    "로",
    "만",
    "나",
];

/// Byte length of a Korean particle at the start of `rest` (0 if none).
fn particle_len(rest: &str) -> usize {
    PARTICLES
        .iter()
        .find(|p| rest.starts_with(**p))
        .map_or(0, |p| p.len())
}

/// Byte length of the case ending after a Russian stem: up to
/// [`MAX_ENDING`] Cyrillic letters, only if a word boundary follows.
fn ending_len(rest: &str) -> usize {
    let mut len = 0;
    for (i, c) in rest.chars().enumerate() {
        if is_cyrillic_lower(c) {
            if i == MAX_ENDING {
                return 0;
            }
            len += c.len_utf8();
        } else {
            break;
        }
    }
    len
}

/// Arabic attaches the conjunctions و ف and the prepositions ب ل ك to the
/// next word: `وفرنسا` is "and France". Up to two such letters may precede a
/// name, after a non-word character.
fn proclitic_ok(before: &str) -> bool {
    let mut it = before.chars().rev();
    for _ in 0..2 {
        match it.next() {
            Some('و' | 'ف' | 'ب' | 'ل' | 'ك') => {
                let rest = it.clone().next();
                if rest.is_none_or(|c| !is_word_char(c)) {
                    return true;
                }
            }
            _ => return false,
        }
    }
    false
}

#[derive(Debug, Clone)]
pub enum What {
    Entity(u32),
    Owned(super::EntityId),
    Block,
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub what: What,
    /// matched through a stem (loses a tie against an exact form)
    pub inexact: bool,
    /// length of the literal part matched (a longer stem wins a tie)
    pub weight: usize,
}

/// Greedy, longest first; a blocking phrase wins a tie; then structured ids
/// (resolutions, symbols); then the earlier start. Returns the winners that
/// are not blocks, sorted by position.
pub fn select(mut cands: Vec<Candidate>, g: &Gazetteer) -> Vec<Mention> {
    let rank = |w: &What| match w {
        What::Block => 0,
        What::Owned(_) => 1,
        What::Entity(_) => 2,
    };
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(rank(&a.what).cmp(&rank(&b.what)))
            .then(a.inexact.cmp(&b.inexact))
            .then(b.weight.cmp(&a.weight))
            .then(a.start.cmp(&b.start))
    });
    let mut chosen: BTreeMap<usize, (usize, What)> = BTreeMap::new();
    for c in cands {
        if c.start >= c.end {
            continue;
        }
        if let Some((_, (pe, _))) = chosen.range(..c.end).next_back()
            && *pe > c.start
        {
            continue;
        }
        chosen.insert(c.start, (c.end, c.what));
    }
    chosen
        .into_iter()
        .filter_map(|(start, (end, what))| {
            let entity = match what {
                What::Block => return None,
                What::Owned(id) => id,
                What::Entity(i) => g.entities[i as usize].clone(),
            };
            Some(Mention { start, end, entity })
        })
        .collect()
}

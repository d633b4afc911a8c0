//! Boilerplate inside the body: share bars, "related" lists, inline ads,
//! tag lines, "read more" links — jusText's block classification, applied
//! to the lines of plain text (each non-blank line is a block).
//!
//! Each block is classed from its own features, then by its neighbours:
//! - *bad*: mostly links; a bar of items separated by `|`, `•`, `·`;
//!   a tag cloud (many short items, no sentence punctuation, no function
//!   words); a short line without sentence punctuation that holds a
//!   chrome word (`share`, `订阅`, `đăng ký` …, data/boilerplate.tsv) and
//!   shares little of the document's vocabulary; a long line with almost
//!   no function words of the document's language (keyword spam);
//! - *good*: long (≥ 70 characters, 25 Han) and written in sentences —
//!   function words of the document's language (data/stopwords.tsv, the
//!   top of the jusText stoplists) or, for a language without a list, the
//!   document's own vocabulary;
//! - *short* or *near-good* otherwise, and then decided by context as in
//!   jusText, but conservatively: a short block stays unless it sits in a
//!   run that starts at a bad block and shares little of the document's
//!   vocabulary (the headlines under `Related articles`); a heading right
//!   above a good block stays.
//!
//! A document's own structure is never judged: numbered paragraphs,
//! lettered items, footnotes, headings with a number or a `#`, tables,
//! code. Removed blocks become blank lines.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::boiler::{Fast, Id, Interner, Token, word_hash};
pub(crate) use crate::ingest::text::is_letter;
use crate::ingest::text::{is_alnum, is_comma, is_han, is_stop};

/// A language's function words. (FxHash: a word is hashed eight bytes at
/// a time; every word of a document is looked up.)
pub(crate) type Stoplist = HashSet<&'static str, rustc_hash::FxBuildHasher>;

/// Function words per language (see the data file's header); Han function
/// characters apart.
static STOPWORDS: LazyLock<Vec<(&'static str, Stoplist)>> = LazyLock::new(|| {
    data_lines(include_str!("data/stopwords.tsv"))
        .filter(|(lang, _)| *lang != "zh")
        .map(|(lang, words)| (lang, words.split_whitespace().collect()))
        .collect()
});

/// Every function word, with the languages (bits, in [`STOPWORDS`]
/// order) whose list holds it: one look-up per word.
static STOP_LANGS: LazyLock<HashMap<&'static str, u32, rustc_hash::FxBuildHasher>> =
    LazyLock::new(|| {
        let mut out: HashMap<&'static str, u32, rustc_hash::FxBuildHasher> = HashMap::default();
        for (k, (_, list)) in STOPWORDS.iter().enumerate() {
            for w in list {
                *out.entry(w).or_default() |= 1 << k;
            }
        }
        out
    });

static HAN_STOPS: LazyLock<HashSet<char, Fast>> = LazyLock::new(|| {
    data_lines(include_str!("data/stopwords.tsv"))
        .filter(|(lang, _)| *lang == "zh")
        .flat_map(|(_, chars)| chars.chars())
        .filter(|&c| is_han(c))
        .collect()
});

/// Words web chrome is made of, every language together (lowercase), in
/// one automaton.
static CHROME_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let words: Vec<&str> = data_lines(include_str!("data/boilerplate.tsv"))
        .flat_map(|(_, words)| words.split('|').map(str::trim))
        .filter(|w| !w.is_empty())
        .collect();
    AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(words)
        .unwrap()
});

/// [`HAN_STOPS`] of the core CJK blocks as a bitmap (U+3400…U+9FFF):
/// one bit test per character of Han text.
static HAN_STOP_BITS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; (0xA000 - 0x3400) / 64];
    for &c in HAN_STOPS.iter() {
        if let Some(k) = (c as usize).checked_sub(0x3400)
            && k < bits.len() * 64
        {
            bits[k / 64] |= 1 << (k % 64);
        }
    }
    bits
});

fn is_han_stop(c: char) -> bool {
    match (c as usize).checked_sub(0x3400) {
        Some(k) if k < HAN_STOP_BITS.len() * 64 => HAN_STOP_BITS[k / 64] & (1 << (k % 64)) != 0,
        _ => !c.is_ascii() && HAN_STOPS.contains(&c),
    }
}

fn data_lines(text: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
}

/// A document's own structure: numbered paragraphs and headings, lettered
/// items, footnotes, markdown headings, quotes, tables and code fences.
static STRUCTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*(?:
            \d{1,4}(?:\.\d{1,3})*[.)\s]      # 1. / 1.2 / 12) / footnote 3 text
          | \d{1,4}\.?\p{Han}                # 11.会员国
          | \(?[a-zA-Z]{1,3}\)\s             # (a) / a) / (iv)
          | [IVXLC]{1,6}\.\s                 # II. Background
          | [A-Z]\.\s                        # A. Scope
          | [一二三四五六七八九十]{1,3}[、.．]   # 一、
          | （[一二三四五六七八九十]{1,3}）      # （一）
          | \#{1,6}\s | > | \| | ``` | ~~~
          | \^\[?\d                          # footnote definitions
          | \[\^
        )",
    )
    .unwrap()
});

/// A TOC line with dot leaders, the one shape of [`STRUCTURE`] that must
/// read the whole line: tried only on lines with four dots or more.
static TOC_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*.*(?:\.\s?){4,}\s*\d{1,4}\s*$").unwrap());

fn is_structure(t: &str) -> bool {
    STRUCTURE.is_match(t) || t.bytes().filter(|&b| b == b'.').count() >= 4 && TOC_LINE.is_match(t)
}

/// Searchers for `Σ` and `©`, built once: building one costs more than
/// searching a line.
static SIGMA: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("Σ"));
static COPYRIGHT: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("©"));

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[[^\[\]]*\]\([^)\s]*\)|<?(?:https?://|www\.)[^\s<>]+>?|[A-Za-z0-9_.+-]+@[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+")
        .unwrap()
});

/// Token id → (lines holding it, the last line counted: each distinct
/// token of a line counts once).
type LinesWith = Vec<(u32, u32)>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Good,
    NearGood,
    Short,
    Bad,
    /// Structure: kept, and counts as good for its neighbours.
    Kept,
}

struct Features {
    chars: usize,
    han: usize,
    words: usize,
    link_density: f64,
    /// Function words / words (or function characters / Han characters).
    stop_density: Option<f64>,
    /// Tokens shared with other lines / tokens.
    share: Option<f64>,
    ends_sentence: bool,
    separators: usize,
    chrome: bool,
    /// Distinct chrome phrases (and `©` signs) on the line: a footer
    /// (`© 2023 … All rights reserved. Privacy policy | Terms of use`)
    /// is dense with them, a sentence that happens to hold one is not.
    chrome_hits: usize,
    tag_cloud: bool,
    /// The line starts with a chrome word and a colon (`Read more:`,
    /// `Tags:`, `Xem thêm:`, `相关阅读：`).
    chrome_lead: bool,
    /// Whitespace-separated items.
    spaced_items: usize,
}

/// The same classification over a reader's blocks (a web page's article
/// as its reader found it): paragraphs and list items are judged, headings
/// only by their context, tables and code never. Returns how many blocks
/// were dropped.
pub fn drop_boilerplate_blocks(blocks: &mut Vec<crate::ingest::model::Block>) -> usize {
    use crate::ingest::model::Block;
    let mut lines: Vec<String> = Vec::with_capacity(blocks.len() * 2);
    for b in blocks.iter() {
        let line = match b {
            Block::Para {
                text,
                num: None,
                items,
            } if items.is_empty() => text.clone(),
            Block::ListItem(text) => format!("- {text}"),
            Block::Heading { text, .. } => format!("## {text}"),
            // Judged never: the document's own structure.
            Block::Quote(t) => format!("> {t}"),
            _ => "| kept |".to_string(),
        };
        lines.push(line.replace('\n', " "));
        lines.push(String::new());
    }
    let mut dropped = drop_inner_boilerplate(&mut lines, true);
    // Too few blocks to judge by context (the classes need five): a
    // labelled strip at either end (`Tags: a b c`, `Share: …`) still goes.
    if dropped == 0 && blocks.len() < 5 {
        for i in [0, blocks.len().saturating_sub(1)] {
            if let Some(Block::Para { text, .. }) = blocks.get(i)
                && is_labelled_strip(text)
                && !lines[2 * i].is_empty()
            {
                lines[2 * i].clear();
                dropped += 1;
            }
        }
    }
    if dropped == 0 {
        return 0;
    }
    let mut i = 0;
    blocks.retain(|_| {
        let keep = !lines[2 * i].trim().is_empty();
        i += 1;
        keep
    });
    dropped
}

/// A short strip led by a chrome word and a colon (`Tags: ransomware
/// police`, `Partager : Facebook Twitter`, `相关阅读：…`) that is not a
/// sentence.
pub(crate) fn is_labelled_strip(text: &str) -> bool {
    let t = text.trim();
    let lower = t.to_lowercase();
    if t.chars().count() > 160 || ends_sentence(t) {
        return false;
    }
    CHROME_WORDS.find_iter(&lower).next().is_some_and(|m| {
        m.start() == 0
            && on_word_boundaries(&lower, m.start(), m.end())
            && lower[m.end()..]
                .trim_start()
                .starts_with([':', '：', '|', '»', '›'])
            && t.split_whitespace().count() <= 15
    })
}

/// A short label made of chrome words (`Related articles`, `Weitere
/// Beiträge zum Thema`, `Dans la même rubrique`, `Most read`): chrome words
/// cover half its letters or more, in at most eight words, and it is no
/// sentence. Markdown links and emphasis are read as their text.
pub(crate) fn is_chrome_label(text: &str) -> bool {
    static MD_LINK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"\[([^\]]*)\]\({}\)",
            crate::ingest::text::MD_LINK_TARGET
        ))
        .unwrap()
    });
    let plain = MD_LINK
        .replace_all(text, "$1")
        .replace(['*', '_', '\\', '#'], "");
    let t = plain
        .trim()
        .trim_end_matches([':', '：', '?', '!', '…'])
        .trim();
    if t.is_empty() || t.split_whitespace().count() > 8 || ends_sentence(t) {
        return false;
    }
    let lower = lowercase(t);
    let lower: &str = &lower;
    let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
    let covered: usize = CHROME_WORDS
        .find_iter(lower)
        .filter(|m| on_word_boundaries(lower, m.start(), m.end()))
        .map(|m| letters(&lower[m.start()..m.end()]))
        .sum();
    // (A line without letters — `=)`, a rule — labels nothing.)
    let all = letters(lower);
    all > 0 && covered * 2 >= all
}

/// Blanks the lines that are boilerplate inside the body; returns how
/// many were blanked.
pub fn drop_inner_boilerplate(lines: &mut [String], markdown: bool) -> usize {
    let mut cut = Vec::new();
    drop_inner_boilerplate_into(
        lines,
        markdown,
        &KnownTokens::default(),
        &mut Interner::default(),
        &mut cut,
    );
    cut.len()
}

/// Lines already tokenised (by the head/tail cut, before the page
/// furniture was stripped), by their text: most lines reach this stage
/// unchanged, and a line's tokens depend on its text alone. (FxHash: a
/// line is hashed eight bytes at a time.)
pub(crate) type KnownTokens<'a> = HashMap<&'a str, &'a [Id], rustc_hash::FxBuildHasher>;

/// [`drop_inner_boilerplate`], the blanked lines' text put in `cut` with
/// their indices, in order.
pub(crate) fn drop_inner_boilerplate_into(
    lines: &mut [String],
    markdown: bool,
    known: &KnownTokens<'_>,
    interner: &mut Interner,
    cut: &mut Vec<(usize, String)>,
) {
    let units: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            let t = lines[i].trim();
            !t.is_empty() && t != super::PAGE_BREAK
        })
        .collect();
    if units.len() < 5 {
        return;
    }
    let lang_stops = document_stopwords(lines);
    // A line's known tokens are borrowed, copied only to drop function
    // words from them.
    let mut tokens: Vec<std::borrow::Cow<'_, [Id]>> = units
        .iter()
        .map(|&i| match known.get(lines[i].as_str()) {
            Some(&t) => std::borrow::Cow::Borrowed(t),
            None => std::borrow::Cow::Owned(interner.tokenize(&lines[i])),
        })
        .collect();
    // Vocabulary is judged on content words: function words are shared by
    // any two lines of a language. (Only words are function words: Han
    // pairs never are.)
    let mut is_stop = vec![false; interner.len()];
    let mut any_stop = false;
    for w in lang_stops.into_iter().flatten() {
        if let Some(id) = interner.get(&Token::Word(word_hash(w))) {
            is_stop[id as usize] = true;
            any_stop = true;
        }
    }
    if any_stop {
        for t in &mut tokens {
            if t.iter().any(|&id| is_stop[id as usize]) {
                t.to_mut().retain(|&id| !is_stop[id as usize]);
            }
        }
    }
    let mut counted: LinesWith = vec![(0, u32::MAX); interner.len()];
    for (k, toks) in tokens.iter().enumerate() {
        for &t in toks.iter() {
            let e = &mut counted[t as usize];
            if e.1 != k as u32 {
                *e = (e.0 + 1, k as u32);
            }
        }
    }
    let lines_with = counted;
    // A document's own structure is never judged (its features only feed
    // the document's typical vocabulary share).
    let mut in_fence = false;
    let structural: Vec<bool> = units
        .iter()
        .map(|&i| {
            let t = lines[i].trim();
            if t.starts_with("```") || t.starts_with("~~~") {
                in_fence = !in_fence;
                return true;
            }
            in_fence || is_structure(t) && !(markdown && link_item(t))
        })
        .collect();
    let feats: Vec<Features> = units
        .iter()
        .zip(&tokens)
        .zip(&structural)
        .map(|((&i, toks), &kept)| {
            if kept {
                light_features(lines[i].trim(), toks, &lines_with)
            } else {
                features(lines[i].trim(), toks, &lines_with, lang_stops)
            }
        })
        .collect();
    let median_share = median(
        feats
            .iter()
            .filter(|f| f.words >= 8)
            .filter_map(|f| f.share),
    );
    let low_share = |f: &Features| f.share.is_none_or(|s| s < 0.5 * median_share);

    let classes: Vec<Class> = feats
        .iter()
        .zip(&structural)
        .zip(&units)
        .map(|((f, &kept), &i)| {
            if kept {
                Class::Kept
            } else if markdown && super::teasers::is_image_strip(&lines[i]) {
                Class::Bad
            } else {
                classify(f, low_share(f), median_share)
            }
        })
        .collect();

    // A line that is bad only for a chrome word (`Comments received`,
    // `Print media`) but heads a good block it shares words with is that
    // block's heading.
    let n = classes.len();
    let mut classes = classes;
    for k in 0..n.saturating_sub(1) {
        let f = &feats[k];
        let chrome_only = classes[k] == Class::Bad
            && f.chrome
            && !f.chrome_lead
            && f.link_density <= 0.2
            && f.separators < 2
            && !f.tag_cloud;
        if chrome_only && classes[k + 1] == Class::Good && shares_token(&tokens[k], &tokens[k + 1])
        {
            classes[k] = Class::Short;
        }
    }
    // Context, jusText-style, leaning towards keeping. The nearest
    // decided neighbours of every block, found in one pass each way (edges
    // count as good: the head and tail were judged already).
    let undecided = |c: Class| matches!(c, Class::Short | Class::NearGood);
    let mut prev_decided: Vec<Option<Class>> = Vec::with_capacity(n);
    let mut last = None;
    for &c in &classes {
        prev_decided.push(last);
        if !undecided(c) {
            last = Some(c);
        }
    }
    let mut next_decided: Vec<Option<Class>> = vec![None; n];
    let mut last = None;
    for k in (0..n).rev() {
        next_decided[k] = last;
        if !undecided(classes[k]) {
            last = Some(classes[k]);
        }
    }
    let mut out = classes.clone();
    // Whether every block since the last bad one (or since the start) was
    // judged bad.
    let mut run_all_bad = true;
    for k in 0..n {
        if undecided(classes[k]) {
            let prev_bad = prev_decided[k] == Some(Class::Bad);
            let next_bad = next_decided[k] == Some(Class::Bad);
            let f = &feats[k];
            let bad = if prev_bad && next_bad {
                // Between two bad blocks: bad unless it is prose.
                let prose = f.ends_sentence
                    || classes[k] == Class::NearGood && f.stop_density.is_some_and(|d| d >= 0.12);
                !prose && (classes[k] == Class::Short || low_share(f))
            } else if prev_bad {
                // Under a bad block (`Related articles` → headlines): bad
                // while the run is short, unpunctuated and off the
                // document's topic, unless it heads the good block that
                // follows. A heading names what follows: it shares words
                // with the block below it or with the document.
                let heads_good = classes
                    .get(k + 1)
                    .is_some_and(|c| matches!(c, Class::Good | Class::Kept))
                    && (f.share.is_some_and(|s| s >= median_share)
                        || shares_token(&tokens[k], &tokens[k + 1]));
                classes[k] == Class::Short
                    && !f.ends_sentence
                    && f.share.is_none_or(|s| s < median_share)
                    && !heads_good
                    && run_all_bad
            } else {
                false
            };
            if bad {
                out[k] = Class::Bad;
            }
        }
        run_all_bad = classes[k] == Class::Bad || run_all_bad && out[k] == Class::Bad;
    }
    if std::env::var_os("PILCROW_DEBUG_BLOCKS").is_some() {
        eprintln!("median share {median_share:.2}");
        for (((&i, c), o), f) in units.iter().zip(&classes).zip(&out).zip(&feats) {
            eprintln!(
                "{c:?}->{o:?} share {:?} stops {:?} {}",
                f.share.map(|s| (s * 100.0).round()),
                f.stop_density.map(|s| (s * 100.0).round()),
                lines[i].chars().take(40).collect::<String>()
            );
        }
    }
    let debug = std::env::var_os("PILCROW_DEBUG_BOILER").is_some();
    for (&i, c) in units.iter().zip(&out) {
        if *c == Class::Bad {
            if debug {
                eprintln!("inner boilerplate: {}", lines[i]);
            }
            cut.push((i, std::mem::take(&mut lines[i])));
        }
    }
}

/// Whether a line reads as prose of the document's language: long, ends
/// a sentence (or, longer, a clause), and a jusText share of function words (¼ of its words, or
/// ⅛ of its Han characters). Such a line is never web chrome.
/// The share of function words that makes a long sentence prose in a
/// language whose list covers much of any text (English, French).
const PROSE_STOPS: f64 = 0.25;

/// The share of function words a line of these `lines` needs to be prose:
/// [`PROSE_STOPS`], or less in a language that inflects where others use
/// function words (Polish, Turkish: their lists cover less of any text) —
/// seven tenths of what this document's own long sentences have, sampled,
/// and never under a tenth.
pub(crate) fn prose_bar(lines: &[&str], stops: Option<&'static Stoplist>) -> f64 {
    let long = |t: &&&str| t.len() >= 70 && ends_sentence(t.trim());
    let n = lines.iter().filter(long).count();
    let step = n.div_ceil(64).max(1);
    let mut shares: Vec<f64> = lines
        .iter()
        .filter(long)
        .step_by(step)
        .filter_map(|t| {
            let t = t.trim();
            let han = t.chars().filter(|&c| is_han(c)).count();
            let lower = lowercase(t);
            let words = words_of(&lower);
            if han >= 10 {
                return None;
            }
            stop_density(t, han, &words, stops)
        })
        .collect();
    if shares.len() < 3 {
        return PROSE_STOPS;
    }
    shares.sort_by(f64::total_cmp);
    (0.7_f64 * shares[shares.len() / 2]).clamp(0.1, PROSE_STOPS)
}

/// Whether a line reads as prose of the document's language: long, ends
/// a sentence, and a jusText share of function words (`bar` of its words,
/// see [`prose_bar`], or ⅛ of its Han characters). Such a line is never
/// web chrome.
pub(crate) fn is_prose_at(line: &str, stops: Option<&'static Stoplist>, bar: f64) -> bool {
    let t = line.trim();
    if t.len() < 45 {
        return false;
    }
    let han = t.chars().filter(|&c| is_han(c)).count();
    // A long clause that a comma or semicolon ends is prose too: the
    // recitals of a preamble (`Whereas …,`) each stand on their own line.
    let ends_clause = || t.len() >= 100 && t.ends_with([',', ';', '،', '؛', '，', '；']);
    if t.chars().count() < 70 && han < 15 || !(ends_sentence(t) || ends_clause()) {
        return false;
    }
    let lower = lowercase(t);
    let lower: &str = &lower;
    let words = words_of(lower);
    let link_chars: usize = LINK.find_iter(t).map(|m| m.as_str().chars().count()).sum();
    link_chars * 5 < t.chars().count()
        && (stop_density(t, han, &words, stops)
            .is_some_and(|d| if han >= 15 { d >= 0.125 } else { d >= bar })
            || lower_case_sentence(t))
}

/// A sentence of at least twelve words, four in five of them written in
/// lower case: prose in a language that inflects where others use
/// function words (Turkish, Finnish, Hungarian), whose function-word
/// share says little. A headline strip, a tag cloud or a menu capitalises
/// its words.
fn lower_case_sentence(t: &str) -> bool {
    let (mut n, mut lower) = (0usize, 0usize);
    for w in t.split_whitespace() {
        n += 1;
        lower += usize::from(w.chars().next().is_some_and(char::is_lowercase));
    }
    n >= 12 && lower * 5 >= n * 4
}

/// `str::to_lowercase`, with the common scripts that have no case (Han)
/// and ASCII taken the short way: the runs of characters that stay as
/// they are copied whole, and a text without capitals borrowed.
fn lowercase(t: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if t.is_ascii() {
        return if t.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(t.to_ascii_lowercase())
        } else {
            Cow::Borrowed(t)
        };
    }
    // Σ lowercases by its context: the library does it.
    if SIGMA.find(t.as_bytes()).is_some() {
        return Cow::Owned(t.to_lowercase());
    }
    let mut out = String::new();
    // Bytes of `t` already in `out`.
    let mut copied = 0;
    let b = t.as_bytes();
    let mut next = 0;
    while next < b.len() {
        // U+4000…U+9FFF (lead bytes E4…E9), core Han: no case, passed by
        // its bytes without decoding.
        if (0xE4..=0xE9).contains(&b[next]) {
            next += 3;
            continue;
        }
        let i = next;
        let Some(c) = t[i..].chars().next() else {
            break;
        };
        next += c.len_utf8();
        if keeps_case(c) {
            continue;
        }
        if out.capacity() == 0 {
            out.reserve(t.len());
        }
        out.push_str(&t[copied..i]);
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c == 'İ' {
            // Turkish capital dotted I: `i`, not `i` and a combining dot
            // (`İlgili` reads as `ilgili`).
            out.push('i');
        } else {
            out.extend(c.to_lowercase());
        }
        copied = i + c.len_utf8();
    }
    if copied == 0 {
        return Cow::Borrowed(t);
    }
    out.push_str(&t[copied..]);
    Cow::Owned(out)
}

/// Whether [`lowercase`] leaves `c` as it is without asking the tables:
/// ASCII but capitals; Han, CJK punctuation, full-width punctuation and
/// digits (no case).
fn keeps_case(c: char) -> bool {
    if c.is_ascii() {
        !c.is_ascii_uppercase()
    } else {
        is_core_han(c) || matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF20)
    }
}

/// The CJK Unified Ideographs (and extension A): every one assigned, a
/// letter, with no case.
fn is_core_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
}

/// The pieces of `lower` between characters that are neither
/// alphanumeric nor `'` or `-`, that hold a letter and no Han character.
/// ASCII and core Han (lead bytes E5…E9) are known by their first byte.
fn words_of(lower: &str) -> Vec<&str> {
    let b = lower.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut at) = (0, 0);
    let (mut han, mut letter) = (false, false);
    while at < b.len() {
        let x = b[at];
        let (len, sep) = if (0xE5..=0xE9).contains(&x) {
            han = true;
            (3, false)
        } else if x < 0x80 {
            letter |= x.is_ascii_alphabetic();
            (1, !x.is_ascii_alphanumeric() && x != b'\'' && x != b'-')
        } else {
            let Some(c) = lower[at..].chars().next() else {
                break;
            };
            let sep = !is_alnum(c);
            if !sep {
                han |= is_han(c);
                letter |= is_letter(c);
            }
            (c.len_utf8(), sep)
        };
        if sep {
            if letter && !han {
                out.push(&lower[start..at]);
            }
            (han, letter) = (false, false);
            start = at + len;
        }
        at += len;
    }
    if letter && !han {
        out.push(&lower[start..]);
    }
    out
}

/// Function words / words, or for Han text function characters / Han
/// characters.
fn stop_density(
    t: &str,
    han: usize,
    words: &[&str],
    stops: Option<&'static Stoplist>,
) -> Option<f64> {
    let bits: &[u64] = &HAN_STOP_BITS;
    stop_density_of(
        || t.chars().filter(|&c| is_han_stop_in(bits, c)).count(),
        han,
        words,
        stops,
    )
}

/// [`is_han_stop`], the bitmap read once by the caller, not through the
/// lazy cell per character.
fn is_han_stop_in(bits: &[u64], c: char) -> bool {
    match (c as usize).checked_sub(0x3400) {
        Some(k) if k < bits.len() * 64 => bits[k / 64] & (1 << (k % 64)) != 0,
        _ => is_han_stop(c),
    }
}

/// [`stop_density`], the count of Han function characters asked for only
/// when it is needed (`features` counts them as it reads the line).
fn stop_density_of(
    han_stops: impl FnOnce() -> usize,
    han: usize,
    words: &[&str],
    stops: Option<&'static Stoplist>,
) -> Option<f64> {
    if han >= 10 && han >= words.len() {
        Some(han_stops() as f64 / han as f64)
    } else {
        stops.filter(|_| !words.is_empty()).map(|list| {
            let hits = words.iter().filter(|w| is_function_word(list, w)).count();
            hits as f64 / words.len() as f64
        })
    }
}

/// A function word of the list, also when an Arabic proclitic (و ف ب ل ك)
/// is written onto it or the word carries the article (ال, وال, بال, لل):
/// Arabic writes its function words into its content words.
pub(crate) fn is_function_word(list: &Stoplist, w: &str) -> bool {
    if list.contains(w) {
        return true;
    }
    let mut chars = w.chars();
    match chars.next() {
        Some('ا' | 'و' | 'ف' | 'ب' | 'ل' | 'ك') => {}
        _ => return false,
    }
    let rest = chars.as_str();
    (rest.chars().count() >= 2 && list.contains(rest))
        || ["ال", "وال", "بال", "فال", "كال", "لل"]
            .iter()
            .any(|a| w.starts_with(a) && w.chars().count() > a.chars().count() + 1)
}

/// [`is_function_word`] on a word as a text writes it: punctuation around
/// it ignored, in any case (`of`, `The`, `(de`).
pub(crate) fn is_function_token(list: &Stoplist, w: &str) -> bool {
    let w = w
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    !w.is_empty() && is_function_word(list, &w)
}

pub(crate) fn ends_sentence(t: &str) -> bool {
    let last = t
        .trim_end_matches(['"', '\'', '”', '’', ')', '»', '*', '_'])
        .chars()
        .last();
    last.is_some_and(|c| is_stop(c) || c == '…')
}

/// `- [Title](https://…)` / `* [Title](…)`: a list item that is only a link.
fn link_item(t: &str) -> bool {
    let rest = t.trim_start_matches(['-', '*', '+', ' ']);
    rest.len() < t.len()
        && LINK
            .find(rest)
            .is_some_and(|m| m.start() == 0 && m.end() >= rest.trim_end().len())
}

fn classify(f: &Features, low_share: bool, median_share: f64) -> Class {
    let long = f.chars >= 70 || f.han >= 25;
    if f.link_density > 0.5 || (f.link_density > 0.2 && !f.ends_sentence && f.words <= 12) {
        return Class::Bad;
    }
    if f.separators >= 2 && !f.ends_sentence && f.words <= 4 * (f.separators + 1) {
        return Class::Bad;
    }
    if f.tag_cloud && low_share {
        return Class::Bad;
    }
    if f.chrome
        && !f.ends_sentence
        && (f.chrome_hits >= 2 && f.words <= 24
            || f.words <= 8 && f.han <= 12 && low_share
            || f.chrome_lead && f.words <= 14 && f.han <= 30)
    {
        return Class::Bad;
    }
    match f.stop_density {
        Some(d) if long => {
            if d >= 0.25 || (d >= 0.1 && !low_share) || (f.han >= 25 && d >= 0.1) {
                Class::Good
            } else if d < 0.08 && low_share && f.spaced_items >= 6 {
                Class::Bad
            } else {
                Class::NearGood
            }
        }
        _ if long => {
            if f.share.is_some_and(|s| s >= 0.6 * median_share) {
                Class::Good
            } else {
                Class::NearGood
            }
        }
        _ => Class::Short,
    }
}

/// Only what a structural line contributes: its length and vocabulary
/// share.
fn light_features(t: &str, toks: &[Id], lines_with: &LinesWith) -> Features {
    let han = t.chars().filter(|&c| is_han(c)).count();
    let words = t
        .split_whitespace()
        .filter(|w| w.chars().any(|c| !is_han(c) && is_letter(c)))
        .count();
    Features {
        chars: t.chars().count(),
        han,
        words: words + han / 2,
        link_density: 0.0,
        stop_density: None,
        share: share(toks, lines_with),
        ends_sentence: ends_sentence(t),
        separators: 0,
        chrome: false,
        chrome_hits: 0,
        chrome_lead: false,
        tag_cloud: false,
        spaced_items: 0,
    }
}

fn share(toks: &[Id], lines_with: &LinesWith) -> Option<f64> {
    (toks.len() >= 3).then(|| {
        let shared = toks
            .iter()
            .filter(|&&t| lines_with[t as usize].0 >= 2)
            .count();
        shared as f64 / toks.len() as f64
    })
}

fn features(
    t: &str,
    toks: &[Id],
    lines_with: &LinesWith,
    stops: Option<&'static Stoplist>,
) -> Features {
    // One pass over the characters: their count, Han and sentence
    // punctuation among them, and the whitespace-separated items —
    // separators, and words (items with a letter) with their length in
    // characters (as `split_whitespace` cuts them).
    let (mut chars, mut han, mut punct) = (0usize, 0usize, 0usize);
    // Han function characters (for `stop_density`), and whether any
    // character changes in lower case (as `lowercase` judges it).
    let (mut han_stops, mut cased) = (0usize, false);
    // Whether the line holds a letter that is not Han: `words_of` finds
    // no word in a line without one.
    let mut spaced_letter = false;
    let bits: &[u64] = &HAN_STOP_BITS;
    let (mut separators, mut items, mut item_chars) = (0usize, 0usize, 0usize);
    // Items that start with a capital (`Politics Economy Sport`).
    let mut capital_items = 0usize;
    let mut item: Option<(usize, usize, bool)> = None;
    let mut end_item = |item: (usize, usize, bool), end: usize| {
        let (start, n, letter) = item;
        if matches!(&t[start..end], "|" | "•" | "·" | "∙" | "»" | "›") {
            separators += 1;
        } else if letter {
            items += 1;
            item_chars += n;
            capital_items += usize::from(t[start..end].starts_with(char::is_uppercase));
        }
    };
    let b = t.as_bytes();
    let mut next = 0;
    while next < b.len() {
        let i = next;
        // U+5000…U+9FFF (lead bytes E5…E9): core Han, a letter, known by
        // its first byte.
        if (0xE5..=0xE9).contains(&b[i]) {
            chars += 1;
            han += 1;
            // Its code point from its three bytes (valid UTF-8).
            let cp = (usize::from(b[i] & 0x0F) << 12)
                | (usize::from(b[i + 1] & 0x3F) << 6)
                | usize::from(b[i + 2] & 0x3F);
            let k = cp - 0x3400;
            han_stops += usize::from(bits[k / 64] & (1 << (k % 64)) != 0);
            let it = item.get_or_insert((i, 0, false));
            it.1 += 1;
            it.2 = true;
            next += 3;
            continue;
        }
        let Some(c) = t[i..].chars().next() else {
            break;
        };
        next += c.len_utf8();
        chars += 1;
        han += usize::from(is_han(c));
        han_stops += usize::from(is_han_stop_in(bits, c));
        cased |= !keeps_case(c);
        punct += usize::from(is_comma(c) || is_stop(c));
        if c.is_whitespace() {
            if let Some(it) = item.take() {
                end_item(it, i);
            }
        } else {
            let it = item.get_or_insert((i, 0, false));
            it.1 += 1;
            let letter = is_letter(c);
            it.2 |= letter;
            spaced_letter |= letter && !is_han(c);
        }
    }
    if let Some(it) = item {
        end_item(it, t.len());
    }
    let link_chars: usize = if crate::ingest::text::holds_address_mark(t) || t.contains("](") {
        LINK.find_iter(t).map(|m| m.as_str().chars().count()).sum()
    } else {
        0
    };
    let lower = if cased {
        lowercase(t)
    } else {
        std::borrow::Cow::Borrowed(t)
    };
    let lower: &str = &lower;
    // (`lower` is the line itself unless a character changed case.)
    let words = if cased || spaced_letter {
        words_of(lower)
    } else {
        Vec::new()
    };
    let stop_density = stop_density_of(|| han_stops, han, &words, stops);
    let share = share(toks, lines_with);
    let ends_sentence = ends_sentence(t);
    // Chrome words matter only on short lines (see `classify`).
    let (mut chrome, mut chrome_lead) = (false, false);
    let mut chrome_hits = 0;
    if chars <= 160 {
        // By its two bytes (memmem), not by its last one: `©` ends in
        // A9, which Han text holds everywhere.
        chrome_hits += COPYRIGHT.find_iter(lower.as_bytes()).count();
        for m in CHROME_WORDS.find_iter(lower) {
            if on_word_boundaries(lower, m.start(), m.end()) {
                chrome = true;
                chrome_hits += 1;
                chrome_lead |= m.start() == 0
                    && lower[m.end()..]
                        .trim_start()
                        .starts_with([':', '：', '|', '»', '›']);
            }
        }
    }
    // Short items, hardly any punctuation, no function words. Where the
    // language's function words are not known (no list, or a language
    // that glues them to the next word, as Arabic does `و`), only a line
    // of capitalised items: a line of prose in Arabic or Korean is also
    // short words with one comma.
    let tag_cloud = items >= 8 && {
        let avg = item_chars as f64 / items as f64;
        let low_stops = match stop_density {
            Some(d) => d < 0.1,
            None => capital_items * 2 >= items,
        };
        avg < 8.0 && punct * 4 < items && low_stops && !ends_sentence
    };
    Features {
        chars,
        han,
        words: words.len() + han / 2,
        link_density: if chars == 0 {
            0.0
        } else {
            link_chars as f64 / chars as f64
        },
        stop_density,
        share,
        ends_sentence,
        separators,
        chrome: chrome || chrome_hits > 0,
        chrome_hits,
        chrome_lead,
        tag_cloud,
        spaced_items: items,
    }
}

/// Whether `text[start..end]` is a whole word (any script; Han words
/// have no boundaries to check).
fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    if text[start..end].chars().any(is_han) {
        return true;
    }
    let before = text[..start].chars().last();
    let after = text[end..].chars().next();
    !before.is_some_and(is_alnum) && !after.is_some_and(is_alnum)
}

/// The stoplist of the document's (spaced) language: the one whose words
/// make up the largest share of its words, at least 15%. Han text is
/// always judged by the function characters of the `zh` list.
pub(crate) fn document_stopwords<S: AsRef<str>>(lines: &[S]) -> Option<&'static Stoplist> {
    let mut words = 0usize;
    let mut hits: Vec<usize> = vec![0; STOPWORDS.len()];
    let mut lower = String::new();
    for line in lines {
        if !may_hold_spaced_word(line.as_ref()) {
            continue;
        }
        for w in spaced_words(line.as_ref()) {
            words += 1;
            lower.clear();
            if w.is_ascii() {
                lower.push_str(w);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(w.chars().flat_map(char::to_lowercase));
            }
            // Arabic writes `و` ("and") and other proclitics onto the next
            // word (`وإذ`, `وفي`): the word without it counts too.
            let langs = STOP_LANGS.get(lower.as_str()).or_else(|| {
                let rest = lower.strip_prefix(['و', 'ف', 'ب', 'ل', 'ك'])?;
                (rest.chars().count() >= 2)
                    .then(|| STOP_LANGS.get(rest))
                    .flatten()
            });
            if let Some(&langs) = langs {
                // One count per language whose list holds the word.
                let mut bits = langs;
                while bits != 0 {
                    hits[bits.trailing_zeros() as usize] += 1;
                    bits &= bits - 1;
                }
            }
        }
    }
    let (best, &n) = hits.iter().enumerate().max_by_key(|&(_, n)| *n)?;
    (words > 0 && n * 100 >= words * 15).then(|| &STOPWORDS[best].1)
}

/// Whether `line` may hold a word of [`spaced_words`]: a letter that is
/// not Han, so an ASCII letter or a character whose lead byte is not
/// E4…E9 (U+4000…U+9FFF: Han, or the Yijing symbols U+4DC0…U+4DFF,
/// which are no letters). Branch-free over the bytes, so that it
/// vectorises: most lines of a Han text hold none and are not walked.
fn may_hold_spaced_word(line: &str) -> bool {
    line.as_bytes().chunks(64).any(|chunk| {
        chunk.iter().fold(0u8, |acc, &b| {
            acc | u8::from((b | 0x20).wrapping_sub(b'a') < 26)
                | (u8::from(b >= 0xC0) & u8::from(b.wrapping_sub(0xE4) > 0xE9 - 0xE4))
        }) != 0
    })
}

/// The words of `line` (runs of letters, digits and `'`) that hold a
/// letter and no Han character, in order. A character of U+5000…U+9FFF
/// (lead bytes E5…E9, Han) is known by its first byte: Han text is
/// passed over without decoding.
fn spaced_words(line: &str) -> impl Iterator<Item = &str> {
    let b = line.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < b.len() {
            let start = at;
            let (mut han, mut letter) = (false, false);
            // The word: up to the first character that is neither
            // alphanumeric nor an apostrophe.
            while at < b.len() {
                if (0xE5..=0xE9).contains(&b[at]) {
                    han = true;
                    at += 3;
                    continue;
                }
                // ASCII: known by its byte (never Han).
                if b[at] < 0x80 {
                    let x = b[at];
                    if !x.is_ascii_alphanumeric() && x != b'\'' {
                        break;
                    }
                    letter |= x.is_ascii_alphabetic();
                    at += 1;
                    continue;
                }
                let Some(c) = line[at..].chars().next() else {
                    break;
                };
                if !is_alnum(c) && c != '\'' {
                    break;
                }
                han |= is_han(c);
                letter |= is_letter(c);
                at += c.len_utf8();
            }
            let end = at;
            // The separator after it.
            if let Some(c) = line[at..].chars().next() {
                at += c.len_utf8();
            }
            if end > start && !han && letter {
                return Some(&line[start..end]);
            }
        }
        None
    })
}

/// Whether two lines have a token in common (linear in their lengths,
/// however long they are).
fn shares_token(a: &[Id], b: &[Id]) -> bool {
    if a.len().saturating_mul(b.len()) <= 256 {
        return a.iter().any(|t| b.contains(t));
    }
    let set: HashSet<&Id, Fast> = b.iter().collect();
    a.iter().any(|t| set.contains(t))
}

fn median(it: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = it.collect();
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, markdown: bool) -> Vec<String> {
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        drop_inner_boilerplate(&mut lines, markdown);
        lines
    }

    #[test]
    fn only_lines_with_a_letter_outside_han_are_walked_for_words() {
        for line in ["会员国.第12段,2019年", "第一章 总则 (3)", "䷀䷁ 12 / 3", ""] {
            assert!(!may_hold_spaced_word(line), "{line:?}");
            assert_eq!(spaced_words(line).count(), 0, "{line:?}");
        }
        for line in ["会员国 UNODC", "Việt", "ひらがな", "Москва", "x", "Z9"] {
            assert!(may_hold_spaced_word(line), "{line:?}");
            assert_eq!(spaced_words(line).count(), 1, "{line:?}");
        }
        // `@` and `[` sit next to the ASCII letters: not letters.
        assert!(!may_hold_spaced_word("@[`{ 123"));
    }

    #[test]
    fn words_are_cut_as_by_splitting_on_separators() {
        // The reference: split on what is neither alphanumeric nor `'` or
        // `-`, keep the pieces with a letter and no Han character.
        let reference = |t: &str| -> Vec<String> {
            t.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
                .filter(|w| !w.chars().any(is_han) && w.chars().any(char::is_alphabetic))
                .map(String::from)
                .collect()
        };
        for t in [
            "the member states' report, 2019-2020: e-mail — ok",
            "会员国x报告 abc中文 中文abc 12 a1 ½ x²",
            "đăng ký nhận tin mới nhất · ứng dụng",
            "россия и франция, 10-го; ١٢٣ عربي",
            "mixed㐀word 丂b c‿d e\u{300}f",
            "",
            "'-'",
        ] {
            assert_eq!(words_of(t), reference(t), "{t}");
        }
    }

    const P1: &str = "The Member States stressed that international cooperation is essential to fight cybercrime and to obtain electronic evidence across borders.";
    const P2: &str = "Several delegations described the training of judges and prosecutors in the handling of electronic evidence and the cooperation of service providers.";
    const P3: &str = "The meeting agreed that the exchange of information between law enforcement agencies should be strengthened and that capacity building was needed.";

    #[test]
    fn share_bars_related_lists_and_tags_inside_the_body_go() {
        let text = format!(
            "{P1}\nShare: Facebook | Twitter | LinkedIn | Email\n{P2}\n\nRelated articles\n\
             Football team wins the regional cup after extra time\nGold prices climb ahead of the holidays\n\n\
             Capacity building and information exchange\n{P3}\nTags: cyber security privacy hacking malware phishing ransomware botnet\n{P1}\n"
        );
        let out = run(&text, false).join("\n");
        assert!(!out.contains("Share:"), "{out}");
        assert!(!out.contains("Related articles"), "{out}");
        assert!(!out.contains("Football"), "{out}");
        assert!(!out.contains("Gold prices"), "{out}");
        assert!(!out.contains("Tags:"), "{out}");
        assert!(
            out.contains("Capacity building and information exchange"),
            "{out}"
        );
        assert!(out.contains(P2) && out.contains(P3));
    }

    #[test]
    fn short_structure_and_headings_stay() {
        let text = format!(
            "II. Background\n{P1}\n(a) Training;\n(b) Cooperation;\nRecommendations\n{P2}\n\
             3. Short numbered paragraph.\nAnnex\n{P3}\nShare this\n{P1}\n"
        );
        let out = run(&text, false);
        for keep in [
            "II. Background",
            "(a) Training;",
            "(b) Cooperation;",
            "Recommendations",
            "3. Short",
            "Annex",
        ] {
            assert!(out.iter().any(|l| l.starts_with(keep)), "{keep}: {out:?}");
        }
        assert!(!out.iter().any(|l| l == "Share this"), "{out:?}");
    }

    #[test]
    fn markdown_link_lists_go_prose_links_stay() {
        let text = format!(
            "# Title\n\n{P1} See [the report](https://un.org/r) for details.\n\n- [Ten best VPN deals](https://ads.example/vpn)\n\
             - [Cheap hosting offer](https://ads.example/host)\n\n{P2}\n\n{P3}\n"
        );
        let out = run(&text, true).join("\n");
        assert!(!out.contains("VPN"), "{out}");
        assert!(!out.contains("hosting"), "{out}");
        assert!(out.contains("[the report](https://un.org/r)"), "{out}");
    }

    #[test]
    fn an_arabic_text_is_known_by_its_function_words_with_their_proclitics() {
        // Hardly a function word stands alone here: `وعلى`, `وإلى`, `وهذا`.
        let lines = [
            "وإذ تلاحظ وعلى الرغم وإلى جانب وعن طريق وهذا القرار وهي الدول وهو المجلس",
            "وبعد ذلك تؤكد الجمعية وعلى الدول الأعضاء وإلى المنظمات وهذا التعاون",
        ];
        let list = document_stopwords(&lines).expect("a list");
        assert!(list.contains("في"), "not the Arabic list");
    }

    #[test]
    fn chrome_labels_in_more_languages() {
        for label in [
            "Czytaj więcej",
            "Najczęściej czytane",
            "Související články",
            "İlgili Haberler",
            "Läs mer",
            "Читайте також",
            "Реклама:",
            "관련기사",
            "यह भी पढ़ें",
            "Schon gelesen?",
            "Valora esta noticia",
            "Polecamy",
            "التالي",
            "Was this article helpful?",
        ] {
            assert!(is_chrome_label(label), "{label}");
        }
        for text in [
            "Francja i Niemcy",
            "Rada Bezpieczeństwa ONZ",
            "Annonce du gouvernement",
            "=)",
            "-----",
        ] {
            assert!(!is_chrome_label(text), "{text}");
        }
    }

    #[test]
    fn chinese_and_vietnamese_chrome() {
        let zh = "会员国强调，国际合作对于打击网络犯罪和获取电子证据至关重要，各国应当加强司法协助。\n\
                  分享到：微信 微博 QQ空间\n各代表团介绍了对法官和检察官进行电子证据处理培训的情况以及服务提供商的合作。\n\
                  相关文章\n会议同意应加强执法机构之间的信息交流，并且需要开展能力建设以应对网络犯罪。\n\
                  会员国强调，国际合作对于打击网络犯罪和获取电子证据至关重要。\n";
        let out = run(zh, false).join("\n");
        assert!(!out.contains("分享到"), "{out}");
        assert!(!out.contains("相关文章"), "{out}");
        assert!(out.contains("各代表团"));
        let vi = "Các đại biểu đã thảo luận về kinh nghiệm hợp tác quốc tế và tương trợ tư pháp trong điều tra tội phạm mạng.\n\
                  Chia sẻ Facebook Twitter Zalo\nHội thảo nhấn mạnh vai trò của khu vực tư nhân trong việc phòng, chống tội phạm mạng.\n\
                  Xem thêm: Giá vàng hôm nay tăng mạnh\nBộ Công an cho biết tội phạm mạng ngày càng gia tăng và hoạt động xuyên quốc gia.\n\
                  Các đại biểu đã thảo luận về hợp tác quốc tế trong điều tra tội phạm mạng.\n";
        let out = run(vi, false).join("\n");
        assert!(!out.contains("Chia sẻ"), "{out}");
        assert!(!out.contains("Xem thêm"), "{out}");
        assert!(out.contains("Hội thảo nhấn mạnh"));
    }

    #[test]
    fn a_footer_dense_with_chrome_phrases_goes_but_a_sentence_with_one_stays() {
        let text = format!(
            "{P1}\n{P2}\nOur privacy policy was never a topic: judges and prosecutors discussed evidence.\n{P3}\n\
             © 2023 United Nations. All rights reserved. Privacy policy | Terms of use\n"
        );
        let out = run(&text, false).join("\n");
        assert!(!out.contains("All rights reserved"), "{out}");
        assert!(
            out.contains("Our privacy policy was never a topic"),
            "{out}"
        );
        // French footer: the data file's chrome words in another language.
        let fr = format!(
            "{P1}\n{P2}\n{P3}\n{P2}\nPartager Imprimer | Mentions légales | Nous contacter\n"
        );
        let out = run(&fr, false).join("\n");
        assert!(!out.contains("Mentions légales"), "{out}");
    }

    #[test]
    fn a_heading_with_a_chrome_word_stays_above_its_paragraph() {
        let text = format!(
            "{P1}\n{P2}\nComments on training\nThe comments on training stressed that judges and prosecutors need regular courses on electronic evidence.\n{P3}\n"
        );
        let out = run(&text, false);
        assert!(out.iter().any(|l| l == "Comments on training"), "{out:?}");
    }

    #[test]
    fn a_sentence_about_sharing_is_content() {
        let text = format!("{P1}\nStates should share information.\n{P2}\n{P3}\n{P1}\n");
        let out = run(&text, false);
        assert!(
            out.iter().any(|l| l == "States should share information."),
            "{out:?}"
        );
    }
}

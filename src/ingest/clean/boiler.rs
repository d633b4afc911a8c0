//! Web boilerplate around a scrape (ads, link farms, tag clouds, site
//! navigation) judged by features of the text, not by phrase lists.
//!
//! The idea of jusText/trafilatura, reduced to what a plain-text scrape
//! still shows: the document is the contiguous run of lines that shares
//! the vocabulary of the document's middle. Every line gets a value —
//! its tokens found in that core vocabulary count for it, the others (and
//! URLs, e-mail addresses, runs of short space-separated tags) against
//! it — and the kept span is the one with the largest total, so only the
//! head and tail can go, and only when they add up to negative.

use std::collections::HashMap;

use crate::ingest::text::{is_alnum, is_han, is_letter};

/// How negative a head or tail must add up to before it is cut.
const CUT: f64 = 2.5;

/// Returns the index range of `lines` to keep.
pub fn content_span(lines: &[&str]) -> std::ops::Range<usize> {
    content_span_tokens(lines, &mut Interner::default()).0
}

/// [`content_span`], with the tokens of every line as ids of `interner`
/// (none when there are too few lines to judge).
pub(crate) fn content_span_tokens(
    lines: &[&str],
    interner: &mut Interner,
) -> (std::ops::Range<usize>, Vec<Vec<Id>>) {
    if lines.len() < 3 {
        return (0..lines.len(), Vec::new());
    }
    // Room for the distinct tokens of a typical short text (about one per
    // 12 bytes), so that the table seldom grows; a long text repeats its
    // words, and a table sized by its bytes would be mostly empty slots
    // that each lookup misses the cache on.
    let bytes = lines.iter().map(|l| l.len()).sum::<usize>();
    interner.ids.reserve((bytes / 12).min(4096));
    let tokens: Vec<Vec<Id>> = lines.iter().map(|l| interner.tokenize(l)).collect();
    let span = span_of(lines, &tokens, interner);
    (span, tokens)
}

fn span_of(lines: &[&str], tokens: &[Vec<Id>], interner: &Interner) -> std::ops::Range<usize> {
    let core = core_vocabulary(lines, tokens, interner);
    let counts: Vec<(usize, usize)> = tokens
        .iter()
        .enumerate()
        .map(|(i, toks)| shared_counts(i, toks, &core, interner))
        .collect();
    // The bar is relative to the document: a line must share at least
    // 60% of what a typical line of this document shares.
    let bar = 0.6 * weighted_median_share(&counts);
    // A line written in sentences of the document's language (jusText's
    // "good" block) never counts against the span: the last paragraph of
    // a short article may share few words with its middle.
    let stops = super::blocks::document_stopwords(lines);
    // Whether a line is prose matters only where its value is negative:
    // judged lazily, once.
    let prose: Vec<std::cell::OnceCell<bool>> = vec![std::cell::OnceCell::new(); lines.len()];
    let stop_bar = std::cell::OnceCell::new();
    let is_prose = |i: usize| {
        *prose[i].get_or_init(|| {
            let bar = *stop_bar.get_or_init(|| super::blocks::prose_bar(lines, stops));
            super::blocks::is_prose_at(lines[i], stops, bar)
        })
    };
    let floor = |v: f64, i: usize| if v < 0.0 && is_prose(i) { 0.0 } else { v };
    let values: Vec<f64> = lines
        .iter()
        .zip(&counts)
        .zip(&core.middle)
        .enumerate()
        .map(|(i, ((line, &(k, n)), &mid))| {
            // The middle is judged block by block (`blocks`): here a tag
            // line weighs only where it can be a head or tail.
            let pen = penalties(line, if mid { None } else { stops }, !mid);
            floor(k as f64 - bar * n as f64 + pen, i)
        })
        .collect();
    let first = best_span(&values);
    if first == (0..lines.len()) {
        return first;
    }
    // Site chrome repeats: what was cut at one end teaches what to cut at
    // the other (a site name in the head that recurs in the tail's ads).
    // Token → the last line that counted it (`NOT_CHROME` for a token
    // not cut, `usize::MAX` for none yet): each distinct token of a line
    // counts once, without a set per line.
    const NOT_CHROME: usize = usize::MAX - 1;
    let mut chrome: Vec<usize> = vec![NOT_CHROME; interner.len()];
    for &t in tokens[..first.start]
        .iter()
        .chain(&tokens[first.end..])
        .flatten()
    {
        chrome[t as usize] = usize::MAX;
    }
    let values: Vec<f64> = values
        .iter()
        .zip(tokens)
        .enumerate()
        .map(|(i, (v, toks))| {
            let mut hits = 0usize;
            for &t in toks {
                let last = &mut chrome[t as usize];
                if *last != NOT_CHROME && *last != i {
                    *last = i;
                    hits += 1;
                }
            }
            floor(v - 0.5 * hits as f64, i)
        })
        .collect();
    if std::env::var_os("PILCROW_DEBUG_BOILER").is_some() {
        for (l, v) in lines.iter().zip(&values) {
            eprintln!("{v:8.2} {}", l.chars().take(50).collect::<String>());
        }
    }
    best_span(&values)
}

/// Drops the short lines a web page ends with after its last paragraph
/// (`Search`, `Copyright: …`, `Top`): at most three lines of at most four
/// words, without sentence punctuation or digits, after a real paragraph.
pub fn drop_trailing_chrome(lines: &mut Vec<String>) {
    let mut end = lines.len();
    while end > 0 && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    let mut cut = end;
    while cut > 0 && end - cut < 3 {
        let t = lines[cut - 1].trim();
        if t.is_empty() {
            cut -= 1;
            continue;
        }
        let chrome = t.split_whitespace().count() <= 6
            && t.chars().count() <= 40
            && !t.chars().any(|c| {
                c.is_ascii_digit() || matches!(c, '.' | '!' | '?' | '。' | '！' | '？') || is_han(c)
            })
            && !t.starts_with(['-', '*', '#']);
        if !chrome {
            break;
        }
        cut -= 1;
    }
    let before = lines[..cut].iter().rev().find(|l| !l.trim().is_empty());
    if cut < end && before.is_some_and(|l| l.chars().count() >= 80) {
        lines.truncate(cut);
    }
}

/// The menu a short scraped page opens with (`Information` / `Equipo
/// Nizkor` / `Bookshop | Donate`): a first block of two or more lines of at
/// most four words each, none a sentence, at least one of them a bar of
/// items (`a | b`, `a • b`, `a / b`), followed by more text. Blanked.
pub fn drop_leading_menu(lines: &mut [String]) {
    let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return;
    };
    let end = lines[first..]
        .iter()
        .position(|l| l.trim().is_empty())
        .map_or(lines.len(), |k| first + k);
    let block = &lines[first..end];
    let short = |t: &str| {
        let t = t.trim();
        t.split_whitespace()
            .filter(|w| w.chars().any(is_alnum))
            .count()
            <= 4
            && !t.ends_with(['.', '!', '?', ':', '。', '！', '？', '：'])
            && !t.starts_with('#')
    };
    let bar = |t: &str| {
        t.split_whitespace()
            .any(|w| matches!(w, "|" | "/" | "•" | "·" | "»" | "›"))
    };
    let rest_has_text = lines[end..].iter().any(|l| l.trim().chars().count() >= 60);
    if block.len() >= 2
        && block.iter().all(|l| short(l))
        && block.iter().any(|l| bar(l))
        && !block
            .iter()
            .any(|l| crate::ingest::metadata::MASTHEAD.is_match(l))
        && rest_has_text
    {
        for l in &mut lines[first..end] {
            l.clear();
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token {
    /// Two adjacent Han characters.
    Han(char, char),
    /// A lowercased word of letters (any alphabetic script), hashed.
    Word(u64),
}

/// One word to hash per token (the derived hash writes three for a Han
/// pair); equal tokens hash equal.
impl std::hash::Hash for Token {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match *self {
            Token::Han(a, b) => state.write_u64((u64::from(a as u32) << 32) | u64::from(b as u32)),
            Token::Word(h) => state.write_u64(h),
        }
    }
}

/// FNV-1a over the lowercased letters of a word.
pub(crate) fn word_hash(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// A small fast hasher for tokens (they are already well mixed or tiny).
#[derive(Default)]
pub(crate) struct TokenHasher(u64);

impl std::hash::Hasher for TokenHasher {
    fn finish(&self) -> u64 {
        // The multiply mixes upwards only; the table indexes by the low
        // bits (as FxHash does).
        self.0.rotate_left(26)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_isize(&mut self, n: isize) {
        self.write_u64(n as u64);
    }
}

pub(crate) type Fast = std::hash::BuildHasherDefault<TokenHasher>;

/// A token's dense id within one document (see [`Interner`]).
pub(crate) type Id = u32;

/// Dense ids for the distinct tokens of one document: each token is
/// hashed once, when its line is tokenised, and the passes count and look
/// tokens up by index.
#[derive(Default)]
pub(crate) struct Interner {
    ids: HashMap<Token, Id, Fast>,
    /// Per id: whether the token is a Han pair (else a word).
    han: Vec<bool>,
}

impl Interner {
    /// The tokens of `line`, as ids.
    pub(crate) fn tokenize(&mut self, line: &str) -> Vec<Id> {
        let mut out = Vec::with_capacity(line.len() / 2 + 1);
        tokenize_with(line, |t| {
            // Most tokens are known already: looked up first, inserted
            // only when new.
            let id = match self.ids.get(&t) {
                Some(&id) => id,
                None => {
                    let id = self.han.len() as Id;
                    self.ids.insert(t, id);
                    self.han.push(matches!(t, Token::Han(..)));
                    id
                }
            };
            out.push(id);
        });
        out
    }

    /// The id of `t`, if a line held it.
    pub(crate) fn get(&self, t: &Token) -> Option<Id> {
        self.ids.get(t).copied()
    }

    /// How many distinct tokens there are (ids are `0..len`).
    pub(crate) fn len(&self) -> usize {
        self.han.len()
    }

    pub(crate) fn is_han(&self, id: Id) -> bool {
        self.han[id as usize]
    }
}

#[cfg(test)]
pub(crate) fn tokenize(line: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_with(line, |t| out.push(t));
    out
}

fn tokenize_with(line: &str, mut emit: impl FnMut(Token)) {
    // The word is hashed as it is read (FNV-1a over its lowercased UTF-8,
    // as `word_hash`), its characters counted: no string per word.
    const FNV: u64 = 0xcbf2_9ce4_8422_2325;
    let fnv = |h: u64, b: u8| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    // At most one token per two bytes (a word has two letters and ends;
    // a Han pair adds three bytes): the caller's vector is sized so.
    let mut prev_han: Option<char> = None;
    let (mut hash, mut chars) = (FNV, 0usize);
    // The word read so far, if it is one; the next starts empty.
    let flush = |hash: &mut u64, chars: &mut usize| {
        let word = (*chars >= 2).then_some(Token::Word(*hash));
        (*hash, *chars) = (FNV, 0);
        word
    };
    let bytes = line.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // ASCII (never Han) and U+5000…U+9FFF (lead bytes E5…E9: Han, the
        // code point read from its three bytes of valid UTF-8) without
        // decoding.
        let (c, han) = match bytes[at] {
            x @ 0..=0x7F => {
                at += 1;
                (char::from(x), false)
            }
            0xE5..=0xE9 => {
                let cp = (u32::from(bytes[at] & 0x0F) << 12)
                    | (u32::from(bytes[at + 1] & 0x3F) << 6)
                    | u32::from(bytes[at + 2] & 0x3F);
                at += 3;
                (
                    char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER),
                    true,
                )
            }
            _ => {
                let Some(c) = line[at..].chars().next() else {
                    break;
                };
                at += c.len_utf8();
                (c, is_han(c))
            }
        };
        if han {
            if let Some(w) = flush(&mut hash, &mut chars) {
                emit(w);
            }
            if let Some(p) = prev_han {
                emit(Token::Han(p, c));
            }
            prev_han = Some(c);
        } else {
            prev_han = None;
            if c.is_ascii_alphabetic() {
                hash = fnv(hash, c.to_ascii_lowercase() as u8);
                chars += 1;
            } else if !c.is_ascii() && is_letter(c) {
                for l in c.to_lowercase() {
                    let mut buf = [0u8; 4];
                    for &b in l.encode_utf8(&mut buf).as_bytes() {
                        hash = fnv(hash, b);
                    }
                    chars += 1;
                }
            } else if let Some(w) = flush(&mut hash, &mut chars) {
                emit(w);
            }
        }
    }
    if let Some(w) = flush(&mut hash, &mut chars) {
        emit(w);
    }
}

struct Core {
    /// Token id → (number of middle lines holding it, the last line
    /// counted).
    lines_with: Vec<(usize, usize)>,
    /// Which lines are in the middle.
    middle: Vec<bool>,
    /// Whether the core has enough Han / word tokens to judge by.
    han: bool,
    words: bool,
}

/// The vocabulary of the document's middle (the lines holding its middle
/// 60% of characters): the content, whatever surrounds it.
fn core_vocabulary(lines: &[&str], tokens: &[Vec<Id>], interner: &Interner) -> Core {
    let total: usize = lines.iter().map(|l| l.len() + 1).sum();
    let (lo, hi) = (total / 5, total - total / 5);
    // Token id → (middle lines holding it, the last line counted).
    let mut lines_with: Vec<(usize, usize)> = vec![(0, usize::MAX); interner.len()];
    let mut middle = Vec::with_capacity(lines.len());
    let mut pos = 0;
    let (mut han_lines, mut word_lines) = (0, 0);
    for (i, (line, toks)) in lines.iter().zip(tokens).enumerate() {
        let (a, b) = (pos, pos + line.len());
        pos += line.len() + 1;
        let mid = b >= lo && a <= hi;
        middle.push(mid);
        if !mid {
            continue;
        }
        let h = toks.iter().filter(|&&t| interner.is_han(t)).count();
        han_lines += usize::from(h >= 5);
        word_lines += usize::from(toks.len() - h >= 5);
        for &t in toks {
            let e = &mut lines_with[t as usize];
            if e.1 != i {
                *e = (e.0 + 1, i);
            }
        }
    }

    // A script is judged only when several lines of the middle use it.
    let (mut han_tokens, mut word_tokens) = (0usize, 0usize);
    for (id, e) in lines_with.iter().enumerate() {
        if e.0 > 0 {
            if interner.is_han(id as Id) {
                han_tokens += 1;
            } else {
                word_tokens += 1;
            }
        }
    }
    let han = han_lines >= 3 && han_tokens >= 40;
    let words = word_lines >= 3 && word_tokens >= 40;
    Core {
        lines_with,
        middle,
        han,
        words,
    }
}

/// (tokens found in the core outside this line, tokens judged).
fn shared_counts(i: usize, toks: &[Id], core: &Core, interner: &Interner) -> (usize, usize) {
    // A middle line's own tokens are in the core once for it: another
    // line must hold them too.
    let own = usize::from(core.middle[i]);
    let (mut k, mut n) = (0, 0);
    for &t in toks {
        let judged = if interner.is_han(t) {
            core.han
        } else {
            core.words
        };
        if !judged {
            continue;
        }
        n += 1;
        let c = core.lines_with[t as usize].0;
        if c > own {
            k += 1;
        }
    }
    (k, n)
}

fn weighted_median_share(counts: &[(usize, usize)]) -> f64 {
    let mut shares: Vec<(f64, usize)> = counts
        .iter()
        .filter(|&&(_, n)| n >= 5)
        .map(|&(k, n)| (k as f64 / n as f64, n))
        .collect();
    if shares.is_empty() {
        return 0.0;
    }
    shares.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: usize = shares.iter().map(|s| s.1).sum();
    let mut acc = 0;
    for (s, n) in &shares {
        acc += n;
        if acc * 2 >= total {
            return *s;
        }
    }
    shares.last().map_or(0.0, |s| s.0)
}

/// Links and addresses are navigation, not prose; a tag cloud is many
/// short space-separated items without sentence punctuation and without
/// the function words that hold a sentence together (Han text has none
/// between spaces: its items are judged by shape alone).
fn penalties(line: &str, stops: Option<&'static super::blocks::Stoplist>, tags: bool) -> f64 {
    let mut value = 0.0;
    // No word is a link on a line with none of their marks.
    let links = if crate::ingest::text::holds_address_mark(line) {
        line.split_whitespace()
            .filter(|w| {
                w.contains("://") || w.starts_with("www.") || (w.contains('@') && w.contains('.'))
            })
            .count()
    } else {
        0
    };
    value -= 3.0 * links as f64;
    if !tags {
        return value;
    }
    // Items are words: a date or a `|` is not a tag.
    let items: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().any(super::blocks::is_letter))
        .collect();
    if items.len() >= 8 {
        let avg =
            items.iter().map(|w| w.chars().count()).sum::<usize>() as f64 / items.len() as f64;
        let has_han = line.chars().any(is_han);
        let punct = line
            .chars()
            .filter(|c| matches!(c, ',' | '.' | '，' | '。' | ';'))
            .count();
        let no_function_words = || {
            let words: Vec<String> = items.iter().map(|w| w.to_lowercase()).collect();
            stops.is_some_and(|list| {
                words
                    .iter()
                    .filter(|w| super::blocks::is_function_word(list, w))
                    .count()
                    * 10
                    < words.len()
            })
        };
        if (has_han || no_function_words()) && avg < 8.0 && punct * 4 < items.len() {
            value -= items.len() as f64;
        }
    }
    value
}

/// The contiguous span with the largest total value; ties keep more lines.
fn best_span(values: &[f64]) -> std::ops::Range<usize> {
    let mut prefix = Vec::with_capacity(values.len() + 1);
    prefix.push(0.0);
    for v in values {
        prefix.push(prefix.last().copied().unwrap_or(0.0) + v);
    }
    let mut best = (f64::MIN, 0, values.len());
    let mut min_at = 0;
    for b in 1..prefix.len() {
        if prefix[b - 1] < prefix[min_at] - 1e-9 {
            min_at = b - 1;
        }
        let sum = prefix[b] - prefix[min_at];
        if sum >= best.0 - 1e-9 {
            best = (sum, min_at, b);
        }
    }
    if best.0 <= 0.0 {
        return 0..values.len();
    }
    // Cut only what is clearly not content: a line or two of unknown
    // words at the head or tail (a kicker, a signature) stays.
    let (mut a, mut b) = (best.1, best.2);
    if prefix[a] > -CUT {
        a = 0;
    }
    if prefix[values.len()] - prefix[b] > -CUT {
        b = values.len();
    }
    a..b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_page_loses_its_leading_menu() {
        let text = "Information\nEquipo Nizkor\nBookshop | Donate\n\nComunicado sobre el ciberataque\n\nEl Equipo Nizkor denuncia el ataque informático contra el Ministerio de Hacienda.\n";
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        drop_leading_menu(&mut lines);
        assert!(lines[..3].iter().all(String::is_empty), "{lines:?}");
        assert_eq!(lines[4], "Comunicado sobre el ciberataque");
        // A title over a subtitle is no menu.
        let text = "Annual report 2023\nCybercrime and evidence\n\nThe year saw more cases than any before it, and more arrests.\n";
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        drop_leading_menu(&mut lines);
        assert_eq!(lines[0], "Annual report 2023");
    }

    #[test]
    fn an_opening_paragraph_of_an_inflecting_language_is_kept() {
        // Polish writes with few function words: the Declaration's title
        // and the paragraph about it, in other words than its articles',
        // are still the text (the held-out dev set's Polish UDHR).
        let text = include_str!("../../../bench/ingest-eval2/devset/udhr_pl.txt");
        let refs: Vec<&str> = text.lines().collect();
        assert_eq!(refs[0], "POWSZECHNA DEKLARACJA PRAW CZŁOWIEKA");
        assert_eq!(content_span(&refs).start, 0);
    }

    #[test]
    fn span_prefers_the_heavier_middle() {
        assert_eq!(best_span(&[-3.0, 5.0, -1.0, 3.0, -4.0]), 1..4);
        assert_eq!(best_span(&[-1.0, 5.0, -1.0]), 0..3);
        assert_eq!(best_span(&[0.0, 5.0, 0.0]), 0..3);
    }

    #[test]
    fn trailing_navigation_goes() {
        let para = "Vai trò toàn cầu của INTERPOL trong việc chống khủng bố đã được công nhận rộng rãi trên thế giới, với nhiều sáng kiến hợp tác.";
        let mut lines: Vec<String> = [para, "Bản quyền: INTERPOL", "Tìm kiếm", ""]
            .map(String::from)
            .to_vec();
        drop_trailing_chrome(&mut lines);
        assert_eq!(lines, vec![para.to_string()]);
        // A closing sentence is content.
        let mut lines: Vec<String> = [para, "Merci."].map(String::from).to_vec();
        drop_trailing_chrome(&mut lines);
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn tag_clouds_in_any_script_count_against_the_span() {
        let list: super::super::blocks::Stoplist =
            ["the", "of", "and", "to", "in"].into_iter().collect();
        let en = Some(&*Box::leak(Box::new(list)));
        assert!(
            penalties(
                "ransomware cybersecurity hacking crypto police europe asia deals",
                en,
                true
            ) < 0.0
        );
        assert_eq!(
            penalties(
                "the rise of ransomware in the region and the response to it",
                en,
                true
            ),
            0.0
        );
        assert!(
            penalties(
                "双线虚拟主机 duniu 42u机柜尺寸 美国php主机 网站被封 嘟牛 蜗牛魔方 qq对话框",
                None,
                true
            ) < 0.0
        );
    }

    #[test]
    fn tokens_cover_han_and_words() {
        let t = tokenize("网络犯罪 Cybercrime is");
        assert!(t.contains(&Token::Han('网', '络')));
        assert!(t.contains(&Token::Word(word_hash("cybercrime"))));
    }
}

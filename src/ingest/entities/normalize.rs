//! Text normalisation for matching, with a byte map back to the original.
//!
//! Matching runs on a normalised copy of the text: NFC, ASCII-compatible
//! fullwidth forms folded (`（２０１７）` → `(2017)`), typographic apostrophes
//! and hyphens unified, runs of whitespace collapsed to one space, format
//! characters (soft hyphen, zero-width marks, BOM, Arabic tatweel) and Arabic
//! vowel marks dropped, Arabic alef/yeh variants and Arabic-Indic digits
//! folded, markdown escapes (`\(`) dropped, and — for the `lower` view —
//! lower-cased. Every byte of the normalised text knows the byte offset in
//! the original where the *unit* that produced it starts; a unit is one
//! starter character with its combining marks (so an NFD `ệ` is one unit),
//! or one run of whitespace. Mentions are mapped back through that table, so
//! they are always byte ranges on char boundaries of the original input.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// High bit marks a normalised byte that does not start a unit's output.
const CONT: u32 = 1 << 31;

#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// One entry per byte of `text`: original offset of the unit that
    /// produced it, with `CONT` set unless the byte starts that unit's output.
    map: Vec<u32>,
    orig_len: usize,
}

impl Normalized {
    pub fn new(original: &str, lower: bool) -> Self {
        let mut text = String::with_capacity(original.len() + 16);
        let mut map: Vec<u32> = Vec::with_capacity(original.len() + 16);
        let bytes = original.as_bytes();
        // Whether the character at byte `j` (if any) is surely a starter
        // that cannot combine with the one before: ASCII, or U+4000…U+9FFF
        // (CJK ideographs, lead bytes E4…E9).
        let starter_at = |j: usize| {
            j >= bytes.len()
                || bytes[j] < 0x80
                || (0xE4..=0xE9).contains(&bytes[j])
                || cjk_punct_at(bytes, j)
                || fullwidth_at(bytes, j).is_some()
        };
        let char_at = |j: usize| original.get(j..).and_then(|s| s.chars().next());
        let combines = |n: char| may_combine(n) && canonical_combining_class(n) != 0;
        let mut unit_buf = String::new();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // The common units, a character alone, taken the short way:
            // visible ASCII (not a backslash, which may escape) and CJK
            // ideographs, when nothing combines with them.
            if b < 0x80 && b != b'\\' && !matches!(b, b' ' | b'\t'..=b'\r') && starter_at(i + 1) {
                text.push(char::from(if lower { b.to_ascii_lowercase() } else { b }));
                map.push(i as u32);
                i += 1;
                continue;
            }
            if (0xE4..=0xE9).contains(&b) && starter_at(i + 3) {
                // A run of such ideographs is copied at once.
                let mut end = i + 3;
                while end < bytes.len()
                    && (0xE4..=0xE9).contains(&bytes[end])
                    && starter_at(end + 3)
                {
                    end += 3;
                }
                text.push_str(&original[i..end]);
                for k in (i..end).step_by(3) {
                    map.extend_from_slice(&[k as u32, k as u32 | CONT, k as u32 | CONT]);
                }
                i = end;
                continue;
            }
            // CJK punctuation (`、` `。` `《`) stands as it is and
            // full-width ASCII (`，` `（` `２`) is folded, one character a
            // unit, when nothing combines with it: its bytes are enough.
            if cjk_punct_at(bytes, i) && starter_at(i + 3) {
                text.push_str(&original[i..i + 3]);
                map.extend_from_slice(&[i as u32, i as u32 | CONT, i as u32 | CONT]);
                i += 3;
                continue;
            }
            if let Some(a) = fullwidth_at(bytes, i)
                && starter_at(i + 3)
            {
                text.push(char::from(if lower { a.to_ascii_lowercase() } else { a }));
                map.push(i as u32);
                i += 3;
                continue;
            }
            let start = i;
            let Some(c) = char_at(i) else {
                break;
            };
            i += c.len_utf8();
            // Whitespace run → one space; none after a hyphen that ends a
            // line (`Guinea-⏎Bissau` in a letterhead column is one name).
            if c.is_whitespace() || c == '\u{3000}' {
                let mut line_break = c == '\n';
                while let Some(n) = char_at(i) {
                    if n.is_whitespace() || n == '\u{3000}' || is_dropped(n) {
                        line_break |= n == '\n';
                        i += n.len_utf8();
                    } else {
                        break;
                    }
                }
                let hyphenated = line_break && text.ends_with('-') && text.len() > 1;
                if !text.ends_with(' ') && !hyphenated {
                    push(&mut text, &mut map, ' ', start as u32);
                }
                continue;
            }
            // Markdown escape: `\(` → `(`.
            if c == '\\'
                && bytes
                    .get(start + 1)
                    .is_some_and(|b| b.is_ascii_punctuation())
            {
                continue;
            }
            let first_len = text.len();
            // A unit of one character (the next one does not combine):
            // no buffer.
            if !char_at(i).is_some_and(combines) {
                if c < '\u{0300}'
                    || ('\u{3400}'..='\u{9FFF}').contains(&c)
                    || is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
                {
                    emit(&mut text, &mut map, c, start as u32, lower);
                } else {
                    for d in std::iter::once(c).nfc() {
                        emit(&mut text, &mut map, d, start as u32, lower);
                    }
                }
                if text.len() > first_len {
                    map[first_len] &= !CONT;
                }
                continue;
            }
            // Collect the unit: starter + following non-starters.
            unit_buf.clear();
            unit_buf.push(c);
            while let Some(n) = char_at(i) {
                if combines(n) {
                    unit_buf.push(n);
                    i += n.len_utf8();
                } else {
                    break;
                }
            }
            for d in unit_buf.nfc() {
                emit(&mut text, &mut map, d, start as u32, lower);
            }
            if text.len() > first_len {
                map[first_len] &= !CONT;
            }
        }
        Normalized {
            text,
            map,
            orig_len: original.len(),
        }
    }

    /// True when normalised byte offset `i` starts a unit (or is the end).
    pub fn is_unit_start(&self, i: usize) -> bool {
        i >= self.map.len() || self.map[i] & CONT == 0
    }

    /// Original offset for a normalised start offset.
    pub fn orig_start(&self, i: usize) -> usize {
        if i >= self.map.len() {
            self.orig_len
        } else {
            (self.map[i] & !CONT) as usize
        }
    }

    /// Original offset for a normalised end offset: the start of the unit
    /// that follows (so trailing combining marks stay inside the span).
    pub fn orig_end(&self, i: usize) -> usize {
        self.orig_start(i)
    }

    /// Maps a normalised range to the original, if it does not cut a unit.
    pub fn orig_range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if !self.is_unit_start(start) || !self.is_unit_start(end) {
            return None;
        }
        let (s, e) = (self.orig_start(start), self.orig_end(end));
        (s < e).then_some((s, e))
    }
}

/// Whether `bytes[j..]` starts with CJK punctuation that normalises to
/// itself and combines with nothing: U+3001…U+303F (UTF-8 `E3 80 xx`)
/// but the ideographic space U+3000 (whitespace) and the tone marks
/// U+302A…U+302F (combining).
fn cjk_punct_at(bytes: &[u8], j: usize) -> bool {
    bytes.get(j) == Some(&0xE3)
        && bytes.get(j + 1) == Some(&0x80)
        && bytes
            .get(j + 2)
            .is_some_and(|&b| matches!(b, 0x81..=0xA9 | 0xB0..=0xBF))
}

/// The ASCII character a full-width form U+FF01…U+FF5E at `bytes[j..]`
/// (UTF-8 `EF BC 81`…`EF BD 9E`) folds to ([`fold_char`]).
fn fullwidth_at(bytes: &[u8], j: usize) -> Option<u8> {
    if bytes.get(j) != Some(&0xEF) {
        return None;
    }
    match (bytes.get(j + 1), bytes.get(j + 2)) {
        (Some(0xBC), Some(&b @ 0x81..=0xBF)) => Some(b - 0x81 + 0x21),
        (Some(0xBD), Some(&b @ 0x80..=0x9E)) => Some(b - 0x80 + 0x60),
        _ => None,
    }
}

fn push(text: &mut String, map: &mut Vec<u32>, c: char, orig: u32) {
    let before = text.len();
    text.push(c);
    map.push(orig);
    for _ in before + 1..text.len() {
        map.push(orig | CONT);
    }
}

fn emit(text: &mut String, map: &mut Vec<u32>, c: char, orig: u32, lower: bool) {
    if is_dropped(c) {
        return;
    }
    if c.is_ascii() {
        let c = if lower { c.to_ascii_lowercase() } else { c };
        text.push(c);
        map.push(orig | CONT);
        return;
    }
    if is_unspaced(c) {
        push(text, map, c, orig | CONT);
        return;
    }
    let c = fold_char(c);
    if lower && c.is_uppercase() {
        for l in c.to_lowercase() {
            push(text, map, l, orig | CONT);
        }
    } else {
        push(text, map, c, orig | CONT);
    }
}

/// Cheap pre-check for `canonical_combining_class(c) != 0`: false for the
/// big blocks of starters (ASCII/Latin-1, Cyrillic letters, Arabic letters,
/// CJK, Hangul), so the table is consulted only where marks live.
fn may_combine(c: char) -> bool {
    !matches!(c as u32,
        0..=0x02FF | 0x0400..=0x0482 | 0x048A..=0x052F | 0x0621..=0x064A
        | 0x3400..=0x9FFF | 0xAC00..=0xD7A3 | 0xFF01..=0xFF5E)
}

/// Characters removed entirely: format characters and Arabic vowel marks.
fn is_dropped(c: char) -> bool {
    if c < '\u{00AD}' {
        return false;
    }
    matches!(c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{0640}'
        | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// One-to-one character folds that do not depend on case.
fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        '\u{2010}' | '\u{2011}' => '-',
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + '0' as u32).unwrap_or(c),
        '\u{06F0}'..='\u{06F9}' => char::from_u32(c as u32 - 0x06F0 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

/// The normalised (lower-cased) form of a pattern.
pub fn fold(s: &str) -> String {
    match ascii_fast(s, true) {
        Some(t) => t,
        None => Normalized::new(s.trim(), true).text,
    }
}

/// The normalised form of a pattern, case kept.
pub fn plain(s: &str) -> String {
    match ascii_fast(s, false) {
        Some(t) => t,
        None => Normalized::new(s.trim(), false).text,
    }
}

/// Same result as `Normalized::new(..).text` for plain ASCII without
/// escapes or control characters, without building the offset map.
fn ascii_fast(s: &str, lower: bool) -> Option<String> {
    if !s.bytes().all(|b| (0x20..0x7f).contains(&b) && b != b'\\') {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        if lower {
            out.extend(w.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            out.push_str(w);
        }
    }
    Some(out)
}

/// Scripts written without spaces between words: no word-boundary check.
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // CJK radicals
        | 0x3040..=0x30FF    // kana
        | 0x3100..=0x312F    // bopomofo
        | 0x3400..=0x4DBF    // CJK ext A
        | 0x4E00..=0x9FFF    // CJK unified
        | 0xF900..=0xFAFF    // CJK compatibility
        | 0x20000..=0x3FFFF  // CJK ext B+
        | 0x0E00..=0x0EFF    // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF // Khmer
    )
}

/// Katakana (and its length mark): Japanese loanwords, including country
/// names, are whole katakana runs — タイ must not match inside タイプ.
pub fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// A character that continues a word in a spaced script.
pub fn is_word_char(c: char) -> bool {
    (crate::ingest::text::is_alnum(c) || c == '_' || canonical_combining_class(c) != 0)
        && !is_unspaced(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_vietnamese_maps_back_to_original_offsets() {
        let nfd: String = "Nghị quyết Việt Nam".nfd().collect();
        let n = Normalized::new(&nfd, true);
        assert_eq!(n.text, "nghị quyết việt nam");
        let i = n.text.find("việt").unwrap();
        let (s, e) = n.orig_range(i, i + "việt".len()).unwrap();
        let orig_viet: String = "Việt".nfd().collect();
        assert_eq!(&nfd[s..e], orig_viet);
    }

    #[test]
    fn folds_width_space_escapes_and_arabic() {
        assert_eq!(plain("第２３４１（２０１７）号"), "第2341(2017)号");
        assert_eq!(plain("2341\\(2017\\)"), "2341(2017)");
        assert_eq!(plain("a \n\t b"), "a b");
        assert_eq!(fold("Côte d’Ivoire"), "côte d'ivoire");
        assert_eq!(plain("القرار ٢٣٤١"), "القرار 2341");
        assert_eq!(plain("عُمان"), "عمان");
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_full_normaliser() {
        for s in [
            "  United   Kingdom ",
            "U.S.A.",
            "Côte",
            "a\\(b",
            "EU",
            "x\ty",
        ] {
            assert_eq!(fold(s), Normalized::new(s.trim(), true).text, "{s:?}");
            assert_eq!(plain(s), Normalized::new(s.trim(), false).text, "{s:?}");
        }
    }

    #[test]
    fn a_hyphen_at_a_line_end_joins_the_lines() {
        let s = "GUINEA-\nBISSAU and Guinea - Bissau";
        let n = Normalized::new(s, true);
        assert_eq!(n.text, "guinea-bissau and guinea - bissau");
        let b = n.text.find("bissau").unwrap();
        assert_eq!(n.orig_start(b), s.find("BISSAU").unwrap());
    }

    /// The short way for CJK punctuation and full-width forms gives what
    /// a character alone gives the long way ([`emit`]).
    #[test]
    fn cjk_punctuation_and_full_width_forms_read_by_their_bytes() {
        let chars = ('\u{3000}'..='\u{3040}').chain('\u{FF00}'..='\u{FF60}');
        for c in chars {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let fast = cjk_punct_at(bytes, 0) || fullwidth_at(bytes, 0).is_some();
            if !fast {
                continue;
            }
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert!(
                !c.is_whitespace() && !is_dropped(c) && !is_unspaced(c),
                "{c:?}"
            );
            for lower in [true, false] {
                let (mut text, mut map) = (String::new(), Vec::new());
                emit(&mut text, &mut map, c, 0, lower);
                map[0] &= !CONT;
                let n = Normalized::new(&format!("{c}"), lower);
                assert_eq!((n.text, n.map), (text, map), "{c:?}");
            }
        }
        let s = "（２０１７）年，大会《决议》、Ａ。";
        let n = Normalized::new(s, true);
        assert_eq!(n.text, "(2017)年,大会《决议》、a。");
        let k = n.text.find("《").unwrap();
        assert_eq!(
            n.orig_range(k, k + 3),
            Some((s.find("《").unwrap(), s.find("决").unwrap()))
        );
        assert_eq!(n.orig_start(0), 0);
        assert_eq!(n.orig_start(5), s.find("）").unwrap());
    }

    #[test]
    fn whitespace_collapse_keeps_offsets() {
        let s = "United   Kingdom";
        let n = Normalized::new(s, true);
        assert_eq!(n.text, "united kingdom");
        assert_eq!(n.orig_range(0, n.text.len()), Some((0, s.len())));
        let k = n.text.find("kingdom").unwrap();
        assert_eq!(n.orig_start(k), s.find("Kingdom").unwrap());
    }
}

//! The search index's terms: how text becomes what is looked up. The
//! search page's script (`search-engine.js`, `terms()`) does the same to
//! a query, so the two must change together (a unit test here and a
//! browser test there pin the same examples).
//!
//! - Folded: canonical decomposition, marks (`General_Category=Mark`)
//!   dropped, `đ`/`Đ` as `d` (a letter of its own, no decomposition),
//!   lower case — so `chung cu dien tu` finds `chứng cứ điện tử`.
//! - Scripts written without spaces (Han, kana, Thai, Lao, Khmer,
//!   Myanmar): each character and each pair of neighbours is a term, so
//!   `数字证据` is found as `数字`, `字证`, `证据` in any segmentation.
//! - Other scripts: words, runs of letters and digits.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A word longer than this (a URL's run of letters, a hash) is not
/// indexed.
pub const MAX_WORD: usize = 40;

/// Scripts written without spaces between words: the code point ranges
/// (search-engine.js `UNSPACED` holds the same).
pub fn is_unspaced(c: char) -> bool {
    let c = c as u32;
    c >= 0x0E00
        && matches!(c,
        0x0E00..=0x0EFF        // Thai, Lao
        | 0x1000..=0x109F      // Myanmar
        | 0x1780..=0x17FF      // Khmer
        | 0x2E80..=0x2FDF      // CJK radicals
        | 0x3005..=0x3007
        | 0x3021..=0x3029
        | 0x3038..=0x303B
        | 0x3041..=0x30FF      // Hiragana, Katakana
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFF66..=0xFF9D      // half-width Katakana
        | 0x20000..=0x3134F) // CJK extensions B–G
}

/// `true` for a character of a word: `\p{Alphabetic}` or `\p{N}`.
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c.is_numeric()
}

/// One character folded (see the module doc), as search-engine.js folds
/// it: ASCII and the common CJK ideographs (no
/// decomposition, no case) the short way.
fn fold_char(c: char) -> Folded {
    let mut out = Folded::default();
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF) {
        out.push(c);
    } else {
        decompose_canonical(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            if d == 'đ' || d == 'Đ' {
                out.push('d');
            } else {
                for l in d.to_lowercase() {
                    out.push(l);
                }
            }
        });
    }
    out
}

/// The few characters one character folds to (at most a handful: a
/// decomposition's base and its case mapping), without allocating.
#[derive(Default)]
pub struct Folded {
    chars: [char; 6],
    len: u8,
    next: u8,
}

impl Folded {
    fn push(&mut self, c: char) {
        if usize::from(self.len) < self.chars.len() {
            self.chars[usize::from(self.len)] = c;
            self.len += 1;
        }
    }
}

impl Iterator for Folded {
    type Item = char;
    fn next(&mut self) -> Option<char> {
        (self.next < self.len).then(|| {
            self.next += 1;
            self.chars[usize::from(self.next - 1)]
        })
    }
}

/// A term as [`terms_of_kind`] gives it: a character of a script without
/// spaces, a pair of them (neither made into a string: a caller that
/// numbers terms need not), or a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term<'a> {
    Char(char),
    Pair(char, char),
    Word(&'a str),
}

impl Term<'_> {
    /// The term's text, in `buf` (cleared first).
    pub fn write(&self, buf: &mut String) {
        buf.clear();
        match *self {
            Term::Char(c) => buf.push(c),
            Term::Pair(a, b) => {
                buf.push(a);
                buf.push(b);
            }
            Term::Word(w) => buf.push_str(w),
        }
    }
}

/// Calls `emit` with every term of `text`, in order, repeats included.
pub fn terms(text: &str, mut emit: impl FnMut(&str)) {
    let mut buf = String::new();
    terms_of_kind(text, |t| match t {
        Term::Word(w) => emit(w),
        t => {
            t.write(&mut buf);
            emit(&buf);
        }
    });
}

/// [`terms`], each as a [`Term`].
pub fn terms_of_kind(text: &str, mut emit: impl FnMut(Term<'_>)) {
    let mut t = Terms::default();
    for c in text.chars() {
        if c.is_ascii() {
            // ASCII folds to itself in lower case, and is never unspaced.
            t.prev = None;
            if c.is_ascii_alphanumeric() {
                t.word.push(c.to_ascii_lowercase());
                t.chars += 1;
            } else {
                t.flush(&mut emit);
            }
        } else if matches!(c as u32, 0x4E00..=0x9FFF) {
            // The common ideographs fold to themselves (`fold_char`).
            t.take(c, &mut emit);
        } else {
            for f in fold_char(c) {
                t.take(f, &mut emit);
            }
        }
    }
    t.flush(&mut emit);
}

/// The state of [`terms`]: the word being read, the last unspaced
/// character.
#[derive(Default)]
struct Terms {
    word: String,
    chars: usize,
    prev: Option<char>,
}

impl Terms {
    fn flush(&mut self, emit: &mut impl FnMut(Term<'_>)) {
        if self.chars > 0 && self.chars <= MAX_WORD {
            emit(Term::Word(&self.word));
        }
        self.word.clear();
        self.chars = 0;
    }

    /// One folded character.
    fn take(&mut self, c: char, emit: &mut impl FnMut(Term<'_>)) {
        if is_unspaced(c) {
            self.flush(emit);
            emit(Term::Char(c));
            if let Some(p) = self.prev {
                emit(Term::Pair(p, c));
            }
            self.prev = Some(c);
        } else {
            self.prev = None;
            if is_word_char(c) {
                self.word.push(c);
                self.chars += 1;
            } else {
                self.flush(emit);
            }
        }
    }
}

/// The shard a term is filed in: FNV-1a (32 bits) over the UTF-8 of its
/// first two characters, modulo the number of shards — so every term that
/// starts with the same two characters is in one shard, and a prefix of
/// two or more finds all its completions there.
pub fn shard_of(term: &str, shards: u32) -> u32 {
    let end = term.char_indices().nth(2).map_or(term.len(), |(i, _)| i);
    fnv1a(&term.as_bytes()[..end]) % shards.max(1)
}

/// FNV-1a, 32 bits (search-engine.js `fnv1a`).
pub fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut v = Vec::new();
        terms(text, |t| v.push(t.to_string()));
        v
    }

    #[test]
    fn words_are_folded() {
        assert_eq!(
            all("Chứng cứ ĐIỆN tử, Đà Nẵng!"),
            ["chung", "cu", "dien", "tu", "da", "nang"]
        );
        assert_eq!(
            all("Résumé of Sécurité's 2024 report"),
            ["resume", "of", "securite", "s", "2024", "report"]
        );
        assert_eq!(all("Кибер-преступность"), ["кибер", "преступность"]);
    }

    #[test]
    fn unspaced_scripts_give_characters_and_pairs() {
        assert_eq!(
            all("数字证据"),
            ["数", "字", "数字", "证", "字证", "据", "证据"]
        );
        // Latin inside Chinese stays a word; punctuation breaks pairs.
        assert_eq!(all("IP地址，是"), ["ip", "地", "址", "地址", "是"]);
    }

    #[test]
    fn terms_say_what_they_are_made_of() {
        let mut v = Vec::new();
        terms_of_kind("IP地址", |t| v.push(format!("{t:?}")));
        assert_eq!(
            v,
            [
                "Word(\"ip\")",
                "Char('地')",
                "Char('址')",
                "Pair('地', '址')"
            ]
        );
    }

    #[test]
    fn very_long_runs_are_not_words() {
        let long = "a".repeat(MAX_WORD + 1);
        assert_eq!(all(&format!("x {long} y")), ["x", "y"]);
    }

    #[test]
    fn shards_follow_the_first_two_characters() {
        assert_eq!(shard_of("evidence", 64), shard_of("evidenc", 64));
        assert_eq!(shard_of("ev", 64), shard_of("evidence", 64));
        assert_eq!(shard_of("anything", 1), 0);
        // FNV-1a's published test vectors (search-engine.js is checked
        // against the same).
        assert_eq!(fnv1a(b""), 0x811c_9dc5);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a(b"foobar"), 0xbf9c_f968);
    }
}

//! The sentence around a mention: a window of about [`WINDOW`] characters
//! cut on sentence boundaries (Chinese 。！？；, Latin and Vietnamese
//! `.!?;` followed by a space), falling back to word boundaries (or any
//! character in scripts without spaces) inside a very long sentence.

use serde::Serialize;

/// Target length of a snippet, in characters.
pub const WINDOW: usize = 200;

/// A snippet split around the mention: `before` `<mark>mark</mark>` `after`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub before: String,
    pub mark: String,
    pub after: String,
    /// Text was cut before `before` / after `after` (show an ellipsis).
    pub cut_start: bool,
    pub cut_end: bool,
}

impl Snippet {
    /// The snippet as plain text, with ellipses where it was cut.
    pub fn plain(&self) -> String {
        format!(
            "{}{}{}{}{}",
            if self.cut_start { "…" } else { "" },
            self.before,
            self.mark,
            self.after,
            if self.cut_end { "…" } else { "" }
        )
    }
}

fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '.' | '…')
}

fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；')
}

/// Byte offsets where a sentence starts (after its predecessor's end and
/// any spaces), always including 0.
fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let ends = if is_cjk_terminal(c) {
            true
        } else if is_terminal(c) {
            // Latin punctuation ends a sentence only before a space
            // (not in `2.5`, `S/RES/2341.` inside a word, `e.g.x`).
            next.is_some_and(char::is_whitespace)
        } else {
            false
        };
        if ends {
            // Closing quotes and brackets stay with their sentence.
            let mut j = i + 1;
            while j < chars.len()
                && matches!(chars[j].1, '”' | '’' | '"' | '\'' | '）' | ')' | '」')
            {
                j += 1;
            }
            while j < chars.len() && chars[j].1.is_whitespace() {
                j += 1;
            }
            if j < chars.len() {
                starts.push(chars[j].0);
            }
            i = j;
            continue;
        }
        i += 1;
    }
    starts
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Cuts the snippet for the mention at bytes `start..end` of `text`.
pub fn cut(text: &str, start: usize, end: usize) -> Snippet {
    cut_with(text, start, end, WINDOW)
}

pub fn cut_with(text: &str, start: usize, end: usize, window: usize) -> Snippet {
    let start = floor_char(text, start.min(text.len()));
    let end = floor_char(text, end.clamp(start, text.len()));
    let starts = sentence_starts(text);
    // The sentence holding the mention: from the last start ≤ mention start
    // to the first start ≥ mention end.
    let si = match starts.binary_search(&start) {
        Ok(i) => i,
        Err(i) => i - 1,
    };
    let mut lo = starts[si];
    let mut ei = starts.partition_point(|&s| s < end.max(start + 1));
    let mut hi = starts.get(ei).copied().unwrap_or(text.len());
    // Grow by whole sentences while they fit: the next one first, then the
    // previous one.
    let mut prev = si;
    loop {
        let mut grew = false;
        if ei < starts.len() {
            let next_hi = starts.get(ei + 1).copied().unwrap_or(text.len());
            if chars(&text[lo..next_hi]) <= window {
                hi = next_hi;
                ei += 1;
                grew = true;
            }
        }
        if prev > 0 {
            let prev_lo = starts[prev - 1];
            if chars(&text[prev_lo..hi]) <= window {
                lo = prev_lo;
                prev -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    // A sentence longer than the window: cut around the mention.
    if chars(&text[lo..hi]) > window {
        let mark_len = chars(&text[start..end]);
        let side = window.saturating_sub(mark_len) / 2;
        let before_chars = chars(&text[lo..start]);
        let after_chars = chars(&text[end..hi]);
        // Give unused room on one side to the other.
        let (b, a) = if before_chars < side {
            (before_chars, window.saturating_sub(mark_len + before_chars))
        } else if after_chars < side {
            (window.saturating_sub(mark_len + after_chars), after_chars)
        } else {
            (side, side)
        };
        if before_chars > b {
            lo = word_start(text, back(text, start, b), start);
        }
        if after_chars > a {
            hi = word_end(text, end, forward(text, end, a));
        }
    }
    let before = text[lo..start].trim_start();
    let after = text[end..hi].trim_end();
    Snippet {
        cut_start: !text[..lo].trim().is_empty(),
        cut_end: !text[hi..].trim().is_empty(),
        before: before.to_string(),
        mark: text[start..end].to_string(),
        after: after.to_string(),
    }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte offset `n` characters before `from`.
fn back(text: &str, from: usize, n: usize) -> usize {
    if n == 0 {
        return from;
    }
    text[..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
        .min(from)
}

/// The byte offset `n` characters after `from`.
fn forward(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

/// Moves a cut point forward to the next word start when it falls inside
/// a word of a spaced script (never past `limit`).
fn word_start(text: &str, at: usize, limit: usize) -> usize {
    let prev = text[..at].chars().next_back();
    let cur = text[at..].chars().next();
    match (prev, cur) {
        (Some(p), Some(c)) if spaced(p) && spaced(c) => text[at..limit]
            .find(char::is_whitespace)
            .map_or(at, |i| at + i),
        _ => at,
    }
}

/// Moves a cut point back to the end of the previous word when it falls
/// inside a word of a spaced script (never before `limit`).
fn word_end(text: &str, limit: usize, at: usize) -> usize {
    let prev = text[..at].chars().next_back();
    let cur = text[at..].chars().next();
    match (prev, cur) {
        (Some(p), Some(c)) if spaced(p) && spaced(c) => text[limit..at]
            .rfind(char::is_whitespace)
            .map_or(at, |i| limit + i),
        _ => at,
    }
}

/// A letter of a script that separates words with spaces.
fn spaced(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x20000..=0x2FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snip(text: &str, mention: &str, window: usize) -> Snippet {
        let start = text.find(mention).unwrap();
        cut_with(text, start, start + mention.len(), window)
    }

    #[test]
    fn chinese_sentence_around_the_mention() {
        let text = "16. 第一句话。阿根廷指出，数字证据的保全至关重要。第三句很长很长很长很长很长很长很长。";
        let s = snip(text, "阿根廷", 20);
        assert_eq!(s.before, "");
        assert_eq!(s.mark, "阿根廷");
        assert_eq!(s.after, "指出，数字证据的保全至关重要。");
        assert!(s.cut_start && s.cut_end);
        // With room, neighbouring sentences come along.
        let s = snip(text, "阿根廷", 200);
        assert!(s.before.starts_with("16. 第一句话。"), "{s:?}");
        assert!(!s.cut_start && !s.cut_end);
    }

    #[test]
    fn english_sentences_break_after_punctuation_and_space() {
        let text = "The report is long. Argentina noted that resolution 2341 (2017) applies, e.g. to ports. Next sentence here is unrelated and quite long indeed.";
        let s = snip(text, "resolution 2341 (2017)", 60);
        assert_eq!(s.before, "Argentina noted that ");
        assert_eq!(s.after, " applies, e.g.");
        assert!(s.cut_start && s.cut_end);
        assert!(s.plain().starts_with('…'));
        let s = snip(text, "resolution 2341 (2017)", 90);
        assert_eq!(s.before, "The report is long. Argentina noted that ");
        assert_eq!(s.after, " applies, e.g. to ports.");
        assert!(!s.cut_start && s.cut_end);
    }

    #[test]
    fn vietnamese_long_sentence_is_cut_on_words() {
        let text = "Việt Nam đã ban hành nhiều văn bản pháp luật quan trọng về an ninh mạng và chứng cứ điện tử trong tố tụng hình sự cũng như dân sự";
        let s = snip(text, "chứng cứ điện tử", 50);
        assert_eq!(s.mark, "chứng cứ điện tử");
        assert!(s.cut_start && s.cut_end, "{s:?}");
        // Never half a word.
        assert!(text.contains(&format!(" {}", s.before)), "{s:?}");
        assert!(
            s.after.is_empty() || text.contains(&format!("{} ", s.after)),
            "{s:?}"
        );
        let total = s.before.chars().count() + s.mark.chars().count() + s.after.chars().count();
        assert!(total <= 50, "{total}: {s:?}");
    }

    #[test]
    fn long_chinese_sentence_is_cut_anywhere_around_the_mention() {
        let text = format!("{}蒙古{}。", "甲".repeat(300), "乙".repeat(300));
        let s = snip(&text, "蒙古", 40);
        assert_eq!(s.before.chars().count(), 19);
        assert_eq!(s.after.chars().count(), 19);
    }

    /// Random texts in three scripts and random ranges: never a panic, the
    /// mark is always the mentioned text, the window stays bounded.
    #[test]
    fn random_texts_and_ranges() {
        const PARTS: &[&str] = &[
            "阿根廷",
            "指出",
            "。",
            "，",
            "Việt Nam",
            " ",
            ". ",
            "? ",
            "e.g.",
            "2341 (2017)",
            "chứng cứ",
            "\n",
            "”",
            "；",
            "…",
            "a",
            "IP 地址",
        ];
        let mut rng = crate::test_support::Lcg::new(0xC0FFEE);
        for _ in 0..3000 {
            let text = rng.text(PARTS, 0, 119);
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let a = bounds[rng.next() % bounds.len()];
            let b = bounds[rng.next() % bounds.len()];
            let (start, end) = (a.min(b), a.max(b));
            let window = 1 + rng.next() % 80;
            let s = cut_with(&text, start, end, window);
            assert_eq!(s.mark, &text[start..end]);
            let shown = s.before.chars().count() + s.after.chars().count();
            assert!(shown <= window + 1, "{window}: {s:?} from {text:?}");
            assert!(text.contains(&format!("{}{}{}", s.before, s.mark, s.after)));
        }
    }

    #[test]
    fn degenerate_ranges_do_not_panic() {
        let text = "阿根廷。";
        let s = cut(text, 1, 100);
        assert_eq!(s.mark, "阿根廷。");
        let s = cut("", 0, 0);
        assert_eq!(s, Snippet::default());
        let s = cut("abc", 3, 3);
        assert_eq!(s.before, "abc");
    }
}

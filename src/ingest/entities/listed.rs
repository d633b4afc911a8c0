//! Country names that are common words alone, counted only as an item of
//! a list of other countries' names: Vietnamese `Anh` (the United
//! Kingdom, but also "elder brother", "you", a given name) in `là Anh,
//! Mỹ, Nga, Pháp và Trung Quốc`, never in `Anh ấy nói` or `ông Tuấn Anh`;
//! Polish and Czech `Indie` (India, and English "indie") in `Brazylia,
//! Rosja, Indie, Chiny`.
//! The Chinese and Japanese one-character names have their own rule
//! (`abbreviations`).

/// A word and its country's ISO 3166-1 alpha-3 code.
pub const WORDS: [(&str, &str); 2] = [("Anh", "GBR"), ("Indie", "IND")];

/// What separates the items of a list: a comma, or "and" / "or"
/// (Vietnamese, Polish, Czech).
const SEPARATORS: [&str; 9] = [
    ", ", " và ", " hoặc ", " cùng ", " i ", " oraz ", " lub ", " a ", " nebo ",
];

/// A list needs this many other countries' names beside the word.
const OTHERS: usize = 2;

/// The words of [`WORDS`] that stand as an item of a list of country names
/// in `text`, as (start, end, alpha-3) byte ranges. `names`: the byte
/// ranges of the country names found in `text`. The word is written
/// capitalised, touches a separator of the list on one side at least, is
/// not the end of a capitalised name (`Tuấn Anh, …`) nor the start of one
/// (`…, Anh Tuấn`), and the list it is in — items joined by commas or
/// "và", each a country's name or a short capitalised name such as `Liên
/// Xô` — holds at least [`OTHERS`] other countries' names.
pub fn in_lists(text: &str, names: &[(usize, usize)]) -> Vec<(usize, usize, &'static str)> {
    let mut out = Vec::new();
    for (word, code) in WORDS {
        for (start, _) in text.match_indices(word) {
            let end = start + word.len();
            let before = &text[..start];
            let after = &text[end..];
            // A whole word.
            if before
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                || after.chars().next().is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let sep_before = SEPARATORS.iter().find(|s| before.ends_with(*s));
            let sep_after = SEPARATORS.iter().find(|s| after.starts_with(*s));
            if sep_before.is_none() && sep_after.is_none() {
                continue;
            }
            // Not part of a person's name: no capitalised word joined to it.
            if sep_before.is_none() && last_word(before).is_some_and(capitalised) {
                continue;
            }
            if sep_after.is_none() && first_word(after).is_some_and(capitalised) {
                continue;
            }
            let mut others = 0;
            if let Some(sep) = sep_before {
                others += walk_left(text, start - sep.len(), names);
            }
            if let Some(sep) = sep_after {
                others += walk_right(text, end + sep.len(), names);
            }
            if others >= OTHERS {
                out.push((start, end, code));
            }
        }
    }
    out
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn last_word(s: &str) -> Option<&str> {
    s.trim_end().rsplit(' ').next().filter(|w| !w.is_empty())
}

fn first_word(s: &str) -> Option<&str> {
    s.trim_start().split(' ').next().filter(|w| !w.is_empty())
}

/// A short name that is no country's (`Liên Xô`, the Soviet Union): one
/// to three capitalised words.
fn short_name(item: &str) -> bool {
    let words: Vec<&str> = item.split(' ').collect();
    (1..=3).contains(&words.len()) && words.iter().all(|w| capitalised(w))
}

/// The countries' names in the list items from byte `at` rightwards.
fn walk_right(text: &str, mut at: usize, names: &[(usize, usize)]) -> usize {
    let mut count = 0;
    loop {
        let rest = &text[at..];
        if let Some(&(_, e)) = names.iter().find(|&&(s, _)| s == at) {
            count += 1;
            at = e;
        } else {
            // The item runs to the next separator.
            let Some((len, _)) = SEPARATORS
                .iter()
                .filter_map(|s| rest.find(s).map(|i| (i, s)))
                .min()
            else {
                return count;
            };
            if !short_name(&rest[..len]) {
                return count;
            }
            at += len;
        }
        match SEPARATORS.iter().find(|s| text[at..].starts_with(*s)) {
            Some(sep) => at += sep.len(),
            None => return count,
        }
    }
}

/// The countries' names in the list items ending at byte `at`, leftwards.
fn walk_left(text: &str, mut at: usize, names: &[(usize, usize)]) -> usize {
    let mut count = 0;
    loop {
        let before = &text[..at];
        if let Some(&(s, _)) = names.iter().find(|&&(_, e)| e == at) {
            count += 1;
            at = s;
        } else {
            let Some((from, sep)) = SEPARATORS
                .iter()
                .filter_map(|s| before.rfind(s).map(|i| (i, s)))
                .max()
            else {
                return count;
            };
            if !short_name(&before[from + sep.len()..]) {
                return count;
            }
            at = from + sep.len();
        }
        match SEPARATORS.iter().find(|s| text[..at].ends_with(*s)) {
            Some(sep) => at -= sep.len(),
            None => return count,
        }
    }
}

//! Anchors inside a page: heading slugs and Obsidian-style block ids
//! (`17\. Text … ^p-17`).

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `true` for a valid block id: `[A-Za-z0-9][A-Za-z0-9_-]*`.
pub fn is_block_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphanumeric())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Splits a trailing ` ^id` off a paragraph's last text.
///
/// Returns the length of the text to keep (trailing spaces removed) and
/// the id. The `^` must start the text or follow whitespace.
pub fn split_block_id(text: &str) -> Option<(usize, &str)> {
    let trimmed = text.trim_end();
    let caret = trimmed.rfind('^')?;
    let id = &trimmed[caret + 1..];
    if !is_block_id(id) {
        return None;
    }
    let before = &trimmed[..caret];
    if !(before.is_empty() || before.ends_with(char::is_whitespace)) {
        return None;
    }
    Some((before.trim_end().len(), id))
}

/// A heading's automatic id: NFC, lower-cased, letters, digits and
/// combining marks of any script kept (CJK and Vietnamese headings stay
/// readable), runs of anything else become `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.nfc() {
        if c.is_alphanumeric() || c == '_' || is_combining_mark(c) {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.extend(c.to_lowercase());
        } else if !c.is_control() {
            dash = true;
        }
    }
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

/// The ids used in one page, handing out unique ones.
#[derive(Debug, Default)]
pub struct IdSet {
    used: HashSet<String>,
    /// Per base, the last suffix handed out: the next `unique(base)`
    /// starts there, so N headings with one slug cost O(N), not O(N²).
    next_suffix: HashMap<String, usize>,
    /// In order of appearance.
    pub ids: Vec<String>,
}

impl IdSet {
    /// Marks an id as taken without listing it as an anchor (ids the
    /// theme puts on every page, such as `mentions`).
    pub fn reserve(&mut self, id: &str) {
        self.used.insert(id.to_string());
    }

    /// Records an id written by the author (kept as is).
    pub fn explicit(&mut self, id: &str) {
        if self.used.insert(id.to_string()) {
            self.ids.push(id.to_string());
        }
    }

    /// Returns `base`, or `base-1`, `base-2`, … if taken, and records it.
    pub fn unique(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = self.next_suffix.get(base).copied().unwrap_or(0);
        if n > 0 || self.used.contains(&id) {
            // Suffixes below `n` were all taken when `base` last asked;
            // taken ids stay taken, so the search resumes at `n + 1`.
            loop {
                n += 1;
                id = format!("{base}-{n}");
                if !self.used.contains(&id) {
                    break;
                }
            }
        }
        self.next_suffix.insert(base.to_string(), n);
        self.used.insert(id.clone());
        self.ids.push(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_ids() {
        assert_eq!(split_block_id("Text of it ^p-17"), Some((10, "p-17")));
        assert_eq!(split_block_id("^p-3  "), Some((0, "p-3")));
        assert_eq!(split_block_id("x^p-17"), None);
        assert_eq!(split_block_id("x ^-bad"), None);
        assert_eq!(split_block_id("x ^p 17"), None);
        assert_eq!(split_block_id("2^10"), None);
    }

    #[test]
    fn slugs_keep_unicode_letters() {
        assert_eq!(slugify("阿根廷"), "阿根廷");
        assert_eq!(
            slugify("I. Introduction: scope & aims"),
            "i-introduction-scope-aims"
        );
        assert_eq!(slugify("Việt Nam"), "việt-nam");
        // Decomposed (NFD) text, common in PDF extractions, gives the same id.
        assert_eq!(slugify("Vie\u{0302}\u{0323}t Nam"), "việt-nam");
        assert_eq!(slugify("一、 背景"), "一-背景");
        assert_eq!(slugify("!!!"), "section");
    }

    #[test]
    fn duplicate_ids_get_numbered() {
        let mut ids = IdSet::default();
        assert_eq!(ids.unique("intro"), "intro");
        assert_eq!(ids.unique("intro"), "intro-1");
        assert_eq!(ids.unique("intro"), "intro-2");
        ids.explicit("p-1");
        assert_eq!(ids.unique("p-1"), "p-1-1");
    }

    /// Many headings with one slug: every id once, in order, and an id
    /// taken in between (written, or another slug's) is skipped.
    #[test]
    fn many_duplicates_stay_unique_and_in_order() {
        let mut ids = IdSet::default();
        ids.explicit("a-3");
        let got: Vec<String> = (0..6).map(|_| ids.unique("a")).collect();
        assert_eq!(got, ["a", "a-1", "a-2", "a-4", "a-5", "a-6"]);
        ids.explicit("a-7");
        assert_eq!(ids.unique("a-1"), "a-1-1");
        assert_eq!(ids.unique("a"), "a-8");
        let mut seen = std::collections::HashSet::new();
        for _ in 0..5000 {
            assert!(seen.insert(ids.unique("section")));
        }
        assert!(seen.contains("section-4999"));
    }
}

//! Markdown already in the input: recognised, kept, and tidied.

use std::sync::LazyLock;

use regex::Regex;

static DEAD_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[((?:[^\[\]\\]|\\.)*)\]\((?:#?|javascript:[^)]*)\)").unwrap());
static ANY_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[[^\[\]]+\]\([^)\s]+\)").unwrap());
static MD_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^(?:#{1,6} \S|[-*+] \S|>\s?\S|```)").unwrap());
static ESCAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\([\\`*_{}\[\]()#+\-.!|<>])").unwrap());

/// Whether the text is written in markdown (links, lists, headings).
pub fn looks_like_markdown(text: &str) -> bool {
    ANY_LINK.is_match(text) || MD_LINE.find_iter(text).take(2).count() >= 2
}

/// `[1373\(2001\)](#)` → `1373(2001)`: links that lead nowhere become
/// their (unescaped) text.
pub fn reduce_dead_links(line: &str) -> String {
    if !line.contains("](") {
        return line.to_string();
    }
    DEAD_LINK
        .replace_all(line, |c: &regex::Captures| {
            ESCAPE.replace_all(&c[1], "$1").into_owned()
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dead_links_become_text() {
        assert_eq!(
            reduce_dead_links("第 [1373\\(2001\\)](#) 号决议和 [S/2015/939](#)"),
            "第 1373(2001) 号决议和 S/2015/939"
        );
        assert_eq!(
            reduce_dead_links("see [the site](https://un.org)"),
            "see [the site](https://un.org)"
        );
    }

    #[test]
    fn markdown_detection() {
        assert!(looks_like_markdown("- un\n- deux\n"));
        assert!(looks_like_markdown("voir [x](#)"));
        assert!(!looks_like_markdown(
            "Plain text.\nMore text - with a dash.\n"
        ));
    }
}

//! Fenced-code highlighting with syntect, emitting CSS classes (`hl-*`).
//!
//! The syntax set is loaded the first time a page has a fenced block with
//! a language, and shared by all threads afterwards (its regexes run on
//! Oniguruma). A block of a few lines still takes a fraction of a
//! millisecond, so a block met again (the same code in the same language: a snippet a site
//! repeats) is highlighted once per process and its HTML reused
//! ([`Memo`], bounded).

use std::sync::{LazyLock, Mutex};

use rustc_hash::FxHashMap;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::sanitize::escape_html;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// The language named in a fence info string (`rust,ignore` → `rust`).
pub fn fence_language(info: &str) -> &str {
    info.split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .unwrap_or("")
}

/// Highlighted blocks kept for reuse, keyed by language and code: the
/// same input always gives the same HTML.
struct Memo {
    html: FxHashMap<(Box<str>, Box<str>), Box<str>>,
    /// Bytes held (keys and values).
    bytes: usize,
}

/// At most this many bytes of code and HTML are kept; blocks met once the
/// memo is full are highlighted every time.
const MEMO_BYTES: usize = 4 << 20;
/// A block longer than this is not kept: a snippet a site repeats is
/// short, and a long block's HTML (~15 times its code) would take the
/// memo's room for nothing.
const MEMO_BLOCK: usize = 2 << 10;

static MEMO: LazyLock<Mutex<Memo>> = LazyLock::new(|| {
    Mutex::new(Memo {
        html: FxHashMap::default(),
        bytes: 0,
    })
});

/// Renders a code block as `<pre><code>`, highlighted when the language
/// is known to syntect; a block highlighted before is taken from the
/// memo.
pub fn code_block(code: &str, lang: &str) -> String {
    if lang.is_empty() || code.len() > MEMO_BLOCK {
        return highlight(code, lang);
    }
    let key = (Box::<str>::from(lang), Box::<str>::from(code));
    if let Ok(memo) = MEMO.lock()
        && let Some(html) = memo.html.get(&key)
    {
        return html.to_string();
    }
    let html = highlight(code, lang);
    if let Ok(mut memo) = MEMO.lock() {
        let size = lang.len() + code.len() + html.len();
        if memo.bytes + size <= MEMO_BYTES && !memo.html.contains_key(&key) {
            memo.bytes += size;
            memo.html.insert(key, html.as_str().into());
        }
    }
    html
}

/// [`code_block`] without the memo.
fn highlight(code: &str, lang: &str) -> String {
    let lang_attr = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", escape_html(lang))
    };
    if !lang.is_empty()
        && let Some(syntax) = SYNTAXES.find_syntax_by_token(lang)
    {
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
        let ok = LinesWithEndings::from(code).all(|line| {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .is_ok()
        });
        if ok {
            return format!(
                "<pre class=\"highlight\"><code{lang_attr}>{}</code></pre>\n",
                generator.finalize()
            );
        }
    }
    format!("<pre><code{lang_attr}>{}</code></pre>\n", escape_html(code))
}

/// The stylesheet for highlighted code, from a syntect theme name.
pub fn stylesheet(theme: &str) -> Result<String, String> {
    let themes = ThemeSet::load_defaults();
    let Some(t) = themes.themes.get(theme) else {
        let names: Vec<&str> = themes.themes.keys().map(String::as_str).collect();
        return Err(format!(
            "unknown highlight_theme {theme:?}; available: {}",
            names.join(", ")
        ));
    };
    css_for_theme_with_class_style(t, CLASS_STYLE).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes_unknown_is_escaped() {
        let html = code_block("fn main() { let x = 1; }\n", "rust");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("language-rust"));
        let html = code_block("<b>x</b>\n", "no-such-lang");
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert_eq!(fence_language("rust,ignore"), "rust");
        assert_eq!(fence_language("python {.x}"), "python");
    }

    #[test]
    fn a_repeated_block_is_highlighted_as_the_first_time() {
        let code = "def f(x):\n    return x  # same\n";
        let first = code_block(code, "python");
        assert_eq!(first, highlight(code, "python"));
        assert_eq!(code_block(code, "python"), first);
        // Same code, another language: its own highlighting.
        assert_eq!(code_block(code, "rust"), highlight(code, "rust"));
        assert_ne!(code_block(code, "rust"), first);
    }

    #[test]
    fn stylesheet_for_configured_theme() {
        assert!(stylesheet("InspiredGitHub").unwrap().contains(".hl-"));
        assert!(stylesheet("nope").unwrap_err().contains("InspiredGitHub"));
    }
}

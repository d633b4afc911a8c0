//! Fenced-code highlighting with syntect, emitting CSS classes (`hl-*`).
//!
//! The syntax set is loaded the first time a page has a fenced block with
//! a language, and shared by all threads afterwards.

use std::sync::LazyLock;

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

/// Renders a code block as `<pre><code>`, highlighted when the language
/// is known to syntect.
pub fn code_block(code: &str, lang: &str) -> String {
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
    fn stylesheet_for_configured_theme() {
        assert!(stylesheet("InspiredGitHub").unwrap().contains(".hl-"));
        assert!(stylesheet("nope").unwrap_err().contains("InspiredGitHub"));
    }
}

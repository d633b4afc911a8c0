//! Keeping scraped content inert: HTML escaping and URL scheme checks.

/// Escapes text for HTML element content and double-quoted attributes.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `true` for URLs that run code or embed content when followed:
/// `javascript:`, `vbscript:`, `data:`. Browsers ignore ASCII whitespace and
/// control characters inside the scheme and compare it case-insensitively,
/// so this does too.
pub fn is_dangerous_url(url: &str) -> bool {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .take_while(|&c| c != ':' && c != '/' && c != '?' && c != '#')
        .collect::<String>()
        .to_ascii_lowercase();
    let has_colon = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .nth(scheme.chars().count())
        == Some(':');
    has_colon && matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

/// `true` when a URL has a scheme (`https:`, `mailto:`) or is
/// protocol-relative (`//host/`): it leaves the site.
pub fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    let mut chars = url.char_indices();
    match chars.next() {
        Some((_, c)) if c.is_ascii_alphabetic() => {}
        _ => return false,
    }
    for (_, c) in chars {
        if c == ':' {
            return true;
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape_html("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn script_urls_are_dangerous_in_any_disguise() {
        for u in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " java\tscript:alert(1)",
            "vbscript:msgbox",
            "data:text/html;base64,PHNjcmlwdD4=",
            "\u{1}javascript:x",
        ] {
            assert!(is_dangerous_url(u), "{u:?}");
        }
        for u in [
            "https://un.org/javascript:",
            "../documents/a.md",
            "#javascript",
            "mailto:x@y.org",
        ] {
            assert!(!is_dangerous_url(u), "{u:?}");
        }
    }

    #[test]
    fn external_urls() {
        assert!(is_external("https://undocs.org/A/74/130"));
        assert!(is_external("mailto:a@b.c"));
        assert!(is_external("//cdn.example.org/x"));
        assert!(!is_external("../countries/arg.md"));
        assert!(!is_external("x.md#p-1"));
        assert!(!is_external("/documents/"));
    }
}

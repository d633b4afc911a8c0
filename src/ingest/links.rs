//! Links written in the inputs, made into links the site can keep.
//!
//! `build` rejects a relative link to a file that is not in `content/`, so
//! ingest never writes one: a relative link to another input becomes a
//! link to that input's document page; any other relative link becomes the
//! absolute URL it had where the input was published (when the input
//! states its URL) or else its text. In-page anchors (`#section`) become
//! their text: the anchors of the input are not the anchors of the page.
//! Links to the web and to mail stay.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::model::Document;

/// What a document's links are resolved against.
pub struct LinkContext<'a> {
    /// The input's path under the seeds directory, `/`-separated.
    pub source: &'a str,
    /// Every input's path under the seeds directory → its page's slug.
    pub inputs: &'a BTreeMap<String, String>,
    /// The absolute URL the input says it was published at.
    pub base: Option<&'a str>,
}

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(!?)\[((?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"#).unwrap()
});
/// A link reference definition (`[guide]: https://…`); not a footnote's
/// (`[^5]: Resolution 60/1.`), whose text is no destination.
static DEFINITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s{0,3}\[([^\]^][^\]]*)\]:\s*<?(\S+?)>?(?:\s+.*)?$").unwrap());

/// Rewrites the link destinations of a markdown document in place.
pub fn rewrite(doc: &mut Document, ctx: &LinkContext) {
    if !doc.markdown {
        return;
    }
    for b in &mut doc.blocks {
        for t in b.texts_mut() {
            rewrite_text(t, ctx);
        }
    }
    for (_, t) in &mut doc.footnotes {
        rewrite_text(t, ctx);
    }
    // A link definition whose target cannot be kept goes: its references
    // then read as plain text.
    doc.blocks
        .retain(|b| !b.texts().iter().all(|t| t.trim().is_empty()) || b.texts().is_empty());
}

fn rewrite_text(text: &mut String, ctx: &LinkContext) {
    if !text.contains("](") && !text.contains("]:") {
        return;
    }
    if let Some(c) = DEFINITION.captures(text) {
        let dest = c[2].to_string();
        *text = match target(&dest, ctx) {
            Some(t) => format!("[{}]: {t}", &c[1]),
            None => String::new(),
        };
        return;
    }
    let out = LINK.replace_all(text, |c: &Captures| {
        let image = !c[1].is_empty();
        // A link's label may hold links of its own: an image that links
        // somewhere (`[![cover](/images/x.jpg)](https://…)`).
        let mut label = c[2].to_string();
        rewrite_text(&mut label, ctx);
        let label = label.as_str();
        let dest = c[3].trim_start_matches('<').trim_end_matches('>');
        match target(dest, ctx) {
            Some(t) if image && !t.starts_with("../documents/") => format!("![{label}]({t})"),
            Some(t) if !image => format!("[{label}]({t})"),
            // An image whose file is not published: its description.
            _ if image => label.to_string(),
            _ => label.to_string(),
        }
    });
    if let std::borrow::Cow::Owned(o) = out {
        *text = o;
    }
}

/// Where a link in the input should point on the site, or `None` when it
/// should become its text.
pub fn target(dest: &str, ctx: &LinkContext) -> Option<String> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with('#') {
        return None;
    }
    let lower = dest.to_ascii_lowercase();
    if let Some(rest) = dest.strip_prefix("//") {
        return Some(format!("https://{rest}"));
    }
    if crate::markdown::sanitize::is_external(dest) {
        let keep = ["http:", "https:", "mailto:", "ftp:", "tel:"]
            .iter()
            .any(|s| lower.starts_with(s));
        return keep.then(|| dest.replace(' ', "%20"));
    }
    // Relative: another input?
    let path = dest.split(['#', '?']).next().unwrap_or("");
    let path = crate::links::percent_decode(path);
    let dir = match ctx.source.rfind('/') {
        Some(i) => &ctx.source[..i],
        None => "",
    };
    if !path.is_empty() {
        let joined = if let Some(abs) = path.strip_prefix('/') {
            crate::links::normalize("", abs)
        } else {
            crate::links::normalize(dir, &path)
        };
        if let Some(j) = joined {
            let j = j.trim_end_matches('/');
            let tries = [
                j.to_string(),
                format!("{j}.md"),
                format!("{j}.html"),
                format!("{j}/index.md"),
                format!("{j}/README.md"),
                format!("{j}/_index.md"),
                format!("{j}/index.html"),
            ];
            if let Some(slug) = tries.iter().find_map(|t| ctx.inputs.get(t)) {
                return Some(format!("../documents/{slug}.md"));
            }
        }
    }
    ctx.base.and_then(|b| super::url::join(b, dest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::model::Block;

    fn rewritten(text: &str, base: Option<&str>) -> String {
        let inputs: BTreeMap<String, String> = [
            ("posts/other-post.md".to_string(), "other-post".to_string()),
            ("charter/README.md".to_string(), "charter".to_string()),
        ]
        .into_iter()
        .collect();
        let ctx = LinkContext {
            source: "posts/2020/a.md",
            inputs: &inputs,
            base,
        };
        let mut t = text.to_string();
        rewrite_text(&mut t, &ctx);
        t
    }

    #[test]
    fn links_to_other_inputs_become_page_links() {
        assert_eq!(
            rewritten("See the [Charter](../../charter/README.md#art-1).", None),
            "See the [Charter](../documents/charter.md)."
        );
        assert_eq!(
            rewritten(
                "[FAQ](../other-post.md) and [x](../../../../../etc/passwd)",
                None
            ),
            "[FAQ](../documents/other-post.md) and x"
        );
    }

    #[test]
    fn other_relative_links_become_absolute_or_text() {
        assert_eq!(rewritten("[FAQ](faq.md)", None), "FAQ");
        assert_eq!(
            rewritten(
                "[FAQ](faq.md \"the FAQ\")",
                Some("https://ex.org/blog/2020/a/")
            ),
            "[FAQ](https://ex.org/blog/2020/a/faq.md)"
        );
        assert_eq!(
            rewritten("![chart](img/c.png) [top](#top)", None),
            "chart top"
        );
        // An image inside a link: each rewritten.
        assert_eq!(
            rewritten(
                "[![Book cover](/images/cover.jpg)](https://example.org/book/)",
                None
            ),
            "[Book cover](https://example.org/book/)"
        );
        assert_eq!(
            rewritten(
                "[![Book cover](/images/cover.jpg)](https://example.org/book/)",
                Some("https://un-aligned.org/posts/ga/")
            ),
            "[![Book cover](https://un-aligned.org/images/cover.jpg)](https://example.org/book/)"
        );
        assert_eq!(
            rewritten(
                "[un](https://un.org) [m](mailto:a@b.org) [j](javascript:alert(1))",
                None
            ),
            "[un](https://un.org) [m](mailto:a@b.org) j"
        );
    }

    #[test]
    fn definitions_are_rewritten_or_dropped() {
        assert_eq!(rewritten("[1]: ./missing.md", None), "");
        assert_eq!(rewritten("[1]: https://x.org", None), "[1]: https://x.org");
        // A footnote's text is no link's destination: it stays.
        assert_eq!(
            rewritten("[^5]: Resolution 60/1.", None),
            "[^5]: Resolution 60/1."
        );
        let mut doc = Document {
            markdown: true,
            blocks: vec![
                Block::Para {
                    num: None,
                    text: "[1]: nowhere.md".into(),
                    items: vec![],
                },
                Block::Para {
                    num: None,
                    text: "Text".into(),
                    items: vec![],
                },
            ],
            ..Document::default()
        };
        let inputs = BTreeMap::new();
        rewrite(
            &mut doc,
            &LinkContext {
                source: "a.md",
                inputs: &inputs,
                base: None,
            },
        );
        assert_eq!(doc.blocks.len(), 1);
    }
}

//! Files for machines: `sitemap.xml`, `robots.txt`, `atom.xml` (the
//! documents) and `graph.json`. Deterministic: no build timestamps; the
//! feed's dates are the documents' own `date`.
//!
//! Sitemaps and Atom need absolute URLs. With a bare-path `base_url`
//! (`/` or `/kb/`) `sitemap.xml` and `atom.xml` are not written, the
//! build says so in a warning, and `robots.txt` has no `Sitemap:` line.

use super::LoadedSite;
use super::contexts::{Contexts, list_order};
use crate::content::Kind;
use crate::markdown::sanitize::escape_html;
use crate::output::OutputFile;

/// `true` when `base_url` has a scheme and host (`https://example.org/kb/`).
pub fn is_absolute(base_url: &str) -> bool {
    base_url
        .split_once("://")
        .is_some_and(|(scheme, rest)| !scheme.is_empty() && !rest.starts_with('/'))
}

/// The warning printed when sitemap and feed are skipped.
pub fn bare_base_url_warning(base_url: &str) -> String {
    format!(
        "base_url = {base_url:?} is not an absolute URL: sitemap.xml and atom.xml need one and were not written (set base_url = \"https://your.host{base_url}\" in site.toml or pass --base-url)"
    )
}

/// The generated files, and warnings.
pub fn files(site: &LoadedSite, cx: &Contexts<'_>, html_urls: &[String]) -> Vec<OutputFile> {
    let mut out = feeds(site, cx, html_urls);
    out.push(graph_json(site, cx, None));
    out
}

/// `sitemap.xml`, `atom.xml` and `robots.txt`: what the pages' URLs and
/// front matter make (not their text nor their links).
pub fn feeds(site: &LoadedSite, cx: &Contexts<'_>, html_urls: &[String]) -> Vec<OutputFile> {
    let absolute = is_absolute(&site.config.base_url);
    let mut out = Vec::new();
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if absolute {
        robots.push_str(&format!("Sitemap: {}\n", cx.permalink("sitemap.xml")));
        out.push(OutputFile {
            path: "sitemap.xml".into(),
            bytes: sitemap(cx, html_urls).into_bytes(),
        });
        out.push(OutputFile {
            path: "atom.xml".into(),
            bytes: atom(site, cx).into_bytes(),
        });
    }
    out.push(OutputFile {
        path: "robots.txt".into(),
        bytes: robots.into_bytes(),
    });
    out
}

/// `graph.json`, or the bytes given when the caller has them already (an
/// incremental build patches the previous one).
pub fn graph_json(site: &LoadedSite, cx: &Contexts<'_>, made: Option<Vec<u8>>) -> OutputFile {
    OutputFile {
        path: "graph.json".into(),
        bytes: made.unwrap_or_else(|| crate::graph::json::to_json(site, &cx.graph).into_bytes()),
    }
}

/// Percent-encodes the non-ASCII bytes of a URL (sitemaps want RFC 3986
/// URLs; page URLs keep CJK and Vietnamese readable).
pub fn ascii_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// `sitemap.xml` for the given page URLs (relative to the base, sorted).
fn sitemap(cx: &Contexts<'_>, urls: &[String]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in urls {
        s.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape_html(&ascii_url(&cx.permalink(u)))
        ));
    }
    s.push_str("</urlset>\n");
    s
}

/// `atom.xml`: every document, newest first. The feed's `updated` is the
/// newest document date, so the same content gives the same bytes.
fn atom(site: &LoadedSite, cx: &Contexts<'_>) -> String {
    let pages = &site.content.pages;
    let mut docs: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].front.kind == Kind::Document && !pages[i].is_section_index)
        .collect();
    docs.sort_by(|&a, &b| list_order(&pages[a], &pages[b]));
    let stamp = |d: Option<&str>| format!("{}T00:00:00Z", d.unwrap_or("1970-01-01"));
    let updated = docs
        .iter()
        .filter_map(|&i| pages[i].front.date.as_deref())
        .max();
    let c = &site.config;
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape_html(&c.language)
    ));
    s.push_str(&format!("  <title>{}</title>\n", escape_html(&c.title)));
    if !c.description.is_empty() {
        s.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape_html(&c.description)
        ));
    }
    s.push_str(&format!("  <id>{}</id>\n", escape_html(&cx.permalink(""))));
    s.push_str(&format!(
        "  <link rel=\"self\" href=\"{}\"/>\n  <link href=\"{}\"/>\n",
        escape_html(&cx.permalink("atom.xml")),
        escape_html(&cx.permalink(""))
    ));
    s.push_str(&format!("  <updated>{}</updated>\n", stamp(updated)));
    s.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape_html(&c.title)
    ));
    for i in docs {
        let p = &pages[i];
        let f = &p.front;
        let link = ascii_url(&cx.permalink(&p.url));
        let lang = f
            .language
            .as_deref()
            .map(|l| format!(" xml:lang=\"{}\"", escape_html(l)))
            .unwrap_or_default();
        s.push_str(&format!("  <entry{lang}>\n"));
        s.push_str(&format!("    <title>{}</title>\n", escape_html(&f.title)));
        s.push_str(&format!("    <id>{}</id>\n", escape_html(&link)));
        s.push_str(&format!("    <link href=\"{}\"/>\n", escape_html(&link)));
        s.push_str(&format!(
            "    <updated>{}</updated>\n",
            stamp(f.date.as_deref())
        ));
        let summary = f
            .description
            .clone()
            .or_else(|| f.symbol.clone())
            .unwrap_or_default();
        if !summary.is_empty() {
            s.push_str(&format!(
                "    <summary>{}</summary>\n",
                escape_html(&summary)
            ));
        }
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_base_urls() {
        assert!(is_absolute("https://example.org/kb/"));
        assert!(is_absolute("http://localhost:8000/"));
        assert!(!is_absolute("/"));
        assert!(!is_absolute("/kb/"));
        assert!(!is_absolute("file:///tmp/"));
    }

    #[test]
    fn sitemap_urls_are_ascii() {
        assert_eq!(
            ascii_url("https://example.org/国家/việt/"),
            "https://example.org/%E5%9B%BD%E5%AE%B6/vi%E1%BB%87t/"
        );
    }
}

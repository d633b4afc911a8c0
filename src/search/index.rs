//! The pagefind index, built in-process (feature `search`).
//!
//! One language for the whole index: pagefind splits its index by
//! language and the browser searches only one of them, while this site's
//! documents mix Chinese, English and Vietnamese (an English document
//! quotes Chinese paragraphs). Every record is indexed as `zh`, so Han text
//! is segmented (the `extended` feature) wherever it appears, and Latin
//! text splits at spaces as usual; each record's own language is kept as
//! a filter. The cost: no English stemming (prefix matching still finds
//! `evidenc` → `evidence`).

//!
//! One pagefind page per site page, not one per paragraph: pagefind
//! writes a fragment file per page and its indexing time and memory grow
//! with the number of pages (a linear scan per added page, a compressor
//! per fragment), so a record per paragraph cost ~30 files and most of the
//! build per document. A document's paragraphs become sub-results: each
//! starts at an empty element carrying the paragraph's anchor as its `id`
//! and its label as `data-pagefind-title`, so pagefind's sub-result links
//! to `#p-17` (or `#:~:text=…`) and is titled `¶17`. Per-paragraph filters
//! (country, topic, organization, resolution) cannot be pagefind filters
//! of a sub-result: the page carries their union (so a filter finds every
//! document with a paragraph under it), and each anchor's title carries
//! its paragraph's own values after [`FILTER_SEPARATOR`], as JSON, for
//! search.js to keep only the paragraphs filed under the chosen values.

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::build::LoadedSite;
use crate::output::OutputFile;
use crate::search::records::{Record, Records, is_paragraph_filter};

/// The language every record is indexed under (see the module doc).
pub const INDEX_LANGUAGE: &str = "zh";

/// Output directory of the index, relative to the site root.
pub const BUNDLE_DIR: &str = "pagefind";

/// Between a sub-result's label and its paragraph's filters in the
/// anchor title (U+001F, the unit separator: never in a label).
pub const FILTER_SEPARATOR: char = '\u{1f}';

/// Indexes the site page by page; returns the files of `pagefind/`,
/// sorted by path.
pub fn build(site: &LoadedSite) -> Result<Vec<OutputFile>, String> {
    let records = Records::new(site);
    build_pages((0..site.content.pages.len()).map(|i| records.page(i)))
}

/// Indexes pages given as their records (one page's records at a time).
pub fn build_pages(pages: impl Iterator<Item = Vec<Record>>) -> Result<Vec<OutputFile>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("search index: cannot start the indexer: {e}"))?;
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .force_language(INDEX_LANGUAGE.to_string())
            .keep_index_url(true)
            .build();
        let mut index = PagefindIndex::new(Some(options))
            .map_err(|e| format!("search index: bad options: {e}"))?;
        for records in pages {
            let Some((url, html)) = page_html(&records) else {
                continue;
            };
            index
                .add_html_file(None, Some(url.clone()), html)
                .await
                .map_err(|e| format!("search index: cannot index {url}: {e}"))?;
        }
        let files = index
            .get_files()
            .await
            .map_err(|e| format!("search index: {e}"))?;
        let mut out: Vec<OutputFile> = files
            .into_iter()
            .filter(|f| !is_unused_ui(&f.filename.to_string_lossy()))
            .map(|f| OutputFile {
                path: format!(
                    "{BUNDLE_DIR}/{}",
                    f.filename.to_string_lossy().replace('\\', "/")
                ),
                bytes: f.contents,
            })
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    })
}

/// The page pagefind indexes for one site page's records: its URL and an
/// HTML body made for the indexer only (never served). `None` for a page
/// without records.
pub fn page_html(records: &[Record]) -> Option<(String, String)> {
    let first = records.first()?;
    let url = first.url.split('#').next().unwrap_or_default().to_string();
    let title = match &first.label {
        None => first.title.clone(),
        Some(label) => page_title(&first.title, label),
    };
    // Page filters: every record's, so the page is found under each value
    // one of its paragraphs is filed under.
    let mut filters: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in records {
        for (name, values) in &r.filters {
            filters
                .entry(name)
                .or_default()
                .extend(values.iter().map(String::as_str));
        }
    }
    let mut html = String::with_capacity(records.iter().map(|r| r.content.len() + 96).sum());
    html.push_str("<html lang=\"");
    html.push_str(INDEX_LANGUAGE);
    html.push_str("\"><body><div data-pagefind-ignore>");
    push_attr_element(&mut html, "data-pagefind-meta", "title", &title);
    for (name, values) in &mut filters {
        values.sort_unstable();
        values.dedup();
        for v in values.iter() {
            push_attr_element(&mut html, "data-pagefind-filter", name, v);
        }
    }
    html.push_str("</div>");
    for r in records {
        html.push_str("<p>");
        if let (Some(label), Some((_, fragment))) = (&r.label, r.url.split_once('#')) {
            html.push_str("<span id=\"");
            escape_into(&mut html, fragment);
            html.push_str("\" data-pagefind-title=\"");
            escape_into(&mut html, &anchor_title(label, &r.filters));
            html.push_str("\"></span>");
        }
        escape_into(&mut html, &r.content);
        html.push_str("</p>\n");
    }
    html.push_str("</body></html>");
    Some((url, html))
}

/// A document's title from a paragraph record's (`Report ¶17` → `Report`).
fn page_title(title: &str, label: &str) -> String {
    if label.is_empty() {
        return title.to_string();
    }
    title
        .strip_suffix(label)
        .map(|t| t.trim_end().trim_end_matches(" —").trim_end())
        .unwrap_or(title)
        .to_string()
}

/// `¶17` + [`FILTER_SEPARATOR`] + `{"country":["Argentina"]}`: the label
/// and the paragraph's own filters (only the label when it has none).
pub fn anchor_title(label: &str, filters: &BTreeMap<String, Vec<String>>) -> String {
    let own: BTreeMap<&String, &Vec<String>> = filters
        .iter()
        .filter(|(name, values)| is_paragraph_filter(name) && !values.is_empty())
        .collect();
    // pagefind keeps an anchor only when its title is not blank.
    let label = if label.trim().is_empty() { "¶" } else { label };
    if own.is_empty() {
        return label.to_string();
    }
    let json = serde_json::to_string(&own).unwrap_or_default();
    format!("{label}{FILTER_SEPARATOR}{json}")
}

/// `<span ATTR="NAME:VALUE"></span>` (pagefind reads what follows the
/// first colon literally, commas included).
fn push_attr_element(html: &mut String, attr: &str, name: &str, value: &str) {
    html.push_str("<span ");
    html.push_str(attr);
    html.push_str("=\"");
    escape_into(html, name);
    html.push(':');
    escape_into(html, value);
    html.push_str("\"></span>");
}

fn escape_into(html: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            c => html.push(c),
        }
    }
}

/// pagefind's ready-made UIs, which search.js does not use (~430 KB):
/// `pagefind.js`, its worker, the WebAssembly and the index are kept.
fn is_unused_ui(name: &str) -> bool {
    [
        "pagefind-ui.",
        "pagefind-component-ui.",
        "pagefind-modular-ui.",
        "pagefind-highlight.",
    ]
    .iter()
    .any(|prefix| name.starts_with(prefix))
}

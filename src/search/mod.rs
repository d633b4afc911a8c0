//! Search that works on the static output, with no server.
//!
//! Owns what the build adds for search: the search page
//! (`search/index.html`, from the theme's `search.html`),
//! `search/symbols.json` (exact symbol look-up), `search/names.json` and,
//! with the default-on cargo feature `search`, the index under
//! `search/index/` (`index`, terms as `tokens` makes them). The browser
//! side is `themes/default/static/search.js` with `search-engine.js`,
//! loaded by the search page only: no other page loads the index.
//!
//! Called once per build from `build::render_site`; reads the loaded site,
//! never writes files itself.

#[cfg(feature = "search")]
pub mod index;
pub mod names;
pub mod records;
pub mod symbols;
pub mod tokens;

use crate::build::{Contexts, LoadedSite};
use crate::output::OutputFile;
use crate::problem::Problem;
use crate::render::{PageContext, RenderContext, Theme};

/// URL of the search page, relative to the site base.
pub const SEARCH_URL: &str = "search/";
/// Template of the search page; a theme without it gets no search page.
pub const SEARCH_TEMPLATE: &str = "search.html";
/// The symbol map, relative to the site root.
pub const SYMBOLS_PATH: &str = "search/symbols.json";
/// The entities' names in every language, relative to the site root.
pub const NAMES_PATH: &str = "search/names.json";

/// The search index's record in the build cache dir (`index::log`):
/// removed with the build cache (feature or not).
pub const INDEX_LOG: &str = "search-index.bin";

/// `true` when this pilcrow was built with the search index.
pub const AVAILABLE: bool = cfg!(feature = "search");

/// The search page's context. What the template needs besides it comes
/// from pilcrow, never from a page: `site.has_search` says whether the
/// index exists, and the theme names its files with `url()`.
pub fn page_context(cx: &Contexts<'_>, language: &str) -> PageContext {
    let title = cx
        .strings
        .get("search_title")
        .cloned()
        .unwrap_or_else(|| "Search".into());
    PageContext {
        title,
        kind: "search".into(),
        url: cx.url(SEARCH_URL),
        permalink: cx.permalink(SEARCH_URL),
        lang: language.to_string(),
        ..PageContext::default()
    }
}

/// The index's files: those held in memory, sorted by path, and those
/// already written into the output (with a sink), by path.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct IndexFiles {
    pub files: Vec<OutputFile>,
    pub written: Vec<String>,
    /// What each page put in, for the next build (when asked for).
    #[cfg(feature = "search")]
    pub log: Option<index::log::Log>,
}

/// What search adds to the output.
#[derive(Debug, Default)]
pub struct SearchFiles {
    pub files: Vec<OutputFile>,
    /// Files already written into the sink (by path).
    pub written: Vec<String>,
    pub problems: Vec<Problem>,
    /// The index's record for the next build, when one was made.
    #[cfg(feature = "search")]
    pub log: Option<index::log::Log>,
}

/// Everything search adds to the output: the search page (when the theme
/// has `search.html`), `search/symbols.json`, `search/names.json` and the
/// index — whose page files go straight into `sink` when there is one;
/// `made`: the index when the build made it already, page by page as it
/// rendered them.
pub fn files(
    site: &LoadedSite,
    theme: &Theme,
    cx: &Contexts<'_>,
    sink: Option<&std::path::Path>,
    made: Option<Result<IndexFiles, String>>,
) -> SearchFiles {
    let _ = (sink, &made);
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if theme.has_template(SEARCH_TEMPLATE) {
        let page = page_context(cx, &site.config.language);
        let ctx = RenderContext {
            site: &cx.site_context,
            t: &cx.strings,
            breadcrumbs: cx.breadcrumbs(SEARCH_URL),
            page: &page,
            section: None,
        };
        match theme.render(SEARCH_TEMPLATE, &ctx) {
            Ok(html) => files.push(OutputFile {
                path: format!("{SEARCH_URL}index.html"),
                bytes: html.into_bytes(),
            }),
            Err(p) => problems.push(p),
        }
    }
    files.push(OutputFile {
        path: SYMBOLS_PATH.into(),
        bytes: symbols::symbols_json(site),
    });
    files.push(OutputFile {
        path: NAMES_PATH.into(),
        bytes: names::names_json(site),
    });
    #[allow(unused_mut)]
    let mut written = Vec::new();
    #[cfg(feature = "search")]
    let mut log = None;
    #[cfg(feature = "search")]
    match made.unwrap_or_else(|| index::build_into(site, sink)) {
        Ok(index_files) => {
            files.extend(index_files.files);
            written = index_files.written;
            log = index_files.log;
        }
        Err(message) => problems.push(Problem::general(message)),
    }
    SearchFiles {
        files,
        written,
        problems,
        #[cfg(feature = "search")]
        log,
    }
}

#[cfg(test)]
mod tests {
    use super::records::{FILTER_COUNTRY, FILTER_KIND, FILTER_LANGUAGE, FILTER_TOPIC, Record};
    use super::*;
    use crate::config::Config;

    /// The browser tests' site, loaded (also used by `index::memo`'s tests).
    pub(crate) fn fixture() -> LoadedSite {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/fixture");
        let config = Config::load(&root).unwrap();
        let site = crate::build::load(&config);
        assert!(site.problems.is_empty(), "{:?}", site.problems);
        site
    }

    fn record<'a>(records: &'a [Record], url: &str) -> &'a Record {
        records
            .iter()
            .find(|r| r.url == url)
            .unwrap_or_else(|| panic!("no record {url}"))
    }

    #[test]
    fn paragraph_records_link_to_their_anchor_and_carry_filters() {
        let site = fixture();
        let records = records::records(&site);
        let r = record(&records, "/documents/a-74-130/#p-3");
        assert!(r.content.contains("数字证据"), "{r:?}");
        assert!(!r.content.contains('¶'), "{r:?}");
        assert_eq!(
            r.title,
            "打击为犯罪目的使用信息和通信技术行为 — 秘书长的报告 ¶3"
        );
        assert_eq!(r.language, "zh");
        assert_eq!(r.filters[FILTER_KIND], ["document"]);
        assert_eq!(r.filters[FILTER_LANGUAGE], ["zh"]);
        // Filter values are the entities' titles, not their ids.
        assert_eq!(r.filters[FILTER_COUNTRY], ["Argentina"]);
        assert_eq!(r.filters[FILTER_TOPIC], ["Digital evidence"]);
        // One record per numbered paragraph.
        let paragraphs = records
            .iter()
            .filter(|r| r.url.starts_with("/documents/a-74-130/#p-"))
            .count();
        assert_eq!(paragraphs, 40);
    }

    #[test]
    fn unnumbered_paragraphs_link_to_their_text() {
        let site = fixture();
        let records = records::records(&site);
        let i = site
            .content
            .pages
            .iter()
            .position(|p| p.url == "documents/phoi-hop/")
            .unwrap();
        let anchors = &site.rendered[i].anchors;
        let vi: Vec<&Record> = records
            .iter()
            .filter(|r| r.url.starts_with("/documents/phoi-hop/"))
            .collect();
        assert_eq!(vi.len(), 3, "{vi:?}");
        // Each paragraph is reached by its own id when the engine gave it
        // one, otherwise by its text.
        for r in &vi {
            let fragment = r.url.split_once('#').map(|(_, f)| f).unwrap_or("");
            let by_text = fragment.starts_with(":~:text=");
            assert!(by_text || anchors.iter().any(|a| a == fragment), "{r:?}");
        }
        let para = vi.iter().find(|r| r.content.contains("chứng cứ")).unwrap();
        // The text as the page shows it (the index folds its terms).
        assert!(para.content.contains("chứng cứ điện tử"), "{para:?}");
        assert!(para.title.ends_with("— Nội dung"), "{para:?}");
        // Without an id, the last paragraph is reached by its whole text.
        let text =
            records::text_directive("Đại diện Argentina trình bày kinh nghiệm hợp tác quốc tế.");
        assert!(
            vi[2].url.ends_with(&format!("#:~:text={text}")) || !vi[2].url.contains(":~:"),
            "{:?}",
            vi[2]
        );
    }

    #[test]
    fn record_urls_are_unique() {
        // A result links to one paragraph: two records on one URL would
        // list it twice.
        let site = fixture();
        let records = records::records(&site);
        let mut urls: Vec<&str> = records.iter().map(|r| r.url.as_str()).collect();
        urls.sort();
        let before = urls.len();
        urls.dedup();
        assert_eq!(before, urls.len());
    }

    #[test]
    fn entity_pages_are_one_record_with_their_names() {
        let site = fixture();
        let records = records::records(&site);
        let r = record(&records, "/topics/digital-evidence/");
        assert!(r.content.contains("数字证据"), "{r:?}");
        assert!(r.content.contains("chứng cứ điện tử"), "{r:?}");
        assert!(
            r.names.as_deref().is_some_and(|n| n.contains("数字证据")),
            "{r:?}"
        );
        // Names, not the id: excerpts show what they hold.
        assert!(!r.content.contains("digital-evidence"), "{r:?}");
        assert_eq!(r.filters[FILTER_KIND], ["topic"]);
        assert_eq!(r.filters[FILTER_TOPIC], ["Digital evidence"]);
        let arg = record(&records, "/countries/arg/");
        assert_eq!(arg.filters[FILTER_COUNTRY], ["Argentina"]);
    }

    #[test]
    fn symbols_json_maps_symbols_and_ids_to_pages() {
        let site = fixture();
        let map = symbols::symbols(&site);
        let res = &map["s/res/2341(2017)"];
        assert_eq!(res.url, "/resolutions/s-res-2341-2017/");
        assert_eq!(res.symbol, "S/RES/2341 (2017)");
        assert_eq!(map["a/74/130"].url, "/documents/a-74-130/");
        assert_eq!(map["arg"].url, "/countries/arg/");
        assert_eq!(map["digital-evidence"].url, "/topics/digital-evidence/");
        let json: serde_json::Value =
            serde_json::from_slice(&symbols::symbols_json(&site)).unwrap();
        assert_eq!(
            json["s/res/2341(2017)"]["title"],
            serde_json::json!("S/RES/2341 (2017)")
        );
    }

    #[test]
    fn the_search_page_is_rendered_with_the_theme() {
        let site = fixture();
        let theme = Theme::load(&site.config).unwrap();
        let (files, problems) = crate::build::render_site(&site, &theme);
        assert!(problems.is_empty(), "{problems:?}");
        let page = files
            .files
            .iter()
            .find(|f| f.path == "search/index.html")
            .expect("search page");
        let html = String::from_utf8_lossy(&page.bytes);
        assert_eq!(
            html.contains("<input type=\"search\" id=\"search-input\" name=\"q\""),
            AVAILABLE
        );
        assert_eq!(html.contains("search.js"), AVAILABLE, "{html}");
        assert_eq!(html.contains("Search is unavailable"), !AVAILABLE, "{html}");
        assert!(files.files.iter().any(|f| f.path == SYMBOLS_PATH));
        // Only the search page loads the search script.
        for f in &files.files {
            if f.path.ends_with(".html") && f.path != "search/index.html" {
                let text = String::from_utf8_lossy(&f.bytes);
                assert!(!text.contains("search.js"), "{}", f.path);
                assert!(!text.contains("search/index"), "{}", f.path);
            }
        }
        let has_index = files
            .files
            .iter()
            .any(|f| f.path == "search/index/meta.json");
        assert_eq!(has_index, AVAILABLE);
    }

    #[test]
    fn the_search_page_speaks_the_site_language() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/fixture");
        let mut config = Config::load(&root).unwrap();
        config.language = "vi".into();
        let site = crate::build::load(&config);
        let theme = Theme::load(&site.config).unwrap();
        let (files, problems) = crate::build::render_site(&site, &theme);
        assert!(problems.is_empty(), "{problems:?}");
        let page = files
            .files
            .iter()
            .find(|f| f.path == "search/index.html")
            .unwrap();
        let html = String::from_utf8_lossy(&page.bytes);
        assert!(html.contains("<html lang=\"vi\">"), "{html}");
        assert!(html.contains("<h1>Tìm kiếm</h1>"), "{html}");
    }

    #[test]
    fn urls_carry_the_base_path_of_a_site_under_a_sub_path() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/fixture");
        let mut config = Config::load(&root).unwrap();
        config.base_url = "https://example.org/kb/".into();
        let site = crate::build::load(&config);
        let records = records::records(&site);
        assert!(
            records.iter().all(|r| r.url.starts_with("/kb/")),
            "{records:?}"
        );
        assert_eq!(
            symbols::symbols(&site)["a/74/130"].url,
            "/kb/documents/a-74-130/"
        );
        let theme = Theme::load(&site.config).unwrap();
        let (files, _) = crate::build::render_site(&site, &theme);
        let page = files
            .files
            .iter()
            .find(|f| f.path == "search/index.html")
            .unwrap();
        let html = String::from_utf8_lossy(&page.bytes);
        if AVAILABLE {
            assert!(html.contains("data-index=\"/kb/search/index/\""), "{html}");
            assert!(
                html.contains("data-symbols=\"/kb/search/symbols.json\""),
                "{html}"
            );
            assert!(html.contains("src=\"/kb/search.js\""), "{html}");
            assert!(html.contains("action=\"/kb/search/\""), "{html}");
        }
    }

    /// The index of the fixture, read back as search-engine.js reads it.
    #[cfg(feature = "search")]
    struct Read {
        files: std::collections::BTreeMap<String, serde_json::Value>,
    }

    #[cfg(feature = "search")]
    impl Read {
        fn new(site: &LoadedSite) -> Read {
            let files = index::build(site)
                .unwrap()
                .into_iter()
                .map(|f| (f.path, serde_json::from_slice(&f.bytes).unwrap()))
                .collect();
            Read { files }
        }

        fn file(&self, path: &str) -> &serde_json::Value {
            &self.files[&format!("{}/{path}", index::INDEX_DIR)]
        }

        /// (page URL, paragraph anchors, in title) for a term or filter key.
        fn postings(&self, dir: &str, key: &str) -> Vec<(String, Vec<String>, bool)> {
            let meta = self.file("meta.json");
            let shard = if dir == "w" {
                tokens::shard_of(key, meta["shards"].as_u64().unwrap() as u32)
            } else {
                tokens::fnv1a(key.as_bytes()) % meta["filterShards"].as_u64().unwrap() as u32
            };
            let data = &self.file(&format!("{dir}/{shard}.json"))[key];
            let data: Vec<u32> = data
                .as_array()
                .map(|a| a.iter().map(|n| n.as_u64().unwrap() as u32).collect())
                .unwrap_or_default();
            let mut out = Vec::new();
            let (mut i, mut page) = (0, 0);
            while i < data.len() {
                page += data[i];
                let (k, title) = (data[i + 1] / 2, data[i + 1] % 2 == 1);
                i += 2;
                let fragment = self.file(&format!("p/{page}.json"));
                let mut para = 0;
                let mut anchors = Vec::new();
                for _ in 0..k {
                    para += data[i];
                    i += 1;
                    let p = &fragment["paras"][para as usize];
                    anchors.push(p[0].as_str().unwrap().to_string());
                }
                out.push((
                    fragment["url"].as_str().unwrap().to_string(),
                    anchors,
                    title,
                ));
            }
            out
        }
    }

    #[cfg(feature = "search")]
    #[test]
    fn the_index_is_the_same_bytes_for_the_same_site_with_a_file_per_page() {
        let site = fixture();
        let a = index::build(&site).unwrap();
        let b = index::build(&site).unwrap();
        assert_eq!(a, b);
        let records = records::records(&site);
        let mut pages: Vec<&str> = records
            .iter()
            .map(|r| r.url.split('#').next().unwrap_or_default())
            .collect();
        pages.dedup();
        assert!(records.len() > 2 * pages.len(), "fixture too small");
        let fragments = a
            .iter()
            .filter(|f| f.path.starts_with("search/index/p/"))
            .count();
        assert_eq!(fragments, pages.len());
        let meta: serde_json::Value = serde_json::from_slice(
            &a.iter()
                .find(|f| f.path == "search/index/meta.json")
                .unwrap()
                .bytes,
        )
        .unwrap();
        assert_eq!(meta["pages"], pages.len());
        assert_eq!(meta["format"], index::FORMAT);
    }

    #[cfg(feature = "search")]
    #[test]
    fn a_term_leads_to_the_paragraphs_that_hold_it() {
        let site = fixture();
        let read = Read::new(&site);
        // `数字证据` is looked up as its pairs; ¶3 of A/74/130 holds both.
        for pair in ["数字", "证据"] {
            let hits = read.postings("w", pair);
            let doc = hits
                .iter()
                .find(|(url, _, _)| url == "/documents/a-74-130/")
                .unwrap_or_else(|| panic!("{pair}: {hits:?}"));
            assert!(doc.1.contains(&"p-3".to_string()), "{pair}: {doc:?}");
        }
        // Folded: `chung cu dien tu` finds `chứng cứ điện tử`.
        for word in ["chung", "cu", "dien", "tu"] {
            let hits = read.postings("w", word);
            assert!(
                hits.iter().any(|(url, _, _)| url == "/documents/phoi-hop/"),
                "{word}: {hits:?}"
            );
        }
        // An entity's names count as its title, in every language.
        let hits = read.postings("w", "数字");
        assert!(
            hits.iter()
                .any(|(url, _, title)| url == "/topics/digital-evidence/" && *title),
            "{hits:?}"
        );
    }

    #[cfg(feature = "search")]
    #[test]
    fn filters_hold_paragraphs_or_pages_and_count_what_a_click_returns() {
        let site = fixture();
        let read = Read::new(&site);
        let key = |name: &str, value: &str| format!("{name}{}{value}", index::FILTER_SEPARATOR);
        // A paragraph filter holds the paragraphs that mention it …
        let argentina = read.postings("f", &key(FILTER_COUNTRY, "Argentina"));
        let doc = argentina
            .iter()
            .find(|(url, _, _)| url == "/documents/a-74-130/")
            .unwrap();
        assert!(doc.1.contains(&"p-3".to_string()), "{doc:?}");
        let records = records::records(&site);
        let filed = records
            .iter()
            .filter(|r| r.url.starts_with("/documents/a-74-130/#"))
            .filter(|r| {
                r.filters
                    .get(FILTER_COUNTRY)
                    .is_some_and(|c| c.iter().any(|c| c == "Argentina"))
            })
            .count();
        assert_eq!(doc.1.len(), filed);
        // … a page filter whole pages.
        let documents = read.postings("f", &key(FILTER_KIND, "document"));
        assert!(documents.iter().all(|(_, paras, _)| paras.is_empty()));
        // The count shown beside a value is the pages a click lists.
        let meta = read.file("meta.json");
        assert_eq!(
            meta["filters"][FILTER_COUNTRY]["Argentina"],
            argentina.len()
        );
        assert_eq!(meta["filters"][FILTER_KIND]["document"], documents.len());
        assert!(meta["filters"][FILTER_LANGUAGE]["zh"].as_u64().unwrap() > 0);
    }
    #[test]
    fn names_json_knows_each_entity_in_every_language() {
        let site = fixture();
        let json: serde_json::Value = serde_json::from_slice(&names::names_json(&site)).unwrap();
        let entities = json["entities"].as_array().unwrap();
        let names = json["names"].as_array().unwrap();
        let entity_of = |name: &str| {
            names
                .iter()
                .find(|n| n[0] == name)
                .map(|n| &entities[n[1].as_u64().unwrap() as usize])
        };
        for name in ["digital evidence", "数字证据", "chứng cứ điện tử"] {
            let e = entity_of(name).unwrap_or_else(|| panic!("no {name}"));
            assert_eq!(e["filter"], "topic");
            assert_eq!(e["title"], "Digital evidence");
            assert_eq!(e["url"], "/topics/digital-evidence/");
        }
        assert_eq!(entity_of("argentina").unwrap()["filter"], "country");
        // Documents are not entities to search through.
        assert!(entities.iter().all(|e| e["filter"] != "document"));
    }

    /// The bundled site: real documents, real mentions.
    fn bundled() -> LoadedSite {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = Config::load(root).unwrap();
        let site = crate::build::load(&config);
        assert!(site.problems.is_empty(), "{:?}", site.problems);
        site
    }

    #[test]
    fn a_paragraph_is_filtered_by_what_it_mentions_not_by_its_whole_document() {
        let site = bundled();
        let records = records::records(&site);
        let pages = &site.content.pages;
        // Every name a country page gives its country.
        let names_of = |title: &str| -> Vec<String> {
            let p = pages
                .iter()
                .find(|p| p.front.kind == crate::content::Kind::Country && p.front.title == title)
                .unwrap_or_else(|| panic!("no country page titled {title}"));
            let mut v = vec![p.front.title.clone()];
            v.extend(p.front.names.values().cloned());
            v.extend(p.front.aliases.iter().cloned());
            v
        };
        // The heading each paragraph sits under, by its indexed text.
        let mut heading_of = std::collections::HashMap::new();
        for (p, r) in pages.iter().zip(&site.rendered) {
            if p.front.kind == crate::content::Kind::Document {
                for b in records::blocks(&r.html) {
                    heading_of.insert(b.text, b.heading.unwrap_or_default());
                }
            }
        }
        use unicode_normalization::UnicodeNormalization;
        let fold = |s: &str| s.nfc().collect::<String>().to_lowercase();
        let mut checked = 0;
        let mut narrowed = 0;
        for r in records
            .iter()
            .filter(|r| r.filters[FILTER_KIND] == ["document"])
        {
            let doc = pages
                .iter()
                .find(|p| r.url.starts_with(&format!("/{}", p.url)))
                .unwrap();
            let countries = r.filters.get(FILTER_COUNTRY).cloned().unwrap_or_default();
            if countries.len() < doc.front.countries.len() {
                narrowed += 1;
            }
            let Some(heading) = heading_of.get(&r.content) else {
                continue; // a paragraph repeated word for word: one record
            };
            // Each country a paragraph is filed under is named in it or in
            // the heading of its section.
            for c in &countries {
                let names = names_of(c);
                assert!(
                    names
                        .iter()
                        .map(|n| fold(n))
                        .any(|n| fold(&r.content).contains(&n) || fold(heading).contains(&n)),
                    "{} is filed under {c} but names it nowhere: {names:?} / {heading} / {}",
                    r.url,
                    r.content,
                );
                checked += 1;
            }
        }
        assert!(checked > 200, "only {checked} paragraph-country pairs");
        assert!(narrowed > 300, "only {narrowed} paragraphs narrowed");
        // The reader's example: "IP地址" filtered to Mongolia.
        let mongolia: Vec<&Record> = records
            .iter()
            .filter(|r| r.content.contains("IP地址"))
            .filter(|r| {
                r.filters
                    .get(FILTER_COUNTRY)
                    .is_some_and(|c| c.iter().any(|c| c == "Mongolia"))
            })
            .collect();
        assert!(!mongolia.is_empty());
        for r in mongolia {
            assert!(
                r.content.contains("蒙古") || r.title.contains("蒙古"),
                "{r:?}"
            );
        }
    }
}

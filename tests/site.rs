//! The built fixture site as a reader and a machine see it: mentions in
//! context, entity pages, indexes, languages, sitemap, feed, graph.json,
//! and whole-site checks (every link and anchor resolves, ids are unique,
//! lists are well formed).

use std::collections::HashSet;
use std::path::Path;

use assert_cmd::Command;
use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

mod common;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/basic");

fn fixture_copy() -> TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(FIXTURE) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(FIXTURE).unwrap();
        if rel.starts_with("public") {
            continue;
        }
        let target = tmp.path().join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    tmp
}

/// Builds a copy of the fixture; returns it, stdout and stderr.
fn built(args: &[&str], edit: impl FnOnce(&Path)) -> (TempDir, String, String) {
    let site = fixture_copy();
    edit(site.path());
    let out = Command::cargo_bin("pilcrow")
        .unwrap()
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (site, stdout, stderr)
}

fn parse(path: &Path) -> Html {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&text)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Builds a site of the given content files (path under content/, text)
/// with the default theme; returns it (the output is in `public/`).
fn built_site(files: &[(&str, String)]) -> TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(root.join("site.toml"), "title = \"T\"\n").unwrap();
    for (rel, text) in files {
        let path = root.join("content").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let out = Command::cargo_bin("pilcrow")
        .unwrap()
        .args(["build", "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    tmp
}

/// An entity page of `kind` with the given id and title.
fn entity(kind: &str, id: &str, title: &str) -> String {
    format!("---\ntitle: {title}\nkind: {kind}\nid: {id}\n---\n")
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>()
}

fn page(site: &TempDir, rel: &str) -> Html {
    parse(&site.path().join("public").join(rel))
}

/// The mention groups of an entity page: (document URL, lang, mentions as
/// (snippet text, marked text, paragraph URL)).
type Groups = Vec<(String, String, Vec<(String, String, String)>)>;

fn mention_groups(doc: &Html) -> Groups {
    doc.select(&sel("section#mentions section.mention-group"))
        .map(|g| {
            let h3 = g.select(&sel("h3 a")).next().expect("h3 link");
            let items = g
                .select(&sel("li.mention"))
                .map(|li| {
                    let mark = li.select(&sel("mark")).next().expect("mark");
                    let link = li.select(&sel("a.mention-link")).next().expect("link");
                    (
                        text(li),
                        text(mark),
                        link.value().attr("href").unwrap().to_string(),
                    )
                })
                .collect();
            (
                h3.value().attr("href").unwrap().to_string(),
                g.value().attr("lang").unwrap_or("").to_string(),
                items,
            )
        })
        .collect()
}

/// (title, count) of a co-citation list of one kind on an entity page.
fn related(doc: &Html, key: &str) -> Vec<(String, String)> {
    doc.select(&sel(&format!("section.related section.related-{key} li")))
        .map(|li| {
            let a = li.select(&sel("a")).next().unwrap();
            let count = li.select(&sel(".count")).next().unwrap();
            (text(a), text(count))
        })
        .collect()
}

#[test]
fn resolution_page_shows_each_citing_document_with_what_it_says() {
    let (site, _, _) = built(&[], |_| {});
    let doc = page(&site, "resolutions/s-res-2354-2017/index.html");
    let groups = mention_groups(&doc);
    assert_eq!(groups.len(), 2, "{groups:#?}");
    // Newest document first; each group in its document's language.
    let (url, lang, items) = &groups[0];
    assert_eq!((url.as_str(), lang.as_str()), ("/documents/en-note/", "en"));
    assert_eq!(items[0].1, "resolution 2354 (2017)");
    assert!(
        items[0].0.contains("builds on resolution 2341 (2017)"),
        "{items:?}"
    );
    assert_eq!(items[0].2, "/documents/en-note/#p-2");
    let (url, lang, items) = &groups[1];
    assert_eq!(
        (url.as_str(), lang.as_str()),
        ("/documents/a-74-130/", "zh")
    );
    let hrefs: Vec<&str> = items.iter().map(|i| i.2.as_str()).collect();
    assert_eq!(
        hrefs,
        vec!["/documents/a-74-130/#p-18", "/documents/a-74-130/#p-20"]
    );
    assert!(items[1].0.contains("蒙古还援引了"), "{items:?}");
    assert_eq!(items[1].1, "2354(2017)号决议");
    // The paragraph number is in the link, not repeated in the snippet.
    assert!(!items[1].0.contains("20. "), "{items:?}");
    // Organ, year and the official text come from the id.
    let meta = text(doc.select(&sel("dl.meta")).next().unwrap());
    assert!(
        meta.contains("Security Council") && meta.contains("2017"),
        "{meta}"
    );
    let official = doc
        .select(&sel("a[href^='https://undocs.org/']"))
        .next()
        .unwrap();
    assert_eq!(
        official.value().attr("href"),
        Some("https://undocs.org/S/RES/2354(2017)")
    );
}

#[test]
fn resolutions_cited_together_come_with_counts() {
    let (site, _, _) = built(&[], |_| {});
    let doc = page(&site, "resolutions/s-res-2354-2017/index.html");
    assert_eq!(
        related(&doc, "resolutions"),
        vec![
            ("Resolution 2341 (2017)".to_string(), "2".to_string()),
            ("Resolution 2396 (2017)".to_string(), "1".to_string()),
        ]
    );
    // A paragraph under a country's heading counts for that country.
    let countries: Vec<String> = related(&doc, "countries")
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    assert_eq!(countries, vec!["Argentina", "Mongolia"]);
}

#[test]
fn country_page_shows_names_report_section_and_what_it_reported() {
    let (site, _, _) = built(&[], |_| {});
    let doc = page(&site, "countries/arg/index.html");
    // Editor text first, generated parts below.
    let html = doc.root_element().html();
    let editor = html.find("Argentina is cited in").unwrap();
    assert!(editor < html.find("id=\"mentions\"").unwrap());
    let names: Vec<(String, String)> = doc
        .select(&sel("section.names dd"))
        .map(|d| (d.value().attr("lang").unwrap().to_string(), text(d)))
        .collect();
    assert!(names.contains(&("zh".into(), "阿根廷".into())), "{names:?}");
    let section = doc
        .select(&sel(".report-sections li.report-section"))
        .next()
        .expect("a report section");
    let links: Vec<&str> = section
        .select(&sel("a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        links,
        vec![
            "/documents/a-74-130/#阿根廷",
            "/documents/a-74-130/",
            "/documents/a-74-130/#p-17",
            "/documents/a-74-130/#p-18"
        ]
    );
    assert!(text(section).contains("¶17–¶18"), "{}", text(section));
    let topics: Vec<String> = related(&doc, "topics").into_iter().map(|t| t.0).collect();
    assert_eq!(topics, vec!["Digital evidence"]);

    let mongolia = page(&site, "countries/mng/index.html");
    let groups = mention_groups(&mongolia);
    let report = groups.iter().find(|g| g.1 == "zh").unwrap();
    let said: Vec<&str> = report.2.iter().map(|m| m.0.as_str()).collect();
    assert!(said.iter().any(|s| s.contains("IP 地址")), "{said:?}");
    // A paragraph without a number still gets an id to link to: its place
    // among the note's paragraphs.
    let note = groups.iter().find(|g| g.1 == "vi").unwrap();
    assert!(
        note.2[0].2.starts_with("/documents/vi-note/#m-"),
        "{:?}",
        note.2[0]
    );
}

#[test]
fn topic_page_lists_the_countries_discussing_it() {
    let (site, _, _) = built(&[], |_| {});
    let doc = page(&site, "topics/digital-evidence/index.html");
    // Viet Nam discusses it in two paragraphs (two documents), Argentina in one.
    assert_eq!(
        related(&doc, "countries"),
        vec![
            ("Viet Nam".to_string(), "2".to_string()),
            ("Argentina".to_string(), "1".to_string())
        ]
    );
    let groups = mention_groups(&doc);
    let langs: Vec<&str> = groups.iter().map(|g| g.1.as_str()).collect();
    assert_eq!(langs, vec!["vi", "zh"]);
    assert_eq!(groups[0].2[0].1, "chứng cứ điện tử");
}

#[test]
fn two_mentions_in_one_sentence_share_one_snippet() {
    let (site, _, _) = built(&[], |_| {});
    let doc = page(&site, "countries/vnm/index.html");
    let group = doc
        .select(&sel("section.mention-group[lang=vi]"))
        .next()
        .unwrap();
    let items: Vec<ElementRef> = group.select(&sel("li.mention")).collect();
    assert_eq!(items.len(), 1);
    let marks: Vec<String> = items[0].select(&sel("mark")).map(text).collect();
    assert_eq!(marks, vec!["Việt Nam", "Việt Nam"]);
    assert!(text(items[0]).contains("trong đó có Việt Nam, hợp tác."));
}

#[test]
fn indexes_list_every_entity() {
    let (site, _, _) = built(&[], |_| {});
    let home = page(&site, "index.html");
    let home_links: Vec<&str> = home
        .select(&sel(".ways-in a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    for u in [
        "/documents/",
        "/countries/",
        "/resolutions/",
        "/topics/",
        "/graph/",
    ] {
        assert!(home_links.contains(&u), "{home_links:?}");
    }
    let counts: Vec<String> = home
        .select(&sel(".stat-countries .count"))
        .map(text)
        .collect();
    assert_eq!(counts, vec!["3"]);
    let latest: Vec<&str> = home
        .select(&sel(".latest li > a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        latest,
        vec![
            "/documents/vi-note/",
            "/documents/en-note/",
            "/documents/a-74-130/"
        ]
    );
    let top: Vec<String> = home
        .select(&sel(".top-resolutions li"))
        .map(|li| text(li).split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(top[0], "Resolution 2354 (2017) 3", "{top:?}");

    let countries = page(&site, "countries/index.html");
    let letters: Vec<String> = countries
        .select(&sel("section.group h3"))
        .map(text)
        .collect();
    assert_eq!(letters, vec!["A 1", "M 1", "V 1"]);
    let listed: Vec<&str> = countries
        .select(&sel("section.group a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        listed,
        vec!["/countries/arg/", "/countries/mng/", "/countries/vnm/"]
    );

    let resolutions = page(&site, "resolutions/index.html");
    let organs: Vec<String> = resolutions
        .select(&sel("section.group h3"))
        .map(|h| h.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(
        organs,
        vec!["organ-security-council", "organ-general-assembly"]
    );
    let years: Vec<&str> = resolutions
        .select(&sel(".timeline h3"))
        .filter_map(|h| h.value().attr("id"))
        .collect();
    // A/RES/73/187: session 73 opened in 2018.
    assert_eq!(years, vec!["year-2018", "year-2017"]);

    let docs = page(&site, "documents/index.html");
    let meta: Vec<String> = docs.select(&sel(".page-meta")).map(text).collect();
    assert!(
        meta.iter()
            .any(|m| m.contains("A/74/130") && m.contains("2019-07-30") && m.contains("Chinese")),
        "{meta:?}"
    );
}

#[test]
fn document_page_lists_what_it_cites_and_related_documents() {
    let (site, _, _) = built(&[], |_| {});
    let doc = page(&site, "documents/en-note/index.html");
    let cited: Vec<String> = doc
        .select(&sel("section.cites .cites-resolutions a"))
        .map(text)
        .collect();
    assert_eq!(
        cited,
        vec!["Resolution 2341 (2017)", "Resolution 2354 (2017)"]
    );
    let related: Vec<&str> = doc
        .select(&sel("section.related-documents a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(related, vec!["/documents/a-74-130/"]);
    // A Chinese page on an English site: the chrome says it is English,
    // the ¶ links speak Chinese.
    let report = page(&site, "documents/a-74-130/index.html");
    let header = report.select(&sel("header.site-header")).next().unwrap();
    assert_eq!(header.value().attr("lang"), Some("en"));
    let anchor = report.select(&sel("p#p-17 a.anchor")).next().unwrap();
    assert_eq!(anchor.value().attr("aria-label"), Some("链接到此段"));
    assert_eq!(doc.select(&sel("header.site-header[lang]")).count(), 0);
}

#[test]
fn chinese_site_speaks_chinese() {
    let (site, _, _) = built(&[], |root| {
        std::fs::write(
            root.join("site.toml"),
            "title = \"知识库\"\nbase_url = \"/\"\nlanguage = \"zh\"\n",
        )
        .unwrap();
    });
    let home = page(&site, "index.html");
    let html = home.select(&sel("html")).next().unwrap();
    assert_eq!(html.value().attr("lang"), Some("zh"));
    let nav: Vec<String> = home.select(&sel(".site-nav a")).map(text).collect();
    // Generated section titles in Chinese (an editor's _index.md title wins),
    // documents first.
    assert_eq!(nav[0], "文件", "{nav:?}");
    assert!(nav.contains(&"决议".to_string()), "{nav:?}");
    let search = home
        .select(&sel("form[role=search] input[type=search][name=q]"))
        .next()
        .unwrap();
    assert_eq!(search.value().attr("placeholder"), Some("搜索文件"));
    // Languages by name in the UI language, never as codes.
    let doc = page(&site, "documents/a-74-130/index.html");
    let meta: Vec<String> = doc.select(&sel("dl.meta dd")).map(text).collect();
    assert!(meta.iter().any(|d| d == "中文"), "{meta:?}");
    let doc = page(&site, "documents/en-note/index.html");
    let meta: Vec<String> = doc.select(&sel("dl.meta dd")).map(text).collect();
    assert!(meta.iter().any(|d| d == "英文"), "{meta:?}");
    assert!(!meta.iter().any(|d| d == "en" || d == "zh"), "{meta:?}");

    let mng = page(&site, "countries/mng/index.html");
    assert_eq!(text(mng.select(&sel("h1")).next().unwrap()), "蒙古");
    assert_eq!(
        text(mng.select(&sel("title")).next().unwrap()),
        "蒙古 · 知识库"
    );
    assert_eq!(
        text(mng.select(&sel("#pc-mentions")).next().unwrap()).trim(),
        "提及 2"
    );
    let names: Vec<String> = mng.select(&sel("section.names dd")).map(text).collect();
    assert_eq!(names, vec!["Mongolia", "Mông Cổ"]);

    // Countries A–Z by English name, shown in Chinese.
    let countries = page(&site, "countries/index.html");
    let listed: Vec<String> = countries
        .select(&sel("section.group li > a"))
        .map(text)
        .collect();
    assert_eq!(listed, vec!["阿根廷", "蒙古", "越南"]);

    // An English document on a Chinese site: page in English, chrome in Chinese.
    let note = page(&site, "documents/en-note/index.html");
    let html = note.select(&sel("html")).next().unwrap();
    assert_eq!(html.value().attr("lang"), Some("en"));
    let header = note.select(&sel("header.site-header")).next().unwrap();
    assert_eq!(header.value().attr("lang"), Some("zh"));
    let not_found = page(&site, "404.html");
    assert_eq!(
        text(not_found.select(&sel("h1")).next().unwrap()),
        "找不到页面"
    );
}

#[test]
fn vietnamese_site_sorts_countries_by_their_vietnamese_names() {
    let (site, _, _) = built(&[], |root| {
        std::fs::write(
            root.join("site.toml"),
            "title = \"Cơ sở tri thức\"\nlanguage = \"vi\"\n",
        )
        .unwrap();
    });
    let countries = page(&site, "countries/index.html");
    let listed: Vec<String> = countries
        .select(&sel("section.group li > a"))
        .map(text)
        .collect();
    assert_eq!(listed, vec!["Ác-hen-ti-na", "Mông Cổ", "Việt Nam"]);
    let letters: Vec<&str> = countries
        .select(&sel("section.group h3"))
        .filter_map(|h| h.value().attr("id"))
        .collect();
    assert_eq!(letters, vec!["letter-A", "letter-M", "letter-V"]);
    let nav: Vec<String> = countries.select(&sel(".site-nav a")).map(text).collect();
    assert_eq!(nav[0], "Tài liệu", "{nav:?}");
}

#[test]
fn sitemap_feed_robots_and_graph_json() {
    let (site, _, stderr) = built(&["--base-url", "https://example.org/kb/"], |_| {});
    assert!(!stderr.contains("warning"), "{stderr}");
    let public = site.path().join("public");
    let read = |f: &str| std::fs::read_to_string(public.join(f)).unwrap();

    let sitemap = read("sitemap.xml");
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap())
        .collect();
    let html_pages = walkdir::WalkDir::new(&public)
        .into_iter()
        .map(Result::unwrap)
        // The search page is a tool, not content: not in the sitemap.
        .filter(|e| e.file_name() == "index.html" && !e.path().ends_with("search/index.html"))
        .count();
    assert_eq!(locs.len(), html_pages);
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://example.org/kb/"))
    );
    assert!(
        locs.contains(&"https://example.org/kb/countries/arg/"),
        "{locs:?}"
    );
    assert_eq!(
        sitemap.matches("<url>").count(),
        sitemap.matches("</url>").count()
    );

    assert_eq!(
        read("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.org/kb/sitemap.xml\n"
    );

    let atom = read("atom.xml");
    assert!(atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert_eq!(atom.matches("<entry").count(), 3);
    // Newest document date, not the build time.
    assert!(
        atom.contains("<updated>2021-03-01T00:00:00Z</updated>"),
        "{atom}"
    );
    assert!(atom.contains("<link href=\"https://example.org/kb/documents/a-74-130/\"/>"));
    assert!(atom.contains("<entry xml:lang=\"zh\">"));
    let home = page(&site, "index.html");
    let alt = home.select(&sel("link[rel=alternate]")).next().unwrap();
    assert_eq!(alt.value().attr("href"), Some("/kb/atom.xml"));

    let graph: serde_json::Value = serde_json::from_str(&read("graph.json")).unwrap();
    let nodes = graph["nodes"].as_array().unwrap();
    let arg = nodes.iter().find(|n| n["id"] == "countries/arg/").unwrap();
    assert_eq!(arg["kind"], "country");
    assert_eq!(arg["entity"], "ARG");
    let edges = graph["edges"].as_array().unwrap();
    let edge = edges
        .iter()
        .find(|e| {
            e["source"] == "documents/a-74-130/" && e["target"] == "resolutions/s-res-2354-2017/"
        })
        .unwrap();
    assert_eq!(edge["mentions"], 2);
    let ids: HashSet<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    for e in edges {
        assert!(ids.contains(e["source"].as_str().unwrap()), "{e}");
        assert!(ids.contains(e["target"].as_str().unwrap()), "{e}");
    }
    let mentions = graph["mentions"].as_array().unwrap();
    assert!(
        mentions.iter().all(|m| m["anchor"].is_string()),
        "a mention without an anchor"
    );
    assert!(mentions.iter().any(|m| m["target"] == "countries/mng/"
        && m["anchor"] == "p-19"
        && m["text"].as_str().unwrap().contains("IP 地址")));

    // The graph page lists the same as plain HTML.
    let graph_page = page(&site, "graph/index.html");
    let report = graph_page
        .select(&sel("li.graph-node"))
        .find(|li| {
            li.select(&sel("a")).next().unwrap().value().attr("href")
                == Some("/kb/documents/a-74-130/")
        })
        .unwrap();
    assert!(
        report
            .select(&sel(".graph-edges a[href='/kb/countries/mng/']"))
            .next()
            .is_some()
    );
}

#[test]
fn bare_path_base_url_skips_sitemap_and_feed_with_a_warning() {
    let (site, _, stderr) = built(&[], |_| {});
    assert!(
        stderr.contains("warning: base_url = \"/\" is not an absolute URL"),
        "{stderr}"
    );
    let public = site.path().join("public");
    assert!(!public.join("sitemap.xml").exists());
    assert!(!public.join("atom.xml").exists());
    assert_eq!(
        std::fs::read_to_string(public.join("robots.txt")).unwrap(),
        "User-agent: *\nAllow: /\n"
    );
    assert!(public.join("graph.json").is_file());
}

/// Asserts the whole-site check (tests/common) finds nothing; returns how
/// many links it followed.
fn check_whole_site(public: &Path, base_path: &str) -> usize {
    let (checked, problems) = common::site_problems(public, base_path);
    assert!(problems.is_empty(), "{problems:#?}");
    checked
}

#[test]
fn whole_site_has_no_broken_links_anchors_or_duplicate_ids() {
    let (site, _, _) = built(&[], |_| {});
    let checked = check_whole_site(&site.path().join("public"), "/");
    assert!(checked > 300, "only {checked} links checked");
    let (site, _, _) = built(&["--base-url", "https://example.org/kb/"], |_| {});
    assert!(check_whole_site(&site.path().join("public"), "/kb/") > 300);
}

#[test]
fn the_checker_catches_what_it_checks() {
    let (site, _, _) = built(&[], |_| {});
    let public = site.path().join("public");
    let bad = "<!DOCTYPE html><html lang=en><body><p id=a>x</p><p id=a>y</p><a href=\"/countries/arg/#nope\">z</a><a href=\"/nowhere/\">w</a><ul><p>q</p></ul></body></html>";
    std::fs::write(public.join("bad.html"), bad).unwrap();
    let result = std::panic::catch_unwind(|| check_whole_site(&public, "/"));
    let msg = *result.unwrap_err().downcast::<String>().unwrap();
    assert!(msg.contains("duplicate id a"), "{msg}");
    assert!(msg.contains("#nope (no such anchor)"), "{msg}");
    assert!(msg.contains("/nowhere/ (no such file)"), "{msg}");
    assert!(msg.contains("<p> directly in a list"), "{msg}");
}

#[test]
fn lists_are_complete_and_the_summary_comes_before_the_mentions() {
    // A report citing 45 countries, each also cited by a note: more than
    // any list shows at first.
    let mut files = Vec::new();
    let mut report = String::from("---\ntitle: Report\nkind: document\n---\n");
    let mut note = String::from("---\ntitle: Note\nkind: document\n---\n");
    for i in 0..45 {
        files.push((
            format!("countries/c{i}.md"),
            entity("country", &format!("c{i}"), &format!("Country {i}")),
        ));
        report.push_str(&format!(
            "{}\\. About [Country {i}](../countries/c{i}.md). ^p-{}\n\n",
            i + 1,
            i + 1
        ));
        note.push_str(&format!(
            "[Country {i}](../countries/c{i}.md) and [Country 0](../countries/c0.md).\n\n"
        ));
    }
    files.push(("documents/report.md".into(), report));
    files.push(("documents/note.md".into(), note));
    let files: Vec<(&str, String)> = files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    let tmp = built_site(&files);
    let public = tmp.path().join("public");

    // The report's list of cited countries names all 45, the ones past
    // the first screen behind a disclosure.
    let doc = parse(&public.join("documents/report/index.html"));
    let cited: HashSet<String> = doc
        .select(&sel("section.cites a"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(cited.len(), 45, "{cited:?}");
    assert_eq!(doc.select(&sel("section.cites details.more a")).count(), 15);

    // Country 0: what it is mentioned with (all 44 others), then the
    // mentions; a line of links leads to each part.
    let html = std::fs::read_to_string(public.join("countries/c0/index.html")).unwrap();
    let with = html
        .find("id=\"pc-related\"")
        .expect("mentioned-with section");
    let mentions = html.find("id=\"mentions\"").expect("mentions section");
    assert!(with < mentions, "the summary comes after the mentions");
    let page = Html::parse_document(&html);
    assert_eq!(page.select(&sel("section.related li a")).count(), 44);
    // Drawn too: the twelve most frequent, each a link to its page, with
    // a legend naming their kind.
    let drawn: Vec<String> = page
        .select(&sel("figure.local-graph svg a"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(drawn.len(), 12, "{drawn:?}");
    let listed: HashSet<String> = page
        .select(&sel("section.related li a"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(drawn.iter().all(|u| listed.contains(u)), "{drawn:?}");
    let legend: Vec<String> = page
        .select(&sel("figure.local-graph .legend li"))
        .map(text)
        .collect();
    assert_eq!(legend, ["Countries"]);
    let parts: Vec<String> = page
        .select(&sel("nav.page-parts a"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(parts, ["#pc-related", "#mentions"]);
}

#[test]
fn a_paragraph_is_one_mention_entry_cited_by_its_number() {
    let filler = "The report describes the measures taken in detail. ".repeat(8);
    let tmp = built_site(&[
        ("countries/mng.md", entity("country", "mng", "Mongolia")),
        (
            "documents/r.md",
            format!(
                "---\ntitle: Report\nkind: document\n---\n\
                 4\\. The following challenges were named: ^p-4\n\n\
                 (b) Access to data held by [Mongolia](../countries/mng.md)'s providers.\n\n\
                 5\\. [Mongolia](../countries/mng.md) reported first. {filler} Later, [Mongolia](../countries/mng.md) added more. ^p-5\n"
            ),
        ),
    ]);
    let root = tmp.path();
    let page = parse(&root.join("public/countries/mng/index.html"));
    let items: Vec<ElementRef> = page.select(&sel("li.mention")).collect();
    let labels: Vec<String> = items
        .iter()
        .map(|li| text(li.select(&sel("a.mention-link")).next().unwrap()))
        .collect();
    // The sub-item is cited by the paragraph it belongs to; ¶5 is listed
    // once, both of its mentions marked.
    assert_eq!(labels, ["¶4", "¶5"]);
    assert_eq!(items[1].select(&sel("mark")).count(), 2);
    // The same count everywhere: paragraphs, not links.
    let count = page.select(&sel("#pc-mentions .count")).next().map(text);
    assert_eq!(count.as_deref(), Some("2"));
    let doc = parse(&root.join("public/documents/r/index.html"));
    let cited: Vec<String> = doc
        .select(&sel("section.cites li .count"))
        .map(text)
        .collect();
    assert_eq!(cited, ["2"]);
}

#[test]
fn a_mention_in_a_text_without_paragraph_numbers_is_cited_by_its_place() {
    let tmp = built_site(&[
        ("countries/fra.md", entity("country", "fra", "France")),
        (
            "documents/news.md",
            "---\ntitle: News\nkind: document\n---\n\
             [France](../countries/fra.md) opened the meeting.\n\n\
             ## Workshop in Lyon on capacity building\n\n\
             Experts from [France](../countries/fra.md) took part.\n"
                .to_string(),
        ),
    ]);
    let root = tmp.path();
    let page = parse(&root.join("public/countries/fra/index.html"));
    let labels: Vec<String> = page.select(&sel("a.mention-link")).map(text).collect();
    // The text numbers no paragraph: each is cited by its place (headings
    // not counted), and the document shows that number after it.
    assert_eq!(labels, ["¶1", "¶2"]);
    let doc = parse(&root.join("public/documents/news/index.html"));
    let shown: Vec<String> = doc.select(&sel("a.anchor")).map(text).collect();
    assert_eq!(shown, ["¶1", "¶2"]);
}

//! Golden facts over the bundled seeds: what ingest must find in them.
//! Facts, not snapshots: the exact bytes may improve, these may not break.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pilcrow::ingest::{IngestOptions, IngestReport, run};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn ingest(seeds: &Path, content: &Path, force: bool) -> IngestReport {
    run(&IngestOptions {
        seeds_dir: seeds.to_path_buf(),
        content_dir: content.to_path_buf(),
        force,
    })
    .expect("ingest runs")
}

/// One shared ingest of the seeds (read-only for the tests below).
fn content() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        ingest(&seeds(), &dir.path().join("content"), false);
        dir
    })
    .path()
    .join("content")
    .leak()
}

struct Page {
    front: String,
    yaml: serde_yaml::Value,
    body: String,
}

fn page(rel: &str) -> Page {
    let text =
        std::fs::read_to_string(content().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("end of front matter");
    let front = rest[..end].to_string();
    let yaml = serde_yaml::from_str(&front).expect("valid YAML");
    Page {
        front,
        yaml,
        body: rest[end + 5..].to_string(),
    }
}

fn strings(v: &serde_yaml::Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(|s| s.as_sequence())
        .unwrap_or_else(|| panic!("{key} is a list"))
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn str_of(v: &serde_yaml::Value, key: &str) -> Option<String> {
    v.get(key).and_then(|s| s.as_str()).map(str::to_string)
}

/// Documents by source file name.
fn documents() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(content().join("documents")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        let rel = format!("documents/{name}");
        let p = page(&rel);
        let source = str_of(&p.yaml, "source").unwrap();
        out.insert(source.trim_start_matches("seeds/").to_string(), rel);
    }
    out
}

fn doc(stem_prefix: &str) -> Page {
    let docs = documents();
    let rel = docs
        .iter()
        .find(|(k, _)| k.starts_with(stem_prefix))
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("no document from seed {stem_prefix}: {docs:?}"));
    page(&rel)
}

#[test]
fn one_page_per_seed_with_fixed_front_matter_keys() {
    let docs = documents();
    assert_eq!(docs.len(), 5, "{docs:?}");
    for rel in docs.values() {
        let p = page(rel);
        let keys: Vec<&str> = p
            .front
            .lines()
            .filter(|l| !l.starts_with(' '))
            .map(|l| l.split(':').next().unwrap())
            .collect();
        assert_eq!(
            keys,
            [
                "kind",
                "title",
                "symbol",
                "date",
                "language",
                "languages",
                "source",
                "resolutions",
                "documents",
                "countries",
                "organizations",
                "instruments",
                "topics"
            ],
            "{rel}"
        );
        assert_eq!(str_of(&p.yaml, "kind").as_deref(), Some("document"));
        for key in [
            "resolutions",
            "documents",
            "countries",
            "organizations",
            "instruments",
            "topics",
        ] {
            let list = strings(&p.yaml, key);
            let mut sorted = list.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(list, sorted, "{rel}: {key} sorted and unique");
        }
    }
}

#[test]
fn a_74_130_report() {
    let docs = documents();
    assert_eq!(docs["003_ea10f81e3c7e3a0d.txt"], "documents/a-74-130.md");
    let p = doc("003_");
    assert_eq!(str_of(&p.yaml, "symbol").as_deref(), Some("A/74/130"));
    assert_eq!(str_of(&p.yaml, "date").as_deref(), Some("2019-07-30"));
    assert_eq!(str_of(&p.yaml, "language").as_deref(), Some("zh"));
    assert_eq!(strings(&p.yaml, "languages"), ["zh"]);
    let title = str_of(&p.yaml, "title").unwrap();
    assert!(
        title.starts_with("打击为犯罪目的使用信息和通信技术行为"),
        "{title}"
    );

    // 411 numbered paragraphs, in order, no gaps, anchored at their end.
    let anchors: Vec<u32> = p
        .body
        .lines()
        .filter_map(|l| l.rsplit_once(" ^p-").and_then(|(_, n)| n.parse().ok()))
        .collect();
    assert_eq!(anchors, (1..=411).collect::<Vec<u32>>());
    for n in [1, 17, 21, 193, 396, 411] {
        assert!(
            p.body.contains(&format!("\n{n}\\. ")),
            "paragraph {n} starts a line"
        );
    }

    // The 61 member-state sections, from the report's own table of contents.
    let sections: Vec<&str> = p.body.lines().filter(|l| l.starts_with("### ")).collect();
    assert_eq!(sections.len(), 61, "{sections:?}");
    assert!(sections[0].contains("阿根廷"), "{}", sections[0]);
    assert!(sections[1].contains("亚美尼亚"));
    assert!(sections[60].contains("委内瑞拉玻利瓦尔共和国"));
    assert!(
        sections
            .iter()
            .any(|s| s.contains("大不列颠及北爱尔兰联合王国"))
    );
    let h2: Vec<&str> = p.body.lines().filter(|l| l.starts_with("## ")).collect();
    assert!(h2.iter().any(|h| h.contains("导言")), "{h2:?}");
    assert!(
        h2.iter().any(|h| h.contains("从各国政府收到的答复")),
        "{h2:?}"
    );

    // General Assembly resolutions cited, and no others.
    assert_eq!(
        strings(&p.yaml, "resolutions"),
        ["A/RES/65/230", "A/RES/73/187"]
    );
    assert!(!strings(&p.yaml, "documents").contains(&"A/74/130".to_string()));
    assert!(strings(&p.yaml, "countries").contains(&"ARG".to_string()));
    assert!(p.body.contains("[阿根廷](../countries/arg.md)"));

    // No page furniture, masthead or advertising left in the body.
    for junk in [
        "A/74/130V",
        "19-08181",
        "/74",
        "Distr.",
        "Original:",
        "虚拟主机",
        "站群",
        "腾讯云",
        "目录页次",
    ] {
        assert!(!p.body.contains(junk), "body still contains {junk:?}");
    }
    // Footnotes 1–10 are markdown footnotes, each defined once and
    // referenced in the text (9 was glued to a page's last line).
    for n in 1..=10 {
        let label = format!("[^{n}]");
        assert_eq!(
            p.body.matches(&format!("\n{label}: ")).count(),
            1,
            "footnote {n} defined"
        );
        assert_eq!(
            p.body.matches(&label).count(),
            2,
            "footnote {n} referenced once"
        );
    }
    // Paragraph 21 does not start with the footnote marker glued to it.
    assert!(p.body.contains("\n21\\. "));
    // Lettered items are their own lines, labelled in full-width
    // parentheses as Chinese sets them.
    assert!(p.body.contains("\\\n（a）"));
    assert!(!p.body.contains("\n(a)"));
}

#[test]
fn security_council_resolutions_in_001() {
    let p = doc("001_");
    let res = strings(&p.yaml, "resolutions");
    for r in [
        "S/RES/1373 (2001)",
        "S/RES/1624 (2005)",
        "S/RES/2129 (2013)",
        "S/RES/2178 (2014)",
        "S/RES/2322 (2016)",
        "S/RES/2331 (2016)",
        "S/RES/2341 (2017)",
        "S/RES/2396 (2017)",
        "S/RES/2462 (2019)",
    ] {
        assert!(res.contains(&r.to_string()), "{r} in {res:?}");
    }
    assert!(strings(&p.yaml, "documents").contains(&"S/2015/939".to_string()));
    assert_eq!(str_of(&p.yaml, "title").as_deref(), Some("网络空间的反恐"));
    // Dead links became text, the markdown list stayed a list, a word
    // broken across a blank line was rejoined.
    assert!(!p.body.contains("](#)"));
    assert!(p.body.contains("\n- "));
    assert!(p.body.contains("利用预付卡"));
    assert!(
        p.body
            .contains("[1373(2001)](../resolutions/s-res-1373-2001.md)")
            || p.body
                .contains("1373\\(2001\\)](../resolutions/s-res-1373-2001.md)")
    );
}

#[test]
fn vietnamese_news_item_002() {
    let p = doc("002_");
    assert_eq!(str_of(&p.yaml, "date").as_deref(), Some("2019-02-21"));
    assert_eq!(str_of(&p.yaml, "language").as_deref(), Some("vi"));
    assert!(strings(&p.yaml, "resolutions").contains(&"S/RES/2396 (2017)".to_string()));
    let title = str_of(&p.yaml, "title").unwrap();
    assert!(title.starts_with("Phối hợp trong phòng"), "{title}");
}

#[test]
fn mixed_language_page_000_and_press_release_004() {
    let p = doc("000_");
    let langs = strings(&p.yaml, "languages");
    assert!(
        langs.contains(&"zh".to_string()) && langs.contains(&"en".to_string()),
        "{langs:?}"
    );
    assert!(strings(&p.yaml, "resolutions").contains(&"A/RES/72/284".to_string()));
    let p = doc("004_");
    assert_eq!(str_of(&p.yaml, "date").as_deref(), Some("2011-05-19"));
    assert_eq!(str_of(&p.yaml, "language").as_deref(), Some("zh"));
    assert!(str_of(&p.yaml, "title").unwrap().contains("国际电联"));
    // The closing address line of the web page is not a heading.
    assert!(!p.body.contains("## www."));
}

#[test]
fn entity_pages_for_everything_cited() {
    let p = page("resolutions/a-res-73-187.md");
    assert_eq!(str_of(&p.yaml, "kind").as_deref(), Some("resolution"));
    assert_eq!(str_of(&p.yaml, "id").as_deref(), Some("A/RES/73/187"));
    assert!(p.body.trim().is_empty(), "entity pages have no body");
    let c = page("countries/arg.md");
    assert_eq!(str_of(&c.yaml, "kind").as_deref(), Some("country"));
    assert!(c.yaml.get("names").and_then(|n| n.get("zh")).is_some());
    assert!(c.yaml.get("aliases").is_some());
    // Every link in every document resolves to a page that exists.
    for rel in documents().values() {
        let p = page(rel);
        let mut rest = p.body.as_str();
        while let Some(i) = rest.find("](../") {
            let after = &rest[i + 5..];
            let end = after.find(')').unwrap();
            let target = &after[..end];
            assert!(content().join(target).is_file(), "{rel}: link to {target}");
            rest = &after[end..];
        }
    }
}

#[test]
fn second_run_changes_nothing_and_edits_survive() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let first = ingest(&seeds(), &content, false);
    assert!(first.written > 60, "{first}");
    assert!(content.join(".pilcrow/ingest.json").is_file());
    let snapshot = read_tree(&content);

    let second = ingest(&seeds(), &content, false);
    assert_eq!(second.written, 0, "{second}");
    assert_eq!(second.unchanged, first.written);
    assert!(second.kept_edited.is_empty());
    assert!(read_tree(&content) == snapshot, "same input, same bytes");

    // An editor revises a document and an entity page.
    let doc = content.join("documents/a-74-130.md");
    let ent = content.join("countries/arg.md");
    let edited_doc = std::fs::read_to_string(&doc)
        .unwrap()
        .replace("## 一. 导言", "## 一. 导言（编辑）");
    assert!(edited_doc.contains("（编辑）"));
    std::fs::write(&doc, &edited_doc).unwrap();
    let edited_ent = format!(
        "{}\n阿根廷是一个联邦国家。\n",
        std::fs::read_to_string(&ent).unwrap()
    );
    std::fs::write(&ent, &edited_ent).unwrap();
    // … and creates a page of their own.
    let own = content.join("topics/my-topic.md");
    std::fs::write(
        &own,
        "---\nkind: topic\nid: my-topic\ntitle: Mine\nkeywords: [区块链]\n---\nProse.\n",
    )
    .unwrap();

    let third = ingest(&seeds(), &content, false);
    // The editor's keyword (区块链) is now recognised in 001: its page is
    // rewritten (it was not edited), nothing else.
    assert_eq!(third.written, 1, "{third}");
    let doc_001 = std::fs::read_to_string(content.join("documents/001-ac054470.md")).unwrap();
    assert!(doc_001.contains("](../topics/my-topic.md)"));
    assert!(doc_001.contains("my-topic"));
    assert_eq!(third.kept_edited.len(), 2, "{:?}", third.kept_edited);
    assert!(third.warnings.iter().any(|w| w.contains("a-74-130.md")));
    assert_eq!(std::fs::read_to_string(&doc).unwrap(), edited_doc);
    assert_eq!(std::fs::read_to_string(&ent).unwrap(), edited_ent);
    assert!(std::fs::read_to_string(&own).unwrap().ends_with("Prose.\n"));

    // --force takes the generated text back, but never an editor's own page.
    let fourth = ingest(&seeds(), &content, true);
    assert_eq!(fourth.written, 2, "{fourth}");
    assert!(!std::fs::read_to_string(&doc).unwrap().contains("（编辑）"));
    assert!(!std::fs::read_to_string(&ent).unwrap().contains("联邦国家"));
    assert!(std::fs::read_to_string(&own).unwrap().ends_with("Prose.\n"));
}

#[test]
fn editors_aliases_teach_the_recogniser() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    let content = dir.path().join("content");
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::create_dir_all(content.join("countries")).unwrap();
    std::fs::write(
        seeds.join("note.md"),
        "Note on Ruritania\n\nThe Kingdom of Ruritania ratified the Budapest Convention in 2019.\n",
    )
    .unwrap();
    std::fs::write(
        content.join("countries/arg.md"),
        "---\nkind: country\nid: ARG\ntitle: Argentina\naliases: [Kingdom of Ruritania]\n---\n",
    )
    .unwrap();
    ingest(&seeds, &content, false);
    let text = std::fs::read_to_string(content.join("documents/note-on-ruritania.md")).unwrap();
    assert!(
        text.contains("[Kingdom of Ruritania](../countries/arg.md)"),
        "{text}"
    );
    assert!(text.contains("countries: [ARG]"), "{text}");
}

#[test]
fn html_and_legacy_encodings_and_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    let content = dir.path().join("content");
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::write(
        seeds.join("page.html"),
        "<html><head><script>var x;</script></head><body><nav>Accueil | Contact</nav>\
         <h1>Coopération contre la cybercriminalité</h1>\
         <p>Genève, le 14 janvier 2019 — La coopération internationale est essentielle.</p>\
         <p>Les États membres ont souligné la nécessité de renforcer la coopération.</p>\
         <footer>© site</footer></body></html>",
    )
    .unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(
        "打击网络犯罪\n\n2011年5月19日，日内瓦 — 各国加强合作，打击网络犯罪和保护数字证据。\n",
    );
    std::fs::write(seeds.join("gbk.txt"), &gbk).unwrap();
    let report = ingest(&seeds, &content, false);
    assert!(report.written >= 2);
    let html = std::fs::read_to_string(
        content.join("documents/cooperation-contre-la-cybercriminalite.md"),
    )
    .unwrap();
    assert!(html.contains("date: 2019-01-14"), "{html}");
    assert!(html.contains("language: fr"), "{html}");
    assert!(
        !html.contains("var x") && !html.contains("Accueil") && !html.contains("© site"),
        "{html}"
    );
    let docs: Vec<String> = std::fs::read_dir(content.join("documents"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        docs.iter()
            .any(|d| d.contains("title: 打击网络犯罪") && d.contains("date: 2011-05-19"))
    );

    let bin: Vec<u8> = (0..4000u32).map(|i| (i * 31 % 256) as u8).collect();
    std::fs::write(seeds.join("broken.txt"), bin).unwrap();
    let err = run(&IngestOptions {
        seeds_dir: seeds.clone(),
        content_dir: content.clone(),
        force: false,
    })
    .unwrap_err();
    assert!(err.to_string().contains("broken.txt"), "{err}");
}

fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn every_page_has_valid_front_matter() {
    let tree = read_tree(content());
    let mut kinds = std::collections::BTreeSet::new();
    for (rel, bytes) in &tree {
        if rel.starts_with(".pilcrow/") {
            continue;
        }
        assert!(rel.ends_with(".md"), "{rel}");
        let text = std::str::from_utf8(bytes).unwrap();
        assert!(
            !text.contains(['\u{E000}', '\u{E001}', '\u{c}']),
            "{rel}: internal marker leaked"
        );
        let p = page(rel);
        let kind = str_of(&p.yaml, "kind").unwrap_or_else(|| panic!("{rel}: kind"));
        if kind != "document" {
            assert!(str_of(&p.yaml, "id").is_some(), "{rel}: id");
            assert!(str_of(&p.yaml, "title").is_some(), "{rel}: title");
            assert!(
                p.yaml.get("names").is_some_and(|n| n.is_mapping()),
                "{rel}: names"
            );
            assert!(
                p.yaml.get("aliases").is_some_and(|n| n.is_sequence()),
                "{rel}: aliases"
            );
            if kind == "topic" {
                assert!(
                    p.yaml.get("keywords").is_some_and(|n| n.is_sequence()),
                    "{rel}: keywords"
                );
            }
        }
        kinds.insert(kind);
    }
    for k in [
        "document",
        "resolution",
        "document-ref",
        "country",
        "organization",
        "instrument",
        "topic",
    ] {
        assert!(kinds.contains(k), "no {k} page");
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&tree[".pilcrow/ingest.json"]).expect("manifest is JSON");
    let files = manifest["files"].as_object().unwrap();
    assert_eq!(
        files.len(),
        tree.len() - 1,
        "every page ingest wrote is in the manifest"
    );
}

/// The bodies are CommonMark the build can trust: no raw HTML from the
/// sources, every footnote reference defined, paragraph anchors at the end
/// of paragraphs (not swallowed into lists or headings).
#[test]
fn bodies_parse_as_intended_markdown() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    for rel in documents().values() {
        let p = page(rel);
        let mut refs = std::collections::BTreeSet::new();
        let mut defs = std::collections::BTreeSet::new();
        let mut in_para = false;
        let mut para_text = String::new();
        let mut anchored = 0;
        for ev in Parser::new_ext(&p.body, Options::ENABLE_FOOTNOTES) {
            match ev {
                Event::Html(h) | Event::InlineHtml(h) => panic!("{rel}: raw HTML {h:?}"),
                Event::FootnoteReference(l) => {
                    refs.insert(l.to_string());
                }
                Event::Start(Tag::FootnoteDefinition(l)) => {
                    defs.insert(l.to_string());
                }
                Event::Start(Tag::Paragraph) => {
                    in_para = true;
                    para_text.clear();
                }
                Event::End(TagEnd::Paragraph) => {
                    in_para = false;
                    if para_text.contains("^p-") {
                        let (_, n) = para_text.rsplit_once(" ^p-").expect("anchor at the end");
                        assert!(
                            n.parse::<u32>().is_ok(),
                            "{rel}: anchor {n:?} ends its paragraph"
                        );
                        anchored += 1;
                    }
                }
                Event::Text(t) if in_para => para_text.push_str(&t),
                _ => {}
            }
        }
        assert_eq!(refs, defs, "{rel}: footnote references and definitions");
        let expected = p.body.matches(" ^p-").count();
        assert_eq!(anchored, expected, "{rel}: every anchor ends a paragraph");
    }
}

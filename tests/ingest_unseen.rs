//! Documents shaped like the ones ingest will meet but nobody showed it:
//! UN reports as PDF-to-text in English, French and Russian (running
//! headers on their own lines, dotted TOC, `1. Text` paragraphs, `a)`
//! items, page-bottom footnotes, hyphenated line breaks) and a Spanish
//! news item. Written for the purpose (tests/ingest_data/), not taken from seeds.

use std::path::{Path, PathBuf};

use pilcrow::ingest::{IngestOptions, run};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/ingest_data")
        .join(name)
}

/// Ingests the given test documents; returns (content dir guard, pages).
fn ingest(names: &[&str]) -> (tempfile::TempDir, Vec<(String, String)>) {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    for n in names {
        std::fs::copy(data(n), seeds.join(n)).unwrap();
    }
    let content = dir.path().join("content");
    run(&IngestOptions {
        seeds_dir: seeds,
        content_dir: content.clone(),
        force: false,
    })
    .unwrap();
    let mut pages = Vec::new();
    for e in std::fs::read_dir(content.join("documents")).unwrap() {
        let p = e.unwrap().path();
        pages.push((
            p.file_name().unwrap().to_string_lossy().into_owned(),
            std::fs::read_to_string(&p).unwrap(),
        ));
    }
    pages.sort();
    for (name, page) in &pages {
        check_markdown(name, page);
    }
    (dir, pages)
}

/// Whatever the input, the body is markdown the build can trust: no raw
/// HTML, every footnote reference defined.
fn check_markdown(name: &str, page: &str) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let body = page.split("\n---\n").nth(1).unwrap_or_default();
    let mut refs = std::collections::BTreeSet::new();
    let mut defs = std::collections::BTreeSet::new();
    for ev in Parser::new_ext(body, Options::ENABLE_FOOTNOTES) {
        match ev {
            Event::Html(h) | Event::InlineHtml(h) => panic!("{name}: raw HTML {h:?}"),
            Event::FootnoteReference(l) => {
                refs.insert(l.to_string());
            }
            Event::Start(Tag::FootnoteDefinition(l)) => {
                defs.insert(l.to_string());
            }
            _ => {}
        }
    }
    assert_eq!(refs, defs, "{name}: footnotes");
}

fn anchors(page: &str) -> Vec<u32> {
    page.lines()
        .filter_map(|l| l.rsplit_once(" ^p-").and_then(|(_, n)| n.parse().ok()))
        .collect()
}

#[test]
fn english_report_from_a_pdf() {
    let (_dir, pages) = ingest(&["un_report_en.txt"]);
    let (name, page) = &pages[0];
    assert_eq!(name, "a-75-200.md");
    check_english_report(page);
}

/// The same report as pdftotext writes it: form feeds between pages,
/// running header and page number on lines of their own, no `N/T`.
#[test]
fn english_report_from_pdftotext() {
    let (_dir, pages) = ingest(&["un_report_en_pdftotext.txt"]);
    let (name, page) = &pages[0];
    assert_eq!(name, "a-75-200.md");
    check_english_report(page);
}

fn check_english_report(page: &str) {
    assert!(page.contains("symbol: A/75/200\n"));
    assert!(page.contains("date: 2020-07-15\n"));
    assert!(page.contains("language: en\n"));
    assert!(page.contains(
        "title: \"Countering the use of information and communications technologies for criminal purposes: report of the Secretary-General\""
    ));
    assert_eq!(anchors(page), (1..=8).collect::<Vec<u32>>());
    // Running header/footer lines, counters, masthead and TOC are gone.
    for junk in [
        "20-09876",
        "2/6",
        "A/75/200\n",
        "Distr.",
        ". . .",
        "Original:",
        "_____",
    ] {
        assert!(
            !page.split("\n---\n").nth(1).unwrap().contains(junk),
            "{junk:?} in\n{page}"
        );
    }
    assert!(page.contains("\n## I. Introduction\n"));
    assert!(page.contains("\n## II. Replies received from Governments\n"));
    assert!(page.contains("\n### [Argentina](../countries/arg.md)\n"));
    assert!(page.contains("\n### [Brazil](../countries/bra.md)\n"));
    // Hyphenated line breaks rejoined, wrapped lines joined.
    assert!(page.contains("communications technologies for criminal purposes\", the"));
    assert!(page.contains("the greatest challenge for effective prosecution"));
    assert!(page.contains("in which the Assembly requested"));
    // Lettered items on their own lines; the footnote is a footnote.
    assert!(page.contains(":\\\n(a) The scope"));
    assert!(page.contains("provide information.[^1] ^p-2"));
    assert!(page.contains("\n[^1]: Notes verbales CU 2020/10 and CU 2020/55.\n"));
    assert!(page.contains("resolutions: [A/RES/74/173]"));
}

#[test]
fn same_report_in_french_and_russian() {
    let (_dir, pages) = ingest(&["un_report_fr.txt", "un_report_ru.txt"]);
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["a-75-200-fr.md", "a-75-200-ru.md"]);
    let fr = &pages[0].1;
    assert!(fr.contains("language: fr\n"));
    assert!(fr.contains("date: 2020-07-15\n"));
    assert!(fr.contains("title: \"Lutte contre l'utilisation"));
    assert!(fr.contains(": rapport du Secrétaire général\""));
    assert_eq!(anchors(fr), vec![1, 2, 3, 4]);
    assert!(fr.contains("\na) La portée des instruments internationaux ;\\\n"));
    assert!(fr.contains("## Résumé"));
    assert!(fr.contains("countries: [ARG, ARM]"));
    let ru = &pages[1].1;
    assert!(ru.contains("language: ru\n"));
    assert!(ru.contains("symbol: A/75/200\n"));
    assert_eq!(anchors(ru), vec![1, 2, 3]);
    assert!(ru.contains("\n## I. Введение\n"));
    assert!(ru.contains("запросить мнения государств-членов"));
}

#[test]
fn spanish_news_item() {
    let (_dir, pages) = ingest(&["news_es.txt"]);
    let (name, page) = &pages[0];
    assert_eq!(
        name,
        "cooperacion-internacional-contra-la-ciberdelincuencia.md"
    );
    assert!(page.contains("date: 2019-01-14\n"));
    assert!(page.contains("language: es\n"));
    assert!(page.contains("symbol: null\n"));
    // The dateline is metadata, not a heading.
    assert!(!page.contains("## Ginebra"));
    assert!(page.contains("countries: [ARG, ESP]"));
}

#[test]
fn markdown_input_stays_markdown() {
    let (_dir, pages) = ingest(&["note_fr.md"]);
    let (name, page) = &pages[0];
    assert_eq!(name, "mise-a-jour-sur-la-cybercriminalite.md");
    assert!(page.contains("title: \"Mise à jour sur la cybercriminalité\""));
    // Emphasis, external links, code and both kinds of list survive.
    assert!(page.contains("**[Convention de Budapest](../instruments/budapest-convention.md)**"));
    assert!(page.contains("[rapport du Secrétaire général](https://www.un.org/fr/report)"));
    assert!(page.contains("`S/2015/939`"));
    assert!(page.contains("\n- La [France](../countries/fra.md) soutient"));
    assert!(page.contains("\n\n1. Premier point de la liste ordonnée.\n2. Deuxième point.\n"));
    assert!(
        !page.contains("^p-"),
        "an ordered list is not numbered paragraphs"
    );
    // Raw HTML in markdown input does not pass: a script goes whole, it
    // neither runs nor shows as text; autolinks stay.
    assert!(page.contains("Un script ne passe pas, <https://www.un.org> oui."));
    assert!(!page.contains("alert"));
}

#[test]
fn html_page_in_vietnamese() {
    let (_dir, pages) = ingest(&["page_vi.html"]);
    let (name, page) = &pages[0];
    assert_eq!(
        name,
        "hoi-thao-ve-chung-cu-dien-tu-trong-dieu-tra-toi-pham-mang.md"
    );
    assert!(page.contains("language: vi\n"));
    assert!(page.contains("date: 2019-01-14\n"));
    assert!(page.contains("countries: [JPN, VNM]"), "{page}");
    assert!(
        page.contains("chứng cứ điện tử xuyên biên giới"),
        "lines of a <p> joined"
    );
    for chrome in [
        "Trang chủ",
        "Sự kiện",
        "Facebook",
        "Tin liên quan",
        "Bản quyền",
        "window.x",
        "Tin tức",
    ] {
        assert!(!page.contains(chrome), "{chrome:?} left in\n{page}");
    }
}

#[test]
fn citations_of_another_ingested_document_link_to_its_page() {
    let (_dir, pages) = ingest(&["un_report_en.txt", "note_citing_en.txt"]);
    let note = &pages
        .iter()
        .find(|(n, _)| n.starts_with("note-on"))
        .unwrap()
        .1;
    assert!(
        note.contains("[A/75/200](../documents/a-75-200.md)"),
        "{note}"
    );
    assert!(
        note.contains("[S/PRST/2016/6](../un-documents/s-prst-2016-6.md)"),
        "{note}"
    );
    assert!(
        note.contains("documents: [A/75/200, S/PRST/2016/6]"),
        "{note}"
    );
    // The report's own symbol is its symbol, not a citation of itself.
    let report = &pages.iter().find(|(n, _)| n == "a-75-200.md").unwrap().1;
    assert!(report.contains("documents: []"), "{report}");
}

/// A news page scraped as text: menu at the head; share buttons, related
/// headlines and the site's footer at the tail; headline then dateline.
#[test]
fn vietnamese_news_scrape() {
    let (_dir, pages) = ingest(&["news_vi_scrape.txt"]);
    let (name, page) = &pages[0];
    assert_eq!(
        name,
        "viet-nam-tang-cuong-hop-tac-quoc-te-phong-chong-toi-pham.md"
    );
    assert!(
        page.contains("title: \"Việt Nam tăng cường hợp tác quốc tế phòng, chống tội phạm mạng\"")
    );
    assert!(page.contains("date: 2019-01-14\n"));
    assert!(page.contains("language: vi\n"));
    for junk in [
        "Trang chủ",
        "Đăng nhập",
        "Thứ hai",
        "Chia sẻ",
        "Tin liên quan",
        "Giá vàng",
        "Giấy phép",
        "©",
    ] {
        assert!(!page.contains(junk), "{junk:?} left in\n{page}");
    }
    assert_eq!(
        page.split("\n---\n")
            .nth(1)
            .unwrap()
            .trim()
            .split("\n\n")
            .count(),
        4,
        "{page}"
    );
}

/// A masthead without a `Summary` heading: it ends after the title (written
/// twice, as agenda item and as title) and the issuing body.
#[test]
fn masthead_without_summary() {
    let (_dir, pages) = ingest(&["un_report_en_nosummary.txt"]);
    let page = &pages[0].1;
    assert!(page.contains(
        "title: \"Countering the use of information and communications technologies for criminal purposes: report of the Secretary-General\""
    ));
    let body = page.split("\n---\n").nth(1).unwrap();
    for junk in ["Seventy-fifth session", "Item 105", "20-09876", "*2009876*"] {
        assert!(!body.contains(junk), "{junk:?} in\n{body}");
    }
    assert!(
        body.trim_start()
            .starts_with("The present report is submitted"),
        "{body}"
    );
    assert_eq!(anchors(page), (1..=8).collect::<Vec<u32>>());
}

/// A Chinese UN report as a clean PDF extraction (spaced masthead, dotted
/// TOC, `1. 大会…` paragraphs, counter lines `19-08181 3/5`, a footnote).
/// The masthead and the numbered paragraphs must survive the boilerplate
/// cut even in so short a document.
#[test]
fn chinese_report_from_a_pdf() {
    let (_dir, pages) = ingest(&["un_report_zh.txt"]);
    let (name, page) = &pages[0];
    assert_eq!(name, "a-74-130.md");
    assert!(page.contains("title: \"打击为犯罪目的使用信息和通信技术行为：秘书长的报告\""));
    assert!(page.contains("date: 2019-07-30\n"));
    assert!(page.contains("language: zh\n"));
    assert_eq!(anchors(page), vec![1, 2, 3, 4]);
    assert!(page.contains("\n## 一. 导言\n"));
    assert!(page.contains("\n### [亚美尼亚](../countries/arm.md)\n"));
    assert!(
        page.contains("请秘书长征求会员国关于本国"),
        "a line broken inside a word rejoins without a space"
    );
    assert!(page.contains("\n[^1]: 详见"));
    let body = page.split("\n---\n").nth(1).unwrap();
    for junk in ["19-08181", "A/74/130", "Distr.", "页次", "....", "A/74/150"] {
        assert!(!body.contains(junk), "{junk:?} in\n{body}");
    }
}

/// Arabic: `1 - نص` paragraphs, `أولا - مقدمة` headings, (أ) (ب) items.
#[test]
fn arabic_report() {
    let (_dir, pages) = ingest(&["un_report_ar.txt"]);
    let page = &pages[0].1;
    assert!(page.contains("language: ar\n"));
    assert!(page.contains("symbol: A/75/200\n"));
    assert!(page.contains("date: 2020-07-15\n"));
    assert!(page.contains("تقرير الأمين العام\""));
    assert_eq!(anchors(page), vec![1, 2, 3]);
    assert!(page.contains("\n## أولا - مقدمة\n"));
    assert!(page.contains(":\\\n(أ) نطاق الصكوك الدولية؛\\\n(ب)"));
    assert!(page.contains("countries: [ARG]"));
}

#[test]
fn a_removed_seed_takes_its_unedited_page_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    let content = dir.path().join("content");
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::copy(data("news_es.txt"), seeds.join("news_es.txt")).unwrap();
    std::fs::copy(data("un_report_ar.txt"), seeds.join("un_report_ar.txt")).unwrap();
    let opts = IngestOptions {
        seeds_dir: seeds.clone(),
        content_dir: content.clone(),
        force: false,
    };
    run(&opts).unwrap();
    std::fs::remove_file(seeds.join("news_es.txt")).unwrap();
    let report = run(&opts).unwrap();
    assert_eq!(report.written, 0, "{report}");
    let page = content.join("documents/cooperacion-internacional-contra-la-ciberdelincuencia.md");
    assert!(!page.exists(), "{report}");
    assert!(report.removed >= 1, "{report}");
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

/// A Security Council resolution: its own symbol carries its year and is
/// not a citation of itself; the resolutions it recalls are.
#[test]
fn security_council_resolution() {
    let (_dir, pages) = ingest(&["sc_resolution_en.txt"]);
    let (name, page) = &pages[0];
    assert_eq!(name, "s-res-2341-2017.md");
    assert!(page.contains("symbol: \"S/RES/2341 (2017)\"\n"), "{page}");
    assert!(page.contains("date: 2017-02-13\n"));
    assert!(
        page.contains("title: \"Resolution 2341 (2017)\"\n"),
        "{page}"
    );
    assert!(
        page.contains("\n\nThe [Security Council](../organizations/unsc.md),\n"),
        "{page}"
    );
    assert!(
        page.contains("resolutions: [\"S/RES/1373 (2001)\", \"S/RES/2322 (2016)\"]"),
        "{page}"
    );
    assert_eq!(anchors(page), vec![1, 2, 3]);
}

#[test]
fn a_general_assembly_resolution_is_its_own_symbol_adopted_on_its_own_date() {
    // As text extracted from the PDF of a resolution: the masthead names
    // the draft or committee report it was adopted on, in brackets, and
    // gives the day it was distributed; the resolution numbers itself —
    // `78/265.`, in Arabic `78/267 -` — in each UN language's own words
    // (`2024年3月11日大会决议`, `Резолюция, принятая … 11 марта 2024 года`).
    let cases = [
        (
            "ga_resolution_en.txt",
            "A/RES/78/265",
            "Cooperation in the field",
        ),
        (
            "ga_resolution_fr.txt",
            "A/RES/78/266",
            "Coopération dans le domaine",
        ),
        ("ga_resolution_ar.txt", "A/RES/78/267", "التعاون في مجال"),
        (
            "ga_resolution_zh.txt",
            "A/RES/78/268",
            "信息和通信技术领域的合作",
        ),
        (
            "ga_resolution_ru.txt",
            "A/RES/78/269",
            "Сотрудничество в области",
        ),
    ];
    let names: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let (_dir, pages) = ingest(&names);
    for (name, symbol, title) in cases {
        let (_, page) = pages
            .iter()
            .find(|(_, p)| p.contains(&format!("source: seeds/{name}")))
            .unwrap_or_else(|| panic!("no page for {name}"));
        let front = page.split("\n---\n").next().unwrap_or_default();
        assert!(
            front.contains(&format!("symbol: {symbol}\n")),
            "{name}: {front}"
        );
        assert!(front.contains("date: 2024-03-11\n"), "{name}: {front}");
        let title_line = front
            .lines()
            .find(|l| l.starts_with("title: "))
            .unwrap_or_default();
        assert!(
            title_line
                .trim_start_matches("title: ")
                .trim_start_matches('"')
                .starts_with(title),
            "{name}: {title_line}"
        );
        // The cited report or draft is a citation, not the document.
        assert!(!front.contains("symbol: A/78/481"), "{front}");
        assert!(!front.contains("symbol: A/78/L.49"), "{front}");
    }
}

#[test]
fn every_preambular_paragraph_of_an_arabic_resolution_stays_text() {
    // Arabic ends a preamble's clauses with its own comma (`،`): a clause
    // is neither a heading nor a line of tags, and none is cut.
    let (_dir, pages) = ingest(&["ga_resolution_ar.txt"]);
    let page = &pages[0].1;
    let body = page.split("\n---\n").nth(1).unwrap_or_default();
    for clause in [
        "إن [الجمعية العامة](../organizations/unga.md)،",
        "إذ تشير إلى",
        "وإذ تلاحظ مع القلق أن",
    ] {
        let line = body
            .lines()
            .find(|l| l.contains(clause))
            .unwrap_or_else(|| panic!("{clause:?} lost: {body}"));
        assert!(!line.starts_with('#'), "a clause as a heading: {line}");
    }
    assert!(page.contains("countries: [DEU, FRA, JPN]"), "{page}");
}

#[test]
fn a_preamble_that_shares_few_words_with_the_articles_stays() {
    // Turkish inflects where other languages use function words, and its
    // preamble's recitals (each a line ending with a comma) share few
    // word forms with the articles after them: none of it is a scrape's
    // head to cut, and the declaration's first line is its title.
    let (_dir, pages) = ingest(&["udhr_tr.txt"]);
    let page = &pages[0].1;
    assert!(
        page.contains("title: \"İnsan hakları evrensel beyannamesi\""),
        "{page}"
    );
    for recital in [
        "İnsanlık ailesinin bütün üyelerinde bulunan haysiyetin",
        "Üye devletlerin, Birleşmiş Milletler Teşkilatı ile işbirliği",
        "öğretim ve eğitim yoluyla",
        "Bütün insanlar hür, haysiyet ve haklar bakımından eşit doğarlar.",
    ] {
        assert!(page.contains(recital), "{recital:?} lost: {page}");
    }
}

#[test]
fn the_next_and_previous_stories_under_an_article_are_not_its_text() {
    // A news page closes its article with the next and the previous
    // story's headlines, each under its label (`التالي`, `السابق`): the
    // countries those headlines name are not the article's.
    let (_dir, pages) = ingest(&["page_ar_next_previous.html"]);
    let page = &pages[0].1;
    assert!(page.contains("وأوضح مصفف الشعر"), "{page}");
    assert!(!page.contains("هولندا"), "{page}");
    assert!(page.contains("countries: []"), "{page}");
}

#[test]
fn a_markdown_posts_footnotes_stay_with_what_they_cite() {
    // `[^1]: Resolution 60/1.` is a footnote, not a link definition whose
    // destination (`Resolution`) leads nowhere: it stays, and so does the
    // resolution it cites.
    let (_dir, pages) = ingest(&["note_en_footnotes.md"]);
    let page = &pages[0].1;
    assert!(
        page.contains("[^3]: United Nations, Treaty Series"),
        "{page}"
    );
    for id in ["A/RES/60/1", "A/RES/60/288"] {
        let resolutions = page
            .lines()
            .find(|l| l.starts_with("resolutions:"))
            .unwrap_or_default();
        assert!(resolutions.contains(id), "{id}: {resolutions}");
    }
}

#[test]
fn a_quote_broken_over_lines_is_one_quote_with_one_marker() {
    let (_dir, pages) = ingest(&["note_en_quote.md"]);
    let page = &pages[0].1;
    let quote = page
        .lines()
        .find(|l| l.starts_with("> "))
        .unwrap_or_else(|| panic!("no quote: {page}"));
    assert!(quote.contains("shall be permanent members."), "{quote}");
    assert!(!quote[1..].contains('>'), "{quote}");
}

#[test]
fn a_number_the_document_cites_as_the_assemblys_is_the_assemblys_when_cited_bare() {
    // `聯合國大會第2758號決議` names the Assembly; the same number cited
    // bare afterwards (`聯合國2758號決議`) is that resolution, not the
    // Council's resolution 2758 (2024).
    let (_dir, pages) = ingest(&["news_zh_2758.md"]);
    let page = &pages[0].1;
    assert!(
        page.contains("resolutions: [\"A/RES/2758(XXVI)\"]"),
        "{page}"
    );
    assert!(!page.contains("s-res-2758"), "{page}");
}

#[test]
fn identical_letters_under_two_symbols_are_one_document_titled_by_their_dated_title() {
    // A layout-keeping text dump of identical letters to the Assembly and
    // the Council: the title states the letters' date and breaks after a
    // word that leaves no phrase open (`…from the Permanent` / `Observer
    // of …`); the first paragraph's first line is indented; the first
    // page's foot (job number, bar code) ends the text.
    let (_dir, pages) = ingest(&["letters_en_joint_symbol.txt"]);
    let page = &pages[0].1;
    assert!(page.contains("symbol: A/ES-10/1027\n"), "{page}");
    assert!(
        page.contains(
            "title: \"Identical letters dated 19 March 2025 from the Permanent Observer of the State of Palestine to the United Nations addressed to the Secretary-General, the President of the General Assembly and the President of the Security Council\""
        ),
        "{page}"
    );
    // The Council's symbol is the same document's, not one it cites.
    assert!(!page.contains("S/2025/173"), "{page}");
    let body = page.rsplit("\n---\n").next().unwrap_or_default();
    assert!(
        body.trim_start()
            .starts_with("After committing over 1,000 violations"),
        "{body}"
    );
    assert!(!body.contains("25-04581"), "{body}");
    assert!(
        !body.contains("## "),
        "no line of a paragraph is a heading: {body}"
    );
}

#[test]
fn a_resolution_whose_text_opens_with_its_number_adopted_is_its_own_symbol() {
    // As a web page or a collection copies a resolution: `Resolution
    // 68/262 adopted by the General Assembly …` heads the text, with no
    // masthead and no `68/262.` title line.
    let (_dir, pages) = ingest(&["resolution_en_web.txt", "resolution_ru_web.txt"]);
    assert_eq!(pages.len(), 2);
    for (name, page) in &pages {
        assert!(page.contains("symbol: A/RES/68/262\n"), "{name}: {page}");
        // Its own number is not a resolution it cites.
        assert!(
            page.contains("resolutions: [\"A/RES/2625(XXV)\"]\n"),
            "{name}: {page}"
        );
    }
}

#[test]
fn a_meeting_records_first_line_is_its_masthead_and_names_its_symbol() {
    // A verbatim record's masthead has no `Distr.` line: `United Nations
    // S/PV.9876` heads it. That is the record's own symbol (not a document
    // it cites) and never its title.
    let (_dir, pages) = ingest(&["record_en_pv.txt"]);
    let page = &pages[0].1;
    assert!(page.contains("symbol: S/PV.9876\n"), "{page}");
    assert!(page.contains("documents: []\n"), "{page}");
    assert!(!page.contains("title: \"United Nations"), "{page}");
}

#[test]
fn a_date_line_above_the_headline_dates_the_text_and_is_not_its_title() {
    let (_dir, pages) = ingest(&["blog_it_dateline.txt"]);
    let page = &pages[0].1;
    // The date line above a headline too long to be taken for a heading.
    let title = page
        .lines()
        .find(|l| l.starts_with("title: "))
        .unwrap_or_default();
    assert!(!title.contains("giovedì"), "{page}");
    assert!(page.contains("date: 2022-03-24\n"), "{page}");
}

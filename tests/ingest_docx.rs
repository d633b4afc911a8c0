//! Word files in `seeds/` are read directly: headings by style, numbered
//! paragraphs from list numbering, footnotes, tables and the core
//! properties come out as from clean text.

mod docx_fixtures;

use std::path::{Path, PathBuf};
use std::process::Command;

fn ingest_files(files: &[(&str, Vec<u8>)]) -> (tempfile::TempDir, PathBuf, std::process::Output) {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = tmp.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    for (name, bytes) in files {
        std::fs::write(seeds.join(name), bytes).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_pilcrow"))
        .current_dir(tmp.path())
        .args(["ingest", "--seeds", "seeds", "--content", "content"])
        .output()
        .unwrap();
    let root = tmp.path().to_path_buf();
    (tmp, root, out)
}

fn only_page(root: &Path) -> String {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(root.join("content/documents"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(pages.len(), 1, "{pages:?}");
    std::fs::read_to_string(pages.remove(0)).unwrap()
}

#[test]
fn a_word_report_gives_headings_numbered_paragraphs_notes_and_tables() {
    let (_tmp, root, out) = ingest_files(&[("report.docx", docx_fixtures::un_report_docx())]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = only_page(&root);
    let body = page.splitn(3, "---\n").nth(2).unwrap();
    assert!(page.contains("symbol: A/80/456"), "{page}");
    // No date in the text: the file's creation date stands in.
    assert!(page.contains("date: 2025-03-12"), "{page}");
    assert!(
        page.contains("title: \"Cooperation on digital evidence"),
        "{page}"
    );
    // Headings by style: a localized id found by its name, an outline level.
    assert!(
        body.lines()
            .any(|l| l.starts_with('#') && l.ends_with("I. Introduction")),
        "{body}"
    );
    assert!(
        body.lines()
            .any(|l| l.starts_with('#') && l.ends_with("II. Replies received")),
        "{body}"
    );
    // List numbering: 1., 2., and a second list going on with 3.
    for n in 1..=3 {
        assert!(body.contains(&format!("^p-{n}\n")), "no ^p-{n} in\n{body}");
    }
    let p1 = &body[body.find("1\\. The").unwrap()..body.find("^p-1").unwrap()];
    assert!(
        p1.contains("(a) the laws adopted;") && p1.contains("(b) the training given."),
        "{body}"
    );
    let p3 = body.lines().find(|l| l.ends_with("^p-3")).unwrap();
    assert!(p3.contains("national strategy"), "{p3}");
    // The footnote, linked; entities kept as text.
    assert!(body.contains("cooperation.[^1]"), "{body}");
    assert!(body.lines().any(|l| l.starts_with("[^1]: See ")), "{body}");
    assert!(
        body.contains("digital evidence](") && body.contains("&"),
        "{body}"
    );
    // The table as a table; deleted text and field codes gone.
    assert!(body.contains("| Country | Laws |"), "{body}");
    assert!(
        !body.contains("withdrawn") && !body.contains("PAGE"),
        "{body}"
    );
    assert!(body.contains("summarized in section II."), "{body}");
}

#[test]
fn the_symbol_in_a_page_header_is_the_documents_and_the_header_is_not_body() {
    use docx_fixtures::{docx, docx_with_header, p, t};
    let body = format!(
        "{}{}",
        p(None, None, &t("Note by the Secretariat")),
        p(
            None,
            None,
            &t(
                "The Secretariat has the honour to transmit the report on cooperation in criminal matters."
            )
        ),
    );
    let header = format!(
        "{}{}",
        p(None, None, &t("A/80/321")),
        p(None, None, &t("2/7"))
    );
    let (_tmp, root, out) = ingest_files(&[(
        "note.docx",
        docx_with_header(&body, "", "", "", "", Some(&header)),
    )]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = only_page(&root);
    assert!(page.contains("symbol: A/80/321"), "{page}");
    let body_text = page.splitn(3, "---\n").nth(2).unwrap();
    assert!(!body_text.contains("2/7"), "{body_text}");
    // Without the header there is no symbol.
    let (_tmp, root, _) = ingest_files(&[("note.docx", docx(&body, "", "", "", ""))]);
    assert!(only_page(&root).contains("symbol: null"));
}

#[test]
fn a_heading_title_is_not_joined_to_the_authors_line_under_it() {
    use docx_fixtures::{docx, p, t};
    let styles =
        r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>"#;
    let title =
        "How to overcome veto power in the U.N. Security Council and/or expel RF from the U.N.";
    // As a converter writes it: bookmarks around the heading's text, the
    // byline in two runs (the name a link), a contents list under it.
    let body = [
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:bookmarkStart w:id="0" w:name="x"/>{}<w:bookmarkEnd w:id="0"/></w:p>"#,
            t(title)
        ),
        p(
            Some("FirstParagraph"),
            None,
            &format!("{}{}", t("by "), t("Viktor Ageyev")),
        ),
        p(
            Some("Compact"),
            Some((1, 0)),
            &t("How to overcome the “veto power” in the UN Security Council"),
        ),
        p(
            Some("Compact"),
            Some((1, 0)),
            &t("Why the Russian Federation is not a member of the United Nations"),
        ),
        p(
            None,
            None,
            &t(
                "The Charter of the United Nations gives five States a veto over the decisions of the Council.",
            ),
        ),
    ];
    let numbering = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
    let (_tmp, root, out) =
        ingest_files(&[("veto.docx", docx(&body.concat(), styles, numbering, "", ""))]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = only_page(&root);
    // The abbreviation ending the title keeps its period; the byline is
    // not the title's second line.
    assert!(page.contains(&format!("title: \"{title}\"")), "{page}");
}

#[test]
fn a_file_that_is_not_a_word_document_is_named_and_others_are_ingested() {
    let (_tmp, root, out) = ingest_files(&[
        (
            "old.docx",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0],
        ),
        ("junk.docx", b"PK\x03\x04 not really a zip".to_vec()),
        (
            "note.txt",
            b"Note on cooperation\n\n1. Text of the note.\n".to_vec(),
        ),
    ]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("old.docx") && err.contains("password"),
        "{err}"
    );
    assert!(err.contains("junk.docx"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    only_page(&root);
}

#[test]
fn word_files_in_chinese_russian_and_arabic_keep_their_text_and_numbering() {
    use docx_fixtures::{docx, p, t};
    let styles = r#"<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="a"><w:name w:val="Title"/></w:style>"#;
    let numbering = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
    let files = [
        (
            "zh.docx",
            ["打击网络犯罪", "导言"],
            [
                "大会回顾其关于网络犯罪的各项决议",
                "大会请秘书长提交报告",
                "大会决定继续审议这一问题",
            ],
        ),
        (
            "ru.docx",
            ["Противодействие киберпреступности", "Введение"],
            [
                "Генеральная Ассамблея ссылается на свои резолюции",
                "Ассамблея просит Генерального секретаря представить доклад",
                "Ассамблея постановляет продолжить рассмотрение вопроса",
            ],
        ),
        (
            "ar.docx",
            ["مكافحة الجريمة السيبرانية", "مقدمة"],
            [
                "إن الجمعية العامة تشير إلى قراراتها",
                "تطلب الجمعية إلى الأمين العام تقديم تقرير",
                "تقرر الجمعية مواصلة النظر في المسألة",
            ],
        ),
    ];
    for (name, [title, head], paras) in files {
        let mut body = vec![p(Some("a"), None, &t(title)), p(Some("1"), None, &t(head))];
        body.extend(
            paras
                .iter()
                .map(|x| p(None, Some((1, 0)), &t(&format!("{x}.")))),
        );
        let (_tmp, root, out) =
            ingest_files(&[(name, docx(&body.concat(), styles, numbering, "", ""))]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let page = only_page(&root);
        assert!(
            page.contains(&format!("title: \"{title}\""))
                || page.contains(&format!("title: {title}\n")),
            "{page}"
        );
        assert!(
            page.lines()
                .any(|l| l.starts_with('#') && l.ends_with(head)),
            "{page}"
        );
        for (i, para) in paras.iter().enumerate() {
            let n = i + 1;
            let line = page
                .lines()
                .find(|l| l.ends_with(&format!("^p-{n}")))
                .unwrap_or_else(|| panic!("no ^p-{n} in {page}"));
            let end: String = para.chars().skip(para.chars().count() - 3).collect();
            assert!(line.contains(&end), "{line}");
        }
    }
}

#[test]
fn the_masthead_in_a_first_page_header_gives_the_date_and_title() {
    use docx_fixtures::{docx_with_header, p, t};
    // A UN Word file: the masthead (symbol, distribution, date, original
    // language) stands in the header of the first page only (`w:titlePg`);
    // the body opens with the session, the agenda item and the title.
    let section =
        r#"<w:sectPr><w:headerReference w:type="first" r:id="rId7"/><w:titlePg/></w:sectPr>"#;
    let body = format!(
        "{}{}{}{}{}{}{}{section}",
        p(None, None, &t("Eightieth session")),
        p(None, None, &t("Agenda item 155")),
        p(None, None, &t("Financing of the Mission in the Region")),
        p(
            Some("HCh"),
            None,
            &t("Budget performance for the period from 1 July 2024 to 30 June 2025")
        ),
        p(None, None, &t("Report of the Secretary-General")),
        p(
            None,
            None,
            &t(
                "1. The present report, submitted on 3 March 2025, covers the budget of the Mission."
            )
        ),
        p(
            None,
            None,
            &t("2. The expenditure for the period amounted to $10 million, as set out below.")
        ),
    );
    let header = [
        "United Nations",
        "A/80/590",
        "General Assembly",
        "Distr.: General",
        "7 January 2026",
        "Original: English",
    ]
    .iter()
    .map(|l| p(None, None, &t(l)))
    .collect::<String>();
    // The title's style sets it larger than the text.
    let styles = r#"<w:style w:type="paragraph" w:styleId="HCh"><w:name w:val="_ H _Ch"/><w:rPr><w:sz w:val="28"/></w:rPr></w:style>"#;
    let (_tmp, root, out) = ingest_files(&[(
        "report.docx",
        docx_with_header(&body, styles, "", "", "", Some(&header)),
    )]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = only_page(&root);
    assert!(page.contains("date: 2026-01-07"), "{page}");
    assert!(page.contains("symbol: A/80/590"), "{page}");
    assert!(
        page.lines().any(|l| l.starts_with("title: ")
            && l.contains("Budget performance for the period from 1 July 2024 to 30 June 2025")),
        "{page}"
    );
    let body_text = page.splitn(3, "---\n").nth(2).unwrap();
    assert!(!body_text.contains("Distr."), "{body_text}");
    assert!(body_text.contains("^p-2"), "{body_text}");

    // A header without a masthead's signal (a running title) stays out of
    // the body, though it is the first page's.
    let plain = p(None, None, &t("Mission budget notes"));
    let (_tmp, root, _) = ingest_files(&[(
        "report.docx",
        docx_with_header(&body, "", "", "", "", Some(&plain)),
    )]);
    let page = only_page(&root);
    let body_text = page.splitn(3, "---\n").nth(2).unwrap();
    assert!(!body_text.contains("Mission budget notes"), "{body_text}");
}

//! PDF and Word files in `seeds/` are read directly: paragraphs, headings,
//! footnotes and the masthead come out as from clean text, page furniture
//! does not, and a file that cannot be read is named while the others
//! are ingested.

mod docx_fixtures;
mod pdf_fixtures;

use std::path::{Path, PathBuf};
use std::process::Command;

use pdf_fixtures::{emboldened, lines, pdf, pdf_with_xmp, run, sup, turned};

/// A two-page UN report: masthead, running header and page counters, a
/// job number, numbered paragraphs broken across lines and across the
/// page break, a hyphenated word, headings larger than the body, a
/// footnote at the foot of the first page.
fn un_report() -> Vec<u8> {
    let mut p1 = vec![
        run("F2", 14.0, 72.0, 50.0, "United Nations"),
        run("F2", 14.0, 430.0, 50.0, "A/80/123"),
        run("F2", 16.0, 72.0, 78.0, "General Assembly"),
        run("F1", 9.0, 430.0, 78.0, "Distr.: General"),
        run("F1", 9.0, 430.0, 90.0, "12 March 2025"),
        run("F1", 9.0, 430.0, 114.0, "Original: English"),
        run("F1", 10.0, 72.0, 140.0, "Eightieth session"),
        run("F2", 14.0, 72.0, 170.0, "Cooperation on digital evidence"),
        run("F1", 10.0, 72.0, 190.0, "Report of the Secretary-General"),
        run("F2", 12.0, 72.0, 230.0, "I. Introduction"),
    ];
    p1.extend(lines(
        72.0,
        256.0,
        10.0,
        12.0,
        &[
            "1. The General Assembly, in its resolution 79/247, requested the Secretary-General",
            "to prepare a report on the cooperation among Member States in the field of digital",
            "evidence and on the work of the Office in this field.",
        ],
    ));
    p1.push(sup(6.0, 302.0, 280.0, "1"));
    p1.extend(lines(
        72.0,
        300.0,
        10.0,
        12.0,
        &[
            "2. The present report is submitted pursuant to that request. It summarizes the replies",
            "received from Member States and describes the activities of the United Nations Office",
            "on Drugs and Crime, which continued to support States in the investigation of",
        ],
    ));
    p1.push(run("F1", 8.0, 72.0, 740.0, "1 See A/RES/79/247, para. 3."));
    p1.push(run("F1", 8.0, 72.0, 800.0, "25-04567 (E)"));
    let mut p2 = vec![
        run("F1", 9.0, 72.0, 40.0, "A/80/123"),
        run("F1", 9.0, 480.0, 40.0, "2/2"),
    ];
    p2.extend(lines(
        72.0,
        90.0,
        10.0,
        12.0,
        &[
            "crimes committed with information and communications technologies in all regions.",
            "3. Member States reported a wide range of measures taken over the period. A num-",
            "ber of them adopted new laws on the preservation of electronic data held by pro-",
            "viders, and several created specialized units within their police forces.",
        ],
    ));
    p2.push(run(
        "F2",
        12.0,
        72.0,
        160.0,
        "II. Replies received from Governments",
    ));
    p2.extend(lines(
        72.0,
        186.0,
        10.0,
        12.0,
        &[
            "4. Argentina reported that its national strategy on cybercrime had been updated, and",
            "that judges and prosecutors had been trained in the handling of electronic evidence.",
        ],
    ));
    p2.push(run("F1", 8.0, 72.0, 800.0, "25-04567"));
    p2.push(run("F1", 9.0, 480.0, 800.0, "2"));
    pdf(
        &[p1, p2],
        Some("Microsoft Word - 2504567E.docx"),
        Some((2025, 3, 14)),
    )
}

/// A temp site whose `seeds/` holds these files.
fn site(files: &[(&str, Vec<u8>)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = tmp.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    for (name, bytes) in files {
        std::fs::write(seeds.join(name), bytes).unwrap();
    }
    let root = tmp.path().to_path_buf();
    (tmp, root)
}

fn ingest(root: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pilcrow"))
        .current_dir(root)
        .args(["ingest", "--seeds", "seeds", "--content", "content"])
        .output()
        .unwrap()
}

/// The one document page ingest wrote for `stem` (its slug may differ).
fn page_from(root: &Path, source: &str) -> String {
    let dir = root.join("content/documents");
    for e in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        if text.contains(&format!("source: seeds/{source}\n"))
            || text.contains(&format!("source: \"seeds/{source}\"\n"))
        {
            return text;
        }
    }
    panic!("no page from {source} in {}", dir.display());
}

/// A page's text with its links written as their text (`[联合国大会](…)`
/// → `联合国大会`).
fn link_text(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find("](")
            .and_then(|m| after[m..].find(')').map(|c| (m, m + c)))
        {
            Some((m, close)) if !after[..m].contains('[') => {
                out.push_str(&after[..m]);
                rest = &after[close + 1..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn body(page: &str) -> &str {
    page.splitn(3, "---\n").nth(2).unwrap_or("")
}

#[test]
fn a_un_report_pdf_gives_numbered_paragraphs_headings_and_its_masthead() {
    let (_tmp, root) = site(&[("report.pdf", un_report())]);
    let out = ingest(&root);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = page_from(&root, "report.pdf");
    let body = body(&page);
    // Masthead → front matter.
    assert!(page.contains("symbol: A/80/123"), "{page}");
    assert!(page.contains("date: 2025-03-12"), "{page}");
    // Every numbered paragraph, with its anchor; paragraph 2 runs over
    // the page break into one paragraph.
    for n in 1..=4 {
        assert!(body.contains(&format!("^p-{n}\n")), "no ^p-{n} in\n{body}");
    }
    let p2 = body.lines().find(|l| l.ends_with("^p-2")).unwrap();
    assert!(
        p2.contains("investigation of crimes committed with information"),
        "{p2}"
    );
    // The hyphenated word is whole again.
    assert!(body.contains("A number of them"), "{body}");
    assert!(body.contains("held by providers"), "{body}");
    // Headings by size and weight.
    assert!(
        body.lines()
            .any(|l| l.starts_with('#') && l.ends_with("I. Introduction")),
        "{body}"
    );
    assert!(
        body.lines()
            .any(|l| l.starts_with('#') && l.contains("II. Replies received from Governments")),
        "{body}"
    );
    // No running header, page counter or job number in the body.
    for furniture in ["A/80/123\n", "2/2", "25-04567", "\n2\n"] {
        assert!(!body.contains(furniture), "{furniture:?} left in\n{body}");
    }
    // The footnote, linked to its marker.
    assert!(body.contains("this field.[^1]"), "{body}");
    let note = body
        .lines()
        .find(|l| l.starts_with("[^1]: See "))
        .unwrap_or_default();
    assert!(note.ends_with("para. 3."), "{body}");
    assert!(!body.contains("[^2"), "{body}");
}

/// A real UN resolution as published (tests/ingest_data/un_pdf/).
#[test]
fn a_published_un_resolution_reads_as_its_text_states_it() {
    let pdf = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ingest_data/un_pdf/A_RES_78_10.pdf"),
    )
    .unwrap();
    let (_tmp, root) = site(&[("A_RES_78_10.pdf", pdf)]);
    let out = ingest(&root);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = page_from(&root, "A_RES_78_10.pdf");
    // Its own title line (`78/10. …`), not the agenda item above it; the
    // day it was adopted, not the day it was circulated.
    assert!(
        page.contains(
            "title: \"Building a peaceful and better world through sport and the Olympic ideal\"\n"
        ),
        "{page}"
    );
    assert!(page.contains("symbol: A/RES/78/10\n"), "{page}");
    assert!(page.contains("date: 2023-11-21\n"), "{page}");
    let body = body(&page);
    // Nine operative paragraphs, each with its anchor; the closing
    // meeting line is not part of the ninth.
    for n in 1..=9 {
        assert!(body.contains(&format!(" ^p-{n}\n")), "no ¶{n} in {body}");
    }
    assert!(!body.contains("plenary meeting ^p-"), "{body}");
    // Six footnotes, each under its marker; the rule above them, the page
    // heads (running title, symbol) and feet (counter, job number) gone.
    for n in 1..=6 {
        assert!(body.contains(&format!("[^{n}]: ")), "no note {n} in {body}");
        assert!(body.contains(&format!("[^{n}]")), "no marker {n}");
    }
    for junk in ["___", "23-23443", "2/5", "\nA/RES/78/10\n"] {
        assert!(!body.contains(junk), "{junk:?} in {body}");
    }
    // A space Word hid in a word is no space; a quote keeps its space.
    assert!(!body.contains("b etter"), "{body}");
    assert!(body.contains("entitled “Building a peaceful"), "{body}");
}

#[test]
fn text_emboldened_by_fill_and_stroke_is_a_heading_read_once() {
    let mut p = lines(
        72.0,
        100.0,
        10.0,
        12.0,
        &[
            "The Committee held its session in Vienna and adopted its report by consensus at its",
            "final meeting, after a debate on the draft presented by the Rapporteur.",
        ],
    );
    p.push(emboldened(
        10.0,
        72.0,
        140.0,
        "Conclusions and recommendations",
    ));
    p.extend(lines(
        72.0,
        164.0,
        10.0,
        12.0,
        &["The Committee recommends that States continue to share their experience."],
    ));
    let (_tmp, root) = site(&[("bold.pdf", pdf(&[p], None, None))]);
    let out = ingest(&root);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = page_from(&root, "bold.pdf");
    assert!(
        body(&page)
            .lines()
            .any(|l| l.starts_with('#') && l.ends_with(" Conclusions and recommendations")),
        "{page}"
    );
}

#[test]
fn the_xmp_title_names_a_pdf_whose_text_states_none() {
    let p = lines(
        72.0,
        100.0,
        10.0,
        24.0,
        &[
            "1. States exchanged information on their laws and practice.",
            "2. Several States described their central authorities.",
            "3. The meeting closed with a call for further cooperation.",
        ],
    );
    let file = pdf_with_xmp(
        &[p],
        Some("Microsoft Word - 2504567E.docx"),
        None,
        Some("Cooperation in criminal matters"),
    );
    let (_tmp, root) = site(&[("x.pdf", file)]);
    let out = ingest(&root);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = page_from(&root, "x.pdf");
    assert!(
        page.contains("title: \"Cooperation in criminal matters\""),
        "{page}"
    );
    assert!(page.contains("date: 2025-03-01"), "{page}");
}

#[test]
fn cells_in_rows_come_out_as_a_markdown_table() {
    let mut p = lines(
        72.0,
        100.0,
        10.0,
        12.0,
        &["Replies received from Member States, by region and year, were as follows:"],
    );
    for (i, row) in [
        ["Region", "2019", "2020"],
        ["Africa", "12", "15"],
        ["Europe", "30", "28"],
    ]
    .iter()
    .enumerate()
    {
        let y = 124.0 + 12.0 * i as f32;
        p.push(run("F1", 10.0, 72.0, y, row[0]));
        p.push(run("F1", 10.0, 250.0, y, row[1]));
        p.push(run("F1", 10.0, 400.0, y, row[2]));
    }
    p.extend(lines(
        72.0,
        180.0,
        10.0,
        12.0,
        &["The number of replies rose in Africa."],
    ));
    let (_tmp, root) = site(&[("table.pdf", pdf(&[p], None, None))]);
    let out = ingest(&root);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = page_from(&root, "table.pdf");
    assert!(
        page.contains("| Region | 2019 | 2020 |\n| --- | --- | --- |\n"),
        "{page}"
    );
    assert!(page.contains("| 30 | 28 |"), "{page}");
}

#[test]
fn text_set_at_an_angle_is_read_as_its_own_line() {
    let mut p = lines(
        72.0,
        100.0,
        10.0,
        12.0,
        &[
            "The Committee held its session in Vienna and adopted its report by consensus at its",
            "final meeting, after a debate on the draft presented by the Rapporteur.",
        ],
    );
    p.push(turned(9.0, 560.0, 700.0, "Advance unedited version"));
    let (_tmp, root) = site(&[("turned.pdf", pdf(&[p], None, None))]);
    let out = ingest(&root);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = page_from(&root, "turned.pdf");
    assert!(page.contains("Advance unedited version"), "{page}");
    assert!(
        page.contains("adopted its report by consensus at its final meeting"),
        "{page}"
    );
}

#[test]
fn a_paragraph_of_a_wider_spaced_page_is_one_paragraph() {
    // A typescript's page: single-spaced sponsors above, the operative
    // paragraph set wider, the masthead's date further right than the text.
    let mut p = vec![
        run(
            "F1",
            11.0,
            420.0,
            60.0,
            "ORIGINAL: ENGLISH, FRENCH AND SPANISH",
        ),
        run("F1", 11.0, 72.0, 100.0, "Draft resolution"),
    ];
    p.extend(lines(
        72.0,
        130.0,
        11.0,
        12.5,
        &[
            "Australia, Colombia, Costa Rica, Japan, New Zealand:",
            "Fiji, Gambia, Guatemala, Haiti and Honduras:",
            "Lesotho, Liberia, Philippines and Thailand:",
            "United States of America and Uruguay: draft",
        ],
    ));
    p.extend(lines(
        72.0,
        200.0,
        11.0,
        18.5,
        &[
            "Decides that any proposal in the General Assembly which would result in the",
            "removal of a Member State from the work of the Organization is an important",
            "question under Article 18 of the Charter.",
        ],
    ));
    let (_tmp, root) = site(&[("typescript.pdf", pdf(&[p], None, None))]);
    let out = ingest(&root);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = page_from(&root, "typescript.pdf");
    assert!(
        page.contains("which would result in the removal of a Member State from the work of the Organization is an important question"),
        "{page}"
    );
    assert!(
        !page
            .lines()
            .any(|l| l.starts_with('#') && l.contains("removal")),
        "{page}"
    );
}

#[test]
fn chinese_russian_and_right_to_left_arabic_text_is_read() {
    // Arabic drawn as PDF producers draw it: glyphs left to right in
    // visual order (the logical text reversed).
    let arabic = "الجمعية العامة";
    let visual: String = arabic.chars().rev().collect();
    let p = vec![
        run("U", 12.0, 72.0, 100.0, "联合国大会关于网络犯罪的决议"),
        run(
            "U",
            12.0,
            72.0,
            130.0,
            "Генеральная Ассамблея приняла резолюцию",
        ),
        run("U", 12.0, 72.0, 160.0, &visual),
        // "سلام" as Word's PDFs map it: presentation forms (final mīm,
        // final alif, medial lām, initial sīn), in visual order.
        run(
            "U",
            12.0,
            72.0,
            190.0,
            "\u{FEE1}\u{FE8E}\u{FEE0}\u{FEB3} 2025",
        ),
    ];
    let (_tmp, root) = site(&[("multi.pdf", pdf(&[p], None, None))]);
    let out = ingest(&root);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Each line in its own script and order (links aside: the names in
    // it are linked).
    let page = link_text(&page_from(&root, "multi.pdf"));
    assert!(page.contains("联合国大会关于网络犯罪的决议"), "{page}");
    assert!(
        page.contains("Генеральная Ассамблея приняла резолюцию"),
        "{page}"
    );
    assert!(page.contains(arabic), "{page}");
    assert!(page.contains("2025 سلام"), "{page}");
}

#[test]
fn unreadable_pdfs_are_named_and_the_other_seeds_are_ingested() {
    let scanned = pdf(&[vec![]], None, None);
    let encrypted = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pdf/user-password.pdf"),
    )
    .unwrap();
    let (_tmp, root) = site(&[
        (
            "broken.pdf",
            b"%PDF-1.7\nthis is not a PDF body\n%%EOF\n".to_vec(),
        ),
        ("scan.pdf", scanned),
        ("locked.pdf", encrypted),
        (
            "note.txt",
            b"Note on cooperation\n\n1. Text of the note on cooperation.\n".to_vec(),
        ),
    ]);
    let out = ingest(&root);
    // Named as errors; the run goes on, so `ingest && build` still builds.
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 not ingested"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.pdf"), "{err}");
    assert!(err.contains("scan.pdf") && err.contains("OCR"), "{err}");
    assert!(
        err.contains("locked.pdf") && err.contains("password"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    // The text seed is ingested; nothing is written for the others.
    page_from(&root, "note.txt");
    let pages = std::fs::read_dir(root.join("content/documents"))
        .unwrap()
        .count();
    assert_eq!(pages, 1);
}

#[test]
fn a_pdf_not_read_within_the_time_limit_is_named_and_the_run_goes_on() {
    // A long report (a thousand pages) that no machine reads in no time.
    let line = "The Member States reported on their laws and on the training of their police.";
    let page: Vec<&str> = vec![line; 40];
    let pages: Vec<_> = (0..1000)
        .map(|_| lines(72.0, 72.0, 10.0, 14.0, &page))
        .collect();
    let (_tmp, root) = site(&[
        ("report.pdf", pdf(&pages, None, None)),
        (
            "note.txt",
            b"Note on cooperation\n\n1. Text of the note on cooperation.\n".to_vec(),
        ),
    ]);
    // No time at all: the reading is abandoned and the file named.
    let out = Command::new(env!("CARGO_BIN_EXE_pilcrow"))
        .current_dir(&root)
        .env("PILCROW_PDF_TIMEOUT", "0")
        .args(["ingest", "--seeds", "seeds", "--content", "content"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("report.pdf") && err.contains("PILCROW_PDF_TIMEOUT"),
        "{err}"
    );
    page_from(&root, "note.txt");
    // With the default limit the same file is read.
    let out = ingest(&root);
    assert!(out.status.success());
    page_from(&root, "report.pdf");
}

#[test]
fn a_folder_of_pdf_and_word_files_is_ingested_and_built() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let pilcrow = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_pilcrow"))
            .args(args)
            .arg("--root")
            .arg(&root)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let out = Command::new(env!("CARGO_BIN_EXE_pilcrow"))
        .arg("init")
        .arg(&root)
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::create_dir_all(root.join("seeds")).unwrap();
    std::fs::write(root.join("seeds/report.pdf"), un_report()).unwrap();
    std::fs::write(
        root.join("seeds/other.docx"),
        docx_fixtures::un_report_docx(),
    )
    .unwrap();
    pilcrow(&["ingest"]);
    pilcrow(&["build"]);
    let public = std::fs::read_dir(root.join("public/documents")).unwrap();
    let html: Vec<String> = public
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("index.html").exists())
        .map(|p| std::fs::read_to_string(p.join("index.html")).unwrap())
        .collect();
    assert!(
        html.iter().any(|h| h.contains("id=\"p-4\"")),
        "no built page with ¶4"
    );
}

/// A report's first pages: a masthead, a Contents set in bold with
/// leaders and page numbers (one entry with a comma, one longer than a
/// line's worth), a heading with a note called by a raised number, and a
/// table whose head calls its notes by raised letters.
fn report_with_contents() -> Vec<u8> {
    let mut p1 = vec![
        run("F2", 14.0, 72.0, 50.0, "United Nations"),
        run("F2", 14.0, 430.0, 50.0, "A/80/607"),
        run("F2", 16.0, 72.0, 78.0, "General Assembly"),
        run("F1", 9.0, 430.0, 78.0, "Distr.: General"),
        run("F1", 9.0, 430.0, 90.0, "28 January 2026"),
        run("F1", 9.0, 430.0, 114.0, "Original: English"),
        run(
            "F2",
            14.0,
            72.0,
            170.0,
            "Budget for the Force for the period 2026/27",
        ),
        run("F1", 10.0, 72.0, 190.0, "Report of the Secretary-General"),
        run("F2", 12.0, 72.0, 230.0, "Contents"),
        run("F1", 9.0, 500.0, 250.0, "Page"),
    ];
    let entries = [
        ("I.", "Mandate, results achieved and planned outcome", "3"),
        (
            "II.",
            "Financial resources for 2026/27, staffing and costs",
            "5",
        ),
        ("III.", "Analysis of variances", "8"),
        ("IV.", "Actions to be taken by the General Assembly", "9"),
    ];
    for (i, (n, t, pg)) in entries.iter().enumerate() {
        let y = 266.0 + i as f32 * 16.0;
        p1.push(run(
            "F2",
            10.0,
            72.0,
            y,
            &format!("{n} {t} . . . . . . . . . . . . . . . . . {pg}"),
        ));
    }
    let mut p2 = vec![run("F2", 12.0, 72.0, 60.0, "III. Analysis of variances")];
    p2.push(sup(6.0, 226.0, 60.0, "4"));
    p2.extend(lines(
        72.0,
        90.0,
        10.0,
        12.0,
        &[
            "1. The variances in the resources required for the period are explained below, as the",
            "General Assembly requested in its resolution 79/289 and in the preceding resolutions.",
        ],
    ));
    p2.push(run("F2", 9.0, 72.0, 140.0, "Category"));
    p2.push(run("F2", 9.0, 200.0, 140.0, "Approved positions"));
    p2.push(sup(5.0, 284.0, 140.0, "a"));
    p2.push(run("F2", 9.0, 340.0, 140.0, "Proposed posts"));
    p2.push(sup(5.0, 404.0, 140.0, "b"));
    p2.push(run("F1", 9.0, 72.0, 154.0, "Professional"));
    p2.push(run("F1", 9.0, 200.0, 154.0, "12"));
    p2.push(run("F1", 9.0, 340.0, 154.0, "14"));
    p2.push(run("F1", 9.0, 72.0, 168.0, "General Service"));
    p2.push(run("F1", 9.0, 200.0, 168.0, "30"));
    p2.push(run("F1", 9.0, 340.0, 168.0, "28"));
    p2.push(run(
        "F1",
        8.0,
        72.0,
        740.0,
        "4 Variances of 5 per cent or more are explained.",
    ));
    pdf(&[p1, p2], None, None)
}

#[test]
fn the_contents_is_no_heading_and_raised_note_calls_are_not_glued() {
    let (_tmp, root) = site(&[("report.pdf", report_with_contents())]);
    let out = ingest(&root);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = page_from(&root, "report.pdf");
    let body = body(&page);
    // The Contents: never headings, no leader dots left in the body.
    for l in body.lines().filter(|l| l.starts_with('#')) {
        assert!(
            !l.contains(". . ."),
            "a Contents entry as a heading: {l}\n{body}"
        );
        assert!(
            !l.ends_with("Contents") && !l.ends_with("Page"),
            "{l}\n{body}"
        );
    }
    assert!(!body.contains(". . . . ."), "leaders left in\n{body}");
    // The heading keeps its text; its raised note number is a note call.
    assert!(
        body.lines().any(|l| l.starts_with('#')
            && l.trim_end().ends_with("III. Analysis of variances[^4]")
            || l.starts_with('#') && l.trim_end().ends_with("III. Analysis of variances")),
        "{body}"
    );
    assert!(!body.contains("variances4"), "{body}");
    // Raised letters calling a table's notes are not glued to the word.
    assert!(!body.contains("positionsa"), "{body}");
    assert!(!body.contains("postsb"), "{body}");
    assert!(body.contains("Approved positions"), "{body}");
}

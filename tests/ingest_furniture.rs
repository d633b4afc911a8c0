//! Page furniture of PDF-to-text dumps nobody showed ingest, found as
//! repetition whatever the language or issuer: an Indonesian law without
//! form feeds (two-line letterhead on every page, `-2-` page numbers,
//! catchwords), a German Bundestag paper with alternating even/odd
//! headers, a Chinese regulation with `— 2 —` footers, an OCR'd English
//! paper with no form feeds and no blank lines, and a UN resolution whose
//! symbol stands only in its page header. Inputs shaped like real dumps,
//! written for the purpose (tests/ingest_data/). Each is ingested in a
//! temporary site; assertions read the markdown written.

mod common;

fn page(name: &str) -> String {
    common::ingest_one(name)
}

/// (front matter, body) of a written page.
fn split(page: &str) -> (&str, &str) {
    let rest = page.strip_prefix("---\n").unwrap_or(page);
    rest.split_once("\n---\n").unwrap_or(("", rest))
}

/// Body lines equal (trimmed, case-insensitively) to `s`.
fn lines_equal(body: &str, s: &str) -> usize {
    body.lines()
        .filter(|l| l.trim().eq_ignore_ascii_case(s))
        .count()
}

/// The paragraph (block of text between blank lines) containing `needle`.
fn para_with<'a>(body: &'a str, needle: &str) -> Option<&'a str> {
    body.split("\n\n").find(|p| p.contains(needle))
}

/// No body line is one of the page furniture's lines.
fn assert_no_lines(name: &str, body: &str, junk: &[&str]) {
    for j in junk {
        assert_eq!(lines_equal(body, j), 0, "{name}: {j:?} left in\n{body}");
    }
}

#[test]
fn indonesian_law_without_form_feeds() {
    let name = "law_id_nofeed.txt";
    let page = page(name);
    let (_, body) = split(&page);
    // The letterhead on two lines, on one line, in another case; the page
    // numbers `-2-`, `- 4 -`; the catchwords `Pasal 1 . . .`.
    assert_no_lines(
        name,
        body,
        &[
            "PRESIDEN",
            "REPUBLIK [INDONESIA](../countries/idn.md)",
            "PRESIDEN  REPUBLIK [INDONESIA](../countries/idn.md)",
            "\\-2-",
            "\\-3-",
            "- 4 -",
            "\\-5-",
        ],
    );
    assert!(!body.contains(". . ."), "{name}: catchword left in\n{body}");
    // The articles are the law's own headings, each once.
    for n in 1..=6 {
        let head = format!("Pasal {n}");
        let count = body
            .lines()
            .filter(|l| l.trim() == head || l.starts_with(&format!("{head} (")))
            .count();
        assert_eq!(count, 1, "{name}: {head}\n{body}");
    }
    // A sentence cut by a page break is one paragraph again.
    let p = para_with(body, "banjir, dan gangguan lain")
        .unwrap_or_else(|| panic!("{name}: page break splits Pasal 3\n{body}"));
    assert!(!p.contains("Pasal 4"), "{name}: pages merged\n{p}");
    // What it says in its signature block is content, not furniture.
    assert!(body.contains("PRESIDEN REPUBLIK [INDONESIA](../countries/idn.md), ttd."));
}

#[test]
fn german_paper_with_alternating_headers() {
    let name = "bericht_de_formfeed.txt";
    let page = page(name);
    let (_, body) = split(&page);
    for junk in ["Drucksache 20/5678 –", "– Drucksache", "Vorabfassung"] {
        assert!(!body.contains(junk), "{name}: {junk:?} left in\n{body}");
    }
    // Paragraph 2 runs across the break between pages 1 and 2.
    assert!(
        para_with(body, "Angriffe mit Schadsoftware").is_some_and(|p| p.contains("verschärft")),
        "{name}\n{body}"
    );
    assert!(body.contains("^p-7"), "{name}: paragraphs lost\n{body}");
}

#[test]
fn chinese_regulation_with_dash_page_numbers() {
    let name = "banfa_zh_formfeed.txt";
    let page = page(name);
    let (_, body) = split(&page);
    assert!(!body.contains("国务院公报"), "{name}\n{body}");
    assert!(!body.contains('—'), "{name}: page number left\n{body}");
    assert!(
        body.contains("包括数据的收集"),
        "{name}: break not rejoined\n{body}"
    );
    assert!(body.contains("第八条"), "{name}\n{body}");
}

#[test]
fn ocr_paper_without_form_feeds_or_blank_lines() {
    let name = "paper_en_ocr.txt";
    let page = page(name);
    let (front, body) = split(&page);
    // The tool's placeholder is neither the title nor the body.
    assert!(
        front.contains("title: \"ON REPETITION IN EXTRACTED TEXT\""),
        "{name}\n{front}"
    );
    for junk in [
        "missing-text",
        "(cid:",
        "JOURNAL OF DOCUMENT ENGINEERING",
        "SMITH AND LEE",
    ] {
        assert!(!body.contains(junk), "{name}: {junk:?} left in\n{body}");
    }
    // The word hyphenated across a page break, whole again.
    assert!(!body.contains("reb-"), "{name}\n{body}");
    assert!(body.contains("rebuilt. The results show"), "{name}\n{body}");
    // Pages did not collapse into one paragraph: the headings stand
    // alone between paragraphs of a few sentences each.
    for h in ["Method", "Results", "Discussion"] {
        assert!(
            body.split("\n\n").any(|b| b.trim_start_matches("## ") == h),
            "{name}: {h}\n{body}"
        );
    }
    let longest = body.split("\n\n").map(str::len).max().unwrap_or(0);
    assert!(longest < 800, "{name}: a {longest}-byte paragraph\n{body}");
}

#[test]
fn resolution_symbol_only_in_the_page_header() {
    let name = "resolution_en_header_symbol.txt";
    let page = page(name);
    let (front, body) = split(&page);
    assert!(front.contains("symbol: A/RES/80/41\n"), "{name}\n{front}");
    assert_no_lines(
        name,
        body,
        &[
            "A/RES/80/41",
            "Assistance in mine action",
            "25-20123",
            "2/4",
            "3/4",
        ],
    );
    // Paragraphs cut by page breaks are whole again, and stay apart.
    let p2 = para_with(body, "capacity to do so, to provide assistance")
        .unwrap_or_else(|| panic!("{name}: paragraph 2 split\n{body}"));
    assert!(p2.ends_with("^p-2"), "{name}\n{p2}");
    assert!(
        para_with(body, "boys and men in mine action programmes")
            .is_some_and(|p| p.ends_with("^p-4")),
        "{name}\n{body}"
    );
}

#[test]
fn a_short_resolutions_running_title_and_page_heads_go_and_its_preamble_stays_apart() {
    // A dump without form feeds: the page heads (symbol, running title
    // over two lines, job number, counter) stand once or twice, too few
    // times to repeat; the running title stands below the symbol on one
    // page and above it on the other.
    let name = "resolution_en_running_title.txt";
    let page = page(name);
    let (front, body) = split(&page);
    assert!(front.contains("symbol: A/RES/81/7\n"), "{name}\n{front}");
    assert_no_lines(
        name,
        body,
        &[
            "A/RES/81/7",
            "lands affected by the testing of nuclear weapons",
            "26-21007",
            "2/3",
            "3/3",
        ],
    );
    assert!(
        !body.contains("Assistance to the victims of nuclear testing and remediation of the"),
        "{name}\n{body}"
    );
    // A preamble paragraph ending at the page's end stays apart from the
    // one opening the next page.
    assert!(
        para_with(body, "Recalling that the Review Conference")
            .is_some_and(|p| p.starts_with("Recalling that the Review Conference")),
        "{name}\n{body}"
    );
    assert!(
        para_with(body, "Decides to include in the provisional agenda")
            .is_some_and(|p| p.ends_with("^p-3")),
        "{name}\n{body}"
    );
}

/// A one-page UN draft as its text layer gives it (A/C.3/80/L.24), whose
/// two notes are long lines: the cut of boilerplate by shared vocabulary
/// once took the masthead's top (its symbol) and the last paragraph's
/// text, leaving its number alone.
#[test]
fn a_short_drafts_masthead_and_last_paragraph_stay() {
    let page = page("draft_en_long_notes.txt");
    let (front, body) = split(&page);
    assert!(front.contains("symbol: A/C.3/80/L.24\n"), "{front}");
    assert!(
        body.contains("2\\. Encourages Member States to streamline requests"),
        "{body}"
    );
}

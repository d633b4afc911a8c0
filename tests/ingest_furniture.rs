//! Page furniture of PDF-to-text dumps nobody showed ingest, found as
//! repetition whatever the language or issuer: an Indonesian law without
//! form feeds (two-line letterhead on every page, `-2-` page numbers,
//! catchwords), a German Bundestag paper with alternating even/odd
//! headers, a Chinese regulation with `— 2 —` footers, an OCR'd English
//! paper with no form feeds and no blank lines, and a UN resolution whose
//! symbol stands only in its page header. Inputs shaped like real dumps,
//! written for the purpose (tests/ingest_data/). Each is ingested in a
//! temporary site; assertions read the markdown written.

use std::path::Path;

use pilcrow::ingest::{IngestOptions, run};

/// Ingests a site holding one seed (as `pilcrow ingest` does); returns
/// its page.
fn page(name: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/ingest_data")
        .join(name);
    std::fs::copy(src, seeds.join(name)).unwrap();
    let content = dir.path().join("content");
    run(&IngestOptions {
        seeds_dir: seeds,
        content_dir: content.clone(),
        force: false,
    })
    .unwrap_or_else(|e| panic!("{name}: ingest failed: {e}"));
    let mut pages: Vec<String> = std::fs::read_dir(content.join("documents"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(pages.len(), 1, "{name}");
    pages.remove(0)
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

#[test]
fn dump_for_debug() {
    for n in [
        "law_id_nofeed.txt",
        "bericht_de_formfeed.txt",
        "banfa_zh_formfeed.txt",
        "paper_en_ocr.txt",
        "resolution_en_header_symbol.txt",
    ] {
        println!("===== {n}\n{}", page(n));
    }
}

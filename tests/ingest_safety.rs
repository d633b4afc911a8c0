//! Ingest never loses an editor's work and never strands its own: slugs of
//! documents already ingested never move, an interrupted run is recovered
//! by the next one, a deleted manifest is rebuilt from what is on disk.

use std::collections::BTreeMap;
use std::path::Path;

use pilcrow::ingest::{IngestOptions, IngestReport, run};

fn ingest_with(seeds: &Path, content: &Path, force: bool) -> IngestReport {
    run(&IngestOptions {
        seeds_dir: seeds.to_path_buf(),
        content_dir: content.to_path_buf(),
        force,
    })
    .unwrap()
}

fn ingest(seeds: &Path, content: &Path) -> IngestReport {
    ingest_with(seeds, content, false)
}

/// Every file under `dir` (hidden ones too) → its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The document pages, each with the `source:` its front matter names.
fn sources(content: &Path) -> BTreeMap<String, String> {
    snapshot(&content.join("documents"))
        .into_iter()
        .map(|(name, bytes)| {
            let text = String::from_utf8(bytes).unwrap();
            let split = pilcrow::content::front_matter::split(&text).unwrap();
            let fm = pilcrow::content::front_matter::parse(&split).unwrap();
            (name, fm.source.unwrap_or_default())
        })
        .collect()
}

fn report(title: &str, country: &str) -> String {
    format!(
        "{title}\n\n1. {country} reported on its national strategy against cybercrime and on the training of judges.\n\n2. The delegation of {country} answered questions on digital evidence.\n"
    )
}

#[test]
fn slugs_of_ingested_documents_never_move() {
    let dir = tempfile::tempdir().unwrap();
    let (seeds, content) = (dir.path().join("seeds"), dir.path().join("content"));
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::write(seeds.join("b.txt"), report("Annual Report", "Argentina")).unwrap();
    std::fs::write(seeds.join("c.txt"), report("Annual Report", "France")).unwrap();
    ingest(&seeds, &content);
    let before = sources(&content);
    assert_eq!(before.len(), 2, "{before:?}");
    let c_page = before
        .iter()
        .find(|(_, s)| s.ends_with("c.txt"))
        .map(|(p, _)| content.join("documents").join(p))
        .unwrap();
    let edited = format!(
        "{}\nAn editor's note.\n",
        std::fs::read_to_string(&c_page).unwrap()
    );
    std::fs::write(&c_page, &edited).unwrap();

    // A seed sorting first, with the same title.
    std::fs::write(seeds.join("a.txt"), report("Annual Report", "Chile")).unwrap();
    let r = ingest(&seeds, &content);
    let after = sources(&content);
    for (page, source) in &before {
        assert_eq!(after.get(page), Some(source), "{page} moved: {after:?}");
    }
    assert_eq!(after.len(), 3, "{after:?}");
    let mut srcs: Vec<&String> = after.values().collect();
    srcs.sort();
    srcs.dedup();
    assert_eq!(srcs.len(), 3, "every seed has exactly one page: {after:?}");
    assert_eq!(std::fs::read_to_string(&c_page).unwrap(), edited);
    assert_eq!(r.kept_edited, vec![c_page], "{r}");
}

#[test]
fn slugs_survive_a_deleted_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let (seeds, content) = (dir.path().join("seeds"), dir.path().join("content"));
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::write(seeds.join("b.txt"), report("Annual Report", "Argentina")).unwrap();
    std::fs::write(seeds.join("c.txt"), report("Annual Report", "France")).unwrap();
    ingest(&seeds, &content);
    let before = sources(&content);
    std::fs::remove_file(content.join(".pilcrow/ingest.json")).unwrap();
    std::fs::write(seeds.join("a.txt"), report("Annual Report", "Chile")).unwrap();
    let r = ingest(&seeds, &content);
    let after = sources(&content);
    for (page, source) in &before {
        assert_eq!(after.get(page), Some(source), "{page} moved: {after:?}");
    }
    assert_eq!(after.len(), 3, "{after:?}");
    assert!(r.kept_edited.is_empty(), "{r}: {:?}", r.kept_edited);
}

#[test]
fn pages_identical_to_what_ingest_writes_are_adopted() {
    let dir = tempfile::tempdir().unwrap();
    let (seeds, content) = (dir.path().join("seeds"), dir.path().join("content"));
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::write(seeds.join("a.txt"), report("Cooperation", "Argentina")).unwrap();
    std::fs::write(seeds.join("b.txt"), report("Digital evidence", "France")).unwrap();
    ingest(&seeds, &content);
    let first = snapshot(&content);

    // The manifest is gone (deleted as its error message advises, or
    // never written by an interrupted run).
    std::fs::remove_file(content.join(".pilcrow/ingest.json")).unwrap();
    let r = ingest(&seeds, &content);
    assert!(r.kept_edited.is_empty(), "{r}: {:?}", r.kept_edited);
    assert_eq!(r.written, 0, "{r}");
    assert_eq!(
        snapshot(&content),
        first,
        "the manifest is rebuilt as it was"
    );

    // Tracked again: a removed seed's pages go, its entities too.
    std::fs::remove_file(seeds.join("b.txt")).unwrap();
    let r = ingest(&seeds, &content);
    assert!(r.removed >= 2, "{r}");
    assert!(!content.join("countries/fra.md").exists());
    assert!(content.join("countries/arg.md").is_file());
}

#[test]
fn force_tracks_entity_pages_again_after_the_manifest_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let (seeds, content) = (dir.path().join("seeds"), dir.path().join("content"));
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::write(seeds.join("a.txt"), report("Cooperation", "Argentina")).unwrap();
    std::fs::write(seeds.join("b.txt"), report("Digital evidence", "France")).unwrap();
    ingest(&seeds, &content);
    std::fs::remove_file(content.join(".pilcrow/ingest.json")).unwrap();
    ingest_with(&seeds, &content, true);
    let manifest = std::fs::read_to_string(content.join(".pilcrow/ingest.json")).unwrap();
    assert!(manifest.contains("countries/fra.md"), "{manifest}");
    std::fs::remove_file(seeds.join("b.txt")).unwrap();
    ingest(&seeds, &content);
    assert!(!content.join("countries/fra.md").exists());
}

#[test]
fn temporary_files_of_an_interrupted_run_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let (seeds, content) = (dir.path().join("seeds"), dir.path().join("content"));
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::write(seeds.join("a.txt"), report("Cooperation", "Argentina")).unwrap();
    ingest(&seeds, &content);
    // What a killed run leaves: ingest's temporary files, named after
    // their page and the process that wrote them.
    let leftovers = [
        "documents/.cooperation.md.4242.tmp",
        "countries/.arg.md.99.tmp",
        ".pilcrow/.ingest.json.7.tmp",
    ];
    for f in leftovers {
        std::fs::write(content.join(f), "half a page").unwrap();
    }
    // An editor's files that only look alike stay.
    let theirs = [
        "documents/.notes.tmp",
        "documents/draft.md.12.tmp",
        ".obsidian/.x.md.1.tmp",
    ];
    for f in theirs {
        std::fs::create_dir_all(content.join(f).parent().unwrap()).unwrap();
        std::fs::write(content.join(f), "mine").unwrap();
    }
    ingest(&seeds, &content);
    for f in leftovers {
        assert!(!content.join(f).exists(), "{f} left behind");
    }
    for f in theirs {
        assert!(content.join(f).exists(), "{f} removed");
    }
}

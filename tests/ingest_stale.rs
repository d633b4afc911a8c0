//! Stale pages: what ingest wrote for a seed that was removed, or for an
//! entity no seed mentions any more, goes unless an editor changed it.

use std::path::Path;

use pilcrow::ingest::{IngestOptions, IngestReport, run};

fn ingest(seeds: &Path, content: &Path) -> IngestReport {
    run(&IngestOptions {
        seeds_dir: seeds.to_path_buf(),
        content_dir: content.to_path_buf(),
        force: false,
    })
    .unwrap()
}

fn docs(content: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(content.join("documents"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn manifest(content: &Path) -> String {
    std::fs::read_to_string(content.join(".pilcrow/ingest.json")).unwrap()
}

const ARG: &str = "Cooperation on cybercrime\n\n1. Argentina reported on its national cybercrime strategy and on its work with the United Nations Office on Drugs and Crime.\n";
const FRA: &str = "Digital evidence in France\n\n1. France described its rules on digital evidence and the training of judges and prosecutors in its courts.\n";

#[test]
fn pages_of_removed_seeds_and_unmentioned_entities_go() {
    let dir = tempfile::tempdir().unwrap();
    let (seeds, content) = (dir.path().join("seeds"), dir.path().join("content"));
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::write(seeds.join("a.txt"), ARG).unwrap();
    std::fs::write(seeds.join("b.txt"), FRA).unwrap();
    ingest(&seeds, &content);
    assert_eq!(docs(&content).len(), 2);
    assert!(content.join("countries/fra.md").is_file());
    assert!(content.join("countries/arg.md").is_file());

    std::fs::remove_file(seeds.join("b.txt")).unwrap();
    let r = ingest(&seeds, &content);
    assert!(r.removed >= 2, "{r}");
    assert_eq!(docs(&content).len(), 1, "{:?}", docs(&content));
    assert!(!content.join("countries/fra.md").exists());
    assert!(content.join("countries/arg.md").is_file());
    let m = manifest(&content);
    assert!(!m.contains("countries/fra.md"), "{m}");
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);

    // Nothing left to do: a second run changes nothing.
    let again = ingest(&seeds, &content);
    assert_eq!((again.written, again.removed), (0, 0), "{again}");
}

#[test]
fn edited_stale_pages_stay_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (seeds, content) = (dir.path().join("seeds"), dir.path().join("content"));
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::write(seeds.join("a.txt"), ARG).unwrap();
    std::fs::write(seeds.join("b.txt"), FRA).unwrap();
    ingest(&seeds, &content);
    let before = docs(&content);
    let b_page = before
        .iter()
        .find(|d| d.contains("france"))
        .expect("a page for b.txt")
        .clone();
    let path = content.join("documents").join(&b_page);
    let edited = format!(
        "{}\nAn editor's note.\n",
        std::fs::read_to_string(&path).unwrap()
    );
    std::fs::write(&path, &edited).unwrap();
    // An editor's own page links to an entity only b.txt mentions.
    let ent = content.join("countries/fra.md");
    assert!(ent.is_file());

    std::fs::remove_file(seeds.join("b.txt")).unwrap();
    let r = ingest(&seeds, &content);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains(&b_page) && w.contains("edited")),
        "{:?}",
        r.warnings
    );
    // The kept page still links to France's page: it stays too, so the
    // build has no broken link.
    assert!(ent.is_file());
    assert!(
        r.warnings.iter().any(|w| w.contains("fra.md")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn editors_own_pages_are_never_removed() {
    let dir = tempfile::tempdir().unwrap();
    let (seeds, content) = (dir.path().join("seeds"), dir.path().join("content"));
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::write(seeds.join("a.txt"), ARG).unwrap();
    ingest(&seeds, &content);
    let own = content.join("topics/my-topic.md");
    std::fs::write(&own, "---\nkind: topic\nid: my-topic\ntitle: Mine\n---\n").unwrap();
    std::fs::remove_file(seeds.join("a.txt")).unwrap();
    let r = ingest(&seeds, &content);
    assert!(own.is_file());
    assert!(docs(&content).is_empty(), "{r}");
}

//! Ingest never loses an editor's work and never strands its own: slugs of
//! documents already ingested never move, an interrupted run is recovered
//! by the next one, a deleted manifest is rebuilt from what is on disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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

/// A temp dir whose `seeds/` holds the given files: (dir, seeds, content).
fn with_seeds(files: &[(&str, String)]) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (seeds, content) = (dir.path().join("seeds"), dir.path().join("content"));
    std::fs::create_dir_all(&seeds).unwrap();
    for (name, text) in files {
        std::fs::write(seeds.join(name), text).unwrap();
    }
    (dir, seeds, content)
}

#[test]
fn slugs_of_ingested_documents_never_move() {
    let (_dir, seeds, content) = with_seeds(&[
        ("b.txt", report("Annual Report", "Argentina")),
        ("c.txt", report("Annual Report", "France")),
    ]);
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
fn a_new_document_never_takes_the_name_of_an_editors_page() {
    let dir = tempfile::tempdir().unwrap();
    let (seeds, content) = (dir.path().join("seeds"), dir.path().join("content"));
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::create_dir_all(content.join("documents")).unwrap();
    let own = content.join("documents/annual-report.md");
    std::fs::write(&own, "---\ntitle: Our own annual report\n---\nMine.\n").unwrap();
    std::fs::write(seeds.join("a.txt"), report("Annual Report", "Chile")).unwrap();
    let r = ingest(&seeds, &content);
    assert!(r.kept_edited.is_empty(), "{r}: {:?}", r.kept_edited);
    assert_eq!(
        std::fs::read_to_string(&own).unwrap(),
        "---\ntitle: Our own annual report\n---\nMine.\n"
    );
    let pages = sources(&content);
    assert!(pages.values().any(|s| s == "seeds/a.txt"), "{pages:?}");
}

#[test]
fn slugs_survive_a_deleted_manifest() {
    let (_dir, seeds, content) = with_seeds(&[
        ("b.txt", report("Annual Report", "Argentina")),
        ("c.txt", report("Annual Report", "France")),
    ]);
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
    let (_dir, seeds, content) = with_seeds(&[
        ("a.txt", report("Cooperation", "Argentina")),
        ("b.txt", report("Digital evidence", "France")),
    ]);
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
    let (_dir, seeds, content) = with_seeds(&[
        ("a.txt", report("Cooperation", "Argentina")),
        ("b.txt", report("Digital evidence", "France")),
    ]);
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
    let (_dir, seeds, content) = with_seeds(&[("a.txt", report("Cooperation", "Argentina"))]);
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

/// A disk that fills while pages are written: the run fails naming the
/// page, the page keeps its old bytes, no temporary file stays, and the
/// next run ends as if nothing had happened.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_fails_the_run_and_the_next_one_recovers() {
    let history = |root: &Path, full: bool| -> IngestReport {
        let (seeds, content) = (root.join("seeds"), root.join("content"));
        std::fs::create_dir_all(&seeds).unwrap();
        std::fs::write(seeds.join("a.txt"), report("Cooperation", "Argentina")).unwrap();
        std::fs::write(seeds.join("b.txt"), report("Digital evidence", "France")).unwrap();
        ingest(&seeds, &content);
        std::fs::write(seeds.join("a.txt"), report("Cooperation", "Chile")).unwrap();
        std::fs::write(seeds.join("b.txt"), report("Digital evidence", "Peru")).unwrap();
        if full {
            // The temporary file the page is written through (this
            // process's, named as ingest names them) leads to a device
            // that is always full.
            let page = content.join("documents/digital-evidence.md");
            let before = std::fs::read(&page).unwrap();
            let tmp = content.join(format!(
                "documents/.digital-evidence.md.{}.tmp",
                std::process::id()
            ));
            std::os::unix::fs::symlink("/dev/full", &tmp).unwrap();
            let err = run(&IngestOptions {
                seeds_dir: seeds.clone(),
                content_dir: content.clone(),
                force: false,
            })
            .unwrap_err();
            assert!(
                err.to_string().contains(&page.display().to_string()),
                "{err}"
            );
            assert_eq!(std::fs::read(&page).unwrap(), before);
            let temps: Vec<String> = snapshot(&content)
                .into_keys()
                .filter(|k| k.ends_with(".tmp"))
                .collect();
            assert!(temps.is_empty(), "{temps:?}");
        }
        ingest(&seeds, &content)
    };
    let clean = tempfile::tempdir().unwrap();
    history(clean.path(), false);
    let failed = tempfile::tempdir().unwrap();
    let r = history(failed.path(), true);
    assert!(r.kept_edited.is_empty(), "{r}: {:?}", r.kept_edited);
    assert_eq!(
        snapshot(&failed.path().join("content")),
        snapshot(&clean.path().join("content"))
    );
}

// ------------------------------------------------------ killed at random

/// A small deterministic generator: the same cases on every machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.next() % from.len()]
    }
}

const COUNTRIES: &[&str] = &[
    "Argentina",
    "Brazil",
    "Chile",
    "France",
    "Germany",
    "India",
    "Japan",
    "Kenya",
    "Mexico",
    "Norway",
    "Peru",
    "Senegal",
    "Spain",
    "Viet Nam",
];
const TITLES: &[&str] = &["Annual Report", "Note by the Secretariat", "Summary record"];

/// Seed `n` of a corpus, in version `v` (each version names other
/// countries and cites other documents; a later one adds a paragraph).
/// Titles repeat (slugs collide), some seeds carry a symbol; title and
/// symbol do not change with the version.
fn seed_text(n: usize, v: usize) -> (String, String) {
    let title = if n.is_multiple_of(3) {
        TITLES[n % TITLES.len()].to_string()
    } else {
        format!("Report {n} on cooperation")
    };
    let mut rng = Lcg(n as u64 * 7919 + v as u64 * 104_729 + 1);
    let mut text = String::new();
    if n.is_multiple_of(5) {
        text.push_str(&format!("A/74/{}\n\n", 100 + n));
    }
    text.push_str(&format!("{title}\n\n"));
    for p in 1..=2 + v % 2 {
        text.push_str(&format!(
            "{p}. The delegation of {} described its work with {} on cybercrime, in line with document A/74/{}.\n\n",
            rng.pick(COUNTRIES),
            rng.pick(COUNTRIES),
            100 + rng.next() % 40 * 5
        ));
    }
    let ext = if n.is_multiple_of(7) { "md" } else { "txt" };
    (format!("{n:03}.{ext}"), text)
}

fn write_seeds(seeds: &Path, range: std::ops::Range<usize>, v: usize) {
    for n in range {
        let (name, text) = seed_text(n, v);
        std::fs::write(seeds.join(name), text).unwrap();
    }
}

/// When to kill a run.
#[derive(Clone, Copy, Debug)]
enum Kill {
    /// This long after it started.
    After(Duration),
    /// This long after it wrote its first page.
    Writing(Duration),
}

/// What one run of `pilcrow ingest` did.
struct Run {
    stderr: String,
    /// Killed (or else run to completion, successfully).
    killed: bool,
    /// When `content/documents/` first changed (the first page written).
    first_write: Option<Duration>,
    took: Duration,
}

/// Runs the `pilcrow` binary's ingest on `seeds` → `content`, killed as
/// `kill` says, else to completion (a failure fails the test).
fn ingest_bin(seeds: &Path, content: &Path, kill: Option<Kill>) -> Run {
    let pages = content.join("documents");
    let changed = || std::fs::metadata(&pages).and_then(|m| m.modified()).ok();
    let before = changed();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pilcrow"))
        .arg("ingest")
        .arg("--seeds")
        .arg(seeds)
        .arg("--content")
        .arg(content)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut pipe, &mut text).unwrap();
        text
    });
    let mut first_write = None;
    let mut killed = false;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        let now = started.elapsed();
        if first_write.is_none() && changed() != before {
            first_write = Some(now);
        }
        let due = match kill {
            Some(Kill::After(d)) => now >= d,
            Some(Kill::Writing(d)) => first_write.is_some_and(|f| now >= f + d),
            None => false,
        };
        assert!(now < Duration::from_secs(120), "ingest hangs");
        if due {
            // SIGKILL: no destructor, no clean-up runs.
            let _ = child.kill();
            killed = true;
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_micros(200));
    };
    let took = started.elapsed();
    let stderr = reader.join().unwrap();
    assert!(killed || status.success(), "{stderr}");
    Run {
        stderr,
        killed,
        first_write,
        took,
    }
}

/// One site's history: half the corpus ingested, an editor's edit, then
/// the whole corpus. Before the final run, each of `kills` runs ingest on
/// the corpus in another version (2 and 1 in turn: what was written and
/// what is on disk keep differing) and kills it. Returns the final run
/// and the edited page.
fn history(root: &Path, kills: &[Kill]) -> (Run, PathBuf) {
    let (seeds, content) = (root.join("seeds"), root.join("content"));
    std::fs::create_dir_all(&seeds).unwrap();
    write_seeds(&seeds, 0..150, 0);
    ingest_bin(&seeds, &content, None);
    let edited = content.join("documents/report-4-on-cooperation.md");
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, format!("{text}\nAn editor's note.\n")).unwrap();
    for (k, kill) in kills.iter().enumerate() {
        write_seeds(&seeds, 0..300, 2 - k % 2);
        ingest_bin(&seeds, &content, Some(*kill));
    }
    write_seeds(&seeds, 0..300, 1);
    (ingest_bin(&seeds, &content, None), edited)
}

#[test]
fn ingest_killed_at_random_points_loses_nothing_and_finishes_as_if_never_killed() {
    // The history without a kill, timed to place the kills: anywhere in
    // the run, or while it writes pages.
    let clean = tempfile::tempdir().unwrap();
    let (clean_run, _) = history(clean.path(), &[]);
    let took = clean_run.took.as_micros() as usize + 1;
    let writing = took - clean_run.first_write.unwrap_or_default().as_micros() as usize;
    let mut rng = Lcg(0x9_1A7E);
    let kills: Vec<Kill> = (0..8)
        .map(|k| {
            let at = |us: usize| Duration::from_micros(us as u64);
            if k % 2 == 0 {
                Kill::Writing(at(rng.next() % writing))
            } else {
                Kill::After(at(rng.next() % took))
            }
        })
        .collect();

    let killed = tempfile::tempdir().unwrap();
    let (run, edited) = history(killed.path(), &kills);
    let seeds_now: BTreeMap<String, Vec<u8>> = (0..300)
        .map(|n| {
            let (name, text) = seed_text(n, 1);
            (name, text.into_bytes())
        })
        .collect();
    assert_eq!(snapshot(&killed.path().join("seeds")), seeds_now);
    assert!(
        std::fs::read_to_string(&edited)
            .unwrap()
            .ends_with("\nAn editor's note.\n")
    );
    // Only the editor's page is kept as edited: nothing a killed run
    // wrote is taken for an editor's work.
    let kept = |log: &str| log.lines().filter(|l| l.starts_with("note: kept")).count();
    assert_eq!(kept(&clean_run.stderr), 1, "{}", clean_run.stderr);
    assert_eq!(kept(&run.stderr), 1, "{}", run.stderr);
    assert!(!run.killed);
    // No temporary file left, and the same bytes (manifest included) as
    // the run that was never killed.
    let site = snapshot(&killed.path().join("content"));
    let reference = snapshot(&clean.path().join("content"));
    let only_here: Vec<&String> = site
        .keys()
        .filter(|k| !reference.contains_key(*k))
        .collect();
    let missing: Vec<&String> = reference
        .keys()
        .filter(|k| !site.contains_key(*k))
        .collect();
    assert!(
        only_here.is_empty() && missing.is_empty(),
        "only after kills: {only_here:?}; missing: {missing:?}"
    );
    for (path, bytes) in &reference {
        assert!(site[path] == *bytes, "{path} differs");
    }
}

#[test]
fn seeds_and_content_in_one_directory_are_refused_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("docs");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "Report on cybercrime\n\nText.\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pilcrow"))
        .args(["ingest", "--seeds"])
        .arg(&dir)
        .arg("--content")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("also the seeds directory"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["a.txt"]);
}

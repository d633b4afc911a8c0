//! `pilcrow build` over its own previous output builds incrementally: the
//! result must be what a clean build of the same content writes, byte
//! for byte, and the files a change does not reach are not written again
//! (same inode: carried, not rewritten). Random sequences of editor
//! actions (body text, links and mentions added and removed, headings
//! about an entity, anchors, entity pages' titles and text, pages added,
//! deleted and renamed, drafts) over a copy of the fixture site, checked
//! after every step; a damaged cache only means a clean build.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use pilcrow::build;
use pilcrow::config::Config;

mod common;
use common::{Rng, copy_dir, output_files};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/basic");

struct Site {
    tmp: tempfile::TempDir,
    root: PathBuf,
    config: Config,
}

impl Site {
    fn new() -> Site {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_dir(Path::new(FIXTURE), &root);
        let config = Config::load(&root).unwrap();
        Site { tmp, root, config }
    }

    fn content(&self) -> PathBuf {
        self.config.content_dir.clone()
    }

    fn md(&self) -> Vec<String> {
        let content = self.content();
        let mut v: Vec<String> = walkdir::WalkDir::new(&content)
            .sort_by_file_name()
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&content)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|r| r.ends_with(".md"))
            .collect();
        v.sort();
        v
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.content().join(rel)).unwrap_or_default()
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.content().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// A clean build of the same content, in a fresh copy of the site.
    fn clean_build(&self, n: usize) -> (PathBuf, bool) {
        let root = self.tmp.path().join(format!("clean-{n}"));
        std::fs::create_dir_all(&root).unwrap();
        std::fs::copy(self.root.join("site.toml"), root.join("site.toml")).unwrap();
        copy_dir(&self.content(), &root.join("content"));
        let _ = std::fs::remove_dir_all(root.join("content/.pilcrow-cache"));
        let config = Config::load(&root).unwrap();
        let ok = build::build(&config).is_ok();
        (config.output_dir, ok)
    }
}

const ENTITY_DIRS: &[&str] = &[
    "countries",
    "organizations",
    "instruments",
    "topics",
    "resolutions",
    "un-documents",
];

fn rel_link(from: &str, to: &str) -> String {
    format!("{}{to}", "../".repeat(from.matches('/').count()))
}

/// What an action is: an edit of a page's markdown in place (the
/// incremental build's way), or something else.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Kind {
    InPlace,
    Other,
}

/// Applies one random editor action; returns what it did.
fn act(site: &Site, rng: &mut Rng, n: usize) -> (String, Kind) {
    let md = site.md();
    let page = rng.pick(&md).cloned().unwrap();
    let entities: Vec<String> = md
        .iter()
        .filter(|r| {
            ENTITY_DIRS.iter().any(|d| r.starts_with(&format!("{d}/"))) && !r.ends_with("_index.md")
        })
        .cloned()
        .collect();
    let documents: Vec<String> = md
        .iter()
        .filter(|r| r.starts_with("documents/") && !r.ends_with("_index.md"))
        .cloned()
        .collect();
    let doc = rng
        .pick(&documents)
        .cloned()
        .unwrap_or_else(|| page.clone());
    match rng.below(14) {
        0..=2 => {
            // Body text: a sentence changed inside an existing paragraph,
            // or a new paragraph.
            let text = site.read(&page);
            // After the front matter.
            let body = text[3..].find("\n---\n").map_or(0, |i| i + 8);
            let new = match text[body..].find(". ") {
                Some(i) if rng.below(2) == 0 => {
                    let i = body + i;
                    format!("{} Edited {n}{}", &text[..i + 1], &text[i + 1..])
                }
                _ => text + &format!("\n\nA new paragraph {n}. ^p-{}\n", 100 + n),
            };
            site.write(&page, &new);
            (format!("edit body of {page}"), Kind::InPlace)
        }
        3 | 4 => {
            // Mention one or two entities in a new paragraph.
            let (Some(a), Some(b)) = (rng.pick(&entities).cloned(), rng.pick(&entities).cloned())
            else {
                return ("nothing".into(), Kind::InPlace);
            };
            let second = if rng.below(2) == 0 {
                format!(" and [the other]({})", rel_link(&doc, &b))
            } else {
                String::new()
            };
            let text = site.read(&doc)
                + &format!(
                    "\n\n{n}\\. On [this one]({}){second}, a sentence. ^p-{}\n",
                    rel_link(&doc, &a),
                    200 + n
                );
            site.write(&doc, &text);
            (format!("mention {a} in {doc}"), Kind::InPlace)
        }
        5 => {
            // Drop one link, keeping its text.
            let text = site.read(&doc);
            let starts: Vec<usize> = text.match_indices("](").map(|(i, _)| i).collect();
            let Some(&at) = rng.pick(&starts) else {
                return ("nothing".into(), Kind::InPlace);
            };
            let (Some(open), Some(close)) = (text[..at].rfind('['), text[at..].find(')')) else {
                return ("nothing".into(), Kind::InPlace);
            };
            let new = format!(
                "{}{}{}",
                &text[..open],
                &text[open + 1..at],
                &text[at + close + 1..]
            );
            site.write(&doc, &new);
            (format!("unlink one link in {doc}"), Kind::InPlace)
        }
        6 => {
            // A heading about an entity, a paragraph citing another.
            let (Some(a), Some(b)) = (rng.pick(&entities).cloned(), rng.pick(&entities).cloned())
            else {
                return ("nothing".into(), Kind::InPlace);
            };
            let text = site.read(&doc)
                + &format!(
                    "\n\n### [Section {n}]({})\n\n{n}\\. It cites [b]({}). ^p-{}\n",
                    rel_link(&doc, &a),
                    rel_link(&doc, &b),
                    300 + n
                );
            site.write(&doc, &text);
            (format!("heading about {a} in {doc}"), Kind::InPlace)
        }
        7 => {
            // An entity page: its title (shown wherever it is mentioned)
            // or its text.
            let Some(e) = rng.pick(&entities).cloned() else {
                return ("nothing".into(), Kind::InPlace);
            };
            let text = site.read(&e);
            let retitle = rng.below(2) == 0;
            let new = match text.find("\ntitle:") {
                Some(i) if retitle => {
                    let end = text[i + 1..].find('\n').map_or(text.len(), |j| i + 1 + j);
                    format!("{}\ntitle: Entity {n}{}", &text[..i], &text[end..])
                }
                _ => text + &format!("\n\nMore about it {n}.\n"),
            };
            site.write(&e, &new);
            (format!("edit entity {e} (title: {retitle})"), Kind::Other)
        }
        8 => {
            // A link to a paragraph of another page, or that page's anchor
            // toggled (links to it break and mend).
            let target = rng.pick(&md).cloned().unwrap();
            if rng.below(2) == 0 {
                let text = site.read(&page)
                    + &format!("\n\nSee [that]({}#p-1).\n", rel_link(&page, &target));
                site.write(&page, &text);
                (format!("link {page} → {target}#p-1"), Kind::Other)
            } else {
                let text = site.read(&target);
                let new = if text.contains(" ^p-1\n") {
                    text.replacen(" ^p-1\n", "\n", 1)
                } else {
                    text.trim_end().to_string() + " ^p-1\n"
                };
                site.write(&target, &new);
                (format!("toggle p-1 of {target}"), Kind::Other)
            }
        }
        9 => {
            let rel = format!("documents/new-{n}.md");
            let target = rng.pick(&entities).cloned().unwrap();
            site.write(
                &rel,
                &format!(
                    "---\nkind: document\ntitle: New {n}\n---\n\nLinks to [it]({}). ^p-1\n",
                    rel_link(&rel, &target)
                ),
            );
            (format!("add {rel}"), Kind::Other)
        }
        10 => {
            if md.len() < 6 {
                return ("nothing".into(), Kind::InPlace);
            }
            std::fs::remove_file(site.content().join(&page)).unwrap();
            (format!("delete {page}"), Kind::Other)
        }
        11 => {
            let to = page.replace(".md", &format!("-r{n}.md"));
            std::fs::rename(site.content().join(&page), site.content().join(&to)).unwrap();
            (format!("rename {page} → {to}"), Kind::Other)
        }
        12 => {
            let text = site.read(&page);
            let new = if text.contains("draft: true") {
                text.replace("draft: true\n", "")
            } else {
                text.replacen("---\n", "---\ndraft: true\n", 1)
            };
            site.write(&page, &new);
            (format!("toggle draft {page}"), Kind::Other)
        }
        _ => {
            // Repair what earlier steps broke: links to pages or anchors
            // that are gone become text.
            ("nothing".into(), Kind::InPlace)
        }
    }
}

/// Links to a page that is gone (or a draft) or to a paragraph id it
/// does not have become their text again, as an editor mends a site a
/// build refused.
fn repair(site: &Site) {
    let content = site.content();
    for rel in site.md() {
        let text = site.read(&rel);
        let dir = Path::new(&rel).parent().unwrap().to_path_buf();
        let mut out = String::new();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("](") {
            let (Some(open), Some(close)) = (rest[..at].rfind('['), rest[at..].find(')')) else {
                break;
            };
            let target = &rest[at + 2..at + close];
            let (file, frag) = target.split_once('#').unwrap_or((target, ""));
            let mut path = dir.clone();
            for part in file.split('/') {
                match part {
                    ".." => {
                        path.pop();
                    }
                    "." | "" => {}
                    p => path.push(p),
                }
            }
            let linked = std::fs::read_to_string(content.join(&path)).ok();
            let broken = file.ends_with(".md")
                && linked.as_ref().is_none_or(|t| {
                    t.contains("draft: true")
                        || (frag.starts_with("p-") && !t.contains(&format!(" ^{frag}")))
                });
            out.push_str(&rest[..open]);
            if broken {
                out.push_str(&rest[open + 1..at]);
            } else {
                out.push_str(&rest[open..at + close + 1]);
            }
            rest = &rest[at + close + 1..];
        }
        out.push_str(rest);
        if out != text {
            site.write(&rel, &out);
        }
    }
}

/// Inode of every file under `dir`.
/// The files whose inode changed between two `inodes` listings: written
/// again (or new).
fn rewritten<'a>(
    before: &BTreeMap<String, u64>,
    after: &'a BTreeMap<String, u64>,
) -> Vec<&'a String> {
    after
        .iter()
        .filter(|(p, ino)| before.get(*p) != Some(ino))
        .map(|(p, _)| p)
        .collect()
}

fn inodes(dir: &Path) -> BTreeMap<String, u64> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                e.metadata().unwrap().ino(),
            )
        })
        .collect()
}

fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, history: &[String]) {
    let only_a: Vec<&String> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<&String> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "incremental only: {only_a:?}\nclean only: {only_b:?}\nafter: {history:#?}"
    );
    for (k, v) in a {
        assert!(
            v == &b[k],
            "{k} differs from a clean build's:\n--- incremental\n{}\n--- clean\n{}\nafter: {history:#?}",
            String::from_utf8_lossy(v),
            String::from_utf8_lossy(&b[k])
        );
    }
}

fn run_sequence(seed: u64, steps: usize) {
    let site = Site::new();
    build::build(&site.config).unwrap();
    let out = site.config.output_dir.clone();
    let mut rng = Rng(seed);
    let mut history = Vec::new();
    let mut in_place_steps = 0;
    // The last build succeeded: its cache describes the output.
    let mut last_ok = true;
    for n in 0..steps {
        let before = output_files(&out);
        let before_inodes = inodes(&out);
        let (what, kind) = act(&site, &mut rng, n);
        history.push(what);
        let result = build::build(&site.config);
        let (clean, clean_ok) = site.clean_build(n);
        assert_eq!(
            result.is_ok(),
            clean_ok,
            "{result:?} where a clean build says {clean_ok}\nafter: {history:#?}"
        );
        if !clean_ok {
            // A failed build leaves the previous output as it was.
            assert_same(&output_files(&out), &before, &history);
            last_ok = false;
            repair(&site);
            history.push("repair".into());
            continue;
        }
        let now = output_files(&out);
        assert_same(&now, &output_files(&clean), &history);
        assert!(!now.keys().any(|k| k.contains(".pilcrow-cache")));
        if last_ok && kind == Kind::InPlace && result.is_ok_and(|r| !r.unchanged) {
            // Unchanged files are carried, not written again.
            in_place_steps += 1;
            let after = inodes(&out);
            for (path, bytes) in &before {
                if path != ".pilcrow-output" && now.get(path) == Some(bytes) {
                    assert_eq!(
                        after.get(path),
                        before_inodes.get(path),
                        "{path} was written again with the same bytes\nafter: {history:#?}"
                    );
                }
            }
        }
        let _ = std::fs::remove_dir_all(clean.parent().unwrap());
        last_ok = true;
    }
    assert!(in_place_steps > 0, "no edit in place in {history:#?}");
}

#[test]
fn incremental_build_equals_clean_build_seed_1() {
    run_sequence(0x9E37_79B9_7F4A_7C15, 24);
}

#[test]
fn incremental_build_equals_clean_build_seed_2() {
    run_sequence(0xD1B5_4A32_D192_ED03, 24);
}

#[test]
fn incremental_build_equals_clean_build_seed_3() {
    run_sequence(0x2545_F491_4F6C_DD1D, 24);
}

/// One edited document: its page and the pages it mentions are written
/// again, every other file is carried as it was.
#[test]
fn one_edited_document_rewrites_only_what_it_reaches() {
    let site = Site::new();
    build::build(&site.config).unwrap();
    let out = site.config.output_dir.clone();
    let before = output_files(&out);
    let before_inodes = inodes(&out);
    let doc = "documents/en-note.md";
    let text = site.read(doc) + "\n\nOne more sentence about nothing in particular.\n";
    site.write(doc, &text);
    build::build(&site.config).unwrap();
    let now = output_files(&out);
    let after = inodes(&out);
    let rewritten = rewritten(&before_inodes, &after);
    assert!(rewritten.contains(&&"documents/en-note/index.html".to_string()));
    // Everything whose bytes did not change kept its file.
    for (p, ino) in &after {
        if p != ".pilcrow-output" && before.get(p) == now.get(p) {
            assert_eq!(before_inodes.get(p), Some(ino), "{p} written again");
        }
    }
    assert!(
        rewritten.len() * 4 < after.len(),
        "{} of {} files written again: {rewritten:?}",
        rewritten.len(),
        after.len()
    );
    let (clean, ok) = site.clean_build(0);
    assert!(ok);
    assert_same(&now, &output_files(&clean), &["edit en-note".into()]);
}

/// A cache cut short, filled with noise, or of another site's output is
/// ignored: the build is a clean one, and right.
#[test]
fn a_damaged_or_stale_cache_means_a_clean_build() {
    let site = Site::new();
    build::build(&site.config).unwrap();
    let cache = site.root.join(".pilcrow-cache");
    let out = site.config.output_dir.clone();
    let saved: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    assert!(!saved.is_empty(), "no cache written");
    for (n, damage) in ["cut", "noise", "stale"].iter().enumerate() {
        for (path, first) in &saved {
            let bytes = std::fs::read(path).unwrap();
            match *damage {
                "cut" => std::fs::write(path, &bytes[..bytes.len() / 2]).unwrap(),
                "noise" => {
                    let noisy: Vec<u8> = bytes.iter().map(|b| b.wrapping_mul(31) ^ 0x5a).collect();
                    std::fs::write(path, noisy).unwrap();
                }
                // The first build's cache back, over a later output: it
                // describes a site that is not there any more.
                _ => std::fs::write(path, first).unwrap(),
            }
        }
        let doc = "documents/a-74-130.md";
        let text = site.read(doc) + &format!("\n\nDamage {n}: [Mongolia](../countries/mng.md).\n");
        site.write(doc, &text);
        build::build(&site.config).unwrap();
        let (clean, ok) = site.clean_build(n);
        assert!(ok);
        assert_same(
            &output_files(&out),
            &output_files(&clean),
            &[damage.to_string()],
        );
    }
}

/// Replaces `old` by `new` (of the same length) in `rel`, and puts the
/// file's modification time back: size and mtime as before the edit.
fn edit_keeping_size_and_time(site: &Site, rel: &str, old: &str, new: &str) {
    assert_eq!(old.len(), new.len());
    let path = site.content().join(rel);
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let text = site.read(rel);
    assert!(text.contains(old), "{rel} has no {old:?}");
    site.write(rel, &text.replacen(old, new, 1));
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), mtime);
}

/// A build takes a content file's digest from what `stat` said of it
/// when a build last hashed it; an edit that keeps the file's size and
/// modification time (a tool that restores it, or two saves within one
/// timestamp tick) is still seen, whether the file had settled or was
/// hashed in the tick it was written in.
#[test]
fn an_edit_that_keeps_size_and_mtime_is_still_built() {
    let site = Site::new();
    let doc = "documents/en-note.md";
    let text = site.read(doc) + "\n\nA sentence with the word Alpha in it.\n";
    site.write(doc, &text);
    build::build(&site.config).unwrap();
    // Files left alone long enough for their `stat` to vouch for them.
    std::thread::sleep(std::time::Duration::from_millis(2_100));
    build::build(&site.config).unwrap();
    assert!(
        site.root.join(".pilcrow-cache/digests.bin").exists(),
        "no digests kept"
    );
    let out = site.config.output_dir.clone();
    for (n, (old, new)) in [("Alpha", "Omega"), ("Omega", "Gamma")].iter().enumerate() {
        edit_keeping_size_and_time(&site, doc, old, new);
        build::build(&site.config).unwrap();
        let page = std::fs::read_to_string(out.join("documents/en-note/index.html")).unwrap();
        assert!(page.contains(new), "edit {n} ({old} → {new}) not built");
        let (clean, ok) = site.clean_build(n);
        assert!(ok);
        assert_same(
            &output_files(&out),
            &output_files(&clean),
            &[format!("{old} → {new}")],
        );
    }
}

/// An incremental build updates the output in place; one killed while
/// it renames its files leaves the list without its inputs (all it
/// may have written listed): the next build is a clean one, and right.
#[test]
fn an_incremental_build_cut_short_is_followed_by_a_clean_one() {
    let site = Site::new();
    build::build(&site.config).unwrap();
    let out = site.config.output_dir.clone();
    let doc = "documents/en-note.md";
    site.write(doc, &(site.read(doc) + "\n\nFirst edit.\n"));
    build::build(&site.config).unwrap();
    let page = out.join("documents/en-note/index.html");
    let first = std::fs::read(&page).unwrap();
    let marker = std::fs::read_to_string(out.join(".pilcrow-output")).unwrap();
    assert!(marker.contains("# inputs: "), "{marker}");
    // A second edit, and an update of the output killed half-way: its
    // page not renamed yet, the list already the journal's.
    site.write(doc, &(site.read(doc) + "\n\nSecond edit.\n"));
    let journal: String = marker
        .lines()
        .filter(|l| !l.starts_with("# inputs: "))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(out.join(".pilcrow-output"), journal).unwrap();
    let meta = out.join("search/index/meta.json");
    if meta.exists() {
        std::fs::write(meta, "{\"half\":1}").unwrap();
    }
    let inodes_before = inodes(&out);
    build::build(&site.config).unwrap();
    let now = output_files(&out);
    assert_ne!(now["documents/en-note/index.html"], first);
    let (clean, ok) = site.clean_build(0);
    assert!(ok);
    assert_same(
        &now,
        &output_files(&clean),
        &["second edit after a cut".into()],
    );
    // A clean build: every file written anew.
    let after = inodes(&out);
    assert!(
        after
            .iter()
            .all(|(p, ino)| inodes_before.get(p) != Some(ino)),
        "files carried over a cut update"
    );
}

/// A site with more documents than one part of the graph's lists holds:
/// the graph page lists the documents by parts, each a page of its own
/// holding every document once, and a new link in one document writes
/// again the part that lists it (and the graph page, which lists the
/// countries and their counts), not the other parts.
#[test]
fn a_link_in_one_of_many_documents_rewrites_one_part_of_the_graph() {
    let site = Site::new();
    let n = 700;
    for k in 0..n {
        site.write(
            &format!("documents/gen-{k:03}.md"),
            &format!(
                "---\nkind: document\ntitle: Generated report {k:03}\ndate: 2021-02-03\nlanguage: en\n---\n\n\
                 1\\. Report {k} on [Mongolia](../countries/mng.md) and [the note](en-note.md). ^p-1\n"
            ),
        );
    }
    build::build(&site.config).unwrap();
    let out = site.config.output_dir.clone();
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    let graph = read("graph/index.html");
    // The graph page names the documents' parts; each part lists its
    // documents with their links, every document in one part.
    let parts: Vec<String> = graph
        .match_indices("href=\"/graph/documents/")
        .map(|(at, _)| {
            let rest = &graph[at + 6..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect();
    assert!(
        parts.len() >= 2,
        "no parts of the documents' list: {parts:?}"
    );
    assert!(
        !graph.contains("Generated report 001</a>"),
        "every document on the graph page"
    );
    let mut listed = Vec::new();
    for url in &parts {
        let html = read(&format!("{}index.html", url.trim_start_matches('/')));
        assert!(
            html.contains("href=\"/graph/\""),
            "{url} does not link to the graph page"
        );
        for (at, _) in html.match_indices("<li class=\"graph-node\">") {
            let rest = &html[at..];
            let name = &rest[rest.find("\">").unwrap() + 2..rest.find("</a>").unwrap()];
            listed.push(name.to_string());
            if name.starts_with("Generated") {
                assert!(
                    rest[..rest.find("</li>\n").unwrap_or(rest.len())].contains("/countries/mng/")
                );
            }
        }
    }
    let docs = n + 3;
    assert_eq!(listed.len(), docs, "documents listed in the parts");
    let mut sorted = listed.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), docs, "a document listed twice");

    // A new link in one generated document.
    let before = output_files(&out);
    let before_inodes = inodes(&out);
    let doc = "documents/gen-400.md";
    site.write(
        doc,
        &(site.read(doc) + "\n2\\. And [Argentina](../countries/arg.md). ^p-2\n"),
    );
    build::build(&site.config).unwrap();
    let now = output_files(&out);
    let (clean, ok) = site.clean_build(0);
    assert!(ok);
    assert_same(&now, &output_files(&clean), &["a link in gen-400".into()]);
    let after = inodes(&out);
    let rewritten = rewritten(&before_inodes, &after);
    let parts_rewritten: Vec<&&String> = rewritten
        .iter()
        .filter(|p| p.starts_with("graph/documents/"))
        .collect();
    assert_eq!(parts_rewritten.len(), 1, "{rewritten:?}");
    let part = std::str::from_utf8(&now[parts_rewritten[0].as_str()]).unwrap();
    assert!(
        part.contains("Generated report 400</a>"),
        "{}",
        parts_rewritten[0]
    );
    for (p, ino) in &after {
        if p != ".pilcrow-output" && before.get(p) == now.get(p) {
            assert_eq!(before_inodes.get(p), Some(ino), "{p} written again");
        }
    }
}

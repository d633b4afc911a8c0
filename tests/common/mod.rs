//! Helpers shared by the integration tests (each test file includes this
//! module with `mod common;` and uses what it needs).
#![allow(dead_code)]

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html, Selector};

/// Every file under a directory: relative path → bytes.
pub fn dir_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Every file an output directory holds, path → bytes, the output's list
/// without its inputs line (a fingerprint of where the site is, too): what
/// an incremental build and a clean one must agree on.
pub fn output_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = dir_files(dir);
    if let Some(list) = out.get_mut(".pilcrow-output") {
        let text = String::from_utf8(std::mem::take(list)).unwrap();
        *list = text
            .lines()
            .filter(|l| !l.starts_with("# inputs: "))
            .collect::<Vec<_>>()
            .join("\n")
            .into_bytes();
    }
    out
}

/// Copies a fixture site into a scratch directory, leaving out any
/// `public/` a previous run left behind.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        if rel.starts_with("public") {
            continue;
        }
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub fn html_files(public: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(public)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .collect()
}

pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// Every href and src of every HTML file resolves to a file of the site
/// and, with a fragment, to an element with that id. Also: no id twice in
/// a page, lists hold only list items.
pub fn site_problems(public: &Path, base_path: &str) -> (usize, Vec<String>) {
    let mut ids: BTreeMap<PathBuf, HashSet<String>> = BTreeMap::new();
    let files = html_files(public);
    let mut problems = Vec::new();
    for f in &files {
        let doc = Html::parse_document(&std::fs::read_to_string(f).unwrap());
        let mut seen = HashSet::new();
        for e in doc.select(&Selector::parse("[id]").unwrap()) {
            let id = e.value().attr("id").unwrap().to_string();
            if !seen.insert(id.clone()) {
                problems.push(format!("{}: duplicate id {id}", f.display()));
            }
        }
        for list in doc.select(&Selector::parse("ul, ol").unwrap()) {
            for child in list.children().filter_map(ElementRef::wrap) {
                if child.value().name() != "li" {
                    problems.push(format!(
                        "{}: <{}> directly in a list",
                        f.display(),
                        child.value().name()
                    ));
                }
            }
        }
        ids.insert(f.clone(), seen);
    }
    let mut checked = 0;
    for f in &files {
        let doc = Html::parse_document(&std::fs::read_to_string(f).unwrap());
        for el in doc.select(&Selector::parse("[href], [src]").unwrap()) {
            let url = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if url.starts_with("https://")
                || url.starts_with("http://")
                || url.starts_with("mailto:")
            {
                continue;
            }
            checked += 1;
            let (path, fragment) = match url.split_once('#') {
                Some((p, frag)) => (p, Some(frag)),
                None => (url, None),
            };
            let target = if path.is_empty() {
                f.clone()
            } else {
                let Some(rel) = path.strip_prefix(base_path) else {
                    problems.push(format!("{}: {url} is outside {base_path}", f.display()));
                    continue;
                };
                let rel = percent_decode(rel);
                if rel.is_empty() || rel.ends_with('/') {
                    public.join(rel).join("index.html")
                } else {
                    public.join(rel)
                }
            };
            if !target.is_file() {
                problems.push(format!("{}: {url} (no such file)", f.display()));
                continue;
            }
            if let Some(frag) = fragment
                && !ids
                    .get(&target)
                    .is_some_and(|set| set.contains(&percent_decode(frag)))
            {
                problems.push(format!("{}: {url} (no such anchor)", f.display()));
            }
        }
    }
    (checked, problems)
}

/// Ingests `tests/ingest_data/NAME` alone in a scratch site (as `pilcrow
/// ingest` does) and returns the one document page written.
pub fn ingest_one(name: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/ingest_data")
        .join(name);
    let file = Path::new(name).file_name().unwrap();
    std::fs::copy(src, seeds.join(file)).unwrap();
    let content = dir.path().join("content");
    pilcrow::ingest::run(&pilcrow::ingest::IngestOptions {
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

/// xorshift64*: deterministic random edits, no dependency.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> Option<&'a T> {
        if v.is_empty() {
            None
        } else {
            Some(&v[self.below(v.len())])
        }
    }
}

//! The search index (feature `search`): static files the search page
//! reads, nothing to run on a server.
//!
//! Under [`INDEX_DIR`]:
//! - `meta.json`: the format, the number of pages and shards, every
//!   filter value with the number of pages a click on it returns;
//! - `w/<n>.json`: the words — each term of the site (see
//!   [`super::tokens`]) with its postings, in the shard its first two
//!   characters hash to, so a query fetches one small file per term and a
//!   prefix finds its completions in the same file;
//! - `f/<n>.json`: the filters — `name` U+001F `value` with the same
//!   postings: which paragraphs (country, topic, organization,
//!   resolution: what a paragraph and its section headings link to) or
//!   which whole pages (kind, language, year) are filed under it;
//! - `p/<page>.json`: one file per page: its URL, title, kind and
//!   languages, and its paragraphs (anchor, label, text) for results and
//!   excerpts.
//!
//! Postings are one flat array of integers per term, page by page:
//! the page number as a difference from the previous one, then `2k + t`
//! (`k` paragraphs follow, `t` = 1 when the term is in the page's title
//! or names), then the `k` paragraph numbers as differences (the first
//! from 0). A filter's whole-page posting has `k = 0`, `t = 0`.
//!
//! Built page by page (pages tokenised in parallel in batches, their
//! terms numbered by a shared [`Dictionary`], merged in page order):
//! memory holds the postings, not the site's text again; the output is
//! the same bytes for the same site.

mod dictionary;
pub mod log;
pub mod memo;
pub mod patch;

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde_json::json;

use super::records::{FILTER_KIND, FILTER_LANGUAGE, FILTER_YEAR, Record, Records};
use super::tokens::{fnv1a, shard_of, terms_of_kind};
use crate::build::LoadedSite;
use crate::output::OutputFile;
pub use dictionary::Dictionary;

/// Output directory of the index, relative to the site root.
pub const INDEX_DIR: &str = "search/index";

/// Bumped when the files change shape (search-engine.js checks it).
pub const FORMAT: u32 = 1;

/// Filters that hold whole pages; the others hold paragraphs.
pub const PAGE_FILTERS: [&str; 3] = [FILTER_KIND, FILTER_LANGUAGE, FILTER_YEAR];

/// Between a filter's name and its value in `f/` keys.
pub const FILTER_SEPARATOR: char = '\u{1f}';

/// A shard is about this many bytes of JSON, before compression.
const SHARD_BYTES: usize = 64 * 1024;

/// Term shards made at once (in parallel) when the index is finished.
const SHARDS_AT_ONCE: usize = 64;

/// Pages tokenised at once: bounds what is held besides the postings.
const BATCH: usize = 256;

pub use super::IndexFiles;

/// Indexes the site page by page; returns the index files, sorted by path.
pub fn build(site: &LoadedSite) -> Result<Vec<OutputFile>, String> {
    build_into(site, None).map(|f| f.files)
}

/// [`build`], each page's file written into `sink` (the staging dir of a
/// build) as soon as it is made, so the site's text is not held again.
/// (`build` itself indexes each page as it renders it: [`entry`],
/// [`Merger`].)
pub fn build_into(site: &LoadedSite, sink: Option<&Path>) -> Result<IndexFiles, String> {
    let records = Records::new(site);
    let dictionary = Dictionary::default();
    let mut merger = Merger::new(sink);
    let all: Vec<usize> = (0..site.content.pages.len()).collect();
    for batch in all.chunks(BATCH) {
        let entries: Vec<Entry> = batch
            .par_iter()
            .map(|&i| entry(&records, &dictionary, i, &site.rendered[i].html, sink))
            .collect::<Result<_, String>>()?;
        for e in entries {
            merger.add(e);
        }
    }
    merger.finish(dictionary)
}

/// Page `i`'s part of the index, made from its rendered markdown `html`
/// without the rest of the index (its terms numbered by `dictionary`);
/// its file written into `sink` when there is one. Merged in page order
/// by a [`Merger`].
pub fn entry(
    records: &Records<'_>,
    dictionary: &Dictionary,
    i: usize,
    html: &str,
    sink: Option<&Path>,
) -> Result<Entry, String> {
    // A page's number is its place in the site: its file can be written
    // before the pages before it are merged.
    let id = i as u32;
    let Some(mut part) = PagePart::of(&records.page_with_html(i, html), dictionary) else {
        return Ok(Entry { id, made: None });
    };
    let file = OutputFile {
        path: format!("{INDEX_DIR}/p/{id}.json"),
        bytes: std::mem::take(&mut part.fragment),
    };
    let file = match sink {
        Some(dir) => {
            crate::output::write_files(dir, std::slice::from_ref(&file))
                .map_err(|e| format!("search index: {e}"))?;
            OutputFile {
                path: file.path,
                bytes: Vec::new(),
            }
        }
        None => file,
    };
    Ok(Entry {
        id,
        made: Some((part, file)),
    })
}

/// One page's part of the index (see [`entry`]).
pub struct Entry {
    id: u32,
    /// Its terms and filters, and its file (written already, with no
    /// bytes, when there is a sink); `None` for a page with no records.
    made: Option<(PagePart, OutputFile)>,
}

/// Puts the pages' entries together in page order, whatever order they
/// come in (those ahead of their turn wait), into the postings of the
/// whole index.
pub struct Merger<'s> {
    index: Index,
    out: IndexFiles,
    sink: Option<&'s Path>,
    next: u32,
    waiting: BTreeMap<u32, Entry>,
    /// Each page's part, recorded for the next build (see [`log`]).
    log: Option<(log::LogWriter, std::path::PathBuf)>,
}

impl<'s> Merger<'s> {
    pub fn new(sink: Option<&'s Path>) -> Merger<'s> {
        Merger {
            index: Index::default(),
            out: IndexFiles::default(),
            sink,
            next: 0,
            waiting: BTreeMap::new(),
            log: None,
        }
    }

    /// Records each page's part in the build cache dir `dir` as it is
    /// merged (see [`log`]); the record comes back in
    /// [`IndexFiles::log`].
    pub fn record_in(&mut self, dir: &Path) {
        self.log = log::LogWriter::create(dir).map(|w| (w, dir.to_path_buf()));
    }

    /// Takes page `entry.id`'s entry; merges it (and those waiting after
    /// it) when every page before it is merged.
    pub fn add(&mut self, entry: Entry) {
        self.waiting.insert(entry.id, entry);
        while let Some(e) = self.waiting.remove(&self.next) {
            self.merge(e);
            self.next += 1;
        }
    }

    fn merge(&mut self, e: Entry) {
        let Some((part, file)) = e.made else {
            return;
        };
        match self.sink {
            Some(_) => self.out.written.push(file.path),
            None => self.out.files.push(file),
        }
        if let Some((log, _)) = &mut self.log {
            log.page(e.id, &part.terms, &part.filters);
        }
        self.index.add(e.id, part.terms, part.filters);
        self.index.pages += 1;
    }

    /// The shards and `meta.json` once every page is in (their terms
    /// numbered by `dictionary`); returns every index file (those held
    /// sorted by path).
    pub fn finish(self, dictionary: Dictionary) -> Result<IndexFiles, String> {
        self.finish_with(dictionary.into_terms())
    }

    /// [`Self::finish`] with the dictionary's terms, by id.
    fn finish_with(mut self, terms: Vec<Box<str>>) -> Result<IndexFiles, String> {
        for (_, e) in std::mem::take(&mut self.waiting) {
            self.merge(e);
        }
        let mut out = self.out;
        let pages = self.index.pages;
        let (rest, info) = self.index.finish(&terms, self.sink)?;
        out.files.extend(rest.files);
        out.written.extend(rest.written);
        if let Some((writer, dir)) = self.log {
            out.log = writer.finish(&dir, &terms, log::Log { pages, ..info });
        }
        out.files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }
}

/// In a page's run of terms, the "paragraph" of a term of its title or
/// names (after every paragraph of the term).
const TITLE: u32 = u32::MAX;

/// One page's contribution, made without the rest of the index.
#[derive(Clone)]
struct PagePart {
    /// Its terms: `term id << 32 | paragraph` (or [`TITLE`]), sorted, no
    /// repeats — each term's paragraphs in order, then whether the title
    /// or names hold it.
    terms: Vec<u64>,
    /// (name, value) → paragraphs filed under it (empty: the whole page).
    filters: Vec<((String, String), Vec<u32>)>,
    fragment: Vec<u8>,
}

impl PagePart {
    fn of(records: &[Record], dictionary: &Dictionary) -> Option<PagePart> {
        let first = records.first()?;
        let url = first.url.split('#').next().unwrap_or_default().to_string();
        let title = match &first.label {
            None => first.title.clone(),
            Some(label) => page_title(&first.title, label),
        };
        let mut cache = dictionary.cache();
        let mut run: Vec<u64> = Vec::new();
        for (j, r) in records.iter().enumerate() {
            let j = j as u64;
            let mut last = u64::MAX;
            terms_of_kind(&r.content, |t| {
                let at = u64::from(dictionary.id_of(&mut cache, t)) << 32 | j;
                // A term repeated at once (a pair of the same character,
                // a word said twice) is held once.
                if at != last {
                    run.push(at);
                    last = at;
                }
            });
        }
        let mut head = title.clone();
        if let Some(names) = &first.names {
            head.push('\n');
            head.push_str(names);
        }
        terms_of_kind(&head, |t| {
            run.push(u64::from(dictionary.id_of(&mut cache, t)) << 32 | u64::from(TITLE))
        });
        dictionary.put(cache);
        sort_by_term(&mut run);
        run.dedup();

        // Keys borrowed from the records: most values are on every
        // paragraph (kind, language, year).
        let mut filters: BTreeMap<(&str, &str), Vec<u32>> = BTreeMap::new();
        for (j, r) in records.iter().enumerate() {
            for (name, values) in &r.filters {
                let whole = PAGE_FILTERS.contains(&name.as_str());
                for v in values {
                    let e = filters.entry((name, v)).or_default();
                    if !whole && e.last() != Some(&(j as u32)) {
                        e.push(j as u32);
                    }
                }
            }
        }

        let fragment = Fragment {
            kind: first.filters.get(FILTER_KIND).and_then(|v| v.first()),
            language: first
                .filters
                .get(FILTER_LANGUAGE)
                .map_or(&[][..], Vec::as_slice),
            paras: records
                .iter()
                .map(|r| {
                    let anchor = r.url.split_once('#').map_or("", |(_, a)| a);
                    (anchor, r.label.as_deref(), r.content.as_str())
                })
                .collect(),
            title: &title,
            url: &url,
        };
        Some(PagePart {
            terms: run,
            filters: filters
                .into_iter()
                .map(|((n, v), paras)| ((n.to_string(), v.to_string()), paras))
                .collect(),
            fragment: serde_json::to_vec(&fragment).unwrap_or_default(),
        })
    }
}

/// Sorts a page's run of `term id << 32 | paragraph` as `sort_unstable`
/// would: the run holds each term's entries in paragraph order already
/// (paragraphs are read in order, the title last), so a stable sort by
/// term id alone is enough — a radix sort, a few passes over the run
/// instead of a comparison sort's many.
fn sort_by_term(run: &mut Vec<u64>) {
    const BITS: u32 = 11;
    const MASK: u64 = (1 << BITS) - 1;
    if run.len() < 256 {
        run.sort_unstable();
        return;
    }
    let max = run.iter().map(|x| x >> 32).max().unwrap_or(0);
    let mut other = vec![0u64; run.len()];
    let mut shift = 32;
    while shift < 64 && max >> (shift - 32) > 0 {
        let mut at = [0usize; 1 << BITS];
        for &x in run.iter() {
            at[((x >> shift) & MASK) as usize] += 1;
        }
        let mut sum = 0;
        for a in at.iter_mut() {
            (*a, sum) = (sum, sum + *a);
        }
        for &x in run.iter() {
            let d = ((x >> shift) & MASK) as usize;
            other[at[d]] = x;
            at[d] += 1;
        }
        std::mem::swap(run, &mut other);
        shift += BITS;
    }
}

/// A page's file (`p/<page>.json`): keys in this order (sorted, as they
/// always were), each paragraph `[anchor, label, text]`.
#[derive(serde::Serialize)]
struct Fragment<'a> {
    kind: Option<&'a String>,
    language: &'a [String],
    paras: Vec<(&'a str, Option<&'a str>, &'a str)>,
    title: &'a str,
    url: &'a str,
}

/// A document's title from a paragraph record's (`Report ¶17` → `Report`).
fn page_title(title: &str, label: &str) -> String {
    if label.is_empty() {
        return title.to_string();
    }
    title
        .strip_suffix(label)
        .map(|t| t.trim_end().trim_end_matches(" —").trim_end())
        .unwrap_or(title)
        .to_string()
}

/// One term's or filter value's postings (see the module doc), held as
/// LEB128 bytes (most numbers are small differences: a byte each).
#[derive(Default)]
struct Postings {
    last: u32,
    pages: u32,
    data: Vec<u8>,
    /// Bytes the numbers take as JSON.
    json: usize,
}

impl Postings {
    fn push(&mut self, page: u32, paras: &[u32], title: bool) {
        self.push_run(page, paras.len(), paras.iter().copied(), title);
    }

    /// [`Self::push`] of the `count` paragraphs `paras` yields.
    fn push_run(&mut self, page: u32, count: usize, paras: impl Iterator<Item = u32>, title: bool) {
        self.number(page - self.last);
        self.last = page;
        self.pages += 1;
        self.number(2 * count as u32 + u32::from(title));
        let mut prev = 0;
        for p in paras {
            self.number(p - prev);
            prev = p;
        }
    }

    fn number(&mut self, mut n: u32) {
        self.json += 1 + if n == 0 { 1 } else { n.ilog10() as usize + 1 };
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.data.push(byte);
                return;
            }
            self.data.push(byte | 0x80);
        }
    }

    /// The numbers, in order.
    #[cfg(test)]
    fn numbers(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.data.len());
        self.each_number(|n| out.push(n));
        out
    }

    /// Calls `f` with each number, in order (decoded as they are read).
    fn each_number(&self, mut f: impl FnMut(u32)) {
        let (mut n, mut shift) = (0u32, 0);
        for &b in &self.data {
            n |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                f(n);
                (n, shift) = (0, 0);
            } else {
                shift += 7;
            }
        }
    }
}

#[derive(Default)]
struct Index {
    pages: u32,
    /// By term id (see [`Dictionary`]); a term no merged page holds has
    /// none (`pages == 0`).
    terms: Vec<Postings>,
    filters: BTreeMap<(String, String), Postings>,
}

impl Index {
    fn add(&mut self, page: u32, terms: Vec<u64>, filters: Vec<((String, String), Vec<u32>)>) {
        // The run holds each term's paragraphs together, in order.
        let mut rest = &terms[..];
        while let Some(&first) = rest.first() {
            let id = (first >> 32) as usize;
            let n = rest.iter().take_while(|&&x| x >> 32 == first >> 32).count();
            let (group, after) = rest.split_at(n);
            rest = after;
            let title = group.last().is_some_and(|&x| x as u32 == TITLE);
            let paras = &group[..n - usize::from(title)];
            if self.terms.len() <= id {
                self.terms.resize_with(id + 1, Postings::default);
            }
            self.terms[id].push_run(page, paras.len(), paras.iter().map(|&x| x as u32), title);
        }
        for (key, paras) in filters {
            self.filters
                .entry(key)
                .or_default()
                .push(page, &paras, false);
        }
    }

    /// `meta.json` and the shards, each shard written into `sink` (when
    /// there is one) as soon as it is made; returns the files not written
    /// and the paths of those written.
    fn finish(
        self,
        names: &[Box<str>],
        sink: Option<&Path>,
    ) -> Result<(IndexFiles, log::Log), String> {
        let mut out = IndexFiles::default();
        let mut emit = |file: OutputFile| -> Result<(), String> {
            match sink {
                Some(dir) => {
                    crate::output::write_files(dir, std::slice::from_ref(&file))
                        .map_err(|e| format!("search index: {e}"))?;
                    out.written.push(file.path);
                }
                None => out.files.push(file),
            }
            Ok(())
        };
        let terms: Vec<(&str, &Postings)> = self
            .terms
            .iter()
            .enumerate()
            .filter(|(_, p)| p.pages > 0)
            .map(|(id, p)| (names.get(id).map_or("", |t| &**t), p))
            .collect();
        let word_bytes: usize = terms.iter().map(|(t, p)| t.len() + 6 + p.json).sum();
        let shards = shard_count(word_bytes);
        let mut by_shard: Vec<Vec<(&str, &Postings)>> = vec![Vec::new(); shards as usize];
        for (t, p) in terms {
            by_shard[shard_of(t, shards) as usize].push((t, p));
        }
        // Made in parallel, a few at a time (the JSON of every shard at
        // once would be the index's size again), written in order.
        let mut n = 0;
        let mut shards_left = by_shard.into_iter();
        loop {
            let group: Vec<Vec<(&str, &Postings)>> =
                shards_left.by_ref().take(SHARDS_AT_ONCE).collect();
            if group.is_empty() {
                break;
            }
            let made: Vec<Vec<u8>> = group.into_par_iter().map(shard_json).collect();
            for bytes in made {
                emit(OutputFile {
                    path: format!("{INDEX_DIR}/w/{n}.json"),
                    bytes,
                })?;
                n += 1;
            }
        }

        let keys: Vec<(String, &Postings)> = self
            .filters
            .iter()
            .map(|((name, value), p)| (format!("{name}{FILTER_SEPARATOR}{value}"), p))
            .collect();
        let filter_bytes: usize = keys.iter().map(|(k, p)| k.len() + 6 + p.json).sum();
        let filter_shards = shard_count(filter_bytes);
        let mut by_shard: Vec<Vec<(&str, &Postings)>> = vec![Vec::new(); filter_shards as usize];
        for (k, p) in &keys {
            by_shard[(fnv1a(k.as_bytes()) % filter_shards) as usize].push((k, p));
        }
        for (n, shard) in by_shard.into_iter().enumerate() {
            emit(OutputFile {
                path: format!("{INDEX_DIR}/f/{n}.json"),
                bytes: shard_json(shard),
            })?;
        }

        let mut counts: BTreeMap<&str, BTreeMap<&str, u32>> = BTreeMap::new();
        for ((name, value), p) in &self.filters {
            counts.entry(name).or_default().insert(value, p.pages);
        }
        let meta = json!({
            "format": FORMAT,
            "pages": self.pages,
            "shards": shards,
            "filterShards": filter_shards,
            "pageFilters": PAGE_FILTERS,
            "filters": counts,
        });
        emit(OutputFile {
            path: format!("{INDEX_DIR}/meta.json"),
            bytes: serde_json::to_vec(&meta).unwrap_or_default(),
        })?;
        let info = log::Log {
            shards,
            filter_shards,
            word_bytes: word_bytes as u64,
            filter_bytes: filter_bytes as u64,
            ..log::Log::default()
        };
        Ok((out, info))
    }
}

/// One shard as JSON: `{"term":[numbers…],…}`, terms sorted.
/// Written as `serde_json` writes a map of arrays, without making one.
fn shard_json(mut entries: Vec<(&str, &Postings)>) -> Vec<u8> {
    entries.sort_unstable_by_key(|(k, _)| *k);
    let mut out = Vec::with_capacity(entries.iter().map(|(k, p)| k.len() + 6 + p.json).sum());
    out.push(b'{');
    for (n, (k, p)) in entries.into_iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        // Writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut out, k);
        out.extend_from_slice(b":[");
        let mut first = true;
        p.each_number(|number| {
            if !first {
                out.push(b',');
            }
            first = false;
            push_decimal(&mut out, number);
        });
        out.push(b']');
    }
    out.push(b'}');
    out
}

/// Appends `n` in decimal digits.
fn push_decimal(out: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// Shards for about `bytes` of JSON: a power of two, each near
/// [`SHARD_BYTES`], at most 4,096.
fn shard_count(bytes: usize) -> u32 {
    bytes
        .div_ceil(SHARD_BYTES)
        .clamp(1, 4096)
        .next_power_of_two() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_sorts_by_term_as_a_full_sort_does() {
        let mut rng = crate::test_support::Lcg::new(0x50_27);
        for len in [0, 3, 255, 256, 2000, 9000] {
            for spread in [1u64, 40, 3000, 1 << 21, u64::from(u32::MAX)] {
                // Paragraph by paragraph, the title last, as a page is read.
                let paragraphs = 1 + len / 20;
                let mut run: Vec<u64> = (0..len)
                    .map(|k| {
                        let id = rng.next() as u64 % spread;
                        let para = (k * paragraphs / len.max(1)) as u64;
                        id << 32 | para
                    })
                    .collect();
                run.extend(
                    (0..len / 10).map(|_| (rng.next() as u64 % spread) << 32 | u64::from(TITLE)),
                );
                let mut expected = run.clone();
                expected.sort_unstable();
                sort_by_term(&mut run);
                assert_eq!(run, expected, "{len} entries, ids below {spread}");
            }
        }
    }

    #[test]
    fn postings_are_page_and_paragraph_differences() {
        let mut p = Postings::default();
        p.push(3, &[0, 4, 9], false);
        p.push(7, &[], true);
        p.push(8, &[2], true);
        assert_eq!(p.numbers(), [3, 6, 0, 4, 5, 4, 1, 1, 3, 2]);
        // Numbers past a byte take more.
        let mut big = Postings::default();
        big.push(300, &[0, 70_000], false);
        assert_eq!(big.numbers(), [300, 4, 0, 70_000]);
        assert_eq!(p.pages, 3);
    }

    #[test]
    fn numbers_are_written_as_json_writes_them() {
        for n in [0, 7, 10, 99, 100, 65_535, 1_000_000, u32::MAX] {
            let mut out = Vec::new();
            push_decimal(&mut out, n);
            assert_eq!(out, serde_json::to_vec(&n).unwrap());
        }
    }

    #[test]
    fn shards_grow_with_the_index() {
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(SHARD_BYTES), 1);
        assert_eq!(shard_count(SHARD_BYTES + 1), 2);
        assert_eq!(shard_count(100 * SHARD_BYTES), 128);
        assert_eq!(shard_count(usize::MAX / 2), 4096);
    }
}

//! The index made again for some pages only (an incremental build): the
//! parts those pages put in before (from the build cache's [`Log`]) are
//! compared with the parts they make now, term by term and filter by
//! filter; only the shards holding a term or filter whose postings
//! change are read from the previous output, changed and written, with
//! `meta.json` and the pages' own files. The same bytes as a clean
//! build's index, or `None` when that cannot be had so (no log, or the
//! index grew or shrank past a shard count: a clean build then).

use std::collections::BTreeMap;
use std::path::Path;

use super::log::{Log, Part};
use super::{Dictionary, FILTER_SEPARATOR, INDEX_DIR, PagePart, TITLE, push_decimal, shard_count};
use crate::output::OutputFile;
use crate::search::records::Records;
use crate::search::tokens::{fnv1a, shard_of};

/// What an incremental build writes of the index.
pub struct Patched {
    pub files: Vec<OutputFile>,
    /// Index files of the previous output that are no longer part of it.
    pub gone: Vec<String>,
    /// The log to record once the output is in place.
    pub pending: Pending,
}

/// The log after the update, written by [`Pending::commit`].
pub struct Pending {
    log: Log,
    parts: Vec<(usize, Option<Part>)>,
}

impl Pending {
    /// Records the new parts in the cache dir `dir`, for the output
    /// recorded with `fingerprint`.
    pub fn commit(mut self, dir: &Path, fingerprint: &str) {
        if self.log.append(dir, &self.parts).is_some() {
            self.log.commit(dir, fingerprint);
        }
    }
}

/// A page's new run in a term or filter (`None`: it leaves it).
type Change<'a> = (u32, Option<(&'a [u32], bool)>);

/// The changes of one term or filter, by its key.
type Changes<'a> = Vec<(&'a str, &'a [Change<'a>])>;

/// The index after `pages` (whose rendered markdown `html` gives) are
/// indexed again, `output` holding the index as the log recorded with
/// `fingerprint` describes it.
pub fn update(
    records: &Records<'_>,
    pages: &[usize],
    html: &dyn Fn(usize) -> String,
    output: &Path,
    dir: &Path,
    fingerprint: &str,
) -> Option<Patched> {
    let mut log = Log::read(dir, fingerprint)?;
    let olds = log.parts(dir, pages)?;

    // The pages' parts now, their terms as text.
    let dictionary = Dictionary::default();
    let made: Vec<(usize, Option<PagePart>)> = pages
        .iter()
        .map(|&i| {
            (
                i,
                PagePart::of(&records.page_with_html(i, &html(i)), &dictionary),
            )
        })
        .collect();
    let names = dictionary.into_terms();
    let mut files = Vec::new();
    let mut gone = Vec::new();
    let mut news: Vec<(usize, Option<Part>)> = Vec::new();
    for (i, made) in made {
        let path = format!("{INDEX_DIR}/p/{i}.json");
        let Some(mut p) = made else {
            gone.push(path);
            news.push((i, None));
            continue;
        };
        files.push(OutputFile {
            path,
            bytes: std::mem::take(&mut p.fragment),
        });
        let mut part = Part::default();
        for &x in &p.terms {
            let name = names.get((x >> 32) as usize)?.to_string();
            let entry = part.terms.entry(name).or_default();
            match x as u32 {
                TITLE => entry.1 = true,
                para => entry.0.push(para),
            }
        }
        part.filters = p.filters.into_iter().collect();
        news.push((i, Some(part)));
    }

    // What changes, term by term and filter by filter.
    let mut terms: BTreeMap<&str, Vec<Change<'_>>> = BTreeMap::new();
    let mut filters: BTreeMap<String, Vec<Change<'_>>> = BTreeMap::new();
    let empty = Part::default();
    let mut pages_count = i64::from(log.pages);
    for (old, (i, new)) in olds.iter().zip(&news) {
        let page = u32::try_from(*i).ok()?;
        pages_count += i64::from(new.is_some()) - i64::from(old.is_some());
        let (old, new) = (
            old.as_ref().unwrap_or(&empty),
            new.as_ref().unwrap_or(&empty),
        );
        for t in old.terms.keys().chain(new.terms.keys()) {
            let now = new.terms.get(t);
            if old.terms.get(t) != now {
                let changes = terms.entry(t.as_str()).or_default();
                if changes.last().is_none_or(|(p, _)| *p != page) {
                    changes.push((page, now.map(|(v, title)| (v.as_slice(), *title))));
                }
            }
        }
        for k in old.filters.keys().chain(new.filters.keys()) {
            let now = new.filters.get(k);
            if old.filters.get(k) != now {
                let key = format!("{}{FILTER_SEPARATOR}{}", k.0, k.1);
                let changes = filters.entry(key).or_default();
                if changes.last().is_none_or(|(p, _)| *p != page) {
                    changes.push((page, now.map(|v| (v.as_slice(), false))));
                }
            }
        }
    }

    // The shards those are in, changed.
    let mut word_bytes = log.word_bytes as i64;
    let mut by_shard: BTreeMap<u32, Changes<'_>> = BTreeMap::new();
    for (t, changes) in &terms {
        by_shard
            .entry(shard_of(t, log.shards))
            .or_default()
            .push((t, changes));
    }
    for (path, patched) in patch_shards("w", by_shard, output)? {
        word_bytes += patched.delta;
        files.push(OutputFile {
            path,
            bytes: patched.bytes,
        });
    }
    let mut filter_bytes = log.filter_bytes as i64;
    let mut counts_changed: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_shard: BTreeMap<u32, Changes<'_>> = BTreeMap::new();
    for (k, changes) in &filters {
        by_shard
            .entry(fnv1a(k.as_bytes()) % log.filter_shards.max(1))
            .or_default()
            .push((k, changes));
    }
    for (path, patched) in patch_shards("f", by_shard, output)? {
        filter_bytes += patched.delta;
        // Pages per filter value (meta.json's counts).
        counts_changed.extend(patched.pages);
        files.push(OutputFile {
            path,
            bytes: patched.bytes,
        });
    }
    let (word_bytes, filter_bytes) = (
        u64::try_from(word_bytes).ok()?,
        u64::try_from(filter_bytes).ok()?,
    );
    if shard_count(word_bytes as usize) != log.shards
        || shard_count(filter_bytes as usize) != log.filter_shards
    {
        return None;
    }

    // meta.json: the number of pages and the counts of filter values.
    let meta_path = format!("{INDEX_DIR}/meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(output.join(&meta_path)).ok()?).ok()?;
    if meta.get("shards")?.as_u64()? != u64::from(log.shards) {
        return None;
    }
    let mut counts: BTreeMap<String, BTreeMap<String, u64>> =
        serde_json::from_value(meta.get("filters")?.clone()).ok()?;
    for (key, pages) in counts_changed {
        let (name, value) = key.split_once(FILTER_SEPARATOR)?;
        let values = counts.entry(name.to_string()).or_default();
        if pages == 0 {
            values.remove(value);
        } else {
            values.insert(value.to_string(), pages as u64);
        }
        if values.is_empty() {
            counts.remove(name);
        }
    }
    let pages_count = u32::try_from(pages_count).ok()?;
    *meta.get_mut("filters")? = serde_json::to_value(&counts).ok()?;
    *meta.get_mut("pages")? = serde_json::Value::from(pages_count);
    files.push(OutputFile {
        path: meta_path,
        bytes: serde_json::to_vec(&meta).ok()?,
    });

    log.word_bytes = word_bytes;
    log.filter_bytes = filter_bytes;
    log.pages = pages_count;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Some(Patched {
        files,
        gone,
        pending: Pending { log, parts: news },
    })
}

/// The shards of `dir` (`w` or `f`) holding `changes`, patched in
/// parallel: (path in the output, what [`patch_shard`] makes).
fn patch_shards(
    dir: &str,
    by_shard: BTreeMap<u32, Changes<'_>>,
    output: &Path,
) -> Option<Vec<(String, PatchedShard)>> {
    use rayon::prelude::*;
    by_shard
        .into_par_iter()
        .map(|(n, changes)| {
            let path = format!("{INDEX_DIR}/{dir}/{n}.json");
            let patched = patch_shard(&output.join(&path), &changes)?;
            Some((path, patched))
        })
        .collect()
}

/// A shard made again.
struct PatchedShard {
    bytes: Vec<u8>,
    /// How much the JSON size as `shard_count` counts it changed.
    delta: i64,
    /// Each changed key and the number of pages left in it.
    pages: Vec<(String, usize)>,
}

/// The shard file at `path` with the runs of `changes` (sorted by key,
/// as `update` makes them) put in (a page's new run, or none). Only the
/// changed terms are read and written again: every
/// other entry is copied as it is (a shard holds thousands of terms, an
/// edit changes a few of them).
fn patch_shard(path: &Path, changes: &[(&str, &[Change<'_>])]) -> Option<PatchedShard> {
    let old = std::fs::read(path).ok()?;
    let body = old.strip_prefix(b"{")?.strip_suffix(b"}")?;
    let mut out = Vec::with_capacity(old.len() + 1024);
    out.push(b'{');
    let mut delta = 0i64;
    let mut pages = Vec::with_capacity(changes.len());
    let mut pending = changes.iter().peekable();
    let mut first = true;
    let mut put = |out: &mut Vec<u8>, entry: Entry<'_>| {
        if !std::mem::take(&mut first) {
            out.push(b',');
        }
        match entry {
            Entry::Kept(bytes) => out.extend_from_slice(bytes),
            Entry::Made(key, value) => {
                serde_json::to_writer(&mut *out, key).ok()?;
                out.extend_from_slice(b":[");
                out.extend_from_slice(value);
                out.push(b']');
            }
        }
        Some(())
    };
    let mut at = 0;
    while at < body.len() {
        if at > 0 {
            at += usize::from(*body.get(at)? == b',');
        }
        let (key, value, end) = entry_at(body, at)?;
        // Terms new to the shard, before this one.
        while let Some((k, runs_of)) = pending.next_if(|(k, _)| *k < key.as_ref()) {
            if let Some(numbers) = changed(k, None, runs_of, &mut delta, &mut pages)? {
                put(&mut out, Entry::Made(k, &numbers))?;
            }
        }
        match pending.next_if(|(k, _)| *k == key.as_ref()) {
            Some((k, runs_of)) => {
                if let Some(numbers) = changed(k, Some(value), runs_of, &mut delta, &mut pages)? {
                    put(&mut out, Entry::Made(k, &numbers))?;
                }
            }
            None => put(&mut out, Entry::Kept(&body[at..end]))?,
        }
        at = end;
    }
    for (k, runs_of) in pending {
        if let Some(numbers) = changed(k, None, runs_of, &mut delta, &mut pages)? {
            put(&mut out, Entry::Made(k, &numbers))?;
        }
    }
    out.push(b'}');
    Some(PatchedShard {
        bytes: out,
        delta,
        pages,
    })
}

/// An entry of a shard as it is written again.
enum Entry<'a> {
    /// Copied as it was.
    Kept(&'a [u8]),
    /// A key and its numbers (as written between the brackets), anew.
    Made(&'a str, &'a [u8]),
}

/// The entry of a shard's body starting at `at` (`"key":[numbers]`):
/// its key, the bytes between its brackets, and where it ends.
fn entry_at(body: &[u8], at: usize) -> Option<(std::borrow::Cow<'_, str>, &[u8], usize)> {
    if *body.get(at)? != b'"' {
        return None;
    }
    // The key's closing quote: the first one no backslash escapes.
    let mut q = at + 1;
    let mut escaped = false;
    loop {
        match *body.get(q)? {
            b'\\' => {
                escaped = true;
                q += 1;
            }
            b'"' => break,
            _ => {}
        }
        q += 1;
    }
    let key = match escaped {
        false => std::borrow::Cow::Borrowed(std::str::from_utf8(&body[at + 1..q]).ok()?),
        true => std::borrow::Cow::Owned(serde_json::from_slice(&body[at..=q]).ok()?),
    };
    let open = q + 1;
    if body.get(open..open + 2)? != b":[" {
        return None;
    }
    let close = open + 2 + body[open + 2..].iter().position(|&b| b == b']')?;
    Some((key, &body[open + 2..close], close + 1))
}

/// The numbers of the term `key` (`old`: as written before, between
/// its brackets) after `pages` change their runs in it, as written
/// between its brackets; `None` when no page is left in it. `delta`
/// counts the change of its share of the shard's size, `counts` gets
/// how many pages are left in it. The runs of the pages that did not
/// change are copied as they are written (a common term's posting runs
/// over most pages of the site), only the page number of the run after
/// a changed one written again (it is counted from the page before).
fn changed(
    key: &str,
    old: Option<&[u8]>,
    pages: &[Change<'_>],
    delta: &mut i64,
    counts: &mut Vec<(String, usize)>,
) -> Option<Option<Vec<u8>>> {
    // As `json_size` counts it: each number and a comma.
    let size = |v: &[u8]| key.len() as i64 + 6 + if v.is_empty() { 0 } else { v.len() as i64 + 1 };
    let old = old.unwrap_or_default();
    let runs = run_bytes(old)?;
    // The last change of a page is the one that holds.
    let mut changes: Vec<&Change<'_>> = pages.iter().rev().collect();
    changes.sort_by_key(|(p, _)| *p);
    changes.dedup_by_key(|(p, _)| *p);
    let mut out = Posting {
        bytes: Vec::with_capacity(old.len() + 64),
        last: 0,
        runs: 0,
    };
    let mut k = 0;
    for (r, run) in runs.iter().enumerate() {
        while let Some(&&(page, now)) = changes.get(k).filter(|(p, _)| *p <= run.page) {
            if let Some((paras, title)) = now {
                out.fresh(page, paras, title);
            }
            k += 1;
        }
        if k > 0 && changes[k - 1].0 == run.page {
            continue;
        }
        let before = if r == 0 { 0 } else { runs[r - 1].page };
        if out.last == before {
            // Counted from the same page as before: copied whole.
            out.start(None, run.page);
            out.bytes.extend_from_slice(&old[run.start..run.end]);
        } else {
            out.start(Some(run.page), run.page);
            out.bytes.push(b',');
            out.bytes.extend_from_slice(&old[run.head..run.end]);
        }
    }
    for &&(page, now) in &changes[k..] {
        if let Some((paras, title)) = now {
            out.fresh(page, paras, title);
        }
    }
    if !old.is_empty() {
        *delta -= size(old);
    }
    counts.push((key.to_string(), out.runs));
    if out.runs == 0 {
        return Some(None);
    }
    *delta += size(&out.bytes);
    Some(Some(out.bytes))
}

/// A posting being written: its bytes, the page of its last run, how
/// many runs it has.
struct Posting {
    bytes: Vec<u8>,
    last: u32,
    runs: usize,
}

impl Posting {
    /// Starts the run of `page`, with its number counted from the page
    /// before when `number` is given (else the caller copies it).
    fn start(&mut self, number: Option<u32>, page: u32) {
        if !self.bytes.is_empty() {
            self.bytes.push(b',');
        }
        if let Some(page) = number {
            push_decimal(&mut self.bytes, page - self.last);
        }
        self.last = page;
        self.runs += 1;
    }

    /// A run made anew: `page`, its paragraphs and whether its title has
    /// the term.
    fn fresh(&mut self, page: u32, paras: &[u32], title: bool) {
        self.start(Some(page), page);
        self.bytes.push(b',');
        push_decimal(&mut self.bytes, 2 * paras.len() as u32 + u32::from(title));
        let mut prev = 0;
        for &p in paras {
            self.bytes.push(b',');
            push_decimal(&mut self.bytes, p - prev);
            prev = p;
        }
    }
}

/// Where one page's run lies in a posting as written: its page, where
/// the run starts (its page number, counted from the page before),
/// where its head starts, and where it ends.
struct RunBytes {
    page: u32,
    start: usize,
    head: usize,
    end: usize,
}

/// The runs of a posting as written (`3,6,0,4,5,…`), each read only as
/// far as its page and length; `None` when it is not one.
fn run_bytes(v: &[u8]) -> Option<Vec<RunBytes>> {
    // The number at `at`, and where the one after it starts.
    let number = |at: usize| -> Option<(u32, usize)> {
        let digits = v.get(at..)?;
        let len = digits
            .iter()
            .position(|&b| b == b',')
            .unwrap_or(digits.len());
        let n = std::str::from_utf8(&digits[..len]).ok()?.parse().ok()?;
        Some((n, at + len + 1))
    };
    let mut out = Vec::new();
    let (mut at, mut page) = (0, 0u32);
    while at < v.len() {
        let (d, head) = number(at)?;
        let (h, mut next) = number(head)?;
        for _ in 0..h / 2 {
            next = number(next)?.1;
        }
        page = page.checked_add(d)?;
        out.push(RunBytes {
            page,
            start: at,
            head,
            end: next - 1,
        });
        at = next;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One page's postings in a term or filter: (page, paragraphs, title).
    type Run = (u32, Vec<u32>, bool);

    /// A posting's numbers as runs (see the module doc of `index`).
    fn runs(numbers: &[u32]) -> Option<Vec<Run>> {
        let mut out = Vec::new();
        let mut it = numbers.iter().copied();
        let mut page = 0u32;
        while let Some(d) = it.next() {
            page = page.checked_add(d)?;
            let head = it.next()?;
            let mut paras = Vec::with_capacity((head / 2) as usize);
            let mut prev = 0u32;
            for _ in 0..head / 2 {
                prev = prev.checked_add(it.next()?)?;
                paras.push(prev);
            }
            out.push((page, paras, head % 2 == 1));
        }
        Some(out)
    }

    /// Runs as a posting's numbers.
    fn numbers_of(list: &[Run]) -> Vec<u32> {
        let mut out = Vec::new();
        let mut last = 0;
        for (page, paras, title) in list {
            out.push(page - last);
            last = *page;
            out.push(2 * paras.len() as u32 + u32::from(*title));
            let mut prev = 0;
            for &p in paras {
                out.push(p - prev);
                prev = p;
            }
        }
        out
    }

    /// A term's share of a shard's size, as the index counts it when it
    /// chooses the number of shards.
    fn json_size(key: &str, numbers: &[u32]) -> usize {
        key.len()
            + 6
            + numbers
                .iter()
                .map(|&n| 1 + if n == 0 { 1 } else { n.ilog10() as usize + 1 })
                .sum::<usize>()
    }

    /// A posting as written between its brackets.
    fn written(numbers: &[u32]) -> Vec<u8> {
        let text: Vec<String> = numbers.iter().map(u32::to_string).collect();
        text.join(",").into_bytes()
    }

    /// `changed` writes what decoding the posting, changing its runs and
    /// writing it again whole writes, with the same size change.
    #[test]
    fn a_posting_changed_in_place_is_the_posting_written_anew() {
        let old = [3, 6, 0, 4, 5, 4, 1, 1, 3, 2];
        let (p1, p2) = ([1u32, 2], [7u32]);
        let cases: Vec<Vec<Change<'_>>> = vec![
            vec![(7, Some((&p1, false)))],
            vec![(3, None)],
            vec![(1, Some((&p2, true))), (8, None)],
            vec![(5, Some((&p1, true))), (9, Some((&p2, false)))],
            vec![(3, None), (7, None), (8, None)],
            vec![(2, Some((&p1, false))), (2, Some((&p2, true)))],
        ];
        for change in cases {
            let mut list = runs(&old).unwrap();
            for (page, now) in &change {
                list.retain(|(p, _, _)| p != page);
                if let Some((paras, title)) = now {
                    let at = list.partition_point(|(p, _, _)| p < page);
                    list.insert(at, (*page, paras.to_vec(), *title));
                }
            }
            let numbers = numbers_of(&list);
            let (mut delta, mut counts) = (0, Vec::new());
            let made = changed(
                "key",
                Some(&written(&old)),
                &change,
                &mut delta,
                &mut counts,
            );
            let want_delta = if list.is_empty() {
                0
            } else {
                json_size("key", &numbers) as i64
            } - json_size("key", &old) as i64;
            assert_eq!(
                made,
                Some((!list.is_empty()).then(|| written(&numbers))),
                "{change:?}"
            );
            assert_eq!(delta, want_delta, "{change:?}");
            assert_eq!(counts, vec![("key".to_string(), list.len())]);
        }
        // Not a posting: no patch (a clean build).
        let mut counts = Vec::new();
        assert!(changed("k", Some(b"3"), &[(1, None)], &mut 0, &mut counts).is_none());
        assert!(changed("k", Some(b"3,x"), &[(1, None)], &mut 0, &mut counts).is_none());
    }

    #[test]
    fn runs_and_numbers_are_one_posting_two_ways() {
        let numbers = vec![3, 6, 0, 4, 5, 4, 1, 1, 3, 2];
        let list = runs(&numbers).unwrap();
        assert_eq!(
            list,
            vec![
                (3, vec![0, 4, 9], false),
                (7, vec![], true),
                (8, vec![2], true)
            ]
        );
        assert_eq!(numbers_of(&list), numbers);
        assert!(runs(&[3]).is_none());
    }
}

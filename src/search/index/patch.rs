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

/// One page's postings in a term or filter: (page, paragraphs, title).
type Run = (u32, Vec<u32>, bool);

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
    for (n, changes) in by_shard {
        let path = format!("{INDEX_DIR}/w/{n}.json");
        let (bytes, delta) = patch_shard(&output.join(&path), &changes)?;
        word_bytes += delta;
        files.push(OutputFile { path, bytes });
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
    for (n, changes) in by_shard {
        let path = format!("{INDEX_DIR}/f/{n}.json");
        let (bytes, delta) = patch_shard(&output.join(&path), &changes)?;
        filter_bytes += delta;
        // Pages per filter value (meta.json's counts), read back.
        let shard: BTreeMap<String, Vec<u32>> = serde_json::from_slice(&bytes).ok()?;
        for (k, _) in &changes {
            let pages = shard.get(*k).map_or(0, |v| runs(v).map_or(0, |r| r.len()));
            counts_changed.insert(k.to_string(), pages);
        }
        files.push(OutputFile { path, bytes });
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

/// The shard file at `path` with the runs of `changes` put in (a page's
/// new run, or none); returns its bytes and how much the JSON size as
/// `shard_count` counts it changed.
fn patch_shard(path: &Path, changes: &[(&str, &[Change<'_>])]) -> Option<(Vec<u8>, i64)> {
    let mut shard: BTreeMap<String, Vec<u32>> =
        serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    let mut delta = 0i64;
    for (key, pages) in changes {
        let old = shard.remove(*key);
        let mut list: Vec<Run> = match &old {
            Some(numbers) => {
                delta -= json_size(key, numbers) as i64;
                runs(numbers)?
            }
            None => Vec::new(),
        };
        for (page, now) in *pages {
            list.retain(|(p, _, _)| p != page);
            if let Some((paras, title)) = now {
                let at = list.partition_point(|(p, _, _)| p < page);
                list.insert(at, (*page, paras.to_vec(), *title));
            }
        }
        if list.is_empty() {
            continue;
        }
        let numbers = numbers_of(&list);
        delta += json_size(key, &numbers) as i64;
        shard.insert(key.to_string(), numbers);
    }
    let mut out = Vec::new();
    out.push(b'{');
    for (n, (k, numbers)) in shard.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        serde_json::to_writer(&mut out, k).ok()?;
        out.extend_from_slice(b":[");
        for (m, &x) in numbers.iter().enumerate() {
            if m > 0 {
                out.push(b',');
            }
            push_decimal(&mut out, x);
        }
        out.push(b']');
    }
    out.push(b'}');
    Some((out, delta))
}

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

#[cfg(test)]
mod tests {
    use super::*;

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

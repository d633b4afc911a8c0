//! The index's record of each page's part, kept in the build cache for
//! the next build (`patch`): what terms and filters each page put into
//! the index, so an incremental build takes out exactly what an edited
//! page put in, without reading any other page again.
//!
//! Three files in the build cache dir:
//! - `search-parts.bin`: each page's part (appended; a page's latest is
//!   where `search-index.bin` says);
//! - `search-terms.bin`: the terms those parts number (appended);
//! - `search-index.bin`: written whole, last: the output fingerprint it
//!   describes, the index's shard counts and JSON sizes, the length of
//!   the two files above that it covers, and each page's part's place.
//!   Bytes past those lengths (a build killed while appending) are never
//!   read; a fingerprint other than the output's means no log at all.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use crate::binary::{Reader, Writer};

const PARTS: &str = "search-parts.bin";
const TERMS: &str = "search-terms.bin";
const INDEX: &str = crate::search::INDEX_LOG;
const MAGIC: &[u8] = b"pilcrow search log\n";
const FORMAT: u64 = 1;

/// "Paragraph" of a term in a page's title or names (as in `index`).
const TITLE: u32 = u32::MAX;

/// What `search-index.bin` says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Log {
    pub fingerprint: String,
    pub shards: u32,
    pub filter_shards: u32,
    /// JSON bytes of the term and filter shards as `shard_count` counts them.
    pub word_bytes: u64,
    pub filter_bytes: u64,
    /// Pages with a part (`meta.json`'s `pages`).
    pub pages: u32,
    pub parts_len: u64,
    pub terms_len: u64,
    pub terms: u64,
    /// Per page: (offset, length) of its part in `search-parts.bin`;
    /// length 0: no part.
    pub places: Vec<(u64, u64)>,
}

/// A page's part, with its terms as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Part {
    /// Term → (its paragraphs, in order; whether the title or names hold it).
    pub terms: std::collections::BTreeMap<String, (Vec<u32>, bool)>,
    /// (name, value) → paragraphs (empty: the whole page).
    pub filters: std::collections::BTreeMap<(String, String), Vec<u32>>,
}

/// Encodes a part: its sorted run of `term id << 32 | paragraph` and its
/// filters.
pub fn encode_part(run: &[u64], filters: &[((String, String), Vec<u32>)]) -> Vec<u8> {
    let mut w = Writer::default();
    w.usize(run.len());
    let mut prev = 0u64;
    for &x in run {
        let id = x >> 32;
        w.num(id - prev.min(id));
        prev = id;
        let para = x as u32;
        w.num(if para == TITLE {
            0
        } else {
            u64::from(para) + 1
        });
    }
    w.usize(filters.len());
    for ((name, value), paras) in filters {
        w.str(name);
        w.str(value);
        w.usize(paras.len());
        for &p in paras {
            w.num(u64::from(p));
        }
    }
    w.bytes
}

/// Decodes a part, its term ids read as text through `term`.
fn decode_part(bytes: &[u8], term: &dyn Fn(u64) -> Option<String>) -> Option<Part> {
    let mut r = Reader::new(bytes);
    let mut part = Part::default();
    let n = r.count()?;
    let mut id = 0u64;
    for _ in 0..n {
        id = id.checked_add(r.num()?)?;
        let p = r.num()?;
        let entry = part.terms.entry(term(id)?).or_default();
        match p {
            0 => entry.1 = true,
            p => entry.0.push(u32::try_from(p - 1).ok()?),
        }
    }
    let n = r.count()?;
    for _ in 0..n {
        let key = (r.string()?, r.string()?);
        let k = r.count()?;
        let paras = (0..k)
            .map(|_| r.num().and_then(|p| u32::try_from(p).ok()))
            .collect::<Option<Vec<_>>>()?;
        part.filters.insert(key, paras);
    }
    r.at_end().then_some(part)
}

/// Writes a clean build's parts as the pages are merged.
pub struct LogWriter {
    parts: std::io::BufWriter<std::fs::File>,
    at: u64,
    places: Vec<(u64, u64)>,
    failed: bool,
}

impl LogWriter {
    /// Starts the log in `dir` (the build cache dir), forgetting any
    /// earlier one first.
    pub fn create(dir: &Path) -> Option<LogWriter> {
        let _ = std::fs::remove_file(dir.join(INDEX));
        std::fs::create_dir_all(dir).ok()?;
        let file = std::fs::File::create(dir.join(PARTS)).ok()?;
        Some(LogWriter {
            parts: std::io::BufWriter::with_capacity(1 << 20, file),
            at: 0,
            places: Vec::new(),
            failed: false,
        })
    }

    /// Page `id`'s part.
    pub fn page(&mut self, id: u32, run: &[u64], filters: &[((String, String), Vec<u32>)]) {
        let bytes = encode_part(run, filters);
        let id = id as usize;
        if self.places.len() <= id {
            self.places.resize(id + 1, (0, 0));
        }
        self.places[id] = (self.at, bytes.len() as u64);
        self.at += bytes.len() as u64;
        self.failed |= self.parts.write_all(&bytes).is_err();
    }

    /// Ends the log: the terms (by id) and what the index came to; the
    /// record is written once the output is in place ([`Log::commit`]).
    pub fn finish(mut self, dir: &Path, terms: &[Box<str>], info: Log) -> Option<Log> {
        self.failed |= self.parts.flush().is_err();
        if self.failed {
            return None;
        }
        let mut w = Writer::default();
        for t in terms {
            w.str(t);
        }
        std::fs::write(dir.join(TERMS), &w.bytes).ok()?;
        let mut places = self.places;
        places.resize(places.len().max(info.places.len()), (0, 0));
        Some(Log {
            parts_len: self.at,
            terms_len: w.bytes.len() as u64,
            terms: terms.len() as u64,
            places,
            ..info
        })
    }
}

impl Log {
    /// The log of the output recorded with `fingerprint`, if there is one.
    pub fn read(dir: &Path, fingerprint: &str) -> Option<Log> {
        let bytes = std::fs::read(dir.join(INDEX)).ok()?;
        let mut r = Reader::new(bytes.strip_prefix(MAGIC)?);
        if r.num()? != FORMAT || r.str()? != fingerprint {
            return None;
        }
        let mut log = Log {
            fingerprint: fingerprint.to_string(),
            shards: u32::try_from(r.num()?).ok()?,
            filter_shards: u32::try_from(r.num()?).ok()?,
            word_bytes: r.num()?,
            filter_bytes: r.num()?,
            pages: u32::try_from(r.num()?).ok()?,
            parts_len: r.num()?,
            terms_len: r.num()?,
            terms: r.num()?,
            places: Vec::new(),
        };
        let n = r.count()?;
        for _ in 0..n {
            let (at, len) = (r.num()?, r.num()?);
            if at.checked_add(len)? > log.parts_len {
                return None;
            }
            log.places.push((at, len));
        }
        r.at_end().then_some(log)
    }

    /// Writes `search-index.bin` for the output recorded with
    /// `fingerprint` (after that output is in place).
    pub fn commit(mut self, dir: &Path, fingerprint: &str) {
        self.fingerprint = fingerprint.to_string();
        let mut w = Writer::default();
        w.bytes.extend_from_slice(MAGIC);
        w.num(FORMAT);
        w.str(&self.fingerprint);
        w.num(u64::from(self.shards));
        w.num(u64::from(self.filter_shards));
        w.num(self.word_bytes);
        w.num(self.filter_bytes);
        w.num(u64::from(self.pages));
        w.num(self.parts_len);
        w.num(self.terms_len);
        w.num(self.terms);
        w.usize(self.places.len());
        for &(at, len) in &self.places {
            w.num(at);
            w.num(len);
        }
        let _ = crate::build::cache::write_file(dir, INDEX, &w.bytes);
    }

    /// The parts of `pages` (`None` for a page without one).
    pub fn parts(&self, dir: &Path, pages: &[usize]) -> Option<Vec<Option<Part>>> {
        let mut terms_file = std::fs::File::open(dir.join(TERMS)).ok()?;
        let mut terms = vec![0u8; usize::try_from(self.terms_len).ok()?];
        terms_file.read_exact(&mut terms).ok()?;
        // Where each term starts, read once (ids number them in order).
        let mut starts: Vec<(usize, usize)> = Vec::with_capacity(usize::try_from(self.terms).ok()?);
        let mut r = Reader::new(&terms);
        let base = terms.as_ptr() as usize;
        while !r.at_end() {
            let s = r.str()?;
            starts.push((s.as_ptr() as usize - base, s.len()));
        }
        if starts.len() as u64 != self.terms {
            return None;
        }
        let term = |id: u64| {
            let &(at, len) = starts.get(usize::try_from(id).ok()?)?;
            std::str::from_utf8(&terms[at..at + len])
                .ok()
                .map(str::to_string)
        };
        let mut parts_file = std::fs::File::open(dir.join(PARTS)).ok()?;
        let mut out = Vec::with_capacity(pages.len());
        for &p in pages {
            let (at, len) = self.places.get(p).copied().unwrap_or((0, 0));
            if len == 0 {
                out.push(None);
                continue;
            }
            let mut bytes = vec![0u8; usize::try_from(len).ok()?];
            parts_file.seek(SeekFrom::Start(at)).ok()?;
            parts_file.read_exact(&mut bytes).ok()?;
            out.push(Some(decode_part(&bytes, &term)?));
        }
        Some(out)
    }

    /// Appends the new parts of `pages` (with their terms) to the files;
    /// the places and lengths recorded follow. `None` when they cannot be
    /// written (the next build is then a clean one).
    pub fn append(&mut self, dir: &Path, pages: &[(usize, Option<Part>)]) -> Option<()> {
        let mut terms = Writer::default();
        let mut parts = Vec::new();
        let mut places = Vec::new();
        let mut next = self.terms;
        for (page, part) in pages {
            let Some(part) = part else {
                places.push((*page, (0, 0)));
                continue;
            };
            // The part's terms numbered anew, in order (a term met
            // before is written again: ids are only read back as text).
            let mut run = Vec::new();
            for (t, (paras, title)) in &part.terms {
                terms.str(t);
                let id = next;
                next += 1;
                for &p in paras {
                    run.push(id << 32 | u64::from(p));
                }
                if *title {
                    run.push(id << 32 | u64::from(TITLE));
                }
            }
            let filters: Vec<((String, String), Vec<u32>)> = part
                .filters
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let bytes = encode_part(&run, &filters);
            places.push((
                *page,
                (self.parts_len + parts.len() as u64, bytes.len() as u64),
            ));
            parts.extend_from_slice(&bytes);
        }
        append_at(&dir.join(TERMS), self.terms_len, &terms.bytes)?;
        append_at(&dir.join(PARTS), self.parts_len, &parts)?;
        self.terms = next;
        self.terms_len += terms.bytes.len() as u64;
        self.parts_len += parts.len() as u64;
        for (page, place) in places {
            if self.places.len() <= page {
                self.places.resize(page + 1, (0, 0));
            }
            self.places[page] = place;
        }
        Some(())
    }
}

/// Writes `bytes` into `path` at `at` (cutting what a killed build left
/// past it).
fn append_at(path: &Path, at: u64, bytes: &[u8]) -> Option<()> {
    let mut f = std::fs::OpenOptions::new().write(true).open(path).ok()?;
    f.set_len(at).ok()?;
    f.seek(SeekFrom::Start(at)).ok()?;
    f.write_all(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_reads_back_with_its_terms_as_text() {
        let run = vec![
            1u64 << 32,
            1 << 32 | 3,
            1 << 32 | u64::from(TITLE),
            4 << 32 | 2,
        ];
        let filters = vec![(("country".to_string(), "Chile".to_string()), vec![0, 3])];
        let bytes = encode_part(&run, &filters);
        let names = ["", "证据", "", "", "evidence"];
        let part =
            decode_part(&bytes, &|id| names.get(id as usize).map(|s| s.to_string())).unwrap();
        assert_eq!(part.terms["证据"], (vec![0, 3], true));
        assert_eq!(part.terms["evidence"], (vec![2], false));
        assert_eq!(
            part.filters[&("country".into(), "Chile".into())],
            vec![0, 3]
        );
        for cut in 0..bytes.len() {
            assert!(decode_part(&bytes[..cut], &|_| Some(String::new())).is_none());
        }
    }
}

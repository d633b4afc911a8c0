//! What a build computed, kept for the next one: per content page, what
//! an incremental build cannot know without rendering every page again
//! (its graph contribution, anchors, links, list entry), and the digests
//! of the content files it was built from.
//!
//! Lives in [`DIR`] under the site root — hidden, beside `content/`, never
//! inside the output (it is not deployed), nor in `content/` or `seeds/`.
//! Two files: `build-pages.bin`, each page's record one after the other
//! (an incremental build appends the records it changed, so it writes a
//! few kilobytes, not the whole site's), and `build.bin`, written whole
//! and renamed into place after the output is: the site's record, where
//! each page's latest record is and how much of `build-pages.bin` it
//! covers (bytes past that, a killed build's, are never read), and the
//! token of the `build-pages.bin` it belongs to. It names the output
//! fingerprint it describes, so a cache that is missing, stale (another
//! build's), corrupt, of another format or of other settings (binary,
//! config, theme) is never used: the build is then a clean one.

use std::collections::BTreeSet;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::binary::{Reader, Writer};
use crate::config::Config;
use crate::graph::{Extracted, Mention, ReportSection, Snippet, TargetSection};

/// The cache directory, relative to the site root.
pub const DIR: &str = ".pilcrow-cache";
const FILE: &str = "build.bin";
const PAGES: &str = "build-pages.bin";
const MAGIC: &[u8] = b"pilcrow build cache\n";
const PAGES_MAGIC: &[u8] = b"pilcrow build pages\n";
/// Bumped whenever what is written changes.
const FORMAT: u64 = 2;

/// One build's record.
#[derive(Debug, Clone, Default)]
pub struct SiteCache {
    /// `inputs::Inputs::setting` of the build (binary, config, theme).
    pub setting: String,
    /// The fingerprint the output was recorded with.
    pub fingerprint: String,
    /// `inputs::Inputs::content`: every content entry and its digest.
    pub content: Vec<(String, Option<[u8; 32]>)>,
    pub drafts: Vec<String>,
    /// `site` as templates see it, serialised.
    pub site_context: String,
    /// Section dir → its title.
    pub section_titles: Vec<(String, String)>,
    /// HTML pages the build wrote (404 not counted).
    pub html_pages: usize,
    /// The content assets, by rel.
    pub assets: Vec<String>,
    /// Per content page, in `content.pages` order.
    pub pages: Vec<PageCache>,
    /// Where the pages' records are in `build-pages.bin` as read (empty:
    /// the next write writes them all).
    pub(super) places: Places,
    /// The records' file as read: [`read`] leaves the mentions' snippets
    /// out of every page's graph contribution (most of its bytes, and
    /// only the pages a change reaches show them), [`SiteCache::full`]
    /// reads a page's record again, whole.
    pub(super) records: Option<Arc<std::fs::File>>,
}

/// The records' file: its token, the length the header covers, and
/// each page's (offset, length).
#[derive(Debug, Clone, Default)]
pub(super) struct Places {
    token: String,
    len: u64,
    at: Vec<(u64, u64)>,
}

/// What one page was, as the rest of the site saw it.
#[derive(Debug, Clone, Default)]
pub struct PageCache {
    pub rel: String,
    /// The page as `content::load` made it, but its body: its front
    /// matter as JSON (empty when it does not read back the same: the
    /// next build then reads every page), where it shows, its URL,
    /// section, and the line its body starts on.
    pub front: String,
    pub display: String,
    pub url: String,
    pub section: String,
    pub is_section_index: bool,
    pub body_line: usize,
    /// Its entry in list pages, serialised (as `serve::engine` compares it).
    pub summary: String,
    /// What other pages' search records read of it ([`ident`]).
    pub ident: String,
    /// A document, as the graph counts related documents.
    pub is_doc: bool,
    /// Pages it links to (indexes).
    pub targets: Vec<usize>,
    /// Ids a link may target in it.
    pub anchors: Vec<String>,
    /// Its links with a fragment: (target page, fragment).
    pub refs: Vec<(usize, String)>,
    pub has_code: bool,
    pub extracted: Extracted,
}

/// A page's kind, id and title: what the search records of other pages
/// read of it (filter values, names of the entities a document lists).
pub fn ident(p: &crate::content::Page) -> String {
    format!(
        "{:?}\u{1f}{:?}\u{1f}{}",
        p.front.kind, p.front.id, p.front.title
    )
}

/// A page's front matter as the cache keeps it: JSON that reads back
/// the same, or empty.
pub fn front(p: &crate::content::Page) -> String {
    serde_json::to_string(&p.front)
        .ok()
        .filter(|json| {
            serde_json::from_str::<crate::content::FrontMatter>(json).is_ok_and(|f| f == p.front)
        })
        .unwrap_or_default()
}

/// The page `c` records, without its body; `None` when its front matter
/// was not kept.
pub fn page(c: &PageCache) -> Option<crate::content::Page> {
    if c.front.is_empty() {
        return None;
    }
    Some(crate::content::Page {
        rel: c.rel.clone(),
        display: c.display.clone(),
        url: c.url.clone(),
        section: c.section.clone(),
        is_section_index: c.is_section_index,
        front: serde_json::from_str(&c.front).ok()?,
        body: String::new(),
        body_line: c.body_line,
    })
}

/// Where the cache of the site at `config` lives.
pub fn dir(config: &Config) -> PathBuf {
    config.root.join(DIR)
}

/// The cache, if one was written for this site and reads whole.
pub fn read(config: &Config) -> Option<SiteCache> {
    read_in(&dir(config))
}

fn read_in(dir: &Path) -> Option<SiteCache> {
    let header = std::fs::read(dir.join(FILE)).ok()?;
    let mut cache = decode(&header)?;
    let file = std::fs::File::open(dir.join(PAGES)).ok()?;
    let len = cache.places.len;
    let mut head = vec![0; usize::try_from(len.min(PAGES_MAGIC.len() as u64 + 1024)).ok()?];
    read_at(&file, &mut head, 0).ok()?;
    if page_token(&head)? != cache.places.token.as_str()
        || file.metadata().ok()?.len() < len
        || cache
            .places
            .at
            .iter()
            .any(|&(at, n)| at.checked_add(n).is_none_or(|end| end > len))
    {
        return None;
    }
    // The records in the order they lie in the file, read a few
    // megabytes at a time into one buffer (the whole file, tens of
    // megabytes, is never held: memory a build touches costs).
    let mut order: Vec<usize> = (0..cache.places.at.len()).collect();
    order.sort_unstable_by_key(|&i| cache.places.at[i].0);
    let mut pages: Vec<Option<PageCache>> = vec![None; order.len()];
    let mut buffer = Vec::new();
    let mut k = 0;
    while k < order.len() {
        let start = cache.places.at[order[k]].0;
        let mut end = k;
        let mut to = start;
        while end < order.len() && (end == k || to - start < CHUNK) {
            let (at, n) = cache.places.at[order[end]];
            to = to.max(at + n);
            end += 1;
        }
        buffer.resize(usize::try_from(to - start).ok()?, 0);
        read_at(&file, &mut buffer, start).ok()?;
        let decoded: Vec<(usize, PageCache)> = order[k..end]
            .par_iter()
            .map(|&i| {
                let (at, n) = cache.places.at[i];
                let page = decode_page(record(&buffer, at - start, n)?, Snippets::Skip)?;
                Some((i, page))
            })
            .collect::<Option<_>>()?;
        for (i, page) in decoded {
            pages[i] = Some(page);
        }
        k = end;
    }
    cache.pages = pages.into_iter().collect::<Option<_>>()?;
    cache.records = Some(Arc::new(file));
    sound(&cache.pages).then_some(cache)
}

/// Reads `buf.len()` bytes of `file` from `at` (threads may read one
/// file at once).
fn read_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    #[cfg(unix)]
    return std::os::unix::fs::FileExt::read_exact_at(file, buf, at);
    #[cfg(windows)]
    {
        let mut done = 0;
        while done < buf.len() {
            match std::os::windows::fs::FileExt::seek_read(
                file,
                &mut buf[done..],
                at + done as u64,
            )? {
                0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
                n => done += n,
            }
        }
        Ok(())
    }
}

/// How many bytes of records [`read_in`] reads at a time.
const CHUNK: u64 = 4 << 20;

/// The bytes of the record at `at`, `len` long.
fn record(records: &[u8], at: u64, len: u64) -> Option<&[u8]> {
    let at = usize::try_from(at).ok()?;
    let end = at.checked_add(usize::try_from(len).ok()?)?;
    records.get(at..end)
}

/// Whether a page's record is read with its mentions' snippets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Snippets {
    Read,
    /// Left empty, their bytes skipped unchecked: a snippet is shown
    /// only from a record read again whole ([`SiteCache::full`]), which
    /// checks it.
    Skip,
}

/// Writes the cache. With `changed` (the pages whose record changed
/// since it was read), only those records are appended to the records'
/// file; otherwise, or when the file holds more old records than live
/// ones, every record is written into a new one. The header last,
/// whole, renamed into place. A cache that cannot be written only
/// means the next build is a clean one.
pub fn write(config: &Config, cache: &mut SiteCache, changed: Option<&BTreeSet<usize>>) {
    write_in(&dir(config), cache, changed);
}

impl SiteCache {
    /// Page `i`'s graph contribution whole, snippets included, as the
    /// build that wrote the cache made it (`read` leaves them out).
    pub fn full(&self, i: usize) -> Option<Extracted> {
        let &(at, len) = self.places.at.get(i)?;
        let mut bytes = vec![0; usize::try_from(len).ok()?];
        read_at(self.records.as_ref()?, &mut bytes, at).ok()?;
        decode_page(&bytes, Snippets::Read).map(|p| p.extracted)
    }

    /// Whether a write with the pages that changed appends only their
    /// records (else it writes every page's, which must then be whole).
    pub fn appends(&self) -> bool {
        let live: u64 = self.places.at.iter().map(|&(_, len)| len).sum();
        self.places.at.len() == self.pages.len()
            && !self.places.token.is_empty()
            && self.places.len <= 2 * live + (1 << 20)
    }
}

fn write_in(dir: &Path, cache: &mut SiteCache, changed: Option<&BTreeSet<usize>>) {
    let written = match changed.filter(|_| cache.appends()) {
        Some(changed) => append_pages(dir, cache, changed),
        None => write_pages(dir, cache),
    };
    if written.is_none() {
        let _ = std::fs::remove_file(dir.join(FILE));
        return;
    }
    let _ = write_file(dir, FILE, &encode(cache));
}

/// Every page's record, into a new records' file with a new token.
fn write_pages(dir: &Path, cache: &mut SiteCache) -> Option<()> {
    let records: Vec<Vec<u8>> = cache.pages.par_iter().map(encode_page).collect();
    let token = format!(
        "{}-{}-{}",
        cache.fingerprint,
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    );
    let mut w = Writer::default();
    w.bytes.extend_from_slice(PAGES_MAGIC);
    w.str(&token);
    let mut at = Vec::with_capacity(records.len());
    let total: usize = records.iter().map(Vec::len).sum();
    w.bytes.reserve(total);
    for r in &records {
        at.push((w.bytes.len() as u64, r.len() as u64));
        w.bytes.extend_from_slice(r);
    }
    // The old header first: it must never name the new file.
    let _ = std::fs::remove_file(dir.join(FILE));
    write_file(dir, PAGES, &w.bytes).ok()?;
    cache.places = Places {
        token,
        len: w.bytes.len() as u64,
        at,
    };
    Some(())
}

/// The `changed` pages' records, appended where the header's coverage
/// ends (cutting what a killed build left past it).
fn append_pages(dir: &Path, cache: &mut SiteCache, changed: &BTreeSet<usize>) -> Option<()> {
    let mut bytes = Vec::new();
    let mut at = Vec::new();
    for &i in changed {
        let r = encode_page(cache.pages.get(i)?);
        at.push((i, (cache.places.len + bytes.len() as u64, r.len() as u64)));
        bytes.extend_from_slice(&r);
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.join(PAGES))
        .ok()?;
    f.set_len(cache.places.len).ok()?;
    f.seek(SeekFrom::Start(cache.places.len)).ok()?;
    f.write_all(&bytes).ok()?;
    for (i, place) in at {
        cache.places.at[i] = place;
    }
    cache.places.len += bytes.len() as u64;
    Some(())
}

/// The token a records' file starts with.
fn page_token(records: &[u8]) -> Option<&str> {
    Reader::new(records.strip_prefix(PAGES_MAGIC)?).str()
}

/// Removes the cache: a clean build does so before it writes anything,
/// so no earlier cache outlives an output it does not describe.
pub fn remove(config: &Config) {
    let dir = dir(config);
    let _ = std::fs::remove_file(dir.join(FILE));
    let _ = std::fs::remove_file(dir.join(crate::search::INDEX_LOG));
}

/// Writes `bytes` to `dir/name` through a temporary file and a rename.
pub fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, dir.join(name)).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

fn encode(c: &SiteCache) -> Vec<u8> {
    let mut w = Writer::default();
    w.bytes.extend_from_slice(MAGIC);
    w.num(FORMAT);
    w.str(env!("CARGO_PKG_VERSION"));
    w.str(&c.setting);
    w.str(&c.fingerprint);
    w.usize(c.content.len());
    for (rel, digest) in &c.content {
        w.str(rel);
        match digest {
            Some(d) => {
                w.bool(true);
                w.bytes.extend_from_slice(d);
            }
            None => w.bool(false),
        }
    }
    w.strs(&c.drafts);
    w.str(&c.site_context);
    w.usize(c.section_titles.len());
    for (dir, title) in &c.section_titles {
        w.str(dir);
        w.str(title);
    }
    w.usize(c.html_pages);
    w.strs(&c.assets);
    w.str(&c.places.token);
    w.num(c.places.len);
    w.usize(c.places.at.len());
    for &(at, len) in &c.places.at {
        w.num(at);
        w.num(len);
    }
    w.bytes
}

fn encode_page(p: &PageCache) -> Vec<u8> {
    let mut w = Writer::default();
    w.str(&p.rel);
    w.str(&p.front);
    w.str(&p.display);
    w.str(&p.url);
    w.str(&p.section);
    w.bool(p.is_section_index);
    w.usize(p.body_line);
    w.str(&p.summary);
    w.str(&p.ident);
    w.bool(p.is_doc);
    w.nums(&p.targets);
    w.strs(&p.anchors);
    w.usize(p.refs.len());
    for (t, f) in &p.refs {
        w.usize(*t);
        w.str(f);
    }
    w.bool(p.has_code);
    extracted(&mut w, &p.extracted);
    w.bytes
}

fn extracted(w: &mut Writer, e: &Extracted) {
    w.usize(e.mentions.len());
    for m in &e.mentions {
        w.usize(m.source);
        w.usize(m.target);
        w.opt_str(m.anchor.as_deref());
        w.bool(m.in_heading);
        w.opt_str(m.number.as_deref());
        w.opt_str(m.section.as_deref());
        w.usize(m.line);
        let s = &m.snippet;
        w.str(&s.before);
        w.str(&s.mark);
        w.str(&s.after);
        w.bool(s.cut_start);
        w.bool(s.cut_end);
        w.usize(m.also.len());
        for &(a, b) in &m.also {
            w.usize(a);
            w.usize(b);
        }
    }
    w.usize(e.sections.len());
    for s in &e.sections {
        w.usize(s.target);
        let r = &s.section;
        w.usize(r.source);
        w.str(&r.id);
        w.str(&r.title);
        w.opt_str(r.first.as_deref());
        w.opt_str(r.last.as_deref());
    }
    w.usize(e.units.len());
    for (own, above) in &e.units {
        w.nums(own);
        w.nums(above);
    }
}

fn decode(bytes: &[u8]) -> Option<SiteCache> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let mut r = Reader::new(rest);
    if r.num()? != FORMAT || r.str()? != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let setting = r.string()?;
    let fingerprint = r.string()?;
    let n = r.count()?;
    let mut content = Vec::with_capacity(n);
    for _ in 0..n {
        let rel = r.string()?;
        let digest = match r.bool()? {
            true => Some(r.raw_array()?),
            false => None,
        };
        content.push((rel, digest));
    }
    let drafts = r.strings()?;
    let site_context = r.string()?;
    let n = r.count()?;
    let section_titles = (0..n)
        .map(|_| Some((r.string()?, r.string()?)))
        .collect::<Option<Vec<_>>>()?;
    let html_pages = r.usize()?;
    let assets = r.strings()?;
    let token = r.string()?;
    let len = r.num()?;
    let n = r.count()?;
    let at = (0..n)
        .map(|_| Some((r.num()?, r.num()?)))
        .collect::<Option<Vec<_>>>()?;
    r.at_end().then_some(SiteCache {
        setting,
        fingerprint,
        content,
        drafts,
        site_context,
        section_titles,
        html_pages,
        assets,
        pages: Vec::new(),
        places: Places { token, len, at },
        records: None,
    })
}

fn decode_page(bytes: &[u8], snippets: Snippets) -> Option<PageCache> {
    let mut r = Reader::new(bytes);
    let page = {
        let rel = r.string()?;
        let front = r.string()?;
        let display = r.string()?;
        let url = r.string()?;
        let section = r.string()?;
        let is_section_index = r.bool()?;
        let body_line = r.usize()?;
        let summary = r.string()?;
        let ident = r.string()?;
        let is_doc = r.bool()?;
        let targets = r.nums()?;
        let anchors = r.strings()?;
        let k = r.count()?;
        let refs = (0..k)
            .map(|_| Some((r.usize()?, r.string()?)))
            .collect::<Option<Vec<_>>>()?;
        let has_code = r.bool()?;
        let extracted = read_extracted(&mut r, snippets)?;
        PageCache {
            rel,
            front,
            display,
            url,
            section,
            is_section_index,
            body_line,
            summary,
            ident,
            is_doc,
            targets,
            anchors,
            refs,
            has_code,
            extracted,
        }
    };
    r.at_end().then_some(page)
}

/// Whether every page index the records hold names a page.
fn sound(pages: &[PageCache]) -> bool {
    let n_pages = pages.len();
    let in_range = |i: usize| i < n_pages;
    pages.iter().all(|p| {
        p.targets.iter().all(|&t| in_range(t))
            && p.refs.iter().all(|(t, _)| in_range(*t))
            && p.extracted
                .mentions
                .iter()
                .all(|m| in_range(m.source) && in_range(m.target))
            && p.extracted
                .sections
                .iter()
                .all(|s| in_range(s.target) && in_range(s.section.source))
            && p.extracted
                .units
                .iter()
                .all(|(a, b)| a.iter().chain(b).all(|&t| in_range(t)))
    })
}

fn read_extracted(r: &mut Reader<'_>, snippets: Snippets) -> Option<Extracted> {
    let n = r.count()?;
    let mut mentions = Vec::with_capacity(n);
    for _ in 0..n {
        let source = r.usize()?;
        let target = r.usize()?;
        let anchor = r.opt_string()?;
        let in_heading = r.bool()?;
        let number = r.opt_string()?;
        let section = r.opt_string()?;
        let line = r.usize()?;
        let (before, mark, after) = (r.raw()?, r.raw()?, r.raw()?);
        let (cut_start, cut_end) = (r.bool()?, r.bool()?);
        let k = r.count()?;
        let also = (0..k)
            .map(|_| Some((r.usize()?, r.usize()?)))
            .collect::<Option<Vec<_>>>()?;
        let snippet = match snippets {
            Snippets::Read => {
                let text = |b: &[u8]| std::str::from_utf8(b).ok().map(str::to_string);
                let (before, mark, after) = (text(before)?, text(mark)?, text(after)?);
                // The marks inside `after` fall on its characters.
                if !also
                    .iter()
                    .all(|&(a, b)| a <= b && after.get(a..b).is_some())
                {
                    return None;
                }
                Snippet {
                    before,
                    mark,
                    after,
                    cut_start,
                    cut_end,
                }
            }
            // Skipped unchecked (most of a record's bytes): a snippet is
            // only shown once its record is read again whole, which
            // checks it (`SiteCache::full`).
            Snippets::Skip => {
                if !also.iter().all(|&(a, b)| a <= b && b <= after.len()) {
                    return None;
                }
                Snippet {
                    before: String::new(),
                    mark: String::new(),
                    after: String::new(),
                    cut_start,
                    cut_end,
                }
            }
        };
        mentions.push(Arc::new(Mention {
            source,
            target,
            anchor,
            in_heading,
            number,
            section,
            line,
            snippet,
            also,
        }));
    }
    let n = r.count()?;
    let mut sections = Vec::with_capacity(n);
    for _ in 0..n {
        let target = r.usize()?;
        sections.push(TargetSection {
            target,
            section: ReportSection {
                source: r.usize()?,
                id: r.string()?,
                title: r.string()?,
                first: r.opt_string()?,
                last: r.opt_string()?,
            },
        });
    }
    let n = r.count()?;
    let units = (0..n)
        .map(|_| Some((r.nums()?, r.nums()?)))
        .collect::<Option<Vec<_>>>()?;
    Some(Extracted {
        mentions,
        sections,
        units,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> SiteCache {
        let mention = Mention {
            source: 0,
            target: 1,
            anchor: Some("p-1".into()),
            in_heading: false,
            number: Some("1".into()),
            section: None,
            line: 7,
            snippet: Snippet {
                before: "See ".into(),
                mark: "Chile".into(),
                after: " and Chile again.".into(),
                cut_start: false,
                cut_end: true,
            },
            also: vec![(5, 10)],
        };
        SiteCache {
            setting: "s".into(),
            fingerprint: "f".into(),
            content: vec![
                ("documents".into(), None),
                ("documents/a.md".into(), Some([7; 32])),
            ],
            drafts: vec!["documents/d.md".into()],
            site_context: "{}".into(),
            section_titles: vec![(String::new(), "Home".into())],
            html_pages: 4,
            assets: vec!["documents/fig.png".into()],
            pages: vec![
                PageCache {
                    rel: "documents/a.md".into(),
                    front: "{}".into(),
                    display: "content/documents/a.md".into(),
                    url: "documents/a/".into(),
                    section: "documents".into(),
                    is_section_index: false,
                    body_line: 5,
                    summary: "{\"title\":\"A\"}".into(),
                    ident: "Document".into(),
                    is_doc: true,
                    targets: vec![1],
                    anchors: vec!["p-1".into()],
                    refs: vec![(1, "top".into())],
                    has_code: true,
                    extracted: Extracted {
                        mentions: vec![Arc::new(mention)],
                        sections: vec![TargetSection {
                            target: 1,
                            section: ReportSection {
                                source: 0,
                                id: "chile".into(),
                                title: "Chile".into(),
                                first: Some("p-1".into()),
                                last: None,
                            },
                        }],
                        units: vec![(vec![1], vec![])],
                    },
                },
                PageCache {
                    rel: "countries/chl.md".into(),
                    anchors: vec!["top".into()],
                    ..PageCache::default()
                },
            ],
            places: Places::default(),
            records: None,
        }
    }

    #[test]
    fn a_cache_reads_back_as_written_and_a_damaged_one_not_at_all() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let mut c = sample();
        write_in(dir, &mut c, None);
        let mut back = read_in(dir).unwrap();
        // Read without the snippets, which come whole on demand.
        assert!(back.pages[0].extracted.mentions[0].snippet.after.is_empty());
        for i in 0..back.pages.len() {
            back.pages[i].extracted = back.full(i).unwrap();
        }
        let shown = |c: &SiteCache| format!("{:?}{:?}", c.pages, (&c.content, &c.site_context));
        assert_eq!(shown(&back), shown(&c));
        // Either file cut anywhere, or the header's format changed: not read.
        for name in [FILE, PAGES] {
            let bytes = std::fs::read(dir.join(name)).unwrap();
            for cut in 0..bytes.len() {
                std::fs::write(dir.join(name), &bytes[..cut]).unwrap();
                assert!(read_in(dir).is_none(), "{name} cut at {cut}");
            }
            std::fs::write(dir.join(name), &bytes).unwrap();
        }
        let header = std::fs::read(dir.join(FILE)).unwrap();
        let mut other = header.clone();
        other[MAGIC.len()] += 1;
        std::fs::write(dir.join(FILE), &other).unwrap();
        assert!(read_in(dir).is_none());
        std::fs::write(dir.join(FILE), &header).unwrap();
        // A page index out of range is refused, not trusted.
        let mut bad = c.clone();
        bad.pages[0].targets = vec![9];
        write_in(dir, &mut bad, None);
        assert!(read_in(dir).is_none());
    }

    #[test]
    fn an_edit_appends_the_records_it_changed_and_reads_back_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let mut c = sample();
        write_in(dir, &mut c, None);
        let size = std::fs::metadata(dir.join(PAGES)).unwrap().len();
        let mut read = read_in(dir).unwrap();
        read.pages[1].summary = "{\"title\":\"Chile\"}".into();
        read.fingerprint = "g".into();
        write_in(dir, &mut read, Some(&BTreeSet::from([1])));
        let grown = std::fs::metadata(dir.join(PAGES)).unwrap().len();
        assert!(grown > size, "nothing appended");
        let again = read_in(dir).unwrap();
        assert_eq!(again.fingerprint, "g");
        assert_eq!(format!("{:?}", again.pages), format!("{:?}", read.pages));
        // A build killed while appending: the header still names what
        // it covered, and the bytes past it are never read.
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(dir.join(PAGES))
            .unwrap();
        f.write_all(b"half a record").unwrap();
        assert_eq!(
            format!("{:?}", read_in(dir).unwrap().pages),
            format!("{:?}", read.pages)
        );
        // Records of another write (a new file under an old header) are
        // refused.
        let mut other = sample();
        let header = std::fs::read(dir.join(FILE)).unwrap();
        write_in(dir, &mut other, None);
        std::fs::write(dir.join(FILE), header).unwrap();
        assert!(read_in(dir).is_none());
    }
}

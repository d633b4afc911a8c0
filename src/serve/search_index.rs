//! The search index in `serve`: rebuilt in the background, after the
//! pages are served, never delaying a reload.
//!
//! The rebuild loop calls [`SearchIndexer::changed`] after each publish and
//! [`SearchIndexer::pause`] when the editor pauses (no save for a
//! moment); only then is a snapshot of the site handed to a worker thread,
//! which runs [`search_files`] and adds its files to what is served (no
//! reload: pages fetch the index when a reader searches). The worker
//! keeps each page's part of the index between runs ([`SearchMemo`]): a
//! pause after an edit tokenises only the pages the edit changed. Saves arriving
//! while it works just mark it dirty again; the newest snapshot wins.
//! Until the first index is made (a moment after start) the search page
//! and index are not served.

use std::collections::BTreeMap;
use std::sync::{Arc, mpsc};

use super::engine::Entry;
use super::http::Shared;
use crate::build::{Contexts, LoadedSite};
use crate::output::OutputFile;
use crate::render::Theme;

/// Builds the search index files of a site, keeping in the memo what the
/// next indexing can reuse.
pub type SearchBuilder =
    fn(&LoadedSite, &BTreeMap<String, Entry>, &mut SearchMemo) -> Vec<OutputFile>;

/// What one indexing leaves for the next: each page's part of the index,
/// so a pause after an edit tokenises only the pages it changed.
#[cfg(feature = "search")]
pub type SearchMemo = crate::search::index::memo::Memo;
/// Without the search feature there is no index to remember.
#[cfg(not(feature = "search"))]
#[derive(Default)]
pub struct SearchMemo {
    _nothing: (),
}

// ─── SEARCH HOOK ──────────────────────────────────────────────────────
/// The files of the search (the search page, `search/symbols.json`,
/// `search/index/`) for `site`: what `build::render_site` adds through
/// `search::files`. Runs on the search worker thread; indexing takes a
/// while on large sites. Its problems show in `build` and `check`.
pub fn search_files(
    site: &LoadedSite,
    served: &BTreeMap<String, Entry>,
    memo: &mut SearchMemo,
) -> Vec<OutputFile> {
    let _ = served;
    let Ok(theme) = Theme::load(&site.config) else {
        return Vec::new();
    };
    let cx = Contexts::new(site);
    #[cfg(feature = "search")]
    let made = Some(crate::search::index::memo::build(site, memo).map(|(files, _)| files));
    #[cfg(not(feature = "search"))]
    let made = {
        let _ = memo;
        None
    };
    crate::search::files(site, &theme, &cx, None, made).files
}
// ──────────────────────────────────────────────────────────────────────

/// A snapshot to index.
struct Job {
    site: LoadedSite,
    served: Arc<BTreeMap<String, Entry>>,
}

/// The background search indexer of one `serve` process.
pub struct SearchIndexer {
    tx: mpsc::Sender<Job>,
    dirty: bool,
}

impl SearchIndexer {
    /// Starts the worker thread; its files go into `shared.search`.
    pub fn start(shared: Arc<Shared>, build: SearchBuilder) -> SearchIndexer {
        let (tx, rx) = mpsc::channel::<Job>();
        let _ = std::thread::Builder::new()
            .name("pilcrow-search".into())
            .spawn(move || {
                let mut memo = SearchMemo::default();
                while let Ok(mut job) = rx.recv() {
                    // Only the newest snapshot matters.
                    while let Ok(newer) = rx.try_recv() {
                        job = newer;
                    }
                    let files = build(&job.site, &job.served, &mut memo);
                    install(&shared, files);
                }
            });
        SearchIndexer { tx, dirty: true }
    }

    /// The served site changed: index it again at the next pause.
    pub fn changed(&mut self) {
        self.dirty = true;
    }

    /// The editor paused: hand the worker a snapshot if the site changed
    /// since the last one. Returns whether it did.
    pub fn pause(&mut self, site: &LoadedSite, shared: &Shared) -> bool {
        // A site with problems is not published; its fix is a change.
        if !std::mem::take(&mut self.dirty) || !site.problems.is_empty() {
            return false;
        }
        let served = shared
            .current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .files
            .clone();
        self.tx
            .send(Job {
                site: site.clone(),
                served,
            })
            .is_ok()
    }
}

/// Serves `files` as the search index, replacing the previous one.
fn install(shared: &Shared, files: Vec<OutputFile>) {
    let new: BTreeMap<String, Entry> = files
        .into_iter()
        .map(|f| (f.path, Entry::Bytes(f.bytes.into())))
        .collect();
    let old = std::mem::replace(
        &mut *shared.search.write().unwrap_or_else(|e| e.into_inner()),
        new.clone(),
    );
    let mut current = shared.current.write().unwrap_or_else(|e| e.into_inner());
    let mut files = (*current.files).clone();
    for k in old.keys() {
        files.remove(k);
    }
    for (k, v) in new {
        // A page of the site wins over an index file of the same path.
        files.entry(k).or_insert(v);
    }
    current.files = Arc::new(files);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake(
        site: &LoadedSite,
        served: &BTreeMap<String, Entry>,
        _: &mut SearchMemo,
    ) -> Vec<OutputFile> {
        vec![OutputFile {
            path: "search/symbols.json".into(),
            bytes: format!("{} {}", site.content.pages.len(), served.len()).into_bytes(),
        }]
    }

    #[test]
    fn the_index_is_built_at_a_pause_and_served_without_a_reload() {
        let shared = Arc::new(Shared::new("/".into()));
        let mut signals = shared.signals.subscribe();
        let mut indexer = SearchIndexer::start(shared.clone(), fake);
        let config = crate::config::Config::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/basic"
        )))
        .unwrap();
        let site = LoadedSite::empty(&config);
        assert!(indexer.pause(&site, &shared));
        // Nothing changed since: no second snapshot.
        assert!(!indexer.pause(&site, &shared));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let files = shared.current.read().unwrap().files.clone();
            if let Some(Entry::Bytes(b)) = files.get("search/symbols.json") {
                assert_eq!(&**b, b"0 0");
                break;
            }
            assert!(std::time::Instant::now() < deadline, "index not served");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(
            shared
                .search
                .read()
                .unwrap()
                .contains_key("search/symbols.json")
        );
        assert!(signals.try_recv().is_err(), "no reload for the index");
        indexer.changed();
        assert!(indexer.pause(&site, &shared));
    }
}

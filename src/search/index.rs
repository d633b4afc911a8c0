//! The pagefind index, built in-process (feature `search`).
//!
//! One language for the whole index: pagefind splits its index by
//! language and the browser searches only one of them, while this site's
//! documents mix Chinese, English and Vietnamese (an English document
//! quotes Chinese paragraphs). Every record is indexed as `zh`, so Han text
//! is segmented (the `extended` feature) wherever it appears, and Latin
//! text splits at spaces as usual; each record's own language is kept as
//! a filter. The cost: no English stemming (prefix matching still finds
//! `evidenc` → `evidence`).

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::output::OutputFile;
use crate::search::records::Record;

/// The language every record is indexed under (see the module doc).
pub const INDEX_LANGUAGE: &str = "zh";

/// Output directory of the index, relative to the site root.
pub const BUNDLE_DIR: &str = "pagefind";

/// Indexes the records; returns the files of `pagefind/`, sorted by path.
pub fn build(records: &[Record]) -> Result<Vec<OutputFile>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("search index: cannot start the indexer: {e}"))?;
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .force_language(INDEX_LANGUAGE.to_string())
            .keep_index_url(true)
            .build();
        let mut index = PagefindIndex::new(Some(options))
            .map_err(|e| format!("search index: bad options: {e}"))?;
        for r in records {
            let mut meta = BTreeMap::new();
            meta.insert("title".to_string(), r.title.clone());
            index
                .add_custom_record(
                    r.url.clone(),
                    r.content.clone(),
                    INDEX_LANGUAGE.to_string(),
                    Some(meta),
                    Some(r.filters.clone()),
                    None,
                )
                .await
                .map_err(|e| format!("search index: cannot index {}: {e}", r.url))?;
        }
        let files = index
            .get_files()
            .await
            .map_err(|e| format!("search index: {e}"))?;
        let mut out: Vec<OutputFile> = files
            .into_iter()
            .filter(|f| !is_unused_ui(&f.filename.to_string_lossy()))
            .map(|f| OutputFile {
                path: format!(
                    "{BUNDLE_DIR}/{}",
                    f.filename.to_string_lossy().replace('\\', "/")
                ),
                bytes: f.contents,
            })
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    })
}

/// pagefind's ready-made UIs, which search.js does not use (~430 KB):
/// `pagefind.js`, its worker, the WebAssembly and the index are kept.
fn is_unused_ui(name: &str) -> bool {
    [
        "pagefind-ui.",
        "pagefind-component-ui.",
        "pagefind-modular-ui.",
        "pagefind-highlight.",
    ]
    .iter()
    .any(|prefix| name.starts_with(prefix))
}

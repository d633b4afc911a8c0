//! The index made again and again for one site as it is edited (`serve`):
//! a page whose search records did not change keeps the part of the index
//! it made last time, so only the pages an edit changed are tokenised
//! again. The merge of every page's part into shards is done each time,
//! and the files are the same bytes as [`super::build`] makes (nothing
//! written depends on term ids: shards are sorted by term).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use super::{BATCH, Dictionary, Entry, INDEX_DIR, IndexFiles, Merger, PagePart};
use crate::build::LoadedSite;
use crate::output::OutputFile;
use crate::search::records::{Record, Records};

/// The parts of the last indexing, by what their records hash to, and the
/// one dictionary their term ids come from.
#[derive(Default)]
pub struct Memo {
    dictionary: Dictionary,
    parts: HashMap<u64, PagePart>,
    /// Terms numbered when the memo started afresh: past four times as
    /// many (words edited away stay numbered) it starts afresh again, so
    /// a long session's dictionary stays bounded by the site's own.
    fresh_terms: usize,
}

/// The site's index files (see [`super::build`]), reusing the parts of
/// pages whose records are what they were at the last call, and how many
/// pages were tokenised (the others came from the memo).
pub fn build(site: &LoadedSite, memo: &mut Memo) -> Result<(IndexFiles, usize), String> {
    if memo.fresh_terms > 0 && memo.dictionary.numbered() > 4 * memo.fresh_terms.max(1 << 16) {
        *memo = Memo::default();
    }
    let starting = memo.parts.is_empty();
    let records = Records::new(site);
    let mut merger = Merger::new(None);
    let mut kept: HashMap<u64, PagePart> = HashMap::with_capacity(memo.parts.len());
    let mut tokenised = 0;
    let all: Vec<usize> = (0..site.content.pages.len()).collect();
    for batch in all.chunks(BATCH) {
        let made: Vec<(u64, Option<PagePart>, bool)> = batch
            .par_iter()
            .map(|&i| {
                let recs = records.page_with_html(i, &site.rendered[i].html);
                let key = key_of(&recs);
                match memo.parts.get(&key) {
                    Some(part) => (key, Some(part.clone()), false),
                    None => (key, PagePart::of(&recs, &memo.dictionary), true),
                }
            })
            .collect();
        for (&i, (key, part, new)) in batch.iter().zip(made) {
            tokenised += usize::from(new);
            let made = part.map(|mut part| {
                kept.insert(key, part.clone());
                let file = OutputFile {
                    path: format!("{INDEX_DIR}/p/{i}.json"),
                    bytes: std::mem::take(&mut part.fragment),
                };
                (part, file)
            });
            merger.add(Entry { id: i as u32, made });
        }
    }
    memo.parts = kept;
    let files = merger.finish_with(memo.dictionary.terms())?;
    if starting {
        memo.fresh_terms = memo.dictionary.numbered();
    }
    Ok((files, tokenised))
}

/// What a page's records hash to: the same records make the same part.
fn key_of(records: &[Record]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    records.len().hash(&mut h);
    for r in records {
        r.url.hash(&mut h);
        r.title.hash(&mut h);
        r.label.hash(&mut h);
        r.content.hash(&mut h);
        r.names.hash(&mut h);
        r.language.hash(&mut h);
        r.filters.hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tests::fixture;

    fn bytes(files: &IndexFiles) -> Vec<(&str, &[u8])> {
        files
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.bytes.as_slice()))
            .collect()
    }

    #[test]
    fn only_the_edited_page_is_tokenised_again_and_the_index_is_a_clean_ones() {
        let mut site = fixture();
        let mut memo = Memo::default();
        let (first, n) = build(&site, &mut memo).unwrap();
        let clean = super::super::build_into(&site, None).unwrap();
        assert_eq!(bytes(&first), bytes(&clean));
        assert!(n > 3, "{n}");
        // Nothing changed: nothing tokenised, the same files.
        let (again, n) = build(&site, &mut memo).unwrap();
        assert_eq!(n, 0);
        assert_eq!(bytes(&again), bytes(&clean));
        // One page edited: that page alone, and the files of a clean index.
        let i = (0..site.content.pages.len())
            .find(|&i| site.rendered[i].html.contains("<p"))
            .unwrap();
        site.rendered[i]
            .html
            .push_str("<p>A zebracrossing paragraph added.</p>");
        let (edited, n) = build(&site, &mut memo).unwrap();
        assert_eq!(n, 1);
        let clean = super::super::build_into(&site, None).unwrap();
        assert_eq!(bytes(&edited), bytes(&clean));
        assert!(
            edited
                .files
                .iter()
                .any(|f| String::from_utf8_lossy(&f.bytes).contains("zebracrossing"))
        );
    }
}

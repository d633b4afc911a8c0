//! Document slugs: `content/documents/<slug>.md`. A document already
//! ingested keeps its slug (recorded in the manifest, seed → slug; when
//! the manifest is lost, read back from its page's `source:`); a new one
//! takes a slug no page holds, so adding a seed never moves, overwrites
//! or duplicates another seed's page.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::emit::DocPage;
use super::entities::{EntityId, EntityKind};
use super::manifest::Manifest;
use super::text;

/// Gives every document its slug and page path. `seeds[i]` is the seed of
/// `docs[i]`, `/`-separated under the seeds directory, in path order (new
/// documents are numbered in that order: the result does not depend on
/// the order the seeds were listed in). Records seed → slug in `manifest`
/// for every seed of this run and forgets seeds that are gone.
pub fn assign(docs: &mut [DocPage], seeds: &[String], manifest: &mut Manifest, content: &Path) {
    let dir = content.join("documents");
    let on_disk = existing_slugs(&dir);
    let mut kept: BTreeMap<usize, String> = BTreeMap::new();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for (i, seed) in seeds.iter().enumerate() {
        if let Some(slug) = manifest.slugs.get(seed)
            && valid(slug)
            && taken.insert(slug.clone())
        {
            kept.insert(i, slug.clone());
        }
    }
    // Without a record (a manifest deleted, or written before slugs were
    // recorded), a page whose `source:` names the seed is the seed's page.
    if kept.len() < docs.len() {
        let unclaimed: Vec<&String> = on_disk.iter().filter(|s| !taken.contains(*s)).collect();
        if !unclaimed.is_empty() {
            let by_source = pages_by_source(&dir, &unclaimed);
            for (i, doc) in docs.iter().enumerate() {
                if !kept.contains_key(&i)
                    && let Some(slug) = by_source.get(&doc.source)
                    && taken.insert(slug.clone())
                {
                    kept.insert(i, slug.clone());
                }
            }
        }
    }
    // Any other page there (an editor's own, one kept because it was
    // edited) is taken too.
    taken.extend(on_disk);

    let shared = shared_symbols(docs);
    for (i, doc) in docs.iter_mut().enumerate() {
        let slug = match kept.remove(&i) {
            Some(slug) => slug,
            None => {
                let stem = Path::new(&seeds[i])
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("document");
                let base = base_slug(doc, stem, &shared);
                let mut slug = base.clone();
                let mut k = 2;
                while !taken.insert(slug.clone()) {
                    slug = format!("{base}-{k}");
                    k += 1;
                }
                slug
            }
        };
        doc.path = format!("documents/{slug}.md");
        doc.slug = slug;
    }
    manifest.slugs = seeds
        .iter()
        .cloned()
        .zip(docs.iter().map(|d| d.slug.clone()))
        .collect();
}

/// Symbols carried by more than one document (one report in six UN
/// languages): each version is `<symbol>-<lang>`.
fn shared_symbols(docs: &[DocPage]) -> BTreeSet<String> {
    let mut per_symbol: BTreeMap<&str, usize> = BTreeMap::new();
    for d in docs {
        if let Some(s) = d.meta.symbol.as_deref() {
            *per_symbol.entry(s).or_default() += 1;
        }
    }
    per_symbol
        .into_iter()
        .filter(|&(_, n)| n > 1)
        .map(|(s, _)| s.to_string())
        .collect()
}

/// Slug from the symbol (`a-74-130`), else from an ASCII title, else from
/// the seed's file stem (`000-b241c949`).
fn base_slug(doc: &DocPage, stem: &str, shared: &BTreeSet<String>) -> String {
    let slug = doc
        .meta
        .symbol
        .as_ref()
        .map(|s| {
            let slug = EntityId::new(EntityKind::DocumentRef, s.clone()).slug();
            if shared.contains(s) {
                format!("{slug}-{}", doc.meta.language)
            } else {
                slug
            }
        })
        .filter(|s| !s.is_empty())
        .or_else(|| {
            doc.structured
                .title
                .as_deref()
                .filter(|_| !matches!(doc.meta.language.as_str(), "zh" | "ja" | "ko" | "th"))
                .and_then(|t| text::ascii_slug(t, 60))
        })
        .unwrap_or_else(|| stem_slug(stem));
    if slug.is_empty() {
        "document".to_string()
    } else {
        slug
    }
}

/// A slug ingest could have made (a manifest is a file anyone can edit).
fn valid(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 200
        && !slug.starts_with('-')
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Slugs of the `.md` pages in `content/documents/`, sorted.
fn existing_slugs(dir: &Path) -> BTreeSet<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeSet::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let stem = name.strip_suffix(".md")?;
            (!stem.is_empty() && !stem.starts_with('.')).then(|| stem.to_string())
        })
        .collect()
}

/// `source:` of each page among `slugs` → its slug (the first in slug
/// order when two pages name the same source).
fn pages_by_source(dir: &Path, slugs: &[&String]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for slug in slugs {
        let Ok(text) = std::fs::read_to_string(dir.join(format!("{slug}.md"))) else {
            continue;
        };
        let Ok(split) = crate::content::front_matter::split(&text) else {
            continue;
        };
        let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(split.yaml) else {
            continue;
        };
        if let Some(source) = value.get("source").and_then(|s| s.as_str()) {
            out.entry(source.to_string())
                .or_insert_with(|| (*slug).clone());
        }
    }
    out
}

/// `000_b241c94923249c51` → `000-b241c949`: long hex runs shortened.
pub fn stem_slug(stem: &str) -> String {
    let slug = text::ascii_slug(stem, 80).unwrap_or_else(|| {
        stem.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect()
    });
    slug.split('-')
        .filter(|p| !p.is_empty())
        .map(|p| {
            if p.len() > 8 && p.chars().all(|c| c.is_ascii_hexdigit()) {
                &p[..8]
            } else {
                p
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stem_slugs() {
        assert_eq!(stem_slug("000_b241c94923249c51"), "000-b241c949");
        assert_eq!(stem_slug("Rapport annuel"), "rapport-annuel");
    }

    #[test]
    fn recorded_slugs_must_be_ingests() {
        assert!(valid("a-74-130"));
        assert!(valid("annual-report-2"));
        for bad in ["", "../x", "a/b", ".hidden", "-x", "A-74"] {
            assert!(!valid(bad), "{bad}");
        }
    }
}

//! `search/names.json`: every name the site gives its entities, in every
//! language (titles, `names`, `aliases`, `keywords` of the entity pages),
//! so a query in one language also finds paragraphs that mention the
//! entity in another: search.js looks the query up here and lists the
//! paragraphs filed under a matching entity, marked as found through it.
//! An editor who adds an alias improves search.

use serde::Serialize;

use crate::build::LoadedSite;
use crate::search::records::{entity_filter, page_url};

/// The file's shape: `names` pairs a folded name with an index into
/// `entities`.
#[derive(Debug, Serialize)]
struct Names {
    names: Vec<(String, usize)>,
    entities: Vec<Entity>,
}

#[derive(Debug, Serialize)]
struct Entity {
    title: String,
    url: String,
    /// The search filter its paragraphs are filed under (`topic`).
    filter: &'static str,
}

/// Lower case, runs of spaces as one. Mirrored in search.js.
pub fn fold(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The names of every entity page with a search filter.
pub fn names_json(site: &LoadedSite) -> Vec<u8> {
    let base = site.config.base_path();
    let mut out = Names {
        names: Vec::new(),
        entities: Vec::new(),
    };
    for page in &site.content.pages {
        let f = &page.front;
        let Some(filter) = entity_filter(f.kind).filter(|_| f.id.is_some()) else {
            continue;
        };
        let i = out.entities.len();
        out.entities.push(Entity {
            title: f.title.clone(),
            url: page_url(base, page),
            filter,
        });
        let mut names: Vec<String> = std::iter::once(&f.title)
            .chain(f.names.values())
            .chain(&f.aliases)
            .chain(&f.keywords)
            .map(|n| fold(n))
            // One letter or two is no name to search by (`US` aside, which
            // symbols.json covers).
            .filter(|n| n.chars().count() >= 2)
            .collect();
        names.sort();
        names.dedup();
        out.names.extend(names.into_iter().map(|n| (n, i)));
    }
    out.names.sort();
    serde_json::to_vec(&out).unwrap_or_default()
}

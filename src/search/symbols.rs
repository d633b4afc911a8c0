//! `search/symbols.json`: exact look-up of UN symbols and entity ids.
//!
//! A full-text engine splits `S/RES/2341 (2017)` into words and ranks
//! every page citing 2017 or 2341; a reader who types a symbol wants the
//! page of that symbol. search.js normalises the query the same way as
//! [`normalize`] and consults this map before running a full-text search.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::build::LoadedSite;
use crate::content::Kind;
use crate::search::records::page_url;

/// Where a symbol leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SymbolTarget {
    pub url: String,
    pub title: String,
    /// The symbol as written (`S/RES/2341 (2017)`).
    pub symbol: String,
    pub kind: String,
}

/// Case-folded, without spaces: `S/RES/2341 (2017)` → `s/res/2341(2017)`.
/// Full-width forms (`（）／`) are folded to ASCII. Mirrored in search.js.
pub fn normalize(symbol: &str) -> String {
    symbol
        .chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xff01 + 0x21).unwrap_or(c),
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The symbols of the site: each document's `symbol` and each entity
/// page's `id` (and its `symbol`, if it has one), normalised. A key
/// claimed by two pages goes to the entity page (the page *of* the
/// symbol), then to the first in content order.
pub fn symbols(site: &LoadedSite) -> BTreeMap<String, SymbolTarget> {
    let base = site.config.base_path();
    let mut map: BTreeMap<String, (u8, SymbolTarget)> = BTreeMap::new();
    for page in &site.content.pages {
        let f = &page.front;
        let entity = !matches!(f.kind, Kind::Document | Kind::Page);
        let mut keys: Vec<&str> = Vec::new();
        keys.extend(f.symbol.as_deref());
        if entity {
            keys.extend(f.id.as_deref());
        }
        for key in keys {
            let norm = normalize(key);
            if norm.is_empty() {
                continue;
            }
            let rank = if entity { 0 } else { 1 };
            let target = SymbolTarget {
                url: page_url(base, page),
                title: f.title.clone(),
                symbol: key.to_string(),
                kind: f.kind.as_str().to_string(),
            };
            match map.get(&norm) {
                Some((r, _)) if *r <= rank => {}
                _ => {
                    map.insert(norm, (rank, target));
                }
            }
        }
    }
    map.into_iter().map(|(k, (_, t))| (k, t)).collect()
}

/// The JSON file, keys sorted (deterministic).
pub fn symbols_json(site: &LoadedSite) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(&symbols(site)).unwrap_or_else(|_| b"{}".to_vec());
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_normalise_space_case_and_width() {
        assert_eq!(normalize("S/RES/2341 (2017)"), "s/res/2341(2017)");
        assert_eq!(normalize(" s/res/2341(2017) "), "s/res/2341(2017)");
        assert_eq!(
            normalize("Ｓ／ＲＥＳ／２３４１（２０１７）"),
            "s/res/2341(2017)"
        );
        assert_eq!(normalize("A/74/130"), "a/74/130");
    }
}

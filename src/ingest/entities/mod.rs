//! Entity recognition: finds resolutions, UN document symbols, countries,
//! organizations, instruments and topics in text, in any language, and
//! normalises each to one id.
//!
//! This is the interface the rest of ingest relies on. The implementation
//! behind [`Recognizer::find`] is filled in by the entities work.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The kinds of entity pilcrow recognises. Serialised as the front-matter
/// `kind:` of the entity's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    Resolution,
    DocumentRef,
    Country,
    Organization,
    Instrument,
    Topic,
}

impl EntityKind {
    /// Directory under `content/` that holds this kind's pages.
    pub fn dir(self) -> &'static str {
        match self {
            EntityKind::Resolution => "resolutions",
            EntityKind::DocumentRef => "un-documents",
            EntityKind::Country => "countries",
            EntityKind::Organization => "organizations",
            EntityKind::Instrument => "instruments",
            EntityKind::Topic => "topics",
        }
    }

    /// The document front-matter key that lists entities of this kind.
    pub fn front_matter_key(self) -> &'static str {
        match self {
            EntityKind::Resolution => "resolutions",
            EntityKind::DocumentRef => "documents",
            EntityKind::Country => "countries",
            EntityKind::Organization => "organizations",
            EntityKind::Instrument => "instruments",
            EntityKind::Topic => "topics",
        }
    }
}

/// One entity: its kind and canonical id, e.g. (Resolution,
/// `S/RES/2341 (2017)`), (Resolution, `A/RES/73/187`), (DocumentRef,
/// `S/2015/939`), (Country, `ARG`), (Organization, `UNODC`),
/// (Instrument, `budapest-convention`), (Topic, `digital-evidence`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId {
    pub kind: EntityKind,
    pub id: String,
}

impl EntityId {
    pub fn new(kind: EntityKind, id: impl Into<String>) -> Self {
        EntityId {
            kind,
            id: id.into(),
        }
    }

    /// File stem of the entity's page: lowercase ASCII, runs of anything
    /// else collapsed to `-` (`S/RES/2341 (2017)` → `s-res-2341-2017`,
    /// `ARG` → `arg`).
    pub fn slug(&self) -> String {
        let mut out = String::with_capacity(self.id.len());
        for c in self.id.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        out
    }

    /// Path of the entity's page relative to `content/`, e.g. `countries/arg.md`.
    pub fn content_path(&self) -> String {
        format!("{}/{}.md", self.kind.dir(), self.slug())
    }
}

/// One recognised mention: a byte range of the text given to
/// [`Recognizer::find`] and the entity it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub entity: EntityId,
}

/// What an entity page says about its entity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityInfo {
    /// Display title in English (or the id when nothing better is known).
    pub title: String,
    /// Display name per language (ISO 639-1 → name).
    pub names: BTreeMap<String, String>,
    /// Every other surface form recognised for this entity.
    pub aliases: Vec<String>,
}

/// Recognises entities in text. Built once per ingest run from the
/// built-in gazetteers, then extended from `content/` entity pages.
#[derive(Debug, Default)]
pub struct Recognizer {
    _private: (),
}

impl Recognizer {
    /// The recogniser with the built-in gazetteers and lexicons.
    pub fn builtin() -> Self {
        Recognizer::default()
    }

    /// Teaches extra surface forms for an entity (from an entity page's
    /// `aliases:` or `keywords:`).
    pub fn add_aliases(&mut self, _entity: &EntityId, _aliases: &[String]) {}

    /// All mentions in `text`, sorted by position, never overlapping.
    pub fn find(&self, _text: &str) -> Vec<Mention> {
        Vec::new()
    }

    /// What is known about an entity, for its page.
    pub fn info(&self, entity: &EntityId) -> EntityInfo {
        EntityInfo {
            title: entity.id.clone(),
            ..EntityInfo::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_stable_ascii() {
        let r = EntityId::new(EntityKind::Resolution, "S/RES/2341 (2017)");
        assert_eq!(r.slug(), "s-res-2341-2017");
        assert_eq!(r.content_path(), "resolutions/s-res-2341-2017.md");
        let c = EntityId::new(EntityKind::Country, "ARG");
        assert_eq!(c.content_path(), "countries/arg.md");
        let g = EntityId::new(EntityKind::Resolution, "A/RES/73/187");
        assert_eq!(g.slug(), "a-res-73-187");
    }
}

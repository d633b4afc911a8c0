//! The built-in gazetteers and lexicons, loaded from the data files embedded
//! at compile time (`data/*.tsv`), plus what editors teach at run time.

use std::collections::{BTreeMap, HashMap};

use super::{EntityId, EntityKind};

pub(crate) const COUNTRIES_TSV: &str = include_str!("data/countries.tsv");
const ORGANIZATIONS_TSV: &str = include_str!("data/organizations.tsv");
const TOPICS_TSV: &str = include_str!("data/topics.tsv");
const BLOCKERS_TSV: &str = include_str!("data/blockers.tsv");

/// One surface form to recognise.
#[derive(Debug, Clone)]
pub struct Surface {
    /// Index into [`Gazetteer::entities`], or `None` for a blocking phrase.
    pub entity: Option<u32>,
    pub text: String,
    /// A name as commonly written: also recognise its Russian case forms
    /// and, for a country, its spelling without accents (off for rarely
    /// written catalogue forms, to keep the automaton small, and for case
    /// forms made from a name).
    pub decline: bool,
}

/// What is known about one gazetteer entity.
#[derive(Debug, Clone, Default)]
pub struct EntityData {
    pub title: Option<String>,
    /// language → display name (first, i.e. preferred, one wins)
    pub names: BTreeMap<String, String>,
    /// every recognised surface form, in load order, without duplicates
    pub surfaces: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub entities: Vec<EntityId>,
    pub data: Vec<EntityData>,
    index: HashMap<EntityId, u32>,
    /// Built-in surface forms in priority order (earlier wins a tie on the
    /// same text).
    pub surfaces: Vec<Surface>,
    /// Forms taught by editors (later ones win).
    editor: Vec<Surface>,
    /// Country names refused (ambiguous, or a word of another language)
    /// that no country holds, folded: no spelling variant may make them.
    pub refused: std::collections::HashSet<String>,
    /// Country names, folded, that are a more widespread name of the same
    /// country without its last vowel (Albanian `Zambi`, `Indi` beside
    /// `Zambia`, `India`): after a capitalised word they are a surname.
    pub shortened: std::collections::HashSet<String>,
}

impl Gazetteer {
    pub fn builtin() -> Self {
        let mut g = Gazetteer::default();
        g.load_countries(COUNTRIES_TSV);
        // Japanese news's one-character names before an office
        // (`米大統領`): recognised, its mention the character alone.
        for (code, text) in super::abbreviations::compounds() {
            let e = g.entity_index(&EntityId::new(EntityKind::Country, code));
            g.surfaces.push(Surface {
                entity: Some(e),
                text,
                decline: false,
            });
        }
        g.load_lexicon(ORGANIZATIONS_TSV);
        g.load_lexicon(TOPICS_TSV);
        for line in data_lines(BLOCKERS_TSV) {
            if let Some((_, phrase)) = line.split_once('\t') {
                g.surfaces.push(Surface {
                    entity: None,
                    text: phrase.trim().to_string(),
                    decline: true,
                });
            }
        }
        g
    }

    pub fn entity_index(&mut self, id: &EntityId) -> u32 {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        let i = self.entities.len() as u32;
        self.entities.push(id.clone());
        self.data.push(EntityData::default());
        self.index.insert(id.clone(), i);
        i
    }

    pub fn get(&self, id: &EntityId) -> Option<&EntityData> {
        self.index.get(id).map(|&i| &self.data[i as usize])
    }

    fn add_surface(&mut self, entity: u32, text: &str, decline: bool) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let d = &mut self.data[entity as usize];
        if !d.surfaces.iter().any(|s| s == text) {
            d.surfaces.push(text.to_string());
        }
        self.surfaces.push(Surface {
            entity: Some(entity),
            text: text.to_string(),
            decline,
        });
    }

    /// Editor-taught surface forms; they win over built-in ones on the same
    /// text. Returns how many were new (a form the entity already has is
    /// not added again, so re-reading pages that list built-in names costs
    /// nothing).
    pub fn add_editor_aliases(&mut self, id: &EntityId, aliases: &[String]) -> usize {
        let e = self.entity_index(id);
        let mut added = 0;
        for a in aliases {
            let a = a.trim();
            let d = &mut self.data[e as usize];
            if a.is_empty() || d.surfaces.iter().any(|s| s == a) {
                continue;
            }
            d.surfaces.push(a.to_string());
            self.editor.push(Surface {
                entity: Some(e),
                text: a.to_string(),
                decline: true,
            });
            added += 1;
        }
        added
    }

    /// Does the entity already have every one of these forms?
    pub fn knows_all(&self, id: &EntityId, aliases: &[String]) -> bool {
        let known = self.get(id).map(|d| d.surfaces.as_slice()).unwrap_or(&[]);
        aliases
            .iter()
            .map(|a| a.trim())
            .all(|a| a.is_empty() || known.iter().any(|s| s == a))
    }

    /// Every surface form, highest priority first: editors' forms, then the
    /// built-in ones in load order.
    pub fn all_surfaces(&self) -> impl Iterator<Item = &Surface> {
        self.editor.iter().rev().chain(self.surfaces.iter())
    }

    /// `alpha3 status lang form name recognise`
    fn load_countries(&mut self, tsv: &str) {
        // Names never recognised (ambiguous between two countries, or a
        // word of another language: German `Island` is English "island"),
        // by their folded form, and those recognised.
        let mut refused: Vec<&str> = Vec::new();
        let mut accepted: std::collections::HashSet<String> = std::collections::HashSet::new();
        // How many languages write each recognised name of each country.
        let mut spread: HashMap<(u32, &str), usize> = HashMap::new();
        // A name in -a of another language and an `n` (`Australia`,
        // `Italia`, `Romania` + `n`) is that language's or English's
        // adjective of nationality, spelled as the Finnish genitive of the
        // same name; a case form is matched in every language's text, so
        // an English text's `Australian forces` named Australia. Such a
        // form is not made: the adjective is far the commoner.
        let demonyms: std::collections::HashSet<String> = data_lines(tsv)
            .filter_map(|line| {
                let cols: Vec<&str> = line.split('\t').collect();
                (cols.len() >= 6 && cols[2] != "fi" && cols[4].ends_with('a'))
                    .then(|| format!("{}n", cols[4].to_lowercase()))
            })
            .collect();
        for line in data_lines(tsv) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 6 {
                continue;
            }
            let (a3, lang, form, name, rec) = (cols[0], cols[2], cols[3], cols[4], cols[5]);
            let e = self.entity_index(&EntityId::new(EntityKind::Country, a3));
            let d = &mut self.data[e as usize];
            // Recognised, never shown: no display name, no alias on the
            // entity page (the languages and short forms added since the
            // pages were written; see `scripts/gen_countries.py`).
            let quiet = rec == "quiet";
            // A script variant (`zh-Hant`) is recognised, not displayed.
            if !lang.contains('-') && !quiet {
                d.names
                    .entry(lang.to_string())
                    .or_insert_with(|| name.to_string());
            }
            if lang == "en" && d.title.is_none() && !quiet {
                d.title = Some(name.to_string());
            }
            if rec != "yes" && !quiet {
                refused.push(name);
            } else {
                accepted.insert(super::normalize::fold(name));
                *spread.entry((e, name.trim())).or_default() += 1;
                if quiet {
                    self.surfaces.push(Surface {
                        entity: Some(e),
                        text: name.trim().to_string(),
                        decline: !form.starts_with("iso"),
                    });
                } else {
                    self.add_surface(e, name, !form.starts_with("iso"));
                }
                // Case forms written onto the name (Finnish, Hungarian):
                // recognised, never shown.
                // A form of four letters or fewer is a word of some other
                // language (Croatian `Kini`, "to China", is Indonesian
                // "now"): not made.
                for f in super::inflect::case_forms(lang, name)
                    .into_iter()
                    .filter(|f| f.chars().count() >= 5 && !demonyms.contains(&f.to_lowercase()))
                {
                    self.surfaces.push(Surface {
                        entity: Some(e),
                        text: f,
                        decline: false,
                    });
                }
            }
        }
        self.shortened = shortened_names(&spread);
        // A refused name no country holds is never made by spelling a
        // name another way: Icelandic `Ísland` without its accent is
        // German `Island`, refused as English "island".
        for name in refused {
            let folded = super::normalize::fold(name);
            if !accepted.contains(&folded) {
                self.refused.insert(folded);
            }
        }
    }

    /// `kind id lang form name`
    fn load_lexicon(&mut self, tsv: &str) {
        for line in data_lines(tsv) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 5 {
                continue;
            }
            let kind = match cols[0] {
                "org" => EntityKind::Organization,
                "instrument" => EntityKind::Instrument,
                "topic" => EntityKind::Topic,
                _ => continue,
            };
            let (id, lang, form, name) = (cols[1], cols[2], cols[3], cols[4].trim());
            let e = self.entity_index(&EntityId::new(kind, id));
            let d = &mut self.data[e as usize];
            match form {
                "title" => {
                    d.title.get_or_insert_with(|| name.to_string());
                    d.names
                        .entry(lang.to_string())
                        .or_insert_with(|| name.to_string());
                }
                "name" | "show" => {
                    d.names
                        .entry(lang.to_string())
                        .or_insert_with(|| name.to_string());
                }
                _ => {}
            }
            if form != "show" {
                self.add_surface(e, name, true);
            }
        }
    }
}

/// The one-word Latin names that are another name of the same country,
/// written in more languages, without its last vowel (`Zambi` beside
/// `Zambia`), folded.
fn shortened_names(spread: &HashMap<(u32, &str), usize>) -> std::collections::HashSet<String> {
    const VOWELS: &str = "aeiouyäëïöüáéíóúàèìòùâêîôû";
    let latin = |w: &str| {
        w.chars()
            .all(|c| c.is_alphabetic() && (c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c)))
    };
    spread
        .iter()
        .filter(|((e, name), n)| {
            latin(name)
                && name.ends_with(|c: char| VOWELS.contains(c.to_ascii_lowercase()))
                && VOWELS.chars().any(|v| {
                    spread
                        .get(&(*e, format!("{name}{v}").as_str()))
                        .is_some_and(|m| m > *n)
                })
        })
        .map(|((_, name), _)| super::normalize::fold(name))
        .collect()
}

fn data_lines(tsv: &str) -> impl Iterator<Item = &str> {
    tsv.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
/// UN membership per alpha-3 code, from the generated country table.
pub fn country_status() -> BTreeMap<&'static str, &'static str> {
    data_lines(COUNTRIES_TSV)
        .filter_map(|l| {
            let mut it = l.split('\t');
            Some((it.next()?, it.next()?))
        })
        .collect()
}

#[cfg(test)]
/// Languages with at least one name, per alpha-3 code.
pub fn country_languages() -> BTreeMap<&'static str, Vec<&'static str>> {
    let mut out: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for l in data_lines(COUNTRIES_TSV) {
        let cols: Vec<&str> = l.split('\t').collect();
        if cols.len() >= 6 {
            let v = out.entry(cols[0]).or_default();
            if !v.contains(&cols[2]) {
                v.push(cols[2]);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_un_member_has_names_in_the_six_official_languages_and_vietnamese() {
        let status = country_status();
        let langs = country_languages();
        let members: Vec<_> = status.iter().filter(|(_, s)| **s == "member").collect();
        assert_eq!(members.len(), 193);
        let complete = members
            .iter()
            .filter(|(a3, _)| {
                ["en", "zh", "fr", "es", "ru", "ar", "vi"]
                    .iter()
                    .all(|l| langs[*a3].contains(l))
            })
            .count();
        assert!(
            complete >= 193,
            "only {complete} members have all languages"
        );
        assert_eq!(status.get("VAT"), Some(&"observer"));
        assert_eq!(status.get("PSE"), Some(&"observer"));
    }

    #[test]
    fn quiet_names_are_recognised_not_shown() {
        let g = Gazetteer::builtin();
        let phl = g
            .get(&EntityId::new(EntityKind::Country, "PHL"))
            .expect("PHL");
        assert!(!phl.names.contains_key("tl"));
        assert!(!phl.surfaces.iter().any(|s| s == "Pilipinas"));
        assert!(g.surfaces.iter().any(|s| s.text == "Pilipinas"));
    }

    #[test]
    fn un_official_names_are_the_display_names() {
        let g = Gazetteer::builtin();
        let name = |a3: &str, lang: &str| {
            g.get(&EntityId::new(EntityKind::Country, a3))
                .and_then(|d| d.names.get(lang).cloned())
                .unwrap_or_default()
        };
        assert_eq!(name("VNM", "en"), "Viet Nam");
        assert_eq!(name("BOL", "zh"), "多民族玻利维亚国");
        assert_eq!(
            name("GBR", "en"),
            "United Kingdom of Great Britain and Northern Ireland"
        );
        assert_eq!(name("PRK", "en"), "Democratic People's Republic of Korea");
        assert_eq!(name("TUR", "en"), "Türkiye");
        assert_eq!(name("CIV", "fr"), "Côte d'Ivoire");
        assert_eq!(name("VAT", "en"), "Holy See");
        assert_eq!(name("USA", "vi"), "Hoa Kỳ");
    }
}

//! The entity recogniser on a small dev set of real passages
//! (`tests/ingest_data/entities/`, see its README): precision, recall and F1
//! per kind, over the distinct ids of each passage.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use pilcrow::ingest::entities::{EntityKind, Recognizer};

const KINDS: [(&str, EntityKind); 3] = [
    ("resolution", EntityKind::Resolution),
    ("document", EntityKind::DocumentRef),
    ("country", EntityKind::Country),
];

struct Passage {
    name: String,
    text: String,
    expected: BTreeMap<EntityKind, BTreeSet<String>>,
}

fn load(dir: &Path) -> Vec<Passage> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let name = name.unwrap_or_default();
            let raw =
                std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let (head, text) = raw
                .split_once("\n---\n")
                .unwrap_or_else(|| panic!("{name}: expected a header ended by a line `---`"));
            let mut expected: BTreeMap<EntityKind, BTreeSet<String>> = BTreeMap::new();
            for line in head.lines() {
                let (key, value) = line
                    .split_once(':')
                    .unwrap_or_else(|| panic!("{name}: expected `key: value`, got {line:?}"));
                if key == "source" {
                    continue;
                }
                let kind = KINDS
                    .iter()
                    .find(|(k, _)| *k == key)
                    .unwrap_or_else(|| panic!("{name}: unknown key {key:?}"))
                    .1;
                let ids = value.split(';').map(str::trim).filter(|s| !s.is_empty());
                expected
                    .entry(kind)
                    .or_default()
                    .extend(ids.map(String::from));
            }
            Passage {
                name,
                text: text.to_string(),
                expected,
            }
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[test]
fn dev_set_f1_per_kind_is_at_least_0_95() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ingest_data/entities");
    let passages = load(&dir);
    assert!(
        passages.len() >= 15,
        "{}: only {} passages",
        dir.display(),
        passages.len()
    );
    let r = Recognizer::builtin();
    let mut scores: BTreeMap<EntityKind, Score> = BTreeMap::new();
    let mut errors = Vec::new();
    for p in &passages {
        let found = r.find(&p.text);
        for (_, kind) in KINDS {
            let got: BTreeSet<String> = found
                .iter()
                .filter(|m| m.entity.kind == kind)
                .map(|m| m.entity.id.clone())
                .collect();
            let empty = BTreeSet::new();
            let want = p.expected.get(&kind).unwrap_or(&empty);
            let s = scores.entry(kind).or_default();
            s.tp += got.intersection(want).count();
            for id in got.difference(want) {
                s.fp += 1;
                errors.push(format!("{}: unexpected {kind:?} {id}", p.name));
            }
            for id in want.difference(&got) {
                s.fn_ += 1;
                errors.push(format!("{}: missed {kind:?} {id}", p.name));
            }
        }
    }
    for e in &errors {
        println!("{e}");
    }
    let mut failed = Vec::new();
    for (kind, s) in &scores {
        println!(
            "{kind:?}: P {:.3} R {:.3} F1 {:.3} (tp {} fp {} fn {})",
            s.precision(),
            s.recall(),
            s.f1(),
            s.tp,
            s.fp,
            s.fn_
        );
        if s.f1() < 0.95 {
            failed.push(format!("{kind:?} F1 {:.3}", s.f1()));
        }
    }
    assert!(
        failed.is_empty(),
        "dev set in {}: F1 below 0.95 for {failed:?}; errors:\n{}",
        dir.display(),
        errors.join("\n")
    );
}

/// A communiqué's letterhead of member states, cut from the body as a
/// strip of names, still gives the document its countries.
#[test]
fn a_letterhead_of_member_states_gives_its_countries() {
    let page = common::ingest_one("entities/17_en_letterhead_african_union.txt");
    let line = page
        .lines()
        .find(|l| l.starts_with("countries: "))
        .unwrap_or_default();
    let n = line.matches(", ").count() + 1;
    assert!(n >= 50, "{line}");
    for id in ["DZA", "CAF", "COD", "GNB", "SWZ", "ZWE"] {
        assert!(line.contains(id), "{id}: {line}");
    }
}

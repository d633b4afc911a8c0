//! An input's own front matter — YAML between `---` lines, TOML between
//! `+++` lines (Hugo, Zola, Jekyll, Obsidian), or `key: value` lines in a
//! leading HTML comment — read as metadata candidates and taken out of the
//! body.

use crate::ingest::model::{Document, Field, Origin};

/// Front matter larger than this is not front matter.
const MAX: usize = 64 * 1024;

/// Keys naming each field, in the spellings of the common generators.
const TITLE: &[&str] = &[
    "title",
    "headline",
    "name",
    // The same keys in the languages sites write their front matter in
    // (`Titel:`, `Datum:` in a German Jekyll site).
    "titel",
    "titre",
    "título",
    "titolo",
    "tytuł",
    "otsikko",
    "başlık",
    "заголовок",
    "标题",
    "タイトル",
];
const DATE: &[&str] = &[
    "date",
    "datum",
    "dato",
    "fecha",
    "data",
    "päivämäärä",
    "tarih",
    "дата",
    "日期",
    "日付",
    "published",
    "publishdate",
    "publish_date",
    "pubdate",
    "date_published",
    "datepublished",
    "created",
    "created_at",
    "issued",
    // A document's own day under a key that says whose (an archive's
    // `doc_date:`, a catalogue's `publication_date:`).
    "doc_date",
    "document_date",
    "publication_date",
    "published_date",
    "published_at",
    "pub_date",
    "post_date",
    "release_date",
    "issue_date",
    "creation_date",
    "date_created",
    "datecreated",
    "date_issued",
];
const URL: &[&str] = &[
    "url",
    "canonical",
    "canonical_url",
    "canonicalurl",
    "link",
    "source_url",
    "permalink",
];
const LANG: &[&str] = &["lang", "language", "locale", "inlanguage"];
const SYMBOL: &[&str] = &["symbol", "document_symbol"];

/// Splits `text` into its front matter's candidates and the body after
/// it. Text without front matter comes back whole, with no candidates.
pub fn split(text: &str) -> (Document, &str) {
    let (doc, body, _) = split_named(text, "");
    (doc, body)
}

/// [`split`] for a file named `name`: a file named like a Jekyll post
/// (`2018-07-01-notes.md`) is dated by its name when its front matter
/// states no publication date; with neither, the last modification's
/// date dates it, as Hugo dates a page (`lastmod`, `updated`, `modified`).
/// The flag says whether the front matter stated any metadata (the name's
/// date aside).
pub fn split_named<'a>(text: &'a str, name: &str) -> (Document, &'a str, bool) {
    let (mut doc, body, modified) = split_keys(text);
    let stated = !doc.candidates.is_empty() || modified.is_some();
    if doc.candidates(Field::Date).is_empty()
        && let Some(d) = dated_path(name)
    {
        doc.add(Field::Date, d, Origin::FrontMatter);
    }
    if doc.candidates(Field::Date).is_empty()
        && let Some(m) = modified
    {
        doc.add(Field::Date, m, Origin::FrontMatter);
    }
    (doc, body, stated)
}

/// Keys naming the day a text was last changed.
const MODIFIED: &[&str] = &[
    "lastmod",
    "last_modified",
    "modified",
    "updated",
    "updated_at",
    "date_modified",
    "datemodified",
];

/// The front matter's candidates, the body, and the last modification's
/// date if one is stated.
fn split_keys(text: &str) -> (Document, &str, Option<String>) {
    let mut doc = Document::default();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let Some((kind, raw, body)) = delimited(text) else {
        return (doc, text, None);
    };
    // What parses neither as its language nor as `key: value` lines is not
    // front matter (two horizontal rules, a comment in the text).
    let loose = || Some(loose_pairs(raw)).filter(|p| p.iter().any(|(k, _)| field_of(k).is_some()));
    let pairs = match kind {
        Kind::Yaml => yaml_pairs(raw).or_else(loose),
        Kind::Toml => toml_pairs(raw).or_else(loose),
        Kind::Comment => loose(),
    };
    let Some(pairs) = pairs else {
        return (doc, text, None);
    };
    for (key, value) in &pairs {
        if let Some(field) = field_of(key) {
            doc.add(field, value.clone(), Origin::FrontMatter);
        }
    }
    // No date key: a dated path (`path = "2019/05/15/4-years-of-rust"`,
    // a permalink, an alias) says when the post was published.
    if doc.candidates(Field::Date).is_empty()
        && let Some(d) = pairs
            .iter()
            .filter(|(k, _)| DATED.contains(&k.to_ascii_lowercase().as_str()))
            .find_map(|(_, v)| dated_path(v))
    {
        doc.add(Field::Date, d, Origin::FrontMatter);
    }
    let modified = pairs
        .iter()
        .find(|(k, _)| MODIFIED.contains(&k.to_ascii_lowercase().as_str()))
        .map(|(_, v)| v.clone());
    (doc, body, modified)
}

/// Keys whose value may be a dated path.
const DATED: &[&str] = &[
    "path",
    "slug",
    "url",
    "permalink",
    "aliases",
    "alias",
    "canonical",
];

/// `2019/05/15/title`, `/blog/2019-05-15-title.html` → `2019-05-15`: a
/// date as a path's own segments (a Jekyll post's file name, a dated
/// permalink), never digits inside a word.
pub fn dated_path(s: &str) -> Option<String> {
    static DATED_PATH: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?:^|[/_])((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:$|[/\-_.])",
        )
        .unwrap()
    });
    let c = DATED_PATH.captures(s)?;
    Some(format!("{}-{}-{}", &c[1], &c[2], &c[3]))
}

fn field_of(key: &str) -> Option<Field> {
    let key = key.to_ascii_lowercase();
    let key = key.as_str();
    [
        (TITLE, Field::Title),
        (DATE, Field::Date),
        (URL, Field::Url),
        (LANG, Field::Language),
        (SYMBOL, Field::Symbol),
    ]
    .into_iter()
    .find(|(keys, _)| keys.contains(&key))
    .map(|(_, f)| f)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Yaml,
    Toml,
    Comment,
}

/// The front matter's kind, its text, and the body after it.
fn delimited(text: &str) -> Option<(Kind, &str, &str)> {
    let start = text.trim_start_matches([' ', '\t', '\n', '\r']);
    let (kind, fence, rest) = if let Some(r) = start.strip_prefix("---") {
        (Kind::Yaml, "---", r)
    } else if let Some(r) = start.strip_prefix("+++") {
        (Kind::Toml, "+++", r)
    } else if let Some(r) = start.strip_prefix("<!--") {
        let end = r.find("-->")?;
        if end > MAX {
            return None;
        }
        return Some((Kind::Comment, &r[..end], &r[end + 3..]));
    } else {
        return None;
    };
    // The opening fence is alone on its line.
    let rest = rest.trim_start_matches([' ', '\t']);
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence || (kind == Kind::Yaml && line.trim_end() == "...") {
            return Some((kind, &rest[..at], &rest[at + line.len()..]));
        }
        at += line.len();
        if at > MAX {
            return None;
        }
    }
    None
}

fn scalar_yaml(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        // `title: [a, b]` or a tagged value: the first scalar.
        serde_yaml::Value::Sequence(seq) => seq.iter().find_map(scalar_yaml),
        serde_yaml::Value::Tagged(t) => scalar_yaml(&t.value),
        _ => None,
    }
}

fn yaml_pairs(raw: &str) -> Option<Vec<(String, String)>> {
    let value: serde_yaml::Value = serde_yaml::from_str(raw).ok()?;
    let map = value.as_mapping()?;
    Some(
        map.iter()
            .filter_map(|(k, v)| Some((k.as_str()?.to_string(), scalar_yaml(v)?)))
            .collect(),
    )
}

fn toml_pairs(raw: &str) -> Option<Vec<(String, String)>> {
    let table: toml::Table = raw.parse().ok()?;
    fn scalar(v: &toml::Value) -> Option<String> {
        match v {
            toml::Value::String(s) => Some(s.clone()),
            toml::Value::Datetime(d) => Some(d.to_string()),
            toml::Value::Integer(i) => Some(i.to_string()),
            // `aliases = ["2019/05/15/x.html"]`: the first.
            toml::Value::Array(a) => a.iter().find_map(scalar),
            _ => None,
        }
    }
    let mut out: Vec<(String, String)> = table
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), scalar(v)?)))
        .collect();
    // Zola keeps extra keys under `[extra]`, Hugo under `[params]`.
    for section in ["extra", "params", "taxonomies"] {
        if let Some(toml::Value::Table(t)) = table.get(section) {
            out.extend(t.iter().filter_map(|(k, v)| Some((k.clone(), scalar(v)?))));
        }
    }
    Some(out)
}

/// `Key: value` / `key = "value"` lines, for front matter that does not
/// parse (a stray colon in a title) and for metadata comments.
fn loose_pairs(raw: &str) -> Vec<(String, String)> {
    raw.lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(':').or_else(|| l.split_once('='))?;
            let k = k.trim();
            if k.is_empty()
                || k.len() > 40
                || !k
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                return None;
            }
            let v = v.trim().trim_matches(|c| c == '"' || c == '\'').trim();
            (!v.is_empty()).then(|| (k.replace('-', "_"), v.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(doc: &Document, f: Field) -> Option<&str> {
        doc.candidates(f).first().map(|c| c.value.as_str())
    }

    #[test]
    fn yaml_front_matter_is_metadata_not_body() {
        let (doc, body) = split(
            "---\ntitle: \"Cyber: the new frontier\"\ndate: 2021-03-04T10:00:00Z\nurl: https://ex.org/a/\ntags: [x, y]\n---\n\nBody text.\n",
        );
        assert_eq!(value(&doc, Field::Title), Some("Cyber: the new frontier"));
        assert_eq!(value(&doc, Field::Date), Some("2021-03-04T10:00:00Z"));
        assert_eq!(value(&doc, Field::Url), Some("https://ex.org/a/"));
        assert_eq!(body.trim(), "Body text.");
    }

    #[test]
    fn keys_in_the_sites_own_language_count() {
        let (doc, _) =
            split("---\nTitel: Lage im Sahel\nDatum: 2024-11-20\nTyp: Entwurf\n---\nText\n");
        assert_eq!(value(&doc, Field::Title), Some("Lage im Sahel"));
        assert_eq!(value(&doc, Field::Date), Some("2024-11-20"));
    }

    #[test]
    fn a_key_naming_the_documents_own_day_dates_it() {
        let (doc, _) = split(
            "---\ndoc_date: '1975-11-10'\ndoc_num: 333\ntitle: Cablegram to Canberra\n---\nText\n",
        );
        assert_eq!(value(&doc, Field::Date), Some("1975-11-10"));
        let (doc, _) = split("---\ntitle: A\npublication_date: 2019-04-02\n---\nText\n");
        assert_eq!(value(&doc, Field::Date), Some("2019-04-02"));
        // Another day (an event's, a deadline) is not the document's.
        let (doc, _) =
            split("---\ntitle: A\nevent_date: 2019-04-02\nend_date: 2019-05-01\n---\nText\n");
        assert_eq!(value(&doc, Field::Date), None);
    }

    #[test]
    fn a_dated_path_dates_a_post_without_a_date_key() {
        let (doc, _) = split(
            "+++\ntitle = \"4 years of Rust\"\npath = \"2019/05/15/4-Years-Of-Rust\"\naliases = [\"2019/05/15/4-Years-Of-Rust.html\"]\n+++\nText\n",
        );
        assert_eq!(value(&doc, Field::Date), Some("2019-05-15"));
        assert_eq!(
            dated_path("_posts/2018-07-01-notes.md").as_deref(),
            Some("2018-07-01")
        );
        assert_eq!(dated_path("report-20190515.md"), None);
        assert_eq!(dated_path("v2019/05/15"), None);
    }

    #[test]
    fn the_last_modification_dates_a_page_that_states_no_other_date() {
        let (doc, _) =
            split("---\ntitle: Privacy\nlastmod: 2025-01-15\nshow_lastmod: 1\n---\nText\n");
        assert_eq!(value(&doc, Field::Date), Some("2025-01-15"));
        // A publication date, a dated name come first.
        let (doc, _) = split("---\ndate: 2020-05-01\nlastmod: 2025-01-15\n---\nText\n");
        assert_eq!(value(&doc, Field::Date), Some("2020-05-01"));
        let (doc, _, _) = split_named(
            "---\ntitle: Notes\nupdated: 2025-01-15\n---\nText\n",
            "_posts/2018-07-01-notes.md",
        );
        assert_eq!(value(&doc, Field::Date), Some("2018-07-01"));
    }

    #[test]
    fn toml_front_matter_with_extra() {
        let (doc, body) = split(
            "+++\ntitle = \"Rapport annuel\"\ndate = 2020-05-01\n[extra]\nlang = \"fr\"\n+++\nTexte.\n",
        );
        assert_eq!(value(&doc, Field::Title), Some("Rapport annuel"));
        assert_eq!(value(&doc, Field::Date), Some("2020-05-01"));
        assert_eq!(value(&doc, Field::Language), Some("fr"));
        assert_eq!(body, "Texte.\n");
    }

    #[test]
    fn broken_yaml_is_read_line_by_line_and_still_removed() {
        let (doc, body) = split("---\ntitle: A: B: C\ndate: 2019-01-02\n---\nText\n");
        assert_eq!(value(&doc, Field::Title), Some("A: B: C"));
        assert_eq!(body, "Text\n");
    }

    #[test]
    fn metadata_comment() {
        let (doc, body) = split("<!--\nTitle: Notes\nDate: 2018-07-01\n-->\n# Notes\n");
        assert_eq!(value(&doc, Field::Title), Some("Notes"));
        assert_eq!(body.trim(), "# Notes");
        // A comment that is not metadata stays for the body's own pass.
        let (doc, body) = split("<!-- nothing here -->\nText");
        assert!(doc.candidates.is_empty());
        assert!(body.starts_with("<!--"));
    }

    #[test]
    fn a_rule_is_not_front_matter() {
        let text = "Title\n---\n\nText\n";
        assert_eq!(split(text).1, text);
        let unclosed = "---\ntitle: x\nno end";
        assert_eq!(split(unclosed).1, unclosed);
        let rules = "---\nSome prose between rules, not metadata.\n---\nMore.\n";
        assert_eq!(split(rules).1, rules);
        let colon = "---\nNote: prose with a colon\nand a second line of prose.\n---\nMore.\n";
        assert_eq!(split(colon).1, colon);
    }
}

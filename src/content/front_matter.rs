//! YAML front matter: splitting it from the body and parsing it into the
//! fixed set of keys every stage relies on (see DESIGN.md).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// Largest front matter accepted, in bytes. Front matter is metadata; a
/// block larger than this is almost certainly a missing closing `---`.
pub const MAX_FRONT_MATTER: usize = 64 * 1024;

/// The keys a content file may set, for messages.
pub const VALID_KEYS: &[&str] = &[
    "kind",
    "title",
    "symbol",
    "date",
    "language",
    "languages",
    "source",
    "resolutions",
    "documents",
    "countries",
    "organizations",
    "instruments",
    "topics",
    "id",
    "names",
    "aliases",
    "keywords",
    "description",
    "draft",
    "weight",
    "template",
    "extra",
];

/// What a page is about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Document,
    Resolution,
    DocumentRef,
    Country,
    Organization,
    Instrument,
    Topic,
    #[default]
    Page,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Document => "document",
            Kind::Resolution => "resolution",
            Kind::DocumentRef => "document-ref",
            Kind::Country => "country",
            Kind::Organization => "organization",
            Kind::Instrument => "instrument",
            Kind::Topic => "topic",
            Kind::Page => "page",
        }
    }
}

/// Parsed front matter. Unknown keys are rejected.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(default)]
    pub kind: Kind,
    #[serde(deserialize_with = "de_text")]
    pub title: String,
    #[serde(default, deserialize_with = "de_opt_text")]
    pub symbol: Option<String>,
    /// `YYYY-MM-DD`, checked by [`FrontMatter::validate`].
    #[serde(default, deserialize_with = "de_opt_text")]
    pub date: Option<String>,
    /// Primary language, ISO 639-1.
    #[serde(default, deserialize_with = "de_opt_text")]
    pub language: Option<String>,
    #[serde(default, deserialize_with = "de_list")]
    pub languages: Vec<String>,
    #[serde(default, deserialize_with = "de_opt_text")]
    pub source: Option<String>,
    #[serde(default, deserialize_with = "de_list")]
    pub resolutions: Vec<String>,
    #[serde(default, deserialize_with = "de_list")]
    pub documents: Vec<String>,
    #[serde(default, deserialize_with = "de_list")]
    pub countries: Vec<String>,
    #[serde(default, deserialize_with = "de_list")]
    pub organizations: Vec<String>,
    #[serde(default, deserialize_with = "de_list")]
    pub instruments: Vec<String>,
    #[serde(default, deserialize_with = "de_list")]
    pub topics: Vec<String>,
    /// Entity id (`ARG`, `s-res-2341-2017`, …).
    #[serde(default, deserialize_with = "de_opt_text")]
    pub id: Option<String>,
    /// Entity name per language.
    #[serde(default, deserialize_with = "de_names")]
    pub names: BTreeMap<String, String>,
    #[serde(default, deserialize_with = "de_list")]
    pub aliases: Vec<String>,
    #[serde(default, deserialize_with = "de_list")]
    pub keywords: Vec<String>,
    #[serde(default, deserialize_with = "de_opt_text")]
    pub description: Option<String>,
    /// Drafts are not built.
    #[serde(default)]
    pub draft: bool,
    /// Sort key in lists (smaller first).
    #[serde(default)]
    pub weight: Option<i64>,
    /// Template to render this page with instead of the default.
    #[serde(default, deserialize_with = "de_opt_text")]
    pub template: Option<String>,
    /// Free data passed to templates as `page.extra`.
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Front matter and body of a content file.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// 1-based line of the file where the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// An error in front matter, positioned in the file (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub column: Option<usize>,
    pub message: String,
}

fn err(line: usize, column: Option<usize>, message: impl Into<String>) -> FrontMatterError {
    FrontMatterError {
        line,
        column,
        message: message.into(),
    }
}

/// Splits `---\n yaml \n---\n body`. A leading byte-order mark is ignored.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Err(err(
            1,
            Some(1),
            "expected front matter: the file must start with a `---` line, then YAML with at least `title:`, then a closing `---` line",
        ));
    }
    let yaml_start = first_end;
    let mut pos = yaml_start;
    let mut line = 2;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let l = text[pos..end].trim_end();
        if l == "---" || l == "..." {
            let yaml = &text[yaml_start..pos];
            if yaml.len() > MAX_FRONT_MATTER {
                return Err(err(
                    2,
                    None,
                    format!(
                        "front matter is {} KiB; at most {} KiB is accepted",
                        yaml.len() / 1024,
                        MAX_FRONT_MATTER / 1024
                    ),
                ));
            }
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body: &text[end..],
                body_line: line + 1,
            });
        }
        if pos - yaml_start > MAX_FRONT_MATTER {
            break;
        }
        pos = end;
        line += 1;
    }
    Err(err(
        1,
        Some(1),
        "front matter is not closed: expected a `---` line after the YAML",
    ))
}

/// Parses the YAML of [`Split`] and validates the values.
pub fn parse(split: &Split<'_>) -> Result<FrontMatter, FrontMatterError> {
    if split.yaml.trim().is_empty() {
        return Err(err(
            split.yaml_line,
            None,
            "front matter is empty: expected at least `title: ...`",
        ));
    }
    let fm: FrontMatter = serde_yaml::from_str(split.yaml).map_err(|e| {
        let (line, column) = match e.location() {
            Some(loc) => (split.yaml_line + loc.line() - 1, Some(loc.column())),
            None => (split.yaml_line, None),
        };
        err(
            line,
            column,
            describe_yaml_error(&e.to_string(), split.yaml_line),
        )
    })?;
    fm.validate(split)?;
    Ok(fm)
}

/// Makes serde's messages say what to do. Positions inside the message
/// (yaml_serde's "at line L column C") are YAML-relative: the first is
/// dropped (it is reported as file:line:col), later ones are shifted to
/// file lines.
fn describe_yaml_error(raw: &str, yaml_line: usize) -> String {
    let mut msg = String::new();
    let mut rest = raw;
    let mut first = true;
    while let Some(i) = rest.find(" at line ") {
        msg.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        let line: usize = after[..digits].parse().unwrap_or(1);
        let mut tail = &after[digits..];
        let mut column = None;
        if let Some(c) = tail.strip_prefix(" column ") {
            let d = c.find(|ch: char| !ch.is_ascii_digit()).unwrap_or(c.len());
            column = c[..d].parse::<usize>().ok();
            tail = &c[d..];
        }
        if !first {
            msg.push_str(&format!(" started at line {}", yaml_line + line - 1));
            if let Some(col) = column {
                msg.push_str(&format!(", column {col}"));
            }
        }
        first = false;
        rest = tail;
    }
    msg.push_str(rest);
    if msg.starts_with("unknown field") {
        let key = msg.split('`').nth(1).unwrap_or("?");
        return format!(
            "unknown front matter key `{key}`; valid keys are: {}",
            VALID_KEYS.join(", ")
        );
    }
    if msg.starts_with("missing field `title`") {
        return "missing `title:` (every page needs a title)".to_string();
    }
    let msg = msg
        .replace("invalid type: sequence, expected", "found a list, expected")
        .replace("invalid type: map, expected", "found a mapping, expected")
        .replace("invalid type: string", "found text")
        .replace("invalid type: unit value, expected", "found null, expected")
        .replace("expected a sequence", "expected a list like [a, b]");
    if let Some((key, _)) = msg.split_once(": ")
        && VALID_KEYS.contains(&key)
    {
        return format!("`{key}`{}", &msg[key.len()..]);
    }
    msg
}

impl FrontMatter {
    /// Checks values serde cannot: date format, language codes, non-empty title.
    fn validate(&self, split: &Split<'_>) -> Result<(), FrontMatterError> {
        let line_of = |key: &str| key_line(split, key);
        if self.title.trim().is_empty() {
            return Err(err(line_of("title"), None, "`title` must not be empty"));
        }
        if let Some(date) = &self.date
            && !is_date(date)
        {
            return Err(err(
                line_of("date"),
                None,
                format!(
                    "`date: {date}` is not a date: expected YYYY-MM-DD (e.g. 2019-07-30) or null"
                ),
            ));
        }
        if let Some(lang) = &self.language
            && !is_language(lang)
        {
            return Err(err(
                line_of("language"),
                None,
                format!("`language: {lang}` is not an ISO 639-1 code like en, zh or vi"),
            ));
        }
        if let Some(name) = &self.template {
            crate::render::check_page_template(name)
                .map_err(|m| err(line_of("template"), None, m))?;
        }
        if let Some((path, url)) = script_url_in(&self.extra, "extra") {
            return Err(err(
                value_line(split, &url).unwrap_or_else(|| line_of("extra")),
                None,
                format!(
                    "`{path}: {url}` is a URL that runs or embeds code (javascript:, vbscript:, data:); front matter never gives a page a script"
                ),
            ));
        }
        if let Some(bad) = self.languages.iter().find(|l| !is_language(l)) {
            return Err(err(
                line_of("languages"),
                None,
                format!(
                    "`languages` contains {bad:?}, which is not an ISO 639-1 code like en, zh or vi"
                ),
            ));
        }
        Ok(())
    }
}

/// The first string under `extra` (depth first, keys in order) that is a
/// `javascript:`, `vbscript:` or `data:` URL, with its dotted path.
fn script_url_in(
    map: &serde_json::Map<String, serde_json::Value>,
    path: &str,
) -> Option<(String, String)> {
    fn walk(value: &serde_json::Value, path: String) -> Option<(String, String)> {
        match value {
            serde_json::Value::String(s) if crate::markdown::sanitize::is_dangerous_url(s) => {
                Some((path, s.clone()))
            }
            serde_json::Value::Array(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, v)| walk(v, format!("{path}[{i}]"))),
            serde_json::Value::Object(map) => {
                map.iter().find_map(|(k, v)| walk(v, format!("{path}.{k}")))
            }
            _ => None,
        }
    }
    map.iter().find_map(|(k, v)| walk(v, format!("{path}.{k}")))
}

/// Line of the first YAML line that holds `text`, if one does.
fn value_line(split: &Split<'_>, text: &str) -> Option<usize> {
    split
        .yaml
        .lines()
        .position(|l| l.contains(text))
        .map(|i| split.yaml_line + i)
}

/// Line of a top-level `key:` in the front matter, or the first YAML line.
fn key_line(split: &Split<'_>, key: &str) -> usize {
    split
        .yaml
        .lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(split.yaml_line, |i| split.yaml_line + i)
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let year: u32 = s[0..4].parse().unwrap_or(0);
    let month: u32 = s[5..7].parse().unwrap_or(0);
    let day: u32 = s[8..10].parse().unwrap_or(0);
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    (1..=days).contains(&day)
}

fn is_language(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts
            .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Accepts a YAML scalar as text, exactly as written: `symbol: 2341` is
/// the text "2341", and `title: 0x1F` stays "0x1F" (read as a number it
/// would become 31; `1e3` would become 1000). The deserializer is asked
/// for a string, which gives the scalar's own text.
struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
}

#[derive(PartialEq)]
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        d.deserialize_str(TextVisitor).map(Text)
    }
}

/// A required text: `null` (or nothing after the colon) is an error.
fn de_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Option::<Text>::deserialize(d)? {
        Some(t) => Ok(t.0),
        None => Err(de::Error::invalid_type(de::Unexpected::Unit, &"text")),
    }
}

fn de_opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<Text>::deserialize(d)?.map(|t| t.0))
}

/// A list of scalars; `null` means empty.
fn de_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let list = Option::<Vec<Text>>::deserialize(d)?;
    Ok(list.unwrap_or_default().into_iter().map(|t| t.0).collect())
}

/// A map language → name; `null` means empty.
fn de_names<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    let map = Option::<BTreeMap<String, Text>>::deserialize(d)?;
    Ok(map
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, v.0))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_file(text: &str) -> Result<FrontMatter, FrontMatterError> {
        parse(&split(text)?)
    }

    #[test]
    fn document_front_matter_from_design() {
        let text = "---\nkind: document\ntitle: 打击为犯罪目的使用信息和通信技术行为\nsymbol: A/74/130\ndate: 2019-07-30\nlanguage: zh\nlanguages: [zh]\nsource: seeds/003.txt\nresolutions: [\"S/RES/1373 (2001)\", \"A/RES/73/187\"]\ndocuments: [\"S/2015/939\"]\ncountries: [ARG, ARM]\norganizations: [UNODC]\ninstruments: [budapest-convention]\ntopics: [cybercrime, digital-evidence]\n---\n\nBody\n";
        let fm = parse_file(text).unwrap();
        assert_eq!(fm.kind, Kind::Document);
        assert_eq!(fm.symbol.as_deref(), Some("A/74/130"));
        assert_eq!(fm.date.as_deref(), Some("2019-07-30"));
        assert_eq!(fm.countries, vec!["ARG", "ARM"]);
        assert_eq!(fm.resolutions[0], "S/RES/1373 (2001)");
        let s = split(text).unwrap();
        assert_eq!(s.body_line, 16);
        assert!(s.body.starts_with("\nBody"));
    }

    #[test]
    fn entity_page_with_names_and_nulls() {
        let fm = parse_file(
            "---\nkind: country\nid: ARG\ntitle: Argentina\nnames: {zh: 阿根廷, vi: Argentina}\naliases: null\nsymbol: null\ndate: null\n---\n",
        )
        .unwrap();
        assert_eq!(fm.kind, Kind::Country);
        assert_eq!(fm.names["zh"], "阿根廷");
        assert!(fm.aliases.is_empty() && fm.symbol.is_none() && fm.date.is_none());
    }

    #[test]
    fn unknown_key_is_named_with_line_and_valid_keys() {
        let e = parse_file("---\ntitle: X\n\ncountry: [ARG]\n---\n").unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.message.contains("`country`"), "{}", e.message);
        assert!(e.message.contains("countries"), "{}", e.message);
    }

    #[test]
    fn yaml_syntax_error_has_file_line_and_column() {
        let e = parse_file("---\ntitle: X\ncountries: [ARG\n---\n").unwrap_err();
        assert_eq!((e.line, e.column), (4, Some(1)), "{e:?}");
        assert!(
            e.message
                .ends_with("while parsing a flow sequence started at line 3, column 12"),
            "{}",
            e.message
        );
    }

    #[test]
    fn bad_values_are_explained() {
        assert!(parse_file("---\ntitle: X\ndate: 2019-02-29\n---\n").is_err());
        assert!(parse_file("---\ntitle: X\ndate: 2020-02-29\n---\n").is_ok());
        let e = parse_file("---\ntitle: X\ndate: 30/07/2019\n---\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("YYYY-MM-DD"), "{}", e.message);
        let e = parse_file("---\ntitle: X\nkind: treaty\n---\n").unwrap_err();
        assert!(
            e.message.starts_with("`kind`: unknown variant"),
            "{}",
            e.message
        );
        assert!(e.message.contains("document-ref"), "{}", e.message);
        let e = parse_file("---\ntitle: X\ncountries: ARG\n---\n").unwrap_err();
        assert!(e.message.contains("list like [a, b]"), "{}", e.message);
        let e = parse_file("---\nkind: page\n---\n").unwrap_err();
        assert!(e.message.contains("title"), "{}", e.message);
        let e = parse_file("---\ntitle: X\nlanguage: Chinese\n---\n").unwrap_err();
        assert_eq!(e.line, 3);
    }

    #[test]
    fn missing_or_unclosed_front_matter() {
        assert!(split("# Just markdown\n").is_err());
        let e = split("---\ntitle: X\n\nBody text\n").unwrap_err();
        assert!(e.message.contains("not closed"), "{}", e.message);
    }

    #[test]
    fn oversized_front_matter_is_refused() {
        let big = format!(
            "---\ntitle: X\nextra: {{a: \"{}\"}}\n---\n",
            "x".repeat(70_000)
        );
        let e = split(&big).unwrap_err();
        assert!(e.message.contains("KiB"), "{}", e.message);
    }

    #[test]
    fn numbers_are_accepted_as_text_and_extra_is_free() {
        let fm = parse_file("---\ntitle: 2019\nsymbol: 42\nextra:\n  color: red\n  n: 3\n---\n")
            .unwrap();
        assert_eq!(fm.title, "2019");
        assert_eq!(fm.symbol.as_deref(), Some("42"));
        assert_eq!(fm.extra["n"], serde_json::json!(3));
    }

    /// YAML would read these as numbers (31, 15, 1000, 1.5); the page
    /// keeps what its author wrote.
    #[test]
    fn number_like_text_is_kept_as_written() {
        for title in [
            "0x1F", "0o17", "1e3", "1.50", "+12", "1_000", ".inf", "2019",
        ] {
            let fm = parse_file(&format!("---\ntitle: {title}\n---\n")).unwrap();
            assert_eq!(fm.title, title);
        }
        let fm = parse_file(
            "---\ntitle: X\nsymbol: 0x10\ndescription: 1e3\ncountries: [0x1F, 007]\nnames: {en: 0o17}\n---\n",
        )
        .unwrap();
        assert_eq!(fm.symbol.as_deref(), Some("0x10"));
        assert_eq!(fm.description.as_deref(), Some("1e3"));
        assert_eq!(fm.countries, ["0x1F", "007"]);
        assert_eq!(fm.names["en"], "0o17");
        let e = parse_file("---\ntitle: null\n---\n").unwrap_err();
        assert!(e.message.contains("found null"), "{}", e.message);
    }

    /// Random front matter never panics; every error has a line ≥ 1.
    #[test]
    fn random_front_matter_never_panics() {
        const PARTS: &[&str] = &[
            "---\n",
            "title: X\n",
            "title: [\n",
            "date: 2019-02-30\n",
            "kind: country\n",
            "names: {zh: 阿根廷}\n",
            "  - a\n",
            "countries: [ARG,\n",
            ": :\n",
            "\u{feff}",
            "...\n",
            "extra: {a: &x 1, b: *x}\n",
            "\"unterminated\n",
            "\t\n",
            "draft: yes\n",
            "é\n",
        ];
        let mut rng = crate::test_support::Lcg::new(42);
        for _ in 0..3000 {
            let text = rng.text(PARTS, 1, 10);
            if let Err(e) = parse_file(&text) {
                assert!(e.line >= 1, "{text:?}: {e:?}");
                assert!(!e.message.is_empty());
            }
        }
    }
}

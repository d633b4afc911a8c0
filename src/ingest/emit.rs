//! Emit: structured documents → markdown pages with YAML front matter,
//! entity pages, and the manifest that protects editors' work.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::entities::{EntityId, EntityKind, Mention, Recognizer};
use super::metadata::Metadata;
use super::structure::{Block, FN_CLOSE, FN_OPEN, Structured};
use super::text::escape_md_from;
use super::{IngestError, IngestReport};

/// One document ready to be written.
#[derive(Debug)]
pub struct DocPage {
    /// `documents/<slug>.md`
    pub path: String,
    pub slug: String,
    pub source: String,
    pub structured: Structured,
    pub meta: Metadata,
}

/// Where a mention links to, seen from `content/documents/`.
struct LinkTargets<'a> {
    /// Symbols of seed documents → their page slug.
    seed_docs: &'a BTreeMap<String, Vec<(String, String)>>,
    own_symbol: Option<&'a str>,
    language: &'a str,
}

impl LinkTargets<'_> {
    fn href(&self, e: &EntityId) -> Option<String> {
        if self.own_symbol == Some(e.id.as_str())
            && matches!(e.kind, EntityKind::DocumentRef | EntityKind::Resolution)
        {
            return None;
        }
        if e.kind == EntityKind::DocumentRef
            && let Some(versions) = self.seed_docs.get(&e.id)
        {
            // The version in the citing document's language, else the first.
            let slug = versions
                .iter()
                .find(|(lang, _)| lang == self.language)
                .or(versions.first())
                .map(|(_, slug)| slug.as_str())
                .unwrap_or_default();
            return Some(format!("../documents/{slug}.md"));
        }
        Some(format!("../{}", e.content_path()))
    }
}

/// Renders a document page; returns its text and the entities it cites.
pub fn render_document(
    doc: &DocPage,
    rec: &Recognizer,
    seed_docs: &BTreeMap<String, Vec<(String, String)>>,
) -> (String, BTreeSet<EntityId>) {
    let targets = LinkTargets {
        seed_docs,
        own_symbol: doc.meta.symbol.as_deref(),
        language: &doc.meta.language,
    };
    let md = doc.structured.markdown;
    let mut seen: BTreeSet<EntityId> = BTreeSet::new();
    let mut body = String::new();
    // Kind of the previous list item: None, Some(false) bullet, Some(true) ordered.
    let mut prev_list: Option<bool> = None;
    for block in &doc.structured.blocks {
        let is_list = matches!(block, Block::ListItem(_));
        if !body.is_empty() {
            let same_list = is_list && prev_list == Some(list_kind(block, md));
            body.push_str(if same_list { "\n" } else { "\n\n" });
        }
        prev_list = is_list.then(|| list_kind(block, md));
        match block {
            Block::Heading { level, text } => {
                body.push_str(&"#".repeat((*level).clamp(1, 6) as usize));
                body.push(' ');
                body.push_str(&link_text(text, rec, &targets, md, &mut seen));
            }
            Block::ListItem(text) => {
                // Ordered items (markdown input) carry their own number.
                if !(md && super::structure::ORDERED.is_match(text)) {
                    body.push_str("- ");
                }
                body.push_str(&link_text(text, rec, &targets, md, &mut seen));
            }
            Block::Para { num, text, items } => {
                if let Some(n) = num {
                    body.push_str(&format!("{n}\\. "));
                }
                let mut parts: Vec<String> = Vec::new();
                if !text.is_empty() {
                    parts.push(link_text(text, rec, &targets, md, &mut seen));
                }
                for item in items {
                    parts.push(link_text(item, rec, &targets, md, &mut seen));
                }
                let mut joined = parts.join("\\\n");
                if num.is_none() {
                    joined = protect_line_start(&joined);
                }
                body.push_str(&joined);
                if let Some(n) = num {
                    body.push_str(&format!(" ^p-{n}"));
                }
            }
        }
    }
    if !doc.structured.footnotes.is_empty() {
        body.push('\n');
        for (label, text) in &doc.structured.footnotes {
            body.push_str(&format!(
                "\n[^{label}]: {}",
                link_text(text, rec, &targets, md, &mut seen)
            ));
        }
    }
    body.push('\n');

    let mut by_kind: BTreeMap<EntityKind, Vec<&str>> = BTreeMap::new();
    for e in &seen {
        by_kind.entry(e.kind).or_default().push(&e.id);
    }
    let list = |k: EntityKind| -> String {
        let mut ids: Vec<&str> = by_kind.get(&k).cloned().unwrap_or_default();
        ids.sort();
        ids.dedup();
        yaml_list(&ids)
    };
    let m = &doc.meta;
    let mut fm = String::from("---\n");
    fm.push_str("kind: document\n");
    fm.push_str(&format!(
        "title: {}\n",
        yaml_str(doc.structured.title.as_deref().unwrap_or(&doc.slug))
    ));
    fm.push_str(&format!(
        "symbol: {}\n",
        m.symbol.as_deref().map_or("null".into(), yaml_str)
    ));
    fm.push_str(&format!("date: {}\n", m.date.as_deref().unwrap_or("null")));
    fm.push_str(&format!("language: {}\n", m.language));
    let langs: Vec<&str> = m.languages.iter().map(String::as_str).collect();
    fm.push_str(&format!("languages: {}\n", yaml_list(&langs)));
    fm.push_str(&format!("source: {}\n", yaml_str(&doc.source)));
    for k in [
        EntityKind::Resolution,
        EntityKind::DocumentRef,
        EntityKind::Country,
        EntityKind::Organization,
        EntityKind::Instrument,
        EntityKind::Topic,
    ] {
        fm.push_str(&format!("{}: {}\n", k.front_matter_key(), list(k)));
    }
    fm.push_str("---\n\n");
    fm.push_str(&body);
    (fm, seen)
}

fn list_kind(block: &Block, markdown: bool) -> bool {
    matches!(block, Block::ListItem(t) if markdown && super::structure::ORDERED.is_match(t))
}

/// Keeps a paragraph that starts like a list marker or an ordered list
/// item (`1. `, `2) `) from becoming one.
fn protect_line_start(s: &str) -> String {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 10 && matches!(s.as_bytes().get(digits), Some(b'.') | Some(b')')) {
        return format!("{}\\{}", &s[..digits], &s[digits..]);
    }
    s.to_string()
}

/// Text with recognised mentions turned into relative links, escaped for
/// markdown (unless it is markdown already), footnote markers as `[^N]`.
fn link_text(
    text: &str,
    rec: &Recognizer,
    targets: &LinkTargets,
    markdown: bool,
    seen: &mut BTreeSet<EntityId>,
) -> String {
    let mentions: Vec<Mention> = rec.find(text);
    let protected = protected_ranges(text, markdown);
    let esc = |s: &str, start: bool| -> String {
        if markdown {
            escape_raw_html(s)
        } else {
            escape_md_from(s, start)
        }
    };
    let mut out = String::with_capacity(text.len() + 32);
    let mut at = 0;
    for m in mentions {
        if m.start < at
            || m.end > text.len()
            || m.start >= m.end
            || !text.is_char_boundary(m.start)
            || !text.is_char_boundary(m.end)
        {
            continue;
        }
        if protected.iter().any(|&(s, e)| m.start < e && m.end > s) {
            continue;
        }
        let surface = &text[m.start..m.end];
        if surface.contains([FN_OPEN, FN_CLOSE]) {
            continue;
        }
        let Some(href) = targets.href(&m.entity) else {
            continue;
        };
        seen.insert(m.entity.clone());
        out.push_str(&esc(&text[at..m.start], at == 0));
        out.push('[');
        out.push_str(
            &escape_md_from(surface, false)
                .replace('(', "\\(")
                .replace(')', "\\)"),
        );
        out.push_str("](");
        out.push_str(&href);
        out.push(')');
        at = m.end;
    }
    out.push_str(&esc(&text[at..], at == 0));
    out.replace(FN_OPEN, "[^").replace(FN_CLOSE, "]")
}

/// Markdown input keeps its markup but not raw HTML (`<script>`, `<div>`):
/// a `<` that opens a tag is escaped; autolinks `<https://…>` stay.
fn escape_raw_html(s: &str) -> String {
    if !s.contains('<') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let autolink = after.starts_with("http://")
            || after.starts_with("https://")
            || after.starts_with("mailto:");
        let tag = after
            .starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        if tag && !autolink {
            out.push('\\');
        }
        out.push('<');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Byte ranges where no link may be made: web addresses always; in
/// markdown also existing links, code spans and inline HTML.
fn protected_ranges(text: &str, markdown: bool) -> Vec<(usize, usize)> {
    static MD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"\[[^\]]*\]\([^)]*\)|`[^`]*`|<[^>]+>|(?:https?://|www\.)[^\s\p{Han}，。]+",
        )
        .unwrap()
    });
    static URL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:https?://|www\.)[^\s\p{Han}，。]+|[\w.+-]+@[\w-]+\.[\w.-]+").unwrap()
    });
    let re = if markdown { &*MD } else { &*URL };
    re.find_iter(text).map(|m| (m.start(), m.end())).collect()
}

/// An entity's page: front matter only; editors add the prose.
pub fn render_entity(e: &EntityId, rec: &Recognizer) -> String {
    let info = rec.info(e);
    let mut fm = String::from("---\n");
    let kind = match e.kind {
        EntityKind::Resolution => "resolution",
        EntityKind::DocumentRef => "document-ref",
        EntityKind::Country => "country",
        EntityKind::Organization => "organization",
        EntityKind::Instrument => "instrument",
        EntityKind::Topic => "topic",
    };
    fm.push_str(&format!("kind: {kind}\n"));
    fm.push_str(&format!("id: {}\n", yaml_str(&e.id)));
    let title = if info.title.is_empty() {
        e.id.clone()
    } else {
        info.title.clone()
    };
    fm.push_str(&format!("title: {}\n", yaml_str(&title)));
    if info.names.is_empty() {
        fm.push_str("names: {}\n");
    } else {
        fm.push_str("names:\n");
        for (lang, name) in &info.names {
            fm.push_str(&format!("  {}: {}\n", yaml_str(lang), yaml_str(name)));
        }
    }
    let mut aliases: Vec<&str> = info.aliases.iter().map(String::as_str).collect();
    aliases.sort();
    aliases.dedup();
    if e.kind == EntityKind::Topic {
        fm.push_str("aliases: []\n");
        fm.push_str(&format!("keywords: {}\n", yaml_list(&aliases)));
    } else {
        fm.push_str(&format!("aliases: {}\n", yaml_list(&aliases)));
    }
    fm.push_str("---\n");
    fm
}

/// A YAML scalar: plain when it is unambiguous, else double-quoted.
pub fn yaml_str(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '_' | '-'))
        && s.chars().next().is_some_and(|c| c.is_alphanumeric())
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "~"
        )
        && s.parse::<f64>().is_err()
        && !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '.');
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
    }
}

fn yaml_list(items: &[&str]) -> String {
    let inner: Vec<String> = items.iter().map(|s| yaml_str(s)).collect();
    format!("[{}]", inner.join(", "))
}

// ---------------------------------------------------------------- writing

/// Paths (relative to `content/`) → sha256 of what ingest last wrote.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    pub version: u32,
    pub files: BTreeMap<String, String>,
}

pub const MANIFEST: &str = ".pilcrow/ingest.json";

impl Manifest {
    pub fn load(content: &Path) -> Result<Manifest, IngestError> {
        let path = content.join(MANIFEST);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| IngestError::Input {
                path,
                message: format!("unreadable manifest ({e}); delete it to start afresh"),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Manifest {
                version: 1,
                files: BTreeMap::new(),
            }),
            Err(source) => Err(IngestError::Io { path, source }),
        }
    }

    pub fn save(&self, content: &Path) -> Result<(), IngestError> {
        let path = content.join(MANIFEST);
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        if std::fs::read(&path).ok().as_deref() == Some(text.as_bytes()) {
            return Ok(());
        }
        write_atomic(&path, text.as_bytes())
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Who may overwrite a file that is already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ownership {
    /// Document pages: ingest's unless edited (`--force` overwrites).
    Document,
    /// Entity pages: an editor-created page (never written by ingest) is
    /// never overwritten, not even with `--force`.
    Entity,
}

/// Writes `rel` under `content` unless an editor changed it since ingest
/// last wrote it; records the outcome in `report` and `manifest`.
pub fn write_page(
    content: &Path,
    rel: &str,
    text: &str,
    own: Ownership,
    force: bool,
    manifest: &mut Manifest,
    report: &mut IngestReport,
) -> Result<(), IngestError> {
    let path = content.join(rel);
    let new_hash = sha256_hex(text.as_bytes());
    let existing = match std::fs::read(&path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(IngestError::Io { path, source }),
    };
    if let Some(bytes) = existing {
        let disk_hash = sha256_hex(&bytes);
        match manifest.files.get(rel) {
            Some(h) if *h == disk_hash => {}
            Some(_) if !force => {
                keep(report, &path, "was edited since ingest wrote it");
                return Ok(());
            }
            None if own == Ownership::Entity => return Ok(()),
            None if !force => {
                keep(report, &path, "was not written by ingest");
                return Ok(());
            }
            _ => {}
        }
        if disk_hash == new_hash {
            manifest.files.insert(rel.to_string(), new_hash);
            report.unchanged += 1;
            return Ok(());
        }
    }
    write_atomic(&path, text.as_bytes())?;
    manifest.files.insert(rel.to_string(), new_hash);
    report.written += 1;
    Ok(())
}

fn keep(report: &mut IngestReport, path: &Path, why: &str) {
    report.warnings.push(format!(
        "{}: {why}; left as it is (use --force to overwrite)",
        path.display()
    ));
    report.kept_edited.push(path.to_path_buf());
}

/// Writes through a temporary file in the same directory and a rename, so
/// an interrupted run never leaves half a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), IngestError> {
    let io = |path: &Path| {
        let path: PathBuf = path.to_path_buf();
        move |source| IngestError::Io { path, source }
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(io(&tmp))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        IngestError::Io {
            path: path.to_path_buf(),
            source: e,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_in_markdown_is_escaped() {
        assert_eq!(
            escape_raw_html("a <script>x</script> b"),
            "a \\<script>x\\</script> b"
        );
        assert_eq!(
            escape_raw_html("see <https://un.org> and 3 < 4"),
            "see <https://un.org> and 3 < 4"
        );
    }

    #[test]
    fn yaml_scalars() {
        assert_eq!(yaml_str("A/74/130"), "A/74/130");
        assert_eq!(yaml_str("S/RES/1373 (2001)"), "\"S/RES/1373 (2001)\"");
        assert_eq!(yaml_str("null"), "\"null\"");
        assert_eq!(yaml_str("2019"), "\"2019\"");
        assert_eq!(yaml_str("标题: 副标题"), "\"标题: 副标题\"");
        assert_eq!(yaml_str("阿根廷"), "阿根廷");
    }

    #[test]
    fn ordered_list_lookalikes_are_escaped() {
        assert_eq!(protect_line_start("2019. Year"), "2019\\. Year");
        assert_eq!(protect_line_start("Text 1."), "Text 1.");
    }

    #[test]
    fn manifest_protects_edits() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = Manifest::default();
        let mut r = IngestReport::default();
        write_page(
            dir.path(),
            "documents/x.md",
            "one\n",
            Ownership::Document,
            false,
            &mut m,
            &mut r,
        )
        .unwrap();
        assert_eq!(r.written, 1);
        std::fs::write(dir.path().join("documents/x.md"), "edited\n").unwrap();
        write_page(
            dir.path(),
            "documents/x.md",
            "two\n",
            Ownership::Document,
            false,
            &mut m,
            &mut r,
        )
        .unwrap();
        assert_eq!(r.kept_edited.len(), 1);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("documents/x.md")).unwrap(),
            "edited\n"
        );
        write_page(
            dir.path(),
            "documents/x.md",
            "two\n",
            Ownership::Document,
            true,
            &mut m,
            &mut r,
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("documents/x.md")).unwrap(),
            "two\n"
        );
        // Editor-created entity pages are never touched.
        std::fs::create_dir_all(dir.path().join("countries")).unwrap();
        std::fs::write(dir.path().join("countries/arg.md"), "mine\n").unwrap();
        write_page(
            dir.path(),
            "countries/arg.md",
            "gen\n",
            Ownership::Entity,
            true,
            &mut m,
            &mut r,
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("countries/arg.md")).unwrap(),
            "mine\n"
        );
    }
}

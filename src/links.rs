//! Links between pages: relative `.md` links become site URLs, and every
//! internal link and anchor is checked.
//!
//! Owns the map from content paths to URLs ([`SiteIndex`]) and the rules
//! for what a link may point at. It receives pages and anchors from the
//! other stages and returns problems; it renders nothing itself.

use std::collections::{HashMap, HashSet};

use crate::content::{Content, Section};
use crate::markdown::sanitize::is_external;
use crate::markdown::{LinkAction, LinkResolver};
use crate::problem::Problem;

/// Everything a link can point at.
#[derive(Debug, Default)]
pub struct SiteIndex {
    base_path: String,
    /// Page `rel` → index in the page list.
    by_rel: HashMap<String, usize>,
    /// Page or section URL (relative to base) → page index if it has one.
    urls: HashMap<String, Option<usize>>,
    /// Section dir → URL.
    sections: HashMap<String, String>,
    assets: HashSet<String>,
    failed: HashSet<String>,
    drafts: HashSet<String>,
    displays: Vec<String>,
    page_urls: Vec<String>,
}

impl SiteIndex {
    pub fn new(base_path: &str, content: &Content, sections: &[Section]) -> SiteIndex {
        let mut index = SiteIndex {
            base_path: base_path.to_string(),
            assets: content.assets.iter().map(|a| a.rel.clone()).collect(),
            failed: content.failed.iter().cloned().collect(),
            drafts: content.drafts.iter().cloned().collect(),
            displays: content.pages.iter().map(|p| p.display.clone()).collect(),
            page_urls: content.pages.iter().map(|p| p.url.clone()).collect(),
            ..SiteIndex::default()
        };
        for s in sections {
            index.sections.insert(s.dir.clone(), s.url.clone());
            index.urls.insert(s.url.clone(), s.index_page);
        }
        for (i, p) in content.pages.iter().enumerate() {
            index.by_rel.insert(p.rel.clone(), i);
            index.urls.insert(p.url.clone(), Some(i));
        }
        index
    }

    /// A site URL for a path relative to the base: `documents/x/` →
    /// `/kb/documents/x/`.
    pub fn url(&self, rel_url: &str) -> String {
        format!("{}{}", self.base_path, encode_path(rel_url))
    }

    /// The link resolver for one page.
    pub fn for_page(&self, page: usize, rel: &str) -> PageLinks<'_> {
        PageLinks {
            index: self,
            page,
            dir: rel
                .rfind('/')
                .map_or(String::new(), |i| rel[..i].to_string()),
            problems: Vec::new(),
            anchor_refs: Vec::new(),
            outgoing: Vec::new(),
            calls: 0,
        }
    }
}

/// A link to an anchor, checked once every page is rendered.
#[derive(Debug, Clone)]
pub struct AnchorRef {
    pub line: usize,
    /// Page index of the target.
    pub target: usize,
    /// Decoded fragment, without `#`.
    pub fragment: String,
    /// The link as written, for messages.
    pub written: String,
}

/// A link from one page to another page of the site (the raw material
/// of backlinks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// 1-based line in the linking file.
    pub line: usize,
    /// Page index of the target.
    pub target: usize,
    /// Decoded fragment (`p-17`), if any.
    pub fragment: Option<String>,
    /// Ordinal of the resolver call that saw this link on its page: the
    /// key into `Rendered::link_sites` (where in the text it sits).
    pub call: usize,
}

/// Resolves the links of one page, collecting problems, anchor refs and
/// the links to other pages.
pub struct PageLinks<'a> {
    index: &'a SiteIndex,
    page: usize,
    dir: String,
    pub problems: Vec<Problem>,
    pub anchor_refs: Vec<AnchorRef>,
    /// Links to pages (not assets, not external), in document order.
    pub outgoing: Vec<InternalLink>,
    calls: usize,
}

enum Target {
    Page(usize),
    Other(String),
    Unchecked(String),
}

impl PageLinks<'_> {
    fn broken(&mut self, line: usize, dest: &str, why: &str) {
        let display = self.index.displays[self.page].clone();
        self.problems.push(Problem::at_line(
            display,
            line,
            format!("broken link to {dest} ({why})"),
        ));
    }

    fn find(&self, path: &str) -> Result<Target, String> {
        let ix = self.index;
        let absolute = path.starts_with('/');
        let joined = if absolute {
            normalize("", path.trim_start_matches('/'))
        } else {
            normalize(&self.dir, path)
        };
        let Some(rel) = joined else {
            return Err("points outside the content directory".into());
        };
        if rel.ends_with(".md") {
            if let Some(&i) = ix.by_rel.get(&rel) {
                return Ok(Target::Page(i));
            }
            if ix.failed.contains(&rel) {
                let (url, _, _) = crate::content::url_of(&rel);
                return Ok(Target::Unchecked(url));
            }
            if ix.drafts.contains(&rel) {
                return Err("that page is a draft and is not built".into());
            }
            // A section without _index.md still has a page.
            if let Some(dir) = rel.strip_suffix(crate::content::SECTION_INDEX)
                && let Some(url) = ix.sections.get(dir.trim_end_matches('/'))
            {
                return Ok(Target::Other(url.clone()));
            }
            return Err("no such page".into());
        }
        if ix.assets.contains(&rel) {
            return Ok(Target::Other(rel));
        }
        let as_dir = rel.trim_end_matches('/');
        if let Some(url) = ix.sections.get(as_dir) {
            return Ok(match ix.urls.get(url.as_str()) {
                Some(Some(i)) => Target::Page(*i),
                _ => Target::Other(url.clone()),
            });
        }
        if absolute {
            let with_slash = format!("{as_dir}/");
            if let Some(target) = ix.urls.get(&with_slash) {
                return Ok(match target {
                    Some(i) => Target::Page(*i),
                    None => Target::Other(with_slash),
                });
            }
        }
        if absolute {
            return Err("no page or file at that path".into());
        }
        let as_md = format!("{as_dir}.md");
        if ix.by_rel.contains_key(&as_md) {
            let file = as_md.rsplit('/').next().unwrap_or(&as_md);
            return Err(format!(
                "no such file; to link to that page, link to its file {file}"
            ));
        }
        Err("no such file".into())
    }
}

impl LinkResolver for PageLinks<'_> {
    fn resolve(&mut self, dest: &str, line: usize) -> LinkAction {
        let call = self.calls;
        self.calls += 1;
        if dest.is_empty() || is_external(dest) {
            return LinkAction::Keep;
        }
        let (path_query, fragment) = match dest.find('#') {
            Some(i) => (&dest[..i], Some(&dest[i + 1..])),
            None => (dest, None),
        };
        let path = path_query.split('?').next().unwrap_or("");
        let decoded_fragment = fragment.map(percent_decode).filter(|f| !f.is_empty());
        if path.is_empty() {
            if let Some(f) = decoded_fragment {
                self.anchor_refs.push(AnchorRef {
                    line,
                    target: self.page,
                    fragment: f,
                    written: dest.to_string(),
                });
            }
            return LinkAction::Keep;
        }
        let suffix = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        match self.find(&percent_decode(path)) {
            Ok(Target::Page(i)) => {
                self.outgoing.push(InternalLink {
                    line,
                    target: i,
                    fragment: decoded_fragment.clone(),
                    call,
                });
                if let Some(f) = decoded_fragment {
                    self.anchor_refs.push(AnchorRef {
                        line,
                        target: i,
                        fragment: f,
                        written: dest.to_string(),
                    });
                }
                let url = &self.index.page_urls[i];
                LinkAction::Rewrite(format!("{}{suffix}", self.index.url(url)))
            }
            Ok(Target::Other(url) | Target::Unchecked(url)) => {
                LinkAction::Rewrite(format!("{}{suffix}", self.index.url(&url)))
            }
            Err(why) => {
                self.broken(line, dest, &why);
                LinkAction::Keep
            }
        }
    }
}

/// Checks anchor refs against the anchors of every page.
pub fn check_anchors(
    refs: &[(usize, AnchorRef)],
    anchors: &[HashSet<String>],
    displays: &[String],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (from, r) in refs {
        if !anchors[r.target].contains(&r.fragment) {
            let why = if r.target == *from {
                format!("no anchor #{} in this page", r.fragment)
            } else {
                format!("no anchor #{} in {}", r.fragment, displays[r.target])
            };
            problems.push(Problem::at_line(
                displays[*from].clone(),
                r.line,
                format!("broken link to {} ({why})", r.written),
            ));
        }
    }
    problems
}

/// Joins a relative path onto a directory, resolving `.` and `..`.
/// `None` when it climbs above the root.
pub fn normalize(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// Decodes `%XX` escapes (invalid ones are kept as written).
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            let hex = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
            out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Escapes the characters a URL path cannot carry as is (spaces, quotes,
/// `#`, `?`, `%`, controls). Non-ASCII letters stay readable.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' | '"' | '<' | '>' | '#' | '?' | '%' | '`' | '{' | '}' | '|' | '\\' | '^' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c if c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Asset, Page, url_of};

    fn page(rel: &str) -> Page {
        let (url, section, is_section_index) = url_of(rel);
        Page {
            rel: rel.into(),
            display: format!("content/{rel}"),
            url,
            section,
            is_section_index,
            front: Default::default(),
            body: String::new(),
            body_line: 1,
        }
    }

    fn site() -> (Content, Vec<Section>) {
        let content = Content {
            pages: vec![
                page("_index.md"),
                page("countries/arg.md"),
                page("documents/a-74-130.md"),
            ],
            failed: vec!["documents/bad.md".into()],
            drafts: vec!["documents/wip.md".into()],
            assets: vec![Asset {
                rel: "documents/fig.png".into(),
                source: "fig.png".into(),
            }],
        };
        let sections = crate::content::sections(&content.pages);
        (content, sections)
    }

    fn resolve(dest: &str) -> (LinkAction, Vec<String>, Vec<AnchorRef>) {
        let (content, sections) = site();
        let index = SiteIndex::new("/kb/", &content, &sections);
        let mut links = index.for_page(2, "documents/a-74-130.md");
        let action = links.resolve(dest, 7);
        let problems = links.problems.iter().map(|p| p.to_string()).collect();
        (action, problems, links.anchor_refs)
    }

    fn rewrite(s: &str) -> LinkAction {
        LinkAction::Rewrite(s.into())
    }

    #[test]
    fn relative_links_become_site_urls() {
        assert_eq!(
            resolve("../countries/arg.md").0,
            rewrite("/kb/countries/arg/")
        );
        assert_eq!(
            resolve("./a-74-130.md#p-3").0,
            rewrite("/kb/documents/a-74-130/#p-3")
        );
        assert_eq!(resolve("../_index.md").0, rewrite("/kb/"));
        assert_eq!(resolve("fig.png").0, rewrite("/kb/documents/fig.png"));
        assert_eq!(resolve("../countries/").0, rewrite("/kb/countries/"));
        assert_eq!(resolve("/countries/arg/").0, rewrite("/kb/countries/arg/"));
        assert_eq!(resolve("bad.md").0, rewrite("/kb/documents/bad/"));
        assert_eq!(resolve("https://un.org/x.md").0, LinkAction::Keep);
        assert_eq!(resolve("#p-1").0, LinkAction::Keep);
    }

    #[test]
    fn anchors_are_recorded_for_checking() {
        let (content, sections) = site();
        let index = SiteIndex::new("/", &content, &sections);
        let mut links = index.for_page(0, "_index.md");
        links.resolve("countries/arg.md#p-2", 3);
        links.resolve("https://un.org/", 4);
        assert_eq!(
            links.outgoing,
            vec![InternalLink {
                line: 3,
                target: 1,
                fragment: Some("p-2".into()),
                call: 0,
            }]
        );
        let (_, problems, refs) = resolve("../countries/arg.md#%E9%98%BF");
        assert!(problems.is_empty());
        assert_eq!(
            (refs[0].target, refs[0].fragment.as_str(), refs[0].line),
            (1, "阿", 7)
        );
        let (_, _, refs) = resolve("#p-1");
        assert_eq!(refs[0].target, 2);
        let (content, _) = site();
        let displays: Vec<String> = content.pages.iter().map(|p| p.display.clone()).collect();
        let anchors = vec![
            HashSet::new(),
            HashSet::from(["x".to_string()]),
            HashSet::new(),
        ];
        let problems = check_anchors(&[(2, refs[0].clone())], &anchors, &displays);
        assert_eq!(
            problems[0].to_string(),
            "content/documents/a-74-130.md:7: broken link to #p-1 (no anchor #p-1 in this page)"
        );
    }

    #[test]
    fn broken_links_say_why() {
        let why = |d: &str| resolve(d).1.join("\n");
        assert_eq!(
            why("../countries/zzz.md"),
            "content/documents/a-74-130.md:7: broken link to ../countries/zzz.md (no such page)"
        );
        assert!(why("wip.md").contains("draft"));
        assert!(why("../../x.md").contains("outside the content directory"));
        assert!(why("../countries/arg").contains("link to its file arg.md"));
        assert!(why("/nowhere/").contains("no page or file"));
    }

    #[test]
    fn normalize_paths() {
        assert_eq!(
            normalize("documents", "../countries/arg.md").as_deref(),
            Some("countries/arg.md")
        );
        assert_eq!(
            normalize("documents", "./x.md").as_deref(),
            Some("documents/x.md")
        );
        assert_eq!(normalize("", "x.md").as_deref(), Some("x.md"));
        assert_eq!(normalize("a", "../../x.md"), None);
        assert_eq!(normalize("", "countries/").as_deref(), Some("countries/"));
    }

    #[test]
    fn percent_coding() {
        assert_eq!(percent_decode("%E9%98%BF"), "阿");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("my%20file.md"), "my file.md");
        assert_eq!(encode_path("a b/阿/"), "a%20b/阿/");
    }
}

//! Turning a loaded site into template contexts.
//!
//! The one place that knows both the content model and the shape of the
//! render context: later stages (entity pages, backlinks, indexes) add
//! fields here and in `render::context`.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::LoadedSite;
use crate::content::{Page, Section};
use crate::links;
use crate::render::{
    LinkContext, PageContext, PageSummary, SectionContext, SectionSummary, SiteContext,
};

/// Builds the contexts of one site; cheap to share between threads.
pub struct Contexts<'a> {
    site: &'a LoadedSite,
    by_dir: HashMap<&'a str, &'a Section>,
    /// `site` in every template.
    pub site_context: SiteContext,
}

impl<'a> Contexts<'a> {
    pub fn new(site: &'a LoadedSite) -> Contexts<'a> {
        let by_dir: HashMap<&str, &Section> =
            site.sections.iter().map(|s| (s.dir.as_str(), s)).collect();
        let config = &site.config;
        let mut contexts = Contexts {
            site,
            by_dir,
            site_context: SiteContext {
                title: config.title.clone(),
                description: config.description.clone(),
                base_url: config.base_url.clone(),
                base_path: config.base_path().to_string(),
                language: config.language.clone(),
                nav: Vec::new(),
            },
        };
        contexts.site_context.nav = contexts
            .by_dir
            .get("")
            .map(|root| contexts.section_links(&root.subsections))
            .unwrap_or_default();
        contexts
    }

    fn pages(&self) -> &'a [Page] {
        &self.site.content.pages
    }

    /// Site URL of a base-relative path (`documents/x/` → `/kb/documents/x/`).
    pub fn url(&self, rel: &str) -> String {
        format!(
            "{}{}",
            self.site.config.base_path(),
            links::encode_path(rel)
        )
    }

    /// Absolute URL when base_url is absolute.
    pub fn permalink(&self, rel: &str) -> String {
        format!("{}{}", self.site.config.base_url, links::encode_path(rel))
    }

    /// A section's title: its `_index.md` title, else its directory name.
    pub fn section_title(&self, s: &Section) -> String {
        match s.index_page {
            Some(i) => self.pages()[i].front.title.clone(),
            None if s.dir.is_empty() => self.site.config.title.clone(),
            None => title_from_dir(&s.dir),
        }
    }

    fn section_links(&self, dirs: &[String]) -> Vec<LinkContext> {
        dirs.iter()
            .filter_map(|d| self.by_dir.get(d.as_str()))
            .map(|s| LinkContext {
                title: self.section_title(s),
                url: self.url(&s.url),
            })
            .collect()
    }

    /// Home and every section above a URL (empty for the home page).
    pub fn breadcrumbs(&self, url: &str) -> Vec<LinkContext> {
        if url.is_empty() {
            return Vec::new();
        }
        let mut crumbs = Vec::new();
        if let Some(root) = self.by_dir.get("") {
            crumbs.push(LinkContext {
                title: self.section_title(root),
                url: self.url(""),
            });
        }
        let parts: Vec<&str> = url.trim_end_matches('/').split('/').collect();
        let mut prefix = String::new();
        for part in &parts[..parts.len().saturating_sub(1)] {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(part);
            if let Some(s) = self.by_dir.get(prefix.as_str()) {
                crumbs.push(LinkContext {
                    title: self.section_title(s),
                    url: self.url(&s.url),
                });
            }
        }
        crumbs
    }

    /// `page` for a content page.
    pub fn page(&self, i: usize) -> PageContext {
        let p = &self.pages()[i];
        let r = &self.site.rendered[i];
        let f = &p.front;
        PageContext {
            title: f.title.clone(),
            kind: f.kind.as_str().to_string(),
            url: self.url(&p.url),
            permalink: self.permalink(&p.url),
            lang: f
                .language
                .clone()
                .unwrap_or_else(|| self.site.config.language.clone()),
            content: r.html.clone(),
            path: p.rel.clone(),
            is_home: p.url.is_empty(),
            has_code: r.has_code,
            headings: r.headings.clone(),
            description: f.description.clone(),
            symbol: f.symbol.clone(),
            date: f.date.clone(),
            language: f.language.clone(),
            languages: f.languages.clone(),
            source: f.source.clone(),
            resolutions: f.resolutions.clone(),
            documents: f.documents.clone(),
            countries: f.countries.clone(),
            organizations: f.organizations.clone(),
            instruments: f.instruments.clone(),
            topics: f.topics.clone(),
            id: f.id.clone(),
            names: f.names.clone(),
            aliases: f.aliases.clone(),
            keywords: f.keywords.clone(),
            weight: f.weight,
            extra: f.extra.clone(),
        }
    }

    /// `page` for a section's list page: its `_index.md`, or generated.
    pub fn section_page(&self, s: &Section) -> PageContext {
        match s.index_page {
            Some(i) => self.page(i),
            None => PageContext {
                title: self.section_title(s),
                kind: "section".into(),
                url: self.url(&s.url),
                permalink: self.permalink(&s.url),
                lang: self.site.config.language.clone(),
                is_home: s.url.is_empty(),
                ..PageContext::default()
            },
        }
    }

    /// `page` for the 404 page.
    pub fn not_found_page(&self) -> PageContext {
        PageContext {
            title: "Page not found".into(),
            kind: "404".into(),
            url: self.url("404.html"),
            permalink: self.permalink("404.html"),
            lang: self.site.config.language.clone(),
            ..PageContext::default()
        }
    }

    /// A page as an entry of a list.
    pub fn summary(&self, i: usize) -> PageSummary {
        let p = &self.pages()[i];
        PageSummary {
            title: p.front.title.clone(),
            url: self.url(&p.url),
            kind: p.front.kind.as_str().to_string(),
            symbol: p.front.symbol.clone(),
            date: p.front.date.clone(),
            language: p.front.language.clone(),
            description: p.front.description.clone(),
        }
    }

    /// `section` for a list page: its pages in list order and subsections.
    pub fn section(&self, s: &Section) -> SectionContext {
        let pages = self.pages();
        let mut listed: Vec<usize> = s.pages.clone();
        listed.sort_by(|&a, &b| list_order(&pages[a], &pages[b]));
        SectionContext {
            pages: listed.into_iter().map(|i| self.summary(i)).collect(),
            subsections: s
                .subsections
                .iter()
                .filter_map(|d| self.by_dir.get(d.as_str()))
                .map(|sub| SectionSummary {
                    title: self.section_title(sub),
                    url: self.url(&sub.url),
                    pages: sub.pages.len(),
                })
                .collect(),
        }
    }
}

/// Sort order in lists: weight (unset last), then newest date first
/// (undated last), then title, then URL. Total and stable: deterministic.
pub fn list_order(a: &Page, b: &Page) -> Ordering {
    let weight = |p: &Page| (p.front.weight.is_none(), p.front.weight);
    let date = |p: &Page| std::cmp::Reverse(p.front.date.clone());
    weight(a)
        .cmp(&weight(b))
        .then_with(|| (a.front.date.is_none()).cmp(&b.front.date.is_none()))
        .then_with(|| date(a).cmp(&date(b)))
        .then_with(|| a.front.title.cmp(&b.front.title))
        .then_with(|| a.url.cmp(&b.url))
}

/// `entity-pages` → `Entity pages`.
pub fn title_from_dir(dir: &str) -> String {
    let last = dir
        .rsplit('/')
        .next()
        .unwrap_or(dir)
        .replace(['-', '_'], " ");
    let mut chars = last.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{self, FrontMatter};

    fn page(rel: &str, title: &str, weight: Option<i64>, date: Option<&str>) -> Page {
        let (url, section, is_section_index) = content::url_of(rel);
        Page {
            rel: rel.into(),
            display: rel.into(),
            url,
            section,
            is_section_index,
            front: FrontMatter {
                title: title.into(),
                weight,
                date: date.map(Into::into),
                ..Default::default()
            },
            body: String::new(),
            body_line: 1,
        }
    }

    #[test]
    fn lists_sort_by_weight_then_newest_then_title() {
        let mut pages = [
            page("d/a.md", "Zeta", None, None),
            page("d/b.md", "Alpha", None, None),
            page("d/c.md", "Old", None, Some("2001-01-01")),
            page("d/e.md", "New", None, Some("2020-01-01")),
            page("d/f.md", "Pinned", Some(1), None),
        ];
        pages.sort_by(list_order);
        let titles: Vec<&str> = pages.iter().map(|p| p.front.title.as_str()).collect();
        assert_eq!(titles, vec!["Pinned", "New", "Old", "Alpha", "Zeta"]);
    }

    #[test]
    fn dir_titles() {
        assert_eq!(title_from_dir("documents"), "Documents");
        assert_eq!(title_from_dir("a/entity-pages"), "Entity pages");
        assert_eq!(title_from_dir("国家"), "国家");
    }
}

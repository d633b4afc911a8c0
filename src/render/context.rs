//! The data templates see. Plain serde structs: later stages (entity
//! pages, backlinks, indexes) extend them by adding fields.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::markdown::Heading;

/// `site` in templates.
#[derive(Debug, Clone, Serialize)]
pub struct SiteContext {
    pub title: String,
    pub description: String,
    /// As configured, ends with `/` (`https://example.org/kb/` or `/`).
    pub base_url: String,
    /// Path part of the base URL, starts and ends with `/` (`/kb/`).
    pub base_path: String,
    pub language: String,
    /// Top-level sections, for navigation.
    pub nav: Vec<LinkContext>,
}

/// A titled link (navigation, breadcrumbs).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LinkContext {
    pub title: String,
    /// Site URL, base path included.
    pub url: String,
}

/// `page` in templates: one page, its front matter and its HTML.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PageContext {
    pub title: String,
    /// Front-matter kind, or `section` for a generated list page.
    pub kind: String,
    /// Site URL, base path included (`/kb/documents/a-74-130/`).
    pub url: String,
    /// Absolute URL when base_url is absolute, otherwise same as `url`.
    pub permalink: String,
    /// Language of the page (`language:` or the site's), for `<html lang>`.
    pub lang: String,
    /// Rendered body (mark `| safe` in templates).
    pub content: String,
    /// Content path, `/`-separated (`documents/a-74-130.md`); empty when generated.
    pub path: String,
    pub is_home: bool,
    pub has_code: bool,
    pub headings: Vec<Heading>,
    pub description: Option<String>,
    pub symbol: Option<String>,
    pub date: Option<String>,
    pub language: Option<String>,
    pub languages: Vec<String>,
    pub source: Option<String>,
    pub resolutions: Vec<String>,
    pub documents: Vec<String>,
    pub countries: Vec<String>,
    pub organizations: Vec<String>,
    pub instruments: Vec<String>,
    pub topics: Vec<String>,
    pub id: Option<String>,
    pub names: BTreeMap<String, String>,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    pub weight: Option<i64>,
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A page in a list.
#[derive(Debug, Clone, Serialize)]
pub struct PageSummary {
    pub title: String,
    pub url: String,
    pub kind: String,
    pub symbol: Option<String>,
    pub date: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
}

/// A subsection in a list.
#[derive(Debug, Clone, Serialize)]
pub struct SectionSummary {
    pub title: String,
    pub url: String,
    /// Number of pages listed directly in it.
    pub pages: usize,
}

/// `section` in list and home templates.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SectionContext {
    pub pages: Vec<PageSummary>,
    pub subsections: Vec<SectionSummary>,
}

/// The whole context of one template render.
#[derive(Debug, Clone, Serialize)]
pub struct RenderContext<'a> {
    pub site: &'a SiteContext,
    pub page: &'a PageContext,
    /// Present for list and home pages.
    pub section: Option<&'a SectionContext>,
    /// Ancestors of the page, home first (empty on the home page).
    pub breadcrumbs: Vec<LinkContext>,
}

//! The data templates see. Plain serde structs: later stages (entity
//! pages, backlinks, indexes) extend them by adding fields.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::graph::entity::ResolutionInfo;
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
    /// Absolute URLs are available (base_url has a scheme and host):
    /// sitemap.xml and atom.xml are written.
    pub has_feed: bool,
    /// pilcrow was built with the search index (`search/index/` is written).
    pub has_search: bool,
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
    /// Entity name in the site's language (`names`), else the title.
    pub name: String,
    /// Language of `name` when it differs from `lang` (for `lang` on the
    /// heading).
    pub name_lang: Option<String>,
    /// The entity's names in the other languages.
    pub other_names: Vec<NameContext>,
    /// Number of mentions of this page elsewhere.
    pub mention_count: usize,
    /// Mentions of this page, one group per mentioning page.
    pub mentions: Vec<MentionGroup>,
    /// Pages mentioned together with this one, by kind.
    pub related: Vec<RelatedGroup>,
    /// The same, drawn: the page amid those it is most often mentioned
    /// with (`None` when it is mentioned with nothing).
    pub local_graph: Option<LocalGraph>,
    /// For documents: other documents citing the same pages.
    pub related_documents: Vec<RelatedItem>,
    /// For documents: the pages it mentions, by kind.
    pub cites: Vec<RelatedGroup>,
    /// Sections of other pages about this one (a report's country section).
    pub report_sections: Vec<SectionRef>,
    /// For resolutions: organ, number, year, session from the id.
    pub resolution: Option<ResolutionInfo>,
    /// The official text on undocs.org (resolutions, UN documents).
    pub official_url: Option<String>,
}

/// A name in one language.
#[derive(Debug, Clone, Serialize)]
pub struct NameContext {
    pub lang: String,
    pub name: String,
}

/// The mentions of a page made by one other page.
#[derive(Debug, Clone, Serialize)]
pub struct MentionGroup {
    pub title: String,
    pub url: String,
    /// Language of the mentioning page (for `lang`).
    pub lang: String,
    pub kind: String,
    pub symbol: Option<String>,
    pub date: Option<String>,
    pub items: Vec<MentionItem>,
}

/// One mention: the snippet around it and the paragraph it is in.
#[derive(Debug, Clone, Serialize)]
pub struct MentionItem {
    /// The snippet in pieces; `mark` pieces are the mentions.
    pub parts: Vec<SnippetPart>,
    pub cut_start: bool,
    pub cut_end: bool,
    /// URL of the paragraph (`/documents/a-74-130/#p-17`).
    pub url: String,
    /// `¶17`; a sub-item after ¶4 is `¶4`; `¶` in a page with no numbered
    /// paragraph before it.
    pub label: String,
    pub in_heading: bool,
}

/// A piece of a snippet.
#[derive(Debug, Clone, Serialize)]
pub struct SnippetPart {
    pub text: String,
    /// This piece is a mention (wrap it in `<mark>`).
    pub mark: bool,
}

/// A page amid its most frequent neighbours, laid out for a static SVG
/// (viewBox `-260 -160 520 320`, the page at the origin).
#[derive(Debug, Clone, Serialize)]
pub struct LocalGraph {
    pub nodes: Vec<GraphNode>,
    /// The kinds drawn, for the legend: (`kind`, UI-string key).
    pub kinds: Vec<GraphKind>,
}

/// A neighbour in a [`LocalGraph`].
#[derive(Debug, Clone, Serialize)]
pub struct GraphNode {
    pub title: String,
    /// The label: the title, shortened.
    pub label: String,
    pub url: String,
    pub lang: Option<String>,
    pub kind: String,
    pub count: u32,
    pub x: f32,
    pub y: f32,
    /// Where the label goes and which way it runs (`start`, `end`).
    pub label_x: f32,
    pub label_y: f32,
    pub anchor: &'static str,
    /// Node radius and edge width, by count.
    pub r: f32,
    pub w: f32,
}

/// A kind in a [`LocalGraph`]'s legend.
#[derive(Debug, Clone, Serialize)]
pub struct GraphKind {
    pub kind: String,
    pub key: String,
}

/// Related pages of one kind.
#[derive(Debug, Clone, Serialize)]
pub struct RelatedGroup {
    /// Front-matter kind (`resolution`).
    pub kind: String,
    /// Section key for the heading's UI string (`resolutions`).
    pub key: String,
    /// The first entries, shown.
    pub items: Vec<RelatedItem>,
    /// The others, behind a disclosure: lists are complete.
    pub rest: Vec<RelatedItem>,
    /// `rest.len()`.
    pub more: usize,
}

/// A page with a count (co-citations, shared citations, mentions).
#[derive(Debug, Clone, Serialize)]
pub struct RelatedItem {
    pub title: String,
    pub url: String,
    pub count: u32,
    /// Language of the title, when not the site's.
    pub lang: Option<String>,
}

/// A section of another page about this one.
#[derive(Debug, Clone, Serialize)]
pub struct SectionRef {
    pub doc_title: String,
    pub doc_url: String,
    pub lang: String,
    pub symbol: Option<String>,
    pub title: String,
    /// URL of the heading.
    pub url: String,
    /// First and last paragraph labels (`¶5`, `¶10`) and URLs.
    pub first: Option<String>,
    pub first_url: Option<String>,
    pub last: Option<String>,
    pub last_url: Option<String>,
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
    /// Entity id (`ARG`, `S/RES/2341 (2017)`).
    pub id: Option<String>,
    /// Name in the site's language, else the title.
    pub name: String,
    /// Language of `name` when it is not the site's (for `lang`).
    pub name_lang: Option<String>,
    /// Mentions of the page elsewhere.
    pub count: usize,
    /// For resolutions: organ key and year.
    pub organ: Option<String>,
    pub year: Option<u32>,
    /// For the graph page: what the page links to.
    pub links: Vec<RelatedItem>,
}

/// A titled group of pages (resolutions by organ or year, countries by
/// letter, graph nodes by kind).
#[derive(Debug, Clone, Serialize)]
pub struct GroupContext {
    /// Stable key, usable in ids (`security-council`, `2017`, `A`).
    pub key: String,
    pub title: String,
    pub pages: Vec<PageSummary>,
}

/// A count on the home page.
#[derive(Debug, Clone, Serialize)]
pub struct StatContext {
    pub key: String,
    pub title: String,
    pub url: String,
    pub count: usize,
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
    /// The entity section this list is (`countries`, `resolutions`, …,
    /// `documents`), or empty.
    pub kind: String,
    /// Pages grouped: resolutions by organ, countries by initial letter.
    pub groups: Vec<GroupContext>,
    /// Pages by year, newest first (resolutions, documents).
    pub timeline: Vec<GroupContext>,
    /// Home page: how many pages of each kind, with the index URL.
    pub stats: Vec<StatContext>,
    /// Home page: the newest documents.
    pub latest: Vec<PageSummary>,
    /// Home page: the most mentioned pages of each entity kind.
    pub top: Vec<GroupContext>,
    /// How `groups` is sorted, for a note under the list (a UI string key).
    pub sort_note: Option<String>,
    /// The graph page: every kind of page with its nodes (a kind that
    /// fits one part of the graph) or its parts; a part of the graph:
    /// its kind with the part's nodes.
    pub graph: Vec<GraphList>,
    /// A part of the graph: which one, among how many.
    pub pager: Option<GraphPager>,
}

/// One kind of page in the graph's lists.
#[derive(Debug, Clone, Serialize)]
pub struct GraphList {
    /// Its section key (`countries`), usable in ids.
    pub key: String,
    pub title: String,
    /// Pages of this kind in the site.
    pub count: usize,
    /// The nodes listed here, each with its links (`PageSummary::links`).
    pub pages: Vec<PageSummary>,
    /// On the graph page, for a kind listed in parts: each part.
    pub parts: Vec<GraphPartLink>,
}

/// A part of a kind's list of nodes, on a page of its own.
#[derive(Debug, Clone, Serialize)]
pub struct GraphPartLink {
    /// 1, 2, …
    pub number: usize,
    pub url: String,
    /// Nodes in it.
    pub count: usize,
    /// The names of its first and last nodes (guide words), with their
    /// language when it is not the site's.
    pub first: String,
    pub first_lang: Option<String>,
    pub last: String,
    pub last_lang: Option<String>,
}

/// Where a part of the graph stands among its kind's parts.
#[derive(Debug, Clone, Serialize)]
pub struct GraphPager {
    pub number: usize,
    pub total: usize,
    /// The graph page.
    pub up: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// Every part of the kind: number and URL.
    pub parts: Vec<LinkContext>,
}

/// The whole context of one template render.
#[derive(Debug, Clone, Serialize)]
pub struct RenderContext<'a> {
    pub site: &'a SiteContext,
    /// UI strings in the site's language (`t.mentions`).
    pub t: &'a BTreeMap<String, String>,
    pub page: &'a PageContext,
    /// Present for list and home pages.
    pub section: Option<&'a SectionContext>,
    /// Ancestors of the page, home first (empty on the home page).
    pub breadcrumbs: Vec<LinkContext>,
}

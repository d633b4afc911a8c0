//! Turning a loaded site into template contexts.
//!
//! The one place that knows both the content model and the shape of the
//! render context: later stages (entity pages, backlinks, indexes) add
//! fields here and in `render::context`.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::LoadedSite;
use super::local_graph;
use crate::content::{Kind, Page, Section};
use crate::graph::{Graph, entity};
use crate::links;
use crate::render::i18n;
use crate::render::{
    GroupContext, LinkContext, LocalGraph, MentionGroup, MentionItem, NameContext, PageContext,
    PageSummary, RelatedGroup, RelatedItem, SectionContext, SectionRef, SectionSummary,
    SiteContext, SnippetPart, StatContext,
};

/// The content sections that hold one kind each, in display order.
pub const ENTITY_SECTIONS: &[(&str, Kind)] = &[
    ("documents", Kind::Document),
    ("resolutions", Kind::Resolution),
    ("un-documents", Kind::DocumentRef),
    ("countries", Kind::Country),
    ("organizations", Kind::Organization),
    ("instruments", Kind::Instrument),
    ("topics", Kind::Topic),
];

/// The section key of a kind (`country` → `countries`).
pub fn kind_key(kind: Kind) -> &'static str {
    ENTITY_SECTIONS
        .iter()
        .find(|(_, k)| *k == kind)
        .map_or("pages", |(d, _)| d)
}

/// Most related pages shown per kind.
const RELATED_SHOWN: usize = 30;

/// Builds the contexts of one site; cheap to share between threads.
pub struct Contexts<'a> {
    site: &'a LoadedSite,
    by_dir: HashMap<&'a str, &'a Section>,
    /// `site` in every template.
    pub site_context: SiteContext,
    /// `t` in every template: UI strings in the site's language.
    pub strings: BTreeMap<String, String>,
    /// The mention graph: built here, or lent by `serve`, which keeps it
    /// between changes.
    pub graph: Cow<'a, Graph>,
    /// A build's page bodies (each page's rendered markdown), moved out of
    /// the site ([`Contexts::take_bodies`]): [`Contexts::page`] moves its
    /// page's body into the context instead of copying it, so each is
    /// dropped once its page is rendered. Empty: bodies are read from
    /// the site.
    bodies: Vec<std::sync::Mutex<String>>,
    /// The graph's lists, as sorted once ([`super::graph_pages`]).
    graph_order: super::graph_pages::GraphOrder,
}

impl<'a> Contexts<'a> {
    pub fn new(site: &'a LoadedSite) -> Contexts<'a> {
        Contexts::with_graph(site, Cow::Owned(Graph::build(site)))
    }

    /// Contexts over a graph already built from `site`.
    pub fn with_graph(site: &'a LoadedSite, graph: Cow<'a, Graph>) -> Contexts<'a> {
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
                has_feed: super::extras::is_absolute(&config.base_url),
                has_search: crate::search::AVAILABLE,
            },
            strings: i18n::strings(&config.language),
            graph,
            bodies: Vec::new(),
            graph_order: Default::default(),
        };
        contexts.site_context.nav = contexts
            .by_dir
            .get("")
            .map(|root| contexts.section_links(&root.subsections))
            .unwrap_or_default();
        contexts
    }

    /// Holds `bodies` (one per page, the site's own left empty) for
    /// [`Contexts::page`] to move out: each page's context can then be made
    /// once only.
    pub fn take_bodies(&mut self, bodies: Vec<String>) {
        self.bodies = bodies.into_iter().map(std::sync::Mutex::new).collect();
    }

    /// `f` of page `i`'s body, while its context is not made yet.
    pub fn with_body<R>(&self, i: usize, f: impl FnOnce(&str) -> R) -> R {
        match self.bodies.get(i) {
            Some(m) => f(&m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)),
            None => f(&self.site.rendered[i].html),
        }
    }

    /// A UI string in the site's language (its key when missing).
    fn string<'s>(&'s self, key: &'s str) -> &'s str {
        self.strings.get(key).map_or(key, String::as_str)
    }

    /// The site these contexts are built from.
    pub fn site(&self) -> &'a LoadedSite {
        self.site
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
            None => match self.strings.get(s.dir.as_str()) {
                Some(t) if section_kind(&s.dir).is_some() => t.clone(),
                _ => title_from_dir(&s.dir),
            },
        }
    }

    /// Links to sections: entity sections first, in [`ENTITY_SECTIONS`]
    /// order, then the others by name.
    fn section_links(&self, dirs: &[String]) -> Vec<LinkContext> {
        let mut dirs: Vec<&String> = dirs.iter().collect();
        dirs.sort_by_key(|d| {
            let rank = ENTITY_SECTIONS
                .iter()
                .position(|(e, _)| e == d)
                .unwrap_or(ENTITY_SECTIONS.len());
            (rank, d.as_str())
        });
        dirs.into_iter()
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
            content: match self.bodies.get(i) {
                Some(m) => std::mem::take(
                    &mut *m.lock().unwrap_or_else(std::sync::PoisonError::into_inner),
                ),
                None => r.html.clone(),
            },
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
            name: self.name_of(i),
            name_lang: Some(self.site.config.language.clone()).filter(|l| {
                f.names.contains_key(l) && f.language.as_ref().is_some_and(|pl| pl != l)
            }),
            other_names: f
                .names
                .iter()
                .filter(|(l, _)| **l != self.site.config.language)
                .map(|(l, n)| NameContext {
                    lang: l.clone(),
                    name: n.clone(),
                })
                .collect(),
            mention_count: self.graph.mention_count(i),
            mentions: self.mentions(i),
            related: self.grouped(&self.graph.cooccur[i]),
            local_graph: self.local_graph(i),
            related_documents: self.items(&self.graph.related_docs[i], 20),
            cites: match f.kind {
                Kind::Document => self.grouped(&self.graph.cites[i]),
                _ => Vec::new(),
            },
            report_sections: self.report_sections(i),
            resolution: match f.kind {
                Kind::Resolution => self.entity_symbol(i).and_then(entity::resolution_info),
                _ => None,
            },
            official_url: match f.kind {
                Kind::Resolution | Kind::DocumentRef | Kind::Document => {
                    self.entity_symbol(i).map(entity::official_url)
                }
                _ => None,
            },
        }
    }

    /// A UN symbol for a page: `symbol`, else an `id` that looks like one.
    fn entity_symbol(&self, i: usize) -> Option<&'a str> {
        let f = &self.pages()[i].front;
        f.symbol
            .as_deref()
            .or(f.id.as_deref().filter(|id| id.contains('/')))
    }

    /// Language of a page: its `language`, else the site's.
    pub fn lang_of(&self, i: usize) -> String {
        self.pages()[i]
            .front
            .language
            .clone()
            .unwrap_or_else(|| self.site.config.language.clone())
    }

    /// A page's name in the site language (`names`), else its title.
    pub fn name_of(&self, i: usize) -> String {
        let f = &self.pages()[i].front;
        f.names
            .get(&self.site.config.language)
            .cloned()
            .unwrap_or_else(|| f.title.clone())
    }

    /// The `lang` to put on a page's name when it is not in the site
    /// language.
    pub fn name_lang(&self, i: usize) -> Option<String> {
        let f = &self.pages()[i].front;
        if f.names.contains_key(&self.site.config.language) {
            return None;
        }
        // The title is in the page's language.
        f.language
            .clone()
            .filter(|l| *l != self.site.config.language)
    }

    fn item(&self, page: usize, count: u32) -> RelatedItem {
        RelatedItem {
            title: self.name_of(page),
            url: self.url(&self.pages()[page].url),
            count,
            lang: self.name_lang(page),
        }
    }

    /// Page `i` amid the pages most often mentioned with it.
    fn local_graph(&self, i: usize) -> Option<LocalGraph> {
        let list = &self.graph.cooccur[i];
        let shown = &list[..list.len().min(local_graph::NEIGHBOURS)];
        let neighbours: Vec<(RelatedItem, Kind)> = shown
            .iter()
            .map(|&(p, n)| (self.item(p, n), self.pages()[p].front.kind))
            .collect();
        local_graph::lay_out(&neighbours)
    }

    /// The graph's lists, once sorted.
    pub(super) fn graph_order_cell(&self) -> &super::graph_pages::GraphOrder {
        &self.graph_order
    }

    /// Every page of `list`, with its count.
    pub(super) fn items_all(&self, list: &[(usize, u32)]) -> Vec<RelatedItem> {
        self.items(list, usize::MAX)
    }

    fn items(&self, list: &[(usize, u32)], max: usize) -> Vec<RelatedItem> {
        list.iter()
            .take(max)
            .map(|&(p, n)| self.item(p, n))
            .collect()
    }

    /// Pages with counts, grouped by kind in the order of
    /// [`ENTITY_SECTIONS`] (other pages last), most frequent first.
    fn grouped(&self, list: &[(usize, u32)]) -> Vec<RelatedGroup> {
        let mut by_kind: BTreeMap<usize, Vec<(usize, u32)>> = BTreeMap::new();
        for &(p, n) in list {
            let kind = self.pages()[p].front.kind;
            let rank = ENTITY_SECTIONS
                .iter()
                .position(|(_, k)| *k == kind)
                .unwrap_or(ENTITY_SECTIONS.len());
            by_kind.entry(rank).or_default().push((p, n));
        }
        by_kind
            .into_values()
            .map(|mut v| {
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                let kind = self.pages()[v[0].0].front.kind;
                let mut items = self.items(&v, usize::MAX);
                let rest = items.split_off(items.len().min(RELATED_SHOWN));
                RelatedGroup {
                    kind: kind.as_str().to_string(),
                    key: kind_key(kind).to_string(),
                    more: rest.len(),
                    items,
                    rest,
                }
            })
            .collect()
    }

    /// The mentions of page `i`, grouped by mentioning page in list order.
    fn mentions(&self, i: usize) -> Vec<MentionGroup> {
        let g = &self.graph;
        let mut by_source: Vec<(usize, Vec<usize>)> = Vec::new();
        for &m in &g.incoming[i] {
            let source = g.mentions[m].source;
            match by_source.last_mut() {
                Some((s, list)) if *s == source => list.push(m),
                _ => by_source.push((source, vec![m])),
            }
        }
        let pages = self.pages();
        by_source.sort_by(|a, b| list_order(&pages[a.0], &pages[b.0]));
        by_source
            .into_iter()
            .map(|(source, ms)| {
                let p = &pages[source];
                let url = self.url(&p.url);
                MentionGroup {
                    title: p.front.title.clone(),
                    url: url.clone(),
                    lang: self.lang_of(source),
                    kind: p.front.kind.as_str().to_string(),
                    symbol: p.front.symbol.clone(),
                    date: p.front.date.clone(),
                    items: one_per_paragraph(ms.into_iter().map(|m| {
                        let m = &g.mentions[m];
                        let s = &m.snippet;
                        MentionItem {
                            parts: snippet_parts(m),
                            cut_start: s.cut_start,
                            cut_end: s.cut_end,
                            url: match &m.anchor {
                                Some(a) => format!("{url}#{}", links::encode_path(a)),
                                None => url.clone(),
                            },
                            label: mention_label(m),
                            in_heading: m.in_heading,
                        }
                    })),
                }
            })
            .collect()
    }

    fn report_sections(&self, i: usize) -> Vec<SectionRef> {
        let pages = self.pages();
        let mut sections: Vec<&crate::graph::ReportSection> =
            self.graph.sections[i].iter().collect();
        sections.sort_by(|a, b| list_order(&pages[a.source], &pages[b.source]));
        sections
            .into_iter()
            .map(|s| {
                let p = &pages[s.source];
                let doc_url = self.url(&p.url);
                let at = |id: &str| format!("{doc_url}#{}", links::encode_path(id));
                SectionRef {
                    doc_title: p.front.title.clone(),
                    doc_url: doc_url.clone(),
                    lang: self.lang_of(s.source),
                    symbol: p.front.symbol.clone(),
                    title: s.title.clone(),
                    url: at(&s.id),
                    first: s.first.as_deref().map(paragraph_label),
                    first_url: s.first.as_deref().map(at),
                    last: s.last.as_deref().map(paragraph_label),
                    last_url: s.last.as_deref().map(at),
                }
            })
            .collect()
    }

    /// `page` for a section's list page: its `_index.md`, or generated.
    pub fn section_page(&self, s: &Section) -> PageContext {
        match s.index_page {
            Some(i) => self.page(i),
            None => PageContext {
                title: self.section_title(s),
                name: self.section_title(s),
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
            title: self.strings["not_found_title"].clone(),
            name: self.strings["not_found_title"].clone(),
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
            id: p.front.id.clone(),
            name: self.name_of(i),
            name_lang: self.name_lang(i),
            count: self.graph.mention_count(i),
            organ: None,
            year: None,
            links: Vec::new(),
        }
    }

    /// A summary with what a resolution's id says (organ, year).
    fn resolution_summary(&self, i: usize) -> (PageSummary, Option<entity::ResolutionInfo>) {
        let mut s = self.summary(i);
        let info = self.entity_symbol(i).and_then(entity::resolution_info);
        if let Some(r) = &info {
            s.organ = Some(r.organ.clone());
            s.year = r.year;
        }
        (s, info)
    }

    /// `section` for a list page: its pages in list order and subsections;
    /// for an entity section, its pages grouped for browsing.
    pub fn section(&self, s: &Section) -> SectionContext {
        let pages = self.pages();
        let mut listed: Vec<usize> = s.pages.clone();
        listed.sort_by(|&a, &b| list_order(&pages[a], &pages[b]));
        let kind = section_kind(&s.dir).unwrap_or_default();
        let mut cx = SectionContext {
            kind: kind.to_string(),
            ..SectionContext::default()
        };
        match kind {
            "resolutions" => self.resolution_groups(&listed, &mut cx),
            "documents" => {
                cx.timeline = by_year(
                    listed
                        .iter()
                        .map(|&i| (year_of_date(pages[i].front.date.as_deref()), i)),
                    self.string("undated"),
                    |i| self.summary(i),
                );
            }
            "" => {}
            _ => {
                // Entities A–Z by name (see `sort_key`).
                listed.sort_by_cached_key(|&i| (self.sort_key(i), i));
                let letter_groups = kind == "countries";
                if letter_groups {
                    let mut groups: Vec<GroupContext> = Vec::new();
                    for &i in &listed {
                        let letter = initial(&self.sort_key(i));
                        match groups.last_mut() {
                            Some(g) if g.key == letter => g.pages.push(self.summary(i)),
                            _ => groups.push(GroupContext {
                                key: letter.clone(),
                                title: letter,
                                pages: vec![self.summary(i)],
                            }),
                        }
                    }
                    cx.groups = groups;
                    if self.site.config.language.starts_with("zh") {
                        cx.sort_note = Some("sorted_by_english".into());
                    }
                }
            }
        }
        if s.dir.is_empty() {
            cx.stats = self.stats();
            self.home_lists(&mut cx);
        }
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
            ..cx
        }
    }

    /// Resolutions by organ (Security Council first) and by year.
    fn resolution_groups(&self, listed: &[usize], cx: &mut SectionContext) {
        let mut rows: Vec<(PageSummary, Option<entity::ResolutionInfo>, usize)> = listed
            .iter()
            .map(|&i| {
                let (s, info) = self.resolution_summary(i);
                (s, info, i)
            })
            .collect();
        rows.sort_by_cached_key(|(_, info, i)| {
            let organ = info.as_ref().map_or("other", |r| r.organ.as_str());
            let rank = [
                "security-council",
                "general-assembly",
                "economic-and-social-council",
            ]
            .iter()
            .position(|o| *o == organ)
            .unwrap_or(3);
            let number = info.as_ref().map(|r| number_key(&r.number));
            (rank, number, *i)
        });
        let mut groups: Vec<GroupContext> = Vec::new();
        for (s, _, _) in &rows {
            let key = s.organ.clone().unwrap_or_else(|| "other".into());
            match groups.last_mut() {
                Some(g) if g.key == key => g.pages.push(s.clone()),
                _ => groups.push(GroupContext {
                    title: self.strings.get(&key).cloned().unwrap_or(key.clone()),
                    key,
                    pages: vec![s.clone()],
                }),
            }
        }
        cx.groups = groups;
        let by_row: HashMap<usize, PageSummary> =
            rows.into_iter().map(|(s, _, i)| (i, s)).collect();
        let mut ordered: Vec<(Option<u32>, usize)> =
            listed.iter().map(|&i| (by_row[&i].year, i)).collect();
        // Within a year: by organ and number.
        ordered.sort_by_cached_key(|&(_, i)| {
            let s = &by_row[&i];
            (
                s.organ.clone(),
                number_key(s.id.as_deref().unwrap_or("")),
                i,
            )
        });
        cx.timeline = by_year(ordered.into_iter(), self.string("undated"), |i| {
            by_row[&i].clone()
        });
    }

    /// Sort key of an entity in A–Z lists: its name in the site's
    /// language, case and diacritics folded (`Ác-hen-ti-na` → `ac-hen-ti-na`).
    /// Chinese sites sort by the English name (no pinyin table here), so
    /// the A–Z letters still mean something.
    pub fn sort_key(&self, i: usize) -> String {
        let f = &self.pages()[i].front;
        let name = if self.site.config.language.starts_with("zh") {
            f.names
                .get("en")
                .cloned()
                .unwrap_or_else(|| f.title.clone())
        } else {
            self.name_of(i)
        };
        fold(&name)
    }

    /// Home page counts: each entity section with its pages.
    fn stats(&self) -> Vec<StatContext> {
        ENTITY_SECTIONS
            .iter()
            .filter_map(|(dir, _)| self.by_dir.get(dir).map(|s| (dir, s)))
            .map(|(dir, s)| StatContext {
                key: dir.to_string(),
                title: self.section_title(s),
                url: self.url(&s.url),
                count: s.pages.len(),
            })
            .collect()
    }

    /// Home page: the newest documents and the most mentioned resolutions,
    /// countries, organizations, instruments and topics.
    fn home_lists(&self, cx: &mut SectionContext) {
        const SHOWN: usize = 8;
        let pages = self.pages();
        if let Some(docs) = self.by_dir.get("documents") {
            // The first few in list order (a total order: URLs differ),
            // without sorting every document.
            let mut listed = docs.pages.clone();
            let order = |&a: &usize, &b: &usize| list_order(&pages[a], &pages[b]);
            if listed.len() > SHOWN {
                listed.select_nth_unstable_by(SHOWN, order);
                listed.truncate(SHOWN);
            }
            listed.sort_by(order);
            cx.latest = listed
                .into_iter()
                .take(SHOWN)
                .map(|i| self.summary(i))
                .collect();
        }
        for (dir, _) in &ENTITY_SECTIONS[1..] {
            let Some(s) = self.by_dir.get(dir) else {
                continue;
            };
            let mut listed: Vec<(usize, usize)> = s
                .pages
                .iter()
                .map(|&i| (self.graph.mention_count(i), i))
                .filter(|&(n, _)| n > 0)
                .collect();
            listed.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            if listed.is_empty() {
                continue;
            }
            cx.top.push(GroupContext {
                key: dir.to_string(),
                title: self.section_title(s),
                pages: listed
                    .into_iter()
                    .take(SHOWN)
                    .map(|(_, i)| self.summary(i))
                    .collect(),
            });
        }
    }

    /// `page` for a generated page (the graph page).
    pub fn generated_page(&self, rel: &str, title: &str, kind: &str) -> PageContext {
        PageContext {
            title: title.to_string(),
            kind: kind.into(),
            url: self.url(rel),
            permalink: self.permalink(rel),
            lang: self.site.config.language.clone(),
            name: title.to_string(),
            ..PageContext::default()
        }
    }
}

/// The entity section a directory is (`countries`), if any.
pub fn section_kind(dir: &str) -> Option<&'static str> {
    ENTITY_SECTIONS.iter().map(|(d, _)| *d).find(|d| *d == dir)
}

/// A mention's snippet in pieces: text, the mention marked, text with
/// any further mentions of the same page marked.
fn snippet_parts(m: &crate::graph::Mention) -> Vec<SnippetPart> {
    let s = &m.snippet;
    let mut parts = Vec::new();
    let mut push = |text: &str, mark: bool| {
        if !text.is_empty() {
            parts.push(SnippetPart {
                text: text.to_string(),
                mark,
            });
        }
    };
    let before = if s.cut_start {
        s.before.as_str()
    } else {
        strip_section_number(strip_paragraph_number(&s.before), m.number.as_deref())
    };
    push(before, false);
    push(&s.mark, true);
    let mut at = 0;
    for &(a, b) in &m.also {
        if a < at || b > s.after.len() {
            continue;
        }
        push(&s.after[at..a], false);
        push(&s.after[a..b], true);
        at = b;
    }
    push(&s.after[at..], false);
    parts
}

/// `10.1 Text` → `Text` when the paragraph is ¶10.1: a number within a
/// section is written without a full stop after it, so only the
/// paragraph's own number is taken (`3.5 percent` stays).
fn strip_section_number<'a>(text: &'a str, number: Option<&str>) -> &'a str {
    match number.filter(|n| n.contains('.')) {
        Some(n) => text
            .strip_prefix(n)
            .and_then(|r| r.strip_prefix(' '))
            .map_or(text, str::trim_start),
        None => text,
    }
}

/// `17. Text` → `Text`: the number is already in the ¶ label.
pub fn strip_paragraph_number(text: &str) -> &str {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && let Some(rest) = text[digits..].strip_prefix(". ")
    {
        return rest.trim_start();
    }
    text
}

/// `p-17` → `¶17`; other anchors → `¶`.
/// How a reader cites the paragraph of a mention: `¶17`, else `§ heading`
/// (shortened), else `¶`.
fn mention_label(m: &crate::graph::Mention) -> String {
    match (&m.number, &m.section) {
        (Some(n), _) => format!("¶{n}"),
        (None, Some(h)) => {
            // At most 24 columns: a wide (CJK) character takes two.
            let width = |c: char| if c.len_utf8() >= 3 { 2 } else { 1 };
            if h.chars().map(width).sum::<usize>() <= 24 {
                return format!("§ {h}");
            }
            let mut cols = 0;
            let short: String = h
                .chars()
                .take_while(|&c| {
                    cols += width(c);
                    cols <= 24
                })
                .collect();
            // At a space when there is one (Latin), else at 24 columns.
            let short = match short.rfind(' ') {
                Some(i) if i > 12 => &short[..i],
                _ => &short[..],
            };
            format!("§ {}…", short.trim_end())
        }
        (None, None) => "¶".to_string(),
    }
}

/// Mentions of one page in one paragraph become one entry: the snippets
/// joined by an ellipsis, every mention marked.
fn one_per_paragraph(items: impl Iterator<Item = MentionItem>) -> Vec<MentionItem> {
    let mut out: Vec<MentionItem> = Vec::new();
    for item in items {
        match out.last_mut() {
            Some(last) if last.url == item.url && last.in_heading == item.in_heading => {
                last.parts.push(SnippetPart {
                    text: " … ".into(),
                    mark: false,
                });
                last.parts.extend(item.parts);
                last.cut_end = item.cut_end;
            }
            _ => out.push(item),
        }
    }
    out
}

pub fn paragraph_label(anchor: &str) -> String {
    match crate::markdown::paragraph_number(anchor) {
        Some(n) => format!("¶{n}"),
        None => "¶".to_string(),
    }
}

/// Lower case, diacritics removed, `đ` → `d`: the A–Z sort key.
pub fn fold(name: &str) -> String {
    name.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// The A–Z letter of a folded name (`#` when it starts with no letter A–Z).
pub fn initial(key: &str) -> String {
    match key.chars().find(|c| !c.is_whitespace()) {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase().to_string(),
        _ => "#".to_string(),
    }
}

/// Numbers in a resolution number, for natural order (`73/187` → [73, 187]).
fn number_key(number: &str) -> Vec<u64> {
    number
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect()
}

fn year_of_date(date: Option<&str>) -> Option<u32> {
    date.and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
}

/// Groups by year, newest first, undated last; order within a year kept.
fn by_year(
    items: impl Iterator<Item = (Option<u32>, usize)>,
    undated: &str,
    summary: impl Fn(usize) -> PageSummary,
) -> Vec<GroupContext> {
    let mut years: BTreeMap<std::cmp::Reverse<Option<u32>>, Vec<usize>> = BTreeMap::new();
    for (y, i) in items {
        years.entry(std::cmp::Reverse(y)).or_default().push(i);
    }
    // Reverse(None) is the greatest key: undated comes last.
    years
        .into_iter()
        .map(|(std::cmp::Reverse(y), list)| {
            let key = y.map_or_else(|| "undated".to_string(), |y| y.to_string());
            GroupContext {
                title: y.map_or_else(|| undated.to_string(), |y| y.to_string()),
                key,
                pages: list.into_iter().map(&summary).collect(),
            }
        })
        .collect()
}

/// Sort order in lists: weight (unset last), then newest date first
/// (undated last), then title, then URL. Total and stable: deterministic.
pub fn list_order(a: &Page, b: &Page) -> Ordering {
    let weight = |p: &Page| (p.front.weight.is_none(), p.front.weight);
    weight(a)
        .cmp(&weight(b))
        .then_with(|| (a.front.date.is_none()).cmp(&b.front.date.is_none()))
        // Newest first (compared in place: a site's lists sort thousands).
        .then_with(|| b.front.date.cmp(&a.front.date))
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
    fn a_to_z_keys_fold_case_and_diacritics() {
        assert_eq!(fold("Ác-hen-ti-na"), "ac-hen-ti-na");
        assert_eq!(fold("Đan Mạch"), "dan mach");
        assert_eq!(fold("Việt Nam"), "viet nam");
        assert_eq!(initial(&fold("Ác-hen-ti-na")), "A");
        assert_eq!(initial(&fold("Đan Mạch")), "D");
        assert_eq!(initial("阿根廷"), "#");
        let mut names = vec!["Việt Nam", "Ác-hen-ti-na", "Mông Cổ", "Đan Mạch"];
        names.sort_by_key(|n| fold(n));
        assert_eq!(
            names,
            vec!["Ác-hen-ti-na", "Đan Mạch", "Mông Cổ", "Việt Nam"]
        );
    }

    #[test]
    fn paragraph_labels_and_numbers() {
        assert_eq!(paragraph_label("p-17"), "¶17");
        assert_eq!(paragraph_label("p-10-1"), "¶10.1");
        assert_eq!(paragraph_label("阿根廷"), "¶");
        assert_eq!(paragraph_label("p-"), "¶");
        assert_eq!(strip_paragraph_number("17. 阿根廷指出"), "阿根廷指出");
        assert_eq!(strip_paragraph_number("2017. Year"), "Year");
        assert_eq!(strip_paragraph_number("In 2017. Then"), "In 2017. Then");
        assert_eq!(strip_paragraph_number("3.5 percent"), "3.5 percent");
        assert_eq!(
            strip_section_number("10.1 The Office", Some("10.1")),
            "The Office"
        );
        assert_eq!(
            strip_section_number("3.5 percent", Some("3")),
            "3.5 percent"
        );
        assert_eq!(
            strip_section_number("10.12 Text", Some("10.1")),
            "10.12 Text"
        );
        assert_eq!(number_key("73/187"), vec![73, 187]);
        assert!(number_key("2341") < number_key("10000"));
    }

    #[test]
    fn years_newest_first_undated_last() {
        let groups = by_year(
            [(Some(2017), 0), (None, 1), (Some(2019), 2), (Some(2017), 3)].into_iter(),
            "Undated",
            |i| PageSummary {
                title: i.to_string(),
                url: String::new(),
                kind: String::new(),
                symbol: None,
                date: None,
                language: None,
                description: None,
                id: None,
                name: i.to_string(),
                name_lang: None,
                count: 0,
                organ: None,
                year: None,
                links: Vec::new(),
            },
        );
        let keys: Vec<&str> = groups.iter().map(|g| g.key.as_str()).collect();
        assert_eq!(keys, vec!["2019", "2017", "undated"]);
        let in_2017: Vec<&str> = groups[1].pages.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(in_2017, vec!["0", "3"]);
    }

    #[test]
    fn dir_titles() {
        assert_eq!(title_from_dir("documents"), "Documents");
        assert_eq!(title_from_dir("a/entity-pages"), "Entity pages");
        assert_eq!(title_from_dir("国家"), "国家");
    }
}

//! Orchestration: content → markdown → links → templates → files.
//!
//! `build` and `check` share everything up to writing. The steps are
//! separate so `serve` can reuse them: [`load`] gives a [`LoadedSite`]
//! (content parsed, markdown rendered, links checked), [`render_site`]
//! turns it into files, [`write_into`] writes them into a directory and
//! [`build`] does all of it and swaps the result into place.

use crate::graph::{Extracted, Graph};
use std::borrow::Cow;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{CONFIG_FILE, Config};
use crate::content::{self, Content, Page, Section};
use crate::links::{self, AnchorRef, InternalLink, SiteIndex};
use crate::markdown::{self, MarkdownOptions, Rendered};
use crate::output::{self, OutputFile, Staging};
use crate::problem::{Problem, Problems};
use crate::render::{RenderContext, Theme};
use clashes::Origin;

pub mod cache;
pub mod clashes;
mod contexts;
mod digests;
pub mod extras;
mod graph_pages;
mod incremental;
mod inputs;
mod local_graph;
pub mod lock;
pub mod raw_files;
pub mod svg;
pub use contexts::{Contexts, ENTITY_SECTIONS, kind_key, list_order};

/// The site after loading: everything needed to render, plus the problems
/// found so far. Reusable: rendering does not consume it.
#[derive(Debug, Clone)]
pub struct LoadedSite {
    pub config: Config,
    pub content: Content,
    pub sections: Vec<Section>,
    /// Rendered markdown, parallel to `content.pages`.
    pub rendered: Vec<Rendered>,
    /// Links from each page to other pages, parallel to `content.pages`
    /// (for backlinks and the mention graph).
    pub outgoing: Vec<Vec<InternalLink>>,
    /// Content, markdown and link problems, in no particular order.
    pub problems: Vec<Problem>,
    /// Content entries left out that the build goes on without (a
    /// dangling symbolic link), each naming its file.
    pub warnings: Vec<Problem>,
}

/// What a successful build did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    /// Content pages built (what `check` and `serve` count).
    pub pages: usize,
    /// HTML pages pilcrow generated besides them: lists, indexes, the
    /// search and graph pages (404 not counted).
    pub generated: usize,
    pub output_dir: PathBuf,
    /// Things the publisher should know (the build still succeeded).
    pub warnings: Vec<String>,
    /// Nothing changed since the output was built: nothing was written.
    pub unchanged: bool,
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{0}")]
    Problems(Problems),
    #[error("{0}")]
    Io(String),
}

impl LoadedSite {
    /// A site with no content yet (what `serve` starts from). The one
    /// place besides [`load`] that builds a `LoadedSite`.
    pub fn empty(config: &Config) -> LoadedSite {
        LoadedSite {
            config: config.clone(),
            content: Content::default(),
            sections: Vec::new(),
            rendered: Vec::new(),
            outgoing: Vec::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// What the markdown pass gives for one page.
#[derive(Debug, Default)]
pub struct PageMarkdown {
    pub rendered: Rendered,
    /// Link problems of the page.
    pub problems: Vec<Problem>,
    /// Links with a fragment, checked once every page's anchors are known.
    pub anchor_refs: Vec<AnchorRef>,
    pub outgoing: Vec<InternalLink>,
}

/// Renders the markdown of page `i`, resolving its links with `index`.
/// `load` runs it for every page, `serve` for the pages that changed.
pub fn render_markdown(config: &Config, index: &SiteIndex, i: usize, page: &Page) -> PageMarkdown {
    render_source(config, index, i, page, &page.body)
}

/// [`render_markdown`] of `body`, page `i`'s source (a build moves it out
/// of the page).
fn render_source(
    config: &Config,
    index: &SiteIndex,
    i: usize,
    page: &Page,
    body: &str,
) -> PageMarkdown {
    let mut resolver = index.for_page(i, &page.rel);
    let lang = page.front.language.as_deref().unwrap_or(&config.language);
    let opts = MarkdownOptions {
        allow_html: config.markdown.allow_html,
        anchor_label: Some(crate::render::i18n::get(lang, "link_to_paragraph")),
        link_repeats: config.markdown.link_repeats,
        show_places: !page.is_section_index,
    };
    let rendered = markdown::render(body, page.body_line, &opts, &mut resolver);
    PageMarkdown {
        rendered,
        problems: resolver.problems,
        anchor_refs: resolver.anchor_refs,
        outgoing: resolver.outgoing,
    }
}

/// Loads content, renders markdown and checks links. Never stops at the
/// first problem.
pub fn load(config: &Config) -> LoadedSite {
    load_with(config, true, |_, _, _| ()).0
}

/// [`load`] as a build needs it: each page's markdown source dropped once
/// rendered, and its contribution to the mention graph taken as soon as
/// its markdown is rendered, then the plain text of its blocks dropped —
/// the site's text is never held two or three times over.
/// Also gives each page's links with a fragment (target, fragment), for
/// the build cache.
fn load_for_build(config: &Config) -> (LoadedSite, Vec<(Extracted, PageRefs)>) {
    load_with(config, false, |i, pages, m| {
        let refs = m
            .anchor_refs
            .iter()
            .map(|r| (r.target, r.fragment.clone()))
            .collect();
        (
            crate::graph::extract_from(i, pages, &m.rendered, &m.outgoing),
            refs,
        )
    })
}

/// Loads the site; `take` is given each page's markdown as it is
/// rendered. Unless `keep`, pages keep neither their source nor their
/// blocks.
fn load_with<T: Send>(
    config: &Config,
    keep: bool,
    take: impl Fn(usize, &[Page], &PageMarkdown) -> T + Sync,
) -> (LoadedSite, Vec<T>) {
    let (mut content, mut problems, warnings) = content::load(&config.content_dir, &config.root);
    let sections = content::sections(&content.pages);
    let index = SiteIndex::new(config.base_path(), &content, &sections);
    let bodies: Vec<String> = content
        .pages
        .iter_mut()
        .map(|p| match keep {
            true => String::new(),
            false => std::mem::take(&mut p.body),
        })
        .collect();
    let pages = &content.pages;
    let results: Vec<(PageMarkdown, T)> = bodies
        .into_par_iter()
        .enumerate()
        .map(|(i, body)| {
            let source = if keep { &pages[i].body } else { &body };
            let mut m = render_source(config, &index, i, &pages[i], source);
            let t = take(i, pages, &m);
            if !keep {
                let r = &mut m.rendered;
                r.blocks = Vec::new();
                r.link_sites = Vec::new();
                r.html.shrink_to_fit();
            }
            (m, t)
        })
        .collect();
    let mut rendered = Vec::with_capacity(results.len());
    let mut refs = Vec::new();
    let mut outgoing = Vec::with_capacity(results.len());
    let mut taken = Vec::with_capacity(results.len());
    for (i, (m, t)) in results.into_iter().enumerate() {
        rendered.push(m.rendered);
        outgoing.push(m.outgoing);
        problems.extend(m.problems);
        refs.extend(m.anchor_refs.into_iter().map(|a| (i, a)));
        taken.push(t);
    }
    let anchors: Vec<HashSet<String>> = rendered
        .iter()
        .map(|r| r.anchors.iter().cloned().collect())
        .collect();
    let displays: Vec<String> = content.pages.iter().map(|p| p.display.clone()).collect();
    problems.extend(links::check_anchors(&refs, &anchors, &displays));
    let site = LoadedSite {
        config: config.clone(),
        content,
        sections,
        rendered,
        outgoing,
        problems,
        warnings,
    };
    (site, taken)
}

/// A page's links with a fragment: (target page, fragment).
type PageRefs = Vec<(usize, String)>;

/// Template of the graph page (optional in a theme).
pub const GRAPH_TEMPLATE: &str = "graph.html";
/// URL of the graph page, relative to the base.
pub const GRAPH_URL: &str = "graph/";

/// Everything to put in the output directory.
#[derive(Debug, Default)]
pub struct SiteFiles {
    /// Generated files, sorted by path.
    pub files: Vec<OutputFile>,
    /// Content assets to copy: (output path, source file), sorted.
    pub copies: Vec<(String, PathBuf)>,
    /// HTML pages, 404 page not counted.
    pub pages: usize,
    /// Pages already written into the output being built (`build`
    /// streams them: the whole site's HTML is never held at once).
    pub written: Vec<String>,
    /// Things the publisher should know (the build still succeeds).
    pub warnings: Vec<String>,
    /// The search index's record for the next build (see `build::cache`).
    #[cfg(feature = "search")]
    pub search_log: Option<crate::search::index::log::Log>,
}

/// One output rendered through a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OutputJob {
    /// A content page (index into `content.pages`; never a section index).
    Page(usize),
    /// A section's list page (index into `sections`).
    Section(usize),
    /// `graph/`: every page and its links, as lists (a kind with many
    /// pages by its parts).
    Graph,
    /// A part of a kind's list on the graph page (kind rank, part from
    /// 0): `graph/documents/2/` (`graph_pages`).
    GraphPart(usize, usize),
    /// `404.html`.
    NotFound,
}

impl OutputJob {
    /// URL of the output relative to the base (`documents/x/`); `None`
    /// for the 404 page.
    pub fn url(self, site: &LoadedSite) -> Option<Cow<'_, str>> {
        match self {
            OutputJob::Page(i) => Some(Cow::Borrowed(&site.content.pages[i].url)),
            OutputJob::Section(k) => Some(Cow::Borrowed(&site.sections[k].url)),
            OutputJob::Graph => Some(Cow::Borrowed(GRAPH_URL)),
            OutputJob::GraphPart(r, k) => Some(Cow::Owned(graph_pages::part_url(r, k))),
            OutputJob::NotFound => None,
        }
    }

    /// Path of the output file (`documents/x/index.html`).
    pub fn path(self, site: &LoadedSite) -> String {
        match self.url(site) {
            Some(url) => format!("{url}index.html"),
            None => "404.html".into(),
        }
    }

    /// The template that renders it.
    pub fn template(self, site: &LoadedSite) -> String {
        let pages = &site.content.pages;
        match self {
            OutputJob::Page(i) => pages[i]
                .front
                .template
                .clone()
                .unwrap_or_else(|| "page.html".into()),
            OutputJob::Section(k) => {
                let s = &site.sections[k];
                let default = if s.url.is_empty() {
                    "home.html"
                } else {
                    "list.html"
                };
                s.index_page
                    .and_then(|i| pages[i].front.template.clone())
                    .unwrap_or_else(|| default.into())
            }
            OutputJob::Graph | OutputJob::GraphPart(..) => GRAPH_TEMPLATE.into(),
            OutputJob::NotFound => "404.html".into(),
        }
    }
}

/// Every HTML output of the site, 404 page last.
pub fn output_jobs(site: &LoadedSite, theme: &Theme) -> Vec<OutputJob> {
    let pages = &site.content.pages;
    let mut jobs: Vec<OutputJob> = (0..pages.len())
        .filter(|&i| !pages[i].is_section_index)
        .map(OutputJob::Page)
        .collect();
    jobs.extend((0..site.sections.len()).map(OutputJob::Section));
    if theme.has_template(GRAPH_TEMPLATE) {
        jobs.push(OutputJob::Graph);
        jobs.extend(
            graph_pages::parts(site)
                .into_iter()
                .map(|(r, k)| OutputJob::GraphPart(r, k)),
        );
    }
    jobs.push(OutputJob::NotFound);
    jobs
}

/// Renders one output. `build` renders every job of [`output_jobs`]
/// through here, `serve` the ones a change affects.
pub fn render_output(
    cx: &Contexts<'_>,
    theme: &Theme,
    job: OutputJob,
) -> Result<OutputFile, Problem> {
    let site = cx.site();
    let pages = &site.content.pages;
    let (page, section, shown) = match job {
        OutputJob::Page(i) => (cx.page(i), None, Some(&pages[i].display)),
        OutputJob::Section(k) => {
            let s = &site.sections[k];
            (
                cx.section_page(s),
                Some(cx.section(s)),
                s.index_page.map(|i| &pages[i].display),
            )
        }
        OutputJob::Graph => (
            cx.generated_page(GRAPH_URL, &cx.strings["graph"], "graph"),
            Some(cx.graph_section()),
            None,
        ),
        OutputJob::GraphPart(r, k) => (
            cx.generated_page(
                &graph_pages::part_url(r, k),
                &cx.graph_part_title(r, k),
                "graph",
            ),
            Some(cx.graph_part_section(r, k)),
            None,
        ),
        OutputJob::NotFound => (cx.not_found_page(), None, None),
    };
    let template = job.template(site);
    if job != OutputJob::NotFound && !theme.has_template(&template) {
        let msg = format!("template {template:?} not found in the theme");
        return Err(match shown {
            Some(f) => Problem::in_file(f, msg),
            None => Problem::general(msg),
        });
    }
    let ctx = RenderContext {
        site: &cx.site_context,
        t: &cx.strings,
        breadcrumbs: match job {
            // A part of the graph's lists is under the graph page.
            OutputJob::GraphPart(..) => {
                let mut crumbs = cx.breadcrumbs(GRAPH_URL);
                crumbs.push(crate::render::LinkContext {
                    title: cx.strings["graph"].clone(),
                    url: cx.url(GRAPH_URL),
                });
                crumbs
            }
            _ => job
                .url(site)
                .map(|u| cx.breadcrumbs(&u))
                .unwrap_or_default(),
        },
        page: &page,
        section: section.as_ref(),
    };
    let html = theme.render(&template, &ctx)?;
    Ok(OutputFile {
        path: job.path(site),
        bytes: html.into_bytes(),
    })
}

/// `highlight.css`, when some page has code.
pub fn highlight_css(site: &LoadedSite) -> Option<Result<OutputFile, Problem>> {
    if !site.rendered.iter().any(|r| r.has_code) {
        return None;
    }
    let config = &site.config;
    Some(
        markdown::highlight::stylesheet(&config.markdown.highlight_theme)
            .map(|css| OutputFile {
                path: "highlight.css".into(),
                bytes: css.into_bytes(),
            })
            .map_err(|msg| {
                Problem::in_file(
                    content::display_path(&config.root.join(CONFIG_FILE)),
                    format!("[markdown] {msg}"),
                )
            }),
    )
}

/// Renders every page, list page and the 404 page, and the search index.
/// Returns the files and the template problems met (all of them,
/// de-duplicated by the caller).
pub fn render_site(site: &LoadedSite, theme: &Theme) -> (SiteFiles, Vec<Problem>) {
    render_site_with(site, theme, true, None, None)
}

/// Output jobs rendered at once by a build: bounds the index entries
/// waiting to be merged.
#[cfg(feature = "search")]
const BATCH: usize = 256;

/// The content page whose body job renders (a section's `_index.md`).
fn body_of(site: &LoadedSite, job: OutputJob) -> Option<usize> {
    match job {
        OutputJob::Page(i) => Some(i),
        OutputJob::Section(k) => site.sections[k].index_page,
        OutputJob::Graph | OutputJob::GraphPart(..) | OutputJob::NotFound => None,
    }
}

type Rendering = (OutputJob, Result<OutputFile, Problem>);

/// What is left of the search index once every page is rendered: its
/// shards and `meta.json`, made while the site's other files are.
type IndexFinish<'a> = Box<dyn FnOnce() -> Result<crate::search::IndexFiles, String> + Send + 'a>;

/// Renders `jobs` as a build does, each page written into `dir` as soon
/// as it is rendered and, with `with_search`, indexed at the same time
/// from the body it is rendered with; the index entries merged in page
/// order while the next batch renders. Returns the renderings in the
/// order of `jobs` and, when made, what finishes the index.
fn render_streamed<'a>(
    cx: &Contexts<'_>,
    theme: &Theme,
    jobs: &[OutputJob],
    dir: &'a Path,
    with_search: bool,
) -> (Vec<Rendering>, Option<IndexFinish<'a>>) {
    let site = cx.site();
    let render = |job: OutputJob| match render_output(cx, theme, job) {
        Ok(f) if job != OutputJob::NotFound => output::write_files(dir, std::slice::from_ref(&f))
            .map(|()| OutputFile {
                path: f.path,
                bytes: Vec::new(),
            })
            .map_err(|e| Problem::general(format!("cannot write the site: {e}"))),
        r => r,
    };
    // In page order, so the index's entries come nearly in the order they
    // are merged in.
    let mut order: Vec<(usize, OutputJob)> = jobs.iter().copied().enumerate().collect();
    order.sort_by_key(|&(_, job)| body_of(site, job).unwrap_or(usize::MAX));
    let mut out: Vec<Option<Rendering>> = (0..jobs.len()).map(|_| None).collect();

    #[cfg(feature = "search")]
    if with_search {
        use crate::search::index::{self, Dictionary, Entry, Merger};
        let records = crate::search::records::Records::new(site);
        let dictionary = Dictionary::default();
        let mut merger = Merger::new(Some(dir));
        merger.record_in(&cache::dir(&site.config));
        let mut failed: Option<String> = None;
        let entry = |i: usize| {
            cx.with_body(i, |html| {
                index::entry(&records, &dictionary, i, html, Some(dir))
            })
        };
        // Pages no job renders are indexed first.
        let mut carried = vec![false; site.content.pages.len()];
        for &job in jobs {
            if let Some(i) = body_of(site, job) {
                carried[i] = true;
            }
        }
        for i in (0..carried.len()).filter(|&i| !carried[i]) {
            match entry(i) {
                Ok(e) => merger.add(e),
                Err(m) => failed = failed.or(Some(m)),
            }
        }
        let mut pending: Vec<Entry> = Vec::new();
        for batch in order.chunks(BATCH) {
            let ((), done) = rayon::join(
                || {
                    for e in pending.drain(..) {
                        merger.add(e);
                    }
                },
                || {
                    batch
                        .par_iter()
                        .map(|&(k, job)| {
                            let e = body_of(site, job).map(entry);
                            (k, job, render(job), e)
                        })
                        .collect::<Vec<_>>()
                },
            );
            for (k, job, r, e) in done {
                out[k] = Some((job, r));
                match e {
                    Some(Ok(e)) => pending.push(e),
                    Some(Err(m)) => failed = failed.or(Some(m)),
                    None => {}
                }
            }
        }
        for e in pending {
            merger.add(e);
        }
        let finish: IndexFinish<'a> = Box::new(move || match failed {
            Some(m) => Err(m),
            None => merger.finish(dictionary),
        });
        return (out.into_iter().flatten().collect(), Some(finish));
    }
    let _ = with_search;
    let done: Vec<(usize, Rendering)> = order
        .par_iter()
        .map(|&(k, job)| (k, (job, render(job))))
        .collect();
    for (k, r) in done {
        out[k] = Some(r);
    }
    (out.into_iter().flatten().collect(), None)
}

/// [`render_site`] without the search outputs (`search/`):
/// what `serve` renders itself; it builds those in the background.
pub fn render_site_without_search(site: &LoadedSite, theme: &Theme) -> (SiteFiles, Vec<Problem>) {
    render_site_with(site, theme, false, None, None)
}

fn render_site_with(
    site: &LoadedSite,
    theme: &Theme,
    with_search: bool,
    sink: Option<&Path>,
    built: Option<(&Graph, Vec<String>)>,
) -> (SiteFiles, Vec<Problem>) {
    let config = &site.config;
    let (cx, bodies) = match built {
        Some((g, bodies)) => (
            Contexts::with_graph(site, std::borrow::Cow::Borrowed(g)),
            Some(bodies),
        ),
        None => (Contexts::new(site), None),
    };
    let mut cx = cx;
    if let Some(b) = bodies.filter(|b| !b.is_empty()) {
        cx.take_bodies(b);
    }
    let jobs = output_jobs(site, theme);
    // With a sink (the staging dir of a build), each page is written as
    // soon as it is rendered (and indexed) and only its path is kept.
    phase("contexts");
    let (results, index) = match sink {
        Some(dir) => render_streamed(&cx, theme, &jobs, dir, with_search),
        None => {
            let results = jobs
                .par_iter()
                .map(|&job| (job, render_output(&cx, theme, job)))
                .collect();
            (results, None)
        }
    };

    let mut problems = Vec::new();
    let mut out = SiteFiles::default();
    let mut not_found = None;
    // Where each output comes from, to name both sides of a clash.
    let mut origins: Vec<(String, Origin)> = Vec::new();
    let generated = |what: &str| Origin::Generated(format!("pilcrow's {what}"));
    for (job, r) in results {
        let origin = match job {
            OutputJob::Page(i) => Origin::Content(site.content.pages[i].display.clone()),
            OutputJob::Section(k) => match site.sections[k].index_page {
                Some(i) => Origin::Content(site.content.pages[i].display.clone()),
                None => generated(&format!("list page /{}", site.sections[k].url)),
            },
            OutputJob::Graph => generated("graph page"),
            OutputJob::GraphPart(..) => generated("graph page's parts"),
            OutputJob::NotFound => generated("404 page"),
        };
        match r {
            Ok(f) if job == OutputJob::NotFound => not_found = Some(f),
            Ok(f) if sink.is_some() => {
                origins.push((f.path.clone(), origin));
                out.written.push(f.path);
            }
            Ok(f) => {
                origins.push((f.path.clone(), origin));
                out.files.push(f);
            }
            Err(p) => problems.push(p),
        }
    }
    out.pages = out.files.len() + out.written.len();
    out.warnings
        .extend(site.warnings.iter().map(|p| p.to_string()));
    let html_urls = html_urls(
        out.files
            .iter()
            .map(|f| f.path.as_str())
            .chain(out.written.iter().map(String::as_str)),
    );
    phase("pages and index");
    // The index's shards are made while the sitemap, feed and graph are.
    let (extra_files, index) = rayon::join(
        || extras::files(site, &cx, &html_urls),
        || index.map(|finish| finish()),
    );
    phase("shards and extras");
    origins.extend(
        extra_files
            .iter()
            .map(|f| (f.path.clone(), generated(&f.path))),
    );
    out.files.extend(extra_files);
    if !extras::is_absolute(&config.base_url) {
        out.warnings
            .push(extras::bare_base_url_warning(&config.base_url));
    }

    origins.extend(
        not_found
            .iter()
            .map(|f| (f.path.clone(), generated("404 page"))),
    );
    out.files.extend(not_found);

    // Search (src/search): the search page, symbols.json, names.json, the index.
    if with_search {
        let search = crate::search::files(site, theme, &cx, sink, index);
        let search_page = format!("{}index.html", crate::search::SEARCH_URL);
        origins.extend(search.files.iter().map(|f| {
            let what = if f.path == search_page {
                "search page".to_string()
            } else {
                format!("search file {}", f.path)
            };
            (f.path.clone(), generated(&what))
        }));
        origins.extend(
            search
                .written
                .iter()
                .map(|p| (p.clone(), generated(&format!("search file {p}")))),
        );
        out.files.extend(search.files);
        out.written.extend(search.written);
        problems.extend(search.problems);
        #[cfg(feature = "search")]
        {
            out.search_log = search.log;
        }
    }

    match highlight_css(site) {
        Some(Ok(f)) => {
            origins.push((f.path.clone(), generated(&f.path)));
            out.files.push(f);
        }
        Some(Err(p)) => problems.push(p),
        None => {}
    }
    for (path, bytes) in &theme.static_files {
        origins.push((
            path.clone(),
            Origin::Generated(format!("the theme's static file static/{path}")),
        ));
        out.files.push(OutputFile {
            path: path.clone(),
            bytes: bytes.clone(),
        });
    }
    // Content assets: copied, except `.html`/`.svg` as `[content]
    // html_and_svg` says (refused, or SVG sanitized and written).
    let placed = raw_files::place(
        config.content.html_and_svg,
        &config.content_dir,
        &site.content.assets,
    );
    out.copies = placed.copies;
    problems.extend(placed.problems);
    origins.extend(placed.files.iter().map(|f| {
        (
            f.path.clone(),
            Origin::Content(content::display_path(&config.content_dir.join(&f.path))),
        )
    }));
    out.files.extend(placed.files);
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    out.copies.sort();

    // Two outputs must not claim the same path (a theme static file named
    // like a page, a content file named like a generated one).
    origins.extend(out.copies.iter().map(|(rel, _)| {
        (
            rel.clone(),
            Origin::Content(content::display_path(&config.content_dir.join(rel))),
        )
    }));
    problems.extend(clashes::clashes(&origins));
    (out, problems)
}

/// The sorted base-relative URLs of HTML output paths (for the sitemap).
pub fn html_urls<'p>(paths: impl Iterator<Item = &'p str>) -> Vec<String> {
    let mut v: Vec<String> = paths
        .map(|p| p.trim_end_matches("index.html").to_string())
        .collect();
    v.sort();
    v
}

/// Writes rendered files and copies assets into `dir` (which should be
/// empty).
pub fn write_into(files: &SiteFiles, dir: &Path) -> std::io::Result<()> {
    output::write_files(dir, &files.files)?;
    for (rel, source) in &files.copies {
        output::copy_file(source, dir, rel)?;
    }
    Ok(())
}

/// Where the site goes and what is there now, if a build may replace it:
/// never the site's own files (see `output::check_output_dir`).
fn output_target(config: &Config) -> Result<(std::path::PathBuf, output::Previous), String> {
    let site_toml = config.root.join(CONFIG_FILE);
    let themes = config.root.join("themes");
    let source = |name, path, may_hold_output| output::Source {
        name,
        path,
        may_hold_output,
    };
    output::check_output_dir(
        &config.output_dir,
        &[
            source("root", &config.root, true),
            source("site.toml", &site_toml, false),
            source("content directory", &config.content_dir, false),
            source("seeds directory", &config.seeds_dir, false),
            source("themes directory", &themes, false),
        ],
    )
}

/// Loads the site and renders it; all problems, or the files.
pub fn prepare(config: &Config) -> Result<(LoadedSite, SiteFiles), Problems> {
    prepare_with(config, None).map(|(site, files, _)| (site, files))
}

/// [`prepare`], writing the pages into `sink` as they are rendered; with
/// a sink, also what the build cache keeps of the site (its settings,
/// fingerprint and content digests left for the caller).
fn prepare_with(
    config: &Config,
    sink: Option<&Path>,
) -> Result<(LoadedSite, SiteFiles, Option<cache::SiteCache>), Problems> {
    let (mut site, taken) = load_for_build(config);
    phase("load and render md");
    let (extracted, refs): (Vec<Extracted>, Vec<PageRefs>) = taken.into_iter().unzip();
    let graph = Graph::assemble(&site, &extracted);
    phase("graph");
    // Writing a site, each page's body goes into its page's context (and
    // the index) and is dropped once the page is rendered.
    let bodies: Vec<String> = match sink {
        Some(_) => site
            .rendered
            .iter_mut()
            .map(|r| std::mem::take(&mut r.html))
            .collect(),
        None => Vec::new(),
    };
    let mut problems = site.problems.clone();
    if let Err(message) = output_target(config) {
        problems.push(Problem::general(message));
    }
    let files = match Theme::load(config) {
        Ok(theme) => {
            let (files, p) = render_site_with(&site, &theme, true, sink, Some((&graph, bodies)));
            problems.extend(p);
            Some(files)
        }
        Err(p) => {
            problems.extend(p);
            None
        }
    };
    let record = match (&files, sink) {
        (Some(files), Some(_)) if problems.is_empty() => {
            Some(record(&site, &graph, extracted, refs, files.pages))
        }
        _ => None,
    };
    match (Problems::from_vec(problems), files) {
        (None, Some(files)) => Ok((site, files, record)),
        (Some(p), _) => Err(p),
        (None, None) => Err(Problems::single(Problem::general(
            "the theme could not be loaded",
        ))),
    }
}

/// What the build cache keeps of a site just built (see `cache`).
fn record(
    site: &LoadedSite,
    graph: &Graph,
    extracted: Vec<Extracted>,
    refs: Vec<PageRefs>,
    html_pages: usize,
) -> cache::SiteCache {
    let cx = Contexts::with_graph(site, std::borrow::Cow::Borrowed(graph));
    let pages = &site.content.pages;
    let records = extracted
        .into_par_iter()
        .zip(refs)
        .enumerate()
        .map(|(i, (extracted, refs))| {
            let p = &pages[i];
            let r = &site.rendered[i];
            cache::PageCache {
                rel: p.rel.clone(),
                front: cache::front(p),
                display: p.display.clone(),
                url: p.url.clone(),
                section: p.section.clone(),
                is_section_index: p.is_section_index,
                body_line: p.body_line,
                summary: crate::serve::engine::summary_key(&cx, i),
                ident: cache::ident(p),
                is_doc: p.front.kind == content::Kind::Document && !p.is_section_index,
                targets: site.outgoing[i].iter().map(|l| l.target).collect(),
                anchors: r.anchors.clone(),
                refs,
                has_code: r.has_code,
                extracted,
            }
        })
        .collect();
    cache::SiteCache {
        drafts: site.content.drafts.clone(),
        site_context: serde_json::to_string(&cx.site_context).unwrap_or_default(),
        section_titles: site
            .sections
            .iter()
            .map(|s| (s.dir.clone(), cx.section_title(s)))
            .collect(),
        html_pages,
        assets: site.content.assets.iter().map(|a| a.rel.clone()).collect(),
        pages: records,
        ..cache::SiteCache::default()
    }
}

/// Validates everything `build` validates and writes nothing. Returns the
/// number of content pages checked.
pub fn check(config: &Config) -> Result<usize, Problems> {
    check_with_warnings(config).map(|(pages, _)| pages)
}

/// [`check`], with the warnings `build` would print.
pub fn check_with_warnings(config: &Config) -> Result<(usize, Vec<String>), Problems> {
    prepare(config).map(|(site, files)| (site.content.pages.len(), files.warnings))
}

/// Builds the site into `config.output_dir`, atomically: on any error the
/// previous output is left as it was.
///
/// When the output was built from exactly these inputs (same binary,
/// configuration, theme and content; see `inputs`) and still holds every
/// file it was written with, there is nothing to do and nothing is written.
/// Prints how long the build's phase up to here took (and since the
/// start), when `PILCROW_BUILD_TIMING` is set: where a build's time goes,
/// without a profiler.
fn phase(name: &str) {
    use std::sync::{Mutex, OnceLock};
    use std::time::Instant;
    static ON: OnceLock<bool> = OnceLock::new();
    static LAST: Mutex<Option<(Instant, Instant)>> = Mutex::new(None);
    if !*ON.get_or_init(|| std::env::var_os("PILCROW_BUILD_TIMING").is_some()) {
        return;
    }
    static CPU: Mutex<f64> = Mutex::new(0.0);
    let now = Instant::now();
    let Ok(mut last) = LAST.lock() else { return };
    let (start, prev) = last.unwrap_or((now, now));
    // CPU time too: on a loaded machine the wall clock says little.
    let (cpu, rss) = usage();
    let Ok(mut cpu_last) = CPU.lock() else { return };
    // Memory too: memory a build touches for the first time is paid for
    // in zeroed pages (system time).
    eprintln!(
        "build: {name:<20} {:>8.3} s  (at {:.3} s; cpu {:.2} s; rss {rss} MiB)",
        (now - prev).as_secs_f64(),
        (now - start).as_secs_f64(),
        cpu - *cpu_last
    );
    *last = Some((start, now));
    *cpu_last = cpu;
}

/// User and system time of the process so far, and its resident size
/// in MiB (0 where unknown).
fn usage() -> (f64, u64) {
    // /proc/self/stat: after the command in parentheses, utime and stime
    // are the 12th and 13th fields, in clock ticks (100 a second), the
    // resident pages the 22nd.
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return (0.0, 0);
    };
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return (0.0, 0);
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (
        (tick(11) + tick(12)) / 100.0,
        (tick(21) as u64 * 4096) >> 20,
    )
}

pub fn build(config: &Config) -> Result<BuildReport, BuildError> {
    build_with(config, &|| {})
}

/// [`build`], calling `waiting` when another build of the site is under
/// way (this one then waits for it to finish: [`lock`]).
pub fn build_with(config: &Config, waiting: &dyn Fn()) -> Result<BuildReport, BuildError> {
    let _lock = lock::acquire(&cache::dir(config), waiting)
        .map_err(|e| BuildError::Io(format!("cannot wait for another build of the site: {e}")))?;
    phase("start");
    let inputs = inputs::read(config);
    let fingerprint = inputs.as_ref().map(|i| i.fingerprint.clone());
    phase("fingerprint");
    if let Some(f) = &fingerprint
        && let Ok((output, output::Previous::Site(_))) = output_target(config)
        && output::up_to_date(&output, f)
    {
        let io = |e: std::io::Error| BuildError::Io(format!("cannot tidy the output: {e}"));
        output::tidy(&output).map_err(io)?;
        return Ok(BuildReport {
            pages: 0,
            generated: 0,
            output_dir: config.output_dir.clone(),
            warnings: Vec::new(),
            unchanged: true,
        });
    }
    // The guard first: nothing is written beside an output a build may not
    // replace. On any problem the staging dir (with the pages written so
    // far) is removed and the output is left as it was.
    let (output, previous) = output_target(config)
        .map_err(|m| BuildError::Problems(Problems::single(Problem::general(m))))?;
    // An edit in place: only what it reaches (see `incremental`).
    if let Some(inputs) = &inputs
        && let Ok(done) = incremental::build(config, inputs, &output, &previous)
    {
        phase("incremental");
        return done.map_err(BuildError::Io);
    }
    // A clean build: no cache outlives the output it described.
    cache::remove(config);
    let io = |e: std::io::Error| BuildError::Io(format!("cannot write the site: {e}"));
    let staging = Staging::new(&output).map_err(io)?;
    let (site, files, record) =
        prepare_with(config, Some(staging.path())).map_err(BuildError::Problems)?;
    let pages = site.content.pages.len();
    let site_warnings = site.warnings.len();
    drop(site);
    phase("drop the site");
    write_into(&files, staging.path()).map_err(io)?;
    phase("write the rest");
    staging
        .swap_into_place(&previous, fingerprint.as_deref())
        .map_err(io)?;
    phase("swap into place");
    // The record for the next build, once the output it describes is in
    // place (it names that output's fingerprint).
    if let (Some(inputs), Some(mut record)) = (inputs, record)
        && site_warnings == 0
    {
        #[cfg(feature = "search")]
        if let Some(log) = files.search_log.clone() {
            log.commit(&cache::dir(config), &inputs.fingerprint);
        }
        record.setting = inputs.setting;
        record.fingerprint = inputs.fingerprint;
        record.content = inputs.content;
        cache::write(config, &mut record, None);
        phase("cache");
    }
    Ok(BuildReport {
        pages,
        generated: files.pages.saturating_sub(pages),
        output_dir: config.output_dir.clone(),
        warnings: files.warnings,
        unchanged: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `build` renders, indexes and writes each page in one go, its body
    /// moved rather than copied: what it writes is what `render_site`
    /// makes with the whole site in memory, byte for byte.
    #[test]
    fn a_streamed_build_writes_what_render_site_makes() {
        let fixture =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/fixture");
        let tmp = tempfile::tempdir().unwrap();
        let mut config = Config::load(&fixture).unwrap();
        config.output_dir = tmp.path().join("public");
        let site = load(&config);
        let theme = Theme::load(&config).unwrap();
        let (files, problems) = render_site(&site, &theme);
        assert!(problems.is_empty(), "{problems:?}");
        build(&config).unwrap();
        let mut written = 0;
        for f in &files.files {
            let on_disk = std::fs::read(config.output_dir.join(&f.path)).unwrap();
            assert!(on_disk == f.bytes, "{} differs", f.path);
            written += 1;
        }
        let pages = site.content.pages.len();
        assert!(
            written > 2 * pages,
            "only {written} files for {pages} pages"
        );
        if crate::search::AVAILABLE {
            assert!(
                files
                    .files
                    .iter()
                    .any(|f| f.path.starts_with("search/index/p/"))
            );
        }
    }

    #[test]
    fn load_collects_problems_from_every_page_and_keeps_links() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::write(root.join("site.toml"), "title = \"T\"\n").unwrap();
        let c = root.join("content");
        std::fs::create_dir_all(c.join("d")).unwrap();
        std::fs::write(
            c.join("d/a.md"),
            "---\ntitle: A\n---\n[b](b.md#p-1) [x](x.md)\n",
        )
        .unwrap();
        std::fs::write(
            c.join("d/b.md"),
            "---\ntitle: B\n---\nText ^p-1\n\n[a](a.md#nope)\n",
        )
        .unwrap();
        std::fs::write(c.join("d/c.md"), "---\ntitle: [\n---\n").unwrap();
        let config = Config::load(root).unwrap();
        let site = load(&config);
        assert_eq!(site.content.pages.len(), 2);
        let mut msgs: Vec<String> = site.problems.iter().map(|p| p.message.clone()).collect();
        msgs.sort();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(
            msgs.iter().any(|m| m.contains("x.md (no such page)")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("no anchor #nope")),
            "{msgs:?}"
        );
        assert_eq!(site.outgoing[0][0].target, 1);
        assert_eq!(site.outgoing[0][0].fragment.as_deref(), Some("p-1"));
        assert!(check(&config).is_err());
    }
}

//! The incremental site behind `serve`: the loaded site, kept between
//! changes, and its rendered outputs in memory.
//!
//! A content change re-reads only the files that changed, re-renders the
//! markdown of those pages (and, when the set of pages changed, of the
//! pages whose links could resolve differently), then asks [`affected`]
//! which outputs depend on what changed and renders only those. The result
//! must equal a full `build::load` + `build::render_site`, byte for byte
//! (tests/serve_incremental.rs checks it over sequences of edits).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use std::borrow::Cow;

use crate::build::clashes::Origin;
use crate::build::{self, Contexts, LoadedSite, OutputJob};
use crate::config::Config;
use crate::content::{self, Page};
use crate::graph::{self, Extracted, Graph};
use crate::links::{self, AnchorRef, InternalLink, SiteIndex};
use crate::markdown::Rendered;
use crate::problem::{Problem, Problems};
use crate::render::Theme;

/// Sites up to this many pages are checked by a full render after full
/// rebuilds and when the editor pauses ([`Engine::reconcile`]).
pub const RECONCILE_MAX_PAGES: usize = 2000;

/// Immutable bytes of one output file, cheap to share between snapshots.
pub type Bytes = Arc<[u8]>;

/// One servable file of the site.
#[derive(Debug, Clone, Eq)]
pub enum Entry {
    /// Generated in memory (pages, list pages, 404, CSS, theme files).
    Bytes(Bytes),
    /// A content asset, read from its source file when requested (it is
    /// copied as is by `build`).
    File(PathBuf),
}

impl PartialEq for Entry {
    fn eq(&self, other: &Entry) -> bool {
        match (self, other) {
            // The same bytes, shared: equal without reading them (most of
            // the site between two publishes).
            (Entry::Bytes(a), Entry::Bytes(b)) => Arc::ptr_eq(a, b) || a == b,
            (Entry::File(a), Entry::File(b)) => a == b,
            _ => false,
        }
    }
}

/// Per-page results of the markdown pass that `LoadedSite` merges away.
#[derive(Debug, Default, Clone)]
struct PageExtra {
    /// (this page's index, anchor ref), as `links::check_anchors` takes them.
    refs: Vec<(usize, AnchorRef)>,
    problems: Vec<Problem>,
    /// Its refs that name a missing anchor.
    anchor_problems: Vec<Problem>,
}

/// What one update did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Output files (pages and list pages) rendered again.
    pub rendered: usize,
    /// Markdown files parsed again.
    pub parsed: usize,
    /// The site's problems after the update (`None`: the site is good).
    pub problems: Option<Problems>,
}

/// Which outputs depend on a change: the answer of [`affected`].
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Affected {
    /// Everything (config, templates, navigation or section titles changed).
    pub all: bool,
    /// Content pages (indexes into the new page list) whose page must be
    /// rendered again. Section index pages are rendered through `sections`.
    pub pages: BTreeSet<usize>,
    /// Section directories whose list page must be rendered again.
    pub sections: BTreeSet<String>,
    /// The graph page and every part of its lists (pages' names or
    /// order changed).
    pub graph: bool,
    /// Pages whose node in the graph's lists changed (what they link to,
    /// their mention count): the output listing each
    /// (`Contexts::graph_place`) is rendered again.
    pub graph_nodes: BTreeSet<usize>,
    /// The 404 page.
    pub not_found: bool,
    /// The files for machines (sitemap, feed, graph.json: any content
    /// change may touch a snippet or a date in them).
    pub machine: bool,
}

/// What the old site looked like, for the pages that changed: captured
/// before the update, compared with the new site by [`affected`].
#[derive(Debug, Default)]
pub struct Before {
    /// `site` as templates see it, serialised (navigation, title, …).
    site_context: String,
    /// Section dir → title (nav, breadcrumbs and subsection lists use it).
    section_titles: BTreeMap<String, String>,
    /// Per changed or re-rendered page rel: how it looked before.
    pages: HashMap<String, PageBefore>,
    /// Every page's rel, by its index before the change (the indexes of
    /// the graph before).
    rels: Vec<String>,
    /// Which of those were documents (what related documents count).
    docs: Vec<bool>,
}

impl Before {
    /// What a previous build recorded of the site (an incremental
    /// `build`): `site` as templates saw it, section titles, every page's
    /// rel and whether it was a document.
    pub fn recorded(
        site_context: String,
        section_titles: BTreeMap<String, String>,
        rels: Vec<String>,
        docs: Vec<bool>,
    ) -> Before {
        Before {
            site_context,
            section_titles,
            pages: HashMap::new(),
            rels,
            docs,
        }
    }

    /// How page `rel` looked: its list entry (serialised as
    /// [`summary_key`] makes it), section, rendered markdown and the rels
    /// it linked to.
    pub fn add_page(
        &mut self,
        rel: String,
        summary: String,
        section: String,
        html: String,
        targets: BTreeSet<String>,
    ) {
        self.pages.insert(
            rel,
            PageBefore {
                summary,
                section,
                html,
                targets,
            },
        );
    }
}

/// A page's list entry as [`affected`] compares it.
pub fn summary_key(cx: &Contexts<'_>, i: usize) -> String {
    serde_json::to_string(&cx.summary(i)).unwrap_or_default()
        + &format!("{:?}", cx.site().content.pages[i].front.weight)
}

#[derive(Debug, Default)]
struct PageBefore {
    /// The page's entry in list pages, serialised.
    summary: String,
    section: String,
    html: String,
    /// Rels of the pages it linked to.
    targets: BTreeSet<String>,
}

/// The site as `serve` keeps it.
pub struct Engine {
    config: Config,
    theme: Option<Theme>,
    theme_problems: Vec<Problem>,
    site: LoadedSite,
    extra: Vec<PageExtra>,
    /// Anchors of each page, parallel to the pages.
    anchor_sets: Vec<HashSet<String>>,
    /// `display` of each page, parallel to the pages.
    displays: Vec<String>,
    /// The link index, kept while the set of files does not change.
    index: Option<SiteIndex>,
    /// Pages mapping to one URL (changes only with the set of files).
    clashes: Vec<Problem>,
    /// Files that failed to load, by rel.
    load_problems: BTreeMap<String, Problem>,
    /// The content dir itself could not be walked.
    dir_problem: Option<Problem>,
    /// Entries the walk refused (a symbolic link out of the site), as
    /// `content::load` reports them.
    walk_problems: Vec<Problem>,
    /// Markdown rels among them (kept in `content.failed`, like `load`).
    walk_failed: BTreeSet<String>,
    /// Where a served content file may resolve to (checked again when
    /// the server reads it).
    within: Arc<content::Within>,
    /// Content assets as `build::raw_files::place` puts them: output
    /// path → file (copied) or bytes (sanitized SVG).
    assets: BTreeMap<String, Entry>,
    /// Assets `place` refused.
    asset_problems: Vec<Problem>,
    /// Pages and list pages: output path → bytes.
    html: BTreeMap<String, Bytes>,
    render_problems: BTreeMap<String, Problem>,
    /// Outputs of the last full `build::render_site` (see [`Engine::reconcile`])
    /// that the incremental renderer does not make, or made differently.
    from_full: BTreeMap<String, Bytes>,
    /// The mention graph of `site`.
    graph: Graph,
    /// What each page contributes to the graph, parallel to the pages.
    extracted: Vec<Arc<Extracted>>,
    /// Files for machines (`build::extras`: sitemap, feed, graph.json).
    machine: BTreeMap<String, Bytes>,
    /// `machine` is older than the pages (see [`Engine::settle`]).
    machine_stale: bool,
    /// Outputs of ours that the last full render did not have.
    hidden: BTreeSet<String>,
    highlight: Option<Result<Bytes, Problem>>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("pages", &self.site.content.pages.len())
            .field("outputs", &self.html.len())
            .finish()
    }
}

impl Engine {
    /// Loads and renders the whole site.
    pub fn new(config: Config) -> (Engine, Outcome) {
        let (theme, theme_problems) = match Theme::load(&config) {
            Ok(t) => (Some(t), Vec::new()),
            Err(p) => (None, p),
        };
        let within = content::Within::new(&config.content_dir, &config.root);
        let mut engine = Engine {
            site: LoadedSite::empty(&config),
            config,
            theme,
            theme_problems,
            extra: Vec::new(),
            anchor_sets: Vec::new(),
            displays: Vec::new(),
            index: None,
            clashes: Vec::new(),
            load_problems: BTreeMap::new(),
            dir_problem: None,
            walk_problems: Vec::new(),
            walk_failed: BTreeSet::new(),
            within: Arc::new(within),
            assets: BTreeMap::new(),
            asset_problems: Vec::new(),
            html: BTreeMap::new(),
            render_problems: BTreeMap::new(),
            from_full: BTreeMap::new(),
            graph: Graph::default(),
            extracted: Vec::new(),
            machine: BTreeMap::new(),
            machine_stale: false,
            hidden: BTreeSet::new(),
            highlight: None,
        };
        let outcome = engine.update(&[], true, true);
        engine.reconcile();
        (engine, outcome)
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn site(&self) -> &LoadedSite {
        &self.site
    }

    /// Content entries left out that the site goes on without (a
    /// dangling symbolic link), as `build` reports them.
    pub fn warnings(&self) -> &[Problem] {
        &self.site.warnings
    }

    /// Where the content files it serves from disk may resolve to: the
    /// server reads a file only if it still resolves inside.
    pub fn within(&self) -> Arc<content::Within> {
        self.within.clone()
    }

    /// The mention graph of [`Engine::site`], kept up to date.
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// Is `rel` (relative to the content dir) a markdown file the site
    /// knows (a page, a draft or a file that failed to load)?
    pub fn knows(&self, rel: &str) -> bool {
        let c = &self.site.content;
        c.pages
            .binary_search_by(|p| p.rel.as_str().cmp(rel))
            .is_ok()
            || c.drafts.binary_search_by(|d| d.as_str().cmp(rel)).is_ok()
            || c.failed.binary_search_by(|d| d.as_str().cmp(rel)).is_ok()
    }

    /// Is `rel` a known content asset?
    pub fn knows_asset(&self, rel: &str) -> bool {
        self.site
            .content
            .assets
            .binary_search_by(|a| a.rel.as_str().cmp(rel))
            .is_ok()
    }

    /// The theme changed on disk: reload it and render again what uses
    /// the templates that changed (static files are just replaced).
    pub fn theme_changed(&mut self, templates: &Templates) -> Outcome {
        match Theme::load(&self.config) {
            Ok(t) => {
                let was_broken = self.theme.is_none();
                self.theme = Some(t);
                self.theme_problems.clear();
                let users = match templates {
                    _ if was_broken => None,
                    Templates::Unchanged => Some(BTreeSet::new()),
                    Templates::All => None,
                    Templates::Named(names) => template_users(&self.config.theme_dir(), names),
                };
                match users {
                    // Markdown does not depend on templates: render only.
                    None => {
                        let all = Affected {
                            all: true,
                            ..Affected::default()
                        };
                        let rendered = self.render(&all, false);
                        self.reconcile_if_small();
                        Outcome {
                            rendered,
                            parsed: 0,
                            problems: self.problems(),
                        }
                    }
                    Some(users) => self.render_template_users(&users),
                }
            }
            Err(p) => {
                self.theme_problems = p;
                Outcome {
                    problems: self.problems(),
                    ..Outcome::default()
                }
            }
        }
    }

    /// Renders again the pages, list pages and 404 page whose template
    /// is in `users`.
    fn render_template_users(&mut self, users: &BTreeSet<String>) -> Outcome {
        let mut aff = Affected::default();
        if let Some(theme) = &self.theme {
            for job in build::output_jobs(&self.site, theme) {
                if !users.contains(&job.template(&self.site)) {
                    continue;
                }
                match job {
                    OutputJob::Page(i) => {
                        aff.pages.insert(i);
                    }
                    OutputJob::Section(k) => {
                        aff.sections.insert(self.site.sections[k].dir.clone());
                    }
                    OutputJob::Graph | OutputJob::GraphPart(..) => aff.graph = true,
                    OutputJob::NotFound => aff.not_found = true,
                }
            }
        }
        let rendered = self.render(&aff, true);
        Outcome {
            rendered,
            parsed: 0,
            problems: self.problems(),
        }
    }

    /// Content files changed: `changed` are markdown rels that may have
    /// changed (edited, created or deleted); `rescan` walks the content
    /// dir again to find files added or removed (directories moved, files
    /// whose events were coalesced, assets). `all` re-renders everything.
    pub fn update(&mut self, changed: &[String], rescan: bool, all: bool) -> Outcome {
        let mut changed: BTreeSet<String> = changed
            .iter()
            .filter(|r| r.ends_with(".md"))
            .cloned()
            .collect();
        let content_dir = self.config.content_dir.clone();
        // A file the walk refused, or one reached through a symbolic
        // link, is decided by walking again (as `build` would), never by
        // reading it.
        let rescan = rescan
            || changed
                .iter()
                .any(|rel| self.walk_failed.contains(rel) || through_link(&content_dir, rel));
        let mut present: Option<HashSet<String>> = None;
        let mut assets_changed = false;
        if rescan {
            self.within = Arc::new(content::Within::new(&content_dir, &self.config.root));
            match content::walk_within(&content_dir, &self.config.root) {
                Ok(found) => {
                    self.dir_problem = None;
                    let shown = content::display_path(&content_dir);
                    let problem =
                        |(rel, m): &(String, String)| Problem::in_file(format!("{shown}/{rel}"), m);
                    self.walk_problems = found.errors.iter().map(problem).collect();
                    self.site.warnings = found.warnings.iter().map(problem).collect();
                    self.walk_failed = found
                        .errors
                        .iter()
                        .filter(|(rel, _)| rel.ends_with(".md"))
                        .map(|(rel, _)| rel.clone())
                        .collect();
                    let known: BTreeSet<&str> = self
                        .site
                        .content
                        .pages
                        .iter()
                        .map(|p| p.rel.as_str())
                        .chain(self.site.content.drafts.iter().map(String::as_str))
                        .chain(self.site.content.failed.iter().map(String::as_str))
                        .collect();
                    let now: BTreeSet<&str> = found.markdown.iter().map(String::as_str).collect();
                    let diff: Vec<String> = known
                        .symmetric_difference(&now)
                        .map(|s| s.to_string())
                        .collect();
                    changed.extend(diff);
                    let assets: Vec<content::Asset> = found
                        .other
                        .iter()
                        .map(|rel| content::Asset {
                            rel: rel.clone(),
                            source: content_dir.join(rel),
                        })
                        .collect();
                    let old: Vec<&str> = self
                        .site
                        .content
                        .assets
                        .iter()
                        .map(|a| a.rel.as_str())
                        .collect();
                    assets_changed =
                        old != found.other.iter().map(String::as_str).collect::<Vec<_>>();
                    self.site.content.assets = assets;
                    present = Some(found.markdown.into_iter().collect());
                }
                Err(message) => {
                    self.dir_problem = Some(Problem::in_file(
                        content::display_path(&content_dir),
                        message,
                    ));
                    self.walk_problems.clear();
                    self.walk_failed.clear();
                    self.site.warnings.clear();
                    assets_changed = !self.site.content.assets.is_empty();
                    self.site.content.assets.clear();
                    changed.extend(self.site.content.pages.iter().map(|p| p.rel.clone()));
                    changed.extend(self.site.content.drafts.iter().cloned());
                    changed.extend(self.site.content.failed.iter().cloned());
                    present = Some(HashSet::new());
                }
            }
        }

        if rescan {
            self.place_assets();
        }

        // What the changed pages looked like before, for `affected`.
        let mut timer = Timer::new();
        let mut before = self.capture_before(changed.iter().map(String::as_str));

        timer.mark("before");
        // Re-read the changed files.
        let exists = |rel: &String| match &present {
            Some(set) => set.contains(rel),
            None => content_dir.join(rel).is_file(),
        };
        let loaded: Vec<(String, Option<Result<Page, Problem>>)> = changed
            .par_iter()
            .map(|rel| {
                let page = exists(rel).then(|| content::load_file(&content_dir, rel));
                (rel.clone(), page)
            })
            .collect();
        let parsed = loaded.iter().filter(|(_, p)| p.is_some()).count();

        timer.mark("read");
        // The common case: pages edited in place (no file added, removed,
        // failed or drafted): swap them in, keep every index.
        let in_place = !all
            && present.is_none()
            && !loaded.is_empty()
            && loaded.iter().all(|(rel, r)| {
                matches!(r, Some(Ok(p)) if !p.front.draft)
                    && self
                        .site
                        .content
                        .pages
                        .binary_search_by(|p| p.rel.as_str().cmp(rel))
                        .is_ok()
            });
        let (
            mut rendered,
            mut outgoing,
            mut extra,
            mut anchor_sets,
            old_to_new,
            mut todo,
            set_changed,
            sections_changed,
            old_rels,
            old_dirs,
        ) = if in_place {
            let mut todo = BTreeSet::new();
            for (rel, r) in loaded {
                if let Some(Ok(page)) = r
                    && let Ok(i) = self
                        .site
                        .content
                        .pages
                        .binary_search_by(|p| p.rel.as_str().cmp(&rel))
                {
                    self.site.content.pages[i] = page;
                    todo.insert(i);
                }
            }
            let n = self.site.content.pages.len();
            (
                std::mem::take(&mut self.site.rendered),
                std::mem::take(&mut self.site.outgoing),
                std::mem::take(&mut self.extra),
                std::mem::take(&mut self.anchor_sets),
                (0..n).map(Some).collect::<Vec<_>>(),
                todo,
                false,
                false,
                Vec::new(),
                Vec::new(),
            )
        } else {
            // Merge: old pages minus the changed ones, plus the changed ones
            // that loaded (sorted by rel, like `content::load`).
            let old_len = self.site.content.pages.len();
            let old_rels: Vec<String> = self
                .site
                .content
                .pages
                .iter()
                .map(|p| p.rel.clone())
                .collect();
            let old_pages = std::mem::take(&mut self.site.content.pages);
            let old_rendered = std::mem::take(&mut self.site.rendered);
            let old_outgoing = std::mem::take(&mut self.site.outgoing);
            let old_extra = std::mem::take(&mut self.extra);
            let old_anchor_sets = std::mem::take(&mut self.anchor_sets);
            let old_drafts = std::mem::take(&mut self.site.content.drafts);
            let old_failed = std::mem::take(&mut self.site.content.failed);
            let old_dirs: Vec<String> = self.site.sections.iter().map(|s| s.dir.clone()).collect();

            let mut drafts: BTreeSet<String> = old_drafts
                .iter()
                .filter(|d| !changed.contains(*d))
                .cloned()
                .collect();
            // Files the walk refused count as failed, as in `content::load`.
            let mut failed: BTreeSet<String> = old_failed
                .iter()
                .filter(|d| !changed.contains(*d))
                .chain(&self.walk_failed)
                .cloned()
                .collect();
            self.load_problems.retain(|rel, _| !changed.contains(rel));
            let mut fresh: Vec<Page> = Vec::new();
            for (rel, result) in loaded {
                match result {
                    Some(Ok(page)) if page.front.draft => {
                        drafts.insert(rel);
                    }
                    Some(Ok(page)) => fresh.push(page),
                    Some(Err(p)) => {
                        failed.insert(rel.clone());
                        self.load_problems.insert(rel, p);
                    }
                    None => {}
                }
            }
            let mut pages: Vec<Page> = Vec::with_capacity(old_len + fresh.len());
            let mut rendered: Vec<Rendered> = Vec::with_capacity(old_len + fresh.len());
            let mut outgoing: Vec<Vec<InternalLink>> = Vec::with_capacity(old_len + fresh.len());
            let mut extra: Vec<PageExtra> = Vec::with_capacity(old_len + fresh.len());
            let mut anchor_sets: Vec<HashSet<String>> = Vec::with_capacity(old_len + fresh.len());
            let mut old_to_new: Vec<Option<usize>> = vec![None; old_len];
            let mut todo: BTreeSet<usize> = BTreeSet::new();
            let mut fresh = fresh.into_iter().peekable();
            let mut olds = old_pages
                .into_iter()
                .zip(old_rendered)
                .zip(
                    old_outgoing
                        .into_iter()
                        .zip(old_extra.into_iter().zip(old_anchor_sets)),
                )
                .enumerate()
                .filter(|(_, ((p, _), _))| !changed.contains(&p.rel))
                .peekable();
            loop {
                let take_fresh = match (olds.peek(), fresh.peek()) {
                    (Some((_, ((o, _), _))), Some(f)) => f.rel < o.rel,
                    (None, Some(_)) => true,
                    (_, None) => false,
                };
                if take_fresh {
                    let f = fresh.next().expect("peeked");
                    todo.insert(pages.len());
                    pages.push(f);
                    rendered.push(Rendered::default());
                    outgoing.push(Vec::new());
                    extra.push(PageExtra::default());
                    anchor_sets.push(HashSet::new());
                } else if let Some((i, ((p, r), (o, (e, a))))) = olds.next() {
                    old_to_new[i] = Some(pages.len());
                    pages.push(p);
                    rendered.push(r);
                    outgoing.push(o);
                    extra.push(e);
                    anchor_sets.push(a);
                } else {
                    break;
                }
            }
            let set_changed = old_to_new.iter().any(Option::is_none)
                || pages.len() != old_len
                || drafts.len() != old_drafts.len()
                || failed.len() != old_failed.len()
                || !drafts.iter().eq(old_drafts.iter())
                || !failed.iter().eq(old_failed.iter())
                || assets_changed;

            self.site.content.pages = pages;
            self.site.content.drafts = drafts.into_iter().collect();
            self.site.content.failed = failed.into_iter().collect();
            self.site.sections = content::sections(&self.site.content.pages);
            let sections_changed = old_dirs.len() != self.site.sections.len()
                || old_dirs
                    .iter()
                    .zip(&self.site.sections)
                    .any(|(a, b)| *a != b.dir);
            (
                rendered,
                outgoing,
                extra,
                anchor_sets,
                old_to_new,
                todo,
                set_changed,
                sections_changed,
                old_rels,
                old_dirs,
            )
        };
        if !in_place {
            self.index = None;
            self.clashes = content::url_clashes(&self.site.content);
        }
        timer.mark("merge");
        // Which pages' markdown must be rendered again.
        let pages = &self.site.content.pages;
        if all {
            todo.extend(0..pages.len());
        } else if set_changed || sections_changed {
            // Links to a page added, removed, failed or drafted (or to a
            // section or asset) name its file: any page whose text names
            // one, or that had a problem, is rendered again.
            let mut needles: BTreeSet<String> = BTreeSet::new();
            for rel in changed.iter().chain(
                self.site
                    .content
                    .assets
                    .iter()
                    .map(|a| &a.rel)
                    .filter(|_| assets_changed),
            ) {
                let file = rel.rsplit('/').next().unwrap_or(rel);
                needles.insert(file.strip_suffix(".md").unwrap_or(file).to_string());
            }
            if sections_changed {
                let new_dirs: BTreeSet<&str> =
                    self.site.sections.iter().map(|s| s.dir.as_str()).collect();
                for d in old_dirs.iter().map(String::as_str).chain(new_dirs) {
                    if let Some(last) = d.rsplit('/').next().filter(|l| !l.is_empty()) {
                        needles.insert(last.to_string());
                    }
                }
            }
            let needles: Vec<String> = needles.into_iter().collect();
            let hits: Vec<usize> = pages
                .par_iter()
                .enumerate()
                .filter(|(i, p)| {
                    !extra[*i].problems.is_empty()
                        || needles.iter().any(|n| p.body.contains(n.as_str()))
                })
                .map(|(i, _)| i)
                .collect();
            todo.extend(hits);
        }
        // Remember how the pages to render again looked (their links are
        // still in old indexes), then point the kept pages' links at the
        // new indexes; a link to a page that is gone means the page must
        // be rendered again too.
        let remember = |before: &mut Before,
                        i: usize,
                        rendered: &[Rendered],
                        outgoing: &[Vec<InternalLink>]| {
            before
                .pages
                .entry(pages[i].rel.clone())
                .or_insert_with(|| PageBefore {
                    summary: String::new(),
                    section: pages[i].section.clone(),
                    html: rendered[i].html.clone(),
                    targets: outgoing[i]
                        .iter()
                        .filter_map(|l| old_rels.get(l.target).cloned())
                        .collect(),
                });
        };
        for &i in &todo {
            if !changed.contains(&pages[i].rel) {
                remember(&mut before, i, &rendered, &outgoing);
            }
        }
        if old_to_new.iter().enumerate().any(|(i, n)| *n != Some(i)) {
            let moved = |t: usize| old_to_new.get(t).copied().flatten();
            for i in 0..pages.len() {
                if todo.contains(&i) {
                    continue;
                }
                let lost = outgoing[i].iter().any(|l| moved(l.target).is_none())
                    || extra[i].refs.iter().any(|(_, r)| moved(r.target).is_none());
                if lost {
                    remember(&mut before, i, &rendered, &outgoing);
                    todo.insert(i);
                    continue;
                }
                for l in outgoing[i].iter_mut() {
                    l.target = moved(l.target).unwrap_or(l.target);
                }
                for (from, r) in extra[i].refs.iter_mut() {
                    *from = i;
                    r.target = moved(r.target).unwrap_or(r.target);
                }
            }
        }

        timer.mark("todo");
        // Markdown, in parallel, for the pages to do.
        let index = match self.index.take() {
            Some(index) => index,
            None => SiteIndex::new(
                self.config.base_path(),
                &self.site.content,
                &self.site.sections,
            ),
        };
        let todo_list: Vec<usize> = todo.iter().copied().collect();
        type Done = (
            usize,
            Rendered,
            PageExtra,
            HashSet<String>,
            Vec<InternalLink>,
        );
        let config = &self.config;
        let results: Vec<Done> = todo_list
            .par_iter()
            .map(|&i| {
                let m = build::render_markdown(config, &index, i, &pages[i]);
                let anchors = m.rendered.anchors.iter().cloned().collect();
                (
                    i,
                    m.rendered,
                    PageExtra {
                        refs: m.anchor_refs.into_iter().map(|r| (i, r)).collect(),
                        problems: m.problems,
                        anchor_problems: Vec::new(),
                    },
                    anchors,
                    m.outgoing,
                )
            })
            .collect();
        let mut anchors_changed: BTreeSet<usize> = BTreeSet::new();
        for (i, r, e, a, o) in results {
            if anchor_sets[i] != a {
                anchors_changed.insert(i);
            }
            rendered[i] = r;
            extra[i] = e;
            anchor_sets[i] = a;
            outgoing[i] = o;
        }
        self.site.rendered = rendered;
        self.site.outgoing = outgoing;
        self.extra = extra;
        self.anchor_sets = anchor_sets;
        if all || set_changed || self.displays.len() != self.site.content.pages.len() {
            self.displays = self
                .site
                .content
                .pages
                .iter()
                .map(|p| p.display.clone())
                .collect();
        }

        timer.mark("markdown");
        // Anchors: the pages rendered again, and those linking to a page
        // whose anchors changed (every page when the set of files changed).
        let recheck: Vec<usize> = if in_place {
            let mut set = todo.clone();
            if !anchors_changed.is_empty() {
                set.extend((0..self.extra.len()).filter(|&i| {
                    self.extra[i]
                        .refs
                        .iter()
                        .any(|(_, r)| anchors_changed.contains(&r.target))
                }));
            }
            set.into_iter().collect()
        } else {
            (0..self.extra.len()).collect()
        };
        let checked: Vec<(usize, Vec<Problem>)> = recheck
            .par_iter()
            .map(|&i| {
                let e = &self.extra[i];
                (
                    i,
                    links::check_anchors(&e.refs, &self.anchor_sets, &self.displays),
                )
            })
            .collect();
        for (i, p) in checked {
            self.extra[i].anchor_problems = p;
        }
        self.index = Some(index);
        self.site.problems = self.content_problems();

        timer.mark("anchors+problems");
        // The mention graph: the changed pages' contributions extracted
        // again (every page's when the set of pages changed), then put
        // together (see ARCHITECTURE.md, "serve").
        let extracted_before = std::mem::take(&mut self.extracted);
        self.extracted = if in_place && extracted_before.len() == self.site.content.pages.len() {
            let mut v = extracted_before.clone();
            let fresh: Vec<(usize, Extracted)> = todo
                .par_iter()
                .map(|&i| (i, graph::extract_page(i, &self.site)))
                .collect();
            for (i, e) in fresh {
                v[i] = Arc::new(e);
            }
            v
        } else {
            graph::extract(&self.site)
                .into_iter()
                .map(Arc::new)
                .collect()
        };
        timer.mark("extract");
        let graph = if in_place && extracted_before.len() == self.extracted.len() {
            self.graph.updated(
                &self.site,
                &extracted_before,
                &self.extracted,
                &todo,
                &before.docs,
            )
        } else {
            Graph::assemble(&self.site, &self.extracted)
        };
        let graph_before = std::mem::replace(&mut self.graph, graph);
        timer.mark("graph");
        // Which outputs depend on the change, then render them.
        let mut aff = if all {
            Affected {
                all: true,
                ..Affected::default()
            }
        } else {
            affected(
                &before,
                &self.site,
                GraphChange {
                    before: &graph_before,
                    after: &self.graph,
                    extracted_before: &extracted_before,
                    extracted: &self.extracted,
                },
                &changed,
                &todo,
            )
        };
        aff.all |= all;
        timer.mark("affected");
        let rendered = self.render(&aff, in_place);
        timer.mark("render");
        if all {
            self.reconcile_if_small();
            timer.mark("reconcile");
        }
        timer.report();
        Outcome {
            rendered,
            parsed,
            problems: self.problems(),
        }
    }

    fn capture_before<'a>(&self, rels: impl Iterator<Item = &'a str>) -> Before {
        let cx = Contexts::with_graph(&self.site, Cow::Borrowed(&self.graph));
        let pages = &self.site.content.pages;
        let mut before = Before {
            rels: pages.iter().map(|p| p.rel.clone()).collect(),
            docs: pages.iter().map(is_doc).collect(),
            site_context: serde_json::to_string(&cx.site_context).unwrap_or_default(),
            section_titles: self
                .site
                .sections
                .iter()
                .map(|s| (s.dir.clone(), cx.section_title(s)))
                .collect(),
            pages: HashMap::new(),
        };
        for rel in rels {
            let Ok(i) = pages.binary_search_by(|p| p.rel.as_str().cmp(rel)) else {
                continue;
            };
            let p = &pages[i];
            before.pages.insert(
                rel.to_string(),
                PageBefore {
                    summary: summary_key(&cx, i),
                    section: p.section.clone(),
                    html: self.site.rendered[i].html.clone(),
                    targets: self.site.outgoing[i]
                        .iter()
                        .map(|l| pages[l.target].rel.clone())
                        .collect(),
                },
            );
        }
        before
    }

    /// Problems of loading, markdown and links (what `build::load` reports).
    fn content_problems(&self) -> Vec<Problem> {
        let mut problems: Vec<Problem> = self.dir_problem.iter().cloned().collect();
        problems.extend(self.walk_problems.iter().cloned());
        problems.extend(self.load_problems.values().cloned());
        problems.extend(self.clashes.iter().cloned());
        for e in &self.extra {
            problems.extend(e.problems.iter().cloned());
            problems.extend(e.anchor_problems.iter().cloned());
        }
        problems
    }

    /// Every problem of the site as it is now.
    pub fn problems(&self) -> Option<Problems> {
        let mut problems = self.site.problems.clone();
        problems.extend(self.theme_problems.iter().cloned());
        if self.theme.is_some() {
            problems.extend(self.render_problems.values().cloned());
            if let Some(Err(p)) = &self.highlight {
                problems.push(p.clone());
            }
            problems.extend(self.asset_problems.iter().cloned());
            problems.extend(build::clashes::clashes(&self.origins()));
        }
        Problems::from_vec(problems)
    }

    /// Places the content assets as `build` does (`[content]
    /// html_and_svg`: copied, refused or sanitized).
    fn place_assets(&mut self) {
        let placed = build::raw_files::place(
            self.config.content.html_and_svg,
            &self.config.content_dir,
            &self.site.content.assets,
        );
        self.assets = placed
            .copies
            .into_iter()
            .map(|(rel, source)| (rel, Entry::File(source)))
            .chain(
                placed
                    .files
                    .into_iter()
                    .map(|f| (f.path, Entry::Bytes(f.bytes.into()))),
            )
            .collect();
        self.asset_problems = placed.problems;
    }

    /// Every output with where it comes from, named as `build` names
    /// them, for [`build::clashes::clashes`]. The search outputs are made
    /// in the background (`search_index`), but their paths are known: the
    /// search page and `search/symbols.json`.
    fn origins(&self) -> Vec<(String, Origin)> {
        let Some(theme) = &self.theme else {
            return Vec::new();
        };
        let site = &self.site;
        let pages = &site.content.pages;
        let generated = |what: &str| Origin::Generated(format!("pilcrow's {what}"));
        let mut origins: Vec<(String, Origin)> = Vec::new();
        for job in build::output_jobs(site, theme) {
            let path = job.path(site);
            // A page that did not render is a problem, not an output.
            if self.render_problems.contains_key(&path) {
                continue;
            }
            let origin = match job {
                OutputJob::Page(i) => Origin::Content(pages[i].display.clone()),
                OutputJob::Section(k) => match site.sections[k].index_page {
                    Some(i) => Origin::Content(pages[i].display.clone()),
                    None => generated(&format!("list page /{}", site.sections[k].url)),
                },
                OutputJob::Graph => generated("graph page"),
                OutputJob::GraphPart(..) => generated("graph page's parts"),
                OutputJob::NotFound => generated("404 page"),
            };
            origins.push((path, origin));
        }
        for path in self.machine.keys() {
            origins.push((path.clone(), generated(path)));
        }
        if theme.has_template(crate::search::SEARCH_TEMPLATE) {
            origins.push((
                format!("{}index.html", crate::search::SEARCH_URL),
                generated("search page"),
            ));
        }
        let symbols = crate::search::SYMBOLS_PATH;
        origins.push((symbols.into(), generated(&format!("search file {symbols}"))));
        if let Some(Ok(_)) = &self.highlight {
            origins.push(("highlight.css".into(), generated("highlight.css")));
        }
        for (path, _) in &theme.static_files {
            origins.push((
                path.clone(),
                Origin::Generated(format!("the theme's static file static/{path}")),
            ));
        }
        for rel in self.assets.keys() {
            origins.push((
                rel.clone(),
                Origin::Content(content::display_path(&self.config.content_dir.join(rel))),
            ));
        }
        origins
    }

    /// Renders the outputs `aff` names, plus any expected output that is
    /// missing; drops outputs whose page or section is gone.
    fn render(&mut self, aff: &Affected, in_place: bool) -> usize {
        let Some(theme) = &self.theme else {
            return 0;
        };
        let site = &self.site;
        let pages = &site.content.pages;
        let mut expected: BTreeMap<String, OutputJob> = BTreeMap::new();
        let cx = Contexts::with_graph(site, Cow::Borrowed(&self.graph));
        // The outputs listing the graph's changed nodes.
        let graph_jobs: BTreeSet<OutputJob> = match theme.has_template(build::GRAPH_TEMPLATE) {
            true => aff
                .graph_nodes
                .iter()
                .filter_map(|&i| cx.graph_place(i))
                .collect(),
            false => BTreeSet::new(),
        };
        // Same pages and sections as before, none missing: only what `aff`
        // names (the output paths cannot have changed; the parts of the
        // graph's lists may have, when pages' names did).
        let quick = in_place && !aff.all && !aff.graph && self.render_problems.is_empty();
        if quick {
            let mut named: Vec<OutputJob> = aff
                .pages
                .iter()
                .filter(|&&i| !pages[i].is_section_index)
                .map(|&i| OutputJob::Page(i))
                .collect();
            for dir in &aff.sections {
                if let Ok(k) = site.sections.binary_search_by(|s| s.dir.as_str().cmp(dir)) {
                    named.push(OutputJob::Section(k));
                }
            }
            named.extend(graph_jobs.iter().copied());
            if aff.not_found || !self.html.contains_key("404.html") {
                named.push(OutputJob::NotFound);
            }
            expected.extend(named.into_iter().map(|j| (j.path(site), j)));
        } else {
            expected.extend(
                build::output_jobs(site, theme)
                    .into_iter()
                    .map(|j| (j.path(site), j)),
            );
            self.html.retain(|k, _| expected.contains_key(k));
            self.render_problems.retain(|k, _| expected.contains_key(k));
        }
        let jobs: Vec<(&String, OutputJob)> = expected
            .iter()
            .filter(|(key, job)| {
                aff.all
                    || !self.html.contains_key(*key)
                    || match job {
                        OutputJob::Page(i) => aff.pages.contains(i),
                        OutputJob::Section(k) => aff.sections.contains(&site.sections[*k].dir),
                        OutputJob::Graph | OutputJob::GraphPart(..) => {
                            aff.graph || graph_jobs.contains(job)
                        }
                        OutputJob::NotFound => aff.not_found,
                    }
            })
            .map(|(k, j)| (k, *j))
            .collect();
        let results: Vec<(String, Result<Bytes, Problem>)> = jobs
            .par_iter()
            .map(|(key, job)| {
                let r = build::render_output(&cx, theme, *job).map(|f| f.bytes.into());
                ((*key).clone(), r)
            })
            .collect();
        let n = results
            .iter()
            .filter(|(k, _)| k.as_str() != "404.html")
            .count();
        for (key, _) in &results {
            // What we just rendered is newer than a full render's copy.
            self.from_full.remove(key);
            self.hidden.remove(key);
        }
        // The set of pages served changed (the sitemap lists them).
        let listed_changed = results
            .iter()
            .any(|(k, r)| r.is_err() != self.render_problems.contains_key(k));
        for (key, r) in results {
            match r {
                Ok(bytes) => {
                    self.render_problems.remove(&key);
                    self.html.insert(key, bytes);
                }
                Err(p) => {
                    self.html.remove(&key);
                    self.render_problems.insert(key, p);
                }
            }
        }
        if aff.all || aff.machine || !quick || listed_changed || self.machine.is_empty() {
            self.machine_stale = true;
        }
        // Small sites get them now; on large ones they take longer than
        // the pages (graph.json holds every mention): `settle` makes them
        // when the editor pauses, so the reload does not wait for them.
        if self.machine_stale && (pages.len() <= RECONCILE_MAX_PAGES || self.machine.is_empty()) {
            self.machine = machine_files(site, &cx, &self.html);
            self.machine_stale = false;
            for k in self.machine.keys() {
                self.from_full.remove(k);
                self.hidden.remove(k);
            }
        }
        match build::highlight_css(site) {
            None => self.highlight = None,
            Some(r) if aff.all || self.highlight.is_none() => {
                self.highlight = Some(r.map(|f| f.bytes.into()));
            }
            Some(_) => {}
        }
        n
    }

    /// Runs a full `build::render_site` over the loaded site and serves
    /// whatever it makes that the incremental renderer does not (outputs
    /// added to `build` that `serve` does not know yet) or makes
    /// differently (a dependency [`affected`] missed). Runs after a full
    /// rebuild, and for small sites when the editor pauses. Returns the
    /// served paths that changed; `PILCROW_SERVE_TIMING` names them.
    pub fn reconcile(&mut self) -> Vec<String> {
        let Some(theme) = &self.theme else {
            return Vec::new();
        };
        if self.problems().is_some() {
            return Vec::new();
        }
        let before = self.files();
        // Search outputs come from `search_index`, in the background.
        let (full, _) = crate::build::render_site_without_search(&self.site, theme);
        self.from_full.clear();
        self.hidden.clear();
        let mut own = self.files();
        for f in full.files {
            match own.remove(&f.path) {
                Some(Entry::Bytes(b)) if *b == *f.bytes => {}
                _ => {
                    self.from_full.insert(f.path, f.bytes.into());
                }
            }
        }
        for (rel, _) in &full.copies {
            own.remove(rel);
        }
        self.hidden = own.into_keys().collect();
        let after = self.files();
        let changed = changed_paths(&before, &after);
        if std::env::var_os("PILCROW_SERVE_TIMING").is_some() && !changed.is_empty() {
            eprintln!("reconcile: a full render changed {changed:?}");
        }
        changed
    }

    /// Are the files for machines waiting for [`Engine::settle`]?
    pub fn unsettled(&self) -> bool {
        self.machine_stale
    }

    /// Brings the files for machines up to date, when a large site's
    /// update left them for later. The rebuild loop calls it when the
    /// editor pauses. Returns whether anything changed.
    pub fn settle(&mut self) -> bool {
        if !self.machine_stale {
            return false;
        }
        self.machine_stale = false;
        let cx = Contexts::with_graph(&self.site, Cow::Borrowed(&self.graph));
        let files = machine_files(&self.site, &cx, &self.html);
        for k in files.keys() {
            self.from_full.remove(k);
            self.hidden.remove(k);
        }
        let changed = files != self.machine;
        self.machine = files;
        changed
    }

    /// [`Engine::reconcile`] when that takes little time (a few hundred
    /// milliseconds at most); larger sites are reconciled at start only.
    pub fn reconcile_if_small(&mut self) -> Vec<String> {
        if self.site.content.pages.len() <= RECONCILE_MAX_PAGES {
            self.reconcile()
        } else {
            Vec::new()
        }
    }

    /// Every file of the site as it would be served: path → entry.
    pub fn files(&self) -> BTreeMap<String, Entry> {
        let mut files: BTreeMap<String, Entry> = BTreeMap::new();
        files.extend(self.assets.iter().map(|(k, v)| (k.clone(), v.clone())));
        if let Some(theme) = &self.theme {
            for (path, bytes) in &theme.static_files {
                files.insert(path.clone(), Entry::Bytes(bytes.as_slice().into()));
            }
        }
        if let Some(Ok(css)) = &self.highlight {
            files.insert("highlight.css".into(), Entry::Bytes(css.clone()));
        }
        for (k, v) in &self.machine {
            files.insert(k.clone(), Entry::Bytes(v.clone()));
        }
        for (k, v) in &self.html {
            files.insert(k.clone(), Entry::Bytes(v.clone()));
        }
        for (k, v) in &self.from_full {
            files.insert(k.clone(), Entry::Bytes(v.clone()));
        }
        for k in &self.hidden {
            files.remove(k);
        }
        files
    }
}

/// The files for machines (`build::extras`) of a site whose HTML outputs
/// are `html`.
fn machine_files(
    site: &LoadedSite,
    cx: &Contexts<'_>,
    html: &BTreeMap<String, Bytes>,
) -> BTreeMap<String, Bytes> {
    let urls = build::html_urls(html.keys().map(String::as_str).filter(|k| *k != "404.html"));
    build::extras::files(site, cx, &urls)
        .into_iter()
        .map(|f| (f.path, f.bytes.into()))
        .collect()
}

/// Output paths added, removed or changed between two sets of files.
pub fn changed_paths(old: &BTreeMap<String, Entry>, new: &BTreeMap<String, Entry>) -> Vec<String> {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(k, v)| old.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .chain(old.keys().filter(|k| !new.contains_key(*k)).cloned())
        .collect();
    changed.sort();
    changed
}

/// Phase timings of an update, printed when `PILCROW_SERVE_TIMING` is set.
struct Timer {
    on: bool,
    last: std::time::Instant,
    phases: Vec<(&'static str, f64)>,
}

impl Timer {
    fn new() -> Timer {
        Timer {
            on: std::env::var_os("PILCROW_SERVE_TIMING").is_some(),
            last: std::time::Instant::now(),
            phases: Vec::new(),
        }
    }
    fn mark(&mut self, phase: &'static str) {
        if self.on {
            let now = std::time::Instant::now();
            self.phases
                .push((phase, (now - self.last).as_secs_f64() * 1000.0));
            self.last = now;
        }
    }
    fn report(&self) {
        if self.on {
            let parts: Vec<String> = self
                .phases
                .iter()
                .map(|(p, ms)| format!("{p} {ms:.1}"))
                .collect();
            eprintln!("timing (ms): {}", parts.join(", "));
        }
    }
}

/// Which templates changed on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Templates {
    Unchanged,
    /// Names relative to `templates/` (`page.html`, `partials/x.html`).
    Named(BTreeSet<String>),
    /// Something else in the theme: render everything again.
    All,
}

/// The templates that use any of `changed` (themselves included), through
/// `extends`, `include` and `import`, read from the theme's directory.
/// `None` when that cannot be told (no theme directory): everything.
pub fn template_users(theme_dir: &Path, changed: &BTreeSet<String>) -> Option<BTreeSet<String>> {
    let dir = theme_dir.join("templates");
    if !dir.is_dir() {
        return None;
    }
    let re = regex::Regex::new(r#"\{%-?\s*(?:extends|include|import)\s+["']([^"']+)["']"#)
        .expect("valid regex");
    // template → the templates it uses
    let mut uses: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry
            .path()
            .strip_prefix(&dir)
            .ok()?
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let deps = re.captures_iter(&text).map(|c| c[1].to_string()).collect();
        uses.insert(name, deps);
    }
    let mut users: BTreeSet<String> = changed.clone();
    loop {
        let more: Vec<String> = uses
            .iter()
            .filter(|(name, deps)| !users.contains(*name) && deps.iter().any(|d| users.contains(d)))
            .map(|(name, _)| name.clone())
            .collect();
        if more.is_empty() {
            return Some(users);
        }
        users.extend(more);
    }
}

/// The mention graph before and after a change, with what each page
/// contributed to it (indexes: the old pages before, the new after).
pub struct GraphChange<'a> {
    pub before: &'a Graph,
    pub after: &'a Graph,
    pub extracted_before: &'a [Arc<Extracted>],
    pub extracted: &'a [Arc<Extracted>],
}

/// What one page says about each other page in the graph, by rel: its
/// mentions of it (as shown: anchor, snippet, marks, in a heading), its
/// sections about it, and the co-citation pairs its paragraphs make.
#[derive(Default, PartialEq, Eq)]
struct Says<'a> {
    mentions: BTreeMap<&'a str, Vec<MentionShown<'a>>>,
    sections: BTreeMap<&'a str, Vec<&'a graph::ReportSection>>,
    pairs: BTreeMap<(&'a str, &'a str), u32>,
    /// (target, number of mentions), in order of first mention.
    cites: Vec<(&'a str, u32)>,
}

type MentionShown<'a> = (
    Option<&'a str>,
    &'a graph::Snippet,
    &'a [(usize, usize)],
    bool,
    // The label it is shown with: its ¶ number, else its section.
    Option<&'a str>,
    Option<&'a str>,
);

fn says<'a>(e: &'a Extracted, rel: &dyn Fn(usize) -> &'a str) -> Says<'a> {
    let mut out = Says::default();
    for m in &e.mentions {
        out.mentions.entry(rel(m.target)).or_default().push((
            m.anchor.as_deref(),
            &m.snippet,
            &m.also,
            m.in_heading,
            m.number.as_deref(),
            m.section.as_deref(),
        ));
        match out.cites.iter_mut().find(|(t, _)| *t == rel(m.target)) {
            Some((_, n)) => *n += 1,
            None => out.cites.push((rel(m.target), 1)),
        }
    }
    for s in &e.sections {
        out.sections
            .entry(rel(s.target))
            .or_default()
            .push(&s.section);
    }
    // As `graph::cooccur::count` counts them.
    for (own, above) in &e.units {
        for &a in own {
            for &b in own {
                if a != b {
                    *out.pairs.entry((rel(a), rel(b))).or_default() += 1;
                }
            }
            for &b in above {
                if a != b {
                    *out.pairs.entry((rel(a), rel(b))).or_default() += 1;
                    *out.pairs.entry((rel(b), rel(a))).or_default() += 1;
                }
            }
        }
    }
    out
}

/// The keys of two maps.
fn keys<'a, V>(a: &BTreeMap<&'a str, V>, b: &BTreeMap<&'a str, V>) -> BTreeSet<&'a str> {
    a.keys().chain(b.keys()).copied().collect()
}

/// Every page the graph connects page `i` to: the pages it cites, those
/// mentioning it (in sentences or headings), those co-cited with it and
/// the documents related to it: the pages that show it.
fn neighbours(g: &Graph, i: usize, out: &mut impl FnMut(usize)) {
    for &(t, _) in &g.cites[i] {
        out(t);
    }
    for &m in &g.incoming[i] {
        out(g.mentions[m].source);
    }
    for s in &g.sections[i] {
        out(s.source);
    }
    for &(j, _) in g.cooccur[i].iter().chain(&g.related_docs[i]) {
        out(j);
    }
}

/// Does `graph::cooccur::related` count the page as a document?
fn is_doc(p: &Page) -> bool {
    p.front.kind == content::Kind::Document && !p.is_section_index
}

/// The documents citing page `t`, `docs` telling which pages are.
fn doc_citers(docs: impl Fn(usize) -> bool, g: &Graph, t: usize) -> BTreeSet<usize> {
    g.incoming[t]
        .iter()
        .map(|&m| g.mentions[m].source)
        .chain(g.sections[t].iter().map(|s| s.source))
        .filter(|&s| docs(s))
        .collect()
}

/// Which outputs depend on a change. `before` is the old state of the
/// pages that changed or were rendered again, `graphs` the mention graph
/// before and after, `changed` the content rels that changed on disk,
/// `rerendered` the pages (new indexes) whose markdown was rendered again.
///
/// A page's output depends on its own text, the navigation, the section
/// titles, and what the graph says about it. For each page whose
/// markdown changed, what it says about other pages before and after is
/// compared ([`Says`]): the pages whose mentions or report sections from
/// it changed, those whose co-citation counts changed, and, when the set
/// of pages it cites changed, the documents citing those pages (related
/// documents) are rendered again. When its entry (title, date, …)
/// changed, every page showing it is (its neighbours in the graph before
/// and after). A list page depends on the entries and mention counts of
/// its pages and the titles and sizes of its subsections; the home page
/// and the graph page on every entry; the files for machines on any
/// content.
pub fn affected(
    before: &Before,
    site: &LoadedSite,
    graphs: GraphChange<'_>,
    changed: &BTreeSet<String>,
    rerendered: &BTreeSet<usize>,
) -> Affected {
    let GraphChange {
        before: graph_before,
        after: graph,
        extracted_before,
        extracted,
    } = graphs;
    let mut aff = Affected::default();
    let cx = Contexts::with_graph(site, Cow::Borrowed(graph));
    let pages = &site.content.pages;
    let titles: BTreeMap<String, String> = site
        .sections
        .iter()
        .map(|s| (s.dir.clone(), cx.section_title(s)))
        .collect();
    if titles != before.section_titles
        || serde_json::to_string(&cx.site_context).unwrap_or_default() != before.site_context
    {
        aff.all = true;
        return aff;
    }
    let find = |rel: &str| pages.binary_search_by(|p| p.rel.as_str().cmp(rel)).ok();
    let find_old = |rel: &str| before.rels.binary_search_by(|r| r.as_str().cmp(rel)).ok();
    let add_target = |aff: &mut Affected, i: usize| {
        let p = &pages[i];
        if p.is_section_index {
            aff.sections.insert(p.section.clone());
        } else {
            aff.pages.insert(i);
        }
    };
    let parent = |dir: &str| {
        dir.rfind('/')
            .map_or(String::new(), |i| dir[..i].to_string())
    };
    // Pages whose markdown changed, by rel; and whether their entry did.
    let mut moved: BTreeMap<String, bool> = BTreeMap::new();
    // Some page's entry in lists changed (home and graph page list all).
    let mut listing_changed = before.rels.len() != pages.len();
    // Some page's entry changed, or pages came or went: the graph's
    // lists may be ordered or parted otherwise.
    let mut entries_changed = listing_changed;
    let mut consider = |aff: &mut Affected, rel: &str, on_disk: bool| {
        let old = before.pages.get(rel);
        let new = find(rel);
        let p_new = new.map(|i| &pages[i]);
        let summary_new = new.map(|i| summary_key(&cx, i));
        let entry_changed = on_disk && old.map(|o| &o.summary) != summary_new.as_ref();
        match new {
            Some(i) => {
                let body_changed = old.is_none_or(|o| o.html != site.rendered[i].html);
                let now: BTreeSet<&str> = site.outgoing[i]
                    .iter()
                    .map(|l| pages[l.target].rel.as_str())
                    .collect();
                let links_changed =
                    old.is_none_or(|o| !o.targets.iter().map(String::as_str).eq(now));
                if on_disk || body_changed || links_changed {
                    add_target(aff, i);
                    moved.insert(rel.to_string(), entry_changed);
                }
            }
            None if old.is_some() => {
                moved.insert(rel.to_string(), true);
            }
            None => {}
        }
        // Its entry in its section's list.
        if entry_changed {
            listing_changed = true;
            entries_changed = true;
            let places = old
                .map(|o| o.section.clone())
                .into_iter()
                .chain(p_new.map(|p| p.section.clone()));
            for dir in places {
                // Subsection sizes are listed by the parent.
                if !dir.is_empty() {
                    aff.sections.insert(parent(&dir));
                }
                aff.sections.insert(dir);
            }
        }
    };
    for rel in changed {
        consider(&mut aff, rel, true);
    }
    for &i in rerendered {
        let rel = &pages[i].rel;
        if !changed.contains(rel) {
            consider(&mut aff, rel, false);
        }
    }

    // What the moved pages say about others, before and after.
    let old_rel = |j: usize| before.rels[j].as_str();
    let new_rel = |j: usize| pages[j].rel.as_str();
    let mut reached: BTreeSet<&str> = BTreeSet::new();
    let mut counted: BTreeSet<&str> = BTreeSet::new();
    let empty = Extracted::default();
    for (rel, &entry_changed) in &moved {
        let old = find_old(rel);
        let new = find(rel);
        let e_old = old.map_or(&empty, |o| &*extracted_before[o]);
        let e_new = new.map_or(&empty, |n| &*extracted[n]);
        let s_old = says(e_old, &old_rel);
        let s_new = says(e_new, &new_rel);
        if entry_changed {
            // Everything showing it: its neighbours, before and after.
            if let Some(o) = old {
                neighbours(graph_before, o, &mut |j| {
                    reached.insert(old_rel(j));
                });
            }
            if let Some(n) = new {
                neighbours(graph, n, &mut |j| {
                    reached.insert(new_rel(j));
                });
            }
        }
        if s_old == s_new {
            continue;
        }
        for t in keys(&s_old.mentions, &s_new.mentions) {
            if s_old.mentions.get(t) != s_new.mentions.get(t) {
                reached.insert(t);
                counted.insert(t);
            }
        }
        for t in keys(&s_old.sections, &s_new.sections) {
            if s_old.sections.get(t) != s_new.sections.get(t) {
                reached.insert(t);
            }
        }
        for (a, b) in s_old.pairs.keys().chain(s_new.pairs.keys()) {
            if s_old.pairs.get(&(a, b)) != s_new.pairs.get(&(a, b)) {
                reached.insert(a);
            }
        }
        if s_old.cites != s_new.cites
            && let Some(n) = new
        {
            aff.graph_nodes.insert(n);
        }
        // Related documents: documents sharing a page it cites now and
        // did not (or the other way), unless that page is cited by too
        // many documents to count, before and after.
        let was_doc = old.is_some_and(|o| before.docs[o]);
        let now_doc = new.is_some_and(|n| is_doc(&pages[n]));
        let t_old: BTreeSet<&str> = s_old.cites.iter().map(|(t, _)| *t).collect();
        let t_new: BTreeSet<&str> = s_new.cites.iter().map(|(t, _)| *t).collect();
        let shifted: Vec<&str> = if was_doc != now_doc {
            t_old.union(&t_new).copied().collect()
        } else if now_doc {
            t_old.symmetric_difference(&t_new).copied().collect()
        } else {
            Vec::new()
        };
        let cap = graph::RELATED_CAP;
        for t in shifted {
            let citers_new = find(t).map(|j| doc_citers(|s| is_doc(&pages[s]), graph, j));
            let citers_old = find_old(t).map(|j| doc_citers(|s| before.docs[s], graph_before, j));
            let n_new = citers_new.as_ref().map_or(0, BTreeSet::len);
            let n_old = citers_old.as_ref().map_or(0, BTreeSet::len);
            if n_new.min(n_old) <= cap {
                for j in citers_new.into_iter().flatten() {
                    reached.insert(new_rel(j));
                }
                for j in citers_old.into_iter().flatten() {
                    reached.insert(old_rel(j));
                }
            }
        }
    }
    for rel in reached {
        if let Some(i) = find(rel) {
            add_target(&mut aff, i);
        }
    }
    // Mention counts show in list entries.
    for rel in counted {
        let Some(i) = find(rel) else { continue };
        let count_before = find_old(rel).map(|o| graph_before.mention_count(o));
        if count_before != Some(graph.mention_count(i)) {
            listing_changed = true;
            aff.sections.insert(pages[i].section.clone());
            aff.graph_nodes.insert(i);
        }
    }
    if listing_changed {
        aff.sections.insert(String::new());
    }
    // The graph's lists: whole when entries changed, else the nodes
    // whose links or counts did.
    aff.graph = entries_changed;
    aff.machine = !moved.is_empty() || listing_changed;
    aff
}

/// Content rel of a path under the content dir, `/`-separated; `None`
/// outside it or when hidden (like `content::walk`, which skips hidden
/// entries).
pub fn content_rel(content_dir: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(content_dir).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() || parts.iter().any(|p| p.starts_with('.')) {
        return None;
    }
    Some(parts.join("/"))
}

/// Is any part of `rel` under the content dir a symbolic link? Such a
/// file may resolve anywhere: only a walk of the content dir
/// (`content::walk_within`) may decide whether it is part of the site.
pub fn through_link(content_dir: &Path, rel: &str) -> bool {
    let mut path = content_dir.to_path_buf();
    rel.split('/').any(|part| {
        path.push(part);
        path.symlink_metadata().is_ok_and(|m| m.is_symlink())
    })
}

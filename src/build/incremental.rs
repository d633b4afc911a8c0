//! An incremental `build`: with an output of a previous build and the
//! cache that build left ([`super::cache`]), only the content pages that
//! changed are rendered from markdown again, only the outputs the change
//! reaches (as `serve` finds them: `serve::engine::affected`) are
//! rendered again, and the search index files whose content changes are
//! made again (`search::index::patch`). The output is updated in place
//! (`output::Update`): each file whose bytes changed is written beside
//! it and renamed over its path, every other file — a file rendered
//! again to the same bytes too — is left as it is, and a build killed
//! meanwhile leaves a list that makes the next build a clean one.
//!
//! Only an edit in place takes this way: the same content files (pages,
//! drafts, assets) with only markdown changed, the same binary, config
//! and theme, no problem anywhere. Anything else (a page added, removed
//! or renamed, an asset changed, a navigation or section title changed,
//! a broken link, a missing or stale cache, …) is a clean build, which
//! reports what it finds. Either way the output is the same bytes.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::cache::{self, PageCache, SiteCache};
use super::inputs::Inputs;
use super::{BuildReport, Contexts, LoadedSite, OutputJob, extras, output_jobs, render_output};
use crate::config::Config;
use crate::content;
use crate::graph::{self, Extracted, Graph};
use crate::links::SiteIndex;
use crate::markdown::Rendered;
use crate::output::{self, OutputFile, Previous};
use crate::render::Theme;
use crate::serve::engine::{self, Before, GraphChange, summary_key};

/// What stopped an incremental build: the caller builds clean.
pub type Fallback = ();

/// Builds incrementally into `output` if the change allows it (see the
/// module doc); `Err(())` when a clean build must be made instead
/// (nothing of `output` was touched then).
pub fn build(
    config: &Config,
    inputs: &Inputs,
    output: &Path,
    previous: &Previous,
) -> Result<Result<BuildReport, String>, Fallback> {
    let Previous::Site(listed) = previous else {
        return Err(());
    };
    // The previous output's own files are carried by name: only plain
    // relative paths (never `..`, never out of it).
    let plain = |rel: &String| {
        Path::new(rel)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
    };
    if !listed.iter().all(plain) {
        return Err(());
    }
    let old_sizes = output::listed_sizes(output).ok_or(())?;
    let mut cache = cache::read(config).ok_or(())?;
    if cache.setting != inputs.setting || !output::up_to_date(output, &cache.fingerprint) {
        return Err(());
    }
    let changed = changed_pages(&cache, inputs)?;
    super::phase("incremental: cache");

    // Every page's front matter (titles, URLs, kinds are in lists and
    // links); the same pages, drafts and assets as before.
    let (content, problems, warnings) = match recorded_content(config, &cache, inputs, &changed) {
        Some(content) => (content, Vec::new(), Vec::new()),
        None => content::load(&config.content_dir, &config.root),
    };
    let same_pages = content.pages.len() == cache.pages.len()
        && content
            .pages
            .iter()
            .zip(&cache.pages)
            .all(|(p, c)| p.rel == c.rel);
    if !problems.is_empty()
        || !warnings.is_empty()
        || !same_pages
        || content.drafts != cache.drafts
        || !content.failed.is_empty()
    {
        return Err(());
    }
    let n = content.pages.len();
    super::phase("incremental: content");
    let find = |rel: &str| {
        content
            .pages
            .binary_search_by(|p| p.rel.as_str().cmp(rel))
            .ok()
    };
    let todo: BTreeSet<usize> = changed.iter().filter_map(|r| find(r)).collect();
    let sections = content::sections(&content.pages);
    let index = SiteIndex::new(config.base_path(), &content, &sections);

    // The changed pages' markdown, links and graph contributions.
    let pages = &content.pages;
    let fresh: Vec<(usize, super::PageMarkdown, Extracted)> = todo
        .par_iter()
        .map(|&i| {
            let m = super::render_markdown(config, &index, i, &pages[i]);
            let e = graph::extract_from(i, pages, &m.rendered, &m.outgoing);
            (i, m, e)
        })
        .collect();
    if fresh.iter().any(|(_, m, _)| !m.problems.is_empty()) {
        return Err(());
    }
    // A page's kind places it in the graph's lists: another kind may
    // part them otherwise (new output files).
    if todo
        .iter()
        .any(|&i| cache::page(&cache.pages[i]).map(|p| p.front.kind) != Some(pages[i].front.kind))
    {
        return Err(());
    }
    // Other pages' search records read a page's kind, id and title.
    if crate::search::AVAILABLE
        && todo
            .iter()
            .any(|&i| cache::ident(&pages[i]) != cache.pages[i].ident)
    {
        return Err(());
    }
    // The changed pages' contributions before, whole: what they said
    // (snippets included) is compared with what they say now.
    for &i in &todo {
        let full = cache.full(i).ok_or(())?;
        cache.pages[i].extracted = full;
    }
    let mut rendered: Vec<Rendered> = cache
        .pages
        .iter()
        .map(|c| Rendered {
            has_code: c.has_code,
            ..Rendered::default()
        })
        .collect();
    let mut outgoing = vec![Vec::new(); n];
    let extracted_before: Vec<Arc<Extracted>> = cache
        .pages
        .iter_mut()
        .map(|c| Arc::new(std::mem::take(&mut c.extracted)))
        .collect();
    let mut extracted = extracted_before.clone();
    let mut new_pages: BTreeMap<usize, PageCache> = BTreeMap::new();
    for (i, m, e) in fresh {
        new_pages.insert(
            i,
            PageCache {
                rel: pages[i].rel.clone(),
                front: cache::front(&pages[i]),
                display: pages[i].display.clone(),
                url: pages[i].url.clone(),
                section: pages[i].section.clone(),
                is_section_index: pages[i].is_section_index,
                body_line: pages[i].body_line,
                summary: String::new(),
                ident: cache::ident(&pages[i]),
                is_doc: is_doc(&pages[i]),
                targets: m.outgoing.iter().map(|l| l.target).collect(),
                anchors: m.rendered.anchors.clone(),
                refs: m
                    .anchor_refs
                    .iter()
                    .map(|r| (r.target, r.fragment.clone()))
                    .collect(),
                has_code: m.rendered.has_code,
                extracted: Extracted::default(),
            },
        );
        extracted[i] = Arc::new(e);
        rendered[i] = m.rendered;
        outgoing[i] = m.outgoing;
    }
    // Links to a paragraph: those of the changed pages, and those into a
    // changed page, must still find their anchor (else a clean build
    // reports the broken link).
    let anchors_of = |t: usize| match new_pages.get(&t) {
        Some(p) => &p.anchors,
        None => &cache.pages[t].anchors,
    };
    let broken = cache
        .pages
        .iter()
        .enumerate()
        .flat_map(|(i, c)| match new_pages.get(&i) {
            Some(p) => p.refs.iter(),
            None => c.refs.iter(),
        })
        .any(|(t, f)| {
            (todo.contains(t) || new_pages.contains_key(t)) && !anchors_of(*t).contains(f)
        });
    let broken = broken
        || new_pages
            .values()
            .flat_map(|p| &p.refs)
            .any(|(t, f)| !anchors_of(*t).contains(f));
    if broken {
        return Err(());
    }

    let mut site = LoadedSite {
        config: config.clone(),
        content,
        sections,
        rendered,
        outgoing,
        problems: Vec::new(),
        warnings: Vec::new(),
    };
    super::phase("incremental: markdown");
    let docs_before: Vec<bool> = cache.pages.iter().map(|c| c.is_doc).collect();
    let graph_before = Graph::assemble_docs(&docs_before, &extracted_before);
    let mut graph = graph_before.updated(&site, &extracted_before, &extracted, &todo, &docs_before);

    // Which outputs the change reaches, as `serve` finds them.
    let mut before = Before::recorded(
        cache.site_context.clone(),
        cache.section_titles.iter().cloned().collect(),
        cache.pages.iter().map(|c| c.rel.clone()).collect(),
        docs_before.clone(),
    );
    for &i in &todo {
        let c = &cache.pages[i];
        before.add_page(
            c.rel.clone(),
            c.summary.clone(),
            site.content.pages[i].section.clone(),
            String::new(),
            c.targets
                .iter()
                .map(|&t| cache.pages[t].rel.clone())
                .collect(),
        );
    }
    let changed_rels: BTreeSet<String> = todo
        .iter()
        .map(|&i| site.content.pages[i].rel.clone())
        .collect();
    let aff = engine::affected(
        &before,
        &site,
        GraphChange {
            before: &graph_before,
            after: &graph,
            extracted_before: &extracted_before,
            extracted: &extracted,
        },
        &changed_rels,
        &todo,
    );
    if aff.all {
        return Err(());
    }
    super::phase("incremental: graph, affected");
    // The pages whose mention count may have changed: those the changed
    // pages mention, before or after (no other page's mentions changed).
    let mentioned: BTreeSet<usize> = todo
        .iter()
        .flat_map(|&i| {
            extracted_before[i]
                .mentions
                .iter()
                .chain(&extracted[i].mentions)
        })
        .map(|m| m.target)
        .collect();
    let theme = Theme::load(config).map_err(|_| ())?;
    super::phase("incremental: theme");

    // The outputs to render again, and the markdown of their pages.
    let mut jobs: Vec<OutputJob> = aff
        .pages
        .iter()
        .filter(|&&i| !site.content.pages[i].is_section_index)
        .map(|&i| OutputJob::Page(i))
        .collect();
    for dir in &aff.sections {
        if let Ok(k) = site.sections.binary_search_by(|s| s.dir.as_str().cmp(dir)) {
            jobs.push(OutputJob::Section(k));
        }
    }
    let graph_lists = theme.has_template(super::GRAPH_TEMPLATE);
    if aff.graph && graph_lists {
        jobs.push(OutputJob::Graph);
        jobs.extend(
            super::graph_pages::parts(&site)
                .into_iter()
                .map(|(r, k)| OutputJob::GraphPart(r, k)),
        );
    }
    if aff.not_found {
        jobs.push(OutputJob::NotFound);
    }
    let bodies: BTreeSet<usize> = jobs
        .iter()
        .filter_map(|&j| super::body_of(&site, j))
        .filter(|i| !todo.contains(i))
        .collect();
    let again: Vec<(usize, Option<super::PageMarkdown>)> = bodies
        .par_iter()
        .map(|&i| {
            let p = &site.content.pages[i];
            // A page taken from the cache has no body: read it (the file
            // is as it was: its digest did not change).
            let m = match p.body.is_empty() {
                false => Some(super::render_markdown(config, &index, i, p)),
                true => content::load_file(&config.content_dir, &p.rel)
                    .ok()
                    .filter(|read| read.front == p.front && read.body_line == p.body_line)
                    .map(|read| super::render_markdown(config, &index, i, &read)),
            };
            (i, m)
        })
        .collect();
    for (i, m) in again {
        match m {
            Some(m) if m.problems.is_empty() => site.rendered[i] = m.rendered,
            _ => return Err(()),
        }
    }

    super::phase("incremental: markdown again");
    // The snippets of the mentions the outputs rendered again show (the
    // cache was read without them).
    let shown: BTreeSet<usize> = jobs
        .iter()
        .filter_map(|&j| super::body_of(&site, j))
        .flat_map(|i| graph.incoming[i].iter().map(|&m| graph.mentions[m].source))
        .filter(|s| !todo.contains(s))
        .collect();
    with_snippets(&mut graph, &extracted, &cache, &shown).ok_or(())?;
    super::phase("incremental: snippets");
    let cx = Contexts::with_graph(&site, Cow::Borrowed(&graph));
    // The parts of the graph's lists that list a changed node.
    if !aff.graph && graph_lists {
        let places: BTreeSet<OutputJob> = aff
            .graph_nodes
            .iter()
            .filter_map(|&i| cx.graph_place(i))
            .collect();
        jobs.extend(places);
    }
    // Files for machines: the feeds show pages' URLs and front matter,
    // graph.json their front matter and mentions (neither shows sections
    // nor co-citations); each is made again only when what it shows
    // changed.
    let front_changed = todo
        .iter()
        .any(|&i| new_pages[&i].front != cache.pages[i].front || cache.pages[i].front.is_empty());
    let feeds = aff.machine && front_changed;
    let graph_file = aff.machine
        && (front_changed
            || todo
                .iter()
                .any(|&i| extracted_before[i].mentions != extracted[i].mentions));
    // The changed pages and those whose mention count changed: their
    // elements of graph.json and their list entries are made again.
    let recounted: BTreeSet<usize> = todo
        .iter()
        .copied()
        .chain(
            mentioned
                .iter()
                .copied()
                .filter(|&i| graph_before.mention_count(i) != graph.mention_count(i)),
        )
        .collect();
    // The outputs and the files for machines are made at once: the
    // largest output (the graph page) and the patch of graph.json take
    // about as long as each other.
    let machine_files = || -> Vec<OutputFile> {
        let mut files = Vec::new();
        if feeds {
            let all_jobs = output_jobs(&site, &theme);
            let urls = super::html_urls(
                all_jobs
                    .iter()
                    .filter(|&&j| j != OutputJob::NotFound)
                    .map(|&j| j.path(&site))
                    .collect::<Vec<_>>()
                    .iter()
                    .map(String::as_str),
            );
            files = extras::feeds(&site, &cx, &urls);
        }
        if graph_file {
            // The previous graph.json with the elements of the pages the
            // change reaches made again.
            let patched = std::fs::read(output.join("graph.json"))
                .ok()
                .and_then(|old| {
                    graph::json::patched(&site, &old, &graph_before, &graph, &recounted, &todo)
                });
            files.push(extras::graph_json(&site, &cx, patched));
        }
        files
    };
    let render_jobs = || -> Vec<Result<OutputFile, crate::problem::Problem>> {
        jobs.par_iter()
            .map(|&job| render_output(&cx, &theme, job))
            .collect()
    };
    let (rendered, machine_files) = rayon::join(render_jobs, machine_files);
    let mut files: Vec<OutputFile> = rendered
        .into_iter()
        .collect::<Result<_, _>>()
        .map_err(|_| ())?;
    files.extend(machine_files);
    super::phase("incremental: outputs and machine files");
    let mut gone: BTreeSet<String> = BTreeSet::new();
    match super::highlight_css(&site) {
        Some(Ok(f)) => files.push(f),
        Some(Err(_)) => return Err(()),
        None => {
            gone.insert("highlight.css".into());
        }
    }
    // Search: its page, symbols and names (from every page's front
    // matter), and the index files the changed pages reach.
    let search = crate::search::files(
        &site,
        &theme,
        &cx,
        None,
        Some(Ok(crate::search::IndexFiles::default())),
    );
    if !search.problems.is_empty() {
        return Err(());
    }
    files.extend(search.files);

    super::phase("incremental: render");
    let mut update = output::Update::new(output).map_err(|_| ())?;
    #[cfg(feature = "search")]
    let index_log = {
        let records = crate::search::records::Records::new(&site);
        let reindex: Vec<usize> = todo.iter().copied().collect();
        match crate::search::index::patch::update(
            &records,
            &reindex,
            &|i| site.rendered[i].html.clone(),
            output,
            &cache::dir(config),
            &cache.fingerprint,
        ) {
            Some(p) => {
                files.extend(p.files);
                gone.extend(p.gone);
                p.pending
            }
            None => return Err(()),
        }
    };
    super::phase("incremental: search");
    // Only files of the old list are removed (a file of the user's at
    // such a path stays theirs).
    let listed_now: BTreeSet<&str> = old_sizes.iter().map(|(f, _)| f.as_str()).collect();
    let gone: Vec<String> = gone
        .into_iter()
        .filter(|f| listed_now.contains(f.as_str()))
        .collect();
    // The files whose bytes changed, staged; nothing of the output is
    // touched yet (a file that cannot be staged: a clean build).
    stage(&mut update, &files, output).map_err(|_| ())?;
    super::phase("incremental: stage");
    // The new list: the files kept, at the sizes the old list gives
    // them, and those made again.
    let made: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut sized: Vec<(String, u64)> = old_sizes
        .iter()
        .filter(|(rel, _)| !made.contains(rel.as_str()) && !gone.contains(rel))
        .cloned()
        .chain(files.iter().map(|f| (f.path.clone(), f.bytes.len() as u64)))
        .collect();
    sized.sort();
    // From here on the incremental build goes through: what fails now
    // is an error of the build, as it would be of a clean one.
    if let Err(e) = update.commit(&old_sizes, &gone, &sized, &inputs.fingerprint) {
        return Ok(Err(format!("cannot write the site: {e}")));
    }
    super::phase("incremental: update");
    // The cache of this build: the changed pages' records, the list
    // entries whose counts or pages changed.
    let mut records: BTreeSet<usize> = new_pages.keys().copied().collect();
    for &i in &recounted {
        let key = summary_key(&cx, i);
        match new_pages.get_mut(&i) {
            Some(p) => p.summary = key,
            None if cache.pages[i].summary != key => {
                cache.pages[i].summary = key;
                records.insert(i);
            }
            None => {}
        }
    }
    for (i, mut p) in new_pages {
        p.extracted = Extracted::default();
        cache.pages[i] = p;
    }
    // The graph contributions back: of the records written (all of
    // them when the cache is written whole), whole (those of the pages
    // that did not change, as the cache holds them).
    let whole = !cache.appends();
    let written: Vec<usize> = (0..n).filter(|i| whole || records.contains(i)).collect();
    let full: Option<Vec<(usize, Extracted)>> = written
        .par_iter()
        .map(|&i| match todo.contains(&i) {
            true => Some((i, Extracted::clone(&extracted[i]))),
            false => cache.full(i).map(|e| (i, e)),
        })
        .collect();
    let Some(full) = full else {
        // The records do not read back: no cache, the next build is a
        // clean one.
        cache::remove(config);
        return Ok(Ok(report(config, n, &cache)));
    };
    for (i, e) in full {
        cache.pages[i].extracted = e;
    }
    cache.fingerprint = inputs.fingerprint.clone();
    cache.content = inputs.content.clone();
    #[cfg(feature = "search")]
    index_log.commit(&cache::dir(config), &inputs.fingerprint);
    cache::write(config, &mut cache, Some(&records));
    super::phase("incremental: cache written");

    let report = report(config, n, &cache);
    drop(cx);
    // What the build held, freed on a thread of its own: the process that
    // asked for the build need not wait for it (it usually ends).
    std::thread::spawn(move || {
        drop((
            site,
            graph,
            graph_before,
            extracted,
            extracted_before,
            cache,
        ))
    });
    super::phase("incremental: done");
    Ok(Ok(report))
}

/// What a build of `n` pages over the output `cache` describes reports.
fn report(config: &Config, n: usize, cache: &SiteCache) -> BuildReport {
    let mut warnings = Vec::new();
    if !extras::is_absolute(&config.base_url) {
        warnings.push(extras::bare_base_url_warning(&config.base_url));
    }
    BuildReport {
        pages: n,
        generated: cache.html_pages.saturating_sub(n),
        output_dir: config.output_dir.clone(),
        warnings,
        unchanged: false,
    }
}

/// Puts the snippets back into the mentions of the pages `sources`
/// (unchanged pages, whose contributions the cache gave without them):
/// their mentions in `graph`, laid out by source page as `extracted`
/// has them, are read again whole. `None` when a record does not read
/// back as it did.
fn with_snippets(
    graph: &mut Graph,
    extracted: &[Arc<Extracted>],
    cache: &SiteCache,
    sources: &BTreeSet<usize>,
) -> Option<()> {
    let full: Vec<(usize, Extracted)> = sources
        .par_iter()
        .map(|&s| Some((s, cache.full(s)?)))
        .collect::<Option<_>>()?;
    let mut first = Vec::with_capacity(extracted.len());
    let mut at = 0;
    for e in extracted {
        first.push(at);
        at += e.mentions.len();
    }
    for (s, e) in full {
        if e.mentions.len() != extracted[s].mentions.len() {
            return None;
        }
        for (k, m) in e.mentions.into_iter().enumerate() {
            *graph.mentions.get_mut(first[s] + k)? = m;
        }
    }
    Some(())
}

/// The site's content from the cache, with the changed pages read
/// again: `None` when the cache did not keep every page, a content
/// entry is a symbolic link (the content walk judges where it points),
/// or a changed file is not the page or draft it was.
fn recorded_content(
    config: &Config,
    cache: &SiteCache,
    inputs: &Inputs,
    changed: &BTreeSet<String>,
) -> Option<content::Content> {
    if inputs.links {
        return None;
    }
    let mut pages: Vec<content::Page> = cache
        .pages
        .par_iter()
        .map(cache::page)
        .collect::<Option<_>>()?;
    for rel in changed {
        let read = content::load_file(&config.content_dir, rel).ok()?;
        let is_draft = cache.drafts.contains(rel);
        if read.front.draft != is_draft {
            return None;
        }
        if !is_draft {
            let i = pages.binary_search_by(|p| p.rel.as_str().cmp(rel)).ok()?;
            if (&read.url, &read.section, read.is_section_index)
                != (&pages[i].url, &pages[i].section, pages[i].is_section_index)
            {
                return None;
            }
            pages[i] = read;
        }
    }
    Some(content::Content {
        pages,
        failed: Vec::new(),
        drafts: cache.drafts.clone(),
        assets: cache
            .assets
            .iter()
            .map(|rel| content::Asset {
                rel: rel.clone(),
                source: config.content_dir.join(rel),
            })
            .collect(),
    })
}

fn is_doc(p: &content::Page) -> bool {
    p.front.kind == content::Kind::Document && !p.is_section_index
}

/// The content pages whose file changed, by rel; `Err` when anything but
/// markdown changed, or a file came or went.
fn changed_pages(cache: &SiteCache, inputs: &Inputs) -> Result<BTreeSet<String>, Fallback> {
    if cache.content.len() != inputs.content.len() {
        return Err(());
    }
    let mut changed = BTreeSet::new();
    for ((rel, old), (now, new)) in cache.content.iter().zip(&inputs.content) {
        if rel != now || old.is_some() != new.is_some() {
            return Err(());
        }
        if old != new {
            if !rel.ends_with(".md") {
                return Err(());
            }
            changed.insert(rel.clone());
        }
    }
    Ok(changed)
}

/// Stages the files of `files` whose bytes are not those the output
/// holds at their path (a file rendered again to the same bytes is left
/// as it is: not written, same inode).
fn stage(update: &mut output::Update, files: &[OutputFile], output: &Path) -> std::io::Result<()> {
    // Compared in parallel (an edit that shifts paragraph numbers makes
    // hundreds of index shards again), staged in order.
    let same: Vec<bool> = files
        .par_iter()
        .map(|f| {
            let old = output.join(&f.path);
            std::fs::metadata(&old).is_ok_and(|m| m.len() == f.bytes.len() as u64)
                && std::fs::read(&old).is_ok_and(|b| b == f.bytes)
        })
        .collect();
    for (f, same) in files.iter().zip(same) {
        if !same {
            update.stage(f)?;
        }
    }
    Ok(())
}

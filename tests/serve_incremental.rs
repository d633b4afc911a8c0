//! `serve` rebuilds incrementally; the result must be what a full build
//! gives, byte for byte, and the same problems. Randomised sequences of
//! editor actions (edits, new links, title changes, new, deleted and
//! renamed pages and directories, broken and fixed front matter, drafts,
//! assets) over a copy of the fixture site, checked after every step.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use pilcrow::build;
use pilcrow::config::{Config, HtmlAndSvg};
use pilcrow::render::Theme;
use pilcrow::serve::engine::{Engine, Entry, Templates};
use pilcrow::serve::watch::Roots;

mod common;
use common::{Rng, copy_dir};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/basic");

struct Site {
    _tmp: tempfile::TempDir,
    config: Config,
    content: PathBuf,
    roots: Roots,
    /// A directory beside the site root, holding a file no link may
    /// publish.
    outside: PathBuf,
}

/// What the file outside the site holds (must never be served).
const SECRET: &str = "SECRET outside the site";

impl Site {
    fn new() -> Site {
        Site::with_policy(HtmlAndSvg::Publish)
    }

    /// The fixture with `[content] html_and_svg` set to `policy`.
    fn with_policy(policy: HtmlAndSvg) -> Site {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_dir(Path::new(FIXTURE), &root);
        let word = match policy {
            HtmlAndSvg::Publish => "publish",
            HtmlAndSvg::Refuse => "refuse",
            HtmlAndSvg::Sanitize => "sanitize",
        };
        let toml = root.join("site.toml");
        let text = std::fs::read_to_string(&toml).unwrap()
            + &format!("\n[content]\nhtml_and_svg = \"{word}\"\n");
        std::fs::write(&toml, text).unwrap();
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("secret.txt"), SECRET).unwrap();
        std::fs::write(
            outside.join("secret.md"),
            format!("---\ntitle: Leaked\n---\n{SECRET}\n"),
        )
        .unwrap();
        std::fs::write(root.join("inside.png"), "\u{89}PNG in the root").unwrap();
        let config = Config::load(&root).unwrap();
        assert_eq!(config.content.html_and_svg, policy);
        let roots = Roots::new(&config);
        Site {
            content: roots.content.clone(),
            _tmp: tmp,
            config,
            roots,
            outside,
        }
    }

    /// Symbolic links under content/, as rels.
    fn links(&self) -> Vec<String> {
        walkdir::WalkDir::new(&self.content)
            .sort_by_file_name()
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.path_is_symlink())
            .map(|e| {
                e.path()
                    .strip_prefix(&self.content)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect()
    }

    /// Replaces whatever is at `rel` with a symbolic link to `target`.
    fn link(&self, rel: &str, target: &Path) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&p);
        std::os::unix::fs::symlink(target, &p).unwrap();
    }

    /// Markdown files and other files under content/, as rels.
    fn files(&self) -> (Vec<String>, Vec<String>) {
        let mut md = Vec::new();
        let mut other = Vec::new();
        for e in walkdir::WalkDir::new(&self.content).sort_by_file_name() {
            let e = e.unwrap();
            if !e.file_type().is_file() {
                continue;
            }
            let rel = e
                .path()
                .strip_prefix(&self.content)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel.ends_with(".md") {
                md.push(rel);
            } else {
                other.push(rel);
            }
        }
        (md, other)
    }

    fn dirs(&self) -> Vec<String> {
        let mut dirs = vec![String::new()];
        for e in walkdir::WalkDir::new(&self.content).min_depth(1) {
            let e = e.unwrap();
            if e.file_type().is_dir() {
                dirs.push(
                    e.path()
                        .strip_prefix(&self.content)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
        dirs.sort();
        dirs
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.content.join(rel)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_default()
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// Sections holding entity pages.
const ENTITY_DIRS: &[&str] = &[
    "countries",
    "organizations",
    "instruments",
    "topics",
    "resolutions",
    "un-documents",
];

/// A relative link from one content file to another.
fn rel_link(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    format!("{}{to}", "../".repeat(depth))
}

/// Applies one random action; returns its description and the paths an
/// editor's save would report.
fn act(site: &Site, rng: &mut Rng, n: usize) -> (String, Vec<PathBuf>) {
    let (md, other) = site.files();
    let page = rng.pick(&md).cloned().unwrap_or_else(|| "x.md".into());
    let entities: Vec<String> = md
        .iter()
        .filter(|r| {
            ENTITY_DIRS.iter().any(|d| r.starts_with(&format!("{d}/"))) && !r.ends_with("_index.md")
        })
        .cloned()
        .collect();
    let documents: Vec<String> = md
        .iter()
        .filter(|r| r.starts_with("documents/") && !r.ends_with("_index.md"))
        .cloned()
        .collect();
    match rng.below(22) {
        16 | 17 => {
            // Mention one or two entities in a new paragraph of a document
            // (mentions appear on their pages; two co-cite each other).
            let (Some(doc), Some(a), Some(b)) = (
                rng.pick(&documents).cloned(),
                rng.pick(&entities).cloned(),
                rng.pick(&entities).cloned(),
            ) else {
                return ("nothing".into(), vec![]);
            };
            let second = if rng.below(2) == 0 {
                format!(" and [the other]({})", rel_link(&doc, &b))
            } else {
                String::new()
            };
            let text = site.read(&doc)
                + &format!(
                    "\n\n{n}\\. On [this one]({}){second}, a sentence. ^p-{}\n",
                    rel_link(&doc, &a),
                    200 + n
                );
            site.write(&doc, &text);
            (
                format!("mention {a} (and {b}?) in {doc}"),
                vec![site.path(&doc)],
            )
        }
        18 => {
            // Drop one link from a document, keeping its text (a mention
            // disappears, maybe a co-citation or a report section).
            let Some(doc) = rng.pick(&documents).cloned() else {
                return ("nothing".into(), vec![]);
            };
            let text = site.read(&doc);
            let starts: Vec<usize> = text.match_indices("](").map(|(i, _)| i).collect();
            let Some(&at) = rng.pick(&starts) else {
                return ("nothing".into(), vec![]);
            };
            let (Some(open), Some(close)) = (text[..at].rfind('['), text[at..].find(')')) else {
                return ("nothing".into(), vec![]);
            };
            let new = format!(
                "{}{}{}",
                &text[..open],
                &text[open + 1..at],
                &text[at + close + 1..]
            );
            site.write(&doc, &new);
            (format!("unlink one link in {doc}"), vec![site.path(&doc)])
        }
        19 => {
            // Edit an entity page: its title (shown wherever it is
            // mentioned, co-cited or cited) or its text.
            let Some(e) = rng.pick(&entities).cloned() else {
                return ("nothing".into(), vec![]);
            };
            let text = site.read(&e);
            let new = if rng.below(2) == 0 {
                match text.find("\ntitle:") {
                    Some(i) => {
                        let end = text[i + 1..].find('\n').map_or(text.len(), |j| i + 1 + j);
                        format!("{}\ntitle: Entity {n}{}", &text[..i], &text[end..])
                    }
                    None => text,
                }
            } else {
                text + &format!("\n\nMore about it {n}.\n")
            };
            site.write(&e, &new);
            (format!("edit entity {e}"), vec![site.path(&e)])
        }
        20 => {
            // A heading that links to an entity, with a paragraph under it
            // (a report section about it, co-citing what the paragraph
            // links to); or retarget an existing heading's link.
            let (Some(doc), Some(a), Some(b)) = (
                rng.pick(&documents).cloned(),
                rng.pick(&entities).cloned(),
                rng.pick(&entities).cloned(),
            ) else {
                return ("nothing".into(), vec![]);
            };
            let text = site.read(&doc);
            let heading = text
                .lines()
                .find(|l| l.starts_with('#') && l.contains("]("))
                .map(str::to_string);
            let new = match heading {
                Some(h) if rng.below(2) == 0 => {
                    let open = h.find("](").unwrap() + 2;
                    let close = open + h[open..].find(')').unwrap_or(h.len() - open);
                    let retargeted = format!("{}{}{}", &h[..open], rel_link(&doc, &a), &h[close..]);
                    text.replacen(&h, &retargeted, 1)
                }
                _ => {
                    text + &format!(
                        "\n\n### [Section {n}]({})\n\n{n}\\. It cites [b]({}). ^p-{}\n",
                        rel_link(&doc, &a),
                        rel_link(&doc, &b),
                        300 + n
                    )
                }
            };
            site.write(&doc, &new);
            (format!("heading about {a} in {doc}"), vec![site.path(&doc)])
        }
        14 | 15 => {
            // Drop or restore an anchor others may link to (edited in place).
            let text = site.read(&page);
            let new = if text.contains(" ^p-1\n") {
                text.replacen(" ^p-1\n", "\n", 1)
            } else {
                text.trim_end().to_string() + " ^p-1\n"
            };
            site.write(&page, &new);
            (
                format!("toggle anchor p-1 of {page}"),
                vec![site.path(&page)],
            )
        }
        0 | 1 => {
            let text = site.read(&page) + &format!("\n\nA new paragraph {n}. ^p-{}\n", 100 + n);
            site.write(&page, &text);
            (format!("edit body of {page}"), vec![site.path(&page)])
        }
        2 | 3 => {
            let target = rng.pick(&md).cloned().unwrap();
            let frag = if rng.below(3) == 0 { "#p-1" } else { "" };
            let text = site.read(&page)
                + &format!("\n\nSee [that]({}{frag}).\n", rel_link(&page, &target));
            site.write(&page, &text);
            (
                format!("link {page} → {target}{frag}"),
                vec![site.path(&page)],
            )
        }
        4 => {
            let text = site.read(&page);
            let new = match text.find("\ntitle:") {
                Some(i) => {
                    let end = text[i + 1..].find('\n').map_or(text.len(), |j| i + 1 + j);
                    format!("{}\ntitle: Title {n}{}", &text[..i], &text[end..])
                }
                None => text,
            };
            site.write(&page, &new);
            (format!("retitle {page}"), vec![site.path(&page)])
        }
        5 | 6 => {
            let dirs = site.dirs();
            let mut dir = rng.pick(&dirs).cloned().unwrap();
            if rng.below(4) == 0 {
                // A new section, sometimes nested.
                dir = if rng.below(2) == 0 {
                    format!("extra{}", n % 3)
                } else {
                    format!("extra{}/deep", n % 3)
                };
            }
            let rel = if dir.is_empty() {
                format!("new-{n}.md")
            } else {
                format!("{dir}/new-{n}.md")
            };
            let target = rng.pick(&md).cloned().unwrap_or_else(|| "about.md".into());
            let weight = if rng.below(3) == 0 { "weight: 2\n" } else { "" };
            site.write(
                &rel,
                &format!(
                    "---\ntitle: New {n}\n{weight}---\n\nLinks to [it]({}). ^p-1\n",
                    rel_link(&rel, &target)
                ),
            );
            (format!("add {rel}"), vec![site.path(&rel)])
        }
        7 => {
            if md.len() < 4 {
                return ("nothing".into(), vec![]);
            }
            std::fs::remove_file(site.path(&page)).unwrap();
            (format!("delete {page}"), vec![site.path(&page)])
        }
        8 => {
            let to = page.replace(".md", &format!("-r{n}.md"));
            std::fs::rename(site.path(&page), site.path(&to)).unwrap();
            (
                format!("rename {page} → {to}"),
                vec![site.path(&page), site.path(&to)],
            )
        }
        9 => {
            site.write(&page, "---\ntitle: [broken\n---\nText\n");
            (format!("break {page}"), vec![site.path(&page)])
        }
        10 => {
            let text = site.read(&page);
            let new = if text.contains("draft: true") {
                text.replace("draft: true\n", "")
            } else {
                text.replacen("---\n", "---\ndraft: true\n", 1)
            };
            site.write(&page, &new);
            (format!("toggle draft {page}"), vec![site.path(&page)])
        }
        11 => {
            if let Some(asset) = rng.pick(&other).cloned().filter(|_| rng.below(2) == 0) {
                std::fs::remove_file(site.path(&asset)).unwrap();
                (format!("delete asset {asset}"), vec![site.path(&asset)])
            } else if rng.below(2) == 0 {
                // An SVG with a script (published, refused or sanitized
                // as site.toml says), or an edit of one.
                let rel = other
                    .iter()
                    .find(|r| r.ends_with(".svg"))
                    .cloned()
                    .filter(|_| rng.below(2) == 0)
                    .unwrap_or_else(|| format!("documents/fig-{n}.svg"));
                site.write(
                    &rel,
                    &format!(
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert({n})\"><script>alert(1)</script><circle r=\"{n}\"/></svg>"
                    ),
                );
                (format!("write svg {rel}"), vec![site.path(&rel)])
            } else {
                let rel = format!("documents/img-{n}.png");
                site.write(&rel, "\u{89}PNG");
                (format!("add asset {rel}"), vec![site.path(&rel)])
            }
        }
        21 => {
            // Symbolic links: out of the site (refused), to nothing
            // (skipped with a warning), to a file inside the
            // site root (published); an existing page or asset replaced by
            // a link out of the site; or a link removed again.
            let links = site.links();
            if let Some(l) = rng.pick(&links).cloned().filter(|_| rng.below(3) == 0) {
                std::fs::remove_file(site.path(&l)).unwrap();
                return (format!("remove link {l}"), vec![site.path(&l)]);
            }
            let (what, rel, target) = match rng.below(6) {
                0 => (
                    "out of the site",
                    format!("leak-{n}.txt"),
                    site.outside.join("secret.txt"),
                ),
                1 => (
                    "a page out of the site",
                    format!("documents/leak-{n}.md"),
                    site.outside.join("secret.md"),
                ),
                2 => (
                    "to nothing",
                    format!("gone-{n}.png"),
                    PathBuf::from("no-such-file.png"),
                ),
                3 => (
                    "inside the root",
                    format!("documents/inside-{n}.png"),
                    PathBuf::from("../../inside.png"),
                ),
                4 => match rng.pick(&md).cloned() {
                    Some(page) if md.len() > 4 => (
                        "page replaced by a link out",
                        page,
                        site.outside.join("secret.md"),
                    ),
                    _ => return ("nothing".into(), vec![]),
                },
                _ => match rng.pick(&other).cloned() {
                    Some(asset) => (
                        "asset replaced by a link out",
                        asset,
                        site.outside.join("secret.txt"),
                    ),
                    None => return ("nothing".into(), vec![]),
                },
            };
            site.link(&rel, &target);
            (format!("link {rel} ({what})"), vec![site.path(&rel)])
        }
        12 => {
            let dirs = site.dirs();
            let Some(dir) = rng.pick(&dirs[1..]).cloned() else {
                return ("nothing".into(), vec![]);
            };
            let to = format!("{dir}-m{n}");
            std::fs::rename(site.path(&dir), site.path(&to)).unwrap();
            (
                format!("move dir {dir} → {to}"),
                vec![site.path(&dir), site.path(&to)],
            )
        }
        _ => {
            // Repair: rewrite every broken page with valid front matter,
            // remove every link out of the site.
            let mut paths = Vec::new();
            for l in site.links() {
                let target = std::fs::read_link(site.path(&l)).unwrap();
                if target.starts_with(&site.outside) {
                    std::fs::remove_file(site.path(&l)).unwrap();
                    paths.push(site.path(&l));
                }
            }
            for rel in &md {
                if site.read(rel).contains("title: [broken") {
                    site.write(rel, &format!("---\ntitle: Fixed {n}\n---\nFixed.\n"));
                    paths.push(site.path(rel));
                }
            }
            ("repair broken pages".into(), paths)
        }
    }
}

/// What a full build gives: its files, problems and warnings.
fn expected(config: &Config) -> (BTreeMap<String, Entry>, Vec<String>, Vec<String>) {
    let site = build::load(config);
    let warnings = site.warnings.iter().map(ToString::to_string).collect();
    let theme = Theme::load(config).unwrap();
    // The search page and index are built by `serve::search_index` in the
    // background, not by the incremental engine.
    let (files, render_problems) = build::render_site_without_search(&site, &theme);
    let mut problems = site.problems.clone();
    problems.extend(render_problems);
    let problems = pilcrow::problem::Problems::from_vec(problems)
        .map(|p| p.into_vec())
        .unwrap_or_default()
        .iter()
        .map(ToString::to_string)
        .collect();
    let mut map: BTreeMap<String, Entry> = BTreeMap::new();
    for (rel, source) in files.copies {
        map.insert(rel, Entry::File(source));
    }
    for f in files.files {
        map.insert(f.path, Entry::Bytes(f.bytes.into()));
    }
    (map, problems, warnings)
}

fn assert_same(engine: &Engine, config: &Config, history: &[String]) {
    let (want_files, want_problems, want_warnings) = expected(config);
    let got_warnings: Vec<String> = engine.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(got_warnings, want_warnings, "warnings after {history:#?}");
    let got_problems: Vec<String> = engine
        .problems()
        .map(|p| p.into_vec())
        .unwrap_or_default()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(got_problems, want_problems, "problems after {history:#?}");
    let got_files = engine.files();
    let got_keys: BTreeSet<&String> = got_files.keys().collect();
    let want_keys: BTreeSet<&String> = want_files.keys().collect();
    assert_eq!(got_keys, want_keys, "output paths after {history:#?}");
    for (k, want) in &want_files {
        let got = &got_files[k];
        if got != want {
            let show = |e: &Entry| match e {
                Entry::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
                Entry::File(p) => p.display().to_string(),
            };
            panic!(
                "{k} differs after {history:#?}\n--- incremental:\n{}\n--- full:\n{}",
                show(got),
                show(want)
            );
        }
    }
}

fn run_sequence(seed: u64, steps: usize) {
    run_sequence_with(seed, steps, HtmlAndSvg::Publish);
}

fn run_sequence_with(seed: u64, steps: usize, policy: HtmlAndSvg) {
    let site = Site::with_policy(policy);
    let (mut engine, _) = Engine::new(site.config.clone());
    assert_same(&engine, &site.config, &[]);
    let mut rng = Rng(seed);
    let mut history = Vec::new();
    for n in 0..steps {
        let (what, paths) = act(&site, &mut rng, n);
        history.push(what);
        let paths: BTreeSet<PathBuf> = paths.into_iter().collect();
        let (rels, rescan, _) = site.roots.content_changes(&paths, &engine);
        let o = engine.update(&rels, rescan, false);
        if std::env::var_os("PILCROW_TRACE").is_some() {
            eprintln!(
                "{:50} rendered {:3} parsed {} problems {}",
                history.last().unwrap(),
                o.rendered,
                o.parsed,
                o.problems.map_or(0, |p| p.len())
            );
        }
        assert_same(&engine, &site.config, &history);
        // The graph, updated in place, is the one a full load builds.
        assert!(
            *engine.graph() == pilcrow::graph::Graph::build(&build::load(&site.config)),
            "graph after {history:#?}"
        );
        // A full render finds nothing to correct.
        if engine.problems().is_none() {
            assert_eq!(engine.reconcile(), Vec::<String>::new(), "{history:#?}");
        }
    }
}

#[test]
fn incremental_equals_full_build_seed_1() {
    run_sequence(0x9E37_79B9_7F4A_7C15, 60);
}

#[test]
fn incremental_equals_full_build_seed_2() {
    run_sequence(0xD1B5_4A32_D192_ED03, 60);
}

#[test]
fn incremental_equals_full_build_seed_3() {
    run_sequence(0x2545_F491_4F6C_DD1D, 60);
}

#[test]
fn incremental_equals_full_build_when_svg_is_refused() {
    run_sequence_with(0x6A09_E667_F3BC_C909, 60, HtmlAndSvg::Refuse);
}

#[test]
fn incremental_equals_full_build_when_svg_is_sanitized() {
    run_sequence_with(0xBB67_AE85_84CA_A73B, 60, HtmlAndSvg::Sanitize);
}

#[test]
fn incremental_equals_full_build_more_seeds() {
    // PILCROW_SEEDS=N tries N seeds (a longer hunt for missed dependencies).
    let seeds: u64 = std::env::var("PILCROW_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12);
    let policies = [
        HtmlAndSvg::Publish,
        HtmlAndSvg::Refuse,
        HtmlAndSvg::Sanitize,
    ];
    for seed in 1..=seeds {
        let policy = policies[seed as usize % policies.len()];
        run_sequence_with(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1, 40, policy);
    }
}

/// Applies a change to `paths` as the watcher would report it.
fn apply(site: &Site, engine: &mut Engine, paths: &[PathBuf]) {
    let paths: BTreeSet<PathBuf> = paths.iter().cloned().collect();
    let (rels, rescan, _) = site.roots.content_changes(&paths, engine);
    engine.update(&rels, rescan, false);
}

/// The served bytes of every file (content assets read from disk, as the
/// server reads them).
fn served_text(engine: &Engine) -> Vec<(String, String)> {
    engine
        .files()
        .into_iter()
        .map(|(k, e)| {
            let bytes = match e {
                Entry::Bytes(b) => b.to_vec(),
                Entry::File(p) => std::fs::read(p).unwrap_or_default(),
            };
            (k, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect()
}

#[test]
fn a_link_out_of_the_site_is_refused_as_build_refuses_it() {
    let site = Site::new();
    site.write("notes.txt", "plain notes");
    let (mut engine, first) = Engine::new(site.config.clone());
    assert!(first.problems.is_none(), "{:?}", first.problems);
    // A page and an asset replaced by links out of the site, a new link
    // out, a dangling link: what a full build reports, nothing leaked.
    site.link("about.md", &site.outside.join("secret.md"));
    apply(&site, &mut engine, &[site.path("about.md")]);
    site.link("notes.txt", &site.outside.join("secret.txt"));
    apply(&site, &mut engine, &[site.path("notes.txt")]);
    site.link("documents/new.txt", &site.outside.join("secret.txt"));
    site.link("gone.png", Path::new("nowhere.png"));
    apply(
        &site,
        &mut engine,
        &[site.path("documents/new.txt"), site.path("gone.png")],
    );
    let history = ["links out of the site".to_string()];
    assert_same(&engine, &site.config, &history);
    let problems = engine.problems().expect("problems").to_string();
    for rel in ["about.md", "notes.txt", "documents/new.txt"] {
        assert!(
            problems.contains(&format!("content/{rel}: is a symbolic link to")),
            "{problems}"
        );
    }
    assert!(!problems.contains("gone.png"), "{problems}");
    let warnings: Vec<String> = engine.warnings().iter().map(|w| w.to_string()).collect();
    assert!(
        warnings.iter().any(|w| w.contains("content/gone.png")),
        "{warnings:?}"
    );
    for (path, text) in served_text(&engine) {
        assert!(
            !text.contains(SECRET),
            "{path} serves the file outside the site"
        );
    }
    // Removed again: the page comes back as it is now on disk.
    for rel in ["about.md", "notes.txt", "documents/new.txt"] {
        std::fs::remove_file(site.path(rel)).unwrap();
    }
    site.write("about.md", "---\ntitle: About again\n---\nBack.\n");
    apply(
        &site,
        &mut engine,
        &[
            site.path("about.md"),
            site.path("notes.txt"),
            site.path("documents/new.txt"),
        ],
    );
    assert_same(&engine, &site.config, &history);
    assert!(engine.problems().is_none(), "{:?}", engine.problems());
}

#[test]
fn svg_is_published_refused_or_sanitized_as_build_does() {
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script><circle r=\"4\"/></svg>";
    for policy in [
        HtmlAndSvg::Publish,
        HtmlAndSvg::Refuse,
        HtmlAndSvg::Sanitize,
    ] {
        let site = Site::with_policy(policy);
        site.write("documents/a.svg", svg);
        let (mut engine, _) = Engine::new(site.config.clone());
        assert_same(&engine, &site.config, &[format!("{policy:?}")]);
        // Added and edited while serving, too.
        site.write("b.svg", &svg.replace("alert(2)", "alert(3)"));
        apply(&site, &mut engine, &[site.path("b.svg")]);
        assert_same(&engine, &site.config, &[format!("{policy:?}: add")]);
        site.write("b.svg", &svg.replace("r=\"4\"", "r=\"5\""));
        apply(&site, &mut engine, &[site.path("b.svg")]);
        assert_same(&engine, &site.config, &[format!("{policy:?}: edit")]);
        let served = served_text(&engine);
        let b = served.iter().find(|(k, _)| k == "b.svg").map(|(_, t)| t);
        match policy {
            HtmlAndSvg::Publish => assert!(b.is_some_and(|t| t.contains("<script"))),
            HtmlAndSvg::Refuse => {
                assert!(b.is_none());
                let p = engine.problems().expect("refused").to_string();
                assert!(p.contains("content/b.svg:") && p.contains("refuse"), "{p}");
            }
            HtmlAndSvg::Sanitize => {
                let t = b.expect("sanitized svg served");
                assert!(
                    t.contains("r=\"5\"") && !t.contains("script") && !t.contains("onload"),
                    "{t}"
                );
            }
        }
    }
}

#[test]
fn clashes_are_named_as_build_names_them() {
    let site = Site::new();
    let (mut engine, _) = Engine::new(site.config.clone());
    // A content file on the path of a theme file, of a file for
    // machines, of the search page and of the graph page.
    let rels = ["style.css", "robots.txt", "search.md", "graph/index.html"];
    for rel in rels {
        site.write(rel, "---\ntitle: Clash\n---\nText.\n");
    }
    let paths: Vec<PathBuf> = rels.iter().map(|r| site.path(r)).collect();
    apply(&site, &mut engine, &paths);
    let full = build::load(&site.config);
    let theme = Theme::load(&site.config).unwrap();
    let (_, render_problems) = build::render_site(&full, &theme);
    let mut want = full.problems.clone();
    want.extend(render_problems);
    let want = pilcrow::problem::Problems::from_vec(want)
        .expect("clashes")
        .to_string();
    for rel in rels {
        assert!(
            want.contains(&format!("content/{rel}: would be written to")),
            "{want}"
        );
    }
    let got = engine.problems().expect("clashes").to_string();
    assert_eq!(got, want);
    // The same from the start.
    let (engine, _) = Engine::new(site.config.clone());
    assert_eq!(engine.problems().expect("clashes").to_string(), want);
}

#[test]
fn a_body_edit_renders_only_what_depends_on_it() {
    let site = Site::new();
    let (mut engine, first) = Engine::new(site.config.clone());
    assert!(first.problems.is_none(), "{:?}", first.problems);
    let all = first.rendered;
    // en-note links to a-74-130 and arg: those may show its mentions.
    let rel = "documents/en-note.md";
    let text = site
        .read(rel)
        .replace("This note cites", "This short note cites");
    site.write(rel, &text);
    let o = engine.update(&[rel.to_string()], false, false);
    assert!(o.problems.is_none());
    assert_eq!(o.parsed, 1);
    assert!(o.rendered <= 3, "rendered {} of {all}", o.rendered);
    assert_same(&engine, &site.config, &["edit en-note".into()]);
    // A title change also re-renders the section list.
    let text = site.read("about.md").replace("About this site", "About");
    site.write("about.md", &text);
    let o = engine.update(&["about.md".to_string()], false, false);
    assert!(o.rendered < all, "rendered {} of {all}", o.rendered);
    assert_same(&engine, &site.config, &["retitle about".into()]);
}

#[test]
fn broken_save_is_reported_and_fixed() {
    let site = Site::new();
    let (mut engine, _) = Engine::new(site.config.clone());
    let rel = "countries/arg.md";
    let good = site.read(rel);
    site.write(rel, "---\ntitle: [\n---\n");
    let o = engine.update(&[rel.to_string()], false, false);
    let p = o.problems.expect("a problem").to_string();
    assert!(p.contains("content/countries/arg.md:2:"), "{p}");
    site.write(rel, &good);
    let o = engine.update(&[rel.to_string()], false, false);
    assert!(o.problems.is_none(), "{:?}", o.problems);
    assert_same(&engine, &site.config, &["break and fix arg".into()]);
}

#[test]
fn a_template_change_renders_the_pages_that_use_it() {
    let site = Site::new();
    let theme = site.config.theme_dir();
    copy_dir(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default")),
        &theme,
    );
    let (mut engine, first) = Engine::new(site.config.clone());
    let all = first.rendered;
    let named = |n: &[&str]| Templates::Named(n.iter().map(|s| s.to_string()).collect());
    let edit = |name: &str, from: &str, to: &str| {
        let p = theme.join("templates").join(name);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "{name}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    };

    edit("page.html", "<article", "<article data-x");
    let o = engine.theme_changed(&named(&["page.html"]));
    assert!(o.problems.is_none(), "{:?}", o.problems);
    assert!(
        o.rendered > 0 && o.rendered < all,
        "{} of {all}",
        o.rendered
    );
    assert_same(&engine, &site.config, &["page.html".into()]);

    // list.html and home.html include _listing.html.
    let listing = std::fs::read_to_string(theme.join("templates/_listing.html")).unwrap();
    std::fs::write(
        theme.join("templates/_listing.html"),
        format!("<!-- l -->{listing}"),
    )
    .unwrap();
    let o = engine.theme_changed(&named(&["_listing.html"]));
    assert!(o.rendered < all, "{} of {all}", o.rendered);
    assert_same(&engine, &site.config, &["_listing.html".into()]);

    // Everything extends base.html.
    edit("base.html", "<main", "<main data-y");
    let o = engine.theme_changed(&named(&["base.html"]));
    assert_eq!(o.rendered, all);
    assert_same(&engine, &site.config, &["base.html".into()]);

    edit(
        "404.html",
        "{% block content %}",
        "{% block content %}<!-- 404 -->",
    );
    engine.theme_changed(&named(&["404.html"]));
    assert_same(&engine, &site.config, &["404.html".into()]);

    // A page naming a template that does not exist yet, then does.
    let about = site
        .read("about.md")
        .replacen("---\n", "---\ntemplate: special.html\n", 1);
    site.write("about.md", &about);
    let o = engine.update(&["about.md".to_string()], false, false);
    assert!(o.problems.is_some());
    assert_same(&engine, &site.config, &["template: special.html".into()]);
    std::fs::write(
        theme.join("templates/special.html"),
        "{% extends \"page.html\" %}",
    )
    .unwrap();
    let o = engine.theme_changed(&named(&["special.html"]));
    assert!(o.problems.is_none(), "{:?}", o.problems);
    assert_same(&engine, &site.config, &["special.html".into()]);

    // page.html is used by special.html too.
    edit("page.html", "data-x", "data-z");
    engine.theme_changed(&named(&["page.html"]));
    assert_same(&engine, &site.config, &["page.html again".into()]);

    // Anything else in the theme: every output, no markdown.
    edit("page.html", "data-z", "data-w");
    let o = engine.theme_changed(&Templates::All);
    assert_eq!((o.rendered, o.parsed), (all, 0));
    assert_same(&engine, &site.config, &["theme dir".into()]);
}

#[test]
fn a_new_mention_reaches_the_entity_page_its_list_and_nothing_else() {
    let site = Site::new();
    let (mut engine, first) = Engine::new(site.config.clone());
    assert!(first.problems.is_none(), "{:?}", first.problems);
    let all = first.rendered;
    // en-note does not mention Mongolia yet.
    let rel = "documents/en-note.md";
    let text = site.read(rel) + "\n\nSee also [Mongolia](../countries/mng.md). ^p-9\n";
    site.write(rel, &text);
    let o = engine.update(&[rel.to_string()], false, false);
    assert!(o.problems.is_none(), "{:?}", o.problems);
    assert_eq!(o.parsed, 1);
    // en-note, mng (mention), countries/ (its count), home (most
    // mentioned), graph page (en-note's links), and the pages whose
    // co-citations or related documents changed: far from all.
    assert!(o.rendered < all / 2, "rendered {} of {all}", o.rendered);
    let mng = match &engine.files()["countries/mng/index.html"] {
        Entry::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        Entry::File(_) => unreachable!(),
    };
    assert!(mng.contains("en-note/#p-9"), "{mng}");
    assert_same(&engine, &site.config, &["mention mng in en-note".into()]);

    // Deleting the document takes it out of every backlink list (and
    // breaks the home page's link to it: a problem, as in a full build).
    std::fs::remove_file(site.path(rel)).unwrap();
    engine.update(&[rel.to_string()], false, false);
    let mng = match &engine.files()["countries/mng/index.html"] {
        Entry::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        Entry::File(_) => unreachable!(),
    };
    assert!(!mng.contains("en-note/"), "{mng}");
    assert_same(&engine, &site.config, &["delete en-note".into()]);
}

#[test]
fn a_site_whose_graph_is_listed_in_parts_stays_what_build_makes() {
    // More documents than one part of the graph's lists holds: the serve
    // engine must re-render the parts an edit reaches as `build` would
    // make them, when a link is added, a title changes, a document comes
    // or goes (the parts shift).
    let site = Site::new();
    let n = 300;
    let doc = |k: usize, extra: &str| {
        format!(
            "---\nkind: document\ntitle: Generated report {k:03}\ndate: 2021-02-03\nlanguage: en\n---\n\n\
             1\\. Report {k} on [Mongolia](../countries/mng.md). ^p-1\n{extra}"
        )
    };
    for k in 0..n {
        site.write(&format!("documents/gen-{k:03}.md"), &doc(k, ""));
    }
    let (mut engine, first) = Engine::new(site.config.clone());
    assert!(first.problems.is_none(), "{:?}", first.problems);
    assert!(
        engine
            .files()
            .keys()
            .any(|k| k.starts_with("graph/documents/")),
        "the documents' graph list is not in parts"
    );
    let all = first.rendered;
    let mut history = Vec::new();

    let rel = "documents/gen-150.md";
    site.write(
        rel,
        &doc(150, "\n2\\. And [Argentina](../countries/arg.md). ^p-2\n"),
    );
    let o = engine.update(&[rel.to_string()], false, false);
    history.push("a link in gen-150".to_string());
    assert!(o.rendered * 4 < all, "rendered {} of {all}", o.rendered);
    assert_same(&engine, &site.config, &history);

    let text = site
        .read(rel)
        .replace("Generated report 150", "Renamed report 150");
    site.write(rel, &text);
    apply(&site, &mut engine, &[site.config.content_dir.join(rel)]);
    history.push("gen-150 retitled".to_string());
    assert_same(&engine, &site.config, &history);

    let new = "documents/gen-000a.md";
    site.write(new, &doc(1000, ""));
    apply(&site, &mut engine, &[site.config.content_dir.join(new)]);
    history.push("gen-000a added".to_string());
    assert_same(&engine, &site.config, &history);

    let gone = site.config.content_dir.join("documents/gen-010.md");
    std::fs::remove_file(&gone).unwrap();
    apply(&site, &mut engine, &[gone]);
    history.push("gen-010 removed".to_string());
    assert_same(&engine, &site.config, &history);
}

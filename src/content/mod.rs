//! Content loading: `content/**/*.md` → [`Page`]s, in parallel.
//!
//! Owns walking the content directory, reading files, splitting and
//! parsing front matter, and mapping source paths to site URLs. It does
//! not render markdown or look at links (see `markdown` and `links`).

pub mod front_matter;
mod section;
mod walk;

pub use walk::{Found, Within, walk, walk_within};

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use front_matter::{FrontMatter, Kind};
pub use section::{Section, sections};

use crate::problem::Problem;

/// Name of the file holding a section's own text (Zola/Hugo convention).
pub const SECTION_INDEX: &str = "_index.md";

/// A content file that parsed.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the content dir, `/`-separated: `documents/a-74-130.md`.
    pub rel: String,
    /// Path for messages, as the user sees it: `content/documents/a-74-130.md`.
    pub display: String,
    /// URL path relative to the site base, `""` for the home page, otherwise
    /// ending with `/`: `documents/a-74-130/`.
    pub url: String,
    /// Directory of the section this page is listed in (`documents`, `""`).
    pub section: String,
    /// `true` for `_index.md`: the page is its directory's list page.
    pub is_section_index: bool,
    pub front: FrontMatter,
    pub body: String,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
}

/// A non-markdown file in `content/`, copied as is.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to the content dir, `/`-separated.
    pub rel: String,
    pub source: PathBuf,
}

/// Everything found in the content directory.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Pages that parsed and are not drafts, sorted by `rel`.
    pub pages: Vec<Page>,
    /// Files that failed to load, by `rel` (links to them are not reported
    /// again as broken).
    pub failed: Vec<String>,
    /// Drafts, by `rel` (not built; a link to one is an error).
    pub drafts: Vec<String>,
    pub assets: Vec<Asset>,
}

/// What [`load`] found: the content, the problems (the build fails) and
/// the warnings (entries the build goes on without: a dangling symbolic
/// link, a link loop), each naming its file.
pub type Loaded = (Content, Vec<Problem>, Vec<Problem>);

/// Loads every content file. Problems are collected for all files; the
/// pages that loaded are returned alongside them. A symbolic link is
/// followed only to a file inside `site_root` or the content dir.
pub fn load(content_dir: &Path, site_root: &Path) -> Loaded {
    let mut problems = Vec::new();
    let display_dir = display_path(content_dir);
    let found = match walk::walk_within(content_dir, site_root) {
        Ok(found) => found,
        Err(message) => {
            problems.push(Problem::in_file(display_dir, message));
            return (Content::default(), problems, Vec::new());
        }
    };
    let results: Vec<(String, Result<Page, Problem>)> = found
        .markdown
        .par_iter()
        .map(|rel| {
            let display = format!("{display_dir}/{rel}");
            let loaded = load_page(&content_dir.join(rel), rel, &display);
            (rel.clone(), loaded)
        })
        .collect();

    let warnings = found
        .warnings
        .iter()
        .map(|(rel, m)| Problem::in_file(format!("{display_dir}/{rel}"), m))
        .collect();
    let mut content = Content {
        failed: found
            .errors
            .iter()
            .filter(|(rel, _)| rel.ends_with(".md"))
            .map(|(rel, _)| rel.clone())
            .collect(),
        assets: found
            .other
            .into_iter()
            .map(|rel| Asset {
                source: content_dir.join(&rel),
                rel,
            })
            .collect(),
        ..Content::default()
    };
    problems.extend(
        found
            .errors
            .iter()
            .map(|(rel, m)| Problem::in_file(format!("{display_dir}/{rel}"), m)),
    );
    for (rel, result) in results {
        match result {
            Ok(page) if page.front.draft => content.drafts.push(rel),
            Ok(page) => content.pages.push(page),
            Err(p) => {
                problems.push(p);
                content.failed.push(rel);
            }
        }
    }
    content.failed.sort();
    problems.extend(duplicate_urls(&content));
    (content, problems, warnings)
}

/// A path as the user would write it from the current directory: the
/// site root as given (`.` by default) joined with the rest, without a
/// leading `./`.
pub fn display_path(path: &Path) -> String {
    let shown = path.strip_prefix(".").unwrap_or(path);
    let s = shown.to_string_lossy().replace('\\', "/");
    if s.is_empty() { ".".to_string() } else { s }
}

/// Loads one content file, `rel` relative to `content_dir`, exactly as
/// [`load`] would (for `serve`, which re-reads only the files that changed).
/// Drafts load like any page: check `front.draft`.
pub fn load_file(content_dir: &Path, rel: &str) -> Result<Page, Problem> {
    let display = format!("{}/{rel}", display_path(content_dir));
    load_page(&content_dir.join(rel), rel, &display)
}

/// The "two files map to one URL" problems of a page list (as [`load`]
/// reports them), for callers that assemble a `Content` themselves.
pub fn url_clashes(content: &Content) -> Vec<Problem> {
    duplicate_urls(content)
}

fn load_page(path: &Path, rel: &str, display: &str) -> Result<Page, Problem> {
    let bytes =
        std::fs::read(path).map_err(|e| Problem::in_file(display, format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..valid]);
        let (line, column) = crate::config::line_col(&before, before.len());
        Problem::at(
            display,
            line,
            column,
            "not valid UTF-8 text; save the file as UTF-8",
        )
    })?;
    let split = front_matter::split(&text).map_err(|e| fm_problem(display, e))?;
    let front = front_matter::parse(&split).map_err(|e| fm_problem(display, e))?;
    let (url, section, is_section_index) = url_of(rel);
    Ok(Page {
        rel: rel.to_string(),
        display: display.to_string(),
        url,
        section,
        is_section_index,
        front,
        body: split.body.to_string(),
        body_line: split.body_line,
    })
}

fn fm_problem(display: &str, e: front_matter::FrontMatterError) -> Problem {
    Problem {
        file: Some(display.to_string()),
        line: Some(e.line),
        column: e.column,
        message: e.message,
    }
}

/// Maps a content path to (URL path, section dir, is section index).
///
/// `documents/a-74-130.md` → `documents/a-74-130/` in section `documents`;
/// `documents/_index.md` → `documents/`, the section's own page;
/// `_index.md` → `""`, the home page.
pub fn url_of(rel: &str) -> (String, String, bool) {
    let (dir, file) = match rel.rfind('/') {
        Some(i) => (&rel[..i], &rel[i + 1..]),
        None => ("", rel),
    };
    let stem = file.strip_suffix(".md").unwrap_or(file);
    if file == SECTION_INDEX {
        let url = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        (url, dir.to_string(), true)
    } else if dir.is_empty() {
        (format!("{stem}/"), String::new(), false)
    } else {
        (format!("{dir}/{stem}/"), dir.to_string(), false)
    }
}

/// Two files that would be written to the same URL.
fn duplicate_urls(content: &Content) -> Vec<Problem> {
    let mut by_url: HashMap<&str, &Page> = HashMap::new();
    let mut problems = Vec::new();
    for page in &content.pages {
        if let Some(first) = by_url.insert(&page.url, page) {
            problems.push(Problem::in_file(
                &page.display,
                format!(
                    "maps to the same URL /{} as {}; rename one of them",
                    page.url, first.display
                ),
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_follow_the_content_tree() {
        assert_eq!(
            url_of("documents/a-74-130.md"),
            ("documents/a-74-130/".into(), "documents".into(), false)
        );
        assert_eq!(
            url_of("documents/_index.md"),
            ("documents/".into(), "documents".into(), true)
        );
        assert_eq!(url_of("_index.md"), ("".into(), "".into(), true));
        assert_eq!(url_of("about.md"), ("about/".into(), "".into(), false));
    }

    fn write(dir: &Path, rel: &str, text: &[u8]) {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    #[test]
    fn loads_pages_skips_hidden_and_reports_every_bad_file() {
        let tmp = tempfile::tempdir().unwrap();
        let c = tmp.path().join("content");
        write(&c, "_index.md", b"---\ntitle: Home\n---\nHi\n");
        write(&c, "documents/a.md", b"---\ntitle: A\n---\nA\n");
        write(
            &c,
            "documents/draft.md",
            b"---\ntitle: D\ndraft: true\n---\n",
        );
        write(&c, ".pilcrow/manifest.md", b"not front matter");
        write(&c, "documents/.hidden.md", b"not front matter");
        write(&c, "documents/bad.md", b"---\ntitle: [\n---\n");
        write(&c, "documents/latin1.md", b"---\ntitle: caf\xe9\n---\n");
        write(&c, "img/logo.png", b"\x89PNG");
        let (content, problems, _) = load(&c, tmp.path());
        let rels: Vec<_> = content.pages.iter().map(|p| p.rel.as_str()).collect();
        assert_eq!(rels, vec!["_index.md", "documents/a.md"]);
        assert_eq!(content.drafts, vec!["documents/draft.md"]);
        assert_eq!(content.assets.len(), 1);
        assert_eq!(problems.len(), 2, "{problems:?}");
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(text[0].contains("content/documents/bad.md:2:"), "{text:?}");
        assert!(
            text[1].contains("content/documents/latin1.md:2:"),
            "{text:?}"
        );
        assert!(text[1].contains("UTF-8"), "{text:?}");
    }

    #[cfg(unix)]
    #[test]
    fn symlinked_files_are_content_too() {
        let tmp = tempfile::tempdir().unwrap();
        let c = tmp.path().join("content");
        write(
            tmp.path(),
            "elsewhere/shared.md",
            b"---\ntitle: Shared\n---\n",
        );
        std::fs::create_dir_all(&c).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("elsewhere/shared.md"), c.join("shared.md"))
            .unwrap();
        let (content, problems, _) = load(&c, tmp.path());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(content.pages[0].url, "shared/");
    }

    /// A link to a file or directory outside the site is refused and
    /// named; nothing under it is loaded or copied.
    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_site_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        write(outside.path(), "secret.txt", b"secret");
        write(outside.path(), "dir/page.md", b"---\ntitle: P\n---\n");
        let tmp = tempfile::tempdir().unwrap();
        let c = tmp.path().join("content");
        write(&c, "_index.md", b"---\ntitle: Home\n---\n");
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), c.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("dir"), c.join("linked")).unwrap();
        let (content, problems, _) = load(&c, tmp.path());
        assert!(content.assets.is_empty(), "{:?}", content.assets);
        assert_eq!(content.pages.len(), 1);
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(
            text[0].starts_with(&format!("{}/leak.txt:", c.display())),
            "{text:?}"
        );
        assert!(text[0].contains("outside the site"), "{text:?}");
        assert!(text[1].contains("/linked:"), "{text:?}");
    }

    /// A dangling link is a warning about that link; the rest of the
    /// directory it sits in still loads.
    #[cfg(unix)]
    #[test]
    fn a_dangling_symlink_is_a_warning_not_a_failed_build() {
        let tmp = tempfile::tempdir().unwrap();
        let c = tmp.path().join("content");
        write(tmp.path(), "shared/a.md", b"---\ntitle: A\n---\n");
        std::os::unix::fs::symlink(tmp.path().join("gone.md"), tmp.path().join("shared/b.md"))
            .unwrap();
        std::fs::create_dir_all(&c).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("shared"), c.join("shared")).unwrap();
        let (content, problems, warnings) = load(&c, tmp.path());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(content.pages.len(), 1);
        assert_eq!(content.pages[0].rel, "shared/a.md");
        let warnings: Vec<String> = warnings.iter().map(|p| p.to_string()).collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("shared/b.md"), "{warnings:?}");
        assert!(warnings[0].contains("does not exist"), "{warnings:?}");
    }

    #[test]
    fn two_files_with_one_url_are_both_named() {
        let tmp = tempfile::tempdir().unwrap();
        let c = tmp.path().join("content");
        write(&c, "topics.md", b"---\ntitle: A\n---\n");
        write(&c, "topics/_index.md", b"---\ntitle: B\n---\n");
        let (_, problems, _) = load(&c, tmp.path());
        assert_eq!(problems.len(), 1);
        let msg = problems[0].to_string();
        assert!(msg.contains("content/topics.md"), "{msg}");
        assert!(msg.contains("content/topics/_index.md"), "{msg}");
    }
}

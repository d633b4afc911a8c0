//! `pilcrow init DIR`: a new site that builds as is.
//!
//! Writes site.toml, a home page, a sample page, an empty `seeds/` for
//! `pilcrow ingest`, and a copy of the default theme (from the binary, see
//! `render::embedded`). Never overwrites: the
//! target must be missing or empty.

use std::path::Path;

use crate::render::embedded::DEFAULT_THEME;

const SITE_TOML: &str = r#"# pilcrow site configuration. Every key is optional except `title`.
title = "My knowledge base"
description = "Documents, cross-linked."
# Where the site will be published (a sub-path is fine: "https://example.org/kb/").
# sitemap.xml, atom.xml and canonical links use it; `pilcrow serve` overrides it.
base_url = "https://example.org/"
language = "en"
theme = "default"
content_dir = "content"
output_dir = "public"
seeds_dir = "seeds"

[markdown]
highlight_theme = "InspiredGitHub"
# Raw HTML in markdown is escaped unless this is true.
allow_html = false
"#;

/// The output, the build's staging directories and its cache are not
/// sources.
const GITIGNORE: &str = "/public/\n/.public.*\n/.pilcrow-cache/\n";

const HOME: &str = r#"---
title: My knowledge base
---

Welcome. This text lives in `content/_index.md`; the lists below are
generated from the directories in `content/`.

Start with the [getting started guide](pages/getting-started.md).
"#;

const SAMPLE: &str = r#"---
title: Getting started
description: How this site is organised.
---

## Writing pages

Every `.md` file under `content/` becomes a page: `content/pages/getting-started.md`
is published at `/pages/getting-started/`. Front matter between `---` lines
sets the title and other metadata.

Link to other pages with relative links to their `.md` files, like
[the home page](../_index.md). Links are checked on every build. ^p-1

## Anchors

End a paragraph with ` ^p-2` to give it an anchor, then link to it as
[`getting-started.md#p-2`](getting-started.md#p-2). ^p-2

```toml
# site.toml
title = "My knowledge base"
```
"#;

/// Scaffolds a site in `dir`. Returns the files written, relative to `dir`.
pub fn init(dir: &Path) -> Result<Vec<String>, String> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(format!("{} exists and is not a directory", dir.display()));
        }
        let mut entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        if entries.next().is_some() {
            return Err(format!(
                "{} is not empty; pilcrow init only writes into a new or empty directory",
                dir.display()
            ));
        }
    }
    let mut files: Vec<(String, &[u8])> = vec![
        (".gitignore".into(), GITIGNORE.as_bytes()),
        ("site.toml".into(), SITE_TOML.as_bytes()),
        ("content/_index.md".into(), HOME.as_bytes()),
        ("content/pages/getting-started.md".into(), SAMPLE.as_bytes()),
        // Where `pilcrow ingest` reads raw documents (hidden files are
        // not documents).
        ("seeds/.gitkeep".into(), b""),
    ];
    for (path, bytes) in DEFAULT_THEME {
        files.push((format!("themes/default/{path}"), bytes));
    }
    for (rel, bytes) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(files.into_iter().map(|(rel, _)| rel).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_non_empty_dir() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("keep.txt"), "mine").unwrap();
        let e = init(tmp.path()).unwrap_err();
        assert!(e.contains("not empty"), "{e}");
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("keep.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn scaffold_checks_clean() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        let files = init(&dir).unwrap();
        assert!(files.contains(&"themes/default/templates/page.html".to_string()));
        let config = crate::config::Config::load(&dir).unwrap();
        let pages = crate::build::check(&config).unwrap();
        assert_eq!(pages, 2);
    }

    #[test]
    fn what_a_build_makes_is_ignored_by_git() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        init(&dir).unwrap();
        let ignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
        for made in ["/public/", "/.public.*", "/.pilcrow-cache/"] {
            assert!(ignore.lines().any(|l| l == made), "{made}: {ignore}");
        }
    }
}

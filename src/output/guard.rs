//! Which directory a build may replace: the one place that decides it,
//! on paths whose `..` and symlinks are resolved first.
//!
//! A build replaces its output directory wholesale, so the directory must
//! not be, hold or sit inside anything the site is made from (site.toml,
//! content, seeds, themes), must not be a file, and must be one pilcrow
//! wrote (its `.pilcrow-output` list names every file it wrote) or empty.
//! Files in it that pilcrow did not write are carried into the new site
//! (see `staging`), never deleted.

use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

/// The list of files a build wrote, kept at the top of the output.
pub const MARKER: &str = ".pilcrow-output";

/// A path the output must stay clear of, with the name used in messages.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub name: &'a str,
    pub path: &'a Path,
    /// The output may sit inside it (the site root may hold `public/`;
    /// `content/` may not).
    pub may_hold_output: bool,
}

/// What is at the output path before the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Previous {
    /// Nothing, or an empty directory.
    Nothing,
    /// A site pilcrow wrote: the files it wrote (`/`-separated, relative).
    Site(Vec<String>),
}

/// `path` as the file system sees it: absolute, symlinks of the part that
/// exists resolved, `.` and `..` of the rest resolved lexically.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let abs = std::path::absolute(path)?;
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    let base = loop {
        match existing.canonicalize() {
            Ok(p) => break p,
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                // `..` at the end of a path that does not exist: keep
                // climbing lexically.
                (Some(parent), None) => {
                    rest.push("..".into());
                    existing = parent;
                }
                (None, _) => break PathBuf::from(existing),
            },
        }
    };
    let mut out = base;
    for part in rest.iter().rev() {
        match Path::new(part).components().next() {
            Some(Component::ParentDir) => {
                out.pop();
            }
            Some(Component::CurDir) | None => {}
            Some(_) => out.push(part),
        }
    }
    Ok(out)
}

/// Checks that a build may replace `output`; returns its resolved path and
/// what is there now. Every refusal says why and what to do.
pub fn check(output: &Path, sources: &[Source<'_>]) -> Result<(PathBuf, Previous), String> {
    let shown = output.display();
    let cannot = |e: io::Error| format!("cannot resolve the output directory {shown}: {e}");
    let out = resolve(output).map_err(cannot)?;
    for source in sources {
        let Ok(src) = resolve(source.path) else {
            continue;
        };
        let relation = if src == out {
            "is"
        } else if src.starts_with(&out) {
            "contains"
        } else if out.starts_with(&src) && !source.may_hold_output {
            "is inside"
        } else {
            continue;
        };
        return Err(format!(
            "output directory {shown} {relation} the site's {} ({}); it is replaced on every build, so it must be a directory of its own: choose another output_dir",
            source.name,
            source.path.display()
        ));
    }
    previous(&out).map(|p| (out, p)).map_err(|why| {
        format!("output directory {shown} {why}; pilcrow replaces only a directory it wrote: choose another output_dir, or move it away yourself")
    })
}

/// What is at `out` now, or why a build may not replace it.
fn previous(out: &Path) -> Result<Previous, String> {
    let meta = match std::fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Previous::Nothing),
        Err(e) => return Err(format!("cannot be read ({e})")),
    };
    if !meta.is_dir() {
        return Err("is a file, not a directory".into());
    }
    match std::fs::read_to_string(out.join(MARKER)) {
        Ok(list) => Ok(Previous::Site(
            listed(&list).map(|(path, _)| path.to_string()).collect(),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let mut entries =
                std::fs::read_dir(out).map_err(|e| format!("cannot be read ({e})"))?;
            if entries.next().is_none() {
                Ok(Previous::Nothing)
            } else {
                Err(format!(
                    "holds files pilcrow did not write (it has no {MARKER} list; if a pilcrow older than that list built it, delete it once)"
                ))
            }
        }
        Err(e) => Err(format!("has an unreadable {MARKER} ({e})")),
    }
}

/// The marker's comment line that holds the build's inputs fingerprint.
const INPUTS: &str = "# inputs: ";

/// The files a marker lists, each with its size when recorded.
fn listed(marker: &str) -> impl Iterator<Item = (&str, Option<u64>)> {
    marker
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once('\t') {
            Some((path, size)) => (path, size.parse().ok()),
            None => (l, None),
        })
}

/// The text of the marker: a comment, the fingerprint of what the site
/// was built from, then one written file per line with its size.
pub fn marker_text(files: &[(String, u64)], inputs: Option<&str>) -> String {
    let mut text = String::from(
        "# Written by `pilcrow build`: the files below are pilcrow's and are replaced on every build.\n# Any other file here is yours and is kept.\n",
    );
    if let Some(inputs) = inputs {
        text.push_str(INPUTS);
        text.push_str(inputs);
        text.push('\n');
    }
    for (f, size) in files {
        text.push_str(f);
        text.push('\t');
        text.push_str(&size.to_string());
        text.push('\n');
    }
    text
}

/// The files the output at `out` lists as pilcrow's, with their sizes
/// (`None` without a list, or with a file listed without its size).
pub fn listed_sizes(out: &Path) -> Option<Vec<(String, u64)>> {
    let marker = std::fs::read_to_string(out.join(MARKER)).ok()?;
    listed(&marker)
        .map(|(path, size)| Some((path.to_string(), size?)))
        .collect()
}

/// Whether the site at `out` was built from exactly `inputs` and every
/// file it lists is still there, a plain file of the size it was written
/// with.
pub fn up_to_date(out: &Path, inputs: &str) -> bool {
    let Ok(marker) = std::fs::read_to_string(out.join(MARKER)) else {
        return false;
    };
    let recorded = marker
        .lines()
        .find_map(|l| l.strip_prefix(INPUTS))
        .is_some_and(|r| r == inputs);
    // Tens of thousands of files on a large site: looked at in parallel.
    recorded
        && listed(&marker)
            .collect::<Vec<_>>()
            .par_iter()
            .all(|&(path, size)| {
                size.is_some()
                    && std::fs::symlink_metadata(out.join(path))
                        .is_ok_and(|m| m.file_type().is_file() && Some(m.len()) == size)
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        for d in ["content", "seeds", "themes"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        std::fs::write(root.join("site.toml"), "title = \"T\"\n").unwrap();
        (tmp, root)
    }

    fn sources(root: &Path) -> Vec<(String, PathBuf)> {
        [
            ("site.toml", "site.toml"),
            ("content", "content"),
            ("seeds", "seeds"),
            ("themes", "themes"),
        ]
        .iter()
        .map(|(n, p)| (n.to_string(), root.join(p)))
        .chain([("root".to_string(), root.to_path_buf())])
        .collect()
    }

    fn check_in(root: &Path, output: &Path) -> Result<(PathBuf, Previous), String> {
        let owned = sources(root);
        let s: Vec<Source> = owned
            .iter()
            .map(|(n, p)| Source {
                name: n,
                path: p,
                may_hold_output: n == "root",
            })
            .collect();
        check(output, &s)
    }

    #[test]
    fn dot_dot_and_symlinks_cannot_reach_the_sources() {
        let (_tmp, root) = site();
        for bad in [
            "..",
            "../site",
            "content/../content",
            "public/../content",
            "seeds",
            "content/public",
            "themes/x/out",
            ".",
            "site.toml",
        ] {
            let err = check_in(&root, &root.join(bad)).unwrap_err();
            assert!(err.contains("the site's"), "{bad}: {err}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("content"), root.join("out-link")).unwrap();
            assert!(check_in(&root, &root.join("out-link")).is_err());
        }
        let (out, prev) = check_in(&root, &root.join("public")).unwrap();
        assert_eq!(out, root.canonicalize().unwrap().join("public"));
        assert_eq!(prev, Previous::Nothing);
    }

    #[test]
    fn only_an_empty_directory_or_one_pilcrow_wrote_is_replaced() {
        let (_tmp, root) = site();
        let out = root.join("public");
        std::fs::create_dir(&out).unwrap();
        assert_eq!(check_in(&root, &out).unwrap().1, Previous::Nothing);
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let err = check_in(&root, &out).unwrap_err();
        assert!(err.contains("did not write"), "{err}");
        std::fs::write(
            out.join(MARKER),
            marker_text(&[("index.html".into(), 3)], None),
        )
        .unwrap();
        assert_eq!(
            check_in(&root, &out).unwrap().1,
            Previous::Site(vec!["index.html".into()])
        );
        let file = root.join("out.txt");
        std::fs::write(&file, "x").unwrap();
        assert!(check_in(&root, &file).unwrap_err().contains("is a file"));
    }

    #[test]
    fn resolve_handles_missing_parts() {
        let (_tmp, root) = site();
        let canon = root.canonicalize().unwrap();
        assert_eq!(
            resolve(&root.join("new/../content")).unwrap(),
            canon.join("content")
        );
        assert_eq!(resolve(&root.join("a/b/..")).unwrap(), canon.join("a"));
    }
}

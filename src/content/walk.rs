//! Finding content files: sorted, hidden files and directories skipped,
//! symbolic links resolved and kept inside the site.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// Files under the content dir, as sorted `/`-separated relative paths.
#[derive(Debug, Default)]
pub struct Found {
    pub markdown: Vec<String>,
    pub other: Vec<String>,
    /// Entries left out that make the build fail (a symbolic link to a
    /// file outside the site, an unreadable file): (rel, message).
    pub errors: Vec<(String, String)>,
    /// Entries left out that the build goes on without (a dangling
    /// symbolic link, a link loop): (rel, message).
    pub warnings: Vec<(String, String)>,
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Where a content file may resolve to: the site root and the content
/// dir, canonical. [`walk_within`] follows a symbolic link only into
/// them; `serve` checks each file again when it reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Within {
    bounds: Vec<PathBuf>,
}

impl Within {
    pub fn new(dir: &Path, site_root: &Path) -> Within {
        Within {
            bounds: [site_root, dir]
                .iter()
                .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()))
                .collect(),
        }
    }

    /// Is the resolved (canonical) path `real` inside?
    pub fn holds(&self, real: &Path) -> bool {
        self.bounds.iter().any(|b| real.starts_with(b))
    }
}

/// [`walk_within`] with the content dir's parent as the site root (the
/// default layout, `content/` beside `site.toml`).
pub fn walk(dir: &Path) -> Result<Found, String> {
    let root = dir.parent().unwrap_or(dir);
    walk_within(dir, root)
}

/// Walks the content dir `dir`. Symbolic links are followed when they
/// resolve inside `site_root` or the content dir itself; a link to
/// anything outside both is refused (an error, never published), a
/// dangling link or a link loop is skipped with a warning.
pub fn walk_within(dir: &Path, site_root: &Path) -> Result<Found, String> {
    if !dir.is_dir() {
        return Err("content directory not found (create it, or pass --content DIR)".to_string());
    }
    let within = Within::new(dir, site_root);
    let inside = |p: &Path| within.holds(p);
    let rel_of = |path: &Path| {
        path.strip_prefix(dir).ok().map(|rel| {
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        })
    };
    let mut found = Found::default();
    let mut it = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let Some(path) = e.path() else {
                    return Err(format!("cannot read: {e}"));
                };
                if e.depth() == 0 {
                    return Err(format!("cannot read: {e}"));
                }
                let (Some(rel), Some(name)) = (rel_of(path), path.file_name()) else {
                    continue;
                };
                if is_hidden(name) || rel.split('/').any(|s| s.starts_with('.')) {
                    continue;
                }
                let is_link = path.symlink_metadata().is_ok_and(|m| m.is_symlink());
                if e.loop_ancestor().is_some() {
                    found.warnings.push((
                        rel,
                        "is a symbolic link to a directory that contains it (a loop); skipped"
                            .into(),
                    ));
                } else if is_link && path.metadata().is_err() {
                    let target = std::fs::read_link(path)
                        .map(|t| t.display().to_string())
                        .unwrap_or_else(|_| "?".into());
                    found.warnings.push((
                        rel,
                        format!("is a symbolic link to {target}, which does not exist; skipped"),
                    ));
                } else {
                    found.errors.push((rel, format!("cannot read: {e}")));
                }
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        if is_hidden(entry.file_name()) {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        let Some(rel) = rel_of(entry.path()) else {
            continue;
        };
        if entry.path_is_symlink() {
            match std::fs::canonicalize(entry.path()) {
                Ok(target) if inside(&target) => {}
                Ok(target) => {
                    if entry.file_type().is_dir() {
                        it.skip_current_dir();
                    }
                    found.errors.push((
                        rel,
                        format!(
                            "is a symbolic link to {}, outside the site; it is not published (copy the file into the site, or remove the link)",
                            target.display()
                        ),
                    ));
                    continue;
                }
                Err(e) => {
                    if entry.file_type().is_dir() {
                        it.skip_current_dir();
                    }
                    found.warnings.push((
                        rel,
                        format!("is a symbolic link that cannot be resolved ({e}); skipped"),
                    ));
                    continue;
                }
            }
        }
        if !entry.file_type().is_file() {
            continue;
        }
        if rel.ends_with(".md") {
            found.markdown.push(rel);
        } else {
            found.other.push(rel);
        }
    }
    found.markdown.sort();
    found.other.sort();
    Ok(found)
}

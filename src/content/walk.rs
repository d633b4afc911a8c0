//! Finding content files: sorted, hidden files and directories skipped.

use std::path::Path;

use walkdir::WalkDir;

/// Files under the content dir, as sorted `/`-separated relative paths.
#[derive(Debug, Default)]
pub struct Found {
    pub markdown: Vec<String>,
    pub other: Vec<String>,
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

pub fn walk(dir: &Path) -> Result<Found, String> {
    if !dir.is_dir() {
        return Err("content directory not found (create it, or pass --content DIR)".to_string());
    }
    let mut found = Found::default();
    // Symlinked files and directories are followed (walkdir reports loops).
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        let entry = entry.map_err(|e| format!("cannot read: {e}"))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
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

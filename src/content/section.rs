//! Sections: every directory that holds pages gets a list page, with or
//! without an `_index.md` of its own. The root directory is the home page.

use std::collections::{BTreeMap, BTreeSet};

use super::Page;

/// A directory of pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Directory relative to the content dir (`""` for the root).
    pub dir: String,
    /// URL path relative to the base (`""` or `documents/`).
    pub url: String,
    /// Index (into the page list) of the `_index.md` page, if any.
    pub index_page: Option<usize>,
    /// Indexes of the pages listed in this section (not `_index.md`).
    pub pages: Vec<usize>,
    /// Directories of the direct subsections.
    pub subsections: Vec<String>,
}

/// Builds the sections of a page list, sorted by directory. The root
/// section always exists.
pub fn sections(pages: &[Page]) -> Vec<Section> {
    let mut dirs: BTreeSet<&str> = BTreeSet::new();
    dirs.insert("");
    for page in pages {
        let mut d = page.section.as_str();
        while dirs.insert(d) && !d.is_empty() {
            d = parent(d);
        }
    }
    let mut by_dir: BTreeMap<&str, Section> = dirs
        .iter()
        .map(|&d| {
            let url = if d.is_empty() {
                String::new()
            } else {
                format!("{d}/")
            };
            let section = Section {
                dir: d.to_string(),
                url,
                index_page: None,
                pages: Vec::new(),
                subsections: Vec::new(),
            };
            (d, section)
        })
        .collect();
    for &d in dirs.iter().filter(|d| !d.is_empty()) {
        if let Some(p) = by_dir.get_mut(parent(d)) {
            p.subsections.push(d.to_string());
        }
    }
    for (i, page) in pages.iter().enumerate() {
        if let Some(s) = by_dir.get_mut(page.section.as_str()) {
            if page.is_section_index {
                s.index_page = Some(i);
            } else {
                s.pages.push(i);
            }
        }
    }
    by_dir.into_values().collect()
}

fn parent(dir: &str) -> &str {
    dir.rfind('/').map_or("", |i| &dir[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(rel: &str) -> Page {
        let (url, section, is_section_index) = super::super::url_of(rel);
        Page {
            rel: rel.into(),
            display: rel.into(),
            url,
            section,
            is_section_index,
            front: Default::default(),
            body: String::new(),
            body_line: 1,
        }
    }

    #[test]
    fn every_directory_is_a_section_linked_to_its_parent() {
        let pages = vec![
            page("_index.md"),
            page("a/b/c.md"),
            page("a/b/_index.md"),
            page("x.md"),
        ];
        let s = sections(&pages);
        let dirs: Vec<_> = s.iter().map(|s| s.dir.as_str()).collect();
        assert_eq!(dirs, vec!["", "a", "a/b"]);
        assert_eq!(s[0].index_page, Some(0));
        assert_eq!(s[0].pages, vec![3]);
        assert_eq!(s[0].subsections, vec!["a"]);
        assert_eq!(s[1].subsections, vec!["a/b"]);
        assert_eq!(s[1].url, "a/");
        assert_eq!(s[2].pages, vec![1]);
        assert_eq!(s[2].index_page, Some(2));
    }
}

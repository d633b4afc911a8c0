//! Two outputs claiming one path: each is named by where it comes from
//! (a content file, a page pilcrow generates, a theme static file), so
//! the message says which file to rename.

use std::collections::BTreeMap;

use crate::problem::Problem;

/// Where an output file comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// A content file, as shown in messages (`content/search.md`).
    Content(String),
    /// Something pilcrow or the theme makes, described for a reader
    /// (`pilcrow's search page`).
    Generated(String),
}

impl Origin {
    fn describe(&self) -> &str {
        match self {
            Origin::Content(s) | Origin::Generated(s) => s,
        }
    }
}

/// One problem per output path claimed more than once. When a content
/// file is among the claimants the problem is in that file.
pub fn clashes(outputs: &[(String, Origin)]) -> Vec<Problem> {
    let mut by_path: BTreeMap<&str, Vec<&Origin>> = BTreeMap::new();
    for (path, origin) in outputs {
        by_path.entry(path).or_default().push(origin);
    }
    let mut problems = Vec::new();
    for (path, mut origins) in by_path {
        if origins.len() < 2 {
            continue;
        }
        origins.sort();
        origins.dedup();
        let contents: Vec<&str> = origins
            .iter()
            .filter_map(|o| match o {
                Origin::Content(f) => Some(f.as_str()),
                Origin::Generated(_) => None,
            })
            .collect();
        match contents.first() {
            Some(file) => {
                let others: Vec<&str> = origins
                    .iter()
                    .map(|o| o.describe())
                    .filter(|d| d != file)
                    .collect();
                problems.push(Problem::in_file(
                    *file,
                    format!(
                        "would be written to {path}, the path of {}; rename or move it",
                        others.join(" and ")
                    ),
                ));
            }
            None => {
                let all: Vec<&str> = origins.iter().map(|o| o.describe()).collect();
                problems.push(Problem::general(format!(
                    "two outputs would be written to {path}: {}; rename one of them",
                    all.join(" and ")
                )));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_content_file_is_named_with_what_it_clashes_with() {
        let outputs = vec![
            (
                "search/index.html".to_string(),
                Origin::Generated("pilcrow's search page".into()),
            ),
            (
                "a/index.html".into(),
                Origin::Content("content/a.md".into()),
            ),
            (
                "search/index.html".into(),
                Origin::Content("content/search.md".into()),
            ),
            (
                "style.css".into(),
                Origin::Generated("the theme's static/style.css".into()),
            ),
            (
                "style.css".into(),
                Origin::Generated("pilcrow's style.css".into()),
            ),
        ];
        let p: Vec<String> = clashes(&outputs).iter().map(|p| p.to_string()).collect();
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].starts_with("content/search.md:"), "{p:?}");
        assert!(p[0].contains("pilcrow's search page"), "{p:?}");
        assert!(p[1].contains("the theme's static/style.css"), "{p:?}");
    }
}

//! The default theme, compiled into the binary so `pilcrow init` and sites
//! without a `themes/default/` directory work from an installed binary.
//!
//! A test checks this list against `themes/default/`, so a file added to
//! the theme and forgotten here fails the build's tests.

/// `(path relative to the theme dir, contents)`, sorted by path.
pub const DEFAULT_THEME: &[(&str, &[u8])] = &[
    (
        "static/favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
    (
        "static/graph.js",
        include_bytes!("../../themes/default/static/graph.js"),
    ),
    (
        "static/search-engine.js",
        include_bytes!("../../themes/default/static/search-engine.js"),
    ),
    (
        "static/search.css",
        include_bytes!("../../themes/default/static/search.css"),
    ),
    (
        "static/search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
    (
        "static/style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "templates/404.html",
        include_bytes!("../../themes/default/templates/404.html"),
    ),
    (
        "templates/_counted.html",
        include_bytes!("../../themes/default/templates/_counted.html"),
    ),
    (
        "templates/_entity.html",
        include_bytes!("../../themes/default/templates/_entity.html"),
    ),
    (
        "templates/_graph_node.html",
        include_bytes!("../../themes/default/templates/_graph_node.html"),
    ),
    (
        "templates/_listing.html",
        include_bytes!("../../themes/default/templates/_listing.html"),
    ),
    (
        "templates/_row.html",
        include_bytes!("../../themes/default/templates/_row.html"),
    ),
    (
        "templates/base.html",
        include_bytes!("../../themes/default/templates/base.html"),
    ),
    (
        "templates/graph.html",
        include_bytes!("../../themes/default/templates/graph.html"),
    ),
    (
        "templates/home.html",
        include_bytes!("../../themes/default/templates/home.html"),
    ),
    (
        "templates/list.html",
        include_bytes!("../../themes/default/templates/list.html"),
    ),
    (
        "templates/page.html",
        include_bytes!("../../themes/default/templates/page.html"),
    ),
    (
        "templates/search.html",
        include_bytes!("../../themes/default/templates/search.html"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_matches_the_theme_directory() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = DEFAULT_THEME.iter().map(|(p, _)| *p).collect();
        assert_eq!(embedded, on_disk);
    }
}

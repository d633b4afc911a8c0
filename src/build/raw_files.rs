//! `.html` and `.svg` files in `content/`: a browser that opens one runs
//! its scripts, so `[content] html_and_svg` in site.toml decides whether
//! they are published as they are, refused, or (SVG) sanitized.

use std::path::PathBuf;

use crate::config::HtmlAndSvg;
use crate::content::{Asset, display_path};
use crate::output::OutputFile;
use crate::problem::Problem;

/// Extensions of HTML documents (a browser runs their scripts).
const HTML: &[&str] = &["html", "htm", "xhtml", "xht", "shtml"];
/// Extensions of SVG images (scripts run when the file is opened).
const SVG: &[&str] = &["svg"];
/// Compressed SVG: cannot be inspected, so never sanitized.
const SVGZ: &[&str] = &["svgz"];

/// How a content asset goes into the output.
#[derive(Debug, Default)]
pub struct Placed {
    /// Copied as is: (output path, source file).
    pub copies: Vec<(String, PathBuf)>,
    /// Rewritten (sanitized SVG).
    pub files: Vec<OutputFile>,
    /// Refused files, each naming the file.
    pub problems: Vec<Problem>,
}

fn extension(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// `true` for a file `html_and_svg` applies to.
pub fn is_html_or_svg(rel: &str) -> bool {
    let ext = extension(rel);
    [HTML, SVG, SVGZ]
        .iter()
        .any(|list| list.contains(&ext.as_str()))
}

/// Places every asset according to `policy`. `content_dir` is used in
/// messages only.
pub fn place(policy: HtmlAndSvg, content_dir: &std::path::Path, assets: &[Asset]) -> Placed {
    let mut placed = Placed::default();
    let key = "set `[content] html_and_svg = \"publish\"` in site.toml to publish it as it is";
    for a in assets {
        let ext = extension(&a.rel);
        let shown = || display_path(&content_dir.join(&a.rel));
        let kind = if HTML.contains(&ext.as_str()) {
            "an HTML file"
        } else if SVG.contains(&ext.as_str()) || SVGZ.contains(&ext.as_str()) {
            "an SVG file"
        } else {
            placed.copies.push((a.rel.clone(), a.source.clone()));
            continue;
        };
        match policy {
            HtmlAndSvg::Publish => placed.copies.push((a.rel.clone(), a.source.clone())),
            HtmlAndSvg::Refuse => placed.problems.push(Problem::in_file(
                shown(),
                format!(
                    "is {kind}, which runs scripts when opened; site.toml refuses them (`[content] html_and_svg = \"refuse\"`): remove it, or {key}"
                ),
            )),
            HtmlAndSvg::Sanitize if SVG.contains(&ext.as_str()) => {
                let result = std::fs::read(&a.source)
                    .map_err(|e| format!("cannot read: {e}"))
                    .and_then(|bytes| {
                        super::svg::sanitize(&bytes)
                            .map_err(|why| format!("cannot be sanitized as SVG: {why}; fix it, remove it, or {key}"))
                    });
                match result {
                    Ok(bytes) => placed.files.push(OutputFile {
                        path: a.rel.clone(),
                        bytes,
                    }),
                    Err(message) => placed.problems.push(Problem::in_file(shown(), message)),
                }
            }
            HtmlAndSvg::Sanitize => placed.problems.push(Problem::in_file(
                shown(),
                format!(
                    "is {kind} that `[content] html_and_svg = \"sanitize\"` cannot make safe (only .svg is sanitized; .html and .svgz are refused): remove it, or {key}"
                ),
            )),
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_html_and_svg_names_are_concerned() {
        for rel in ["a.html", "d/b.HTM", "c.svg", "x.xhtml", "y.svgz"] {
            assert!(is_html_or_svg(rel), "{rel}");
        }
        for rel in ["a.png", "svg", "d.svg/readme.txt", ".svg", "a.css", "a.js"] {
            assert!(!is_html_or_svg(rel), "{rel}");
        }
    }
}

//! Templates: loading a theme and rendering pages with tera.
//!
//! Owns the theme directory (`themes/<name>/templates`, `static`), the
//! tera instance and its helper functions. Receives fully prepared
//! [`context`] values; it does not read content or write files.

pub mod context;
pub mod embedded;
pub mod i18n;

use std::path::Path;

use tera::{Context, ErrorKind, Kwargs, State, Tera};
use walkdir::WalkDir;

use crate::config::Config;
use crate::content::display_path;
use crate::links::encode_path;
use crate::problem::Problem;

pub use context::{
    GraphKind, GraphList, GraphNode, GraphPager, GraphPartLink, GroupContext, LinkContext,
    LocalGraph, MentionGroup, MentionItem, NameContext, PageContext, PageSummary, RelatedGroup,
    RelatedItem, RenderContext, SectionContext, SectionRef, SectionSummary, SiteContext,
    SnippetPart, StatContext,
};

/// Templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &["page.html", "list.html", "home.html", "404.html"];

/// Templates pilcrow renders its own pages with, from data it generates
/// (the layout, the 404, search and graph pages). A content page may not
/// choose them: see [`check_page_template`].
pub const INTERNAL_TEMPLATES: &[&str] = &["base.html", "404.html", "search.html", "graph.html"];

/// Whether a page's `template:` may name `name`: a theme's page templates
/// are its top-level `.html` templates (`page.html`, `list.html`,
/// `home.html`, or one the theme adds such as `landing.html`), not a
/// partial (`_row.html`, or one in a subdirectory) and not one of the
/// [`INTERNAL_TEMPLATES`]. The message says why not.
pub fn check_page_template(name: &str) -> Result<(), String> {
    let page_templates = "page.html, list.html, home.html or another top-level template of the theme whose name does not start with `_`";
    if INTERNAL_TEMPLATES.contains(&name) {
        return Err(format!(
            "`template: {name}` is a template pilcrow renders its own pages with; a page may use {page_templates}"
        ));
    }
    if !name.ends_with(".html")
        || name.contains(['/', '\\'])
        || name.starts_with(['_', '.'])
        || name.chars().any(char::is_control)
    {
        return Err(format!(
            "`template: {name}` is not a page template; a page may use {page_templates}"
        ));
    }
    Ok(())
}

/// A loaded theme: parsed templates and static files.
pub struct Theme {
    tera: Tera,
    /// Template directory as shown in messages (`themes/default/templates`).
    templates_display: String,
    /// Files to copy to the output root: (relative path, bytes), sorted.
    pub static_files: Vec<(String, Vec<u8>)>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("templates", &self.templates_display)
            .field("static_files", &self.static_files.len())
            .finish()
    }
}

impl Theme {
    /// Loads `themes/<theme>/` under the site root. The default theme falls
    /// back to the copy compiled into pilcrow when the directory is absent.
    pub fn load(config: &Config) -> Result<Theme, Vec<Problem>> {
        let dir = config.theme_dir();
        let shown = display_path(&dir);
        if dir.is_dir() {
            let (templates, static_files) = read_theme_dir(&dir, &shown)?;
            Theme::from_files(templates, static_files, config.base_path(), &shown)
        } else if config.theme == "default" {
            let mut templates = Vec::new();
            let mut static_files = Vec::new();
            for (path, bytes) in embedded::DEFAULT_THEME {
                if let Some(name) = path.strip_prefix("templates/") {
                    let text = String::from_utf8_lossy(bytes).into_owned();
                    templates.push((name.to_string(), text));
                } else if let Some(name) = path.strip_prefix("static/") {
                    static_files.push((name.to_string(), bytes.to_vec()));
                }
            }
            Theme::from_files(
                templates,
                static_files,
                config.base_path(),
                "(built-in default theme)",
            )
        } else {
            Err(vec![Problem::in_file(
                shown,
                format!(
                    "theme {:?} not found: create this directory or set `theme = \"default\"` in site.toml",
                    config.theme
                ),
            )])
        }
    }

    /// Builds a theme from template texts (name relative to `templates/`)
    /// and static files.
    pub fn from_files(
        templates: Vec<(String, String)>,
        static_files: Vec<(String, Vec<u8>)>,
        base_path: &str,
        theme_display: &str,
    ) -> Result<Theme, Vec<Problem>> {
        let templates_display = if theme_display.starts_with('(') {
            theme_display.to_string()
        } else {
            format!("{theme_display}/templates")
        };
        let mut tera = Tera::new();
        let base = base_path.to_string();
        tera.register_function("url", move |kwargs: Kwargs, _: &State| {
            let path = kwargs.must_get::<&str>("path")?;
            Ok::<String, tera::Error>(format!(
                "{base}{}",
                encode_path(path.trim_start_matches('/'))
            ))
        });
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| vec![template_problem(&templates_display, &e)])?;
        let missing: Vec<Problem> = REQUIRED_TEMPLATES
            .iter()
            .filter(|t| !tera.contains_template(t))
            .map(|t| {
                Problem::in_file(
                    &templates_display,
                    format!(
                        "the theme has no {t} template (needed: {})",
                        REQUIRED_TEMPLATES.join(", ")
                    ),
                )
            })
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        let mut static_files = static_files;
        static_files.sort();
        Ok(Theme {
            tera,
            templates_display,
            static_files,
        })
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders a template. Errors name the template file and line.
    pub fn render(&self, template: &str, ctx: &RenderContext<'_>) -> Result<String, Problem> {
        let context = Context::from_serialize(ctx)
            .map_err(|e| template_problem(&self.templates_display, &e))?;
        self.tera
            .render(template, &context)
            .map_err(|e| template_problem(&self.templates_display, &e))
    }
}

/// Turns a tera error into a problem at `templates/<name>:line:col`.
fn template_problem(templates_display: &str, e: &tera::Error) -> Problem {
    let file = |name: &str| {
        if templates_display.starts_with('(') {
            format!("{name} {templates_display}")
        } else {
            format!("{templates_display}/{name}")
        }
    };
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => Problem::at(
            file(r.filename()),
            r.span().start_line,
            r.span().start_col + 1,
            format!("template error: {}", r.message()),
        ),
        ErrorKind::MissingParent { current, parent } => Problem::in_file(
            file(current),
            format!("template error: extends {parent:?}, which does not exist"),
        ),
        _ => {
            let mut msg = format!("template error: {e}");
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                msg.push_str(&format!(": {s}"));
                source = s.source();
            }
            Problem::in_file(templates_display, msg)
        }
    }
}

/// Reads `templates/**/*.html` (names relative to `templates/`) and
/// `static/**`.
type ThemeFiles = (Vec<(String, String)>, Vec<(String, Vec<u8>)>);

fn read_theme_dir(dir: &Path, shown: &str) -> Result<ThemeFiles, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut templates = Vec::new();
    let mut static_files = Vec::new();
    for (sub, is_templates) in [("templates", true), ("static", false)] {
        let root = dir.join(sub);
        if !root.is_dir() {
            continue;
        }
        for entry in WalkDir::new(&root).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    problems.push(Problem::in_file(
                        format!("{shown}/{sub}"),
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&root) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel.split('/').any(|s| s.starts_with('.')) {
                continue;
            }
            let shown_file = format!("{shown}/{sub}/{rel}");
            match std::fs::read(entry.path()) {
                Ok(bytes) if is_templates => match String::from_utf8(bytes) {
                    Ok(text) => templates.push((rel, text)),
                    Err(_) => {
                        problems.push(Problem::in_file(shown_file, "template is not valid UTF-8"))
                    }
                },
                Ok(bytes) => static_files.push((rel, bytes)),
                Err(e) => problems.push(Problem::in_file(shown_file, format!("cannot read: {e}"))),
            }
        }
    }
    if problems.is_empty() {
        Ok((templates, static_files))
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme_with(page: &str) -> Result<Theme, Vec<Problem>> {
        let mut templates: Vec<(String, String)> = embedded::DEFAULT_THEME
            .iter()
            .filter_map(|(p, b)| {
                p.strip_prefix("templates/")
                    .map(|n| (n.to_string(), String::from_utf8_lossy(b).into_owned()))
            })
            .filter(|(n, _)| n != "page.html")
            .collect();
        templates.push(("page.html".into(), page.into()));
        Theme::from_files(templates, vec![], "/kb/", "themes/t")
    }

    fn site() -> SiteContext {
        SiteContext {
            title: "KB".into(),
            description: String::new(),
            base_url: "/kb/".into(),
            base_path: "/kb/".into(),
            language: "en".into(),
            nav: vec![],
            has_feed: false,
            has_search: false,
        }
    }

    #[test]
    fn syntax_error_names_template_and_line() {
        let e = theme_with("line one\n{% if %}\n").unwrap_err();
        let msg = e[0].to_string();
        assert!(msg.starts_with("themes/t/templates/page.html:2:"), "{msg}");
    }

    #[test]
    fn render_error_names_template_and_line() {
        let theme = theme_with("ok\n\n{{ page.no_such_field }}\n").unwrap();
        let site = site();
        let page = PageContext::default();
        let t = i18n::strings("en");
        let ctx = RenderContext {
            site: &site,
            t: &t,
            page: &page,
            section: None,
            breadcrumbs: vec![],
        };
        let msg = theme.render("page.html", &ctx).unwrap_err().to_string();
        assert!(msg.starts_with("themes/t/templates/page.html:3:"), "{msg}");
        assert!(msg.contains("no_such_field"), "{msg}");
    }

    #[test]
    fn url_function_respects_base_path() {
        let theme = theme_with("{{ url(path=\"/style.css\") }} {{ url(path=\"a b/\") }}").unwrap();
        let site = site();
        let page = PageContext::default();
        let t = i18n::strings("en");
        let ctx = RenderContext {
            site: &site,
            t: &t,
            page: &page,
            section: None,
            breadcrumbs: vec![],
        };
        assert_eq!(
            theme.render("page.html", &ctx).unwrap(),
            "/kb/style.css /kb/a%20b/"
        );
    }

    #[test]
    fn internal_templates_and_partials_are_not_page_templates() {
        assert!(INTERNAL_TEMPLATES.contains(&crate::build::GRAPH_TEMPLATE));
        assert!(INTERNAL_TEMPLATES.contains(&crate::search::SEARCH_TEMPLATE));
        for ok in ["page.html", "list.html", "home.html", "landing.html"] {
            assert!(check_page_template(ok).is_ok(), "{ok}");
        }
        for bad in [
            "search.html",
            "404.html",
            "base.html",
            "graph.html",
            "_row.html",
            "partials/x.html",
            "../page.html",
            "page",
            ".hidden.html",
        ] {
            assert!(check_page_template(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn missing_required_template_is_reported() {
        let e = Theme::from_files(
            vec![("page.html".into(), "x".into())],
            vec![],
            "/",
            "themes/t",
        )
        .unwrap_err();
        assert_eq!(e.len(), 3);
        assert!(e[0].to_string().contains("list.html"), "{:?}", e);
    }
}

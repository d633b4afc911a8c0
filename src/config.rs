//! `site.toml`: the site's configuration.
//!
//! Owns parsing and validating the configuration file and resolving the
//! paths it names against the site root. Every other stage receives a
//! [`Config`]; none reads `site.toml` itself.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Name of the configuration file at the root of a site.
pub const CONFIG_FILE: &str = "site.toml";

/// Errors while reading `site.toml`.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// Markdown rendering options (`[markdown]` table).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// syntect theme used to generate the code-highlighting stylesheet.
    pub highlight_theme: String,
    /// Pass raw HTML in markdown through. Off by default: content comes
    /// from scraped sources and raw HTML is escaped.
    pub allow_html: bool,
    /// Keep every link to a page. Off by default: after the first link to
    /// a page in a section, later ones are its text (still mentions).
    pub link_repeats: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            highlight_theme: "InspiredGitHub".to_string(),
            allow_html: false,
            link_repeats: false,
        }
    }
}

// --- [content]: what happens to files browsers run scripts in ----------

/// What a build does with `.html` and `.svg` files in `content/` (and
/// their variants, see `build::raw_files`): a browser opening one runs
/// its scripts.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum HtmlAndSvg {
    /// Copied as they are (what Zola and Hugo do).
    #[default]
    Publish,
    /// Each one is an error naming the file.
    Refuse,
    /// SVG is published without scripts, event handlers, script URLs and
    /// embedded HTML; HTML is refused.
    Sanitize,
}

/// The `[content]` table.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct ContentConfig {
    pub html_and_svg: HtmlAndSvg,
}

// --- end [content] -------------------------------------------------------

/// The raw shape of `site.toml`. Unknown keys are rejected.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_base_url")]
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_content_dir")]
    content_dir: PathBuf,
    #[serde(default = "default_output_dir")]
    output_dir: PathBuf,
    #[serde(default = "default_seeds_dir")]
    seeds_dir: PathBuf,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    content: ContentConfig,
}

fn default_base_url() -> String {
    "/".to_string()
}
fn default_language() -> String {
    "en".to_string()
}
fn default_theme() -> String {
    "default".to_string()
}
fn default_content_dir() -> PathBuf {
    PathBuf::from("content")
}
fn default_output_dir() -> PathBuf {
    PathBuf::from("public")
}
fn default_seeds_dir() -> PathBuf {
    PathBuf::from("seeds")
}

/// A validated site configuration with paths resolved against the root.
#[derive(Debug, Clone)]
pub struct Config {
    /// Directory holding `site.toml`.
    pub root: PathBuf,
    pub title: String,
    pub description: String,
    /// Always ends with `/`. May be absolute (`https://example.org/kb/`)
    /// or a bare path (`/kb/`).
    pub base_url: String,
    /// UI language (ISO 639-1), e.g. `en`, `zh`, `vi`.
    pub language: String,
    pub theme: String,
    pub content_dir: PathBuf,
    pub output_dir: PathBuf,
    pub seeds_dir: PathBuf,
    pub markdown: MarkdownConfig,
    /// `[content]`: `html_and_svg`.
    pub content: ContentConfig,
}

impl Config {
    /// Reads `<root>/site.toml`.
    pub fn load(root: &Path) -> Result<Config, ConfigError> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Io {
            path: path.clone(),
            source,
        })?;
        Config::parse(root, &path, &text)
    }

    /// Parses configuration text; `path` is only used in messages.
    pub fn parse(root: &Path, path: &Path, text: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|span| line_col(text, span.start))
                .unwrap_or((1, 1));
            ConfigError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        if raw.title.trim().is_empty() {
            return Err(invalid("`title` must not be empty".into()));
        }
        if !is_language_tag(&raw.language) {
            return Err(invalid(format!(
                "`language` = {:?} is not a language code like \"en\", \"zh\" or \"vi\"",
                raw.language
            )));
        }
        let base_url = normalize_base_url(&raw.base_url).map_err(invalid)?;
        Ok(Config {
            root: root.to_path_buf(),
            title: raw.title,
            description: raw.description,
            base_url,
            language: raw.language,
            theme: raw.theme,
            content_dir: root.join(raw.content_dir),
            output_dir: root.join(raw.output_dir),
            seeds_dir: root.join(raw.seeds_dir),
            markdown: raw.markdown,
            content: raw.content,
        })
    }

    /// Overrides the base URL (from `--base-url`), with the same validation.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        self.base_url = normalize_base_url(url)?;
        Ok(())
    }

    /// The path part of the base URL, always starting and ending with `/`
    /// (`https://example.org/kb/` → `/kb/`).
    pub fn base_path(&self) -> &str {
        match self.base_url.find("://") {
            Some(i) => {
                let after = &self.base_url[i + 3..];
                match after.find('/') {
                    Some(j) => &after[j..],
                    None => "/",
                }
            }
            None => &self.base_url,
        }
    }

    /// Directory of the configured theme.
    pub fn theme_dir(&self) -> PathBuf {
        self.root.join("themes").join(&self.theme)
    }
}

fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts
            .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let ok_scheme = url.starts_with("http://") || url.starts_with("https://");
    if !(ok_scheme || url.starts_with('/')) {
        return Err(format!(
            "`base_url` = {url:?} must be an absolute URL (https://example.org/kb/) or a path starting with /"
        ));
    }
    if url.contains(char::is_whitespace) || url.contains(['?', '#']) {
        return Err(format!(
            "`base_url` = {url:?} must not contain spaces, a query or a fragment"
        ));
    }
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("/site"), Path::new("site.toml"), text)
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("title = \"KB\"\n").unwrap();
        assert_eq!(c.base_url, "/");
        assert_eq!(c.language, "en");
        assert_eq!(c.content_dir, Path::new("/site/content"));
        assert!(!c.markdown.allow_html);
    }

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let err = parse("title = \"KB\"\n\nbase_ulr = \"/kb/\"\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("site.toml:3:1"), "{msg}");
        assert!(msg.contains("base_ulr"), "{msg}");
    }

    #[test]
    fn unknown_markdown_key_is_rejected() {
        let err = parse("title = \"KB\"\n[markdown]\nallow_htm = true\n").unwrap_err();
        assert!(err.to_string().contains("allow_htm"), "{err}");
        assert!(err.to_string().contains(":3:"), "{err}");
    }

    #[test]
    fn content_html_and_svg_takes_three_words() {
        assert_eq!(
            parse("title = \"KB\"\n").unwrap().content.html_and_svg,
            HtmlAndSvg::Publish
        );
        let c = parse("title = \"KB\"\n[content]\nhtml_and_svg = \"refuse\"\n").unwrap();
        assert_eq!(c.content.html_and_svg, HtmlAndSvg::Refuse);
        let err = parse("title = \"KB\"\n[content]\nhtml_and_svg = \"strip\"\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(":3:") && msg.contains("sanitize"), "{msg}");
        let err = parse("title = \"KB\"\n[content]\nhtml = \"refuse\"\n").unwrap_err();
        assert!(err.to_string().contains(":3:"), "{err}");
    }

    #[test]
    fn base_url_sub_path() {
        let c = parse("title = \"KB\"\nbase_url = \"https://example.org/kb\"\n").unwrap();
        assert_eq!(c.base_url, "https://example.org/kb/");
        assert_eq!(c.base_path(), "/kb/");
        let c = parse("title = \"KB\"\nbase_url = \"https://example.org\"\n").unwrap();
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn bad_base_url_and_language_are_errors() {
        assert!(parse("title = \"KB\"\nbase_url = \"example.org\"\n").is_err());
        assert!(parse("title = \"KB\"\nlanguage = \"English\"\n").is_err());
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\n数字x", 9), (2, 3));
    }
}

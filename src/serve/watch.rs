//! Watching the sources: `content/`, the theme, `site.toml` and `seeds/`,
//! through notify with a short debounce. Events are only hints: what
//! changed is decided by looking at each path's current state (editors
//! save by renaming a temp file over the original, `git checkout` moves
//! many files at once).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::engine::{Engine, content_rel, through_link};
use crate::build::raw_files::is_html_or_svg;
use crate::config::{CONFIG_FILE, Config, HtmlAndSvg};

/// What the watcher sends: one debounced batch.
pub type Events = DebounceEventResult;

/// The watcher; watching stops when it is dropped.
pub type Watcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Bursts of saves within this window are one rebuild (an editor's
/// write-then-rename, a `git checkout` of many files).
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// How often the debouncer looks for quiet paths: the delay after the
/// window is at most this.
pub const TICK: Duration = Duration::from_millis(4);

/// The watched places, absolute (canonical where they exist), so event
/// paths can be matched against them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roots {
    pub root: PathBuf,
    pub config_file: PathBuf,
    pub content: PathBuf,
    pub themes: PathBuf,
    pub theme: PathBuf,
    pub seeds: PathBuf,
    pub output: PathBuf,
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p)
        .or_else(|_| std::path::absolute(p))
        .unwrap_or_else(|_| p.to_path_buf())
}

/// What one batch of events changed.
#[derive(Debug, Default)]
pub struct Batch {
    pub config: bool,
    pub seeds: bool,
    pub theme_templates: bool,
    /// Templates that changed, relative to `templates/` (when only
    /// templates changed).
    pub templates: BTreeSet<String>,
    /// Something in the theme besides templates and static files.
    pub theme_other: bool,
    /// Theme static files, relative to `static/`.
    pub theme_static: BTreeSet<String>,
    /// Paths under the content dir (absolute).
    pub content: BTreeSet<PathBuf>,
    /// Paths for the terminal, as the user would write them.
    shown: BTreeSet<String>,
}

impl Batch {
    /// What the theme's templates did, for [`Engine::theme_changed`].
    pub fn template_change(&self) -> super::engine::Templates {
        use super::engine::Templates;
        if self.theme_other {
            Templates::All
        } else if self.theme_templates {
            Templates::Named(self.templates.clone())
        } else {
            Templates::Unchanged
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.config
            && !self.seeds
            && !self.theme_templates
            && self.theme_static.is_empty()
            && self.content.is_empty()
    }

    /// `content/a.md, content/b.md` (at most three named).
    pub fn describe(&self) -> String {
        let mut names: Vec<&str> = self.shown.iter().map(String::as_str).take(3).collect();
        let more = self.shown.len().saturating_sub(3);
        let more_text = format!("and {more} more");
        if more > 0 {
            names.push(&more_text);
        }
        names.join(", ")
    }
}

/// Editor temp and backup files: vim's `.swp` and `4913`, `~` backups,
/// emacs `.#x` and `#x#`, JetBrains `___jb_tmp___`, kate swap files.
pub fn is_editor_junk(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    name == "4913"
        || name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.contains("___jb_")
        || [
            ".swp",
            ".swo",
            ".swx",
            ".swpx",
            ".tmp",
            ".kate-swp",
            ".crswap",
        ]
        .iter()
        .any(|s| name.ends_with(s))
}

fn hidden_under(base: &Path, path: &Path) -> bool {
    path.strip_prefix(base).is_ok_and(|rel| {
        rel.components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
    })
}

impl Roots {
    pub fn new(config: &Config) -> Roots {
        let root = absolute(&config.root);
        let themes = absolute(&config.root.join("themes"));
        Roots {
            config_file: root.join(CONFIG_FILE),
            content: absolute(&config.content_dir),
            theme: absolute(&config.theme_dir()),
            themes,
            seeds: absolute(&config.seeds_dir),
            output: absolute(&config.output_dir),
            root,
        }
    }

    /// Which of the recursively watched directories exist (content,
    /// themes, seeds): when this changes, watching must start again.
    pub fn existing(&self) -> [bool; 3] {
        [
            self.content.is_dir(),
            self.themes.is_dir(),
            self.seeds.is_dir(),
        ]
    }

    /// Sorts one debounced batch into `batch`.
    pub fn classify(&self, events: Events, batch: &mut Batch) {
        let Ok(events) = events else {
            // The watcher lost track (e.g. queue overflow): rescan all.
            batch.content.insert(self.content.clone());
            batch.theme_templates = true;
            batch.theme_other = true;
            return;
        };
        for event in events {
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            for path in &event.paths {
                self.classify_path(path, batch);
            }
        }
    }

    fn classify_path(&self, path: &Path, batch: &mut Batch) {
        if is_editor_junk(path) {
            return;
        }
        let shown = |batch: &mut Batch, base: &Path, prefix: &str| {
            let rel = path.strip_prefix(base).unwrap_or(path);
            batch.shown.insert(format!(
                "{prefix}{}",
                rel.to_string_lossy().replace('\\', "/")
            ));
        };
        if path == self.config_file {
            batch.config = true;
            shown(batch, &self.root, "");
        } else if path.starts_with(&self.output) {
            // Never the output.
        } else if path.starts_with(&self.content) {
            if path != self.content && hidden_under(&self.content, path) {
                return;
            }
            batch.content.insert(path.to_path_buf());
            shown(batch, &self.root, "");
        } else if path.starts_with(&self.theme) {
            if hidden_under(&self.theme, path) {
                return;
            }
            let rel = path.strip_prefix(&self.theme).unwrap_or(path);
            let mut parts = rel.components();
            match parts.next().map(|c| c.as_os_str().to_string_lossy()) {
                Some(s) if s == "static" => {
                    let rest = parts.as_path().to_string_lossy().replace('\\', "/");
                    if rest.is_empty() {
                        batch.theme_templates = true;
                    } else {
                        batch.theme_static.insert(rest);
                    }
                }
                Some(s) if s == "templates" => {
                    let rest = parts.as_path().to_string_lossy().replace('\\', "/");
                    batch.theme_templates = true;
                    if rest.is_empty()
                        || (path.extension().is_none_or(|e| e != "html") && !path.is_file())
                    {
                        // The directory itself, or a directory in it.
                        batch.theme_other = true;
                    } else {
                        batch.templates.insert(rest);
                    }
                }
                _ => {
                    batch.theme_templates = true;
                    batch.theme_other = true;
                }
            }
            shown(batch, &self.root, "");
        } else if path.starts_with(&self.seeds) {
            if hidden_under(&self.seeds, path) {
                return;
            }
            batch.seeds = true;
            shown(batch, &self.root, "");
        } else if path.starts_with(&self.themes) && path.parent() == Some(&self.themes) {
            // The theme directory itself appeared or went away.
            batch.theme_templates = true;
            batch.theme_other = true;
        }
    }

    /// The markdown rels a batch may have changed, whether the content
    /// dir must be walked again (files added or removed, directories
    /// moved), and whether only known assets changed (served from disk:
    /// the page just needs reloading).
    pub fn content_changes(
        &self,
        paths: &BTreeSet<PathBuf>,
        engine: &Engine,
    ) -> (Vec<String>, bool, bool) {
        let mut rels = Vec::new();
        let mut rescan = false;
        let mut assets = false;
        let policy = engine.config().content.html_and_svg;
        for p in paths {
            if *p == self.content {
                rescan = true;
                continue;
            }
            let Some(rel) = content_rel(&self.content, p) else {
                continue;
            };
            if rel.ends_with(".md") {
                if !(engine.knows(&rel) && p.is_file()) {
                    rescan = true;
                }
                rels.push(rel);
            } else if p.is_file()
                && engine.knows_asset(&rel)
                && !through_link(&self.content, &rel)
                && !(policy != HtmlAndSvg::Publish && is_html_or_svg(&rel))
            {
                // Served from disk as it is: nothing to make again.
                assets = true;
            } else {
                // Added or removed, reached through a symbolic link (the
                // walk decides whether it is in the site), or refused or
                // sanitized by `[content] html_and_svg`.
                rescan = true;
            }
        }
        (rels, rescan, assets)
    }
}

/// Starts watching; batches go to `tx`.
pub fn start(
    roots: &Roots,
    tx: mpsc::Sender<Events>,
) -> notify_debouncer_full::notify::Result<Watcher> {
    let mut debouncer = new_debouncer(DEBOUNCE, Some(TICK), tx)?;
    debouncer.watch(&roots.root, RecursiveMode::NonRecursive)?;
    for dir in [&roots.content, &roots.themes, &roots.seeds] {
        if dir.is_dir() {
            debouncer.watch(dir, RecursiveMode::Recursive)?;
        }
    }
    Ok(debouncer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temp_files_are_ignored() {
        for junk in [
            "content/a.md~",
            "content/.a.md.swp",
            "content/4913",
            "content/.#a.md",
            "content/#a.md#",
            "content/a.md___jb_tmp___",
            "content/a.md.kate-swp",
        ] {
            assert!(is_editor_junk(Path::new(junk)), "{junk}");
        }
        assert!(!is_editor_junk(Path::new("content/a.md")));
        assert!(!is_editor_junk(Path::new("content/49130.md")));
    }
}

//! `pilcrow ingest`: raw documents in `seeds/` → structured markdown in `content/`.
//!
//! Stages, one module each: decode → clean → structure → metadata →
//! entities → emit. Ingest reads only the seeds (and, to learn editors'
//! aliases, the entity pages already in `content/`); it writes only
//! `content/`.

use std::fmt;
use std::path::PathBuf;

pub mod entities;

/// What `pilcrow ingest` was asked to do. The CLI fills the paths from
/// `--seeds` / `--content` or from `site.toml`.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub seeds_dir: PathBuf,
    pub content_dir: PathBuf,
    /// Overwrite files an editor changed since ingest wrote them.
    pub force: bool,
}

/// What an ingest run did.
#[derive(Debug, Default)]
pub struct IngestReport {
    /// Files written (new or changed).
    pub written: usize,
    /// Files whose content was already what ingest would write.
    pub unchanged: usize,
    /// Files left alone because an editor changed them (no `--force`).
    pub kept_edited: Vec<PathBuf>,
    /// Other things the user should know (one line each).
    pub warnings: Vec<String>,
}

impl fmt::Display for IngestReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} files written, {} unchanged, {} kept (edited by hand)",
            self.written,
            self.unchanged,
            self.kept_edited.len()
        )
    }
}

/// Why ingest could not run. Each variant names the file concerned.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Input { path: PathBuf, message: String },
}

/// Runs ingest over every `.txt`, `.md` and `.html` file in `seeds_dir`.
pub fn run(opts: &IngestOptions) -> Result<IngestReport, IngestError> {
    let _ = opts;
    Ok(IngestReport::default())
}

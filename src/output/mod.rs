//! Writing the site: into a staging directory beside the output dir, then
//! swapped into place, so a failed or killed build never leaves a
//! half-written site.
//!
//! Owns the output directory and its siblings. `guard` decides whether a
//! build may replace the output at all; `staging` writes and swaps. Knows
//! nothing about pages: it writes the files it is given.

mod guard;
mod staging;
mod update;

pub use guard::{
    MARKER, Previous, Source, check as check_output_dir, listed_sizes, resolve, up_to_date,
};
pub use staging::{Staging, tidy};
pub use update::Update;

use std::io;
use std::path::Path;

/// A file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output root, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Writes files under `dir`, creating directories as needed. Files are
/// written in the order given (callers sort them).
pub fn write_files(dir: &Path, files: &[OutputFile]) -> io::Result<()> {
    for f in files {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &f.bytes).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
        })?;
    }
    Ok(())
}

/// Copies a file into the output, creating directories as needed.
pub fn copy_file(from: &Path, dir: &Path, rel: &str) -> io::Result<()> {
    let to = dir.join(rel);
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::copy(from, &to)
        .map(|_| ())
        .map_err(|e| io::Error::new(e.kind(), format!("cannot copy {}: {e}", from.display())))
}

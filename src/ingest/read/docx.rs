//! Word files (`.docx`).

use std::path::Path;

use super::Read;
use crate::ingest::IngestError;

pub fn read(_bytes: &[u8], path: &Path) -> Result<Read, IngestError> {
    Err(IngestError::Unreadable {
        path: path.to_path_buf(),
        message: "Word files are not read yet".into(),
    })
}

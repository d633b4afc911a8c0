//! Plain text and PDF-to-text dumps: front matter if the text has one,
//! then the line cleaners (boilerplate, page furniture); `structure` turns
//! the lines into blocks.

use super::Read;
use super::front_matter;
use crate::ingest::clean;

pub fn read(text: &str) -> Read {
    let (meta, body) = front_matter::split(text);
    Read::Lines {
        cleaned: clean::clean(body),
        candidates: meta.candidates,
    }
}

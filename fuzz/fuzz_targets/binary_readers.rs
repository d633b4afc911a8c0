//! Any bytes as a `.pdf` and as a `.docx` seed: the readers return a
//! document or an error naming the file, never a panic (the PDF engine's
//! own panics are caught inside the reader and become errors too).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use pilcrow::ingest::read::read_bytes;

fuzz_target!(|bytes: &[u8]| {
    for name in ["seed.pdf", "seed.docx"] {
        if let Err(e) = read_bytes(bytes, Path::new(name)) {
            assert!(e.to_string().starts_with(name), "{e}");
        }
    }
});

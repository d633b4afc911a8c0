//! pilcrow (¶): raw documents in, a cross-linked static knowledge site out.
//!
//! The pipeline runs one way: `ingest` (seeds → content), then `build`
//! (content → public). See ARCHITECTURE.md for the codemap.

pub mod config;
pub mod ingest;

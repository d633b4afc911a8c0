//! pilcrow (¶): raw documents in, a cross-linked static knowledge site out.
//!
//! The pipeline runs one way: `ingest` (seeds → content), then `build`
//! (content → public). See ARCHITECTURE.md for the codemap.

pub mod binary;
pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod graph;
pub mod ingest;
pub mod init;
pub mod links;
pub mod markdown;
pub mod output;
pub mod problem;
pub mod render;
pub mod search;
pub mod serve;

#[cfg(test)]
mod test_support;

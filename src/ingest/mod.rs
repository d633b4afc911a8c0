//! `pilcrow ingest`: raw documents in `seeds/` → structured markdown in `content/`.

pub mod entities;

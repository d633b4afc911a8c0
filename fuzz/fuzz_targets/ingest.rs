//! The invariant between the stages: whatever ingest writes from any input
//! (the first byte picks its format), build accepts. Slow per input (a real
//! site on disk), so it finds what unit tests cannot rather than many runs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pilcrow::{build, config::Config, ingest};

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let ext = ["txt", "md", "html"][usize::from(kind) % 3];
    let tmp = tempfile::tempdir().expect("a temp dir");
    let root = tmp.path();
    std::fs::write(root.join("site.toml"), "title = \"Fuzz\"\n").expect("site.toml");
    std::fs::create_dir(root.join("seeds")).expect("seeds/");
    std::fs::write(root.join("seeds").join(format!("input.{ext}")), bytes).expect("the input");
    let opts = ingest::IngestOptions {
        seeds_dir: root.join("seeds"),
        content_dir: root.join("content"),
        force: false,
    };
    if ingest::run(&opts).is_err() {
        return; // an input ingest refuses, with a message: fine
    }
    let config = Config::load(root).expect("the config");
    if let Err(problems) = build::check(&config) {
        panic!("ingest wrote content that build rejects:\n{problems}");
    }
});

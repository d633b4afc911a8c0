//! Regenerates `content/` from `seeds/` (the CLI lives on main):
//!
//!     cargo run --release --example ingest_seeds -- [SEEDS] [CONTENT] [--force] [--repeat N]
//!
//! With `--repeat N` the whole ingest runs N times and the fastest run is
//! reported (runs after the first find nothing to write).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use pilcrow::ingest::{IngestOptions, run};

fn main() -> ExitCode {
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut force = false;
    let mut repeat = 1usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--force" => force = true,
            "--repeat" => repeat = args.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            _ => paths.push(PathBuf::from(a)),
        }
    }
    let opts = IngestOptions {
        seeds_dir: paths.first().cloned().unwrap_or_else(|| "seeds".into()),
        content_dir: paths.get(1).cloned().unwrap_or_else(|| "content".into()),
        force,
    };
    let mut best = Duration::MAX;
    let mut first = None;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        match run(&opts) {
            Ok(report) => {
                best = best.min(t.elapsed());
                if first.is_none() {
                    for w in &report.warnings {
                        eprintln!("warning: {w}");
                    }
                    first = Some(report.to_string());
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("{}", first.unwrap_or_default());
    println!(
        "ingest took {:.1} ms (best of {repeat})",
        best.as_secs_f64() * 1000.0
    );
    ExitCode::SUCCESS
}

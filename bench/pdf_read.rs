//! `cargo bench --bench pdf_read -- FILE.pdf…`: how fast the PDF reader
//! reads (one core: pages, lines, furniture, footnotes, paragraphs; the
//! format-free passes after it are not counted). Prints MB/s per file,
//! best of three runs; `--lines` also prints the lines the reader made.

use std::path::Path;
use std::time::Instant;

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this
    // binary without it, and then it has nothing to do.
    if !std::env::args().any(|a| a == "--bench") {
        println!("pdf_read: run with `cargo bench --bench pdf_read -- FILE.pdf…`; skipped");
        return;
    }
    let files: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let show = std::env::args().any(|a| a == "--lines");
    if files.is_empty() {
        eprintln!("usage: cargo bench --bench pdf_read -- FILE.pdf…");
        std::process::exit(2);
    }
    let (mut bytes_all, mut secs_all) = (0usize, 0f64);
    for f in &files {
        let path = Path::new(f);
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{f}: {e}");
                continue;
            }
        };
        let mut best = f64::MAX;
        let mut outcome = String::new();
        for _ in 0..3 {
            let t = Instant::now();
            let r = pilcrow::ingest::read::read_bytes(bytes.clone(), path);
            best = best.min(t.elapsed().as_secs_f64());
            outcome = match r {
                Ok(pilcrow::ingest::read::Read::Lines { cleaned, .. }) => {
                    if show && best < f64::MAX {
                        for l in &cleaned.lines {
                            println!("  {l:?}");
                        }
                    }
                    format!("{} lines", cleaned.lines.len())
                }
                Ok(_) => "document".into(),
                Err(e) => format!("error: {e}"),
            };
        }
        bytes_all += bytes.len();
        secs_all += best;
        println!(
            "{f}: {:.1} KB in {:.3} s = {:.1} MB/s ({outcome})",
            bytes.len() as f64 / 1e3,
            best,
            bytes.len() as f64 / best / 1e6
        );
    }
    if secs_all > 0.0 {
        println!(
            "all: {:.1} MB in {:.3} s = {:.1} MB/s",
            bytes_all as f64 / 1e6,
            secs_all,
            bytes_all as f64 / secs_all / 1e6
        );
    }
}

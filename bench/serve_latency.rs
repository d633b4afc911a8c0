//! Save → updated page served, as an editor sees it: starts `pilcrow
//! serve` on a copy of a site, rewrites one paragraph of one page N
//! times, and polls over HTTP until the new text is served.
//!
//!     cargo bench --bench serve_latency                  # the bundled site
//!     cargo bench --bench serve_latency -- --docs 10000  # a generated site
//!     cargo bench --bench serve_latency -- --site DIR --page content/x.md
//!     … -- --retitle   # edit the title instead (its list page changes too)
//!
//! Prints the median, p90 and max in milliseconds. Not a timed test: the
//! figures depend on the machine (run it on a quiet one).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A site of `docs` documents in one section, each of ten numbered
/// paragraphs citing countries and another document's paragraph.
fn generate(root: &Path, docs: usize) -> String {
    let c = root.join("content");
    std::fs::create_dir_all(c.join("documents")).unwrap();
    std::fs::create_dir_all(c.join("countries")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Generated\"\nbase_url = \"/\"\n",
    )
    .unwrap();
    std::fs::write(c.join("_index.md"), "---\ntitle: Generated\n---\nHome.\n").unwrap();
    let countries = 60;
    for k in 0..countries {
        std::fs::write(
            c.join(format!("countries/c{k:02}.md")),
            format!("---\nkind: country\nid: C{k:02}\ntitle: Country {k}\n---\nA country.\n"),
        )
        .unwrap();
    }
    for i in 0..docs {
        let mut text = format!(
            "---\nkind: document\ntitle: Document {i}\ndate: 2020-01-{:02}\nlanguage: en\n---\n\n## Introduction\n\n",
            i % 28 + 1
        );
        for p in 1..=10 {
            text.push_str(&format!(
                "{p}\\. Paragraph {p} of document {i}: member States such as [Country {c}](../countries/c{c:02}.md) reported on electronic evidence, cooperation and capacity-building, see [document {o}](doc-{o:05}.md#p-{p}). ^p-{p}\n\n",
                c = (i + p) % countries,
                o = (i * 7 + p) % docs,
            ));
        }
        std::fs::write(c.join(format!("documents/doc-{i:05}.md")), text).unwrap();
    }
    format!("content/documents/doc-{:05}.md", docs / 2)
}

fn get(addr: &str, path: &str) -> String {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return String::new();
    };
    let _ = write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    );
    let mut body = Vec::new();
    let _ = s.read_to_end(&mut body);
    String::from_utf8_lossy(&body).into_owned()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this
    // binary too, and a benchmark is not a test.
    if !args.iter().any(|a| a == "--bench") {
        println!("serve_latency: run with `cargo bench --bench serve_latency`; skipped");
        return;
    }
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let runs: usize = arg("--runs").and_then(|s| s.parse().ok()).unwrap_or(30);
    let retitle = args.iter().any(|a| a == "--retitle");
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    let (label, page) = if let Some(docs) = arg("--docs").and_then(|s| s.parse().ok()) {
        let started = Instant::now();
        let page = generate(&root, docs);
        eprintln!(
            "generated {docs} documents in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        (format!("generated site, {docs} documents"), page)
    } else {
        let site =
            PathBuf::from(arg("--site").unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()));
        if !site.join("content").is_dir() {
            eprintln!(
                "{} has no content/: run `pilcrow ingest` there first, or pass --site DIR or --docs N",
                site.display()
            );
            std::process::exit(2);
        }
        std::fs::copy(site.join("site.toml"), root.join("site.toml")).unwrap();
        copy_dir(&site.join("content"), &root.join("content"));
        if site.join("themes").is_dir() {
            copy_dir(&site.join("themes"), &root.join("themes"));
        }
        let page = arg("--page").unwrap_or_else(|| {
            // The largest document: the worst case of the bundled site.
            let mut docs: Vec<(u64, String)> =
                walkdir::WalkDir::new(root.join("content/documents"))
                    .into_iter()
                    .filter_map(Result::ok)
                    .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
                    .map(|e| {
                        (
                            e.metadata().map(|m| m.len()).unwrap_or(0),
                            e.path()
                                .strip_prefix(&root)
                                .unwrap()
                                .to_string_lossy()
                                .into_owned(),
                        )
                    })
                    .collect();
            docs.sort();
            docs.pop().expect("a document in content/documents").1
        });
        (format!("site {}", site.display()), page)
    };
    let url_path = {
        let rel = page.trim_start_matches("content/").trim_end_matches(".md");
        format!("/{}/", rel.trim_end_matches("/_index"))
    };

    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pilcrow"))
        .arg("serve")
        .arg("--root")
        .arg(&root)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve printed its URL").unwrap();
        if let Some(i) = line.find("http://") {
            break line[i + 7..].split('/').next().unwrap().to_string();
        }
    };
    // The server's own account of each rebuild, for the record.
    std::thread::spawn(move || {
        for line in lines.by_ref().map_while(Result::ok) {
            if std::env::var_os("PILCROW_BENCH_VERBOSE").is_some() {
                eprintln!("serve: {line}");
            }
        }
    });
    eprintln!(
        "serving after {:.1} s; editing {page} ({url_path}) {runs} times",
        started.elapsed().as_secs_f64()
    );

    let file = root.join(&page);
    let original = std::fs::read_to_string(&file).unwrap();
    // Edit the last paragraph of the body.
    let anchor = original
        .trim_end()
        .rfind("\n\n")
        .map_or(original.len(), |i| i + 2);
    let mut times = Vec::with_capacity(runs);
    for n in 0..runs {
        let marker = format!("serve-latency-edit-{n}-{}", std::process::id());
        let text = if retitle {
            // A title change: the section's list page changes too.
            original.replacen("\ntitle: ", &format!("\ntitle: {marker} "), 1)
        } else {
            format!("{}{marker} {}", &original[..anchor], &original[anchor..])
        };
        let t0 = Instant::now();
        std::fs::write(&file, &text).unwrap();
        loop {
            if get(&addr, &url_path).contains(&marker) {
                break;
            }
            assert!(
                t0.elapsed() < Duration::from_secs(20),
                "edit {n} not served within 20 s"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
        // Let the watcher settle: each save is its own rebuild.
        std::thread::sleep(Duration::from_millis(150));
    }
    std::fs::write(&file, &original).unwrap();
    let _ = child.kill();
    let _ = child.wait();

    times.sort_by(f64::total_cmp);
    let q = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "serve latency, save → page served ({label}, {runs} {} of {page}): median {:.1} ms, p90 {:.1} ms, min {:.1} ms, max {:.1} ms",
        if retitle {
            "title edits"
        } else {
            "paragraph edits"
        },
        q(0.5),
        q(0.9),
        times[0],
        times[times.len() - 1]
    );
}

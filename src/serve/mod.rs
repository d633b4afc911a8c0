//! `pilcrow serve`: build, serve from memory over loopback HTTP, watch the
//! sources, rebuild what a change affects, and reload the open pages.
//!
//! - [`engine`]: the incremental site (what a change affects, rendering
//!   only that), whose result equals a full build;
//! - [`watch`]: file events → what changed (editor temp files ignored);
//! - [`http`]: the server (snapshot lookup, path safety, 404, SSE) and
//!   the injected live-reload client.
//!
//! Nothing is written to `public/`: the preview is served from memory, so
//! a half-finished rebuild can never be seen.

pub mod engine;
pub mod http;
pub mod search_index;
pub mod watch;

use std::collections::BTreeMap;
use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Instant;

use crate::config::Config;
use crate::content::display_path;
use crate::ingest::{self, IngestOptions};
use crate::problem::{Problem, Problems};
use engine::{Engine, Outcome};
use http::{Current, Shared, Signal};
use search_index::SearchIndexer;
use watch::{Batch, Roots};

/// What `pilcrow serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Site root (holds site.toml).
    pub root: PathBuf,
    /// `--content`.
    pub content: Option<PathBuf>,
    /// `--base-url`; by default the site is served at
    /// `http://INTERFACE:PORT/` whatever site.toml says.
    pub base_url: Option<String>,
    pub interface: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the browser once serving.
    pub open: bool,
    /// `--ingest`: re-run ingest (which writes `content/`) when seeds
    /// change. Without it `serve` writes nothing.
    pub ingest: bool,
}

/// Reads site.toml with the command line's overrides.
fn configure(opts: &ServeOptions, local_url: &str) -> Result<Config, String> {
    let mut config = Config::load(&opts.root).map_err(|e| e.to_string())?;
    if let Some(content) = &opts.content {
        config.content_dir = content.clone();
    }
    let url = opts.base_url.as_deref().unwrap_or(local_url);
    config
        .set_base_url(url)
        .map_err(|e| format!("--base-url: {e}"))?;
    Ok(config)
}

fn host(ip: IpAddr) -> String {
    match ip {
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    }
}

/// Runs the server until the process is stopped. Errors are for the
/// terminal (bad config, port taken).
pub fn run(opts: ServeOptions) -> Result<(), String> {
    let started = Instant::now();
    let addr = SocketAddr::new(opts.interface, opts.port);
    let listener = TcpListener::bind(addr).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => format!(
            "port {} on {} is already in use; pass --port N for another (or --port 0 for any free port)",
            opts.port, opts.interface
        ),
        std::io::ErrorKind::PermissionDenied => format!(
            "not allowed to listen on {addr}: {e} (ports below 1024 need privileges; try --port 1111)"
        ),
        _ => format!("cannot listen on {addr}: {e}"),
    })?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    // Listening on every address: the site is still browsed on loopback.
    let browse = if opts.interface.is_unspecified() {
        match opts.interface {
            IpAddr::V4(_) => IpAddr::from([127, 0, 0, 1]),
            IpAddr::V6(_) => IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
        }
    } else {
        opts.interface
    };
    let local_root = format!("http://{}:{port}", host(browse));
    let config = configure(&opts, &format!("{local_root}/")).map_err(|e| {
        format!("{e}\n(run `pilcrow init DIR` to create a new site, or pass --root DIR)")
    })?;
    let base_path = config.base_path().to_string();
    let mut shared = Shared::new(base_path.clone());
    shared.local_hosts_only = opts.interface.is_loopback();
    let shared = Arc::new(shared);

    let roots = Roots::new(&config);
    let (engine, outcome) = Engine::new(config);
    let pages = engine.site().content.pages.len();
    match &outcome.problems {
        None => println!(
            "Built {pages} pages in {} ms",
            started.elapsed().as_millis()
        ),
        Some(p) => report_problems(p, "the site"),
    }
    let mut warned = Vec::new();
    report_warnings(&engine, &mut warned);
    publish(&shared, &engine, &outcome, true, false);

    let (tx, rx) = mpsc::channel();
    let watcher =
        watch::start(&roots, tx.clone()).map_err(|e| format!("cannot watch the site: {e}"))?;
    let indexer = SearchIndexer::start(shared.clone(), search_index::search_files);
    let builder_shared = shared.clone();
    let builder_opts = opts.clone();
    let builder_local = format!("{local_root}/");
    std::thread::Builder::new()
        .name("pilcrow-rebuild".into())
        .spawn(move || {
            rebuild_loop(
                (engine, warned),
                indexer,
                (roots, watcher, tx),
                rx,
                &builder_shared,
                &builder_opts,
                &builder_local,
            )
        })
        .map_err(|e| e.to_string())?;

    let url = format!("{local_root}{base_path}");
    println!("Serving at {url} (Ctrl-C to stop)");
    if !opts.interface.is_loopback() {
        eprintln!(
            "warning: listening on {}: anyone who can reach this machine can read the site; use --interface 127.0.0.1 to keep it local",
            opts.interface
        );
    }
    let _ = std::io::stdout().flush();
    if opts.open {
        open_browser(&url);
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let result = runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = axum::Router::new()
            .fallback(http::handle)
            .with_state(shared);
        http::accept_loop(listener, app).await
    });
    result.map_err(|e| format!("server stopped: {e}"))
}

/// Prints the content warnings (as `build` prints them) not printed
/// already; `warned` holds the ones printed.
fn report_warnings(engine: &Engine, warned: &mut Vec<Problem>) {
    let now = engine.warnings();
    for w in now.iter().filter(|w| !warned.contains(w)) {
        eprintln!("warning: {w}");
    }
    *warned = now.to_vec();
}

fn report_problems(problems: &Problems, what: &str) {
    eprintln!("{problems}");
    eprintln!(
        "error: {what} did not build ({} {}); still serving the last good version",
        problems.len(),
        if problems.len() == 1 {
            "problem"
        } else {
            "problems"
        }
    );
}

fn problems_json(problems: &Problems) -> String {
    let list: Vec<serde_json::Value> = problems
        .as_slice()
        .iter()
        .map(|p| {
            let mut location = p.file.clone().unwrap_or_default();
            if let Some(line) = p.line {
                location.push_str(&format!(":{line}"));
                if let Some(col) = p.column {
                    location.push_str(&format!(":{col}"));
                }
            }
            serde_json::json!({
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "location": location,
                "message": p.message,
            })
        })
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// Makes the engine's state what is served. A good build replaces the
/// files (and reloads the pages, or swaps their CSS); a bad one keeps the
/// last good files and shows the problems.
fn publish(shared: &Shared, engine: &Engine, outcome: &Outcome, force: bool, css_only: bool) {
    let lock = || shared.current.write().unwrap_or_else(|e| e.into_inner());
    if let Some(problems) = &outcome.problems {
        let json = Arc::new(problems_json(problems));
        lock().problems = Some(json.clone());
        let _ = shared.signals.send(Signal::Errors(json));
        return;
    }
    // Compare outside the lock: requests keep being served meanwhile
    // (this thread is the only writer).
    let old = shared
        .current
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .files
        .clone();
    let mut files: BTreeMap<String, engine::Entry> = engine.files();
    // The search index, built in the background (see `search_index`).
    for (k, v) in shared
        .search
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
    {
        files.entry(k.clone()).or_insert_with(|| v.clone());
    }
    let changed = engine::changed_paths(&old, &files);
    drop(old);
    let mut current = lock();
    let had_problems = current.problems.take().is_some();
    if !changed.is_empty() || force {
        let generation = current.generation + 1;
        *current = Current {
            files: Arc::new(files),
            generation,
            problems: None,
            within: engine.within(),
        };
        drop(current);
        // Pages whose HTML did not change need not reload (a reader
        // elsewhere in the site keeps their place), unless something else
        // they may use changed.
        // Files for machines (sitemap, feed, graph.json) and the search
        // index are read by no page as it loads: no page reloads for them.
        let only_html = !force
            && changed.iter().all(|p| {
                p.ends_with(".html")
                    || ["sitemap.xml", "atom.xml", "robots.txt", "graph.json"].contains(&p.as_str())
            });
        let signal = if css_only && !had_problems {
            Signal::Css(generation)
        } else if only_html && !had_problems {
            Signal::Reload(generation, Some(Arc::new(changed)))
        } else {
            Signal::Reload(generation, None)
        };
        let _ = shared.signals.send(signal);
    } else if had_problems {
        drop(current);
        let _ = shared.signals.send(Signal::Ok);
    }
}

/// After this long without a change, a full render checks the incremental
/// one on small sites ([`Engine::reconcile_if_small`]).
const RECONCILE_AFTER: std::time::Duration = std::time::Duration::from_millis(400);

fn rebuild_loop(
    (mut engine, mut warned): (Engine, Vec<Problem>),
    mut indexer: SearchIndexer,
    (mut roots, watcher, tx): (Roots, watch::Watcher, mpsc::Sender<watch::Events>),
    rx: mpsc::Receiver<watch::Events>,
    shared: &Shared,
    opts: &ServeOptions,
    local_url: &str,
) {
    let mut dirty = false;
    // The search index is built at the first pause, then after changes.
    let mut index_due = true;
    // Watching lasts as long as this loop (a new watcher replaces it when
    // site.toml moves the watched directories).
    let mut watching = Some(watcher);
    let mut watched = roots.existing();
    loop {
        let first = if dirty || index_due || engine.unsettled() {
            match rx.recv_timeout(RECONCILE_AFTER) {
                Ok(events) => events,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let settled = engine.settle();
                    let reconciled = dirty && !engine.reconcile_if_small().is_empty();
                    if settled || reconciled {
                        publish(shared, &engine, &Outcome::default(), false, false);
                    }
                    dirty = false;
                    // After the pages: the search index, in the background.
                    index_due = false;
                    indexer.pause(engine.site(), shared);
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        } else {
            match rx.recv() {
                Ok(events) => events,
                Err(_) => break,
            }
        };
        let mut batch = Batch::default();
        roots.classify(first, &mut batch);
        while let Ok(more) = rx.try_recv() {
            roots.classify(more, &mut batch);
        }
        // A watched directory that did not exist (content/ created after
        // `serve` started) is watched from now on.
        if roots.existing() != watched {
            match watch::start(&roots, tx.clone()) {
                Ok(w) => {
                    watching.replace(w);
                    watched = roots.existing();
                    batch.content.insert(roots.content.clone());
                }
                Err(e) => eprintln!("warning: cannot watch the site: {e}"),
            }
        }
        if batch.is_empty() {
            continue;
        }
        let started = Instant::now();
        let what = batch.describe();
        if batch.seeds && !opts.ingest {
            eprintln!(
                "note: seeds/ changed; run `pilcrow ingest` to update content/ (or serve with --ingest)"
            );
            if !batch.config && !batch.theme_templates && batch.content.is_empty() {
                continue;
            }
        }
        if batch.seeds && opts.ingest {
            let config = engine.config();
            let ingest_opts = IngestOptions {
                seeds_dir: config.seeds_dir.clone(),
                content_dir: config.content_dir.clone(),
                force: false,
            };
            match ingest::run(&ingest_opts) {
                Ok(report) => {
                    for w in &report.warnings {
                        eprintln!("warning: {w}");
                    }
                    for kept in &report.kept_edited {
                        eprintln!(
                            "note: kept {} (edited since ingest wrote it)",
                            display_path(kept)
                        );
                    }
                    for e in &report.not_ingested {
                        eprintln!("warning: {e} (not ingested)");
                    }
                    println!("Seeds changed: re-ingested ({report})");
                }
                Err(e) => eprintln!("error: ingest failed: {e}"),
            }
            // The files ingest wrote arrive as content events.
            if !batch.config && !batch.theme_templates && batch.content.is_empty() {
                continue;
            }
        }
        let step = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            if batch.config {
                match configure(opts, local_url) {
                    Ok(config) => {
                        // site.toml may have moved the content, theme or seeds.
                        let new_roots = Roots::new(&config);
                        if new_roots != roots {
                            match watch::start(&new_roots, tx.clone()) {
                                Ok(w) => {
                                    watching.replace(w);
                                    roots = new_roots;
                                    watched = roots.existing();
                                }
                                Err(e) => eprintln!("warning: cannot watch the new paths: {e}"),
                            }
                        }
                        let (e, o) = Engine::new(config);
                        engine = e;
                        (o, false, true)
                    }
                    Err(message) => {
                        let problems = Problems::single(crate::problem::Problem::general(message));
                        (
                            Outcome {
                                problems: Some(problems),
                                ..Outcome::default()
                            },
                            false,
                            false,
                        )
                    }
                }
            } else {
                let mut outcome = Outcome::default();
                let theme = batch.theme_templates || !batch.theme_static.is_empty();
                if theme {
                    outcome = engine.theme_changed(&batch.template_change());
                }
                let css_only = theme
                    && !batch.theme_templates
                    && batch.theme_static.iter().all(|p| p.ends_with(".css"))
                    && batch.content.is_empty();
                let mut assets_touched = false;
                if !batch.content.is_empty() {
                    let (rels, rescan, touched) = roots.content_changes(&batch.content, &engine);
                    assets_touched = touched;
                    if !rels.is_empty() || rescan {
                        let o = engine.update(&rels, rescan, false);
                        outcome.rendered += o.rendered;
                        outcome.parsed += o.parsed;
                        outcome.problems = o.problems;
                    }
                }
                (outcome, css_only, assets_touched)
            }
        }));
        let (outcome, css_only, force) = match step {
            Ok(step) => step,
            Err(_) => {
                // A bug, not the editor's fault: start over from disk.
                eprintln!("error: internal error while rebuilding; rebuilding the whole site");
                let config = engine.config().clone();
                let (e, o) = Engine::new(config);
                engine = e;
                (o, false, true)
            }
        };
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        report_warnings(&engine, &mut warned);
        match &outcome.problems {
            Some(p) => {
                eprintln!("{what}:");
                report_problems(p, "the change");
            }
            None => println!(
                "{what} → {} rendered, {} parsed in {ms:.0} ms",
                outcome.rendered, outcome.parsed
            ),
        }
        dirty = outcome.problems.is_none();
        let t = Instant::now();
        publish(shared, &engine, &outcome, force, css_only);
        if dirty {
            indexer.changed();
            index_due = true;
        }
        if std::env::var_os("PILCROW_SERVE_TIMING").is_some() {
            eprintln!(
                "timing (ms): publish {:.1}",
                t.elapsed().as_secs_f64() * 1000.0
            );
        }
        let _ = std::io::stdout().flush();
    }
}

fn open_browser(url: &str) {
    let candidates: &[(&str, &[&str])] = if cfg!(target_os = "macos") {
        &[("open", &[])]
    } else if cfg!(windows) {
        &[("cmd", &["/C", "start", ""])]
    } else {
        &[("xdg-open", &[]), ("sensible-browser", &[])]
    };
    for (program, args) in candidates {
        let spawned = std::process::Command::new(program)
            .args(*args)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if spawned.is_ok() {
            return;
        }
    }
    eprintln!("warning: could not open a browser; open {url} yourself");
}

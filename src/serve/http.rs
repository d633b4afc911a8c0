//! The HTTP side of `serve`: files from the in-memory snapshot, the
//! live-reload event stream, and the safety rules (GET and HEAD only,
//! nothing outside the site, the site's 404 page).

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, StreamExt};
use tokio::sync::broadcast;

use super::engine::Entry;
use crate::content::Within;

/// A connection that has not sent a request's headers within this time is
/// closed: idle keep-alive connections and half-open ones alike.
pub const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Accepts connections until the listener fails for good. Each is served
/// by hyper with a header timeout (axum::serve sets none).
pub async fn accept_loop(
    listener: tokio::net::TcpListener,
    app: axum::Router,
) -> std::io::Result<()> {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: wait, keep serving.
            Err(e) if is_transient(&e) => {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
            Err(e) => return Err(e),
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let io = hyper_util::rt::TokioIo::new(stream);
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT);
            // A client that goes away mid-response is not an error of ours.
            let _ = builder.serve_connection(io, service).await;
        });
    }
}

fn is_transient(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionAborted | ConnectionReset | Interrupted | WouldBlock | OutOfMemory
    ) || e
        .raw_os_error()
        .is_some_and(|code| code == 23 || code == 24) // ENFILE, EMFILE
}

/// The live-reload client, injected into every HTML response.
const CLIENT_JS: &str = include_str!("client.js");

/// Where the dev server's own endpoints live (outside any base path).
pub const EVENTS_PATH: &str = "/__pilcrow/events";
pub const STATUS_PATH: &str = "/__pilcrow/status";

/// A message to every open page.
#[derive(Debug, Clone)]
pub enum Signal {
    /// The site changed: reload (generation; the output paths that
    /// changed when only pages did, else every page reloads).
    Reload(u64, Option<Arc<Vec<String>>>),
    /// Only stylesheets changed: swap them.
    Css(u64),
    /// The last save did not build: problems as JSON.
    Errors(Arc<String>),
    /// The problems are gone, nothing to reload.
    Ok,
}

/// What is being served now.
#[derive(Debug, Default)]
pub struct Current {
    /// Output path (relative to the base path) → file.
    pub files: Arc<BTreeMap<String, Entry>>,
    /// Bumped each time `files` changes.
    pub generation: u64,
    /// The current problems as JSON (`None`: the last build was good).
    pub problems: Option<Arc<String>>,
    /// Where a content file read from disk must still resolve to (a file
    /// replaced by a symbolic link out of the site is not read, even
    /// before the rebuild notices it). Empty: nothing is read from disk.
    pub within: Arc<Within>,
}

/// State shared by the HTTP handlers and the rebuild thread.
#[derive(Debug)]
pub struct Shared {
    pub current: RwLock<Current>,
    pub signals: broadcast::Sender<Signal>,
    /// Path the site is served under: `/` or `/kb/`.
    pub base_path: String,
    /// Only answer requests addressed to this machine by name or IP
    /// (`localhost`, `127.0.0.1`, …): a web page elsewhere cannot then
    /// read the preview through DNS rebinding. Off when listening on a
    /// non-loopback interface (the user chose to expose it).
    pub local_hosts_only: bool,
    /// The search index files, built in the background
    /// (`search_index`); served beside the site's own files.
    pub search: RwLock<BTreeMap<String, Entry>>,
}

impl Shared {
    pub fn new(base_path: String) -> Shared {
        Shared {
            current: RwLock::new(Current::default()),
            signals: broadcast::channel(64).0,
            base_path,
            local_hosts_only: true,
            search: RwLock::new(BTreeMap::new()),
        }
    }

    fn snapshot(&self) -> (Arc<BTreeMap<String, Entry>>, u64, Option<Arc<String>>) {
        let c = self.current.read().unwrap_or_else(|e| e.into_inner());
        (c.files.clone(), c.generation, c.problems.clone())
    }

    fn within(&self) -> Arc<Within> {
        let c = self.current.read().unwrap_or_else(|e| e.into_inner());
        c.within.clone()
    }
}

/// Content type by file extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit('/')
        .next()
        .and_then(|f| f.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "wasm" => "application/wasm",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Turns a request path into an output path relative to the base path:
/// percent-decoded once, and refused (`None`) when it climbs (`..`),
/// holds `.` or empty segments, a backslash or a NUL, is not UTF-8, or is
/// not under the base path. A path ending in `/` names its `index.html`.
pub fn resolve(raw_path: &str, base_path: &str) -> Option<String> {
    let decoded = percent_decode(raw_path)?;
    let rel = decoded.strip_prefix(base_path)?;
    if rel.contains(['\\', '\0']) {
        return None;
    }
    let mut out = String::with_capacity(rel.len() + 10);
    let segments: Vec<&str> = rel.split('/').collect();
    for (k, seg) in segments.iter().enumerate() {
        let last = k + 1 == segments.len();
        match *seg {
            "" if last => {}
            "" | "." | ".." => return None,
            s => {
                out.push_str(s);
                if !last {
                    out.push('/');
                }
            }
        }
    }
    if out.is_empty() || out.ends_with('/') {
        out.push_str("index.html");
    }
    Some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| (b as char).to_digit(16);
            let hi = bytes.get(i + 1).copied().and_then(hex)?;
            let lo = bytes.get(i + 2).copied().and_then(hex)?;
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Inserts the live-reload client before `</body>` (or at the end).
pub fn inject(html: &[u8], base_path: &str, generation: u64, problems: Option<&str>) -> Vec<u8> {
    let mut script = String::new();
    if let Some(p) = problems {
        // A page loaded while the site is broken shows the error at once
        // (the event stream repeats it on connect).
        script.push_str("<script type=\"application/json\" id=\"pilcrow-problems\">");
        // `<` only occurs inside JSON strings: escaping it keeps the
        // script element from ever ending or changing state early.
        script.push_str(&p.replace('<', "\\u003c"));
        script.push_str("</script>\n");
    }
    script.push_str("<script>/* pilcrow serve: live reload */\n");
    script.push_str(
        &CLIENT_JS
            .replace("__PILCROW_GENERATION__", &generation.to_string())
            .replace(
                "__PILCROW_BASE__",
                &serde_json::to_string(base_path).unwrap_or_default(),
            ),
    );
    script.push_str("</script>\n");
    let at = find_body_end(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_body_end(html: &[u8]) -> Option<usize> {
    let needle = b"</body";
    (0..html.len().saturating_sub(needle.len() - 1))
        .rev()
        .find(|&i| html[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

fn no_store(mut r: Response) -> Response {
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// The one handler: every request comes here.
/// Is a `Host` header one of this machine's names: an IP literal,
/// `localhost` or a `*.localhost` name (with or without a port)?
pub fn is_local_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [::1]:1111
        return rest
            .split(']')
            .next()
            .is_some_and(|ip| ip.parse::<std::net::Ipv6Addr>().is_ok());
    } else {
        host.rsplit_once(':').map_or(host, |(h, port)| {
            if port.bytes().all(|b| b.is_ascii_digit()) {
                h
            } else {
                host
            }
        })
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name.parse::<std::net::IpAddr>().is_ok() || name == "localhost" || name.ends_with(".localhost")
}

pub async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: axum::http::HeaderMap,
) -> Response {
    if shared.local_hosts_only {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("localhost");
        if !is_local_host(host) {
            return (
                StatusCode::FORBIDDEN,
                "403 Forbidden: pilcrow serve answers only to localhost and IP addresses; open http://127.0.0.1:PORT/ (or pass --interface to expose it)\n",
            )
                .into_response();
        }
    }
    if method != Method::GET && method != Method::HEAD {
        let mut r = (StatusCode::METHOD_NOT_ALLOWED, "405 Method Not Allowed\n").into_response();
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let path = uri.path();
    if path == EVENTS_PATH {
        return events(&shared).into_response();
    }
    if path == STATUS_PATH {
        let (_, generation, problems) = shared.snapshot();
        let body = format!(
            "{{\"generation\":{generation},\"problems\":{}}}",
            problems.as_deref().map_or("[]", |p| p.as_str())
        );
        let r = ([(header::CONTENT_TYPE, "application/json")], body).into_response();
        return no_store(head_only(&method, r));
    }
    if path == "/" && shared.base_path != "/" {
        // The site lives under its base path.
        let mut r = StatusCode::FOUND.into_response();
        if let Ok(v) = HeaderValue::from_str(&shared.base_path) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return no_store(head_only(&method, r));
    }
    let (files, generation, problems) = shared.snapshot();
    let within = shared.within();
    let found = resolve(path, &shared.base_path).and_then(|rel| {
        let entry = files.get(&rel)?;
        Some((rel, entry.clone()))
    });
    let response = match found {
        Some((rel, entry)) => {
            file_response(
                &shared.base_path,
                &within,
                &rel,
                &entry,
                generation,
                problems.as_ref().map(|p| p.as_str()),
                StatusCode::OK,
            )
            .await
        }
        None => {
            // `/documents` → `/documents/` when that is a page.
            let dir = resolve(&format!("{path}/"), &shared.base_path)
                .filter(|rel| !path.ends_with('/') && files.contains_key(rel));
            if dir.is_some() {
                let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
                if let Ok(v) = HeaderValue::from_str(&format!("{path}/")) {
                    r.headers_mut().insert(header::LOCATION, v);
                }
                r
            } else {
                match files.get("404.html") {
                    Some(entry) => {
                        file_response(
                            &shared.base_path,
                            &within,
                            "404.html",
                            entry,
                            generation,
                            problems.as_ref().map(|p| p.as_str()),
                            StatusCode::NOT_FOUND,
                        )
                        .await
                    }
                    None => (StatusCode::NOT_FOUND, "404 Not Found\n").into_response(),
                }
            }
        }
    };
    no_store(head_only(&method, response))
}

/// HEAD: same headers, no body.
fn head_only(method: &Method, r: Response) -> Response {
    if method != Method::HEAD {
        return r;
    }
    let (parts, _) = r.into_parts();
    Response::from_parts(parts, Body::empty())
}

async fn file_response(
    base_path: &str,
    within: &Arc<Within>,
    rel: &str,
    entry: &Entry,
    generation: u64,
    problems: Option<&str>,
    status: StatusCode,
) -> Response {
    let bytes: Vec<u8> = match entry {
        Entry::Bytes(b) => b.to_vec(),
        Entry::File(path) => match read_within(path.clone(), within.clone()).await {
            Some(b) => b,
            None => return (StatusCode::NOT_FOUND, "404 Not Found\n").into_response(),
        },
    };
    let ctype = content_type(rel);
    let body = if ctype.starts_with("text/html") {
        inject(&bytes, base_path, generation, problems)
    } else {
        bytes
    };
    let len = body.len();
    let mut r = (status, [(header::CONTENT_TYPE, ctype)], body).into_response();
    r.headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    r
}

/// Reads a content file if it still resolves inside the site (it may
/// have been replaced by a symbolic link since the last walk). The
/// resolved path is read, not the link.
async fn read_within(path: std::path::PathBuf, within: Arc<Within>) -> Option<Vec<u8>> {
    tokio::task::spawn_blocking(move || {
        let real = std::fs::canonicalize(path).ok()?;
        if !within.holds(&real) {
            return None;
        }
        std::fs::read(real).ok()
    })
    .await
    .ok()
    .flatten()
}

fn signal_event(s: Signal) -> Event {
    match s {
        Signal::Reload(g, paths) => Event::default()
            .event("reload")
            .data(serde_json::json!({ "generation": g, "paths": paths.as_deref() }).to_string()),
        Signal::Css(g) => Event::default().event("css").data(g.to_string()),
        Signal::Errors(json) => Event::default().event("error").data(json.as_str()),
        Signal::Ok => Event::default().event("ok").data("{}"),
    }
}

fn events(shared: &Shared) -> impl IntoResponse + use<> {
    // Subscribe first, then read the state: no rebuild falls in between.
    let rx = shared.signals.subscribe();
    let (_, generation, problems) = shared.snapshot();
    let mut first = vec![Event::default().event("hello").data(generation.to_string())];
    first.push(match problems {
        Some(p) => Event::default().event("error").data(p.as_str()),
        None => Event::default().event("ok").data("{}"),
    });
    let rest = stream::unfold(rx, |mut rx| async move {
        match rx.recv().await {
            Ok(s) => Some((signal_event(s), rx)),
            // Missed some: reloading is always safe.
            Err(broadcast::error::RecvError::Lagged(_)) => {
                Some((signal_event(Signal::Reload(0, None)), rx))
            }
            Err(broadcast::error::RecvError::Closed) => None,
        }
    });
    let all = stream::iter(first).chain(rest).map(Ok::<Event, Infallible>);
    let mut r = Sse::new(all)
        .keep_alive(KeepAlive::default())
        .into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_pages_and_refuses_escapes() {
        assert_eq!(resolve("/", "/").as_deref(), Some("index.html"));
        assert_eq!(
            resolve("/documents/a/", "/").as_deref(),
            Some("documents/a/index.html")
        );
        assert_eq!(resolve("/style.css", "/").as_deref(), Some("style.css"));
        assert_eq!(
            resolve("/%E5%9B%BD/", "/").as_deref(),
            Some("国/index.html")
        );
        assert_eq!(resolve("/kb/x.css", "/kb/").as_deref(), Some("x.css"));
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/site.toml",
            "/..%2fsite.toml",
            "/%2E%2E%2Fsite.toml",
            "//etc/passwd",
            "/a/../../x",
            "/a/./b",
            "/a\\..\\b",
            "/%5c..%5cb",
            "/a%00.html",
            "/%ff",
            "/%2",
            "/x.css",
        ] {
            let base = if bad == "/x.css" { "/kb/" } else { "/" };
            assert_eq!(resolve(bad, base), None, "{bad}");
        }
    }

    #[test]
    fn only_local_host_names() {
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST",
            "[::1]:80",
            "site.localhost:1",
            "192.168.1.5:1111",
            "localhost.",
        ] {
            assert!(is_local_host(ok), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "example.org",
            "localhost.evil.com",
            "[evil]:1",
            "127.0.0.1.nip.io",
        ] {
            assert!(!is_local_host(bad), "{bad}");
        }
    }

    #[test]
    fn types_by_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("data/x.bin"), "application/octet-stream");
        assert_eq!(content_type("f.WOFF2"), "font/woff2");
        assert_eq!(content_type("favicon.svg"), "image/svg+xml");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = String::from_utf8(inject(b"<p>x</p></BODY></html>", "/", 7, None)).unwrap();
        let at = out.find("<script>").unwrap();
        assert!(out[at..].contains("let GEN = 7;"));
        assert!(out.ends_with("</script>\n</BODY></html>"), "{out}");
        let out = String::from_utf8(inject(
            b"bare",
            "/",
            1,
            Some("[{\"message\":\"</script>\"}]"),
        ))
        .unwrap();
        assert!(out.starts_with("bare<script type=\"application/json\""));
        assert!(out.contains("\\u003c/script>"));
        assert!(!out.contains("\"</script>"));
    }
}

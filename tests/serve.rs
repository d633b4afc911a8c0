//! `pilcrow serve` end to end: a real server on a free loopback port, real
//! file edits, raw HTTP and the live-reload event stream.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod common;
use common::copy_dir;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/basic");
const THEME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default");
const WAIT: Duration = Duration::from_secs(15);

/// A running `pilcrow serve` on a copy of the fixture (with the theme
/// copied in, so theme edits can be tested). Killed when dropped.
struct Server {
    child: Child,
    root: tempfile::TempDir,
    addr: String,
    stderr: mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(extra: &[&str]) -> Server {
    let root = tempfile::tempdir().unwrap();
    copy_dir(Path::new(FIXTURE), root.path());
    copy_dir(Path::new(THEME), &root.path().join("themes/default"));
    std::fs::create_dir_all(root.path().join("seeds")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pilcrow"))
        .arg("serve")
        .arg("--root")
        .arg(root.path())
        .args(["--port", "0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let (etx, erx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = etx.send(line);
        }
    });
    let deadline = Instant::now() + WAIT;
    let addr = loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("serve printed its URL");
        if let Some(i) = line.find("http://") {
            let url = line[i + 7..].split_whitespace().next().unwrap();
            break url.split('/').next().unwrap().to_string();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || while rx.recv().is_ok() {});
    Server {
        child,
        root,
        addr,
        stderr: erx,
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One request over a fresh connection, the path sent exactly as given.
fn request(addr: &str, method: &str, path: &str) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head");
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: raw[end + 4..].to_vec(),
    }
}

fn get(addr: &str, path: &str) -> Reply {
    request(addr, "GET", path)
}

/// The live-reload stream: (event, data) pairs as they arrive.
fn events(addr: &str) -> mpsc::Receiver<(String, String)> {
    let mut s = TcpStream::connect(addr).unwrap();
    // HTTP/1.0: the stream comes unchunked until the connection closes.
    write!(s, "GET /__pilcrow/events HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if let Some(e) = line.strip_prefix("event:") {
                event = e.trim().to_string();
            } else if let Some(d) = line.strip_prefix("data:")
                && tx.send((event.clone(), d.trim().to_string())).is_err()
            {
                return;
            }
        }
    });
    rx
}

/// Waits for an event of that name; returns its data.
fn wait_event(rx: &mpsc::Receiver<(String, String)>, name: &str) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok((e, d)) if e == name => return d,
            Ok(_) => {}
            Err(_) => panic!("no {name:?} event within {WAIT:?}"),
        }
    }
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + WAIT;
    while !ok() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Saves like vim or JetBrains do: write a temp file, rename it over.
fn save_atomically(path: &Path, text: &str) {
    let tmp: PathBuf = path.with_file_name(format!(
        "{}___jb_tmp___",
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn an_edit_is_served_and_open_pages_are_told_to_reload() {
    let server = start(&[]);
    let page = get(&server.addr, "/about/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("This page lives at the top level"));
    // The live-reload client is in the HTML as served…
    assert!(page.text().contains("/__pilcrow/events"));
    assert!(page.text().find("/__pilcrow/events") < page.text().rfind("</body>"));
    let rx = events(&server.addr);
    wait_event(&rx, "hello");

    let file = server.root.path().join("content/about.md");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("This page lives at the top level", "Edited in place");
    save_atomically(&file, &text);
    wait_until("the edit is served", || {
        get(&server.addr, "/about/")
            .text()
            .contains("Edited in place")
    });
    wait_event(&rx, "reload");
    // …and never in the build output.
    assert!(!server.root.path().join("public").exists());

    // A burst of saves ends with the last one served.
    for n in 0..5 {
        std::fs::write(
            &file,
            text.replace("Edited in place", &format!("Burst {n}")),
        )
        .unwrap();
    }
    wait_until("the last save of a burst is served", || {
        get(&server.addr, "/about/").text().contains("Burst 4")
    });

    // A new page appears, a deleted one goes (its backlinks with it).
    std::fs::write(
        server.root.path().join("content/documents/new.md"),
        "---\ntitle: Brand new\n---\nFresh.\n",
    )
    .unwrap();
    wait_until("the new page is served", || {
        get(&server.addr, "/documents/new/").status == 200
    });
    assert!(
        get(&server.addr, "/documents/")
            .text()
            .contains("Brand new")
    );
    std::fs::remove_file(server.root.path().join("content/documents/new.md")).unwrap();
    wait_until("the deleted page is gone", || {
        get(&server.addr, "/documents/new/").status == 404
    });
    assert!(
        !get(&server.addr, "/documents/")
            .text()
            .contains("Brand new")
    );
}

#[test]
fn a_broken_save_shows_the_error_and_keeps_the_last_good_site() {
    let server = start(&[]);
    let rx = events(&server.addr);
    wait_event(&rx, "hello");
    let file = server.root.path().join("content/countries/arg.md");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, "---\ntitle: [oops\n---\nBroken.\n").unwrap();
    let data = wait_event(&rx, "error");
    assert!(data.contains("content/countries/arg.md:2"), "{data}");
    // The last good page is still served, with the error in it.
    let page = get(&server.addr, "/countries/arg/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Argentina is cited"));
    assert!(page.text().contains("id=\"pilcrow-problems\""));
    assert!(page.text().contains("content/countries/arg.md:2"));
    let status = get(&server.addr, "/__pilcrow/status").text();
    assert!(status.contains("arg.md"), "{status}");
    // A page opened now hears about it at once.
    let late = events(&server.addr);
    wait_event(&late, "hello");
    assert!(wait_event(&late, "error").contains("arg.md"));
    // The terminal says the same.
    let deadline = Instant::now() + WAIT;
    loop {
        let line = server
            .stderr
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("the problem on stderr");
        if line.contains("content/countries/arg.md:2") {
            break;
        }
    }

    // A broken link is an error too.
    std::fs::write(&file, good.replace("a-74-130.md#p-17", "nowhere.md")).unwrap();
    let data = wait_event(&rx, "error");
    assert!(data.contains("nowhere.md"), "{data}");

    // The next good save clears it.
    std::fs::write(
        &file,
        good.replace("Argentina is cited", "Argentina is named"),
    )
    .unwrap();
    wait_event(&rx, "reload");
    let page = get(&server.addr, "/countries/arg/");
    assert!(page.text().contains("Argentina is named"));
    assert!(!page.text().contains("id=\"pilcrow-problems\""));
    assert!(
        get(&server.addr, "/__pilcrow/status")
            .text()
            .contains("\"problems\":[]")
    );
}

#[test]
fn a_template_error_is_shown_and_a_css_change_swaps_the_stylesheet() {
    let server = start(&[]);
    let rx = events(&server.addr);
    wait_event(&rx, "hello");
    let css = server.root.path().join("themes/default/static/style.css");
    let text = std::fs::read_to_string(&css).unwrap() + "\n/* changed */\n";
    std::fs::write(&css, &text).unwrap();
    wait_event(&rx, "css");
    assert!(
        get(&server.addr, "/style.css")
            .text()
            .contains("/* changed */")
    );

    let tpl = server
        .root
        .path()
        .join("themes/default/templates/page.html");
    let good = std::fs::read_to_string(&tpl).unwrap();
    std::fs::write(&tpl, format!("{good}\n{{% if %}}\n")).unwrap();
    let data = wait_event(&rx, "error");
    assert!(data.contains("templates/page.html:"), "{data}");
    assert_eq!(get(&server.addr, "/about/").status, 200);
    std::fs::write(
        &tpl,
        good.replace("<article class=", "<article data-edited class="),
    )
    .unwrap();
    wait_event(&rx, "reload");
    assert!(get(&server.addr, "/about/").text().contains("data-edited"));
}

#[test]
fn only_site_files_are_served_and_only_to_get_and_head() {
    let server = start(&[]);
    let a = &server.addr;
    for bad in [
        "/../Cargo.toml",
        "/%2e%2e/site.toml",
        "/..%2fsite.toml",
        "/%2e%2e%2f%2e%2e%2fetc/passwd",
        "//etc/passwd",
        "/documents/..%5c..%5csite.toml",
        "/content/about.md",
        "/site.toml",
        "/no/such/page/",
    ] {
        let r = get(a, bad);
        assert_eq!(r.status, 404, "{bad}");
        assert!(r.text().contains("<html"), "{bad}: the site's 404 page");
        assert!(!r.text().contains("base_url ="), "{bad}");
    }
    // Not addressed to this machine by name: DNS rebinding is refused.
    let mut s = TcpStream::connect(a).unwrap();
    write!(
        s,
        "GET / HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 403"), "{raw}");
    let r = request(a, "POST", "/");
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("GET, HEAD"));
    assert_eq!(request(a, "DELETE", "/about/").status, 405);
    let head = request(a, "HEAD", "/about/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert!(
        head.header("content-length")
            .unwrap()
            .parse::<usize>()
            .unwrap()
            > 100
    );
    for (path, ty) in [
        ("/", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/__pilcrow/status", "application/json"),
    ] {
        let r = get(a, path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(ty), "{path}");
    }
    let r = get(a, "/documents");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some("/documents/"));
    // CSS is not HTML: nothing injected.
    assert!(!get(a, "/style.css").text().contains("pilcrow serve"));
}

#[test]
fn serves_under_the_base_path_and_refuses_a_taken_port() {
    let server = start(&["--base-url", "https://example.org/kb/"]);
    let a = &server.addr;
    let home = get(a, "/kb/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains("href=\"/kb/style.css\""));
    assert_eq!(get(a, "/kb/style.css").status, 200);
    assert_eq!(get(a, "/style.css").status, 404);
    let root = get(a, "/");
    assert_eq!(root.status, 302);
    assert_eq!(root.header("location"), Some("/kb/"));

    let port = a.rsplit(':').next().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pilcrow"))
        .arg("serve")
        .arg("--root")
        .arg(server.root.path())
        .args(["--port", port])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("already in use") && err.contains("--port"),
        "{err}"
    );
}

#[test]
fn many_files_at_once_like_a_git_checkout() {
    let server = start(&[]);
    let rx = events(&server.addr);
    wait_event(&rx, "hello");
    // A directory of pages prepared elsewhere, moved in with one rename
    // (the watcher sees only the directory), while other files change.
    let staged = server.root.path().join("staged");
    std::fs::create_dir_all(&staged).unwrap();
    for n in 0..40 {
        std::fs::write(
            staged.join(format!("p{n:02}.md")),
            format!("---\ntitle: Moved in {n}\n---\nLinks to [about](../about.md).\n"),
        )
        .unwrap();
    }
    let content = server.root.path().join("content");
    std::fs::rename(&staged, content.join("batch")).unwrap();
    std::fs::remove_file(content.join("countries/vnm.md")).unwrap();
    // Every page linking to it is edited too (or the site has problems
    // and is not published).
    for doc in ["documents/a-74-130.md", "documents/vi-note.md"] {
        std::fs::write(
            content.join(doc),
            std::fs::read_to_string(content.join(doc))
                .unwrap()
                .replace("../countries/vnm.md#overview", "../countries/arg.md")
                .replace("../countries/vnm.md", "../countries/arg.md"),
        )
        .unwrap();
    }
    wait_until("all 40 moved-in pages are served", || {
        (0..40).all(|n| get(&server.addr, &format!("/batch/p{n:02}/")).status == 200)
    });
    assert_eq!(get(&server.addr, "/countries/vnm/").status, 404);
    let list = get(&server.addr, "/batch/").text();
    assert!(list.contains("Moved in 39"), "{list}");
    // Moved out again: all gone.
    std::fs::rename(content.join("batch"), server.root.path().join("away")).unwrap();
    wait_until("the moved-out pages are gone", || {
        get(&server.addr, "/batch/p00/").status == 404 && get(&server.addr, "/batch/").status == 404
    });
}

#[test]
fn a_site_toml_change_rebuilds_everything_and_a_bad_one_is_shown() {
    let server = start(&[]);
    let rx = events(&server.addr);
    wait_event(&rx, "hello");
    let toml = server.root.path().join("site.toml");
    let good = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{good}\nbase_ulr = \"/x/\"\n")).unwrap();
    let data = wait_event(&rx, "error");
    assert!(data.contains("base_ulr"), "{data}");
    assert!(get(&server.addr, "/about/").text().contains("Fixture KB"));
    std::fs::write(&toml, good.replace("Fixture KB", "Renamed KB")).unwrap();
    wait_until("the new title is on every page", || {
        get(&server.addr, "/about/").text().contains("Renamed KB")
            && get(&server.addr, "/countries/arg/")
                .text()
                .contains("Renamed KB")
    });
    // Still served at the local address, whatever base_url says.
    assert!(
        get(&server.addr, "/")
            .text()
            .contains(&format!("http://{}/", server.addr))
    );
}

#[test]
fn the_content_directory_can_go_away_and_come_back() {
    let server = start(&[]);
    let rx = events(&server.addr);
    wait_event(&rx, "hello");
    let content = server.root.path().join("content");
    let away = server.root.path().join("content-away");
    std::fs::rename(&content, &away).unwrap();
    let data = wait_event(&rx, "error");
    assert!(data.contains("content directory not found"), "{data}");
    assert_eq!(get(&server.addr, "/about/").status, 200, "last good site");
    std::fs::rename(&away, &content).unwrap();
    // The site is as it was: the overlay clears, nothing to reload.
    wait_event(&rx, "ok");
    // …and it is watched again.
    let about = content.join("about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(
        &about,
        text.replace("This page lives", "Back again, this page lives"),
    )
    .unwrap();
    wait_until("an edit after the move is served", || {
        get(&server.addr, "/about/").text().contains("Back again")
    });
}

#[test]
fn a_half_open_connection_is_closed_and_the_server_keeps_serving() {
    let server = start(&[]);
    // A client that opens a connection and never finishes its request.
    let mut stalled = TcpStream::connect(&server.addr).unwrap();
    stalled.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    stalled
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    // Meanwhile others are served.
    assert_eq!(get(&server.addr, "/").status, 200);
    let started = Instant::now();
    let mut buf = Vec::new();
    let closed = match stalled.read_to_end(&mut buf) {
        Ok(_) => true,
        Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
    };
    assert!(
        closed,
        "the server still held the half-open connection after {:?}",
        started.elapsed()
    );
    assert_eq!(get(&server.addr, "/").status, 200);
}

#[test]
fn a_seed_change_is_ingested_only_when_asked() {
    let server = start(&[]);
    let seeds = server.root.path().join("seeds");
    let content = server.root.path().join("content");
    let before = common_tree(&content);
    std::fs::write(
        seeds.join("new.txt"),
        "A new report\n\n1. First paragraph.\n",
    )
    .unwrap();
    wait_for_line(&server, "pilcrow ingest");
    assert_eq!(common_tree(&content), before, "serve wrote content/");
    drop(server);

    let server = start(&["--ingest"]);
    let seeds = server.root.path().join("seeds");
    let content = server.root.path().join("content");
    let before = walkdir_files(&content).len();
    std::fs::write(
        seeds.join("new.txt"),
        "A new report\n\n1. First paragraph.\n",
    )
    .unwrap();
    wait_until("ingest wrote the new document", || {
        walkdir_files(&content).len() > before
    });
}

/// Every file under `dir` with its bytes.
fn common_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = walkdir_files(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

fn walkdir_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Waits for a stderr or stdout line of the server containing `needle`.
fn wait_for_line(server: &Server, needle: &str) {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if let Ok(line) = server.stderr.recv_timeout(Duration::from_millis(100))
            && line.contains(needle)
        {
            return;
        }
    }
    panic!("serve never said {needle:?}");
}

#[test]
fn a_link_out_of_the_site_is_never_served_and_is_shown_as_build_shows_it() {
    let server = start(&[]);
    let rx = events(&server.addr);
    wait_event(&rx, "hello");
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "TOP SECRET").unwrap();
    let secret_page = outside.path().join("secret.md");
    std::fs::write(&secret_page, "---\ntitle: Leaked\n---\nTOP SECRET page\n").unwrap();
    let content = server.root.path().join("content");

    // An asset being served is replaced by a link out of the site: it is
    // not read, not even before the rebuild has noticed the change.
    std::fs::write(content.join("notes.txt"), "plain notes").unwrap();
    wait_until("the asset is served", || {
        get(&server.addr, "/notes.txt").text() == "plain notes"
    });
    std::fs::remove_file(content.join("notes.txt")).unwrap();
    std::os::unix::fs::symlink(&secret, content.join("notes.txt")).unwrap();
    let r = get(&server.addr, "/notes.txt");
    assert_eq!(r.status, 404);
    assert!(!r.text().contains("TOP SECRET"));
    // The error is shown as `build` reports it.
    let data = wait_event(&rx, "error");
    assert!(data.contains("content/notes.txt"), "{data}");
    let status = get(&server.addr, "/__pilcrow/status").text();
    assert!(
        status.contains("content/notes.txt\",\"message\":\"is a symbolic link to")
            && status.contains("outside the site"),
        "{status}"
    );
    assert_eq!(get(&server.addr, "/notes.txt").status, 404);

    // A page replaced by a link to a page outside: the last good page
    // stays, with the error; the page outside is never rendered.
    std::fs::remove_file(content.join("about.md")).unwrap();
    std::os::unix::fs::symlink(&secret_page, content.join("about.md")).unwrap();
    wait_until("the link out of the site is an error", || {
        get(&server.addr, "/__pilcrow/status")
            .text()
            .contains("content/about.md\",\"message\":\"is a symbolic link to")
    });
    let page = get(&server.addr, "/about/");
    assert!(!page.text().contains("TOP SECRET page"));
    assert!(page.text().contains("This page lives at the top level"));

    // Removed again, the site is good; a dangling link is a warning on
    // the terminal only.
    std::fs::remove_file(content.join("notes.txt")).unwrap();
    std::fs::remove_file(content.join("about.md")).unwrap();
    std::fs::write(
        content.join("about.md"),
        "---\ntitle: About\n---\nBack home.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("nowhere.png", content.join("gone.png")).unwrap();
    wait_until("the page is back", || {
        get(&server.addr, "/about/").text().contains("Back home")
    });
    wait_for_line(
        &server,
        "content/gone.png: is a symbolic link to nowhere.png",
    );
    assert!(
        get(&server.addr, "/__pilcrow/status")
            .text()
            .contains("\"problems\":[]")
    );
    assert_eq!(get(&server.addr, "/gone.png").status, 404);
}

#[test]
fn html_and_svg_applies_to_what_is_served() {
    let server = start(&[]);
    let rx = events(&server.addr);
    wait_event(&rx, "hello");
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script><circle r=\"4\"/></svg>";
    let content = server.root.path().join("content");
    std::fs::write(content.join("fig.svg"), svg).unwrap();
    wait_until("the svg is published as it is", || {
        get(&server.addr, "/fig.svg").text().contains("<script>")
    });
    let toml = server.root.path().join("site.toml");
    let base = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        format!("{base}\n[content]\nhtml_and_svg = \"refuse\"\n"),
    )
    .unwrap();
    let data = wait_event(&rx, "error");
    assert!(
        data.contains("content/fig.svg") && data.contains("refuse"),
        "{data}"
    );
    std::fs::write(
        &toml,
        format!("{base}\n[content]\nhtml_and_svg = \"sanitize\"\n"),
    )
    .unwrap();
    wait_until("the sanitized svg is served", || {
        let t = get(&server.addr, "/fig.svg").text();
        t.contains("<circle") && !t.contains("script") && !t.contains("onload")
    });
    // An edit is sanitized too.
    std::fs::write(content.join("fig.svg"), svg.replace("r=\"4\"", "r=\"7\"")).unwrap();
    wait_until("the edited svg is served sanitized", || {
        let t = get(&server.addr, "/fig.svg").text();
        t.contains("r=\"7\"") && !t.contains("script")
    });
}

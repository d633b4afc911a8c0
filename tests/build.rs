//! `pilcrow build` and `pilcrow check` on fixture sites, asserting on the
//! produced HTML parsed as HTML.

use std::path::Path;

use assert_cmd::Command;
use scraper::{Html, Selector};
use tempfile::TempDir;

mod common;
use common::{copy_dir, dir_files};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/basic");

fn pilcrow() -> Command {
    Command::cargo_bin("pilcrow").unwrap()
}

/// A copy of the fixture site in a temp dir (the fixture stays pristine).
fn fixture_copy() -> TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(Path::new(FIXTURE), tmp.path());
    tmp
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// Runs `pilcrow build --root ROOT ARGS…`; returns (success, stdout, stderr).
fn build(root: &Path, args: &[&str]) -> (bool, String, String) {
    let out = pilcrow()
        .arg("build")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn parse(path: &Path) -> Html {
    Html::parse_document(&std::fs::read_to_string(path).unwrap())
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn build_produces_a_site_whose_links_all_resolve() {
    let site = fixture_copy();
    let (ok, stdout, stderr) = build(site.path(), &[]);
    assert!(ok, "{stderr}");
    // The same count as `check` and `serve`: content pages.
    assert!(
        stdout.starts_with("Built 17 pages (+7 generated: lists, indexes, search, graph) in "),
        "{stdout}"
    );
    assert!(stdout.trim_end().ends_with("public/"), "{stdout}");
    let public = site.path().join("public");
    for f in [
        "index.html",
        "404.html",
        "style.css",
        "highlight.css",
        "documents/index.html",
        "documents/a-74-130/index.html",
        "countries/arg/index.html",
        "about/index.html",
    ] {
        assert!(public.join(f).is_file(), "missing {f}");
    }
    let (checked, dangling) = common::site_problems(&public, "/");
    assert!(checked > 30, "only {checked} links checked");
    assert!(dangling.is_empty(), "{dangling:#?}");
}

#[test]
fn relative_md_links_and_paragraph_anchors_become_site_urls() {
    let site = fixture_copy();
    assert!(build(site.path(), &[]).0);
    let public = site.path().join("public");
    let note = parse(&public.join("documents/en-note/index.html"));
    let hrefs: Vec<&str> = note
        .select(&sel(".content a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(hrefs.contains(&"/documents/a-74-130/#p-17"), "{hrefs:?}");
    assert!(hrefs.contains(&"/countries/arg/"), "{hrefs:?}");
    assert!(hrefs.contains(&"#scope"), "{hrefs:?}");
    let report = parse(&public.join("documents/a-74-130/index.html"));
    let p17 = report.select(&sel("p#p-17")).next().expect("p#p-17");
    let text: String = p17.text().collect();
    assert!(text.starts_with("17. "), "{text}");
    assert!(!text.contains("^p-17"), "{text}");
    assert!(report.select(&sel("h3#阿根廷")).next().is_some());
}

#[test]
fn base_url_sub_path_is_respected_by_every_url() {
    let site = fixture_copy();
    let (ok, _, stderr) = build(site.path(), &["--base-url", "https://example.org/kb/"]);
    assert!(ok, "{stderr}");
    let public = site.path().join("public");
    let (checked, dangling) = common::site_problems(&public, "/kb/");
    assert!(checked > 30);
    assert!(dangling.is_empty(), "{dangling:#?}");
    let home = parse(&public.join("index.html"));
    let canonical = home.select(&sel("link[rel=canonical]")).next().unwrap();
    assert_eq!(
        canonical.value().attr("href"),
        Some("https://example.org/kb/")
    );
    let not_found = parse(&public.join("404.html"));
    let css = not_found
        .select(&sel("link[rel=stylesheet]"))
        .next()
        .unwrap();
    assert_eq!(css.value().attr("href"), Some("/kb/style.css"));
}

#[test]
fn script_in_content_comes_out_inert() {
    let site = fixture_copy();
    assert!(build(site.path(), &[]).0);
    let public = site.path().join("public");
    for (path, bytes) in dir_files(&public) {
        if !path.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(std::str::from_utf8(&bytes).unwrap());
        // Only the theme's own scripts, by URL; never one from content.
        for script in doc.select(&sel("script")) {
            let src = script.value().attr("src").unwrap_or("");
            assert!(
                src.ends_with(".js") && public.join(src.trim_start_matches('/')).is_file(),
                "{path} has a <script> that is not a theme file: {}",
                script.html()
            );
            assert!(script.inner_html().trim().is_empty(), "{path}");
        }
        assert_eq!(
            doc.select(&sel("[onerror], [onclick]")).count(),
            0,
            "{path}"
        );
        for a in doc.select(&sel("[href], [src]")) {
            let url = a.value().attr("href").or(a.value().attr("src")).unwrap();
            assert!(
                !url.to_lowercase().starts_with("javascript:"),
                "{path}: {url}"
            );
        }
    }
    let note = parse(&public.join("documents/en-note/index.html"));
    let text: String = note
        .select(&sel(".content"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(text.contains("<script>alert(\"pwned\")</script>"), "{text}");
    assert!(text.contains("a bad link"), "{text}");
}

#[test]
fn every_page_has_a_lang_attribute() {
    let site = fixture_copy();
    assert!(build(site.path(), &[]).0);
    let public = site.path().join("public");
    for (path, bytes) in dir_files(&public) {
        if path.ends_with(".html") {
            let doc = Html::parse_document(std::str::from_utf8(&bytes).unwrap());
            let html = doc.select(&sel("html")).next().unwrap();
            assert!(
                html.value().attr("lang").is_some_and(|l| !l.is_empty()),
                "{path}"
            );
        }
    }
    let zh = parse(&public.join("documents/a-74-130/index.html"));
    assert_eq!(
        zh.select(&sel("html")).next().unwrap().value().attr("lang"),
        Some("zh")
    );
    let vi = parse(&public.join("countries/vnm/index.html"));
    assert_eq!(
        vi.select(&sel("html")).next().unwrap().value().attr("lang"),
        Some("vi")
    );
    // Its heading shows the English name, marked as English.
    let h1 = vi.select(&sel("h1")).next().unwrap();
    assert_eq!(h1.value().attr("lang"), Some("en"));
    assert_eq!(h1.text().collect::<String>(), "Viet Nam");
}

#[test]
fn document_metadata_and_code_are_rendered() {
    let site = fixture_copy();
    assert!(build(site.path(), &[]).0);
    let public = site.path().join("public");
    let report = parse(&public.join("documents/a-74-130/index.html"));
    let meta: String = report
        .select(&sel("dl.meta"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(
        meta.contains("A/74/130") && meta.contains("2019-07-30"),
        "{meta}"
    );
    let note = parse(&public.join("documents/en-note/index.html"));
    assert!(
        note.select(&sel("pre code span[class^=hl-]"))
            .next()
            .is_some()
    );
    assert!(
        note.select(&sel("link[href='/highlight.css']"))
            .next()
            .is_some()
    );
    assert!(note.select(&sel("table td")).next().is_some());
    let about = parse(&public.join("about/index.html"));
    assert!(
        about
            .select(&sel("link[href='/highlight.css']"))
            .next()
            .is_none()
    );
    // A section without _index.md still gets a list of its pages.
    let docs = parse(&public.join("documents/index.html"));
    let listed: Vec<String> = docs
        .select(&sel(".page-list a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        listed,
        vec![
            "/documents/vi-note/",
            "/documents/en-note/",
            "/documents/a-74-130/"
        ]
    );
}

#[test]
fn broken_link_names_file_line_and_target_and_keeps_previous_output() {
    let site = fixture_copy();
    assert!(build(site.path(), &[]).0);
    let public = site.path().join("public");
    let before = dir_files(&public);
    write(
        site.path(),
        "content/documents/broken.md",
        "---\ntitle: Broken\n---\n\nFine line.\n\nSee [nowhere](../countries/zzz.md) here.\n\nAnd [a missing paragraph](a-74-130.md#p-99).\n",
    );
    let (ok, _, stderr) = build(site.path(), &[]);
    assert!(!ok);
    assert!(
        stderr.contains(
            "content/documents/broken.md:7: broken link to ../countries/zzz.md (no such page)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/documents/broken.md:9: broken link to a-74-130.md#p-99"),
        "{stderr}"
    );
    assert_eq!(dir_files(&public), before, "a failed build changed public/");
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn malformed_front_matter_names_file_line_and_column() {
    let site = fixture_copy();
    write(
        site.path(),
        "content/documents/bad.md",
        "---\ntitle: Bad\ncountries: [ARG, VNM\n---\n\nText.\n",
    );
    let (ok, _, stderr) = build(site.path(), &[]);
    assert!(!ok);
    let line = stderr
        .lines()
        .find(|l| l.contains("content/documents/bad.md:"))
        .unwrap_or_else(|| panic!("{stderr}"));
    let rest = line.split("content/documents/bad.md:").nth(1).unwrap();
    let mut parts = rest.split(':');
    let l: usize = parts.next().unwrap().parse().unwrap();
    let c: Result<usize, _> = parts.next().unwrap().parse();
    assert!(l >= 3, "{line}");
    assert!(c.is_ok(), "no column in {line}");
    assert!(
        !site.path().join("public").exists(),
        "nothing should be written"
    );
}

#[test]
fn unknown_front_matter_key_lists_the_valid_keys() {
    let site = fixture_copy();
    write(
        site.path(),
        "content/x.md",
        "---\ntitle: X\ncountry: ARG\n---\n",
    );
    let (ok, _, stderr) = build(site.path(), &[]);
    assert!(!ok);
    assert!(
        stderr.contains("content/x.md:3:1: unknown front matter key `country`"),
        "{stderr}"
    );
    assert!(stderr.contains("countries"), "{stderr}");
}

#[test]
fn non_utf8_and_duplicate_urls_are_named() {
    let site = fixture_copy();
    std::fs::write(
        site.path().join("content/latin1.md"),
        b"---\ntitle: Caf\xe9\n---\n",
    )
    .unwrap();
    write(
        site.path(),
        "content/countries.md",
        "---\ntitle: Clash\n---\n",
    );
    let (ok, _, stderr) = build(site.path(), &[]);
    assert!(!ok);
    assert!(
        stderr.contains("content/latin1.md:2:") && stderr.contains("UTF-8"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/countries/_index.md") && stderr.contains("content/countries.md"),
        "{stderr}"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let site = fixture_copy();
    let (ok1, _, e1) = build(
        site.path(),
        &["--output", site.path().join("out1").to_str().unwrap()],
    );
    let (ok2, _, e2) = build(
        site.path(),
        &["--output", site.path().join("out2").to_str().unwrap()],
    );
    assert!(ok1 && ok2, "{e1}{e2}");
    let a = dir_files(&site.path().join("out1"));
    let b = dir_files(&site.path().join("out2"));
    assert!(a.len() > 8);
    assert_eq!(a, b);
}

#[test]
fn rebuilding_replaces_stale_files() {
    let site = fixture_copy();
    assert!(build(site.path(), &[]).0);
    std::fs::remove_file(site.path().join("content/about.md")).unwrap();
    write(
        site.path(),
        "content/_index.md",
        "---\ntitle: Home\n---\nHi\n",
    );
    assert!(build(site.path(), &[]).0);
    assert!(!site.path().join("public/about/index.html").exists());
}

#[test]
fn check_reports_all_problems_and_writes_nothing() {
    let site = fixture_copy();
    write(
        site.path(),
        "content/a.md",
        "---\ntitle: A\n---\n[x](nope.md)\n",
    );
    write(
        site.path(),
        "content/b.md",
        "---\ntitle: B\ndate: tomorrow\n---\n",
    );
    write(
        site.path(),
        "content/c.md",
        "---\ntitle: C\n---\n[y](#missing)\n",
    );
    let out = pilcrow()
        .args(["check", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("content/a.md:4: broken link to nope.md (no such page)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/b.md:3: `date: tomorrow`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/c.md:4: broken link to #missing"),
        "{stderr}"
    );
    assert!(stderr.contains("3 problems found"), "{stderr}");
    assert!(!site.path().join("public").exists());
}

#[test]
fn check_on_a_good_site_says_so() {
    let site = fixture_copy();
    pilcrow()
        .args(["check", "--root"])
        .arg(site.path())
        .assert()
        .success()
        .stdout("No problems found in 17 pages.\n");
    assert!(!site.path().join("public").exists());
}

#[test]
fn template_error_names_the_template_and_line() {
    let site = fixture_copy();
    let out = pilcrow()
        .arg("init")
        .arg(site.path().join("t"))
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::rename(site.path().join("t/themes"), site.path().join("themes")).unwrap();
    write(
        site.path(),
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.titel }}</h1>\n{% endblock content %}\n",
    );
    let (ok, _, stderr) = build(site.path(), &[]);
    assert!(!ok);
    assert!(
        stderr.contains("themes/default/templates/page.html:3:"),
        "{stderr}"
    );
    assert!(stderr.contains("titel"), "{stderr}");
}

#[test]
fn allow_html_passes_raw_html_through() {
    let site = fixture_copy();
    write(
        site.path(),
        "site.toml",
        "title = \"T\"\n[markdown]\nallow_html = true\n",
    );
    write(
        site.path(),
        "content/raw.md",
        "---\ntitle: Raw\n---\n<aside class=\"note\">Kept</aside>\n",
    );
    assert!(build(site.path(), &[]).0);
    let raw = parse(&site.path().join("public/raw/index.html"));
    assert!(raw.select(&sel("aside.note")).next().is_some());
}

#[test]
fn drafts_are_not_built_and_links_to_them_are_errors() {
    let site = fixture_copy();
    write(
        site.path(),
        "content/wip.md",
        "---\ntitle: WIP\ndraft: true\n---\n",
    );
    assert!(build(site.path(), &[]).0);
    assert!(!site.path().join("public/wip").exists());
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: About\n---\n[wip](wip.md)\n",
    );
    let (ok, _, stderr) = build(site.path(), &[]);
    assert!(!ok);
    assert!(stderr.contains("draft"), "{stderr}");
}

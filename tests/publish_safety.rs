//! What a build publishes is what the publisher wrote: front matter
//! cannot put a script into a page, a symlink cannot publish a file from
//! outside the site, raw `.html`/`.svg` files follow `[content]
//! raw_html_files`, and messages name the file at fault.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A small site: `site.toml` (with `extra_config` appended) and a home page.
fn site(extra_config: &str) -> TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    write(
        &root,
        "site.toml",
        &format!("title = \"T\"\n{extra_config}"),
    );
    write(&root, "content/_index.md", "---\ntitle: Home\n---\nHello\n");
    tmp
}

fn root(tmp: &TempDir) -> std::path::PathBuf {
    tmp.path().join("site")
}

/// Runs `pilcrow CMD --root ROOT`; returns (success, stdout, stderr).
fn run(cmd: &str, root: &Path) -> (bool, String, String) {
    let out = Command::cargo_bin("pilcrow")
        .unwrap()
        .arg(cmd)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every `src`/`href` a page loads a script or stylesheet from.
fn loaded_urls(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("script[src], link[href], img[src], iframe[src]").unwrap();
    doc.select(&sel)
        .filter_map(|e| e.attr("src").or(e.attr("href")).map(str::to_string))
        .collect()
}

// --- Front matter never chooses a script -------------------------------

#[test]
fn front_matter_cannot_choose_the_search_template_and_its_script() {
    let tmp = site("");
    let root = root(&tmp);
    write(
        &root,
        "content/evil.md",
        "---\ntitle: Evil\ntemplate: search.html\nextra:\n  search:\n    available: true\n    script: \"data:text/javascript,alert(1)\"\n---\nHi\n",
    );
    let (ok, _, err) = run("build", &root);
    assert!(!ok, "the build must fail: {err}");
    assert!(err.contains("content/evil.md:3"), "{err}");
    assert!(err.contains("search.html"), "{err}");
    assert!(!root.join("public").exists(), "nothing may be written");
}

#[test]
fn a_script_url_in_extra_is_refused_with_its_line() {
    let tmp = site("");
    let root = root(&tmp);
    write(
        &root,
        "content/a.md",
        "---\ntitle: A\nextra:\n  links:\n    - https://example.org/\n    - \"JavaScript:alert(1)\"\n---\nHi\n",
    );
    let (ok, _, err) = run("check", &root);
    assert!(!ok, "{err}");
    assert!(err.contains("content/a.md:6"), "{err}");
    assert!(err.contains("extra.links[1]"), "{err}");
}

#[test]
fn theme_internal_templates_and_partials_cannot_be_chosen() {
    for name in ["404.html", "base.html", "graph.html", "_row.html"] {
        let tmp = site("");
        let root = root(&tmp);
        write(
            &root,
            "content/a.md",
            &format!("---\ntitle: A\n\ntemplate: {name}\n---\nHi\n"),
        );
        let (ok, _, err) = run("check", &root);
        assert!(!ok, "{name}: {err}");
        assert!(err.contains("content/a.md:4"), "{name}: {err}");
    }
}

#[test]
fn the_search_page_loads_only_the_themes_script() {
    let tmp = site("");
    let root = root(&tmp);
    write(
        &root,
        "content/a.md",
        "---\ntitle: A\nextra:\n  search:\n    script: /evil.js\n---\nHi\n",
    );
    let (ok, _, err) = run("build", &root);
    assert!(ok, "{err}");
    for page in ["public/search/index.html", "public/a/index.html"] {
        let urls = loaded_urls(&read(&root, page));
        assert!(!urls.iter().any(|u| u.contains("evil")), "{page}: {urls:?}");
    }
    let search = loaded_urls(&read(&root, "public/search/index.html"));
    if cfg!(feature = "search") {
        assert!(search.iter().any(|u| u == "/search.js"), "{search:?}");
    }
}

// --- Symbolic links --------------------------------------------------

#[cfg(unix)]
#[test]
fn a_symlink_to_a_file_outside_the_site_is_not_published() {
    let tmp = site("");
    let root = root(&tmp);
    write(tmp.path(), "private/secret.txt", "secret");
    std::os::unix::fs::symlink(
        tmp.path().join("private/secret.txt"),
        root.join("content/leak.txt"),
    )
    .unwrap();
    let (ok, _, err) = run("build", &root);
    assert!(!ok, "{err}");
    assert!(err.contains("content/leak.txt"), "{err}");
    assert!(err.contains("outside the site"), "{err}");
    assert!(!root.join("public").exists());
    let (ok, _, err) = run("check", &root);
    assert!(!ok && err.contains("content/leak.txt"), "{err}");
    // Removing the link is all it takes.
    std::fs::remove_file(root.join("content/leak.txt")).unwrap();
    let (ok, _, err) = run("build", &root);
    assert!(ok, "{err}");
}

#[cfg(unix)]
#[test]
fn etc_passwd_through_a_symlink_is_refused() {
    let tmp = site("");
    let root = root(&tmp);
    std::os::unix::fs::symlink("/etc/passwd", root.join("content/leak.txt")).unwrap();
    let (ok, _, err) = run("build", &root);
    assert!(!ok, "{err}");
    assert!(err.contains("content/leak.txt"), "{err}");
    assert!(!root.join("public/leak.txt").exists());
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_is_a_warning_and_the_site_still_builds() {
    let tmp = site("");
    let root = root(&tmp);
    write(&root, "shared/a.md", "---\ntitle: A\n---\nA\n");
    write(&root, "shared/logo.txt", "logo");
    std::os::unix::fs::symlink(root.join("shared/gone.md"), root.join("shared/b.md")).unwrap();
    std::os::unix::fs::symlink(root.join("shared"), root.join("content/shared")).unwrap();
    let (ok, _, err) = run("build", &root);
    assert!(ok, "{err}");
    assert!(err.contains("content/shared/b.md"), "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert!(root.join("public/shared/a/index.html").is_file());
    assert_eq!(read(&root, "public/shared/logo.txt"), "logo");
    // `check` says so too.
    let (ok, _, err) = run("check", &root);
    assert!(ok, "{err}");
    assert!(err.contains("content/shared/b.md"), "{err}");
}

// --- Messages that name the file at fault ----------------------------

#[test]
fn a_content_page_on_the_search_pages_url_is_named() {
    let tmp = site("");
    let root = root(&tmp);
    write(
        &root,
        "content/search.md",
        "---\ntitle: My search\n---\nHi\n",
    );
    let (ok, _, err) = run("check", &root);
    assert!(!ok, "{err}");
    assert!(err.contains("content/search.md"), "{err}");
    assert!(err.contains("search page"), "{err}");
    assert!(!err.contains("theme static file"), "{err}");
}

#[test]
fn a_content_asset_named_like_a_generated_file_is_named_with_it() {
    let tmp = site("");
    let root = root(&tmp);
    write(&root, "content/robots.txt", "User-agent: *\n");
    let (ok, _, err) = run("check", &root);
    assert!(!ok, "{err}");
    assert!(err.contains("content/robots.txt"), "{err}");
    assert!(err.contains("the path of pilcrow's robots.txt"), "{err}");
}

#[test]
fn number_like_titles_keep_their_text() {
    let tmp = site("");
    let root = root(&tmp);
    write(&root, "content/a.md", "---\ntitle: 0x1F\n---\nHi\n");
    write(
        &root,
        "content/b.md",
        "---\ntitle: 1e3\nsymbol: 0o17\n---\nHi\n",
    );
    let (ok, _, err) = run("build", &root);
    assert!(ok, "{err}");
    let a = read(&root, "public/a/index.html");
    assert!(a.contains("<h1>0x1F</h1>") || a.contains(">0x1F<"), "{a}");
    assert!(!a.contains(">31<"), "{a}");
    let b = read(&root, "public/b/index.html");
    assert!(b.contains(">1e3<") && b.contains("0o17"), "{b}");
    assert!(!b.contains(">1000<"), "{b}");
}

// --- .html and .svg in content/ ----------------------------------------

const EVIL_SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><circle r="4"/></svg>"#;

fn site_with_raw_files(config: &str) -> TempDir {
    let tmp = site(config);
    let root = root(&tmp);
    write(&root, "content/img/logo.svg", EVIL_SVG);
    write(&root, "content/old/page.html", "<script>alert(3)</script>");
    write(&root, "content/img/photo.png", "png");
    tmp
}

#[test]
fn html_and_svg_are_published_as_they_are_by_default() {
    let tmp = site_with_raw_files("");
    let root = root(&tmp);
    let (ok, _, err) = run("build", &root);
    assert!(ok, "{err}");
    assert!(
        !err.contains("logo.svg") && !err.contains("page.html"),
        "{err}"
    );
    assert_eq!(read(&root, "public/img/logo.svg"), EVIL_SVG);
    assert_eq!(
        read(&root, "public/old/page.html"),
        "<script>alert(3)</script>"
    );
}

#[test]
fn html_and_svg_can_be_refused() {
    let tmp = site_with_raw_files("[content]\nhtml_and_svg = \"refuse\"\n");
    let root = root(&tmp);
    let (ok, _, err) = run("check", &root);
    assert!(!ok, "{err}");
    assert!(err.contains("content/img/logo.svg"), "{err}");
    assert!(err.contains("content/old/page.html"), "{err}");
    assert!(!err.contains("photo.png"), "{err}");
    let (ok, _, _) = run("build", &root);
    assert!(!ok);
    assert!(!root.join("public").exists());
}

#[test]
fn svg_can_be_sanitized_and_html_is_then_refused() {
    let tmp = site_with_raw_files("[content]\nhtml_and_svg = \"sanitize\"\n");
    let root = root(&tmp);
    let (ok, _, err) = run("build", &root);
    assert!(!ok, "{err}");
    assert!(err.contains("content/old/page.html"), "{err}");
    assert!(!err.contains("logo.svg"), "{err}");
    std::fs::remove_file(root.join("content/old/page.html")).unwrap();
    let (ok, _, err) = run("build", &root);
    assert!(ok, "{err}");
    let svg = read(&root, "public/img/logo.svg");
    assert!(!svg.contains("alert") && !svg.contains("onload"), "{svg}");
    assert!(svg.contains("<circle r=\"4\"/>"), "{svg}");
    assert_eq!(read(&root, "public/img/photo.png"), "png");
}

#[test]
fn an_unknown_html_and_svg_word_is_named_with_its_line() {
    let tmp = site("\n[content]\nhtml_and_svg = \"strip\"\n");
    let (ok, _, err) = run("check", &root(&tmp));
    assert!(!ok, "{err}");
    assert!(err.contains("site.toml:4"), "{err}");
    assert!(err.contains("refuse") && err.contains("sanitize"), "{err}");
}

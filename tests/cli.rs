//! The command line itself: help, usage errors, init, ingest wiring.

use assert_cmd::Command;
use predicates::prelude::*;

fn pilcrow() -> Command {
    Command::cargo_bin("pilcrow").unwrap()
}

#[test]
fn help_lists_only_working_commands() {
    let out = pilcrow().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for cmd in ["build", "check", "init", "ingest", "serve"] {
        assert!(help.contains(cmd), "{help}");
    }
    for cmd in ["build", "check", "init", "ingest", "serve"] {
        pilcrow().args([cmd, "--help"]).assert().success();
    }
}

#[test]
fn usage_errors_exit_2() {
    pilcrow().arg("frobnicate").assert().code(2);
    pilcrow().args(["build", "--no-such-flag"]).assert().code(2);
    pilcrow().arg("init").assert().code(2);
}

#[test]
fn missing_site_toml_exits_1_with_a_hint() {
    let tmp = tempfile::tempdir().unwrap();
    pilcrow()
        .args(["build", "--root"])
        .arg(tmp.path())
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("site.toml").and(predicate::str::contains("pilcrow init")),
        );
}

#[test]
fn invalid_site_toml_names_the_key_and_line_without_the_init_hint() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("site.toml"),
        "title = \"T\"\ntitel = \"x\"\n",
    )
    .unwrap();
    pilcrow()
        .args(["check", "--root"])
        .arg(tmp.path())
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("site.toml:2:1")
                .and(predicate::str::contains("titel"))
                .and(predicate::str::contains("pilcrow init").not()),
        );
}

#[test]
fn bad_base_url_flag_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("site.toml"), "title = \"T\"\n").unwrap();
    pilcrow()
        .args(["build", "--base-url", "example.org", "--root"])
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--base-url"));
}

#[test]
fn init_scaffolds_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("kb");
    pilcrow()
        .arg("init")
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::contains("pilcrow build --root"));
    assert!(dir.join("themes/default/templates/base.html").is_file());
    pilcrow()
        .args(["build", "--root"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Built 2 pages (+2 generated"))
        // A new site is complete as scaffolded: nothing to warn about.
        .stderr(predicate::str::contains("warning").not());
    assert!(dir.join("public/sitemap.xml").is_file());
    let page =
        std::fs::read_to_string(dir.join("public/pages/getting-started/index.html")).unwrap();
    assert!(page.contains("id=\"p-2\""), "{page}");
    // A second init into the now non-empty dir refuses and keeps the files:
    // a wrong argument, exit 2.
    pilcrow()
        .arg("init")
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not empty"));
    assert!(dir.join("site.toml").is_file());
}

#[test]
fn build_without_a_theme_dir_uses_the_built_in_default() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("site.toml"),
        "title = \"T\"\nlanguage = \"vi\"\n",
    )
    .unwrap();
    std::fs::create_dir(tmp.path().join("content")).unwrap();
    std::fs::write(
        tmp.path().join("content/x.md"),
        "---\ntitle: Xin chào\n---\nViệt Nam\n",
    )
    .unwrap();
    pilcrow()
        .args(["build", "--root"])
        .arg(tmp.path())
        .assert()
        .success();
    let html = std::fs::read_to_string(tmp.path().join("public/x/index.html")).unwrap();
    assert!(html.contains("<html lang=\"vi\">"), "{html}");
    assert!(tmp.path().join("public/style.css").is_file());
}

#[test]
fn ingest_reports_and_exits_0() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("site.toml"), "title = \"T\"\n").unwrap();
    std::fs::create_dir(tmp.path().join("seeds")).unwrap();
    pilcrow()
        .args(["ingest", "--root"])
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("files written"));
}

#[test]
fn output_dir_that_would_delete_the_sources_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("site.toml"), "title = \"T\"\n").unwrap();
    std::fs::create_dir(tmp.path().join("content")).unwrap();
    std::fs::write(tmp.path().join("content/x.md"), "---\ntitle: X\n---\n").unwrap();
    pilcrow()
        .args(["build", "--output"])
        .arg(tmp.path())
        .arg("--root")
        .arg(tmp.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("choose another output_dir"));
    assert!(tmp.path().join("content/x.md").is_file());
    assert!(tmp.path().join("site.toml").is_file());
}

#[test]
fn content_and_output_flags_override_site_toml() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("site.toml"), "title = \"T\"\n").unwrap();
    let notes = tmp.path().join("notes");
    std::fs::create_dir(&notes).unwrap();
    std::fs::write(notes.join("n.md"), "---\ntitle: Note\n---\nA note.\n").unwrap();
    let out = tmp.path().join("site-out");
    pilcrow()
        .args(["build", "--root"])
        .arg(tmp.path())
        .arg("--content")
        .arg(&notes)
        .arg("--output")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("site-out/"));
    assert!(out.join("n/index.html").is_file());
    assert!(!tmp.path().join("public").exists());
}

#[test]
fn ingest_works_in_a_site_made_by_init() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    pilcrow().arg("init").arg(&site).assert().success();
    assert!(site.join("seeds").is_dir(), "init makes seeds/");
    std::fs::write(
        site.join("seeds/note.md"),
        "---\ntitle: A note on cybercrime\ndate: 2024-05-01\n---\n\nViet Nam and Chile met. See the [FAQ](faq.md).\n",
    )
    .unwrap();
    pilcrow()
        .args(["ingest", "--root"])
        .arg(&site)
        .assert()
        .success();
    let page =
        std::fs::read_to_string(site.join("content/documents/a-note-on-cybercrime.md")).unwrap();
    assert!(
        page.contains("title: \"A note on cybercrime\"")
            || page.contains("title: A note on cybercrime"),
        "{page}"
    );
    assert!(page.contains("date: 2024-05-01"), "{page}");
    assert!(page.contains("countries: [CHL, VNM]"), "{page}");
    // The link to an input that does not exist became its text.
    assert!(page.contains("See the FAQ."), "{page}");
    pilcrow()
        .args(["build", "--root"])
        .arg(&site)
        .assert()
        .success();
}

#[test]
fn ingest_outside_a_site_says_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    pilcrow()
        .args(["ingest", "--root"])
        .arg(tmp.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("pilcrow init"));
    // Both directories named: no site.toml needed.
    let seeds = tmp.path().join("in");
    std::fs::create_dir(&seeds).unwrap();
    std::fs::write(
        seeds.join("a.txt"),
        "Report on cybercrime\n\nText about the report.\n",
    )
    .unwrap();
    pilcrow()
        .args(["ingest", "--seeds"])
        .arg(&seeds)
        .arg("--content")
        .arg(tmp.path().join("out"))
        .assert()
        .success();
    assert!(tmp.path().join("out/documents").is_dir());
    // A seeds directory that does not exist is named.
    std::fs::write(tmp.path().join("site.toml"), "title = \"T\"\n").unwrap();
    pilcrow()
        .args(["ingest", "--root"])
        .arg(tmp.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("seeds"));
}

#[test]
fn commands_find_the_site_from_any_directory_inside_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("kb");
    pilcrow().arg("init").arg(&dir).assert().success();
    // From content/pages/, as Zola and Hugo do: site.toml is found above.
    let inside = dir.join("content/pages");
    pilcrow()
        .current_dir(&inside)
        .arg("check")
        .assert()
        .success();
    // `-o` names the output directory, as in Zola (relative to where
    // the command runs).
    pilcrow()
        .current_dir(&inside)
        .args(["build", "-o", "../../out"])
        .assert()
        .success();
    assert!(dir.join("out/index.html").is_file());
    assert!(!dir.join("public").exists());
    assert!(!inside.join("public").exists());
    pilcrow()
        .current_dir(&inside)
        .arg("ingest")
        .assert()
        .success();
    // Outside any site: the hint, exit 1.
    pilcrow()
        .current_dir(tmp.path())
        .arg("check")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("pilcrow init"));
}

#[test]
fn a_bad_interface_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    pilcrow()
        .arg("init")
        .arg(tmp.path().join("kb"))
        .assert()
        .success();
    pilcrow()
        .args(["serve", "--interface", "nowhere", "--root"])
        .arg(tmp.path().join("kb"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--interface"));
}

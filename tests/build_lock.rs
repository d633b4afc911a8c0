//! Two `pilcrow build` runs on one site at once (a CI job and an editor,
//! two terminals): the second waits for the first, says so, and both
//! finish with the output a clean build writes and a cache that still
//! describes it (the next edit builds incrementally to the same bytes).

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;
use common::{copy_dir, output_files};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/basic");
const WAITING: &str = "Waiting for another build of this site to finish";

fn pilcrow_build(root: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pilcrow"));
    c.arg("build").arg("--root").arg(root);
    c
}

fn built(out: Output) {
    assert!(
        out.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The fixture site with `docs` more documents citing its countries, so
/// that a build takes long enough for two to overlap.
fn site(tmp: &Path, docs: usize) -> PathBuf {
    let root = tmp.join("site");
    copy_dir(Path::new(FIXTURE), &root);
    for k in 0..docs {
        let body: String = (1..=20)
            .map(|p| {
                let c = ["arg", "mng", "vnm"][(k + p) % 3];
                format!(
                    "{p}\\. Paragraph {p} of document {k} on [{c}](../countries/{c}.md). ^p-{p}\n\n"
                )
            })
            .collect();
        std::fs::write(
            root.join(format!("content/documents/gen-{k:03}.md")),
            format!("---\nkind: document\ntitle: Generated {k}\n---\n\n{body}"),
        )
        .unwrap();
    }
    root
}

/// What a clean build of `root`'s content writes (in a fresh copy).
fn clean_build(root: &Path, n: usize) -> BTreeMap<String, Vec<u8>> {
    let copy = root.with_file_name(format!("clean-{n}"));
    std::fs::create_dir_all(&copy).unwrap();
    std::fs::copy(root.join("site.toml"), copy.join("site.toml")).unwrap();
    copy_dir(&root.join("content"), &copy.join("content"));
    built(pilcrow_build(&copy).output().unwrap());
    let out = output_files(&copy.join("public"));
    std::fs::remove_dir_all(&copy).unwrap();
    out
}

fn assert_same(now: &BTreeMap<String, Vec<u8>>, clean: &BTreeMap<String, Vec<u8>>, when: &str) {
    let differ: Vec<&String> = now
        .keys()
        .chain(clean.keys())
        .filter(|k| now.get(*k) != clean.get(*k))
        .collect();
    assert!(
        differ.is_empty(),
        "{when}: not what a clean build writes: {differ:?}"
    );
}

#[test]
fn two_builds_at_once_both_finish_with_what_a_clean_build_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let root = site(tmp.path(), 150);
    built(pilcrow_build(&root).output().unwrap());
    for round in 0..6 {
        // Edits in place (incremental builds), and a page added (clean).
        let doc = root.join(format!("content/documents/gen-{:03}.md", round * 7));
        let mut text = std::fs::read_to_string(&doc).unwrap();
        text.push_str(&format!(
            "\nRound {round} cites [vnm](../countries/vnm.md).\n"
        ));
        std::fs::write(&doc, text).unwrap();
        if round % 3 == 2 {
            std::fs::write(
                root.join(format!("content/documents/new-{round}.md")),
                "---\nkind: document\ntitle: New\n---\n\nOn [arg](../countries/arg.md).\n",
            )
            .unwrap();
        }
        let first = pilcrow_build(&root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let second = pilcrow_build(&root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        built(first.wait_with_output().unwrap());
        built(second.wait_with_output().unwrap());
        assert_same(
            &output_files(&root.join("public")),
            &clean_build(&root, round),
            &format!("round {round}"),
        );
    }
}

#[test]
fn a_build_waits_while_another_build_of_the_site_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let root = site(tmp.path(), 3);
    // Another build holds the site (as a running `pilcrow build` does).
    let dir = root.join(".pilcrow-cache");
    std::fs::create_dir_all(&dir).unwrap();
    let held = std::fs::File::create(dir.join("build.lock")).unwrap();
    held.lock().unwrap();
    let mut child = pilcrow_build(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert!(line.starts_with(WAITING), "no word of waiting: {line:?}");
    // It waits: nothing written while the other build runs.
    assert!(child.try_wait().unwrap().is_none(), "it did not wait");
    assert!(
        !root.join("public").exists(),
        "it wrote while another build ran"
    );
    drop(held);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{rest}");
    assert_same(
        &output_files(&root.join("public")),
        &clean_build(&root, 0),
        "after waiting",
    );
}

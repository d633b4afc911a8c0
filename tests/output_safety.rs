//! `pilcrow build` never deletes or overwrites a file it did not write,
//! whatever the flags, the configuration or the interruption: killed at any
//! point, out of disk space, or facing a read-only output, every source
//! survives byte for byte and the output is the old or the new complete site.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_pilcrow");

/// Every file under `dir` (symlinks as their target text), by relative path.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}

fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let meta = std::fs::symlink_metadata(&path).unwrap();
        if meta.file_type().is_symlink() {
            let target = std::fs::read_link(&path).unwrap();
            out.insert(rel, target.to_string_lossy().as_bytes().to_vec());
        } else if meta.is_dir() {
            out.insert(format!("{rel}/"), Vec::new());
            walk(root, &path, out);
        } else {
            out.insert(rel, std::fs::read(&path).unwrap());
        }
    }
}

/// Everything the site is made from (all but `public/`).
fn sources(root: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(root)
        .into_iter()
        .filter(|(k, _)| {
            !k.starts_with("public/")
                && !k.starts_with(".public.")
                && !k.starts_with(&format!("{}/", pilcrow::build::cache::DIR))
        })
        .collect()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A site of `n` linked documents; `version` changes every title.
fn write_content(root: &Path, n: usize, version: u32) {
    let content = root.join("content");
    if content.exists() {
        std::fs::remove_dir_all(&content).unwrap();
    }
    write(
        &content.join("_index.md"),
        &format!("---\ntitle: Home v{version}\n---\nWelcome.\n"),
    );
    for i in 0..n {
        let next = (i + 1) % n;
        let body: String = (1..=6)
            .map(|p| {
                format!(
                    "{p}\\. Paragraph {p} of document {i}, version {version}, citing [document {next}](d{next}.md). ^p-{p}\n\n"
                )
            })
            .collect();
        write(
            &content.join(format!("documents/d{i}.md")),
            &format!(
                "---\ntitle: Document {i} v{version}\ndate: 2020-01-{:02}\n---\n{body}",
                i % 28 + 1
            ),
        );
    }
}

fn new_site(n: usize) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    write(&root.join("site.toml"), "title = \"Safety\"\n");
    write(&root.join("seeds/raw.txt"), "A raw document.\n");
    write_content(&root, n, 1);
    (tmp, root)
}

fn pilcrow(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn build_ok(root: &Path) {
    let o = pilcrow(root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Names in the site root besides the site's own (and the build cache,
/// which the next build reads): what a build left behind.
fn leftovers(root: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            ![
                "site.toml",
                "content",
                "seeds",
                "public",
                pilcrow::build::cache::DIR,
            ]
            .contains(&n.as_str())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn no_output_setting_can_reach_the_sources() {
    let (tmp, root) = new_site(3);
    build_ok(&root);
    let before = sources(&root);
    let site_public = snapshot(&root.join("public"));
    for (how, output) in [
        ("--output", "../site"),
        ("--output", ".."),
        ("--output", "."),
        ("--output", "content"),
        ("--output", "content/../content"),
        ("--output", "seeds"),
        ("--output", "content/public"),
        ("--output", "site.toml"),
        ("output_dir", "../site"),
        ("output_dir", "content/../content"),
        ("output_dir", "seeds"),
        ("output_dir", "content/public"),
    ] {
        let config = if how == "output_dir" {
            format!("title = \"Safety\"\noutput_dir = \"{output}\"\n")
        } else {
            "title = \"Safety\"\n".to_string()
        };
        std::fs::write(root.join("site.toml"), &config).unwrap();
        let mut expected = before.clone();
        expected.insert("site.toml".into(), config.into_bytes());
        for command in ["build", "check"] {
            let mut args = vec![command];
            if how == "--output" && command == "build" {
                args.extend(["--output", output]);
            }
            let o = pilcrow(&root, &args);
            if how == "--output" && command == "check" {
                continue;
            }
            assert!(!o.status.success(), "{command} {how} {output} succeeded");
            assert!(
                stderr(&o).contains("output directory"),
                "{command} {how} {output}: {}",
                stderr(&o)
            );
            assert_eq!(sources(&root), expected, "{command} {how} {output}");
            assert_eq!(snapshot(&root.join("public")), site_public);
            assert_eq!(leftovers(&root), Vec::<String>::new(), "{how} {output}");
            assert_eq!(
                std::fs::read_dir(tmp.path()).unwrap().count(),
                1,
                "{how} {output}: something was written beside the site"
            );
        }
    }
}

#[test]
fn an_output_pilcrow_did_not_write_is_never_replaced() {
    let (tmp, root) = new_site(2);
    // A regular file named as the output.
    let file = tmp.path().join("notes.txt");
    std::fs::write(&file, "my notes").unwrap();
    let o = pilcrow(&root, &["build", "--output", file.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("is a file"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my notes");
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 2);

    // A directory of someone else's files.
    let docs = tmp.path().join("docs");
    write(&docs.join("thesis.tex"), "chapter 1");
    let o = pilcrow(&root, &["build", "--output", docs.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("did not write"), "{}", stderr(&o));
    assert_eq!(snapshot(&docs).len(), 1);
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 3);
}

#[test]
fn files_added_to_the_output_by_hand_survive_a_rebuild() {
    let (_tmp, root) = new_site(2);
    build_ok(&root);
    let public = root.join("public");
    write(&public.join("CNAME"), "docs.example.org\n");
    write(&public.join(".git/HEAD"), "ref: refs/heads/gh-pages\n");
    write(&public.join("documents/annex.pdf"), "%PDF");
    write_content(&root, 1, 2);
    build_ok(&root);
    assert_eq!(
        std::fs::read_to_string(public.join("CNAME")).unwrap(),
        "docs.example.org\n"
    );
    assert!(public.join(".git/HEAD").is_file());
    assert!(public.join("documents/annex.pdf").is_file());
    // The page of the removed document is gone: it was pilcrow's.
    assert!(!public.join("documents/d1/index.html").exists());
    assert!(public.join("documents/d0/index.html").is_file());
    assert_eq!(leftovers(&root), Vec::<String>::new());
}

/// A tiny deterministic generator: the seed is printed, so a failing run
/// can be repeated with `PILCROW_FAULT_SEED`.
struct Rng(u64);

impl Rng {
    fn from_env() -> Rng {
        let seed = std::env::var("PILCROW_FAULT_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
            });
        eprintln!("PILCROW_FAULT_SEED={seed}");
        Rng(seed)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

#[test]
fn a_build_killed_at_any_point_leaves_the_old_or_the_new_site() {
    let (_tmp, root) = new_site(40);
    // The two complete sites the output may hold.
    let started = Instant::now();
    build_ok(&root);
    let mut full = started.elapsed();
    let v1 = snapshot(&root.join("public"));
    write_content(&root, 40, 2);
    let started = Instant::now();
    build_ok(&root);
    full = full.max(started.elapsed());
    let v2 = snapshot(&root.join("public"));
    assert_ne!(v1, v2);

    let mut rng = Rng::from_env();
    for round in 0..24 {
        // Build the other version, and kill the build somewhere in it.
        let version = if snapshot(&root.join("public")) == v1 {
            2
        } else {
            1
        };
        write_content(&root, 40, version);
        let before = sources(&root);
        let mut child = Command::new(BIN)
            .current_dir(&root)
            .arg("build")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Most of a build is reading and rendering; writing and the swap
        // come last: half the kills aim at its second half.
        let ms = full.as_millis() as u64;
        let delay = if round % 2 == 0 {
            rng.below(ms * 12 / 10)
        } else {
            ms / 2 + rng.below(ms * 7 / 10)
        };
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(sources(&root), before, "round {round}: a source changed");
        let now = snapshot(&root.join("public"));
        eprintln!(
            "round {round}: killed after {delay} of ~{} ms; public/ is v{}; left behind: {:?}",
            full.as_millis(),
            if now == v1 { 1 } else { 2 },
            leftovers(&root)
        );
        assert!(
            now == v1 || now == v2,
            "round {round}, killed after {delay} ms: public/ is neither the old nor the new site ({} files)",
            now.len()
        );
    }
    // The next complete build cleans up after the killed ones.
    write_content(&root, 40, 2);
    build_ok(&root);
    assert_eq!(snapshot(&root.join("public")), v2);
    assert_eq!(leftovers(&root), Vec::<String>::new());
}

#[test]
fn a_build_that_cannot_write_a_file_changes_nothing() {
    let (_tmp, root) = new_site(5);
    build_ok(&root);
    let v1 = snapshot(&root.join("public"));
    write_content(&root, 5, 2);
    let before = sources(&root);
    // No file may grow beyond 4 KB: writes fail as on a full disk (EFBIG,
    // with SIGXFSZ ignored).
    let o = Command::new("sh")
        .current_dir(&root)
        .args(["-c", "trap '' XFSZ; ulimit -f 8; exec \"$0\" build", BIN])
        .output()
        .unwrap();
    assert!(!o.status.success(), "the build passed with 4 KB files");
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    assert_eq!(sources(&root), before);
    assert_eq!(snapshot(&root.join("public")), v1);
    assert_eq!(leftovers(&root), Vec::<String>::new());
}

/// Runs `script` as root of a user and mount namespace (`unshare -rm`), so
/// it may mount a small or read-only tmpfs; `None` where the kernel does
/// not allow it.
fn in_namespace(dir: &Path, script: &str) -> Option<Output> {
    let probe = Command::new("unshare")
        .args([
            "-rm",
            "sh",
            "-c",
            "mount -t tmpfs -o size=64k tmpfs \"$0\"",
            "/mnt",
        ])
        .output();
    match probe {
        Ok(o) if o.status.success() => {}
        _ => {
            eprintln!("skipped: this kernel allows no user+mount namespace (unshare -rm)");
            return None;
        }
    }
    Some(
        Command::new("unshare")
            .current_dir(dir)
            .args(["-rm", "sh", "-c", script, BIN])
            .output()
            .unwrap(),
    )
}

#[test]
fn a_full_disk_or_a_read_only_output_changes_nothing() {
    let (tmp, root) = new_site(5);
    build_ok(&root);
    let v1 = snapshot(&root.join("public"));
    // What the site takes on a tmpfs: whole 4 KB pages per file.
    let bytes: usize = v1
        .values()
        .map(|f| f.len().div_ceil(4096).max(1) * 4096)
        .sum();
    write_content(&root, 5, 2);
    let before = sources(&root);
    let copy = tmp.path().join("after");
    // The old site fits on the disk, the old and the new one do not.
    let small = format!(
        "set -e; mount -t tmpfs -o size={}k tmpfs disk; cp -a site/public disk/public; \
         if \"$0\" build --root site --output disk/public; then echo BUILT; fi; cp -a disk after",
        bytes * 3 / 2 / 1024 + 16
    );
    std::fs::create_dir(tmp.path().join("disk")).unwrap();
    let Some(o) = in_namespace(tmp.path(), &small) else {
        return;
    };
    assert!(!String::from_utf8_lossy(&o.stdout).contains("BUILT"));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    assert_eq!(snapshot(&copy.join("public")), v1);
    assert_eq!(std::fs::read_dir(&copy).unwrap().count(), 1, "staging left");
    assert_eq!(sources(&root), before);
    std::fs::remove_dir_all(&copy).unwrap();

    let read_only = "set -e; mount -t tmpfs tmpfs disk; cp -a site/public disk/public; \
         mount -o remount,ro disk; \
         if \"$0\" build --root site --output disk/public; then echo BUILT; fi; cp -a disk after";
    let o = in_namespace(tmp.path(), read_only).unwrap();
    assert!(!String::from_utf8_lossy(&o.stdout).contains("BUILT"));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    assert_eq!(snapshot(&copy.join("public")), v1);
    assert_eq!(sources(&root), before);
}

#[test]
fn a_rebuild_with_nothing_changed_writes_nothing() {
    let (_tmp, root) = new_site(3);
    build_ok(&root);
    let public = root.join("public");
    let before = snapshot(&public);
    let modified = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let page = public.join("documents/d0/index.html");
    let stamp = modified(&page);
    let o = pilcrow(&root, &["build"]);
    assert!(o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("Nothing changed"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert_eq!(snapshot(&public), before);
    assert_eq!(modified(&page), stamp, "an unchanged page was rewritten");
    // A page of the output deleted by hand: built again.
    std::fs::remove_file(&page).unwrap();
    build_ok(&root);
    assert_eq!(snapshot(&public), before);
    // An edit, another base URL: built again.
    write_content(&root, 3, 2);
    build_ok(&root);
    assert_ne!(snapshot(&public), before);
    let o = pilcrow(&root, &["build", "--base-url", "/kb/"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("Built"));
}

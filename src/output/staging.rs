//! The staging directory a build writes into, beside the output, and the
//! swap that puts it in place.
//!
//! Owns the output's siblings `.<name>.tmp-<pid>-<n>` (staging; a dead
//! process's are removed by the next build) and `.<name>.old` (only where
//! the file system cannot exchange two directories atomically). At every
//! instant the output path holds the old complete site or the new one.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use super::guard::{MARKER, Previous, marker_text};

/// A staging directory that is removed when dropped unless it was swapped
/// into place.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    done: bool,
}

fn sibling(output: &Path, suffix: &str) -> PathBuf {
    output.with_file_name(format!(".{}.{suffix}", name_of(output)))
}

fn name_of(output: &Path) -> String {
    output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned())
}

impl Staging {
    /// Creates an empty staging directory next to `output` (a path already
    /// resolved by the guard), after cleaning up what killed builds left.
    pub fn new(output: &Path) -> io::Result<Staging> {
        tidy(output)?;
        // pid plus a per-process counter: two builds in one process (serve,
        // tests) must not share (and delete) each other's staging dir.
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = sibling(output, &format!("tmp-{}-{n}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        if let Some(parent) = dir.parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::create_dir(&dir)?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            done: false,
        })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Puts the staged site in place of the output. `previous` is what the
    /// guard found there: files of it that pilcrow did not write are
    /// carried into the new site (hard links where possible), the staged
    /// files are listed in the marker, and the two directories are
    /// exchanged in one step where the file system allows it.
    /// `inputs` fingerprints what the site was built from (see
    /// `guard::up_to_date`).
    pub fn swap_into_place(self, previous: &Previous, inputs: Option<&str>) -> io::Result<()> {
        let mut written = Vec::new();
        list_files(&self.dir, "", &mut written)?;
        written.sort();
        let sized = written
            .into_iter()
            .map(|f| {
                let size = std::fs::symlink_metadata(self.dir.join(&f))?.len();
                Ok((f, size))
            })
            .collect::<io::Result<Vec<_>>>()?;
        self.swap_listed(previous, inputs, &sized)
    }

    /// [`Self::swap_into_place`] when the caller knows every file it
    /// put in the staging dir and its size (`sized`, sorted): an
    /// incremental build, which need not list them again.
    pub fn swap_listed(
        mut self,
        previous: &Previous,
        inputs: Option<&str>,
        sized: &[(String, u64)],
    ) -> io::Result<()> {
        if let Previous::Site(listed) = previous {
            carry_over(&self.output, &self.dir, listed)?;
        }
        std::fs::write(self.dir.join(MARKER), marker_text(sized, inputs))?;
        put_in_place(&self.dir, &self.output)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// `staging` becomes `output`; the old output is removed afterwards.
fn put_in_place(staging: &Path, output: &Path) -> io::Result<()> {
    if !exists(output) {
        return std::fs::rename(staging, output);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, staging, CWD, output, RenameFlags::EXCHANGE) {
            Ok(()) => {
                // `staging` now holds the old site. If this is interrupted,
                // the next build removes it as a dead process's staging.
                let _ = std::fs::remove_dir_all(staging);
                return Ok(());
            }
            Err(e)
                if e == rustix::io::Errno::INVAL
                    || e == rustix::io::Errno::NOSYS
                    || e == rustix::io::Errno::NOTSUP => {}
            Err(e) => return Err(e.into()),
        }
    }
    // No atomic exchange: old → `.old`, staging → output. A kill between
    // the two is repaired by the next build (`recover_interrupted_swap`).
    let old = sibling(output, "old");
    if exists(&old) {
        std::fs::remove_dir_all(&old)?;
    }
    std::fs::rename(output, &old)?;
    if let Err(e) = std::fs::rename(staging, output) {
        let _ = std::fs::rename(&old, output);
        return Err(e);
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

/// Removes what killed builds left beside `output` (their staging dirs, an
/// interrupted swap's `.old`), as every build does before it writes.
pub fn tidy(output: &Path) -> io::Result<()> {
    recover_interrupted_swap(output)?;
    remove_stale_stagings(output);
    Ok(())
}

/// A build killed between the two renames of the fallback swap left the
/// old site at `.<name>.old` and nothing at the output: put it back.
fn recover_interrupted_swap(output: &Path) -> io::Result<()> {
    let old = sibling(output, "old");
    if !exists(&old) {
        return Ok(());
    }
    if exists(output) {
        std::fs::remove_dir_all(&old)
    } else {
        std::fs::rename(&old, output)
    }
}

/// Removes staging directories of builds that are no longer running.
fn remove_stale_stagings(output: &Path) {
    let Some(parent) = output.parent() else {
        return;
    };
    let prefix = format!(".{}.tmp-", name_of(output));
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != std::process::id() && !running(pid, &entry.path()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether the build that made a staging dir may still be writing it.
fn running(pid: u32, dir: &Path) -> bool {
    if cfg!(target_os = "linux") {
        return Path::new("/proc").join(pid.to_string()).exists();
    }
    // Elsewhere: a staging dir untouched for an hour is abandoned.
    std::fs::metadata(dir)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age < std::time::Duration::from_secs(3600))
}

/// Every file (or symlink) under `dir`, `/`-separated, relative.
fn list_files(dir: &Path, rel: &str, out: &mut Vec<String>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir.join(rel))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let r = join(rel, &name);
        if entry.file_type()?.is_dir() {
            list_files(dir, &r, out)?;
        } else {
            out.push(r);
        }
    }
    Ok(())
}

fn join(rel: &str, name: &str) -> String {
    if rel.is_empty() {
        name.to_string()
    } else {
        format!("{rel}/{name}")
    }
}

/// Copies into `new` every entry of `old` that is not in pilcrow's list.
fn carry_over(old: &Path, new: &Path, listed: &[String]) -> io::Result<()> {
    let files: HashSet<&str> = listed.iter().map(String::as_str).collect();
    let mut dirs = HashSet::new();
    for f in listed {
        let mut d = f.as_str();
        while let Some(i) = d.rfind('/') {
            d = &d[..i];
            dirs.insert(d);
        }
    }
    carry_dir(old, new, "", &files, &dirs)
}

fn carry_dir(
    old: &Path,
    new: &Path,
    rel: &str,
    files: &HashSet<&str>,
    dirs: &HashSet<&str>,
) -> io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(old.join(rel))?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let r = join(rel, &name);
        if r == MARKER {
            continue;
        }
        let is_dir = entry.file_type()?.is_dir();
        if is_dir && dirs.contains(r.as_str()) {
            carry_dir(old, new, &r, files, dirs)?;
            continue;
        }
        if !is_dir && files.contains(r.as_str()) {
            continue;
        }
        let to = new.join(&r);
        if exists(&to) {
            return Err(io::Error::other(format!(
                "{} was not written by pilcrow, and the new site has a file at the same path: move it away (or into content/ to publish it)",
                old.join(&r).display()
            )));
        }
        copy_tree(&old.join(&r), &to)?;
    }
    Ok(())
}

/// Copies a file, symlink or directory tree, hard-linking files.
fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let meta = std::fs::symlink_metadata(from)?;
    if meta.file_type().is_symlink() {
        #[cfg(unix)]
        return std::os::unix::fs::symlink(std::fs::read_link(from)?, to);
        #[cfg(not(unix))]
        return std::fs::copy(from, to).map(|_| ());
    }
    if meta.is_dir() {
        std::fs::create_dir(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        return Ok(());
    }
    std::fs::hard_link(from, to).or_else(|_| std::fs::copy(from, to).map(|_| ()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{OutputFile, write_files};

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    fn stage(out: &Path, files: &[(&str, &str)]) -> Staging {
        let staging = Staging::new(out).unwrap();
        let files: Vec<OutputFile> = files
            .iter()
            .map(|(p, b)| OutputFile {
                path: p.to_string(),
                bytes: b.as_bytes().to_vec(),
            })
            .collect();
        write_files(staging.path(), &files).unwrap();
        staging
    }

    #[test]
    fn swap_replaces_old_output_and_cleans_up() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        stage(&out, &[("stale.html", "old")])
            .swap_into_place(&Previous::Nothing, None)
            .unwrap();
        stage(&out, &[("a/index.html", "new")])
            .swap_into_place(&Previous::Site(vec!["stale.html".into()]), None)
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "new"
        );
        assert!(!out.join("stale.html").exists());
        assert_eq!(names(tmp.path()), vec!["public"]);
        assert!(
            std::fs::read_to_string(out.join(MARKER))
                .unwrap()
                .lines()
                .any(|l| l == "a/index.html\t3")
        );
    }

    #[test]
    fn files_pilcrow_did_not_write_are_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        stage(&out, &[("index.html", "old"), ("docs/a.html", "a")])
            .swap_into_place(&Previous::Nothing, None)
            .unwrap();
        std::fs::write(out.join("CNAME"), "example.org").unwrap();
        std::fs::create_dir_all(out.join(".git/objects")).unwrap();
        std::fs::write(out.join(".git/HEAD"), "ref").unwrap();
        std::fs::write(out.join("docs/mine.pdf"), "pdf").unwrap();
        let listed = vec!["docs/a.html".to_string(), "index.html".to_string()];
        stage(&out, &[("index.html", "new")])
            .swap_into_place(&Previous::Site(listed.clone()), None)
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("CNAME")).unwrap(),
            "example.org"
        );
        assert_eq!(
            std::fs::read_to_string(out.join(".git/HEAD")).unwrap(),
            "ref"
        );
        assert!(out.join(".git/objects").is_dir());
        assert_eq!(
            std::fs::read_to_string(out.join("docs/mine.pdf")).unwrap(),
            "pdf"
        );
        assert!(!out.join("docs/a.html").exists());
        // The kept files stay the user's in the new list too.
        let marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
        assert!(!marker.contains("CNAME"), "{marker}");

        // A file of the user's where the new site writes one: refused,
        // nothing changes.
        std::fs::write(out.join("about.html"), "user's").unwrap();
        let listed = vec!["index.html".to_string()];
        let err = stage(&out, &[("about.html", "generated")])
            .swap_into_place(&Previous::Site(listed), None)
            .unwrap_err();
        assert!(err.to_string().contains("not written by pilcrow"), "{err}");
        assert_eq!(
            std::fs::read_to_string(out.join("about.html")).unwrap(),
            "user's"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(names(tmp.path()), vec!["public"]);
    }

    #[test]
    fn dropped_staging_leaves_output_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("index.html"), "old").unwrap();
        {
            let staging = Staging::new(&out).unwrap();
            std::fs::write(staging.path().join("index.html"), "half").unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(names(tmp.path()), vec!["public"]);
    }

    #[test]
    fn two_stagings_in_one_process_do_not_collide() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let a = Staging::new(&out).unwrap();
        let b = Staging::new(&out).unwrap();
        assert_ne!(a.path(), b.path());
        std::fs::write(a.path().join("a.html"), "a").unwrap();
        drop(b);
        assert!(a.path().join("a.html").exists());
    }

    #[test]
    fn what_killed_builds_left_is_cleaned_up() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        // A dead process's staging dir (pid 0 is never a build's).
        let dead = tmp.path().join(".public.tmp-0-3");
        std::fs::create_dir_all(dead.join("x")).unwrap();
        // A fallback swap killed between its renames: only `.old` is left.
        let old = tmp.path().join(".public.old");
        std::fs::create_dir(&old).unwrap();
        std::fs::write(old.join("index.html"), "previous").unwrap();
        let staging = Staging::new(&out).unwrap();
        assert!(!dead.exists());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "previous"
        );
        drop(staging);
        assert_eq!(names(tmp.path()), vec!["public"]);
    }
}

//! Writing the site: into a staging directory beside the output dir, then
//! swapped into place, so a failed build never leaves a half-written site.
//!
//! Owns the output directory and its siblings `.<name>.tmp-<pid>-<n>` and
//! `.<name>.old`. Knows nothing about pages: it writes the files it is given.

use std::io;
use std::path::{Path, PathBuf};

/// A file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output root, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A staging directory that is removed when dropped unless it was swapped
/// into place.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    done: bool,
}

fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}.{suffix}"))
}

impl Staging {
    /// Creates an empty staging directory next to `output`.
    pub fn new(output: &Path) -> io::Result<Staging> {
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

    /// Replaces the output dir with the staging dir: old → `.<name>.old`,
    /// staging → output, then the old copy is removed.
    pub fn swap_into_place(mut self) -> io::Result<()> {
        let old = sibling(&self.output, "old");
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        let had_old = self.output.exists();
        if had_old {
            std::fs::rename(&self.output, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.output) {
            if had_old {
                // Put the previous site back.
                let _ = std::fs::rename(&old, &self.output);
            }
            return Err(e);
        }
        self.done = true;
        if had_old {
            std::fs::remove_dir_all(&old)?;
        }
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

/// Writes files under `dir`, creating directories as needed. Files are
/// written in the order given (callers sort them).
pub fn write_files(dir: &Path, files: &[OutputFile]) -> io::Result<()> {
    for f in files {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &f.bytes).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
        })?;
    }
    Ok(())
}

/// Copies a file into the output, creating directories as needed.
pub fn copy_file(from: &Path, dir: &Path, rel: &str) -> io::Result<()> {
    let to = dir.join(rel);
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::copy(from, &to)
        .map(|_| ())
        .map_err(|e| io::Error::new(e.kind(), format!("cannot copy {}: {e}", from.display())))
}

/// Refuses output dirs whose replacement would delete the sources: the
/// site root itself, or any directory containing `protected`.
pub fn check_output_dir(output: &Path, protected: &[&Path]) -> Result<(), String> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let out = abs(output);
    for p in protected {
        let p = abs(p);
        if p.starts_with(&out) {
            return Err(format!(
                "output directory {} contains {}; choose another output_dir (it is replaced on every build)",
                output.display(),
                p.display()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swap_replaces_old_output_and_cleans_up() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("stale.html"), "old").unwrap();
        let staging = Staging::new(&out).unwrap();
        write_files(
            staging.path(),
            &[OutputFile {
                path: "a/index.html".into(),
                bytes: b"new".to_vec(),
            }],
        )
        .unwrap();
        staging.swap_into_place().unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "new"
        );
        assert!(!out.join("stale.html").exists());
        let names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
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
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
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
    fn output_may_not_contain_sources() {
        let root = Path::new("/site");
        assert!(check_output_dir(root, &[Path::new("/site/content")]).is_err());
        assert!(check_output_dir(Path::new("/site/public"), &[Path::new("/site/content")]).is_ok());
    }
}

//! An output updated in place, for an incremental build that changes a
//! few files of a large site: carrying tens of thousands of unchanged
//! files into a staging dir to swap it in would cost more than the
//! change itself.
//!
//! Each changed file is written whole into a staging dir beside the
//! output (the same file system) and renamed over its path: no reader
//! ever sees half a file. Before the first rename the output's list
//! (`.pilcrow-output`) is replaced by a journal — every file of the old
//! and the new list, and no inputs fingerprint — so a build killed
//! between the renames leaves a site whose list names every file
//! pilcrow may have written and that no build takes as up to date: the
//! next build is a clean one, which swaps a whole new tree in. The list
//! of the new site, with its fingerprint, is put in place last.

use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::guard::{MARKER, marker_text};
use super::{OutputFile, Staging};

/// The journal's line: what a list without inputs means here.
const JOURNAL: &str =
    "# An incremental build was updating these files: the next build is a clean one.\n";

/// Changed files staged beside `output`, put in place by [`Update::commit`].
#[derive(Debug)]
pub struct Update {
    staging: Staging,
    output: PathBuf,
    staged: Vec<String>,
}

impl Update {
    /// Starts an update of `output` (a path the guard resolved).
    pub fn new(output: &Path) -> io::Result<Update> {
        Ok(Update {
            staging: Staging::new(output)?,
            output: output.to_path_buf(),
            staged: Vec::new(),
        })
    }

    /// Writes `file` into the staging dir. Refuses a path whose
    /// directories in the output are not plain directories (a symbolic
    /// link put there would lead the rename out of the output).
    pub fn stage(&mut self, file: &OutputFile) -> io::Result<()> {
        plain_dirs(&self.output, &file.path)?;
        super::write_files(self.staging.path(), std::slice::from_ref(file))?;
        self.staged.push(file.path.clone());
        Ok(())
    }

    /// Puts the staged files in place, removes `gone` (files of the old
    /// list the new site no longer has), then writes the new list
    /// (`sized`, sorted, with `inputs`). `old` is the old list.
    pub fn commit(
        self,
        old: &[(String, u64)],
        gone: &[String],
        sized: &[(String, u64)],
        inputs: &str,
    ) -> io::Result<()> {
        for rel in gone {
            plain_dirs(&self.output, rel)?;
        }
        self.put_marker(&journal(old, sized))?;
        for rel in &self.staged {
            let to = self.output.join(rel);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::rename(self.staging.path().join(rel), &to).map_err(|e| {
                io::Error::new(e.kind(), format!("cannot write {}: {e}", to.display()))
            })?;
        }
        for rel in gone {
            match std::fs::remove_file(self.output.join(rel)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
            // Its directories, if nothing else is left in them (as a
            // clean build would not make them).
            let mut dir = Path::new(rel).parent();
            while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
                if std::fs::remove_dir(self.output.join(d)).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        self.put_marker(&marker_text(sized, Some(inputs)))
    }

    /// Replaces the output's list with `text`, whole.
    fn put_marker(&self, text: &str) -> io::Result<()> {
        let tmp = self.staging.path().join(MARKER);
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, self.output.join(MARKER))
    }
}

/// The list an update puts in place before it changes anything: the
/// files of both lists, and no inputs.
fn journal(old: &[(String, u64)], sized: &[(String, u64)]) -> String {
    let mut both: BTreeMap<&str, u64> = old.iter().map(|(f, s)| (f.as_str(), *s)).collect();
    both.extend(sized.iter().map(|(f, s)| (f.as_str(), *s)));
    let both: Vec<(String, u64)> = both.into_iter().map(|(f, s)| (f.to_string(), s)).collect();
    format!("{}{JOURNAL}", marker_text(&both, None))
}

/// Errs unless every directory of `rel` that exists in `output` is a
/// plain directory, and `rel` is a plain relative path.
fn plain_dirs(output: &Path, rel: &str) -> io::Result<()> {
    let path = Path::new(rel);
    if !path.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(io::Error::other(format!(
            "{rel} is not a plain relative path"
        )));
    }
    let mut at = output.to_path_buf();
    for c in path.parent().into_iter().flat_map(Path::components) {
        at.push(c);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_dir() => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            _ => {
                return Err(io::Error::other(format!(
                    "{} is no longer the directory pilcrow wrote",
                    at.display()
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Previous, listed_sizes, up_to_date};

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn site(out: &Path) -> Vec<(String, u64)> {
        let staging = Staging::new(out).unwrap();
        crate::output::write_files(
            staging.path(),
            &[file("a/index.html", "old a"), file("b.json", "old b")],
        )
        .unwrap();
        staging
            .swap_into_place(&Previous::Nothing, Some("v1"))
            .unwrap();
        listed_sizes(out).unwrap()
    }

    #[test]
    fn changed_files_replace_theirs_and_the_list_comes_last() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let old = site(&out);
        std::fs::write(out.join("CNAME"), "mine").unwrap();
        let mut update = Update::new(&out).unwrap();
        update.stage(&file("a/index.html", "new a!")).unwrap();
        update.stage(&file("c/d/new.json", "c")).unwrap();
        let sized = vec![
            ("a/index.html".to_string(), 6),
            ("c/d/new.json".to_string(), 1),
        ];
        update
            .commit(&old, &["b.json".to_string()], &sized, "v2")
            .unwrap();
        let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
        assert_eq!(read("a/index.html"), "new a!");
        assert_eq!(read("c/d/new.json"), "c");
        assert_eq!(read("CNAME"), "mine");
        assert!(!out.join("b.json").exists());
        assert!(up_to_date(&out, "v2"));
        assert_eq!(listed_sizes(&out).unwrap(), sized);
        // Nothing left beside the output.
        let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn an_update_cut_short_leaves_a_list_no_build_takes_as_up_to_date() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let old = site(&out);
        let mut update = Update::new(&out).unwrap();
        update.stage(&file("a/index.html", "new a!")).unwrap();
        update.stage(&file("n.json", "n")).unwrap();
        // Killed after the journal: as `commit` leaves it then.
        let sized = vec![("a/index.html".to_string(), 6), ("n.json".to_string(), 1)];
        update.put_marker(&journal(&old, &sized)).unwrap();
        drop(update);
        assert!(!up_to_date(&out, "v1"));
        assert!(!up_to_date(&out, "v2"));
        // Every file either site has is pilcrow's in that list.
        let listed: Vec<String> = listed_sizes(&out)
            .unwrap()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(listed, ["a/index.html", "b.json", "n.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_directory_turned_into_a_link_is_not_written_through() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        site(&out);
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("index.html"), "not pilcrow's").unwrap();
        std::fs::remove_dir_all(out.join("a")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("a")).unwrap();
        let mut update = Update::new(&out).unwrap();
        assert!(update.stage(&file("a/index.html", "new")).is_err());
        assert_eq!(
            std::fs::read_to_string(elsewhere.join("index.html")).unwrap(),
            "not pilcrow's"
        );
    }
}

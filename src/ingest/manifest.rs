//! The manifest in `content/.pilcrow/ingest.json`: what ingest wrote
//! (path → sha256), which page each seed has (seed → slug, so slugs never
//! move), and what a run is about to write (so the next run knows that
//! what an interrupted one left on disk is ingest's, not an editor's).
//! Also the atomic write every page goes through, and the clean-up of
//! the temporary files a killed run leaves.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::IngestError;

/// Where the manifest lives, relative to `content/`.
pub const MANIFEST: &str = ".pilcrow/ingest.json";

/// What ingest knows about the files it wrote.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    pub version: u32,
    /// Path under `content/` → sha256 of what ingest last wrote there.
    pub files: BTreeMap<String, String>,
    /// Seed path under the seeds directory (`/`-separated) → slug of its
    /// document page. A seed keeps its slug as long as it exists.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub slugs: BTreeMap<String, String>,
    /// Path → sha256 of what the current run is about to write there.
    /// Saved before any page is written and emptied when the run ends: a
    /// run that was interrupted leaves it, and [`Manifest::load`] counts
    /// each page that reached the disk as written by ingest.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pending: BTreeMap<String, String>,
}

impl Manifest {
    /// Reads the manifest of `content` (empty when there is none). What an
    /// interrupted run recorded as pending is settled against the disk: a
    /// page holding exactly the bytes that run meant to write is ingest's.
    pub fn load(content: &Path) -> Result<Manifest, IngestError> {
        let path = content.join(MANIFEST);
        let mut manifest: Manifest = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| IngestError::Input {
                path,
                message: format!(
                    "unreadable manifest ({e}); delete it: the next ingest takes back every page \
                     that holds what ingest would write, and keeps the others as edited"
                ),
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Manifest::default(),
            Err(source) => return Err(IngestError::Io { path, source }),
        };
        manifest.version = 1;
        for (rel, hash) in std::mem::take(&mut manifest.pending) {
            let Some(path) = page_path(content, &rel) else {
                continue;
            };
            match std::fs::read(&path) {
                Ok(bytes) if sha256_hex(&bytes) == hash => {
                    manifest.files.insert(rel, hash);
                }
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(IngestError::Io { path, source }),
            }
        }
        Ok(manifest)
    }

    /// Records what the run is about to write (`pages`: path and sha256 of
    /// the new text) and saves the manifest, before any page is written.
    pub fn begin<'a>(
        &mut self,
        content: &Path,
        pages: impl IntoIterator<Item = (&'a str, &'a String)>,
    ) -> Result<(), IngestError> {
        self.pending = pages
            .into_iter()
            .filter(|(rel, hash)| self.files.get(*rel) != Some(*hash))
            .map(|(rel, hash)| (rel.to_string(), hash.clone()))
            .collect();
        self.save(content)
    }

    /// Saves the manifest at the end of a run (nothing left pending).
    pub fn finish(&mut self, content: &Path) -> Result<(), IngestError> {
        self.pending.clear();
        self.save(content)
    }

    fn save(&self, content: &Path) -> Result<(), IngestError> {
        let path = content.join(MANIFEST);
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        if std::fs::read(&path).ok().as_deref() == Some(text.as_bytes()) {
            return Ok(());
        }
        write_atomic(&path, text.as_bytes())
    }
}

/// `rel` under `content`, provided it stays there (a manifest is a file an
/// editor can change: `../x` or an absolute path is not one of ours).
fn page_path(content: &Path, rel: &str) -> Option<PathBuf> {
    let safe = !rel.is_empty()
        && !rel.starts_with('/')
        && !rel.contains('\\')
        && rel
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..");
    safe.then(|| content.join(rel))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The temporary file [`write_atomic`] writes `path` through:
/// `.<name>.<pid>.tmp` in the same directory.
fn temp_path(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

/// Whether `name` is one of ingest's temporary files (see [`temp_path`])
/// for a page (`*.md`) or the manifest, written by another process.
fn is_temp_name(name: &str) -> bool {
    let Some(inner) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    let Some((target, pid)) = inner.rsplit_once('.') else {
        return false;
    };
    let ours = std::process::id().to_string();
    !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
        && pid != ours
        && target.len() > ".md".len()
        && (target.ends_with(".md") || target == "ingest.json")
}

/// Removes the temporary files an interrupted run left in `content`: only
/// names ingest itself gives them, only where it writes (the visible
/// directories and `.pilcrow/`). Returns how many were removed.
pub fn remove_temp_files(content: &Path) -> Result<usize, IngestError> {
    let walk = walkdir::WalkDir::new(content)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e.file_type().is_dir()
                || !e.file_name().to_string_lossy().starts_with('.')
                || (e.depth() == 1 && e.file_name() == ".pilcrow")
        });
    let mut removed = 0;
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            // A content directory that does not exist yet has nothing to clean.
            Err(e)
                if e.depth() == 0
                    && e.io_error().map(|i| i.kind()) == Some(std::io::ErrorKind::NotFound) =>
            {
                return Ok(0);
            }
            Err(e) => {
                return Err(IngestError::Io {
                    path: e.path().unwrap_or(content).to_path_buf(),
                    source: e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("file system loop")),
                });
            }
        };
        if entry.file_type().is_file() && is_temp_name(&entry.file_name().to_string_lossy()) {
            std::fs::remove_file(entry.path()).map_err(|source| IngestError::Io {
                path: entry.path().to_path_buf(),
                source,
            })?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Writes through a temporary file in the same directory and a rename, so
/// an interrupted run never leaves half a file. A failed write (a full
/// disk) removes its temporary file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), IngestError> {
    let io = |path: &Path| {
        let path: PathBuf = path.to_path_buf();
        move |source| IngestError::Io { path, source }
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let tmp = temp_path(path);
    if let Err(e) = std::fs::write(&tmp, bytes) {
        let _ = std::fs::remove_file(&tmp);
        return Err(IngestError::Io {
            path: path.to_path_buf(),
            source: e,
        });
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        IngestError::Io {
            path: path.to_path_buf(),
            source: e,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_ingests_own_only() {
        let p = temp_path(Path::new("documents/a-74-130.md"));
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        // This process's own are never another run's leftovers.
        assert!(!is_temp_name(&name));
        assert!(is_temp_name(".a-74-130.md.1234.tmp"));
        assert!(is_temp_name(".ingest.json.99.tmp"));
        for theirs in [
            ".notes.tmp",
            "a.md.12.tmp",
            ".a.md.tmp",
            ".a.md.x1.tmp",
            ".photo.png.12.tmp",
            "..md.12.tmp",
        ] {
            assert!(!is_temp_name(theirs), "{theirs}");
        }
    }

    #[test]
    fn pending_pages_that_reached_the_disk_are_ingests() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path();
        let mut m = Manifest::load(content).unwrap();
        m.files
            .insert("documents/old.md".into(), sha256_hex(b"old\n"));
        std::fs::create_dir_all(content.join("documents")).unwrap();
        std::fs::write(content.join("documents/old.md"), "old\n").unwrap();
        let pages = [
            ("documents/old.md", sha256_hex(b"new\n")),
            ("documents/written.md", sha256_hex(b"w\n")),
            ("documents/never.md", sha256_hex(b"n\n")),
            ("../outside.md", sha256_hex(b"o\n")),
        ];
        m.begin(content, pages.iter().map(|(r, h)| (*r, h)))
            .unwrap();
        // Killed after one page reached the disk.
        std::fs::write(content.join("documents/written.md"), "w\n").unwrap();
        let m = Manifest::load(content).unwrap();
        assert!(m.pending.is_empty());
        assert_eq!(
            m.files.get("documents/written.md"),
            Some(&sha256_hex(b"w\n"))
        );
        assert_eq!(m.files.get("documents/old.md"), Some(&sha256_hex(b"old\n")));
        assert!(!m.files.contains_key("documents/never.md"));
        assert!(!m.files.contains_key("../outside.md"));
    }
}

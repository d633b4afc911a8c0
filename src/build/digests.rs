//! The content files' digests, kept between builds by what `stat` says
//! of each file (size, modification and change times, inode), so a build
//! hashes only the files whose `stat` changed — as git's index, cargo
//! and ninja do — instead of reading the whole content directory.
//!
//! A recorded `stat` is only trusted when the file had not been touched
//! for [`SETTLED`] before the build read it (git's "racily clean" rule):
//! a file written in the same timestamp tick as it was hashed could
//! change again within that tick, size and times unchanged, so its
//! digest is not kept and the next build hashes it again.
//!
//! `.pilcrow-cache/digests.bin` under the site root; a memo only (a
//! missing or damaged one means every file is hashed), written whole
//! and renamed into place, and only when what it would hold changed.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::binary::{Reader, Writer};

const FILE: &str = "digests.bin";
const MAGIC: &[u8] = b"pilcrow content digests\n";
const FORMAT: u64 = 1;

/// How long a file must have gone untouched, before the build started
/// reading the content, for its `stat` to vouch for its digest (covers
/// file systems with one- or two-second timestamps).
pub const SETTLED: Duration = Duration::from_secs(2);

/// What `stat` says of a file: size, modification and change times
/// (nanoseconds since the epoch), inode and device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stat {
    pub len: u64,
    pub mtime: i128,
    pub ctime: i128,
    pub ino: u64,
    pub dev: u64,
}

impl Stat {
    pub fn of(meta: &std::fs::Metadata) -> Stat {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
            Stat {
                len: meta.len(),
                mtime: ns(meta.mtime(), meta.mtime_nsec()),
                ctime: ns(meta.ctime(), meta.ctime_nsec()),
                ino: meta.ino(),
                dev: meta.dev(),
            }
        }
        #[cfg(not(unix))]
        {
            let ns = |t: std::io::Result<SystemTime>| {
                t.ok()
                    .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos() as i128)
            };
            Stat {
                len: meta.len(),
                mtime: ns(meta.modified()),
                ctime: ns(meta.created()),
                ino: 0,
                dev: 0,
            }
        }
    }

    /// Whether the file had been left alone for [`SETTLED`] at `start`
    /// (times after `start`, a clock set back, count as not settled).
    pub fn settled(&self, start: SystemTime) -> bool {
        let Ok(start) = start.duration_since(SystemTime::UNIX_EPOCH) else {
            return false;
        };
        let limit = start.saturating_sub(SETTLED).as_nanos() as i128;
        self.mtime < limit && self.ctime < limit
    }
}

/// The digests recorded for one content directory, by `/`-separated path.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Memo {
    entries: HashMap<String, (Stat, [u8; 32])>,
}

impl Memo {
    /// The memo kept in `cache_dir` for the content directory `content`
    /// (empty when there is none, it is damaged or of another directory).
    pub fn read(cache_dir: &Path, content: &Path) -> Memo {
        std::fs::read(cache_dir.join(FILE))
            .ok()
            .and_then(|bytes| decode(&bytes, &content.to_string_lossy()))
            .unwrap_or_default()
    }

    /// The digest recorded for `rel` if its `stat` is still `stat`.
    pub fn get(&self, rel: &str, stat: &Stat) -> Option<[u8; 32]> {
        self.entries
            .get(rel)
            .filter(|(s, _)| s == stat)
            .map(|(_, d)| *d)
    }

    /// The memo of these entries (those whose `stat` vouches for them).
    pub fn of(entries: impl IntoIterator<Item = (String, Stat, [u8; 32])>) -> Memo {
        Memo {
            entries: entries
                .into_iter()
                .map(|(rel, stat, digest)| (rel, (stat, digest)))
                .collect(),
        }
    }

    /// Writes the memo for `content` into `cache_dir`. A memo that cannot
    /// be written only means the next build hashes every file.
    pub fn write(&self, cache_dir: &Path, content: &Path) {
        let mut sorted: Vec<(&String, &(Stat, [u8; 32]))> = self.entries.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        let mut w = Writer::default();
        w.bytes.extend_from_slice(MAGIC);
        w.num(FORMAT);
        w.str(&content.to_string_lossy());
        w.usize(sorted.len());
        for (rel, (s, digest)) in sorted {
            w.str(rel);
            w.num(s.len);
            w.raw(&s.mtime.to_le_bytes());
            w.raw(&s.ctime.to_le_bytes());
            w.num(s.ino);
            w.num(s.dev);
            w.bytes.extend_from_slice(digest);
        }
        let _ = super::cache::write_file(cache_dir, FILE, &w.bytes);
    }
}

fn decode(bytes: &[u8], content: &str) -> Option<Memo> {
    let mut r = Reader::new(bytes.strip_prefix(MAGIC)?);
    if r.num()? != FORMAT || r.str()? != content {
        return None;
    }
    let n = r.count()?;
    let mut entries = HashMap::with_capacity(n);
    let time = |b: &[u8]| Some(i128::from_le_bytes(b.try_into().ok()?));
    for _ in 0..n {
        let rel = r.string()?;
        let stat = Stat {
            len: r.num()?,
            mtime: time(r.raw()?)?,
            ctime: time(r.raw()?)?,
            ino: r.num()?,
            dev: r.num()?,
        };
        entries.insert(rel, (stat, r.raw_array()?));
    }
    r.at_end().then_some(Memo { entries })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memo_reads_back_for_its_own_directory_only() {
        let tmp = tempfile::tempdir().unwrap();
        let stat = Stat {
            len: 7,
            mtime: -3,
            ctime: 1_700_000_000_000_000_000,
            ino: 42,
            dev: 1,
        };
        let memo = Memo::of([("documents/a.md".to_string(), stat, [9; 32])]);
        memo.write(tmp.path(), Path::new("/site/content"));
        let back = Memo::read(tmp.path(), Path::new("/site/content"));
        assert_eq!(back, memo);
        assert_eq!(back.get("documents/a.md", &stat), Some([9; 32]));
        let touched = Stat { mtime: 5, ..stat };
        assert_eq!(back.get("documents/a.md", &touched), None);
        assert_eq!(
            Memo::read(tmp.path(), Path::new("/other/content")),
            Memo::default()
        );
        // Cut short: not read at all.
        let bytes = std::fs::read(tmp.path().join(FILE)).unwrap();
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut], "/site/content").is_none());
        }
    }

    #[test]
    fn only_a_file_left_alone_before_the_build_is_settled() {
        let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let at = |secs: f64| Stat {
            len: 1,
            mtime: (secs * 1e9) as i128,
            ctime: (secs * 1e9) as i128,
            ino: 1,
            dev: 1,
        };
        assert!(at(990.0).settled(start));
        // Written within the tick the build read it in, or after.
        assert!(!at(999.5).settled(start));
        assert!(!at(1_000.0).settled(start));
        assert!(!at(1_200.0).settled(start));
        // A change of its inode (a rename over it, chmod) is recent too.
        let renamed = Stat {
            ctime: 999_900_000_000,
            ..at(900.0)
        };
        assert!(!renamed.settled(start));
    }
}

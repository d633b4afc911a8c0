//! One build of a site at a time. Two `pilcrow build` runs on one site
//! (a CI job and an editor, two terminals) would otherwise both read the
//! cache, both update the output and both append to the cache's records:
//! each other's files overwritten half-way, a cache that no longer
//! describes the output. A build holds an advisory lock on [`FILE`] in
//! the cache directory from its first read to its last write; a second
//! build waits for it (as a second `cargo build` waits for the first),
//! then finds the output the first one left. `serve` never writes, so
//! takes no lock.

use std::fs::{File, TryLockError};
use std::path::Path;

/// The lock file, in the cache directory (`build::cache::DIR`).
pub const FILE: &str = "build.lock";

/// Held while a build runs; released when dropped (or when the process
/// ends, however it ends: the operating system drops the lock).
#[derive(Debug)]
pub struct Lock {
    _file: Option<File>,
}

/// Takes the lock of the site whose cache directory is `dir`, calling
/// `waiting` first if another build holds it. A site whose cache
/// directory cannot be written (a read-only checkout) has no cache
/// either, and builds without the lock, as before there was one.
pub fn acquire(dir: &Path, waiting: &dyn Fn()) -> std::io::Result<Lock> {
    let file = std::fs::create_dir_all(dir).and_then(|()| {
        File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(FILE))
    });
    let Ok(file) = file else {
        return Ok(Lock { _file: None });
    };
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            waiting();
            file.lock()?;
        }
        // A file system without locks: as without a cache directory.
        Err(TryLockError::Error(_)) => return Ok(Lock { _file: None }),
    }
    Ok(Lock { _file: Some(file) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[test]
    fn a_second_lock_waits_for_the_first_to_be_dropped() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join(".pilcrow-cache");
        let first = acquire(&dir, &|| panic!("nothing to wait for")).unwrap();
        let waited = AtomicBool::new(false);
        std::thread::scope(|s| {
            let second = s.spawn(|| {
                let lock = acquire(&dir, &|| waited.store(true, Ordering::SeqCst)).unwrap();
                drop(lock);
            });
            while !waited.load(Ordering::SeqCst) {
                std::thread::yield_now();
            }
            assert!(!second.is_finished(), "the second lock did not wait");
            drop(first);
            second.join().unwrap();
        });
    }
}

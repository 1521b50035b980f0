//! The lock that serialises savers of one sidecar.
//!
//! The lock is `.<sidecar name>.lock` beside the sidecar, held with `flock` for the length of one
//! read-merge-write and removed when it is released, so nothing stays beside the article. It is
//! opened with `O_NOFOLLOW` (a link planted under its name is never followed) and must be a
//! regular file. Removing a lock file races with the next locker, which may have opened the old
//! file just before it went: so a locker that got the lock checks that the name still leads to
//! the file it locked, and starts again if not (the usual lock-then-verify protocol).

use std::fs::{File, OpenOptions};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a save waits for another reader to finish saving the same file.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

/// A held lock; dropping it removes the lock file and releases the lock.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    file: File,
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so the next locker's check sees it go.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Where the lock of `sidecar` lives.
pub fn lock_path(sidecar: &Path) -> PathBuf {
    let name = sidecar
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    sidecar.with_file_name(format!(".{name}.lock"))
}

/// The exclusive lock that serialises savers of `sidecar`, released when dropped. `None` where
/// no lock can be had (a read-only folder, where the write then fails anyway, or a file system
/// without locks): the save goes on without it.
pub fn acquire(sidecar: &Path) -> Result<Option<Lock>, String> {
    let path = lock_path(sidecar);
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        let opened = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
            .open(&path);
        let Ok(file) = opened else {
            return Ok(None);
        };
        match file.metadata() {
            Ok(m) if m.file_type().is_file() => {}
            _ => return Ok(None),
        }
        match file.try_lock() {
            Ok(()) => {
                // Still the file under that name? Otherwise its holder removed it meanwhile.
                let same = match (std::fs::symlink_metadata(&path), file.metadata()) {
                    (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
                    _ => false,
                };
                if same {
                    return Ok(Some(Lock { path, file }));
                }
            }
            Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(format!(
                    "highlights not saved: another reader has been saving {} for {} s; \
                     they are kept in memory and the next save tries again",
                    sidecar.display(),
                    LOCK_WAIT.as_secs()
                ));
            }
            Err(std::fs::TryLockError::Error(_)) => return Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_is_gone_when_released() {
        let dir = tempfile::tempdir().unwrap();
        let sidecar = dir.path().join("a.highlights.yaml");
        let lock = acquire(&sidecar).unwrap().unwrap();
        assert!(lock_path(&sidecar).exists());
        drop(lock);
        assert!(!lock_path(&sidecar).exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_planted_link_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let sidecar = dir.path().join("a.highlights.yaml");
        let victim = dir.path().join("victim");
        std::os::unix::fs::symlink(&victim, lock_path(&sidecar)).unwrap();
        assert!(acquire(&sidecar).unwrap().is_none());
        assert!(!victim.exists());
    }

    #[test]
    fn many_threads_take_turns() {
        let dir = tempfile::tempdir().unwrap();
        let sidecar = dir.path().join("a.highlights.yaml");
        let inside = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..6 {
                s.spawn(|| {
                    for _ in 0..20 {
                        let _l = acquire(&sidecar).unwrap().unwrap();
                        let n = inside.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        assert_eq!(n, 0, "two holders at once");
                        inside.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                    }
                });
            }
        });
        assert!(!lock_path(&sidecar).exists());
    }
}

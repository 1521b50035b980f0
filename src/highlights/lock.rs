//! The lock that serialises savers of one sidecar.

use std::fs::{File, OpenOptions};
use std::path::Path;
use std::time::{Duration, Instant};

/// How long a save waits for another reader to finish saving the same file.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

/// The exclusive lock that serialises savers of `sidecar`, released when dropped.
pub fn acquire(sidecar: &Path) -> Result<Option<File>, String> {
    let name = sidecar
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lock_path = sidecar.with_file_name(format!(".{name}.lock"));
    let opened = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)
        .or_else(|_| File::open(&lock_path));
    let Ok(file) = opened else {
        return Ok(None);
    };
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Some(file)),
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

//! The rescue copy: where a reader that cannot save its highlights keeps them when it quits.
//!
//! It goes to a private folder, `$XDG_STATE_HOME/scholia/rescue/` (`~/.local/state/…` when that
//! is not set), made with mode `0700`; a folder there that is a link, is not ours or is open to
//! others is refused rather than used. Each copy is a new file (`O_EXCL`, `O_NOFOLLOW`, mode
//! `0600`), so nothing planted there in advance can be followed or overwritten — unlike the shared
//! temporary folder it replaces.

use std::fs::{DirBuilder, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::safe_fs::IoError;

/// The private folder rescue copies go to, from the environment.
pub fn folder() -> Option<PathBuf> {
    let state = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
    Some(state.join("scholia").join("rescue"))
}

/// Writes `text` to a new file in `folder`, named after `sidecar`, and returns its path.
pub fn write(folder: &Path, sidecar: &Path, text: &str) -> Result<PathBuf, IoError> {
    if let Some(parent) = folder.parent() {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(parent)?;
    }
    match DirBuilder::new().mode(0o700).create(folder) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e.into()),
    }
    let meta = std::fs::symlink_metadata(folder)?;
    // SAFETY: getuid has no preconditions and cannot fail.
    let me = unsafe { libc::getuid() };
    if !meta.file_type().is_dir() || meta.uid() != me || meta.permissions().mode() & 0o077 != 0 {
        return Err(IoError::Other(format!(
            "{} is not a private folder of yours (mode 0700); remove it and try again",
            folder.display()
        )));
    }
    let stem = sidecar
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "highlights.yaml".into());
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    for n in 0u32.. {
        let path = folder.join(format!("{stamp}-{}-{n}-{stem}", std::process::id()));
        let opened = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&path);
        match opened {
            Ok(mut file) => {
                file.write_all(text.as_bytes())?;
                file.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => continue,
            Err(e) => return Err(e.into()),
        }
    }
    unreachable!("the loop returns")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_is_private_and_new() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("state/scholia/rescue");
        let a = write(&folder, Path::new("x/a.highlights.yaml"), "one").unwrap();
        let b = write(&folder, Path::new("x/a.highlights.yaml"), "two").unwrap();
        assert_ne!(a, b);
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "one");
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&a), 0o600);
    }

    #[test]
    fn a_folder_open_to_others_or_a_link_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let open = dir.path().join("open");
        std::fs::create_dir(&open).unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
        assert!(write(&open, Path::new("a"), "x").is_err());
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&open, &link).unwrap();
        assert!(write(&link, Path::new("a"), "x").is_err());
        assert_eq!(std::fs::read_dir(&open).unwrap().count(), 0);
    }
}

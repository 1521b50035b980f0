//! The library's cache: one JSON file per folder under `$XDG_CACHE_HOME/scholia/`, holding each
//! article's [`Summary`] with the size and modification time of its annotation file (and of its
//! body file) when it was read. A changed size or time means the article is read again.
//!
//! The cache is only ever a shortcut: a file that is missing, too large, not JSON, of another
//! version or for another folder is ignored as a whole, and the folder is read afresh. It is
//! written atomically, in a folder only its owner may enter.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::summary::Summary;
use crate::safe_fs::IoError;

/// Bumped whenever [`Summary`] or the counting changes, so an old cache is never trusted.
const VERSION: u32 = 1;

/// A cache file larger than this is not read (a folder of 100 000 articles needs about 50 MB).
const LIMIT: u64 = 128 * 1024 * 1024;

/// Size and modification time of a file, to tell that it changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    pub mtime: i64,
    pub mtime_ns: i64,
}

impl Stamp {
    /// The stamp of the file at `path` (links followed), if it can be read.
    pub fn of(path: &Path) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            size: meta.size(),
            mtime: meta.mtime(),
            mtime_ns: meta.mtime_nsec(),
        })
    }
}

/// One article in the cache.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Cached {
    /// The annotation file's path below the folder.
    pub path: String,
    pub stamp: Stamp,
    /// The body file, when the body is not inline, and its stamp.
    pub body: Option<(PathBuf, Stamp)>,
    pub summary: Summary,
}

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    root: String,
    entries: Vec<Cached>,
}

/// The cache folder: `$XDG_CACHE_HOME/scholia`, or `~/.cache/scholia` (a relative
/// `XDG_CACHE_HOME` is ignored, as the XDG spec says).
pub fn folder() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".cache"))
        })?;
    Some(base.join("scholia"))
}

/// The cache file for the folder `root` (already canonical): named by a hash of its path.
pub fn file_for(cache_folder: &Path, root: &Path) -> PathBuf {
    // FNV-1a: stable across Rust versions, unlike `DefaultHasher`.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in root.as_os_str().as_encoded_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    cache_folder.join(format!("library-{hash:016x}.json"))
}

/// The entries of the cache file for `root`, by path below it; empty when there is no usable
/// cache. Never fails: a cache that cannot be trusted is a cache that is not there.
pub fn read(file: &Path, root: &Path) -> HashMap<String, Cached> {
    // A link in place of the cache file is not followed: it could lead anywhere.
    if !std::fs::symlink_metadata(file).is_ok_and(|m| m.file_type().is_file()) {
        return HashMap::new();
    }
    let Ok(Some(bytes)) = crate::safe_fs::read_regular(file, LIMIT) else {
        return HashMap::new();
    };
    let Ok(parsed) = serde_json::from_slice::<File>(&bytes) else {
        return HashMap::new();
    };
    if parsed.version != VERSION || parsed.root != root.to_string_lossy() {
        return HashMap::new();
    }
    parsed
        .entries
        .into_iter()
        .map(|e| (e.path.clone(), e))
        .collect()
}

/// Whether the cache folder can be trusted: a real folder (not a link), ours, that nobody else
/// may write to, as ssh asks of `~/.ssh`. Someone who could write there could plant a link
/// that the next write would follow, or summaries that the list would show.
pub fn folder_is_safe(folder: &Path) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::symlink_metadata(folder).map_err(|e| IoError::from(e).to_string())?;
    if !meta.file_type().is_dir() {
        return Err(format!(
            "is a {}, not a folder",
            crate::safe_fs::kind_of(meta.file_type())
        ));
    }
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if meta.uid() != me {
        return Err("belongs to another user".into());
    }
    if meta.mode() & 0o022 != 0 {
        return Err(format!(
            "others may write to it (mode {:o}); chmod go-w would fix it",
            meta.mode() & 0o7777
        ));
    }
    Ok(())
}

/// Writes the cache file for `root`, atomically, creating its folder (mode 0700) if need be.
/// The folder must pass [`folder_is_safe`]; a link in place of the file is replaced, not
/// followed.
pub fn write(file: &Path, root: &Path, entries: Vec<Cached>) -> Result<(), IoError> {
    use std::os::unix::fs::DirBuilderExt;
    if let Some(parent) = file.parent() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(parent)?;
        folder_is_safe(parent).map_err(IoError::Other)?;
    }
    if std::fs::symlink_metadata(file).is_ok_and(|m| m.file_type().is_symlink()) {
        std::fs::remove_file(file)?;
    }
    let data = File {
        version: VERSION,
        root: root.to_string_lossy().into_owned(),
        entries,
    };
    let bytes = serde_json::to_vec(&data).map_err(|e| IoError::Other(e.to_string()))?;
    crate::atomic::write(file, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_file_depends_on_the_folder() {
        let a = file_for(Path::new("/c"), Path::new("/news/a"));
        let b = file_for(Path::new("/c"), Path::new("/news/b"));
        assert_ne!(a, b);
        assert_eq!(a, file_for(Path::new("/c"), Path::new("/news/a")));
        assert!(a.starts_with("/c"));
    }

    #[test]
    fn a_hostile_or_foreign_cache_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.json");
        let root = Path::new("/news");
        for text in [
            "",
            "not json",
            "{\"version\":1}",
            "{\"version\":99,\"root\":\"/news\",\"entries\":[]}",
            "{\"version\":1,\"root\":\"/elsewhere\",\"entries\":[{\"path\":\"a.yaml\"}]}",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
            "{\"version\":1,\"root\":\"/news\",\"entries\":[{\"path\":1}]}",
        ] {
            std::fs::write(&file, text).unwrap();
            assert!(read(&file, root).is_empty(), "{text}");
        }
        // A FIFO in its place is refused, not waited on.
        let fifo = dir.path().join("fifo.json");
        let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(read(&fifo, root).is_empty());
    }

    #[test]
    fn what_is_written_is_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub/c.json");
        let root = Path::new("/news");
        let entry = Cached {
            path: "a.yaml".into(),
            stamp: Stamp {
                size: 3,
                mtime: 4,
                mtime_ns: 5,
            },
            body: None,
            summary: Summary {
                title: "T".into(),
                ok: true,
                ..Summary::default()
            },
        };
        write(&file, root, vec![entry]).unwrap();
        let back = read(&file, root);
        assert_eq!(back["a.yaml"].summary.title, "T");
        assert_eq!(back["a.yaml"].stamp.size, 3);
    }

    #[test]
    fn a_link_in_place_of_the_cache_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("scholia");
        std::fs::create_dir(&folder).unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep me").unwrap();
        let file = folder.join("c.json");
        std::os::unix::fs::symlink(&victim, &file).unwrap();
        assert!(read(&file, Path::new("/news")).is_empty());
        write(&file, Path::new("/news"), Vec::new()).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
        assert!(
            std::fs::symlink_metadata(&file)
                .unwrap()
                .file_type()
                .is_file()
        );
    }

    #[test]
    fn a_cache_folder_others_may_write_to_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("scholia");
        std::fs::create_dir(&folder).unwrap();
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
        assert!(folder_is_safe(&folder).is_ok());
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o777)).unwrap();
        let why = folder_is_safe(&folder).unwrap_err();
        assert!(why.contains("chmod go-w"), "{why}");
        assert!(write(&folder.join("c.json"), Path::new("/n"), Vec::new()).is_err());
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&folder, &link).unwrap();
        assert!(folder_is_safe(&link).unwrap_err().contains("link"));
    }
}

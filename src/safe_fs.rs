//! Safe file access for files that come from someone else (see docs/SECURITY.md).
//!
//! Every file scholia reads — annotation files, bodies, sidecars, themes — goes through
//! [`read_regular`]: it is opened without blocking (a FIFO would otherwise wait forever for a
//! writer), must then be a regular file (a FIFO, device, socket or folder is refused at once)
//! and must fit a size limit that the message names. Folders are walked by [`walk`], which
//! never enters the same folder twice (it tracks device and inode, so links to a parent or to
//! itself cannot loop) and skips special files with a warning instead of opening them.
//!
//! I/O failures are [`IoError`]s, whose wording for a full disk, a read-only file system and a
//! permission refused is written once, here.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// An I/O failure in words a person can act on. Each common cause has its own words; anything
/// else keeps the system's message.
#[derive(Debug, thiserror::Error)]
pub enum IoError {
    #[error("no such file or folder")]
    NotFound,
    #[error("permission denied; check the file's and its folders' permissions")]
    PermissionDenied,
    #[error("the file system is read-only; choose a place on a writable one")]
    ReadOnly,
    #[error("the disk is full; free some space and try again")]
    DiskFull,
    #[error("part of the path is a file, not a folder")]
    NotAFolder,
    #[error("is a {0}, not a regular file")]
    NotRegular(&'static str),
    #[error("file is {size} bytes, over the limit of {limit}; split it or trim it")]
    TooLarge { size: u64, limit: String },
    #[error("not valid UTF-8 at byte {0}; save the file as UTF-8")]
    NotUtf8(usize),
    #[error("is {0}")]
    Link(String),
    #[error("{0}")]
    Other(String),
}

impl From<io::Error> for IoError {
    fn from(e: io::Error) -> IoError {
        match e.raw_os_error() {
            Some(libc::ENOSPC) | Some(libc::EDQUOT) => return IoError::DiskFull,
            Some(libc::EROFS) => return IoError::ReadOnly,
            Some(libc::EACCES) | Some(libc::EPERM) => return IoError::PermissionDenied,
            Some(libc::ENOTDIR) => return IoError::NotAFolder,
            Some(libc::ENOENT) => return IoError::NotFound,
            Some(libc::ELOOP) => {
                return IoError::Other("too many levels of symbolic links".into());
            }
            _ => {}
        }
        match e.kind() {
            io::ErrorKind::NotFound => IoError::NotFound,
            io::ErrorKind::PermissionDenied => IoError::PermissionDenied,
            io::ErrorKind::ReadOnlyFilesystem => IoError::ReadOnly,
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => IoError::DiskFull,
            io::ErrorKind::NotADirectory => IoError::NotAFolder,
            _ => IoError::Other(e.to_string()),
        }
    }
}

/// `limit` bytes in the unit a person reads best (`64 MiB`, `4 KiB`).
pub fn show_limit(limit: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if limit >= MIB && limit.is_multiple_of(MIB) {
        format!("{} MiB", limit / MIB)
    } else if limit >= 1024 && limit.is_multiple_of(1024) {
        format!("{} KiB", limit / 1024)
    } else {
        format!("{limit} bytes")
    }
}

/// What kind of thing a file type is, in words, for [`IoError::NotRegular`].
pub fn kind_of(t: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "folder"
    } else if t.is_fifo() {
        "FIFO (named pipe)"
    } else if t.is_char_device() {
        "character device"
    } else if t.is_block_device() {
        "block device"
    } else if t.is_socket() {
        "socket"
    } else if t.is_symlink() {
        "symbolic link"
    } else {
        "special file"
    }
}

/// Opens `path` for reading without ever blocking: `O_NONBLOCK` makes opening a FIFO return at
/// once (instead of waiting for a writer), `O_NOCTTY` keeps a terminal device from becoming ours.
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

/// The bytes of the regular file at `path` (links followed), at most `limit` of them. `None`
/// when nothing is there. Anything but a regular file is refused without reading from it.
pub fn read_regular(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, IoError> {
    let file = match open_nonblocking(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let meta = file.metadata()?;
    if !meta.file_type().is_file() {
        return Err(IoError::NotRegular(kind_of(meta.file_type())));
    }
    if meta.len() > limit {
        return Err(IoError::TooLarge {
            size: meta.len(),
            limit: show_limit(limit),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    crate::memory::prefer_huge_pages(&mut bytes);
    // `take` guards against a file that grows while it is read.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(IoError::TooLarge {
            size: bytes.len() as u64,
            limit: show_limit(limit),
        });
    }
    Ok(Some(bytes))
}

/// [`read_regular`] as UTF-8 text; a missing file is [`IoError::NotFound`].
pub fn read_text(path: &Path, limit: u64) -> Result<String, IoError> {
    let bytes = read_regular(path, limit)?.ok_or(IoError::NotFound)?;
    String::from_utf8(bytes).map_err(|e| IoError::NotUtf8(e.utf8_error().valid_up_to()))
}

/// Checks a file the reader would write beside an article (the highlights sidecar): absent, a
/// regular file, or a symbolic link to a regular file inside the same folder (or below it).
/// A link that leads out of the folder, to nothing or to anything but a regular file is refused,
/// so that a planted link cannot make the reader create or change a file elsewhere.
pub fn check_beside(path: &Path) -> Result<(), IoError> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let t = meta.file_type();
    if t.is_file() {
        return Ok(());
    }
    if !t.is_symlink() {
        return Err(IoError::NotRegular(kind_of(t)));
    }
    let Ok(target) = std::fs::canonicalize(path) else {
        return Err(IoError::Link(
            "a symbolic link that leads nowhere; the reader does not create what a link points to"
                .into(),
        ));
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let folder = std::fs::canonicalize(folder)?;
    if !target.starts_with(&folder) {
        return Err(IoError::Link(
            "a symbolic link to a file outside the article's folder; replace it with a file".into(),
        ));
    }
    let t = std::fs::metadata(&target)?.file_type();
    if !t.is_file() {
        return Err(IoError::Link(format!(
            "a symbolic link to a {}, not to a regular file",
            kind_of(t)
        )));
    }
    Ok(())
}

/// The files under `dir` (at any depth) whose name `wanted` accepts, skipping hidden entries,
/// with a warning for each special file or unreadable folder passed over. Links are followed,
/// but no folder is entered twice, so a link to itself or to a parent cannot loop.
pub fn walk(dir: &Path, wanted: &dyn Fn(&str) -> bool) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let mut seen: HashSet<(u64, u64)> = HashSet::new();
    let mut stack = vec![dir.to_path_buf()];
    // Links to folders are followed only while they stay inside `dir`: a link to `..` or to `/`
    // would otherwise walk the whole disk.
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    // A bound on folders visited keeps even a huge tree of distinct folders finite in time.
    const MAX_FOLDERS: usize = 100_000;
    while let Some(folder) = stack.pop() {
        use std::os::unix::fs::MetadataExt;
        let Ok(meta) = std::fs::metadata(&folder) else {
            continue;
        };
        if !seen.insert((meta.dev(), meta.ino())) {
            continue;
        }
        if seen.len() > MAX_FOLDERS {
            warnings.push((
                folder,
                format!("more than {MAX_FOLDERS} folders; the rest are not looked at"),
            ));
            break;
        }
        let entries = match std::fs::read_dir(&folder) {
            Ok(e) => e,
            Err(e) => {
                warnings.push((folder, format!("folder skipped: {}", IoError::from(e))));
                continue;
            }
        };
        let mut subfolders = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            // Follows links (a dangling one has no metadata and is passed over below).
            let Ok(meta) = std::fs::metadata(&path) else {
                if wanted(&name) {
                    warnings.push((path, "skipped: a link that leads nowhere".into()));
                }
                continue;
            };
            let t = meta.file_type();
            if t.is_dir() {
                let linked = entry.file_type().is_ok_and(|t| t.is_symlink());
                if linked && !std::fs::canonicalize(&path).is_ok_and(|p| p.starts_with(&root)) {
                    warnings.push((path, "skipped: a link to a folder outside".into()));
                    continue;
                }
                subfolders.push(path);
            } else if wanted(&name) {
                if t.is_file() {
                    out.push(path);
                } else {
                    warnings.push((path, format!("skipped: is a {}", kind_of(t))));
                }
            }
        }
        subfolders.sort();
        stack.extend(subfolders.into_iter().rev());
    }
    (out, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;
    use std::time::{Duration, Instant};

    fn mkfifo(path: &Path) {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap();
        assert!(status.success());
    }

    #[test]
    fn a_fifo_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f.yaml");
        mkfifo(&fifo);
        let t = Instant::now();
        let err = read_regular(&fifo, 100).unwrap_err();
        assert!(t.elapsed() < Duration::from_secs(2));
        assert_eq!(
            err.to_string(),
            "is a FIFO (named pipe), not a regular file"
        );
    }

    #[test]
    fn devices_and_folders_are_refused() {
        let err = read_regular(Path::new("/dev/zero"), 100).unwrap_err();
        assert_eq!(err.to_string(), "is a character device, not a regular file");
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("z.yaml");
        symlink("/dev/zero", &link).unwrap();
        assert!(matches!(
            read_regular(&link, 100),
            Err(IoError::NotRegular("character device"))
        ));
        assert!(matches!(
            read_regular(dir.path(), 100),
            Err(IoError::NotRegular("folder"))
        ));
    }

    #[test]
    fn the_limit_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        std::fs::write(&path, vec![b'a'; 2049]).unwrap();
        let err = read_regular(&path, 2048).unwrap_err();
        assert_eq!(
            err.to_string(),
            "file is 2049 bytes, over the limit of 2 KiB; split it or trim it"
        );
        assert_eq!(read_regular(&path, 2049).unwrap().unwrap().len(), 2049);
        assert!(read_regular(&dir.path().join("none"), 1).unwrap().is_none());
        assert_eq!(show_limit(64 * 1024 * 1024), "64 MiB");
    }

    #[test]
    fn each_fault_has_its_own_words() {
        let words = |n| IoError::from(io::Error::from_raw_os_error(n)).to_string();
        assert!(words(libc::ENOSPC).contains("disk is full"));
        assert!(words(libc::EROFS).contains("read-only"));
        assert!(words(libc::EACCES).contains("permission denied"));
        assert_ne!(words(libc::ENOSPC), words(libc::EROFS));
    }

    #[test]
    fn the_walk_survives_loops_and_skips_special_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("a.yaml"), "x").unwrap();
        std::fs::write(d.join("sub/b.yaml"), "x").unwrap();
        symlink(".", d.join("self")).unwrap();
        symlink("..", d.join("sub/up")).unwrap();
        symlink("/", d.join("root")).unwrap();
        symlink(d, d.join("sub/again")).unwrap();
        symlink("/dev/zero", d.join("z.yaml")).unwrap();
        symlink("/no/such/file", d.join("gone.yaml")).unwrap();
        mkfifo(&d.join("f.yaml"));
        let t = Instant::now();
        let (files, warnings) = walk(d, &|n| n.ends_with(".yaml"));
        assert!(t.elapsed() < Duration::from_secs(5));
        let names: Vec<String> = files
            .iter()
            .map(|p| p.strip_prefix(d).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.yaml", "sub/b.yaml"]);
        let mut warned: Vec<String> = warnings
            .iter()
            .map(|(p, w)| format!("{}: {w}", p.file_name().unwrap().to_string_lossy()))
            .collect();
        warned.sort();
        assert_eq!(
            warned,
            [
                "f.yaml: skipped: is a FIFO (named pipe)",
                "gone.yaml: skipped: a link that leads nowhere",
                "root: skipped: a link to a folder outside",
                "z.yaml: skipped: is a character device",
            ]
        );
    }

    #[test]
    fn a_sidecar_link_is_followed_only_to_a_regular_file_in_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("art")).unwrap();
        std::fs::write(d.join("outside"), "x").unwrap();
        std::fs::write(d.join("art/real.yaml"), "x").unwrap();
        symlink("real.yaml", d.join("art/in.yaml")).unwrap();
        symlink("../outside", d.join("art/out.yaml")).unwrap();
        symlink("/no/such/file", d.join("art/gone.yaml")).unwrap();
        symlink("/dev/zero", d.join("art/zero.yaml")).unwrap();
        mkfifo(&d.join("art/fifo.yaml"));
        assert!(check_beside(&d.join("art/real.yaml")).is_ok());
        assert!(check_beside(&d.join("art/absent.yaml")).is_ok());
        assert!(check_beside(&d.join("art/in.yaml")).is_ok());
        let words = |n: &str| {
            check_beside(&d.join("art").join(n))
                .unwrap_err()
                .to_string()
        };
        assert!(words("out.yaml").contains("outside the article's folder"));
        assert!(words("gone.yaml").contains("leads nowhere"));
        assert!(words("zero.yaml").contains("outside") || words("zero.yaml").contains("device"));
        assert!(words("fifo.yaml").contains("FIFO"));
    }
}

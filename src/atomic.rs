//! Atomic file writes: a crash or a kill at any moment leaves either the old file or the new one,
//! whole (the format spec's promise for the highlights sidecar, and the reader spec's for
//! `export -o`).
//!
//! The bytes go to a temporary file in the target's own folder (a rename is only atomic within
//! one file system), which is flushed and synced before it is renamed over the target; then the
//! folder is synced so that the rename itself survives a power cut.
//!
//! Choices made where a careful user would expect them:
//! - the new file keeps the permissions of the file it replaces (a private `0600` file stays
//!   private); a new file gets the usual ones (`0666` less the umask);
//! - a target that is a symbolic link is written *through*: the file it points to is replaced and
//!   the link stays a link;
//! - only a regular file is ever replaced: a FIFO, a device, a socket or a folder at the target
//!   (or at the end of its links) is refused, so that `/dev/null` or a named pipe is never
//!   swapped for a plain file. [`write_output`], for a file named on the command line (`-o`),
//!   writes into a FIFO or a character device in place instead, as a shell's `>` would;
//! - temporary files are created with `O_EXCL` and `O_NOFOLLOW`, so a link planted under a
//!   temporary name is never followed;
//! - temporary files are hidden and named after the target (`.{name}.tmp.{pid}.{n}`), so that one
//!   left behind by a kill is recognisable; [`remove_temps`] sweeps them up.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::safe_fs::{self, IoError};

/// Makes temporary names unique within this process; the pid makes them unique across processes.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// How many symbolic links are followed before giving up (as the kernel's `ELOOP` does).
const MAX_LINKS: usize = 32;

/// Replaces the file at `path` with `bytes`, atomically.
///
/// On error nothing is left behind: the temporary file is removed and the target is untouched.
/// A failure to sync the folder after the rename is ignored, since some platforms and file
/// systems refuse to open or sync a folder; the data itself is already synced by then.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    write_through(path, bytes, &mut |file, bytes| file.write_all(bytes))
}

/// [`write()`], with `put` writing the bytes into the temporary file: `write_all` in the
/// program, a writer that fails as a full disk or a failing device would in tests.
fn write_through(
    path: &Path,
    bytes: &[u8],
    put: &mut dyn FnMut(&mut File, &[u8]) -> io::Result<()>,
) -> Result<(), IoError> {
    let target = resolve_links(path)?;
    match fs::symlink_metadata(&target) {
        Ok(meta) if meta.file_type().is_file() => {}
        Ok(meta) => return Err(IoError::NotRegular(safe_fs::kind_of(meta.file_type()))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e.into()),
    }
    let name = target
        .file_name()
        .ok_or_else(|| IoError::Other("does not name a file".into()))?;
    let folder = folder_of(&target);
    let (temp, mut file) = create_temp(&folder, &name.to_string_lossy())?;
    let written = fill(&mut file, &target, bytes, put).and_then(|()| {
        drop(file);
        fs::rename(&temp, &target)
    });
    if let Err(err) = written {
        let _ = fs::remove_file(&temp);
        return Err(err.into());
    }
    if let Ok(dir) = File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Writes `bytes` to a file named on the command line (`export -o`, `render --svg`): into a FIFO
/// or a character device (`/dev/stdout`, a terminal) in place, as a shell's `>` would; otherwise
/// as [`write()`] does, so that anything else but a regular file is refused.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    if let Ok(meta) = fs::metadata(path) {
        let t = meta.file_type();
        if t.is_fifo() || t.is_char_device() {
            let mut file = OpenOptions::new()
                .write(true)
                .custom_flags(libc::O_NOCTTY)
                .open(path)?;
            file.write_all(bytes)?;
            return file.flush().map_err(IoError::from);
        }
    }
    write(path, bytes)
}

/// [`write_output`] for output made piece by piece: `fill` writes it, and only what it is
/// writing at the moment is in memory (`export --format jsonl -o`, however many articles). The
/// file appears whole when `fill` returns `Ok`, or not at all.
pub fn write_output_with(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> Result<(), IoError> {
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    if let Ok(meta) = fs::metadata(path) {
        let t = meta.file_type();
        if t.is_fifo() || t.is_char_device() {
            let file = OpenOptions::new()
                .write(true)
                .custom_flags(libc::O_NOCTTY)
                .open(path)?;
            let mut out = io::BufWriter::new(file);
            fill(&mut out)?;
            return out.flush().map_err(IoError::from);
        }
    }
    write_through(path, &[], &mut |file, _| {
        let mut out = io::BufWriter::new(file);
        fill(&mut out)?;
        out.flush()
    })
}

/// Removes the temporary files that [`write()`] may have left beside `path` when it was killed,
/// and returns how many it removed. Call it only while nothing else can be writing `path` (for
/// the highlights sidecar: while holding its lock), or it may pull a live write's temporary
/// file from under it (that write then fails cleanly; the target stays whole either way).
pub fn remove_temps(path: &Path) -> io::Result<usize> {
    let target = resolve_links(path)?;
    let Some(name) = target.file_name() else {
        return Ok(0);
    };
    let prefix = format!(".{}.tmp.", name.to_string_lossy());
    let mut removed = 0;
    for entry in fs::read_dir(folder_of(&target))? {
        let entry = entry?;
        let is_temp = entry
            .file_name()
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .is_some_and(is_temp_suffix);
        if is_temp && entry.file_type().is_ok_and(|t| t.is_file()) {
            match fs::remove_file(entry.path()) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(removed)
}

/// True for the `{pid}.{n}` that ends a temporary file's name.
fn is_temp_suffix(rest: &str) -> bool {
    rest.split_once('.').is_some_and(|(pid, n)| {
        !pid.is_empty()
            && !n.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
            && n.bytes().all(|b| b.is_ascii_digit())
    })
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Follows `path` while it is a symbolic link, so that the link survives the rename.
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let next = fs::read_link(&current)?;
                current = if next.is_absolute() {
                    next
                } else {
                    folder_of(&current).join(next)
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "`{}`: too many levels of symbolic links",
        path.display()
    )))
}

/// Creates a new, unique temporary file beside the target.
fn create_temp(folder: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    use std::os::unix::fs::OpenOptionsExt;
    let pid = std::process::id();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = folder.join(format!(".{name}.tmp.{pid}.{n}"));
        // `create_new` never opens a file that exists, so a leftover of a dead process with
        // the same pid is skipped rather than reused.
        let opened = OpenOptions::new()
            .write(true)
            .create_new(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&temp);
        match opened {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

fn fill(
    file: &mut File,
    target: &Path,
    bytes: &[u8],
    put: &mut dyn FnMut(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    if let Ok(meta) = fs::metadata(target) {
        file.set_permissions(meta.permissions())?;
    }
    put(file, bytes)?;
    file.flush()?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::FileTypeExt;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn creates_then_replaces_leaving_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        write(&path, b"first").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"first");
        write(&path, b"second, longer").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second, longer");
        write(&path, b"").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"");
        assert_eq!(names(dir.path()), ["a.yaml"]);
    }

    #[test]
    fn a_missing_folder_is_an_error_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone").join("a.yaml");
        let err = write(&path, b"x").unwrap_err();
        assert!(matches!(err, IoError::NotFound), "{err}");
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn a_failed_rename_removes_the_temporary_file() {
        // Renaming a file over a non-empty folder fails, even for root.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("target");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), b"keep").unwrap();
        assert!(write(&path, b"x").is_err());
        assert_eq!(names(dir.path()), ["target"]);
        assert_eq!(fs::read(path.join("inside")).unwrap(), b"keep");
    }

    #[test]
    fn a_path_without_a_file_name_is_refused() {
        assert!(write(Path::new("/"), b"x").is_err());
    }

    #[test]
    fn a_bare_file_name_writes_in_the_current_folder() {
        assert_eq!(folder_of(Path::new("a.yaml")), PathBuf::from("."));
        assert_eq!(folder_of(Path::new("x/a.yaml")), PathBuf::from("x"));
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_permissions_of_the_replaced_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("private");
        fs::write(&path, b"old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        write(&path, b"new").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symbolic_link() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real").join("a.yaml");
        fs::write(&real, b"old").unwrap();
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink("real/a.yaml", &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
        assert_eq!(names(&dir.path().join("real")), ["a.yaml"]);
    }

    #[test]
    fn temporary_names_are_unique_and_swept_up() {
        let dir = tempfile::tempdir().unwrap();
        let (a, _fa) = create_temp(dir.path(), "s.yaml").unwrap();
        let (b, _fb) = create_temp(dir.path(), "s.yaml").unwrap();
        assert_ne!(a, b);
        // Someone else's files that merely look alike stay.
        fs::write(dir.path().join(".s.yaml.tmp.notes"), b"mine").unwrap();
        fs::write(dir.path().join(".other.yaml.tmp.1.2"), b"other").unwrap();
        fs::write(dir.path().join("s.yaml"), b"target").unwrap();
        assert_eq!(remove_temps(&dir.path().join("s.yaml")).unwrap(), 2);
        assert_eq!(
            names(dir.path()),
            [".other.yaml.tmp.1.2", ".s.yaml.tmp.notes", "s.yaml"]
        );
    }

    #[test]
    fn writes_from_many_threads_each_land_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a");
        std::thread::scope(|s| {
            for i in 0..8u8 {
                let path = &path;
                s.spawn(move || {
                    for _ in 0..20 {
                        write(path, &[i; 4096]).unwrap();
                    }
                });
            }
        });
        let bytes = fs::read(&path).unwrap();
        assert_eq!(bytes.len(), 4096);
        assert!(bytes.iter().all(|&b| b == bytes[0]));
        assert_eq!(names(dir.path()), ["a"]);
    }

    #[test]
    fn a_full_disk_keeps_the_old_file_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.highlights.yaml");
        write(&path, b"the old highlights").unwrap();
        // The disk fills after 100 bytes of the new file, as ENOSPC from write(2).
        let mut full = |file: &mut File, bytes: &[u8]| {
            file.write_all(&bytes[..100])?;
            Err(io::Error::from_raw_os_error(libc::ENOSPC))
        };
        let err = write_through(&path, &[b'x'; 4096], &mut full).unwrap_err();
        assert!(matches!(err, IoError::DiskFull), "{err}");
        assert_eq!(
            err.to_string(),
            "the disk is full; free some space and try again"
        );
        assert_eq!(fs::read(&path).unwrap(), b"the old highlights");
        assert_eq!(names(dir.path()), ["a.highlights.yaml"]);
        // A quota, a read-only remount and a refused write each say what they are.
        for (errno, words) in [
            (libc::EDQUOT, "the disk is full"),
            (libc::EROFS, "read-only"),
            (libc::EACCES, "permission denied"),
        ] {
            let mut failing = |_: &mut File, _: &[u8]| Err(io::Error::from_raw_os_error(errno));
            let err = write_through(&path, b"new", &mut failing).unwrap_err();
            assert!(err.to_string().contains(words), "{errno}: {err}");
            assert_eq!(names(dir.path()), ["a.highlights.yaml"]);
        }
    }

    #[test]
    fn writing_to_dev_full_says_the_disk_is_full() {
        // `write_output` writes into a character device in place; /dev/full refuses every byte.
        if !Path::new("/dev/full").exists() {
            return;
        }
        let err = write_output(Path::new("/dev/full"), b"x").unwrap_err();
        assert!(matches!(err, IoError::DiskFull), "{err}");
    }

    #[test]
    fn special_files_are_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let err = write(&fifo, b"x").unwrap_err();
        assert_eq!(
            err.to_string(),
            "is a FIFO (named pipe), not a regular file"
        );
        let link = dir.path().join("null");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        let err = write(&link, b"x").unwrap_err();
        assert_eq!(err.to_string(), "is a character device, not a regular file");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        // The character-device check is by type: /dev/null stays a device.
        assert!(
            fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
        assert_eq!(names(dir.path()), ["fifo", "null"]);
    }

    #[test]
    fn output_goes_into_a_fifo_or_device_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(&fifo).unwrap())
        };
        write_output(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        write_output(Path::new("/dev/null"), b"gone").unwrap();
        let err = write_output(dir.path(), b"x").unwrap_err();
        assert!(err.to_string().contains("folder"), "{err}");
    }
}

//! Where the reader left each article, remembered between runs as less and vim do: one JSON file,
//! `$XDG_STATE_HOME/scholia/positions.json` (or `~/.local/state/scholia/`), keyed by the
//! article's canonical path. A position is a char offset into the body and is only given back
//! while the body has the same length, so an edited article opens at its top rather than at a
//! place that now means something else.
//!
//! Like the library's cache, the file is a convenience: one that is missing, too large, not JSON,
//! a link, or in a folder others may write to is ignored, and it is written atomically.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::safe_fs::IoError;

/// Articles remembered; beyond this the least recently read are forgotten.
const KEEP: usize = 1000;
/// A positions file larger than this is not read (1 000 entries take about 200 KB).
const LIMIT: u64 = 4 * 1024 * 1024;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
struct Place {
    /// The reading position, a char offset into the body.
    pos: usize,
    /// The body's length in chars when the position was kept.
    body_chars: usize,
    /// A counter that orders entries by when they were last written.
    seen: u64,
}

#[derive(Default, Serialize, Deserialize)]
struct File {
    version: u32,
    places: HashMap<String, Place>,
}

const VERSION: u32 = 1;

/// The state folder: `$XDG_STATE_HOME/scholia`, or `~/.local/state/scholia` (a relative
/// `XDG_STATE_HOME` is ignored, as the XDG spec says).
pub fn folder() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".local/state"))
        })?;
    Some(base.join("scholia"))
}

fn key(article: &Path) -> Option<String> {
    Some(
        std::fs::canonicalize(article)
            .ok()?
            .to_string_lossy()
            .into_owned(),
    )
}

fn read(file: &Path) -> File {
    let usable = file
        .parent()
        .is_some_and(|f| super::cache::folder_is_safe(f).is_ok())
        && std::fs::symlink_metadata(file).is_ok_and(|m| m.file_type().is_file());
    if !usable {
        return File::default();
    }
    let Ok(Some(bytes)) = crate::safe_fs::read_regular(file, LIMIT) else {
        return File::default();
    };
    match serde_json::from_slice::<File>(&bytes) {
        Ok(f) if f.version == VERSION => f,
        _ => File::default(),
    }
}

/// Where the reader left `article` (an annotation file), if its body still has `body_chars`
/// chars; kept in `folder`.
pub fn recall(folder: &Path, article: &Path, body_chars: usize) -> Option<usize> {
    let key = key(article)?;
    let place = read(&folder.join("positions.json")).places.remove(&key)?;
    (place.body_chars == body_chars && place.pos <= body_chars).then_some(place.pos)
}

/// Remembers that the reader left `article` at `pos`, atomically, in `folder` (created with
/// mode 0700 when missing; refused when others may write to it).
pub fn remember(
    folder: &Path,
    article: &Path,
    pos: usize,
    body_chars: usize,
) -> Result<(), IoError> {
    use std::os::unix::fs::DirBuilderExt;
    let Some(key) = key(article) else {
        return Ok(());
    };
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)?;
    super::cache::folder_is_safe(folder).map_err(IoError::Other)?;
    let file = folder.join("positions.json");
    let mut data = read(&file);
    data.version = VERSION;
    let seen = data.places.values().map(|p| p.seen).max().unwrap_or(0) + 1;
    data.places.insert(
        key,
        Place {
            pos,
            body_chars,
            seen,
        },
    );
    if data.places.len() > KEEP {
        let mut by_age: Vec<(u64, String)> = data
            .places
            .iter()
            .map(|(k, p)| (p.seen, k.clone()))
            .collect();
        by_age.sort();
        for (_, k) in by_age.iter().take(data.places.len() - KEEP) {
            data.places.remove(k);
        }
    }
    if std::fs::symlink_metadata(&file).is_ok_and(|m| m.file_type().is_symlink()) {
        std::fs::remove_file(&file)?;
    }
    let bytes = serde_json::to_vec(&data).map_err(|e| IoError::Other(e.to_string()))?;
    crate::atomic::write(&file, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, "format: 1").unwrap();
        path
    }

    #[test]
    fn a_position_comes_back_while_the_body_is_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let a = article(dir.path(), "a.yaml");
        let b = article(dir.path(), "b.yaml");
        assert_eq!(recall(&state, &a, 100), None);
        remember(&state, &a, 40, 100).unwrap();
        remember(&state, &b, 7, 10).unwrap();
        assert_eq!(recall(&state, &a, 100), Some(40));
        assert_eq!(recall(&state, &b, 10), Some(7));
        // The body changed length: the place may mean something else now.
        assert_eq!(recall(&state, &a, 101), None);
        remember(&state, &a, 60, 100).unwrap();
        assert_eq!(recall(&state, &a, 100), Some(60));
    }

    #[test]
    fn a_hostile_positions_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let a = article(dir.path(), "a.yaml");
        remember(&state, &a, 40, 100).unwrap();
        let file = state.join("positions.json");
        let key = key(&a).unwrap();
        for text in [
            "".to_string(),
            "[[[[[[[[[[".to_string(),
            format!(
                "{{\"version\":1,\"places\":{{\"{key}\":{{\"pos\":900,\"body_chars\":100,\"seen\":1}}}}}}"
            ),
            format!("{{\"version\":1,\"places\":{{\"{key}\":{{\"pos\":-1}}}}}}"),
        ] {
            std::fs::write(&file, &text).unwrap();
            assert_eq!(recall(&state, &a, 100), None, "{text}");
            remember(&state, &a, 3, 100).unwrap();
            assert_eq!(recall(&state, &a, 100), Some(3), "{text}");
        }
        // A link in its place is neither read nor written through.
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        std::fs::remove_file(&file).unwrap();
        std::os::unix::fs::symlink(&victim, &file).unwrap();
        assert_eq!(recall(&state, &a, 100), None);
        remember(&state, &a, 3, 100).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    }

    #[test]
    fn only_the_most_recent_articles_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let first = article(dir.path(), "first.yaml");
        remember(&state, &first, 1, 10).unwrap();
        let mut data = read(&state.join("positions.json"));
        for i in 0..KEEP {
            data.places.insert(
                format!("/x/{i}"),
                Place {
                    pos: 0,
                    body_chars: 0,
                    seen: 2 + i as u64,
                },
            );
        }
        std::fs::write(
            state.join("positions.json"),
            serde_json::to_vec(&data).unwrap(),
        )
        .unwrap();
        let last = article(dir.path(), "last.yaml");
        remember(&state, &last, 5, 10).unwrap();
        assert_eq!(read(&state.join("positions.json")).places.len(), KEEP);
        assert_eq!(recall(&state, &first, 10), None);
        assert_eq!(recall(&state, &last, 10), Some(5));
    }
}

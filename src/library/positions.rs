//! What the reader remembers of each article between runs, as less and vim do: where it left
//! it, the theme chosen for it with `t`, and its earlier searches. One JSON file,
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
/// A positions file larger than this is not read: 1 000 articles of [`SEARCHES`] searches of
/// [`SEARCH_CHARS`] take at most about 4 MB, and most files are a few hundred KB.
const LIMIT: u64 = 8 * 1024 * 1024;
/// Searches remembered per article, the latest kept.
pub const SEARCHES: usize = 20;
/// The longest search remembered, in chars; a longer one is cut.
pub const SEARCH_CHARS: usize = 200;
/// The longest theme name taken from the file (a longer one is not a theme's).
const THEME_CHARS: usize = 100;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
struct Place {
    /// The reading position, a char offset into the body.
    pos: usize,
    /// The screen line (0 at the top) the reading position was on, so that the text comes back
    /// as it was left, not only the position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    /// The body's length in chars when the position was kept.
    body_chars: usize,
    /// A counter that orders entries by when they were last written.
    seen: u64,
    /// The theme chosen for this article with `t`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    theme: Option<String>,
    /// Earlier searches, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    searches: Vec<String>,
}

/// What is remembered of one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Remembered {
    /// Where the reader left it, while its body has the same length.
    pub pos: Option<usize>,
    /// The screen line the reading position was on then.
    pub line: Option<usize>,
    /// The theme last chosen for it with `t` (a name; the caller checks it is a theme).
    pub theme: Option<String>,
    /// Its earlier searches, oldest first: at most [`SEARCHES`], each at most [`SEARCH_CHARS`].
    pub searches: Vec<String>,
}

/// The latest [`SEARCHES`] of `list`, each cut to [`SEARCH_CHARS`], oldest first.
pub fn bounded(list: &[String]) -> Vec<String> {
    list[list.len().saturating_sub(SEARCHES)..]
        .iter()
        .map(|s| s.chars().take(SEARCH_CHARS).collect())
        .collect()
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

/// What is remembered of `article` (an annotation file) whose body now has `body_chars` chars;
/// kept in `folder`. Bounded whatever the file holds.
pub fn recall(folder: &Path, article: &Path, body_chars: usize) -> Remembered {
    let Some(key) = key(article) else {
        return Remembered::default();
    };
    let Some(place) = read(&folder.join("positions.json")).places.remove(&key) else {
        return Remembered::default();
    };
    Remembered {
        pos: (place.body_chars == body_chars && place.pos <= body_chars).then_some(place.pos),
        // A line beyond any screen is no line at all.
        line: place.line.filter(|&l| l < 1000),
        theme: place
            .theme
            .filter(|t| !t.is_empty() && t.chars().count() <= THEME_CHARS),
        searches: bounded(&place.searches),
    }
}

/// Remembers what `state` says of `article` (its position, 0 when `None`), atomically, in
/// `folder` (created with mode 0700 when missing; refused when others may write to it).
pub fn remember(
    folder: &Path,
    article: &Path,
    body_chars: usize,
    state: &Remembered,
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
    let seen = data
        .places
        .values()
        .map(|p| p.seen)
        .max()
        .unwrap_or(0)
        .saturating_add(1);
    data.places.insert(
        key,
        Place {
            pos: state.pos.unwrap_or(0),
            line: state.line,
            body_chars,
            seen,
            theme: state.theme.clone(),
            searches: bounded(&state.searches),
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

    fn at(pos: usize) -> Remembered {
        Remembered {
            pos: Some(pos),
            ..Remembered::default()
        }
    }

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
        assert_eq!(recall(&state, &a, 100).pos, None);
        remember(&state, &a, 100, &at(40)).unwrap();
        remember(&state, &b, 10, &at(7)).unwrap();
        assert_eq!(recall(&state, &a, 100).pos, Some(40));
        assert_eq!(recall(&state, &b, 10).pos, Some(7));
        // The body changed length: the place may mean something else now.
        assert_eq!(recall(&state, &a, 101).pos, None);
        remember(&state, &a, 100, &at(60)).unwrap();
        assert_eq!(recall(&state, &a, 100).pos, Some(60));
    }

    #[test]
    fn a_hostile_positions_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let a = article(dir.path(), "a.yaml");
        remember(&state, &a, 100, &at(40)).unwrap();
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
            assert_eq!(recall(&state, &a, 100).pos, None, "{text}");
            remember(&state, &a, 100, &at(3)).unwrap();
            assert_eq!(recall(&state, &a, 100).pos, Some(3), "{text}");
        }
        // A link in its place is neither read nor written through.
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        std::fs::remove_file(&file).unwrap();
        std::os::unix::fs::symlink(&victim, &file).unwrap();
        assert_eq!(recall(&state, &a, 100).pos, None);
        remember(&state, &a, 100, &at(3)).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    }

    #[test]
    fn only_the_most_recent_articles_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let first = article(dir.path(), "first.yaml");
        remember(&state, &first, 10, &at(1)).unwrap();
        let mut data = read(&state.join("positions.json"));
        for i in 0..KEEP {
            data.places.insert(
                format!("/x/{i}"),
                Place {
                    pos: 0,
                    line: None,
                    body_chars: 0,
                    seen: 2 + i as u64,
                    theme: None,
                    searches: Vec::new(),
                },
            );
        }
        std::fs::write(
            state.join("positions.json"),
            serde_json::to_vec(&data).unwrap(),
        )
        .unwrap();
        let last = article(dir.path(), "last.yaml");
        remember(&state, &last, 10, &at(5)).unwrap();
        assert_eq!(read(&state.join("positions.json")).places.len(), KEEP);
        assert_eq!(recall(&state, &first, 10).pos, None);
        assert_eq!(recall(&state, &last, 10).pos, Some(5));
    }

    #[test]
    fn theme_and_searches_come_back_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let a = article(dir.path(), "a.yaml");
        let searches: Vec<String> = (0..50).map(|i| format!("s{i}")).collect();
        let kept = Remembered {
            pos: Some(5),
            line: Some(7),
            theme: Some("light".into()),
            searches,
        };
        remember(&state, &a, 100, &kept).unwrap();
        let back = recall(&state, &a, 100);
        assert_eq!(back.pos, Some(5));
        assert_eq!(back.line, Some(7));
        assert_eq!(back.theme.as_deref(), Some("light"));
        assert_eq!(back.searches.len(), SEARCHES);
        assert_eq!(back.searches.last().map(String::as_str), Some("s49"));
        // An edited body loses the position, not the theme or the searches.
        let edited = recall(&state, &a, 99);
        assert_eq!(edited.pos, None);
        assert_eq!(edited.theme.as_deref(), Some("light"));
        assert_eq!(edited.searches, back.searches);
    }

    #[test]
    fn a_forged_file_gives_back_no_more_than_the_bounds() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let a = article(dir.path(), "a.yaml");
        remember(&state, &a, 100, &at(1)).unwrap();
        let file = state.join("positions.json");
        let key = key(&a).unwrap();
        let long = "x".repeat(10_000);
        let many: Vec<String> = (0..200).map(|_| long.clone()).collect();
        let forged = serde_json::json!({
            "version": 1,
            "places": { key: {
                "pos": 1, "body_chars": 100, "seen": u64::MAX,
                "theme": long, "searches": many,
            }}
        });
        std::fs::write(&file, serde_json::to_vec(&forged).unwrap()).unwrap();
        let back = recall(&state, &a, 100);
        assert_eq!(back.theme, None);
        assert_eq!(back.searches.len(), SEARCHES);
        assert!(
            back.searches
                .iter()
                .all(|s| s.chars().count() == SEARCH_CHARS)
        );
        // `seen` at its largest does not overflow when the next article is written.
        let b = article(dir.path(), "b.yaml");
        remember(&state, &b, 10, &at(2)).unwrap();
        assert_eq!(recall(&state, &b, 10).pos, Some(2));
    }

    #[test]
    fn a_huge_or_special_state_file_is_passed_over_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let a = article(dir.path(), "a.yaml");
        remember(&state, &a, 100, &at(1)).unwrap();
        let file = state.join("positions.json");
        // Larger than the limit: not read (a sparse file, so the test writes little).
        let f = std::fs::File::create(&file).unwrap();
        f.set_len(LIMIT + 1).unwrap();
        drop(f);
        let started = std::time::Instant::now();
        assert_eq!(recall(&state, &a, 100), Remembered::default());
        // A FIFO in its place is not waited on.
        std::fs::remove_file(&file).unwrap();
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&file)
                .status()
                .unwrap()
                .success()
        );
        assert_eq!(recall(&state, &a, 100), Remembered::default());
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        // Writing does not hang on it either: it is refused with an error to show.
        assert!(remember(&state, &a, 100, &at(3)).is_err());
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}

//! The library: every annotation file below a folder, each with what a list of articles and the
//! speaker statistics need ([`Summary`]). Knows nothing of the terminal; the library screen
//! (`tui::library`) and `scholia stats` are built on it.
//!
//! A scan walks the folder with [`crate::safe_fs::walk`] (loop-safe, links out of the folder
//! not followed), then reads the articles on several threads, taking from the cache
//! ([`cache`]) every article whose files have not changed since it was last read.

pub mod cache;
pub mod positions;
pub mod quotes;
pub mod summary;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use summary::{SpeakerCount, SpeakerSort, Summary};

use crate::problem::Problem;
use cache::{Cached, Stamp};

/// One article of the library.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The annotation file, as found below the folder.
    pub path: PathBuf,
    /// Its path below the folder, for display (`council/2024-03.yaml`).
    pub name: String,
    pub summary: Summary,
    /// Whether a highlights file stands beside it.
    pub highlights: bool,
}

/// A folder's articles, in name order.
#[derive(Clone, Debug, Default)]
pub struct Library {
    pub root: PathBuf,
    pub entries: Vec<Entry>,
    /// Files and folders passed over by the walk, and why.
    pub skipped: Vec<(PathBuf, String)>,
    /// How many summaries came from the cache.
    pub from_cache: usize,
    /// Why the cache could not be written, if it could not.
    pub cache_error: Option<String>,
}

impl Library {
    /// The speakers of every article, summed by entity id, most quoted first.
    pub fn speakers(&self) -> Vec<SpeakerCount> {
        summary::totals(self.entries.iter().map(|e| &e.summary))
    }
}

/// Where the cache goes: a file in a folder, or nowhere.
#[derive(Clone, Debug)]
pub enum CacheAt {
    /// `$XDG_CACHE_HOME/scholia` (or `~/.cache/scholia`).
    User,
    Folder(PathBuf),
    None,
}

/// Scans `root`: an error only when it is not a folder that can be read.
pub fn scan(root: &Path, cache_at: &CacheAt) -> Result<Library, Problem> {
    let meta = std::fs::metadata(root)
        .map_err(|e| Problem::error(root, None, crate::safe_fs::IoError::from(e).to_string()))?;
    if !meta.is_dir() {
        return Err(Problem::error(root, None, "not a folder"));
    }
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let (mut files, skipped) = crate::safe_fs::walk(root, &crate::cli::files::is_annotation_file);
    files.sort();
    let cache_file = match cache_at {
        CacheAt::User => cache::folder().map(|f| cache::file_for(&f, &canonical)),
        CacheAt::Folder(f) => Some(cache::file_for(f, &canonical)),
        CacheAt::None => None,
    };
    // A cache folder someone else could write to is neither read nor written.
    let mut cache_error = None;
    let cache_file = cache_file.filter(|f| {
        let folder = f.parent().unwrap_or(Path::new("."));
        match cache::folder_is_safe(folder) {
            Ok(()) => true,
            Err(_) if std::fs::symlink_metadata(folder).is_err() => true,
            Err(why) => {
                cache_error = Some(format!("{}: cache not used: {why}", folder.display()));
                false
            }
        }
    });
    let old = cache_file
        .as_deref()
        .map(|f| cache::read(f, &canonical))
        .unwrap_or_default();
    let (entries, fresh) = read_all(root, &files, &old);
    let from_cache = entries.len() - fresh.iter().filter(|f| f.is_some()).count();
    let read_afresh = fresh.iter().any(Option::is_some);
    let list: Vec<Cached> = fresh
        .into_iter()
        .zip(&entries)
        .filter_map(|(new, entry)| new.or_else(|| old.get(&entry.name).cloned()))
        .collect();
    // Written when something was read afresh or an article went away.
    if let Some(file) = cache_file.filter(|_| read_afresh || list.len() != old.len())
        && let Err(e) = cache::write(&file, &canonical, list)
    {
        cache_error = Some(format!("{}: cannot write the cache: {e}", file.display()));
    }
    Ok(Library {
        root: root.to_path_buf(),
        entries,
        skipped,
        from_cache,
        cache_error,
    })
}

/// An entry and, when it was read afresh, what to cache of it.
type Read = (Entry, Option<Cached>);

/// Reads every file (from `old` when unchanged) on up to 8 threads; for each, the entry and,
/// when it was read afresh, what to cache.
fn read_all(
    root: &Path,
    files: &[PathBuf],
    old: &HashMap<String, Cached>,
) -> (Vec<Entry>, Vec<Option<Cached>>) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(files.len().max(1));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Read>>> = Mutex::new(vec![None; files.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = files.get(i) else { break };
                    let done = read_one(root, file, old);
                    if let Ok(mut list) = results.lock() {
                        list[i] = Some(done);
                    }
                }
            });
        }
    });
    let list = results.into_inner().unwrap_or_else(|e| e.into_inner());
    list.into_iter().flatten().unzip()
}

/// The entry of one annotation file, read afresh (`stats FILE`).
pub fn read_file(file: &Path) -> Entry {
    let root = file.parent().unwrap_or(Path::new(""));
    read_one(root, file, &HashMap::new()).0
}

fn read_one(root: &Path, file: &Path, old: &HashMap<String, Cached>) -> (Entry, Option<Cached>) {
    let name = file
        .strip_prefix(root)
        .unwrap_or(file)
        .to_string_lossy()
        .into_owned();
    let highlights = std::fs::symlink_metadata(crate::highlights::sidecar_path(file)).is_ok();
    // Stamped before reading, so a change while it is read is seen next time.
    let stamp = Stamp::of(file);
    let entry = |summary: Summary| Entry {
        path: file.to_path_buf(),
        name: name.clone(),
        summary,
        highlights,
    };
    if let (Some(stamp), Some(hit)) = (stamp, old.get(&name))
        && hit.stamp == stamp
        && hit
            .body
            .as_ref()
            .is_none_or(|(body, was)| Stamp::of(body) == Some(*was))
    {
        return (entry(hit.summary.clone()), None);
    }
    let (summary, body) = match crate::load::load(file) {
        Ok(loaded) => {
            let warnings = loaded
                .warnings
                .sorted()
                .iter()
                .map(|p| p.to_string())
                .collect();
            let body = loaded
                .article
                .body_path
                .as_ref()
                .and_then(|b| Some((b.clone(), Stamp::of(b)?)));
            (Summary::of(&loaded.article, warnings), body)
        }
        Err(problems) => {
            let list = problems.sorted().iter().map(|p| p.to_string()).collect();
            (Summary::failed(file, list), None)
        }
    };
    // An article that does not load is read again next time: its body may have come back.
    let cached = stamp.filter(|_| summary.ok).map(|stamp| Cached {
        path: name.clone(),
        stamp,
        body,
        summary: summary.clone(),
    });
    (entry(summary), cached)
}

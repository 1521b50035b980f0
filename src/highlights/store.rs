//! The store: one article's highlights in memory, with undo, tied to their sidecar.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::lock;
use super::merge::{by_id, merge, sort};
use super::reanchor::reanchor;
use super::sidecar::{parse, read, read_text, to_text};
use super::{COLOURS, Highlight, new_id};
use crate::article::Span;
use crate::atomic;
use crate::body::Body;
use crate::problem::Problem;
use crate::safe_fs::IoError;

/// How many changes [`Store::undo`] can take back.
const UNDO_DEPTH: usize = 1000;

/// A change [`Store::undo`] took back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Add,
    Remove,
    Note,
    Colour,
}

/// How to take one change back.
#[derive(Clone, Debug)]
enum Step {
    Added(String),
    Removed(Box<Highlight>),
    Note(String, Option<String>),
    Colour(String, Option<u8>),
}

/// The highlights of one article, in reading order (by start, orphans last), tied to their
/// sidecar file.
///
/// Changes stay in memory until [`Store::save`], which merges them with whatever another reader
/// saved in the meantime. The merge is three-way, per record and per field: the store keeps the
/// records as they were on disk when it last read or wrote them (the *base*). A record this
/// store did not change takes the disk's version (changed, added or removed by the other reader);
/// one it changed takes its own fields where they differ from the base and the disk's elsewhere
/// (a note written here and a colour given there both survive); one it added is added; one it
/// removed is removed, even if the other reader changed it meanwhile. A record the other reader
/// removed stays removed unless this store changed its note, colour or quote, which brings it
/// back with those changes rather than losing them.
///
/// Records taken in from disk are kept as the other reader anchored them (in the same body, as
/// a rule); they are re-anchored in this body the next time the sidecar is loaded.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    list: Vec<Highlight>,
    /// The records by id as on disk after the last read or write.
    base: HashMap<String, Highlight>,
    undo: Vec<Step>,
}

impl Store {
    /// An empty store for `path` that has read nothing (for an article with nowhere to save, such
    /// as the built-in sample, or `render`, which never saves).
    pub fn new(path: PathBuf) -> Store {
        Store {
            path,
            list: Vec::new(),
            base: HashMap::new(),
            undo: Vec::new(),
        }
    }

    /// Reads the sidecar at `path` and re-anchors its highlights in `body`. A problem with the
    /// file leaves the store empty (and [`Store::save`] refusing to overwrite the file until it
    /// is fixed) and is returned, never raised.
    pub fn load(path: &Path, body: &Body) -> (Store, Option<Problem>) {
        let mut store = Store::new(path.to_path_buf());
        match read(path) {
            Ok(mut list) => {
                store.base = by_id(&list);
                reanchor(&mut list, body);
                store.list = list;
                store.sort();
                (store, None)
            }
            Err(mut problem) => {
                problem.message.push_str(
                    " — fix it by hand; until then its highlights are not shown and the reader \
                     will not write over it",
                );
                (store, Some(problem))
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// In reading order: by start, orphans last.
    pub fn list(&self) -> &[Highlight] {
        &self.list
    }

    pub fn get(&self, id: &str) -> Option<&Highlight> {
        self.list.iter().find(|h| h.id == id)
    }

    /// Adds a highlight and returns its id: its own, unless another highlight has it already (or
    /// it is empty), in which case it gets a fresh one.
    pub fn add(&mut self, mut h: Highlight) -> String {
        while h.id.trim().is_empty() || self.get(&h.id).is_some() {
            h.id = new_id();
        }
        let id = h.id.clone();
        self.list.push(h);
        self.sort();
        self.record(Step::Added(id.clone()));
        id
    }

    /// Removes a highlight, returning it.
    pub fn remove(&mut self, id: &str) -> Option<Highlight> {
        let i = self.list.iter().position(|h| h.id == id)?;
        let h = self.list.remove(i);
        self.record(Step::Removed(Box::new(h.clone())));
        Some(h)
    }

    /// Sets or clears a highlight's note; a note of only whitespace clears it. False when there is
    /// no such highlight.
    pub fn set_note(&mut self, id: &str, note: Option<String>) -> bool {
        let note = note.filter(|n| !n.trim().is_empty());
        let Some(h) = self.list.iter_mut().find(|h| h.id == id) else {
            return false;
        };
        if h.note != note {
            let old = std::mem::replace(&mut h.note, note);
            self.record(Step::Note(id.to_string(), old));
        }
        true
    }

    /// Sets or clears a highlight's colour. False when there is no such highlight or the colour
    /// is not one of [`COLOURS`].
    pub fn set_colour(&mut self, id: &str, colour: Option<u8>) -> bool {
        if colour.is_some_and(|c| !COLOURS.contains(&c)) {
            return false;
        }
        let Some(h) = self.list.iter_mut().find(|h| h.id == id) else {
            return false;
        };
        if h.colour != colour {
            let old = std::mem::replace(&mut h.colour, colour);
            self.record(Step::Colour(id.to_string(), old));
        }
        true
    }

    /// The highlights that stand in the text (not orphaned), by start: the list's front part.
    pub fn anchored(&self) -> &[Highlight] {
        &self.list[..self.list.partition_point(|h| !h.orphaned)]
    }

    /// The (not orphaned) highlight made on quote `quote_id`, if any: what `h` on a quote toggles.
    pub fn of_quote(&self, quote_id: &str) -> Option<&Highlight> {
        self.anchored()
            .iter()
            .find(|h| h.quote.as_deref() == Some(quote_id))
    }

    /// The highlight covering char `offset` (orphans cover nothing). Where highlights overlap, the
    /// innermost: the one starting last, and of those the shortest.
    pub fn at(&self, offset: usize) -> Option<&Highlight> {
        let anchored = self.anchored();
        let upto = anchored.partition_point(|h| h.start <= offset);
        anchored[..upto]
            .iter()
            .filter(|h| offset < h.end)
            .min_by_key(|h| (std::cmp::Reverse(h.start), h.end))
    }

    /// The (not orphaned) highlight of exactly `span`, if any: what `h` toggles.
    pub fn find_span(&self, span: Span) -> Option<&Highlight> {
        self.list
            .iter()
            .find(|h| !h.orphaned && h.start == span.start() && h.end == span.end())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Takes back the last change (add, remove, note, colour) and says which kind it was; `None`
    /// when there is nothing left to undo. A change whose highlight another reader has removed
    /// since (and a save brought that in) cannot be taken back and is passed over. An undo is
    /// itself a change to save, but not one to undo (there is no redo).
    pub fn undo(&mut self) -> Option<Edit> {
        while let Some(step) = self.undo.pop() {
            let done = match step {
                Step::Added(id) => {
                    let i = self.list.iter().position(|h| h.id == id);
                    i.map(|i| {
                        self.list.remove(i);
                        Edit::Add
                    })
                }
                Step::Removed(h) => (self.get(&h.id).is_none()).then(|| {
                    self.list.push(*h);
                    self.sort();
                    Edit::Remove
                }),
                Step::Note(id, old) => self.list.iter_mut().find(|h| h.id == id).map(|h| {
                    h.note = old;
                    Edit::Note
                }),
                Step::Colour(id, old) => self.list.iter_mut().find(|h| h.id == id).map(|h| {
                    h.colour = old;
                    Edit::Colour
                }),
            };
            if done.is_some() {
                return done;
            }
        }
        None
    }

    /// True when the store holds changes that are not on disk yet (as far as it knows). Offsets
    /// that re-anchoring changed at load count: they are on disk only after the next save.
    pub fn has_unsaved_changes(&self) -> bool {
        self.list.len() != self.base.len()
            || self.list.iter().any(|h| self.base.get(&h.id) != Some(h))
    }

    /// Writes the highlights to the sidecar, atomically, merged with what is on disk now (see
    /// [`Store`]), and takes the merged list as its own.
    ///
    /// Writers take an exclusive lock on `.<sidecar name>.lock` beside the sidecar for the
    /// read-merge-write, waiting up to 5 s for another reader's save. Where the lock cannot be
    /// had (a file system without locks, or a lock file that cannot be created because the
    /// folder is read-only, where the write then fails anyway) the save goes on without it.
    /// Nothing is written when the merge changes nothing on disk.
    ///
    /// On `Err` (a folder that cannot be written, a full disk, a sidecar broken by hand) the
    /// message says what to do; every change stays in memory and the next save tries again.
    pub fn save(&mut self) -> Result<(), String> {
        let _lock = lock::acquire(&self.path)?;
        let disk = match read_text(&self.path) {
            Ok(None) => Vec::new(),
            Ok(Some(src)) => parse(&self.path, &src).map_err(|p| {
                format!(
                    "highlights not saved: {p} — fix that file and save again; your highlights \
                     are kept until then"
                )
            })?,
            Err(e) => return Err(self.io_error("read", &e)),
        };
        // Under the lock no other writer is mid-write, so any temporary file is a dead one's.
        // Failing to sweep them costs only clutter.
        let _ = atomic::remove_temps(&self.path);
        let mut merged = merge(&self.base, &self.list, &disk);
        sort(&mut merged);
        if by_id(&merged) != by_id(&disk) {
            let text = to_text(&merged).map_err(|e| format!("highlights not saved: {e}"))?;
            atomic::write(&self.path, text.as_bytes()).map_err(|e| self.io_error("write", &e))?;
        }
        self.base = by_id(&merged);
        self.list = merged;
        Ok(())
    }

    /// A message for a failure to `verb` the sidecar that says what to do about it.
    fn io_error(&self, verb: &str, e: &IoError) -> String {
        let advice = match e {
            IoError::PermissionDenied | IoError::ReadOnly => {
                let folder = match self.path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.display().to_string(),
                    _ => ".".into(),
                };
                format!(
                    " — make the folder {folder} writable, or give another file with --highlights"
                )
            }
            _ => String::new(),
        };
        format!(
            "highlights not saved: cannot {verb} {}: {e}; they are kept in memory and the next \
             save tries again{advice}",
            self.path.display(),
        )
    }

    fn record(&mut self, step: Step) {
        if self.undo.len() == UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(step);
    }

    fn sort(&mut self) {
        sort(&mut self.list);
    }
}

#[cfg(test)]
mod tests {
    use super::super::HEADER;
    use super::super::testing::*;
    use super::lock::LOCK_WAIT;
    use super::*;
    use std::collections::HashSet;
    use std::fs::File;
    use std::time::{Duration, Instant};

    // --- the store ----------------------------------------------------------------------------

    fn temp_sidecar() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.highlights.yaml");
        (dir, path)
    }

    fn ids(store: &Store) -> Vec<String> {
        let mut ids: Vec<String> = store.list().iter().map(|h| h.id.clone()).collect();
        ids.sort();
        ids
    }

    fn disk_ids(path: &Path) -> Vec<String> {
        let mut ids: Vec<String> = read(path).unwrap().into_iter().map(|h| h.id).collect();
        ids.sort();
        ids
    }

    fn sorted(mut v: Vec<String>) -> Vec<String> {
        v.sort();
        v
    }

    #[test]
    fn the_list_is_in_reading_order_with_orphans_last() {
        let b = body(TEXT);
        let mut store = Store::new(PathBuf::from("x"));
        let late = store.add(mark(&b, "nothing more"));
        let mut orphan = mark(&b, "The council");
        orphan.orphaned = true;
        let orphan = store.add(orphan);
        let early = store.add(mark(&b, "met on"));
        let order: Vec<&str> = store.list().iter().map(|h| h.id.as_str()).collect();
        assert_eq!(order, [early.as_str(), late.as_str(), orphan.as_str()]);
    }

    #[test]
    fn at_finds_the_innermost_highlight_and_find_span_the_exact_one() {
        let b = body(TEXT);
        let mut store = Store::new(PathBuf::from("x"));
        let outer = store.add(mark(&b, "Critics said the plan was late."));
        let inner = store.add(mark(&b, "the plan"));
        let mut orphan = mark(&b, "plan");
        orphan.orphaned = true;
        store.add(orphan);
        let o = store.get(&outer).unwrap().clone();
        let i = store.get(&inner).unwrap().clone();
        assert_eq!(store.at(o.start).map(|h| &h.id), Some(&outer));
        assert_eq!(store.at(i.start + 5).map(|h| &h.id), Some(&inner));
        assert_eq!(store.at(i.end).map(|h| &h.id), Some(&outer));
        assert!(store.at(o.end).is_none());
        assert!(store.at(0).is_none());
        assert_eq!(store.find_span(i.span()).map(|h| &h.id), Some(&inner));
        assert!(store.find_span(Span::new(i.start, i.end + 1)).is_none());
    }

    #[test]
    fn add_never_duplicates_an_id() {
        let b = body(TEXT);
        let mut store = Store::new(PathBuf::from("x"));
        let h = mark(&b, "harbour");
        let a = store.add(h.clone());
        let c = store.add(h);
        assert_ne!(a, c);
        let mut blank = mark(&b, "mayor");
        blank.id.clear();
        assert!(!store.add(blank).is_empty());
    }

    #[test]
    fn notes_and_colours() {
        let b = body(TEXT);
        let mut store = Store::new(PathBuf::from("x"));
        let id = store.add(mark(&b, "harbour"));
        assert!(store.set_note(&id, Some("check".into())));
        assert_eq!(store.get(&id).unwrap().note.as_deref(), Some("check"));
        assert!(store.set_note(&id, Some("  \n".into())));
        assert_eq!(store.get(&id).unwrap().note, None);
        assert!(store.set_colour(&id, Some(4)));
        assert!(!store.set_colour(&id, Some(5)));
        assert!(!store.set_colour(&id, Some(0)));
        assert_eq!(store.get(&id).unwrap().colour, Some(4));
        assert!(!store.set_note("nope", None));
        assert!(!store.set_colour("nope", None));
    }

    #[test]
    fn undo_takes_changes_back_one_by_one() {
        let b = body(TEXT);
        let mut store = Store::new(PathBuf::from("x"));
        let a = store.add(mark(&b, "harbour"));
        let c = store.add(mark(&b, "Critics"));
        store.set_note(&a, Some("first".into()));
        store.set_note(&a, Some("second".into()));
        store.set_note(&a, Some("second".into())); // no change, nothing to undo
        store.set_colour(&c, Some(2));
        let removed = store.remove(&a).unwrap();
        assert_eq!(removed.note.as_deref(), Some("second"));

        assert_eq!(store.undo(), Some(Edit::Remove));
        assert_eq!(store.get(&a).unwrap().note.as_deref(), Some("second"));
        assert_eq!(store.undo(), Some(Edit::Colour));
        assert_eq!(store.get(&c).unwrap().colour, None);
        assert_eq!(store.undo(), Some(Edit::Note));
        assert_eq!(store.get(&a).unwrap().note.as_deref(), Some("first"));
        assert_eq!(store.undo(), Some(Edit::Note));
        assert_eq!(store.get(&a).unwrap().note, None);
        assert_eq!(store.undo(), Some(Edit::Add));
        assert!(store.get(&c).is_none());
        assert_eq!(store.undo(), Some(Edit::Add));
        assert!(store.list().is_empty());
        assert_eq!(store.undo(), None);
        assert!(!store.can_undo());
    }

    #[test]
    fn undo_works_across_saves_and_is_saved() {
        let (_dir, path) = temp_sidecar();
        let b = body(TEXT);
        let (mut store, _) = Store::load(&path, &b);
        let id = store.add(mark(&b, "harbour"));
        store.save().unwrap();
        assert_eq!(disk_ids(&path), [id]);
        assert_eq!(store.undo(), Some(Edit::Add));
        assert!(store.has_unsaved_changes());
        store.save().unwrap();
        assert!(disk_ids(&path).is_empty());
        assert!(!store.has_unsaved_changes());
    }

    #[test]
    fn save_then_load_round_trips_and_re_anchors() {
        let (_dir, path) = temp_sidecar();
        let b = body(TEXT);
        let (mut store, problem) = Store::load(&path, &b);
        assert!(problem.is_none() && store.list().is_empty());
        assert!(!path.exists());
        let id = store.add(mark(&b, "the plan was late"));
        store.set_note(&id, Some("why?".into()));
        store.set_colour(&id, Some(2));
        assert!(store.has_unsaved_changes());
        store.save().unwrap();
        assert!(!store.has_unsaved_changes());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(HEADER), "{text}");

        let (again, problem) = Store::load(&path, &b);
        assert!(problem.is_none());
        assert_eq!(again.list(), store.list());

        let moved = body(&format!("Update: {TEXT}"));
        let (again, _) = Store::load(&path, &moved);
        let h = again.get(&id).unwrap();
        assert_eq!(span_text(&moved, h), "the plan was late");
        assert_eq!(h.note.as_deref(), Some("why?"));
        assert!(
            again.has_unsaved_changes(),
            "new offsets are for the next save"
        );
    }

    #[test]
    fn two_readers_saving_in_turn_lose_nothing() {
        let (_dir, path) = temp_sidecar();
        let b = body(TEXT);
        let (mut one, _) = Store::load(&path, &b);
        let (mut two, _) = Store::load(&path, &b);

        let a = one.add(mark(&b, "harbour"));
        one.save().unwrap();
        let c = two.add(mark(&b, "Critics"));
        two.save().unwrap();
        assert_eq!(disk_ids(&path), sorted(vec![a.clone(), c.clone()]));
        assert_eq!(ids(&two), disk_ids(&path), "the saver takes in the other's");

        // One removes its own, two adds another; neither has seen the other's latest.
        one.remove(&a);
        let d = two.add(mark(&b, "the mayor"));
        one.save().unwrap();
        two.save().unwrap();
        assert_eq!(disk_ids(&path), sorted(vec![c.clone(), d.clone()]));
        one.save().unwrap();
        assert_eq!(ids(&one), disk_ids(&path));

        // Both edit the same record, different fields: both edits survive.
        one.set_note(&c, Some("from one".into()));
        two.set_colour(&c, Some(3));
        two.save().unwrap();
        one.save().unwrap();
        let on_disk = read(&path).unwrap();
        let rec = on_disk.iter().find(|h| h.id == c).unwrap();
        assert_eq!(rec.note.as_deref(), Some("from one"));
        assert_eq!(rec.colour, Some(3));

        // A record changed there and untouched here keeps the disk's version.
        two.save().unwrap();
        two.set_note(&d, Some("from two".into()));
        two.save().unwrap();
        one.set_colour(&c, Some(1));
        one.save().unwrap();
        let on_disk = read(&path).unwrap();
        let rec = on_disk.iter().find(|h| h.id == d).unwrap();
        assert_eq!(rec.note.as_deref(), Some("from two"));
        assert_eq!(one.get(&d).unwrap().note.as_deref(), Some("from two"));

        // One changes a record and saves; two, not having seen that, removes it and saves:
        // the removal is the later act, and wins.
        one.set_note(&c, Some("one's last word".into()));
        one.save().unwrap();
        two.remove(&c);
        two.save().unwrap();
        assert!(!disk_ids(&path).contains(&c));
        one.save().unwrap();
        assert!(!ids(&one).contains(&c), "one takes in the removal");

        // Two removes a record and saves; one, not having seen that, changes it and saves: the
        // change is the later act, and brings the record back with it rather than losing it.
        two.remove(&d);
        two.save().unwrap();
        one.set_note(&d, Some("one's note".into()));
        one.save().unwrap();
        let on_disk = read(&path).unwrap();
        let rec = on_disk.iter().find(|h| h.id == d).unwrap();
        assert_eq!(rec.note.as_deref(), Some("one's note"));
        two.save().unwrap();
        assert!(ids(&two).contains(&d));

        // A plain removal, with nothing changed elsewhere, sticks.
        two.remove(&d);
        two.save().unwrap();
        one.save().unwrap();
        assert!(disk_ids(&path).is_empty());
        assert!(ids(&one).is_empty() && ids(&two).is_empty());
    }

    #[test]
    fn interleaved_readers_many_rounds() {
        let (_dir, path) = temp_sidecar();
        let b = body(TEXT);
        let mut stores: Vec<Store> = (0..3).map(|_| Store::load(&path, &b).0).collect();
        let mut expected: HashSet<String> = HashSet::new();
        for round in 0..30usize {
            let k = round % 3;
            let store = &mut stores[k];
            let id = store.add(mark(&b, "harbour"));
            expected.insert(id);
            if round % 4 == 3 {
                let gone = store.list()[round % store.list().len()].id.clone();
                store.remove(&gone);
                expected.remove(&gone);
            }
            store.save().unwrap();
            let on_disk: HashSet<String> = read(&path).unwrap().into_iter().map(|h| h.id).collect();
            assert_eq!(on_disk, expected, "round {round}");
        }
    }

    #[test]
    fn a_broken_sidecar_is_never_written_over() {
        let (_dir, path) = temp_sidecar();
        let b = body(TEXT);
        let broken = "highlights: [ {id: a\n";
        std::fs::write(&path, broken).unwrap();
        let (mut store, problem) = Store::load(&path, &b);
        assert!(problem.is_some());
        let id = store.add(mark(&b, "harbour"));
        let err = store.save().unwrap_err();
        assert!(err.contains("fix that file"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
        // Fixed by hand: the next save keeps both the file's highlight and ours.
        let fixed = to_text(&[mark(&b, "Critics")]).unwrap();
        std::fs::write(&path, fixed).unwrap();
        store.save().unwrap();
        assert_eq!(read(&path).unwrap().len(), 2);
        assert!(store.get(&id).is_some());
    }

    #[test]
    fn a_folder_that_cannot_be_written_keeps_highlights_pending() {
        // A "folder" that is a file fails for everyone, root included.
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("folder");
        std::fs::write(&blocker, b"a file").unwrap();
        let path = blocker.join("a.highlights.yaml");
        let b = body(TEXT);
        let (mut store, problem) = Store::load(&path, &b);
        assert!(problem.is_some(), "reading through a file is a problem");
        let id = store.add(mark(&b, "harbour"));
        let err = store.save().unwrap_err();
        assert!(err.contains("highlights not saved"), "{err}");
        assert!(store.get(&id).is_some());
        assert!(store.has_unsaved_changes());
        // The folder appears: the next save writes what was pending.
        std::fs::remove_file(&blocker).unwrap();
        std::fs::create_dir(&blocker).unwrap();
        store.save().unwrap();
        assert_eq!(disk_ids(&path), [id]);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_is_a_message_and_highlights_stay() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, path) = temp_sidecar();
        let b = body(TEXT);
        let (mut store, _) = Store::load(&path, &b);
        let first = store.add(mark(&b, "harbour"));
        store.save().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        let probe = dir.path().join(".probe");
        let writable = std::fs::write(&probe, b"x").is_ok();
        let _ = std::fs::remove_file(&probe);
        let second = store.add(mark(&b, "Critics"));
        let result = store.save();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        if writable {
            eprintln!(
                "notice: chmod 0o555 does not stop this user (root?) from writing; \
                 the read-only assertions are skipped"
            );
            assert!(result.is_ok());
            return;
        }
        let err = result.unwrap_err();
        assert!(err.contains("permission denied"), "{err}");
        assert!(err.contains("writable"), "{err}");
        assert_eq!(disk_ids(&path), std::slice::from_ref(&first));
        assert!(store.get(&second).is_some());
        store.save().unwrap();
        assert_eq!(disk_ids(&path), sorted(vec![first, second]));
    }

    #[test]
    fn saving_sweeps_up_temporary_files_of_killed_writers() {
        let (dir, path) = temp_sidecar();
        let stale = dir.path().join(".a.highlights.yaml.tmp.99999.0");
        std::fs::write(&stale, b"half a fi").unwrap();
        let b = body(TEXT);
        let (mut store, _) = Store::load(&path, &b);
        store.add(mark(&b, "harbour"));
        store.save().unwrap();
        assert!(!stale.exists());
    }

    #[test]
    fn a_save_that_changes_nothing_writes_nothing() {
        let (_dir, path) = temp_sidecar();
        let b = body(TEXT);
        let (mut store, _) = Store::load(&path, &b);
        store.add(mark(&b, "harbour"));
        store.save().unwrap();
        let hand_written = format!("# my comment\n{}", std::fs::read_to_string(&path).unwrap());
        std::fs::write(&path, &hand_written).unwrap();
        store.save().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), hand_written);
    }

    #[test]
    fn a_held_lock_makes_save_wait_for_it() {
        let (dir, path) = temp_sidecar();
        let b = body(TEXT);
        let (mut store, _) = Store::load(&path, &b);
        let id = store.add(mark(&b, "harbour"));
        let lock = File::create(dir.path().join(".a.highlights.yaml.lock")).unwrap();
        lock.lock().unwrap();
        let t = Instant::now();
        let saver = std::thread::spawn(move || {
            let r = store.save();
            (r, Instant::now())
        });
        std::thread::sleep(Duration::from_millis(200));
        assert!(!path.exists(), "saved while the lock was held");
        let released = Instant::now();
        drop(lock);
        let (result, done) = saver.join().unwrap();
        result.unwrap();
        assert!(done >= released && done - t < LOCK_WAIT);
        assert_eq!(disk_ids(&path), [id]);
    }
}

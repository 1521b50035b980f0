//! Undo and redo of every change to the highlights, for the whole session. Each step names the
//! highlight it touched and where it stands, so that `u` and `Ctrl-r` never change something
//! silently off screen: the reader goes there and the status says what happened.

use crate::highlights::{Highlight, Store};

/// One change to the highlights, with what it takes to make it and to take it back.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Added(Highlight),
    Removed(Highlight),
    Note {
        id: String,
        before: Option<String>,
        after: Option<String>,
    },
    Colour {
        id: String,
        before: Option<u8>,
        after: Option<u8>,
    },
}

/// What an undo or redo did: the words for the status and where the highlight is (`None` for
/// an orphan, which stands nowhere in the text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub said: String,
    pub at: Option<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct History {
    done: Vec<Change>,
    undone: Vec<Change>,
}

impl History {
    /// Remembers a change just made; a new change ends what could be redone.
    pub fn record(&mut self, change: Change) {
        self.done.push(change);
        self.undone.clear();
    }

    /// Takes back the last change that can still be taken back (another reader's save may have
    /// removed its highlight meanwhile; such changes are passed over).
    pub fn undo(&mut self, store: &mut Store) -> Option<Outcome> {
        while let Some(change) = self.done.pop() {
            if let Some((outcome, redo)) = apply(store, change, false) {
                self.undone.push(redo);
                return Some(Outcome {
                    said: format!("undone: {}", outcome.said),
                    at: outcome.at,
                });
            }
        }
        None
    }

    /// Makes again the last change undone.
    pub fn redo(&mut self, store: &mut Store) -> Option<Outcome> {
        while let Some(change) = self.undone.pop() {
            if let Some((outcome, undo)) = apply(store, change, true) {
                self.done.push(undo);
                return Some(Outcome {
                    said: format!("redone: {}", outcome.said),
                    at: outcome.at,
                });
            }
        }
        None
    }
}

/// Makes `change` (`forward`) or takes it back; returns what happened and the change as it now
/// stands (a removed highlight as it was when removed, with the note it had then).
fn apply(store: &mut Store, change: Change, forward: bool) -> Option<(Outcome, Change)> {
    let at = |h: &Highlight| (!h.orphaned).then_some(h.start);
    match (change, forward) {
        (Change::Added(h), true) | (Change::Removed(h), false) => {
            if store.get(&h.id).is_some() {
                return None;
            }
            store.add(h.clone());
            let with = if h.note.is_some() {
                " with its note"
            } else {
                ""
            };
            let said = format!("brought back the highlight {}{with}", name(&h));
            let out = Outcome { said, at: at(&h) };
            Some((
                out,
                if forward {
                    Change::Added(h)
                } else {
                    Change::Removed(h)
                },
            ))
        }
        (Change::Added(h), false) | (Change::Removed(h), true) => {
            let now = store.remove(&h.id)?;
            let with = if now.note.is_some() {
                " and its note"
            } else {
                ""
            };
            let said = format!("removed the highlight {}{with}", name(&now));
            let out = Outcome { said, at: at(&now) };
            Some((
                out,
                if forward {
                    Change::Removed(now)
                } else {
                    Change::Added(now)
                },
            ))
        }
        (Change::Note { id, before, after }, forward) => {
            let (from, to) = if forward {
                (&before, &after)
            } else {
                (&after, &before)
            };
            if !store.set_note(&id, to.clone()) {
                return None;
            }
            let h = store.get(&id)?;
            let said = match (from, to) {
                (None, _) => format!("the note of {} is back", name(h)),
                (_, None) => format!("removed the note of {}", name(h)),
                _ => format!("the note of {} is as it was", name(h)),
            };
            let out = Outcome { said, at: at(h) };
            Some((out, Change::Note { id, before, after }))
        }
        (Change::Colour { id, before, after }, forward) => {
            let to = if forward { after } else { before };
            if !store.set_colour(&id, to) {
                return None;
            }
            let h = store.get(&id)?;
            let said = match to {
                Some(c) => format!("{} has colour {c}", name(h)),
                None => format!("{} has no colour", name(h)),
            };
            let out = Outcome { said, at: at(h) };
            Some((out, Change::Colour { id, before, after }))
        }
    }
}

/// A highlight named by its first words: “These are monsters…”.
pub fn name(h: &Highlight) -> String {
    let words: Vec<&str> = h.text.split_whitespace().collect();
    let shown = words.iter().take(4).copied().collect::<Vec<_>>().join(" ");
    let more = if words.len() > 4 { "…" } else { "" };
    super::text::clean_line(&format!("“{shown}{more}”"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Span;
    use crate::body::Body;

    #[test]
    fn undo_and_redo_name_what_they_did_and_keep_the_note() {
        let body = Body::new("These are monsters, said the man. Then he left.".into());
        let mut store = Store::new(std::path::PathBuf::new());
        let mut history = History::default();
        let h = Highlight::new(&body, Span::new(0, 33), None);
        let id = store.add(h.clone());
        history.record(Change::Added(h));
        store.set_note(&id, Some("three\nline\nnote".into()));
        history.record(Change::Note {
            id: id.clone(),
            before: None,
            after: Some("three\nline\nnote".into()),
        });
        let u = history.undo(&mut store).unwrap();
        assert_eq!(
            u.said,
            "undone: removed the note of “These are monsters, said…”"
        );
        assert_eq!(u.at, Some(0));
        let u = history.undo(&mut store).unwrap();
        assert!(
            u.said.starts_with("undone: removed the highlight “These"),
            "{}",
            u.said
        );
        assert!(store.list().is_empty());
        assert_eq!(history.undo(&mut store), None);
        let r = history.redo(&mut store).unwrap();
        assert!(
            r.said.starts_with("redone: brought back the highlight"),
            "{}",
            r.said
        );
        let r = history.redo(&mut store).unwrap();
        assert!(r.said.contains("note of"), "{}", r.said);
        assert_eq!(
            store.get(&id).unwrap().note.as_deref(),
            Some("three\nline\nnote")
        );
        assert_eq!(history.redo(&mut store), None);
        // A new change ends the redo list.
        history.undo(&mut store).unwrap();
        history.record(Change::Colour {
            id: id.clone(),
            before: None,
            after: Some(2),
        });
        assert_eq!(history.redo(&mut store), None);
    }
}

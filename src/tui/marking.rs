//! The highlight keys of `update`: make, remove, note, colour, undo and redo highlights, select
//! sentences, and the highlights list. Every change is remembered for undo and asks the run loop
//! to save at once.

use super::editor::Editor;
use super::history::{Change, name};
use super::model::{Mode, Model, Pane, PromptKind, plural};
use super::update::Effect;
use crate::article::Span;
use crate::highlights::Highlight;
use crate::sentences;

/// The id of the highlight the note and colour keys act on: the list's selected one, or the
/// current quote's, or the one at the reading position (or later on its row).
pub fn current_highlight(model: &Model) -> Option<String> {
    if let Mode::Highlights { selected } = model.mode.base() {
        return model.highlights.list().get(*selected).map(|h| h.id.clone());
    }
    if let Some(q) = model.current_quote()
        && let Some(h) = model.highlights.of_quote(&model.index.article.quotes[q].id)
    {
        return Some(h.id.clone());
    }
    let pos = model.pos();
    let row = model.view.cursor_span();
    (pos..row.end().max(pos + 1))
        .find_map(|offset| model.highlights.at(offset))
        .map(|h| h.id.clone())
}

/// `h`: keeps the selection, or toggles the highlight of the current quote, or removes the
/// highlight at the reading position.
pub fn toggle(model: &mut Model) -> Option<Effect> {
    if let Mode::Selecting { span } = model.mode {
        model.mode = Mode::Normal;
        return add(model, span, None).map(|_| Effect::SaveHighlights);
    }
    if let Some(q) = model.current_quote() {
        let quote = &model.index.article.quotes[q];
        let id = quote.id.clone();
        let existing = model.highlights.of_quote(&id).map(|h| h.id.clone());
        return match existing {
            Some(hid) => remove(model, &hid),
            None => add(model, quote.extent(), Some(id)).map(|_| Effect::SaveHighlights),
        };
    }
    match current_highlight(model) {
        Some(hid) => remove(model, &hid),
        None => {
            model.set_message(
                "nothing to highlight here: go to a quote (]) or select sentences (v)",
            );
            None
        }
    }
}

/// Makes a highlight of `span`; returns its id.
fn add(model: &mut Model, span: Span, quote: Option<String>) -> Option<String> {
    if span.is_empty() {
        return None;
    }
    let h = Highlight::new(&model.index.article.body, span, quote);
    let words = h.text.split_whitespace().count();
    let id = model.highlights.add(h);
    let stored = model.highlights.get(&id)?.clone();
    model.history.record(Change::Added(stored));
    model.set_message(format!(
        "highlighted {} — a: note, 1–4: colour, u: undo",
        plural(words, "word", "words")
    ));
    Some(id)
}

fn remove(model: &mut Model, id: &str) -> Option<Effect> {
    let h = model.highlights.remove(id)?;
    let with = if h.note.is_some() {
        " and its note"
    } else {
        ""
    };
    model.set_message(format!(
        "removed the highlight {}{with} — u brings it back",
        name(&h)
    ));
    model.history.record(Change::Removed(h));
    Some(Effect::SaveHighlights)
}

/// `d` in the list: removes the selected highlight.
pub fn remove_selected(model: &mut Model) -> Option<Effect> {
    let id = current_highlight(model)?;
    remove(model, &id)
}

/// `v`: a selection of the sentence at the reading position.
pub fn start_selection(model: &mut Model) {
    match sentences::sentence_at(&model.index.article.body, model.pos()) {
        Some(span) => {
            model.mode = Mode::Selecting { span };
            model.set_message(
                "selecting: j/) one more sentence, k/( one less, h keep, y copy, Esc drop",
            );
        }
        None => model.set_message("no sentence here to select"),
    }
}

/// `j`/`)` and `k`/`(` while selecting.
pub fn extend_selection(model: &mut Model, forward: bool) -> Option<Effect> {
    let Mode::Selecting { span: sel } = model.mode else {
        return None;
    };
    let body = &model.index.article.body;
    let next = if forward {
        sentences::next_sentence(body, sel.end()).map(|s| Span::new(sel.start(), s.end()))
    } else {
        sentences::prev_sentence_end(body, sel.start(), sel.end())
            .map(|s| Span::new(sel.start(), s.end()))
    };
    match next {
        Some(span) => {
            model.mode = Mode::Selecting { span };
            model.jump_to(span.end().saturating_sub(1));
        }
        None if forward => model.set_message("the selection reaches the end of the article"),
        None => model.set_message("a selection holds at least one sentence"),
    }
    None
}

/// `a`: opens the note prompt for the current highlight; on a quote without one, makes it first.
pub fn edit_note(model: &mut Model) -> Option<Effect> {
    let mut effect = None;
    let id = match current_highlight(model) {
        Some(id) => id,
        None => {
            let quote = model
                .current_quote()
                .map(|q| &model.index.article.quotes[q]);
            let Some(quote) = quote else {
                model.set_message("no highlight here: make one with h (on a quote) or v first");
                return None;
            };
            let (span, qid) = (quote.extent(), quote.id.clone());
            effect = Some(Effect::SaveHighlights);
            add(model, span, Some(qid))?
        }
    };
    let text = model
        .highlights
        .get(&id)
        .and_then(|h| h.note.clone())
        .unwrap_or_default();
    let back = std::mem::replace(&mut model.mode, Mode::Normal);
    model.mode = Mode::Prompt {
        kind: PromptKind::Note(id),
        editor: Editor::new(&text, true),
        back: Box::new(back),
    };
    effect
}

/// Enter in the note prompt.
pub fn save_note(model: &mut Model, id: &str, text: &str) -> Option<Effect> {
    let after = Some(text.trim().to_string()).filter(|t| !t.is_empty());
    let Some(before) = model.highlights.get(id).map(|h| h.note.clone()) else {
        model.set_error("that highlight is gone (another reader removed it); the note is not kept");
        return None;
    };
    if before == after {
        return None;
    }
    model.highlights.set_note(id, after.clone());
    model.set_message(if after.is_some() {
        "note saved — u undoes"
    } else {
        "note removed — u brings it back"
    });
    model.history.record(Change::Note {
        id: id.to_string(),
        before,
        after,
    });
    Some(Effect::SaveHighlights)
}

/// `1`–`4`: the colour of the current highlight; the same colour again takes it off.
pub fn colour(model: &mut Model, colour: u8) -> Option<Effect> {
    let Some(id) = current_highlight(model) else {
        model.set_message("no highlight here: make one with h first");
        return None;
    };
    let before = model.highlights.get(&id).and_then(|h| h.colour);
    let after = (before != Some(colour)).then_some(colour);
    model.highlights.set_colour(&id, after);
    match after {
        Some(c) => model.set_message(format!("colour {c}")),
        None => model.set_message("colour removed"),
    }
    model.history.record(Change::Colour { id, before, after });
    Some(Effect::SaveHighlights)
}

/// `u` and `Ctrl-r`: says what was undone or redone, and goes there.
pub fn undo(model: &mut Model, redo: bool) -> Option<Effect> {
    let outcome = if redo {
        model.history.redo(&mut model.highlights)
    } else {
        model.history.undo(&mut model.highlights)
    };
    let Some(outcome) = outcome else {
        model.set_message(if redo {
            "nothing to redo"
        } else {
            "nothing to undo"
        });
        return None;
    };
    if let Some(at) = outcome.at
        && !matches!(model.mode, Mode::Highlights { .. })
    {
        model.jump_to(at);
    }
    model.set_message(outcome.said);
    Some(Effect::SaveHighlights)
}

/// `H`: the list of highlights, on the first one at or after the reading position.
pub fn open_list(model: &mut Model) {
    let list = model.highlights.list();
    if list.is_empty() {
        model.set_message("no highlights yet: h on a quote, or v to select sentences");
        return;
    }
    let pos = model.pos();
    let selected = list
        .iter()
        .position(|h| !h.orphaned && h.end > pos)
        .unwrap_or(0);
    model.mode = Mode::Highlights { selected };
}

pub fn list_step(model: &mut Model, by: isize) {
    let n = model.highlights.list().len();
    if let Mode::Highlights { selected } = &mut model.mode {
        *selected = super::viewport::offset(*selected, by, n);
    }
}

/// Enter in the list: jump to the highlight.
pub fn list_open(model: &mut Model) {
    let Mode::Highlights { selected } = model.mode else {
        return;
    };
    let Some(h) = model.highlights.list().get(selected) else {
        return;
    };
    if h.orphaned {
        model
            .set_error("orphaned: its text is no longer in the article (it is kept, and exported)");
        return;
    }
    let start = h.start;
    model.mode = Mode::Normal;
    model.focus = Pane::Text;
    model.relayout();
    model.jump_to(start);
}

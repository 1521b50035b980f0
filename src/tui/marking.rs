//! The highlight keys of `update`: make, remove, note, colour and undo highlights, select
//! sentences, and the highlights list. Every change asks the run loop to save at once.

use super::model::{Mode, Model, Pane, Prompt, PromptKind};
use super::update::Effect;
use crate::article::Span;
use crate::highlights::{Edit, Highlight};
use crate::sentences;

/// The quote `h` acts on: the current quote, when the quotes pane has focus or the quote lies on
/// the reading position.
fn quote_here(model: &Model) -> Option<usize> {
    let q = model.current_quote?;
    let on_row = model.article.quotes[q]
        .segments
        .iter()
        .any(|s| s.overlaps(&model.cursor_span()));
    (model.focus == Pane::Quotes || on_row).then_some(q)
}

/// The id of the highlight the note and colour keys act on.
pub fn current_highlight(model: &Model) -> Option<String> {
    if model.mode == Mode::Highlights {
        return model
            .highlights
            .list()
            .get(model.highlights_selected)
            .map(|h| h.id.clone());
    }
    if let Some(q) = quote_here(model)
        && let Some(h) = model.highlights.of_quote(&model.article.quotes[q].id)
    {
        return Some(h.id.clone());
    }
    let row = model.cursor_span();
    (row.start..row.end)
        .find_map(|offset| model.highlights.at(offset))
        .map(|h| h.id.clone())
}

/// `h`: keeps the selection, or toggles the highlight of the current quote, or removes the
/// highlight at the reading position.
pub fn toggle(model: &mut Model) -> Option<Effect> {
    if model.mode == Mode::Selecting {
        let span = model.selection.take()?;
        model.mode = Mode::Normal;
        return add(model, span, None);
    }
    if let Some(q) = quote_here(model) {
        let quote = &model.article.quotes[q];
        let id = quote.id.clone();
        let existing = model.highlights.of_quote(&id).map(|h| h.id.clone());
        return match existing {
            Some(hid) => remove(model, &hid),
            None => add(model, quote.extent(), Some(id)),
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

fn add(model: &mut Model, span: Span, quote: Option<String>) -> Option<Effect> {
    if span.is_empty() {
        return None;
    }
    let h = Highlight::new(&model.article.body, span, quote);
    let words = h.text.split_whitespace().count();
    model.highlights.add(h);
    model.set_message(format!(
        "highlighted {words} word{} — a: note, 1–4: colour, u: undo",
        if words == 1 { "" } else { "s" }
    ));
    Some(Effect::SaveHighlights)
}

fn remove(model: &mut Model, id: &str) -> Option<Effect> {
    model.highlights.remove(id)?;
    model.set_message("highlight removed — u brings it back");
    Some(Effect::SaveHighlights)
}

/// `v`: a selection of the sentence at the reading position.
pub fn start_selection(model: &mut Model) -> Option<Effect> {
    let row = model.cursor_span();
    match sentences::sentence_at(&model.article.body, row.start) {
        Some(s) => {
            model.selection = Some(s);
            model.mode = Mode::Selecting;
            model.set_message("selecting: j/) one more sentence, k/( one less, h keep, Esc drop");
        }
        None => model.set_message("no sentence here to select"),
    }
    None
}

/// `j`/`)` and `k`/`(` while selecting.
pub fn extend_selection(model: &mut Model, forward: bool) -> Option<Effect> {
    let sel = model.selection?;
    let body = &model.article.body;
    let next = if forward {
        sentences::next_sentence(body, sel.end).map(|s| Span::new(sel.start, s.end))
    } else {
        sentences::prev_sentence_end(body, sel.start, sel.end).map(|s| Span::new(sel.start, s.end))
    };
    match next {
        Some(span) => {
            model.selection = Some(span);
            let end = span.end.saturating_sub(1);
            model.jump_to(end);
        }
        None if forward => model.set_message("the selection reaches the end of the article"),
        None => model.set_message("a selection holds at least one sentence"),
    }
    None
}

/// `a`: opens the note prompt for the current highlight.
pub fn edit_note(model: &mut Model) -> Option<Effect> {
    let Some(id) = current_highlight(model) else {
        model.set_message("no highlight here: make one with h first");
        return None;
    };
    let text = model
        .highlights
        .get(&id)
        .and_then(|h| h.note.clone())
        .unwrap_or_default();
    model.note_target = Some(id);
    model.prompt = Some(Prompt {
        kind: PromptKind::Note,
        text,
    });
    model.return_mode = model.mode;
    model.mode = Mode::Prompt;
    None
}

/// Enter in the note prompt.
pub fn save_note(model: &mut Model, text: &str) -> Option<Effect> {
    let id = model.note_target.take()?;
    let note = Some(text.trim().to_string()).filter(|t| !t.is_empty());
    let said = if note.is_some() {
        "note saved"
    } else {
        "note removed"
    };
    if model.highlights.set_note(&id, note) {
        model.set_message(said);
        Some(Effect::SaveHighlights)
    } else {
        model.set_error("that highlight is gone");
        None
    }
}

/// `1`–`4`: the colour of the current highlight; the same colour again takes it off.
pub fn colour(model: &mut Model, colour: u8) -> Option<Effect> {
    let Some(id) = current_highlight(model) else {
        model.set_message("no highlight here: make one with h first");
        return None;
    };
    let now = model.highlights.get(&id).and_then(|h| h.colour);
    let next = (now != Some(colour)).then_some(colour);
    model.highlights.set_colour(&id, next);
    match next {
        Some(c) => model.set_message(format!("colour {c}")),
        None => model.set_message("colour removed"),
    }
    Some(Effect::SaveHighlights)
}

/// `u`.
pub fn undo(model: &mut Model) -> Option<Effect> {
    let said = match model.highlights.undo() {
        Some(Edit::Add) => "undone: the highlight is gone again",
        Some(Edit::Remove) => "undone: the highlight is back",
        Some(Edit::Note) => "undone: the note is as it was",
        Some(Edit::Colour) => "undone: the colour is as it was",
        None => {
            model.set_message("nothing to undo");
            return None;
        }
    };
    model.set_message(said);
    Some(Effect::SaveHighlights)
}

/// `H`: the list of highlights.
pub fn open_list(model: &mut Model) -> Option<Effect> {
    if model.highlights.list().is_empty() {
        model.set_message("no highlights yet: h on a quote, or v to select sentences");
        return None;
    }
    model.mode = Mode::Highlights;
    model.highlights_selected = model
        .highlights_selected
        .min(model.highlights.list().len() - 1);
    None
}

pub fn list_step(model: &mut Model, by: isize) {
    let n = model.highlights.list().len();
    if n == 0 {
        return;
    }
    let at = model.highlights_selected as isize + by;
    model.highlights_selected = at.clamp(0, n as isize - 1) as usize;
}

/// Enter in the list: jump to the highlight.
pub fn list_open(model: &mut Model) {
    let Some(h) = model.highlights.list().get(model.highlights_selected) else {
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
    model.follow_cursor();
}

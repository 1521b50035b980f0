//! `update`: the only place the model changes, one action at a time. It may ask the run loop for
//! an effect (quit, save); `render` and the tests drive it exactly as the terminal does.
//!
//! Split by concern: moving the reading position in `moves`, the highlight keys in `marking`,
//! and here the modes (help, prompt, list) and what every action shares: a message lasts until
//! the next action, and [`Model::sync`] runs after each.

use super::action::Action;
use super::editor::Editor;
use super::marking;
use super::model::{Marks, Mode, Model, Pane, PromptKind};
use super::moves;
use super::outline;
use super::speakers;
use super::theme;

/// Work for the run loop, which `update` itself must not do (it touches no files).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Quit,
    SaveHighlights,
    ExportHighlights,
    /// Write a bare article's suggestions to its `<stem>.yaml`.
    WriteDraft,
    /// Back to the library the article was opened from.
    Back,
    /// Put this text on the system clipboard (OSC 52 to the terminal).
    Copy(String),
}

pub fn update(model: &mut Model, action: Action) -> Option<Effect> {
    // A message describes what the last action did; the next one makes it stale.
    if !matches!(action, Action::Resize { .. }) {
        model.message = None;
    }
    let (from, jump) = (model.pos(), super::jumps::is_jump(&action));
    let effect = apply(model, action);
    model.sync();
    if jump {
        model.jumps.record(from, model.pos());
    }
    effect
}

fn apply(model: &mut Model, action: Action) -> Option<Effect> {
    match action {
        Action::Quit if model.options.library => return Some(Effect::Back),
        Action::Quit | Action::Exit => return Some(Effect::Quit),
        Action::Resize { width, height } => {
            model.width = width;
            model.height = height;
            model.relayout();
            return None;
        }
        Action::Paste(text) => {
            paste(model, &text);
            return None;
        }
        Action::ToggleHelp => {
            toggle_help(model);
            return None;
        }
        _ => {}
    }
    match &mut model.mode {
        Mode::Help { .. } if action == Action::Cancel => {
            toggle_help(model);
            None
        }
        Mode::Details { .. } if matches!(action, Action::Cancel | Action::Details) => {
            close_details(model);
            None
        }
        Mode::Help { .. } | Mode::Details { .. } => {
            scroll_overlay(model, &action);
            None
        }
        Mode::Prompt { .. } => prompt(model, action),
        Mode::Highlights { .. } => list(model, action),
        Mode::Speakers { .. } | Mode::SpeakerQuotes { .. } => {
            speakers::act(model, action);
            None
        }
        Mode::Outline { .. } => {
            match action {
                Action::Down => outline::step(model, 1),
                Action::Up => outline::step(model, -1),
                Action::Top => outline::step(model, isize::MIN / 2),
                Action::Bottom => outline::step(model, isize::MAX / 2),
                Action::Open => outline::jump(model),
                Action::Cancel => model.mode = Mode::Normal,
                _ => {}
            }
            None
        }
        Mode::Selecting { .. } => match action {
            Action::NextSentence => marking::extend_selection(model, true),
            Action::PrevSentence => marking::extend_selection(model, false),
            Action::ToggleHighlight => marking::toggle(model),
            Action::Copy => super::copy::copy(model),
            Action::Cancel => {
                model.mode = Mode::Normal;
                None
            }
            _ => None,
        },
        Mode::Normal => normal(model, action),
    }
}

fn normal(model: &mut Model, action: Action) -> Option<Effect> {
    match action {
        // Esc in plain reading clears the marks: search hits, the chosen entity; with none,
        // it goes back to the library the article came from.
        Action::Cancel if model.marks == Marks::None && model.options.library => {
            return Some(Effect::Back);
        }
        Action::Cancel => model.marks = Marks::None,
        Action::FocusNext => focus(model, true),
        Action::FocusPrev => focus(model, false),
        Action::Down => moves::step(model, 1),
        Action::Up => moves::step(model, -1),
        Action::PageDown => moves::page(model, 1, 1),
        Action::PageUp => moves::page(model, -1, 1),
        Action::HalfPageDown => moves::page(model, 1, 2),
        Action::HalfPageUp => moves::page(model, -1, 2),
        Action::Top => moves::step(model, isize::MIN / 2),
        Action::Bottom => moves::step(model, isize::MAX / 2),
        Action::NextQuote => moves::next_quote(model, true),
        Action::PrevQuote => moves::next_quote(model, false),
        Action::NextSameSpeaker => moves::same_speaker(model, true),
        Action::PrevSameSpeaker => moves::same_speaker(model, false),
        Action::Open => moves::open(model),
        Action::StartSearch => {
            model.mode = Mode::Prompt {
                kind: PromptKind::Search { recalled: None },
                editor: Editor::new("", false),
                back: Box::new(Mode::Normal),
            };
        }
        Action::NextHit => moves::next_hit(model, true),
        Action::PrevHit => moves::next_hit(model, false),
        Action::NextTheme => next_theme(model),
        Action::ScrollAt { col, row, down } => moves::scroll_at(model, col, row, down),
        Action::ClickAt { col, row } => moves::click_at(model, col, row),
        Action::ToggleHighlight => return marking::toggle(model),
        Action::Select => marking::start_selection(model),
        Action::EditNote => return marking::edit_note(model),
        Action::Colour(c) => return marking::colour(model, c),
        Action::Undo => return marking::undo(model, false),
        Action::Redo => return marking::undo(model, true),
        Action::HighlightsList => marking::open_list(model),
        Action::Details => open_details(model),
        Action::Copy => return super::copy::copy(model),
        Action::Outline => outline::open(model),
        Action::SpeakerStats => speakers::open(model),
        Action::ExportHighlights => return Some(Effect::ExportHighlights),
        Action::WriteDraft => return Some(Effect::WriteDraft),
        Action::JumpBack => jump_list(model, true),
        Action::JumpForward => jump_list(model, false),
        Action::Quit
        | Action::Exit
        | Action::ToggleHelp
        | Action::Resize { .. }
        | Action::Paste(_)
        | Action::SortSpeakers
        | Action::Recall { .. }
        | Action::NextSentence
        | Action::PrevSentence
        | Action::Edit(_)
        | Action::PromptSubmit => {}
    }
    None
}

/// `i` opens the details over the reading or the highlights list.
fn open_details(model: &mut Model) {
    let back = std::mem::replace(&mut model.mode, Mode::Normal);
    model.mode = Mode::Details {
        top: 0,
        back: Box::new(back),
    };
}

fn close_details(model: &mut Model) {
    let mode = std::mem::replace(&mut model.mode, Mode::Normal);
    model.mode = match mode {
        Mode::Details { back, .. } => *back,
        other => other,
    };
}

/// `Ctrl-o` and `Ctrl-i`: back or forward through the places jumped from.
fn jump_list(model: &mut Model, back: bool) {
    let here = model.pos();
    let to = if back {
        model.jumps.back(here)
    } else {
        model.jumps.forward(here)
    };
    match to {
        Some(at) => model.jump_to(at),
        None if back => model.set_message("no earlier jump to go back to"),
        None => model.set_message("no later jump to go forward to"),
    }
}

/// `?` opens the help over any mode; `?`, `q` or `Esc` there go back to that mode.
fn toggle_help(model: &mut Model) {
    let mode = std::mem::replace(&mut model.mode, Mode::Normal);
    model.mode = match mode {
        Mode::Help { back, .. } => *back,
        other => Mode::Help {
            top: 0,
            back: Box::new(other),
        },
    };
}

/// Scrolls the help or the details by a row, a page or to an end, never past the last page
/// (so the first key back always moves).
fn scroll_overlay(model: &mut Model, action: &Action) {
    let rows = match model.mode {
        Mode::Help { .. } => super::overlays::help_len(model),
        _ => super::details::len(model),
    };
    let last = super::overlays::last_top(model, rows);
    let page = super::overlays::inside(model).map_or(1, |r| usize::from(r.height).max(1));
    let (Mode::Help { top, .. } | Mode::Details { top, .. }) = &mut model.mode else {
        return;
    };
    *top = match action {
        Action::Down => top.saturating_add(1),
        Action::Up => top.saturating_sub(1),
        Action::PageDown => top.saturating_add(page),
        Action::PageUp => top.saturating_sub(page),
        Action::HalfPageDown => top.saturating_add(page / 2),
        Action::HalfPageUp => top.saturating_sub(page / 2),
        Action::Top => 0,
        Action::Bottom => last,
        _ => *top,
    }
    .min(last);
}

fn focus(model: &mut Model, forward: bool) {
    use Pane::*;
    model.focus = match (model.focus, forward) {
        (Text, true) | (Entities, false) => Quotes,
        (Quotes, true) | (Text, false) => Entities,
        (Entities, true) | (Quotes, false) => Text,
    };
    // In a folded layout Tab also switches which side pane shows.
    if model.focus != Text {
        model.side = model.focus;
    }
    model.relayout();
}

/// A paste is text, never keys: it goes into the open prompt whole, and is refused elsewhere.
fn paste(model: &mut Model, text: &str) {
    match &mut model.mode {
        Mode::Prompt { editor, .. } => editor.insert_str(text),
        _ => model.set_message(
            "pasted text is not keys: it was ignored (paste into a note with a, or a search with /)",
        ),
    }
}

/// The highlights list: its own keys, and the highlight keys acting on the selected row.
fn list(model: &mut Model, action: Action) -> Option<Effect> {
    match action {
        Action::Down => marking::list_step(model, 1),
        Action::Up => marking::list_step(model, -1),
        Action::Open => marking::list_open(model),
        Action::Cancel => model.mode = Mode::Normal,
        Action::EditNote => return marking::edit_note(model),
        Action::Colour(c) => return marking::colour(model, c),
        Action::Undo => return marking::undo(model, false),
        Action::Redo => return marking::undo(model, true),
        Action::ToggleHighlight => return marking::remove_selected(model),
        Action::Details => open_details(model),
        Action::Copy => return super::copy::copy(model),
        _ => {}
    }
    None
}

fn prompt(model: &mut Model, action: Action) -> Option<Effect> {
    let Mode::Prompt { editor, .. } = &mut model.mode else {
        return None;
    };
    match action {
        Action::Edit(e) => editor.apply(e),
        Action::Recall { older } => recall_search(model, older),
        Action::Cancel => {
            if let Mode::Prompt { back, .. } = std::mem::replace(&mut model.mode, Mode::Normal) {
                model.mode = *back;
            }
        }
        Action::PromptSubmit => {
            if let Mode::Prompt { kind, editor, back } =
                std::mem::replace(&mut model.mode, Mode::Normal)
            {
                model.mode = *back;
                match kind {
                    PromptKind::Search { .. } => {
                        model.add_search(editor.text());
                        moves::search(model, editor.text());
                    }
                    PromptKind::Note(id) => return marking::save_note(model, &id, editor.text()),
                }
            }
        }
        _ => {}
    }
    None
}

/// `↑` and `↓` in the search prompt walk the history of searches, as in a shell: `↓` past the
/// latest gives an empty prompt again.
fn recall_search(model: &mut Model, older: bool) {
    let n = model.searches.len();
    let Mode::Prompt {
        kind: PromptKind::Search { recalled },
        editor,
        ..
    } = &mut model.mode
    else {
        return;
    };
    let next = match (*recalled, older) {
        (None, true) if n > 0 => Some(n - 1),
        (None, _) => None,
        (Some(i), true) => Some(i.saturating_sub(1)),
        (Some(i), false) if i + 1 < n => Some(i + 1),
        (Some(_), false) => None,
    };
    *recalled = next;
    let text = next
        .and_then(|i| model.searches.get(i))
        .map_or("", String::as_str);
    *editor = Editor::new(text, false);
}

fn next_theme(model: &mut Model) {
    let name = theme::next_name(model.theme.name(), &model.themes);
    let (t, problems) = theme::load(&name, model.options.user_themes.as_deref());
    model.theme = if model.options.no_color {
        t.no_color()
    } else {
        t
    };
    match problems.first() {
        Some(p) => model.set_error(p.to_string()),
        None => model.set_message(format!("theme: {name}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::editor::Edit;
    use crate::tui::model::Options;

    fn search(model: &mut Model, text: &str) {
        update(model, Action::StartSearch);
        for c in text.chars() {
            update(model, Action::Edit(Edit::Insert(c)));
        }
        update(model, Action::PromptSubmit);
    }

    fn prompt_text(model: &Model) -> String {
        match model.mode() {
            Mode::Prompt { editor, .. } => editor.text().to_string(),
            other => panic!("no prompt: {other:?}"),
        }
    }

    #[test]
    fn up_and_down_in_the_search_prompt_walk_the_earlier_searches() {
        let loaded = crate::sample::load().expect("the sample loads");
        let mut m = Model::new(loaded.article, Options::default(), 100, 30)
            .with_searches(vec!["from last time".into()]);
        search(&mut m, "court");
        search(&mut m, "judge");
        search(&mut m, "court");
        // Each search once, the latest last.
        assert_eq!(m.searches(), ["from last time", "judge", "court"]);
        update(&mut m, Action::StartSearch);
        update(&mut m, Action::Recall { older: false });
        assert_eq!(prompt_text(&m), "");
        update(&mut m, Action::Recall { older: true });
        assert_eq!(prompt_text(&m), "court");
        update(&mut m, Action::Recall { older: true });
        update(&mut m, Action::Recall { older: true });
        update(&mut m, Action::Recall { older: true });
        assert_eq!(prompt_text(&m), "from last time");
        update(&mut m, Action::Recall { older: false });
        assert_eq!(prompt_text(&m), "judge");
        update(&mut m, Action::Edit(Edit::Insert('s')));
        update(&mut m, Action::PromptSubmit);
        assert_eq!(m.searches().last().map(String::as_str), Some("judges"));
        // An empty search is not history.
        search(&mut m, "");
        assert_eq!(m.searches().last().map(String::as_str), Some("judges"));
    }
}

//! `update`: the only place the model changes, one action at a time. It may ask the run loop for
//! an effect (quit, save); `render` and the tests drive it exactly as the terminal does.

use aho_corasick::AhoCorasick;

use super::action::Action;
use super::layout::{self, inner};
use super::marking;
use super::model::{EntityRow, Hits, Mode, Model, Pane, Prompt, PromptKind, QuoteRow};
use super::theme;
use crate::article::Span;
use crate::fold::fold_pattern;

/// Work for the run loop, which `update` itself must not do (it touches no files).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Quit,
    SaveHighlights,
    ExportHighlights,
}

pub fn update(model: &mut Model, action: Action) -> Option<Effect> {
    let effect = apply(model, action);
    if !matches!(action, Action::Resize { .. }) {
        model.sync_anchor();
    }
    effect
}

fn apply(model: &mut Model, action: Action) -> Option<Effect> {
    match (model.mode, action) {
        (_, Action::Quit) => {
            model.quit = true;
            return Some(Effect::Quit);
        }
        (_, Action::Resize { width, height }) => {
            model.width = width;
            model.height = height;
            model.relayout();
            model.clamp();
        }
        (Mode::Help, Action::Down) => model.help_top = model.help_top.saturating_add(1),
        (Mode::Help, Action::Up) => model.help_top = model.help_top.saturating_sub(1),
        (Mode::Help, Action::Cancel | Action::ToggleHelp) => model.mode = Mode::Normal,
        (Mode::Help, _) => {}
        (Mode::Prompt, action) => return prompt(model, action),
        (Mode::Highlights, action) => return list(model, action),
        (Mode::Selecting, Action::NextSentence) => return marking::extend_selection(model, true),
        (Mode::Selecting, Action::PrevSentence) => return marking::extend_selection(model, false),
        (Mode::Selecting, Action::Cancel) => {
            model.selection = None;
            model.mode = Mode::Normal;
            model.message = None;
        }
        (_, Action::ToggleHelp) => {
            model.mode = Mode::Help;
            model.help_top = 0;
        }
        (_, Action::Cancel) => {
            // Esc in plain reading clears the marks: search hits and the selected entity's.
            if model.mode == Mode::Normal {
                model.hits = Hits::default();
                model.selected_entity = None;
                model.message = None;
            }
            model.mode = Mode::Normal;
        }
        (_, Action::FocusNext) => focus(model, true),
        (_, Action::FocusPrev) => focus(model, false),
        (_, Action::Down) => step(model, 1),
        (_, Action::Up) => step(model, -1),
        (_, Action::PageDown) => page(model, 1, 1),
        (_, Action::PageUp) => page(model, -1, 1),
        (_, Action::HalfPageDown) => page(model, 1, 2),
        (_, Action::HalfPageUp) => page(model, -1, 2),
        (_, Action::Top) => step(model, isize::MIN / 2),
        (_, Action::Bottom) => step(model, isize::MAX / 2),
        (_, Action::NextQuote) => next_quote(model, true),
        (_, Action::PrevQuote) => next_quote(model, false),
        (_, Action::NextSameSpeaker) => same_speaker(model, true),
        (_, Action::PrevSameSpeaker) => same_speaker(model, false),
        (_, Action::Open) => open(model),
        (_, Action::StartSearch) => {
            model.return_mode = Mode::Normal;
            model.mode = Mode::Prompt;
            model.prompt = Some(Prompt {
                kind: PromptKind::Search,
                text: String::new(),
            });
        }
        (_, Action::NextHit) => next_hit(model, true),
        (_, Action::PrevHit) => next_hit(model, false),
        (_, Action::NextTheme) => next_theme(model),
        (_, Action::ScrollAt { col, row, down }) => scroll_at(model, col, row, down),
        (_, Action::ClickAt { col, row }) => click_at(model, col, row),
        (_, Action::ToggleHighlight) => return marking::toggle(model),
        (_, Action::Select) => return marking::start_selection(model),
        (_, Action::EditNote) => return marking::edit_note(model),
        (_, Action::Colour(c)) => return marking::colour(model, c),
        (_, Action::Undo) => return marking::undo(model),
        (_, Action::HighlightsList) => return marking::open_list(model),
        (_, Action::ExportHighlights) => return Some(Effect::ExportHighlights),
        (_, Action::Later(feature)) => {
            model.set_message(format!("{feature}: not in this version yet"));
        }
        (
            _,
            Action::NextSentence
            | Action::PrevSentence
            | Action::PromptChar(_)
            | Action::PromptBackspace
            | Action::PromptSubmit,
        ) => {}
    }
    None
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
    model.clamp();
}

/// One step (or many, for g and G) in the focused pane.
fn step(model: &mut Model, by: isize) {
    match model.focus {
        Pane::Text => {
            model.cursor = offset(model.cursor, by, model.rows.len());
            model.clamp();
            model.follow_cursor();
        }
        Pane::Quotes => {
            let items = model.quote_rows.iter().filter_map(|r| match r {
                QuoteRow::Quote(q) => Some(*q),
                QuoteRow::Speaker(_) => None,
            });
            match step_in(items, model.current_quote, by) {
                Some(q) => go_to_quote(model, q),
                None => model.set_message("this article has no quotes"),
            }
        }
        Pane::Entities => {
            let items = model.entity_rows.iter().filter_map(|r| match r {
                EntityRow::Entity(e) => Some(*e),
                EntityRow::Kind(_) => None,
            });
            match step_in(items, model.selected_entity, by) {
                Some(e) => go_to_entity(model, e),
                None => model.set_message("this article has no entities"),
            }
        }
    }
}

/// The item `by` steps away from `current` in a side pane's items (its headings left out), or
/// the first item when none is current; `None` when there are no items.
fn step_in(items: impl Iterator<Item = usize>, current: Option<usize>, by: isize) -> Option<usize> {
    let items: Vec<usize> = items.collect();
    let next = match current.and_then(|c| items.iter().position(|&i| i == c)) {
        Some(at) => offset(at, by, items.len()),
        None => 0,
    };
    items.get(next).copied()
}

fn offset(at: usize, by: isize, len: usize) -> usize {
    let last = len.saturating_sub(1) as isize;
    (at as isize).saturating_add(by).clamp(0, last.max(0)) as usize
}

fn page(model: &mut Model, direction: isize, fraction: usize) {
    let amount = (model.page() / fraction).max(1);
    match model.focus {
        Pane::Text => {
            let by = direction * amount as isize;
            let last = model.rows.len().saturating_sub(1);
            model.top = offset(model.top, by, model.rows.len()).min(last);
            model.cursor = offset(model.cursor, by, model.rows.len());
            model.clamp();
            model.follow_cursor();
        }
        _ => step(model, direction * amount as isize),
    }
}

fn go_to_quote(model: &mut Model, q: usize) {
    model.current_quote = Some(q);
    let start = model.article.quotes[q].extent().start;
    model.jump_to(start);
}

fn go_to_entity(model: &mut Model, e: usize) {
    model.select_entity(e);
    let entity = &model.article.entities[e];
    let (m, q) = (entity.mentions.len(), entity.quotes.len());
    let message = format!(
        "{}: {m} mention{}, {q} quote{} — n/N go through the mentions",
        entity.name,
        if m == 1 { "" } else { "s" },
        if q == 1 { "" } else { "s" },
    );
    let first = entity.mentions.first().map(|m| m.start).or_else(|| {
        entity
            .quotes
            .first()
            .map(|&q| model.article.quotes[q].extent().start)
    });
    if let Some(start) = first {
        model.jump_to(start);
    }
    model.set_message(message);
}

fn next_quote(model: &mut Model, forward: bool) {
    let quotes = &model.article.quotes;
    if quotes.is_empty() {
        model.set_message("this article has no quotes");
        return;
    }
    let span = model.cursor_span();
    let here = model
        .current_quote
        .filter(|&q| model.focus != Pane::Text || quotes[q].extent().overlaps(&span));
    let target = match (here, forward) {
        (Some(q), true) => (q + 1 < quotes.len()).then_some(q + 1),
        (Some(q), false) => q.checked_sub(1),
        (None, true) => quotes.iter().position(|q| q.extent().start >= span.start),
        (None, false) => quotes.iter().rposition(|q| q.extent().start < span.start),
    };
    match target {
        Some(q) => go_to_quote(model, q),
        None if forward => model.set_message("no quote after this one"),
        None => model.set_message("no quote before this one"),
    }
}

fn same_speaker(model: &mut Model, forward: bool) {
    let Some(q) = model.current_quote else {
        model.set_message("no current quote: press ] to go to one");
        return;
    };
    let speaker = model.article.quotes[q].speaker;
    let list = &model.article.entities[speaker].quotes;
    let i = list.iter().position(|&x| x == q).unwrap_or(0);
    let target = if forward {
        list.get(i + 1).copied()
    } else {
        i.checked_sub(1).map(|i| list[i])
    };
    let name = model.article.entities[speaker].name.clone();
    match target {
        Some(t) => go_to_quote(model, t),
        None if forward => model.set_message(format!("no later quote by {name}")),
        None => model.set_message(format!("no earlier quote by {name}")),
    }
}

fn open(model: &mut Model) {
    match model.focus {
        Pane::Text => {}
        Pane::Quotes => {
            if let Some(q) = model.current_quote {
                go_to_quote(model, q);
            }
            model.focus = Pane::Text;
        }
        Pane::Entities => {
            if let Some(e) = model.selected_entity {
                go_to_entity(model, e);
            }
            model.focus = Pane::Text;
        }
    }
    model.relayout();
    model.clamp();
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
        Action::Undo => return marking::undo(model),
        Action::ToggleHighlight => {
            let id = marking::current_highlight(model)?;
            model.highlights.remove(&id)?;
            model.set_message("highlight removed — u brings it back");
            let n = model.highlights.list().len();
            if n == 0 {
                model.mode = Mode::Normal;
            } else {
                model.highlights_selected = model.highlights_selected.min(n - 1);
            }
            return Some(Effect::SaveHighlights);
        }
        _ => {}
    }
    None
}

fn prompt(model: &mut Model, action: Action) -> Option<Effect> {
    let Some(p) = model.prompt.as_mut() else {
        model.mode = Mode::Normal;
        return None;
    };
    match action {
        Action::PromptChar(c) => p.text.push(c),
        Action::PromptBackspace => {
            p.text.pop();
        }
        Action::Cancel => {
            model.prompt = None;
            model.note_target = None;
            model.mode = model.return_mode;
        }
        Action::PromptSubmit => {
            let p = model.prompt.take();
            model.mode = model.return_mode;
            match p {
                Some(Prompt {
                    kind: PromptKind::Search,
                    text,
                }) => search(model, &text),
                Some(Prompt {
                    kind: PromptKind::Note,
                    text,
                }) => return marking::save_note(model, &text),
                None => {}
            }
        }
        _ => {}
    }
    None
}

/// Searches the body with the format's foldings; a query in lower case also matches capitals
/// (ASCII), as vim's `smartcase` does.
fn search(model: &mut Model, query: &str) {
    let pattern = fold_pattern(query);
    if pattern.is_empty() {
        model.hits = Hits::default();
        return;
    }
    let smart = !pattern.chars().any(char::is_uppercase);
    let Ok(ac) = AhoCorasick::builder()
        .ascii_case_insensitive(smart)
        .build([&pattern])
    else {
        model.set_error("cannot search for that");
        return;
    };
    let spans: Vec<Span> = ac
        .find_iter(&model.article.folded.text)
        .map(|m| {
            let (s, e) = model.article.folded.span_to_body(m.start(), m.end());
            Span::new(s, e)
        })
        .collect();
    model.selected_entity = None;
    model.hits = Hits {
        label: format!("“{}”", query.trim()),
        spans,
        current: None,
    };
    if model.hits.spans.is_empty() {
        model.set_error(format!("not found: {}", query.trim()));
        return;
    }
    next_hit(model, true);
}

fn next_hit(model: &mut Model, forward: bool) {
    let n = model.hits.spans.len();
    if n == 0 {
        model.set_message("nothing to step through: search with / or select an entity");
        return;
    }
    let here = model.cursor_span().start;
    let spans = &model.hits.spans;
    let (target, wrapped) = match (model.hits.current, forward) {
        (Some(i), true) if i + 1 < n => (i + 1, false),
        (Some(_), true) => (0, true),
        (Some(i), false) if i > 0 => (i - 1, false),
        (Some(_), false) => (n - 1, true),
        (None, true) => match spans.iter().position(|s| s.start >= here) {
            Some(i) => (i, false),
            None => (0, true),
        },
        (None, false) => match spans.iter().rposition(|s| s.start < here) {
            Some(i) => (i, false),
            None => (n - 1, true),
        },
    };
    model.hits.current = Some(target);
    let start = model.hits.spans[target].start;
    model.jump_to(start);
    let label = model.hits.label.clone();
    let wrap = if wrapped { " (wrapped)" } else { "" };
    model.set_message(format!("{label}: {}/{n}{wrap}", target + 1));
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

/// The pane under a screen cell, if any.
fn pane_at(model: &Model, col: u16, row: u16) -> Option<Pane> {
    let a = model.areas();
    let hit = |r: ratatui::layout::Rect| r.contains(ratatui::layout::Position::new(col, row));
    if hit(a.text) {
        Some(Pane::Text)
    } else if hit(a.quotes) {
        Some(Pane::Quotes)
    } else if hit(a.entities) {
        Some(Pane::Entities)
    } else {
        None
    }
}

fn scroll_at(model: &mut Model, col: u16, row: u16, down: bool) {
    let Some(pane) = pane_at(model, col, row) else {
        return;
    };
    let by = if down { 1 } else { -1 };
    if pane == Pane::Text {
        let last = model.rows.len().saturating_sub(model.page());
        model.top = offset(model.top, 3 * by, model.rows.len()).min(last);
        let page = model.page();
        model.cursor = model.cursor.clamp(model.top, model.top + page - 1);
        model.clamp();
        model.follow_cursor();
    } else {
        let saved = model.focus;
        model.focus = pane;
        step(model, by);
        model.focus = saved;
    }
}

fn click_at(model: &mut Model, col: u16, row: u16) {
    let Some(pane) = pane_at(model, col, row) else {
        return;
    };
    model.focus = pane;
    let a = model.areas();
    match pane {
        Pane::Text => {
            let inside = inner(a.text);
            if row >= inside.y {
                let target = model.top + usize::from(row - inside.y);
                if target < model.rows.len() {
                    model.cursor = target;
                    model.clamp();
                    model.follow_cursor();
                }
            }
        }
        Pane::Quotes => {
            let (inside, _) = layout::side_split(inner(a.quotes));
            let first =
                layout::list_offset(model.quote_row(), model.quote_rows.len(), inside.height);
            if row >= inside.y
                && let Some(QuoteRow::Quote(q)) = model
                    .quote_rows
                    .get(first + usize::from(row - inside.y))
                    .copied()
            {
                go_to_quote(model, q);
            }
        }
        Pane::Entities => {
            let (inside, _) = layout::side_split(inner(a.entities));
            let first =
                layout::list_offset(model.entity_row(), model.entity_rows.len(), inside.height);
            if row >= inside.y
                && let Some(EntityRow::Entity(e)) = model
                    .entity_rows
                    .get(first + usize::from(row - inside.y))
                    .copied()
            {
                go_to_entity(model, e);
            }
        }
    }
}

//! The actions that move the reading position: lines and pages, quotes and speakers, search
//! hits and mentions, the side panes and the mouse. Each only moves the position (and chooses
//! an entity, where the entities pane is used); what the panes show follows from it.

use aho_corasick::AhoCorasick;

use super::index::{EntityRow, QuoteRow};
use super::layout::{self, inner};
use super::model::{Marks, Model, Pane, plural};
use super::side_panes;
use super::viewport::offset;
use super::wrap::drawn_width;
use crate::article::Span;
use crate::fold::fold_pattern;

/// One step (or many, for g and G) in the focused pane.
pub fn step(model: &mut Model, by: isize) {
    match model.focus {
        Pane::Text => {
            let body = &model.index.article.body;
            if by <= 0 && model.view.rows_at_most(body, by.unsigned_abs()) {
                model.view.jump_to(body, 0);
            } else if by >= 0 && model.view.rows_at_most(body, by.unsigned_abs()) {
                let last = model.view.last_row_start(body);
                model.view.jump_to(body, last);
            } else {
                model.view.move_rows(body, by);
            }
        }
        Pane::Quotes => {
            let order = &model.index.quote_order;
            let at = model
                .current_quote()
                .and_then(|q| model.index.quote_place(q));
            let next = match at {
                Some(i) => order.get(offset(i, by, order.len())).copied(),
                // Between quotes: the nearest one in the direction asked.
                None => {
                    let pos = model.pos();
                    if by > 0 {
                        model.index.quote_after(pos).or(order.first().copied())
                    } else {
                        model.index.quote_before(pos).or(order.first().copied())
                    }
                }
            };
            match next {
                Some(q) => go_to_quote(model, q),
                None => model.set_message("this article has no quotes"),
            }
        }
        Pane::Entities => {
            let order = &model.index.entity_order;
            let at = model
                .selected_entity()
                .and_then(|e| model.index.entity_place(e));
            let next = match at {
                Some(i) => order.get(offset(i, by, order.len())).copied(),
                None => order.first().copied(),
            };
            match next {
                Some(e) => choose_entity(model, e),
                None => model.set_message("this article has no entities"),
            }
        }
    }
}

pub fn page(model: &mut Model, direction: isize, fraction: usize) {
    let amount = (model.page() / fraction).max(1) as isize;
    match model.focus {
        Pane::Text => model
            .view
            .page_by(&model.index.article.body, direction * amount),
        _ => step(model, direction * amount),
    }
}

pub fn go_to_quote(model: &mut Model, q: usize) {
    let start = model.index.article.quotes[q].extent().start();
    model.jump_to(start);
}

/// Chooses an entity (its mentions marked, `n`/`N` stepping through them, until `Esc`) and goes
/// to its first mention.
pub fn choose_entity(model: &mut Model, e: usize) {
    model.marks = Marks::Entity(e);
    let entity = &model.index.article.entities[e];
    let message = format!(
        "{}: {}, {} — n/N go through the mentions, Esc lets go",
        entity.name,
        plural(entity.mentions.len(), "mention", "mentions"),
        plural(entity.quotes.len(), "quote", "quotes"),
    );
    let first = entity.mentions.first().map(|m| m.start()).or_else(|| {
        entity
            .quotes
            .first()
            .map(|&q| model.index.article.quotes[q].extent().start())
    });
    if let Some(start) = first {
        model.jump_to(start);
    }
    model.set_message(message);
}

/// `]` and `[`: the next quote starting after the reading position, or the last one starting
/// before the current quote (or before the position, between quotes).
pub fn next_quote(model: &mut Model, forward: bool) {
    let quotes = &model.index.article.quotes;
    if quotes.is_empty() {
        model.set_message("this article has no quotes");
        return;
    }
    let pos = model.pos();
    // Quotes are sorted by start: binary searches, whatever the article's length.
    let target = if forward {
        model.index.quote_after(pos)
    } else {
        let before = model
            .current_quote()
            .map_or(pos, |q| quotes[q].extent().start().min(pos));
        quotes
            .partition_point(|q| q.extent().start() < before)
            .checked_sub(1)
    };
    match target {
        Some(q) => go_to_quote(model, q),
        None if forward => model.set_message("no quote after this one"),
        None => model.set_message("no quote before this one"),
    }
}

/// `}` and `{`: the same, among the quotes of the current quote's speaker (or the last current
/// one's).
pub fn same_speaker(model: &mut Model, forward: bool) {
    let Some(speaker) = model.speaker_to_follow() else {
        model.set_message("no quote to follow yet: ] goes to the next quote");
        return;
    };
    let quotes = &model.index.article.quotes;
    let list = &model.index.article.entities[speaker].quotes;
    let pos = model.pos();
    // A speaker's quotes are in reading order.
    let target = if forward {
        list.get(list.partition_point(|&q| quotes[q].extent().start() <= pos))
            .copied()
    } else {
        let before = model
            .current_quote()
            .filter(|&q| quotes[q].speaker == speaker)
            .map_or(pos, |q| quotes[q].extent().start().min(pos));
        list.partition_point(|&q| quotes[q].extent().start() < before)
            .checked_sub(1)
            .map(|i| list[i])
    };
    let name = super::text::clean_line(&model.index.article.entities[speaker].name);
    match target {
        Some(t) => go_to_quote(model, t),
        None if forward => model.set_message(format!("no later quote by {name}")),
        None => model.set_message(format!("no earlier quote by {name}")),
    }
}

/// Enter: in a side pane, go to the selected quote or entity in the text and focus it.
pub fn open(model: &mut Model) {
    match model.focus {
        Pane::Text => return,
        Pane::Quotes => {
            if let Some(q) = model.current_quote() {
                go_to_quote(model, q);
            }
        }
        Pane::Entities => {
            if let Some(e) = model.selected_entity()
                && model.chosen_entity() != Some(e)
            {
                choose_entity(model, e);
            }
        }
    }
    model.focus = Pane::Text;
    model.relayout();
}

/// Searches the body with the format's foldings; a query in lower case also matches capitals
/// (ASCII), as vim's `smartcase` does.
pub fn search(model: &mut Model, query: &str) {
    let pattern = fold_pattern(query);
    if pattern.is_empty() {
        model.marks = Marks::None;
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
    let folded = &model.index.article.folded;
    let spans: Vec<Span> = ac
        .find_iter(&folded.text)
        .map(|m| {
            let (s, e) = folded.span_to_body(m.start(), m.end());
            Span::new(s, e)
        })
        .collect();
    let query = super::text::clean_line(query);
    if spans.is_empty() {
        model.marks = Marks::None;
        model.set_error(format!("not found: {query}"));
        return;
    }
    let pos = model.pos();
    // The first hit at or after the reading position, as vim's `/` does.
    let (target, wrapped) = match spans.partition_point(|s| s.start() < pos) {
        i if i < spans.len() => (i, false),
        _ => (0, true),
    };
    let start = spans[target].start();
    model.marks = Marks::Search { query, spans };
    model.jump_to(start);
    if wrapped {
        model.set_message("search wrapped to the top");
    }
}

/// `n` and `N`: the next hit after the reading position (or before it), wrapping around.
pub fn next_hit(model: &mut Model, forward: bool) {
    let hits = model.hits();
    let n = hits.len();
    if n == 0 {
        model.set_message("nothing to step through: search with / or choose an entity");
        return;
    }
    let pos = model.pos();
    // Hits (search hits, an entity's mentions) are sorted by start.
    let (target, wrapped) = if forward {
        match hits.partition_point(|s| s.start() <= pos) {
            i if i < n => (i, false),
            _ => (0, true),
        }
    } else {
        match hits.partition_point(|s| s.start() < pos).checked_sub(1) {
            Some(i) => (i, false),
            None => (n - 1, true),
        }
    };
    let start = hits[target].start();
    model.jump_to(start);
    if wrapped {
        model.set_message(if forward {
            "wrapped to the first"
        } else {
            "wrapped to the last"
        });
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

/// The mouse wheel: the pane under the pointer scrolls; the focus stays.
pub fn scroll_at(model: &mut Model, col: u16, row: u16, down: bool) {
    let Some(pane) = pane_at(model, col, row) else {
        return;
    };
    let by = if down { 1 } else { -1 };
    if pane == Pane::Text {
        model.view.scroll(&model.index.article.body, 3 * by);
    } else {
        let saved = model.focus;
        model.focus = pane;
        step(model, by);
        model.focus = saved;
    }
}

/// A click: focuses the pane and moves to what is under the pointer.
pub fn click_at(model: &mut Model, col: u16, row: u16) {
    let Some(pane) = pane_at(model, col, row) else {
        return;
    };
    model.focus = pane;
    let a = model.areas();
    match pane {
        Pane::Text => {
            let inside = inner(a.text);
            if row < inside.y {
                return;
            }
            let line = usize::from(row - inside.y);
            // The text starts after the one-column mark of the reading position.
            let column = usize::from(col.saturating_sub(inside.x + 1));
            let chars = model.view.screen().get(line).map_or(0, |r| {
                chars_within(model.index.article.body.slice(r.start, r.end), column)
            });
            model.view.click(&model.index.article.body, line, chars);
        }
        Pane::Quotes => {
            let inside = side_panes::list_area(a.quotes);
            let rows = &model.index.quote_rows;
            let first = layout::list_offset(model.quote_list_anchor(), rows.len(), inside.height);
            if row < inside.y {
                return;
            }
            match rows.get(first + usize::from(row - inside.y)).copied() {
                Some(QuoteRow::Quote(q)) => go_to_quote(model, q),
                Some(QuoteRow::Speaker(s)) => {
                    if let Some(&q) = model.index.article.entities[s].quotes.first() {
                        go_to_quote(model, q);
                    }
                }
                Some(QuoteRow::Scare(i)) => {
                    let start = model.index.article.scare_quotes[i].extent().start();
                    model.jump_to(start);
                }
                Some(QuoteRow::ScareHeading) | None => {}
            }
        }
        Pane::Entities => {
            let inside = side_panes::list_area(a.entities);
            let rows = &model.index.entity_rows;
            let first = layout::list_offset(model.entity_row(), rows.len(), inside.height);
            if row >= inside.y
                && let Some(EntityRow::Entity(e)) =
                    rows.get(first + usize::from(row - inside.y)).copied()
            {
                choose_entity(model, e);
            }
        }
    }
}

/// How many chars of `text` lie before display column `column`.
fn chars_within(text: &str, column: usize) -> usize {
    let mut used = 0;
    for (i, c) in text.chars().enumerate() {
        let mut buf = [0; 4];
        used += drawn_width(c.encode_utf8(&mut buf));
        if used > column {
            return i;
        }
    }
    text.chars().count()
}

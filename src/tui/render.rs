//! `scholia render`: what the reader would draw on a terminal of a size after some keys, as
//! plain text (and optionally an SVG picture). Same `update` and `view` as the live reader, on
//! ratatui's `TestBackend`; effects that would write files are not carried out.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use super::keymap;
use super::model::Model;
use super::update::{Effect, update};
use super::view::view;

/// Applies `keys` to the model, stopping at one that quits.
pub fn apply_keys(model: &mut Model, keys: &[crossterm::event::KeyEvent]) {
    for key in keys {
        if let Some(action) = keymap::action_for(model.mode(), *key)
            && update(model, action) == Some(Effect::Quit)
        {
            break;
        }
    }
}

/// Draws the model into a buffer of its size.
pub fn draw(model: &Model) -> Buffer {
    let backend = TestBackend::new(model.size().0, model.size().1);
    match Terminal::new(backend) {
        Ok(mut terminal) => {
            let _ = terminal.draw(|f| view(model, f));
            terminal.backend().buffer().clone()
        }
        Err(_) => Buffer::empty(ratatui::layout::Rect::new(
            0,
            0,
            model.size().0,
            model.size().1,
        )),
    }
}

/// The buffer as text, one line per row, trailing spaces dropped.
pub fn to_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            let width = unicode_width::UnicodeWidthStr::width(symbol);
            skip = width.saturating_sub(1);
            line.push_str(if symbol.is_empty() { " " } else { symbol });
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

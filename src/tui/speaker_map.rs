//! The speaker map: one column at the text pane's right edge. It shows the whole article, top to
//! bottom, and where each speaker's quotes fall in it, so a glance shows who dominates which
//! part. Each cell covers an equal share of the article's chars. It shows the initial of the
//! speaker quoted most there (most quoted characters), in that speaker's style, so it reads
//! the same with `NO_COLOR` (letters) as with colours. The rows on screen are marked `│` where
//! nobody is quoted, so the map also says where the reader is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::index::Index;
use super::model::Model;
use crate::article::Span;

pub struct SpeakerMap<'a> {
    pub model: &'a Model,
}

/// The column the map takes: the last one inside the text pane. The text is wrapped to leave it
/// and a blank column before it (see `layout::text_width`), so the column is always free. `None`
/// when the pane is too narrow to spare it.
pub fn column(inside: Rect) -> Option<Rect> {
    (inside.width >= 8 && inside.height > 0).then(|| Rect {
        x: inside.x + inside.width - 1,
        width: 1,
        ..inside
    })
}

/// What one cell of the map shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Nobody quoted, away from the screen.
    Empty,
    /// Nobody quoted, on the rows the screen shows.
    Here,
    /// This entity is quoted most there.
    Speaker(usize),
}

/// The map's cells for `height` cells: a pure function of the model.
pub fn cells(model: &Model, height: usize) -> Vec<Cell> {
    let n = model.view().last_offset();
    if height == 0 || n == 0 {
        return vec![Cell::Empty; height];
    }
    // Who is quoted where does not change as the reader moves: the model works it out when the
    // height changes, so that a frame does not go through every quote.
    let computed;
    let speakers = match model.speaker_cells() {
        cells if cells.len() == height => cells,
        _ => {
            computed = speakers(model.index(), n, height);
            &computed
        }
    };
    let shown = model.view().visible_span();
    (0..height)
        .map(|cell| {
            let (first, last) = share(cell, n, height);
            match speakers[cell] {
                Some(e) => Cell::Speaker(e),
                None if first < shown.end().max(shown.start() + 1) && last > shown.start() => {
                    Cell::Here
                }
                None => Cell::Empty,
            }
        })
        .collect()
}

/// Chars `[first, last)` of a text of `n` chars (at least one) fall in cell `cell` of `height`:
/// shares of the chars, not of the rows, since the rows far from the screen are not laid out
/// (and a share of chars is the same at every width).
fn share(cell: usize, n: usize, height: usize) -> (usize, usize) {
    let first = (cell * n / height).min(n.saturating_sub(1));
    let last = ((cell + 1) * n / height).clamp(first + 1, n.max(first + 1));
    (first, last)
}

/// Per cell of a map `height` cells high over a text of `n` chars, the speaker quoted most
/// there (most quoted chars; a tie goes to the speaker quoted first in the article). It goes
/// through every quote segment: worked out once per height, not per frame.
pub fn speakers(index: &Index, n: usize, height: usize) -> Vec<Option<usize>> {
    if n == 0 {
        return vec![None; height];
    }
    let quotes = &index.article.quotes;
    let mut weights: Vec<(usize, usize)> = Vec::new();
    (0..height)
        .map(|cell| {
            let (first, last) = share(cell, n, height);
            let span = Span::new(first, last);
            weights.clear();
            for (segment, q) in index.segments_in(span) {
                let speaker = quotes[*q].speaker;
                let chars = segment.end().min(span.end()) - segment.start().max(span.start());
                match weights.iter_mut().find(|(e, _)| *e == speaker) {
                    Some((_, w)) => *w += chars,
                    None => weights.push((speaker, chars)),
                }
            }
            weights
                .iter()
                .max_by(|a, b| {
                    a.1.cmp(&b.1)
                        .then_with(|| index.speaker_colour(b.0).cmp(&index.speaker_colour(a.0)))
                })
                .map(|&(e, _)| e)
        })
        .collect()
}

/// The letter a speaker is shown by: the first letter or digit of their name, in capitals.
pub fn initial(name: &str) -> char {
    name.chars()
        .find(|c| c.is_alphanumeric())
        .and_then(|c| c.to_uppercase().next())
        .filter(|c| unicode_width::UnicodeWidthChar::width(*c) == Some(1))
        .unwrap_or('•')
}

impl Widget for SpeakerMap<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.model;
        let theme = &m.theme;
        for (y, cell) in (area.y..area.bottom()).zip(cells(m, usize::from(area.height))) {
            let (symbol, style) = match cell {
                Cell::Empty => (' ', theme.text()),
                Cell::Here => ('│', theme.dim()),
                Cell::Speaker(e) => (
                    initial(&m.article().entities[e].name),
                    theme.text().patch(theme.speaker(m.speaker_colour(e))),
                ),
            };
            if let Some(c) = buf.cell_mut((area.x, y)) {
                c.set_char(symbol).set_style(style);
            }
        }
    }
}

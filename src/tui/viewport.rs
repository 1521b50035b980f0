//! The text pane's view of the article: the rows at the current width, the reading position (a
//! char offset, the one source of truth for where the reader is) and the first row shown.
//!
//! The fields are private and move only through the methods below (as gitui's
//! `scroll_vertical.rs` does), so every move ends in [`Viewport::settle`]: the reading position's
//! row on screen with [`SCROLLOFF`] rows of context above and below wherever the text allows.

use super::wrap::{RowKind, Rows};
use crate::article::Span;
use crate::body::Body;

/// Rows kept above and below the reading position, as vim's `scrolloff`.
pub const SCROLLOFF: usize = 3;

#[derive(Clone, Debug, Default)]
pub struct Viewport {
    rows: Rows,
    /// The reading position: a char offset into the body.
    pos: usize,
    /// The column (in chars from its row's start) that `j`/`k` aim for, as vim's `curswant`:
    /// moving through a short row and back lands where it started.
    want: usize,
    /// First row shown.
    top: usize,
    /// Rows shown at once (at least 1).
    page: usize,
}

impl Viewport {
    /// The viewport for `body` wrapped at `width`, `page` rows high, at the top.
    pub fn new(body: &Body, width: u16, page: usize) -> Self {
        let mut v = Viewport {
            rows: Rows::new(body, width),
            page: page.max(1),
            ..Viewport::default()
        };
        v.settle();
        v
    }

    pub fn rows(&self) -> &Rows {
        &self.rows
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn top(&self) -> usize {
        self.top
    }

    pub fn page(&self) -> usize {
        self.page
    }

    /// The row holding the reading position.
    pub fn cursor(&self) -> usize {
        self.rows.row_of(self.pos)
    }

    /// The body span of the reading position's row (never empty, so that it overlaps what
    /// starts there).
    pub fn cursor_span(&self) -> Span {
        self.rows
            .rows
            .get(self.cursor())
            .map_or(Span::new(0, 0), |r| {
                Span::new(r.start, r.end.max(r.start + 1))
            })
    }

    /// The body span the pane shows.
    pub fn visible_span(&self) -> Span {
        let first = self.rows.rows.get(self.top).map_or(0, |r| r.start);
        let last = (self.top + self.page)
            .min(self.rows.len())
            .saturating_sub(1);
        let end = self.rows.rows.get(last).map_or(first, |r| r.end);
        Span::new(first, end.max(first))
    }

    /// How far through the text the reading position is, in percent (100 on the last row).
    pub fn percent(&self) -> usize {
        let n = self.rows.len();
        if n <= 1 {
            return 100;
        }
        let at = self.cursor();
        if at + 1 >= n { 100 } else { at * 100 / (n - 1) }
    }

    /// Re-wraps at a new width and page height, keeping the reading position and the text at the
    /// top of the pane (a row's start moves with the width; offsets do not).
    pub fn resize(&mut self, body: &Body, width: u16, page: usize) {
        self.page = page.max(1);
        if width.max(1) != self.rows.width || self.rows.is_empty() {
            let top_offset = self.rows.rows.get(self.top).map(|r| r.start);
            self.rows = Rows::new(body, width);
            self.top = top_offset.map_or(0, |o| self.rows.row_of(o));
            self.want = self.column();
        }
        self.settle();
    }

    /// Moves the reading position `by` rows, aiming for the wanted column.
    pub fn move_rows(&mut self, by: isize) {
        let row = self.skip_gap(offset(self.cursor(), by, self.rows.len()), by);
        self.go_to_row(row);
        self.settle();
    }

    /// Scrolls the text `by` rows and the reading position with it (a page, half a page).
    pub fn page_by(&mut self, by: isize) {
        let last = self.rows.len().saturating_sub(self.page);
        self.top = offset(self.top, by, self.rows.len()).min(last);
        let row = self.skip_gap(offset(self.cursor(), by, self.rows.len()), by);
        self.go_to_row(row);
        self.settle();
    }

    /// A gap row holds no text (its offset is the next block's start): a move landing on one goes
    /// one row further, so that moving up over a gap is not stuck below it.
    fn skip_gap(&self, row: usize, by: isize) -> usize {
        if !self
            .rows
            .rows
            .get(row)
            .is_some_and(|r| r.kind == RowKind::Gap)
        {
            row
        } else if by < 0 {
            row.saturating_sub(1)
        } else {
            (row + 1).min(self.rows.len().saturating_sub(1))
        }
    }

    /// Scrolls the text `by` rows, the reading position staying put unless it would leave the
    /// screen's context (the mouse wheel).
    pub fn scroll(&mut self, by: isize) {
        let last = self.rows.len().saturating_sub(self.page);
        self.top = offset(self.top, by, self.rows.len()).min(last);
        let so = self.scrolloff();
        let lo = if self.top == 0 { 0 } else { self.top + so };
        let bottom = self.top + self.page;
        let hi = if bottom >= self.rows.len() {
            self.rows.len().saturating_sub(1)
        } else {
            bottom.saturating_sub(so + 1)
        };
        let cursor = self.cursor();
        if cursor < lo {
            self.go_to_row(lo.min(hi));
        } else if cursor > hi {
            self.go_to_row(hi.max(lo.min(hi)));
        }
        self.settle_keeping_top();
    }

    /// The reading position at char `at` of the text (a jump: search, quotes, mentions). The
    /// text scrolls only when the target is outside the screen's context, and then puts it a
    /// third of the way down.
    pub fn jump_to(&mut self, at: usize) {
        self.pos = at.min(self.last_offset());
        self.want = self.column();
        let row = self.cursor();
        let so = self.scrolloff();
        if row < self.top + so || row + so >= self.top + self.page {
            self.top = row.saturating_sub(self.page / 3);
        }
        self.settle();
    }

    /// The reading position at row `row` of the screen, `col` columns in (a mouse click).
    pub fn click(&mut self, row_on_screen: usize, chars_in: usize) {
        let row = self.top + row_on_screen;
        let Some(r) = self.rows.rows.get(row).copied() else {
            return;
        };
        self.pos = (r.start + chars_in).min(r.end.max(r.start));
        self.want = self.column();
        self.settle();
    }

    /// The reading position at `pos` with row `top` first, as far as the rows allow (for putting
    /// a fresh viewport where another one is).
    pub fn restore(&mut self, pos: usize, top: usize) {
        self.pos = pos.min(self.last_offset());
        self.want = self.column();
        self.top = top;
        self.settle();
    }

    fn go_to_row(&mut self, row: usize) {
        if let Some(r) = self.rows.rows.get(row).copied() {
            // A gap row has no text; the position goes to the next block's start.
            let len = r.end.saturating_sub(r.start);
            let col = if r.kind == RowKind::Gap {
                0
            } else {
                self.want.min(len)
            };
            self.pos = r.start + col;
        }
    }

    /// Chars from the start of the reading position's row.
    fn column(&self) -> usize {
        self.rows
            .rows
            .get(self.cursor())
            .map_or(0, |r| self.pos.saturating_sub(r.start))
    }

    fn last_offset(&self) -> usize {
        self.rows.rows.last().map_or(0, |r| r.end.max(r.start))
    }

    /// The context kept: [`SCROLLOFF`], or less on a pane too low for it.
    fn scrolloff(&self) -> usize {
        SCROLLOFF.min(self.page.saturating_sub(1) / 2)
    }

    /// Brings the reading position's row on screen with its context, the last page a full one.
    fn settle(&mut self) {
        self.pos = self.pos.min(self.last_offset());
        let cursor = self.cursor();
        let so = self.scrolloff();
        if cursor < self.top + so {
            self.top = cursor.saturating_sub(so);
        } else if cursor + so >= self.top + self.page {
            self.top = cursor + so + 1 - self.page;
        }
        self.settle_keeping_top();
    }

    fn settle_keeping_top(&mut self) {
        self.top = self.top.min(self.rows.len().saturating_sub(self.page));
    }

    /// Checks the viewport's promises (for the tests): the position is in the text, its row on
    /// screen, with context where the text allows.
    pub fn check(&self) -> Result<(), String> {
        let cursor = self.cursor();
        let n = self.rows.len();
        let so = self.scrolloff();
        if n == 0 {
            return Ok(());
        }
        if self.pos > self.last_offset() {
            return Err(format!("position {} past the text", self.pos));
        }
        if cursor < self.top || cursor >= self.top + self.page {
            return Err(format!(
                "cursor row {cursor} off screen (top {}, page {})",
                self.top, self.page
            ));
        }
        if cursor < self.top + so && self.top > 0 {
            return Err(format!("less than {so} rows above row {cursor}"));
        }
        if cursor + so >= self.top + self.page && self.top + self.page < n {
            return Err(format!("less than {so} rows below row {cursor}"));
        }
        if self.top + self.page > n && self.top > 0 && n >= self.page {
            return Err("scrolled past the end".into());
        }
        Ok(())
    }
}

/// `at` moved `by`, kept in `0..len`.
pub fn offset(at: usize, by: isize, len: usize) -> usize {
    let last = len.saturating_sub(1) as isize;
    (at as isize).saturating_add(by).clamp(0, last.max(0)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body() -> Body {
        let para = "word ".repeat(400);
        Body::new(format!("# Head\n\n{para}\n\n{para}"))
    }

    #[test]
    fn keeps_context_and_returns_where_it_was() {
        let b = body();
        let mut v = Viewport::new(&b, 20, 10);
        for _ in 0..30 {
            v.move_rows(1);
            v.check().unwrap();
        }
        let (pos, top) = (v.pos(), v.top());
        v.move_rows(-1);
        v.move_rows(1);
        assert_eq!((v.pos(), v.top()), (pos, top));
        v.jump_to(b.len());
        v.check().unwrap();
        assert_eq!(v.percent(), 100);
        v.scroll(-3);
        v.check().unwrap();
    }

    #[test]
    fn resize_keeps_the_position() {
        let b = body();
        let mut v = Viewport::new(&b, 30, 12);
        v.jump_to(1000);
        for (w, h) in [(10, 3), (80, 40), (1, 1), (30, 12)] {
            v.resize(&b, w, h);
            v.check().unwrap();
            assert_eq!(v.pos(), 1000);
        }
    }

    #[test]
    fn tiny_and_empty() {
        let b = Body::new(String::new());
        let mut v = Viewport::new(&b, 1, 1);
        v.move_rows(5);
        v.page_by(-5);
        v.scroll(3);
        v.jump_to(10);
        v.check().unwrap();
        assert_eq!(v.pos(), 0);
    }
}

//! The text pane's view of the article: the rows at the current width, the reading position (a
//! char offset, the one source of truth for where the reader is) and the first row shown.
//!
//! The fields are private and move only through the methods below (as gitui's
//! `scroll_vertical.rs` does), so every move ends in [`Viewport::settle`]: the reading position's
//! row on screen with [`SCROLLOFF`] rows of context above and below wherever the text allows.
//!
//! The rows are laid out lazily ([`LazyRows`]): no row is known by its number from the top of
//! the article, so every rule below is written with rows counted from the top of the screen or
//! from the reading position, a page at most. What the screen shows is worked out at the end of
//! each move, so drawing changes nothing.

use super::rows::{LazyRows, RowAt};
use super::wrap::{Row, RowKind};
use crate::article::Span;
use crate::body::Body;

/// Rows kept above and below the reading position, as vim's `scrolloff`.
pub const SCROLLOFF: usize = 3;

#[derive(Clone, Debug, Default)]
pub struct Viewport {
    rows: LazyRows,
    /// The reading position: a char offset into the body.
    pos: usize,
    /// The column (in chars from its row's start) that `j`/`k` aim for, as vim's `curswant`:
    /// moving through a short row and back lands where it started.
    want: usize,
    /// First row shown.
    top: RowAt,
    /// Rows shown at once (at least 1).
    page: usize,
    /// What the screen shows, from `top`, worked out by [`Viewport::settle`].
    screen: Screen,
}

/// The rows on screen and what [`Viewport::check`] needs, as the last move left them.
#[derive(Clone, Debug, Default)]
struct Screen {
    rows: Vec<Row>,
    /// The reading position's row, and how far below `top` it is (negative above).
    cursor: Option<Row>,
    cursor_line: isize,
    /// The reading position is on the last row of the article.
    at_last_row: bool,
    /// `top` is the first row of the article.
    top_is_first: bool,
    /// There is a row below the screen.
    more_below: bool,
    /// The article has at least a page of rows.
    a_page_or_more: bool,
}

impl Viewport {
    /// The viewport for `body` wrapped at `width`, `page` rows high, at the top.
    pub fn new(body: &Body, width: u16, page: usize) -> Self {
        let mut v = Viewport {
            rows: LazyRows::new(body, width),
            page: page.max(1),
            ..Viewport::default()
        };
        v.top = v.rows.first(body).unwrap_or_default();
        v.settle(body);
        v
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The first row shown, as a place in the rows (for putting another viewport of the same
    /// width where this one is).
    pub fn top(&self) -> RowAt {
        self.top
    }

    pub fn page(&self) -> usize {
        self.page
    }

    /// The width the rows are laid out at.
    pub fn width(&self) -> u16 {
        self.rows.width()
    }

    /// The rows the pane shows, from the top of the screen (at most a page).
    pub fn screen(&self) -> &[Row] {
        &self.screen.rows
    }

    /// The screen line (0 at the top) of the reading position's row.
    pub fn cursor_line(&self) -> usize {
        self.screen.cursor_line.max(0) as usize
    }

    /// The reading position's row, `None` when the article has no rows.
    pub fn cursor_row(&self) -> Option<Row> {
        self.screen.cursor
    }

    /// The last char offset the reading position can take.
    pub fn last_offset(&self) -> usize {
        self.rows.last_offset()
    }

    /// The body span of the reading position's row (never empty, so that it overlaps what
    /// starts there).
    pub fn cursor_span(&self) -> Span {
        self.screen.cursor.map_or(Span::new(0, 0), |r| {
            Span::new(r.start, r.end.max(r.start + 1))
        })
    }

    /// The body span the pane shows.
    pub fn visible_span(&self) -> Span {
        let first = self.screen.rows.first().map_or(0, |r| r.start);
        let end = self.screen.rows.last().map_or(first, |r| r.end);
        Span::new(first, end.max(first))
    }

    /// How far through the text the reading position is, in percent of the text's chars (100
    /// on the last row): the rows far from the screen are not laid out, so their number is not
    /// known.
    pub fn percent(&self) -> usize {
        if self.screen.at_last_row || self.screen.cursor.is_none() {
            return 100;
        }
        (self.pos * 100 / self.rows.last_offset().max(1)).min(99)
    }

    /// Whether the article has at most `n` rows (laying out no more than `n` of them).
    pub fn rows_at_most(&mut self, body: &Body, n: usize) -> bool {
        // Every row but a gap holds a char, and there is a gap per block, a char at least.
        if n >= body.len().saturating_mul(2).saturating_add(1) {
            return true;
        }
        // Nor fewer than a gap row per block: a step of a row or a page lays out nothing far.
        if n < self.rows.at_least(body) {
            return false;
        }
        let Some(first) = self.rows.first(body) else {
            return true;
        };
        let (_, moved) = self.rows.walk(body, first, n as isize);
        (moved as usize) < n
    }

    /// Where the last row starts.
    pub fn last_row_start(&mut self, body: &Body) -> usize {
        self.rows
            .last(body)
            .map_or(0, |at| self.rows.get(body, at).start)
    }

    /// Re-wraps at a new width and page height, keeping the reading position and the text at the
    /// top of the pane (a row's start moves with the width; offsets do not). Only the rows
    /// around the screen are laid out.
    pub fn resize(&mut self, body: &Body, width: u16, page: usize) {
        self.page = page.max(1);
        if width.max(1) != self.rows.width() || self.rows.first(body).is_none() {
            let top_offset = if self.rows.width() == 0 || self.rows.first(body).is_none() {
                None
            } else {
                Some(self.rows.get(body, self.top).start)
            };
            self.rows = LazyRows::new(body, width);
            let first = self.rows.first(body).unwrap_or_default();
            self.top = top_offset
                .and_then(|o| self.rows.row_of(body, o))
                .unwrap_or(first);
            self.want = self.column(body);
        }
        self.settle(body);
    }

    /// Moves the reading position `by` rows, aiming for the wanted column.
    pub fn move_rows(&mut self, body: &Body, by: isize) {
        if let Some(cursor) = self.rows.row_of(body, self.pos) {
            let (row, _) = self.rows.walk(body, cursor, by);
            let row = self.skip_gap(body, row, by);
            self.go_to_row(body, row);
        }
        self.settle(body);
    }

    /// Scrolls the text `by` rows and the reading position with it (a page, half a page).
    pub fn page_by(&mut self, body: &Body, by: isize) {
        if self.rows.first(body).is_some() {
            self.top = self.rows.walk(body, self.top, by).0;
            self.keep_last_page_full(body);
        }
        self.move_rows(body, by);
    }

    /// A gap row holds no text (its offset is the next block's start): a move landing on one goes
    /// one row further, so that moving up over a gap is not stuck below it.
    fn skip_gap(&mut self, body: &Body, row: RowAt, by: isize) -> RowAt {
        if self.rows.get(body, row).kind != RowKind::Gap {
            row
        } else if by < 0 {
            self.rows.walk(body, row, -1).0
        } else {
            self.rows.walk(body, row, 1).0
        }
    }

    /// Scrolls the text `by` rows, the reading position staying put unless it would leave the
    /// screen's context (the mouse wheel).
    pub fn scroll(&mut self, body: &Body, by: isize) {
        let Some(first) = self.rows.first(body) else {
            self.settle(body);
            return;
        };
        self.top = self.rows.walk(body, self.top, by).0;
        self.keep_last_page_full(body);
        let so = self.scrolloff();
        let lo = if self.top == first {
            first
        } else {
            self.rows.walk(body, self.top, so as isize).0
        };
        let (below, moved) = self.rows.walk(body, self.top, self.page as isize);
        let hi = if (moved as usize) < self.page {
            below
        } else {
            self.rows
                .walk(body, self.top, (self.page - so - 1) as isize)
                .0
        };
        if let Some(cursor) = self.rows.row_of(body, self.pos) {
            if cursor < lo {
                self.go_to_row(body, lo.min(hi));
            } else if cursor > hi {
                self.go_to_row(body, hi);
            }
        }
        self.keep_last_page_full(body);
        self.show(body);
    }

    /// The reading position at char `at` of the text (a jump: search, quotes, mentions). The
    /// text scrolls only when the target is outside the screen's context, and then puts it a
    /// third of the way down.
    pub fn jump_to(&mut self, body: &Body, at: usize) {
        self.pos = at.min(self.rows.last_offset());
        self.want = self.column(body);
        if let Some(row) = self.rows.row_of(body, self.pos) {
            let so = self.scrolloff() as isize;
            let d = self.distance(body, self.top, row);
            if d < so || d + so >= self.page as isize {
                self.top = self.rows.walk(body, row, -((self.page / 3) as isize)).0;
            }
        }
        self.settle(body);
    }

    /// The reading position at char `at` with its row at the top of the screen, below the rows
    /// of context (vim's `zt`): a heading chosen in the outline, so the section reads from its
    /// start.
    pub fn jump_to_top(&mut self, body: &Body, at: usize) {
        self.jump_to_line(body, at, self.scrolloff());
    }

    /// The reading position at char `at` on screen line `line` (0 at the top), as far as the
    /// context rows and the last page allow: an article reopened where it was left.
    pub fn jump_to_line(&mut self, body: &Body, at: usize, line: usize) {
        self.pos = at.min(self.rows.last_offset());
        self.want = self.column(body);
        if let Some(row) = self.rows.row_of(body, self.pos) {
            let line = line.min(self.page.saturating_sub(1));
            self.top = self.rows.walk(body, row, -(line as isize)).0;
        }
        self.settle(body);
    }

    /// The reading position at row `row` of the screen, `col` columns in (a mouse click).
    pub fn click(&mut self, body: &Body, row_on_screen: usize, chars_in: usize) {
        if self.rows.first(body).is_none() {
            return;
        }
        let (row, moved) = self.rows.walk(body, self.top, row_on_screen as isize);
        if (moved as usize) < row_on_screen {
            return;
        }
        let r = self.rows.get(body, row);
        self.pos = (r.start + chars_in).min(r.end.max(r.start));
        self.want = self.column(body);
        self.settle(body);
    }

    /// The reading position at `pos` with row `top` first, as far as the rows allow (for putting
    /// a fresh viewport of the same width where another one is).
    pub fn restore(&mut self, body: &Body, pos: usize, top: RowAt) {
        self.pos = pos.min(self.rows.last_offset());
        self.want = self.column(body);
        self.top = top;
        self.settle(body);
    }

    fn go_to_row(&mut self, body: &Body, row: RowAt) {
        let r = self.rows.get(body, row);
        // A gap row has no text; the position goes to the next block's start.
        let len = r.end.saturating_sub(r.start);
        let col = if r.kind == RowKind::Gap {
            0
        } else {
            self.want.min(len)
        };
        self.pos = r.start + col;
    }

    /// Chars from the start of the reading position's row.
    fn column(&mut self, body: &Body) -> usize {
        self.rows.row_of(body, self.pos).map_or(0, |at| {
            self.pos.saturating_sub(self.rows.get(body, at).start)
        })
    }

    /// Rows from `from` down to `to`, counted no further than a page and its context.
    fn distance(&mut self, body: &Body, from: RowAt, to: RowAt) -> isize {
        self.rows
            .distance(body, from, to, self.page + SCROLLOFF + 2)
    }

    /// The context kept: [`SCROLLOFF`], or less on a pane too low for it.
    fn scrolloff(&self) -> usize {
        SCROLLOFF.min(self.page.saturating_sub(1) / 2)
    }

    /// A place that names a row at this width (another viewport's may not).
    fn valid(&mut self, body: &Body, at: RowAt) -> Option<RowAt> {
        let first = self.rows.first(body)?;
        let blocks = body.blocks().len();
        if at < first {
            return Some(first);
        }
        if at.block >= blocks {
            return self.rows.last(body);
        }
        let (end, _) = self.rows.walk(
            body,
            RowAt {
                block: at.block,
                row: 0,
            },
            at.row as isize,
        );
        Some(end)
    }

    /// Brings the reading position's row on screen with its context, the last page a full one.
    fn settle(&mut self, body: &Body) {
        self.pos = self.pos.min(self.rows.last_offset());
        let Some(top) = self.valid(body, self.top) else {
            self.top = RowAt::default();
            self.show(body);
            return;
        };
        self.top = top;
        if let Some(cursor) = self.rows.row_of(body, self.pos) {
            let so = self.scrolloff();
            let d = self.distance(body, self.top, cursor);
            if d < so as isize {
                self.top = self.rows.walk(body, cursor, -(so as isize)).0;
            } else if d + so as isize >= self.page as isize {
                self.top = self
                    .rows
                    .walk(body, cursor, -((self.page - so - 1) as isize))
                    .0;
            }
        }
        self.keep_last_page_full(body);
        self.show(body);
    }

    /// No row past the last is shown while there are rows above the screen to show instead.
    fn keep_last_page_full(&mut self, body: &Body) {
        let want = self.page as isize - 1;
        let (_, moved) = self.rows.walk(body, self.top, want);
        if moved < want {
            self.top = self.rows.walk(body, self.top, moved - want).0;
        }
    }

    /// Works out what the screen shows from `top`.
    fn show(&mut self, body: &Body) {
        let mut screen = std::mem::take(&mut self.screen);
        screen.rows.clear();
        let Some(first) = self.rows.first(body) else {
            self.screen = Screen {
                rows: screen.rows,
                ..Screen::default()
            };
            return;
        };
        self.rows
            .rows_from(body, self.top, self.page + 1, &mut screen.rows);
        screen.more_below = screen.rows.len() > self.page;
        screen.rows.truncate(self.page);
        screen.cursor = None;
        screen.at_last_row = false;
        if let Some(cursor) = self.rows.row_of(body, self.pos) {
            screen.cursor = Some(self.rows.get(body, cursor));
            screen.cursor_line = self.distance(body, self.top, cursor);
            screen.at_last_row = self.rows.next(body, cursor).is_none();
        }
        screen.top_is_first = self.top == first;
        // Whether a page of rows ends here: asked only near the end, counting up from `top`.
        let short = self.page - screen.rows.len();
        screen.a_page_or_more = short == 0 || {
            let (_, moved) = self.rows.walk(body, self.top, -(short as isize));
            moved == -(short as isize)
        };
        self.screen = screen;
    }

    /// Checks the viewport's promises (for the tests): the position is in the text, its row on
    /// screen, with context where the text allows.
    pub fn check(&self) -> Result<(), String> {
        let s = &self.screen;
        if s.cursor.is_none() {
            return Ok(());
        }
        let so = self.scrolloff() as isize;
        let page = self.page as isize;
        let line = s.cursor_line;
        if self.pos > self.rows.last_offset() {
            return Err(format!("position {} past the text", self.pos));
        }
        if line < 0 || line >= page {
            return Err(format!(
                "cursor row {line} rows below the top, off screen (page {})",
                self.page
            ));
        }
        if line < so && !s.top_is_first {
            return Err(format!("less than {so} rows above the cursor"));
        }
        if line + so >= page && s.more_below {
            return Err(format!("less than {so} rows below the cursor"));
        }
        if s.rows.len() < self.page && !s.top_is_first && s.a_page_or_more {
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
    use crate::tui::wrap::Rows;

    fn body() -> Body {
        let para = "word ".repeat(400);
        Body::new(format!("# Head\n\n{para}\n\n{para}"))
    }

    #[test]
    fn keeps_context_and_returns_where_it_was() {
        let b = body();
        let mut v = Viewport::new(&b, 20, 10);
        for _ in 0..30 {
            v.move_rows(&b, 1);
            v.check().unwrap();
        }
        let (pos, top) = (v.pos(), v.top());
        v.move_rows(&b, -1);
        v.move_rows(&b, 1);
        assert_eq!((v.pos(), v.top()), (pos, top));
        v.jump_to(&b, b.len());
        v.check().unwrap();
        assert_eq!(v.percent(), 100);
        v.scroll(&b, -3);
        v.check().unwrap();
    }

    #[test]
    fn resize_keeps_the_position() {
        let b = body();
        let mut v = Viewport::new(&b, 30, 12);
        v.jump_to(&b, 1000);
        for (w, h) in [(10, 3), (80, 40), (1, 1), (30, 12)] {
            v.resize(&b, w, h);
            v.check().unwrap();
            assert_eq!(v.pos(), 1000);
        }
    }

    #[test]
    fn tiny_and_empty() {
        for text in ["", "  \n\n \n", "\n\n# \n\nx"] {
            let b = Body::new(text.into());
            let mut v = Viewport::new(&b, 1, 1);
            v.move_rows(&b, 5);
            v.page_by(&b, -5);
            v.scroll(&b, 3);
            v.jump_to(&b, 10);
            v.check().unwrap();
        }
    }

    #[test]
    fn percent_follows_the_reading_position_through_the_chars() {
        let b = body();
        let mut v = Viewport::new(&b, 20, 10);
        assert_eq!(v.percent(), 0);
        v.jump_to(&b, b.len() / 2);
        assert_eq!(v.percent(), 50);
        v.jump_to(&b, b.len());
        assert_eq!(v.percent(), 100);
    }

    /// A long article is laid out only near the screen: a jump to its end and a resize there
    /// lay out a few blocks, not all of them.
    #[test]
    fn lays_out_only_near_the_screen() {
        let text: String = (0..5000)
            .map(|n| format!("Paragraph {n} with a few words in it.\n\n"))
            .collect();
        let b = Body::new(text);
        let mut v = Viewport::new(&b, 20, 10);
        v.jump_to(&b, b.len());
        v.resize(&b, 30, 10);
        v.page_by(&b, -10);
        assert!(
            v.rows.laid_blocks() < 40,
            "{} blocks laid out",
            v.rows.laid_blocks()
        );
    }

    /// The viewport as it was when the whole text was laid out at once (rows known by number
    /// from the top): the lazy one must show exactly what it showed.
    #[derive(Clone, Debug, Default)]
    pub struct Eager {
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

    impl Eager {
        /// The viewport for `body` wrapped at `width`, `page` rows high, at the top.
        pub fn new(body: &Body, width: u16, page: usize) -> Self {
            let mut v = Eager {
                rows: Rows::new(body, width),
                page: page.max(1),
                ..Eager::default()
            };
            v.settle();
            v
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

    /// What a viewport shows: the reading position, the rows on screen, the reading position's
    /// line on it, the percentage.
    fn lazy_shows(v: &Viewport) -> (usize, Vec<Row>, usize, Option<Row>) {
        (
            v.pos(),
            v.screen().to_vec(),
            v.cursor_line(),
            v.cursor_row(),
        )
    }

    fn eager_shows(e: &Eager) -> (usize, Vec<Row>, usize, Option<Row>) {
        let end = (e.top + e.page).min(e.rows.len());
        let screen = e.rows.rows[e.top.min(end)..end].to_vec();
        let cursor = e.cursor();
        (
            e.pos,
            screen,
            cursor.saturating_sub(e.top),
            e.rows.rows.get(cursor).copied(),
        )
    }

    #[derive(Clone, Debug)]
    enum Op {
        Rows(isize),
        Page(isize),
        Scroll(isize),
        Jump(usize),
        Click(usize, usize),
        Resize(u16, usize),
        Top,
        Bottom,
    }

    fn op() -> impl proptest::strategy::Strategy<Value = Op> {
        use proptest::prelude::*;
        prop_oneof![
            (-30isize..30).prop_map(Op::Rows),
            (-40isize..40).prop_map(Op::Page),
            (-12isize..12).prop_map(Op::Scroll),
            (0usize..3000).prop_map(Op::Jump),
            (0usize..50, 0usize..40).prop_map(|(r, c)| Op::Click(r, c)),
            (0u16..40, 0usize..30).prop_map(|(w, h)| Op::Resize(w, h)),
            Just(Op::Top),
            Just(Op::Bottom),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(300))]
        #[test]
        fn lazy_layout_shows_what_the_whole_layout_showed(
            text in "([a-z.,]{1,12}|[ \n\t\u{A0}]{1,3}|日本|e\u{301}|# |\n\n|\n\n# H\n\n){0,120}",
            width in 0u16..30,
            page in 0usize..25,
            ops in proptest::collection::vec(op(), 0..40),
        ) {
            let b = Body::new(text);
            let mut lazy = Viewport::new(&b, width, page);
            let mut eager = Eager::new(&b, width, page);
            proptest::prop_assert_eq!(lazy_shows(&lazy), eager_shows(&eager));
            for op in ops {
                match op {
                    Op::Rows(by) => {
                        lazy.move_rows(&b, by);
                        eager.move_rows(by);
                    }
                    Op::Page(by) => {
                        lazy.page_by(&b, by);
                        eager.page_by(by);
                    }
                    Op::Scroll(by) => {
                        lazy.scroll(&b, by);
                        eager.scroll(by);
                    }
                    Op::Jump(at) => {
                        lazy.jump_to(&b, at);
                        eager.jump_to(at);
                    }
                    Op::Click(row, chars) => {
                        lazy.click(&b, row, chars);
                        eager.click(row, chars);
                    }
                    Op::Resize(w, h) => {
                        lazy.resize(&b, w, h);
                        eager.resize(&b, w, h);
                    }
                    Op::Top => {
                        lazy.jump_to(&b, 0);
                        eager.jump_to(0);
                    }
                    Op::Bottom => {
                        let last = lazy.last_row_start(&b);
                        proptest::prop_assert_eq!(
                            last,
                            eager.rows.rows.last().map_or(0, |r| r.start)
                        );
                        lazy.jump_to(&b, last);
                        eager.jump_to(last);
                    }
                }
                proptest::prop_assert_eq!(lazy_shows(&lazy), eager_shows(&eager), "after {:?}", op);
                proptest::prop_assert_eq!(lazy.last_offset(), eager.last_offset());
                proptest::prop_assert_eq!(lazy.visible_span(), eager.visible_span());
                proptest::prop_assert_eq!(lazy.cursor_span(), eager.cursor_span());
                proptest::prop_assert_eq!(lazy.check().is_ok(), eager.check().is_ok());
                for n in [0usize, 1, 2, 5] {
                    proptest::prop_assert_eq!(
                        lazy.rows_at_most(&b, n),
                        eager.rows.len() <= n
                    );
                }
            }
        }
    }
}

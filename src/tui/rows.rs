//! The rows of the article at one width, laid out only where the reader looks: a block
//! (heading or paragraph) is wrapped when a move or a frame first reaches it, and kept while it
//! is near. Nothing asks for a row by its number from the top of the article: a row is found
//! by its block and its place in the block ([`RowAt`]), and moves count rows from where the
//! reader is. So opening, resizing and every key cost what the screen shows, not what the
//! article holds (one block at a time: a paragraph of megabytes is laid out whole).

use std::collections::VecDeque;

use super::wrap::{self, Row};
use crate::body::Body;

/// Rows kept laid out; past this, the blocks at the far end of the window are dropped (they are
/// laid out again if the reader goes back).
#[cfg(not(test))]
const KEEP_ROWS: usize = 1 << 14;
/// Small in the tests, so that the property tests drop and lay out blocks again all the time.
#[cfg(test)]
const KEEP_ROWS: usize = 12;

/// Blocks on either side of the one asked for that are kept whatever their size: the move under
/// way may still walk through them.
#[cfg(not(test))]
const KEEP_NEAR: usize = 8;
#[cfg(test)]
const KEEP_NEAR: usize = 1;

/// A block this close to the window is reached by laying out the blocks between; one further
/// away starts a new window.
#[cfg(not(test))]
const FILL_GAP: usize = 8;
#[cfg(test)]
const FILL_GAP: usize = 2;

/// Where a row is: block `block`, row `row` of that block's rows (every block but the first has
/// its gap row first). Ordered as the rows are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowAt {
    pub block: usize,
    pub row: usize,
}

/// The rows of blocks `start..start + blocks.len()`.
#[derive(Clone, Debug, Default)]
struct Window {
    start: usize,
    blocks: VecDeque<Box<[Row]>>,
    /// Rows in `blocks`.
    kept: usize,
}

impl Window {
    /// Whether block `b` is in the window or close enough to be reached from it.
    fn near(&self, b: usize) -> bool {
        !self.blocks.is_empty()
            && b + FILL_GAP >= self.start
            && b < self.start + self.blocks.len() + FILL_GAP
    }

    /// The rows of block `b`, laid out now if they are not yet, with the blocks between it and
    /// the window; a block not [`Window::near`] starts the window afresh.
    fn block(&mut self, body: &Body, b: usize, width: u16) -> &[Row] {
        let end = self.start + self.blocks.len();
        if !self.near(b) {
            self.blocks.clear();
            self.kept = 0;
            self.start = b;
            self.push_back(body, b, width);
        } else if b < self.start {
            for x in (b..self.start).rev() {
                let rows = wrap::block_rows(body, x, width).into_boxed_slice();
                self.kept += rows.len();
                self.blocks.push_front(rows);
            }
            self.start = b;
            // Drop from the far end, never the blocks next to `b`.
            while self.kept > KEEP_ROWS && self.start + self.blocks.len() > b + 1 + KEEP_NEAR {
                if let Some(rows) = self.blocks.pop_back() {
                    self.kept -= rows.len();
                }
            }
        } else if b >= end {
            for x in end..=b {
                self.push_back(body, x, width);
            }
            while self.kept > KEEP_ROWS && self.start + KEEP_NEAR < b {
                if let Some(rows) = self.blocks.pop_front() {
                    self.kept -= rows.len();
                    self.start += 1;
                }
            }
        }
        self.blocks.get(b - self.start).map_or(&[], |r| r)
    }

    fn push_back(&mut self, body: &Body, b: usize, width: u16) {
        let rows = wrap::block_rows(body, b, width).into_boxed_slice();
        self.kept += rows.len();
        self.blocks.push_back(rows);
    }
}

/// The article's rows at one width, laid out block by block on demand.
#[derive(Clone, Debug, Default)]
pub struct LazyRows {
    width: u16,
    /// The rows of a window of consecutive blocks, laid out: finding a block's rows is an
    /// index, not a search.
    window: Window,
    /// The window before the last jump far away, kept aside: going back (`g` after `G`, `{`
    /// after `}`, `Ctrl-o`) finds its rows laid out.
    aside: Window,
    /// Whether the first block has rows (only it can have none: every other has its gap row).
    first_has_rows: bool,
    /// Where the last row ends (the furthest the reading position goes).
    last_offset: usize,
}

impl LazyRows {
    pub fn new(body: &Body, width: u16) -> Self {
        let first_has_rows = body.blocks().first().is_some_and(|b| {
            body.slice(b.start, b.end)
                .chars()
                .any(|c| !c.is_whitespace())
        });
        Self {
            width: width.max(1),
            window: Window::default(),
            aside: Window::default(),
            first_has_rows,
            last_offset: last_offset(body),
        }
    }

    pub fn width(&self) -> u16 {
        self.width
    }

    /// How many blocks are laid out now (for the tests: it must not grow with the article).
    pub fn laid_blocks(&self) -> usize {
        self.window.blocks.len() + self.aside.blocks.len()
    }

    /// Where the last row ends, found without laying anything out.
    pub fn last_offset(&self) -> usize {
        self.last_offset
    }

    /// The rows of block `b`, laid out now if they are not yet.
    fn block(&mut self, body: &Body, b: usize) -> &[Row] {
        if !self.window.near(b) {
            if self.aside.near(b) {
                std::mem::swap(&mut self.window, &mut self.aside);
            } else {
                self.aside = std::mem::take(&mut self.window);
            }
        }
        self.window.block(body, b, self.width)
    }

    /// Up to `n` rows from `at` on, into `out`.
    pub fn rows_from(&mut self, body: &Body, at: RowAt, n: usize, out: &mut Vec<Row>) {
        let blocks = body.blocks().len();
        let mut at = at;
        while out.len() < n && at.block < blocks {
            let rows = self.block(body, at.block);
            let take = rows.len().saturating_sub(at.row).min(n - out.len());
            out.extend_from_slice(&rows[at.row.min(rows.len())..at.row.min(rows.len()) + take]);
            at = RowAt {
                block: at.block + 1,
                row: 0,
            };
        }
    }

    fn rows_in(&mut self, body: &Body, b: usize) -> usize {
        self.block(body, b).len()
    }

    /// The row at `at` (an empty row at 0 where there is none).
    pub fn get(&mut self, body: &Body, at: RowAt) -> Row {
        self.block(body, at.block)
            .get(at.row)
            .copied()
            .unwrap_or(EMPTY)
    }

    /// The first row of the article, `None` when it has none (laying out nothing).
    pub fn first(&self, body: &Body) -> Option<RowAt> {
        let blocks = body.blocks().len();
        if blocks == 0 {
            return None;
        }
        if self.first_has_rows {
            return Some(RowAt { block: 0, row: 0 });
        }
        // Only the first block can be without rows: every other one has its gap row.
        (blocks > 1).then_some(RowAt { block: 1, row: 0 })
    }

    /// At least how many rows the article has: a gap row per block after the first, and the
    /// first block's (laying out nothing).
    pub fn at_least(&self, body: &Body) -> usize {
        body.blocks().len().saturating_sub(1) + usize::from(self.first_has_rows)
    }

    /// The last row of the article.
    pub fn last(&mut self, body: &Body) -> Option<RowAt> {
        let b = body.blocks().len().checked_sub(1)?;
        let n = self.rows_in(body, b);
        n.checked_sub(1).map(|row| RowAt { block: b, row })
    }

    /// The row after `at`.
    pub fn next(&mut self, body: &Body, at: RowAt) -> Option<RowAt> {
        if at.row + 1 < self.rows_in(body, at.block) {
            return Some(RowAt {
                block: at.block,
                row: at.row + 1,
            });
        }
        (at.block + 1 < body.blocks().len()).then_some(RowAt {
            block: at.block + 1,
            row: 0,
        })
    }

    /// The row before `at`.
    pub fn prev(&mut self, body: &Body, at: RowAt) -> Option<RowAt> {
        if at.row > 0 {
            return Some(RowAt {
                block: at.block,
                row: at.row - 1,
            });
        }
        let b = at.block.checked_sub(1)?;
        let n = self.rows_in(body, b);
        n.checked_sub(1).map(|row| RowAt { block: b, row })
    }

    /// `at` moved `by` rows, stopping at the first and the last row; with the rows actually
    /// moved (negative upwards).
    pub fn walk(&mut self, body: &Body, at: RowAt, by: isize) -> (RowAt, isize) {
        let mut at = at;
        let mut moved = 0isize;
        if by >= 0 {
            while moved < by {
                // Whole rest of a block at once: walking a long paragraph is not a row at a time.
                let n = self.rows_in(body, at.block);
                let left = (n.saturating_sub(at.row + 1)) as isize;
                if left > 0 {
                    let step = left.min(by - moved);
                    at.row += step as usize;
                    moved += step;
                    continue;
                }
                match self.next(body, at) {
                    Some(next) => {
                        at = next;
                        moved += 1;
                    }
                    None => break,
                }
            }
        } else {
            while moved > by {
                if at.row > 0 {
                    let step = (at.row as isize).min(moved - by);
                    at.row -= step as usize;
                    moved -= step;
                    continue;
                }
                match self.prev(body, at) {
                    Some(prev) => {
                        at = prev;
                        moved -= 1;
                    }
                    None => break,
                }
            }
        }
        (at, moved)
    }

    /// Rows from `from` down to `to` (negative when `to` is above), counted no further than
    /// `limit` rows: past that, `±limit`. Every block has a row, so this lays out at most
    /// `limit + 1` blocks.
    pub fn distance(&mut self, body: &Body, from: RowAt, to: RowAt, limit: usize) -> isize {
        if to < from {
            return -self.distance(body, to, from, limit);
        }
        // Every block has a row: blocks far apart are more rows apart than that.
        if to.block - from.block > limit {
            return limit as isize;
        }
        if from.block == to.block {
            return (to.row - from.row).min(limit) as isize;
        }
        let mut n = self.rows_in(body, from.block).saturating_sub(from.row);
        for b in from.block + 1..to.block {
            if n > limit {
                return limit as isize;
            }
            n += self.rows_in(body, b);
        }
        (n + to.row).min(limit) as isize
    }

    /// The row showing char `offset`: the last row starting at or before it, a text row rather
    /// than the gap starting where it does.
    pub fn row_of(&mut self, body: &Body, offset: usize) -> Option<RowAt> {
        let first = self.first(body)?;
        // The last row starting at or before `offset`; the first row if none does.
        let mut at = match body.block_at(offset) {
            None => first,
            Some(b) => {
                let rows = self.block(body, b);
                match rows.partition_point(|r| r.start <= offset).checked_sub(1) {
                    Some(row) => RowAt { block: b, row },
                    // Only the first block has no gap row starting at its start.
                    None => first,
                }
            }
        };
        loop {
            let here = self.get(body, at);
            if here.kind != wrap::RowKind::Gap {
                break;
            }
            match self.prev(body, at) {
                Some(prev) if self.get(body, prev).start == here.start => at = prev,
                _ => break,
            }
        }
        if self.get(body, at).kind == wrap::RowKind::Gap
            && let Some(next) = self.next(body, at)
        {
            at = next;
        }
        Some(at)
    }
}

const EMPTY: Row = Row {
    start: 0,
    end: 0,
    kind: wrap::RowKind::Text,
};

/// Where the last row ends: the end of the last block's last word, the start of the last block
/// when it has none (its gap row), 0 when the article has no rows.
fn last_offset(body: &Body) -> usize {
    let blocks = body.blocks();
    for (b, block) in blocks.iter().enumerate().rev() {
        let text = body.slice(block.start, block.end);
        let chars = block.end.saturating_sub(block.start);
        let mut end = chars;
        for c in text.chars().rev() {
            if !c.is_whitespace() {
                return block.start + end;
            }
            end -= 1;
        }
        if b > 0 {
            return block.start;
        }
    }
    0
}

//! The rows of the article at one width, laid out only where the reader looks: a block
//! (heading or paragraph) is wrapped when a move or a frame first reaches it, and kept while it
//! is near. Nothing asks for a row by its number from the top of the article: a row is found
//! by its block and its place in the block ([`RowAt`]), and moves count rows from where the
//! reader is. So opening, resizing and every key cost what the screen shows, not what the
//! article holds (one block at a time: a paragraph of megabytes is laid out whole).

use std::collections::BTreeMap;

use super::wrap::{self, Row};
use crate::body::Body;

/// Rows kept laid out; past this, the blocks furthest from the last one laid out are dropped
/// (they are laid out again if the reader goes back).
const KEEP_ROWS: usize = 1 << 16;

/// Blocks on either side of the last one laid out that are kept whatever their size.
const KEEP_NEAR: usize = 8;

/// Where a row is: block `block`, row `row` of that block's rows (every block but the first has
/// its gap row first). Ordered as the rows are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowAt {
    pub block: usize,
    pub row: usize,
}

/// The article's rows at one width, laid out block by block on demand.
#[derive(Clone, Debug, Default)]
pub struct LazyRows {
    width: u16,
    /// Blocks laid out, by number.
    laid: BTreeMap<usize, Box<[Row]>>,
    /// Rows in `laid`.
    kept: usize,
    /// Where the last row ends (the furthest the reading position goes).
    last_offset: usize,
}

impl LazyRows {
    pub fn new(body: &Body, width: u16) -> Self {
        Self {
            width: width.max(1),
            laid: BTreeMap::new(),
            kept: 0,
            last_offset: last_offset(body),
        }
    }

    pub fn width(&self) -> u16 {
        self.width
    }

    /// How many blocks are laid out now (for the tests: it must not grow with the article).
    pub fn laid_blocks(&self) -> usize {
        self.laid.len()
    }

    /// Where the last row ends, found without laying anything out.
    pub fn last_offset(&self) -> usize {
        self.last_offset
    }

    /// The rows of block `b`, laid out now if they are not yet.
    fn block(&mut self, body: &Body, b: usize) -> &[Row] {
        if !self.laid.contains_key(&b) {
            let rows = wrap::block_rows(body, b, self.width);
            self.kept += rows.len();
            self.laid.insert(b, rows.into_boxed_slice());
            self.trim(b);
        }
        self.laid.get(&b).map_or(&[], |r| r)
    }

    /// Drops the blocks furthest from block `near` while more than [`KEEP_ROWS`] rows are kept;
    /// never those next to it, which the move under way may still walk through.
    fn trim(&mut self, near: usize) {
        while self.kept > KEEP_ROWS {
            let first = self.laid.first_key_value().map_or(near, |(&b, _)| b);
            let last = self.laid.last_key_value().map_or(near, |(&b, _)| b);
            let (drop, far) = if near.abs_diff(first) >= near.abs_diff(last) {
                (first, near.abs_diff(first))
            } else {
                (last, near.abs_diff(last))
            };
            if far <= KEEP_NEAR {
                break;
            }
            if let Some(rows) = self.laid.remove(&drop) {
                self.kept -= rows.len();
            }
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

    /// The first row of the article, `None` when it has none.
    pub fn first(&mut self, body: &Body) -> Option<RowAt> {
        let blocks = body.blocks().len();
        if blocks == 0 {
            return None;
        }
        if self.rows_in(body, 0) > 0 {
            return Some(RowAt { block: 0, row: 0 });
        }
        // Only the first block can be without rows: every other one has its gap row.
        (blocks > 1).then_some(RowAt { block: 1, row: 0 })
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

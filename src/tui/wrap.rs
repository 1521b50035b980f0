//! The article laid out in rows for one pane width: headings and paragraphs wrapped first fit
//! (as less and vim wrap: rows fill up in reading order), words measured exactly as ratatui
//! draws them (grapheme clusters, unicode-width, after display cleaning). Done once per width
//! and cached in the model; each frame draws only the visible rows. A long body is laid out in
//! two halves on two threads.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::body::{Block, BlockKind, Body};
use crate::sanitize;

/// Bodies from this many bytes on are laid out on two threads.
const PARALLEL_FROM: usize = 256 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Heading(u8),
    Text,
    /// The blank row between two blocks.
    Gap,
}

/// One row of the laid-out text: chars `[start, end)` of the body (a gap row is empty, at the
/// start of the next block).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub start: usize,
    pub end: usize,
    pub kind: RowKind,
}

/// The rows of an article at one width.
#[derive(Clone, Debug, Default)]
pub struct Rows {
    pub width: u16,
    pub rows: Vec<Row>,
}

impl Rows {
    pub fn new(body: &Body, width: u16) -> Self {
        let width = width.max(1);
        let blocks = body.blocks();
        let rows = if body.as_str().len() < PARALLEL_FROM {
            lay_out(body, blocks, 0, width)
        } else {
            let half = blocks.len() / 2;
            std::thread::scope(|scope| {
                let second = scope.spawn(|| lay_out(body, &blocks[half..], half, width));
                let mut rows = lay_out(body, &blocks[..half], 0, width);
                // Laying out cannot panic on any text; if it did, it would here too.
                let second = second
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                rows.extend(second);
                rows
            })
        };
        Self { width, rows }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row showing char `offset` (the last row starting at or before it).
    pub fn row_of(&self, offset: usize) -> usize {
        let i = self.rows.partition_point(|r| r.start <= offset);
        // Prefer a text row over the gap that starts at the same offset.
        let mut row = i.saturating_sub(1);
        while row > 0
            && self.rows[row].kind == RowKind::Gap
            && self.rows[row - 1].start == self.rows[row].start
        {
            row -= 1;
        }
        if self.rows.get(row).is_some_and(|r| r.kind == RowKind::Gap) && row + 1 < self.rows.len() {
            row += 1;
        }
        row
    }
}

/// The rows of block `b` alone: its rows, after its gap row unless it is the first block.
pub fn block_rows(body: &Body, b: usize, width: u16) -> Vec<Row> {
    let blocks = body.blocks();
    if b >= blocks.len() {
        return Vec::new();
    }
    lay_out(body, &blocks[b..=b], b, width.max(1))
}

/// Drawn width of body text, as ratatui measures it: per grapheme of the cleaned text.
pub fn drawn_width(text: &str) -> usize {
    // Most words are printable ASCII: one column a byte, nothing to clean.
    if text.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
        return text.len();
    }
    let shown = sanitize::display_text(text);
    shown.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// The rows of `blocks`, the body's blocks from number `first` on: each block's rows, and a gap
/// row before every block but the body's first.
fn lay_out(body: &Body, blocks: &[Block], first: usize, width: u16) -> Vec<Row> {
    let mut rows = Vec::new();
    let text = body.as_str();
    // Where the last block ended, in chars and bytes: the next block's bytes are found by
    // walking the few chars between, not from a checkpoint each time.
    let mut at = blocks
        .first()
        .map_or((0, 0), |b| (b.start, body.byte_at(b.start)));
    for (i, block) in blocks.iter().enumerate() {
        if first + i > 0 {
            rows.push(Row {
                start: block.start,
                end: block.start,
                kind: RowKind::Gap,
            });
        }
        let kind = match block.kind {
            BlockKind::Heading(level) => RowKind::Heading(level),
            BlockKind::Paragraph => RowKind::Text,
        };
        let gap = block.start.saturating_sub(at.0);
        let from = at.1
            + text[at.1..]
                .char_indices()
                .nth(gap)
                .map_or(text.len() - at.1, |(b, _)| b);
        let mut fit = FirstFit {
            max: usize::from(width),
            line: None,
            width: 0,
            rows: &mut rows,
            kind,
        };
        let chars = block.end.saturating_sub(block.start);
        let used = wrap_block(&text[from..], block.start, chars, &mut fit);
        fit.finish();
        at = (block.start + chars, from + used);
    }
    rows
}

/// First fit, one word at a time: a word goes on the row when it fits after what is there,
/// else it starts the next row. The whitespace after a word counts one column a char.
struct FirstFit<'a> {
    max: usize,
    /// The row being filled: its first char and the end of its last word.
    line: Option<(usize, usize)>,
    /// Columns taken on it, with the whitespace after its last word.
    width: usize,
    rows: &'a mut Vec<Row>,
    kind: RowKind,
}

impl FirstFit<'_> {
    /// A word of `width` columns at chars `[start, end)`, with `space` chars of whitespace
    /// after it.
    fn word(&mut self, start: usize, end: usize, width: usize, space: usize) {
        match self.line {
            Some((first, last)) if self.width + width > self.max => {
                self.push(first, last);
                self.line = Some((start, end));
                self.width = 0;
            }
            Some((first, _)) => self.line = Some((first, end)),
            None => self.line = Some((start, end)),
        }
        self.width += width + space;
    }

    fn push(&mut self, start: usize, end: usize) {
        self.rows.push(Row {
            start,
            end,
            kind: self.kind,
        });
    }

    fn finish(&mut self) {
        if let Some((first, last)) = self.line.take() {
            self.push(first, last);
        }
    }
}

/// Feeds the words of the `chars` chars at the start of `text` (body char `base` on) to `fit`;
/// returns the bytes they take.
fn wrap_block(text: &str, base: usize, chars: usize, fit: &mut FirstFit) -> usize {
    let bytes = text.as_bytes();
    // The word being read: its first char's body offset, its first byte in `text`, and whether
    // it is all printable ASCII so far (a column and a char a byte, nothing to measure).
    let mut current: Option<(usize, usize, bool)> = None;
    // The word read last, waiting for the whitespace after it to be counted.
    let mut pending: Option<(usize, usize, usize)> = None;
    let mut space = 0;
    let end = base + chars;
    let mut offset = base;
    let mut i = 0;
    while offset < end && i < bytes.len() {
        let b = bytes[i];
        let room = (end - offset).min(bytes.len() - i);
        // Most of a body is runs of printable ASCII (a char, a column and a byte each, all of
        // one word) and runs of spaces: each run is taken whole, without the general step.
        if b.is_ascii_graphic() {
            let run = run_len(&bytes[i..i + room], u8::is_ascii_graphic);
            if current.is_none() {
                current = Some((offset, i, true));
            }
            offset += run;
            i += run;
            continue;
        }
        if b == b' ' {
            if let Some((start, from, plain)) = current.take() {
                if let Some((s, e, w)) = pending.take() {
                    fit.word(s, e, w, space);
                }
                space = 0;
                pending = word(&text[from..i], start, plain, fit);
            }
            let run = run_len(&bytes[i..i + room], |&b| b == b' ');
            space += run;
            offset += run;
            i += run;
            continue;
        }
        // Printable ASCII and ASCII whitespace take a byte; anything else is decoded.
        let (len, white) = if b < 0x80 {
            (1, b.is_ascii_whitespace() || b == 0x0b)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.len_utf8(), c.is_whitespace())
        };
        if white {
            if let Some((start, from, plain)) = current.take() {
                if let Some((s, e, w)) = pending.take() {
                    fit.word(s, e, w, space);
                }
                space = 0;
                pending = word(&text[from..i], start, plain, fit);
            }
            space += 1;
        } else {
            let graphic = b.is_ascii_graphic();
            match &mut current {
                Some((_, _, plain)) => *plain &= graphic,
                None => current = Some((offset, i, graphic)),
            }
        }
        offset += 1;
        i += len;
    }
    if let Some((start, from, plain)) = current.take() {
        if let Some((s, e, w)) = pending.take() {
            fit.word(s, e, w, space);
        }
        space = 0;
        pending = word(&text[from..i], start, plain, fit);
    }
    if let Some((s, e, w)) = pending {
        fit.word(s, e, w, space);
    }
    i
}

/// How many bytes from the start of `bytes` are `like`.
fn run_len(bytes: &[u8], like: impl Fn(&u8) -> bool) -> usize {
    bytes.iter().position(|b| !like(b)).unwrap_or(bytes.len())
}

/// A word at body char `start`, `plain` when all printable ASCII: see [`split_word`].
fn word(
    text: &str,
    start: usize,
    plain: bool,
    fit: &mut FirstFit,
) -> Option<(usize, usize, usize)> {
    if plain && text.len() <= fit.max {
        return Some((start, start + text.len(), text.len()));
    }
    split_word(text, start, fit)
}

/// A word at body char `start`: `(start, end, width)` of its last piece, which waits for the
/// whitespace after it; pieces before it (of a word wider than a row, split at grapheme
/// boundaries) go to `fit` at once.
fn split_word(text: &str, start: usize, fit: &mut FirstFit) -> Option<(usize, usize, usize)> {
    let max = fit.max;
    let total = drawn_width(text);
    if total <= max {
        let chars = if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
        return Some((start, start + chars, total));
    }
    let mut piece_start = start;
    let mut piece_width = 0usize;
    let mut at = start;
    for g in text.graphemes(true) {
        let w = drawn_width(g);
        if piece_width + w > max && at > piece_start {
            fit.word(piece_start, at, piece_width, 0);
            piece_start = at;
            piece_width = 0;
        }
        piece_width += w;
        at += g.chars().count();
    }
    Some((piece_start, at, piece_width))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &Body, rows: &Rows) -> Vec<String> {
        rows.rows
            .iter()
            .map(|r| body.slice(r.start, r.end).to_string())
            .collect()
    }

    #[test]
    fn wraps_paragraphs_with_gaps_and_headings() {
        let body =
            Body::new("# Title here\n\nThe quick brown fox jumps over the lazy dog.\n".into());
        let rows = Rows::new(&body, 16);
        assert_eq!(rows.rows[0].kind, RowKind::Heading(1));
        assert_eq!(rows.rows[1].kind, RowKind::Gap);
        for r in &rows.rows {
            assert!(drawn_width(body.slice(r.start, r.end)) <= 16);
        }
        let joined = texts(&body, &rows)[2..].join(" ");
        assert_eq!(joined, "The quick brown fox jumps over the lazy dog.");
    }

    #[test]
    fn measures_wide_and_combining_text_as_drawn() {
        assert_eq!(drawn_width("日本語"), 6);
        assert_eq!(drawn_width("e\u{301}"), 1);
        assert_eq!(drawn_width("😀"), 2);
        let body = Body::new("日本語の文章はとても長いです".into());
        let rows = Rows::new(&body, 7);
        for r in &rows.rows {
            assert!(drawn_width(body.slice(r.start, r.end)) <= 7, "{r:?}");
        }
        assert_eq!(texts(&body, &rows).concat(), "日本語の文章はとても長いです");
    }

    #[test]
    fn long_words_are_split_and_narrow_widths_work() {
        let body = Body::new("abcdefghij klm".into());
        let rows = Rows::new(&body, 4);
        assert_eq!(texts(&body, &rows), ["abcd", "efgh", "ij", "klm"]);
        let rows = Rows::new(&body, 1);
        assert_eq!(rows.len(), 13);
    }

    /// The layout as it was made with textwrap's first fit: every word (split where wider than
    /// a row) with the whitespace after it, then rows filled in order.
    fn reference(body: &Body, width: u16) -> Vec<Row> {
        let max = usize::from(width.max(1));
        let mut rows = Vec::new();
        for (i, block) in body.blocks().iter().enumerate() {
            if i > 0 {
                rows.push(Row {
                    start: block.start,
                    end: block.start,
                    kind: RowKind::Gap,
                });
            }
            let kind = match block.kind {
                BlockKind::Heading(level) => RowKind::Heading(level),
                BlockKind::Paragraph => RowKind::Text,
            };
            // (start, end, width, space) per word piece.
            let mut words: Vec<(usize, usize, usize, usize)> = Vec::new();
            let text = body.slice(block.start, block.end);
            let mut current: Option<(usize, usize)> = None;
            let push = |words: &mut Vec<_>, start: usize, w: &str| {
                let mut at = start;
                let mut piece = (start, 0);
                for g in w.graphemes(true) {
                    let gw = drawn_width(g);
                    if drawn_width(w) > max && piece.1 + gw > max && at > piece.0 {
                        words.push((piece.0, at, piece.1, 0));
                        piece = (at, 0);
                    }
                    piece.1 += gw;
                    at += g.chars().count();
                }
                let width = if drawn_width(w) > max {
                    piece.1
                } else {
                    drawn_width(w)
                };
                words.push((piece.0, at, width, 0));
            };
            for (offset, (byte, c)) in (block.start..).zip(text.char_indices()) {
                if c.is_whitespace() {
                    if let Some((start, from)) = current.take() {
                        push(&mut words, start, &text[from..byte]);
                    }
                    if let Some(last) = words.last_mut() {
                        last.3 += 1;
                    }
                } else if current.is_none() {
                    current = Some((offset, byte));
                }
            }
            if let Some((start, from)) = current.take() {
                push(&mut words, start, &text[from..]);
            }
            let mut line: Option<(usize, usize)> = None;
            let mut taken = 0;
            for (start, end, w, space) in words {
                match line {
                    Some((first, last)) if taken + w > max => {
                        rows.push(Row {
                            start: first,
                            end: last,
                            kind,
                        });
                        line = Some((start, end));
                        taken = 0;
                    }
                    Some((first, _)) => line = Some((first, end)),
                    None => line = Some((start, end)),
                }
                taken += w + space;
            }
            if let Some((first, last)) = line {
                rows.push(Row {
                    start: first,
                    end: last,
                    kind,
                });
            }
        }
        rows
    }

    proptest::proptest! {
        #[test]
        fn lays_out_as_first_fit_over_whole_words_would(
            text in "([a-z.,!~]{1,12}|a\u{1}b|[ \n\t\u{0B}\u{A0}]{1,3}|日本|e\u{301}|😀|# |\n\n){0,80}",
            width in 1u16..30,
        ) {
            let body = Body::new(text);
            proptest::prop_assert_eq!(Rows::new(&body, width).rows, reference(&body, width));
        }
    }

    #[test]
    fn a_long_body_is_laid_out_in_two_halves_as_in_one() {
        let para = "Words of a paragraph, with a longer-than-usual-word and 日本語. ";
        let text: String = (0..6000)
            .map(|n| {
                if n % 7 == 6 {
                    "\n\n# Head\n\n".to_string()
                } else {
                    format!("{para}{n} ")
                }
            })
            .collect();
        assert!(text.len() > PARALLEL_FROM);
        let body = Body::new(text);
        assert_eq!(Rows::new(&body, 33).rows, reference(&body, 33));
    }

    #[test]
    fn row_of_finds_text_rows() {
        let body = Body::new("aaa bbb\n\nccc".into());
        let rows = Rows::new(&body, 3);
        let c = body.as_str().find("ccc").unwrap();
        assert_eq!(rows.rows[rows.row_of(c)].kind, RowKind::Text);
        assert_eq!(
            body.slice(
                rows.rows[rows.row_of(c)].start,
                rows.rows[rows.row_of(c)].end
            ),
            "ccc"
        );
        assert_eq!(rows.row_of(5), 1);
    }
}

//! The article laid out in rows for one pane width: headings and paragraphs wrapped with
//! textwrap (first fit), fed our own fragments so that widths are measured exactly as ratatui draws them
//! (grapheme clusters, unicode-width, after display cleaning). Done once per width and cached
//! in the model; each frame draws only the visible rows.

use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::sanitize;
use crate::body::{BlockKind, Body};

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
            for (start, end) in wrap_block(body.slice(block.start, block.end), block.start, width) {
                rows.push(Row { start, end, kind });
            }
        }
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

/// A word with the whitespace after it, in body chars, and its drawn widths.
#[derive(Debug)]
struct Word {
    start: usize,
    word_end: usize,
    width: f64,
    space: f64,
}

impl Fragment for Word {
    fn width(&self) -> f64 {
        self.width
    }

    fn whitespace_width(&self) -> f64 {
        self.space
    }

    fn penalty_width(&self) -> f64 {
        0.0
    }
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

/// Wraps one block; returns rows as body char ranges without trailing whitespace.
fn wrap_block(text: &str, base: usize, width: u16) -> Vec<(usize, usize)> {
    let mut words: Vec<Word> = Vec::new();
    let max = usize::from(width);
    // The word being read: its first char's body offset and its byte range in `text`.
    let mut current: Option<(usize, usize)> = None;
    for (offset, (byte, c)) in (base..).zip(text.char_indices()) {
        if c.is_whitespace() {
            // Whitespace belongs to the word before it.
            if let Some((start, from)) = current.take() {
                push_word(&mut words, start, &text[from..byte], max);
            }
            if let Some(last) = words.last_mut() {
                last.space += 1.0;
            }
        } else if current.is_none() {
            current = Some((offset, byte));
        }
    }
    if let Some((start, from)) = current.take() {
        push_word(&mut words, start, &text[from..], max);
    }
    if words.is_empty() {
        return Vec::new();
    }
    let line_widths = [f64::from(width)];
    // First fit, as less and vim wrap: rows fill up in reading order, and laying out a
    // book-length text takes a fifth of the time optimal fit takes (docs/PERFORMANCE.md).
    let lines = wrap_first_fit(&words, &line_widths);
    lines
        .iter()
        .filter_map(|line| Some((line.first()?.start, line.last()?.word_end)))
        .collect()
}

/// Adds a word, split at grapheme boundaries into pieces that fit when it is wider than a row.
fn push_word(words: &mut Vec<Word>, start: usize, text: &str, max: usize) {
    let total = drawn_width(text);
    if total <= max {
        words.push(Word {
            start,
            word_end: start + text.chars().count(),
            width: total as f64,
            space: 0.0,
        });
        return;
    }
    let mut piece_start = start;
    let mut piece_width = 0usize;
    let mut at = start;
    for g in text.graphemes(true) {
        let w = drawn_width(g);
        if piece_width + w > max && at > piece_start {
            words.push(Word {
                start: piece_start,
                word_end: at,
                width: piece_width as f64,
                space: 0.0,
            });
            piece_start = at;
            piece_width = 0;
        }
        piece_width += w;
        at += g.chars().count();
    }
    words.push(Word {
        start: piece_start,
        word_end: at,
        width: piece_width as f64,
        space: 0.0,
    });
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

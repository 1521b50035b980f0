//! The line editor of the search and note prompts: a cursor that moves by grapheme and by word,
//! the readline keys (Ctrl-a/e/w/u), pasted text taken whole, and, in notes, several lines.
//!
//! Written here rather than taken from `tui-textarea`/`tui-input`: neither had a release for
//! ratatui 0.30 when this was written, and the prompt needs a single status row with horizontal
//! scrolling more than a text area widget.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::sanitize;

/// An edit asked of the editor (keys become these in the keymap).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    /// A new line (notes only; in the search prompt a space).
    Newline,
    Backspace,
    Delete,
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    /// Ctrl-w: the word before the cursor.
    DeleteWord,
    /// Ctrl-u: everything before the cursor.
    DeleteToStart,
    /// Ctrl-k: everything after the cursor.
    DeleteToEnd,
}

/// The most a prompt holds, so that a paste of a whole file cannot exhaust memory or make each
/// key's redraw slow.
pub const MAX_CHARS: usize = 20_000;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Editor {
    text: String,
    /// Byte index into `text`, always on a grapheme boundary.
    cursor: usize,
    /// Whether newlines are kept (notes) or folded into spaces (search).
    multiline: bool,
}

impl Editor {
    pub fn new(text: &str, multiline: bool) -> Self {
        let mut e = Editor {
            text: String::new(),
            cursor: 0,
            multiline,
        };
        e.insert_str(text);
        e
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, as a byte index into [`Editor::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn apply(&mut self, edit: Edit) {
        match edit {
            Edit::Insert(c) => {
                let mut buf = [0; 4];
                self.insert_str(c.encode_utf8(&mut buf));
            }
            Edit::Newline => self.insert_str("\n"),
            Edit::Backspace => {
                let from = self.prev_boundary(self.cursor);
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
            }
            Edit::Delete => {
                let to = self.next_boundary(self.cursor);
                self.text.replace_range(self.cursor..to, "");
            }
            Edit::Left => self.cursor = self.prev_boundary(self.cursor),
            Edit::Right => self.cursor = self.next_boundary(self.cursor),
            Edit::WordLeft => self.cursor = self.word_start_before(self.cursor),
            Edit::WordRight => self.cursor = self.word_end_after(self.cursor),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.text.len(),
            Edit::DeleteWord => {
                let from = self.word_start_before(self.cursor);
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
            }
            Edit::DeleteToStart => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            Edit::DeleteToEnd => self.text.truncate(self.cursor),
        }
    }

    /// Inserts text at the cursor (typed or pasted): line ends become `\n` in a note and spaces
    /// in a search; other control characters are dropped; the total is capped at [`MAX_CHARS`].
    pub fn insert_str(&mut self, s: &str) {
        let room = MAX_CHARS.saturating_sub(self.text.chars().count());
        let normalised = s.replace("\r\n", "\n").replace('\r', "\n");
        let clean: String = normalised
            .chars()
            .filter_map(|c| match c {
                '\n' if self.multiline => Some('\n'),
                '\n' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .take(room)
            .collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    fn prev_boundary(&self, at: usize) -> usize {
        self.text[..at]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self, at: usize) -> usize {
        self.text[at..]
            .graphemes(true)
            .next()
            .map_or(at, |g| at + g.len())
    }

    /// The start of the word before `at` (skipping the spaces just before it), as readline's
    /// Ctrl-w and Alt-b.
    fn word_start_before(&self, at: usize) -> usize {
        let before = &self.text[..at];
        let trimmed = before.trim_end();
        trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    /// The end of the word after `at` (skipping the spaces just after it), as Alt-f.
    fn word_end_after(&self, at: usize) -> usize {
        let after = &self.text[at..];
        let lead = after.len() - after.trim_start().len();
        let word = after[lead..]
            .find(char::is_whitespace)
            .unwrap_or(after.len() - lead);
        at + lead + word
    }

    /// What the prompt row shows in `width` columns: the text made safe to draw (a new line as
    /// `⏎`), scrolled so that the cursor is visible, and the cursor's column in it.
    pub fn view(&self, width: usize) -> (String, usize) {
        let cells: Vec<(String, usize, usize)> = self
            .text
            .grapheme_indices(true)
            .map(|(i, g)| {
                let shown = if g == "\n" {
                    "⏎".to_string()
                } else {
                    sanitize::display_text(g)
                };
                let w = UnicodeWidthStr::width(shown.as_str());
                (shown, i, w)
            })
            .collect();
        let at = cells.partition_point(|(_, i, _)| *i < self.cursor);
        let before: usize = cells[..at].iter().map(|c| c.2).sum();
        // Room for the cursor itself at the end of the row.
        let room = width.saturating_sub(1);
        let mut skip = 0;
        let mut skipped = 0;
        while before - skipped > room && skip < at {
            skipped += cells[skip].2;
            skip += 1;
        }
        let mut shown = String::new();
        let mut used = 0;
        for (s, _, w) in &cells[skip..] {
            if used + w > width {
                break;
            }
            shown.push_str(s);
            used += w;
        }
        (shown, before - skipped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ed(text: &str) -> Editor {
        Editor::new(text, true)
    }

    #[test]
    fn moves_and_edits_by_grapheme_and_word() {
        let mut e = ed("see the café");
        e.apply(Edit::Left);
        e.apply(Edit::Backspace);
        assert_eq!(e.text(), "see the caé");
        e.apply(Edit::Home);
        e.apply(Edit::WordRight);
        assert_eq!(e.cursor(), 3);
        e.apply(Edit::Insert('!'));
        assert_eq!(e.text(), "see! the caé");
        e.apply(Edit::End);
        e.apply(Edit::DeleteWord);
        assert_eq!(e.text(), "see! the ");
        e.apply(Edit::WordLeft);
        assert_eq!(e.cursor(), 5);
        e.apply(Edit::DeleteToStart);
        assert_eq!(e.text(), "the ");
        e.apply(Edit::Delete);
        assert_eq!(e.text(), "he ");
        e.apply(Edit::DeleteToEnd);
        assert_eq!(e.text(), "");
        e.apply(Edit::Backspace);
        e.apply(Edit::Delete);
        e.apply(Edit::Left);
        assert_eq!((e.text(), e.cursor()), ("", 0));
    }

    #[test]
    fn combining_marks_and_wide_chars_move_as_one() {
        let mut e = ed("e\u{301}日");
        e.apply(Edit::Left);
        assert_eq!(e.cursor(), 3);
        e.apply(Edit::Left);
        assert_eq!(e.cursor(), 0);
        e.apply(Edit::Delete);
        assert_eq!(e.text(), "日");
    }

    #[test]
    fn paste_keeps_lines_in_notes_and_folds_them_in_search() {
        let mut note = ed("");
        note.insert_str("one\r\ntwo\rthree\x1b[31m");
        assert_eq!(note.text(), "one\ntwo\nthree[31m");
        let mut search = Editor::new("", false);
        search.insert_str("one\ntwo\tx");
        assert_eq!(search.text(), "one two x");
        search.apply(Edit::Newline);
        assert_eq!(search.text(), "one two x ");
    }

    #[test]
    fn scrolls_to_keep_the_cursor_visible() {
        let e = ed("abcdefghij");
        let (shown, col) = e.view(5);
        assert_eq!((shown.as_str(), col), ("ghij", 4));
        let mut e = ed("ab\ncd");
        e.apply(Edit::Home);
        assert_eq!(e.view(10), ("ab⏎cd".to_string(), 0));
        let e = ed("日本語日本語");
        let (shown, col) = e.view(5);
        assert!(UnicodeWidthStr::width(shown.as_str()) <= 5);
        assert!(col <= 4, "{col}");
    }

    #[test]
    fn a_huge_paste_is_capped() {
        let mut e = ed("");
        e.insert_str(&"x".repeat(MAX_CHARS * 2));
        assert_eq!(e.text().len(), MAX_CHARS);
    }
}

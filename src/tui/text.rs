//! Helpers for drawing text from input files: cleaned, measured and cut to a width.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::sanitize;

/// A single-line, display-safe version of any text from a file: controls made visible,
/// whitespace runs one space.
pub fn clean_line(s: &str) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    sanitize::clean(&joined)
}

/// Cuts already-clean text to `width` columns, ending with "…" when cut.
pub fn fit(s: &str, width: usize) -> String {
    if UnicodeWidthStr::width(s) <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = UnicodeWidthStr::width(g);
        if used + w > width - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// Text padded with spaces (or cut) to exactly `width` columns.
pub fn pad(s: &str, width: usize) -> String {
    let cut = fit(s, width);
    let w = UnicodeWidthStr::width(cut.as_str());
    format!("{cut}{}", " ".repeat(width.saturating_sub(w)))
}

/// Text from a file set in lines of at most `width` columns for reading in full: each of its own
/// lines cleaned, then broken at spaces (inside a word too long for a line). An empty text is one
/// empty line.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for paragraph in s.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in clean_line(paragraph).split(' ').filter(|w| !w.is_empty()) {
            let w = UnicodeWidthStr::width(word);
            if used > 0 && used + 1 + w <= width {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
                continue;
            }
            if used > 0 {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            for g in word.graphemes(true) {
                let gw = UnicodeWidthStr::width(g);
                if used + gw > width && used > 0 {
                    out.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push_str(g);
                used += gw;
            }
        }
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_wide_text() {
        assert_eq!(fit("日本語です", 5), "日本…");
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("abcd", 3), "ab…");
        assert_eq!(fit("abcd", 0), "");
        assert_eq!(pad("ab", 4), "ab  ");
    }

    #[test]
    fn clean_line_joins_lines() {
        assert_eq!(clean_line(" a\n b\tc "), "a b c");
    }

    #[test]
    fn wraps_at_spaces_and_inside_long_words_by_columns() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("日本語です", 4), ["日本", "語で", "す"]);
        assert_eq!(wrap("first\nsecond", 20), ["first", "second"]);
        assert_eq!(wrap("", 5), [""]);
    }
}

//! Who is quoted, as a bar chart: one row per speaker, a bar of their direct quotes (`█`) then
//! their reported ones (`░`), and their numbers beside it. The reader's `S` (one article) and the
//! library's `S` (the folder) both draw it, so the two read alike.
//!
//! Direct and reported differ in pattern as well as colour, and the selected row carries a `>`,
//! so the chart reads the same with `NO_COLOR`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::text::{clean_line, pad};
use super::theme::Theme;
use crate::library::{SpeakerCount, SpeakerSort};

/// The bar's cell for direct quotes and for reported ones.
pub const DIRECT: char = '█';
pub const REPORTED: char = '░';

/// What the chart's signs mean, for a legend line.
pub const LEGEND: &str = "█ direct  ░ reported  q quotes  w words";

pub struct SpeakerChart<'a> {
    /// The speakers in the order shown.
    pub speakers: &'a [SpeakerCount],
    /// The palette index of each speaker (as in the rest of the screen), beside `speakers`.
    pub colours: &'a [usize],
    /// By words, the bars measure words; otherwise quotes.
    pub sort: SpeakerSort,
    pub selected: usize,
    pub theme: &'a Theme,
    /// `NO_COLOR`: bars in the text's own colour.
    pub no_color: bool,
    /// Whether to show how many articles quote each speaker (the library's chart).
    pub articles: bool,
}

impl SpeakerChart<'_> {
    /// The first row shown, so that the selected one is in view.
    pub fn top(&self, height: u16) -> usize {
        super::layout::list_offset(Some(self.selected), self.speakers.len(), height)
    }

    fn numbers(&self, s: &SpeakerCount) -> String {
        if self.articles {
            format!(
                " {} q ({} direct) · {} w · {} art.",
                s.quotes, s.direct, s.words, s.articles
            )
        } else {
            format!(" {} q ({} direct) · {} w", s.quotes, s.direct, s.words)
        }
    }
}

impl Widget for SpeakerChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let theme = self.theme;
        let list = self.speakers;
        if list.is_empty() {
            buf.set_stringn(
                area.x,
                area.y,
                "nobody is quoted here",
                usize::from(area.width),
                theme.dim(),
            );
            return;
        }
        let width = usize::from(area.width);
        // Two columns for the cursor, then the name.
        let name_w = (width / 4).clamp(4, 24);
        let numbers_w = list
            .iter()
            .map(|s| self.numbers(s).chars().count())
            .max()
            .unwrap_or(0);
        let bar_w = width.saturating_sub(2 + name_w + 1 + numbers_w).max(1);
        let by_words = self.sort == SpeakerSort::Words;
        let value = |s: &SpeakerCount| if by_words { s.words } else { s.quotes };
        let max = list.iter().map(value).max().unwrap_or(1).max(1);
        let top = self.top(area.height);
        for (n, s) in list
            .iter()
            .enumerate()
            .skip(top)
            .take(usize::from(area.height))
        {
            let y = area.y + (n - top) as u16;
            let name_style = if n == self.selected {
                theme.selection()
            } else {
                theme.text()
            };
            let cursor = if n == self.selected { "> " } else { "  " };
            let name = format!("{cursor}{}", pad(&clean_line(&s.name), name_w));
            buf.set_stringn(area.x, y, &name, width, name_style);
            let x = area.x.saturating_add((2 + name_w + 1) as u16);
            if x >= area.right() {
                continue;
            }
            let full = (value(s) as u128 * bar_w as u128).div_ceil(max as u128) as usize;
            let full = full.min(bar_w);
            // The direct share of the bar, by quote count.
            let direct = if s.quotes == 0 {
                0
            } else {
                (full as u128 * s.direct.min(s.quotes) as u128 / s.quotes as u128) as usize
            };
            let bar: String = std::iter::repeat_n(DIRECT, direct)
                .chain(std::iter::repeat_n(REPORTED, full - direct))
                .collect();
            let colour = self.colours.get(n).copied().unwrap_or(n);
            let style = if self.no_color {
                Style::default()
            } else {
                theme.speaker(colour)
            };
            let left = usize::from(area.right() - x);
            buf.set_stringn(x, y, &bar, left, style);
            let after = x.saturating_add(full as u16);
            if after < area.right() {
                let left = usize::from(area.right() - after);
                buf.set_stringn(after, y, self.numbers(s), left, theme.dim());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(name: &str, direct: usize, reported: usize, words: usize) -> SpeakerCount {
        SpeakerCount {
            id: name.to_lowercase(),
            name: name.into(),
            quotes: direct + reported,
            words,
            direct,
            reported,
            articles: 1,
        }
    }

    fn draw(chart: SpeakerChart, w: u16, h: u16) -> Vec<String> {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        chart.render(area, &mut buf);
        (0..h)
            .map(|y| {
                let row: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
                row.trim_end().to_string()
            })
            .collect()
    }

    #[test]
    fn bars_measure_quotes_or_words_and_the_selected_row_has_a_cursor() {
        let theme = crate::tui::theme::load(crate::tui::theme::DEFAULT, None).0;
        let list = [count("Amsel", 2, 2, 10), count("Lind", 0, 1, 40)];
        let chart = |sort, selected| SpeakerChart {
            speakers: &list,
            colours: &[0, 1],
            sort,
            selected,
            theme: &theme,
            no_color: true,
            articles: false,
        };
        let lines = draw(chart(SpeakerSort::Quotes, 1), 60, 2);
        let bar = |l: &str| l.chars().filter(|&c| c == DIRECT || c == REPORTED).count();
        assert!(lines[0].starts_with("  Amsel"), "{lines:#?}");
        assert!(lines[1].starts_with("> Lind"), "{lines:#?}");
        assert!(lines[0].ends_with("4 q (2 direct) · 10 w"), "{lines:#?}");
        assert_eq!(bar(&lines[0]), 4 * bar(&lines[1]), "{lines:#?}");
        assert!(!lines[1].contains(DIRECT), "{lines:#?}");
        let lines = draw(chart(SpeakerSort::Words, 0), 60, 2);
        assert!(bar(&lines[1]) > bar(&lines[0]), "{lines:#?}");
        for (w, h) in [(0, 0), (1, 1), (3, 1), (8, 2)] {
            let _ = draw(chart(SpeakerSort::Quotes, 0), w, h);
        }
    }
}

//! Draws the library screen and changes nothing: a header, the list (or the speaker chart, or
//! the help) and a status line.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::keys::HELP;
use super::model::{LibraryModel, Screen};
use crate::article::QuoteKind;
use crate::library::quotes::FoundQuote;
use crate::tui::model::plural;
use crate::tui::speaker_chart::SpeakerChart;
use crate::tui::text::{clean_line, fit, pad};

pub use crate::tui::speaker_chart::{DIRECT, REPORTED};

pub fn view(model: &LibraryModel, frame: &mut Frame) {
    let area = frame.area();
    draw(model, area, frame.buffer_mut());
}

/// Draws the whole screen into a buffer (the terminal and the tests).
pub fn draw(model: &LibraryModel, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = &model.theme;
    buf.set_style(area, theme.background());
    let [header, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let shown = model.rows.len();
    let total = model.entries.len();
    let what = match &model.screen {
        Screen::Speakers { .. } => format!("speakers across {total} articles"),
        Screen::SpeakerQuotes { name, quotes, .. } => {
            let articles = quotes
                .iter()
                .map(|q| q.entry)
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            format!(
                "{}: {} in {}",
                clean_line(name),
                plural(quotes.len(), "quote", "quotes"),
                plural(articles, "article", "articles")
            )
        }
        _ if shown == total => format!("{total} articles"),
        _ => format!("{shown} of {total} articles"),
    };
    let title = format!("{} — {what}", clean_line(&model.root));
    line(
        buf,
        header,
        &fit(&title, usize::from(area.width)),
        theme.title(),
    );
    match &model.screen {
        Screen::Speakers { sort, selected } => {
            let list = model.speakers(*sort);
            // The colour a speaker has in the folder-wide order, whatever the sort.
            let colours: Vec<usize> = list
                .iter()
                .enumerate()
                .map(|(n, s)| {
                    model
                        .speakers
                        .iter()
                        .position(|t| t.id == s.id)
                        .unwrap_or(n)
                })
                .collect();
            SpeakerChart {
                speakers: &list,
                colours: &colours,
                sort: *sort,
                selected: *selected,
                theme,
                no_color: model.no_color,
                articles: true,
            }
            .render(body, buf);
        }
        Screen::SpeakerQuotes {
            quotes, selected, ..
        } => QuoteList {
            model,
            quotes,
            selected: *selected,
        }
        .render(body, buf),
        Screen::Help { .. } => help(model, body, buf),
        _ => ArticleList { model }.render(body, buf),
    }
    let text = match (&model.screen, &model.message) {
        (Screen::Filter { .. }, _) => format!("/{}", clean_line(&model.filter)),
        (_, Some(m)) => clean_line(m),
        (Screen::Speakers { sort, .. }, None) => format!(
            "by {} — s: sort  Enter: their quotes  Esc: back  {DIRECT} direct {REPORTED} reported",
            sort.label()
        ),
        (Screen::SpeakerQuotes { .. }, None) => {
            "Enter: read the article there (Esc in it comes back here)  Esc: the chart  “ direct  ~ reported".to_string()
        }
        (_, None) => {
            let filter = if model.filter.is_empty() {
                String::new()
            } else {
                format!("filter: {}  ", clean_line(&model.filter))
            };
            format!(
                "{filter}sort: {}  Enter: read  /: filter  S: speakers  ?: keys  q: quit",
                model.sort.label()
            )
        }
    };
    buf.set_style(status, theme.status());
    line(
        buf,
        status,
        &pad(&text, usize::from(status.width)),
        theme.status(),
    );
}

fn line(buf: &mut Buffer, area: Rect, text: &str, style: Style) {
    if area.height > 0 {
        buf.set_stringn(area.x, area.y, text, usize::from(area.width), style);
    }
}

/// The articles, one a row: highlights mark, title, date, quotes, speakers, path.
struct ArticleList<'a> {
    model: &'a LibraryModel,
}

impl Widget for ArticleList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let m = self.model;
        let theme = &m.theme;
        let width = usize::from(area.width);
        // Fixed columns right of the title; the title takes what is left (at least 10).
        let fixed = 3 + 11 + 7 + 9;
        let title_w = width.saturating_sub(fixed).max(10);
        let head = format!(
            "   {}{:<11}{:>6} {:>8}",
            pad("title", title_w),
            "date",
            "quotes",
            "speakers"
        );
        line(buf, area, &head, theme.dim().add_modifier(Modifier::BOLD));
        let rows = usize::from(area.height).saturating_sub(1);
        if m.rows.is_empty() {
            let empty = if m.filter.is_empty() {
                "no articles"
            } else {
                "no article matches the filter (Esc clears it)"
            };
            let at = Rect {
                y: area.y + 1,
                height: area.height - 1,
                ..area
            };
            line(buf, at, empty, theme.dim());
            return;
        }
        for (n, &i) in m.rows.iter().enumerate().skip(m.top).take(rows) {
            let e = &m.entries[i];
            let s = &e.summary;
            let mark = if !s.ok {
                '!'
            } else if e.highlights {
                'h'
            } else {
                ' '
            };
            let title = if s.title.is_empty() {
                &e.name
            } else {
                &s.title
            };
            let date = s.published.as_deref().map(clean_line).unwrap_or_default();
            // A cursor as well as the selection's style, for a screen without colour or reverse.
            let cursor = if n == m.selected { '>' } else { ' ' };
            // A column between a cut title's `…` and the date.
            let text = format!(
                "{cursor}{mark} {} {:<11}{:>6} {:>8}",
                pad(&clean_line(title), title_w - 1),
                fit(&date, 10),
                s.quotes,
                s.speakers.len()
            );
            let y = area.y + 1 + (n - m.top) as u16;
            let style = if n == m.selected {
                theme.selection()
            } else if !s.ok {
                theme.status_error()
            } else {
                theme.text()
            };
            let row = Rect {
                y,
                height: 1,
                ..area
            };
            buf.set_style(row, style);
            line(buf, row, &pad(&text, width), style);
        }
    }
}

/// One speaker's quotes across the folder, a row each: the article's title, then the quote.
struct QuoteList<'a> {
    model: &'a LibraryModel,
    quotes: &'a [FoundQuote],
    selected: usize,
}

impl Widget for QuoteList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let m = self.model;
        let width = usize::from(area.width);
        let title_w = (width / 3).clamp(4, 40);
        let shown = crate::tui::layout::visible(self.quotes, self.selected, area.height);
        for (row, (n, q)) in shown.enumerate() {
            let e = &m.entries[q.entry];
            let title = if e.summary.title.is_empty() {
                &e.name
            } else {
                &e.summary.title
            };
            let cursor = if n == self.selected { '>' } else { ' ' };
            let kind = if q.direct {
                QuoteKind::Direct
            } else {
                QuoteKind::Indirect
            };
            let text = format!(
                "{cursor} {} {}{}",
                pad(&clean_line(title), title_w),
                kind.lead(),
                clean_line(&q.text)
            );
            let style = if n == self.selected {
                m.theme.selection()
            } else {
                m.theme.text()
            };
            let row = Rect {
                y: area.y + row as u16,
                height: 1,
                ..area
            };
            buf.set_style(row, style);
            line(buf, row, &fit(&text, width), style);
        }
    }
}

fn help(model: &LibraryModel, area: Rect, buf: &mut Buffer) {
    let lines: Vec<Line> = HELP
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!("{k:<16}"), model.theme.heading()),
                Span::raw(*what),
            ])
        })
        .collect();
    for (i, l) in lines.into_iter().take(usize::from(area.height)).enumerate() {
        buf.set_line(area.x, area.y + i as u16, &l, area.width);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Entry, SpeakerCount, Summary};
    use crate::tui::library::model::{LibAction, update};

    fn entry(name: &str, title: &str, who: &[(&str, usize, usize)]) -> Entry {
        let speakers: Vec<SpeakerCount> = who
            .iter()
            .map(|&(n, direct, reported)| SpeakerCount {
                id: n.to_lowercase(),
                name: n.into(),
                quotes: direct + reported,
                direct,
                reported,
                words: 3 * (direct + reported),
                articles: 1,
            })
            .collect();
        Entry {
            path: name.into(),
            name: name.into(),
            highlights: name.starts_with('h'),
            summary: Summary {
                title: title.into(),
                quotes: speakers.iter().map(|s| s.quotes).sum(),
                speakers,
                ok: true,
                ..Summary::default()
            },
        }
    }

    fn screen(model: &LibraryModel, w: u16, h: u16) -> Vec<String> {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        draw(model, area, &mut buf);
        (0..h)
            .map(|y| {
                (0..w)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect()
    }

    fn model(no_color: bool) -> LibraryModel {
        let m = LibraryModel::new(
            "news".into(),
            vec![
                entry("a.yaml", "Ferry fares", &[("Banjo", 3, 1), ("Lind", 1, 1)]),
                entry(
                    "h.yaml",
                    "Harbour lights",
                    &[("Banjo", 1, 0), ("Reyes", 0, 1)],
                ),
            ],
            60,
            8,
        );
        m.with_theme(None, no_color)
    }

    #[test]
    fn a_cut_title_keeps_a_column_before_the_date() {
        let mut long = entry(
            "r.yaml",
            "Records office to close two days a week from March",
            &[("Banjo", 1, 0)],
        );
        long.summary.published = Some("2026-11-28".into());
        let m = LibraryModel::new("news".into(), vec![long], 60, 6);
        let lines = screen(&m, 60, 6);
        assert!(lines[2].contains("… 2026-11-28"), "{lines:#?}");
    }

    #[test]
    fn the_list_shows_titles_counts_and_the_highlights_mark() {
        let lines = screen(&model(false), 60, 8);
        assert_eq!(lines[0], "news — 2 articles");
        assert!(lines[1].starts_with("   title"), "{lines:#?}");
        assert!(lines[2].starts_with(">  Ferry fares"), "{lines:#?}");
        assert!(lines[2].ends_with("6        2"), "{lines:#?}");
        assert!(lines[3].starts_with(" h Harbour lights"), "{lines:#?}");
        assert!(lines[7].contains("Enter: read"), "{lines:#?}");
    }

    #[test]
    fn the_chart_tells_direct_from_reported_without_colour() {
        let mut m = model(true);
        update(&mut m, LibAction::Speakers);
        let lines = screen(&m, 60, 8);
        assert!(
            lines[0].ends_with("speakers across 2 articles"),
            "{lines:#?}"
        );
        // Banjo: 4 direct, 1 reported — the longest bar, mostly solid, one shaded part.
        let banjo = &lines[1];
        assert!(banjo.starts_with("> Banjo"), "{lines:#?}");
        assert!(
            banjo.contains(DIRECT) && banjo.contains(REPORTED),
            "{banjo}"
        );
        assert!(banjo.contains("5 q (4 direct) · 15 w · 2 art."), "{banjo}");
        let reyes = lines.iter().find(|l| l.starts_with("  Reyes")).unwrap();
        assert!(
            !reyes.contains(DIRECT) && reyes.contains(REPORTED),
            "{reyes}"
        );
        let count = |l: &str, c: char| l.chars().filter(|&x| x == c).count();
        assert!(count(banjo, DIRECT) + count(banjo, REPORTED) > count(reyes, REPORTED));
    }

    #[test]
    fn any_size_draws_without_panic() {
        let mut m = model(false);
        for (w, h) in [(0, 0), (1, 1), (3, 2), (10, 3), (200, 60)] {
            update(
                &mut m,
                LibAction::Resize {
                    width: w,
                    height: h,
                },
            );
            let _ = screen(&m, w, h);
            update(&mut m, LibAction::Speakers);
            let _ = screen(&m, w, h);
            update(&mut m, LibAction::Speakers);
        }
    }
}

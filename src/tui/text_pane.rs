//! The article's text: only the visible rows are built, each styled by what lies on it
//! (quotes by speaker, mentions by kind, search hits, the reading position).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::layout::inner;
use super::model::{Marks, Mode, Model, Pane};
use super::wrap::{Row, RowKind};
use crate::article::Span;
use crate::sanitize;

pub struct TextPane<'a> {
    pub model: &'a Model,
}

/// Layers that colour a row, cut to that row; each holds (span, style) in order.
struct Layers {
    marks: Vec<(Span, Style)>,
}

/// What follows from the reading position, worked out once a frame rather than once a row.
struct Here<'a> {
    /// The screen line of the reading position.
    cursor: usize,
    current_quote: Option<usize>,
    selected_entity: Option<usize>,
    hits: &'a [Span],
    current_hit: Option<usize>,
    selection: Option<Span>,
}

impl Widget for TextPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.model;
        let theme = &m.theme;
        let focused = m.focus() == Pane::Text;
        let label = match m.highlights().list().len() {
            0 => "Text".to_string(),
            1 => "Text · 1 highlight".to_string(),
            n => format!("Text · {n} highlights"),
        };
        let title = format!(
            " {} ",
            super::text::fit(&label, usize::from(area.width.saturating_sub(4)))
        );
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border(focused))
            .title(title)
            .style(theme.text())
            .render(area, buf);
        let inside = inner(area);
        if inside.width == 0 || inside.height == 0 {
            return;
        }
        let here = Here {
            cursor: m.view().cursor_line(),
            current_quote: m.current_quote(),
            selected_entity: m.selected_entity(),
            hits: m.hits(),
            current_hit: m.current_hit(),
            selection: match m.mode().base() {
                Mode::Selecting { span } => Some(*span),
                _ => None,
            },
        };
        let shown = m.view().screen();
        let shown = &shown[..shown.len().min(usize::from(inside.height))];
        let mut lines = Vec::with_capacity(shown.len());
        for (i, row) in shown.iter().enumerate() {
            lines.push(self.row_line(&here, i, *row, usize::from(inside.width)));
        }
        Paragraph::new(lines).render(inside, buf);
    }
}

impl TextPane<'_> {
    /// Line `i` of the screen, showing `row`.
    fn row_line(&self, here: &Here, i: usize, row: Row, width: usize) -> Line<'static> {
        let m = self.model;
        let theme = &m.theme;
        let is_cursor = i == here.cursor;
        let base = match row.kind {
            RowKind::Heading(_) => theme.text().patch(theme.heading()),
            _ => theme.text(),
        };
        let row_style = if is_cursor {
            base.patch(theme.cursor_line())
        } else {
            base
        };
        // Shown whichever pane has focus: stepping through the quotes or entities moves the
        // reading position, and the mark is where the other panes take their selection from.
        let marker = if is_cursor { "▸" } else { " " };
        let mut spans = vec![TextSpan::styled(marker, row_style)];
        let layers = self.layers(here, Span::new(row.start, row.end));
        let text = m.article().body.slice(row.start, row.end);
        let mut run = String::new();
        let mut run_style = row_style;
        // Cleaned as a whole, so a joiner is judged by the chars on either side of it.
        let cleaned = sanitize::display_text(text);
        for (k, (c, cleaned)) in text.chars().zip(cleaned.chars()).enumerate() {
            let offset = row.start + k;
            let mut style = row_style;
            for (span, s) in &layers.marks {
                if span.contains(offset) {
                    style = style.patch(*s);
                }
            }
            let shown = if c.is_whitespace() { ' ' } else { cleaned };
            if style != run_style && !run.is_empty() {
                spans.push(TextSpan::styled(std::mem::take(&mut run), run_style));
            }
            run_style = style;
            run.push(shown);
        }
        if !run.is_empty() {
            spans.push(TextSpan::styled(run, run_style));
        }
        // Fill the row so the reading-position background runs the full width.
        let used: usize = spans.iter().map(|s| s.width()).sum();
        if used < width {
            spans.push(TextSpan::styled(" ".repeat(width - used), row_style));
        }
        Line::from(spans)
    }

    /// What marks the chars of `row`, weakest first (later layers patch earlier ones).
    fn layers(&self, here: &Here, row: Span) -> Layers {
        let m = self.model;
        let theme = &m.theme;
        let article = m.article();
        let mut marks = Vec::new();
        // Quotes, coloured by speaker; the current one stands out.
        for (span, q) in m.index().segments_in(row) {
            let quote = &article.quotes[*q];
            let mut style = theme.speaker(m.speaker_colour(quote.speaker));
            // The selected entity's own words stand out too.
            if here.selected_entity == Some(quote.speaker) {
                style = style.add_modifier(Modifier::BOLD);
            }
            if here.current_quote == Some(*q) {
                style = style.patch(theme.current_quote());
            }
            marks.push((*span, style));
        }
        // Mentions, by kind; the selected entity's stand out.
        for mention in article.mentions_in(row) {
            let kind = article.entities[mention.entity].kind;
            let mut style = theme.entity(kind);
            if here.selected_entity == Some(mention.entity) {
                style = style.patch(theme.entity_selected());
            }
            marks.push((mention.span, style));
        }
        // The reader's highlights, in their colours, and the selection being made.
        let anchored = m.highlights().anchored();
        let upto = anchored.partition_point(|h| h.start < row.end());
        for h in anchored[..upto].iter().filter(|h| h.end > row.start()) {
            marks.push((Span::new(h.start, h.end), theme.highlight(h.colour)));
        }
        if let Some(sel) = here.selection {
            marks.push((sel, theme.selection()));
        }
        // Search hits or the chosen entity's mentions; the one at the reading position apart, as
        // less and vim mark the current match.
        // (The chosen entity's other mentions are marked as the selected entity's, above.)
        let hits = here.hits;
        let search = matches!(m.marks(), Marks::Search { .. });
        let first = hits.partition_point(|s| s.end() <= row.start());
        for (i, span) in hits
            .iter()
            .enumerate()
            .skip(first)
            .take_while(|(_, s)| s.start() < row.end())
        {
            if here.current_hit == Some(i) {
                marks.push((*span, theme.current_hit()));
            } else if search {
                marks.push((*span, theme.search_hit()));
            }
        }
        Layers { marks }
    }
}

//! The quotes grouped by speaker, and the entities grouped by kind.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::index::{EntityRow, QuoteRow};
use super::layout::{inner, list_offset, side_split};
use super::model::{Model, Pane, plural};
use super::text::{clean_line, fit, pad, wrap};
use crate::article::Span;

/// Draws a side pane's frame and detail footer; returns where its list goes, or `None` when
/// nothing fits inside.
fn side_pane(
    area: Rect,
    buf: &mut Buffer,
    model: &Model,
    pane: Pane,
    title: String,
) -> Option<Rect> {
    let theme = &model.theme;
    let width = usize::from(area.width.saturating_sub(4));
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(model.focus() == pane))
        .title(format!(" {} ", fit(&title, width)))
        .style(theme.text())
        .render(area, buf);
    let inside = inner(area);
    if inside.width == 0 || inside.height == 0 {
        return None;
    }
    let (list, footer) = side_split(inside);
    if let Some(footer) = footer {
        let lines = detail_lines(model, pane, inside.width);
        Detail { model, lines }.render(footer, buf);
    }
    Some(list)
}

/// Where a side pane (its whole `area`, frame included) draws its list: what clicks go by.
pub fn list_area(area: Rect) -> Rect {
    side_split(inner(area)).0
}

/// The detail footer's lines for `pane`, set in `width` columns.
fn detail_lines(model: &Model, pane: Pane, width: u16) -> Vec<String> {
    let detail = match pane {
        Pane::Entities => entity_detail(model),
        _ => quote_detail(model),
    };
    let mut lines: Vec<String> = detail
        .iter()
        .flat_map(|l| wrap(l, usize::from(width)))
        .collect();
    // An absent note or highlight leaves no blank row at the end to count against the room.
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// A bare article's panes hold the rules' suggestions until `W` writes them: the titles say so.
pub(super) fn suggested(model: &Model) -> &'static str {
    if model.suggested() {
        " · suggested"
    } else {
        ""
    }
}

fn empty(area: Rect, buf: &mut Buffer, model: &Model, text: &str) {
    Paragraph::new(fit(text, usize::from(area.width)))
        .style(model.theme.dim())
        .render(area, buf);
}

pub struct QuotesPane<'a> {
    pub model: &'a Model,
}

impl Widget for QuotesPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.model;
        let theme = &m.theme;
        let article = m.article();
        let rows = &m.index().quote_rows;
        let title = format!("Quotes ({}){}", article.quotes.len(), suggested(m));
        let Some(inside) = side_pane(area, buf, m, Pane::Quotes, title) else {
            return;
        };
        let width = usize::from(inside.width);
        if rows.is_empty() {
            empty(inside, buf, m, "No quotes in this article.");
            return;
        }
        let selected = m.quote_row();
        let chosen = m.chosen_entity();
        let first = list_offset(m.quote_list_anchor(), rows.len(), inside.height);
        let lines: Vec<Line> = rows
            .iter()
            .enumerate()
            .skip(first)
            .take(usize::from(inside.height))
            .map(|(i, row)| match *row {
                QuoteRow::Speaker(s) => {
                    let e = &article.entities[s];
                    let mut style = theme.speaker(m.speaker_colour(s)).patch(theme.heading());
                    // The selected entity's quotes: its heading is marked as its mentions are.
                    let mark = if chosen == Some(s) {
                        style = style.patch(theme.entity_selected());
                        "▶ "
                    } else {
                        ""
                    };
                    let text = format!("{mark}{} ({})", clean_line(&e.name), e.quotes.len());
                    Line::from(TextSpan::styled(pad(&text, width), style))
                }
                QuoteRow::Quote(q) => {
                    let quote = &article.quotes[q];
                    let first_seg = quote.segments.first().copied().unwrap_or(Span::new(0, 0));
                    let mut words =
                        clean_line(article.body.slice(first_seg.start(), first_seg.end()));
                    // A quote in several segments says that more follows.
                    if quote.segments.len() > 1 {
                        words.push_str(" … ");
                    }
                    let mut style = theme.speaker(m.speaker_colour(quote.speaker));
                    if Some(i) == selected {
                        style = style.patch(theme.selection());
                    }
                    Line::from(TextSpan::styled(
                        pad(&format!("  {}{words}", quote.kind.lead()), width),
                        style,
                    ))
                }
                QuoteRow::ScareHeading => {
                    let text =
                        format!("Scare quotes ({}) — not speech", article.scare_quotes.len());
                    Line::from(TextSpan::styled(
                        pad(&text, width),
                        theme.dim().patch(theme.heading()),
                    ))
                }
                QuoteRow::Scare(i) => {
                    let scare = &article.scare_quotes[i];
                    let span = scare.segments.first().copied().unwrap_or(Span::new(0, 0));
                    let words = clean_line(article.body.slice(span.start(), span.end()));
                    Line::from(TextSpan::styled(
                        pad(&format!("  ‘{words}’"), width),
                        theme.dim(),
                    ))
                }
            })
            .collect();
        Paragraph::new(lines).render(inside, buf);
    }
}

pub struct EntitiesPane<'a> {
    pub model: &'a Model,
}

impl Widget for EntitiesPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.model;
        let theme = &m.theme;
        let article = m.article();
        let rows = &m.index().entity_rows;
        let title = format!("Entities ({}){}", article.entities.len(), suggested(m));
        let Some(inside) = side_pane(area, buf, m, Pane::Entities, title) else {
            return;
        };
        let width = usize::from(inside.width);
        if rows.is_empty() {
            empty(inside, buf, m, "No entities in this article.");
            return;
        }
        // Entities named in the visible text get a mark.
        let visible = m.view().visible_span();
        let mut seen = vec![false; article.entities.len()];
        for mention in article.mentions_in(visible) {
            seen[mention.entity] = true;
        }
        let selected = m.entity_row();
        let first = list_offset(selected, rows.len(), inside.height);
        let lines: Vec<Line> = rows
            .iter()
            .enumerate()
            .skip(first)
            .take(usize::from(inside.height))
            .map(|(i, row)| match *row {
                EntityRow::Kind(kind) => Line::from(TextSpan::styled(
                    pad(&kind.as_str().to_uppercase(), width),
                    theme.entity(kind).patch(theme.heading()),
                )),
                EntityRow::Entity(e) => {
                    let entity = &article.entities[e];
                    let count = entity.mentions.len().to_string();
                    let mark = if seen[e] { "•" } else { " " };
                    let name_width = width.saturating_sub(count.len() + 3);
                    let text = format!(
                        "{mark} {} {count}",
                        pad(&clean_line(&entity.name), name_width)
                    );
                    let mut style: Style = theme.text();
                    if seen[e] {
                        style = style.patch(theme.entity(entity.kind));
                    }
                    if Some(i) == selected {
                        style = style.patch(theme.selection());
                    }
                    Line::from(TextSpan::styled(pad(&text, width), style))
                }
            })
            .collect();
        Paragraph::new(lines).render(inside, buf);
    }
}

/// The footer of a side pane: a rule, then the lines about the selected item, already wrapped.
struct Detail<'a> {
    model: &'a Model,
    lines: Vec<String>,
}

impl Widget for Detail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.model.theme;
        let width = usize::from(area.width);
        let mut lines = vec![Line::from(TextSpan::styled("─".repeat(width), theme.dim()))];
        let room = usize::from(area.height).saturating_sub(1);
        // What does not fit is read in the details: the last row says so.
        let cut = self.lines.len() > room;
        let shown = if cut { room.saturating_sub(1) } else { room };
        lines.extend(
            self.lines
                .iter()
                .take(shown)
                .map(|l| Line::from(TextSpan::styled(pad(l, width), theme.text()))),
        );
        if cut && room > 0 {
            lines.push(Line::from(TextSpan::styled(
                pad("… i shows it all", width),
                theme.dim(),
            )));
        }
        Paragraph::new(lines).render(area, buf);
    }
}

/// What the quotes pane says of the current quote: kind, cue and segments; its note; and the
/// reader's highlight of it.
fn quote_detail(m: &Model) -> Vec<String> {
    let Some(q) = m.current_quote() else {
        return vec!["no quote here: ] goes to the next one".into()];
    };
    let quote = &m.article().quotes[q];
    let (i, n) = m.article().speaker_position(q);
    let mut first = format!("{} · {i} of {n}", quote.kind.as_str());
    if let Some(cue) = &quote.cue {
        first.push_str(&format!(" · “{cue}”"));
    }
    if quote.segments.len() > 1 {
        first.push_str(&format!(" · {} segments", quote.segments.len()));
    }
    let note = quote.note.clone().unwrap_or_default();
    let highlight = m
        .highlights()
        .of_quote(&quote.id)
        .map(|h| {
            let colour = h.colour.map(|c| format!(" ({c})")).unwrap_or_default();
            match &h.note {
                Some(n) => format!("★ highlighted{colour}: {n}"),
                None => format!("★ highlighted{colour}"),
            }
        })
        .unwrap_or_default();
    vec![first, note, highlight]
}

/// What the entities pane says of the selected entity: kind and counts, aliases, note.
fn entity_detail(m: &Model) -> Vec<String> {
    let Some(e) = m.selected_entity() else {
        return vec!["no entity here: Tab, then j/k choose one".into()];
    };
    let entity = &m.article().entities[e];
    let first = format!(
        "{} · {} · {}",
        entity.kind.as_str(),
        plural(entity.mentions.len(), "mention", "mentions"),
        plural(entity.quotes.len(), "quote", "quotes")
    );
    let aliases = if entity.aliases.is_empty() {
        String::new()
    } else {
        format!("also “{}”", entity.aliases.join("”, “"))
    };
    vec![first, aliases, entity.note.clone().unwrap_or_default()]
}

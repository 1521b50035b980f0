//! `view`: draws the model and changes nothing.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Paragraph, Widget};

use ratatui::style::Modifier;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::details::Details;
use super::model::{Mode, Model, Pane, PromptKind, plural};
use super::overlays::{Help, HighlightsList};
use super::side_panes::{EntitiesPane, QuotesPane};
use super::text::{clean_line, fit, pad};
use super::text_pane::TextPane;

pub fn view(model: &Model, frame: &mut Frame) {
    let area = frame.area();
    draw(model, area, frame.buffer_mut());
}

/// Draws the whole screen into a buffer (shared by the terminal, `render` and the tests).
pub fn draw(model: &Model, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    buf.set_style(area, model.theme.background());
    let a = model.areas();
    Header { model }.render(a.header, buf);
    if a.text.width > 0 && a.text.height > 0 {
        TextPane { model }.render(a.text, buf);
        if let Some(column) = super::speaker_map::column(super::layout::inner(a.text)) {
            super::speaker_map::SpeakerMap { model }.render(column, buf);
        }
    }
    if a.quotes.width > 0 && a.quotes.height > 0 {
        QuotesPane { model }.render(a.quotes, buf);
    }
    if a.entities.width > 0 && a.entities.height > 0 {
        EntitiesPane { model }.render(a.entities, buf);
    }
    Status { model }.render(a.status, buf);
    if let Mode::Highlights { selected } = model.mode().base() {
        HighlightsList {
            model,
            selected: *selected,
        }
        .render(area, buf);
    }
    if let Mode::Outline { selected } = model.mode().base() {
        super::outline::Outline {
            model,
            selected: *selected,
        }
        .render(area, buf);
    }
    match model.mode().base() {
        Mode::Speakers { sort, selected } => super::speakers::SpeakersOverlay {
            model,
            sort: *sort,
            selected: *selected,
        }
        .render(area, buf),
        Mode::SpeakerQuotes {
            speaker, selected, ..
        } => super::speakers::SpeakerQuotesOverlay {
            model,
            speaker: *speaker,
            selected: *selected,
        }
        .render(area, buf),
        _ => {}
    }
    if let Mode::Details { top, .. } = model.mode() {
        Details { model, top: *top }.render(area, buf);
    }
    if let Mode::Help { top, .. } = model.mode() {
        Help { model, top: *top }.render(area, buf);
    }
}

struct Header<'a> {
    model: &'a Model,
}

impl Widget for Header<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.model;
        let meta = &m.article().meta;
        let mut text = clean_line(&meta.title);
        if let Some(source) = &meta.source {
            text = format!("{text} — {}", clean_line(source));
        }
        // What the reader may do with the text, and in what language it is, where the file says.
        for extra in [&meta.language, &meta.license].into_iter().flatten() {
            text = format!("{text} · {}", clean_line(extra));
        }
        let line = pad(&format!(" {text}"), usize::from(area.width));
        Paragraph::new(line)
            .style(m.theme.title())
            .render(area, buf);
    }
}

struct Status<'a> {
    model: &'a Model,
}

impl Widget for Status<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.model;
        let theme = &m.theme;
        let width = usize::from(area.width);
        if let Mode::Prompt { kind, editor, .. } = m.mode() {
            let lead = match kind {
                PromptKind::Search { .. } => "/",
                PromptKind::Note(_) => "note: ",
            };
            let lead = fit(lead, width / 2);
            let room = width.saturating_sub(UnicodeWidthStr::width(lead.as_str()));
            let (shown, cursor) = editor.view(room);
            // The cursor: the cell it is on, reversed (the terminal's own cursor stays hidden).
            let (before, at, after) = split_at_column(&shown, cursor);
            let line = Line::from(vec![
                TextSpan::styled(lead, theme.status()),
                TextSpan::styled(before, theme.status()),
                TextSpan::styled(
                    if at.is_empty() { " ".to_string() } else { at },
                    theme.status().add_modifier(Modifier::REVERSED),
                ),
                TextSpan::styled(after, theme.status()),
            ]);
            Paragraph::new(line).style(theme.status()).render(area, buf);
            return;
        }
        let line = status_line(m, width);
        Paragraph::new(line).style(theme.status()).render(area, buf);
    }
}

/// The status row: mode, where the reader is (quote, hit), the message, and how far through.
/// Measured in display columns, so that a wide speaker name never cuts the percentage.
fn status_line(m: &Model, width: usize) -> Line<'static> {
    let theme = &m.theme;
    let mode = match m.mode() {
        Mode::Help { .. } => "HELP",
        Mode::Details { .. } => "DETAILS",
        Mode::Selecting { .. } => "SELECT",
        Mode::Highlights { .. } => "HIGHLIGHTS",
        Mode::Outline { .. } => "OUTLINE",
        Mode::Speakers { .. } => "SPEAKERS",
        Mode::SpeakerQuotes { .. } => "QUOTES OF",
        _ => match m.focus() {
            Pane::Text => "TEXT",
            Pane::Quotes => "QUOTES",
            Pane::Entities => "ENTITIES",
        },
    };
    let mut left = format!(" [{mode}]");
    // Where the reader is: (name, numbers) for the current quote and the current hit.
    let mut parts = Vec::new();
    if let Some(q) = m.current_quote() {
        let article = m.article();
        let (i, n) = article.speaker_position(q);
        let name = clean_line(&article.speaker(&article.quotes[q]).name);
        parts.push((name, format!(" — {i}/{n}")));
    }
    let hits = m.hits();
    if !hits.is_empty() {
        let label = clean_line(&m.hits_label());
        let count = match m.current_hit() {
            Some(i) => format!(": {}/{}", i + 1, hits.len()),
            None => format!(": {}", plural(hits.len(), "hit", "hits")),
        };
        parts.push((label, count));
    }
    let right = format!(" {:>3}% ", m.view().percent());
    let right_w = UnicodeWidthStr::width(right.as_str());
    // On a narrow screen the names are cut, the speaker's first, never the numbers after them.
    let w = |s: &str| UnicodeWidthStr::width(s);
    let needed: usize = parts.iter().map(|(a, b)| 2 + w(a) + w(b)).sum();
    let mut excess = (w(&left) + needed + right_w).saturating_sub(width);
    for (name, tail) in parts {
        let cut = excess.min(w(&name).saturating_sub(2));
        excess -= cut;
        let name = fit(&name, w(&name) - cut);
        left.push_str(&format!("  {name}{tail}"));
    }
    let left = fit(&left, width.saturating_sub(right_w));
    let room = width.saturating_sub(UnicodeWidthStr::width(left.as_str()) + right_w);
    let (msg, msg_style) = match m.message() {
        // A message cut to a few letters says nothing: below that, the row stays blank.
        Some(_) if room < 10 => (String::new(), theme.status()),
        Some(msg) if msg.error => (clean_line(&msg.text), theme.status_error()),
        Some(msg) => (clean_line(&msg.text), theme.status()),
        // The hint is shown whole, or the part that still reads ("? help"), never cut mid-word.
        None => {
            let q = hint(m);
            let hint = [q, q.split("  ").next().unwrap_or(q)]
                .into_iter()
                .find(|h| UnicodeWidthStr::width(*h) + 2 <= room)
                .unwrap_or("");
            (hint.to_string(), theme.status())
        }
    };
    let msg = if msg.is_empty() {
        " ".repeat(room)
    } else {
        pad(&format!("  {msg}"), room)
    };
    Line::from(vec![
        TextSpan::styled(left, theme.status()),
        TextSpan::styled(msg, msg_style),
        TextSpan::styled(fit(&right, width), theme.status()),
    ])
}

/// What the status line says `q` does when there is nothing else to say: in an overlay it
/// closes it, in an article opened from the library it goes back to the list.
fn hint(m: &Model) -> &'static str {
    match m.mode() {
        Mode::Normal | Mode::Selecting { .. } if m.options().library => {
            "? help  q back to the list"
        }
        Mode::Normal | Mode::Selecting { .. } => "? help  q quit",
        Mode::Help { .. } | Mode::Details { .. } | Mode::Highlights { .. } => "Esc closes",
        Mode::SpeakerQuotes { .. } => "? help  Esc back to the chart",
        _ => "? help  Esc closes",
    }
}

/// `text` cut at display column `col`: before, the grapheme there, after.
fn split_at_column(text: &str, col: usize) -> (String, String, String) {
    let mut before = String::new();
    let mut used = 0;
    let mut rest = text.graphemes(true);
    for g in rest.by_ref() {
        if used >= col {
            return (before, g.to_string(), rest.collect());
        }
        used += UnicodeWidthStr::width(g);
        before.push_str(g);
    }
    (before, String::new(), String::new())
}

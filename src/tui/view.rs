//! `view`: draws the model and changes nothing.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Paragraph, Widget};

use super::model::{Mode, Model, Pane, PromptKind};
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
    }
    if a.quotes.width > 0 && a.quotes.height > 0 {
        QuotesPane { model }.render(a.quotes, buf);
    }
    if a.entities.width > 0 && a.entities.height > 0 {
        EntitiesPane { model }.render(a.entities, buf);
    }
    Status { model }.render(a.status, buf);
    match model.mode {
        Mode::Help => Help { model }.render(area, buf),
        Mode::Highlights => HighlightsList { model }.render(area, buf),
        Mode::Prompt if model.return_mode == Mode::Highlights => {
            HighlightsList { model }.render(area, buf)
        }
        _ => {}
    }
}

struct Header<'a> {
    model: &'a Model,
}

impl Widget for Header<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.model;
        let meta = &m.article.meta;
        let mut text = clean_line(&meta.title);
        if let Some(source) = &meta.source {
            text = format!("{text} — {}", clean_line(source));
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
        if let Some(prompt) = &m.prompt {
            let lead = match prompt.kind {
                PromptKind::Search => "/".to_string(),
                PromptKind::Note => "note: ".to_string(),
            };
            let text = format!("{lead}{}▏", clean_line(&prompt.text));
            Paragraph::new(pad(&text, width))
                .style(theme.status())
                .render(area, buf);
            return;
        }
        let mode = match m.mode {
            Mode::Help => "HELP",
            Mode::Selecting => "SELECT",
            Mode::Highlights => "HIGHLIGHTS",
            _ => match m.focus {
                Pane::Text => "TEXT",
                Pane::Quotes => "QUOTES",
                Pane::Entities => "ENTITIES",
            },
        };
        let quote = m
            .current_quote
            .map(|q| {
                let (i, n) = m.article.speaker_position(q);
                let name = clean_line(&m.article.speaker(&m.article.quotes[q]).name);
                format!("{name} — {i}/{n}")
            })
            .unwrap_or_default();
        let right = format!(" {:>3}% ", m.percent());
        let left = format!(" [{mode}]  {quote}");
        let room = width.saturating_sub(left.chars().count() + right.len());
        let (msg, msg_style) = match &m.message {
            Some(msg) if msg.error => (clean_line(&msg.text), theme.status_error()),
            Some(msg) => (clean_line(&msg.text), theme.status()),
            None => (String::from("? help  q quit"), theme.status()),
        };
        let msg = pad(&format!("  {msg}"), room);
        let line = Line::from(vec![
            TextSpan::styled(fit(&left, width), theme.status()),
            TextSpan::styled(msg, msg_style),
            TextSpan::styled(right, theme.status()),
        ]);
        Paragraph::new(line).style(theme.status()).render(area, buf);
    }
}

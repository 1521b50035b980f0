//! `view`: draws the model and changes nothing.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::keymap::{BINDINGS, Scope};
use super::model::{Mode, Model, Pane, PromptKind};
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

struct Help<'a> {
    model: &'a Model,
}

/// The help's lines, from the same table that drives the keymap.
pub fn help_lines() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (scope, title) in [
        (Scope::Reading, "Reading"),
        (Scope::Selecting, "While selecting (v)"),
        (Scope::List, "In the highlights list (H)"),
        (Scope::Overlay, "In this help"),
    ] {
        out.push((title.to_string(), String::new()));
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            out.push((format!("  {}", b.label), b.help.to_string()));
        }
        out.push((String::new(), String::new()));
    }
    out
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.model;
        let theme = &m.theme;
        let Some(rect) = overlay_rect(area) else {
            return;
        };
        Clear.render(rect, buf);
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border(true))
            .title(" Keys — Esc or ? closes ")
            .style(theme.help())
            .render(rect, buf);
        let inside = super::layout::inner(rect);
        let width = usize::from(inside.width);
        let lines = help_lines();
        let top = m
            .help_top
            .min(lines.len().saturating_sub(usize::from(inside.height)));
        let shown: Vec<Line> = lines
            .iter()
            .skip(top)
            .take(usize::from(inside.height))
            .map(|(keys, help)| {
                if help.is_empty() {
                    Line::from(TextSpan::styled(
                        pad(keys, width),
                        theme.help().patch(theme.heading()),
                    ))
                } else {
                    let keys = pad(keys, 24.min(width));
                    let rest = width.saturating_sub(24);
                    Line::from(vec![
                        TextSpan::styled(keys, theme.help().patch(theme.heading())),
                        TextSpan::styled(pad(help, rest), theme.help()),
                    ])
                }
            })
            .collect();
        Paragraph::new(shown).render(inside, buf);
    }
}

/// A centred box for overlays: `None` when the screen is too small for one.
fn overlay_rect(area: Rect) -> Option<Rect> {
    let w = area.width.saturating_sub(4).min(90);
    let h = area.height.saturating_sub(2);
    (w >= 3 && h >= 3).then(|| Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h))
}

struct HighlightsList<'a> {
    model: &'a Model,
}

impl Widget for HighlightsList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.model;
        let theme = &m.theme;
        let Some(rect) = overlay_rect(area) else {
            return;
        };
        Clear.render(rect, buf);
        let list = m.highlights.list();
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border(true))
            .title(format!(
                " Highlights ({}) — Enter jumps, a note, d remove, Esc closes ",
                list.len()
            ))
            .style(theme.help())
            .render(rect, buf);
        let inside = super::layout::inner(rect);
        let width = usize::from(inside.width);
        // Each highlight takes two rows: its passage, then its note or what it is.
        let per_page = (usize::from(inside.height) / 2).max(1);
        let first =
            super::layout::list_offset(Some(m.highlights_selected), list.len(), per_page as u16);
        let mut lines: Vec<Line> = Vec::new();
        for (i, h) in list.iter().enumerate().skip(first).take(per_page) {
            let mut style = theme.help().patch(theme.highlight(h.colour));
            if i == m.highlights_selected {
                style = style.patch(theme.selection());
            }
            let tag = if h.orphaned { "orphaned · " } else { "" };
            lines.push(Line::from(TextSpan::styled(
                pad(&format!("{tag}“{}”", clean_line(&h.text)), width),
                style,
            )));
            let speaker = crate::highlights::quote_of(&m.article, h)
                .map(|q| format!("— {}  ", clean_line(&m.article.speaker(q).name)))
                .unwrap_or_default();
            let note = h
                .note
                .as_deref()
                .map(clean_line)
                .unwrap_or_else(|| "(no note)".into());
            lines.push(Line::from(TextSpan::styled(
                pad(&format!("   {speaker}{note}"), width),
                theme.help().patch(theme.dim()),
            )));
        }
        Paragraph::new(lines).render(inside, buf);
    }
}

//! Overlays drawn over the panes: the help, and the list of highlights.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::keymap::{BINDINGS, Scope};
use super::model::Model;
use super::text::{clean_line, pad, wrap};

pub struct Help<'a> {
    pub model: &'a Model,
    pub top: usize,
}

/// What each sign the reader draws means.
const SIGNS: [(&str, &str); 12] = [
    ("▸", "the reading position (the text pane)"),
    ("“", "a direct quote (quotes pane)"),
    ("~", "reported speech or a partly quoted one (quotes pane)"),
    ("…", "a quote in several segments: more follows"),
    (
        "‘ ’",
        "a scare quote: words held at a distance, nobody's speech",
    ),
    ("▶", "the entity chosen: n/N step through its mentions"),
    (
        "•",
        "an entity named in the visible text; the number counts its mentions",
    ),
    ("★", "the quote is highlighted (quote details)"),
    (
        "A B …",
        "the speaker map at the text's right edge: the whole article, top to bottom; each letter is the initial of whoever is quoted most in that stretch, │ marks the rows on screen where nobody is",
    ),
    (
        "⏎",
        "a new line in a note being written (Alt-Enter makes one)",
    ),
    (
        "· suggested",
        "a bare article's draft, not yet written: W writes it",
    ),
    (
        "¤  �",
        "an invisible or control character from the file, shown, never obeyed",
    ),
];

/// The help's lines: the signs, then the keys from the same table that drives the keymap.
pub fn help_lines() -> Vec<(String, String)> {
    let mut out = vec![("Signs on the screen".to_string(), String::new())];
    for (sign, meaning) in SIGNS {
        out.push((format!("  {sign}"), meaning.to_string()));
    }
    out.push((String::new(), String::new()));
    for (scope, title) in [
        (Scope::Reading, "Reading"),
        (Scope::Selecting, "While selecting (v)"),
        (Scope::List, "In the highlights list (H)"),
        (Scope::Outline, "In the outline (o)"),
        (Scope::Speakers, "In the speaker chart (S)"),
        (
            Scope::SpeakerQuotes,
            "In a speaker's quotes (Enter in the chart)",
        ),
        (Scope::Details, "In the details (i)"),
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
        let Some(inside) = overlay(area, buf, m, " Keys — j/k scroll, Esc or ? closes ".into())
        else {
            return;
        };
        let lines = help_rows(m, usize::from(inside.width));
        let height = usize::from(inside.height);
        let top = self.top.min(lines.len().saturating_sub(height));
        let shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
        Paragraph::new(shown).render(inside, buf);
    }
}

/// How many rows the help has on the model's screen.
pub fn help_len(m: &Model) -> usize {
    inside(m).map_or(0, |r| help_rows(m, usize::from(r.width)).len())
}

/// The help's rows at `width`.
fn help_rows(m: &Model, width: usize) -> Vec<Line<'static>> {
    let theme = &m.theme;
    let heading = theme.help().patch(theme.heading());
    // Keys in a column of their own where there is room; on a narrow screen each binding's
    // words go on the lines below its keys, wrapped, instead of being cut.
    const KEYS: usize = 24;
    let narrow = width < KEYS + 30;
    let mut lines: Vec<Line> = Vec::new();
    for (keys, help) in help_lines() {
        if help.is_empty() {
            lines.push(Line::from(TextSpan::styled(pad(&keys, width), heading)));
        } else if narrow {
            lines.push(Line::from(TextSpan::styled(pad(&keys, width), heading)));
            for l in wrap(&help, width.saturating_sub(6)) {
                let l = pad(&format!("      {l}"), width);
                lines.push(Line::from(TextSpan::styled(l, theme.help())));
            }
        } else {
            for (i, l) in wrap(&help, width - KEYS).into_iter().enumerate() {
                let keys = if i == 0 { keys.as_str() } else { "" };
                lines.push(Line::from(vec![
                    TextSpan::styled(pad(keys, KEYS), heading),
                    TextSpan::styled(pad(&l, width - KEYS), theme.help()),
                ]));
            }
        }
    }
    lines
}

/// Clears a centred box over the panes and frames it; returns its inside, or `None` when the
/// screen is too small for one.
pub fn overlay(area: Rect, buf: &mut Buffer, model: &Model, title: String) -> Option<Rect> {
    let rect = frame(area)?;
    let w = rect.width;
    // " Name — keys ": where the keys do not fit, the name alone (the status says how to close),
    // rather than a hint cut mid-word.
    let room = usize::from(w.saturating_sub(2));
    let title = if unicode_width::UnicodeWidthStr::width(title.as_str()) <= room {
        title
    } else {
        let name = title.split(" — ").next().unwrap_or_default().trim_end();
        super::text::fit(&format!("{name} "), room)
    };
    Clear.render(rect, buf);
    Block::default()
        .borders(Borders::ALL)
        .border_style(model.theme.border(true))
        .title(title)
        .style(model.theme.help())
        .render(rect, buf);
    Some(super::layout::inner(rect))
}

/// Where an overlay stands over `area`, border included; `None` when it does not fit.
fn frame(area: Rect) -> Option<Rect> {
    let w = area.width.saturating_sub(4).min(90);
    let h = area.height.saturating_sub(2);
    (w >= 3 && h >= 3).then(|| Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h))
}

/// The inside of an overlay on the model's screen (what [`overlay`] draws in).
pub fn inside(model: &Model) -> Option<Rect> {
    let (width, height) = model.size();
    frame(Rect::new(0, 0, width, height)).map(super::layout::inner)
}

/// How far down an overlay of `rows` rows can be scrolled on the model's screen: so far that
/// its last row is at the bottom, and no further (scrolling back then starts at once).
pub fn last_top(model: &Model, rows: usize) -> usize {
    let height = inside(model).map_or(0, |r| usize::from(r.height));
    rows.saturating_sub(height)
}

pub struct HighlightsList<'a> {
    pub model: &'a Model,
    pub selected: usize,
}

impl Widget for HighlightsList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.model;
        let theme = &m.theme;
        let list = m.highlights().list();
        let title = format!(
            " Highlights ({}) — Enter jumps, a note, d remove, Esc closes ",
            list.len()
        );
        let Some(inside) = overlay(area, buf, m, title) else {
            return;
        };
        let width = usize::from(inside.width);
        // Each highlight takes two rows: its passage, then its note or what it is.
        let per_page = (usize::from(inside.height) / 2).max(1);
        let first = super::layout::list_offset(Some(self.selected), list.len(), per_page as u16);
        let mut lines: Vec<Line> = Vec::new();
        for (i, h) in list.iter().enumerate().skip(first).take(per_page) {
            let mut style = theme.help().patch(theme.highlight(h.colour));
            if i == self.selected {
                style = style.patch(theme.selection());
            }
            let tag = if h.orphaned { "orphaned · " } else { "" };
            lines.push(Line::from(TextSpan::styled(
                pad(&format!("{tag}“{}”", clean_line(&h.text)), width),
                style,
            )));
            let speaker = crate::highlights::quote_of(m.article(), h)
                .map(|q| format!("— {}  ", clean_line(&m.article().speaker(q).name)))
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

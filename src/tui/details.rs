//! `i`: everything about where the reader is, in full — the current quote (all its segments),
//! its note, the reader's highlight and its whole note, and the selected entity with its note.
//! The side panes' footers have three lines; a note of a paragraph is read here.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Paragraph, Widget};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::marking::current_highlight;
use super::model::{Model, plural};
use super::overlays::overlay;
use super::text::{clean_line, pad};
use crate::article::QuoteKind;

/// A line of the details: a heading, or text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Heading(String),
    Text(String),
}

/// What the details say, before wrapping.
pub fn items(m: &Model) -> Vec<Item> {
    let article = m.article();
    let mut out = Vec::new();
    let para = |out: &mut Vec<Item>, label: &str, text: &str| {
        for (i, line) in text.lines().enumerate() {
            let lead = if i == 0 { label } else { "" };
            out.push(Item::Text(format!("{lead}{line}")));
        }
    };
    if let Some(q) = m.current_quote() {
        let quote = &article.quotes[q];
        let (i, n) = article.speaker_position(q);
        let speaker = &article.speaker(quote).name;
        out.push(Item::Heading(format!("Quote — {speaker}, {i} of {n}")));
        let mut what = quote.kind.as_str().to_string();
        if let Some(cue) = &quote.cue {
            what.push_str(&format!(" · “{cue}”"));
        }
        if let Some(via) = quote.via {
            what.push_str(&format!(" · via {}", article.entities[via].name));
        }
        out.push(Item::Text(what));
        let text: Vec<&str> = quote
            .segments
            .iter()
            .map(|s| article.body.slice(s.start(), s.end()))
            .collect();
        // Only a speaker's own words go in quotation marks, as `y` and the exports have it.
        let text = text.join(" … ");
        match quote.kind {
            QuoteKind::Direct => para(&mut out, "“", &format!("{text}”")),
            QuoteKind::Indirect => para(
                &mut out,
                "Reported speech, a paraphrase, not their words: ",
                &text,
            ),
            QuoteKind::Mixed => para(
                &mut out,
                "Partly quoted, only the words in quotation marks are theirs: ",
                &text,
            ),
        }
        if let Some(note) = &quote.note {
            para(&mut out, "Note: ", note);
        }
        out.push(Item::Text(String::new()));
    }
    if let Some(h) = current_highlight(m).and_then(|id| m.highlights().get(&id)) {
        let colour = h
            .colour
            .map(|c| format!(", colour {c}"))
            .unwrap_or_default();
        out.push(Item::Heading(format!("Your highlight{colour}")));
        para(&mut out, "“", &format!("{}”", h.text));
        match &h.note {
            Some(note) => para(&mut out, "Note: ", note),
            None => out.push(Item::Text("No note yet: a writes one.".into())),
        }
        out.push(Item::Text(String::new()));
    }
    if let Some(e) = m.selected_entity() {
        let entity = &article.entities[e];
        out.push(Item::Heading(format!("Entity — {}", entity.name)));
        out.push(Item::Text(format!(
            "{} · {} · {}",
            entity.kind.as_str(),
            plural(entity.mentions.len(), "mention", "mentions"),
            plural(entity.quotes.len(), "quote", "quotes")
        )));
        if !entity.aliases.is_empty() {
            out.push(Item::Text(format!(
                "also “{}”",
                entity.aliases.join("”, “")
            )));
        }
        if let Some(note) = &entity.note {
            para(&mut out, "Note: ", note);
        }
    }
    if out.is_empty() {
        out.push(Item::Text(
            "Nothing here: no quote, highlight or entity at the reading position.".into(),
        ));
    }
    while out.last() == Some(&Item::Text(String::new())) {
        out.pop();
    }
    out
}

/// `text` cut into rows of at most `width` columns, at spaces where it can be.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut row = String::new();
    let mut used = 0;
    for word in text.split_word_bounds() {
        let w = UnicodeWidthStr::width(word);
        if used + w > width && used > 0 {
            rows.push(std::mem::take(&mut row).trim_end().to_string());
            used = 0;
            if word.trim().is_empty() {
                continue;
            }
        }
        if w > width {
            // A word wider than the row: cut it by grapheme.
            for g in word.graphemes(true) {
                let gw = UnicodeWidthStr::width(g);
                if used + gw > width && used > 0 {
                    rows.push(std::mem::take(&mut row));
                    used = 0;
                }
                row.push_str(g);
                used += gw;
            }
            continue;
        }
        row.push_str(word);
        used += w;
    }
    rows.push(row.trim_end().to_string());
    rows
}

/// The details' rows at `width`, each marked as heading or not.
/// How many rows the details have on the model's screen.
pub fn len(m: &Model) -> usize {
    super::overlays::inside(m).map_or(0, |r| rows(m, usize::from(r.width)).len())
}

pub fn rows(m: &Model, width: usize) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    for item in items(m) {
        match item {
            Item::Heading(h) => out.push((true, clean_line(&h))),
            Item::Text(t) => {
                out.extend(wrap(&clean_line(&t), width).into_iter().map(|r| (false, r)))
            }
        }
    }
    out
}

pub struct Details<'a> {
    pub model: &'a Model,
    pub top: usize,
}

impl Widget for Details<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.model;
        let theme = &m.theme;
        let title = " Details — j/k scroll, Esc or i closes ".to_string();
        let Some(inside) = overlay(area, buf, m, title) else {
            return;
        };
        let width = usize::from(inside.width);
        let rows = rows(m, width);
        let top = self
            .top
            .min(rows.len().saturating_sub(usize::from(inside.height)));
        let shown: Vec<Line> = rows
            .iter()
            .skip(top)
            .take(usize::from(inside.height))
            .map(|(heading, text)| {
                let style = if *heading {
                    theme.help().patch(theme.heading())
                } else {
                    theme.help()
                };
                Line::from(TextSpan::styled(pad(text, width), style))
            })
            .collect();
        Paragraph::new(shown).render(inside, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_every_word_and_fits_the_width() {
        let text = "A note of a paragraph, with a 末端の長い言葉 and averyveryverylongwordindeed.";
        for width in 1..30 {
            let rows = wrap(text, width);
            for r in &rows {
                assert!(
                    UnicodeWidthStr::width(r.as_str()) <= width.max(2),
                    "{width}: {r:?}"
                );
            }
            let joined: String = rows.concat().split_whitespace().collect();
            let want: String = text.split_whitespace().collect();
            assert_eq!(joined, want, "{width}");
        }
        assert_eq!(wrap("", 10), [""]);
    }
}

//! The outline (`o`): the article's headings (lines of the body that start with one to six `#`
//! and a space), to jump to a section. `Enter` is a jump like any other, so `Ctrl-o` comes back.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::model::{Mode, Model, Pane};
use super::text::{clean_line, pad};
use crate::article::Span;
use crate::body::{BlockKind, Body};

/// One heading: its level (1 for `#`) and its text's span in the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub span: Span,
}

/// The body's headings, in reading order.
pub fn headings(body: &Body) -> Vec<Heading> {
    body.blocks()
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading(level) => Some(Heading {
                level,
                span: Span::new(b.start, b.end),
            }),
            BlockKind::Paragraph => None,
        })
        .collect()
}

/// `o`: opens the outline on the section the reader is in (the last heading at or before the
/// reading position). An article without headings has no outline: the status says so.
pub fn open(model: &mut Model) {
    let list = headings(&model.index.article.body);
    if list.is_empty() {
        model.set_message("no headings in this article (lines starting with # make them)");
        return;
    }
    let pos = model.pos();
    let selected = list
        .partition_point(|h| h.span.start() <= pos)
        .saturating_sub(1);
    model.mode = Mode::Outline { selected };
}

pub fn step(model: &mut Model, by: isize) {
    let n = headings(&model.index.article.body).len();
    if let Mode::Outline { selected } = &mut model.mode {
        *selected = super::viewport::offset(*selected, by, n);
    }
}

/// `Enter`: the text jumps to the selected heading and the outline closes.
pub fn jump(model: &mut Model) {
    let Mode::Outline { selected } = model.mode else {
        return;
    };
    let Some(h) = headings(&model.index.article.body).get(selected).copied() else {
        return;
    };
    model.mode = Mode::Normal;
    model.focus = Pane::Text;
    model.relayout();
    model.jump_to_heading(h.span.start());
}

/// The outline over the panes: a heading a row, indented by level.
pub struct Outline<'a> {
    pub model: &'a Model,
    pub selected: usize,
}

impl Widget for Outline<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.model;
        let theme = &m.theme;
        let body = &m.article().body;
        let list = headings(body);
        let title = format!(
            " Outline ({}) — Enter jumps, Esc closes ",
            super::model::plural(list.len(), "heading", "headings")
        );
        let Some(inside) = super::overlays::overlay(area, buf, m, title) else {
            return;
        };
        let width = usize::from(inside.width);
        let lines: Vec<Line> = super::layout::visible(&list, self.selected, inside.height)
            .map(|(i, h)| {
                let indent = "  ".repeat(usize::from(h.level.saturating_sub(1)));
                // A cursor as well as the selection's style, for a screen without colour.
                let cursor = if i == self.selected { '>' } else { ' ' };
                let text = clean_line(body.slice(h.span.start(), h.span.end()));
                let mut style = theme.help();
                if h.level <= 2 {
                    style = style.patch(theme.heading());
                }
                if i == self.selected {
                    style = style.patch(theme.selection());
                }
                Line::styled(pad(&format!("{cursor} {indent}{text}"), width), style)
            })
            .collect();
        Paragraph::new(lines).render(inside, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_the_hash_lines_with_their_levels() {
        let body = Body::new("# Title\n\nText.\n\n## One\n\nMore.\n\n### Deeper\n#no\n".into());
        let list = headings(&body);
        let texts: Vec<(u8, &str)> = list
            .iter()
            .map(|h| (h.level, body.slice(h.span.start(), h.span.end())))
            .collect();
        assert_eq!(texts, [(1, "Title"), (2, "One"), (3, "Deeper")]);
        assert!(headings(&Body::new("Just a paragraph.\n".into())).is_empty());
    }
}

#[cfg(test)]
mod update_tests {
    use crate::tui::action::Action;
    use crate::tui::model::{Mode, Model, Options};
    use crate::tui::update::update;

    fn article(name: &str) -> Model {
        let path = format!("{}/articles/{name}", env!("CARGO_MANIFEST_DIR"));
        let loaded = crate::load::load(std::path::Path::new(&path)).expect("the article loads");
        Model::new(loaded.article, Options::default(), 100, 30)
    }

    fn bare(body: &str) -> Model {
        let yaml = format!("format: 1\ntitle: T\nbody: |\n  {body}\n");
        let no_file = |p: &std::path::Path| {
            Err(crate::problem::Problem::error(
                p,
                None,
                "no file in this test",
            ))
        };
        let loaded = crate::load::load_str(std::path::Path::new("t.yaml"), &yaml, &no_file)
            .expect("the article loads");
        Model::new(loaded.article, Options::default(), 100, 30)
    }

    #[test]
    fn enter_jumps_to_the_section_and_ctrl_o_comes_back() {
        let mut m = article("harbour-council.yaml");
        let start = m.pos();
        update(&mut m, Action::Outline);
        assert_eq!(m.mode(), &Mode::Outline { selected: 0 });
        update(&mut m, Action::Bottom);
        update(&mut m, Action::Open);
        assert_eq!(m.mode(), &Mode::Normal);
        let body = &m.article().body;
        assert!(
            body.after(m.pos(), 8).starts_with("The vote"),
            "{}",
            m.pos()
        );
        // Opened again, the outline selects the section the reader is in.
        update(&mut m, Action::Outline);
        assert_eq!(m.mode(), &Mode::Outline { selected: 3 });
        update(&mut m, Action::Cancel);
        assert_eq!(m.mode(), &Mode::Normal);
        update(&mut m, Action::JumpBack);
        assert_eq!(m.pos(), start);
    }

    fn status(m: &Model) -> String {
        let text = crate::tui::render::to_text(&crate::tui::render::draw(m));
        text.lines().last().unwrap_or("").to_string()
    }

    #[test]
    fn the_status_hint_says_what_q_and_esc_do_here() {
        let mut m = article("harbour-council.yaml");
        assert!(status(&m).contains("q quit"), "{}", status(&m));
        update(&mut m, Action::Outline);
        assert!(status(&m).contains("Esc closes"), "{}", status(&m));
        update(&mut m, Action::Cancel);
        m.options.library = true;
        assert!(status(&m).contains("q back to the list"), "{}", status(&m));
    }

    #[test]
    fn help_opens_over_the_outline_and_closes_back_to_it() {
        let mut m = article("harbour-council.yaml");
        update(&mut m, Action::Outline);
        update(&mut m, Action::ToggleHelp);
        assert!(matches!(m.mode(), Mode::Help { .. }));
        update(&mut m, Action::Cancel);
        assert!(matches!(m.mode(), Mode::Outline { .. }));
    }

    #[test]
    fn an_article_without_headings_says_so() {
        let mut m = bare("No heading here, #not one either.");
        assert!(super::headings(&m.article().body).is_empty());
        update(&mut m, Action::Outline);
        assert_eq!(m.mode(), &Mode::Normal);
        assert!(m.message().unwrap().text.contains("no headings"));
    }
}

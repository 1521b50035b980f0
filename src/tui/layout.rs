//! Where each pane goes for a terminal size. A pure function of the size and the focus, so that
//! `view` and mouse handling in `update` agree on it.

use ratatui::layout::{Constraint, Layout, Rect};

use super::model::Pane;

/// Three panes side by side from this width.
pub const THREE_PANES: u16 = 120;
/// Below this width only the focused pane shows.
pub const ONE_PANE: u16 = 60;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub text: Rect,
    pub quotes: Rect,
    pub entities: Rect,
    pub status: Rect,
}

pub fn areas(area: Rect, focus: Pane, side: Pane) -> Areas {
    let [header, main, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut out = Areas {
        header,
        status,
        ..Areas::default()
    };
    if area.width >= THREE_PANES {
        let [text, quotes, entities] = Layout::horizontal([
            Constraint::Percentage(52),
            Constraint::Percentage(26),
            Constraint::Percentage(22),
        ])
        .areas(main);
        out.text = text;
        out.quotes = quotes;
        out.entities = entities;
    } else if area.width >= ONE_PANE {
        let [text, side_area] =
            Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
                .areas(main);
        out.text = text;
        let shown = if focus == Pane::Text { side } else { focus };
        match shown {
            Pane::Entities => out.entities = side_area,
            _ => out.quotes = side_area,
        }
    } else {
        match focus {
            Pane::Text => out.text = main,
            Pane::Quotes => out.quotes = main,
            Pane::Entities => out.entities = main,
        }
    }
    out
}

/// The inside of a bordered pane.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// The width the text is wrapped to: the inside of the text pane less the reading-position
/// mark's column on the left and, on the right, the speaker map's column with a blank one before
/// it, so that a map letter never reads as the end of a word ("marksN").
pub fn text_width(text: Rect) -> u16 {
    let inside = inner(text);
    let right = if super::speaker_map::column(inside).is_some() {
        2
    } else {
        1
    };
    inside.width.saturating_sub(1 + right).max(1)
}

/// Rows at the foot of a side pane that describe its selected item, when the pane is tall enough.
const DETAIL_ROWS: u16 = 4;

/// A side pane's inside split into its list and, when there is room, a detail footer of
/// [`DETAIL_ROWS`]: a rule and the first lines about the selected quote or entity. The footer
/// never grows, so the list does not jump as the selection moves; a note longer than it is read
/// whole in the details (`i`), which works at every size. Shared by drawing and clicking.
pub fn side_split(inside: Rect) -> (Rect, Option<Rect>) {
    if inside.height < 14 {
        return (inside, None);
    }
    let [list, detail] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(DETAIL_ROWS)]).areas(inside);
    (list, Some(detail))
}

/// The first row a list of `len` rows shows in `height` rows so that `selected` is visible,
/// kept a third of the way down where it can be. Stateless, so view and clicks agree.
pub fn list_offset(selected: Option<usize>, len: usize, height: u16) -> usize {
    let height = usize::from(height);
    let Some(sel) = selected else { return 0 };
    if len <= height || height == 0 {
        return 0;
    }
    sel.saturating_sub(height / 3).min(len - height)
}

/// The rows of `items` a list of `height` rows shows with `selected` in view (see
/// [`list_offset`]), each with its index in `items`.
pub fn visible<T>(items: &[T], selected: usize, height: u16) -> impl Iterator<Item = (usize, &T)> {
    let first = list_offset(Some(selected), items.len(), height);
    items
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_panes_when_wide_one_side_pane_when_narrower() {
        let a = areas(Rect::new(0, 0, 140, 40), Pane::Text, Pane::Quotes);
        assert!(a.text.width > 0 && a.quotes.width > 0 && a.entities.width > 0);
        let a = areas(Rect::new(0, 0, 100, 40), Pane::Text, Pane::Entities);
        assert!(a.text.width > 0 && a.quotes.width == 0 && a.entities.width > 0);
        let a = areas(Rect::new(0, 0, 40, 10), Pane::Quotes, Pane::Quotes);
        assert!(a.text.width == 0 && a.quotes.width == 40);
    }

    #[test]
    fn the_detail_footer_keeps_its_height() {
        let footer = side_split(Rect::new(0, 0, 30, 30)).1.map(|r| r.height);
        assert_eq!(footer, Some(DETAIL_ROWS));
        assert_eq!(side_split(Rect::new(0, 0, 30, 13)).1, None);
    }

    #[test]
    fn tiny_sizes_do_not_underflow() {
        for w in 0..4 {
            for h in 0..4 {
                let a = areas(Rect::new(0, 0, w, h), Pane::Text, Pane::Quotes);
                assert!(text_width(a.text) >= 1);
            }
        }
    }
}

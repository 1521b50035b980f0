//! Who is quoted in the article (`S`): the speaker chart the library draws for a folder, here for
//! one article; `s` changes its order, `Enter` lists the selected speaker's quotes, and `Enter`
//! there jumps to one (a jump: `Ctrl-o` comes back).
//!
//! The counts are [`crate::library::summary::speaker_counts`], the very function `scholia stats`
//! runs, and a speaker's quotes are those whose `speaker` names their entity, the key
//! `export --speaker` filters on: the three cannot disagree.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::action::Action;
use super::model::{Mode, Model, Pane};
use super::speaker_chart::{LEGEND, SpeakerChart};
use super::text::{clean_line, fit, pad};
use super::viewport::offset;
use crate::library::{SpeakerCount, SpeakerSort};

/// The chart's rows in `sort` order, each with its speaker's entity index.
pub fn chart(model: &Model, sort: SpeakerSort) -> Vec<(SpeakerCount, usize)> {
    let article = model.article();
    let mut list = model.speaker_counts().to_vec();
    crate::library::summary::sort_speakers(&mut list, sort);
    list.into_iter()
        .filter_map(|s| {
            let e = article.entities.iter().position(|e| e.id == s.id)?;
            Some((s, e))
        })
        .collect()
}

/// The quotes of entity `speaker`, in reading order (indices into the article's quotes).
pub fn quotes_of(model: &Model, speaker: usize) -> Vec<usize> {
    let article = model.article();
    (0..article.quotes.len())
        .filter(|&q| article.quotes[q].speaker == speaker)
        .collect()
}

/// `S`: the chart, on the speaker of the quote the reader is in when there is one.
pub fn open(model: &mut Model) {
    let sort = SpeakerSort::Quotes;
    let list = chart(model, sort);
    if list.is_empty() {
        model.set_message("nobody is quoted in this article");
        return;
    }
    let here = model.speaker_to_follow();
    let selected = list.iter().position(|(_, e)| Some(*e) == here).unwrap_or(0);
    model.mode = Mode::Speakers { sort, selected };
}

/// The chart's and the quote list's keys.
pub fn act(model: &mut Model, action: Action) {
    let by = match action {
        Action::Down => Some(1),
        Action::Up => Some(-1),
        Action::Top => Some(isize::MIN / 2),
        Action::Bottom => Some(isize::MAX / 2),
        _ => None,
    };
    match model.mode.clone() {
        Mode::Speakers { sort, selected } => match action {
            _ if by.is_some() => {
                let n = model.speaker_counts().len();
                let selected = offset(selected, by.unwrap_or(0), n);
                model.mode = Mode::Speakers { sort, selected };
            }
            Action::SortSpeakers => {
                // The selected speaker stays selected in the new order.
                let who = chart(model, sort).get(selected).map(|(_, e)| *e);
                let next = sort.next();
                let list = chart(model, next);
                let at = list.iter().position(|(_, e)| Some(*e) == who).unwrap_or(0);
                model.mode = Mode::Speakers {
                    sort: next,
                    selected: at,
                };
            }
            Action::Open => {
                if let Some(&(_, speaker)) = chart(model, sort).get(selected) {
                    model.mode = Mode::SpeakerQuotes {
                        speaker,
                        selected: 0,
                        back: Box::new(Mode::Speakers { sort, selected }),
                    };
                }
            }
            Action::Cancel => model.mode = Mode::Normal,
            _ => {}
        },
        Mode::SpeakerQuotes {
            speaker,
            selected,
            back,
        } => {
            let list = quotes_of(model, speaker);
            match action {
                _ if by.is_some() => {
                    let selected = offset(selected, by.unwrap_or(0), list.len());
                    model.mode = Mode::SpeakerQuotes {
                        speaker,
                        selected,
                        back,
                    };
                }
                Action::Open => {
                    let Some(&q) = list.get(selected) else {
                        return;
                    };
                    let name = clean_line(&model.article().entities[speaker].name);
                    let start = model.article().quotes[q].extent().start();
                    model.mode = Mode::Normal;
                    model.focus = Pane::Text;
                    model.relayout();
                    model.jump_to(start);
                    model.set_message(format!(
                        "}} and {{ step through {name}'s quotes, Ctrl-o goes back"
                    ));
                }
                Action::Cancel => model.mode = *back,
                _ => {}
            }
        }
        _ => {}
    }
}

/// The chart over the panes.
pub struct SpeakersOverlay<'a> {
    pub model: &'a Model,
    pub sort: SpeakerSort,
    pub selected: usize,
}

impl Widget for SpeakersOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.model;
        let list = chart(m, self.sort);
        // A bare article's chart counts the rules' suggestions: the title says so.
        let title = format!(
            " Who is quoted, by {}{} — s sorts, Enter lists the quotes, Esc closes ",
            self.sort.label(),
            super::side_panes::suggested(m)
        );
        let Some(inside) = super::overlays::overlay(area, buf, m, title) else {
            return;
        };
        let legend = Line::styled(
            pad(LEGEND, usize::from(inside.width)),
            m.theme.help().patch(m.theme.dim()),
        );
        buf.set_line(inside.x, inside.y, &legend, inside.width);
        let rows = Rect {
            y: inside.y + 1,
            height: inside.height.saturating_sub(1),
            ..inside
        };
        let (speakers, colours): (Vec<SpeakerCount>, Vec<usize>) = list
            .into_iter()
            .map(|(s, e)| (s, m.speaker_colour(e)))
            .unzip();
        SpeakerChart {
            speakers: &speakers,
            colours: &colours,
            sort: self.sort,
            selected: self.selected,
            theme: &m.theme,
            no_color: m.options().no_color,
            articles: false,
        }
        .render(rows, buf);
    }
}

/// One speaker's quotes over the panes, a row each: `“` direct, `~` reported.
pub struct SpeakerQuotesOverlay<'a> {
    pub model: &'a Model,
    pub speaker: usize,
    pub selected: usize,
}

impl Widget for SpeakerQuotesOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.model;
        let article = m.article();
        let list = quotes_of(m, self.speaker);
        let name = article
            .entities
            .get(self.speaker)
            .map(|e| clean_line(&e.name))
            .unwrap_or_default();
        let title = format!(
            " {} ({}) — Enter jumps there, Esc back to the chart ",
            fit(&name, 30),
            super::model::plural(list.len(), "quote", "quotes")
        );
        let Some(inside) = super::overlays::overlay(area, buf, m, title) else {
            return;
        };
        let width = usize::from(inside.width);
        let lines: Vec<Line> = super::layout::visible(&list, self.selected, inside.height)
            .map(|(i, &q)| {
                let quote = &article.quotes[q];
                let lead = quote.kind.lead();
                let text: Vec<String> = quote
                    .segments
                    .iter()
                    .map(|s| clean_line(article.body.slice(s.start(), s.end())))
                    .collect();
                let cursor = if i == self.selected { '>' } else { ' ' };
                let mut style = m
                    .theme
                    .help()
                    .patch(m.theme.speaker(m.speaker_colour(self.speaker)));
                if m.options().no_color {
                    style = m.theme.help();
                }
                if i == self.selected {
                    style = style.patch(m.theme.selection());
                }
                Line::styled(
                    pad(&format!("{cursor} {lead}{}", text.join(" … ")), width),
                    style,
                )
            })
            .collect();
        Paragraph::new(lines).render(inside, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::model::Options;
    use crate::tui::update::update;

    fn article(name: &str) -> Model {
        let path = format!("{}/articles/{name}", env!("CARGO_MANIFEST_DIR"));
        let loaded = crate::load::load(std::path::Path::new(&path)).expect("the article loads");
        Model::new(loaded.article, Options::default(), 100, 30)
    }

    #[test]
    fn s_enter_enter_reaches_a_speakers_quote_and_ctrl_o_comes_back() {
        let mut m = article("harbour-council.yaml");
        let start = m.pos();
        update(&mut m, Action::SpeakerStats);
        let Mode::Speakers { sort, selected } = m.mode().clone() else {
            panic!("{:?}", m.mode());
        };
        assert_eq!(sort, SpeakerSort::Quotes);
        let list = chart(&m, sort);
        // Most quoted first.
        assert!(list.windows(2).all(|w| w[0].0.quotes >= w[1].0.quotes));
        let (who, e) = list[selected].clone();
        update(&mut m, Action::Open);
        assert!(matches!(m.mode(), Mode::SpeakerQuotes { speaker, .. } if *speaker == e));
        let quotes = quotes_of(&m, e);
        assert_eq!(quotes.len(), who.quotes);
        update(&mut m, Action::Bottom);
        update(&mut m, Action::Open);
        assert_eq!(m.mode(), &Mode::Normal);
        let last = *quotes.last().unwrap();
        assert_eq!(m.current_quote(), Some(last));
        update(&mut m, Action::JumpBack);
        assert_eq!(m.pos(), start);
    }

    #[test]
    fn esc_goes_back_to_the_chart_and_sorting_keeps_the_speaker() {
        let mut m = article("cecot.yaml");
        update(&mut m, Action::SpeakerStats);
        update(&mut m, Action::Down);
        let Mode::Speakers { selected, .. } = m.mode().clone() else {
            panic!("{:?}", m.mode());
        };
        let who = chart(&m, SpeakerSort::Quotes)[selected].1;
        update(&mut m, Action::SortSpeakers);
        let Mode::Speakers { sort, selected } = m.mode().clone() else {
            panic!("{:?}", m.mode());
        };
        assert_eq!(sort, SpeakerSort::Words);
        assert_eq!(chart(&m, sort)[selected].1, who);
        update(&mut m, Action::Open);
        update(&mut m, Action::ToggleHelp);
        update(&mut m, Action::Cancel);
        assert!(matches!(m.mode(), Mode::SpeakerQuotes { .. }));
        update(&mut m, Action::Cancel);
        assert_eq!(m.mode(), &Mode::Speakers { sort, selected });
        update(&mut m, Action::Cancel);
        assert_eq!(m.mode(), &Mode::Normal);
    }

    #[test]
    fn the_chart_and_the_list_draw_at_any_size() {
        let mut m = article("cecot.yaml");
        // The chart, then a speaker's quotes.
        for step in [Action::SpeakerStats, Action::Open] {
            update(&mut m, step);
            for (w, h) in [(0, 0), (1, 1), (5, 3), (30, 8), (200, 60)] {
                update(
                    &mut m,
                    Action::Resize {
                        width: w,
                        height: h,
                    },
                );
                let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
                crate::tui::view::draw(&m, Rect::new(0, 0, w, h), &mut buf);
            }
        }
    }
}

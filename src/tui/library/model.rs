//! The library screen's state and `update`: which articles show (filter), in what order (sort),
//! which row is selected; and the speaker chart. The visible rows are derived from the filter and
//! sort in one place ([`LibraryModel::refresh`]), never edited piecemeal.

use crate::library::quotes::FoundQuote;
use crate::library::summary::{SpeakerSort, sort_speakers, totals};
use crate::library::{Entry, SpeakerCount};
use crate::tui::theme::Theme;

/// How the list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortKey {
    /// By path below the folder, as the walk found them.
    #[default]
    Path,
    Title,
    /// Newest first; undated last.
    Date,
    /// Most quotes first.
    Quotes,
}

impl SortKey {
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Path => "path",
            SortKey::Title => "title",
            SortKey::Date => "date",
            SortKey::Quotes => "quotes",
        }
    }
}

/// What shows: the list, or the speaker chart over it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    List,
    /// Typing a filter; `Enter` keeps it, `Esc` restores the one before.
    Filter {
        before: String,
    },
    /// The speaker chart; the row in view follows `selected` when drawn.
    Speakers {
        sort: SpeakerSort,
        selected: usize,
    },
    /// One speaker's quotes across the folder (`Enter` in the chart); `Esc` goes back to the
    /// chart as it was.
    SpeakerQuotes {
        /// The speaker's name, for the header.
        name: String,
        quotes: Vec<FoundQuote>,
        selected: usize,
        sort: SpeakerSort,
        chart_selected: usize,
    },
    /// The keys, over the screen it was opened from, which `Esc` or `?` goes back to.
    Help {
        back: Box<Screen>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LibAction {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// `/`: type a filter.
    StartFilter,
    Type(char),
    Backspace,
    /// `Enter`: open the article, keep the filter, or (chart) nothing yet.
    Enter,
    /// `Esc`: drop the filter being typed, close the chart or the help; in the list, clear the
    /// filter.
    Cancel,
    /// `t`, `d`, `c`, `p`: sort by title, date, quote count, path.
    Sort(SortKey),
    /// `s` in the chart: next order (quotes, words, name).
    NextSpeakerSort,
    Speakers,
    Help,
    Quit,
    Resize {
        width: u16,
        height: u16,
    },
}

/// Work for the run loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LibEffect {
    Quit,
    /// Read this entry (an index into the entries).
    Open(usize),
    /// List the quotes of the speaker with this entity id (the run loop reads the articles and
    /// hands them to [`LibraryModel::show_quotes`]).
    SpeakerQuotes(String),
    /// Read entry `entry` at the quote starting at char `at` of its body.
    OpenAt {
        entry: usize,
        at: usize,
    },
}

pub struct LibraryModel {
    pub(crate) entries: Vec<Entry>,
    /// The folder, for the header.
    pub(crate) root: String,
    pub(crate) filter: String,
    pub(crate) sort: SortKey,
    /// Indices into `entries` of the rows shown, in order. Derived by `refresh`.
    pub(crate) rows: Vec<usize>,
    /// Index into `rows`.
    pub(crate) selected: usize,
    /// First row drawn.
    pub(crate) top: usize,
    pub(crate) screen: Screen,
    /// The folder's speakers, summed by id (derived once: entries do not change).
    pub(crate) speakers: Vec<SpeakerCount>,
    pub(crate) message: Option<String>,
    pub(crate) width: u16,
    pub(crate) height: u16,
    pub(crate) theme: Theme,
    /// `NO_COLOR`: the chart's bars drawn in the text's own colour.
    pub(crate) no_color: bool,
}

impl LibraryModel {
    /// The same theme as the reader's (`--theme`, the user's themes, `NO_COLOR`).
    pub fn with_theme(mut self, name: Option<&str>, no_color: bool) -> Self {
        let user = crate::tui::theme::user_dir();
        let name = name.unwrap_or(crate::tui::theme::DEFAULT);
        let (theme, _) = crate::tui::theme::load(name, user.as_deref());
        self.theme = if no_color { theme.no_color() } else { theme };
        self.no_color = no_color;
        self
    }

    pub fn new(root: String, entries: Vec<Entry>, width: u16, height: u16) -> Self {
        let speakers = totals(entries.iter().map(|e| &e.summary));
        let mut model = LibraryModel {
            entries,
            root,
            filter: String::new(),
            sort: SortKey::default(),
            rows: Vec::new(),
            selected: 0,
            top: 0,
            screen: Screen::List,
            speakers,
            message: None,
            width,
            height,
            theme: crate::tui::theme::load(crate::tui::theme::DEFAULT, None).0,
            no_color: false,
        };
        model.refresh(None);
        model
    }

    /// The entry on the selected row.
    pub fn current(&self) -> Option<&Entry> {
        self.rows.get(self.selected).map(|&i| &self.entries[i])
    }

    pub fn rows(&self) -> impl Iterator<Item = &Entry> {
        self.rows.iter().map(|&i| &self.entries[i])
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn set_message(&mut self, text: impl Into<String>) {
        self.message = Some(text.into());
    }

    /// Rows of the list that fit (the header and the status line take one each, the column
    /// titles one).
    pub(crate) fn page(&self) -> usize {
        usize::from(self.height).saturating_sub(3).max(1)
    }

    /// Recomputes the rows from the filter and the sort, keeping `keep` (an entry index) selected
    /// when it is still shown.
    fn refresh(&mut self, keep: Option<usize>) {
        let needle = self.filter.to_lowercase();
        let mut rows: Vec<usize> = (0..self.entries.len())
            .filter(|&i| self.entries[i].summary.matches(&needle))
            .collect();
        let e = &self.entries;
        match self.sort {
            SortKey::Path => rows.sort_by(|&a, &b| e[a].name.cmp(&e[b].name)),
            SortKey::Title => rows.sort_by(|&a, &b| {
                let t = |i: usize| e[i].summary.title.to_lowercase();
                t(a).cmp(&t(b)).then_with(|| e[a].name.cmp(&e[b].name))
            }),
            SortKey::Date => rows.sort_by(|&a, &b| {
                let d = |i: usize| e[i].summary.published.clone();
                // Newest first, undated last (None sorts lowest, so it comes last reversed).
                d(b).cmp(&d(a)).then_with(|| e[a].name.cmp(&e[b].name))
            }),
            SortKey::Quotes => rows.sort_by(|&a, &b| {
                e[b].summary
                    .quotes
                    .cmp(&e[a].summary.quotes)
                    .then_with(|| e[a].name.cmp(&e[b].name))
            }),
        }
        self.rows = rows;
        self.selected = keep
            .and_then(|k| self.rows.iter().position(|&i| i == k))
            .unwrap_or(0);
        self.scroll_into_view();
    }

    fn scroll_into_view(&mut self) {
        let page = self.page();
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + page {
            self.top = self.selected + 1 - page;
        }
        self.top = self.top.min(self.rows.len().saturating_sub(page));
    }

    fn step(&mut self, by: isize) {
        self.selected = self.selected.saturating_add_signed(by);
        self.scroll_into_view();
    }

    /// Shows the quotes the run loop found for the speaker selected in the chart; the problems
    /// of articles that no longer load go to the status line.
    pub fn show_quotes(&mut self, quotes: Vec<FoundQuote>, problems: &[String]) {
        let Screen::Speakers { sort, selected } = self.screen else {
            return;
        };
        let Some(who) = self.speakers(sort).get(selected).cloned() else {
            return;
        };
        if let Some(p) = problems.first() {
            self.set_message(p.clone());
        } else if quotes.len() != who.quotes {
            self.set_message(format!(
                "{} quotes counted, {} found: articles changed since the folder was read",
                who.quotes,
                quotes.len()
            ));
        }
        self.screen = Screen::SpeakerQuotes {
            name: who.name,
            quotes,
            selected: 0,
            sort,
            chart_selected: selected,
        };
    }

    /// The speakers in the chart's order.
    pub fn speakers(&self, sort: SpeakerSort) -> Vec<SpeakerCount> {
        let mut list = self.speakers.clone();
        sort_speakers(&mut list, sort);
        list
    }
}

pub fn update(model: &mut LibraryModel, action: LibAction) -> Option<LibEffect> {
    if !matches!(action, LibAction::Resize { .. }) {
        model.message = None;
    }
    match action {
        LibAction::Resize { width, height } => {
            model.width = width;
            model.height = height;
            model.scroll_into_view();
            return None;
        }
        LibAction::Quit if !matches!(model.screen, Screen::Filter { .. }) => {
            return Some(LibEffect::Quit);
        }
        _ => {}
    }
    let page = model.page();
    match &mut model.screen {
        Screen::Help { back } => {
            if matches!(
                action,
                LibAction::Cancel | LibAction::Help | LibAction::Enter
            ) {
                model.screen = std::mem::replace(back.as_mut(), Screen::List);
            }
            None
        }
        Screen::Filter { before } => {
            let keep = model.rows.get(model.selected).copied();
            match action {
                LibAction::Type(c) => model.filter.push(c),
                LibAction::Backspace => {
                    model.filter.pop();
                }
                LibAction::Enter => {
                    model.screen = Screen::List;
                    return None;
                }
                LibAction::Cancel => {
                    model.filter = std::mem::take(before);
                    model.screen = Screen::List;
                }
                LibAction::Up => model.step(-1),
                LibAction::Down => model.step(1),
                _ => return None,
            }
            model.refresh(keep);
            None
        }
        Screen::Speakers { sort, selected, .. } => {
            let n = model.speakers.len();
            match action {
                LibAction::Down => *selected = (*selected + 1).min(n.saturating_sub(1)),
                LibAction::Up => *selected = selected.saturating_sub(1),
                LibAction::PageDown => *selected = (*selected + page).min(n.saturating_sub(1)),
                LibAction::PageUp => *selected = selected.saturating_sub(page),
                LibAction::Top => *selected = 0,
                LibAction::Bottom => *selected = n.saturating_sub(1),
                LibAction::NextSpeakerSort => *sort = sort.next(),
                LibAction::Cancel | LibAction::Speakers => {
                    model.screen = Screen::List;
                    return None;
                }
                LibAction::Enter => {
                    let (sort, selected) = (*sort, *selected);
                    let id = model.speakers(sort).get(selected)?.id.clone();
                    return Some(LibEffect::SpeakerQuotes(id));
                }
                LibAction::Help => open_help(model),
                _ => {}
            }
            None
        }
        Screen::SpeakerQuotes {
            quotes,
            selected,
            sort,
            chart_selected,
            ..
        } => {
            let n = quotes.len();
            match action {
                LibAction::Down => *selected = (*selected + 1).min(n.saturating_sub(1)),
                LibAction::Up => *selected = selected.saturating_sub(1),
                LibAction::PageDown => *selected = (*selected + page).min(n.saturating_sub(1)),
                LibAction::PageUp => *selected = selected.saturating_sub(page),
                LibAction::Top => *selected = 0,
                LibAction::Bottom => *selected = n.saturating_sub(1),
                LibAction::Enter => {
                    let q = quotes.get(*selected)?;
                    return Some(LibEffect::OpenAt {
                        entry: q.entry,
                        at: q.start,
                    });
                }
                LibAction::Cancel => {
                    model.screen = Screen::Speakers {
                        sort: *sort,
                        selected: *chart_selected,
                    };
                }
                LibAction::Help => open_help(model),
                _ => {}
            }
            None
        }
        Screen::List => list(model, action),
    }
}

/// `?`: the keys, over the screen the reader is on.
fn open_help(model: &mut LibraryModel) {
    let back = std::mem::replace(&mut model.screen, Screen::List);
    model.screen = Screen::Help {
        back: Box::new(back),
    };
}

fn list(model: &mut LibraryModel, action: LibAction) -> Option<LibEffect> {
    let page = model.page() as isize;
    match action {
        LibAction::Down => model.step(1),
        LibAction::Up => model.step(-1),
        LibAction::PageDown => model.step(page),
        LibAction::PageUp => model.step(-page),
        LibAction::Top => model.step(isize::MIN / 2),
        LibAction::Bottom => model.step(isize::MAX / 2),
        LibAction::StartFilter => {
            model.screen = Screen::Filter {
                before: model.filter.clone(),
            };
        }
        LibAction::Cancel if !model.filter.is_empty() => {
            let keep = model.rows.get(model.selected).copied();
            model.filter.clear();
            model.refresh(keep);
        }
        LibAction::Sort(key) => {
            let keep = model.rows.get(model.selected).copied();
            model.sort = key;
            model.refresh(keep);
            model.set_message(format!("sorted by {}", key.label()));
        }
        LibAction::Speakers => {
            model.screen = Screen::Speakers {
                sort: SpeakerSort::Quotes,
                selected: 0,
            };
        }
        LibAction::Help => open_help(model),
        LibAction::Enter => {
            let &i = model.rows.get(model.selected)?;
            let entry = &model.entries[i];
            if !entry.summary.ok {
                let first = entry.summary.problems.first().cloned();
                model.set_message(first.unwrap_or_else(|| "this article does not load".into()));
                return None;
            }
            return Some(LibEffect::Open(i));
        }
        _ => {}
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Summary;
    use crate::library::summary::SpeakerCount;

    fn entry(name: &str, title: &str, date: Option<&str>, quotes: usize, who: &str) -> Entry {
        Entry {
            path: name.into(),
            name: name.into(),
            highlights: false,
            summary: Summary {
                title: title.into(),
                published: date.map(String::from),
                quotes,
                ok: true,
                speakers: vec![SpeakerCount {
                    id: who.to_lowercase(),
                    name: who.into(),
                    quotes,
                    articles: 1,
                    ..SpeakerCount::default()
                }],
                ..Summary::default()
            },
        }
    }

    fn model() -> LibraryModel {
        LibraryModel::new(
            "news".into(),
            vec![
                entry("a.yaml", "Ferry fares", Some("2026-02-03"), 4, "Banjo"),
                entry("b.yaml", "Market day", Some("2025-12-01"), 2, "Amsel"),
                entry("c.yaml", "Harbour lights", None, 3, "Banjo"),
            ],
            80,
            10,
        )
    }

    fn titles(m: &LibraryModel) -> Vec<String> {
        m.rows().map(|e| e.summary.title.clone()).collect()
    }

    #[test]
    fn filter_by_title_or_speaker_and_escape_restores() {
        let mut m = model();
        update(&mut m, LibAction::StartFilter);
        for c in "banjo".chars() {
            update(&mut m, LibAction::Type(c));
        }
        assert_eq!(titles(&m), ["Ferry fares", "Harbour lights"]);
        update(&mut m, LibAction::Enter);
        assert_eq!(m.screen, Screen::List);
        update(&mut m, LibAction::StartFilter);
        update(&mut m, LibAction::Type('x'));
        assert!(titles(&m).is_empty());
        // Esc brings back the filter that was kept.
        update(&mut m, LibAction::Cancel);
        assert_eq!(titles(&m), ["Ferry fares", "Harbour lights"]);
        update(&mut m, LibAction::Cancel);
        assert_eq!(titles(&m).len(), 3);
    }

    #[test]
    fn sorting_keeps_the_selected_article() {
        let mut m = model();
        update(&mut m, LibAction::Down);
        assert_eq!(m.current().unwrap().name, "b.yaml");
        update(&mut m, LibAction::Sort(SortKey::Quotes));
        assert_eq!(titles(&m), ["Ferry fares", "Harbour lights", "Market day"]);
        assert_eq!(m.current().unwrap().name, "b.yaml");
        update(&mut m, LibAction::Sort(SortKey::Date));
        assert_eq!(titles(&m), ["Ferry fares", "Market day", "Harbour lights"]);
        update(&mut m, LibAction::Sort(SortKey::Title));
        assert_eq!(titles(&m), ["Ferry fares", "Harbour lights", "Market day"]);
    }

    #[test]
    fn enter_opens_the_selected_row_and_q_quits() {
        let mut m = model();
        update(&mut m, LibAction::Bottom);
        assert_eq!(update(&mut m, LibAction::Enter), Some(LibEffect::Open(2)));
        assert_eq!(update(&mut m, LibAction::Quit), Some(LibEffect::Quit));
        // In the filter prompt, q is a letter.
        update(&mut m, LibAction::StartFilter);
        assert_eq!(update(&mut m, LibAction::Quit), None);
    }

    #[test]
    fn speakers_are_summed_across_articles() {
        let mut m = model();
        update(&mut m, LibAction::Speakers);
        let list = m.speakers(SpeakerSort::Quotes);
        assert_eq!(list[0].name, "Banjo");
        assert_eq!(list[0].quotes, 7);
        assert_eq!(list[0].articles, 2);
        update(&mut m, LibAction::Cancel);
        assert_eq!(m.screen, Screen::List);
    }

    #[test]
    fn help_closes_back_to_the_screen_it_was_opened_from() {
        let mut m = model();
        update(&mut m, LibAction::Speakers);
        update(&mut m, LibAction::Down);
        let chart = m.screen.clone();
        update(&mut m, LibAction::Help);
        assert!(matches!(m.screen, Screen::Help { .. }));
        update(&mut m, LibAction::Cancel);
        assert_eq!(m.screen, chart);
        m.show_quotes(Vec::new(), &[]);
        let quotes = m.screen.clone();
        assert!(matches!(quotes, Screen::SpeakerQuotes { .. }), "{quotes:?}");
        update(&mut m, LibAction::Help);
        update(&mut m, LibAction::Help);
        assert_eq!(m.screen, quotes);
    }

    #[test]
    fn an_empty_library_and_tiny_screens_do_not_panic() {
        let mut m = LibraryModel::new("x".into(), Vec::new(), 0, 0);
        for a in [
            LibAction::Down,
            LibAction::PageDown,
            LibAction::Bottom,
            LibAction::Enter,
            LibAction::Speakers,
            LibAction::Down,
            LibAction::Up,
        ] {
            update(&mut m, a);
        }
        assert!(m.current().is_none());
    }
}

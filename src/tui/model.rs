//! The reader's state. `update` changes it, `view` draws it; nothing else touches it.
//!
//! Three parts: the [`Index`] of the article (never changes once built), the [`Viewport`] (the
//! reading position and the rows around it, moved only through its methods), and the little
//! that is truly the reader's own choice (mode, focus, marks, theme). Everything the panes and the
//! status show about "where the reader is" — the current quote, the selected entity, the current
//! hit — is *derived* from the reading position by the methods below, never stored, so no action
//! can leave the panes disagreeing with the text.

use std::path::PathBuf;

use ratatui::layout::Rect;

use super::history::History;
use super::index::Index;
use super::layout::{self, Areas};
pub use super::mode::{Marks, Mode, Pane, PromptKind};
use super::theme::{self, Theme, ThemeSource};
use super::viewport::Viewport;
use crate::article::{Article, Span};
use crate::highlights::Store;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// The text measure used when none is chosen: lines of about 100 columns read well.
pub const MEASURE: u16 = 100;

/// What the reader was started with.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub theme: Option<String>,
    pub highlights: Option<PathBuf>,
    pub mouse: bool,
    pub no_color: bool,
    pub user_themes: Option<PathBuf>,
    /// The widest the text is set, in columns ([`MEASURE`] when `None`).
    pub measure: Option<u16>,
    /// Opened from the library: `Esc` (with nothing marked) and `q` go back to it.
    pub library: bool,
    /// Where to open the article, a char offset into its body, instead of where the reader left
    /// it last time: the library's list of a speaker's quotes opens an article at one.
    pub at: Option<usize>,
    /// `y` copies nothing (`--no-clipboard`, `SCHOLIA_NO_CLIPBOARD`).
    pub no_clipboard: bool,
}

pub struct Model {
    pub(crate) index: Index,
    pub(crate) view: Viewport,
    /// The speaker map's speakers, a cell a text row (see `speaker_map::speakers`): they go
    /// through every quote, so they are worked out when the height changes, not every frame.
    speaker_cells: Vec<Option<usize>>,
    pub theme: Theme,
    pub(crate) themes: Vec<ThemeSource>,
    pub(crate) options: Options,
    pub(crate) width: u16,
    pub(crate) height: u16,
    pub(crate) focus: Pane,
    /// Which side pane shows when the two fold into one.
    pub(crate) side: Pane,
    pub(crate) mode: Mode,
    pub(crate) marks: Marks,
    pub(crate) message: Option<Message>,
    /// The reader's own marks, tied to their sidecar file.
    pub(crate) highlights: Store,
    /// The changes to the highlights this session, for `u` and `Ctrl-r`.
    pub(crate) history: History,
    /// The speaker of the last quote that was current: what `}` and `{` follow when the reading
    /// position is between quotes. History, not derivable from the position.
    pub(crate) last_speaker: Option<usize>,
    /// A bare article's draft: its quotes and entities are suggestions until `W` writes them.
    pub(crate) draft: Option<crate::tui::draft::Draft>,
    /// Places jumped from, for `Ctrl-o` and `Ctrl-i`.
    pub(crate) jumps: super::jumps::JumpList,
    /// Earlier searches, oldest first: `↑` and `↓` in the search prompt recall them.
    pub(crate) searches: Vec<String>,
    /// Who is quoted and how much (`S`), counted the first time it is asked for: the article
    /// never changes under the reader.
    speaker_counts: std::cell::OnceCell<Vec<crate::library::SpeakerCount>>,
}

impl Model {
    pub fn new(article: Article, options: Options, width: u16, height: u16) -> Self {
        let themes = theme::available(options.user_themes.as_deref());
        let name = options.theme.clone().unwrap_or_else(|| "dark".to_string());
        let (theme, problems) = theme::load(&name, options.user_themes.as_deref());
        let theme = if options.no_color {
            theme.no_color()
        } else {
            theme
        };
        let message = problems.first().map(|p| Message {
            text: p.to_string(),
            error: true,
        });
        let mut model = Self {
            index: Index::new(article),
            view: Viewport::default(),
            speaker_cells: Vec::new(),
            theme,
            themes,
            options,
            width,
            height,
            focus: Pane::Text,
            side: Pane::Quotes,
            mode: Mode::Normal,
            marks: Marks::None,
            message,
            highlights: Store::new(PathBuf::new()),
            history: History::default(),
            last_speaker: None,
            draft: None,
            jumps: Default::default(),
            speaker_counts: Default::default(),
            searches: Vec::new(),
        };
        model.view = Viewport::new(&model.index.article.body, model.text_width(), model.page());
        model.map_speakers();
        model.sync();
        model
    }

    /// Gives the model its highlights (read from the sidecar by the caller).
    /// A bare article's draft, shown as suggestions.
    pub fn with_draft(mut self, draft: Option<crate::tui::draft::Draft>) -> Self {
        self.draft = draft;
        self
    }

    /// The panes show suggestions, not annotations someone made.
    pub fn suggested(&self) -> bool {
        self.draft.as_ref().is_some_and(|d| d.pending())
    }

    /// The searches remembered from earlier runs, oldest first.
    pub fn with_searches(mut self, searches: Vec<String>) -> Self {
        self.searches = crate::library::positions::bounded(&searches);
        self
    }

    pub fn searches(&self) -> &[String] {
        &self.searches
    }

    /// Adds a search to the history: the latest last, once, within the bounds kept.
    pub(crate) fn add_search(&mut self, query: &str) {
        if query.trim().is_empty() {
            return;
        }
        self.searches.retain(|s| s != query);
        self.searches.push(query.to_string());
        self.searches = crate::library::positions::bounded(&self.searches);
    }

    pub fn with_highlights(mut self, store: Store) -> Self {
        let orphans = store.list().iter().filter(|h| h.orphaned).count();
        self.highlights = store;
        if orphans > 0 {
            let (what, them) = if orphans == 1 {
                ("highlight is", "it")
            } else {
                ("highlights are", "them")
            };
            self.set_error(format!(
                "{orphans} {what} no longer found in the text: H lists {them}"
            ));
        }
        self
    }

    // --- What the reader chose -----------------------------------------------------------------

    pub fn article(&self) -> &Article {
        &self.index.article
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn view(&self) -> &Viewport {
        &self.view
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn focus(&self) -> Pane {
        self.focus
    }

    pub fn side(&self) -> Pane {
        self.side
    }

    pub fn marks(&self) -> &Marks {
        &self.marks
    }

    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    pub fn highlights(&self) -> &Store {
        &self.highlights
    }

    /// Saves the highlights to their sidecar (what the run loop does on `Effect::SaveHighlights`).
    pub fn save_highlights(&mut self) -> Result<(), String> {
        self.highlights.save()
    }

    /// Per speaker, the quotes and quoted words: what `scholia stats` counts for this article.
    pub fn speaker_counts(&self) -> &[crate::library::SpeakerCount] {
        self.speaker_counts
            .get_or_init(|| crate::library::summary::speaker_counts(self.article()))
    }

    pub fn size(&self) -> (u16, u16) {
        (self.width, self.height)
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    // --- What follows from the reading position ------------------------------------------------

    /// The reading position, a char offset into the body.
    pub fn pos(&self) -> usize {
        self.view.pos()
    }

    /// The quote the reader is in: the one holding the reading position, or else the first one
    /// starting later on the same row. `None` between quotes.
    pub fn current_quote(&self) -> Option<usize> {
        self.index.quote_under(self.pos(), self.view.cursor_span())
    }

    /// The entity the entities pane selects: the chosen one, or else the one named at the
    /// reading position.
    pub fn selected_entity(&self) -> Option<usize> {
        self.chosen_entity()
            .or_else(|| self.index.entity_under(self.pos(), self.view.cursor_span()))
    }

    /// The entity chosen in the entities pane, until `Esc`.
    pub fn chosen_entity(&self) -> Option<usize> {
        match self.marks {
            Marks::Entity(e) => Some(e),
            _ => None,
        }
    }

    /// What `n`/`N` step through: the search hits or the chosen entity's mentions.
    pub fn hits(&self) -> &[Span] {
        match &self.marks {
            Marks::None => &[],
            Marks::Search { spans, .. } => spans,
            Marks::Entity(e) => &self.index.article.entities[*e].mentions,
        }
    }

    /// What the hits are called in the status.
    pub fn hits_label(&self) -> String {
        match &self.marks {
            Marks::None => String::new(),
            Marks::Search { query, .. } => format!("“{query}”"),
            Marks::Entity(e) => self.index.article.entities[*e].name.clone(),
        }
    }

    /// The hit holding the reading position (or starting on its row after it).
    pub fn current_hit(&self) -> Option<usize> {
        let hits = self.hits();
        let pos = self.pos();
        let row = self.view.cursor_span();
        let i = hits.partition_point(|s| s.end() <= pos);
        hits.get(i)
            .filter(|s| s.start() <= pos || s.start() < row.end())
            .map(|_| i)
    }

    /// The speaker `}` and `{` follow: the current quote's, or the last current one's.
    pub fn speaker_to_follow(&self) -> Option<usize> {
        self.current_quote()
            .map(|q| self.index.article.quotes[q].speaker)
            .or(self.last_speaker)
    }

    /// The row the quotes pane selects: the current quote's.
    pub fn quote_row(&self) -> Option<usize> {
        self.current_quote().map(|q| self.index.quote_row(q))
    }

    /// The row the quotes pane scrolls to: the current quote's, or between quotes the last one
    /// before the reading position, so that the list does not jump to its top.
    pub fn quote_list_anchor(&self) -> Option<usize> {
        self.current_quote()
            .or_else(|| self.index.quote_before(self.pos()))
            .map(|q| self.index.quote_row(q))
    }

    pub fn entity_row(&self) -> Option<usize> {
        self.selected_entity().map(|e| self.index.entity_row(e))
    }

    /// The one function run after every action: keeps what is history in step with the position
    /// and the modes in step with the highlights.
    pub fn sync(&mut self) {
        if let Some(q) = self.current_quote() {
            self.last_speaker = Some(self.index.article.quotes[q].speaker);
        }
        let n = self.highlights.list().len();
        if let Mode::Highlights { selected } = &mut self.mode {
            if n == 0 {
                self.mode = Mode::Normal;
            } else {
                *selected = (*selected).min(n - 1);
            }
        }
    }

    // --- Layout --------------------------------------------------------------------------------

    pub fn areas(&self) -> Areas {
        layout::areas(
            Rect::new(0, 0, self.width, self.height),
            self.focus,
            self.side,
        )
    }

    /// Where the text pane is, or would be when focused: on a narrow screen a side pane hides
    /// it, but the reading position still lies in rows of the width it will be shown at.
    fn text_area(&self) -> Rect {
        layout::areas(
            Rect::new(0, 0, self.width, self.height),
            Pane::Text,
            self.side,
        )
        .text
    }

    /// Rows of text the text pane shows at once.
    pub fn page(&self) -> usize {
        usize::from(layout::inner(self.text_area()).height).max(1)
    }

    /// The width the text is set to: the pane's, up to the measure.
    pub fn text_width(&self) -> u16 {
        let measure = self.options.measure.unwrap_or(MEASURE).max(20);
        layout::text_width(self.text_area()).min(measure)
    }

    /// Re-wraps the text for the current size, keeping the reading position.
    pub fn relayout(&mut self) {
        let (width, page) = (self.text_width(), self.page());
        self.view.resize(&self.index.article.body, width, page);
        self.map_speakers();
    }

    /// Works out the speaker map's speakers for the text pane's height, if it changed.
    fn map_speakers(&mut self) {
        let height = self.page();
        if self.speaker_cells.len() != height {
            self.speaker_cells =
                super::speaker_map::speakers(&self.index, self.view.last_offset(), height);
        }
    }

    /// The speaker map's speakers, a cell a row of the text pane's inside.
    pub fn speaker_cells(&self) -> &[Option<usize>] {
        &self.speaker_cells
    }

    /// The reading position at char `at` (a jump: search, quotes, mentions, `G`).
    pub(crate) fn jump_to(&mut self, at: usize) {
        self.view.jump_to(&self.index.article.body, at);
    }

    /// The reading position at a heading, its row at the top of the screen (the outline).
    pub(crate) fn jump_to_heading(&mut self, at: usize) {
        self.view.jump_to_top(&self.index.article.body, at);
    }

    /// The reading position at `at` on screen line `line`: an article reopened as it was left.
    pub(crate) fn reopen_at(&mut self, at: usize, line: usize) {
        self.view.jump_to_line(&self.index.article.body, at, line);
    }

    /// Puts this model (a fresh one of the same article and size) where `other` is, from what is
    /// not derived: the reading position and scroll, focus, mode, marks, message, highlights.
    /// What the panes show then follows; the tests compare the two to prove it.
    pub fn take_place_of(&mut self, other: &Model) {
        self.focus = other.focus;
        self.side = other.side;
        self.mode = other.mode.clone();
        self.marks = other.marks.clone();
        self.message = other.message.clone();
        self.last_speaker = other.last_speaker;
        self.jumps = other.jumps.clone();
        for h in other.highlights.list() {
            self.highlights.add(h.clone());
        }
        self.relayout();
        self.view
            .restore(&self.index.article.body, other.view.pos(), other.view.top());
    }

    pub fn set_message(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn set_error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// The speaker palette index of entity `e`: speakers in order of first quote.
    pub fn speaker_colour(&self, e: usize) -> usize {
        self.index.speaker_colour(e)
    }
}

/// "1 mention", "2 mentions".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

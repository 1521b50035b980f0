//! The reader's state. `update` changes it, `view` draws it; nothing else touches it.

use std::path::PathBuf;

use ratatui::layout::Rect;

use super::layout::{self, Areas};
use super::theme::{self, Theme, ThemeSource};
use super::wrap::Rows;
use crate::article::{Article, EntityKind, Span};
use crate::highlights::Store;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Text,
    Quotes,
    Entities,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
    Prompt,
    Selecting,
    Highlights,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    Search,
    Note,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
}

/// A row of the quotes pane: a speaker with their count, or one of their quotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteRow {
    Speaker(usize),
    Quote(usize),
}

/// A row of the entities pane: a kind heading, or an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityRow {
    Kind(EntityKind),
    Entity(usize),
}

/// What `n` and `N` step through: the hits of a search, or the mentions of the selected entity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hits {
    pub label: String,
    pub spans: Vec<Span>,
    pub current: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// What the reader was started with.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub theme: Option<String>,
    pub highlights: Option<PathBuf>,
    pub mouse: bool,
    pub no_color: bool,
    pub user_themes: Option<PathBuf>,
}

pub struct Model {
    pub article: Article,
    /// Every quote segment with its quote, by start: what the text pane colours.
    pub segments: Vec<(Span, usize)>,
    pub theme: Theme,
    pub themes: Vec<ThemeSource>,
    pub options: Options,
    pub width: u16,
    pub height: u16,
    /// The text laid out for the text pane's width.
    pub rows: Rows,
    pub focus: Pane,
    /// Which side pane shows when the two fold into one.
    pub side: Pane,
    pub mode: Mode,
    /// First row of the text pane.
    pub top: usize,
    /// The reading position: a row of the text.
    pub cursor: usize,
    /// The reading position as a char offset, kept across re-wrapping so that resizing back and
    /// forth never drifts (a row's start moves with the width; the offset does not).
    pub anchor: usize,
    pub current_quote: Option<usize>,
    pub quote_rows: Vec<QuoteRow>,
    pub entity_rows: Vec<EntityRow>,
    /// Per quote, its row in the quotes pane; per entity, its row in the entities pane and its
    /// place in the speaker palette. Computed once, so drawing a frame never scans the lists.
    quote_row_of: Vec<usize>,
    entity_row_of: Vec<usize>,
    palette_of: Vec<usize>,
    pub selected_entity: Option<usize>,
    pub hits: Hits,
    pub prompt: Option<Prompt>,
    pub message: Option<Message>,
    pub help_top: usize,
    pub quit: bool,
    /// The reader's own marks, tied to their sidecar file.
    pub highlights: Store,
    /// The sentences being selected with `v`.
    pub selection: Option<Span>,
    /// The highlight whose note the prompt edits.
    pub note_target: Option<String>,
    /// The mode to go back to when the prompt closes.
    pub return_mode: Mode,
    /// The selected row of the highlights list.
    pub highlights_selected: usize,
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
        let quote_rows = quote_rows(&article);
        let entity_rows = entity_rows(&article);
        let mut segments: Vec<(Span, usize)> = article
            .quotes
            .iter()
            .enumerate()
            .flat_map(|(i, q)| q.segments.iter().map(move |s| (*s, i)))
            .collect();
        segments.sort();
        let mut quote_row_of = vec![0; article.quotes.len()];
        let mut palette_of = vec![0; article.entities.len()];
        let mut speakers = 0;
        for (i, row) in quote_rows.iter().enumerate() {
            match *row {
                QuoteRow::Quote(q) => quote_row_of[q] = i,
                QuoteRow::Speaker(e) => {
                    palette_of[e] = speakers;
                    speakers += 1;
                }
            }
        }
        let mut entity_row_of = vec![0; article.entities.len()];
        for (i, row) in entity_rows.iter().enumerate() {
            if let EntityRow::Entity(e) = *row {
                entity_row_of[e] = i;
            }
        }
        let mut model = Self {
            quote_row_of,
            entity_row_of,
            palette_of,
            segments,
            article,
            theme,
            themes,
            options,
            width,
            height,
            rows: Rows::default(),
            focus: Pane::Text,
            side: Pane::Quotes,
            mode: Mode::Normal,
            top: 0,
            cursor: 0,
            anchor: 0,
            current_quote: None,
            quote_rows,
            entity_rows,
            selected_entity: None,
            hits: Hits::default(),
            prompt: None,
            message,
            help_top: 0,
            quit: false,
            highlights: Store::new(PathBuf::new()),
            selection: None,
            note_target: None,
            return_mode: Mode::Normal,
            highlights_selected: 0,
        };
        model.relayout();
        model.follow_cursor();
        model
    }

    /// Gives the model its highlights (read from the sidecar by the caller).
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

    pub fn areas(&self) -> Areas {
        layout::areas(
            Rect::new(0, 0, self.width, self.height),
            self.focus,
            self.side,
        )
    }

    /// Rows of text the text pane shows at once.
    pub fn page(&self) -> usize {
        usize::from(layout::inner(self.areas().text).height).max(1)
    }

    /// Re-wraps the text when the text pane's width changed, keeping the reading position.
    pub fn relayout(&mut self) {
        let text = self.areas().text;
        // A hidden text pane (one-pane layout) keeps the rows it had.
        if text.width == 0 && !self.rows.is_empty() {
            return;
        }
        let width = layout::text_width(text);
        if width == self.rows.width && !self.rows.is_empty() {
            return;
        }
        let anchor = (!self.rows.is_empty()).then_some(self.anchor);
        let top_anchor = self.rows.rows.get(self.top).map(|r| r.start);
        self.rows = Rows::new(&self.article.body, width);
        if let Some(offset) = anchor {
            self.cursor = self.rows.row_of(offset);
        }
        if let Some(offset) = top_anchor {
            self.top = self.rows.row_of(offset).min(self.cursor);
        }
        self.clamp();
    }

    /// After the user moved: the anchor follows the cursor row unless it already lies on it.
    pub fn sync_anchor(&mut self) {
        if let Some(row) = self.rows.rows.get(self.cursor)
            && !(row.start <= self.anchor && self.anchor <= row.end)
        {
            self.anchor = row.start;
        }
    }

    /// Keeps the cursor inside the text and on screen.
    pub fn clamp(&mut self) {
        let last = self.rows.len().saturating_sub(1);
        self.cursor = self.cursor.min(last);
        let page = self.page();
        if self.cursor < self.top {
            self.top = self.cursor;
        } else if self.cursor >= self.top + page {
            self.top = self.cursor + 1 - page;
        }
        // No scrolling past the end: the last page is a full one.
        self.top = self.top.min(self.rows.len().saturating_sub(page));
        if self.cursor < self.top {
            self.top = self.cursor;
        }
    }

    /// The body span of the cursor row.
    pub fn cursor_span(&self) -> Span {
        self.rows
            .rows
            .get(self.cursor)
            .map_or(Span::new(0, 0), |r| {
                Span::new(r.start, r.end.max(r.start + 1))
            })
    }

    /// After the reading position moved: the quote and entity under it become current.
    pub fn follow_cursor(&mut self) {
        let span = self.cursor_span();
        let quotes = &self.article.quotes;
        let keep = self
            .current_quote
            .is_some_and(|q| quotes[q].segments.iter().any(|s| s.overlaps(&span)));
        if !keep
            && let Some(q) = quotes
                .iter()
                .position(|q| q.segments.iter().any(|s| s.overlaps(&span)))
        {
            self.current_quote = Some(q);
        }
        let mentions = self.article.mentions_in(span);
        let keep = self
            .selected_entity
            .is_some_and(|e| mentions.iter().any(|m| m.entity == e));
        if !keep && let Some(m) = mentions.first() {
            self.select_entity(m.entity);
        }
    }

    /// Selects an entity: its mentions become what `n`/`N` step through.
    pub fn select_entity(&mut self, entity: usize) {
        self.selected_entity = Some(entity);
        let e = &self.article.entities[entity];
        self.hits = Hits {
            label: e.name.clone(),
            spans: e.mentions.clone(),
            current: None,
        };
    }

    /// Moves the reading position to char `offset`, scrolling only when it leaves the screen;
    /// a far jump puts it a third of the way down the page.
    pub fn jump_to(&mut self, offset: usize) {
        let row = self.rows.row_of(offset);
        let page = self.page();
        self.cursor = row;
        if row < self.top || row >= self.top + page {
            self.top = row.saturating_sub(page / 3);
        }
        self.clamp();
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

    /// How far through the text the reading position is, in percent.
    pub fn percent(&self) -> usize {
        let n = self.rows.len();
        if n <= 1 {
            return 100;
        }
        let bottom = (self.top + self.page()).min(n);
        if bottom >= n { 100 } else { bottom * 100 / n }
    }

    /// Index of the current quote's row in the quotes pane.
    pub fn quote_row(&self) -> Option<usize> {
        self.current_quote
            .and_then(|q| self.quote_row_of.get(q).copied())
    }

    pub fn entity_row(&self) -> Option<usize> {
        self.selected_entity
            .and_then(|e| self.entity_row_of.get(e).copied())
    }

    /// The speaker palette index of entity `e`: speakers in order of first quote.
    pub fn speaker_colour(&self, e: usize) -> usize {
        self.palette_of.get(e).copied().unwrap_or(0)
    }
}

/// Speakers in order of their first quote, each followed by their quotes in reading order.
fn quote_rows(article: &Article) -> Vec<QuoteRow> {
    let mut speakers: Vec<usize> = Vec::new();
    for q in &article.quotes {
        if !speakers.contains(&q.speaker) {
            speakers.push(q.speaker);
        }
    }
    let mut rows = Vec::new();
    for s in speakers {
        rows.push(QuoteRow::Speaker(s));
        rows.extend(
            article.entities[s]
                .quotes
                .iter()
                .map(|&q| QuoteRow::Quote(q)),
        );
    }
    rows
}

/// Kinds in a fixed order; within a kind, the most mentioned first.
fn entity_rows(article: &Article) -> Vec<EntityRow> {
    let mut rows = Vec::new();
    for kind in EntityKind::ALL {
        let mut list: Vec<usize> = (0..article.entities.len())
            .filter(|&i| article.entities[i].kind == kind)
            .collect();
        if list.is_empty() {
            continue;
        }
        list.sort_by_key(|&i| {
            let e = &article.entities[i];
            (
                std::cmp::Reverse(e.mentions.len() + e.quotes.len()),
                e.name.clone(),
            )
        });
        rows.push(EntityRow::Kind(kind));
        rows.extend(list.into_iter().map(EntityRow::Entity));
    }
    rows
}

//! What the reader is doing (its mode), which pane has the keys, and what is marked in the text:
//! the reader's own choices, as opposed to what is derived from the reading position.

use super::editor::Editor;
use super::keymap::Scope;
use crate::article::Span;
use crate::library::SpeakerSort;

/// A pane of the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Text,
    Quotes,
    Entities,
}

/// What the open prompt is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// A search; `recalled` is the earlier search shown (an index into the history), if `↑`
    /// brought one back.
    Search { recalled: Option<usize> },
    /// The note of the highlight with this id.
    Note(String),
}

/// What the reader is doing. One enum, so that no two modes can be half-on at once; the keys that
/// apply follow from it ([`Mode::scope`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// The help, scrolled to `top`, over the mode it was opened from.
    Help {
        top: usize,
        back: Box<Mode>,
    },
    /// The details of where the reader is (`i`), scrolled to `top`, over the mode it was
    /// opened from.
    Details {
        top: usize,
        back: Box<Mode>,
    },
    /// Sentences being selected with `v`.
    Selecting {
        span: Span,
    },
    /// The list of highlights, with its selected row.
    Highlights {
        selected: usize,
    },
    /// The outline of the article's headings (`o`), with its selected heading.
    Outline {
        selected: usize,
    },
    /// Who is quoted in the article (`S`): the chart, in its order, with its selected speaker.
    Speakers {
        sort: SpeakerSort,
        selected: usize,
    },
    /// The quotes of one speaker (an entity index), listed from the chart, which `Esc` goes back
    /// to.
    SpeakerQuotes {
        speaker: usize,
        selected: usize,
        back: Box<Mode>,
    },
    /// A prompt in the status row, over the mode it was opened from.
    Prompt {
        kind: PromptKind,
        editor: Editor,
        back: Box<Mode>,
    },
}

impl Mode {
    /// The key table that applies; `None` in a prompt, where keys are text.
    pub fn scope(&self) -> Option<Scope> {
        match self {
            Mode::Normal => Some(Scope::Reading),
            Mode::Help { .. } => Some(Scope::Overlay),
            Mode::Details { .. } => Some(Scope::Details),
            Mode::Selecting { .. } => Some(Scope::Selecting),
            Mode::Highlights { .. } => Some(Scope::List),
            Mode::Outline { .. } => Some(Scope::Outline),
            Mode::Speakers { .. } => Some(Scope::Speakers),
            Mode::SpeakerQuotes { .. } => Some(Scope::SpeakerQuotes),
            Mode::Prompt { .. } => None,
        }
    }

    /// The mode under the help or a prompt: the one that decides what is drawn beneath.
    pub fn base(&self) -> &Mode {
        match self {
            Mode::Help { back, .. } | Mode::Details { back, .. } | Mode::Prompt { back, .. } => {
                back.base()
            }
            other => other,
        }
    }
}

/// What is marked in the text and what `n`/`N` step through.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Marks {
    #[default]
    None,
    /// The hits of a search, in reading order.
    Search { query: String, spans: Vec<Span> },
    /// An entity chosen in the entities pane: it stays chosen until `Esc`.
    Entity(usize),
}

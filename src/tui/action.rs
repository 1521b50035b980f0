//! What the reader can be asked to do. Keys, mouse and `render --keys` all become `Action`s;
//! only `update` changes the model in answer to one.

use super::editor::Edit;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// `q`: quit, or back to the library the article was opened from.
    Quit,
    /// `Ctrl-c`: end the program, from the library too.
    Exit,
    ToggleHelp,
    /// Close an overlay, cancel a prompt or a selection.
    Cancel,
    FocusNext,
    FocusPrev,
    Down,
    Up,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    NextQuote,
    PrevQuote,
    NextSameSpeaker,
    PrevSameSpeaker,
    /// In the quotes or entities pane: jump the text there and focus it.
    Open,
    StartSearch,
    NextHit,
    PrevHit,
    NextTheme,
    /// Toggle a highlight on the current quote or selection.
    ToggleHighlight,
    /// Start or end a selection in the text.
    Select,
    NextSentence,
    PrevSentence,
    EditNote,
    ExportHighlights,
    /// `W`: write a bare article's suggestions to its annotation file.
    WriteDraft,
    HighlightsList,
    /// `o`: the outline of the headings.
    Outline,
    /// `S`: who is quoted in the article.
    SpeakerStats,
    /// `s` in the speaker chart: the next order (quotes, words, name).
    SortSpeakers,
    /// `i`: the current quote, highlight and entity in full, notes and all.
    Details,
    /// `y`: the current quote or highlight, with its attribution, to the clipboard.
    Copy,
    Colour(u8),
    Undo,
    Redo,
    /// Mouse wheel over the pane at this cell.
    ScrollAt {
        col: u16,
        row: u16,
        down: bool,
    },
    /// Mouse click at this cell.
    ClickAt {
        col: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// `Ctrl-o`: back to where the last jump left.
    JumpBack,
    /// `Ctrl-i` (`Ctrl-n`): forward again through the jump list.
    JumpForward,
    /// An edit of the open prompt's text.
    Edit(Edit),
    PromptSubmit,
    /// `↑` / `↓` in the search prompt: an earlier or a later search from the history.
    Recall {
        older: bool,
    },
    /// Text pasted into the terminal (a bracketed paste): never keys.
    Paste(String),
}

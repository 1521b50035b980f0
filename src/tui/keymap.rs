//! The one table of keys. The keymap turns key events into actions by it, and the help overlay
//! lists it, so the two can never differ. Only this file looks at `KeyCode`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::editor::Edit;
use super::model::Mode;

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Reading, in any pane.
    Reading,
    /// While a selection is being made in the text (`v`).
    Selecting,
    /// In the help overlay.
    Overlay,
    /// The details (`i`).
    Details,
    /// In the highlights list (`H`).
    List,
    /// In the outline of headings (`o`).
    Outline,
    /// In the speaker chart (`S`).
    Speakers,
    /// In the list of one speaker's quotes (`Enter` in the chart).
    SpeakerQuotes,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in the help.
    pub label: &'static str,
    pub action: Action,
    pub scope: Scope,
    pub help: &'static str,
}

const fn bind(
    keys: &'static [Key],
    label: &'static str,
    action: Action,
    scope: Scope,
    help: &'static str,
) -> Binding {
    Binding {
        keys,
        label,
        action,
        scope,
        help,
    }
}

use Scope::{Details, List, Outline, Overlay, Reading, Selecting, SpeakerQuotes, Speakers};

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(&[ch('q')], "q", Action::Quit, Reading, "quit (opened from the library: back to the list)"),
    bind(&[ctrl('c')], "Ctrl-c", Action::Exit, Reading, "quit scholia"),
    bind(&[ch('?')], "?", Action::ToggleHelp, Reading, "this help"),
    bind(&[code(KeyCode::Tab)], "Tab", Action::FocusNext, Reading, "focus the next pane"),
    bind(&[code(KeyCode::BackTab)], "Shift-Tab", Action::FocusPrev, Reading, "focus the previous pane"),
    bind(&[ch('j'), code(KeyCode::Down)], "j  ↓", Action::Down, Reading, "down one line / item"),
    bind(&[ch('k'), code(KeyCode::Up)], "k  ↑", Action::Up, Reading, "up one line / item"),
    bind(&[code(KeyCode::PageDown), ch(' '), ctrl('f')], "PgDn  Space  Ctrl-f", Action::PageDown, Reading, "down a page"),
    bind(&[code(KeyCode::PageUp), ch('b'), ctrl('b')], "PgUp  b  Ctrl-b", Action::PageUp, Reading, "up a page"),
    bind(&[ctrl('d')], "Ctrl-d", Action::HalfPageDown, Reading, "down half a page"),
    bind(&[ctrl('u')], "Ctrl-u", Action::HalfPageUp, Reading, "up half a page"),
    bind(&[ch('g'), code(KeyCode::Home)], "g  Home", Action::Top, Reading, "to the top"),
    bind(&[ch('G'), code(KeyCode::End)], "G  End", Action::Bottom, Reading, "to the bottom"),
    bind(&[ch(']')], "]", Action::NextQuote, Reading, "next quote in reading order"),
    bind(&[ch('[')], "[", Action::PrevQuote, Reading, "previous quote in reading order"),
    bind(&[ch('}')], "}", Action::NextSameSpeaker, Reading, "next quote by the same speaker"),
    bind(&[ch('{')], "{", Action::PrevSameSpeaker, Reading, "previous quote by the same speaker"),
    bind(&[code(KeyCode::Enter)], "Enter", Action::Open, Reading, "quotes/entities: jump the text there"),
    bind(&[ch('/')], "/", Action::StartSearch, Reading, "search the text (Enter to run)"),
    bind(&[ch('n')], "n", Action::NextHit, Reading, "next search hit / mention"),
    bind(&[ch('N')], "N", Action::PrevHit, Reading, "previous search hit / mention"),
    bind(&[ch('t')], "t", Action::NextTheme, Reading, "next colour theme"),
    bind(&[ch('h')], "h", Action::ToggleHighlight, Reading, "highlight the current quote (again: remove)"),
    bind(&[ch('v')], "v", Action::Select, Reading, "select sentences in the text"),
    bind(&[ch('a')], "a", Action::EditNote, Reading, "add or edit the note of the current highlight"),
    bind(&[ch('e')], "e", Action::ExportHighlights, Reading, "export highlights as Markdown"),
    bind(&[ch('W')], "W", Action::WriteDraft, Reading, "write a bare article's suggestions to <stem>.yaml"),
    bind(&[ch('H')], "H", Action::HighlightsList, Reading, "list of highlights"),
    bind(&[ch('i')], "i", Action::Details, Reading, "the quote, highlight and entity in full, notes and all"),
    bind(&[ch('y')], "y", Action::Copy, Reading, "copy the quote or highlight with its attribution (OSC 52)"),
    bind(&[ch('1')], "1", Action::Colour(1), Reading, "colour the current highlight: 1"),
    bind(&[ch('2')], "2", Action::Colour(2), Reading, "colour 2"),
    bind(&[ch('3')], "3", Action::Colour(3), Reading, "colour 3"),
    bind(&[ch('4')], "4", Action::Colour(4), Reading, "colour 4"),
    bind(&[ch('u')], "u", Action::Undo, Reading, "undo the last change to the highlights"),
    bind(&[ctrl('r')], "Ctrl-r", Action::Redo, Reading, "redo what u undid"),
    bind(&[code(KeyCode::Esc)], "Esc", Action::Cancel, Reading, "close, cancel"),
    bind(&[ch('S')], "S", Action::SpeakerStats, Reading, "who is quoted: quotes and words per speaker"),
    bind(&[ch('o')], "o", Action::Outline, Reading, "outline of the headings: jump to a section"),
    bind(&[ctrl('o')], "Ctrl-o", Action::JumpBack, Reading, "back to where the last jump left"),
    bind(&[ctrl('i'), ctrl('n')], "Ctrl-i  Ctrl-n", Action::JumpForward, Reading, "forward again (most terminals send Ctrl-i as Tab)"),
    bind(&[ch('j'), ch(')'), code(KeyCode::Down)], "j  )  ↓", Action::NextSentence, Selecting, "extend the selection by a sentence"),
    bind(&[ch('k'), ch('('), code(KeyCode::Up)], "k  (  ↑", Action::PrevSentence, Selecting, "shrink it by a sentence"),
    bind(&[ch('h')], "h", Action::ToggleHighlight, Selecting, "keep the selection as a highlight"),
    bind(&[ch('y')], "y", Action::Copy, Selecting, "copy the selection with the article's name (OSC 52)"),
    bind(&[ch('v'), code(KeyCode::Esc)], "v  Esc", Action::Cancel, Selecting, "drop the selection"),
    bind(&[ch('?')], "?", Action::ToggleHelp, Selecting, "this help"),
    bind(&[ch('q')], "q", Action::Quit, Selecting, "quit (opened from the library: back to the list)"),
    bind(&[ctrl('c')], "Ctrl-c", Action::Exit, Selecting, "quit scholia"),
    bind(&[ch('j'), code(KeyCode::Down)], "j  ↓", Action::Down, Overlay, "scroll down"),
    bind(&[ch('k'), code(KeyCode::Up)], "k  ↑", Action::Up, Overlay, "scroll up"),
    bind(&[code(KeyCode::PageDown), ch(' '), ctrl('f')], "PgDn  Space  Ctrl-f", Action::PageDown, Overlay, "down a page"),
    bind(&[code(KeyCode::PageUp), ch('b'), ctrl('b')], "PgUp  b  Ctrl-b", Action::PageUp, Overlay, "up a page"),
    bind(&[ctrl('d')], "Ctrl-d", Action::HalfPageDown, Overlay, "down half a page"),
    bind(&[ctrl('u')], "Ctrl-u", Action::HalfPageUp, Overlay, "up half a page"),
    bind(&[ch('g'), code(KeyCode::Home)], "g  Home", Action::Top, Overlay, "to the top"),
    bind(&[ch('G'), code(KeyCode::End)], "G  End", Action::Bottom, Overlay, "to the bottom"),
    bind(&[code(KeyCode::Esc), ch('?'), ch('q')], "Esc  ?  q", Action::Cancel, Overlay, "close the help"),
    bind(&[ctrl('c')], "Ctrl-c", Action::Exit, Overlay, "quit"),
    bind(&[ch('j'), code(KeyCode::Down)], "j  ↓", Action::Down, Details, "scroll down"),
    bind(&[ch('k'), code(KeyCode::Up)], "k  ↑", Action::Up, Details, "scroll up"),
    bind(&[code(KeyCode::PageDown), ch(' '), ctrl('f')], "PgDn  Space  Ctrl-f", Action::PageDown, Details, "down a page"),
    bind(&[code(KeyCode::PageUp), ch('b'), ctrl('b')], "PgUp  b  Ctrl-b", Action::PageUp, Details, "up a page"),
    bind(&[ctrl('d')], "Ctrl-d", Action::HalfPageDown, Details, "down half a page"),
    bind(&[ctrl('u')], "Ctrl-u", Action::HalfPageUp, Details, "up half a page"),
    bind(&[ch('g'), code(KeyCode::Home)], "g  Home", Action::Top, Details, "to the top"),
    bind(&[ch('G'), code(KeyCode::End)], "G  End", Action::Bottom, Details, "to the bottom"),
    bind(&[code(KeyCode::Esc), ch('i'), ch('q')], "Esc  i  q", Action::Cancel, Details, "close the details"),
    bind(&[ch('?')], "?", Action::ToggleHelp, Details, "this help"),
    bind(&[ctrl('c')], "Ctrl-c", Action::Exit, Details, "quit"),
    bind(&[ch('j'), code(KeyCode::Down)], "j  ↓", Action::Down, List, "next highlight"),
    bind(&[ch('k'), code(KeyCode::Up)], "k  ↑", Action::Up, List, "previous highlight"),
    bind(&[code(KeyCode::Enter)], "Enter", Action::Open, List, "jump to it in the text"),
    bind(&[ch('a')], "a", Action::EditNote, List, "add or edit its note"),
    bind(&[ch('i')], "i", Action::Details, List, "its details: the whole note"),
    bind(&[ch('y')], "y", Action::Copy, List, "copy it with its attribution (OSC 52)"),
    bind(&[ch('1')], "1", Action::Colour(1), List, "colour 1"),
    bind(&[ch('2')], "2", Action::Colour(2), List, "colour 2"),
    bind(&[ch('3')], "3", Action::Colour(3), List, "colour 3"),
    bind(&[ch('4')], "4", Action::Colour(4), List, "colour 4"),
    bind(&[ch('d'), ch('x')], "d  x", Action::ToggleHighlight, List, "remove it (u brings it back)"),
    bind(&[ch('u')], "u", Action::Undo, List, "undo the last change"),
    bind(&[ctrl('r')], "Ctrl-r", Action::Redo, List, "redo what u undid"),
    bind(&[ch('?')], "?", Action::ToggleHelp, List, "this help"),
    bind(&[code(KeyCode::Esc), ch('H'), ch('q')], "Esc  H  q", Action::Cancel, List, "close the list"),
    bind(&[ctrl('c')], "Ctrl-c", Action::Exit, List, "quit"),
    bind(&[ch('j'), code(KeyCode::Down)], "j  ↓", Action::Down, Outline, "next heading"),
    bind(&[ch('k'), code(KeyCode::Up)], "k  ↑", Action::Up, Outline, "previous heading"),
    bind(&[ch('g'), code(KeyCode::Home)], "g  Home", Action::Top, Outline, "first heading"),
    bind(&[ch('G'), code(KeyCode::End)], "G  End", Action::Bottom, Outline, "last heading"),
    bind(&[code(KeyCode::Enter)], "Enter", Action::Open, Outline, "jump to the section (Ctrl-o comes back)"),
    bind(&[ch('?')], "?", Action::ToggleHelp, Outline, "this help"),
    bind(&[code(KeyCode::Esc), ch('o'), ch('q')], "Esc  o  q", Action::Cancel, Outline, "close the outline"),
    bind(&[ctrl('c')], "Ctrl-c", Action::Exit, Outline, "quit"),
    bind(&[ch('j'), code(KeyCode::Down)], "j  ↓", Action::Down, Speakers, "next speaker"),
    bind(&[ch('k'), code(KeyCode::Up)], "k  ↑", Action::Up, Speakers, "previous speaker"),
    bind(&[ch('g'), code(KeyCode::Home)], "g  Home", Action::Top, Speakers, "first speaker"),
    bind(&[ch('G'), code(KeyCode::End)], "G  End", Action::Bottom, Speakers, "last speaker"),
    bind(&[ch('s')], "s", Action::SortSpeakers, Speakers, "sort by quotes, words, name"),
    bind(&[code(KeyCode::Enter)], "Enter", Action::Open, Speakers, "list the speaker's quotes"),
    bind(&[ch('?')], "?", Action::ToggleHelp, Speakers, "this help"),
    bind(&[code(KeyCode::Esc), ch('S'), ch('q')], "Esc  S  q", Action::Cancel, Speakers, "close the chart"),
    bind(&[ctrl('c')], "Ctrl-c", Action::Exit, Speakers, "quit"),
    bind(&[ch('j'), code(KeyCode::Down)], "j  ↓", Action::Down, SpeakerQuotes, "next quote"),
    bind(&[ch('k'), code(KeyCode::Up)], "k  ↑", Action::Up, SpeakerQuotes, "previous quote"),
    bind(&[ch('g'), code(KeyCode::Home)], "g  Home", Action::Top, SpeakerQuotes, "first quote"),
    bind(&[ch('G'), code(KeyCode::End)], "G  End", Action::Bottom, SpeakerQuotes, "last quote"),
    bind(&[code(KeyCode::Enter)], "Enter", Action::Open, SpeakerQuotes, "jump to the quote (Ctrl-o comes back)"),
    bind(&[ch('?')], "?", Action::ToggleHelp, SpeakerQuotes, "this help"),
    bind(&[code(KeyCode::Esc), ch('q')], "Esc  q", Action::Cancel, SpeakerQuotes, "back to the chart"),
    bind(&[ctrl('c')], "Ctrl-c", Action::Exit, SpeakerQuotes, "quit"),
];

/// The action for a key in a mode; `None` when the key means nothing there.
pub fn action_for(mode: &Mode, key: KeyEvent) -> Option<Action> {
    let Some(scope) = mode.scope() else {
        return prompt_action(key);
    };
    let pressed = normalize(key);
    BINDINGS
        .iter()
        .filter(|b| b.scope == scope)
        .find(|b| b.keys.contains(&pressed))
        .map(|b| b.action.clone())
}

/// The prompt's keys, for the help (the prompt itself reads them in `prompt_action`).
pub const PROMPT_KEYS: &[(&str, &str)] = &[
    ("Enter", "search / save the note"),
    ("Alt-Enter", "a new line in a note"),
    ("Esc  Ctrl-c", "cancel"),
    ("←  →  Ctrl-b  Ctrl-f", "move by a character"),
    ("Alt-b  Alt-f  Ctrl-←  Ctrl-→", "move by a word"),
    ("Home  End  Ctrl-a  Ctrl-e", "to the start / end"),
    ("Backspace  Delete  Ctrl-d", "delete a character"),
    (
        "Ctrl-w  Ctrl-u  Ctrl-k",
        "delete a word / to the start / to the end",
    ),
    ("↑  ↓", "an earlier / a later search (the search prompt)"),
    ("F1", "this help"),
];

/// In a prompt, keys are text, except the readline keys that move and edit and the few that end
/// it.
fn prompt_action(key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let edit = |e| Some(Action::Edit(e));
    match key.code {
        KeyCode::Enter if alt => edit(Edit::Newline),
        KeyCode::Enter => Some(Action::PromptSubmit),
        KeyCode::Esc => Some(Action::Cancel),
        KeyCode::F(1) => Some(Action::ToggleHelp),
        KeyCode::Backspace if ctrl || alt => edit(Edit::DeleteWord),
        KeyCode::Backspace => edit(Edit::Backspace),
        KeyCode::Delete => edit(Edit::Delete),
        KeyCode::Left if ctrl || alt => edit(Edit::WordLeft),
        KeyCode::Right if ctrl || alt => edit(Edit::WordRight),
        KeyCode::Left => edit(Edit::Left),
        KeyCode::Right => edit(Edit::Right),
        KeyCode::Up => Some(Action::Recall { older: true }),
        KeyCode::Down => Some(Action::Recall { older: false }),
        KeyCode::Home => edit(Edit::Home),
        KeyCode::End => edit(Edit::End),
        KeyCode::Char(c) if ctrl => match c.to_ascii_lowercase() {
            'c' => Some(Action::Cancel),
            'a' => edit(Edit::Home),
            'e' => edit(Edit::End),
            'b' => edit(Edit::Left),
            'f' => edit(Edit::Right),
            'd' => edit(Edit::Delete),
            'h' => edit(Edit::Backspace),
            'w' => edit(Edit::DeleteWord),
            'u' => edit(Edit::DeleteToStart),
            'k' => edit(Edit::DeleteToEnd),
            _ => None,
        },
        KeyCode::Char('b') if alt => edit(Edit::WordLeft),
        KeyCode::Char('f') if alt => edit(Edit::WordRight),
        KeyCode::Char(c) => edit(Edit::Insert(c)),
        _ => None,
    }
}

fn normalize(key: KeyEvent) -> Key {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let code = match key.code {
        // Terminals report Shift-Tab either way.
        KeyCode::Tab if key.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    Key { code, ctrl }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(c, m)
    }

    #[test]
    fn no_key_is_bound_twice_in_a_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.scope == b.scope {
                    for k in a.keys {
                        assert!(
                            !b.keys.contains(k),
                            "{k:?} bound twice: {} / {}",
                            a.help,
                            b.help
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn keys_by_mode() {
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        let prompt = Mode::Prompt {
            kind: crate::tui::model::PromptKind::Search { recalled: None },
            editor: crate::tui::editor::Editor::default(),
            back: Box::new(Mode::Normal),
        };
        let selecting = Mode::Selecting {
            span: crate::article::Span::new(0, 1),
        };
        assert_eq!(action_for(&Mode::Normal, j), Some(Action::Down));
        assert_eq!(action_for(&selecting, j), Some(Action::NextSentence));
        assert_eq!(
            action_for(&prompt, j),
            Some(Action::Edit(Edit::Insert('j')))
        );
        let c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&Mode::Normal, c), Some(Action::Exit));
        assert_eq!(action_for(&prompt, c), Some(Action::Cancel));
        let w = key(KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&prompt, w), Some(Action::Edit(Edit::DeleteWord)));
        let st = key(KeyCode::Tab, KeyModifiers::SHIFT);
        assert_eq!(action_for(&Mode::Normal, st), Some(Action::FocusPrev));
        let q = key(KeyCode::Char('?'), KeyModifiers::NONE);
        for mode in [
            Mode::Normal,
            selecting,
            Mode::Highlights { selected: 0 },
            Mode::Outline { selected: 0 },
        ] {
            assert_eq!(action_for(&mode, q), Some(Action::ToggleHelp), "{mode:?}");
        }
    }
}

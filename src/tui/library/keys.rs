//! The library screen's keys: the only place here that looks at `KeyCode`. The list's keys follow
//! the reader's (`j`/`k`, `g`/`G`, `/`, `?`, `q`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::model::{LibAction, Screen, SortKey};

/// The keys, as the help screen lists them.
pub const HELP: &[(&str, &str)] = &[
    ("j k  ↓ ↑", "move"),
    ("PgDn PgUp  g G", "page, first, last"),
    ("Enter", "read the article (Esc or q in it comes back here)"),
    (
        "/",
        "filter by title, source or speaker; Enter keeps it, Esc drops it",
    ),
    ("Esc", "clear the filter"),
    (
        "t d c p",
        "sort by title, date (newest first), quotes, path",
    ),
    (
        "S",
        "who is quoted across the folder; s sorts, Enter lists a speaker's quotes, Esc closes",
    ),
    (
        "  Enter",
        "in a speaker's quotes: read the article at that quote (Esc comes back)",
    ),
    ("?", "this help"),
    ("q  Ctrl-c", "quit"),
];

pub fn action_for(screen: &Screen, key: KeyEvent) -> Option<LibAction> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(LibAction::Quit);
    }
    if let Screen::Filter { .. } = screen {
        return match key.code {
            KeyCode::Enter => Some(LibAction::Enter),
            KeyCode::Esc => Some(LibAction::Cancel),
            KeyCode::Backspace => Some(LibAction::Backspace),
            KeyCode::Down => Some(LibAction::Down),
            KeyCode::Up => Some(LibAction::Up),
            KeyCode::Char(c) if !ctrl => Some(LibAction::Type(c)),
            _ => None,
        };
    }
    let action = match key.code {
        KeyCode::Char('j') | KeyCode::Down => LibAction::Down,
        KeyCode::Char('k') | KeyCode::Up => LibAction::Up,
        KeyCode::PageDown | KeyCode::Char(' ') => LibAction::PageDown,
        KeyCode::PageUp => LibAction::PageUp,
        KeyCode::Char('d') if ctrl => LibAction::PageDown,
        KeyCode::Char('u') if ctrl => LibAction::PageUp,
        KeyCode::Char('g') | KeyCode::Home => LibAction::Top,
        KeyCode::Char('G') | KeyCode::End => LibAction::Bottom,
        KeyCode::Char('/') => LibAction::StartFilter,
        KeyCode::Enter => LibAction::Enter,
        KeyCode::Esc => LibAction::Cancel,
        KeyCode::Char('t') => LibAction::Sort(SortKey::Title),
        KeyCode::Char('d') => LibAction::Sort(SortKey::Date),
        KeyCode::Char('c') => LibAction::Sort(SortKey::Quotes),
        KeyCode::Char('p') => LibAction::Sort(SortKey::Path),
        KeyCode::Char('s') => LibAction::NextSpeakerSort,
        KeyCode::Char('S') => LibAction::Speakers,
        KeyCode::Char('?') => LibAction::Help,
        KeyCode::Char('q') => LibAction::Quit,
        _ => return None,
    };
    Some(action)
}

//! Vim-style key notation for `render --keys`: plain characters and `<Tab>`, `<S-Tab>`,
//! `<Enter>`, `<Esc>`, `<Up>`, `<Down>`, `<PageDown>`, `<C-d>`, `<Space>`, `<lt>` for `<`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Parses KEYS into key events, or says which part is not understood.
pub fn parse(notation: &str) -> Result<Vec<KeyEvent>, String> {
    let mut out = Vec::new();
    let mut rest = notation;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(close) = rest.find('>')
            && close > 1
        {
            let name = &rest[1..close];
            out.push(
                named(name).ok_or_else(|| {
                    format!("unknown key `<{name}>`; write `<lt>` for a plain `<`")
                })?,
            );
            rest = &rest[close + 1..];
            continue;
        }
        out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        rest = &rest[c.len_utf8()..];
    }
    Ok(out)
}

fn named(name: &str) -> Option<KeyEvent> {
    let plain = |code| Some(KeyEvent::new(code, KeyModifiers::NONE));
    let lower = name.to_ascii_lowercase();
    if let Some(c) = lower.strip_prefix("c-")
        && let [c] = c.chars().collect::<Vec<_>>()[..]
    {
        return Some(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }
    match lower.as_str() {
        "tab" => plain(KeyCode::Tab),
        "s-tab" => Some(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
        "enter" | "cr" | "return" => plain(KeyCode::Enter),
        "esc" => plain(KeyCode::Esc),
        "up" => plain(KeyCode::Up),
        "down" => plain(KeyCode::Down),
        "left" => plain(KeyCode::Left),
        "right" => plain(KeyCode::Right),
        "pagedown" | "pgdn" => plain(KeyCode::PageDown),
        "pageup" | "pgup" => plain(KeyCode::PageUp),
        "home" => plain(KeyCode::Home),
        "end" => plain(KeyCode::End),
        "space" => plain(KeyCode::Char(' ')),
        "bs" | "backspace" => plain(KeyCode::Backspace),
        "lt" => plain(KeyCode::Char('<')),
        "gt" => plain(KeyCode::Char('>')),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_spec_notation() {
        let keys =
            parse("jj<Tab><S-Tab><Enter><Esc><Up><Down><PageDown><C-d><Space><lt>x").unwrap();
        let codes: Vec<_> = keys.iter().map(|k| k.code).collect();
        assert_eq!(codes[0], KeyCode::Char('j'));
        assert_eq!(codes[2], KeyCode::Tab);
        assert_eq!(codes[3], KeyCode::BackTab);
        assert_eq!(
            keys[9],
            KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)
        );
        assert_eq!(codes[10], KeyCode::Char(' '));
        assert_eq!(codes[11], KeyCode::Char('<'));
        assert_eq!(codes.len(), 13);
    }

    #[test]
    fn a_lone_angle_bracket_is_a_key_and_unknown_names_are_errors() {
        assert_eq!(parse("<").unwrap().len(), 1);
        assert!(parse("<Nope>").unwrap_err().contains("<Nope>"));
    }
}

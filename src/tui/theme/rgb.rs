//! Colours as RGB, for the SVG picture.

use ratatui::style::Color;

use super::Theme;

/// Where `resolve_rgb` turns for the terminal's own colours when the theme does not set the text
/// colours (the `NO_COLOR` theme, or a user's `text: {fg: reset}`): those of `themes/dark.yaml`.
const FALLBACK_FG: (u8, u8, u8) = (0xd0, 0xd0, 0xd0);
pub(super) const FALLBACK_BG: (u8, u8, u8) = (0x1c, 0x1c, 0x1c);

/// xterm's default colours for the 16 named colours, in ANSI order.
const ANSI_RGB: [(u8, u8, u8); 16] = [
    (0x00, 0x00, 0x00),
    (0xcd, 0x00, 0x00),
    (0x00, 0xcd, 0x00),
    (0xcd, 0xcd, 0x00),
    (0x00, 0x00, 0xee),
    (0xcd, 0x00, 0xcd),
    (0x00, 0xcd, 0xcd),
    (0xe5, 0xe5, 0xe5),
    (0x7f, 0x7f, 0x7f),
    (0xff, 0x00, 0x00),
    (0x00, 0xff, 0x00),
    (0xff, 0xff, 0x00),
    (0x5c, 0x5c, 0xff),
    (0xff, 0x00, 0xff),
    (0x00, 0xff, 0xff),
    (0xff, 0xff, 0xff),
];

/// The RGB a terminal shows for `color`: named colours and indices through xterm's palette,
/// `Reset` as the theme's text colour (fg or bg, as `is_fg` says) or, when the theme leaves that
/// to the terminal too, the default theme's.
pub fn resolve_rgb(color: Color, is_fg: bool, theme: &Theme) -> (u8, u8, u8) {
    let fallback = if is_fg { FALLBACK_FG } else { FALLBACK_BG };
    let base = if is_fg { theme.text.fg } else { theme.text.bg };
    fixed_rgb(color)
        .or_else(|| base.and_then(fixed_rgb))
        .unwrap_or(fallback)
}

/// The RGB of a colour that does not depend on the terminal's defaults (all but `Reset`).
fn fixed_rgb(color: Color) -> Option<(u8, u8, u8)> {
    let ansi = |i: usize| ANSI_RGB.get(i).copied();
    match color {
        Color::Reset => None,
        Color::Black => ansi(0),
        Color::Red => ansi(1),
        Color::Green => ansi(2),
        Color::Yellow => ansi(3),
        Color::Blue => ansi(4),
        Color::Magenta => ansi(5),
        Color::Cyan => ansi(6),
        Color::Gray => ansi(7),
        Color::DarkGray => ansi(8),
        Color::LightRed => ansi(9),
        Color::LightGreen => ansi(10),
        Color::LightYellow => ansi(11),
        Color::LightBlue => ansi(12),
        Color::LightMagenta => ansi(13),
        Color::LightCyan => ansi(14),
        Color::White => ansi(15),
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(i) => Some(xterm_rgb(i)),
    }
}

/// The xterm 256-colour palette: 16 system colours, a 6×6×6 cube, then 24 greys.
fn xterm_rgb(i: u8) -> (u8, u8, u8) {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match i {
        0..=15 => ANSI_RGB[usize::from(i)],
        16..=231 => {
            let n = usize::from(i - 16);
            (LEVELS[n / 36], LEVELS[(n / 6) % 6], LEVELS[n % 6])
        }
        232..=255 => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
    }
}

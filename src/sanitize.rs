//! Display hygiene: nothing read from a file ever reaches the terminal as a control sequence.
//!
//! An article body, a title or a note may hold bytes that a terminal would obey rather than show:
//! `ESC [ 2 J` clears the screen, OSC 8 makes hyperlinks, C1 `CSI` (U+009B) starts a sequence on
//! its own in some terminals, and bidi overrides (U+202E) make text read backwards so that what is
//! shown is not what is there. Each such character is drawn as a visible, inert stand-in instead.
//!
//! The rule that makes this safe to apply to a body is that **every char maps to exactly one
//! drawn char of display width 1** (or is left as it is): char offsets into the body, which the
//! whole reader works in, stay valid after cleaning, and columns never shift.
//!
//! | input | drawn as | why |
//! | --- | --- | --- |
//! | C0 controls U+0000–U+001F (but `\t`, `\r`, `\n`) | Control Pictures `␀`…`␟` (U+2400 + code) | the standard visible names of those codes |
//! | DEL U+007F | `␡` (U+2421) | same |
//! | tab | one space | a tab's width depends on its column, which would break one char = one cell |
//! | `\r` | one space | mostly the tail of a CRLF line end: invisible at a line's end, harmless inside |
//! | `\n` | one space | only when the caller did not split lines at it first; [`display_text`] keeps it |
//! | C1 controls U+0080–U+009F | `�` (U+FFFD, [`C1_PLACEHOLDER`]) | they have no pictures; U+FFFD already means "a character that cannot be shown" |
//! | bidi controls, zero-width and other invisible format characters: Unicode's whole Default_Ignorable_Code_Point set, tag characters included (see [`is_invisible`]) | `¤` (U+00A4, [`INVISIBLE_PLACEHOLDER`]) | rare in news text, so it reads as a mark rather than as content; a middle dot `·` occurs in real words (Catalan `l·l`) |
//!
//! Everything else, including combining marks, emoji and CJK, is drawn unchanged. Two kinds of
//! invisible characters are kept where they do their ordinary work, since there they join and do
//! not attack ([`display_char_in`]): ZWJ and ZWNJ between two letters, marks or emoji (Persian
//! `می‌خواهم`, Devanagari `क्‍ष`, the family emoji `👨‍👩‍👧`), and a variation selector right after a
//! visible character (`❤️`, `1️⃣`). Bidi overrides and isolates are never kept.

use std::ops::RangeInclusive;

/// Drawn for a C1 control character (U+0080–U+009F).
pub const C1_PLACEHOLDER: char = '\u{FFFD}';

/// Drawn for a bidi control, a zero-width character or another invisible format character.
pub const INVISIBLE_PLACEHOLDER: char = '\u{A4}';

/// Bidi controls: embeddings and overrides, isolates, and the implicit marks. Any of them can make
/// text display in an order other than the one it is stored in ("Trojan Source").
const BIDI: [RangeInclusive<char>; 5] = [
    '\u{061C}'..='\u{061C}', // ARABIC LETTER MARK
    '\u{200E}'..='\u{200F}', // LRM, RLM
    '\u{202A}'..='\u{202E}', // LRE, RLE, PDF, LRO, RLO
    '\u{2066}'..='\u{2069}', // LRI, RLI, FSI, PDI
    '\u{2028}'..='\u{2029}', // LINE and PARAGRAPH SEPARATOR: invisible breaks (bidi class B/WS)
];

/// Characters that draw nothing but change what text means or how it joins: a word that contains
/// them looks like one that does not.
const ZERO_WIDTH: [RangeInclusive<char>; 7] = [
    '\u{180E}'..='\u{180E}', // MONGOLIAN VOWEL SEPARATOR
    '\u{200B}'..='\u{200D}', // ZERO WIDTH SPACE, NON-JOINER, JOINER
    '\u{2060}'..='\u{2060}', // WORD JOINER
    '\u{2061}'..='\u{2064}', // invisible math operators
    '\u{206A}'..='\u{206F}', // deprecated format characters (symmetric swapping, shaping)
    '\u{FEFF}'..='\u{FEFF}', // ZERO WIDTH NO-BREAK SPACE / byte-order mark inside text
    '\u{FFF9}'..='\u{FFFB}', // interlinear annotation anchors
];

/// The rest of Unicode's Default_Ignorable_Code_Point set (DerivedCoreProperties 16.0) not
/// already in [`BIDI`] or [`ZERO_WIDTH`]: characters that draw nothing at all, so that a word
/// holding one looks the same as a word without.
const DEFAULT_IGNORABLE: [RangeInclusive<char>; 16] = [
    '\u{00AD}'..='\u{00AD}',   // SOFT HYPHEN
    '\u{034F}'..='\u{034F}',   // COMBINING GRAPHEME JOINER
    '\u{115F}'..='\u{1160}',   // HANGUL CHOSEONG/JUNGSEONG FILLER
    '\u{17B4}'..='\u{17B5}',   // KHMER VOWEL INHERENT AQ, AA
    '\u{180B}'..='\u{180F}',   // MONGOLIAN FREE VARIATION SELECTORS
    '\u{2065}'..='\u{2065}',   // unassigned, reserved as ignorable
    '\u{3164}'..='\u{3164}',   // HANGUL FILLER
    '\u{FE00}'..='\u{FE0F}',   // VARIATION SELECTORS (kept after a visible char)
    '\u{FFA0}'..='\u{FFA0}',   // HALFWIDTH HANGUL FILLER
    '\u{FFF0}'..='\u{FFF8}',   // unassigned, reserved as ignorable
    '\u{1BCA0}'..='\u{1BCA3}', // SHORTHAND FORMAT CONTROLS
    '\u{1D173}'..='\u{1D17A}', // MUSICAL SYMBOL format controls
    '\u{E0000}'..='\u{E007F}', // TAG characters
    '\u{E0080}'..='\u{E00FF}', // unassigned, reserved as ignorable
    '\u{E0100}'..='\u{E01EF}', // VARIATION SELECTORS SUPPLEMENT (kept after a visible char)
    '\u{E01F0}'..='\u{E0FFF}', // unassigned, reserved as ignorable
];

/// How one char of input is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DisplayChar {
    /// Drawn as it is.
    Kept(char),
    /// Drawn as this stand-in; a pane may style it (dim) to show that it is not the text itself.
    Replaced(char),
}

impl DisplayChar {
    /// The char to draw.
    pub fn char(self) -> char {
        match self {
            DisplayChar::Kept(c) | DisplayChar::Replaced(c) => c,
        }
    }

    pub fn is_replaced(self) -> bool {
        matches!(self, DisplayChar::Replaced(_))
    }
}

/// Whether `c` is a bidi control or an invisible (zero-width or format) character, drawn as
/// [`INVISIBLE_PLACEHOLDER`].
pub fn is_invisible(c: char) -> bool {
    BIDI.iter()
        .chain(ZERO_WIDTH.iter())
        .chain(DEFAULT_IGNORABLE.iter())
        .any(|r| r.contains(&c))
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// A char that a joiner may stand beside: a letter or digit, or any visible non-ASCII char (a
/// mark such as a virama, an emoji), or a variation selector that ends an emoji.
fn joins(c: char) -> bool {
    if is_variation_selector(c) {
        return true;
    }
    !c.is_whitespace()
        && !c.is_control()
        && !is_invisible(c)
        && (c.is_alphanumeric() || !c.is_ascii())
}

/// [`display_char`] knowing the chars on either side: ZWJ and ZWNJ between two chars that
/// [`joins`] accepts, and a variation selector after a visible char, are kept.
pub fn display_char_in(prev: Option<char>, c: char, next: Option<char>) -> DisplayChar {
    if is_joiner(c) && prev.is_some_and(joins) && next.is_some_and(joins) {
        return DisplayChar::Kept(c);
    }
    if is_variation_selector(c)
        && prev.is_some_and(|p| !p.is_whitespace() && !p.is_control() && !is_invisible(p))
    {
        return DisplayChar::Kept(c);
    }
    display_char(c)
}

/// What to draw for one char of input. Always exactly one char, of display width 1 when replaced.
pub fn display_char(c: char) -> DisplayChar {
    match c {
        '\t' | '\r' | '\n' => DisplayChar::Replaced(' '),
        '\u{0}'..='\u{1F}' => {
            // Control Pictures sit at U+2400 + the code, in the same order.
            let picture = char::from_u32(0x2400 + u32::from(c)).unwrap_or(C1_PLACEHOLDER);
            DisplayChar::Replaced(picture)
        }
        '\u{7F}' => DisplayChar::Replaced('\u{2421}'),
        '\u{80}'..='\u{9F}' => DisplayChar::Replaced(C1_PLACEHOLDER),
        c if is_invisible(c) => DisplayChar::Replaced(INVISIBLE_PLACEHOLDER),
        c => DisplayChar::Kept(c),
    }
}

/// A body made safe to draw, keeping its `\n` line breaks: the result has exactly as many chars as
/// the input, so char offsets into the body apply to it unchanged.
pub fn display_text(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut prev = None;
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(if c == '\n' {
            c
        } else {
            display_char_in(prev, c, chars.peek().copied()).char()
        });
        prev = Some(c);
    }
    out
}

/// Text printed straight to a terminal (an export without `-o`): as [`display_text`], but tabs
/// are kept as well as line breaks, since a terminal only moves the cursor for them.
pub fn terminal_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(if c == '\n' || c == '\t' {
            c
        } else {
            display_char_in(prev, c, chars.peek().copied()).char()
        });
        prev = Some(c);
    }
    out
}

/// A one-line string made safe to draw: for titles, names, notes and messages. Line breaks
/// (`\r\n`, `\n`, `\r`) and tabs become a single space; everything else as [`display_char`].
/// Unlike [`display_text`] it may be shorter than its input (a `\r\n` becomes one space).
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            chars.next();
        }
        out.push(display_char_in(prev, c, chars.peek().copied()).char());
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

    const HOSTILE: &str = concat!(
        "a\u{1b}[2Jb",                                               // clear screen
        "\u{1b}]8;;https://evil.example\u{7}link\u{1b}]8;;\u{1b}\\", // OSC 8 hyperlink
        "\u{7}",                                                     // BEL
        "\u{9b}31m",                                                 // C1 CSI
        "\u{9d}0;title\u{9c}",                                       // C1 OSC … ST
        "\u{202e}txet\u{202c}",                                      // RLO … PDF
        "x \u{200d}y\u{200b}z\u{feff}", // ZWJ (joining nothing), ZWSP, BOM
        "\u{2066}iso\u{2069}",          // LRI … PDI
        "\u{0}\u{7f}\t\r",              // NUL, DEL, tab, CR
    );

    fn is_dangerous(c: char) -> bool {
        c.is_control() || is_invisible(c)
    }

    #[test]
    fn hostile_text_loses_every_control_and_keeps_its_length() {
        let shown = display_text(HOSTILE);
        assert_eq!(shown.chars().count(), HOSTILE.chars().count());
        assert!(!shown.chars().any(is_dangerous), "{shown:?}");
        // One char, one cell: nothing here is wide, so width equals length.
        assert_eq!(shown.width(), shown.chars().count());
        assert!(shown.starts_with("a␛[2Jb␛]8;;https://evil.example␇link"));
        assert!(shown.contains("\u{FFFD}31m"));
        assert!(shown.contains("¤txet¤"));
        assert!(shown.contains("x ¤y¤z¤"));
        assert!(shown.ends_with("␀␡  "));
    }

    /// ratatui agrees: drawn into a buffer, each char of the cleaned text takes exactly one cell
    /// (ratatui drops control and zero-width graphemes, which would shift every later column).
    #[test]
    fn ratatui_draws_one_cell_per_char() {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        use ratatui::style::Style;

        let shown = display_text(HOSTILE);
        let n = shown.chars().count();
        let mut buf = Buffer::empty(Rect::new(0, 0, u16::try_from(n).unwrap() + 5, 1));
        let (end, _) = buf.set_stringn(0, 0, &shown, usize::MAX, Style::new());
        assert_eq!(usize::from(end), n);
        let drawn: String = (0..end).map(|x| buf[(x, 0)].symbol()).collect();
        assert_eq!(drawn, shown);
    }

    #[test]
    fn display_text_keeps_line_breaks_and_clean_removes_them() {
        assert_eq!(display_text("a\nb"), "a\nb");
        assert_eq!(clean("a\nb\r\nc\rd\te"), "a b c d e");
        assert_eq!(clean("t\u{1b}[31m"), "t␛[31m");
        assert!(!clean(HOSTILE).chars().any(is_dangerous));
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let text = "Zoë said “ça va” — 東京 👍? l·l é\u{301}\nnext";
        assert_eq!(display_text(text), text);
        assert_eq!(clean("Ōsaka, 大阪"), "Ōsaka, 大阪");
    }

    #[test]
    fn c0_controls_become_their_control_pictures() {
        assert_eq!(display_char('\u{0}'), DisplayChar::Replaced('␀'));
        assert_eq!(display_char('\u{1b}'), DisplayChar::Replaced('␛'));
        assert_eq!(display_char('\u{1f}'), DisplayChar::Replaced('␟'));
        assert_eq!(display_char('\u{7f}'), DisplayChar::Replaced('␡'));
        assert_eq!(display_char('\t'), DisplayChar::Replaced(' '));
        assert_eq!(display_char('A'), DisplayChar::Kept('A'));
        assert!(display_char('\u{9b}').is_replaced());
    }

    /// Every char there is: nothing dangerous survives, and every stand-in is one cell wide (the
    /// way ratatui measures, with unicode-width), so offsets and columns never shift.
    #[test]
    fn every_char_maps_to_one_safe_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let shown = display_char(c);
            let d = shown.char();
            assert!(
                !is_dangerous(d),
                "U+{:04X} drawn as U+{:04X}",
                c as u32,
                d as u32
            );
            match shown {
                DisplayChar::Replaced(r) => {
                    assert_eq!(
                        r.width(),
                        Some(1),
                        "U+{:04X} → U+{:04X}",
                        c as u32,
                        r as u32
                    );
                    assert!(is_dangerous(c), "U+{:04X} replaced needlessly", c as u32);
                }
                DisplayChar::Kept(k) => assert_eq!(k, c),
            }
        }
    }

    #[test]
    fn joiners_between_letters_and_emoji_are_kept() {
        for word in [
            "می\u{200C}خواهم",        // Persian, ZWNJ
            "क्\u{200D}ष",             // Devanagari, virama + ZWJ
            "👨\u{200D}👩\u{200D}👧", // a family emoji
            "❤\u{FE0F}\u{200D}🔥",    // VS16 then ZWJ
            "1\u{FE0F}\u{20E3}",      // keycap
        ] {
            assert_eq!(display_text(word), word, "{word:?}");
            assert_eq!(clean(word), word, "{word:?}");
        }
        // Where they join nothing, they hide something: shown.
        assert_eq!(clean("\u{200D}a b\u{200C} c"), "¤a b¤ c");
        assert_eq!(clean(" \u{FE0F}"), " ¤");
        // Overrides and isolates stay blocked between letters too.
        assert_eq!(clean("a\u{202E}b\u{2066}c"), "a¤b¤c");
    }

    #[test]
    fn the_rest_of_default_ignorable_is_shown() {
        for c in [
            '\u{034F}',
            '\u{17B4}',
            '\u{17B5}',
            '\u{E0041}',
            '\u{E007F}',
            '\u{AD}',
            '\u{3164}',
        ] {
            assert_eq!(clean(&format!("a{c}b")), "a¤b", "U+{:04X}", c as u32);
        }
    }
}

//! The screen as an SVG picture (`scholia render --svg FILE`), in the theme's colours, for READMEs
//! and docs.
//!
//! Every cell sits on a fixed grid. Backgrounds are rectangles, merged along a row where the
//! colour runs on; text is one `<text>` per run of cells with the same look, given its exact
//! width (`textLength`) so that a font a little wider or narrower than the grid still lines up.
//! A wide character (CJK, most emoji) takes two cells and gets a `<text>` of its own, since the
//! fallback font that draws it rarely has the grid's proportions.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use crate::tui::theme::{Theme, resolve_rgb};

/// One cell, in px: 0.6 em wide, the advance of common monospace fonts at `FONT_SIZE`.
const CELL_W: f64 = 8.4;
const CELL_H: f64 = 17.0;
const FONT_SIZE: f64 = 14.0;
/// The text baseline, down from the top of its cell.
const BASELINE: f64 = 13.0;
const FONT_FAMILY: &str = "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace";
/// How much of its colour dim text keeps.
const DIM_OPACITY: &str = "0.6";

type Rgb = (u8, u8, u8);

/// What a text run shares: a change in any of these starts a new `<text>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Look {
    fg: Rgb,
    bold: bool,
    italic: bool,
    underline: bool,
    crossed_out: bool,
    dim: bool,
}

impl Look {
    fn is_decorated(self) -> bool {
        self.underline || self.crossed_out
    }
}

/// A cell as drawn: its column, how many columns it covers, what it shows and how.
struct Glyph {
    col: u16,
    width: u16,
    text: String,
    bg: Rgb,
    look: Look,
}

/// The screen in `buffer` as a standalone SVG document.
pub fn buffer_to_svg(buffer: &Buffer, theme: &Theme) -> String {
    let area = buffer.area;
    let width = f64::from(area.width) * CELL_W;
    let height = f64::from(area.height) * CELL_H;
    let page = resolve_rgb(Color::Reset, false, theme);

    let mut backgrounds = String::new();
    let mut texts = String::new();
    for row in 0..area.height {
        let glyphs = row_glyphs(buffer, row, theme);
        write_backgrounds(&mut backgrounds, &glyphs, row, page);
        write_texts(&mut texts, &glyphs, row);
    }

    let (w, h) = (num(width), num(height));
    let mut svg = String::new();
    // `write!` into a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#
    );
    let _ = writeln!(
        svg,
        r#"<rect width="100%" height="100%" fill="{}"/>"#,
        hex(page)
    );
    let _ = writeln!(svg, r#"<g shape-rendering="crispEdges">"#);
    svg.push_str(&backgrounds);
    svg.push_str("</g>\n");
    let _ = writeln!(
        svg,
        r#"<g font-family="{FONT_FAMILY}" font-size="{}" xml:space="preserve">"#,
        num(FONT_SIZE)
    );
    svg.push_str(&texts);
    svg.push_str("</g>\n</svg>\n");
    svg
}

/// The glyphs of one row, the cells hidden under a wide character left out.
fn row_glyphs(buffer: &Buffer, row: u16, theme: &Theme) -> Vec<Glyph> {
    let area = buffer.area;
    let mut glyphs = Vec::with_capacity(usize::from(area.width));
    let mut col = 0;
    while col < area.width {
        let Some(cell) = buffer.cell((area.x + col, area.y + row)) else {
            break;
        };
        let mut fg = resolve_rgb(cell.fg, true, theme);
        let mut bg = resolve_rgb(cell.bg, false, theme);
        let m = cell.modifier;
        if m.contains(Modifier::REVERSED) {
            std::mem::swap(&mut fg, &mut bg);
        }
        let symbol = cell.symbol();
        // A wide character covers the next cell too (ratatui leaves that one blank); a symbol
        // of no width (a lone combining mark) still takes its own cell.
        let width = u16::try_from(symbol.width())
            .unwrap_or(1)
            .clamp(1, 2)
            .min(area.width - col);
        let text = if m.contains(Modifier::HIDDEN) {
            " ".repeat(usize::from(width))
        } else {
            let escaped = escape(symbol);
            // Keep one character per column, so that the run's spacing stays on the grid.
            if escaped.is_empty() {
                " ".to_string()
            } else {
                escaped
            }
        };
        glyphs.push(Glyph {
            col,
            width,
            text,
            bg,
            look: Look {
                fg,
                bold: m.contains(Modifier::BOLD),
                italic: m.contains(Modifier::ITALIC),
                underline: m.contains(Modifier::UNDERLINED),
                crossed_out: m.contains(Modifier::CROSSED_OUT),
                dim: m.contains(Modifier::DIM),
            },
        });
        col += width;
    }
    glyphs
}

/// One rectangle per run of cells whose background is not the page's.
fn write_backgrounds(out: &mut String, glyphs: &[Glyph], row: u16, page: Rgb) {
    for run in glyphs.chunk_by(|a, b| a.bg == b.bg) {
        let (Some(first), Some(last)) = (run.first(), run.last()) else {
            continue;
        };
        if first.bg == page {
            continue;
        }
        let cols = last.col + last.width - first.col;
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
            num(f64::from(first.col) * CELL_W),
            num(f64::from(row) * CELL_H),
            num(f64::from(cols) * CELL_W),
            num(CELL_H),
            hex(first.bg)
        );
    }
}

/// One `<text>` per run of narrow glyphs with one look, and one per wide glyph.
fn write_texts(out: &mut String, glyphs: &[Glyph], row: u16) {
    let runs = glyphs.chunk_by(|a, b| a.look == b.look && a.width == 1 && b.width == 1);
    for run in runs {
        let Some(first) = run.first() else {
            continue;
        };
        let look = first.look;
        // Blank cells need no text unless a line is drawn through or under them.
        let blank = |g: &Glyph| g.text.trim().is_empty();
        let run = if look.is_decorated() {
            run
        } else {
            let start = run.iter().position(|g| !blank(g)).unwrap_or(run.len());
            let end = run.iter().rposition(|g| !blank(g)).map_or(start, |i| i + 1);
            &run[start..end]
        };
        let (Some(first), Some(last)) = (run.first(), run.last()) else {
            continue;
        };
        let cols = last.col + last.width - first.col;
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" fill="{}""#,
            num(f64::from(first.col) * CELL_W),
            num(f64::from(row) * CELL_H + BASELINE),
            hex(look.fg)
        );
        if run.len() > 1 || first.width > 1 {
            let _ = write!(
                out,
                r#" textLength="{}" lengthAdjust="spacing""#,
                num(f64::from(cols) * CELL_W)
            );
        }
        if look.bold {
            out.push_str(r#" font-weight="bold""#);
        }
        if look.italic {
            out.push_str(r#" font-style="italic""#);
        }
        match (look.underline, look.crossed_out) {
            (true, true) => out.push_str(r#" text-decoration="underline line-through""#),
            (true, false) => out.push_str(r#" text-decoration="underline""#),
            (false, true) => out.push_str(r#" text-decoration="line-through""#),
            (false, false) => {}
        }
        if look.dim {
            let _ = write!(out, r#" fill-opacity="{DIM_OPACITY}""#);
        }
        out.push('>');
        for g in run {
            out.push_str(&g.text);
        }
        out.push_str("</text>\n");
    }
}

/// Text made safe for XML: the five special characters as entities, and what XML 1.0 cannot
/// hold, or a terminal would obey, removed (control characters, U+FFFE, U+FFFF).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// A length in px, with at most two decimals and none when whole.
fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    /// A minimal XML well-formedness check: tags nest and close, attributes are quoted, text and
    /// attribute values hold no raw `<` and only the five predefined entities, and every
    /// character is one XML 1.0 allows. Returns the elements in document order.
    fn check_xml(doc: &str) -> Vec<String> {
        fn check_text(t: &str) {
            assert!(!t.contains('<'), "raw < in {t:?}");
            let mut rest = t;
            while let Some(i) = rest.find('&') {
                rest = &rest[i + 1..];
                let ok = ["amp;", "lt;", "gt;", "quot;", "apos;"]
                    .iter()
                    .any(|e| rest.starts_with(e));
                assert!(ok, "bad entity in {t:?}");
            }
            for c in t.chars() {
                let ok = matches!(c, '\t' | '\n' | '\r')
                    || (!c.is_control() && c != '\u{FFFE}' && c != '\u{FFFF}');
                assert!(ok, "U+{:04X} in {t:?}", c as u32);
            }
        }
        let mut stack: Vec<String> = Vec::new();
        let mut elements = Vec::new();
        let mut rest = doc;
        let mut roots = 0;
        while let Some(open) = rest.find('<') {
            check_text(&rest[..open]);
            let close = rest[open..].find('>').expect("unclosed tag") + open;
            let tag = &rest[open + 1..close];
            rest = &rest[close + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
                continue;
            }
            let (tag, empty) = match tag.strip_suffix('/') {
                Some(t) => (t, true),
                None => (tag, false),
            };
            let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
            let name = &tag[..name_end];
            assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()));
            // Attributes: name="value" pairs, nothing else.
            let mut attrs = tag[name_end..].trim();
            while !attrs.is_empty() {
                let eq = attrs.find("=\"").expect("attribute without =\"");
                let key = &attrs[..eq];
                assert!(
                    key.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':')
                );
                let after = &attrs[eq + 2..];
                let end = after.find('"').expect("unterminated attribute");
                check_text(&after[..end]);
                attrs = after[end + 1..].trim_start();
            }
            if stack.is_empty() {
                roots += 1;
            }
            elements.push(name.to_string());
            if !empty {
                stack.push(name.to_string());
            }
        }
        check_text(rest);
        assert!(rest.trim().is_empty(), "text after the root");
        assert!(stack.is_empty(), "unclosed {stack:?}");
        assert_eq!(roots, 1);
        elements
    }

    fn sample() -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
        let bold = Style::new()
            .fg(Color::Rgb(1, 2, 3))
            .add_modifier(Modifier::BOLD);
        buf.set_string(0, 0, "Hi <&>", bold);
        buf.set_string(
            0,
            1,
            "\"a'",
            Style::new().fg(Color::Indexed(196)).bg(Color::Indexed(21)),
        );
        buf.set_string(4, 1, "東x", Style::new().add_modifier(Modifier::UNDERLINED));
        buf.set_string(0, 2, "rev", Style::new().add_modifier(Modifier::REVERSED));
        // A control character that slipped into a cell must not reach the file.
        buf[(8, 2)].set_symbol("\u{1b}");
        buf
    }

    #[test]
    fn the_picture_is_well_formed_and_escaped() {
        let svg = buffer_to_svg(&sample(), &Theme::default());
        let elements = check_xml(&svg);
        assert_eq!(elements.first().map(String::as_str), Some("svg"));
        assert!(
            svg.contains(r#"width="100.8" height="51" viewBox="0 0 100.8 51""#),
            "{svg}"
        );
        assert!(svg.contains(r#"xml:space="preserve""#));
        assert!(svg.contains(">Hi &lt;&amp;&gt;</text>"), "{svg}");
        assert!(svg.contains(">&quot;a&apos;</text>"), "{svg}");
        assert!(!svg.contains('\u{1b}'));
    }

    #[test]
    fn styles_become_attributes() {
        let svg = buffer_to_svg(&sample(), &Theme::default());
        let line = |needle: &str| {
            svg.lines()
                .find(|l| l.contains(needle))
                .unwrap_or_else(|| panic!("no {needle} in {svg}"))
                .to_string()
        };
        let hi = line(">Hi ");
        assert!(hi.contains(r##"fill="#010203""##) && hi.contains(r#"font-weight="bold""#));
        assert!(hi.contains(r#"x="0" y="13""#), "{hi}");
        // Indexed colours through the xterm palette; the background as a rectangle.
        assert!(line("&quot;a").contains(r##"fill="#ff0000""##));
        assert!(svg.contains(r##"<rect x="0" y="17" width="25.2" height="17" fill="#0000ff"/>"##));
        // Reversed: the text takes the page colour, the cell the text colour.
        let rev = line(">rev<");
        assert!(rev.contains(r##"fill="#1c1c1c""##), "{rev}");
        assert!(svg.contains(r##"<rect x="0" y="34" width="25.2" height="17" fill="#d0d0d0"/>"##));
    }

    #[test]
    fn a_wide_character_takes_two_cells_and_its_own_text() {
        let svg = buffer_to_svg(&sample(), &Theme::default());
        // 東 at column 4, x after it at column 6 — not 5: the hidden cell is skipped.
        let wide = svg.lines().find(|l| l.contains(">東<")).unwrap_or_default();
        assert!(
            wide.contains(r#"x="33.6""#) && wide.contains(r#"textLength="16.8""#),
            "{svg}"
        );
        assert!(wide.contains(r#"text-decoration="underline""#));
        let after = svg.lines().find(|l| l.contains(">x<")).unwrap_or_default();
        assert!(after.contains(r#"x="50.4""#), "{svg}");
    }

    #[test]
    fn empty_and_tiny_screens() {
        let theme = Theme::default();
        let svg = buffer_to_svg(&Buffer::empty(Rect::new(0, 0, 0, 0)), &theme);
        assert_eq!(check_xml(&svg), ["svg", "rect", "g", "g"]);
        // A wide character in the last column is cut to the one cell there is.
        let mut buf = Buffer::empty(Rect::new(5, 5, 1, 1));
        buf[(5, 5)].set_symbol("😀");
        let svg = buffer_to_svg(&buf, &theme);
        check_xml(&svg);
        assert!(svg.contains(r#"width="8.4" height="17""#));
        assert!(svg.contains(">😀</text>"));
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(25.200000000000003), "25.2");
        assert_eq!(num(17.0), "17");
        assert_eq!(num(0.0), "0");
        assert_eq!(escape("a\u{7}\u{9b}<b>\u{ffff}"), "a&lt;b&gt;");
    }
}

//! (being written on branch `theme`)
pub fn display_char(c: char) -> char {
    if c.is_control() { '\u{fffd}' } else { c }
}

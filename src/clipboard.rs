//! Copying to the system clipboard through the terminal: OSC 52, as neovim and tmux do it.
//!
//! The program writes `ESC ] 52 ; c ; <base64 of the text> ESC \` to its terminal, and the
//! terminal puts the text on the clipboard. Nothing needs to be installed, and it works over
//! ssh, since the sequence travels to whichever terminal the user is looking at. Inside tmux,
//! tmux takes it (with `set -g set-clipboard on`) into a paste buffer and passes it on to the
//! terminal outside. A terminal that does not know OSC 52 ignores it.
//!
//! Only the frame itself is a control sequence: the text inside is base64, which has no control
//! bytes, so nothing from an article can reach the terminal as a command this way.

/// The most text one copy sends. Terminals cap what they accept in one OSC 52 (hterm and some
/// others near 100 000 bytes of base64); a quote is a few hundred bytes, so this only stops a
/// runaway selection.
pub const MAX_TEXT: usize = 64 * 1024;

/// The OSC 52 sequence that puts `text` on the clipboard (`c`), ended by ST (`ESC \`).
pub fn osc52(text: &str) -> String {
    format!("\u{1b}]52;c;{}\u{1b}\\", base64(text.as_bytes()))
}

/// Standard base64 (RFC 4648 §4), with `=` padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let sextet = |shift: u32| char::from(ALPHABET[((n >> shift) & 63) as usize]);
        out.push(sextet(18));
        out.push(sextet(12));
        out.push(if chunk.len() > 1 { sextet(6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(0) } else { '=' });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_test_vectors() {
        // RFC 4648 §10.
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        // UTF-8 goes as its bytes: “é” is E2 80 9C C3 A9.
        assert_eq!(base64("“é".as_bytes()), "4oCcw6k=");
    }

    #[test]
    fn the_frame_is_the_only_control_sequence() {
        let text = "a\u{1b}]52;c;evil\u{7}\u{1b}[2J\u{9b}b";
        let frame = osc52(text);
        assert!(frame.starts_with("\u{1b}]52;c;") && frame.ends_with("\u{1b}\\"));
        let payload = &frame["\u{1b}]52;c;".len()..frame.len() - 2];
        assert!(
            payload
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'='),
            "{payload:?}"
        );
        assert_eq!(frame.matches('\u{1b}').count(), 2);
        assert_eq!(payload, base64(text.as_bytes()));
    }
}

//! The format's two foldings ("Finding text"): typographic quote marks match their plain forms,
//! and any run of whitespace matches any other. Both the body and what is searched for are folded;
//! a map from the folded text back to the body's char offsets turns matches into body spans.

/// The folded form of one character, if it changes.
fn fold_char(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => '"',
        other => other,
    }
}

/// Folds a pattern (segment, name, alias, search text): quotes folded, whitespace runs become one
/// space, leading and trailing whitespace dropped.
pub fn fold_pattern(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(fold_char(c));
        }
    }
    out
}

/// The folded body with the way back to the original.
#[derive(Clone, Debug)]
pub struct Folded {
    pub text: String,
    /// For each byte of `text`: the body char offset where the folded char holding it begins.
    origin: Vec<u32>,
    /// The body's length in chars.
    body_chars: usize,
}

impl Folded {
    pub fn new(body: &str) -> Self {
        let mut text = String::with_capacity(body.len());
        let mut origin = Vec::with_capacity(body.len());
        let mut in_space = false;
        let mut chars = 0usize;
        for (i, c) in body.chars().enumerate() {
            chars = i + 1;
            if c.is_whitespace() {
                if !in_space {
                    text.push(' ');
                    origin.push(i as u32);
                    in_space = true;
                }
                continue;
            }
            in_space = false;
            let f = fold_char(c);
            text.push(f);
            origin.extend(std::iter::repeat_n(i as u32, f.len_utf8()));
        }
        Self {
            text,
            origin,
            body_chars: chars,
        }
    }

    /// Body char offset of the folded char starting at byte `at` (or the body's end).
    pub fn to_body(&self, at: usize) -> usize {
        self.origin.get(at).map_or(self.body_chars, |&o| o as usize)
    }

    /// The body span `[start, end)` in chars for folded bytes `[start, end)`: from the first
    /// matched char to the last matched char, so a whitespace run at either edge is not included
    /// (patterns never start or end with whitespace).
    pub fn span_to_body(&self, start: usize, end: usize) -> (usize, usize) {
        let first = self.to_body(start);
        let last_start = self.text[..end]
            .char_indices()
            .next_back()
            .map_or(start, |(i, _)| i);
        (first, self.to_body(last_start) + 1)
    }

    /// The folded byte offset of the first folded char at or after body char `offset`.
    pub fn from_body(&self, offset: usize) -> usize {
        self.origin.partition_point(|&o| (o as usize) < offset)
    }

    /// True when the match `[start, end)` (folded bytes) stands on word boundaries.
    pub fn on_word_boundaries(&self, start: usize, end: usize) -> bool {
        let before = self.text[..start].chars().next_back();
        let after = self.text[end..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_quotes_and_whitespace() {
        assert_eq!(
            fold_pattern("  “It’s  here,”\n she\tsaid "),
            "\"It's here,\" she said"
        );
        assert_eq!(fold_pattern("„x″ ‛y′ ‘z’"), "\"x\" 'y' 'z'");
    }

    #[test]
    fn keeps_case_dashes_and_accents() {
        assert_eq!(fold_pattern("Café — Ünïcode"), "Café — Ünïcode");
    }

    #[test]
    fn maps_matches_back_to_body_chars() {
        let body = "Él dijo:\n\n  “hola   mundo” y";
        let folded = Folded::new(body);
        assert_eq!(folded.text, "Él dijo: \"hola mundo\" y");
        let pat = fold_pattern("hola mundo");
        let at = folded.text.find(&pat).unwrap();
        let (s, e) = folded.span_to_body(at, at + pat.len());
        let got: String = body.chars().skip(s).take(e - s).collect();
        assert_eq!(got, "hola   mundo");
        assert_eq!(folded.from_body(s), at);
    }

    #[test]
    fn word_boundaries() {
        let folded = Folded::new("U.S.-based American");
        assert!(folded.on_word_boundaries(0, 4));
        let at = folded.text.find("America").unwrap();
        assert!(!folded.on_word_boundaries(at, at + 7));
    }
}

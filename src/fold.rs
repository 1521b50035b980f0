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
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut pending_space = false;
    let mut rest = s;
    while let Some(&b) = rest.as_bytes().first() {
        // ASCII bytes one by one (most of a pattern), other chars decoded.
        let (c, len) = if b < 0x80 {
            (char::from(b), 1)
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        rest = &rest[len..];
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(b' ');
            pending_space = false;
        }
        if b < 0x80 {
            out.push(b);
        } else {
            let mut buf = [0; 4];
            out.extend_from_slice(fold_char(c).encode_utf8(&mut buf).as_bytes());
        }
    }
    // Whole chars were copied or encoded, so this is UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// How an ASCII byte folds: `PLAIN` as itself; `SPACE` as itself when it stands alone between
/// two plain bytes; `OTHER` bytes (other whitespace, and every byte of a non-ASCII char) are for
/// the careful path.
const PLAIN: u8 = 0;
const SPACE: u8 = 1;
const OTHER: u8 = 2;

static CLASS: [u8; 256] = {
    let mut class = [OTHER; 256];
    let mut b = 0;
    while b < 0x80 {
        class[b] = if b == b' ' as usize {
            SPACE
        } else if (b as u8 as char).is_whitespace() {
            OTHER
        } else {
            PLAIN
        };
        b += 1;
    }
    class
};

/// Where the stretch of plain bytes and single spaces from `i` (a plain byte) ends. Most of a
/// body is such stretches, so walking them is most of folding (docs/PERFORMANCE.md).
fn plain_stretch_end(bytes: &[u8], mut i: usize) -> usize {
    // Eight bytes at a time while they are all printable ASCII with no two spaces side by side
    // (a test per byte, branching on each space, was most of the time).
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // A byte of 0x80 or more, or below 0x20 (control chars, tabs, line breaks).
        let unprintable = (w | (w.wrapping_sub(ONES * 0x20) & !w)) & HIGH;
        // The high bit of each byte that is a space, exactly.
        let x = w ^ (ONES * 0x20);
        let spaces = !(((x & !HIGH) + !HIGH) | x | !HIGH);
        let last_space_ok = spaces >> 56 == 0
            || bytes
                .get(i + 8)
                .is_some_and(|&b| CLASS[usize::from(b)] == PLAIN);
        if unprintable != 0 || spaces & (spaces >> 8) != 0 || !last_space_ok {
            break;
        }
        i += 8;
    }
    while i < bytes.len() {
        match CLASS[usize::from(bytes[i])] {
            PLAIN => i += 1,
            SPACE
                if bytes
                    .get(i + 1)
                    .is_some_and(|&b| CLASS[usize::from(b)] == PLAIN) =>
            {
                i += 2
            }
            _ => break,
        }
    }
    i
}

/// The folded body with the way back to the original.
///
/// The way back is a list of marks, not an offset per byte: between two marks each folded char
/// stands for one body char, so a folded offset becomes a body offset by counting the chars
/// since the last mark before it. A mark is set after every whitespace run of more than one
/// char (where the two texts stop keeping step) and at least every `MARK_EVERY` bytes, so a
/// look-up counts at most that many bytes. This keeps the map at about a tenth of the body's
/// size, where a `u32` per byte made it four times the body's (docs/PERFORMANCE.md).
#[derive(Clone, Debug)]
pub struct Folded {
    pub text: String,
    /// `(folded byte, body char)` of the folded char starting there, by folded byte.
    marks: Vec<(u32, u32)>,
    /// The body's length in chars.
    body_chars: usize,
}

/// The most folded bytes between two marks.
const MARK_EVERY: usize = 64;

impl Folded {
    pub fn new(body: &str) -> Self {
        let bytes = body.as_bytes();
        let mut out: Vec<u8> = Vec::with_capacity(body.len());
        crate::memory::prefer_huge_pages(&mut out);
        let mut marks = vec![(0, 0)];
        // Whitespace run being read: its length in chars.
        let mut run = 0usize;
        let mut chars = 0usize;
        let mut last_mark = 0usize;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (c, len) = if b < 0x80 {
                (char::from(b), 1)
            } else {
                let c = body[i..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            };
            if c.is_whitespace() {
                if run == 0 {
                    out.push(b' ');
                }
                run += 1;
                chars += 1;
                i += len;
                continue;
            }
            // Offsets stop keeping step after a run of two or more; keep them in sight anyway.
            if run > 1 || out.len() - last_mark >= MARK_EVERY {
                last_mark = out.len();
                marks.push((last_mark as u32, chars as u32));
            }
            run = 0;
            if b < 0x80 {
                // A stretch of ASCII words with single spaces between them folds to itself,
                // char for byte: it is copied whole, a mark at least every MARK_EVERY bytes.
                let end = plain_stretch_end(bytes, i);
                while i < end {
                    if out.len() - last_mark >= MARK_EVERY {
                        last_mark = out.len();
                        marks.push((last_mark as u32, chars as u32));
                    }
                    let n = (end - i).min(last_mark + MARK_EVERY - out.len());
                    out.extend_from_slice(&bytes[i..i + n]);
                    chars += n;
                    i += n;
                }
                continue;
            }
            let mut buf = [0; 4];
            out.extend_from_slice(fold_char(c).encode_utf8(&mut buf).as_bytes());
            chars += 1;
            i += len;
        }
        // Only whole chars were copied or encoded, so this is UTF-8; `from_utf8` checks anyway
        // (a fast pass) rather than trusting it unchecked.
        let text = String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Self {
            text,
            marks,
            body_chars: chars,
        }
    }

    /// The index of the last mark at or before folded byte `at`.
    fn mark_before(&self, at: usize) -> usize {
        self.marks
            .partition_point(|&(f, _)| f as usize <= at)
            .saturating_sub(1)
    }

    /// Body char offset of the folded char holding byte `at` (or the body's end).
    pub fn to_body(&self, at: usize) -> usize {
        self.to_body_after(self.mark_before(at), at)
    }

    /// [`Folded::to_body`], counting from mark `mark` (at or before `at`).
    fn to_body_after(&self, mark: usize, at: usize) -> usize {
        if at >= self.text.len() {
            return self.body_chars;
        }
        let (f, b) = self.marks[mark];
        let mut at = at;
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        b as usize + self.text[f as usize..at].chars().count()
    }

    /// The body span `[start, end)` in chars for folded bytes `[start, end)`: from the first
    /// matched char to the last matched char, so a whitespace run at either edge is not included
    /// (patterns never start or end with whitespace).
    pub fn span_to_body(&self, start: usize, end: usize) -> (usize, usize) {
        self.spans_to_body().span(start, end)
    }

    /// [`Folded::span_to_body`] for many spans: quicker when they come in order, as found.
    pub fn spans_to_body(&self) -> SpansToBody<'_> {
        SpansToBody {
            folded: self,
            mark: 0,
        }
    }

    /// The folded byte offset of the first folded char at or after body char `offset`.
    pub fn from_body(&self, offset: usize) -> usize {
        let i = self.marks.partition_point(|&(_, b)| b as usize <= offset);
        let (f, b) = self.marks[i.saturating_sub(1)];
        let (mut f, mut b) = (f as usize, b as usize);
        for c in self.text[f..].chars() {
            if b >= offset {
                return f;
            }
            f += c.len_utf8();
            b += 1;
            // A space stands for its whole run: the next char's offset is the next mark's.
            if c == ' '
                && let Some(&(mf, mb)) = self
                    .marks
                    .get(self.marks.partition_point(|&(mf, _)| (mf as usize) < f))
                && mf as usize == f
            {
                b = mb as usize;
            }
        }
        self.text.len()
    }

    /// True when the match `[start, end)` (folded bytes) stands on word boundaries.
    pub fn on_word_boundaries(&self, start: usize, end: usize) -> bool {
        let before = self.text[..start].chars().next_back();
        let after = self.text[end..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    }
}

/// Maps folded spans to body spans, remembering the last mark used: for spans in order (the
/// tens of thousands of mentions of a long article) each look-up steps forward a mark or two
/// instead of searching all of them.
pub struct SpansToBody<'a> {
    folded: &'a Folded,
    mark: usize,
}

impl SpansToBody<'_> {
    /// The body span of folded bytes `[start, end)`, as [`Folded::span_to_body`] gives it.
    pub fn span(&mut self, start: usize, end: usize) -> (usize, usize) {
        let last_start = self.folded.text[..end]
            .char_indices()
            .next_back()
            .map_or(start, |(i, _)| i);
        (self.body_offset(start), self.body_offset(last_start) + 1)
    }

    fn body_offset(&mut self, at: usize) -> usize {
        let marks = &self.folded.marks;
        // Behind, or more than a few marks ahead: searched for; else stepped to.
        const STEPS: usize = 8;
        if marks[self.mark].0 as usize > at
            || marks
                .get(self.mark + STEPS)
                .is_some_and(|&(f, _)| f as usize <= at)
        {
            self.mark = self.folded.mark_before(at);
        }
        while marks
            .get(self.mark + 1)
            .is_some_and(|&(f, _)| f as usize <= at)
        {
            self.mark += 1;
        }
        self.folded.to_body_after(self.mark, at)
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

    /// The map the marks replace: for each folded byte, the body char it comes from.
    fn origin(body: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut in_space = false;
        for (i, c) in body.chars().enumerate() {
            if c.is_whitespace() {
                if !in_space {
                    out.push(i);
                    in_space = true;
                }
                continue;
            }
            in_space = false;
            out.extend(std::iter::repeat_n(i, fold_char(c).len_utf8()));
        }
        out
    }

    fn agrees_with_a_map_per_byte(body: &str) {
        let folded = Folded::new(body);
        // The folded text, char by char.
        let mut want = String::new();
        for c in body.chars() {
            if !c.is_whitespace() {
                want.push(fold_char(c));
            } else if !want.ends_with(' ') || want.is_empty() {
                want.push(' ');
            }
        }
        assert_eq!(folded.text, want, "{body:?}");
        let origin = origin(body);
        assert_eq!(origin.len(), folded.text.len());
        for (at, &o) in origin.iter().enumerate() {
            assert_eq!(folded.to_body(at), o, "to_body({at}) of {body:?}");
        }
        let chars = body.chars().count();
        assert_eq!(folded.to_body(folded.text.len()), chars);
        for offset in 0..=chars + 1 {
            let want = origin.partition_point(|&o| o < offset);
            assert_eq!(
                folded.from_body(offset),
                want,
                "from_body({offset}) of {body:?}"
            );
        }
    }

    #[test]
    fn marks_map_offsets_as_a_map_per_byte_would() {
        agrees_with_a_map_per_byte("");
        agrees_with_a_map_per_byte("  lead and trail  ");
        agrees_with_a_map_per_byte("Él dijo:\n\n  “hola   mundo” y ’ x");
        let long: String = (0..300)
            .map(|i| match i % 7 {
                0 => "a\u{2019}b  ",
                1 => "日本語 ",
                2 => "x\n\n\ty ",
                3 => "😀“q” ",
                _ => "plain words ",
            })
            .collect();
        agrees_with_a_map_per_byte(&long);
        // Long runs of ASCII, marks inside them.
        agrees_with_a_map_per_byte(&"x".repeat(1000));
        agrees_with_a_map_per_byte(&format!(
            "{}  {}’{}",
            "ab".repeat(100),
            "c".repeat(129),
            "d".repeat(64)
        ));
    }

    proptest::proptest! {
        #[test]
        fn marks_agree_on_any_text(body in "[ a\n\t\u{A0}\u{3000}\u{2028}\u{2019}\u{201C}é日😀]{0,300}") {
            agrees_with_a_map_per_byte(&body);
        }

        /// Spans mapped in order and out of order give what each mapped alone gives.
        #[test]
        fn spans_in_any_order_map_as_alone(
            body in "([a-z]{1,70}( |  |\n\n|’|é)){0,60}",
            picks in proptest::collection::vec((0..1000usize, 0..80usize), 0..40),
            sorted in proptest::bool::ANY,
        ) {
            let folded = Folded::new(&body);
            let len = folded.text.len();
            let mut spans: Vec<(usize, usize)> = picks
                .iter()
                .filter(|_| len > 0)
                .map(|&(s, l)| {
                    let mut s = s % len;
                    while !folded.text.is_char_boundary(s) {
                        s -= 1;
                    }
                    let mut e = (s + 1 + l).min(len);
                    while !folded.text.is_char_boundary(e) {
                        e += 1;
                    }
                    (s, e)
                })
                .collect();
            if sorted {
                spans.sort();
            }
            let mut walker = folded.spans_to_body();
            for (s, e) in spans {
                let alone = {
                    let first = folded.to_body(s);
                    let last = folded.text[..e].char_indices().next_back().map_or(s, |(i, _)| i);
                    (first, folded.to_body(last) + 1)
                };
                proptest::prop_assert_eq!(walker.span(s, e), alone);
            }
        }

        /// Words with single and double spaces, line breaks and other chars between them:
        /// the stretches folding is quickest on, and their edges.
        #[test]
        fn marks_agree_on_prose(body in "([a-z.\x01\x7f]{1,11}( |  | \n|\n|\t|é| \u{A0}|’)){0,60}") {
            agrees_with_a_map_per_byte(&body);
        }
    }

    #[test]
    fn word_boundaries() {
        let folded = Folded::new("U.S.-based American");
        assert!(folded.on_word_boundaries(0, 4));
        let at = folded.text.find("America").unwrap();
        assert!(!folded.on_word_boundaries(at, at + 7));
    }
}

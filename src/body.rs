//! The article's text as read, with char-offset slicing and its block structure (headings and
//! paragraphs). Offsets are chars into the body, as the format says; bytes stay inside this file.

/// Every `CHECKPOINT`-th char's byte offset is kept, so a char offset becomes a byte offset in
/// at most `CHECKPOINT` steps, at 1/32 of the memory of a full table.
const CHECKPOINT: usize = 128;

/// Bodies from this many bytes on are indexed alongside other work on a second thread.
const PARALLEL_FROM: usize = 256 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// `#` title (1), `##` section (2), and so on.
    Heading(u8),
    Paragraph,
}

/// A heading or paragraph: `[start, end)` covers its text in chars, without a heading's `# `
/// marker and without the blank lines around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug)]
pub struct Body {
    text: String,
    checkpoints: Vec<usize>,
    chars: usize,
    blocks: Vec<Block>,
}

impl Body {
    /// Takes the body as read, dropping a leading byte-order mark.
    pub fn new(mut text: String) -> Self {
        drop_byte_order_mark(&mut text);
        let (checkpoints, chars, blocks) = index(&text);
        Self {
            text,
            checkpoints,
            chars,
            blocks,
        }
    }

    /// Like [`Body::new`], and runs `work` on the text (without its byte-order mark) on another
    /// thread while the body is indexed: the loader folds the body this way, and the two passes
    /// over a long body take the time of the longer one on two cores.
    pub fn new_alongside<T: Send>(
        mut text: String,
        work: impl FnOnce(&str) -> T + Send,
    ) -> (Self, T) {
        drop_byte_order_mark(&mut text);
        // A thread costs more than the indexing of a short body saves.
        let ((checkpoints, chars, blocks), out) = if text.len() < PARALLEL_FROM {
            (index(&text), work(&text))
        } else {
            std::thread::scope(|scope| {
                let text = text.as_str();
                let other = scope.spawn(move || work(text));
                let index = index(text);
                // A panic in `work` goes on as if it had run here.
                let out = other
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                (index, out)
            })
        };
        (
            Self {
                text,
                checkpoints,
                chars,
                blocks,
            },
            out,
        )
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in chars.
    pub fn len(&self) -> usize {
        self.chars
    }

    pub fn is_empty(&self) -> bool {
        self.chars == 0
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Byte offset of char `offset` (clamped to the end).
    pub fn byte_at(&self, offset: usize) -> usize {
        if offset >= self.chars {
            return self.text.len();
        }
        let base = self.checkpoints[offset / CHECKPOINT];
        let skip = offset % CHECKPOINT;
        self.text[base..]
            .char_indices()
            .nth(skip)
            .map_or(self.text.len(), |(i, _)| base + i)
    }

    /// Char offset of byte `byte` (which must be on a char boundary; clamped to the end).
    pub fn char_at_byte(&self, byte: usize) -> usize {
        if byte >= self.text.len() {
            return self.chars;
        }
        let k = self.checkpoints.partition_point(|&b| b <= byte) - 1;
        k * CHECKPOINT + self.text[self.checkpoints[k]..byte].chars().count()
    }

    /// The text of chars `[start, end)`.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let s = self.byte_at(start);
        let e = self.byte_at(end.max(start));
        &self.text[s..e]
    }

    /// Up to `n` chars before `offset`.
    pub fn before(&self, offset: usize, n: usize) -> &str {
        self.slice(offset.saturating_sub(n), offset)
    }

    /// Up to `n` chars after `offset`.
    pub fn after(&self, offset: usize, n: usize) -> &str {
        self.slice(offset, offset.saturating_add(n).min(self.chars))
    }

    /// The block holding char `offset`, or the last one before it.
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.start <= offset);
        i.checked_sub(1)
    }
}

/// The char checkpoints, the length in chars and the blocks of `text`.
fn index(text: &str) -> (Vec<usize>, usize, Vec<Block>) {
    let (checkpoints, chars) = checkpoints(text);
    (checkpoints, chars, parse_blocks(text))
}

fn drop_byte_order_mark(text: &mut String) {
    if text.starts_with('\u{feff}') {
        // In place: no second copy of a long body.
        text.drain(..'\u{feff}'.len_utf8());
    }
}

/// Whether byte `b` starts a char (is not a UTF-8 continuation byte).
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

/// The byte offset of every `CHECKPOINT`-th char, and the number of chars, read off the
/// bytes: a stretch of `CHECKPOINT` chars that is all ASCII (most of a body) is stepped over
/// at once, the rest char by char.
fn checkpoints(text: &str) -> (Vec<usize>, usize) {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / CHECKPOINT + 1);
    let (mut i, mut n) = (0usize, 0usize);
    while i < bytes.len() {
        if n.is_multiple_of(CHECKPOINT) {
            out.push(i);
            if let Some(stretch) = bytes.get(i..i + CHECKPOINT)
                && stretch.is_ascii()
            {
                i += CHECKPOINT;
                n += CHECKPOINT;
                continue;
            }
        }
        i += 1;
        while i < bytes.len() && !starts_char(bytes[i]) {
            i += 1;
        }
        n += 1;
    }
    (out, n)
}

/// Splits the body into headings and paragraphs. A heading is a line starting with one to six
/// `#` and a space; paragraphs are separated by blank lines (and end at a heading).
fn parse_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Option<(usize, usize)> = None; // char start, char end of content so far
    let mut offset = 0usize; // char offset of the current line's start
    for line in text.split_inclusive('\n') {
        // Most lines are ASCII, whose chars are its bytes.
        let ascii = line.is_ascii();
        let count = |s: &str| if ascii { s.len() } else { s.chars().count() };
        let line_chars = count(line);
        let content = line.trim_end_matches(['\n', '\r']);
        // Where the line's text ends, counted back from its end (one count of a long line).
        let end = offset + line_chars - count(&line[content.trim_end().len()..]);
        if content.trim().is_empty() {
            if let Some((s, e)) = para.take() {
                blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    start: s,
                    end: e,
                });
            }
        } else if let Some((level, marker)) = heading_marker(content) {
            if let Some((s, e)) = para.take() {
                blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    start: s,
                    end: e,
                });
            }
            let rest = &content[marker..];
            let lead = rest.chars().take_while(|c| c.is_whitespace()).count();
            let start = offset + count(&content[..marker]) + lead;
            blocks.push(Block {
                kind: BlockKind::Heading(level),
                start,
                end: end.max(start),
            });
        } else {
            para = Some(match para {
                Some((s, _)) => (s, end),
                None => {
                    let lead = content.chars().take_while(|c| c.is_whitespace()).count();
                    (offset + lead, end)
                }
            });
        }
        offset += line_chars;
    }
    if let Some((s, e)) = para {
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            start: s,
            end: e,
        });
    }
    blocks
}

/// `Some((level, bytes of the marker including its space))` for a heading line.
fn heading_marker(line: &str) -> Option<(u8, usize)> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        Some((hashes as u8, hashes + 1))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_bom_and_slices_by_chars() {
        let body = Body::new("\u{feff}héllo wörld".to_string());
        assert_eq!(body.len(), 11);
        assert_eq!(body.slice(1, 5), "éllo");
        assert_eq!(body.char_at_byte(body.byte_at(7)), 7);
    }

    #[test]
    fn slicing_far_into_a_long_body() {
        let text: String = "aé😀".repeat(1000);
        let body = Body::new(text.clone());
        let want: String = text.chars().skip(1234).take(7).collect();
        assert_eq!(body.slice(1234, 1241), want);
        assert_eq!(body.char_at_byte(body.byte_at(2999)), 2999);
        assert_eq!(body.slice(2990, 99_999).chars().count(), 10);
    }

    #[test]
    fn finds_headings_and_paragraphs() {
        let body = Body::new("# Title\n\nOne line\nand two.\n\n\n## Part\nNext para\n".into());
        let kinds: Vec<_> = body.blocks().iter().map(|b| b.kind.clone()).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(1),
                BlockKind::Paragraph,
                BlockKind::Heading(2),
                BlockKind::Paragraph
            ]
        );
        let text: Vec<_> = body
            .blocks()
            .iter()
            .map(|b| body.slice(b.start, b.end))
            .collect();
        assert_eq!(text, ["Title", "One line\nand two.", "Part", "Next para"]);
    }

    #[test]
    fn hash_without_space_is_text() {
        let body = Body::new("#hashtag here".into());
        assert_eq!(body.blocks()[0].kind, BlockKind::Paragraph);
    }

    proptest::proptest! {
        /// Stretches of ASCII stepped over whole and non-ASCII chars one by one give every
        /// char's byte offset as counting chars one by one would.
        #[test]
        fn offsets_agree_with_counting_chars(text in "([a-z \n]{0,300}[é日😀]?){0,6}") {
            let body = Body::new(text.clone());
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            proptest::prop_assert_eq!(body.len(), starts.len());
            for (k, &byte) in starts.iter().enumerate() {
                proptest::prop_assert_eq!(body.byte_at(k), byte);
                proptest::prop_assert_eq!(body.char_at_byte(byte), k);
            }
            proptest::prop_assert_eq!(body.byte_at(starts.len()), text.len());
        }
    }
}

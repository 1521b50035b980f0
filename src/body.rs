//! The article's text as read, with char-offset slicing and its block structure (headings and
//! paragraphs). Offsets are chars into the body, as the format says; bytes stay inside this file.

/// Every `CHECKPOINT`-th char's byte offset is kept, so a char offset becomes a byte offset in
/// at most `CHECKPOINT` steps, at 1/32 of the memory of a full table.
const CHECKPOINT: usize = 128;

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
    pub fn new(text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT + 1);
        let mut chars = 0;
        for (i, (byte, _)) in text.char_indices().enumerate() {
            if i % CHECKPOINT == 0 {
                checkpoints.push(byte);
            }
            chars = i + 1;
        }
        let blocks = parse_blocks(&text);
        Self {
            text,
            checkpoints,
            chars,
            blocks,
        }
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

/// Splits the body into headings and paragraphs. A heading is a line starting with one to six
/// `#` and a space; paragraphs are separated by blank lines (and end at a heading).
fn parse_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Option<(usize, usize)> = None; // char start, char end of content so far
    let mut offset = 0usize; // char offset of the current line's start
    for line in text.split_inclusive('\n') {
        let line_chars = line.chars().count();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        if trimmed.is_empty() {
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
            let start = offset + content[..marker].chars().count() + lead;
            let end = offset + content.trim_end().chars().count();
            blocks.push(Block {
                kind: BlockKind::Heading(level),
                start,
                end: end.max(start),
            });
        } else {
            let lead = content.chars().take_while(|c| c.is_whitespace()).count();
            let end = offset + content.trim_end().chars().count();
            para = Some(match para {
                Some((s, _)) => (s, end),
                None => (offset + lead, end),
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
}

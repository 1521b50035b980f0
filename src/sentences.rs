//! Sentences of the body, for selecting passages sentence by sentence. Found on demand around a
//! position (Unicode sentence boundaries within a block), never for the whole article.

use unicode_segmentation::UnicodeSegmentation;

use crate::article::Span;
use crate::body::Body;

/// The sentences of block `b`, as body spans without surrounding whitespace.
fn sentences_of_block(body: &Body, b: usize) -> Vec<Span> {
    let Some(block) = body.blocks().get(b) else {
        return Vec::new();
    };
    let text = body.slice(block.start, block.end);
    let mut out = Vec::new();
    let mut offset = block.start;
    for sentence in text.split_sentence_bounds() {
        let n = sentence.chars().count();
        let lead = sentence.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed = sentence.trim().chars().count();
        if trimmed > 0 {
            out.push(Span::new(offset + lead, offset + lead + trimmed));
        }
        offset += n;
    }
    out
}

/// The sentence holding `offset`, or the first one after it.
pub fn sentence_at(body: &Body, offset: usize) -> Option<Span> {
    let start = body.block_at(offset).unwrap_or(0);
    for b in start..body.blocks().len() {
        if let Some(s) = sentences_of_block(body, b)
            .into_iter()
            .find(|s| s.end > offset)
        {
            return Some(s);
        }
    }
    None
}

/// The first sentence starting at or after `offset`, crossing into later blocks.
pub fn next_sentence(body: &Body, offset: usize) -> Option<Span> {
    let start = body.block_at(offset).unwrap_or(0);
    (start..body.blocks().len())
        .flat_map(|b| sentences_of_block(body, b))
        .find(|s| s.start >= offset)
}

/// The last sentence ending at or before `offset` that starts at or after `floor`.
pub fn prev_sentence_end(body: &Body, floor: usize, offset: usize) -> Option<Span> {
    let first = body.block_at(floor).unwrap_or(0);
    let last = body.block_at(offset).unwrap_or(0);
    (first..=last)
        .flat_map(|b| sentences_of_block(body, b))
        .collect::<Vec<_>>()
        .into_iter()
        .rfind(|s| s.start >= floor && s.end < offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &Body, s: Span) -> &str {
        body.slice(s.start, s.end)
    }

    #[test]
    fn finds_and_steps_through_sentences() {
        let body = Body::new("One two. Three four!\n\nFive? Six.".into());
        let s = sentence_at(&body, 2).unwrap();
        assert_eq!(text(&body, s), "One two.");
        let n = next_sentence(&body, s.end).unwrap();
        assert_eq!(text(&body, n), "Three four!");
        let n2 = next_sentence(&body, n.end).unwrap();
        assert_eq!(text(&body, n2), "Five?");
        let back = prev_sentence_end(&body, s.start, n2.end).unwrap();
        assert_eq!(text(&body, back), "Three four!");
        assert_eq!(next_sentence(&body, body.len()), None);
    }
}

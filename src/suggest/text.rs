//! The body as the rules see it: chars (offsets are chars, as in the format), word and
//! punctuation tokens, sentence ends and paragraphs. Built once, in one pass each, so that
//! drafting stays linear in the size of the body.

use crate::body::{BlockKind, Body};

/// Quotation marks of every style `suggest` knows.
pub fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '„'
            | '‚'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sen", "Rep", "Gen", "Col", "Lt", "Capt", "Sgt", "Rev",
    "Jr", "Sr", "No", "vs", "etc", "Inc", "Ltd", "Co", "Corp", "Gov", "Supt", "Insp", "Mt", "Ft",
    "approx", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// The paragraph (index into `Text::paras`) it stands in.
    pub para: usize,
    /// True for the last token of a sentence (its `.`, `!` or `?`, or a paragraph's last token).
    pub sentence_end: bool,
}

/// A heading or paragraph in chars, `[start, end)`.
#[derive(Clone, Copy, Debug)]
pub struct Para {
    pub start: usize,
    pub end: usize,
    pub heading: bool,
    /// Tokens `[first_tok, end_tok)`.
    pub first_tok: usize,
    pub end_tok: usize,
}

pub struct Text {
    pub chars: Vec<char>,
    pub toks: Vec<Tok>,
    pub paras: Vec<Para>,
}

impl Text {
    pub fn new(body: &Body) -> Text {
        let chars: Vec<char> = body.as_str().chars().collect();
        let mut paras = Vec::with_capacity(body.blocks().len());
        let mut toks = Vec::with_capacity(chars.len() / 4);
        for block in body.blocks() {
            let first_tok = toks.len();
            let p = paras.len();
            tokenize(&chars, block.start, block.end, p, &mut toks);
            mark_sentence_ends(&chars, &mut toks[first_tok..]);
            paras.push(Para {
                start: block.start,
                end: block.end,
                heading: matches!(block.kind, BlockKind::Heading(_)),
                first_tok,
                end_tok: toks.len(),
            });
        }
        Text { chars, toks, paras }
    }

    pub fn str(&self, start: usize, end: usize) -> String {
        self.chars[start.min(end)..end.min(self.chars.len())]
            .iter()
            .collect()
    }

    pub fn tok_str(&self, i: usize) -> String {
        let t = self.toks[i];
        self.str(t.start, t.end)
    }

    /// True when token `i` is exactly `s`.
    pub fn is(&self, i: usize, s: &str) -> bool {
        let t = &self.toks[i];
        t.end - t.start == s.chars().count()
            && self.chars[t.start..t.end].iter().copied().eq(s.chars())
    }

    /// The first char of token `i`.
    pub fn first(&self, i: usize) -> char {
        self.chars[self.toks[i].start]
    }

    /// A quotation mark standing as one (not `’` or `'` closing a word: `Farmers’ Union`).
    pub fn is_mark_tok(&self, i: usize) -> bool {
        let t = self.toks[i];
        if t.kind != TokKind::Punct || !is_quote_mark(self.chars[t.start]) {
            return false;
        }
        let glued = matches!(self.chars[t.start], '\'' | '’')
            && i > 0
            && self.toks[i - 1].end == t.start
            && self.toks[i - 1].kind == TokKind::Word;
        !glued
    }

    pub fn is_capitalised(&self, i: usize) -> bool {
        self.toks[i].kind == TokKind::Word && self.first(i).is_uppercase()
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.toks[i].kind == TokKind::Word
    }

    /// The index of the first token starting at or after char `offset`.
    pub fn tok_at(&self, offset: usize) -> usize {
        self.toks.partition_point(|t| t.start < offset)
    }

    /// True when token `i` begins a sentence (first of its paragraph, or after a sentence end,
    /// opening quotation marks aside).
    pub fn starts_sentence(&self, i: usize) -> bool {
        let para = &self.paras[self.toks[i].para];
        let mut j = i;
        while j > para.first_tok {
            j -= 1;
            if self.toks[j].sentence_end {
                return true;
            }
            let c = self.first(j);
            if !(is_quote_mark(c) || matches!(c, '(' | '[' | '—' | '–' | '-' | '*' | ':')) {
                return false;
            }
        }
        true
    }
}

fn tokenize(chars: &[char], start: usize, end: usize, para: usize, out: &mut Vec<Tok>) {
    let mut i = start;
    while i < end {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let s = i;
            i += 1;
            while i < end {
                let d = chars[i];
                let joins = matches!(d, '.' | '\'' | '’' | '-' | '‐' | '&')
                    && i + 1 < end
                    && chars[i + 1].is_alphanumeric();
                // `U.S.-based`: a stop, a hyphen, and the word goes on.
                let joins_twice = d == '.'
                    && i + 2 < end
                    && chars[i + 1] == '-'
                    && chars[i + 2].is_alphanumeric();
                if joins_twice {
                    i += 3;
                } else if d.is_alphanumeric() || joins || is_mark(d) {
                    i += if joins { 2 } else { 1 };
                } else {
                    break;
                }
            }
            out.push(Tok {
                start: s,
                end: i,
                kind: TokKind::Word,
                para,
                sentence_end: false,
            });
        } else {
            out.push(Tok {
                start: i,
                end: i + 1,
                kind: TokKind::Punct,
                para,
                sentence_end: false,
            });
            i += 1;
        }
    }
}

/// Combining marks keep a word whole (`é` written as `e` and an accent).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn mark_sentence_ends(chars: &[char], toks: &mut [Tok]) {
    let n = toks.len();
    for i in 0..n {
        let c = chars[toks[i].start];
        if !matches!(c, '.' | '!' | '?' | '。' | '！' | '？') || toks[i].kind != TokKind::Punct {
            continue;
        }
        if c == '.' && i > 0 && toks[i - 1].end == toks[i].start {
            let prev: String = chars[toks[i - 1].start..toks[i - 1].end].iter().collect();
            let single_capital = prev.chars().count() == 1 && prev.chars().all(char::is_uppercase);
            if ABBREVIATIONS.contains(&prev.as_str()) || single_capital || prev.contains('.') {
                // `Dr. Petrie`, `J. Smith`, `the U.S. said`: a sentence may still end here, but
                // only if what follows could not go on with it; a capital usually does not tell.
                continue;
            }
        }
        // Closing quotation marks and brackets right after the stop belong to the sentence.
        let mut j = i;
        while j + 1 < n
            && toks[j + 1].start == toks[j].end
            && matches!(
                chars[toks[j + 1].start],
                '”' | '’' | '"' | '\'' | '»' | '」' | ')' | '“'
            )
        {
            j += 1;
        }
        let next_starts_sentence = j + 1 >= n || {
            let d = chars[toks[j + 1].start];
            d.is_uppercase() || d.is_numeric() || is_quote_mark(d) || !d.is_alphanumeric()
        };
        if next_starts_sentence {
            toks[j].sentence_end = true;
        }
    }
    if let Some(last) = toks.last_mut() {
        last.sentence_end = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Text {
        Text::new(&Body::new(s.to_string()))
    }

    #[test]
    fn words_keep_inner_apostrophes_hyphens_and_stops() {
        let t = text("Dr. O’Brien’s U.S.-based don't, “yes”.");
        let words: Vec<String> = (0..t.toks.len()).map(|i| t.tok_str(i)).collect();
        assert_eq!(
            words,
            [
                "Dr",
                ".",
                "O’Brien’s",
                "U.S.-based",
                "don't",
                ",",
                "“",
                "yes",
                "”",
                "."
            ]
        );
    }

    #[test]
    fn sentences_end_at_stops_but_not_after_titles() {
        let t = text("Dr. Petrie spoke. He left! “Go.” Then\n\nNew paragraph");
        let ends: Vec<String> = (0..t.toks.len())
            .filter(|&i| t.toks[i].sentence_end)
            .map(|i| t.tok_str(i))
            .collect();
        assert_eq!(ends, [".", "!", "”", "Then", "paragraph"]);
        assert_eq!(t.paras.len(), 2);
        let he = (0..t.toks.len()).find(|&i| t.is(i, "He")).unwrap();
        assert!(t.starts_sentence(he));
        let petrie = (0..t.toks.len()).find(|&i| t.is(i, "Petrie")).unwrap();
        assert!(!t.starts_sentence(petrie));
    }
}

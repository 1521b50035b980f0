//! Finding quotations: passages between quotation marks, whatever the article's style
//! (“ ” and " ", « », „ “, 「 」, and ‘ ’ or ' ' where the article uses single marks for speech).
//! A quotation left open at the end of a paragraph and reopened at the start of the next is one
//! quotation with one part per paragraph, as English typesetting has it.

use crate::article::Span;

use super::text::Text;

/// One paragraph's part of a quotation.
#[derive(Clone, Copy, Debug)]
pub struct Part {
    /// The opening mark's offset.
    pub open: usize,
    /// The closing mark's offset; `None` when the paragraph ends inside the quotation.
    pub close: Option<usize>,
    /// What stands between the marks, without surrounding whitespace; never empty.
    pub inner: Span,
    pub para: usize,
}

#[derive(Clone, Debug)]
pub struct Quotation {
    pub parts: Vec<Part>,
}

impl Quotation {
    pub fn first(&self) -> &Part {
        &self.parts[0]
    }

    pub fn last(&self) -> &Part {
        &self.parts[self.parts.len() - 1]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    /// “ ” (and „ “, „ ”).
    Curly,
    Straight,
    Guillemet,
    Corner,
    CurlySingle,
    StraightSingle,
}

/// The marks that count as opening speech in this article: single marks only where the article
/// quotes with them (more single-mark pairs than double-mark ones), since elsewhere they are
/// apostrophes and quotes within quotes.
pub fn find(text: &Text) -> Vec<Quotation> {
    let singles =
        text.chars.iter().filter(|&&c| c == '‘').count() + count_straight_single_opens(&text.chars);
    let doubles = text
        .chars
        .iter()
        .filter(|&&c| matches!(c, '“' | '"' | '„' | '«' | '「'))
        .count();
    let single_style = singles > doubles;
    let mut out: Vec<Quotation> = Vec::new();
    // A quotation still open at the end of the paragraph before, with the family it opened in.
    let mut open_run: Option<(usize, Family)> = None;
    for (p, para) in text.paras.iter().enumerate() {
        let mut i = para.start;
        let end = para.end;
        // Skip leading whitespace to see whether the paragraph reopens a quotation.
        let mut first_visible = i;
        while first_visible < end && text.chars[first_visible].is_whitespace() {
            first_visible += 1;
        }
        let mut continuing = match open_run.take() {
            Some((q, family))
                if first_visible < end
                    && opener(&text.chars, first_visible, single_style) == Some(family) =>
            {
                Some(q)
            }
            _ => None,
        };
        while i < end {
            let Some(family) = opener(&text.chars, i, single_style) else {
                i += 1;
                continue;
            };
            let open = i;
            let mut j = open + 1;
            let mut close = None;
            while j < end {
                if closes(&text.chars, j, family, open) {
                    close = Some(j);
                    break;
                }
                j += 1;
            }
            let inner_end = close.unwrap_or(end);
            let inner = trim(&text.chars, open + 1, inner_end);
            if !inner.is_empty() {
                let part = Part {
                    open,
                    close,
                    inner,
                    para: p,
                };
                match continuing.take() {
                    Some(q) if open == first_visible => out[q].parts.push(part),
                    _ => out.push(Quotation { parts: vec![part] }),
                }
                if close.is_none() {
                    open_run = Some((out.len() - 1, family));
                }
            }
            i = close.map_or(end, |c| c + 1);
        }
    }
    out
}

fn trim(chars: &[char], mut start: usize, mut end: usize) -> Span {
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    Span::new(start, end)
}

fn count_straight_single_opens(chars: &[char]) -> usize {
    (0..chars.len())
        .filter(|&i| chars[i] == '\'' && single_opens(chars, i))
        .count()
}

/// A single mark opens where a word may start: after a space, a bracket, a dash or nothing,
/// and before something that is not a space.
fn single_opens(chars: &[char], i: usize) -> bool {
    let before_ok = i == 0 || {
        let b = chars[i - 1];
        b.is_whitespace() || matches!(b, '(' | '[' | '—' | '–' | '"' | '“')
    };
    let after_ok = chars.get(i + 1).is_some_and(|a| !a.is_whitespace());
    before_ok && after_ok
}

fn opener(chars: &[char], i: usize, single_style: bool) -> Option<Family> {
    let after_ok = chars.get(i + 1).is_some();
    if !after_ok {
        return None;
    }
    match chars[i] {
        '“' | '„' => Some(Family::Curly),
        '"' if chars.get(i + 1).is_some_and(|c| !c.is_whitespace()) => Some(Family::Straight),
        '«' => Some(Family::Guillemet),
        '「' => Some(Family::Corner),
        '‘' if single_style && single_opens(chars, i) => Some(Family::CurlySingle),
        '\'' if single_style && single_opens(chars, i) => Some(Family::StraightSingle),
        _ => None,
    }
}

/// True when the char at `j` closes a quotation of `family` opened at `open`.
fn closes(chars: &[char], j: usize, family: Family, open: usize) -> bool {
    let c = chars[j];
    let opened_low = chars[open] == '„';
    match family {
        Family::Curly => c == '”' || (opened_low && c == '“'),
        Family::Straight => c == '"',
        Family::Guillemet => c == '»',
        Family::Corner => c == '」',
        Family::CurlySingle | Family::StraightSingle => {
            let mark = if family == Family::CurlySingle {
                '’'
            } else {
                '\''
            };
            // An apostrophe stands between letters (`can’t`); a closing mark does not.
            c == mark
                && j > 0
                && !chars[j - 1].is_whitespace()
                && !chars.get(j + 1).is_some_and(|a| a.is_alphanumeric())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::Body;

    fn inner(s: &str) -> Vec<Vec<String>> {
        let text = Text::new(&Body::new(s.to_string()));
        find(&text)
            .iter()
            .map(|q| {
                q.parts
                    .iter()
                    .map(|p| text.str(p.inner.start(), p.inner.end()))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_double_style() {
        let got = inner("“A,” she said. \"B\" and « C » and „D“ and 「E」.");
        assert_eq!(got, [["A,"], ["B"], ["C"], ["D"], ["E"]]);
    }

    #[test]
    fn a_paragraph_that_reopens_continues_the_quotation() {
        let got = inner("“One.\n\n“Two.”\n\n“Three.”");
        assert_eq!(got, vec![vec!["One.", "Two."], vec!["Three."]]);
    }

    #[test]
    fn single_marks_only_where_the_article_quotes_with_them() {
        let british = inner("‘It’s ours,’ she said. ‘Go.’");
        assert_eq!(british, [["It’s ours,"], ["Go."]]);
        let american = inner("“It’s ‘ours’,” she said. “Yes.” ‘x’");
        assert_eq!(american, [["It’s ‘ours’,"], ["Yes."]]);
    }

    #[test]
    fn an_unclosed_mark_ends_with_its_paragraph_and_empty_marks_are_nothing() {
        assert_eq!(inner("“Open\n\nplain"), [["Open"]]);
        assert!(inner("“ ” \"\"").is_empty());
    }
}

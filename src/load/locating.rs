//! Finding each quote's segments in the body, and saying where a segment is not.

use std::collections::HashMap;

use super::Cx;
use super::messages::{body_excerpt, context, excerpt, marked, times};
use super::quotes::QuoteSpec;
use crate::article::Span;
use crate::body::Body;
use crate::closest::Passages;
use crate::find::Occurrences;
use crate::fold::{Folded, fold_pattern};
use crate::yaml::Pos;

/// Past this many "closest passage" searches, errors go without one: each costs about a
/// millisecond (a look-up per few bytes of the segment in an index of the body), but a file of
/// thousands of wrong quotes needs no more hints than this to be fixed.
pub(super) const MAX_CLOSEST_SEARCHES: usize = 50;

/// Every quote's segments, folded, each distinct one once: what one pass over the body looks
/// for. Made before the search so that the search can run beside the search for mentions.
pub(super) struct SegmentPatterns {
    pub(super) patterns: Vec<String>,
    /// Per quote, per segment: its index in `patterns`.
    ids: Vec<Vec<usize>>,
}

impl SegmentPatterns {
    pub(super) fn new(quotes: &[QuoteSpec]) -> Self {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let ids: Vec<Vec<usize>> = quotes
            .iter()
            .map(|q| {
                q.segments
                    .iter()
                    .map(|(s, _)| {
                        let p = fold_pattern(s);
                        *index.entry(p.clone()).or_insert_with(|| {
                            patterns.push(p);
                            patterns.len() - 1
                        })
                    })
                    .collect()
            })
            .collect();
        Self { patterns, ids }
    }
}

impl Cx<'_> {
    /// Places every segment of every quote from `occ`, the places of `wanted`'s patterns;
    /// `None` for a quote with a problem.
    pub(super) fn segments(
        &mut self,
        folded: &Folded,
        body: &Body,
        quotes: &[QuoteSpec],
        wanted: SegmentPatterns,
        occ: Occurrences,
    ) -> Vec<Option<Vec<Span>>> {
        let ids = wanted.ids;
        let mut closest_budget = MAX_CLOSEST_SEARCHES;
        // Built at the first segment not found: a correct file never pays for it.
        let mut passages: Option<Passages> = None;
        let mut lines = Lines::default();
        let mut not_found = |cx: &mut Self,
                             lines: &mut Lines,
                             text: &str,
                             pos: Pos,
                             lead: String| {
            // Past the budget nothing was searched, so nothing can be said about the body.
            let searched = closest_budget > 0;
            let pattern = fold_pattern(text);
            let closest = if searched {
                closest_budget -= 1;
                let index = passages.get_or_insert_with(|| Passages::new(folded));
                index.closest(&pattern)
            } else {
                None
            };
            let message = match closest {
                Some(hit) => {
                    // Where the closest passage first differs from what was given, in the
                    // pattern's chars and in the body.
                    let same = pattern
                        .chars()
                        .zip(folded.text[hit.start..].chars())
                        .take_while(|(a, b)| a == b)
                        .count();
                    let same_bytes: usize = folded.text[hit.start..]
                        .chars()
                        .take(same)
                        .map(char::len_utf8)
                        .sum();
                    let (start, end) = folded.span_to_body(hit.start, hit.end);
                    let differs = folded.to_body(hit.start + same_bytes).min(end);
                    let (line, col) = lines.of(body, start);
                    let chars: Vec<char> = pattern.chars().collect();
                    // All of it is there, but inside a longer word.
                    let is_mark = |c: char| "\"'«»‹›「」『』".contains(c);
                    // An apostrophe between letters (`can't`) is part of a word, not a mark.
                    let around =
                        body.slice(differs.saturating_sub(1), (differs + 2).min(body.len()));
                    let in_word = differs > 0
                        && around.chars().count() == 3
                        && around
                            .chars()
                            .enumerate()
                            .all(|(i, c)| i == 1 || c.is_alphanumeric());
                    let body_mark = !in_word
                        && fold_pattern(body.slice(differs, (differs + 1).min(body.len())))
                            .chars()
                            .next()
                            .is_some_and(is_mark);
                    let whole = if same == chars.len() {
                        "; a segment that begins or ends with a letter or digit matches whole words only: quote the word whole"
                    } else if body_mark && !chars.get(same).is_some_and(|&c| is_mark(c)) {
                        // Most often a quote that stops and starts again: a new paragraph
                        // reopening it, or the article's words in between.
                        "; the body has a quotation mark there: where the quote stops and starts again (a new paragraph reopens it, or the article's words come between), end this segment before the mark and give the rest as the next segment"
                    } else {
                        ""
                    };
                    format!(
                        "{lead}: \"{}\"; the closest passage, at body line {line}:{col}, reads \"{}\" (▸ marks where they first differ){whole}",
                        marked(&chars, same),
                        body_excerpt(body, start, end, differs),
                    )
                }
                None if searched => format!(
                    "{lead}: \"{}\"; nothing like it is in the body",
                    excerpt(text, 24)
                ),
                None => format!("{lead}: \"{}\"", excerpt(text, 24)),
            };
            cx.error(pos, message);
        };

        let mut out = Vec::with_capacity(quotes.len());
        for (q, pids) in quotes.iter().zip(&ids) {
            if q.segments.is_empty() || q.segments.iter().any(|(s, _)| fold_pattern(s).is_empty()) {
                out.push(None);
                continue;
            }
            let (first_text, first_pos) = &q.segments[0];
            let p0 = pids[0];
            let count = occ.count(p0);
            let first = match (count, q.occurrence) {
                (0, _) => {
                    not_found(
                        self,
                        &mut lines,
                        first_text,
                        *first_pos,
                        "quote segment not found in the body".into(),
                    );
                    None
                }
                (n, Some((k, pos))) if k > n => {
                    self.error(
                        pos,
                        format!(
                            "`occurrence: {k}` is out of range: the first segment occurs {} in the body",
                            times(n)
                        ),
                    );
                    None
                }
                (_, Some((k, _))) => occ.nth(p0, k - 1),
                (1, None) => occ.nth(p0, 0),
                (_, None) if q.bad_occurrence => None,
                (n, None) => {
                    const LISTED: usize = 5;
                    let mut places: Vec<String> = occ
                        .starts(p0)
                        .iter()
                        .take(LISTED)
                        .enumerate()
                        .map(|(k, &at)| {
                            let start = folded.to_body(at);
                            let end = start + first_text.trim().chars().count();
                            let (line, col) = lines.of(body, start);
                            format!(
                                "{} at body line {line}:{col} \"{}\"",
                                k + 1,
                                context(body, start, end.min(body.len()))
                            )
                        })
                        .collect();
                    if n > LISTED {
                        places.push(format!("and {} more", n - LISTED));
                    }
                    self.error(
                        *first_pos,
                        format!(
                            "quote segment occurs {} in the body: \"{}\"; add `occurrence: N` (1 to {n}) to say which: {}",
                            times(n),
                            excerpt(first_text, 24),
                            places.join("; ")
                        ),
                    );
                    None
                }
            };
            let Some(first) = first else {
                out.push(None);
                continue;
            };
            let mut hits = vec![first];
            let mut ok = true;
            for (k, (text, pos)) in q.segments.iter().enumerate().skip(1) {
                let prev_end = hits.last().map_or(0, |h| h.end);
                match occ.first_from(pids[k], prev_end) {
                    Some(hit) => hits.push(hit),
                    None if occ.count(pids[k]) > 0 => {
                        self.error(
                            *pos,
                            format!(
                                "quote segment {} occurs only before segment {k} in the body: \"{}\"; segments must be listed in reading order",
                                k + 1,
                                excerpt(text, 24)
                            ),
                        );
                        ok = false;
                        break;
                    }
                    None => {
                        not_found(
                            self,
                            &mut lines,
                            text,
                            *pos,
                            format!("quote segment {} not found after segment {k}", k + 1),
                        );
                        ok = false;
                        break;
                    }
                }
            }
            out.push(ok.then(|| {
                hits.iter()
                    .map(|h| {
                        let (s, e) = folded.span_to_body(h.start, h.end);
                        Span::new(s, e)
                    })
                    .collect()
            }));
        }
        out
    }
}

/// Line starts of the body, found the first time a message needs a line number.
#[derive(Default)]
struct Lines {
    /// Char offsets where each line after the first begins.
    starts: Option<Vec<usize>>,
}

impl Lines {
    /// The 1-based line and column (in chars) of body char `offset`.
    fn of(&mut self, body: &Body, offset: usize) -> (usize, usize) {
        let starts = self.starts.get_or_insert_with(|| {
            body.as_str()
                .chars()
                .enumerate()
                .filter(|&(_, c)| c == '\n')
                .map(|(i, _)| i + 1)
                .collect()
        });
        let line = starts.partition_point(|&s| s <= offset);
        let line_start = if line == 0 { 0 } else { starts[line - 1] };
        (line + 1, offset - line_start + 1)
    }
}

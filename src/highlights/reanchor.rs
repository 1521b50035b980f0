//! Re-anchoring: putting highlights back where their text now stands in a changed body.

use std::collections::HashMap;

use super::{CONTEXT_CHARS, Highlight};
use crate::body::Body;
use crate::fold::{Folded, fold_pattern};

/// Puts each highlight back where its text now stands in `body`:
///
/// 1. a highlight whose `text` still sits at `start..end` stays (and is no longer orphaned);
/// 2. otherwise its `text` is looked for in the whole body, exactly; each occurrence (overlapping
///    ones included) is scored by how many chars of `prefix` (read backwards) and `suffix` agree
///    with the body around it. A single occurrence, or a single best-scoring one, wins; two
///    occurrences sharing the best score are ambiguous and the highlight becomes an orphan —
///    nothing is guessed;
/// 3. when the exact text occurs nowhere, it is looked for once more with the format's folding
///    (typographic quote marks and runs of whitespace, as quote segments are found), which
///    survives a re-wrapped paragraph or curly quotes put in; the same scoring and the same rule
///    on ties apply. A match that covers only part of the text never counts;
/// 4. a highlight found by 2 or 3 takes its new `start`/`end`, and its `text`, `prefix` and
///    `suffix` are refreshed from the body, so that the record describes the body it is now in;
///    one not found is marked orphaned and keeps its offsets and text. An orphan whose text
///    reappears is re-anchored the same way. A highlight with empty `text` marks nothing and
///    is an orphan.
///
/// All the highlights that moved are searched for in one pass over the body (Aho–Corasick), so a
/// change at the top of a long body, which moves every highlight, costs one scan, not one each.
pub fn reanchor(list: &mut [Highlight], body: &Body) {
    let mut lost = Vec::new();
    for (i, h) in list.iter_mut().enumerate() {
        if h.text.is_empty() {
            h.orphaned = true;
        } else if h.start <= h.end && h.end <= body.len() && body.slice(h.start, h.end) == h.text {
            h.orphaned = false;
        } else {
            lost.push(i);
        }
    }
    if lost.is_empty() {
        return;
    }

    let hay = body.as_str();
    // Most lost highlights moved with their context (an edit elsewhere shifted the offsets):
    // text, prefix and suffix together occur once, and no place can score higher. One pass
    // finds them all; only the rest are scored place by place, which for a one-letter text
    // means every letter of the body (docs/PERFORMANCE.md).
    let mut rest = Vec::new();
    for (k, outcome) in by_context(hay, lost.iter().map(|&i| &list[i]))
        .into_iter()
        .enumerate()
    {
        let h = &mut list[lost[k]];
        match outcome {
            Found::At(s, e) => place(h, body, body.char_at_byte(s), body.char_at_byte(e)),
            Found::Ambiguous => h.orphaned = true,
            Found::Missing => rest.push(lost[k]),
        }
    }
    let lost = rest;
    if lost.is_empty() {
        return;
    }
    let wants: Vec<Want> = lost
        .iter()
        .map(|&i| Want {
            pattern: list[i].text.clone(),
            prefix: list[i].prefix.clone(),
            suffix: list[i].suffix.clone(),
        })
        .collect();
    let found = search(hay, &wants, |w, s, e| {
        agree_before(&hay[..s], &w.prefix, false) + agree_after(&hay[e..], &w.suffix, false)
    });
    let mut missing = Vec::new();
    for (k, outcome) in found.into_iter().enumerate() {
        let h = &mut list[lost[k]];
        match outcome {
            Found::At(s, e) => place(h, body, body.char_at_byte(s), body.char_at_byte(e)),
            Found::Ambiguous => h.orphaned = true,
            Found::Missing => missing.push(lost[k]),
        }
    }
    if missing.is_empty() {
        return;
    }

    let folded = Folded::new(hay);
    let wants: Vec<Want> = missing
        .iter()
        .map(|&i| Want {
            pattern: fold_pattern(&list[i].text),
            prefix: fold_pattern(&list[i].prefix),
            suffix: fold_pattern(&list[i].suffix),
        })
        .collect();
    let text = folded.text.as_str();
    let found = search(text, &wants, |w, s, e| {
        agree_before(&text[..s], &w.prefix, true) + agree_after(&text[e..], &w.suffix, true)
    });
    for (k, outcome) in found.into_iter().enumerate() {
        let h = &mut list[missing[k]];
        match outcome {
            Found::At(s, e) => {
                let (start, end) = folded.span_to_body(s, e);
                place(h, body, start, end);
            }
            Found::Ambiguous | Found::Missing => h.orphaned = true,
        }
    }
}

/// Anchors `h` at chars `start..end` of the body, refreshing what it remembers of the text.
fn place(h: &mut Highlight, body: &Body, start: usize, end: usize) {
    h.start = start;
    h.end = end;
    h.text = body.slice(start, end).to_string();
    h.prefix = body.before(start, CONTEXT_CHARS).to_string();
    h.suffix = body.after(end, CONTEXT_CHARS).to_string();
    h.orphaned = false;
}

/// What one lost highlight is looked for by.
struct Want {
    pattern: String,
    prefix: String,
    suffix: String,
}

#[derive(Debug, PartialEq, Eq)]
enum Found {
    Missing,
    Ambiguous,
    /// Byte offsets in the searched text.
    At(usize, usize),
}

/// How many chars at the end of `before` agree with the end of `prefix`. With `skip_spaces`,
/// spaces on either side are passed over (folded text keeps one space per run, a folded
/// pattern none at its edges).
fn agree_before(before: &str, prefix: &str, skip_spaces: bool) -> usize {
    let keep = |c: &char| !(skip_spaces && *c == ' ');
    before
        .chars()
        .rev()
        .filter(keep)
        .zip(prefix.chars().rev().filter(keep))
        .take_while(|(a, b)| a == b)
        .count()
}

/// How many chars at the start of `after` agree with the start of `suffix`.
fn agree_after(after: &str, suffix: &str, skip_spaces: bool) -> usize {
    let keep = |c: &char| !(skip_spaces && *c == ' ');
    after
        .chars()
        .filter(keep)
        .zip(suffix.chars().filter(keep))
        .take_while(|(a, b)| a == b)
        .count()
}

/// For each highlight, where its prefix, text and suffix occur together in `hay`: `At` the text
/// when once, `Ambiguous` when more often (every such place has the best score there is, so
/// none wins), `Missing` when nowhere. One pass for all of them.
fn by_context<'a>(hay: &str, lost: impl Iterator<Item = &'a Highlight>) -> Vec<Found> {
    let lost: Vec<&Highlight> = lost.collect();
    let contexts: Vec<String> = lost
        .iter()
        .map(|h| [h.prefix.as_str(), &h.text, &h.suffix].concat())
        .collect();
    let mut pattern_of: HashMap<&str, usize> = HashMap::new();
    let mut patterns: Vec<&str> = Vec::new();
    let ids: Vec<usize> = contexts
        .iter()
        .map(|c| {
            *pattern_of.entry(c).or_insert_with(|| {
                patterns.push(c);
                patterns.len() - 1
            })
        })
        .collect();
    // Per pattern: how many places, and the first.
    let mut seen: Vec<(usize, usize)> = vec![(0, 0); patterns.len()];
    if let Ok(ac) = aho_corasick::AhoCorasick::new(&patterns) {
        for m in ac.find_overlapping_iter(hay) {
            let (n, first) = &mut seen[m.pattern().as_usize()];
            if *n == 0 {
                *first = m.start();
            }
            *n += 1;
        }
    }
    lost.iter()
        .zip(ids)
        .map(|(h, p)| match seen[p] {
            // An empty text is an orphan, whatever its context.
            _ if h.text.is_empty() => Found::Ambiguous,
            (0, _) => Found::Missing,
            (1, at) => {
                let start = at + h.prefix.len();
                Found::At(start, start + h.text.len())
            }
            _ => Found::Ambiguous,
        })
        .collect()
}

/// For each want, its best-scoring occurrence in `hay`, in one pass for all of them.
fn search(hay: &str, wants: &[Want], score: impl Fn(&Want, usize, usize) -> usize) -> Vec<Found> {
    // Several highlights may share a text: each distinct text is one pattern.
    let mut pattern_of: HashMap<&str, usize> = HashMap::new();
    let mut patterns: Vec<&str> = Vec::new();
    let mut users: Vec<Vec<usize>> = Vec::new();
    for (w, want) in wants.iter().enumerate() {
        if want.pattern.is_empty() {
            continue;
        }
        let p = *pattern_of.entry(&want.pattern).or_insert_with(|| {
            patterns.push(&want.pattern);
            users.push(Vec::new());
            patterns.len() - 1
        });
        users[p].push(w);
    }

    // Per want: best score, how many occurrences reach it, and the first of them.
    let mut best: Vec<Option<(usize, usize, usize, usize)>> = vec![None; wants.len()];
    let mut consider = |p: usize, s: usize, e: usize| {
        for &w in &users[p] {
            let sc = score(&wants[w], s, e);
            best[w] = match best[w] {
                Some((b, n, bs, be)) if sc < b => Some((b, n, bs, be)),
                Some((b, n, bs, be)) if sc == b => Some((b, n + 1, bs, be)),
                _ => Some((sc, 1, s, e)),
            };
        }
    };
    match aho_corasick::AhoCorasick::new(&patterns) {
        Ok(ac) => {
            for m in ac.find_overlapping_iter(hay) {
                consider(m.pattern().as_usize(), m.start(), m.end());
            }
        }
        // Only a pattern set too large for the automaton gets here: search one by one.
        Err(_) => {
            for (p, pattern) in patterns.iter().enumerate() {
                for s in overlapping(hay, pattern) {
                    consider(p, s, s + pattern.len());
                }
            }
        }
    }
    best.into_iter()
        .map(|b| match b {
            None => Found::Missing,
            Some((_, 1, s, e)) => Found::At(s, e),
            Some(_) => Found::Ambiguous,
        })
        .collect()
}

/// Byte offsets of every occurrence of a non-empty `pattern`, overlapping ones included.
fn overlapping<'a>(hay: &'a str, pattern: &'a str) -> impl Iterator<Item = usize> + 'a {
    let step = pattern.chars().next().map_or(1, char::len_utf8);
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + hay.get(from..)?.find(pattern)?;
        from = at + step;
        Some(at)
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::article::Span;
    use std::time::{Duration, Instant};

    // --- re-anchoring -------------------------------------------------------------------------

    #[test]
    fn a_highlight_in_place_stays() {
        let b = body(TEXT);
        let mut list = vec![mark(&b, "the plan")];
        list[0].orphaned = true;
        let before = list[0].clone();
        reanchor(&mut list, &b);
        assert!(!list[0].orphaned);
        assert_eq!((list[0].start, list[0].end), (before.start, before.end));
    }

    #[test]
    fn moved_text_is_found_again() {
        let old = body(TEXT);
        let mut list = vec![mark(&old, "Critics said the plan was late.")];
        let new = body(&format!(
            "# Harbour\n\nAn update, with “curly” text.\n\n{TEXT}"
        ));
        reanchor(&mut list, &new);
        let h = &list[0];
        assert!(!h.orphaned);
        assert_eq!(span_text(&new, h), "Critics said the plan was late.");
        assert!(h.start > 40);
        assert_eq!(h.prefix, new.before(h.start, 32), "context is refreshed");
    }

    #[test]
    fn duplicates_are_told_apart_by_prefix_and_suffix() {
        let old = body(TEXT);
        // "the mayor" occurs twice: in "the mayor said." and "The mayor said nothing".
        let second = {
            let byte = TEXT.rfind("mayor said").unwrap();
            let start = old.char_at_byte(byte);
            Highlight::new(&old, Span::new(start, start + 10), None)
        };
        let first = mark(&old, "mayor said");
        assert_ne!(first.start, second.start);
        let mut list = vec![first, second];
        let new = body(&format!("Breaking: {TEXT}"));
        reanchor(&mut list, &new);
        assert!(list.iter().all(|h| !h.orphaned));
        assert!(new.slice(list[0].end, new.len()).starts_with(". Critics"));
        assert!(
            new.slice(list[1].end, new.len())
                .starts_with(" nothing more")
        );
    }

    #[test]
    fn a_tie_between_duplicates_is_an_orphan() {
        let old = body("one. A repeated line. two.");
        let mut list = vec![mark(&old, "A repeated line.")];
        let start = list[0].start;
        // The text now appears twice with the same context in both places (the paragraph
        // was duplicated), and not where it was.
        let new = body("## one. A repeated line. two.\none. A repeated line. two.");
        reanchor(&mut list, &new);
        assert!(list[0].orphaned, "{:?}", list[0]);
        assert_eq!(list[0].start, start, "an orphan keeps its offsets");
    }

    #[test]
    fn overlapping_occurrences_count_as_two() {
        let old = body("xxxx ha ha yy");
        let mut list = vec![mark(&old, "ha ha")];
        list[0].prefix.clear();
        list[0].suffix.clear();
        // "ha ha" occurs at 0 and at 3 of "ha ha ha": a tie, not a pick of the first.
        let new = body("ha ha ha");
        reanchor(&mut list, &new);
        assert!(list[0].orphaned);
    }

    #[test]
    fn removed_text_is_an_orphan_and_part_of_it_is_not_enough() {
        let old = body(TEXT);
        let mut list = vec![mark(&old, "Critics said the plan was late.")];
        let kept = list[0].clone();
        let new = body(&TEXT.replace("the plan was late", "the plan was on time"));
        reanchor(&mut list, &new);
        assert!(list[0].orphaned);
        assert_eq!(list[0].text, kept.text);
        assert_eq!((list[0].start, list[0].end), (kept.start, kept.end));
    }

    #[test]
    fn an_orphan_comes_back_when_its_text_does() {
        let old = body(TEXT);
        let mut list = vec![mark(&old, "the plan was late")];
        reanchor(&mut list, &body("Nothing here any more."));
        assert!(list[0].orphaned);
        let back = body(&format!("Correction. {TEXT}"));
        reanchor(&mut list, &back);
        assert!(!list[0].orphaned);
        assert_eq!(span_text(&back, &list[0]), "the plan was late");
    }

    #[test]
    fn rewrapped_and_curly_text_is_found_by_folding() {
        let old = body("Intro.\n\n\"We will rebuild the harbour,\" the mayor said.");
        let mut list = vec![mark(&old, "\"We will rebuild the harbour,\"")];
        let new = body("Intro.\n\n“We will rebuild\n  the harbour,” the mayor said.");
        reanchor(&mut list, &new);
        assert!(!list[0].orphaned);
        assert_eq!(
            span_text(&new, &list[0]),
            "“We will rebuild\n  the harbour,”"
        );
        assert_eq!(list[0].text, "“We will rebuild\n  the harbour,”");
    }

    #[test]
    fn empty_text_is_an_orphan() {
        let b = body(TEXT);
        let mut list = vec![Highlight::new(&b, Span::new(3, 3), None)];
        reanchor(&mut list, &b);
        assert!(list[0].orphaned);
    }

    #[test]
    fn offsets_past_a_shorter_body_do_not_panic() {
        let old = body(TEXT);
        let mut list = vec![mark(&old, "nothing more.")];
        list[0].start = 10_000;
        list[0].end = 9_000;
        let new = body("short, nothing more.");
        reanchor(&mut list, &new);
        assert_eq!(span_text(&new, &list[0]), "nothing more.");
    }

    #[test]
    fn a_ten_megabyte_body_with_hundreds_of_moved_highlights() {
        // Paragraphs that are each unique (numbered), so every highlight has one home; the
        // curly apostrophe makes chars and bytes differ.
        let mut text = String::with_capacity(10_500_000);
        let mut chars = 0;
        let mut spans = Vec::new();
        for n in 0.. {
            if text.len() >= 10_000_000 {
                break;
            }
            let para = format!(
                "Paragraph {n}: the council’s report, item {n}, says the harbour needs work.\n\n"
            );
            if n % 290 == 0 {
                let len = format!("Paragraph {n}: the").len();
                spans.push((Span::new(chars, chars + len), n));
            }
            chars += para.chars().count();
            text.push_str(&para);
        }
        assert!(spans.len() >= 400, "{}", spans.len());
        let old = body(&text);
        let mut list: Vec<Highlight> = spans
            .iter()
            .map(|&(span, _)| Highlight::new(&old, span, None))
            .collect();
        // An edit at the top moves every highlight.
        let new = body(&format!("# Updated\n\n{text}"));
        let t = Instant::now();
        reanchor(&mut list, &new);
        let took = t.elapsed();
        eprintln!(
            "re-anchored {} highlights in a 10 MB body in {took:?}",
            list.len()
        );
        for (h, (span, n)) in list.iter().zip(&spans) {
            assert!(!h.orphaned, "{n}");
            assert_eq!(span_text(&new, h), format!("Paragraph {n}: the"));
            assert_eq!(h.start, span.start() + "# Updated\n\n".len());
        }
        assert!(took < Duration::from_secs(20), "{took:?}");
    }

    #[test]
    fn a_thousand_one_letter_highlights_that_moved_with_their_context() {
        // One letter each: scored place by place, each would be weighed at every one of its
        // letter's places in the body.
        let mut text = String::new();
        let mut n = 0;
        while text.len() < 1_000_000 {
            text.push_str(&format!("Item {n}: the council’s harbour report. "));
            n += 1;
        }
        let old = body(&text);
        let step = old.len() / 1000;
        let mut list: Vec<Highlight> = (0..1000)
            .map(|k| Highlight::new(&old, Span::new(k * step + 40, k * step + 41), None))
            .collect();
        let want: Vec<String> = list.iter().map(|h| h.text.clone()).collect();
        let new = body(&format!("An edit.\n\n{text}"));
        let t = Instant::now();
        reanchor(&mut list, &new);
        let took = t.elapsed();
        let mut moved = 0;
        for (k, h) in list.iter().enumerate() {
            assert!(!h.orphaned, "{k}");
            assert_eq!(span_text(&new, h), want[k]);
            // A letter that the same letter replaced stays where it is (step 1 of re-anchoring);
            // the others follow their context.
            if h.start != k * step + 40 {
                assert_eq!(h.start, k * step + 40 + "An edit.\n\n".len());
                moved += 1;
            }
        }
        assert!(moved > 800, "{moved}");
        // Unoptimised, in seconds before; well under one now.
        assert!(took < Duration::from_secs(5), "{took:?}");
    }

    #[test]
    fn the_one_by_one_search_finds_overlapping_occurrences_too() {
        assert_eq!(overlapping("ha ha ha", "ha ha").collect::<Vec<_>>(), [0, 3]);
        assert_eq!(overlapping("ééé", "éé").collect::<Vec<_>>(), [0, 2]);
        assert_eq!(overlapping("abc", "x").count(), 0);
    }
}

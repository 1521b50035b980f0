//! Sentences of the body, for selecting passages sentence by sentence. Found on demand around a
//! position (Unicode sentence boundaries within a block), never for the whole article, and never
//! for more than a window of text around the position: a key costs the same in a paragraph of
//! a few lines and in one of megabytes with no sentence break (docs/PERFORMANCE.md).
//!
//! A sentence longer than `LONGEST` chars (a list without full stops, a text with no punctuation
//! at all) is selected in pieces: it is cut at the first word at or after every multiple of
//! `PIECE` chars of the body. The cuts depend only on the text there, so every window that sees
//! a piece sees the same piece.

use unicode_segmentation::UnicodeSegmentation;

use crate::article::Span;
use crate::body::Body;

/// Sentences longer than this are selected in pieces.
const LONGEST: usize = 2_000;
/// Pieces of an over-long sentence start at the first word at or after each multiple of this.
const PIECE: usize = 1_000;
/// How far either side of a position the text is split into sentences: past two sentences of
/// `LONGEST`, so that the sentence or piece at the position and the ones beside it are whole.
const REACH: usize = 5_000;

/// The sentences of `text`, which starts at body char `base`, as body spans without surrounding
/// whitespace. Unicode's rules (UAX #29) keep decimals ("3.5") whole and a closing quotation
/// mark with the sentence it ends, but break after any full stop before a capital; as
/// `sentencex` does on news text, a stop that ends an abbreviation (`Dr.`, `U.S.`, `Jan.`, an
/// initial) does not end the sentence, nor does a stop inside a quotation or parentheses that
/// close nearby, so the two sides are joined again.
fn split(text: &str, base: usize) -> Vec<Span> {
    let quoted = quoted_ranges(text);
    let mut out: Vec<Span> = Vec::new();
    let mut offset = base;
    // Where the current piece starts in `text`, in chars, to compare with `quoted`.
    let mut local = 0;
    let mut prev = "";
    for sentence in text.split_sentence_bounds() {
        let n = sentence.chars().count();
        let lead = sentence.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed = sentence.trim();
        if !trimmed.is_empty() {
            let span = Span::new(offset + lead, offset + lead + trimmed.chars().count());
            let at = local + lead;
            let inside = quoted.iter().any(|&(open, close)| open < at && at < close);
            match out.last_mut() {
                Some(last) if inside || goes_on(prev, trimmed) => {
                    *last = Span::new(last.start(), span.end())
                }
                _ => out.push(span),
            }
            prev = trimmed;
        }
        offset += n;
        local += n;
    }
    out
}

/// The longest quotation or parenthesis, in chars, inside which no sentence ends: a longer one
/// is more likely a stray mark than a quoted passage.
const LONGEST_QUOTED: usize = 600;

/// `(open, close)` char offsets in `text` of the quotations and parentheses that close within
/// `LONGEST_QUOTED` chars: “…”, «…», „…“, "…" and (…).
fn quoted_ranges(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        // A straight quote opens only where a word cannot end: `5" wide` is no quotation.
        let opens_here = i == 0 || chars.get(i - 1).is_some_and(|p| !p.is_alphanumeric());
        let close = match c {
            '“' => Some('”'),
            '«' => Some('»'),
            '„' => Some('“'),
            '"' if opens_here => Some('"'),
            '(' => Some(')'),
            _ => None,
        };
        let end = (i + 1 + LONGEST_QUOTED).min(chars.len());
        let found = close.and_then(|close| {
            let rest = chars.get(i + 1..end)?;
            rest.iter().position(|&d| d == close)
        });
        match found {
            Some(j) => {
                out.push((i, i + 1 + j));
                i += j + 2;
            }
            None => i += 1,
        }
    }
    out
}

/// Words that begin a new sentence after an acronym: "… in the U.S. The next day".
const SENTENCE_STARTERS: &[&str] = &[
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "This", "That",
    "There", "These", "Those", "In", "On", "His", "Her", "Its", "Their", "Our", "Then",
];

/// Whether the sentence ending with `prev` goes on into `next`: `prev` ends in an
/// abbreviation's stop, and `next` does not plainly start a sentence of its own.
fn goes_on(prev: &str, next: &str) -> bool {
    if !ends_in_abbreviation(prev) {
        return false;
    }
    let next_word = next
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    let stem = prev
        .split_whitespace()
        .last()
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches('.');
    match stem {
        // "No. 7", but "He said No. Then": a number follows.
        "No" | "Nos" => next_word.starts_with(|c: char| c.is_ascii_digit()),
        // An acronym can end a sentence: "… in the U.S. The next day".
        _ if stem.contains('.') && stem.chars().all(|c| c == '.' || c.is_uppercase()) => {
            !SENTENCE_STARTERS.contains(&next_word)
        }
        _ => true,
    }
}

/// Words whose full stop marks an abbreviation, not the end of a sentence: titles, months and
/// company forms that stand before a name or a number.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "St", "Jr", "Sr", "Gen", "Gov", "Sen", "Rep", "Pres",
    "Lt", "Col", "Capt", "Cmdr", "Sgt", "Cpl", "Adm", "Rev", "Hon", "Fr", "Mt", "Ft", "Det",
    "Insp", "Supt", "Cllr", "Rt", "No", "Nos", "Vol", "Fig", "Jan", "Feb", "Mar", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc", "Ltd", "Co", "Corp", "Bros", "vs",
    "approx", "cf", "ca",
];

/// True when `sentence` ends with an abbreviation's full stop: one of [`ABBREVIATIONS`], a
/// single capital (an initial, `J. R. Okafor`), or letters with stops between (`U.S.`, `e.g.`).
fn ends_in_abbreviation(sentence: &str) -> bool {
    let Some(word) = sentence.split_whitespace().last() else {
        return false;
    };
    // `(Dr.` or `“St.`: what opens before the word is not part of it.
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    if ABBREVIATIONS.contains(&stem) {
        return true;
    }
    let mut chars = stem.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    // `U.S`, `e.g`, `a.m`: single letters joined by stops.
    stem.contains('.')
        && stem
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

/// The sentences of block `b` seen whole from a window around `at`, in order; and the window,
/// whose edges are the block's when it reaches them.
fn near(body: &Body, b: usize, at: usize) -> (Vec<Span>, Span) {
    let Some(block) = body.blocks().get(b) else {
        return (Vec::new(), Span::new(at, at));
    };
    let mut from = at.saturating_sub(REACH).max(block.start);
    let to = at.saturating_add(REACH).min(block.end);
    if from > block.start {
        // Start at a word, so that the first break found is one the whole block has too.
        from = word_start(body, from, to).unwrap_or(from);
    }
    let text = body.slice(from, to);
    let raw = split(text, from);
    let last = raw.len().saturating_sub(1);
    let mut out = Vec::new();
    for (i, s) in raw.into_iter().enumerate() {
        // A sentence cut by the window's edge is of unknown length: long, or unknown.
        let start_known = i > 0 || from == block.start;
        let end_known = i < last || to == block.end;
        if start_known && end_known && s.len() <= LONGEST {
            out.push(s);
        } else if s.len() > LONGEST {
            pieces(body, s, start_known, end_known, &mut out);
        }
    }
    (out, Span::new(from, to))
}

/// The pieces of the over-long sentence `s` that are whole: a piece at a window edge whose
/// sentence goes on past it is left out.
fn pieces(body: &Body, s: Span, start_known: bool, end_known: bool, out: &mut Vec<Span>) {
    let mut start = start_known.then_some(s.start());
    let mut k = s.start() / PIECE;
    loop {
        let cut = cut_at(body, k);
        k += 1;
        if cut <= s.start() {
            continue;
        }
        if cut >= s.end() {
            if end_known && let Some(start) = start {
                push_trimmed(body, Span::new(start, s.end()), out);
            }
            return;
        }
        if let Some(start) = start {
            push_trimmed(body, Span::new(start, cut), out);
        }
        start = Some(cut);
    }
}

/// Where the `k`-th cut of an over-long sentence lies: the first word at or after char
/// `k * PIECE`, or there when no word starts in the next `PIECE` chars.
fn cut_at(body: &Body, k: usize) -> usize {
    let at = k * PIECE;
    word_start(body, at, at + PIECE).unwrap_or(at)
}

/// The first char in `[from, to)` that starts a word (not whitespace, after whitespace).
fn word_start(body: &Body, from: usize, to: usize) -> Option<usize> {
    let before = from.checked_sub(1)?;
    let mut prev_space = body.slice(before, from).chars().all(char::is_whitespace);
    for (i, c) in body.slice(from, to).chars().enumerate() {
        let space = c.is_whitespace();
        if prev_space && !space {
            return Some(from + i);
        }
        prev_space = space;
    }
    None
}

fn push_trimmed(body: &Body, s: Span, out: &mut Vec<Span>) {
    let text = body.slice(s.start(), s.end());
    let lead = text.chars().take_while(|c| c.is_whitespace()).count();
    let trail = text.chars().rev().take_while(|c| c.is_whitespace()).count();
    if lead + trail < s.len() {
        out.push(Span::new(s.start() + lead, s.end() - trail));
    }
}

/// The first sentence after char `offset` that `wanted` accepts, crossing into later blocks.
fn first_from(body: &Body, offset: usize, wanted: impl Fn(&Span) -> bool) -> Option<Span> {
    let blocks = body.blocks();
    let mut b = body.block_at(offset).unwrap_or(0);
    let mut at = offset;
    while let Some(block) = blocks.get(b) {
        let (list, window) = near(body, b, at.max(block.start));
        if let Some(s) = list.into_iter().find(&wanted) {
            return Some(s);
        }
        if window.end() >= block.end {
            b += 1;
        } else {
            // Nothing whole here yet: look further on in the same block.
            at = window.end() - REACH / 2;
        }
    }
    None
}

/// The sentence holding `offset`, or the first one after it.
pub fn sentence_at(body: &Body, offset: usize) -> Option<Span> {
    first_from(body, offset, |s| s.end() > offset)
}

/// The first sentence starting at or after `offset`, crossing into later blocks.
pub fn next_sentence(body: &Body, offset: usize) -> Option<Span> {
    first_from(body, offset, |s| s.start() >= offset)
}

/// The last sentence ending before `offset` that starts at or after `floor`.
pub fn prev_sentence_end(body: &Body, floor: usize, offset: usize) -> Option<Span> {
    let blocks = body.blocks();
    let first = body.block_at(floor).unwrap_or(0);
    let mut b = body.block_at(offset).unwrap_or(0);
    let mut at = offset;
    loop {
        let block = blocks.get(b)?;
        let (list, window) = near(body, b, at.min(block.end));
        if let Some(s) = list
            .into_iter()
            .rfind(|s| s.start() >= floor && s.end() < offset)
        {
            return Some(s);
        }
        if window.start() > block.start && window.start() > floor {
            // Nothing whole here yet: look further back in the same block. The window's start
            // moves forward to a word, so a word longer than the reach would hold it still: go
            // back by half a reach at least.
            at = (window.start() + REACH / 2).min(at.saturating_sub(REACH / 2));
        } else if b > first {
            b -= 1;
            at = blocks[b].end;
        } else {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &Body, s: Span) -> &str {
        body.slice(s.start(), s.end())
    }

    #[test]
    fn finds_and_steps_through_sentences() {
        let body = Body::new("One two. Three four!\n\nFive? Six.".into());
        let s = sentence_at(&body, 2).unwrap();
        assert_eq!(text(&body, s), "One two.");
        let n = next_sentence(&body, s.end()).unwrap();
        assert_eq!(text(&body, n), "Three four!");
        let n2 = next_sentence(&body, n.end()).unwrap();
        assert_eq!(text(&body, n2), "Five?");
        let back = prev_sentence_end(&body, s.start(), n2.end()).unwrap();
        assert_eq!(text(&body, back), "Three four!");
        assert_eq!(next_sentence(&body, body.len()), None);
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_a_sentence() {
        let body = Body::new(
            "A wave has hit as former U.S. President Donald Trump spoke. Dr. Marcus Oyelaran, a \
             dentist, and J. R. Okafor met on Jan. 5 at 3.5 p.m. sharp. \"We listened.\" Then \
             St. Ives (Mr. Pike's town) voted. It ended in the U.S."
                .into(),
        );
        let mut got = Vec::new();
        let mut at = 0;
        while let Some(s) = next_sentence(&body, at) {
            got.push(text(&body, s).to_string());
            at = s.end();
        }
        assert_eq!(
            got,
            [
                "A wave has hit as former U.S. President Donald Trump spoke.",
                "Dr. Marcus Oyelaran, a dentist, and J. R. Okafor met on Jan. 5 at 3.5 p.m. sharp.",
                "\"We listened.\"",
                "Then St. Ives (Mr. Pike's town) voted.",
                "It ended in the U.S.",
            ]
        );
        assert!(!ends_in_abbreviation("It was over."));
        assert!(!ends_in_abbreviation("They met the CEO."));
    }

    fn all_sentences(text: &str) -> Vec<String> {
        let body = Body::new(text.into());
        let mut got = Vec::new();
        let mut at = 0;
        while let Some(s) = next_sentence(&body, at) {
            got.push(body.slice(s.start(), s.end()).to_string());
            at = s.end();
        }
        got
    }

    #[test]
    fn quotations_decimals_and_acronyms_at_an_end() {
        assert_eq!(
            all_sentences(
                "Ines said “We left. They stayed.” on Monday. Rates rose 3.5 per cent. \
                 It began in the U.S. The next day (Tue. Wed.) it spread. Gen. Ames and \
                 Mrs. Pike met. He said No. Then No. 7 won."
            ),
            [
                "Ines said “We left. They stayed.” on Monday.",
                "Rates rose 3.5 per cent.",
                "It began in the U.S.",
                "The next day (Tue. Wed.) it spread.",
                "Gen. Ames and Mrs. Pike met.",
                "He said No.",
                "Then No. 7 won.",
            ]
        );
        // A stray opening mark with no close nearby keeps no sentence open.
        let stray = format!("“A word. {} Last one.", "More words here. ".repeat(60));
        assert_eq!(all_sentences(&stray).len(), 62);
        // The quoted sentence ends inside its closing mark and takes the mark with it.
        assert_eq!(
            all_sentences("“We are monsters.” Then he left."),
            ["“We are monsters.”", "Then he left."]
        );
    }

    /// Words that may stand inside a sentence, abbreviations and all.
    const INNER: [&str; 14] = [
        "Dr. Marcus",
        "U.S. President",
        "J. R. Okafor",
        "3.5",
        "Jan. 5",
        "St. Ives",
        "Mr. Pike",
        "“We left. They stayed,” and",
        "(they met. It rained) and",
        "e.g. this",
        "harbour",
        "budget",
        "wall",
        "Mrs. Oyelaran",
    ];
    const STARTERS: [&str; 4] = ["The", "He", "Ines", "Then"];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// News-like sentences, each with abbreviations, initials, decimals and quotations
        /// inside, come out exactly as they were put together.
        #[test]
        fn news_sentences_come_out_as_written(
            sentences in proptest::collection::vec(
                (0..STARTERS.len(), proptest::collection::vec(0..INNER.len(), 1..6), 0..3usize),
                1..8,
            )
        ) {
            let want: Vec<String> = sentences
                .iter()
                .map(|(start, words, end)| {
                    let inner: Vec<&str> = words.iter().map(|&w| INNER[w]).collect();
                    let stop = [".", "!", "?"][*end];
                    format!("{} {} said{stop}", STARTERS[*start], inner.join(" "))
                })
                .collect();
            proptest::prop_assert_eq!(all_sentences(&want.join(" ")), want);
        }
    }

    /// Every sentence of a block, found by stepping with `next_sentence` from its start.
    fn stepped(body: &Body) -> Vec<Span> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(s) = next_sentence(body, at) {
            assert!(s.start() >= at && s.end() > s.start(), "{s:?} from {at}");
            out.push(s);
            at = s.end();
        }
        out
    }

    #[test]
    fn a_long_body_steps_through_the_same_sentences_as_one_split() {
        // Sentences of every length, some far past the window, in one paragraph.
        let mut text = String::new();
        for n in 0..160usize {
            let words = (n * 37) % 23 + 1 + if n % 50 == 7 { 1_500 } else { 0 };
            for w in 0..words {
                text.push_str(if w % 3 == 0 { "harbour " } else { "budget " });
            }
            text.push_str(&format!("ends {n}. "));
        }
        let body = Body::new(text.clone());
        let whole = split(&text, 0);
        let mut want = Vec::new();
        for s in whole {
            if s.len() <= LONGEST {
                want.push(s);
            } else {
                pieces(&body, s, true, true, &mut want);
            }
        }
        assert_eq!(stepped(&body), want);
        for s in &want {
            assert!(s.len() <= LONGEST, "{s:?}");
            assert_eq!(sentence_at(&body, s.start()), Some(*s));
            assert_eq!(sentence_at(&body, s.end() - 1), Some(*s));
        }
        // Shrinking steps back through the same ones.
        let last = want[want.len() - 1];
        let mut end = last.end();
        let mut back = vec![last];
        while let Some(s) = prev_sentence_end(&body, 0, end) {
            back.push(s);
            end = s.end();
        }
        back.reverse();
        assert_eq!(back, want);
    }

    #[test]
    fn words_longer_than_the_reach_end_every_search() {
        // One block: sentences, a word of 30 000 letters, sentences again.
        let text = format!(
            "{} {} {}",
            "Short one. ".repeat(500),
            "x".repeat(30_000),
            "Two. ".repeat(500)
        );
        let body = Body::new(text);
        let end = body.len();
        // Shrinking from the very end back past the giant word, and growing forward over it.
        let mut offset = end;
        let mut steps = 0;
        while let Some(s) = prev_sentence_end(&body, 0, offset) {
            assert!(s.end() < offset);
            offset = s.end();
            steps += 1;
        }
        assert!(steps >= 500, "{steps}");
        let mut at = 0;
        let mut n = 0;
        while let Some(s) = next_sentence(&body, at) {
            assert!(s.start() >= at);
            at = s.end();
            n += 1;
        }
        assert!(n >= 1000, "{n}");
    }

    #[test]
    fn a_body_with_no_sentence_break_is_selected_in_pieces_quickly() {
        let text = "word and other words ".repeat(250_000); // 5 MB, one sentence
        let body = Body::new(text);
        let t = std::time::Instant::now();
        let first = sentence_at(&body, 2_500_000).unwrap();
        let mut sel = first;
        for _ in 0..20 {
            let next = next_sentence(&body, sel.end()).unwrap();
            assert!(
                next.start() > sel.end() && next.len() <= 2 * PIECE,
                "{next:?}"
            );
            sel = Span::new(sel.start(), next.end());
        }
        let back = prev_sentence_end(&body, sel.start(), sel.end()).unwrap();
        assert!(back.end() < sel.end() && back.start() >= sel.start());
        // Far under a second even unoptimised: each key splits a few windows, not 5 MB.
        assert!(
            t.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            t.elapsed()
        );
        assert!(first.contains(2_500_000));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]
        /// For any news-like text: stepping finds ordered, disjoint, trimmed sentences inside the
        /// body, and `sentence_at` any char of a sentence finds that same sentence.
        #[test]
        fn sentences_are_ordered_trimmed_and_found_from_inside(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "the", "U.S.", "Dr.", "Jan.", "J.", "R.", "3.5", "said.", "“We", "left.”",
                    "Why?", "No!", "\n\n", "Okafor", "(Mr.", "Pike)", "e.g.", "日本語。",
                ]),
                0..40,
            )
        ) {
            let body = Body::new(words.join(" "));
            let found = stepped(&body);
            let mut end = 0;
            for s in &found {
                proptest::prop_assert!(s.start() >= end && s.end() <= body.len());
                let t = text(&body, *s);
                proptest::prop_assert_eq!(t.trim(), t);
                for at in [s.start(), (s.start() + s.end()) / 2, s.end() - 1] {
                    proptest::prop_assert_eq!(sentence_at(&body, at), Some(*s), "at {}", at);
                }
                end = s.end();
            }
        }
    }
}

//! Reported speech, sentence by sentence outside direct quotes: `X said (that) CLAUSE`,
//! `X told reporters CLAUSE`, `according to X, CLAUSE`, `CLAUSE, X said.` and
//! `A, X said, B` (two segments). A clause holding quoted words is `mixed`.

use crate::article::{QuoteKind, Span};

use super::Proposal;
use super::lexicon::{CueStrength, Lexicon};
use super::speakers::{Resolver, subject_after, subject_before};
use super::text::{Text, TokKind, is_quote_mark};

/// Phrases that may stand between a cue and its clause (`said on Monday that`).
const BETWEEN: &[&str] = &[
    "on",
    "in",
    "at",
    "a",
    "an",
    "the",
    "statement",
    "interview",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "last",
    "week",
    "night",
    "earlier",
    "later",
    "reporters",
    "journalists",
    "him",
    "her",
    "them",
    "us",
    "me",
    "lawmakers",
    "parliament",
    "councillors",
    "the",
    "bbc",
    "press",
    "conference",
    "news",
    "briefing",
    "post",
    "letter",
    "also",
    "this",
];

/// Words that may follow a final cue (`warned on Thursday`, `said in a statement`).
const TRAILING: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "week",
    "night",
    "statement",
    "interview",
    "on",
    "in",
    "a",
    "an",
    "last",
    "earlier",
    "later",
];

/// Reported speech in every sentence that has no token in `taken` (direct quotes and their
/// attributions). Quotations wholly inside a clause are returned as used.
pub fn find(text: &Text, taken: &[bool], res: &mut Resolver) -> Vec<Proposal> {
    let mut out = Vec::new();
    for para in text.paras.iter().filter(|p| !p.heading) {
        let mut s = para.first_tok;
        while s < para.end_tok {
            let mut e = s;
            while e < para.end_tok && !text.toks[e].sentence_end {
                e += 1;
            }
            let end = (e + 1).min(para.end_tok);
            if !(s..end).any(|t| taken[t])
                && let Some(p) = sentence(text, s, end, res)
            {
                // The speaker is now the last one to have spoken here, for `she said` next.
                let at = text.toks[s].start;
                let i = res.spoken.partition_point(|&(o, _)| o <= at);
                if !p.scare {
                    res.spoken.insert(i, (at, p.speaker));
                }
                out.push(p);
            }
            s = end;
        }
    }
    out
}

/// The tokens `[s, e)` of one sentence.
fn sentence(text: &Text, s: usize, e: usize, res: &mut Resolver) -> Option<Proposal> {
    let lx = Lexicon::get();
    // Drop the final stop: clauses are given without it.
    let mut stop = e;
    while stop > s
        && text.toks[stop - 1].kind == TokKind::Punct
        && !is_quote_mark(text.first(stop - 1))
    {
        stop -= 1;
    }
    if stop <= s + 2 {
        return None;
    }
    if let Some(p) = said_clause(text, s, stop, res) {
        return Some(p);
    }
    // `According to X, CLAUSE`
    if text.is(s, "According") && text.is(s + 1, "to") {
        let comma = (s + 2..stop).find(|&t| text.is(t, ","))?;
        let (speaker, how) = res.resolve(s + 2, comma, text.toks[s].start)?;
        return clause(
            text,
            comma + 1,
            stop,
            speaker,
            "according to",
            format!("according to X, clause; speaker {}", how.label()),
            0.75,
        );
    }
    // `CLAUSE, according to X`
    if let Some(k) = (s + 1..stop.saturating_sub(2))
        .find(|&t| text.is(t, ",") && text.is(t + 1, "according") && text.is(t + 2, "to"))
    {
        let (speaker, how) = res.resolve(k + 3, stop, text.toks[s].start)?;
        return clause(
            text,
            s,
            k,
            speaker,
            "according to",
            format!("clause, according to X; speaker {}", how.label()),
            0.7,
        );
    }
    // `CLAUSE, X said` at the end, perhaps with when and how after it (`warned on Thursday`).
    for _ in 0..4 {
        let w = text.tok_str(stop - 1).to_lowercase();
        let trailing = TRAILING;
        if stop > s + 3
            && trailing.contains(&w.as_str())
            && lx.cue(&text.tok_str(stop - 2)).is_some()
            || (stop > s + 3
                && trailing.contains(&w.as_str())
                && trailing.contains(&text.tok_str(stop - 2).to_lowercase().as_str()))
        {
            stop -= 1;
        } else {
            break;
        }
    }
    if stop >= s + 3 && text.is_word(stop - 1) {
        let cue = text.tok_str(stop - 1);
        let is_cue = lx
            .cue(&cue)
            .is_some_and(|c| c.strength != CueStrength::Weak && !c.non_finite);
        if is_cue
            && let Some((a, b)) = subject_before(text, stop - 1, s)
            && a > s
            && text.is(a - 1, ",")
            && b - a <= 8
            && let Some((speaker, how)) = res.resolve(a, b, text.toks[a].start)
        {
            return clause(
                text,
                s,
                a - 1,
                speaker,
                &cue,
                format!("clause, X {cue}; speaker {}", how.label()),
                0.7,
            );
        }
        // `CLAUSE, said X` at the end.
        if let Some(k) = (s + 1..stop).rev().find(|&t| {
            text.is(t, ",")
                && t + 1 < stop
                && text.is_word(t + 1)
                && lx
                    .cue(&text.tok_str(t + 1))
                    .is_some_and(|c| c.strength != CueStrength::Weak && !c.non_finite)
        }) {
            let cue = text.tok_str(k + 1);
            if let Some((a, b)) = subject_after(text, k + 2, stop)
                && b == stop
                && b - a <= 6
                && let Some((speaker, how)) = res.resolve(a, b, text.toks[a].start)
            {
                return clause(
                    text,
                    s,
                    k,
                    speaker,
                    &cue,
                    format!("clause, {cue} X; speaker {}", how.label()),
                    0.65,
                );
            }
        }
    }
    None
}

/// `X said (that) CLAUSE`, and `A, X said, B`.
fn said_clause(text: &Text, s: usize, stop: usize, res: &mut Resolver) -> Option<Proposal> {
    let lx = Lexicon::get();
    // `X said (that) CLAUSE`, and `A, X said, B`.
    for k in s + 1..stop {
        if !text.is_word(k) {
            continue;
        }
        let word = text.tok_str(k);
        let Some(cue) = lx.cue(&word) else { continue };
        if cue.non_finite || !word.chars().next().is_some_and(char::is_lowercase) {
            continue;
        }
        // A verb trusted only next to quotation marks reports the words it puts in them:
        // `called the delay “a failure of basic openness”` is a mixed quote.
        let quoted_after = (k + 1..stop).any(|t| text.is_mark_tok(t));
        if cue.strength == CueStrength::Weak && !quoted_after {
            continue;
        }
        // Parenthetical: `The cooperative, he said, had learned …`
        if k + 1 < stop && text.is(k + 1, ",") {
            if let Some((a, b)) = subject_before(text, k, s)
                && a > s
                && text.is(a - 1, ",")
                && b - a <= 4
                && let Some((speaker, how)) = res.resolve(a, b, text.toks[a].start)
            {
                let first = span(text, s, a - 1)?;
                let second = span(text, k + 2, stop)?;
                return Some(Proposal {
                    speaker,
                    kind: kind_of(text, first.start(), second.end()),
                    cue: Some(word),
                    segments: vec![first, second],
                    rule: format!("A, X {}, B; speaker {}", text.tok_str(k), how.label()),
                    confidence: 0.6,
                    scare: false,
                    via: None,
                });
            }
            continue;
        }
        let Some((a, b)) = subject_before(text, k, s) else {
            continue;
        };
        // The subject must start the sentence or follow an introductory phrase and comma.
        if !(a == s || text.is(a - 1, ",")) {
            continue;
        }
        // `it said` and `they said` are too often not a speaker in reported speech.
        if b - a == 1 && matches!(text.tok_str(a).as_str(), "It" | "it" | "They" | "they") {
            continue;
        }
        let start = if cue.strength == CueStrength::Weak {
            // The words after the verb, up to the end of the last quotation.
            let last_mark = (k + 1..stop).rev().find(|&t| text.is_mark_tok(t));
            let Some(last_mark) = last_mark else { continue };
            let Some((speaker, how)) = res.resolve(a, b, text.toks[a].start) else {
                continue;
            };
            if b - a == 1 && matches!(text.tok_str(a).as_str(), "It" | "it" | "They" | "they") {
                continue;
            }
            let rule = format!(
                "X {word} “…”: the verb's quoted words; speaker {}",
                how.label()
            );
            return clause(text, k + 1, last_mark + 1, speaker, &word, rule, 0.6);
        } else {
            clause_start(text, k, stop, cue.strength)
        };
        let Some(mut c) = start else {
            continue;
        };
        if c >= stop || is_quote_mark(text.first(c)) || text.is(c, ":") {
            continue;
        }
        if stop - c < 3 {
            continue;
        }
        let Some((speaker, how)) = res.resolve(a, b, text.toks[a].start) else {
            continue;
        };
        if text.is(c, ",") {
            c += 1;
        }
        let cue_text = if text.is(k + 1, "for") && word.starts_with("call") {
            format!("{word} for")
        } else {
            word.clone()
        };
        let rule = format!("X {word} (that) clause; speaker {}", how.label());
        return clause(text, c, stop, speaker, &cue_text, rule, 0.7).map(|mut p| {
            p.via = super::direct::told_to(text, k, res);
            p
        });
    }
    None
}

/// Where the reported clause starts after the cue at `k`: after `that`, after a short phrase
/// such as `on Monday` or `reporters`, or right away for the verbs that take a bare clause.
fn clause_start(text: &Text, k: usize, stop: usize, strength: CueStrength) -> Option<usize> {
    let mut j = k + 1;
    while j < stop && j - k <= 6 {
        let w = text.tok_str(j);
        if w == "that" {
            return Some(j + 1);
        }
        // The hearer or the occasion: `reporters`, `the Vale Courier`, `on Monday`.
        let between =
            BETWEEN.contains(&w.to_lowercase().as_str()) || (text.is_capitalised(j) && j > k + 1);
        if !between {
            break;
        }
        j += 1;
    }
    if strength != CueStrength::Bare {
        return None;
    }
    // `told` needs its hearer before the clause (`told reporters the ban …`).
    let telling = matches!(text.tok_str(k).as_str(), "told" | "tells" | "tell");
    if telling && j == k + 1 {
        return None;
    }
    // `said the ban would …`: a bare clause, unless what follows is the object of another
    // sense (`told the story`, `added salt`): require a verb-like word within a few tokens.
    let start = if j > k + 1 && text.tok_str(k) != "told" && text.tok_str(k) != "tells" {
        k + 1
    } else {
        j
    };
    let finite = (start..stop.min(start + 8)).any(|t| {
        matches!(
            text.tok_str(t).as_str(),
            "would"
                | "will"
                | "was"
                | "were"
                | "is"
                | "are"
                | "had"
                | "has"
                | "have"
                | "could"
                | "can"
                | "should"
                | "might"
                | "may"
                | "must"
                | "did"
                | "does"
                | "do"
                | "needed"
                | "wanted"
                | "planned"
                | "expected"
                | "rose"
                | "fell"
        )
    });
    finite.then_some(start)
}

fn span(text: &Text, a: usize, b: usize) -> Option<Span> {
    if a >= b {
        return None;
    }
    let mut b = b;
    while b > a
        && text.toks[b - 1].kind == TokKind::Punct
        && matches!(text.first(b - 1), ',' | ';' | ':' | '—' | '–')
    {
        b -= 1;
    }
    (a < b).then(|| Span::new(text.toks[a].start, text.toks[b - 1].end))
}

fn kind_of(text: &Text, start: usize, end: usize) -> QuoteKind {
    if text.chars[start..end]
        .iter()
        .any(|&c| matches!(c, '“' | '”' | '"' | '«' | '»' | '„' | '「'))
    {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}

/// Where a reported clause ends before `stop`: at a colon, a semicolon, or a comma that hands
/// over to the writer's own voice (`…, I want to ask`).
fn clause_end(text: &Text, a: usize, stop: usize) -> usize {
    (a..stop)
        .find(|&t| {
            text.is(t, ":")
                || text.is(t, ";")
                || (text.is(t, ",")
                    && t + 1 < stop
                    && matches!(text.tok_str(t + 1).as_str(), "I" | "we" | "We"))
        })
        .unwrap_or(stop)
}

fn clause(
    text: &Text,
    a: usize,
    b: usize,
    speaker: usize,
    cue: &str,
    rule: String,
    confidence: f32,
) -> Option<Proposal> {
    let b = clause_end(text, a, b);
    let sp = span(text, a, b)?;
    if sp.len() < 8 {
        return None;
    }
    Some(Proposal {
        speaker,
        kind: kind_of(text, sp.start(), sp.end()),
        cue: Some(cue.to_string()),
        segments: vec![sp],
        rule,
        confidence,
        scare: false,
        via: None,
    })
}

#[cfg(test)]
mod tests {
    use crate::suggest::tests::quotes;

    #[test]
    fn x_said_that_and_according_to() {
        let got = quotes(
            "Ann Lee said that the ban would stay. According to the Port Authority, ships were late.\n",
        );
        assert_eq!(got[0], "indirect Ann Lee said [the ban would stay]");
        assert_eq!(
            got[1],
            "indirect Port Authority according to [ships were late]"
        );
    }

    #[test]
    fn clause_then_cue_and_parenthetical() {
        let got = quotes(
            "The ferries will stop on Monday, officials said. The union, Ann Lee said, had not been told.\n",
        );
        assert_eq!(
            got[0],
            "indirect officials said [The ferries will stop on Monday]"
        );
        assert_eq!(
            got[1],
            "indirect Ann Lee said [The union|had not been told]"
        );
    }

    #[test]
    fn quoted_words_in_a_clause_make_it_mixed_and_other_senses_are_no_speech() {
        let got = quotes(
            "Ann Lee said the plan was “dead”. Ann Lee told the story. It said the rise was small.\n",
        );
        assert_eq!(got, ["mixed Ann Lee said [the plan was “dead”]"]);
    }
}

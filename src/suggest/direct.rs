//! Direct quotes: which quotations are speech, who said them and with what cue. A quotation
//! is speech when a cue stands next to it (`“…,” she said`, `X said: “…”`), when it opens a
//! paragraph as a whole sentence (a "floating" quote, which inherits the speaker before), or
//! when it is a Q&A answer; a quotation interrupted by its attribution
//! (`“…,” she said. “…”`) is one quote. What is left (short phrases inside a sentence) is
//! reported speech's quoted words, a scare quote or a title.

use crate::article::{QuoteKind, Span};

use super::Proposal;
use super::marks::{Part, Quotation};
use super::speakers::{How, Resolver, subject_after, subject_before};
use super::text::{Text, TokKind, is_quote_mark};

/// What was found next to a quotation.
#[derive(Clone, Debug)]
struct Attribution {
    speaker: usize,
    how: How,
    cue: String,
    /// The last token of the attribution (to know what follows it).
    end_tok: usize,
    after: bool,
    /// The cue's token, to find whom the words were told to.
    cue_tok: usize,
}

/// Direct quotes, and the quotations left over (not speech by these rules).
pub fn find(
    text: &Text,
    quotations: &[Quotation],
    res: &mut Resolver,
) -> (Vec<Proposal>, Vec<usize>) {
    let mut out: Vec<Proposal> = Vec::new();
    let mut leftover = Vec::new();
    // The proposal index of the last direct quote, with its paragraph.
    let mut last: Option<(usize, usize)> = None;
    let qa = qa_paragraphs(text);
    let mut in_qa = vec![false; text.paras.len()];
    for &(p, _) in &qa {
        in_qa[p] = true;
    }
    let mut skip = vec![false; quotations.len()];
    for qi in 0..quotations.len() {
        if skip[qi] {
            continue;
        }
        let q = &quotations[qi];
        let first = *q.first();
        if in_qa[first.para] {
            continue; // inside a Q&A paragraph: part of the answer or question
        }
        let lastp = *q.last();
        let after = lastp
            .close
            .and_then(|c| after_cue(text, c, lastp.inner, lastp.para, res));
        let before = if after.is_none() {
            before_cue(text, &first, res)
        } else {
            None
        };
        let attribution = after.or(before);
        let mut segments: Vec<Span> = q.parts.iter().map(|p| p.inner).collect();
        let sentence_like = is_sentence_like(text, &first, q);
        let (speaker, cue, rule, confidence) = match &attribution {
            Some(a) => {
                let conf = match a.how {
                    How::Named => 0.9,
                    How::Described => 0.85,
                    How::Title => 0.75,
                    How::Pronoun => 0.8,
                };
                let place = if a.after {
                    "cue after the quote"
                } else {
                    "cue before the quote"
                };
                (
                    a.speaker,
                    Some(a.cue.clone()),
                    format!("{place}, speaker {}", a.how.label()),
                    conf,
                )
            }
            None if sentence_like => {
                let Some((speaker, rule, conf)) = inherit(text, &first, last, &out, res) else {
                    leftover.push(qi);
                    continue;
                };
                (speaker, None, rule.to_string(), conf)
            }
            None => {
                leftover.push(qi);
                continue;
            }
        };
        // The same speaker's next quotation right after the attribution's sentence, with no cue
        // of its own, is the rest of this quote: `“…,” she said. “…”`.
        if let Some(a) = &attribution
            && a.after
        {
            let mut end_tok = a.end_tok;
            let mut n = qi + 1;
            while n < quotations.len() {
                let next = &quotations[n];
                let nf = next.first();
                if nf.para != lastp.para {
                    break;
                }
                let gap_ok = text.tok_at(nf.open) == end_tok + 1;
                let own = next
                    .last()
                    .close
                    .and_then(|c| after_cue(text, c, next.last().inner, next.last().para, res));
                if !gap_ok || own.is_some() {
                    break;
                }
                segments.extend(next.parts.iter().map(|p| p.inner));
                skip[n] = true;
                end_tok = next.last().close.map_or(end_tok, |c| text.tok_at(c));
                n += 1;
            }
        }
        let via = attribution
            .as_ref()
            .and_then(|a| told_to(text, a.cue_tok, res));
        res.spoken.push((first.open, speaker));
        last = Some((out.len(), q.last().para));
        out.push(Proposal {
            speaker,
            kind: QuoteKind::Direct,
            cue,
            segments,
            rule,
            confidence,
            scare: false,
            via,
        });
    }
    if !qa.is_empty() {
        // Who asks and who answers are the same for the whole interview.
        let asks = interviewer(text, res);
        let answers = interviewee(res);
        for &(p, question) in &qa {
            let who = if question { asks } else { answers };
            if let Some((speaker, rule)) = who {
                out.push(qa_proposal(text, p, speaker, rule));
            }
        }
    }
    (out, leftover)
}

/// A quotation that reads as a sentence of speech on its own: it opens its paragraph or a
/// sentence, and has a few words or ends as a sentence does.
fn is_sentence_like(text: &Text, first: &Part, q: &Quotation) -> bool {
    let inner = text.str(first.inner.start(), first.inner.end());
    let words = inner.split_whitespace().count();
    let ends = inner
        .trim_end_matches(|c: char| is_quote_mark(c))
        .ends_with(['.', '!', '?', ',', '…']);
    let capital = inner
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric());
    let para = &text.paras[first.para];
    let opens_para = text.chars[para.start..first.open]
        .iter()
        .all(|c| c.is_whitespace());
    let t = text.tok_at(first.open);
    let opens_sentence = t < text.toks.len() && text.starts_sentence(t);
    (opens_para || opens_sentence) && capital && (ends || words >= 6 || q.parts.len() > 1)
}

/// The speaker of an unattributed quotation: the last speaker, when the paragraph before
/// ended in their quote or this paragraph is theirs (a "floating" quote); else the last person
/// named before it in its paragraph.
fn inherit(
    text: &Text,
    first: &Part,
    last: Option<(usize, usize)>,
    out: &[Proposal],
    res: &mut Resolver,
) -> Option<(usize, &'static str, f32)> {
    if let Some((i, para)) = last
        && (para == first.para || para + 1 == first.para || para + 2 == first.para)
    {
        // A person named between that quote and this one takes over.
        let since = out[i].segments.last().map_or(0, |s| s.end());
        let named_between = res
            .ents
            .mentions_before(first.open)
            .take(200)
            .take_while(|m| m.span.start() >= since)
            .find(|m| res.ents.list[m.entity].kind == crate::article::EntityKind::Person)
            .map(|m| m.entity);
        return match named_between {
            Some(e) if e != out[i].speaker => {
                Some((e, "no cue; the person named just before", 0.5))
            }
            _ => Some((
                out[i].speaker,
                "floating quote: no cue, the previous speaker's",
                0.65,
            )),
        };
    }
    let para = &text.paras[first.para];
    res.ents
        .mentions_before(first.open)
        .take_while(|m| m.span.start() >= para.start)
        .find(|m| res.ents.list[m.entity].kind == crate::article::EntityKind::Person)
        .map(|m| {
            (
                m.entity,
                "no cue; the person named before it in its paragraph",
                0.45,
            )
        })
}

/// `,” she said.` / `,” said X.` / `,” X, a historian, said.` after the closing mark at `close`.
fn after_cue(
    text: &Text,
    close: usize,
    inner: Span,
    para: usize,
    res: &mut Resolver,
) -> Option<Attribution> {
    let p = &text.paras[para];
    let mut i = text.tok_at(close) + 1;
    // Speech ends in punctuation inside the marks (`,”`), or outside them in the logical
    // style (`’, she said`) when it starts as a sentence does; `the “smart” bins will tell`
    // does neither.
    let last = text.chars[inner.end() - 1];
    let first = text.chars[inner.start()];
    let comma_after = i < p.end_tok && matches!(text.first(i), ',' | '—' | '–');
    let ends_as_speech = matches!(last, ',' | '.' | '!' | '?' | '…' | '—' | '–' | '-')
        || (comma_after && (first.is_uppercase() || first.is_numeric()));
    if !ends_as_speech {
        return None;
    }
    // The comma or dash after the mark (`”,` in some styles), and a stop inside marks.
    while i < p.end_tok
        && text.toks[i].kind == TokKind::Punct
        && matches!(text.first(i), ',' | '—' | '–' | '-')
    {
        i += 1;
    }
    let floor = i;
    let mut limit = i;
    while limit < p.end_tok && limit - i < 40 {
        if is_quote_mark(text.first(limit)) && text.toks[limit].kind == TokKind::Punct {
            break;
        }
        limit += 1;
        if text.toks[limit - 1].sentence_end {
            break;
        }
    }
    if floor >= limit {
        return None;
    }
    // A quotation that closes its sentence is followed by a new one, not an attribution,
    // unless that new sentence is only `X said.`.
    let cue_at = (floor..limit.min(floor + 14)).find(|&k| is_cue(text, k, true))?;
    let cue = text.tok_str(cue_at);
    let end_tok = (cue_at..limit)
        .find(|&k| text.toks[k].sentence_end)
        .unwrap_or(limit - 1);
    let at = text.toks[floor].start;
    if cue_at == floor {
        // `said X`
        let (a, b) = subject_after(text, cue_at + 1, limit)?;
        let (speaker, how) = res.resolve(a, b, at)?;
        return Some(Attribution {
            speaker,
            how,
            cue,
            end_tok,
            after: true,
            cue_tok: cue_at,
        });
    }
    let (a, b) = subject_before(text, cue_at, floor)?;
    if a != floor {
        return None;
    }
    let (speaker, how) = res.resolve(a, b, at)?;
    let cue = with_particle(text, cue_at, &cue);
    Some(Attribution {
        speaker,
        how,
        cue,
        end_tok,
        after: true,
        cue_tok: cue_at,
    })
}

/// `X said: “…”` / `X told reporters: “…”` / `said X, “…”` before the opening mark.
fn before_cue(text: &Text, first: &Part, res: &mut Resolver) -> Option<Attribution> {
    let lx = super::lexicon::Lexicon::get();
    let p = &text.paras[first.para];
    let open_tok = text.tok_at(first.open);
    if open_tok == p.first_tok {
        return None;
    }
    let prev = open_tok - 1;
    let introduced = text.is(prev, ":")
        || text.is(prev, ",")
        || (text.is_word(prev) && lx.cue(&text.tok_str(prev)).is_some());
    if !introduced {
        return None;
    }
    let inner_capital = text.chars[first.inner.start()].is_uppercase();
    if !inner_capital {
        return None;
    }
    // Back to the sentence start (or an earlier quotation).
    let mut floor = prev;
    while floor > p.first_tok
        && !text.toks[floor - 1].sentence_end
        && !is_quote_mark(text.first(floor - 1))
    {
        floor -= 1;
    }
    let cue_at = (floor..=prev).rev().find(|&k| is_cue(text, k, false))?;
    let cue = text.tok_str(cue_at);
    let at = text.toks[floor].start;
    let found = subject_before(text, cue_at, floor)
        .and_then(|(a, b)| res.resolve(a, b, at))
        .or_else(|| {
            let (a, b) = subject_after(text, cue_at + 1, prev)?;
            res.resolve(a, b, at)
        })?;
    Some(Attribution {
        speaker: found.0,
        how: found.1,
        cue,
        end_tok: prev,
        after: false,
        cue_tok: cue_at,
    })
}

/// A lowercase reporting verb at token `k`; with `finite`, not a base form (`saying` is fine:
/// `“…,” she said, adding …` has its cue, and `“…” saying` reads as one).
fn is_cue(text: &Text, k: usize, finite: bool) -> bool {
    let word = text.tok_str(k);
    text.is_word(k)
        && word.chars().next().is_some_and(char::is_lowercase)
        && super::lexicon::Lexicon::get()
            .cue(&word)
            .is_some_and(|c| !finite || !c.non_finite || word.ends_with("ing"))
}

/// `called for`, `according to`: a cue with the particle it takes.
fn with_particle(text: &Text, k: usize, cue: &str) -> String {
    if k + 1 < text.toks.len() && cue.starts_with("call") && text.is(k + 1, "for") {
        return format!("{cue} for");
    }
    cue.to_string()
}

/// Paragraphs of a Q&A: `(paragraph, true for a question)`, when the article has at least two
/// `Q:` paragraphs and one `A:`.
fn qa_paragraphs(text: &Text) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    for (p, para) in text.paras.iter().enumerate() {
        if para.heading || para.end_tok < para.first_tok + 3 {
            continue;
        }
        let t = para.first_tok;
        let sep = text.is(t + 1, ":") || text.is(t + 1, ".");
        if sep && text.is(t, "Q") {
            out.push((p, true));
        } else if sep && text.is(t, "A") {
            out.push((p, false));
        }
    }
    let questions = out.iter().filter(|q| q.1).count();
    if questions < 2 || questions == out.len() {
        return Vec::new();
    }
    out
}

fn qa_proposal(text: &Text, p: usize, speaker: usize, rule: &str) -> Proposal {
    let para = &text.paras[p];
    let start = text.toks[para.first_tok + 2].start;
    let span = Span::new(start, para.end);
    Proposal {
        speaker,
        kind: QuoteKind::Direct,
        cue: None,
        segments: vec![span],
        rule: rule.to_string(),
        confidence: 0.7,
        scare: false,
        via: None,
    }
}

/// The outlet a statement was made to (format 1.1's `via`): `told the Norland Courier`.
pub fn told_to(text: &Text, cue: usize, res: &Resolver) -> Option<usize> {
    if !matches!(
        text.tok_str(cue).as_str(),
        "told" | "tells" | "tell" | "telling"
    ) {
        return None;
    }
    let mut j = cue + 1;
    if j < text.toks.len() && text.is(j, "the") {
        j += 1;
    }
    let t = *text.toks.get(j)?;
    let m = res.ents.mention_within(t.start, t.end)?;
    // An outlet is an organisation, or a name the rules could not place that is not a person's.
    matches!(
        res.ents.list[m.entity].kind,
        crate::article::EntityKind::Organization | crate::article::EntityKind::Other
    )
    .then_some(m.entity)
}

/// Who asks: the publication the interviewee `spoke to`, else an entity named `Q` (its
/// mentions are then the questions' own `Q:` marks).
fn interviewer(text: &Text, res: &mut Resolver) -> Option<(usize, &'static str)> {
    for i in 0..text.toks.len().min(400) {
        if (text.is(i, "spoke") || text.is(i, "talked") || text.is(i, "told"))
            && i + 2 < text.toks.len()
        {
            let mut j = i + 1;
            if text.is(j, "to") || text.is(j, "with") {
                j += 1;
            }
            if text.is(j, "the") {
                j += 1;
            }
            if let Some(m) = res
                .ents
                .mention_within(text.toks[j].start, text.toks[j].end)
            {
                return Some((
                    m.entity,
                    "Q&A question, asked by the publication the interviewee spoke to",
                ));
            }
        }
    }
    let e = res
        .ents
        .add_named(
            "Q",
            crate::article::EntityKind::Other,
            "the interviewer of a Q&A",
        )
        .or_else(|| res.ents.owner("Q"))?;
    Some((e, "Q&A question, asked by the interviewer"))
}

/// Who answers: the person named most often.
fn interviewee(res: &Resolver) -> Option<(usize, &'static str)> {
    let mut counts = vec![0usize; res.ents.list.len()];
    for m in &res.ents.mentions {
        if res.ents.list[m.entity].kind == crate::article::EntityKind::Person {
            counts[m.entity] += 1;
        }
    }
    let (e, &n) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (n, std::cmp::Reverse(i)))?;
    (n > 0).then_some((e, "Q&A answer, by the person the article names most"))
}

#[cfg(test)]
mod tests {
    use crate::suggest::tests::quotes;

    #[test]
    fn a_cue_after_or_before_names_the_speaker() {
        let got =
            quotes("“We listened,” said Mayor Helen Carrow.\n\nTom Beazley said: “Not yet.”\n");
        assert_eq!(got[0], "direct Helen Carrow said [We listened,]");
        assert_eq!(got[1], "direct Tom Beazley said [Not yet.]");
    }

    #[test]
    fn an_interrupted_quote_is_one_with_two_segments() {
        let got = quotes("Ann Lee spoke. “One thing,” she said. “Another thing.”\n");
        assert_eq!(got, ["direct Ann Lee said [One thing,|Another thing.]"]);
    }

    #[test]
    fn a_floating_paragraph_inherits_and_a_reopened_one_continues() {
        let got = quotes(
            "“First,” said Ann Lee.\n\n“Second part of it all goes on here.\n\n“And ends here.”\n",
        );
        assert_eq!(got[0], "direct Ann Lee said [First,]");
        assert_eq!(
            got[1],
            "direct Ann Lee - [Second part of it all goes on here.|And ends here.]"
        );
    }

    #[test]
    fn words_in_marks_inside_a_sentence_are_scare_quotes() {
        let got = quotes("The word this year is “smart”. Its “smart” bins will tell us.\n");
        assert_eq!(got, ["scare [smart]", "scare [smart]"]);
    }

    #[test]
    fn a_q_and_a_gives_questions_and_answers() {
        let got = quotes(
            "Ilse Varga spoke to the Ledger.\n\nQ: Why?\n\nA: Because.\n\nQ: When?\n\nA: Now.\n",
        );
        assert_eq!(
            got,
            [
                "direct Ledger - [Why?]",
                "direct Ilse Varga - [Because.]",
                "direct Ledger - [When?]",
                "direct Ilse Varga - [Now.]"
            ]
        );
    }
}

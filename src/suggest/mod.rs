//! `scholia suggest`: a draft annotation of a bare article, found by rules and word lists
//! alone (no model, nothing downloaded), for a person to correct. See docs/SUGGEST.md.
//!
//! The steps, each in its own file: the body as chars, tokens and sentences (`text`); the
//! quotations between marks (`marks`); named entities (`entities`); speakers behind cue phrases
//! (`speakers`); direct quotes (`direct`); reported speech (`reported`); the YAML draft, checked
//! by the real loader before it is handed out (`write`); and the scores against a hand-made
//! annotation (`evaluate`). `run` is the command line's side.

pub mod direct;
pub mod entities;
pub mod evaluate;
pub mod lexicon;
pub mod marks;
pub mod reported;
pub mod run;
pub mod speakers;
pub mod text;
pub mod write;

use crate::article::{EntityKind, QuoteKind, Span};
use crate::body::Body;
use crate::fold::Folded;

use entities::{Ent, Entities};
use speakers::Resolver;
use text::Text;

/// The draft stays within what the loader's YAML budget reads (250 000 nodes): a quote costs
/// about fifteen nodes and an entity about twelve.
pub const MAX_QUOTES: usize = 10_000;
pub const MAX_ENTITIES: usize = 3_000;

/// Words before a quoted title that say it names a work, not speech.
const WORK_WORDS: &[&str] = &[
    "book",
    "film",
    "movie",
    "opera",
    "album",
    "song",
    "novel",
    "play",
    "report",
    "plan",
    "titled",
    "entitled",
    "called",
    "named",
    "dubbed",
    "documentary",
    "series",
    "show",
    "poem",
    "painting",
    "copy",
    "of",
    "single",
    "memoir",
    "essay",
    "column",
    "podcast",
    "exhibition",
];

/// One proposed quote.
#[derive(Clone, Debug)]
pub struct Proposal {
    /// Index into `Draft::entities`.
    pub speaker: usize,
    pub kind: QuoteKind,
    pub cue: Option<String>,
    /// In reading order, never empty.
    pub segments: Vec<Span>,
    /// The rule that found it, for the draft's comment.
    pub rule: String,
    /// How sure the rule is, from 0 to 1.
    pub confidence: f32,
    /// A scare quote (format 1.1's `kind: scare`): words in quotation marks that nobody is
    /// reported to have said; `speaker` means nothing then.
    pub scare: bool,
    /// Whom the words were said to, when the article names an outlet (`told the Courier`).
    pub via: Option<usize>,
}

/// Quotations that are not speech: scare quotes, terms and titles.
#[derive(Clone, Debug)]
pub struct SetAside {
    pub span: Span,
    pub text: String,
    pub why: &'static str,
}

pub struct Draft {
    pub title: String,
    pub entities: Vec<Ent>,
    /// In reading order.
    pub quotes: Vec<Proposal>,
    pub set_aside: Vec<SetAside>,
    /// True when the caps above cut the draft.
    pub capped: bool,
    /// The body folded as the loader folds it, kept for placing the segments when written.
    pub folded: Folded,
}

/// Drafts the annotation of `body`.
pub fn suggest(body: &Body) -> Draft {
    let text = Text::new(body);
    let folded = Folded::new(body.as_str());
    let mut ents = Entities::find(&text);
    ents.locate(&folded);
    let quotations = marks::find(&text);
    let mut res = Resolver {
        text: &text,
        ents: &mut ents,
        spoken: Vec::new(),
    };
    let (mut quotes, leftover) = direct::find(&text, &quotations, &mut res);
    let taken = taken_sentences(&text, &quotes);
    let reported = reported::find(&text, &taken, &mut res);
    quotes.extend(reported);
    quotes.sort_by_key(|q| q.segments[0].start());
    // Quotations inside a reported clause are its quoted words; the rest are not speech.
    let mut set_aside = Vec::new();
    let mut scare = Vec::new();
    // Reported clauses' segments by start, to look each quotation up by bisection.
    let mut clauses: Vec<Span> = quotes
        .iter()
        .filter(|q| q.kind != QuoteKind::Direct)
        .flat_map(|q| q.segments.iter().copied())
        .collect();
    clauses.sort();
    for qi in leftover {
        let part = quotations[qi].first();
        let i = clauses.partition_point(|s| s.start() <= part.open);
        let inside = i > 0 && part.inner.end() <= clauses[i - 1].end();
        if inside {
            continue;
        }
        if is_work_title(&text, part) {
            let name = entities::fold_spaces(&text.str(part.inner.start(), part.inner.end()));
            res.ents.add_named(
                &name,
                EntityKind::Work,
                "a quoted title after a word such as `book` or `titled`",
            );
            set_aside.push(SetAside {
                span: part.inner,
                text: name,
                why: "a title of a work",
            });
        } else {
            scare.push(Proposal {
                speaker: 0,
                kind: QuoteKind::Direct,
                cue: None,
                segments: vec![part.inner],
                rule: "scare quote: quotation marks inside a sentence, with no cue and no speaker"
                    .into(),
                confidence: 0.6,
                scare: true,
                via: None,
            });
        }
    }
    quotes.extend(scare);
    quotes.sort_by_key(|q| q.segments[0].start());
    let mut capped = false;
    if quotes.len() > MAX_QUOTES {
        quotes.truncate(MAX_QUOTES);
        capped = true;
    }
    ents.locate(&folded);
    let (entities, quotes, dropped) = keep_used(ents, quotes);
    capped |= dropped;
    Draft {
        title: title_of(&text),
        entities,
        quotes,
        set_aside,
        capped,
        folded,
    }
}

/// Drops entities never mentioned and speaker of nothing (the loader would warn of each), and
/// those past the cap; renumbers the quotes' speakers. Returns whether the cap cut anything.
fn keep_used(ents: Entities, quotes: Vec<Proposal>) -> (Vec<Ent>, Vec<Proposal>, bool) {
    let n = ents.list.len();
    let mut used = vec![false; n];
    for m in &ents.mentions {
        used[m.entity] = true;
    }
    let mut speaks = vec![false; n];
    for q in quotes.iter().filter(|q| !q.scare) {
        if let Some(v) = q.via {
            used[v] = true;
        }
        speaks[q.speaker] = true;
        used[q.speaker] = true;
    }
    let mut map = vec![usize::MAX; n];
    let mut kept = Vec::new();
    let mut capped = false;
    // Speakers first in the budget, so that no quote loses its speaker to the cap.
    let order: Vec<usize> = (0..n)
        .filter(|&e| speaks[e])
        .chain((0..n).filter(|&e| used[e] && !speaks[e]))
        .collect();
    for e in order {
        if kept.len() >= MAX_ENTITIES {
            capped = true;
            break;
        }
        map[e] = kept.len();
        kept.push(e);
    }
    kept.sort_unstable();
    for (i, &e) in kept.iter().enumerate() {
        map[e] = i;
    }
    let mut list = ents.list;
    let entities: Vec<Ent> = kept
        .iter()
        .map(|&e| std::mem::replace(&mut list[e], placeholder()))
        .collect();
    let quotes = quotes
        .into_iter()
        .filter(|q| q.scare || map[q.speaker] != usize::MAX)
        .map(|mut q| {
            q.speaker = if q.scare { 0 } else { map[q.speaker] };
            q.via = q.via.map(|v| map[v]).filter(|&v| v != usize::MAX);
            q
        })
        .collect();
    (entities, quotes, capped)
}

fn placeholder() -> Ent {
    Ent {
        name: String::new(),
        kind: EntityKind::Other,
        aliases: Vec::new(),
        gender: None,
        roles: Vec::new(),
        unnamed: false,
        why: "",
    }
}

/// Every token of a sentence that holds part of a direct quote: reported speech is not looked
/// for there (the attribution `she said` belongs to the quote).
fn taken_sentences(text: &Text, quotes: &[Proposal]) -> Vec<bool> {
    let mut taken = vec![false; text.toks.len()];
    let mut starts: Vec<usize> = Vec::new();
    let mut s = 0;
    for (i, t) in text.toks.iter().enumerate() {
        if i == 0 || text.toks[i - 1].sentence_end || text.toks[i - 1].para != t.para {
            s = i;
        }
        starts.push(s);
    }
    for q in quotes {
        for seg in &q.segments {
            let a = text.tok_at(seg.start()).saturating_sub(1);
            if a >= text.toks.len() {
                continue;
            }
            let para = text.toks[text.tok_at(seg.start()).min(text.toks.len() - 1)].para;
            let from = starts[a].max(text.paras[para].first_tok);
            let mut b = text.tok_at(seg.end()).min(text.toks.len() - 1);
            while b > 0 && text.toks[b].para != para {
                b -= 1;
            }
            while !text.toks[b].sentence_end
                && b + 1 < text.toks.len()
                && text.toks[b + 1].para == para
            {
                b += 1;
            }
            let to = b + 1;
            for t in taken.iter_mut().take(to).skip(from) {
                *t = true;
            }
        }
    }
    taken
}

fn is_work_title(text: &Text, part: &marks::Part) -> bool {
    let inner = text.str(part.inner.start(), part.inner.end());
    let capital = inner.chars().next().is_some_and(char::is_uppercase);
    let clean_ends = inner.chars().next().is_some_and(char::is_alphanumeric)
        && inner.chars().last().is_some_and(char::is_alphanumeric);
    let t = text.tok_at(part.open);
    let before = t.checked_sub(1).map(|p| text.tok_str(p).to_lowercase());
    let after_work_word = before.is_some_and(|w| WORK_WORDS.contains(&w.as_str()) || w == ",");
    let title_case = inner
        .split_whitespace()
        .filter(|w| w.chars().count() > 3)
        .all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        });
    capital
        && clean_ends
        && title_case
        && (after_work_word || inner.split_whitespace().count() > 1)
        && !inner.ends_with(['.', ',', '!', '?'])
}

/// The first heading's text, or the start of the first paragraph.
fn title_of(text: &Text) -> String {
    let Some(first) = text.paras.first() else {
        return String::new();
    };
    let raw = text.str(first.start, first.end);
    let line = raw
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches('#')
        .trim();
    let mut title: String = line.chars().take(100).collect();
    if line.chars().count() > 100 {
        title.push('…');
    }
    title
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The draft's quotes in reading order, one line each: kind, speaker, cue, `[segments]`.
    pub(crate) fn quotes(s: &str) -> Vec<String> {
        let body = Body::new(s.to_string());
        let draft = suggest(&body);
        draft
            .quotes
            .iter()
            .map(|q| {
                let segs: Vec<&str> = q
                    .segments
                    .iter()
                    .map(|x| body.slice(x.start(), x.end()))
                    .collect();
                if q.scare {
                    return format!("scare [{}]", segs.join("|"));
                }
                format!(
                    "{} {} {} [{}]",
                    q.kind.as_str(),
                    draft.entities[q.speaker].name,
                    q.cue.as_deref().unwrap_or("-"),
                    segs.join("|")
                )
            })
            .collect()
    }

    #[test]
    fn nothing_to_find_in_plain_or_empty_text() {
        assert!(quotes("").is_empty());
        assert!(quotes("Just words, no one speaking.").is_empty());
    }
}

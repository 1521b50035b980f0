//! brat standoff export (<https://brat.nlplab.org/standoff.html>): the body as `NAME.txt` and
//! its annotations as `NAME.ann`, offsets in characters (Unicode code points, as brat counts).
//!
//! - a mention: `T1<TAB>Person 0 5<TAB>Bukele`, and `N1<TAB>Reference T1 scholia:nayib-bukele
//!   <TAB>Nayib Bukele` saying which entity it is (brat's normalization lines);
//! - a quote: `T9<TAB>Direct 10 20;31 40<TAB>…` (`Direct`, `Indirect`, `Mixed` or `Scare`), one
//!   fragment per segment, split again where a segment crosses a line (brat's text field is one
//!   line);
//! - its speaker: `R1<TAB>Speaker Arg1:T9 Arg2:T1` to the speaker's nearest mention before it
//!   (or after), or `N<TAB>Reference T9 speaker:ID<TAB>Name` when the speaker is never
//!   mentioned; `via` the same way with `Via` and `via:`;
//! - its cue and note: `#1<TAB>AnnotatorNotes T9<TAB>cue: said`, and a second note for the note.

use std::fmt::Write as _;

use crate::article::{Article, Span};

/// The `.ann` text of `article`; the `.txt` is its body as it stands.
pub fn render(a: &Article) -> String {
    let mut out = String::new();
    let (mut t, mut n, mut r, mut note) = (0usize, 0usize, 0usize, 0usize);
    // Each entity's mentions as T ids with their starts, in reading order.
    let mut mention_ts: Vec<Vec<(usize, usize)>> = vec![Vec::new(); a.entities.len()];
    let mentions = super::mentions_in_order(a);
    for (span, i) in mentions {
        let e = &a.entities[i];
        t += 1;
        let _ = writeln!(
            out,
            "T{t}\t{} {}\t{}",
            super::super::import::capitalised(e.kind.as_str()),
            fragments(a, &[span]),
            text_field(a, &[span])
        );
        n += 1;
        let _ = writeln!(
            out,
            "N{n}\tReference T{t} scholia:{}\t{}",
            e.id,
            one_line(&e.name)
        );
        mention_ts[i].push((span.start(), t));
    }
    // The T id of `entity`'s mention nearest before `at` (else the first after).
    let nearest = |entity: usize, at: usize| super::nearest_mention(&mention_ts[entity], at);
    // (extent, the quote unless a scare quote, segments, note)
    type Row<'a> = (
        Span,
        Option<&'a crate::article::Quote>,
        &'a [Span],
        &'a Option<String>,
    );
    let mut quotes: Vec<Row> = a
        .quotes
        .iter()
        .map(|q| (q.extent(), Some(q), q.segments.as_slice(), &q.note))
        .chain(
            a.scare_quotes
                .iter()
                .map(|q| (q.extent(), None, q.segments.as_slice(), &q.note)),
        )
        .collect();
    quotes.sort_by_key(|(s, ..)| (s.start(), s.end()));
    for (extent, quote, segments, q_note) in quotes {
        t += 1;
        let kind = quote.map_or("Scare".to_string(), |q| {
            super::super::import::capitalised(q.kind.as_str())
        });
        let _ = writeln!(
            out,
            "T{t}\t{kind} {}\t{}",
            fragments(a, segments),
            text_field(a, segments)
        );
        if let Some(q) = quote {
            for (role, db, entity) in [
                ("Speaker", "speaker", Some(q.speaker)),
                ("Via", "via", q.via),
            ] {
                let Some(entity) = entity else { continue };
                match nearest(entity, extent.start()) {
                    Some(target) => {
                        r += 1;
                        let _ = writeln!(out, "R{r}\t{role} Arg1:T{t} Arg2:T{target}");
                    }
                    None => {
                        let e = &a.entities[entity];
                        n += 1;
                        let _ = writeln!(
                            out,
                            "N{n}\tReference T{t} {db}:{}\t{}",
                            e.id,
                            one_line(&e.name)
                        );
                    }
                }
            }
            if let Some(cue) = &q.cue {
                note += 1;
                let _ = writeln!(out, "#{note}\tAnnotatorNotes T{t}\tcue: {}", one_line(cue));
            }
        }
        if let Some(text) = q_note {
            note += 1;
            let _ = writeln!(out, "#{note}\tAnnotatorNotes T{t}\t{}", one_line(text));
        }
    }
    out
}

/// The spans as brat writes them, `0 5;9 12`, each cut where the body has a line break.
fn fragments(a: &Article, spans: &[Span]) -> String {
    pieces(a, spans)
        .iter()
        .map(|s| format!("{} {}", s.start(), s.end()))
        .collect::<Vec<_>>()
        .join(";")
}

/// The text field: the fragments' texts joined with a space, as brat checks them.
fn text_field(a: &Article, spans: &[Span]) -> String {
    pieces(a, spans)
        .iter()
        .map(|s| a.body.slice(s.start(), s.end()).replace('\r', " "))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Spans cut at line breaks (brat's fragments are one line each), empty pieces left out.
fn pieces(a: &Article, spans: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for s in spans {
        let mut start = s.start();
        for (k, c) in a.body.slice(s.start(), s.end()).chars().enumerate() {
            if c == '\n' {
                if s.start() + k > start {
                    out.push(Span::new(start, s.start() + k));
                }
                start = s.start() + k + 1;
            }
        }
        if s.end() > start {
            out.push(Span::new(start, s.end()));
        }
    }
    out
}

/// A note or name on one line (brat's lines end at a line break).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

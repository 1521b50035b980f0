//! Scoring a draft against a hand-made annotation of the same body (`--against GOLD.yaml`).
//!
//! - A proposed quote segment is right when at least 80 % of it lies within gold segments of
//!   the same family (direct, or reported: indirect and mixed together); a gold segment is
//!   found when at least 80 % of it lies within proposed ones. Precision and recall count
//!   segments.
//! - Speaker and cue accuracy are over proposed quotes with a right segment, against the gold
//!   quote that overlaps it most: the speaker is right when the two entities share a surface
//!   form or a mention; the cue when the words are the same (only where gold gives a cue).
//! - Entities: a gold person, organisation or place is found when a proposed mention lies
//!   inside one of its mentions and ends on the same word; its kind is right when the proposed
//!   entity has the gold kind.

use crate::article::{Article, EntityKind, QuoteKind, Span};
use crate::fold::fold_pattern;

/// Part of a segment that must overlap to count.
const OVERLAP: f64 = 0.8;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    pub gold: usize,
    pub found: usize,
    pub proposed: usize,
    pub right: usize,
    pub speakers: usize,
    pub speakers_right: usize,
    pub cues: usize,
    pub cues_right: usize,
}

impl Counts {
    pub fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.found += o.found;
        self.proposed += o.proposed;
        self.right += o.right;
        self.speakers += o.speakers;
        self.speakers_right += o.speakers_right;
        self.cues += o.cues;
        self.cues_right += o.cues_right;
    }
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.right, self.proposed)
    }
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speakers_right, self.speakers)
    }
    pub fn cue_accuracy(&self) -> f64 {
        ratio(self.cues_right, self.cues)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct EntityCounts {
    pub gold: usize,
    pub found: usize,
    pub kind_right: usize,
}

impl EntityCounts {
    pub fn add(&mut self, o: &EntityCounts) {
        self.gold += o.gold;
        self.found += o.found;
        self.kind_right += o.kind_right;
    }
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }
    pub fn kind_accuracy(&self) -> f64 {
        ratio(self.kind_right, self.found)
    }
}

/// An empty set scores 1: nothing to find, nothing wrongly proposed.
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Report {
    pub direct: Counts,
    pub reported: Counts,
    pub entities: EntityCounts,
}

impl Report {
    pub fn add(&mut self, o: &Report) {
        self.direct.add(&o.direct);
        self.reported.add(&o.reported);
        self.entities.add(&o.entities);
    }
}

fn is_direct(k: QuoteKind) -> bool {
    k == QuoteKind::Direct
}

pub fn evaluate(gold: &Article, draft: &Article) -> Report {
    Report {
        direct: quotes(gold, draft, true),
        reported: quotes(gold, draft, false),
        entities: entities(gold, draft),
    }
}

fn overlap(a: Span, b: Span) -> usize {
    a.end()
        .min(b.end())
        .saturating_sub(a.start().max(b.start()))
}

fn covered(s: Span, by: &[Span]) -> bool {
    let n: usize = by.iter().map(|&b| overlap(s, b)).sum();
    n as f64 >= OVERLAP * s.len() as f64
}

fn quotes(gold: &Article, draft: &Article, direct: bool) -> Counts {
    let family = |k: QuoteKind| is_direct(k) == direct;
    let gold_segs: Vec<(Span, usize)> = gold
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| family(q.kind))
        .flat_map(|(i, q)| q.segments.iter().map(move |&s| (s, i)))
        .collect();
    let draft_segs: Vec<(Span, usize)> = draft
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| family(q.kind))
        .flat_map(|(i, q)| q.segments.iter().map(move |&s| (s, i)))
        .collect();
    let gs: Vec<Span> = gold_segs.iter().map(|x| x.0).collect();
    let ds: Vec<Span> = draft_segs.iter().map(|x| x.0).collect();
    let mut c = Counts {
        gold: gs.len(),
        found: gs.iter().filter(|&&s| covered(s, &ds)).count(),
        proposed: ds.len(),
        right: ds.iter().filter(|&&s| covered(s, &gs)).count(),
        ..Counts::default()
    };
    // Speakers and cues, once per proposed quote with a right segment.
    let mut done = std::collections::HashSet::new();
    for &(s, qi) in &draft_segs {
        if !covered(s, &gs) || !done.insert(qi) {
            continue;
        }
        let Some(&(_, gi)) = gold_segs.iter().max_by_key(|(g, _)| overlap(s, *g)) else {
            continue;
        };
        let (dq, gq) = (&draft.quotes[qi], &gold.quotes[gi]);
        c.speakers += 1;
        if same_entity(gold, gq.speaker, draft, dq.speaker) {
            c.speakers_right += 1;
        }
        if let Some(gcue) = &gq.cue {
            c.cues += 1;
            if dq
                .cue
                .as_deref()
                .is_some_and(|d| d.eq_ignore_ascii_case(gcue))
            {
                c.cues_right += 1;
            }
        }
    }
    c
}

/// Two entities of two files are the same when they share a surface form or a mention.
fn same_entity(gold: &Article, g: usize, draft: &Article, d: usize) -> bool {
    let forms = |a: &Article, e: usize| -> Vec<String> {
        let ent = &a.entities[e];
        std::iter::once(&ent.name)
            .chain(&ent.aliases)
            .map(|f| fold_pattern(f))
            .collect()
    };
    let gf = forms(gold, g);
    if forms(draft, d).iter().any(|f| gf.contains(f)) {
        return true;
    }
    let gm = &gold.entities[g].mentions;
    draft.entities[d]
        .mentions
        .iter()
        .any(|dm| gm.iter().any(|g| overlap(*g, *dm) > 0))
}

fn entities(gold: &Article, draft: &Article) -> EntityCounts {
    let mut c = EntityCounts::default();
    let named = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
    ];
    for ge in gold.entities.iter().filter(|e| named.contains(&e.kind)) {
        if ge.mentions.is_empty() {
            continue;
        }
        c.gold += 1;
        let hit = draft.mentions.iter().find(|m| {
            ge.mentions
                .iter()
                .any(|g| g.start() <= m.span.start() && m.span.end() == g.end())
        });
        if let Some(m) = hit {
            c.found += 1;
            if draft.entities[m.entity].kind == ge.kind {
                c.kind_right += 1;
            }
        }
    }
    c
}

/// The table printed by `--against`: one row per family, then the entities.
pub fn table(name: &str, r: &Report) -> String {
    let mut s = String::new();
    s.push_str(&format!("{name}\n"));
    s.push_str("  kind      gold  found  recall  proposed  right  precision  speaker  cue\n");
    for (label, c) in [("direct", &r.direct), ("reported", &r.reported)] {
        s.push_str(&format!(
            "  {label:<8} {:>5} {:>6} {:>7.2} {:>9} {:>6} {:>10.2} {:>8.2} {:>4.2}\n",
            c.gold,
            c.found,
            c.recall(),
            c.proposed,
            c.right,
            c.precision(),
            c.speaker_accuracy(),
            c.cue_accuracy()
        ));
    }
    let e = &r.entities;
    s.push_str(&format!(
        "  entities (people, organisations, places): {} of {} found ({:.2}), kind right {:.2}\n",
        e.found,
        e.gold,
        e.recall(),
        e.kind_accuracy()
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_counts_when_four_fifths_overlap() {
        let gold = [Span::new(0, 100)];
        assert!(covered(Span::new(10, 100), &gold));
        assert!(!covered(Span::new(50, 200), &gold));
        assert!(covered(Span::new(0, 10), &gold));
    }

    #[test]
    fn an_empty_set_scores_one() {
        let c = Counts::default();
        assert_eq!(c.recall(), 1.0);
        assert_eq!(c.precision(), 1.0);
    }
}

//! Finding names and quote segments in the folded body. Both run in one pass of an Aho-Corasick
//! automaton over the body, whatever the number of entities or quotes, so that a book-length
//! article with thousands of quotes loads in well under a second (docs/PERFORMANCE.md).

use aho_corasick::{AhoCorasick, MatchKind};

use crate::fold::Folded;

/// A found range in *folded* bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
}

/// Mentions by the format's rule: every boundary-respecting match of every form; the leftmost
/// wins, the longest at the same start; scanning resumes after the winner. `forms` are folded
/// patterns with their owner; returns `(hit, owner)` in order.
pub fn mentions(folded: &Folded, forms: &[(String, usize)]) -> Vec<(Hit, usize)> {
    let patterns: Vec<&str> = forms.iter().map(|(f, _)| f.as_str()).collect();
    if patterns.iter().all(|p| p.is_empty()) {
        return Vec::new();
    }
    // Overlapping search sees every candidate, so a match that fails the boundary rule cannot
    // hide a shorter one at the same place that passes it.
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(&patterns)
    else {
        return Vec::new();
    };
    let mut candidates: Vec<(Hit, usize)> = ac
        .find_overlapping_iter(&folded.text)
        .filter(|m| !m.is_empty() && folded.on_word_boundaries(m.start(), m.end()))
        .map(|m| {
            (
                Hit {
                    start: m.start(),
                    end: m.end(),
                },
                forms[m.pattern().as_usize()].1,
            )
        })
        .collect();
    candidates.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    let mut out = Vec::new();
    let mut resume = 0;
    for (hit, owner) in candidates {
        if hit.start >= resume {
            resume = hit.end;
            out.push((hit, owner));
        }
    }
    out
}

/// Every occurrence (overlapping ones too) of each pattern, as sorted start offsets.
pub struct Occurrences {
    starts: Vec<Vec<usize>>,
    lens: Vec<usize>,
}

impl Occurrences {
    pub fn find(folded: &Folded, patterns: &[String]) -> Self {
        let mut starts = vec![Vec::new(); patterns.len()];
        let lens = patterns.iter().map(String::len).collect();
        let nonempty: Vec<usize> = (0..patterns.len())
            .filter(|&i| !patterns[i].is_empty())
            .collect();
        if let Ok(ac) = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(nonempty.iter().map(|&i| &patterns[i]))
        {
            // Matches arrive by end offset; for one pattern (one length) that is start order.
            for m in ac.find_overlapping_iter(&folded.text) {
                starts[nonempty[m.pattern().as_usize()]].push(m.start());
            }
        }
        Self { starts, lens }
    }

    /// How many times pattern `p` occurs.
    pub fn count(&self, p: usize) -> usize {
        self.starts[p].len()
    }

    /// The `k`-th (0-based) occurrence of pattern `p`.
    pub fn nth(&self, p: usize, k: usize) -> Option<Hit> {
        self.starts[p].get(k).map(|&start| Hit {
            start,
            end: start + self.lens[p],
        })
    }

    /// The first occurrence of pattern `p` starting at or after `from`.
    pub fn first_from(&self, p: usize, from: usize) -> Option<Hit> {
        let list = &self.starts[p];
        let i = list.partition_point(|&s| s < from);
        self.nth(p, i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold_pattern;

    fn forms(list: &[(&str, usize)]) -> Vec<(String, usize)> {
        list.iter().map(|(f, o)| (fold_pattern(f), *o)).collect()
    }

    fn texts<'a>(folded: &'a Folded, hits: &[(Hit, usize)]) -> Vec<(&'a str, usize)> {
        hits.iter()
            .map(|(h, o)| (&folded.text[h.start..h.end], *o))
            .collect()
    }

    #[test]
    fn leftmost_longest_on_word_boundaries() {
        let folded = Folded::new("The Trump administration and Trump. American, America!");
        let found = mentions(
            &folded,
            &forms(&[("Trump", 0), ("Trump administration", 1), ("America", 2)]),
        );
        assert_eq!(
            texts(&folded, &found),
            [("Trump administration", 1), ("Trump", 0), ("America", 2)]
        );
    }

    #[test]
    fn abbreviations_with_dots_match_before_a_hyphen() {
        let folded = Folded::new("a U.S.-based group in the U.S.");
        let found = mentions(&folded, &forms(&[("U.S.", 0)]));
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn a_failed_long_match_does_not_hide_a_short_one() {
        // "New Yorkers" fails the boundary rule for "New York", but "New" still stands alone.
        let folded = Folded::new("New Yorkers");
        let found = mentions(&folded, &forms(&[("New York", 0), ("New", 1)]));
        assert_eq!(texts(&folded, &found), [("New", 1)]);
    }

    #[test]
    fn names_match_across_line_breaks_and_typographic_quotes() {
        let folded = Folded::new("the Judge’s\norder by Karoline\n  Leavitt");
        let found = mentions(&folded, &forms(&[("Judge's", 0), ("Karoline Leavitt", 1)]));
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn occurrences_count_and_follow() {
        let folded = Folded::new("yes, yes and yes");
        let occ = Occurrences::find(&folded, &["yes".into(), "and".into(), "no".into()]);
        assert_eq!(occ.count(0), 3);
        assert_eq!(occ.count(2), 0);
        assert_eq!(occ.nth(0, 1).unwrap().start, 5);
        assert_eq!(occ.first_from(0, 6).unwrap().start, 13);
        assert_eq!(occ.first_from(0, 14), None);
    }
}

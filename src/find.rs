//! Finding names and quote segments in the folded body, each in one pass over the body whatever
//! the number of entities or quotes (a trie walked from where names can begin; an Aho-Corasick
//! automaton for segments), so that a book-length article with thousands of quotes loads in
//! well under a second (docs/PERFORMANCE.md).

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::fold::Folded;

/// A found range in *folded* bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
}

/// A name or alias to look for: its folded pattern, the entity it names, and (for an alias given
/// as `{text, occurrence: [..]}`) which of its places, counted from 1, are mentions.
#[derive(Clone, Debug)]
pub struct Form {
    pub pattern: String,
    pub owner: usize,
    pub only: Option<Vec<usize>>,
}

/// Mentions by the format's rule: every boundary-respecting match of every form; the leftmost
/// wins, the longest at the same start; scanning resumes after the winner. A form limited to
/// some occurrences competes only at those. Returns `(hit, owner)` in order, and for each form
/// how many places on word boundaries it stands at in the body.
pub fn mentions(folded: &Folded, forms: &[Form]) -> (Vec<(Hit, usize)>, Vec<usize>) {
    mentions_split_from(folded, forms, PARALLEL_FROM)
}

/// [`mentions`], searching a body of `parallel_from` bytes or more in two halves.
fn mentions_split_from(
    folded: &Folded,
    forms: &[Form],
    parallel_from: usize,
) -> (Vec<(Hit, usize)>, Vec<usize>) {
    // Forms with one text (`he` for two people, at different places) share one pattern.
    let mut unique: Vec<&str> = Vec::new();
    let mut users: Vec<Vec<usize>> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, f) in forms.iter().enumerate() {
        if f.pattern.is_empty() {
            continue;
        }
        match index.get(f.pattern.as_str()) {
            Some(&u) => users[u].push(i),
            None => {
                index.insert(&f.pattern, unique.len());
                unique.push(&f.pattern);
                users.push(vec![i]);
            }
        }
    }
    let mut counts = vec![0; forms.len()];
    if unique.is_empty() {
        return (Vec::new(), counts);
    }
    let trie = Trie::new(&unique);
    let text = folded.text.as_bytes();
    // The places are found in two halves on two threads in a long body (the walk is most of
    // the name pass); joined, they are in start order as one walk would give them.
    let places = if text.len() < parallel_from {
        places(folded, &trie, 0..text.len())
    } else {
        let mid = text.len() / 2;
        std::thread::scope(|scope| {
            let later = scope.spawn(|| places(folded, &trie, mid..text.len()));
            let mut places = places(folded, &trie, 0..mid);
            places.extend(
                later
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
            places
        })
    };
    let mut seen = vec![0usize; unique.len()];
    let mut candidates: Vec<(Hit, usize)> = Vec::new();
    for (hit, u) in places {
        // Places come in start order, so this is the place's number for this form.
        seen[u] += 1;
        let nth = seen[u];
        let owner = users[u].iter().find(|&&f| {
            forms[f]
                .only
                .as_ref()
                .is_none_or(|only| only.contains(&nth))
        });
        if let Some(&f) = owner {
            candidates.push((hit, forms[f].owner));
        }
    }
    for (u, list) in users.iter().enumerate() {
        for &f in list {
            counts[f] = seen[u];
        }
    }
    (leftmost_longest(candidates), counts)
}

/// The format's choice among places: the leftmost wins, the longest at the same start, and
/// the search resumes after the winner.
fn leftmost_longest(mut candidates: Vec<(Hit, usize)>) -> Vec<(Hit, usize)> {
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

/// Bodies from this many bytes on are searched for names in two halves on two threads.
const PARALLEL_FROM: usize = 1 << 20;

/// Every place on word boundaries where a form stands, with the form, for the places that
/// begin in `within`, in start order.
///
/// Every match stands where a name can begin: a byte some form begins with, after a char that
/// is not a letter or digit. Walking the forms' trie from those places alone finds each match
/// there, a short one under a long one too (so a match failing the boundary rule cannot hide a
/// shorter one passing it), in less time than an overlapping Aho-Corasick search over every
/// byte (docs/PERFORMANCE.md).
fn places(folded: &Folded, trie: &Trie, within: std::ops::Range<usize>) -> Vec<(Hit, usize)> {
    let text = folded.text.as_bytes();
    let mut out = Vec::new();
    for start in within {
        // (A byte a form begins with begins a char: `start` is on a char boundary.)
        if !trie.begins[usize::from(text[start])]
            || folded.text[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        trie.walk(&text[start..], |u, len| {
            if folded.on_word_boundaries(start, start + len) {
                out.push((
                    Hit {
                        start,
                        end: start + len,
                    },
                    u,
                ));
            }
        });
    }
    out
}

/// A trie node: its children by byte, sorted, and the form (index into the unique forms) that
/// ends here.
type TrieNode = (Vec<(u8, u32)>, Option<usize>);

/// The names and aliases as a byte trie: from a place in the text, every form that begins
/// there is found in one walk as long as the longest of them.
struct Trie {
    nodes: Vec<TrieNode>,
    /// The bytes forms begin with.
    begins: [bool; 256],
}

impl Trie {
    fn new(forms: &[&str]) -> Self {
        let mut trie = Self {
            nodes: vec![(Vec::new(), None)],
            begins: [false; 256],
        };
        for (u, form) in forms.iter().enumerate() {
            let mut node = 0;
            for &b in form.as_bytes() {
                let next = trie.nodes.len() as u32;
                let children = &mut trie.nodes[node].0;
                node = match children.binary_search_by_key(&b, |&(c, _)| c) {
                    Ok(k) => children[k].1 as usize,
                    Err(k) => {
                        children.insert(k, (b, next));
                        trie.nodes.push((Vec::new(), None));
                        next as usize
                    }
                };
            }
            trie.nodes[node].1 = Some(u);
            if let Some(&b) = form.as_bytes().first() {
                trie.begins[usize::from(b)] = true;
            }
        }
        trie
    }

    /// Calls `found(form, its length in bytes)` for each form `text` begins with, shortest first.
    fn walk(&self, text: &[u8], mut found: impl FnMut(usize, usize)) {
        let mut node = 0;
        for (i, b) in text.iter().enumerate() {
            let children = &self.nodes[node].0;
            match children.binary_search_by_key(b, |&(c, _)| c) {
                Ok(k) => node = children[k].1 as usize,
                Err(_) => return,
            }
            if let Some(u) = self.nodes[node].1 {
                found(u, i + 1);
            }
        }
    }
}

/// What the automaton for quote segments looks for: each segment's first `KEY_BYTES` bytes,
/// shared by the segments that begin alike, each match then checked against the whole segment.
/// Thousands of long segments make an automaton of hundreds of thousands of states, whose
/// building was a fifth of loading a long article; their beginnings make one a few times
/// smaller (docs/PERFORMANCE.md). Where more than `MAX_SHARING` segments begin alike, each is
/// looked for whole, so that no match is checked against a long list.
struct Keys<'a> {
    keys: Vec<&'a str>,
    /// For each key, the patterns it stands for.
    users: Vec<Vec<usize>>,
}

const KEY_BYTES: usize = 32;
const MAX_SHARING: usize = 16;

impl<'a> Keys<'a> {
    fn new(patterns: &'a [String]) -> Self {
        let head = |p: &'a str| {
            let mut n = KEY_BYTES.min(p.len());
            while !p.is_char_boundary(n) {
                n -= 1;
            }
            &p[..n]
        };
        let mut sharing: HashMap<&str, usize> = HashMap::new();
        for p in patterns.iter().filter(|p| !p.is_empty()) {
            *sharing.entry(head(p)).or_default() += 1;
        }
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut out = Self {
            keys: Vec::new(),
            users: Vec::new(),
        };
        for (i, p) in patterns.iter().enumerate().filter(|(_, p)| !p.is_empty()) {
            let key = if sharing[head(p)] > MAX_SHARING {
                p.as_str()
            } else {
                head(p)
            };
            let k = *index.entry(key).or_insert_with(|| {
                out.keys.push(key);
                out.users.push(Vec::new());
                out.keys.len() - 1
            });
            out.users[k].push(i);
        }
        out
    }
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
        let keys = Keys::new(patterns);
        if let Ok(ac) = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&keys.keys)
        {
            // A pattern that begins (ends) with a letter or digit must not begin (end) inside a
            // word: `streamline` is not in `streamlined`.
            let edges: Vec<(bool, bool)> = patterns
                .iter()
                .map(|p| {
                    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                    (word(p.chars().next()), word(p.chars().next_back()))
                })
                .collect();
            let text = folded.text.as_str();
            // Matches arrive by end offset; for one key (one length) that is start order.
            for m in ac.find_overlapping_iter(text) {
                for &p in &keys.users[m.pattern().as_usize()] {
                    let end = m.start() + patterns[p].len();
                    if !text.as_bytes()[m.start()..].starts_with(patterns[p].as_bytes()) {
                        continue;
                    }
                    let (at_start, at_end) = edges[p];
                    let before = text[..m.start()].chars().next_back();
                    let after = text[end..].chars().next();
                    if at_start && before.is_some_and(char::is_alphanumeric)
                        || at_end && after.is_some_and(char::is_alphanumeric)
                    {
                        continue;
                    }
                    starts[p].push(m.start());
                }
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

    /// Where pattern `p` starts, each time, in folded bytes.
    pub fn starts(&self, p: usize) -> &[usize] {
        &self.starts[p]
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

    fn forms(list: &[(&str, usize)]) -> Vec<Form> {
        list.iter()
            .map(|(f, o)| Form {
                pattern: fold_pattern(f),
                owner: *o,
                only: None,
            })
            .collect()
    }

    fn texts<'a>(folded: &'a Folded, hits: &[(Hit, usize)]) -> Vec<(&'a str, usize)> {
        hits.iter()
            .map(|(h, o)| (&folded.text[h.start..h.end], *o))
            .collect()
    }

    #[test]
    fn leftmost_longest_on_word_boundaries() {
        let folded = Folded::new("The Trump administration and Trump. American, America!");
        let (found, _) = mentions(
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
        let (found, _) = mentions(&folded, &forms(&[("U.S.", 0)]));
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn a_failed_long_match_does_not_hide_a_short_one() {
        // "New Yorkers" fails the boundary rule for "New York", but "New" still stands alone.
        let folded = Folded::new("New Yorkers");
        let (found, _) = mentions(&folded, &forms(&[("New York", 0), ("New", 1)]));
        assert_eq!(texts(&folded, &found), [("New", 1)]);
    }

    #[test]
    fn names_match_across_line_breaks_and_typographic_quotes() {
        let folded = Folded::new("the Judge’s\norder by Karoline\n  Leavitt");
        let (found, _) = mentions(&folded, &forms(&[("Judge's", 0), ("Karoline Leavitt", 1)]));
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn the_longer_form_of_another_entity_wins() {
        // "Home Secretary" (one entity) inside "Shadow Home Secretary" (another).
        let folded = Folded::new("The Shadow Home Secretary asked the Home Secretary.");
        let (found, counts) = mentions(
            &folded,
            &forms(&[("Home Secretary", 0), ("Shadow Home Secretary", 1)]),
        );
        assert_eq!(
            texts(&folded, &found),
            [("Shadow Home Secretary", 1), ("Home Secretary", 0)]
        );
        assert_eq!(counts, [2, 1]);
    }

    #[test]
    fn a_form_limited_to_some_places_names_only_those() {
        let folded = Folded::new("He came. He saw. Then he left, and he smiled.");
        let only = |owner, only: Vec<usize>| Form {
            pattern: "He".into(),
            owner,
            only: Some(only),
        };
        let mut list = vec![only(0, vec![1, 2]), only(1, vec![3])];
        list[1].pattern = "he".into();
        list.push(Form {
            pattern: "he".into(),
            owner: 1,
            only: Some(vec![2]),
        });
        let (found, counts) = mentions(&folded, &list);
        let starts: Vec<_> = found.iter().map(|(h, o)| (h.start, *o)).collect();
        assert_eq!(starts, [(0, 0), (9, 0), (35, 1)]);
        assert_eq!(counts, [2, 2, 2]);
    }

    #[test]
    fn segments_that_begin_or_end_with_a_letter_stand_on_word_boundaries() {
        let folded = Folded::new("They streamlined it; streamline it. “Go” now, 5%.");
        let occ = Occurrences::find(
            &folded,
            &[
                "streamline".into(),
                "line it".into(),
                "\"Go".into(),
                "\" now".into(),
                "5%".into(),
            ],
        );
        assert_eq!(occ.count(0), 1);
        assert_eq!(occ.count(1), 0);
        assert_eq!(occ.count(2), 1);
        // Starts with a mark: may follow a letter.
        assert_eq!(occ.count(3), 1);
        assert_eq!(occ.count(4), 1);
    }

    #[test]
    fn long_segments_that_begin_alike_are_told_apart() {
        // A few share their first bytes as one key; many are each looked for whole.
        for many in [10, 40] {
            let same = "We counted 739 boats in the harbour on day ";
            let text: String = (0..many)
                .map(|n| format!("{same}{n}, and so on. "))
                .collect();
            let folded = Folded::new(&text);
            let patterns: Vec<String> = (0..many)
                .map(|n| format!("{same}{n},"))
                .chain([same.trim_end().to_string(), "nowhere at all".into()])
                .collect();
            let occ = Occurrences::find(&folded, &patterns);
            for (n, pattern) in patterns.iter().enumerate().take(many) {
                assert_eq!(occ.count(n), 1, "{n}");
                let hit = occ.nth(n, 0).unwrap();
                assert_eq!(&folded.text[hit.start..hit.end], pattern);
            }
            assert_eq!(occ.count(many), many);
            assert_eq!(occ.count(many + 1), 0);
        }
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

    /// The format's rule read literally: at every char of the text, every form that stands
    /// there on word boundaries, each place counted for its form.
    fn mentions_by_the_rule(folded: &Folded, forms: &[Form]) -> (Vec<(Hit, usize)>, Vec<usize>) {
        let text = &folded.text;
        let mut counts = vec![0; forms.len()];
        let mut candidates = Vec::new();
        for (start, _) in text.char_indices() {
            for (f, form) in forms.iter().enumerate() {
                let end = start + form.pattern.len();
                if form.pattern.is_empty()
                    || !text[start..].starts_with(&form.pattern)
                    || !folded.on_word_boundaries(start, end)
                {
                    continue;
                }
                counts[f] += 1;
                // Forms sharing a text take their places in the order they are listed.
                let first = forms.iter().position(|g| {
                    g.pattern == form.pattern
                        && g.only.as_ref().is_none_or(|o| o.contains(&counts[f]))
                });
                if first == Some(f) {
                    candidates.push((Hit { start, end }, form.owner));
                }
            }
        }
        // The choice among them is the one `mentions` makes: what this checks is that the trie
        // finds every place the rule names.
        (leftmost_longest(candidates), counts)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1_000))]
        /// Names found by the trie, whole or in two halves split at any byte, are the ones
        /// the rule gives, with the same counts of places.
        #[test]
        fn mentions_follow_the_rule(
            text in "[ab. \n’é-]{0,60}",
            list in proptest::collection::vec(
                (
                    "[ab. ’é-]{1,4}",
                    0..3usize,
                    proptest::option::of(proptest::collection::vec(1..4usize, 1..3)),
                ),
                1..5,
            ),
        ) {
            let folded = Folded::new(&text);
            let forms: Vec<Form> = list
                .iter()
                .map(|(f, owner, only)| Form {
                    pattern: fold_pattern(f),
                    owner: *owner,
                    only: only.clone(),
                })
                .collect();
            let want = mentions_by_the_rule(&folded, &forms);
            proptest::prop_assert_eq!(&mentions(&folded, &forms), &want);
            proptest::prop_assert_eq!(&mentions_split_from(&folded, &forms, 0), &want);
        }
    }
}

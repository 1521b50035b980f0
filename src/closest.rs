//! The passage of the folded body most like a quote segment that was not found, for "closest:
//! …" in the error. An index of the body's short byte sequences (n-grams) is built once, when the
//! first segment is missing; each search then looks up the pattern's n-grams in it and lets every
//! hit vote for where the pattern would start. A search costs about the pattern's length in
//! lookups, whatever the body's length: 50 long missing segments in a 10 MB body take
//! milliseconds each, where a pass over the body for each took 0.3 s (docs/PERFORMANCE.md).

use crate::find::Hit;
use crate::fold::Folded;

/// An n-gram found at more sampled places than this says little about where the pattern lies
/// (a common phrase); it does not vote unless nothing rarer does. Every other one votes from all
/// its places: the passage sought gets a vote per `step` bytes it shares with the pattern, the
/// others a scattering of chance ones.
const MAX_POSTINGS: usize = 512;

/// At most this many of a long pattern's n-grams are looked up, spread over all of it.
const MAX_LOOKUPS: usize = 4096;

/// The n-grams of the folded body: `(hash << 32) | byte offset`, sorted.
pub struct Passages<'a> {
    text: &'a str,
    grams: Vec<u64>,
    /// Bytes per n-gram: in a long body long enough that most are rare even in prose of a
    /// small vocabulary (two words and a half), short enough that a misspelling every few words
    /// leaves matching runs between; in a short body short, to find short patterns too.
    gram: usize,
    /// Every `step`-th byte offset of the body is indexed (all of a short body; every 8th of a
    /// long one, to keep the index at 1 byte per body byte). Any run of `gram + step - 1` bytes
    /// that pattern and body share is certain to be seen.
    step: usize,
}

fn hash(gram: &[u8]) -> u32 {
    // FNV-1a, folded to 32 bits.
    let mut x = 0xcbf2_9ce4_8422_2325u64;
    for &b in gram {
        x = (x ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (x ^ (x >> 32)) as u32
}

impl<'a> Passages<'a> {
    pub fn new(folded: &'a Folded) -> Self {
        let text = folded.text.as_str();
        let bytes = text.as_bytes();
        let (gram, step) = match bytes.len() {
            0..=0x10_0000 => (4, 1),
            0x10_0001..=0x40_0000 => (8, 4),
            _ => (10, 8),
        };
        let grams: Vec<u64> = if bytes.len() < gram {
            Vec::new()
        } else {
            let mut grams: Vec<u64> = (0..=bytes.len() - gram)
                .step_by(step)
                .map(|p| (u64::from(hash(&bytes[p..p + gram])) << 32) | p as u64)
                .collect();
            grams.sort_unstable();
            grams
        };
        Self {
            text,
            grams,
            gram,
            step,
        }
    }

    /// The sampled body offsets of n-grams with this hash.
    fn postings(&self, h: u32) -> &[u64] {
        let lo = self.grams.partition_point(|&g| ((g >> 32) as u32) < h);
        let hi = lo + self.grams[lo..].partition_point(|&g| ((g >> 32) as u32) == h);
        &self.grams[lo..hi]
    }

    /// The passage most like `pattern` (folded), widened to whole words; `None` when nothing
    /// in the body is alike.
    pub fn closest(&self, pattern: &str) -> Option<Hit> {
        let p = pattern.as_bytes();
        let gram = self.gram;
        if p.len() < gram {
            return None;
        }
        let count = p.len() - gram + 1;
        let stride = count.div_ceil(MAX_LOOKUPS).max(1);
        // Each hit votes for an alignment: where in the body the pattern would start.
        let mut votes: Vec<usize> = Vec::new();
        let mut common: Vec<(usize, &[u64])> = Vec::new();
        for q in (0..count).step_by(stride) {
            let list = self.postings(hash(&p[q..q + gram]));
            if list.len() > MAX_POSTINGS {
                common.push((q, list));
                continue;
            }
            votes.extend(
                list.iter()
                    .filter_map(|&g| ((g & 0xFFFF_FFFF) as usize).checked_sub(q)),
            );
        }
        if votes.is_empty() {
            // Only common n-grams matched: let a few of each vote.
            for (q, list) in common {
                votes.extend(
                    list.iter()
                        .take(MAX_POSTINGS)
                        .filter_map(|&g| ((g & 0xFFFF_FFFF) as usize).checked_sub(q)),
                );
            }
        }
        votes.sort_unstable();
        let best = best_alignment(&votes)?;
        // Too little evidence for a pattern long enough to have more.
        if best.1 < 2 && count > 2 * self.step {
            return None;
        }
        let start = self.anchor_start(p, best.0).unwrap_or(best.0);
        Some(self.widen(start, pattern.len()))
    }

    /// Where the pattern's first words stand near `aligned`, if they do. The alignment voted for
    /// is right for the part of the pattern that matched most; where the pattern is longer or
    /// shorter than the passage before that part (`cannot` for `can't`), it is off by as much,
    /// and the passage shown began in the paragraph before. The passage then starts where the
    /// pattern's own beginning is found, the nearest such place within half the pattern's
    /// length.
    fn anchor_start(&self, p: &[u8], aligned: usize) -> Option<usize> {
        let slack = p.len() / 2 + self.gram;
        let first = p.len().checked_sub(self.gram)?;
        (0..=first.min(2 * self.step))
            .flat_map(|q| {
                self.postings(hash(&p[q..q + self.gram]))
                    .iter()
                    .filter_map(move |&g| ((g & 0xFFFF_FFFF) as usize).checked_sub(q))
            })
            .filter(|&at| at.abs_diff(aligned) <= slack)
            .min_by_key(|&at| at.abs_diff(aligned))
    }

    /// `[start, start + len)`, moved onto char boundaries and out to whole words (a misspelling
    /// near the start shifts the vote into a word).
    fn widen(&self, start: usize, len: usize) -> Hit {
        let text = self.text;
        let mut start = start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let aligned = start;
        for _ in 0..8 {
            match text[..start].chars().next_back() {
                Some(c) if c.is_alphanumeric() => start -= c.len_utf8(),
                _ => break,
            }
        }
        let mut end = (aligned + len).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        for _ in 0..8 {
            match text[end..].chars().next() {
                Some(c) if c.is_alphanumeric() => end += c.len_utf8(),
                _ => break,
            }
        }
        Hit { start, end }
    }
}

/// From sorted votes: nearby alignments (a letter missing or added) count together in buckets of
/// four; the bucket with the most votes wins (the earliest on a tie), and within it the
/// alignment with the most (the earliest on a tie). `(alignment, the bucket's votes)`.
fn best_alignment(votes: &[usize]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None; // (bucket, votes)
    let mut i = 0;
    while i < votes.len() {
        let bucket = votes[i] / 4;
        let n = votes[i..].partition_point(|&v| v / 4 == bucket);
        if best.is_none_or(|(_, c)| n > c) {
            best = Some((bucket, n));
        }
        i += n;
    }
    let (bucket, total) = best?;
    let from = votes.partition_point(|&v| v / 4 < bucket);
    let to = votes.partition_point(|&v| v / 4 <= bucket);
    let mut pick = (votes[from], 0);
    let mut k = from;
    while k < to {
        let n = votes[k..to].partition_point(|&v| v == votes[k]);
        if n > pick.1 {
            pick = (votes[k], n);
        }
        k += n;
    }
    Some((pick.0, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closest_text(body: &str, pattern: &str) -> Option<String> {
        let folded = Folded::new(body);
        let index = Passages::new(&folded);
        index
            .closest(&crate::fold::fold_pattern(pattern))
            .map(|h| folded.text[h.start..h.end].to_string())
    }

    #[test]
    fn finds_a_misspelled_passage() {
        let got = closest_text(
            "Intro. We are receiving these criminals because they pose a threat.",
            "We are recieving these criminals",
        )
        .unwrap();
        assert!(got.starts_with("We are rec"), "{got}");
        assert_eq!(
            closest_text("Intro. We are here.", "zzzzzzzzzzzzzzzz"),
            None
        );
        assert_eq!(closest_text("short", "tiny"), None);
    }

    #[test]
    fn a_passage_starts_where_the_patterns_first_words_stand() {
        // The pattern is 4 chars longer before the words that match most: the vote alone puts
        // the start 4 chars early, in the paragraph before.
        let body = "The minutes are kept in the library window.\n\n\"You can't land crab on a \
                    restaurant terrace,\" Beazley said, to laughter.";
        let got = closest_text(body, "You cannot land lobster on a restaurant terrace,").unwrap();
        assert!(got.starts_with("You can't land crab"), "{got}");
        let body = "Intro words here. \"We are not here to decide whether North Quay changes,\" \
                    she said.";
        let got = closest_text(body, "We are here to decide whether North Quay changes,").unwrap();
        assert!(got.starts_with("We are not here"), "{got}");
    }

    #[test]
    fn a_misspelling_near_the_start_still_shows_whole_words() {
        let got = closest_text("Hello world, hello again.", "helo world").unwrap();
        assert_eq!(got, "Hello world");
    }

    #[test]
    fn finds_the_passage_deep_in_a_long_body_with_a_sampled_index() {
        // Sentences of words drawn at random (a fixed seed), as prose has; over 4 MiB, so only
        // every 8th offset is indexed.
        const WORDS: [&str; 12] = [
            "harbour", "council", "budget", "said", "the", "report", "would", "water", "vote",
            "members", "school", "bridge",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut body = String::new();
        while body.len() < 5 << 20 {
            for _ in 0..8 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                body.push_str(WORDS[(seed % 12) as usize]);
                body.push(' ');
            }
            body.push_str("and so on.\n");
        }
        let folded = Folded::new(&body);
        let index = Passages::new(&folded);
        assert_eq!(index.step, 8);
        let at = folded.text.len() / 3 * 2;
        let at = at + folded.text[at..].find(" and so on.").unwrap() + 1;
        let want = &folded.text[at..at + 120];
        let want = want.trim_end_matches(char::is_alphanumeric).trim_end();
        let typo = want.replacen("so on", "so no", 1);
        let hit = index.closest(&typo).unwrap();
        assert!(
            folded.text[hit.start..hit.end].starts_with(want),
            "{:?} for {want:?}",
            &folded.text[hit.start..hit.end]
        );
    }

    #[test]
    fn votes_pick_the_fullest_bucket_then_its_commonest_alignment() {
        assert_eq!(best_alignment(&[]), None);
        assert_eq!(best_alignment(&[3, 40, 41, 41, 90]), Some((41, 3)));
        assert_eq!(best_alignment(&[8, 12]), Some((8, 1)));
    }
}

//! The articles the benchmarks measure, generated the same every time (a fixed seed): the
//! book-length one of `bench_load` and `bench_reader` (about 10 MB of body, 5 000 quotes and 200
//! entities), and others of any size in the proportions of about 7 000 quotes and 1 000 entities per 10 MB
//! (`Spec::sized`), with stale
//! highlights and quotes that are not found, for `benches/reader.rs` and `scripts/bench-vs-bat`.

// Each benchmark includes this file and uses a part of it.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

pub const BODY_BYTES: usize = 10_000_000;
pub const QUOTES: usize = 5_000;

const FIRST: [&str; 20] = [
    "Aldo", "Beatriz", "Camille", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
    "Kemal", "Lucía", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tomás",
];
/// The first ten are the original benchmark's; the rest make up to 1 000 people (20 × 50), each
/// with an alias (`A. Brant`) that no other person shares (every first name has its own initial).
const LAST: [&str; 50] = [
    "Brant",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Haddad",
    "Novak",
    "Ruiz",
    "Weber",
    "Castillo",
    "Abara",
    "Bellini",
    "Cardoso",
    "Delacroix",
    "Eriksen",
    "Fontaine",
    "Gallo",
    "Horvath",
    "Ivanova",
    "Jansen",
    "Kowalski",
    "Larsen",
    "Mendoza",
    "Nakamura",
    "Oyelaran",
    "Petrov",
    "Quispe",
    "Rahman",
    "Sato",
    "Toivonen",
    "Ueda",
    "Varga",
    "Wojcik",
    "Xavier",
    "Yilmaz",
    "Zamora",
    "Achebe",
    "Borges",
    "Chen",
    "Dumas",
    "Esposito",
    "Ferreira",
    "Grimaldi",
    "Hansen",
    "Iqbal",
    "Jovanovic",
    "Kagame",
    "Lopes",
    "Mbeki",
    "Nilsen",
];
const KINDS: [&str; 6] = [
    "person",
    "organization",
    "place",
    "group",
    "facility",
    "other",
];
const WORDS: [&str; 48] = [
    "the",
    "council",
    "report",
    "said",
    "would",
    "harbour",
    "budget",
    "after",
    "before",
    "many",
    "residents",
    "meeting",
    "plan",
    "new",
    "old",
    "road",
    "and",
    "but",
    "which",
    "under",
    "over",
    "water",
    "price",
    "of",
    "in",
    "on",
    "to",
    "a",
    "were",
    "was",
    "is",
    "not",
    "more",
    "less",
    "week",
    "year",
    "vote",
    "members",
    "public",
    "school",
    "bridge",
    "funds",
    "late",
    "early",
    "north",
    "south",
    "inquiry",
    "contract",
];

/// A small deterministic generator (xorshift), so every run builds the same article.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

struct Person {
    name: String,
    alias: String,
}

/// `n` people (at most 1 000), the first 200 in the original benchmark's order.
fn people(n: usize) -> Vec<Person> {
    let mut out = Vec::new();
    for lasts in [&LAST[..10], &LAST[10..]] {
        for first in FIRST {
            for last in lasts {
                let initial = first.chars().next().unwrap_or('X');
                out.push(Person {
                    name: format!("{first} {last}"),
                    alias: format!("{initial}. {last}"),
                });
            }
        }
    }
    out.truncate(n.clamp(1, FIRST.len() * LAST.len()));
    out
}

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// About this many bytes of body.
    pub body_bytes: usize,
    pub quotes: usize,
    /// People to name (at most 1 000).
    pub entities: usize,
    /// With `false`: one paragraph with no sentence break at all (no `.`, `?`, `!` or line
    /// break), the worst case for selecting sentence by sentence.
    pub sentences: bool,
}

impl Spec {
    /// The proportions: about 7 000 quotes and 1 000 entities at 10 MB, scaled down.
    pub fn sized(body_bytes: usize) -> Spec {
        let quotes = (body_bytes * 7 / 10_000).max(1);
        Spec {
            body_bytes,
            quotes,
            entities: (quotes / 7).clamp(20, 1000),
            sentences: true,
        }
    }

    /// The original book-length benchmark of docs/PERFORMANCE.md: 10 MB, 5 000 quotes, 200 people.
    pub const BOOK: Spec = Spec {
        body_bytes: BODY_BYTES,
        quotes: QUOTES,
        entities: 200,
        sentences: true,
    };
}

fn filler(rng: &mut Rng, people: &[Person], out: &mut String, sentences: bool) {
    let words = 12 + rng.below(14);
    let mut first = true;
    for i in 0..words {
        if i == words / 2 && rng.below(3) > 0 {
            let p = &people[rng.below(people.len())];
            out.push_str(if rng.below(2) == 0 { &p.name } else { &p.alias });
        } else {
            let w = WORDS[rng.below(WORDS.len())];
            if first {
                let mut c = w.chars();
                if let Some(h) = c.next() {
                    out.extend(h.to_uppercase());
                    out.push_str(c.as_str());
                }
            } else {
                out.push_str(w);
            }
        }
        first = false;
        out.push(if rng.below(9) == 0 && sentences {
            '\n'
        } else {
            ' '
        });
    }
    out.pop();
    out.push_str(if sentences { ". " } else { " " });
}

/// Writes `bench.yaml` and `bench.md` into `dir` (the original book-length article); returns
/// the body's size in bytes.
pub fn generate(dir: &Path) -> usize {
    generate_spec(dir, &Spec::BOOK)
}

/// Writes `bench.yaml` and `bench.md` for `spec` into `dir`; returns the body's size in bytes.
pub fn generate_spec(dir: &Path, spec: &Spec) -> usize {
    let sentences = spec.sentences;
    let quotes = spec.quotes.max(1);
    let mut rng = Rng(0x5eed_5c01_1a00_0001);
    let people = people(spec.entities);
    let mut body = String::with_capacity(spec.body_bytes + 100_000);
    let mut yaml = String::with_capacity(spec.body_bytes / 5 + 10_000);
    body.push_str("# A very long inquiry into the harbour\n\n");
    yaml.push_str("format: 1\ntitle: A very long inquiry into the harbour\nsource: generated by examples/bench_load.rs\nbody_file: bench.md\nentities:\n");
    for (i, p) in people.iter().enumerate() {
        let _ = write!(
            yaml,
            "  - id: e{i}\n    name: {}\n    kind: {}\n    aliases: [\"{}\"]\n",
            p.name,
            KINDS[i % KINDS.len()],
            p.alias
        );
    }
    yaml.push_str("quotes:\n");
    // Paragraph breaks, or in a sentence-less body plain spaces.
    let (gap, end) = if sentences { ("\n\n", ".") } else { (" ", ",") };
    let per_quote = spec.body_bytes / quotes;
    for q in 0..quotes {
        let start = body.len();
        while body.len() - start < per_quote.saturating_sub(120) {
            filler(&mut rng, &people, &mut body, sentences);
            if rng.below(6) == 0 {
                body.push_str(gap);
            }
        }
        let speaker = rng.below(people.len());
        // A serial number keeps every quoted passage unique, as real quotes are.
        let first = format!(
            "We counted {} boats in the harbour on day {q}, and the {} was {}",
            rng.below(900) + 100,
            WORDS[rng.below(WORDS.len())],
            WORDS[rng.below(WORDS.len())]
        );
        let _ = write!(
            yaml,
            "  - id: q{q}\n    speaker: e{speaker}\n    cue: said\n    text:\n      - \"{first},\"\n"
        );
        let said = if sentences { " said." } else { " said" };
        let _ = write!(body, "{gap}“{first},” {}{said}", people[speaker].name);
        if q % 3 == 0 {
            let second = format!(
                "Nobody asked the {} about it before week {q}{end}",
                WORDS[rng.below(WORDS.len())]
            );
            let _ = write!(body, " “{second}”");
            let _ = writeln!(yaml, "      - \"{second}\"");
        }
        body.push_str(gap);
    }
    std::fs::write(dir.join("bench.md"), &body).expect("write the body");
    std::fs::write(dir.join("bench.yaml"), &yaml).expect("write the annotations");
    body.len()
}

/// Writes `stale.highlights.yaml` beside `bench.md`: `n` one-character highlights spread
/// through the body, each with its 32 chars of context, whose offsets went stale (they point a
/// few chars off, where another char stands), as after an edit of the body. Every one of them
/// must be searched for; every one is found again.
pub fn stale_highlights(dir: &Path, n: usize) -> std::path::PathBuf {
    let text = std::fs::read_to_string(dir.join("bench.md")).expect("the body");
    let chars: Vec<char> = text.chars().collect();
    let json = |s: &str| serde_json::to_string(s).expect("a string");
    let mut yaml = String::from("format: 1\nhighlights:\n");
    for i in 0..n {
        let mut at = (i * chars.len() / n.max(1)).max(40);
        while at + 40 < chars.len() && chars[at].is_whitespace() {
            at += 1;
        }
        if at + 40 >= chars.len() {
            break;
        }
        let mut shift = 7;
        while chars[at + shift] == chars[at] {
            shift += 1;
        }
        let text: String = chars[at..=at].iter().collect();
        let prefix: String = chars[at - 32..at].iter().collect();
        let suffix: String = chars[at + 1..at + 33].iter().collect();
        let _ = write!(
            yaml,
            "- id: h{i}\n  start: {}\n  end: {}\n  text: {}\n  prefix: {}\n  suffix: {}\n  created: \"2026-01-01T00:00:00Z\"\n",
            at + shift,
            at + shift + 1,
            json(&text),
            json(&prefix),
            json(&suffix)
        );
    }
    let path = dir.join("stale.highlights.yaml");
    std::fs::write(&path, yaml).expect("write the highlights");
    path
}

/// Writes `unfound.yaml` beside `bench.yaml`: the same article with `n` more quotes, each one
/// segment of about `len` chars copied from the body with two letters swapped in its middle, so
/// that none is found and every error looks for the closest passage.
pub fn unfound_segments(dir: &Path, n: usize, len: usize) -> std::path::PathBuf {
    let text = std::fs::read_to_string(dir.join("bench.md")).expect("the body");
    let mut yaml = std::fs::read_to_string(dir.join("bench.yaml")).expect("the annotations");
    let chars: Vec<char> = text.chars().collect();
    let json = |s: &str| serde_json::to_string(s).expect("a string");
    for i in 0..n {
        let mut at = (i * chars.len() / n.max(1)).max(1);
        // Start at a word, after the heading.
        while at + len < chars.len() && !(chars[at - 1] == ' ' && chars[at].is_alphabetic()) {
            at += 1;
        }
        if at + len >= chars.len() {
            break;
        }
        let mut passage: Vec<char> = chars[at..at + len].to_vec();
        let mut mid = len / 2;
        while mid + 2 < len
            && !(passage[mid].is_alphabetic()
                && passage[mid + 1].is_alphabetic()
                && passage[mid] != passage[mid + 1])
        {
            mid += 1;
        }
        passage.swap(mid, mid + 1);
        let passage: String = passage.into_iter().collect();
        let passage = passage.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = write!(
            yaml,
            "  - id: u{i}\n    speaker: e0\n    text:\n      - {}\n",
            json(passage.trim_end_matches(['“', '”']))
        );
    }
    let path = dir.join("unfound.yaml");
    std::fs::write(&path, yaml).expect("write the annotations");
    path
}

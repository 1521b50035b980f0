//! The word lists `suggest` works from: the reporting verbs ("cues"), titles, given names and
//! small gazetteers. They live in `data/suggest/` as plain text, one entry a line, so that they
//! can be read, reviewed and extended without touching the rules; they are compiled in with
//! `include_str!` so the binary needs nothing beside it.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::article::EntityKind;

const CUES: &str = include_str!("../../data/suggest/cues.txt");
const TITLES: &str = include_str!("../../data/suggest/titles.txt");
const GIVEN_NAMES: &str = include_str!("../../data/suggest/given-names.txt");
const PLACES: &str = include_str!("../../data/suggest/places.txt");
const ORGANIZATIONS: &str = include_str!("../../data/suggest/organizations.txt");
const KIND_WORDS: &str = include_str!("../../data/suggest/kind-words.txt");
const NOT_NAMES: &str = include_str!("../../data/suggest/not-names.txt");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// How far a reporting verb is trusted (the mark in front of its line in `cues.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CueStrength {
    /// Only next to a quotation.
    Weak,
    /// Also in reported speech, when "that" follows.
    WithThat,
    /// Also in reported speech with a bare clause.
    Bare,
}

#[derive(Clone, Copy, Debug)]
pub struct Cue {
    pub strength: CueStrength,
    /// The base form (`say`) or the `-ing` form: `refused to say`, `saying` report nothing
    /// finite, so reported speech is not read after them.
    pub non_finite: bool,
}

pub struct Lexicon {
    cues: HashMap<String, Cue>,
    titles: HashMap<String, Option<Gender>>,
    given: HashMap<String, Gender>,
    places: HashSet<String>,
    organizations: HashSet<String>,
    /// Head (last) words that tell a kind.
    heads: HashMap<String, EntityKind>,
    /// First words that tell a kind (`Ministry of …`, `Friends of …`).
    starts: HashMap<String, EntityKind>,
    not_names: HashSet<String>,
}

/// The lines of a list that hold something: trimmed, without comments and blank lines.
fn lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn gender(word: &str) -> Option<Gender> {
    match word {
        "m" => Some(Gender::Male),
        "f" => Some(Gender::Female),
        _ => None,
    }
}

impl Lexicon {
    /// The lexicon compiled into the binary, parsed once.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::parse)
    }

    fn parse() -> Lexicon {
        let mut cues = HashMap::new();
        for line in lines(CUES) {
            let (strength, rest) = match line.split_at(1) {
                ("+", rest) => (CueStrength::Bare, rest),
                ("~", rest) => (CueStrength::Weak, rest),
                _ => (CueStrength::WithThat, line),
            };
            for (i, form) in rest.split_whitespace().enumerate() {
                let non_finite = i == 0 || form.ends_with("ing");
                cues.entry(form.to_string()).or_insert(Cue {
                    strength,
                    non_finite,
                });
            }
        }
        let mut titles = HashMap::new();
        for line in lines(TITLES) {
            let mut words = line.split_whitespace();
            if let Some(title) = words.next() {
                titles.insert(title.to_string(), words.next().and_then(gender));
            }
        }
        let mut given = HashMap::new();
        for line in lines(GIVEN_NAMES) {
            let mut words = line.split_whitespace();
            if let (Some(name), Some(g)) = (words.next(), words.next().and_then(gender)) {
                given.insert(name.to_string(), g);
            }
        }
        let mut heads = HashMap::new();
        let mut starts = HashMap::new();
        for line in lines(KIND_WORDS) {
            let words: Vec<&str> = line.split_whitespace().collect();
            let (Some(kind), Some(word)) = (
                words.first().and_then(|k| EntityKind::parse(k)),
                words.get(1),
            ) else {
                continue;
            };
            if words.get(2) == Some(&"start") {
                starts.insert(word.to_string(), kind);
            } else {
                heads.insert(word.to_string(), kind);
            }
        }
        Lexicon {
            cues,
            titles,
            given,
            places: lines(PLACES).map(str::to_string).collect(),
            organizations: lines(ORGANIZATIONS).map(str::to_string).collect(),
            heads,
            starts,
            not_names: lines(NOT_NAMES).map(str::to_string).collect(),
        }
    }

    pub fn cue(&self, word: &str) -> Option<Cue> {
        self.cues.get(word).copied()
    }

    pub fn cue_forms(&self) -> usize {
        self.cues.len()
    }

    /// `Some(gender)` for a title (`Ms` → female, `Mayor` → none told); `None` for no title.
    /// Matched as written and with a capital (`mayor` in `Port Aldwick's mayor, Helen Carrow`).
    pub fn title(&self, word: &str) -> Option<Option<Gender>> {
        if let Some(g) = self.titles.get(word) {
            return Some(*g);
        }
        let mut chars = word.chars();
        let first = chars.next()?;
        let capital: String = first.to_uppercase().chain(chars).collect();
        self.titles.get(&capital).copied()
    }

    pub fn given_name(&self, word: &str) -> Option<Gender> {
        self.given.get(word).copied()
    }

    pub fn is_place(&self, name: &str) -> bool {
        self.places.contains(name)
    }

    pub fn is_organization(&self, name: &str) -> bool {
        self.organizations.contains(name)
    }

    pub fn head_kind(&self, word: &str) -> Option<EntityKind> {
        self.heads.get(word).copied()
    }

    pub fn start_kind(&self, word: &str) -> Option<EntityKind> {
        self.starts.get(word).copied()
    }

    pub fn is_not_name(&self, word: &str) -> bool {
        self.not_names.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cue_lexicon_holds_a_few_hundred_forms_with_their_strength() {
        let lx = Lexicon::get();
        assert!(lx.cue_forms() >= 300, "{} forms", lx.cue_forms());
        let said = lx.cue("said").unwrap();
        assert_eq!(said.strength, CueStrength::Bare);
        assert!(!said.non_finite);
        assert!(lx.cue("say").unwrap().non_finite);
        assert_eq!(lx.cue("laughed").unwrap().strength, CueStrength::Weak);
        assert!(lx.cue("table").is_none());
    }

    #[test]
    fn titles_tell_gender_where_they_can() {
        let lx = Lexicon::get();
        assert_eq!(lx.title("Ms."), Some(Some(Gender::Female)));
        assert_eq!(lx.title("Mayor"), Some(None));
        assert_eq!(lx.title("mayor"), Some(None));
        assert_eq!(lx.title("Table"), None);
    }

    #[test]
    fn gazetteers_and_kind_words_load() {
        let lx = Lexicon::get();
        assert!(lx.is_place("Geneva"));
        assert!(lx.is_organization("Reuters"));
        assert_eq!(lx.head_kind("Council"), Some(EntityKind::Organization));
        assert_eq!(lx.start_kind("Friends"), Some(EntityKind::Group));
        assert_eq!(lx.given_name("Helen"), Some(Gender::Female));
        assert!(lx.is_not_name("The"));
    }
}

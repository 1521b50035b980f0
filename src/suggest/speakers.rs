//! Who is speaking: the noun phrase next to a cue (`said X`, `X said`, `X, a historian at …,
//! said`), and what it refers to: a named entity, a pronoun or a bare title resolved to the last
//! person named who fits, or a speaker described rather than named, who becomes an entity.

use crate::article::EntityKind;

use super::entities::{Entities, fold_spaces};
use super::lexicon::{Gender, Lexicon};
use super::text::{Text, TokKind};

/// Nouns that, after `the`, mean an organisation named before (`the company said`).
const ORG_NOUNS: &[&str] = &[
    "company",
    "ministry",
    "council",
    "union",
    "board",
    "club",
    "government",
    "agency",
    "operator",
    "firm",
    "department",
    "party",
    "federation",
    "association",
    "school",
    "university",
    "police",
    "authority",
    "commission",
    "committee",
    "group",
    "bank",
    "fund",
    "society",
    "team",
    "organisation",
    "organization",
    "cooperative",
    "trust",
    "charity",
];

/// Nouns that mean what the speaker wrote (`the statement said`): the speaker before.
const DOCUMENT_NOUNS: &[&str] = &["statement", "letter", "report", "release", "post", "memo"];

/// Adverbs that may stand between a speaker and the cue (`Ashdown later said`).
const ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "again",
    "once",
    "previously",
    "recently",
    "simply",
    "quickly",
    "finally",
    "earlier",
    "repeatedly",
    "often",
    "has",
    "had",
    "have",
    "will",
    "would",
    "was",
];

/// Determiners that start a described speaker (`a spokesperson for the board`).
const DETERMINERS: &[&str] = &[
    "a", "an", "one", "another", "the", "two", "three", "several", "some", "many",
];

/// How many mentions back a pronoun or title looks for whom it means: far enough for any
/// article's paragraphs, and bounded so that a long body stays linear.
const LOOK_BACK: usize = 200;

/// How a speaker phrase was understood.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum How {
    Named,
    Pronoun,
    Title,
    Described,
}

impl How {
    pub fn label(self) -> &'static str {
        match self {
            How::Named => "named",
            How::Pronoun => "pronoun resolved",
            How::Title => "title resolved",
            How::Described => "described speaker",
        }
    }
}

/// Resolves speaker phrases against the entities and what was said before.
pub struct Resolver<'a> {
    pub text: &'a Text,
    pub ents: &'a mut Entities,
    /// `(offset, entity)` of speakers already attributed, in the order found.
    pub spoken: Vec<(usize, usize)>,
}

impl Resolver<'_> {
    /// The speaker named by tokens `[a, b)` (already cut to the phrase), seen at `at`.
    pub fn resolve(&mut self, a: usize, b: usize, at: usize) -> Option<(usize, How)> {
        let text = self.text;
        if a >= b || b - a > 14 {
            return None;
        }
        if (a..b).any(|t| text.is_mark_tok(t) || text.is(t, ":")) {
            return None;
        }
        let first = text.tok_str(a).to_lowercase();
        if b - a == 1 {
            match first.as_str() {
                "he" | "him" => return self.last_person(at, Some(Gender::Male)),
                "she" | "her" => return self.last_person(at, Some(Gender::Female)),
                "they" | "it" => return self.last_speaker_or_org(at),
                "i" | "we" | "you" => return None,
                _ => {}
            }
        }
        // A named entity in the phrase (the first one: `Tom Beazley, chair of X` is cut before).
        let (start, end) = (text.toks[a].start, text.toks[b - 1].end);
        if (text.is_capitalised(a)
            || text.is_capitalised(b - 1)
            || (a + 1 < b && text.is_capitalised(a + 1)))
            && let Some(m) = self.ents.mention_within(start, end)
        {
            // `Rovers manager Stefan Brandt`: the person the phrase ends on is the speaker.
            let m = self
                .ents
                .mentions_before(end)
                .take_while(|n| n.span.start() >= start)
                .find(|n| self.ents.list[n.entity].kind == EntityKind::Person)
                .copied()
                .unwrap_or(m);
            let described = DETERMINERS.contains(&first.as_str())
                && text.is_word(a + 1)
                && !text.is_capitalised(a + 1);
            // `the head of the Geneva Watchmaking School`: a described speaker whose phrase
            // would swallow the organisation's own mention; the organisation speaks instead
            // (a person named there, `the wife of John Smith`, does not).
            let org = matches!(
                self.ents.list[m.entity].kind,
                EntityKind::Organization | EntityKind::Facility | EntityKind::Group
            );
            if !described || org {
                return Some((m.entity, How::Named));
            }
        }
        if first == "the" && b - a <= 4 {
            let noun = text.tok_str(b - 1).to_lowercase();
            if DOCUMENT_NOUNS.contains(&noun.as_str()) {
                // Whoever issued it: the organisation named last in the paragraph, else the
                // speaker before.
                let para = &text.paras[text.toks[a].para];
                let org = self
                    .ents
                    .mentions_before(at)
                    .take_while(|m| m.span.start() >= para.start)
                    .find(|m| {
                        matches!(
                            self.ents.list[m.entity].kind,
                            EntityKind::Organization | EntityKind::Group
                        )
                    })
                    .map(|m| m.entity);
                return org
                    .or_else(|| {
                        let upto = self.spoken.partition_point(|&(o, _)| o <= at);
                        upto.checked_sub(1).map(|i| self.spoken[i].1)
                    })
                    .map(|e| (e, How::Title));
            }
            if ORG_NOUNS.contains(&noun.as_str()) {
                if let Some(e) = self.last_org_like(at, &noun) {
                    return Some((e, How::Title));
                }
            } else if let Some(e) = self.by_role(at, &noun) {
                return Some((e, How::Title));
            }
        }
        self.described(a, b)
    }

    /// A described speaker: a phrase of lowercase words (`a U.S.-based immigration rights
    /// advocate`, `officials`, `union officials`) becomes an entity of its own.
    fn described(&mut self, a: usize, b: usize) -> Option<(usize, How)> {
        let text = self.text;
        let lx = Lexicon::get();
        let mut a = a;
        let first = text.tok_str(a).to_lowercase();
        let determiner = DETERMINERS.contains(&first.as_str());
        if determiner {
            a += 1;
        }
        if a >= b || (a..b).any(|t| lx.cue(&text.tok_str(t)).is_some()) {
            return None;
        }
        if !text.is_word(a) || !text.is_word(b - 1) {
            return None;
        }
        let words: Vec<String> = (a..b).map(|t| text.tok_str(t)).collect();
        // The head noun stands before the first preposition: `spokesperson` in `spokesperson
        // for the company`, `Fishermen` in `Fishermen in Anchor Bay`.
        let head_at = words
            .iter()
            .position(|w| {
                matches!(
                    w.as_str(),
                    "for" | "of" | "at" | "in" | "from" | "with" | "on"
                )
            })
            .unwrap_or(words.len())
            .max(1);
        let head = words[head_at - 1].to_lowercase();
        let plural =
            head.ends_with('s') || head.ends_with("men") || head == "police" || head == "people";
        // Without a determiner only a plural stands alone (`officials said`); `Fishermen in
        // Anchor Bay` is one too. A singular needs its article (`a spokesperson`).
        if !determiner && !plural {
            return None;
        }
        if matches!(
            head.as_str(),
            "this" | "that" | "it" | "which" | "who" | "there" | "what" | "these" | "those"
        ) {
            return None;
        }
        let name = fold_spaces(&text.str(text.toks[a].start, text.toks[b - 1].end));
        let organisation = ORG_NOUNS.contains(&head.as_str()) || head == "chamber";
        let kind = if organisation {
            EntityKind::Organization
        } else if plural && first != "a" && first != "an" && first != "one" {
            EntityKind::Group
        } else {
            EntityKind::Person
        };
        let e = self.ents.add_unnamed(&name, kind);
        if self.ents.list[e].gender.is_none() {
            self.ents.list[e].gender = words.iter().find_map(|w| lx.title(w).flatten());
        }
        Some((e, How::Described))
    }

    fn last_person(&self, at: usize, gender: Option<Gender>) -> Option<(usize, How)> {
        // A described speaker (`a spokeswoman for the council`) is someone a pronoun can mean
        // once they have spoken; a gender the text gives must agree.
        let fits = |e: usize| {
            let ent = &self.ents.list[e];
            ent.kind == EntityKind::Person
                && (gender.is_none() || ent.gender.is_none() || ent.gender == gender)
        };
        // A person with something that says so (a given name, a title, a gender) is meant
        // before one taken for a person by the shape of the name alone.
        let sure = |e: usize| {
            let ent = &self.ents.list[e];
            ent.gender.is_some() || !ent.roles.is_empty() || !ent.why.starts_with("two or three")
        };
        let mentioned = |strict: bool| {
            self.ents
                .mentions_before(at)
                .take(LOOK_BACK)
                .find(|m| {
                    fits(m.entity)
                        && !self.ents.list[m.entity].unnamed
                        && (!strict || sure(m.entity))
                })
                .map(|m| (m.span.start(), m.entity))
        };
        let mention = mentioned(true).or_else(|| mentioned(false));
        // `spoken` grows in reading order: bisect to `at`, then look back.
        let upto = self.spoken.partition_point(|&(o, _)| o <= at);
        let spoken = self.spoken[..upto]
            .iter()
            .rev()
            .take(50)
            .find(|&&(_, e)| fits(e))
            .copied();
        let best = match (mention, spoken) {
            (Some(m), Some(s)) => Some(if s.0 > m.0 { s } else { m }),
            (m, s) => m.or(s),
        };
        best.map(|(_, e)| (e, How::Pronoun))
    }

    fn last_speaker_or_org(&self, at: usize) -> Option<(usize, How)> {
        self.ents
            .mentions_before(at)
            .take(LOOK_BACK)
            .find(|m| {
                matches!(
                    self.ents.list[m.entity].kind,
                    EntityKind::Organization | EntityKind::Group
                )
            })
            .map(|m| (m.entity, How::Pronoun))
    }

    /// The last organisation named before `at`, preferring one whose name holds the noun.
    fn last_org_like(&self, at: usize, noun: &str) -> Option<usize> {
        let is_org = |e: usize| {
            matches!(
                self.ents.list[e].kind,
                EntityKind::Organization | EntityKind::Group
            )
        };
        let holds = |e: usize| self.ents.list[e].name.to_lowercase().contains(noun);
        self.ents
            .mentions_before(at)
            .take(LOOK_BACK)
            .find(|m| is_org(m.entity) && holds(m.entity))
            .or_else(|| {
                self.ents
                    .mentions_before(at)
                    .take(LOOK_BACK)
                    .find(|m| is_org(m.entity))
            })
            .map(|m| m.entity)
    }

    /// The last person named before `at` with this title or role (`the mayor`).
    fn by_role(&self, at: usize, noun: &str) -> Option<usize> {
        let lx = Lexicon::get();
        if let Some(m) = self.ents.mentions_before(at).take(LOOK_BACK).find(|m| {
            let ent = &self.ents.list[m.entity];
            ent.kind == EntityKind::Person && ent.roles.iter().any(|r| r == noun)
        }) {
            return Some(m.entity);
        }
        // A role word the lexicon knows (`the striker`) is the last person named.
        lx.title(noun)?;
        self.last_person(at, None).map(|(e, _)| e)
    }
}

/// The speaker phrase ending just before token `k` (a cue): back to a sentence start, a comma,
/// a quotation mark or `floor`; an appositive in commas (`X, a historian at Y, said`) is
/// skipped so that the phrase is `X`. Returns the token range.
pub fn subject_before(text: &Text, k: usize, floor: usize) -> Option<(usize, usize)> {
    let mut end = k;
    while end > floor && text.is_word(end - 1) && ADVERBS.contains(&text.tok_str(end - 1).as_str())
    {
        end -= 1;
    }
    if end <= floor {
        return None;
    }
    if text.is(end - 1, ",") {
        // Skip the appositive back to the comma before it.
        let mut j = end - 1;
        let mut steps = 0;
        while j > floor && !text.is(j - 1, ",") {
            j -= 1;
            steps += 1;
            if steps > 30 || j == 0 || text.toks[j - 1].sentence_end {
                return None;
            }
        }
        if j <= floor {
            return None;
        }
        // `Its chairman, Gareth Pryce, said`: a name in the commas is the speaker.
        if text.is_capitalised(j) && !text.is(j, "The") && end - 1 - j <= 5 {
            return Some((j, end - 1));
        }
        end = j - 1;
    }
    let mut start = end;
    while start > floor {
        let t = start - 1;
        if text.toks[t].sentence_end || text.is(t, ",") || text.is(t, ":") || text.is(t, ";") {
            break;
        }
        if text.is_mark_tok(t) {
            break;
        }
        start -= 1;
    }
    (start < end).then_some((start, end))
}

/// The speaker phrase starting at token `k` (after `said`): up to a comma, a stop, a quotation
/// mark or a relative word.
pub fn subject_after(text: &Text, k: usize, limit: usize) -> Option<(usize, usize)> {
    let mut end = k;
    while end < limit && end - k < 12 {
        let t = end;
        let w = text.tok_str(t);
        if text.toks[t].kind == TokKind::Punct
            && !(w == "."
                && end > k
                && text.toks[t - 1].end == text.toks[t].start
                && !text.toks[t].sentence_end)
        {
            break;
        }
        if matches!(
            w.as_str(),
            "who"
                | "which"
                | "as"
                | "after"
                | "before"
                | "when"
                | "while"
                | "in"
                | "on"
                | "at"
                | "to"
        ) && end > k
        {
            break;
        }
        end += 1;
        if text.toks[t].sentence_end {
            break;
        }
    }
    // `says the plan will make …` is a clause, not a speaker.
    let verb = (k..end).any(|t| {
        matches!(
            text.tok_str(t).as_str(),
            "will"
                | "would"
                | "is"
                | "was"
                | "are"
                | "were"
                | "has"
                | "had"
                | "have"
                | "can"
                | "could"
                | "should"
                | "may"
                | "might"
                | "must"
                | "did"
                | "does"
        )
    });
    (end > k && !verb).then_some((k, end))
}

#[cfg(test)]
mod tests {
    use crate::suggest::tests::quotes;

    #[test]
    fn pronouns_follow_gender_and_titles_follow_roles() {
        let got = quotes(
            "Ms. Ann Lee met Tom Hart. “Yes,” she said. “No,” he said.\n\n\
             Mayor Joan Pike came too. “Maybe,” the mayor said.\n",
        );
        assert_eq!(got[0], "direct Ann Lee said [Yes,]");
        assert_eq!(got[1], "direct Tom Hart said [No,]");
        assert_eq!(got[2], "direct Joan Pike said [Maybe,]");
    }

    #[test]
    fn appositives_are_skipped_unless_they_hold_the_name() {
        let got = quotes(
            "Tom Hart, a historian at the university, said the wall was old.\n\n\
             Its chairman, Gareth Pryce, said the club was broke.\n",
        );
        assert_eq!(got[0], "indirect Tom Hart said [the wall was old]");
        assert_eq!(got[1], "indirect Gareth Pryce said [the club was broke]");
    }

    #[test]
    fn a_described_speaker_is_an_entity_of_its_own() {
        let got = quotes("“We regret it,” said a spokesperson for the company.\n");
        assert_eq!(
            got,
            ["direct spokesperson for the company said [We regret it,]"]
        );
    }
}

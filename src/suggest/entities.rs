//! Named entities: runs of capitalised words (with `of`, `the`, `de`… inside them), a title in
//! front telling a person and their gender, head words and small gazetteers telling the kind,
//! and a lone surname or first word folded into the entity named in full. Mentions are then
//! found by the format's own rule, so that the draft and the loader agree on every one.

use std::collections::HashMap;

use crate::article::{EntityKind, Span};
use crate::find;
use crate::fold::{Folded, fold_pattern};

use super::lexicon::{Gender, Lexicon};
use super::text::{Text, TokKind};

/// Lowercase words that may stand inside a name: `Ministry of Justice`, `Leonardo da Vinci`.
const CONNECTORS: &[&str] = &[
    "of", "the", "for", "de", "del", "da", "di", "van", "von", "der", "den", "du", "la", "le",
    "al", "bin", "el", "y", "upon",
];

/// Words before a single capitalised word that say it is a place.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "from", "near", "across", "outside", "around", "towards", "to", "into",
];

#[derive(Clone, Debug)]
pub struct Ent {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub gender: Option<Gender>,
    /// Lowercase words of its titles and roles (`mayor`, `transport`, `minister`), for
    /// resolving `the mayor said`.
    pub roles: Vec<String>,
    /// Found as a speaker described rather than named (`a spokesperson for the company`).
    pub unnamed: bool,
    /// Why its kind was chosen, for the draft's comments.
    pub why: &'static str,
}

#[derive(Clone, Copy, Debug)]
pub struct Mention {
    pub span: Span,
    pub entity: usize,
}

#[derive(Default)]
pub struct Entities {
    pub list: Vec<Ent>,
    /// In reading order, never overlapping (the loader's rule).
    pub mentions: Vec<Mention>,
    /// Folded surface form → owner.
    forms: HashMap<String, usize>,
    /// First and last words of multi-word names → their entities, for surnames.
    by_word: HashMap<String, Vec<usize>>,
}

/// A capitalised run as found in the text.
struct Run {
    name: String,
    span: Span,
    words: Vec<String>,
    role: Vec<String>,
    gender: Option<Gender>,
    sentence_start: bool,
    after_place_preposition: bool,
    is_person_context: bool,
    /// Its first word also stands alone or opens another name (`Kelby` in `Kelby Bakery`):
    /// a place's name, most likely, so not a person's.
    first_shared: bool,
}

impl Entities {
    pub fn find(text: &Text) -> Entities {
        let lx = Lexicon::get();
        let mut runs = runs(text, lx);
        let mut firsts: HashMap<String, std::collections::HashSet<String>> = HashMap::new();
        for r in &runs {
            if let Some(f) = r.words.first() {
                firsts.entry(f.clone()).or_default().insert(r.name.clone());
            }
        }
        for r in &mut runs {
            r.first_shared =
                r.words.len() > 1 && firsts.get(&r.words[0]).is_some_and(|n| n.len() > 1);
        }
        // Single words seen capitalised inside a sentence are names, wherever they stand.
        let mut mid_sentence: HashMap<&str, usize> = HashMap::new();
        for r in &runs {
            if !r.sentence_start {
                *mid_sentence.entry(r.name.as_str()).or_default() += 1;
            }
        }
        // Surnames of longer names: `Okafor` opening a sentence is `Ines Okafor`'s.
        let in_longer: std::collections::HashSet<&str> = runs
            .iter()
            .filter(|r| r.words.len() > 1 && r.words.len() <= 3)
            .filter(|r| r.words.iter().all(|w| lx.head_kind(w).is_none()))
            .filter_map(|r| r.words.last().map(String::as_str))
            .collect();
        let mut ents = Entities::default();
        // Longer names first, so that `Carrow` finds `Helen Carrow` already there.
        let mut order: Vec<usize> = (0..runs.len()).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(runs[i].words.len()), runs[i].span.start()));
        for i in order {
            let r = &runs[i];
            if r.words.len() == 1 {
                let known = lx.is_place(&r.name)
                    || lx.is_place(&title_case(&r.name))
                    || lx.is_organization(&r.name)
                    || lx.given_name(&r.name).is_some()
                    || !r.role.is_empty()
                    || mid_sentence.contains_key(r.name.as_str())
                    || in_longer.contains(r.name.as_str());
                if r.sentence_start && !known {
                    continue;
                }
            }
            ents.add_run(r, lx);
        }
        ents.link_all_caps();
        ents
    }

    fn add_run(&mut self, r: &Run, lx: &Lexicon) {
        let key = fold_pattern(&r.name);
        if let Some(&e) = self.forms.get(&key) {
            let ent = &mut self.list[e];
            merge_roles(&mut ent.roles, &r.role);
            if ent.gender.is_none() {
                ent.gender = r.gender;
            }
            if ent.kind != EntityKind::Person && (!r.role.is_empty() || r.gender.is_some()) {
                ent.kind = EntityKind::Person;
                ent.why = "a title stands before it";
            }
            return;
        }
        if r.words.len() == 1 {
            // A lone word that ends a person's name is their surname; one that begins any
            // other multi-word name is its short form (`Ashworth` for `Ashworth Town`).
            let word = &r.words[0];
            let candidates = self.by_word.get(word).cloned().unwrap_or_default();
            let persons: Vec<usize> = candidates
                .into_iter()
                .filter(|&e| {
                    let ent = &self.list[e];
                    let words: Vec<&str> = ent.name.split(' ').collect();
                    !ent.unnamed
                        && words.len() > 1
                        && if ent.kind == EntityKind::Person {
                            words.last() == Some(&word.as_str())
                                || words.first() == Some(&word.as_str())
                        } else {
                            words.first() == Some(&word.as_str())
                                && lx.head_kind(word).is_none()
                                && words.last().is_some_and(|w| {
                                    matches!(
                                        lx.head_kind(w),
                                        Some(EntityKind::Organization | EntityKind::Group)
                                    )
                                })
                        }
                })
                .collect();
            if let [e] = persons[..] {
                self.add_alias(e, &r.name);
                let ent = &mut self.list[e];
                merge_roles(&mut ent.roles, &r.role);
                if ent.gender.is_none() {
                    ent.gender = r.gender;
                }
                return;
            }
        }
        let (kind, why) = classify(r, lx);
        let gender = r
            .gender
            .or_else(|| r.words.first().and_then(|w| lx.given_name(w)))
            .filter(|_| kind == EntityKind::Person);
        if r.words.len() > 1 {
            for w in [&r.words[0], &r.words[r.words.len() - 1]] {
                let list = self.by_word.entry(w.clone()).or_default();
                if !list.contains(&self.list.len()) {
                    list.push(self.list.len());
                }
            }
        }
        self.forms.insert(key, self.list.len());
        self.list.push(Ent {
            name: r.name.clone(),
            kind,
            aliases: Vec::new(),
            gender,
            roles: r.role.clone(),
            unnamed: false,
            why,
        });
    }

    /// Adds `form` to entity `e` unless another entity already owns it.
    pub fn add_alias(&mut self, e: usize, form: &str) {
        let key = fold_pattern(form);
        if key.is_empty() || self.forms.contains_key(&key) {
            return;
        }
        self.forms.insert(key, e);
        self.list[e].aliases.push(form.to_string());
    }

    /// A form in capitals (`PORT SELVA`, a dateline) is the same entity as its ordinary spelling.
    fn link_all_caps(&mut self) {
        let caps: Vec<usize> = (0..self.list.len())
            .filter(|&e| {
                let n = &self.list[e].name;
                n.chars().filter(|c| c.is_alphabetic()).count() > 4
                    && n.chars().all(|c| !c.is_lowercase())
            })
            .collect();
        let mut drop = Vec::new();
        for c in caps {
            let upper = self.list[c].name.clone();
            let same =
                (0..self.list.len()).find(|&e| e != c && self.list[e].name.to_uppercase() == upper);
            if let Some(e) = same {
                drop.push((c, e));
            }
        }
        for &(c, e) in drop.iter().rev() {
            let name = self.list[c].name.clone();
            self.forms.remove(&fold_pattern(&name));
            self.add_alias(e, &name);
        }
        let gone: Vec<usize> = drop.iter().map(|&(c, _)| c).collect();
        self.remove(&gone);
    }

    fn remove(&mut self, gone: &[usize]) {
        if gone.is_empty() {
            return;
        }
        let mut map = vec![usize::MAX; self.list.len()];
        let mut kept = Vec::new();
        for (i, ent) in self.list.drain(..).enumerate() {
            if !gone.contains(&i) {
                map[i] = kept.len();
                kept.push(ent);
            }
        }
        self.list = kept;
        // Only needed while runs are added, which is over by now.
        self.by_word.clear();
        self.forms.retain(|_, e| {
            *e = map[*e];
            *e != usize::MAX
        });
    }

    /// Adds an entity for a speaker described rather than named, or returns the one that owns
    /// the form already (two `a resident`s cannot be told apart by their form).
    pub fn add_unnamed(&mut self, name: &str, kind: EntityKind) -> usize {
        let key = fold_pattern(name);
        if let Some(&e) = self.forms.get(&key) {
            return e;
        }
        self.forms.insert(key, self.list.len());
        self.list.push(Ent {
            name: name.to_string(),
            kind,
            aliases: Vec::new(),
            gender: None,
            roles: name.split(' ').map(str::to_lowercase).collect(),
            unnamed: true,
            why: "described, not named, as a speaker",
        });
        self.list.len() - 1
    }

    /// Adds an entity found by another rule (a quoted title of a work) unless its form is taken.
    pub fn add_named(&mut self, name: &str, kind: EntityKind, why: &'static str) -> Option<usize> {
        let key = fold_pattern(name);
        if key.is_empty() || self.forms.contains_key(&key) {
            return None;
        }
        self.forms.insert(key, self.list.len());
        self.list.push(Ent {
            name: name.to_string(),
            kind,
            aliases: Vec::new(),
            gender: None,
            roles: Vec::new(),
            unnamed: false,
            why,
        });
        Some(self.list.len() - 1)
    }

    pub fn owner(&self, form: &str) -> Option<usize> {
        self.forms.get(&fold_pattern(form)).copied()
    }

    /// Finds every mention by the loader's rule (leftmost, then longest, whole words).
    pub fn locate(&mut self, folded: &Folded) {
        let forms: Vec<find::Form> = self
            .forms
            .iter()
            .map(|(f, &e)| find::Form {
                pattern: f.clone(),
                owner: e,
                only: None,
            })
            .collect();
        self.mentions = find::mentions(folded, &forms)
            .0
            .into_iter()
            .map(|(hit, entity)| {
                let (start, end) = folded.span_to_body(hit.start, hit.end);
                Mention {
                    span: Span::new(start, end),
                    entity,
                }
            })
            .collect();
    }

    /// The mention that starts within `[start, end)`, if any.
    pub fn mention_within(&self, start: usize, end: usize) -> Option<Mention> {
        let i = self.mentions.partition_point(|m| m.span.start() < start);
        self.mentions
            .get(i)
            .filter(|m| m.span.start() < end)
            .copied()
    }

    /// Mentions that end at or before `offset`, latest first.
    pub fn mentions_before(&self, offset: usize) -> impl Iterator<Item = &Mention> {
        let i = self.mentions.partition_point(|m| m.span.end() <= offset);
        self.mentions[..i].iter().rev()
    }
}

fn merge_roles(into: &mut Vec<String>, more: &[String]) {
    for r in more {
        if !into.contains(r) {
            into.push(r.clone());
        }
    }
}

fn classify(r: &Run, lx: &Lexicon) -> (EntityKind, &'static str) {
    let first = r.words.first().map(String::as_str).unwrap_or_default();
    let last = r.words.last().map(String::as_str).unwrap_or_default();
    if lx.is_organization(&r.name) {
        return (EntityKind::Organization, "in the list of organisations");
    }
    if lx.is_place(&r.name) || lx.is_place(&title_case(&r.name)) {
        return (EntityKind::Place, "in the list of places");
    }
    if let Some(kind) = lx.start_kind(first).filter(|k| *k != EntityKind::Place)
        && r.words.len() > 1
    {
        return (kind, "its first word tells its kind");
    }
    if r.words.len() > 1
        && let Some(kind) = lx.head_kind(last)
    {
        return (kind, "its last word tells its kind");
    }
    if r.words.iter().any(|w| w == "&") {
        return (
            EntityKind::Organization,
            "two names joined by `&`, as firms are",
        );
    }
    if !r.role.is_empty() || r.gender.is_some() || r.is_person_context {
        return (EntityKind::Person, "a title or role goes with it");
    }
    if lx.given_name(first).is_some() && r.words.len() > 1 {
        return (EntityKind::Person, "it starts with a given name");
    }
    if r.words.len() > 1 && lx.start_kind(first) == Some(EntityKind::Place) {
        return (EntityKind::Place, "its first word tells its kind");
    }
    let acronym = r.words.len() == 1
        && r.name.chars().filter(|c| c.is_uppercase()).count() >= 2
        && r.name
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&');
    if acronym {
        return (EntityKind::Organization, "an acronym");
    }
    let plain = r.words.len() <= 4
        && !r
            .words
            .iter()
            .any(|w| CONNECTORS.contains(&w.as_str()) || w.chars().any(|c| c.is_numeric()));
    if r.words.len() > 1 && plain && r.first_shared {
        return (
            EntityKind::Other,
            "its first word stands in other names too (a place's?)",
        );
    }
    if r.words.len() > 1 && plain {
        return (
            EntityKind::Person,
            "two or three capitalised words, like a name",
        );
    }
    if r.words.len() == 1 {
        // `the Ledger`, `the Times`: a paper's or a body's one-word name.
        if lx.head_kind(first) == Some(EntityKind::Organization) {
            return (EntityKind::Organization, "its word tells its kind");
        }
        if r.after_place_preposition {
            return (EntityKind::Place, "after `in`, `at` or `from`");
        }
        if lx.given_name(first).is_some() {
            return (EntityKind::Person, "a given name");
        }
        return (EntityKind::Place, "a lone capitalised word");
    }
    (EntityKind::Other, "nothing tells its kind")
}

/// Every capitalised run outside headings, with what stands around it.
fn runs(text: &Text, lx: &Lexicon) -> Vec<Run> {
    let mut out = Vec::new();
    for para in text.paras.iter().filter(|p| !p.heading) {
        let mut i = para.first_tok;
        while i < para.end_tok {
            if !text.is_capitalised(i) {
                i += 1;
                continue;
            }
            let a = i;
            let mut b = i + 1;
            loop {
                if b >= para.end_tok {
                    break;
                }
                // `I` is the pronoun (`in Budapest I could`); a weekday is no part of a name.
                let joins_name = |t: usize| {
                    text.is_capitalised(t) && !text.is(t, "I") && !lx.is_not_name(&text.tok_str(t))
                };
                if joins_name(b) && adjacent(text, b - 1, b) {
                    b += 1;
                    continue;
                }
                // `Dr. Alan`, `Workers’ Union`, `Ministry of Justice`, `Hale & Morrow`.
                let glue = text.is(b, "&")
                    || text.toks[b].kind == TokKind::Punct
                        && (text.is(b, ".")
                            && text.toks[b - 1].end == text.toks[b].start
                            && !text.toks[b].sentence_end)
                    || (matches!(text.first(b), '\'' | '’')
                        && text.toks[b - 1].end == text.toks[b].start);
                let connector = text.is_word(b)
                    && CONNECTORS.contains(&text.tok_str(b).as_str())
                    && b + 1 < para.end_tok
                    && (joins_name(b + 1)
                        || (text.is(b + 1, "the") && b + 2 < para.end_tok && joins_name(b + 2)));
                if (glue || connector) && b + 1 < para.end_tok && joins_name(b + 1) {
                    b += 2;
                    continue;
                }
                if connector {
                    b += 3;
                    continue;
                }
                break;
            }
            if let Some(run) = make_run(text, lx, a, b) {
                out.push(run);
            }
            i = b;
        }
    }
    out
}

/// Two tokens with nothing but spaces (not a line break into a new paragraph) between them.
fn adjacent(text: &Text, a: usize, b: usize) -> bool {
    let (x, y) = (text.toks[a].end, text.toks[b].start);
    y - x <= 2 && text.chars[x..y].iter().all(|c| c.is_whitespace())
}

fn make_run(text: &Text, lx: &Lexicon, a: usize, b: usize) -> Option<Run> {
    let mut toks: Vec<usize> = (a..b).collect();
    let sentence_start = text.starts_sentence(a);
    let mut role = Vec::new();
    let mut gender = None;
    // A lowercase role word just before: `union leader Rosa Quintal`, `manager Stefan Brandt`.
    if a > 0 && text.is_word(a - 1) && adjacent(text, a - 1, a) {
        let w = text.tok_str(a - 1);
        if w.chars().next().is_some_and(char::is_lowercase) && lx.title(&w).is_some() {
            role.push(w.to_lowercase());
        }
    }
    // Words that never start a name are dropped from the front (`The`, `In`, `Asked`).
    while let Some(&t) = toks.first() {
        let w = text.tok_str(t);
        if !text.is_word(t) || lx.is_not_name(&w) || CONNECTORS.contains(&w.as_str()) {
            toks.remove(0);
        } else {
            break;
        }
    }
    // Titles in front become the person's roles: `Transport Minister Joaquim Serrano`.
    let title_at = |k: usize| -> Option<Option<Gender>> {
        let t = toks[k];
        let mut w = text.tok_str(t);
        if toks.get(k + 1).is_some_and(|&n| text.is(n, ".")) {
            w.push('.');
        }
        lx.title(&w).filter(|_| text.is_capitalised(t))
    };
    let mut last_title = None;
    for (k, &t) in toks.iter().enumerate() {
        if !text.is_word(t) {
            continue;
        }
        if let Some(g) = title_at(k) {
            last_title = Some(k);
            if g.is_some() {
                gender = g;
            }
        }
    }
    if let Some(k) = last_title {
        let rest: Vec<usize> = toks[k + 1..]
            .iter()
            .copied()
            .skip_while(|&t| !text.is_word(t))
            .collect();
        if rest.iter().any(|&t| text.is_capitalised(t)) {
            for &t in &toks[..=k] {
                if text.is_word(t) {
                    role.push(text.tok_str(t).trim_end_matches('.').to_lowercase());
                }
            }
            toks = rest;
        } else if toks.len() == 1 {
            return None; // a title alone (`Mayor`) is no name
        }
    }
    // Trailing punctuation and connectors are not part of the name.
    while let Some(&t) = toks.last() {
        let w = text.tok_str(t);
        if !text.is_word(t) || CONNECTORS.contains(&w.as_str()) {
            toks.pop();
        } else {
            break;
        }
    }
    let (&first, &last) = (toks.first()?, toks.last()?);
    let start = text.toks[first].start;
    let mut end = text.toks[last].end;
    // A possessive is not part of the name: `Ellery’s` → `Ellery`.
    let last_word = text.tok_str(last);
    if last_word.ends_with("’s") || last_word.ends_with("'s") {
        end -= 2;
    }
    if end <= start {
        return None;
    }
    let raw = text.str(start, end);
    let name = fold_spaces(&raw);
    let words: Vec<String> = name
        .split(' ')
        .map(|w| {
            w.trim_end_matches("’s")
                .trim_end_matches("'s")
                .trim_end_matches(['’', '\''])
                .to_string()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || !name.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    // `Hungarian-born`, `Paris-based`: an adjective made from a name, not a name.
    if words.len() == 1
        && let Some((_, tail)) = words[0].rsplit_once('-')
        && tail.chars().next().is_some_and(char::is_lowercase)
    {
        return None;
    }
    let pronoun = ["I'", "I’"].iter().any(|p| words[0].starts_with(p));
    if words.len() == 1 && (pronoun || lx.is_not_name(&words[0]) || lx.title(&words[0]).is_some()) {
        return None;
    }
    let first_tok = toks[0];
    let after_place_preposition = first_tok > 0
        && text.is_word(first_tok - 1)
        && PLACE_PREPOSITIONS.contains(&text.tok_str(first_tok - 1).as_str());
    // `Okonjo, who joined …`, `Tom Beazley, chair of …`: a person described after a comma.
    let is_person_context = {
        let n = last + 1;
        n + 1 < text.toks.len()
            && text.is(n, ",")
            && (text.is(n + 1, "who")
                || (text.is_word(n + 1) && lx.title(&text.tok_str(n + 1)).is_some()))
    };
    Some(Run {
        name,
        span: Span::new(start, end),
        words,
        role,
        gender,
        sentence_start: sentence_start && toks[0] == a,
        after_place_preposition,
        is_person_context,
        first_shared: false,
    })
}

/// `PORT SELVA` → `Port Selva`, to look a dateline up in the gazetteers.
fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| {
                f.to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whitespace runs become one space, as the loader matches them.
pub fn fold_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::Body;

    fn ents(s: &str) -> Vec<(String, EntityKind, Vec<String>)> {
        let text = Text::new(&Body::new(s.to_string()));
        Entities::find(&text)
            .list
            .into_iter()
            .map(|e| (e.name, e.kind, e.aliases))
            .collect()
    }

    #[test]
    fn a_title_makes_a_person_and_a_lone_surname_an_alias() {
        let got =
            ents("Mayor Helen Carrow opened. Later Carrow left the Port Aldwick Town Council.");
        assert!(got.contains(&(
            "Helen Carrow".into(),
            EntityKind::Person,
            vec!["Carrow".into()]
        )));
        assert!(got.contains(&(
            "Port Aldwick Town Council".into(),
            EntityKind::Organization,
            vec![]
        )));
    }

    #[test]
    fn head_words_and_gazetteers_tell_kinds() {
        let got = ents("They met on Fore Street in Geneva with the Ministry of Justice and NATO.");
        let kind = |n: &str| got.iter().find(|e| e.0 == n).map(|e| e.1);
        assert_eq!(kind("Fore Street"), Some(EntityKind::Place));
        assert_eq!(kind("Geneva"), Some(EntityKind::Place));
        assert_eq!(kind("Ministry of Justice"), Some(EntityKind::Organization));
        assert_eq!(kind("NATO"), Some(EntityKind::Organization));
    }

    #[test]
    fn sentence_initial_words_are_not_names_unless_seen_elsewhere() {
        let got = ents("Ferry crews walked out. Yesterday we saw Kessingford. Kessingford wept.");
        let names: Vec<&str> = got.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(names, ["Kessingford"]);
    }

    #[test]
    fn possessives_and_datelines() {
        let got = ents("PORT SELVA — Ellery’s tea. Ms. Ann Ellery said so in Port Selva.");
        assert!(got.contains(&(
            "Port Selva".into(),
            EntityKind::Place,
            vec!["PORT SELVA".into()]
        )));
        assert!(got.iter().any(|e| e.0 == "Ann Ellery" && e.2 == ["Ellery"]));
    }
}

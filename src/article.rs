//! The domain: an article, its entities and quotes, and where they lie in the body.
//! Built by the loader; knows nothing of YAML or the terminal.

use std::path::PathBuf;

use crate::body::Body;
use crate::fold::Folded;

/// A half-open `[start, end)` range of chars in the body, kept as two `u32`: half the memory
/// of two `usize` in the long lists (tens of thousands of mentions at 10 MB), and room for
/// any body the loader reads (at most 64 MiB, so fewer than 2³² chars).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        let offset = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self {
            start: offset(start),
            end: offset(end),
        }
    }

    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start() <= offset && offset < self.end()
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn len(&self) -> usize {
        self.end().saturating_sub(self.start())
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    Person,
    Organization,
    Group,
    Place,
    Facility,
    Law,
    Event,
    Work,
    Other,
}

impl EntityKind {
    pub const ALL: [EntityKind; 9] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Group,
        EntityKind::Place,
        EntityKind::Facility,
        EntityKind::Law,
        EntityKind::Event,
        EntityKind::Work,
        EntityKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Group => "group",
            EntityKind::Place => "place",
            EntityKind::Facility => "facility",
            EntityKind::Law => "law",
            EntityKind::Event => "event",
            EntityKind::Work => "work",
            EntityKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    Direct,
    Indirect,
    Mixed,
}

impl QuoteKind {
    pub const ALL: [QuoteKind; 3] = [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Mixed];

    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// What the reader's lists put before a quote's words: `“` opening the speaker's own
    /// words, `~ ` before reported or partly quoted speech (the help's signs explain both).
    pub fn lead(self) -> &'static str {
        match self {
            QuoteKind::Direct => "“",
            QuoteKind::Indirect | QuoteKind::Mixed => "~ ",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub title: String,
    pub source: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    /// The text's licence: an SPDX id (`CC-BY-2.5`) or free text (format 1.1).
    pub license: Option<String>,
    /// The text's language as a BCP 47 tag (`en`, `en-GB`, `pt-BR`) (format 1.1).
    pub language: Option<String>,
    /// The file's `x-` keys with their values, in file order: other tools' data, carried into
    /// exports untouched and otherwise ignored.
    pub extensions: serde_json::Map<String, serde_json::Value>,
}

#[derive(Clone, Debug)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub note: Option<String>,
    /// Where it is mentioned, in reading order.
    pub mentions: Vec<Span>,
    /// Indices into `Article::quotes` of its quotes, in reading order.
    pub quotes: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct Quote {
    pub id: String,
    /// Index into `Article::entities`.
    pub speaker: usize,
    pub kind: QuoteKind,
    /// Index into `Article::entities` of the outlet, addressee or document through which the
    /// statement was made ("told Sky News", "in a letter to the council").
    pub via: Option<usize>,
    /// The reporting word as the article has it: a verb (`said`) or a noun (`recommendation`).
    pub cue: Option<String>,
    pub note: Option<String>,
    /// The segments in the body, in order; never empty.
    pub segments: Vec<Span>,
}

impl Quote {
    /// From the first segment's start to the last one's end.
    pub fn extent(&self) -> Span {
        let start = self.segments.first().map_or(0, Span::start);
        let end = self.segments.last().map_or(start, Span::end);
        Span::new(start, end)
    }
}

/// Words set in quotation marks that nobody speaks: a scare quote (`kind: scare`), such as the
/// report's 'legacy backlog'. Kept apart from [`Quote`] because it has no speaker.
#[derive(Clone, Debug)]
pub struct ScareQuote {
    pub id: String,
    pub note: Option<String>,
    /// The segments in the body, in order; never empty.
    pub segments: Vec<Span>,
}

impl ScareQuote {
    /// From the first segment's start to the last one's end.
    pub fn extent(&self) -> Span {
        let start = self.segments.first().map_or(0, Span::start);
        let end = self.segments.last().map_or(start, Span::end);
        Span::new(start, end)
    }
}

/// One place where an entity is named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub entity: usize,
}

#[derive(Clone, Debug)]
pub struct Article {
    /// The annotation file it was read from (empty for the built-in sample).
    pub path: PathBuf,
    /// The body file, when the body is not inline.
    pub body_path: Option<PathBuf>,
    pub meta: Meta,
    pub body: Body,
    /// The body folded for finding text; kept from loading for the reader's search.
    pub folded: Folded,
    pub entities: Vec<Entity>,
    /// In reading order (by first segment).
    pub quotes: Vec<Quote>,
    /// Scare quotes, in reading order.
    pub scare_quotes: Vec<ScareQuote>,
    /// Every mention of every entity, in reading order, never overlapping.
    pub mentions: Vec<Mention>,
}

impl Article {
    /// The quotes' text joined as the exports show it: segments with " … " between them.
    pub fn quote_text(&self, quote: &Quote) -> String {
        self.segments_text(&quote.segments)
    }

    /// A scare quote's words, its segments joined as a quote's are.
    pub fn scare_text(&self, scare: &ScareQuote) -> String {
        self.segments_text(&scare.segments)
    }

    fn segments_text(&self, segments: &[Span]) -> String {
        segments
            .iter()
            .map(|s| self.body.slice(s.start(), s.end()))
            .collect::<Vec<_>>()
            .join(" … ")
    }

    pub fn speaker(&self, quote: &Quote) -> &Entity {
        &self.entities[quote.speaker]
    }

    /// `(i, n)`: the quote is its speaker's i-th (1-based) of n, in reading order.
    pub fn speaker_position(&self, quote_index: usize) -> (usize, usize) {
        let quote = &self.quotes[quote_index];
        let list = &self.entities[quote.speaker].quotes;
        let i = list.iter().position(|&q| q == quote_index).unwrap_or(0);
        (i + 1, list.len())
    }

    /// Mentions that overlap `span`, in order.
    pub fn mentions_in(&self, span: Span) -> &[Mention] {
        let from = self.mentions.partition_point(|m| m.span.end <= span.start);
        let to = self.mentions.partition_point(|m| m.span.start < span.end);
        &self.mentions[from..to.max(from)]
    }

    /// The entity a person means by `query`: its id, or else a name or alias that belongs to
    /// one entity only (case aside). Used where a person types an entity (`export --speaker`).
    pub fn lookup_entity(&self, query: &str) -> Lookup {
        let refs: Vec<(&str, Vec<&str>)> = self
            .entities
            .iter()
            .map(|e| {
                let forms = std::iter::once(e.name.as_str())
                    .chain(e.aliases.iter().map(String::as_str))
                    .collect();
                (e.id.as_str(), forms)
            })
            .collect();
        lookup(query, &refs)
    }

    /// The name shown for the article's file, for exports and messages.
    pub fn display_path(&self) -> String {
        self.path.display().to_string()
    }
}

/// The entity ids meant by `--speaker` values typed on the command line: an id, or a name or
/// alias that belongs to one entity in an article. `Err` says what is wrong with the first
/// value that means nothing, with suggestions.
pub fn resolve_speakers(articles: &[&Article], queries: &[String]) -> Result<Vec<String>, String> {
    let mut ids: Vec<String> = Vec::new();
    for query in queries {
        let mut found: Vec<String> = Vec::new();
        let mut ambiguous: Vec<String> = Vec::new();
        let mut suggestions: Vec<String> = Vec::new();
        for a in articles {
            let name = |i: usize| a.entities[i].id.clone();
            match a.lookup_entity(query) {
                Lookup::Id(i) | Lookup::Name(i) => found.push(name(i)),
                Lookup::Ambiguous(list) => ambiguous.extend(list.into_iter().map(name)),
                Lookup::Unknown(list) => suggestions.extend(list.into_iter().map(name)),
            }
        }
        let named = |list: &mut Vec<String>| {
            list.sort();
            list.dedup();
            list.iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        };
        if found.is_empty() {
            let query = crate::load::messages::shown(query);
            return Err(if !ambiguous.is_empty() {
                format!(
                    "--speaker `{query}`: this name belongs to several entities; give the id of the one meant: {}",
                    named(&mut ambiguous)
                )
            } else if !suggestions.is_empty() {
                format!(
                    "--speaker `{query}`: no entity has this id, name or alias; did you mean {}?",
                    named(&mut suggestions)
                )
            } else {
                format!("--speaker `{query}`: no entity has this id, name or alias")
            });
        }
        ids.extend(found);
    }
    ids.sort();
    ids.dedup();
    Ok(ids)
}

/// What a typed entity reference resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The id of this entity.
    Id(usize),
    /// A name or alias of this entity only.
    Name(usize),
    /// A name or alias of several entities.
    Ambiguous(Vec<usize>),
    /// Nothing; the entities it may have meant (at most three), closest first.
    Unknown(Vec<usize>),
}

/// Resolves `query` against entities given as `(id, names and aliases)`. When nothing matches,
/// suggests entities whose id is close to it (a typo), whose name or alias is close to it, or
/// whose id or names hold it as a whole word (`eastman` → `cres-eastman`, "Professor Eastman").
pub fn lookup(query: &str, entities: &[(&str, Vec<&str>)]) -> Lookup {
    let query = query.trim();
    if let Some(i) = entities.iter().position(|(id, _)| *id == query) {
        return Lookup::Id(i);
    }
    let lower = query.to_lowercase();
    let named: Vec<usize> = (0..entities.len())
        .filter(|&i| entities[i].1.iter().any(|f| f.to_lowercase() == lower))
        .collect();
    match named.len() {
        1 => return Lookup::Name(named[0]),
        n if n > 1 => return Lookup::Ambiguous(named),
        _ => {}
    }
    let mut out: Vec<usize> = Vec::new();
    let mut add = |i: usize| {
        if !out.contains(&i) && out.len() < 3 {
            out.push(i);
        }
    };
    if let Some(id) = crate::problem::did_you_mean(query, entities.iter().map(|(id, _)| *id)) {
        add(entities.iter().position(|(i, _)| *i == id).unwrap_or(0));
    }
    let forms = entities
        .iter()
        .enumerate()
        .flat_map(|(i, (_, forms))| forms.iter().map(move |f| (i, *f)));
    let form_texts: Vec<&str> = forms.clone().map(|(_, f)| f).collect();
    if let Some(form) = crate::problem::did_you_mean(query, form_texts.iter().copied())
        && let Some((i, _)) = forms.clone().find(|(_, f)| *f == form)
    {
        add(i);
    }
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let query_words = words(query);
    if !query_words.is_empty() {
        for (i, (id, forms)) in entities.iter().enumerate() {
            let holds = |s: &str| {
                let w = words(s);
                w.windows(query_words.len())
                    .any(|win| win == query_words.as_slice())
            };
            if holds(id) || forms.iter().any(|f| holds(f)) {
                add(i);
            }
        }
    }
    Lookup::Unknown(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> Vec<(&'static str, Vec<&'static str>)> {
        vec![
            (
                "cres-eastman",
                vec!["Cressida Eastman", "Professor Eastman"],
            ),
            ("nayib-bukele", vec!["Nayib Bukele", "Bukele"]),
            ("home-sec", vec!["Home Secretary"]),
            ("shadow-home-sec", vec!["Shadow Home Secretary"]),
        ]
    }

    #[test]
    fn lookup_by_id_name_alias_and_suggestion() {
        let p = people();
        assert_eq!(lookup("nayib-bukele", &p), Lookup::Id(1));
        assert_eq!(lookup("bukele", &p), Lookup::Name(1));
        assert_eq!(lookup("professor eastman", &p), Lookup::Name(0));
        assert_eq!(lookup("eastman", &p), Lookup::Unknown(vec![0]));
        assert_eq!(lookup("nayib-bukel", &p), Lookup::Unknown(vec![1]));
        assert_eq!(lookup("Bukeel", &p), Lookup::Unknown(vec![1]));
        assert_eq!(lookup("home secretary", &p), Lookup::Name(2));
        assert_eq!(lookup("secretary", &p), Lookup::Unknown(vec![2, 3]));
        assert_eq!(lookup("zzz", &p), Lookup::Unknown(vec![]));
        let twice = vec![("a", vec!["Smith"]), ("b", vec!["Smith"])];
        assert_eq!(lookup("smith", &twice), Lookup::Ambiguous(vec![0, 1]));
    }
}

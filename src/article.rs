//! The domain: an article, its entities and quotes, and where they lie in the body.
//! Built by the loader; knows nothing of YAML or the terminal.

use std::path::PathBuf;

use crate::body::Body;
use crate::fold::Folded;

/// A half-open `[start, end)` range of chars in the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
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
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: String,
    pub source: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
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
    pub cue: Option<String>,
    pub note: Option<String>,
    /// The segments in the body, in order; never empty.
    pub segments: Vec<Span>,
}

impl Quote {
    /// From the first segment's start to the last one's end.
    pub fn extent(&self) -> Span {
        let start = self.segments.first().map_or(0, |s| s.start);
        let end = self.segments.last().map_or(start, |s| s.end);
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
    /// Every mention of every entity, in reading order, never overlapping.
    pub mentions: Vec<Mention>,
}

impl Article {
    /// The quotes' text joined as the exports show it: segments with " … " between them.
    pub fn quote_text(&self, quote: &Quote) -> String {
        quote
            .segments
            .iter()
            .map(|s| self.body.slice(s.start, s.end))
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

    /// The quote whose extent holds `offset`, or else the last one starting before it.
    pub fn quote_at(&self, offset: usize) -> Option<usize> {
        let i = self.quotes.partition_point(|q| q.extent().start <= offset);
        i.checked_sub(1)
    }

    /// The mention holding `offset`, if any.
    pub fn mention_at(&self, offset: usize) -> Option<&Mention> {
        let i = self.mentions.partition_point(|m| m.span.start <= offset);
        i.checked_sub(1)
            .map(|i| &self.mentions[i])
            .filter(|m| m.span.contains(offset))
    }

    /// Mentions that overlap `span`, in order.
    pub fn mentions_in(&self, span: Span) -> &[Mention] {
        let from = self.mentions.partition_point(|m| m.span.end <= span.start);
        let to = self.mentions.partition_point(|m| m.span.start < span.end);
        &self.mentions[from..to.max(from)]
    }

    /// The name shown for the article's file, for exports and messages.
    pub fn display_path(&self) -> String {
        self.path.display().to_string()
    }
}

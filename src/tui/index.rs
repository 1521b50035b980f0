//! The article as the reader looks things up in it: the rows of the two side panes, and which
//! quote or entity lies at a char offset. Built once when the article opens and never changed,
//! so that drawing a frame or answering a key never scans the whole article.

use crate::article::{Article, EntityKind, Span};

/// A row of the quotes pane: a speaker with their count, or one of their quotes; after them,
/// the scare quotes (words the article holds at a distance, said by nobody) under a heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteRow {
    Speaker(usize),
    Quote(usize),
    ScareHeading,
    Scare(usize),
}

/// A row of the entities pane: a kind heading, or an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityRow {
    Kind(EntityKind),
    Entity(usize),
}

pub struct Index {
    pub article: Article,
    /// Every quote segment with its quote, by start: what the text pane colours.
    pub segments: Vec<(Span, usize)>,
    /// Per segment, the furthest end of it and every segment before it: how far back a segment
    /// holding an offset can start, so that finding it stops early.
    reach: Vec<usize>,
    pub quote_rows: Vec<QuoteRow>,
    pub entity_rows: Vec<EntityRow>,
    quote_row_of: Vec<usize>,
    entity_row_of: Vec<usize>,
    palette_of: Vec<usize>,
    /// The quotes (by index) and the entities' items in pane order, headings left out.
    pub quote_order: Vec<usize>,
    pub entity_order: Vec<usize>,
    /// Where each quote and entity stands in those orders: a step in a side pane is a look-up,
    /// not a scan of the list.
    quote_place: Vec<usize>,
    entity_place: Vec<usize>,
}

impl Index {
    pub fn new(article: Article) -> Self {
        let quote_rows = quote_rows(&article);
        let entity_rows = entity_rows(&article);
        let mut segments: Vec<(Span, usize)> = article
            .quotes
            .iter()
            .enumerate()
            .flat_map(|(i, q)| q.segments.iter().map(move |s| (*s, i)))
            .collect();
        segments.sort();
        let reach = segments
            .iter()
            .scan(0, |far, (s, _)| {
                *far = (*far).max(s.end());
                Some(*far)
            })
            .collect();
        let mut quote_row_of = vec![0; article.quotes.len()];
        let mut palette_of = vec![0; article.entities.len()];
        let mut speakers = 0;
        for (i, row) in quote_rows.iter().enumerate() {
            match *row {
                QuoteRow::Quote(q) => quote_row_of[q] = i,
                QuoteRow::Speaker(e) => {
                    palette_of[e] = speakers;
                    speakers += 1;
                }
                QuoteRow::ScareHeading | QuoteRow::Scare(_) => {}
            }
        }
        let mut entity_row_of = vec![0; article.entities.len()];
        for (i, row) in entity_rows.iter().enumerate() {
            if let EntityRow::Entity(e) = *row {
                entity_row_of[e] = i;
            }
        }
        let quote_order: Vec<usize> = quote_rows
            .iter()
            .filter_map(|r| match r {
                QuoteRow::Quote(q) => Some(*q),
                _ => None,
            })
            .collect();
        let entity_order: Vec<usize> = entity_rows
            .iter()
            .filter_map(|r| match r {
                EntityRow::Entity(e) => Some(*e),
                EntityRow::Kind(_) => None,
            })
            .collect();
        let places = |order: &[usize], n: usize| {
            let mut place = vec![usize::MAX; n];
            for (i, &x) in order.iter().enumerate() {
                place[x] = i;
            }
            place
        };
        let quote_place = places(&quote_order, article.quotes.len());
        let entity_place = places(&entity_order, article.entities.len());
        Index {
            article,
            segments,
            reach,
            quote_rows,
            entity_rows,
            quote_row_of,
            entity_row_of,
            palette_of,
            quote_order,
            entity_order,
            quote_place,
            entity_place,
        }
    }

    /// Where quote `q` stands in [`Index::quote_order`].
    pub fn quote_place(&self, q: usize) -> Option<usize> {
        self.quote_place
            .get(q)
            .copied()
            .filter(|&i| i != usize::MAX)
    }

    /// Where entity `e` stands in [`Index::entity_order`].
    pub fn entity_place(&self, e: usize) -> Option<usize> {
        self.entity_place
            .get(e)
            .copied()
            .filter(|&i| i != usize::MAX)
    }

    /// The first quote starting after `pos`.
    pub fn quote_after(&self, pos: usize) -> Option<usize> {
        let quotes = &self.article.quotes;
        let i = quotes.partition_point(|q| q.extent().start() <= pos);
        (i < quotes.len()).then_some(i)
    }

    /// The quote at `pos`: the innermost one holding it, or else the first one starting after it
    /// on its row (`row`, the span of the row that shows `pos`).
    pub fn quote_under(&self, pos: usize, row: Span) -> Option<usize> {
        let after = self.segments.partition_point(|(s, _)| s.start() <= pos);
        let holding = (0..after)
            .rev()
            .take_while(|&i| self.reach[i] > pos)
            .find(|&i| self.segments[i].0.contains(pos));
        if let Some(i) = holding {
            return Some(self.segments[i].1);
        }
        self.segments
            .get(after)
            .filter(|(s, _)| s.start() < row.end().max(pos + 1))
            .map(|(_, q)| *q)
    }

    /// The entity named at `pos`, or else the first one named after it on its row.
    pub fn entity_under(&self, pos: usize, row: Span) -> Option<usize> {
        let end = row.end().max(pos + 1);
        self.article
            .mentions_in(Span::new(pos, end))
            .first()
            .map(|m| m.entity)
    }

    /// The quote segments that overlap `span`, by start, with their quotes.
    pub fn segments_in(&self, span: Span) -> impl Iterator<Item = &(Span, usize)> {
        let first = self.reach.partition_point(|&far| far <= span.start());
        self.segments[first..]
            .iter()
            .take_while(move |(s, _)| s.start() < span.end())
            .filter(move |(s, _)| s.end() > span.start())
    }

    /// The last quote starting at or before `pos`.
    pub fn quote_before(&self, pos: usize) -> Option<usize> {
        let quotes = &self.article.quotes;
        quotes
            .partition_point(|q| q.extent().start() <= pos)
            .checked_sub(1)
    }

    /// The quotes-pane row of quote `q`.
    pub fn quote_row(&self, q: usize) -> usize {
        self.quote_row_of.get(q).copied().unwrap_or(0)
    }

    /// The entities-pane row of entity `e`.
    pub fn entity_row(&self, e: usize) -> usize {
        self.entity_row_of.get(e).copied().unwrap_or(0)
    }

    /// The speaker palette index of entity `e`: speakers in order of first quote.
    pub fn speaker_colour(&self, e: usize) -> usize {
        self.palette_of.get(e).copied().unwrap_or(0)
    }
}

/// Speakers in order of their first quote, each followed by their quotes in reading order.
fn quote_rows(article: &Article) -> Vec<QuoteRow> {
    let mut seen = vec![false; article.entities.len()];
    let mut rows = Vec::new();
    for q in &article.quotes {
        if seen.get(q.speaker).copied().unwrap_or(true) {
            continue;
        }
        seen[q.speaker] = true;
        rows.push(QuoteRow::Speaker(q.speaker));
        rows.extend(
            article.entities[q.speaker]
                .quotes
                .iter()
                .map(|&q| QuoteRow::Quote(q)),
        );
    }
    if !article.scare_quotes.is_empty() {
        rows.push(QuoteRow::ScareHeading);
        rows.extend((0..article.scare_quotes.len()).map(QuoteRow::Scare));
    }
    rows
}

/// Kinds in a fixed order; within a kind, the most mentioned first.
fn entity_rows(article: &Article) -> Vec<EntityRow> {
    let mut rows = Vec::new();
    for kind in EntityKind::ALL {
        let mut list: Vec<usize> = (0..article.entities.len())
            .filter(|&i| article.entities[i].kind == kind)
            .collect();
        if list.is_empty() {
            continue;
        }
        list.sort_by_key(|&i| {
            let e = &article.entities[i];
            (
                std::cmp::Reverse(e.mentions.len() + e.quotes.len()),
                e.name.clone(),
            )
        });
        rows.push(EntityRow::Kind(kind));
        rows.extend(list.into_iter().map(EntityRow::Entity));
    }
    rows
}

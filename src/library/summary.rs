//! What the library and `stats` need of one article: its title, source and date, and per speaker
//! the number of quotes and quoted words, direct and reported.

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::article::{Article, QuoteKind};

/// One speaker's share of an article (or, summed, of a folder). Keyed by entity id: the same
/// speaker across articles is the same id, as `export FOLDER --speaker ID` has it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerCount {
    pub id: String,
    pub name: String,
    pub quotes: usize,
    /// Words inside the quote's segments (Unicode word boundaries).
    pub words: usize,
    /// Quotes of kind `direct`.
    pub direct: usize,
    /// Quotes of kind `indirect` or `mixed`: the speaker's words reported, at least in part.
    pub reported: usize,
    /// Articles that quote them.
    pub articles: usize,
}

/// An article as the library lists it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub title: String,
    pub source: Option<String>,
    pub published: Option<String>,
    pub quotes: usize,
    pub scare_quotes: usize,
    pub entities: usize,
    /// Speakers with at least one quote, in order of first quote.
    pub speakers: Vec<SpeakerCount>,
    /// The article's problems, one a line (`path:line:col: error: …`); an article that does not
    /// load has only these.
    pub problems: Vec<String>,
    /// Whether it loaded (errors make it not).
    pub ok: bool,
}

impl Summary {
    /// The summary of a loaded article. Each quote counts for `article.speaker(q).id`: the same
    /// key `export --speaker` filters on, so the two agree.
    pub fn of(article: &Article, warnings: Vec<String>) -> Summary {
        Summary {
            title: article.meta.title.clone(),
            source: article.meta.source.clone(),
            published: article.meta.published.clone(),
            quotes: article.quotes.len(),
            scare_quotes: article.scare_quotes.len(),
            entities: article.entities.len(),
            speakers: speaker_counts(article),
            problems: warnings,
            ok: true,
        }
    }

    /// An article that did not load: its problems, and its file name as title.
    pub fn failed(path: &std::path::Path, problems: Vec<String>) -> Summary {
        Summary {
            title: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            problems,
            ..Summary::default()
        }
    }

    /// Whether `needle` (already lower-cased) is in the title, source or a speaker's name or id.
    pub fn matches(&self, needle: &str) -> bool {
        let has = |s: &str| s.to_lowercase().contains(needle);
        needle.is_empty()
            || has(&self.title)
            || self.source.as_deref().is_some_and(has)
            || self.speakers.iter().any(|s| has(&s.name) || has(&s.id))
    }
}

/// Per speaker, in order of first quote.
pub fn speaker_counts(article: &Article) -> Vec<SpeakerCount> {
    let mut out: Vec<SpeakerCount> = Vec::new();
    for quote in &article.quotes {
        let speaker = article.speaker(quote);
        let i = match out.iter().position(|s| s.id == speaker.id) {
            Some(i) => i,
            None => {
                out.push(SpeakerCount {
                    id: speaker.id.clone(),
                    name: speaker.name.clone(),
                    articles: 1,
                    ..SpeakerCount::default()
                });
                out.len() - 1
            }
        };
        let words: usize = quote
            .segments
            .iter()
            .map(|s| {
                article
                    .body
                    .slice(s.start(), s.end())
                    .unicode_words()
                    .count()
            })
            .sum();
        let count = &mut out[i];
        count.quotes += 1;
        count.words += words;
        match quote.kind {
            QuoteKind::Direct => count.direct += 1,
            QuoteKind::Indirect | QuoteKind::Mixed => count.reported += 1,
        }
    }
    out
}

/// The speakers of several articles summed by id, most quoted first (then most words, then id).
/// A speaker's name is the one in the first article that quotes them.
pub fn totals<'a>(summaries: impl IntoIterator<Item = &'a Summary>) -> Vec<SpeakerCount> {
    let mut out: Vec<SpeakerCount> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for summary in summaries {
        for s in &summary.speakers {
            let i = *index.entry(s.id.clone()).or_insert_with(|| {
                out.push(SpeakerCount {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    ..SpeakerCount::default()
                });
                out.len() - 1
            });
            let t = &mut out[i];
            // Saturating: the counts may come from a cache file someone else wrote.
            t.quotes = t.quotes.saturating_add(s.quotes);
            t.words = t.words.saturating_add(s.words);
            t.direct = t.direct.saturating_add(s.direct);
            t.reported = t.reported.saturating_add(s.reported);
            t.articles = t.articles.saturating_add(s.articles);
        }
    }
    sort_speakers(&mut out, SpeakerSort::Quotes);
    out
}

/// How a speaker table is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SpeakerSort {
    #[default]
    Quotes,
    Words,
    Name,
}

impl SpeakerSort {
    pub fn next(self) -> SpeakerSort {
        match self {
            SpeakerSort::Quotes => SpeakerSort::Words,
            SpeakerSort::Words => SpeakerSort::Name,
            SpeakerSort::Name => SpeakerSort::Quotes,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SpeakerSort::Quotes => "quotes",
            SpeakerSort::Words => "words",
            SpeakerSort::Name => "name",
        }
    }
}

pub fn sort_speakers(list: &mut [SpeakerCount], by: SpeakerSort) {
    match by {
        SpeakerSort::Quotes => list.sort_by(|a, b| {
            (b.quotes, b.words)
                .cmp(&(a.quotes, a.words))
                .then_with(|| a.id.cmp(&b.id))
        }),
        SpeakerSort::Words => list.sort_by(|a, b| {
            (b.words, b.quotes)
                .cmp(&(a.words, a.quotes))
                .then_with(|| a.id.cmp(&b.id))
        }),
        SpeakerSort::Name => list.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then_with(|| a.id.cmp(&b.id))
        }),
    }
}

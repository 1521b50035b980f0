//! One speaker's quotes across the library's articles, for the library's speaker chart (`Enter`
//! on a speaker). A quote is the speaker's when its `speaker` names the entity with their id:
//! the key [`super::summary::speaker_counts`] counts by and `export FOLDER --speaker` filters
//! on, so the list, `scholia stats` and `export` agree.

use super::Entry;
use crate::article::QuoteKind;

/// A quote found in one of the library's articles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundQuote {
    /// Index into the library's entries.
    pub entry: usize,
    /// Where the quote starts in its article's body, a char offset.
    pub start: usize,
    /// Its segments' text, joined with ` … `.
    pub text: String,
    pub direct: bool,
}

/// The quotes of the speaker with entity id `id`, article by article in the entries' order,
/// in reading order within each; and the problems of articles that no longer load (they were
/// read when the folder was scanned, and may have changed since).
pub fn speaker_quotes(entries: &[Entry], id: &str) -> (Vec<FoundQuote>, Vec<String>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        // Only articles whose summary quotes them need reading.
        if !entry.summary.speakers.iter().any(|s| s.id == id) {
            continue;
        }
        let article = match crate::load::load(&entry.path) {
            Ok(loaded) => loaded.article,
            Err(p) => {
                problems.extend(p.sorted().iter().map(|p| p.to_string()));
                continue;
            }
        };
        for quote in &article.quotes {
            if article.speaker(quote).id != id {
                continue;
            }
            let text: Vec<&str> = quote
                .segments
                .iter()
                .map(|s| article.body.slice(s.start(), s.end()))
                .collect();
            found.push(FoundQuote {
                entry: i,
                start: quote.extent().start(),
                text: text.join(" … "),
                direct: quote.kind == QuoteKind::Direct,
            });
        }
    }
    (found, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_speaker_of_the_test_library_has_as_many_quotes_as_counted() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library");
        let lib = super::super::scan(&root, &super::super::CacheAt::None).unwrap();
        let speakers = lib.speakers();
        assert!(speakers.len() > 2);
        for s in speakers {
            let (found, problems) = speaker_quotes(&lib.entries, &s.id);
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(found.len(), s.quotes, "{}", s.id);
            assert_eq!(
                found.iter().filter(|f| f.direct).count(),
                s.direct,
                "{}",
                s.id
            );
            let articles: std::collections::BTreeSet<usize> =
                found.iter().map(|f| f.entry).collect();
            assert_eq!(articles.len(), s.articles, "{}", s.id);
        }
    }
}

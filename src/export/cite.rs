//! A quote or a highlight as one line to paste into a note, with its attribution: what `y` in
//! the reader copies.
//!
//! `“We will not forget,” Donald Trump (Title, Source, date)` for words the speaker said; for
//! reported speech no quotation marks at all, and the line says it is a paraphrase, since a
//! paraphrase pasted in quotation marks would put words in someone's mouth. A quote in several
//! segments is joined with " … ", leaving out the attribution between them, as every export
//! does. The line is cleaned for display ([`crate::sanitize::clean`]): one line, no control
//! characters, no bidi overrides.

use super::{Item, one_line};
use crate::article::{Article, Quote, QuoteKind};
use crate::highlights::Highlight;
use crate::sanitize::clean;

/// A quote with its speaker and the article it comes from.
pub fn quote(article: &Article, q: &Quote) -> String {
    clean(&said(article, q, &article.quote_text(q)))
}

/// A highlight: on a quote, as that quote's words (only the part highlighted) with its speaker;
/// elsewhere the article's own words, in quotation marks, with the article.
pub fn highlight(item: &Item, h: &Highlight) -> String {
    let words = item.highlight_text(h);
    let line = match item.quote_of(h) {
        Some(q) => said(item.article, q, &words),
        None => in_the_article(item.article, &words),
    };
    if h.orphaned {
        clean(&format!("{line} [no longer in the article]"))
    } else {
        clean(&line)
    }
}

/// The article's own words (a selection, not a quote), in quotation marks, with the article:
/// what `y` copies from a `v` selection.
pub fn passage(article: &Article, words: &str) -> String {
    clean(&in_the_article(article, words))
}

fn in_the_article(article: &Article, words: &str) -> String {
    format!("“{}” {}", one_line(words), source(article))
}

fn said(article: &Article, q: &Quote, words: &str) -> String {
    let words = one_line(words);
    let speaker = one_line(&article.speaker(q).name);
    let line = match q.kind {
        QuoteKind::Direct => {
            let (words, close) = closing(&words);
            format!("“{words}{close}” {speaker}")
        }
        QuoteKind::Indirect => {
            format!("{speaker} (reported speech, a paraphrase, not their words): {words}")
        }
        QuoteKind::Mixed => format!(
            "{speaker} (partly quoted: only the words in quotation marks are theirs): {words}"
        ),
    };
    format!("{line} {}", source(article))
}

/// The words without quotation marks of their own, and what ends them before the closing mark:
/// a sentence's full stop becomes the comma that leads into the attribution (`“…,” Name`); a
/// question or an exclamation keeps its mark (`“How dare they!” Name`).
fn closing(words: &str) -> (&str, &str) {
    let words = words
        .strip_prefix(['“', '"', '«', '„'])
        .and_then(|w| w.strip_suffix(['”', '"', '»', '“']))
        .unwrap_or(words)
        .trim();
    if let Some(w) = words.strip_suffix('.').filter(|w| !w.ends_with('.')) {
        (w, ",")
    } else if words.ends_with(['?', '!', ',', '…', '.']) {
        (words, "")
    } else {
        (words, ",")
    }
}

/// `(Title, Source, date)`, leaving out what the article does not give.
fn source(article: &Article) -> String {
    let m = &article.meta;
    let parts: Vec<String> = [Some(&m.title), m.source.as_ref(), m.published.as_ref()]
        .into_iter()
        .flatten()
        .map(|s| one_line(s))
        .filter(|s| !s.is_empty())
        .collect();
    format!("({})", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const YAML: &str = r#"title: "Harbour \u001b[2Jplans"
source: The Gazette
published: "2024-03-05"
body: "“We will build it.” said Ana Ruiz. “We must,” she added, “and soon.” Ruiz said the port was ready. Ruiz called it an ‘opportunity’ for all. “How dare they?” Ruiz asked."
entities:
  - {id: ruiz, name: Ana Ruiz, kind: person, aliases: [Ruiz]}
quotes:
  - {id: q1, speaker: ruiz, kind: direct, text: We will build it.}
  - {id: q2, speaker: ruiz, kind: direct, text: [We must, and soon.]}
  - {id: q3, speaker: ruiz, kind: indirect, text: the port was ready}
  - {id: q4, speaker: ruiz, kind: mixed, text: an ‘opportunity’ for all}
  - {id: q5, speaker: ruiz, kind: direct, text: How dare they?}
"#;

    fn article() -> Article {
        crate::load::load_str(Path::new("t.yaml"), YAML, &|_: &Path| unreachable!())
            .unwrap_or_else(|p| panic!("{:?}", p.sorted()))
            .article
    }

    #[test]
    fn direct_words_are_in_quotation_marks_with_the_speaker_and_the_article() {
        let a = article();
        let cite = |id: &str| quote(&a, a.quotes.iter().find(|q| q.id == id).unwrap());
        // The title's ESC is shown inert, as the reader shows it.
        let from = "(Harbour ␛[2Jplans, The Gazette, 2024-03-05)";
        assert_eq!(cite("q1"), format!("“We will build it,” Ana Ruiz {from}"));
        assert_eq!(
            cite("q2"),
            format!("“We must … and soon,” Ana Ruiz {from}"),
            "segments joined with … and the attribution between them left out"
        );
        assert_eq!(cite("q5"), format!("“How dare they?” Ana Ruiz {from}"));
    }

    #[test]
    fn reported_speech_is_never_in_quotation_marks() {
        let a = article();
        let cite = |id: &str| quote(&a, a.quotes.iter().find(|q| q.id == id).unwrap());
        let indirect = cite("q3");
        assert!(
            indirect.starts_with(
                "Ana Ruiz (reported speech, a paraphrase, not their words): the port was ready ("
            ),
            "{indirect}"
        );
        assert!(!indirect.contains(['“', '”']), "{indirect}");
        let mixed = cite("q4");
        assert!(
            mixed.starts_with("Ana Ruiz (partly quoted: only the words in quotation marks are theirs): an ‘opportunity’ for all ("),
            "{mixed}"
        );
        assert!(!mixed.contains('“'), "{mixed}");
    }

    #[test]
    fn the_line_holds_no_control_character() {
        let a = article();
        for q in &a.quotes {
            let line = quote(&a, q);
            assert!(!line.chars().any(char::is_control), "{line:?}");
        }
    }

    #[test]
    fn a_full_stop_becomes_the_comma_before_the_name() {
        assert_eq!(closing("It is done."), ("It is done", ","));
        assert_eq!(closing("“It is done.”"), ("It is done", ","));
        assert_eq!(closing("Wait..."), ("Wait...", ""));
        assert_eq!(closing("Really?"), ("Really?", ""));
        assert_eq!(closing("and so"), ("and so", ","));
    }

    #[test]
    fn a_highlight_cites_its_quote_or_the_article() {
        let a = article();
        let body = &a.body;
        let q2 = a.quotes.iter().find(|q| q.id == "q2").unwrap();
        let on_quote = Highlight::new(body, q2.extent(), Some("q2".into()));
        let start = body.as_str().chars().count() - "Ruiz asked.".chars().count();
        let plain = Highlight::new(body, crate::article::Span::new(start, start + 4), None);
        let list = [on_quote, plain];
        let item = Item {
            name: "t".into(),
            article: &a,
            highlights: &list,
        };
        assert!(
            highlight(&item, &list[0]).starts_with("“We must … and soon,” Ana Ruiz ("),
            "{}",
            highlight(&item, &list[0])
        );
        assert_eq!(
            highlight(&item, &list[1]),
            "“Ruiz” (Harbour ␛[2Jplans, The Gazette, 2024-03-05)"
        );
    }
}

//! Citron's annotation JSON (BBC R&D's quote extractor, `docs/data_format.md` of
//! <https://github.com/bbc/citron>): `{"text", "quotes": [{"cue", "sources", "contents",
//! "coreferences"?, "confidence"?, "id"?}], "coreference_groups"?: [[span, …]]}`, every span
//! `{"start", "end", "text"}` in characters (Python string indices, code points).
//!
//! A quote's `contents` are its segments, its `cue` its cue's text, its `sources` its speaker's
//! mentions. Speakers are one entity when their spans share a coreference group, when a quote's
//! `coreferences` name them, or when they have the same text; a surname is joined to the one
//! full name that holds it. Kind: content all in quotation marks is direct (the marks are left
//! out of the segment, as the format has it), none is indirect, some is mixed. Citron does not
//! say what a speaker is: a person, which the import says.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use super::{Doc, DocEntity, DocKind, DocQuote};
use crate::article::{EntityKind, QuoteKind, Span};
use crate::problem::Problem;

const OPENING: &[char] = &['"', '“', '‘', '\'', '«', '„'];
const CLOSING: &[char] = &['"', '”', '’', '\'', '»', '“'];

pub fn read(path: &Path, text: &str, notes: &mut Vec<String>) -> Result<Doc, Vec<Problem>> {
    let fail = |msg: String| vec![Problem::error(path, None, msg)];
    let root: Value = super::parse_json(path, text, "")?;
    let root = from_gender_gap_tracker(root);
    let Some(body) = root["text"].as_str() else {
        return Err(fail(
            "no `text`: a Citron file is `{\"text\": …, \"quotes\": […]}` (one document a file)"
                .into(),
        ));
    };
    let chars: Vec<char> = body.chars().collect();
    let Some(quotes) = root["quotes"].as_array() else {
        return Err(fail(
            "no `quotes` list; add `\"quotes\": []` if it has none".into(),
        ));
    };
    let mut errors = Vec::new();
    let span = |v: &Value, what: &str, errors: &mut Vec<Problem>| -> Option<Span> {
        let (Some(s), Some(e)) = (v["start"].as_u64(), v["end"].as_u64()) else {
            errors.push(Problem::error(
                path,
                None,
                format!("{what}: a span needs `start` and `end`"),
            ));
            return None;
        };
        let (s, e) = (usize::try_from(s).ok()?, usize::try_from(e).ok()?);
        if s >= e || e > chars.len() {
            errors.push(Problem::error(
                path,
                None,
                format!(
                    "{what}: {s}..{e} is not a span of the text ({} characters); is `text` the one that was annotated?",
                    chars.len()
                ),
            ));
            return None;
        }
        let shown: String = chars[s..e].iter().collect();
        if let Some(t) = v["text"].as_str()
            && t != shown
        {
            errors.push(Problem::error(
                path,
                None,
                super::offsets_elsewhere(&format!("{what}:"), t, &shown, "`text`"),
            ));
            return None;
        }
        Some(Span::new(s, e))
    };
    let spans = |v: &Value, what: &str, errors: &mut Vec<Problem>| -> Vec<Span> {
        v.as_array()
            .map(|l| l.iter().filter_map(|s| span(s, what, errors)).collect())
            .unwrap_or_default()
    };

    // Speakers: every span that names one, joined into entities (union-find over spans).
    let mut key_of: HashMap<(usize, usize), usize> = HashMap::new();
    let mut parent: Vec<usize> = Vec::new();
    let mut spans_of: Vec<Span> = Vec::new();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut node = |s: Span, parent: &mut Vec<usize>, spans_of: &mut Vec<Span>| -> usize {
        *key_of.entry((s.start(), s.end())).or_insert_with(|| {
            parent.push(parent.len());
            spans_of.push(s);
            parent.len() - 1
        })
    };
    let union = |a: usize, b: usize, parent: &mut Vec<usize>| {
        let (ra, rb) = (find(parent, a), find(parent, b));
        if ra != rb {
            parent[rb] = ra;
        }
    };
    for (g, group) in root["coreference_groups"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let list = spans(group, &format!("coreference group {}", g + 1), &mut errors);
        let ids: Vec<usize> = list
            .iter()
            .map(|s| node(*s, &mut parent, &mut spans_of))
            .collect();
        for w in ids.windows(2) {
            union(w[0], w[1], &mut parent);
        }
    }
    struct Read {
        n: usize,
        sources: Vec<usize>,
        contents: Vec<Span>,
        cue: Option<String>,
    }
    let mut read = Vec::new();
    for (k, q) in quotes.iter().enumerate() {
        let n = k + 1;
        let what = format!("quote {n}");
        let sources: Vec<usize> = spans(&q["sources"], &format!("{what} source"), &mut errors)
            .into_iter()
            .map(|s| node(s, &mut parent, &mut spans_of))
            .collect();
        let corefs: Vec<usize> = spans(
            &q["coreferences"],
            &format!("{what} coreference"),
            &mut errors,
        )
        .into_iter()
        .map(|s| node(s, &mut parent, &mut spans_of))
        .collect();
        for &x in sources.iter().skip(1).chain(&corefs) {
            union(sources.first().copied().unwrap_or(x), x, &mut parent);
        }
        let contents = spans(&q["contents"], &format!("{what} content"), &mut errors);
        let cue = if q["cue"].is_null() {
            None
        } else {
            span(&q["cue"], &format!("{what} cue"), &mut errors)
                .map(|s| chars[s.start()..s.end()].iter().collect::<String>())
        };
        read.push(Read {
            n,
            sources,
            contents,
            cue,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Same text, same speaker.
    let mut by_text: HashMap<String, usize> = HashMap::new();
    for (x, s) in spans_of.iter().enumerate() {
        let t: String = chars[s.start()..s.end()]
            .iter()
            .collect::<String>()
            .to_lowercase();
        match by_text.get(&t) {
            Some(&y) => union(y, x, &mut parent),
            None => {
                by_text.insert(t, x);
            }
        }
    }
    let mut doc = Doc {
        body: body.to_string(),
        ..Doc::default()
    };
    let mut entity_of_root: HashMap<usize, usize> = HashMap::new();
    let mut entity_of: Vec<usize> = vec![0; spans_of.len()];
    for x in 0..spans_of.len() {
        let r = find(&mut parent, x);
        let e = *entity_of_root.entry(r).or_insert_with(|| {
            doc.entities.push(DocEntity {
                id: None,
                name: None,
                kind: EntityKind::Person,
                mentions: Vec::new(),
            });
            doc.entities.len() - 1
        });
        doc.entities[e].mentions.push(spans_of[x]);
        entity_of[x] = e;
    }
    let map = super::merge_short_forms(&mut doc.entities, body, notes);
    if !doc.entities.is_empty() {
        notes.push(format!(
            "Citron does not say what a speaker is: the {} entities are written as people; correct `kind` where one is an organisation or a place",
            doc.entities.len()
        ));
    }
    for r in read {
        let Some(&first) = r.sources.first() else {
            notes.push(format!("quote {}: no source; left out", r.n));
            continue;
        };
        if r.contents.is_empty() {
            notes.push(format!("quote {}: no content; left out", r.n));
            continue;
        }
        let mut marked = 0;
        let segments: Vec<Span> = r
            .contents
            .iter()
            .map(|s| {
                let (q, inner) = unquoted(&chars, *s);
                marked += usize::from(q);
                inner
            })
            .collect();
        let kind = match marked {
            0 => QuoteKind::Indirect,
            m if m == segments.len() => QuoteKind::Direct,
            _ => QuoteKind::Mixed,
        };
        let mut segments = segments;
        segments.sort_by_key(|s| (s.start(), s.end()));
        doc.quotes.push(DocQuote {
            label: format!("quote {}", r.n),
            kind: DocKind::Said(kind),
            speaker: Some(map[entity_of[first]]),
            via: None,
            cue: r.cue,
            note: None,
            segments,
        });
    }
    Ok(doc)
}

/// The Gender Gap Tracker's article record (its quote extractor's output, as its
/// `NLP/main/quote_extractor.py` writes it: `{"body", "quotes": [{"speaker", "speaker_index",
/// "quote", "quote_index", "verb", "verb_index", …}]}`, every `*_index` a string `"(start,end)"`
/// of character offsets) says the same as Citron's spans: it is rewritten into them. A record
/// whose quotes have no `quote_index` is returned as it is.
fn from_gender_gap_tracker(mut root: Value) -> Value {
    let ggt = root["quotes"]
        .as_array()
        .and_then(|q| q.first())
        .is_some_and(|q| q.get("quote_index").is_some());
    if !ggt {
        return root;
    }
    if root["text"].is_null()
        && let Some(body) = root.get("body").cloned()
    {
        root["text"] = body;
    }
    // `"(12,40)"` → `{"start": 12, "end": 40}`; empty (a floating quote's speaker) → none.
    let span = |index: &Value, text: Option<&Value>| -> Option<Value> {
        let inner = index
            .as_str()?
            .trim()
            .strip_prefix('(')?
            .strip_suffix(')')?;
        let (a, b) = inner.split_once(',')?;
        let (Ok(start), Ok(end)) = (a.trim().parse::<u64>(), b.trim().parse::<u64>()) else {
            // Unreadable: a span without offsets, which the reader reports with its quote.
            return Some(serde_json::json!({}));
        };
        let mut v = serde_json::json!({"start": start, "end": end});
        if let Some(t) = text.filter(|t| t.is_string()) {
            v["text"] = t.clone();
        }
        Some(v)
    };
    let quotes: Vec<Value> = root["quotes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|q| {
            let content = span(&q["quote_index"], Some(&q["quote"]));
            let source = span(&q["speaker_index"], None);
            let cue = span(&q["verb_index"], None);
            serde_json::json!({
                "contents": content.into_iter().collect::<Vec<_>>(),
                "sources": source.into_iter().collect::<Vec<_>>(),
                "cue": cue.unwrap_or(Value::Null),
            })
        })
        .collect();
    root["quotes"] = Value::Array(quotes);
    root
}

/// A content span without its quotation marks and the spaces and commas inside them, and
/// whether it had them.
fn unquoted(chars: &[char], s: Span) -> (bool, Span) {
    let (mut a, mut b) = (s.start(), s.end());
    while a < b && chars[a].is_whitespace() {
        a += 1;
    }
    while a < b && chars[b - 1].is_whitespace() {
        b -= 1;
    }
    if b - a >= 2 && OPENING.contains(&chars[a]) && CLOSING.contains(&chars[b - 1]) {
        a += 1;
        b -= 1;
        while a < b && chars[a].is_whitespace() {
            a += 1;
        }
        while a < b && (chars[b - 1].is_whitespace()) {
            b -= 1;
        }
        if a < b {
            return (true, Span::new(a, b));
        }
    }
    (false, s)
}

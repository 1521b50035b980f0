//! A [`Doc`] as a format 1.1 annotation file, proved by loading it back.
//!
//! The format names places by text, not by offset: an entity by its name and aliases (every
//! place they stand as words of their own is a mention, the longest form winning), a quote by its
//! segments' texts and the occurrence of the first. A mention text that also stands where the
//! source marks no mention becomes `{text, occurrence: [..]}` with exactly the marked places.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use super::{Doc, DocKind};
use crate::article::{Article, Span};
use crate::body::Body;
use crate::find::{self, Form, Occurrences};
use crate::fold::{Folded, fold_pattern};
use crate::load::is_valid_id;
use crate::problem::Problem;
use crate::suggest::write::{load_draft, quoted};

/// The annotation text, and what the source said that the file cannot (each a sentence).
pub struct Written {
    pub yaml: String,
    pub unmapped: Vec<String>,
    /// The article the YAML loads as, against the same body.
    pub article: Article,
}

/// Writes `doc` as YAML whose body is the file `body_file` (beside it). `Err` holds the loader's
/// problems when the YAML would not load (a bug, or a source too broken to place).
pub fn write(doc: &Doc, body_file: &str, title_fallback: &str) -> Result<Written, Vec<Problem>> {
    let body = Body::new(doc.body.clone());
    let folded = Folded::new(body.as_str());
    let mut unmapped = Vec::new();
    let names: Vec<String> = doc
        .entities
        .iter()
        .map(|e| {
            e.name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .or_else(|| {
                    e.mentions
                        .iter()
                        .map(|m| spaced(body.slice(m.start(), m.end())))
                        .max_by_key(|t| (t.chars().count(), std::cmp::Reverse(t.clone())))
                })
                .unwrap_or_else(|| "unnamed".into())
        })
        .collect();
    let ids = entity_ids(doc, &names);
    let aliases = place_aliases(doc, &names, &body, &folded, &mut unmapped);

    let mut y = String::with_capacity(4096 + doc.quotes.len() * 200);
    y.push_str("# Imported by `scholia import`; check it, then read it with `scholia`.\n");
    y.push_str("format: 1.1\n");
    let title = doc
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(title_fallback);
    y.push_str(&format!("title: {}\n", quoted(&spaced(title))));
    for (key, value) in [
        ("source", &doc.source),
        ("author", &doc.author),
        ("published", &doc.published),
        ("url", &doc.url),
        ("license", &doc.license),
        ("language", &doc.language),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            y.push_str(&format!("{key}: {}\n", quoted(&spaced(v))));
        }
    }
    y.push_str(&format!("body_file: {}\n", quoted(body_file)));
    if !doc.entities.is_empty() {
        y.push_str("entities:\n");
    }
    for (i, e) in doc.entities.iter().enumerate() {
        y.push_str(&format!("  - id: {}\n", ids[i]));
        y.push_str(&format!("    name: {}\n", quoted(&names[i])));
        y.push_str(&format!("    kind: {}\n", e.kind.as_str()));
        if !aliases[i].is_empty() {
            y.push_str("    aliases:\n");
            for (text, only) in &aliases[i] {
                match only {
                    None => y.push_str(&format!("      - {}\n", quoted(text))),
                    Some(places) => {
                        let list: Vec<String> = places.iter().map(usize::to_string).collect();
                        y.push_str(&format!(
                            "      - {{text: {}, occurrence: [{}]}}\n",
                            quoted(text),
                            list.join(", ")
                        ));
                    }
                }
            }
        }
    }
    let quotes = place_quotes(doc, &body, &folded, &mut unmapped);
    if !quotes.is_empty() {
        y.push_str("quotes:\n");
    }
    for (q, texts, occurrence) in &quotes {
        match (q.kind, q.speaker) {
            (DocKind::Said(kind), Some(s)) => {
                y.push_str(&format!("  - speaker: {}\n", ids[s]));
                y.push_str(&format!("    kind: {}\n", kind.as_str()));
            }
            _ => y.push_str("  - kind: scare\n"),
        }
        if let Some(cue) = q.cue.as_deref().filter(|c| !c.trim().is_empty()) {
            y.push_str(&format!("    cue: {}\n", quoted(&spaced(cue))));
        }
        if let Some(v) = q.via {
            y.push_str(&format!("    via: {}\n", ids[v]));
        }
        if let Some(note) = q.note.as_deref().filter(|n| !n.trim().is_empty()) {
            y.push_str(&format!("    note: {}\n", quoted(note)));
        }
        if let [one] = &texts[..] {
            y.push_str(&format!("    text: {}\n", quoted(one)));
        } else {
            y.push_str("    text:\n");
            for t in texts {
                y.push_str(&format!("      - {}\n", quoted(t)));
            }
        }
        if let Some(n) = occurrence {
            y.push_str(&format!("    occurrence: {n}\n"));
        }
    }
    let article = load_draft(&y, &body, body_file)?;
    compare(doc, &ids, &article, &body, &mut unmapped);
    Ok(Written {
        yaml: y,
        unmapped,
        article,
    })
}

/// Whitespace runs as one space, as names and segments are written.
fn spaced(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each entity's aliases: its mention texts (but the name), each with the places it names
/// the entity where it also stands elsewhere or is shared with another entity.
#[allow(clippy::type_complexity)]
fn place_aliases(
    doc: &Doc,
    names: &[String],
    body: &Body,
    folded: &Folded,
    unmapped: &mut Vec<String>,
) -> Vec<Vec<(String, Option<Vec<usize>>)>> {
    // Every form: (entity, text, is the name).
    let mut forms: Vec<(usize, String, bool)> = Vec::new();
    for (i, e) in doc.entities.iter().enumerate() {
        forms.push((i, names[i].clone(), true));
        let mut seen: HashSet<String> = HashSet::new();
        seen.insert(fold_pattern(&names[i]));
        for m in &e.mentions {
            let text = spaced(body.slice(m.start(), m.end()));
            if !text.is_empty() && seen.insert(fold_pattern(&text)) {
                forms.push((i, text, false));
            }
        }
    }
    let wanted: Vec<HashSet<(usize, usize)>> = doc
        .entities
        .iter()
        .map(|e| e.mentions.iter().map(|m| (m.start(), m.end())).collect())
        .collect();
    // The places of each form on its own, as the loader numbers them.
    let places: Vec<Vec<Span>> = forms
        .iter()
        .map(|(_, text, _)| {
            let (hits, _) = find::mentions(
                folded,
                &[Form {
                    pattern: fold_pattern(text),
                    owner: 0,
                    only: None,
                }],
            );
            hits.iter()
                .map(|(h, _)| {
                    let (s, e) = folded.span_to_body(h.start, h.end);
                    Span::new(s, e)
                })
                .collect()
        })
        .collect();
    let mut claimed: HashMap<String, usize> = HashMap::new();
    for (_, text, _) in &forms {
        *claimed.entry(fold_pattern(text)).or_default() += 1;
    }
    let marked = |f: usize| -> Vec<usize> {
        let e = forms[f].0;
        places[f]
            .iter()
            .enumerate()
            .filter(|(_, s)| wanted[e].contains(&(s.start(), s.end())))
            .map(|(k, _)| k + 1)
            .collect()
    };
    // Start with every alias restricted where it is shared or stands unmarked somewhere; a
    // form whose every place is marked names the entity everywhere.
    let mut only: Vec<Option<Vec<usize>>> = vec![None; forms.len()];
    for f in 0..forms.len() {
        let (_, text, is_name) = &forms[f];
        if *is_name {
            continue;
        }
        let m = marked(f);
        if m.is_empty() {
            unmapped.push(format!(
                "mention `{}` stands nowhere in the body as words of their own (it begins or ends inside a word); left out",
                crate::load::shown(text)
            ));
        }
        if claimed[&fold_pattern(text)] > 1 || m.len() < places[f].len() {
            only[f] = Some(m);
        }
    }
    let mut out: Vec<Vec<(String, Option<Vec<usize>>)>> = vec![Vec::new(); doc.entities.len()];
    for (f, (e, text, is_name)) in forms.iter().enumerate() {
        if *is_name {
            continue;
        }
        match &only[f] {
            Some(list) if list.is_empty() => {}
            other => out[*e].push((text.clone(), other.clone())),
        }
    }
    out
}

/// Quotes in reading order with their segments' texts and the occurrence of the first.
fn place_quotes<'d>(
    doc: &'d Doc,
    body: &Body,
    folded: &Folded,
    unmapped: &mut Vec<String>,
) -> Vec<(&'d super::DocQuote, Vec<String>, Option<usize>)> {
    let mut list: Vec<&super::DocQuote> = doc.quotes.iter().collect();
    list.sort_by_key(|q| q.segments.first().map(|s| (s.start(), s.end())));
    let firsts: Vec<String> = list
        .iter()
        .map(|q| {
            q.segments
                .first()
                .map(|s| fold_pattern(body.slice(s.start(), s.end())))
                .unwrap_or_default()
        })
        .collect();
    let occ = Occurrences::find(folded, &firsts);
    let mut out = Vec::new();
    for (p, q) in list.into_iter().enumerate() {
        let Some(first) = q.segments.first() else {
            continue;
        };
        let want = folded.from_body(first.start());
        let starts = occ.starts(p);
        let Ok(k) = starts.binary_search(&want) else {
            unmapped.push(format!(
                "quote {} ({}): its first segment does not stand in the body as words of their own; left out",
                crate::load::shown(&q.label),
                crate::load::excerpt(body.slice(first.start(), first.end()), 40)
            ));
            continue;
        };
        let texts: Vec<String> = q
            .segments
            .iter()
            .map(|s| spaced(body.slice(s.start(), s.end())))
            .collect();
        out.push((q, texts, (starts.len() > 1).then_some(k + 1)));
    }
    out
}

/// Says where the loaded article differs from the source: quotes and mentions.
fn compare(doc: &Doc, ids: &[String], article: &Article, body: &Body, unmapped: &mut Vec<String>) {
    // (segments, speaker id, kind)
    type Key = (Vec<(usize, usize)>, String, String);
    let loaded: BTreeSet<Key> = article
        .quotes
        .iter()
        .map(|q| {
            (
                q.segments.iter().map(|s| (s.start(), s.end())).collect(),
                article.entities[q.speaker].id.clone(),
                q.kind.as_str().to_string(),
            )
        })
        .chain(article.scare_quotes.iter().map(|q| {
            (
                q.segments.iter().map(|s| (s.start(), s.end())).collect(),
                String::new(),
                "scare".to_string(),
            )
        }))
        .collect();
    for q in &doc.quotes {
        let key = (
            q.segments.iter().map(|s| (s.start(), s.end())).collect(),
            q.speaker.map(|s| ids[s].clone()).unwrap_or_default(),
            q.kind.as_str().to_string(),
        );
        if !loaded.contains(&key) && !q.segments.is_empty() {
            let s = q.segments[0];
            unmapped.push(format!(
                "quote {} ({}) does not load where the source puts it",
                crate::load::shown(&q.label),
                crate::load::excerpt(body.slice(s.start(), s.end()), 40)
            ));
        }
    }
    for (i, e) in doc.entities.iter().enumerate() {
        let want: BTreeSet<(usize, usize)> =
            e.mentions.iter().map(|m| (m.start(), m.end())).collect();
        let got: BTreeSet<(usize, usize)> = article
            .entities
            .iter()
            .find(|a| a.id == ids[i])
            .map(|a| a.mentions.iter().map(|m| (m.start(), m.end())).collect())
            .unwrap_or_default();
        let missing = want.difference(&got).count();
        let extra = got.difference(&want).count();
        if missing + extra > 0 {
            unmapped.push(format!(
                "entity `{}`: {missing} marked mention(s) not found as such, {extra} more found by its name",
                ids[i]
            ));
        }
    }
}

/// Ids as the source gives them when they are valid, else from the name; unique.
fn entity_ids(doc: &Doc, names: &[String]) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (e, name) in doc.entities.iter().zip(names) {
        let base =
            e.id.clone()
                .filter(|id| is_valid_id(id))
                .unwrap_or_else(|| slug(name));
        let mut id = base.clone();
        let mut n = 2;
        while !seen.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        out.push(id);
    }
    out
}

fn slug(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    id.truncate(48);
    while id.ends_with('-') {
        id.pop();
    }
    if id.is_empty() { "entity".into() } else { id }
}

/// The path the loader would resolve `body_file` to is beside the YAML: just a file name.
pub fn body_file_name(yaml: &Path) -> String {
    yaml.with_extension("md")
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "body.md".into())
}

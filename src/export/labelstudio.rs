//! Label Studio JSON export (<https://labelstud.io/guide/export#Label-Studio-JSON-format-of-annotated-tasks>):
//! a list of tasks, one per article, each `{"data": {"text", "title", …, "entities"},
//! "annotations": [{"result": [...]}]}`. Offsets are in UTF-16 code units, as Label Studio
//! counts them in the browser.
//!
//! - a mention: a `labels` region (`from_name: "label"`) labelled with its entity kind
//!   (`Person`), and a per-region `textarea` (`from_name: "entity"`, the region's id) holding the
//!   entity id; `data.entities` lists every entity's id, name and kind;
//! - a quote: a `labels` region per segment labelled `Direct`, `Indirect`, `Mixed` or `Scare`,
//!   each segment joined to the next by a relation labelled `next`; its speaker by a relation
//!   `speaker` from the first segment to the speaker's nearest mention (or a per-region
//!   textarea `speaker` with the id when the speaker is never mentioned), `via` likewise; cue
//!   and note as per-region textareas `cue` and `note`.

use serde_json::{Value, json};

use super::Item;
use crate::article::{Article, Span};

pub fn render(items: &[Item]) -> String {
    let tasks: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(i, item)| task(item.article, i + 1))
        .collect();
    let mut out = serde_json::to_string_pretty(&Value::Array(tasks)).unwrap_or_default();
    out.push('\n');
    out
}

/// Char offset → UTF-16 offset, for every char boundary of the body.
struct Utf16(Vec<usize>);

impl Utf16 {
    fn new(body: &str) -> Self {
        let mut at = Vec::with_capacity(body.len() + 1);
        let mut n = 0;
        for c in body.chars() {
            at.push(n);
            n += c.len_utf16();
        }
        at.push(n);
        Self(at)
    }

    fn of(&self, char_offset: usize) -> usize {
        self.0
            .get(char_offset)
            .copied()
            .unwrap_or_else(|| self.0.last().copied().unwrap_or(0))
    }
}

fn task(a: &Article, number: usize) -> Value {
    let u = Utf16::new(a.body.as_str());
    let mut result: Vec<Value> = Vec::new();
    let region = |id: &str, span: Span, label: &str| {
        json!({
            "id": id,
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "origin": "manual",
            "value": {
                "start": u.of(span.start()),
                "end": u.of(span.end()),
                "text": a.body.slice(span.start(), span.end()),
                "labels": [label],
            },
        })
    };
    let textarea = |id: &str, span: Span, name: &str, text: &str| {
        json!({
            "id": id,
            "from_name": name,
            "to_name": "text",
            "type": "textarea",
            "origin": "manual",
            "value": {"start": u.of(span.start()), "end": u.of(span.end()), "text": [text]},
        })
    };
    let relation = |from: &str, to: &str, label: &str| json!({"from_id": from, "to_id": to, "type": "relation", "direction": "right", "labels": [label]});
    let mut mention_ids: Vec<Vec<(usize, String)>> = vec![Vec::new(); a.entities.len()];
    let mentions = super::mentions_in_order(a);
    for (k, (span, i)) in mentions.into_iter().enumerate() {
        let e = &a.entities[i];
        let id = format!("m{}", k + 1);
        result.push(region(
            &id,
            span,
            &crate::import::capitalised(e.kind.as_str()),
        ));
        result.push(textarea(&id, span, "entity", &e.id));
        mention_ids[i].push((span.start(), id));
    }
    let nearest = |entity: usize, at: usize| super::nearest_mention(&mention_ids[entity], at);
    let mut n = 0;
    for q in &a.quotes {
        let label = crate::import::capitalised(q.kind.as_str());
        let ids = segments(&mut n, &q.segments, &label, &mut result, &region, &relation);
        let (first, span) = (&ids[0], q.segments[0]);
        for (role, entity) in [("speaker", Some(q.speaker)), ("via", q.via)] {
            let Some(entity) = entity else { continue };
            match nearest(entity, span.start()) {
                Some(m) => result.push(relation(first, &m, role)),
                None => result.push(textarea(first, span, role, &a.entities[entity].id)),
            }
        }
        if let Some(cue) = &q.cue {
            result.push(textarea(first, span, "cue", cue));
        }
        if let Some(note) = &q.note {
            result.push(textarea(first, span, "note", note));
        }
    }
    for q in &a.scare_quotes {
        let ids = segments(
            &mut n,
            &q.segments,
            "Scare",
            &mut result,
            &region,
            &relation,
        );
        if let Some(note) = &q.note {
            result.push(textarea(&ids[0], q.segments[0], "note", note));
        }
    }
    let entities: Vec<Value> = a
        .entities
        .iter()
        .map(|e| json!({"id": e.id, "name": e.name, "kind": e.kind.as_str()}))
        .collect();
    let mut data = json!({
        "text": a.body.as_str(),
        "title": a.meta.title,
        "entities": entities,
    });
    for (key, value) in [
        ("source", &a.meta.source),
        ("author", &a.meta.author),
        ("published", &a.meta.published),
        ("url", &a.meta.url),
        ("license", &a.meta.license),
        ("language", &a.meta.language),
    ] {
        if let Some(v) = value {
            data[key] = Value::String(v.clone());
        }
    }
    json!({
        "id": number,
        "data": data,
        "annotations": [{"id": number, "result": result}],
    })
}

/// A region per segment (`q3`, `q3-2`, …) joined by `next` relations; their ids.
fn segments(
    n: &mut usize,
    spans: &[Span],
    label: &str,
    result: &mut Vec<Value>,
    region: &dyn Fn(&str, Span, &str) -> Value,
    relation: &dyn Fn(&str, &str, &str) -> Value,
) -> Vec<String> {
    *n += 1;
    let ids: Vec<String> = (0..spans.len())
        .map(|k| {
            if k == 0 {
                format!("q{n}")
            } else {
                format!("q{n}-{}", k + 1)
            }
        })
        .collect();
    for (id, span) in ids.iter().zip(spans) {
        result.push(region(id, *span, label));
    }
    for pair in ids.windows(2) {
        result.push(relation(&pair[0], &pair[1], "next"));
    }
    ids
}

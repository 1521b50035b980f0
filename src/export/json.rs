//! JSON export: `{"article", "quotes", "entities", "highlights"}` with only the requested lists.

use serde_json::{Value, json};

use super::{Item, Selection};
use crate::article::Article;

pub fn render(items: &[Item], sel: &Selection) -> String {
    let doc = match items {
        [one] => object(one, sel),
        many => folder(many, sel),
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

pub(super) fn article_meta(a: &Article) -> Value {
    let mut meta = json!({
        "title": a.meta.title,
        "source": a.meta.source,
        "author": a.meta.author,
        "published": a.meta.published,
        "url": a.meta.url,
        "license": a.meta.license,
        "language": a.meta.language,
        "path": a.display_path(),
    });
    // Other tools' `x-` data goes out as it came in.
    if let Value::Object(fields) = &mut meta {
        fields.extend(a.meta.extensions.clone());
    }
    meta
}

/// A folder: `"articles"` lists them, and every record carries its article's `path`.
fn folder(items: &[Item], sel: &Selection) -> Value {
    let mut doc = serde_json::Map::new();
    doc.insert(
        "articles".into(),
        Value::Array(items.iter().map(|i| article_meta(i.article)).collect()),
    );
    for item in items {
        let path = Value::String(item.article.display_path());
        for (key, list) in lists(item, sel) {
            let all = doc.entry(key).or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(all) = all {
                all.extend(list.into_iter().map(|mut record| {
                    if let Value::Object(fields) = &mut record {
                        fields.shift_insert(0, "article".into(), path.clone());
                    }
                    record
                }));
            }
        }
    }
    Value::Object(doc)
}

fn object(item: &Item, sel: &Selection) -> Value {
    let mut doc = serde_json::Map::new();
    doc.insert("article".into(), article_meta(item.article));
    for (key, list) in lists(item, sel) {
        doc.insert(key.into(), Value::Array(list));
    }
    Value::Object(doc)
}

/// The requested lists of one article, in the spec's order.
pub(super) fn lists(item: &Item, sel: &Selection) -> Vec<(&'static str, Vec<Value>)> {
    let a = item.article;
    let mut out = Vec::new();
    if sel.quotes {
        let mut quotes: Vec<(usize, Value)> = item
            .quotes(sel)
            .map(|q| {
                let via = q.via.map(|v| &a.entities[v]);
                let record = json!({
                    "id": q.id,
                    "speaker": a.speaker(q).id,
                    "speaker_name": a.speaker(q).name,
                    "kind": q.kind.as_str(),
                    "via": via.map(|e| &e.id),
                    "via_name": via.map(|e| &e.name),
                    "cue": q.cue,
                    "note": q.note,
                    "text": a.quote_text(q),
                    "segments": q.segments.iter().map(|s| json!({
                        "start": s.start(),
                        "end": s.end(),
                        "text": a.body.slice(s.start(), s.end()),
                    })).collect::<Vec<_>>(),
                });
                (q.extent().start(), record)
            })
            .collect();
        // Scare quotes have no speaker, so a speaker filter leaves them out.
        if sel.speakers.is_empty() {
            quotes.extend(item.scare_quotes(sel).map(|q| {
                let record = json!({
                    "id": q.id,
                    "speaker": null,
                    "speaker_name": null,
                    "kind": "scare",
                    "via": null,
                    "via_name": null,
                    "cue": null,
                    "note": q.note,
                    "text": a.scare_text(q),
                    "segments": q.segments.iter().map(|s| json!({
                        "start": s.start(),
                        "end": s.end(),
                        "text": a.body.slice(s.start(), s.end()),
                    })).collect::<Vec<_>>(),
                });
                (q.extent().start(), record)
            }));
            quotes.sort_by_key(|(start, _)| *start);
        }
        out.push(("quotes", quotes.into_iter().map(|(_, q)| q).collect()));
    }
    if sel.entities {
        let entities: Vec<Value> = a
            .entities
            .iter()
            .map(|e| {
                json!({
                    "id": e.id,
                    "name": e.name,
                    "kind": e.kind.as_str(),
                    "aliases": e.aliases,
                    "note": e.note,
                    "mentions": e.mentions.iter().map(|m| json!({"start": m.start(), "end": m.end()})).collect::<Vec<_>>(),
                    "quotes": e.quotes.len(),
                })
            })
            .collect();
        out.push(("entities", entities));
    }
    if sel.highlights {
        let list: Vec<Value> = item
            .highlights(sel)
            .filter_map(|h| serde_json::to_value(h).ok())
            .collect();
        out.push(("highlights", list));
    }
    out
}

//! JSON export: `{"article", "quotes", "entities", "highlights"}` with only the requested lists.

use serde_json::{Value, json};

use super::{Item, Selection};
use crate::article::Article;

pub fn render(items: &[Item], sel: &Selection) -> String {
    let doc = match items {
        [one] => object(one, sel),
        many => json!({ "articles": many.iter().map(|i| object(i, sel)).collect::<Vec<_>>() }),
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

pub(super) fn article_meta(a: &Article) -> Value {
    json!({
        "title": a.meta.title,
        "source": a.meta.source,
        "author": a.meta.author,
        "published": a.meta.published,
        "url": a.meta.url,
        "path": a.display_path(),
    })
}

fn object(item: &Item, sel: &Selection) -> Value {
    let a = item.article;
    let mut doc = serde_json::Map::new();
    doc.insert("article".into(), article_meta(a));
    if sel.quotes {
        let quotes: Vec<Value> = item
            .quotes(sel)
            .map(|q| {
                json!({
                    "id": q.id,
                    "speaker": a.speaker(q).id,
                    "speaker_name": a.speaker(q).name,
                    "kind": q.kind.as_str(),
                    "cue": q.cue,
                    "note": q.note,
                    "text": a.quote_text(q),
                    "segments": q.segments.iter().map(|s| json!({
                        "start": s.start,
                        "end": s.end,
                        "text": a.body.slice(s.start, s.end),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        doc.insert("quotes".into(), Value::Array(quotes));
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
                    "mentions": e.mentions.iter().map(|m| json!({"start": m.start, "end": m.end})).collect::<Vec<_>>(),
                    "quotes": e.quotes.len(),
                })
            })
            .collect();
        doc.insert("entities".into(), Value::Array(entities));
    }
    if sel.highlights {
        let list: Vec<Value> = item
            .highlights(sel)
            .filter_map(|h| serde_json::to_value(h).ok())
            .collect();
        doc.insert("highlights".into(), Value::Array(list));
    }
    Value::Object(doc)
}

//! W3C Web Annotation export: one `AnnotationCollection` (JSON-LD) whose single page holds an
//! `Annotation` per quote, entity and highlight. A target is the body with a
//! `TextQuoteSelector` and a `TextPositionSelector` (two descriptions of the same passage); a
//! quote of several segments has one target per segment. Speaker and kind are `tagging` bodies,
//! notes are `commenting` bodies.

use serde_json::{Value, json};

use super::{Item, Selection};
use crate::article::{Article, Span};

const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
const CONTEXT_LEN: usize = 32;

/// Written one annotation at a time: a page of a million mentions is never a tree of values in
/// memory (that took over 4 GB), only the text it becomes, with one annotation's values at a time.
pub fn render(items: &[Item], sel: &Selection) -> String {
    let label = match items {
        [one] => one.article.meta.title.clone(),
        many => format!("{} articles", many.len()),
    };
    let base = match items {
        [one] => article_urn(one),
        _ => "urn:scholia:collection".to_string(),
    };
    let total: usize = items.iter().map(|item| count(item, sel)).sum();
    let doc = json!({
        "@context": CONTEXT,
        "id": format!("{base}:annotations"),
        "type": "AnnotationCollection",
        "label": label,
        "total": total,
        "first": {
            "id": format!("{base}:annotations:page1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": [],
        },
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    // `items` is the document's last value, so its `[]` is the last one in the text.
    if total > 0
        && let Some((head, tail)) = out.rsplit_once("[]")
    {
        let tail = tail.to_string();
        out.truncate(head.len());
        out.push_str("[\n");
        let mut first = true;
        for item in items {
            annotations_of(item, sel, &mut |annotation| {
                if !first {
                    out.push_str(",\n");
                }
                first = false;
                // As the whole document pretty-printed would put it: three levels in.
                let text = serde_json::to_string_pretty(&annotation).unwrap_or_default();
                for (i, line) in text.split('\n').enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    out.push_str("      ");
                    out.push_str(line);
                }
            });
        }
        out.push_str("\n    ]");
        out.push_str(&tail);
    }
    out.push('\n');
    out
}

/// How many annotations [`annotations_of`] makes for `item`: one per quote, entity and highlight.
fn count(item: &Item, sel: &Selection) -> usize {
    let quotes = if sel.quotes {
        item.quotes(sel).count()
    } else {
        0
    };
    let entities = if sel.entities {
        item.article.entities.len()
    } else {
        0
    };
    let highlights = if sel.highlights {
        item.highlights(sel).count()
    } else {
        0
    };
    quotes + entities + highlights
}

fn annotations_of(item: &Item, sel: &Selection, out: &mut dyn FnMut(Value)) {
    let a = item.article;
    let urn = article_urn(item);
    let source = source_iri(item);
    if sel.quotes {
        for q in item.quotes(sel) {
            let speaker = a.speaker(q);
            // The spec's two tags, speaker and kind, and nothing else tagged: a consumer can
            // read them by position. The cue is in the JSON export.
            let mut body = vec![tag(&speaker.name), tag(q.kind.as_str())];
            if let Some(note) = &q.note {
                body.push(comment(note));
            }
            // The outlet, addressee or document it was said through: described, not tagged, so
            // the tags stay speaker then kind.
            if let Some(v) = q.via {
                body.push(describe(&format!("via {}", a.entities[v].name)));
            }
            let targets: Vec<Value> = q.segments.iter().map(|s| target(a, &source, *s)).collect();
            out(json!({
                "@context": CONTEXT,
                "id": format!("{urn}:quote:{}", q.id),
                "type": "Annotation",
                "motivation": "tagging",
                "body": body,
                "target": one_or_many(targets),
            }));
        }
        // Scare quotes are nobody's speech: tagged with their kind alone.
        for q in item.scare_quotes(sel) {
            let mut body = vec![tag("scare")];
            if let Some(note) = &q.note {
                body.push(comment(note));
            }
            let targets: Vec<Value> = q.segments.iter().map(|s| target(a, &source, *s)).collect();
            out(json!({
                "@context": CONTEXT,
                "id": format!("{urn}:scare:{}", q.id),
                "type": "Annotation",
                "motivation": "tagging",
                "body": one_or_many(body),
                "target": one_or_many(targets),
            }));
        }
    }
    if sel.entities {
        for e in &a.entities {
            let mut body = vec![tag(&e.name), tag(e.kind.as_str())];
            if let Some(note) = &e.note {
                body.push(comment(note));
            }
            let targets: Vec<Value> = e.mentions.iter().map(|s| target(a, &source, *s)).collect();
            // An entity never mentioned still describes the article as a whole.
            let target = if targets.is_empty() {
                Value::String(source.clone())
            } else {
                one_or_many(targets)
            };
            out(json!({
                "@context": CONTEXT,
                "id": format!("{urn}:entity:{}", e.id),
                "type": "Annotation",
                "motivation": "identifying",
                "body": body,
                "target": target,
            }));
        }
    }
    if sel.highlights {
        for h in item.highlights(sel) {
            let mut body = Vec::new();
            if let Some(q) = item.quote_of(h) {
                body.push(tag(&a.speaker(q).name));
            }
            if let Some(c) = h.colour {
                body.push(tag(&format!("colour {c}")));
            }
            if let Some(note) = h.note.as_deref().filter(|n| !n.trim().is_empty()) {
                body.push(comment(note));
            }
            let mut selectors = vec![json!({
                "type": "TextQuoteSelector",
                "exact": h.text,
                "prefix": h.prefix,
                "suffix": h.suffix,
            })];
            // An orphan's offsets no longer point at its text; only the quote describes it.
            if !h.orphaned {
                selectors
                    .push(json!({"type": "TextPositionSelector", "start": h.start, "end": h.end}));
            }
            let mut ann = json!({
                "@context": CONTEXT,
                "id": format!("{urn}:highlight:{}", h.id),
                "type": "Annotation",
                "motivation": if body.iter().any(|b| b["purpose"] == "commenting") { "commenting" } else { "highlighting" },
                "created": h.created,
                "target": {"source": source, "selector": selectors},
            });
            // A highlight on a quote in several segments targets each segment, as the quote's
            // own annotation does, so the attribution between them is not part of it.
            let parts = item.highlight_segments(h);
            if parts.len() > 1 {
                let targets: Vec<Value> = parts.iter().map(|s| target(a, &source, *s)).collect();
                ann["target"] = Value::Array(targets);
            }
            if !body.is_empty() {
                ann["body"] = one_or_many(body);
            }
            if h.orphaned {
                ann["orphaned"] = Value::Bool(true);
            }
            out(ann);
        }
    }
}

fn target(a: &Article, source: &str, span: Span) -> Value {
    json!({
        "source": source,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": a.body.slice(span.start(), span.end()),
                "prefix": a.body.before(span.start(), CONTEXT_LEN),
                "suffix": a.body.after(span.end(), CONTEXT_LEN),
            },
            {"type": "TextPositionSelector", "start": span.start(), "end": span.end()},
        ],
    })
}

fn tag(value: &str) -> Value {
    json!({"type": "TextualBody", "purpose": "tagging", "value": value, "format": "text/plain"})
}

fn describe(value: &str) -> Value {
    json!({"type": "TextualBody", "purpose": "describing", "value": value, "format": "text/plain"})
}

fn comment(value: &str) -> Value {
    json!({"type": "TextualBody", "purpose": "commenting", "value": value, "format": "text/plain"})
}

fn one_or_many(mut list: Vec<Value>) -> Value {
    if list.len() == 1 {
        list.pop().unwrap_or(Value::Null)
    } else {
        Value::Array(list)
    }
}

/// The article's text as an IRI: its `url` when it has one, else the article's urn (see
/// [`article_urn`]). Never a `file:` IRI: that would put the exporting machine's folder names
/// (`/home/<user>/…`) into every export that is shared.
fn source_iri(item: &Item) -> String {
    if let Some(url) = item
        .article
        .meta
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| u.contains(':'))
    {
        return url.to_string();
    }
    article_urn(item)
}

/// A stable, location-free name for the article: `urn:scholia:<name>` (see `article_name`).
fn article_urn(item: &Item) -> String {
    format!("urn:scholia:{}", percent_encode(&item.name, true))
}

/// Percent-encodes everything but unreserved characters (and `/` in paths).
fn percent_encode(s: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~".contains(&b) || (keep_slash && b == b'/');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_paths_as_iris() {
        assert_eq!(percent_encode("/a b/é.md", true), "/a%20b/%C3%A9.md");
        assert_eq!(percent_encode("x/y", false), "x%2Fy");
    }
}

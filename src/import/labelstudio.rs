//! Label Studio JSON (<https://labelstud.io/guide/export#Label-Studio-JSON-format-of-annotated-tasks>):
//! a task (or a list of them) with `data.text` and `annotations[].result[]`, from a labelling
//! config with `<Labels name="label" toName="text">` and `<Relations>` (docs/EXPORT.md shows
//! one). Offsets are UTF-16 code units (JavaScript string indices) and become `char` offsets.
//!
//! Read: `labels` regions labelled with an entity kind (`Person`, `ORG`, …) are mentions; with
//! `Direct`, `Indirect`, `Mixed` or `Scare` quote segments, joined into one quote by `next`
//! relations; a `speaker` relation (or one without a label) between a quote and a mention
//! gives the speaker, `via` the outlet. Per-region text areas: `entity` (the mention's entity
//! id), `speaker`/`via` (an entity id, for one never mentioned), `cue`, `note`. `data.title`,
//! `source`, `author`, `published`, `url`, `license`, `language` and `data.entities` (`{id,
//! name, kind}`) are read when present. Anything else is reported.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use super::{Doc, DocEntity, DocKind, DocQuote, entity_kind};
use crate::article::{EntityKind, Span};
use crate::problem::Problem;

struct Region {
    n: usize,
    label: String,
    span: Span,
}

pub fn read(path: &Path, text: &str, notes: &mut Vec<String>) -> Result<Doc, Vec<Problem>> {
    let fail = |msg: String| vec![Problem::error(path, None, msg)];
    let root: Value = super::parse_json(
        path,
        text,
        "; export the project from Label Studio as \"JSON\"",
    )?;
    let task = match &root {
        Value::Array(tasks) => {
            if tasks.len() > 1 {
                notes.push(format!(
                    "{} holds {} tasks; the first was imported (export one task at a time to import the others)",
                    path.display(),
                    tasks.len()
                ));
            }
            tasks.first().ok_or_else(|| {
                fail("an empty list of tasks; export a project with at least one task".into())
            })?
        }
        Value::Object(_) => &root,
        _ => {
            return Err(fail(
                "neither a task nor a list of tasks; Label Studio's \"JSON\" export is a list of `{\"data\": …, \"annotations\": …}`".into(),
            ));
        }
    };
    let data = &task["data"];
    let Some(body) = data["text"].as_str() else {
        return Err(fail(
            "task 1 has no `data.text`; the labelling config must read the text from `$text`"
                .into(),
        ));
    };
    let annotations = task["annotations"].as_array().filter(|a| !a.is_empty());
    let results = match annotations {
        Some(list) => {
            if list.len() > 1 {
                notes.push(format!(
                    "task 1 has {} annotations; the first was imported",
                    list.len()
                ));
            }
            &list[0]["result"]
        }
        None => &task["predictions"][0]["result"],
    };
    let Some(results) = results.as_array() else {
        return Err(fail(
            "task 1 has no `annotations[0].result` (nor `predictions[0].result`); annotate the task first".into(),
        ));
    };

    // UTF-16 offset → char offset, at every char boundary.
    let mut from16: HashMap<usize, usize> = HashMap::new();
    let mut n16 = 0;
    for (i, c) in body.chars().enumerate() {
        from16.insert(n16, i);
        n16 += c.len_utf16();
    }
    from16.insert(n16, body.chars().count());

    let mut errors = Vec::new();
    let mut regions: HashMap<String, Region> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut areas: HashMap<(String, String), String> = HashMap::new();
    let mut relations: Vec<(String, String, String)> = Vec::new();
    for (k, r) in results.iter().enumerate() {
        let n = k + 1;
        let id = r["id"].as_str().unwrap_or_default().to_string();
        let where_ = format!("result {n} (id `{}`)", crate::load::shown(&id));
        match r["type"].as_str().unwrap_or_default() {
            "labels" | "textarea" => {
                let v = &r["value"];
                let (Some(s16), Some(e16)) = (v["start"].as_u64(), v["end"].as_u64()) else {
                    errors.push(Problem::error(
                        path,
                        None,
                        format!("{where_}: no `value.start`/`value.end`; a text span needs both"),
                    ));
                    continue;
                };
                let to = |x: u64| {
                    usize::try_from(x)
                        .ok()
                        .and_then(|x| from16.get(&x).copied())
                };
                let span = match (to(s16), to(e16)) {
                    (Some(s), Some(e)) if s < e => Span::new(s, e),
                    _ => {
                        errors.push(Problem::error(
                            path,
                            None,
                            format!(
                                "{where_}: {s16}..{e16} is not a span of the text ({n16} UTF-16 units); is `data.text` the text that was annotated?"
                            ),
                        ));
                        continue;
                    }
                };
                if r["type"] == "textarea" {
                    let t = v["text"][0].as_str().unwrap_or_default();
                    let name = r["from_name"].as_str().unwrap_or_default();
                    areas.insert((id, name.to_string()), t.to_string());
                    continue;
                }
                let shown: String = body.chars().skip(span.start()).take(span.len()).collect();
                if let Some(t) = v["text"].as_str()
                    && t != shown
                {
                    errors.push(Problem::error(
                        path,
                        None,
                        super::offsets_elsewhere(&format!("{where_}:"), t, &shown, "`data.text`"),
                    ));
                    continue;
                }
                let label = v["labels"][0].as_str().unwrap_or_default().to_string();
                order.push(id.clone());
                regions.insert(id, Region { n, label, span });
            }
            "relation" => {
                let from = r["from_id"].as_str().unwrap_or_default().to_string();
                let to = r["to_id"].as_str().unwrap_or_default().to_string();
                let label = r["labels"][0].as_str().unwrap_or_default().to_lowercase();
                relations.push((from, to, label));
            }
            other => notes.push(format!(
                "{where_}: a `{}` result has no place in the format; left out",
                crate::load::shown(other)
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let field = |k: &str| data[k].as_str().map(str::to_string);
    let mut doc = Doc {
        title: field("title"),
        source: field("source"),
        author: field("author"),
        published: field("published"),
        url: field("url"),
        license: field("license"),
        language: field("language"),
        body: body.to_string(),
        ..Doc::default()
    };
    // The entities the task names: id → (name, kind).
    let known: HashMap<String, (Option<String>, Option<EntityKind>)> = data["entities"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|e| {
                    Some((
                        e["id"].as_str()?.to_string(),
                        (
                            e["name"].as_str().map(str::to_string),
                            e["kind"].as_str().and_then(entity_kind),
                        ),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut entity_of: HashMap<String, usize> = HashMap::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut by_text: HashMap<(EntityKind, String), usize> = HashMap::new();
    let mut quote_regions: Vec<&str> = Vec::new();
    for id in &order {
        let r = &regions[id];
        if let Some(kind) = entity_kind(&r.label) {
            let eid = areas.get(&(id.clone(), "entity".into())).cloned();
            let text: String = body
                .chars()
                .skip(r.span.start())
                .take(r.span.len())
                .collect::<String>()
                .to_lowercase();
            let existing = match &eid {
                Some(e) => by_id.get(e).copied(),
                None => by_text.get(&(kind, text.clone())).copied(),
            };
            let e = existing.unwrap_or_else(|| {
                let name = eid
                    .as_ref()
                    .and_then(|e| known.get(e))
                    .and_then(|k| k.0.clone());
                doc.entities.push(DocEntity {
                    id: eid.clone(),
                    name,
                    kind,
                    mentions: Vec::new(),
                });
                doc.entities.len() - 1
            });
            match eid {
                Some(eid) => by_id.insert(eid, e),
                None => by_text.insert((kind, text), e),
            };
            doc.entities[e].mentions.push(r.span);
            entity_of.insert(id.clone(), e);
        } else if DocKind::parse(&r.label).is_some() {
            quote_regions.push(id);
        } else {
            notes.push(format!(
                "result {} is labelled `{}`, neither an entity kind nor a quote kind (Direct, Indirect, Mixed, Scare); left out",
                r.n,
                crate::load::shown(&r.label)
            ));
        }
    }
    let map = super::merge_short_forms(&mut doc.entities, body, notes);
    for e in entity_of.values_mut() {
        *e = map[*e];
    }
    for e in by_id.values_mut() {
        *e = map[*e];
    }

    let next: HashMap<&str, &str> = relations
        .iter()
        .filter(|(f, t, l)| {
            l == "next"
                && quote_regions.contains(&f.as_str())
                && quote_regions.contains(&t.as_str())
        })
        .map(|(f, t, _)| (f.as_str(), t.as_str()))
        .collect();
    let continued: std::collections::HashSet<&str> = next.values().copied().collect();
    for &head in quote_regions.iter().filter(|q| !continued.contains(*q)) {
        let mut chain = vec![head];
        while let Some(&n) = next.get(chain[chain.len() - 1]) {
            if chain.contains(&n) {
                break;
            }
            chain.push(n);
        }
        let r = &regions[head];
        let kind = DocKind::parse(&r.label).unwrap_or(DocKind::Scare);
        let mut q = DocQuote {
            label: head.to_string(),
            kind,
            speaker: None,
            via: None,
            cue: areas.get(&(head.to_string(), "cue".into())).cloned(),
            note: areas.get(&(head.to_string(), "note".into())).cloned(),
            segments: chain.iter().map(|id| regions[*id].span).collect(),
        };
        for (f, t, label) in &relations {
            let other = if chain.contains(&f.as_str()) {
                t
            } else if chain.contains(&t.as_str()) {
                f
            } else {
                continue;
            };
            let Some(&e) = entity_of.get(other) else {
                continue;
            };
            match label.as_str() {
                "speaker" | "source" | "" => q.speaker = Some(e),
                "via" => q.via = Some(e),
                _ => {}
            }
        }
        for role in ["speaker", "via"] {
            let Some(eid) = areas.get(&(head.to_string(), role.into())) else {
                continue;
            };
            let e = match by_id.get(eid) {
                Some(&e) => e,
                None => {
                    let (name, kind) = known.get(eid).cloned().unwrap_or((None, None));
                    doc.entities.push(DocEntity {
                        id: Some(eid.clone()),
                        name,
                        kind: kind.unwrap_or(EntityKind::Person),
                        mentions: Vec::new(),
                    });
                    by_id.insert(eid.clone(), doc.entities.len() - 1);
                    doc.entities.len() - 1
                }
            };
            if role == "speaker" && q.speaker.is_none() {
                q.speaker = Some(e);
            } else if role == "via" && q.via.is_none() {
                q.via = Some(e);
            }
        }
        if q.kind != DocKind::Scare && q.speaker.is_none() {
            notes.push(format!(
                "result {} (id `{}`): a quote without a speaker (draw a `speaker` relation to a mention); left out",
                r.n,
                crate::load::shown(head)
            ));
            continue;
        }
        if q.kind == DocKind::Scare {
            q.speaker = None;
        }
        doc.quotes.push(q);
    }
    for (f, t, label) in &relations {
        if !["speaker", "source", "", "via", "next"].contains(&label.as_str()) {
            notes.push(format!(
                "relation `{}` from `{}` to `{}` has no place in the format; left out",
                crate::load::shown(label),
                crate::load::shown(f),
                crate::load::shown(t)
            ));
        }
    }
    Ok(doc)
}

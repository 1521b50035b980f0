//! brat standoff (<https://brat.nlplab.org/standoff.html>): `NAME.txt` holds the text, `NAME.ann`
//! one annotation a line, offsets in characters (code points).
//!
//! Read: `T` text-bound annotations (split spans `0 5;9 12` too), `R` relations, `A`
//! attributes, `N` normalizations, `#` notes and `*` equivalences. A `T` whose type is an entity
//! kind (`Person`, `ORG`, `GPE`, …) is a mention; `Direct`, `Indirect`, `Mixed`, `Scare` (or
//! `Quote` with a `Kind` attribute) is a quote; `Cue` is the reporting word. A quote's speaker is
//! the entity of the mention its `Speaker` relation points to (either direction), or an `N`
//! line `speaker:ID`; `Via` and `Cue` relations the same way. A mention's entity is its
//! `scholia:ID` normalization, else the mentions joined by `*` lines or sharing a text and
//! kind. `E` events, `M` modifications and anything else unknown are reported, not dropped.

use std::collections::HashMap;
use std::path::Path;

use super::{Doc, DocEntity, DocKind, DocQuote, entity_kind};
use crate::article::{EntityKind, QuoteKind, Span};
use crate::problem::Problem;
use crate::yaml::Pos;

struct TextBound {
    line: usize,
    kind: String,
    spans: Vec<Span>,
}

/// Reads the `.ann` text against the body from the `.txt`. Errors name the line; `notes`
/// receives what was read but cannot be carried into the format.
pub fn read(
    ann_path: &Path,
    ann: &str,
    body: &str,
    notes: &mut Vec<String>,
) -> Result<Doc, Vec<Problem>> {
    let chars: Vec<char> = body.chars().collect();
    let mut errors = Vec::new();
    let at = |line: usize| {
        Some(Pos {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: 1,
        })
    };
    let mut tb: HashMap<String, TextBound> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut relations: Vec<(usize, String, String, String)> = Vec::new();
    let mut attributes: Vec<(usize, String, String, Option<String>)> = Vec::new();
    let mut refs: Vec<(usize, String, String, String, String)> = Vec::new();
    let mut ann_notes: Vec<(usize, String, String)> = Vec::new();
    let mut equiv: Vec<Vec<String>> = Vec::new();
    for (i, raw) in ann.split('\n').enumerate() {
        let line = i + 1;
        let text = raw.strip_suffix('\r').unwrap_or(raw);
        if text.trim().is_empty() {
            continue;
        }
        let mut cols = text.splitn(3, '\t');
        let id = cols.next().unwrap_or_default();
        let fields = cols.next().unwrap_or_default();
        let rest = cols.next();
        let words: Vec<&str> = fields.split(' ').filter(|w| !w.is_empty()).collect();
        match id.chars().next() {
            Some('T') => {
                let Some((kind, offsets)) = fields.split_once(' ') else {
                    errors.push(Problem::error(
                        ann_path,
                        at(line),
                        format!("`{id}` has no offsets; a text-bound line reads `T1<TAB>Person 0 5<TAB>text`"),
                    ));
                    continue;
                };
                let mut spans = Vec::new();
                for frag in offsets.split(';') {
                    let nums: Vec<Option<usize>> =
                        frag.split_whitespace().map(|n| n.parse().ok()).collect();
                    match nums[..] {
                        [Some(s), Some(e)] if s < e && e <= chars.len() => {
                            spans.push(Span::new(s, e))
                        }
                        [Some(s), Some(e)] if s < e => errors.push(Problem::error(
                            ann_path,
                            at(line),
                            format!(
                                "`{id}` ends at {e}, past the end of the text ({} characters); is the .txt the one that was annotated?",
                                chars.len()
                            ),
                        )),
                        _ => errors.push(Problem::error(
                            ann_path,
                            at(line),
                            format!(
                                "`{id}`: `{}` is not a span; write `START END` with START before END, fragments joined by `;`",
                                crate::load::shown(frag)
                            ),
                        )),
                    }
                }
                if spans.is_empty() {
                    continue;
                }
                if let Some(written) = rest {
                    let expect: Vec<String> = spans
                        .iter()
                        .map(|s| chars[s.start()..s.end()].iter().collect::<String>())
                        .collect();
                    let expect = expect.join(" ");
                    if spaced(written) != spaced(&expect) {
                        errors.push(Problem::error(
                            ann_path,
                            at(line),
                            super::offsets_elsewhere(&format!("`{id}`"), written, &expect, "the .txt"),
                        ));
                        continue;
                    }
                }
                order.push(id.to_string());
                tb.insert(
                    id.to_string(),
                    TextBound {
                        line,
                        kind: kind.to_string(),
                        spans: merged(spans, &chars),
                    },
                );
            }
            Some('R') => match words[..] {
                [kind, a1, a2] => {
                    let arg = |a: &str| a.split_once(':').map(|(_, t)| t.to_string());
                    match (arg(a1), arg(a2)) {
                        (Some(x), Some(y)) => relations.push((line, kind.into(), x, y)),
                        _ => errors.push(Problem::error(
                            ann_path,
                            at(line),
                            "a relation reads `R1<TAB>Speaker Arg1:T2 Arg2:T1`",
                        )),
                    }
                }
                _ => errors.push(Problem::error(
                    ann_path,
                    at(line),
                    "a relation reads `R1<TAB>Speaker Arg1:T2 Arg2:T1`",
                )),
            },
            Some('A' | 'M') => match words[..] {
                [kind, target] => attributes.push((line, kind.into(), target.into(), None)),
                [kind, target, value] => {
                    attributes.push((line, kind.into(), target.into(), Some(value.into())))
                }
                _ => errors.push(Problem::error(
                    ann_path,
                    at(line),
                    "an attribute reads `A1<TAB>Kind T2 Indirect`",
                )),
            },
            Some('N') => match words[..] {
                [_, target, reference] => {
                    let (db, key) = reference.split_once(':').unwrap_or(("", reference));
                    refs.push((
                        line,
                        target.into(),
                        db.into(),
                        key.into(),
                        rest.unwrap_or_default().to_string(),
                    ));
                }
                _ => errors.push(Problem::error(
                    ann_path,
                    at(line),
                    "a normalization reads `N1<TAB>Reference T1 scholia:nayib-bukele<TAB>Nayib Bukele`",
                )),
            },
            Some('#') => match words[..] {
                [_, target] => ann_notes.push((
                    line,
                    target.into(),
                    rest.unwrap_or_default().to_string(),
                )),
                _ => errors.push(Problem::error(
                    ann_path,
                    at(line),
                    "a note reads `#1<TAB>AnnotatorNotes T1<TAB>text`",
                )),
            },
            Some('*') => equiv.push(words.iter().skip(1).map(|w| w.to_string()).collect()),
            _ => notes.push(format!(
                "{}:{line}: `{}` lines ({}) have no place in the format; left out",
                ann_path.display(),
                crate::load::shown(id),
                if id.starts_with('E') {
                    "events"
                } else {
                    "unknown annotations"
                }
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    // Attributes that set a quote's kind (`Kind`/`Type`); the others are reported.
    let mut kind_of: HashMap<String, String> = HashMap::new();
    for (line, name, target, value) in &attributes {
        match (name.to_ascii_lowercase().as_str(), value) {
            ("kind" | "type", Some(v)) => {
                kind_of.insert(target.clone(), v.clone());
            }
            _ => notes.push(format!(
                "{}:{line}: attribute `{}` on {target} has no place in the format; left out",
                ann_path.display(),
                crate::load::shown(name)
            )),
        }
    }

    // Entities: mentions grouped by `scholia:` id, `*` equivalence, or text and kind.
    let mut doc = Doc {
        body: body.to_string(),
        ..Doc::default()
    };
    let mut entity_of_t: HashMap<String, usize> = HashMap::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut by_text: HashMap<(EntityKind, String), usize> = HashMap::new();
    let scholia_ref: HashMap<&str, (&str, &str)> = refs
        .iter()
        .filter(|r| r.2 == "scholia")
        .map(|r| (r.1.as_str(), (r.3.as_str(), r.4.as_str())))
        .collect();
    let mut equiv_of: HashMap<&str, usize> = HashMap::new();
    for (g, group) in equiv.iter().enumerate() {
        for t in group {
            equiv_of.insert(t.as_str(), g);
        }
    }
    let mut by_equiv: HashMap<usize, usize> = HashMap::new();
    let mut quote_ts: Vec<&str> = Vec::new();
    let mut cue_ts: HashMap<&str, &TextBound> = HashMap::new();
    for id in &order {
        let t = &tb[id];
        if let Some(kind) = entity_kind(&t.kind) {
            let text = spaced(&slice(&chars, t.spans[0]));
            let existing = if let Some((sid, _)) = scholia_ref.get(id.as_str()) {
                by_id.get(*sid).copied()
            } else if let Some(g) = equiv_of.get(id.as_str()) {
                by_equiv.get(g).copied()
            } else {
                by_text.get(&(kind, text.to_lowercase())).copied()
            };
            let e = existing.unwrap_or_else(|| {
                let (sid, name) = scholia_ref.get(id.as_str()).copied().unzip();
                doc.entities.push(DocEntity {
                    id: sid.map(str::to_string),
                    name: name.filter(|n| !n.is_empty()).map(str::to_string),
                    kind,
                    mentions: Vec::new(),
                });
                doc.entities.len() - 1
            });
            if let Some((sid, _)) = scholia_ref.get(id.as_str()) {
                by_id.insert(sid.to_string(), e);
            } else if let Some(g) = equiv_of.get(id.as_str()) {
                by_equiv.insert(*g, e);
            } else {
                by_text.insert((kind, text.to_lowercase()), e);
            }
            doc.entities[e].mentions.extend(t.spans.iter().copied());
            entity_of_t.insert(id.clone(), e);
        } else if t.kind.eq_ignore_ascii_case("cue") {
            cue_ts.insert(id.as_str(), t);
        } else if DocKind::parse(&t.kind).is_some() || t.kind.eq_ignore_ascii_case("quote") {
            quote_ts.push(id.as_str());
        } else {
            notes.push(format!(
                "{}:{}: `{id}` is of type `{}`, neither an entity kind ({}) nor a quote kind (Direct, Indirect, Mixed, Scare); left out",
                ann_path.display(),
                t.line,
                crate::load::shown(&t.kind),
                EntityKind::ALL
                    .iter()
                    .map(|k| super::capitalised(k.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    let map = super::merge_short_forms(&mut doc.entities, body, notes);
    for e in entity_of_t.values_mut() {
        *e = map[*e];
    }
    for e in by_id.values_mut() {
        *e = map[*e];
    }
    // An entity named only by reference (a speaker never mentioned): a person unless known.
    let mut referenced = |doc: &mut Doc, key: &str, name: &str| -> usize {
        if let Some(&e) = by_id.get(key) {
            return e;
        }
        doc.entities.push(DocEntity {
            id: Some(key.to_string()),
            name: Some(name.to_string()).filter(|n| !n.is_empty()),
            kind: EntityKind::Person,
            mentions: Vec::new(),
        });
        by_id.insert(key.to_string(), doc.entities.len() - 1);
        doc.entities.len() - 1
    };

    for id in quote_ts {
        let t = &tb[id];
        let kind = match DocKind::parse(&t.kind) {
            Some(k) => k,
            None => match kind_of.get(id).and_then(|k| DocKind::parse(k)) {
                Some(k) => k,
                None => {
                    notes.push(format!(
                        "{}:{}: quote `{id}` has no kind (a `Kind` attribute: Direct, Indirect, Mixed or Scare); read as direct",
                        ann_path.display(),
                        t.line
                    ));
                    DocKind::Said(QuoteKind::Direct)
                }
            },
        };
        let mut q = DocQuote {
            label: id.to_string(),
            kind,
            speaker: None,
            via: None,
            cue: None,
            note: None,
            segments: t.spans.clone(),
        };
        for (_, role, a1, a2) in &relations {
            let other = if a1 == id {
                a2
            } else if a2 == id {
                a1
            } else {
                continue;
            };
            match role.to_ascii_lowercase().as_str() {
                "speaker" | "source" => q.speaker = entity_of_t.get(other).copied(),
                "via" => q.via = entity_of_t.get(other).copied(),
                "cue" => {
                    q.cue = cue_ts
                        .get(other.as_str())
                        .map(|c| spaced(&slice(&chars, c.spans[0])))
                }
                _ => {}
            }
        }
        for (_, target, db, key, name) in &refs {
            if target != id {
                continue;
            }
            match db.as_str() {
                "speaker" if q.speaker.is_none() => {
                    q.speaker = Some(referenced(&mut doc, key, name))
                }
                "via" if q.via.is_none() => q.via = Some(referenced(&mut doc, key, name)),
                _ => {}
            }
        }
        for (_, target, text) in &ann_notes {
            if target != id {
                continue;
            }
            match text.strip_prefix("cue:") {
                Some(cue) => q.cue = Some(cue.trim().to_string()),
                None => q.note = Some(text.clone()),
            }
        }
        if q.kind != DocKind::Scare && q.speaker.is_none() {
            notes.push(format!(
                "{}:{}: quote `{id}` has no speaker (a `Speaker` relation to a mention, or `N… Reference {id} speaker:ID`); left out",
                ann_path.display(),
                t.line
            ));
            continue;
        }
        doc.quotes.push(q);
    }
    for (line, role, a1, _) in &relations {
        let known =
            ["speaker", "source", "via", "cue"].contains(&role.to_ascii_lowercase().as_str());
        if !known {
            notes.push(format!(
                "{}:{line}: relation `{}` ({a1} → …) has no place in the format; left out",
                ann_path.display(),
                crate::load::shown(role)
            ));
        }
    }
    Ok(doc)
}

fn slice(chars: &[char], s: Span) -> String {
    chars[s.start()..s.end()].iter().collect()
}

fn spaced(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Fragments that only a line break (or other whitespace) separates are one segment: brat
/// splits a span at each line.
fn merged(spans: Vec<Span>, chars: &[char]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        if let Some(last) = out.last_mut()
            && last.end() <= s.start()
            && chars[last.end()..s.start()]
                .iter()
                .all(|c| c.is_whitespace())
        {
            *last = Span::new(last.start(), s.end());
            continue;
        }
        out.push(s);
    }
    out
}

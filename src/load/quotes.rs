//! The `quotes:` list: each quote's speaker, segments, kind and the rest, checked.

use std::collections::HashMap;

use super::Cx;
use super::fields::{Fields, is_valid_id};
use super::messages::{suggest_id, unknown_value};
use crate::article::{Quote, QuoteKind, Span};
use crate::fold::fold_pattern;
use crate::problem::did_you_mean;
use crate::yaml::{Pos, Value};

const QUOTE_KEYS: &[&str] = &["speaker", "text", "kind", "cue", "occurrence", "id", "note"];

pub(super) struct QuoteSpec {
    pub pos: Pos,
    pub id: Option<(String, Pos)>,
    pub speaker: Option<usize>,
    pub segments: Vec<(String, Pos)>,
    pub kind: QuoteKind,
    pub cue: Option<String>,
    pub occurrence: Option<(usize, Pos)>,
    pub note: Option<String>,
}

impl Cx<'_> {
    pub(super) fn quotes(&mut self, top: &Fields, ids: &HashMap<&str, usize>) -> Vec<QuoteSpec> {
        let mut out = Vec::new();
        for node in self.list(top, "quotes") {
            let Some(f) = self.fields(node, QUOTE_KEYS, "a quote") else {
                continue;
            };
            let speaker = match f.get("speaker") {
                None => {
                    self.error(
                        f.pos,
                        "quote without `speaker`; give the id of the entity who said it",
                    );
                    None
                }
                Some(n) => {
                    // Not text: `self.text` has said so already.
                    let text = self.text(n, "speaker");
                    let found = text.as_deref().and_then(|t| ids.get(t).copied());
                    match text {
                        Some(t) if t.trim().is_empty() => self.error(
                            n.pos,
                            "empty `speaker`; give the id of the entity who said it",
                        ),
                        Some(t) if found.is_none() => {
                            let hint = did_you_mean(&t, ids.keys().copied())
                                .map(|k| format!("; did you mean `{k}`?"))
                                .unwrap_or_else(|| {
                                    "; add an entity with this id under `entities:`".to_string()
                                });
                            self.error(n.pos, format!("unknown speaker `{t}`{hint}"));
                        }
                        _ => {}
                    }
                    found
                }
            };
            let mut segments = Vec::new();
            match f.get("text") {
                None => self.error(
                    f.pos,
                    "quote without `text`; give the quoted words, or a list of segments",
                ),
                Some(n) => match &n.value {
                    Value::Seq(items) if items.is_empty() => {
                        self.error(n.pos, "`text` is an empty list; give at least one segment")
                    }
                    Value::Seq(items) => {
                        for item in items {
                            if let Some(s) = self.text(item, "text") {
                                segments.push((s, item.pos));
                            }
                        }
                    }
                    _ => {
                        if let Some(s) = self.text(n, "text") {
                            segments.push((s, n.pos));
                        }
                    }
                },
            }
            for (s, pos) in &segments {
                if fold_pattern(s).is_empty() {
                    self.error(*pos, "empty quote segment; give the quoted words");
                }
            }
            let kind = match f.get("kind") {
                None => QuoteKind::Direct,
                Some(n) => {
                    let text = self.text(n, "kind").unwrap_or_default();
                    QuoteKind::parse(&text).unwrap_or_else(|| {
                        let names = QuoteKind::ALL.map(QuoteKind::as_str);
                        self.error(n.pos, unknown_value("quote kind", &text, &names));
                        QuoteKind::Direct
                    })
                }
            };
            let occurrence = f.get("occurrence").and_then(|n| match n.value {
                Value::Int(k) if k >= 1 => Some((k as usize, n.pos)),
                _ => {
                    let got = n.as_text().unwrap_or_else(|| n.value.kind_name().into());
                    self.error(
                        n.pos,
                        format!(
                            "`occurrence` must be a whole number from 1 (1 = first), not `{got}`"
                        ),
                    );
                    None
                }
            });
            let id = f.get("id").and_then(|n| {
                let id = self.text(n, "id")?;
                if is_valid_id(&id) {
                    Some((id, n.pos))
                } else {
                    self.error(n.pos, format!(
                        "malformed id `{id}`: use lowercase letters, digits, `-` and `_`, starting with a letter or digit (e.g. `{}`)",
                        suggest_id(&id)
                    ));
                    None
                }
            });
            out.push(QuoteSpec {
                pos: f.pos,
                id,
                speaker,
                segments,
                kind,
                cue: self.optional_text(&f, "cue"),
                occurrence,
                note: self.optional_text(&f, "note"),
            });
        }
        out
    }

    /// The quotes whose speaker and segments were found, with their ids (`qN` by place in the
    /// file when not given); an id used twice is reported.
    pub(super) fn build_quotes<'s>(
        &mut self,
        found: impl Iterator<Item = (&'s QuoteSpec, Option<Vec<Span>>)>,
    ) -> Vec<Quote> {
        let mut quotes: Vec<Quote> = Vec::new();
        let mut seen: HashMap<String, Pos> = HashMap::new();
        for (n, (spec, segs)) in found.enumerate() {
            let (Some(speaker), Some(segments)) = (spec.speaker, segs) else {
                continue;
            };
            let id = spec
                .id
                .as_ref()
                .map_or_else(|| format!("q{}", n + 1), |(id, _)| id.clone());
            if let Some(first) = seen.insert(id.clone(), spec.pos) {
                self.error(
                    spec.pos,
                    format!(
                        "duplicate quote id `{id}` (also used at line {}); give each quote its own `id`",
                        first.line
                    ),
                );
            }
            quotes.push(Quote {
                id,
                speaker,
                kind: spec.kind,
                cue: spec.cue.clone(),
                note: spec.note.clone(),
                segments,
            });
        }
        quotes
    }
}

//! The `quotes:` list: each quote's speaker, segments, kind and the rest, checked.

use std::collections::HashMap;

use super::Cx;
use super::fields::{Fields, is_valid_id};
use super::messages::{suggest_id, unknown_value};
use crate::article::{Lookup, Quote, QuoteKind, ScareQuote, Span, lookup};
use crate::fold::fold_pattern;
use crate::yaml::{Pos, Value};

const QUOTE_KEYS: &[&str] = &[
    "speaker",
    "text",
    "kind",
    "via",
    "cue",
    "occurrence",
    "id",
    "note",
];

/// The kinds of quote, as written: the three a [`QuoteKind`] holds and `scare`, which has no
/// speaker and so is kept apart.
const KIND_NAMES: [&str; 4] = ["direct", "indirect", "mixed", "scare"];

/// Quotation marks that open or close a quote in the body. A direct quote's `text` starting or
/// ending with one has most likely taken the article's mark along with the words. Apostrophes
/// (`'`, `’`) are left out at the end: `the workers’` ends with one.
const OPENING_MARKS: &[char] = &[
    '"', '“', '”', '„', '«', '»', '‹', '›', '「', '『', '\'', '‘',
];
const CLOSING_MARKS: &[char] = &['"', '“', '”', '„', '«', '»', '‹', '›', '」', '』', '‘'];

pub(super) struct QuoteSpec {
    pub pos: Pos,
    pub id: Option<(String, Pos)>,
    /// `None` for a scare quote and for a quote whose speaker is wrong (reported).
    pub speaker: Option<usize>,
    pub scare: bool,
    pub via: Option<usize>,
    pub segments: Vec<(String, Pos)>,
    pub kind: QuoteKind,
    pub cue: Option<String>,
    pub occurrence: Option<(usize, Pos)>,
    /// An `occurrence` was given but is wrong (reported): no second error asks for one.
    pub bad_occurrence: bool,
    pub note: Option<String>,
}

/// The entities as a person may refer to them: `(id, name and aliases)`.
pub(super) type Refs<'a> = [(&'a str, Vec<&'a str>)];

/// The entities with their ids indexed.
struct Known<'a, 'r> {
    ids: HashMap<&'a str, usize>,
    refs: &'r Refs<'a>,
}

impl Cx<'_> {
    pub(super) fn quotes(&mut self, top: &Fields, refs: &Refs) -> Vec<QuoteSpec> {
        // Ids are looked up once per quote; the slower lookup by name runs only for mistakes.
        let ids: HashMap<&str, usize> = refs.iter().enumerate().map(|(i, r)| (r.0, i)).collect();
        let refs = &Known { ids, refs };
        let mut out = Vec::new();
        for node in self.list(top, "quotes") {
            let Some(f) = self.fields(node, QUOTE_KEYS, "a quote") else {
                continue;
            };
            let mut kind_known = true;
            let (kind, scare) = match f.get("kind") {
                None => (QuoteKind::Direct, false),
                Some(n) => {
                    let text = self.text(n, "kind").unwrap_or_default();
                    match QuoteKind::parse(&text) {
                        Some(kind) => (kind, false),
                        None if text == "scare" => (QuoteKind::Direct, true),
                        None => {
                            self.error(n.pos, unknown_value("quote kind", &text, &KIND_NAMES));
                            kind_known = false;
                            (QuoteKind::Direct, false)
                        }
                    }
                }
            };
            let speaker = if !kind_known && f.get("speaker").is_none() {
                // A misspelt `scare` must not also read as a missing speaker.
                None
            } else if scare {
                if let Some(n) = f.get("speaker") {
                    self.error(
                        n.pos,
                        "a scare quote has no speaker: `kind: scare` marks words the article sets in quotation marks without anyone saying them; remove `speaker`, or if someone did say them, remove `kind: scare`",
                    );
                }
                None
            } else {
                self.speaker(&f, refs)
            };
            let via = f.get("via").and_then(|n| {
                if scare {
                    self.error(
                        n.pos,
                        "a scare quote has no `via`: nobody made it to anyone; remove `via`",
                    );
                    return None;
                }
                let text = self.text(n, "via")?;
                self.entity_ref(&text, n.pos, "`via` entity", refs)
            });
            let segments = self.segment_texts(&f);
            if kind == QuoteKind::Direct && !scare {
                self.warn_of_quotation_marks(&segments);
            }
            let occurrence = f.get("occurrence").and_then(|n| {
                let written = n.as_text().unwrap_or_else(|| n.value.kind_name().into());
                // Checked as written: `1.0` and `0x2` are numbers to YAML but not how a count
                // is written.
                let count = matches!(n.value, Value::Int(_))
                    .then(|| written.parse::<usize>().ok())
                    .flatten()
                    .filter(|&k| k >= 1 && written.bytes().all(|b| b.is_ascii_digit()));
                if count.is_none() {
                    self.error(
                        n.pos,
                        format!(
                            "`occurrence` must be a whole number from 1 (1 = first), not `{written}`"
                        ),
                    );
                }
                count.map(|k| (k, n.pos))
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
                scare,
                via,
                segments,
                kind,
                cue: self.optional_text(&f, "cue"),
                bad_occurrence: occurrence.is_none() && f.get("occurrence").is_some(),
                occurrence,
                note: self.optional_text(&f, "note"),
            });
        }
        out
    }

    /// The quote's `speaker`, reported when missing, unknown or a list.
    fn speaker(&mut self, f: &Fields, refs: &Known) -> Option<usize> {
        let Some(n) = f.get("speaker") else {
            self.error(
                f.pos,
                "quote without `speaker`; give the id of the entity who said it, or `kind: scare` for words nobody says",
            );
            return None;
        };
        if let Value::Seq(items) = &n.value {
            let ids: Vec<String> = items.iter().filter_map(|i| i.as_text()).collect();
            let example = if ids.is_empty() {
                "the-group".to_string()
            } else {
                suggest_id(&ids.join(" and "))
            };
            self.error(
                n.pos,
                format!(
                    "a quote has one speaker, not a list; for words said by several together, add a group entity (`- {{id: {example}, name: …, kind: group}}`) and give its id: `speaker: {example}`"
                ),
            );
            return None;
        }
        let text = self.text(n, "speaker")?;
        if text.trim().is_empty() {
            self.error(
                n.pos,
                "empty `speaker`; give the id of the entity who said it",
            );
            return None;
        }
        self.entity_ref(&text, n.pos, "speaker", refs)
    }

    /// The entity with id `text`; otherwise reports it, suggesting what it may have meant.
    fn entity_ref(&mut self, text: &str, pos: Pos, what: &str, known: &Known) -> Option<usize> {
        if let Some(&i) = known.ids.get(text) {
            return Some(i);
        }
        let refs = known.refs;
        let hint = match lookup(text, refs) {
            Lookup::Id(i) => return Some(i),
            Lookup::Name(i) => format!(
                "; that is a name or alias of entity `{}`: give its id, `{}`",
                refs[i].0, refs[i].0
            ),
            Lookup::Ambiguous(list) => format!(
                "; that name belongs to {}: give the id of the one meant",
                list.iter()
                    .map(|&i| format!("`{}`", refs[i].0))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
            Lookup::Unknown(list) if list.is_empty() => {
                "; add an entity with this id under `entities:`".to_string()
            }
            Lookup::Unknown(list) => format!(
                "; did you mean {}?",
                list.iter()
                    .map(|&i| {
                        let (id, forms) = &refs[i];
                        match forms.first() {
                            Some(name) => format!("`{id}` ({name})"),
                            None => format!("`{id}`"),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        };
        self.error(pos, format!("unknown {what} `{text}`{hint}"));
        None
    }

    /// The quote's `text`: one segment or a list of them, each with where it stands.
    fn segment_texts(&mut self, f: &Fields) -> Vec<(String, Pos)> {
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
        segments
    }

    fn warn_of_quotation_marks(&mut self, segments: &[(String, Pos)]) {
        for (s, pos) in segments {
            let s = s.trim();
            let mark = s
                .chars()
                .next()
                .filter(|c| OPENING_MARKS.contains(c))
                .or_else(|| s.chars().next_back().filter(|c| CLOSING_MARKS.contains(c)));
            if let Some(mark) = mark {
                self.warning(
                    *pos,
                    format!(
                        "this direct quote's text includes the quotation mark `{mark}`; give the words without the article's marks, which scholia finds around them (a nested quote inside, such as 'legacy backlog', is fine)"
                    ),
                );
            }
        }
    }

    /// The quotes whose speaker and segments were found, and the scare quotes whose segments
    /// were, with their ids (`qN` by place in the file when not given); an id used twice is
    /// reported.
    pub(super) fn build_quotes<'s>(
        &mut self,
        found: impl Iterator<Item = (&'s QuoteSpec, Option<Vec<Span>>)>,
    ) -> (Vec<Quote>, Vec<ScareQuote>) {
        let mut quotes: Vec<Quote> = Vec::new();
        let mut scare: Vec<ScareQuote> = Vec::new();
        let mut seen: HashMap<String, Pos> = HashMap::new();
        for (n, (spec, segs)) in found.enumerate() {
            let Some(segments) = segs else {
                continue;
            };
            if spec.speaker.is_none() && !spec.scare {
                continue;
            }
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
            match spec.speaker {
                Some(speaker) => quotes.push(Quote {
                    id,
                    speaker,
                    kind: spec.kind,
                    via: spec.via,
                    cue: spec.cue.clone(),
                    note: spec.note.clone(),
                    segments,
                }),
                None => scare.push(ScareQuote {
                    id,
                    note: spec.note.clone(),
                    segments,
                }),
            }
        }
        (quotes, scare)
    }
}

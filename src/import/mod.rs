//! `scholia import`: annotations made in other tools, as a format 1.1 annotation file.
//!
//! Each reader ([`brat`], [`labelstudio`], [`citron`]) turns its format into a [`Doc`]: the body, entities
//! with the places they are mentioned, and quotes with their segments, all as `char` offsets
//! into the body. [`yaml::write`] turns a `Doc` into the format's text-and-occurrence YAML and
//! proves it by loading it back: what the loader would place differently is reported, never
//! dropped silently.

pub mod brat;
pub mod citron;
pub mod labelstudio;
pub mod yaml;

use std::collections::BTreeSet;

use crate::article::{EntityKind, QuoteKind, Span};

/// An article as another tool describes it, in `char` offsets into `body`.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub title: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub license: Option<String>,
    pub language: Option<String>,
    pub body: String,
    pub entities: Vec<DocEntity>,
    pub quotes: Vec<DocQuote>,
}

#[derive(Clone, Debug)]
pub struct DocEntity {
    /// The id the source gives it (scholia's own exports do); made from the name otherwise.
    pub id: Option<String>,
    /// The name the source gives it; the longest mention otherwise.
    pub name: Option<String>,
    pub kind: EntityKind,
    /// Where the body names it, in any order.
    pub mentions: Vec<Span>,
}

/// What a quote's words are: someone's statement, or a scare quote (nobody's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    Said(QuoteKind),
    Scare,
}

impl DocKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "scare" => Some(DocKind::Scare),
            other => QuoteKind::parse(other).map(DocKind::Said),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Said(k) => k.as_str(),
            DocKind::Scare => "scare",
        }
    }
}

#[derive(Clone, Debug)]
pub struct DocQuote {
    /// The source's own id for it, used in messages.
    pub label: String,
    pub kind: DocKind,
    /// Index into `Doc::entities`; `None` for a scare quote.
    pub speaker: Option<usize>,
    pub via: Option<usize>,
    pub cue: Option<String>,
    pub note: Option<String>,
    /// In reading order, never empty.
    pub segments: Vec<Span>,
}

/// A format's name and kind as brat and Label Studio spell labels: `Person`, `Direct`.
/// A JSON file read whole, a syntax error given at its line and column; `hint` follows the
/// parser's words (how to get a file of the right kind), empty when there is nothing to add.
pub fn parse_json(
    path: &std::path::Path,
    text: &str,
    hint: &str,
) -> Result<serde_json::Value, Vec<crate::problem::Problem>> {
    serde_json::from_str(text).map_err(|e| {
        vec![crate::problem::Problem::error(
            path,
            Some(crate::yaml::Pos::new(
                u32::try_from(e.line()).unwrap_or(u32::MAX),
                u32::try_from(e.column()).unwrap_or(u32::MAX),
            )),
            format!("not JSON: {e}{hint}"),
        )]
    })
}

/// The error for an annotation whose own copy of its text (`given`) is not what its offsets
/// cover in the text it came with (`found`, in `source`): the offsets were made on another
/// text. One wording for every importer.
pub(crate) fn offsets_elsewhere(what: &str, given: &str, found: &str, source: &str) -> String {
    format!(
        "{what} says its text is `{}` but {source} has `{}` there; the offsets do not belong to {source}",
        crate::load::excerpt(given, 40),
        crate::load::excerpt(found, 40)
    )
}

pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// An entity kind from a label, in any case (`PERSON`, `Person`, `person`); the usual NER
/// names too (`PER`, `ORG`, `LOC`, `GPE`).
pub fn entity_kind(label: &str) -> Option<EntityKind> {
    let l = label.to_ascii_lowercase();
    EntityKind::parse(&l).or(match l.as_str() {
        "per" => Some(EntityKind::Person),
        "org" | "organisation" => Some(EntityKind::Organization),
        "loc" | "gpe" | "location" => Some(EntityKind::Place),
        "fac" => Some(EntityKind::Facility),
        "norp" => Some(EntityKind::Group),
        "misc" => Some(EntityKind::Other),
        _ => None,
    })
}

/// Entities the source did not identify, whose every mention is whole words of another's
/// mention of the same kind and of that one only (`Ruiz` beside `Ana Ruiz`), are taken as that
/// entity: annotators mark each mention but rarely link a surname to the full name. Each such
/// merge is said in `notes`. Returns each old index's new one.
pub fn merge_short_forms(
    entities: &mut Vec<DocEntity>,
    body: &str,
    notes: &mut Vec<String>,
) -> Vec<usize> {
    let chars: Vec<char> = body.chars().collect();
    let texts: Vec<BTreeSet<String>> = entities
        .iter()
        .map(|e| {
            e.mentions
                .iter()
                .map(|m| {
                    chars[m.start().min(chars.len())..m.end().min(chars.len())]
                        .iter()
                        .collect::<String>()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect()
        })
        .collect();
    let words_in = |short: &str, long: &str| {
        let long: Vec<&str> = long.split(' ').collect();
        let short: Vec<&str> = short.split(' ').collect();
        short.len() < long.len() && long.windows(short.len()).any(|w| w == short.as_slice())
    };
    let mut into: Vec<usize> = (0..entities.len()).collect();
    for (x, ex) in entities.iter().enumerate() {
        if ex.id.is_some() || texts[x].is_empty() {
            continue;
        }
        let hosts: Vec<usize> = (0..entities.len())
            .filter(|&y| {
                y != x
                    && entities[y].kind == ex.kind
                    && into[y] == y
                    && texts[x]
                        .iter()
                        .all(|s| texts[y].iter().any(|l| words_in(s, l)))
            })
            .collect();
        if let [y] = hosts[..] {
            into[x] = y;
            notes.push(format!(
                "took `{}` to be `{}` (the same {}); mark them as one entity in the source if that is wrong",
                texts[x].iter().next().map(String::as_str).unwrap_or_default(),
                texts[y].iter().last().map(String::as_str).unwrap_or_default(),
                ex.kind.as_str()
            ));
        }
    }
    // `Ruiz` into `Ana Ruiz` into `Mayor Ana Ruiz`: to the end of the chain (texts only grow,
    // so there is no cycle).
    for i in 0..into.len() {
        let mut h = into[i];
        while into[h] != h {
            h = into[h];
        }
        into[i] = h;
    }
    let old = std::mem::take(entities);
    let mut out: Vec<DocEntity> = Vec::new();
    let mut pos = vec![0; into.len()];
    for (i, e) in old.iter().enumerate() {
        if into[i] == i {
            pos[i] = out.len();
            out.push(e.clone());
        }
    }
    let map: Vec<usize> = into.iter().map(|&host| pos[host]).collect();
    for (i, e) in old.into_iter().enumerate() {
        if into[i] != i {
            out[map[i]].mentions.extend(e.mentions);
        }
    }
    *entities = out;
    map
}

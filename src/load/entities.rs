//! The `entities:` list, and where each entity's name and aliases are mentioned in the body.

use std::collections::HashMap;

use super::Cx;
use super::fields::{Fields, is_valid_id};
use super::messages::{suggest_id, times, unknown_value};
use super::quotes::QuoteSpec;
use crate::article::{Entity, EntityKind, Mention, Quote, Span};
use crate::find;
use crate::fold::{Folded, fold_pattern};
use crate::yaml::{Node, Pos, Value};

const ENTITY_KEYS: &[&str] = &["id", "name", "kind", "aliases", "note"];

pub(super) struct EntitySpec {
    pub pos: Pos,
    pub id: String,
    pub name: (String, Pos),
    pub kind: EntityKind,
    pub aliases: Vec<Alias>,
    pub note: Option<String>,
}

/// An alias: a string, or `{text, occurrence: [..]}` naming the entity only at those places.
pub(super) struct Alias {
    pub text: String,
    pub pos: Pos,
    /// The places (from 1) that are mentions, and where the list stands.
    pub only: Option<(Vec<usize>, Pos)>,
}

impl EntitySpec {
    /// `(id, name and aliases)`, for resolving what a person typed for this entity.
    pub fn refs(&self) -> (&str, Vec<&str>) {
        let forms = std::iter::once(self.name.0.as_str())
            .chain(self.aliases.iter().map(|a| a.text.as_str()))
            .collect();
        (self.id.as_str(), forms)
    }
}

const ALIAS_KEYS: &[&str] = &["text", "occurrence"];

impl Cx<'_> {
    pub(super) fn entities(&mut self, top: &Fields) -> Vec<EntitySpec> {
        let mut out: Vec<EntitySpec> = Vec::new();
        let mut seen: HashMap<String, Pos> = HashMap::new();
        for node in self.list(top, "entities") {
            let Some(f) = self.fields(node, ENTITY_KEYS, "an entity") else {
                continue;
            };
            let id = match f.get("id") {
                Some(n) => self.text(n, "id").map(|id| (id, n.pos)),
                None => {
                    self.error(
                        f.pos,
                        "entity without `id`; add one such as `id: nayib-bukele`",
                    );
                    None
                }
            };
            let id = id.filter(|(id, pos)| {
                let ok = is_valid_id(id);
                if !ok {
                    self.error(*pos, format!(
                        "malformed id `{id}`: use lowercase letters, digits, `-` and `_`, starting with a letter or digit (e.g. `{}`)",
                        suggest_id(id)
                    ));
                }
                ok
            });
            let id = id.filter(|(id, pos)| match seen.get(id) {
                Some(first) => {
                    self.error(
                        *pos,
                        format!(
                            "duplicate entity id `{id}` (first defined at line {}); ids must be unique",
                            first.line
                        ),
                    );
                    false
                }
                None => {
                    seen.insert(id.clone(), *pos);
                    true
                }
            });
            let name = match f.get("name") {
                Some(n) => self.text(n, "name").map(|name| (name, n.pos)),
                None => {
                    self.error(
                        f.pos,
                        "entity without `name`; the name is shown and matched in the body",
                    );
                    None
                }
            };
            let kind = match f.get("kind") {
                None => EntityKind::Other,
                Some(n) => {
                    let text = self.text(n, "kind").unwrap_or_default();
                    EntityKind::parse(&text).unwrap_or_else(|| {
                        let names = EntityKind::ALL.map(EntityKind::as_str);
                        self.error(n.pos, unknown_value("entity kind", &text, &names));
                        EntityKind::Other
                    })
                }
            };
            let mut aliases = Vec::new();
            match f.get("aliases") {
                None => {}
                Some(Node {
                    value: Value::Seq(items),
                    ..
                }) => {
                    for item in items {
                        if let Some(alias) = self.alias(item) {
                            aliases.push(alias);
                        }
                    }
                }
                Some(n) => self.error(
                    n.pos,
                    format!(
                        "`aliases` must be a list such as `[Bukele, President Bukele]`, not {}",
                        n.value.kind_name()
                    ),
                ),
            }
            let note = self.optional_text(&f, "note");
            if let (Some((id, _)), Some(name)) = (id, name) {
                out.push(EntitySpec {
                    pos: f.pos,
                    id,
                    name,
                    kind,
                    aliases,
                    note,
                });
            }
        }
        out
    }

    /// One item of `aliases`: text, or a mapping with `text` and `occurrence`.
    fn alias(&mut self, item: &Node) -> Option<Alias> {
        if !matches!(item.value, Value::Map(_)) {
            let text = self.text(item, "aliases")?;
            return Some(Alias {
                text,
                pos: item.pos,
                only: None,
            });
        }
        let f = self.fields(item, ALIAS_KEYS, "an alias")?;
        let Some(text_node) = f.get("text") else {
            self.error(
                f.pos,
                "alias without `text`; write `{text: he, occurrence: [2, 5]}` for a form that names the entity only at some places",
            );
            return None;
        };
        let text = self.text(text_node, "text")?;
        let only = match f.get("occurrence") {
            None => None,
            Some(n) => {
                let items: Vec<&Node> = match &n.value {
                    Value::Seq(items) => items.iter().collect(),
                    _ => vec![n],
                };
                let mut places = Vec::new();
                for item in items {
                    let written = item
                        .as_text()
                        .unwrap_or_else(|| item.value.kind_name().into());
                    match written.parse::<usize>() {
                        Ok(k)
                            if k >= 1
                                && matches!(item.value, Value::Int(_))
                                && written.bytes().all(|b| b.is_ascii_digit()) =>
                        {
                            places.push(k)
                        }
                        _ => self.error(
                            item.pos,
                            format!(
                                "an alias's `occurrence` lists whole numbers from 1 (which places of `{text}` in the body, 1 = first), not `{written}`"
                            ),
                        ),
                    }
                }
                if places.is_empty() {
                    if matches!(&n.value, Value::Seq(items) if items.is_empty()) {
                        self.error(
                            n.pos,
                            format!("`occurrence: []` makes `{text}` name nothing; list the places, such as `[1, 3]`, or remove the alias"),
                        );
                    }
                    return None;
                }
                places.sort_unstable();
                places.dedup();
                Some((places, n.pos))
            }
        };
        Some(Alias {
            text,
            pos: text_node.pos,
            only,
        })
    }

    pub(super) fn mentions(&mut self, folded: &Folded, entities: &[EntitySpec]) -> Vec<Mention> {
        // Each folded form with the entities claiming it: (entity, places or all, where).
        type Claim<'a> = (usize, Option<&'a [usize]>, Pos);
        let mut owner: HashMap<String, Vec<Claim>> = HashMap::new();
        let mut forms: Vec<find::Form> = Vec::new();
        let mut form_at: Vec<(&str, Option<Pos>)> = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            let name = std::iter::once((&e.name.0, e.name.1, None));
            let aliases = e.aliases.iter().map(|a| (&a.text, a.pos, a.only.as_ref()));
            for (form, pos, only) in name.chain(aliases) {
                let folded_form = fold_pattern(form);
                if folded_form.is_empty() {
                    self.error(pos, "empty name or alias; it would match nothing");
                    continue;
                }
                let places = only.map(|(p, _)| p.as_slice());
                let claims = owner.entry(folded_form.clone()).or_default();
                let clash = claims.iter().find(|&&(_, other, _)| match (places, other) {
                    (Some(a), Some(b)) => a.iter().any(|k| b.contains(k)),
                    _ => true,
                });
                match clash {
                    Some(&(j, None, _)) if j == i && places.is_none() => {
                        self.warning(
                            pos,
                            format!("`{form}` is listed twice for entity `{}`", e.id),
                        );
                    }
                    Some(&(j, Some(other), first)) if places.is_some() => {
                        let both: Vec<String> = places
                            .unwrap_or_default()
                            .iter()
                            .filter(|k| other.contains(k))
                            .map(usize::to_string)
                            .collect();
                        self.error(
                            pos,
                            format!(
                                "`{form}` at place {} is claimed twice, by `{}` (line {}) and `{}`; each place names one entity",
                                both.join(", "),
                                entities[j].id,
                                first.line,
                                e.id
                            ),
                        );
                    }
                    Some(&(j, _, first)) => {
                        self.error(
                            pos,
                            format!(
                                "`{form}` names two entities, `{}` (line {}) and `{}`; a form may belong to one only, unless each says where it names it: `{{text: {form}, occurrence: [1, 3]}}`",
                                entities[j].id, first.line, e.id
                            ),
                        );
                    }
                    None => {
                        claims.push((i, places, pos));
                        forms.push(find::Form {
                            pattern: folded_form,
                            owner: i,
                            only: places.map(<[usize]>::to_vec),
                        });
                        form_at.push((form, only.map(|(_, p)| *p)));
                    }
                }
            }
        }
        let (found, counts) = find::mentions(folded, &forms);
        for ((form, at), (f, count)) in form_at.iter().zip(forms.iter().zip(counts)) {
            if let (Some(pos), Some(only)) = (at, &f.only)
                && let Some(&last) = only.last()
                && last > count
            {
                self.error(
                    *pos,
                    format!(
                        "`occurrence` lists place {last}, but `{form}` stands {} in the body as a word of its own",
                        times(count)
                    ),
                );
            }
        }
        let mut to_body = folded.spans_to_body();
        found
            .into_iter()
            .map(|(hit, entity)| {
                let (start, end) = to_body.span(hit.start, hit.end);
                Mention {
                    span: Span::new(start, end),
                    entity,
                }
            })
            .collect()
    }

    /// The entities with their mentions and (reading-ordered) quotes; warns of an entity that
    /// is neither mentioned nor speaks.
    pub(super) fn build_entities(
        &mut self,
        specs: Vec<EntitySpec>,
        quote_specs: &[QuoteSpec],
        mentions: &[Mention],
        quotes: &[Quote],
    ) -> Vec<Entity> {
        // An entity that speaks in the file is in use, even where its quotes failed to load.
        let mut in_use: Vec<bool> = vec![false; specs.len()];
        for q in quote_specs {
            if let Some(s) = q.speaker {
                in_use[s] = true;
            }
        }
        let entity_pos: Vec<Pos> = specs.iter().map(|e| e.pos).collect();
        let mut entities: Vec<Entity> = specs
            .into_iter()
            .map(|e| Entity {
                id: e.id,
                name: e.name.0,
                kind: e.kind,
                aliases: e.aliases.into_iter().map(|a| a.text).collect(),
                note: e.note,
                mentions: Vec::new(),
                quotes: Vec::new(),
            })
            .collect();
        for m in mentions {
            entities[m.entity].mentions.push(m.span);
        }
        for (i, q) in quotes.iter().enumerate() {
            entities[q.speaker].quotes.push(i);
        }
        for (i, e) in entities.iter().enumerate() {
            if e.mentions.is_empty() && in_use[i] {
                self.warning(
                    entity_pos[i],
                    format!(
                        "entity `{}` speaks but is never mentioned in the body; add to its `aliases` the form the body names it by (a surname, a title, or a pronoun as `{{text: he, occurrence: [N]}}`)",
                        e.id
                    ),
                );
            }
            if e.mentions.is_empty() && !in_use[i] {
                self.warning(
                    entity_pos[i],
                    format!(
                        "entity `{}` is never mentioned in the body and has no quotes",
                        e.id
                    ),
                );
            }
        }
        entities
    }
}

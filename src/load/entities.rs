//! The `entities:` list, and where each entity's name and aliases are mentioned in the body.

use std::collections::HashMap;

use super::Cx;
use super::fields::{Fields, is_valid_id};
use super::messages::{suggest_id, unknown_value};
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
    pub aliases: Vec<(String, Pos)>,
    pub note: Option<String>,
}

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
                        if let Some(alias) = self.text(item, "aliases") {
                            aliases.push((alias, item.pos));
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

    pub(super) fn mentions(&mut self, folded: &Folded, entities: &[EntitySpec]) -> Vec<Mention> {
        let mut owner: HashMap<String, (usize, Pos)> = HashMap::new();
        let mut forms: Vec<(String, usize)> = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            for (form, pos) in std::iter::once(&e.name).chain(&e.aliases) {
                let folded_form = fold_pattern(form);
                if folded_form.is_empty() {
                    self.error(*pos, "empty name or alias; it would match nothing");
                    continue;
                }
                match owner.get(&folded_form) {
                    Some(&(j, _)) if j == i => {
                        self.warning(
                            *pos,
                            format!("`{form}` is listed twice for entity `{}`", e.id),
                        );
                    }
                    Some(&(j, first)) => {
                        self.error(
                            *pos,
                            format!(
                                "`{form}` names two entities, `{}` (line {}) and `{}`; a surface form may belong to one only",
                                entities[j].id, first.line, e.id
                            ),
                        );
                    }
                    None => {
                        owner.insert(folded_form.clone(), (i, *pos));
                        forms.push((folded_form, i));
                    }
                }
            }
        }
        find::mentions(folded, &forms)
            .into_iter()
            .map(|(hit, entity)| {
                let (start, end) = folded.span_to_body(hit.start, hit.end);
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
                aliases: e.aliases.into_iter().map(|(a, _)| a).collect(),
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

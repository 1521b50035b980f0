//! Reading typed values out of YAML mappings: unknown keys reported with a suggestion, text where
//! text is wanted, lists where lists are.

use std::collections::HashMap;

use super::Cx;
use crate::problem::did_you_mean;
use crate::yaml::{Node, Pos, Value};

/// True for `[a-z0-9][a-z0-9_-]*`.
pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// A mapping's entries by key, after unknown keys were reported.
pub(super) struct Fields<'n> {
    pub pos: Pos,
    /// `x-` keys: other tools' data, kept in file order and otherwise ignored.
    pub extensions: Vec<(&'n str, &'n Node)>,
    pub map: HashMap<&'n str, (Pos, &'n Node)>,
}

impl<'n> Fields<'n> {
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.map
            .get(key)
            .map(|&(_, node)| node)
            .filter(|n| n.value != Value::Null)
    }
}

impl Cx<'_> {
    /// Checks that `node` is a mapping, reports unknown and non-text keys, and indexes the rest.
    pub(super) fn fields<'n>(
        &mut self,
        node: &'n Node,
        known: &[&str],
        what: &str,
    ) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            self.error(
                node.pos,
                format!(
                    "{what} must be a mapping of keys ({}), not {}",
                    known
                        .iter()
                        .take(3)
                        .map(|k| format!("`{k}:`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                        + ", …",
                    node.value.kind_name()
                ),
            );
            return None;
        };
        let mut map = HashMap::new();
        let mut extensions = Vec::new();
        for (key, value) in entries {
            let Value::Str(name) = &key.value else {
                self.error(
                    key.pos,
                    format!("keys must be words, not {}", key.value.kind_name()),
                );
                continue;
            };
            if known.contains(&name.as_str()) {
                map.insert(name.as_str(), (key.pos, value));
            } else if name.starts_with("x-") {
                extensions.push((name.as_str(), value));
            } else {
                let hint = did_you_mean(name, known.iter().copied())
                    .map(|k| format!("; did you mean `{k}`?"))
                    .unwrap_or_else(|| {
                        format!(
                            "; known keys are {}, and any key starting with `x-` for other tools' data",
                            known.join(", ")
                        )
                    });
                self.error(key.pos, format!("unknown key `{name}` in {what}{hint}"));
            }
        }
        Some(Fields {
            pos: node.pos,
            extensions,
            map,
        })
    }

    pub(super) fn text(&mut self, node: &Node, key: &str) -> Option<String> {
        let text = node.as_text();
        if text.is_none() {
            self.error(
                node.pos,
                format!("`{key}` must be text, not {}", node.value.kind_name()),
            );
        }
        text
    }

    pub(super) fn optional_text(&mut self, fields: &Fields, key: &str) -> Option<String> {
        let node = fields.get(key)?;
        self.text(node, key)
    }

    pub(super) fn list<'n>(&mut self, top: &Fields<'n>, key: &str) -> &'n [Node] {
        match top.get(key) {
            None => &[],
            Some(Node {
                value: Value::Seq(items),
                ..
            }) => items,
            Some(node) => {
                self.error(
                    node.pos,
                    format!(
                        "`{key}` must be a list (lines starting with `- `), not {}",
                        node.value.kind_name()
                    ),
                );
                &[]
            }
        }
    }
}

/// A YAML value as JSON, for carrying `x-` data into exports. Numbers stay numbers; a key that
/// is not text is written as YAML wrote it.
pub(super) fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match &node.value {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) => J::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        Value::Str(s) => J::String(s.clone()),
        Value::Seq(items) => J::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => J::Object(
            entries
                .iter()
                .map(|(k, v)| {
                    let key = k.as_text().unwrap_or_else(|| k.value.kind_name().into());
                    (key, to_json(v))
                })
                .collect(),
        ),
    }
}

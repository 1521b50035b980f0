//! JSON Lines export (`--format jsonl`): one record a line, each carrying its article's
//! `path`, `title`, `source` and `published`, so that a folder of any size can be written as it
//! is read and loaded by DuckDB, pandas or Spark. Records are the JSON export's, with `type`
//! (`quote`, `entity`, `mention`, `highlight`) first; an entity line has its counts, and each
//! mention is a line of its own.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::{Item, Selection};

/// Writes the lines of one article to `out`, as they are produced.
pub fn write_item(out: &mut dyn Write, item: &Item, sel: &Selection) -> io::Result<()> {
    let a = item.article;
    let head = [
        ("path", json!(a.display_path())),
        ("title", json!(a.meta.title)),
        ("source", json!(a.meta.source)),
        ("published", json!(a.meta.published)),
    ];
    let mut line = |kind: &str, record: Value| -> io::Result<()> {
        let mut fields = Map::new();
        fields.insert("type".into(), json!(kind));
        for (k, v) in &head {
            fields.insert((*k).into(), v.clone());
        }
        if let Value::Object(rest) = record {
            fields.extend(rest);
        }
        serde_json::to_writer(&mut *out, &Value::Object(fields))?;
        out.write_all(b"\n")
    };
    for (key, list) in super::json::lists(item, sel) {
        for mut record in list {
            match key {
                "quotes" => line("quote", record)?,
                "entities" => {
                    // Mentions go out as lines of their own; the entity keeps their number.
                    let id = record["id"].clone();
                    let name = record["name"].clone();
                    let mentions = match record.get_mut("mentions").map(Value::take) {
                        Some(Value::Array(list)) => list,
                        _ => Vec::new(),
                    };
                    record["mentions"] = json!(mentions.len());
                    line("entity", record)?;
                    for m in mentions {
                        let (start, end) = (m["start"].as_u64(), m["end"].as_u64());
                        let text = match (start, end) {
                            (Some(s), Some(e)) => a.body.slice(s as usize, e as usize).to_string(),
                            _ => String::new(),
                        };
                        line(
                            "mention",
                            json!({"entity": id, "name": name, "start": start, "end": end, "text": text}),
                        )?;
                    }
                }
                _ => line("highlight", record)?,
            }
        }
    }
    Ok(())
}

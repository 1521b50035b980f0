//! CSV export (RFC 4180): `type,id,speaker,kind,cue,start,end,text,note,via`, one row per item.
//! A folder adds an `article` column at the end. A scare quote is a `quote` row of kind `scare`
//! with no speaker; `via` is the entity id a statement was made through (format 1.1). For a quote, start and end span all its
//! segments; an entity row has no offsets; a highlight's `kind` is its colour (1–4) and an
//! orphaned highlight has no offsets.

use super::{Item, Selection, one_line};

const HEADER: [&str; 10] = [
    "type", "id", "speaker", "kind", "cue", "start", "end", "text", "note", "via",
];

pub fn render(items: &[Item], sel: &Selection) -> String {
    let many = items.len() > 1;
    let mut out = String::new();
    let mut header: Vec<&str> = HEADER.to_vec();
    if many {
        header.push("article");
    }
    row(&mut out, header.iter().map(|s| s.to_string()));
    for item in items {
        let a = item.article;
        let path = a.display_path();
        let emit = |out: &mut String, mut cells: Vec<String>| {
            if many {
                cells.push(path.clone());
            }
            row(out, cells);
        };
        if sel.quotes {
            // Quotes and scare quotes together in reading order, as the JSON export has them.
            let mut rows: Vec<(usize, Vec<String>)> = item
                .quotes(sel)
                .map(|q| {
                    let span = q.extent();
                    let cells = vec![
                        "quote".into(),
                        q.id.clone(),
                        a.speaker(q).id.clone(),
                        q.kind.as_str().into(),
                        q.cue.clone().unwrap_or_default(),
                        span.start.to_string(),
                        span.end.to_string(),
                        one_line(&a.quote_text(q)),
                        q.note.clone().unwrap_or_default(),
                        q.via.map(|v| a.entities[v].id.clone()).unwrap_or_default(),
                    ];
                    (span.start, cells)
                })
                .collect();
            rows.extend(item.scare_quotes(sel).map(|q| {
                let span = q.extent();
                let cells = vec![
                    "quote".into(),
                    q.id.clone(),
                    String::new(),
                    "scare".into(),
                    String::new(),
                    span.start.to_string(),
                    span.end.to_string(),
                    one_line(&a.scare_text(q)),
                    q.note.clone().unwrap_or_default(),
                    String::new(),
                ];
                (span.start, cells)
            }));
            rows.sort_by_key(|(start, _)| *start);
            for (_, cells) in rows {
                emit(&mut out, cells);
            }
        }
        if sel.entities {
            for e in &a.entities {
                emit(
                    &mut out,
                    vec![
                        "entity".into(),
                        e.id.clone(),
                        String::new(),
                        e.kind.as_str().into(),
                        String::new(),
                        String::new(),
                        String::new(),
                        e.name.clone(),
                        e.note.clone().unwrap_or_default(),
                        String::new(),
                    ],
                );
            }
        }
        if sel.highlights {
            for h in item.highlights(sel) {
                let quote = item.quote_of(h);
                let (start, end) = if h.orphaned {
                    (String::new(), String::new())
                } else {
                    (h.start.to_string(), h.end.to_string())
                };
                emit(
                    &mut out,
                    vec![
                        "highlight".into(),
                        h.id.clone(),
                        quote.map(|q| a.speaker(q).id.clone()).unwrap_or_default(),
                        h.colour.map(|c| c.to_string()).unwrap_or_default(),
                        quote.and_then(|q| q.cue.clone()).unwrap_or_default(),
                        start,
                        end,
                        one_line(&h.text),
                        h.note.clone().unwrap_or_default(),
                        quote
                            .and_then(|q| q.via)
                            .map(|v| a.entities[v].id.clone())
                            .unwrap_or_default(),
                    ],
                );
            }
        }
    }
    out
}

/// A cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+`, `-`, a leading
/// tab or CR) gets a `'` in front, as OWASP's "CSV Injection" page recommends: text from an
/// article someone else wrote must not become a formula on the reader's machine.
fn neutralised(cell: String) -> String {
    let cell = super::escape_controls(&cell);
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

fn row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, cell) in cells.into_iter().map(neutralised).enumerate() {
        if i > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_cells_that_need_it() {
        let mut out = String::new();
        row(
            &mut out,
            ["a".into(), "b,c".into(), "say \"hi\"".into(), "x\ny".into()],
        );
        assert_eq!(out, "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"\r\n");
    }

    #[test]
    fn formulas_are_neutralised() {
        let mut out = String::new();
        row(
            &mut out,
            [
                "=HYPERLINK(\"http://x\")".into(),
                "@SUM(A1)".into(),
                "+1".into(),
                "-2".into(),
                "\tx".into(),
                "a=b".into(),
                "\u{1b}]0;x\u{7}\u{202e}".into(),
            ],
        );
        assert_eq!(
            out,
            "\"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(A1),'+1,'-2,'\tx,a=b,\\u{1B}]0;x\\u{7}\\u{202E}\r\n"
        );
    }
}

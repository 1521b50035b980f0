//! CSV export (RFC 4180) through the `csv` crate, one row per quote, entity or highlight, with
//! the columns of [`HEADER`]; a folder adds an `article` column at the end. docs/EXPORT.md
//! describes every column.

use super::{Item, Options, Selection, one_line};
use crate::article::Span;

/// The columns, in order. `speaker_name` and `via_name` save a join against the entity rows;
/// `colour` is a highlight's own column (it used to share `kind`); `mentions` and `quotes` are
/// an entity's counts; `segments` lists a quote's or highlight's passages as `start-end`, so a
/// quote in several segments does not have to be read from `start`–`end`, which also covers
/// the attribution between them.
pub const HEADER: [&str; 16] = [
    "type",
    "id",
    "speaker",
    "speaker_name",
    "kind",
    "cue",
    "via",
    "via_name",
    "start",
    "end",
    "segments",
    "text",
    "note",
    "colour",
    "mentions",
    "quotes",
];

/// One row before it is written: its cells in [`HEADER`] order.
#[derive(Default)]
struct Row {
    kind_of_row: &'static str,
    id: String,
    speaker: String,
    speaker_name: String,
    kind: String,
    cue: String,
    via: String,
    via_name: String,
    start: String,
    end: String,
    segments: String,
    text: String,
    note: String,
    colour: String,
    mentions: String,
    quotes: String,
}

impl Row {
    fn cells(self) -> [String; 16] {
        [
            self.kind_of_row.to_string(),
            self.id,
            self.speaker,
            self.speaker_name,
            self.kind,
            self.cue,
            self.via,
            self.via_name,
            self.start,
            self.end,
            self.segments,
            self.text,
            self.note,
            self.colour,
            self.mentions,
            self.quotes,
        ]
    }
}

fn segments_cell(segments: &[Span]) -> String {
    segments
        .iter()
        .map(|s| format!("{}-{}", s.start(), s.end()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The rows of one article, in the order the export gives them.
fn rows(item: &Item, sel: &Selection) -> Vec<Row> {
    let a = item.article;
    let mut out = Vec::new();
    if sel.quotes {
        // Quotes and scare quotes together in reading order, as the JSON export has them.
        let mut quotes: Vec<(usize, Row)> = item
            .quotes(sel)
            .map(|q| {
                let span = q.extent();
                let speaker = a.speaker(q);
                let via = q.via.map(|v| &a.entities[v]);
                let row = Row {
                    kind_of_row: "quote",
                    id: q.id.clone(),
                    speaker: speaker.id.clone(),
                    speaker_name: speaker.name.clone(),
                    kind: q.kind.as_str().into(),
                    cue: q.cue.clone().unwrap_or_default(),
                    via: via.map(|e| e.id.clone()).unwrap_or_default(),
                    via_name: via.map(|e| e.name.clone()).unwrap_or_default(),
                    start: span.start().to_string(),
                    end: span.end().to_string(),
                    segments: segments_cell(&q.segments),
                    text: one_line(&a.quote_text(q)),
                    note: q.note.clone().unwrap_or_default(),
                    ..Row::default()
                };
                (span.start(), row)
            })
            .collect();
        quotes.extend(item.scare_quotes(sel).map(|q| {
            let span = q.extent();
            let row = Row {
                kind_of_row: "quote",
                id: q.id.clone(),
                kind: "scare".into(),
                start: span.start().to_string(),
                end: span.end().to_string(),
                segments: segments_cell(&q.segments),
                text: one_line(&a.scare_text(q)),
                note: q.note.clone().unwrap_or_default(),
                ..Row::default()
            };
            (span.start(), row)
        }));
        quotes.sort_by_key(|(start, _)| *start);
        out.extend(quotes.into_iter().map(|(_, row)| row));
    }
    if sel.entities {
        out.extend(a.entities.iter().map(|e| Row {
            kind_of_row: "entity",
            id: e.id.clone(),
            kind: e.kind.as_str().into(),
            text: e.name.clone(),
            note: e.note.clone().unwrap_or_default(),
            mentions: e.mentions.len().to_string(),
            quotes: e.quotes.len().to_string(),
            ..Row::default()
        }));
    }
    if sel.highlights {
        for h in item.highlights(sel) {
            let quote = item.quote_of(h);
            let speaker = quote.map(|q| a.speaker(q));
            let via = quote.and_then(|q| q.via).map(|v| &a.entities[v]);
            let segments = item.highlight_segments(h);
            let (start, end) = if h.orphaned {
                (String::new(), String::new())
            } else {
                (h.start.to_string(), h.end.to_string())
            };
            out.push(Row {
                kind_of_row: "highlight",
                id: h.id.clone(),
                speaker: speaker.map(|e| e.id.clone()).unwrap_or_default(),
                speaker_name: speaker.map(|e| e.name.clone()).unwrap_or_default(),
                kind: quote.map(|q| q.kind.as_str().into()).unwrap_or_default(),
                cue: quote.and_then(|q| q.cue.clone()).unwrap_or_default(),
                via: via.map(|e| e.id.clone()).unwrap_or_default(),
                via_name: via.map(|e| e.name.clone()).unwrap_or_default(),
                start,
                end,
                segments: segments_cell(&segments),
                text: one_line(&item.highlight_text(h)),
                note: h.note.clone().unwrap_or_default(),
                colour: h.colour.map(|c| c.to_string()).unwrap_or_default(),
                ..Row::default()
            });
        }
    }
    out
}

/// The whole export. With `opts.bom` it begins with U+FEFF, which Excel needs to read UTF-8
/// (without it, `’` shows as `â€™`); other readers skip or keep it, hence an option.
pub fn render(items: &[Item], sel: &Selection, opts: &Options) -> String {
    let many = items.len() > 1;
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header: Vec<&str> = HEADER.to_vec();
    if many {
        header.push("article");
    }
    let mut records: Vec<Vec<String>> = vec![header.iter().map(|s| s.to_string()).collect()];
    for item in items {
        let path = item.article.display_path();
        for row in rows(item, sel) {
            let mut cells: Vec<String> = row.cells().into();
            if many {
                cells.push(path.clone());
            }
            records.push(cells);
        }
    }
    for (i, cells) in records.into_iter().enumerate() {
        let cells = cells.into_iter().map(|c| {
            let c = super::escape_controls(&c);
            // The header is ours; a data cell is text someone else wrote.
            if i > 0 && !opts.keep_formulas {
                neutralised(c)
            } else {
                c
            }
        });
        // Writing to a Vec cannot fail; a row of the same width as the header cannot either.
        let _ = writer.write_record(cells);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    let text = String::from_utf8(bytes).unwrap_or_default();
    if opts.bom {
        format!("\u{FEFF}{text}")
    } else {
        text
    }
}

/// A cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+`, `-`, a leading
/// tab or CR) gets a `'` in front, as OWASP's "CSV Injection" page recommends: text from an
/// article someone else wrote must not become a formula on the reader's machine.
fn neutralised(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_controls_escaped() {
        for (cell, want) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("\tx", "'\tx"),
            ("a=b", "a=b"),
        ] {
            assert_eq!(neutralised(cell.into()), want);
        }
        assert_eq!(
            super::super::escape_controls("\u{1b}]0;x\u{7}\u{202e}"),
            "\\u{1B}]0;x\\u{7}\\u{202E}"
        );
    }
}

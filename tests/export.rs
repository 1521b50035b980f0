//! `scholia export` on the shipped seed article (articles/cecot.yaml), in every format, checked
//! against the body file itself: offsets are recomputed here by code points, never taken on trust.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use common::{Run, articles, scholia};

/// A copy of the seed article with a highlights sidecar of three highlights, made here from the
/// body: `h1` on a quote (colour 2, with a note), `h2` on plain text (no colour), `h3` orphaned.
/// The sidecar lists them out of reading order.
fn seed_article() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["cecot.yaml", "cecot.md"] {
        std::fs::copy(articles().join(name), dir.path().join(name)).unwrap();
    }
    let body = Body::read(&dir.path().join("cecot.md"));
    let mut sidecar = String::from("format: 1\nhighlights:\n");
    let mut add = |id: &str, text: &str, extra: &str| {
        let start = body.find(text);
        let end = start + text.chars().count();
        sidecar.push_str(&format!(
            "  - id: {id}\n    start: {start}\n    end: {end}\n    text: {}\n    prefix: {}\n    suffix: {}\n    created: \"2025-03-17T09:30:00Z\"\n{extra}",
            json(text),
            json(&body.slice(start.saturating_sub(32), start)),
            json(&body.slice(end, (end + 32).min(body.len()))),
        ));
    };
    add(
        "h1",
        "We are receiving these criminals",
        "    quote: bukele-receiving\n    note: 'Why \"these\", and why now?'\n    colour: 2\n",
    );
    add("h2", "A wave of deportations", "");
    sidecar.push_str(
        "  - id: h3\n    start: 10\n    end: 20\n    text: a passage edited away\n    prefix: ''\n    suffix: ''\n    colour: 4\n    created: \"2025-03-17T09:40:00Z\"\n    orphaned: true\n",
    );
    std::fs::write(dir.path().join("cecot.highlights.yaml"), sidecar).unwrap();
    dir
}

/// A JSON string literal, which is also a valid YAML double-quoted scalar.
fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// The body as the format defines it: a leading byte-order mark dropped, indexed by code point.
struct Body(Vec<char>);

impl Body {
    fn read(path: &Path) -> Self {
        let text = std::fs::read_to_string(path).unwrap();
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        Body(text.chars().collect())
    }

    fn seed() -> Self {
        Self::read(&articles().join("cecot.md"))
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn slice(&self, start: usize, end: usize) -> String {
        assert!(
            start <= end && end <= self.len(),
            "[{start}, {end}) out of the body"
        );
        self.0[start..end].iter().collect()
    }

    /// The code-point offset of the only occurrence of `text`.
    fn find(&self, text: &str) -> usize {
        let s: String = self.0.iter().collect();
        let at = s.find(text).expect("in the body");
        assert_eq!(s.matches(text).count(), 1, "{text:?} is not unique");
        s[..at].chars().count()
    }
}

/// The format's foldings: typographic quote marks to plain ones, whitespace runs to one space,
/// the ends trimmed.
fn fold(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => '"',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The seed article's annotation file, read as plain data (not by scholia's loader).
fn seed_annotations() -> Value {
    let text = std::fs::read_to_string(articles().join("cecot.yaml")).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

/// `scholia export cecot.yaml ARGS` in `dir`; must succeed.
fn export(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["export", "cecot.yaml"];
    all.extend_from_slice(args);
    let run = scholia(dir, &all);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(!run.stdout.is_empty(), "{run:#?}");
    run.stdout
}

fn export_json(dir: &Path, args: &[&str]) -> Value {
    let text = export(dir, args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// An RFC 4180 reader: records end in CRLF; quoted fields may hold commas, quotes (doubled)
/// and line breaks.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "a bare CR ends no record");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("a record ended in LF, not CRLF"),
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    assert!(
        field.is_empty() && record.is_empty(),
        "last record without CRLF"
    );
    records
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

const TITLE: &str = "Hundreds of Immigrants Deported to Notorious Prison in El Salvador as Trump Defies Judge’s Order";
const BUKELE_FIRST: &str = "We are receiving these criminals because they pose a greater threat to America than to El Salvador,";

#[test]
fn json_quote_segments_are_the_body_between_their_offsets() {
    let dir = seed_article();
    let body = Body::seed();
    let doc = export_json(dir.path(), &["--what", "quotes", "--format", "json"]);

    let keys: Vec<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["article", "quotes"]);
    let article = &doc["article"];
    assert_eq!(article["title"], TITLE);
    assert_eq!(article["source"], "scholia seed article");
    assert_eq!(article["path"], "cecot.yaml");
    assert_eq!(article["author"], Value::Null);

    // Each quote of the annotation file, with its segments as written there.
    let annotations = seed_annotations();
    let written: Vec<(&str, Vec<&str>)> = annotations["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let segments = match &q["text"] {
                Value::String(s) => vec![s.as_str()],
                list => strings(list),
            };
            (q["id"].as_str().unwrap(), segments)
        })
        .collect();

    let quotes = doc["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), written.len());
    let mut previous_start = 0;
    for q in quotes {
        let id = q["id"].as_str().unwrap();
        let (_, want) = written.iter().find(|(w, _)| *w == id).unwrap();
        let segments = q["segments"].as_array().unwrap();
        assert_eq!(segments.len(), want.len(), "{id}");
        let mut texts = Vec::new();
        let mut last_end = 0;
        for (seg, want) in segments.iter().zip(want) {
            let start = seg["start"].as_u64().unwrap() as usize;
            let end = seg["end"].as_u64().unwrap() as usize;
            assert!(
                start >= last_end && start < end,
                "{id}: segments out of order"
            );
            last_end = end;
            let text = seg["text"].as_str().unwrap();
            assert_eq!(text, body.slice(start, end), "{id}");
            assert_eq!(fold(text), fold(want), "{id}");
            texts.push(text);
        }
        assert_eq!(q["text"], texts.join(" … "), "{id}");
        // Reading order, by first segment.
        let start = segments[0]["start"].as_u64().unwrap();
        assert!(start >= previous_start, "{id} is out of reading order");
        previous_start = start;
    }

    let bukele = quotes
        .iter()
        .find(|q| q["id"] == "bukele-receiving")
        .unwrap();
    assert_eq!(bukele["speaker"], "nayib-bukele");
    assert_eq!(bukele["speaker_name"], "Nayib Bukele");
    assert_eq!(bukele["kind"], "direct");
    assert_eq!(bukele["cue"], "declared");
    assert_eq!(bukele["note"], Value::Null);
    assert_eq!(bukele["segments"][0]["text"], BUKELE_FIRST);
    assert_eq!(bukele["segments"][0]["start"], body.find(BUKELE_FIRST));
    // A quote whose text has typographic marks that the annotation file wrote the same way.
    let invasion = quotes.iter().find(|q| q["id"] == "trump-invasion").unwrap();
    assert_eq!(invasion["text"], "undocumented migration an ‘invasion’");
}

#[test]
fn json_entities_list_every_mention_of_their_names() {
    let dir = seed_article();
    let body = Body::seed();
    let doc = export_json(dir.path(), &["--what", "all", "--format", "json"]);
    let keys: BTreeSet<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        BTreeSet::from(["article", "entities", "highlights", "quotes"])
    );

    let entities = doc["entities"].as_array().unwrap();
    assert_eq!(entities.len(), 21);
    let mut all_mentions = Vec::new();
    for e in entities {
        let id = e["id"].as_str().unwrap();
        let mut forms = vec![e["name"].as_str().unwrap()];
        forms.extend(strings(&e["aliases"]));
        let forms: Vec<String> = forms.iter().map(|f| fold(f)).collect();
        for m in e["mentions"].as_array().unwrap() {
            let (start, end) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            let text = body.slice(start, end);
            assert!(
                forms.contains(&fold(&text)),
                "{id}: {text:?} is not one of {forms:?}"
            );
            // On word boundaries.
            let before = body.0[..start].last();
            let after = body.0.get(end);
            assert!(
                !before.is_some_and(|c| c.is_alphanumeric()),
                "{id} at {start}"
            );
            assert!(!after.is_some_and(|c| c.is_alphanumeric()), "{id} at {end}");
            all_mentions.push((start, end));
        }
        let quotes = doc["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| q["speaker"] == id)
            .count();
        assert_eq!(e["quotes"], quotes, "{id}");
    }
    all_mentions.sort();
    assert!(
        all_mentions.windows(2).all(|w| w[0].1 <= w[1].0),
        "mentions overlap"
    );
    assert_eq!(all_mentions.len(), 55);

    let bukele = entities.iter().find(|e| e["id"] == "nayib-bukele").unwrap();
    assert_eq!(bukele["kind"], "person");
    assert_eq!(bukele["note"], "President of El Salvador.");
    assert_eq!(bukele["quotes"], 3);
    // "Trump administration" wins over "Trump" where both start.
    let admin = entities
        .iter()
        .find(|e| e["id"] == "trump-administration")
        .unwrap();
    assert!(!admin["mentions"].as_array().unwrap().is_empty());
}

#[test]
fn json_highlights_are_their_sidecar_records_in_reading_order() {
    let dir = seed_article();
    // The default is `--what highlights`.
    let doc = export_json(dir.path(), &["--format", "json"]);
    let keys: Vec<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["article", "highlights"]);

    let sidecar_text = std::fs::read_to_string(dir.path().join("cecot.highlights.yaml")).unwrap();
    let sidecar: Value = serde_saphyr::from_str(&sidecar_text).unwrap();
    let record = |id: &str| {
        sidecar["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["id"] == id)
            .unwrap()
            .clone()
    };
    let list = doc["highlights"].as_array().unwrap();
    // h2 comes first in the body; the orphan last.
    assert_eq!(*list, [record("h2"), record("h1"), record("h3")]);
    assert_eq!(list[1]["colour"], 2);
    assert_eq!(list[2]["orphaned"], true);
    assert!(list[0].get("orphaned").is_none());

    let only_4 = export_json(dir.path(), &["--format", "json", "--colour", "4"]);
    assert_eq!(only_4["highlights"], Value::Array(vec![record("h3")]));
}

/// The CSV read back by the `csv` crate, each row as column name → cell.
fn csv_rows(text: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            assert_eq!(r.len(), header.len(), "ragged row");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

const CSV_HEADER: &str = "type,id,speaker,speaker_name,kind,cue,via,via_name,start,end,segments,text,note,colour,mentions,quotes";

#[test]
fn csv_has_the_header_and_one_row_per_item() {
    let dir = seed_article();
    let body = Body::seed();
    let text = export(dir.path(), &["--what", "all", "--format", "csv"]);
    assert!(text.starts_with(&format!("{CSV_HEADER}\r\n")), "{text}");
    // Our own strict reader (CRLF, quoting) and the csv crate agree.
    let records = csv_records(&text);
    assert!(records.iter().all(|r| r.len() == 16), "ragged rows");
    let rows = csv_rows(&text);
    assert_eq!(rows.len(), records.len() - 1);
    let of = |kind: &str| {
        rows.iter()
            .filter(|r| r["type"] == kind)
            .collect::<Vec<_>>()
    };
    let (quotes, entities, highlights) = (of("quote"), of("entity"), of("highlight"));
    assert_eq!(
        (quotes.len(), entities.len(), highlights.len()),
        (13, 21, 3)
    );
    assert_eq!(rows.len(), 13 + 21 + 3);

    // A quote row spans all its segments, lists them, and its text is theirs joined.
    let json = export_json(dir.path(), &["--what", "quotes", "--format", "json"]);
    for (row, q) in quotes.iter().zip(json["quotes"].as_array().unwrap()) {
        let segments = q["segments"].as_array().unwrap();
        let start = segments[0]["start"].as_u64().unwrap() as usize;
        let end = segments.last().unwrap()["end"].as_u64().unwrap() as usize;
        assert_eq!(row["id"], q["id"].as_str().unwrap());
        assert_eq!(row["speaker"], q["speaker"].as_str().unwrap());
        assert_eq!(row["speaker_name"], q["speaker_name"].as_str().unwrap());
        assert_eq!(row["kind"], q["kind"].as_str().unwrap());
        assert_eq!(row["start"], start.to_string());
        assert_eq!(row["end"], end.to_string());
        let listed: Vec<String> = segments
            .iter()
            .map(|s| format!("{}-{}", s["start"], s["end"]))
            .collect();
        assert_eq!(row["segments"], listed.join(" "));
        assert!(
            body.slice(start, end)
                .starts_with(segments[0]["text"].as_str().unwrap())
        );
        assert_eq!(
            row["text"],
            q["text"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    let bukele = quotes
        .iter()
        .find(|r| r["id"] == "bukele-receiving")
        .unwrap();
    assert_eq!(bukele["speaker"], "nayib-bukele");
    assert_eq!(bukele["speaker_name"], "Nayib Bukele");
    assert_eq!(bukele["kind"], "direct");
    assert_eq!(bukele["cue"], "declared");
    assert_eq!(bukele["segments"].split(' ').count(), 2);
    assert!(bukele["text"].starts_with(BUKELE_FIRST) && bukele["text"].contains(" … This action,"));
    let monsters = quotes.iter().find(|r| r["id"] == "trump-monsters").unwrap();
    assert_eq!(monsters["note"], "Posted on Truth Social.");

    // Entity rows carry their counts, and no speaker, cue or offsets.
    let bukele = entities.iter().find(|r| r["id"] == "nayib-bukele").unwrap();
    let want_quotes = json["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["speaker"] == "nayib-bukele")
        .count();
    assert_eq!(bukele["kind"], "person");
    assert_eq!(bukele["text"], "Nayib Bukele");
    assert_eq!(bukele["note"], "President of El Salvador.");
    assert_eq!(bukele["quotes"], want_quotes.to_string());
    assert!(bukele["mentions"].parse::<usize>().unwrap() >= 1);
    for column in ["speaker", "cue", "start", "end", "segments", "colour"] {
        assert_eq!(bukele[column], "", "{column}");
    }

    // A highlight has its colour in a column of its own and its quote's kind; an orphan has
    // no offsets; a note with quotes and a comma survives the CSV quoting.
    let h1_start = body.find("We are receiving these criminals");
    let h1 = highlights[1];
    assert_eq!(h1["id"], "h1");
    assert_eq!(h1["speaker"], "nayib-bukele");
    assert_eq!(h1["speaker_name"], "Nayib Bukele");
    assert_eq!(h1["kind"], "direct");
    assert_eq!(h1["colour"], "2");
    assert_eq!(h1["cue"], "declared");
    assert_eq!(h1["start"], h1_start.to_string());
    assert_eq!(h1["end"], (h1_start + 32).to_string());
    assert_eq!(h1["text"], "We are receiving these criminals");
    assert_eq!(h1["note"], "Why \"these\", and why now?");
    assert_eq!(highlights[0]["id"], "h2");
    assert_eq!(highlights[0]["speaker"], "");
    assert_eq!(highlights[0]["colour"], "");
    let h3 = highlights[2];
    assert_eq!(
        (
            h3["id"].as_str(),
            h3["colour"].as_str(),
            h3["start"].as_str()
        ),
        ("h3", "4", "")
    );
}

#[test]
fn csv_bom_and_formulas_are_options() {
    let dir = seed_article();
    let plain = export(dir.path(), &["--what", "quotes", "--format", "csv"]);
    assert!(plain.starts_with("type,"));
    let bom = export(
        dir.path(),
        &["--what", "quotes", "--format", "csv", "--bom"],
    );
    assert_eq!(bom.strip_prefix('\u{FEFF}'), Some(plain.as_str()));

    // A note that begins with `=` gets a ' by default, and keeps its text with --keep-formulas.
    let yaml = std::fs::read_to_string(dir.path().join("cecot.yaml")).unwrap();
    let yaml = yaml.replace(
        "note: Posted on Truth Social.",
        "note: \"=HYPERLINK(\\\"http://x\\\")\"",
    );
    std::fs::write(dir.path().join("cecot.yaml"), yaml).unwrap();
    let note = |args: &[&str]| {
        let text = export(
            dir.path(),
            &[&["--what", "quotes", "--format", "csv"][..], args].concat(),
        );
        csv_rows(&text)
            .into_iter()
            .find(|r| r["id"] == "trump-monsters")
            .unwrap()["note"]
            .clone()
    };
    assert_eq!(note(&[]), "'=HYPERLINK(\"http://x\")");
    assert_eq!(note(&["--keep-formulas"]), "=HYPERLINK(\"http://x\")");
}

#[test]
fn markdown_has_the_title_speaker_sections_and_attributions() {
    let dir = seed_article();
    let md = export(dir.path(), &["--what", "quotes", "--format", "md"]);
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines[0], format!("# {TITLE}"));
    assert_eq!(lines[2], "Source: scholia seed article");

    // Speaker sections in order of first appearance, each with its count.
    let sections: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with("## "))
        .copied()
        .collect();
    assert_eq!(
        sections,
        [
            "## Donald Trump",
            "## Trump administration",
            "## Nayib Bukele",
            "## federal judge",
            "## Karoline Leavitt",
            "## Critics",
            "## U.S.-based immigration rights advocate",
        ]
    );
    // A direct quote is a `>` block in quotation marks, then the attribution with its cue.
    let at = lines
        .iter()
        .position(|l| l.starts_with(&format!("> “{BUKELE_FIRST} … This action,")))
        .expect("the Bukele quote as a block");
    assert_eq!(lines[at + 1], "");
    assert_eq!(lines[at + 2], "— Nayib Bukele (declared) · _direct quote_");
    // Every quote says its kind; reported speech is never a `>` block, so a paraphrase pasted
    // into a fact-check note cannot pass for someone's words.
    let attributions: Vec<&&str> = lines.iter().filter(|l| l.starts_with("— ")).collect();
    assert_eq!(attributions.len(), 13);
    let direct = attributions
        .iter()
        .filter(|l| l.ends_with("· _direct quote_"))
        .count();
    let reported = attributions
        .iter()
        .filter(|l| l.ends_with("· _reported speech, a paraphrase_"))
        .count();
    let mixed = attributions
        .iter()
        .filter(|l| l.contains("· _partly quoted"))
        .count();
    assert_eq!(direct + reported + mixed, 13);
    assert!(reported > 0 && direct > 0, "{md}");
    let paraphrases = lines
        .iter()
        .filter(|l| l.starts_with("_Paraphrase (reported speech, not the speaker's words):_ "))
        .count();
    assert_eq!(paraphrases, reported);
    let partly = lines
        .iter()
        .filter(|l| {
            l.starts_with("_Partly quoted (only the words in quotation marks are the speaker's):_ ")
        })
        .count();
    assert_eq!(partly, mixed);
    assert!(mixed > 0, "{md}");
    // Only direct words are a `>` block, each in quotation marks: nothing else can be pasted
    // into a fact-check note looking like someone's words.
    let quote_blocks: Vec<&&str> = lines.iter().filter(|l| l.starts_with("> ")).collect();
    assert_eq!(quote_blocks.len(), direct);
    assert!(
        quote_blocks
            .iter()
            .all(|l| l.starts_with("> “") && l.ends_with('”')),
        "{quote_blocks:?}"
    );
    assert!(!md.contains("## Highlights") && !md.contains("## Entities"));

    let md = export(dir.path(), &["--what", "entities", "--format", "md"]);
    assert!(md.contains("\n## Entities\n\n"));
    assert!(md.contains(
        "- **Nayib Bukele** (person) — 6 mentions, 3 quotes; also “Bukele”, “President Bukele” — President of El Salvador.\n"
    ), "{md}");
    assert_eq!(md.lines().filter(|l| l.starts_with("- **")).count(), 21);

    // Highlights: the passage as a block, its quote's attribution, its colour and its note.
    let md = export(dir.path(), &["--what", "all", "--format", "md"]);
    let highlights = md.split("## Highlights\n\n").nth(1).unwrap();
    assert!(highlights.starts_with(
        "> A wave of deportations\n\n> “We are receiving these criminals”\n\n— Nayib Bukele (declared) · _direct quote_\n\n_colour 2 (green)_\n\n_Note:_ Why \"these\", and why now?\n\n> a passage edited away\n\n_colour 4 (pink) · orphaned"
    ), "{highlights}");
    // The names are the theme's: high-contrast calls colour 2 cyan.
    let md = export(
        dir.path(),
        &[
            "--what",
            "highlights",
            "--format",
            "md",
            "--theme",
            "high-contrast",
        ],
    );
    assert!(md.contains("_colour 2 (cyan)_"), "{md}");
    let run = scholia(dir.path(), &["export", "cecot.yaml", "--theme", "drak"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("did you mean `dark`?"), "{run:#?}");
}

#[test]
fn w3c_is_one_annotation_collection_page() {
    let dir = seed_article();
    let body = Body::seed();
    let doc = export_json(dir.path(), &["--what", "all", "--format", "w3c"]);
    assert_eq!(doc["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(doc["type"], "AnnotationCollection");
    assert_eq!(doc["id"], "urn:scholia:cecot:annotations");
    assert_eq!(doc["label"], TITLE);
    let page = &doc["first"];
    assert_eq!(page["type"], "AnnotationPage");
    assert_eq!(page["startIndex"], 0);
    let items = page["items"].as_array().unwrap();
    assert_eq!(doc["total"], items.len());
    assert_eq!(items.len(), 13 + 21 + 3);
    assert!(items.iter().all(|a| a["type"] == "Annotation"));
    let ids: BTreeSet<&str> = items.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), items.len(), "annotation ids are unique");

    let find = |id: &str| items.iter().find(|a| a["id"] == id).unwrap();
    let json = export_json(dir.path(), &["--what", "quotes", "--format", "json"]);

    // Quotes: one target per segment, each with both selectors describing the body.
    for q in json["quotes"].as_array().unwrap() {
        let a = find(&format!(
            "urn:scholia:cecot:quote:{}",
            q["id"].as_str().unwrap()
        ));
        let segments = q["segments"].as_array().unwrap();
        let targets = match &a["target"] {
            Value::Array(list) => list.clone(),
            one => vec![one.clone()],
        };
        assert_eq!(targets.len(), segments.len());
        for (t, seg) in targets.iter().zip(segments) {
            let (start, end) = (
                seg["start"].as_u64().unwrap() as usize,
                seg["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(t["source"], "urn:scholia:cecot", "{t}");
            let selectors = t["selector"].as_array().unwrap();
            let quote = selectors
                .iter()
                .find(|s| s["type"] == "TextQuoteSelector")
                .unwrap();
            let position = selectors
                .iter()
                .find(|s| s["type"] == "TextPositionSelector")
                .unwrap();
            assert_eq!(quote["exact"], body.slice(start, end));
            assert_eq!(quote["prefix"], body.slice(start.saturating_sub(32), start));
            assert_eq!(quote["suffix"], body.slice(end, (end + 32).min(body.len())));
            assert_eq!(
                (position["start"].as_u64(), position["end"].as_u64()),
                (Some(start as u64), Some(end as u64))
            );
        }
    }
    let bukele = find("urn:scholia:cecot:quote:bukele-receiving");
    assert_eq!(bukele["target"].as_array().unwrap().len(), 2);
    let tags: Vec<(&str, &str)> = bukele["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            assert_eq!(b["type"], "TextualBody");
            (b["purpose"].as_str().unwrap(), b["value"].as_str().unwrap())
        })
        .collect();
    assert_eq!(tags, [("tagging", "Nayib Bukele"), ("tagging", "direct")]);
    let monsters = find("urn:scholia:cecot:quote:trump-monsters");
    assert!(
        monsters["body"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["purpose"] == "commenting" && b["value"] == "Posted on Truth Social.")
    );

    // Entities: one target per mention.
    // "Nayib Bukele", "President Bukele" and four times "Bukele" in the body.
    let entity = find("urn:scholia:cecot:entity:nayib-bukele");
    assert_eq!(entity["target"].as_array().unwrap().len(), 6);

    // Highlights: the orphan keeps only its quote selector.
    let h1 = find("urn:scholia:cecot:highlight:h1");
    assert_eq!(h1["target"]["selector"].as_array().unwrap().len(), 2);
    assert_eq!(h1["created"], "2025-03-17T09:30:00Z");
    let h3 = find("urn:scholia:cecot:highlight:h3");
    let selectors = h3["target"]["selector"].as_array().unwrap();
    assert_eq!(selectors.len(), 1);
    assert_eq!(selectors[0]["type"], "TextQuoteSelector");
    assert_eq!(selectors[0]["exact"], "a passage edited away");
}

#[test]
fn speaker_filter_keeps_only_their_quotes() {
    let dir = seed_article();
    let d = dir.path();
    let doc = export_json(
        d,
        &[
            "--what",
            "quotes",
            "--format",
            "json",
            "--speaker",
            "nayib-bukele",
        ],
    );
    let ids: Vec<&str> = doc["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "bukele-receiving",
            "bukele-high-ranking",
            "bukele-leadership"
        ]
    );

    let doc = export_json(
        d,
        &[
            "--what",
            "quotes",
            "--format",
            "json",
            "--speaker",
            "karoline-leavitt",
            "--speaker",
            "critics",
        ],
    );
    let speakers: Vec<&str> = doc["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["speaker"].as_str().unwrap())
        .collect();
    assert_eq!(speakers, ["karoline-leavitt", "critics"]);

    let csv = export(
        d,
        &[
            "--what",
            "quotes",
            "--format",
            "csv",
            "--speaker",
            "nayib-bukele",
        ],
    );
    let records = csv_records(&csv);
    assert_eq!(records.len(), 4);
    assert!(records[1..].iter().all(|r| r[2] == "nayib-bukele"));

    let md = export(
        d,
        &[
            "--what",
            "quotes",
            "--format",
            "md",
            "--speaker",
            "nayib-bukele",
        ],
    );
    let sections: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(sections, ["## Nayib Bukele"]);

    let w3c = export_json(
        d,
        &[
            "--what",
            "quotes",
            "--format",
            "w3c",
            "--speaker",
            "nayib-bukele",
        ],
    );
    assert_eq!(w3c["total"], 3);

    // Highlights follow their quote's speaker: only h1 is on a quote.
    let doc = export_json(d, &["--format", "json", "--speaker", "nayib-bukele"]);
    assert_eq!(doc["highlights"].as_array().unwrap().len(), 1);
    assert_eq!(doc["highlights"][0]["id"], "h1");

    // A speaker that no entity is, is a usage error, not an empty export.
    let run = scholia(
        d,
        &[
            "export",
            "cecot.yaml",
            "--what",
            "quotes",
            "--speaker",
            "nayib-bukel",
        ],
    );
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("did you mean `nayib-bukele`?"),
        "{run:#?}"
    );
}

/// The names in a folder, to see that nothing else was left there.
fn names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn output_file_is_written_whole_and_alone() {
    let dir = seed_article();
    let out = tempfile::tempdir().unwrap();
    for format in ["json", "md", "csv", "w3c"] {
        let file = out.path().join(format!("export.{format}"));
        let path = file.to_str().unwrap();
        let args = ["--what", "all", "--format", format];
        let run = scholia(
            dir.path(),
            &[&["export", "cecot.yaml", "-o", path][..], &args[..]].concat(),
        );
        assert_eq!(run.code, 0, "{run:#?}");
        assert!(
            run.stdout.is_empty(),
            "data goes to the file only: {run:#?}"
        );
        assert!(run.stderr.contains(path), "{run:#?}");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            export(dir.path(), &args)
        );
    }
    let want: BTreeSet<String> = ["export.csv", "export.json", "export.md", "export.w3c"]
        .map(String::from)
        .into();
    assert_eq!(
        names(out.path()),
        want,
        "no temporary file is left beside the exports"
    );

    // Over an existing file: replaced whole.
    let file = out.path().join("export.json");
    std::fs::write(&file, "x".repeat(1_000_000)).unwrap();
    let run = scholia(
        dir.path(),
        &[
            "export",
            "cecot.yaml",
            "--format",
            "csv",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{run:#?}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("type,id,") && !text.contains("xxxxxxxxxx"));

    // Input with errors: the old file is untouched and no new one appears.
    std::fs::write(dir.path().join("broken.yaml"), "title: T\n").unwrap();
    let run = scholia(
        dir.path(),
        &["export", "broken.yaml", "-o", file.to_str().unwrap()],
    );
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    let missing = out.path().join("never.json");
    let run = scholia(
        dir.path(),
        &["export", "broken.yaml", "-o", missing.to_str().unwrap()],
    );
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(!missing.exists());
    assert_eq!(names(out.path()), want);

    // A folder that does not exist cannot be written to: an error, and nothing created.
    let nowhere = out.path().join("no/such/folder/x.json");
    let run = scholia(
        dir.path(),
        &["export", "cecot.yaml", "-o", nowhere.to_str().unwrap()],
    );
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("cannot write"), "{run:#?}");
    assert_eq!(names(out.path()), want);
}

#[test]
fn a_folder_exports_every_article_each_carrying_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("articles");
    std::fs::create_dir(&lib).unwrap();
    for entry in std::fs::read_dir(articles()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_file() && !name.contains(".highlights.") {
            std::fs::copy(&path, lib.join(&name)).unwrap();
        }
    }
    let stems = ["cecot", "harbour-council", "tokyo-interview"];
    let run_ok = |args: &[&str]| -> Run {
        let run = scholia(dir.path(), &[&["export", "articles"][..], args].concat());
        assert_eq!(run.code, 0, "{run:#?}");
        run
    };

    let csv = run_ok(&["--what", "quotes", "--format", "csv"]).stdout;
    let records = csv_records(&csv);
    assert_eq!(records[0].join(","), format!("{CSV_HEADER},article"));
    let articles_seen: BTreeSet<&str> = records[1..].iter().map(|r| r[16].as_str()).collect();
    let want: BTreeSet<String> = stems.iter().map(|s| format!("articles/{s}.yaml")).collect();
    assert_eq!(
        articles_seen,
        want.iter().map(String::as_str).collect::<BTreeSet<_>>()
    );
    assert_eq!(records.len() - 1, 13 + 12 + 12);

    // JSON: the articles listed once, and every record carrying its article's path.
    let json: Value =
        serde_json::from_str(&run_ok(&["--what", "quotes", "--format", "json"]).stdout).unwrap();
    let paths: Vec<&str> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, want.iter().map(String::as_str).collect::<Vec<_>>());
    let quotes = json["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 13 + 12 + 12);
    let carried: BTreeSet<&str> = quotes
        .iter()
        .map(|q| q["article"].as_str().unwrap())
        .collect();
    assert_eq!(
        carried,
        want.iter().map(String::as_str).collect::<BTreeSet<_>>()
    );
    assert!(
        quotes
            .iter()
            .all(|q| q["speaker"].is_string() && q["segments"].is_array())
    );

    let md = run_ok(&["--what", "quotes", "--format", "md"]).stdout;
    assert_eq!(md.lines().filter(|l| l.starts_with("# ")).count(), 3);
    assert_eq!(md.matches("\n---\n").count(), 2);

    let w3c: Value =
        serde_json::from_str(&run_ok(&["--what", "quotes", "--format", "w3c"]).stdout).unwrap();
    let items = w3c["first"]["items"].as_array().unwrap();
    assert_eq!(w3c["total"], items.len());
    for stem in stems {
        let prefix = format!("urn:scholia:{stem}:quote:");
        assert!(
            items
                .iter()
                .any(|a| a["id"].as_str().unwrap().starts_with(&prefix)),
            "{stem}"
        );
    }
}

#[test]
fn usage_errors_exit_2_and_write_nothing() {
    let dir = seed_article();
    for args in [
        &["export", "cecot.yaml", "--format", "xml"][..],
        &["export", "cecot.yaml", "--what", "everything"],
        &["export", "cecot.yaml", "--colour", "5"],
        &["export"],
        &["export", "cecot.yaml", "--no-such-flag"],
    ] {
        let run = scholia(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {run:#?}");
        assert!(run.stdout.is_empty(), "{args:?}: {run:#?}");
        assert!(!run.stderr.is_empty(), "{args:?}: {run:#?}");
    }
}

#[test]
fn input_errors_exit_1_with_nothing_on_stdout() {
    let dir = seed_article();
    std::fs::write(
        dir.path().join("broken.yaml"),
        "title: T\nbody: hi\nquote: []\n",
    )
    .unwrap();
    let run = scholia(dir.path(), &["export", "broken.yaml", "--what", "all"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .starts_with("broken.yaml:3:1: error: unknown key `quote`"),
        "{run:#?}"
    );

    let run = scholia(dir.path(), &["export", "nowhere.yaml"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("nowhere.yaml: error: no such file or folder"),
        "{run:#?}"
    );

    // A broken sidecar is an input error too, reported with its line.
    std::fs::write(
        dir.path().join("cecot.highlights.yaml"),
        "highlights: [oops\n",
    )
    .unwrap();
    let run = scholia(dir.path(), &["export", "cecot.yaml"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.starts_with("cecot.highlights.yaml:"), "{run:#?}");
    assert!(run.stdout.is_empty());
}

/// Format 1.1 in every export: scare quotes with their kind, `via`, language and licence.
#[test]
fn format_1_1_fields_reach_every_export() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("articles/format-1.1");
    for f in ["records-office.yaml", "records-office.md"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let run = |format: &str| {
        let run = scholia(
            dir.path(),
            &[
                "export",
                "records-office.yaml",
                "--what",
                "quotes",
                "--format",
                format,
            ],
        );
        assert_eq!(run.code, 0, "{run:#?}");
        run.stdout
    };
    let md = run("md");
    assert!(md.contains("Language: en-GB · Licence: CC0-1.0"), "{md}");
    assert!(
        md.contains("## Scare quotes (not speech)\n\n- ‘legacy backlog’"),
        "{md}"
    );
    assert!(md.contains("(told) · via the Vale Courier ·"), "{md}");
    let csv = run("csv");
    let rows = csv_rows(&csv);
    assert!(
        rows.iter()
            .any(|r| r["id"] == "backlog" && r["speaker"].is_empty() && r["kind"] == "scare"),
        "{csv}"
    );
    assert!(
        rows.iter().any(|r| r["id"] == "okafor-asked"
            && r["via"] == "vale-courier"
            && r["via_name"] == "the Vale Courier"),
        "{csv}"
    );
    let w3c = run("w3c");
    assert!(w3c.contains(":scare:backlog"), "{w3c}");
    assert!(w3c.contains("\"via the Vale Courier\""), "{w3c}");
    // A speaker filter leaves scare quotes out: they are nobody's.
    let run = scholia(
        dir.path(),
        &[
            "export",
            "records-office.yaml",
            "--what",
            "quotes",
            "--format",
            "csv",
            "--speaker",
            "ines-okafor",
        ],
    );
    assert!(!run.stdout.contains("scare"), "{run:#?}");
}

#[test]
fn a_highlight_on_a_quote_in_segments_exports_its_segments_not_the_attribution() {
    let dir = seed_article();
    let body = Body::read(&dir.path().join("cecot.md"));
    let doc = export_json(dir.path(), &["--what", "quotes", "--format", "json"]);
    let quote = doc["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "bukele-receiving")
        .unwrap()
        .clone();
    let segments = quote["segments"].as_array().unwrap();
    assert!(segments.len() > 1);
    let start = segments[0]["start"].as_u64().unwrap() as usize;
    let end = segments.last().unwrap()["end"].as_u64().unwrap() as usize;
    let whole = body.slice(start, end);
    assert!(whole.contains("Bukele declared"), "{whole}");
    let sidecar = format!(
        "format: 1\nhighlights:\n  - id: all\n    start: {start}\n    end: {end}\n    text: {}\n    prefix: ''\n    suffix: ''\n    quote: bukele-receiving\n    created: \"2025-03-17T09:30:00Z\"\n",
        json(&whole)
    );
    std::fs::write(dir.path().join("cecot.highlights.yaml"), sidecar).unwrap();

    let csv = export(dir.path(), &["--format", "csv"]);
    let rows = csv_rows(&csv);
    let listed: Vec<String> = segments
        .iter()
        .map(|s| format!("{}-{}", s["start"], s["end"]))
        .collect();
    assert_eq!(rows[0]["segments"], listed.join(" "));
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(rows[0]["text"], one_line(quote["text"].as_str().unwrap()));

    let md = export(dir.path(), &["--format", "md"]);
    assert!(!md.contains("Bukele declared"), "{md}");
    assert!(md.contains(" … This action,"), "{md}");

    let w3c: Value = serde_json::from_str(&export(dir.path(), &["--format", "w3c"])).unwrap();
    let target = &w3c["first"]["items"][0]["target"];
    assert_eq!(
        target.as_array().map(Vec::len),
        Some(segments.len()),
        "{target}"
    );
    assert_eq!(target[1]["selector"][1]["start"], segments[1]["start"]);
}

#[test]
fn jsonl_is_one_record_a_line_each_with_its_article() {
    let dir = seed_article();
    let text = export(dir.path(), &["--what", "all", "--format", "jsonl"]);
    let doc = export_json(dir.path(), &["--what", "all", "--format", "json"]);
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let of = |kind: &str| lines.iter().filter(|l| l["type"] == kind).count();
    let mentions: usize = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["mentions"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        (of("quote"), of("entity"), of("mention"), of("highlight")),
        (13, 21, mentions, 3)
    );
    assert_eq!(lines.len(), 13 + 21 + mentions + 3);
    for line in &lines {
        assert_eq!(line["title"], doc["article"]["title"]);
        assert_eq!(line["source"], doc["article"]["source"]);
        assert!(line["path"].as_str().unwrap().ends_with("cecot.yaml"));
        assert!(line.get("published").is_some());
    }
    // A quote line is the JSON export's quote with the article in front.
    let q = lines
        .iter()
        .find(|l| l["id"] == "bukele-receiving")
        .unwrap();
    let want = doc["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "bukele-receiving")
        .unwrap();
    for key in ["speaker", "speaker_name", "kind", "text", "segments"] {
        assert_eq!(q[key], want[key], "{key}");
    }
    let m = lines.iter().find(|l| l["type"] == "mention").unwrap();
    let body = Body::read(&dir.path().join("cecot.md"));
    let (s, e) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
    assert_eq!(m["text"], body.slice(s as usize, e as usize));
}

#[test]
fn jsonl_of_a_folder_skips_a_broken_article_and_exports_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(
        lib.join("a.yaml"),
        "title: A\nbody: Ann said hi.\nentities:\n  - {id: ann, name: Ann, kind: person}\n",
    )
    .unwrap();
    std::fs::write(lib.join("b.yaml"), "title: [broken\n").unwrap();
    let run = scholia(
        dir.path(),
        &["export", "lib", "--what", "entities", "--format", "jsonl"],
    );
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("b.yaml"), "{run:#?}");
    let lines: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["type"], "entity");
    assert_eq!(lines[0]["title"], "A");
    assert_eq!(lines[0]["mentions"], 1);
    assert_eq!(lines[1]["type"], "mention");
}

#[test]
fn w3c_without_a_url_names_the_article_not_the_exporting_machines_folders() {
    let dir = tempfile::tempdir().unwrap();
    let private = dir.path().join("home-alice-secret project");
    std::fs::create_dir(&private).unwrap();
    std::fs::write(
        private.join("notes é.yaml"),
        "format: 1\ntitle: T\nbody: Ann spoke.\nentities:\n  - {id: ann, name: Ann, kind: person}\n",
    )
    .unwrap();
    let run = scholia(
        dir.path(),
        &[
            "export",
            "home-alice-secret project/notes é.yaml",
            "--what",
            "entities",
            "--format",
            "w3c",
        ],
    );
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(!run.stdout.contains("file:"), "{}", run.stdout);
    assert!(!run.stdout.contains("alice"), "{}", run.stdout);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let ann = &doc["first"]["items"][0];
    assert_eq!(ann["target"]["source"], "urn:scholia:notes%20%C3%A9");
    assert_eq!(ann["id"], "urn:scholia:notes%20%C3%A9:entity:ann");
}

/// A file name is chosen by whoever sent the command or the script: one carrying a terminal
/// escape is written as named, but the "wrote …" message shows the escape inert.
#[test]
fn the_wrote_message_shows_a_hostile_file_name_inert() {
    let dir = seed_article();
    let out = tempfile::tempdir().unwrap();
    for (format, name) in [
        ("json", "x\u{1b}]0;pwned\u{7}.json"),
        ("jsonl", "x\u{1b}[2J\u{202e}.jsonl"),
        ("brat", "x\u{1b}[31m.ann"),
    ] {
        let file = out.path().join(name);
        let run = scholia(
            dir.path(),
            &[
                "export",
                "cecot.yaml",
                "--format",
                format,
                "-o",
                file.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{run:#?}");
        assert!(file.exists(), "{format}: the file is written as named");
        assert!(run.stderr.starts_with("wrote "), "{run:#?}");
        assert!(
            !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{202e}'),
            "{format}: {run:#?}"
        );
        assert!(run.stderr.contains('␛'), "{format}: {run:#?}");
    }
}

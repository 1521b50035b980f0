//! `scholia export --format brat|labelstudio` and `scholia import`: every shipped article goes
//! out and comes back with the same quotes (segments, speakers, kinds, cues, via) and the same
//! mentions; a hand-written brat pair (made here from the standoff spec,
//! <https://brat.nlplab.org/standoff.html>) imports and passes `check`; broken input is reported
//! by file and line, and nothing is overwritten without `--force`.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{articles, scholia};
use scholia::article::Article;

fn shipped() -> Vec<PathBuf> {
    let mut list = Vec::new();
    for dir in [articles(), articles().join("format-1.1")] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".yaml") && !name.ends_with(".highlights.yaml") {
                list.push(p);
            }
        }
    }
    list.sort();
    assert!(list.len() >= 4, "the shipped articles are found");
    list
}

type QuoteKey = (
    Vec<(usize, usize)>,
    String,
    String,
    Option<String>,
    Option<String>,
);

/// What must survive a round trip: quotes by segments with speaker, kind, cue and via; each
/// entity's mentions by id.
fn summary(a: &Article) -> (BTreeSet<QuoteKey>, BTreeSet<(String, usize, usize)>) {
    let mut quotes: BTreeSet<QuoteKey> = a
        .quotes
        .iter()
        .map(|q| {
            (
                q.segments.iter().map(|s| (s.start(), s.end())).collect(),
                a.entities[q.speaker].id.clone(),
                q.kind.as_str().to_string(),
                q.cue.clone(),
                q.via.map(|v| a.entities[v].id.clone()),
            )
        })
        .collect();
    quotes.extend(a.scare_quotes.iter().map(|q| {
        (
            q.segments.iter().map(|s| (s.start(), s.end())).collect(),
            String::new(),
            "scare".to_string(),
            None,
            None,
        )
    }));
    let mentions = a
        .entities
        .iter()
        .flat_map(|e| {
            e.mentions
                .iter()
                .map(|m| (e.id.clone(), m.start(), m.end()))
        })
        .collect();
    (quotes, mentions)
}

fn load(path: &Path) -> Article {
    scholia::load::load(path).unwrap().article
}

#[test]
fn every_shipped_article_comes_back_from_brat_unchanged() {
    round_trip("brat", "out.ann");
}

#[test]
fn every_shipped_article_comes_back_from_label_studio_unchanged() {
    round_trip("labelstudio", "out.json");
}

fn round_trip(format: &str, file: &str) {
    for article in shipped() {
        let dir = tempfile::tempdir().unwrap();
        let ann = dir.path().join(file);
        let run = scholia(
            dir.path(),
            &[
                "export".as_ref(),
                article.as_os_str(),
                "--format".as_ref(),
                format.as_ref(),
                "-o".as_ref(),
                ann.as_os_str(),
            ],
        );
        assert_eq!(run.code, 0, "{article:?}: {}", run.stderr);
        let run = scholia(
            dir.path(),
            &["import", file, "--from", format, "-o", "back.yaml"],
        );
        assert_eq!(run.code, 0, "{article:?}: {}", run.stderr);
        assert!(
            !run.stderr.contains("warning"),
            "{article:?}: nothing is lost: {}",
            run.stderr
        );
        let check = scholia(dir.path(), &["check", "back.yaml"]);
        assert_eq!(check.code, 0, "{article:?}: {}", check.stderr);
        let (before, back) = (load(&article), load(&dir.path().join("back.yaml")));
        assert_eq!(back.body.as_str(), before.body.as_str());
        let (q0, m0) = summary(&before);
        let (q1, m1) = summary(&back);
        assert!(!q0.is_empty() && !m0.is_empty());
        assert_eq!(q1, q0, "{article:?}: quotes");
        assert_eq!(m1, m0, "{article:?}: mentions");
        // The speakers (and every entity) come back under their own names and kinds.
        let entities = |a: &Article| -> BTreeSet<(String, String, String)> {
            a.entities
                .iter()
                .map(|e| (e.id.clone(), e.name.clone(), e.kind.as_str().to_string()))
                .collect()
        };
        assert_eq!(entities(&back), entities(&before), "{article:?}: entities");
    }
}

/// A brat pair as an annotator would leave it: entity types in brat's usual NER spelling, a
/// quote split over two fragments, its speaker as a relation (pointing either way), a `Cue`
/// span, a pronoun mention joined to its entity by `*`, and an event line brat allows but the
/// format has no place for.
const TXT: &str = "Mayor Ana Ruiz opened the bridge on Monday.\n\"It is finished,\" Ruiz said. \"We kept our word.\"\nShe thanked the Port Authority.\n";
const ANN: &str = "T1\tPER 6 14\tAna Ruiz\n\
T2\tPER 62 66\tRuiz\n\
T3\tDirect 45 60;74 91\tIt is finished, We kept our word.\n\
R1\tSpeaker Arg1:T2 Arg2:T3\n\
T4\tCue 67 71\tsaid\n\
R2\tCue Arg1:T3 Arg2:T4\n\
T5\tPerson 93 96\tShe\n\
*\tEquiv T1 T5\n\
T6\tORG 109 123\tPort Authority\n\
E1\tOpen:T1\n";

#[test]
fn a_hand_written_brat_pair_imports_and_checks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ruiz.txt"), TXT).unwrap();
    std::fs::write(dir.path().join("ruiz.ann"), ANN).unwrap();
    let run = scholia(
        dir.path(),
        &["import", "ruiz.ann", "--from", "brat", "-o", "ruiz.yaml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The event is reported with its line, not dropped silently.
    assert!(run.stderr.contains("ruiz.ann:10:"), "{}", run.stderr);
    let a = load(&dir.path().join("ruiz.yaml"));
    assert_eq!(a.quotes.len(), 1);
    let q = &a.quotes[0];
    assert_eq!(q.segments.len(), 2);
    assert_eq!(a.entities[q.speaker].name, "Ana Ruiz");
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert_eq!(q.kind.as_str(), "direct");
    let ruiz = &a.entities[q.speaker];
    // "Ana Ruiz", "Ruiz" and "She" are one person's three mentions.
    assert_eq!(ruiz.mentions.len(), 3, "{:?}", ruiz.mentions);
    assert!(a.entities.iter().any(|e| e.name == "Port Authority"));
    assert_eq!(scholia(dir.path(), &["check", "ruiz.yaml"]).code, 0);
}

#[test]
fn broken_ann_files_are_reported_by_line_and_nothing_is_written() {
    let cases = [
        ("T1\tPerson 6 999\tAna\n", ":1:", "past the end"),
        (
            "T1\tPerson 0 5\tMayor\nT2\tPerson 6 14\tAna Rui\n",
            ":2:",
            "do not belong",
        ),
        ("T1\tPerson six 14\tAna Ruiz\n", ":1:", "not a span"),
        ("R1\tSpeaker T1 T2\n", ":1:", "Arg1:"),
    ];
    for (ann, line, what) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.txt"), TXT).unwrap();
        std::fs::write(dir.path().join("x.ann"), ann).unwrap();
        let run = scholia(
            dir.path(),
            &["import", "x.ann", "--from", "brat", "-o", "x.yaml"],
        );
        run.assert_no_panic();
        assert_eq!(run.code, 1, "{ann:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("x.ann{line}")) && run.stderr.contains(what),
            "{ann:?}: {}",
            run.stderr
        );
        assert!(!dir.path().join("x.yaml").exists());
        assert!(!dir.path().join("x.md").exists());
    }
}

#[test]
fn import_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ruiz.txt"), TXT).unwrap();
    std::fs::write(dir.path().join("ruiz.ann"), ANN).unwrap();
    std::fs::write(dir.path().join("ruiz.md"), "mine").unwrap();
    let args = ["import", "ruiz.ann", "--from", "brat", "-o", "ruiz.yaml"];
    let run = scholia(dir.path(), &args);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ruiz.md")).unwrap(),
        "mine"
    );
    let mut forced = args.to_vec();
    forced.push("--force");
    assert_eq!(scholia(dir.path(), &forced).code, 0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ruiz.md")).unwrap(),
        TXT
    );
}

/// A Label Studio task as its JSON export writes one (made here from the export format's
/// documentation): an emoji before the spans, so UTF-16 offsets differ from char offsets by
/// one; a quote in two regions joined by `next`; a speaker relation without a label; a cue as
/// a per-region text area; a choice result the format has no place for.
const TASK: &str = r#"[{"id": 7, "data": {"text": "\ud83c\udf09 Mayor Ana Ruiz opened the bridge. \"It is finished,\" Ruiz said. \"We kept our word.\"", "title": "Bridge opens"},
 "annotations": [{"id": 1, "result": [
  {"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 9, "end": 17, "text": "Ana Ruiz", "labels": ["Person"]}},
  {"id": "b", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 55, "end": 59, "text": "Ruiz", "labels": ["PER"]}},
  {"id": "c", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 38, "end": 53, "text": "It is finished,", "labels": ["Direct"]}},
  {"id": "d", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 67, "end": 84, "text": "We kept our word.", "labels": ["Direct"]}},
  {"from_id": "c", "to_id": "d", "type": "relation", "direction": "right", "labels": ["next"]},
  {"from_id": "b", "to_id": "c", "type": "relation", "direction": "right", "labels": []},
  {"id": "c", "from_name": "cue", "to_name": "text", "type": "textarea", "value": {"start": 38, "end": 53, "text": ["said"]}},
  {"id": "z", "from_name": "tone", "to_name": "text", "type": "choices", "value": {"choices": ["calm"]}}
 ]}]}]"#;

#[test]
fn a_label_studio_task_imports_with_utf16_offsets() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("task.json"), TASK).unwrap();
    let run = scholia(
        dir.path(),
        &[
            "import",
            "task.json",
            "--from",
            "labelstudio",
            "-o",
            "bridge.yaml",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("`choices`"), "{}", run.stderr);
    let a = load(&dir.path().join("bridge.yaml"));
    assert_eq!(a.meta.title, "Bridge opens");
    let q = &a.quotes[0];
    let texts: Vec<&str> = q
        .segments
        .iter()
        .map(|s| a.body.slice(s.start(), s.end()))
        .collect();
    assert_eq!(texts, ["It is finished,", "We kept our word."]);
    assert_eq!(a.entities[q.speaker].name, "Ana Ruiz");
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert_eq!(a.entities[q.speaker].mentions.len(), 2);
}

#[test]
fn broken_label_studio_files_are_reported_and_nothing_is_written() {
    let cases = [
        ("[{\"data\": {\"text\": \"x\"},", "not JSON"),
        ("{\"data\": {}}", "data.text"),
        ("[]", "empty list"),
        (
            "[{\"data\": {\"text\": \"\\ud83c\\udf09 hi\"}, \"annotations\": [{\"result\": [{\"id\": \"a\", \"type\": \"labels\", \"value\": {\"start\": 1, \"end\": 3, \"labels\": [\"Person\"]}}]}]}]",
            "not a span",
        ),
        (
            "[{\"data\": {\"text\": \"Ana Ruiz\"}, \"annotations\": [{\"result\": [{\"id\": \"a\", \"type\": \"labels\", \"value\": {\"start\": 0, \"end\": 3, \"text\": \"Bob\", \"labels\": [\"Person\"]}}]}]}]",
            "do not belong",
        ),
    ];
    for (json, what) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("t.json"), json).unwrap();
        let run = scholia(
            dir.path(),
            &["import", "t.json", "--from", "labelstudio", "-o", "t.yaml"],
        );
        run.assert_no_panic();
        assert_eq!(run.code, 1, "{json}: {}", run.stderr);
        assert!(
            run.stderr.contains("t.json") && run.stderr.contains(what),
            "{json}: {}",
            run.stderr
        );
        assert!(!dir.path().join("t.yaml").exists());
    }
}

/// A Citron file as its `docs/data_format.md` describes one: a direct quote (content in
/// quotation marks, which the segment leaves out) and an indirect one whose source is a
/// surname.
const CITRON: &str = r#"{"text": "\"We will rebuild the pier,\" Mayor Ana Ruiz said on Friday. Ruiz added that the work would start in May.",
 "quotes": [
  {"cue": {"start": 43, "end": 47, "text": "said"},
   "sources": [{"start": 28, "end": 42, "text": "Mayor Ana Ruiz"}],
   "contents": [{"start": 0, "end": 27, "text": "\"We will rebuild the pier,\""}], "confidence": 0.93},
  {"cue": {"start": 64, "end": 69, "text": "added"},
   "sources": [{"start": 59, "end": 63, "text": "Ruiz"}],
   "contents": [{"start": 70, "end": 102, "text": "that the work would start in May"}]}
 ]}"#;

#[test]
fn a_citron_file_imports_with_kinds_and_one_speaker() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pier.json"), CITRON).unwrap();
    let run = scholia(
        dir.path(),
        &["import", "pier.json", "--from", "citron", "-o", "pier.yaml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let a = load(&dir.path().join("pier.yaml"));
    assert_eq!(a.quotes.len(), 2);
    let (q1, q2) = (&a.quotes[0], &a.quotes[1]);
    assert_eq!(
        a.body.slice(q1.segments[0].start(), q1.segments[0].end()),
        "We will rebuild the pier,"
    );
    assert_eq!(q1.kind.as_str(), "direct");
    assert_eq!(q2.kind.as_str(), "indirect");
    assert_eq!(q1.cue.as_deref(), Some("said"));
    assert_eq!(q1.speaker, q2.speaker, "Ruiz is Mayor Ana Ruiz");
    let bad = CITRON.replace("\"start\": 70, \"end\": 102", "\"start\": 70, \"end\": 999");
    std::fs::write(dir.path().join("bad.json"), bad).unwrap();
    let run = scholia(
        dir.path(),
        &["import", "bad.json", "--from", "citron", "-o", "bad.yaml"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("bad.json") && run.stderr.contains("quote 2 content"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("bad.yaml").exists());
}

/// The same article as the Gender Gap Tracker's quote extractor records it (the keys its
/// `NLP/main/quote_extractor.py` writes: `speaker`, `speaker_index`, `quote`, `quote_index`,
/// `verb`, `verb_index` as `"(start,end)"` strings, on the article's `body`), with a floating
/// quote that has no speaker.
const GGT: &str = r#"{"body": "\"We will rebuild the pier,\" Mayor Ana Ruiz said on Friday. Ruiz added that the work would start in May. \"It is late.\"",
 "quotes": [
  {"speaker": "Mayor Ana Ruiz", "speaker_index": "(28,42)", "quote": "\"We will rebuild the pier,\"",
   "quote_index": "(0,27)", "verb": "say", "verb_index": "(43,47)", "quote_token_count": 7,
   "quote_type": "QCV", "is_floating_quote": false},
  {"speaker": "Ruiz", "speaker_index": "(59,63)", "quote": "that the work would start in May",
   "quote_index": "(70,102)", "verb": "add", "verb_index": "(64,69)", "quote_token_count": 7,
   "quote_type": "SVC", "is_floating_quote": false},
  {"speaker": "", "speaker_index": "", "quote": "\"It is late.\"", "quote_index": "(104,117)",
   "verb": "", "verb_index": "", "quote_token_count": 5, "quote_type": "QCQ",
   "is_floating_quote": true}
 ]}"#;

#[test]
fn a_gender_gap_tracker_record_imports_as_citron_does() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pier.json"), GGT).unwrap();
    let run = scholia(
        dir.path(),
        &["import", "pier.json", "--from", "citron", "-o", "pier.yaml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("quote 3: no source; left out"),
        "the floating quote is reported: {}",
        run.stderr
    );
    let a = load(&dir.path().join("pier.yaml"));
    assert_eq!(a.quotes.len(), 2);
    let (q1, q2) = (&a.quotes[0], &a.quotes[1]);
    assert_eq!(
        a.body.slice(q1.segments[0].start(), q1.segments[0].end()),
        "We will rebuild the pier,"
    );
    assert_eq!((q1.kind.as_str(), q2.kind.as_str()), ("direct", "indirect"));
    assert_eq!(
        q1.cue.as_deref(),
        Some("said"),
        "the cue as the text has it"
    );
    assert_eq!(q1.speaker, q2.speaker, "Ruiz is Mayor Ana Ruiz");
    let check = scholia(dir.path(), &["check", "pier.yaml"]);
    assert_eq!(check.code, 0, "{}", check.stderr);

    // A quote text that is not the body's text there: the record belongs to another body.
    let bad = GGT.replace(
        "that the work would start in May",
        "that the work would start soon",
    );
    std::fs::write(dir.path().join("bad.json"), bad).unwrap();
    let run = scholia(
        dir.path(),
        &["import", "bad.json", "--from", "citron", "-o", "bad.yaml"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("quote 2 content"), "{}", run.stderr);
    assert!(!dir.path().join("bad.yaml").exists());
}

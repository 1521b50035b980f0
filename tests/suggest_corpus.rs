//! `suggest` against the hand-made annotations of tests/suggest-corpus: the floors for
//! all articles together, and every draft loading as it was written (no repair).

use std::path::{Path, PathBuf};

use scholia::body::Body;
use scholia::load;
use scholia::suggest::evaluate::{Report, table};
use scholia::suggest::run::score;
use scholia::suggest::{suggest, write};

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/suggest-corpus"));
    let mut list: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    list.sort();
    list
}

#[test]
fn the_corpus_has_eight_articles_or_more_and_every_gold_file_loads() {
    let list = corpus();
    assert!(list.len() >= 8, "{} articles", list.len());
    for gold in &list {
        assert!(load::load(gold).is_ok(), "{} does not load", gold.display());
    }
}

#[test]
fn drafts_meet_the_floors_over_all_articles() {
    let mut total = Report::default();
    let mut out = String::new();
    for gold_path in corpus() {
        let gold = load::load(&gold_path).unwrap().article;
        let body = gold.body.clone();
        let name = gold
            .body_path
            .as_ref()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let report = score(&body, &name, &gold).unwrap();
        out.push_str(&table(&name, &report));
        total.add(&report);
    }
    out.push_str(&table("all articles", &total));
    println!("{out}");
    let (d, e) = (&total.direct, &total.entities);
    assert!(d.recall() >= 0.90, "direct recall {:.2}\n{out}", d.recall());
    assert!(
        d.precision() >= 0.85,
        "direct precision {:.2}\n{out}",
        d.precision()
    );
    assert!(
        d.speaker_accuracy() >= 0.85,
        "speaker accuracy {:.2}\n{out}",
        d.speaker_accuracy()
    );
    assert!(
        e.recall() >= 0.75,
        "entities found {:.2}\n{out}",
        e.recall()
    );
}

#[test]
fn every_corpus_draft_loads_as_written() {
    for gold_path in corpus() {
        let gold = load::load(&gold_path).unwrap().article;
        let body = Body::new(gold.body.as_str().to_string());
        let draft = suggest(&body);
        let w = write::render_checked(&draft, &body, "body.md", "x");
        assert!(
            w.repaired.is_empty(),
            "{}: {:?}",
            gold_path.display(),
            w.repaired
        );
        let article = write::load_draft(&w.yaml, &body, "body.md").unwrap();
        let speech = draft.quotes.iter().filter(|q| !q.scare).count();
        assert_eq!(article.quotes.len(), speech, "{}", gold_path.display());
        assert_eq!(article.scare_quotes.len(), draft.quotes.len() - speech);
        // Every quote carries its rule and confidence in a comment.
        let comments = w
            .yaml
            .lines()
            .filter(|l| l.trim_start().starts_with("# ") && l.trim_end().ends_with(')'))
            .count();
        assert!(comments >= draft.quotes.len(), "{}", w.yaml);
    }
}

#[test]
fn every_corpus_draft_and_gold_file_passes_the_published_schema() {
    let src = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/scholia-annotation.schema.json"),
    )
    .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&src).unwrap();
    let v = jsonschema::validator_for(&schema).unwrap();
    for gold_path in corpus() {
        let gold_src = std::fs::read_to_string(&gold_path).unwrap();
        let gold = load::load(&gold_path).unwrap().article;
        let body = Body::new(gold.body.as_str().to_string());
        let w = write::render_checked(&suggest(&body), &body, "body.md", "x");
        for (what, yaml) in [("gold", gold_src.as_str()), ("draft", w.yaml.as_str())] {
            let json: serde_json::Value = serde_saphyr::from_str(yaml).unwrap();
            let errors: Vec<String> = v
                .iter_errors(&json)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(
                errors.is_empty(),
                "{} {what}: {errors:?}",
                gold_path.display()
            );
        }
    }
}

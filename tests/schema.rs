//! The published JSON Schema (docs/scholia-annotation.schema.json) agrees with the loader: every
//! shipped article passes it, and files the loader refuses for their shape fail it.

use std::path::Path;

use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let src = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/scholia-annotation.schema.json"),
    )
    .expect("the schema is in docs/");
    let schema: Value = serde_json::from_str(&src).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

/// The YAML as an editor's language server sees it: plain YAML values, numbers as numbers.
fn as_json(yaml: &str) -> Value {
    serde_saphyr::from_str(yaml).expect("test YAML parses")
}

fn errors(v: &jsonschema::Validator, yaml: &str) -> Vec<String> {
    v.iter_errors(&as_json(yaml))
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn every_shipped_article_passes_the_schema() {
    let v = validator();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    let mut seen = 0;
    let files = std::fs::read_dir(&dir)
        .unwrap()
        .chain(std::fs::read_dir(dir.join("format-1.1")).unwrap());
    for entry in files {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        assert_eq!(errors(&v, &src), Vec::<String>::new(), "{}", path.display());
        // And the loader agrees.
        scholia::load::load(&path).unwrap_or_else(|p| panic!("{}: {p:?}", path.display()));
        seen += 1;
    }
    assert!(seen >= 4, "only {seen} articles found in {}", dir.display());
}

#[test]
fn format_one_one_keys_pass() {
    let v = validator();
    let src = "format: 1.1
title: 1.50
license: CC-BY-4.0
language: en-GB
x-tool: {run: 3}
body: |
  The council's 'legacy backlog' grew, he told the Gazette.
entities:
  - {id: mayor, name: Ann Reyes, aliases: [{text: he, occurrence: [1]}], x-seen: true}
  - {id: gazette, name: the Gazette, kind: organization}
quotes:
  - {kind: scare, text: legacy backlog}
  - {speaker: mayor, kind: indirect, text: The council's, via: gazette, cue: told}
";
    assert_eq!(errors(&v, src), Vec::<String>::new());
}

#[test]
fn broken_files_fail_the_schema() {
    let v = validator();
    let cases = [
        ("title: T\n", "neither body nor body_file"),
        (
            "title: T\nbody: x\nbody_file: x.md\n",
            "both body and body_file",
        ),
        ("title: T\nbody: x\nlicence: MIT\n", "an unknown key"),
        ("format: 2\ntitle: T\nbody: x\n", "an unknown format"),
        (
            "title: T\nbody: x\nlanguage: en_GB\n",
            "a malformed language",
        ),
        (
            "title: T\nbody: x\nentities: [{id: Bad Id, name: X}]\n",
            "a malformed id",
        ),
        (
            "title: T\nbody: x\nentities: [{id: a, name: X, kind: persn}]\n",
            "an unknown entity kind",
        ),
        (
            "title: T\nbody: x\nentities: [{id: a, name: X, aliases: [{text: he, occurrence: [0]}]}]\n",
            "place 0",
        ),
        (
            "title: T\nbody: x\nquotes: [{speaker: [a, b], text: x}]\n",
            "a list as speaker",
        ),
        ("title: T\nbody: x\nquotes: [{text: x}]\n", "no speaker"),
        (
            "title: T\nbody: x\nquotes: [{kind: scare, speaker: a, text: x}]\n",
            "a scare quote with a speaker",
        ),
        (
            "title: T\nbody: x\nquotes: [{kind: scare, via: a, text: x}]\n",
            "a scare quote with via",
        ),
        (
            "title: T\nbody: x\nquotes: [{speaker: a, text: []}]\n",
            "an empty text",
        ),
        (
            "title: T\nbody: x\nquotes: [{speaker: a, text: x, occurrence: 0}]\n",
            "occurrence 0",
        ),
    ];
    for (src, what) in cases {
        assert!(
            !errors(&v, src).is_empty(),
            "{what} passed the schema:\n{src}"
        );
    }
}

//! `scholia check` on broken annotation files: exit code 1, one `path:line:col: error: …` line
//! per problem pointing at the YAML node at fault, no panic, and a quick finish on hostile input.
//!
//! Every fixture is written to a fresh folder and checked from inside it, so the paths printed
//! are the bare file names. Lines and columns are 1-based; each expected one was counted by hand
//! in the fixture above it.

mod common;

use common::{Run, articles, folder, scholia};

/// `scholia check PATH` in a folder holding `files`.
fn check(files: &[(&str, &[u8])], path: &str) -> Run {
    let dir = folder(files);
    scholia(dir.path(), &["check", path])
}

/// `scholia check NAME` on one annotation file.
fn check_one(name: &str, text: &str) -> Run {
    check(&[(name, text.as_bytes())], name)
}

fn error_lines(run: &Run) -> Vec<&str> {
    run.problem_lines()
        .into_iter()
        .filter(|l| l.contains(": error: "))
        .collect()
}

/// Exit code 1 and exactly one error, at `location` (`file:line:col` or just `file`), whose
/// message holds each of `words`.
#[track_caller]
fn assert_only_error(run: &Run, location: &str, words: &[&str]) {
    assert_eq!(run.code, 1, "exit code: {run:#?}");
    let errors = error_lines(run);
    assert_eq!(errors.len(), 1, "expected one error: {run:#?}");
    assert_line(errors[0], location, words);
    assert!(
        run.stderr.contains("checked 1 file: 1 error"),
        "summary: {run:#?}"
    );
}

#[track_caller]
fn assert_line(line: &str, location: &str, words: &[&str]) {
    let prefix = format!("{location}: error: ");
    assert!(
        line.starts_with(&prefix),
        "{line:?} should start with {prefix:?}"
    );
    for w in words {
        assert!(line.contains(w), "{line:?} should say {w:?}");
    }
}

#[test]
fn shipped_articles_check_clean() {
    let run = scholia(&articles(), &["check", articles().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.problem_lines(), Vec::<&str>::new(), "{run:#?}");
    assert_eq!(run.stdout.matches(": ok — ").count(), 4, "{run:#?}");
    assert!(run.stderr.contains("checked 4 files: 0 errors, 0 warnings"));
}

#[test]
fn unknown_key_names_the_closest_known_one() {
    let run = check_one("a.yaml", "title: T\nbody: hello\nquote: []\n");
    assert_only_error(
        &run,
        "a.yaml:3:1",
        &["unknown key `quote`", "did you mean `quotes`?"],
    );

    // Inside an entity, the key's own column.
    let run = check_one(
        "b.yaml",
        "title: T\nbody: Ann spoke.\nentities:\n  - id: ann\n    name: Ann\n    alias: [A]\n",
    );
    assert_only_error(
        &run,
        "b.yaml:6:5",
        &["unknown key `alias`", "did you mean `aliases`?"],
    );
}

#[test]
fn missing_title_points_at_the_top_mapping() {
    // The comment and blank line put the top mapping on line 3.
    let run = check_one("a.yaml", "# An article without a title\n\nbody: hello\n");
    assert_only_error(&run, "a.yaml:3:1", &["missing `title`"]);
}

#[test]
fn body_and_body_file_together() {
    let run = check_one("a.yaml", "title: T\nbody: hello\nbody_file: x.md\n");
    assert_only_error(&run, "a.yaml:3:1", &["both `body` and `body_file`"]);
}

#[test]
fn neither_body_nor_body_file() {
    let run = check_one("a.yaml", "# comment\ntitle: T\nsource: S\n");
    assert_only_error(
        &run,
        "a.yaml:2:1",
        &["missing the text", "body_file", "body:"],
    );
}

#[test]
fn unknown_speaker() {
    let run = check_one(
        "a.yaml",
        "title: T\nbody: Ann said hello.\nentities:\n  - {id: ann, name: Ann}\nquotes:\n  - speaker: anne\n    text: hello\n",
    );
    assert_only_error(
        &run,
        "a.yaml:6:14",
        &["unknown speaker `anne`", "did you mean `ann` (Ann)?"],
    );

    let run = check_one(
        "b.yaml",
        "title: T\nbody: Ann said hello.\nentities:\n  - {id: ann, name: Ann}\nquotes:\n  - speaker: bob\n    text: hello\n",
    );
    assert_only_error(
        &run,
        "b.yaml:6:14",
        &["unknown speaker `bob`", "add an entity"],
    );
}

#[test]
fn duplicate_entity_id() {
    let run = check_one(
        "a.yaml",
        "title: T\nbody: Ann and Bob.\nentities:\n  - id: ann\n    name: Ann\n  - id: ann\n    name: Bob\n",
    );
    assert_only_error(&run, "a.yaml:6:9", &["duplicate entity id `ann`", "line 4"]);
}

#[test]
fn segment_not_found_quotes_the_closest_passage() {
    let run = check_one(
        "a.yaml",
        "title: T\nbody: We are receiving these criminals because they pose a threat.\nentities:\n  - {id: b, name: B}\nquotes:\n  - speaker: b\n    text: We are recieving these criminals\n",
    );
    assert_only_error(
        &run,
        "a.yaml:7:11",
        &[
            "quote segment not found in the body",
            "\"We are rec▸ieving these criminals\"",
            "the closest passage, at body line 1:1, reads \"We are rec▸eiving these criminals because…\" (▸ marks where they first differ)",
        ],
    );
}

#[test]
fn ambiguous_first_segment_says_how_often_it_occurs() {
    let run = check_one(
        "a.yaml",
        "title: T\nbody: yes, yes and yes\nentities:\n  - {id: b, name: B}\nquotes:\n  - speaker: b\n    text: \"yes\"\n",
    );
    assert_only_error(
        &run,
        "a.yaml:7:11",
        &["occurs 3 times", "occurrence: N", "1 to 3"],
    );
}

#[test]
fn unknown_entity_kind() {
    let run = check_one(
        "a.yaml",
        "title: T\nbody: Ann.\nentities:\n  - id: ann\n    name: Ann\n    kind: persn\n",
    );
    assert_only_error(
        &run,
        "a.yaml:6:11",
        &[
            "unknown entity kind `persn`",
            "did you mean `person`?",
            "person, organization, group, place, facility, law, event, work, other",
        ],
    );
}

#[test]
fn unknown_quote_kind() {
    let run = check_one(
        "a.yaml",
        "title: T\nbody: Ann said hi.\nentities:\n  - {id: ann, name: Ann}\nquotes:\n  - speaker: ann\n    text: hi\n    kind: indirekt\n",
    );
    assert_only_error(
        &run,
        "a.yaml:8:11",
        &[
            "unknown quote kind `indirekt`",
            "did you mean `indirect`?",
            "direct, indirect, mixed",
        ],
    );
}

#[test]
fn malformed_ids() {
    let run = check_one(
        "a.yaml",
        "title: T\nbody: Ann.\nentities:\n  - id: Ann Smith\n    name: Ann\n",
    );
    assert_only_error(
        &run,
        "a.yaml:4:9",
        &["malformed id `Ann Smith`", "`ann-smith`"],
    );

    let run = check_one(
        "b.yaml",
        "title: T\nbody: Ann said hi.\nentities:\n  - {id: ann, name: Ann}\nquotes:\n  - {id: _q1, speaker: ann, text: hi}\n",
    );
    assert_only_error(&run, "b.yaml:6:10", &["malformed id `_q1`", "`q1`"]);
}

#[test]
fn yaml_syntax_errors_are_located() {
    let run = check_one("a.yaml", "title: \"unterminated\nbody: x\n");
    assert_only_error(
        &run,
        "a.yaml:1:8",
        &["invalid YAML", "this quoted value is never closed"],
    );
    // The parser's own location must not be repeated inside the message.
    assert!(!run.stderr.contains("line 1 column 8"), "{run:#?}");

    let run = check_one("b.yaml", "title: T\nbody: x\ntitle: U\n");
    assert_only_error(
        &run,
        "b.yaml:3:1",
        &["invalid YAML", "`title` is given twice in one mapping"],
    );
}

#[test]
fn missing_body_file_points_at_its_path() {
    let run = check_one("a.yaml", "title: T\nbody_file: missing.md\n");
    assert_only_error(
        &run,
        "a.yaml:2:12",
        &[
            "body file `missing.md` not found",
            "relative to this file's folder",
        ],
    );
}

#[test]
fn format_other_than_one() {
    let run = check_one("a.yaml", "format: 2\ntitle: T\nbody: hi\n");
    assert_only_error(&run, "a.yaml:1:9", &["unsupported `format: 2`", "format 1"]);

    let run = check_one("b.yaml", "format: \"1\"\ntitle: T\nbody: hi\n");
    assert_only_error(&run, "b.yaml:1:9", &["unsupported `format: \"1\"`"]);
}

#[test]
fn one_surface_form_on_two_entities() {
    let run = check_one(
        "a.yaml",
        "title: T\nbody: Ann and Bob.\nentities:\n  - id: ann\n    name: Ann\n  - id: bob\n    name: Bob\n    aliases: [Ann]\n",
    );
    assert_only_error(
        &run,
        "a.yaml:8:15",
        &["`Ann` names two entities", "`ann` (line 5)", "`bob`"],
    );
}

#[test]
fn occurrence_out_of_range() {
    let run = check_one(
        "a.yaml",
        "title: T\nbody: yes and yes\nentities:\n  - {id: b, name: B}\nquotes:\n  - speaker: b\n    text: \"yes\"\n    occurrence: 3\n",
    );
    assert_only_error(
        &run,
        "a.yaml:8:17",
        &["`occurrence: 3` is out of range", "occurs twice"],
    );
}

#[test]
fn later_segment_must_follow_the_previous_one() {
    // "Other thing." is in the body, but only before the first segment.
    let run = check_one(
        "a.yaml",
        "title: T\nbody: Other thing. One thing, she said.\nentities:\n  - {id: b, name: B}\nquotes:\n  - speaker: b\n    text:\n      - One thing,\n      - Other thing.\n",
    );
    assert_only_error(
        &run,
        "a.yaml:9:9",
        &[
            "quote segment 2 occurs only before segment 1",
            "\"Other thing.\"",
            "reading order",
        ],
    );

    // Misspelt: not found after the first, and the closest passage is quoted.
    let run = check_one(
        "b.yaml",
        "title: T\nbody: \"One thing, she said. The second thing is here.\"\nentities:\n  - {id: b, name: she}\nquotes:\n  - speaker: b\n    text:\n      - One thing,\n      - The secnd thing is here.\n",
    );
    assert_only_error(
        &run,
        "b.yaml:9:9",
        &[
            "quote segment 2 not found after segment 1",
            "reads \"…she said. The sec▸ond thing is here.\"",
        ],
    );
}

#[test]
fn empty_files() {
    let run = check_one("a.yaml", "");
    assert_only_error(&run, "a.yaml", &["the file is empty"]);

    let run = check_one("b.yaml", "  \n# only a comment\n");
    assert_only_error(&run, "b.yaml", &["holds no keys"]);
}

#[test]
fn body_file_not_utf8_names_the_body_and_the_byte() {
    // "Hello wörld " is 13 bytes (ö takes two); byte 13 is the stray 0xFF.
    let run = check(
        &[
            ("a.yaml", b"title: T\nbody_file: a.md\n"),
            ("a.md", b"Hello w\xc3\xb6rld \xff\xfe more\n"),
        ],
        "a.yaml",
    );
    assert_only_error(&run, "a.md", &["not valid UTF-8 at byte 13"]);
}

#[test]
fn annotation_file_not_utf8() {
    // "title: T\n" is 9 bytes and "body: caf" 9 more: the Latin-1 é is byte 18.
    let run = check(&[("a.yaml", b"title: T\nbody: caf\xe9\n")], "a.yaml");
    assert_only_error(&run, "a.yaml", &["not valid UTF-8 at byte 18"]);
}

#[test]
fn alias_bomb_is_refused_quickly() {
    // "Billion laughs": each level repeats the one before ten times; twelve levels would be
    // 10^12 nodes. The parser's node budget stops it on line 8 (`a5`), at its second alias:
    // column 10 holds the first `*a4`, column 15 the second.
    let mut text = String::from("title: T\nbody: hi\nnote: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let list = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{list}]\n"));
    }
    let run = check_one("a.yaml", &text);
    assert_only_error(
        &run,
        "a.yaml:8:15",
        &["invalid YAML", "expands too many aliases"],
    );
    // Generous: a debug build takes about 2 s of CPU; a loaded machine waits longer for a core.
    assert!(run.took < std::time::Duration::from_secs(30), "{run:#?}");
}

#[test]
fn twenty_thousand_nested_brackets() {
    // `entities: ` is 10 columns; the scanner gives up at the 256th bracket, column 266.
    let text = format!(
        "title: T\nbody: hi\nentities: {}{}\n",
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    let run = check_one("a.yaml", &text);
    assert_only_error(&run, "a.yaml:3:266", &["invalid YAML", "nested too deeply"]);
}

#[test]
fn nested_mappings_past_the_depth_limit() {
    // Twenty-four levels are allowed; the 24th `{a: ` opens the 25th (column 11 + 23 * 4).
    let text = format!(
        "title: T\nbody: hi\nentities: {}1{}\n",
        "{a: ".repeat(100),
        "}".repeat(100)
    );
    let run = check_one("a.yaml", &text);
    assert_only_error(&run, "a.yaml:3:103", &["invalid YAML", "too deeply nested"]);
}

#[test]
fn files_over_the_size_cap_are_refused_before_reading() {
    // Sparse: 64 MiB and one byte of nothing, made instantly and never read.
    let over = 64 * 1024 * 1024 + 1;
    let dir = folder(&[("small.yaml", b"title: T\nbody_file: big.md\n")]);
    for name in ["big.yaml", "big.md"] {
        std::fs::File::create(dir.path().join(name))
            .and_then(|f| f.set_len(over))
            .unwrap();
    }

    let run = scholia(dir.path(), &["check", "big.yaml"]);
    assert_only_error(
        &run,
        "big.yaml",
        &["file is 67108865 bytes", "over the limit of 64 MiB"],
    );
    // Generous: a debug build takes about 2 s of CPU; a loaded machine waits longer for a core.
    assert!(run.took < std::time::Duration::from_secs(30), "{run:#?}");

    // A body file over the cap is named as the file at fault.
    let run = scholia(dir.path(), &["check", "small.yaml"]);
    assert_only_error(&run, "big.md", &["over the limit of 64 MiB"]);
}

#[test]
fn a_folder_checks_every_annotation_file_below_it() {
    let dir = folder(&[
        ("lib/a.yaml", b"title: T\nbody: hi\nquote: []\n"),
        ("lib/sub/b.yml", b"body: hi\n"),
        ("lib/good.yaml", b"title: Good\nbody: Fine words.\n"),
        // A highlights sidecar is not an annotation file, whatever it holds.
        ("lib/good.highlights.yaml", b"not: [an annotation\n"),
        ("lib/notes.txt", b"ignored"),
    ]);
    let run = scholia(dir.path(), &["check", "lib"]);
    assert_eq!(run.code, 1, "{run:#?}");
    let errors = error_lines(&run);
    assert_eq!(errors.len(), 2, "{run:#?}");
    assert_line(errors[0], "lib/a.yaml:3:1", &["unknown key `quote`"]);
    assert_line(errors[1], "lib/sub/b.yml:1:1", &["missing `title`"]);
    assert!(run.stdout.contains("lib/good.yaml: ok"), "{run:#?}");
    assert!(!run.stderr.contains("highlights"), "{run:#?}");
    assert!(run.stderr.contains("checked 3 files: 2 errors"), "{run:#?}");
}

#[test]
fn several_paths_in_one_run() {
    let dir = folder(&[
        ("a.yaml", b"title: T\n"),
        ("b.yaml", b"title: T\nbody: x\nformat: 3\n"),
    ]);
    let run = scholia(dir.path(), &["check", "a.yaml", "b.yaml", "nowhere.yaml"]);
    assert_eq!(run.code, 1, "{run:#?}");
    let errors = error_lines(&run);
    assert_eq!(errors.len(), 3, "{run:#?}");
    assert_line(errors[0], "a.yaml:1:1", &["missing the text"]);
    assert_line(errors[1], "b.yaml:3:9", &["unsupported `format: 3`"]);
    assert_line(errors[2], "nowhere.yaml", &["no such file or folder"]);
}

#[test]
fn every_problem_of_a_file_in_one_run() {
    let text = "\
title: T
body: Hello world, hello again.
entities:
  - {id: a, name: Hello}
  - {id: a, name: world}
  - {id: Bad Id, name: again}
  - {id: b, name: Hello, kind: persn}
quotes:
  - {speaker: nobody, text: Hello}
  - {speaker: a, text: [\"world, hello\", missing bit here]}
  - {speaker: a, text: Hello, occurrence: 3}
  - {speaker: a, text: helo world, quote: x}
";
    let run = check_one("a.yaml", text);
    assert_eq!(run.code, 1, "{run:#?}");
    let want: &[(&str, &[&str])] = &[
        ("a.yaml:5:10", &["duplicate entity id `a`", "line 4"]),
        ("a.yaml:6:10", &["malformed id `Bad Id`"]),
        ("a.yaml:7:19", &["`Hello` names two entities"]),
        ("a.yaml:7:32", &["unknown entity kind `persn`"]),
        ("a.yaml:9:15", &["unknown speaker `nobody`"]),
        (
            "a.yaml:10:41",
            &["quote segment 2 not found after segment 1"],
        ),
        ("a.yaml:11:43", &["`occurrence: 3` is out of range"]),
        (
            "a.yaml:12:24",
            &["quote segment not found", "reads \"▸Hello world"],
        ),
        ("a.yaml:12:36", &["unknown key `quote` in a quote"]),
    ];
    let errors = error_lines(&run);
    assert_eq!(errors.len(), want.len(), "{run:#?}");
    // Sorted by position, as `check` prints them.
    for (line, (location, words)) in errors.iter().zip(want) {
        assert_line(line, location, words);
    }
    assert!(run.stderr.contains("checked 1 file: 9 errors"), "{run:#?}");
}

#[test]
fn warnings_alone_do_not_fail_the_check() {
    let run = check_one(
        "a.yaml",
        "title: T\nbody: hi\nentities:\n  - {id: wwii, name: World War II}\n",
    );
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(
        run.problem_lines(),
        ["a.yaml:4:5: warning: entity `wwii` is never mentioned in the body and has no quotes"]
    );
    assert!(run.stdout.contains("a.yaml: ok"), "{run:#?}");
    assert!(run.stderr.contains("0 errors, 1 warning"), "{run:#?}");
}

#[test]
fn warnings_are_printed_after_the_errors() {
    let run = check_one(
        "a.yaml",
        "title: T\nbody: hi\nentities:\n  - {id: wwii, name: World War II}\n  - {id: x, name: hi, kind: plase}\n",
    );
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.problem_lines(),
        [
            "a.yaml:5:29: error: unknown entity kind `plase`; did you mean `place`? use one of person, organization, group, place, facility, law, event, work, other",
            "a.yaml:4:5: warning: entity `wwii` is never mentioned in the body and has no quotes",
        ]
    );
    assert!(run.stdout.is_empty(), "{run:#?}");
}

#[test]
fn usage_errors_exit_2() {
    let dir = folder(&[]);
    let run = scholia(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{run:#?}");
    let run = scholia(dir.path(), &["check", "--no-such-flag", "x.yaml"]);
    assert_eq!(run.code, 2, "{run:#?}");
}

// ---------------------------------------------------------------------------------------------
// Format 1.1: each new key and rule, valid and invalid.

/// Exit 0 with no errors; returns the warning lines.
#[track_caller]
fn assert_ok(run: &Run) -> Vec<String> {
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(error_lines(run).is_empty(), "{run:#?}");
    run.problem_lines()
        .into_iter()
        .filter(|l| l.contains(": warning: "))
        .map(str::to_string)
        .collect()
}

const PEOPLE: &str = "entities:\n  - {id: ann, name: Ann Lee, aliases: [Professor Lee]}\n  - {id: gazette, name: the Gazette}\n";

#[test]
fn the_format_1_1_example_article_checks_clean() {
    let dir = articles().join("format-1.1");
    let run = scholia(&dir, &["check", "records-office.yaml"]);
    assert_eq!(assert_ok(&run), Vec::<String>::new());
    assert!(
        run.stdout.contains(
            "records-office.yaml: ok — 10 entities, 9 quotes, 1 scare quote, 19 mentions"
        ),
        "{run:#?}"
    );
}

#[test]
fn format_1_and_1_1_are_read_and_nothing_else() {
    for v in ["1", "1.1"] {
        assert_ok(&check_one(
            "a.yaml",
            &format!("format: {v}\ntitle: T\nbody: x\n"),
        ));
    }
    for (v, shown) in [
        ("1.10", "1.10"),
        ("2", "2"),
        ("\"1.1\"", "\"1.1\""),
        ("1.0", "1.0"),
    ] {
        let run = check_one("a.yaml", &format!("format: {v}\ntitle: T\nbody: x\n"));
        assert_only_error(
            &run,
            "a.yaml:1:9",
            &[&format!("unsupported `format: {shown}`"), "1 and 1.1"],
        );
    }
}

#[test]
fn license_language_and_x_keys() {
    let run = check_one(
        "a.yaml",
        "format: 1.1\ntitle: T\nlicense: CC-BY-4.0\nlanguage: pt-BR\nx-tool: {a: [1, 2]}\nx-other: yes\nbody: x\n",
    );
    assert_ok(&run);
    let run = check_one("a.yaml", "title: T\nlanguage: en_GB\nbody: x\n");
    assert_only_error(
        &run,
        "a.yaml:2:11",
        &["`en_GB` is not a BCP 47 language tag", "`en-GB`"],
    );
    let run = check_one("a.yaml", "title: T\nlanguage: English\nbody: x\n");
    assert_only_error(&run, "a.yaml:2:11", &["`language: en`"]);
    let run = check_one("a.yaml", "title: T\nlicence: MIT\nbody: x\n");
    assert_only_error(
        &run,
        "a.yaml:2:1",
        &["unknown key `licence`", "did you mean `license`?"],
    );
    let run = check_one("a.yaml", "title: T\nwibble: 1\nbody: x\n");
    assert_only_error(&run, "a.yaml:2:1", &["any key starting with `x-`"]);
}

#[test]
fn scare_quotes_have_no_speaker() {
    let body = "title: T\nbody: The 'legacy backlog' grew.\n";
    assert_ok(&check_one(
        "a.yaml",
        &format!("{body}quotes:\n  - {{kind: scare, text: legacy backlog}}\n"),
    ));
    let run = check_one(
        "a.yaml",
        &format!(
            "{body}{PEOPLE}quotes:\n  - {{kind: scare, speaker: ann, text: legacy backlog}}\n"
        ),
    );
    assert_only_error(
        &run,
        "a.yaml:7:28",
        &["a scare quote has no speaker", "remove `speaker`"],
    );
    let run = check_one(
        "a.yaml",
        &format!(
            "{body}{PEOPLE}quotes:\n  - {{kind: scare, via: gazette, text: legacy backlog}}\n"
        ),
    );
    assert_only_error(&run, "a.yaml:7:24", &["a scare quote has no `via`"]);
    let run = check_one(
        "a.yaml",
        &format!("{body}quotes:\n  - {{kind: scared, text: legacy backlog}}\n"),
    );
    assert_only_error(
        &run,
        "a.yaml:4:12",
        &[
            "unknown quote kind `scared`",
            "did you mean `scare`?",
            "direct, indirect, mixed, scare",
        ],
    );
}

#[test]
fn via_names_an_entity() {
    let body = "title: T\nbody: Ann Lee told the Gazette it was late.\n";
    let ok = format!(
        "{body}{PEOPLE}quotes:\n  - {{speaker: ann, via: gazette, kind: indirect, text: it was late}}\n"
    );
    assert_ok(&check_one("a.yaml", &ok));
    let run = check_one("a.yaml", &ok.replace("via: gazette", "via: gazete"));
    assert_only_error(
        &run,
        "a.yaml:7:25",
        &[
            "unknown `via` entity `gazete`",
            "did you mean `gazette` (the Gazette)?",
        ],
    );
    let run = check_one("a.yaml", &ok.replace("via: gazette", "via: the Gazette"));
    assert_only_error(
        &run,
        "a.yaml:7:25",
        &["that is a name or alias of entity `gazette`: give its id, `gazette`"],
    );
}

#[test]
fn a_list_as_speaker_is_explained() {
    let run = check_one(
        "a.yaml",
        &format!(
            "title: T\nbody: Ann Lee and the Gazette said no.\n{PEOPLE}quotes:\n  - {{speaker: [ann, gazette], text: no}}\n"
        ),
    );
    assert_only_error(
        &run,
        "a.yaml:7:15",
        &[
            "a quote has one speaker, not a list",
            "kind: group",
            "speaker: ann-and-gazette",
        ],
    );
}

#[test]
fn a_speaker_given_by_a_word_of_its_alias_gets_a_suggestion() {
    let run = check_one(
        "a.yaml",
        &format!(
            "title: T\nbody: Professor Lee said no.\n{PEOPLE}quotes:\n  - {{speaker: lee, text: no}}\n"
        ),
    );
    assert_only_error(
        &run,
        "a.yaml:7:15",
        &["unknown speaker `lee`", "did you mean `ann` (Ann Lee)?"],
    );
}

#[test]
fn an_alias_can_name_only_some_places() {
    let body = "title: T\nbody: Ann Lee came. She spoke. Then Bo came; she left.\n";
    let ent = |occ: &str| {
        format!(
            "entities:\n  - {{id: ann, name: Ann Lee, aliases: [{{text: She, occurrence: {occ}}}]}}\n  - {{id: bo, name: Bo, aliases: [{{text: she, occurrence: [1]}}]}}\n"
        )
    };
    assert_ok(&check_one("a.yaml", &format!("{body}{}", ent("[1]"))));
    let run = check_one("a.yaml", &format!("{body}{}", ent("[2]")));
    assert_only_error(
        &run,
        "a.yaml:4:64",
        &["`occurrence` lists place 2, but `She` stands once in the body"],
    );
    let run = check_one("a.yaml", &format!("{body}{}", ent("[0]")));
    assert_only_error(
        &run,
        "a.yaml:4:65",
        &["lists whole numbers from 1", "not `0`"],
    );
    let run = check_one("a.yaml", &format!("{body}{}", ent("[1.0]")));
    assert_only_error(&run, "a.yaml:4:65", &["not `1.0`"]);
    let run = check_one(
        "a.yaml",
        &format!(
            "{body}entities:\n  - {{id: ann, name: Ann Lee, aliases: [she]}}\n  - {{id: bo, name: Bo, aliases: [{{text: she, occurrence: [1]}}]}}\n"
        ),
    );
    assert_only_error(
        &run,
        "a.yaml:5:41",
        &[
            "`she` names two entities",
            "`{text: she, occurrence: [1, 3]}`",
        ],
    );
    let run = check_one(
        "a.yaml",
        &format!("{body}entities:\n  - {{id: ann, name: Ann Lee, aliases: [{{txt: She}}]}}\n"),
    );
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("unknown key `txt` in an alias; did you mean `text`?"),
        "{run:#?}"
    );
}

#[test]
fn segments_match_on_word_boundaries_and_ambiguity_lists_places() {
    let body =
        "title: T\nbody: |\n  They streamlined it.\n  We will streamline it, Ann Lee said.\n";
    assert_ok(&check_one(
        "a.yaml",
        &format!("{body}{PEOPLE}quotes:\n  - {{speaker: ann, text: streamline}}\n"),
    ));
    let body = "title: T\nbody: |\n  Ann Lee said yes. Then she said\n  yes again, and yes.\n";
    let run = check_one(
        "a.yaml",
        &format!("{body}{PEOPLE}quotes:\n  - {{speaker: ann, text: \"yes\"}}\n"),
    );
    assert_only_error(
        &run,
        "a.yaml:9:26",
        &[
            "occurs 3 times",
            "add `occurrence: N` (1 to 3) to say which",
            "1 at body line 1:14 \"Ann Lee said yes. Then she said yes…\"",
            "2 at body line 2:1",
            "3 at body line 2:16",
        ],
    );
}

#[test]
fn scalars_are_taken_as_written() {
    // A number, hex and boolean-looking text where text is wanted: the characters as written.
    let run = check_one(
        "a.yaml",
        "title: 1.50\nbody: Prices rose 3.10 and 3.1 at 0x1F, True.\nentities:\n  - {id: s, name: 0x1F, aliases: [True]}\nquotes:\n  - {speaker: s, text: 3.10}\n",
    );
    assert_ok(&run);
    let run = check_one(
        "a.yaml",
        "title: T\nbody: a b a b\nentities: [{id: s, name: a}]\nquotes:\n  - {speaker: s, text: b, occurrence: 0x2}\n",
    );
    assert_only_error(&run, "a.yaml:5:39", &["not `0x2`"]);
    let run = check_one(
        "a.yaml",
        "title: T\nbody: a b a b\nentities: [{id: s, name: a}]\nquotes:\n  - {speaker: s, text: b, occurrence: 1.0}\n",
    );
    assert_only_error(&run, "a.yaml:5:39", &["not `1.0`"]);
}

#[test]
fn warnings_for_marks_in_a_direct_quote_and_a_silent_speaker() {
    let run = check_one(
        "a.yaml",
        "title: T\nbody: Ann Lee said “We stay.” Bo said “no.”\nentities:\n  - {id: ann, name: Ann Lee}\n  - {id: bo, name: Robert}\nquotes:\n  - {speaker: ann, text: “We stay.”}\n  - {speaker: bo, text: no.}\n",
    );
    let warnings = assert_ok(&run);
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(
        warnings[0].starts_with("a.yaml:5:5: warning: entity `bo` speaks but is never mentioned"),
        "{warnings:#?}"
    );
    assert!(
        warnings[1].starts_with(
            "a.yaml:7:26: warning: this direct quote's text includes the quotation mark `“`"
        ),
        "{warnings:#?}"
    );
    // Indirect quotes and nested marks inside are fine.
    let run = check_one(
        "a.yaml",
        "title: T\nbody: Ann Lee called it 'madness' today.\nentities:\n  - {id: ann, name: Ann Lee}\nquotes:\n  - {speaker: ann, text: called it 'madness' today}\n",
    );
    assert_eq!(assert_ok(&run), Vec::<String>::new());
}

#[test]
fn a_misspelt_body_file_gets_the_file_beside_it() {
    let run = check(
        &[
            ("a.yaml", b"title: T\nbody_file: Water.md\n"),
            ("water.md", b"text"),
        ],
        "a.yaml",
    );
    assert_only_error(
        &run,
        "a.yaml:2:12",
        &["body file `Water.md` not found", "did you mean `water.md`?"],
    );
}

#[test]
fn the_closest_passage_shows_the_bodys_own_marks() {
    // The segment runs over a closing mark the body has: the hint shows “ and ” as written.
    let run = check_one(
        "a.yaml",
        "title: T\nbody: “We stay,” Ann Lee said. “We will not go.”\nentities: [{id: ann, name: Ann Lee}]\nquotes:\n  - {speaker: ann, text: \"We stay, Ann Lee said\"}\n",
    );
    assert_only_error(
        &run,
        "a.yaml:5:26",
        &[
            "\"We stay,▸ Ann Lee said\"",
            "reads \"“We stay,▸” Ann Lee said. “We will…\"",
        ],
    );
}

#[test]
fn export_speaker_takes_a_name_or_alias() {
    let dir = folder(&[(
        "a.yaml",
        b"title: T\nbody: Ann Lee said yes. Bo said no.\nentities:\n  - {id: ann, name: Ann Lee, aliases: [Professor Lee]}\n  - {id: bo, name: Bo}\nquotes:\n  - {speaker: ann, text: yes}\n  - {speaker: bo, text: no}\n",
    )]);
    let run = scholia(
        dir.path(),
        &[
            "export",
            "--what",
            "quotes",
            "--format",
            "csv",
            "--speaker",
            "professor lee",
            "a.yaml",
        ],
    );
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stdout.contains("quote,q1,ann,") && !run.stdout.contains(",bo,"),
        "{run:#?}"
    );
    let run = scholia(
        dir.path(),
        &["export", "--what", "quotes", "--speaker", "lee", "a.yaml"],
    );
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr
            .contains("--speaker `lee`: no entity has this id, name or alias; did you mean `ann`?"),
        "{run:#?}"
    );
}

#[test]
fn an_unknown_theme_is_a_usage_error() {
    let run = scholia(&articles(), &["render", "--theme", "drak", "cecot.yaml"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr
            .contains("--theme `drak`: no such theme; did you mean `dark`? the themes are dark"),
        "{run:#?}"
    );
}

#[test]
fn names_and_passages_from_the_file_print_inert() {
    // A name with an escape sequence, shown in a did-you-mean; a body passage with one, shown
    // as the closest passage; a bidi override in a key.
    let run = check_one(
        "a.yaml",
        "title: T\nbody: \"We stay \\e[2J here, \\u202e she said.\"\nentities: [{id: ann, name: \"A\\e[31mnn\"}]\nquotes:\n  - {speaker: anx, text: We stay here}\n\"x\\u202ey\": 1\n",
    );
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("did you mean `ann` (A␛[31mnn)?"),
        "{run:#?}"
    );
    assert!(
        run.stderr.contains("reads \"We stay ▸␛[2J here"),
        "{run:#?}"
    );
    assert!(!run.stderr.contains(['\u{1b}', '\u{202e}']), "{run:#?}");
}

#[test]
fn a_yaml_and_a_yml_side_by_side_are_each_warned_about() {
    let yaml = "title: A\nbody_file: a.md\nentities: []\nquotes: []\n";
    let body: &[u8] = b"Some text.\n";
    let run = check(
        &[
            ("a.yaml", yaml.as_bytes()),
            ("a.yml", yaml.as_bytes()),
            ("a.md", body),
        ],
        ".",
    );
    assert_eq!(run.code, 0, "{run:#?}");
    let warnings: Vec<&str> = run
        .problem_lines()
        .into_iter()
        .filter(|l| l.contains(": warning: "))
        .collect();
    assert_eq!(warnings.len(), 2, "{run:#?}");
    let says = |file: &str, twin: &str, sidecar: &str| {
        warnings.iter().any(|l| {
            l.contains(file)
                && l.contains(&format!("`{twin}` stands beside"))
                && l.contains(sidecar)
        })
    };
    assert!(says("a.yaml", "a.yml", "`a.highlights.yaml`"), "{run:#?}");
    assert!(
        says("a.yml", "a.yaml", "`a.yml.highlights.yaml`"),
        "{run:#?}"
    );
}

/// An article's text or its highlights file checked by mistake: which annotation file to check,
/// found by its stem or by the `body_file:` that names the text, not a YAML parser's complaint.
#[test]
fn a_body_or_a_highlights_file_says_which_file_to_check() {
    let cecot = std::fs::read(articles().join("cecot.yaml")).unwrap();
    let body = std::fs::read(articles().join("cecot.md")).unwrap();
    let dir = folder(&[
        ("cecot.yaml", &cecot),
        ("cecot.md", &body),
        ("cecot.highlights.yaml", b"format: 1\nhighlights: []\n"),
        ("story.md", b"The mill reopens on Monday.\n"),
        ("coverage.yaml", b"title: Mill\nbody_file: \"story.md\"\n"),
        ("notes.txt", b"Nothing annotates this.\n"),
    ]);
    for (name, words) in [
        (
            "cecot.md",
            "this is an article's text, not its annotation file; check `cecot.yaml`",
        ),
        (
            "cecot.highlights.yaml",
            "this is a highlights file, not an article; check `cecot.yaml`",
        ),
        (
            "story.md",
            "this is an article's text, not its annotation file; check `coverage.yaml`",
        ),
        ("notes.txt", "`scholia suggest notes.txt` drafts one"),
    ] {
        let run = scholia(dir.path(), &["check", name]);
        run.assert_no_panic();
        assert_eq!(run.code, 1, "{run:?}");
        let lines = run.problem_lines();
        assert_eq!(lines.len(), 1, "{run:?}");
        assert!(
            lines[0].starts_with(&format!("{name}: error: ")) && lines[0].contains(words),
            "{name}: {}",
            lines[0]
        );
    }
}

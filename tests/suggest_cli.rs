//! `scholia suggest` as a user runs it: the draft on standard output passes `check` beside its
//! body; `-o` writes atomically and never replaces a file without `--force`; a folder gets a
//! draft beside each body; `--against` prints the scores.

mod common;

use common::{folder, scholia};

const BODY: &str = "# Quay Saved\n\n\
Mayor Helen Carrow opened the debate. “We are not here to decide whether it changes,” she said. \
“We are here to decide who it changes for.”\n\n\
“The sea does not wait,” said Harbourmaster Ines Okafor.\n\n\
Okafor said the wall would need repairs before winter.\n";

#[test]
fn the_draft_on_standard_output_passes_check_beside_its_body() {
    let dir = folder(&[("quay.md", BODY.as_bytes())]);
    let run = scholia(dir.path(), &["suggest", "quay.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("speaker: helen-carrow"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("speaker: ines-okafor"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("kind: indirect"), "{}", run.stdout);
    std::fs::write(dir.path().join("quay.yaml"), &run.stdout).unwrap();
    let check = scholia(dir.path(), &["check", "quay.yaml"]);
    assert_eq!(check.code, 0, "{}\n{}", check.stderr, run.stdout);
    assert!(
        check.stderr.contains("0 errors, 0 warnings"),
        "{}",
        check.stderr
    );
}

#[test]
fn output_file_is_written_once_and_replaced_only_with_force() {
    let dir = folder(&[("quay.md", BODY.as_bytes()), ("out/.keep", b"")]);
    let first = scholia(dir.path(), &["suggest", "quay.md", "-o", "out/quay.yaml"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.stderr.contains("wrote out/quay.yaml"));
    let written = std::fs::read_to_string(dir.path().join("out/quay.yaml")).unwrap();
    assert!(written.contains("body_file: \"../quay.md\""), "{written}");
    assert_eq!(scholia(dir.path(), &["check", "out/quay.yaml"]).code, 0);

    std::fs::write(dir.path().join("out/quay.yaml"), "mine").unwrap();
    let again = scholia(dir.path(), &["suggest", "quay.md", "-o", "out/quay.yaml"]);
    assert_eq!(again.code, 1);
    assert!(
        again
            .stderr
            .contains("already exists (4 bytes); add --force"),
        "{}",
        again.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/quay.yaml")).unwrap(),
        "mine"
    );

    let forced = scholia(
        dir.path(),
        &["suggest", "quay.md", "-o", "out/quay.yaml", "--force"],
    );
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/quay.yaml")).unwrap(),
        written
    );
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp.")), "{names:?}");
}

#[test]
fn a_folder_gets_a_draft_beside_each_body_and_keeps_existing_ones() {
    let dir = folder(&[
        ("a.md", BODY.as_bytes()),
        ("sub/b.txt", "“Yes, we will,” said Ann Lee.\n".as_bytes()),
        ("c.md", b"plain words"),
        ("c.yaml", b"title: mine\nbody_file: c.md\n"),
    ]);
    let run = scholia(dir.path(), &["suggest", "."]);
    assert_eq!(run.code, 1, "c.yaml exists: {}", run.stderr);
    assert!(
        run.stderr.contains("c.yaml: error: already exists"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("wrote ./a.yaml"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("c.yaml")).unwrap(),
        "title: mine\nbody_file: c.md\n"
    );
    let check = scholia(dir.path(), &["check", "a.yaml", "sub/b.yaml"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let b = std::fs::read_to_string(dir.path().join("sub/b.yaml")).unwrap();
    assert!(b.contains("name: \"Ann Lee\""), "{b}");
    let usage = scholia(dir.path(), &["suggest", ".", "-o", "x.yaml"]);
    assert_eq!(usage.code, 2);
}

#[test]
fn against_prints_the_scores_by_kind() {
    let gold = "title: Quay\nbody_file: quay.md\nentities:\n  - {id: hc, name: Helen Carrow, kind: person, aliases: [Carrow]}\n\
                \x20 - {id: io, name: Ines Okafor, kind: person, aliases: [Okafor]}\nquotes:\n\
                \x20 - speaker: hc\n    cue: said\n    text: [\"We are not here to decide whether it changes,\", \"We are here to decide who it changes for.\"]\n\
                \x20 - {speaker: io, cue: said, text: \"The sea does not wait,\"}\n\
                \x20 - {speaker: io, kind: indirect, cue: said, text: \"the wall would need repairs before winter\"}\n";
    let dir = folder(&[("quay.md", BODY.as_bytes()), ("gold.yaml", gold.as_bytes())]);
    let run = scholia(
        dir.path(),
        &["suggest", "quay.md", "--against", "gold.yaml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("direct       3      3    1.00         3      3       1.00     1.00 1.00"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("reported     1      1    1.00"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("2 of 2 found (1.00), kind right 1.00"),
        "{}",
        run.stdout
    );
    let other = folder(&[("quay.md", BODY.as_bytes()), ("gold.yaml", gold.as_bytes())]);
    std::fs::create_dir_all(other.path().join("x")).unwrap();
    std::fs::write(other.path().join("x/quay.md"), "different").unwrap();
    let wrong = scholia(
        other.path(),
        &["suggest", "x/quay.md", "--against", "gold.yaml"],
    );
    assert_eq!(wrong.code, 1);
    assert!(wrong.stderr.contains("is not the body"), "{}", wrong.stderr);
}

#[test]
fn a_missing_body_is_an_error_a_person_can_act_on() {
    let dir = folder(&[]);
    let run = scholia(dir.path(), &["suggest", "nope.md"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr.trim(), "nope.md: error: no such file");
}

#[test]
fn the_draft_never_replaces_its_own_body_nor_waits_on_a_pipe() {
    let dir = folder(&[("quay.md", BODY.as_bytes())]);
    let run = scholia(
        dir.path(),
        &["suggest", "quay.md", "-o", "quay.md", "--force"],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("quay.md: error: this is the body itself"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("quay.md")).unwrap(),
        BODY
    );

    let fifo = dir.path().join("pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        // Opening a pipe with no writer would block: the command must refuse it at once.
        let run = scholia(dir.path(), &["suggest", "pipe.md"]);
        assert_eq!(run.code, 1);
        assert!(
            run.stderr
                .contains("pipe.md: error: is a FIFO (named pipe), not a regular file"),
            "{}",
            run.stderr
        );
        std::fs::remove_file(&fifo).unwrap();
    }
    let into_folder = scholia(dir.path(), &["suggest", "quay.md", "-o", ".", "--force"]);
    assert_eq!(into_folder.code, 1);
    assert!(
        into_folder
            .stderr
            .contains("exists and is not a regular file"),
        "{}",
        into_folder.stderr
    );
}

#[test]
fn two_bodies_with_one_stem_do_not_race_for_one_draft() {
    let dir = folder(&[
        ("x.md", BODY.as_bytes()),
        ("x.txt", b"\xe2\x80\x9cNo,\xe2\x80\x9d said Ann Lee.\n"),
    ]);
    let run = scholia(dir.path(), &["suggest", "."]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("x.txt: error: another body drafts into ./x.yaml"),
        "{}",
        run.stderr
    );
    let draft = std::fs::read_to_string(dir.path().join("x.yaml")).unwrap();
    assert!(draft.contains("body_file: \"x.md\""), "{draft}");
}

#[test]
fn hostile_text_reaches_the_draft_escaped_and_the_draft_loads() {
    let body = "“\u{1b}[31mRed\u{7} alert: key: value # not a comment\\,” said Ann Lee.\n\n\
                \u{2028}“Next\u{85} line,” she said.\n";
    let dir = folder(&[("h.md", body.as_bytes())]);
    let run = scholia(dir.path(), &["suggest", "h.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{7}'),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("\\x1b[31mRed\\x07"), "{}", run.stdout);
    std::fs::write(dir.path().join("h.yaml"), &run.stdout).unwrap();
    let check = scholia(dir.path(), &["check", "h.yaml"]);
    assert_eq!(check.code, 0, "{}\n{}", check.stderr, run.stdout);
    assert!(check.stdout.contains("2 quotes"), "{}", check.stdout);
}

#[test]
fn words_told_to_an_outlet_carry_it_as_via() {
    let body = "Ann Lee told the Vale Courier that the plan was dead.\n\n\
                “It is over,” Ann Lee told the Vale Courier.\n";
    let dir = folder(&[("v.md", body.as_bytes())]);
    let run = scholia(dir.path(), &["suggest", "v.md", "-o", "v.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let draft = std::fs::read_to_string(dir.path().join("v.yaml")).unwrap();
    assert_eq!(draft.matches("via: vale-courier").count(), 2, "{draft}");
    assert!(draft.contains("text: \"the plan was dead\""), "{draft}");
    let check = scholia(dir.path(), &["check", "v.yaml"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn a_verb_trusted_only_next_to_quotation_marks_reports_its_quoted_words() {
    let body = "Councillor Ben Okafor called the delay “a failure of basic openness”.\n\n\
                Ben Okafor called a meeting for Tuesday.\n";
    let dir = folder(&[("c.md", body.as_bytes())]);
    let run = scholia(dir.path(), &["suggest", "c.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("kind: mixed\n    cue: \"called\"\n    text: \"the delay “a failure of basic openness”\""), "{}", run.stdout);
    assert_eq!(
        run.stdout.matches("cue: \"called\"").count(),
        1,
        "{}",
        run.stdout
    );
}

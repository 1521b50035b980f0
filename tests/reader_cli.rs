//! The reader through its command line: what it says when it cannot run, and screens drawn by
//! `render` that need no model internals.

mod common;

use common::{articles, scholia};

#[test]
fn without_a_terminal_it_says_so_and_points_at_render_and_export() {
    // The test harness gives the child pipes, not a terminal.
    let run = scholia(&articles(), &["cecot.yaml"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stdout.is_empty(), "{run:#?}");
    for words in [
        "needs a terminal",
        "scholia render cecot.yaml",
        "scholia export cecot.yaml",
    ] {
        assert!(run.stderr.contains(words), "{words}: {run:#?}");
    }
    assert!(!run.stderr.contains("os error"), "{run:#?}");
}

#[test]
fn a_highlights_file_named_by_mistake_names_the_article_to_open() {
    let dir = common::folder(&[("a.highlights.yaml", b"highlights: []\n")]);
    std::fs::copy(articles().join("cecot.yaml"), dir.path().join("a.yaml")).unwrap();
    let run = scholia(dir.path(), &["a.highlights.yaml"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("open `a.yaml`"), "{run:#?}");
    assert!(!run.stderr.contains("YAML"), "{run:#?}");
}

/// A long note is read in full in one place, the details (`i`); the quote's footer keeps its
/// height and says where the rest is.
#[test]
fn a_long_note_is_shown_whole_in_the_details() {
    let note = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen \
                fifteen sixteen seventeen eighteen nineteen twenty end-of-the-note";
    let saved = format!("]ha{note}<Enter>");
    let footer = common::scholia(
        &common::articles(),
        &[
            "render",
            "cecot.yaml",
            "--width",
            "140",
            "--height",
            "40",
            "--keys",
            &saved,
        ],
    );
    assert!(footer.stdout.contains("… i shows it all"), "{footer:#?}");
    let keys = format!("]ha{note}<Enter>i");
    let run = common::scholia(
        &common::articles(),
        &[
            "render",
            "cecot.yaml",
            "--width",
            "140",
            "--height",
            "40",
            "--keys",
            &keys,
        ],
    );
    assert_eq!(run.code, 0, "{run:#?}");
    let words: Vec<&str> = run
        .stdout
        .lines()
        .flat_map(|l| l.split(|c: char| c == '│' || c.is_whitespace()))
        .collect();
    for word in note.split(' ') {
        assert!(
            words.contains(&word),
            "{word} is not on the screen:\n{}",
            run.stdout
        );
    }
}

#[test]
fn the_library_without_a_terminal_says_so_and_points_at_stats_and_export() {
    let dir = common::folder(&[]);
    std::fs::copy(articles().join("cecot.yaml"), dir.path().join("a.yaml")).unwrap();
    std::fs::copy(articles().join("cecot.md"), dir.path().join("cecot.md")).unwrap();
    std::fs::copy(
        articles().join("tokyo-interview.yaml"),
        dir.path().join("b.yaml"),
    )
    .unwrap();
    let run = scholia(dir.path(), &["."]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stdout.is_empty(), "{run:#?}");
    for words in [
        "library needs a terminal",
        "scholia stats .",
        "scholia export .",
    ] {
        assert!(run.stderr.contains(words), "{words}: {run:#?}");
    }
    assert!(!run.stderr.contains("os error"), "{run:#?}");
}

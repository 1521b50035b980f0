//! Highlights in the reader: `update` sequences with a real sidecar in a temporary folder, the
//! saves carried out as the run loop carries them out.

use std::path::Path;

use scholia::highlights::Store;
use scholia::tui::action::Action;
use scholia::tui::editor::Edit;
use scholia::tui::model::{Mode, Model, Options};
use scholia::tui::update::{Effect, update};

/// Copies the seed article into `dir` and opens it with its (empty) sidecar.
fn open(dir: &Path) -> Model {
    let articles = concat!(env!("CARGO_MANIFEST_DIR"), "/articles");
    for f in ["cecot.yaml", "cecot.md"] {
        std::fs::copy(Path::new(articles).join(f), dir.join(f)).unwrap();
    }
    reopen(dir)
}

fn reopen(dir: &Path) -> Model {
    let loaded = scholia::load::load(&dir.join("cecot.yaml")).unwrap();
    let sidecar = scholia::highlights::sidecar_path(&dir.join("cecot.yaml"));
    let (store, problem) = Store::load(&sidecar, &loaded.article.body);
    assert!(problem.is_none(), "{problem:?}");
    Model::new(loaded.article, Options::default(), 140, 40).with_highlights(store)
}

/// Runs actions, saving whenever update asks, as the run loop does.
fn run(m: &mut Model, actions: &[Action]) {
    for a in actions {
        if update(m, a.clone()) == Some(Effect::SaveHighlights) {
            m.save_highlights().expect("saved");
        }
    }
}

fn type_text(m: &mut Model, text: &str) {
    for c in text.chars() {
        update(m, Action::Edit(Edit::Insert(c)));
    }
}

#[test]
fn highlight_quotes_and_a_sentence_note_one_and_find_them_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = open(dir.path());
    run(&mut m, &[Action::NextQuote, Action::ToggleHighlight]);
    run(
        &mut m,
        &[
            Action::NextQuote,
            Action::NextQuote,
            Action::ToggleHighlight,
        ],
    );
    run(
        &mut m,
        &[Action::NextQuote, Action::ToggleHighlight, Action::EditNote],
    );
    assert!(matches!(m.mode(), Mode::Prompt { .. }), "{:?}", m.mode());
    type_text(&mut m, "check the numbers");
    run(&mut m, &[Action::PromptSubmit, Action::Colour(3)]);
    // A sentence: the reading position to the bottom, select two sentences, keep them.
    run(
        &mut m,
        &[Action::Bottom, Action::Select, Action::PrevSentence],
    );
    assert!(matches!(m.mode(), Mode::Selecting { .. }), "{:?}", m.mode());
    run(&mut m, &[Action::ToggleHighlight]);
    assert!(matches!(m.mode(), Mode::Normal), "{:?}", m.mode());
    assert_eq!(m.highlights().list().len(), 4);

    let again = reopen(dir.path());
    let list = again.highlights().list();
    assert_eq!(list.len(), 4);
    let quotes = list.iter().filter(|h| h.quote.is_some()).count();
    assert_eq!(quotes, 3);
    let noted: Vec<_> = list.iter().filter(|h| h.note.is_some()).collect();
    assert_eq!(noted.len(), 1);
    assert_eq!(noted[0].note.as_deref(), Some("check the numbers"));
    assert_eq!(noted[0].colour, Some(3));
    for h in list {
        assert!(!h.orphaned);
        assert_eq!(again.article().body.slice(h.start, h.end), h.text);
    }
}

#[test]
fn h_again_removes_and_u_brings_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = open(dir.path());
    run(&mut m, &[Action::NextQuote, Action::ToggleHighlight]);
    assert_eq!(m.highlights().list().len(), 1);
    run(&mut m, &[Action::ToggleHighlight]);
    assert_eq!(m.highlights().list().len(), 0);
    assert!(m.message().unwrap().text.contains("u brings it back"));
    run(&mut m, &[Action::Undo]);
    assert_eq!(m.highlights().list().len(), 1);
    assert_eq!(
        reopen(dir.path()).highlights().list().len(),
        1,
        "the undo was saved"
    );
}

#[test]
fn moved_text_is_found_again_and_removed_text_is_an_orphan() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = open(dir.path());
    run(&mut m, &[Action::NextQuote, Action::ToggleHighlight]); // Trump's ‘invasion’
    for _ in 0..5 {
        run(&mut m, &[Action::NextQuote]);
    }
    run(&mut m, &[Action::ToggleHighlight]);
    let texts: Vec<String> = m
        .highlights()
        .list()
        .iter()
        .map(|h| h.text.clone())
        .collect();
    assert_eq!(texts.len(), 2);

    // Text added at the top moves everything; the second passage is cut.
    let body_path = dir.path().join("cecot.md");
    let body = std::fs::read_to_string(&body_path).unwrap();
    let edited = body.replacen("\n\n", "\n\nAn editor's note added at the top.\n\n", 1);
    let edited = edited.replace(texts[1].as_str(), "[passage removed]");
    std::fs::write(&body_path, edited).unwrap();
    // The annotation's quote is gone too: drop it from the YAML so the file still loads.
    let yaml_path = dir.path().join("cecot.yaml");
    let yaml = std::fs::read_to_string(&yaml_path).unwrap();
    let quote_id = m.highlights().list()[1].quote.clone().unwrap();
    let kept: Vec<&str> = yaml
        .split("\n  - ")
        .filter(|b| !b.contains(&format!("id: {quote_id}\n")))
        .collect();
    std::fs::write(&yaml_path, kept.join("\n  - ")).unwrap();

    let mut again = reopen(dir.path());
    let list = again.highlights().list();
    let moved = list.iter().find(|h| h.text == texts[0]).unwrap();
    assert!(!moved.orphaned);
    assert_eq!(again.article().body.slice(moved.start, moved.end), texts[0]);
    let lost = list.iter().find(|h| h.text == texts[1]).unwrap();
    assert!(
        lost.orphaned,
        "the removed passage is an orphan, not dropped"
    );
    assert!(again.message().unwrap().text.contains("H lists"));
    run(&mut again, &[Action::HighlightsList]);
    assert!(
        matches!(again.mode(), Mode::Highlights { .. }),
        "{:?}",
        again.mode()
    );
    let screen = scholia::tui::render::to_text(&scholia::tui::render::draw(&again));
    assert!(screen.contains("orphaned ·"), "{screen}");
}

#[test]
fn the_list_jumps_to_a_highlight() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = open(dir.path());
    for _ in 0..8 {
        run(&mut m, &[Action::NextQuote]);
    }
    run(&mut m, &[Action::ToggleHighlight, Action::Top]);
    let start = m.highlights().list()[0].start;
    run(&mut m, &[Action::HighlightsList, Action::Open]);
    assert!(matches!(m.mode(), Mode::Normal), "{:?}", m.mode());
    let row = m.view().cursor_row().unwrap();
    assert!(row.start <= start && start <= row.end);
}

#[test]
fn a_sidecar_that_cannot_be_written_keeps_the_highlight_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = open(dir.path());
    // A "folder" that is a file: no write can succeed there, not even as root.
    std::fs::write(dir.path().join("blocker"), "x").unwrap();
    let body = m.article().body.clone();
    let (store, _) = Store::load(&dir.path().join("blocker/cecot.highlights.yaml"), &body);
    m = m.with_highlights(store);
    update(&mut m, Action::NextQuote);
    assert_eq!(
        update(&mut m, Action::ToggleHighlight),
        Some(Effect::SaveHighlights)
    );
    let err = m.save_highlights().unwrap_err();
    assert!(
        err.contains("blocker"),
        "the message names the place: {err}"
    );
    assert_eq!(m.highlights().list().len(), 1, "kept in memory");
    assert!(m.highlights().has_unsaved_changes());
}

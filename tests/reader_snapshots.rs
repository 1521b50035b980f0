//! Canonical screens of the shipped articles at the three sizes the reader lays out differently
//! (three panes, text and one folded side pane, text alone), drawn in process on ratatui's
//! `TestBackend` by the same `update` and `view` as the terminal. A snapshot is a review of the
//! screen: a cut label or a misaligned pane shows up in the diff.
//!
//! The `.snap` files are committed; plain `cargo test` compares against them (no cargo-insta
//! needed). After a deliberate change to the screen, `INSTA_UPDATE=always cargo test --test
//! reader_snapshots` rewrites them, and the diff is the review.

use std::path::Path;

use scholia::tui::keys;
use scholia::tui::model::{Model, Options};
use scholia::tui::render::{apply_keys, draw, to_text};

const SIZES: [(u16, u16); 3] = [(140, 40), (70, 20), (40, 12)];

fn screen(path: &Path, width: u16, height: u16, keys: &str) -> String {
    let loaded = scholia::load::load(path).expect("the article loads");
    let mut model = Model::new(loaded.article, Options::default(), width, height);
    apply_keys(&mut model, &keys::parse(keys).unwrap());
    to_text(&draw(&model))
}

fn article(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("articles/{name}.yaml"))
}

/// Each article at each size, on the second quote: a quote current, its speaker in the status,
/// both side panes with something selected.
fn snapshot_article(name: &str, keys: &str) {
    for (w, h) in SIZES {
        let text = screen(&article(name), w, h, keys);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
    }
}

#[test]
fn cecot() {
    snapshot_article("cecot", "]]");
}

#[test]
fn harbour_council() {
    snapshot_article("harbour-council", "]]");
}

#[test]
fn tokyo_interview() {
    snapshot_article("tokyo-interview", "]]");
}

/// A speaker whose name is in wide characters: the status line is measured in columns, so the
/// name is cut before the percentage is.
#[test]
fn a_cjk_speaker() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshots/cjk-speaker.yaml");
    for (w, h) in SIZES {
        let text = screen(&fixture, w, h, "]");
        insta::assert_snapshot!(format!("cjk_speaker_{w}x{h}"), text);
    }
}

/// The overlays that cover the screen: help, the highlights list, the details.
#[test]
fn overlays() {
    for (name, keys) in [("help", "?"), ("details", "]]i")] {
        for (w, h) in [(140, 40), (40, 12)] {
            let text = screen(&article("cecot"), w, h, keys);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
        }
    }
}

/// At 40 columns a quote and a search hit share the status line: the names are cut, the speaker's
/// first, and the numbers stay whole.
#[test]
fn a_narrow_status_keeps_the_numbers() {
    let text = screen(&article("harbour-council"), 40, 12, "]]/changes<Enter>");
    let status = text.lines().last().unwrap_or_default().to_string();
    assert!(
        status.contains(" — 1/1") && status.contains("“changes”: 1/2"),
        "{status}"
    );
    insta::assert_snapshot!("harbour-council_search_40x12", text);
}

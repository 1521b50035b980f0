//! The library screen in a real terminal (tmux): open a folder, filter, Enter reads an article,
//! Esc comes back to the same row, `S` shows the speaker chart without colour, q quits and the
//! terminal is restored. Skipped, with a notice, only where tmux is not installed.

mod common;

use common::tmux::Tmux;

const BIN: &str = env!("CARGO_BIN_EXE_scholia");
const LIBRARY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/library");

/// A tmux terminal of 100×20 running `command` in its shell.
fn start(name: &str, command: &str) -> Option<Tmux> {
    let t = Tmux::start(name, 100, 20)?;
    t.type_line(command);
    Some(t)
}

/// The row the cursor (`>`) is on.
fn selected(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.starts_with('>'))
        .unwrap_or("")
        .to_string()
}

#[test]
fn open_filter_read_and_come_back_to_the_same_row() {
    let cache = tempfile::tempdir().unwrap();
    let command = format!(
        "XDG_CACHE_HOME={} NO_COLOR=1 {BIN} {LIBRARY}; echo EXIT-$((40+2))-$?",
        cache.path().display()
    );
    let Some(t) = start("library", &command) else {
        return;
    };
    t.wait_for("the list", |s| s.contains("4 articles"));
    // Filter by a speaker's name: the three articles that quote Olu Banjo.
    t.send(&["/"]);
    t.send(&["-l", "banjo"]);
    t.send(&["Enter"]);
    t.wait_for("the filtered list", |s| s.contains("3 of 4 articles"));
    t.send(&["j"]);
    let s = t.wait_for("the second row", |s| selected(s).contains("Ferry Fares"));
    let row = selected(&s);
    t.send(&["Enter"]);
    t.wait_for("the article", |s| {
        s.contains("Quotes (4)") && s.contains("Kessock Bay ferry")
    });
    // The status line says what q does here: it goes back, it does not quit.
    let status = t.status();
    assert!(status.contains("q back to the list"), "{status}");
    t.send(&["Escape"]);
    let s = t.wait_for("the list again", |s| s.contains("3 of 4 articles"));
    assert_eq!(selected(&s), row, "back on another row:\n{s}");
    // q in the article also comes back.
    t.send(&["Enter"]);
    t.wait_for("the article", |s| s.contains("Quotes (4)"));
    t.send(&["q"]);
    let s = t.wait_for("the list again", |s| s.contains("3 of 4 articles"));
    assert_eq!(selected(&s), row);
    // The chart, without colour: patterns tell direct from reported.
    t.send(&["Escape", "S"]);
    let s = t.wait_for("the chart", |s| s.contains("speakers across 4 articles"));
    let banjo = s
        .lines()
        .find(|l| l.starts_with("> Olu Banjo"))
        .unwrap_or("");
    assert!(banjo.contains('█') && banjo.contains('░'), "{s}");
    assert!(banjo.contains("4 q (3 direct) · 22 w · 3 art."), "{s}");
    t.send(&["Escape", "q"]);
    t.wait_for("the shell", |s| s.contains("EXIT-42-0"));
}

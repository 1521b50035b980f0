//! The reader's ways around an article and the library's around a folder, in a real terminal
//! (tmux): the outline (`o`), and the speaker statistics (`S`) with `Enter` on a speaker. Skipped,
//! with a notice, only where tmux is not installed.

mod common;

use common::tmux::Tmux;

const BIN: &str = env!("CARGO_BIN_EXE_scholia");
const ARTICLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/articles");

/// A tmux terminal of 100×24 running `command` in its shell, without colour (so what is selected
/// shows by its `>`), its cache and state in the test's own HOME.
fn start(name: &str, command: &str) -> Option<Tmux> {
    let t = Tmux::start(name, 100, 24)?;
    t.type_line(&format!("NO_COLOR=1 {command}; echo EXIT-$((40+2))-$?"));
    Some(t)
}

/// The first row of the text pane (below the header and the pane's border).
fn first_text_row(screen: &str) -> String {
    screen.lines().nth(2).unwrap_or("").to_string()
}

#[test]
fn the_outline_jumps_to_a_section_and_ctrl_o_comes_back() {
    let Some(t) = start("outline", &format!("{BIN} {ARTICLES}/harbour-council.yaml")) else {
        return;
    };
    let top = t.wait_for("the article", |s| s.contains("Port Aldwick"));
    t.send(&["o"]);
    let s = t.wait_for("the outline", |s| s.contains("Outline (4 headings)"));
    assert!(s.contains("> Port Aldwick Council Votes"), "{s}");
    assert!(s.contains("    The state of the wall"), "{s}");
    // ? opens the help over it, and closing the help comes back to the outline.
    t.send(&["?"]);
    t.wait_for("the help", |s| s.contains("[HELP]"));
    t.send(&["Escape"]);
    t.wait_for("the outline", |s| s.contains("Outline (4 headings)"));
    t.send(&["G", "Enter"]);
    let s = t.wait_for("the last section", |s| {
        !s.contains("Outline (") && s.contains("The vote")
    });
    assert_ne!(first_text_row(&s), first_text_row(&top), "{s}");
    t.send(&["C-o"]);
    let s = t.wait_for("the top again", |s| {
        first_text_row(s) == first_text_row(&top)
    });
    assert!(!s.contains("Outline ("), "{s}");
    t.send(&["q"]);
    t.wait_for("the shell", |s| s.contains("EXIT-42-0"));
    t.assert_restored();
}

//! Paste is text, never keys (issue 7). `tmux paste-buffer -p` sends a bracketed paste, as a
//! terminal does when a person pastes: several lines holding `e`, `t`, `h`, `g`, `q` land whole in
//! a note, and nothing else changes — no export written, no theme switched, no highlight removed,
//! the reading position where it was.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::tmux::Tmux;

/// Had these been read as keys: `e` exports, `t` switches theme, `h` removes the highlight,
/// `g`/`G` move, `q` quits.
const NOTE: &str = "see https://example.org\nsecond line then gG\ne t h q — keys that stay text";

fn paste(t: &Tmux, text: &str) {
    for args in [
        &["set-buffer", "-b", "clip", text][..],
        &["paste-buffer", "-p", "-b", "clip", "-t", "t"],
    ] {
        assert!(t.cmd(args).status().unwrap().success(), "tmux {args:?}");
    }
}

/// The first row, escape sequences and all: it changes with the theme.
fn header(t: &Tmux) -> String {
    let out = t
        .cmd(&["capture-pane", "-p", "-e", "-t", "t", "-S", "0", "-E", "0"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Where the reader is: the row marked as the reading position, and how far through.
fn place(t: &Tmux) -> (String, String) {
    let screen = t.settle();
    let row = screen.lines().find(|l| l.contains('▸')).unwrap_or("");
    let status = screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let percent = status.split_whitespace().last().unwrap_or("");
    (row.to_string(), percent.to_string())
}

fn wait_file(path: &Path, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if ok(&text) {
            return text;
        }
        assert!(Instant::now() < deadline, "{}:\n{text}", path.display());
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_pasted_paragraph_lands_in_the_note_whole_and_nothing_else_changes() {
    let Some(t) = Tmux::start("paste-note", 140, 40) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for f in ["cecot.yaml", "cecot.md"] {
        std::fs::copy(common::articles().join(f), dir.path().join(f)).unwrap();
    }
    let sidecar = dir.path().join("cecot.highlights.yaml");
    t.type_line(&format!(
        "{} --no-mouse {}; echo \"exit=$?\"",
        common::BIN,
        dir.path().join("cecot.yaml").display()
    ));
    t.wait_for("the reader", |s| s.contains("Quotes (13)"));
    t.send(&["]", "]", "h"]);
    t.wait_for("the first highlight", |s| s.contains("Text · 1 highlight"));
    t.send(&["]", "h"]);
    t.wait_for("the second highlight", |s| {
        s.contains("Text · 2 highlights")
    });
    wait_file(&sidecar, |s| s.matches("- id:").count() == 2);
    let before = scholia::highlights::read(&sidecar).unwrap();
    let theme = header(&t);
    let at = place(&t);

    t.send(&["a"]);
    t.wait_for("the note prompt", |s| {
        s.lines().any(|l| l.starts_with("note:"))
    });
    paste(&t, NOTE);
    t.wait_for("the pasted words in the prompt", |s| {
        s.contains("keys that stay text")
    });
    t.send(&["Enter"]);
    t.wait_for("the saved note", |s| s.contains("note saved"));
    wait_file(&sidecar, |s| s.contains("keys that stay text"));

    let after = scholia::highlights::read(&sidecar).unwrap();
    assert_eq!(
        after.len(),
        before.len(),
        "a highlight was added or removed"
    );
    for (b, a) in before.iter().zip(&after) {
        assert_eq!((&b.id, b.start, b.end), (&a.id, a.start, a.end));
    }
    let noted: Vec<_> = after.iter().filter_map(|h| h.note.as_deref()).collect();
    assert_eq!(noted, [NOTE], "the note is not the pasted text, whole");
    assert!(
        !dir.path().join("cecot.highlights.md").exists(),
        "an export was written"
    );
    assert_eq!(header(&t), theme, "the theme changed");
    assert_eq!(place(&t), at, "the reading position moved");

    t.send(&["q"]);
    t.wait_for("the exit code", |s| s.contains("exit=0"));
    t.assert_restored();
}

#[test]
fn a_paste_in_the_search_prompt_is_one_line_and_outside_a_prompt_is_ignored() {
    let Some(t) = Tmux::start("paste-search", 140, 40) else {
        return;
    };
    t.type_line(&format!(
        "{} --no-mouse {}; echo \"exit=$?\"",
        common::BIN,
        common::articles().join("cecot.yaml").display()
    ));
    t.wait_for("the reader", |s| s.contains("Quotes (13)"));

    // Outside a prompt: a message, and the `q` and `G` in it do nothing.
    let at = place(&t);
    paste(&t, "q\nG");
    t.wait_for("the paste refused", |s| {
        s.contains("pasted text is not keys: it was ignored")
    });
    assert_eq!(place(&t), at);

    // In the search prompt, lines become one query.
    t.send(&["/"]);
    t.wait_for("the search prompt", |s| {
        s.lines().any(|l| l.starts_with('/'))
    });
    paste(&t, "judge's attempt\nto halt");
    t.wait_for("the query on one line", |s| {
        s.lines().any(|l| l.starts_with("/judge's attempt to halt"))
    });
    t.send(&["Enter"]);
    t.wait_for("the one hit", |s| {
        s.contains("“judge's attempt to halt”: 1/1")
    });

    t.send(&["q"]);
    t.wait_for("the exit code", |s| s.contains("exit=0"));
    t.assert_restored();
}

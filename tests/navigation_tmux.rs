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

#[test]
fn speaker_statistics_in_the_reader_reach_a_speakers_quotes() {
    let Some(t) = start("speakers", &format!("{BIN} {ARTICLES}/cecot.yaml")) else {
        return;
    };
    let top = t.wait_for("the article", |s| s.contains("Hundreds of Immigrants"));
    t.send(&["S"]);
    let s = t.wait_for("the chart", |s| s.contains("Who is quoted, by quotes"));
    // The same numbers as `scholia stats articles/cecot.yaml`; patterns tell direct from
    // reported without colour.
    let trump = s
        .lines()
        .find(|l| l.contains("> Donald Trump"))
        .unwrap_or("");
    assert!(trump.contains("4 q (1 direct) · 50 w"), "{s}");
    assert!(trump.contains('█') && trump.contains('░'), "{s}");
    t.send(&["s"]);
    t.wait_for("the chart by words", |s| {
        s.contains("Who is quoted, by words")
    });
    let s = t.settle();
    assert!(
        s.contains("> Donald Trump"),
        "sorting lost the speaker:\n{s}"
    );
    t.send(&["g", "Enter"]);
    let s = t.wait_for("Bukele's quotes", |s| s.contains("Nayib Bukele (3 quotes)"));
    assert!(s.contains("> “We are receiving"), "{s}");
    t.send(&["G", "Enter"]);
    t.wait_for("Bukele's last quote", |s| s.contains("Nayib Bukele — 3/3"));
    t.send(&["C-o"]);
    t.wait_for("the top again", |s| {
        first_text_row(s) == first_text_row(&top)
    });
    t.send(&["q"]);
    t.wait_for("the shell", |s| s.contains("EXIT-42-0"));
}

#[test]
fn the_librarys_speaker_chart_opens_an_article_at_a_quote_and_comes_back() {
    let library = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/library");
    let Some(t) = start("library-speakers", &format!("{BIN} {library}")) else {
        return;
    };
    t.wait_for("the list", |s| s.contains("4 articles"));
    t.send(&["S"]);
    t.wait_for("the chart", |s| s.contains("speakers across 4 articles"));
    for _ in 0..10 {
        if t.settle().contains("> Olu Banjo") {
            break;
        }
        t.send(&["j"]);
    }
    t.send(&["Enter"]);
    let s = t.wait_for("Banjo's quotes", |s| {
        s.contains("Olu Banjo: 4 quotes in 3 articles")
    });
    // Agrees with `scholia stats` and `export --speaker olu-banjo`: four quotes, three articles.
    let rows = s
        .lines()
        .filter(|l| l.starts_with("> ") || l.starts_with("  "))
        .count();
    assert_eq!(rows, 4, "{s}");
    t.send(&["G"]);
    let s = t.wait_for("the last quote", |s| {
        s.lines().any(|l| l.starts_with("> School Roof"))
    });
    assert!(s.contains("on time and on budget"), "{s}");
    t.send(&["Enter"]);
    t.wait_for("the article at the quote", |s| {
        s.contains("Olu Banjo — 1/1")
    });
    t.send(&["Escape"]);
    t.wait_for("the quotes again", |s| s.contains("Olu Banjo: 4 quotes"));
    t.send(&["Escape"]);
    let s = t.wait_for("the chart again", |s| {
        s.contains("speakers across 4 articles")
    });
    assert!(s.contains("> Olu Banjo"), "{s}");
    t.send(&["Escape", "q"]);
    t.wait_for("the shell", |s| s.contains("EXIT-42-0"));
}

/// The screen with its colours, as escape sequences.
fn coloured(t: &Tmux) -> String {
    let out = t
        .cmd(&["capture-pane", "-p", "-e", "-t", "t"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn reopening_an_article_brings_back_its_place_theme_and_searches() {
    let Some(t) = Tmux::start("remember", 100, 24) else {
        return;
    };
    let command = format!("{BIN} {ARTICLES}/harbour-council.yaml; echo EXIT-$((40+2))-$?");
    t.type_line(&command);
    t.wait_for("the article", |s| s.contains("Port Aldwick"));
    let dark = coloured(&t).lines().next().unwrap_or("").to_string();
    t.send(&["t"]);
    t.wait_for("another theme", |s| s.contains("theme: "));
    let chosen = coloured(&t).lines().next().unwrap_or("").to_string();
    assert_ne!(chosen, dark, "t changed no colour");
    t.send(&["/"]);
    t.send(&["-l", "wall"]);
    t.send(&["Enter", "o", "G", "Enter"]);
    t.wait_for("the last section", |s| s.contains("▸The vote"));
    let place = first_text_row(&t.settle());
    t.send(&["q"]);
    t.wait_for("the shell", |s| s.contains("EXIT-42-0"));
    t.send(&["C-l"]);
    t.type_line(&command);
    let s = t.wait_for("the article again", |s| s.contains("[TEXT]"));
    assert_eq!(first_text_row(&s), place, "not where it was left:\n{s}");
    assert_eq!(
        coloured(&t).lines().next().unwrap_or(""),
        chosen,
        "theme not kept"
    );
    t.send(&["/", "Up"]);
    t.wait_for("the last search", |s| {
        s.lines().any(|l| l.starts_with("/wall"))
    });
    // Esc alone (sent with the next key, a terminal would read Alt-q).
    t.send(&["Escape"]);
    t.wait_for("the prompt closed", |s| s.contains("[TEXT]"));
    t.send(&["q"]);
    t.wait_for("the shell", |s| s.contains("EXIT-42-0"));
}

#[test]
fn a_corrupt_state_file_neither_stops_the_reader_nor_survives_it() {
    let Some(t) = Tmux::start("corrupt-state", 100, 24) else {
        return;
    };
    let state = t.home.path().join(".local/state/scholia");
    std::fs::create_dir_all(&state).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o700)).unwrap();
    let file = state.join("positions.json");
    std::fs::write(&file, "{\"version\":1,\"places\":{\"x\":[[[[[[\u{1b}[2J").unwrap();
    t.type_line(&format!(
        "NO_COLOR=1 {BIN} {ARTICLES}/harbour-council.yaml; echo EXIT-$((40+2))-$?"
    ));
    t.wait_for("the article", |s| {
        s.contains("Port Aldwick") && s.contains("[TEXT]")
    });
    t.send(&["G"]);
    t.send(&["q"]);
    t.wait_for("the shell", |s| s.contains("EXIT-42-0"));
    let text = std::fs::read_to_string(&file).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).expect("written afresh as JSON");
    assert_eq!(
        json["places"].as_object().map(|p| p.len()),
        Some(1),
        "{text}"
    );
}

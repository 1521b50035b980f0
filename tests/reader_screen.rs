//! Screen tests on ratatui's `TestBackend`, and a byte-level test through the crossterm backend
//! that no escape sequence from an input file reaches the terminal.

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use scholia::tui::action::Action;
use scholia::tui::keys;
use scholia::tui::model::{Model, Options};
use scholia::tui::render::{apply_keys, draw, to_text};
use scholia::tui::update::update;
use scholia::tui::view::view;

fn sample(width: u16, height: u16) -> Model {
    let loaded = scholia::sample::load().expect("the sample article loads");
    Model::new(loaded.article, Options::default(), width, height)
}

fn screen(model: &Model) -> String {
    to_text(&draw(model))
}

fn press(model: &mut Model, notation: &str) {
    apply_keys(model, &keys::parse(notation).unwrap());
}

#[test]
fn three_panes_at_140_columns() {
    let m = sample(140, 40);
    let s = screen(&m);
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines.len(), 40);
    assert!(lines[0].contains("Hundreds of Immigrants Deported"));
    assert!(
        lines[1].contains("Text")
            && lines[1].contains("Quotes (13)")
            && lines[1].contains("Entities (21)")
    );
    assert!(lines[39].contains("[TEXT]") && lines[39].contains('%'));
}

#[test]
fn side_panes_fold_into_one_below_120_columns() {
    let mut m = sample(70, 20);
    let s = screen(&m);
    assert!(s.contains("Quotes (13)") && !s.contains("Entities ("));
    press(&mut m, "<Tab><Tab>");
    let s = screen(&m);
    assert!(
        s.contains("Entities (21)") && !s.contains("Quotes ("),
        "{s}"
    );
    assert!(s.contains("[ENTITIES]"));
}

#[test]
fn only_the_focused_pane_below_60_columns() {
    let mut m = sample(50, 20);
    assert!(screen(&m).contains("Text"));
    press(&mut m, "<Tab>");
    let s = screen(&m);
    assert!(s.contains("Quotes (13)") && !s.contains(" Text "), "{s}");
}

#[test]
fn status_line_names_the_speaker_and_position() {
    let mut m = sample(140, 40);
    let bukele = m
        .article()
        .entities
        .iter()
        .position(|e| e.name == "Nayib Bukele")
        .unwrap();
    let first = m.article().entities[bukele].quotes[0];
    while m.current_quote() != Some(first) {
        update(&mut m, Action::NextQuote);
    }
    update(&mut m, Action::NextSameSpeaker);
    let s = screen(&m);
    let status = s.lines().last().unwrap();
    assert!(status.contains("Nayib Bukele — 2/3"), "{status}");
}

#[test]
fn help_lists_every_key_of_the_keymap() {
    let mut m = sample(120, 80);
    press(&mut m, "?");
    let s = screen(&m);
    for b in scholia::tui::keymap::BINDINGS.iter().take(30) {
        assert!(s.contains(b.help), "help lacks {:?}", b.help);
    }
}

#[test]
fn every_small_size_draws_without_panic() {
    for w in [0, 1, 2, 3, 4, 5, 8, 13, 21, 34, 59, 60, 61] {
        for h in [0, 1, 2, 3, 4, 5, 8] {
            let mut m = sample(w, h);
            press(&mut m, "]]}<Tab>j<Tab>jG?");
            let buf = draw(&m);
            assert_eq!(buf.area.width, w);
        }
    }
    let m = sample(1, 1);
    assert_eq!(screen(&m).lines().count(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any key sequence at any size keeps the model's invariants and draws.
    #[test]
    fn any_keys_keep_the_invariants(
        w in 0u16..200,
        h in 0u16..60,
        keys in proptest::collection::vec(prop::sample::select(vec![
            "j", "k", "<PageDown>", "<PageUp>", "g", "G", "]", "[", "}", "{", "<Tab>", "<S-Tab>",
            "<Enter>", "n", "N", "t", "?", "<Esc>", "/", "ju", "<C-d>", "<C-u>", "v", "h", "1",
        ]), 0..40),
        resize in proptest::option::of((0u16..200, 0u16..60)),
    ) {
        let mut m = sample(w, h);
        for k in &keys {
            press(&mut m, k);
        }
        if let Some((w2, h2)) = resize {
            update(&mut m, Action::Resize { width: w2, height: h2 });
        }
        prop_assert!(m.view().cursor_row().is_none() || m.view().cursor_line() < m.view().screen().len());
        m.view().check().map_err(TestCaseError::fail)?;
        if let Some(q) = m.current_quote() {
            prop_assert!(q < m.article().quotes.len());
        }
        let _ = draw(&m);
    }
}

/// Renders hostile text through the real crossterm backend and checks the bytes: every escape
/// sequence is one that ratatui itself wrote, none came from the file.
#[test]
fn hostile_text_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Plain \u{1b}[2J\u{1b}]8;;http://evil\u{7}link\u{1b}]8;;\u{7} and \u{9b}31m C1 \
                \u{202e}reversed\u{202c} zero\u{200b}width bell\u{7} del\u{7f} tab\there \
                \u{1b}P dcs \u{1b}\\ end.\n\nSecond paragraph says \"Evil\u{1b}[5m\" here.\n";
    std::fs::write(dir.path().join("evil.md"), body).unwrap();
    let yaml = "title: \"Title \\e[31mred\\x9b \\u202e\"\nsource: \"src \\e]0;pwned\\a\"\nbody_file: evil.md\n\
                entities:\n  - {id: evil, name: \"Evil\", note: \"\\e[2J\"}\n\
                quotes:\n  - {speaker: evil, text: \"Second paragraph\"}\n";
    let path = dir.path().join("evil.yaml");
    std::fs::write(&path, yaml).unwrap();
    let loaded = scholia::load::load(&path).expect("hostile file loads");
    for (w, h) in [(140u16, 40u16), (70, 20)] {
        let mut model = Model::new(loaded.article.clone(), Options::default(), w, h);
        update(&mut model, Action::NextQuote);
        let mut bytes: Vec<u8> = Vec::new();
        {
            let backend = CrosstermBackend::new(&mut bytes);
            let mut terminal = Terminal::with_options(
                backend,
                ratatui::TerminalOptions {
                    viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h)),
                },
            )
            .unwrap();
            terminal.draw(|f| view(&model, f)).unwrap();
        }
        let text = String::from_utf8(bytes).expect("the terminal gets UTF-8");
        assert!(text.len() > 1000, "something was drawn");
        for forbidden in [
            '\u{7}', '\u{9b}', '\u{202e}', '\u{202c}', '\u{200b}', '\u{7f}', '\t',
        ] {
            assert!(
                !text.contains(forbidden),
                "{forbidden:?} reached the terminal at {w}x{h}"
            );
        }
        // Every ESC starts a CSI sequence of digits and ';' ending in a letter (what ratatui
        // writes for cursor moves and colours); no OSC, DCS or other sequence.
        let mut rest = text.as_str();
        while let Some(i) = rest.find('\u{1b}') {
            let seq = &rest[i + 1..];
            assert!(
                seq.starts_with('['),
                "a non-CSI escape: {:?}",
                &seq[..seq.len().min(12)]
            );
            let params: String = seq[1..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ';' || *c == '?')
                .collect();
            let end = seq[1 + params.len()..].chars().next().unwrap();
            assert!(end.is_ascii_alphabetic(), "odd CSI {params:?}{end:?}");
            assert!(
                params != "2" || end != 'J',
                "the file's clear-screen got through"
            );
            rest = &seq[1 + params.len()..];
        }
        assert!(
            text.contains('␛'),
            "escapes are shown as visible placeholders"
        );
    }
}

/// With NO_COLOR the reader writes no colour at all: no foreground or background SGR codes,
/// while bold, underline and reverse video still mark things.
#[test]
fn no_color_means_no_colour_codes() {
    let loaded = scholia::sample::load().unwrap();
    let options = Options {
        no_color: true,
        ..Options::default()
    };
    let mut model = Model::new(loaded.article, options, 140, 40);
    press(&mut model, "]]<Tab>");
    let mut bytes: Vec<u8> = Vec::new();
    {
        let backend = CrosstermBackend::new(&mut bytes);
        let mut terminal = Terminal::with_options(
            backend,
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 140, 40)),
            },
        )
        .unwrap();
        terminal.draw(|f| view(&model, f)).unwrap();
    }
    let text = String::from_utf8(bytes).unwrap();
    let mut sgr = Vec::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("\u{1b}[") {
        let seq = &rest[i + 2..];
        let len = seq.find(|c: char| c.is_ascii_alphabetic()).unwrap();
        if seq[len..].starts_with('m') {
            sgr.push(seq[..len].to_string());
        }
        rest = &seq[len..];
    }
    assert!(!sgr.is_empty());
    for code in &sgr {
        for part in code.split(';') {
            let n: u32 = part.parse().unwrap_or(0);
            let colour = matches!(n, 30..=38 | 40..=48 | 58 | 90..=97 | 100..=107);
            assert!(!colour, "a colour code {code:?} with NO_COLOR");
        }
    }
    assert!(
        sgr.iter().any(|c| c.split(';').any(|p| p == "7")),
        "reverse video marks the selection"
    );
    assert!(
        sgr.iter().any(|c| c.split(';').any(|p| p == "4")),
        "underline marks mentions"
    );
}

#[test]
fn selecting_an_entity_marks_its_quotes_and_says_how_many_mentions() {
    let mut m = sample(140, 40);
    press(&mut m, "<Tab><Tab>gj");
    let e = m.selected_entity().unwrap();
    assert_eq!(m.article().entities[e].name, "Nayib Bukele");
    let s = screen(&m);
    assert!(s.contains("▶ Nayib Bukele (3)"), "{s}");
    assert!(!s.contains("▶ Donald Trump"), "{s}");
    assert!(
        s.lines()
            .last()
            .unwrap()
            .contains("Nayib Bukele: 6 mentions, 3 quotes")
    );
}

/// Loads a random body (controls, combining marks, wide characters, emoji, headings, blank lines)
/// with an entity and a quote cut from it, or alone where the cut makes no valid quote.
fn random_article(body: &str, cut: (usize, usize)) -> Option<scholia::article::Article> {
    use std::path::Path;
    let chars: Vec<char> = body.chars().collect();
    let (a, b) = (cut.0.min(chars.len()), cut.1.min(chars.len()));
    let (a, b) = (a.min(b), a.max(b));
    let piece: String = chars[a..b].iter().collect();
    let word = piece
        .split_whitespace()
        .next()
        .unwrap_or("x")
        .replace(['"', '\\'], "");
    let seg = piece
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['"', '\\'], "");
    let yaml = format!(
        "title: T\nbody_file: b.md\nentities: [{{id: e, name: \"{}\"}}]\nquotes: [{{speaker: e, text: \"{}\", occurrence: 1}}]\n",
        word.escape_default(),
        seg.escape_default()
    );
    let body = body.to_string();
    let read = move |_: &Path| Ok(body.clone());
    // When the cut makes no valid quote, the body alone still has to read well.
    scholia::load::load_str(Path::new("r.yaml"), &yaml, &read)
        .or_else(|_| {
            scholia::load::load_str(Path::new("r.yaml"), "title: T\nbody_file: b.md\n", &read)
        })
        .ok()
        .map(|l| l.article)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any text at any size, with any keys: no panic, and the cursor stays in the text.
    #[test]
    fn any_text_draws_at_any_size(
        body in "([a-zé \n#\t\u{0}-\u{1f}\u{7f}\u{9b}\u{202e}\u{200b}\u{301}日本語😀“”’]|\n\n|# ){0,400}",
        cut in (0usize..400, 0usize..400),
        w in 0u16..160,
        h in 0u16..50,
        keys in proptest::collection::vec(prop::sample::select(vec![
            "j", "k", "G", "g", "]", "[", "}", "<Tab>", "n", "v", "j", "h", "a", "x", "<Enter>", "H",
            "<Esc>", "/", "é", "<Enter>", "<C-d>",
        ]), 0..30),
    ) {
        let article = random_article(&body, cut);
        prop_assert!(article.is_some(), "a body alone always loads");
        if let Some(article) = article {
            let mut m = Model::new(article, Options::default(), w, h);
            for k in &keys {
                press(&mut m, k);
            }
            prop_assert!(m.view().cursor_row().is_none() || m.view().cursor_line() < m.view().screen().len());
            m.view().check().map_err(TestCaseError::fail)?;
            let text = to_text(&draw(&m));
            let escaped = text.contains('\u{1b}') || text.contains('\u{9b}');
            prop_assert!(!escaped, "an escape character reached the screen");
            prop_assert_eq!(text.lines().count(), usize::from(h));
        }
    }
}

/// Format 1.1: the header says the language and licence, and scare quotes stand under their
/// own heading, apart from the speakers, not counted as quotes.
#[test]
fn scare_quotes_apart_and_language_and_licence_in_the_header() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("articles/format-1.1/records-office.yaml");
    let loaded = scholia::load::load(&path).expect("the format 1.1 article loads");
    let mut m = Model::new(loaded.article, Options::default(), 140, 40);
    let s = screen(&m);
    let lines: Vec<&str> = s.lines().collect();
    assert!(lines[0].contains("· en-GB · CC0-1.0"), "{s}");
    assert!(lines[1].contains("Quotes (9)"), "{s}");
    assert!(s.contains("Scare quotes (1) — not speech"), "{s}");
    assert!(s.contains("‘legacy backlog’"), "{s}");
    // A click on the scare quote's row goes to it in the text.
    let row = lines
        .iter()
        .position(|l| l.contains("‘legacy backlog’"))
        .unwrap() as u16;
    let col = lines[row as usize].find("‘legacy").unwrap();
    let col = lines[row as usize][..col].chars().count() as u16;
    update(&mut m, Action::ClickAt { col, row });
    let span = m.view().cursor_span();
    let scare = m.article().scare_quotes[0].extent();
    assert!(
        span.start() <= scare.start() && scare.start() < span.end().max(span.start() + 1),
        "{span:?} should hold {scare:?}"
    );
}

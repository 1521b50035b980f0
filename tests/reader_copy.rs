//! `y`: the current quote or highlight, with its attribution, to the clipboard through OSC 52.
//! Pure `update` tests for what is copied, and one run in tmux, whose `set-clipboard on` keeps
//! what a program sends by OSC 52 in a paste buffer that `show-buffer` prints.

mod common;

use common::tmux::Tmux;
use scholia::tui::action::Action;
use scholia::tui::model::{Mode, Model, Options};
use scholia::tui::update::{Effect, update};

const ARTICLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/articles/cecot.yaml");

fn cecot(options: Options) -> Model {
    let loaded = scholia::load::load(std::path::Path::new(ARTICLE)).expect("the article loads");
    Model::new(loaded.article, options, 140, 40)
}

fn message(model: &Model) -> String {
    model.message().map(|m| m.text.clone()).unwrap_or_default()
}

/// Steps with `]` to the first quote for which `pick` holds; its index.
fn go_to_quote(m: &mut Model, pick: impl Fn(&scholia::article::Quote) -> bool) -> usize {
    for _ in 0..m.article().quotes.len() + 1 {
        update(m, Action::NextQuote);
        if let Some(q) = m.current_quote()
            && pick(&m.article().quotes[q])
        {
            return q;
        }
    }
    panic!("no such quote");
}

fn copied(effect: Option<Effect>) -> String {
    match effect {
        Some(Effect::Copy(text)) => text,
        other => panic!("expected a copy, got {other:?}"),
    }
}

#[test]
fn y_copies_a_direct_quote_in_quotation_marks_with_its_speaker_and_source() {
    let mut m = cecot(Options::default());
    go_to_quote(&mut m, |q| {
        q.segments.len() > 1 && q.id.contains("monsters")
    });
    let text = copied(update(&mut m, Action::Copy));
    assert!(
        text.starts_with("“These are monsters—sent into our country by Crooked Joe Biden"),
        "{text}"
    );
    assert!(
        text.contains("Democrats, … How dare they!"),
        "segments joined with …: {text}"
    );
    assert!(
        text.ends_with(
            "America will not forget this,” Donald Trump (Hundreds of Immigrants Deported to Notorious Prison in El Salvador as Trump Defies Judge’s Order, scholia seed article)"
        ),
        "{text}"
    );
    assert_eq!(message(&m), format!("copied: {text}"));
}

#[test]
fn y_never_puts_reported_speech_in_quotation_marks() {
    let mut m = cecot(Options::default());
    let q = go_to_quote(&mut m, |q| q.kind == scholia::article::QuoteKind::Indirect);
    let text = copied(update(&mut m, Action::Copy));
    let words = m.article().quote_text(&m.article().quotes[q]);
    assert!(
        text.contains(&format!(
            "(reported speech, a paraphrase, not their words): {words} ("
        )),
        "{text}"
    );
    assert!(!text.contains(['“', '”']), "{text}");
}

#[test]
fn y_with_copying_off_says_so_and_sends_nothing() {
    let options = Options {
        no_clipboard: true,
        ..Options::default()
    };
    let mut m = cecot(options);
    go_to_quote(&mut m, |_| true);
    assert_eq!(update(&mut m, Action::Copy), None);
    assert_eq!(message(&m), scholia::tui::copy::OFF);
}

#[test]
fn y_between_quotes_and_highlights_copies_nothing_and_says_where_to_go() {
    let mut m = cecot(Options::default());
    assert_eq!(
        m.current_quote(),
        None,
        "the title paragraph holds no quote"
    );
    assert_eq!(update(&mut m, Action::Copy), None);
    assert!(
        message(&m).starts_with("nothing to copy here"),
        "{}",
        message(&m)
    );
}

#[test]
fn y_in_the_highlights_list_copies_the_selected_highlight() {
    let mut m = cecot(Options::default());
    // A highlight of the article's own words (no quote): in quotation marks, with the article.
    update(&mut m, Action::Select);
    update(&mut m, Action::ToggleHighlight);
    let h = m.highlights().list()[0].clone();
    assert!(h.quote.is_none());
    go_to_quote(&mut m, |_| true);
    update(&mut m, Action::HighlightsList);
    assert!(matches!(m.mode(), Mode::Highlights { .. }));
    let text = copied(update(&mut m, Action::Copy));
    let words = h.text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.starts_with(&format!("“{words}” (Hundreds of")),
        "{text}"
    );
}

#[test]
fn y_in_a_selection_copies_its_sentences_with_the_article_and_lets_it_go() {
    let mut m = cecot(Options::default());
    update(&mut m, Action::Select);
    update(&mut m, Action::NextSentence);
    let Mode::Selecting { span } = *m.mode() else {
        panic!("not selecting: {:?}", m.mode());
    };
    let words = m.article().body.slice(span.start(), span.end());
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = copied(update(&mut m, Action::Copy));
    assert_eq!(
        text,
        format!(
            "“{words}” (Hundreds of Immigrants Deported to Notorious Prison in El Salvador as Trump Defies Judge’s Order, scholia seed article)"
        )
    );
    assert!(
        matches!(m.mode(), Mode::Normal),
        "as vim's y: the selection is let go"
    );
    assert_eq!(message(&m), format!("copied: {text}"));
    assert!(m.highlights().list().is_empty(), "copying keeps nothing");
}

#[test]
fn y_in_tmux_puts_the_quote_in_tmuxs_paste_buffer() {
    let Some(t) = Tmux::start("copy", 140, 40) else {
        return;
    };
    // tmux keeps what a program sends by OSC 52 only with `set-clipboard on`.
    assert!(
        t.cmd(&["set", "-g", "set-clipboard", "on"])
            .status()
            .unwrap()
            .success()
    );
    let bin = env!("CARGO_BIN_EXE_scholia");
    let mut model = cecot(Options::default());
    let q = go_to_quote(&mut model, |_| true);
    let want = scholia::export::cite::quote(model.article(), &model.article().quotes[q]);

    // Off first: nothing reaches tmux.
    t.type_line(&format!(
        "{bin} --no-mouse --no-clipboard {ARTICLE}; echo \"exit=$?\""
    ));
    t.wait_for("the reader", |s| s.contains("Quotes (13)"));
    t.send(&["]"]);
    t.send(&["y"]);
    t.wait_for("copying off", |s| s.contains("copying is off"));
    let buffers = t.cmd(&["list-buffers"]).output().unwrap();
    assert!(
        buffers.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&buffers.stdout)
    );
    t.send(&["q"]);
    t.wait_for("the exit code", |s| s.contains("exit=0"));

    t.type_line("clear");
    t.type_line(&format!("{bin} --no-mouse {ARTICLE}; echo \"exit=$?\""));
    t.wait_for("the reader", |s| s.contains("Quotes (13)"));
    // The reader opens where the last run left it: back to the top first.
    t.send(&["g"]);
    t.send(&["]"]);
    t.send(&["y"]);
    t.wait_for("the message", |s| s.contains("copied: "));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let buffer = loop {
        let out = t.cmd(&["show-buffer"]).output().unwrap();
        if out.status.success() {
            break String::from_utf8(out.stdout).unwrap();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no paste buffer: tmux did not take the OSC 52"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(buffer, want);

    // A `v` selection: its sentences, with the article.
    let mut model = cecot(Options::default());
    update(&mut model, Action::Select);
    let Mode::Selecting { span } = *model.mode() else {
        panic!("not selecting");
    };
    let words = model
        .article()
        .body
        .slice(span.start(), span.end())
        .to_string();
    let want = scholia::export::cite::passage(model.article(), &words);
    t.cmd(&["delete-buffer"]).status().unwrap();
    t.send(&["g"]);
    t.send(&["v"]);
    t.send(&["y"]);
    t.wait_for("the selection copied", |s| s.contains("copied: “"));
    let buffer = String::from_utf8(t.cmd(&["show-buffer"]).output().unwrap().stdout).unwrap();
    assert_eq!(buffer, want);
    t.send(&["q"]);
    t.wait_for("the exit code", |s| s.contains("exit=0"));
    t.assert_restored();
}

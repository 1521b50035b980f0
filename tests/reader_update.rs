//! Pure `update` tests: a sequence of actions, then the model. No terminal involved.

use scholia::tui::action::Action;
use scholia::tui::model::{Mode, Model, Options, Pane};
use scholia::tui::update::{Effect, update};

fn sample(width: u16, height: u16) -> Model {
    let loaded = scholia::sample::load().expect("the sample article loads");
    Model::new(loaded.article, Options::default(), width, height)
}

fn run(model: &mut Model, actions: &[Action]) {
    for a in actions {
        update(model, *a);
    }
}

fn current_speaker(model: &Model) -> String {
    let q = model.current_quote.expect("a current quote");
    model.article.speaker(&model.article.quotes[q]).name.clone()
}

#[test]
fn next_quote_walks_reading_order_and_moves_the_text() {
    let mut m = sample(140, 40);
    run(&mut m, &[Action::NextQuote]);
    assert_eq!(m.current_quote, Some(0));
    for i in 1..m.article.quotes.len() {
        run(&mut m, &[Action::NextQuote]);
        assert_eq!(m.current_quote, Some(i));
        let start = m.article.quotes[i].extent().start;
        let row = m.rows.rows[m.cursor];
        assert!(
            row.start <= start && start <= row.end,
            "cursor row holds the quote start"
        );
        assert!(
            m.cursor >= m.top && m.cursor < m.top + m.page(),
            "quote is on screen"
        );
    }
    let last = m.current_quote;
    run(&mut m, &[Action::NextQuote]);
    assert_eq!(m.current_quote, last, "stays on the last quote");
    assert!(m.message.as_ref().unwrap().text.contains("no quote after"));
    run(&mut m, &[Action::PrevQuote]);
    assert_eq!(m.current_quote, last.map(|q| q - 1));
}

#[test]
fn same_speaker_jumps_skip_other_speakers() {
    let mut m = sample(140, 40);
    // Find Bukele's first quote, then step through his quotes only.
    let bukele = m
        .article
        .entities
        .iter()
        .position(|e| e.name == "Nayib Bukele")
        .unwrap();
    let his = m.article.entities[bukele].quotes.clone();
    assert!(his.len() >= 2);
    while m.current_quote != Some(his[0]) {
        run(&mut m, &[Action::NextQuote]);
    }
    for (i, &q) in his.iter().enumerate().skip(1) {
        run(&mut m, &[Action::NextSameSpeaker]);
        assert_eq!(m.current_quote, Some(q));
        assert_eq!(m.article.speaker_position(q), (i + 1, his.len()));
        assert_eq!(current_speaker(&m), "Nayib Bukele");
    }
    run(&mut m, &[Action::PrevSameSpeaker]);
    assert_eq!(m.current_quote, Some(his[his.len() - 2]));
}

#[test]
fn quotes_pane_moves_the_text_at_once_and_enter_focuses_it() {
    let mut m = sample(140, 40);
    run(&mut m, &[Action::FocusNext]);
    assert_eq!(m.focus, Pane::Quotes);
    run(&mut m, &[Action::Bottom]);
    let q = m.current_quote.unwrap();
    let start = m.article.quotes[q].extent().start;
    assert!(m.rows.rows[m.cursor].start <= start);
    assert!(m.cursor >= m.top && m.cursor < m.top + m.page());
    run(&mut m, &[Action::Open]);
    assert_eq!(m.focus, Pane::Text);
}

#[test]
fn selecting_an_entity_marks_its_mentions_and_n_steps_through_them() {
    let mut m = sample(140, 40);
    run(&mut m, &[Action::FocusNext, Action::FocusNext]);
    assert_eq!(m.focus, Pane::Entities);
    run(&mut m, &[Action::Top]);
    let e = m.selected_entity.unwrap();
    let mentions = m.article.entities[e].mentions.clone();
    assert_eq!(m.hits.spans, mentions);
    run(&mut m, &[Action::Open]);
    for _ in 0..mentions.len() {
        run(&mut m, &[Action::NextHit]);
        let i = m.hits.current.unwrap();
        let row = m.rows.rows[m.cursor];
        assert!(row.start <= mentions[i].start && mentions[i].start <= row.end);
    }
    assert_eq!(
        m.selected_entity,
        Some(e),
        "stepping through mentions keeps the entity"
    );
}

#[test]
fn moving_in_the_text_follows_quotes_and_entities() {
    let mut m = sample(140, 40);
    let before = m.current_quote;
    for _ in 0..60 {
        run(&mut m, &[Action::Down]);
    }
    assert_ne!(m.current_quote, before);
    assert!(m.selected_entity.is_some());
}

#[test]
fn search_finds_folded_text_and_counts_hits() {
    let mut m = sample(140, 40);
    update(&mut m, Action::StartSearch);
    assert_eq!(m.mode, Mode::Prompt);
    // A straight apostrophe finds the typographic one; lower case ignores ASCII case.
    for c in "judge's".chars() {
        update(&mut m, Action::PromptChar(c));
    }
    update(&mut m, Action::PromptSubmit);
    assert_eq!(m.mode, Mode::Normal);
    assert_eq!(m.hits.spans.len(), 4, "{:?}", m.message);
    let msg = &m.message.as_ref().unwrap().text;
    assert!(msg.contains("1/4"), "{msg}");
    update(&mut m, Action::NextHit);
    assert!(m.message.as_ref().unwrap().text.contains("2/4"));
    update(&mut m, Action::Cancel);
    assert!(m.hits.spans.is_empty());
}

#[test]
fn resize_keeps_the_reading_position() {
    let mut m = sample(140, 40);
    run(&mut m, &[Action::NextQuote; 6]);
    let offset = m.rows.rows[m.cursor].start;
    for (w, h) in [(70, 20), (200, 60), (30, 8), (140, 40)] {
        update(
            &mut m,
            Action::Resize {
                width: w,
                height: h,
            },
        );
        let row = m.rows.rows[m.cursor];
        assert!(
            row.start <= offset && offset <= row.end.max(row.start),
            "at {w}x{h}: {row:?} {offset} top {} cursor {}",
            m.top,
            m.cursor
        );
        assert!(m.cursor >= m.top && m.cursor < m.top + m.page());
    }
}

#[test]
fn help_and_quit() {
    let mut m = sample(100, 30);
    update(&mut m, Action::ToggleHelp);
    assert_eq!(m.mode, Mode::Help);
    update(&mut m, Action::Down);
    update(&mut m, Action::Cancel);
    assert_eq!(m.mode, Mode::Normal);
    assert_eq!(update(&mut m, Action::Quit), Some(Effect::Quit));
}

#[test]
fn theme_cycles_live() {
    let mut m = sample(100, 30);
    let first = m.theme.name().to_string();
    update(&mut m, Action::NextTheme);
    assert_ne!(m.theme.name(), first);
    assert!(m.message.as_ref().unwrap().text.starts_with("theme: "));
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_it_and_a_click_selects() {
    let mut m = sample(140, 40);
    let a = m.areas();
    update(
        &mut m,
        Action::ScrollAt {
            col: a.text.x + 5,
            row: a.text.y + 5,
            down: true,
        },
    );
    assert_eq!(m.top, 3);
    assert_eq!(m.focus, Pane::Text);
    // A click on the third row of the quotes pane: the first speaker's second quote.
    update(
        &mut m,
        Action::ClickAt {
            col: a.quotes.x + 3,
            row: a.quotes.y + 3,
        },
    );
    assert_eq!(m.focus, Pane::Quotes);
    let q = m.current_quote.unwrap();
    assert_eq!(
        m.article.speaker_position(q),
        (2, m.article.speaker(&m.article.quotes[q]).quotes.len())
    );
    // The wheel over the entities pane moves its selection, not the focus.
    update(
        &mut m,
        Action::ScrollAt {
            col: a.entities.x + 3,
            row: a.entities.y + 3,
            down: true,
        },
    );
    assert!(m.selected_entity.is_some());
    assert_eq!(m.focus, Pane::Quotes);
    // A click in the text moves the reading position to that row.
    update(
        &mut m,
        Action::ClickAt {
            col: a.text.x + 3,
            row: a.text.y + 2,
        },
    );
    assert_eq!(m.focus, Pane::Text);
    assert_eq!(m.cursor, m.top + 1);
}

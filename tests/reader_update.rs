//! Pure `update` tests: a sequence of actions, then the model. No terminal involved.
//!
//! The first group reproduces, one by one, the ways the panes once drifted apart from the
//! reading position (issue 7); the property test at the end checks the promise for any keys.

use proptest::prelude::*;
use scholia::tui::action::Action;
use scholia::tui::editor::Edit;
use scholia::tui::model::{Mode, Model, Options, Pane};
use scholia::tui::render::{draw, to_text};
use scholia::tui::update::{Effect, update};
use scholia::tui::wrap::Rows;

fn sample(width: u16, height: u16) -> Model {
    let loaded = scholia::sample::load().expect("the sample article loads");
    Model::new(loaded.article, Options::default(), width, height)
}

fn article(name: &str, width: u16, height: u16) -> Model {
    let path = format!("{}/articles/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
    let loaded = scholia::load::load(std::path::Path::new(&path)).expect("the article loads");
    Model::new(loaded.article, Options::default(), width, height)
}

fn run(model: &mut Model, actions: &[Action]) {
    for a in actions {
        update(model, a.clone());
    }
}

fn search(model: &mut Model, text: &str) {
    update(model, Action::StartSearch);
    for c in text.chars() {
        update(model, Action::Edit(Edit::Insert(c)));
    }
    update(model, Action::PromptSubmit);
}

fn speaker(model: &Model) -> Option<String> {
    let q = model.current_quote()?;
    Some(
        model
            .article()
            .speaker(&model.article().quotes[q])
            .name
            .clone(),
    )
}

fn status(model: &Model) -> String {
    to_text(&draw(model))
        .lines()
        .last()
        .unwrap_or("")
        .to_string()
}

fn message(model: &Model) -> String {
    model.message().map(|m| m.text.clone()).unwrap_or_default()
}

fn entity_named(model: &Model, name: &str) -> usize {
    model
        .article()
        .entities
        .iter()
        .position(|e| e.name == name)
        .unwrap()
}

// --- The symptoms of issue 7 -------------------------------------------------------------------

#[test]
fn a_search_landing_in_a_quote_makes_it_current_and_h_highlights_it() {
    let mut m = article("cecot", 140, 40);
    search(&mut m, "monsters");
    assert_eq!(speaker(&m).as_deref(), Some("Donald Trump"));
    assert!(status(&m).contains("Donald Trump — "), "{}", status(&m));
    assert_eq!(
        update(&mut m, Action::ToggleHighlight),
        Some(Effect::SaveHighlights)
    );
    assert_eq!(m.highlights().list().len(), 1);
    assert!(m.highlights().list()[0].text.contains("These are monsters"));
}

#[test]
fn g_and_g_leave_no_stale_quote_and_braces_follow_the_text() {
    let mut m = article("cecot", 140, 40);
    run(&mut m, &[Action::NextQuote, Action::Bottom]);
    let s = status(&m);
    assert!(s.contains("100%"), "{s}");
    assert!(
        !s.contains("Donald Trump — 1/4"),
        "stale quote at the end: {s}"
    );
    // At the end, `{` goes back to the last quote by the last speaker followed, not forward.
    let pos = m.pos();
    update(&mut m, Action::PrevSameSpeaker);
    assert!(m.pos() < pos, "{{ moved back");
    assert_eq!(speaker(&m).as_deref(), Some("Donald Trump"));
    let (i, n) = m.article().speaker_position(m.current_quote().unwrap());
    assert_eq!(i, n, "the last of Trump's quotes");
    // And `}` from the top goes forward, never back.
    update(&mut m, Action::Top);
    let before = m.pos();
    update(&mut m, Action::NextSameSpeaker);
    assert!(m.pos() > before);
}

#[test]
fn every_move_leaves_the_entities_pane_on_what_is_under_the_position() {
    let mut m = article("cecot", 140, 40);
    let bukele = entity_named(&m, "Nayib Bukele");
    // Choose Bukele in the entities pane: he stays chosen through n, ] and }.
    run(&mut m, &[Action::FocusPrev]);
    update(&mut m, Action::Top);
    for _ in 0..m.article().entities.len() {
        if m.selected_entity() == Some(bukele) {
            break;
        }
        update(&mut m, Action::Down);
    }
    assert_eq!(m.selected_entity(), Some(bukele), "{:?}", m.focus());
    run(&mut m, &[Action::Open]);
    assert_eq!(m.focus(), Pane::Text);
    assert_eq!(m.chosen_entity(), Some(bukele));
    for a in [
        Action::NextHit,
        Action::NextQuote,
        Action::NextSameSpeaker,
        Action::NextHit,
    ] {
        update(&mut m, a);
        assert_eq!(m.selected_entity(), Some(bukele));
    }
    // Esc lets go: the selection follows the reading position again.
    update(&mut m, Action::Cancel);
    assert_eq!(m.chosen_entity(), None);
    search(&mut m, "Trump");
    let e = m.selected_entity().expect("an entity is named here");
    let row = m.view().cursor_span();
    assert!(
        m.article().entities[e]
            .mentions
            .iter()
            .any(|s| s.end() > m.pos() && s.start() < row.end()),
        "the entity named at the reading position"
    );
}

#[test]
fn n_steps_through_an_entitys_mentions_in_reading_order() {
    let mut m = sample(140, 40);
    run(&mut m, &[Action::FocusNext, Action::FocusNext]);
    assert_eq!(m.focus(), Pane::Entities);
    run(&mut m, &[Action::Top]);
    let e = m.chosen_entity().unwrap();
    let mentions = m.article().entities[e].mentions.clone();
    assert_eq!(m.hits(), &mentions[..]);
    run(&mut m, &[Action::Open]);
    for (i, mention) in mentions.iter().enumerate().skip(1) {
        run(&mut m, &[Action::NextHit]);
        assert_eq!(m.pos(), mention.start());
        assert_eq!(m.current_hit(), Some(i));
    }
    assert_eq!(m.chosen_entity(), Some(e), "stepping keeps the entity");
}

#[test]
fn k_then_j_changes_nothing_even_mid_row() {
    let mut m = article("cecot", 70, 20);
    // Every quote start, most of them in the middle of a row.
    for _ in 0..m.article().quotes.len() {
        update(&mut m, Action::NextQuote);
        let before = (
            m.pos(),
            m.current_quote(),
            m.selected_entity(),
            to_text(&draw(&m)),
        );
        // The whole layout, to tell the rows near the article's ends.
        let rows = Rows::new(&m.article().body, m.view().width());
        let cursor = rows.row_of(m.pos());
        if cursor < 2 || cursor + 2 >= rows.len() {
            continue;
        }
        run(&mut m, &[Action::Up, Action::Down]);
        let after = (
            m.pos(),
            m.current_quote(),
            m.selected_entity(),
            to_text(&draw(&m)),
        );
        assert_eq!(before.0, after.0);
        assert_eq!(before.1, after.1);
        assert_eq!(before.2, after.2);
    }
}

#[test]
fn the_reading_position_keeps_three_rows_of_context() {
    let mut m = article("cecot", 140, 40);
    for _ in 0..200 {
        update(&mut m, Action::Down);
        m.view().check().unwrap();
    }
    for (w, h) in [(70, 20), (40, 12), (140, 40)] {
        update(
            &mut m,
            Action::Resize {
                width: w,
                height: h,
            },
        );
        m.view().check().unwrap();
    }
}

#[test]
fn a_stale_message_is_cleared_by_the_next_action() {
    let mut m = article("cecot", 140, 40);
    run(&mut m, &[Action::Bottom, Action::NextQuote]);
    assert!(message(&m).contains("no quote after"));
    update(&mut m, Action::Top);
    assert_eq!(m.message(), None);
}

#[test]
fn singular_counts_and_help_from_the_list() {
    let mut m = article("cecot", 140, 40);
    // An entity with one mention says "1 mention".
    let one = m
        .article()
        .entities
        .iter()
        .position(|e| e.mentions.len() == 1);
    if let Some(e) = one {
        run(&mut m, &[Action::FocusPrev]);
        update(&mut m, Action::Top);
        for _ in 0..m.article().entities.len() {
            if m.selected_entity() == Some(e) {
                break;
            }
            update(&mut m, Action::Down);
        }
        assert!(message(&m).contains(" 1 mention,"), "{}", message(&m));
    }
    run(
        &mut m,
        &[
            Action::FocusNext,
            Action::NextQuote,
            Action::ToggleHighlight,
        ],
    );
    run(&mut m, &[Action::HighlightsList, Action::ToggleHelp]);
    assert!(matches!(m.mode(), Mode::Help { .. }));
    update(&mut m, Action::ToggleHelp);
    assert!(
        matches!(m.mode(), Mode::Highlights { .. }),
        "back to the list"
    );
}

#[test]
fn a_on_a_quote_without_a_highlight_makes_one_and_opens_its_note() {
    let mut m = article("cecot", 140, 40);
    update(&mut m, Action::NextQuote);
    assert_eq!(
        update(&mut m, Action::EditNote),
        Some(Effect::SaveHighlights)
    );
    assert_eq!(m.highlights().list().len(), 1);
    assert!(matches!(m.mode(), Mode::Prompt { .. }));
}

#[test]
fn i_shows_a_long_note_in_full_from_the_text_and_from_the_list() {
    let mut m = article("cecot", 140, 40);
    search(&mut m, "monsters");
    update(&mut m, Action::EditNote);
    let note = format!(
        "First line of the note.\n{} The very end of a long note.",
        "Words that go on and on past any footer. ".repeat(12)
    );
    update(&mut m, Action::Paste(note));
    update(&mut m, Action::PromptSubmit);
    // The side pane's footer cuts it; the details show every line of it.
    assert!(!to_text(&draw(&m)).contains("very end of a long note"));
    update(&mut m, Action::Details);
    assert!(matches!(m.mode(), Mode::Details { .. }));
    let screen = to_text(&draw(&m));
    assert!(screen.contains("First line of the note."), "{screen}");
    assert!(screen.contains("The very end of a long note."), "{screen}");
    assert!(screen.contains("Quote — Donald Trump"), "{screen}");
    assert!(status(&m).contains("[DETAILS]"), "{}", status(&m));
    // `?` opens the help over the details, and closing it goes back to them.
    update(&mut m, Action::ToggleHelp);
    assert!(matches!(m.mode(), Mode::Help { .. }));
    update(&mut m, Action::Cancel);
    assert!(matches!(m.mode(), Mode::Details { .. }));
    update(&mut m, Action::Cancel);
    assert_eq!(m.mode(), &Mode::Normal);
    // From the highlights list: the selected highlight's note.
    update(&mut m, Action::Top);
    update(&mut m, Action::HighlightsList);
    update(&mut m, Action::Details);
    let screen = to_text(&draw(&m));
    assert!(screen.contains("The very end of a long note."), "{screen}");
    update(&mut m, Action::Cancel);
    assert!(matches!(m.mode(), Mode::Highlights { .. }));
}

#[test]
fn a_heading_chosen_in_the_outline_comes_to_the_top_of_the_screen() {
    // Three sections, each longer than the screen.
    let para = "Words of a section that go on for a while. ".repeat(12);
    let mut body = String::new();
    for n in 1..=3 {
        body.push_str(&format!("## Part {n}\n\n"));
        for _ in 0..8 {
            body.push_str(&para);
            body.push_str("\n\n");
        }
    }
    let src = format!(
        "title: T\nbody: |\n{}\n",
        body.lines()
            .map(|l| format!("  {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let loaded = scholia::load::load_str(std::path::Path::new("t.yaml"), &src, &|p| {
        Err(scholia::problem::Problem::error(p, None, "no file"))
    })
    .expect("loads");
    let mut m = Model::new(loaded.article, Options::default(), 100, 40);
    update(&mut m, Action::Outline);
    update(&mut m, Action::Down);
    update(&mut m, Action::Open);
    assert_eq!(m.mode(), &Mode::Normal);
    let view = m.view();
    let row = view.cursor_row().unwrap();
    assert!(
        matches!(row.kind, scholia::tui::wrap::RowKind::Heading(_)),
        "{row:?}"
    );
    // Below the rows of context kept above the reading position (3), not a third of the way.
    assert_eq!(view.cursor_line(), 3);
}

#[test]
fn the_help_and_the_details_scroll_by_pages_and_stop_at_their_last_page() {
    let mut m = article("cecot", 100, 30);
    update(&mut m, Action::ToggleHelp);
    let top = |m: &Model| match m.mode() {
        Mode::Help { top, .. } | Mode::Details { top, .. } => *top,
        other => panic!("not an overlay: {other:?}"),
    };
    update(&mut m, Action::PageDown);
    let page = top(&m);
    assert!(page > 10, "a page is the overlay's height: {page}");
    update(&mut m, Action::Bottom);
    let last = top(&m);
    assert!(last > page, "{last}");
    // Past the end nothing moves, and the first key back moves at once.
    update(&mut m, Action::PageDown);
    update(&mut m, Action::Down);
    assert_eq!(top(&m), last);
    update(&mut m, Action::Up);
    assert_eq!(top(&m), last - 1);
    let screen = to_text(&draw(&m));
    assert!(
        screen.contains("In this help"),
        "the last page shows the end: {screen}"
    );
    update(&mut m, Action::Top);
    assert_eq!(top(&m), 0);
    update(&mut m, Action::PageDown);
    update(&mut m, Action::PageUp);
    assert_eq!(top(&m), 0);
    update(&mut m, Action::Cancel);
    assert_eq!(m.mode(), &Mode::Normal);
    // The details of a quote fit: nothing to scroll.
    update(&mut m, Action::NextQuote);
    update(&mut m, Action::Details);
    update(&mut m, Action::PageDown);
    update(&mut m, Action::Bottom);
    assert_eq!(top(&m), 0);
}

#[test]
fn the_details_put_only_a_speakers_own_words_in_quotation_marks() {
    use scholia::article::QuoteKind;
    use scholia::tui::details::{Item, items};
    let mut m = article("cecot", 140, 40);
    let mut seen = Vec::new();
    for _ in 0..m.article().quotes.len() {
        update(&mut m, Action::NextQuote);
        let Some(q) = m.current_quote() else { continue };
        let kind = m.article().quotes[q].kind;
        let words = m.article().quote_text(&m.article().quotes[q]);
        let first = words.lines().next().unwrap_or_default().to_string();
        let line = items(&m)
            .into_iter()
            .find_map(|i| match i {
                Item::Text(t) if t.contains(&first) => Some(t),
                _ => None,
            })
            .unwrap_or_else(|| panic!("the quote's words are not in the details: {first}"));
        match kind {
            QuoteKind::Direct => assert!(line.starts_with('“'), "{line}"),
            QuoteKind::Indirect => assert!(
                line.starts_with("Reported speech, a paraphrase, not their words: ")
                    && !line.contains('“'),
                "{line}"
            ),
            QuoteKind::Mixed => assert!(line.starts_with("Partly quoted"), "{line}"),
        }
        seen.push(kind);
    }
    assert!(seen.contains(&QuoteKind::Direct) && seen.contains(&QuoteKind::Indirect));
}

#[test]
fn paste_is_text_in_a_prompt_and_ignored_elsewhere() {
    let mut m = article("cecot", 140, 40);
    let before = m.pos();
    update(&mut m, Action::Paste("GghtqeH".into()));
    assert_eq!(m.pos(), before, "no key of the paste ran");
    assert!(message(&m).contains("ignored"));
    update(&mut m, Action::StartSearch);
    update(&mut m, Action::Paste("These are\nmonsters".into()));
    update(&mut m, Action::PromptSubmit);
    assert_eq!(
        m.hits().len(),
        1,
        "the newline became a space: the phrase is found whole"
    );
    search(&mut m, "Crooked Joe");
    assert_eq!(m.hits().len(), 1);
}

#[test]
fn undo_and_redo_name_the_highlight_and_go_there() {
    let mut m = article("cecot", 140, 40);
    search(&mut m, "monsters");
    update(&mut m, Action::EditNote);
    update(&mut m, Action::Paste("one\ntwo\nthree".into()));
    update(&mut m, Action::PromptSubmit);
    update(&mut m, Action::Top);
    update(&mut m, Action::Undo);
    assert_eq!(
        message(&m),
        "undone: removed the note of “These are monsters—sent into…”"
    );
    assert_eq!(speaker(&m).as_deref(), Some("Donald Trump"), "went there");
    update(&mut m, Action::Top);
    update(&mut m, Action::Undo);
    assert!(
        message(&m).starts_with("undone: removed the highlight “These"),
        "{}",
        message(&m)
    );
    assert!(m.highlights().list().is_empty());
    update(&mut m, Action::Undo);
    assert_eq!(message(&m), "nothing to undo");
    run(&mut m, &[Action::Redo, Action::Redo]);
    assert!(
        message(&m).starts_with("redone: the note of"),
        "{}",
        message(&m)
    );
    assert_eq!(
        m.highlights().list()[0].note.as_deref(),
        Some("one\ntwo\nthree")
    );
}

// --- Moving ------------------------------------------------------------------------------------

#[test]
fn next_quote_walks_reading_order_and_moves_the_text() {
    let mut m = sample(140, 40);
    run(&mut m, &[Action::NextQuote]);
    assert_eq!(m.current_quote(), Some(0));
    for i in 1..m.article().quotes.len() {
        run(&mut m, &[Action::NextQuote]);
        assert_eq!(m.current_quote(), Some(i));
        assert_eq!(m.pos(), m.article().quotes[i].extent().start());
        m.view().check().unwrap();
    }
    let last = m.current_quote();
    run(&mut m, &[Action::NextQuote]);
    assert_eq!(m.current_quote(), last, "stays on the last quote");
    assert!(message(&m).contains("no quote after"));
    run(&mut m, &[Action::PrevQuote]);
    assert_eq!(m.current_quote(), last.map(|q| q - 1));
}

#[test]
fn same_speaker_jumps_skip_other_speakers() {
    let mut m = sample(140, 40);
    let bukele = entity_named(&m, "Nayib Bukele");
    let his = m.article().entities[bukele].quotes.clone();
    assert!(his.len() >= 2);
    while m.current_quote() != Some(his[0]) {
        run(&mut m, &[Action::NextQuote]);
    }
    for (i, &q) in his.iter().enumerate().skip(1) {
        run(&mut m, &[Action::NextSameSpeaker]);
        assert_eq!(m.current_quote(), Some(q));
        assert_eq!(m.article().speaker_position(q), (i + 1, his.len()));
        assert_eq!(speaker(&m).as_deref(), Some("Nayib Bukele"));
    }
    run(&mut m, &[Action::PrevSameSpeaker]);
    assert_eq!(m.current_quote(), Some(his[his.len() - 2]));
}

#[test]
fn quotes_pane_moves_the_text_at_once_and_enter_focuses_it() {
    let mut m = sample(140, 40);
    run(&mut m, &[Action::FocusNext]);
    assert_eq!(m.focus(), Pane::Quotes);
    run(&mut m, &[Action::Bottom]);
    let q = m.current_quote().unwrap();
    assert_eq!(m.pos(), m.article().quotes[q].extent().start());
    run(&mut m, &[Action::Open]);
    assert_eq!(m.focus(), Pane::Text);
    assert_eq!(m.current_quote(), Some(q));
}

#[test]
fn search_finds_folded_text_and_counts_hits() {
    let mut m = sample(140, 40);
    update(&mut m, Action::StartSearch);
    assert!(matches!(m.mode(), Mode::Prompt { .. }));
    // A straight apostrophe finds the typographic one; lower case ignores ASCII case.
    for c in "judge's".chars() {
        update(&mut m, Action::Edit(Edit::Insert(c)));
    }
    update(&mut m, Action::PromptSubmit);
    assert_eq!(*m.mode(), Mode::Normal);
    assert_eq!(m.hits().len(), 4, "{:?}", m.message());
    assert!(status(&m).contains("1/4"), "{}", status(&m));
    update(&mut m, Action::NextHit);
    assert!(status(&m).contains("2/4"), "{}", status(&m));
    update(&mut m, Action::Cancel);
    assert!(m.hits().is_empty());
}

#[test]
fn resize_keeps_the_reading_position() {
    let mut m = sample(140, 40);
    for _ in 0..6 {
        update(&mut m, Action::NextQuote);
    }
    let pos = m.pos();
    let q = m.current_quote();
    for (w, h) in [(70, 20), (200, 60), (30, 8), (140, 40)] {
        update(
            &mut m,
            Action::Resize {
                width: w,
                height: h,
            },
        );
        assert_eq!(m.pos(), pos);
        assert_eq!(m.current_quote(), q, "at {w}x{h}");
        m.view().check().unwrap();
    }
}

#[test]
fn help_and_quit() {
    let mut m = sample(100, 30);
    update(&mut m, Action::ToggleHelp);
    assert!(matches!(m.mode(), Mode::Help { .. }));
    update(&mut m, Action::Down);
    update(&mut m, Action::Cancel);
    assert_eq!(*m.mode(), Mode::Normal);
    assert_eq!(update(&mut m, Action::Quit), Some(Effect::Quit));
}

#[test]
fn theme_cycles_live() {
    let mut m = sample(100, 30);
    let first = m.theme.name().to_string();
    update(&mut m, Action::NextTheme);
    assert_ne!(m.theme.name(), first);
    assert!(message(&m).starts_with("theme: "));
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_it_and_a_click_selects() {
    let mut m = sample(140, 40);
    let a = m.areas();
    let before = m.view().screen().to_vec();
    update(
        &mut m,
        Action::ScrollAt {
            col: a.text.x + 5,
            row: a.text.y + 5,
            down: true,
        },
    );
    // Three rows down.
    assert_eq!(m.view().screen()[0], before[3]);
    assert_eq!(m.focus(), Pane::Text);
    m.view().check().unwrap();
    // A click on the third row of the quotes pane: the first speaker's second quote.
    update(
        &mut m,
        Action::ClickAt {
            col: a.quotes.x + 3,
            row: a.quotes.y + 3,
        },
    );
    assert_eq!(m.focus(), Pane::Quotes);
    let q = m.current_quote().unwrap();
    assert_eq!(
        m.article().speaker_position(q),
        (2, m.article().speaker(&m.article().quotes[q]).quotes.len())
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
    assert!(m.selected_entity().is_some());
    assert_eq!(m.focus(), Pane::Quotes);
    // A click in the text moves the reading position to that row.
    update(
        &mut m,
        Action::ClickAt {
            col: a.text.x + 3,
            row: a.text.y + 8,
        },
    );
    assert_eq!(m.focus(), Pane::Text);
    assert_eq!(m.view().cursor_line(), 7);
}

// --- The promise, for any keys -----------------------------------------------------------------

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::Down),
        Just(Action::Up),
        Just(Action::PageDown),
        Just(Action::PageUp),
        Just(Action::HalfPageDown),
        Just(Action::Top),
        Just(Action::Bottom),
        Just(Action::NextQuote),
        Just(Action::PrevQuote),
        Just(Action::NextSameSpeaker),
        Just(Action::PrevSameSpeaker),
        Just(Action::FocusNext),
        Just(Action::FocusPrev),
        Just(Action::Open),
        Just(Action::NextHit),
        Just(Action::PrevHit),
        Just(Action::Cancel),
        Just(Action::ToggleHighlight),
        Just(Action::Undo),
        Just(Action::Redo),
        Just(Action::HighlightsList),
        Just(Action::ToggleHelp),
        Just(Action::Details),
        Just(Action::Select),
        Just(Action::NextSentence),
        (0u16..160, 0u16..50, any::<bool>()).prop_map(|(col, row, down)| Action::ScrollAt {
            col,
            row,
            down
        }),
        (0u16..160, 0u16..50).prop_map(|(col, row)| Action::ClickAt { col, row }),
        (20u16..200, 6u16..60).prop_map(|(width, height)| Action::Resize { width, height }),
        prop::sample::select(vec!["Bukele", "monsters", "the", "zzz"])
            .prop_map(|q| { Action::Paste(q.to_string()) }),
        Just(Action::StartSearch),
        Just(Action::PromptSubmit),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// After any actions at any size, the model is what its reading position (and chosen entity)
    /// make it: a fresh model put at the same place draws the same screen.
    #[test]
    fn the_panes_always_agree_with_the_reading_position(
        name in prop::sample::select(vec!["cecot", "harbour-council", "tokyo-interview"]),
        actions in prop::collection::vec(action(), 1..40),
    ) {
        let mut m = article(name, 140, 40);
        for a in actions {
            update(&mut m, a);
        }
        m.view().check().map_err(TestCaseError::fail)?;
        // The quote and entity shown are those at the reading position.
        let (w, h) = m.size();
        let mut fresh = article(name, w, h);
        fresh.take_place_of(&m);
        prop_assert_eq!(m.current_quote(), fresh.current_quote());
        prop_assert_eq!(m.selected_entity(), fresh.selected_entity());
        prop_assert_eq!(m.quote_row(), fresh.quote_row());
        prop_assert_eq!(m.entity_row(), fresh.entity_row());
        prop_assert_eq!(to_text(&draw(&m)), to_text(&draw(&fresh)));
        if let Some(q) = m.current_quote() {
            let quote = &m.article().quotes[q];
            let row = m.view().cursor_span();
            prop_assert!(
                quote.segments.iter().any(|s| s.contains(m.pos()))
                    || quote.segments.iter().any(|s| s.start() > m.pos() && s.start() < row.end()),
                "the current quote is at the reading position"
            );
            let s = status(&m);
            let name = &m.article().speaker(quote).name;
            let start: String = name.chars().take(8).collect();
            // A narrow status line cuts the name first ("T… — 1/1"), keeping its first letter
            // and the numbers while there is room.
            let cut = (1..8).any(|n| {
                let prefix: String = name.chars().take(n).collect();
                s.contains(&format!("{prefix}…"))
            });
            // Narrower still, what fits is shown (measured in columns: `…` is three bytes).
            let narrow = unicode_width::UnicodeWidthStr::width(s.trim_end()) < 40;
            prop_assert!(s.contains(start.as_str()) || cut || narrow, "{}", s);
        }
    }
}

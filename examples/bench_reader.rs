//! Reader benchmark: on the book-length article of `bench_load`, how long the reader takes to
//! open, to lay the text out for a width, to draw one frame, and to answer the keys that move
//! through it. Run it in release mode:
//!
//! ```sh
//! cargo run --release --example bench_reader
//! ```
//!
//! The method and the figures are in docs/PERFORMANCE.md.

#[path = "common/bench_article.rs"]
mod bench_article;

use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scholia::tui::action::Action;
use scholia::tui::model::{Model, Options};
use scholia::tui::update::update;
use scholia::tui::view::view;
use scholia::tui::wrap::Rows;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Median time of one call of `f` over `n` calls.
fn each(n: usize, mut f: impl FnMut()) -> Duration {
    median(
        (0..n)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bytes = bench_article::generate(dir.path());
    let path = dir.path().join("bench.yaml");
    println!(
        "article: body {:.1} MB, {} quotes",
        bytes as f64 / 1e6,
        bench_article::QUOTES
    );

    let t = Instant::now();
    let loaded = scholia::load::load(&path).expect("the article loads");
    println!(
        "load                                   {:8.1} ms",
        ms(t.elapsed())
    );

    let t = Instant::now();
    let mut model = Model::new(loaded.article, Options::default(), 140, 40);
    println!(
        "open the reader at 140x40              {:8.1} ms",
        ms(t.elapsed())
    );
    println!(
        "  rows of text at this width            {:8}",
        Rows::new(&model.article().body, model.view().width()).len()
    );

    for width in [66u16, 38] {
        let d = each(3, || {
            let _ = Rows::new(&model.article().body, width);
        });
        println!(
            "lay out the text at width {width:<3}          {:8.1} ms",
            ms(d)
        );
    }

    let mut terminal = Terminal::new(TestBackend::new(140, 40)).expect("a test terminal");
    for (label, keys) in [("top", 0usize), ("middle", 2_500), ("end", 5_000)] {
        update(&mut model, Action::Top);
        for _ in 0..keys {
            update(&mut model, Action::NextQuote);
        }
        // Alternate two positions so that every draw really changes the screen.
        let frame = each(200, || {
            update(&mut model, Action::Down);
            terminal.draw(|f| view(&model, f)).expect("drawn");
            update(&mut model, Action::Up);
        });
        println!(
            "one frame at the {label:<6} (140x40)         {:8.3} ms",
            ms(frame)
        );
    }

    update(&mut model, Action::Top);
    let t = Instant::now();
    for _ in 0..bench_article::QUOTES {
        update(&mut model, Action::NextQuote);
    }
    let per = t.elapsed() / bench_article::QUOTES as u32;
    println!("] (next quote), each                   {:8.3} ms", ms(per));

    update(&mut model, Action::Top);
    update(&mut model, Action::NextQuote);
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..200 {
        update(&mut model, Action::NextSameSpeaker);
        n += 1;
    }
    println!(
        "}} (same speaker), each                 {:8.3} ms",
        ms(t.elapsed() / n)
    );

    let search = each(5, || {
        update(&mut model, Action::StartSearch);
        for c in "harbour".chars() {
            update(
                &mut model,
                Action::Edit(scholia::tui::editor::Edit::Insert(c)),
            );
        }
        update(&mut model, Action::PromptSubmit);
    });
    println!(
        "search \"harbour\" ({} hits)           {:8.1} ms",
        model.hits().len(),
        ms(search)
    );

    let resize = each(3, || {
        update(
            &mut model,
            Action::Resize {
                width: 70,
                height: 20,
            },
        );
        update(
            &mut model,
            Action::Resize {
                width: 140,
                height: 40,
            },
        );
    });
    println!(
        "resize 140x40 -> 70x20 -> 140x40       {:8.1} ms",
        ms(resize)
    );
}

//! What a reader waits for, at three sizes of the same generated article (10 KB, 1 MB and
//! 10 MB of body, about 7 quotes and one entity per 10 KB): loading, the first frame, each kind of
//! key, a resize, selecting sentence by sentence in a body with no sentence break, and
//! re-anchoring 1 000 stale highlights.
//!
//! ```sh
//! cargo bench --bench reader                 # everything (a few minutes)
//! cargo bench --bench reader -- keys         # only the benchmarks whose path holds `keys`
//! ```
//!
//! Divan prints the fastest, slowest, median and mean time of one iteration. How cost grows with
//! size is read across the three rows of each benchmark; the figures and what they mean are in
//! docs/PERFORMANCE.md.

#[path = "../examples/common/bench_article.rs"]
mod bench_article;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use bench_article::Spec;
use divan::Bencher;
use scholia::article::Article;
use scholia::highlights::{self, Highlight};
use scholia::tui::action::Action;
use scholia::tui::model::{Model, Options};
use scholia::tui::render;
use scholia::tui::update::update;

const SIZES: &[&str] = &["10K", "1M", "10M"];

/// The screen of the issue's figures.
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn main() {
    divan::main();
}

fn bytes(size: &str) -> usize {
    match size {
        "10K" => 10_000,
        "100K" => 100_000,
        "1M" => 1_000_000,
        "10M" => 10_000_000,
        "5M" => 5_000_000,
        other => panic!("no such size {other}"),
    }
}

/// A generated article, written once per size and kept for the whole run.
struct Fixture {
    _dir: tempfile::TempDir,
    yaml: PathBuf,
    article: Article,
    stale: Vec<Highlight>,
}

fn fixture(size: &str, sentences: bool) -> &'static Fixture {
    static ALL: OnceLock<Mutex<HashMap<(String, bool), &'static Fixture>>> = OnceLock::new();
    let mut all = ALL
        .get_or_init(Default::default)
        .lock()
        .expect("not poisoned");
    all.entry((size.to_string(), sentences)).or_insert_with(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut spec = Spec::sized(bytes(size));
        spec.sentences = sentences;
        bench_article::generate_spec(dir.path(), &spec);
        let stale = bench_article::stale_highlights(dir.path(), 1000);
        let yaml = dir.path().join("bench.yaml");
        let article = scholia::load::load(&yaml)
            .expect("the generated article loads")
            .article;
        let stale = highlights::read(&stale).expect("the generated highlights read");
        Box::leak(Box::new(Fixture {
            _dir: dir,
            yaml,
            article,
            stale,
        }))
    })
}

/// A reader at 120×40 on the article, its reading position in the middle of the text (on the
/// middle quote), so that keys can go both ways.
fn reader(size: &str, sentences: bool) -> Model {
    let article = fixture(size, sentences).article.clone();
    let mut model = Model::new(article, Options::default(), WIDTH, HEIGHT);
    for _ in 0..model.article().quotes.len() / 2 {
        update(&mut model, Action::NextQuote);
    }
    model
}

#[divan::bench_group(max_time = 5)]
mod open {
    use super::*;

    /// Read both files, parse, fold, index and find everything (`scholia check` is this).
    #[divan::bench(args = SIZES)]
    fn load(b: Bencher, size: &str) {
        let path = &fixture(size, true).yaml;
        b.bench(|| scholia::load::load(path).expect("loads"));
    }

    /// From a loaded article to the first frame drawn at 120×40 (lay out, draw).
    #[divan::bench(args = SIZES)]
    fn first_frame(b: Bencher, size: &str) {
        let article = &fixture(size, true).article;
        b.with_inputs(|| article.clone()).bench_local_values(|a| {
            let model = Model::new(a, Options::default(), WIDTH, HEIGHT);
            render::draw(&model)
        });
    }

    /// 1 000 one-character highlights whose offsets went stale, found again in the body.
    #[divan::bench(args = SIZES, sample_count = 5)]
    fn reanchor_1000_stale(b: Bencher, size: &str) {
        let f = fixture(size, true);
        b.with_inputs(|| f.stale.clone())
            .bench_local_refs(|list| highlights::reanchor(list, &f.article.body));
    }
}

/// One iteration is a key and the key that undoes it, from the middle of the article: half of
/// it is what one key costs (the frame after it is `frame`).
#[divan::bench_group(max_time = 3)]
mod keys {
    use super::*;

    fn pair(b: Bencher, size: &str, there: Action, back: Action) {
        let mut model = reader(size, true);
        b.bench_local(|| {
            update(&mut model, there.clone());
            update(&mut model, back.clone());
        });
    }

    /// One frame at 120×40 from the middle of the article, as after every key.
    #[divan::bench(args = SIZES)]
    fn frame(b: Bencher, size: &str) {
        let model = reader(size, true);
        b.bench_local(|| render::draw(&model));
    }

    /// `j` then `k`.
    #[divan::bench(args = SIZES)]
    fn line(b: Bencher, size: &str) {
        pair(b, size, Action::Down, Action::Up);
    }

    /// `Ctrl-d` then `Ctrl-u`.
    #[divan::bench(args = SIZES)]
    fn half_page(b: Bencher, size: &str) {
        pair(b, size, Action::HalfPageDown, Action::HalfPageUp);
    }

    /// `G` then `g`.
    #[divan::bench(args = SIZES)]
    fn end_and_top(b: Bencher, size: &str) {
        pair(b, size, Action::Bottom, Action::Top);
    }

    /// `]` then `[`.
    #[divan::bench(args = SIZES)]
    fn next_quote(b: Bencher, size: &str) {
        pair(b, size, Action::NextQuote, Action::PrevQuote);
    }

    /// `}` then `{`.
    #[divan::bench(args = SIZES)]
    fn same_speaker(b: Bencher, size: &str) {
        pair(b, size, Action::NextSameSpeaker, Action::PrevSameSpeaker);
    }

    /// `v` `j` `Esc` (three keys) in a body of one paragraph with no sentence break (the worst case for
    /// finding sentences), and in the ordinary body.
    #[divan::bench(args = SIZES, consts = [false, true])]
    fn select_sentence<const SENTENCES: bool>(b: Bencher, size: &str) {
        let mut model = reader(size, SENTENCES);
        b.bench_local(|| {
            update(&mut model, Action::Select);
            update(&mut model, Action::NextSentence);
            update(&mut model, Action::Cancel);
        });
    }
}

/// Keys whose cost must not grow with the article, at 100 KB and at 10 MB (100 times longer):
/// each looks the reading position up in a sorted list (quotes, a speaker's quotes, search
/// hits) with a binary search, so the two rows of each should be about the same.
#[divan::bench_group(max_time = 3)]
mod flat {
    use super::*;

    const SIZES: &[&str] = &["100K", "10M"];

    fn pair(b: Bencher, mut model: Model, there: Action, back: Action) {
        b.bench_local(|| {
            update(&mut model, there.clone());
            update(&mut model, back.clone());
        });
    }

    /// `j` then `k`.
    #[divan::bench(args = SIZES)]
    fn line(b: Bencher, size: &str) {
        pair(b, reader(size, true), Action::Down, Action::Up);
    }

    /// `]` then `[`.
    #[divan::bench(args = SIZES)]
    fn next_quote(b: Bencher, size: &str) {
        let model = reader(size, true);
        pair(b, model, Action::NextQuote, Action::PrevQuote);
    }

    /// `}` then `{`.
    #[divan::bench(args = SIZES)]
    fn same_speaker(b: Bencher, size: &str) {
        let model = reader(size, true);
        pair(b, model, Action::NextSameSpeaker, Action::PrevSameSpeaker);
    }

    /// `n` then `N` through the hits of a search for a common word (about 1 in 60 words).
    #[divan::bench(args = SIZES)]
    fn next_hit(b: Bencher, size: &str) {
        let mut model = reader(size, true);
        scholia::tui::moves::search(&mut model, "council");
        pair(b, model, Action::NextHit, Action::PrevHit);
    }
}

/// A resize to 140×40 and back to 120×40 (a text pane 72 and 62 columns wide), each with its
/// first frame: half of it is one resize.
#[divan::bench(args = SIZES, max_time = 5)]
fn resize(b: Bencher, size: &str) {
    let mut model = reader(size, true);
    b.bench_local(|| {
        update(
            &mut model,
            Action::Resize {
                width: 140,
                height: HEIGHT,
            },
        );
        let one = render::draw(&model);
        update(
            &mut model,
            Action::Resize {
                width: WIDTH,
                height: HEIGHT,
            },
        );
        (one, render::draw(&model))
    });
}

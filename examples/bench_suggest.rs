//! How long `suggest` takes on a 10 MB body: the test corpus's articles repeated, with names
//! varied so that entities grow as they would in a long text. Run in release:
//! `cargo run --release --example bench_suggest`.

use std::time::Instant;

use scholia::body::Body;
use scholia::suggest::{suggest, write};

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/suggest-corpus");
    let mut articles: Vec<String> = std::fs::read_dir(dir)
        .expect("the corpus")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| std::fs::read_to_string(e.path()).expect("an article"))
        .collect();
    articles.sort();
    let mut s = String::new();
    let mut i = 0;
    while s.len() < 10 * 1024 * 1024 {
        let a = &articles[i % articles.len()];
        s.push_str(&a.replace("Carrow", &format!("Carrow{}", i % 700)));
        s.push_str("\n\n");
        i += 1;
    }
    let mb = s.len() as f64 / (1024.0 * 1024.0);
    let body = Body::new(s);
    for run in 0..3 {
        let started = Instant::now();
        let draft = suggest(&body);
        let drafted = started.elapsed();
        let w = write::render_checked(&draft, &body, "b.md", "b");
        let total = started.elapsed();
        println!(
            "run {run}: {mb:.1} MB: drafted in {:.0} ms, written and loaded back in {:.0} ms more ({:.0} ms in all); {} quotes, {} entities, capped {}, repaired {}",
            drafted.as_secs_f64() * 1000.0,
            (total - drafted).as_secs_f64() * 1000.0,
            total.as_secs_f64() * 1000.0,
            draft.quotes.len(),
            draft.entities.len(),
            draft.capped,
            w.repaired.len()
        );
    }
}

//! Writes a generated article for the benchmarks and `scripts/bench-vs-bat` to time by hand:
//!
//! ```sh
//! cargo run --release --example gen_article -- DIR BYTES [--no-sentences]
//! ```
//!
//! DIR gets `bench.yaml` and `bench.md` (about BYTES of body, 7 quotes and one entity per
//! 10 KB, at most 1 000 entities), `stale.highlights.yaml` (1 000 one-character highlights whose
//! offsets went stale) and `unfound.yaml` (the same article with 50 quote segments of 300 chars
//! that are not in the body). With `--no-sentences` the body is one paragraph with no sentence
//! break at all. The same arguments always give the same files.

#[path = "common/bench_article.rs"]
mod bench_article;

use bench_article::Spec;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_article DIR BYTES [--no-sentences]";
    let (Some(dir), Some(bytes)) = (args.first(), args.get(1)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let Some(bytes) = parse_size(bytes) else {
        eprintln!("BYTES must be a number, optionally with K or M (10K, 1M, 10000000); {usage}");
        std::process::exit(2);
    };
    let dir = std::path::Path::new(dir);
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("{}: cannot create the folder: {e}", dir.display());
        std::process::exit(1);
    }
    let mut spec = Spec::sized(bytes);
    spec.sentences = !args.iter().any(|a| a == "--no-sentences");
    let written = bench_article::generate_spec(dir, &spec);
    bench_article::stale_highlights(dir, 1000);
    bench_article::unfound_segments(dir, 50, 300);
    println!(
        "{}: body {written} bytes, {} quotes, {} entities{}",
        dir.display(),
        spec.quotes,
        spec.entities,
        if spec.sentences {
            ""
        } else {
            ", no sentence breaks"
        }
    );
}

/// `10K`, `1M`, `10000000`: decimal units, as the benchmarks name their sizes.
fn parse_size(s: &str) -> Option<usize> {
    let (digits, unit) = match s.strip_suffix(['K', 'k']) {
        Some(d) => (d, 1_000),
        None => match s.strip_suffix(['M', 'm']) {
            Some(d) => (d, 1_000_000),
            None => (s, 1),
        },
    };
    digits.parse::<usize>().ok()?.checked_mul(unit)
}

//! Load benchmark: generates a book-length article (about 10 MB of body, 5 000 quotes, 200
//! entities) and times `scholia::load::load` on it. Run it in release mode:
//!
//! ```sh
//! cargo run --release --example bench_load            # 7 runs, prints each and the median
//! cargo run --release --example bench_load -- 15      # another number of runs
//! BENCH_DIR=/tmp/bench cargo run --release --example bench_load   # keep the article there
//! ```
//!
//! The method and the figures are in docs/PERFORMANCE.md.

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "common/bench_article.rs"]
mod bench_article;

use bench_article::{QUOTES, generate};

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(7)
        .max(1);
    // With BENCH_DIR set, the article is written there and kept (to profile `scholia check` on
    // it, say); otherwise into a temporary folder removed at the end.
    let temp = tempfile::tempdir().expect("a temporary folder");
    let dir = std::env::var_os("BENCH_DIR").map_or_else(|| temp.path().to_path_buf(), Into::into);
    std::fs::create_dir_all(&dir).expect("the article's folder");
    let bytes = generate(&dir);
    let path = dir.join("bench.yaml");
    let yaml_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "article: body {:.1} MB, annotations {:.2} MB",
        bytes as f64 / 1e6,
        yaml_bytes as f64 / 1e6
    );

    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut cpu_times: Vec<Duration> = Vec::with_capacity(runs);
    for run in 1..=runs {
        let cpu_started = thread_cpu();
        let started = Instant::now();
        let loaded = match scholia::load::load(&path) {
            Ok(loaded) => loaded,
            Err(problems) => {
                for p in problems.sorted().into_iter().take(10) {
                    eprintln!("{p}");
                }
                std::process::exit(1);
            }
        };
        let took = started.elapsed();
        let cpu = thread_cpu().zip(cpu_started).map(|(b, a)| b - a);
        let a = &loaded.article;
        if run == 1 {
            println!(
                "loaded: {} chars, {} entities, {} quotes ({} segments), {} mentions, {} warnings",
                a.body.len(),
                a.entities.len(),
                a.quotes.len(),
                a.quotes.iter().map(|q| q.segments.len()).sum::<usize>(),
                a.mentions.len(),
                loaded.warnings.0.len()
            );
            assert_eq!(a.quotes.len(), QUOTES, "every quote loads");
        }
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        match cpu {
            Some(cpu) => {
                println!("run {run}: {:.1} ms wall, {:.1} ms CPU", ms(took), ms(cpu));
                cpu_times.push(cpu);
            }
            None => println!("run {run}: {:.1} ms wall", ms(took)),
        }
        times.push(took);
    }
    println!("median of {runs}: {}", summary(&mut times));
    if cpu_times.len() == runs {
        println!("CPU time, median of {runs}: {}", summary(&mut cpu_times));
    }
    phases(&path);
}

fn summary(times: &mut [Duration]) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    format!(
        "{:.1} ms (min {:.1}, max {:.1})",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    )
}

/// CPU time of this thread so far (Linux; `None` elsewhere). On a shared machine wall time
/// includes waiting for a core; CPU time is what the load itself costs.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Where the time goes: the loader's main steps, one by one, each timed once.
fn phases(path: &Path) {
    use scholia::fold::{Folded, fold_pattern};
    let Ok(src) = std::fs::read_to_string(path) else {
        return;
    };
    let Ok(body) = std::fs::read_to_string(path.with_extension("md")) else {
        return;
    };
    let Ok(loaded) = scholia::load::load(path) else {
        return;
    };
    let a = &loaded.article;
    let time = |what: &str, f: &mut dyn FnMut()| {
        let (cpu, wall) = (thread_cpu(), Instant::now());
        f();
        let cpu = thread_cpu().zip(cpu).map(|(b, a)| b - a);
        let cpu = cpu.map_or(String::new(), |c| {
            format!(", {:.1} ms CPU", c.as_secs_f64() * 1e3)
        });
        println!(
            "  {what:<34} {:>7.1} ms wall{cpu}",
            wall.elapsed().as_secs_f64() * 1e3
        );
    };
    println!("phases:");
    time("parse the YAML (located tree)", &mut || {
        let _ = scholia::yaml::parse(&src);
    });
    let mut body_text = Some(body);
    time("index the body (chars, blocks)", &mut || {
        let _ = scholia::body::Body::new(body_text.take().unwrap_or_default());
    });
    let mut folded = None;
    time("fold the body", &mut || {
        folded = Some(Folded::new(a.body.as_str()))
    });
    let Some(folded) = folded else { return };
    let forms: Vec<scholia::find::Form> = a
        .entities
        .iter()
        .enumerate()
        .flat_map(|(i, e)| {
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(move |n| scholia::find::Form {
                    pattern: fold_pattern(n),
                    owner: i,
                    only: None,
                })
        })
        .collect();
    time("find the mentions", &mut || {
        let _ = scholia::find::mentions(&folded, &forms);
    });
    let segments: Vec<String> = a
        .quotes
        .iter()
        .flat_map(|q| &q.segments)
        .map(|s| fold_pattern(a.body.slice(s.start(), s.end())))
        .collect();
    time("find the quote segments", &mut || {
        let _ = scholia::find::Occurrences::find(&folded, &segments);
    });
}

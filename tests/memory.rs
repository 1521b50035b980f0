//! Memory stays a small multiple of the body: a long body is checked without the
//! gigabytes an earlier version took (1.9 GB for a 66 MB body). Peak memory is read from the
//! kernel's account of the finished child (`getrusage(RUSAGE_CHILDREN)`), so the test measures
//! the real binary, not an estimate.

#[path = "../examples/common/bench_article.rs"]
mod bench_article;
mod common;

use bench_article::Spec;

/// Peak resident memory, in bytes, of the largest child this process has waited for.
fn children_peak_bytes() -> u64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is a valid, writable rusage for the call to fill.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0);
    // Linux counts ru_maxrss in KiB.
    usage.ru_maxrss as u64 * 1024
}

/// One test, so that the children measured run one after the other and smallest first: the
/// kernel keeps only the largest peak of all children waited for.
#[test]
fn memory_stays_a_small_multiple_of_the_input_and_output() {
    a_w3c_export_takes_a_small_multiple_of_what_it_writes();
    checking_a_long_body_takes_a_small_multiple_of_it();
}

fn checking_a_long_body_takes_a_small_multiple_of_it() {
    let dir = tempfile::tempdir().unwrap();
    // Many mentions (a thousand names through the body) and few quotes: the body and what is
    // found in it dominate.
    let spec = Spec {
        body_bytes: 16_000_000,
        quotes: 100,
        entities: 1000,
        sentences: true,
    };
    bench_article::generate_spec(dir.path(), &spec);
    let body = std::fs::metadata(dir.path().join("bench.md"))
        .unwrap()
        .len();
    let out = std::process::Command::new(common::BIN)
        .args(["check", "bench.yaml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let peak = children_peak_bytes();
    let limit = 4 * body + 48 * 1024 * 1024;
    eprintln!(
        "check of a {} MB body: peak {} MB (limit {} MB)",
        body / 1_000_000,
        peak / 1_000_000,
        limit / 1_000_000
    );
    assert!(peak < limit, "peak {peak} bytes for a {body}-byte body");
}

fn a_w3c_export_takes_a_small_multiple_of_what_it_writes() {
    let dir = tempfile::tempdir().unwrap();
    // Forty names through a 4 MB body: about 160 000 mentions, one W3C target each.
    let spec = Spec {
        body_bytes: 4_000_000,
        quotes: 50,
        entities: 40,
        sentences: true,
    };
    bench_article::generate_spec(dir.path(), &spec);
    let out = std::process::Command::new(common::BIN)
        .args([
            "export",
            "bench.yaml",
            "--what",
            "all",
            "--format",
            "w3c",
            "-o",
            "out.json",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let written = std::fs::metadata(dir.path().join("out.json"))
        .unwrap()
        .len();
    let body = std::fs::metadata(dir.path().join("bench.md"))
        .unwrap()
        .len();
    let peak = children_peak_bytes();
    // The article itself, the text written, and room for one annotation's values at a time
    // (a tree of every annotation took about 9 times the text).
    let limit = 3 * body + 2 * written + 32 * 1024 * 1024;
    eprintln!(
        "w3c export: {} MB written, peak {} MB (limit {} MB)",
        written / 1_000_000,
        peak / 1_000_000,
        limit / 1_000_000
    );
    assert!(peak < limit, "peak {peak} bytes writing {written} bytes");
}

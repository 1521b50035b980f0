//! Every draft of every text loads: random text built from the pieces the rules react to
//! (names, titles, cues, every quotation mark, headings, blank lines) and from the ones that
//! break naive writers (control characters, YAML's own syntax, line separators, a byte-order
//! mark) is drafted, rendered and loaded by the real loader, and no repair may be needed.
//! Also a bounded run on a large body, so that drafting stays linear.

use std::time::Duration;

use proptest::prelude::*;

use scholia::body::Body;
use scholia::suggest::{suggest, write};

const PIECES: &[&str] = &[
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\n\n# ",
    "\r\n",
    "the",
    "said",
    "told",
    "says",
    "that",
    "according to",
    "she",
    "he",
    "they",
    "Ann Lee",
    "Lee",
    "Dr.",
    "Mayor",
    "Ms.",
    "the mayor",
    "a spokesperson for the board",
    "officials",
    "Port Aldwick Town Council",
    "Council",
    "of",
    "“",
    "”",
    "\"",
    "'",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "“",
    "「",
    "」",
    ",",
    ".",
    ":",
    "?",
    "!",
    "—",
    "Q:",
    "A:",
    "\t",
    "\u{0}",
    "\u{7}",
    "\u{1b}[31m",
    "\u{85}",
    "\u{2028}",
    "\u{feff}",
    "\u{a0}",
    "é",
    "e\u{301}",
    "😀",
    "日本",
    "key: value",
    "- item",
    "&anchor",
    "*alias",
    "!!tag",
    "#",
    "|",
    ">",
    "{",
    "}",
    "[",
    "]",
    "%",
    "@",
    "`",
    "\\",
    "\\n",
    "It’s",
    "U.S.-based",
    "O'Brien",
    "Ltd",
    "Geneva",
    "Mr",
    "We are here,",
    "We listened.",
    "“We listened,” she said.",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn every_draft_loads_without_repair(s in text()) {
        let body = Body::new(s.clone());
        let draft = suggest(&body);
        let w = write::render_checked(&draft, &body, "b.md", "b");
        prop_assert!(w.repaired.is_empty(), "{:?}\n{}\n{:?}", w.repaired, w.yaml, s);
        let article = write::load_draft(&w.yaml, &body, "b.md");
        prop_assert!(article.is_ok(), "{:?}\n{}", article.err(), w.yaml);
        let article = article.unwrap();
        let speech = draft.quotes.iter().filter(|q| !q.scare).count();
        // The writer may split a quote whose later segment the loader would find too early into
        // two (see `write::Placed`): never fewer quotes, and the same segments (below).
        prop_assert!(article.quotes.len() >= speech);
        prop_assert_eq!(article.scare_quotes.len(), draft.quotes.len() - speech);
        // Each segment lands where the rules found it.
        let mut found: Vec<_> = draft.quotes.iter().flat_map(|q| q.segments.clone()).collect();
        let mut loaded: Vec<_> = article
            .quotes
            .iter()
            .flat_map(|q| q.segments.clone())
            .chain(article.scare_quotes.iter().flat_map(|q| q.segments.clone()))
            .collect();
        found.sort();
        loaded.sort();
        prop_assert_eq!(found, loaded);
    }
}

/// The CPU time this thread has used.
fn thread_cpu_time() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to fill.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0);
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

#[test]
fn a_large_body_is_drafted_in_bounded_time() {
    let para = "“We are not here to decide whether the quay changes,” said Mayor Helen Carrow. \
                “We are here to decide who it changes for.” Ines Okafor said the wall would need \
                repairs before winter, according to the Port Aldwick Town Council.\n\n";
    let mut s = String::from("# A long one\n\n");
    let mut i = 0;
    while s.len() < 2_000_000 {
        s.push_str(&para.replace("Carrow", &format!("Carrow{}", i % 500)));
        i += 1;
    }
    let body = Body::new(s);
    // CPU time of this thread, not the wall clock: other tests and builds on a loaded two-core
    // machine once made this take 93 s of waiting for a core.
    let started = thread_cpu_time();
    let draft = suggest(&body);
    let w = write::render_checked(&draft, &body, "b.md", "b");
    let took = thread_cpu_time() - started;
    assert!(w.repaired.is_empty(), "{:?}", w.repaired);
    assert!(!draft.quotes.is_empty());
    // A debug build on a loaded two-core machine; release does 10 MB in well under 2 s
    // (docs/SUGGEST.md, `cargo run --release --example bench_suggest`).
    assert!(took < Duration::from_secs(60), "2 MB took {took:?} of CPU");
}

//! A kill at any moment leaves the highlights sidecar whole (the format spec: "a crash or a kill
//! at any moment leaves either the old or the new file, whole").
//!
//! This test binary re-runs itself as a child writer (the ignored test `child_writer`, switched
//! on by an environment variable) that adds highlights and saves in a loop, and kills it with
//! SIGKILL at random moments, checking the file after every kill. Set `SCHOLIA_CRASH_SEED` to
//! replay a run; the seed is printed.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use scholia::article::Span;
use scholia::body::Body;
use scholia::highlights::{self, Highlight, Store};

/// Set to the folder the child writes in; unset, `child_writer` does nothing.
const CHILD_ENV: &str = "SCHOLIA_CRASH_CHILD_DIR";
/// What the child prints once its first save is done, so kills land in the save loop rather
/// than during start-up.
const READY: &str = "scholia-crash-child-ready";
const KILLS: usize = 220;
/// The sidecar is started afresh this often, so that it grows but saves stay quick.
const RESET_EVERY: usize = 40;

const BODY: &str = "# Harbour plan\n\nThe council met on Monday. “We will rebuild the harbour,” the \
                    mayor said, “and we will do it this year.” Critics said the plan was late and \
                    too costly; the treasurer’s report put the cost at €12 million.\n\nÅsa \
                    Lindqvist, who runs the ferry, said: “Nobody asked us.” 😀 The vote is on \
                    Thursday.\n";

fn sidecar(dir: &Path) -> PathBuf {
    dir.join("harbour.highlights.yaml")
}

#[test]
#[ignore = "the child writer of sidecar_survives_sigkill_at_random_moments, run by it"]
fn child_writer() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let path = sidecar(Path::new(&dir));
    let body = Body::new(BODY.to_string());
    let (mut store, problem) = Store::load(&path, &body);
    assert!(problem.is_none(), "{problem:?}");
    let room = body.len() - 20;
    let first = store.list().len();
    for n in first.. {
        let start = (n * 37) % room;
        let span = Span::new(start, start + 1 + n % 19);
        let id = store.add(Highlight::new(&body, span, None));
        if n % 3 == 0 {
            store.set_note(
                &id,
                Some(format!("note {n}\nsecond line: «{n}» # not a comment")),
            );
        }
        if n % 4 == 0 {
            store.set_colour(&id, Some(1 + (n % 4) as u8));
        }
        store.save().expect("save");
        if n == first {
            println!("{READY}");
            std::io::stdout().flush().expect("flush");
        }
    }
}

/// xorshift64*: enough randomness for kill times, with no dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

#[test]
fn sidecar_survives_sigkill_at_random_moments() {
    let seed = std::env::var("SCHOLIA_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("SCHOLIA_CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let exe = std::env::current_exe().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = sidecar(dir.path());
    let body = Body::new(BODY.to_string());

    let began = Instant::now();
    let mut seen: HashSet<String> = HashSet::new();
    let mut largest = 0;
    let mut temps_left = 0;
    for kill in 0..KILLS {
        if kill % RESET_EVERY == 0 {
            let _ = std::fs::remove_file(&path);
            seen.clear();
        }
        let mut child = Command::new(&exe)
            .args([
                "child_writer",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();

        // Wait for the child's first save, with a deadline so that a hung child fails the test.
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let ready = BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .any(|line| line.ends_with(READY));
            let _ = tx.send(ready);
        });
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(true) => {}
            outcome => {
                let _ = child.kill();
                let out = child.wait_with_output().unwrap();
                panic!(
                    "kill {kill}: the child never got through a save ({outcome:?}); its stderr:\n{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
        std::thread::sleep(Duration::from_micros(rng.below(15_000)));
        child.kill().unwrap();
        child.wait().unwrap();

        let text = std::fs::read_to_string(&path).unwrap();
        let list = highlights::read(&path)
            .unwrap_or_else(|p| panic!("kill {kill}: the sidecar is broken: {p}\n{text}"));
        for h in &list {
            assert_eq!(body.slice(h.start, h.end), h.text, "kill {kill}: {h:?}");
            assert!(!h.id.is_empty() && !h.orphaned, "kill {kill}: {h:?}");
            assert!(
                h.created.len() == 20 && h.created.ends_with('Z'),
                "kill {kill}: {h:?}"
            );
            if let Some(note) = &h.note {
                assert!(
                    note.starts_with("note ") && note.ends_with("# not a comment"),
                    "kill {kill}: {h:?}"
                );
            }
        }
        let ids: HashSet<String> = list.iter().map(|h| h.id.clone()).collect();
        assert_eq!(ids.len(), list.len(), "kill {kill}: duplicate ids");
        assert!(
            seen.is_subset(&ids),
            "kill {kill}: saved highlights were lost: {:?}",
            seen.difference(&ids).collect::<Vec<_>>()
        );
        assert!(
            ids.len() > seen.len(),
            "kill {kill}: the sidecar holds {} highlights, but the child had saved at least {} \
             (a truncated file reads as empty)\n{text}",
            ids.len(),
            seen.len() + 1
        );
        largest = largest.max(ids.len());
        seen = ids;

        // A kill between creating the temporary file and renaming it leaves that file; the next
        // save (under the lock) sweeps it up, so there is never more than one.
        let temps = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains(".tmp.")
            })
            .count();
        assert!(temps <= 1, "kill {kill}: {temps} temporary files left");
        temps_left += temps;
    }
    eprintln!(
        "{KILLS} kills in {:?}; the sidecar reached {largest} highlights; {temps_left} kills \
         left a temporary file behind",
        began.elapsed()
    );
}

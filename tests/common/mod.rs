//! Running the built `scholia` binary from integration tests: with a deadline, so that a hang
//! fails the test instead of the run, and with its output captured whole.

#![allow(dead_code)] // each test crate uses its own part of this module

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Generous for a debug build on a busy two-core machine; every run here takes milliseconds.
pub const DEADLINE: Duration = Duration::from_secs(30);

pub const BIN: &str = env!("CARGO_BIN_EXE_scholia");

/// The articles shipped with the project.
pub fn articles() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/articles"))
}

#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub took: Duration,
}

impl Run {
    /// The lines of standard error that report a problem (not the closing summary).
    pub fn problem_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| !l.starts_with("checked "))
            .collect()
    }

    /// Fails unless nothing in the output looks like a Rust panic.
    pub fn assert_no_panic(&self) {
        for text in [&self.stdout, &self.stderr] {
            assert!(
                !text.contains("panicked") && !text.contains("RUST_BACKTRACE"),
                "the program panicked:\n{self:#?}"
            );
        }
    }
}

/// Runs `scholia ARGS` in `dir`, failing the test if it does not finish within [`DEADLINE`].
pub fn scholia<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Run {
    let started = Instant::now();
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the scholia binary runs");
    // Drain both pipes while waiting, so a chatty child cannot block on a full pipe.
    let mut out_pipe = child.stdout.take().expect("stdout is piped");
    let mut err_pipe = child.stderr.take().expect("stderr is piped");
    let out = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out_pipe.read_to_end(&mut buf);
        buf
    });
    let err = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        buf
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting on scholia") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "scholia {:?} did not finish within {DEADLINE:?}",
                args.iter().map(|a| a.as_ref()).collect::<Vec<_>>()
            );
        }
        thread::sleep(Duration::from_millis(5));
    };
    let took = started.elapsed();
    let stdout = String::from_utf8(out.join().expect("stdout reader")).expect("stdout is UTF-8");
    let stderr = String::from_utf8(err.join().expect("stderr reader")).expect("stderr is UTF-8");
    let run = Run {
        // A signal (no code) shows as -1, which no assertion expects.
        code: status.code().unwrap_or(-1),
        stdout,
        stderr,
        took,
    };
    run.assert_no_panic();
    run
}

/// A fresh folder holding the given files (name, bytes).
pub fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, bytes) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the fixture's folder");
        }
        std::fs::write(&path, bytes).expect("write a fixture");
    }
    dir
}
pub mod tmux;

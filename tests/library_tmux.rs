//! The library screen in a real terminal (tmux): open a folder, filter, Enter reads an article,
//! Esc comes back to the same row, `S` shows the speaker chart without colour, q quits and the
//! terminal is restored. Skipped, with a notice, only where tmux is not installed.

use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_scholia");
const LIBRARY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/library");

struct Tmux {
    socket: String,
    /// A fresh HOME for each test, so that reading positions remembered under
    /// `~/.local/state/scholia` by one run never move where the next run opens an article.
    home: tempfile::TempDir,
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]).status();
    }
}

impl Tmux {
    fn start(name: &str, command: &str) -> Option<Self> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("NOTICE: tmux is not installed; skipping the end-to-end test `{name}`");
            return None;
        }
        let t = Tmux {
            socket: format!("scholia-{name}-{}", std::process::id()),
            home: tempfile::tempdir().expect("a temporary folder"),
        };
        let status = t
            .cmd(&[
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                "100",
                "-y",
                "20",
                "env",
                "-i",
                "PATH=/usr/bin:/bin",
                "TERM=xterm-256color",
                &format!("HOME={}", t.home.path().display()),
                "PS1=$ ",
                "bash",
                "--norc",
                "--noprofile",
            ])
            .status()
            .expect("tmux runs");
        assert!(status.success());
        t.wait_for("a prompt", |s| s.contains('$'));
        t.send(&["-l", command]);
        t.send(&["Enter"]);
        Some(t)
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-L").arg(&self.socket).args(args);
        c
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(self.cmd(&args).status().unwrap().success());
    }

    fn screen(&self) -> String {
        let out = self
            .cmd(&["capture-pane", "-p", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The row the cursor (`>`) is on.
fn selected(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.starts_with('>'))
        .unwrap_or("")
        .to_string()
}

#[test]
fn open_filter_read_and_come_back_to_the_same_row() {
    let cache = tempfile::tempdir().unwrap();
    let command = format!(
        "XDG_CACHE_HOME={} NO_COLOR=1 {BIN} {LIBRARY}; echo EXIT-$((40+2))-$?",
        cache.path().display()
    );
    let Some(t) = Tmux::start("library", &command) else {
        return;
    };
    t.wait_for("the list", |s| s.contains("4 articles"));
    // Filter by a speaker's name: the three articles that quote Olu Banjo.
    t.send(&["/"]);
    t.send(&["-l", "banjo"]);
    t.send(&["Enter"]);
    t.wait_for("the filtered list", |s| s.contains("3 of 4 articles"));
    t.send(&["j"]);
    let s = t.wait_for("the second row", |s| selected(s).contains("Ferry Fares"));
    let row = selected(&s);
    t.send(&["Enter"]);
    t.wait_for("the article", |s| {
        s.contains("Quotes (4)") && s.contains("Kessock Bay ferry")
    });
    t.send(&["Escape"]);
    let s = t.wait_for("the list again", |s| s.contains("3 of 4 articles"));
    assert_eq!(selected(&s), row, "back on another row:\n{s}");
    // q in the article also comes back.
    t.send(&["Enter"]);
    t.wait_for("the article", |s| s.contains("Quotes (4)"));
    t.send(&["q"]);
    let s = t.wait_for("the list again", |s| s.contains("3 of 4 articles"));
    assert_eq!(selected(&s), row);
    // The chart, without colour: patterns tell direct from reported.
    t.send(&["Escape", "S"]);
    let s = t.wait_for("the chart", |s| s.contains("speakers across 4 articles"));
    let banjo = s.lines().find(|l| l.starts_with("Olu Banjo")).unwrap_or("");
    assert!(banjo.contains('█') && banjo.contains('░'), "{s}");
    assert!(banjo.contains("4 q · 22 w · 3 art."), "{s}");
    t.send(&["Escape", "q"]);
    t.wait_for("the shell", |s| s.contains("EXIT-42-0"));
}

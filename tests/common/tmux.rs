//! A private tmux server for end-to-end tests in a real terminal: `send-keys` types,
//! `capture-pane` reads the screen. Every test gets its own socket and its own HOME, and waits by
//! polling the screen, never by fixed sleeps. `start` returns `None` (with a notice) only where
//! tmux is not installed; `.ci/run` installs it.

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    pub socket: String,
    /// A fresh HOME for each test, so that reading positions remembered under
    /// `~/.local/state/scholia` by one run never move where the next run opens an article.
    pub home: tempfile::TempDir,
}

impl Tmux {
    /// A private tmux server with one shell in a `width`×`height` window, or `None` (and a
    /// notice) without tmux.
    pub fn start(name: &str, width: u16, height: u16) -> Option<Self> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("NOTICE: tmux is not installed; skipping the end-to-end test `{name}`");
            return None;
        }
        let socket = format!("scholia-{name}-{}", std::process::id());
        let t = Tmux {
            socket,
            home: tempfile::tempdir().expect("a temporary folder"),
        };
        let status = t
            .cmd(&[
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
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
        assert!(status.success(), "tmux new-session failed");
        t.wait_for("a shell prompt", |s| s.contains('$'));
        Some(t)
    }

    /// Where tmux keeps this server's socket (`-L` names a file in `$TMUX_TMPDIR/tmux-UID`).
    fn socket_path(&self) -> std::path::PathBuf {
        use std::os::unix::fs::MetadataExt;
        let uid = std::fs::metadata("/proc/self").map_or(0, |m| m.uid());
        let dir = std::env::var_os("TMUX_TMPDIR").unwrap_or_else(|| "/tmp".into());
        std::path::Path::new(&dir)
            .join(format!("tmux-{uid}"))
            .join(&self.socket)
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-L").arg(&self.socket).args(args);
        c
    }

    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(self.cmd(&args).status().unwrap().success());
    }

    pub fn type_line(&self, line: &str) {
        self.send(&["-l", line]);
        self.send(&["Enter"]);
    }

    pub fn screen(&self) -> String {
        let out = self
            .cmd(&["capture-pane", "-p", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn display(&self, format: &str) -> String {
        let out = self
            .cmd(&["display-message", "-p", "-t", "t", format])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen has not changed for a moment: every key sent has been handled.
    pub fn settle(&self) -> String {
        let mut last = self.screen();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            std::thread::sleep(Duration::from_millis(250));
            let now = self.screen();
            if now == last || Instant::now() > deadline {
                return now;
            }
            last = now;
        }
    }

    /// The status line (the last non-empty row), once the screen has settled.
    pub fn status(&self) -> String {
        self.settle()
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .to_string()
    }

    /// Checks that the shell's terminal is back to normal: main screen, cooked mode, echo.
    pub fn assert_restored(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.display("#{alternate_on}") != "0" {
            assert!(Instant::now() < deadline, "still on the alternate screen");
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(self.display("#{cursor_flag}"), "1", "cursor hidden");
        self.type_line("stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo MODES-$((40+2))");
        let s = self.wait_for("stty output", |s| s.contains("MODES-42"));
        let line = s.lines().find(|l| l.contains("MODES-42")).unwrap_or("");
        assert!(
            line.contains("icanon echo") && !line.contains("-icanon"),
            "terminal not restored: {line:?}"
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]).status();
        // tmux leaves the socket file of a killed server behind; thousands of test runs would
        // fill its folder.
        let _ = std::fs::remove_file(self.socket_path());
    }
}

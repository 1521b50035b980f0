//! End-to-end tests in a real terminal: tmux runs the built binary; `send-keys` types and
//! `capture-pane` reads the screen. Skipped, with a notice, only where tmux is not installed
//! (`.ci/run` installs it).

mod common;

use common::tmux::Tmux;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_scholia");
const ARTICLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/articles/cecot.yaml");

fn open(t: &Tmux, extra: &str) {
    assert!(Path::new(ARTICLE).exists());
    t.type_line(&format!(
        "{BIN} --no-mouse {ARTICLE}{extra}; echo \"exit=$?\""
    ));
    t.wait_for("the reader", |s| {
        s.contains("Quotes (13)") || s.contains("Text")
    });
}

#[test]
fn quit_restores_the_terminal() {
    let Some(t) = Tmux::start("quit", 140, 40) else {
        return;
    };
    open(&t, "");
    t.send(&["q"]);
    t.wait_for("the exit code", |s| s.contains("exit=0"));
    t.assert_restored();
}

#[test]
fn speaker_jumps_search_and_themes_in_a_real_terminal() {
    let Some(t) = Tmux::start("jumps", 140, 40) else {
        return;
    };
    open(&t, "");
    t.send(&["]"]);
    t.wait_for("the first quote", |s| s.contains("Donald Trump — 1/4"));
    t.send(&["}"]);
    t.wait_for("Trump's second quote", |s| s.contains("Donald Trump — 2/4"));
    for _ in 0..4 {
        t.send(&["]"]);
    }
    t.send(&["}"]);
    let status = t.status();
    assert!(
        status.contains("Nayib Bukele — ") || status.contains("— "),
        "{status}"
    );
    t.send(&["/"]);
    t.send(&["-l", "judge's"]);
    t.send(&["Enter"]);
    t.wait_for("search hits", |s| {
        s.contains("“judge's”: ") && s.contains("/4")
    });
    t.send(&["t"]);
    t.wait_for("a theme change", |s| s.contains("theme: light"));
    t.send(&["C-c"]);
    t.wait_for("the exit code", |s| s.contains("exit=0"));
    t.assert_restored();
}

#[test]
fn resize_keeps_reading_and_folds_panes() {
    let Some(t) = Tmux::start("resize", 140, 40) else {
        return;
    };
    open(&t, "");
    for _ in 0..5 {
        t.send(&["]"]);
    }
    let before = t.status();
    assert!(before.contains(" — "), "{before}");
    let speaker = before.split("]").nth(1).unwrap().trim().to_string();
    assert!(
        t.cmd(&["resize-window", "-t", "t", "-x", "70", "-y", "20"])
            .status()
            .unwrap()
            .success()
    );
    // The status line is drawn last: once it shows, the narrow screen is whole.
    t.wait_for("the narrow layout", |s| {
        s.lines().all(|l| l.chars().count() <= 70)
            && s.contains("Quotes (13)")
            && !s.contains("Entities (")
            && s.lines().any(|l| l.contains("[TEXT]"))
    });
    let after = t.status();
    assert!(
        after.contains(speaker.split("  ").next().unwrap()),
        "{before} / {after}"
    );
    t.send(&["q"]);
    t.wait_for("the exit code", |s| s.contains("exit=0"));
    t.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    let Some(t) = Tmux::start("term", 100, 30) else {
        return;
    };
    open(&t, "");
    let shell = t.display("#{pane_pid}");
    let deadline = Instant::now() + Duration::from_secs(10);
    let pid = loop {
        let out = Command::new("pgrep")
            .args(["-P", &shell, "scholia"])
            .output()
            .unwrap();
        let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if !pid.is_empty() {
            break pid;
        }
        assert!(Instant::now() < deadline, "scholia process not found");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    t.wait_for("the exit code", |s| s.contains("exit=143"));
    t.assert_restored();
}

#[test]
fn a_highlight_and_its_note_survive_quitting() {
    let Some(t) = Tmux::start("highlight", 140, 40) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let articles = Path::new(ARTICLE).parent().unwrap();
    for f in ["cecot.yaml", "cecot.md"] {
        std::fs::copy(articles.join(f), dir.path().join(f)).unwrap();
    }
    let article = dir.path().join("cecot.yaml");
    let start = format!("{BIN} --no-mouse {}; echo \"exit=$?\"", article.display());
    t.type_line(&start);
    t.wait_for("the reader", |s| s.contains("Quotes (13)"));
    t.send(&["]", "]", "h"]);
    t.wait_for("the highlight", |s| {
        s.contains("highlighted") && s.contains("Text · 1 highlight")
    });
    t.send(&["a"]);
    // capture-pane drops the prompt's trailing space.
    t.wait_for("the note prompt", |s| {
        s.lines().any(|l| l.starts_with("note:"))
    });
    t.send(&["-l", "ask the White House"]);
    t.send(&["Enter"]);
    t.wait_for("the saved note", |s| s.contains("note saved"));
    t.send(&["q"]);
    t.wait_for("the exit code", |s| s.contains("exit=0"));
    let sidecar = std::fs::read_to_string(dir.path().join("cecot.highlights.yaml")).unwrap();
    assert!(sidecar.contains("note: ask the White House"), "{sidecar}");

    t.type_line("clear");
    t.type_line(&start);
    t.wait_for("the reader again", |s| s.contains("Text · 1 highlight"));
    t.send(&["H"]);
    t.wait_for("the list with the note", |s| {
        s.contains("Highlights (1)") && s.contains("ask the White House")
    });
    // Esc and `e` sent together would read as Alt-e: wait for the list to close first.
    t.send(&["Escape"]);
    t.wait_for("the list to close", |s| !s.contains("Highlights (1)"));
    t.send(&["e"]);
    t.wait_for("the export", |s| s.contains("exported 1 highlight to"));
    let md = std::fs::read_to_string(dir.path().join("cecot.highlights.md")).unwrap();
    assert!(
        // A passage of a quote comes as its kind has it: a `>` block, or a paraphrase said as one.
        (md.contains("\n> ") || md.contains("\n_Paraphrase (reported speech"))
            && md.contains("ask the White House"),
        "{md}"
    );
    t.send(&["q"]);
    t.wait_for("the exit code", |s| s.matches("exit=0").count() >= 1);
    t.assert_restored();
}

#[test]
fn closing_the_terminal_ends_the_reader() {
    let Some(t) = Tmux::start("hangup", 100, 30) else {
        return;
    };
    open(&t, "");
    let shell = t.display("#{pane_pid}");
    let out = Command::new("pgrep")
        .args(["-P", &shell, "scholia"])
        .output()
        .unwrap();
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!pid.is_empty(), "scholia process not found");
    // The window goes away: the reader gets SIGHUP and reads end-of-file from its terminal.
    assert!(t.cmd(&["kill-server"]).status().unwrap().success());
    let deadline = Instant::now() + Duration::from_secs(5);
    while Path::new(&format!("/proc/{pid}")).exists() {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if stat.split_whitespace().nth(2) == Some("Z") {
            break; // exited; only its parent has not reaped it yet
        }
        assert!(
            Instant::now() < deadline,
            "the reader still runs after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The pid of the reader running in the pane's shell.
fn reader_pid(t: &Tmux) -> String {
    let shell = t.display("#{pane_pid}");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let out = Command::new("pgrep")
            .args(["-P", &shell, "scholia"])
            .output()
            .unwrap();
        let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if !pid.is_empty() {
            return pid;
        }
        assert!(Instant::now() < deadline, "scholia process not found");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until tmux says the alternate screen is `on` (or off).
fn wait_alternate(t: &Tmux, on: bool) {
    let want = if on { "1" } else { "0" };
    let deadline = Instant::now() + Duration::from_secs(15);
    while t.display("#{alternate_on}") != want {
        assert!(
            Instant::now() < deadline,
            "alternate screen never became {want}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn ctrl_z_and_sigtstp_suspend_and_fg_resumes_as_in_less() {
    let Some(t) = Tmux::start("ctrlz", 100, 30) else {
        return;
    };
    t.type_line(&format!("{BIN} --no-mouse {ARTICLE}"));
    t.wait_for("the reader", |s| s.contains("Quotes (13)"));
    for how in ["Ctrl-z", "SIGTSTP"] {
        if how == "Ctrl-z" {
            t.send(&["C-z"]);
        } else {
            let pid = reader_pid(&t);
            assert!(
                Command::new("kill")
                    .args(["-TSTP", &pid])
                    .status()
                    .unwrap()
                    .success()
            );
        }
        t.wait_for("the shell's job notice", |s| s.contains("Stopped"));
        wait_alternate(&t, false);
        t.assert_restored();
        t.type_line("clear; fg");
        wait_alternate(&t, true);
        // The whole screen is drawn again, not only what changed.
        let s = t.wait_for("a full redraw", |s| {
            s.contains("Quotes (13)") && s.contains("Text") && !s.contains("MODES-42")
        });
        assert!(!s.contains("Stopped"), "{how}: {s}");
        // Raw mode is back: a key acts at once, without Enter.
        t.send(&["j"]);
        t.settle();
    }
    t.send(&["q"]);
    wait_alternate(&t, false);
    t.assert_restored();
}

#[test]
fn sigquit_restores_the_terminal() {
    let Some(t) = Tmux::start("quit3", 100, 30) else {
        return;
    };
    open(&t, "");
    let pid = reader_pid(&t);
    assert!(
        Command::new("kill")
            .args(["-QUIT", &pid])
            .status()
            .unwrap()
            .success()
    );
    t.wait_for("the exit code", |s| s.contains("exit=131"));
    t.assert_restored();
}

#[test]
fn quitting_with_highlights_unsaved_keeps_a_private_copy_and_exits_1() {
    let Some(t) = Tmux::start("rescue", 140, 40) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let articles = Path::new(ARTICLE).parent().unwrap();
    for f in ["cecot.yaml", "cecot.md"] {
        std::fs::copy(articles.join(f), dir.path().join(f)).unwrap();
    }
    // A planted link out of the folder: the reader must neither follow it nor lose the work.
    let victim = outside.path().join("profile");
    std::os::unix::fs::symlink(&victim, dir.path().join("cecot.highlights.yaml")).unwrap();
    let state = dir.path().join("state");
    t.type_line(&format!(
        "XDG_STATE_HOME={} {BIN} --no-mouse {}; echo \"exit=$?\"",
        state.display(),
        dir.path().join("cecot.yaml").display()
    ));
    t.wait_for("the reader", |s| s.contains("Quotes (13)"));
    t.send(&["]", "]", "h"]);
    t.wait_for("the highlight", |s| s.contains("Text · 1 highlight"));
    t.send(&["q"]);
    let s = t.wait_for("the exit code", |s| {
        s.lines().any(|l| l.starts_with("exit="))
    });
    assert!(s.lines().any(|l| l == "exit=1"), "{s}");
    assert!(s.contains("your highlights are kept in"), "{s}");
    assert!(!victim.exists(), "the link was followed");
    let rescue = state.join("scholia/rescue");
    let copies: Vec<_> = std::fs::read_dir(&rescue).unwrap().flatten().collect();
    assert_eq!(copies.len(), 1);
    assert!(
        std::fs::read_to_string(copies[0].path())
            .unwrap()
            .contains("highlights:")
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&rescue).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    t.assert_restored();
}

/// A tmpfs mounted for one test and unmounted when dropped.
struct Tmpfs(tempfile::TempDir);

impl Tmpfs {
    /// Needs the right to mount (root, as in CI); elsewhere the test says so and passes.
    fn mount(bytes: usize) -> Option<Self> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("NOTICE: cannot mount a tmpfs here; the disk-full test did not run");
            return None;
        }
        Some(Self(dir))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

#[test]
fn a_full_disk_keeps_the_highlights_and_says_so() {
    let Some(disk) = Tmpfs::mount(512 * 1024) else {
        return;
    };
    let Some(t) = Tmux::start("full", 140, 40) else {
        return;
    };
    let dir = disk.0.path();
    let articles = Path::new(ARTICLE).parent().unwrap();
    for f in ["cecot.yaml", "cecot.md"] {
        std::fs::copy(articles.join(f), dir.join(f)).unwrap();
    }
    // Fill what is left, a block at a time, until the disk refuses.
    {
        use std::io::Write;
        let mut filler = std::fs::File::create(dir.join("filler")).unwrap();
        let block = [b'x'; 4096];
        while filler.write_all(&block).is_ok() {}
        let _ = filler.flush();
    }
    let state = tempfile::tempdir().unwrap();
    t.type_line(&format!(
        "XDG_STATE_HOME={} {BIN} --no-mouse {}; echo \"exit=$?\"",
        state.path().display(),
        dir.join("cecot.yaml").display()
    ));
    t.wait_for("the reader", |s| s.contains("Quotes (13)"));
    t.send(&["]", "]", "h"]);
    t.wait_for("the disk-full message", |s| s.contains("disk is full"));
    t.send(&["q"]);
    let s = t.wait_for("the exit code", |s| {
        s.lines().any(|l| l.starts_with("exit="))
    });
    assert!(s.lines().any(|l| l == "exit=1"), "{s}");
    assert!(s.contains("your highlights are kept in"), "{s}");
    assert!(!dir.join("cecot.highlights.yaml").exists());
    let copies: Vec<_> = std::fs::read_dir(state.path().join("scholia/rescue"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(copies.len(), 1);
    let rescued = std::fs::read_to_string(copies[0].path()).unwrap();
    assert!(rescued.contains("highlights:"), "{rescued}");
    // Nothing half-written is left beside the article.
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "cecot.yaml" && n != "cecot.md" && n != "filler")
        .collect();
    assert!(left.is_empty(), "{left:?}");
    t.assert_restored();
}

#[test]
fn a_bare_article_opens_with_suggestions_and_w_writes_them() {
    let Some(t) = Tmux::start("draft", 140, 30) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let body = dir.path().join("mill.md");
    std::fs::write(
        &body,
        "# Mill to reopen\n\n\"We lost the wheel and most of the stock,\" said Hana Rees, who \
         runs the mill.\n\nRees told the Leddon Gazette that she had not expected the insurer \
         to pay.\n",
    )
    .unwrap();
    let start = format!("{BIN} --no-mouse {}; echo \"exit=$?\"", body.display());
    t.type_line(&start);
    t.wait_for("the suggestions", |s| {
        s.contains("Quotes (") && s.contains("· suggested") && s.contains("W writes them")
    });
    t.send(&["W"]);
    let s = t.wait_for("the draft written", |s| s.contains("wrote "));
    assert!(!s.contains("· suggested"), "{s}");
    t.send(&["q"]);
    t.wait_for("the exit code", |s| s.contains("exit=0"));
    let check = Command::new(BIN)
        .args(["check", "mill.yaml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(check.status.success(), "{check:?}");
    // Opened again by its body, the article is the annotation file now.
    t.type_line("clear");
    t.type_line(&start);
    let s = t.wait_for("the annotation file", |s| s.contains("the annotations of"));
    assert!(!s.contains("suggested"), "{s}");
    t.send(&["q"]);
    t.wait_for("the exit code", |s| s.contains("exit=0"));
    t.assert_restored();
}

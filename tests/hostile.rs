//! Files made to harm the reader (issue 8): FIFOs, devices, links out of the folder and to
//! themselves. Each command must answer at once with a located error or warning, change nothing
//! outside the folder, and replace no special file.

mod common;

use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::Path;
use std::time::Duration;

use common::{articles, scholia};

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok);
}

/// The seed article, copied into a fresh folder.
fn article() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["cecot.yaml", "cecot.md"] {
        std::fs::copy(articles().join(name), dir.path().join(name)).unwrap();
    }
    dir
}

#[test]
fn a_fifo_body_is_an_error_at_once() {
    let dir = article();
    std::fs::remove_file(dir.path().join("cecot.md")).unwrap();
    mkfifo(&dir.path().join("cecot.md"));
    let run = scholia(dir.path(), &["check", "cecot.yaml"]);
    run.assert_no_panic();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("FIFO"), "{run:#?}");
    assert!(run.took < Duration::from_secs(10));
}

#[test]
fn a_folder_with_loops_and_special_files_is_walked_once() {
    let dir = article();
    let d = dir.path();
    symlink(".", d.join("self")).unwrap();
    symlink(".", d.join("again")).unwrap();
    mkfifo(&d.join("trap.yaml"));
    symlink("/dev/zero", d.join("zero.yaml")).unwrap();
    let run = scholia(d, &["check", "."]);
    run.assert_no_panic();
    assert!(
        run.stderr
            .contains("trap.yaml: warning: skipped: is a FIFO"),
        "{run:#?}"
    );
    assert!(
        run.stderr
            .contains("zero.yaml: warning: skipped: is a character device")
    );
    assert!(run.stderr.contains("checked 1 file:"), "{run:#?}");
    assert!(run.took < Duration::from_secs(10));
}

#[test]
fn output_into_a_fifo_writes_through_and_a_folder_is_refused() {
    let dir = article();
    let fifo = dir.path().join("out.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(&fifo).unwrap())
    };
    let run = scholia(
        dir.path(),
        &["export", "cecot.yaml", "--what", "quotes", "-o", "out.fifo"],
    );
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(reader.join().unwrap().contains("receiving"));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let run = scholia(dir.path(), &["export", "cecot.yaml", "-o", "sub"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("is a folder, not a regular file"),
        "{run:#?}"
    );
}

#[test]
fn a_sidecar_linked_out_of_the_folder_is_refused_and_nothing_is_made() {
    let outside = tempfile::tempdir().unwrap();
    let dir = article();
    let victim = outside.path().join("profile");
    symlink(&victim, dir.path().join("cecot.highlights.yaml")).unwrap();
    let run = scholia(dir.path(), &["export", "cecot.yaml"]);
    run.assert_no_panic();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("leads nowhere"), "{run:#?}");
    std::fs::write(&victim, "secret: 1\n").unwrap();
    let run = scholia(dir.path(), &["export", "cecot.yaml"]);
    assert!(
        run.stderr.contains("outside the article's folder"),
        "{run:#?}"
    );
    assert!(!run.stderr.contains("secret"));
    symlink("/dev/zero", dir.path().join("z.yaml")).unwrap();
    let run = scholia(
        dir.path(),
        &["export", "cecot.yaml", "--highlights", "z.yaml"],
    );
    assert_eq!(run.code, 1);
    assert!(run.took < Duration::from_secs(10));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "secret: 1\n");
}

#[test]
fn suggest_never_writes_a_draft_through_a_link_out_of_the_folder() {
    let outside = tempfile::tempdir().unwrap();
    let dir = article();
    let victim = outside.path().join("profile");
    std::fs::write(&victim, "export PATH=/usr/bin\n").unwrap();
    // `cecot.yaml` is the one draft target; make it a link to a file elsewhere.
    std::fs::remove_file(dir.path().join("cecot.yaml")).unwrap();
    symlink(&victim, dir.path().join("cecot.yaml")).unwrap();
    let run = scholia(dir.path(), &["suggest", ".", "--force"]);
    run.assert_no_panic();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("outside the article's folder"),
        "{run:#?}"
    );
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "export PATH=/usr/bin\n"
    );
    // A dangling one is not followed either.
    std::fs::remove_file(&victim).unwrap();
    let run = scholia(dir.path(), &["suggest", ".", "--force"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(!victim.exists());
    // A body that is a FIFO is refused at once in the words every command uses.
    mkfifo(&dir.path().join("pipe.md"));
    let run = scholia(dir.path(), &["suggest", "pipe.md"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("is a FIFO (named pipe)"), "{run:#?}");
}

#[test]
fn a_missing_highlights_file_is_an_error_for_export() {
    let dir = article();
    let run = scholia(
        dir.path(),
        &["export", "cecot.yaml", "--highlights", "no.yaml"],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("no.yaml: error: no such highlights file"),
        "{run:#?}"
    );
}

#[test]
fn render_sizes_are_bounded() {
    let dir = article();
    let run = scholia(
        dir.path(),
        &[
            "render",
            "cecot.yaml",
            "--width",
            "65535",
            "--height",
            "65535",
        ],
    );
    run.assert_no_panic();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.contains("1..=1000") || run.stderr.contains("1000"),
        "{run:#?}"
    );
}

#[test]
fn a_full_stdout_is_an_error_for_every_command() {
    for args in [
        &["check", "cecot.yaml"][..],
        &["export", "cecot.yaml", "--what", "quotes"][..],
        &["render", "cecot.yaml"][..],
        &["stats", "cecot.yaml"][..],
        &["themes"][..],
        &["suggest", "cecot.md"][..],
        &["--help"][..],
        &["check", "--help"][..],
        &["--version"][..],
    ] {
        let dir = article();
        let out = std::process::Command::new(common::BIN)
            .args(args)
            .current_dir(dir.path())
            .stdout(
                std::fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/full")
                    .unwrap(),
            )
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("the disk is full"), "{args:?}: {stderr}");
    }
}

/// No byte that a terminal would obey: C0 (but tab and newline), DEL, C1, bidi controls; and
/// in messages, nothing that hides text either (tag characters, U+034F).
fn assert_inert(what: &str, text: &str) {
    let message = what.ends_with("stderr");
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
                || (message && matches!(c, '\u{E0000}'..='\u{E007F}' | '\u{34F}'))
        })
        .collect();
    assert!(bad.is_empty(), "{what} passes {bad:?}:\n{text}");
}

#[test]
fn no_message_path_passes_an_escape() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("esc.md"),
        "We will rebuild \u{1b}[2J the \u{202e}harbour.\n",
    )
    .unwrap();
    std::fs::write(
        d.join("esc.yaml"),
        "format: 1\ntitle: \"Evil \\e]0;owned\\a \\u202e\"\nbody_file: esc.md\nentities:\n  - id: \"ann\\e[2J\\e]0;owned\\a\\U000E0041\"\n    name: \"Ann \\e[31m\"\n    kind: person\nquotes:\n  - id: q1\n    speaker: \"ann\\e[2J\\e]0;owned\\a\\U000E0041\"\n    text: We will rebuild\n",
    )
    .unwrap();
    // An article that loads, under a name that would retitle the terminal: `check`'s ok line
    // and `suggest`'s "wrote" line print it.
    std::fs::create_dir(d.join("ok")).unwrap();
    for f in ["cecot.yaml", "cecot.md"] {
        std::fs::copy(articles().join(f), d.join("ok").join(f)).unwrap();
    }
    std::fs::rename(
        d.join("ok/cecot.yaml"),
        d.join("ok/n\u{1b}]0;owned\u{7}\u{E0041}.yaml"),
    )
    .unwrap();
    std::fs::write(
        d.join("ok/t\u{1b}]0;owned\u{7}\u{202e}.md"),
        "The mayor said: “We will \u{1b}[2J rebuild the \u{202e}harbour \u{E0041}now.”\n",
    )
    .unwrap();
    std::fs::write(d.join("name\u{1b}[31m\u{9b}red.yaml"), "").unwrap();
    std::fs::write(d.join("e\u{202e}vil.md"), "x").unwrap();
    std::fs::write(
        d.join("ref.yaml"),
        "format: 1\ntitle: t\nbody_file: \"e\\u202evil.mx\"\n",
    )
    .unwrap();
    for args in [
        &["check", "."][..],
        &["export", ".", "--what", "quotes"][..],
        &["export", "esc.yaml", "--highlights", "no\u{1b}[2J.yaml"][..],
        &["render", "esc.yaml"][..],
        &["check", "ok"][..],
        &["suggest", "ok"][..],
        &["suggest", "ok/t\u{1b}]0;owned\u{7}\u{202e}.md"][..],
        &[
            "suggest",
            "ok/t\u{1b}]0;owned\u{7}\u{202e}.md",
            "-o",
            "x\u{1b}[2J.yaml",
        ][..],
        &["stats", "ok"][..],
    ] {
        let run = scholia(d, args);
        run.assert_no_panic();
        assert_inert(&format!("{args:?} stderr"), &run.stderr);
        assert_inert(&format!("{args:?} stdout"), &run.stdout);
    }
}

/// `script` runs a command on a pseudo-terminal and passes on what it printed there.
fn on_a_terminal(dir: &Path, command: &str) -> Option<Vec<u8>> {
    let out = std::process::Command::new("script")
        .args(["-q", "-e", "-c", command, "/dev/null"])
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("NOTICE: `script` could not run a terminal here; skipped");
        return None;
    }
    Some(out.stdout)
}

#[test]
fn an_export_to_a_terminal_is_cleaned_and_a_file_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.md"), "Ann said “hello there” today.\n").unwrap();
    // A tag character (U+E0041) and U+034F: invisible, obeyed by no terminal but hiding text.
    std::fs::write(
        d.join("a.yaml"),
        "format: 1\ntitle: \"T\\U000E0041x\\u034fy\"\nbody_file: a.md\nentities:\n  - id: ann\n    \
         name: \"Ann\\U000E0041\"\n    aliases: [Ann]\n    kind: person\nquotes:\n  - id: q1\n    speaker: ann\n    text: hello there\n",
    )
    .unwrap();
    let tag = "\u{E0041}".as_bytes();
    let has = |bytes: &[u8], what: &[u8]| bytes.windows(what.len()).any(|w| w == what);
    for format in ["md", "csv", "json", "w3c"] {
        let command = format!("{} export a.yaml --what all --format {format}", common::BIN);
        let Some(shown) = on_a_terminal(d, &command) else {
            return;
        };
        let shown_text = String::from_utf8_lossy(&shown);
        assert!(!has(&shown, tag), "{format}: {shown_text}");
        assert!(!has(&shown, "\u{34f}".as_bytes()), "{format}: {shown_text}");
        assert!(!has(&shown, b"\x1b"), "{format}: {shown_text}");
        let out = d.join(format!("out.{format}"));
        let written = std::process::Command::new(common::BIN)
            .args([
                "export", "a.yaml", "--what", "all", "--format", format, "-o",
            ])
            .arg(&out)
            .current_dir(d)
            .output()
            .unwrap();
        assert!(written.status.success(), "{written:?}");
        let kept = std::fs::read(&out).unwrap();
        // JSON writes the char itself or its escape; either way the text is the body's.
        assert!(
            has(&kept, tag) || has(&kept, b"\\udb40\\udc41"),
            "{format}: {}",
            String::from_utf8_lossy(&kept)
        );
    }
}

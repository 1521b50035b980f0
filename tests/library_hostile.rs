//! The library scan against folders and caches made to hurt it, through `scholia stats` on the
//! built binary: ten thousand files, links out of the folder and back into it, special files
//! named like articles, and a cache file forged to match an article.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use common::DEADLINE;

/// A small article of its own: `speaker` says one thing, directly.
fn article(title: &str, speaker: &str) -> String {
    format!(
        "format: 1\ntitle: {title}\nbody: |\n  \"The tide is late,\" said {speaker}.\n\
         entities:\n  - id: {id}\n    name: {speaker}\n    kind: person\n\
         quotes:\n  - speaker: {id}\n    cue: said\n    text: \"The tide is late,\"\n",
        id = speaker.to_lowercase().replace(' ', "-"),
    )
}

/// Runs scholia with its cache in `cache`, within the deadline: exit code, stdout, stderr.
fn run(cache: &Path, args: &[&str]) -> (i32, String, String) {
    let started = Instant::now();
    let mut child = Command::new(common::BIN)
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read while waiting, so a full pipe cannot stall the child.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).unwrap();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut s).unwrap();
        s
    });
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("scholia {args:?} took over {DEADLINE:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let code = child.wait().unwrap().code().unwrap_or(-1);
    let (out, err) = (out.join().unwrap(), err.join().unwrap());
    assert!(!err.contains("panicked"), "{err}");
    (code, out, err)
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn ten_thousand_files_are_walked_and_counted_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    // 1 000 articles among 9 000 other files, a hundred folders deep and wide.
    for i in 0..10_000 {
        let folder = root
            .join(format!("d{}", i % 100))
            .join(format!("e{}", i % 7));
        std::fs::create_dir_all(&folder).unwrap();
        if i % 10 == 0 {
            let who = ["Ada Brook", "Ben Carr", "Cleo Dunn"][i % 3];
            let text = article(&format!("Article {i}"), who);
            std::fs::write(folder.join(format!("a{i}.yaml")), text).unwrap();
        } else {
            std::fs::write(folder.join(format!("n{i}.md")), "not an article").unwrap();
        }
    }
    let cache = tempfile::tempdir().unwrap();
    let path = root.to_str().unwrap();
    let (code, out, err) = run(cache.path(), &["stats", path, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let cold = json(&out);
    assert_eq!(cold["articles"], 1000);
    let quotes: u64 = cold["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["quotes"].as_u64().unwrap())
        .sum();
    assert_eq!(quotes, 1000);
    // The second run comes from the cache and says the same.
    let (code, out, err) = run(cache.path(), &["stats", path, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out), cold);
}

#[test]
fn links_out_of_the_folder_and_special_files_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    let outside = dir.path().join("private");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(root.join("in.yaml"), article("Inside", "Ada Brook")).unwrap();
    std::fs::write(outside.join("secret.yaml"), article("Secret", "Zed Quill")).unwrap();
    let link = |to: &Path, at: &Path| std::os::unix::fs::symlink(to, at).unwrap();
    link(&outside, &root.join("out"));
    link(Path::new("/"), &root.join("everything"));
    link(&root, &root.join("sub/loop"));
    link(Path::new(".."), &root.join("sub/up"));
    link(&dir.path().join("gone.yaml"), &root.join("dangling.yaml"));
    let fifo = std::ffi::CString::new(root.join("pipe.yaml").to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);

    let cache = tempfile::tempdir().unwrap();
    let path = root.to_str().unwrap();
    let (code, out, err) = run(cache.path(), &["stats", path, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let stats = json(&out);
    assert_eq!(stats["articles"], 1, "{out}");
    assert_eq!(stats["speakers"][0]["id"], "ada-brook", "{out}");
    assert!(!out.contains("zed-quill"), "{out}");
    assert!(err.contains("a link to a folder outside"), "{err}");
    assert!(err.contains("a link that leads nowhere"), "{err}");
    assert!(
        err.contains("pipe.yaml: warning: skipped: is a FIFO"),
        "{err}"
    );
}

#[test]
fn a_forged_cache_entry_cannot_write_to_the_terminal_or_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(root.join("a.yaml"), article("Honest", "Ada Brook")).unwrap();
    std::fs::write(root.join("b.yaml"), article("Also honest", "Ada Brook")).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let path = root.to_str().unwrap();
    let (code, _, err) = run(cache.path(), &["stats", path, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    // Forge the cache: the stamps still match, so its summaries are taken as they are.
    let folder = cache.path().join("scholia");
    let file = std::fs::read_dir(&folder)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&file).unwrap();
    let forged = text
        .replace(
            "\"name\":\"Ada Brook\"",
            "\"name\":\"\\u001b]52;c;cm0gLXJmIH4=\\u0007Ada\\u001b[2J\"",
        )
        .replace("\"quotes\":1,", &format!("\"quotes\":{},", u64::MAX));
    assert_ne!(forged, text);
    std::fs::write(&file, forged).unwrap();
    for format in ["md", "csv", "json"] {
        let (code, out, err) = run(cache.path(), &["stats", path, "--format", format]);
        assert_eq!(code, 0, "{err}");
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        // Two counts of u64::MAX add up without overflow.
        assert!(out.contains(&u64::MAX.to_string()), "{format}: {out}");
    }
}

#[test]
fn a_cache_folder_others_may_write_to_is_not_used() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(root.join("a.yaml"), article("Honest", "Ada Brook")).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let folder = cache.path().join("scholia");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o777)).unwrap();
    let (code, out, err) = run(cache.path(), &["stats", root.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("| Ada Brook | ada-brook | 1 |"), "{out}");
    assert!(
        err.contains("cache not used: others may write to it"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
}

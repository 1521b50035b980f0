//! `export --format jsonl` of a folder keeps one article in memory at a time: its peak memory
//! does not grow with the number of articles. Peak memory is the kernel's account of the
//! finished child (`getrusage(RUSAGE_CHILDREN)`), which keeps the largest child's peak, so the
//! smaller folder runs first.

mod common;

fn children_peak_bytes() -> u64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is a valid, writable rusage for the call to fill.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0);
    usage.ru_maxrss as u64 * 1024
}

/// A folder of `n` small articles, each with a few quotes, entities and mentions.
fn folder(root: &std::path::Path, n: usize) -> std::path::PathBuf {
    let dir = root.join(format!("lib{n}"));
    std::fs::create_dir(&dir).unwrap();
    let body = "Ann Lee said, “We will build it.” Bob Ray said the plan was late. ".repeat(30);
    for i in 0..n {
        let yaml = format!(
            "format: 1\ntitle: Article {i}\nsource: Test Wire\npublished: 2025-01-02\nbody: {body:?}\nentities:\n  - {{id: ann, name: Ann Lee, kind: person}}\n  - {{id: bob, name: Bob Ray, kind: person}}\nquotes:\n  - {{id: q1, speaker: ann, text: We will build it., kind: direct, cue: said, occurrence: 1}}\n  - {{id: q2, speaker: bob, text: the plan was late, kind: indirect, cue: said, occurrence: 2}}\n"
        );
        std::fs::write(dir.join(format!("a{i:05}.yaml")), yaml).unwrap();
    }
    dir
}

/// Exports `dir` to standard output, or with `-o` to a file; the peak memory of the children
/// so far and the bytes written.
fn export_peak(dir: &std::path::Path, to_file: bool) -> (u64, u64) {
    let out = tempfile::tempfile().unwrap();
    let file = tempfile::tempdir().unwrap();
    let target = file.path().join("out.jsonl");
    let mut command = std::process::Command::new(common::BIN);
    command
        .args(["export", "--what", "all", "--format", "jsonl"])
        .arg(dir);
    if to_file {
        command.arg("-o").arg(&target);
    }
    let status = command
        .stdout(out.try_clone().unwrap())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let written = if to_file {
        std::fs::metadata(&target).unwrap().len()
    } else {
        out.metadata().unwrap().len()
    };
    (children_peak_bytes(), written)
}

#[test]
fn jsonl_memory_stays_flat_in_the_number_of_articles() {
    let root = tempfile::tempdir().unwrap();
    let small = folder(root.path(), 60);
    let large = folder(root.path(), 900);
    let started = std::time::Instant::now();
    let (peak_small, _) = export_peak(&small, false);
    let (peak_large, written) = export_peak(&large, false);
    eprintln!(
        "jsonl: 60 articles peak {} KB; 900 articles peak {} KB, {} KB written, {:?}",
        peak_small / 1024,
        peak_large / 1024,
        written / 1024,
        started.elapsed()
    );
    // Fifteen times the articles, and more output than the first peak: memory may not follow.
    assert!(written > 4 * 1024 * 1024, "{written}");
    assert!(
        peak_large < peak_small + 8 * 1024 * 1024,
        "peak {peak_large} bytes for 900 articles, {peak_small} for 60"
    );
    // `-o FILE` streams too (into a temporary file renamed at the end), rather than gathering
    // the whole export first. The peak is the largest of all runs so far, so it can only rise.
    let (peak_file, written_file) = export_peak(&large, true);
    eprintln!("jsonl -o: 900 articles peak {} KB", peak_file / 1024);
    assert_eq!(written_file, written);
    assert!(
        peak_file < peak_small + 8 * 1024 * 1024,
        "peak {peak_file} bytes for 900 articles to a file, {peak_small} for 60"
    );
}

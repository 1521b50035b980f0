//! The reader started the wrong way: no terminal, or a file that is not an article.

use std::process::Command;

fn scholia(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_scholia"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn without_a_terminal_it_says_so_in_words_and_points_at_render_and_export() {
    // `output()` pipes stdout: no terminal to draw on.
    let (code, err) = scholia(&["articles/cecot.yaml"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("the reader needs a terminal"), "{err}");
    assert!(err.contains("scholia render articles/cecot.yaml"), "{err}");
    assert!(err.contains("scholia export articles/cecot.yaml"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn a_highlights_file_names_the_article_to_open() {
    let dir = std::env::temp_dir().join(format!("scholia-reader-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let article = format!("{}/articles/cecot.yaml", env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(&article, dir.join("cecot.yaml")).unwrap();
    let body = format!("{}/articles/cecot.md", env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(&body, dir.join("cecot.md")).unwrap();
    let sidecar = dir.join("cecot.highlights.yaml");
    std::fs::write(&sidecar, "format: 1\nhighlights: []\n").unwrap();
    let (code, err) = scholia(&[sidecar.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not an article; open `"), "{err}");
    assert!(err.contains("cecot.yaml`"), "{err}");
    assert_eq!(err.lines().count(), 1, "one line, no parser errors: {err}");
    assert!(!err.contains("invalid YAML"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

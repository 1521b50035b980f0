//! `scholia render` and `scholia themes`, run as the built binary.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_scholia");
const ARTICLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/articles/cecot.yaml");

fn scholia(args: &[&str], config: Option<&std::path::Path>) -> (i32, String, String) {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env_remove("NO_COLOR");
    if let Some(dir) = config {
        cmd.env("XDG_CONFIG_HOME", dir);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn render_prints_the_screen_at_the_default_size() {
    let (code, out, _) = scholia(&["render", ARTICLE], None);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 30);
    assert!(out.lines().all(|l| l.chars().count() <= 100));
    assert!(!out.contains('\u{1b}'), "no escape sequences");
    assert!(out.contains("Quotes (13)"));
}

#[test]
fn render_applies_keys_and_stops_at_quit() {
    let (code, out, _) = scholia(
        &[
            "render", ARTICLE, "--width", "140", "--height", "40", "--keys", "]}q]]]]",
        ],
        None,
    );
    assert_eq!(code, 0);
    let status = out.lines().last().unwrap();
    assert!(status.contains("Donald Trump — 2/4"), "{status}");
}

#[test]
fn render_writes_an_svg_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let articles = concat!(env!("CARGO_MANIFEST_DIR"), "/articles");
    for f in ["cecot.yaml", "cecot.md"] {
        std::fs::copy(format!("{articles}/{f}"), dir.path().join(f)).unwrap();
    }
    let article = dir.path().join("cecot.yaml");
    let svg = dir.path().join("shot.svg");
    let (code, _, err) = scholia(
        &[
            "render",
            article.to_str().unwrap(),
            "--keys",
            "]he",
            "--svg",
            svg.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let picture = std::fs::read_to_string(&svg).unwrap();
    assert!(picture.starts_with("<svg") && picture.trim_end().ends_with("</svg>"));
    assert!(picture.contains("Quotes (13)"));
    // `h` and `e` would save a highlight and an export; render writes neither.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["cecot.md", "cecot.yaml", "shot.svg"]);
}

#[test]
fn bad_key_notation_is_a_usage_error() {
    let (code, _, err) = scholia(&["render", ARTICLE, "--keys", "<Nope>"], None);
    assert_eq!(code, 2);
    assert!(err.contains("<Nope>"), "{err}");
}

#[test]
fn a_broken_theme_is_reported_with_its_line_and_the_default_is_used() {
    let config = tempfile::tempdir().unwrap();
    let themes = config.path().join("scholia/themes");
    std::fs::create_dir_all(&themes).unwrap();
    std::fs::write(
        themes.join("mine.yaml"),
        "text:\n  fg: \"#ffffff\"\nheading: {fg: yelow}\n",
    )
    .unwrap();
    let (code, out, _) = scholia(&["themes"], Some(config.path()));
    assert_eq!(code, 0);
    assert!(
        out.lines()
            .any(|l| l.starts_with("mine\t") && l.contains("mine.yaml")),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l.starts_with("dark\tbuilt-in")),
        "{out}"
    );

    let (code, out, _) = scholia(
        &["render", ARTICLE, "--width", "200", "--theme", "mine"],
        Some(config.path()),
    );
    assert_eq!(code, 0);
    let status = out.lines().last().unwrap();
    assert!(
        status.contains("mine.yaml:3:") && status.contains("yelow"),
        "{status}"
    );
}

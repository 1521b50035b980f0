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

/// A body named instead of its annotation file opens the annotation file, and says so.
#[test]
fn a_body_with_an_annotation_file_opens_it() {
    let body = ARTICLE.replace("cecot.yaml", "cecot.md");
    let (code, out, err) = scholia(&["render", &body, "--width", "140", "--height", "40"], None);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Quotes (13)") && !out.contains("suggested"),
        "{out}"
    );
    assert!(
        out.contains("opened ") && out.contains("cecot.yaml, the annotations of"),
        "{out}"
    );
}

/// A highlights file named by mistake: which file to open, not a YAML parser's complaint.
#[test]
fn a_highlights_file_says_which_article_to_open() {
    let dir = tempfile::tempdir().unwrap();
    let sidecar = dir.path().join("cecot.highlights.yaml");
    std::fs::write(&sidecar, "highlights: []\n").unwrap();
    // The article it belongs to is there: the message names it as the file to open.
    std::fs::write(dir.path().join("cecot.yaml"), "title: T\nbody: x\n").unwrap();
    let (code, _, err) = scholia(&["render", sidecar.to_str().unwrap()], None);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("this is a highlights file, not an article; open `")
            && err.contains("cecot.yaml`"),
        "{err}"
    );
}

/// A bare body opens with the rules' draft, marked as suggestions, with what `W` would write.
#[test]
fn a_bare_body_opens_with_its_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let body = dir.path().join("mill.md");
    std::fs::write(
        &body,
        "# Mill to reopen\n\n\"We lost the wheel and most of the stock,\" said Hana Rees, who \
         runs the mill.\n\nRees told the Leddon Gazette that she had not expected the insurer \
         to pay.\n",
    )
    .unwrap();
    // At 140×30, with `--keys` when given.
    let render = |keys: &str| {
        let mut args = vec![
            "render",
            body.to_str().unwrap(),
            "--width",
            "140",
            "--height",
            "30",
        ];
        if !keys.is_empty() {
            args.extend(["--keys", keys]);
        }
        let (code, out, err) = scholia(&args, None);
        assert_eq!(code, 0, "{err}");
        out
    };
    let out = render("");
    assert!(out.contains("· suggested"), "{out}");
    assert!(out.contains("Hana Rees"), "{out}");
    assert!(out.contains("W writes them to"), "{out}");
    // The speaker chart counts those suggestions, and says they are suggestions.
    let out = render("S");
    assert!(
        out.contains("Who is quoted, by quotes · suggested"),
        "{out}"
    );
    // `y` on a suggested quote says it is a suggestion; on a selection, the article's own
    // words, it does not.
    let out = render("]y");
    assert!(
        out.contains("copied a suggestion, not yet checked"),
        "{out}"
    );
    let out = render("vy");
    assert!(
        out.contains("copied: “") && !out.contains("suggestion, not"),
        "{out}"
    );
    // `render` writes nothing, `W` included.
    let (code, _, _) = scholia(&["render", body.to_str().unwrap(), "--keys", "W"], None);
    assert_eq!(code, 0);
    assert!(!dir.path().join("mill.yaml").exists());
}

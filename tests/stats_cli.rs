//! `scholia stats` on the built binary: the table in each format, the cache, and agreement with
//! `export FOLDER --speaker` for every speaker.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use common::DEADLINE;

fn library() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/library"
    ))
}

/// Runs scholia with its cache in `cache` (never the user's), within the deadline.
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
    while child.try_wait().unwrap().is_none() {
        assert!(started.elapsed() < DEADLINE, "scholia {args:?} hangs");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let out = child.wait_with_output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    let (stdout, stderr) = (text(out.stdout), text(out.stderr));
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap_or(-1), stdout, stderr)
}

fn stats_json(cache: &Path, path: &Path, more: &[&str]) -> serde_json::Value {
    let mut args = vec!["stats", path.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(more);
    let (code, out, err) = run(cache, &args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn counts_who_is_quoted_across_the_folder() {
    let cache = tempfile::tempdir().unwrap();
    let v = stats_json(cache.path(), &library(), &[]);
    assert_eq!(v["articles"], 4);
    let first = &v["speakers"][0];
    // Banjo: 2 in ferry-fares (1 reported), 1 in school-roof, 1 in harbour-lights.
    assert_eq!(first["id"], "olu-banjo");
    assert_eq!(first["quotes"], 4);
    assert_eq!(first["direct"], 3);
    assert_eq!(first["reported"], 1);
    assert_eq!(first["articles"], 3);
    // "At last," is two words; every other count is checked against export below.
    let ids: Vec<&str> = v["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "olu-banjo",
            "mara-lind",
            "ruth-amsel",
            "kessock-council",
            "tam-reyes"
        ]
    );
}

#[test]
fn agrees_with_export_speaker_for_every_speaker() {
    let cache = tempfile::tempdir().unwrap();
    let dir = library();
    let v = stats_json(cache.path(), &dir, &[]);
    let lib = scholia::library::scan(&dir, &scholia::library::CacheAt::None).unwrap();
    for s in v["speakers"].as_array().unwrap() {
        let id = s["id"].as_str().unwrap();
        // The library's list of the speaker's quotes (Enter in its chart).
        let (found, problems) = scholia::library::quotes::speaker_quotes(&lib.entries, id);
        assert!(problems.is_empty(), "{problems:?}");
        let (code, out, err) = run(
            cache.path(),
            &[
                "export",
                dir.to_str().unwrap(),
                "--what",
                "quotes",
                "--speaker",
                id,
                "--format",
                "json",
            ],
        );
        assert_eq!(code, 0, "{err}");
        let export: serde_json::Value = serde_json::from_str(&out).unwrap();
        let quotes = export["quotes"].as_array().unwrap();
        assert_eq!(s["quotes"].as_u64().unwrap() as usize, quotes.len(), "{id}");
        assert_eq!(found.len(), quotes.len(), "{id}");
        let direct = quotes.iter().filter(|q| q["kind"] == "direct").count();
        assert_eq!(s["direct"].as_u64().unwrap() as usize, direct, "{id}");
        let mut articles: Vec<&str> = quotes
            .iter()
            .map(|q| q["article"].as_str().unwrap_or(""))
            .collect();
        articles.dedup();
        assert_eq!(
            s["articles"].as_u64().unwrap() as usize,
            articles.len(),
            "{id}"
        );
        // A name typed instead of the id means the same speaker in both.
        let name = s["speaker"].as_str().unwrap_or(s["name"].as_str().unwrap());
        let by_name = stats_json(cache.path(), &dir, &["--speaker", name]);
        assert_eq!(by_name["speakers"].as_array().unwrap().len(), 1, "{name}");
        assert_eq!(by_name["speakers"][0]["id"], id);
    }
}

#[test]
fn a_second_run_is_served_by_the_cache_and_sees_changes() {
    let cache = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for name in ["ferry-fares.yaml", "school-roof.yaml"] {
        std::fs::copy(library().join(name), dir.path().join(name)).unwrap();
    }
    let a = stats_json(cache.path(), dir.path(), &[]);
    let files: Vec<_> = std::fs::read_dir(cache.path().join("scholia"))
        .unwrap()
        .collect();
    assert_eq!(files.len(), 1, "one cache file for the folder");
    let b = stats_json(cache.path(), dir.path(), &[]);
    assert_eq!(a, b);
    // Olu Banjo loses a quote: the file changes size, so it is read again.
    let path = dir.path().join("school-roof.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let cut = text.find("  - id: banjo-budget").unwrap();
    std::fs::write(&path, &text[..cut]).unwrap();
    let quotes_of_banjo = |v: &serde_json::Value| {
        v["speakers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == "olu-banjo")
            .unwrap()["quotes"]
            .clone()
    };
    assert_eq!(quotes_of_banjo(&b), 3);
    let c = stats_json(cache.path(), dir.path(), &[]);
    assert_eq!(quotes_of_banjo(&c), 2);
}

#[test]
fn a_hostile_cache_is_ignored() {
    let cache = tempfile::tempdir().unwrap();
    let honest = stats_json(cache.path(), &library(), &[]);
    let folder = cache.path().join("scholia");
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        // Garbage, then numbers that would overflow a sum, then a FIFO.
        std::fs::write(&path, b"{\"version\":1,\"root\":").unwrap();
        assert_eq!(stats_json(cache.path(), &library(), &[]), honest);
        let text = std::fs::read_to_string(&path).unwrap();
        let huge = text.replace("\"quotes\":4,", &format!("\"quotes\":{},", u64::MAX));
        std::fs::write(&path, huge).unwrap();
        let _ = stats_json(cache.path(), &library(), &[]);
        std::fs::remove_file(&path).unwrap();
        let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert_eq!(stats_json(cache.path(), &library(), &[]), honest);
    }
}

#[test]
fn markdown_and_csv_have_one_row_per_speaker() {
    let cache = tempfile::tempdir().unwrap();
    let dir = library();
    let (code, md, _) = run(cache.path(), &["stats", dir.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        md.contains("| Olu Banjo | olu-banjo | 4 | 22 | 3 | 1 | 3 |"),
        "{md}"
    );
    let (code, csv, _) = run(
        cache.path(),
        &[
            "stats",
            dir.to_str().unwrap(),
            "--format",
            "csv",
            "--sort",
            "name",
        ],
    );
    assert_eq!(code, 0);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "speaker,id,quotes,words,direct,reported,articles");
    assert_eq!(lines.len(), 6);
    assert!(lines[1].starts_with("Kessock Council,"), "{csv}");
}

#[test]
fn mistakes_are_reported() {
    let cache = tempfile::tempdir().unwrap();
    let dir = library();
    let (code, _, err) = run(
        cache.path(),
        &["stats", dir.to_str().unwrap(), "--speaker", "olu-banjoo"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `olu-banjo`"), "{err}");
    let (code, _, err) = run(cache.path(), &["stats", "/no/such/folder"]);
    assert_eq!(code, 1);
    assert!(err.contains("no such file or folder"), "{err}");
    let broken = common::folder(&[("a.yaml", b"format: 1\ntitle: [\n")]);
    let (code, _, err) = run(cache.path(), &["stats", broken.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("a.yaml:"), "{err}");
}

#[test]
fn warnings_about_files_show_their_names_inert() {
    // A FIFO is skipped with a warning that names it; its name carries an escape sequence that
    // would turn the terminal red, and a bidi override.
    let cache = tempfile::tempdir().unwrap();
    let dir = common::folder(&[]);
    std::fs::copy(library().join("market-day.yaml"), dir.path().join("a.yaml")).unwrap();
    let name = "evil\u{1b}[31m\u{202e}.yaml";
    let fifo = dir.path().join(name);
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (code, _, err) = run(
        cache.path(),
        &["stats", dir.path().to_str().unwrap(), "--no-cache"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("evil␛[31m¤.yaml: warning:"), "{err:?}");
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{202e}'),
        "{err:?}"
    );
}

#[test]
fn the_readers_chart_counts_what_stats_counts_for_each_article() {
    use scholia::tui::action::Action;
    use scholia::tui::model::{Mode, Model, Options};
    let cache = tempfile::tempdir().unwrap();
    let articles = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/articles"));
    for name in ["cecot.yaml", "harbour-council.yaml", "tokyo-interview.yaml"] {
        let path = articles.join(name);
        let v = stats_json(cache.path(), &path, &[]);
        let loaded = scholia::load::load(&path).unwrap();
        let mut model = Model::new(loaded.article, Options::default(), 100, 30);
        scholia::tui::update::update(&mut model, Action::SpeakerStats);
        let Mode::Speakers { sort, .. } = model.mode().clone() else {
            panic!("{name}: S did not open the chart");
        };
        let chart = scholia::tui::speakers::chart(&model, sort);
        let stats = v["speakers"].as_array().unwrap();
        assert_eq!(chart.len(), stats.len(), "{name}");
        for ((count, entity), row) in chart.iter().zip(stats) {
            assert_eq!(count.id, row["id"].as_str().unwrap(), "{name}");
            for (field, n) in [
                ("quotes", count.quotes),
                ("words", count.words),
                ("direct", count.direct),
                ("reported", count.reported),
            ] {
                assert_eq!(row[field].as_u64().unwrap() as usize, n, "{name} {field}");
            }
            let listed = scholia::tui::speakers::quotes_of(&model, *entity).len();
            assert_eq!(listed, count.quotes, "{name}: {}", count.id);
        }
    }
}

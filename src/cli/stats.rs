//! `scholia stats`: who is quoted, how much, across an article or a folder — the table the
//! library's speaker chart (`S`) draws.

use std::io::Write;
use std::path::PathBuf;

use super::{EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use crate::library::{self, CacheAt, SpeakerCount, SpeakerSort};
use crate::problem::{inert, inert_path};

/// What `scholia stats` was asked for.
#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    /// An annotation file, or a folder of them
    pub path: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = StatsFormat::Md)]
    pub format: StatsFormat,
    /// Order of the speakers
    #[arg(long, value_enum, default_value_t = SortBy::Quotes)]
    pub sort: SortBy,
    /// Keep only this speaker (an entity id, or a name or alias, as `export --speaker`); repeatable
    #[arg(long, value_name = "ID")]
    pub speaker: Vec<String>,
    /// Read every article afresh, neither reading nor writing the cache
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum StatsFormat {
    Md,
    Csv,
    Json,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum SortBy {
    Quotes,
    Words,
    Name,
}

impl From<SortBy> for SpeakerSort {
    fn from(s: SortBy) -> SpeakerSort {
        match s {
            SortBy::Quotes => SpeakerSort::Quotes,
            SortBy::Words => SpeakerSort::Words,
            SortBy::Name => SpeakerSort::Name,
        }
    }
}

/// `scholia stats`.
pub fn run(args: &StatsArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let entries = if args.path.is_dir() {
        let cache = if args.no_cache {
            CacheAt::None
        } else {
            CacheAt::User
        };
        match library::scan(&args.path, &cache) {
            Ok(lib) => {
                // File names in a folder someone sent may hold escapes: shown, never obeyed.
                for (file, why) in &lib.skipped {
                    let _ = writeln!(err, "{}: warning: {}", inert_path(file), inert(why));
                }
                if let Some(e) = &lib.cache_error {
                    let _ = writeln!(err, "warning: {}", inert(e));
                }
                lib.entries
            }
            Err(p) => {
                let _ = writeln!(err, "{p}");
                return EXIT_INPUT;
            }
        }
    } else if args.path.exists() {
        vec![library::read_file(&args.path)]
    } else {
        let p = crate::problem::Problem::error(&args.path, None, "no such file or folder");
        let _ = writeln!(err, "{p}");
        return EXIT_INPUT;
    };
    if entries.is_empty() {
        let _ = writeln!(
            err,
            "{}: error: no annotation files (*.yaml, *.yml) in this folder",
            inert_path(&args.path)
        );
        return EXIT_INPUT;
    }
    let mut failed = false;
    for e in &entries {
        // Problems may come from the cache, a file: cleaned again (cleaning is idempotent).
        for p in &e.summary.problems {
            let _ = writeln!(err, "{}", inert(p));
        }
        failed |= !e.summary.ok;
    }
    let mut speakers = library::summary::totals(entries.iter().map(|e| &e.summary));
    if !args.speaker.is_empty() {
        match speaker_ids(&entries, &args.speaker) {
            Ok(ids) => speakers.retain(|s| ids.contains(&s.id)),
            Err(message) => {
                let _ = writeln!(err, "error: {message}");
                return EXIT_USAGE;
            }
        }
    }
    library::summary::sort_speakers(&mut speakers, args.sort.into());
    let articles = entries.iter().filter(|e| e.summary.ok).count();
    let mut text = match args.format {
        StatsFormat::Md => markdown(&speakers, articles),
        StatsFormat::Csv => csv(&speakers),
        StatsFormat::Json => json(&speakers, articles),
    };
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        text = crate::sanitize::terminal_text(&text);
    }
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        let e = crate::safe_fs::IoError::from(e);
        let _ = writeln!(err, "error: cannot write to standard output: {e}");
        return EXIT_INPUT;
    }
    if failed { EXIT_INPUT } else { EXIT_OK }
}

/// The ids `--speaker` values mean, resolved exactly as `export --speaker` resolves them
/// ([`crate::article::resolve_speakers`]) on the articles themselves, so the two agree.
fn speaker_ids(entries: &[library::Entry], queries: &[String]) -> Result<Vec<String>, String> {
    let loaded: Vec<_> = entries
        .iter()
        .filter(|e| e.summary.ok)
        .filter_map(|e| crate::load::load(&e.path).ok())
        .collect();
    let articles: Vec<&crate::article::Article> = loaded.iter().map(|l| &l.article).collect();
    crate::article::resolve_speakers(&articles, queries)
}

/// The columns, written once for every format.
const COLUMNS: [&str; 7] = [
    "speaker", "id", "quotes", "words", "direct", "reported", "articles",
];

fn cells(s: &SpeakerCount) -> [String; 7] {
    [
        s.name.clone(),
        s.id.clone(),
        s.quotes.to_string(),
        s.words.to_string(),
        s.direct.to_string(),
        s.reported.to_string(),
        s.articles.to_string(),
    ]
}

fn markdown(speakers: &[SpeakerCount], articles: usize) -> String {
    let plural = if articles == 1 { "" } else { "s" };
    let mut out = format!("# Speakers\n\n{articles} article{plural}\n\n");
    out.push_str(&format!("| {} |\n", COLUMNS.join(" | ")));
    out.push_str("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
    for s in speakers {
        let row: Vec<String> = cells(s)
            .into_iter()
            .map(|c| crate::export::escape_controls(&c).replace('|', "\\|"))
            .collect();
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out
}

fn csv(speakers: &[SpeakerCount]) -> String {
    let mut out = String::new();
    csv_row(&mut out, COLUMNS.map(String::from));
    for s in speakers {
        csv_row(&mut out, cells(s));
    }
    out
}

/// As the CSV export writes a row (RFC 4180, CRLF), with cells a spreadsheet would run as a
/// formula defused by a leading `'` (OWASP's advice on CSV injection).
fn csv_row(out: &mut String, cells: [String; 7]) {
    for (i, cell) in cells.into_iter().enumerate() {
        let mut cell = crate::export::escape_controls(&cell);
        if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            cell.insert(0, '\'');
        }
        if i > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

fn json(speakers: &[SpeakerCount], articles: usize) -> String {
    let value = serde_json::json!({ "articles": articles, "speakers": speakers });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

//! `scholia export`: quotes, entities or highlights as Markdown, JSON, CSV or W3C Web
//! Annotations.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::files::annotation_files;
use super::{EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use crate::article::Article;
use crate::export::{self, Format, Item, Selection};
use crate::highlights::{self, Highlight};
use crate::load;
use crate::problem::{Problem, inert_path};

/// What `scholia export` was asked for.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// An annotation file, or a folder of them
    pub path: PathBuf,
    /// What to export
    #[arg(long, value_enum, default_value_t = What::Highlights)]
    pub what: What,
    /// Keep only quotes of this speaker (an entity id); repeatable
    #[arg(long, value_name = "ID")]
    pub speaker: Vec<String>,
    /// Keep only highlights of this colour (1–4); repeatable
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=4))]
    pub colour: Vec<u8>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Write to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The highlights file, instead of <stem>.highlights.yaml beside the annotation file
    #[arg(long, value_name = "FILE")]
    pub highlights: Option<PathBuf>,
    /// CSV: begin with a byte-order mark, so that Excel reads the text as UTF-8
    #[arg(long)]
    pub bom: bool,
    /// CSV: do not put a ' before cells that begin with = + - @ (for pandas, DuckDB)
    #[arg(long)]
    pub keep_formulas: bool,
    /// Markdown: name highlight colours as this theme does ("colour 2 (green)"); default dark
    #[arg(long)]
    pub theme: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum What {
    Highlights,
    Quotes,
    Entities,
    All,
}

impl ExportArgs {
    /// The records `--what`, `--speaker` and `--colour` ask for.
    pub fn selection(&self) -> Selection {
        let all = matches!(self.what, What::All);
        Selection {
            quotes: all || matches!(self.what, What::Quotes),
            entities: all || matches!(self.what, What::Entities),
            highlights: all || matches!(self.what, What::Highlights),
            speakers: self.speaker.clone(),
            colours: self.colour.clone(),
        }
    }
}

/// `scholia export`.
pub fn run(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let files = match annotation_files(&args.path) {
        Ok(files) => files,
        Err(p) => {
            let _ = writeln!(err, "{p}");
            return EXIT_INPUT;
        }
    };
    if args.format == Format::Jsonl {
        return stream_jsonl(args, &files, out, err);
    }
    let mut articles: Vec<(Article, Vec<Highlight>)> = Vec::new();
    let mut failed = false;
    for file in files {
        match load_one(&file, args, err) {
            Some(loaded) => articles.push(loaded),
            None => failed = true,
        }
    }
    if failed {
        return EXIT_INPUT;
    }
    // A mistyped `--speaker` would otherwise export nothing, silently; a name or alias stands
    // for its entity's id.
    let mut selection = args.selection();
    let all: Vec<&Article> = articles.iter().map(|(a, _)| a).collect();
    match crate::article::resolve_speakers(&all, &args.speaker) {
        Ok(ids) => selection.speakers = ids,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            return EXIT_USAGE;
        }
    }
    let items: Vec<Item> = articles
        .iter()
        .map(|(article, highlights)| Item {
            name: export::article_name(&article.path, &args.path),
            article,
            highlights,
        })
        .collect();
    if args.format == Format::Brat {
        return write_brat(args, &items, err);
    }
    let options = export::Options {
        bom: args.bom,
        keep_formulas: args.keep_formulas,
        colour_names: colour_names(args.theme.as_deref()),
    };
    let mut text = export::render_with(&items, &selection, args.format, &options);
    match &args.output {
        None => {
            // Files keep text as the body has it; a terminal would obey what it cannot show
            // (escapes in JSON are already text, but tags, U+034F and the like are not).
            if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                text = crate::sanitize::terminal_text(&text);
            }
            if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                let e = crate::safe_fs::IoError::from(e);
                let _ = writeln!(err, "error: cannot write to standard output: {e}");
                return EXIT_INPUT;
            }
        }
        Some(path) => {
            if let Err(e) = crate::atomic::write_output(path, text.as_bytes()) {
                let _ = writeln!(err, "{}: error: cannot write: {e}", inert_path(path));
                return EXIT_INPUT;
            }
            let _ = writeln!(err, "wrote {}", inert_path(path));
        }
    }
    EXIT_OK
}

/// What `--theme` (else the default theme) calls highlight colours 1–4. The name was checked
/// before the command ran; a user's theme that does not load names none.
fn colour_names(theme: Option<&str>) -> [Option<String>; 4] {
    use crate::tui::theme;
    let (t, problems) = theme::load(
        theme.unwrap_or(theme::DEFAULT),
        theme::user_dir().as_deref(),
    );
    if problems.is_empty() {
        t.highlight_names()
    } else {
        Default::default()
    }
}

/// One article and its highlights, re-anchored as the reader would, so an edited body exports
/// them where they now stand, and the lost ones as orphans. `None` when it cannot be exported;
/// the problems are written to `err`; warnings are written and the article kept.
fn load_one(
    file: &std::path::Path,
    args: &ExportArgs,
    err: &mut dyn Write,
) -> Option<(Article, Vec<Highlight>)> {
    let loaded = match load::load(file) {
        Ok(loaded) => loaded,
        Err(problems) => {
            for p in problems.sorted() {
                let _ = writeln!(err, "{p}");
            }
            return None;
        }
    };
    for p in loaded.warnings.sorted() {
        let _ = writeln!(err, "{p}");
    }
    let sidecar = args
        .highlights
        .clone()
        .unwrap_or_else(|| highlights::sidecar_path(file));
    // A `--highlights` file named by hand that is not there is a typo, not an article without
    // highlights.
    if args.highlights.is_some() && std::fs::symlink_metadata(&sidecar).is_err() {
        let _ = writeln!(
            err,
            "{}",
            Problem::error(&sidecar, None, "no such highlights file (--highlights)")
        );
        return None;
    }
    match highlights::read(&sidecar) {
        Ok(mut list) => {
            highlights::reanchor(&mut list, &loaded.article.body);
            Some((loaded.article, list))
        }
        Err(p) => {
            let _ = writeln!(err, "{p}");
            None
        }
    }
}

/// `--format jsonl`: each article is loaded, written and dropped before the next, so memory
/// stays that of the largest article however many there are, on standard output and with `-o`
/// alike (the file is filled as it goes, in a temporary file renamed over FILE at the end). An
/// article that cannot be read is reported and skipped (the exit code is then 1); the others
/// are still written. A `--speaker` is resolved in each article, so one that names nobody there
/// exports none of its quotes.
fn stream_jsonl(
    args: &ExportArgs,
    files: &[PathBuf],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let mut failed = false;
    let Some(path) = &args.output else {
        let to_terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
        return match jsonl_lines(args, files, out, err, to_terminal, &mut failed) {
            Ok(()) if failed => EXIT_INPUT,
            Ok(()) => EXIT_OK,
            // `| head` has read what it wanted: stop quietly.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                if failed {
                    EXIT_INPUT
                } else {
                    EXIT_OK
                }
            }
            Err(e) => {
                let e = crate::safe_fs::IoError::from(e);
                let _ = writeln!(err, "error: cannot write to standard output: {e}");
                EXIT_INPUT
            }
        };
    };
    let written = crate::atomic::write_output_with(path, &mut |file| {
        jsonl_lines(args, files, file, err, false, &mut failed)
    });
    if let Err(e) = written {
        let _ = writeln!(err, "{}: error: cannot write: {e}", inert_path(path));
        return EXIT_INPUT;
    }
    let _ = writeln!(err, "wrote {}", inert_path(path));
    if failed { EXIT_INPUT } else { EXIT_OK }
}

/// The lines of every article in `files`, one article at a time; `failed` is set when one
/// could not be read (it is reported to `err` and skipped).
fn jsonl_lines(
    args: &ExportArgs,
    files: &[PathBuf],
    out: &mut dyn Write,
    err: &mut dyn Write,
    to_terminal: bool,
    failed: &mut bool,
) -> std::io::Result<()> {
    for file in files {
        let Some((article, list)) = load_one(file, args, err) else {
            *failed = true;
            continue;
        };
        let mut selection = args.selection();
        if let Ok(ids) = crate::article::resolve_speakers(&[&article], &args.speaker) {
            selection.speakers = ids;
        }
        let item = Item {
            name: export::article_name(&article.path, &args.path),
            article: &article,
            highlights: &list,
        };
        let mut lines: Vec<u8> = Vec::new();
        export::write_jsonl(&mut lines, &item, &selection)?;
        if to_terminal {
            let text = String::from_utf8_lossy(&lines);
            lines = crate::sanitize::terminal_text(&text).into_bytes();
        }
        out.write_all(&lines)?;
        out.flush()?;
    }
    Ok(())
}

/// brat wants two files, `NAME.txt` (the body) and `NAME.ann`; `-o` names either. The whole
/// article goes out, whatever `--what` says: brat's files are for correcting the annotation.
fn write_brat(args: &ExportArgs, items: &[Item], err: &mut dyn Write) -> u8 {
    let (Some(output), [item]) = (&args.output, items) else {
        let _ = writeln!(
            err,
            "error: --format brat writes two files, NAME.txt and NAME.ann, for one article: give one annotation file and -o NAME.ann"
        );
        return EXIT_USAGE;
    };
    let ann = output.with_extension("ann");
    let txt = output.with_extension("txt");
    let text = export::render(std::slice::from_ref(item), &args.selection(), Format::Brat);
    for (path, bytes) in [
        (&txt, item.article.body.as_str().as_bytes()),
        (&ann, text.as_bytes()),
    ] {
        if let Err(e) = crate::atomic::write_output(path, bytes) {
            let _ = writeln!(err, "{}: error: cannot write: {e}", inert_path(path));
            return EXIT_INPUT;
        }
    }
    let _ = writeln!(err, "wrote {} and {}", inert_path(&txt), inert_path(&ann));
    EXIT_OK
}

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
use crate::problem::Problem;

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
    let mut articles: Vec<(Article, Vec<Highlight>)> = Vec::new();
    let mut failed = false;
    for file in files {
        match load::load(&file) {
            Ok(loaded) => {
                for p in loaded.warnings.sorted() {
                    let _ = writeln!(err, "{p}");
                }
                let sidecar = args
                    .highlights
                    .clone()
                    .unwrap_or_else(|| highlights::sidecar_path(&file));
                // A `--highlights` file named by hand that is not there is a typo, not an
                // article without highlights.
                if args.highlights.is_some() && std::fs::symlink_metadata(&sidecar).is_err() {
                    let _ = writeln!(
                        err,
                        "{}",
                        Problem::error(&sidecar, None, "no such highlights file (--highlights)")
                    );
                    failed = true;
                    continue;
                }
                // Highlights are re-anchored as the reader would, so an edited body exports
                // them where they now stand, and the lost ones as orphans.
                let list = match highlights::read(&sidecar) {
                    Ok(mut list) => {
                        highlights::reanchor(&mut list, &loaded.article.body);
                        list
                    }
                    Err(p) => {
                        let _ = writeln!(err, "{p}");
                        failed = true;
                        Vec::new()
                    }
                };
                articles.push((loaded.article, list));
            }
            Err(problems) => {
                for p in problems.sorted() {
                    let _ = writeln!(err, "{p}");
                }
                failed = true;
            }
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
    let options = export::Options {
        bom: args.bom,
        keep_formulas: args.keep_formulas,
    };
    let mut text = export::render_with(&items, &selection, args.format, &options);
    match &args.output {
        None => {
            // Files keep text as the body has it; a terminal would obey what it cannot show
            // (escapes in JSON are already text, but tags, U+034F and the like are not).
            if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                text = crate::tui::sanitize::terminal_text(&text);
            }
            if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                let e = crate::safe_fs::IoError::from(e);
                let _ = writeln!(err, "error: cannot write to standard output: {e}");
                return EXIT_INPUT;
            }
        }
        Some(path) => {
            if let Err(e) = crate::atomic::write_output(path, text.as_bytes()) {
                let _ = writeln!(err, "{}: error: cannot write: {e}", path.display());
                return EXIT_INPUT;
            }
            let _ = writeln!(err, "wrote {}", path.display());
        }
    }
    EXIT_OK
}

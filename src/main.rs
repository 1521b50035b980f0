//! The `scholia` binary: parses the command line and hands over to the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use scholia::commands::{self, ExportArgs};
use scholia::export::{Format, Selection};
use scholia::suggest::run::{SuggestArgs, suggest_command};
use scholia::tui::app::{self, RenderArgs};
use scholia::tui::model::Options;

/// A terminal reader for annotated news articles: the text, its quotes by speaker, and the
/// people, organisations, places and laws it names, side by side.
#[derive(Parser)]
#[command(name = "scholia", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Args)]
struct ReadArgs {
    /// The annotation file to read (without one, a sample article opens)
    path: Option<PathBuf>,
    /// Colour theme (see `scholia themes`)
    #[arg(long)]
    theme: Option<String>,
    /// The highlights file, instead of <stem>.highlights.yaml beside the annotation file
    #[arg(long, value_name = "FILE")]
    highlights: Option<PathBuf>,
    /// Leave the mouse to the terminal (for selecting text with it)
    #[arg(long)]
    no_mouse: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Validate annotation files (a folder stands for every annotation file below it)
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Export quotes, entities or highlights as Markdown, JSON, CSV or W3C Web Annotations
    Export {
        /// An annotation file, or a folder of them
        path: PathBuf,
        /// What to export
        #[arg(long, value_enum, default_value_t = What::Highlights)]
        what: What,
        /// Keep only quotes of this speaker (an entity id); repeatable
        #[arg(long, value_name = "ID")]
        speaker: Vec<String>,
        /// Keep only highlights of this colour (1–4); repeatable
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=4))]
        colour: Vec<u8>,
        /// Output format
        #[arg(long, value_enum, default_value_t = FormatArg::Md)]
        format: FormatArg,
        /// Write to FILE (atomically) instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The highlights file, instead of <stem>.highlights.yaml beside the annotation file
        #[arg(long, value_name = "FILE")]
        highlights: Option<PathBuf>,
    },
    /// Print what the reader would draw after some keys, as plain text (and as an SVG picture)
    Render {
        /// The annotation file
        path: PathBuf,
        /// Terminal width in columns (at most 1000)
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u16).range(1..=1000))]
        width: u16,
        /// Terminal height in rows (at most 1000)
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u16).range(1..=1000))]
        height: u16,
        /// Keys to press first, in vim notation: `jj]]<Tab><Enter>/court<Enter>`
        #[arg(long, default_value = "")]
        keys: String,
        /// Colour theme (see `scholia themes`)
        #[arg(long)]
        theme: Option<String>,
        /// Also write the screen as an SVG picture to FILE
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
        /// The highlights file, instead of <stem>.highlights.yaml beside the annotation file
        #[arg(long, value_name = "FILE")]
        highlights: Option<PathBuf>,
    },
    /// List the colour themes it can find: name, then where it comes from
    Themes,
    /// Draft the annotation of a bare article (a body, or a folder of them) for a person to correct
    Suggest {
        /// The body (*.md, *.txt), or a folder: each draft then goes beside its body as <stem>.yaml
        path: PathBuf,
        /// Write the draft to FILE (atomically) instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace drafts that already exist
        #[arg(long)]
        force: bool,
        /// Score the draft against a hand-made annotation of the same body instead of writing it
        #[arg(long, value_name = "GOLD.yaml")]
        against: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum What {
    Highlights,
    Quotes,
    Entities,
    All,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Md,
    Json,
    Csv,
    W3c,
}

/// An unknown `--theme` is a mistake on the command line (exit 2), not a reason to read in the
/// default theme without a word.
fn check_theme(name: Option<&String>) -> Result<(), ExitCode> {
    let Some(name) = name else { return Ok(()) };
    let user = scholia::tui::theme::user_dir();
    let names = scholia::tui::theme::names(&scholia::tui::theme::available(user.as_deref()));
    if names.iter().any(|n| n == name) {
        return Ok(());
    }
    let hint = scholia::problem::did_you_mean(name, names.iter().map(String::as_str))
        .map(|n| format!("did you mean `{n}`? "))
        .unwrap_or_default();
    eprintln!(
        "error: --theme `{}`: no such theme; {hint}the themes are {}",
        scholia::load::shown(name),
        names.join(", ")
    );
    Err(ExitCode::from(2))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let theme = match &cli.command {
        Some(Command::Render { theme, .. }) => theme.as_ref(),
        None => cli.read.theme.as_ref(),
        _ => None,
    };
    if let Err(code) = check_theme(theme) {
        return code;
    }
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let code = match cli.command {
        Some(Command::Check { paths }) => commands::check(&paths, &mut out, &mut err),
        Some(Command::Export {
            path,
            what,
            speaker,
            colour,
            format,
            output,
            highlights,
        }) => {
            let all = matches!(what, What::All);
            let selection = Selection {
                quotes: all || matches!(what, What::Quotes),
                entities: all || matches!(what, What::Entities),
                highlights: all || matches!(what, What::Highlights),
                speakers: speaker,
                colours: colour,
            };
            let format = match format {
                FormatArg::Md => Format::Markdown,
                FormatArg::Json => Format::Json,
                FormatArg::Csv => Format::Csv,
                FormatArg::W3c => Format::W3c,
            };
            let args = ExportArgs {
                path,
                format,
                selection,
                output,
                highlights,
            };
            commands::export(&args, &mut out, &mut err)
        }
        Some(Command::Render {
            path,
            width,
            height,
            keys,
            theme,
            svg,
            highlights,
        }) => {
            let args = RenderArgs {
                path,
                width,
                height,
                keys,
                theme,
                svg,
                highlights,
            };
            app::render_command(&args, &mut out, &mut err)
        }
        Some(Command::Themes) => app::themes_command(&mut out),
        Some(Command::Suggest {
            path,
            output,
            force,
            against,
        }) => {
            let args = SuggestArgs {
                path,
                output,
                force,
                against,
            };
            suggest_command(&args, &mut out, &mut err)
        }
        None => {
            drop(out);
            drop(err);
            let read = cli.read;
            let options = Options {
                theme: read.theme,
                highlights: read.highlights,
                mouse: !read.no_mouse,
                no_color: false,
                user_themes: None,
            };
            app::read(read.path.as_deref(), options)
        }
    };
    ExitCode::from(code)
}

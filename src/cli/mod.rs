//! The command line: the reader (`scholia [PATH]`) and the non-interactive commands, each
//! written against plain writers so that tests can run them without a terminal. Each returns
//! the process exit code.
//!
//! Adding a subcommand `foo`: write `cli/foo.rs` with a `#[derive(clap::Args)] pub struct
//! FooArgs` (its doc comments are the `--help` text) and `pub fn run(args: &FooArgs, out: &mut
//! dyn Write, err: &mut dyn Write) -> u8`, then add one variant to [`Command`] and one arm to
//! [`Command::run`].

pub mod check;
pub mod export;
pub mod files;
pub mod import;
pub mod render;
pub mod stats;
pub mod themes;

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::tui::app;
use crate::tui::model::Options;

/// Exit codes of the spec: 0 success, 1 the input has errors, 2 usage errors.
pub const EXIT_OK: u8 = 0;
pub const EXIT_INPUT: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// A terminal reader for annotated news articles: the text, its quotes by speaker, and the
/// people, organisations, places and laws it names, side by side.
#[derive(Parser, Debug)]
#[command(name = "scholia", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// `scholia [PATH]`: what the interactive reader was asked for.
#[derive(Args, Debug)]
pub struct ReadArgs {
    /// The annotation file to read (without one, a sample article opens)
    pub path: Option<PathBuf>,
    /// Colour theme (see `scholia themes`)
    #[arg(long)]
    pub theme: Option<String>,
    /// The highlights file, instead of <stem>.highlights.yaml beside the annotation file
    #[arg(long, value_name = "FILE")]
    pub highlights: Option<PathBuf>,
    /// Leave the mouse to the terminal (for selecting text with it)
    #[arg(long)]
    pub no_mouse: bool,
    /// `y` copies nothing: no OSC 52 is sent to the terminal (also SCHOLIA_NO_CLIPBOARD=1)
    #[arg(long)]
    pub no_clipboard: bool,
}

/// The subcommands; a variant's doc comment is its line in `scholia --help`.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate annotation files (a folder stands for every annotation file below it)
    Check(check::CheckArgs),
    /// Export quotes, entities or highlights as Markdown, JSON, CSV or W3C Web Annotations
    Export(export::ExportArgs),
    /// Turn another tool's annotations (brat, Label Studio, Citron) into an annotation file, its body beside it
    Import(import::ImportArgs),
    /// Print what the reader would draw after some keys, as plain text (and as an SVG picture)
    Render(render::RenderArgs),
    /// List the colour themes it can find: name, then where it comes from
    Themes(themes::ThemesArgs),
    /// Who is quoted, how much: quotes and quoted words per speaker, for an article or a folder
    Stats(stats::StatsArgs),
    /// Draft the annotation of a bare article (a body, or a folder of them) for a person to correct
    Suggest(crate::suggest::run::SuggestArgs),
}

impl Command {
    /// Runs the subcommand, writing its output to `out` and its messages to `err`.
    pub fn run(&self, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
        match self {
            Command::Check(args) => check::run(args, out, err),
            Command::Export(args) => export::run(args, out, err),
            Command::Import(args) => import::run(args, out, err),
            Command::Render(args) => render::run(args, out, err),
            Command::Themes(args) => themes::run(args, out),
            Command::Stats(args) => stats::run(args, out, err),
            Command::Suggest(args) => crate::suggest::run::suggest_command(args, out, err),
        }
    }
}

/// Parses the command line and runs what it asks for; the process exit code.
pub fn main() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    let theme = match &cli.command {
        Some(Command::Render(args)) => args.theme.as_ref(),
        Some(Command::Export(args)) => args.theme.as_ref(),
        None => cli.read.theme.as_ref(),
        _ => None,
    };
    if let Err(code) = check_theme(theme) {
        return code;
    }
    match cli.command {
        Some(command) => {
            let mut out = Watched::new(std::io::stdout().lock());
            let mut err = std::io::stderr().lock();
            let code = command.run(&mut out, &mut err);
            out.verdict(code, &mut err)
        }
        None => {
            let read = cli.read;
            let options = Options {
                theme: read.theme,
                highlights: read.highlights,
                mouse: !read.no_mouse,
                no_color: false,
                user_themes: None,
                no_clipboard: read.no_clipboard,
                ..Options::default()
            };
            app::read(read.path.as_deref(), options)
        }
    }
}

/// What clap does with `--help`, `--version` or a usage error, except that a help text that
/// cannot be written (a full disk behind standard output) is an error, as for every command.
fn clap_exit(e: &clap::Error) -> u8 {
    let printed = e.print().and_then(|()| std::io::stdout().flush());
    if e.exit_code() != 0 {
        return u8::try_from(e.exit_code()).unwrap_or(EXIT_USAGE);
    }
    match printed {
        Ok(()) => EXIT_OK,
        Err(io) => {
            let io = crate::safe_fs::IoError::from(io);
            eprintln!("error: cannot write to standard output: {io}");
            EXIT_INPUT
        }
    }
}

/// Standard output, remembering whether a write to it failed, so that a full disk or a closed
/// pipe is an error for every command, including those that do not check each write.
struct Watched<W: Write> {
    inner: W,
    failed: Option<std::io::Error>,
}

impl<W: Write> Watched<W> {
    fn new(inner: W) -> Self {
        Watched {
            inner,
            failed: None,
        }
    }

    /// The exit code: the command's own, unless it thought it succeeded while its output was
    /// lost. A command that failed has said why already.
    fn verdict(mut self, code: u8, err: &mut dyn Write) -> u8 {
        if let Err(e) = self.inner.flush() {
            self.failed.get_or_insert(e);
        }
        match self.failed {
            Some(e) if code == EXIT_OK => {
                let e = crate::safe_fs::IoError::from(e);
                let _ = writeln!(err, "error: cannot write to standard output: {e}");
                EXIT_INPUT
            }
            _ => code,
        }
    }
}

impl<W: Write> Write for Watched<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf);
        if let Err(e) = &written {
            self.remember(e);
        }
        written
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let flushed = self.inner.flush();
        if let Err(e) = &flushed {
            self.remember(e);
        }
        flushed
    }
}

impl<W: Write> Watched<W> {
    /// Keeps a copy of the first failure (with its OS error number, which says "disk full").
    fn remember(&mut self, e: &std::io::Error) {
        if self.failed.is_none() && e.kind() != std::io::ErrorKind::Interrupted {
            self.failed = Some(match e.raw_os_error() {
                Some(n) => std::io::Error::from_raw_os_error(n),
                None => std::io::Error::new(e.kind(), e.to_string()),
            });
        }
    }
}

/// An unknown `--theme` is a mistake on the command line (exit 2), not a reason to read in the
/// default theme without a word.
fn check_theme(name: Option<&String>) -> Result<(), u8> {
    let Some(name) = name else { return Ok(()) };
    let user = crate::tui::theme::user_dir();
    let names = crate::tui::theme::names(&crate::tui::theme::available(user.as_deref()));
    if names.iter().any(|n| n == name) {
        return Ok(());
    }
    let hint = crate::problem::did_you_mean(name, names.iter().map(String::as_str))
        .map(|n| format!("did you mean `{n}`? "))
        .unwrap_or_default();
    eprintln!(
        "error: --theme `{}`: no such theme; {hint}the themes are {}",
        crate::load::shown(name),
        names.join(", ")
    );
    Err(EXIT_USAGE)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        super::Cli::command().debug_assert();
    }
}

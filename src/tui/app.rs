//! The reader's commands: open an article in the terminal, `render` it, list `themes`.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::model::{Model, Options};
use super::{keys, render, svg, terminal, theme};
use crate::commands::{EXIT_INPUT, EXIT_OK, EXIT_USAGE, annotation_files};
use crate::load::{self, Loaded};
use crate::sample;

/// Loads what PATH names (the built-in sample without one), printing problems as `check` does.
fn open_article(path: Option<&Path>, err: &mut dyn Write) -> Result<Loaded, u8> {
    let result = match path {
        None => sample::load(),
        Some(path) => {
            let files = match annotation_files(path) {
                Ok(files) => files,
                Err(p) => {
                    let _ = writeln!(err, "{p}");
                    return Err(EXIT_INPUT);
                }
            };
            if files.len() > 1 {
                let _ = writeln!(
                    err,
                    "{}: error: a folder of {} articles (a library) cannot be opened yet; open one of them, e.g. `scholia {}`",
                    path.display(),
                    files.len(),
                    files[0].display()
                );
                return Err(EXIT_USAGE);
            }
            load::load(&files[0])
        }
    };
    match result {
        Ok(loaded) => {
            for p in loaded.warnings.sorted() {
                let _ = writeln!(err, "{p}");
            }
            Ok(loaded)
        }
        Err(problems) => {
            for p in problems.sorted() {
                let _ = writeln!(err, "{p}");
            }
            Err(EXIT_INPUT)
        }
    }
}

/// Colours are off when `NO_COLOR` is set to anything but the empty string.
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// `scholia [PATH]`: the interactive reader.
pub fn read(path: Option<&Path>, mut options: Options) -> u8 {
    let mut err = std::io::stderr();
    let loaded = match open_article(path, &mut err) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    options.no_color |= no_color_env();
    options.user_themes = options.user_themes.or_else(theme::user_dir);
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    let mut model = Model::new(loaded.article, options, width, height);
    if path.is_none() && model.message.is_none() {
        model.set_message("a sample article — open your own with: scholia path/to/article.yaml");
    }
    let mut perform = |_: &mut Model, _| {};
    match terminal::run(&mut model, &mut perform) {
        Ok(terminal::Ending::Quit) => EXIT_OK,
        Ok(terminal::Ending::Signal(n)) => (128 + n).clamp(0, 255) as u8,
        Err(e) => {
            let _ = writeln!(err, "scholia: terminal error: {e}");
            EXIT_INPUT
        }
    }
}

/// What `scholia render` was asked for.
pub struct RenderArgs {
    pub path: PathBuf,
    pub width: u16,
    pub height: u16,
    pub keys: String,
    pub theme: Option<String>,
    pub svg: Option<PathBuf>,
    pub highlights: Option<PathBuf>,
}

/// `scholia render`: the screen after KEYS, as text on standard output.
pub fn render_command(args: &RenderArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let keys = match keys::parse(&args.keys) {
        Ok(keys) => keys,
        Err(e) => {
            let _ = writeln!(err, "scholia render: error: {e}");
            return EXIT_USAGE;
        }
    };
    let loaded = match open_article(Some(&args.path), err) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let options = Options {
        theme: args.theme.clone(),
        highlights: args.highlights.clone(),
        mouse: false,
        no_color: no_color_env(),
        user_themes: theme::user_dir(),
    };
    let mut model = Model::new(loaded.article, options, args.width, args.height);
    render::apply_keys(&mut model, &keys);
    let buffer = render::draw(&model);
    if out.write_all(render::to_text(&buffer).as_bytes()).is_err() {
        return EXIT_INPUT;
    }
    if let Some(path) = &args.svg {
        let picture = svg::buffer_to_svg(&buffer, &model.theme);
        if let Err(e) = crate::atomic::write(path, picture.as_bytes()) {
            let _ = writeln!(err, "{}: error: cannot write: {e}", path.display());
            return EXIT_INPUT;
        }
    }
    EXIT_OK
}

/// `scholia themes`: every theme it can find, name first, then where it comes from.
pub fn themes_command(out: &mut dyn Write) -> u8 {
    let dir = theme::user_dir();
    for t in theme::available(dir.as_deref()) {
        let _ = writeln!(out, "{}\t{}", t.name, t.origin);
    }
    EXIT_OK
}

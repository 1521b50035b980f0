//! `scholia render`: what the reader would draw after some keys, as text (and SVG), without a
//! terminal.

use std::io::Write;
use std::path::PathBuf;

use super::{EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use crate::highlights::Store;
use crate::tui::app::{no_color_env, open_article, sidecar_for};
use crate::tui::model::{Model, Options};
use crate::tui::{keys, render, svg, theme};

/// What `scholia render` was asked for.
#[derive(clap::Args, Debug)]
pub struct RenderArgs {
    /// The annotation file
    pub path: PathBuf,
    /// Terminal width in columns (at most 1000)
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub width: u16,
    /// Terminal height in rows (at most 1000)
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub height: u16,
    /// Keys to press first, in vim notation: `jj]]<Tab><Enter>/court<Enter>`
    #[arg(long, default_value = "")]
    pub keys: String,
    /// Colour theme (see `scholia themes`)
    #[arg(long)]
    pub theme: Option<String>,
    /// Also write the screen as an SVG picture to FILE
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// The highlights file, instead of <stem>.highlights.yaml beside the annotation file
    #[arg(long, value_name = "FILE")]
    pub highlights: Option<PathBuf>,
}

/// `scholia render`: the screen after KEYS, as text on standard output.
pub fn run(args: &RenderArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let keys = match keys::parse(&args.keys) {
        Ok(keys) => keys,
        Err(e) => {
            let _ = writeln!(err, "scholia render: error: {e}");
            return EXIT_USAGE;
        }
    };
    let opened = match open_article(Some(&args.path), err) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let loaded = opened.loaded;
    let options = Options {
        theme: args.theme.clone(),
        highlights: args.highlights.clone(),
        mouse: false,
        no_color: no_color_env(),
        user_themes: theme::user_dir(),
        ..Options::default()
    };
    let sidecar = sidecar_for(&loaded.article, args.highlights.as_deref(), false);
    let (store, problem) = Store::load(&sidecar, &loaded.article.body);
    let mut model = Model::new(loaded.article, options, args.width, args.height)
        .with_highlights(store)
        .with_draft(opened.draft);
    if let Some(p) = problem {
        model.set_error(p.to_string());
    } else if let Some(note) = opened.note {
        model.set_message(note);
    }
    // `render` writes no file: effects only change what it draws.
    render::apply_keys(&mut model, &keys);
    let buffer = render::draw(&model);
    if let Err(e) = out.write_all(render::to_text(&buffer).as_bytes()) {
        let e = crate::safe_fs::IoError::from(e);
        let _ = writeln!(err, "error: cannot write to standard output: {e}");
        return EXIT_INPUT;
    }
    if let Some(path) = &args.svg {
        let picture = svg::buffer_to_svg(&buffer, &model.theme);
        if let Err(e) = crate::atomic::write_output(path, picture.as_bytes()) {
            let p = crate::problem::Problem::error(path, None, format!("cannot write: {e}"));
            let _ = writeln!(err, "{p}");
            return EXIT_INPUT;
        }
    }
    EXIT_OK
}

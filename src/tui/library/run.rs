//! The library's run loop: the list in the terminal; `Enter` hands the terminal to the reader
//! for one article (`app::read_from_library`) and takes it back on its `Esc` or `q`, on the
//! same row.

use std::io::{self, Stdout, Write};
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::keys::action_for;
use super::model::{LibAction, LibEffect, LibraryModel, update};
use super::view::view;
use crate::cli::{EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use crate::library::{self, CacheAt};
use crate::sanitize::clean;
use crate::tui::app::{self, Back};
use crate::tui::model::Options;

/// Gives the terminal back when dropped, whatever path leaves the loop.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        leave();
    }
}

fn leave() {
    let mut out = io::stdout();
    let _ = execute!(out, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

fn enter() -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, cursor::Hide)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(out))?;
    terminal.clear()?;
    Ok(terminal)
}

/// `scholia FOLDER`: scans the folder (with the cache) and runs the list.
pub fn run(root: &Path, options: Options) -> u8 {
    let mut err = io::stderr();
    let shown = clean(&root.display().to_string());
    // Checked before the scan: no folder is read (nor cache written) for a screen never shown.
    if let Some(which) = app::not_a_terminal() {
        let _ = writeln!(
            err,
            "scholia: the library needs a terminal, and its {which} is not one; \
             for who is quoted run `scholia stats {shown}`, for the quotes \
             `scholia export {shown}`"
        );
        return EXIT_USAGE;
    }
    let lib = match library::scan(root, &CacheAt::User) {
        Ok(lib) => lib,
        Err(p) => {
            let _ = writeln!(err, "{p}");
            return EXIT_INPUT;
        }
    };
    for (file, why) in &lib.skipped {
        let _ = writeln!(
            err,
            "{}: warning: {}",
            clean(&file.display().to_string()),
            clean(why)
        );
    }
    if lib.entries.is_empty() {
        let _ = writeln!(
            err,
            "{shown}: error: no annotation files (*.yaml, *.yml) in this folder"
        );
        return EXIT_INPUT;
    }
    let no_color = options.no_color || app::no_color_env();
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    let mut model = LibraryModel::new(root.display().to_string(), lib.entries, width, height)
        .with_theme(options.theme.as_deref(), no_color);
    let failed = model.entries.iter().filter(|e| !e.summary.ok).count();
    if failed > 0 {
        model.set_message(format!(
            "{failed} article(s) do not load (marked !); Enter on one says why"
        ));
    } else if let Some(e) = lib.cache_error {
        model.set_message(e);
    }
    match run_loop(&mut model, &options) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "scholia: terminal error: {e}");
            EXIT_INPUT
        }
    }
}

fn run_loop(model: &mut LibraryModel, options: &Options) -> io::Result<u8> {
    let signal = crate::tui::terminal::watch_signals()?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
    let mut terminal = enter()?;
    let mut guard = Some(Guard);
    // An article whose highlights could not be saved makes the whole run a failure (exit 1),
    // as quitting the reader with highlights unsaved is.
    let mut code = EXIT_OK;
    loop {
        terminal.draw(|f| view(model, f))?;
        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok((128 + sig).clamp(0, 255) as u8);
        }
        if !event::poll(Duration::from_millis(100))? {
            continue;
        }
        let action = match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => action_for(model.screen(), key),
            Event::Resize(width, height) => Some(LibAction::Resize { width, height }),
            _ => None,
        };
        let Some(action) = action else { continue };
        let (i, at) = match update(model, action) {
            Some(LibEffect::Quit) => return Ok(code),
            Some(LibEffect::SpeakerQuotes(id)) => {
                let (found, problems) = library::quotes::speaker_quotes(&model.entries, &id);
                model.show_quotes(found, &problems);
                continue;
            }
            Some(LibEffect::Open(i)) => (i, None),
            Some(LibEffect::OpenAt { entry, at }) => (entry, Some(at)),
            None => continue,
        };
        let path = model.entries[i].path.clone();
        // The reader takes the terminal as it does on its own, and gives it back.
        drop(terminal);
        drop(guard.take());
        let options = Options {
            at,
            ..options.clone()
        };
        let (read, back) = app::read_from_library(&path, options);
        match back {
            Back::ToLibrary => {}
            Back::Quit => return Ok(read.max(code)),
            Back::Failed(why) => {
                code = EXIT_INPUT;
                model.set_message(why);
            }
        }
        terminal = enter()?;
        guard = Some(Guard);
        let size = terminal.size()?;
        update(
            model,
            LibAction::Resize {
                width: size.width,
                height: size.height,
            },
        );
    }
}

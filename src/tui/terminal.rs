//! The live terminal: set up, the event loop, and giving the terminal back exactly as it was —
//! on quit, on error, on panic, and on SIGTERM, SIGHUP, SIGINT and SIGQUIT.
//!
//! Job control works as in `less`: Ctrl-z (which raw mode delivers as a key, not a signal) and a
//! SIGTSTP from outside both give the terminal back first (mouse off, main screen, cooked mode)
//! and then stop the process; on `fg` the reader takes the terminal again (raw mode, alternate
//! screen, mouse) and redraws everything, since the shell drew over the screen meanwhile.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::action::Action;
use super::keymap;
use super::model::Model;
use super::update::{Effect, update};
use super::view::view;

/// How the reader ended: normally, or by a signal (exit 128 + its number).
pub enum Ending {
    Quit,
    /// Back to the library (`Esc` or `q` in an article opened from it).
    Back,
    Signal(i32),
}

/// Restores the terminal when dropped, whatever path leaves the reader.
struct Guard {
    mouse: bool,
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore(self.mouse);
    }
}

fn restore(mouse: bool) {
    let mut out = io::stdout();
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, DisableBracketedPaste);
    let _ = execute!(out, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// The signals that end a full-screen run (SIGTERM, SIGHUP, SIGINT, SIGQUIT), noted in a flag
/// the run loop reads, so that it can give the terminal back before exiting.
pub(crate) fn watch_signals() -> io::Result<Arc<AtomicUsize>> {
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    Ok(signal)
}

/// Runs the reader until the user quits or a signal arrives. `perform` carries out effects
/// (saving highlights, exporting) for the run loop.
pub fn run(model: &mut Model, perform: &mut dyn FnMut(&mut Model, Effect)) -> io::Result<Ending> {
    let signal = watch_signals()?;
    // SIGTSTP from outside (`kill -TSTP`): caught so that the terminal is given back before the
    // process stops, instead of being left raw on the alternate screen.
    let stop = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGTSTP, Arc::clone(&stop))?;
    let mouse = model.options().mouse;
    // A panic must not leave the terminal raw: restore first, then report.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore(mouse);
        previous(info);
    }));

    enable_raw_mode()?;
    let guard = Guard { mouse };
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, cursor::Hide)?;
    // A paste arrives as one event of text, never as keys (`e` in a pasted note must not export).
    execute!(out, EnableBracketedPaste)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    let mut terminal: Terminal<CrosstermBackend<Stdout>> =
        Terminal::new(CrosstermBackend::new(out))?;
    let size = terminal.size()?;
    update(
        model,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );

    let ending = loop {
        if stop.swap(false, Ordering::Relaxed) {
            suspend(&mut terminal, model, mouse)?;
        }
        terminal.draw(|f| view(model, f))?;
        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            break Ending::Signal(sig as i32);
        }
        if !event::poll(Duration::from_millis(100))? {
            continue;
        }
        let action = match event::read()? {
            Event::Key(key)
                if key.kind != KeyEventKind::Release
                    && key.code == KeyCode::Char('z')
                    && key.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                suspend(&mut terminal, model, mouse)?;
                None
            }
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                keymap::action_for(model.mode(), key)
            }
            Event::Mouse(mouse_event) if mouse => match mouse_event.kind {
                MouseEventKind::ScrollDown => Some(Action::ScrollAt {
                    col: mouse_event.column,
                    row: mouse_event.row,
                    down: true,
                }),
                MouseEventKind::ScrollUp => Some(Action::ScrollAt {
                    col: mouse_event.column,
                    row: mouse_event.row,
                    down: false,
                }),
                MouseEventKind::Down(MouseButton::Left) => Some(Action::ClickAt {
                    col: mouse_event.column,
                    row: mouse_event.row,
                }),
                _ => None,
            },
            Event::Resize(width, height) => Some(Action::Resize { width, height }),
            Event::Paste(text) => Some(Action::Paste(text)),
            _ => None,
        };
        let Some(action) = action else { continue };
        match update(model, action) {
            Some(Effect::Quit) => break Ending::Quit,
            Some(Effect::Back) => break Ending::Back,
            Some(effect) => perform(model, effect),
            None => {}
        }
    };
    drop(terminal);
    drop(guard);
    Ok(ending)
}

/// Gives the terminal back, stops the process as SIGTSTP's default would, and on `fg` (SIGCONT)
/// takes the terminal again and redraws it all.
fn suspend(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    model: &mut Model,
    mouse: bool,
) -> io::Result<()> {
    restore(mouse);
    // Runs SIGTSTP's default action (stop) although a handler is registered; returns on SIGCONT.
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    enable_raw_mode()?;
    let out = terminal.backend_mut();
    execute!(out, EnterAlternateScreen, cursor::Hide)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    // The shell wrote over the screen: forget what ratatui thinks is on it.
    terminal.clear()?;
    let size = terminal.size()?;
    update(
        model,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    Ok(())
}

//! `scholia themes`: the colour themes it can find.

use std::io::Write;

use super::EXIT_OK;
use crate::tui::theme;

/// `scholia themes` takes no arguments yet; this is where they would go.
#[derive(clap::Args, Debug)]
pub struct ThemesArgs {}

/// `scholia themes`: every theme it can find, name first, then where it comes from.
pub fn run(_args: &ThemesArgs, out: &mut dyn Write) -> u8 {
    let dir = theme::user_dir();
    for t in theme::available(dir.as_deref()) {
        let _ = writeln!(out, "{}\t{}", t.name, t.origin);
    }
    EXIT_OK
}

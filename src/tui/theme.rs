//! (being written on branch `theme`; minimal stand-in with the agreed API)
use std::path::{Path, PathBuf};

use ratatui::style::{Color, Modifier, Style};

use crate::article::EntityKind;
use crate::problem::Problem;

#[derive(Clone, Debug)]
pub struct Theme {
    pub name: String,
}

pub struct ThemeSource {
    pub name: String,
    pub origin: String,
}

impl Theme {
    pub fn text(&self) -> Style {
        Style::default()
    }
    pub fn heading(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            Style::default().fg(Color::Yellow)
        } else {
            Style::default()
        }
    }
    pub fn status(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn status_error(&self) -> Style {
        Style::default().fg(Color::Red)
    }
    pub fn selection(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn cursor_line(&self) -> Style {
        Style::default().bg(Color::DarkGray)
    }
    pub fn current_quote(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    pub fn highlight(&self, _c: Option<u8>) -> Style {
        Style::default().bg(Color::Blue)
    }
    pub fn search_hit(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn entity(&self, _k: EntityKind) -> Style {
        Style::default().add_modifier(Modifier::UNDERLINED)
    }
    pub fn entity_selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn speaker(&self, i: usize) -> Style {
        Style::default().fg([Color::Red, Color::Green, Color::Cyan][i % 3])
    }
    pub fn dim(&self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }
    pub fn help(&self) -> Style {
        Style::default()
    }
    pub fn background(&self) -> Style {
        Style::default()
    }
    pub fn no_color(self) -> Theme {
        self
    }
}

pub fn user_dir() -> Option<PathBuf> {
    None
}
pub fn available(_user_dir: Option<&Path>) -> Vec<ThemeSource> {
    ["dark", "light", "high-contrast"]
        .iter()
        .map(|n| ThemeSource {
            name: n.to_string(),
            origin: "built-in".into(),
        })
        .collect()
}
pub fn load(name: &str, _user_dir: Option<&Path>) -> (Theme, Vec<Problem>) {
    (
        Theme {
            name: name.to_string(),
        },
        Vec::new(),
    )
}
pub fn next_name(current: &str, available: &[ThemeSource]) -> String {
    let i = available
        .iter()
        .position(|t| t.name == current)
        .map_or(0, |i| i + 1);
    available
        .get(i % available.len().max(1))
        .map(|t| t.name.clone())
        .unwrap_or_default()
}

//! Colours and text attributes for every role on the screen. The only place that names colours.
//!
//! A theme is a YAML file (`themes/*.yaml` in the project, built into the binary; more in the
//! user's folder, see [`user_dir`]). Every file is a *partial* override, as in gitui's
//! `ui/style.rs`: it is laid over a base theme, and whatever it does not say — a role, or one
//! attribute of a role's style — keeps the base's value. The base is the built-in theme of the
//! same name when there is one (so a user's `light.yaml` can tweak `light` in one line), and the
//! default theme, `dark`, otherwise. `themes/dark.yaml` documents the format.
//!
//! Panes never pick colours: they ask for a role (`theme.speaker(i)`, `theme.border(focused)`)
//! and patch the answer over what lies beneath.//!
//! Split by concern: this file declares the roles (once, in the table below) and answers for
//! them; `catalogue` finds and loads themes by name, `file` reads a theme file, `rgb` turns
//! colours into the RGB a terminal shows (for the SVG picture).

mod catalogue;
mod file;
mod rgb;
#[cfg(test)]
mod tests;

use ratatui::style::{Modifier, Style};

use crate::article::EntityKind;

pub use catalogue::{DEFAULT, Origin, ThemeSource, available, load, names, next_name, user_dir};
pub use rgb::resolve_rgb;

/// Declares the roles whose value is one style, once: the field, its name in theme files, the
/// attribute `NO_COLOR` adds in place of its colour, and, where the role is asked for as is, the
/// getter. From this one table come the `Theme` struct, the plain theme, the file reader's list
/// of role names and its setter, the `NO_COLOR` version and the tests' list of every role.
/// Adding a role is one line here and one in `themes/*.yaml`.
macro_rules! style_roles {
    ($( $(#[$doc:meta])* $field:ident = $key:literal, no_color: $mark:expr $(, get $getter:ident)?; )*) => {
        /// The style of every role on the screen.
        #[derive(Clone, Debug, PartialEq)]
        pub struct Theme {
            name: String,
            $( $(#[$doc])* $field: Style, )*
            /// `default`, then colours 1–4.
            highlight: [Style; 5],
            /// What colours 1–4 are called (`highlight-names`), for exports.
            highlight_names: [Option<String>; 4],
            /// In the order of `EntityKind::ALL`.
            entity: [Style; EntityKind::ALL.len()],
            /// Never empty: the parser refuses an empty list.
            speakers: Vec<Style>,
        }

        /// The names, in theme files, of the roles whose value is one style.
        const STYLE_ROLES: &[&str] = &[$($key),*];

        impl Theme {
            /// No colours and no attributes: the terminal's own look. The ground every theme is
            /// laid on.
            fn plain(name: &str) -> Self {
                Theme {
                    name: name.to_string(),
                    $( $field: Style::new(), )*
                    highlight: [Style::new(); 5],
                    highlight_names: Default::default(),
                    entity: [Style::new(); EntityKind::ALL.len()],
                    speakers: vec![Style::new()],
                }
            }

            /// The one-style role a theme file calls `role`.
            fn style_role_mut(&mut self, role: &str) -> Option<&mut Style> {
                match role {
                    $( $key => Some(&mut self.$field), )*
                    _ => None,
                }
            }

            /// This theme for `NO_COLOR`: every colour removed, attributes kept, and an attribute
            /// added wherever a colour was the only thing that marked a role, so that nothing
            /// essential is lost: the selection and the current quote in reverse video, mentions
            /// underlined, quotes in italics, highlights bold and underlined, search hits
            /// reversed and bold.
            pub fn no_color(self) -> Theme {
                let mark = |style: Style, modifier: Modifier| uncoloured(style).add_modifier(modifier);
                Theme {
                    name: self.name,
                    $( $field: mark(self.$field, $mark), )*
                    highlight: self
                        .highlight
                        .map(|s| mark(s, Modifier::BOLD | Modifier::UNDERLINED)),
                    highlight_names: self.highlight_names,
                    entity: self.entity.map(|s| mark(s, Modifier::UNDERLINED)),
                    speakers: self
                        .speakers
                        .into_iter()
                        .map(|s| mark(s, Modifier::ITALIC))
                        .collect(),
                }
            }

            /// Every style of the theme with where it comes from, for checks over all roles.
            #[cfg(test)]
            fn roles(&self) -> Vec<(String, Style)> {
                let mut all = vec![$( ($key.to_string(), self.$field), )*];
                all.extend((0..5).map(|i| (format!("highlight {i}"), self.highlight[i])));
                all.extend(EntityKind::ALL.map(|k| (format!("entity {}", k.as_str()), self.entity(k))));
                all.extend(
                    self.speakers
                        .iter()
                        .enumerate()
                        .map(|(i, s)| (format!("speaker {i}"), *s)),
                );
                all
            }

            $($(
                pub fn $getter(&self) -> Style {
                    self.$field
                }
            )?)*
        }
    };
}

style_roles! {
    /// The article's text.
    text = "text", no_color: Modifier::empty(), get text;
    /// A heading inside the article.
    heading = "heading", no_color: Modifier::BOLD, get heading;
    /// The header line with the title and source.
    title = "title", no_color: Modifier::BOLD, get title;
    border = "border", no_color: Modifier::empty();
    border_focused = "border-focused", no_color: Modifier::BOLD;
    status = "status", no_color: Modifier::REVERSED, get status;
    /// An error message in the status line.
    status_error = "status-error", no_color: Modifier::REVERSED | Modifier::BOLD, get status_error;
    /// The selected row of a list.
    selection = "selection", no_color: Modifier::REVERSED | Modifier::BOLD, get selection;
    /// The line at the reading position in the text.
    cursor_line = "cursor-line", no_color: Modifier::BOLD, get cursor_line;
    /// Laid over the current quote's speaker style.
    current_quote = "current-quote", no_color: Modifier::REVERSED, get current_quote;
    search_hit = "search-hit", no_color: Modifier::REVERSED | Modifier::BOLD, get search_hit;
    /// Mentions of the entity selected in the entities pane.
    entity_selected = "entity-selected", no_color: Modifier::UNDERLINED | Modifier::BOLD, get entity_selected;
    /// Secondary information: counts, hints, stand-ins for control characters.
    dim = "dim", no_color: Modifier::DIM, get dim;
    /// The help overlay.
    help = "help", no_color: Modifier::empty(), get help;
}

impl Default for Theme {
    /// The built-in default theme, `dark`.
    fn default() -> Self {
        // The built-in files are checked by the tests; were one broken anyway, the reader would
        // still run, in plain text.
        catalogue::built_in(DEFAULT)
            .and_then(Result::ok)
            .unwrap_or_else(|| Theme::plain(DEFAULT))
    }
}

impl Theme {
    /// The theme's name, as `--theme` and `scholia themes` spell it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The colours of the whole screen, to fill an area before drawing into it.
    pub fn background(&self) -> Style {
        Style {
            fg: self.text.fg,
            bg: self.text.bg,
            ..Style::new()
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.border_focused
        } else {
            self.border
        }
    }

    /// A user's highlight: colours 1–4, `None` (or anything else) for the default.
    pub fn highlight(&self, colour: Option<u8>) -> Style {
        let i = match colour {
            Some(c @ 1..=4) => usize::from(c),
            _ => 0,
        };
        self.highlight[i]
    }

    /// What the theme calls highlight colour `colour` (1–4), when it names it: the exports say
    /// "colour 2 (green)".
    pub fn highlight_name(&self, colour: u8) -> Option<&str> {
        let i = usize::from(colour).checked_sub(1)?;
        self.highlight_names.get(i)?.as_deref()
    }

    /// The names of colours 1–4, as the exports take them.
    pub fn highlight_names(&self) -> [Option<String>; 4] {
        self.highlight_names.clone()
    }

    /// The search hit (or chosen entity's mention) at the reading position: apart from the rest.
    pub fn current_hit(&self) -> Style {
        self.search_hit
            .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// How a mention of an entity of this kind is marked. It may carry a fg tint; inside a quote,
    /// a pane that wants to keep the speaker's colour can patch only its modifiers.
    pub fn entity(&self, kind: EntityKind) -> Style {
        let i = entity_index(kind);
        self.entity.get(i).copied().unwrap_or_default()
    }

    /// The `i`-th speaker's style (in order of first appearance); the palette cycles.
    pub fn speaker(&self, i: usize) -> Style {
        let n = self.speakers.len().max(1);
        self.speakers.get(i % n).copied().unwrap_or_default()
    }
}

fn uncoloured(style: Style) -> Style {
    Style::new()
        .add_modifier(style.add_modifier)
        .remove_modifier(style.sub_modifier)
}

fn entity_index(kind: EntityKind) -> usize {
    EntityKind::ALL
        .iter()
        .position(|&k| k == kind)
        .unwrap_or(EntityKind::ALL.len() - 1)
}

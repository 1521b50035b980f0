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
//! and patch the answer over what lies beneath.

use std::ffi::OsString;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use ratatui::style::{Color, Modifier, Style};

use crate::article::EntityKind;
use crate::problem::{Problem, did_you_mean};
use crate::yaml::{self, Node, Pos, Value};

/// The theme used when none is chosen, and when the chosen one cannot be loaded.
pub const DEFAULT: &str = "dark";

/// The shipped themes, embedded so that the binary works wherever it is copied.
const BUILT_IN: [(&str, &str); 3] = [
    ("dark", include_str!("../../themes/dark.yaml")),
    ("light", include_str!("../../themes/light.yaml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.yaml"),
    ),
];

/// Where `resolve_rgb` turns for the terminal's own colours when the theme does not set the text
/// colours (the `NO_COLOR` theme, or a user's `text: {fg: reset}`): those of `themes/dark.yaml`.
const FALLBACK_FG: (u8, u8, u8) = (0xd0, 0xd0, 0xd0);
const FALLBACK_BG: (u8, u8, u8) = (0x1c, 0x1c, 0x1c);

/// The largest theme file read: a theme is a few dozen lines; this is far past any real one.
const MAX_THEME_BYTES: u64 = 1024 * 1024;

/// The style of every role on the screen.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    name: String,
    text: Style,
    heading: Style,
    title: Style,
    border: Style,
    border_focused: Style,
    status: Style,
    status_error: Style,
    selection: Style,
    cursor_line: Style,
    current_quote: Style,
    /// `default`, then colours 1–4.
    highlight: [Style; 5],
    search_hit: Style,
    /// In the order of `EntityKind::ALL`.
    entity: [Style; EntityKind::ALL.len()],
    entity_selected: Style,
    /// Never empty: the parser refuses an empty list.
    speakers: Vec<Style>,
    dim: Style,
    help: Style,
}

impl Default for Theme {
    /// The built-in default theme, `dark`.
    fn default() -> Self {
        // The built-in files are checked by the tests below; were one broken anyway, the reader
        // would still run, in plain text.
        built_in(DEFAULT)
            .and_then(Result::ok)
            .unwrap_or_else(|| Theme::plain(DEFAULT))
    }
}

impl Theme {
    /// No colours and no attributes: the terminal's own look. The ground every theme is laid on.
    fn plain(name: &str) -> Self {
        let none = Style::new();
        Theme {
            name: name.to_string(),
            text: none,
            heading: none,
            title: none,
            border: none,
            border_focused: none,
            status: none,
            status_error: none,
            selection: none,
            cursor_line: none,
            current_quote: none,
            highlight: [none; 5],
            search_hit: none,
            entity: [none; EntityKind::ALL.len()],
            entity_selected: none,
            speakers: vec![none],
            dim: none,
            help: none,
        }
    }

    /// The theme's name, as `--theme` and `scholia themes` spell it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The article's text.
    pub fn text(&self) -> Style {
        self.text
    }

    /// The colours of the whole screen, to fill an area before drawing into it.
    pub fn background(&self) -> Style {
        Style {
            fg: self.text.fg,
            bg: self.text.bg,
            ..Style::new()
        }
    }

    /// A heading inside the article.
    pub fn heading(&self) -> Style {
        self.heading
    }

    /// The header line with the title and source.
    pub fn title(&self) -> Style {
        self.title
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.border_focused
        } else {
            self.border
        }
    }

    pub fn status(&self) -> Style {
        self.status
    }

    /// An error message in the status line.
    pub fn status_error(&self) -> Style {
        self.status_error
    }

    /// The selected row of a list.
    pub fn selection(&self) -> Style {
        self.selection
    }

    /// The line at the reading position in the text.
    pub fn cursor_line(&self) -> Style {
        self.cursor_line
    }

    /// Laid over the current quote's speaker style.
    pub fn current_quote(&self) -> Style {
        self.current_quote
    }

    /// A user's highlight: colours 1–4, `None` (or anything else) for the default.
    pub fn highlight(&self, colour: Option<u8>) -> Style {
        let i = match colour {
            Some(c @ 1..=4) => usize::from(c),
            _ => 0,
        };
        self.highlight[i]
    }

    pub fn search_hit(&self) -> Style {
        self.search_hit
    }

    /// How a mention of an entity of this kind is marked. It may carry a fg tint; inside a quote,
    /// a pane that wants to keep the speaker's colour can patch only its modifiers.
    /// The search hit (or chosen entity's mention) at the reading position: apart from the rest.
    pub fn current_hit(&self) -> Style {
        self.search_hit
            .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn entity(&self, kind: EntityKind) -> Style {
        let i = entity_index(kind);
        self.entity.get(i).copied().unwrap_or_default()
    }

    /// Mentions of the entity selected in the entities pane.
    pub fn entity_selected(&self) -> Style {
        self.entity_selected
    }

    /// The `i`-th speaker's style (in order of first appearance); the palette cycles.
    pub fn speaker(&self, i: usize) -> Style {
        let n = self.speakers.len().max(1);
        self.speakers.get(i % n).copied().unwrap_or_default()
    }

    /// Secondary information: counts, hints, stand-ins for control characters.
    pub fn dim(&self) -> Style {
        self.dim
    }

    /// The help overlay.
    pub fn help(&self) -> Style {
        self.help
    }

    /// This theme for `NO_COLOR`: every colour removed, attributes kept, and an attribute added
    /// wherever a colour was the only thing that marked a role, so that nothing essential is
    /// lost: the selection and the current quote in reverse video, mentions underlined, quotes in
    /// italics, highlights bold and underlined, search hits reversed and bold.
    pub fn no_color(self) -> Theme {
        let mark = |style: Style, modifier: Modifier| uncoloured(style).add_modifier(modifier);
        Theme {
            name: self.name,
            text: uncoloured(self.text),
            heading: mark(self.heading, Modifier::BOLD),
            title: mark(self.title, Modifier::BOLD),
            border: uncoloured(self.border),
            border_focused: mark(self.border_focused, Modifier::BOLD),
            status: mark(self.status, Modifier::REVERSED),
            status_error: mark(self.status_error, Modifier::REVERSED | Modifier::BOLD),
            selection: mark(self.selection, Modifier::REVERSED | Modifier::BOLD),
            cursor_line: mark(self.cursor_line, Modifier::BOLD),
            current_quote: mark(self.current_quote, Modifier::REVERSED),
            highlight: self
                .highlight
                .map(|s| mark(s, Modifier::BOLD | Modifier::UNDERLINED)),
            search_hit: mark(self.search_hit, Modifier::REVERSED | Modifier::BOLD),
            entity: self.entity.map(|s| mark(s, Modifier::UNDERLINED)),
            entity_selected: mark(self.entity_selected, Modifier::UNDERLINED | Modifier::BOLD),
            speakers: self
                .speakers
                .into_iter()
                .map(|s| mark(s, Modifier::ITALIC))
                .collect(),
            dim: mark(self.dim, Modifier::DIM),
            help: uncoloured(self.help),
        }
    }

    /// Every style of the theme with where it comes from, for checks over all roles.
    #[cfg(test)]
    fn roles(&self) -> Vec<(String, Style)> {
        let mut all = vec![
            ("text".to_string(), self.text),
            ("heading".into(), self.heading),
            ("title".into(), self.title),
            ("border".into(), self.border),
            ("border-focused".into(), self.border_focused),
            ("status".into(), self.status),
            ("status-error".into(), self.status_error),
            ("selection".into(), self.selection),
            ("cursor-line".into(), self.cursor_line),
            ("current-quote".into(), self.current_quote),
            ("search-hit".into(), self.search_hit),
            ("entity-selected".into(), self.entity_selected),
            ("dim".into(), self.dim),
            ("help".into(), self.help),
        ];
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

// ---------------------------------------------------------------------------------------------
// Finding and loading themes

/// Where a theme comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    File(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn => f.write_str("built-in"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A theme that can be chosen by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThemeSource {
    pub name: String,
    pub origin: Origin,
}

/// The user's theme folder: `$XDG_CONFIG_HOME/scholia/themes`, or `~/.config/scholia/themes`.
pub fn user_dir() -> Option<PathBuf> {
    user_dir_from(
        std::env::var_os("XDG_CONFIG_HOME"),
        std::env::var_os("HOME"),
    )
}

fn user_dir_from(xdg_config_home: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    // The XDG spec says to ignore a relative XDG_CONFIG_HOME; an empty one counts as unset.
    let config = match xdg_config_home.map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => dir,
        _ => PathBuf::from(home.filter(|h| !h.is_empty())?).join(".config"),
    };
    Some(config.join("scholia").join("themes"))
}

/// The themes there are: the built-in ones first (dark, light, high-contrast), then the user's
/// `*.yaml` files by name. A user's file named after a built-in theme takes its place.
/// A missing or unreadable folder simply adds nothing.
pub fn available(user_dir: Option<&Path>) -> Vec<ThemeSource> {
    let mut sources: Vec<ThemeSource> = BUILT_IN
        .iter()
        .map(|(name, _)| ThemeSource {
            name: (*name).to_string(),
            origin: Origin::BuiltIn,
        })
        .collect();
    let mut own = user_dir.map(user_themes).unwrap_or_default();
    own.sort_by(|a, b| a.name.cmp(&b.name));
    for theme in own {
        match sources.iter_mut().find(|s| s.name == theme.name) {
            Some(same) => *same = theme,
            None => sources.push(theme),
        }
    }
    sources
}

fn user_themes(dir: &Path) -> Vec<ThemeSource> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            if path.extension()? != "yaml" || !path.is_file() {
                return None;
            }
            // A name must be typable after `--theme` and printable by `scholia themes`.
            let name = path.file_stem()?.to_str()?;
            if name.is_empty() || name.starts_with('.') || name.chars().any(char::is_control) {
                return None;
            }
            Some(ThemeSource {
                name: name.to_string(),
                origin: Origin::File(path.clone()),
            })
        })
        .collect()
}

/// The names of `sources`, in order.
pub fn names(sources: &[ThemeSource]) -> Vec<String> {
    sources.iter().map(|s| s.name.clone()).collect()
}

/// The theme after `current` in `available`, wrapping around (for the `t` key). When `current`
/// is not there, the first one.
pub fn next_name(current: &str, available: &[ThemeSource]) -> String {
    let next = match available.iter().position(|s| s.name == current) {
        Some(i) => available.get((i + 1) % available.len()),
        None => available.first(),
    };
    next.map_or_else(|| DEFAULT.to_string(), |s| s.name.clone())
}

/// The theme called `name`. When there is none, or its file is broken, the default theme and the
/// problems, located in the file, for the caller to show.
pub fn load(name: &str, user_dir: Option<&Path>) -> (Theme, Vec<Problem>) {
    let sources = available(user_dir);
    let Some(source) = sources.iter().find(|s| s.name == name) else {
        let all = names(&sources);
        let hint = did_you_mean(name, all.iter().map(String::as_str))
            .map(|n| format!("did you mean `{n}`? "))
            .unwrap_or_default();
        let message = format!("no such theme; {hint}the themes are {}", all.join(", "));
        return (
            Theme::default(),
            vec![Problem::error(Path::new(name), None, message)],
        );
    };
    let result = match &source.origin {
        Origin::BuiltIn => built_in(name).unwrap_or_else(|| Ok(Theme::default())),
        Origin::File(path) => match crate::safe_fs::read_text(path, MAX_THEME_BYTES) {
            Ok(src) => {
                let base = built_in(name).and_then(Result::ok).unwrap_or_default();
                parse(&src, path, base)
            }
            Err(e) => Err(vec![Problem::error(
                path,
                None,
                format!("cannot read the theme: {e}"),
            )]),
        },
    };
    match result {
        Ok(mut theme) => {
            theme.name = name.to_string();
            (theme, Vec::new())
        }
        Err(problems) => (Theme::default(), problems),
    }
}

/// The built-in theme `name`, laid over the default one (itself laid over nothing); `None` when
/// there is no such built-in. Problems cannot come out of a release, since the tests read every
/// built-in, but they are handed on rather than hidden.
fn built_in(name: &str) -> Option<Result<Theme, Vec<Problem>>> {
    let source = |n: &str| BUILT_IN.iter().find(|(b, _)| *b == n).map(|(_, s)| *s);
    let file = |n: &str| Path::new("themes").join(format!("{n}.yaml"));
    let src = source(name)?;
    let default_src = source(DEFAULT).unwrap_or_default();
    let theme = parse(default_src, &file(DEFAULT), Theme::plain(DEFAULT)).and_then(|default| {
        let mut theme = if name == DEFAULT {
            default
        } else {
            parse(src, &file(name), default)?
        };
        theme.name = name.to_string();
        Ok(theme)
    });
    Some(theme)
}

// ---------------------------------------------------------------------------------------------
// Reading a theme file

/// Roles whose value is one style (each set through `Theme::style_role_mut`).
const STYLE_ROLES: [&str; 14] = [
    "text",
    "heading",
    "title",
    "border",
    "border-focused",
    "status",
    "status-error",
    "selection",
    "cursor-line",
    "current-quote",
    "search-hit",
    "entity-selected",
    "dim",
    "help",
];
const HIGHLIGHT_KEYS: [&str; 5] = ["default", "1", "2", "3", "4"];
const STYLE_KEYS: [&str; 7] = ["fg", "bg", "bold", "italic", "underline", "reversed", "dim"];

/// ratatui's named colours, spelled as in the theme files.
const COLOUR_NAMES: [(&str, Color); 17] = [
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
    ("white", Color::White),
    ("reset", Color::Reset),
];

impl Theme {
    fn style_role_mut(&mut self, role: &str) -> Option<&mut Style> {
        Some(match role {
            "text" => &mut self.text,
            "heading" => &mut self.heading,
            "title" => &mut self.title,
            "border" => &mut self.border,
            "border-focused" => &mut self.border_focused,
            "status" => &mut self.status,
            "status-error" => &mut self.status_error,
            "selection" => &mut self.selection,
            "cursor-line" => &mut self.cursor_line,
            "current-quote" => &mut self.current_quote,
            "search-hit" => &mut self.search_hit,
            "entity-selected" => &mut self.entity_selected,
            "dim" => &mut self.dim,
            "help" => &mut self.help,
            _ => return None,
        })
    }
}

/// `src` laid over `base`, or every problem found in it.
fn parse(src: &str, file: &Path, base: Theme) -> Result<Theme, Vec<Problem>> {
    let root = yaml::parse(src).map_err(|e| vec![Problem::error(file, Some(e.pos), e.message)])?;
    let mut reader = Reader {
        file,
        problems: Vec::new(),
    };
    let mut theme = base;
    reader.theme(&root, &mut theme);
    if reader.problems.is_empty() {
        Ok(theme)
    } else {
        Err(reader.problems)
    }
}

struct Reader<'a> {
    file: &'a Path,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.problems
            .push(Problem::error(self.file, Some(pos), message));
    }

    /// The entries of a mapping, with their keys as text. An empty document or value (`~`) has
    /// none; anything else that is not a mapping is reported.
    fn entries<'n>(&mut self, node: &'n Node, what: &str) -> Vec<(String, Pos, &'n Node)> {
        match &node.value {
            Value::Null => Vec::new(),
            Value::Map(entries) => entries
                .iter()
                .filter_map(|(key, value)| match key.as_text() {
                    Some(name) => Some((name, key.pos, value)),
                    None => {
                        let kind = key.value.kind_name();
                        self.error(key.pos, format!("keys must be words, not {kind}"));
                        None
                    }
                })
                .collect(),
            other => {
                let kind = other.kind_name();
                self.error(node.pos, format!("{what} is a mapping, not {kind}"));
                Vec::new()
            }
        }
    }

    fn unknown(&mut self, pos: Pos, what: &str, name: &str, known: &[&str]) {
        let hint = did_you_mean(name, known.iter().copied())
            .map(|k| format!("did you mean `{k}`?"))
            .unwrap_or_else(|| format!("known are {}", known.join(", ")));
        self.error(pos, format!("unknown {what} `{name}`; {hint}"));
    }

    fn theme(&mut self, root: &Node, theme: &mut Theme) {
        let top: Vec<&str> = STYLE_ROLES
            .iter()
            .copied()
            .chain(["highlight", "entity", "speakers"])
            .collect();
        for (key, pos, value) in self.entries(root, "a theme") {
            if let Some(style) = theme.style_role_mut(&key) {
                self.style(value, style);
                continue;
            }
            match key.as_str() {
                "highlight" => {
                    for (k, p, v) in self.entries(value, "`highlight`") {
                        match HIGHLIGHT_KEYS.iter().position(|h| *h == k) {
                            Some(i) => self.style(v, &mut theme.highlight[i]),
                            None => self.error(
                                p,
                                format!(
                                    "unknown highlight `{k}`; highlights are {}",
                                    HIGHLIGHT_KEYS.join(", ")
                                ),
                            ),
                        }
                    }
                }
                "entity" => {
                    for (k, p, v) in self.entries(value, "`entity`") {
                        match EntityKind::parse(&k) {
                            Some(kind) => self.style(v, &mut theme.entity[entity_index(kind)]),
                            None => {
                                let kinds = EntityKind::ALL.map(EntityKind::as_str);
                                self.unknown(p, "entity kind", &k, &kinds);
                            }
                        }
                    }
                }
                "speakers" => self.speakers(value, &mut theme.speakers),
                "name" => self.error(
                    pos,
                    "a theme is named after its file; remove `name` or rename the file",
                ),
                _ => self.unknown(pos, "theme role", &key, &top),
            }
        }
    }

    /// A list replaces the base's palette as a whole: a palette is designed as one.
    fn speakers(&mut self, node: &Node, speakers: &mut Vec<Style>) {
        match &node.value {
            Value::Seq(items) if !items.is_empty() => {
                let mut palette = Vec::with_capacity(items.len());
                for item in items {
                    let mut style = Style::new();
                    self.style(item, &mut style);
                    palette.push(style);
                }
                *speakers = palette;
            }
            Value::Seq(_) => self.error(node.pos, "`speakers` needs at least one colour"),
            other => {
                let kind = other.kind_name();
                self.error(
                    node.pos,
                    format!("`speakers` is a list of colours, not {kind}"),
                );
            }
        }
    }

    /// Lays a style (a mapping, or a bare colour for the fg, or `~` for none) over `style`.
    fn style(&mut self, node: &Node, style: &mut Style) {
        match &node.value {
            Value::Null => *style = Style::new(),
            Value::Str(_) | Value::Int(_) => {
                if let Some(colour) = self.colour(node) {
                    style.fg = colour;
                }
            }
            Value::Map(_) => {
                for (key, pos, value) in self.entries(node, "a style") {
                    let modifier = match key.as_str() {
                        "fg" | "bg" => {
                            if let Some(colour) = self.colour(value) {
                                if key == "fg" {
                                    style.fg = colour;
                                } else {
                                    style.bg = colour;
                                }
                            }
                            continue;
                        }
                        "bold" => Modifier::BOLD,
                        "italic" => Modifier::ITALIC,
                        "underline" => Modifier::UNDERLINED,
                        "reversed" => Modifier::REVERSED,
                        "dim" => Modifier::DIM,
                        _ => {
                            self.unknown(pos, "style key", &key, &STYLE_KEYS);
                            continue;
                        }
                    };
                    match &value.value {
                        // `false` only takes the attribute out of this role; it does not strip
                        // it from what lies beneath (that would be ratatui's `sub_modifier`).
                        Value::Bool(on) => {
                            style.add_modifier.set(modifier, *on);
                            style.sub_modifier.remove(modifier);
                        }
                        other => {
                            let kind = other.kind_name();
                            self.error(value.pos, format!("`{key}` is true or false, not {kind}"));
                        }
                    }
                }
            }
            other => {
                let kind = other.kind_name();
                self.error(
                    node.pos,
                    format!("a style is a mapping such as {{fg: red, bold: true}} or a colour, not {kind}"),
                );
            }
        }
    }

    /// A colour, or `Some(None)` for `~` (no colour of its own); `None` when it is wrong.
    fn colour(&mut self, node: &Node) -> Option<Option<Color>> {
        let result = match &node.value {
            Value::Null => Ok(None),
            Value::Int(i) => index_colour(*i).map(Some),
            Value::Str(s) => named_colour(s).map(Some),
            Value::Float(f) => Err(format!("colour {f} is not a whole number 0-255")),
            other => Err(format!(
                "a colour is a name, \"#rrggbb\" or a number 0-255, not {}",
                other.kind_name()
            )),
        };
        match result {
            Ok(colour) => Some(colour),
            Err(message) => {
                self.error(node.pos, message);
                None
            }
        }
    }
}

fn index_colour(i: i64) -> Result<Color, String> {
    u8::try_from(i)
        .map(Color::Indexed)
        .map_err(|_| format!("colour {i} is out of range; a 256-colour index is 0-255"))
}

fn named_colour(text: &str) -> Result<Color, String> {
    let s = text.trim();
    if let Some(hex) = s.strip_prefix('#') {
        return hex_colour(hex).ok_or_else(|| {
            format!("`{s}` is not a colour; write \"#rrggbb\" with six hex digits")
        });
    }
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        let i = s.parse::<i64>().unwrap_or(i64::MAX);
        return index_colour(i);
    }
    // `light-red`, `light_red`, `LightRed` and `lightred` are one colour; so are grey and gray.
    let squash = |n: &str| {
        n.to_ascii_lowercase()
            .replace(['-', '_', ' '], "")
            .replace("grey", "gray")
    };
    let wanted = squash(s);
    if let Some((_, colour)) = COLOUR_NAMES.iter().find(|(n, _)| squash(n) == wanted) {
        return Ok(*colour);
    }
    let names = COLOUR_NAMES.map(|(n, _)| n);
    let hint = did_you_mean(&s.to_ascii_lowercase(), names)
        .map(|n| format!("did you mean `{n}`? "))
        .unwrap_or_default();
    Err(format!(
        "unknown colour `{s}`; {hint}a colour is a name ({}), \"#rrggbb\" or a number 0-255",
        names.join(", ")
    ))
}

fn hex_colour(hex: &str) -> Option<Color> {
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?))
}

// ---------------------------------------------------------------------------------------------
// Colours as RGB, for the SVG picture

/// xterm's default colours for the 16 named colours, in ANSI order.
const ANSI_RGB: [(u8, u8, u8); 16] = [
    (0x00, 0x00, 0x00),
    (0xcd, 0x00, 0x00),
    (0x00, 0xcd, 0x00),
    (0xcd, 0xcd, 0x00),
    (0x00, 0x00, 0xee),
    (0xcd, 0x00, 0xcd),
    (0x00, 0xcd, 0xcd),
    (0xe5, 0xe5, 0xe5),
    (0x7f, 0x7f, 0x7f),
    (0xff, 0x00, 0x00),
    (0x00, 0xff, 0x00),
    (0xff, 0xff, 0x00),
    (0x5c, 0x5c, 0xff),
    (0xff, 0x00, 0xff),
    (0x00, 0xff, 0xff),
    (0xff, 0xff, 0xff),
];

/// The RGB a terminal shows for `color`: named colours and indices through xterm's palette,
/// `Reset` as the theme's text colour (fg or bg, as `is_fg` says) or, when the theme leaves that
/// to the terminal too, the default theme's.
pub fn resolve_rgb(color: Color, is_fg: bool, theme: &Theme) -> (u8, u8, u8) {
    let fallback = if is_fg { FALLBACK_FG } else { FALLBACK_BG };
    let base = if is_fg { theme.text.fg } else { theme.text.bg };
    fixed_rgb(color)
        .or_else(|| base.and_then(fixed_rgb))
        .unwrap_or(fallback)
}

/// The RGB of a colour that does not depend on the terminal's defaults (all but `Reset`).
fn fixed_rgb(color: Color) -> Option<(u8, u8, u8)> {
    let ansi = |i: usize| ANSI_RGB.get(i).copied();
    match color {
        Color::Reset => None,
        Color::Black => ansi(0),
        Color::Red => ansi(1),
        Color::Green => ansi(2),
        Color::Yellow => ansi(3),
        Color::Blue => ansi(4),
        Color::Magenta => ansi(5),
        Color::Cyan => ansi(6),
        Color::Gray => ansi(7),
        Color::DarkGray => ansi(8),
        Color::LightRed => ansi(9),
        Color::LightGreen => ansi(10),
        Color::LightYellow => ansi(11),
        Color::LightBlue => ansi(12),
        Color::LightMagenta => ansi(13),
        Color::LightCyan => ansi(14),
        Color::White => ansi(15),
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(i) => Some(xterm_rgb(i)),
    }
}

/// The xterm 256-colour palette: 16 system colours, a 6×6×6 cube, then 24 greys.
fn xterm_rgb(i: u8) -> (u8, u8, u8) {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match i {
        0..=15 => ANSI_RGB[usize::from(i)],
        16..=231 => {
            let n = usize::from(i - 16);
            (LEVELS[n / 36], LEVELS[(n / 6) % 6], LEVELS[n % 6])
        }
        232..=255 => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::io::Write;

    fn distinct(sources: &[ThemeSource]) -> bool {
        let set: HashSet<&str> = sources.iter().map(|s| s.name.as_str()).collect();
        set.len() == sources.len()
    }

    fn built(name: &str) -> Theme {
        match built_in(name) {
            Some(Ok(theme)) => theme,
            Some(Err(p)) => panic!("{name}: {p:#?}"),
            None => panic!("no built-in {name}"),
        }
    }

    fn rgb(theme: &Theme, c: Option<Color>, is_fg: bool) -> (u8, u8, u8) {
        resolve_rgb(c.unwrap_or(Color::Reset), is_fg, theme)
    }

    /// WCAG 2 relative luminance and contrast ratio.
    fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
        fn lum((r, g, b): (u8, u8, u8)) -> f64 {
            let ch = |v: u8| {
                let v = f64::from(v) / 255.0;
                if v <= 0.03928 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)
        }
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// "Redmean" colour distance: cheap and close enough to perception to tell hues apart.
    fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
        let r = (f64::from(a.0) + f64::from(b.0)) / 2.0;
        let d = |x: u8, y: u8| f64::from(x) - f64::from(y);
        let (dr, dg, db) = (d(a.0, b.0), d(a.1, b.1), d(a.2, b.2));
        ((2.0 + r / 256.0) * dr * dr + 4.0 * dg * dg + (2.0 + (255.0 - r) / 256.0) * db * db).sqrt()
    }

    fn write(dir: &Path, name: &str, src: &str) -> PathBuf {
        let path = dir.join(name);
        let mut f = fs::File::create(&path).unwrap();
        f.write_all(src.as_bytes()).unwrap();
        path
    }

    fn problems_of(src: &str) -> Vec<String> {
        match parse(src, Path::new("t.yaml"), Theme::default()) {
            Ok(_) => Vec::new(),
            Err(p) => p.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn built_in_themes_parse_cleanly_and_differ() {
        let dark = built("dark");
        let light = built("light");
        let high = built("high-contrast");
        assert_eq!(Theme::default(), dark);
        assert_ne!(
            dark.text,
            Theme::plain("x").text,
            "dark.yaml was not applied"
        );
        assert_ne!(dark.text, light.text);
        assert_ne!(dark.text, high.text);
        assert_eq!(high.name(), "high-contrast");
    }

    #[test]
    fn light_and_high_contrast_state_every_role() {
        // They read as whole themes, so nothing of theirs may come from dark by accident: laid
        // over nothing at all, they must come out the same as laid over dark.
        for name in ["light", "high-contrast"] {
            let (_, src) = BUILT_IN.iter().find(|(n, _)| *n == name).unwrap();
            let file = Path::new("t.yaml");
            let over_dark = parse(src, file, built("dark")).unwrap();
            let over_nothing = parse(src, file, Theme::plain("dark")).unwrap();
            for ((role, a), (_, b)) in over_dark.roles().into_iter().zip(over_nothing.roles()) {
                assert_eq!(a, b, "{name}: {role} leans on dark");
            }
        }
    }

    #[test]
    fn text_is_readable_in_every_built_in() {
        for (name, minimum) in [("dark", 4.5), ("light", 4.5), ("high-contrast", 7.0)] {
            let theme = built(name);
            let page = rgb(&theme, theme.text.bg, false);
            let band = rgb(&theme, theme.cursor_line.bg.or(theme.text.bg), false);
            // Foreground roles drawn on the page, and on the reading-position band.
            let mut on_page: Vec<(String, Style)> = (0..theme.speakers.len())
                .map(|i| (format!("speaker {i}"), theme.speaker(i)))
                .collect();
            on_page.push(("text".into(), theme.text));
            on_page.push(("heading".into(), theme.heading));
            on_page.push(("dim".into(), theme.dim));
            for kind in EntityKind::ALL {
                on_page.push((kind.as_str().into(), theme.entity(kind)));
            }
            for (role, style) in &on_page {
                let fg = rgb(&theme, style.fg.or(theme.text.fg), true);
                for bg in [page, band] {
                    let c = contrast(fg, bg);
                    assert!(c >= minimum, "{name}: {role} {fg:?} on {bg:?} is {c:.2}");
                }
            }
            // Roles that bring their own background.
            for (role, style) in theme.roles() {
                let (Some(fg), Some(bg)) = (style.fg, style.bg) else {
                    continue;
                };
                let c = contrast(rgb(&theme, Some(fg), true), rgb(&theme, Some(bg), false));
                assert!(c >= minimum, "{name}: {role} is {c:.2}");
            }
            // The current quote is bold, which WCAG counts as large text: 3:1.
            if let Some(bg) = theme.current_quote.bg {
                for i in 0..theme.speakers.len() {
                    let fg = rgb(&theme, theme.speaker(i).fg, true);
                    let c = contrast(fg, rgb(&theme, Some(bg), false));
                    assert!(
                        c >= 3.0,
                        "{name}: speaker {i} in the current quote is {c:.2}"
                    );
                }
            }
        }
    }

    #[test]
    fn eight_speaker_colours_far_apart_in_every_built_in() {
        for name in ["dark", "light", "high-contrast"] {
            let theme = built(name);
            assert!(theme.speakers.len() >= 8, "{name}");
            let text = rgb(&theme, theme.text.fg, true);
            let colours: Vec<_> = (0..8)
                .map(|i| rgb(&theme, theme.speaker(i).fg, true))
                .collect();
            for (i, a) in colours.iter().enumerate() {
                assert!(
                    distance(*a, text) > 80.0,
                    "{name}: speaker {i} looks like the text"
                );
                for (j, b) in colours.iter().enumerate().skip(i + 1) {
                    let d = distance(*a, *b);
                    assert!(d > 80.0, "{name}: speakers {i} and {j} are {d:.0} apart");
                }
            }
        }
    }

    #[test]
    fn high_contrast_is_pure_bold_and_never_dim() {
        let theme = built("high-contrast");
        let pure = [(0, 0, 0), (255, 255, 255), (255, 255, 0), (0, 255, 255)];
        for (role, style) in theme.roles() {
            assert!(!style.add_modifier.contains(Modifier::DIM), "{role} is dim");
            if role.starts_with("speaker") || role.starts_with("highlight") {
                continue; // these need more hues than four; their contrast is checked above
            }
            for (c, is_fg) in [(style.fg, true), (style.bg, false)] {
                if let Some(c) = c {
                    let v = resolve_rgb(c, is_fg, &theme);
                    assert!(pure.contains(&v), "{role}: {v:?} is not pure");
                }
            }
        }
        for role in [
            theme.heading,
            theme.border_focused,
            theme.selection,
            theme.status,
        ] {
            assert!(role.add_modifier.contains(Modifier::BOLD));
        }
    }

    #[test]
    fn a_theme_file_overrides_only_what_it_says() {
        let src =
            "heading: {fg: red}\nspeakers: [blue, \"#010203\", 7, {fg: cyan, italic: true}]\n";
        let base = Theme::default();
        let theme = parse(src, Path::new("t.yaml"), base.clone()).unwrap();
        // The colour changes; the default's bold stays.
        assert_eq!(theme.heading.fg, Some(Color::Red));
        assert!(theme.heading.add_modifier.contains(Modifier::BOLD));
        assert_eq!(theme.text, base.text);
        assert_eq!(theme.entity, base.entity);
        assert_eq!(theme.speaker(1).fg, Some(Color::Rgb(1, 2, 3)));
        assert_eq!(theme.speaker(2).fg, Some(Color::Indexed(7)));
        assert!(theme.speaker(3).add_modifier.contains(Modifier::ITALIC));
        assert_eq!(theme.speaker(4), theme.speaker(0), "the palette cycles");
    }

    #[test]
    fn attributes_can_be_turned_off_and_colours_cleared() {
        let src = "heading: {bold: false}\ncurrent-quote: {bg: ~}\nentity: {person: ~}\n";
        let theme = parse(src, Path::new("t.yaml"), Theme::default()).unwrap();
        assert!(!theme.heading.add_modifier.contains(Modifier::BOLD));
        assert_eq!(theme.current_quote.bg, None);
        assert!(theme.current_quote.add_modifier.contains(Modifier::BOLD));
        assert_eq!(theme.entity(EntityKind::Person), Style::new());
    }

    #[test]
    fn every_style_role_can_be_set() {
        let mut theme = Theme::plain("t");
        for role in STYLE_ROLES {
            let style = theme
                .style_role_mut(role)
                .unwrap_or_else(|| panic!("{role}"));
            *style = style.fg(Color::Red);
        }
        for (role, style) in theme.roles() {
            let expected = STYLE_ROLES.contains(&role.as_str());
            assert_eq!(style.fg == Some(Color::Red), expected, "{role}");
        }
    }

    #[test]
    fn highlights_by_number_and_default() {
        let src = "highlight: {default: {bg: 1}, 3: {bg: 3}}\n";
        let theme = parse(src, Path::new("t.yaml"), Theme::default()).unwrap();
        assert_eq!(theme.highlight(None).bg, Some(Color::Indexed(1)));
        assert_eq!(theme.highlight(Some(3)).bg, Some(Color::Indexed(3)));
        assert_eq!(theme.highlight(Some(9)), theme.highlight(None));
        assert_ne!(theme.highlight(Some(2)), theme.highlight(Some(3)));
    }

    #[test]
    fn colours_in_every_spelling() {
        for (text, colour) in [
            ("light-red", Color::LightRed),
            ("LightRed", Color::LightRed),
            ("dark_grey", Color::DarkGray),
            ("reset", Color::Reset),
            ("#FF8000", Color::Rgb(255, 128, 0)),
            ("214", Color::Indexed(214)),
        ] {
            assert_eq!(named_colour(text), Ok(colour), "{text}");
        }
        assert!(named_colour("#ff800").is_err());
        assert!(named_colour("#ff80zz").is_err());
        assert!(named_colour("256").is_err());
        assert!(index_colour(-1).is_err());
    }

    #[test]
    fn mistakes_are_located_with_a_suggestion() {
        let src = "text: {fg: \"#d0d0d0\"}\nheadng: {bold: true}\ntitle: {fg: yelow, bodl: true}\nborder: 300\nentity:\n  persn: {underline: true}\nhighlight: {5: {bg: red}}\nspeakers: []\nstatus: {bold: yes}\ndim: {fg: 1.5}\n";
        assert_eq!(
            problems_of(src),
            [
                "t.yaml:2:1: error: unknown theme role `headng`; did you mean `heading`?",
                "t.yaml:3:13: error: unknown colour `yelow`; did you mean `yellow`? a colour is a name (black, red, green, yellow, blue, magenta, cyan, gray, dark-gray, light-red, light-green, light-yellow, light-blue, light-magenta, light-cyan, white, reset), \"#rrggbb\" or a number 0-255",
                "t.yaml:3:20: error: unknown style key `bodl`; did you mean `bold`?",
                "t.yaml:4:9: error: colour 300 is out of range; a 256-colour index is 0-255",
                "t.yaml:6:3: error: unknown entity kind `persn`; did you mean `person`?",
                "t.yaml:7:13: error: unknown highlight `5`; highlights are default, 1, 2, 3, 4",
                "t.yaml:8:11: error: `speakers` needs at least one colour",
                "t.yaml:9:16: error: `bold` is true or false, not a string",
                "t.yaml:10:11: error: colour 1.5 is not a whole number 0-255",
            ]
        );
    }

    #[test]
    fn syntax_errors_and_wrong_shapes_are_located() {
        let broken = problems_of("text: {fg: red\n");
        assert_eq!(broken.len(), 1);
        assert!(broken[0].starts_with("t.yaml:"), "{broken:?}");
        assert_eq!(
            problems_of("- text\n"),
            ["t.yaml:1:1: error: a theme is a mapping, not a list"]
        );
        assert_eq!(
            problems_of("name: mine\n"),
            [
                "t.yaml:1:1: error: a theme is named after its file; remove `name` or rename the file"
            ]
        );
        assert_eq!(problems_of(""), Vec::<String>::new());
        assert_eq!(problems_of("# only a comment\n"), Vec::<String>::new());
    }

    #[test]
    fn user_themes_are_found_and_win_over_built_ins() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "zebra.yaml", "heading: {fg: red}\n");
        let light = write(dir.path(), "light.yaml", "heading: {fg: blue}\n");
        write(dir.path(), "notes.txt", "not a theme");
        write(dir.path(), ".hidden.yaml", "");
        fs::create_dir(dir.path().join("folder.yaml")).unwrap();

        let sources = available(Some(dir.path()));
        assert!(distinct(&sources));
        let listed: Vec<String> = sources
            .iter()
            .map(|s| format!("{} {}", s.name, s.origin))
            .collect();
        assert_eq!(listed[0], "dark built-in");
        assert_eq!(listed[1], format!("light {}", light.display()));
        assert_eq!(listed[2], "high-contrast built-in");
        assert_eq!(
            listed[3],
            format!("zebra {}", dir.path().join("zebra.yaml").display())
        );
        assert_eq!(listed.len(), 4);

        // The user's light is laid over the built-in light, not over dark.
        let (theme, problems) = load("light", Some(dir.path()));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(theme.heading.fg, Some(Color::Blue));
        assert_eq!(theme.text, built("light").text);
        // Any other name is laid over the default.
        let (theme, _) = load("zebra", Some(dir.path()));
        assert_eq!(theme.name(), "zebra");
        assert_eq!(theme.text, built("dark").text);
        assert_eq!(theme.heading.fg, Some(Color::Red));
    }

    #[test]
    fn a_broken_or_unknown_theme_falls_back_to_the_default_with_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "bad.yaml", "text: {fg: purple}\n");
        let (theme, problems) = load("bad", Some(dir.path()));
        assert_eq!(theme, Theme::default());
        assert_eq!(problems.len(), 1);
        let shown = problems[0].to_string();
        assert!(
            shown.starts_with(&format!(
                "{}:1:12: error: unknown colour `purple`",
                path.display()
            )),
            "{shown}"
        );

        let (theme, problems) = load("ligth", Some(dir.path()));
        assert_eq!(theme.name(), DEFAULT);
        assert_eq!(
            problems[0].to_string(),
            "ligth: error: no such theme; did you mean `light`? the themes are dark, light, high-contrast, bad"
        );
        assert!(load("light", None).1.is_empty());
    }

    #[test]
    fn next_name_cycles_through_what_is_available() {
        let sources = available(None);
        assert_eq!(names(&sources), ["dark", "light", "high-contrast"]);
        assert_eq!(next_name("dark", &sources), "light");
        assert_eq!(next_name("high-contrast", &sources), "dark");
        assert_eq!(next_name("gone", &sources), "dark");
        assert_eq!(next_name("dark", &[]), DEFAULT);
    }

    #[test]
    fn user_dir_follows_xdg() {
        let dir = |x: Option<&str>, h: Option<&str>| {
            user_dir_from(x.map(OsString::from), h.map(OsString::from))
        };
        assert_eq!(
            dir(Some("/cfg"), Some("/home/a")),
            Some(PathBuf::from("/cfg/scholia/themes"))
        );
        let home = Some(PathBuf::from("/home/a/.config/scholia/themes"));
        assert_eq!(dir(None, Some("/home/a")), home);
        assert_eq!(dir(Some(""), Some("/home/a")), home);
        assert_eq!(dir(Some("relative"), Some("/home/a")), home);
        assert_eq!(dir(None, None), None);
        assert_eq!(dir(None, Some("")), None);
    }

    #[test]
    fn no_color_removes_colours_but_keeps_every_mark() {
        for name in ["dark", "light", "high-contrast"] {
            let theme = built(name).no_color();
            for (role, style) in theme.roles() {
                assert_eq!((style.fg, style.bg), (None, None), "{name} {role}");
            }
            let has = |s: Style, m: Modifier| s.add_modifier.contains(m);
            assert!(has(theme.selection(), Modifier::REVERSED));
            assert!(has(theme.current_quote(), Modifier::REVERSED));
            assert!(has(theme.search_hit(), Modifier::REVERSED));
            assert!(has(theme.status(), Modifier::REVERSED));
            for kind in EntityKind::ALL {
                assert!(has(theme.entity(kind), Modifier::UNDERLINED), "{kind:?}");
            }
            for c in [None, Some(1), Some(4)] {
                let h = theme.highlight(c);
                assert!(has(h, Modifier::UNDERLINED) && has(h, Modifier::BOLD));
            }
            assert!(has(theme.speaker(3), Modifier::ITALIC));
            assert!(has(theme.heading(), Modifier::BOLD));
        }
        // Attributes the theme had are kept.
        let work = built("dark").no_color().entity(EntityKind::Work);
        assert!(work.add_modifier.contains(Modifier::ITALIC));
    }

    /// A highlight's colour is what tells it apart: no two of the five (none, 1–4) may look
    /// the same in any built-in theme (colour 1 once looked exactly like an uncoloured one).
    #[test]
    fn every_highlight_colour_is_distinct_from_the_others() {
        for (name, _) in BUILT_IN {
            let theme = built(name);
            let all: Vec<Style> = [None, Some(1), Some(2), Some(3), Some(4)]
                .into_iter()
                .map(|c| theme.highlight(c))
                .collect();
            for i in 0..all.len() {
                for j in i + 1..all.len() {
                    assert_ne!(all[i].bg, all[j].bg, "{name}: highlight {i} and {j}");
                }
            }
        }
    }

    #[test]
    fn colours_resolve_to_what_xterm_shows() {
        let theme = built("dark");
        assert_eq!(resolve_rgb(Color::Indexed(16), true, &theme), (0, 0, 0));
        assert_eq!(resolve_rgb(Color::Indexed(196), true, &theme), (255, 0, 0));
        assert_eq!(
            resolve_rgb(Color::Indexed(231), true, &theme),
            (255, 255, 255)
        );
        assert_eq!(resolve_rgb(Color::Indexed(232), true, &theme), (8, 8, 8));
        assert_eq!(
            resolve_rgb(Color::Indexed(255), true, &theme),
            (238, 238, 238)
        );
        assert_eq!(resolve_rgb(Color::Indexed(9), true, &theme), (255, 0, 0));
        assert_eq!(resolve_rgb(Color::LightRed, true, &theme), (255, 0, 0));
        assert_eq!(resolve_rgb(Color::Rgb(1, 2, 3), false, &theme), (1, 2, 3));
        // Reset is the theme's text colour …
        assert_eq!(resolve_rgb(Color::Reset, true, &theme), (0xd0, 0xd0, 0xd0));
        assert_eq!(resolve_rgb(Color::Reset, false, &theme), (0x1c, 0x1c, 0x1c));
        let light = built("light");
        assert_eq!(resolve_rgb(Color::Reset, false, &light), (0xfa, 0xfa, 0xfa));
        // … or, when the theme leaves it to the terminal, a dark terminal's.
        let plain = built("light").no_color();
        assert_eq!(resolve_rgb(Color::Reset, false, &plain), FALLBACK_BG);
    }
}

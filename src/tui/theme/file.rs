//! Reading a theme file: a partial override laid over a base theme, every mistake located.

use std::path::Path;

use ratatui::style::{Color, Modifier, Style};

use super::{STYLE_ROLES, Theme, entity_index};
use crate::article::EntityKind;
use crate::problem::{Problem, did_you_mean};
use crate::yaml::{self, Node, Pos, Value};

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

/// `src` laid over `base`, or every problem found in it.
pub(super) fn parse(src: &str, file: &Path, base: Theme) -> Result<Theme, Vec<Problem>> {
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
            .chain(["highlight", "highlight-names", "entity", "speakers"])
            .collect();
        // A colour restyled without a name of its own loses the base's name: "green" must not
        // stay on a colour this file makes red.
        let (mut restyled, mut named) = ([false; 4], [false; 4]);
        for (key, pos, value) in self.entries(root, "a theme") {
            if let Some(style) = theme.style_role_mut(&key) {
                self.style(value, style);
                continue;
            }
            match key.as_str() {
                "highlight" => {
                    for (k, p, v) in self.entries(value, "`highlight`") {
                        match HIGHLIGHT_KEYS.iter().position(|h| *h == k) {
                            Some(i) => {
                                if i > 0 {
                                    restyled[i - 1] = true;
                                }
                                self.style(v, &mut theme.highlight[i]);
                            }
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
                "highlight-names" => {
                    for (k, p, v) in self.entries(value, "`highlight-names`") {
                        let i = match k.as_str() {
                            "1" => 0,
                            "2" => 1,
                            "3" => 2,
                            "4" => 3,
                            _ => {
                                self.error(
                                    p,
                                    format!(
                                        "unknown highlight colour `{k}`; the colours are 1, 2, 3, 4"
                                    ),
                                );
                                continue;
                            }
                        };
                        named[i] = true;
                        theme.highlight_names[i] = match &v.value {
                            Value::Null => None,
                            Value::Str(s) if !s.trim().is_empty() && s.chars().count() <= 40 => {
                                Some(crate::sanitize::clean(s.trim()))
                            }
                            _ => {
                                self.error(
                                    v.pos,
                                    "a colour's name is a short text (at most 40 characters), such as `yellow`, or ~ for none",
                                );
                                continue;
                            }
                        };
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
        for i in 0..4 {
            if restyled[i] && !named[i] {
                theme.highlight_names[i] = None;
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

pub(super) fn index_colour(i: i64) -> Result<Color, String> {
    u8::try_from(i)
        .map(Color::Indexed)
        .map_err(|_| format!("colour {i} is out of range; a 256-colour index is 0-255"))
}

pub(super) fn named_colour(text: &str) -> Result<Color, String> {
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

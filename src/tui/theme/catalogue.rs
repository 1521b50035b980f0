//! Finding and loading themes by name: the built-in ones and the user's folder.

use std::ffi::OsString;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use super::Theme;
use super::file::parse;
use crate::problem::{Problem, did_you_mean};

/// The theme used when none is chosen, and when the chosen one cannot be loaded.
pub const DEFAULT: &str = "dark";

/// The shipped themes, embedded so that the binary works wherever it is copied.
pub(super) const BUILT_IN: [(&str, &str); 3] = [
    ("dark", include_str!("../../../themes/dark.yaml")),
    ("light", include_str!("../../../themes/light.yaml")),
    (
        "high-contrast",
        include_str!("../../../themes/high-contrast.yaml"),
    ),
];

/// The largest theme file read: a theme is a few dozen lines; this is far past any real one.
const MAX_THEME_BYTES: u64 = 1024 * 1024;
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

pub(super) fn user_dir_from(
    xdg_config_home: Option<OsString>,
    home: Option<OsString>,
) -> Option<PathBuf> {
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
pub(super) fn built_in(name: &str) -> Option<Result<Theme, Vec<Problem>>> {
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

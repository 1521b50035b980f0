//! The reader's commands: open an article in the terminal, `render` it, list `themes`.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::model::{Model, Options};
use super::update::Effect;
use super::{terminal, theme};
use crate::article::Article;
use crate::cli::files::annotation_files;
use crate::cli::{EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use crate::export::{self, Format, Item, Selection};
use crate::highlights::{self, Store};
use crate::load::{self, Loaded};
use crate::sample;

/// Loads what PATH names (the built-in sample without one), printing problems as `check` does.
pub(crate) fn open_article(path: Option<&Path>, err: &mut dyn Write) -> Result<Loaded, u8> {
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
    let sidecar = sidecar_for(
        &loaded.article,
        options.highlights.as_deref(),
        path.is_none(),
    );
    let (store, problem) = Store::load(&sidecar, &loaded.article.body);
    let mut model = Model::new(loaded.article, options, width, height).with_highlights(store);
    if let Some(p) = problem {
        model.set_error(p.to_string());
    } else if path.is_none() && model.message.is_none() {
        model.set_message("a sample article — open your own with: scholia path/to/article.yaml");
    }
    let mut perform = |model: &mut Model, effect: Effect| perform(model, effect);
    let ending = terminal::run(&mut model, &mut perform);
    // The terminal is back; a last chance to keep highlights whose save failed. Quitting with
    // highlights unsaved is a failure (exit 1), whether or not a rescue copy could be made.
    let clean = crate::tui::sanitize::clean;
    let mut unsaved = false;
    if model.highlights.has_unsaved_changes()
        && let Err(e) = model.highlights.save()
    {
        unsaved = true;
        let _ = writeln!(err, "scholia: {}", clean(&e));
        match rescue(&model) {
            Ok(path) => {
                let _ = writeln!(
                    err,
                    "scholia: your highlights are kept in {}; copy them back when the problem is fixed",
                    clean(&path.display().to_string())
                );
            }
            Err(why) => {
                let _ = writeln!(
                    err,
                    "scholia: could not keep the highlights anywhere ({}); here they are:",
                    clean(&why)
                );
                let text = highlights::to_text(model.highlights.list()).unwrap_or_default();
                for line in text.lines() {
                    let _ = writeln!(err, "{}", clean(line));
                }
            }
        }
    }
    match ending {
        Ok(terminal::Ending::Quit) if unsaved => EXIT_INPUT,
        Ok(terminal::Ending::Quit) => EXIT_OK,
        Ok(terminal::Ending::Signal(n)) => (128 + n).clamp(0, 255) as u8,
        Err(e) => {
            let _ = writeln!(err, "scholia: terminal error: {e}");
            EXIT_INPUT
        }
    }
}

/// Where an article's highlights live: `--highlights`, else beside the annotation file; the
/// built-in sample keeps them in the user's data folder, since it has no file of its own.
pub(crate) fn sidecar_for(article: &Article, chosen: Option<&Path>, sample: bool) -> PathBuf {
    if let Some(path) = chosen {
        return path.to_path_buf();
    }
    if sample {
        let data = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")));
        if let Some(dir) = data {
            let dir = dir.join("scholia");
            let _ = std::fs::create_dir_all(&dir);
            return dir.join("sample.highlights.yaml");
        }
    }
    highlights::sidecar_path(&article.path)
}

/// Writes the highlights to a new file in the private rescue folder when their own could not be.
fn rescue(model: &Model) -> Result<PathBuf, String> {
    let text = highlights::to_text(model.highlights.list())?;
    let folder =
        highlights::rescue::folder().ok_or("neither XDG_STATE_HOME nor HOME is set".to_string())?;
    highlights::rescue::write(&folder, model.highlights.path(), &text).map_err(|e| e.to_string())
}

/// Carries out what `update` asked for.
fn perform(model: &mut Model, effect: Effect) {
    match effect {
        Effect::Quit => {}
        Effect::SaveHighlights => {
            if let Err(e) = model.highlights.save() {
                model.set_error(e);
            }
        }
        Effect::ExportHighlights => {
            let path = markdown_path(model.highlights.path());
            let selection = Selection {
                highlights: true,
                ..Selection::default()
            };
            let item = Item {
                name: export::article_name(&model.index.article.path, &model.index.article.path),
                article: &model.index.article,
                highlights: model.highlights.list(),
            };
            let text = export::render(&[item], &selection, Format::Markdown);
            let n = model.highlights.list().len();
            match crate::atomic::write(&path, text.as_bytes()) {
                Ok(()) => model.set_message(format!(
                    "exported {n} highlight{} to {}",
                    if n == 1 { "" } else { "s" },
                    path.display()
                )),
                Err(e) => model.set_error(format!("cannot write {}: {e}", path.display())),
            }
        }
    }
}

/// `<stem>.highlights.md` beside the sidecar `<stem>.highlights.yaml`.
fn markdown_path(sidecar: &Path) -> PathBuf {
    let name = sidecar
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
        .unwrap_or(&name);
    sidecar.with_file_name(format!("{stem}.md"))
}

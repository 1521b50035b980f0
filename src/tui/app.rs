//! The reader's commands: open an article in the terminal, `render` it, list `themes`.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::model::{Model, Options};
use super::update::Effect;
use super::{terminal, theme};
use crate::article::Article;
use crate::cli::files::{Named, annotation_files, what_is, wrong_file};
use crate::cli::{EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use crate::export::{self, Format, Item, Selection};
use crate::highlights::{self, Store};
use crate::library::positions;
use crate::load::{self, Loaded};
use crate::sample;
use crate::sanitize::clean;
use crate::tui::draft::Draft;

/// What the reader opens: the article, and for a bare body the draft it shows as suggestions.
pub(crate) struct Opened {
    pub loaded: Loaded,
    pub draft: Option<Draft>,
    /// What the status line says first (which file was opened in place of the one named).
    pub note: Option<String>,
}

/// Loads what PATH names (the built-in sample without one), printing problems as `check` does.
/// A body (`.md`, `.txt`) opens its annotation file when there is one beside it, else the rules'
/// draft as suggestions; a highlights file named by mistake says which file to open.
pub(crate) fn open_article(path: Option<&Path>, err: &mut dyn Write) -> Result<Opened, u8> {
    let mut draft = None;
    let mut note = None;
    let result = match path {
        None => sample::load(),
        Some(path) => match what_is(path) {
            named @ Named::Highlights(_) => {
                if let Some(p) = wrong_file(path, &named, "open") {
                    let _ = writeln!(err, "{p}");
                }
                return Err(EXIT_USAGE);
            }
            Named::Body(Some(annotation)) => {
                note = Some(format!(
                    "opened {}, the annotations of {}",
                    annotation.display(),
                    path.display()
                ));
                load::load(&annotation)
            }
            Named::Body(None) => {
                let (text, target, yaml) = match crate::suggest::run::draft_beside(path) {
                    Ok(found) => found,
                    Err(p) => {
                        let _ = writeln!(err, "{p}");
                        return Err(EXIT_INPUT);
                    }
                };
                let body_path = path.to_path_buf();
                let read = move |p: &Path| -> Result<String, crate::problem::Problem> {
                    if p == body_path || p.file_name() == body_path.file_name() {
                        Ok(text.clone())
                    } else {
                        load::read_text(p)
                    }
                };
                let loaded = load::load_str(&target, &yaml, &read);
                note = Some(format!(
                    "suggestions for a bare article, drafted by rules: check them; W writes them to {}",
                    target.display()
                ));
                draft = Some(Draft {
                    target,
                    yaml,
                    written: false,
                });
                loaded
            }
            Named::Annotation => {
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
        },
    };
    match result {
        Ok(loaded) => {
            for p in loaded.warnings.sorted() {
                let _ = writeln!(err, "{p}");
            }
            Ok(Opened {
                loaded,
                draft,
                note,
            })
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

/// Copying is off when `SCHOLIA_NO_CLIPBOARD` is set to anything but the empty string (as
/// `NO_COLOR`): for a terminal that would show the OSC 52 sequence instead of obeying it.
pub fn no_clipboard_env() -> bool {
    std::env::var_os("SCHOLIA_NO_CLIPBOARD").is_some_and(|v| !v.is_empty())
}

/// Which of standard input and output is not a terminal, if one is not: the reader cannot run
/// through a pipe or a file, and says so in words rather than with the OS's "no such device".
pub(crate) fn not_a_terminal() -> Option<&'static str> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        Some("output")
    } else if !std::io::stdin().is_terminal() {
        Some("input")
    } else {
        None
    }
}

/// `scholia [PATH]`: the interactive reader, or for a folder the library.
pub fn read(path: Option<&Path>, options: Options) -> u8 {
    match path {
        Some(folder) if folder.is_dir() => super::library::run::run(folder, options),
        _ => read_article(path, options).0,
    }
}

/// How an article opened from the library ended.
pub enum Back {
    /// `Esc` or `q`: the library again.
    ToLibrary,
    /// Ctrl-c's quit or a signal: the program ends with this code.
    Quit,
    /// It could not be opened or its highlights not saved (the messages are on the terminal).
    Failed(String),
}

/// Reads one article for the library, which has given the terminal back; the exit code and
/// where to go next.
pub fn read_from_library(path: &Path, mut options: Options) -> (u8, Back) {
    options.library = true;
    let (code, ending) = read_article(Some(path), options);
    let back = match ending {
        Some(terminal::Ending::Back) if code == EXIT_OK => Back::ToLibrary,
        Some(terminal::Ending::Back) | None => Back::Failed(format!(
            "{}: see the messages left on the terminal when you quit",
            clean(&path.display().to_string())
        )),
        Some(_) => Back::Quit,
    };
    (code, back)
}

/// The reader on one article: the exit code, and how it ended when it ran at all.
fn read_article(path: Option<&Path>, mut options: Options) -> (u8, Option<terminal::Ending>) {
    let mut err = std::io::stderr();
    let Opened {
        loaded,
        draft,
        note,
    } = match open_article(path, &mut err) {
        Ok(opened) => opened,
        Err(code) => return (code, None),
    };
    if let Some(which) = not_a_terminal() {
        let shown = path.map_or_else(|| "PATH".to_string(), |p| clean(&p.display().to_string()));
        let _ = writeln!(
            err,
            "scholia: the reader needs a terminal, and its {which} is not one; \
             for the screen as text run `scholia render {shown}`, for the annotations \
             `scholia export {shown}`"
        );
        return (EXIT_USAGE, None);
    }
    options.no_color |= no_color_env();
    options.no_clipboard |= no_clipboard_env();
    options.user_themes = options.user_themes.or_else(theme::user_dir);
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    let sidecar = sidecar_for(
        &loaded.article,
        options.highlights.as_deref(),
        path.is_none(),
    );
    let (store, problem) = Store::load(&sidecar, &loaded.article.body);
    // What was remembered of this article last time (as less and vim): the reading position if
    // its body is unchanged, the theme chosen with `t` unless `--theme` names one, and the
    // searches.
    let state = path.zip(positions::folder());
    let kept = state
        .as_ref()
        .map_or_else(Default::default, |(path, folder)| {
            positions::recall(folder, path, loaded.article.body.len())
        });
    let theme_kept = kept.theme.clone().filter(|t| {
        theme::available(options.user_themes.as_deref())
            .iter()
            .any(|s| &s.name == t)
    });
    if options.theme.is_none() {
        options.theme = theme_kept.clone();
    }
    let mut model = Model::new(loaded.article, options, width, height)
        .with_highlights(store)
        .with_draft(draft)
        .with_searches(kept.searches.clone());
    let started_theme = model.theme.name().to_string();
    if let Some(p) = problem {
        model.set_error(p.to_string());
    } else if let Some(note) = note {
        model.set_message(note);
    } else if path.is_none() && model.message.is_none() {
        model.set_message("a sample article — open your own with: scholia path/to/article.yaml");
    }
    if let Some(at) = model.options.at {
        model.jump_to(at.min(model.article().body.len()));
    } else if let Some(pos) = kept.pos {
        match kept.line {
            Some(line) => model.reopen_at(pos, line),
            None => model.jump_to(pos),
        }
    }
    let mut perform = |model: &mut Model, effect: Effect| perform(model, effect);
    let ending = terminal::run(&mut model, &mut perform);
    // The theme is kept when `t` changed it this time; otherwise what was kept stays.
    let theme_now = model.theme.name().to_string();
    let keep = positions::Remembered {
        pos: Some(model.pos()),
        line: Some(model.view().cursor_line()),
        theme: if theme_now == started_theme {
            kept.theme
        } else {
            Some(theme_now)
        },
        searches: model.searches().to_vec(),
    };
    if let Some((path, folder)) = &state
        && let Err(e) = positions::remember(folder, path, model.article().body.len(), &keep)
    {
        let _ = writeln!(
            err,
            "scholia: {}: the reading position, theme and searches were not kept: {}",
            clean(&folder.display().to_string()),
            clean(&e.to_string())
        );
    }
    // The terminal is back; a last chance to keep highlights whose save failed. Quitting with
    // highlights unsaved is a failure (exit 1), whether or not a rescue copy could be made.
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
    let code = match &ending {
        Ok(terminal::Ending::Quit | terminal::Ending::Back) if unsaved => EXIT_INPUT,
        Ok(terminal::Ending::Quit | terminal::Ending::Back) => EXIT_OK,
        Ok(terminal::Ending::Signal(n)) => (128 + n).clamp(0, 255) as u8,
        Err(e) => {
            let _ = writeln!(err, "scholia: terminal error: {e}");
            EXIT_INPUT
        }
    };
    (code, ending.ok())
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
        Effect::Quit | Effect::Back => {}
        Effect::Copy(text) => {
            // Between two frames, on the same stdout as ratatui's backend: the sequence moves no
            // cursor and draws nothing.
            let mut out = std::io::stdout();
            let sent = out
                .write_all(crate::clipboard::osc52(&text).as_bytes())
                .and_then(|()| out.flush());
            if let Err(e) = sent {
                model.set_error(format!("not copied: cannot write to the terminal: {e}"));
            }
        }
        Effect::SaveHighlights => {
            if let Err(e) = model.highlights.save() {
                model.set_error(e);
            }
        }
        Effect::WriteDraft => match model.draft.as_mut().map(Draft::write) {
            Some(Ok(message)) => model.set_message(message),
            Some(Err(e)) => model.set_error(e),
            None => model.set_message(
                "W writes the suggestions of a bare article; this one has its annotation file",
            ),
        },
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
            let options = export::Options {
                colour_names: model.theme.highlight_names(),
                ..export::Options::default()
            };
            let text = export::render_with(&[item], &selection, Format::Markdown, &options);
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

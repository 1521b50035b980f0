//! `y`: the current quote, or the highlight under the reading position (the list's selected one
//! in the highlights list), or the sentences selected with `v`, with its attribution, to the
//! system clipboard. `update` only decides what to copy and says so; the run loop sends it to
//! the terminal ([`Effect::Copy`]).

use super::marking::current_highlight;
use super::model::{Mode, Model};
use super::update::Effect;
use crate::clipboard::MAX_TEXT;
use crate::export::{Item, cite};

/// What `y` says when copying is turned off.
pub const OFF: &str =
    "copying is off (--no-clipboard or SCHOLIA_NO_CLIPBOARD): nothing was put on the clipboard";

pub fn copy(model: &mut Model) -> Option<Effect> {
    if model.options.no_clipboard {
        model.set_message(OFF);
        return None;
    }
    let Some((text, what)) = citation(model) else {
        model.set_message("nothing to copy here: go to a quote (]) or a highlight (H)");
        return None;
    };
    if text.len() > MAX_TEXT {
        model.set_error(format!(
            "not copied: {} KiB is more than a terminal takes at once ({} KiB)",
            text.len() / 1024,
            MAX_TEXT / 1024
        ));
        return None;
    }
    // As vim's `y` in visual mode: the selection is copied and let go.
    if matches!(model.mode, Mode::Selecting { .. }) {
        model.mode = Mode::Normal;
    }
    let what = match what {
        // A bare article's quotes are the rules' suggestions until `W` writes them; its own
        // words are not.
        Copied::Speaker if model.suggested() => "copied a suggestion, not yet checked",
        _ => "copied",
    };
    model.set_message(format!("{what}: {text}"));
    Some(Effect::Copy(text))
}

/// Whom `y` copied words of: a speaker (a quote, or a highlight on one), or the article.
enum Copied {
    Speaker,
    Article,
}

/// The line `y` copies: in the highlights list its selected highlight; in a selection its
/// sentences; in the text the current quote, else the highlight at the reading position.
fn citation(model: &Model) -> Option<(String, Copied)> {
    let article = &model.index.article;
    if let Mode::Selecting { span } = model.mode {
        let words = article.body.slice(span.start(), span.end());
        return Some((cite::passage(article, words), Copied::Article));
    }
    let in_list = matches!(model.mode.base(), Mode::Highlights { .. });
    if !in_list && let Some(q) = model.current_quote() {
        return Some((cite::quote(article, &article.quotes[q]), Copied::Speaker));
    }
    let id = current_highlight(model)?;
    let h = model.highlights.get(&id)?;
    let item = Item {
        name: String::new(),
        article,
        highlights: std::slice::from_ref(h),
    };
    let whose = match item.quote_of(h) {
        Some(_) => Copied::Speaker,
        None => Copied::Article,
    };
    Some((cite::highlight(&item, h), whose))
}

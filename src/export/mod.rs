//! `scholia export`: an article's quotes, entities and highlights as JSON, Markdown, CSV or W3C
//! Web Annotations (the format spec's "Exports").

mod brat;
pub mod cite;
mod csv;
mod json;
mod jsonl;
mod labelstudio;
mod markdown;
mod w3c;

use crate::article::{Article, Quote};
use crate::highlights::Highlight;

/// An export format; its names on the command line are `--format md|json|csv|w3c`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[value(name = "md")]
    Markdown,
    Json,
    Csv,
    W3c,
    /// JSON Lines, one record a line; written article by article (see [`write_jsonl`]).
    Jsonl,
    /// brat standoff: the `.ann` text (the `.txt` is the body); one article at a time.
    Brat,
    /// Label Studio JSON: a list of tasks, one per article.
    Labelstudio,
}

/// What to export; `quotes`, `entities` and `highlights` are each on or off.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub quotes: bool,
    pub entities: bool,
    pub highlights: bool,
    /// Keep only quotes (and quote highlights) of these speaker ids; empty keeps all.
    pub speakers: Vec<String>,
    /// Keep only highlights of these colours; empty keeps all.
    pub colours: Vec<u8>,
}

/// How a format is written, beside what is exported.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// CSV: begin with a UTF-8 byte-order mark, for spreadsheet programs (Excel) that need one.
    pub bom: bool,
    /// CSV: leave cells that begin with `=`, `+`, `-` or `@` as they are, for programs that
    /// read CSV as data (pandas, DuckDB) and would keep the `'` put in front of them.
    pub keep_formulas: bool,
    /// Markdown: what the theme calls highlight colours 1–4 ("colour 2 (green)"), where it
    /// names them.
    pub colour_names: [Option<String>; 4],
}

impl Options {
    /// The name of highlight colour `c` (1–4), if one was given.
    pub fn colour_name(&self, c: u8) -> Option<&str> {
        let i = usize::from(c).checked_sub(1)?;
        self.colour_names.get(i)?.as_deref()
    }
}

/// One article with its highlights, ready to be exported.
pub struct Item<'a> {
    /// The article's name in exported ids (see [`article_name`]).
    pub name: String,
    pub article: &'a Article,
    pub highlights: &'a [Highlight],
}

impl Item<'_> {
    /// The scare quotes to export, in reading order: with the quotes, unless a speaker filter
    /// asks for someone's quotes (a scare quote has no speaker).
    pub fn scare_quotes<'s>(
        &'s self,
        sel: &'s Selection,
    ) -> impl Iterator<Item = &'s crate::article::ScareQuote> + 's {
        let kept = sel.quotes && sel.speakers.is_empty();
        self.article.scare_quotes.iter().filter(move |_| kept)
    }

    /// The quotes to export, in reading order.
    pub fn quotes<'s>(&'s self, sel: &'s Selection) -> impl Iterator<Item = &'s Quote> + 's {
        self.article
            .quotes
            .iter()
            .filter(move |q| speaker_kept(sel, &self.article.speaker(q).id))
    }

    /// The highlights to export, in reading order (orphans last). The sidecar keeps them in the
    /// order they were made, which is not the order a reader meets them.
    pub fn highlights<'s>(
        &'s self,
        sel: &'s Selection,
    ) -> impl Iterator<Item = &'s Highlight> + 's {
        let mut list: Vec<&Highlight> = self
            .highlights
            .iter()
            .filter(move |h| {
                let colour_ok =
                    sel.colours.is_empty() || h.colour.is_some_and(|c| sel.colours.contains(&c));
                let speaker_ok = sel.speakers.is_empty()
                    || self
                        .quote_of(h)
                        .is_some_and(|q| speaker_kept(sel, &self.article.speaker(q).id));
                colour_ok && speaker_ok
            })
            .collect();
        // Stable: orphans keep their file order among themselves.
        list.sort_by_key(|h| (h.orphaned, if h.orphaned { 0 } else { h.start }, h.end));
        list.into_iter()
    }

    /// The passages a highlight covers: on a quote in several segments, the parts of its span
    /// that are the quote's segments, so the attribution between them is left out as in the
    /// quote's own export; otherwise its span. Empty for an orphan.
    pub fn highlight_segments(&self, h: &Highlight) -> Vec<crate::article::Span> {
        use crate::article::Span;
        if h.orphaned {
            return Vec::new();
        }
        let whole = vec![Span::new(h.start, h.end)];
        let Some(q) = self.quote_of(h) else {
            return whole;
        };
        let parts: Vec<Span> = q
            .segments
            .iter()
            .map(|s| Span::new(s.start().max(h.start), s.end().min(h.end)))
            .filter(|s| s.start() < s.end())
            .collect();
        if parts.is_empty() { whole } else { parts }
    }

    /// A highlight's text as exports show it: its segments joined with " … " (see
    /// [`Item::highlight_segments`]), or the text it keeps when it is orphaned.
    pub fn highlight_text(&self, h: &Highlight) -> String {
        let parts = self.highlight_segments(h);
        if parts.len() <= 1 {
            return h.text.clone();
        }
        let body = &self.article.body;
        parts
            .iter()
            .map(|s| body.slice(s.start(), s.end()))
            .collect::<Vec<_>>()
            .join(" … ")
    }

    /// The quote a highlight was made on, if any.
    pub fn quote_of(&self, h: &Highlight) -> Option<&Quote> {
        let id = h.quote.as_deref()?;
        self.article.quotes.iter().find(|q| q.id == id)
    }
}

/// The article's name in exported ids: its path below the exported folder without the
/// extension (`council/2024-03`), or the file stem when one file is exported. Stable wherever
/// the folder lies, and unique within one export.
pub fn article_name(file: &std::path::Path, root: &std::path::Path) -> String {
    let below = file
        .strip_prefix(root)
        .ok()
        .filter(|p| !p.as_os_str().is_empty());
    match below {
        Some(rel) => rel.with_extension("").to_string_lossy().replace('\\', "/"),
        None => file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "article".into()),
    }
}

fn speaker_kept(sel: &Selection, id: &str) -> bool {
    sel.speakers.is_empty() || sel.speakers.iter().any(|s| s == id)
}

/// Renders the items in `format`. Several items (a folder) carry their article in each record.
pub fn render(items: &[Item], sel: &Selection, format: Format) -> String {
    render_with(items, sel, format, &Options::default())
}

/// [`render`] with the format's options.
pub fn render_with(items: &[Item], sel: &Selection, format: Format, opts: &Options) -> String {
    match format {
        Format::Json => json::render(items, sel),
        Format::Markdown => markdown::render(items, sel, opts),
        Format::Csv => csv::render(items, sel, opts),
        Format::W3c => w3c::render(items, sel),
        Format::Jsonl => {
            let mut out = Vec::new();
            for item in items {
                let _ = jsonl::write_item(&mut out, item, sel);
            }
            String::from_utf8(out).unwrap_or_default()
        }
        Format::Labelstudio => labelstudio::render(items),
        Format::Brat => items.iter().map(|i| brat::render(i.article)).collect(),
    }
}

/// Writes one article's JSON Lines to `out` (`--format jsonl`).
pub fn write_jsonl(
    out: &mut dyn std::io::Write,
    item: &Item,
    sel: &Selection,
) -> std::io::Result<()> {
    jsonl::write_item(out, item, sel)
}

/// C0 controls (but tab and newline), DEL, C1 controls and bidi overrides and isolates as
/// `\u{1B}`: a file of text someone else wrote must not clear a terminal `cat` shows it on, nor
/// turn a name around. Everything else is kept as the body has it.
pub(crate) fn escape_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if (c.is_control() && c != '\t' && c != '\n') || bidi {
            out.push_str(&format!("\\u{{{:X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whitespace runs as single spaces: exports show passages as running text.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every mention of every entity as `(span, entity index)`, in reading order: the order brat and
/// Label Studio number them in.
pub(crate) fn mentions_in_order(a: &crate::article::Article) -> Vec<(crate::article::Span, usize)> {
    let mut mentions: Vec<_> = a
        .entities
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (*m, i)))
        .collect();
    mentions.sort_by_key(|(s, i)| (s.start(), s.end(), *i));
    mentions
}

/// Of an entity's mentions as `(start, id)` in reading order, the id of the one nearest before
/// `at`, else the first: what a relation from a quote to its speaker points at in brat and
/// Label Studio.
pub(crate) fn nearest_mention<T: Clone>(list: &[(usize, T)], at: usize) -> Option<T> {
    list.iter()
        .rev()
        .find(|(s, _)| *s <= at)
        .or(list.first())
        .map(|(_, id)| id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn highlight(id: &str, start: usize, orphaned: bool) -> Highlight {
        Highlight {
            id: id.into(),
            start,
            end: start + 1,
            text: "x".into(),
            prefix: String::new(),
            suffix: String::new(),
            quote: None,
            note: None,
            colour: None,
            created: "2025-01-01T00:00:00Z".into(),
            orphaned,
        }
    }

    #[test]
    fn article_names_are_unique_below_the_folder_and_stems_alone() {
        use std::path::Path;
        let root = Path::new("lib");
        assert_eq!(article_name(Path::new("lib/a/x.yaml"), root), "a/x");
        assert_eq!(article_name(Path::new("lib/b/x.yaml"), root), "b/x");
        let one = Path::new("/home/me/articles/cecot.yaml");
        assert_eq!(article_name(one, one), "cecot");
    }

    #[test]
    fn highlights_come_in_reading_order_with_orphans_last() {
        let article = crate::load::load_str(
            std::path::Path::new("t.yaml"),
            "title: T\nbody: some words here\n",
            &|_: &std::path::Path| unreachable!(),
        )
        .unwrap()
        .article;
        let highlights = [
            highlight("late", 9, false),
            highlight("lost-1", 0, true),
            highlight("early", 2, false),
            highlight("lost-2", 5, true),
        ];
        let item = Item {
            name: "t".into(),
            article: &article,
            highlights: &highlights,
        };
        let sel = Selection::default();
        let ids: Vec<&str> = item.highlights(&sel).map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["early", "late", "lost-1", "lost-2"]);
    }
}

//! Markdown for notes apps (Obsidian, a GitHub comment): the title, the source line, the quotes
//! by speaker, the highlights with their notes, then the entities (the spec's order).

use super::{Item, Options, Selection, one_line};
use crate::article::{Article, Quote, QuoteKind};

pub fn render(items: &[Item], sel: &Selection, opts: &Options) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        article(&mut out, item, sel, opts);
    }
    out
}

fn article(out: &mut String, item: &Item, sel: &Selection, opts: &Options) {
    let a = item.article;
    out.push_str(&format!("# {}\n\n", text(&a.meta.title)));
    let source = source_line(a);
    if !source.is_empty() {
        out.push_str(&format!("{source}\n\n"));
    }
    // What a reader may do with the text, and its language (format 1.1).
    let mut rights = Vec::new();
    if let Some(language) = &a.meta.language {
        rights.push(format!("Language: {}", text(language)));
    }
    if let Some(license) = &a.meta.license {
        rights.push(format!("Licence: {}", text(license)));
    }
    if !rights.is_empty() {
        out.push_str(&format!("{}\n\n", rights.join(" · ")));
    }
    if sel.quotes {
        let quotes: Vec<_> = item.quotes(sel).collect();
        // Speakers in order of first appearance.
        let mut speakers: Vec<usize> = Vec::new();
        for q in &quotes {
            if !speakers.contains(&q.speaker) {
                speakers.push(q.speaker);
            }
        }
        for s in speakers {
            let mine: Vec<_> = quotes.iter().filter(|q| q.speaker == s).collect();
            // The heading is the speaker's name alone, as the spec has it: notes apps link and
            // fold by heading text.
            out.push_str(&format!("## {}\n\n", text(&a.entities[s].name)));
            for q in mine {
                quote(out, a, q);
                // Labelled, so that a note (which may itself quote the article) is never
                // taken for the article's text or the speaker's words.
                if let Some(note) = q.note.as_deref() {
                    out.push_str(&format!("_Note:_ {}\n\n", note_text(note)));
                }
            }
        }
        // Words held at a distance are nobody's statement: apart, never under a speaker.
        let scare: Vec<_> = item.scare_quotes(sel).collect();
        if !scare.is_empty() {
            out.push_str("## Scare quotes (not speech)\n\n");
            for q in scare {
                let mut line = format!("- ‘{}’", text(&a.scare_text(q)));
                if let Some(note) = q.note.as_deref() {
                    line.push_str(&format!(" — {}", text(note)));
                }
                out.push_str(&line);
                out.push('\n');
            }
            out.push('\n');
        }
    }
    if sel.highlights {
        let list: Vec<_> = item.highlights(sel).collect();
        out.push_str("## Highlights\n\n");
        if list.is_empty() {
            out.push_str("_No highlights yet._\n\n");
        }
        for h in list {
            // A highlight on a quote is shown as that quote is: reported speech as much a
            // paraphrase, direct words in quotation marks. On plain text it is the article's.
            let words = item.highlight_text(h);
            match item.quote_of(h) {
                Some(q) => words_of(out, q.kind, &words),
                None => blockquote(out, &words),
            }
            if let Some(q) = item.quote_of(h) {
                attribution(out, a, q);
            }
            let mut tags = Vec::new();
            if let Some(c) = h.colour {
                tags.push(match opts.colour_name(c) {
                    Some(name) => format!("colour {c} ({})", text(name)),
                    None => format!("colour {c}"),
                });
            }
            if h.orphaned {
                tags.push("orphaned: its passage is no longer in the article".to_string());
            }
            if !tags.is_empty() {
                out.push_str(&format!("_{}_\n\n", tags.join(" · ")));
            }
            if let Some(note) = h.note.as_deref().filter(|n| !n.trim().is_empty()) {
                out.push_str(&format!("_Note:_ {}\n\n", note_text(note)));
            }
        }
    }
    if sel.entities {
        out.push_str("## Entities\n\n");
        for e in &a.entities {
            let mut line = format!(
                "- **{}** ({}) — {} mention{}, {} quote{}",
                one_line(&e.name),
                e.kind.as_str(),
                e.mentions.len(),
                if e.mentions.len() == 1 { "" } else { "s" },
                e.quotes.len(),
                if e.quotes.len() == 1 { "" } else { "s" },
            );
            if !e.aliases.is_empty() {
                line.push_str(&format!("; also “{}”", e.aliases.join("”, “")));
            }
            if let Some(note) = &e.note {
                line.push_str(&format!(" — {}", text(note)));
            }
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
    }
}

fn source_line(a: &Article) -> String {
    let m = &a.meta;
    let mut parts: Vec<String> = Vec::new();
    if let Some(s) = &m.source {
        parts.push(one_line(s));
    }
    if let Some(s) = &m.author {
        parts.push(format!("by {}", one_line(s)));
    }
    if let Some(s) = &m.published {
        parts.push(one_line(s));
    }
    if let Some(u) = &m.url {
        // `<`, `>` and spaces percent-encoded: a `url` holding `>` cannot break out of its link.
        let url = u
            .trim()
            .replace('<', "%3C")
            .replace('>', "%3E")
            .replace(' ', "%20");
        parts.push(format!("<{url}>"));
    }
    if parts.is_empty() {
        return String::new();
    }
    format!("Source: {}", parts.join(" · "))
}

/// A quote with its kind said in words: a fact-checker pasting this must never present a
/// paraphrase as someone's words, so reported speech is not a blockquote and says what it is.
fn quote(out: &mut String, a: &Article, q: &Quote) {
    words_of(out, q.kind, &a.quote_text(q));
    attribution(out, a, q);
}

/// A quote's words by its kind: only direct words are a `>` block, in quotation marks; reported
/// and partly quoted speech say what they are in front, and carry no quotation marks but the
/// body's own (which, in partly quoted speech, mark the speaker's words).
fn words_of(out: &mut String, kind: QuoteKind, words: &str) {
    match kind {
        QuoteKind::Direct => out.push_str(&format!("> “{}”\n\n", text(words))),
        QuoteKind::Indirect => out.push_str(&format!(
            "_Paraphrase (reported speech, not the speaker's words):_ {}\n\n",
            text(words)
        )),
        QuoteKind::Mixed => out.push_str(&format!(
            "_Partly quoted (only the words in quotation marks are the speaker's):_ {}\n\n",
            text(words)
        )),
    }
}

/// The article's own words (a highlight not on a quote): a block, without quotation marks.
fn blockquote(out: &mut String, words: &str) {
    out.push_str(&format!("> {}\n\n", text(words)));
}

/// `— Name (cue) · kind`, the kind in words a reader needs no legend for.
fn attribution(out: &mut String, a: &Article, q: &Quote) {
    let name = text(&a.speaker(q).name);
    let cue = q
        .cue
        .as_deref()
        .map(|c| format!(" ({})", text(c)))
        .unwrap_or_default();
    let kind = match q.kind {
        QuoteKind::Direct => "direct quote",
        QuoteKind::Indirect => "reported speech, a paraphrase",
        QuoteKind::Mixed => "partly quoted: only the words in quotation marks are the speaker's",
    };
    // The outlet, addressee or document the statement was made through (format 1.1).
    let via = q
        .via
        .map(|v| format!(" · via {}", text(&a.entities[v].name)))
        .unwrap_or_default();
    out.push_str(&format!("— {name}{cue}{via} · _{kind}_\n\n"));
}

/// A note's lines, each made as inert as [`text`] makes it, joined by Markdown's hard line
/// break (a `\` at the end of a line): the note keeps its lines, stays one paragraph under its
/// `_Note:_` label (blank lines are left out) and still makes no structure.
fn note_text(note: &str) -> String {
    note.lines()
        .filter(|l| !l.trim().is_empty())
        .map(text)
        .collect::<Vec<_>>()
        .join("\\\n")
}

/// Text from the article or a note as one line of Markdown that makes no structure: a note
/// holding `\n\n## Not a speaker` or `[x](javascript:…)` stays text. Newlines fold to spaces
/// (so no heading, list or quote can start a line), the characters that make links,
/// emphasis, HTML or code are backslash-escaped, and so is a list marker or `#` in front.
fn text(s: &str) -> String {
    let line = one_line(s);
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if matches!(c, '\\' | '[' | ']' | '<' | '>' | '*' | '_' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    // A line of its own that begins `- `, `+ ` or `1. ` would still be a list.
    // (`~~~` would open a code block where a note's line begins.)
    if out.starts_with(['-', '+', '=', '#', '~']) {
        out.insert(0, '\\');
    }
    let digits = out.len() - out.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && out[digits..].starts_with('.') {
        out.insert(digits, '\\');
    }
    // Last, so the backslash of `\u{1B}` is not itself escaped.
    super::escape_controls(&out)
}

#[cfg(test)]
mod tests {
    use super::{note_text, text};

    #[test]
    fn a_note_keeps_its_lines_and_makes_no_structure() {
        assert_eq!(
            note_text("First line.\n\n## Not a speaker\n- nor a list\n"),
            "First line.\\\n\\## Not a speaker\\\n\\- nor a list"
        );
        assert_eq!(note_text("one line"), "one line");
        assert_eq!(note_text("a\n~~~\nb"), "a\\\n\\~~~\\\nb");
    }

    #[test]
    fn notes_and_names_make_no_structure() {
        // A heading inside is folded onto the line; one in front is escaped.
        assert_eq!(text("a\n\n## Not a speaker"), "a ## Not a speaker");
        assert_eq!(text("## Not a speaker"), "\\## Not a speaker");
        assert_eq!(text("- item"), "\\- item");
        assert_eq!(text("1. item"), "1\\. item");
        assert_eq!(text("1990 was"), "1990 was");
        assert_eq!(
            text("[x](javascript:alert(1)) <b>"),
            "\\[x\\](javascript:alert(1)) \\<b\\>"
        );
        assert_eq!(text("> not a quote"), "\\> not a quote");
        assert_eq!(text("a\u{1b}[2J\u{202e}b\u{85}"), "a\\u{1B}\\[2J\\u{202E}b");
    }
}

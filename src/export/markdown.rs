//! Markdown for notes apps (Obsidian, a GitHub comment): the title, the source line, the quotes
//! by speaker, the highlights with their notes, then the entities (the spec's order).

use super::{Item, Selection, one_line};
use crate::article::Article;

pub fn render(items: &[Item], sel: &Selection) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        article(&mut out, item, sel);
    }
    out
}

fn article(out: &mut String, item: &Item, sel: &Selection) {
    let a = item.article;
    out.push_str(&format!("# {}\n\n", one_line(&a.meta.title)));
    let source = source_line(a);
    if !source.is_empty() {
        out.push_str(&format!("{source}\n\n"));
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
            out.push_str(&format!("## {}\n\n", one_line(&a.entities[s].name)));
            for q in mine {
                blockquote(out, &a.quote_text(q));
                attribution(out, a, q);
                if let Some(note) = q.note.as_deref() {
                    out.push_str(&format!("{}\n\n", note.trim()));
                }
            }
        }
    }
    if sel.highlights {
        let list: Vec<_> = item.highlights(sel).collect();
        out.push_str("## Highlights\n\n");
        if list.is_empty() {
            out.push_str("_No highlights yet._\n\n");
        }
        for h in list {
            blockquote(out, &h.text);
            if let Some(q) = item.quote_of(h) {
                attribution(out, a, q);
            }
            let mut tags = Vec::new();
            if let Some(c) = h.colour {
                tags.push(format!("colour {c}"));
            }
            if h.orphaned {
                tags.push("orphaned: its passage is no longer in the article".to_string());
            }
            if !tags.is_empty() {
                out.push_str(&format!("_{}_\n\n", tags.join(" · ")));
            }
            if let Some(note) = h.note.as_deref().filter(|n| !n.trim().is_empty()) {
                out.push_str(&format!("{}\n\n", note.trim()));
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
                line.push_str(&format!(" — {}", one_line(note)));
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
        parts.push(format!("<{}>", u.trim()));
    }
    if parts.is_empty() {
        return String::new();
    }
    format!("Source: {}", parts.join(" · "))
}

fn blockquote(out: &mut String, text: &str) {
    out.push_str(&format!("> {}\n\n", one_line(text)));
}

fn attribution(out: &mut String, a: &Article, q: &crate::article::Quote) {
    let name = one_line(&a.speaker(q).name);
    match q.cue.as_deref() {
        Some(cue) => out.push_str(&format!("— {name} ({cue})\n\n")),
        None => out.push_str(&format!("— {name}\n\n")),
    }
}

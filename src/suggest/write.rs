//! The draft as an annotation file (format 1): entities with ids, quotes with their segments as
//! the body has them and an `occurrence` where the first segment occurs more than once, and a
//! comment on every quote naming its rule and confidence. Before it is handed out, the draft is
//! loaded by the real loader against the same body; a draft that would not load is never
//! written (what failed is dropped and said in a comment, so the file always passes `check`).

use std::collections::HashSet;
use std::path::Path;

use crate::article::{Article, Span};
use crate::body::Body;
use crate::find::Occurrences;
use crate::fold::{Folded, fold_pattern};
use crate::load;
use crate::problem::Problem;

use super::{Draft, Proposal};

/// The YAML of a draft and what had to be left out to make it load.
pub struct Written {
    pub yaml: String,
    /// Problems the loader found in a first rendering, if any (then quotes or entities were
    /// dropped); empty when the rules' draft loaded as it was.
    pub repaired: Vec<String>,
}

/// Renders the draft for `body` (whose file the annotation names as `body_file`) and proves
/// it loads. `title` overrides the draft's when the body has none.
pub fn render_checked(
    draft: &Draft,
    body: &Body,
    body_file: &str,
    fallback_title: &str,
) -> Written {
    let title = if draft.title.trim().is_empty() {
        fallback_title
    } else {
        &draft.title
    };
    let title = if title.trim().is_empty() {
        "Untitled"
    } else {
        title
    };
    let quotes = place_segments(&draft.quotes, body, &draft.folded);
    let yaml = render(draft, &quotes, title, body_file, &[]);
    let Err(problems) = load_draft(&yaml, body, body_file) else {
        return Written {
            yaml,
            repaired: Vec::new(),
        };
    };
    // Should never happen; if it does, a smaller draft that loads beats one that does not.
    let repaired: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
    let no_quotes = render(draft, &[], title, body_file, &repaired);
    if load_draft(&no_quotes, body, body_file).is_ok() {
        return Written {
            yaml: no_quotes,
            repaired,
        };
    }
    let empty = Draft {
        title: draft.title.clone(),
        entities: Vec::new(),
        quotes: Vec::new(),
        set_aside: Vec::new(),
        capped: draft.capped,
        folded: Folded::new(""),
    };
    Written {
        yaml: render(&empty, &[], title, body_file, &repaired),
        repaired,
    }
}

/// Loads draft text against `body` in memory, as `check` would load it from disk.
pub fn load_draft(yaml: &str, body: &Body, body_file: &str) -> Result<Article, Vec<Problem>> {
    let path = Path::new("draft.yaml");
    // The loader drops one byte-order mark from what it reads, as `Body::new` did from the file;
    // giving it one back keeps a body that itself starts with U+FEFF (a file with two) as it is.
    let text = format!("\u{feff}{}", body.as_str());
    let wanted = Path::new(body_file).to_path_buf();
    let read = move |p: &Path| -> Result<String, Problem> {
        if p == wanted {
            Ok(text.clone())
        } else {
            Err(Problem::error(p, None, "no such file"))
        }
    };
    match load::load_str(path, yaml, &read) {
        Ok(loaded) => Ok(loaded.article),
        Err(problems) => Err(problems.0.into_iter().filter(|p| p.is_error()).collect()),
    }
}

/// A quote ready to write: its segments' texts and the occurrence of the first.
struct Placed<'a> {
    proposal: &'a Proposal,
    texts: Vec<String>,
    occurrence: Option<usize>,
}

/// Segment texts as the loader will look for them; a later segment that the loader would find
/// earlier than meant (its text also stands between it and the segment before) starts a quote
/// of its own, so every segment lands where the rules found it.
fn place_segments<'a>(quotes: &'a [Proposal], body: &Body, folded: &Folded) -> Vec<Placed<'a>> {
    let mut patterns: Vec<String> = Vec::new();
    let mut index: Vec<Vec<usize>> = Vec::new();
    for q in quotes {
        let mut ids = Vec::new();
        for s in &q.segments {
            ids.push(patterns.len());
            patterns.push(fold_pattern(body.slice(s.start(), s.end())));
        }
        index.push(ids);
    }
    let occ = Occurrences::find(folded, &patterns);
    let mut out = Vec::new();
    for (q, ids) in quotes.iter().zip(&index) {
        let mut group: Vec<(usize, Span)> = Vec::new();
        let mut prev_end = 0usize;
        for (k, (&p, &seg)) in ids.iter().zip(&q.segments).enumerate() {
            let want = folded.from_body(seg.start());
            let lands = k > 0 && occ.first_from(p, prev_end).is_some_and(|h| h.start == want);
            if k > 0 && !lands {
                if let Some(placed) = place(q, &group, &patterns, &occ, folded, body) {
                    out.push(placed);
                }
                group.clear();
            }
            group.push((p, seg));
            prev_end = folded.from_body(seg.end());
        }
        if let Some(placed) = place(q, &group, &patterns, &occ, folded, body) {
            out.push(placed);
        }
    }
    out
}

fn place<'a>(
    q: &'a Proposal,
    group: &[(usize, Span)],
    patterns: &[String],
    occ: &Occurrences,
    folded: &Folded,
    body: &Body,
) -> Option<Placed<'a>> {
    let &(p, first) = group.first()?;
    if patterns[p].is_empty() {
        return None;
    }
    let want = folded.from_body(first.start());
    let count = occ.count(p);
    // Occurrences are sorted by start: find ours by bisection.
    let (mut lo, mut hi) = (0, count);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if occ.nth(p, mid).is_some_and(|h| h.start < want) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if occ.nth(p, lo).is_none_or(|h| h.start != want) {
        return None;
    }
    Some(Placed {
        proposal: q,
        texts: group
            .iter()
            .map(|&(_, s)| super::entities::fold_spaces(body.slice(s.start(), s.end())))
            .collect(),
        occurrence: (count > 1).then_some(lo + 1),
    })
}

fn render(
    draft: &Draft,
    quotes: &[Placed],
    title: &str,
    body_file: &str,
    repaired: &[String],
) -> String {
    let mut y = String::with_capacity(4096 + quotes.len() * 200);
    y.push_str(
        "# A draft annotation written by `scholia suggest` from rules and word lists, not by a\n",
    );
    y.push_str(
        "# person: check every quote and entity. Each quote's comment names the rule that\n",
    );
    y.push_str("# proposed it and how sure that rule is (0 to 1).\n");
    if draft.capped {
        y.push_str(
            "# The body is long: the draft stops at the first quotes and entities the format's\n",
        );
        y.push_str("# reader can take in one file.\n");
    }
    for r in repaired.iter().take(5) {
        y.push_str(&format!(
            "# left out because the loader refused it: {}\n",
            one_line(r)
        ));
    }
    y.push_str("format: 1.1\n");
    y.push_str(&format!("title: {}\n", quoted(title)));
    y.push_str(&format!("body_file: {}\n", quoted(body_file)));
    let ids = entity_ids(draft);
    if !draft.entities.is_empty() {
        y.push_str("entities:\n");
    }
    for (ent, id) in draft.entities.iter().zip(&ids) {
        y.push_str(&format!("  # {}: {}\n", ent.kind.as_str(), ent.why));
        y.push_str(&format!("  - id: {id}\n"));
        y.push_str(&format!("    name: {}\n", quoted(&ent.name)));
        y.push_str(&format!("    kind: {}\n", ent.kind.as_str()));
        if !ent.aliases.is_empty() {
            let list: Vec<String> = ent.aliases.iter().map(|a| quoted(a)).collect();
            y.push_str(&format!("    aliases: [{}]\n", list.join(", ")));
        }
    }
    if !quotes.is_empty() {
        y.push_str("quotes:\n");
    }
    for q in quotes {
        let p = q.proposal;
        y.push_str(&format!(
            "  # {} ({:.2})\n",
            one_line(&p.rule),
            p.confidence
        ));
        if p.scare {
            y.push_str("  - kind: scare\n");
        } else {
            y.push_str(&format!("  - speaker: {}\n", ids[p.speaker]));
            y.push_str(&format!("    kind: {}\n", p.kind.as_str()));
        }
        if let Some(cue) = &p.cue {
            y.push_str(&format!("    cue: {}\n", quoted(cue)));
        }
        if let Some(v) = p.via {
            y.push_str(&format!("    via: {}\n", ids[v]));
        }
        if let [one] = &q.texts[..] {
            y.push_str(&format!("    text: {}\n", quoted(one)));
        } else {
            y.push_str("    text:\n");
            for t in &q.texts {
                y.push_str(&format!("      - {}\n", quoted(t)));
            }
        }
        if let Some(n) = q.occurrence {
            y.push_str(&format!("    occurrence: {n}\n"));
        }
    }
    if !draft.set_aside.is_empty() {
        y.push_str("# Quoted titles, proposed as works rather than speech:\n");
        for s in draft.set_aside.iter().take(200) {
            y.push_str(&format!("#   {} ({})\n", quoted(&s.text), s.why));
        }
    }
    y
}

/// Entity ids from names: lowercase ASCII letters and digits joined by `-`, unique.
fn entity_ids(draft: &Draft) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for ent in &draft.entities {
        let mut id = String::new();
        for c in ent.name.chars() {
            let c = fold_latin(c);
            if c.is_ascii_alphanumeric() {
                id.push(c.to_ascii_lowercase());
            } else if !id.is_empty() && !id.ends_with('-') {
                id.push('-');
            }
        }
        while id.ends_with('-') {
            id.pop();
        }
        id.truncate(48);
        while id.ends_with('-') {
            id.pop();
        }
        if id.is_empty() {
            id = "entity".into();
        }
        let mut unique = id.clone();
        let mut n = 2;
        while !seen.insert(unique.clone()) {
            unique = format!("{id}-{n}");
            n += 1;
        }
        out.push(unique);
    }
    out
}

/// A Latin letter with an accent as its plain letter, for ids (`Léa` → `lea`).
fn fold_latin(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'À' | 'Á' | 'Â' | 'Ä' => 'a',
        'ç' | 'ć' | 'č' | 'Ç' | 'Č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'É' | 'È' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Í' => 'i',
        'ñ' | 'ń' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'Ö' | 'Ó' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'Ü' | 'Ú' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' | 'Š' => 's',
        'ž' | 'ź' | 'ż' | 'Ž' => 'z',
        'ł' | 'Ł' => 'l',
        'ß' => 's',
        other => other,
    }
}

/// A YAML double-quoted scalar holding exactly `s`: backslash, quote, every control character
/// and the characters YAML treats as line breaks or a byte-order mark are escaped, and so is
/// every character the display sanitiser would hide (bidi overrides, tags and the rest of the
/// invisible ones, but a joiner that joins): the draft reads back the same, and a person who
/// opens it in an editor or prints it sees `\u202e` where the body hid something.
pub fn quoted(s: &str) -> String {
    use crate::sanitize::{display_char_in, is_invisible};
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut prev = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let hidden = !c.is_ascii()
            && is_invisible(c)
            && display_char_in(prev, c, chars.peek().copied()).is_replaced();
        prev = Some(c);
        match c {
            c if hidden && (c as u32) > 0xffff => out.push_str(&format!("\\U{:08x}", c as u32)),
            c if hidden => out.push_str(&format!("\\u{:04x}", c as u32)),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if (0x80..0xa0).contains(&(c as u32))
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
                || matches!(c as u32, 0xfffe | 0xffff) =>
            {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a comment: on one line, no control characters.
fn one_line(s: &str) -> String {
    let q = quoted(s);
    q[1..q.len() - 1].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_scalars_read_back_as_written() {
        for s in [
            "plain",
            "say \"no\"",
            "a\\b",
            "tab\there",
            "nel\u{85}ls\u{2028}",
            "\u{1}\u{7f}",
            "# not a comment",
            "é 😀",
            "rtl\u{202e}txet\u{2066}",
            "tag\u{E0041}\u{34f}",
            "می\u{200c}خواهم 👨\u{200d}👩",
        ] {
            let y = format!("k: {}\n", quoted(s));
            let back: std::collections::HashMap<String, String> =
                crate::yaml::from_str(&y).unwrap();
            assert_eq!(back["k"], s, "{y}");
        }
    }

    #[test]
    fn hidden_characters_are_escaped_and_joiners_that_join_kept() {
        assert_eq!(quoted("a\u{202e}b"), "\"a\\u202eb\"");
        assert_eq!(quoted("t\u{E0041}"), "\"t\\U000e0041\"");
        // ZWNJ inside a Persian word joins; alone at the end it hides.
        assert_eq!(quoted("می\u{200c}خواهم"), "\"می\u{200c}خواهم\"");
        assert_eq!(quoted("x \u{200c}"), "\"x \\u200c\"");
    }
}

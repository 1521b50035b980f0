//! How the loader words what it reports: excerpts of passages, counts, suggestions.

use crate::body::Body;
use crate::fold::fold_pattern;
use crate::problem::did_you_mean;

/// A short excerpt for messages: about `max` chars, cut at a word, with "…" when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = shown(&fold_pattern(text));
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", cut.trim_end())
}

/// How many chars of body or text a message shows on either side of the point it is about.
const AROUND: usize = 30;

/// Text as a one-line message may show it: whitespace runs as one space, a paragraph break
/// (a blank line) as ` ¶ `, and characters that could move the cursor, reorder the line or
/// hide text as the display sanitiser shows them ([`crate::problem::inert`]).
pub fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut newlines = 0;
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            newlines += usize::from(c == '\n');
            continue;
        }
        if space {
            out.push_str(if newlines >= 2 { " ¶ " } else { " " });
            space = false;
            newlines = 0;
        }
        out.push(c);
    }
    if space && !out.is_empty() {
        out.push_str(if newlines >= 2 { " ¶ " } else { " " });
    }
    crate::problem::inert(&out)
}

/// `chars` around index `at`, with `▸` before the char at `at` and `…` where cut.
pub(super) fn marked(chars: &[char], at: usize) -> String {
    let from = at.saturating_sub(AROUND);
    let to = (at + AROUND).min(chars.len());
    let before: String = chars[from..at.min(chars.len())].iter().collect();
    let after: String = chars[at.min(chars.len())..to].iter().collect();
    format!(
        "{}{}▸{}{}",
        if from > 0 { "…" } else { "" },
        shown(&before),
        shown(&after),
        if to < chars.len() { "…" } else { "" }
    )
}

/// The body's own characters of the passage `[start, end)` with some context on either side,
/// `▸` at `differs`, cut to about `AROUND` chars either side of it.
pub(super) fn body_excerpt(body: &Body, start: usize, end: usize, differs: usize) -> String {
    let from = start.saturating_sub(10).max(differs.saturating_sub(AROUND));
    let to = (end + 10)
        .min(differs + AROUND)
        .min(body.len())
        .max(differs);
    format!(
        "{}{}▸{}{}",
        if from > 0 { "…" } else { "" },
        shown(body.slice(from, differs)),
        shown(body.slice(differs, to)).trim_end(),
        if to < body.len() { "…" } else { "" }
    )
}

/// The passage `[start, end)` of the body with a few words either side, for telling places
/// apart.
pub(super) fn context(body: &Body, start: usize, end: usize) -> String {
    const SIDE: usize = 20;
    let from = start.saturating_sub(SIDE);
    let to = (end + SIDE).min(body.len());
    format!(
        "{}{}{}",
        if from > 0 { "…" } else { "" },
        shown(body.slice(from, to)).trim(),
        if to < body.len() { "…" } else { "" }
    )
}

pub(super) fn times(n: usize) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

pub(super) fn unknown_value(what: &str, got: &str, known: &[&str]) -> String {
    let hint = did_you_mean(got, known.iter().copied())
        .map(|k| format!("did you mean `{k}`? "))
        .unwrap_or_default();
    format!(
        "unknown {what} `{got}`; {hint}use one of {}",
        known.join(", ")
    )
}

pub(super) fn suggest_id(id: &str) -> String {
    let mut out = String::new();
    for c in id.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "my-entity".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_and_suggested_ids() {
        assert_eq!(
            excerpt("We are recieving these criminals because", 24),
            "We are recieving these…"
        );
        assert_eq!(suggest_id("Bad Id"), "bad-id");
        assert_eq!(times(2), "twice");
        assert_eq!(shown("a\u{1b}[31m \n\n b\u{202e}"), "a␛[31m ¶ b¤");
        let chars: Vec<char> = "We stay. Trump said".chars().collect();
        assert_eq!(marked(&chars, 8), "We stay.▸ Trump said");
    }
}

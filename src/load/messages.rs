//! How the loader words what it reports: excerpts of passages, counts, suggestions.

use crate::fold::fold_pattern;
use crate::problem::did_you_mean;

/// A short excerpt for messages: about `max` chars, cut at a word, with "…" when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = fold_pattern(text);
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

/// Excerpts of a segment that was not found and of the closest passage, cut so that they show
/// where the two differ: from the start when that is near it, else from the word before the
/// first difference (a misspelling late in a long quote would not show in the first words).
pub(super) fn differing_excerpts(given: &str, closest: &str, max: usize) -> (String, String) {
    let a: Vec<char> = fold_pattern(given).chars().collect();
    let b: Vec<char> = fold_pattern(closest).chars().collect();
    let same = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if same + 4 < max {
        return (excerpt(given, max), excerpt(closest, max));
    }
    // `a` and `b` agree up to `same`, so one cut fits both.
    let mut from = same.saturating_sub(8);
    while from > 0 && a[from - 1] != ' ' {
        from -= 1;
    }
    if from == 0 {
        return (excerpt(given, max), excerpt(closest, max));
    }
    let cut = |v: &[char]| format!("…{}", excerpt(&v[from..].iter().collect::<String>(), max));
    (cut(&a), cut(&b))
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
    }
}

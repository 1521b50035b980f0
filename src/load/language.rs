//! The `language` key: a BCP 47 tag (RFC 5646), checked for its shape, with the fix for the
//! mistakes people make (`en_GB`, `English`).

/// Why `tag` is not a well-formed BCP 47 language tag, with the fix; `None` when it is.
pub(super) fn problem(tag: &str) -> Option<String> {
    if tag.contains('_') {
        let fixed = tag.replace('_', "-");
        if problem(&fixed).is_none() {
            return Some(format!(
                "`{tag}` is not a BCP 47 language tag: its parts are joined with `-`, as in `{fixed}`"
            ));
        }
    }
    let lower = tag.to_lowercase();
    let named = NAMES.iter().find(|(name, _)| *name == lower);
    if named.is_none() && well_formed(tag) {
        return None;
    }
    Some(match named {
        Some((_, code)) => {
            format!("`{tag}` is a language's name; give its BCP 47 tag instead: `language: {code}`")
        }
        None => format!(
            "`{tag}` is not a BCP 47 language tag; give one such as `en`, `en-GB`, `es`, `pt-BR` or `zh-Hant`"
        ),
    })
}

/// Language names people write instead of the tag, for the hint.
const NAMES: &[(&str, &str)] = &[
    ("english", "en"),
    ("spanish", "es"),
    ("español", "es"),
    ("french", "fr"),
    ("français", "fr"),
    ("german", "de"),
    ("deutsch", "de"),
    ("portuguese", "pt"),
    ("italian", "it"),
    ("dutch", "nl"),
    ("japanese", "ja"),
    ("chinese", "zh"),
    ("russian", "ru"),
    ("arabic", "ar"),
];

/// RFC 5646's `langtag` (and a whole private-use tag such as `x-klingon`), case-insensitively:
/// language (2–3 letters with up to three 3-letter extensions, or 5–8 letters), then optional
/// script (4 letters), region (2 letters or 3 digits), variants, extensions and private use.
fn well_formed(tag: &str) -> bool {
    let parts: Vec<&str> = tag.split('-').collect();
    let alpha = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic())
    };
    let alnum = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
    };
    if parts.iter().any(|p| p.is_empty()) {
        return false;
    }
    if parts[0].eq_ignore_ascii_case("x") {
        return parts.len() > 1 && parts[1..].iter().all(|p| alnum(p, 1, 8));
    }
    let mut i = 1;
    match parts[0].len() {
        2 | 3 if alpha(parts[0], 2, 3) => {
            let mut ext = 0;
            while ext < 3 && i < parts.len() && alpha(parts[i], 3, 3) {
                i += 1;
                ext += 1;
            }
        }
        5..=8 if alpha(parts[0], 5, 8) => {}
        _ => return false,
    }
    if i < parts.len() && alpha(parts[i], 4, 4) {
        i += 1;
    }
    if i < parts.len()
        && (alpha(parts[i], 2, 2)
            || parts[i].len() == 3 && parts[i].bytes().all(|b| b.is_ascii_digit()))
    {
        i += 1;
    }
    while i < parts.len()
        && (alnum(parts[i], 5, 8)
            || parts[i].len() == 4
                && parts[i].as_bytes()[0].is_ascii_digit()
                && alnum(parts[i], 4, 4))
    {
        i += 1;
    }
    while i < parts.len() && parts[i].len() == 1 && !parts[i].eq_ignore_ascii_case("x") {
        if !parts[i].as_bytes()[0].is_ascii_alphanumeric() {
            return false;
        }
        i += 1;
        let from = i;
        while i < parts.len() && alnum(parts[i], 2, 8) {
            i += 1;
        }
        if i == from {
            return false;
        }
    }
    if i < parts.len() && parts[i].eq_ignore_ascii_case("x") {
        i += 1;
        let from = i;
        while i < parts.len() && alnum(parts[i], 1, 8) {
            i += 1;
        }
        if i == from {
            return false;
        }
    }
    i == parts.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_tags() {
        for tag in [
            "en",
            "en-GB",
            "pt-BR",
            "zh-Hant",
            "zh-Hant-TW",
            "es-419",
            "sr-Latn-RS",
            "de-CH-1996",
            "en-US-x-twain",
            "x-klingon",
            "yue",
            "zh-yue-HK",
            "sl-rozaj-biske",
            "en-a-bbb-x-a-ccc",
        ] {
            assert_eq!(problem(tag), None, "{tag}");
        }
    }

    #[test]
    fn mistakes_get_the_fix() {
        assert_eq!(
            problem("en_GB").unwrap(),
            "`en_GB` is not a BCP 47 language tag: its parts are joined with `-`, as in `en-GB`"
        );
        assert_eq!(
            problem("English").unwrap(),
            "`English` is a language's name; give its BCP 47 tag instead: `language: en`"
        );
        for bad in [
            "e",
            "en-",
            "englishmen-GB",
            "en--GB",
            "en-GB-",
            "1234",
            "en-a",
            "en GB",
            "x",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }
}

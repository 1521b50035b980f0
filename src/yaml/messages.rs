//! What the YAML parser says, in the words of the annotation format and with the fix. The
//! parser writes for Rust programmers ("use from_str_multiple", "set ignore_binary_tag_for_string
//! in Options"); an annotator needs to hear which character is wrong and what to type instead.

use serde_saphyr::Error;

use super::{Pos, SyntaxError, pos_of};

/// The custom error the tree builder raises for a `!!binary` value.
pub(super) const BINARY: &str = "scholia: binary value";

const TAGS: &str = "tags are not used in annotation files; remove the tag, or put the whole value in quotes if the `!` is part of the text";

pub(super) fn syntax_error(err: &Error, src: &str) -> SyntaxError {
    let err = err.without_snippet();
    let pos = err.location().map(|l| pos_of(&l)).unwrap_or_default();
    let message = match err {
        Error::MultipleDocuments { .. } => {
            "a second document starts here (a `---` line); an annotation file holds one document: remove the `---` line, or move what follows it to a file of its own".into()
        }
        Error::RecursiveReferencesRequireWeakTypes { .. } => {
            "an anchor may not refer to itself: `*name` is used inside the value that `&name` marks; write that part out instead".into()
        }
        Error::UnsupportedTag { tag, .. } => format!("`{tag}`: {TAGS}"),
        Error::BinaryNotUtf8 { .. }
        | Error::InvalidBinaryBase64 { .. }
        | Error::TaggedScalarCannotDeserializeIntoString { .. } => format!("`!!binary`: {TAGS}"),
        Error::UnknownAnchor { .. } => {
            let name = written_at(src, pos).unwrap_or_default();
            let name = name.trim_start_matches('*');
            format!(
                "`*{name}` refers to no anchor; a `*` at the start of a value repeats a value marked `&{name}` above: put the value in quotes if the `*` is part of the text"
            )
        }
        Error::InvalidScalar { ty, .. } => {
            let got = written_at(src, pos).unwrap_or_default();
            format!("`{got}` is not {}", scalar_words(ty))
        }
        Error::DuplicateMappingKey { key: Some(key), .. } => {
            format!("`{key}` is given twice in one mapping; keep one of them")
        }
        Error::DuplicateMappingKey { key: None, .. } => {
            "a key is given twice in one mapping; keep one of them".into()
        }
        _ => {
            // serde-saphyr's Display starts with `error: line X column Y:`; without the
            // snippet it is the bare message with an ` at line X, column Y` suffix. The caller
            // prints the location in the spec's `path:line:col` form.
            let text = err.to_string();
            let first = text.lines().next().unwrap_or("invalid YAML").trim();
            return plain_words(&strip_location_suffix(first), src, pos);
        }
    };
    SyntaxError { pos, message }
}

fn scalar_words(ty: &str) -> &'static str {
    match ty {
        "u8" => "a whole number from 0 to 255",
        "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number from 0",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        "bool" => "`true` or `false`",
        "char" => "a single character",
        _ => "a value of the expected kind",
    }
}

/// The plain token written at `pos` (up to a space, comma or bracket), for naming it.
fn written_at(src: &str, pos: Pos) -> Option<String> {
    let line = src.lines().nth((pos.line as usize).checked_sub(1)?)?;
    let rest: String = line
        .chars()
        .skip((pos.col as usize).saturating_sub(1))
        .take_while(|c| !c.is_whitespace() && !",[]{}#".contains(*c))
        .take(40)
        .collect();
    (!rest.is_empty()).then_some(rest)
}

/// Where the quoted value that ends just before `pos` opened, and its quotation mark, when
/// that is on an earlier line.
fn runaway_quote(src: &str, pos: Pos) -> Option<(Pos, char)> {
    let line_start: usize = src
        .split_inclusive('\n')
        .take((pos.line as usize).checked_sub(1)?)
        .map(str::len)
        .sum();
    let at = line_start
        + src[line_start..]
            .char_indices()
            .nth((pos.col as usize).checked_sub(1)?)?
            .0;
    let before = src[..at].trim_end_matches([' ', '\t']);
    let mark = before
        .chars()
        .next_back()
        .filter(|c| matches!(c, '"' | '\''))?;
    let inner = &before[..before.len() - 1];
    // Back to the mark that opened it: for `"…"` one not escaped by a backslash, for `'…'`
    // one not doubled.
    let mut open = None;
    let mut rest = inner;
    while let Some(i) = rest.rfind(mark) {
        let preceding = &rest[..i];
        if mark == '"' {
            let slashes = preceding.len() - preceding.trim_end_matches('\\').len();
            if slashes.is_multiple_of(2) {
                open = Some(i);
                break;
            }
        } else if let Some(doubled) = preceding.strip_suffix('\'') {
            rest = doubled;
            continue;
        } else {
            open = Some(i);
            break;
        }
        rest = preceding;
    }
    let open = open?;
    let line = inner[..open].matches('\n').count() + 1;
    let col = inner[..open]
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .chars()
        .count()
        + 1;
    (line < pos.line as usize).then_some((Pos::new(line as u32, col as u32), mark))
}

/// The first tab from the start of line `pos.line` on.
fn tab_from(src: &str, pos: Pos) -> Option<Pos> {
    let first = (pos.line as usize).max(1) - 1;
    src.lines().enumerate().skip(first).find_map(|(i, line)| {
        let col = line.chars().position(|c| c == '\t')?;
        Some(Pos::new(
            u32::try_from(i + 1).ok()?,
            u32::try_from(col + 1).ok()?,
        ))
    })
}

/// Rewords the scanner's and parser's messages, which come as text, and points at what to fix
/// where the parser stopped elsewhere: at the tab, at the key, at the quotation mark left open.
fn plain_words(message: &str, src: &str, pos: Pos) -> SyntaxError {
    let line = src
        .lines()
        .nth((pos.line as usize).saturating_sub(1))
        .unwrap_or("");
    let (pos, message) = match message {
        "mapping values are not allowed in this context" => colon_in_value(line, pos),
        "invalid trailing content after double-quoted scalar"
        | "invalid trailing content after single-quoted scalar" => match runaway_quote(src, pos) {
            // A quoted value left open runs on, lines down, to the next quotation mark, and the
            // parser complains there; the fix is where it opened.
            Some((open, mark)) => {
                let inside = if mark == '"' {
                    "inside `\"…\"` write a `\"` of the text as `\\\"`"
                } else {
                    "inside `'…'` write a `'` of the text as `''`"
                };
                (
                    open,
                    format!(
                        "this quoted value is not closed on its line: it runs on to line {}, where the text goes on after a quotation mark; add the closing `{mark}` ({inside})",
                        pos.line
                    ),
                )
            }
            None => (pos, "text goes on after the closing quotation mark; if the value holds both `\"` and `'`, write it as a block (`key: |` with the text on the next line, indented), or inside `\"…\"` write each `\"` of the text as `\\\"`".into()),
        },
        // The scanner finds a tab only when it reads on, and reports where it was: often the
        // line above. The tab itself is what to point at.
        "while scanning a plain scalar, found a tab"
        | "found a tab character that violates indentation"
        | "tabs disallowed within this context (block indentation)" => (
            tab_from(src, pos).unwrap_or(pos),
            "a tab character here; YAML indents with spaces only: replace the tab with spaces"
                .into(),
        ),
        other => (pos, words(other)),
    };
    SyntaxError { pos, message }
}

/// The parser's other messages in the format's words.
fn words(message: &str) -> String {
    if message.starts_with(BINARY) {
        return format!("`!!binary`: {TAGS}");
    }
    if let Some(rest) = message.strip_prefix("budget breached: ") {
        // `Nodes { nodes: 250001 } at line 3, column 34 (defined at …)`: keep the limit's name.
        let limit = rest.split([' ', '{', '(']).next().unwrap_or_default();
        return format!(
            "the file is too large, too deeply nested or expands too many aliases to read (over the `{limit}` limit)"
        );
    }
    match message {
        "recursion limit exceeded" => "lists or mappings are nested too deeply to read".into(),
        "unclosed quote" => "this quoted value is never closed: add the closing quotation mark (inside `\"…\"` write a `\"` of the text as `\\\"`; inside `'…'` write a `'` as `''`)".into(),
        "illegal placement of ':' indicator" => {
            "a `:` out of place: a `[` or `{` before it is not closed, or a value holding `: ` needs quotes; close the bracket or put the value in quotes".into()
        }
        "misplaced bracket" => {
            "a `]` or `}` that closes nothing; remove it, or put the value in quotes if it is part of the text".into()
        }
        "simple key expected ':'" | "could not find expected ':'" => {
            "expected `key: value` on this line; if it continues the text of a `key: |` above, indent it like the lines before it".into()
        }
        "while parsing a block collection, did not find expected '-' indicator"
        | "while parsing a block mapping, did not find expected key" => {
            "this line does not line up: list items (`- `) and keys (`key:`) at one indentation cannot be mixed; indent the list under its key, and keys of one mapping at the same column".into()
        }
        "missing explicit document end marker before directive" => {
            "a `%` at the start of a line begins a YAML directive; indent the line, or put the value in quotes".into()
        }
        "unexpected end of input" | "unexpected end of file" => {
            "the file ends in the middle of a value; close the open bracket or quotation mark".into()
        }
        _ => {
            if let Some(ch) = message.strip_prefix("unexpected character: ") {
                let ch = ch.trim_matches(['`', '\'']);
                return format!(
                    "`{ch}` cannot begin a value written without quotes; put the value in quotes"
                );
            }
            if let Some(bracket) = message.strip_prefix("unclosed bracket ") {
                let open = bracket.trim_matches('\'');
                let close = if open == "{" { "}" } else { "]" };
                return format!(
                    "this `{open}` is never closed; add the `{close}` where the list or mapping ends, or put the value in quotes if the bracket is part of the text"
                );
            }
            message.to_string()
        }
    }
}

/// "mapping values are not allowed": a `: ` inside an unquoted value, or a key indented under a
/// key that already has a value. The parser stops at the colon; the line tells which. For the
/// key, whose indentation is wrong, the key is what to point at.
fn colon_in_value(line: &str, pos: Pos) -> (Pos, String) {
    let col = pos.col as usize;
    let indent = line.chars().take_while(|c| *c == ' ').count();
    let first_colon = line.find(": ").map(|i| line[..i].chars().count() + 1);
    if first_colon == Some(col) || first_colon.is_none() && indent > 0 {
        let key = u32::try_from(indent + 1).map_or(pos, |c| Pos::new(pos.line, c));
        return (
            key,
            "this key is indented under a key that already has a value; keys of one mapping start at the same column".into(),
        );
    }
    // Suggest the line's value in quotes, as the user would type it.
    let Some((key, value)) = line.split_once(": ") else {
        return (
            pos,
            "a `: ` inside a value written without quotes; put the value in quotes".into(),
        );
    };
    let value = value.trim();
    let quoted = if value.contains('"') && !value.contains('\'') {
        format!("'{value}'")
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    };
    let message = format!(
        "a `: ` inside a value written without quotes starts a new key; put the value in quotes: `{}: {quoted}`",
        key.trim()
    );
    (pos, message)
}

/// serde-saphyr ends many messages with " at line X column Y"; we print locations ourselves.
fn strip_location_suffix(message: &str) -> String {
    let cut = message
        .rfind(" at line ")
        .filter(|&i| message[i..].contains("column"))
        .unwrap_or(message.len());
    message[..cut].trim_end_matches([',', ':', ' ']).to_string()
}

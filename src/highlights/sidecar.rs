//! Reading and writing the sidecar file (its layout is on the [module](super)).

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{COLOURS, HEADER, Highlight};
use crate::problem::Problem;
use crate::safe_fs::{self, IoError};
use crate::yaml::{self, Node, Pos, Value};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SidecarIn {
    #[serde(default)]
    format: Option<i64>,
    #[serde(default)]
    highlights: Option<Vec<Highlight>>,
}

#[derive(Serialize)]
struct SidecarOut<'a> {
    format: u32,
    highlights: &'a [Highlight],
}

/// The largest sidecar read or written: the same as any other file the reader reads.
pub const MAX_SIDECAR_BYTES: u64 = crate::load::MAX_FILE_BYTES;

/// The highlights in a sidecar file, in file order. A missing file holds none; a file that
/// cannot be read whole (or is not a regular file) is one located [`Problem`].
pub fn read(path: &Path) -> Result<Vec<Highlight>, Problem> {
    match read_text(path) {
        Ok(None) => Ok(Vec::new()),
        Ok(Some(src)) => parse(path, &src),
        Err(e) => Err(Problem::error(path, None, e.to_string())),
    }
}

/// The file's text; `None` when there is no file. A FIFO, device or folder is refused without
/// being read from, and so is a file over [`MAX_SIDECAR_BYTES`].
pub(super) fn read_text(path: &Path) -> Result<Option<String>, IoError> {
    safe_fs::check_beside(path)?;
    let Some(bytes) = safe_fs::read_regular(path, MAX_SIDECAR_BYTES)? else {
        return Ok(None);
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| IoError::NotUtf8(e.utf8_error().valid_up_to()))
}

/// Parses sidecar text; `path` only names the file in problems.
pub fn parse(path: &Path, src: &str) -> Result<Vec<Highlight>, Problem> {
    let blank = src
        .trim_start_matches('\u{feff}')
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if blank {
        return Ok(Vec::new());
    }
    let file: SidecarIn = yaml::from_str(src).map_err(|e| {
        let pos = e.pos.is_known().then_some(e.pos);
        Problem::error(path, pos, plain_message(&e.message))
    })?;
    if let Some(format) = file.format.filter(|&f| f != 1) {
        let pos = yaml::parse(src).ok().and_then(|root| {
            let node = entry(&root, "format")?;
            Some(node.pos)
        });
        return Err(Problem::error(
            path,
            pos,
            format!("unsupported `format: {format}`; this version of scholia reads format 1"),
        ));
    }
    let list = file.highlights.unwrap_or_default();
    check_records(path, src, &list)?;
    Ok(list)
}

/// serde-saphyr's message without the `error: line L column C: ` it starts with (a problem
/// prints its location itself), and in the reader's words where they are the parser's.
fn plain_message(message: &str) -> String {
    let mut m = message.trim();
    m = m.strip_prefix("error:").unwrap_or(m).trim_start();
    if let Some(rest) = m.strip_prefix("line ")
        && let Some((_, after)) = rest.split_once(": ")
        && rest.contains(" column ")
    {
        m = after;
    }
    match m {
        "expected mapping start" => {
            "expected a mapping here (the file holds `format: 1` and `highlights:`, a list of \
             mappings)"
                .into()
        }
        "expected sequence start" => "expected a list of highlights here".into(),
        "invalid u64" => "expected a whole number from 0".into(),
        _ => m.to_string(),
    }
}

/// Checks what serde cannot: ids present and unique, colours in range, `start <= end`.
fn check_records(path: &Path, src: &str, list: &[Highlight]) -> Result<(), Problem> {
    let at = |i: usize, key: &str| record_pos(src, i, key);
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, h) in list.iter().enumerate() {
        if h.id.trim().is_empty() {
            return Err(Problem::error(
                path,
                at(i, "id"),
                "highlight with an empty `id`; give it one that no other highlight has",
            ));
        }
        if let Some(&j) = first.get(h.id.as_str()) {
            let line = at(j, "id").map_or(String::new(), |p| format!(" (line {})", p.line));
            return Err(Problem::error(
                path,
                at(i, "id"),
                format!(
                    "highlight id `{}` is used twice{line}; give each highlight its own id",
                    h.id
                ),
            ));
        }
        first.insert(&h.id, i);
        if let Some(c) = h.colour.filter(|c| !COLOURS.contains(c)) {
            return Err(Problem::error(
                path,
                at(i, "colour"),
                format!("`colour` must be 1, 2, 3 or 4, not {c}"),
            ));
        }
        if h.start > h.end {
            return Err(Problem::error(
                path,
                at(i, "start"),
                format!("`start` ({}) is after `end` ({})", h.start, h.end),
            ));
        }
    }
    Ok(())
}

/// Where key `key` of the `index`-th highlight stands, for problems serde cannot locate.
fn record_pos(src: &str, index: usize, key: &str) -> Option<Pos> {
    let root = yaml::parse(src).ok()?;
    let Value::Seq(items) = &entry(&root, "highlights")?.value else {
        return None;
    };
    let item = items.get(index)?;
    Some(entry(item, key).map_or(item.pos, |n| n.pos))
}

/// The value of `key` in a mapping node.
fn entry<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    let Value::Map(entries) = &node.value else {
        return None;
    };
    entries
        .iter()
        .find(|(k, _)| k.as_text().as_deref() == Some(key))
        .map(|(_, v)| v)
}

/// The sidecar text for `list` (which should be in reading order). Refused when the reader
/// could not read it back (too large, or past the YAML reader's limits), so that a save never
/// writes a file that would then lock its owner out of their own highlights.
pub fn to_text(list: &[Highlight]) -> Result<String, String> {
    let body = yaml::to_string(&SidecarOut {
        format: 1,
        highlights: list,
    })?;
    let text = format!("{HEADER}{body}");
    if text.len() as u64 > MAX_SIDECAR_BYTES {
        return Err(format!(
            "{} highlights take {} bytes, over the sidecar limit of {}; remove some first",
            list.len(),
            text.len(),
            safe_fs::show_limit(MAX_SIDECAR_BYTES)
        ));
    }
    if let Err(p) = parse(Path::new("sidecar"), &text) {
        return Err(format!(
            "{} highlights would make a file the reader cannot read back ({}); remove some \
             first",
            list.len(),
            p.message
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::super::{CONTEXT_CHARS, Store};
    use super::super::{new_id, rfc3339};
    use super::*;
    use std::time::SystemTime;

    // --- the sidecar --------------------------------------------------------------------------

    #[test]
    fn sidecar_round_trip_keeps_every_field() {
        let b = body(TEXT);
        let mut a = mark(&b, "the harbour");
        a.note = Some("no\nyes: 007 # not a comment\n  indented  ".into());
        a.colour = Some(3);
        a.quote = Some("q1".into());
        let mut c = mark(&b, "Critics");
        c.orphaned = true;
        c.prefix = " 'quoted' \"double\" ".into();
        let list = vec![a, c];
        let text = to_text(&list).unwrap();
        assert!(text.starts_with(HEADER));
        assert!(text.contains("format: 1\n"));
        assert_eq!(parse(Path::new("s"), &text).unwrap(), list);
    }

    #[test]
    fn the_documented_example_reads() {
        let src = "# scholia highlights — written by the reader; safe to edit by hand\n\
                   format: 1\nhighlights:\n- id: hmg3k2x1a-1b4-0\n  start: 120\n  end: 152\n  \
                   text: We are receiving these criminals\n  \
                   prefix: \"The ministry's statement read: “\"\n  \
                   suffix: .” The prison was built for 40,0\n  quote: q3\n  note: |-\n    \
                   check the date\n    against the court filing\n  \
                   created: \"2026-04-14T10:22:03Z\"\n  colour: 2\n";
        let list = parse(Path::new("s"), src).unwrap();
        assert_eq!(list.len(), 1);
        let h = &list[0];
        assert_eq!(h.end - h.start, h.text.chars().count());
        assert_eq!(h.suffix.chars().count(), CONTEXT_CHARS);
        assert_eq!(
            h.note.as_deref(),
            Some("check the date\nagainst the court filing")
        );
        assert_eq!((h.colour, h.orphaned), (Some(2), false));
        assert_eq!(to_text(&list).unwrap(), src);
    }

    #[test]
    fn optional_keys_are_written_only_when_set() {
        let b = body(TEXT);
        let h = mark(&b, "harbour");
        let text = to_text(std::slice::from_ref(&h)).unwrap();
        for absent in ["quote:", "note:", "colour:", "orphaned:"] {
            assert!(!text.contains(absent), "{absent} in {text}");
        }
        for present in [
            "id:", "start:", "end:", "text:", "prefix:", "suffix:", "created:",
        ] {
            assert!(text.contains(present), "{present} missing in {text}");
        }
    }

    #[test]
    fn empty_and_missing_files_hold_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read(&dir.path().join("none.yaml")).unwrap().is_empty());
        assert!(parse(Path::new("s"), "").unwrap().is_empty());
        assert!(
            parse(Path::new("s"), "# just a comment\n\n")
                .unwrap()
                .is_empty()
        );
        assert!(parse(Path::new("s"), "format: 1\n").unwrap().is_empty());
        assert!(parse(Path::new("s"), "highlights:\n").unwrap().is_empty());
        assert!(to_text(&[]).is_ok_and(|t| parse(Path::new("s"), &t).unwrap().is_empty()));
    }

    #[test]
    fn a_broken_sidecar_is_a_located_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.highlights.yaml");
        std::fs::write(
            &path,
            "format: 1\nhighlights:\n  - id: a\n    start: [1\n    end: 3\n",
        )
        .unwrap();
        let (store, problem) = Store::load(&path, &body(TEXT));
        let problem = problem.unwrap();
        assert!(store.list().is_empty());
        assert!(problem.is_error());
        let pos = problem.pos.unwrap();
        assert!(pos.line >= 4, "{problem}");
        assert!(problem.to_string().starts_with(&path.display().to_string()));
    }

    #[test]
    fn problems_serde_cannot_see_are_located_too() {
        let rec = |id: &str, extra: &str| {
            format!("  - id: {id}\n    start: 1\n    end: 2\n    text: h\n    created: x\n{extra}")
        };
        let cases = [
            (
                format!("highlights:\n{}{}", rec("a", ""), rec("a", "")),
                "used twice (line 2)",
                7,
            ),
            (
                format!("highlights:\n{}", rec("a", "    colour: 7\n")),
                "`colour` must be 1, 2, 3 or 4, not 7",
                7,
            ),
            (
                format!("highlights:\n{}", rec("a", "    notes: x\n")),
                "notes",
                7,
            ),
            ("format: 2\nhighlights: []\n".to_string(), "format: 2", 1),
            (format!("highlights:\n{}", rec("''", "")), "empty `id`", 2),
        ];
        for (src, says, line) in cases {
            let p = parse(Path::new("s.yaml"), &src).unwrap_err();
            assert!(p.message.contains(says), "{p} for\n{src}");
            assert_eq!(p.pos.map(|p| p.line), Some(line), "{p} for\n{src}");
        }
        let swapped = "highlights:\n  - {id: a, start: 5, end: 2, text: h, created: x}\n";
        let p = parse(Path::new("s.yaml"), swapped).unwrap_err();
        assert!(p.message.contains("after `end`"), "{p}");
        let p = parse(Path::new("s.yaml"), "highlights: [{id: a}]\n").unwrap_err();
        assert_eq!(p.to_string(), "s.yaml:1:15: error: missing field `start`");
        let p = parse(Path::new("s.yaml"), "- a\n").unwrap_err();
        assert!(p.message.starts_with("expected a mapping here"), "{p}");
        let p = parse(Path::new("s.yaml"), "highlights:\n  - {id: a, start: -1}\n").unwrap_err();
        assert!(p.message.ends_with("a whole number from 0"), "{p}");
    }

    #[test]
    fn a_file_that_is_not_utf8_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.yaml");
        std::fs::write(&path, b"highlights: [\xff]\n").unwrap();
        let p = read(&path).unwrap_err();
        assert!(p.message.contains("UTF-8 at byte 13"), "{p}");
    }

    proptest::proptest! {
        #[test]
        fn any_text_round_trips(
            text in "\\PC{0,40}",
            note in proptest::option::of("[ -~\\n\\t\u{a0}-\u{2fff}]{0,60}"),
            prefix in proptest::sample::select(vec![
                "", "no", "yes", "~", "null", "007", "1e3", "- x", ": y", "#z", "'", "\"",
                " lead", "trail ", "a\nb", "\t", "[x]", "{y}", "*a", "&b", "!c", "%d", "@e",
                "`f", "|", ">", "? q", "true", "0x1F", ".inf", "---", "...", "a\r\nb", "\u{7}",
                "\u{85}", "\u{2028}", "\u{feff}x", "x\u{0}y", "\u{1b}[31m", "a  \n  b  ",
            ]),
        ) {
            let h = Highlight {
                id: new_id(),
                start: 1,
                end: 2,
                text: text.clone(),
                prefix: prefix.to_string(),
                suffix: text,
                quote: Some(prefix.to_string()),
                note,
                created: rfc3339(SystemTime::now()),
                colour: Some(1),
                orphaned: false,
            };
            let list = vec![h];
            let src = to_text(&list).unwrap();
            let back = parse(Path::new("s"), &src);
            proptest::prop_assert_eq!(back, Ok(list), "{}", src);
        }
    }
}

//! The one door to YAML. Everything that reads or writes YAML goes through here, so the choice of
//! parser (serde-saphyr, see the README's "Dependencies") is made in one place.
//!
//! Annotation files are read into a small located tree ([`Node`]) rather than straight into typed
//! structs: that way the loader can report *every* problem of a file with its line and column,
//! instead of stopping at the first field serde could not fit.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

mod messages;
mod plain;

use messages::syntax_error;

/// A 1-based line and column in a YAML file; `0:0` when the parser could not tell.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub fn new(line: u32, col: u32) -> Self {
        Self { line, col }
    }

    pub fn is_known(self) -> bool {
        self.line > 0
    }
}

/// A YAML value with where it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
    /// For a scalar YAML read as a number or a boolean, its characters as written in the file:
    /// `1.50` is the number 1.5 but the text "1.50", and `0x1F` is 31 but the text "0x1F".
    pub raw: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// What kind of value this is, in the words an error message uses.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "a number",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

impl Node {
    /// The value as text when it is a scalar: YAML reads `title: 1984` as a number, but a title
    /// is text all the same.
    pub fn as_text(&self) -> Option<String> {
        if let Some(raw) = &self.raw {
            return Some(raw.clone());
        }
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// A YAML file that could not be parsed at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

pub(crate) fn pos_of(location: &serde_saphyr::Location) -> Pos {
    let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    Pos::new(clamp(location.line()), clamp(location.column()))
}

/// How deeply lists and mappings may nest. An annotation file needs five levels; each level
/// costs the recursive deserializer tens of KiB of stack in a debug build, and the parser's own
/// default (64) overflowed the 2 MiB stack of a spawned thread (or a test) at about 50.
const MAX_DEPTH: usize = 24;

/// Parses one YAML document into a located tree. Alias bombs, deep nesting and huge node counts
/// are refused by serde-saphyr's budget before they cost memory or stack. An ordinary document
/// is read the quick way (`plain`), with the same result.
pub fn parse(src: &str) -> Result<Node, SyntaxError> {
    match plain::parse(src) {
        Some(node) => Ok(node),
        None => parse_with_serde(src),
    }
}

/// [`parse`] through serde-saphyr, which decides what every document means.
fn parse_with_serde(src: &str) -> Result<Node, SyntaxError> {
    // YAML 1.1 reads `no`, `yes`, `on` and `off` as booleans and `007` as 7; a quote that says
    // "no" must stay "no", so only YAML 1.2's spellings are booleans and numbers.
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! { max_depth: MAX_DEPTH },
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        // Tags (`!foo`, `!!binary`) mean nothing in an annotation file; refusing them keeps a
        // value from being silently read as something other than what it looks like.
        reject_unsupported_tags: true,
    };
    let raw: serde_saphyr::Spanned<Raw> =
        serde_saphyr::from_str_with_options(src, options).map_err(|e| syntax_error(&e, src))?;
    Ok(Node::from_raw(raw, src))
}

/// Deserializes typed data (used for files we write ourselves, such as the highlights sidecar).
pub fn from_str<T: serde::de::DeserializeOwned>(src: &str) -> Result<T, SyntaxError> {
    serde_saphyr::from_str(src).map_err(|e| syntax_error(&e, src))
}

/// Serializes typed data to YAML text.
pub fn to_string<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_saphyr::to_string(value).map_err(|e| e.to_string())
}

/// The parser-facing twin of [`Value`], whose children carry serde-saphyr's spans.
enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<serde_saphyr::Spanned<Raw>>),
    Map(Vec<(serde_saphyr::Spanned<Raw>, serde_saphyr::Spanned<Raw>)>),
}

impl Node {
    fn from_raw(spanned: serde_saphyr::Spanned<Raw>, src: &str) -> Self {
        let pos = pos_of(&spanned.referenced);
        let scalar = matches!(spanned.value, Raw::Bool(_) | Raw::Int(_) | Raw::Float(_));
        // An alias (`*a`) is written where it is used but its characters are where it was defined.
        let raw = scalar.then(|| written(&spanned.defined, src)).flatten();
        let value = match spanned.value {
            Raw::Null => Value::Null,
            Raw::Bool(b) => Value::Bool(b),
            Raw::Int(i) => Value::Int(i),
            Raw::Float(f) => Value::Float(f),
            Raw::Str(s) => Value::Str(s),
            Raw::Seq(items) => Value::Seq(
                items
                    .into_iter()
                    .map(|item| Node::from_raw(item, src))
                    .collect(),
            ),
            Raw::Map(entries) => Value::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (Node::from_raw(k, src), Node::from_raw(v, src)))
                    .collect(),
            ),
        };
        Node { pos, value, raw }
    }
}

/// The source characters of a plain scalar at `location`, when the parser knows its bytes.
fn written(location: &serde_saphyr::Location, src: &str) -> Option<String> {
    let span = location.span();
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let len = usize::try_from(span.byte_len()?).ok()?;
    written_text(src, start, len)
}

/// The `len` bytes of `src` from `start`, when they are one plain token (a number or boolean).
fn written_text(src: &str, start: usize, len: usize) -> Option<String> {
    let text = src.get(start..start.checked_add(len)?)?.trim();
    // A number or boolean is one plain token; anything else means the span is not the scalar's.
    (!text.is_empty()
        && !text.contains(|c: char| c.is_whitespace() || ",:[]{}#&*!|>'\"%@`".contains(c)))
    .then(|| text.to_string())
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Raw, E> {
        // Only a `!!binary` value arrives as bytes; the message layer words this for the user.
        Err(E::custom(messages::BINARY))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Raw::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_keys(node: &Node) -> Vec<(String, Pos)> {
        match &node.value {
            Value::Map(entries) => entries
                .iter()
                .map(|(k, _)| (k.as_text().unwrap_or_default(), k.pos))
                .collect(),
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn keeps_positions_of_keys_and_values() {
        let node = parse("title: Hi\nquotes:\n  - speaker: a\n    text: x\n").unwrap();
        let keys = map_keys(&node);
        assert_eq!(keys[0], ("title".into(), Pos::new(1, 1)));
        assert_eq!(keys[1], ("quotes".into(), Pos::new(2, 1)));
        let Value::Map(entries) = &node.value else {
            unreachable!()
        };
        let Value::Seq(quotes) = &entries[1].1.value else {
            panic!()
        };
        let inner = map_keys(&quotes[0]);
        assert_eq!(inner[1], ("text".into(), Pos::new(4, 5)));
    }

    #[test]
    fn numbers_read_as_text_where_text_is_wanted() {
        let node = parse("title: 1984\n").unwrap();
        let Value::Map(entries) = &node.value else {
            panic!()
        };
        assert_eq!(entries[0].1.as_text().as_deref(), Some("1984"));
    }

    #[test]
    fn scalars_are_taken_as_written() {
        let node = parse(
            "a: 1.50\nb: 0x1F\nc: 3.10\nd: True\ne: 1e3\nf: &x 2.50\ng: *x\nh: [0o17, -0.0, .5]\ni: {k: 10.0}\n",
        )
        .unwrap();
        let Value::Map(entries) = &node.value else {
            panic!()
        };
        let texts: Vec<_> = entries.iter().map(|(_, v)| v.as_text()).collect();
        assert_eq!(
            texts[..7],
            [
                Some("1.50".into()),
                Some("0x1F".into()),
                Some("3.10".into()),
                Some("True".into()),
                Some("1e3".into()),
                Some("2.50".into()),
                Some("2.50".into())
            ]
        );
        assert_eq!(entries[1].1.value, Value::Int(31));
        let Value::Seq(items) = &entries[7].1.value else {
            panic!()
        };
        let items: Vec<_> = items.iter().map(|n| n.as_text().unwrap()).collect();
        assert_eq!(items, ["0o17", "-0.0", ".5"]);
        let Value::Map(inner) = &entries[8].1.value else {
            panic!()
        };
        assert_eq!(inner[0].1.as_text().as_deref(), Some("10.0"));
        // Quoted, every scalar is a string already: its characters, not its number.
        let node = parse("a: \"1.50\"\nb: '0x1F'\nc: \"true\"\n").unwrap();
        let Value::Map(entries) = &node.value else {
            panic!()
        };
        let texts: Vec<_> = entries.iter().map(|(_, v)| v.as_text().unwrap()).collect();
        assert_eq!(texts, ["1.50", "0x1F", "true"]);
        assert!(entries.iter().all(|(_, v)| v.raw.is_none()));
    }

    #[test]
    fn yes_and_no_stay_words() {
        let node = parse("a: no\nb: yes\nc: 007\nd: true\n").unwrap();
        let Value::Map(entries) = &node.value else {
            panic!()
        };
        let texts: Vec<_> = entries.iter().map(|(_, v)| v.as_text().unwrap()).collect();
        assert_eq!(texts, ["no", "yes", "007", "true"]);
        assert_eq!(entries[3].1.value, Value::Bool(true));
    }

    #[test]
    fn syntax_errors_are_located() {
        let err = parse("title: [unclosed\nbody: x\n").unwrap_err();
        assert!(err.pos.is_known(), "{err:?}");
    }

    #[test]
    fn syntax_messages_carry_no_location_or_parser_jargon() {
        let err = parse("title: T\nbody: [unclosed\nquotes: x\n").unwrap_err();
        assert!(
            err.message
                .starts_with("a `:` out of place: a `[` or `{` before it is not closed"),
            "{err:?}"
        );
        let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..8 {
            let list = vec![format!("*a{}", i - 1); 10].join(", ");
            src.push_str(&format!("a{i}: &a{i} [{list}]\n"));
        }
        let err = parse(&src).unwrap_err();
        assert_eq!(
            err.message,
            "the file is too large, too deeply nested or expands too many aliases to read (over the `Nodes` limit)"
        );
    }

    /// Every message the YAML layer rewrites, from a file that provokes it: in the format's
    /// words, with the fix, and none of the parser's own.
    #[test]
    fn every_rewritten_yaml_message() {
        let cases: &[(&str, (u32, u32), &str)] = &[
            (
                "title: T\nbody: x\n---\ntitle: U\n",
                (4, 1),
                "a second document starts here (a `---` line); an annotation file holds one document",
            ),
            (
                "title: &a [*a]\nbody: x\n",
                (1, 12),
                "an anchor may not refer to itself",
            ),
            (
                "title: !foo T\n",
                (1, 13),
                "`!foo`: tags are not used in annotation files; remove the tag, or put the whole value in quotes",
            ),
            (
                "title: !!binary //79\n",
                (1, 17),
                "`!!binary`: tags are not used",
            ),
            (
                "title: *nope\n",
                (1, 8),
                "`*nope` refers to no anchor; a `*` at the start of a value repeats a value marked `&nope` above",
            ),
            (
                "title: a\ntitle: b\n",
                (2, 1),
                "`title` is given twice in one mapping; keep one of them",
            ),
            (
                "title: Tax: a plan\n",
                (1, 11),
                "a `: ` inside a value written without quotes starts a new key; put the value in quotes: `title: \"Tax: a plan\"`",
            ),
            (
                "- text: He said \"no: never\" today\n",
                (1, 20),
                "put the value in quotes: `- text: 'He said \"no: never\" today'`",
            ),
            (
                "title: T\n  body: x\n",
                (2, 3),
                "this key is indented under a key that already has a value",
            ),
            (
                "title: \"a\nbody: x\n",
                (1, 8),
                "this quoted value is never closed: add the closing quotation mark (inside `\"…\"` write a `\"` of the text as `\\\"`",
            ),
            (
                "title: \"it's \"fine\"\"\n",
                (1, 15),
                "text goes on after the closing quotation mark; if the value holds both `\"` and `'`, write it as a block",
            ),
            (
                "title: T\nquotes:\n  - text: \"You cant land crab\n  - text: \"Another\"\n",
                (3, 11),
                "this quoted value is not closed on its line: it runs on to line 4, where the text goes on after a quotation mark; add the closing `\"`",
            ),
            (
                "title: T\nquotes:\n  - text: 'it''s open\n  - text: 'Another'\n",
                (3, 11),
                "this quoted value is not closed on its line: it runs on to line 4, where the text goes on after a quotation mark; add the closing `'` (inside `'…'` write a `'` of the text as `''`)",
            ),
            (
                "title: T\nbody: x\n\tentities: []\n",
                (3, 1),
                "a tab character here; YAML indents with spaces only",
            ),
            (
                "title: T\nentities:\n  - id: a\n    name: A\n\t- id: b\n",
                (5, 1),
                "a tab character here; YAML indents with spaces only",
            ),
            (
                "title: T\nentities:\n  - id: a\n    \tkind: person\n",
                (4, 5),
                "a tab character here; YAML indents with spaces only",
            ),
            ("title: [a, b\nbody: x\n", (2, 5), "a `:` out of place"),
            ("title: [a]]\n", (1, 11), "a `]` or `}` that closes nothing"),
            (
                "title: T\nbody: |\nx\n",
                (3, 1),
                "expected `key: value` on this line; if it continues the text of a `key: |` above, indent it",
            ),
            (
                "- a\ntitle: T\n",
                (2, 1),
                "list items (`- `) and keys (`key:`) at one indentation cannot be mixed",
            ),
            (
                "title: T\nbody: x\n%YAML 1.2\n",
                (3, 1),
                "a `%` at the start of a line begins a YAML directive",
            ),
            (
                "title: @at\n",
                (1, 8),
                "`@` cannot begin a value written without quotes; put the value in quotes",
            ),
            (
                "{title: T, body: x",
                (1, 1),
                "this `{` is never closed; add the `}`",
            ),
        ];
        for (src, (line, col), want) in cases {
            let err = parse(src).unwrap_err();
            assert!(err.message.contains(want), "{src:?}: {err:?}");
            assert_eq!(err.pos, Pos::new(*line, *col), "{src:?}: {err:?}");
            for jargon in [
                "from_str",
                "Options",
                "weak recursion",
                "scalar",
                "indicator",
                "mapping values",
            ] {
                assert!(!err.message.contains(jargon), "{src:?}: {err:?}");
            }
        }
    }

    #[test]
    fn typed_files_name_the_value_that_does_not_fit() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct S {
            colour: u8,
        }
        let err = from_str::<S>("colour: 300\n").unwrap_err();
        assert_eq!(err.message, "`300` is not a whole number from 0 to 255");
        assert_eq!(err.pos, Pos::new(1, 9));
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let err = parse("title: a\ntitle: b\n").unwrap_err();
        assert!(err.message.contains("given twice"), "{err:?}");
        assert_eq!(err.pos.line, 2);
    }

    #[test]
    fn deep_nesting_is_refused_without_overflow() {
        let src = format!("x: {}{}", "[".repeat(20_000), "]".repeat(20_000));
        assert!(parse(&src).is_err());
    }

    #[test]
    fn nesting_up_to_the_limit_fits_a_spawned_threads_stack() {
        let n = MAX_DEPTH - 1;
        let flow_maps = format!("{}1{}", "{a: ".repeat(n), "}".repeat(n));
        let flow_seqs = format!("{}1{}", "[".repeat(n), "]".repeat(n));
        // Each `- k:` line opens a list and a mapping: two levels.
        let block: String = (0..n / 2)
            .map(|i| format!("{}- k:\n", "  ".repeat(i * 2)))
            .collect();
        for src in [flow_maps, flow_seqs, block] {
            let parsed = std::thread::Builder::new()
                .stack_size(2 * 1024 * 1024)
                .spawn(move || parse(&src).map(|_| ()))
                .unwrap()
                .join()
                .unwrap();
            assert!(parsed.is_ok(), "{parsed:?}");
        }
        let too_deep = format!("{}1{}", "{a: ".repeat(60), "}".repeat(60));
        let refused = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || parse(&too_deep).is_err())
            .unwrap()
            .join()
            .unwrap();
        assert!(refused);
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            src.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(parse(&src).is_err());
    }

    #[test]
    fn byte_order_mark_is_accepted() {
        assert!(parse("\u{feff}title: a\n").is_ok());
    }
}

//! The quick way through an ordinary annotation file: its tree built straight from the YAML
//! parser's events, without serde-saphyr's deserializer in between.
//!
//! At 10 MB of body a generated annotation file is 1.2 MB of YAML, and reading it through
//! serde (each node wrapped in `Spanned`, each scalar peeked, recorded for anchors and checked
//! for duplicates) took about three times as long as the parser's events alone, and was the
//! longest step of opening the article (docs/PERFORMANCE.md). Both ways use the same parser
//! (granit-parser, which serde-saphyr is built on) with the same options.
//!
//! Only what an ordinary file holds is read here: mappings with distinct text keys, lists,
//! and scalars whose meaning is plain — text, quoted or block; `null`; `true`/`false`;
//! integers and decimals written simply. At anything else (an anchor, alias, tag or merge key,
//! a number written another way, a duplicate key, a parse error, a document near the
//! budget's limits) [`parse`] gives up and returns `None`, and the caller reads the file
//! through serde-saphyr, which decides — so what a file means and every message about it
//! come from one place. A property test (below) checks that wherever this path answers, it
//! answers exactly as serde-saphyr does.

use std::borrow::Cow;

use granit_parser::{Event, Parser, ScalarStyle, Span};

use super::{MAX_DEPTH, Node, Pos, Value, written_text};

/// Below serde-saphyr's budget (250 000 nodes, 1 000 000 events, 64 MiB of scalars), so that
/// a document it would refuse is never read here.
const MAX_NODES: usize = 200_000;
const MAX_EVENTS: usize = 800_000;
const MAX_SCALAR_BYTES: usize = 48 * 1024 * 1024;

/// A mapping with more keys than this is left to serde-saphyr: an annotation file's have a
/// dozen, and looking for a duplicate among a few hundred keys stays cheap (among a hostile
/// file's hundred thousand it would not).
const MAX_KEYS: usize = 256;

/// The tree of `src` when it is an ordinary document, else `None` (see the module docs).
pub(super) fn parse(src: &str) -> Option<Node> {
    // A byte-order mark anywhere is one of the rules serde-saphyr applies around the parser.
    if src.contains('\u{feff}') {
        return None;
    }
    let mut builder = Builder::default();
    let mut documents = 0;
    for (events, item) in Parser::new_from_str(src).enumerate() {
        if events >= MAX_EVENTS {
            return None;
        }
        let (event, span) = item.ok()?;
        match event {
            Event::StreamStart | Event::DocumentEnd | Event::StreamEnd => {}
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
            }
            Event::Scalar(value, style, 0, None) => {
                builder.scalars += value.len();
                let node = scalar(value, style, &span, src)?;
                builder.add(node)?;
            }
            Event::SequenceStart(_, 0, None) => builder.open(Open::Seq(Vec::new()), &span)?,
            Event::MappingStart(_, 0, None) => builder.open(
                Open::Map {
                    entries: Vec::new(),
                    key: None,
                },
                &span,
            )?,
            Event::SequenceEnd | Event::MappingEnd => builder.close()?,
            // Anchors, aliases and tags.
            _ => return None,
        }
        if builder.nodes > MAX_NODES || builder.scalars > MAX_SCALAR_BYTES {
            return None;
        }
    }
    if !builder.open.is_empty() {
        return None;
    }
    builder.root
}

#[derive(Default)]
struct Builder {
    open: Vec<(Pos, Open)>,
    root: Option<Node>,
    nodes: usize,
    scalars: usize,
}

enum Open {
    Seq(Vec<Node>),
    Map {
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
    },
}

impl Builder {
    fn open(&mut self, what: Open, span: &Span) -> Option<()> {
        // Deeper than serde-saphyr's limit is refused there, with its message.
        if self.open.len() + 1 >= MAX_DEPTH {
            return None;
        }
        self.open.push((pos(span), what));
        Some(())
    }

    fn close(&mut self) -> Option<()> {
        let (pos, what) = self.open.pop()?;
        let value = match what {
            Open::Seq(items) => Value::Seq(items),
            Open::Map { entries, key: None } => Value::Map(entries),
            Open::Map { key: Some(_), .. } => return None,
        };
        self.add(Node {
            pos,
            value,
            raw: None,
        })
    }

    /// Puts a finished node where it belongs: in the open list, as the open mapping's next key
    /// or value, or as the document.
    fn add(&mut self, node: Node) -> Option<()> {
        self.nodes += 1;
        match self.open.last_mut() {
            None if self.root.is_none() => self.root = Some(node),
            None => return None,
            Some((_, Open::Seq(items))) => items.push(node),
            Some((_, Open::Map { entries, key })) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => {
                    // Only distinct text keys; `<<` is YAML's merge key.
                    let Value::Str(text) = &node.value else {
                        return None;
                    };
                    if text == "<<" || entries.len() >= MAX_KEYS || has_key(entries, text) {
                        return None;
                    }
                    *key = Some(node);
                }
            },
        }
        Some(())
    }
}

fn has_key(entries: &[(Node, Node)], text: &str) -> bool {
    entries
        .iter()
        .any(|(k, _)| matches!(&k.value, Value::Str(s) if s == text))
}

/// Where serde-saphyr says a node stands: the 1-based line and column of its first character.
fn pos(span: &Span) -> Pos {
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Pos::new(clamp(span.start.line()), clamp(span.start.col() + 1))
}

/// A scalar's node, or `None` when its meaning is for serde-saphyr to decide.
fn scalar(value: Cow<'_, str>, style: ScalarStyle, span: &Span, src: &str) -> Option<Node> {
    let text = |value: Cow<'_, str>| Node {
        pos: pos(span),
        value: Value::Str(value.into_owned()),
        raw: None,
    };
    if style != ScalarStyle::Plain {
        return Some(text(value));
    }
    let typed = |value: Value| {
        let raw = span
            .byte_range()
            .and_then(|bytes| written_text(src, bytes.start, bytes.len()));
        Some(Node {
            pos: pos(span),
            value,
            raw: Some(raw?),
        })
    };
    match value.as_ref() {
        "" | "~" | "null" | "Null" | "NULL" => Some(Node {
            pos: pos(span),
            value: Value::Null,
            raw: None,
        }),
        "true" | "True" | "TRUE" => typed(Value::Bool(true)),
        "false" | "False" | "FALSE" => typed(Value::Bool(false)),
        t => match t.as_bytes()[0] {
            b'0'..=b'9' | b'-' | b'+' | b'.' => match number_or_text(t)? {
                Value::Str(_) => Some(text(value)),
                number => typed(number),
            },
            _ => Some(text(value)),
        },
    }
}

/// A plain scalar that begins like a number: an integer (`0`, `-12`) or decimal (`1.5`)
/// written simply, or text (`18th-century`, `3 people`, `2024-03-01`: YAML 1.2 has no dates);
/// `None` for what may be a number written another way (`+1`, `007`, `1_000`, `0x1F`, `1e3`,
/// `.5`, `-.inf`, …).
fn number_or_text(t: &str) -> Option<Value> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let whole = |s: &str| digits(s) && (s == "0" || !s.starts_with('0'));
    let unsigned = t.strip_prefix(['-', '+']).unwrap_or(t);
    if !t.starts_with('+') && whole(unsigned) && unsigned.len() <= 18 {
        return t.parse().ok().map(Value::Int);
    }
    if !t.starts_with('+')
        && let Some((int, frac)) = unsigned.split_once('.')
        && whole(int)
        && digits(frac)
        && unsigned.len() <= 17
    {
        return t.parse().ok().map(Value::Float);
    }
    // YAML's infinities and not-a-numbers.
    if matches!(
        unsigned,
        ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN"
    ) {
        return None;
    }
    // Integers in any base and Rust's floats are written with these characters only (past a
    // first digit, sign or point, the only letters are exponents and digits of bases).
    let numeric = |b: u8| b.is_ascii_hexdigit() || b"+-._xXoO".contains(&b);
    let is_date = match t.as_bytes() {
        [y, y2, y3, y4, b'-', m, m2, b'-', d, d2] => [y, y2, y3, y4, m, m2, d, d2]
            .iter()
            .all(|b| b.is_ascii_digit()),
        _ => false,
    };
    (is_date || !t.bytes().all(numeric)).then(|| Value::Str(String::new()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;

    fn slow(src: &str) -> Option<Node> {
        super::super::parse_with_serde(src).ok()
    }

    #[test]
    fn an_ordinary_annotation_file_takes_the_quick_way() {
        let src = "format: 1.1\ntitle: \"T\"\npublished: 2024-03-01\nbody: |\n  Text.\n\
                   entities:\n  - {id: a, name: A, aliases: [\"A.\"]}\nquotes:\n  - speaker: a\n    \
                   text: [x, 'y']\n    occurrence: [1, -2]\n    direct: true\n    note: ~\n";
        let quick = parse(src).expect("the quick way reads an ordinary file");
        assert_eq!(Some(quick), slow(src));
    }

    #[test]
    fn what_serde_saphyr_must_decide_is_left_to_it() {
        for src in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: 1\na: 2\n",
            "<<: {a: 1}\n",
            "? [a]\n: b\n",
            "a: 0x1F\n",
            "a: 007\n",
            "a: 1e3\n",
            "a: .5\n",
            "a: +1\n",
            "a: 1_000\n",
            "a: -.inf\n",
            "a: 99999999999999999999\n",
            "a: b\n---\nc: d\n",
            "a: [\n",
            "\u{feff}a: b\n",
            "1: a\n",
            "true: a\n",
            "~: a\n",
        ] {
            assert_eq!(parse(src), None, "{src:?}");
        }
    }

    #[test]
    fn long_mappings_are_left_to_serde_saphyr() {
        let keys = |n: usize| (0..n).map(|i| format!("k{i}: v\n")).collect::<String>();
        assert_eq!(parse(&keys(MAX_KEYS)), slow(&keys(MAX_KEYS)));
        assert!(parse(&keys(MAX_KEYS)).is_some());
        // A hostile file's hundred thousand keys: given up at once, not compared pair by pair.
        let started = std::time::Instant::now();
        assert_eq!(parse(&keys(100_000)), None);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn deep_documents_are_left_to_serde_saphyr() {
        let deep = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert_eq!(parse(&deep), None);
        let shallow = "[".repeat(3) + &"]".repeat(3);
        assert_eq!(parse(&shallow), slow(&shallow));
    }

    /// Scalars written every way, many of which must stay text ("no", "007", "2024-03-01").
    fn scalar_text() -> impl Strategy<Value = String> {
        let words = prop::sample::select(vec![
            "",
            "~",
            "null",
            "Null",
            "NULL",
            "nul",
            "true",
            "True",
            "TRUE",
            "tRue",
            "false",
            "no",
            "yes",
            "on",
            "off",
            "y",
            "n",
            "0",
            "1",
            "-1",
            "-0",
            "12",
            "007",
            "-007",
            "1.5",
            "1.50",
            "-0.5",
            "0.0",
            "1.",
            ".5",
            "1e3",
            "1E3",
            "+1",
            "1_000",
            "0x1F",
            "0o17",
            "0b11",
            ".inf",
            "-.inf",
            ".nan",
            ".NaN",
            "inf",
            "nan",
            "Infinity",
            "2024-03-01",
            "2024-3-1",
            "12:30",
            "1:2",
            "3 people",
            "9999999999999999999",
            "123456789012345678",
            "-123456789012345678",
            "Bukele",
            "A. Brant",
            "“We stay.”",
            "he said: no",
            "18th-century",
            "-inf",
            "+nan",
            "-Infinity",
            "+.inf",
            "1.5 million",
            "0x",
            "1e",
            "1e3x",
            "1.2.3",
            "12-34",
            "-12-34",
            "1e+5",
            "0b1_0",
            "-0x1F",
            "1ef",
            "a # not a comment",
            "#",
            "-",
            "- x",
            "--",
            "...",
            "---",
            "<<",
            "?",
            "? x",
            "a, b",
            "[x]",
            "{x}",
            "&a",
            "*a",
            "!x",
            "%x",
            "@x",
            "`x",
            "'",
            "\"",
            "\\",
            "é",
            "日本",
            "tab\there",
            " lead",
            "trail ",
            "two\nlines",
        ]);
        words.prop_map(str::to_string)
    }

    /// `s` written as a YAML scalar in one of five styles (plain may not survive: then the
    /// document is not YAML, and both ways must refuse it).
    fn written(s: &str, style: u8, indent: usize) -> String {
        match style % 5 {
            0 => s.to_string(),
            1 => format!("'{}'", s.replace('\'', "''")),
            2 => serde_json::to_string(s).unwrap_or_default(),
            3 => {
                let pad = " ".repeat(indent + 2);
                let lines: Vec<String> = s.lines().map(|l| format!("{pad}{l}")).collect();
                format!("|\n{}", lines.join("\n"))
            }
            _ => format!("\"{s}\""),
        }
    }

    #[derive(Clone, Debug)]
    enum Doc {
        Scalar(String, u8),
        Seq(Vec<Doc>, bool),
        Map(Vec<(String, u8, Doc)>, bool),
    }

    fn doc() -> impl Strategy<Value = Doc> {
        let leaf = (scalar_text(), any::<u8>()).prop_map(|(s, st)| Doc::Scalar(s, st));
        leaf.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                (prop::collection::vec(inner.clone(), 0..4), any::<bool>())
                    .prop_map(|(items, flow)| Doc::Seq(items, flow)),
                (
                    prop::collection::vec((scalar_text(), any::<u8>(), inner), 0..4),
                    any::<bool>()
                )
                    .prop_map(|(entries, flow)| Doc::Map(entries, flow)),
            ]
        })
    }

    fn render(doc: &Doc, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match doc {
            Doc::Scalar(s, st) => out.push_str(&written(s, *st, indent)),
            Doc::Seq(items, true) | Doc::Seq(items, false) if items.is_empty() => {
                out.push_str("[]")
            }
            Doc::Map(entries, _) if entries.is_empty() => out.push_str("{}"),
            Doc::Seq(items, true) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    render(item, indent, out);
                }
                out.push(']');
            }
            Doc::Map(entries, true) => {
                out.push('{');
                for (i, (k, st, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&written(k, *st % 3, indent));
                    out.push_str(": ");
                    render(v, indent, out);
                }
                out.push('}');
            }
            Doc::Seq(items, false) => {
                for item in items {
                    out.push('\n');
                    out.push_str(&pad);
                    out.push_str("- ");
                    render(item, indent + 2, out);
                }
            }
            Doc::Map(entries, false) => {
                for (k, st, v) in entries {
                    out.push('\n');
                    out.push_str(&pad);
                    out.push_str(&written(k, *st % 3, indent));
                    out.push(':');
                    if matches!(v, Doc::Scalar(..)) {
                        out.push(' ');
                    }
                    render(v, indent + 2, out);
                }
            }
        }
    }

    fn generated(doc: &Doc, comment: bool) -> String {
        let mut src = String::from("top:");
        render(doc, 2, &mut src);
        src.push('\n');
        if comment {
            src.push_str("# a comment\n");
        }
        src
    }

    /// The property below is worth something only if the quick way answers often.
    #[test]
    fn the_quick_way_answers_most_generated_documents() {
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = doc();
        let (mut quick, mut total) = (0, 0);
        for _ in 0..500 {
            let doc = strategy.new_tree(&mut runner).unwrap().current();
            let src = generated(&doc, false);
            total += 1;
            quick += usize::from(parse(&src).is_some());
        }
        assert!(quick * 2 > total, "{quick} of {total}");
    }

    #[test]
    fn every_shipped_article_takes_the_quick_way() {
        let articles = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
        let mut read = 0;
        let entries = std::fs::read_dir(&articles)
            .unwrap()
            .chain(std::fs::read_dir(articles.join("format-1.1")).unwrap());
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let src = std::fs::read_to_string(&path).unwrap();
                let quick = parse(&src);
                assert!(quick.is_some(), "{}", path.display());
                assert_eq!(quick, slow(&src), "{}", path.display());
                read += 1;
            }
        }
        assert!(read >= 4);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// A shipped article with a few bytes changed (a stranger's slip or an attack): wherever
        /// the quick way still answers, it answers as serde-saphyr does.
        #[test]
        fn mutated_articles_read_alike(
            which in 0..3usize,
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0..24usize), 1..6),
        ) {
            let name = ["cecot.yaml", "harbour-council.yaml", "tokyo-interview.yaml"][which];
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("articles").join(name);
            let mut src = std::fs::read_to_string(path).unwrap();
            let tokens = [
                "", "-", ":", ": ", "&a ", "*a", "!!str ", "<<: ", "\n- ", "\n  ", "#", "'", "\"",
                "|", ">", "[", "]", "{", "}", "~", "0x1F", "1e3", ".inf", "\u{feff}",
            ];
            for (at, token) in edits {
                let mut i = at.index(src.len() + 1);
                while !src.is_char_boundary(i) {
                    i -= 1;
                }
                if token == 0 {
                    // A deletion of one char.
                    if let Some(c) = src[i..].chars().next() {
                        src.replace_range(i..i + c.len_utf8(), "");
                    }
                } else {
                    src.insert_str(i, tokens[token]);
                }
            }
            if let Some(quick) = parse(&src) {
                prop_assert_eq!(Some(quick), slow(&src), "{}", src);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        /// Wherever the quick way answers, serde-saphyr gives the same tree: the same values,
        /// positions and numbers' text as written.
        #[test]
        fn the_quick_way_agrees_with_serde_saphyr(doc in doc(), comment in any::<bool>()) {
            let src = generated(&doc, comment);
            if let Some(quick) = parse(&src) {
                prop_assert_eq!(Some(quick), slow(&src), "{}", src);
            }
        }
    }
}

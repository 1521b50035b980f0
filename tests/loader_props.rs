//! Properties of the loader for every input: it never panics, every problem points into the
//! file, and whatever loads obeys the format. Spans are checked against a slow, obvious
//! re-implementation of the format's finding rules written here, char by char.

use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};

use scholia::article::Article;
use scholia::load::{Loaded, load_str};
use scholia::problem::{Problem, Problems};

// ---------------------------------------------------------------------------------------------
// A small YAML tree and its two spellings: block (indented) and flow (JSON-like).

#[derive(Clone, Debug)]
enum Y {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    /// A string written as a literal block scalar (`|2-`) in block style.
    Block(String),
    Seq(Vec<Y>),
    Map(Vec<(String, Y)>),
}

fn flow(y: &Y) -> String {
    match y {
        Y::Null => "null".into(),
        Y::Bool(b) => b.to_string(),
        Y::Int(i) => i.to_string(),
        // A JSON string is a YAML double-quoted scalar.
        Y::Str(s) | Y::Block(s) => serde_json::to_string(s).unwrap(),
        Y::Seq(items) => format!(
            "[{}]",
            items.iter().map(flow).collect::<Vec<_>>().join(", ")
        ),
        Y::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{}: {}", serde_json::to_string(k).unwrap(), flow(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Writes `y` as the value after `key:` or `-` (the indicator is already written).
fn block_value(y: &Y, indent: usize, out: &mut String) {
    match y {
        Y::Map(entries) if !entries.is_empty() => {
            out.push('\n');
            block(y, indent + 2, out);
        }
        Y::Seq(items) if !items.is_empty() => {
            out.push('\n');
            block(y, indent + 2, out);
        }
        Y::Block(s) if !s.contains(['\r', '\u{feff}']) => {
            out.push_str(" |2-\n");
            for line in s.split('\n') {
                if !line.is_empty() {
                    out.push_str(&" ".repeat(indent + 2));
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
        scalar => {
            out.push(' ');
            out.push_str(&flow(scalar));
            out.push('\n');
        }
    }
}

fn block(y: &Y, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match y {
        Y::Map(entries) if !entries.is_empty() => {
            for (k, v) in entries {
                out.push_str(&pad);
                out.push_str(k);
                out.push(':');
                block_value(v, indent, out);
            }
        }
        Y::Seq(items) if !items.is_empty() => {
            for item in items {
                out.push_str(&pad);
                out.push('-');
                block_value(item, indent, out);
            }
        }
        scalar => {
            out.push_str(&pad);
            out.push_str(&flow(scalar));
            out.push('\n');
        }
    }
}

fn emit(doc: &Y, flow_style: bool) -> String {
    if flow_style {
        flow(doc) + "\n"
    } else {
        let mut out = String::new();
        block(doc, 0, &mut out);
        out
    }
}

// ---------------------------------------------------------------------------------------------
// The format's finding rules, done the slow way on chars.

fn fold_char(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => '"',
        c => c,
    }
}

/// A segment, name or alias as it is searched for.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .map(|w| w.chars().map(fold_char).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where a match of the folded `pat` starting at body char `i` ends, if there is one: a space
/// in the pattern takes a whole run of whitespace, anything else one char that folds to it.
fn match_at(body: &[char], i: usize, pat: &[char]) -> Option<usize> {
    let mut j = i;
    for &p in pat {
        if p == ' ' {
            if !body.get(j).is_some_and(|c| c.is_whitespace()) {
                return None;
            }
            while body.get(j).is_some_and(|c| c.is_whitespace()) {
                j += 1;
            }
        } else if body
            .get(j)
            .is_some_and(|&c| !c.is_whitespace() && fold_char(c) == p)
        {
            j += 1;
        } else {
            return None;
        }
    }
    Some(j)
}

/// Every match (overlapping ones too), as `(start, end)` in body chars.
fn occurrences(body: &[char], pat: &str) -> Vec<(usize, usize)> {
    let pat: Vec<char> = pat.chars().collect();
    (0..body.len())
        .filter_map(|i| match_at(body, i, &pat).map(|j| (i, j)))
        .collect()
}

fn is_word(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// Mentions by the format's rules: boundary-respecting matches of every form, leftmost first,
/// the longest at one start, scanning on from the winner's end.
fn expected_mentions(body: &[char], forms: &[(String, usize)]) -> Vec<(usize, usize, usize)> {
    let mut candidates = Vec::new();
    for (form, owner) in forms {
        for (s, e) in occurrences(body, form) {
            let before = s.checked_sub(1).and_then(|k| body.get(k));
            if !is_word(before) && !is_word(body.get(e)) {
                candidates.push((s, e, *owner));
            }
        }
    }
    candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    let mut resume = 0;
    for c in candidates {
        if c.0 >= resume {
            resume = c.1;
            out.push(c);
        }
    }
    out
}

/// A segment's matches: a segment that begins (ends) with a letter or digit must not begin
/// (end) inside a word.
fn segment_occurrences(body: &[char], pat: &str) -> Vec<(usize, usize)> {
    let first = is_word(pat.chars().next().as_ref());
    let last = is_word(pat.chars().next_back().as_ref());
    occurrences(body, pat)
        .into_iter()
        .filter(|&(s, e)| {
            let before = s.checked_sub(1).and_then(|k| body.get(k));
            !(first && is_word(before) || last && is_word(body.get(e)))
        })
        .collect()
}

/// A quote's segments as the format places them: the chosen occurrence of the first, then each
/// later one at its first occurrence from the previous one's end.
fn expected_segments(
    body: &[char],
    segments: &[String],
    occurrence: Option<usize>,
) -> Vec<(usize, usize)> {
    let first = segment_occurrences(body, &fold(&segments[0]));
    let mut out = vec![first[occurrence.unwrap_or(1) - 1]];
    for seg in &segments[1..] {
        let from = out.last().unwrap().1;
        let next = segment_occurrences(body, &fold(seg))
            .into_iter()
            .find(|&(s, _)| s >= from)
            .unwrap();
        out.push(next);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// What was asked for, read back from the generated document (only used when it loaded, so
// every part of it is known to be well formed).

fn get<'y>(map: &'y Y, key: &str) -> Option<&'y Y> {
    match map {
        Y::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

fn text_of(y: &Y) -> String {
    match y {
        Y::Str(s) | Y::Block(s) => s.clone(),
        Y::Int(i) => i.to_string(),
        Y::Bool(b) => b.to_string(),
        other => panic!("not text: {other:?}"),
    }
}

fn list(y: Option<&Y>) -> &[Y] {
    match y {
        Some(Y::Seq(items)) => items,
        _ => &[],
    }
}

/// Checks a loaded article against the document it came from.
fn check_loaded(doc: &Y, loaded: &Loaded) {
    let a: &Article = &loaded.article;
    let body: Vec<char> = a.body.as_str().chars().collect();
    assert_eq!(a.body.len(), body.len());
    assert!(loaded.warnings.0.iter().all(|p| !p.is_error()));

    // Mentions: within the body, sorted, apart, and exactly what the rules give.
    let mut forms: Vec<(String, usize)> = Vec::new();
    for (i, e) in list(get(doc, "entities")).iter().enumerate() {
        let mut names = vec![text_of(get(e, "name").unwrap())];
        names.extend(list(get(e, "aliases")).iter().map(text_of));
        for name in names {
            let f = fold(&name);
            if !forms.iter().any(|(g, _)| *g == f) {
                forms.push((f, i));
            }
        }
    }
    for w in a.mentions.windows(2) {
        assert!(
            w[0].span.end() <= w[1].span.start(),
            "mentions overlap or are out of order"
        );
    }
    let got: Vec<(usize, usize, usize)> = a
        .mentions
        .iter()
        .map(|m| {
            assert!(m.span.start() < m.span.end() && m.span.end() <= body.len());
            (m.span.start(), m.span.end(), m.entity)
        })
        .collect();
    assert_eq!(got, expected_mentions(&body, &forms), "mentions");
    for (i, e) in a.entities.iter().enumerate() {
        let mine: Vec<_> = a
            .mentions
            .iter()
            .filter(|m| m.entity == i)
            .map(|m| m.span)
            .collect();
        assert_eq!(e.mentions, mine);
    }

    // Quotes: in reading order, each segment in the body, folding equal to what was given,
    // and where the rules place it.
    let given = list(get(doc, "quotes"));
    assert_eq!(a.quotes.len(), given.len());
    for w in a.quotes.windows(2) {
        assert!(
            w[0].extent().start() <= w[1].extent().start(),
            "quotes out of reading order"
        );
    }
    for (n, q) in given.iter().enumerate() {
        let id = get(q, "id").map_or_else(|| format!("q{}", n + 1), text_of);
        let quote = a
            .quotes
            .iter()
            .find(|x| x.id == id)
            .expect("every quote loads");
        let segments: Vec<String> = match get(q, "text").unwrap() {
            Y::Seq(items) => items.iter().map(text_of).collect(),
            one => vec![text_of(one)],
        };
        let occurrence = match get(q, "occurrence") {
            Some(Y::Int(k)) => Some(*k as usize),
            _ => None,
        };
        assert_eq!(quote.segments.len(), segments.len());
        let mut last_end = 0;
        for (span, seg) in quote.segments.iter().zip(&segments) {
            assert!(
                span.start() >= last_end && span.start() < span.end() && span.end() <= body.len()
            );
            last_end = span.end();
            assert_eq!(fold(a.body.slice(span.start(), span.end())), fold(seg));
        }
        let spans: Vec<(usize, usize)> = quote
            .segments
            .iter()
            .map(|s| (s.start(), s.end()))
            .collect();
        assert_eq!(
            spans,
            expected_segments(&body, &segments, occurrence),
            "quote {id}"
        );
        let speaker = text_of(get(q, "speaker").unwrap());
        assert_eq!(a.entities[quote.speaker].id, speaker);
    }
    for (i, e) in a.entities.iter().enumerate() {
        for &k in &e.quotes {
            assert_eq!(a.quotes[k].speaker, i);
        }
    }
}

/// Every problem names the file and, when located, a place inside it.
fn check_problems(src: &str, problems: &Problems) {
    assert!(problems.has_errors());
    // YAML counts a lone CR as a line break too (old Mac files), so lines are counted its way.
    let lines = src
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .count() as u32
        + 1;
    for p in &problems.0 {
        assert!(
            p.file == Path::new("p.yaml") || p.file == Path::new("b.md"),
            "{p}"
        );
        assert!(!p.message.is_empty());
        if let Some(pos) = p.pos {
            assert!(
                pos.line >= 1 && pos.line <= lines && pos.col >= 1,
                "{p} in {lines} lines"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Strategies.

const WORDS: &[&str] = &[
    "Ann",
    "Bob",
    "Lee",
    "Ann Lee",
    "said",
    "says",
    "yes",
    "no",
    "the",
    "a",
    "x",
    "and",
    "it’s",
    "it's",
    "“Yes,”",
    "\"Yes,\"",
    "U.S.",
    "U.S.-based",
    "America",
    "American",
    "café",
    "Café",
    "—",
    "Bob’s",
    "Ann-Marie",
    "e\u{301}",
    "😀",
    "１２",
    "# Heading",
    "Zoë",
    "‘quoted’",
];
const GAPS: &[&str] = &[" ", " ", " ", " ", "\n", "  ", "\n\n", "\t", " \n "];
const SLOT_IDS: &[&str] = &["ann", "bob", "lee", "c-1", "d_2"];
const IDS: &[&str] = &["ann", "bob", "Bad Id", "_x"];
const KINDS: &[&str] = &["person", "place", "organization", "other"];
const QUOTE_KINDS: &[&str] = &["direct", "indirect", "mixed"];
/// Names drawn by entity slot, so that most documents have no shared surface form.
const NAMES: &[&[&str]] = &[
    &["Ann", "Ann Lee", "Ann-Marie", "Zoë"],
    &["Bob", "Bob’s", "x"],
    &["Lee", "café", "Café"],
    &["U.S.", "America", "the"],
];
const UNKNOWN_KEYS: &[&str] = &["quote", "nmae", "Title", "zzz"];

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (prop::sample::select(WORDS), prop::sample::select(GAPS)),
        3..50,
    )
    .prop_map(|parts| parts.into_iter().flat_map(|(w, g)| [w, g]).collect())
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(UNKNOWN_KEYS).prop_map(String::from),
        prop::sample::select(&["id", "name", "text", "speaker", "kind", "aliases"][..])
            .prop_map(String::from),
        "[a-z_]{1,6}",
    ]
}

/// Any value at all, for keys given the wrong kind of value.
fn any_y() -> impl Strategy<Value = Y> {
    let leaf = prop_oneof![
        Just(Y::Null),
        any::<bool>().prop_map(Y::Bool),
        (-2i64..6).prop_map(Y::Int),
        "[a-zA-Z ’“:#&*!|>{}\\[\\],-]{0,12}".prop_map(Y::Str),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Y::Seq),
            prop::collection::vec((key(), inner), 0..4).prop_map(Y::Map),
        ]
    })
}

/// Mostly `good`, sometimes anything.
fn or_junk(good: impl Strategy<Value = Y> + 'static) -> impl Strategy<Value = Y> {
    prop_oneof![40 => good, 1 => any_y()]
}

/// Optional keys come and go; a few unknown ones appear.
fn entries(fields: Vec<(&'static str, Y, bool)>, extra: Option<(String, Y)>) -> Y {
    let mut out: Vec<(String, Y)> = fields
        .into_iter()
        .filter(|(_, _, keep)| *keep)
        .map(|(k, v, _)| (k.to_string(), v))
        .collect();
    if let Some((k, v)) = extra
        && !out.iter().any(|(o, _)| *o == k)
    {
        out.push((k, v));
    }
    Y::Map(out)
}

fn entity(slot: usize) -> impl Strategy<Value = Y> {
    let names = NAMES[slot % NAMES.len()];
    let name = prop_oneof![
        9 => prop::sample::select(names),
        1 => prop::sample::select(WORDS),
    ];
    // Each slot has its own id, but now and then one from a pool with a repeat and bad ones.
    let id = prop_oneof![
        40 => Just(Y::Str(SLOT_IDS[slot % SLOT_IDS.len()].into())),
        1 => prop::sample::select(IDS).prop_map(|s| Y::Str(s.into())),
        1 => any_y(),
    ];
    (
        id,
        or_junk(name.prop_map(|s| Y::Str(s.into()))),
        or_junk(
            prop::collection::vec(prop::sample::select(names), 0..3)
                .prop_map(|v| Y::Seq(v.into_iter().map(|s| Y::Str(s.into())).collect())),
        ),
        or_junk(
            prop_oneof![20 => prop::sample::select(KINDS), 1 => Just("persn")]
                .prop_map(|s| Y::Str(s.into())),
        ),
        prop::bool::weighted(0.98),
        any::<bool>(),
        any::<bool>(),
        prop::option::weighted(0.05, (prop::sample::select(UNKNOWN_KEYS), any_y())),
    )
        .prop_map(
            |(id, name, aliases, kind, has_name, has_aliases, has_kind, extra)| {
                entries(
                    vec![
                        ("id", id, true),
                        ("name", name, has_name),
                        ("aliases", aliases, has_aliases),
                        ("kind", kind, has_kind),
                    ],
                    extra.map(|(k, v)| (k.to_string(), v)),
                )
            },
        )
}

/// How a segment cut from the body is spelt in the annotation file.
#[derive(Clone, Copy, Debug)]
enum Spelling {
    AsIs,
    /// Plain quote marks turned typographic: they fold back.
    Typographic,
    /// Whitespace runs respelt: they fold back.
    Rewrapped,
    /// A char lost: usually not found.
    Typo,
}

fn respell(s: &str, how: Spelling) -> String {
    match how {
        Spelling::AsIs => s.to_string(),
        Spelling::Typographic => s.replace('\'', "’").replace('"', "“"),
        Spelling::Rewrapped => format!(
            " {}\n",
            s.split_whitespace().collect::<Vec<_>>().join("\n  ")
        ),
        Spelling::Typo => {
            let mut chars: Vec<char> = s.chars().collect();
            if !chars.is_empty() {
                chars.remove(chars.len() / 2);
            }
            chars.into_iter().collect()
        }
    }
}

fn spelling() -> impl Strategy<Value = Spelling> {
    prop_oneof![
        12 => Just(Spelling::AsIs),
        2 => Just(Spelling::Typographic),
        2 => Just(Spelling::Rewrapped),
        1 => Just(Spelling::Typo),
    ]
}

/// A quote whose segments are cut, in order, from `body`, said by one of `speakers`.
fn quote(body: Arc<Vec<char>>, speakers: usize, n: usize) -> impl Strategy<Value = Y> {
    let len = body.len();
    let cuts = prop::collection::vec((0usize..20, 6usize..30, spelling()), 1..4);
    let speaker = match speakers {
        0 => Just("nobody").boxed(),
        n => prop_oneof![
            30 => prop::sample::select(&SLOT_IDS[..n]),
            1 => Just("nobody"),
        ]
        .boxed(),
    };
    (
        0..len.max(1),
        cuts,
        or_junk(speaker.prop_map(|s| Y::Str(s.into()))),
        prop::option::weighted(0.1, 1usize..3),
        prop::option::weighted(
            0.3,
            prop_oneof![20 => prop::sample::select(QUOTE_KINDS), 1 => Just("quoted")],
        ),
        prop::option::weighted(0.5, Just(format!("quote-{n}"))),
        any::<bool>(),
        prop::option::weighted(0.05, (prop::sample::select(UNKNOWN_KEYS), any_y())),
    )
        .prop_map(
            move |(first, cuts, speaker, occurrence, kind, id, as_list, extra)| {
                let mut segments = Vec::new();
                let mut start = first;
                for (gap, n, how) in cuts {
                    if start >= len && !segments.is_empty() {
                        break;
                    }
                    // Cut at word edges, as a person quotes: a segment that begins or ends
                    // inside a word is not found there.
                    let inside = |k: usize| {
                        k > 0
                            && k < len
                            && body[k - 1].is_alphanumeric()
                            && body[k].is_alphanumeric()
                    };
                    let mut from = start.min(len);
                    while inside(from) {
                        from -= 1;
                    }
                    let mut end = (from + n).min(len);
                    while inside(end) {
                        end += 1;
                    }
                    let cut: String = body[from..end].iter().collect();
                    segments.push(Y::Str(respell(&cut, how)));
                    start = end + gap;
                }
                let text = if as_list || segments.len() > 1 {
                    Y::Seq(segments)
                } else {
                    segments.pop().unwrap()
                };
                entries(
                    vec![
                        ("speaker", speaker, true),
                        ("text", text, true),
                        (
                            "occurrence",
                            Y::Int(occurrence.unwrap_or(0) as i64),
                            occurrence.is_some(),
                        ),
                        (
                            "kind",
                            Y::Str(kind.unwrap_or_default().into()),
                            kind.is_some(),
                        ),
                        ("id", Y::Str(id.clone().unwrap_or_default()), id.is_some()),
                    ],
                    extra.map(|(k, v)| (k.to_string(), v)),
                )
            },
        )
}

/// A whole annotation document, its body, and how to spell it.
#[derive(Clone, Debug)]
struct Case {
    doc: Y,
    body: String,
    flow_style: bool,
}

fn case() -> impl Strategy<Value = Case> {
    (body(), 0usize..5).prop_flat_map(|(body, speakers)| {
        let chars = Arc::new(body.chars().collect::<Vec<char>>());
        let quotes = (0..speakers.min(3) + 2)
            .map(|n| quote(chars.clone(), speakers, n).boxed())
            .collect::<Vec<_>>();
        // Quotes need a speaker; without entities, any would be an error.
        let most = if speakers == 0 {
            0
        } else {
            speakers.min(3) + 2
        };
        let quotes = (quotes, 0..=most).prop_map(|(mut list, keep)| {
            list.truncate(keep);
            list
        });
        let entities = (0..speakers).map(|i| entity(i).boxed()).collect::<Vec<_>>();
        (
            Just(body),
            entities,
            quotes,
            prop_oneof![10 => Just(0u8), 5 => Just(1), 1 => Just(2), 4 => Just(3)],
            prop::option::weighted(0.2, prop_oneof![4 => Just(Y::Int(1)), 1 => any_y()]),
            or_junk("[A-Za-z ’]{1,20}".prop_map(Y::Str)),
            prop::bool::weighted(0.97),
            prop::option::weighted(0.05, (prop::sample::select(UNKNOWN_KEYS), any_y())),
            any::<bool>(),
        )
            .prop_map(
                |(
                    body,
                    entities,
                    quotes,
                    body_how,
                    format,
                    title,
                    has_title,
                    extra,
                    flow_style,
                )| {
                    // 0: inline block scalar, 1: body_file, 2: both, 3: inline string.
                    let inline = match body_how {
                        0 => Y::Block(body.clone()),
                        _ => Y::Str(body.clone()),
                    };
                    let file = Y::Str("b.md".into());
                    let mut fields = vec![
                        (
                            "format",
                            format.clone().unwrap_or(Y::Null),
                            format.is_some(),
                        ),
                        ("title", title, has_title),
                        ("source", Y::Str("S".into()), true),
                        ("body", inline, body_how != 1),
                        ("body_file", file, body_how == 1 || body_how == 2),
                    ];
                    if !entities.is_empty() {
                        fields.push(("entities", Y::Seq(entities), true));
                    }
                    if !quotes.is_empty() {
                        fields.push(("quotes", Y::Seq(quotes), true));
                    }
                    let doc = entries(fields, extra.map(|(k, v)| (k.to_string(), v)));
                    Case {
                        doc,
                        body,
                        flow_style,
                    }
                },
            )
    })
}

// ---------------------------------------------------------------------------------------------
// The properties.

fn load(src: &str, body: &str) -> Result<Loaded, Problems> {
    let body = body.to_string();
    load_str(Path::new("p.yaml"), src, &move |p: &Path| {
        if p == Path::new("b.md") {
            Ok(body.clone())
        } else {
            Err(Problem::error(p, None, "no such file"))
        }
    })
}

/// Loads a case and checks it; `true` when it loaded.
fn run_case(case: &Case) -> bool {
    let src = emit(&case.doc, case.flow_style);
    match load(&src, &case.body) {
        Ok(loaded) => {
            check_loaded(&case.doc, &loaded);
            true
        }
        Err(problems) => {
            check_problems(&src, &problems);
            false
        }
    }
}

proptest! {
    #![proptest_config(Config { cases: 256, ..Config::default() })]

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let src = String::from_utf8_lossy(&bytes);
        if let Err(problems) = load(&src, "b") {
            check_problems(&src, &problems);
        }
    }

    #[test]
    fn never_panics_on_yaml_punctuation(
        src in "[a-z_ :\\-\\[\\]{}\"'&*!|>#,.?%@`\\n\t“’]{0,300}",
    ) {
        if let Err(problems) = load(&src, "body text") {
            check_problems(&src, &problems);
        }
    }

    #[test]
    fn structured_documents_load_by_the_rules(case in case()) {
        run_case(&case);
    }
}

/// The structured property would prove little if nearly every document failed to load.
#[test]
fn a_fair_share_of_structured_documents_load() {
    let mut runner = TestRunner::deterministic();
    let strategy = case();
    let (mut loaded, mut with_quotes, total) = (0, 0, 300);
    for _ in 0..total {
        let case = strategy.new_tree(&mut runner).unwrap().current();
        if run_case(&case) {
            loaded += 1;
            if !list(get(&case.doc, "quotes")).is_empty() {
                with_quotes += 1;
            }
        }
    }
    eprintln!("{loaded} of {total} loaded, {with_quotes} with quotes");
    assert!(loaded * 4 >= total, "only {loaded} of {total} loaded");
    assert!(
        with_quotes * 10 >= total,
        "only {with_quotes} of {total} loaded with quotes"
    );
}

#[test]
fn the_reference_finder_agrees_with_the_format_examples() {
    // A check on the checker: the rules' own examples.
    let body: Vec<char> = "The Trump administration said. Trump, American. U.S.-based"
        .chars()
        .collect();
    let forms = [
        ("Trump".to_string(), 0),
        ("Trump administration".to_string(), 1),
        ("America".to_string(), 2),
        ("U.S.".to_string(), 3),
    ];
    let got = expected_mentions(&body, &forms);
    let texts: Vec<(String, usize)> = got
        .iter()
        .map(|&(s, e, o)| (body[s..e].iter().collect(), o))
        .collect();
    assert_eq!(
        texts,
        [
            ("Trump administration".to_string(), 1),
            ("Trump".to_string(), 0),
            ("U.S.".to_string(), 3)
        ]
    );
    let body: Vec<char> = "say “it’s\n  here” now".chars().collect();
    assert_eq!(occurrences(&body, &fold("\"it's here\"")), [(4, 17)]);
}

// ---------------------------------------------------------------------------------------------
// Format 1.1: aliases limited to some places, against the same reference.

/// Mentions by the rules, where a form may name its owner only at some of its places (counted
/// from 1 among its whole-word matches).
fn expected_limited(
    body: &[char],
    forms: &[(String, usize, Option<Vec<usize>>)],
) -> Vec<(usize, usize, usize)> {
    let mut candidates = Vec::new();
    for (form, owner, only) in forms {
        let whole: Vec<(usize, usize)> = occurrences(body, form)
            .into_iter()
            .filter(|&(s, e)| {
                let before = s.checked_sub(1).and_then(|k| body.get(k));
                !is_word(before) && !is_word(body.get(e))
            })
            .collect();
        for (n, (s, e)) in whole.into_iter().enumerate() {
            if only.as_ref().is_none_or(|o| o.contains(&(n + 1))) {
                candidates.push((s, e, *owner));
            }
        }
    }
    candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    let mut resume = 0;
    for c in candidates {
        if c.0 >= resume {
            resume = c.1;
            out.push(c);
        }
    }
    out
}

proptest! {
    #![proptest_config(Config { cases: 128, ..Config::default() })]

    /// Pronouns and generic forms split between two entities by place, beside a plain name that
    /// holds one of them ("she said" inside "Ann she said"): the mentions are the reference's,
    /// and a place beyond the last is an error, never a panic.
    #[test]
    fn aliases_limited_to_places_name_only_those(
        words in prop::collection::vec(prop::sample::select(&["she", "She", "said", "Ann", "he", "Ann she", ",", "."][..]), 1..40),
        a_places in prop::collection::btree_set(1usize..6, 1..3),
        b_places in prop::collection::btree_set(1usize..6, 1..3),
        plain in any::<bool>(),
    ) {
        let body = words.join(" ");
        let a: Vec<usize> = a_places.into_iter().collect();
        let b: Vec<usize> = b_places.into_iter().filter(|p| !a.contains(p)).collect();
        let list = |v: &[usize]| v.iter().map(usize::to_string).collect::<Vec<_>>().join(", ");
        let mut src = format!(
            "format: 1.1\ntitle: T\nbody: {}\nentities:\n  - {{id: a, name: Ann, aliases: [{{text: she, occurrence: [{}]}}]}}\n",
            serde_json::to_string(&body).unwrap(),
            list(&a)
        );
        if !b.is_empty() {
            src.push_str(&format!("  - {{id: b, name: Bo, aliases: [{{text: she, occurrence: [{}]}}]}}\n", list(&b)));
        }
        if plain {
            src.push_str("  - {id: c, name: Ann she}\n");
        }
        let chars: Vec<char> = body.chars().collect();
        let mut forms = vec![("Ann".to_string(), 0, None), ("she".to_string(), 0, Some(a.clone()))];
        if !b.is_empty() {
            forms.push(("Bo".to_string(), 1, None));
            forms.push(("she".to_string(), 1, Some(b.clone())));
        }
        if plain {
            forms.push(("Ann she".to_string(), if b.is_empty() { 1 } else { 2 }, None));
        }
        let places = occurrences(&chars, "she")
            .into_iter()
            .filter(|&(s, e)| {
                let before = s.checked_sub(1).and_then(|k| chars.get(k));
                !is_word(before) && !is_word(chars.get(e))
            })
            .count();
        let too_far = a.iter().chain(&b).any(|&p| p > places);
        match load(&src, "") {
            Ok(loaded) => {
                prop_assert!(!too_far, "a place beyond {places} was accepted:\n{src}");
                let got: Vec<(usize, usize, usize)> = loaded
                    .article
                    .mentions
                    .iter()
                    .map(|m| (m.span.start(), m.span.end(), m.entity))
                    .collect();
                prop_assert_eq!(got, expected_limited(&chars, &forms), "{}", src);
            }
            Err(problems) => {
                check_problems(&src, &problems);
                prop_assert!(too_far, "refused:\n{src}\n{problems:?}");
                prop_assert!(problems.0.iter().all(|p| !p.is_error() || p.message.contains("stands")), "{problems:?}");
            }
        }
    }
}

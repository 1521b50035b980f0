//! Highlights: the reader's own marks on an article (the format spec's "Highlights"), kept in a
//! YAML sidecar beside the annotation file, re-anchored when the body changes, and saved so that
//! two readers open on the same article never lose each other's work.
//!
//! # The sidecar file
//!
//! ```yaml
//! # scholia highlights — written by the reader; safe to edit by hand
//! format: 1
//! highlights:
//! - id: hmg3k2x1a-1b4-0
//!   start: 120
//!   end: 152
//!   text: We are receiving these criminals
//!   prefix: "The ministry's statement read: “"
//!   suffix: .” The prison was built for 40,0
//!   quote: q3
//!   note: |-
//!     check the date
//!     against the court filing
//!   created: "2026-04-14T10:22:03Z"
//!   colour: 2
//! ```
//!
//! `format` may be left out (it means 1); any other value is refused. Records are written in
//! reading order, orphans last. Choices made where the spec is silent:
//! - A missing file means no highlights; an empty file, or one holding only comments, too.
//! - A file that cannot be read whole (broken YAML, an unknown key, a duplicate id, a colour
//!   outside 1–4, `start` after `end`, another `format`) is reported as one located [`Problem`],
//!   and is never written over: [`Store::save`] refuses until it is fixed by hand, keeping the
//!   new highlights in memory. Unknown keys are refused rather than dropped, because the reader
//!   rewrites the whole file and would otherwise silently delete what someone wrote there.
//! - A lock file `.<sidecar name>.lock` beside the sidecar serialises writers; it is left in
//!   place (removing lock files races with the next locker).
//!
//! # Re-anchoring
//!
//! See [`reanchor`]. A highlight is never dropped: what cannot be placed with certainty is kept,
//! marked orphaned, with its last offsets.

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::article::{Article, Quote, Span};
use crate::atomic;
use crate::body::Body;
use crate::fold::{Folded, fold_pattern};
use crate::problem::Problem;
use crate::yaml::{self, Node, Pos, Value};

/// How many chars of context `prefix` and `suffix` hold at most.
pub const CONTEXT_CHARS: usize = 32;

/// The colours a highlight may have (`1`–`4`, the reader's keys).
pub const COLOURS: std::ops::RangeInclusive<u8> = 1..=4;

/// The first line of every sidecar the reader writes.
pub const HEADER: &str = "# scholia highlights — written by the reader; safe to edit by hand\n";

/// How long [`Store::save`] waits for another reader to finish saving the same file.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// How many changes [`Store::undo`] can take back.
const UNDO_DEPTH: usize = 1000;

/// One highlight, exactly as its sidecar record (and the JSON export) holds it.
///
/// The keys are the format spec's (`id`, `start`, `end`, `text`, `prefix`, `suffix`, `quote`,
/// `note`, `created`) plus two of ours:
/// - `colour`: `1`–`4`, the colour the reader gave it with the keys `1`–`4`; absent means the
///   theme's default highlight colour;
/// - `orphaned`: `true` when its text could not be found in the body the last time it was
///   re-anchored (written only when true). An orphan keeps its last offsets and is listed, never
///   dropped.
///
/// Optional keys are written only when set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Highlight {
    pub id: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// RFC 3339, UTC (`2026-04-14T10:22:03Z`).
    pub created: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<u8>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub orphaned: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Highlight {
    /// A new highlight of `span` (clamped to the body), created now, with a fresh id. `quote` is
    /// the quote's id when the highlight is a quote.
    pub fn new(body: &Body, span: Span, quote: Option<String>) -> Highlight {
        let end = span.end.min(body.len());
        let start = span.start.min(end);
        Highlight {
            id: new_id(),
            start,
            end,
            text: body.slice(start, end).to_string(),
            prefix: body.before(start, CONTEXT_CHARS).to_string(),
            suffix: body.after(end, CONTEXT_CHARS).to_string(),
            quote,
            note: None,
            created: rfc3339(SystemTime::now()),
            colour: None,
            orphaned: false,
        }
    }

    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// Reading order: by start, then end; orphans after everything else.
    fn order_key(&self) -> (bool, usize, usize, &str, &str) {
        (self.orphaned, self.start, self.end, &self.created, &self.id)
    }

    /// The fields re-anchoring sets, which merge as one.
    fn anchor(&self) -> (usize, usize, &str, &str, &str, bool) {
        (
            self.start,
            self.end,
            &self.text,
            &self.prefix,
            &self.suffix,
            self.orphaned,
        )
    }

    /// True when a person (not re-anchoring) changed it between `self` and `other`.
    fn edited_since(&self, other: &Highlight) -> bool {
        self.quote != other.quote || self.note != other.note || self.colour != other.colour
    }
}

/// The quote a highlight was made on, looked up by its id.
pub fn quote_of<'a>(article: &'a Article, h: &Highlight) -> Option<&'a Quote> {
    let id = h.quote.as_deref()?;
    article.quotes.iter().find(|q| q.id == id)
}

/// The sidecar of an annotation file: `<stem>.highlights.yaml` in the same folder
/// (`articles/cecot.yaml` → `articles/cecot.highlights.yaml`). A path without a file name
/// (the built-in sample has none) gives `highlights.yaml` in its folder.
pub fn sidecar_path(annotation: &Path) -> PathBuf {
    let name = match annotation.file_stem() {
        Some(stem) => {
            let mut name = stem.to_os_string();
            name.push(".highlights.yaml");
            name
        }
        None => "highlights.yaml".into(),
    };
    annotation.with_file_name(name)
}

// ----------------------------------------------------------------------------------------------
// Ids and time

static ID_COUNTER: AtomicU64 = AtomicU64::new(0);

/// `h` + base-36 milliseconds since 1970 + `-` + base-36 process id + `-` + base-36 counter:
/// unique within a process by the counter and across processes by the pid (two live processes
/// never share one), and roughly in creation order.
pub fn new_id() -> String {
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let pid = u128::from(std::process::id());
    let n = u128::from(ID_COUNTER.fetch_add(1, Ordering::Relaxed));
    format!("h{}-{}-{}", base36(millis), base36(pid), base36(n))
}

fn base36(mut n: u128) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// `t` as an RFC 3339 timestamp in UTC, to the second: `2026-04-14T10:22:03Z`. Leap seconds
/// do not exist for `SystemTime`, so none are written.
pub fn rfc3339(t: SystemTime) -> String {
    let secs: i64 = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => {
            // Before 1970: round down to the whole second before.
            let d = e.duration();
            let whole = i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
            -whole - i64::from(d.subsec_nanos() > 0)
        }
    };
    let days = secs.div_euclid(86_400);
    let of_day = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

/// Year, month, day of the `days`-th day after 1970-01-01 in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March first
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

// ----------------------------------------------------------------------------------------------
// Re-anchoring

/// Puts each highlight back where its text now stands in `body`:
///
/// 1. a highlight whose `text` still sits at `start..end` stays (and is no longer orphaned);
/// 2. otherwise its `text` is looked for in the whole body, exactly; each occurrence (overlapping
///    ones included) is scored by how many chars of `prefix` (read backwards) and `suffix` agree
///    with the body around it. A single occurrence, or a single best-scoring one, wins; two
///    occurrences sharing the best score are ambiguous and the highlight becomes an orphan —
///    nothing is guessed;
/// 3. when the exact text occurs nowhere, it is looked for once more with the format's folding
///    (typographic quote marks and runs of whitespace, as quote segments are found), which
///    survives a re-wrapped paragraph or curly quotes put in; the same scoring and the same rule
///    on ties apply. A match that covers only part of the text never counts;
/// 4. a highlight found by 2 or 3 takes its new `start`/`end`, and its `text`, `prefix` and
///    `suffix` are refreshed from the body, so that the record describes the body it is now in;
///    one not found is marked orphaned and keeps its offsets and text. An orphan whose text
///    reappears is re-anchored the same way. A highlight with empty `text` marks nothing and
///    is an orphan.
///
/// All the highlights that moved are searched for in one pass over the body (Aho–Corasick), so a
/// change at the top of a long body, which moves every highlight, costs one scan, not one each.
pub fn reanchor(list: &mut [Highlight], body: &Body) {
    let mut lost = Vec::new();
    for (i, h) in list.iter_mut().enumerate() {
        if h.text.is_empty() {
            h.orphaned = true;
        } else if h.start <= h.end && h.end <= body.len() && body.slice(h.start, h.end) == h.text {
            h.orphaned = false;
        } else {
            lost.push(i);
        }
    }
    if lost.is_empty() {
        return;
    }

    let hay = body.as_str();
    // Most lost highlights moved with their context (an edit elsewhere shifted the offsets):
    // text, prefix and suffix together occur once, and no place can score higher. One pass
    // finds them all; only the rest are scored place by place, which for a one-letter text
    // means every letter of the body (docs/PERFORMANCE.md).
    let mut rest = Vec::new();
    for (k, outcome) in by_context(hay, lost.iter().map(|&i| &list[i]))
        .into_iter()
        .enumerate()
    {
        let h = &mut list[lost[k]];
        match outcome {
            Found::At(s, e) => place(h, body, body.char_at_byte(s), body.char_at_byte(e)),
            Found::Ambiguous => h.orphaned = true,
            Found::Missing => rest.push(lost[k]),
        }
    }
    let lost = rest;
    if lost.is_empty() {
        return;
    }
    let wants: Vec<Want> = lost
        .iter()
        .map(|&i| Want {
            pattern: list[i].text.clone(),
            prefix: list[i].prefix.clone(),
            suffix: list[i].suffix.clone(),
        })
        .collect();
    let found = search(hay, &wants, |w, s, e| {
        agree_before(&hay[..s], &w.prefix, false) + agree_after(&hay[e..], &w.suffix, false)
    });
    let mut missing = Vec::new();
    for (k, outcome) in found.into_iter().enumerate() {
        let h = &mut list[lost[k]];
        match outcome {
            Found::At(s, e) => place(h, body, body.char_at_byte(s), body.char_at_byte(e)),
            Found::Ambiguous => h.orphaned = true,
            Found::Missing => missing.push(lost[k]),
        }
    }
    if missing.is_empty() {
        return;
    }

    let folded = Folded::new(hay);
    let wants: Vec<Want> = missing
        .iter()
        .map(|&i| Want {
            pattern: fold_pattern(&list[i].text),
            prefix: fold_pattern(&list[i].prefix),
            suffix: fold_pattern(&list[i].suffix),
        })
        .collect();
    let text = folded.text.as_str();
    let found = search(text, &wants, |w, s, e| {
        agree_before(&text[..s], &w.prefix, true) + agree_after(&text[e..], &w.suffix, true)
    });
    for (k, outcome) in found.into_iter().enumerate() {
        let h = &mut list[missing[k]];
        match outcome {
            Found::At(s, e) => {
                let (start, end) = folded.span_to_body(s, e);
                place(h, body, start, end);
            }
            Found::Ambiguous | Found::Missing => h.orphaned = true,
        }
    }
}

/// Anchors `h` at chars `start..end` of the body, refreshing what it remembers of the text.
fn place(h: &mut Highlight, body: &Body, start: usize, end: usize) {
    h.start = start;
    h.end = end;
    h.text = body.slice(start, end).to_string();
    h.prefix = body.before(start, CONTEXT_CHARS).to_string();
    h.suffix = body.after(end, CONTEXT_CHARS).to_string();
    h.orphaned = false;
}

/// What one lost highlight is looked for by.
struct Want {
    pattern: String,
    prefix: String,
    suffix: String,
}

#[derive(Debug, PartialEq, Eq)]
enum Found {
    Missing,
    Ambiguous,
    /// Byte offsets in the searched text.
    At(usize, usize),
}

/// How many chars at the end of `before` agree with the end of `prefix`. With `skip_spaces`,
/// spaces on either side are passed over (folded text keeps one space per run, a folded
/// pattern none at its edges).
fn agree_before(before: &str, prefix: &str, skip_spaces: bool) -> usize {
    let keep = |c: &char| !(skip_spaces && *c == ' ');
    before
        .chars()
        .rev()
        .filter(keep)
        .zip(prefix.chars().rev().filter(keep))
        .take_while(|(a, b)| a == b)
        .count()
}

/// How many chars at the start of `after` agree with the start of `suffix`.
fn agree_after(after: &str, suffix: &str, skip_spaces: bool) -> usize {
    let keep = |c: &char| !(skip_spaces && *c == ' ');
    after
        .chars()
        .filter(keep)
        .zip(suffix.chars().filter(keep))
        .take_while(|(a, b)| a == b)
        .count()
}

/// For each highlight, where its prefix, text and suffix occur together in `hay`: `At` the text
/// when once, `Ambiguous` when more often (every such place has the best score there is, so
/// none wins), `Missing` when nowhere. One pass for all of them.
fn by_context<'a>(hay: &str, lost: impl Iterator<Item = &'a Highlight>) -> Vec<Found> {
    let lost: Vec<&Highlight> = lost.collect();
    let contexts: Vec<String> = lost
        .iter()
        .map(|h| [h.prefix.as_str(), &h.text, &h.suffix].concat())
        .collect();
    let mut pattern_of: HashMap<&str, usize> = HashMap::new();
    let mut patterns: Vec<&str> = Vec::new();
    let ids: Vec<usize> = contexts
        .iter()
        .map(|c| {
            *pattern_of.entry(c).or_insert_with(|| {
                patterns.push(c);
                patterns.len() - 1
            })
        })
        .collect();
    // Per pattern: how many places, and the first.
    let mut seen: Vec<(usize, usize)> = vec![(0, 0); patterns.len()];
    if let Ok(ac) = aho_corasick::AhoCorasick::new(&patterns) {
        for m in ac.find_overlapping_iter(hay) {
            let (n, first) = &mut seen[m.pattern().as_usize()];
            if *n == 0 {
                *first = m.start();
            }
            *n += 1;
        }
    }
    lost.iter()
        .zip(ids)
        .map(|(h, p)| match seen[p] {
            // An empty text is an orphan, whatever its context.
            _ if h.text.is_empty() => Found::Ambiguous,
            (0, _) => Found::Missing,
            (1, at) => {
                let start = at + h.prefix.len();
                Found::At(start, start + h.text.len())
            }
            _ => Found::Ambiguous,
        })
        .collect()
}

/// For each want, its best-scoring occurrence in `hay`, in one pass for all of them.
fn search(hay: &str, wants: &[Want], score: impl Fn(&Want, usize, usize) -> usize) -> Vec<Found> {
    // Several highlights may share a text: each distinct text is one pattern.
    let mut pattern_of: HashMap<&str, usize> = HashMap::new();
    let mut patterns: Vec<&str> = Vec::new();
    let mut users: Vec<Vec<usize>> = Vec::new();
    for (w, want) in wants.iter().enumerate() {
        if want.pattern.is_empty() {
            continue;
        }
        let p = *pattern_of.entry(&want.pattern).or_insert_with(|| {
            patterns.push(&want.pattern);
            users.push(Vec::new());
            patterns.len() - 1
        });
        users[p].push(w);
    }

    // Per want: best score, how many occurrences reach it, and the first of them.
    let mut best: Vec<Option<(usize, usize, usize, usize)>> = vec![None; wants.len()];
    let mut consider = |p: usize, s: usize, e: usize| {
        for &w in &users[p] {
            let sc = score(&wants[w], s, e);
            best[w] = match best[w] {
                Some((b, n, bs, be)) if sc < b => Some((b, n, bs, be)),
                Some((b, n, bs, be)) if sc == b => Some((b, n + 1, bs, be)),
                _ => Some((sc, 1, s, e)),
            };
        }
    };
    match aho_corasick::AhoCorasick::new(&patterns) {
        Ok(ac) => {
            for m in ac.find_overlapping_iter(hay) {
                consider(m.pattern().as_usize(), m.start(), m.end());
            }
        }
        // Only a pattern set too large for the automaton gets here: search one by one.
        Err(_) => {
            for (p, pattern) in patterns.iter().enumerate() {
                for s in overlapping(hay, pattern) {
                    consider(p, s, s + pattern.len());
                }
            }
        }
    }
    best.into_iter()
        .map(|b| match b {
            None => Found::Missing,
            Some((_, 1, s, e)) => Found::At(s, e),
            Some(_) => Found::Ambiguous,
        })
        .collect()
}

/// Byte offsets of every occurrence of a non-empty `pattern`, overlapping ones included.
fn overlapping<'a>(hay: &'a str, pattern: &'a str) -> impl Iterator<Item = usize> + 'a {
    let step = pattern.chars().next().map_or(1, char::len_utf8);
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + hay.get(from..)?.find(pattern)?;
        from = at + step;
        Some(at)
    })
}

// ----------------------------------------------------------------------------------------------
// Reading and writing the sidecar

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

/// The highlights in a sidecar file, in file order. A missing file holds none; a file that
/// cannot be read whole is one located [`Problem`].
pub fn read(path: &Path) -> Result<Vec<Highlight>, Problem> {
    match read_text(path) {
        Ok(None) => Ok(Vec::new()),
        Ok(Some(src)) => parse(path, &src),
        Err(e) => Err(Problem::error(path, None, io_reason(&e))),
    }
}

/// The file's text; `None` when there is no file. Text that is not UTF-8 is `InvalidData`.
fn read_text(path: &Path) -> io::Result<Option<String>> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    String::from_utf8(bytes).map(Some).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "not valid UTF-8 at byte {}; save the file as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        )
    })
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

/// The sidecar text for `list` (which should be in reading order).
pub fn to_text(list: &[Highlight]) -> Result<String, String> {
    let body = yaml::to_string(&SidecarOut {
        format: 1,
        highlights: list,
    })?;
    Ok(format!("{HEADER}{body}"))
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".into(),
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::NotADirectory => "part of the path is a file, not a folder".into(),
        _ => e.to_string(),
    }
}

// ----------------------------------------------------------------------------------------------
// The store

/// A change [`Store::undo`] took back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Add,
    Remove,
    Note,
    Colour,
}

/// How to take one change back.
#[derive(Clone, Debug)]
enum Step {
    Added(String),
    Removed(Box<Highlight>),
    Note(String, Option<String>),
    Colour(String, Option<u8>),
}

/// The highlights of one article, in reading order (by start, orphans last), tied to their
/// sidecar file.
///
/// Changes stay in memory until [`Store::save`], which merges them with whatever another reader
/// saved in the meantime. The merge is three-way, per record and per field: the store keeps the
/// records as they were on disk when it last read or wrote them (the *base*). A record this
/// store did not change takes the disk's version (changed, added or removed by the other reader);
/// one it changed takes its own fields where they differ from the base and the disk's elsewhere
/// (a note written here and a colour given there both survive); one it added is added; one it
/// removed is removed, even if the other reader changed it meanwhile. A record the other reader
/// removed stays removed unless this store changed its note, colour or quote, which brings it
/// back with those changes rather than losing them.
///
/// Records taken in from disk are kept as the other reader anchored them (in the same body, as
/// a rule); they are re-anchored in this body the next time the sidecar is loaded.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    list: Vec<Highlight>,
    /// The records by id as on disk after the last read or write.
    base: HashMap<String, Highlight>,
    undo: Vec<Step>,
}

impl Store {
    /// An empty store for `path` that has read nothing (for an article with nowhere to save, such
    /// as the built-in sample, or `render`, which never saves).
    pub fn new(path: PathBuf) -> Store {
        Store {
            path,
            list: Vec::new(),
            base: HashMap::new(),
            undo: Vec::new(),
        }
    }

    /// Reads the sidecar at `path` and re-anchors its highlights in `body`. A problem with the
    /// file leaves the store empty (and [`Store::save`] refusing to overwrite the file until it
    /// is fixed) and is returned, never raised.
    pub fn load(path: &Path, body: &Body) -> (Store, Option<Problem>) {
        let mut store = Store::new(path.to_path_buf());
        match read(path) {
            Ok(mut list) => {
                store.base = by_id(&list);
                reanchor(&mut list, body);
                store.list = list;
                store.sort();
                (store, None)
            }
            Err(mut problem) => {
                problem.message.push_str(
                    " — fix it by hand; until then its highlights are not shown and the reader \
                     will not write over it",
                );
                (store, Some(problem))
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// In reading order: by start, orphans last.
    pub fn list(&self) -> &[Highlight] {
        &self.list
    }

    pub fn get(&self, id: &str) -> Option<&Highlight> {
        self.list.iter().find(|h| h.id == id)
    }

    /// Adds a highlight and returns its id: its own, unless another highlight has it already (or
    /// it is empty), in which case it gets a fresh one.
    pub fn add(&mut self, mut h: Highlight) -> String {
        while h.id.trim().is_empty() || self.get(&h.id).is_some() {
            h.id = new_id();
        }
        let id = h.id.clone();
        self.list.push(h);
        self.sort();
        self.record(Step::Added(id.clone()));
        id
    }

    /// Removes a highlight, returning it.
    pub fn remove(&mut self, id: &str) -> Option<Highlight> {
        let i = self.list.iter().position(|h| h.id == id)?;
        let h = self.list.remove(i);
        self.record(Step::Removed(Box::new(h.clone())));
        Some(h)
    }

    /// Sets or clears a highlight's note; a note of only whitespace clears it. False when there is
    /// no such highlight.
    pub fn set_note(&mut self, id: &str, note: Option<String>) -> bool {
        let note = note.filter(|n| !n.trim().is_empty());
        let Some(h) = self.list.iter_mut().find(|h| h.id == id) else {
            return false;
        };
        if h.note != note {
            let old = std::mem::replace(&mut h.note, note);
            self.record(Step::Note(id.to_string(), old));
        }
        true
    }

    /// Sets or clears a highlight's colour. False when there is no such highlight or the colour
    /// is not one of [`COLOURS`].
    pub fn set_colour(&mut self, id: &str, colour: Option<u8>) -> bool {
        if colour.is_some_and(|c| !COLOURS.contains(&c)) {
            return false;
        }
        let Some(h) = self.list.iter_mut().find(|h| h.id == id) else {
            return false;
        };
        if h.colour != colour {
            let old = std::mem::replace(&mut h.colour, colour);
            self.record(Step::Colour(id.to_string(), old));
        }
        true
    }

    /// The highlights that stand in the text (not orphaned), by start: the list's front part.
    pub fn anchored(&self) -> &[Highlight] {
        &self.list[..self.list.partition_point(|h| !h.orphaned)]
    }

    /// The (not orphaned) highlight made on quote `quote_id`, if any: what `h` on a quote toggles.
    pub fn of_quote(&self, quote_id: &str) -> Option<&Highlight> {
        self.anchored()
            .iter()
            .find(|h| h.quote.as_deref() == Some(quote_id))
    }

    /// The highlight covering char `offset` (orphans cover nothing). Where highlights overlap, the
    /// innermost: the one starting last, and of those the shortest.
    pub fn at(&self, offset: usize) -> Option<&Highlight> {
        let anchored = self.anchored();
        let upto = anchored.partition_point(|h| h.start <= offset);
        anchored[..upto]
            .iter()
            .filter(|h| offset < h.end)
            .min_by_key(|h| (std::cmp::Reverse(h.start), h.end))
    }

    /// The (not orphaned) highlight of exactly `span`, if any: what `h` toggles.
    pub fn find_span(&self, span: Span) -> Option<&Highlight> {
        self.list
            .iter()
            .find(|h| !h.orphaned && h.start == span.start && h.end == span.end)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Takes back the last change (add, remove, note, colour) and says which kind it was; `None`
    /// when there is nothing left to undo. A change whose highlight another reader has removed
    /// since (and a save brought that in) cannot be taken back and is passed over. An undo is
    /// itself a change to save, but not one to undo (there is no redo).
    pub fn undo(&mut self) -> Option<Edit> {
        while let Some(step) = self.undo.pop() {
            let done = match step {
                Step::Added(id) => {
                    let i = self.list.iter().position(|h| h.id == id);
                    i.map(|i| {
                        self.list.remove(i);
                        Edit::Add
                    })
                }
                Step::Removed(h) => (self.get(&h.id).is_none()).then(|| {
                    self.list.push(*h);
                    self.sort();
                    Edit::Remove
                }),
                Step::Note(id, old) => self.list.iter_mut().find(|h| h.id == id).map(|h| {
                    h.note = old;
                    Edit::Note
                }),
                Step::Colour(id, old) => self.list.iter_mut().find(|h| h.id == id).map(|h| {
                    h.colour = old;
                    Edit::Colour
                }),
            };
            if done.is_some() {
                return done;
            }
        }
        None
    }

    /// True when the store holds changes that are not on disk yet (as far as it knows). Offsets
    /// that re-anchoring changed at load count: they are on disk only after the next save.
    pub fn has_unsaved_changes(&self) -> bool {
        self.list.len() != self.base.len()
            || self.list.iter().any(|h| self.base.get(&h.id) != Some(h))
    }

    /// Writes the highlights to the sidecar, atomically, merged with what is on disk now (see
    /// [`Store`]), and takes the merged list as its own.
    ///
    /// Writers take an exclusive lock on `.<sidecar name>.lock` beside the sidecar for the
    /// read-merge-write, waiting up to 5 s for another reader's save. Where the lock cannot be
    /// had (a file system without locks, or a lock file that cannot be created because the
    /// folder is read-only, where the write then fails anyway) the save goes on without it.
    /// Nothing is written when the merge changes nothing on disk.
    ///
    /// On `Err` (a folder that cannot be written, a full disk, a sidecar broken by hand) the
    /// message says what to do; every change stays in memory and the next save tries again.
    pub fn save(&mut self) -> Result<(), String> {
        let _lock = self.lock()?;
        let disk = match read_text(&self.path) {
            Ok(None) => Vec::new(),
            Ok(Some(src)) => parse(&self.path, &src).map_err(|p| {
                format!(
                    "highlights not saved: {p} — fix that file and save again; your highlights \
                     are kept until then"
                )
            })?,
            Err(e) => return Err(self.io_error("read", &e)),
        };
        // Under the lock no other writer is mid-write, so any temporary file is a dead one's.
        // Failing to sweep them costs only clutter.
        let _ = atomic::remove_temps(&self.path);
        let mut merged = merge(&self.base, &self.list, &disk);
        sort(&mut merged);
        if by_id(&merged) != by_id(&disk) {
            let text = to_text(&merged).map_err(|e| format!("highlights not saved: {e}"))?;
            atomic::write(&self.path, text.as_bytes()).map_err(|e| self.io_error("write", &e))?;
        }
        self.base = by_id(&merged);
        self.list = merged;
        Ok(())
    }

    /// A message for a failure to `verb` the sidecar that says what to do about it.
    fn io_error(&self, verb: &str, e: &io::Error) -> String {
        let folder = match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.display().to_string(),
            _ => ".".into(),
        };
        format!(
            "highlights not saved: cannot {verb} {}: {}; they are kept in memory and the next \
             save tries again — make the folder {folder} writable, or give another file with \
             --highlights",
            self.path.display(),
            io_reason(e)
        )
    }

    /// The exclusive lock that serialises savers of this sidecar, released when dropped.
    fn lock(&self) -> Result<Option<File>, String> {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let lock_path = self.path.with_file_name(format!(".{name}.lock"));
        let opened = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .or_else(|_| File::open(&lock_path));
        let Ok(file) = opened else {
            return Ok(None);
        };
        let deadline = Instant::now() + LOCK_WAIT;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Some(file)),
                Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(format!(
                        "highlights not saved: another reader has been saving {} for {} s; \
                         they are kept in memory and the next save tries again",
                        self.path.display(),
                        LOCK_WAIT.as_secs()
                    ));
                }
                Err(std::fs::TryLockError::Error(_)) => return Ok(None),
            }
        }
    }

    fn record(&mut self, step: Step) {
        if self.undo.len() == UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(step);
    }

    fn sort(&mut self) {
        sort(&mut self.list);
    }
}

fn sort(list: &mut [Highlight]) {
    list.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
}

fn by_id(list: &[Highlight]) -> HashMap<String, Highlight> {
    list.iter().map(|h| (h.id.clone(), h.clone())).collect()
}

/// The three-way merge described on [`Store`]: `base` as this store last saw the disk, `local` as
/// it is now, `disk` as it is now.
fn merge(
    base: &HashMap<String, Highlight>,
    local: &[Highlight],
    disk: &[Highlight],
) -> Vec<Highlight> {
    let mine: HashMap<&str, &Highlight> = local.iter().map(|h| (h.id.as_str(), h)).collect();
    let on_disk: HashSet<&str> = disk.iter().map(|h| h.id.as_str()).collect();
    let mut out = Vec::with_capacity(disk.len() + local.len());
    for d in disk {
        match (base.get(&d.id), mine.get(d.id.as_str())) {
            (Some(b), Some(l)) => out.push(merge_record(b, l, d)),
            // Removed here since the last save.
            (Some(_), None) => {}
            // Added here and there under one id: only a clash of ids gets here; ours wins.
            (None, Some(l)) => out.push((*l).clone()),
            // Added by the other reader.
            (None, None) => out.push(d.clone()),
        }
    }
    for l in local {
        if on_disk.contains(l.id.as_str()) {
            continue;
        }
        match base.get(&l.id) {
            // Removed by the other reader: gone, unless a person changed it here.
            Some(b) if !l.edited_since(b) => {}
            _ => out.push(l.clone()),
        }
    }
    out
}

/// One record changed here (`local`) and maybe there (`disk`) since `base`: our fields where we
/// changed them, theirs elsewhere.
fn merge_record(base: &Highlight, local: &Highlight, disk: &Highlight) -> Highlight {
    let mut out = disk.clone();
    if local.anchor() != base.anchor() {
        out.start = local.start;
        out.end = local.end;
        out.text.clone_from(&local.text);
        out.prefix.clone_from(&local.prefix);
        out.suffix.clone_from(&local.suffix);
        out.orphaned = local.orphaned;
    }
    if local.quote != base.quote {
        out.quote.clone_from(&local.quote);
    }
    if local.note != base.note {
        out.note.clone_from(&local.note);
    }
    if local.colour != base.colour {
        out.colour = local.colour;
    }
    if local.created != base.created {
        out.created.clone_from(&local.created);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The council met on Monday. \"We will rebuild the harbour,\" the mayor said. \
                        Critics said the plan was late. The mayor said nothing more.";

    fn body(text: &str) -> Body {
        Body::new(text.to_string())
    }

    /// A highlight of the first occurrence of `what` in `b`.
    fn mark(b: &Body, what: &str) -> Highlight {
        let byte = b.as_str().find(what).unwrap();
        let start = b.char_at_byte(byte);
        Highlight::new(b, Span::new(start, start + what.chars().count()), None)
    }

    fn span_text<'a>(b: &'a Body, h: &Highlight) -> &'a str {
        b.slice(h.start, h.end)
    }

    // --- time and ids -------------------------------------------------------------------------

    #[test]
    fn rfc3339_of_known_dates() {
        let at = |secs: u64| rfc3339(UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(1_709_251_199), "2024-02-29T23:59:59Z");
        assert_eq!(at(1_735_689_600), "2025-01-01T00:00:00Z");
        assert_eq!(at(4_107_542_400), "2100-03-01T00:00:00Z");
        assert_eq!(at(253_402_300_799), "9999-12-31T23:59:59Z");
        let sub = Duration::from_millis(1_500);
        assert_eq!(rfc3339(UNIX_EPOCH + sub), "1970-01-01T00:00:01Z");
        assert_eq!(rfc3339(UNIX_EPOCH - sub), "1969-12-31T23:59:58Z");
        assert_eq!(
            rfc3339(UNIX_EPOCH - Duration::from_secs(86_400 * 365)),
            "1969-01-01T00:00:00Z"
        );
    }

    #[test]
    fn rfc3339_agrees_with_a_day_by_day_count() {
        // Walk the calendar a day at a time from 1970 to 2100 and compare.
        let (mut y, mut m, mut d) = (1970i64, 1u32, 1u32);
        for days in 0..(130 * 366) {
            assert_eq!(civil_from_days(days), (y, m, d), "day {days}");
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let len = match m {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            d += 1;
            if d > len {
                d = 1;
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
        }
    }

    #[test]
    fn ids_are_unique_and_marked() {
        let ids: HashSet<String> = (0..10_000).map(|_| new_id()).collect();
        assert_eq!(ids.len(), 10_000);
        assert!(ids.iter().all(|id| id.starts_with('h')));
        assert_eq!(base36(0), "0");
        assert_eq!(base36(36 * 36 + 35), "10z");
    }

    // --- new, sidecar path, quote_of ----------------------------------------------------------

    #[test]
    fn new_captures_text_and_up_to_32_chars_of_context() {
        let b = body(TEXT);
        let h = mark(&b, "Critics said");
        assert_eq!(h.text, "Critics said");
        assert_eq!(h.prefix.chars().count(), 32);
        assert!(h.prefix.ends_with("the mayor said. "));
        assert_eq!(h.suffix, " the plan was late. The mayor sa");
        assert!(!h.orphaned && h.note.is_none() && h.colour.is_none());
        assert_eq!(h.created.len(), "2026-04-14T10:22:03Z".len());

        let h = Highlight::new(&b, Span::new(0, 3), Some("q1".into()));
        assert_eq!((h.prefix.as_str(), h.text.as_str()), ("", "The"));
        assert_eq!(h.quote.as_deref(), Some("q1"));
        // Past the end: clamped.
        let h = Highlight::new(&b, Span::new(b.len() - 5, b.len() + 50), None);
        assert_eq!((h.text.as_str(), h.suffix.as_str()), ("more.", ""));
    }

    #[test]
    fn context_counts_chars_not_bytes() {
        let b = body(&format!("{}X{}", "é".repeat(40), "😀".repeat(40)));
        let h = mark(&b, "X");
        assert_eq!(h.prefix, "é".repeat(32));
        assert_eq!(h.suffix, "😀".repeat(32));
        assert_eq!((h.start, h.end), (40, 41));
    }

    #[test]
    fn sidecar_sits_beside_the_annotation() {
        assert_eq!(
            sidecar_path(Path::new("articles/cecot.yaml")),
            PathBuf::from("articles/cecot.highlights.yaml")
        );
        assert_eq!(
            sidecar_path(Path::new("a.b.yml")),
            PathBuf::from("a.b.highlights.yaml")
        );
        assert_eq!(
            sidecar_path(Path::new("")),
            PathBuf::from("highlights.yaml")
        );
    }

    #[test]
    fn quote_of_looks_up_by_id() {
        let src = "title: T\nbody: 'He said \"go home\" twice.'\nentities: [{id: he, name: He}]\n\
                   quotes: [{speaker: he, text: go home, id: go}]\n";
        let article =
            crate::load::load_str(Path::new("t.yaml"), src, &|_: &Path| Ok(String::new()))
                .unwrap()
                .article;
        let span = article.quotes[0].extent();
        let mut h = Highlight::new(&article.body, span, Some("go".into()));
        assert_eq!(quote_of(&article, &h).map(|q| q.id.as_str()), Some("go"));
        h.quote = Some("gone".into());
        assert!(quote_of(&article, &h).is_none());
        h.quote = None;
        assert!(quote_of(&article, &h).is_none());
    }

    // --- re-anchoring -------------------------------------------------------------------------

    #[test]
    fn a_highlight_in_place_stays() {
        let b = body(TEXT);
        let mut list = vec![mark(&b, "the plan")];
        list[0].orphaned = true;
        let before = list[0].clone();
        reanchor(&mut list, &b);
        assert!(!list[0].orphaned);
        assert_eq!((list[0].start, list[0].end), (before.start, before.end));
    }

    #[test]
    fn moved_text_is_found_again() {
        let old = body(TEXT);
        let mut list = vec![mark(&old, "Critics said the plan was late.")];
        let new = body(&format!(
            "# Harbour\n\nAn update, with “curly” text.\n\n{TEXT}"
        ));
        reanchor(&mut list, &new);
        let h = &list[0];
        assert!(!h.orphaned);
        assert_eq!(span_text(&new, h), "Critics said the plan was late.");
        assert!(h.start > 40);
        assert_eq!(h.prefix, new.before(h.start, 32), "context is refreshed");
    }

    #[test]
    fn duplicates_are_told_apart_by_prefix_and_suffix() {
        let old = body(TEXT);
        // "the mayor" occurs twice: in "the mayor said." and "The mayor said nothing".
        let second = {
            let byte = TEXT.rfind("mayor said").unwrap();
            let start = old.char_at_byte(byte);
            Highlight::new(&old, Span::new(start, start + 10), None)
        };
        let first = mark(&old, "mayor said");
        assert_ne!(first.start, second.start);
        let mut list = vec![first, second];
        let new = body(&format!("Breaking: {TEXT}"));
        reanchor(&mut list, &new);
        assert!(list.iter().all(|h| !h.orphaned));
        assert!(new.slice(list[0].end, new.len()).starts_with(". Critics"));
        assert!(
            new.slice(list[1].end, new.len())
                .starts_with(" nothing more")
        );
    }

    #[test]
    fn a_tie_between_duplicates_is_an_orphan() {
        let old = body("one. A repeated line. two.");
        let mut list = vec![mark(&old, "A repeated line.")];
        let start = list[0].start;
        // The text now appears twice with the same context in both places (the paragraph
        // was duplicated), and not where it was.
        let new = body("## one. A repeated line. two.\none. A repeated line. two.");
        reanchor(&mut list, &new);
        assert!(list[0].orphaned, "{:?}", list[0]);
        assert_eq!(list[0].start, start, "an orphan keeps its offsets");
    }

    #[test]
    fn overlapping_occurrences_count_as_two() {
        let old = body("xxxx ha ha yy");
        let mut list = vec![mark(&old, "ha ha")];
        list[0].prefix.clear();
        list[0].suffix.clear();
        // "ha ha" occurs at 0 and at 3 of "ha ha ha": a tie, not a pick of the first.
        let new = body("ha ha ha");
        reanchor(&mut list, &new);
        assert!(list[0].orphaned);
    }

    #[test]
    fn removed_text_is_an_orphan_and_part_of_it_is_not_enough() {
        let old = body(TEXT);
        let mut list = vec![mark(&old, "Critics said the plan was late.")];
        let kept = list[0].clone();
        let new = body(&TEXT.replace("the plan was late", "the plan was on time"));
        reanchor(&mut list, &new);
        assert!(list[0].orphaned);
        assert_eq!(list[0].text, kept.text);
        assert_eq!((list[0].start, list[0].end), (kept.start, kept.end));
    }

    #[test]
    fn an_orphan_comes_back_when_its_text_does() {
        let old = body(TEXT);
        let mut list = vec![mark(&old, "the plan was late")];
        reanchor(&mut list, &body("Nothing here any more."));
        assert!(list[0].orphaned);
        let back = body(&format!("Correction. {TEXT}"));
        reanchor(&mut list, &back);
        assert!(!list[0].orphaned);
        assert_eq!(span_text(&back, &list[0]), "the plan was late");
    }

    #[test]
    fn rewrapped_and_curly_text_is_found_by_folding() {
        let old = body("Intro.\n\n\"We will rebuild the harbour,\" the mayor said.");
        let mut list = vec![mark(&old, "\"We will rebuild the harbour,\"")];
        let new = body("Intro.\n\n“We will rebuild\n  the harbour,” the mayor said.");
        reanchor(&mut list, &new);
        assert!(!list[0].orphaned);
        assert_eq!(
            span_text(&new, &list[0]),
            "“We will rebuild\n  the harbour,”"
        );
        assert_eq!(list[0].text, "“We will rebuild\n  the harbour,”");
    }

    #[test]
    fn empty_text_is_an_orphan() {
        let b = body(TEXT);
        let mut list = vec![Highlight::new(&b, Span::new(3, 3), None)];
        reanchor(&mut list, &b);
        assert!(list[0].orphaned);
    }

    #[test]
    fn offsets_past_a_shorter_body_do_not_panic() {
        let old = body(TEXT);
        let mut list = vec![mark(&old, "nothing more.")];
        list[0].start = 10_000;
        list[0].end = 9_000;
        let new = body("short, nothing more.");
        reanchor(&mut list, &new);
        assert_eq!(span_text(&new, &list[0]), "nothing more.");
    }

    #[test]
    fn a_ten_megabyte_body_with_hundreds_of_moved_highlights() {
        // Paragraphs that are each unique (numbered), so every highlight has one home; the
        // curly apostrophe makes chars and bytes differ.
        let mut text = String::with_capacity(10_500_000);
        let mut chars = 0;
        let mut spans = Vec::new();
        for n in 0.. {
            if text.len() >= 10_000_000 {
                break;
            }
            let para = format!(
                "Paragraph {n}: the council’s report, item {n}, says the harbour needs work.\n\n"
            );
            if n % 290 == 0 {
                let len = format!("Paragraph {n}: the").len();
                spans.push((Span::new(chars, chars + len), n));
            }
            chars += para.chars().count();
            text.push_str(&para);
        }
        assert!(spans.len() >= 400, "{}", spans.len());
        let old = body(&text);
        let mut list: Vec<Highlight> = spans
            .iter()
            .map(|&(span, _)| Highlight::new(&old, span, None))
            .collect();
        // An edit at the top moves every highlight.
        let new = body(&format!("# Updated\n\n{text}"));
        let t = Instant::now();
        reanchor(&mut list, &new);
        let took = t.elapsed();
        eprintln!(
            "re-anchored {} highlights in a 10 MB body in {took:?}",
            list.len()
        );
        for (h, (span, n)) in list.iter().zip(&spans) {
            assert!(!h.orphaned, "{n}");
            assert_eq!(span_text(&new, h), format!("Paragraph {n}: the"));
            assert_eq!(h.start, span.start + "# Updated\n\n".len());
        }
        assert!(took < Duration::from_secs(20), "{took:?}");
    }

    #[test]
    fn a_thousand_one_letter_highlights_that_moved_with_their_context() {
        // One letter each: scored place by place, each would be weighed at every one of its
        // letter's places in the body.
        let mut text = String::new();
        let mut n = 0;
        while text.len() < 1_000_000 {
            text.push_str(&format!("Item {n}: the council’s harbour report. "));
            n += 1;
        }
        let old = body(&text);
        let step = old.len() / 1000;
        let mut list: Vec<Highlight> = (0..1000)
            .map(|k| Highlight::new(&old, Span::new(k * step + 40, k * step + 41), None))
            .collect();
        let want: Vec<String> = list.iter().map(|h| h.text.clone()).collect();
        let new = body(&format!("An edit.\n\n{text}"));
        let t = Instant::now();
        reanchor(&mut list, &new);
        let took = t.elapsed();
        let mut moved = 0;
        for (k, h) in list.iter().enumerate() {
            assert!(!h.orphaned, "{k}");
            assert_eq!(span_text(&new, h), want[k]);
            // A letter that the same letter replaced stays where it is (step 1 of re-anchoring);
            // the others follow their context.
            if h.start != k * step + 40 {
                assert_eq!(h.start, k * step + 40 + "An edit.\n\n".len());
                moved += 1;
            }
        }
        assert!(moved > 800, "{moved}");
        // Unoptimised, in seconds before; well under one now.
        assert!(took < Duration::from_secs(5), "{took:?}");
    }

    #[test]
    fn the_one_by_one_search_finds_overlapping_occurrences_too() {
        assert_eq!(overlapping("ha ha ha", "ha ha").collect::<Vec<_>>(), [0, 3]);
        assert_eq!(overlapping("ééé", "éé").collect::<Vec<_>>(), [0, 2]);
        assert_eq!(overlapping("abc", "x").count(), 0);
    }

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

    // --- the store ----------------------------------------------------------------------------

    fn temp_sidecar() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.highlights.yaml");
        (dir, path)
    }

    fn ids(store: &Store) -> Vec<String> {
        let mut ids: Vec<String> = store.list().iter().map(|h| h.id.clone()).collect();
        ids.sort();
        ids
    }

    fn disk_ids(path: &Path) -> Vec<String> {
        let mut ids: Vec<String> = read(path).unwrap().into_iter().map(|h| h.id).collect();
        ids.sort();
        ids
    }

    fn sorted(mut v: Vec<String>) -> Vec<String> {
        v.sort();
        v
    }

    #[test]
    fn the_list_is_in_reading_order_with_orphans_last() {
        let b = body(TEXT);
        let mut store = Store::new(PathBuf::from("x"));
        let late = store.add(mark(&b, "nothing more"));
        let mut orphan = mark(&b, "The council");
        orphan.orphaned = true;
        let orphan = store.add(orphan);
        let early = store.add(mark(&b, "met on"));
        let order: Vec<&str> = store.list().iter().map(|h| h.id.as_str()).collect();
        assert_eq!(order, [early.as_str(), late.as_str(), orphan.as_str()]);
    }

    #[test]
    fn at_finds_the_innermost_highlight_and_find_span_the_exact_one() {
        let b = body(TEXT);
        let mut store = Store::new(PathBuf::from("x"));
        let outer = store.add(mark(&b, "Critics said the plan was late."));
        let inner = store.add(mark(&b, "the plan"));
        let mut orphan = mark(&b, "plan");
        orphan.orphaned = true;
        store.add(orphan);
        let o = store.get(&outer).unwrap().clone();
        let i = store.get(&inner).unwrap().clone();
        assert_eq!(store.at(o.start).map(|h| &h.id), Some(&outer));
        assert_eq!(store.at(i.start + 5).map(|h| &h.id), Some(&inner));
        assert_eq!(store.at(i.end).map(|h| &h.id), Some(&outer));
        assert!(store.at(o.end).is_none());
        assert!(store.at(0).is_none());
        assert_eq!(store.find_span(i.span()).map(|h| &h.id), Some(&inner));
        assert!(store.find_span(Span::new(i.start, i.end + 1)).is_none());
    }

    #[test]
    fn add_never_duplicates_an_id() {
        let b = body(TEXT);
        let mut store = Store::new(PathBuf::from("x"));
        let h = mark(&b, "harbour");
        let a = store.add(h.clone());
        let c = store.add(h);
        assert_ne!(a, c);
        let mut blank = mark(&b, "mayor");
        blank.id.clear();
        assert!(!store.add(blank).is_empty());
    }

    #[test]
    fn notes_and_colours() {
        let b = body(TEXT);
        let mut store = Store::new(PathBuf::from("x"));
        let id = store.add(mark(&b, "harbour"));
        assert!(store.set_note(&id, Some("check".into())));
        assert_eq!(store.get(&id).unwrap().note.as_deref(), Some("check"));
        assert!(store.set_note(&id, Some("  \n".into())));
        assert_eq!(store.get(&id).unwrap().note, None);
        assert!(store.set_colour(&id, Some(4)));
        assert!(!store.set_colour(&id, Some(5)));
        assert!(!store.set_colour(&id, Some(0)));
        assert_eq!(store.get(&id).unwrap().colour, Some(4));
        assert!(!store.set_note("nope", None));
        assert!(!store.set_colour("nope", None));
    }

    #[test]
    fn undo_takes_changes_back_one_by_one() {
        let b = body(TEXT);
        let mut store = Store::new(PathBuf::from("x"));
        let a = store.add(mark(&b, "harbour"));
        let c = store.add(mark(&b, "Critics"));
        store.set_note(&a, Some("first".into()));
        store.set_note(&a, Some("second".into()));
        store.set_note(&a, Some("second".into())); // no change, nothing to undo
        store.set_colour(&c, Some(2));
        let removed = store.remove(&a).unwrap();
        assert_eq!(removed.note.as_deref(), Some("second"));

        assert_eq!(store.undo(), Some(Edit::Remove));
        assert_eq!(store.get(&a).unwrap().note.as_deref(), Some("second"));
        assert_eq!(store.undo(), Some(Edit::Colour));
        assert_eq!(store.get(&c).unwrap().colour, None);
        assert_eq!(store.undo(), Some(Edit::Note));
        assert_eq!(store.get(&a).unwrap().note.as_deref(), Some("first"));
        assert_eq!(store.undo(), Some(Edit::Note));
        assert_eq!(store.get(&a).unwrap().note, None);
        assert_eq!(store.undo(), Some(Edit::Add));
        assert!(store.get(&c).is_none());
        assert_eq!(store.undo(), Some(Edit::Add));
        assert!(store.list().is_empty());
        assert_eq!(store.undo(), None);
        assert!(!store.can_undo());
    }

    #[test]
    fn undo_works_across_saves_and_is_saved() {
        let (_dir, path) = temp_sidecar();
        let b = body(TEXT);
        let (mut store, _) = Store::load(&path, &b);
        let id = store.add(mark(&b, "harbour"));
        store.save().unwrap();
        assert_eq!(disk_ids(&path), [id]);
        assert_eq!(store.undo(), Some(Edit::Add));
        assert!(store.has_unsaved_changes());
        store.save().unwrap();
        assert!(disk_ids(&path).is_empty());
        assert!(!store.has_unsaved_changes());
    }

    #[test]
    fn save_then_load_round_trips_and_re_anchors() {
        let (_dir, path) = temp_sidecar();
        let b = body(TEXT);
        let (mut store, problem) = Store::load(&path, &b);
        assert!(problem.is_none() && store.list().is_empty());
        assert!(!path.exists());
        let id = store.add(mark(&b, "the plan was late"));
        store.set_note(&id, Some("why?".into()));
        store.set_colour(&id, Some(2));
        assert!(store.has_unsaved_changes());
        store.save().unwrap();
        assert!(!store.has_unsaved_changes());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(HEADER), "{text}");

        let (again, problem) = Store::load(&path, &b);
        assert!(problem.is_none());
        assert_eq!(again.list(), store.list());

        let moved = body(&format!("Update: {TEXT}"));
        let (again, _) = Store::load(&path, &moved);
        let h = again.get(&id).unwrap();
        assert_eq!(span_text(&moved, h), "the plan was late");
        assert_eq!(h.note.as_deref(), Some("why?"));
        assert!(
            again.has_unsaved_changes(),
            "new offsets are for the next save"
        );
    }

    #[test]
    fn two_readers_saving_in_turn_lose_nothing() {
        let (_dir, path) = temp_sidecar();
        let b = body(TEXT);
        let (mut one, _) = Store::load(&path, &b);
        let (mut two, _) = Store::load(&path, &b);

        let a = one.add(mark(&b, "harbour"));
        one.save().unwrap();
        let c = two.add(mark(&b, "Critics"));
        two.save().unwrap();
        assert_eq!(disk_ids(&path), sorted(vec![a.clone(), c.clone()]));
        assert_eq!(ids(&two), disk_ids(&path), "the saver takes in the other's");

        // One removes its own, two adds another; neither has seen the other's latest.
        one.remove(&a);
        let d = two.add(mark(&b, "the mayor"));
        one.save().unwrap();
        two.save().unwrap();
        assert_eq!(disk_ids(&path), sorted(vec![c.clone(), d.clone()]));
        one.save().unwrap();
        assert_eq!(ids(&one), disk_ids(&path));

        // Both edit the same record, different fields: both edits survive.
        one.set_note(&c, Some("from one".into()));
        two.set_colour(&c, Some(3));
        two.save().unwrap();
        one.save().unwrap();
        let on_disk = read(&path).unwrap();
        let rec = on_disk.iter().find(|h| h.id == c).unwrap();
        assert_eq!(rec.note.as_deref(), Some("from one"));
        assert_eq!(rec.colour, Some(3));

        // A record changed there and untouched here keeps the disk's version.
        two.save().unwrap();
        two.set_note(&d, Some("from two".into()));
        two.save().unwrap();
        one.set_colour(&c, Some(1));
        one.save().unwrap();
        let on_disk = read(&path).unwrap();
        let rec = on_disk.iter().find(|h| h.id == d).unwrap();
        assert_eq!(rec.note.as_deref(), Some("from two"));
        assert_eq!(one.get(&d).unwrap().note.as_deref(), Some("from two"));

        // One changes a record and saves; two, not having seen that, removes it and saves:
        // the removal is the later act, and wins.
        one.set_note(&c, Some("one's last word".into()));
        one.save().unwrap();
        two.remove(&c);
        two.save().unwrap();
        assert!(!disk_ids(&path).contains(&c));
        one.save().unwrap();
        assert!(!ids(&one).contains(&c), "one takes in the removal");

        // Two removes a record and saves; one, not having seen that, changes it and saves: the
        // change is the later act, and brings the record back with it rather than losing it.
        two.remove(&d);
        two.save().unwrap();
        one.set_note(&d, Some("one's note".into()));
        one.save().unwrap();
        let on_disk = read(&path).unwrap();
        let rec = on_disk.iter().find(|h| h.id == d).unwrap();
        assert_eq!(rec.note.as_deref(), Some("one's note"));
        two.save().unwrap();
        assert!(ids(&two).contains(&d));

        // A plain removal, with nothing changed elsewhere, sticks.
        two.remove(&d);
        two.save().unwrap();
        one.save().unwrap();
        assert!(disk_ids(&path).is_empty());
        assert!(ids(&one).is_empty() && ids(&two).is_empty());
    }

    #[test]
    fn interleaved_readers_many_rounds() {
        let (_dir, path) = temp_sidecar();
        let b = body(TEXT);
        let mut stores: Vec<Store> = (0..3).map(|_| Store::load(&path, &b).0).collect();
        let mut expected: HashSet<String> = HashSet::new();
        for round in 0..30usize {
            let k = round % 3;
            let store = &mut stores[k];
            let id = store.add(mark(&b, "harbour"));
            expected.insert(id);
            if round % 4 == 3 {
                let gone = store.list()[round % store.list().len()].id.clone();
                store.remove(&gone);
                expected.remove(&gone);
            }
            store.save().unwrap();
            let on_disk: HashSet<String> = read(&path).unwrap().into_iter().map(|h| h.id).collect();
            assert_eq!(on_disk, expected, "round {round}");
        }
    }

    #[test]
    fn a_broken_sidecar_is_never_written_over() {
        let (_dir, path) = temp_sidecar();
        let b = body(TEXT);
        let broken = "highlights: [ {id: a\n";
        std::fs::write(&path, broken).unwrap();
        let (mut store, problem) = Store::load(&path, &b);
        assert!(problem.is_some());
        let id = store.add(mark(&b, "harbour"));
        let err = store.save().unwrap_err();
        assert!(err.contains("fix that file"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
        // Fixed by hand: the next save keeps both the file's highlight and ours.
        let fixed = to_text(&[mark(&b, "Critics")]).unwrap();
        std::fs::write(&path, fixed).unwrap();
        store.save().unwrap();
        assert_eq!(read(&path).unwrap().len(), 2);
        assert!(store.get(&id).is_some());
    }

    #[test]
    fn a_folder_that_cannot_be_written_keeps_highlights_pending() {
        // A "folder" that is a file fails for everyone, root included.
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("folder");
        std::fs::write(&blocker, b"a file").unwrap();
        let path = blocker.join("a.highlights.yaml");
        let b = body(TEXT);
        let (mut store, problem) = Store::load(&path, &b);
        assert!(problem.is_some(), "reading through a file is a problem");
        let id = store.add(mark(&b, "harbour"));
        let err = store.save().unwrap_err();
        assert!(err.contains("highlights not saved"), "{err}");
        assert!(store.get(&id).is_some());
        assert!(store.has_unsaved_changes());
        // The folder appears: the next save writes what was pending.
        std::fs::remove_file(&blocker).unwrap();
        std::fs::create_dir(&blocker).unwrap();
        store.save().unwrap();
        assert_eq!(disk_ids(&path), [id]);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_is_a_message_and_highlights_stay() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, path) = temp_sidecar();
        let b = body(TEXT);
        let (mut store, _) = Store::load(&path, &b);
        let first = store.add(mark(&b, "harbour"));
        store.save().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        let probe = dir.path().join(".probe");
        let writable = std::fs::write(&probe, b"x").is_ok();
        let _ = std::fs::remove_file(&probe);
        let second = store.add(mark(&b, "Critics"));
        let result = store.save();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        if writable {
            eprintln!(
                "notice: chmod 0o555 does not stop this user (root?) from writing; \
                 the read-only assertions are skipped"
            );
            assert!(result.is_ok());
            return;
        }
        let err = result.unwrap_err();
        assert!(err.contains("permission denied"), "{err}");
        assert!(err.contains("writable"), "{err}");
        assert_eq!(disk_ids(&path), std::slice::from_ref(&first));
        assert!(store.get(&second).is_some());
        store.save().unwrap();
        assert_eq!(disk_ids(&path), sorted(vec![first, second]));
    }

    #[test]
    fn saving_sweeps_up_temporary_files_of_killed_writers() {
        let (dir, path) = temp_sidecar();
        let stale = dir.path().join(".a.highlights.yaml.tmp.99999.0");
        std::fs::write(&stale, b"half a fi").unwrap();
        let b = body(TEXT);
        let (mut store, _) = Store::load(&path, &b);
        store.add(mark(&b, "harbour"));
        store.save().unwrap();
        assert!(!stale.exists());
    }

    #[test]
    fn a_save_that_changes_nothing_writes_nothing() {
        let (_dir, path) = temp_sidecar();
        let b = body(TEXT);
        let (mut store, _) = Store::load(&path, &b);
        store.add(mark(&b, "harbour"));
        store.save().unwrap();
        let hand_written = format!("# my comment\n{}", std::fs::read_to_string(&path).unwrap());
        std::fs::write(&path, &hand_written).unwrap();
        store.save().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), hand_written);
    }

    #[test]
    fn a_held_lock_makes_save_wait_for_it() {
        let (dir, path) = temp_sidecar();
        let b = body(TEXT);
        let (mut store, _) = Store::load(&path, &b);
        let id = store.add(mark(&b, "harbour"));
        let lock = File::create(dir.path().join(".a.highlights.yaml.lock")).unwrap();
        lock.lock().unwrap();
        let t = Instant::now();
        let saver = std::thread::spawn(move || {
            let r = store.save();
            (r, Instant::now())
        });
        std::thread::sleep(Duration::from_millis(200));
        assert!(!path.exists(), "saved while the lock was held");
        let released = Instant::now();
        drop(lock);
        let (result, done) = saver.join().unwrap();
        result.unwrap();
        assert!(done >= released && done - t < LOCK_WAIT);
        assert_eq!(disk_ids(&path), [id]);
    }
}

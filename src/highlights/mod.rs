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
//! - A lock file `.<sidecar name>.lock` beside the sidecar serialises writers for the length of
//!   one save and is removed when it is released (see [`lock`](self::lock) for how that stays
//!   safe against the next locker).
//! - The sidecar must be a regular file, absent, or a symbolic link to a regular file inside the
//!   article's folder; anything else is refused, read or written (see `safe_fs::check_beside`).
//!
//! # Re-anchoring
//!
//! See [`reanchor`]. A highlight is never dropped: what cannot be placed with certainty is kept,
//! marked orphaned, with its last offsets.

mod lock;
mod merge;
mod reanchor;
pub mod rescue;
mod sidecar;
mod store;

pub use reanchor::reanchor;
pub use sidecar::{parse, read, to_text};
pub use store::{Edit, Store};

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::article::{Article, Quote, Span};
use crate::body::Body;

/// How many chars of context `prefix` and `suffix` hold at most.
pub const CONTEXT_CHARS: usize = 32;

/// The colours a highlight may have (`1`–`4`, the reader's keys).
pub const COLOURS: std::ops::RangeInclusive<u8> = 1..=4;

/// The first line of every sidecar the reader writes.
pub const HEADER: &str = "# scholia highlights — written by the reader; safe to edit by hand\n";

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
        let end = span.end().min(body.len());
        let start = span.start().min(end);
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
/// (the built-in sample has none) gives `highlights.yaml` in its folder. Where `a.yaml` and
/// `a.yml` stand side by side they would share one sidecar and mix their offsets, so `a.yml`
/// then keeps its own, `a.yml.highlights.yaml`.
pub fn sidecar_path(annotation: &Path) -> PathBuf {
    let name = match annotation.file_stem() {
        Some(stem) => {
            let twin = annotation.extension().is_some_and(|e| e == "yml")
                && annotation.with_extension("yaml").exists();
            let mut name = if twin {
                annotation.file_name().unwrap_or(stem).to_os_string()
            } else {
                stem.to_os_string()
            };
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

/// `t` as an RFC 3339 timestamp in UTC, to the second: `2026-04-14T10:22:03Z`. A clock set
/// before 1970 or past 9999 (which RFC 3339 cannot write) gives the nearest time it can.
pub fn rfc3339(t: SystemTime) -> String {
    // 9999-12-31T23:59:59Z, the last second RFC 3339 has.
    let last = UNIX_EPOCH + std::time::Duration::from_secs(253_402_300_799);
    let t = t.clamp(UNIX_EPOCH, last);
    humantime::format_rfc3339_seconds(t).to_string()
}

#[cfg(test)]
pub(crate) mod testing {
    //! What the tests of every part build their highlights from.
    use super::*;

    pub const TEXT: &str = "The council met on Monday. \"We will rebuild the harbour,\" the mayor said. \
                        Critics said the plan was late. The mayor said nothing more.";

    pub fn body(text: &str) -> Body {
        Body::new(text.to_string())
    }

    /// A highlight of the first occurrence of `what` in `b`.
    pub fn mark(b: &Body, what: &str) -> Highlight {
        let byte = b.as_str().find(what).unwrap();
        let start = b.char_at_byte(byte);
        Highlight::new(b, Span::new(start, start + what.chars().count()), None)
    }

    pub fn span_text<'a>(b: &'a Body, h: &Highlight) -> &'a str {
        b.slice(h.start, h.end)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use std::collections::HashSet;
    use std::time::Duration;

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
        // A clock before 1970 or past 9999 cannot be written; the nearest time is.
        assert_eq!(rfc3339(UNIX_EPOCH - sub), "1970-01-01T00:00:00Z");
        let far = UNIX_EPOCH + Duration::from_secs(300_000_000_000);
        assert_eq!(rfc3339(far), "9999-12-31T23:59:59Z");
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

    #[test]
    fn a_yaml_and_a_yml_side_by_side_get_their_own_sidecars() {
        let dir = tempfile::tempdir().unwrap();
        let yml = dir.path().join("a.yml");
        std::fs::write(&yml, "").unwrap();
        assert_eq!(sidecar_path(&yml), dir.path().join("a.highlights.yaml"));
        std::fs::write(dir.path().join("a.yaml"), "").unwrap();
        assert_eq!(sidecar_path(&yml), dir.path().join("a.yml.highlights.yaml"));
        assert_eq!(
            sidecar_path(&dir.path().join("a.yaml")),
            dir.path().join("a.highlights.yaml")
        );
    }
}

//! In a real terminal (tmux), every way of moving leaves the status line, the quotes pane and the
//! entities pane on what is under the reading position, and `h` highlights the quote read there
//! (issue 7). The drift this guards against hid behind paths the in-process tests never take: the
//! event loop, bracketed paste, mouse reports, resizes.
//!
//! The oracle does not ask the reader. It finds the marked row's words in the article body and
//! asks the article, as the library loads it, which quotes and mentions lie on that row; the
//! selections are read off the screen in reverse video (`NO_COLOR` keeps only that mark).

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::tmux::Tmux;
use scholia::article::{Article, Span};

// --- The screen, cell by cell ------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Cell {
    ch: char,
    reversed: bool,
}

/// A captured screen: one cell per column (the second column of a wide character holds `\0`).
struct Screen {
    rows: Vec<Vec<Cell>>,
}

impl Screen {
    /// Reads `capture-pane -e` output: text with SGR sequences, of which only reverse video
    /// matters here.
    fn parse(raw: &str) -> Self {
        let rows = raw.lines().map(parse_row).collect();
        Screen { rows }
    }

    fn text(&self, row: usize, cols: std::ops::Range<usize>) -> String {
        let Some(r) = self.rows.get(row) else {
            return String::new();
        };
        r.iter()
            .skip(cols.start)
            .take(cols.len())
            .map(|c| c.ch)
            .filter(|&c| c != '\0')
            .collect()
    }

    fn line(&self, row: usize) -> String {
        self.text(row, 0..usize::MAX)
    }

    fn plain(&self) -> String {
        (0..self.rows.len())
            .map(|r| self.line(r))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The status line: the last row with something on it.
    fn status(&self) -> String {
        (0..self.rows.len())
            .rev()
            .map(|r| self.line(r))
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default()
    }

    /// The box whose title starts with `title`: (top row, bottom row, left column, right column).
    fn pane(&self, title: &str) -> Option<(usize, usize, usize, usize)> {
        let head = format!("┌ {title}");
        for (top, row) in self.rows.iter().enumerate() {
            let line: String = row.iter().map(|c| c.ch).collect();
            let Some(byte) = line.find(&head) else {
                continue;
            };
            let left = line[..byte].chars().count();
            let right = (left + 1..row.len()).find(|&c| row[c].ch == '┐')?;
            let bottom = (top + 1..self.rows.len())
                .find(|&r| self.rows[r].get(left).is_some_and(|c| c.ch == '└'))?;
            return Some((top, bottom, left, right));
        }
        None
    }
}

fn parse_row(line: &str) -> Vec<Cell> {
    let mut cells = Vec::new();
    let mut reversed = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.peek() != Some(&'[') {
                chars.next();
                continue;
            }
            chars.next();
            let mut params = String::new();
            let mut end = 'm';
            for p in chars.by_ref() {
                if p.is_ascii_alphabetic() {
                    end = p;
                    break;
                }
                params.push(p);
            }
            if end == 'm' {
                reversed = sgr_reversed(&params, reversed);
            }
            continue;
        }
        cells.push(Cell { ch: c, reversed });
        if unicode_width::UnicodeWidthChar::width(c) == Some(2) {
            cells.push(Cell { ch: '\0', reversed });
        }
    }
    cells
}

/// Whether reverse video is on after the SGR parameters `params`.
fn sgr_reversed(params: &str, mut on: bool) -> bool {
    let mut ps = params.split([';', ':']);
    if params.is_empty() {
        return false;
    }
    while let Some(p) = ps.next() {
        match p {
            "" | "0" => on = false,
            "7" => on = true,
            "27" => on = false,
            "38" | "48" | "58" => match ps.next() {
                Some("5") => {
                    ps.next();
                }
                Some("2") => {
                    ps.next();
                    ps.next();
                    ps.next();
                }
                _ => {}
            },
            _ => {}
        }
    }
    on
}

// --- The oracle: what lies on the reading position's row ----------------------------------------

/// The article body with its whitespace folded, each char remembering its offset in the body.
struct Folded {
    chars: Vec<char>,
    at: Vec<usize>,
}

impl Folded {
    fn new(body: &str) -> Self {
        let mut chars = Vec::new();
        let mut at = Vec::new();
        for (i, c) in body.chars().enumerate() {
            if c.is_whitespace() {
                if chars.last().is_some_and(|&l: &char| l != ' ') {
                    chars.push(' ');
                    at.push(i);
                }
            } else {
                chars.push(c);
                at.push(i);
            }
        }
        Folded { chars, at }
    }

    /// Where `needle` occurs, as indices into `chars`.
    fn find_all(&self, needle: &[char]) -> Vec<usize> {
        if needle.is_empty() || needle.len() > self.chars.len() {
            return Vec::new();
        }
        (0..=self.chars.len() - needle.len())
            .filter(|&i| self.chars[i..i + needle.len()] == *needle)
            .collect()
    }
}

fn fold(text: &str) -> Vec<char> {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect()
}

/// Finds the text pane's rows in the body: a row whose words occur once anchors the others,
/// each found in turn after (or before) its neighbour. Returns the marked row's span.
fn marked_row(screen: &Screen, body: &Folded) -> Option<Span> {
    let (top, bottom, left, right) = screen.pane("Text")?;
    // Column left+1 holds the ▸ mark, then the text; the last inner column is the speaker map.
    let rows: Vec<(bool, Vec<char>)> = (top + 1..bottom)
        .map(|r| {
            let marked = screen.rows[r].get(left + 1).is_some_and(|c| c.ch == '▸');
            (marked, fold(&screen.text(r, left + 2..right - 1)))
        })
        .collect();
    let anchor = rows
        .iter()
        .position(|(_, t)| t.len() > 10 && body.find_all(t).len() == 1)?;
    let mut found: Vec<Option<(usize, usize)>> = vec![None; rows.len()];
    let start = body.find_all(&rows[anchor].1)[0];
    found[anchor] = Some((start, start + rows[anchor].1.len()));
    let mut cursor = found[anchor].unwrap().1;
    for i in anchor + 1..rows.len() {
        let t = &rows[i].1;
        if t.is_empty() {
            continue;
        }
        let at = body.find_all(t).into_iter().find(|&s| s >= cursor)?;
        found[i] = Some((at, at + t.len()));
        cursor = at + t.len();
    }
    let mut cursor = start;
    for i in (0..anchor).rev() {
        let t = &rows[i].1;
        if t.is_empty() {
            continue;
        }
        let at = body
            .find_all(t)
            .into_iter()
            .rfind(|&s| s + t.len() <= cursor)?;
        found[i] = Some((at, at + t.len()));
        cursor = at;
    }
    let mark = rows.iter().position(|(m, _)| *m)?;
    let to_body = |(s, e): (usize, usize)| Span::new(body.at[s], body.at[e - 1] + 1);
    match found[mark] {
        Some(f) => Some(to_body(f)),
        // A blank row: the gap between the words above and below.
        None => {
            let before = found[..mark].iter().rev().flatten().next();
            let after = found[mark + 1..].iter().flatten().next();
            let s = before.map_or(0, |&(_, e)| body.at[e - 1] + 1);
            let e = after.map_or(s, |&(s, _)| body.at[s]);
            Some(Span::new(s, e.max(s)))
        }
    }
}

/// The reverse-video row of a side pane's list and the pane's footer, or `None` when the pane
/// is not on screen.
fn side(screen: &Screen, title: &str) -> Option<(Option<String>, Vec<String>)> {
    let (top, bottom, left, right) = screen.pane(title)?;
    let inner = left + 1..right;
    let rule = (top + 1..bottom).find(|&r| {
        let t = screen.text(r, inner.clone());
        !t.is_empty() && t.chars().all(|c| c == '─')
    });
    let list_end = rule.unwrap_or(bottom);
    let selected = (top + 1..list_end)
        .find(|&r| {
            screen.rows[r]
                .get(left + 1..right)
                .is_some_and(|cells| cells.iter().all(|c| c.reversed))
        })
        .map(|r| screen.text(r, inner.clone()).trim().to_string());
    let footer = rule.map_or(Vec::new(), |rule| {
        (rule + 1..bottom)
            .map(|r| screen.text(r, inner.clone()).trim().to_string())
            .collect()
    });
    Some((selected, footer))
}

/// `shown` is `full` as a pane shows it: the same, or cut with "…".
fn shows(shown: &str, full: &str) -> bool {
    let full: String = full.split_whitespace().collect::<Vec<_>>().join(" ");
    match shown.trim_end().strip_suffix('…') {
        Some(cut) => !cut.trim_end().is_empty() && full.starts_with(cut.trim_end()),
        None => shown.trim_end() == full,
    }
}

struct Article_ {
    article: Article,
    folded: Folded,
}

impl Article_ {
    fn load(path: &Path) -> Self {
        let article = scholia::load::load(path)
            .expect("the article loads")
            .article;
        let folded = Folded::new(article.body.as_str());
        Article_ { article, folded }
    }

    /// The quote the status names, by its "speaker — i/n".
    fn status_quote(&self, status: &str) -> Option<usize> {
        let a = &self.article;
        let named: Vec<usize> = (0..a.quotes.len())
            .filter(|&q| {
                let (i, n) = a.speaker_position(q);
                let name = &a.speaker(&a.quotes[q]).name;
                // "Name — i/n", the name cut with "…" on a narrow screen.
                let place = format!(" — {i}/{n}");
                status.match_indices(&place).any(|(at, _)| {
                    let after = status[at + place.len()..].chars().next();
                    let shown = status[..at].rsplit("  ").next().unwrap_or("");
                    !after.is_some_and(|c| c.is_ascii_digit()) && shows(shown, name)
                })
            })
            .collect();
        assert!(named.len() <= 1, "the status names two quotes: {status}");
        named.first().copied()
    }

    /// Checks that the screen agrees with itself and with what lies under the reading position.
    /// `what` names the move, for the failure message.
    /// With `at_hit`, the move was a jump to a search hit or mention, so the reading position is
    /// known exactly (the hit's start) and so are the quote and entity under it.
    fn check(&self, screen: &Screen, what: &str, at_hit: bool) -> Option<usize> {
        let a = &self.article;
        let plain = screen.plain();
        let fail = |why: String| fail(what, &plain, why);
        let status = screen.status();
        let current = self.status_quote(&status);
        let row = marked_row(screen, &self.folded);
        if screen.pane("Text").is_some() && row.is_none() {
            fail("the reading row's words are not found in the body".into());
        }
        eprintln!(
            "{what}: row {row:?} {:?} | {} | quotes {:?} | entities {:?}",
            row.map(|r| a
                .body
                .slice(r.start(), r.end())
                .chars()
                .take(30)
                .collect::<String>()),
            status.trim(),
            side(screen, "Quotes").map(|s| s.0),
            side(screen, "Entities").map(|s| s.0)
        );
        if let Some(row) = row {
            let on_row =
                |s: &Span| s.start() < row.end().max(row.start() + 1) && s.end() > row.start();
            match current {
                Some(q) if !a.quotes[q].segments.iter().any(on_row) => fail(format!(
                    "the status names quote {} but it is not on the reading row {row:?}",
                    a.quotes[q].id
                )),
                // No quote is current only where every quote on the row has ended before the
                // reading position: none runs on past the row.
                None => {
                    if let Some(q) = (0..a.quotes.len()).find(|&q| {
                        a.quotes[q]
                            .segments
                            .iter()
                            .any(|s| on_row(s) && s.end() > row.end())
                    }) {
                        fail(format!(
                            "no quote is current, but {} runs through the reading row {row:?}",
                            a.quotes[q].id
                        ));
                    }
                }
                _ => {}
            }
            // The current hit (search or mention) lies on the reading row.
            let hit = current_hit(&status).and_then(|(label, i)| self.hit(&label, i));
            if let Some(hit) = hit
                && !on_row(&hit)
            {
                fail(format!("the current hit {hit:?} is not on the row {row:?}"));
            }
            let mut entity_at_hit = None;
            if at_hit {
                let Some(hit) = hit else {
                    panic!("after {what}: no current hit in the status: {status}\n{plain}");
                };
                // What the reader defines as under the position: what holds it, or else the
                // first thing starting after it on its row.
                let pos = hit.start();
                let ahead = Span::new(pos, row.end() + 1);
                let quote = (0..a.quotes.len())
                    .find(|&q| a.quotes[q].segments.iter().any(|s| s.contains(pos)))
                    .or_else(|| {
                        (0..a.quotes.len())
                            .filter_map(|q| {
                                let s = a.quotes[q]
                                    .segments
                                    .iter()
                                    .find(|s| s.start() > pos && s.start() < ahead.end())?;
                                Some((s.start(), q))
                            })
                            .min()
                            .map(|(_, q)| q)
                    });
                if quote != current {
                    fail(format!(
                        "at the hit {hit:?} the quote under the position is {:?}, the status names {:?}",
                        quote.map(|q| &a.quotes[q].id),
                        current.map(|q| &a.quotes[q].id)
                    ));
                }
                entity_at_hit = Some(
                    a.entities
                        .iter()
                        .enumerate()
                        .flat_map(|(e, x)| x.mentions.iter().map(move |m| (m.start(), m.end(), e)))
                        .filter(|&(s, e, _)| e > ahead.start() && s < ahead.end())
                        .min()
                        .map(|(_, _, e)| e),
                );
            }
            if let Some(pane) = side(screen, "Entities") {
                let ctx = (what, plain.as_str());
                self.check_entities(&status, pane, row, &on_row, entity_at_hit, ctx);
            }
        }
        if let Some((selected, footer)) = side(screen, "Quotes") {
            match (current, selected) {
                (None, None) => {
                    if footer
                        .first()
                        .is_some_and(|f| !f.starts_with("no quote here"))
                    {
                        fail(format!(
                            "no quote is current but the footer says {footer:?}"
                        ));
                    }
                }
                (Some(q), Some(sel)) => {
                    let quote = &a.quotes[q];
                    let seg = quote.segments[0];
                    let words = sel.trim_start_matches(['“', '~', ' ']);
                    if !shows(words, a.body.slice(seg.start(), seg.end())) {
                        fail(format!(
                            "the quotes pane selects “{sel}”, the status names {}",
                            quote.id
                        ));
                    }
                    let (i, n) = a.speaker_position(q);
                    let kind = quote.kind.as_str();
                    if !footer
                        .first()
                        .is_some_and(|f| f.starts_with(&format!("{kind} · {i} of {n}")))
                    {
                        fail(format!(
                            "the quotes footer {footer:?} is not on {}",
                            quote.id
                        ));
                    }
                }
                (c, s) => fail(format!(
                    "the status names quote {c:?} and the quotes pane selects {s:?}"
                )),
            }
        }
        current
    }

    fn check_entities(
        &self,
        status: &str,
        (selected, footer): (Option<String>, Vec<String>),
        row: Span,
        on_row: &dyn Fn(&Span) -> bool,
        at_hit: Option<Option<usize>>,
        (what, plain): (&str, &str),
    ) {
        let fail = |why: String| fail(what, plain, why);
        let a = &self.article;
        let chosen = current_hit(status)
            .map(|(label, _)| label)
            .or_else(|| {
                // "Name: 3 hits" when no mention is on the row.
                a.entities
                    .iter()
                    .find(|e| status.contains(&format!("  {}: ", e.name)))
                    .map(|e| e.name.clone())
            })
            .and_then(|label| a.entities.iter().position(|e| e.name == label));
        let by_name = |shown: &str| {
            let name = shown.trim_start_matches(['•', ' ', '▶']);
            let name = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
            a.entities.iter().position(|e| shows(name, &e.name))
        };
        match (chosen, selected) {
            (Some(e), Some(sel)) if by_name(&sel) != Some(e) => fail(format!(
                "{} is chosen but the entities pane selects “{sel}”",
                a.entities[e].name
            )),
            (Some(e), None) => fail(format!(
                "{} is chosen but the entities pane selects nothing",
                a.entities[e].name
            )),
            (None, Some(sel)) => {
                let Some(e) = by_name(&sel) else {
                    fail(format!("the entities pane selects an unknown “{sel}”"));
                    return;
                };
                if !a.entities[e].mentions.iter().any(on_row) {
                    fail(format!(
                        "the entities pane selects {}, not named on the reading row {row:?}",
                        a.entities[e].name
                    ));
                }
                if let Some(want) = at_hit
                    && want != Some(e)
                {
                    fail(format!(
                        "the entities pane selects {}, the entity under the position is {want:?}",
                        a.entities[e].name
                    ));
                }
            }
            (None, None) => {
                if let Some(e) = a
                    .entities
                    .iter()
                    .find(|e| e.mentions.iter().any(|m| on_row(m) && m.end() > row.end()))
                {
                    fail(format!(
                        "no entity selected, but {} is named across the reading row",
                        e.name
                    ));
                }
                if let Some(Some(want)) = at_hit {
                    fail(format!(
                        "no entity selected, but {} is under the position",
                        a.entities[want].name
                    ));
                }
                if footer
                    .first()
                    .is_some_and(|f| !f.starts_with("no entity here"))
                {
                    fail(format!("no entity selected but the footer says {footer:?}"));
                }
            }
            _ => {}
        }
    }

    /// Hit `i` (from 1) of what the status calls `label`: a search's or an entity's mentions.
    fn hit(&self, label: &str, i: usize) -> Option<Span> {
        let a = &self.article;
        if let Some(e) = a.entities.iter().find(|e| e.name == label) {
            return e.mentions.get(i - 1).copied();
        }
        let query = fold(label.trim_matches(['“', '”']));
        let query: String = query.iter().collect::<String>().to_lowercase();
        let query: Vec<char> = query.chars().collect();
        let lower: Vec<char> = self
            .folded
            .chars
            .iter()
            .flat_map(|c| c.to_lowercase())
            .collect();
        if lower.len() != self.folded.chars.len() {
            return None; // case folding changed lengths: not worth mapping back
        }
        let hits = Folded {
            chars: lower,
            at: Vec::new(),
        }
        .find_all(&query);
        let s = *hits.get(i - 1)?;
        Some(Span::new(
            self.folded.at[s],
            self.folded.at[s + query.len() - 1] + 1,
        ))
    }
}

fn fail(what: &str, screen: &str, why: String) -> ! {
    panic!("after {what}: {why}\n{screen}")
}

/// "label: i/n" in the status: what `n`/`N` step through and which one is current.
fn current_hit(status: &str) -> Option<(String, usize)> {
    let (before, after) = status.split_once(": ")?;
    let label = before.rsplit("  ").next()?.to_string();
    let (i, _) = after.split_once('/')?;
    Some((label, i.parse().ok()?))
}

// --- Driving the reader ------------------------------------------------------------------------

struct Reader {
    t: Tmux,
    article: Article_,
    dir: tempfile::TempDir,
    stem: String,
}

impl Reader {
    /// Opens a copy of the shipped article `name` (so highlights land in a temporary folder),
    /// with the mouse on and without colour.
    fn open(test: &str, name: &str, width: u16, height: u16) -> Option<Self> {
        let t = Tmux::start(test, width, height)?;
        let dir = tempfile::tempdir().unwrap();
        let shipped = common::articles();
        for entry in std::fs::read_dir(&shipped).unwrap().flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            if file.starts_with(&format!("{name}.")) {
                std::fs::copy(entry.path(), dir.path().join(&file)).unwrap();
            }
        }
        let path = dir.path().join(format!("{name}.yaml"));
        let article = Article_::load(&path);
        t.type_line(&format!(
            "NO_COLOR=1 {} {}; echo \"exit=$?\"",
            common::BIN,
            path.display()
        ));
        t.wait_for("the reader", |s| {
            s.contains("┌ Text") || s.contains("[TEXT]")
        });
        Some(Reader {
            t,
            article,
            dir,
            stem: name.to_string(),
        })
    }

    fn search(&self, query: &str) {
        self.t.send(&["/"]);
        self.t.wait_for("the search prompt", |s| {
            s.lines().any(|l| l.starts_with('/'))
        });
        self.t.send(&["-l", query]);
    }

    /// A left click at column `x`, row `y` (from 0), sent as the terminal's SGR mouse report.
    fn click(&self, x: u16, y: u16) {
        let (x, y) = (x + 1, y + 1);
        self.t
            .send(&["-l", &format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m")]);
    }

    /// The wheel at column `x`, row `y` (from 0), down or up, as SGR mouse buttons 65 and 64.
    fn wheel(&self, x: u16, y: u16, down: bool) {
        let button = if down { 65 } else { 64 };
        let (x, y) = (x + 1, y + 1);
        self.t.send(&["-l", &format!("\x1b[<{button};{x};{y}M")]);
    }

    fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        let mut ok = self
            .t
            .cmd(&["resize-window", "-t", "t", "-x", &w, "-y", &h]);
        assert!(ok.status().is_ok_and(|s| s.success()));
        self.t.wait_for("the new size", |s| {
            s.lines().count() == usize::from(height)
                && s.lines().all(|l| l.chars().count() <= usize::from(width))
                && s.lines().last().is_some_and(|l| l.contains('%'))
        });
    }

    /// Waits until the sidecar holds `n` highlights; returns their quote ids.
    fn highlighted_ids(&self, n: usize) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let have = self.highlighted();
            if have.len() == n {
                return have;
            }
            assert!(Instant::now() < deadline, "the sidecar holds {have:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn screen(&self) -> Screen {
        self.t.settle();
        let out = self
            .t
            .cmd(&["capture-pane", "-p", "-e", "-t", "t"])
            .output();
        Screen::parse(&String::from_utf8_lossy(&out.unwrap().stdout))
    }

    fn sidecar(&self) -> PathBuf {
        self.dir
            .path()
            .join(format!("{}.highlights.yaml", self.stem))
    }

    /// The quote ids the sidecar holds highlights of.
    fn highlighted(&self) -> Vec<String> {
        std::fs::read_to_string(self.sidecar())
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.trim().strip_prefix("quote: "))
            .map(|q| q.trim_matches(['\'', '"']).to_string())
            .collect()
    }

    fn wait_highlighted(&self, what: &str, want: &[String]) {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut want = want.to_vec();
        want.sort();
        loop {
            let mut have = self.highlighted();
            have.sort();
            if have == want {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{what}: the sidecar holds {have:?}, not {want:?}\n{}",
                self.t.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends `keys`, then checks the screen against the reading position; with `h`, also that
    /// `h` highlights the quote the status names (and `u` takes it back).
    fn step(&self, what: &str, keys: &[&str], try_h: bool) -> Option<usize> {
        self.step_checked(what, keys, try_h, false)
    }

    /// A step that lands on a search hit or a mention: the reading position is its start.
    fn step_to_hit(&self, what: &str, keys: &[&str]) -> Option<usize> {
        self.step_checked(what, keys, true, true)
    }

    fn step_checked(&self, what: &str, keys: &[&str], try_h: bool, at_hit: bool) -> Option<usize> {
        if !keys.is_empty() {
            self.t.send(keys);
        }
        let screen = self.screen();
        let current = self.article.check(&screen, what, at_hit);
        if try_h {
            self.try_h(what, current);
        }
        current
    }

    fn try_h(&self, what: &str, current: Option<usize>) {
        let before = self.highlighted();
        self.t.send(&["h"]);
        match current {
            Some(q) => {
                let id = self.article.article.quotes[q].id.clone();
                let mut want = before.clone();
                if let Some(i) = want.iter().position(|h| *h == id) {
                    want.remove(i);
                } else {
                    want.push(id);
                }
                self.wait_highlighted(&format!("h after {what}"), &want);
                self.t.send(&["u"]);
                self.wait_highlighted(&format!("u after h after {what}"), &before);
            }
            None => {
                // Refused (the message may have no room on a narrow status line): nothing saved.
                self.t.settle();
                assert_eq!(
                    self.highlighted(),
                    before,
                    "h after {what} changed the highlights"
                );
            }
        }
    }
}

// --- The tests ---------------------------------------------------------------------------------

#[test]
fn every_way_of_moving_keeps_the_panes_on_the_reading_position() {
    let Some(r) = Reader::open("moves", "cecot", 140, 40) else {
        return;
    };
    r.step("opening", &[], true);
    r.search("monsters");
    r.step_to_hit("/monsters Enter", &["Enter"]);
    r.step_to_hit("n", &["n"]);
    r.step_to_hit("N", &["N"]);
    r.step("Esc", &["Escape"], true);
    r.step("G", &["G"], true);
    r.step("g", &["g"], true);
    for _ in 0..3 {
        r.step("]", &["]"], true);
    }
    r.step("[", &["["], true);
    r.step("}", &["}"], true);
    r.step("{", &["{"], true);
    r.step("] then G", &["]", "G"], true);
    r.step("}", &["}"], true);
    r.step("g", &["g"], false);
    // The quotes pane: Tab to it, down a few, Enter jumps the text there.
    r.step(
        "Tab j j j Enter (quotes)",
        &["Tab", "j", "j", "j", "Enter"],
        true,
    );
    // The entities pane: an entity chosen, then its mentions.
    r.step(
        "Tab Tab j j Enter (entities)",
        &["g", "Tab", "Tab", "j", "j", "Enter"],
        true,
    );
    for _ in 0..3 {
        r.step_to_hit("n (mentions)", &["n"]);
    }
    r.step_to_hit("N (mentions)", &["N"]);
    r.step("Esc (entity)", &["Escape"], true);
    r.step("j", &["j"], true);
    r.step("k", &["k"], true);
    r.step("Ctrl-d", &["C-d"], true);
    r.step("Ctrl-o", &["C-o"], true);
    r.step("Ctrl-n", &["C-n"], true);
    // Jumps from the highlights list: two highlights kept, the list opened, the second chosen.
    r.step("]", &["g", "]"], false);
    r.t.send(&["h"]);
    r.step("} (a highlight kept)", &["}", "}"], false);
    r.t.send(&["h"]);
    r.wait_highlighted("two highlights", &r.highlighted_ids(2));
    r.step("g", &["g"], false);
    r.step("H j Enter (highlights list)", &["H", "j", "Enter"], true);
    r.step("H k Enter (highlights list)", &["H", "k", "Enter"], true);
    // A mouse click on a text row, as the terminal reports it (SGR 1006).
    for row in [12, 25, 33] {
        r.click(10, row);
        r.step(&format!("a click on row {row}"), &[], true);
    }
    // A click in the quotes pane selects that quote and moves the text there.
    r.click(80, 10);
    r.step("a click in the quotes pane", &[], true);
    // The wheel over the text, then over the entities pane, then a click on an entity.
    for _ in 0..3 {
        r.wheel(20, 20, true);
    }
    r.step("the wheel down over the text", &[], true);
    r.wheel(20, 20, false);
    r.step("the wheel up over the text", &[], true);
    r.wheel(120, 20, true);
    r.step("the wheel over the entities pane", &[], true);
    r.click(120, 4);
    r.step("a click in the entities pane", &[], true);
    r.step("Esc", &["Escape"], true);
    r.resize(100, 30);
    r.step("a resize to 100×30", &[], true);
    r.step("]", &["]"], true);
    r.resize(70, 20);
    r.step("a resize to 70×20", &[], true);
    r.step("}", &["}"], true);
    r.resize(140, 40);
    r.step("a resize back to 140×40", &[], true);
}

/// The same moves on any article: quotes in reading order and by speaker, the ends, a search,
/// the side panes' Enter, an entity's mentions, the jump list, the outline, clicks.
fn tour(r: &Reader) {
    r.step("opening", &[], true);
    for _ in 0..4 {
        r.step("]", &["]"], true);
    }
    r.step("}", &["}"], true);
    r.step("[", &["["], true);
    r.step("{", &["{"], true);
    r.step("G", &["G"], true);
    r.step("[", &["["], true);
    r.step("g", &["g"], true);
    // A long word of the second quote: its hits include one inside a quote.
    let a = &r.article.article;
    let seg = a.quotes[1.min(a.quotes.len() - 1)].segments[0];
    let word = a
        .body
        .slice(seg.start(), seg.end())
        .split(|c: char| !c.is_alphanumeric())
        .max_by_key(|w| w.chars().count())
        .unwrap_or("the")
        .to_lowercase();
    r.search(&word);
    r.step_to_hit(&format!("/{word} Enter"), &["Enter"]);
    r.step_to_hit("n", &["n"]);
    r.step_to_hit("N", &["N"]);
    r.step("Esc", &["Escape"], true);
    r.step("Tab j j Enter (quotes)", &["Tab", "j", "j", "Enter"], true);
    r.step("Tab k Enter (quotes)", &["Tab", "k", "Enter"], true);
    // The entities pane follows the quotes pane on Tab, folded into one below 120 columns.
    r.step("Esc", &["Escape"], false);
    r.step(
        "Tab Tab j j j Enter (entities)",
        &["Tab", "Tab", "j", "j", "j", "Enter"],
        true,
    );
    r.step_to_hit("n (mentions)", &["n"]);
    r.step_to_hit("N (mentions)", &["N"]);
    r.step("Esc (entity)", &["Escape"], true);
    r.step("Ctrl-o", &["C-o"], true);
    r.step("Ctrl-n", &["C-n"], true);
    // The outline of headings: Enter jumps to a section.
    r.step("o j Enter (outline)", &["o", "j", "Enter"], true);
    r.step("o k Enter (outline)", &["o", "k", "Enter"], true);
    let (w, h) = (
        r.t.display("#{window_width}"),
        r.t.display("#{window_height}"),
    );
    let (w, h): (u16, u16) = (w.parse().unwrap(), h.parse().unwrap());
    for y in [h / 3, h / 2, h - 4] {
        r.click(w / 6, y);
        r.step(&format!("a click at row {y}"), &[], true);
    }
}

#[test]
fn the_harbour_council_in_step_at_140_by_40() {
    let Some(r) = Reader::open("harbour", "harbour-council", 140, 40) else {
        return;
    };
    tour(&r);
}

#[test]
fn the_tokyo_interview_in_step_at_70_by_20() {
    let Some(r) = Reader::open("tokyo", "tokyo-interview", 70, 20) else {
        return;
    };
    tour(&r);
}

#[test]
fn cecot_in_step_at_70_by_20() {
    let Some(r) = Reader::open("cecot70", "cecot", 70, 20) else {
        return;
    };
    tour(&r);
}

#[test]
fn harbour_council_in_step_at_40_by_12() {
    let Some(r) = Reader::open("harbour40", "harbour-council", 40, 12) else {
        return;
    };
    tour(&r);
}

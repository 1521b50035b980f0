//! The loader: an annotation file (format 1) and its body, checked in full and turned into an
//! [`Article`]. Every problem of a file is collected, each with the line and column of the YAML
//! node it is about, so that one `check` run shows them all.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::article::{Article, Entity, EntityKind, Mention, Meta, Quote, QuoteKind, Span};
use crate::body::Body;
use crate::find::{self, Occurrences};
use crate::fold::{Folded, fold_pattern};
use crate::problem::{Problem, Problems, did_you_mean};
use crate::yaml::{self, Node, Pos, Value};

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// "Closest passage" searches cost a pass over the body each; past this many, errors go without.
const MAX_CLOSEST_SEARCHES: usize = 50;

const TOP_KEYS: &[&str] = &[
    "format",
    "title",
    "source",
    "author",
    "published",
    "url",
    "body_file",
    "body",
    "entities",
    "quotes",
];
const ENTITY_KEYS: &[&str] = &["id", "name", "kind", "aliases", "note"];
const QUOTE_KEYS: &[&str] = &["speaker", "text", "kind", "cue", "occurrence", "id", "note"];

/// A loaded article and the warnings it raised.
#[derive(Debug)]
pub struct Loaded {
    pub article: Article,
    pub warnings: Problems,
}

/// Loads an annotation file and its body from disk. `Err` holds every problem (errors and
/// warnings) when there is at least one error.
pub fn load(path: &Path) -> Result<Loaded, Problems> {
    let src = match read_text(path) {
        Ok(src) => src,
        Err(problem) => return Err(Problems(vec![problem])),
    };
    load_str(path, &src, &|body: &Path| read_text(body))
}

/// Loads from annotation text already in memory; `read_body` fetches a `body_file` (already
/// resolved against the annotation file's folder) as text, or says what is wrong with it.
pub fn load_str(
    path: &Path,
    src: &str,
    read_body: &dyn Fn(&Path) -> Result<String, Problem>,
) -> Result<Loaded, Problems> {
    let mut cx = Cx {
        file: path,
        problems: Problems::default(),
    };
    let article = cx.article(src, read_body);
    match article {
        Some(article) if !cx.problems.has_errors() => Ok(Loaded {
            article,
            warnings: cx.problems,
        }),
        _ => Err(cx.problems),
    }
}

/// Reads a whole file as UTF-8 text, refusing what is too large, missing or not UTF-8.
pub fn read_text(path: &Path) -> Result<String, Problem> {
    let fail = |message: String| Problem::error(path, None, message);
    let file = std::fs::File::open(path).map_err(|e| fail(io_message(&e)))?;
    let meta = file.metadata().map_err(|e| fail(io_message(&e)))?;
    if meta.is_dir() {
        return Err(fail("is a folder, not a file".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(format!(
            "file is {} bytes, over the limit of {} MiB; split it or trim it",
            meta.len(),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // `take` guards against a file that grows while it is read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(format!(
            "file is over the limit of {} MiB",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "not valid UTF-8 at byte {}; save the file as UTF-8",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// True for `[a-z0-9][a-z0-9_-]*`.
pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

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
fn differing_excerpts(given: &str, closest: &str, max: usize) -> (String, String) {
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

struct Cx<'a> {
    file: &'a Path,
    problems: Problems,
}

/// A mapping's entries by key, after unknown keys were reported.
struct Fields<'n> {
    pos: Pos,
    map: HashMap<&'n str, (Pos, &'n Node)>,
}

impl<'n> Fields<'n> {
    fn get(&self, key: &str) -> Option<&'n Node> {
        self.map
            .get(key)
            .map(|&(_, node)| node)
            .filter(|n| n.value != Value::Null)
    }
}

struct EntitySpec {
    pos: Pos,
    id: String,
    name: (String, Pos),
    kind: EntityKind,
    aliases: Vec<(String, Pos)>,
    note: Option<String>,
}

struct QuoteSpec {
    pos: Pos,
    id: Option<(String, Pos)>,
    speaker: Option<usize>,
    segments: Vec<(String, Pos)>,
    kind: QuoteKind,
    cue: Option<String>,
    occurrence: Option<(usize, Pos)>,
    note: Option<String>,
}

impl Cx<'_> {
    fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.problems
            .push(Problem::error(self.file, Some(pos), message));
    }

    fn warning(&mut self, pos: Pos, message: impl Into<String>) {
        self.problems
            .push(Problem::warning(self.file, Some(pos), message));
    }

    fn article(
        &mut self,
        src: &str,
        read_body: &dyn Fn(&Path) -> Result<String, Problem>,
    ) -> Option<Article> {
        if src.trim_start_matches('\u{feff}').trim().is_empty() {
            self.problems.push(Problem::error(
                self.file,
                None,
                "the file is empty; an annotation file needs at least `title:` and `body:` or `body_file:`",
            ));
            return None;
        }
        let root = match yaml::parse(src) {
            Ok(root) => root,
            Err(e) => {
                let pos = if e.pos.is_known() {
                    e.pos
                } else {
                    Pos::new(1, 1)
                };
                self.error(pos, format!("invalid YAML: {}", e.message));
                return None;
            }
        };
        if root.value == Value::Null {
            self.problems.push(Problem::error(
                self.file,
                None,
                "the file holds no keys; an annotation file needs at least `title:` and `body:` or `body_file:`",
            ));
            return None;
        }
        let top = self.fields(&root, TOP_KEYS, "the annotation file")?;

        if let Some(node) = top.get("format")
            && node.value != Value::Int(1)
        {
            // `"1"` and `1.0` must not read as `format: 1` in the message.
            let got = match &node.value {
                Value::Str(s) => format!("{s:?}"),
                Value::Float(f) => format!("{f:?}"),
                other => node.as_text().unwrap_or_else(|| other.kind_name().into()),
            };
            self.error(
                node.pos,
                format!("unsupported `format: {got}`; this version of scholia reads format 1"),
            );
        }
        let title = match top.get("title") {
            Some(node) => self.text(node, "title").unwrap_or_default(),
            None => {
                self.error(top.pos, "missing `title`: every article needs one");
                String::new()
            }
        };
        let meta = Meta {
            title,
            source: self.optional_text(&top, "source"),
            author: self.optional_text(&top, "author"),
            published: self.optional_text(&top, "published"),
            url: self.optional_text(&top, "url"),
        };
        let (body, body_path) = self.body(&top, read_body);

        let entity_specs = self.entities(&top);
        let ids: HashMap<&str, usize> = entity_specs
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        let quote_specs = self.quotes(&top, &ids);

        let body = body?;
        let folded = Folded::new(body.as_str());
        let mentions = self.mentions(&folded, &entity_specs);
        let segments = self.segments(&folded, &body, &quote_specs);

        // An entity that speaks in the file is in use, even where its quotes failed to load.
        let mut in_use: Vec<bool> = vec![false; entity_specs.len()];
        for q in &quote_specs {
            if let Some(s) = q.speaker {
                in_use[s] = true;
            }
        }
        let entity_pos: Vec<Pos> = entity_specs.iter().map(|e| e.pos).collect();
        let mut entities: Vec<Entity> = entity_specs
            .into_iter()
            .map(|e| Entity {
                id: e.id,
                name: e.name.0,
                kind: e.kind,
                aliases: e.aliases.into_iter().map(|(a, _)| a).collect(),
                note: e.note,
                mentions: Vec::new(),
                quotes: Vec::new(),
            })
            .collect();
        for m in &mentions {
            entities[m.entity].mentions.push(m.span);
        }
        let mut quotes: Vec<(Quote, Pos)> = Vec::new();
        for (n, (spec, segs)) in quote_specs.into_iter().zip(segments).enumerate() {
            let (Some(speaker), Some(segments)) = (spec.speaker, segs) else {
                continue;
            };
            let id = spec.id.map_or_else(|| format!("q{}", n + 1), |(id, _)| id);
            quotes.push((
                Quote {
                    id,
                    speaker,
                    kind: spec.kind,
                    cue: spec.cue,
                    note: spec.note,
                    segments,
                },
                spec.pos,
            ));
        }
        let mut seen: HashMap<String, Pos> = HashMap::new();
        for (quote, pos) in &quotes {
            if let Some(first) = seen.insert(quote.id.clone(), *pos) {
                self.error(
                    *pos,
                    format!(
                        "duplicate quote id `{}` (also used at line {}); give each quote its own `id`",
                        quote.id, first.line
                    ),
                );
            }
        }
        let mut quotes: Vec<Quote> = quotes.into_iter().map(|(q, _)| q).collect();
        quotes.sort_by_key(|q| q.extent().start);
        for (i, q) in quotes.iter().enumerate() {
            entities[q.speaker].quotes.push(i);
        }
        for (i, e) in entities.iter().enumerate() {
            if e.mentions.is_empty() && !in_use[i] {
                self.warning(
                    entity_pos[i],
                    format!(
                        "entity `{}` is never mentioned in the body and has no quotes",
                        e.id
                    ),
                );
            }
        }

        Some(Article {
            path: self.file.to_path_buf(),
            body_path,
            meta,
            body,
            folded,
            entities,
            quotes,
            mentions,
        })
    }

    /// Checks that `node` is a mapping, reports unknown and non-text keys, and indexes the rest.
    fn fields<'n>(&mut self, node: &'n Node, known: &[&str], what: &str) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            self.error(
                node.pos,
                format!(
                    "{what} must be a mapping of keys ({}), not {}",
                    known
                        .iter()
                        .take(3)
                        .map(|k| format!("`{k}:`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                        + ", …",
                    node.value.kind_name()
                ),
            );
            return None;
        };
        let mut map = HashMap::new();
        for (key, value) in entries {
            let Value::Str(name) = &key.value else {
                self.error(
                    key.pos,
                    format!("keys must be words, not {}", key.value.kind_name()),
                );
                continue;
            };
            if known.contains(&name.as_str()) {
                map.insert(name.as_str(), (key.pos, value));
            } else {
                let hint = did_you_mean(name, known.iter().copied())
                    .map(|k| format!("; did you mean `{k}`?"))
                    .unwrap_or_else(|| format!("; known keys are {}", known.join(", ")));
                self.error(key.pos, format!("unknown key `{name}` in {what}{hint}"));
            }
        }
        Some(Fields { pos: node.pos, map })
    }

    fn text(&mut self, node: &Node, key: &str) -> Option<String> {
        let text = node.as_text();
        if text.is_none() {
            self.error(
                node.pos,
                format!("`{key}` must be text, not {}", node.value.kind_name()),
            );
        }
        text
    }

    fn optional_text(&mut self, fields: &Fields, key: &str) -> Option<String> {
        let node = fields.get(key)?;
        self.text(node, key)
    }

    fn body(
        &mut self,
        top: &Fields,
        read_body: &dyn Fn(&Path) -> Result<String, Problem>,
    ) -> (Option<Body>, Option<PathBuf>) {
        let inline = top.map.get("body");
        let file = top.map.get("body_file");
        match (inline, file) {
            (Some(_), Some(&(pos, _))) => {
                self.error(
                    pos,
                    "both `body` and `body_file` are given; keep one: the text inline or the path to it",
                );
                (None, None)
            }
            (None, None) => {
                self.error(
                    top.pos,
                    "missing the text: give `body_file: article.md` (a path beside this file) or `body: |` with the text inline",
                );
                (None, None)
            }
            (Some(&(_, node)), None) => match node.value {
                Value::Str(ref text) => (Some(Body::new(text.clone())), None),
                _ => {
                    self.error(
                        node.pos,
                        format!(
                            "`body` must be text (a block scalar: `body: |`), not {}",
                            node.value.kind_name()
                        ),
                    );
                    (None, None)
                }
            },
            (None, Some(&(_, node))) => {
                let Some(rel) = self.text(node, "body_file") else {
                    return (None, None);
                };
                let base = self.file.parent().unwrap_or(Path::new(""));
                let path = base.join(&rel);
                match read_body(&path) {
                    Ok(text) => (Some(Body::new(text)), Some(path)),
                    Err(mut problem) => {
                        if problem.message == "no such file" {
                            self.error(
                                node.pos,
                                format!(
                                    "body file `{rel}` not found (looked for {}); the path is relative to this file's folder",
                                    path.display()
                                ),
                            );
                        } else {
                            // Problems inside the body file (not UTF-8, too large) name that file.
                            problem.file = path;
                            self.problems.push(problem);
                        }
                        (None, None)
                    }
                }
            }
        }
    }

    fn list<'n>(&mut self, top: &Fields<'n>, key: &str) -> &'n [Node] {
        match top.get(key) {
            None => &[],
            Some(Node {
                value: Value::Seq(items),
                ..
            }) => items,
            Some(node) => {
                self.error(
                    node.pos,
                    format!(
                        "`{key}` must be a list (lines starting with `- `), not {}",
                        node.value.kind_name()
                    ),
                );
                &[]
            }
        }
    }

    fn entities(&mut self, top: &Fields) -> Vec<EntitySpec> {
        let mut out: Vec<EntitySpec> = Vec::new();
        let mut seen: HashMap<String, Pos> = HashMap::new();
        for node in self.list(top, "entities") {
            let Some(f) = self.fields(node, ENTITY_KEYS, "an entity") else {
                continue;
            };
            let id = match f.get("id") {
                Some(n) => self.text(n, "id").map(|id| (id, n.pos)),
                None => {
                    self.error(
                        f.pos,
                        "entity without `id`; add one such as `id: nayib-bukele`",
                    );
                    None
                }
            };
            let id = id.filter(|(id, pos)| {
                let ok = is_valid_id(id);
                if !ok {
                    self.error(*pos, format!(
                        "malformed id `{id}`: use lowercase letters, digits, `-` and `_`, starting with a letter or digit (e.g. `{}`)",
                        suggest_id(id)
                    ));
                }
                ok
            });
            let id = id.filter(|(id, pos)| match seen.get(id) {
                Some(first) => {
                    self.error(
                        *pos,
                        format!(
                            "duplicate entity id `{id}` (first defined at line {}); ids must be unique",
                            first.line
                        ),
                    );
                    false
                }
                None => {
                    seen.insert(id.clone(), *pos);
                    true
                }
            });
            let name = match f.get("name") {
                Some(n) => self.text(n, "name").map(|name| (name, n.pos)),
                None => {
                    self.error(
                        f.pos,
                        "entity without `name`; the name is shown and matched in the body",
                    );
                    None
                }
            };
            let kind = match f.get("kind") {
                None => EntityKind::Other,
                Some(n) => {
                    let text = self.text(n, "kind").unwrap_or_default();
                    EntityKind::parse(&text).unwrap_or_else(|| {
                        let names = EntityKind::ALL.map(EntityKind::as_str);
                        self.error(n.pos, unknown_value("entity kind", &text, &names));
                        EntityKind::Other
                    })
                }
            };
            let mut aliases = Vec::new();
            match f.get("aliases") {
                None => {}
                Some(Node {
                    value: Value::Seq(items),
                    ..
                }) => {
                    for item in items {
                        if let Some(alias) = self.text(item, "aliases") {
                            aliases.push((alias, item.pos));
                        }
                    }
                }
                Some(n) => self.error(
                    n.pos,
                    format!(
                        "`aliases` must be a list such as `[Bukele, President Bukele]`, not {}",
                        n.value.kind_name()
                    ),
                ),
            }
            let note = self.optional_text(&f, "note");
            if let (Some((id, _)), Some(name)) = (id, name) {
                out.push(EntitySpec {
                    pos: f.pos,
                    id,
                    name,
                    kind,
                    aliases,
                    note,
                });
            }
        }
        out
    }

    fn quotes(&mut self, top: &Fields, ids: &HashMap<&str, usize>) -> Vec<QuoteSpec> {
        let mut out = Vec::new();
        for node in self.list(top, "quotes") {
            let Some(f) = self.fields(node, QUOTE_KEYS, "a quote") else {
                continue;
            };
            let speaker = match f.get("speaker") {
                None => {
                    self.error(
                        f.pos,
                        "quote without `speaker`; give the id of the entity who said it",
                    );
                    None
                }
                Some(n) => {
                    // Not text: `self.text` has said so already.
                    let text = self.text(n, "speaker");
                    let found = text.as_deref().and_then(|t| ids.get(t).copied());
                    match text {
                        Some(t) if t.trim().is_empty() => self.error(
                            n.pos,
                            "empty `speaker`; give the id of the entity who said it",
                        ),
                        Some(t) if found.is_none() => {
                            let hint = did_you_mean(&t, ids.keys().copied())
                                .map(|k| format!("; did you mean `{k}`?"))
                                .unwrap_or_else(|| {
                                    "; add an entity with this id under `entities:`".to_string()
                                });
                            self.error(n.pos, format!("unknown speaker `{t}`{hint}"));
                        }
                        _ => {}
                    }
                    found
                }
            };
            let mut segments = Vec::new();
            match f.get("text") {
                None => self.error(
                    f.pos,
                    "quote without `text`; give the quoted words, or a list of segments",
                ),
                Some(n) => match &n.value {
                    Value::Seq(items) if items.is_empty() => {
                        self.error(n.pos, "`text` is an empty list; give at least one segment")
                    }
                    Value::Seq(items) => {
                        for item in items {
                            if let Some(s) = self.text(item, "text") {
                                segments.push((s, item.pos));
                            }
                        }
                    }
                    _ => {
                        if let Some(s) = self.text(n, "text") {
                            segments.push((s, n.pos));
                        }
                    }
                },
            }
            for (s, pos) in &segments {
                if fold_pattern(s).is_empty() {
                    self.error(*pos, "empty quote segment; give the quoted words");
                }
            }
            let kind = match f.get("kind") {
                None => QuoteKind::Direct,
                Some(n) => {
                    let text = self.text(n, "kind").unwrap_or_default();
                    QuoteKind::parse(&text).unwrap_or_else(|| {
                        let names = QuoteKind::ALL.map(QuoteKind::as_str);
                        self.error(n.pos, unknown_value("quote kind", &text, &names));
                        QuoteKind::Direct
                    })
                }
            };
            let occurrence = f.get("occurrence").and_then(|n| match n.value {
                Value::Int(k) if k >= 1 => Some((k as usize, n.pos)),
                _ => {
                    let got = n.as_text().unwrap_or_else(|| n.value.kind_name().into());
                    self.error(
                        n.pos,
                        format!(
                            "`occurrence` must be a whole number from 1 (1 = first), not `{got}`"
                        ),
                    );
                    None
                }
            });
            let id = f.get("id").and_then(|n| {
                let id = self.text(n, "id")?;
                if is_valid_id(&id) {
                    Some((id, n.pos))
                } else {
                    self.error(n.pos, format!(
                        "malformed id `{id}`: use lowercase letters, digits, `-` and `_`, starting with a letter or digit (e.g. `{}`)",
                        suggest_id(&id)
                    ));
                    None
                }
            });
            out.push(QuoteSpec {
                pos: f.pos,
                id,
                speaker,
                segments,
                kind,
                cue: self.optional_text(&f, "cue"),
                occurrence,
                note: self.optional_text(&f, "note"),
            });
        }
        out
    }

    fn mentions(&mut self, folded: &Folded, entities: &[EntitySpec]) -> Vec<Mention> {
        let mut owner: HashMap<String, (usize, Pos)> = HashMap::new();
        let mut forms: Vec<(String, usize)> = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            for (form, pos) in std::iter::once(&e.name).chain(&e.aliases) {
                let folded_form = fold_pattern(form);
                if folded_form.is_empty() {
                    self.error(*pos, "empty name or alias; it would match nothing");
                    continue;
                }
                match owner.get(&folded_form) {
                    Some(&(j, _)) if j == i => {
                        self.warning(
                            *pos,
                            format!("`{form}` is listed twice for entity `{}`", e.id),
                        );
                    }
                    Some(&(j, first)) => {
                        self.error(
                            *pos,
                            format!(
                                "`{form}` names two entities, `{}` (line {}) and `{}`; a surface form may belong to one only",
                                entities[j].id, first.line, e.id
                            ),
                        );
                    }
                    None => {
                        owner.insert(folded_form.clone(), (i, *pos));
                        forms.push((folded_form, i));
                    }
                }
            }
        }
        find::mentions(folded, &forms)
            .into_iter()
            .map(|(hit, entity)| {
                let (start, end) = folded.span_to_body(hit.start, hit.end);
                Mention {
                    span: Span::new(start, end),
                    entity,
                }
            })
            .collect()
    }

    /// Finds every segment of every quote in one pass; `None` for a quote with a problem.
    fn segments(
        &mut self,
        folded: &Folded,
        body: &Body,
        quotes: &[QuoteSpec],
    ) -> Vec<Option<Vec<Span>>> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let ids: Vec<Vec<usize>> = quotes
            .iter()
            .map(|q| {
                q.segments
                    .iter()
                    .map(|(s, _)| {
                        let p = fold_pattern(s);
                        *index.entry(p.clone()).or_insert_with(|| {
                            patterns.push(p);
                            patterns.len() - 1
                        })
                    })
                    .collect()
            })
            .collect();
        let occ = Occurrences::find(folded, &patterns);
        let mut closest_budget = MAX_CLOSEST_SEARCHES;
        let mut not_found = |cx: &mut Self, text: &str, pos: Pos, lead: String| {
            // Past the budget nothing was searched, so nothing can be said about the body.
            let searched = closest_budget > 0;
            let closest = if searched {
                closest_budget -= 1;
                find::closest(folded, &fold_pattern(text)).map(|hit| {
                    let (s, e) = folded.span_to_body(hit.start, hit.end);
                    body.slice(s, e).to_string()
                })
            } else {
                None
            };
            let (given, tail) = match closest {
                Some(c) => {
                    let (given, closest) = differing_excerpts(text, &c, 24);
                    (given, format!("; closest: \"{closest}\""))
                }
                None if searched => (
                    excerpt(text, 24),
                    "; nothing like it is in the body".to_string(),
                ),
                None => (excerpt(text, 24), String::new()),
            };
            cx.error(pos, format!("{lead}: \"{given}\"{tail}"));
        };

        let mut out = Vec::with_capacity(quotes.len());
        for (q, pids) in quotes.iter().zip(&ids) {
            if q.segments.is_empty() || q.segments.iter().any(|(s, _)| fold_pattern(s).is_empty()) {
                out.push(None);
                continue;
            }
            let (first_text, first_pos) = &q.segments[0];
            let p0 = pids[0];
            let count = occ.count(p0);
            let first = match (count, q.occurrence) {
                (0, _) => {
                    not_found(
                        self,
                        first_text,
                        *first_pos,
                        "quote segment not found in the body".into(),
                    );
                    None
                }
                (n, Some((k, pos))) if k > n => {
                    self.error(
                        pos,
                        format!(
                            "`occurrence: {k}` is out of range: the first segment occurs {} in the body",
                            times(n)
                        ),
                    );
                    None
                }
                (_, Some((k, _))) => occ.nth(p0, k - 1),
                (1, None) => occ.nth(p0, 0),
                (n, None) => {
                    self.error(
                        *first_pos,
                        format!(
                            "quote segment occurs {} in the body: \"{}\"; add `occurrence: N` (1 to {n}) to say which",
                            times(n),
                            excerpt(first_text, 24)
                        ),
                    );
                    None
                }
            };
            let Some(first) = first else {
                out.push(None);
                continue;
            };
            let mut hits = vec![first];
            let mut ok = true;
            for (k, (text, pos)) in q.segments.iter().enumerate().skip(1) {
                let prev_end = hits.last().map_or(0, |h| h.end);
                match occ.first_from(pids[k], prev_end) {
                    Some(hit) => hits.push(hit),
                    None if occ.count(pids[k]) > 0 => {
                        self.error(
                            *pos,
                            format!(
                                "quote segment {} occurs only before segment {k} in the body: \"{}\"; segments must be listed in reading order",
                                k + 1,
                                excerpt(text, 24)
                            ),
                        );
                        ok = false;
                        break;
                    }
                    None => {
                        not_found(
                            self,
                            text,
                            *pos,
                            format!("quote segment {} not found after segment {k}", k + 1),
                        );
                        ok = false;
                        break;
                    }
                }
            }
            out.push(ok.then(|| {
                hits.iter()
                    .map(|h| {
                        let (s, e) = folded.span_to_body(h.start, h.end);
                        Span::new(s, e)
                    })
                    .collect()
            }));
        }
        out
    }
}

fn times(n: usize) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

fn unknown_value(what: &str, got: &str, known: &[&str]) -> String {
    let hint = did_you_mean(got, known.iter().copied())
        .map(|k| format!("did you mean `{k}`? "))
        .unwrap_or_default();
    format!(
        "unknown {what} `{got}`; {hint}use one of {}",
        known.join(", ")
    )
}

fn suggest_id(id: &str) -> String {
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

    fn load_inline(src: &str) -> Result<Loaded, Problems> {
        load_str(Path::new("t.yaml"), src, &|p: &Path| {
            Err(Problem::error(p, None, "no such file"))
        })
    }

    fn messages(src: &str) -> Vec<String> {
        match load_inline(src) {
            Ok(l) => l.warnings.0.iter().map(|p| p.to_string()).collect(),
            Err(p) => p.0.iter().map(|p| p.to_string()).collect(),
        }
    }

    const GOOD: &str = "title: T
body: |
  “We are here,” Bukele declared. “We stay.” Trump said no. Trump administration officials, too.
entities:
  - {id: bukele, name: Nayib Bukele, kind: person, aliases: [Bukele]}
  - {id: trump, name: Donald Trump, kind: person, aliases: [Trump]}
  - {id: admin, name: Trump administration, kind: organization}
quotes:
  - speaker: bukele
    text: [\"We are here,\", We stay.]
    cue: declared
  - {speaker: trump, text: no, kind: indirect}
";

    #[test]
    fn loads_a_good_file() {
        let loaded = load_inline(GOOD).unwrap();
        let a = &loaded.article;
        assert_eq!(a.quotes.len(), 2);
        let q = &a.quotes[0];
        assert_eq!(a.quote_text(q), "We are here, … We stay.");
        assert_eq!(q.id, "q1");
        let names: Vec<_> = a
            .mentions
            .iter()
            .map(|m| (a.body.slice(m.span.start, m.span.end), m.entity))
            .collect();
        assert_eq!(
            names,
            [("Bukele", 0), ("Trump", 1), ("Trump administration", 2)]
        );
        assert_eq!(a.speaker_position(1), (1, 1));
    }

    #[test]
    fn multi_segment_quote_uses_the_first_occurrence_after_the_previous() {
        let src = "title: T
body: \"a b. x y. a b. c d. x y.\"
entities: [{id: s, name: S}]
quotes:
  - {speaker: s, text: [a b., x y.], occurrence: 2}
";
        let a = load_inline(src).unwrap().article;
        assert_eq!(a.quotes[0].segments, [Span::new(10, 14), Span::new(20, 24)]);
    }

    #[test]
    fn reports_every_problem_with_its_line() {
        let src = "title: T
body: Hello world, hello again.
entities:
  - {id: a, name: Hello}
  - {id: a, name: world}
  - {id: Bad Id, name: again}
  - {id: b, name: Hello, kind: persn}
quotes:
  - {speaker: nobody, text: Hello}
  - {speaker: a, text: [\"world, hello\", missing bit here]}
  - {speaker: a, text: Hello}
  - {speaker: a, text: Hello, occurrence: 3}
  - {speaker: a, text: helo world, quote: x}
";
        let got = messages(src);
        let want = [
            "t.yaml:5:10: error: duplicate entity id `a` (first defined at line 4)",
            "t.yaml:6:10: error: malformed id `Bad Id`",
            "t.yaml:7:32: error: unknown entity kind `persn`; did you mean `person`?",
            "t.yaml:9:15: error: unknown speaker `nobody`",
            "t.yaml:10:41: error: quote segment 2 not found after segment 1: \"missing bit here\"",
            "t.yaml:12:43: error: `occurrence: 3` is out of range: the first segment occurs once",
            "t.yaml:13:36: error: unknown key `quote` in a quote; did you mean `note`?",
            "t.yaml:13:24: error: quote segment not found in the body: \"helo world\"; closest: \"Hello world\"",
            "t.yaml:7:19: error: `Hello` names two entities, `a` (line 4) and `b`",
        ];
        for w in want {
            assert!(
                got.iter().any(|g| g.starts_with(w)),
                "missing {w:?} in {got:#?}"
            );
        }
    }

    #[test]
    fn past_the_closest_budget_errors_claim_nothing_about_the_body() {
        let mut src = String::from(
            "title: T\nbody: the cat sat on the mat\nentities: [{id: s, name: S}]\nquotes:\n",
        );
        for i in 0..=MAX_CLOSEST_SEARCHES {
            src.push_str(&format!(
                "  - {{speaker: s, text: \"the cat sat on teh mat {i}\"}}\n"
            ));
        }
        let got = messages(&src);
        let not_found: Vec<_> = got.iter().filter(|g| g.contains("not found")).collect();
        assert_eq!(not_found.len(), MAX_CLOSEST_SEARCHES + 1);
        assert!(not_found[0].contains("; closest: "), "{got:?}");
        let last = not_found[MAX_CLOSEST_SEARCHES];
        assert!(
            !last.contains("closest") && !last.contains("nothing like it"),
            "{last}"
        );
    }

    #[test]
    fn a_late_misspelling_shows_in_both_excerpts() {
        let got = messages(
            "title: T\nbody: We counted 204 boats in the harbour on day 7.\nentities: [{id: s, name: S}]\nquotes: [{speaker: s, text: We counted 204 boats in teh harbour}]\n",
        );
        assert!(
            got[0].ends_with(
                "quote segment not found in the body: \"…boats in teh harbour\"; closest: \"…boats in the harbour\""
            ),
            "{got:?}"
        );
        assert_eq!(
            differing_excerpts(
                "We are recieving these criminals",
                "We are receiving these criminals",
                24
            ),
            (
                "We are recieving these…".to_string(),
                "We are receiving these…".to_string()
            )
        );
    }

    #[test]
    fn an_empty_speaker_is_an_error_not_a_dropped_quote() {
        let got = messages(
            "title: T\nbody: hi there\nentities: [{id: s, name: S}]\nquotes: [{speaker: \"\", text: hi}]\n",
        );
        assert!(
            got.iter()
                .any(|g| g.starts_with("t.yaml:4:20: error: empty `speaker`")),
            "{got:?}"
        );
    }

    #[test]
    fn ambiguous_first_segment_says_how_many() {
        let got = messages(
            "title: T\nbody: yes yes yes\nentities: [{id: s, name: S}]\nquotes: [{speaker: s, text: yes}]\n",
        );
        assert!(
            got.iter()
                .any(|g| g.contains("occurs 3 times") && g.contains("occurrence: N")),
            "{got:?}"
        );
    }

    #[test]
    fn body_and_body_file_are_exclusive() {
        let got = messages("title: T\nbody: x\nbody_file: x.md\n");
        assert!(
            got[0].starts_with("t.yaml:3:1: error: both `body` and `body_file`"),
            "{got:?}"
        );
        let got = messages("title: T\n");
        assert!(got[0].contains("missing the text"), "{got:?}");
    }

    #[test]
    fn missing_title_and_wrong_format() {
        let got = messages("format: 2\nbody: x\n");
        assert!(
            got.iter()
                .any(|g| g.starts_with("t.yaml:1:9: error: unsupported `format: 2`")),
            "{got:?}"
        );
        assert!(got.iter().any(|g| g.contains("missing `title`")), "{got:?}");
    }

    #[test]
    fn format_one_as_text_or_float_is_shown_as_written() {
        let got = messages("format: \"1\"\ntitle: T\nbody: x\n");
        assert!(
            got[0].starts_with("t.yaml:1:9: error: unsupported `format: \"1\"`"),
            "{got:?}"
        );
        let got = messages("format: 1.0\ntitle: T\nbody: x\n");
        assert!(
            got[0].starts_with("t.yaml:1:9: error: unsupported `format: 1.0`"),
            "{got:?}"
        );
    }

    #[test]
    fn missing_body_file_points_at_the_path() {
        let got = messages("title: T\nbody_file: nope.md\n");
        assert!(
            got[0].starts_with("t.yaml:2:12: error: body file `nope.md` not found"),
            "{got:?}"
        );
    }

    #[test]
    fn empty_file() {
        assert!(messages("")[0].contains("the file is empty"));
        assert!(messages("# just a comment\n")[0].contains("holds no keys"));
    }

    #[test]
    fn unmentioned_entity_is_a_warning() {
        let loaded =
            load_inline("title: T\nbody: hi\nentities: [{id: wwii, name: World War II}]\n")
                .unwrap();
        let w: Vec<_> = loaded.warnings.0.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            w,
            [
                "t.yaml:3:12: warning: entity `wwii` is never mentioned in the body and has no quotes"
            ]
        );
    }

    #[test]
    fn a_file_just_over_the_limit_is_not_said_to_be_at_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.yaml");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(MAX_FILE_BYTES + 1).unwrap();
        let problem = read_text(&path).unwrap_err();
        assert_eq!(
            problem.message,
            "file is 67108865 bytes, over the limit of 64 MiB; split it or trim it"
        );
    }

    #[test]
    fn ids_and_excerpts() {
        assert!(is_valid_id("ms-13_x"));
        assert!(!is_valid_id("-x") && !is_valid_id("A") && !is_valid_id(""));
        assert_eq!(
            excerpt("We are recieving these criminals because", 24),
            "We are recieving these…"
        );
        assert_eq!(suggest_id("Bad Id"), "bad-id");
    }
}

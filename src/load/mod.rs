//! The loader: an annotation file (format 1) and its body, checked in full and turned into an
//! [`Article`]. Every problem of a file is collected, each with the line and column of the YAML
//! node it is about, so that one `check` run shows them all.
//!
//! Split along the steps of a load: `fields` reads typed values out of YAML mappings,
//! `entities` and `quotes` check those two lists, `locating` finds the quotes' segments in the
//! body, and `messages` words what is reported.

mod ahead;
mod entities;
mod fields;
mod language;
mod locating;
pub(crate) mod messages;
mod quotes;

use std::path::{Path, PathBuf};

use crate::article::{Article, Meta};
use crate::body::Body;
use crate::find::Occurrences;
use crate::fold::Folded;
use crate::problem::{Problem, Problems, did_you_mean};
use crate::yaml::{self, Pos, Value};

use entities::EntitySpec;
use fields::Fields;
pub use fields::is_valid_id;
pub use messages::{excerpt, shown};

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The `format` values read, as written.
const FORMATS: &[&str] = &["1", "1.1"];

const TOP_KEYS: &[&str] = &[
    "format",
    "title",
    "source",
    "author",
    "published",
    "url",
    "license",
    "language",
    "body_file",
    "body",
    "entities",
    "quotes",
];

/// A body with its folded form, made together (on two threads for a long body).
type Prepared = (Body, Folded);

fn prepare(text: String) -> Prepared {
    Body::new_alongside(text, Folded::new)
}

/// [`prepare`] on this thread alone: for a body read while the YAML is parsed, where a third
/// thread would only take turns with the other two on a machine of two cores.
fn prepare_here(text: String) -> Prepared {
    let body = Body::new(text);
    let folded = Folded::new(body.as_str());
    (body, folded)
}

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
    // The body file is read, indexed and folded while the YAML is parsed (`ahead`).
    let mut loaded = std::thread::scope(|scope| {
        let ahead = ahead::Ahead::start(scope, path, &src);
        load_prepared(path, &src, &|body: &Path| {
            ahead::Ahead::read(ahead.as_ref(), body)
        })
    });
    if let Some(twin) = twin_warning(path) {
        match &mut loaded {
            Ok(loaded) => loaded.warnings.0.push(twin),
            Err(problems) => problems.0.push(twin),
        }
    }
    loaded
}

/// `a.yaml` and `a.yml` side by side are two articles that look like one: each keeps its own
/// highlights (see `highlights::sidecar_path`), and the reader should know which one is open.
fn twin_warning(path: &Path) -> Option<Problem> {
    let (this, other) = match path.extension()?.to_str()? {
        "yaml" => ("yaml", "yml"),
        "yml" => ("yml", "yaml"),
        _ => return None,
    };
    let twin = path.with_extension(other);
    std::fs::symlink_metadata(&twin).ok()?;
    let sidecar = crate::highlights::sidecar_path(path);
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    Some(Problem::warning(
        path,
        None,
        format!(
            "`{}` stands beside this file: they are two articles, and this one (`.{this}`) keeps \
             its highlights in `{}`; rename or remove one of them so nobody opens the wrong one",
            name(&twin)?,
            name(&sidecar)?,
        ),
    ))
}

/// Loads from annotation text already in memory; `read_body` fetches a `body_file` (already
/// resolved against the annotation file's folder) as text, or says what is wrong with it.
pub fn load_str(
    path: &Path,
    src: &str,
    read_body: &dyn Fn(&Path) -> Result<String, Problem>,
) -> Result<Loaded, Problems> {
    load_prepared(path, src, &|body: &Path| read_body(body).map(prepare))
}

fn load_prepared(
    path: &Path,
    src: &str,
    read_body: &dyn Fn(&Path) -> Result<Prepared, Problem>,
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

/// Reads a whole file as UTF-8 text, refusing what is too large, missing, not a regular file
/// (a FIFO or device would block or never end) or not UTF-8.
pub fn read_text(path: &Path) -> Result<String, Problem> {
    crate::safe_fs::read_text(path, MAX_FILE_BYTES).map_err(|e| {
        let message = match e {
            crate::safe_fs::IoError::NotFound => "no such file".to_string(),
            e => e.to_string(),
        };
        Problem::error(path, None, message)
    })
}

/// A file beside `missing` whose name is close to its name (`Water.md` for `water.md`): the
/// names in its folder, of which only the first few thousand are looked at.
fn similar_file(missing: &Path, rel: &str) -> Option<String> {
    const MAX_LOOKED_AT: usize = 5_000;
    let wanted = missing.file_name()?.to_str()?;
    let folder = match missing.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let names: Vec<String> = std::fs::read_dir(folder)
        .ok()?
        .take(MAX_LOOKED_AT)
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !n.ends_with(".yaml") && !n.ends_with(".yml"))
        .collect();
    let name = did_you_mean(wanted, names.iter().map(String::as_str))?;
    // As the user would write it in `body_file:`, beside the folder part they gave.
    Some(messages::shown(
        &Path::new(rel).with_file_name(name).display().to_string(),
    ))
}

struct Cx<'a> {
    file: &'a Path,
    problems: Problems,
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
        read_body: &dyn Fn(&Path) -> Result<Prepared, Problem>,
    ) -> Option<Article> {
        let root = self.root(src)?;
        let top = self.fields(&root, TOP_KEYS, "the annotation file")?;
        let meta = self.meta(&top);
        let (body, body_path) = self.body(&top, read_body);

        let entity_specs = self.entities(&top);
        let refs: Vec<(&str, Vec<&str>)> = entity_specs.iter().map(EntitySpec::refs).collect();
        let quote_specs = self.quotes(&top, &refs);

        let (body, folded) = body?;
        // The two passes over the body, for names and for quote segments, on two threads. The
        // second, whose pass is the shorter, also folds the segments' patterns and frees the
        // YAML tree, read by now (freeing it was 4-5 ms at the end of a long article's load).
        drop(top);
        let tree = root;
        let (mentions, (wanted, occ)) = std::thread::scope(|scope| {
            let occ = scope.spawn(|| {
                drop(tree);
                let wanted = locating::SegmentPatterns::new(&quote_specs);
                let occ = Occurrences::find(&folded, &wanted.patterns);
                (wanted, occ)
            });
            let mentions = self.mentions(&folded, &entity_specs);
            let occ = occ.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            (mentions, occ)
        });
        let segments = self.segments(&folded, &body, &quote_specs, wanted, occ);

        let (mut quotes, mut scare_quotes) = self.build_quotes(quote_specs.iter().zip(segments));
        quotes.sort_by_key(|q| q.extent().start());
        scare_quotes.sort_by_key(|q| q.extent().start());
        let entities = self.build_entities(entity_specs, &quote_specs, &mentions, &quotes);

        Some(Article {
            path: self.file.to_path_buf(),
            body_path,
            meta,
            body,
            folded,
            entities,
            quotes,
            scare_quotes,
            mentions,
        })
    }

    /// Parses the file into its root node; `None` (with the problem reported) when the file is
    /// empty, holds no keys or is not YAML.
    fn root(&mut self, src: &str) -> Option<yaml::Node> {
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
        Some(root)
    }

    /// `format`, `title` and the other keys about the article as a whole.
    fn meta(&mut self, top: &Fields) -> Meta {
        if let Some(node) = top.get("format") {
            // Checked as written: `1.10` or `"1"` is not how a version is given.
            let written = match &node.value {
                Value::Str(s) => format!("{s:?}"),
                _ => node
                    .as_text()
                    .unwrap_or_else(|| node.value.kind_name().into()),
            };
            if !matches!(node.value, Value::Int(_) | Value::Float(_))
                || !FORMATS.contains(&written.as_str())
            {
                self.error(
                    node.pos,
                    format!(
                        "unsupported `format: {written}`; this version of scholia reads format 1 and 1.1 (`format: 1.1`)"
                    ),
                );
            }
        }
        let title = match top.get("title") {
            Some(node) => self.text(node, "title").unwrap_or_default(),
            None => {
                self.error(top.pos, "missing `title`: every article needs one");
                String::new()
            }
        };
        let language = top.get("language").and_then(|node| {
            let tag = self.text(node, "language")?;
            match language::problem(tag.trim()) {
                Some(message) => {
                    self.error(node.pos, message);
                    None
                }
                None => Some(tag.trim().to_string()),
            }
        });
        Meta {
            title,
            source: self.optional_text(top, "source"),
            author: self.optional_text(top, "author"),
            published: self.optional_text(top, "published"),
            url: self.optional_text(top, "url"),
            license: self.optional_text(top, "license"),
            language,
            extensions: top
                .extensions
                .iter()
                .map(|(k, v)| (k.to_string(), fields::to_json(v)))
                .collect(),
        }
    }

    fn body(
        &mut self,
        top: &Fields,
        read_body: &dyn Fn(&Path) -> Result<Prepared, Problem>,
    ) -> (Option<Prepared>, Option<PathBuf>) {
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
                Value::Str(ref text) => (Some(prepare(text.clone())), None),
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
                    Ok(prepared) => (Some(prepared), Some(path)),
                    Err(mut problem) => {
                        if problem.message == "no such file" {
                            let hint = similar_file(&path, &rel)
                                .map(|name| format!("; did you mean `{name}`?"))
                                .unwrap_or_default();
                            self.error(
                                node.pos,
                                format!(
                                    "body file `{rel}` not found (looked for {}); the path is relative to this file's folder{hint}",
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
}

#[cfg(test)]
mod tests {
    use super::locating::MAX_CLOSEST_SEARCHES;
    use super::*;
    use crate::article::Span;

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

    #[test]
    fn a_missing_segment_is_shown_beside_its_passage_where_its_first_words_stand() {
        // `cannot` for `can't`: the passage starts at `You`, in its own paragraph, and an
        // apostrophe inside a word is not taken for a quotation mark.
        let src = "title: T
body: |
  The minutes are kept by the library window.

  “You can't land crab on a restaurant terrace,” Beazley said.
entities:
  - {id: b, name: Beazley, kind: person}
quotes:
  - {speaker: b, text: \"You cannot land lobster on a restaurant terrace,\"}
";
        let got = messages(src);
        assert!(
            got.iter().any(|m| m.contains(
                "\"You can▸not land lobster on a restaura…\"; the closest passage, at body line 3:2, reads \"…window. ¶ “You can▸'t land crab"
            )),
            "{got:?}"
        );
        assert!(
            !got.iter().any(|m| m.contains("quotation mark there")),
            "{got:?}"
        );
        // A segment run across a quote that stops and starts again is told so.
        let src = "title: T
body: |
  “We will build it,” she said, “and soon.”
entities:
  - {id: b, name: Beazley, kind: person}
quotes:
  - {speaker: b, text: \"We will build it, and soon.\"}
";
        let got = messages(src);
        assert!(
            got.iter()
                .any(|m| m.contains("the body has a quotation mark there")),
            "{got:?}"
        );
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
            .map(|m| (a.body.slice(m.span.start(), m.span.end()), m.entity))
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
            "t.yaml:13:24: error: quote segment not found in the body: \"▸helo world\"; the closest passage, at body line 1:1, reads \"▸Hello world, hello ag…\" (▸ marks where they first differ)",
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
        assert!(not_found[0].contains("; the closest passage"), "{got:?}");
        let last = not_found[MAX_CLOSEST_SEARCHES];
        assert!(
            !last.contains("closest passage") && !last.contains("nothing like it"),
            "{last}"
        );
    }

    #[test]
    fn a_late_misspelling_is_marked_in_both_texts() {
        let got = messages(
            "title: T\nbody: We counted 204 boats in the harbour on day 7.\nentities: [{id: s, name: S}]\nquotes: [{speaker: s, text: We counted 204 boats in teh harbour}]\n",
        );
        assert!(
            got[0].ends_with(
                "quote segment not found in the body: \"We counted 204 boats in t▸eh harbour\"; the closest passage, at body line 1:1, reads \"We counted 204 boats in t▸he harbour on day 7.\" (▸ marks where they first differ)"
            ),
            "{got:?}"
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
}

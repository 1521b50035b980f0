//! The non-interactive commands (`check`, `export`, `themes`), written against plain writers so
//! that tests can run them without a terminal. Each returns the process exit code.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::export::{self, Format, Item, Selection};
use crate::highlights::{self, Highlight};
use crate::load::{self, Loaded};
use crate::problem::Problem;

/// Exit codes of the spec: 0 success, 1 the input has errors, 2 usage errors.
pub const EXIT_OK: u8 = 0;
pub const EXIT_INPUT: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// The annotation files a PATH stands for: the file itself, or every `*.yaml`/`*.yml` below a
/// folder that is not a highlights sidecar, in name order.
pub fn annotation_files(path: &Path) -> Result<Vec<PathBuf>, Problem> {
    let meta = std::fs::metadata(path).map_err(|e| {
        let what = if e.kind() == std::io::ErrorKind::NotFound {
            "no such file or folder".to_string()
        } else {
            e.to_string()
        };
        Problem::error(path, None, what)
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    // Loop-safe (a folder is entered once however many links lead to it); special files named
    // like annotations are passed over with a warning rather than opened.
    let (mut out, skipped) = crate::safe_fs::walk(path, &is_annotation_file);
    for (file, why) in skipped {
        eprintln!("{}", Problem::warning(&file, None, why));
    }
    out.sort();
    if out.is_empty() {
        return Err(Problem::error(
            path,
            None,
            "no annotation files (*.yaml, *.yml) in this folder",
        ));
    }
    Ok(out)
}

/// `*.yaml` or `*.yml`, but not a highlights sidecar.
pub fn is_annotation_file(name: &str) -> bool {
    (name.ends_with(".yaml") || name.ends_with(".yml"))
        && !name.ends_with(".highlights.yaml")
        && !name.ends_with(".highlights.yml")
}

/// `scholia check PATH...`: every problem of every file, errors first, then warnings.
pub fn check(paths: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut errors = 0;
    let mut warnings = 0;
    let mut files = 0;
    let mut stdout_failed: Option<std::io::Error> = None;
    for path in paths {
        let list = match annotation_files(path) {
            Ok(list) => list,
            Err(p) => {
                let _ = writeln!(err, "{p}");
                errors += 1;
                continue;
            }
        };
        for file in list {
            files += 1;
            match load::load(&file) {
                Ok(Loaded {
                    article,
                    warnings: w,
                }) => {
                    for p in w.sorted() {
                        let _ = writeln!(err, "{p}");
                    }
                    warnings += w.0.len();
                    let written = writeln!(
                        out,
                        "{}: ok — {} entities, {} quotes, {} mentions",
                        file.display(),
                        article.entities.len(),
                        article.quotes.len(),
                        article.mentions.len()
                    );
                    if let Err(e) = written {
                        stdout_failed.get_or_insert(e);
                    }
                }
                Err(problems) => {
                    for p in problems.sorted() {
                        let _ = writeln!(err, "{p}");
                    }
                    errors += problems.errors().count();
                    warnings += problems.warnings().count();
                }
            }
        }
    }
    // A report that could not be written is not a clean bill of health.
    if let Some(e) = stdout_failed.or_else(|| out.flush().err()) {
        let e = crate::safe_fs::IoError::from(e);
        let _ = writeln!(err, "error: cannot write to standard output: {e}");
        return EXIT_INPUT;
    }
    let _ = writeln!(
        err,
        "checked {files} file{}: {errors} error{}, {warnings} warning{}",
        plural(files),
        plural(errors),
        plural(warnings)
    );
    if errors > 0 { EXIT_INPUT } else { EXIT_OK }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// What `scholia export` was asked for.
pub struct ExportArgs {
    pub path: PathBuf,
    pub format: Format,
    pub selection: Selection,
    pub output: Option<PathBuf>,
    /// The sidecar to read, when not the default one beside each annotation file.
    pub highlights: Option<PathBuf>,
}

/// `scholia export`.
pub fn export(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let files = match annotation_files(&args.path) {
        Ok(files) => files,
        Err(p) => {
            let _ = writeln!(err, "{p}");
            return EXIT_INPUT;
        }
    };
    let mut articles: Vec<(Article, Vec<Highlight>)> = Vec::new();
    let mut failed = false;
    for file in files {
        match load::load(&file) {
            Ok(loaded) => {
                for p in loaded.warnings.sorted() {
                    let _ = writeln!(err, "{p}");
                }
                let sidecar = args
                    .highlights
                    .clone()
                    .unwrap_or_else(|| highlights::sidecar_path(&file));
                // A `--highlights` file named by hand that is not there is a typo, not an
                // article without highlights.
                if args.highlights.is_some() && std::fs::symlink_metadata(&sidecar).is_err() {
                    let _ = writeln!(
                        err,
                        "{}",
                        Problem::error(&sidecar, None, "no such highlights file (--highlights)")
                    );
                    failed = true;
                    continue;
                }
                // Highlights are re-anchored as the reader would, so an edited body exports
                // them where they now stand, and the lost ones as orphans.
                let list = match highlights::read(&sidecar) {
                    Ok(mut list) => {
                        highlights::reanchor(&mut list, &loaded.article.body);
                        list
                    }
                    Err(p) => {
                        let _ = writeln!(err, "{p}");
                        failed = true;
                        Vec::new()
                    }
                };
                articles.push((loaded.article, list));
            }
            Err(problems) => {
                for p in problems.sorted() {
                    let _ = writeln!(err, "{p}");
                }
                failed = true;
            }
        }
    }
    if failed {
        return EXIT_INPUT;
    }
    // A mistyped `--speaker` would otherwise export nothing, silently; a name or alias stands
    // for its entity's id.
    let mut selection = args.selection.clone();
    let all: Vec<&Article> = articles.iter().map(|(a, _)| a).collect();
    match crate::article::resolve_speakers(&all, &args.selection.speakers) {
        Ok(ids) => selection.speakers = ids,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            return EXIT_USAGE;
        }
    }
    let items: Vec<Item> = articles
        .iter()
        .map(|(article, highlights)| Item {
            name: export::article_name(&article.path, &args.path),
            article,
            highlights,
        })
        .collect();
    let text = export::render(&items, &selection, args.format);
    match &args.output {
        None => {
            if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                let e = crate::safe_fs::IoError::from(e);
                let _ = writeln!(err, "error: cannot write to standard output: {e}");
                return EXIT_INPUT;
            }
        }
        Some(path) => {
            if let Err(e) = crate::atomic::write_output(path, text.as_bytes()) {
                let _ = writeln!(err, "{}: error: cannot write: {e}", path.display());
                return EXIT_INPUT;
            }
            let _ = writeln!(err, "wrote {}", path.display());
        }
    }
    EXIT_OK
}

//! `scholia check`: validate annotation files.

use std::io::Write;
use std::path::PathBuf;

use super::files::{Named, annotation_files, what_is, wrong_file};
use super::{EXIT_INPUT, EXIT_OK};
use crate::load::{self, Loaded};

/// What `scholia check` was asked for.
#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// `scholia check PATH...`: every problem of every file, errors first, then warnings.
pub fn run(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let paths = &args.paths;
    let mut errors = 0;
    let mut warnings = 0;
    let mut files = 0;
    let mut stdout_failed: Option<std::io::Error> = None;
    for path in paths {
        // A body or a highlights file named by mistake: say which file to check, not a YAML error.
        let named = what_is(path);
        if let Some(p) = wrong_file(path, &named, "check") {
            let _ = writeln!(err, "{p}");
            errors += 1;
            continue;
        }
        if let Named::Body(None) = named {
            let p = crate::problem::Problem::error(
                path,
                None,
                format!(
                    "this is an article's text with no annotation file beside it; `scholia suggest {}` drafts one",
                    crate::problem::inert_path(path)
                ),
            );
            let _ = writeln!(err, "{p}");
            errors += 1;
            continue;
        }
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
                    // Scare quotes are not speech: counted apart, and only where there are any.
                    let scare = match article.scare_quotes.len() {
                        0 => String::new(),
                        n => format!(", {}", counted(n, "scare quote")),
                    };
                    let written = writeln!(
                        out,
                        "{}: ok — {}, {}{scare}, {}",
                        crate::problem::inert_path(&file),
                        counted(article.entities.len(), "entity"),
                        counted(article.quotes.len(), "quote"),
                        counted(article.mentions.len(), "mention"),
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

/// "1 entity", "2 entities", "1 quote", "3 scare quotes".
fn counted(n: usize, one: &str) -> String {
    match (n, one.strip_suffix('y')) {
        (1, _) => format!("1 {one}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {one}s"),
    }
}

//! `scholia import`: another tool's annotations as a format 1.1 annotation file, with the body
//! written beside it.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::{EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use crate::import::{self, yaml};
use crate::problem::{Problem, inert_path};

/// What `scholia import` was asked for.
#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The file to import: a brat `.ann` (its `.txt` beside it) or a Label Studio JSON export
    pub file: PathBuf,
    /// The format FILE is in
    #[arg(long, value_enum)]
    pub from: From,
    /// The annotation file to write (its body goes beside it as NAME.md)
    #[arg(short, long, value_name = "NAME.yaml")]
    pub output: PathBuf,
    /// Replace NAME.yaml and NAME.md if they exist
    #[arg(long)]
    pub force: bool,
    /// The article's title, when the source has none (default: FILE's name)
    #[arg(long)]
    pub title: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum From {
    /// brat standoff: FILE.ann with FILE.txt
    Brat,
    /// Label Studio JSON export (a task, or a list of tasks: the first is read)
    Labelstudio,
    /// Citron's quote JSON (`text`, `quotes` of cue, sources, contents)
    Citron,
}

/// `scholia import`.
pub fn run(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let say = |err: &mut dyn Write, p: &Problem| {
        let _ = writeln!(err, "{p}");
    };
    let yaml_path = &args.output;
    let body_name = yaml::body_file_name(yaml_path);
    let body_path = yaml_path.with_file_name(&body_name);
    if yaml_path
        .extension()
        .is_none_or(|e| e != "yaml" && e != "yml")
    {
        let _ = writeln!(
            err,
            "error: -o {}: name the annotation file NAME.yaml (its body is written as NAME.md)",
            inert_path(yaml_path)
        );
        return EXIT_USAGE;
    }
    if !args.force {
        for p in [yaml_path, &body_path] {
            if std::fs::symlink_metadata(p).is_ok() {
                say(
                    err,
                    &Problem::error(
                        p,
                        None,
                        "already exists; choose another -o NAME.yaml, or add --force to replace it",
                    ),
                );
                return EXIT_USAGE;
            }
        }
    }
    let mut notes = Vec::new();
    let (doc, fallback) = match args.from {
        From::Brat => match read_brat(&args.file, &mut notes) {
            Ok(doc) => doc,
            Err(problems) => {
                for p in &problems {
                    say(err, p);
                }
                return EXIT_INPUT;
            }
        },
        From::Labelstudio | From::Citron => {
            let reader = match args.from {
                From::Citron => import::citron::read,
                _ => import::labelstudio::read,
            };
            let read = crate::load::read_text(&args.file)
                .map_err(|p| vec![p])
                .and_then(|text| reader(&args.file, &text, &mut notes));
            match read {
                Ok(doc) => (doc, stem(&args.file)),
                Err(problems) => {
                    for p in &problems {
                        say(err, p);
                    }
                    return EXIT_INPUT;
                }
            }
        }
    };
    let title = args.title.clone().unwrap_or(fallback);
    let written = match yaml::write(&doc, &body_name, &title) {
        Ok(w) => w,
        Err(problems) => {
            let _ = writeln!(
                err,
                "error: the imported annotations would not load; nothing written. The loader said:"
            );
            for p in problems.iter().take(20) {
                let _ = writeln!(err, "  {}", crate::load::shown(&p.message));
            }
            return EXIT_INPUT;
        }
    };
    notes.extend(written.unmapped);
    for n in &notes {
        let _ = writeln!(err, "warning: {}", crate::load::shown(n));
    }
    // The body first: an annotation file is never left naming a body that is not there.
    for (path, bytes) in [
        (&body_path, doc.body.as_bytes()),
        (yaml_path, written.yaml.as_bytes()),
    ] {
        if let Err(e) = crate::atomic::write(path, bytes) {
            let _ = writeln!(err, "{}: error: cannot write: {e}", inert_path(path));
            return EXIT_INPUT;
        }
    }
    let a = &written.article;
    let _ = writeln!(
        out,
        "wrote {} ({} entities, {} quotes, {} mentions) and {}{}",
        inert_path(yaml_path),
        a.entities.len(),
        a.quotes.len() + a.scare_quotes.len(),
        a.entities.iter().map(|e| e.mentions.len()).sum::<usize>(),
        inert_path(&body_path),
        if notes.is_empty() {
            String::new()
        } else {
            format!(
                "; {} thing(s) could not be carried over (above)",
                notes.len()
            )
        }
    );
    EXIT_OK
}

/// The `.ann` and the `.txt` beside it (FILE may name either).
fn read_brat(file: &Path, notes: &mut Vec<String>) -> Result<(import::Doc, String), Vec<Problem>> {
    let ann = file.with_extension("ann");
    let txt = file.with_extension("txt");
    let read = |p: &Path| crate::load::read_text(p).map_err(|e| vec![e]);
    let ann_text = read(&ann)?;
    let body = read(&txt)?;
    let doc = import::brat::read(&ann, &ann_text, &body, notes)?;
    Ok((doc, stem(file)))
}

/// The title of an article whose source has none: its file's name.
fn stem(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Imported article".into())
}

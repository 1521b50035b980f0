//! `scholia suggest`: bodies in, drafts out. One body goes to standard output or `-o FILE`
//! (written atomically, never over an existing file without `--force`); a folder of bodies
//! gets `<stem>.yaml` beside each, drafted in parallel; `--against GOLD.yaml` scores the draft.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::atomic;
use crate::body::Body;
use crate::cli::{EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use crate::load;
use crate::problem::{Problem, inert_path};

use super::evaluate;
use super::write::{self, Written};

/// What `scholia suggest` was asked for.
#[derive(clap::Args, Debug)]
pub struct SuggestArgs {
    /// The body (*.md, *.txt), or a folder: each draft then goes beside its body as <stem>.yaml
    pub path: PathBuf,
    /// Write the draft to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace drafts that already exist
    #[arg(long)]
    pub force: bool,
    /// Score the draft against a hand-made annotation of the same body instead of writing it
    #[arg(long, value_name = "GOLD.yaml")]
    pub against: Option<PathBuf>,
}

/// Runs the command; returns the exit code.
pub fn suggest_command(args: &SuggestArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if let Some(gold) = &args.against {
        return against(&args.path, gold, out, err);
    }
    if args.path.is_dir() {
        if args.output.is_some() {
            let _ = writeln!(
                err,
                "error: -o names one file; for a folder each draft goes beside its body as <stem>.yaml"
            );
            return EXIT_USAGE;
        }
        return folder(&args.path, args.force, err);
    }
    let text = match read_body(&args.path) {
        Ok(t) => t,
        Err(p) => {
            let _ = writeln!(err, "{p}");
            return EXIT_INPUT;
        }
    };
    match &args.output {
        None => {
            let body_file = file_name(&args.path);
            let w = draft_for(&text, &body_file, &args.path);
            // A draft holds the body's own words: on a terminal, they are shown cleaned.
            let yaml = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                crate::sanitize::terminal_text(&w.yaml)
            } else {
                w.yaml
            };
            if let Err(e) = out.write_all(yaml.as_bytes()).and_then(|()| out.flush()) {
                let e = crate::safe_fs::IoError::from(e);
                let _ = writeln!(err, "error: cannot write to standard output: {e}");
                return EXIT_INPUT;
            }
            EXIT_OK
        }
        Some(target) => {
            if same_file(target, &args.path) {
                let p = Problem::error(
                    target,
                    None,
                    format!(
                        "this is the body itself; give the draft another name, such as {}",
                        args.path.with_extension("yaml").display()
                    ),
                );
                let _ = writeln!(err, "{p}");
                return EXIT_INPUT;
            }
            if let Err(p) = may_write(target, args.force, false) {
                let _ = writeln!(err, "{p}");
                return EXIT_INPUT;
            }
            let body_file = relative_body_path(target, &args.path);
            let w = draft_for(&text, &body_file, &args.path);
            match atomic::write(target, w.yaml.as_bytes()) {
                Ok(()) => {
                    let _ = writeln!(err, "wrote {}", inert_path(target));
                    EXIT_OK
                }
                Err(e) => {
                    let p = Problem::error(target, None, format!("cannot write: {e}"));
                    let _ = writeln!(err, "{p}");
                    EXIT_INPUT
                }
            }
        }
    }
}

/// The draft for a bare body as the reader shows it: its text, the `<stem>.yaml` it would be
/// written to (beside the body, naming it by file name), and the draft.
pub fn draft_beside(body_path: &Path) -> Result<(String, PathBuf, String), Problem> {
    let text = read_body(body_path)?;
    let target = body_path.with_extension("yaml");
    let w = draft_for(&text, &file_name(body_path), body_path);
    Ok((text, target, w.yaml))
}

/// Reads a body as every other file is read (`safe_fs`): a named pipe or a device is refused
/// at once, never waited on, and the size limit holds.
fn read_body(path: &Path) -> Result<String, Problem> {
    load::read_text(path)
}

/// True when both paths name one file (the draft would replace the body).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

fn draft_for(text: &str, body_file: &str, path: &Path) -> Written {
    let body = Body::new(text.to_string());
    let draft = super::suggest(&body);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    write::render_checked(&draft, &body, body_file, &stem)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Refuses to replace anything but a regular file, and a file at all without `--force`.
/// A draft written beside its body (`suggest FOLDER`) may replace only what the
/// highlights sidecar may: a file, or a link to a file inside the same folder, so that a
/// planted `story.yaml -> ~/.profile` cannot be written through, even with `--force`.
fn may_write(target: &Path, force: bool, beside: bool) -> Result<(), Problem> {
    if beside && let Err(e) = crate::safe_fs::check_beside(target) {
        return Err(Problem::error(
            target,
            None,
            format!("{e}; the draft is not written"),
        ));
    }
    match std::fs::symlink_metadata(target) {
        Err(_) => Ok(()),
        Ok(meta) => {
            let is_file = std::fs::metadata(target).is_ok_and(|m| m.is_file());
            if !is_file {
                return Err(Problem::error(
                    target,
                    None,
                    "exists and is not a regular file; choose another name",
                ));
            }
            if !force {
                return Err(Problem::error(
                    target,
                    None,
                    format!(
                        "already exists ({} bytes); add --force to replace it",
                        meta.len()
                    ),
                ));
            }
            Ok(())
        }
    }
}

/// The body's path as the draft at `target` must name it: relative to the draft's folder.
fn relative_body_path(target: &Path, body: &Path) -> String {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        normalise(&p)
    };
    let folder = abs(target)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let folder = std::fs::canonicalize(&folder).unwrap_or(folder);
    let body_abs = std::fs::canonicalize(body).unwrap_or_else(|_| abs(body));
    let f: Vec<Component> = folder.components().collect();
    let b: Vec<Component> = body_abs.components().collect();
    let common = f.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut rel = PathBuf::new();
    for _ in common..f.len() {
        rel.push("..");
    }
    for c in &b[common..] {
        rel.push(c.as_os_str());
    }
    rel.to_string_lossy().into_owned()
}

fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Every body of a folder, drafted in parallel on as many threads as there are cores.
fn folder(dir: &Path, force: bool, err: &mut dyn Write) -> u8 {
    // The one loop-safe walk the other commands use: links to folders outside `dir` are not
    // followed, a FIFO or device named `*.md` is passed over with a warning, never opened.
    let (mut list, skipped) =
        crate::safe_fs::walk(dir, &|name| name.ends_with(".md") || name.ends_with(".txt"));
    for (file, why) in skipped {
        let _ = writeln!(err, "{}", Problem::warning(&file, None, why));
    }
    list.sort();
    if list.is_empty() {
        let p = Problem::error(dir, None, "no bodies (*.md, *.txt) in this folder");
        let _ = writeln!(err, "{p}");
        return EXIT_INPUT;
    }
    // `x.md` and `x.txt` would both draft into `x.yaml`: the first in name order does.
    let mut seen = std::collections::HashSet::new();
    let mut twins = Vec::new();
    list.retain(|b| {
        let fresh = seen.insert(b.with_extension("yaml"));
        if !fresh {
            twins.push(b.clone());
        }
        fresh
    });
    for t in &twins {
        let p = Problem::error(
            t,
            None,
            format!(
                "another body drafts into {} already; rename one of them",
                t.with_extension("yaml").display()
            ),
        );
        let _ = writeln!(err, "{p}");
    }
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(list.len());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<String, String>>>> =
        list.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(body) = list.get(i) else { break };
                    let r = one_in_folder(body, force);
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(r);
                    }
                }
            });
        }
    });
    let mut failed = false;
    for r in results {
        match r.into_inner().ok().flatten() {
            Some(Ok(msg)) => {
                let _ = writeln!(err, "{msg}");
            }
            Some(Err(msg)) => {
                failed = true;
                let _ = writeln!(err, "{msg}");
            }
            None => failed = true,
        }
    }
    if failed || !twins.is_empty() {
        EXIT_INPUT
    } else {
        EXIT_OK
    }
}

fn one_in_folder(body_path: &Path, force: bool) -> Result<String, String> {
    let target = body_path.with_extension("yaml");
    may_write(&target, force, true).map_err(|p| p.to_string())?;
    let text = read_body(body_path).map_err(|p| p.to_string())?;
    let w = draft_for(&text, &file_name(body_path), body_path);
    atomic::write(&target, w.yaml.as_bytes())
        .map_err(|e| Problem::error(&target, None, format!("cannot write: {e}")).to_string())?;
    Ok(format!("wrote {}", inert_path(&target)))
}

/// `--against GOLD.yaml`: the draft of BODY scored against the gold annotation of the same body.
fn against(body_path: &Path, gold_path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let gold = match load::load(gold_path) {
        Ok(l) => l.article,
        Err(problems) => {
            for p in problems.sorted() {
                let _ = writeln!(err, "{p}");
            }
            return EXIT_INPUT;
        }
    };
    let text = match read_body(body_path) {
        Ok(t) => t,
        Err(p) => {
            let _ = writeln!(err, "{p}");
            return EXIT_INPUT;
        }
    };
    let body = Body::new(text);
    if body.as_str() != gold.body.as_str() {
        let p = Problem::error(
            body_path,
            None,
            format!(
                "this is not the body {} annotates; give the body it names",
                gold_path.display()
            ),
        );
        let _ = writeln!(err, "{p}");
        return EXIT_INPUT;
    }
    match score(&body, &file_name(body_path), &gold) {
        Ok(report) => {
            let _ = out.write_all(evaluate::table(&inert_path(body_path), &report).as_bytes());
            EXIT_OK
        }
        Err(msg) => {
            let _ = writeln!(err, "{msg}");
            EXIT_INPUT
        }
    }
}

/// Drafts `body` and scores the draft, loaded as `check` loads it, against `gold`.
pub fn score(
    body: &Body,
    body_file: &str,
    gold: &crate::article::Article,
) -> Result<evaluate::Report, String> {
    let draft = super::suggest(body);
    let w = write::render_checked(&draft, body, body_file, "draft");
    let article = write::load_draft(&w.yaml, body, body_file).map_err(|problems| {
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    Ok(evaluate::evaluate(gold, &article))
}

//! Which annotation files a path on the command line stands for.

use std::path::{Path, PathBuf};

use crate::problem::Problem;

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

/// What a path named on the command line is, judged by its name (and, for a body, by the
/// annotation files beside it).
pub enum Named {
    /// An annotation file or a folder of them.
    Annotation,
    /// An article's body, with its annotation file where one is found beside it.
    Body(Option<PathBuf>),
    /// A highlights sidecar: the annotation file it belongs to.
    Highlights(PathBuf),
}

pub fn what_is(path: &Path) -> Named {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if path.is_dir() {
        return Named::Annotation;
    }
    for ext in [".highlights.yaml", ".highlights.yml"] {
        if let Some(stem) = name.strip_suffix(ext) {
            // `a.yml.highlights.yaml` belongs to `a.yml`; `a.highlights.yaml` to `a.yaml`.
            let annotation = if stem.ends_with(".yml") || stem.ends_with(".yaml") {
                path.with_file_name(stem)
            } else {
                path.with_file_name(format!("{stem}.yaml"))
            };
            return Named::Highlights(annotation);
        }
    }
    let lower = name.to_ascii_lowercase();
    if [".md", ".markdown", ".txt"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        let beside = ["yaml", "yml"]
            .into_iter()
            .map(|e| path.with_extension(e))
            .find(|p| p.is_file())
            .or_else(|| naming(path, &name));
        return Named::Body(beside);
    }
    Named::Annotation
}

/// The annotation file in `body`'s folder whose `body_file:` is `name`, where its stem differs.
/// Read as lines, not parsed: a file that does not load is still the one the user meant.
fn naming(body: &Path, name: &str) -> Option<PathBuf> {
    let dir = body.parent().filter(|d| !d.as_os_str().is_empty());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.unwrap_or(Path::new(".")))
        .ok()?
        .flatten()
        .filter(|e| e.file_name().to_str().is_some_and(is_annotation_file))
        // Beside the body as the user named it (`coverage.yaml`, not `./coverage.yaml`).
        .map(|e| body.with_file_name(e.file_name()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files.into_iter().find(|p| {
        crate::load::read_text(p).is_ok_and(|text| {
            text.lines().any(|l| {
                l.strip_prefix("body_file:")
                    .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == name)
            })
        })
    })
}

/// Where `path` (`named` so) is not an annotation file: which one to `verb` ("open", "check")
/// instead. `None` for an annotation file, a folder, or a body with none beside it.
pub fn wrong_file(path: &Path, named: &Named, verb: &str) -> Option<Problem> {
    let (what, instead) = match named {
        Named::Highlights(annotation) => ("a highlights file, not an article", annotation),
        Named::Body(Some(annotation)) => ("an article's text, not its annotation file", annotation),
        Named::Body(None) | Named::Annotation => return None,
    };
    let shown = crate::problem::inert_path(instead);
    let message = if instead.is_file() {
        format!("this is {what}; {verb} `{shown}`")
    } else {
        format!("this is {what}, and its article `{shown}` is not there")
    };
    Some(Problem::error(path, None, message))
}

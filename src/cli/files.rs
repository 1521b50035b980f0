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

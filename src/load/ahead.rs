//! Reading the body file while the annotation file is parsed. The body's path is known for
//! certain only once the YAML is parsed, but a top-level `body_file: name.md` line says it
//! almost always; so the body named there is read, indexed and folded on a second thread while
//! the first parses the YAML (each is about a third of a long article's load). If the YAML
//! turns out to name another file, the early work is dropped and the named file read as usual,
//! so a wrong guess costs time, never correctness.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::thread::ScopedJoinHandle;

use super::{Prepared, prepare, prepare_here, read_text};
use crate::problem::Problem;

/// The value of a top-level `body_file:` line when it is written plainly (no escapes, flow or
/// block syntax), else `None`.
pub(super) fn body_file_line(src: &str) -> Option<&str> {
    let line = src
        .lines()
        .find_map(|l| l.trim_start_matches('\u{feff}').strip_prefix("body_file:"))?;
    let value = match line.find(" #") {
        Some(i) => &line[..i],
        None => line,
    }
    .trim();
    let value = match value.as_bytes() {
        [b'"', .., b'"'] | [b'\'', .., b'\''] => &value[1..value.len() - 1],
        _ => value,
    };
    let plain = !value.is_empty()
        && !value.contains([
            '"', '\'', '\\', '|', '>', '[', '{', '&', '*', '!', '%', '@', '`',
        ]);
    plain.then_some(value)
}

/// The body being read ahead, if it was started.
pub(super) struct Ahead<'scope> {
    path: PathBuf,
    job: Mutex<Option<ScopedJoinHandle<'scope, Result<Prepared, Problem>>>>,
}

impl<'scope> Ahead<'scope> {
    /// Starts reading the body that `src` (the annotation file at `file`) names, when it names
    /// one plainly and it is a plain file (never a FIFO or device, which could block).
    pub(super) fn start<'env>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        file: &Path,
        src: &str,
    ) -> Option<Self> {
        let rel = body_file_line(src)?;
        let path = file.parent().unwrap_or(Path::new("")).join(rel);
        if !std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            return None;
        }
        let target = path.clone();
        let job = scope.spawn(move || read_text(&target).map(prepare_here));
        Some(Self {
            path,
            job: Mutex::new(Some(job)),
        })
    }

    /// The body at `path`: the one read ahead when it is that file, else read now.
    pub(super) fn read(this: Option<&Self>, path: &Path) -> Result<Prepared, Problem> {
        if let Some(ahead) = this
            && ahead.path == path
            && let Some(job) = ahead.job.lock().ok().and_then(|mut j| j.take())
        {
            return job.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        }
        read_text(path).map(prepare)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_plain_body_file_line() {
        assert_eq!(body_file_line("title: T\nbody_file: a.md\n"), Some("a.md"));
        assert_eq!(
            body_file_line("body_file: \"b c.md\"  # the text\n"),
            Some("b c.md")
        );
        assert_eq!(body_file_line("body_file: 'x.md'\n"), Some("x.md"));
        assert_eq!(body_file_line("  body_file: nested.md\n"), None);
        assert_eq!(body_file_line("body_file: \"esc\\n.md\"\n"), None);
        assert_eq!(body_file_line("body_file: |\n  a.md\n"), None);
        assert_eq!(body_file_line("body: inline\n"), None);
    }

    #[test]
    fn a_body_read_ahead_is_the_one_loaded_and_a_wrong_guess_is_harmless() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "The text of a.").unwrap();
        std::fs::write(dir.path().join("b.md"), "The text of b.").unwrap();
        let file = dir.path().join("x.yaml");
        std::thread::scope(|scope| {
            let ahead = Ahead::start(scope, &file, "body_file: a.md\n").unwrap();
            let (body, _) = Ahead::read(Some(&ahead), &dir.path().join("b.md")).unwrap();
            assert_eq!(body.as_str(), "The text of b.");
            let (body, folded) = Ahead::read(Some(&ahead), &dir.path().join("a.md")).unwrap();
            assert_eq!(body.as_str(), "The text of a.");
            assert_eq!(folded.text, "The text of a.");
        });
        // Nothing is started for a file that is not there.
        std::thread::scope(|scope| {
            assert!(Ahead::start(scope, &file, "body_file: none.md\n").is_none());
        });
    }
}

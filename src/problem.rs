//! Problems found in a user's files, printed as `path:line:col: error: message` (the format
//! spec's "Problems and how they are reported").

use std::fmt;
use std::path::{Path, PathBuf};

use crate::yaml::Pos;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub pos: Option<Pos>,
    pub severity: Severity,
    pub message: String,
}

impl Problem {
    pub fn error(file: &Path, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            pos: pos.filter(|p| p.is_known()),
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(file: &Path, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, pos, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", inert(&self.file.display().to_string()))?;
        if let Some(pos) = self.pos {
            write!(f, ":{}:{}", pos.line, pos.col)?;
        }
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {severity}: {}", inert(&self.message))
    }
}

/// A message quotes names, keys and passages from files a stranger wrote, and file names a
/// stranger chose; none of their characters may move the cursor, recolour the terminal, reverse
/// the line or hide text, so every message goes through the reader's own display sanitiser
/// (one set of rules for the screen and for messages): controls become visible stand-ins,
/// bidi overrides and invisible characters `¤`, and the message stays on one line.
pub fn inert(text: &str) -> String {
    crate::sanitize::clean(text)
}

/// A path as a message may print it (see [`inert`]).
pub fn inert_path(path: &std::path::Path) -> String {
    inert(&path.display().to_string())
}

/// The problems of one file, in the order they were found; errors and warnings together.
#[derive(Clone, Debug, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Problem::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| p.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| !p.is_error())
    }

    /// Errors first, then warnings ("warnings apart"), each group by position.
    pub fn sorted(&self) -> Vec<&Problem> {
        let mut all: Vec<&Problem> = self.0.iter().collect();
        all.sort_by_key(|p| (p.severity, p.file.clone(), p.pos));
        all
    }
}

/// The closest of `known` to `word`, when it is close enough to be a plausible typo. Case is
/// ignored in the comparison (`Water.md` is one step from `water.md`, not two).
pub fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    let lower = word.to_lowercase();
    known
        .into_iter()
        .map(|k| {
            let d = strsim::damerau_levenshtein(&lower, &k.to_lowercase());
            // An exact match but for case still ranks behind nothing.
            (d + usize::from(k != word && d == 0), k)
        })
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_the_spec() {
        let p = Problem::error(Path::new("a.yaml"), Some(Pos::new(57, 11)), "bad");
        assert_eq!(p.to_string(), "a.yaml:57:11: error: bad");
        let p = Problem::warning(Path::new("a.md"), None, "meh");
        assert_eq!(p.to_string(), "a.md: warning: meh");
    }

    #[test]
    fn nothing_from_a_file_reaches_the_terminal_as_a_control() {
        let p = Problem::error(
            Path::new("a\u{1b}.yaml"),
            Some(Pos::new(1, 1)),
            "unknown speaker `x`; did you mean `ann` (A\u{1b}[31mnn\u{202e})?\nnext \u{9b}\u{E0041}\u{34f}",
        );
        // The reader's own sanitiser: control pictures, `�` for C1, `¤` for what hides text.
        assert_eq!(
            p.to_string(),
            "a␛.yaml:1:1: error: unknown speaker `x`; did you mean `ann` (A␛[31mnn¤)? next �¤¤"
        );
    }

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(did_you_mean("quote", ["quotes", "title"]), Some("quotes"));
        assert_eq!(did_you_mean("zzzzzz", ["quotes", "title"]), None);
        assert_eq!(
            did_you_mean("Water.md", ["notes.md", "water.md"]),
            Some("water.md")
        );
        // A swap of two letters is one step.
        assert_eq!(did_you_mean("bukeel", ["bukele", "trump"]), Some("bukele"));
    }
}

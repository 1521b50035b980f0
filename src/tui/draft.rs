//! A bare article (a `.md` or `.txt` with no annotation file) opened in the reader: the rules'
//! draft of `scholia suggest`, shown as suggestions until `W` writes it to `<stem>.yaml`.

use std::path::PathBuf;

pub struct Draft {
    /// Where `W` writes it: `<stem>.yaml` beside the body.
    pub target: PathBuf,
    pub yaml: String,
    /// Written this session: from then on it is the article's annotation file, no suggestion.
    pub written: bool,
}

impl Draft {
    /// Writes the draft, atomically and never over a file: one that appeared since the reader
    /// opened (someone else's annotation, say) is left alone.
    pub fn write(&mut self) -> Result<String, String> {
        let name = self.target.display().to_string();
        if self.written {
            return Err(format!("{name} is written already; edit it there"));
        }
        if std::fs::symlink_metadata(&self.target).is_ok() {
            return Err(format!(
                "{name} appeared since the article opened; not replaced (reopen it to see it)"
            ));
        }
        crate::atomic::write(&self.target, self.yaml.as_bytes())
            .map_err(|e| format!("cannot write {name}: {e}"))?;
        self.written = true;
        Ok(format!(
            "wrote {name}: the suggestions are now its annotations; check and correct them there"
        ))
    }

    /// Still only suggestions (not written).
    pub fn pending(&self) -> bool {
        !self.written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_once_and_never_over_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.yaml");
        let mut draft = Draft {
            target: target.clone(),
            yaml: "title: a\n".into(),
            written: false,
        };
        std::fs::write(&target, "mine").unwrap();
        assert!(draft.write().unwrap_err().contains("not replaced"));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
        std::fs::remove_file(&target).unwrap();
        assert!(draft.write().unwrap().starts_with("wrote"));
        assert!(!draft.pending());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "title: a\n");
        assert!(draft.write().is_err());
    }
}

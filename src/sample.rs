//! The article that opens when scholia is started without a PATH: the seed article from
//! `articles/`, built into the binary so the first run shows what the reader does.

use std::path::Path;

use crate::load::{self, Loaded};
use crate::problem::{Problem, Problems};

const ANNOTATION: &str = include_str!("../articles/cecot.yaml");
const BODY: &str = include_str!("../articles/cecot.md");

/// The path the sample reports as its own (it is read from the binary, not from disk).
pub const PATH: &str = "articles/cecot.yaml";

pub fn load() -> Result<Loaded, Problems> {
    load::load_str(Path::new(PATH), ANNOTATION, &|p: &Path| {
        if p.file_name().is_some_and(|n| n == "cecot.md") {
            Ok(BODY.to_string())
        } else {
            Err(Problem::error(p, None, "no such file"))
        }
    })
}

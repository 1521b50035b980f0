//! scholia: a terminal reader for annotated news articles.
//!
//! The domain (`article`, `body`, `fold`, `find`, `load`, `export`, `highlights`) knows nothing of
//! the terminal; the reader (`tui`) draws it; `cli` parses the command line and runs the
//! non-interactive commands.
pub mod article;
pub mod atomic;
pub mod body;
pub mod cli;
pub mod clipboard;
pub mod closest;
pub mod export;
pub mod find;
pub mod fold;
pub mod highlights;
pub mod import;
pub mod library;
pub mod load;
pub mod memory;
pub mod problem;
pub mod safe_fs;
pub mod sample;
pub mod sanitize;
pub mod sentences;
pub mod suggest;
pub mod tui;
pub mod yaml;

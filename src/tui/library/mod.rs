//! The library screen (`scholia FOLDER`): the folder's articles in a list to filter and sort,
//! `Enter` to read one and `Esc` back to the same row, and `S` for who is quoted across the
//! folder. Built on [`crate::library`]; the same flow as the reader: key → [`LibAction`] →
//! [`update`] → [`view`].

pub mod keys;
pub mod model;
pub mod run;
pub mod view;

pub use model::{LibAction, LibEffect, LibraryModel, Screen, SortKey, update};
pub use view::view;

//! The terminal reader: events → keymap → `Action` → `update` → `view`.
pub mod action;
pub mod app;
pub mod keymap;
pub mod keys;
pub mod layout;
pub mod model;
pub mod render;
pub mod sanitize;
pub mod side_panes;
pub mod svg;
pub mod terminal;
pub mod text;
pub mod text_pane;
pub mod theme;
pub mod update;
pub mod view;
pub mod wrap;

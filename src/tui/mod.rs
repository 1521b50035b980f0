//! The terminal reader: events → keymap → `Action` → `update` → `view`.
pub mod sanitize;
pub mod svg;
pub mod theme;

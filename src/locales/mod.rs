//! The words, one folder per language. Each folder fills the same tables
//! (`crate::i18n::{WidgetStrings, FormStrings}`), so a missing string is a
//! compile error, not a blank on screen.
pub mod en;
pub mod es;

//! The words, one folder per language. Each folder fills the same tables
//! (`crate::i18n::{WidgetStrings, FormStrings}`), so a missing string is a
//! compile error, not a blank on screen.
//!
//! Every language but English and Spanish is a machine-assisted draft until
//! a native speaker has reviewed it (docs/translations.md).
pub mod ar;
pub mod en;
pub mod es;
pub mod ko;
pub mod tl;
pub mod vi;
pub mod zh_hans;

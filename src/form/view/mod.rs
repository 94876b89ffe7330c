//! The form's components. They wire the state in `crate::form::state` to
//! markup and hold no rules of their own.
pub mod fields;
pub mod questions;
pub mod receipt;
pub mod review;
pub mod status;
pub mod summary;

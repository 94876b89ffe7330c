//! The form's steps. The ids, the journey through them and which tip
//! fields each one asks for are plain data in the shared crate
//! ([`lantern_tip::Step`], read with the field model
//! [`lantern_tip::Field`]), where the end-to-end harness reads them too;
//! the component only renders the step in force ([`super::view`]).
pub use lantern_tip::Step;

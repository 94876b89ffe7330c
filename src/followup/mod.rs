//! Anonymous follow-up in the widget (issue 16): on the receipt, a code the
//! hotline can reply to ([`KeepCode`]); and the "Check for a reply" place
//! ([`CheckReply`]), where a person enters the code, reads the hotline's
//! messages, answers and adds details.
//!
//! Everything that needs the code's keys (Argon2id, age) runs in the
//! follow-up worker ([`worker`]), a module of its own started only when a
//! person asks for a code or opens one; this part of the page only checks
//! what was typed ([`code_input`]), shows words and passes messages
//! ([`outcome`] reads the worker's answers). Nothing is stored in the
//! browser, the URL never changes, and until a code has opened something
//! the words on screen speak only of "a reply".

pub mod code_input;
pub mod outcome;
pub mod view;
pub mod worker;

pub use view::{CheckOpen, CheckReply, KeepCode};

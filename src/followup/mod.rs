//! Anonymous follow-up in the widget (issue 16): on the receipt, a code the
//! hotline can reply to; and the "Check for a reply" place, where a person
//! enters the code, reads the hotline's messages, answers and adds details.
//!
//! Everything that needs the code (Argon2id, age) runs in the follow-up
//! worker ([`worker`]), a module of its own started only when a person asks
//! for it; this part of the page only shows words and passes messages.
//! Nothing is stored in the browser, the URL never changes, and until a
//! code has opened something the words on screen say nothing of what it is
//! for beyond "a reply".

pub mod view;
pub mod words;
pub mod worker;

pub use view::{CheckReply, KeepCode};

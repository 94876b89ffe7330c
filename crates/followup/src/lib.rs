//! Anonymous follow-up (issue 16): after sending a tip, the reporter keeps
//! one code; with it the hotline can ask and the reporter can answer, and the
//! server reads neither. The protocol is written in `docs/threat-model.md`
//! ("Anonymous follow-up"); this crate is its shared half, with no web or
//! server dependencies, used by the intake, its `reply` command and the
//! widget's follow-up worker alike.
//!
//! - [`code`]: the [`Code`] a person keeps (20 digits, 66 bits).
//! - [`kdf`]: the code to [`Keys`] (an age identity and a lookup token), by
//!   Argon2id then HKDF-SHA-256.
//! - [`pad`]: message lengths padded to a few buckets.
//! - [`message`]: what is sealed per message, and sealing / opening it.

pub mod code;
#[cfg(feature = "keys")]
pub mod kdf;
#[cfg(feature = "keys")]
pub mod message;
#[cfg(feature = "keys")]
pub mod pad;

pub use code::{Code, CodeError};
#[cfg(feature = "keys")]
pub use kdf::{derive, Keys, LookupToken, KDF_PARAMS};
#[cfg(feature = "keys")]
pub use message::{
    identity_recipients, open, open_any, seal, sealed_bucket, Direction, Kind, Message,
    MessageError,
};
#[cfg(feature = "keys")]
pub use pad::{bucket_of, BUCKETS};

/// The most characters a reporter's answer or the hotline's message holds
/// (the widget checks it before sending; the intake is the authority).
pub const MAX_TEXT_CHARS: usize = 3_000;

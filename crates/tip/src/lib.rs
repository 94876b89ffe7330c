//! The tip a person sends: its wire format (`POST /v1/tips`) and the rules it
//! must meet. Both the widget and the intake service call these same rules;
//! the server is the authority.
//!
//! - [`model`]: the [`Tip`] and its parts, as serde types.
//! - [`field`]: every [`Field`] of the tip in one table (path, kind, cap,
//!   order, form [`Step`], export column), which everything else reads.
//! - [`validate`]: [`Tip::validate`] and the checks it is made of.
//! - [`decode`]: bytes to a [`Tip`], with errors in the contract's shape.
//! - [`catalog`]: warning signs, self-check statements and venue ids.
//! - [`limits`]: every length cap.
//! - [`PartnerId`], [`ExitUrl`]: the partner's id and the quick exit's
//!   destination, one rule each for the loader, the widget and the intake.
//! - [`Language`]: the languages Lantern speaks ([`for_each_language!`]) and
//!   the one rule for choosing one.
//! - [`Date`], [`IdempotencyKey`], [`Receipt`]: the small values around a tip.
//! - [`SealedTip`]: what the hotline receives, sealed, for each tip.
//! - `export` (feature `export`): opened tips as CSV and JSON Lines, one
//!   format for the intake's `export` command and the analysts' console.
//! - [`openapi_document`], [`openapi_json`]: the contract as an OpenAPI
//!   document, its plain text fields generated from the field table.
//!
//! No web or server dependencies: this crate compiles into the widget's Wasm.

pub mod catalog;
mod date;
mod decode;
mod error;
mod exit_url;
#[cfg(feature = "export")]
pub mod export;
pub mod field;
mod idempotency;
mod language;
pub mod limits;
pub mod model;
mod openapi;
mod partner;
mod receipt;
mod sealed;
pub mod step;
pub mod triage;
pub mod validate;

pub use date::{days_in_month, is_leap_year, Date, DateError};
pub use decode::{decode, DecodeError, DecodeErrorKind};
pub use error::{ErrorBody, ErrorCode, FieldError};
pub use exit_url::ExitUrl;
pub use field::Field;
pub use idempotency::{IdempotencyKey, IdempotencyKeyError};
#[cfg(feature = "accept-language")]
pub use language::accept_language;
pub use language::Language;
pub use model::{
    Contact, ContactPreference, Controllers, Location, Online, People, PeopleCount, Reporter,
    TimeOfDay, Tip, TraffickingKind, Tristate, When,
};
pub use openapi::{date_pattern, openapi_document, openapi_json, ANY_DATE_PATTERN, TEXT_PATTERN};
pub use partner::PartnerId;
pub use receipt::{Receipt, ReceiptError};
pub use sealed::SealedTip;
pub use step::Step;

//! The tip a person sends: its wire format (`POST /v1/tips`) and the rules it
//! must meet. Both the widget and the intake service call these same rules;
//! the server is the authority.
//!
//! - [`model`]: the [`Tip`] and its parts, as serde types.
//! - [`validate`]: [`Tip::validate`] and the checks it is made of.
//! - [`decode`]: bytes to a [`Tip`], with errors in the contract's shape.
//! - [`catalog`]: warning signs, self-check statements and venue ids.
//! - [`limits`]: every length cap.
//! - [`Date`], [`IdempotencyKey`], [`Receipt`]: the small values around a tip.
//! - [`SealedTip`]: what the hotline receives, sealed, for each tip.
//! - [`OPENAPI_JSON`], [`openapi_json`]: the contract as an OpenAPI document.
//!
//! No web or server dependencies: this crate compiles into the widget's Wasm.

pub mod catalog;
mod date;
mod decode;
mod error;
mod idempotency;
pub mod limits;
pub mod model;
mod openapi;
mod receipt;
mod sealed;
pub mod validate;

pub use date::{days_in_month, is_leap_year, Date, DateError};
pub use decode::{decode, DecodeError, DecodeErrorKind};
pub use error::{ErrorBody, ErrorCode, FieldError};
pub use idempotency::{IdempotencyKey, IdempotencyKeyError};
pub use model::{
    Contact, ContactPreference, Controllers, Language, Location, Online, People, PeopleCount,
    Reporter, TimeOfDay, Tip, TraffickingKind, Tristate, When,
};
pub use openapi::{date_pattern, openapi_json, ANY_DATE_PATTERN, OPENAPI_JSON};
pub use receipt::{Receipt, ReceiptError};
pub use sealed::SealedTip;

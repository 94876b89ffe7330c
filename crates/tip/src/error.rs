//! The one error shape of the tip contract: a list of `{field, code}` pairs.
//! Validation failures and decoding failures both end up as [`FieldError`]s,
//! so the widget maps every server answer to words with one table, keyed by
//! [`ErrorCode`].

use serde::{Deserialize, Serialize};

/// What is wrong with a field (or, with an empty field, with the request).
/// Serialises as a stable snake_case code that
/// clients map to words in the person's language; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A required field is missing or empty (only `version` and `narrative`;
    /// a narrative with nothing visible in it counts as empty).
    Required,
    /// Shorter than its minimum (the narrative, counting only visible
    /// characters).
    TooShort,
    /// Longer than its cap in [`crate::limits`].
    TooLong,
    /// Holds a control character (C0 or C1) other than tab, line feed and
    /// carriage return: nothing a person types, and unsafe to show or export.
    InvalidCharacter,
    /// `version` is not one this server reads.
    UnsupportedVersion,
    /// Not a real `YYYY-MM-DD` calendar date.
    InvalidDate,
    /// A date after today.
    FutureDate,
    /// Not one of the catalog's ids (a sign or a venue).
    UnknownId,
    /// The same value, or the same JSON key, appears twice.
    Duplicate,
    /// More list entries than allowed.
    TooMany,
    /// Not a two-letter upper-case country code.
    InvalidCountry,
    /// Not a usable phone number.
    InvalidPhone,
    /// Not a usable email address.
    InvalidEmail,
    /// Not a valid partner id (`a-z`, `0-9`, `-`).
    InvalidPartner,
    /// A contact option was chosen but neither phone nor email was given.
    PhoneOrEmailRequired,
    /// Contact details given although the preference is "do not contact me".
    NotAllowed,
    /// The body is not JSON (field is empty).
    MalformedJson,
    /// A field the contract does not have.
    UnknownField,
    /// A value of the wrong JSON type.
    InvalidType,
    /// A value outside the field's allowed set (e.g. an unknown enum string).
    InvalidValue,
    // Codes about the request as a whole (field empty), set by servers.
    /// The body is over the size limit (HTTP 413).
    TooLarge,
    /// The body is not `application/json` (HTTP 415).
    UnsupportedMediaType,
    /// Too many tips from this client for now; see `Retry-After` (HTTP 429).
    RateLimited,
    /// No such resource (HTTP 404).
    NotFound,
    /// The resource exists but not with this method (HTTP 405).
    MethodNotAllowed,
    /// This Idempotency-Key was already used for a different tip (HTTP 422):
    /// a client must make a new key for each tip.
    IdempotencyKeyReused,
    /// The service cannot take tips right now; nothing was stored (HTTP 503).
    Unavailable,
    /// Something went wrong on the server (HTTP 500).
    Internal,
    /// The request is not valid HTTP: a garbled request line or header, or
    /// a `Host` header missing or given twice (HTTP 400).
    MalformedRequest,
    /// The body did not arrive in time (HTTP 408); send it again.
    RequestTimeout,
    /// This endpoint needs a credential that was not given (HTTP 401).
    Unauthorized,
}

impl ErrorCode {
    /// The code as it appears on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Required => "required",
            ErrorCode::TooShort => "too_short",
            ErrorCode::TooLong => "too_long",
            ErrorCode::InvalidCharacter => "invalid_character",
            ErrorCode::UnsupportedVersion => "unsupported_version",
            ErrorCode::InvalidDate => "invalid_date",
            ErrorCode::FutureDate => "future_date",
            ErrorCode::UnknownId => "unknown_id",
            ErrorCode::Duplicate => "duplicate",
            ErrorCode::TooMany => "too_many",
            ErrorCode::InvalidCountry => "invalid_country",
            ErrorCode::InvalidPhone => "invalid_phone",
            ErrorCode::InvalidEmail => "invalid_email",
            ErrorCode::InvalidPartner => "invalid_partner",
            ErrorCode::PhoneOrEmailRequired => "phone_or_email_required",
            ErrorCode::NotAllowed => "not_allowed",
            ErrorCode::MalformedJson => "malformed_json",
            ErrorCode::UnknownField => "unknown_field",
            ErrorCode::InvalidType => "invalid_type",
            ErrorCode::InvalidValue => "invalid_value",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::IdempotencyKeyReused => "idempotency_key_reused",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::Internal => "internal",
            ErrorCode::MalformedRequest => "malformed_request",
            ErrorCode::RequestTimeout => "request_timeout",
            ErrorCode::Unauthorized => "unauthorized",
        }
    }

    /// Every code, for documentation and for checking that clients have
    /// words for each.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::Required,
        ErrorCode::TooShort,
        ErrorCode::TooLong,
        ErrorCode::InvalidCharacter,
        ErrorCode::UnsupportedVersion,
        ErrorCode::InvalidDate,
        ErrorCode::FutureDate,
        ErrorCode::UnknownId,
        ErrorCode::Duplicate,
        ErrorCode::TooMany,
        ErrorCode::InvalidCountry,
        ErrorCode::InvalidPhone,
        ErrorCode::InvalidEmail,
        ErrorCode::InvalidPartner,
        ErrorCode::PhoneOrEmailRequired,
        ErrorCode::NotAllowed,
        ErrorCode::MalformedJson,
        ErrorCode::UnknownField,
        ErrorCode::InvalidType,
        ErrorCode::InvalidValue,
        ErrorCode::TooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::RateLimited,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::IdempotencyKeyReused,
        ErrorCode::Unavailable,
        ErrorCode::Internal,
        ErrorCode::MalformedRequest,
        ErrorCode::RequestTimeout,
        ErrorCode::Unauthorized,
    ];

    /// The code with this wire name, if any (for clients reading a 422).
    pub fn from_wire(code: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem with one field of a tip: `{"field": "when.date", "code": "future_date"}`.
///
/// `field` is a dotted path from the tip's root, with list positions in
/// brackets (`indicators[2]`); empty when the problem is the whole body.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FieldError {
    /// Dotted path of the field.
    pub field: String,
    /// What is wrong with it.
    pub code: ErrorCode,
}

impl FieldError {
    /// An error for `field`.
    pub fn new(field: impl Into<String>, code: ErrorCode) -> Self {
        FieldError {
            field: field.into(),
            code,
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.code)
    }
}

/// The body of a 400 or 422 answer: `{"errors": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    /// Every problem found, in form order.
    pub errors: Vec<FieldError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_wire_names() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(ErrorCode::from_wire(code.as_str()), Some(*code));
        }
        assert_eq!(ErrorCode::from_wire("nope"), None);
    }

    #[test]
    fn field_error_has_the_contract_shape() {
        let body = ErrorBody {
            errors: vec![FieldError::new("narrative", ErrorCode::TooShort)],
        };
        let json = serde_json::to_string(&body).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"errors":[{"field":"narrative","code":"too_short"}]}"#
        );
    }
}

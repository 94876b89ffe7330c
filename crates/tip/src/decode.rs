//! Reading a tip from request bytes, with errors in the contract's shape.
//!
//! Two kinds of failure, because a client fixes them differently: the body
//! is not JSON at all ([`DecodeErrorKind::Malformed`], HTTP 400), or it is
//! JSON that is not a tip: an unknown field, a wrong type, a value outside
//! the allowed set, a missing required field ([`DecodeErrorKind::Invalid`],
//! HTTP 422). Both become `{"errors": [{"field", "code"}]}` via
//! [`DecodeError::errors`]. This crate knows no HTTP; the server maps kinds
//! to statuses.
//!
//! Serde's messages quote the offending input, which may be a piece of the
//! tip, so they are classified here and then dropped: neither the error's
//! `Display` nor anything else derived from it carries tip content, and a
//! server may log it.

use serde_path_to_error::Segment;

use crate::error::{ErrorCode, FieldError};
use crate::Tip;

/// Which of the two ways a body failed to decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecodeErrorKind {
    /// Not JSON: syntax error, truncated, invalid UTF-8, trailing data (400).
    Malformed,
    /// JSON, but not a tip of this contract (422).
    Invalid,
}

/// Why bytes are not a tip. Carries no tip content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The body is not JSON; where parsing stopped.
    #[error("the body is not JSON (line {line}, column {column})")]
    Malformed {
        /// 1-based line where parsing stopped.
        line: usize,
        /// 1-based column where parsing stopped.
        column: usize,
    },
    /// The body is JSON but not a tip; which field and what is wrong.
    #[error("the body is not a tip: {0}")]
    Invalid(FieldError),
}

impl DecodeError {
    /// Which kind of failure this is.
    pub fn kind(&self) -> DecodeErrorKind {
        match self {
            DecodeError::Malformed { .. } => DecodeErrorKind::Malformed,
            DecodeError::Invalid(_) => DecodeErrorKind::Invalid,
        }
    }

    /// Whether the body was not JSON at all.
    pub fn is_malformed(&self) -> bool {
        self.kind() == DecodeErrorKind::Malformed
    }

    /// The error as the contract's list: one entry; for a malformed body
    /// its field is empty and its code `malformed_json`.
    pub fn errors(&self) -> Vec<FieldError> {
        match self {
            DecodeError::Malformed { .. } => vec![FieldError::new("", ErrorCode::MalformedJson)],
            DecodeError::Invalid(error) => vec![error.clone()],
        }
    }
}

/// Decodes a tip from a JSON body. Does not check the rules: call
/// [`Tip::validate`] on the result.
pub fn decode(bytes: &[u8]) -> Result<Tip, DecodeError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let tip: Tip = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        // Serde stops at the first problem, which may be a wrong field met
        // before a syntax error further on: a body that is not JSON is
        // malformed whatever came first.
        if let Err(syntax) = serde_json::from_slice::<serde_json::Value>(bytes) {
            return malformed(&syntax);
        }
        let path = dotted_path(error.path());
        let inner = error.into_inner();
        if inner.is_data() {
            DecodeError::Invalid(classify(path, &inner.to_string()))
        } else {
            // serde_json reports some type mismatches (a number where an
            // enum belongs) as syntax errors; the body is JSON, so it is the
            // field that is wrong.
            DecodeError::Invalid(FieldError::new(path, ErrorCode::InvalidType))
        }
    })?;
    // Anything but whitespace after the tip makes the body not one JSON value.
    deserializer.end().map_err(|error| malformed(&error))?;
    reject_positional_objects(bytes)?;
    Ok(tip)
}

/// The parts of a tip that are JSON objects on the wire.
const OBJECT_FIELDS: &[&str] = &[
    "when",
    "location",
    "people",
    "controllers",
    "online",
    "contact",
];

/// Serde's derived structs also accept a JSON array of the fields in
/// declaration order (`[1, null, ...]`). The contract says objects, so a tip
/// or part of one written as an array is refused as `invalid_type`. Runs
/// only on bodies that already decoded, so it is one more pass over a body
/// the size limit keeps small.
fn reject_positional_objects(bytes: &[u8]) -> Result<(), DecodeError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|error| malformed(&error))?;
    let Some(root) = value.as_object() else {
        return Err(DecodeError::Invalid(FieldError::new(
            "",
            ErrorCode::InvalidType,
        )));
    };
    for field in OBJECT_FIELDS {
        if root.get(*field).is_some_and(serde_json::Value::is_array) {
            return Err(DecodeError::Invalid(FieldError::new(
                *field,
                ErrorCode::InvalidType,
            )));
        }
    }
    Ok(())
}

fn malformed(error: &serde_json::Error) -> DecodeError {
    DecodeError::Malformed {
        line: error.line(),
        column: error.column(),
    }
}

/// Turns serde's path into the contract's: `when.date`, `indicators[2]`.
fn dotted_path(path: &serde_path_to_error::Path) -> String {
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => {}
        }
    }
    out
}

/// Serde's data errors, told apart by their documented message forms
/// (`serde::de::Error`'s provided constructors), into contract codes.
fn classify(path: String, message: &str) -> FieldError {
    let named = |prefix: &str| -> Option<String> {
        let rest = message.strip_prefix(prefix)?.strip_prefix('`')?;
        let name = &rest[..rest.find('`')?];
        Some(if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        })
    };
    if message.starts_with("unknown field") {
        // serde_path_to_error already records the unknown key in the path.
        FieldError::new(path, ErrorCode::UnknownField)
    } else if let Some(field) = named("missing field ") {
        FieldError::new(field, ErrorCode::Required)
    } else if let Some(field) = named("duplicate field ") {
        FieldError::new(field, ErrorCode::Duplicate)
    } else if message.starts_with("invalid type") || message.starts_with("invalid length") {
        // "invalid length" only comes from an array where an object belongs.
        FieldError::new(path, ErrorCode::InvalidType)
    } else {
        // unknown variant, invalid value, out of range.
        FieldError::new(path, ErrorCode::InvalidValue)
    }
}

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
/// only on bodies that already decoded. It walks the body once without
/// building it (the keys it compares are borrowed, every other value is
/// skipped), because it runs on every tip the service takes.
fn reject_positional_objects(bytes: &[u8]) -> Result<(), DecodeError> {
    let shape: Shape = serde_json::from_slice(bytes).map_err(|error| malformed(&error))?;
    match shape {
        Shape::Objects => Ok(()),
        Shape::NotAnObject => Err(DecodeError::Invalid(FieldError::new(
            "",
            ErrorCode::InvalidType,
        ))),
        Shape::ArrayAt(field) => Err(DecodeError::Invalid(FieldError::new(
            field,
            ErrorCode::InvalidType,
        ))),
    }
}

/// What [`reject_positional_objects`] found at the top of a body.
enum Shape {
    /// An object whose [`OBJECT_FIELDS`] are not arrays.
    Objects,
    /// Anything but an object.
    NotAnObject,
    /// An object with this field written as an array.
    ArrayAt(&'static str),
}

impl<'de> serde::Deserialize<'de> for Shape {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> serde::de::Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        // Keep reading after a hit: the body must still be read to its end.
        let mut found = None;
        while let Some(key) = map.next_key::<ObjectField>()? {
            match key.0 {
                Some(field) if map.next_value::<IsArray>()?.0 => {
                    found = found.or(Some(field));
                }
                Some(_) => {}
                None => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(found.map_or(Shape::Objects, Shape::ArrayAt))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(Shape::NotAnObject)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape::NotAnObject)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape::NotAnObject)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
        Ok(Shape::NotAnObject)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape::NotAnObject)
    }
    fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
        Ok(Shape::NotAnObject)
    }
    fn visit_unit<E>(self) -> Result<Shape, E> {
        Ok(Shape::NotAnObject)
    }
}

/// A top-level key: which of [`OBJECT_FIELDS`] it is, if any (compared
/// without copying the key).
struct ObjectField(Option<&'static str>);

impl<'de> serde::Deserialize<'de> for ObjectField {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl serde::de::Visitor<'_> for KeyVisitor {
            type Value = ObjectField;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E>(self, key: &str) -> Result<ObjectField, E> {
                Ok(ObjectField(
                    OBJECT_FIELDS.iter().copied().find(|f| *f == key),
                ))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Whether a value is a JSON array (read through, not kept).
struct IsArray(bool);

impl<'de> serde::Deserialize<'de> for IsArray {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ArrayVisitor;
        impl<'de> serde::de::Visitor<'de> for ArrayVisitor {
            type Value = IsArray;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<IsArray, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(IsArray(true))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<IsArray, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(IsArray(false))
            }
            fn visit_bool<E>(self, _: bool) -> Result<IsArray, E> {
                Ok(IsArray(false))
            }
            fn visit_i64<E>(self, _: i64) -> Result<IsArray, E> {
                Ok(IsArray(false))
            }
            fn visit_u64<E>(self, _: u64) -> Result<IsArray, E> {
                Ok(IsArray(false))
            }
            fn visit_f64<E>(self, _: f64) -> Result<IsArray, E> {
                Ok(IsArray(false))
            }
            fn visit_str<E>(self, _: &str) -> Result<IsArray, E> {
                Ok(IsArray(false))
            }
            fn visit_unit<E>(self) -> Result<IsArray, E> {
                Ok(IsArray(false))
            }
        }
        deserializer.deserialize_any(ArrayVisitor)
    }
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

//! The follow-up endpoints' JSON bodies. Small and flat, so they are read by
//! hand from a JSON value: each problem names its field with the contract's
//! codes (`required`, `unknown_field`, `invalid_type`, `invalid_value`,
//! `too_long`, `invalid_character`), as tips' are.

use axum::extract::Request;
use axum::http::header;
use lantern_followup::{Kind, LookupToken, MAX_TEXT_CHARS};
use lantern_tip::{ErrorCode, FieldError};
use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::AppState;

/// The largest follow-up body: an answer of the longest text, every
/// character escaped, with room to spare.
pub const MAX_BODY_BYTES: usize = 32 * 1024;

/// The body as a JSON object, after the same checks as a tip's (media type,
/// no content coding, size, time).
pub async fn read(request: Request, state: &AppState) -> Result<Map<String, Value>, ApiError> {
    let headers = request.headers();
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return Err(ApiError::UnsupportedMediaType);
    }
    if headers
        .get(header::CONTENT_ENCODING)
        .is_some_and(|v| !v.as_bytes().eq_ignore_ascii_case(b"identity"))
    {
        return Err(ApiError::UnsupportedEncoding);
    }
    let read = axum::body::to_bytes(request.into_body(), MAX_BODY_BYTES);
    let bytes = tokio::time::timeout(state.body_timeout, read)
        .await
        .map_err(|_| ApiError::BodyTimeout)?
        .map_err(|_| ApiError::TooLarge)?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(invalid("", ErrorCode::InvalidType)),
        Err(_) => Err(ApiError::MalformedJson(vec![FieldError::new(
            "",
            ErrorCode::MalformedJson,
        )])),
    }
}

fn invalid(field: &str, code: ErrorCode) -> ApiError {
    ApiError::Invalid(vec![FieldError::new(field, code)])
}

/// Refuses any field not in `allowed`.
fn only(map: &Map<String, Value>, allowed: &[&str]) -> Result<(), ApiError> {
    match map.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(unknown) => Err(invalid(unknown, ErrorCode::UnknownField)),
        None => Ok(()),
    }
}

fn string<'a>(map: &'a Map<String, Value>, field: &str) -> Result<&'a str, ApiError> {
    match map.get(field) {
        None | Some(Value::Null) => Err(invalid(field, ErrorCode::Required)),
        Some(Value::String(text)) => Ok(text),
        Some(_) => Err(invalid(field, ErrorCode::InvalidType)),
    }
}

fn token(map: &Map<String, Value>) -> Result<LookupToken, ApiError> {
    string(map, "lookup_token")?
        .parse()
        .map_err(|_| invalid("lookup_token", ErrorCode::InvalidValue))
}

/// `POST /v1/followups`.
#[derive(Debug)]
pub struct Registration {
    /// The lookup token.
    pub lookup: LookupToken,
    /// The reporter's recipient.
    pub recipient: age::x25519::Recipient,
}

/// Reads a registration body.
pub fn registration(map: &Map<String, Value>) -> Result<Registration, ApiError> {
    only(map, &["lookup_token", "recipient"])?;
    let lookup = token(map)?;
    let recipient = string(map, "recipient")?
        .parse()
        .map_err(|_| invalid("recipient", ErrorCode::InvalidValue))?;
    Ok(Registration { lookup, recipient })
}

/// Reads a lookup body.
pub fn lookup(map: &Map<String, Value>) -> Result<LookupToken, ApiError> {
    only(map, &["lookup_token"])?;
    token(map)
}

/// `POST /v1/followups/answers`.
#[derive(Debug)]
pub struct Answer {
    /// The lookup token.
    pub lookup: LookupToken,
    /// `answer` or `detail`.
    pub kind: Kind,
    /// The words.
    pub text: String,
}

/// Reads an answer body: the text must show something, fit
/// [`MAX_TEXT_CHARS`] and hold no control character but tab and line
/// breaks.
pub fn answer(map: &Map<String, Value>) -> Result<Answer, ApiError> {
    only(map, &["lookup_token", "kind", "text"])?;
    let lookup = token(map)?;
    let kind = match string(map, "kind")? {
        "answer" => Kind::Answer,
        "detail" => Kind::Detail,
        _ => return Err(invalid("kind", ErrorCode::InvalidValue)),
    };
    let text = string(map, "text")?;
    if !text.chars().any(lantern_tip::validate::is_visible) {
        return Err(invalid("text", ErrorCode::Required));
    }
    lantern_tip::validate::text(text, MAX_TEXT_CHARS).map_err(|code| invalid("text", code))?;
    Ok(Answer {
        lookup,
        kind,
        text: text.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => unreachable!(),
        }
    }

    fn code_of(error: ApiError) -> (String, &'static str) {
        let problem = error.problems().remove(0);
        (problem.field.to_string(), problem.code.as_str())
    }

    #[test]
    fn answers_name_the_field_and_the_problem() {
        let token = "ab".repeat(32);
        let cases = [
            (
                serde_json::json!({"kind": "answer", "text": "x"}),
                ("lookup_token", "required"),
            ),
            (
                serde_json::json!({"lookup_token": "AB", "kind": "answer", "text": "x"}),
                ("lookup_token", "invalid_value"),
            ),
            (
                serde_json::json!({"lookup_token": token, "kind": "reply", "text": "x"}),
                ("kind", "invalid_value"),
            ),
            (
                serde_json::json!({"lookup_token": token, "kind": "answer", "text": " \n "}),
                ("text", "required"),
            ),
            (
                serde_json::json!({"lookup_token": token, "kind": "answer", "text": "y".repeat(MAX_TEXT_CHARS + 1)}),
                ("text", "too_long"),
            ),
            (
                serde_json::json!({"lookup_token": token, "kind": "answer", "text": "a\u{1b}b"}),
                ("text", "invalid_character"),
            ),
            (
                serde_json::json!({"lookup_token": token, "kind": "answer", "text": 5}),
                ("text", "invalid_type"),
            ),
            (
                serde_json::json!({"lookup_token": token, "kind": "answer", "text": "x", "when": 1}),
                ("when", "unknown_field"),
            ),
        ];
        for (body, (field, code)) in cases {
            let got = code_of(answer(&map(body.clone())).unwrap_err());
            assert_eq!(got, (field.to_owned(), code), "{body}");
        }
        let ok = answer(&map(serde_json::json!({"lookup_token": token, "kind": "detail", "text": "y".repeat(MAX_TEXT_CHARS)}))).unwrap();
        assert_eq!(ok.kind, Kind::Detail);
    }

    #[test]
    fn registrations_need_a_real_recipient() {
        let token = "ab".repeat(32);
        let bad = registration(&map(
            serde_json::json!({"lookup_token": token, "recipient": "age1nope"}),
        ));
        assert_eq!(
            code_of(bad.unwrap_err()),
            ("recipient".into(), "invalid_value")
        );
        let recipient = age::x25519::Identity::generate().to_public().to_string();
        assert!(registration(&map(
            serde_json::json!({"lookup_token": token, "recipient": recipient})
        ))
        .is_ok());
    }
}

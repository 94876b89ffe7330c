//! Request extractors for `POST /v1/tips`. The body extractor replaces axum's
//! `Json` so that every way a body can be wrong (type, size, syntax, shape)
//! answers in the contract's `{"errors": [...]}` form (a compressed body
//! too: 415, and a body that takes too long: 408), and the idempotency key
//! is checked before any work is done.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use lantern_tip::Tip;

use crate::error::ApiError;
use crate::AppState;

/// Largest body accepted: a full tip at every cap fits with room to spare.
pub const BODY_LIMIT: usize = lantern_tip::limits::MAX_BODY_BYTES;

/// A tip decoded from a JSON body (not yet validated against the rules).
#[derive(Debug)]
pub struct TipJson(pub Tip);

impl FromRequest<AppState> for TipJson {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        if !is_json(request.headers()) {
            return Err(ApiError::UnsupportedMediaType);
        }
        if is_encoded(request.headers()) {
            return Err(ApiError::UnsupportedEncoding);
        }
        let declared = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|len| len > BODY_LIMIT as u64) {
            return Err(ApiError::TooLarge);
        }
        // Also bounds bodies sent without a length (chunked). The timeout is
        // for the whole body: a client trickling a byte at a time would keep
        // the socket's idle timer happy for ever.
        let read = axum::body::to_bytes(request.into_body(), BODY_LIMIT);
        let bytes = tokio::time::timeout(state.body_timeout, read)
            .await
            .map_err(|_| ApiError::BodyTimeout)?
            .map_err(|error| {
                let too_large = error
                    .into_inner()
                    .downcast::<http_body_util::LengthLimitError>()
                    .is_ok();
                if too_large {
                    ApiError::TooLarge
                } else {
                    // The socket failed or went idle mid-body: it did not arrive.
                    ApiError::BodyTimeout
                }
            })?;
        decode_tip(&bytes).map(TipJson)
    }
}

/// `application/json`, with or without parameters such as `charset=utf-8`.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

/// A `Content-Encoding` other than `identity` (RFC 9110, 15.5.16: answered
/// 415). The service reads plain JSON only; a gzipped body is not decoded.
fn is_encoded(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::CONTENT_ENCODING)
        .iter()
        .flat_map(|v| v.to_str().map_or(vec!["?"], |v| v.split(',').collect()))
        .any(|coding| !coding.trim().eq_ignore_ascii_case("identity") && !coding.trim().is_empty())
}

/// The shared decoder's verdict in the API's error shape: not JSON at all is
/// a 400, JSON of the wrong shape a 422, both with the field's path.
fn decode_tip(bytes: &[u8]) -> Result<Tip, ApiError> {
    lantern_tip::decode(bytes).map_err(|error| {
        let problems = error.errors();
        if error.is_malformed() {
            ApiError::MalformedJson(problems)
        } else {
            ApiError::Invalid(problems)
        }
    })
}

/// The `Idempotency-Key` header: 128 random bits as 32 lowercase hex digits,
/// made once per tip by the widget and sent again on every retry.
#[derive(Debug, Clone)]
pub struct IdempotencyHeader(pub lantern_tip::IdempotencyKey);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyHeader {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        IdempotencyHeader::read(&parts.headers)
    }
}

/// The header that marks a 201 as the replay of a request stored before
/// under the same Idempotency-Key (docs/api.md).
pub const REPLAYED: &str = "idempotent-replayed";

/// `response`, marked as a replay ([`REPLAYED`]: true).
pub fn replayed(mut response: axum::response::Response) -> axum::response::Response {
    response
        .headers_mut()
        .insert(REPLAYED, axum::http::HeaderValue::from_static("true"));
    response
}

impl IdempotencyHeader {
    /// The key in `headers`, or why there is none to use.
    pub fn read(headers: &axum::http::HeaderMap) -> Result<Self, ApiError> {
        let value = headers
            .get("idempotency-key")
            .ok_or(ApiError::MissingIdempotencyKey)?;
        value
            .to_str()
            .ok()
            .and_then(|text| text.parse().ok())
            .map(IdempotencyHeader)
            .ok_or(ApiError::BadIdempotencyKey)
    }
}

//! The one error type of the HTTP API. Every refusal, from a wrong content
//! type to a full disk, becomes the contract's `{"errors":[{"field","code"}]}`
//! body with a status the client can act on; causes are logged here without
//! any request data, and never sent to the client.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use lantern_tip::{ErrorBody, ErrorCode, FieldError};

/// The name the `Idempotency-Key` header goes by in error bodies.
pub const IDEMPOTENCY_FIELD: &str = "Idempotency-Key";

/// Everything the API can answer besides success.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body is not JSON at all (400).
    #[error("malformed JSON")]
    MalformedJson(Vec<FieldError>),
    /// The JSON does not fit the contract or breaks a rule (422).
    #[error("invalid tip")]
    Invalid(Vec<FieldError>),
    /// The body is over the size limit (413).
    #[error("body too large")]
    TooLarge,
    /// The body is not `application/json` (415).
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// The body has a `Content-Encoding` (gzip…); only plain JSON is read (415).
    #[error("unsupported content encoding")]
    UnsupportedEncoding,
    /// The `Idempotency-Key` header is absent (400).
    #[error("missing idempotency key")]
    MissingIdempotencyKey,
    /// The `Idempotency-Key` header is not 32 lowercase hex digits (400).
    #[error("malformed idempotency key")]
    BadIdempotencyKey,
    /// This client sent too many tips; it may try again after this many seconds (429).
    #[error("rate limited")]
    RateLimited {
        /// Whole seconds until one more tip is allowed.
        retry_after_secs: u64,
    },
    /// The Idempotency-Key was already used with a different body (422).
    /// Answering the first tip's receipt would silently drop this one.
    #[error("idempotency key reused for a different tip")]
    KeyReused,
    /// No such route or file (404).
    #[error("not found")]
    NotFound,
    /// The route exists but not with this method (405).
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The request is not valid HTTP (400): hyper could not parse it.
    #[error("malformed request")]
    MalformedRequest,
    /// The `Host` header is missing, given twice or not a host (400).
    #[error("bad Host header")]
    BadHost(ErrorCode),
    /// The request line's target is over the limit (414).
    #[error("URI too long")]
    UriTooLong,
    /// The request's headers are over the limit (431).
    #[error("headers too large")]
    HeadersTooLarge,
    /// The body did not arrive within the body timeout (408).
    #[error("body timeout")]
    BodyTimeout,
    /// A bearer token is needed and was not given (401).
    #[error("unauthorized")]
    Unauthorized,
    /// The database could not take the tip; nothing was stored (503).
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    /// A bug or an impossible state (500).
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::MalformedJson(_)
            | ApiError::MissingIdempotencyKey
            | ApiError::BadIdempotencyKey
            | ApiError::MalformedRequest
            | ApiError::BadHost(_) => StatusCode::BAD_REQUEST,
            ApiError::UriTooLong => StatusCode::URI_TOO_LONG,
            ApiError::HeadersTooLarge => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            ApiError::BodyTimeout => StatusCode::REQUEST_TIMEOUT,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType | ApiError::UnsupportedEncoding => {
                StatusCode::UNSUPPORTED_MEDIA_TYPE
            }
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::KeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The problems sent to the client.
    pub fn problems(&self) -> Vec<FieldError> {
        let whole = |code| vec![FieldError::new("", code)];
        match self {
            ApiError::MalformedJson(problems) | ApiError::Invalid(problems) => problems.clone(),
            ApiError::TooLarge => whole(ErrorCode::TooLarge),
            ApiError::UnsupportedMediaType | ApiError::UnsupportedEncoding => {
                whole(ErrorCode::UnsupportedMediaType)
            }
            ApiError::MissingIdempotencyKey => {
                vec![FieldError::new(IDEMPOTENCY_FIELD, ErrorCode::Required)]
            }
            ApiError::BadIdempotencyKey => {
                vec![FieldError::new(IDEMPOTENCY_FIELD, ErrorCode::InvalidValue)]
            }
            ApiError::MalformedRequest => whole(ErrorCode::MalformedRequest),
            ApiError::BadHost(code) => vec![FieldError::new("Host", *code)],
            ApiError::UriTooLong | ApiError::HeadersTooLarge => whole(ErrorCode::TooLarge),
            ApiError::BodyTimeout => whole(ErrorCode::RequestTimeout),
            ApiError::Unauthorized => whole(ErrorCode::Unauthorized),
            ApiError::RateLimited { .. } => whole(ErrorCode::RateLimited),
            ApiError::KeyReused => vec![FieldError::new(
                IDEMPOTENCY_FIELD,
                ErrorCode::IdempotencyKeyReused,
            )],
            ApiError::NotFound => whole(ErrorCode::NotFound),
            ApiError::MethodNotAllowed => whole(ErrorCode::MethodNotAllowed),
            ApiError::Unavailable(_) => whole(ErrorCode::Unavailable),
            ApiError::Internal(_) => whole(ErrorCode::Internal),
        }
    }

    /// The code counted in `/metrics` for this refusal: the first problem's.
    pub fn metric_code(&self) -> &'static str {
        self.problems()
            .first()
            .map_or(ErrorCode::Internal.as_str(), |p| p.code.as_str())
    }
}

/// Attached to every error response so the metrics layer can count refusals
/// by code without reading bodies.
#[derive(Debug, Clone, Copy)]
pub struct RejectionCode(pub &'static str);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self {
            // The cause strings come from the database driver or the sealing
            // library, never from the request.
            // Not logged per request: the writer logs when writes start and
            // stop failing (store/group_commit.rs); a line per refused tip
            // would time each attempt.
            ApiError::Unavailable(_) => {}
            ApiError::Internal(cause) => tracing::error!(%cause, "internal error"),
            _ => {}
        }
        let status = self.status();
        let code = RejectionCode(self.metric_code());
        let body = serde_json::to_vec(&ErrorBody {
            errors: self.problems(),
        })
        .unwrap_or_else(|_| br#"{"errors":[{"field":"","code":"internal"}]}"#.to_vec());
        let mut response = (
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            body,
        )
            .into_response();
        response.extensions_mut().insert(code);
        match self {
            ApiError::RateLimited { retry_after_secs } => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            }
            ApiError::Unavailable(_) => {
                // A database restart usually takes seconds.
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            }
            ApiError::UnsupportedEncoding => {
                // RFC 7694: the codings that would have been accepted.
                response.headers_mut().insert(
                    header::ACCEPT_ENCODING,
                    HeaderValue::from_static("identity"),
                );
            }
            ApiError::Unauthorized => {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            ApiError::MalformedRequest
            | ApiError::BadHost(_)
            | ApiError::UriTooLong
            | ApiError::HeadersTooLarge
            | ApiError::BodyTimeout => {
                // The connection is in doubt: end it after this answer.
                response
                    .headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            _ => {}
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body_of(error: ApiError) -> (StatusCode, serde_json::Value, Option<String>) {
        let response = error.into_response();
        let status = response.status();
        let retry = response
            .headers()
            .get(header::RETRY_AFTER)
            .map(|v| v.to_str().unwrap().to_owned());
        let bytes = http_body_util::BodyExt::collect(response.into_body())
            .await
            .unwrap()
            .to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap(), retry)
    }

    #[tokio::test]
    async fn validation_errors_keep_their_field_paths() {
        let error = ApiError::Invalid(vec![
            FieldError::new("when.date", ErrorCode::FutureDate),
            FieldError::new("indicators[2]", ErrorCode::UnknownId),
        ]);
        let (status, body, _) = body_of(error).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            body,
            serde_json::json!({"errors": [
                {"field": "when.date", "code": "future_date"},
                {"field": "indicators[2]", "code": "unknown_id"}
            ]})
        );
    }

    #[tokio::test]
    async fn rate_limits_say_when_to_come_back() {
        let (status, body, retry) = body_of(ApiError::RateLimited {
            retry_after_secs: 7,
        })
        .await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(retry.as_deref(), Some("7"));
        assert_eq!(body["errors"][0]["code"], "rate_limited");
    }

    #[tokio::test]
    async fn internal_causes_are_not_sent() {
        let (status, body, _) = body_of(ApiError::Unavailable("disk I/O error".into())).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(!body.to_string().contains("disk"));
    }
}

//! Privacy by construction: what the service logs, how it limits clients
//! without knowing them, and what a panic may say.
//!
//! - The access log has the method, the route *pattern* (never the raw path or
//!   query), the status and the latency. No header, address or body. Tip
//!   submissions (`/v1/tips`) get no line at all, at any level: a line per
//!   tip, with its time or just its place among other lines (and every line
//!   gets a time from journald or Docker anyway), would time and order tips.
//!   They are counted, without times, in `/metrics`. The other lines are at
//!   `debug` level, off by default: a page view shortly before a tip arrives
//!   would hint at when it was sent.
//! - Panics are logged with their location only: a payload could quote data.
//! - The rate limiter sees a client address only to hash it (see
//!   [`crate::ratelimit`]; the address comes from [`crate::client`]).

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, RejectionCode};
use crate::store::{Store, StoreError};
use crate::{clock, receipt, AppState};

/// The route whose requests are never logged one by one.
pub const TIPS_ROUTE: &str = "/v1/tips";

/// Logs (at `debug`) that a request happened: method, route pattern,
/// status, latency; nothing for tip submissions or follow-up requests
/// (a line's time would time the reporter).
pub async fn access_log(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(static)", |p| p.as_str())
        .to_owned();
    if route == TIPS_ROUTE || route.starts_with(crate::followup::ROUTE_PREFIX) {
        return next.run(request).await;
    }
    let started = Instant::now();
    let method = request.method().clone();
    let response = next.run(request).await;
    tracing::debug!(
        %method,
        %route,
        status = response.status().as_u16(),
        latency_ms = started.elapsed().as_secs_f64() * 1_000.0,
        "request"
    );
    response
}

/// Spends one of this client's tokens on a tip, and gives it back when the
/// request stores nothing new (a replay, an invalid tip, a failure), so only
/// stored tips count against an honest client. With the bucket empty, a
/// retry of a tip already stored still reaches its receipt: the key is
/// looked up first. Everything else then gets 429.
pub async fn rate_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let client = state.client.of(&request);
    let now = clock::now_unix();
    match state
        .limiter
        .check(client, Instant::now(), clock::utc_day(now))
    {
        Ok(ticket) => {
            let response = next.run(request).await;
            if !stored_a_new_tip(&response) {
                state.limiter.refund(ticket);
            }
            response
        }
        Err(wait) => match already_stored(&state, request.headers()).await {
            Ok(true) => next.run(request).await,
            // Not stored, or the database cannot say: the limit holds.
            Ok(false) | Err(_) => ApiError::RateLimited {
                retry_after_secs: wait.as_secs_f64().ceil().max(1.0) as u64,
            }
            .into_response(),
        },
    }
}

/// A 201 without `Idempotent-Replayed`: a tip stored by this very request.
fn stored_a_new_tip(response: &Response) -> bool {
    response.status() == StatusCode::CREATED
        && !response.headers().contains_key("idempotent-replayed")
}

/// Whether the request's `Idempotency-Key` belongs to a tip already stored.
async fn already_stored(state: &AppState, headers: &HeaderMap) -> Result<bool, StoreError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .and_then(|text| text.parse::<lantern_tip::IdempotencyKey>().ok());
    let Some(key) = key else {
        return Ok(false);
    };
    let hash = receipt::idempotency_hash(state.store.hash_key(), &key);
    state.store.has_idempotency_hash(&hash).await
}

/// Counts each refused tip under its error code for `/metrics`.
pub async fn count_rejections(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    if let Some(RejectionCode(code)) = response.extensions().get::<RejectionCode>() {
        state.metrics.rejected(code);
    }
    response
}

/// The answer to a request whose handler panicked. The payload is dropped
/// unread: it could quote the request.
pub fn panic_response(_payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::Internal("a request handler panicked".into()).into_response()
}

/// Replaces the default panic hook (which prints the payload) with one that
/// logs only where the panic happened.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!(%location, "panic (payload withheld)");
    }));
}

/// Logs to stderr. `LANTERN_LOG` (else `RUST_LOG`, when it is a plain level
/// such as `debug`) sets the level of this crate's own events; dependencies
/// stay at `warn` whatever is asked, so none of them can log request details.
pub fn init_logging() {
    let level = ["LANTERN_LOG", "RUST_LOG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find_map(|value| value.trim().parse::<tracing::Level>().ok())
        .unwrap_or(tracing::Level::INFO);
    let filter = tracing_subscriber::EnvFilter::new(format!(
        "warn,lantern_intake={}",
        level.as_str().to_ascii_lowercase()
    ));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::routing::get;
    use axum::Router;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_panicking_handler_answers_500_without_its_payload() {
        let router = Router::new()
            .route(
                "/boom",
                get(|| async {
                    if std::hint::black_box(true) {
                        panic!("payload quoting a tip: PANICMARK");
                    }
                }),
            )
            .layer(tower_http::catch_panic::CatchPanicLayer::custom(
                panic_response,
            ));
        let response = router
            .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            axum::http::StatusCode::INTERNAL_SERVER_ERROR
        );
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(&body[..], br#"{"errors":[{"field":"","code":"internal"}]}"#);
    }
}

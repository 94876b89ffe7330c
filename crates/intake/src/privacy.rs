//! Privacy by construction: what the service logs, how it limits clients
//! without knowing them, and what a panic may say.
//!
//! - The access log has the method, the route *pattern* (never the raw path or
//!   query), the status and the latency. No header, address or body.
//! - Panics are logged with their location only: a payload could quote data.
//! - The rate limiter sees a client address only to hash it (see
//!   [`crate::ratelimit`]).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderName};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, RejectionCode};
use crate::{clock, AppState};

/// Logs that a request happened: method, route pattern, status, latency.
pub async fn access_log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(static)", |p| p.as_str())
        .to_owned();
    let response = next.run(request).await;
    tracing::info!(
        %method,
        %route,
        status = response.status().as_u16(),
        latency_ms = started.elapsed().as_secs_f64() * 1_000.0,
        "request"
    );
    response
}

/// Refuses a tip with 429 when this client's bucket is empty.
pub async fn rate_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let client = client_address(&request, state.client_ip_header.as_ref());
    let now = clock::now_unix();
    match state
        .limiter
        .check(client, Instant::now(), clock::utc_day(now))
    {
        Ok(()) => next.run(request).await,
        Err(wait) => ApiError::RateLimited {
            retry_after_secs: wait.as_secs_f64().ceil().max(1.0) as u64,
        }
        .into_response(),
    }
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

/// The address a request came from: the trusted proxy header's last entry
/// when one is configured, else the socket peer. Used only to pick a bucket.
fn client_address(request: &Request, trusted_header: Option<&HeaderName>) -> IpAddr {
    if let Some(name) = trusted_header {
        if let Some(ip) = forwarded_address(request.headers(), name) {
            return ip;
        }
    }
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip())
}

/// The last address in a forwarding header: the one our own proxy added
/// (earlier entries are whatever the client claimed).
fn forwarded_address(headers: &HeaderMap, name: &HeaderName) -> Option<IpAddr> {
    let value = headers.get_all(name).iter().next_back()?.to_str().ok()?;
    value.rsplit(',').next()?.trim().parse().ok()
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

    #[test]
    fn only_the_last_forwarded_entry_is_trusted() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "203.0.113.9, 198.51.100.4".parse().unwrap(),
        );
        let name = HeaderName::from_static("x-forwarded-for");
        assert_eq!(
            forwarded_address(&headers, &name),
            Some("198.51.100.4".parse().unwrap())
        );
        headers.insert("x-forwarded-for", "garbage".parse().unwrap());
        assert_eq!(forwarded_address(&headers, &name), None);
    }
}

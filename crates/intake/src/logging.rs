//! What the service logs, and how little: logging is set up here, and the
//! access log is the one place a request leaves a line.
//!
//! - The access log has the method, the route *pattern* (never the raw path or
//!   query), the status and the latency. No header, address or body. Tip
//!   submissions (`/v1/tips`) get no line at all, at any level: a line per
//!   tip, with its time or just its place among other lines (and every line
//!   gets a time from journald or Docker anyway), would time and order tips.
//!   They are counted, without times, in `/metrics`. The other lines are at
//!   `debug` level, off by default: a page view shortly before a tip arrives
//!   would hint at when it was sent.
//! - Dependencies log at `warn` at most, whatever level is asked, so none of
//!   them can log request details.
//! - Panics are logged with their location only ([`crate::panics`]).

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;

/// The route whose requests are never logged one by one.
pub const TIPS_ROUTE: &str = "/v1/tips";

/// Logs (at `debug`) that a request happened: method, route pattern,
/// status, latency; nothing for tip submissions.
pub async fn access_log(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(static)", |p| p.as_str())
        .to_owned();
    if route == TIPS_ROUTE {
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

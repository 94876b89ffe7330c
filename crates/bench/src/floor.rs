//! The intake's cost floor: the same server minus the work of a tip.
//!
//! It is built from `lantern-intake`'s own parts (state, extractors, and the
//! layers every request passes: access log, security headers, panic guard,
//! rate limiter, rejection counter), with a `POST /v1/tips` handler that
//! decodes the body and the idempotency key exactly as the real one does and
//! then answers 201 without validating, sealing or storing. The difference
//! between the two servers is therefore the cost of validation, sealing and
//! the durable write.
//!
//! It lives here rather than in the intake because the intake has no
//! benchmark-only route; a route that skips validation and storage has no
//! business in the production binary.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use lantern_intake::extract::{IdempotencyHeader, TipJson};
use lantern_intake::page::WidgetPage;
use lantern_intake::ratelimit::RateLimit;
use lantern_intake::seal::Sealer;
use lantern_intake::store::AnyStore;
use lantern_intake::page::WidgetPage;
use lantern_intake::{api, conn, AppState, Settings};
use serde::Serialize;

/// Why the floor server could not start.
#[derive(Debug, thiserror::Error)]
#[error("floor server: {0}")]
pub struct FloorError(String);

fn fail(error: impl std::fmt::Display) -> FloorError {
    FloorError(error.to_string())
}

/// The 201 body, shaped like the real one.
#[derive(Serialize)]
struct Created {
    receipt: String,
}

static ANSWERED: AtomicU64 = AtomicU64::new(0);

/// Decodes like the real handler, then answers without any work.
async fn floor_tip(
    IdempotencyHeader(_key): IdempotencyHeader,
    TipJson(tip): TipJson,
) -> (StatusCode, Json<Created>) {
    // Use the decoded tip so the decode cannot be optimised away.
    let n = ANSWERED.fetch_add(1, Ordering::Relaxed) ^ tip.narrative.len() as u64;
    (
        StatusCode::CREATED,
        Json(Created {
            receipt: lantern_tip::Receipt::from_random(n).to_string(),
        }),
    )
}

/// The floor router, with the real router's layers (the same functions).
pub fn floor_app(state: AppState) -> Router {
    let routes =
        lantern_intake::tips_route(post(floor_tip), &state).route("/healthz", get(api::healthz));
    lantern_intake::outer_layers(routes, &state).with_state(state)
}

/// Serves the floor on `listen` until killed. `work_dir` holds an empty
/// SQLite file the state requires but the floor never writes to.
pub async fn serve(
    listen: SocketAddr,
    widget_dir: &Path,
    work_dir: &Path,
) -> Result<(), FloorError> {
    logging::init_logging();
    panics::install_panic_hook();
    let (_identity, recipient) = lantern_intake::seal::generate_identity("floor");
    let sealer = Sealer::new(&[recipient]).map_err(fail)?;
    let page = WidgetPage::load(widget_dir, None).map_err(fail)?;
    let url = format!("sqlite://{}", work_dir.join("floor.db").display());
    let store = AnyStore::open(&url).await.map_err(fail)?;
    let state = AppState::new(
        store,
        sealer,
        page,
        Settings {
            allow_origins: Vec::new(),
            rate_limit: RateLimit {
                per_minute: u32::MAX,
                burst: u32::MAX,
            },
            ..Settings::default()
        },
    )
    .map_err(fail)?;
    let listener = tokio::net::TcpListener::bind(listen).await.map_err(fail)?;
    // The real server's connection layer, with `serve`'s default limits.
    let limits = conn::Limits {
        header_timeout: Duration::from_secs(10),
        idle_timeout: Duration::from_secs(60),
        max_connections: 1024,
    };
    let answers = Arc::new(conn::ParserAnswers::new(&state.policy));
    conn::serve(
        listener,
        floor_app(state),
        limits,
        answers,
        std::future::pending(),
    )
    .await;
    Ok(())
}

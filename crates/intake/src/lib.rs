//! Lantern's intake service: receives anonymous tips from the widget,
//! validates them with the shared rules of `lantern-tip`, seals them with age
//! to the hotline's keys, and stores them durably. It never learns, stores or
//! logs who sent a tip.
//!
//! - [`app`] builds the router (tests drive it without a socket);
//! - [`api`] the handlers, [`extract`] the body and header extractors,
//!   [`error`] the one error type and its JSON shape;
//! - [`seal`] age encryption, [`stored_forms`] the only forms in which
//!   receipts and idempotency keys are stored (keyed hashes and a sealed box);
//! - [`store`] SQLite (group commit) and PostgreSQL behind one trait;
//! - [`headers`] the security headers; [`page`] the page at `/` in each
//!   language, [`negotiate`] which language and encoding a request gets,
//!   [`assets`] the widget's other files;
//! - [`ratelimit`] and [`client`] (whose bucket), [`metrics`] (counts, and
//!   who may read them), [`logging`] (the access log and its set-up),
//!   [`panics`] (what a panic may say);
//! - [`conn`] the connections under the router: caps, timeouts, and what
//!   hyper refuses before the router sees a request;
//! - [`followup`] the anonymous follow-up (issue 16) and its `reply` command;
//! - [`console`] the analysts' console (issue 17): accounts, passkeys,
//!   sessions, the audit log, and the `analyst` and `audit` commands;
//! - [`commands`] `serve`, `keygen` and `export`, [`config`] their flags.

pub mod api;
pub mod assets;
pub mod client;
pub mod clock;
pub mod commands;
pub mod config;
pub mod conn;
pub mod console;
pub mod error;
pub mod export;
pub mod extract;
pub mod followup;
pub mod headers;
pub mod logging;
pub mod metrics;
pub mod negotiate;
pub mod page;
pub mod panics;
pub mod ratelimit;
pub mod retention;
pub mod seal;
pub mod store;
pub mod stored_forms;

use std::sync::Arc;
use std::time::Duration;

use axum::routing::{get, post};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

use crate::client::ClientAddress;
use crate::headers::HeaderPolicy;
use crate::metrics::{Listener, Metrics};
use crate::page::WidgetPage;
use crate::ratelimit::{RateLimit, RateLimiter};
use crate::seal::Sealer;
use crate::store::AnyStore;

/// Everything the handlers share. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState(Arc<Shared>);

/// The parts of [`AppState`].
#[derive(Debug)]
pub struct Shared {
    /// Where sealed tips go.
    pub store: AnyStore,
    /// The hotline's public keys.
    pub sealer: Sealer,
    /// Per-client token buckets (keyed hashes only).
    pub limiter: RateLimiter,
    /// Counters for `/metrics`.
    pub metrics: Metrics,
    /// Who may read `/metrics`.
    pub metrics_access: metrics::Access,
    /// The widget page and directory.
    pub page: WidgetPage,
    /// The security headers.
    pub policy: Arc<HeaderPolicy>,
    /// How to tell the client's address (the peer, or a trusted proxy's header).
    pub client: ClientAddress,
    /// How long a tip's body may take to arrive.
    pub body_timeout: Duration,
    /// The follow-up endpoints' per-client buckets.
    pub followup: followup::Limits,
    /// The analysts' console: WebAuthn, ceremonies, session settings.
    pub console: console::Console,
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The settings of [`AppState::new`] besides its parts. The defaults are
/// those of `lantern-intake serve`.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Partner origins allowed to frame the widget.
    pub allow_origins: Vec<String>,
    /// The per-client limit on tips.
    pub rate_limit: RateLimit,
    /// The client-address header our reverse proxy sets.
    pub client_ip_header: Option<String>,
    /// The proxies (addresses or networks) that header is believed from.
    pub trusted_proxies: Vec<String>,
    /// Partner ids counted by name in `/metrics` (others count as `other`).
    pub partners: Vec<String>,
    /// Who may read `/metrics`.
    pub metrics: metrics::Access,
    /// How long a tip's body may take to arrive (then 408).
    pub body_timeout: Duration,
    /// The analysts' console.
    pub console: console::ConsoleSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            allow_origins: Vec::new(),
            rate_limit: RateLimit {
                per_minute: 6,
                burst: 10,
            },
            client_ip_header: None,
            trusted_proxies: Vec::new(),
            partners: Vec::new(),
            metrics: metrics::Access::default(),
            body_timeout: Duration::from_secs(60),
            console: console::ConsoleSettings::default(),
        }
    }
}

/// Why the state could not be built from the configuration.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// A bad `--allow-origin`.
    #[error(transparent)]
    Policy(#[from] headers::PolicyError),
    /// A bad `--client-ip-header` or `--trusted-proxy`.
    #[error(transparent)]
    Client(#[from] client::ClientAddressError),
    /// A bad `--partner`.
    #[error(transparent)]
    Partner(#[from] metrics::BadPartner),
    /// A bad `--console-origin`.
    #[error(transparent)]
    Console(#[from] console::ConsoleSetupError),
}

impl AppState {
    /// Assembles the state; the CSP gets the hashes of the page's inline scripts
    /// and style sheets.
    pub fn new(
        store: AnyStore,
        sealer: Sealer,
        page: WidgetPage,
        settings: Settings,
    ) -> Result<Self, SetupError> {
        let inline = headers::InlineHashes::of_pages(page.pages().map(|p| &p.html[..]));
        let policy = HeaderPolicy::new(&settings.allow_origins, &inline)?;
        let client = ClientAddress::new(
            settings.client_ip_header.as_deref(),
            &settings.trusted_proxies,
        )?;
        Ok(Self(Arc::new(Shared {
            store,
            sealer,
            limiter: RateLimiter::new(settings.rate_limit, clock::utc_day(clock::now_unix())),
            metrics: Metrics::new(&settings.partners)?,
            metrics_access: settings.metrics,
            page,
            policy: Arc::new(policy),
            client,
            body_timeout: settings.body_timeout,
            followup: followup::Limits::new(clock::utc_day(clock::now_unix())),
            console: console::Console::new(&settings.console)?,
        })))
    }
}

/// The whole service as a router: the API, the widget, and the layers every
/// response passes through (security headers, panic safety, access log).
pub fn app(state: AppState) -> Router {
    let tips = tips_route(post(api::submit_tip), &state);
    let compressed = Router::new()
        .route("/", get(api::index))
        .route("/index.html", get(api::index))
        .route("/v1/openapi.json", get(api::openapi))
        .layer(CompressionLayer::new());
    let static_files = ServeDir::new(&state.page.dir)
        .precompressed_br()
        .precompressed_gzip()
        .call_fallback_on_method_not_allowed(true)
        .fallback(axum::handler::HandlerWithoutStateExt::into_service(
            api::not_found,
        ));
    let static_files = tower::ServiceBuilder::new()
        .layer(axum::middleware::from_fn(assets::static_files))
        .service(static_files);
    let routes = Router::new()
        .merge(tips)
        .merge(followup::routes(&state))
        .merge(console::routes(&state))
        .merge(compressed)
        .merge(metrics_route(&state, Listener::Main))
        .route("/favicon.ico", get(api::no_icon))
        .route("/healthz", get(api::healthz))
        .route("/readyz", get(api::readyz))
        .route("/v1/{*rest}", axum::routing::any(api::not_found))
        .method_not_allowed_fallback(api::method_not_allowed)
        .fallback_service(static_files);
    outer_layers(routes, &state).with_state(state)
}

/// What `--metrics-listen` serves: `/metrics` and nothing else.
pub fn metrics_app(state: AppState) -> Router {
    let routes = Router::new()
        .merge(metrics_route(&state, Listener::Metrics))
        .method_not_allowed_fallback(api::method_not_allowed)
        .fallback(api::not_found);
    outer_layers(routes, &state).with_state(state)
}

/// `POST /v1/tips` answered by `handler`, behind the tip route's own layers:
/// the rate limit (a route layer, so only this route counts) and the count
/// of rejected tips. The benchmark's cost floor reuses it with a handler
/// that does no work.
pub fn tips_route(
    handler: axum::routing::MethodRouter<AppState>,
    state: &AppState,
) -> Router<AppState> {
    Router::new()
        .route(logging::TIPS_ROUTE, handler)
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            ratelimit::limit_tips,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::count_rejections,
        ))
}

/// The layers every answer passes through, innermost first: the request
/// checks, the panic guard, the security headers, and the access log
/// outermost (so it sees every answer as sent).
pub fn outer_layers(routes: Router<AppState>, state: &AppState) -> Router<AppState> {
    routes
        .layer(axum::middleware::from_fn(conn::check_request))
        .layer(CatchPanicLayer::custom(panics::panic_response))
        .layer(axum::middleware::from_fn_with_state(
            state.policy.clone(),
            headers::security_headers,
        ))
        .layer(axum::middleware::from_fn(logging::access_log))
}

fn metrics_route(state: &AppState, listener: Listener) -> Router<AppState> {
    Router::new()
        .route("/metrics", get(api::metrics))
        .route_layer(axum::middleware::from_fn_with_state(
            (state.clone(), listener),
            metrics::guard,
        ))
}

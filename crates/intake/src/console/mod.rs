//! The analysts' console's server side (issue 17), under `/console/`:
//! accounts and enrolment ([`accounts`]), passkeys with WebAuthn
//! ([`passkeys`]), sessions in a cookie scoped to `/console/` ([`sessions`]),
//! the hash-chained audit log ([`audit`]), the sealed inbox and triage
//! (status, labels, priority, assignee, and grouping tips into cases:
//! [`tips`]), replies to the reporter and notes, both sealed in the
//! analyst's browser ([`talk`]), exports of selected tips, audited
//! before they are handed over ([`exports`]), the administrator's commands
//! ([`command`]) and the one error type ([`error`]); and the console app
//! itself (`crates/console`, built by scripts/build-console.sh into its
//! own directory), whose page and assets [`routes`] serves under
//! `/console/` with the console's own Content-Security-Policy
//! ([`crate::headers::CONSOLE_CSP`]).
//!
//! The widget's rule stands: nothing outside `/console/` ever sets a
//! cookie (tested in `tests/console.rs`).

pub mod accounts;
pub mod audit;
pub mod command;
pub mod error;
pub mod exports;
pub mod passkeys;
pub mod sessions;
pub mod talk;
pub mod tips;

use std::path::PathBuf;
use std::time::Duration;

use axum::extract::{FromRequest, Request};
use axum::routing::{get, post};
use axum::Router;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use webauthn_rs::prelude::Url;
use webauthn_rs::{Webauthn, WebauthnBuilder};

use crate::ratelimit::RateLimiter;
use crate::AppState;
pub use error::ConsoleError;

/// Where the console lives; its cookie's path.
pub const PATH: &str = "/console/";

/// The console's settings (`serve --console-…`). The defaults are
/// `serve`'s.
#[derive(Debug, Clone)]
pub struct ConsoleSettings {
    /// The origin analysts open the console at (`https://lantern.example`):
    /// WebAuthn binds passkeys to its host, and requests from any other
    /// origin are refused.
    pub origin: String,
    /// A session unused for this long ends.
    pub idle: Duration,
    /// A session ends this long after sign-in however active.
    pub max_age: Duration,
    /// The built console app (scripts/build-console.sh): its `index.html`
    /// and hashed assets. Missing, `/console/` answers 404 and the API
    /// still works.
    pub dir: PathBuf,
}

impl Default for ConsoleSettings {
    fn default() -> Self {
        Self {
            origin: "http://localhost:8080".into(),
            idle: Duration::from_secs(30 * 60),
            max_age: Duration::from_secs(12 * 60 * 60),
            dir: PathBuf::from("dist-console"),
        }
    }
}

/// Why the console could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum ConsoleSetupError {
    /// `--console-origin` is not an origin WebAuthn can use.
    #[error(
        "--console-origin {0:?}: give the scheme and host analysts open, such as \
         https://lantern.example (http only for localhost)"
    )]
    Origin(String),
}

/// The console's shared state: the WebAuthn relying party, the ceremonies
/// under way, and the settings.
#[derive(Debug)]
pub struct Console {
    /// The relying party.
    pub webauthn: Webauthn,
    /// Registration and authentication challenges under way (in memory).
    pub ceremonies: passkeys::Ceremonies,
    /// The origin, as browsers send it in `Origin` (no trailing slash).
    pub origin: String,
    /// See [`ConsoleSettings`].
    pub idle: Duration,
    /// See [`ConsoleSettings`].
    pub max_age: Duration,
    /// Per-client buckets for starting ceremonies ([`passkeys::START_LIMIT`]).
    pub start_limiter: RateLimiter,
    /// See [`ConsoleSettings::dir`].
    pub dir: PathBuf,
}

impl Console {
    /// Sets up the relying party for `settings.origin`.
    pub fn new(settings: &ConsoleSettings) -> Result<Self, ConsoleSetupError> {
        let bad = || ConsoleSetupError::Origin(settings.origin.clone());
        let url = Url::parse(&settings.origin).map_err(|_| bad())?;
        let host = url.host_str().ok_or_else(bad)?.to_owned();
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err(bad());
        }
        // Browsers offer WebAuthn, and keep `Secure` cookies, only on https
        // and on localhost.
        if url.scheme() != "https" && !(url.scheme() == "http" && host == "localhost") {
            return Err(bad());
        }
        let webauthn = WebauthnBuilder::new(&host, &url)
            .and_then(|builder| builder.rp_name("Lantern console").build())
            .map_err(|_| bad())?;
        Ok(Self {
            webauthn,
            ceremonies: passkeys::Ceremonies::default(),
            origin: url.origin().ascii_serialization(),
            idle: settings.idle,
            max_age: settings.max_age,
            start_limiter: RateLimiter::new(
                passkeys::START_LIMIT,
                crate::clock::utc_day(crate::clock::now_unix()),
            ),
            dir: settings.dir.clone(),
        })
    }

    /// The enrolment link for `token`: the token in the fragment, which
    /// browsers never send to a server (so it is in no access log, proxy
    /// log or `Referer`); the console app reads it and sends it in a body.
    pub fn enrolment_link(origin: &str, token: &str) -> String {
        format!("{}{PATH}enrol#{token}", origin.trim_end_matches('/'))
    }
}

/// The console app's page (at `/console/` and at the enrolment link's
/// `/console/enrol`, which read where they are from the address) and its
/// hashed assets, from [`ConsoleSettings::dir`], with the `.br` or `.gz`
/// beside each when the browser takes it.
fn app_routes(state: &AppState) -> Router<AppState> {
    let not_found =
        || axum::handler::HandlerWithoutStateExt::into_service(|| async { ConsoleError::NotFound });
    let page = tower_http::services::ServeFile::new(state.console.dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let assets = tower_http::services::ServeDir::new(&state.console.dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(not_found());
    let assets = tower::ServiceBuilder::new()
        .layer(axum::middleware::from_fn(crate::assets::static_files))
        .service(assets);
    // `/console/` is the directory's index.html, through `assets`.
    Router::new()
        .route_service("/console/enrol", page)
        .nest_service("/console", assets)
}

/// The console's routes: the app ([`app_routes`]) and its API, under
/// `/console/api/`.
pub fn routes(state: &AppState) -> Router<AppState> {
    // Starting a ceremony is limited per client (it takes server memory).
    let starts = Router::new()
        .route("/console/api/enrol/start", post(passkeys::enrol_start))
        .route("/console/api/signin/start", post(passkeys::signin_start))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            passkeys::limit_starts,
        ));
    Router::new()
        .merge(app_routes(state))
        .merge(starts)
        .route("/console/api/enrol/finish", post(passkeys::enrol_finish))
        .route("/console/api/signin/finish", post(passkeys::signin_finish))
        .route("/console/api/signout", post(sessions::signout))
        .route("/console/api/me", get(sessions::me))
        .route("/console/api/audit", get(audit::read))
        .route("/console/api/analysts", get(tips::analysts))
        .route("/console/api/tips", get(tips::list))
        .route("/console/api/tips/{id}", get(tips::open))
        .route("/console/api/tips/{id}/status", post(tips::set_status))
        .route("/console/api/tips/{id}/labels", post(tips::set_labels))
        .route("/console/api/tips/{id}/priority", post(tips::set_priority))
        .route("/console/api/tips/{id}/assignee", post(tips::set_assignee))
        .route("/console/api/tips/{id}/case", post(tips::set_case))
        .route("/console/api/tips/{id}/replies", post(talk::reply))
        .route("/console/api/tips/{id}/notes", post(talk::note))
        .route("/console/api/exports", post(exports::export))
        .route(
            "/console/api/{*rest}",
            axum::routing::any(|| async { ConsoleError::NotFound }),
        )
}

/// A random token (32 bytes, base64url) and its SHA-256, the only form
/// stored. A hash without a key is enough: the token has 256 random bits,
/// so nobody can guess one to match a stolen hash.
pub fn new_token() -> (String, [u8; 32]) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

/// The stored form of a token.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Refuses a request whose `Origin` is not the console's. Browsers send
/// `Origin` on every POST (and on cross-origin GETs), so a request another
/// site's page makes is refused even before `SameSite=Strict` applies.
/// POSTs must carry it.
fn check_origin(parts: &axum::http::request::Parts, console: &Console) -> Result<(), ConsoleError> {
    match parts.headers.get(axum::http::header::ORIGIN) {
        Some(origin) if origin.as_bytes() == console.origin.as_bytes() => Ok(()),
        Some(_) => Err(ConsoleError::WrongOrigin),
        None if parts.method == axum::http::Method::GET => Ok(()),
        None => Err(ConsoleError::WrongOrigin),
    }
}

/// A JSON body for a console route, after the origin check; malformed
/// bodies get the console's error shape.
#[derive(Debug)]
pub struct ConsoleJson<T>(pub T);

impl<T: serde::de::DeserializeOwned> FromRequest<AppState> for ConsoleJson<T> {
    type Rejection = ConsoleError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        check_origin(&parts, &state.console)?;
        let request = Request::from_parts(parts, body);
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ConsoleJson(value)),
            Err(axum::extract::rejection::JsonRejection::MissingJsonContentType(_)) => {
                Err(ConsoleError::UnsupportedMediaType)
            }
            Err(rejection) => Err(ConsoleError::BadRequest(rejection.body_text())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_must_be_a_bare_origin() {
        let console = |origin: &str| {
            Console::new(&ConsoleSettings {
                origin: origin.into(),
                ..ConsoleSettings::default()
            })
        };
        assert_eq!(
            console("https://lantern.example/").unwrap().origin,
            "https://lantern.example"
        );
        assert!(console("https://lantern.example/console/").is_err());
        assert!(console("lantern.example").is_err());
        assert!(
            console("http://lantern.example").is_err(),
            "http only for localhost"
        );
    }

    #[test]
    fn the_enrolment_token_rides_in_the_fragment() {
        assert_eq!(
            Console::enrolment_link("https://l.example/", "abc"),
            "https://l.example/console/enrol#abc"
        );
        let (token, hash) = new_token();
        assert_eq!(token.len(), 43);
        assert_eq!(hash, token_hash(&token));
        assert_ne!(new_token().0, token);
    }
}

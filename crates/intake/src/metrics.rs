//! Counters for `/metrics` in the Prometheus text format: how many tips were
//! accepted, rejected (by reason code) and from which partner embed. Nothing
//! per person. Label values come only from fixed codes and from the partner
//! ids the operator configured (`--partner`); any other id a tip names is
//! counted as `other`, so nobody can put words of their own on the page.
//!
//! Who may read it is [`guard`]'s business (see docs/operations.md).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::error::{ApiError, RejectionCode};
use crate::AppState;

/// The label of tips sent without a partner (the widget's own page).
const NO_PARTNER: &str = "none";
/// The label of tips from a partner id not configured.
const OTHER_PARTNER: &str = "other";

/// The service's counters.
#[derive(Debug, Default)]
pub struct Metrics {
    accepted: AtomicU64,
    replayed: AtomicU64,
    rejected: Mutex<BTreeMap<String, u64>>,
    /// Every label there will ever be, made at start-up.
    partners: Mutex<BTreeMap<String, u64>>,
}

/// Why a `--partner` id cannot be a label.
#[derive(Debug, thiserror::Error)]
#[error("--partner {0:?}: a partner id is a-z, 0-9 and -, not \"none\" or \"other\"")]
pub struct BadPartner(pub String);

fn bump(map: &Mutex<BTreeMap<String, u64>>, key: &str) {
    let mut map = match map.lock() {
        Ok(map) => map,
        Err(poisoned) => poisoned.into_inner(),
    };
    *map.entry(key.to_owned()).or_insert(0) += 1;
}

impl Metrics {
    /// Counters whose partner labels are `partners` (plus `none` and `other`).
    pub fn new(partners: &[String]) -> Result<Self, BadPartner> {
        let mut labels = BTreeMap::new();
        for label in [NO_PARTNER, OTHER_PARTNER] {
            labels.insert(label.to_owned(), 0);
        }
        for partner in partners {
            let reserved = partner == NO_PARTNER || partner == OTHER_PARTNER;
            if partner.is_empty() || reserved || lantern_tip::validate::partner_id(partner).is_err()
            {
                return Err(BadPartner(partner.clone()));
            }
            labels.insert(partner.clone(), 0);
        }
        Ok(Self {
            partners: Mutex::new(labels),
            ..Self::default()
        })
    }

    /// A new tip was stored, possibly sent through a partner's embed.
    pub fn accepted(&self, partner: Option<&str>) {
        self.accepted.fetch_add(1, Ordering::Relaxed);
        let mut labels = match self.partners.lock() {
            Ok(map) => map,
            Err(poisoned) => poisoned.into_inner(),
        };
        let label = match partner {
            None => NO_PARTNER,
            Some(id) if labels.contains_key(id) && id != NO_PARTNER && id != OTHER_PARTNER => id,
            Some(_) => OTHER_PARTNER,
        };
        if let Some(count) = labels.get_mut(label) {
            *count += 1;
        }
    }

    /// A retry of a tip already stored was answered with its receipt.
    pub fn replayed(&self) {
        self.replayed.fetch_add(1, Ordering::Relaxed);
    }

    /// A request was refused; `code` is the stable error code sent back.
    pub fn rejected(&self, code: &str) {
        bump(&self.rejected, code);
    }

    /// The Prometheus text exposition of every counter.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP lantern_tips_accepted_total Tips sealed and stored.\n\
             # TYPE lantern_tips_accepted_total counter\n\
             lantern_tips_accepted_total {}",
            self.accepted.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            out,
            "# HELP lantern_tips_replayed_total Retries answered with the receipt of a tip already stored.\n\
             # TYPE lantern_tips_replayed_total counter\n\
             lantern_tips_replayed_total {}",
            self.replayed.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            out,
            "# HELP lantern_tips_rejected_total Requests refused, by error code.\n\
             # TYPE lantern_tips_rejected_total counter"
        );
        for (code, count) in snapshot(&self.rejected) {
            let _ = writeln!(
                out,
                "lantern_tips_rejected_total{{reason=\"{}\"}} {count}",
                escape(&code)
            );
        }
        let _ = writeln!(
            out,
            "# HELP lantern_tips_by_partner_total Tips stored, by the partner id of the embed (none: not embedded).\n\
             # TYPE lantern_tips_by_partner_total counter"
        );
        for (partner, count) in snapshot(&self.partners) {
            let _ = writeln!(
                out,
                "lantern_tips_by_partner_total{{partner=\"{}\"}} {count}",
                escape(&partner)
            );
        }
        out
    }
}

/// Middleware: counts each refused tip under its error code.
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

/// Which listener a request came in on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listener {
    /// `--listen`: the widget and the API, open to the world.
    Main,
    /// `--metrics-listen`: `/metrics` alone.
    Metrics,
}

/// Who may read `/metrics` (docs/operations.md, "Health and metrics").
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// `--metrics-token`: wherever `/metrics` is served, it asks for
    /// `Authorization: Bearer TOKEN`.
    pub token: Option<String>,
    /// `--metrics-listen` is set: `/metrics` is served there and not on
    /// the main listener at all.
    pub separate_listener: bool,
}

/// Middleware in front of `/metrics`: the counters time tips to the moment
/// they are read, so they are for the operator only.
///
/// - With `--metrics-listen`, the main listener does not serve them (404).
/// - With `--metrics-token`, only a request bearing the token gets them (401).
/// - With neither, only a request from this machine that no proxy forwarded
///   (a loopback peer, no forwarding header) gets them (404 otherwise).
pub async fn guard(
    State((state, listener)): State<(AppState, Listener)>,
    request: Request,
    next: Next,
) -> Response {
    let access = &state.metrics_access;
    if listener == Listener::Main && access.separate_listener {
        return ApiError::NotFound.into_response();
    }
    if let Some(token) = &access.token {
        return if bears(&request, token) {
            next.run(request).await
        } else {
            ApiError::Unauthorized.into_response()
        };
    }
    if listener == Listener::Metrics || is_local_and_direct(&state, &request) {
        next.run(request).await
    } else {
        ApiError::NotFound.into_response()
    }
}

/// `Authorization: Bearer TOKEN`, compared as digests so the time taken
/// says nothing about how much of the token was right.
fn bears(request: &Request, token: &str) -> bool {
    let Some(given) = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    Sha256::digest(given.trim().as_bytes()) == Sha256::digest(token.as_bytes())
}

/// A loopback peer, and no sign of a proxy in between.
fn is_local_and_direct(state: &AppState, request: &Request) -> bool {
    let local = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .is_some_and(|info| info.0.ip().to_canonical().is_loopback());
    let headers = request.headers();
    let forwarded = ["x-forwarded-for", "forwarded", "x-real-ip"]
        .iter()
        .any(|name| headers.contains_key(*name))
        || state
            .client
            .header()
            .is_some_and(|name| headers.contains_key(name));
    local && !forwarded
}

fn snapshot(map: &Mutex<BTreeMap<String, u64>>) -> Vec<(String, u64)> {
    let map = match map.lock() {
        Ok(map) => map,
        Err(poisoned) => poisoned.into_inner(),
    };
    map.iter().map(|(k, v)| (k.clone(), *v)).collect()
}

/// Label values escaped as the exposition format requires.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_render_in_prometheus_text() {
        let metrics = Metrics::new(&["city-of-x".to_owned()]).unwrap();
        metrics.accepted(Some("city-of-x"));
        metrics.accepted(None);
        metrics.replayed();
        metrics.rejected("too_short");
        metrics.rejected("too_short");
        let text = metrics.render();
        assert!(text.contains("lantern_tips_accepted_total 2\n"));
        assert!(text.contains("lantern_tips_replayed_total 1\n"));
        assert!(text.contains("lantern_tips_rejected_total{reason=\"too_short\"} 2\n"));
        assert!(text.contains("lantern_tips_by_partner_total{partner=\"city-of-x\"} 1\n"));
        assert!(text.contains("lantern_tips_by_partner_total{partner=\"none\"} 1\n"));
    }

    #[test]
    fn only_configured_partner_ids_become_labels() {
        let metrics = Metrics::new(&["city-of-x".to_owned()]).unwrap();
        metrics.accepted(Some("city-of-x"));
        for invented in ["made-up", "other", "none", "evil\"} 1\nlantern_fake 9"] {
            metrics.accepted(Some(invented));
        }
        metrics.accepted(None);
        let text = metrics.render();
        let partner_lines: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("lantern_tips_by_partner_total{"))
            .collect();
        assert_eq!(
            partner_lines,
            [
                "lantern_tips_by_partner_total{partner=\"city-of-x\"} 1",
                "lantern_tips_by_partner_total{partner=\"none\"} 1",
                "lantern_tips_by_partner_total{partner=\"other\"} 4",
            ]
        );
        assert!(!text.contains("made-up") && !text.contains("lantern_fake"));
    }

    #[test]
    fn partner_ids_are_checked_at_start_up() {
        for bad in ["", "Upper", "-x", "other", "none", "a b"] {
            assert!(Metrics::new(&[bad.to_owned()]).is_err(), "{bad:?}");
        }
        assert!(Metrics::new(&["city-1".to_owned(), "transit".to_owned()]).is_ok());
    }
}

//! Counters for `/metrics` in the Prometheus text format (version 0.0.4,
//! written by `prometheus-client`): how many tips were accepted, rejected (by
//! reason code) and from which partner embed, and how the database's writer
//! is doing. Nothing per person, and no time of any tip: counters only, no
//! timestamps, no exemplars, no histograms of tip handling. Label values come
//! only from fixed codes and from the partner ids the operator configured
//! (`--partner`); any other id a tip names is counted as `other`, so nobody
//! can put words of their own on the page.
//!
//! Who may read it is [`guard`]'s business (see docs/operations.md).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::prometheus_text;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::{ConstCounter, Counter};
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::registry::Registry;
use sha2::{Digest, Sha256};

use crate::error::{ApiError, RejectionCode};
use crate::store::group_commit::WriterStats;
use crate::AppState;

/// The `Content-Type` of what [`Metrics::render`] writes.
pub const CONTENT_TYPE: &str = prometheus_text::CONTENT_TYPE;

/// The label of tips sent without a partner (the widget's own page).
const NO_PARTNER: &str = "none";
/// The label of tips from a partner id not configured.
const OTHER_PARTNER: &str = "other";

/// `lantern_tips_rejected_total{reason=…}`: a stable error code.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Reason {
    reason: &'static str,
}

/// `lantern_tips_by_partner_total{partner=…}`: a configured partner id,
/// `none` or `other`.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Partner {
    partner: String,
}

/// The service's counters.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    accepted: Counter,
    replayed: Counter,
    rejected: Family<Reason, Counter>,
    /// Every label there will ever be, made at start-up.
    partners: Family<Partner, Counter>,
    deleted: Counter,
}

/// Why a `--partner` id cannot be a label.
#[derive(Debug, thiserror::Error)]
#[error("--partner {0:?}: a partner id is a-z, 0-9 and -, not \"none\" or \"other\"")]
pub struct BadPartner(pub String);

impl Metrics {
    /// Counters whose partner labels are `partners` (plus `none` and `other`).
    pub fn new(partners: &[String]) -> Result<Self, BadPartner> {
        let by_partner = Family::<Partner, Counter>::default();
        // A label is made (at 0) by asking for its counter.
        let make = |partner: &str| {
            drop(by_partner.get_or_create(&Partner {
                partner: partner.to_owned(),
            }))
        };
        make(NO_PARTNER);
        make(OTHER_PARTNER);
        for partner in partners {
            let reserved = partner == NO_PARTNER || partner == OTHER_PARTNER;
            if partner.is_empty() || reserved || lantern_tip::validate::partner_id(partner).is_err()
            {
                return Err(BadPartner(partner.clone()));
            }
            make(partner);
        }
        let accepted = Counter::default();
        let replayed = Counter::default();
        let rejected = Family::<Reason, Counter>::default();
        let deleted = Counter::default();
        let mut registry = Registry::default();
        // Names without `_total` and help without the final full stop: the
        // encoder adds both.
        registry.register(
            "lantern_tips_accepted",
            "Tips sealed and stored",
            accepted.clone(),
        );
        registry.register(
            "lantern_tips_replayed",
            "Retries answered with the receipt of a tip already stored",
            replayed.clone(),
        );
        registry.register(
            "lantern_tips_rejected",
            "Requests refused, by error code",
            rejected.clone(),
        );
        registry.register(
            "lantern_tips_by_partner",
            "Tips stored, by the partner id of the embed (none: not embedded)",
            by_partner.clone(),
        );
        registry.register(
            "lantern_tips_deleted",
            "Closed tips deleted for good after the retention period",
            deleted.clone(),
        );
        Ok(Self {
            registry,
            accepted,
            replayed,
            rejected,
            partners: by_partner,
            deleted,
        })
    }

    /// A new tip was stored, possibly sent through a partner's embed.
    pub fn accepted(&self, partner: Option<&str>) {
        self.accepted.inc();
        let label = match partner {
            None => NO_PARTNER,
            Some(OTHER_PARTNER | NO_PARTNER) => OTHER_PARTNER,
            Some(id) => id,
        };
        let labelled = |partner: &str| {
            self.partners.get(&Partner {
                partner: partner.to_owned(),
            })
        };
        // Only the labels made at start-up exist: `get`, never `get_or_create`.
        if let Some(count) = labelled(label).or_else(|| labelled(OTHER_PARTNER)) {
            count.inc();
        }
    }

    /// A retry of a tip already stored was answered with its receipt.
    pub fn replayed(&self) {
        self.replayed.inc();
    }

    /// The retention period deleted `count` closed tips.
    pub fn deleted(&self, count: u64) {
        self.deleted.inc_by(count);
    }

    /// A request was refused; `code` is the stable error code sent back.
    pub fn rejected(&self, code: &'static str) {
        self.rejected.get_or_create(&Reason { reason: code }).inc();
    }

    /// The Prometheus text exposition of every counter, and of the database
    /// writer's `db` figures.
    pub fn render(&self, db: &WriterStats) -> String {
        let mut writer = Registry::default();
        writer.register(
            "lantern_db_commits",
            "Transactions committed (group commit)",
            ConstCounter::new(db.commits),
        );
        writer.register(
            "lantern_db_inserts",
            "Inserts answered by those commits",
            ConstCounter::new(db.inserts),
        );
        writer.register(
            "lantern_db_commit_failures",
            "Batches that did not commit; each of their tips got 503",
            ConstCounter::new(db.failed_commits),
        );
        writer.register(
            "lantern_db_writes_healthy",
            "1 when the last write (a batch or a probe) committed, else 0",
            ConstGauge::new(i64::from(db.healthy)),
        );
        let mut out = String::new();
        for registry in [&self.registry, &writer] {
            prometheus_text::encode(&mut out, registry).expect("writing to a String cannot fail");
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

#[cfg(test)]
mod tests {
    use super::*;

    const DB: WriterStats = WriterStats {
        commits: 3,
        inserts: 5,
        failed_commits: 1,
        healthy: true,
    };

    #[test]
    fn counts_render_in_prometheus_text() {
        let metrics = Metrics::new(&["city-of-x".to_owned()]).unwrap();
        metrics.accepted(Some("city-of-x"));
        metrics.accepted(None);
        metrics.replayed();
        metrics.rejected("too_short");
        metrics.rejected("too_short");
        let text = metrics.render(&DB);
        assert!(text.contains("lantern_tips_accepted_total 2\n"));
        assert!(text.contains("lantern_tips_replayed_total 1\n"));
        assert!(text.contains("lantern_tips_rejected_total{reason=\"too_short\"} 2\n"));
        assert!(text.contains("lantern_tips_by_partner_total{partner=\"city-of-x\"} 1\n"));
        assert!(text.contains("lantern_tips_by_partner_total{partner=\"none\"} 1\n"));
    }

    #[test]
    fn every_metric_keeps_its_name_type_and_help_and_no_time() {
        let metrics = Metrics::new(&[]).unwrap();
        metrics.accepted(None);
        metrics.rejected("too_short");
        let text = metrics.render(&DB);
        for (name, kind, help) in [
            (
                "lantern_tips_accepted_total",
                "counter",
                "Tips sealed and stored.",
            ),
            (
                "lantern_tips_replayed_total",
                "counter",
                "Retries answered with the receipt of a tip already stored.",
            ),
            (
                "lantern_tips_rejected_total",
                "counter",
                "Requests refused, by error code.",
            ),
            (
                "lantern_tips_by_partner_total",
                "counter",
                "Tips stored, by the partner id of the embed (none: not embedded).",
            ),
            (
                "lantern_db_commits_total",
                "counter",
                "Transactions committed (group commit).",
            ),
            (
                "lantern_db_inserts_total",
                "counter",
                "Inserts answered by those commits.",
            ),
            (
                "lantern_db_commit_failures_total",
                "counter",
                "Batches that did not commit; each of their tips got 503.",
            ),
            (
                "lantern_db_writes_healthy",
                "gauge",
                "1 when the last write (a batch or a probe) committed, else 0.",
            ),
        ] {
            let head = format!("# HELP {name} {help}\n# TYPE {name} {kind}\n");
            assert!(text.contains(&head), "{head}in\n{text}");
        }
        for line in [
            "lantern_db_commits_total 3",
            "lantern_db_inserts_total 5",
            "lantern_db_commit_failures_total 1",
            "lantern_db_writes_healthy 1",
        ] {
            assert!(text.lines().any(|l| l == line), "{line} in\n{text}");
        }
        // Counts only: no sample carries a timestamp (a third field), and no
        // series says when a counter started or what a last tip looked like.
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let value = line.rsplit_once(' ').map(|(_, v)| v).unwrap_or("");
            assert!(value.parse::<u64>().is_ok(), "{line}");
            let series = line.split(['{', ' ']).next().unwrap();
            assert!(!series.ends_with("_created"), "{line}");
            // (No label value here has a space.)
            assert_eq!(line.split(' ').count(), 2, "{line}");
        }
        assert!(!text.contains("# EOF") && !text.contains(" # {"), "{text}");
    }

    #[test]
    fn only_configured_partner_ids_become_labels() {
        let metrics = Metrics::new(&["city-of-x".to_owned()]).unwrap();
        metrics.accepted(Some("city-of-x"));
        for invented in ["made-up", "other", "none", "evil\"} 1\nlantern_fake 9"] {
            metrics.accepted(Some(invented));
        }
        metrics.accepted(None);
        let text = metrics.render(&DB);
        // The order of a family's lines is the encoder's; what counts is the set.
        let mut partner_lines: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("lantern_tips_by_partner_total{"))
            .collect();
        partner_lines.sort_unstable();
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

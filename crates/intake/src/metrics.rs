//! Counters for `/metrics` in the Prometheus text format: how many tips were
//! accepted, rejected (by reason code) and from which partner embed. Nothing
//! per person, and label values come only from fixed codes or validated
//! partner ids, with a cap on how many distinct partners are tracked.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// Distinct partner ids counted before the rest are folded into `other`, so
/// nobody can grow the metrics page by inventing ids.
const MAX_PARTNERS: usize = 200;

/// The service's counters.
#[derive(Debug, Default)]
pub struct Metrics {
    accepted: AtomicU64,
    replayed: AtomicU64,
    rejected: Mutex<BTreeMap<String, u64>>,
    partners: Mutex<BTreeMap<String, u64>>,
}

fn bump(map: &Mutex<BTreeMap<String, u64>>, key: &str, cap: usize) {
    let mut map = match map.lock() {
        Ok(map) => map,
        Err(poisoned) => poisoned.into_inner(),
    };
    let key = if map.contains_key(key) || map.len() < cap {
        key
    } else {
        "other"
    };
    *map.entry(key.to_owned()).or_insert(0) += 1;
}

impl Metrics {
    /// A new tip was stored, possibly sent through a partner's embed.
    pub fn accepted(&self, partner: Option<&str>) {
        self.accepted.fetch_add(1, Ordering::Relaxed);
        bump(&self.partners, partner.unwrap_or("none"), MAX_PARTNERS);
    }

    /// A retry of a tip already stored was answered with its receipt.
    pub fn replayed(&self) {
        self.replayed.fetch_add(1, Ordering::Relaxed);
    }

    /// A request was refused; `code` is the stable error code sent back.
    pub fn rejected(&self, code: &str) {
        bump(&self.rejected, code, usize::MAX);
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
        let metrics = Metrics::default();
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
    fn partner_labels_are_capped() {
        let metrics = Metrics::default();
        for n in 0..MAX_PARTNERS + 5 {
            metrics.accepted(Some(&format!("p{n}")));
        }
        let text = metrics.render();
        assert!(text.contains("lantern_tips_by_partner_total{partner=\"other\"} 5\n"));
        assert_eq!(
            text.matches("lantern_tips_by_partner_total{").count(),
            MAX_PARTNERS + 1
        );
    }
}

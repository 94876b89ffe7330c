//! Retention (issue 17): a closed tip, with its conversation and triage, is
//! deleted for good once it has been closed for the configured period
//! (`lantern-intake serve --retention`, e.g. `365d`). Unset, nothing is
//! deleted: how long to keep is the hotline's policy, not the software's.
//!
//! Only `closed` counts, and from the moment it was closed: reopening a
//! tip (any other status) stops the clock, and closing it again restarts
//! it. Each deletion is an audit entry (`tip_deleted`, by `retention`) and
//! is counted in `/metrics` (`lantern_tips_deleted_total`).

use std::time::Duration;

use crate::console::audit::{Action, Event, RETENTION_ACTOR};
use crate::metrics::Metrics;
use crate::store::{self, AnyStore, StoreError};
use crate::{clock, AppState};

/// How often the service looks for tips past the period.
pub const EVERY: Duration = Duration::from_secs(3_600);

/// Deletes every tip closed before `now - keep` (Unix seconds), in batches
/// ([`store::retention::BATCH`]), counting them in `metrics`; returns how
/// many went. On SQLite the WAL is then emptied, so the deleted rows'
/// earlier versions do not stay in it until the next checkpoint.
pub async fn delete_expired(
    store: &AnyStore,
    metrics: &Metrics,
    keep: Duration,
    now: i64,
) -> Result<u64, StoreError> {
    let closed_before = now.saturating_sub(i64::try_from(keep.as_secs()).unwrap_or(i64::MAX));
    let entry = |id| {
        Event::new(RETENTION_ACTOR, Action::TipDeleted)
            .tip(id)
            .entry(now)
    };
    let mut deleted = 0u64;
    loop {
        let ids = store::retention::delete_closed(store, closed_before, &entry).await?;
        deleted += ids.len() as u64;
        metrics.deleted(ids.len() as u64);
        if (ids.len() as i64) < store::retention::BATCH {
            break;
        }
    }
    if deleted > 0 {
        if let AnyStore::Sqlite(sqlite) = store {
            // Busy (a reader or the writer in the way) is no failure of
            // the deletion: the next checkpoint overwrites the WAL anyway.
            if sqlite.checkpoint().await.is_err() {
                tracing::warn!("deleted tips' old pages stay in the WAL until its next checkpoint");
            }
        }
    }
    Ok(deleted)
}

/// Runs [`delete_expired`] now and then every [`EVERY`], for as long as
/// the service runs. A failure waits for the next round.
pub async fn delete_periodically(state: AppState, keep: Duration) {
    loop {
        match delete_expired(&state.store, &state.metrics, keep, clock::now_unix()).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "retention: deleted closed tips"),
            Err(_) => {
                tracing::warn!("retention: could not delete closed tips; trying again in an hour")
            }
        }
        tokio::time::sleep(EVERY).await;
    }
}

//! Deleting closed tips for good once the retention period has passed
//! (issue 17, "Retention"): the rows of a tip in every table that holds one
//! (its conversation, notes, read marks, case, triage and status, then
//! the tip), in one transaction
//! with one audit entry per tip, so a deletion is never half done nor
//! unrecorded. The rule (which tips, when) is `crate::retention`; this
//! module only deletes rows.
//!
//! SQLite is opened with `secure_delete` (`super::sqlite`), so a deleted
//! row's bytes are overwritten in the database file, not left in a free
//! page; `crate::retention` then empties the WAL. PostgreSQL keeps a dead
//! row's bytes until its page is vacuumed and reused (docs/threat-model.md).

use super::console::{AuditEntry, AUDIT_COLUMNS, AUDIT_LOCK};
use super::{AnyStore, StoreError};

/// The tables that hold a row per tip besides `tips`, children first (each
/// refers to `tips (id)`). The audit log keeps its entries: they name the
/// tip only by its random id, which after this points at nothing; and
/// `cases` keeps its numbers (a case holds no tip itself), while the case's
/// other tips stay in it.
const TIP_TABLES: [&str; 7] = [
    "followup_messages",
    "followup_conversations",
    "tip_notes",
    "tip_reads",
    "tip_cases",
    "tip_triage",
    "tip_status",
];

/// At most this many tips in one transaction: a long backlog (a period
/// shortened, a service down for weeks) is deleted in short transactions
/// that leave the writer room between them.
pub const BATCH: i64 = 200;

/// Deletes up to [`BATCH`] tips whose status is `closed` and was set before
/// `closed_before` (Unix seconds), with `entry(tip_id)` appended to the
/// audit log for each, in one transaction. Returns the ids deleted; fewer
/// than [`BATCH`] means none is left.
pub async fn delete_closed(
    store: &AnyStore,
    closed_before: i64,
    entry: &(dyn Fn(i64) -> AuditEntry<'static> + Sync),
) -> Result<Vec<i64>, StoreError> {
    audited_tx!(store, |tx, sql| {
        let ids: Vec<(i64,)> = sqlx::query_as(&sql(
            "SELECT tip_id FROM tip_status WHERE status = 'closed' AND changed_at < $1 \
             ORDER BY tip_id LIMIT $2",
        ))
        .bind(closed_before)
        .bind(BATCH)
        .fetch_all(&mut *tx)
        .await?;
        let ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();
        for &id in &ids {
            for table in TIP_TABLES {
                sqlx::query(&sql(&format!("DELETE FROM {table} WHERE tip_id = $1")))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(&sql("DELETE FROM tips WHERE id = $1"))
                .bind(id)
                .execute(&mut *tx)
                .await?;
            append_entry!(tx, sql, &entry(id));
        }
        tx.commit().await?;
        Ok(ids)
    })
}

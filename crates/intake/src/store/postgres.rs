//! PostgreSQL back end, for deployments that outgrow one machine.
//!
//! Inserts go through group commit ([`super::group_commit`]): each batch is
//! one transaction holding one multi-row `INSERT … SELECT FROM unnest(…)`,
//! with `synchronous_commit = on`, so the COMMIT returns only after the WAL
//! is flushed. One statement per batch instead of one round trip per tip is
//! what lets a batch commit in about the time of a single insert.
//! Connections come from a pool, and a restarted server is reconnected to on
//! the next batch.
//!
//! Faults: a connection whose batch failed is closed, never returned to the
//! pool, so no later batch can inherit its state. Every statement has a
//! time limit (`statement_timeout`, `--db-statement-timeout`): a stuck lock
//! or a stalled disk answers 503 instead of holding requests for ever. A
//! connection lost during `COMMIT` leaves it unknown whether the batch
//! committed; its requests get 503, and the client's retry with the same
//! Idempotency-Key either stores the tip or finds it and answers its receipt.

use std::str::FromStr;
use std::time::Duration;

use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions, Postgres};
use sqlx::{ConnectOptions, Connection, Row};

use super::group_commit::{answers, skipped, BoxesByKey, CommitBatch, Writer, WriterStats};
use super::{
    hash_key_from, new_hash_key, Inserted, NewRecord, Store, StoreError, StoredRecord,
    HASH_KEY_NAME,
};

/// A PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
    writer: Writer,
    hash_key: [u8; 32],
}

impl PgStore {
    /// Connects, migrates, and loads (or creates) the hash key. Every
    /// statement is cancelled after `statement_timeout`.
    pub async fn open(url: &str, statement_timeout: Duration) -> Result<Self, StoreError> {
        let timeout_ms = statement_timeout.as_millis().max(1).to_string();
        let options = PgConnectOptions::from_str(url)?
            .options([
                ("synchronous_commit", "on"),
                ("statement_timeout", timeout_ms.as_str()),
            ])
            .application_name("lantern-intake")
            .disable_statement_logging();
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await?;
        sqlx::migrate!("migrations/postgres").run(&pool).await?;
        sqlx::query(
            "INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(HASH_KEY_NAME)
        .bind(new_hash_key().as_slice())
        .execute(&pool)
        .await?;
        let row = sqlx::query("SELECT value FROM secrets WHERE name = $1")
            .bind(HASH_KEY_NAME)
            .fetch_one(&pool)
            .await?;
        let hash_key = hash_key_from(&row.try_get::<Vec<u8>, _>(0)?)?;
        Ok(Self {
            writer: Writer::start(BatchWriter(pool.clone())),
            pool,
            hash_key,
        })
    }

    /// The writer's counters so far.
    pub fn writer_stats(&self) -> WriterStats {
        self.writer.stats()
    }

    /// The pool the follow-up tables are read and written through
    /// ([`super::followup`]).
    pub(crate) fn pool(&self) -> &PgPool {
        &self.pool
    }
}

/// Writes batches through the pool (a fresh connection after a restart).
struct BatchWriter(PgPool);

/// Closes `conn` instead of returning it to the pool when its write failed:
/// whatever state the failure left it in, no later batch inherits it.
fn discard_if_failed<T>(conn: &mut PoolConnection<Postgres>, result: &Result<T, sqlx::Error>) {
    if result.is_err() {
        conn.close_on_drop();
    }
}

impl CommitBatch for BatchWriter {
    async fn commit(&mut self, batch: &[NewRecord]) -> Result<Vec<Inserted>, sqlx::Error> {
        let mut conn = self.0.acquire().await?;
        let result = commit_batch(&mut conn, batch).await;
        discard_if_failed(&mut conn, &result);
        result
    }

    async fn probe(&mut self) -> Result<(), sqlx::Error> {
        let mut conn = self.0.acquire().await?;
        let result = probe_write(&mut conn).await;
        discard_if_failed(&mut conn, &result);
        result
    }
}

/// A write that stores nothing of any tip (see the SQLite back end's). It
/// first takes the lock an insert into `tips` takes, so a table locked by
/// someone else keeps writes marked failing (after `statement_timeout`).
async fn probe_write(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    let mut tx = conn.begin().await?;
    sqlx::query("LOCK TABLE tips IN ROW EXCLUSIVE MODE")
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO write_probe (id, writes) VALUES (1, 1) \
         ON CONFLICT (id) DO UPDATE SET writes = write_probe.writes + 1",
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// The whole batch in one transaction and one `INSERT`.
async fn commit_batch(
    conn: &mut PgConnection,
    batch: &[NewRecord],
) -> Result<Vec<Inserted>, sqlx::Error> {
    let column = |f: fn(&NewRecord) -> &[u8]| -> Vec<&[u8]> { batch.iter().map(f).collect() };
    let idem = column(|r| &r.idem_hash);
    let mut tx = conn.begin().await?;
    // Rows come back only for keys not stored before; a key twice in one
    // batch (a retry racing its first attempt) is inserted once.
    let inserted: BoxesByKey = sqlx::query_as::<_, (Vec<u8>, Vec<u8>, Option<Vec<u8>>)>(
        "INSERT INTO tips (id, idem_hash, receipt_hash, receipt_box, request_mac, \
         received_hour, partner, schema_version, sealed) \
         SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::bytea[], $4::bytea[], \
         $5::bytea[], $6::bigint[], $7::text[], $8::integer[], $9::bytea[]) \
         ON CONFLICT (idem_hash) DO NOTHING \
         RETURNING idem_hash, receipt_box, request_mac",
    )
    .bind(batch.iter().map(|r| r.id).collect::<Vec<_>>())
    .bind(&idem)
    .bind(column(|r| &r.receipt_hash))
    .bind(column(|r| &r.receipt_box))
    .bind(column(|r| &r.request_mac))
    .bind(batch.iter().map(|r| r.received_hour).collect::<Vec<_>>())
    .bind(
        batch
            .iter()
            .map(|r| r.partner.as_deref())
            .collect::<Vec<_>>(),
    )
    .bind(batch.iter().map(|r| r.schema_version).collect::<Vec<_>>())
    .bind(column(|r| &r.sealed))
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|(key, receipt_box, mac)| (key, (receipt_box, mac)))
    .collect();
    // Keys that were there already: their first attempt's receipt.
    let earlier = skipped(batch, &inserted);
    let stored: BoxesByKey = if earlier.is_empty() {
        BoxesByKey::new()
    } else {
        sqlx::query_as::<_, (Vec<u8>, Vec<u8>, Option<Vec<u8>>)>(
            "SELECT idem_hash, receipt_box, request_mac FROM tips WHERE idem_hash = ANY($1)",
        )
        .bind(&earlier)
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(|(key, receipt_box, mac)| (key, (receipt_box, mac)))
        .collect()
    };
    tx.commit().await?;
    answers(batch, &inserted, &stored)
}

impl Store for PgStore {
    async fn insert(&self, record: NewRecord) -> Result<Inserted, StoreError> {
        self.writer.insert(record).await
    }

    async fn has_idempotency_hash(&self, idem_hash: &[u8; 32]) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT 1 FROM tips WHERE idem_hash = $1")
            .bind(idem_hash.as_slice())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }

    async fn ping(&self) -> Result<(), StoreError> {
        self.writer.check().await?;
        sqlx::query("SELECT count(*) FROM secrets")
            .fetch_one(&self.pool)
            .await?;
        Ok(())
    }

    async fn sealed_since(&self, since_hour: i64) -> Result<Vec<StoredRecord>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        select_sealed(&mut conn, since_hour).await
    }

    fn hash_key(&self) -> &[u8; 32] {
        &self.hash_key
    }
}

/// The stored tips of `since_hour` on, by hour (in an hour, by random id).
async fn select_sealed(
    conn: &mut PgConnection,
    since_hour: i64,
) -> Result<Vec<StoredRecord>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT received_hour, partner, schema_version, sealed FROM tips \
         WHERE received_hour >= $1 ORDER BY received_hour, id",
    )
    .bind(since_hour)
    .fetch_all(&mut *conn)
    .await?)
}

/// A connection whose every transaction is read-only: the tips' export and
/// the conversations' export both read through one.
pub(super) async fn connect_read_only(url: &str) -> Result<PgConnection, StoreError> {
    Ok(PgConnectOptions::from_str(url)?
        .application_name("lantern-intake export")
        .options([("default_transaction_read_only", "on")])
        .disable_statement_logging()
        .connect()
        .await?)
}

/// [`super::read_sealed`] for PostgreSQL: one connection in a read-only
/// transaction, so it works on a hot standby or with a read-only role.
pub async fn read_sealed(url: &str, since_hour: i64) -> Result<Vec<StoredRecord>, StoreError> {
    let mut conn = connect_read_only(url).await?;
    let mut tx = conn.begin().await?;
    let records = select_sealed(&mut tx, since_hour).await?;
    tx.commit().await?;
    Ok(records)
}

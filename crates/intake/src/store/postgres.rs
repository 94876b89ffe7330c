//! PostgreSQL back end, for deployments that outgrow one machine.
//!
//! Inserts go through group commit ([`super::group_commit`]): each batch is
//! one transaction holding one multi-row `INSERT … SELECT FROM unnest(…)`,
//! with `synchronous_commit = on`, so the COMMIT returns only after the WAL
//! is flushed. One statement per batch instead of one round trip per tip is
//! what lets a batch commit in about the time of a single insert.
//! Connections come from a pool, and a restarted server is reconnected to on
//! the next batch.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{ConnectOptions, Row};

use super::group_commit::{answers, skipped, BoxesByKey, CommitBatch, Writer};
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
    /// Connects, migrates, and loads (or creates) the hash key.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let options = PgConnectOptions::from_str(url)?
            .options([("synchronous_commit", "on")])
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

    /// `(commits, inserts)` so far: their ratio is the mean batch size.
    pub fn commit_stats(&self) -> (u64, u64) {
        self.writer.stats()
    }
}

/// Writes batches through the pool (a fresh connection after a restart).
struct BatchWriter(PgPool);

impl CommitBatch for BatchWriter {
    async fn commit(&mut self, batch: &[NewRecord]) -> Result<Vec<Inserted>, sqlx::Error> {
        let column = |f: fn(&NewRecord) -> &[u8]| -> Vec<&[u8]> { batch.iter().map(f).collect() };
        let idem = column(|r| &r.idem_hash);
        let mut tx = self.0.begin().await?;
        // Rows come back only for keys not stored before; a key twice in one
        // batch (a retry racing its first attempt) is inserted once.
        let inserted: BoxesByKey = sqlx::query_as(
            "INSERT INTO tips (idem_hash, receipt_hash, receipt_box, received_hour, partner, \
             schema_version, sealed) \
             SELECT * FROM unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bigint[], \
             $5::text[], $6::integer[], $7::bytea[]) \
             ON CONFLICT (idem_hash) DO NOTHING RETURNING idem_hash, receipt_box",
        )
        .bind(&idem)
        .bind(column(|r| &r.receipt_hash))
        .bind(column(|r| &r.receipt_box))
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
        .collect();
        // Keys that were there already: their first attempt's receipt.
        let earlier = skipped(batch, &inserted);
        let stored: BoxesByKey = if earlier.is_empty() {
            BoxesByKey::new()
        } else {
            sqlx::query_as("SELECT idem_hash, receipt_box FROM tips WHERE idem_hash = ANY($1)")
                .bind(&earlier)
                .fetch_all(&mut *tx)
                .await?
                .into_iter()
                .collect()
        };
        tx.commit().await?;
        answers(batch, &inserted, &stored)
    }
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
        if self.writer.is_closed() {
            return Err(StoreError::WriterGone);
        }
        sqlx::query("SELECT count(*) FROM secrets")
            .fetch_one(&self.pool)
            .await?;
        Ok(())
    }

    async fn sealed_since(&self, since_hour: i64) -> Result<Vec<StoredRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT received_hour, partner, schema_version, sealed FROM tips \
             WHERE received_hour >= $1 ORDER BY id",
        )
        .bind(since_hour)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(StoredRecord {
                    received_hour: row.try_get(0)?,
                    partner: row.try_get(1)?,
                    schema_version: row.try_get(2)?,
                    sealed: row.try_get(3)?,
                })
            })
            .collect()
    }

    fn hash_key(&self) -> &[u8; 32] {
        &self.hash_key
    }
}

//! PostgreSQL back end, for deployments that outgrow one machine.
//!
//! Every insert is its own transaction with `synchronous_commit = on`, so the
//! COMMIT returns only after the WAL is flushed; PostgreSQL groups concurrent
//! commits into one flush by itself. Connections come from a pool, and a
//! restarted server is reconnected to on the next request.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{ConnectOptions, Row};

use super::{
    hash_key_from, new_hash_key, Inserted, NewRecord, Store, StoreError, StoredRecord,
    HASH_KEY_NAME,
};

/// A PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
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
        Ok(Self { pool, hash_key })
    }
}

impl Store for PgStore {
    async fn insert(&self, record: NewRecord) -> Result<Inserted, StoreError> {
        let written = sqlx::query(
            "INSERT INTO tips (idem_hash, receipt_hash, receipt_box, received_hour, partner, \
             schema_version, sealed) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (idem_hash) DO NOTHING RETURNING receipt_box",
        )
        .bind(record.idem_hash.as_slice())
        .bind(record.receipt_hash.as_slice())
        .bind(record.receipt_box.as_slice())
        .bind(record.received_hour)
        .bind(record.partner.as_deref())
        .bind(record.schema_version)
        .bind(record.sealed.as_slice())
        .fetch_optional(&self.pool)
        .await?;
        if written.is_some() {
            return Ok(Inserted {
                receipt_box: record.receipt_box,
                fresh: true,
            });
        }
        // The key was there already; the first attempt committed before we
        // could conflict with it, so it is visible now.
        let row = sqlx::query("SELECT receipt_box FROM tips WHERE idem_hash = $1")
            .bind(record.idem_hash.as_slice())
            .fetch_one(&self.pool)
            .await?;
        Ok(Inserted {
            receipt_box: row.try_get(0)?,
            fresh: false,
        })
    }

    async fn ping(&self) -> Result<(), StoreError> {
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

//! SQLite back end with group commit.
//!
//! Durability: WAL journal with `synchronous = FULL`, so every COMMIT fsyncs
//! the WAL before it returns; a tip is acknowledged only after its COMMIT
//! returned. (`NORMAL` would survive a process crash but not a power cut: the
//! last commits could be lost after they were acknowledged.)
//!
//! Throughput: group commit ([`super::group_commit`]). The writer task owns
//! the only write connection; readers have a small pool of their own.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{ConnectOptions, Connection, Row};

use super::group_commit::{answers, skipped, BoxesByKey, CommitBatch, Writer};
use super::{
    hash_key_from, new_hash_key, Inserted, NewRecord, Store, StoreError, StoredRecord,
    HASH_KEY_NAME,
};

/// A SQLite database: one writer task, a small pool of readers.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    writer: Writer,
    readers: SqlitePool,
    hash_key: [u8; 32],
}

fn options(url: &str) -> Result<SqliteConnectOptions, StoreError> {
    Ok(SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true)
        // Statements are logged without their values, but nothing about a
        // request belongs in the log at all.
        .disable_statement_logging())
}

impl SqliteStore {
    /// Opens (creating if needed) the database, migrates it and starts the writer.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let options = options(url)?;
        let mut writer_conn = options.connect().await?;
        sqlx::migrate!("migrations/sqlite")
            .run(&mut writer_conn)
            .await?;
        let hash_key = load_hash_key(&mut writer_conn).await?;
        let readers = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        Ok(Self {
            writer: Writer::start(WriteConnection(writer_conn)),
            readers,
            hash_key,
        })
    }

    /// `(commits, inserts)` so far: their ratio is the mean batch size.
    pub fn commit_stats(&self) -> (u64, u64) {
        self.writer.stats()
    }

    /// Runs `PRAGMA integrity_check` and returns its verdict (`ok` when sound).
    pub async fn integrity_check(&self) -> Result<String, StoreError> {
        let row = sqlx::query("PRAGMA integrity_check")
            .fetch_one(&self.readers)
            .await?;
        Ok(row.try_get::<String, _>(0)?)
    }
}

async fn load_hash_key(conn: &mut SqliteConnection) -> Result<[u8; 32], StoreError> {
    sqlx::query("INSERT INTO secrets (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING")
        .bind(HASH_KEY_NAME)
        .bind(new_hash_key().as_slice())
        .execute(&mut *conn)
        .await?;
    let row = sqlx::query("SELECT value FROM secrets WHERE name = ?1")
        .bind(HASH_KEY_NAME)
        .fetch_one(&mut *conn)
        .await?;
    hash_key_from(&row.try_get::<Vec<u8>, _>(0)?)
}

/// The only connection that writes.
struct WriteConnection(SqliteConnection);

impl CommitBatch for WriteConnection {
    async fn commit(&mut self, batch: &[NewRecord]) -> Result<Vec<Inserted>, sqlx::Error> {
        commit_batch(&mut self.0, batch).await
    }
}

/// Rows per INSERT statement: 7 parameters each stays far below SQLite's
/// limit of 32,766, and a few fixed sizes keep the prepared-statement cache
/// small (a batch of 100 is one statement of 64, then 32, then 4).
const CHUNKS: [usize; 7] = [64, 32, 16, 8, 4, 2, 1];

/// `INSERT … VALUES (…), (…) … RETURNING` for `rows` rows.
fn insert_statement(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO tips (idem_hash, receipt_hash, receipt_box, received_hour, partner, \
         schema_version, sealed) VALUES ",
    );
    for row in 0..rows {
        if row > 0 {
            sql.push(',');
        }
        sql.push_str("(?,?,?,?,?,?,?)");
    }
    sql.push_str(" ON CONFLICT (idem_hash) DO NOTHING RETURNING idem_hash, receipt_box");
    sql
}

/// The whole batch in one transaction: multi-row inserts (one round trip to
/// SQLite's thread per chunk, not per tip), then one lookup of the keys
/// that were stored before.
async fn commit_batch(
    conn: &mut SqliteConnection,
    batch: &[NewRecord],
) -> Result<Vec<Inserted>, sqlx::Error> {
    let mut tx = conn.begin().await?;
    let mut inserted = BoxesByKey::new();
    let mut rest = batch;
    while !rest.is_empty() {
        let size = CHUNKS.into_iter().find(|&c| c <= rest.len()).unwrap_or(1);
        let (chunk, tail) = rest.split_at(size);
        rest = tail;
        let sql = insert_statement(size);
        let mut query = sqlx::query_as::<_, (Vec<u8>, Vec<u8>)>(&sql);
        for record in chunk {
            query = query
                .bind(record.idem_hash.as_slice())
                .bind(record.receipt_hash.as_slice())
                .bind(record.receipt_box.as_slice())
                .bind(record.received_hour)
                .bind(record.partner.as_deref())
                .bind(record.schema_version)
                .bind(record.sealed.as_slice());
        }
        inserted.extend(query.fetch_all(&mut *tx).await?);
    }
    let earlier = skipped(batch, &inserted);
    let mut stored = BoxesByKey::new();
    for key in earlier {
        // A retry: the first attempt's receipt (it may be in this very
        // batch, which the transaction sees).
        let row: (Vec<u8>, Vec<u8>) =
            sqlx::query_as("SELECT idem_hash, receipt_box FROM tips WHERE idem_hash = ?1")
                .bind(key)
                .fetch_one(&mut *tx)
                .await?;
        stored.insert(row.0, row.1);
    }
    tx.commit().await?;
    answers(batch, &inserted, &stored)
}

impl Store for SqliteStore {
    async fn insert(&self, record: NewRecord) -> Result<Inserted, StoreError> {
        self.writer.insert(record).await
    }

    async fn has_idempotency_hash(&self, idem_hash: &[u8; 32]) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT 1 FROM tips WHERE idem_hash = ?1")
            .bind(idem_hash.as_slice())
            .fetch_optional(&self.readers)
            .await?;
        Ok(row.is_some())
    }

    async fn ping(&self) -> Result<(), StoreError> {
        if self.writer.is_closed() {
            return Err(StoreError::WriterGone);
        }
        sqlx::query("SELECT count(*) FROM secrets")
            .fetch_one(&self.readers)
            .await?;
        Ok(())
    }

    async fn sealed_since(&self, since_hour: i64) -> Result<Vec<StoredRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT received_hour, partner, schema_version, sealed FROM tips \
             WHERE received_hour >= ?1 ORDER BY id",
        )
        .bind(since_hour)
        .fetch_all(&self.readers)
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

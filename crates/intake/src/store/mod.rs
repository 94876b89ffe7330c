//! Where sealed tips are kept: one interface ([`Store`]), two back ends
//! (SQLite for one machine, PostgreSQL for more). Both acknowledge an insert
//! only after the commit is durable, and both enforce "one row per
//! idempotency key" with a UNIQUE constraint, not with a check-then-insert.

pub mod group_commit;
pub mod postgres;
pub mod sqlite;

use std::future::Future;

use rand::RngCore;

/// Why the database could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL is neither `sqlite://…` nor `postgres://…`.
    #[error("unsupported database URL (use sqlite://PATH or postgres://…)")]
    UnsupportedUrl,
    /// The driver reported an error (connection, I/O, constraint).
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A migration failed at start-up.
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The transaction holding this insert (and its batch) did not commit.
    #[error("batch not committed: {0}")]
    BatchFailed(String),
    /// The writer task has stopped (only at shutdown).
    #[error("the database writer has stopped")]
    WriterGone,
    /// A stored row does not have the expected shape.
    #[error("corrupt row: {0}")]
    Corrupt(&'static str),
}

/// A sealed tip ready to store. Holds nothing readable without a key.
#[derive(Debug, Clone)]
pub struct NewRecord {
    /// Keyed hash of the idempotency key (the UNIQUE column).
    pub idem_hash: [u8; 32],
    /// Keyed hash of the receipt, for looking a tip up by its receipt.
    pub receipt_hash: [u8; 32],
    /// The receipt, encrypted under a key only the idempotency key gives.
    pub receipt_box: Vec<u8>,
    /// Unix seconds of the hour the tip arrived in.
    pub received_hour: i64,
    /// The partner embed it came through, if any.
    pub partner: Option<String>,
    /// The tip's wire format version.
    pub schema_version: i32,
    /// The age ciphertext.
    pub sealed: Vec<u8>,
}

/// What an insert did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inserted {
    /// The `receipt_box` of the row now holding this idempotency key: the one
    /// just written, or the first attempt's on a retry.
    pub receipt_box: Vec<u8>,
    /// False when the idempotency key was already stored (a retry).
    pub fresh: bool,
}

/// A stored row, as `export` reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRecord {
    /// Unix seconds of the hour the tip arrived in.
    pub received_hour: i64,
    /// The partner embed it came through, if any.
    pub partner: Option<String>,
    /// The tip's wire format version.
    pub schema_version: i32,
    /// The age ciphertext.
    pub sealed: Vec<u8>,
}

/// The storage interface both back ends implement.
pub trait Store: Send + Sync {
    /// Stores `record` unless its idempotency hash is already there, and
    /// returns only after the result is durable.
    fn insert(
        &self,
        record: NewRecord,
    ) -> impl Future<Output = Result<Inserted, StoreError>> + Send;
    /// Whether a tip with this idempotency hash is stored: lets a retry of
    /// an acknowledged tip past an empty rate-limit bucket to its receipt.
    fn has_idempotency_hash(
        &self,
        idem_hash: &[u8; 32],
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
    /// Checks that the database answers (for `/readyz`).
    fn ping(&self) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Every tip received in or after the hour starting at `since_hour`, oldest first.
    fn sealed_since(
        &self,
        since_hour: i64,
    ) -> impl Future<Output = Result<Vec<StoredRecord>, StoreError>> + Send;
    /// The per-database random key for the keyed hashes.
    fn hash_key(&self) -> &[u8; 32];
}

/// The back end chosen by the `--database` URL.
#[derive(Debug, Clone)]
pub enum AnyStore {
    /// `sqlite://PATH`
    Sqlite(sqlite::SqliteStore),
    /// `postgres://…`
    Postgres(postgres::PgStore),
}

impl AnyStore {
    /// Connects to (or creates) the database at `url` and runs the migrations.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(AnyStore::Sqlite(sqlite::SqliteStore::open(url).await?))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(AnyStore::Postgres(postgres::PgStore::open(url).await?))
        } else {
            Err(StoreError::UnsupportedUrl)
        }
    }

    /// Group commit's `(commits, inserts)` so far (see [`group_commit`]).
    pub fn commit_stats(&self) -> (u64, u64) {
        match self {
            AnyStore::Sqlite(store) => store.commit_stats(),
            AnyStore::Postgres(store) => store.commit_stats(),
        }
    }
}

impl Store for AnyStore {
    async fn insert(&self, record: NewRecord) -> Result<Inserted, StoreError> {
        match self {
            AnyStore::Sqlite(store) => store.insert(record).await,
            AnyStore::Postgres(store) => store.insert(record).await,
        }
    }

    async fn has_idempotency_hash(&self, idem_hash: &[u8; 32]) -> Result<bool, StoreError> {
        match self {
            AnyStore::Sqlite(store) => store.has_idempotency_hash(idem_hash).await,
            AnyStore::Postgres(store) => store.has_idempotency_hash(idem_hash).await,
        }
    }

    async fn ping(&self) -> Result<(), StoreError> {
        match self {
            AnyStore::Sqlite(store) => store.ping().await,
            AnyStore::Postgres(store) => store.ping().await,
        }
    }

    async fn sealed_since(&self, since_hour: i64) -> Result<Vec<StoredRecord>, StoreError> {
        match self {
            AnyStore::Sqlite(store) => store.sealed_since(since_hour).await,
            AnyStore::Postgres(store) => store.sealed_since(since_hour).await,
        }
    }

    fn hash_key(&self) -> &[u8; 32] {
        match self {
            AnyStore::Sqlite(store) => store.hash_key(),
            AnyStore::Postgres(store) => store.hash_key(),
        }
    }
}

/// Name of the HMAC key in the `secrets` table.
const HASH_KEY_NAME: &str = "hash_key";

fn new_hash_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut key);
    key
}

fn hash_key_from(bytes: &[u8]) -> Result<[u8; 32], StoreError> {
    bytes
        .try_into()
        .map_err(|_| StoreError::Corrupt("hash key is not 32 bytes"))
}

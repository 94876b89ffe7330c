//! Where sealed tips are kept: one interface ([`Store`]), two back ends
//! (SQLite for one machine, PostgreSQL for more). Both acknowledge an insert
//! only after the commit is durable, and both enforce "one row per
//! idempotency key" with a UNIQUE constraint, not with a check-then-insert.

/// Runs `$body` once per back end with `$pool` the back end's pool and
/// `$sql` the function that spells a statement for it. One SQL text serves
/// both back ends: written with `$n` placeholders, which SQLite reads as
/// `?n`. For the tables outside the tips' group-commit writer (follow-up,
/// console), whose writes are single statements or short transactions.
macro_rules! with_pool {
    ($store:expr, |$pool:ident, $sql:ident| $body:expr) => {
        match $store {
            $crate::store::AnyStore::Sqlite(store) => {
                let $pool = store.pool();
                let $sql = $crate::store::sqlite_sql;
                $body
            }
            $crate::store::AnyStore::Postgres(store) => {
                let $pool = store.pool();
                let $sql = $crate::store::postgres_sql;
                $body
            }
        }
    };
}

/// A statement in SQLite's spelling (`?n` placeholders).
pub(crate) fn sqlite_sql(sql: &str) -> String {
    sql.replace('$', "?")
}

/// A statement in PostgreSQL's spelling (as written).
pub(crate) fn postgres_sql(sql: &str) -> String {
    sql.to_owned()
}

mod checkpointer;
// `#[macro_use]`: its audited-transaction macros serve `retention` too.
#[macro_use]
pub mod console;
pub mod followup;
pub mod group_commit;
pub mod postgres;
pub mod retention;
pub mod sqlite;

use std::future::Future;
use std::time::Duration;

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
    /// A read-only copy of a SQLite database still has tips in its `-wal`
    /// file, which cannot be read without writing beside it.
    #[error(
        "{cause}; this read-only copy has unmerged tips in {wal}: copy the database \
         with its -wal and -shm files to a writable place, or take the backup with \
         `sqlite3 DB \".backup COPY\"`, then export from that"
    )]
    ReadOnlyWal {
        /// The `-wal` file.
        wal: String,
        /// Why the first, plain read-only open failed.
        cause: String,
    },
    /// A stored row does not have the expected shape.
    #[error("corrupt row: {0}")]
    Corrupt(&'static str),
}

/// A sealed tip ready to store. Holds nothing readable without a key.
#[derive(Debug, Clone)]
pub struct NewRecord {
    /// The row's id: random, so that ids do not follow the order tips
    /// arrived in ([`new_row_id`]).
    pub id: i64,
    /// Keyed hash of the idempotency key (the UNIQUE column).
    pub idem_hash: [u8; 32],
    /// Keyed hash of the receipt, for looking a tip up by its receipt.
    pub receipt_hash: [u8; 32],
    /// The receipt, encrypted under a key only the idempotency key gives.
    pub receipt_box: Vec<u8>,
    /// A fingerprint of the request body keyed by the idempotency key, so a
    /// retry with another body can be told from a true retry.
    pub request_mac: [u8; 32],
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
    /// The stored row's request fingerprint (`None` on rows older than the
    /// column).
    pub request_mac: Option<Vec<u8>>,
    /// False when the idempotency key was already stored (a retry).
    pub fresh: bool,
}

/// A stored row, as `export` reads it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
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
    /// Checks that the database answers and that writes work (for
    /// `/readyz`): after a failed write, by a probe write.
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

/// How the service talks to its database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreOptions {
    /// Longest a statement may run before it is cancelled and its batch
    /// answered 503 (PostgreSQL's `statement_timeout`; SQLite's wait for
    /// the write lock).
    pub statement_timeout: Duration,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            statement_timeout: Duration::from_secs(10),
        }
    }
}

impl AnyStore {
    /// Connects to (or creates) the database at `url` and runs the
    /// migrations, with the default [`StoreOptions`].
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        Self::open_with(url, StoreOptions::default()).await
    }

    /// [`AnyStore::open`] with `options`.
    pub async fn open_with(url: &str, options: StoreOptions) -> Result<Self, StoreError> {
        let timeout = options.statement_timeout;
        match Backend::of(url)? {
            Backend::Sqlite => Ok(AnyStore::Sqlite(
                sqlite::SqliteStore::open(url, timeout).await?,
            )),
            Backend::Postgres => Ok(AnyStore::Postgres(
                postgres::PgStore::open(url, timeout).await?,
            )),
        }
    }

    /// At shutdown, after the last request: leaves the database tidy (for
    /// SQLite, one file with the WAL merged in). Failing is only logged.
    pub async fn shut_down(&self) {
        if let AnyStore::Sqlite(store) = self {
            if let Err(error) = store.checkpoint().await {
                tracing::warn!(%error, "could not merge the WAL at shutdown");
            }
        }
    }

    /// The writer's counters so far (see [`group_commit`]).
    pub fn writer_stats(&self) -> group_commit::WriterStats {
        match self {
            AnyStore::Sqlite(store) => store.writer_stats(),
            AnyStore::Postgres(store) => store.writer_stats(),
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

/// Which back end a database URL names.
enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    fn of(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl)
        }
    }
}

/// Every tip received in or after the hour starting at `since_hour`, read
/// without writing anything: no migration, no key, no writer. This is what
/// `export` uses, so it works on a read-only copy or a backup (a SQLite file
/// on read-only media included; see [`sqlite::read_sealed`]).
pub async fn read_sealed(url: &str, since_hour: i64) -> Result<Vec<StoredRecord>, StoreError> {
    match Backend::of(url)? {
        Backend::Sqlite => sqlite::read_sealed(url, since_hour).await,
        Backend::Postgres => postgres::read_sealed(url, since_hour).await,
    }
}

/// Name of the HMAC key in the `secrets` table.
const HASH_KEY_NAME: &str = "hash_key";

/// A random positive row id. Ids in arrival order would let anyone who sees
/// the table order the tips, which the clear columns (only the hour) avoid.
pub fn new_row_id() -> i64 {
    // 63 random bits, never 0.
    (rand::rngs::OsRng.next_u64() >> 1).max(1) as i64
}

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

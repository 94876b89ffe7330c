//! SQLite back end with group commit.
//!
//! Durability: WAL journal with `synchronous = FULL`, so every COMMIT fsyncs
//! the WAL before it returns; a tip is acknowledged only after its COMMIT
//! returned. (`NORMAL` would survive a process crash but not a power cut: the
//! last commits could be lost after they were acknowledged.)
//!
//! Throughput: group commit ([`super::group_commit`]). The writer task owns
//! the only write connection; readers have a small pool of their own.
//!
//! Faults (issue 13): when a disk fills or an I/O error strikes, SQLite may
//! roll the whole transaction back by itself. sqlx's transaction guard then
//! sends `ROLLBACK`, which fails ("no transaction is active"), and sqlx's own
//! count of open transactions stays at one. The next `begin()` became a
//! `SAVEPOINT` (which opens a real transaction), the next failure rolled back
//! only *to* that savepoint, leaving the transaction open, and from then on
//! every "commit" was a `RELEASE` of a nested savepoint: tips answered 201,
//! never committed, the write lock held for good. So: a batch begins with
//! `BEGIN IMMEDIATE` through `begin_with`, which sqlx refuses to nest and
//! checks did open a transaction; and after any error the connection is
//! closed (closing rolls back whatever SQLite still holds open) and the next
//! batch opens a fresh one.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{ConnectOptions, Connection, Row};

use super::checkpointer::{self, CatchUp};
use super::group_commit::{answers, skipped, BoxesByKey, CommitBatch, Writer, WriterStats};
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

fn options(url: &str, busy_timeout: Duration) -> Result<SqliteConnectOptions, StoreError> {
    Ok(SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        // How long a write waits for a lock another process holds (a
        // backup, `sqlite3` by hand) before its batch is answered 503.
        .busy_timeout(busy_timeout)
        .foreign_keys(true)
        // A deleted row's bytes are overwritten, not left in a free page:
        // retention deletes closed tips for good (`super::retention`).
        .pragma("secure_delete", "ON")
        // Statements are logged without their values, but nothing about a
        // request belongs in the log at all.
        .disable_statement_logging())
}

impl SqliteStore {
    /// Opens (creating if needed) the database, migrates it and starts the
    /// writer; a write waits at most `busy_timeout` for another process's lock.
    pub async fn open(url: &str, busy_timeout: Duration) -> Result<Self, StoreError> {
        let options = options(url, busy_timeout)?;
        // The writer leaves checkpoints to the checkpointer (its module says
        // why), on its first connection and on any opened after an error.
        let writer_options = options.clone().pragma("wal_autocheckpoint", "0");
        let mut writer_conn = writer_options.connect().await?;
        sqlx::migrate!("migrations/sqlite")
            .run(&mut writer_conn)
            .await?;
        let hash_key = load_hash_key(&mut writer_conn).await?;
        let readers = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.clone())
            .await?;
        let catch_up = CatchUp::default();
        let writer = Writer::start_on_own_thread(WriteConnection {
            options: writer_options,
            conn: Some(writer_conn),
            catch_up: catch_up.clone(),
        })
        .map_err(sqlx::Error::Io)?;
        checkpointer::start(options, writer.counters(), catch_up);
        Ok(Self {
            writer,
            readers,
            hash_key,
        })
    }

    /// The writer's counters so far.
    pub fn writer_stats(&self) -> WriterStats {
        self.writer.stats()
    }

    /// The pool the follow-up tables are read and written through
    /// ([`super::followup`]): its connections have the same durability
    /// settings as the writer's.
    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.readers
    }

    /// At shutdown: merges the WAL into the main file and empties it, so the
    /// database is one self-contained file (a backup or a read-only copy
    /// needs nothing beside it).
    pub async fn checkpoint(&self) -> Result<(), StoreError> {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.readers)
            .await?;
        Ok(())
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

/// The only connection that writes: opened again after any error.
struct WriteConnection {
    options: SqliteConnectOptions,
    /// `None` after an error, until the next write opens a new one.
    conn: Option<SqliteConnection>,
    /// The checkpointer's requests to copy the end of the WAL.
    catch_up: CatchUp,
}

impl WriteConnection {
    /// The open connection, or a new one.
    async fn open(&mut self) -> Result<&mut SqliteConnection, sqlx::Error> {
        match &mut self.conn {
            Some(conn) => Ok(conn),
            slot @ None => Ok(slot.insert(self.options.connect().await?)),
        }
    }

    /// Throws the connection away when `result` is an error (see the module
    /// header for why it is never reused).
    async fn keep_if_ok<T>(&mut self, result: Result<T, sqlx::Error>) -> Result<T, sqlx::Error> {
        if result.is_err() {
            if let Some(conn) = self.conn.take() {
                // Closing rolls back anything SQLite still holds open. If
                // even that fails, dropping the handle frees it.
                let _ = conn.close().await;
            }
        }
        result
    }
}

impl CommitBatch for WriteConnection {
    async fn commit(&mut self, batch: &[NewRecord]) -> Result<Vec<Inserted>, sqlx::Error> {
        let catch_up = self.catch_up.clone();
        let result = match self.open().await {
            Ok(conn) => {
                catch_up.if_asked(conn).await;
                commit_batch(conn, batch).await
            }
            Err(error) => Err(error),
        };
        let result = self.still_writable(result);
        self.keep_if_ok(result).await
    }

    async fn probe(&mut self) -> Result<(), sqlx::Error> {
        let result = match self.open().await {
            Ok(conn) => probe_write(conn).await,
            Err(error) => Err(error),
        };
        let result = self.still_writable(result);
        self.keep_if_ok(result).await
    }
}

impl WriteConnection {
    /// A commit that returned Ok is a promise only if the file system could
    /// still write when it returned. ext4 (mounted `errors=remount-ro`,
    /// Debian's default) handles an error by aborting its journal first and
    /// only then, after two synchronous superblock writes, refusing writes.
    /// An `fsync` in flight across that window returns success for a
    /// transaction the abort threw away, and the tip is gone after the
    /// repair (`scripts/ext4-fsync-window.py` shows it without SQLite; the
    /// fault test `a_filesystem_turned_read_only_gets_503s_until_it_is_repaired`
    /// lost such a 201 under load). A second `fsync` cannot tell: it
    /// passes the same window. Starting a journal transaction can, since it
    /// fails from the moment of the abort: so after each commit the writer
    /// sets an extended attribute on the database file, and a commit whose
    /// check fails is answered as the I/O error it may have been (503; the
    /// retry finds out).
    fn still_writable<T>(&self, result: Result<T, sqlx::Error>) -> Result<T, sqlx::Error> {
        if result.is_ok() {
            if let Err(error) = journal_still_writes(self.options.get_filename()) {
                return Err(sqlx::Error::Io(error));
            }
        }
        result
    }
}

/// The attribute the check after each commit sets (always to the same
/// value: it holds nothing, it only makes ext4 start a transaction).
const COMMIT_CHECK_ATTRIBUTE: &str = "user.lantern.commit-check";

/// Whether the file system holding `path` still takes a journalled
/// metadata change (see [`WriteConnection::still_writable`]). `Ok` when that
/// cannot be told: an in-memory database, a file system without user
/// extended attributes that is not mounted read-only.
fn journal_still_writes(path: &std::path::Path) -> Result<(), std::io::Error> {
    #[cfg(unix)]
    {
        use rustix::io::Errno;
        if path.as_os_str().is_empty() || path == std::path::Path::new(":memory:") {
            return Ok(());
        }
        match rustix::fs::setxattr(
            path,
            COMMIT_CHECK_ATTRIBUTE,
            b"",
            rustix::fs::XattrFlags::empty(),
        ) {
            Ok(()) => Ok(()),
            Err(Errno::NOTSUP | Errno::PERM) => {
                // No user attributes here: a read-only mount is all that can
                // still be seen.
                let read_only = rustix::fs::statvfs(path)
                    .is_ok_and(|fs| fs.f_flag.contains(rustix::fs::StatVfsMountFlags::RDONLY));
                if read_only {
                    Err(std::io::Error::new(
                        std::io::ErrorKind::ReadOnlyFilesystem,
                        "the database's file system turned read-only: this commit may not be on disk",
                    ))
                } else {
                    Ok(())
                }
            }
            Err(errno) => Err(std::io::Error::new(
                std::io::Error::from(errno).kind(),
                format!(
                    "the database's file system refused a write just after a commit ({errno}): \
                     this commit may not be on disk"
                ),
            )),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// A write that stores nothing of any tip: it bumps a counter in a table of
/// its own, so the commit has to write a page and sync, as a tip's would.
async fn probe_write(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    sqlx::query(
        "INSERT INTO write_probe (id, writes) VALUES (1, 1) \
         ON CONFLICT (id) DO UPDATE SET writes = writes + 1",
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Rows per INSERT statement: 9 parameters each stays far below SQLite's
/// limit of 32,766, and a few fixed sizes keep the prepared-statement cache
/// small (a batch of 100 is one statement of 64, then 32, then 4).
const CHUNKS: [usize; 7] = [64, 32, 16, 8, 4, 2, 1];

/// `INSERT … VALUES (…), (…) … RETURNING` for `rows` rows.
fn insert_statement(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO tips (id, idem_hash, receipt_hash, receipt_box, request_mac, \
         received_hour, partner, schema_version, sealed) VALUES ",
    );
    for row in 0..rows {
        if row > 0 {
            sql.push(',');
        }
        sql.push_str("(?,?,?,?,?,?,?,?,?)");
    }
    sql.push_str(
        " ON CONFLICT (idem_hash) DO NOTHING RETURNING idem_hash, receipt_box, request_mac",
    );
    sql
}

/// The whole batch in one transaction: multi-row inserts (one round trip to
/// SQLite's thread per chunk, not per tip), then one lookup of the keys
/// that were stored before.
async fn commit_batch(
    conn: &mut SqliteConnection,
    batch: &[NewRecord],
) -> Result<Vec<Inserted>, sqlx::Error> {
    // IMMEDIATE takes the write lock now rather than at the first insert;
    // `begin_with` refuses to run inside a transaction sqlx knows of, and
    // checks that SQLite did open one.
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    let mut inserted = BoxesByKey::new();
    let mut rest = batch;
    while !rest.is_empty() {
        let size = CHUNKS.into_iter().find(|&c| c <= rest.len()).unwrap_or(1);
        let (chunk, tail) = rest.split_at(size);
        rest = tail;
        let sql = insert_statement(size);
        let mut query = sqlx::query_as::<_, (Vec<u8>, Vec<u8>, Option<Vec<u8>>)>(&sql);
        for record in chunk {
            query = query
                .bind(record.id)
                .bind(record.idem_hash.as_slice())
                .bind(record.receipt_hash.as_slice())
                .bind(record.receipt_box.as_slice())
                .bind(record.request_mac.as_slice())
                .bind(record.received_hour)
                .bind(record.partner.as_deref())
                .bind(record.schema_version)
                .bind(record.sealed.as_slice());
        }
        let rows = query.fetch_all(&mut *tx).await?;
        inserted.extend(rows.into_iter().map(|(key, b, mac)| (key, (b, mac))));
    }
    let earlier = skipped(batch, &inserted);
    let mut stored = BoxesByKey::new();
    for key in earlier {
        // A retry: the first attempt's receipt (it may be in this very
        // batch, which the transaction sees).
        let (key, receipt_box, request_mac): (Vec<u8>, Vec<u8>, Option<Vec<u8>>) = sqlx::query_as(
            "SELECT idem_hash, receipt_box, request_mac FROM tips WHERE idem_hash = ?1",
        )
        .bind(key)
        .fetch_one(&mut *tx)
        .await?;
        stored.insert(key, (receipt_box, request_mac));
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
        self.writer.check().await?;
        sqlx::query("SELECT count(*) FROM secrets")
            .fetch_one(&self.readers)
            .await?;
        Ok(())
    }

    async fn sealed_since(&self, since_hour: i64) -> Result<Vec<StoredRecord>, StoreError> {
        let mut conn = self.readers.acquire().await?;
        select_sealed(&mut conn, since_hour).await
    }

    fn hash_key(&self) -> &[u8; 32] {
        &self.hash_key
    }
}

/// The stored tips of `since_hour` on, by hour (in an hour, by random id).
async fn select_sealed(
    conn: &mut SqliteConnection,
    since_hour: i64,
) -> Result<Vec<StoredRecord>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT received_hour, partner, schema_version, sealed FROM tips \
         WHERE received_hour >= ?1 ORDER BY received_hour, id",
    )
    .bind(since_hour)
    .fetch_all(&mut *conn)
    .await?)
}

/// [`super::read_sealed`] for SQLite: opens the file read-only and writes
/// nothing (no migration, no journal-mode change), through
/// [`connect_read_only`].
pub async fn read_sealed(url: &str, since_hour: i64) -> Result<Vec<StoredRecord>, StoreError> {
    let mut conn = connect_read_only(url).await?;
    select_sealed(&mut conn, since_hour).await
}

/// A connection that only reads, on read-only media too: the tips' export
/// and the conversations' export both open the file this way.
///
/// A WAL database needs its `-shm` index, which SQLite creates beside the
/// file; on read-only media it cannot, and the read fails. Then the file is
/// opened as immutable, which reads the main file alone, but only when no
/// `-wal` file with content lies beside it: immutable would silently skip
/// the tips in it. (The service checkpoints the WAL into the main file when
/// it stops, so a backup taken after a clean stop is one file.)
pub(super) async fn connect_read_only(url: &str) -> Result<SqliteConnection, StoreError> {
    let options = SqliteConnectOptions::from_str(url)?
        .read_only(true)
        .disable_statement_logging();
    let first = match options.clone().connect().await {
        // A first read is what opens the WAL index, so it is what fails.
        Ok(mut conn) => match sqlx::query("SELECT count(*) FROM sqlite_master")
            .execute(&mut conn)
            .await
        {
            Ok(_) => return Ok(conn),
            Err(error) => StoreError::from(error),
        },
        Err(error) => StoreError::from(error),
    };
    let path = options.get_filename().to_owned();
    let wal = wal_path(&path);
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(StoreError::ReadOnlyWal {
            wal: wal.display().to_string(),
            cause: first.to_string(),
        });
    }
    Ok(options.immutable(true).connect().await?)
}

/// The `-wal` file beside a database file.
fn wal_path(path: &std::path::Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    name.into()
}

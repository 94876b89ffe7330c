//! Group commit, for both back ends.
//!
//! One fsync per tip would cap the service at the disk's sync rate, and one
//! round trip per tip at the database's. A single writer task takes every
//! insert waiting on a channel (up to [`MAX_BATCH`]) into one transaction,
//! commits once, then answers each waiter. Under load a batch fills while the
//! previous commit syncs, so many tips share one commit; a lone tip is not
//! delayed at all. Each back end says only how to write one batch
//! ([`CommitBatch`]); the queue, the counters and the answers live here.
//!
//! A batch that fails is answered with an error for every insert in it (the
//! API's 503 with `Retry-After`), and nothing of it is stored: it was one
//! transaction. Writes are then marked unhealthy (`/readyz` 503) until a
//! batch or a probe write commits again, on a new connection.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use super::{Inserted, NewRecord, StoreError};

/// Most inserts committed in one transaction.
pub const MAX_BATCH: usize = 256;
/// Inserts waiting for the writer before callers wait for room.
const QUEUE: usize = 4_096;

type Reply = oneshot::Sender<Result<Inserted, StoreError>>;

/// How a back end writes one batch: all of `batch` in one transaction,
/// answered in the same order, each with the row now holding its
/// idempotency key (a retry in the batch or already stored gets the first
/// attempt's `receipt_box` and `fresh: false`).
///
/// The contract that keeps a 201 honest: when `commit` or `probe` returns an
/// error, the connection it used is thrown away, so the next call starts on
/// a connection that is known to be outside any transaction. (Keeping it
/// once let a transaction stay open for good: see `sqlite.rs`.)
pub trait CommitBatch: Send + 'static {
    /// Writes and commits `batch`; returns only once the commit is durable.
    fn commit(
        &mut self,
        batch: &[NewRecord],
    ) -> impl Future<Output = Result<Vec<Inserted>, sqlx::Error>> + Send;
    /// Commits a write that holds nothing of any tip, to learn whether
    /// writes work again (`/readyz` asks while they have been failing).
    fn probe(&mut self) -> impl Future<Output = Result<(), sqlx::Error>> + Send;
}

/// What a row holds for its idempotency key: its `receipt_box` and
/// `request_mac`.
pub type KeyRow = (Vec<u8>, Option<Vec<u8>>);

/// Rows by idempotency hash, as a batch's queries return them.
pub type BoxesByKey = HashMap<Vec<u8>, KeyRow>;

/// The answers to a batch written as one multi-row `INSERT … ON CONFLICT DO
/// NOTHING RETURNING idem_hash, receipt_box, request_mac` (`inserted`) plus a lookup of the
/// keys it skipped (`stored`). A key twice in the batch was inserted once:
/// its first occurrence (rows are inserted in the order given) is the fresh
/// one, the rest are retries, and every one of them gets the stored receipt.
pub fn answers(
    batch: &[NewRecord],
    inserted: &BoxesByKey,
    stored: &BoxesByKey,
) -> Result<Vec<Inserted>, sqlx::Error> {
    let mut seen = HashSet::new();
    batch
        .iter()
        .map(|record| {
            let key = record.idem_hash.as_slice();
            let first = seen.insert(key);
            let ((receipt_box, request_mac), fresh) = match inserted.get(key) {
                Some(row) => (row, first),
                None => (stored.get(key).ok_or(sqlx::Error::RowNotFound)?, false),
            };
            Ok(Inserted {
                receipt_box: receipt_box.clone(),
                request_mac: request_mac.clone(),
                fresh,
            })
        })
        .collect()
}

/// The keys of `batch` that `inserted` does not hold: stored before.
pub fn skipped<'a>(batch: &'a [NewRecord], inserted: &BoxesByKey) -> Vec<&'a [u8]> {
    batch
        .iter()
        .map(|r| r.idem_hash.as_slice())
        .filter(|key| !inserted.contains_key(*key))
        .collect()
}

/// How well group commit is working: inserts per commit is the batch size.
#[derive(Debug)]
pub struct CommitStats {
    /// Transactions committed by the writer.
    pub commits: AtomicU64,
    /// Inserts (new rows and retries) answered from those commits.
    pub inserts: AtomicU64,
    /// Batches that did not commit (every insert in them got a 503).
    pub failed_commits: AtomicU64,
    /// Whether the last write (a batch or a probe) committed.
    pub healthy: AtomicBool,
}

impl Default for CommitStats {
    fn default() -> Self {
        Self {
            commits: AtomicU64::new(0),
            inserts: AtomicU64::new(0),
            failed_commits: AtomicU64::new(0),
            healthy: AtomicBool::new(true),
        }
    }
}

/// A snapshot of [`CommitStats`], for `/metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriterStats {
    /// Transactions committed.
    pub commits: u64,
    /// Inserts answered from them.
    pub inserts: u64,
    /// Batches that did not commit.
    pub failed_commits: u64,
    /// Whether the last write committed.
    pub healthy: bool,
}

/// What the writer task is asked to do.
enum Job {
    /// Store a tip and answer with the row that holds its key.
    Insert(NewRecord, Reply),
    /// Try a write that stores nothing of any tip.
    Probe(oneshot::Sender<Result<(), StoreError>>),
}

/// How long `/readyz` waits for a probe write before calling writes failed.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

/// The writer's queue: cheap to clone, one writer task behind it.
#[derive(Debug, Clone)]
pub struct Writer {
    queue: mpsc::Sender<Job>,
    stats: Arc<CommitStats>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Job::Insert(..) => "Insert",
            Job::Probe(_) => "Probe",
        })
    }
}

impl Writer {
    /// Starts the writer task around `committer`, on the service's runtime.
    pub fn start(committer: impl CommitBatch) -> Self {
        let (writer, receiver) = Self::queue();
        tokio::spawn(write_loop(committer, receiver, Arc::clone(&writer.stats)));
        writer
    }

    /// Starts the writer task around `committer` on a thread of its own,
    /// with a runtime of its own: for a back end whose every statement is a
    /// hand-off to another thread (sqlx runs each SQLite connection on a
    /// thread) and back. On the service's runtime each "back" waited in the
    /// queue behind the requests being sealed, a few per statement, several
    /// statements per batch; the writer sat idle a good part of the time and
    /// the batches it took were small (`docs/benchmarks.md`, "The writer on
    /// a thread of its own").
    pub fn start_on_own_thread(committer: impl CommitBatch) -> std::io::Result<Self> {
        let (writer, receiver) = Self::queue();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let stats = Arc::clone(&writer.stats);
        std::thread::Builder::new()
            .name("lantern-writer".into())
            .spawn(move || runtime.block_on(write_loop(committer, receiver, stats)))?;
        Ok(writer)
    }

    /// A writer's handle and the queue its task reads.
    fn queue() -> (Self, mpsc::Receiver<Job>) {
        let (queue, receiver) = mpsc::channel(QUEUE);
        let stats = Arc::new(CommitStats::default());
        (Self { queue, stats }, receiver)
    }

    /// Queues `record` and waits for its batch to commit.
    pub async fn insert(&self, record: NewRecord) -> Result<Inserted, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send(Job::Insert(record, reply))
            .await
            .map_err(|_| StoreError::WriterGone)?;
        answer.await.map_err(|_| StoreError::WriterGone)?
    }

    /// Whether writes work: at once when the last one committed, otherwise by
    /// a probe write through the queue (so a recovered database is noticed
    /// even when no tip is arriving).
    pub async fn check(&self) -> Result<(), StoreError> {
        if self.queue.is_closed() {
            return Err(StoreError::WriterGone);
        }
        if self.stats.healthy.load(Ordering::Acquire) {
            return Ok(());
        }
        let (reply, answer) = oneshot::channel();
        let probe = async {
            self.queue
                .send(Job::Probe(reply))
                .await
                .map_err(|_| StoreError::WriterGone)?;
            answer.await.map_err(|_| StoreError::WriterGone)?
        };
        match tokio::time::timeout(PROBE_TIMEOUT, probe).await {
            Ok(result) => result,
            Err(_) => Err(StoreError::BatchFailed("probe write timed out".into())),
        }
    }

    /// The live counters, for a task that must end with the writer (it
    /// holds them until it stops).
    pub fn counters(&self) -> std::sync::Weak<CommitStats> {
        Arc::downgrade(&self.stats)
    }

    /// The counters so far.
    pub fn stats(&self) -> WriterStats {
        WriterStats {
            commits: self.stats.commits.load(Ordering::Relaxed),
            inserts: self.stats.inserts.load(Ordering::Relaxed),
            failed_commits: self.stats.failed_commits.load(Ordering::Relaxed),
            healthy: self.stats.healthy.load(Ordering::Acquire),
        }
    }
}

/// The writer task: batch, commit once, answer everyone.
async fn write_loop(
    mut committer: impl CommitBatch,
    mut queue: mpsc::Receiver<Job>,
    stats: Arc<CommitStats>,
) {
    let mut jobs = Vec::with_capacity(MAX_BATCH);
    let mut records = Vec::with_capacity(MAX_BATCH);
    let mut replies = Vec::with_capacity(MAX_BATCH);
    let mut probes = Vec::new();
    let mut failed_in_a_row: u64 = 0;
    while queue.recv_many(&mut jobs, MAX_BATCH).await > 0 {
        for job in jobs.drain(..) {
            match job {
                Job::Insert(record, reply) => {
                    records.push(record);
                    replies.push(reply);
                }
                Job::Probe(reply) => probes.push(reply),
            }
        }
        // A batch of tips is itself the best probe; a probe alone writes.
        let outcome = if records.is_empty() {
            committer.probe().await.map(|()| Vec::new())
        } else {
            committer.commit(&records).await
        };
        // Logged: only the changes between working and failing writes, never
        // a line per batch, which would time tips when traffic is low.
        match outcome {
            Ok(results) => {
                if !stats.healthy.swap(true, Ordering::AcqRel) {
                    tracing::warn!(
                        failed_batches = failed_in_a_row,
                        "database writes work again"
                    );
                    failed_in_a_row = 0;
                }
                if !records.is_empty() {
                    stats.commits.fetch_add(1, Ordering::Relaxed);
                    stats
                        .inserts
                        .fetch_add(records.len() as u64, Ordering::Relaxed);
                }
                for (reply, result) in replies.drain(..).zip(results) {
                    // The caller may have gone (client disconnected): the tip
                    // is stored all the same and a retry will find it.
                    let _ = reply.send(Ok(result));
                }
                for probe in probes.drain(..) {
                    let _ = probe.send(Ok(()));
                }
            }
            Err(error) => {
                if stats.healthy.swap(false, Ordering::AcqRel) {
                    tracing::error!(
                        %error,
                        "database writes fail: tips are answered 503 until a write commits"
                    );
                }
                let cause = error.to_string();
                if !records.is_empty() {
                    stats.failed_commits.fetch_add(1, Ordering::Relaxed);
                    failed_in_a_row += 1;
                }
                for reply in replies.drain(..) {
                    let _ = reply.send(Err(StoreError::BatchFailed(cause.clone())));
                }
                for probe in probes.drain(..) {
                    let _ = probe.send(Err(StoreError::BatchFailed(cause.clone())));
                }
            }
        }
        records.clear();
    }
}

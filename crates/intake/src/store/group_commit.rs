//! Group commit, for both back ends.
//!
//! One fsync per tip would cap the service at the disk's sync rate, and one
//! round trip per tip at the database's. A single writer task takes every
//! insert waiting on a channel (up to [`MAX_BATCH`]) into one transaction,
//! commits once, then answers each waiter. Under load a batch fills while the
//! previous commit syncs, so many tips share one commit; a lone tip is not
//! delayed at all. Each back end says only how to write one batch
//! ([`CommitBatch`]); the queue, the counters and the answers live here.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

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
pub trait CommitBatch: Send + 'static {
    /// Writes and commits `batch`; returns only once the commit is durable.
    fn commit(
        &mut self,
        batch: &[NewRecord],
    ) -> impl Future<Output = Result<Vec<Inserted>, sqlx::Error>> + Send;
}

/// Receipt boxes by idempotency hash, as a batch's queries return them.
pub type BoxesByKey = HashMap<Vec<u8>, Vec<u8>>;

/// The answers to a batch written as one multi-row `INSERT … ON CONFLICT DO
/// NOTHING RETURNING idem_hash, receipt_box` (`inserted`) plus a lookup of the
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
            let (receipt_box, fresh) = match inserted.get(key) {
                Some(receipt_box) => (receipt_box, first),
                None => (stored.get(key).ok_or(sqlx::Error::RowNotFound)?, false),
            };
            Ok(Inserted {
                receipt_box: receipt_box.clone(),
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
#[derive(Debug, Default)]
pub struct CommitStats {
    /// Transactions committed by the writer.
    pub commits: AtomicU64,
    /// Inserts (new rows and retries) answered from those commits.
    pub inserts: AtomicU64,
}

/// The writer's queue: cheap to clone, one writer task behind it.
#[derive(Debug, Clone)]
pub struct Writer {
    queue: mpsc::Sender<(NewRecord, Reply)>,
    stats: Arc<CommitStats>,
}

impl Writer {
    /// Starts the writer task around `committer`.
    pub fn start(committer: impl CommitBatch) -> Self {
        let (queue, receiver) = mpsc::channel(QUEUE);
        let stats = Arc::new(CommitStats::default());
        tokio::spawn(write_loop(committer, receiver, Arc::clone(&stats)));
        Self { queue, stats }
    }

    /// Queues `record` and waits for its batch to commit.
    pub async fn insert(&self, record: NewRecord) -> Result<Inserted, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send((record, reply))
            .await
            .map_err(|_| StoreError::WriterGone)?;
        answer.await.map_err(|_| StoreError::WriterGone)?
    }

    /// Whether the writer task has stopped (only at shutdown).
    pub fn is_closed(&self) -> bool {
        self.queue.is_closed()
    }

    /// `(commits, inserts)` so far: their ratio is the mean batch size.
    pub fn stats(&self) -> (u64, u64) {
        (
            self.stats.commits.load(Ordering::Relaxed),
            self.stats.inserts.load(Ordering::Relaxed),
        )
    }
}

/// The writer task: batch, commit once, answer everyone.
async fn write_loop(
    mut committer: impl CommitBatch,
    mut queue: mpsc::Receiver<(NewRecord, Reply)>,
    stats: Arc<CommitStats>,
) {
    let mut waiting = Vec::with_capacity(MAX_BATCH);
    let mut records = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut waiting, MAX_BATCH).await > 0 {
        let replies: Vec<Reply> = waiting
            .drain(..)
            .map(|(record, reply)| {
                records.push(record);
                reply
            })
            .collect();
        match committer.commit(&records).await {
            Ok(results) => {
                stats.commits.fetch_add(1, Ordering::Relaxed);
                stats
                    .inserts
                    .fetch_add(records.len() as u64, Ordering::Relaxed);
                tracing::debug!(size = records.len(), "batch committed");
                for (reply, result) in replies.into_iter().zip(results) {
                    // The caller may have gone (client disconnected): the tip
                    // is stored all the same and a retry will find it.
                    let _ = reply.send(Ok(result));
                }
            }
            Err(error) => {
                tracing::error!(%error, size = records.len(), "batch not committed");
                let cause = error.to_string();
                for reply in replies {
                    let _ = reply.send(Err(StoreError::BatchFailed(cause.clone())));
                }
            }
        }
        records.clear();
    }
}

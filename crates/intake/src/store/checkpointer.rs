//! Moves SQLite's write-ahead log into the database file, mostly off the
//! writer.
//!
//! By SQLite's default, the commit that takes the WAL past 1,000 pages also
//! copies them into the database file and syncs it before it returns: the
//! writer did that every few hundred tips, and random row ids (issue 13)
//! make each tip dirty several pages, so it was about a third of the
//! writer's work. The writer now does no automatic checkpoint
//! (`wal_autocheckpoint = 0` on its connection); this task does them, on a
//! connection of its own, so on a thread of its own (sqlx runs each SQLite
//! connection on one).
//!
//! Every [`INTERVAL`] in which something was committed, a `PASSIVE`
//! checkpoint copies what the WAL holds; it never waits for the writer.
//! But the WAL starts again from its beginning only when a checkpoint has
//! caught up with the writer, which one running beside a writer that keeps
//! committing never does. (A `RESTART` checkpoint from here would have to
//! win the write lock from the writer: under load it lost for seconds
//! while the WAL grew to half a gigabyte.) So once the WAL holds
//! [`RESTART_PAGES`], the checkpointer copies it once more and asks the
//! writer ([`CatchUp`]) to copy the last few batches itself, between two
//! batches, where nothing can be committed meanwhile; its next commit then
//! writes from the start of the WAL.
//!
//! A checkpoint only moves what is already durable: a commit is on disk
//! once its WAL pages are synced, and a checkpoint that fails (a full disk,
//! an I/O error) leaves them there to be copied on the next try.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection};

use super::group_commit::CommitStats;

/// How often the WAL is checkpointed while tips arrive. At 5,000 tips/s
/// that is a few thousand pages a time; a tip waits at most this long to be
/// copied (and is durable all along).
const INTERVAL: Duration = Duration::from_millis(100);

/// WAL pages (4 KB each) past which the writer is asked to catch up, so
/// that the WAL starts again: 32 MB. The file grows to that and what a
/// tick or two add (51–58 MB in the test that holds it there).
const RESTART_PAGES: i64 = 8_192;

/// The checkpointer's request to the writer: copy what is left of the WAL
/// between two batches.
#[derive(Debug, Clone, Default)]
pub struct CatchUp(Arc<AtomicBool>);

impl CatchUp {
    fn ask(&self) {
        self.0.store(true, Ordering::Release);
    }

    /// Called by the writer before a batch, on its connection: copies the
    /// WAL's last pages when asked to. Outside any transaction and with no
    /// other writer, this checkpoint completes, unless a reader still reads
    /// an older snapshot; then it is asked again before the next batch.
    /// Its failure is not the batch's: a checkpoint only moves what is
    /// already durable, and the checkpointer reports failures.
    pub async fn if_asked(&self, conn: &mut SqliteConnection) {
        if !self.0.swap(false, Ordering::AcqRel) {
            return;
        }
        match passive(conn).await {
            Ok(pass) if pass.caught_up() => {}
            _ => self.ask(),
        }
    }
}

/// What a `PRAGMA wal_checkpoint` said.
struct Pass {
    /// Whether another checkpoint was running (nothing was done).
    busy: bool,
    /// Pages in the WAL.
    wal_pages: i64,
    /// Of those, pages now in the database file.
    copied: i64,
}

impl Pass {
    fn caught_up(&self) -> bool {
        !self.busy && self.copied == self.wal_pages
    }
}

async fn passive(conn: &mut SqliteConnection) -> Result<Pass, sqlx::Error> {
    let (busy, wal_pages, copied): (i64, i64, i64) =
        sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)")
            .fetch_one(&mut *conn)
            .await?;
    Ok(Pass {
        busy: busy != 0,
        wal_pages,
        copied,
    })
}

/// Starts the checkpointer for the database of `options` for as long as
/// `commits` (the writer's counters) is alive; it asks `writer` to catch up.
pub fn start(options: SqliteConnectOptions, commits: Weak<CommitStats>, writer: CatchUp) {
    tokio::spawn(run(options, commits, writer));
}

async fn run(options: SqliteConnectOptions, commits: Weak<CommitStats>, writer: CatchUp) {
    let mut conn: Option<SqliteConnection> = None;
    let mut copied_up_to = 0;
    let mut failing = false;
    let mut ticks = tokio::time::interval(INTERVAL);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        // The writer has stopped: so has everything it wrote.
        let Some(stats) = commits.upgrade() else {
            break;
        };
        let committed = stats.commits.load(Ordering::Relaxed);
        drop(stats);
        if committed == copied_up_to {
            continue;
        }
        let result = match &mut conn {
            Some(conn) => checkpoint(conn, &writer).await,
            slot @ None => match options.connect().await {
                Ok(new) => checkpoint(slot.insert(new), &writer).await,
                Err(error) => Err(error),
            },
        };
        // Logged only when checkpoints start or stop failing, never a line
        // a time (which would say when tips arrive).
        match result {
            Ok(()) => {
                copied_up_to = committed;
                if std::mem::take(&mut failing) {
                    tracing::warn!("WAL checkpoints work again");
                }
            }
            Err(error) => {
                if !std::mem::replace(&mut failing, true) {
                    tracing::error!(
                        %error,
                        "a WAL checkpoint failed: committed tips stay in the WAL; trying again"
                    );
                }
                if let Some(conn) = conn.take() {
                    let _ = conn.close().await;
                }
            }
        }
    }
    if let Some(conn) = conn {
        let _ = conn.close().await;
    }
}

/// One passive checkpoint; when the WAL has grown long, a second one (it
/// copies what was committed during the first) and the writer is asked to
/// copy the rest.
async fn checkpoint(conn: &mut SqliteConnection, writer: &CatchUp) -> Result<(), sqlx::Error> {
    if passive(conn).await?.wal_pages >= RESTART_PAGES {
        passive(conn).await?;
        writer.ask();
    }
    Ok(())
}

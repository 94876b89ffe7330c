//! Moves SQLite's write-ahead log into the database file off the writer.
//!
//! By SQLite's default, the commit that takes the WAL past 1,000 pages also
//! copies them into the database file and syncs it before it returns: the
//! writer did that every few hundred tips, and random row ids (issue 13)
//! make each tip dirty several pages, so it was about a third of the
//! writer's work. The writer now never checkpoints (`wal_autocheckpoint =
//! 0` on its connection); this task does, on a connection of its own, so
//! on a thread of its own (sqlx runs each SQLite connection on one).
//!
//! Every [`INTERVAL`] in which something was committed, a `PASSIVE`
//! checkpoint, which never waits for the writer, copies what the WAL holds.
//! The WAL starts again from its beginning only when a checkpoint caught
//! up with the writer, which a passive one cannot do while the writer keeps
//! committing: so once the WAL holds [`RESTART_PAGES`], a `RESTART`
//! checkpoint follows, which waits for the writer's batch, copies the few
//! pages committed since and has the next commit write from the start.
//!
//! A checkpoint only moves what is already durable: a commit is on disk
//! once its WAL pages are synced, and a checkpoint that fails (a full disk,
//! an I/O error) leaves them there to be copied on the next try.

use std::sync::atomic::Ordering;
use std::sync::Weak;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection};

use super::group_commit::CommitStats;

/// How often the WAL is checkpointed while tips arrive. At 5,000 tips/s
/// that is some 3,000 pages a time, far from any limit; a lone tip waits
/// at most this long to be copied (it is durable all along).
const INTERVAL: Duration = Duration::from_millis(100);

/// WAL pages (4 KB each) past which a checkpoint restarts the WAL: about
/// 32 MB, the most the file grows to under any load.
const RESTART_PAGES: i64 = 8_192;

/// Starts the checkpointer for the database of `options` (the writer's,
/// without `wal_autocheckpoint = 0`), for as long as `commits` (the
/// writer's counters) is alive.
pub fn start(options: SqliteConnectOptions, commits: Weak<CommitStats>) {
    tokio::spawn(run(options, commits));
}

async fn run(options: SqliteConnectOptions, commits: Weak<CommitStats>) {
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
            Some(conn) => checkpoint(conn).await,
            slot @ None => match options.connect().await {
                Ok(new) => checkpoint(slot.insert(new)).await,
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

/// One passive checkpoint, and a restart when the WAL has grown long.
async fn checkpoint(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    let (_busy, wal_pages, _copied): (i64, i64, i64) =
        sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)")
            .fetch_one(&mut *conn)
            .await?;
    if wal_pages >= RESTART_PAGES {
        // A second passive pass copies what was committed during the first,
        // so the restart, which holds the writer up while it works, has
        // only the last few batches to copy.
        sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&mut *conn)
            .await?;
        // Waits (up to the busy timeout) for the writer's transaction; if
        // the writer holds on longer, the next tick tries again.
        sqlx::query("PRAGMA wal_checkpoint(RESTART)")
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

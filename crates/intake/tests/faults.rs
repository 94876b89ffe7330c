//! A 201 is a promise (issue 13), on SQLite: faults injected into a real
//! database under the real binary, the contract checked from outside.
//!
//! - the disk fills up mid-run (a small tmpfs), then space comes back;
//! - the filesystem turns read-only (ext4, `errors=remount-ro`, an injected
//!   error), then is repaired;
//! - another process holds the write lock past the service's timeout;
//! - `export` reads a database on read-only media.
//!
//! After each: every 201's receipt is in the export, retries with the same
//! key and body never duplicate, nothing unacknowledged is half-stored,
//! `/readyz` and `/metrics` told the truth, and the service recovered by
//! itself. Mounting needs root (see `common::fs`). `LANTERN_FAULT_CYCLES=N`
//! repeats the full-disk cycle N times (the long run in docs/operations.md).

mod common;

use std::time::Duration;

use common::fs::{can_mount, FailingExt4, Tmpfs};
use common::load::{self, metric, status, wait_for_status, Load, UNLIMITED};
use common::Server;

/// An SQLite URL for a database file in `dir`.
fn sqlite_in(dir: &std::path::Path) -> String {
    format!("sqlite://{}/lantern.db", dir.display())
}

/// Whether a connection of another process can take the write lock now
/// (the fault once left it held for good).
async fn write_lock_is_free(database: &str) -> bool {
    use sqlx::{ConnectOptions, Connection};
    use std::str::FromStr;
    let mut conn = sqlx::sqlite::SqliteConnectOptions::from_str(database)
        .unwrap()
        .busy_timeout(Duration::from_secs(2))
        .connect()
        .await
        .unwrap();
    let free = sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut conn)
        .await
        .is_ok();
    let _ = sqlx::query("ROLLBACK").execute(&mut conn).await;
    let _ = conn.close().await;
    free
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_full_disk_gets_503s_and_every_201_survives() {
    if !can_mount("a_full_disk_gets_503s_and_every_201_survives") {
        return;
    }
    let cycles: usize = std::env::var("LANTERN_FAULT_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let work = tempfile::tempdir().unwrap();
    let (identity, recipient) = common::key_pair(work.path());
    let widget = common::widget_dir(work.path());
    for cycle in 0..cycles {
        let disk = Tmpfs::mount(8);
        let database = sqlite_in(&disk.path);
        let mut server = Server::start(&database, &recipient, &widget, &UNLIMITED);
        let url = server.url();

        // Four clients of ~5 KB tips until the disk is full and 503s come.
        let load = Load::start(std::slice::from_ref(&url), 4, 3_000, Duration::ZERO);
        let filled = load
            .until(Duration::from_secs(180), |l| l.unavailable >= 8)
            .await;
        let ledger = load.stop().await;
        let mut ledger = std::mem::take(&mut *ledger.lock().unwrap());
        assert!(filled, "the 8 MB disk never filled: {ledger:?}");
        assert!(metric(&url, "lantern_db_commit_failures_total").await >= 1.0);

        // Space comes back: no restart, and the next tips are stored for real.
        disk.resize(100);
        for _ in 0..10 {
            let key = common::new_key();
            let marker = format!("after{cycle}-{}", &key[..6]);
            ledger.bodies.insert(key.clone(), marker.clone());
            ledger.unanswered.insert(key, marker);
        }
        let stored_anyway = ledger.settle(&url, &database, &identity).await;
        assert_eq!(stored_anyway, 0, "a tip answered 503 was stored");
        assert_eq!(status(&url, "/readyz").await, 200);
        assert_eq!(metric(&url, "lantern_db_writes_healthy").await, 1.0);
        assert!(
            write_lock_is_free(&database).await,
            "the service holds the write lock for good"
        );

        // And they are still there after a crash.
        server.kill();
        let receipts = load::exported_receipts(&database, &identity);
        assert_eq!(receipts.len(), ledger.acknowledged.len());
        println!(
            "full disk, cycle {cycle}: {} tips acknowledged, {} 503s while full, all {} in the export after SIGKILL",
            ledger.acknowledged.len(),
            ledger.unavailable,
            receipts.len()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_filesystem_turned_read_only_gets_503s_until_it_is_repaired() {
    if !can_mount("a_filesystem_turned_read_only_gets_503s_until_it_is_repaired") {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let (identity, recipient) = common::key_pair(work.path());
    let widget = common::widget_dir(work.path());
    let disk = FailingExt4::mount(64);
    let database = sqlite_in(&disk.path);
    let mut server = Server::start(&database, &recipient, &widget, &UNLIMITED);
    let url = server.url();

    let load = Load::start(
        std::slice::from_ref(&url),
        4,
        2_000,
        Duration::from_millis(5),
    );
    assert!(
        load.until(Duration::from_secs(60), |l| l.acknowledged.len() >= 40)
            .await
    );
    disk.trigger_error();
    let refused = load
        .until(Duration::from_secs(60), |l| l.unavailable >= 20)
        .await;
    let before = load.ledger.lock().unwrap().acknowledged.len();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let after = load.ledger.lock().unwrap().acknowledged.len();
    let ledger = load.stop().await;
    let mut ledger = std::mem::take(&mut *ledger.lock().unwrap());
    assert!(refused, "writes on a read-only filesystem were not refused");
    assert_eq!(before, after, "201s on a filesystem that takes no write");
    assert_eq!(status(&url, "/readyz").await, 503);
    assert_eq!(metric(&url, "lantern_db_writes_healthy").await, 0.0);
    assert!(metric(&url, "lantern_db_commit_failures_total").await >= 1.0);

    // The operator stops the service, repairs the disk, starts it again.
    server.kill();
    disk.unmount_and_repair();
    disk.mount_again();
    let server = Server::start(&database, &recipient, &widget, &UNLIMITED);
    wait_for_status(&server.url(), "/readyz", 200).await;
    let stored_anyway = ledger.settle(&server.url(), &database, &identity).await;
    // After an I/O error SQLite cannot always tell whether the commit
    // reached the disk: a 503'd tip may turn out stored, and its retry then
    // gets its receipt (settle checked it is there once). What may never
    // happen is a 201 without the row, or a row twice.
    println!(
        "read-only filesystem: {before} acknowledged before the error, all in the export; \
         {} 503s; {stored_anyway} of the refused tips had reached the disk after all",
        ledger.unavailable
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_lock_held_elsewhere_gets_503_then_the_service_recovers_by_itself() {
    use sqlx::Connection;
    let work = tempfile::tempdir().unwrap();
    let (identity, recipient) = common::key_pair(work.path());
    let widget = common::widget_dir(work.path());
    let database = sqlite_in(work.path());
    let server = Server::start(
        &database,
        &recipient,
        &widget,
        &["--db-statement-timeout", "300ms"],
    );
    let url = server.url();
    let client = reqwest::Client::new();
    let first = common::new_key();
    assert!(matches!(
        load::post(&client, &url, &first, "first").await,
        load::PostOutcome::Created { .. }
    ));

    // A backup or an operator's sqlite3 holds the write lock.
    let mut other = sqlx::SqliteConnection::connect(&database).await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut other)
        .await
        .unwrap();
    let second = common::new_key();
    let answer = load::post(&client, &url, &second, "second").await;
    assert!(
        matches!(answer, load::PostOutcome::Unavailable),
        "while locked: {answer:?}"
    );
    assert_eq!(status(&url, "/readyz").await, 503);
    assert_eq!(metric(&url, "lantern_db_writes_healthy").await, 0.0);

    // The lock goes: ready again with no tip arriving, then the retry lands.
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
    other.close().await.unwrap();
    wait_for_status(&url, "/readyz", 200).await;
    assert_eq!(metric(&url, "lantern_db_writes_healthy").await, 1.0);
    let mut ledger = load::Ledger::default();
    for (key, marker) in [(&first, "first"), (&second, "second")] {
        ledger.bodies.insert(key.clone(), marker.into());
        ledger.unanswered.insert(key.clone(), marker.into());
    }
    let stored_anyway = ledger.settle(&url, &database, &identity).await;
    assert_eq!(stored_anyway, 1, "only the first was stored before");
}

#[tokio::test]
async fn export_reads_a_database_on_read_only_media() {
    if !can_mount("export_reads_a_database_on_read_only_media") {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let (identity, recipient) = common::key_pair(work.path());
    let widget = common::widget_dir(work.path());
    let client = reqwest::Client::new();
    for stop in ["SIGTERM", "SIGKILL"] {
        let disk = Tmpfs::mount(16);
        let database = sqlite_in(&disk.path);
        let mut server = Server::start(&database, &recipient, &widget, &[]);
        let mut receipts = Vec::new();
        for n in 0..3 {
            match load::post(
                &client,
                &server.url(),
                &common::new_key(),
                &format!("ro{n}"),
            )
            .await
            {
                load::PostOutcome::Created { receipt, .. } => receipts.push(receipt),
                other => panic!("{other:?}"),
            }
        }
        if stop == "SIGTERM" {
            server.stop();
            // A clean stop merges the WAL: the copy is one file.
            let wal = disk.path.join("lantern.db-wal");
            assert!(
                std::fs::metadata(&wal).map_or(true, |m| m.len() == 0),
                "the WAL was not merged at shutdown"
            );
        } else {
            server.kill();
        }
        disk.resize(16);
        let status = std::process::Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&disk.path)
            .status()
            .unwrap();
        assert!(status.success());
        let mut exported = load::exported_receipts(&database, &identity);
        exported.sort();
        receipts.sort();
        assert_eq!(exported, receipts, "after {stop}, from read-only media");
    }
}

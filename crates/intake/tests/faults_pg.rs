//! A 201 is a promise (issue 13), on PostgreSQL: faults injected into a real
//! server under the real binary, under load, the contract checked from
//! outside (see `common::load::Ledger::settle`):
//!
//! - the server crashes and restarts mid-batch (`pg_ctl restart -m immediate`);
//! - the service's connections are dropped (`pg_terminate_backend`);
//! - the table's disk fills up (a tablespace on a small tmpfs), then grows;
//! - a statement runs past `statement_timeout` (the table locked elsewhere);
//! - two `lantern-intake` processes share one database, as behind a load
//!   balancer: one key sent through both gives one row and one receipt.
//!
//! Each test runs a PostgreSQL of its own (scripts/pg.sh), so stopping or
//! filling it disturbs no other test.

mod common;

use std::time::Duration;

use common::fs::{can_mount, Tmpfs};
use common::load::{self, metric, status, wait_for_status, Load, PostOutcome, UNLIMITED};
use common::own_pg::OwnPostgres;
use common::Server;
use sqlx::Connection;

struct Setup {
    _work: tempfile::TempDir,
    identity: std::path::PathBuf,
    recipient: String,
    widget: std::path::PathBuf,
}

fn setup() -> Setup {
    let work = tempfile::tempdir().unwrap();
    let (identity, recipient) = common::key_pair(work.path());
    let widget = common::widget_dir(work.path());
    Setup {
        _work: work,
        identity,
        recipient,
        widget,
    }
}

/// When the PostgreSQL server last started, to prove a restart happened.
async fn postmaster_started(url: &str) -> String {
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    sqlx::query_scalar("SELECT pg_postmaster_start_time()::text")
        .fetch_one(&mut conn)
        .await
        .unwrap()
}

/// Runs each of `statements` on its own (CREATE TABLESPACE may not share a
/// transaction).
async fn admin(url: &str, statements: &[&str]) {
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    for sql in statements {
        sqlx::raw_sql(sql).execute(&mut conn).await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_crash_and_restart_mid_batch_loses_no_acknowledged_tip() {
    let postgres = OwnPostgres::start();
    let s = setup();
    let server = Server::start(&postgres.url, &s.recipient, &s.widget, &UNLIMITED);
    let url = server.url();
    let load = Load::start(std::slice::from_ref(&url), 6, 5_000, Duration::ZERO);
    assert!(
        load.until(Duration::from_secs(60), |l| l.acknowledged.len() >= 100)
            .await
    );
    // A crash: no shutdown checkpoint, in-flight transactions cut.
    let before = postmaster_started(&postgres.url).await;
    postgres.pg_ctl_with("restart", "immediate");
    let recovered_at = load.ledger.lock().unwrap().acknowledged.len() + 100;
    assert!(
        load.until(Duration::from_secs(60), |l| l.acknowledged.len()
            >= recovered_at)
            .await,
        "tips were not taken again after the restart"
    );
    let ledger = load.stop().await;
    let mut ledger = std::mem::take(&mut *ledger.lock().unwrap());
    // The crash happened under load. Whether a request saw it depends on
    // timing: the pool checks a connection before use and waits for the
    // database to come back, so a restart between batches fails nothing.
    assert_ne!(
        postmaster_started(&postgres.url).await,
        before,
        "the database was not restarted"
    );
    let stored_anyway = ledger.settle(&url, &postgres.url, &s.identity).await;
    println!(
        "postgres crash: {} tips acknowledged, {} 503s, {stored_anyway} refused tips had been committed \
         (their COMMIT's answer was lost); every one in the export once",
        ledger.acknowledged.len(),
        ledger.unavailable
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn dropped_connections_lose_no_acknowledged_tip() {
    let postgres = OwnPostgres::start();
    let s = setup();
    let server = Server::start(&postgres.url, &s.recipient, &s.widget, &UNLIMITED);
    let url = server.url();
    let load = Load::start(std::slice::from_ref(&url), 6, 5_000, Duration::ZERO);
    assert!(
        load.until(Duration::from_secs(60), |l| l.acknowledged.len() >= 50)
            .await
    );
    let mut conn = sqlx::PgConnection::connect(&postgres.url).await.unwrap();
    for _ in 0..10 {
        sqlx::query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE application_name = 'lantern-intake' AND pid <> pg_backend_pid()",
        )
        .execute(&mut conn)
        .await
        .unwrap();
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    let after = load.ledger.lock().unwrap().acknowledged.len() + 50;
    assert!(
        load.until(Duration::from_secs(60), |l| l.acknowledged.len() >= after)
            .await
    );
    let ledger = load.stop().await;
    let mut ledger = std::mem::take(&mut *ledger.lock().unwrap());
    assert!(ledger.unavailable > 0, "no batch was cut");
    let stored_anyway = ledger.settle(&url, &postgres.url, &s.identity).await;
    println!(
        "dropped connections: {} acknowledged, {} 503s, {stored_anyway} refused but committed",
        ledger.acknowledged.len(),
        ledger.unavailable
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_full_tablespace_gets_503s_and_recovers_when_it_grows() {
    if !can_mount("a_full_tablespace_gets_503s_and_recovers_when_it_grows") {
        return;
    }
    let postgres = OwnPostgres::start();
    let s = setup();
    let disk = Tmpfs::mount(6);
    let space = disk.path.join("pg");
    std::fs::create_dir(&space).unwrap();
    let owned = std::process::Command::new("chown")
        .args(["postgres:"])
        .arg(&space)
        .status()
        .unwrap();
    assert!(owned.success());
    let server = Server::start(&postgres.url, &s.recipient, &s.widget, &UNLIMITED);
    let url = server.url();
    // The tips, their TOAST and their indexes on the small disk.
    let create = format!("CREATE TABLESPACE small LOCATION '{}'", space.display());
    admin(
        &postgres.url,
        &[
            &create,
            "ALTER TABLE tips SET TABLESPACE small",
            "ALTER INDEX tips_pkey SET TABLESPACE small",
            "ALTER INDEX tips_idem_hash_key SET TABLESPACE small",
            "ALTER INDEX tips_receipt_hash SET TABLESPACE small",
            "ALTER INDEX tips_received_hour SET TABLESPACE small",
        ],
    )
    .await;

    let load = Load::start(std::slice::from_ref(&url), 4, 5_000, Duration::ZERO);
    let filled = load
        .until(Duration::from_secs(180), |l| l.unavailable >= 8)
        .await;
    let ledger = load.stop().await;
    let mut ledger = std::mem::take(&mut *ledger.lock().unwrap());
    assert!(filled, "the tablespace never filled: {ledger:?}");
    assert!(metric(&url, "lantern_db_commit_failures_total").await >= 1.0);

    disk.resize(100);
    let stored_anyway = ledger.settle(&url, &postgres.url, &s.identity).await;
    assert_eq!(
        stored_anyway, 0,
        "a tip refused for want of space was stored"
    );
    assert_eq!(status(&url, "/readyz").await, 200);
    assert_eq!(metric(&url, "lantern_db_writes_healthy").await, 1.0);
    println!(
        "full tablespace: {} acknowledged, {} 503s while full, all in the export",
        ledger.acknowledged.len(),
        ledger.unavailable
    );
    drop(server);
    // The tablespace must go before its tmpfs (CASCADE: the follow-up
    // tables' keys point at tips).
    admin(
        &postgres.url,
        &["DROP TABLE tips CASCADE", "DROP TABLESPACE small"],
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_statement_past_its_timeout_gets_503_and_the_service_recovers() {
    let postgres = OwnPostgres::start();
    let s = setup();
    let server = Server::start(
        &postgres.url,
        &s.recipient,
        &s.widget,
        &["--db-statement-timeout", "500ms"],
    );
    let url = server.url();
    let client = reqwest::Client::new();
    let first = common::new_key();
    assert!(matches!(
        load::post(&client, &url, &first, "first").await,
        PostOutcome::Created { .. }
    ));

    // Someone holds the table (a migration by hand, a long report).
    let mut other = sqlx::PgConnection::connect(&postgres.url).await.unwrap();
    sqlx::raw_sql("BEGIN; LOCK TABLE tips IN ACCESS EXCLUSIVE MODE;")
        .execute(&mut other)
        .await
        .unwrap();
    let second = common::new_key();
    let started = std::time::Instant::now();
    let answer = load::post(&client, &url, &second, "second").await;
    assert!(
        matches!(answer, PostOutcome::Unavailable),
        "while locked: {answer:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5), "no timeout");
    assert_eq!(status(&url, "/readyz").await, 503);
    assert_eq!(metric(&url, "lantern_db_writes_healthy").await, 0.0);

    sqlx::raw_sql("ROLLBACK").execute(&mut other).await.unwrap();
    wait_for_status(&url, "/readyz", 200).await;
    let mut ledger = load::Ledger::default();
    for (key, marker) in [(&first, "first"), (&second, "second")] {
        ledger.bodies.insert(key.clone(), marker.into());
        ledger.unanswered.insert(key.clone(), marker.into());
    }
    assert_eq!(ledger.settle(&url, &postgres.url, &s.identity).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_on_one_database_give_one_row_and_one_receipt_per_key() {
    let postgres = OwnPostgres::start();
    let s = setup();
    let a = Server::start(&postgres.url, &s.recipient, &s.widget, &UNLIMITED);
    let b = Server::start(&postgres.url, &s.recipient, &s.widget, &UNLIMITED);
    let client = reqwest::Client::new();
    let (url_a, url_b) = (a.url(), b.url());
    let mut ledger = load::Ledger::default();
    for n in 0..60 {
        let key = common::new_key();
        let marker = format!("both{n}");
        // The same key through both at once, as a client retrying through
        // a load balancer might.
        let (one, two) = tokio::join!(
            load::post(&client, &url_a, &key, &marker),
            load::post(&client, &url_b, &key, &marker)
        );
        let (
            PostOutcome::Created {
                receipt: r1,
                replayed: p1,
            },
            PostOutcome::Created {
                receipt: r2,
                replayed: p2,
            },
        ) = (one, two)
        else {
            panic!("both instances must take it");
        };
        assert_eq!(r1, r2, "two receipts for one key");
        assert!(p1 ^ p2, "exactly one of the two stored it");
        ledger.bodies.insert(key.clone(), marker);
        ledger.acknowledged.insert(key, r1);
    }
    // Both replay every key, from either side.
    ledger.settle(&url_a, &postgres.url, &s.identity).await;
    ledger.settle(&url_b, &postgres.url, &s.identity).await;
}

//! The storage interface against both back ends, for real: SQLite in a temp
//! dir and the PostgreSQL named by `LANTERN_TEST_PG` (a fresh database per
//! test). The same checks run on each.

mod common;

use std::collections::HashSet;

use lantern_intake::store::{AnyStore, NewRecord, Store};

fn record(n: u64, hour: i64) -> NewRecord {
    let mut idem_hash = [0u8; 32];
    idem_hash[..8].copy_from_slice(&n.to_be_bytes());
    NewRecord {
        id: lantern_intake::store::new_row_id(),
        idem_hash,
        receipt_hash: [n as u8; 32],
        receipt_box: n.to_be_bytes().to_vec(),
        request_mac: [n as u8 ^ 0x5a; 32],
        received_hour: hour,
        partner: n.is_multiple_of(2).then(|| "city-of-x".to_owned()),
        schema_version: 1,
        sealed: format!("sealed {n}").into_bytes(),
    }
}

async fn inserts_are_idempotent(store: &AnyStore) {
    let key = record(1, 3_600).idem_hash;
    assert!(!store.has_idempotency_hash(&key).await.unwrap());
    let first = store.insert(record(1, 3_600)).await.unwrap();
    assert!(first.fresh);
    assert!(store.has_idempotency_hash(&key).await.unwrap());
    assert!(!store
        .has_idempotency_hash(&record(2, 3_600).idem_hash)
        .await
        .unwrap());
    assert_eq!(first.receipt_box, 1u64.to_be_bytes());

    // Same idempotency hash, different everything else: the first row wins.
    let mut retry = record(1, 7_200);
    retry.receipt_box = b"other".to_vec();
    retry.request_mac = [0; 32];
    retry.sealed = b"other".to_vec();
    let second = store.insert(retry).await.unwrap();
    assert!(!second.fresh);
    assert_eq!(second.receipt_box, 1u64.to_be_bytes());
    // The first attempt's fingerprint, for the API to compare with.
    assert_eq!(second.request_mac.as_deref(), Some(&[1u8 ^ 0x5a; 32][..]));

    let rows = store.sealed_since(i64::MIN).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].sealed, b"sealed 1");
    assert_eq!(rows[0].received_hour, 3_600);
    assert_eq!(rows[0].partner, None);
    assert_eq!(rows[0].schema_version, 1);
}

async fn concurrent_inserts_store_each_key_once(store: &AnyStore) {
    // 200 submissions of 50 distinct keys, all at once.
    let tasks: Vec<_> = (0..200u64)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move { store.insert(record(100 + i % 50, 3_600)).await })
        })
        .collect();
    let mut fresh = 0;
    for task in tasks {
        let inserted = task.await.unwrap().unwrap();
        fresh += usize::from(inserted.fresh);
    }
    assert_eq!(fresh, 50);
    let rows = store.sealed_since(i64::MIN).await.unwrap();
    let distinct: HashSet<_> = rows.iter().map(|r| r.sealed.clone()).collect();
    assert_eq!(rows.len(), distinct.len());
    assert_eq!(
        rows.iter()
            .filter(|r| r.sealed.starts_with(b"sealed 1"))
            .count(),
        50
    );
}

async fn since_filters_by_hour_oldest_first(store: &AnyStore) {
    for (n, hour) in [(900, 10 * 3_600), (901, 20 * 3_600), (902, 30 * 3_600)] {
        store.insert(record(n, hour)).await.unwrap();
    }
    let rows = store.sealed_since(20 * 3_600).await.unwrap();
    let sealed: Vec<_> = rows
        .iter()
        .map(|r| String::from_utf8(r.sealed.clone()).unwrap())
        .collect();
    assert_eq!(sealed, ["sealed 901", "sealed 902"]);
    assert_eq!(rows[0].partner, None);
    assert_eq!(rows[1].partner.as_deref(), Some("city-of-x"));
}

async fn the_hash_key_survives_a_reopen(url: &str) {
    let first = AnyStore::open(url).await.unwrap();
    let key = *first.hash_key();
    first.ping().await.unwrap();
    let again = AnyStore::open(url).await.unwrap();
    assert_eq!(*again.hash_key(), key);
    assert_ne!(key, [0u8; 32]);
}

async fn sqlite() -> (tempfile::TempDir, String, AnyStore) {
    let dir = tempfile::tempdir().unwrap();
    let url = common::sqlite_url(dir.path());
    let store = AnyStore::open(&url).await.unwrap();
    (dir, url, store)
}

async fn postgres() -> (String, AnyStore) {
    let url = common::fresh_pg_database().await;
    let store = AnyStore::open(&url).await.unwrap();
    (url, store)
}

#[tokio::test]
async fn sqlite_inserts_are_idempotent() {
    let (_dir, _, store) = sqlite().await;
    inserts_are_idempotent(&store).await;
}

#[tokio::test]
async fn sqlite_concurrent_inserts_store_each_key_once() {
    let (_dir, _, store) = sqlite().await;
    concurrent_inserts_store_each_key_once(&store).await;
}

#[tokio::test]
async fn sqlite_since_filters_by_hour() {
    let (_dir, _, store) = sqlite().await;
    since_filters_by_hour_oldest_first(&store).await;
}

#[tokio::test]
async fn sqlite_hash_key_survives_a_reopen() {
    let (_dir, url, _store) = sqlite().await;
    the_hash_key_survives_a_reopen(&url).await;
}

#[tokio::test]
async fn sqlite_is_in_wal_mode_with_full_sync_and_sound() {
    let (dir, _, store) = sqlite().await;
    store.insert(record(1, 0)).await.unwrap();
    assert!(dir.path().join("lantern.db-wal").exists());
    let AnyStore::Sqlite(sqlite) = &store else {
        unreachable!("opened a sqlite URL")
    };
    assert_eq!(sqlite.integrity_check().await.unwrap(), "ok");
}

/// The writer does no checkpoint of its own: the checkpointer copies the
/// WAL into the database file and, under load that never pauses, has the
/// writer restart it. Were either broken, the WAL would grow by every page
/// committed (275 MB here without the restart, against 51–58 MB with it)
/// or the database file would stay empty.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_checkpoints_keep_the_wal_short_under_load_that_never_pauses() {
    const TIPS: u64 = 12_000;
    const INSERTERS: u64 = 64;
    let (dir, _, store) = sqlite().await;
    let sealed = vec![0x5a; 3_000];
    let tasks: Vec<_> = (0..INSERTERS)
        .map(|task| {
            let (store, sealed) = (store.clone(), sealed.clone());
            tokio::spawn(async move {
                for n in (task..TIPS).step_by(INSERTERS as usize) {
                    let mut tip = record(100_000 + n, 0);
                    tip.sealed = sealed.clone();
                    store.insert(tip).await.unwrap();
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let size = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().len();
    let (wal, main) = (size("lantern.db-wal"), size("lantern.db"));
    println!("after {TIPS} tips: WAL {wal} B, database file {main} B");
    assert!(
        wal < 128 << 20,
        "the WAL grew to {wal} B: it was not restarted"
    );
    // All but the last tenth of a second or so is copied already.
    assert!(
        main > TIPS * 3_000 / 2,
        "the database file holds {main} B of {TIPS} tips of 3 KB: nothing checkpoints"
    );
    assert_eq!(
        store.sealed_since(i64::MIN).await.unwrap().len(),
        TIPS as usize
    );
    let AnyStore::Sqlite(sqlite) = &store else {
        unreachable!("opened a sqlite URL")
    };
    assert_eq!(sqlite.integrity_check().await.unwrap(), "ok");
}

async fn group_commit_shares_one_transaction_among_concurrent_inserts(store: &AnyStore) {
    let tasks: Vec<_> = (0..300u64)
        .map(|n| {
            let store = store.clone();
            tokio::spawn(async move { store.insert(record(5_000 + n, 0)).await })
        })
        .collect();
    for task in tasks {
        assert!(task.await.unwrap().unwrap().fresh);
    }
    let stats = store.writer_stats();
    let (commits, inserts) = (stats.commits, stats.inserts);
    assert!(stats.healthy);
    assert_eq!(stats.failed_commits, 0);
    assert_eq!(inserts, 300);
    // Each commit syncs to disk; while one syncs the next batch gathers.
    assert!(commits < inserts, "{commits} commits for {inserts} inserts");
    println!("group commit: {inserts} inserts in {commits} commits");
    assert_eq!(store.sealed_since(i64::MIN).await.unwrap().len(), 300);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_group_commit_shares_one_transaction_among_concurrent_inserts() {
    let (_dir, _, store) = sqlite().await;
    group_commit_shares_one_transaction_among_concurrent_inserts(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_group_commit_shares_one_transaction_among_concurrent_inserts() {
    let (_, store) = postgres().await;
    group_commit_shares_one_transaction_among_concurrent_inserts(&store).await;
}

#[tokio::test]
async fn postgres_reconnects_after_its_connections_are_killed() {
    let (url, store) = postgres().await;
    store.insert(record(1, 0)).await.unwrap();
    // What a server restart does to the pool: every session ends.
    use sqlx::Connection;
    let mut admin = sqlx::PgConnection::connect(&common::pg_url())
        .await
        .unwrap();
    let database = url.rsplit('/').next().unwrap();
    sqlx::query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = $1 AND pid <> pg_backend_pid()",
    )
    .bind(database)
    .execute(&mut admin)
    .await
    .unwrap();
    store.ping().await.expect("ready again without a restart");
    store.insert(record(2, 0)).await.unwrap();
    assert_eq!(store.sealed_since(i64::MIN).await.unwrap().len(), 2);
}

/// Tips inserted one after another, read back in the order of their ids:
/// with ids in arrival order, row n would be the nth tip.
async fn row_ids_do_not_follow_arrival<F>(store: &AnyStore, ids_in_order: F)
where
    F: std::future::Future<Output = Vec<Vec<u8>>>,
{
    for n in 0..20 {
        store.insert(record(7_000 + n, 0)).await.unwrap();
    }
    let by_id = ids_in_order.await;
    let arrival: Vec<Vec<u8>> = (0..20)
        .map(|n| format!("sealed {}", 7_000 + n).into_bytes())
        .collect();
    assert_eq!(by_id.len(), 20);
    assert_ne!(by_id, arrival, "row ids follow the order tips arrived in");
}

#[tokio::test]
async fn sqlite_row_ids_do_not_follow_arrival() {
    let (_dir, url, store) = sqlite().await;
    let read = async {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        sqlx::query_scalar("SELECT sealed FROM tips ORDER BY id")
            .fetch_all(&mut conn)
            .await
            .unwrap()
    };
    row_ids_do_not_follow_arrival(&store, read).await;
}

#[tokio::test]
async fn postgres_row_ids_do_not_follow_arrival() {
    let (url, store) = postgres().await;
    let read = async {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
        sqlx::query_scalar("SELECT sealed FROM tips ORDER BY id")
            .fetch_all(&mut conn)
            .await
            .unwrap()
    };
    row_ids_do_not_follow_arrival(&store, read).await;
}

#[tokio::test]
async fn unknown_database_urls_are_refused() {
    assert!(AnyStore::open("mysql://localhost/x").await.is_err());
}

#[tokio::test]
async fn postgres_inserts_are_idempotent() {
    let (_, store) = postgres().await;
    inserts_are_idempotent(&store).await;
}

#[tokio::test]
async fn postgres_concurrent_inserts_store_each_key_once() {
    let (_, store) = postgres().await;
    concurrent_inserts_store_each_key_once(&store).await;
}

#[tokio::test]
async fn postgres_since_filters_by_hour() {
    let (_, store) = postgres().await;
    since_filters_by_hour_oldest_first(&store).await;
}

#[tokio::test]
async fn postgres_hash_key_survives_a_reopen() {
    let (url, _store) = postgres().await;
    the_hash_key_survives_a_reopen(&url).await;
}

#[tokio::test]
async fn a_postgres_backed_service_seals_stores_and_replays() {
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    let (_, store) = postgres().await;
    let dir = tempfile::tempdir().unwrap();
    let (identity, recipient) = common::key_pair(dir.path());
    let state = lantern_intake::AppState::new(
        store.clone(),
        lantern_intake::seal::Sealer::new(&[recipient]).unwrap(),
        lantern_intake::page::WidgetPage::load(&common::widget_dir(dir.path()), None).unwrap(),
        lantern_intake::Settings {
            allow_origins: Vec::new(),
            rate_limit: common::NO_LIMIT,
            ..lantern_intake::Settings::default()
        },
    )
    .unwrap();
    let router = lantern_intake::app(state);
    let key = common::new_key();
    let mut receipts = Vec::new();
    for _ in 0..2 {
        let response = router
            .clone()
            .oneshot(
                Request::post("/v1/tips")
                    .header("host", "intake.test")
                    .header("content-type", "application/json")
                    .header("idempotency-key", &key)
                    .body(Body::from(common::full_tip("Pg").to_string()))
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        receipts.push(body["receipt"].as_str().unwrap().to_owned());
    }
    assert_eq!(receipts[0], receipts[1]);
    let rows = store.sealed_since(i64::MIN).await.unwrap();
    assert_eq!(rows.len(), 1);
    let opener = lantern_intake::seal::Opener::from_file(&identity).unwrap();
    let opened: serde_json::Value =
        serde_json::from_slice(&opener.open(&rows[0].sealed).unwrap()).unwrap();
    assert_eq!(opened["receipt"], receipts[0].as_str());
    assert_eq!(opened["tip"], common::canonical(&common::full_tip("Pg")));
}

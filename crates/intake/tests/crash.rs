//! Crash safety of the real binary: tips are submitted concurrently while the
//! server is killed with SIGKILL at a random moment, then it is restarted.
//! After every cycle: the database passes `PRAGMA integrity_check`, every
//! acknowledged receipt is in the export, retrying the unacknowledged tips
//! with their idempotency keys stores each exactly once, and retrying the
//! acknowledged ones returns their receipts.
//!
//! `LANTERN_CRASH_CYCLES=N` sets the number of cycles (default 3; the long
//! run in docs/operations.md uses 100).

mod common;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{full_tip, new_key, Server};
use lantern_intake::store::AnyStore;
use rand::Rng;

/// Concurrent submitters per cycle.
const CLIENTS: usize = 8;

#[derive(Default)]
struct Ledger {
    /// Idempotency key -> receipt, for every 201 received.
    acknowledged: HashMap<String, String>,
    /// Keys sent without an answer (the server died first), with the marker
    /// of their body: a retry must send the same tip.
    unanswered: HashMap<String, String>,
    /// The marker of every acknowledged key's body, for replays.
    bodies: HashMap<String, String>,
}

async fn post(client: &reqwest::Client, url: &str, key: &str, marker: &str) -> Option<Ack> {
    let response = client
        .post(format!("{url}/v1/tips"))
        .header("idempotency-key", key)
        .json(&full_tip(marker))
        .send()
        .await
        .ok()?;
    if response.status() != 201 {
        return None;
    }
    let replayed = response.headers().contains_key("idempotent-replayed");
    let body: serde_json::Value = response.json().await.ok()?;
    Some(Ack {
        receipt: body["receipt"].as_str()?.to_owned(),
        replayed,
    })
}

/// A 201: the receipt, and whether the key had been stored before.
struct Ack {
    receipt: String,
    replayed: bool,
}

/// Each client submits tips with fresh keys until the server stops answering.
async fn submit_until_killed(
    url: String,
    ledger: Arc<Mutex<Ledger>>,
    cycle: usize,
    client_no: usize,
) {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    for n in 0.. {
        let key = new_key();
        let marker = format!("C{cycle}x{client_no}x{n}");
        {
            let mut ledger = ledger.lock().unwrap();
            ledger.unanswered.insert(key.clone(), marker.clone());
            ledger.bodies.insert(key.clone(), marker.clone());
        }
        match post(&client, &url, &key, &marker).await {
            Some(ack) => {
                let mut ledger = ledger.lock().unwrap();
                ledger.unanswered.remove(&key);
                ledger.acknowledged.insert(key, ack.receipt);
            }
            None => return,
        }
    }
}

fn exported_receipts(database: &str, identity: &std::path::Path) -> Vec<String> {
    common::export(database, identity, &[])
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            value["receipt"].as_str().unwrap().to_owned()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_tips_survive_sigkill_and_retries_never_duplicate() {
    let cycles: usize = std::env::var("LANTERN_CRASH_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let work = tempfile::tempdir().unwrap();
    let (identity, recipient) = common::key_pair(work.path());
    let widget = common::widget_dir(work.path());
    let database = common::sqlite_url(work.path());
    let server_args = [
        "--rate-limit-burst",
        "1000000",
        "--rate-limit-per-minute",
        "1000000",
    ];
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let mut interrupted_total = 0;
    let mut committed_unanswered = 0;

    for cycle in 0..cycles {
        let mut server = Server::start(&database, &recipient, &widget, &server_args);
        let clients: Vec<_> = (0..CLIENTS)
            .map(|n| {
                tokio::spawn(submit_until_killed(
                    server.url(),
                    Arc::clone(&ledger),
                    cycle,
                    n,
                ))
            })
            .collect();
        // Kill mid-stream: once tips are flowing, at a random moment.
        let acknowledged_before = ledger.lock().unwrap().acknowledged.len();
        let flowing = tokio::time::Instant::now();
        while ledger.lock().unwrap().acknowledged.len() == acknowledged_before
            && flowing.elapsed() < Duration::from_secs(20)
        {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let delay = rand::thread_rng().gen_range(0..700);
        tokio::time::sleep(Duration::from_millis(delay)).await;
        server.kill();
        for client in clients {
            client.await.unwrap();
        }

        // The database as the crash left it.
        let store = AnyStore::open(&database).await.unwrap();
        let AnyStore::Sqlite(sqlite) = &store else {
            unreachable!("a sqlite URL")
        };
        assert_eq!(
            sqlite.integrity_check().await.unwrap(),
            "ok",
            "cycle {cycle}"
        );
        drop(store);
        let snapshot: Vec<(String, String)> = ledger
            .lock()
            .unwrap()
            .acknowledged
            .iter()
            .map(|(k, r)| (k.clone(), r.clone()))
            .collect();

        // Restart; retry what was never answered, and replay some that were
        // (a lost row would come back with a new receipt).
        let server = Server::start(&database, &recipient, &widget, &server_args);
        let client = reqwest::Client::new();
        let unanswered: Vec<(String, String)> = ledger.lock().unwrap().unanswered.drain().collect();
        interrupted_total += unanswered.len();
        for (key, marker) in unanswered {
            let ack = post(&client, &server.url(), &key, &marker)
                .await
                .expect("a retry after restart is accepted");
            // Committed before the kill, but the answer never left.
            committed_unanswered += usize::from(ack.replayed);
            ledger.lock().unwrap().acknowledged.insert(key, ack.receipt);
        }
        for (key, receipt) in snapshot.iter().take(20) {
            let marker = ledger.lock().unwrap().bodies[key].clone();
            let again = post(&client, &server.url(), key, &marker).await.unwrap();
            assert!(
                again.replayed,
                "cycle {cycle}: an acknowledged tip was stored again"
            );
            assert_eq!(
                &again.receipt, receipt,
                "cycle {cycle}: a replay changed the receipt"
            );
        }
        drop(server);

        let receipts = exported_receipts(&database, &identity);
        let distinct: HashSet<&String> = receipts.iter().collect();
        let ledger = ledger.lock().unwrap();
        assert_eq!(
            distinct.len(),
            receipts.len(),
            "cycle {cycle}: a tip is stored twice"
        );
        assert_eq!(
            receipts.len(),
            ledger.acknowledged.len(),
            "cycle {cycle}: stored rows != distinct keys acknowledged"
        );
        for receipt in ledger.acknowledged.values() {
            assert!(
                distinct.contains(receipt),
                "cycle {cycle}: acknowledged {receipt} lost"
            );
        }
        println!(
            "cycle {cycle}: {} stored, integrity ok, no duplicates",
            receipts.len()
        );
    }
    let total = ledger.lock().unwrap().acknowledged.len();
    println!(
        "crash test: {cycles} cycles, {total} tips acknowledged, {interrupted_total} in flight at a kill and retried \
         ({committed_unanswered} of them had been committed before the kill)"
    );
    assert!(total > 0);
}

//! PostgreSQL restarted under a running service: `/readyz` turns 503 while the
//! database is down, submissions get 503 (nothing stored, retry later), and
//! once it is back the service is ready again by itself and every
//! acknowledged tip is there. Uses a PostgreSQL of its own (scripts/pg.sh), so
//! stopping it disturbs no other test.

mod common;

use std::time::{Duration, Instant};

use common::own_pg::OwnPostgres;
use common::{full_tip, new_key, Server};

async fn status(client: &reqwest::Client, url: &str, path: &str) -> u16 {
    match client.get(format!("{url}{path}")).send().await {
        Ok(response) => response.status().as_u16(),
        Err(_) => 0,
    }
}

async fn submit(client: &reqwest::Client, url: &str, key: &str) -> (u16, Option<String>) {
    let response = client
        .post(format!("{url}/v1/tips"))
        .header("idempotency-key", key)
        .json(&full_tip("Restart"))
        .send()
        .await
        .unwrap();
    let code = response.status().as_u16();
    let body: serde_json::Value = response.json().await.unwrap();
    (code, body["receipt"].as_str().map(str::to_owned))
}

async fn wait_for(client: &reqwest::Client, url: &str, path: &str, want: u16) {
    let started = Instant::now();
    while status(client, url, path).await != want {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{path} never answered {want}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn the_service_recovers_by_itself_when_postgres_restarts() {
    let postgres = OwnPostgres::start();
    let work = tempfile::tempdir().unwrap();
    let (identity, recipient) = common::key_pair(work.path());
    let widget = common::widget_dir(work.path());
    let server = Server::start(&postgres.url, &recipient, &widget, &[]);
    let url = server.url();
    let client = reqwest::Client::new();

    let (code, before) = submit(&client, &url, &new_key()).await;
    assert_eq!(code, 201);
    assert_eq!(status(&client, &url, "/readyz").await, 200);

    postgres.pg_ctl("stop");
    wait_for(&client, &url, "/readyz", 503).await;
    let pending = new_key();
    let (code, receipt) = submit(&client, &url, &pending).await;
    assert_eq!(
        code, 503,
        "nothing can be stored while the database is down"
    );
    assert_eq!(receipt, None);
    assert_eq!(status(&client, &url, "/healthz").await, 200);

    postgres.pg_ctl("start");
    wait_for(&client, &url, "/readyz", 200).await;
    let (code, after) = submit(&client, &url, &pending).await;
    assert_eq!(code, 201, "the retry with the same key is taken");

    let exported = common::export(&postgres.url, &identity, &[]);
    let receipts: Vec<String> = exported
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["receipt"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    // Ids are random (they must not give the order tips came in), so the
    // export is in no particular order within an hour.
    let mut receipts = receipts;
    receipts.sort();
    let mut expected = [before.unwrap(), after.unwrap()];
    expected.sort();
    assert_eq!(receipts, expected);
    let log = server.output();
    assert!(log.contains("database writes fail"), "{log}");
    assert!(log.contains("database writes work again"), "{log}");
}

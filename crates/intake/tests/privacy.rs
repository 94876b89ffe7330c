//! The privacy audit of the real binary: tips go over a real socket from a
//! distinctive loopback address, with a distinctive User-Agent, Referer and
//! X-Forwarded-For, and a marker in every free-text field. Then every byte
//! the service wrote (database, WAL, shared memory, logs) is searched for all
//! of them. The markers must appear only after decrypting with the identity.

mod common;

use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;

use common::{full_tip, new_key, planted, Server};

/// The client's own address: loopback, but not the server's 127.0.0.1.
const CLIENT_IP: Ipv4Addr = Ipv4Addr::new(127, 83, 91, 17);
const USER_AGENT: &str = "LanternPrivacyProbe/9.1 (ua-marker-Zq81)";
const REFERER: &str = "https://referrer-marker-Wx42.example/partner/page?visitor=Kd93";
const FORWARDED_FOR: &str = "198.51.100.203";
const MARKER: &str = "PRIVMARK7Hq";

/// What must never be found in anything the service wrote.
fn secrets() -> Vec<(String, Vec<u8>)> {
    let mut needles: Vec<(String, Vec<u8>)> = [
        CLIENT_IP.to_string(),
        USER_AGENT.to_owned(),
        "ua-marker-Zq81".to_owned(),
        REFERER.to_owned(),
        "referrer-marker-Wx42".to_owned(),
        FORWARDED_FOR.to_owned(),
        MARKER.to_owned(),
        MARKER.to_lowercase(),
    ]
    .into_iter()
    .chain(planted(MARKER))
    .map(|text| (text.clone(), text.into_bytes()))
    .collect();
    needles.push((
        "client IP as raw bytes".to_owned(),
        CLIENT_IP.octets().to_vec(),
    ));
    needles.push((
        "X-Forwarded-For as raw bytes".to_owned(),
        [198u8, 51, 100, 203].to_vec(),
    ));
    needles
}

fn hits(haystack: &[u8]) -> Vec<String> {
    secrets()
        .into_iter()
        .filter(|(_, needle)| {
            haystack
                .windows(needle.len())
                .any(|w| w == needle.as_slice())
        })
        .map(|(name, _)| name)
        .collect()
}

/// Every file under `dir` (the database and whatever SQLite put beside it).
fn scan_dir(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            for hit in hits(&std::fs::read(&path).unwrap()) {
                found.push(format!("{}: {hit}", path.display()));
            }
        }
    }
    found
}

async fn submit(client: &reqwest::Client, url: &str, body: String, content_type: &str) -> u16 {
    client
        .post(format!("{url}/v1/tips"))
        .header("content-type", content_type)
        .header("idempotency-key", new_key())
        .header("referer", REFERER)
        .header("x-forwarded-for", FORWARDED_FOR)
        .header("x-real-ip", FORWARDED_FOR)
        .header("forwarded", format!("for={FORWARDED_FOR}"))
        .body(body)
        .send()
        .await
        .expect("request reaches the server")
        .status()
        .as_u16()
}

#[tokio::test]
async fn nothing_the_service_writes_identifies_the_sender_or_reveals_the_tip() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let (identity, recipient) = common::key_pair(work.path());
    let widget = common::widget_dir(work.path());
    let database = common::sqlite_url(&data);
    // Trusting a forwarding header exercises the code that reads it.
    let mut server = Server::start(
        &database,
        &recipient,
        &widget,
        &[
            "--client-ip-header",
            "x-forwarded-for",
            "--trusted-proxy",
            "127.0.0.0/8",
            "--rate-limit-burst",
            "100",
        ],
    );
    let url = server.url();
    let client = reqwest::Client::builder()
        .local_address(IpAddr::V4(CLIENT_IP))
        .user_agent(USER_AGENT)
        .build()
        .unwrap();

    let tip = full_tip(MARKER);
    for _ in 0..5 {
        assert_eq!(
            submit(&client, &url, tip.to_string(), "application/json").await,
            201
        );
    }
    // Refusals must not leak either: a rule broken, an unknown field, not
    // JSON, the wrong type, the wrong content type.
    let mut rule = tip.clone();
    rule["contact"]["email"] = serde_json::json!(format!("{MARKER}-not-an-email"));
    assert_eq!(
        submit(&client, &url, rule.to_string(), "application/json").await,
        422
    );
    let mut unknown = tip.clone();
    unknown[format!("{MARKER}-field")] = serde_json::json!(MARKER);
    assert_eq!(
        submit(&client, &url, unknown.to_string(), "application/json").await,
        422
    );
    let mut wrong = tip.clone();
    wrong["when"]["ongoing"] = serde_json::json!(format!("{MARKER}-ongoing"));
    assert_eq!(
        submit(&client, &url, wrong.to_string(), "application/json").await,
        422
    );
    let broken = format!("{{\"narrative\": \"{MARKER}-broken");
    assert_eq!(submit(&client, &url, broken, "application/json").await, 400);
    assert_eq!(
        submit(&client, &url, tip.to_string(), "text/plain").await,
        415
    );
    let page = client
        .get(format!("{url}/?partner=city-of-x"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);

    drop(client);
    // While running: the WAL holds the fresh commits.
    let running = scan_dir(&data);
    server.stop();
    let stopped = scan_dir(&data);
    let logs = server.output();
    assert!(
        logs.lines()
            .any(|line| line.contains(" request ") && line.contains("route=/ ")),
        "the access log was captured:\n{logs}"
    );
    // No line per tip: a line's time, or only its place among the others,
    // would time and order the tips (they are counted in /metrics instead).
    let tip_lines: Vec<&str> = logs
        .lines()
        .filter(|line| line.contains("/v1/tips") || line.contains("POST"))
        .collect();
    assert!(
        tip_lines.is_empty(),
        "tip submissions were logged one by one: {tip_lines:#?}"
    );
    let in_logs = hits(logs.as_bytes());

    assert!(running.is_empty(), "found while running: {running:?}");
    assert!(stopped.is_empty(), "found after stopping: {stopped:?}");
    assert!(in_logs.is_empty(), "found in the logs: {in_logs:?}\n{logs}");

    // The tips are there, readable only with the identity.
    let exported = common::export(&database, &identity, &[]);
    let lines: Vec<&str> = exported.lines().collect();
    assert_eq!(lines.len(), 5);
    for text in planted(MARKER) {
        assert!(exported.contains(&text), "{text} not in the export");
    }
    // Not even the exact arrival time is in clear: only the hour.
    use lantern_intake::store::Store;
    let store = lantern_intake::store::AnyStore::open(&database)
        .await
        .unwrap();
    for row in store.sealed_since(i64::MIN).await.unwrap() {
        assert_eq!(row.received_hour % 3_600, 0);
    }
}

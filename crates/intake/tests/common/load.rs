//! Load with a ledger, for the fault tests: clients post tips with fresh
//! idempotency keys while a fault is injected, and every answer is written
//! down. Afterwards [`Ledger::settle`] checks the contract from outside:
//! every 201's receipt is in the export, retries with the same key and the
//! same body never duplicate, and nothing unacknowledged was half-stored.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{full_tip, new_key};

/// A tip of about 5 KB (the narrative near its cap), marked with `marker`.
pub fn big_tip(marker: &str) -> serde_json::Value {
    let mut tip = full_tip(marker);
    let filler = "They work long hours and are not paid. ".repeat(110);
    tip["narrative"] = format!("{marker}: {filler}")
        .chars()
        .take(4_500)
        .collect::<String>()
        .into();
    tip
}

/// What the clients saw.
#[derive(Debug, Default)]
pub struct Ledger {
    /// Idempotency key -> receipt, for every 201.
    pub acknowledged: HashMap<String, String>,
    /// Key -> marker of its body, for every tip without a 201 yet (a 503,
    /// or no answer at all).
    pub unanswered: HashMap<String, String>,
    /// Key -> marker of every tip ever sent (to retry with the same body).
    pub bodies: HashMap<String, String>,
    /// 503s received, every one with `Retry-After` and code `unavailable`.
    pub unavailable: usize,
    /// Requests that got no HTTP answer (connection refused or reset).
    pub no_answer: usize,
    /// Anything else (a bug): status and body.
    pub unexpected: Vec<(u16, String)>,
}

/// One POST's outcome.
#[derive(Debug)]
pub enum PostOutcome {
    /// 201: the receipt, and whether the key had been stored before.
    Created { receipt: String, replayed: bool },
    /// 503 with `Retry-After` and `{"errors":[{"code":"unavailable"}]}`.
    Unavailable,
    /// No HTTP answer.
    Silence,
    /// Any other status.
    Other(u16, String),
}

/// Posts the tip for `marker` under `key`.
pub async fn post(client: &reqwest::Client, url: &str, key: &str, marker: &str) -> PostOutcome {
    let response = match client
        .post(format!("{url}/v1/tips"))
        .header("idempotency-key", key)
        .json(&big_tip(marker))
        .send()
        .await
    {
        Ok(response) => response,
        Err(_) => return PostOutcome::Silence,
    };
    let status = response.status().as_u16();
    let replayed = response.headers().contains_key("idempotent-replayed");
    let retry_after = response.headers().get("retry-after").is_some();
    let Ok(text) = response.text().await else {
        return PostOutcome::Silence;
    };
    let body: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    match status {
        201 => match body["receipt"].as_str() {
            Some(receipt) => PostOutcome::Created {
                receipt: receipt.to_owned(),
                replayed,
            },
            None => PostOutcome::Other(status, text),
        },
        503 if retry_after && body["errors"][0]["code"] == "unavailable" => {
            PostOutcome::Unavailable
        }
        _ => PostOutcome::Other(status, text),
    }
}

/// Clients posting until told to stop.
pub struct Load {
    /// What they saw so far.
    pub ledger: Arc<Mutex<Ledger>>,
    stop: Arc<AtomicBool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Load {
    /// Starts `clients` clients posting to each of `urls` in turn, each
    /// with at most `max_each` tips, pausing `pause` between tips.
    pub fn start(urls: &[String], clients: usize, max_each: usize, pause: Duration) -> Load {
        let ledger = Arc::new(Mutex::new(Ledger::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let tasks = (0..clients)
            .map(|n| {
                let url = urls[n % urls.len()].clone();
                let ledger = Arc::clone(&ledger);
                let stop = Arc::clone(&stop);
                tokio::spawn(async move {
                    let client = reqwest::Client::builder()
                        .timeout(Duration::from_secs(20))
                        .build()
                        .unwrap();
                    for i in 0..max_each {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        let key = new_key();
                        let marker = format!("L{n}x{i}");
                        {
                            let mut ledger = ledger.lock().unwrap();
                            ledger.bodies.insert(key.clone(), marker.clone());
                            ledger.unanswered.insert(key.clone(), marker.clone());
                        }
                        let answer = post(&client, &url, &key, &marker).await;
                        ledger.lock().unwrap().record(&key, answer);
                        if !pause.is_zero() {
                            tokio::time::sleep(pause).await;
                        }
                    }
                })
            })
            .collect();
        Load {
            ledger,
            stop,
            tasks,
        }
    }

    /// Waits until `done(ledger)` holds, at most `limit`.
    pub async fn until(&self, limit: Duration, done: impl Fn(&Ledger) -> bool) -> bool {
        let started = Instant::now();
        while started.elapsed() < limit {
            if done(&self.ledger.lock().unwrap()) {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        false
    }

    /// Stops the clients and waits for them.
    pub async fn stop(self) -> Arc<Mutex<Ledger>> {
        self.stop.store(true, Ordering::Relaxed);
        for task in self.tasks {
            task.await.unwrap();
        }
        self.ledger
    }
}

impl Ledger {
    /// Writes down one answer.
    pub fn record(&mut self, key: &str, answer: PostOutcome) {
        match answer {
            PostOutcome::Created { receipt, .. } => {
                self.unanswered.remove(key);
                self.acknowledged.insert(key.to_owned(), receipt);
            }
            PostOutcome::Unavailable => self.unavailable += 1,
            PostOutcome::Silence => self.no_answer += 1,
            PostOutcome::Other(status, body) => self.unexpected.push((status, body)),
        }
    }

    /// After the fault has gone: retries every unanswered tip with its key
    /// and body until it is taken, replays every acknowledged one (same
    /// receipt, marked replayed), then checks the export holds exactly one
    /// row per acknowledged key, every receipt among them.
    ///
    /// Returns how many unanswered tips had in fact been stored (a replay
    /// on retry: the commit happened but its answer was lost).
    pub async fn settle(&mut self, url: &str, database: &str, identity: &Path) -> usize {
        assert!(
            self.unexpected.is_empty(),
            "answers that are neither 201 nor a proper 503: {:?}",
            &self.unexpected[..self.unexpected.len().min(3)]
        );
        let client = reqwest::Client::new();
        let mut stored_unanswered = 0;
        let unanswered: Vec<(String, String)> = self.unanswered.drain().collect();
        for (key, marker) in unanswered {
            let started = Instant::now();
            loop {
                match post(&client, url, &key, &marker).await {
                    PostOutcome::Created { receipt, replayed } => {
                        stored_unanswered += usize::from(replayed);
                        self.acknowledged.insert(key, receipt);
                        break;
                    }
                    other => assert!(
                        started.elapsed() < Duration::from_secs(30),
                        "a retry after the fault is still refused: {other:?}"
                    ),
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        for (key, receipt) in &self.acknowledged {
            match post(&client, url, key, &self.bodies[key]).await {
                PostOutcome::Created {
                    receipt: again,
                    replayed: true,
                } => assert_eq!(&again, receipt, "a replay changed the receipt"),
                other => panic!("an acknowledged tip did not replay: {other:?}"),
            }
        }
        let receipts = exported_receipts(database, identity);
        let distinct: HashSet<&String> = receipts.iter().collect();
        assert_eq!(distinct.len(), receipts.len(), "a tip is stored twice");
        for receipt in self.acknowledged.values() {
            assert!(
                distinct.contains(receipt),
                "acknowledged tip {receipt} is not in the export"
            );
        }
        assert_eq!(
            receipts.len(),
            self.acknowledged.len(),
            "rows stored that no 201 or retry accounts for"
        );
        stored_unanswered
    }
}

/// The receipts `export` finds.
pub fn exported_receipts(database: &str, identity: &Path) -> Vec<String> {
    super::export(database, identity, &[])
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            value["receipt"].as_str().unwrap().to_owned()
        })
        .collect()
}

/// The service's `/metrics` value of `name` (an unlabelled sample).
pub async fn metric(url: &str, name: &str) -> f64 {
    let text = reqwest::get(format!("{url}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find_map(|line| line.strip_prefix(&format!("{name} ")))
        .unwrap_or_else(|| panic!("/metrics has no {name}"))
        .trim()
        .parse()
        .unwrap()
}

/// The status `GET path` answers (0: no answer).
pub async fn status(url: &str, path: &str) -> u16 {
    match reqwest::get(format!("{url}{path}")).await {
        Ok(response) => response.status().as_u16(),
        Err(_) => 0,
    }
}

/// Waits until `GET path` answers `want`, at most 30 s.
pub async fn wait_for_status(url: &str, path: &str, want: u16) {
    let started = Instant::now();
    loop {
        let got = status(url, path).await;
        if got == want {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{path} answered {got}, never {want}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Server flags that lift the rate limit, for load.
pub const UNLIMITED: [&str; 4] = [
    "--rate-limit-burst",
    "1000000",
    "--rate-limit-per-minute",
    "1000000",
];

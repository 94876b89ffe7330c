//! Load generators for `POST /v1/tips`.
//!
//! - [`open_loop`] sends at a fixed rate whatever happens to earlier
//!   requests, and measures each latency from the request's *intended* send
//!   time. A slow server therefore shows up as latency (queueing included)
//!   instead of as a silently lower send rate: no coordinated omission.
//! - [`saturate`] keeps many connections busy back to back to find the most
//!   tips per second the server completes.
//!
//! Every loop is bounded both in count and in time.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use rand::RngCore;
use tokio::sync::{mpsc, Semaphore};

use crate::stats::Latencies;
use crate::tipgen;

/// How long one request may take before it counts as an error.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Most requests the open loop keeps in flight (each holds a connection and
/// a file descriptor). Beyond it a due request is not sent and counts as an
/// error, so an overloaded server still shows up in the figures.
pub const MAX_IN_FLIGHT: usize = 4_000;

/// Distinct bodies cycled through (each request still gets its own key).
const BODIES: u64 = 256;

/// What a run of either generator measured.
#[derive(Debug, Clone)]
pub struct LoadReport {
    /// Requests sent.
    pub sent: u64,
    /// Answered 201 Created.
    pub ok: u64,
    /// Anything else, by kind (`status 429`, `timeout`, `connect`, …).
    pub errors: BTreeMap<String, u64>,
    /// From the first intended send to the last answer.
    pub elapsed: Duration,
    /// Latencies of the 201s (open loop: from intended send).
    pub latencies_ms: Latencies,
}

impl LoadReport {
    /// 201s per second over the run.
    pub fn ok_per_second(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// The errors as `kind×n, …`, or `none`.
    pub fn error_summary(&self) -> String {
        if self.errors.is_empty() {
            return "none".into();
        }
        self.errors
            .iter()
            .map(|(kind, n)| format!("{kind}×{n}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The shared pieces of a request: client, URL, bodies.
#[derive(Debug, Clone)]
pub struct Target {
    client: reqwest::Client,
    url: Arc<str>,
    bodies: Arc<Vec<Bytes>>,
}

impl Target {
    /// A target for `base` (`http://127.0.0.1:PORT`), with an HTTP/1.1
    /// client whose pool keeps every connection it opens.
    pub fn new(base: &str) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .http1_only()
            .pool_max_idle_per_host(usize::MAX)
            .timeout(REQUEST_TIMEOUT)
            .tcp_nodelay(true)
            .build()?;
        let bodies = (0..BODIES)
            .map(|n| Bytes::from(tipgen::tip_json(n)))
            .collect();
        Ok(Self {
            client,
            url: format!("{base}/v1/tips").into(),
            bodies: Arc::new(bodies),
        })
    }

    /// Sends tip `n` with a fresh random idempotency key; `Ok` for 201.
    async fn send(&self, n: u64) -> Result<(), String> {
        let mut key = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut key);
        let body = self.bodies[(n % BODIES) as usize].clone();
        let answer = self
            .client
            .post(&*self.url)
            .header("content-type", "application/json")
            .header("idempotency-key", hex::encode(key))
            .body(body)
            .send()
            .await;
        match answer {
            Ok(response) => {
                let status = response.status();
                // Read the body so the connection goes back to the pool.
                let _ = response.bytes().await;
                if status == reqwest::StatusCode::CREATED {
                    Ok(())
                } else {
                    Err(format!("status {}", status.as_u16()))
                }
            }
            Err(e) if e.is_timeout() => Err("timeout".into()),
            Err(e) if e.is_connect() => Err("connect".into()),
            Err(_) => Err("transport".into()),
        }
    }
}

struct Outcome {
    latency: Duration,
    done: Instant,
    result: Result<(), String>,
}

fn report(sent: u64, start: Instant, outcomes: Vec<Outcome>) -> LoadReport {
    let mut errors = BTreeMap::new();
    let mut latencies = Latencies::default();
    let mut last = start;
    for outcome in outcomes {
        last = last.max(outcome.done);
        match outcome.result {
            Ok(()) => latencies.record(outcome.latency),
            Err(kind) => *errors.entry(kind).or_insert(0) += 1,
        }
    }
    LoadReport {
        sent,
        ok: latencies.len(),
        errors,
        elapsed: last.saturating_duration_since(start),
        latencies_ms: latencies,
    }
}

/// Sends `rate` tips per second for `duration`, each at its scheduled
/// instant regardless of earlier answers, and waits for every answer (each
/// bounded by [`REQUEST_TIMEOUT`]).
pub async fn open_loop(target: &Target, rate: f64, duration: Duration) -> LoadReport {
    let total = (rate * duration.as_secs_f64()).round().max(1.0) as u64;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let in_flight = Arc::new(Semaphore::new(MAX_IN_FLIGHT));
    let start = Instant::now() + Duration::from_millis(20);
    for n in 0..total {
        let intended = start + Duration::from_secs_f64(n as f64 / rate);
        // Timer granularity is about 1 ms: requests due within the same tick
        // leave together, and the wait counts in their latency.
        tokio::time::sleep_until(intended.into()).await;
        let Ok(permit) = in_flight.clone().try_acquire_owned() else {
            let _ = tx.send(Outcome {
                latency: Duration::ZERO,
                done: Instant::now(),
                result: Err(format!("not sent: {MAX_IN_FLIGHT} in flight")),
            });
            continue;
        };
        let target = target.clone();
        let tx = tx.clone();
        tokio::spawn(async move {
            let result = target.send(n).await;
            drop(permit);
            let done = Instant::now();
            let _ = tx.send(Outcome {
                latency: done.saturating_duration_since(intended),
                done,
                result,
            });
        });
    }
    drop(tx);
    let mut outcomes = Vec::with_capacity(total as usize);
    while let Some(outcome) = rx.recv().await {
        outcomes.push(outcome);
    }
    report(total, start, outcomes)
}

/// Keeps `connections` requests in flight back to back for `warmup` (not
/// counted) and then `duration` (counted); latency is from each send.
pub async fn saturate(
    target: &Target,
    connections: usize,
    warmup: Duration,
    duration: Duration,
) -> LoadReport {
    let begin = Instant::now();
    let start = begin + warmup;
    let end = start + duration;
    let mut workers = Vec::with_capacity(connections);
    for worker in 0..connections {
        let target = target.clone();
        workers.push(tokio::spawn(async move {
            let mut outcomes = Vec::new();
            let mut sent = 0u64;
            let mut n = worker as u64;
            // Bounded by time, and by count as a backstop.
            while Instant::now() < end && n < 50_000_000 {
                let sent_at = Instant::now();
                let result = target.send(n).await;
                let done = Instant::now();
                n += connections as u64;
                if sent_at >= start && done <= end {
                    sent += 1;
                    outcomes.push(Outcome {
                        latency: done - sent_at,
                        done,
                        result,
                    });
                }
            }
            (sent, outcomes)
        }));
    }
    let mut sent = 0;
    let mut outcomes = Vec::new();
    for worker in workers {
        if let Ok((n, mut o)) = worker.await {
            sent += n;
            outcomes.append(&mut o);
        }
    }
    let mut report = report(sent, start, outcomes);
    // Only requests wholly inside the window count, so the window is the time.
    report.elapsed = duration;
    report
}

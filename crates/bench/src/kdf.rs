//! `lantern-bench kdf` (issue 16): how long the follow-up code's Argon2id
//! takes in the browser under the mobile profile's 4× CPU slowdown
//! ([`crate::pageload::CPU_SLOWDOWN`]), in the dedicated worker the widget
//! runs it in and, for comparison, on a page's main thread (where the
//! slowdown surely applies); and the longest main-thread task meanwhile.
//! The page (`crates/bench/kdf/`) is served beside the built worker
//! (`dist/followup/`, from scripts/build-widget.sh).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::json;

use crate::browser::{Browser, Driver};
use crate::pageload::CPU_SLOWDOWN;

/// What to run.
#[derive(Debug, Clone)]
pub struct KdfBench {
    /// The built widget (with `followup/`).
    pub dist: PathBuf,
    /// Chromium.
    pub chromium: PathBuf,
    /// ChromeDriver.
    pub chromedriver: PathBuf,
    /// Derivations of each kind.
    pub runs: usize,
    /// Scratch directory for the page.
    pub work_dir: PathBuf,
}

/// What the page measured, in milliseconds.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KdfResult {
    /// Starting the worker and compiling its module (the first message).
    pub worker_load_ms: f64,
    /// Each derivation in the worker, as the widget runs it.
    pub worker_ms: Vec<f64>,
    /// Each derivation on the main thread.
    pub main_ms: Vec<f64>,
    /// The longest main-thread task while the worker ran.
    pub longest_task_ms: f64,
    /// The lookup token the browser derived (checked against the vector).
    pub lookup: String,
    /// Each long main-thread task after the start: [start ms, duration ms, marks].
    pub task_log: String,
}

const PAGE: &str = include_str!("../kdf/index.html");
const SCRIPT: &str = include_str!("../kdf/kdf-bench.js");
/// The protocol's vector for the page's code (crates/followup/vectors).
const V1_LOOKUP: &str = include_str!("../../followup/vectors/v1-lookup.txt");

/// Serves the page, slows the CPU, runs the derivations.
pub async fn run(bench: &KdfBench) -> Result<KdfResult, String> {
    let site = bench.work_dir.join("kdf-site");
    let worker = site.join("followup");
    std::fs::create_dir_all(&worker).map_err(|e| e.to_string())?;
    std::fs::write(site.join("index.html"), PAGE).map_err(|e| e.to_string())?;
    std::fs::write(site.join("kdf-bench.js"), SCRIPT).map_err(|e| e.to_string())?;
    let built = bench.dist.join("followup");
    for name in [
        "worker.js",
        "lantern_followup_worker.js",
        "lantern_followup_worker_bg.wasm",
    ] {
        std::fs::copy(built.join(name), worker.join(name)).map_err(|e| {
            format!(
                "{}: {e} (run scripts/build-widget.sh)",
                built.join(name).display()
            )
        })?;
    }
    let addr = crate::widget::static_server(site)
        .await
        .map_err(|e| e.to_string())?;
    let driver = Driver::start(
        &bench.chromedriver,
        &bench.work_dir.join("chromedriver.log"),
    )
    .await
    .map_err(|e| e.to_string())?;
    let browser = driver
        .session(&bench.chromium)
        .await
        .map_err(|e| e.to_string())?;
    let result = measure(&browser, &format!("http://{addr}/index.html"), bench.runs).await;
    browser.close().await;
    driver.stop().await;
    let result = result?;
    if result.lookup != V1_LOOKUP.trim() {
        return Err(format!(
            "the browser derived {} for the vector's code, not {}",
            result.lookup,
            V1_LOOKUP.trim()
        ));
    }
    Ok(result)
}

async fn measure(browser: &Browser, url: &str, runs: usize) -> Result<KdfResult, String> {
    let fail = |e: crate::browser::BrowserError| e.to_string();
    browser
        .cdp(
            "Emulation.setCPUThrottlingRate",
            json!({"rate": CPU_SLOWDOWN}),
        )
        .await
        .map_err(fail)?;
    browser
        .client()
        .goto(url)
        .await
        .map_err(|e| e.to_string())?;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let ready = browser
            .client()
            .execute("return window.kdfReady === true;", vec![])
            .await
            .map_err(|e| e.to_string())?;
        if ready.as_bool() == Some(true) {
            break;
        }
        if Instant::now() > deadline {
            return Err("the benchmark page did not load".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser
        .script_timeout(Duration::from_secs(600))
        .await
        .map_err(fail)?;
    let done = browser
        .client()
        .execute_async(
            &format!(
                "const done = arguments[arguments.length - 1];
                 kdfBench({runs}).then((r) => done(JSON.stringify(r)), (e) => done(String(e)));"
            ),
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    let text = done
        .as_str()
        .ok_or_else(|| format!("the page answered {done}"))?;
    serde_json::from_str(text).map_err(|e| format!("{e}: {text}"))
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The figures as Markdown.
pub fn markdown(bench: &KdfBench, result: &KdfResult) -> String {
    let p = lantern_followup::KDF_PARAMS;
    let list = |v: &[f64]| {
        v.iter()
            .map(|ms| format!("{ms:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "Follow-up KDF: Argon2id m = {} KiB, t = {}, p = {}, CPU slowed {CPU_SLOWDOWN}x, {} runs\n\n\
         | where | median ms | each run, ms |\n|---|---|---|\n\
         | dedicated worker (as the widget runs it) | {:.0} | {} |\n\
         | page main thread (comparison) | {:.0} | {} |\n\n\
         Worker start and module compile: {:.0} ms. Longest main-thread task while the \
         worker derived: {:.0} ms (tasks: {}). Lookup token matches the protocol's vector.\n",
        p.memory_kib,
        p.passes,
        p.lanes,
        bench.runs,
        median(&result.worker_ms),
        list(&result.worker_ms),
        median(&result.main_ms),
        list(&result.main_ms),
        result.worker_load_ms,
        result.longest_task_ms,
        result.task_log,
    )
}

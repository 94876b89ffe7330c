//! One page load under Lighthouse's mobile conditions, measured from inside
//! the page by `probe.js` (see its header for exactly what each figure is).
//!
//! Conditions, set over the DevTools protocol (ChromeDriver's passthrough)
//! before navigation, in a browser started fresh (new profile, empty cache)
//! for every load:
//! - network: 150 ms added to each request, 1.6 Mbit/s down, 750 kbit/s up
//!   (`Network.emulateNetworkConditions`; request-level, not packet-level);
//! - CPU slowed 4× (`Emulation.setCPUThrottlingRate`);
//! - a 412×823 phone viewport at 1.75× (Lighthouse's mobile screen).

use std::path::Path;
use std::time::Duration;

use serde::Deserialize;
use serde_json::json;

use crate::browser::{Browser, BrowserError, Driver};

/// Lighthouse's mobile round trip, ms.
pub const RTT_MS: f64 = 150.0;
/// 1.6 Mbit/s in bytes per second.
pub const DOWN_BYTES_PER_S: f64 = 1_600_000.0 / 8.0;
/// 750 kbit/s in bytes per second.
pub const UP_BYTES_PER_S: f64 = 750_000.0 / 8.0;
/// CPU slowdown.
pub const CPU_SLOWDOWN: f64 = 4.0;

const PROBE: &str = include_str!("probe.js");

/// What to look for in the page.
#[derive(Debug, Clone)]
pub struct ProbeConfig {
    /// The hotline number's digits; any one separator may sit between them.
    pub digits: String,
    /// The app root once mounted.
    pub ready: String,
    /// The form's text fields.
    pub form_fields: String,
    /// The tab that shows the form, clicked once if no field is shown.
    pub nav: String,
    /// A page without a form (the baseline): only the hotline is awaited.
    pub baseline: bool,
}

impl ProbeConfig {
    /// The probe source with this configuration written in.
    fn script(&self) -> String {
        let config = json!({
            "digits": self.digits,
            "ready": self.ready,
            "form_fields": self.form_fields,
            "nav": self.nav,
            "baseline": self.baseline,
            "settle_ms": 1000,
            "timeout_ms": 60000,
        });
        PROBE.replace("__CONFIG__", &config.to_string())
    }
}

/// The probe's figures for one load (times in ms since navigation start).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PageLoad {
    /// Element Timing paint of an element marked `elementtiming="lantern-hotline"`
    /// in the markup (none when the page does not mark one).
    pub hotline_paint_ms: Option<f64>,
    /// Start of the first frame with the hotline text's element laid out and
    /// visible: the frame that paints it.
    pub hotline_raf_ms: Option<f64>,
    /// A message posted in that frame, handled after its paint: an upper bound.
    pub hotline_after_ms: Option<f64>,
    /// When the hotline text entered the DOM.
    pub hotline_dom_ms: Option<f64>,
    /// When a form field took focus in the mounted app.
    pub form_ms: Option<f64>,
    /// Whether the report tab had to be clicked first.
    pub form_via_nav: bool,
    /// When the app root was first seen mounted.
    pub ready_ms: Option<f64>,
    /// The longest main-thread task.
    pub longest_task_ms: f64,
    /// How many tasks took over 50 ms.
    pub long_tasks: u32,
    /// The sum over long tasks of their time beyond 50 ms.
    pub blocking_ms: f64,
    /// Each long task as (start, length), to tell which work it was.
    #[serde(default)]
    pub long_task_spans: Vec<(f64, f64)>,
    /// Cumulative layout shift.
    pub cls: f64,
    /// First contentful paint.
    pub fcp_ms: Option<f64>,
    /// Largest contentful paint.
    pub lcp_ms: Option<f64>,
    /// The load event.
    pub load_ms: Option<f64>,
    /// Bytes on the wire, headers included (Resource Timing).
    pub transfer_bytes: f64,
    /// The probe gave up waiting.
    pub timed_out: bool,
    /// What the probe could not observe.
    pub notes: Vec<String>,
}

impl PageLoad {
    /// The hotline paint as compared between pages: the frame that paints
    /// it, measured the same way on every page (Element Timing needs markup
    /// the baseline and the widget may not share).
    pub fn hotline_ms(&self) -> Option<f64> {
        self.hotline_raf_ms
    }
}

/// Loads `url` once in a fresh browser (a new Chromium session with its
/// own profile) under the mobile conditions.
pub async fn load(
    driver: &Driver,
    chromium: &Path,
    url: &str,
    probe: &ProbeConfig,
) -> Result<PageLoad, BrowserError> {
    let browser = driver.session(chromium).await?;
    let result = measure(&browser, url, probe).await;
    browser.close().await;
    result
}

async fn measure(
    browser: &Browser,
    url: &str,
    probe: &ProbeConfig,
) -> Result<PageLoad, BrowserError> {
    browser.cdp("Network.enable", json!({})).await?;
    browser
        .cdp("Network.setCacheDisabled", json!({"cacheDisabled": true}))
        .await?;
    browser
        .cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": false,
                "latency": RTT_MS,
                "downloadThroughput": DOWN_BYTES_PER_S,
                "uploadThroughput": UP_BYTES_PER_S,
                "connectionType": "cellular4g",
            }),
        )
        .await?;
    browser
        .cdp(
            "Emulation.setCPUThrottlingRate",
            json!({"rate": CPU_SLOWDOWN}),
        )
        .await?;
    browser
        .cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 412, "height": 823, "deviceScaleFactor": 1.75, "mobile": true}),
        )
        .await?;
    browser
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": probe.script()}),
        )
        .await?;
    let client = browser.client();
    client
        .goto(url)
        .await
        .map_err(BrowserError::command("navigation"))?;
    // The probe's promise settles once it has seen everything (or gave up
    // after its own 60 s); WebDriver waits for a returned promise.
    browser.script_timeout(Duration::from_secs(90)).await?;
    let done = client
        .execute("return window.__lanternBenchDone;", vec![])
        .await
        .map_err(BrowserError::command("the probe's result"))?;
    let text = done.as_str().unwrap_or("{}");
    serde_json::from_str(text).map_err(|e| BrowserError::Probe(e.to_string()))
}

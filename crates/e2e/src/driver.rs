//! ChromeDriver and the headless Chromium sessions the tests drive.
//!
//! One ChromeDriver runs per test binary. Ordinary sessions are pooled: a
//! test borrows one, and it goes back when the [`Session`] is dropped, so a
//! binary of many tests starts as many browsers as it runs tests at once
//! (two on this 2-core machine), not one per test. Sessions that need a
//! clean profile or special settings (JavaScript off, network log) are
//! fresh and closed afterwards.

use std::ops::Deref;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};
use tokio::sync::OnceCell;

use crate::paths;

/// A viewport the widget must work at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewport {
    /// A small phone: 360 × 800 CSS px.
    Phone,
    /// The same phone with the browser's own bars showing: 360 × 740 CSS px
    /// (the phone of issue 14, where the quick exit scrolled away).
    PhoneShort,
    /// A desktop window: 1280 × 900 CSS px.
    Desktop,
    /// A tablet, or a narrow desktop window: 768 × 1024 CSS px (the
    /// analysts' console must work this narrow).
    Tablet,
    /// WCAG's reflow width: 320 × 256 CSS px, a 1280 × 1024 screen zoomed
    /// to 400%.
    Reflow,
}

impl Viewport {
    /// Width and height in CSS pixels.
    pub fn size(self) -> (u32, u32) {
        match self {
            Viewport::Phone => (360, 800),
            Viewport::PhoneShort => (360, 740),
            Viewport::Desktop => (1280, 900),
            Viewport::Tablet => (768, 1024),
            Viewport::Reflow => (320, 256),
        }
    }
}

/// How a session is set up. The default (`Phone`, JavaScript on, no network
/// log) is the pooled kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The viewport to size the window to.
    pub viewport: Viewport,
    /// `false` turns JavaScript off through Chromium's content settings.
    pub javascript: bool,
    /// `true` records every network request (ChromeDriver's performance
    /// log) and every console message, read with
    /// [`Session::network_requests`] and [`Session::console_messages`].
    /// Implies a fresh profile.
    pub network_log: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            viewport: Viewport::Phone,
            javascript: true,
            network_log: false,
        }
    }
}

impl Options {
    /// Pooled sessions are the ordinary ones; anything else is made fresh.
    fn poolable(&self) -> bool {
        self.javascript && !self.network_log
    }
}

/// The flags every Chromium here needs: headless as root, and quiet on a
/// network that refuses every outside host.
const CHROMIUM_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--no-default-browser-check",
];

struct Driver {
    url: String,
    profiles: PathBuf,
}

static DRIVER: OnceCell<Driver> = OnceCell::const_new();
static POOL: Mutex<Vec<Client>> = Mutex::new(Vec::new());

/// Starts ChromeDriver once for this test binary.
///
/// It runs in its own process group under a small shell watchdog that ends
/// the group (ChromeDriver and every Chromium it started) and removes the
/// profiles once this test process is gone: a test binary has no hook that
/// runs at exit, and browsers must not outlive it.
async fn driver() -> Result<&'static Driver> {
    DRIVER
        .get_or_try_init(|| async {
            let chromedriver = paths::chromedriver()?;
            paths::chromium()?;
            let port = paths::free_port()?;
            let profiles = tempfile::Builder::new()
                .prefix("lantern-e2e-profiles-")
                .tempdir()?
                .keep();
            // dash (Debian's sh) has no `kill -- -PGID`; `kill 0` reaches
            // the whole group, and the watchdog ignores the TERM it sends.
            // ChromeDriver does not always stop on TERM, hence the KILL.
            let watchdog = r#"trap '' TERM
"$1" --port="$2" --log-level=SEVERE >/dev/null 2>&1 &
driver=$!
while kill -0 "$3" 2>/dev/null && kill -0 "$driver" 2>/dev/null; do sleep 1; done
kill -TERM 0 2>/dev/null
sleep 1
for p in $(pgrep -g $$); do [ "$p" = $$ ] || kill -KILL "$p" 2>/dev/null; done
rm -rf "$4""#;
            std::process::Command::new("setsid")
                .args(["sh", "-c", watchdog, "sh"])
                .arg(&chromedriver)
                .arg(port.to_string())
                .arg(std::process::id().to_string())
                .arg(&profiles)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .context("starting ChromeDriver")?;
            wait_for_port(port, Duration::from_secs(20))
                .await
                .context("ChromeDriver did not start listening")?;
            Ok(Driver {
                url: format!("http://127.0.0.1:{port}/"),
                profiles,
            })
        })
        .await
}

/// Waits until something accepts connections on a loopback port.
pub async fn wait_for_port(port: u16, limit: Duration) -> Result<()> {
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Ok(());
        }
        if tokio::time::Instant::now() > deadline {
            bail!("nothing listening on 127.0.0.1:{port} after {limit:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A browser session lent to one test. Dropping it returns a pooled session
/// to the pool and closes a fresh one.
pub struct Session {
    client: Option<Client>,
    options: Options,
    profile: Option<PathBuf>,
    /// Set when the test changed the browser in a way the next test must
    /// not inherit (network emulation): the session is closed, not pooled.
    spoiled: AtomicBool,
}

impl Session {
    /// A session with the given options, sized to its viewport, showing a
    /// blank page.
    pub async fn open(options: Options) -> Result<Session> {
        let pooled = if options.poolable() {
            POOL.lock()
                .map_err(|_| anyhow!("session pool poisoned"))?
                .pop()
        } else {
            None
        };
        let (client, profile) = match pooled {
            // A session whose browser died while idle is discarded.
            Some(client) if client.goto("about:blank").await.is_ok() => (client, None),
            _ => {
                let (client, profile) = new_client(&options).await?;
                client.goto("about:blank").await?;
                (client, Some(profile))
            }
        };
        let session = Session {
            client: Some(client),
            options,
            profile: if options.poolable() { None } else { profile },
            spoiled: AtomicBool::new(false),
        };
        session.resize(options.viewport).await?;
        Ok(session)
    }

    /// An ordinary (pooled) session at the given viewport.
    pub async fn at(viewport: Viewport) -> Result<Session> {
        Session::open(Options {
            viewport,
            ..Options::default()
        })
        .await
    }

    /// Sizes the page's viewport (not the outer window) to `viewport`.
    pub async fn resize(&self, viewport: Viewport) -> Result<()> {
        let (width, height) = viewport.size();
        let client = self.client();
        client.set_window_size(width, height).await?;
        // Headless Chromium's outer and inner sizes may differ by the
        // window frame; correct once by the measured difference.
        let inner = client
            .execute("return [window.innerWidth, window.innerHeight];", vec![])
            .await?;
        let inner_width = inner[0].as_u64().unwrap_or(u64::from(width));
        let inner_height = inner[1].as_u64().unwrap_or(u64::from(height));
        if inner_width != u64::from(width) || inner_height != u64::from(height) {
            let fix = |want: u32, got: u64| {
                (i64::from(want) * 2 - i64::try_from(got).unwrap_or(0)).max(1) as u32
            };
            client
                .set_window_size(fix(width, inner_width), fix(height, inner_height))
                .await?;
        }
        Ok(())
    }

    /// The WebDriver client.
    pub fn client(&self) -> &Client {
        self.client
            .as_ref()
            .expect("a session holds its client until dropped")
    }

    /// Every request the browser sent since the last call (URL and resource
    /// type), from ChromeDriver's performance log. Needs `network_log`.
    pub async fn network_requests(&self) -> Result<Vec<Request>> {
        if !self.options.network_log {
            bail!("network_requests needs a session opened with network_log: true");
        }
        let entries = self
            .client()
            .issue_cmd(SessionCommand::log("performance"))
            .await?;
        let mut requests = Vec::new();
        for entry in entries.as_array().into_iter().flatten() {
            let Some(message) = entry["message"].as_str() else {
                continue;
            };
            let message: Value = serde_json::from_str(message)?;
            let message = &message["message"];
            if message["method"] == "Network.requestWillBeSent" {
                let params = &message["params"];
                requests.push(Request {
                    url: params["request"]["url"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                    kind: params["type"].as_str().unwrap_or_default().to_owned(),
                });
            }
        }
        Ok(requests)
    }
}

impl Session {
    /// Adds a WebDriver virtual authenticator to the session (CTAP2, built
    /// in, with resident keys and user verification that always succeeds):
    /// passkeys made and used in the page go to it, as to a computer's own
    /// authenticator. The session is closed afterwards rather than lent
    /// again, so its passkeys never meet another test. Returns its id.
    pub async fn add_virtual_authenticator(&self) -> Result<String> {
        self.spoiled.store(true, Ordering::Relaxed);
        let answer = self
            .client()
            // CTAP2, built in, resident keys, always verified.
            .issue_cmd(SessionCommand::post(
                "webauthn/authenticator",
                json!({
                    "protocol": "ctap2",
                    "transport": "internal",
                    "hasResidentKey": true,
                    "hasUserVerification": true,
                    "isUserConsenting": true,
                    "isUserVerified": true,
                }),
            ))
            .await
            .context("adding a WebDriver virtual authenticator")?;
        answer
            .as_str()
            .map(str::to_owned)
            .with_context(|| format!("the driver answered no authenticator id: {answer}"))
    }

    /// The passkeys the virtual authenticator `id` holds (W3C WebAuthn's
    /// `GET .../credentials`).
    pub async fn virtual_credentials(&self, id: &str) -> Result<Vec<Value>> {
        let answer = self
            .client()
            .issue_cmd(SessionCommand::get(format!(
                "webauthn/authenticator/{id}/credentials"
            )))
            .await
            .context("listing the virtual authenticator's passkeys")?;
        Ok(answer.as_array().cloned().unwrap_or_default())
    }

    /// Runs a Chrome DevTools Protocol command in the session's page, through
    /// ChromeDriver's `goog/cdp/execute`, and returns its result.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Result<Value> {
        self.client()
            .issue_cmd(SessionCommand::cdp(cmd, params))
            .await
            .with_context(|| format!("CDP {cmd}"))
    }

    /// Cuts the page off the network (`true`), as a phone losing its signal,
    /// or connects it again: Chromium's network emulation, which also sets
    /// `navigator.onLine` and fires the page's `offline` and `online`
    /// events. The session is closed afterwards rather than lent again.
    pub async fn set_offline(&self, offline: bool) -> Result<()> {
        self.spoiled.store(true, Ordering::Relaxed);
        self.cdp("Network.enable", json!({})).await?;
        self.cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": offline,
                "latency": 0,
                "downloadThroughput": -1,
                "uploadThroughput": -1,
            }),
        )
        .await?;
        Ok(())
    }

    /// Makes the browser ask for `languages` (an `Accept-Language` value
    /// such as `"vi-VN,vi;q=0.9"`) on every request and report them in
    /// `navigator.languages`, as a browser set to those languages does
    /// (Chromium's user-agent override, keeping its own user agent). The
    /// session is closed afterwards rather than lent again.
    pub async fn set_accept_language(&self, languages: &str) -> Result<()> {
        self.spoiled.store(true, Ordering::Relaxed);
        // From the browser, not the page, which may have JavaScript off.
        let version = self.cdp("Browser.getVersion", json!({})).await?;
        let agent = version["userAgent"]
            .as_str()
            .context("Browser.getVersion has no userAgent")?
            .to_owned();
        self.cdp("Network.enable", json!({})).await?;
        self.cdp(
            "Network.setUserAgentOverride",
            json!({ "userAgent": agent, "acceptLanguage": languages }),
        )
        .await?;
        Ok(())
    }

    /// Every console message (and browser-reported error, such as a
    /// Content-Security-Policy violation) since the last call, as
    /// `LEVEL: text`. Needs `network_log`.
    pub async fn console_messages(&self) -> Result<Vec<String>> {
        if !self.options.network_log {
            bail!("console_messages needs a session opened with network_log: true");
        }
        let entries = self
            .client()
            .issue_cmd(SessionCommand::log("browser"))
            .await?;
        Ok(entries
            .as_array()
            .into_iter()
            .flatten()
            .map(|entry| {
                format!(
                    "{}: {}",
                    entry["level"].as_str().unwrap_or("?"),
                    entry["message"].as_str().unwrap_or_default()
                )
            })
            .collect())
    }
}

/// One request the browser sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The full URL.
    pub url: String,
    /// Chromium's resource type: `Document`, `Script`, `Fetch`, …
    pub kind: String,
}

impl Deref for Session {
    type Target = Client;
    fn deref(&self) -> &Client {
        self.client()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let Some(client) = self.client.take() else {
            return;
        };
        if self.options.poolable() && !self.spoiled.load(Ordering::Relaxed) {
            if let Ok(mut pool) = POOL.lock() {
                pool.push(client);
            }
            return;
        }
        let profile = self.profile.take();
        // Closing is async; the shared runtime outlives the test, and the
        // watchdog removes anything left when the binary exits.
        if let Ok(handle) = tokio::runtime::Handle::try_current() {
            handle.spawn(async move {
                let _closed = client.close().await;
                if let Some(profile) = profile {
                    let _removed = tokio::fs::remove_dir_all(profile).await;
                }
            });
        }
    }
}

async fn new_client(options: &Options) -> Result<(Client, PathBuf)> {
    let driver = driver().await?;
    let profile = tempfile::Builder::new()
        .prefix("profile-")
        .tempdir_in(&driver.profiles)?
        .keep();
    let (width, height) = options.viewport.size();
    let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|arg| (*arg).to_owned()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    args.push(format!("--window-size={width},{height}"));
    let mut chrome_options = json!({
        "binary": paths::chromium()?,
        "args": args,
    });
    if !options.javascript {
        chrome_options["prefs"] =
            json!({ "profile.managed_default_content_settings.javascript": 2 });
    }
    let mut capabilities = Capabilities::new();
    capabilities.insert("browserName".into(), json!("chrome"));
    capabilities.insert("goog:chromeOptions".into(), chrome_options);
    if options.network_log {
        capabilities.insert(
            "goog:loggingPrefs".into(),
            json!({ "performance": "ALL", "browser": "ALL" }),
        );
    }
    let mut connector = hyper_util::client::legacy::connect::HttpConnector::new();
    connector.enforce_http(true);
    let client = ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .context("opening a Chromium session through ChromeDriver")?;
    Ok((client, profile))
}

/// A command of the session that W3C WebDriver's client does not have:
/// ChromeDriver's DevTools and log endpoints, WebAuthn's virtual
/// authenticator. `path` follows `session/{id}/`; a `body` makes it a POST.
#[derive(Debug)]
struct SessionCommand {
    path: String,
    body: Option<Value>,
}

impl SessionCommand {
    fn post(path: impl Into<String>, body: Value) -> SessionCommand {
        SessionCommand {
            path: path.into(),
            body: Some(body),
        }
    }

    fn get(path: impl Into<String>) -> SessionCommand {
        SessionCommand {
            path: path.into(),
            body: None,
        }
    }

    /// ChromeDriver's `goog/cdp/execute`: one DevTools command.
    fn cdp(cmd: &str, params: Value) -> SessionCommand {
        SessionCommand::post("goog/cdp/execute", json!({ "cmd": cmd, "params": params }))
    }

    /// ChromeDriver's log of `kind` ("performance", "browser").
    fn log(kind: &str) -> SessionCommand {
        SessionCommand::post("se/log", json!({ "type": kind }))
    }
}

impl WebDriverCompatibleCommand for SessionCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        match &self.body {
            Some(body) => (http::Method::POST, Some(body.to_string())),
            None => (http::Method::GET, None),
        }
    }
}

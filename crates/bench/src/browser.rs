//! Headless Chromium through ChromeDriver and fantoccini, the driver the
//! end-to-end tests use too. Every session starts a new Chromium with its
//! own throwaway profile (empty cache). What WebDriver has no command for
//! (network and CPU emulation, a script run before the page's own) goes
//! through ChromeDriver's DevTools passthrough, `goog/cdp/execute`.

use std::path::Path;
use std::time::Duration;

use fantoccini::wd::{Capabilities, TimeoutConfiguration, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};

use crate::process::{self, ProcessError, Server};

/// Why talking to the browser failed.
#[derive(Debug, thiserror::Error)]
pub enum BrowserError {
    /// ChromeDriver did not start.
    #[error(transparent)]
    Driver(#[from] ProcessError),
    /// ChromeDriver could not start a Chromium session.
    #[error("chromium session: {0}")]
    Session(#[from] fantoccini::error::NewSessionError),
    /// A command failed.
    #[error("{what}: {source}")]
    Command {
        /// The command.
        what: String,
        /// ChromeDriver's answer.
        source: fantoccini::error::CmdError,
    },
    /// The probe's result was not what it writes.
    #[error("probe result: {0}")]
    Probe(String),
    /// A profile directory could not be made.
    #[error("chromium profile: {0}")]
    Profile(std::io::Error),
}

impl BrowserError {
    /// Wraps a failed command, naming it.
    pub fn command(what: &str) -> impl FnOnce(fantoccini::error::CmdError) -> BrowserError + '_ {
        move |source| BrowserError::Command {
            what: what.to_owned(),
            source,
        }
    }
}

/// The flags every headless Chromium here needs.
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
];

/// A running ChromeDriver; stopped with [`Driver::stop`] or on drop.
#[derive(Debug)]
pub struct Driver {
    server: Server,
}

impl Driver {
    /// Starts `chromedriver` on a free loopback port, logging to `log`.
    pub async fn start(chromedriver: &Path, log: &Path) -> Result<Driver, BrowserError> {
        let addr = process::free_loopback_addr()?;
        let args = vec![format!("--port={}", addr.port())];
        let server =
            Server::start("chromedriver", chromedriver, &args, addr, log, "/status").await?;
        Ok(Driver { server })
    }

    /// A new Chromium (`chromium`) with a fresh profile, on `about:blank`.
    pub async fn session(&self, chromium: &Path) -> Result<Browser, BrowserError> {
        let profile = tempfile::Builder::new()
            .prefix("lantern-bench-profile")
            .tempdir()
            .map_err(BrowserError::Profile)?;
        let mut args: Vec<String> = FLAGS.iter().map(|flag| (*flag).to_owned()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let mut capabilities = Capabilities::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": chromium, "args": args }),
        );
        let mut connector = hyper_util::client::legacy::connect::HttpConnector::new();
        connector.enforce_http(true);
        let client = ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&format!("{}/", self.server.base()))
            .await?;
        Ok(Browser {
            client,
            _profile: profile,
        })
    }

    /// Stops ChromeDriver (close every session first).
    pub async fn stop(self) {
        self.server.stop().await;
    }
}

/// One Chromium session; close it with [`Browser::close`].
#[derive(Debug)]
pub struct Browser {
    client: Client,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// The WebDriver client.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Runs a DevTools command in the page and returns its result.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Result<Value, BrowserError> {
        self.client
            .issue_cmd(Cdp {
                cmd: cmd.to_owned(),
                params,
            })
            .await
            .map_err(BrowserError::command(cmd))
    }

    /// Sets how long a script (and the promise it returns) may run.
    pub async fn script_timeout(&self, limit: Duration) -> Result<(), BrowserError> {
        self.client
            .update_timeouts(TimeoutConfiguration::new(Some(limit), None, None))
            .await
            .map_err(BrowserError::command("setting the script timeout"))
    }

    /// Ends the session, which quits its Chromium.
    pub async fn close(self) {
        let _closed = self.client.close().await;
    }
}

/// ChromeDriver's DevTools passthrough (not in the W3C protocol).
#[derive(Debug)]
struct Cdp {
    cmd: String,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()),
        )
    }
}

//! A minimal Chrome DevTools Protocol client: launches Debian's Chromium
//! headless with a fresh profile, and sends commands over its WebSocket one
//! at a time. Events are read and dropped: the page-load probe collects what
//! it needs inside the page, so the client only needs answers.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// Why talking to the browser failed.
#[derive(Debug, thiserror::Error)]
pub enum CdpError {
    /// Chromium did not start or print its DevTools address.
    #[error("chromium: {0}")]
    Launch(String),
    /// The WebSocket failed.
    #[error("devtools socket: {0}")]
    Socket(Box<tokio_tungstenite::tungstenite::Error>),
    /// A command got an error answer.
    #[error("{method}: {error}")]
    Command {
        /// The command.
        method: String,
        /// The browser's error object.
        error: Value,
    },
    /// No answer in time.
    #[error("{0}: no answer in time")]
    Timeout(String),
}

impl From<tokio_tungstenite::tungstenite::Error> for CdpError {
    fn from(error: tokio_tungstenite::tungstenite::Error) -> Self {
        CdpError::Socket(Box::new(error))
    }
}

/// One headless Chromium with its own throwaway profile; killed on drop.
#[derive(Debug)]
pub struct Browser {
    child: Child,
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

/// The flags TOOLCHAIN.md found necessary here, plus a DevTools port.
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
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
];

impl Browser {
    /// Starts `chromium` on `about:blank` and connects to it.
    pub async fn launch(chromium: &Path) -> Result<Self, CdpError> {
        let profile = tempfile::Builder::new()
            .prefix("lantern-bench-profile")
            .tempdir()
            .map_err(|e| CdpError::Launch(e.to_string()))?;
        let mut child = Command::new(chromium)
            .args(FLAGS)
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| CdpError::Launch(format!("{}: {e}", chromium.display())))?;
        let stderr = child
            .stderr
            .take()
            .ok_or_else(|| CdpError::Launch("no stderr".into()))?;
        let mut lines = BufReader::new(stderr).lines();
        let find = async {
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(at) = line.find("ws://") {
                    return Some(line[at..].trim().to_owned());
                }
            }
            None
        };
        let url = tokio::time::timeout(Duration::from_secs(30), find)
            .await
            .ok()
            .flatten()
            .ok_or_else(|| CdpError::Launch("no DevTools address on stderr".into()))?;
        // Keep draining stderr so Chromium never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        let (socket, _) = tokio_tungstenite::connect_async(url.as_str()).await?;
        Ok(Self {
            child,
            socket,
            next_id: 1,
            _profile: profile,
        })
    }

    /// Sends `method` (to `session`, or to the browser) and waits up to
    /// `wait` for its answer's `result`.
    pub async fn call_within(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
        wait: Duration,
    ) -> Result<Value, CdpError> {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = Value::String(session.to_owned());
        }
        self.socket.send(Message::text(message.to_string())).await?;
        let answer = async {
            while let Some(frame) = self.socket.next().await {
                let Message::Text(text) = frame? else {
                    continue;
                };
                let Ok(value) = serde_json::from_str::<Value>(&text) else {
                    continue;
                };
                if value.get("id").and_then(Value::as_u64) == Some(id) {
                    return Ok(value);
                }
            }
            Err(CdpError::Launch("the browser closed the socket".into()))
        };
        let value = tokio::time::timeout(wait, answer)
            .await
            .map_err(|_| CdpError::Timeout(method.to_owned()))??;
        if let Some(error) = value.get("error") {
            return Err(CdpError::Command {
                method: method.to_owned(),
                error: error.clone(),
            });
        }
        Ok(value.get("result").cloned().unwrap_or(Value::Null))
    }

    /// [`Browser::call_within`] with a 20 s limit.
    pub async fn call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<Value, CdpError> {
        self.call_within(session, method, params, Duration::from_secs(20))
            .await
    }

    /// Opens a blank tab and attaches to it; returns the session id.
    pub async fn new_page(&mut self) -> Result<String, CdpError> {
        let target = self
            .call(None, "Target.createTarget", json!({"url": "about:blank"}))
            .await?;
        let target_id = target["targetId"].clone();
        let attached = self
            .call(
                None,
                "Target.attachToTarget",
                json!({"targetId": target_id, "flatten": true}),
            )
            .await?;
        attached["sessionId"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| CdpError::Launch("no session id".into()))
    }

    /// Closes the browser and waits for it to exit.
    pub async fn close(mut self) {
        let _ = self
            .call_within(None, "Browser.close", json!({}), Duration::from_secs(5))
            .await;
        if tokio::time::timeout(Duration::from_secs(5), self.child.wait())
            .await
            .is_err()
        {
            let _ = self.child.kill().await;
        }
    }
}

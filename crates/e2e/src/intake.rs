//! The real intake service, run the way an operator runs it: `lantern-intake
//! serve` on loopback, with a throwaway SQLite database, a fresh age key pair
//! (the identity kept apart, as an analyst would), the built widget, and an
//! exit URL on the harness's own pages. Tests can kill it mid-submission and
//! start it again on the same port and database.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use lantern_tip::{Field, SealedTip};
use serde_json::Value;
use tempfile::TempDir;
use tokio::process::{Child, Command};

use crate::paths;

/// How to start the service.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// `--exit-url`: where the quick exit leads.
    pub exit_url: String,
    /// `--allow-origin`: partner origins that may embed the widget.
    pub allow_origins: Vec<String>,
    /// `--partner`: partner ids counted by name in `/metrics`.
    pub partners: Vec<String>,
    /// The loopback address to listen on; `127.0.0.1` when empty. The
    /// privacy audit listens on `127.0.0.2`: the browser still connects
    /// from `127.0.0.1`, so that address in a file can only be the client's.
    pub host: String,
    /// `--rate-limit-per-minute` and `--rate-limit-burst` both, when a run
    /// sends more tips than a person would (the console benchmark); the
    /// service's defaults when `None`.
    pub rate_limit: Option<u32>,
}

/// A running (or stopped) `lantern-intake serve`.
pub struct Intake {
    bin: PathBuf,
    config: Config,
    host: String,
    port: u16,
    root: TempDir,
    recipient: String,
    child: Option<Child>,
    starts: u32,
}

impl Intake {
    /// Creates a key pair and starts the service with `config`.
    pub async fn start(config: Config) -> Result<Intake> {
        let bin = paths::intake_bin()?;
        paths::dist_dir()?;
        let root = tempfile::Builder::new()
            .prefix("lantern-e2e-intake-")
            .tempdir()?;
        for dir in ["data", "logs", "analyst"] {
            std::fs::create_dir(root.path().join(dir))?;
        }
        let identity = root.path().join("analyst/identity.txt");
        let keygen = Command::new(&bin)
            .arg("keygen")
            .arg("--output")
            .arg(&identity)
            .env_clear_lantern()
            .output()
            .await
            .context("running lantern-intake keygen")?;
        if !keygen.status.success() {
            bail!(
                "lantern-intake keygen failed: {}",
                String::from_utf8_lossy(&keygen.stderr)
            );
        }
        let printed = String::from_utf8_lossy(&keygen.stdout).into_owned()
            + &String::from_utf8_lossy(&keygen.stderr);
        let recipient = printed
            .split_whitespace()
            .find(|word| word.starts_with("age1"))
            .map(str::to_owned)
            .with_context(|| format!("keygen printed no age recipient: {printed:?}"))?;
        let host = if config.host.is_empty() {
            "127.0.0.1".to_owned()
        } else {
            config.host.clone()
        };
        let mut intake = Intake {
            bin,
            config,
            host,
            port: paths::free_port()?,
            root,
            recipient,
            child: None,
            starts: 0,
        };
        intake.spawn().await?;
        Ok(intake)
    }

    async fn spawn(&mut self) -> Result<()> {
        let widget = paths::dist_dir()?;
        self.starts += 1;
        let logs = self.log_dir();
        let stdout = std::fs::File::create(logs.join(format!("serve-{}.stdout", self.starts)))?;
        let stderr = std::fs::File::create(logs.join(format!("serve-{}.stderr", self.starts)))?;
        let mut command = Command::new(&self.bin);
        command
            .arg("serve")
            .arg("--listen")
            .arg(format!("{}:{}", self.host, self.port))
            .arg("--database")
            .arg(self.database_url())
            .arg("--recipient")
            .arg(&self.recipient)
            .arg("--widget-dir")
            .arg(&widget)
            .arg("--exit-url")
            .arg(&self.config.exit_url)
            // The analysts' console: WebAuthn binds passkeys to a host and
            // browsers allow it on plain http only at `localhost`, so the
            // console is opened at http://localhost:PORT.
            .arg("--console-origin")
            .arg(self.console_origin())
            .arg("--console-dir")
            .arg(paths::console_dir_unchecked());
        for origin in &self.config.allow_origins {
            command.arg("--allow-origin").arg(origin);
        }
        for partner in &self.config.partners {
            command.arg("--partner").arg(partner);
        }
        if let Some(limit) = self.config.rate_limit {
            let limit = limit.to_string();
            command
                .args(["--rate-limit-per-minute", &limit])
                .args(["--rate-limit-burst", &limit]);
        }
        // The most talkative logging: the privacy audit proves that even
        // then nothing about the sender is written.
        command
            .env_clear_lantern()
            .env("RUST_LOG", "debug")
            .current_dir(self.root.path())
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            .kill_on_drop(true);
        let child = command.spawn().context("starting lantern-intake serve")?;
        self.child = Some(child);
        self.wait_healthy().await
    }

    async fn wait_healthy(&mut self) -> Result<()> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(child) = self.child.as_mut() {
                if let Some(status) = child.try_wait()? {
                    bail!(
                        "lantern-intake serve exited ({status}) before it was healthy:\n{}",
                        self.logs()
                    );
                }
            }
            if matches!(self.get("/healthz").await, Ok((200, _))) {
                return Ok(());
            }
            if tokio::time::Instant::now() > deadline {
                bail!(
                    "lantern-intake serve not healthy after 30 s:\n{}",
                    self.logs()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// `http://HOST:PORT`: the widget's (and the API's) origin.
    pub fn origin(&self) -> String {
        format!("http://{}:{}", self.host, self.port)
    }

    /// `http://localhost:PORT`: the console's origin (the same service).
    pub fn console_origin(&self) -> String {
        format!("http://localhost:{}", self.port)
    }

    /// Adds an analyst with `lantern-intake analyst add NAME` and returns
    /// the one-time enrolment link it printed.
    pub async fn add_analyst(&self, name: &str) -> Result<String> {
        self.add_account(name, &[]).await
    }

    /// Adds an administrator (`analyst add NAME --admin`), as
    /// [`Intake::add_analyst`] does an analyst.
    pub async fn add_admin(&self, name: &str) -> Result<String> {
        self.add_account(name, &["--admin"]).await
    }

    async fn add_account(&self, name: &str, flags: &[&str]) -> Result<String> {
        let output = Command::new(&self.bin)
            .args(["analyst", "add", name])
            .args(flags)
            .arg("--database")
            .arg(self.database_url())
            .arg("--console-origin")
            .arg(self.console_origin())
            .env_clear_lantern()
            .output()
            .await
            .context("running lantern-intake analyst add")?;
        let printed = String::from_utf8_lossy(&output.stdout).into_owned();
        if !output.status.success() {
            bail!(
                "lantern-intake analyst add failed ({}): {printed}{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let start = format!("{}/console/enrol#", self.console_origin());
        printed
            .split_whitespace()
            .find(|word| word.starts_with(&start))
            .map(str::to_owned)
            .with_context(|| format!("analyst add printed no enrolment link: {printed:?}"))
    }

    /// Removes an analyst with `lantern-intake analyst remove NAME`.
    pub async fn remove_analyst(&self, name: &str) -> Result<()> {
        let output = Command::new(&self.bin)
            .args(["analyst", "remove", name, "--database"])
            .arg(self.database_url())
            .env_clear_lantern()
            .output()
            .await
            .context("running lantern-intake analyst remove")?;
        if !output.status.success() {
            bail!(
                "lantern-intake analyst remove failed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Ok(())
    }

    /// What `lantern-intake audit COMMAND` (`list` or `verify`) prints;
    /// fails when it fails (a broken chain, for `verify`).
    pub async fn audit(&self, command: &str) -> Result<String> {
        let output = Command::new(&self.bin)
            .args(["audit", command, "--database"])
            .arg(self.database_url())
            .env_clear_lantern()
            .output()
            .await
            .context("running lantern-intake audit")?;
        let printed = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            bail!(
                "lantern-intake audit {command} failed ({}): {printed}",
                output.status
            );
        }
        Ok(printed)
    }

    /// Sends `tip` (its JSON) to `POST /v1/tips` as the widget would, with
    /// a fresh idempotency key, and returns the receipt from the `201`.
    pub async fn submit_tip(&self, tip: &Value) -> Result<String> {
        // Unique per call (the service only needs it never to repeat).
        static SENT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or_default();
        let count = SENT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let key = format!("{nanos:016x}{:016x}", count ^ u64::from(self.port) << 32);
        let response = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(10))
            .build()?
            .post(format!("{}/v1/tips", self.origin()))
            .header("content-type", "application/json")
            .header("idempotency-key", key)
            .body(tip.to_string())
            .send()
            .await
            .context("POST /v1/tips")?;
        let status = response.status().as_u16();
        let body = response.text().await?;
        if status != 201 {
            bail!("POST /v1/tips answered {status}: {body}");
        }
        let answer: Value = serde_json::from_str(&body)?;
        answer["receipt"]
            .as_str()
            .map(str::to_owned)
            .with_context(|| format!("the 201 holds no receipt: {body}"))
    }

    /// The widget page with a configuration query (`"lang=es"`, or `""`).
    pub fn widget_url(&self, query: &str) -> String {
        if query.is_empty() {
            format!("{}/", self.origin())
        } else {
            format!("{}/?{query}", self.origin())
        }
    }

    /// The `--database` URL.
    pub fn database_url(&self) -> String {
        format!("sqlite://{}", self.data_dir().join("lantern.db").display())
    }

    /// Where the database lives (every file in it is the service's).
    pub fn data_dir(&self) -> PathBuf {
        self.root.path().join("data")
    }

    /// Where the service's stdout and stderr are captured.
    pub fn log_dir(&self) -> PathBuf {
        self.root.path().join("logs")
    }

    /// The service's working directory: temporary files it makes land here.
    pub fn work_dir(&self) -> &Path {
        self.root.path()
    }

    /// The analyst's age identity (kept outside the service's directories).
    pub fn identity(&self) -> PathBuf {
        self.root.path().join("analyst/identity.txt")
    }

    /// Everything the service has logged so far, for failure messages.
    pub fn logs(&self) -> String {
        let mut text = String::new();
        if let Ok(entries) = std::fs::read_dir(self.log_dir()) {
            let mut files: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
            files.sort();
            for file in files {
                let content = std::fs::read(&file).unwrap_or_default();
                text.push_str(&format!(
                    "--- {}\n{}\n",
                    file.display(),
                    String::from_utf8_lossy(&content)
                ));
            }
        }
        text
    }

    /// Kills the service with SIGKILL (no chance to clean up) and waits for it.
    pub async fn kill(&mut self) -> Result<()> {
        if let Some(mut child) = self.child.take() {
            child.kill().await.context("killing lantern-intake")?;
        }
        Ok(())
    }

    /// Starts the service again on the same port, database and key.
    pub async fn restart(&mut self) -> Result<()> {
        self.kill().await?;
        self.spawn().await
    }

    /// A plain `GET` from the harness (not the browser): status and body.
    pub async fn get(&self, path: &str) -> Result<(u16, String)> {
        let (status, _, body) = self.get_with_headers(path).await?;
        Ok((status, body))
    }

    /// A plain `GET`: status, headers (names lowercased) and body.
    pub async fn get_with_headers(
        &self,
        path: &str,
    ) -> Result<(u16, Vec<(String, String)>, String)> {
        get(&format!("{}{path}", self.origin())).await
    }

    /// Every stored tip, decrypted with the analyst's identity by
    /// `lantern-intake export --format jsonl`, each line read through the
    /// type the intake seals ([`Exported`]).
    pub async fn export(&self) -> Result<Vec<Exported>> {
        let output = Command::new(&self.bin)
            .arg("export")
            .arg("--database")
            .arg(self.database_url())
            .arg("--identity")
            .arg(self.identity())
            .arg("--format")
            .arg("jsonl")
            .env_clear_lantern()
            .output()
            .await
            .context("running lantern-intake export")?;
        if !output.status.success() {
            bail!(
                "lantern-intake export failed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
        }
        String::from_utf8(output.stdout)
            .context("export printed invalid UTF-8")?
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| Exported::read(line).with_context(|| format!("export line {line:?}")))
            .collect()
    }

    /// The exported tip whose narrative is exactly `narrative`.
    pub async fn exported_tip(&self, narrative: &str) -> Result<Exported> {
        let tips = self.export().await?;
        let count = tips.len();
        tips.into_iter()
            .find(|tip| tip.sealed.tip.narrative == narrative)
            .with_context(|| {
                format!(
                    "no exported tip has that narrative ({count} tips exported, narrative starts {:?})",
                    narrative.chars().take(40).collect::<String>()
                )
            })
    }
}

/// One line of `lantern-intake export --format jsonl`: what was sealed, read
/// through the one type the intake writes it with
/// ([`lantern_tip::SealedTip`], which refuses unknown fields), and the
/// tip's follow-up conversation, which export adds beside it.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The sealed payload: format, receipt, arrival and the tip.
    pub sealed: SealedTip,
    /// The follow-up messages (`{"kind", "text", ...}`), oldest first; empty
    /// when the tip has no conversation.
    pub conversation: Vec<Value>,
}

impl Exported {
    /// Reads one export line.
    pub fn read(line: &str) -> Result<Exported> {
        let mut value: Value = serde_json::from_str(line)?;
        let conversation = match value
            .as_object_mut()
            .and_then(|line| line.remove("conversation"))
        {
            Some(Value::Array(messages)) => messages,
            Some(other) => bail!("the conversation is not a list: {other}"),
            None => Vec::new(),
        };
        let sealed = serde_json::from_value(value).context("not a sealed tip")?;
        Ok(Exported {
            sealed,
            conversation,
        })
    }

    /// The stored value of the tip's `field`, as the wire writes it; `None`
    /// when it is absent or null.
    pub fn value(&self, field: Field) -> Option<Value> {
        let tip = serde_json::to_value(&self.sealed.tip).ok()?;
        let pointer = format!("/{}", field.path().replace('.', "/"));
        tip.pointer(&pointer).filter(|v| !v.is_null()).cloned()
    }
}

/// Removes the `LANTERN_*` variables the test runner may have set, so only
/// the flags the harness passes configure the service.
trait ClearLanternEnv {
    fn env_clear_lantern(&mut self) -> &mut Self;
}

impl ClearLanternEnv for Command {
    fn env_clear_lantern(&mut self) -> &mut Self {
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("LANTERN_") {
                self.env_remove(&name);
            }
        }
        self
    }
}

/// A `GET` from the harness (no cookies, no compression, no proxy):
/// status, headers (names lowercased) and body.
async fn get(url: &str) -> Result<(u16, Vec<(String, String)>, String)> {
    let response = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()?
        .get(url)
        .send()
        .await
        .with_context(|| format!("GET {url}"))?;
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body = response.text().await.context("reading the body")?;
    Ok((status, headers, body))
}

/// The `frame-ancestors` directive of the widget page a service on
/// `127.0.0.1:port` sends: which pages may frame it.
pub async fn frame_ancestors(port: u16) -> Result<String> {
    let (_, headers, _) = get(&format!("http://127.0.0.1:{port}/")).await?;
    headers
        .iter()
        .find(|(name, _)| name == "content-security-policy")
        .and_then(|(_, csp)| {
            csp.split(';')
                .find(|d| d.trim().starts_with("frame-ancestors"))
        })
        .map(|d| d.trim().to_owned())
        .context("the widget page has no frame-ancestors directive")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_export_line_is_read_through_the_sealed_type() {
        let tip: lantern_tip::Tip = serde_json::from_value(json!({
            "version": 1,
            "narrative": "Someone at the farm cannot leave.",
            "location": {"city": "Houston"}
        }))
        .unwrap();
        let receipt = "4821 0937 5562 1049".parse().unwrap();
        let sealed = SealedTip::new(receipt, "2026-11-22T04:23:16Z".into(), tip);
        let mut line = serde_json::to_value(&sealed).unwrap();

        let plain = Exported::read(&line.to_string()).unwrap();
        assert_eq!(plain.sealed, sealed);
        assert!(plain.conversation.is_empty());
        assert_eq!(plain.value(Field::LocationCity), Some(json!("Houston")));
        assert_eq!(plain.value(Field::LocationRegion), None);
        assert_eq!(plain.value(Field::Contact), None);

        line["conversation"] = json!([{"kind": "answer", "text": "Yes"}]);
        let talked = Exported::read(&line.to_string()).unwrap();
        assert_eq!(talked.sealed, sealed);
        assert_eq!(
            talked.conversation,
            [json!({"kind": "answer", "text": "Yes"})]
        );

        // Anything else beside the payload is not what the intake seals.
        line["extra"] = json!(1);
        assert!(Exported::read(&line.to_string()).is_err());
        line.as_object_mut().unwrap().remove("extra");
        line["conversation"] = json!("not a list");
        assert!(Exported::read(&line.to_string()).is_err());
    }
}

//! The servers a benchmark runs against, as child processes on loopback:
//! started with their output in a log file, waited for until they answer,
//! and killed when dropped, so no run leaves a server behind.

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::process::{Child, Command};

/// Why a server could not be started.
#[derive(Debug, thiserror::Error)]
pub enum ProcessError {
    /// Spawning or talking to the process failed.
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// The cause.
        source: std::io::Error,
    },
    /// It started but did not answer in time, or exited.
    #[error("{0} did not become ready (see {1})")]
    NotReady(String, PathBuf),
    /// A command ran but failed.
    #[error("{0}")]
    Failed(String),
}

fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> ProcessError {
    let what = what.into();
    move |source| ProcessError::Io { what, source }
}

/// A free loopback port, found by binding port 0 and letting it go. Another
/// process could take it in between; on a benchmark machine that is unlikely,
/// and the server then fails loudly rather than measuring the wrong thing.
pub fn free_loopback_addr() -> Result<SocketAddr, ProcessError> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(io("binding a loopback port"))?;
    listener.local_addr().map_err(io("reading the bound port"))
}

/// A server child process; killed on drop.
#[derive(Debug)]
pub struct Server {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
    /// Its stdout and stderr.
    pub log: PathBuf,
    name: String,
}

impl Server {
    /// Starts `program args…` (which must listen on `addr`), logging to
    /// `log`, and waits up to 60 s for `GET ready_path` to answer 200.
    pub async fn start(
        name: &str,
        program: &Path,
        args: &[String],
        addr: SocketAddr,
        log: &Path,
        ready_path: &str,
    ) -> Result<Self, ProcessError> {
        let out = std::fs::File::create(log).map_err(io(format!("creating {}", log.display())))?;
        let err = out.try_clone().map_err(io("duplicating the log file"))?;
        let child = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .kill_on_drop(true)
            .spawn()
            .map_err(io(format!("starting {}", program.display())))?;
        let mut server = Self {
            child,
            addr,
            log: log.to_owned(),
            name: name.to_owned(),
        };
        server.wait_ready(ready_path).await?;
        Ok(server)
    }

    async fn wait_ready(&mut self, path: &str) -> Result<(), ProcessError> {
        let client = reqwest::Client::new();
        let url = format!("http://{}{path}", self.addr);
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            let answer = client
                .get(&url)
                .timeout(Duration::from_secs(2))
                .send()
                .await;
            if answer.is_ok_and(|r| r.status().is_success()) {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(ProcessError::NotReady(self.name.clone(), self.log.clone()))
    }

    /// CPU time (user + system) the process has used so far, from
    /// `/proc/PID/stat`; `None` where there is no procfs. Threads included.
    pub fn cpu_time(&self) -> Option<Duration> {
        let pid = self.child.id()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // Fields after the command name, which is in parentheses and may
        // hold spaces: state is field 3, utime 14, stime 15.
        let rest = &stat[stat.rfind(')')? + 2..];
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let ticks: u64 =
            fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        // USER_HZ is 100 on every Linux this runs on (it is fixed by the ABI).
        Some(Duration::from_millis(ticks * 10))
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops it (SIGKILL: the data is thrown away anyway) and waits for it.
    pub async fn stop(mut self) {
        let _ = self.child.kill().await;
    }
}

/// `lantern-intake keygen` into `dir`, returning the printed recipient.
pub async fn keygen(intake: &Path, dir: &Path) -> Result<String, ProcessError> {
    let identity = dir.join("bench-identity.txt");
    let output = Command::new(intake)
        .arg("keygen")
        .arg("--output")
        .arg(&identity)
        .output()
        .await
        .map_err(io(format!("running {} keygen", intake.display())))?;
    if !output.status.success() {
        return Err(ProcessError::Failed(format!(
            "keygen failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    let recipient = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    if recipient.starts_with("age1") {
        Ok(recipient)
    } else {
        Err(ProcessError::Failed(format!(
            "keygen printed no recipient: {recipient:?}"
        )))
    }
}

//! Shared pieces of the intake tests: a widget directory, a full valid tip,
//! idempotency keys, key pairs, and databases (SQLite in a temp dir, a fresh
//! database on the real PostgreSQL named by `LANTERN_TEST_PG`).

#![allow(dead_code, reason = "each test binary uses a different subset")]

pub mod fs;
pub mod load;
pub mod own_pg;

use std::path::{Path, PathBuf};

use lantern_intake::page::WidgetPage;
use lantern_intake::ratelimit::RateLimit;
use lantern_intake::seal::{generate_identity, Opener, Sealer};
use lantern_intake::store::AnyStore;
use lantern_intake::{AppState, Settings};
use rand::RngCore;

/// The inline loader in the test page; its hash must be in the CSP.
pub const INLINE_SCRIPT: &str = "import init from './lantern-0123456789abcdef.js'; init();";
/// Bytes standing in for a compiled module (the Wasm magic number first).
pub const WASM_BYTES: &[u8] = b"\0asm\x01\0\0\0test module";

/// A widget directory shaped like scripts/build-widget.sh's output.
pub fn widget_dir(root: &Path) -> PathBuf {
    let dir = root.join("dist");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        format!(
            "<!doctype html><html lang=\"en\"><head>\
             <meta name=\"lantern-exit-url\" content=\"https://www.bbc.co.uk/weather\">\
             <script type=\"module\">{INLINE_SCRIPT}</script></head><body>\
             <a data-testid=\"exit-link\" href=\"https://www.bbc.co.uk/weather\">Leave this site</a>\
             <p>Call 1-888-373-7888</p></body></html>"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("lantern-0123456789abcdef.js"),
        "export default function init() {}",
    )
    .unwrap();
    std::fs::write(dir.join("lantern-0123456789abcdef.js.br"), b"brotli bytes").unwrap();
    std::fs::write(dir.join("lantern-0123456789abcdef.js.gz"), b"gzip bytes").unwrap();
    std::fs::write(dir.join("lantern-0123456789abcdef_bg.wasm"), WASM_BYTES).unwrap();
    std::fs::write(dir.join("embed.js"), "/* loader */").unwrap();
    dir
}

/// A new key pair: (identity file path, recipient).
pub fn key_pair(root: &Path) -> (PathBuf, String) {
    let (identity, recipient) = generate_identity("test");
    let path = root.join(format!("identity-{}.txt", &recipient[4..12]));
    std::fs::write(&path, identity).unwrap();
    (path, recipient)
}

/// Everything a router test needs, kept alive together.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub state: AppState,
    pub opener: Opener,
}

/// A router state on a fresh SQLite database.
pub async fn fixture(rate_limit: RateLimit, allow_origins: &[&str]) -> Fixture {
    fixture_with(Settings {
        allow_origins: allow_origins.iter().map(|o| (*o).to_owned()).collect(),
        rate_limit,
        ..Settings::default()
    })
    .await
}

/// The same with any settings.
pub async fn fixture_with(settings: Settings) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let (identity, recipient) = key_pair(dir.path());
    let store = AnyStore::open(&sqlite_url(dir.path())).await.unwrap();
    let page = WidgetPage::load(
        &widget_dir(dir.path()),
        Some("https://weather.example/today"),
    )
    .unwrap();
    let state = AppState::new(store, Sealer::new(&[recipient]).unwrap(), page, settings).unwrap();
    Fixture {
        opener: Opener::from_file(&identity).unwrap(),
        dir,
        state,
    }
}

/// A generous limit, for tests that are not about rate limiting.
pub const NO_LIMIT: RateLimit = RateLimit {
    per_minute: 10_000,
    burst: 10_000,
};

/// `sqlite://…/lantern.db` in `dir`.
pub fn sqlite_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("lantern.db").display())
}

/// A fresh idempotency key (32 lowercase hex digits).
pub fn new_key() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// A tip with every field filled, `marker` planted in every free-text field.
pub fn full_tip(marker: &str) -> serde_json::Value {
    serde_json::json!({
        "version": 1,
        "language": "en",
        "partner": "city-of-x",
        "danger_now": "no",
        "reporter": "witness",
        "kind": "labor",
        "when": {"date": "2026-01-15", "time_of_day": "evening", "ongoing": true},
        "location": {
            "country": "US", "region": format!("TX {marker}-region"),
            "city": format!("{marker}-city"), "place": format!("{marker}-place"),
            "details": format!("{marker}-details")
        },
        "venue": "restaurants-food-service",
        "people": {
            "count": "2-5", "minors": "unsure",
            "description": format!("{marker}-people"), "languages": format!("{marker}-languages")
        },
        "controllers": {
            "description": format!("{marker}-controllers"), "names": format!("{marker}-names"),
            "vehicles": format!("{marker}-vehicles")
        },
        "indicators": ["not-free-to-leave", "unpayable-debt"],
        "online": {
            "sites": format!("{marker}-sites"), "handles": format!("{marker}-handles"),
            "phones": format!("{marker}-phones")
        },
        "narrative": format!("The narrative {marker}-narrative, long enough."),
        "contact": {
            "preference": "confidential", "phone": "+1 555 010 9999",
            "email": format!("{}@example.org", marker.to_lowercase()),
            "safe_times": format!("{marker}-safe-times"), "voicemail_ok": false
        }
    })
}

/// The free-text values `full_tip(marker)` plants (for scanning).
pub fn planted(marker: &str) -> Vec<String> {
    [
        "region",
        "city",
        "place",
        "details",
        "people",
        "languages",
        "controllers",
        "names",
        "vehicles",
        "sites",
        "handles",
        "phones",
        "narrative",
        "safe-times",
    ]
    .iter()
    .map(|field| format!("{marker}-{field}"))
    .chain([format!("{}@example.org", marker.to_lowercase())])
    .collect()
}

/// The URL of the real PostgreSQL for tests; fails (never skips) without it.
pub fn pg_url() -> String {
    let url = std::env::var("LANTERN_TEST_PG")
        .ok()
        .filter(|url| !url.is_empty());
    url.unwrap_or_else(|| {
        panic!(
            "LANTERN_TEST_PG is not set: the PostgreSQL tests need a real server. \
             Run them via `make test`, or start one with `eval \"$(scripts/pg.sh start)\"` \
             and export LANTERN_TEST_PG."
        )
    })
}

/// A new, empty database on the test server, for one test's isolation.
pub async fn fresh_pg_database() -> String {
    use sqlx::Connection;
    let admin_url = pg_url();
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .expect("connect to LANTERN_TEST_PG");
    let name = format!("lantern_test_{}", &new_key()[..16]);
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    let (base, _) = admin_url.rsplit_once('/').expect("URL ends with /DATABASE");
    format!("{base}/{name}")
}

/// The real `lantern-intake` binary, serving on a free loopback port, with
/// everything it prints captured.
pub struct Server {
    pub child: std::process::Child,
    pub address: std::net::SocketAddr,
    pub output: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
}

impl Server {
    /// Starts `serve` and waits until it listens.
    pub fn start(database: &str, recipient: &str, widget_dir: &Path, extra: &[&str]) -> Server {
        Self::start_limited(database, recipient, widget_dir, extra, None)
    }

    /// The same under an open-files limit (`ulimit -n`, soft and hard).
    pub fn start_limited(
        database: &str,
        recipient: &str,
        widget_dir: &Path,
        extra: &[&str],
        open_files: Option<u32>,
    ) -> Server {
        use std::io::Read;
        use std::process::{Command, Stdio};
        use std::sync::{Arc, Mutex};
        let binary = env!("CARGO_BIN_EXE_lantern-intake");
        let mut command = match open_files {
            Some(limit) => {
                let mut shell = Command::new("sh");
                shell
                    .arg("-c")
                    .arg(format!("ulimit -n {limit} && exec \"$0\" \"$@\""))
                    .arg(binary);
                shell
            }
            None => Command::new(binary),
        };
        let mut child = command
            .args(["serve", "--listen", "127.0.0.1:0", "--database", database])
            .args(["--recipient", recipient, "--widget-dir"])
            .arg(widget_dir)
            .args(extra)
            // The most talkative level: even then nothing about a sender is logged.
            .env("LANTERN_LOG", "trace")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run lantern-intake");
        let output = Arc::new(Mutex::new(Vec::new()));
        let streams: Vec<Box<dyn Read + Send>> = vec![
            Box::new(child.stdout.take().unwrap()),
            Box::new(child.stderr.take().unwrap()),
        ];
        for mut stream in streams {
            let output = Arc::clone(&output);
            std::thread::spawn(move || {
                let mut buffer = [0u8; 4096];
                while let Ok(n) = stream.read(&mut buffer) {
                    if n == 0 {
                        break;
                    }
                    output.lock().unwrap().extend_from_slice(&buffer[..n]);
                }
            });
        }
        let started = std::time::Instant::now();
        loop {
            let text = String::from_utf8_lossy(&output.lock().unwrap()).into_owned();
            if let Some(rest) = text.split(" listening address=").nth(1) {
                let address = rest.split_whitespace().next().unwrap().parse().unwrap();
                return Server {
                    child,
                    address,
                    output,
                };
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("lantern-intake exited ({status}) before listening:\n{text}");
            }
            assert!(
                started.elapsed() < std::time::Duration::from_secs(60),
                "lantern-intake did not start:\n{text}"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// `http://ADDRESS`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Everything printed so far.
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    /// Kills the process at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Asks the process to stop (SIGTERM) and waits for it.
    pub fn stop(&mut self) {
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Runs `lantern-intake export` and returns its stdout.
pub fn export(database: &str, identity: &Path, extra: &[&str]) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_lantern-intake"))
        .args(["export", "--database", database, "--identity"])
        .arg(identity)
        .args(extra)
        .output()
        .expect("run lantern-intake export");
    assert!(
        output.status.success(),
        "export failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// `tip` as the service stores it: decoded and serialised again by the
/// shared crate (which leaves out defaults such as `voicemail_ok: false`).
pub fn canonical(tip: &serde_json::Value) -> serde_json::Value {
    let decoded = lantern_tip::decode(tip.to_string().as_bytes()).expect("a decodable tip");
    serde_json::to_value(decoded).unwrap()
}

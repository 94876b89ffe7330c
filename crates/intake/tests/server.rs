//! The real binary over real sockets, for what only sockets show: how many
//! connections it holds and for how long, the answers hyper gives before the
//! router sees a request, the metrics listener, and the modes of the files
//! it creates. The rule-breaking requests (unfinished headers, a stalled
//! body, malformed or oversized heads) are written by hand on a raw
//! `TcpStream`, byte for byte: no HTTP client can send them, and what such a
//! client gets is the point. Ordinary requests go through reqwest.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use common::{full_tip, new_key, Server};

/// A started server, and the directory holding its files.
struct Running {
    server: Server,
    _work: tempfile::TempDir,
}

fn start(extra: &[&str]) -> Running {
    start_limited(extra, None)
}

fn start_limited(extra: &[&str], open_files: Option<u32>) -> Running {
    let work = tempfile::tempdir().unwrap();
    let (_, recipient) = common::key_pair(work.path());
    let widget = common::widget_dir(work.path());
    let database = common::sqlite_url(work.path());
    let server = Server::start_limited(&database, &recipient, &widget, extra, open_files);
    Running {
        server,
        _work: work,
    }
}

/// An answer read off the socket until the server closed it.
#[derive(Debug)]
struct SocketReply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl SocketReply {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then_some(value.trim())
        })
    }

    fn code(&self) -> (String, String) {
        let body: serde_json::Value =
            serde_json::from_slice(&self.body).unwrap_or_else(|_| panic!("not JSON: {self:?}"));
        let error = &body["errors"][0];
        (
            error["field"].as_str().unwrap().to_owned(),
            error["code"].as_str().unwrap().to_owned(),
        )
    }

    /// The security headers every answer carries (see tests/api.rs).
    fn assert_secured(&self) {
        let csp = self
            .header("content-security-policy")
            .unwrap_or_else(|| panic!("no CSP: {self:?}"));
        assert!(csp.contains("default-src 'none'"), "{csp}");
        assert_eq!(self.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(self.header("referrer-policy"), Some("no-referrer"));
        assert_eq!(self.header("cache-control"), Some("no-store"));
        assert_eq!(self.header("content-type"), Some("application/json"));
    }
}

/// Sends `request` as it is and reads until the server closes.
fn exchange(address: SocketAddr, request: &[u8]) -> SocketReply {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(request).unwrap();
    read_answer(&mut stream)
}

fn read_answer(stream: &mut TcpStream) -> SocketReply {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 8192];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&buffer[..n]),
            // The server may reset a connection whose request it did not read.
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset && !bytes.is_empty() => break,
            Err(e) => panic!("reading the answer: {e} after {} bytes", bytes.len()),
        }
    }
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no head in {:?}", String::from_utf8_lossy(&bytes)));
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    SocketReply {
        status,
        head,
        body: bytes[split + 4..].to_vec(),
    }
}

/// Runs an ordinary request to completion on a runtime of its own (the
/// tests here are synchronous, like the raw sockets they mostly use).
fn block_on<T>(request: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(request)
}

/// An ordinary `GET`, through reqwest: status and body.
fn get(address: SocketAddr, path: &str) -> (u16, String) {
    block_on(async {
        let response = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap()
            .get(format!("http://{address}{path}"))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        (response.status().as_u16(), response.text().await.unwrap())
    })
}

/// A full tip, submitted through reqwest: the status.
fn submit_tip(address: SocketAddr) -> u16 {
    block_on(async {
        reqwest::Client::new()
            .post(format!("http://{address}/v1/tips"))
            .header("idempotency-key", new_key())
            .json(&full_tip("Server"))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    })
}

/// Waits for the server to close `stream` (EOF or reset) and says how long it took.
fn time_until_closed(stream: &mut TcpStream, at_most: Duration) -> Option<Duration> {
    let started = Instant::now();
    stream.set_read_timeout(Some(at_most)).unwrap();
    let mut buffer = [0u8; 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return Some(started.elapsed())
            }
            Err(_) => return None,
        }
    }
}

#[test]
fn a_connection_that_never_finishes_its_headers_is_closed_after_the_timeout() {
    let running = start(&["--header-timeout", "2"]);
    let mut slow = TcpStream::connect(running.server.address).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: intake.test\r\nX-Slow: ")
        .unwrap();
    let closed = time_until_closed(&mut slow, Duration::from_secs(15))
        .expect("the server kept a connection with unfinished headers open");
    assert!(
        closed >= Duration::from_millis(1_500) && closed < Duration::from_secs(6),
        "closed after {closed:?}"
    );
    // A keep-alive connection left idle is closed the same way.
    let mut idle = TcpStream::connect(running.server.address).unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: intake.test\r\n\r\n")
        .unwrap();
    let closed = time_until_closed(&mut idle, Duration::from_secs(15))
        .expect("an idle keep-alive connection stayed open");
    assert!(closed < Duration::from_secs(6), "closed after {closed:?}");
}

#[test]
fn a_flood_of_slow_connections_does_not_shut_everyone_else_out() {
    // 300 connections that never finish their headers, against a process
    // that may open 256 files: without a cap it runs out of descriptors and
    // accepts nobody; without a timeout the slow ones stay for ever.
    let running = start_limited(&["--header-timeout", "2"], Some(256));
    let mut slow = Vec::new();
    for _ in 0..300 {
        let mut stream = TcpStream::connect(running.server.address).unwrap();
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: intake.test\r\n")
            .unwrap();
        slow.push(stream);
    }
    let started = Instant::now();
    let (status, _) = get(running.server.address, "/healthz");
    assert_eq!(status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    // And every slow connection was let go.
    for stream in &mut slow {
        assert!(
            time_until_closed(stream, Duration::from_secs(20)).is_some(),
            "a slow connection is still open"
        );
    }
    let output = running.server.output();
    assert!(
        output.contains("--max-connections lowered to fit the open-files limit"),
        "{output}"
    );
    assert!(!output.contains("accept failed"), "{output}");
}

#[test]
fn a_body_that_stalls_is_cut_off_by_the_idle_timeout() {
    let running = start(&["--idle-timeout", "2", "--body-timeout", "60"]);
    let mut stream = TcpStream::connect(running.server.address).unwrap();
    stream
        .write_all(
            format!(
                "POST /v1/tips HTTP/1.1\r\nHost: intake.test\r\nContent-Type: application/json\r\n\
                 Idempotency-Key: {}\r\nContent-Length: 500\r\n\r\n{{\"version\": 1,",
                new_key()
            )
            .as_bytes(),
        )
        .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let started = Instant::now();
    let answer = read_answer(&mut stream);
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(answer.status, 408, "{answer:?}");
    assert_eq!(answer.code(), (String::new(), "request_timeout".to_owned()));
    answer.assert_secured();
}

#[test]
fn requests_hyper_refuses_get_the_contracts_json_and_the_security_headers() {
    let running = start(&[]);
    let address = running.server.address;
    let big_header = format!(
        "GET / HTTP/1.1\r\nHost: intake.test\r\nX-Big: {}\r\n\r\n",
        "a".repeat(70_000)
    );
    let many_headers = format!(
        "GET / HTTP/1.1\r\nHost: intake.test\r\n{}\r\n",
        (0..150)
            .map(|n| format!("X-H{n}: v\r\n"))
            .collect::<String>()
    );
    let long_target = format!(
        "GET /?q={} HTTP/1.1\r\nHost: intake.test\r\n\r\n",
        "a".repeat(10_000)
    );
    for (request, status, field, code) in [
        (
            &b"GET / HTTP/1.1\r\nHost: intake.test\r\nNo colon here\r\n\r\n"[..],
            400,
            "",
            "malformed_request",
        ),
        (
            &b"\x01\x02 nonsense\r\n\r\n"[..],
            400,
            "",
            "malformed_request",
        ),
        (
            &b"GET / HTTP/9.9\r\nHost: intake.test\r\n\r\n"[..],
            400,
            "",
            "malformed_request",
        ),
        (big_header.as_bytes(), 431, "", "too_large"),
        (many_headers.as_bytes(), 431, "", "too_large"),
        (long_target.as_bytes(), 414, "", "too_large"),
        (&b"GET / HTTP/1.1\r\n\r\n"[..], 400, "Host", "required"),
        (
            &b"GET / HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n"[..],
            400,
            "Host",
            "duplicate",
        ),
    ] {
        let answer = exchange(address, request);
        let shown = String::from_utf8_lossy(&request[..request.len().min(60)]).into_owned();
        assert_eq!(answer.status, status, "{shown}: {answer:?}");
        assert_eq!(
            answer.code(),
            (field.to_owned(), code.to_owned()),
            "{shown}"
        );
        answer.assert_secured();
        assert_eq!(
            answer.header("content-length"),
            Some(answer.body.len().to_string().as_str()),
            "{shown}"
        );
        assert!(answer.header("date").is_some(), "{shown}: {answer:?}");
    }
    // HTTP/1.0 needs no Host; a good request is unaffected.
    let old = exchange(address, b"GET /healthz HTTP/1.0\r\n\r\n");
    assert_eq!(old.status, 200, "{old:?}");
    assert_eq!(get(address, "/healthz").0, 200);
    assert_eq!(submit_tip(address), 201);
}

#[test]
fn metrics_can_have_a_listener_of_their_own() {
    let running = start(&["--metrics-listen", "127.0.0.1:0"]);
    let output = running.server.output();
    let metrics: SocketAddr = output
        .split("metrics_address=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no metrics address in {output}"))
        .parse()
        .unwrap();
    let (on_main, _) = get(running.server.address, "/metrics");
    assert_eq!(on_main, 404);
    let (on_own, body) = get(metrics, "/metrics");
    assert_eq!(on_own, 200, "{body}");
    assert!(body.contains("lantern_tips_accepted_total 0"), "{body}");
    assert_eq!(get(metrics, "/").0, 404);
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
#[test]
fn the_database_and_its_directory_are_the_services_alone() {
    let work = tempfile::tempdir().unwrap();
    let (_, recipient) = common::key_pair(work.path());
    let widget = common::widget_dir(work.path());
    // Directories that do not exist yet: the service makes them.
    let data = work.path().join("var").join("lantern");
    let database = common::sqlite_url(&data);
    let mut server = Server::start(&database, &recipient, &widget, &[]);
    assert_eq!(submit_tip(server.address), 201);
    for dir in [work.path().join("var"), data.clone()] {
        assert_eq!(mode(&dir), 0o700, "{}", dir.display());
    }
    // While it runs, the WAL and shared-memory files exist beside it.
    for name in ["lantern.db", "lantern.db-wal", "lantern.db-shm"] {
        assert_eq!(mode(&data.join(name)), 0o600, "{name}");
    }
    server.stop();

    // A database left readable by an older version is closed up at start.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        data.join("lantern.db"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let server = Server::start(&database, &recipient, &widget, &[]);
    assert_eq!(mode(&data.join("lantern.db")), 0o600);
    assert_eq!(submit_tip(server.address), 201);
    for name in ["lantern.db-wal", "lantern.db-shm"] {
        assert_eq!(mode(&data.join(name)), 0o600, "{name}");
    }
}

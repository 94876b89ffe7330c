//! The analysts' console's server side (issue 17) on real SQLite and real
//! PostgreSQL: the administrator's real `lantern-intake analyst` and
//! `audit` commands, the real router, and a software passkey
//! (webauthn-authenticator-rs's `SoftPasskey`) for the WebAuthn ceremonies.

mod common;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use lantern_intake::console::ConsoleSettings;
use lantern_intake::page::WidgetPage;
use lantern_intake::seal::Sealer;
use lantern_intake::store::AnyStore;
use lantern_intake::{app, AppState, Settings};
use serde_json::{json, Value};
use tower::ServiceExt;
use webauthn_authenticator_rs::softpasskey::SoftPasskey;
use webauthn_authenticator_rs::WebauthnAuthenticator;
use webauthn_rs::prelude::Url;

const ORIGIN: &str = "http://localhost:8080";
const COOKIE_ATTRIBUTES: &str = "; HttpOnly; Secure; SameSite=Strict; Path=/console/";

/// Which real database a test runs on.
#[derive(Clone, Copy, Debug)]
enum Db {
    Sqlite,
    Postgres,
}

/// One console under test: a database, the router on it, and a temp dir.
struct Bench {
    dir: tempfile::TempDir,
    url: String,
    router: Router,
    /// The hotline's identity file (opens the tips).
    identity: std::path::PathBuf,
}

impl Bench {
    async fn new(db: Db) -> Bench {
        Self::with(db, ConsoleSettings::default()).await
    }

    async fn with(db: Db, console: ConsoleSettings) -> Bench {
        let dir = tempfile::tempdir().unwrap();
        let url = match db {
            Db::Sqlite => common::sqlite_url(dir.path()),
            Db::Postgres => common::fresh_pg_database().await,
        };
        let store = AnyStore::open(&url).await.unwrap();
        let (identity, recipient) = common::key_pair(dir.path());
        let page = WidgetPage::load(&common::widget_dir(dir.path()), None).unwrap();
        let state = AppState::new(
            store,
            Sealer::new(&[recipient]).unwrap(),
            page,
            Settings {
                rate_limit: common::NO_LIMIT,
                console: ConsoleSettings {
                    origin: ORIGIN.into(),
                    ..console
                },
                ..Settings::default()
            },
        )
        .unwrap();
        Bench {
            url,
            router: app(state),
            identity,
            dir,
        }
    }

    /// Runs the real `lantern-intake` with `args` on this database.
    fn cli(&self, args: &[&str]) -> Output {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_lantern-intake"));
        command.args(args).args(["--database", &self.url]);
        if args[0] == "analyst" {
            command.args(["--console-origin", ORIGIN]);
        }
        command
            .env_remove("LANTERN_DATABASE")
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }

    /// `analyst add NAME`: the token from the link it prints.
    fn add(&self, name: &str, extra: &[&str]) -> String {
        let mut args = vec!["analyst", "add", name];
        args.extend_from_slice(extra);
        let out = self.cli(&args);
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            out.status.success(),
            "{text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let link = text
            .lines()
            .find(|line| line.starts_with(ORIGIN))
            .unwrap_or_else(|| panic!("no link in {text}"));
        let (base, token) = link.split_once('#').expect("the token in the fragment");
        assert_eq!(base, format!("{ORIGIN}/console/enrol"));
        token.to_owned()
    }

    async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            headers,
            body: body.to_vec(),
        }
    }

    /// A console POST as the console app sends it (same origin, JSON).
    async fn post(&self, path: &str, body: &Value, cookie: Option<&str>) -> Reply {
        let mut request = Request::post(path)
            .header(header::HOST, "localhost:8080")
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::from(body.to_string())).unwrap())
            .await
    }

    async fn me(&self, cookie: Option<&str>) -> Reply {
        let mut request = Request::get("/console/api/me").header(header::HOST, "localhost:8080");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// Enrols a new software passkey with `token`.
    async fn enrol(&self, token: &str, passkey: &mut Authenticator) -> Reply {
        let start = self
            .post("/console/api/enrol/start", &json!({ "token": token }), None)
            .await;
        if start.status != StatusCode::OK {
            return start;
        }
        let options = serde_json::from_value(start.json()["options"].clone()).unwrap();
        let credential = passkey
            .do_registration(Url::parse(ORIGIN).unwrap(), options)
            .expect("the soft passkey registers");
        self.post(
            "/console/api/enrol/finish",
            &json!({ "ceremony": start.json()["ceremony"], "credential": credential }),
            None,
        )
        .await
    }

    /// Signs in as `name` with `passkey`: the whole answer of `finish`.
    async fn sign_in(&self, name: &str, passkey: &mut Authenticator) -> Reply {
        let start = self
            .post("/console/api/signin/start", &json!({ "name": name }), None)
            .await;
        if start.status != StatusCode::OK {
            return start;
        }
        let options = serde_json::from_value(start.json()["options"].clone()).unwrap();
        let credential = passkey
            .do_authentication(Url::parse(ORIGIN).unwrap(), options)
            .expect("the soft passkey signs");
        self.post(
            "/console/api/signin/finish",
            &json!({ "ceremony": start.json()["ceremony"], "credential": credential }),
            None,
        )
        .await
    }

    /// Adds `name`, enrols a passkey, signs in: the cookie to send back.
    async fn signed_in(&self, name: &str) -> (String, Authenticator) {
        let token = self.add(name, &[]);
        let mut passkey = soft_passkey();
        assert_eq!(
            self.enrol(&token, &mut passkey).await.status,
            StatusCode::CREATED
        );
        let answer = self.sign_in(name, &mut passkey).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
        (answer.cookie(), passkey)
    }

    fn audit_actions(&self) -> Vec<String> {
        let out = self.cli(&["audit", "list"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|line| line.to_owned())
            .collect()
    }
}

type Authenticator = WebauthnAuthenticator<SoftPasskey>;

fn soft_passkey() -> Authenticator {
    // `true`: the soft key claims user verification, as a real passkey
    // with a PIN or fingerprint does (passkeys require it).
    WebauthnAuthenticator::new(SoftPasskey::new(true))
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.text()))
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn code(&self) -> String {
        self.json()["errors"][0]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("no error code: {}", self.text()))
            .to_owned()
    }

    fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect()
    }

    /// The `Cookie` header a browser would send back for the one cookie set.
    fn cookie(&self) -> String {
        let set = self.set_cookies();
        assert_eq!(set.len(), 1, "{set:?}");
        set[0].split(';').next().unwrap().to_owned()
    }
}

async fn enrolment_works_once_and_sign_in_sets_exactly_the_console_cookie(db: Db) {
    let bench = Bench::new(db).await;
    let enrolment = bench.add("Ana Analyst", &[]);
    let mut passkey = soft_passkey();

    let enrolled = bench.enrol(&enrolment, &mut passkey).await;
    assert_eq!(enrolled.status, StatusCode::CREATED, "{}", enrolled.text());
    assert!(
        enrolled.set_cookies().is_empty(),
        "enrolment signs nobody in"
    );

    // The link works once: again, with another authenticator, it is refused.
    let again = bench.enrol(&enrolment, &mut soft_passkey()).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_eq!(again.code(), "enrolment_link_invalid");
    assert!(again.json()["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("administrator"));

    let signed_in = bench.sign_in("Ana Analyst", &mut passkey).await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.text());
    assert_eq!(signed_in.json()["name"], "Ana Analyst");
    assert_eq!(signed_in.json()["role"], "analyst");
    let set = signed_in.set_cookies();
    assert_eq!(set.len(), 1);
    let (value, attributes) = set[0].split_at(set[0].find(';').unwrap());
    assert_eq!(attributes, COOKIE_ATTRIBUTES, "exactly these attributes");
    let token = value.strip_prefix("__Secure-lantern_console=").unwrap();
    assert_eq!(token.len(), 43, "32 random bytes, base64url");

    let me = bench.me(Some(value)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["name"], "Ana Analyst");
    assert_eq!(bench.me(None).await.code(), "not_signed_in");
    let forged = bench
        .me(Some(
            "__Secure-lantern_console=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        ))
        .await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);

    // The database holds hashes of the tokens, never the tokens.
    if let Db::Sqlite = db {
        let stored = files_in(bench.dir.path());
        for secret in [token, enrolment.as_str()] {
            assert!(
                !stored.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "a token is stored in clear"
            );
        }
    }
}

/// Every byte of the files directly in `dir` (the database, its WAL and
/// shared-memory files).
fn files_in(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            all.extend(std::fs::read(path).unwrap());
        }
    }
    all
}

#[tokio::test]
async fn enrolment_works_once_and_sign_in_sets_exactly_the_console_cookie_sqlite() {
    enrolment_works_once_and_sign_in_sets_exactly_the_console_cookie(Db::Sqlite).await;
}

#[tokio::test]
async fn enrolment_works_once_and_sign_in_sets_exactly_the_console_cookie_postgres() {
    enrolment_works_once_and_sign_in_sets_exactly_the_console_cookie(Db::Postgres).await;
}

/// Two enrolments started with one link (two tabs, or someone who copied
/// it): only the first to finish enrols a passkey.
#[tokio::test]
async fn one_link_enrols_one_passkey_even_when_started_twice() {
    let bench = Bench::new(Db::Sqlite).await;
    let token = bench.add("twice", &[]);
    let mut started = Vec::new();
    for _ in 0..2 {
        let start = bench
            .post("/console/api/enrol/start", &json!({ "token": token }), None)
            .await;
        assert_eq!(start.status, StatusCode::OK);
        let options = serde_json::from_value(start.json()["options"].clone()).unwrap();
        let credential = soft_passkey()
            .do_registration(Url::parse(ORIGIN).unwrap(), options)
            .unwrap();
        started.push(json!({ "ceremony": start.json()["ceremony"], "credential": credential }));
    }
    let first = bench
        .post("/console/api/enrol/finish", &started[0], None)
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let second = bench
        .post("/console/api/enrol/finish", &started[1], None)
        .await;
    assert_eq!(second.status, StatusCode::BAD_REQUEST);
    assert_eq!(second.code(), "enrolment_link_invalid");
    // And a ceremony is answered once: the first again is refused.
    let replay = bench
        .post("/console/api/enrol/finish", &started[0], None)
        .await;
    assert_eq!(replay.code(), "ceremony_expired");
}

#[tokio::test]
async fn an_expired_enrolment_link_is_refused() {
    let bench = Bench::new(Db::Sqlite).await;
    let token = bench.add("late", &["--link-valid-for", "1s"]);
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let answer = bench.enrol(&token, &mut soft_passkey()).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.code(), "enrolment_link_invalid");
    // `analyst link` gives a fresh one that works.
    let out = bench.cli(&["analyst", "link", "late"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let fresh = text.lines().last().unwrap().split_once('#').unwrap().1;
    let answer = bench.enrol(fresh, &mut soft_passkey()).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
}

async fn a_removed_analyst_is_locked_out_at_once(db: Db) {
    let bench = Bench::new(db).await;
    let (cookie, mut passkey) = bench.signed_in("leaver").await;
    let (other, _) = bench.signed_in("stayer").await;
    assert_eq!(bench.me(Some(&cookie)).await.status, StatusCode::OK);

    let out = bench.cli(&["analyst", "remove", "leaver"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let me = bench.me(Some(&cookie)).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    assert_eq!(me.code(), "not_signed_in");
    let again = bench.sign_in("leaver", &mut passkey).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    assert_eq!(again.code(), "sign_in_failed");
    assert_eq!(bench.me(Some(&other)).await.status, StatusCode::OK);

    let list = String::from_utf8(bench.cli(&["analyst", "list"]).stdout).unwrap();
    let leaver = list.lines().find(|l| l.starts_with("leaver")).unwrap();
    assert!(leaver.contains("removed 20"), "{list}");
    let stayer = list.lines().find(|l| l.starts_with("stayer")).unwrap();
    assert!(stayer.ends_with("present"), "{list}");
    // Their entries stay, and the removal is one more.
    let log = bench.audit_actions();
    assert!(log
        .iter()
        .any(|l| l.contains("leaver") && l.contains("signed_in")));
    assert!(log
        .iter()
        .any(|l| l.contains("(administrator)") && l.contains("analyst_removed leaver")));
    assert_eq!(
        bench.cli(&["analyst", "remove", "leaver"]).status.code(),
        Some(1)
    );
}

#[tokio::test]
async fn a_removed_analyst_is_locked_out_at_once_sqlite() {
    a_removed_analyst_is_locked_out_at_once(Db::Sqlite).await;
}

#[tokio::test]
async fn a_removed_analyst_is_locked_out_at_once_postgres() {
    a_removed_analyst_is_locked_out_at_once(Db::Postgres).await;
}

#[tokio::test]
async fn sign_out_ends_the_session_at_once() {
    let bench = Bench::new(Db::Sqlite).await;
    let (cookie, _) = bench.signed_in("ana").await;
    let out = bench
        .post("/console/api/signout", &json!({}), Some(&cookie))
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(
        out.set_cookies(),
        [format!(
            "__Secure-lantern_console={COOKIE_ATTRIBUTES}; Max-Age=0"
        )]
    );
    assert_eq!(bench.me(Some(&cookie)).await.code(), "not_signed_in");
    let twice = bench
        .post("/console/api/signout", &json!({}), Some(&cookie))
        .await;
    assert_eq!(twice.status, StatusCode::UNAUTHORIZED);
    assert!(bench
        .audit_actions()
        .iter()
        .any(|l| l.contains("ana") && l.ends_with("signed_out")));
}

#[tokio::test]
async fn an_idle_session_expires() {
    let bench = Bench::with(
        Db::Sqlite,
        ConsoleSettings {
            idle: Duration::from_secs(2),
            ..ConsoleSettings::default()
        },
    )
    .await;
    let (cookie, _) = bench.signed_in("ana").await;
    // Used within the idle period, it lives on past it.
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(900)).await;
        assert_eq!(bench.me(Some(&cookie)).await.status, StatusCode::OK);
    }
    tokio::time::sleep(Duration::from_millis(3_100)).await;
    let me = bench.me(Some(&cookie)).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    assert_eq!(me.code(), "session_expired");
    // Ended, not only refused: the next try finds no session at all.
    assert_eq!(bench.me(Some(&cookie)).await.code(), "not_signed_in");
}

#[tokio::test]
async fn a_session_ends_at_its_maximum_age_however_active() {
    let bench = Bench::with(
        Db::Sqlite,
        ConsoleSettings {
            max_age: Duration::from_secs(2),
            ..ConsoleSettings::default()
        },
    )
    .await;
    let (cookie, _) = bench.signed_in("ana").await;
    for _ in 0..2 {
        assert_eq!(bench.me(Some(&cookie)).await.status, StatusCode::OK);
        tokio::time::sleep(Duration::from_millis(800)).await;
    }
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    assert_eq!(bench.me(Some(&cookie)).await.code(), "session_expired");
}

#[tokio::test]
async fn requests_from_another_origin_are_refused() {
    let bench = Bench::new(Db::Sqlite).await;
    let (cookie, _) = bench.signed_in("ana").await;
    let from = |origin: Option<&str>, method: &str, path: &str| {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "localhost:8080")
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        request.body(Body::from("{}")).unwrap()
    };
    for (origin, method, path) in [
        (Some("https://evil.example"), "GET", "/console/api/me"),
        (Some("http://localhost:8081"), "GET", "/console/api/me"),
        (Some("https://evil.example"), "POST", "/console/api/signout"),
        (None, "POST", "/console/api/signout"),
        (Some("null"), "POST", "/console/api/signin/start"),
    ] {
        let answer = bench.send(from(origin, method, path)).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{origin:?} {path}");
        assert_eq!(answer.code(), "wrong_origin");
    }
    // None of those ended the session.
    assert_eq!(bench.me(Some(&cookie)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn malformed_console_requests_get_the_structured_error() {
    let bench = Bench::new(Db::Sqlite).await;
    let answer = bench
        .post("/console/api/signin/start", &json!({"nome": "x"}), None)
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.code(), "malformed_json");
    let answer = bench
        .send(
            Request::post("/console/api/signin/start")
                .header(header::HOST, "localhost:8080")
                .header(header::ORIGIN, ORIGIN)
                .header(header::CONTENT_TYPE, "text/plain")
                .body(Body::from("{\"name\":\"x\"}"))
                .unwrap(),
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let answer = bench
        .post(
            "/console/api/enrol/finish",
            &json!({"ceremony": "made-up", "credential": {}}),
            None,
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let answer = bench
        .post(
            "/console/api/signin/start",
            &json!({"name": "nobody"}),
            None,
        )
        .await;
    assert_eq!(answer.code(), "sign_in_failed");
}

/// One address cannot start ceremonies without end (and so fill the
/// server's table of them and lock everyone out): after the burst, 429.
#[tokio::test]
async fn starting_ceremonies_is_rate_limited_per_client() {
    let bench = Bench::new(Db::Sqlite).await;
    let token = bench.add("ana", &[]);
    let burst = lantern_intake::console::passkeys::START_LIMIT.burst;
    for i in 0..burst {
        let path = if i % 2 == 0 { "enrol" } else { "signin" };
        let body = if i % 2 == 0 {
            json!({ "token": token })
        } else {
            json!({ "name": "ana" })
        };
        let answer = bench
            .post(&format!("/console/api/{path}/start"), &body, None)
            .await;
        assert_ne!(answer.status, StatusCode::TOO_MANY_REQUESTS, "start {i}");
    }
    let answer = bench
        .post("/console/api/enrol/start", &json!({ "token": token }), None)
        .await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(answer.code(), "rate_limited");
    let wait: u64 = answer.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    // Signed-in routes are not held up by it.
    assert_eq!(bench.me(None).await.code(), "not_signed_in");
}

/// Every route outside `/console/` that a browser or a partner reaches,
/// with the analyst's session cookie sent along: not one sets a cookie.
#[tokio::test]
async fn no_widget_or_v1_response_sets_a_cookie() {
    let bench = Bench::new(Db::Sqlite).await;
    let (cookie, _) = bench.signed_in("ana").await;
    let key = common::new_key();
    let tip = common::full_tip("COOKIECHECK").to_string();
    let requests = [
        ("GET", "/", None, None),
        ("GET", "/index.html", None, None),
        ("GET", "/?lang=es", None, None),
        ("GET", "/lantern-0123456789abcdef.js", None, None),
        ("GET", "/lantern-0123456789abcdef_bg.wasm", None, None),
        ("GET", "/embed.js", None, None),
        ("GET", "/favicon.ico", None, None),
        ("GET", "/healthz", None, None),
        ("GET", "/readyz", None, None),
        ("GET", "/metrics", None, None),
        ("GET", "/v1/openapi.json", None, None),
        ("GET", "/v1/tips", None, None),
        ("GET", "/v1/nothing", None, None),
        ("GET", "/nothing-here", None, None),
        ("POST", "/v1/tips", Some(tip.clone()), Some(key.clone())),
        ("POST", "/v1/tips", Some(tip), Some(key)),
        (
            "POST",
            "/v1/tips",
            Some("{".into()),
            Some(common::new_key()),
        ),
        ("POST", "/v1/followups", Some("{}".into()), None),
        ("POST", "/v1/followups/messages", Some("{}".into()), None),
        ("POST", "/v1/followups/answers", Some("{}".into()), None),
        ("OPTIONS", "/v1/tips", None, None),
    ];
    let mut statuses = Vec::new();
    for (method, path, body, key) in requests {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "localhost:8080")
            .header(header::ORIGIN, ORIGIN)
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        let body = body.map_or_else(Body::empty, Body::from);
        let answer = bench.send(request.body(body).unwrap()).await;
        assert!(
            answer.set_cookies().is_empty(),
            "{method} {path} set a cookie: {:?}",
            answer.set_cookies()
        );
        statuses.push(answer.status.as_u16());
    }
    // The requests did reach real answers (a page, a stored tip, refusals).
    assert_eq!(statuses[0], 200);
    assert_eq!(statuses[14], 201, "the tip was stored");
    assert_eq!(statuses[15], 201, "its retry got its receipt");
    assert_eq!(statuses[16], 400);
    // And the console's own cookie is set by sign-in alone.
    assert!(bench.me(Some(&cookie)).await.set_cookies().is_empty());
}

/// The audit chain on a real database: each account action is an entry,
/// the service itself cannot change them, and someone holding the
/// database who deletes or edits one is caught by `audit verify`.
async fn the_audit_chain_detects_a_removed_and_an_edited_entry(db: Db) {
    let bench = Bench::new(db).await;
    let (cookie, _) = bench.signed_in("ana").await;
    bench
        .post("/console/api/signout", &json!({}), Some(&cookie))
        .await;
    bench.add("ben", &["--admin"]);
    assert!(bench.cli(&["analyst", "remove", "ben"]).status.success());
    let actions: Vec<String> = bench
        .audit_actions()
        .iter()
        .map(|l| l.split_whitespace().skip(3).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        actions,
        [
            "analyst_added analyst ana",
            "passkey_enrolled",
            "signed_in",
            "signed_out",
            "analyst_added admin ben",
            "analyst_removed ben",
        ]
    );
    let verify = bench.cli(&["audit", "verify"]);
    assert!(verify.status.success());
    assert!(String::from_utf8_lossy(&verify.stdout).contains("6 entries"));

    // The service's own connection cannot change the log.
    let refused = exec(&bench.url, "DELETE FROM audit_log WHERE seq = 2").await;
    assert!(refused.unwrap_err().contains("append-only"));
    let refused = exec(&bench.url, "UPDATE audit_log SET actor = 'x'").await;
    assert!(refused.unwrap_err().contains("append-only"));

    // Someone with the database drops the guard and edits entry 3 ...
    drop_guards(&bench.url, db).await;
    exec(
        &bench.url,
        "UPDATE audit_log SET at = at - 3600 WHERE seq = 3",
    )
    .await
    .unwrap();
    let verify = bench.cli(&["audit", "verify"]);
    assert_eq!(verify.status.code(), Some(1));
    let said = String::from_utf8_lossy(&verify.stderr);
    assert!(
        said.contains("breaks at entry 3: its contents were changed"),
        "{said}"
    );
    exec(
        &bench.url,
        "UPDATE audit_log SET at = at + 3600 WHERE seq = 3",
    )
    .await
    .unwrap();
    assert!(bench.cli(&["audit", "verify"]).status.success());

    // ... or deletes entry 2 (the passkey's enrolment) ...
    exec(&bench.url, "DELETE FROM audit_log WHERE seq = 2")
        .await
        .unwrap();
    let said = String::from_utf8(bench.cli(&["audit", "verify"]).stderr).unwrap();
    assert!(
        said.contains("breaks at entry 3: entries before it are missing"),
        "{said}"
    );
    // ... and closes up the numbers to hide the gap.
    for seq in 3..=6 {
        exec(
            &bench.url,
            &format!("UPDATE audit_log SET seq = {} WHERE seq = {seq}", seq - 1),
        )
        .await
        .unwrap();
    }
    let said = String::from_utf8(bench.cli(&["audit", "verify"]).stderr).unwrap();
    assert!(said.contains("breaks at entry 2"), "{said}");
}

/// Administrators read the log in the console, checked; analysts cannot.
#[tokio::test]
async fn administrators_read_the_checked_audit_log_in_the_console() {
    let bench = Bench::new(Db::Sqlite).await;
    let (analyst, _) = bench.signed_in("ana").await;
    let token = bench.add("root", &["--admin"]);
    let mut passkey = soft_passkey();
    assert_eq!(
        bench.enrol(&token, &mut passkey).await.status,
        StatusCode::CREATED
    );
    let admin = bench.sign_in("root", &mut passkey).await.cookie();

    let refused = bench.get("/console/api/audit", Some(&analyst)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.code(), "admin_only");
    assert_eq!(
        bench.get("/console/api/audit", None).await.code(),
        "not_signed_in"
    );

    let log = bench.get("/console/api/audit", Some(&admin)).await.json();
    let entries = log["entries"].as_array().unwrap();
    let said: Vec<(String, String, String)> = entries
        .iter()
        .map(|e| {
            (
                e["actor"].as_str().unwrap().to_owned(),
                e["action"].as_str().unwrap().to_owned(),
                e["subject"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let expect = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
    assert_eq!(
        said,
        [
            expect("(administrator)", "analyst_added", "ana"),
            expect("ana", "passkey_enrolled", ""),
            expect("ana", "signed_in", ""),
            expect("(administrator)", "analyst_added", "root"),
            expect("root", "passkey_enrolled", ""),
            expect("root", "signed_in", ""),
        ]
    );
    assert_eq!(log["head"]["entries"], 6);
    assert_eq!(log["broken"], Value::Null);

    // A broken chain is reported there too.
    drop_guards(&bench.url, Db::Sqlite).await;
    exec(
        &bench.url,
        "UPDATE audit_log SET actor = 'cli' WHERE seq = 3",
    )
    .await
    .unwrap();
    let log = bench.get("/console/api/audit", Some(&admin)).await.json();
    assert_eq!(log["broken"], json!({"seq": 3, "problem": "hash_mismatch"}));
    assert_eq!(log["head"], Value::Null);
}

#[tokio::test]
async fn the_audit_chain_detects_a_removed_and_an_edited_entry_sqlite() {
    the_audit_chain_detects_a_removed_and_an_edited_entry(Db::Sqlite).await;
}

#[tokio::test]
async fn the_audit_chain_detects_a_removed_and_an_edited_entry_postgres() {
    the_audit_chain_detects_a_removed_and_an_edited_entry(Db::Postgres).await;
}

/// Runs one statement on the database, on a connection of its own, as
/// anyone holding the database could.
async fn exec(url: &str, statement: &str) -> Result<(), String> {
    use sqlx::Connection;
    let result = if url.starts_with("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
        sqlx::query(statement).execute(&mut conn).await.map(drop)
    } else {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query(statement).execute(&mut conn).await.map(drop)
    };
    result.map_err(|e| e.to_string())
}

async fn drop_guards(url: &str, db: Db) {
    let statements: &[&str] = match db {
        Db::Sqlite => &[
            "DROP TRIGGER audit_log_no_update",
            "DROP TRIGGER audit_log_no_delete",
        ],
        Db::Postgres => &["DROP TRIGGER audit_log_no_change ON audit_log"],
    };
    for statement in statements {
        exec(url, statement).await.unwrap();
    }
}

impl Bench {
    async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut request = Request::get(path).header(header::HOST, "localhost:8080");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// Sends a tip as the widget does; returns its Idempotency-Key.
    async fn tip(&self, tip: &Value) -> String {
        let key = common::new_key();
        let answer = self
            .send(
                Request::post("/v1/tips")
                    .header(header::HOST, "localhost:8080")
                    .header(header::CONTENT_TYPE, "application/json")
                    .header("idempotency-key", &key)
                    .body(Body::from(tip.to_string()))
                    .unwrap(),
            )
            .await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
        key
    }
}

async fn the_inbox_lists_sealed_tips_with_only_their_clear_columns(db: Db) {
    use base64::Engine;
    let bench = Bench::new(db).await;
    let (cookie, _) = bench.signed_in("ana").await;
    let mut first = common::full_tip("INBOXMARKERONE");
    first["partner"] = json!("city-of-x");
    bench.tip(&first).await;
    let second_key = bench
        .tip(&json!({"version": 1, "narrative": "INBOXMARKERTWO was seen at the docks"}))
        .await;
    // The second reporter registers a follow-up code: they can be asked.
    let (_, reporter) = lantern_intake::seal::generate_identity("reporter");
    let registered = bench
        .send(
            Request::post("/v1/followups")
                .header(header::HOST, "localhost:8080")
                .header(header::CONTENT_TYPE, "application/json")
                .header("idempotency-key", &second_key)
                .body(Body::from(
                    json!({"lookup_token": common::new_key().repeat(2), "recipient": reporter})
                        .to_string(),
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(registered.status.as_u16(), 201, "{}", registered.text());

    // Signed out, nothing.
    for path in [
        "/console/api/tips",
        "/console/api/tips/1",
        "/console/api/analysts",
    ] {
        assert_eq!(bench.get(path, None).await.code(), "not_signed_in");
    }

    let inbox = bench.get("/console/api/tips", Some(&cookie)).await;
    assert_eq!(inbox.status, StatusCode::OK, "{}", inbox.text());
    assert!(
        !inbox.text().contains("INBOXMARKER"),
        "plaintext in the answer"
    );
    let tips = inbox.json()["tips"].as_array().unwrap().clone();
    assert_eq!(tips.len(), 2);
    let opener = lantern_intake::seal::Opener::from_file(&bench.identity).unwrap();
    let mut by_marker = std::collections::HashMap::new();
    for tip in &tips {
        let keys: Vec<&str> = tip
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        assert_eq!(
            keys,
            [
                "assignee",
                "can_ask",
                "case",
                "id",
                "labels",
                "partner",
                "priority",
                "received_hour",
                "sealed",
                "status",
                "status_changed_at",
                "unread"
            ],
            "only the clear columns and the sealed bytes"
        );
        assert!(tip["received_hour"].as_str().unwrap().ends_with(":00:00Z"));
        assert_eq!(tip["status"], "new");
        let sealed = base64::engine::general_purpose::STANDARD
            .decode(tip["sealed"].as_str().unwrap())
            .unwrap();
        let plain = String::from_utf8(opener.open(&sealed).unwrap()).unwrap();
        let marker = if plain.contains("INBOXMARKERONE") {
            "one"
        } else {
            "two"
        };
        by_marker.insert(marker, tip.clone());
    }
    assert_eq!(by_marker["one"]["partner"], "city-of-x");
    assert_eq!(by_marker["one"]["can_ask"], false);
    assert_eq!(by_marker["two"]["partner"], Value::Null);
    assert_eq!(by_marker["two"]["can_ask"], true);

    // Triage: each change dated, by whom, in the tip's history.
    let id = by_marker["one"]["id"].as_str().unwrap().to_owned();
    let status = |status: &str| json!({ "status": status });
    let path = format!("/console/api/tips/{id}/status");
    let changed = bench.post(&path, &status("in_review"), Some(&cookie)).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text());
    let changed = bench.post(&path, &status("referred"), Some(&cookie)).await;
    let history = changed.json()["history"].as_array().unwrap().clone();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["what"], "status");
    assert_eq!(history[0]["value"], "in_review");
    assert_eq!(history[1]["value"], "referred");
    assert_eq!(history[1]["by"], "ana");
    assert!(history[1]["at"].as_str().unwrap().starts_with("20"));
    assert_eq!(changed.json()["status"], "referred");
    assert!(changed.json()["status_changed_at"].is_string());

    // New tips come first.
    let inbox = bench.get("/console/api/tips", Some(&cookie)).await.json();
    assert_eq!(inbox["tips"][0]["status"], "new");
    assert_eq!(inbox["tips"][1]["id"], id.as_str());

    let opened = bench
        .get(&format!("/console/api/tips/{id}"), Some(&cookie))
        .await;
    assert_eq!(opened.json()["history"].as_array().unwrap().len(), 2);

    // Refusals say what is wrong.
    let bad = bench.post(&path, &status("lost"), Some(&cookie)).await;
    assert_eq!(bad.code(), "malformed_json");
    let missing = bench
        .post(
            "/console/api/tips/12345/status",
            &status("closed"),
            Some(&cookie),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.code(), "no_such_tip");
    assert_eq!(
        bench
            .get("/console/api/tips/abc", Some(&cookie))
            .await
            .code(),
        "no_such_tip"
    );
    let stranger = bench.post(&path, &status("closed"), None).await;
    assert_eq!(stranger.code(), "not_signed_in");

    // Every listing, opening and change is in the audit log, with the tip.
    let log = bench.audit_actions();
    let count = |what: &str| log.iter().filter(|l| l.contains(what)).count();
    assert_eq!(count("tips_listed"), 2);
    assert_eq!(count(&format!("tip_opened tip {id}")), 3);
    assert_eq!(count(&format!("status_changed in_review tip {id}")), 1);
    assert_eq!(count(&format!("status_changed referred tip {id}")), 1);
    assert!(bench.cli(&["audit", "verify"]).status.success());
}

#[tokio::test]
async fn the_inbox_lists_sealed_tips_with_only_their_clear_columns_sqlite() {
    the_inbox_lists_sealed_tips_with_only_their_clear_columns(Db::Sqlite).await;
}

#[tokio::test]
async fn the_inbox_lists_sealed_tips_with_only_their_clear_columns_postgres() {
    the_inbox_lists_sealed_tips_with_only_their_clear_columns(Db::Postgres).await;
}

/// Makes every insert into the audit log fail, as a full disk or a lost
/// connection would between a change and its entry.
async fn break_the_audit_log(url: &str, db: Db) {
    let statements: &[&str] = match db {
        Db::Sqlite => &[
            "CREATE TRIGGER inject_audit_failure BEFORE INSERT ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
        ],
        Db::Postgres => &[
            "CREATE FUNCTION inject_audit_failure() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$",
            "CREATE TRIGGER inject_audit_failure BEFORE INSERT ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION inject_audit_failure()",
        ],
    };
    for statement in statements {
        exec(url, statement).await.unwrap();
    }
}

async fn mend_the_audit_log(url: &str, db: Db) {
    let statement = match db {
        Db::Sqlite => "DROP TRIGGER inject_audit_failure",
        Db::Postgres => "DROP TRIGGER inject_audit_failure ON audit_log",
    };
    exec(url, statement).await.unwrap();
}

/// A change and its audit entry are one transaction: when the entry
/// cannot be written, the change is not made either (account changes from
/// the command line, a tip's status and a sign-out from the console).
async fn a_change_whose_audit_entry_fails_is_not_made(db: Db) {
    let bench = Bench::new(db).await;
    let (cookie, _) = bench.signed_in("ana").await;
    bench.tip(&common::full_tip("ROLLBACKMARKER")).await;
    let inbox = bench.get("/console/api/tips", Some(&cookie)).await.json();
    let id = inbox["tips"][0]["id"].as_str().unwrap().to_owned();
    let before = bench.audit_actions();

    break_the_audit_log(&bench.url, db).await;
    let changed = bench
        .post(
            &format!("/console/api/tips/{id}/status"),
            &json!({"status": "closed"}),
            Some(&cookie),
        )
        .await;
    assert!(
        changed.status.is_server_error(),
        "{} {}",
        changed.status,
        changed.text()
    );
    assert!(!bench.cli(&["analyst", "add", "ben"]).status.success());
    assert!(!bench.cli(&["analyst", "remove", "ana"]).status.success());
    assert!(!bench.cli(&["analyst", "link", "ana"]).status.success());
    let signed_out = bench
        .post("/console/api/signout", &json!({}), Some(&cookie))
        .await;
    assert!(signed_out.status.is_server_error(), "{}", signed_out.status);
    mend_the_audit_log(&bench.url, db).await;

    assert_eq!(bench.audit_actions(), before, "no entry was written");
    let opened = bench
        .get(&format!("/console/api/tips/{id}"), Some(&cookie))
        .await;
    assert_eq!(opened.status, StatusCode::OK, "ana is still signed in");
    assert_eq!(opened.json()["status"], "new");
    assert_eq!(opened.json()["history"], json!([]));
    let list = String::from_utf8(bench.cli(&["analyst", "list"]).stdout).unwrap();
    assert!(!list.contains("ben"), "{list}");
    // Only the one link `signed_in` used: the failed `link` left none.
    assert_eq!(
        count(&bench.url, "SELECT COUNT(*) FROM enrolment_tokens").await,
        1
    );
    assert!(bench.cli(&["audit", "verify"]).status.success());
    // Mended, the same changes go through with their entries.
    assert!(bench.cli(&["analyst", "remove", "ana"]).status.success());
    assert_eq!(bench.me(Some(&cookie)).await.code(), "not_signed_in");
}

#[tokio::test]
async fn a_change_whose_audit_entry_fails_is_not_made_sqlite() {
    a_change_whose_audit_entry_fails_is_not_made(Db::Sqlite).await;
}

#[tokio::test]
async fn a_change_whose_audit_entry_fails_is_not_made_postgres() {
    a_change_whose_audit_entry_fails_is_not_made(Db::Postgres).await;
}

/// One number from the database, on a connection of its own.
async fn count(url: &str, query: &str) -> i64 {
    use sqlx::Connection;
    if url.starts_with("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
        sqlx::query_scalar(query)
            .fetch_one(&mut conn)
            .await
            .unwrap()
    } else {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query_scalar(query)
            .fetch_one(&mut conn)
            .await
            .unwrap()
    }
}

/// Twenty status changes at once, over HTTP: every one answered, every one
/// in the tip's history and in the log, and the chain still holds.
async fn concurrent_changes_keep_the_audit_chain_whole(db: Db) {
    const AT_ONCE: usize = 20;
    let bench = Bench::new(db).await;
    let (cookie, _) = bench.signed_in("ana").await;
    bench.tip(&common::full_tip("CONCURRENTMARKER")).await;
    let inbox = bench.get("/console/api/tips", Some(&cookie)).await.json();
    let id = inbox["tips"][0]["id"].as_str().unwrap().to_owned();

    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..AT_ONCE {
        let router = bench.router.clone();
        let path = format!("/console/api/tips/{id}/status");
        let cookie = cookie.clone();
        let status = ["in_review", "referred", "closed", "new"][i % 4];
        tasks.spawn(async move {
            let request = Request::post(path)
                .header(header::HOST, "localhost:8080")
                .header(header::ORIGIN, ORIGIN)
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::COOKIE, cookie)
                .body(Body::from(json!({ "status": status }).to_string()))
                .unwrap();
            let response = router.oneshot(request).await.unwrap();
            let status = response.status();
            let body = response.into_body().collect().await.unwrap().to_bytes();
            (status, String::from_utf8_lossy(&body).into_owned())
        });
    }
    while let Some(answer) = tasks.join_next().await {
        let (status, body) = answer.unwrap();
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    let opened = bench
        .get(&format!("/console/api/tips/{id}"), Some(&cookie))
        .await;
    assert_eq!(opened.json()["history"].as_array().unwrap().len(), AT_ONCE);
    let log = bench.audit_actions();
    let changes = log.iter().filter(|l| l.contains("status_changed")).count();
    assert_eq!(changes, AT_ONCE);
    let verify = bench.cli(&["audit", "verify"]);
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_changes_keep_the_audit_chain_whole_sqlite() {
    concurrent_changes_keep_the_audit_chain_whole(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_changes_keep_the_audit_chain_whole_postgres() {
    concurrent_changes_keep_the_audit_chain_whole(Db::Postgres).await;
}

/// Labels (from the fixed lists), priority and assignee: each set, dated
/// and audited in one transaction, refused with a code when not on the
/// lists, and not set at all when its entry cannot be written.
async fn triage_labels_priority_and_assignee(db: Db) {
    let bench = Bench::new(db).await;
    let (cookie, _) = bench.signed_in("ana").await;
    bench.add("ben", &[]);
    bench.tip(&common::full_tip("TRIAGEMARKER")).await;
    let inbox = bench.get("/console/api/tips", Some(&cookie)).await.json();
    let id = inbox["tips"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(inbox["tips"][0]["labels"], json!([]));
    assert_eq!(inbox["tips"][0]["priority"], Value::Null);
    assert_eq!(inbox["tips"][0]["assignee"], Value::Null);
    let post = |what: &'static str, body: Value| {
        let path = format!("/console/api/tips/{id}/{what}");
        let cookie = cookie.clone();
        let bench = &bench;
        async move { bench.post(&path, &body, Some(&cookie)).await }
    };

    let set = post(
        "labels",
        json!({"labels": ["debt-bondage", "domestic-work"]}),
    )
    .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text());
    assert_eq!(
        set.json()["labels"],
        json!(["domestic-work", "debt-bondage"])
    );
    for bad in [
        json!({"labels": ["debt-bondage", "made-up"]}),
        json!({"labels": ["debt-bondage", "debt-bondage"]}),
        json!({"labels": vec!["isolation"; 13]}),
    ] {
        let refused = post("labels", bad).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert_eq!(refused.code(), "unknown_label");
    }

    let set = post("priority", json!({"priority": "urgent"})).await;
    assert_eq!(set.json()["priority"], "urgent");
    assert_eq!(
        post("priority", json!({"priority": "critical"}))
            .await
            .code(),
        "unknown_priority"
    );

    let set = post("assignee", json!({"assignee": "ben"})).await;
    assert_eq!(set.json()["assignee"], "ben");
    assert_eq!(
        post("assignee", json!({"assignee": "nobody"})).await.code(),
        "no_such_analyst"
    );
    let missing = bench
        .post(
            "/console/api/tips/12345/priority",
            &json!({"priority": "low"}),
            Some(&cookie),
        )
        .await;
    assert_eq!(missing.code(), "no_such_tip");
    assert_eq!(
        bench
            .post(
                &format!("/console/api/tips/{id}/labels"),
                &json!({"labels": []}),
                None
            )
            .await
            .code(),
        "not_signed_in"
    );

    // Stored: the inbox shows them; refusals changed nothing.
    let inbox = bench.get("/console/api/tips", Some(&cookie)).await.json();
    assert_eq!(
        inbox["tips"][0]["labels"],
        json!(["domestic-work", "debt-bondage"])
    );
    assert_eq!(inbox["tips"][0]["priority"], "urgent");
    assert_eq!(inbox["tips"][0]["assignee"], "ben");
    assert_eq!(
        count(&bench.url, "SELECT COUNT(*) FROM tip_triage WHERE labels_at IS NOT NULL AND priority_at IS NOT NULL AND assignee_at IS NOT NULL").await,
        1,
        "each change dated"
    );

    // Cleared, and a change whose entry fails is not made.
    let cleared = post("assignee", json!({"assignee": null})).await;
    assert_eq!(cleared.json()["assignee"], Value::Null);
    break_the_audit_log(&bench.url, db).await;
    assert!(post("priority", json!({"priority": "low"}))
        .await
        .status
        .is_server_error());
    assert!(post("labels", json!({"labels": []}))
        .await
        .status
        .is_server_error());
    mend_the_audit_log(&bench.url, db).await;
    let opened = bench
        .get(&format!("/console/api/tips/{id}"), Some(&cookie))
        .await
        .json();
    assert_eq!(opened["priority"], "urgent");
    assert_eq!(opened["labels"], json!(["domestic-work", "debt-bondage"]));
    // The tip's history holds every triage change, dated and named.
    let history: Vec<(String, Value, String)> = opened["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert!(c["at"].as_str().unwrap().starts_with("20"), "{c}");
            (
                c["what"].as_str().unwrap().to_owned(),
                c["value"].clone(),
                c["by"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let ana = || "ana".to_owned();
    assert_eq!(
        history,
        [
            ("labels".into(), json!("domestic-work debt-bondage"), ana()),
            ("priority".into(), json!("urgent"), ana()),
            ("assignee".into(), json!("ben"), ana()),
            ("assignee".into(), Value::Null, ana()),
        ]
    );

    // The names a tip can be assigned to, behind the session.
    let names = bench
        .get("/console/api/analysts", Some(&cookie))
        .await
        .json();
    assert_eq!(
        names,
        json!({"analysts": [{"name": "ana"}, {"name": "ben"}]})
    );
    assert_eq!(
        bench.get("/console/api/analysts", None).await.code(),
        "not_signed_in"
    );

    let log = bench.audit_actions();
    let has = |what: &str| {
        log.iter()
            .filter(|l| l.contains(what) && l.contains(&id))
            .count()
    };
    assert_eq!(
        has("labels_changed domestic-work debt-bondage"),
        1,
        "{log:?}"
    );
    assert_eq!(has("priority_changed urgent"), 1, "{log:?}");
    assert_eq!(has("assignee_changed"), 2, "{log:?}");
    assert_eq!(has("assignee_changed unassigned"), 1, "{log:?}");
    assert!(bench.cli(&["audit", "verify"]).status.success());
}

#[tokio::test]
async fn triage_labels_priority_and_assignee_sqlite() {
    triage_labels_priority_and_assignee(Db::Sqlite).await;
}

#[tokio::test]
async fn triage_labels_priority_and_assignee_postgres() {
    triage_labels_priority_and_assignee(Db::Postgres).await;
}

/// Grouping tips into cases (issue 17): with another tip (a new case for
/// both when it is in none, or its case), into a new case alone, and out
/// again; each tip that moves is one audit entry and one line of its
/// history; numbers are never reused; refusals are structured and change
/// nothing; a change whose entry cannot be written is not made; and no
/// answer holds a tip's words.
async fn tips_are_grouped_into_cases_and_taken_out(db: Db) {
    let bench = Bench::new(db).await;
    let (cookie, _) = bench.signed_in("ana").await;
    for n in 0..3 {
        bench
            .tip(&json!({"version": 1, "narrative": format!("CASEMARKER{n} the same van")}))
            .await;
    }
    let inbox = bench.get("/console/api/tips", Some(&cookie)).await;
    let mut answers = vec![inbox.text()];
    let ids: Vec<String> = inbox.json()["tips"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            assert_eq!(t["case"], Value::Null, "no tip starts in a case");
            t["id"].as_str().unwrap().to_owned()
        })
        .collect();
    let (a, b, c) = (ids[0].as_str(), ids[1].as_str(), ids[2].as_str());
    let path = |id: &str| format!("/console/api/tips/{id}/case");
    let with = |other: &str| json!({"case": "with", "tip": other});
    let mut moved = Vec::new();
    let mut group = |answer: Reply| {
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
        let json = answer.json();
        moved.push(answer.text());
        json
    };
    let others = |one: &Value| -> Vec<String> {
        one["case_tips"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                assert!(t["received_hour"].as_str().unwrap().ends_with(":00:00Z"));
                t["id"].as_str().unwrap().to_owned()
            })
            .collect()
    };

    // a with b, in no case: case 1 for both.
    let one = group(bench.post(&path(a), &with(b), Some(&cookie)).await);
    assert_eq!(one["case"], 1);
    assert_eq!(others(&one), [b]);
    let opened = bench
        .get(&format!("/console/api/tips/{b}"), Some(&cookie))
        .await
        .json();
    assert_eq!(opened["case"], 1);
    assert_eq!(others(&opened), [a]);
    // c with a: into a's case, no new one.
    let one = group(bench.post(&path(c), &with(a), Some(&cookie)).await);
    assert_eq!(one["case"], 1);
    let mut mates = others(&one);
    mates.sort();
    let mut expected = vec![a, b];
    expected.sort();
    assert_eq!(mates, expected);
    // b with c, both in case 1 already: nothing moves, nothing written.
    let before = bench.audit_actions().len();
    assert_eq!(
        group(bench.post(&path(b), &with(c), Some(&cookie)).await)["case"],
        1
    );
    assert_eq!(
        bench.audit_actions().len(),
        before + 1,
        "an opening, no change"
    );
    // a into a new case of its own: case 2, and case 1 keeps b and c.
    let one = group(
        bench
            .post(&path(a), &json!({"case": "new"}), Some(&cookie))
            .await,
    );
    assert_eq!(one["case"], 2);
    assert!(others(&one).is_empty());
    // b out: c stays in case 1 on its own.
    let one = group(
        bench
            .post(&path(b), &json!({"case": "none"}), Some(&cookie))
            .await,
    );
    assert_eq!(one["case"], Value::Null);
    assert!(others(&one).is_empty());
    let opened = bench
        .get(&format!("/console/api/tips/{c}"), Some(&cookie))
        .await
        .json();
    assert_eq!(opened["case"], 1);
    assert!(others(&opened).is_empty());
    // Out again: nothing moves, nothing written.
    let before = bench.audit_actions().len();
    group(
        bench
            .post(&path(b), &json!({"case": "none"}), Some(&cookie))
            .await,
    );
    assert_eq!(
        bench.audit_actions().len(),
        before + 1,
        "an opening, no change"
    );

    // The inbox shows each tip's case.
    let inbox = bench.get("/console/api/tips", Some(&cookie)).await;
    answers.push(inbox.text());
    let case_of = |id: &str| {
        inbox.json()["tips"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()["case"]
            .clone()
    };
    assert_eq!(case_of(a), 2);
    assert_eq!(case_of(b), Value::Null);
    assert_eq!(case_of(c), 1);

    // A case whose tips all left keeps its number: the next is 3.
    group(
        bench
            .post(&path(a), &json!({"case": "none"}), Some(&cookie))
            .await,
    );
    let one = group(
        bench
            .post(&path(b), &json!({"case": "new"}), Some(&cookie))
            .await,
    );
    assert_eq!(one["case"], 3, "case 2 is not reused");

    // Refusals, each with its code, and nothing changed by them.
    let rows_before = count(&bench.url, "SELECT COUNT(*) FROM tip_cases").await;
    for (body, status, code) in [
        (with(a), StatusCode::BAD_REQUEST, "same_tip"),
        (with("12345"), StatusCode::BAD_REQUEST, "no_such_other_tip"),
        (with("abc"), StatusCode::BAD_REQUEST, "no_such_other_tip"),
        (
            json!({"case": "elsewhere"}),
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
        (
            json!({"case": "with"}),
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
        (
            json!({"case": "new", "tip": b}),
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
    ] {
        let answer = bench.post(&path(a), &body, Some(&cookie)).await;
        assert_eq!(
            (answer.status, answer.code().as_str()),
            (status, code),
            "{body}"
        );
        assert!(!answer.json()["errors"][0]["message"]
            .as_str()
            .unwrap()
            .is_empty());
    }
    let missing = bench.post(&path("12345"), &with(a), Some(&cookie)).await;
    assert_eq!(
        (missing.status, missing.code().as_str()),
        (StatusCode::NOT_FOUND, "no_such_tip")
    );
    assert_eq!(
        bench.post(&path(a), &with(b), None).await.code(),
        "not_signed_in"
    );
    let request = Request::post(path(a))
        .header(header::HOST, "localhost:8080")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, &cookie)
        .body(Body::from(with(b).to_string()))
        .unwrap();
    assert_eq!(bench.send(request).await.code(), "wrong_origin");
    // A change whose entry cannot be written is not made.
    break_the_audit_log(&bench.url, db).await;
    assert!(bench
        .post(&path(a), &with(c), Some(&cookie))
        .await
        .status
        .is_server_error());
    mend_the_audit_log(&bench.url, db).await;
    assert_eq!(
        count(&bench.url, "SELECT COUNT(*) FROM tip_cases").await,
        rows_before
    );
    assert_eq!(count(&bench.url, "SELECT COUNT(*) FROM cases").await, 3);

    // Each tip's history has its own moves, dated and named.
    let history = |id: &str| {
        let bench = &bench;
        let cookie = cookie.clone();
        let id = id.to_owned();
        async move {
            let one = bench
                .get(&format!("/console/api/tips/{id}"), Some(&cookie))
                .await;
            one.json()["history"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| {
                    assert_eq!(
                        (h["what"].as_str(), h["by"].as_str()),
                        (Some("case"), Some("ana"))
                    );
                    assert!(h["at"].as_str().unwrap().starts_with("20"));
                    h["value"].clone()
                })
                .collect::<Vec<Value>>()
        }
    };
    assert_eq!(history(a).await, [json!("1"), json!("2"), Value::Null]);
    assert_eq!(history(b).await, [json!("1"), Value::Null, json!("3")]);
    assert_eq!(history(c).await, [json!("1")]);

    // The audit log: one entry per move, by ana, with the case's number.
    let log = bench.audit_actions();
    let has = |what: String| {
        log.iter()
            .filter(|l| l.contains("ana") && l.ends_with(&what))
            .count()
    };
    for (detail, id, times) in [
        ("1", b, 1),
        ("1", a, 1),
        ("1", c, 1),
        ("2", a, 1),
        ("none", b, 1),
        ("none", a, 1),
        ("3", b, 1),
    ] {
        assert_eq!(
            has(format!("case_changed {detail} tip {id}")),
            times,
            "{detail} {id}: {log:#?}"
        );
    }
    assert_eq!(
        log.iter().filter(|l| l.contains("case_changed")).count(),
        7,
        "{log:#?}"
    );
    assert!(bench.cli(&["audit", "verify"]).status.success());

    // Nothing in clear.
    answers.extend(moved);
    for answer in &answers {
        assert!(!answer.contains("CASEMARKER"), "in clear: {answer}");
    }
}

#[tokio::test]
async fn tips_are_grouped_into_cases_and_taken_out_sqlite() {
    tips_are_grouped_into_cases_and_taken_out(Db::Sqlite).await;
}

#[tokio::test]
async fn tips_are_grouped_into_cases_and_taken_out_postgres() {
    tips_are_grouped_into_cases_and_taken_out(Db::Postgres).await;
}

/// The console API's routes, read from the router's own source so that a
/// route added there and not here fails this test: each answers 401
/// without a session, with an expired one, and from another origin. The
/// four that start and finish a sign-in or an enrolment need none.
#[tokio::test]
async fn every_console_api_route_answers_401_without_a_session() {
    const NO_SESSION_NEEDED: [&str; 4] = [
        "/console/api/enrol/start",
        "/console/api/enrol/finish",
        "/console/api/signin/start",
        "/console/api/signin/finish",
    ];
    let source = include_str!("../src/console/mod.rs");
    let routes: Vec<(&str, String)> = source
        .split(".route(")
        .skip(1)
        .filter_map(|call| {
            let path = call.split('"').nth(1)?;
            let method = if call.split(')').next()?.contains("get(") {
                "GET"
            } else {
                "POST"
            };
            (path.starts_with("/console/api/")
                && !path.contains('*')
                && !NO_SESSION_NEEDED.contains(&path))
            .then(|| (method, path.replace("{id}", "12345")))
        })
        .collect();
    assert!(routes.len() >= 13, "{routes:?}");
    assert!(
        routes.contains(&("POST", "/console/api/tips/12345/case".to_owned())),
        "{routes:?}"
    );
    let bench = Bench::with(
        Db::Sqlite,
        ConsoleSettings {
            idle: Duration::from_secs(2),
            ..ConsoleSettings::default()
        },
    )
    .await;
    let (cookie, _) = bench.signed_in("ana").await;
    let request = |method: &str, path: &str, cookie: Option<&str>, origin: &str| {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "localhost:8080")
            .header(header::CONTENT_TYPE, "application/json");
        if method == "POST" || origin != ORIGIN {
            request = request.header(header::ORIGIN, origin);
        }
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.body(Body::from("{}")).unwrap()
    };
    // Another origin first, while the session is young.
    for (method, path) in &routes {
        let answer = bench
            .send(request(method, path, Some(&cookie), "https://evil.example"))
            .await;
        assert_eq!(
            (answer.status, answer.code()),
            (StatusCode::UNAUTHORIZED, "wrong_origin".into()),
            "{method} {path}"
        );
    }
    for (method, path) in &routes {
        let answer = bench.send(request(method, path, None, ORIGIN)).await;
        assert_eq!(
            (answer.status, answer.code()),
            (StatusCode::UNAUTHORIZED, "not_signed_in".into()),
            "{method} {path}"
        );
    }
    tokio::time::sleep(Duration::from_millis(3_100)).await;
    for (method, path) in &routes {
        let answer = bench
            .send(request(method, path, Some(&cookie), ORIGIN))
            .await;
        assert_eq!(
            answer.status,
            StatusCode::UNAUTHORIZED,
            "{method} {path}: {}",
            answer.text()
        );
        assert!(
            ["session_expired", "not_signed_in"].contains(&answer.code().as_str()),
            "{method} {path}: {}",
            answer.text()
        );
    }
}

/// The console app (crates/console, built into its own directory) is served
/// under `/console/`: its page at `/console/` and at the enrolment link's
/// path, its assets beside it, all with the console's own policy; the API's
/// routes keep theirs, and nothing else under `/console/` is found.
#[tokio::test]
async fn the_console_app_is_served_with_its_own_policy() {
    let app_dir = tempfile::tempdir().unwrap();
    std::fs::write(
        app_dir.path().join("index.html"),
        "<!doctype html><title>console page</title>",
    )
    .unwrap();
    std::fs::write(
        app_dir.path().join("console-0123456789abcdef.js"),
        "export default 1;",
    )
    .unwrap();
    let bench = Bench::with(
        Db::Sqlite,
        ConsoleSettings {
            dir: app_dir.path().to_owned(),
            ..ConsoleSettings::default()
        },
    )
    .await;
    for path in ["/console/", "/console/enrol"] {
        let page = bench.get(path, None).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(String::from_utf8_lossy(&page.body).contains("console page"));
        assert_eq!(
            page.headers[header::CONTENT_SECURITY_POLICY],
            lantern_intake::headers::CONSOLE_CSP,
            "{path}"
        );
        assert_eq!(page.headers[header::X_FRAME_OPTIONS], "DENY");
        assert!(page.headers.get(header::SET_COOKIE).is_none(), "{path}");
    }
    let asset = bench
        .get("/console/console-0123456789abcdef.js", None)
        .await;
    assert_eq!(asset.status, StatusCode::OK);
    assert_eq!(asset.body, b"export default 1;");
    assert!(asset.headers[header::CACHE_CONTROL]
        .to_str()
        .unwrap()
        .contains("immutable"));
    assert_eq!(
        asset.headers[header::CONTENT_SECURITY_POLICY],
        lantern_intake::headers::CONSOLE_CSP
    );
    assert_eq!(
        bench.get("/console/nothing.js", None).await.status,
        StatusCode::NOT_FOUND
    );
    let api = bench.get("/console/api/tips", None).await;
    assert_eq!(
        api.status,
        StatusCode::UNAUTHORIZED,
        "the API still answers"
    );
    // The widget's page keeps the widget's policy.
    let widget = bench.get("/", None).await;
    assert_ne!(
        widget.headers[header::CONTENT_SECURITY_POLICY],
        lantern_intake::headers::CONSOLE_CSP
    );
}

impl Bench {
    /// A follow-up request as the widget's worker sends it.
    async fn followup(&self, path: &str, body: &Value, key: Option<&str>) -> Reply {
        let mut request = Request::post(path)
            .header(header::HOST, "localhost:8080")
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        self.send(request.body(Body::from(body.to_string())).unwrap())
            .await
    }

    /// The hotline's identity and its public key.
    fn hotline(&self) -> age::x25519::Identity {
        let text = std::fs::read_to_string(&self.identity).unwrap();
        text.lines()
            .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
            .unwrap()
            .parse()
            .unwrap()
    }
}

/// A follow-up message sealed as the console seals it (the same
/// `lantern_followup::seal`), base64.
fn console_sealed(
    to: &[&age::x25519::Recipient],
    kind: lantern_followup::Kind,
    text: &str,
) -> String {
    use base64::Engine;
    let message = lantern_followup::Message {
        direction: lantern_followup::Direction::Hotline,
        kind,
        text: text.into(),
        written_at: "2026-12-02T01:00:00.000Z".into(),
    };
    let to: Vec<&dyn age::Recipient> = to.iter().map(|r| *r as &dyn age::Recipient).collect();
    let (sealed, _) = lantern_followup::seal(&to, &message).unwrap();
    base64::engine::general_purpose::STANDARD.encode(sealed)
}

fn opened(identity: &age::x25519::Identity, sealed: &Value) -> lantern_followup::Message {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(sealed.as_str().unwrap())
        .unwrap();
    lantern_followup::open(identity, &bytes).unwrap()
}

/// Talking to the reporter and notes from the console: the reporter's
/// answer arrives marked unread and opening the tip clears it; a reply
/// sealed as the console seals it is stored as the hotline's message and
/// the reporter's lookup finds it and opens it; a note is stored sealed
/// with its author; refusals are structured; every step is audited; and no
/// answer of the console's API holds any of the words in clear.
async fn replies_and_notes_are_stored_sealed_and_audited(db: Db) {
    use lantern_followup::Kind;
    let bench = Bench::new(db).await;
    let (cookie, _) = bench.signed_in("ana").await;
    let hotline = bench.hotline();
    let mut answers: Vec<String> = Vec::new();
    let key = bench
        .tip(&json!({"version": 1, "narrative": "TALKMARKER the crew sleeps in the van"}))
        .await;
    bench
        .tip(&json!({"version": 1, "narrative": "TALKMARKER no code for this one"}))
        .await;
    // The reporter keeps a code: this is the key pair it gives them.
    let reporter = age::x25519::Identity::generate();
    let lookup = common::new_key().repeat(2);
    let registered = bench
        .followup(
            "/v1/followups",
            &json!({"lookup_token": lookup, "recipient": reporter.to_public().to_string()}),
            Some(&key),
        )
        .await;
    assert_eq!(registered.status.as_u16(), 201, "{}", registered.text());
    let answered = bench
        .followup(
            "/v1/followups/answers",
            &json!({"lookup_token": lookup, "kind": "answer", "text": "ANSWERMARKER two of them"}),
            Some(&common::new_key()),
        )
        .await;
    assert_eq!(answered.status.as_u16(), 201, "{}", answered.text());

    // The inbox marks the answer unread.
    let inbox = bench.get("/console/api/tips", Some(&cookie)).await;
    answers.push(inbox.text());
    let tips = inbox.json()["tips"].as_array().unwrap().clone();
    let with_code = tips.iter().find(|t| t["can_ask"] == true).unwrap().clone();
    let without = tips.iter().find(|t| t["can_ask"] == false).unwrap().clone();
    assert_eq!(with_code["unread"], 1);
    assert_eq!(without["unread"], 0);
    let id = with_code["id"].as_str().unwrap().to_owned();
    let other = without["id"].as_str().unwrap().to_owned();

    // Opening shows it, sealed, still counted unread; then it is seen.
    let one = bench
        .get(&format!("/console/api/tips/{id}"), Some(&cookie))
        .await;
    answers.push(one.text());
    let followup = one.json()["followup"].clone();
    assert_eq!(followup["code"], "live");
    assert_eq!(followup["unread"], 1);
    assert_eq!(
        followup["recipient"],
        reporter.to_public().to_string().as_str()
    );
    let messages = followup["messages"].as_array().unwrap().clone();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0]["direction"], "reporter");
    assert!(messages[0]["hour"].as_str().unwrap().ends_with(":00:00Z"));
    assert_eq!(
        opened(&hotline, &messages[0]["sealed"]).text,
        "ANSWERMARKER two of them"
    );
    let inbox = bench.get("/console/api/tips", Some(&cookie)).await;
    answers.push(inbox.text());
    assert!(inbox.json()["tips"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["unread"] == 0));
    let again = bench
        .get(&format!("/console/api/tips/{id}"), Some(&cookie))
        .await;
    assert_eq!(again.json()["followup"]["unread"], 0);
    let none = bench
        .get(&format!("/console/api/tips/{other}"), Some(&cookie))
        .await;
    assert_eq!(none.json()["followup"]["code"], "none");
    assert_eq!(none.json()["notes"], json!([]));

    // A reply, sealed as the console seals it, is stored as the hotline's.
    let replies = format!("/console/api/tips/{id}/replies");
    let reply_text = format!("REPLYMARKER is anyone under 18? {}", "x".repeat(600));
    let body = json!({"sealed": console_sealed(
        &[&reporter.to_public(), &hotline.to_public()], Kind::Reply, &reply_text)});
    let stored = bench.post(&replies, &body, Some(&cookie)).await;
    answers.push(stored.text());
    assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.text());
    let messages = stored.json()["followup"]["messages"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(messages.len(), 2);
    assert_eq!(
        count(
            &bench.url,
            "SELECT COUNT(*) FROM followup_messages WHERE direction = 'hotline' \
             AND size_bucket = 2048 AND idem_hash IS NULL"
        )
        .await,
        1,
        "stored as the reply command stores it, with its bucket"
    );
    // The reporter's lookup finds it and their key opens it.
    let lookup_answer = bench
        .followup(
            "/v1/followups/messages",
            &json!({"lookup_token": lookup}),
            None,
        )
        .await;
    assert_eq!(
        lookup_answer.status,
        StatusCode::OK,
        "{}",
        lookup_answer.text()
    );
    let theirs = lookup_answer.json()["messages"].as_array().unwrap().clone();
    assert_eq!(theirs.len(), 1);
    let read = opened(&reporter, &theirs[0]["sealed"]);
    assert_eq!(
        (read.kind, read.text.as_str()),
        (Kind::Reply, reply_text.as_str())
    );

    // A note, sealed to the hotline, stored with its author.
    let notes = format!("/console/api/tips/{id}/notes");
    let body = json!({"sealed": console_sealed(&[&hotline.to_public()], Kind::Note, "NOTEMARKER call the county")});
    let stored = bench.post(&notes, &body, Some(&cookie)).await;
    answers.push(stored.text());
    assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.text());
    let listed = stored.json()["notes"].as_array().unwrap().clone();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["author"], "ana");
    assert!(listed[0]["hour"].as_str().unwrap().ends_with(":00:00Z"));
    assert_eq!(
        opened(&hotline, &listed[0]["sealed"]).text,
        "NOTEMARKER call the county"
    );
    assert_eq!(
        count(
            &bench.url,
            "SELECT COUNT(*) FROM tip_notes WHERE size_bucket = 512"
        )
        .await,
        1
    );
    // The tip's history has the reply and the note: who and when, never
    // the words (which are sealed, and not even their size is said).
    let history = stored.json()["history"].as_array().unwrap().clone();
    let whats: Vec<&Value> = history.iter().map(|h| &h["what"]).collect();
    assert_eq!(whats, [&json!("reply"), &json!("note")], "{history:#?}");
    for entry in &history {
        assert_eq!(entry["value"], Value::Null);
        assert_eq!(entry["by"], "ana");
        assert!(entry["at"].as_str().unwrap().starts_with("20"));
    }

    // Refusals: no session, another origin, not padded, nobody to reach.
    let good = json!({"sealed": console_sealed(&[&hotline.to_public()], Kind::Note, "x")});
    for path in [&replies, &notes] {
        let answer = bench.post(path, &good, None).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        assert_eq!(answer.code(), "not_signed_in");
        let request = Request::post(path.as_str())
            .header(header::HOST, "localhost:8080")
            .header(header::ORIGIN, "https://evil.example")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::COOKIE, &cookie)
            .body(Body::from(good.to_string()))
            .unwrap();
        let answer = bench.send(request).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        assert_eq!(answer.code(), "wrong_origin");
        // An age file of a size that is not a bucket, and words in clear.
        use base64::Engine;
        let encryptor = age::Encryptor::with_recipients(std::iter::once(
            &hotline.to_public() as &dyn age::Recipient
        ))
        .unwrap();
        let mut unpadded = Vec::new();
        let mut writer = encryptor.wrap_output(&mut unpadded).unwrap();
        std::io::Write::write_all(&mut writer, &[7; 700]).unwrap();
        writer.finish().unwrap();
        for sealed in [
            base64::engine::general_purpose::STANDARD.encode(&unpadded),
            base64::engine::general_purpose::STANDARD.encode(b"CLEARMARKER in the open"),
            "not base64".to_owned(),
        ] {
            let answer = bench
                .post(path, &json!({ "sealed": sealed }), Some(&cookie))
                .await;
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text());
            assert_eq!(answer.code(), "not_padded");
            assert!(!answer.json()["errors"][0]["message"]
                .as_str()
                .unwrap()
                .is_empty());
        }
        let extra = bench
            .post(
                path,
                &json!({"sealed": good["sealed"], "text": "x"}),
                Some(&cookie),
            )
            .await;
        assert_eq!(extra.code(), "malformed_json");
    }
    let unreachable = bench
        .post(
            &format!("/console/api/tips/{other}/replies"),
            &good,
            Some(&cookie),
        )
        .await;
    assert_eq!(unreachable.status, StatusCode::CONFLICT);
    assert_eq!(unreachable.code(), "reporter_unreachable");
    let missing = bench
        .post("/console/api/tips/12345/notes", &good, Some(&cookie))
        .await;
    assert_eq!(missing.code(), "no_such_tip");
    assert_eq!(
        count(&bench.url, "SELECT COUNT(*) FROM tip_notes").await,
        1,
        "nothing refused was stored"
    );
    assert_eq!(
        count(
            &bench.url,
            "SELECT COUNT(*) FROM followup_messages WHERE direction = 'hotline'"
        )
        .await,
        1
    );

    // A later detail is unread again, in the inbox and the opening.
    let detail = bench
        .followup(
            "/v1/followups/answers",
            &json!({"lookup_token": lookup, "kind": "detail", "text": "ANSWERMARKER the van is white"}),
            Some(&common::new_key()),
        )
        .await;
    assert_eq!(detail.status.as_u16(), 201, "{}", detail.text());
    let inbox = bench.get("/console/api/tips", Some(&cookie)).await;
    answers.push(inbox.text());
    let row = inbox.json()["tips"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id.as_str())
        .unwrap()
        .clone();
    assert_eq!(row["unread"], 1);
    let one = bench
        .get(&format!("/console/api/tips/{id}"), Some(&cookie))
        .await;
    answers.push(one.text());
    assert_eq!(one.json()["followup"]["unread"], 1);
    assert_eq!(
        one.json()["followup"]["messages"].as_array().unwrap().len(),
        3
    );

    // Nothing in clear in any answer of the console's API.
    for answer in &answers {
        for marker in [
            "TALKMARKER",
            "ANSWERMARKER",
            "REPLYMARKER",
            "NOTEMARKER",
            "CLEARMARKER",
        ] {
            assert!(!answer.contains(marker), "{marker} in clear: {answer}");
        }
    }

    // Audited: one reply and one note, by ana, about the tip; chain whole.
    let log = bench.audit_actions();
    let count_of = |what: &str| {
        log.iter()
            .filter(|l| l.contains("ana") && l.ends_with(what))
            .count()
    };
    assert_eq!(count_of(&format!("reply tip {id}")), 1, "{log:#?}");
    assert_eq!(count_of(&format!("note tip {id}")), 1, "{log:#?}");
    assert!(!log.iter().any(|l| l.contains("MARKER")));
    assert!(bench.cli(&["audit", "verify"]).status.success());
}

#[tokio::test]
async fn replies_and_notes_are_stored_sealed_and_audited_sqlite() {
    replies_and_notes_are_stored_sealed_and_audited(Db::Sqlite).await;
}

#[tokio::test]
async fn replies_and_notes_are_stored_sealed_and_audited_postgres() {
    replies_and_notes_are_stored_sealed_and_audited(Db::Postgres).await;
}

/// Exports (issue 17's "Out"): `POST /console/api/exports` answers 401
/// without a session or from another origin; refuses an unknown format, an
/// empty selection and an unknown tip with structured errors, auditing
/// nothing; for CSV and JSON Lines answers only the sealed tips and
/// messages, from which the shared rules make exactly the lines and rows
/// the `export` command prints; for sealed files answers a tar of the
/// stored bytes, unchanged, which the stock `age` tool opens; writes an
/// entry per tip before answering; and hands over nothing when that entry
/// cannot be written.
async fn exports_are_audited_first_and_hold_only_sealed_bytes(db: Db) {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let bench = Bench::new(db).await;
    let (cookie, _) = bench.signed_in("ana").await;
    let key = bench.tip(&common::full_tip("EXPORTMARKERONE")).await;
    bench
        .tip(&json!({"version": 1, "narrative": "EXPORTMARKERTWO at the car wash"}))
        .await;
    bench
        .tip(&json!({"version": 1, "narrative": "EXPORTMARKERTHREE not exported"}))
        .await;
    // The first reporter keeps a code and answers: the export carries it.
    let lookup = common::new_key().repeat(2);
    let reporter = age::x25519::Identity::generate();
    let registered = bench
        .followup(
            "/v1/followups",
            &json!({"lookup_token": lookup, "recipient": reporter.to_public().to_string()}),
            Some(&key),
        )
        .await;
    assert_eq!(registered.status.as_u16(), 201, "{}", registered.text());
    let answered = bench
        .followup(
            "/v1/followups/answers",
            &json!({"lookup_token": lookup, "kind": "answer", "text": "EXPORTMARKERANSWER two"}),
            Some(&common::new_key()),
        )
        .await;
    assert_eq!(answered.status.as_u16(), 201, "{}", answered.text());

    let opener = lantern_intake::seal::Opener::from_file(&bench.identity).unwrap();
    let inbox = bench.get("/console/api/tips", Some(&cookie)).await.json();
    let mut stored = std::collections::HashMap::new();
    let (mut one, mut two) = (String::new(), String::new());
    for tip in inbox["tips"].as_array().unwrap() {
        let id = tip["id"].as_str().unwrap().to_owned();
        let sealed = b64.decode(tip["sealed"].as_str().unwrap()).unwrap();
        let plain = String::from_utf8(opener.open(&sealed).unwrap()).unwrap();
        if plain.contains("EXPORTMARKERONE") {
            one.clone_from(&id);
        } else if plain.contains("EXPORTMARKERTWO") {
            two.clone_from(&id);
        }
        stored.insert(
            id,
            (sealed, tip["received_hour"].as_str().unwrap().to_owned()),
        );
    }
    let exports = "/console/api/exports";
    let body = |format: &str| json!({"format": format, "tips": [one, two]});

    // Without a session, or from another origin: 401, and no file.
    let stranger = bench.post(exports, &body("age"), None).await;
    assert_eq!(stranger.status, StatusCode::UNAUTHORIZED);
    assert_eq!(stranger.code(), "not_signed_in");
    let elsewhere = bench
        .send(
            Request::post(exports)
                .header(header::HOST, "localhost:8080")
                .header(header::ORIGIN, "https://evil.example")
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body("age").to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::UNAUTHORIZED);
    assert_eq!(elsewhere.code(), "wrong_origin");

    // Bad input: structured errors, nothing audited.
    for (request, status, code) in [
        (
            json!({"format": "xlsx", "tips": [one]}),
            StatusCode::BAD_REQUEST,
            "unknown_format",
        ),
        (
            json!({"format": "csv", "tips": []}),
            StatusCode::BAD_REQUEST,
            "nothing_selected",
        ),
        (
            json!({"format": "age", "tips": [one, "12345"]}),
            StatusCode::NOT_FOUND,
            "no_such_tip",
        ),
        (
            json!({"format": "jsonl", "tips": ["abc"]}),
            StatusCode::NOT_FOUND,
            "no_such_tip",
        ),
        (
            json!({"format": "csv"}),
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
    ] {
        let refused = bench.post(exports, &request, Some(&cookie)).await;
        assert_eq!(refused.status, status, "{request}: {}", refused.text());
        assert_eq!(refused.code(), code, "{request}");
        assert!(!refused.json()["errors"][0]["message"]
            .as_str()
            .unwrap()
            .is_empty());
    }
    let exported = |log: &[String]| {
        log.iter()
            .filter(|l| l.contains("tip_exported"))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(exported(&bench.audit_actions()), Vec::<String>::new());

    // CSV and JSON Lines: only sealed bytes, in the order asked.
    let mut opened_lines = Vec::new();
    for format in ["csv", "jsonl"] {
        let answer = bench.post(exports, &body(format), Some(&cookie)).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
        assert!(
            !answer.text().contains("EXPORTMARKER"),
            "plaintext in the answer"
        );
        let json = answer.json();
        assert_eq!(json["format"], format);
        let tips = json["tips"].as_array().unwrap();
        let ids: Vec<&str> = tips.iter().map(|t| t["id"].as_str().unwrap()).collect();
        assert_eq!(ids, [one.as_str(), two.as_str()]);
        opened_lines.clear();
        for tip in tips {
            let id = tip["id"].as_str().unwrap();
            let sealed = b64.decode(tip["sealed"].as_str().unwrap()).unwrap();
            assert_eq!(sealed, stored[id].0, "the stored bytes");
            // Opened as the console opens them, into the shared format.
            let payload: lantern_tip::SealedTip =
                serde_json::from_slice(&opener.open(&sealed).unwrap()).unwrap();
            let messages = tip["messages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| {
                    let said = opened(&bench.hotline(), &m["sealed"]);
                    lantern_tip::export::Said {
                        direction: said.direction,
                        kind: said.kind,
                        text: said.text,
                        written_at: said.written_at,
                        hour: m["hour"].as_str().unwrap().to_owned(),
                    }
                })
                .collect();
            opened_lines.push(lantern_tip::export::OpenedTip::new(payload, messages));
        }
    }
    assert_eq!(
        opened_lines[0].conversation.as_ref().unwrap()[0].text,
        "EXPORTMARKERANSWER two"
    );
    assert!(opened_lines[1].conversation.is_none());
    // The very lines and rows the `export` command prints for these tips.
    let cli_jsonl = common::export(&bench.url, &bench.identity, &[]);
    for line in lantern_tip::export::jsonl(&opened_lines).lines() {
        assert!(
            cli_jsonl.lines().any(|l| l == line),
            "{line}\nnot in\n{cli_jsonl}"
        );
    }
    let cli_csv = common::export(&bench.url, &bench.identity, &["--format", "csv"]);
    let console_csv = String::from_utf8(lantern_tip::export::csv(&opened_lines)).unwrap();
    let mut console_rows = csv::Reader::from_reader(console_csv.as_bytes());
    let mut cli_rows = csv::Reader::from_reader(cli_csv.as_bytes());
    assert_eq!(console_rows.headers().unwrap(), cli_rows.headers().unwrap());
    let cli_rows: Vec<csv::StringRecord> = cli_rows.records().map(Result::unwrap).collect();
    for row in console_rows.records() {
        let row = row.unwrap();
        assert!(cli_rows.contains(&row), "{row:?}");
    }

    // Sealed files: a tar of the stored bytes, named as `sealed` names them.
    let archive = bench.post(exports, &body("age"), Some(&cookie)).await;
    assert_eq!(archive.status, StatusCode::OK, "{}", archive.text());
    assert_eq!(archive.headers[header::CONTENT_TYPE], "application/x-tar");
    assert!(
        !archive.text().contains("EXPORTMARKER"),
        "plaintext in the archive"
    );
    let mut files = Vec::new();
    let mut tar = tar::Archive::new(&archive.body[..]);
    for entry in tar.entries().unwrap() {
        let mut entry = entry.unwrap();
        let name = entry.path().unwrap().to_string_lossy().into_owned();
        assert_eq!(entry.header().mode().unwrap(), 0o600);
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        files.push((name, bytes));
    }
    assert_eq!(files.len(), 2);
    for ((name, bytes), id) in files.iter().zip([&one, &two]) {
        let (sealed, hour) = &stored[id.as_str()];
        assert_eq!(bytes, sealed, "unchanged");
        let hour = hour.trim_end_matches(":00:00Z");
        assert!(
            name.starts_with(&format!("{hour}-")) && name.ends_with(".age"),
            "{name}"
        );
        // The stock tool opens each file.
        let path = bench.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let age = std::process::Command::new("age")
            .args(["--decrypt", "--identity"])
            .arg(&bench.identity)
            .arg(&path)
            .output()
            .expect("the `age` command (apt-get install age)");
        assert!(
            age.status.success(),
            "{}",
            String::from_utf8_lossy(&age.stderr)
        );
        assert!(String::from_utf8_lossy(&age.stdout).contains("EXPORTMARKER"));
    }

    // An entry per tip and export, with its format.
    let log = exported(&bench.audit_actions());
    for format in ["csv", "jsonl", "age"] {
        for id in [&one, &two] {
            let entry = format!("tip_exported {format} tip {id}");
            assert_eq!(
                log.iter().filter(|l| l.contains(&entry)).count(),
                1,
                "{entry}: {log:?}"
            );
        }
    }
    assert_eq!(log.len(), 6);
    // And in the tip's history: who exported it, when, as what.
    let history = bench
        .get(&format!("/console/api/tips/{one}"), Some(&cookie))
        .await
        .json()["history"]
        .clone();
    let formats: Vec<&Value> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["what"] == "exported")
        .map(|h| &h["value"])
        .collect();
    assert_eq!(formats, [&json!("csv"), &json!("jsonl"), &json!("age")]);

    // When the entry cannot be written, no export.
    break_the_audit_log(&bench.url, db).await;
    for format in ["csv", "age"] {
        let failed = bench.post(exports, &body(format), Some(&cookie)).await;
        assert!(
            failed.status.is_server_error(),
            "{format}: {}",
            failed.status
        );
        // The error's JSON, not a file.
        assert_eq!(failed.code(), "unavailable");
    }
    mend_the_audit_log(&bench.url, db).await;
    assert_eq!(exported(&bench.audit_actions()).len(), 6);
    assert!(bench.cli(&["audit", "verify"]).status.success());
}

#[tokio::test]
async fn exports_are_audited_first_and_hold_only_sealed_bytes_sqlite() {
    exports_are_audited_first_and_hold_only_sealed_bytes(Db::Sqlite).await;
}

#[tokio::test]
async fn exports_are_audited_first_and_hold_only_sealed_bytes_postgres() {
    exports_are_audited_first_and_hold_only_sealed_bytes(Db::Postgres).await;
}

/// An export needs a live session like every console route: an idle one
/// ends, and its export is refused and audited nowhere.
#[tokio::test]
async fn an_expired_session_exports_nothing() {
    let bench = Bench::with(
        Db::Sqlite,
        ConsoleSettings {
            idle: Duration::from_secs(1),
            ..ConsoleSettings::default()
        },
    )
    .await;
    let (cookie, _) = bench.signed_in("ana").await;
    bench.tip(&common::full_tip("EXPIREDEXPORT")).await;
    let inbox = bench.get("/console/api/tips", Some(&cookie)).await.json();
    let id = inbox["tips"][0]["id"].as_str().unwrap().to_owned();
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let answer = bench
        .post(
            "/console/api/exports",
            &json!({"format": "age", "tips": [id]}),
            Some(&cookie),
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.code(), "session_expired");
    assert!(!bench
        .audit_actions()
        .iter()
        .any(|l| l.contains("tip_exported")));
}

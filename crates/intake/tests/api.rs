//! Router tests: every status the API answers, driven through `oneshot`
//! without a socket, and the security headers on every one of them.

mod common;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::http::Version;
use common::{fixture, fixture_with, full_tip, new_key, Fixture, NO_LIMIT};
use http_body_util::BodyExt;
use lantern_intake::metrics::Access;
use lantern_intake::ratelimit::RateLimit;
use lantern_intake::store::Store;
use lantern_intake::{app, metrics_app, Settings};
use serde_json::{json, Value};
use tower::ServiceExt;

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&self.body)))
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .unwrap_or_else(|| panic!("no {name} header"))
            .to_str()
            .unwrap()
    }

    fn codes(&self) -> Vec<(String, String)> {
        self.json()["errors"]
            .as_array()
            .expect("an errors array")
            .iter()
            .map(|e| {
                (
                    e["field"].as_str().unwrap().to_owned(),
                    e["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }
}

/// Sends `request` as a browser would: with a `Host` (HTTP/1.1 requires one).
async fn send(router: &Router, mut request: Request<Body>) -> Reply {
    if !request.headers().contains_key(header::HOST) {
        request
            .headers_mut()
            .insert(header::HOST, "intake.test".parse().unwrap());
    }
    send_as_is(router, request).await
}

/// Sends `request` with exactly the headers it has.
async fn send_as_is(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    let answer = Reply {
        status,
        headers,
        body,
    };
    assert_security_headers(&answer);
    answer
}

/// The policy every response must carry (issue 5 and issue 8).
fn assert_security_headers(answer: &Reply) {
    let csp = answer.header("content-security-policy");
    for directive in [
        "default-src 'none'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors ",
    ] {
        assert!(csp.contains(directive), "CSP lacks {directive}: {csp}");
    }
    assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"));
    assert_eq!(answer.header("referrer-policy"), "no-referrer");
    assert_eq!(answer.header("x-content-type-options"), "nosniff");
    let permissions = answer.header("permissions-policy");
    for feature in [
        "camera=()",
        "microphone=()",
        "geolocation=()",
        "payment=()",
        "usb=()",
    ] {
        assert!(permissions.contains(feature), "{permissions}");
    }
    assert_eq!(answer.header("cross-origin-opener-policy"), "same-origin");
    assert!(answer.headers.contains_key("cross-origin-resource-policy"));
    let cache = answer.header("cache-control");
    assert!(
        cache == "no-store" || cache.contains("immutable"),
        "{cache}"
    );
    assert!(!answer.headers.contains_key(header::SET_COOKIE));
}

fn tip_request(key: Option<&str>, content_type: &str, body: impl Into<Body>) -> Request<Body> {
    let mut builder = Request::post("/v1/tips").header(header::CONTENT_TYPE, content_type);
    if let Some(key) = key {
        builder = builder.header("idempotency-key", key);
    }
    builder.body(body.into()).unwrap()
}

fn json_request(key: &str, tip: &Value) -> Request<Body> {
    tip_request(Some(key), "application/json", tip.to_string())
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

/// `request` as if it came over a socket from `peer`.
fn from(peer: &str, mut request: Request<Body>) -> Request<Body> {
    let peer: SocketAddr = peer.parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    request
}

fn with_header(mut request: Request<Body>, name: &'static str, value: &str) -> Request<Body> {
    request.headers_mut().append(name, value.parse().unwrap());
    request
}

async fn setup() -> (Fixture, Router) {
    let fixture = fixture(NO_LIMIT, &[]).await;
    let router = app(fixture.state.clone());
    (fixture, router)
}

#[tokio::test]
async fn a_valid_tip_gets_201_and_a_receipt_only_once_stored() {
    let (fixture, router) = setup().await;
    let answer = send(&router, json_request(&new_key(), &full_tip("Created"))).await;
    assert_eq!(
        answer.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(answer.header("cache-control"), "no-store");
    let receipt = answer.json()["receipt"].as_str().unwrap().to_owned();
    let digits: String = receipt.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(digits.len(), 16, "{receipt}");

    let rows = fixture.state.store.sealed_since(i64::MIN).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].partner.as_deref(), Some("city-of-x"));
    assert_eq!(rows[0].received_hour % 3_600, 0);
    let opened: Value =
        serde_json::from_slice(&fixture.opener.open(&rows[0].sealed).unwrap()).unwrap();
    assert_eq!(opened["receipt"], receipt.as_str());
    assert_eq!(opened["tip"], common::canonical(&full_tip("Created")));
}

#[tokio::test]
async fn the_same_idempotency_key_returns_the_same_receipt_without_a_second_row() {
    let (fixture, router) = setup().await;
    let key = new_key();
    let first = send(&router, json_request(&key, &full_tip("Once"))).await;
    let second = send(&router, json_request(&key, &full_tip("Once"))).await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(second.status, StatusCode::CREATED);
    assert_eq!(first.json()["receipt"], second.json()["receipt"]);
    assert_eq!(second.header("idempotent-replayed"), "true");
    let other = send(&router, json_request(&new_key(), &full_tip("Once"))).await;
    assert_ne!(other.json()["receipt"], first.json()["receipt"]);
    assert_eq!(
        fixture
            .state
            .store
            .sealed_since(i64::MIN)
            .await
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn a_key_reused_for_another_tip_is_422_and_nothing_is_dropped() {
    let (fixture, router) = setup().await;
    let key = new_key();
    let first = send(&router, json_request(&key, &full_tip("First"))).await;
    assert_eq!(first.status, StatusCode::CREATED);

    // Same key, another tip: refused, and the refusal says which header.
    let other = send(&router, json_request(&key, &full_tip("Second"))).await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        other.codes(),
        [(
            "Idempotency-Key".to_owned(),
            "idempotency_key_reused".to_owned()
        )]
    );

    // The same tip written differently (key order, white space) is a retry.
    let tip = full_tip("First");
    let mut reordered = String::from("{");
    let fields: Vec<_> = tip.as_object().unwrap().iter().rev().collect();
    for (n, (name, value)) in fields.iter().enumerate() {
        if n > 0 {
            reordered.push_str(",\n  ");
        }
        reordered.push_str(&format!("{}: {value}", json!(name)));
    }
    reordered.push('}');
    let again = send(
        &router,
        tip_request(Some(&key), "application/json", reordered),
    )
    .await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.header("idempotent-replayed"), "true");
    assert_eq!(again.json()["receipt"], first.json()["receipt"]);

    // The second tip, sent with a key of its own, is stored.
    let fresh = send(&router, json_request(&new_key(), &full_tip("Second"))).await;
    assert_eq!(fresh.status, StatusCode::CREATED);
    let rows = fixture.state.store.sealed_since(i64::MIN).await.unwrap();
    assert_eq!(rows.len(), 2);
    let metrics = send(&router, from("127.0.0.1:40000", get("/metrics"))).await;
    assert!(String::from_utf8_lossy(&metrics.body)
        .contains("lantern_tips_rejected_total{reason=\"idempotency_key_reused\"} 1"));
}

#[tokio::test]
async fn the_idempotency_key_is_required_and_checked() {
    let (_fixture, router) = setup().await;
    let body = full_tip("Key").to_string();
    let missing = send(&router, tip_request(None, "application/json", body.clone())).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        missing.codes(),
        [("Idempotency-Key".to_owned(), "required".to_owned())]
    );
    for bad in [
        "short",
        "0123456789ABCDEF0123456789ABCDEF",
        "0123456789abcdef0123456789abcdeg",
    ] {
        let answer = send(
            &router,
            tip_request(Some(bad), "application/json", body.clone()),
        )
        .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(
            answer.codes(),
            [("Idempotency-Key".to_owned(), "invalid_value".to_owned())]
        );
    }
}

#[tokio::test]
async fn malformed_json_is_400_in_the_contract_shape() {
    let (_fixture, router) = setup().await;
    for body in ["{\"version\": 1, \"narrative\": ", "not json", ""] {
        let answer = send(
            &router,
            tip_request(Some(&new_key()), "application/json", body),
        )
        .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body:?}");
        assert_eq!(answer.header("content-type"), "application/json");
        assert_eq!(answer.codes()[0].1, "malformed_json");
    }
}

#[tokio::test]
async fn bodies_over_the_limit_are_413() {
    // The limit is the shared crate's: the largest valid tip, written with
    // every character escaped, still fits (crates/tip/tests/rules.rs).
    let limit = lantern_intake::extract::BODY_LIMIT;
    let (fixture, router) = setup().await;
    let mut tip = full_tip("Big");
    tip["narrative"] = json!("x".repeat(limit + 1));
    let answer = send(&router, json_request(&new_key(), &tip)).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.codes(), [(String::new(), "too_large".to_owned())]);

    // Without a Content-Length (a streamed body) the limit holds too.
    let chunks = futures_util::stream::iter(
        (0..=limit / 1024).map(|_| Ok::<_, std::io::Error>(bytes::Bytes::from(vec![b' '; 1024]))),
    );
    let answer = send(
        &router,
        tip_request(
            Some(&new_key()),
            "application/json",
            Body::from_stream(chunks),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(fixture
        .state
        .store
        .sealed_since(i64::MIN)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn other_content_types_are_415() {
    let (_fixture, router) = setup().await;
    let body = full_tip("Type").to_string();
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ] {
        let answer = send(
            &router,
            tip_request(Some(&new_key()), content_type, body.clone()),
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type}"
        );
        assert_eq!(answer.codes()[0].1, "unsupported_media_type");
    }
    let charset = send(
        &router,
        tip_request(Some(&new_key()), "application/json; charset=utf-8", body),
    )
    .await;
    assert_eq!(charset.status, StatusCode::CREATED);
}

#[tokio::test]
async fn contract_violations_are_422_with_field_paths() {
    let (fixture, router) = setup().await;
    let mut unknown = full_tip("Shape");
    unknown["location"]["gps"] = json!("1,2");
    let answer = send(&router, json_request(&new_key(), &unknown)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        answer.codes(),
        [("location.gps".to_owned(), "unknown_field".to_owned())]
    );

    let mut wrong_type = full_tip("Shape");
    wrong_type["when"]["ongoing"] = json!("yes");
    let answer = send(&router, json_request(&new_key(), &wrong_type)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        answer.codes(),
        [("when.ongoing".to_owned(), "invalid_type".to_owned())]
    );

    let mut rules = full_tip("Rules");
    rules["narrative"] = json!("  short  ");
    rules["when"]["date"] = json!("2999-01-01");
    rules["indicators"] = json!(["not-free-to-leave", "no-such-sign"]);
    let answer = send(&router, json_request(&new_key(), &rules)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let codes = answer.codes();
    for expected in [
        ("when.date", "future_date"),
        ("indicators[1]", "unknown_id"),
        ("narrative", "too_short"),
    ] {
        assert!(
            codes.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} not in {codes:?}"
        );
    }
    assert!(fixture
        .state
        .store
        .sealed_since(i64::MIN)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn too_many_tips_from_one_client_are_429_with_retry_after() {
    let fixture = fixture(
        RateLimit {
            per_minute: 1,
            burst: 2,
        },
        &[],
    )
    .await;
    let router = app(fixture.state.clone());
    for _ in 0..2 {
        let ok = send(&router, json_request(&new_key(), &full_tip("Rate"))).await;
        assert_eq!(ok.status, StatusCode::CREATED);
    }
    let limited = send(&router, json_request(&new_key(), &full_tip("Rate"))).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = limited.header("retry-after").parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(
        limited.codes(),
        [(String::new(), "rate_limited".to_owned())]
    );
    // Reading the page is never limited.
    assert_eq!(send(&router, get("/")).await.status, StatusCode::OK);
}

#[tokio::test]
async fn unknown_paths_are_404_and_wrong_methods_405_in_json() {
    let (_fixture, router) = setup().await;
    for path in ["/v1/nothing", "/v1/tips/123", "/no-such-file.js"] {
        let answer = send(&router, get(path)).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(answer.codes(), [(String::new(), "not_found".to_owned())]);
    }
    let answer = send(&router, get("/v1/tips")).await;
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(answer.codes()[0].1, "method_not_allowed");
}

#[tokio::test]
async fn the_page_has_the_exit_url_and_a_csp_hash_for_its_inline_script() {
    let (_fixture, router) = setup().await;
    let page = send(&router, get("/?lang=es&partner=city-of-x")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(page.header("cache-control"), "no-store");
    let html = String::from_utf8(page.body.clone()).unwrap();
    assert!(html.contains("content=\"https://weather.example/today\""));
    assert!(html.contains("data-testid=\"exit-link\" href=\"https://weather.example/today\""));
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD
        .encode(sha2::Sha256::digest(common::INLINE_SCRIPT.as_bytes()));
    assert!(page
        .header("content-security-policy")
        .contains(&format!("'sha256-{hash}'")));
    assert!(page
        .header("content-security-policy")
        .contains("frame-ancestors 'none'"));
    assert_eq!(page.header("x-frame-options"), "DENY");
}

/// Each visit gets the page in its own language: the static copy the build
/// wrote for it (`static/<tag>.html`), chosen by `?lang=`, else by
/// `Accept-Language`, and only that language's words.
#[tokio::test]
async fn a_visit_gets_the_page_in_its_language_and_only_its_words() {
    let dir = tempfile::tempdir().unwrap();
    let widget = common::widget_dir(dir.path());
    std::fs::create_dir_all(widget.join("static")).unwrap();
    let index = std::fs::read_to_string(widget.join("index.html")).unwrap();
    let index = index.replace(
        "<body>",
        "<body><div id=\"lantern\"><div class=\"lx-app lx-static\">words-en</div></div>",
    );
    std::fs::write(widget.join("index.html"), index).unwrap();
    for tag in ["en", "es"] {
        std::fs::write(
            widget.join("static").join(format!("{tag}.html")),
            format!("<div class=\"lx-app lx-static\">words-{tag}</div>"),
        )
        .unwrap();
    }
    let (_identity, recipient) = common::key_pair(dir.path());
    let store = lantern_intake::store::AnyStore::open(&common::sqlite_url(dir.path()))
        .await
        .unwrap();
    let page = lantern_intake::page::WidgetPage::load(&widget, None).unwrap();
    let state = lantern_intake::AppState::new(
        store,
        lantern_intake::seal::Sealer::new(&[recipient]).unwrap(),
        page,
        Settings::default(),
    )
    .unwrap();
    let router = app(state);
    for (path, accept, lang) in [
        ("/", None, "en"),
        ("/?lang=es", None, "es"),
        ("/?lang=es-MX", Some("en-US"), "es"),
        ("/?lang=en", Some("es"), "en"),
        ("/", Some("es-MX,es;q=0.9,en;q=0.8"), "es"),
        ("/", Some("fr, es;q=0.5, en;q=0.6"), "en"),
        ("/", Some("es;q=0, en"), "en"),
        ("/", Some("de"), "en"),
        ("/index.html", Some("es"), "es"),
    ] {
        let mut request = get(path);
        if let Some(accept) = accept {
            request = with_header(request, "accept-language", accept);
        }
        let page = send(&router, request).await;
        assert_eq!(page.status, StatusCode::OK, "{path} {accept:?}");
        assert!(page.header("vary").contains("accept-language"));
        let html = String::from_utf8(page.body.clone()).unwrap();
        assert!(
            html.contains(&format!("<html lang=\"{lang}\" dir=\"ltr\">")),
            "{path} {accept:?}: {html}"
        );
        for other in ["en", "es"] {
            assert_eq!(
                html.contains(&format!(">words-{other}<")),
                other == lang,
                "{path} {accept:?}: {html}"
            );
        }
        assert!(html.contains(&format!("content=\"{}\"", lantern_tip::ExitUrl::DEFAULT)));
    }
}

#[tokio::test]
async fn allowed_partner_origins_may_frame_the_widget() {
    let fixture = fixture(NO_LIMIT, &["https://city.example", "http://127.0.0.1:9001"]).await;
    let router = app(fixture.state.clone());
    let page = send(&router, get("/")).await;
    assert!(page
        .header("content-security-policy")
        .ends_with("frame-ancestors https://city.example http://127.0.0.1:9001"));
    assert!(!page.headers.contains_key("x-frame-options"));
}

#[tokio::test]
async fn static_files_have_their_types_precompressed_variants_and_cache_rules() {
    let (_fixture, router) = setup().await;
    let wasm = send(&router, get("/lantern-0123456789abcdef_bg.wasm")).await;
    assert_eq!(wasm.status, StatusCode::OK);
    assert_eq!(wasm.header("content-type"), "application/wasm");
    assert_eq!(wasm.body, common::WASM_BYTES);
    assert!(wasm.header("cache-control").contains("immutable"));

    let request = |encoding: &str| {
        Request::get("/lantern-0123456789abcdef.js")
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap()
    };
    let br = send(&router, request("gzip, deflate, br")).await;
    assert_eq!(br.header("content-encoding"), "br");
    assert_eq!(br.body, b"brotli bytes");
    assert!(br.header("content-type").contains("javascript"));
    let gz = send(&router, request("gzip")).await;
    assert_eq!(gz.header("content-encoding"), "gzip");
    assert_eq!(gz.body, b"gzip bytes");
    let plain = send(&router, request("identity")).await;
    assert!(!plain.headers.contains_key("content-encoding"));
    // One URL, three bodies by Accept-Encoding, and public caching: a shared
    // cache must know the answer varies, or it hands brotli to anyone.
    for answer in [&br, &gz, &plain, &wasm] {
        let vary: Vec<&str> = answer
            .headers
            .get_all("vary")
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect();
        assert!(
            vary.iter()
                .any(|v| v.to_ascii_lowercase().contains("accept-encoding")),
            "{vary:?}"
        );
    }

    let loader = send(&router, get("/embed.js")).await;
    assert_eq!(
        loader.header("cross-origin-resource-policy"),
        "cross-origin"
    );
    assert_eq!(loader.header("cache-control"), "no-store");
}

#[tokio::test]
async fn health_readiness_metrics_and_the_contract_are_served() {
    let (_fixture, router) = setup().await;
    assert_eq!(send(&router, get("/healthz")).await.status, StatusCode::OK);
    // No icon on purpose (a browser would keep it beside its history).
    let icon = send(&router, get("/favicon.ico")).await;
    assert_eq!(icon.status, StatusCode::NO_CONTENT);
    assert!(icon.body.is_empty());
    let ready = send(&router, get("/readyz")).await;
    assert_eq!(ready.status, StatusCode::OK);
    assert_eq!(ready.json()["status"], "ready");

    let openapi = send(&router, get("/v1/openapi.json")).await;
    assert_eq!(openapi.status, StatusCode::OK);
    // The contract, with `when.date` narrowed to the dates up to today.
    let served_on = |unix| {
        lantern_tip::openapi_json(lantern_intake::clock::latest_date_anywhere(unix)).into_bytes()
    };
    let now = lantern_intake::clock::now_unix();
    assert!(openapi.body == served_on(now) || openapi.body == served_on(now - 60));
    assert!(openapi.json()["paths"]["/v1/tips"].is_object());

    send(&router, json_request(&new_key(), &full_tip("Metrics"))).await;
    let mut short = full_tip("Metrics");
    short["narrative"] = json!("short");
    send(&router, json_request(&new_key(), &short)).await;
    send(&router, tip_request(Some(&new_key()), "text/plain", "x")).await;
    let metrics = send(&router, from("127.0.0.1:40000", get("/metrics"))).await;
    assert_eq!(metrics.status, StatusCode::OK);
    let text = String::from_utf8(metrics.body.clone()).unwrap();
    assert!(metrics
        .header("content-type")
        .starts_with("text/plain; version=0.0.4"));
    assert!(text.contains("lantern_tips_accepted_total 1\n"), "{text}");
    assert!(
        text.contains("lantern_tips_rejected_total{reason=\"too_short\"} 1\n"),
        "{text}"
    );
    assert!(text.contains("lantern_tips_rejected_total{reason=\"unsupported_media_type\"} 1\n"));
    // city-of-x is not a configured partner here: its tips count as other.
    assert!(text.contains("lantern_tips_by_partner_total{partner=\"other\"} 1\n"));
    assert!(!text.contains("city-of-x"), "{text}");
}

#[tokio::test]
async fn a_directory_redirect_never_leaves_this_host() {
    let (fixture, router) = setup().await;
    let demo = fixture.state.page.dir.join("demo");
    std::fs::create_dir(&demo).unwrap();
    std::fs::write(demo.join("index.html"), "<p>demo</p>").unwrap();

    // The ordinary case still redirects, to a path on this host.
    let plain = send(&router, get("/demo")).await;
    assert!(plain.status.is_redirection(), "{}", plain.status);
    assert_eq!(plain.header("location"), "/demo/");
    assert_eq!(send(&router, get("/demo/")).await.body, b"<p>demo</p>");

    // `//demo/` would be the host `demo` to a browser.
    for path in ["//demo", "///demo", "//demo/"] {
        let answer = send(&router, get(path)).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!answer.headers.contains_key("location"), "{path}");
        assert_eq!(answer.codes(), [(String::new(), "not_found".to_owned())]);
    }
    // An absolute-form request names a host: the redirect must not copy it.
    let absolute = send(&router, get("http://elsewhere.example/demo?lang=es")).await;
    assert!(absolute.status.is_redirection());
    assert_eq!(absolute.header("location"), "/demo/?lang=es");
}

#[tokio::test]
async fn a_replay_gets_its_receipt_even_with_the_bucket_empty() {
    let fixture = fixture(
        RateLimit {
            per_minute: 1,
            burst: 2,
        },
        &[],
    )
    .await;
    let router = app(fixture.state.clone());
    let first_key = new_key();
    let first = send(&router, json_request(&first_key, &full_tip("Replay"))).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let second = send(&router, json_request(&new_key(), &full_tip("Replay"))).await;
    assert_eq!(second.status, StatusCode::CREATED);
    // The bucket is empty: a new tip waits.
    let limited = send(&router, json_request(&new_key(), &full_tip("Replay"))).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    // The retry of an acknowledged tip still gets its receipt, as often as
    // it comes, and stores nothing more.
    for _ in 0..3 {
        let replay = send(&router, json_request(&first_key, &full_tip("Replay"))).await;
        assert_eq!(replay.status, StatusCode::CREATED);
        assert_eq!(replay.header("idempotent-replayed"), "true");
        assert_eq!(replay.json()["receipt"], first.json()["receipt"]);
    }
    let rows = fixture.state.store.sealed_since(i64::MIN).await.unwrap();
    assert_eq!(rows.len(), 2);
}

#[tokio::test]
async fn only_stored_tips_spend_tokens() {
    let fixture = fixture(
        RateLimit {
            per_minute: 1,
            burst: 2,
        },
        &[],
    )
    .await;
    let router = app(fixture.state.clone());
    // Invalid requests of every kind, far more than the burst.
    let mut short = full_tip("Spend");
    short["narrative"] = json!("short");
    for _ in 0..5 {
        let invalid = send(&router, json_request(&new_key(), &short)).await;
        assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
        let not_json = send(
            &router,
            tip_request(Some(&new_key()), "application/json", "{"),
        )
        .await;
        assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
        let no_key = send(&router, tip_request(None, "application/json", "{}")).await;
        assert_eq!(no_key.status, StatusCode::BAD_REQUEST);
    }
    // Replays of a stored tip cost nothing either.
    let key = new_key();
    assert_eq!(
        send(&router, json_request(&key, &full_tip("Spend")))
            .await
            .status,
        StatusCode::CREATED
    );
    for _ in 0..5 {
        let replay = send(&router, json_request(&key, &full_tip("Spend"))).await;
        assert_eq!(replay.header("idempotent-replayed"), "true");
    }
    // So the honest client's second tip is still within its burst.
    let second = send(&router, json_request(&new_key(), &full_tip("Spend"))).await;
    assert_eq!(second.status, StatusCode::CREATED);
    let third = send(&router, json_request(&new_key(), &full_tip("Spend"))).await;
    assert_eq!(third.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn clients_behind_a_trusted_proxy_each_have_their_own_bucket() {
    let fixture = fixture_with(Settings {
        rate_limit: RateLimit {
            per_minute: 1,
            burst: 1,
        },
        client_ip_header: Some("X-Forwarded-For".to_owned()),
        trusted_proxies: vec!["127.0.0.1".to_owned()],
        ..Settings::default()
    })
    .await;
    let router = app(fixture.state.clone());
    let tip = |peer: &str, forwarded: &str| {
        let request = from(peer, json_request(&new_key(), &full_tip("Proxy")));
        with_header(request, "x-forwarded-for", forwarded)
    };
    // nginx's $proxy_add_x_forwarded_for with a port, a trailing comma, IPv6.
    for (forwarded, again) in [
        ("203.0.113.50, 198.51.100.7:4711", "198.51.100.7"),
        ("198.51.100.8,", "198.51.100.8:80"),
        ("[2001:db8::1]:443", "2001:db8::1"),
    ] {
        let first = send(&router, tip("127.0.0.1:50000", forwarded)).await;
        assert_eq!(first.status, StatusCode::CREATED, "{forwarded}");
        let second = send(&router, tip("127.0.0.1:50001", again)).await;
        assert_eq!(second.status, StatusCode::TOO_MANY_REQUESTS, "{again}");
    }
    // From a peer that is not the proxy, the header is the client's own
    // claim: it is limited by its own address whatever it says.
    let direct = send(&router, tip("192.0.2.44:1234", "198.51.100.99")).await;
    assert_eq!(direct.status, StatusCode::CREATED);
    let claims_another = send(&router, tip("192.0.2.44:1235", "198.51.100.100")).await;
    assert_eq!(claims_another.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn metrics_are_for_the_operator_only() {
    // No flag: this machine only, and only when no proxy forwarded it.
    let (_fixture, router) = setup().await;
    let local = send(&router, from("127.0.0.1:40000", get("/metrics"))).await;
    assert_eq!(local.status, StatusCode::OK);
    let local_v6 = send(&router, from("[::1]:40000", get("/metrics"))).await;
    assert_eq!(local_v6.status, StatusCode::OK);
    for refused in [
        get("/metrics"),
        from("192.0.2.8:40000", get("/metrics")),
        with_header(
            from("127.0.0.1:40000", get("/metrics")),
            "x-forwarded-for",
            "192.0.2.8",
        ),
        with_header(
            from("127.0.0.1:40000", get("/metrics")),
            "forwarded",
            "for=192.0.2.8",
        ),
    ] {
        let answer = send(&router, refused).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);
        assert_eq!(answer.codes(), [(String::new(), "not_found".to_owned())]);
    }

    // A token: whoever bears it, from anywhere; nobody else.
    let fixture = fixture_with(Settings {
        metrics: Access {
            token: Some("s3cret-token".to_owned()),
            separate_listener: false,
        },
        ..Settings::default()
    })
    .await;
    let router = app(fixture.state.clone());
    let bearing = |value: &str| {
        with_header(
            from("192.0.2.8:40000", get("/metrics")),
            "authorization",
            value,
        )
    };
    assert_eq!(
        send(&router, bearing("Bearer s3cret-token")).await.status,
        StatusCode::OK
    );
    for wrong in [
        "Bearer s3cret-toke",
        "Bearer ",
        "Basic s3cret-token",
        "s3cret-token",
    ] {
        let answer = send(&router, bearing(wrong)).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{wrong}");
        assert_eq!(answer.header("www-authenticate"), "Bearer");
        assert_eq!(answer.codes(), [(String::new(), "unauthorized".to_owned())]);
    }
    let local = send(&router, from("127.0.0.1:40000", get("/metrics"))).await;
    assert_eq!(local.status, StatusCode::UNAUTHORIZED);

    // A separate listener: never on the main one, open on its own.
    let fixture = fixture_with(Settings {
        metrics: Access {
            token: None,
            separate_listener: true,
        },
        ..Settings::default()
    })
    .await;
    let main = app(fixture.state.clone());
    let own = metrics_app(fixture.state.clone());
    let on_main = send(&main, from("127.0.0.1:40000", get("/metrics"))).await;
    assert_eq!(on_main.status, StatusCode::NOT_FOUND);
    let on_own = send(&own, from("10.0.0.5:40000", get("/metrics"))).await;
    assert_eq!(on_own.status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&on_own.body).contains("lantern_tips_accepted_total"));
    // It serves nothing else.
    assert_eq!(send(&own, get("/")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        send(&own, get("/v1/tips")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn only_configured_partner_ids_become_metric_labels() {
    let fixture = fixture_with(Settings {
        rate_limit: NO_LIMIT,
        partners: vec!["city-of-x".to_owned()],
        ..Settings::default()
    })
    .await;
    let router = app(fixture.state.clone());
    for partner in ["city-of-x", "made-up-by-a-caller", "another-invention"] {
        let mut tip = full_tip("Labels");
        tip["partner"] = json!(partner);
        let answer = send(&router, json_request(&new_key(), &tip)).await;
        assert_eq!(answer.status, StatusCode::CREATED);
    }
    let metrics = send(&router, from("127.0.0.1:1", get("/metrics"))).await;
    let text = String::from_utf8(metrics.body).unwrap();
    assert!(
        text.contains("lantern_tips_by_partner_total{partner=\"city-of-x\"} 1\n"),
        "{text}"
    );
    assert!(
        text.contains("lantern_tips_by_partner_total{partner=\"other\"} 2\n"),
        "{text}"
    );
    assert!(
        !text.contains("made-up") && !text.contains("invention"),
        "{text}"
    );
    // Stored as sent: only the metrics fold it.
    let rows = fixture.state.store.sealed_since(i64::MIN).await.unwrap();
    assert!(rows
        .iter()
        .any(|r| r.partner.as_deref() == Some("made-up-by-a-caller")));
}

#[tokio::test]
async fn http_1_1_needs_exactly_one_valid_host() {
    let (_fixture, router) = setup().await;
    let missing = send_as_is(&router, get("/")).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        missing.codes(),
        [("Host".to_owned(), "required".to_owned())]
    );
    assert_eq!(missing.header("connection"), "close");

    let mut twice = get("/");
    twice
        .headers_mut()
        .append(header::HOST, "a.example".parse().unwrap());
    twice
        .headers_mut()
        .append(header::HOST, "b.example".parse().unwrap());
    let twice = send_as_is(&router, twice).await;
    assert_eq!(twice.status, StatusCode::BAD_REQUEST);
    assert_eq!(twice.codes(), [("Host".to_owned(), "duplicate".to_owned())]);

    for bad in ["a b", "user@host.example", "", "host.example:port"] {
        let answer = send_as_is(&router, with_header(get("/"), "host", bad)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{bad:?}");
        assert_eq!(
            answer.codes(),
            [("Host".to_owned(), "invalid_value".to_owned())]
        );
    }
    for good in ["intake.example", "127.0.0.1:8080", "[::1]:8080"] {
        let answer = send_as_is(&router, with_header(get("/"), "host", good)).await;
        assert_eq!(answer.status, StatusCode::OK, "{good}");
    }
    // HTTP/1.0 has no Host; HTTP/2 carries it as :authority.
    for version in [Version::HTTP_10, Version::HTTP_2] {
        let mut request = get("/");
        *request.version_mut() = version;
        assert_eq!(send_as_is(&router, request).await.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn a_request_target_over_the_limit_is_414() {
    let (_fixture, router) = setup().await;
    let long = format!("/?lang={}", "e".repeat(lantern_intake::conn::MAX_URI_BYTES));
    let answer = send(&router, get(&long)).await;
    assert_eq!(answer.status, StatusCode::URI_TOO_LONG);
    assert_eq!(answer.codes(), [(String::new(), "too_large".to_owned())]);
    let fits = format!("/?lang={}", "e".repeat(100));
    assert_eq!(send(&router, get(&fits)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_compressed_body_is_415_not_400() {
    let (fixture, router) = setup().await;
    for encoding in ["gzip", "br", "deflate, identity"] {
        let request = with_header(
            json_request(&new_key(), &full_tip("Gzip")),
            "content-encoding",
            encoding,
        );
        let answer = send(&router, request).await;
        assert_eq!(
            answer.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{encoding}"
        );
        assert_eq!(answer.codes()[0].1, "unsupported_media_type");
        assert_eq!(answer.header("accept-encoding"), "identity");
    }
    let identity = with_header(
        json_request(&new_key(), &full_tip("Gzip")),
        "content-encoding",
        "identity",
    );
    assert_eq!(send(&router, identity).await.status, StatusCode::CREATED);
    assert_eq!(
        fixture
            .state
            .store
            .sealed_since(i64::MIN)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn a_body_that_does_not_arrive_in_time_is_408() {
    let fixture = fixture_with(Settings {
        rate_limit: NO_LIMIT,
        body_timeout: Duration::from_millis(300),
        ..Settings::default()
    })
    .await;
    let router = app(fixture.state.clone());
    // The first bytes of a tip, then nothing more.
    use futures_util::StreamExt as _;
    let stalled = futures_util::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from_static(
        b"{\"version\": 1, ",
    ))])
    .chain(futures_util::stream::pending());
    let started = std::time::Instant::now();
    let answer = send(
        &router,
        tip_request(
            Some(&new_key()),
            "application/json",
            Body::from_stream(stalled),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::REQUEST_TIMEOUT);
    assert_eq!(
        answer.codes(),
        [(String::new(), "request_timeout".to_owned())]
    );
    assert_eq!(answer.header("connection"), "close");
    assert!(started.elapsed() < Duration::from_secs(5));
}

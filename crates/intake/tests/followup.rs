//! Anonymous follow-up (issue 16) against the real binary over a real
//! socket, on SQLite and on the PostgreSQL of `LANTERN_TEST_PG`: a tip is
//! sent, a code is made and registered, the hotline replies with the real
//! `reply` command, the reporter reads with the keys from the code and
//! answers; export shows the conversation. Then a wrong code, an expired
//! code and a burst of guesses, each on its own; and a search of everything
//! the service wrote for the messages, the code and the lookup token.

mod common;

use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::time::{Duration, Instant};

use base64::Engine;
use common::{new_key, Server};
use lantern_followup::{derive, Code, Direction, Keys, Kind};

const B64: base64::engine::general_purpose::GeneralPurpose =
    base64::engine::general_purpose::STANDARD;

/// A fresh code, as the browser makes it.
fn new_code() -> Code {
    let mut bytes = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
    Code::from_random(bytes)
}

struct Setup {
    _work: tempfile::TempDir,
    data: std::path::PathBuf,
    database: String,
    identity: std::path::PathBuf,
    server: Server,
}

fn start(database: Option<String>) -> Setup {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let (identity, recipient) = common::key_pair(work.path());
    let widget = common::widget_dir(work.path());
    let database = database.unwrap_or_else(|| common::sqlite_url(&data));
    let server = Server::start(&database, &recipient, &widget, &[]);
    Setup {
        _work: work,
        data,
        database,
        identity,
        server,
    }
}

fn client_from(last: u8) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(IpAddr::V4(Ipv4Addr::new(127, 16, 16, last)))
        .build()
        .unwrap()
}

/// Sends a tip; returns its Idempotency-Key and receipt.
async fn send_tip(client: &reqwest::Client, url: &str, narrative: &str) -> (String, String) {
    let key = new_key();
    let response = client
        .post(format!("{url}/v1/tips"))
        .header("content-type", "application/json")
        .header("idempotency-key", &key)
        .body(serde_json::json!({"version": 1, "narrative": narrative}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let body: serde_json::Value = response.json().await.unwrap();
    (key, body["receipt"].as_str().unwrap().to_owned())
}

async fn post(
    client: &reqwest::Client,
    url: &str,
    path: &str,
    key: Option<&str>,
    body: serde_json::Value,
) -> (u16, serde_json::Value, reqwest::header::HeaderMap) {
    let mut request = client
        .post(format!("{url}{path}"))
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.json().await.unwrap_or(serde_json::Value::Null);
    (status, body, headers)
}

async fn register(client: &reqwest::Client, url: &str, key: &str, keys: &Keys) -> u16 {
    let body = serde_json::json!({
        "lookup_token": keys.lookup.to_hex(),
        "recipient": keys.recipient().to_string(),
    });
    post(client, url, "/v1/followups", Some(key), body).await.0
}

/// What the reporter's browser makes of a lookup: `None` when the code
/// opened nothing, else the hotline's messages' texts.
async fn check(client: &reqwest::Client, url: &str, keys: &Keys) -> Option<Vec<String>> {
    let (status, body, _) = post(
        client,
        url,
        "/v1/followups/messages",
        None,
        serde_json::json!({"lookup_token": keys.lookup.to_hex()}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let opened = B64.decode(body["opened"].as_str().unwrap()).unwrap();
    let Ok(hello) = lantern_followup::open(&keys.identity, &opened) else {
        assert_eq!(body["messages"], serde_json::json!([]));
        return None;
    };
    assert_eq!(hello.kind, Kind::Opened);
    let texts = body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            assert!(m["hour"].as_str().unwrap().ends_with(":00:00Z"), "{m}");
            let sealed = B64.decode(m["sealed"].as_str().unwrap()).unwrap();
            let message = lantern_followup::open(&keys.identity, &sealed).unwrap();
            assert_eq!(message.direction, Direction::Hotline);
            message.text
        })
        .collect();
    Some(texts)
}

async fn send_answer(
    client: &reqwest::Client,
    url: &str,
    keys: &Keys,
    kind: &str,
    text: &str,
) -> (u16, serde_json::Value) {
    let (status, body, _) = answer_under(client, url, &new_key(), keys, kind, text).await;
    (status, body)
}

/// Sends an answer under the Idempotency-Key `key`.
async fn answer_under(
    client: &reqwest::Client,
    url: &str,
    key: &str,
    keys: &Keys,
    kind: &str,
    text: &str,
) -> (u16, serde_json::Value, reqwest::header::HeaderMap) {
    let body =
        serde_json::json!({"lookup_token": keys.lookup.to_hex(), "kind": kind, "text": text});
    post(client, url, "/v1/followups/answers", Some(key), body).await
}

/// Runs `lantern-intake reply`; returns its stdout.
fn reply(database: &str, identity: &Path, receipt: &str, message: Option<&str>) -> String {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_lantern-intake"));
    command
        .args(["reply", "--database", database, "--identity"])
        .arg(identity)
        .args(["--receipt", receipt]);
    if let Some(message) = message {
        command.args(["--message", message]);
    }
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "reply failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

async fn conversation_end_to_end(database: Option<String>) {
    let mut setup = start(database);
    let url = setup.server.url();
    let client = client_from(1);
    let (key, receipt) =
        send_tip(&client, &url, "Workers sleep in the shed behind the farm.").await;
    let keys = derive(new_code());
    assert_eq!(register(&client, &url, &key, &keys).await, 201);

    // Registered, nothing written yet: the code opens an empty conversation.
    assert_eq!(check(&client, &url, &keys).await, Some(vec![]));

    let question = "Thank you. Is anyone there under 18?";
    reply(&setup.database, &setup.identity, &receipt, Some(question));
    assert_eq!(
        check(&client, &url, &keys).await,
        Some(vec![question.to_owned()])
    );

    let (status, body) = send_answer(&client, &url, &keys, "answer", "Two of them, I think.").await;
    assert_eq!(status, 201, "{body}");
    assert!(body["hour"].as_str().unwrap().ends_with(":00:00Z"));
    let (status, _) = send_answer(&client, &url, &keys, "detail", "The van is white.").await;
    assert_eq!(status, 201);
    // The reporter's own words are for the hotline only.
    assert_eq!(
        check(&client, &url, &keys).await,
        Some(vec![question.to_owned()])
    );

    let listed = reply(&setup.database, &setup.identity, &receipt, None);
    let lines: Vec<serde_json::Value> = listed
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let shown: Vec<(&str, &str, &str)> = lines
        .iter()
        .map(|l| {
            (
                l["direction"].as_str().unwrap(),
                l["kind"].as_str().unwrap(),
                l["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("hotline", "reply", question),
            ("reporter", "answer", "Two of them, I think."),
            ("reporter", "detail", "The van is white."),
        ]
    );

    setup.server.stop();
    let exported = common::export(&setup.database, &setup.identity, &[]);
    let tip: serde_json::Value = serde_json::from_str(exported.lines().next().unwrap()).unwrap();
    let texts: Vec<&str> = tip["conversation"]
        .as_array()
        .expect("the tip's conversation in the export")
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [question, "Two of them, I think.", "The van is white."]
    );

    // And in the spreadsheet form: its last column, a line per message.
    let csv = common::export(&setup.database, &setup.identity, &["--format", "csv"]);
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header = rows.headers().unwrap().clone();
    assert_eq!(header.iter().next_back(), Some("conversation"));
    let row = rows.records().next().unwrap().unwrap();
    let cell = row.iter().next_back().unwrap();
    let lines: Vec<&str> = cell.lines().collect();
    assert_eq!(lines.len(), 3, "{cell}");
    assert!(
        lines[0].ends_with(&format!(" hotline (reply): {question}")),
        "{cell}"
    );
    assert!(
        lines[1].ends_with(" reporter (answer): Two of them, I think."),
        "{cell}"
    );
    assert!(
        lines[2].ends_with(" reporter (detail): The van is white."),
        "{cell}"
    );
}

#[tokio::test]
async fn a_reporter_and_the_hotline_talk_through_the_code_on_sqlite() {
    conversation_end_to_end(None).await;
}

#[tokio::test]
async fn a_reporter_and_the_hotline_talk_through_the_code_on_postgres() {
    conversation_end_to_end(Some(common::fresh_pg_database().await)).await;
}

#[tokio::test]
async fn registration_needs_the_tips_own_key_and_one_code_per_tip() {
    let mut setup = start(None);
    let url = setup.server.url();
    let client = client_from(2);
    let (key, _) = send_tip(&client, &url, "Someone keeps their passports at the shop.").await;
    let keys = derive(new_code());
    // No tip under this key.
    let body = serde_json::json!({"lookup_token": keys.lookup.to_hex(), "recipient": keys.recipient().to_string()});
    let (status, errors, _) = post(
        &client,
        &url,
        "/v1/followups",
        Some(&new_key()),
        body.clone(),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(
        errors,
        serde_json::json!({"errors": [{"field": "Idempotency-Key", "code": "not_found"}]})
    );
    // Stored, then the same again (a retry) is the same answer, replayed.
    let (status, created, _) = post(&client, &url, "/v1/followups", Some(&key), body.clone()).await;
    assert_eq!(
        (status, created),
        (201, serde_json::json!({"expires_after_days": 90}))
    );
    let (status, _, headers) = post(&client, &url, "/v1/followups", Some(&key), body).await;
    assert_eq!(status, 201);
    assert_eq!(headers["idempotent-replayed"], "true");
    // Another code for the same tip is refused.
    let other = derive(new_code());
    let body = serde_json::json!({"lookup_token": other.lookup.to_hex(), "recipient": other.recipient().to_string()});
    let (status, errors, _) = post(&client, &url, "/v1/followups", Some(&key), body).await;
    assert_eq!(status, 422);
    assert_eq!(
        errors,
        serde_json::json!({"errors": [{"field": "lookup_token", "code": "duplicate"}]})
    );
    // Bad bodies name their field.
    let (status, errors, _) = post(
        &client,
        &url,
        "/v1/followups",
        Some(&key),
        serde_json::json!({"lookup_token": "12", "recipient": "x"}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        errors["errors"][0],
        serde_json::json!({"field": "lookup_token", "code": "invalid_value"})
    );
    let (status, _, _) = post(&client, &url, "/v1/followups", None, serde_json::json!({})).await;
    assert_eq!(status, 400);
    setup.server.stop();
}

#[tokio::test]
async fn a_wrong_code_opens_nothing_and_is_answered_like_a_right_one() {
    let mut setup = start(None);
    let url = setup.server.url();
    let client = client_from(3);
    let (key, _) = send_tip(&client, &url, "A man at the car wash never leaves.").await;
    let right = derive(new_code());
    assert_eq!(register(&client, &url, &key, &right).await, 201);
    let wrong = derive(new_code());

    let lookup = |keys: &Keys| serde_json::json!({"lookup_token": keys.lookup.to_hex()});
    let started = Instant::now();
    let (right_status, right_body, right_headers) = post(
        &client,
        &url,
        "/v1/followups/messages",
        None,
        lookup(&right),
    )
    .await;
    let right_time = started.elapsed();
    let started = Instant::now();
    let (wrong_status, wrong_body, wrong_headers) = post(
        &client,
        &url,
        "/v1/followups/messages",
        None,
        lookup(&wrong),
    )
    .await;
    let wrong_time = started.elapsed();
    // Alike in status, headers, shape and size; both held to the floor.
    assert_eq!((right_status, wrong_status), (200, 200));
    let names = |h: &reqwest::header::HeaderMap| {
        let mut names: Vec<String> = h.keys().map(|k| k.to_string()).collect();
        names.sort();
        names
    };
    assert_eq!(names(&right_headers), names(&wrong_headers));
    assert_eq!(wrong_body["messages"], serde_json::json!([]));
    assert_eq!(right_body["messages"], serde_json::json!([]));
    let opened = |body: &serde_json::Value| B64.decode(body["opened"].as_str().unwrap()).unwrap();
    assert!(
        opened(&right_body)
            .len()
            .abs_diff(opened(&wrong_body).len())
            < 300
    );
    assert!(right_time >= Duration::from_millis(300), "{right_time:?}");
    assert!(wrong_time >= Duration::from_millis(300), "{wrong_time:?}");
    // Only the browser can tell them apart: the wrong code opens nothing.
    assert!(lantern_followup::open(&wrong.identity, &opened(&wrong_body)).is_err());
    assert!(lantern_followup::open(&right.identity, &opened(&right_body)).is_ok());
    assert_eq!(check(&client, &url, &wrong).await, None);
    // An answer under a wrong code is refused, and nothing is stored.
    let (status, errors) = send_answer(&client, &url, &wrong, "detail", "lost words").await;
    assert_eq!(status, 404);
    assert_eq!(
        errors,
        serde_json::json!({"errors": [{"field": "lookup_token", "code": "not_found"}]})
    );
    setup.server.stop();
    assert_eq!(
        count(&setup.database, "SELECT count(*) FROM followup_messages").await,
        0
    );
}

async fn count(database: &str, sql: &str) -> i64 {
    use sqlx::Connection;
    let mut conn = sqlx::SqliteConnection::connect(database).await.unwrap();
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&mut conn).await.unwrap();
    n
}

async fn execute(database: &str, sql: &str) {
    use sqlx::Connection;
    let mut conn = sqlx::SqliteConnection::connect(database).await.unwrap();
    sqlx::query(sql).execute(&mut conn).await.unwrap();
}

#[tokio::test]
async fn an_expired_code_opens_nothing_and_is_erased() {
    let mut setup = start(None);
    let url = setup.server.url();
    let client = client_from(4);
    let (old_key, _) = send_tip(&client, &url, "They work nights at the nail salon.").await;
    let (recent_key, _) = send_tip(&client, &url, "The boss holds their wages for a debt.").await;
    let old = derive(new_code());
    let recent = derive(new_code());
    assert_eq!(register(&client, &url, &old_key, &old).await, 201);
    assert_eq!(register(&client, &url, &recent_key, &recent).await, 201);
    setup.server.stop();

    // Last used 91 days ago, and 89 days ago.
    let hour = |days: i64| {
        (lantern_intake::clock::floor_to_hour(lantern_intake::clock::now_unix()) - days * 86_400)
            .to_string()
    };
    let old_hash = hash_of(&setup.database, &old).await;
    let recent_hash = hash_of(&setup.database, &recent).await;
    execute(&setup.database, &format!("UPDATE followup_conversations SET last_used_hour = {} WHERE lookup_hash = x'{old_hash}'", hour(91))).await;
    execute(&setup.database, &format!("UPDATE followup_conversations SET last_used_hour = {} WHERE lookup_hash = x'{recent_hash}'", hour(89))).await;

    // A restart closes expired codes at once (and every hour after).
    let widget = common::widget_dir(setup._work.path());
    let recipient = std::fs::read_to_string(&setup.identity)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("# public key: ").map(str::to_owned))
        .unwrap();
    let mut server = Server::start(&setup.database, &recipient, &widget, &[]);
    let url = server.url();
    assert_eq!(check(&client, &url, &old).await, None);
    let (status, _) = send_answer(&client, &url, &old, "answer", "too late").await;
    assert_eq!(status, 404);
    assert_eq!(check(&client, &url, &recent).await, Some(vec![]));
    server.stop();
    assert_eq!(
        count(&setup.database, "SELECT count(*) FROM followup_conversations WHERE lookup_hash IS NULL AND recipient IS NULL").await,
        1
    );
    // The recent one was used just now: its clock starts again.
    assert_eq!(
        count(&setup.database, &format!("SELECT count(*) FROM followup_conversations WHERE lookup_hash = x'{recent_hash}' AND last_used_hour > {}", hour(1))).await,
        1
    );
}

/// The stored keyed hash of `keys`' lookup token, in hex.
async fn hash_of(database: &str, keys: &Keys) -> String {
    use lantern_intake::store::Store;
    let store = lantern_intake::store::AnyStore::open(database)
        .await
        .unwrap();
    let hash = lantern_intake::followup::lookup_hash(store.hash_key(), &keys.lookup);
    store.shut_down().await;
    hex::encode(hash)
}

#[tokio::test]
async fn a_burst_of_guesses_is_refused_after_five_and_only_for_that_client() {
    let mut setup = start(None);
    let url = setup.server.url();
    let guesser = client_from(5);
    let (key, _) = send_tip(&guesser, &url, "Girls are brought to the motel by van.").await;
    let right = derive(new_code());
    assert_eq!(register(&guesser, &url, &key, &right).await, 201);
    // A right code does not spend the wrong-token budget.
    for _ in 0..3 {
        assert_eq!(check(&guesser, &url, &right).await, Some(vec![]));
    }
    // Lookup tokens as a guesser would send them (no KDF needed to guess).
    let guess = |n: u8| serde_json::json!({"lookup_token": format!("{n:02x}").repeat(32)});
    for n in 0..5 {
        let (status, _, _) = post(&guesser, &url, "/v1/followups/messages", None, guess(n)).await;
        assert_eq!(status, 200, "guess {n}");
    }
    let (status, errors, headers) =
        post(&guesser, &url, "/v1/followups/messages", None, guess(9)).await;
    assert_eq!(status, 429);
    assert_eq!(
        errors,
        serde_json::json!({"errors": [{"field": "", "code": "rate_limited"}]})
    );
    let wait: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    // The budget is spent for this client, whatever it sends now...
    let (status, _, _) = post(
        &guesser,
        &url,
        "/v1/followups/messages",
        None,
        serde_json::json!({"lookup_token": right.lookup.to_hex()}),
    )
    .await;
    assert_eq!(status, 429);
    let (status, _) = send_answer(&guesser, &url, &right, "answer", "x").await;
    assert_eq!(status, 429);
    // ...except what cannot test a code at all: an answer without its
    // Idempotency-Key is told what to fix, and looks nothing up.
    let body =
        serde_json::json!({"lookup_token": right.lookup.to_hex(), "kind": "answer", "text": "x"});
    let (status, errors, _) = post(&guesser, &url, "/v1/followups/answers", None, body).await;
    assert_eq!(status, 400, "{errors}");
    // ...and not for anyone else.
    assert_eq!(check(&client_from(6), &url, &right).await, Some(vec![]));
    setup.server.stop();
}

#[tokio::test]
async fn nothing_in_clear_no_message_code_or_token_in_any_file_or_log() {
    const ANSWER_MARK: &str = "FUANSWER9Kq";
    const REPLY_MARK: &str = "FUREPLY4Wz";
    let mut setup = start(None);
    let url = setup.server.url();
    let client = client_from(7);
    let (key, receipt) = send_tip(&client, &url, "Someone at the restaurant cannot leave.").await;
    let code = new_code();
    let keys = derive(code);
    assert_eq!(register(&client, &url, &key, &keys).await, 201);
    reply(
        &setup.database,
        &setup.identity,
        &receipt,
        Some(&format!("question {REPLY_MARK}")),
    );
    assert!(check(&client, &url, &keys).await.unwrap()[0].contains(REPLY_MARK));
    let (status, _) = send_answer(
        &client,
        &url,
        &keys,
        "answer",
        &format!("answer {ANSWER_MARK}"),
    )
    .await;
    assert_eq!(status, 201);
    let (status, _) = send_answer(
        &client,
        &url,
        &keys,
        "detail",
        &format!("detail {ANSWER_MARK}"),
    )
    .await;
    assert_eq!(status, 201);

    let needles: Vec<(&str, Vec<u8>)> = vec![
        ("answer marker", ANSWER_MARK.into()),
        ("reply marker", REPLY_MARK.into()),
        ("code digits", code.digits().into_bytes()),
        ("code as shown", code.to_string().into_bytes()),
        ("lookup token (hex)", keys.lookup.to_hex().into_bytes()),
        ("lookup token (raw)", keys.lookup.0.to_vec()),
    ];
    let scan = |what: &str| -> Vec<String> {
        let mut found = Vec::new();
        for entry in std::fs::read_dir(&setup.data).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            for (name, needle) in &needles {
                if bytes.windows(needle.len()).any(|w| w == needle.as_slice()) {
                    found.push(format!("{what} {}: {name}", path.display()));
                }
            }
        }
        found
    };
    let running = scan("running");
    assert!(
        std::fs::read_dir(&setup.data).unwrap().any(|e| e
            .unwrap()
            .path()
            .to_string_lossy()
            .ends_with("-wal")),
        "the WAL was searched while the service ran"
    );
    setup.server.stop();
    let stopped = scan("stopped");
    let logs = setup.server.output();
    assert!(logs.contains("listening"), "the log was captured:\n{logs}");
    // No line per follow-up request: its time would time the reporter.
    let lines: Vec<&str> = logs.lines().filter(|l| l.contains("followups")).collect();
    assert!(
        lines.is_empty(),
        "follow-up requests were logged: {lines:#?}"
    );
    let in_logs: Vec<&str> = needles
        .iter()
        .filter(|(_, n)| logs.as_bytes().windows(n.len()).any(|w| w == n.as_slice()))
        .map(|(name, _)| *name)
        .collect();
    assert!(running.is_empty(), "{running:?}");
    assert!(stopped.is_empty(), "{stopped:?}");
    assert!(in_logs.is_empty(), "{in_logs:?}\n{logs}");
    // Only hours in clear.
    assert_eq!(
        count(
            &setup.database,
            "SELECT count(*) FROM followup_messages WHERE hour % 3600 != 0"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &setup.database,
            "SELECT count(*) FROM followup_messages WHERE size_bucket NOT IN (512, 2048, 16384)"
        )
        .await,
        0
    );
    // And the markers are there for the hotline, in the export.
    let exported = common::export(&setup.database, &setup.identity, &[]);
    assert!(exported.contains(ANSWER_MARK) && exported.contains(REPLY_MARK));
}

/// A phone on a bad network sends again when the 201 is lost: the answer is
/// stored once, and the key cannot carry different words.
#[tokio::test]
async fn an_answer_sent_again_under_its_key_is_stored_once() {
    let mut setup = start(None);
    let url = setup.server.url();
    let client = client_from(6);
    let (tip_key, _) = send_tip(&client, &url, "Workers sleep in the shed behind the farm.").await;
    let keys = derive(new_code());
    assert_eq!(register(&client, &url, &tip_key, &keys).await, 201);

    let key = new_key();
    let (status, first, headers) =
        answer_under(&client, &url, &key, &keys, "answer", "Two of them.").await;
    assert_eq!(status, 201, "{first}");
    assert!(headers.get("idempotent-replayed").is_none());
    let (status, again, headers) =
        answer_under(&client, &url, &key, &keys, "answer", "Two of them.").await;
    assert_eq!(status, 201, "{again}");
    assert_eq!(again, first);
    assert_eq!(headers["idempotent-replayed"], "true");

    // The same key with other words, or as a detail, is a client's mistake.
    for (kind, text) in [("answer", "Three of them."), ("detail", "Two of them.")] {
        let (status, errors, _) = answer_under(&client, &url, &key, &keys, kind, text).await;
        assert_eq!(status, 422);
        assert_eq!(
            errors,
            serde_json::json!({"errors": [{"field": "Idempotency-Key", "code": "idempotency_key_reused"}]})
        );
    }
    // Without a key, nothing is stored and the error says which header.
    let body =
        serde_json::json!({"lookup_token": keys.lookup.to_hex(), "kind": "detail", "text": "x"});
    let (status, errors, _) = post(&client, &url, "/v1/followups/answers", None, body).await;
    assert_eq!(status, 400);
    assert_eq!(errors["errors"][0]["field"], "Idempotency-Key");

    setup.server.stop();
    assert_eq!(
        count(&setup.database, "SELECT count(*) FROM followup_messages").await,
        1
    );
}

#[tokio::test]
async fn the_published_contract_documents_what_the_endpoints_answer() {
    let mut setup = start(None);
    let url = setup.server.url();
    let doc: serde_json::Value = reqwest::get(format!("{url}/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    setup.server.stop();
    let statuses = [
        ("/v1/followups", &["201", "400", "404", "422", "429"][..]),
        ("/v1/followups/messages", &["200", "400", "422", "429"][..]),
        (
            "/v1/followups/answers",
            &["201", "400", "404", "422", "429"][..],
        ),
    ];
    for (path, codes) in statuses {
        let responses = &doc["paths"][path]["post"]["responses"];
        for code in codes {
            assert!(responses[code].is_object(), "{path} {code}");
        }
        assert_eq!(responses["429"]["headers"]["Retry-After"]["required"], true);
    }
    // The examples are the protocol's own vector (crates/followup/vectors).
    let example = &doc["paths"]["/v1/followups"]["post"]["requestBody"]["content"]
        ["application/json"]["example"];
    let keys = derive("4821 0937 5562 1049 7730".parse().unwrap());
    assert_eq!(example["lookup_token"], keys.lookup.to_hex());
    assert_eq!(example["recipient"], keys.recipient().to_string());
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["FollowupAnswer"]["properties"]["text"]["maxLength"],
        lantern_followup::MAX_TEXT_CHARS
    );
    assert_eq!(
        schemas["FollowupOpened"]["properties"]["expires_after_days"]["enum"][0],
        lantern_intake::followup::EXPIRY_DAYS
    );
}

/// The follow-up store's rules, the same on both back ends.
async fn store_rules(url: &str) {
    use lantern_intake::store::followup::{self as rows, NewConversation, NewMessage, Registered};
    use lantern_intake::store::{new_row_id, AnyStore, NewRecord, Store};
    let store = AnyStore::open(url).await.unwrap();
    let idem_hash = [7u8; 32];
    let receipt_hash = [8u8; 32];
    store
        .insert(NewRecord {
            id: new_row_id(),
            idem_hash,
            receipt_hash,
            receipt_box: vec![1],
            request_mac: [2; 32],
            received_hour: 3_600,
            partner: None,
            schema_version: 1,
            sealed: vec![3],
        })
        .await
        .unwrap();
    let conversation = |tip_idem_hash, lookup_hash, hour| NewConversation {
        tip_idem_hash,
        lookup_hash,
        recipient: "age1tpjdvqaw4wgdh99v4dqj3f9q3qr8qvn73xlgjmlcy2gudvnnafzqjcp3ur".into(),
        hour,
    };
    let hour = 1_000 * 3_600;
    assert_eq!(
        rows::register(&store, &conversation([9; 32], [1; 32], hour))
            .await
            .unwrap(),
        Registered::NoTip
    );
    assert_eq!(
        rows::register(&store, &conversation(idem_hash, [1; 32], hour))
            .await
            .unwrap(),
        Registered::Fresh
    );
    assert_eq!(
        rows::register(&store, &conversation(idem_hash, [1; 32], hour))
            .await
            .unwrap(),
        Registered::Again
    );
    assert_eq!(
        rows::register(&store, &conversation(idem_hash, [2; 32], hour))
            .await
            .unwrap(),
        Registered::Other
    );
    // Live while used in or after `live_since`.
    let found = rows::find(&store, &[1; 32], hour).await.unwrap().unwrap();
    assert!(rows::find(&store, &[1; 32], hour + 3_600)
        .await
        .unwrap()
        .is_none());
    assert!(rows::find(&store, &[2; 32], 0).await.unwrap().is_none());
    rows::touch(&store, found.tip_id, hour + 7_200)
        .await
        .unwrap();
    assert!(rows::find(&store, &[1; 32], hour + 7_200)
        .await
        .unwrap()
        .is_some());
    // Messages by hour, of one direction or both.
    for (direction, at) in [
        (Direction::Reporter, hour + 3_600),
        (Direction::Hotline, hour),
    ] {
        rows::add_message(
            &store,
            &NewMessage {
                id: new_row_id(),
                tip_id: found.tip_id,
                direction,
                hour: at,
                size_bucket: 512,
                sealed: vec![4],
            },
            None,
        )
        .await
        .unwrap();
    }
    let all = rows::messages(&store, found.tip_id, None).await.unwrap();
    assert_eq!(
        all.iter()
            .map(|m| (m.direction, m.hour))
            .collect::<Vec<_>>(),
        [
            (Direction::Hotline, hour),
            (Direction::Reporter, hour + 3_600)
        ]
    );
    let hotline = rows::messages(&store, found.tip_id, Some(Direction::Hotline))
        .await
        .unwrap();
    assert_eq!(hotline.len(), 1);
    let thread = rows::by_receipt_hash(&store, &receipt_hash)
        .await
        .unwrap()
        .unwrap();
    assert!(thread.has_code && thread.recipient.is_some());
    // Expiry erases the hash and the recipient, keeps the messages.
    assert_eq!(rows::expire(&store, hour + 7_200).await.unwrap(), 0);
    assert_eq!(rows::expire(&store, hour + 10_800).await.unwrap(), 1);
    assert!(rows::find(&store, &[1; 32], 0).await.unwrap().is_none());
    let thread = rows::by_receipt_hash(&store, &receipt_hash)
        .await
        .unwrap()
        .unwrap();
    assert!(thread.has_code && thread.recipient.is_none());
    assert_eq!(
        rows::messages(&store, found.tip_id, None)
            .await
            .unwrap()
            .len(),
        2
    );
    store.shut_down().await;
}

#[tokio::test]
async fn the_follow_up_store_rules_hold_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    store_rules(&common::sqlite_url(dir.path())).await;
}

#[tokio::test]
async fn the_follow_up_store_rules_hold_on_postgres() {
    store_rules(&common::fresh_pg_database().await).await;
}

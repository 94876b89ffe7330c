//! Retention (issue 17) on real SQLite and real PostgreSQL: tips closed
//! longer than the period go for good, with their conversation, triage and
//! place in a case,
//! each with an audit entry and counted in `/metrics`; tips closed more
//! recently, reopened, or never closed stay. On SQLite the deleted tip's
//! sealed bytes are then in neither the database file nor its WAL.

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use lantern_intake::console::audit::{self, Action, Event, CLI_ACTOR, RETENTION_ACTOR};
use lantern_intake::metrics::Metrics;
use lantern_intake::page::WidgetPage;
use lantern_intake::seal::Sealer;
use lantern_intake::store::console::{self as rows, AnalystRow, CaseMove, CaseMoved, TriageField};
use lantern_intake::store::AnyStore;
use lantern_intake::{app, retention, AppState, Settings};
use serde_json::json;
use tower::ServiceExt;

const DAY: i64 = 86_400;
const KEEP: Duration = Duration::from_secs(30 * 86_400);

#[derive(Clone, Copy)]
enum Db {
    Sqlite,
    Postgres,
}

async fn post(router: &axum::Router, path: &str, key: &str, body: serde_json::Value) -> StatusCode {
    let response = router
        .clone()
        .oneshot(
            Request::post(path)
                .header(header::HOST, "localhost:8080")
                .header(header::CONTENT_TYPE, "application/json")
                .header("idempotency-key", key)
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await
        .unwrap();
    let status = response.status();
    let _ = response.into_body().collect().await;
    status
}

/// Every byte of the SQLite database's files.
fn sqlite_files(dir: &std::path::Path) -> Vec<u8> {
    let mut all = Vec::new();
    for name in ["lantern.db", "lantern.db-wal"] {
        if let Ok(bytes) = std::fs::read(dir.join(name)) {
            all.extend(bytes);
        }
    }
    all
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

async fn closed_tips_go_after_the_period_and_the_rest_stay(db: Db) {
    let dir = tempfile::tempdir().unwrap();
    let url = match db {
        Db::Sqlite => common::sqlite_url(dir.path()),
        Db::Postgres => common::fresh_pg_database().await,
    };
    let store = AnyStore::open(&url).await.unwrap();
    let (_, recipient) = common::key_pair(dir.path());
    let page = WidgetPage::load(&common::widget_dir(dir.path()), None).unwrap();
    let state = AppState::new(
        store.clone(),
        Sealer::new(&[recipient]).unwrap(),
        page,
        Settings {
            rate_limit: common::NO_LIMIT,
            ..Settings::default()
        },
    )
    .unwrap();
    let router = app(state);

    // Four tips; the first also has a reply code (a conversation row).
    let mut keys = Vec::new();
    for n in 0..4 {
        let key = common::new_key();
        let tip = json!({"version": 1, "narrative": format!("RETENTIONMARKER{n} at the farm")});
        assert_eq!(
            post(&router, "/v1/tips", &key, tip).await,
            StatusCode::CREATED
        );
        keys.push(key);
    }
    let (_, reporter) = lantern_intake::seal::generate_identity("reporter");
    let code = json!({"lookup_token": common::new_key().repeat(2), "recipient": reporter});
    assert_eq!(
        post(&router, "/v1/followups", &keys[0], code).await,
        StatusCode::CREATED
    );

    let tips = rows::console_tips(&store).await.unwrap();
    assert_eq!(tips.len(), 4);
    let with_code = tips.iter().find(|t| t.can_ask).unwrap().clone();
    let others: Vec<_> = tips.iter().filter(|t| !t.can_ask).cloned().collect();

    let now = lantern_intake::clock::now_unix();
    let analyst = AnalystRow {
        id: "00000000-0000-4000-8000-000000000001".into(),
        name: "ana".into(),
        role: "analyst".into(),
        created_hour: now - now % 3_600,
        removed_at: None,
    };
    let added = Event::new(CLI_ACTOR, Action::AnalystAdded).about(&analyst.id);
    assert!(
        rows::add_analyst(&store, &analyst, &[7; 32], now, &added.entry(now))
            .await
            .unwrap()
    );
    let set = |id: i64, status: &'static str, at: i64| {
        let store = store.clone();
        let analyst = analyst.id.clone();
        async move {
            let event = Event::new(&analyst, Action::StatusChanged)
                .tip(id)
                .detail(status);
            assert!(
                rows::set_tip_status(&store, id, status, at, &analyst, &event.entry(at))
                    .await
                    .unwrap()
            );
        }
    };
    // Closed 40 days ago, with labels: goes.
    set(with_code.id, "closed", now - 40 * DAY).await;
    let labelled = Event::new(&analyst.id, Action::LabelsChanged).tip(with_code.id);
    assert!(rows::set_tip_triage(
        &store,
        with_code.id,
        TriageField::Labels,
        Some("forced-labor"),
        now - 40 * DAY,
        &labelled.entry(now - 40 * DAY),
    )
    .await
    .unwrap());
    // With a note, a reply and a read mark too (every table a tip has).
    let hour = now - now % 3_600;
    let note = rows::NewNote {
        id: lantern_intake::store::new_row_id(),
        tip_id: with_code.id,
        author: analyst.id.clone(),
        hour,
        size_bucket: 512,
        sealed: b"NOTESEALEDBYTES-NOT-REALLY-AGE".to_vec(),
    };
    let noted = Event::new(&analyst.id, Action::Note).tip(with_code.id);
    assert!(rows::add_note(&store, &note, &noted.entry(now))
        .await
        .unwrap());
    let reply = lantern_intake::store::followup::NewMessage {
        id: lantern_intake::store::new_row_id(),
        tip_id: with_code.id,
        direction: lantern_followup::Direction::Hotline,
        hour,
        size_bucket: 512,
        sealed: b"REPLYSEALEDBYTES-NOT-REALLY-AGE".to_vec(),
    };
    let replied = Event::new(&analyst.id, Action::Reply).tip(with_code.id);
    assert!(rows::add_reply(&store, &reply, &replied.entry(now))
        .await
        .unwrap());
    let opened = Event::new(&analyst.id, Action::TipOpened).tip(with_code.id);
    rows::record_opening(&store, with_code.id, 0, &opened.entry(now))
        .await
        .unwrap();
    assert_eq!(rows::notes(&store, with_code.id).await.unwrap().len(), 1);
    // And in a case with a tip that stays.
    let grouped = Event::new(&analyst.id, Action::CaseChanged).entry(now);
    assert_eq!(
        rows::set_tip_case(&store, with_code.id, CaseMove::With(others[0].id), &grouped)
            .await
            .unwrap(),
        CaseMoved::Done
    );
    let case = rows::console_tip_by_id(&store, with_code.id)
        .await
        .unwrap()
        .unwrap()
        .case
        .unwrap();
    assert_eq!(rows::case_tips(&store, case).await.unwrap().len(), 2);
    // Closed 10 days ago: stays.
    set(others[0].id, "closed", now - 10 * DAY).await;
    // In review for 40 days (closed before that, then reopened): stays.
    set(others[1].id, "closed", now - 50 * DAY).await;
    set(others[1].id, "in_review", now - 40 * DAY).await;
    // others[2] was never touched: stays.

    let metrics = Metrics::new(&[]).unwrap();
    let deleted = retention::delete_expired(&store, &metrics, KEEP, now)
        .await
        .unwrap();
    assert_eq!(deleted, 1);

    let left: Vec<i64> = rows::console_tips(&store)
        .await
        .unwrap()
        .iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(left.len(), 3);
    assert!(!left.contains(&with_code.id));
    for other in &others {
        assert!(left.contains(&other.id));
    }
    assert!(rows::console_tip_by_id(&store, with_code.id)
        .await
        .unwrap()
        .is_none());
    assert!(rows::notes(&store, with_code.id).await.unwrap().is_empty());
    // Out of its case; the case's other tip stays in it.
    let left_in_case: Vec<i64> = rows::case_tips(&store, case)
        .await
        .unwrap()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(left_in_case, [others[0].id]);
    assert_eq!(
        rows::console_tip_by_id(&store, others[0].id)
            .await
            .unwrap()
            .unwrap()
            .case,
        Some(case)
    );

    // The deletion is in the audit log, by retention, and the chain holds.
    let entries = rows::audit_entries(&store).await.unwrap();
    let last = entries.last().unwrap();
    assert_eq!(
        (last.actor.as_str(), last.action.as_str(), last.tip_id),
        (RETENTION_ACTOR, "tip_deleted", Some(with_code.id))
    );
    assert!(audit::verify(&store).await.unwrap().is_ok());

    // Counted in /metrics.
    let text = metrics.render(&store.writer_stats());
    assert!(text.contains("lantern_tips_deleted_total 1"), "{text}");

    // A second run finds nothing more.
    assert_eq!(
        retention::delete_expired(&store, &metrics, KEEP, now)
            .await
            .unwrap(),
        0
    );

    // On SQLite the sealed bytes are gone from the files themselves
    // (secure_delete and the emptied WAL), while a kept tip's are there.
    if let Db::Sqlite = db {
        let files = sqlite_files(dir.path());
        let probe = |sealed: &[u8]| sealed[sealed.len() - 64..].to_vec();
        assert!(
            contains(&files, &probe(&others[0].sealed)),
            "a kept tip's sealed bytes should be in the file (the probe works)"
        );
        for (what, gone) in [
            ("tip", probe(&with_code.sealed)),
            ("note", note.sealed.clone()),
            ("reply", reply.sealed.clone()),
        ] {
            assert!(
                !contains(&files, &gone),
                "a deleted {what}'s sealed bytes are still in the database files"
            );
        }
    }
}

#[tokio::test]
async fn closed_tips_go_after_the_period_and_the_rest_stay_sqlite() {
    closed_tips_go_after_the_period_and_the_rest_stay(Db::Sqlite).await;
}

#[tokio::test]
async fn closed_tips_go_after_the_period_and_the_rest_stay_postgres() {
    closed_tips_go_after_the_period_and_the_rest_stay(Db::Postgres).await;
}

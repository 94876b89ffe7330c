//! The HTTP handlers: submitting a tip, health, readiness, metrics and the
//! published contract.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use rand::RngCore;
use serde::Serialize;

use crate::error::ApiError;
use crate::extract::{IdempotencyHeader, TipJson};
use crate::store::{self, NewRecord, Store};
use crate::stored_forms;
use crate::{clock, AppState};
use lantern_tip::SealedTip;

/// The 201 body.
#[derive(Serialize)]
struct Created {
    receipt: String,
}

/// `POST /v1/tips`: validate, seal, store durably, then give the receipt.
pub async fn submit_tip(
    State(state): State<AppState>,
    IdempotencyHeader(key): IdempotencyHeader,
    TipJson(tip): TipJson,
) -> Result<Response, ApiError> {
    let now = clock::now_unix();
    tip.validate(clock::latest_date_anywhere(now))
        .map_err(ApiError::Invalid)?;

    // The tip as validated, serialised the one way serde writes this type:
    // two requests with the same meaning have the same fingerprint.
    let canonical = serde_json::to_vec(&tip).map_err(|e| ApiError::Internal(e.to_string()))?;
    let request_mac = stored_forms::request_mac(&key, &canonical);
    drop(canonical);
    let partner = (!tip.partner.is_empty()).then(|| tip.partner.clone());
    let schema_version = i32::try_from(tip.version).unwrap_or(i32::MAX);

    // What the hotline receives: the tip with its receipt and the exact time
    // it arrived (which is kept nowhere in clear).
    let new_receipt = lantern_tip::Receipt::from_random(rand::rngs::OsRng.next_u64());
    let payload = SealedTip::new(new_receipt, clock::rfc3339(now), tip);
    let plaintext = serde_json::to_vec(&payload).map_err(|e| ApiError::Internal(e.to_string()))?;
    drop(payload);
    let sealed = state
        .sealer
        .seal(&plaintext)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    drop(plaintext);

    let hash_key = state.store.hash_key();
    let inserted = state
        .store
        .insert(NewRecord {
            id: store::new_row_id(),
            idem_hash: stored_forms::idempotency_hash(hash_key, &key),
            receipt_hash: stored_forms::receipt_hash(hash_key, new_receipt),
            receipt_box: stored_forms::seal_receipt(&key, new_receipt),
            request_mac,
            received_hour: clock::floor_to_hour(now),
            partner: partner.clone(),
            schema_version,
            sealed,
        })
        .await
        .map_err(|e| ApiError::Unavailable(e.to_string()))?;

    // A retry must be the same tip: under the IETF Idempotency-Key draft a
    // key reused for another body is refused (422), so a client bug cannot
    // make a second tip vanish behind the first one's receipt. (Rows from
    // before the fingerprint column have none and replay as before.)
    if !inserted.fresh
        && inserted
            .request_mac
            .as_deref()
            .is_some_and(|stored| stored != request_mac.as_slice())
    {
        return Err(ApiError::KeyReused);
    }

    let stored_receipt = stored_forms::open_receipt(&key, &inserted.receipt_box)
        .ok_or_else(|| ApiError::Internal("stored receipt does not open".into()))?;
    if inserted.fresh {
        state.metrics.accepted(partner.as_deref());
    } else {
        state.metrics.replayed();
    }
    let response = (
        StatusCode::CREATED,
        Json(Created {
            receipt: stored_receipt.to_string(),
        }),
    )
        .into_response();
    Ok(if inserted.fresh {
        response
    } else {
        crate::extract::replayed(response)
    })
}

/// `GET /favicon.ico`: nothing. Browsers ask every site they visit for one on
/// their own. There is deliberately no icon: a browser keeps a site's icon
/// beside its history, one more trace of the visit. "No content" says so
/// without a 404 in the console.
pub async fn no_icon() -> StatusCode {
    StatusCode::NO_CONTENT
}

/// `GET /healthz`: the process is up.
pub async fn healthz() -> Json<serde_json::Value> {
    Json(serde_json::json!({"status": "ok"}))
}

/// `GET /readyz`: the database answers, so tips can be taken.
pub async fn readyz(State(state): State<AppState>) -> Result<Json<serde_json::Value>, ApiError> {
    state
        .store
        .ping()
        .await
        .map_err(|e| ApiError::Unavailable(e.to_string()))?;
    Ok(Json(serde_json::json!({"status": "ready"})))
}

/// `GET /metrics`: Prometheus text (see [`crate::metrics`]).
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(crate::metrics::CONTENT_TYPE),
        )],
        state.metrics.render(&state.store.writer_stats()),
    )
}

/// `GET /v1/openapi.json`: the contract, as `crates/tip` publishes it, with
/// `when.date` admitting exactly the dates up to today (the date rule's
/// today), so the document and the rules agree on every day.
pub async fn openapi() -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        lantern_tip::openapi_json(clock::latest_date_anywhere(clock::now_unix())),
    )
}

/// `GET /`: the widget page with this deployment's exit URL, its static copy
/// in the visit's language, brotli from memory when the browser takes it
/// (else the compression layer's gzip).
pub async fn index(
    State(state): State<AppState>,
    uri: axum::http::Uri,
    headers: HeaderMap,
) -> Response {
    let header_text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let page = state
        .page
        .for_visit(uri.query(), header_text(header::ACCEPT_LANGUAGE));
    let brotli = header_text(header::ACCEPT_ENCODING).is_some_and(crate::negotiate::accepts_brotli);
    let vary = HeaderValue::from_static("accept-encoding, accept-language");
    let content_type = HeaderValue::from_static("text/html; charset=utf-8");
    if brotli {
        (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CONTENT_ENCODING, HeaderValue::from_static("br")),
                (header::VARY, vary),
            ],
            page.br.clone(),
        )
            .into_response()
    } else {
        (
            [(header::CONTENT_TYPE, content_type), (header::VARY, vary)],
            page.html.clone(),
        )
            .into_response()
    }
}

/// Anything else under `/v1/` or not in the widget directory.
pub async fn not_found() -> ApiError {
    ApiError::NotFound
}

/// A known route asked with the wrong method.
pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

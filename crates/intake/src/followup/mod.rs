//! Anonymous follow-up on the service (issue 16): opening a conversation for
//! a tip, reading the hotline's messages and answering, all by a lookup token
//! the browser derived from the reporter's code. The protocol and its bar
//! are in `docs/threat-model.md` ("Anonymous follow-up"), the endpoints in
//! `docs/api.md` ("Follow-up").
//!
//! - [`routes`] the three endpoints behind [`guard`] (the per-client limit,
//!   the wrong-token budget and the answer-time floor);
//! - [`body`] their JSON bodies, refused in the contract's error shape;
//! - [`command`] `reply` and the conversations in `export`.
//!
//! Nothing here logs, and nothing is written but the rows the threat model
//! lists.

pub mod body;
pub mod command;

use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use base64::Engine;
use hmac::{Hmac, Mac};
use lantern_followup::{Direction, Kind, LookupToken, Message};
use lantern_tip::{ErrorBody, ErrorCode, FieldError};
use sha2::Sha256;

use crate::error::{ApiError, RejectionCode};
use crate::extract::{replayed, IdempotencyHeader};
use crate::ratelimit::{RateLimit, RateLimiter};
use crate::store::followup::{self as rows, Added, NewConversation, NewMessage, Registered};
use crate::store::{self, Store};
use crate::{clock, stored_forms as receipt, AppState};

/// The follow-up routes' common prefix: never in the access log.
pub const ROUTE_PREFIX: &str = "/v1/followups";

/// A code expires this long after its last use.
pub const EXPIRY_DAYS: i64 = 90;
const EXPIRY_SECS: i64 = EXPIRY_DAYS * 86_400;

/// Every follow-up answer takes at least this long, found or not, so that
/// the database's work does not show in the timing.
pub const ANSWER_FLOOR: Duration = Duration::from_millis(300);

/// Follow-up requests per client: 10 at once, then 2 a minute.
pub const REQUEST_LIMIT: RateLimit = RateLimit {
    per_minute: 2,
    burst: 10,
};

/// Wrong tokens per client: 5 at once, then 1 a minute.
pub const FAILURE_LIMIT: RateLimit = RateLimit {
    per_minute: 1,
    burst: 5,
};

/// The per-client buckets of the follow-up endpoints (keyed hashes of the
/// address under a daily key, in memory only, as for tips).
#[derive(Debug)]
pub struct Limits {
    requests: RateLimiter,
    failures: RateLimiter,
}

impl Limits {
    /// Fresh buckets for `today` (days since the epoch).
    pub fn new(today: i64) -> Self {
        Self {
            requests: RateLimiter::new(REQUEST_LIMIT, today),
            failures: RateLimiter::new(FAILURE_LIMIT, today),
        }
    }
}

/// Put on a response whose request named no live conversation: the
/// request's failure token is then kept, not refunded.
#[derive(Debug, Clone, Copy)]
struct WrongToken;

/// The follow-up routes.
pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route(ROUTE_PREFIX, post(register))
        .route("/v1/followups/messages", post(lookup))
        .route(ANSWERS_ROUTE, post(answer))
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), guard))
}

/// Middleware: the per-client limit and the wrong-token budget, then the
/// answer-time floor. A request takes one token of each; the failure
/// token is given back unless the request named no live conversation.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let client = state.client.of(&request);
    let today = clock::utc_day(clock::now_unix());
    let limits = &state.followup;
    let response = if refused_unread(&request) {
        next.run(request).await
    } else {
        match limits.failures.check(client, started, today) {
            Err(wait) => limited(wait),
            Ok(failure) => match limits.requests.check(client, started, today) {
                Err(wait) => {
                    limits.failures.refund(failure);
                    limited(wait)
                }
                Ok(_) => {
                    let response = next.run(request).await;
                    if response.extensions().get::<WrongToken>().is_none() {
                        limits.failures.refund(failure);
                    }
                    response
                }
            },
        }
    };
    tokio::time::sleep_until((started + ANSWER_FLOOR).into()).await;
    response
}

/// Whether the handler will refuse `request` for its Idempotency-Key (none,
/// or malformed, where the route needs one) before looking anything up.
/// Such a request cannot test a code, so it spends no budget, and its answer
/// is the 400 that says what to fix, not a 429.
fn refused_unread(request: &Request) -> bool {
    let path = request.uri().path();
    let needs_key = path == ROUTE_PREFIX || path == ANSWERS_ROUTE;
    needs_key && IdempotencyHeader::read(request.headers()).is_err()
}

/// The route of [`answer`].
const ANSWERS_ROUTE: &str = "/v1/followups/answers";

fn limited(wait: Duration) -> Response {
    ApiError::RateLimited {
        retry_after_secs: wait.as_secs_f64().ceil().max(1.0) as u64,
    }
    .into_response()
}

/// A refusal in the contract's shape, for the follow-up's own cases.
fn refuse(status: StatusCode, field: &str, code: ErrorCode) -> Response {
    let body = serde_json::to_vec(&ErrorBody {
        errors: vec![FieldError::new(field, code)],
    })
    .unwrap_or_default();
    let mut response = (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response();
    response
        .extensions_mut()
        .insert(RejectionCode(code.as_str()));
    response
}

fn wrong_token(status: StatusCode, field: &str) -> Response {
    let mut response = refuse(status, field, ErrorCode::NotFound);
    response.extensions_mut().insert(WrongToken);
    response
}

fn unavailable(error: store::StoreError) -> ApiError {
    ApiError::Unavailable(error.to_string())
}

/// The keyed hash of a lookup token: what the database holds instead of it.
pub fn lookup_hash(hash_key: &[u8; 32], token: &LookupToken) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(hash_key).expect("HMAC takes any key");
    mac.update(b"lantern/followup/v1 lookup\0");
    mac.update(&token.0);
    mac.finalize().into_bytes().into()
}

/// Now, to the millisecond (RFC 3339, UTC), for inside a sealed message
/// only: it orders a conversation's messages within their hour, and is
/// never in clear.
pub fn written_now() -> String {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let seconds = i64::try_from(since_epoch.as_secs()).unwrap_or(i64::MAX);
    let text = clock::rfc3339(seconds);
    let stem = text.strip_suffix('Z').unwrap_or(&text);
    format!("{stem}.{:03}Z", since_epoch.subsec_millis())
}

/// The first hour a conversation must have been used in to be live now.
fn live_since(now: i64) -> i64 {
    clock::floor_to_hour(now) - EXPIRY_SECS
}

/// `POST /v1/followups`: opens a conversation for the tip stored under this
/// Idempotency-Key.
pub async fn register(
    State(state): State<AppState>,
    IdempotencyHeader(key): IdempotencyHeader,
    request: Request,
) -> Result<Response, ApiError> {
    let body = body::read(request, &state).await?;
    let new = body::registration(&body)?;
    let hash_key = state.store.hash_key();
    let registered = rows::register(
        &state.store,
        &NewConversation {
            tip_idem_hash: receipt::idempotency_hash(hash_key, &key),
            lookup_hash: lookup_hash(hash_key, &new.lookup),
            recipient: new.recipient.to_string(),
            hour: clock::floor_to_hour(clock::now_unix()),
        },
    )
    .await
    .map_err(unavailable)?;
    let created = || {
        (
            StatusCode::CREATED,
            Json(serde_json::json!({ "expires_after_days": EXPIRY_DAYS })),
        )
            .into_response()
    };
    Ok(match registered {
        Registered::Fresh => created(),
        Registered::Again => replayed(created()),
        Registered::Other => refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "lookup_token",
            ErrorCode::Duplicate,
        ),
        Registered::NoTip => wrong_token(StatusCode::NOT_FOUND, lantern_tip_key_field()),
    })
}

fn lantern_tip_key_field() -> &'static str {
    crate::error::IDEMPOTENCY_FIELD
}

/// `POST /v1/followups/messages`: the hotline's messages, and the `opened`
/// message that tells the browser (only) whether the code found anything.
pub async fn lookup(State(state): State<AppState>, request: Request) -> Result<Response, ApiError> {
    let body = body::read(request, &state).await?;
    let token = body::lookup(&body)?;
    let now = clock::now_unix();
    let hour = clock::floor_to_hour(now);
    let hash = lookup_hash(state.store.hash_key(), &token);
    let found = rows::find(&state.store, &hash, live_since(now))
        .await
        .map_err(unavailable)?;
    let opened = Message {
        direction: Direction::Hotline,
        kind: Kind::Opened,
        text: String::new(),
        written_at: clock::rfc3339(hour),
    };
    let engine = base64::engine::general_purpose::STANDARD;
    let (recipient, messages, wrong) = match &found {
        Some(conversation) => {
            rows::touch(&state.store, conversation.tip_id, hour)
                .await
                .map_err(unavailable)?;
            let recipient = conversation
                .recipient
                .parse::<age::x25519::Recipient>()
                .map_err(|_| ApiError::Internal("stored recipient does not parse".into()))?;
            let messages =
                rows::messages(&state.store, conversation.tip_id, Some(Direction::Hotline))
                    .await
                    .map_err(unavailable)?
                    .into_iter()
                    .map(|m| {
                        serde_json::json!({
                            "hour": clock::rfc3339(m.hour),
                            "sealed": engine.encode(&m.sealed),
                        })
                    })
                    .collect::<Vec<_>>();
            (recipient, messages, false)
        }
        // Sealed to a key nobody keeps: the same size and work as a real one.
        None => (
            age::x25519::Identity::generate().to_public(),
            Vec::new(),
            true,
        ),
    };
    let (sealed, _) = lantern_followup::seal(&[&recipient], &opened)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut response = Json(serde_json::json!({
        "opened": engine.encode(&sealed),
        "messages": messages,
    }))
    .into_response();
    if wrong {
        response.extensions_mut().insert(WrongToken);
    }
    Ok(response)
}

/// `POST /v1/followups/answers`: the reporter's answer or added detail,
/// sealed to the hotline's recipients and stored durably, once per
/// Idempotency-Key (a retry of the same answer replays its 201).
pub async fn answer(
    State(state): State<AppState>,
    IdempotencyHeader(key): IdempotencyHeader,
    request: Request,
) -> Result<Response, ApiError> {
    let body = body::read(request, &state).await?;
    let answer = body::answer(&body)?;
    let now = clock::now_unix();
    let hour = clock::floor_to_hour(now);
    let hash = lookup_hash(state.store.hash_key(), &answer.lookup);
    // Same conversation, kind and words: the same request.
    let canonical = serde_json::to_vec(&(hash, answer.kind, &answer.text))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let idempotency = rows::Idempotency {
        idem_hash: receipt::idempotency_hash(state.store.hash_key(), &key),
        request_mac: receipt::request_mac(&key, &canonical),
    };
    drop(canonical);
    let Some(conversation) = rows::find(&state.store, &hash, live_since(now))
        .await
        .map_err(unavailable)?
    else {
        return Ok(wrong_token(StatusCode::NOT_FOUND, "lookup_token"));
    };
    let message = Message {
        direction: Direction::Reporter,
        kind: answer.kind,
        text: answer.text,
        written_at: written_now(),
    };
    // In a block of its own: `&dyn Recipient` is not `Send`, so it must be
    // gone before the next `await`.
    let (sealed, bucket) = {
        let recipients: Vec<&dyn age::Recipient> = state
            .sealer
            .recipients()
            .iter()
            .map(|r| r as &dyn age::Recipient)
            .collect();
        lantern_followup::seal(&recipients, &message)
            .map_err(|e| ApiError::Internal(e.to_string()))?
    };
    drop(message);
    let added = rows::add_message(
        &state.store,
        &NewMessage {
            id: store::new_row_id(),
            tip_id: conversation.tip_id,
            direction: Direction::Reporter,
            hour,
            size_bucket: i32::try_from(bucket).unwrap_or(i32::MAX),
            sealed,
        },
        Some(&idempotency),
    )
    .await
    .map_err(unavailable)?;
    rows::touch(&state.store, conversation.tip_id, hour)
        .await
        .map_err(unavailable)?;
    let answered = |hour| {
        (
            StatusCode::CREATED,
            Json(serde_json::json!({ "hour": clock::rfc3339(hour) })),
        )
            .into_response()
    };
    match added {
        Added::Fresh => Ok(answered(hour)),
        Added::Again { hour } => Ok(replayed(answered(hour))),
        Added::KeyReused => Err(ApiError::KeyReused),
    }
}

/// Closes every expired conversation now and then once an hour, for as
/// long as the service runs. Failures wait for the next hour (lookups
/// refuse expired codes by themselves meanwhile).
pub async fn expire_periodically(store: store::AnyStore) {
    loop {
        if rows::expire(&store, live_since(clock::now_unix()))
            .await
            .is_err()
        {
            tracing::warn!("could not close expired follow-up codes; trying again in an hour");
        }
        tokio::time::sleep(Duration::from_secs(3_600)).await;
    }
}

//! Passkeys with webauthn-rs: enrolment with a one-time link, and sign-in.
//! Each ceremony is two requests: `start` returns the options for
//! `navigator.credentials.create()` / `.get()` and a ceremony id; `finish`
//! sends the authenticator's answer with that id.
//!
//! The challenge state stays on the server, in memory ([`Ceremonies`]): a
//! ceremony not finished within [`CEREMONY_TTL`] is forgotten, as are all
//! of them when the service restarts (the analyst just starts again). It is
//! never sent to the browser, and nothing of it touches the widget's paths.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use webauthn_rs::prelude::{
    CreationChallengeResponse, Passkey, PasskeyAuthentication, PasskeyRegistration,
    PublicKeyCredential, RegisterPublicKeyCredential, RequestChallengeResponse, Uuid,
};

use super::accounts::Analyst;
use super::audit::{self, Action, Event};
use super::{sessions, token_hash, ConsoleError, ConsoleJson};
use crate::ratelimit::RateLimit;
use crate::store::console as rows;
use crate::{clock, AppState};

/// How long a ceremony may take between `start` and `finish`.
pub const CEREMONY_TTL: Duration = Duration::from_secs(5 * 60);

/// How many ceremonies may be under way at once (then 503): bounds the
/// memory someone sending `start` in a loop can take.
pub const MAX_CEREMONIES: usize = 1024;

/// Ceremonies one client address may start: this many at once, then
/// [`START_LIMIT`]'s rate. Enough for a team behind one office address
/// signing in at nine; bounds how fast one address can fill
/// [`MAX_CEREMONIES`] and lock everyone out.
pub const START_LIMIT: RateLimit = RateLimit {
    per_minute: 10,
    burst: 30,
};

/// Middleware on the two `start` routes: one token of the client's bucket
/// per ceremony started (keyed, daily-rotated hashes of the address, as for
/// tips: [`crate::ratelimit`]); `429 rate_limited` with `Retry-After` when
/// it is empty.
pub async fn limit_starts(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let client = state.client.of(&request);
    let today = clock::utc_day(clock::now_unix());
    match state
        .console
        .start_limiter
        .check(client, Instant::now(), today)
    {
        Ok(_) => next.run(request).await,
        Err(wait) => ConsoleError::RateLimited {
            retry_after_secs: wait.as_secs_f64().ceil().max(1.0) as u64,
        }
        .into_response(),
    }
}

/// A ceremony under way.
#[derive(Debug)]
enum Pending {
    /// Enrolling a passkey with the enrolment token of this hash.
    Enrol {
        token_hash: [u8; 32],
        analyst_id: String,
        state: PasskeyRegistration,
    },
    /// Signing in as this analyst.
    SignIn {
        analyst_id: String,
        state: PasskeyAuthentication,
    },
}

/// The challenges under way, by ceremony id, each with its deadline.
#[derive(Debug)]
pub struct Ceremonies {
    pending: Mutex<HashMap<String, (Instant, Pending)>>,
    ttl: Duration,
}

impl Default for Ceremonies {
    /// Ceremonies that live [`CEREMONY_TTL`].
    fn default() -> Self {
        Self::with_ttl(CEREMONY_TTL)
    }
}

impl Ceremonies {
    /// Ceremonies that live `ttl` between `start` and `finish`.
    pub fn with_ttl(ttl: Duration) -> Self {
        Self {
            pending: Mutex::new(HashMap::new()),
            ttl,
        }
    }

    fn insert(&self, pending: Pending) -> Result<String, ConsoleError> {
        let mut bytes = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let id = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        let mut map = self
            .pending
            .lock()
            .map_err(|_| ConsoleError::Internal("ceremonies lock poisoned".into()))?;
        let now = Instant::now();
        map.retain(|_, (deadline, _)| *deadline > now);
        if map.len() >= MAX_CEREMONIES {
            return Err(ConsoleError::Busy);
        }
        map.insert(id.clone(), (now + self.ttl, pending));
        Ok(id)
    }

    /// Removes and returns the ceremony `id` if it has not expired: each
    /// challenge is answered at most once.
    fn take(&self, id: &str) -> Result<Pending, ConsoleError> {
        let mut map = self
            .pending
            .lock()
            .map_err(|_| ConsoleError::Internal("ceremonies lock poisoned".into()))?;
        match map.remove(id) {
            Some((deadline, pending)) if deadline > Instant::now() => Ok(pending),
            _ => Err(ConsoleError::CeremonyExpired),
        }
    }
}

/// `enrol/start`'s body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrolStart {
    /// The token from the enrolment link's fragment.
    pub token: String,
}

/// `enrol/start`'s answer.
#[derive(Debug, Serialize)]
pub struct EnrolOptions {
    /// Send back with `finish`.
    pub ceremony: String,
    /// For `navigator.credentials.create()`.
    pub options: CreationChallengeResponse,
}

/// `POST /console/api/enrol/start`: checks the enrolment token (not yet
/// using it up) and starts a passkey registration for its analyst.
pub async fn enrol_start(
    State(state): State<AppState>,
    ConsoleJson(body): ConsoleJson<EnrolStart>,
) -> Result<Json<EnrolOptions>, ConsoleError> {
    let hash = token_hash(&body.token);
    let analyst = rows::enrolment_analyst(&state.store, &hash, clock::now_unix())
        .await?
        .ok_or(ConsoleError::EnrolmentLinkInvalid)?;
    let user = Uuid::parse_str(&analyst.id)
        .map_err(|_| ConsoleError::Internal("an analyst id is not a UUID".into()))?;
    let exclude = stored_passkeys(&state, &analyst.id)
        .await?
        .iter()
        .map(|(_, passkey)| passkey.cred_id().clone())
        .collect::<Vec<_>>();
    let (options, registration) = state
        .console
        .webauthn
        .start_passkey_registration(user, &analyst.name, &analyst.name, Some(exclude))
        .map_err(|e| ConsoleError::Internal(format!("start registration: {e}")))?;
    let ceremony = state.console.ceremonies.insert(Pending::Enrol {
        token_hash: hash,
        analyst_id: analyst.id,
        state: registration,
    })?;
    Ok(Json(EnrolOptions { ceremony, options }))
}

/// `enrol/finish`'s body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrolFinish {
    /// From `enrol/start`.
    pub ceremony: String,
    /// What `navigator.credentials.create()` returned.
    pub credential: RegisterPublicKeyCredential,
}

/// `POST /console/api/enrol/finish`: verifies the new passkey, then uses up
/// the enrolment token and stores the passkey in one transaction (201).
/// The analyst then signs in with it.
pub async fn enrol_finish(
    State(state): State<AppState>,
    ConsoleJson(body): ConsoleJson<EnrolFinish>,
) -> Result<Response, ConsoleError> {
    let Pending::Enrol {
        token_hash,
        analyst_id,
        state: registration,
    } = state.console.ceremonies.take(&body.ceremony)?
    else {
        return Err(ConsoleError::CeremonyExpired);
    };
    let passkey = state
        .console
        .webauthn
        .finish_passkey_registration(&body.credential, &registration)
        .map_err(|e| ConsoleError::PasskeyRejected(e.to_string()))?;
    let json = serde_json::to_string(&passkey)
        .map_err(|e| ConsoleError::Internal(format!("passkey to JSON: {e}")))?;
    let now = clock::now_unix();
    let enrolled = rows::enrol_passkey(
        &state.store,
        &token_hash,
        &analyst_id,
        passkey.cred_id().as_ref(),
        &json,
        now,
        &Event::new(&analyst_id, Action::PasskeyEnrolled).entry(now),
    )
    .await?;
    if !enrolled {
        return Err(ConsoleError::EnrolmentLinkInvalid);
    }
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({"enrolled": true})),
    )
        .into_response())
}

/// `signin/start`'s body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignInStart {
    /// The analyst's name.
    pub name: String,
}

/// `signin/start`'s answer.
#[derive(Debug, Serialize)]
pub struct SignInOptions {
    /// Send back with `finish`.
    pub ceremony: String,
    /// For `navigator.credentials.get()`.
    pub options: RequestChallengeResponse,
}

/// `POST /console/api/signin/start`: a challenge for the named analyst's
/// passkeys. An unknown, removed or not yet enrolled name gets the same
/// `sign_in_failed`.
pub async fn signin_start(
    State(state): State<AppState>,
    ConsoleJson(body): ConsoleJson<SignInStart>,
) -> Result<Json<SignInOptions>, ConsoleError> {
    let analyst = rows::analyst_by_name(&state.store, body.name.trim())
        .await?
        .filter(|analyst| analyst.removed_at.is_none())
        .ok_or(ConsoleError::SignInFailed)?;
    let passkeys: Vec<Passkey> = stored_passkeys(&state, &analyst.id)
        .await?
        .into_iter()
        .map(|(_, passkey)| passkey)
        .collect();
    if passkeys.is_empty() {
        return Err(ConsoleError::SignInFailed);
    }
    let (options, authentication) = state
        .console
        .webauthn
        .start_passkey_authentication(&passkeys)
        .map_err(|e| ConsoleError::Internal(format!("start authentication: {e}")))?;
    let ceremony = state.console.ceremonies.insert(Pending::SignIn {
        analyst_id: analyst.id,
        state: authentication,
    })?;
    Ok(Json(SignInOptions { ceremony, options }))
}

/// `signin/finish`'s body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignInFinish {
    /// From `signin/start`.
    pub ceremony: String,
    /// What `navigator.credentials.get()` returned.
    pub credential: PublicKeyCredential,
}

/// `POST /console/api/signin/finish`: verifies the passkey's answer, keeps
/// its new signature counter, and starts a session (200, with the cookie
/// and who signed in).
pub async fn signin_finish(
    State(state): State<AppState>,
    ConsoleJson(body): ConsoleJson<SignInFinish>,
) -> Result<Response, ConsoleError> {
    let Pending::SignIn {
        analyst_id,
        state: authentication,
    } = state.console.ceremonies.take(&body.ceremony)?
    else {
        return Err(ConsoleError::CeremonyExpired);
    };
    let result = state
        .console
        .webauthn
        .finish_passkey_authentication(&body.credential, &authentication)
        .map_err(|e| ConsoleError::PasskeyRejected(e.to_string()))?;
    // Removed while the ceremony was under way? Then no session.
    let analyst: Analyst = rows::analyst_by_id(&state.store, &analyst_id)
        .await?
        .filter(|analyst| analyst.removed_at.is_none())
        .ok_or(ConsoleError::SignInFailed)?
        .try_into()?;
    for (credential_id, mut passkey) in stored_passkeys(&state, &analyst_id).await? {
        if passkey.cred_id() == result.cred_id() && passkey.update_credential(&result) == Some(true)
        {
            let json = serde_json::to_string(&passkey)
                .map_err(|e| ConsoleError::Internal(format!("passkey to JSON: {e}")))?;
            rows::update_passkey(&state.store, &credential_id, &json).await?;
        }
    }
    audit::append(&state.store, &Event::new(&analyst.id, Action::SignedIn)).await?;
    let cookie = sessions::start(&state, &analyst).await?;
    Ok(([(header::SET_COOKIE, cookie)], Json(analyst)).into_response())
}

/// An analyst's passkeys, parsed from their stored JSON.
async fn stored_passkeys(
    state: &AppState,
    analyst_id: &str,
) -> Result<Vec<(Vec<u8>, Passkey)>, ConsoleError> {
    rows::passkeys(&state.store, analyst_id)
        .await?
        .into_iter()
        .map(|(id, json)| {
            serde_json::from_str(&json)
                .map(|passkey| (id, passkey))
                .map_err(|e| ConsoleError::Internal(format!("stored passkey: {e}")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enrolment() -> Pending {
        let webauthn = webauthn_rs::WebauthnBuilder::new(
            "localhost",
            &webauthn_rs::prelude::Url::parse("http://localhost:8080").unwrap(),
        )
        .unwrap()
        .build()
        .unwrap();
        let (_, registration) = webauthn
            .start_passkey_registration(Uuid::new_v4(), "a", "a", None)
            .unwrap();
        Pending::Enrol {
            token_hash: [0; 32],
            analyst_id: "a".into(),
            state: registration,
        }
    }

    #[test]
    fn an_expired_ceremony_is_refused_and_forgotten() {
        let ceremonies = Ceremonies::with_ttl(Duration::from_millis(50));
        let id = ceremonies.insert(enrolment()).unwrap();
        std::thread::sleep(Duration::from_millis(80));
        assert!(matches!(
            ceremonies.take(&id),
            Err(ConsoleError::CeremonyExpired)
        ));
        // Expired ones are swept at the next start, so they take no room.
        let _ = ceremonies.insert(enrolment()).unwrap();
        std::thread::sleep(Duration::from_millis(80));
        let _ = ceremonies.insert(enrolment()).unwrap();
        assert_eq!(ceremonies.pending.lock().unwrap().len(), 1);
    }

    #[test]
    fn the_table_of_ceremonies_is_bounded() {
        let ceremonies = Ceremonies::default();
        for _ in 0..MAX_CEREMONIES {
            ceremonies.insert(enrolment()).unwrap();
        }
        assert!(matches!(
            ceremonies.insert(enrolment()),
            Err(ConsoleError::Busy)
        ));
    }

    #[test]
    fn a_ceremony_is_answered_once() {
        let ceremonies = Ceremonies::default();
        let id = ceremonies.insert(enrolment()).unwrap();
        assert!(matches!(ceremonies.take(&id), Ok(Pending::Enrol { .. })));
        assert!(matches!(
            ceremonies.take(&id),
            Err(ConsoleError::CeremonyExpired)
        ));
        assert!(matches!(
            ceremonies.take("never-issued"),
            Err(ConsoleError::CeremonyExpired)
        ));
    }
}

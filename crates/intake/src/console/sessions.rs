//! Console sessions: a random token in the cookie
//! `__Secure-lantern_console` (`HttpOnly; Secure; SameSite=Strict;
//! Path=/console/`, no `Max-Age`, so it also ends with the browser), stored
//! only as its SHA-256. A session ends after `idle` without use, at
//! `max_age` after sign-in whatever happens, at sign-out, and when its
//! analyst is removed, each at once: every request looks the session up.
//!
//! [`SignedIn`] is the extractor every signed-in route takes.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::accounts::Analyst;
use super::audit::{Action, Event};
use super::{check_origin, new_token, token_hash, ConsoleError};
use crate::store::console as rows;
use crate::{clock, AppState};

/// The cookie's name. `__Secure-` makes browsers refuse it unless it was
/// set over https (or on localhost) with `Secure`.
pub const COOKIE_NAME: &str = "__Secure-lantern_console";

/// The cookie's attributes after the value.
pub const COOKIE_ATTRIBUTES: &str = "HttpOnly; Secure; SameSite=Strict; Path=/console/";

/// The `Set-Cookie` that starts a session.
fn set_cookie(token: &str) -> HeaderValue {
    HeaderValue::try_from(format!("{COOKIE_NAME}={token}; {COOKIE_ATTRIBUTES}"))
        .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The `Set-Cookie` that makes the browser forget the session.
fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static(
        "__Secure-lantern_console=; HttpOnly; Secure; SameSite=Strict; Path=/console/; Max-Age=0",
    )
}

/// Starts a session for `analyst` and returns the `Set-Cookie` header.
pub async fn start(state: &AppState, analyst: &Analyst) -> Result<HeaderValue, ConsoleError> {
    let (token, hash) = new_token();
    let now = clock::now_unix();
    let max_age = i64::try_from(state.console.max_age.as_secs()).unwrap_or(i64::MAX);
    rows::add_session(
        &state.store,
        &hash,
        &analyst.id,
        now,
        now.saturating_add(max_age),
    )
    .await?;
    Ok(set_cookie(&token))
}

/// The session token in the request's cookies, if any.
fn cookie_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

/// A request from a signed-in analyst whose session is live (and now
/// marked used).
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// Who.
    pub analyst: Analyst,
    /// The session's stored hash.
    pub session: [u8; 32],
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ConsoleError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        check_origin(parts, &state.console)?;
        let token = cookie_token(&parts.headers).ok_or(ConsoleError::NotSignedIn)?;
        let hash = token_hash(token);
        let row = rows::session(&state.store, &hash)
            .await?
            .ok_or(ConsoleError::NotSignedIn)?;
        if row.analyst.removed_at.is_some() {
            // Removal deletes sessions in the same transaction; this is the
            // belt to those braces.
            rows::end_session(&state.store, &hash).await?;
            return Err(ConsoleError::NotSignedIn);
        }
        let now = clock::now_unix();
        let idle = i64::try_from(state.console.idle.as_secs()).unwrap_or(i64::MAX);
        if now >= row.expires_at || now.saturating_sub(row.last_seen) >= idle {
            rows::end_session(&state.store, &hash).await?;
            return Err(ConsoleError::SessionExpired);
        }
        rows::touch_session(&state.store, &hash, now).await?;
        Ok(SignedIn {
            analyst: row.analyst.try_into()?,
            session: hash,
        })
    }
}

/// `GET /console/api/me`: who is signed in.
pub async fn me(signed_in: SignedIn) -> Json<Analyst> {
    Json(signed_in.analyst)
}

/// `POST /console/api/signout`: ends the session at once (204), and tells
/// the browser to forget the cookie.
pub async fn signout(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Response, ConsoleError> {
    // Ended and audited together; a session that another request ended a
    // moment ago (its expiry) needs no sign-out entry.
    rows::sign_out(
        &state.store,
        &signed_in.session,
        &Event::new(&signed_in.analyst.id, Action::SignedOut).entry(clock::now_unix()),
    )
    .await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, clear_cookie())],
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_found_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; __Secure-lantern_console=tok; b=2"),
        );
        assert_eq!(cookie_token(&headers), Some("tok"));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("lantern_console=nope; __Secure-lantern_console="),
        );
        assert_eq!(cookie_token(&headers), None);
    }
}

//! Enrolment and sign-in with a passkey: the server's webauthn-rs
//! challenge goes through `webauthn-rs-proto`'s own conversion into the
//! browser's `navigator.credentials` options, and the authenticator's
//! answer back the same way, so no WebAuthn JSON is written by hand.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use webauthn_rs_proto::{
    CreationChallengeResponse, PublicKeyCredential, RegisterPublicKeyCredential,
    RequestChallengeResponse,
};

use crate::api::{self, Analyst, ApiError};

/// Why a passkey ceremony failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasskeyError {
    /// The API refused or could not be reached.
    #[error(transparent)]
    Api(#[from] ApiError),
    /// The browser or the person cancelled, or no authenticator answered.
    #[error("No passkey was made or used. Try again, and follow your browser's prompts (a security key, or this computer's own).")]
    Cancelled,
    /// This browser has no WebAuthn.
    #[error("This browser cannot use passkeys. Use a recent Chrome, Edge, Firefox or Safari.")]
    Unsupported,
}

#[derive(Serialize)]
struct EnrolStart<'a> {
    token: &'a str,
}

#[derive(Deserialize)]
struct EnrolOptions {
    ceremony: String,
    options: CreationChallengeResponse,
}

#[derive(Serialize)]
struct EnrolFinish {
    ceremony: String,
    credential: RegisterPublicKeyCredential,
}

#[derive(Serialize)]
struct SignInStart<'a> {
    name: &'a str,
}

#[derive(Deserialize)]
struct SignInOptions {
    ceremony: String,
    options: RequestChallengeResponse,
}

#[derive(Serialize)]
struct SignInFinish {
    ceremony: String,
    credential: PublicKeyCredential,
}

#[derive(Deserialize)]
struct Enrolled {}

fn credentials() -> Result<web_sys::CredentialsContainer, PasskeyError> {
    let window = web_sys::window().ok_or(PasskeyError::Unsupported)?;
    if js_sys::Reflect::get(&window, &"PublicKeyCredential".into())
        .map(|value| value.is_undefined())
        .unwrap_or(true)
    {
        return Err(PasskeyError::Unsupported);
    }
    Ok(window.navigator().credentials())
}

async fn credential(
    promise: js_sys::Promise,
) -> Result<web_sys::PublicKeyCredential, PasskeyError> {
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|value| value.dyn_into::<web_sys::PublicKeyCredential>().ok())
        .ok_or(PasskeyError::Cancelled)
}

/// Makes a passkey for the enrolment link's `token` and registers it.
pub async fn enrol(token: &str) -> Result<(), PasskeyError> {
    let start: EnrolOptions = api::post("/console/api/enrol/start", &EnrolStart { token }).await?;
    let options: web_sys::CredentialCreationOptions = start.options.into();
    let promise = credentials()?
        .create_with_options(&options)
        .map_err(|_| PasskeyError::Cancelled)?;
    let made = credential(promise).await?;
    let _: Enrolled = api::post(
        "/console/api/enrol/finish",
        &EnrolFinish {
            ceremony: start.ceremony,
            credential: RegisterPublicKeyCredential::from(made),
        },
    )
    .await?;
    Ok(())
}

/// Signs `name` in with their passkey; the session cookie is set by the
/// answer (HttpOnly: this code never sees it).
pub async fn sign_in(name: &str) -> Result<Analyst, PasskeyError> {
    let start: SignInOptions =
        api::post("/console/api/signin/start", &SignInStart { name }).await?;
    let options: web_sys::CredentialRequestOptions = start.options.into();
    let promise = credentials()?
        .get_with_options(&options)
        .map_err(|_| PasskeyError::Cancelled)?;
    let used = credential(promise).await?;
    Ok(api::post(
        "/console/api/signin/finish",
        &SignInFinish {
            ceremony: start.ceremony,
            credential: PublicKeyCredential::from(used),
        },
    )
    .await?)
}

//! The console API's one error type. Its body has the API's shape,
//! `{"errors":[{"field","code","message"}]}`: the code for the console app
//! to act on, and a plain sentence saying what to do. Causes (database
//! errors, why WebAuthn refused) are logged here, never sent.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::store::StoreError;

/// Everything the console API can answer besides success.
#[derive(Debug, thiserror::Error)]
pub enum ConsoleError {
    /// No session cookie, or one that finds no session (401).
    #[error("not signed in")]
    NotSignedIn,
    /// The session was unused for too long or reached its end (401).
    #[error("session expired")]
    SessionExpired,
    /// The request came from a page of another origin (401).
    #[error("wrong origin")]
    WrongOrigin,
    /// The enrolment link was used, expired, or its analyst removed (400).
    #[error("enrolment link not valid")]
    EnrolmentLinkInvalid,
    /// The ceremony id is unknown or its challenge expired (400).
    #[error("ceremony expired")]
    CeremonyExpired,
    /// The authenticator's answer did not verify (401).
    #[error("passkey rejected: {0}")]
    PasskeyRejected(String),
    /// No present analyst by that name with a passkey (401).
    #[error("sign-in failed")]
    SignInFailed,
    /// The route is for administrators (403).
    #[error("administrators only")]
    AdminOnly,
    /// No tip has that id (404).
    #[error("no such tip")]
    NoSuchTip,
    /// A label that is not on the fixed lists, or too many (400).
    #[error("unknown label")]
    UnknownLabel,
    /// A priority that is not one of the four (400).
    #[error("unknown priority")]
    UnknownPriority,
    /// The tip to group with is not there (400).
    #[error("no such other tip")]
    NoSuchOtherTip,
    /// A tip was to be grouped with itself (400).
    #[error("same tip")]
    SameTip,
    /// No present analyst has that name (400).
    #[error("no such analyst")]
    NoSuchAnalyst,
    /// A reply or note that is not an age file padded to one of the
    /// follow-up's buckets (400).
    #[error("not padded")]
    NotPadded,
    /// The tip's reporter has no live follow-up code: a reply could not
    /// reach them (409).
    #[error("reporter unreachable")]
    ReporterUnreachable,
    /// An export's format is not one of `csv`, `jsonl` and `age` (400).
    #[error("unknown export format")]
    UnknownFormat,
    /// An export of no tips (400).
    #[error("nothing selected")]
    NothingSelected,
    /// An export of more tips than one request takes (400).
    #[error("too many tips")]
    TooManyTips,
    /// No console route here (404).
    #[error("no such route")]
    NotFound,
    /// The body is not the JSON the route takes (400).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The body is not `application/json` (415).
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// This client started too many ceremonies; it may again after this
    /// many seconds (429).
    #[error("rate limited")]
    RateLimited {
        /// Whole seconds until one more start is allowed.
        retry_after_secs: u64,
    },
    /// Too many sign-ins and enrolments are under way at once (503).
    #[error("too many ceremonies")]
    Busy,
    /// The database failed (503).
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    /// A bug or an impossible state (500).
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for ConsoleError {
    fn from(error: StoreError) -> Self {
        ConsoleError::Unavailable(error.to_string())
    }
}

#[derive(Serialize)]
struct Problem {
    field: &'static str,
    code: &'static str,
    message: &'static str,
}

#[derive(Serialize)]
struct Body {
    errors: [Problem; 1],
}

impl ConsoleError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            ConsoleError::NotSignedIn
            | ConsoleError::SessionExpired
            | ConsoleError::WrongOrigin
            | ConsoleError::PasskeyRejected(_)
            | ConsoleError::SignInFailed => StatusCode::UNAUTHORIZED,
            ConsoleError::EnrolmentLinkInvalid
            | ConsoleError::CeremonyExpired
            | ConsoleError::BadRequest(_)
            | ConsoleError::UnknownLabel
            | ConsoleError::UnknownPriority
            | ConsoleError::NoSuchAnalyst
            | ConsoleError::NoSuchOtherTip
            | ConsoleError::SameTip
            | ConsoleError::NotPadded
            | ConsoleError::UnknownFormat
            | ConsoleError::NothingSelected
            | ConsoleError::TooManyTips => StatusCode::BAD_REQUEST,
            ConsoleError::ReporterUnreachable => StatusCode::CONFLICT,
            ConsoleError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ConsoleError::AdminOnly => StatusCode::FORBIDDEN,
            ConsoleError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ConsoleError::NoSuchTip | ConsoleError::NotFound => StatusCode::NOT_FOUND,
            ConsoleError::Busy | ConsoleError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ConsoleError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The code the console app acts on.
    pub fn code(&self) -> &'static str {
        match self {
            ConsoleError::NotSignedIn => "not_signed_in",
            ConsoleError::SessionExpired => "session_expired",
            ConsoleError::WrongOrigin => "wrong_origin",
            ConsoleError::EnrolmentLinkInvalid => "enrolment_link_invalid",
            ConsoleError::CeremonyExpired => "ceremony_expired",
            ConsoleError::PasskeyRejected(_) => "passkey_rejected",
            ConsoleError::SignInFailed => "sign_in_failed",
            ConsoleError::BadRequest(_) => "malformed_json",
            ConsoleError::NoSuchTip => "no_such_tip",
            ConsoleError::UnknownLabel => "unknown_label",
            ConsoleError::UnknownPriority => "unknown_priority",
            ConsoleError::NoSuchAnalyst => "no_such_analyst",
            ConsoleError::NoSuchOtherTip => "no_such_other_tip",
            ConsoleError::SameTip => "same_tip",
            ConsoleError::NotPadded => "not_padded",
            ConsoleError::ReporterUnreachable => "reporter_unreachable",
            ConsoleError::UnknownFormat => "unknown_format",
            ConsoleError::NothingSelected => "nothing_selected",
            ConsoleError::TooManyTips => "too_many_tips",
            ConsoleError::AdminOnly => "admin_only",
            ConsoleError::RateLimited { .. } => "rate_limited",
            ConsoleError::NotFound => "not_found",
            ConsoleError::UnsupportedMediaType => "unsupported_media_type",
            ConsoleError::Busy => "busy",
            ConsoleError::Unavailable(_) => "unavailable",
            ConsoleError::Internal(_) => "internal",
        }
    }

    /// What the person should do, in a sentence.
    pub fn message(&self) -> &'static str {
        match self {
            ConsoleError::NotSignedIn => "Sign in with your passkey.",
            ConsoleError::SessionExpired => {
                "Your session ended because it was not used for a while. Sign in again."
            }
            ConsoleError::WrongOrigin => "Open the console from its own address and try again.",
            ConsoleError::EnrolmentLinkInvalid => {
                "This enrolment link was already used or has expired. Ask your administrator for a new one."
            }
            ConsoleError::CeremonyExpired => "That took too long. Start again.",
            ConsoleError::PasskeyRejected(_) => {
                "Your passkey's answer could not be checked. Try again, or use another passkey."
            }
            ConsoleError::SignInFailed => {
                "No passkey for that name can sign in here. Check the name, or ask your administrator."
            }
            ConsoleError::BadRequest(_) => "The request was not understood. Reload the console.",
            ConsoleError::NoSuchTip => "There is no tip with that id. Go back to the inbox.",
            ConsoleError::UnknownLabel => {
                "Choose labels from the list (at most 12), each once. Reload the console."
            }
            ConsoleError::UnknownPriority => "Choose low, normal, high or urgent.",
            ConsoleError::NoSuchAnalyst => {
                "No analyst has that name. Choose one from the list, or nobody."
            }
            ConsoleError::NoSuchOtherTip => {
                "There is no tip with that id to put in a case with. Choose another tip."
            }
            ConsoleError::SameTip => "A tip cannot be put in a case with itself. Choose another tip.",
            ConsoleError::NotPadded => {
                "The message was not sealed and padded the way the console does it. Reload the console and try again."
            }
            ConsoleError::ReporterUnreachable => {
                "The reporter kept no reply code for this tip, or it has expired: they cannot read a reply."
            }
            ConsoleError::UnknownFormat => "Choose CSV, JSON Lines or sealed files.",
            ConsoleError::NothingSelected => "Select at least one tip to export.",
            ConsoleError::TooManyTips => {
                "That is more tips than one export takes (10,000). Narrow the filter and export in parts."
            }
            ConsoleError::AdminOnly => "Only an administrator can see this.",
            ConsoleError::RateLimited { .. } => {
                "Too many tries from this network. Wait a minute and try again."
            }
            ConsoleError::NotFound => "There is nothing at this address in the console's API.",
            ConsoleError::UnsupportedMediaType => "Send the request as application/json.",
            ConsoleError::Busy => "Too many sign-ins at once. Wait a minute and try again.",
            ConsoleError::Unavailable(_) => "The database is not answering. Try again soon.",
            ConsoleError::Internal(_) => "Something went wrong on the server. Try again.",
        }
    }
}

impl IntoResponse for ConsoleError {
    fn into_response(self) -> Response {
        match &self {
            ConsoleError::Unavailable(cause) => tracing::warn!(%cause, "console: storage"),
            ConsoleError::Internal(cause) => tracing::error!(%cause, "console: internal error"),
            ConsoleError::PasskeyRejected(cause) => {
                tracing::info!(%cause, "console: a passkey was refused");
            }
            _ => {}
        }
        let body = Body {
            errors: [Problem {
                field: "",
                code: self.code(),
                message: self.message(),
            }],
        };
        let bytes = serde_json::to_vec(&body)
            .unwrap_or_else(|_| br#"{"errors":[{"field":"","code":"internal"}]}"#.to_vec());
        let mut response = (
            self.status(),
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            bytes,
        )
            .into_response();
        match self {
            ConsoleError::Busy | ConsoleError::Unavailable(_) => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            }
            ConsoleError::RateLimited { retry_after_secs } => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            }
            _ => {}
        }
        response
    }
}

//! Talking to the reporter, and notes (issue 17): what a tip's opening
//! carries of its anonymous follow-up (each message sealed, its direction
//! and hour, and whether the reporter can be asked), and the two routes
//! that store what an analyst's browser sealed: a reply to the reporter
//! (`POST /console/api/tips/{id}/replies`) and a note
//! (`POST /console/api/tips/{id}/notes`).
//!
//! The server never sees either in clear: the console builds the follow-up
//! [`lantern_followup::Message`], pads and seals it with
//! [`lantern_followup::seal`], and sends the age file. All the server can
//! check is that it is an age file of one of the padding buckets' sizes
//! ([`lantern_followup::sealed_bucket`]), so its length tells nothing.
//! Each is stored with its audit entry (`reply`, `note`) in one
//! transaction before the 201.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use base64::Engine;
use lantern_followup::Direction;
use serde::{Deserialize, Serialize};

use super::audit::{Action, Event};
use super::sessions::SignedIn;
use super::tips::{self, OneTip};
use super::{ConsoleError, ConsoleJson};
use crate::store;
use crate::store::console::{self as rows, NewNote, NoteRow};
use crate::store::followup::{NewMessage, StoredMessage};
use crate::{clock, AppState};

/// The largest sealed body taken: the largest bucket, age's nonce and
/// tag, and room for a header with many recipients.
pub const MAX_SEALED_BYTES: usize = 16_384 + 32 + 8_192;

/// Whether the reporter's follow-up code lets them be asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// The reporter kept no code for this tip.
    None,
    /// The code is live: a reply reaches them.
    Live,
    /// The code expired: they can no longer read replies.
    Expired,
}

/// The tip's follow-up, as its opening carries it.
#[derive(Debug, Clone, Serialize)]
pub struct Followup {
    /// Whether the reporter can be asked.
    pub code: Code,
    /// The reporter's public `age1…` recipient while the code is live: the
    /// console seals replies to it.
    pub recipient: Option<String>,
    /// How many of the reporter's messages no analyst had opened the tip
    /// since (the last ones, oldest first, are new).
    pub unread: i64,
    /// Every message, sealed, by hour.
    pub messages: Vec<SealedMessage>,
}

/// One follow-up message, sealed.
#[derive(Debug, Clone, Serialize)]
pub struct SealedMessage {
    /// `hotline` or `reporter` (in clear beside it).
    pub direction: Direction,
    /// The hour it was stored in (RFC 3339).
    pub hour: String,
    /// The age file, base64.
    pub sealed: String,
}

/// One note, sealed.
#[derive(Debug, Clone, Serialize)]
pub struct SealedNote {
    /// Its id, as a string (63-bit).
    pub id: String,
    /// Who wrote it (their name).
    pub author: String,
    /// The hour it was written in (RFC 3339).
    pub hour: String,
    /// The age file, base64.
    pub sealed: String,
}

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The follow-up part of an opening: `unread` as the tip's row had it
/// before this opening marked it seen.
pub fn followup(
    has_code: bool,
    recipient: Option<String>,
    unread: i64,
    messages: &[StoredMessage],
) -> Followup {
    let code = match (has_code, &recipient) {
        (_, Some(_)) => Code::Live,
        (true, None) => Code::Expired,
        (false, None) => Code::None,
    };
    Followup {
        code,
        recipient,
        unread,
        messages: sealed_messages(messages),
    }
}

/// Stored follow-up messages as the console gets them: sealed, with their
/// direction and hour (a tip's opening, and an export).
pub fn sealed_messages(messages: &[StoredMessage]) -> Vec<SealedMessage> {
    messages
        .iter()
        .map(|m| SealedMessage {
            direction: m.direction,
            hour: clock::rfc3339(m.hour),
            sealed: base64(&m.sealed),
        })
        .collect()
}

/// The notes of an opening.
pub fn notes(rows: Vec<NoteRow>) -> Vec<SealedNote> {
    rows.into_iter()
        .map(|note| SealedNote {
            id: note.id.to_string(),
            author: note.author,
            hour: clock::rfc3339(note.hour),
            sealed: base64(&note.sealed),
        })
        .collect()
}

/// `POST /console/api/tips/{id}/replies` and `/notes`' body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sealed {
    /// The age file the console sealed, base64 (standard, padded).
    pub sealed: String,
}

/// The sealed bytes and their bucket, or `not_padded` for anything that is
/// not an age file of a bucket's size.
fn checked(body: &Sealed) -> Result<(Vec<u8>, i32), ConsoleError> {
    if body.sealed.len() > MAX_SEALED_BYTES.div_ceil(3) * 4 {
        return Err(ConsoleError::NotPadded);
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(body.sealed.as_bytes())
        .map_err(|_| ConsoleError::NotPadded)?;
    let bucket = lantern_followup::sealed_bucket(&bytes).ok_or(ConsoleError::NotPadded)?;
    Ok((bytes, i32::try_from(bucket).unwrap_or(i32::MAX)))
}

/// `POST /console/api/tips/{id}/replies`: stores the reply the console
/// sealed to the reporter and the hotline as a `hotline` follow-up message,
/// as `lantern-intake reply` does, with its `reply` audit entry; `409
/// reporter_unreachable` when the reporter has no live code. Answers 201
/// and the tip as `open` does.
pub async fn reply(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ConsoleJson(body): ConsoleJson<Sealed>,
) -> Result<(StatusCode, Json<OneTip>), ConsoleError> {
    let tip = tips::tip_id(&id)?;
    let (sealed, size_bucket) = checked(&body)?;
    drop(body);
    rows::console_tip_by_id(&state.store, tip)
        .await?
        .ok_or(ConsoleError::NoSuchTip)?;
    let now = clock::now_unix();
    let message = NewMessage {
        id: store::new_row_id(),
        tip_id: tip,
        direction: Direction::Hotline,
        hour: clock::floor_to_hour(now),
        size_bucket,
        sealed,
    };
    let entry = Event::new(&signed_in.analyst.id, Action::Reply)
        .tip(tip)
        .entry(now);
    if !rows::add_reply(&state.store, &message, &entry).await? {
        return Err(ConsoleError::ReporterUnreachable);
    }
    let one = tips::open(State(state), signed_in, Path(id)).await?;
    Ok((StatusCode::CREATED, one))
}

/// `POST /console/api/tips/{id}/notes`: stores the note the console sealed
/// to the hotline's recipients, by the signed-in analyst, with its `note`
/// audit entry. Answers 201 and the tip as `open` does.
pub async fn note(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ConsoleJson(body): ConsoleJson<Sealed>,
) -> Result<(StatusCode, Json<OneTip>), ConsoleError> {
    let tip = tips::tip_id(&id)?;
    let (sealed, size_bucket) = checked(&body)?;
    drop(body);
    let now = clock::now_unix();
    let note = NewNote {
        id: store::new_row_id(),
        tip_id: tip,
        author: signed_in.analyst.id.clone(),
        hour: clock::floor_to_hour(now),
        size_bucket,
        sealed,
    };
    let entry = Event::new(&signed_in.analyst.id, Action::Note)
        .tip(tip)
        .entry(now);
    if !rows::add_note(&state.store, &note, &entry).await? {
        return Err(ConsoleError::NoSuchTip);
    }
    let one = tips::open(State(state), signed_in, Path(id)).await?;
    Ok((StatusCode::CREATED, one))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed(text: &str) -> Sealed {
        let recipient = age::x25519::Identity::generate().to_public();
        let message = lantern_followup::Message {
            direction: Direction::Hotline,
            kind: lantern_followup::Kind::Note,
            text: text.into(),
            written_at: "2026-12-02T01:00:00.000Z".into(),
        };
        let (bytes, _) = lantern_followup::seal(&[&recipient], &message).unwrap();
        Sealed {
            sealed: base64(&bytes),
        }
    }

    #[test]
    fn only_padded_age_files_are_taken() {
        let (_, bucket) = checked(&sealed("a short note")).unwrap();
        assert_eq!(bucket, 512);
        let (_, bucket) = checked(&sealed(&"n".repeat(3_000))).unwrap();
        assert_eq!(bucket, 16_384);
        for bad in ["", "not base64!", &base64(b"plain words, not sealed")] {
            let body = Sealed { sealed: bad.into() };
            assert!(
                matches!(checked(&body), Err(ConsoleError::NotPadded)),
                "{bad}"
            );
        }
        let huge = Sealed {
            sealed: "A".repeat(MAX_SEALED_BYTES * 2),
        };
        assert!(matches!(checked(&huge), Err(ConsoleError::NotPadded)));
    }

    #[test]
    fn the_code_says_whether_the_reporter_can_be_asked() {
        assert_eq!(followup(false, None, 0, &[]).code, Code::None);
        assert_eq!(followup(true, None, 0, &[]).code, Code::Expired);
        let live = followup(true, Some("age1x".into()), 2, &[]);
        assert_eq!((live.code, live.unread), (Code::Live, 2));
    }
}

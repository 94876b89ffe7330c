//! The console API's answers (`crates/intake/src/console`), as the app
//! reads them, and in the browser the calls that fetch them. Requests go to
//! the page's own origin only (the CSP allows nothing else); the session
//! cookie rides along by itself, and JavaScript never sees it.

use lantern_tip::triage::{self, Changed, Status};
use serde::Deserialize;

/// The signed-in analyst (`GET /console/api/me`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Analyst {
    /// Their name.
    pub name: String,
    /// `analyst` or `admin`.
    pub role: String,
}

/// A tip as the inbox gets it: the clear columns and the sealed bytes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SealedRow {
    /// Its id (a string: ids are wider than a JavaScript number).
    pub id: String,
    /// The hour it arrived in (RFC 3339, UTC).
    pub received_hour: String,
    /// The partner embed it came through, if any.
    pub partner: Option<String>,
    /// Its triage status.
    pub status: Status,
    /// When the status was last set (RFC 3339), if ever.
    #[serde(default)]
    pub status_changed_at: Option<String>,
    /// Whether the reporter can be asked a question.
    pub can_ask: bool,
    /// The age file, base64.
    pub sealed: String,
    /// Triage label ids.
    #[serde(default)]
    pub labels: Vec<String>,
    /// `low`, `normal`, `high` or `urgent`, if set.
    pub priority: Option<String>,
    /// The analyst it is assigned to, if any.
    pub assignee: Option<String>,
    /// How many of the reporter's messages arrived since an analyst last
    /// opened the tip.
    #[serde(default)]
    pub unread: u32,
    /// The number of the case it is in, if any.
    #[serde(default)]
    pub case: Option<u64>,
}

/// `GET /console/api/tips`.
#[derive(Debug, Clone, Deserialize)]
pub struct Inbox {
    /// New tips first, each group newest first.
    pub tips: Vec<SealedRow>,
}

/// One dated entry of a tip's history: a triage change, or a note or
/// reply written (who and when only).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Change {
    /// What changed.
    pub what: Changed,
    /// Its new value (a status or priority id, label ids separated by
    /// spaces, an analyst's name); `None` when cleared, and for a note or
    /// a reply.
    pub value: Option<String>,
    /// When (RFC 3339).
    pub at: String,
    /// By whom.
    pub by: String,
}

/// `GET /console/api/tips/{id}`, and every triage route's answer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct OneTip {
    /// The tip.
    #[serde(flatten)]
    pub tip: SealedRow,
    /// Its triage changes, notes and replies, oldest first.
    pub history: Vec<Change>,
    /// The anonymous follow-up.
    pub followup: Followup,
    /// The analysts' notes, sealed.
    #[serde(default)]
    pub notes: Vec<SealedNote>,
    /// The other tips in its case, oldest first.
    #[serde(default)]
    pub case_tips: Vec<CaseTip>,
}

/// Another tip in the same case.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CaseTip {
    /// Its id.
    pub id: String,
    /// The hour it arrived in (RFC 3339, UTC).
    pub received_hour: String,
}

/// Whether the reporter can be asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// They kept no reply code.
    None,
    /// Their code is live: a reply reaches them.
    Live,
    /// Their code expired.
    Expired,
}

/// A tip's follow-up, as its opening carries it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Followup {
    /// Whether the reporter can be asked.
    pub code: Code,
    /// The reporter's `age1…` key while the code is live.
    pub recipient: Option<String>,
    /// How many of the reporter's messages (the last ones) are new: counted
    /// before this opening marked them seen.
    pub unread: u32,
    /// Every message, sealed, by hour.
    pub messages: Vec<SealedMessage>,
}

/// One follow-up message, sealed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SealedMessage {
    /// Who wrote it.
    pub direction: lantern_followup::Direction,
    /// The hour it was stored in (RFC 3339).
    pub hour: String,
    /// The age file, base64.
    pub sealed: String,
}

/// One note, sealed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SealedNote {
    /// Its id.
    pub id: String,
    /// Who wrote it (their name).
    pub author: String,
    /// The hour it was written in (RFC 3339).
    pub hour: String,
    /// The age file, base64.
    pub sealed: String,
}

/// One analyst a tip can be assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Assignable {
    /// Their name.
    pub name: String,
}

/// `GET /console/api/analysts`.
#[derive(Debug, Clone, Deserialize)]
pub struct Analysts {
    /// The present analysts, by name.
    pub analysts: Vec<Assignable>,
}

/// One audit log entry, as `GET /console/api/audit` sends it (names in
/// place of ids).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AuditEntry {
    /// Its number in the chain, from 1.
    pub seq: i64,
    /// When (RFC 3339).
    pub at: String,
    /// Who: an analyst's name, `(administrator)` for the command line, or
    /// `(retention)` for the retention period.
    pub actor: String,
    /// What, as stored (`tip_opened`); see [`crate::audit::action_words`].
    pub action: String,
    /// Its detail from a fixed list (a role, a status, label ids), if any.
    pub detail: Option<String>,
    /// The analyst it was about (their name), if any.
    pub subject: Option<String>,
    /// The tip it was about (its id), if any.
    pub tip_id: Option<String>,
}

/// The head of a chain that holds.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AuditHead {
    /// How many entries.
    pub entries: i64,
    /// The last entry's hash, in hex.
    pub hash: String,
}

/// Where a chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AuditBreak {
    /// The entry at which it stops holding.
    pub seq: i64,
    /// What is wrong there: `missing`, `prev_hash_mismatch` or
    /// `hash_mismatch`.
    pub problem: String,
}

/// `GET /console/api/audit` (administrators only).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AuditLog {
    /// Every entry, oldest first.
    pub entries: Vec<AuditEntry>,
    /// The head, when the chain holds.
    pub head: Option<AuditHead>,
    /// Where it breaks, when it does.
    pub broken: Option<AuditBreak>,
}

/// A status as words.
pub fn status_words(status: Status) -> &'static str {
    match status {
        Status::New => "New",
        Status::InReview => "In review",
        Status::Referred => "Referred",
        Status::Closed => "Closed",
    }
}

/// A priority id (`urgent`) as words (`Urgent`); an unknown one as itself.
pub fn priority_words(id: &str) -> String {
    match triage::Priority::parse(id) {
        Some(triage::Priority::Low) => "Low".into(),
        Some(triage::Priority::Normal) => "Normal".into(),
        Some(triage::Priority::High) => "High".into(),
        Some(triage::Priority::Urgent) => "Urgent".into(),
        None => id.to_owned(),
    }
}

/// A triage change as one line of words: `Status: In review`.
pub fn change_words(change: &Change) -> String {
    let value = change.value.as_deref();
    match change.what {
        Changed::Status => format!(
            "Status: {}",
            value
                .and_then(Status::parse)
                .map(status_words)
                .unwrap_or("unknown")
        ),
        Changed::Labels => match value {
            Some(ids) => format!(
                "Labels: {}",
                ids.split(' ')
                    .map(crate::layout::id_words)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => "Labels: none".into(),
        },
        Changed::Priority => format!(
            "Priority: {}",
            value
                .map(priority_words)
                .unwrap_or_else(|| "not set".into())
        ),
        Changed::Assignee => format!("Assigned to: {}", value.unwrap_or("nobody")),
        // Never the words: they are sealed, and the history is read sealed.
        Changed::Note => "Note added".into(),
        Changed::Reply => "Reply sent".into(),
        Changed::Case => match value {
            Some(number) => format!("Put in case {number}"),
            None => "Taken out of its case".into(),
        },
        Changed::Exported => match value.and_then(lantern_tip::export::Format::parse) {
            Some(format) => format!("Exported as {}", crate::export::format_words(format)),
            None => "Exported".into(),
        },
    }
}

/// The API's error body: `{"errors":[{"field","code","message"}]}`.
#[derive(Debug, Deserialize)]
struct ErrorBody {
    errors: Vec<Problem>,
}

#[derive(Debug, Deserialize)]
struct Problem {
    code: String,
    #[serde(default)]
    message: String,
}

/// Why a call to the console API failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// No session, or it ended (401 `not_signed_in`, `session_expired`).
    #[error("You are signed out. Sign in again.")]
    SignedOut,
    /// The API refused, and said why (its sentence is shown as it is).
    #[error("{message}")]
    Refused {
        /// The API's code.
        code: String,
        /// The API's sentence for people.
        message: String,
    },
    /// The network failed, or the answer could not be read.
    #[error("The service could not be reached. Check the connection and try again.")]
    Network,
}

impl ApiError {
    /// The error for an answer with `status` and `body`.
    pub fn from_answer(status: u16, body: &str) -> Self {
        let problem = serde_json::from_str::<ErrorBody>(body)
            .ok()
            .and_then(|body| body.errors.into_iter().next());
        match problem {
            Some(problem)
                if status == 401
                    && matches!(problem.code.as_str(), "not_signed_in" | "session_expired") =>
            {
                ApiError::SignedOut
            }
            Some(problem) if !problem.message.is_empty() => ApiError::Refused {
                code: problem.code,
                message: problem.message,
            },
            _ if status == 401 => ApiError::SignedOut,
            _ => ApiError::Network,
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod calls {
    use gloo_net::http::Request;
    use serde::de::DeserializeOwned;
    use serde::Serialize;

    use super::ApiError;

    async fn answer<T: DeserializeOwned>(
        response: Result<gloo_net::http::Response, gloo_net::Error>,
    ) -> Result<T, ApiError> {
        let response = response.map_err(|_| ApiError::Network)?;
        let status = response.status();
        let text = response.text().await.map_err(|_| ApiError::Network)?;
        if (200..300).contains(&status) {
            serde_json::from_str(&text).map_err(|_| ApiError::Network)
        } else {
            Err(ApiError::from_answer(status, &text))
        }
    }

    /// `GET path` on the console's own origin.
    pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
        answer(Request::get(path).send().await).await
    }

    /// `POST path` with a JSON body.
    pub async fn post<B: Serialize, T: DeserializeOwned>(
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let request = Request::post(path)
            .json(body)
            .map_err(|_| ApiError::Network)?;
        answer(request.send().await).await
    }

    /// `POST path` with a JSON body, to a route that answers a file: its
    /// bytes as they came.
    pub async fn post_for_bytes<B: Serialize>(path: &str, body: &B) -> Result<Vec<u8>, ApiError> {
        let response = Request::post(path)
            .json(body)
            .map_err(|_| ApiError::Network)?
            .send()
            .await
            .map_err(|_| ApiError::Network)?;
        let status = response.status();
        if (200..300).contains(&status) {
            return response.binary().await.map_err(|_| ApiError::Network);
        }
        let text = response.text().await.unwrap_or_default();
        Err(ApiError::from_answer(status, &text))
    }

    /// `POST path` without a body, to a route that answers 204.
    pub async fn post_empty(path: &str) -> Result<(), ApiError> {
        let response = Request::post(path)
            .send()
            .await
            .map_err(|_| ApiError::Network)?;
        let status = response.status();
        if (200..300).contains(&status) {
            return Ok(());
        }
        let text = response.text().await.unwrap_or_default();
        Err(ApiError::from_answer(status, &text))
    }
}

#[cfg(target_arch = "wasm32")]
pub use calls::{get, post, post_empty, post_for_bytes};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_carry_the_apis_sentence() {
        let body = r#"{"errors":[{"field":"","code":"sign_in_failed","message":"No passkey for that name."}]}"#;
        assert_eq!(
            ApiError::from_answer(401, body),
            ApiError::Refused {
                code: "sign_in_failed".into(),
                message: "No passkey for that name.".into()
            }
        );
        let expired = r#"{"errors":[{"field":"","code":"session_expired","message":"x"}]}"#;
        assert_eq!(ApiError::from_answer(401, expired), ApiError::SignedOut);
        assert_eq!(ApiError::from_answer(502, "<html>"), ApiError::Network);
    }

    #[test]
    fn the_inbox_reads_the_servers_shape() {
        let json = r#"{"tips":[{"id":"9007199254740993","received_hour":"2026-12-01T10:00:00Z",
            "partner":null,"status":"new","status_changed_at":null,"can_ask":true,
            "sealed":"AAAA","labels":["deception"],"priority":null,"assignee":null}]}"#;
        let inbox: Inbox = serde_json::from_str(json).unwrap();
        assert_eq!(inbox.tips[0].id, "9007199254740993");
        assert!(inbox.tips[0].can_ask);
        assert_eq!(inbox.tips[0].case, None, "no case sent is none");
        assert_eq!(status_words(inbox.tips[0].status), "New");
    }

    #[test]
    fn a_tips_history_reads_as_plain_lines() {
        let json = r#"{"id":"7","received_hour":"2026-12-01T10:00:00Z","partner":null,
            "status":"in_review","status_changed_at":"2026-12-01T10:05:00Z","can_ask":false,
            "sealed":"AAAA","labels":["debt-bondage"],"priority":"urgent","assignee":"ben",
            "history":[
              {"what":"status","value":"in_review","at":"2026-12-01T10:05:00Z","by":"ana"},
              {"what":"labels","value":"domestic-work debt-bondage","at":"2026-12-01T10:06:00Z","by":"ana"},
              {"what":"labels","value":null,"at":"2026-12-01T10:06:30Z","by":"ana"},
              {"what":"priority","value":"urgent","at":"2026-12-01T10:07:00Z","by":"ana"},
              {"what":"assignee","value":null,"at":"2026-12-01T10:08:00Z","by":"ana"},
              {"what":"note","value":null,"at":"2026-12-01T10:09:00Z","by":"ana"},
              {"what":"reply","value":null,"at":"2026-12-01T10:10:00Z","by":"ben"},
              {"what":"case","value":"3","at":"2026-12-01T10:11:00Z","by":"ana"},
              {"what":"case","value":null,"at":"2026-12-01T10:12:00Z","by":"ana"},
              {"what":"exported","value":"csv","at":"2026-12-01T10:11:00Z","by":"ben"}],
            "followup":{"code":"expired","recipient":null,"unread":0,"messages":[
              {"direction":"reporter","hour":"2026-12-01T11:00:00Z","sealed":"AAAA"}]},
            "notes":[],"case":3,"case_tips":[{"id":"8","received_hour":"2026-12-01T09:00:00Z"}]}"#;
        let one: OneTip = serde_json::from_str(json).unwrap();
        assert_eq!(one.tip.status, Status::InReview);
        assert_eq!(one.followup.code, Code::Expired);
        assert_eq!(
            one.followup.messages[0].direction,
            lantern_followup::Direction::Reporter
        );
        let lines: Vec<String> = one.history.iter().map(change_words).collect();
        assert_eq!(
            lines,
            [
                "Status: In review",
                "Labels: domestic work, debt bondage",
                "Labels: none",
                "Priority: Urgent",
                "Assigned to: nobody",
                "Note added",
                "Reply sent",
                "Put in case 3",
                "Taken out of its case",
                "Exported as CSV (a spreadsheet)"
            ]
        );
        assert_eq!(one.tip.case, Some(3));
        assert_eq!(one.case_tips[0].id, "8");
    }
}

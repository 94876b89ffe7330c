//! The console's first read of tips: the inbox before decryption, and
//! triage. Each tip comes with only its clear columns (the hour received,
//! the partner, whether the reporter can be asked, and the hotline's own
//! triage: status, labels, priority, assignee, case; and how many of the
//! reporter's follow-up messages are new) and its sealed bytes, which
//! the console app opens in the analyst's browser; the server holds no key
//! to them. A tip opened comes with its history (every status,
//! label, priority, assignee and case change, and every note and reply, dated
//! and named but never their words), read from the audit log; the
//! analysts' names, for assigning, come from [`analysts`]. Every listing
//! and every opening is written to the audit log before anything is sent;
//! every triage change, note and reply in the same transaction as its
//! entry.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::Json;
use base64::Engine;
use serde::{Deserialize, Serialize};

use lantern_followup::Direction;

use super::audit::{self, Action, Event};
use super::sessions::SignedIn;
use super::talk::{self, Followup, SealedNote};
use super::{ConsoleError, ConsoleJson};
use crate::store::console::{self as rows, CaseMove, CaseMoved, ConsoleTipRow, TriageField};
use crate::store::followup as followup_rows;
use crate::{clock, AppState};
use lantern_tip::triage::{self, Changed, Status};

/// A tip as the inbox gets it.
#[derive(Debug, Clone, Serialize)]
pub struct SealedTip {
    /// Its id, as a string: ids are 63-bit, more than a JavaScript number holds.
    pub id: String,
    /// The hour it arrived in (RFC 3339, UTC).
    pub received_hour: String,
    /// The partner embed it came through, if any.
    pub partner: Option<String>,
    /// Its triage status.
    pub status: Status,
    /// When the status was last set (RFC 3339), if ever.
    pub status_changed_at: Option<String>,
    /// Whether the reporter can be asked a question (a live follow-up code).
    pub can_ask: bool,
    /// The age ciphertext, base64 (standard, padded).
    pub sealed: String,
    /// Its triage labels' ids (`lantern_tip::triage::LABELS`).
    pub labels: Vec<String>,
    /// Its priority (`low`, `normal`, `high`, `urgent`), if set.
    pub priority: Option<String>,
    /// The name of the analyst it is assigned to, if any.
    pub assignee: Option<String>,
    /// How many of the reporter's follow-up messages (answers, details)
    /// arrived since an analyst last opened the tip.
    pub unread: i64,
    /// The number of the case it is in, if any.
    pub case: Option<i64>,
}

fn sealed_tip(row: ConsoleTipRow) -> Result<SealedTip, ConsoleError> {
    Ok(SealedTip {
        id: row.id.to_string(),
        received_hour: clock::rfc3339(row.received_hour),
        partner: row.partner,
        status: Status::parse(&row.status)
            .ok_or_else(|| ConsoleError::Internal("a stored status is unknown".into()))?,
        status_changed_at: row.status_changed_at.map(clock::rfc3339),
        can_ask: row.can_ask,
        sealed: base64::engine::general_purpose::STANDARD.encode(&row.sealed),
        labels: row.labels,
        priority: row.priority,
        assignee: row.assignee,
        unread: row.unread,
        case: row.case,
    })
}

/// The inbox.
#[derive(Debug, Serialize)]
pub struct Inbox {
    /// New tips first, then the rest; each group newest hour first.
    pub tips: Vec<SealedTip>,
}

/// `GET /console/api/tips`: every tip, sealed, new ones first.
pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<Inbox>, ConsoleError> {
    audit::append(
        &state.store,
        &Event::new(&signed_in.analyst.id, Action::TipsListed),
    )
    .await?;
    let mut tips = rows::console_tips(&state.store)
        .await?
        .into_iter()
        .map(sealed_tip)
        .collect::<Result<Vec<_>, _>>()?;
    // Stable: within each group the store's order (newest hour first) stays.
    tips.sort_by_key(|tip| tip.status != Status::New);
    Ok(Json(Inbox { tips }))
}

/// One dated entry of a tip's history (a triage change, a note or a
/// reply), from the audit log.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// What changed.
    pub what: Changed,
    /// Its new value (see [`Changed`]'s variants), `null` when cleared.
    pub value: Option<String>,
    /// When (RFC 3339).
    pub at: String,
    /// By whom (their name).
    pub by: String,
}

/// One tip with its history.
#[derive(Debug, Serialize)]
pub struct OneTip {
    /// The tip.
    #[serde(flatten)]
    pub tip: SealedTip,
    /// Every triage change, note and reply, oldest first.
    pub history: Vec<Change>,
    /// The anonymous follow-up: whether the reporter can be asked, and
    /// every message, sealed.
    pub followup: Followup,
    /// The analysts' notes, sealed, by hour.
    pub notes: Vec<SealedNote>,
    /// The other tips in its case, oldest first; empty when it is in none.
    pub case_tips: Vec<CaseTip>,
}

/// Another tip in the same case, as the tip view links it.
#[derive(Debug, Clone, Serialize)]
pub struct CaseTip {
    /// Its id, as a string.
    pub id: String,
    /// The hour it arrived in (RFC 3339, UTC).
    pub received_hour: String,
}

/// The history entry an audit entry makes, if it makes one (a triage
/// change, a note, a reply; not an opening); names for analysts' ids from
/// `names`.
fn change(entry: rows::AuditRow, names: &HashMap<String, String>) -> Option<Change> {
    let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let cleared = |detail: Option<String>| detail.filter(|d| d != "none");
    let (_, what) = [
        (Action::StatusChanged, Changed::Status),
        (Action::LabelsChanged, Changed::Labels),
        (Action::PriorityChanged, Changed::Priority),
        (Action::AssigneeChanged, Changed::Assignee),
        (Action::Note, Changed::Note),
        (Action::Reply, Changed::Reply),
        (Action::CaseChanged, Changed::Case),
        (Action::TipExported, Changed::Exported),
    ]
    .into_iter()
    .find(|(action, _)| action.as_str() == entry.action)?;
    let value = match what {
        Changed::Status => Some(Status::parse(entry.detail.as_deref()?)?.id().to_owned()),
        Changed::Labels | Changed::Priority | Changed::Case => cleared(entry.detail),
        Changed::Exported => entry.detail,
        Changed::Assignee => entry.subject.as_deref().map(name),
        // Who wrote one and when, never what: the words are sealed.
        Changed::Note | Changed::Reply => None,
    };
    Some(Change {
        what,
        value,
        at: clock::rfc3339(entry.at),
        by: name(&entry.actor),
    })
}

pub(super) fn tip_id(text: &str) -> Result<i64, ConsoleError> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(ConsoleError::NoSuchTip)
}

/// `GET /console/api/tips/{id}`: one tip, sealed, its dated triage
/// history, its follow-up messages and its notes, sealed. The opening is
/// audited, and the reporter's messages sent marked seen, in one
/// transaction before anything is sent.
pub async fn open(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<OneTip>, ConsoleError> {
    let id = tip_id(&id)?;
    let row = rows::console_tip_by_id(&state.store, id)
        .await?
        .ok_or(ConsoleError::NoSuchTip)?;
    let messages = followup_rows::messages(&state.store, id, None).await?;
    let notes = rows::notes(&state.store, id).await?;
    let seen = messages
        .iter()
        .filter(|m| m.direction == Direction::Reporter)
        .count();
    let opening = Event::new(&signed_in.analyst.id, Action::TipOpened)
        .tip(id)
        .entry(clock::now_unix());
    rows::record_opening(
        &state.store,
        id,
        i64::try_from(seen).unwrap_or(i64::MAX),
        &opening,
    )
    .await?;
    let names: HashMap<String, String> = rows::analysts(&state.store)
        .await?
        .into_iter()
        .map(|analyst| (analyst.id, analyst.name))
        .collect();
    let history = rows::audit_entries_for_tip(&state.store, id)
        .await?
        .into_iter()
        .filter_map(|entry| change(entry, &names))
        .collect();
    // Counted against the messages this answer carries (not the row's
    // count, read a moment earlier), so a message arriving in between is
    // both sent and marked new.
    let seen = i64::try_from(seen).unwrap_or(i64::MAX);
    let unread = (seen - row.reporter_seen).max(0);
    let followup = talk::followup(row.has_code, row.recipient.clone(), unread, &messages);
    let case_tips = match row.case {
        Some(number) => rows::case_tips(&state.store, number)
            .await?
            .into_iter()
            .filter(|(other, _)| *other != id)
            .map(|(other, hour)| CaseTip {
                id: other.to_string(),
                received_hour: clock::rfc3339(hour),
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(Json(OneTip {
        tip: sealed_tip(row)?,
        history,
        followup,
        notes: talk::notes(notes),
        case_tips,
    }))
}

/// `POST /console/api/tips/{id}/status`'s body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetStatus {
    /// `new`, `in_review`, `referred` or `closed`.
    pub status: Status,
}

/// `POST /console/api/tips/{id}/status`: sets the status (dated, audited)
/// and answers the tip as `open` does (audited as an opening too).
pub async fn set_status(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ConsoleJson(body): ConsoleJson<SetStatus>,
) -> Result<Json<OneTip>, ConsoleError> {
    let tip = tip_id(&id)?;
    let now = clock::now_unix();
    let event = Event::new(&signed_in.analyst.id, Action::StatusChanged)
        .tip(tip)
        .detail(body.status.id());
    if !rows::set_tip_status(
        &state.store,
        tip,
        body.status.id(),
        now,
        &signed_in.analyst.id,
        &event.entry(now),
    )
    .await?
    {
        return Err(ConsoleError::NoSuchTip);
    }
    open(State(state), signed_in, Path(id)).await
}

/// `POST /console/api/tips/{id}/labels`'s body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetLabels {
    /// Label ids from `lantern_tip::triage::LABELS`, each once; `[]` for none.
    pub labels: Vec<String>,
}

/// The labels' ids in the lists' order, or `unknown_label` for one not on
/// them, one given twice, or more than `MAX_LABELS`.
fn checked_labels(given: &[String]) -> Result<String, ConsoleError> {
    if given.len() > triage::MAX_LABELS {
        return Err(ConsoleError::UnknownLabel);
    }
    let mut ids = Vec::with_capacity(given.len());
    for id in given {
        let label = triage::label(id).ok_or(ConsoleError::UnknownLabel)?;
        if ids.contains(&label.id) {
            return Err(ConsoleError::UnknownLabel);
        }
        ids.push(label.id);
    }
    ids.sort_by_key(|id| triage::LABELS.iter().position(|l| l.id == *id));
    Ok(ids.join(" "))
}

/// One triage change: the field, its new value, and its audit entry's
/// action, detail and subject.
struct TriageChange<'a> {
    field: TriageField,
    value: Option<&'a str>,
    action: Action,
    detail: Option<&'a str>,
    subject: Option<&'a str>,
}

/// Sets one triage field and its audit entry together, then answers the
/// tip as `open` does.
async fn set_triage(
    state: AppState,
    signed_in: SignedIn,
    id: String,
    change: TriageChange<'_>,
) -> Result<Json<OneTip>, ConsoleError> {
    let tip = tip_id(&id)?;
    let now = clock::now_unix();
    let mut entry = Event::new(&signed_in.analyst.id, change.action)
        .tip(tip)
        .entry(now);
    entry.detail = change.detail;
    entry.subject = change.subject;
    if !rows::set_tip_triage(&state.store, tip, change.field, change.value, now, &entry).await? {
        return Err(ConsoleError::NoSuchTip);
    }
    open(State(state), signed_in, Path(id)).await
}

/// `POST /console/api/tips/{id}/labels`: replaces the tip's labels (dated,
/// audited with the labels in the same transaction).
pub async fn set_labels(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ConsoleJson(body): ConsoleJson<SetLabels>,
) -> Result<Json<OneTip>, ConsoleError> {
    let labels = checked_labels(&body.labels)?;
    let change = TriageChange {
        field: TriageField::Labels,
        value: Some(&labels),
        action: Action::LabelsChanged,
        detail: Some(if labels.is_empty() { "none" } else { &labels }),
        subject: None,
    };
    set_triage(state, signed_in, id, change).await
}

/// `POST /console/api/tips/{id}/priority`'s body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetPriority {
    /// `low`, `normal`, `high` or `urgent`; `null` for none.
    pub priority: Option<String>,
}

/// `POST /console/api/tips/{id}/priority`: sets or clears the priority
/// (dated, audited in the same transaction).
pub async fn set_priority(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ConsoleJson(body): ConsoleJson<SetPriority>,
) -> Result<Json<OneTip>, ConsoleError> {
    let value = match body.priority.as_deref() {
        None => None,
        Some(text) => Some(
            triage::Priority::parse(text)
                .ok_or(ConsoleError::UnknownPriority)?
                .id(),
        ),
    };
    let change = TriageChange {
        field: TriageField::Priority,
        value,
        action: Action::PriorityChanged,
        detail: Some(value.unwrap_or("none")),
        subject: None,
    };
    set_triage(state, signed_in, id, change).await
}

/// `POST /console/api/tips/{id}/assignee`'s body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetAssignee {
    /// A present analyst's name; `null` for nobody.
    pub assignee: Option<String>,
}

/// `POST /console/api/tips/{id}/assignee`: assigns the tip to a present
/// analyst or to nobody (dated, audited in the same transaction).
pub async fn set_assignee(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ConsoleJson(body): ConsoleJson<SetAssignee>,
) -> Result<Json<OneTip>, ConsoleError> {
    let assignee = match body.assignee.as_deref() {
        None => None,
        Some(name) => Some(
            rows::analyst_by_name(&state.store, name.trim())
                .await?
                .filter(|analyst| analyst.removed_at.is_none())
                .ok_or(ConsoleError::NoSuchAnalyst)?
                .id,
        ),
    };
    let change = TriageChange {
        field: TriageField::Assignee,
        value: assignee.as_deref(),
        action: Action::AssigneeChanged,
        detail: assignee.is_none().then_some("unassigned"),
        subject: assignee.as_deref(),
    };
    set_triage(state, signed_in, id, change).await
}

/// `POST /console/api/tips/{id}/case`'s body: where the tip goes, by
/// `case`.
#[derive(Debug, Deserialize)]
#[serde(tag = "case", rename_all = "snake_case", deny_unknown_fields)]
pub enum SetCase {
    /// `{"case": "with", "tip": ID}`: into the case of tip `ID`, or a new
    /// case for both when that tip is in none.
    With {
        /// The other tip's id.
        tip: String,
    },
    /// `{"case": "new"}`: into a new case of its own. (Empty braces, not
    /// a unit variant: serde lets a unit variant of an internally tagged
    /// enum ignore other fields, and a body with a stray `tip` must be
    /// refused, not read as a new case.)
    New {},
    /// `{"case": "none"}`: out of its case.
    #[serde(rename = "none")]
    Out {},
}

/// `POST /console/api/tips/{id}/case`: puts the tip in a case or takes it
/// out (audited for each tip that moves, in the same transaction), and
/// answers the tip as `open` does. A tip already where it is sent stays,
/// and nothing is written. A case keeps its number when its last tip
/// leaves, and numbers are never reused.
pub async fn set_case(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ConsoleJson(body): ConsoleJson<SetCase>,
) -> Result<Json<OneTip>, ConsoleError> {
    let tip = tip_id(&id)?;
    let to = match body {
        SetCase::With { tip: other } => {
            let other = tip_id(&other).map_err(|_| ConsoleError::NoSuchOtherTip)?;
            if other == tip {
                return Err(ConsoleError::SameTip);
            }
            CaseMove::With(other)
        }
        SetCase::New {} => CaseMove::New,
        SetCase::Out {} => CaseMove::Out,
    };
    let entry = Event::new(&signed_in.analyst.id, Action::CaseChanged).entry(clock::now_unix());
    match rows::set_tip_case(&state.store, tip, to, &entry).await? {
        CaseMoved::Done => open(State(state), signed_in, Path(id)).await,
        CaseMoved::NoSuchTip => Err(ConsoleError::NoSuchTip),
        CaseMoved::NoSuchOtherTip => Err(ConsoleError::NoSuchOtherTip),
    }
}

/// An analyst a tip can be assigned to.
#[derive(Debug, Serialize)]
pub struct Assignable {
    /// Their name (what `assignee` takes).
    pub name: String,
}

/// `GET /console/api/analysts`.
#[derive(Debug, Serialize)]
pub struct Analysts {
    /// Every present analyst, by name.
    pub analysts: Vec<Assignable>,
}

/// `GET /console/api/analysts`: the present analysts' names, for the
/// assignee list. Names only: no ids, roles or dates. Not audited (it is
/// about colleagues, not tips), but behind the session like every route.
pub async fn analysts(
    State(state): State<AppState>,
    _signed_in: SignedIn,
) -> Result<Json<Analysts>, ConsoleError> {
    let analysts = rows::analysts(&state.store)
        .await?
        .into_iter()
        .filter(|analyst| analyst.removed_at.is_none())
        .map(|analyst| Assignable { name: analyst.name })
        .collect();
    Ok(Json(Analysts { analysts }))
}

//! The audit log: every account change, sign-in and sign-out, and (as the
//! console grows) every opening of a tip and change to one, appended to one
//! chain. Each entry's hash is SHA-256 over the previous entry's hash and
//! the entry itself, so an entry deleted or edited anywhere but the very
//! end breaks the chain at that point, and [`verify`] names where.
//!
//! It records analysts, never reporters: an actor (an analyst's id, or
//! `cli` for the administrator's command line), an action from a fixed
//! list, its detail from a fixed list, and the analyst or the tip (its
//! random id) it was about.

use std::collections::HashMap;

use axum::extract::State;
use axum::Json;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::accounts::Role;
use super::sessions::SignedIn;
use super::ConsoleError;
use crate::store::console::{self as rows, AuditEntry, AuditRow};
use crate::store::{AnyStore, StoreError};
use crate::{clock, AppState};

/// The actor for entries made by the administrator's command line.
pub const CLI_ACTOR: &str = "cli";

/// The actor for deletions by the retention period (`crate::retention`).
pub const RETENTION_ACTOR: &str = "retention";

/// The first entry's `prev_hash`.
pub const GENESIS: [u8; 32] = [0; 32];

/// What was done. Stored by [`Action::as_str`]; the list only grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// An administrator added an analyst (detail: the role).
    AnalystAdded,
    /// An administrator made a new enrolment link for an analyst.
    EnrolmentLinkMade,
    /// An administrator removed an analyst.
    AnalystRemoved,
    /// An analyst enrolled a passkey with their link.
    PasskeyEnrolled,
    /// An analyst signed in.
    SignedIn,
    /// An analyst signed out.
    SignedOut,
    /// An analyst fetched the inbox: every tip's sealed bytes.
    TipsListed,
    /// An analyst opened one tip.
    TipOpened,
    /// An analyst set a tip's status (detail: the status).
    StatusChanged,
    /// An analyst set a tip's labels (detail: their ids, space-separated).
    LabelsChanged,
    /// An analyst set a tip's priority (detail: it, or `none`).
    PriorityChanged,
    /// An analyst assigned a tip (subject: the assignee; detail `unassigned`
    /// when nobody).
    AssigneeChanged,
    /// An analyst added a note, sealed in their browser, to a tip.
    Note,
    /// An analyst sent the reporter a reply, sealed in their browser.
    Reply,
    /// The retention period deleted a closed tip for good, with its
    /// conversation and triage (actor [`RETENTION_ACTOR`]).
    TipDeleted,
    /// An analyst put a tip in a case, or took it out of one (detail: the
    /// case's number, or `none`). Grouping a tip with one in no case
    /// starts a case for both: one entry for each tip.
    CaseChanged,
    /// An analyst exported a tip (detail: the format, `csv`, `jsonl` or
    /// `age`; one entry per tip of the export, all written before the
    /// export is handed over).
    TipExported,
}

impl Action {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::AnalystAdded => "analyst_added",
            Action::EnrolmentLinkMade => "enrolment_link_made",
            Action::AnalystRemoved => "analyst_removed",
            Action::PasskeyEnrolled => "passkey_enrolled",
            Action::SignedIn => "signed_in",
            Action::SignedOut => "signed_out",
            Action::TipsListed => "tips_listed",
            Action::TipOpened => "tip_opened",
            Action::StatusChanged => "status_changed",
            Action::LabelsChanged => "labels_changed",
            Action::PriorityChanged => "priority_changed",
            Action::AssigneeChanged => "assignee_changed",
            Action::Note => "note",
            Action::Reply => "reply",
            Action::TipDeleted => "tip_deleted",
            Action::CaseChanged => "case_changed",
            Action::TipExported => "tip_exported",
        }
    }
}

/// An entry to append: who did what to whom or to which tip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event<'a> {
    /// The analyst's id, or [`CLI_ACTOR`].
    pub actor: &'a str,
    /// What was done.
    pub action: Action,
    /// Its detail from a fixed list (a role, a status), if any.
    pub detail: Option<&'static str>,
    /// The analyst it was about, if any.
    pub subject: Option<&'a str>,
    /// The tip it was about, if any.
    pub tip_id: Option<i64>,
}

impl<'a> Event<'a> {
    /// `actor` did `action`, about nothing in particular.
    pub fn new(actor: &'a str, action: Action) -> Self {
        Self {
            actor,
            action,
            detail: None,
            subject: None,
            tip_id: None,
        }
    }

    /// About the analyst `id`.
    pub fn about(mut self, id: &'a str) -> Self {
        self.subject = Some(id);
        self
    }

    /// About the tip `id`.
    pub fn tip(mut self, id: i64) -> Self {
        self.tip_id = Some(id);
        self
    }

    /// With a detail.
    pub fn detail(mut self, detail: &'static str) -> Self {
        self.detail = Some(detail);
        self
    }

    /// The entry the store appends for this event, made at `at`, in the
    /// same transaction as the change it records.
    pub fn entry(&self, at: i64) -> AuditEntry<'a> {
        AuditEntry {
            at,
            actor: self.actor,
            action: self.action.as_str(),
            detail: self.detail,
            subject: self.subject,
            tip_id: self.tip_id,
            hash: entry_hash,
        }
    }
}

/// The hash of an entry: SHA-256 over a label, the previous hash, and every
/// field, each length-prefixed (and absent ones marked) so that no two
/// different entries encode the same.
pub fn entry_hash(row: &AuditRow) -> [u8; 32] {
    fn text(hasher: &mut Sha256, value: Option<&str>) {
        match value {
            None => hasher.update([0]),
            Some(value) => {
                hasher.update([1]);
                hasher.update((value.len() as u64).to_be_bytes());
                hasher.update(value.as_bytes());
            }
        }
    }
    let mut hasher = Sha256::new();
    hasher.update(b"lantern/audit/v1\0");
    hasher.update((row.prev_hash.len() as u64).to_be_bytes());
    hasher.update(&row.prev_hash);
    hasher.update(row.seq.to_be_bytes());
    hasher.update(row.at.to_be_bytes());
    text(&mut hasher, Some(&row.actor));
    text(&mut hasher, Some(&row.action));
    text(&mut hasher, row.detail.as_deref());
    text(&mut hasher, row.subject.as_deref());
    match row.tip_id {
        None => hasher.update([0]),
        Some(id) => {
            hasher.update([1]);
            hasher.update(id.to_be_bytes());
        }
    }
    hasher.finalize().into()
}

/// Appends `event` at the head of the chain, durably, on its own, and
/// returns its sequence number. A change that is audited is written with
/// its entry in one transaction instead (the store's functions take the
/// [`Event::entry`]). Writers are serialised by the store, so two at once
/// cannot fork the chain.
pub async fn append(store: &AnyStore, event: &Event<'_>) -> Result<i64, StoreError> {
    rows::audit_append(store, &event.entry(clock::now_unix())).await
}

/// Where a chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Break {
    /// The sequence number at which the chain stops holding.
    pub seq: i64,
    /// What is wrong there.
    pub problem: Problem,
}

/// What is wrong at a [`Break`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    /// Entries are missing before this one (its number skips).
    Missing,
    /// Its `prev_hash` is not the previous entry's hash (one before it was
    /// edited, or removed and the numbers closed up).
    PrevHashMismatch,
    /// Its own hash does not match its contents (it was edited).
    HashMismatch,
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.problem {
            Problem::Missing => "entries before it are missing",
            Problem::PrevHashMismatch => "it does not follow the entry before it",
            Problem::HashMismatch => "its contents were changed",
        };
        write!(f, "the chain breaks at entry {}: {what}", self.seq)
    }
}

/// A chain that holds: how long it is and its last hash (worth writing
/// down elsewhere: the chain alone cannot show entries cut off its end).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Head {
    /// How many entries.
    pub entries: i64,
    /// The last entry's hash in hex (of 32 zero bytes when empty).
    pub hash: String,
}

/// Checks the chain from the first entry: the first [`Break`], or the head.
pub fn verify_rows(entries: &[AuditRow]) -> Result<Head, Break> {
    let mut prev = GENESIS.to_vec();
    let mut expected_seq = 1;
    for row in entries {
        if row.seq != expected_seq {
            return Err(Break {
                seq: row.seq,
                problem: Problem::Missing,
            });
        }
        if row.prev_hash != prev {
            return Err(Break {
                seq: row.seq,
                problem: Problem::PrevHashMismatch,
            });
        }
        if row.hash != entry_hash(row) {
            return Err(Break {
                seq: row.seq,
                problem: Problem::HashMismatch,
            });
        }
        prev.clone_from(&row.hash);
        expected_seq += 1;
    }
    Ok(Head {
        entries: expected_seq - 1,
        hash: hex(&prev),
    })
}

/// Reads the whole log and checks it ([`verify_rows`]).
pub async fn verify(store: &AnyStore) -> Result<Result<Head, Break>, StoreError> {
    Ok(verify_rows(&rows::audit_entries(store).await?))
}

/// One entry as an administrator reads it in the console.
#[derive(Debug, Clone, Serialize)]
pub struct Shown {
    /// Its number.
    pub seq: i64,
    /// When (RFC 3339).
    pub at: String,
    /// Who: an analyst's name, `(administrator)` for the command line, or
    /// `(retention)` for the retention period's deletions.
    pub actor: String,
    /// What.
    pub action: String,
    /// Its detail, if any.
    pub detail: Option<String>,
    /// The analyst it was about (their name), if any.
    pub subject: Option<String>,
    /// The tip it was about (its id, as a string), if any.
    pub tip_id: Option<String>,
}

/// The log and whether its chain holds.
#[derive(Debug, Serialize)]
pub struct Log {
    /// Every entry, oldest first.
    pub entries: Vec<Shown>,
    /// The chain's head when it holds.
    pub head: Option<Head>,
    /// Where it breaks, when it does.
    pub broken: Option<Break>,
}

/// `GET /console/api/audit`: the whole log, checked, for administrators
/// only (`403 admin_only` for others).
pub async fn read(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<Log>, ConsoleError> {
    if signed_in.analyst.role != Role::Admin {
        return Err(ConsoleError::AdminOnly);
    }
    let entries = rows::audit_entries(&state.store).await?;
    let checked = verify_rows(&entries);
    let names: HashMap<String, String> = rows::analysts(&state.store)
        .await?
        .into_iter()
        .map(|analyst| (analyst.id, analyst.name))
        .collect();
    let name = |id: &str| shown_name(id, &names);
    let shown = entries
        .iter()
        .map(|entry| Shown {
            seq: entry.seq,
            at: clock::rfc3339(entry.at),
            actor: name(&entry.actor),
            action: entry.action.clone(),
            detail: entry.detail.clone(),
            subject: entry.subject.as_deref().map(name),
            tip_id: entry.tip_id.map(|id| id.to_string()),
        })
        .collect();
    let (head, broken) = match checked {
        Ok(head) => (Some(head), None),
        Err(broken) => (None, Some(broken)),
    };
    Ok(Json(Log {
        entries: shown,
        head,
        broken,
    }))
}

/// How the log shows an actor or subject `id`: an analyst's name from
/// `names`, in brackets the two actors that are not analysts (the
/// console's page puts them in words), or the id itself for one unknown.
fn shown_name(id: &str, names: &HashMap<String, String>) -> String {
    match id {
        CLI_ACTOR => "(administrator)".to_owned(),
        RETENTION_ACTOR => "(retention)".to_owned(),
        _ => names.get(id).cloned().unwrap_or_else(|| id.to_owned()),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditRow> {
        let mut prev = GENESIS.to_vec();
        (1..=n)
            .map(|seq| {
                let mut row = AuditRow {
                    seq,
                    at: 1_700_000_000 + seq,
                    actor: CLI_ACTOR.into(),
                    action: Action::AnalystAdded.as_str().into(),
                    detail: Some("analyst".into()),
                    subject: Some(format!("analyst-{seq}")),
                    tip_id: None,
                    prev_hash: prev.clone(),
                    hash: Vec::new(),
                };
                row.hash = entry_hash(&row).to_vec();
                prev.clone_from(&row.hash);
                row
            })
            .collect()
    }

    #[test]
    fn a_whole_chain_verifies_to_its_head() {
        let rows = chain(4);
        let head = verify_rows(&rows).unwrap();
        assert_eq!(head.entries, 4);
        assert_eq!(head.hash, hex(&rows[3].hash));
        assert_eq!(verify_rows(&[]).unwrap().hash, hex(&GENESIS));
    }

    #[test]
    fn each_kind_of_tampering_is_named_where_it_starts() {
        let mut gap = chain(4);
        gap.remove(1);
        assert_eq!(
            verify_rows(&gap),
            Err(Break {
                seq: 3,
                problem: Problem::Missing
            })
        );

        let mut closed_up = chain(4);
        closed_up.remove(1);
        for (i, row) in closed_up.iter_mut().enumerate() {
            row.seq = i as i64 + 1;
        }
        assert_eq!(verify_rows(&closed_up).unwrap_err().seq, 2);

        let mut edited = chain(4);
        edited[2].actor = "someone-else".into();
        assert_eq!(
            verify_rows(&edited),
            Err(Break {
                seq: 3,
                problem: Problem::HashMismatch
            })
        );

        let mut rehashed = chain(4);
        rehashed[1].subject = None;
        rehashed[1].hash = entry_hash(&rehashed[1]).to_vec();
        assert_eq!(
            verify_rows(&rehashed),
            Err(Break {
                seq: 3,
                problem: Problem::PrevHashMismatch
            })
        );
    }

    #[test]
    fn actors_are_shown_by_name_and_the_two_others_in_brackets() {
        let names = HashMap::from([("id-1".to_owned(), "ana".to_owned())]);
        assert_eq!(shown_name("id-1", &names), "ana");
        assert_eq!(shown_name(CLI_ACTOR, &names), "(administrator)");
        assert_eq!(shown_name(RETENTION_ACTOR, &names), "(retention)");
        assert_eq!(shown_name("id-gone", &names), "id-gone");
    }

    #[test]
    fn absent_and_empty_fields_hash_differently() {
        let mut a = chain(1).remove(0);
        a.detail = None;
        let mut b = a.clone();
        b.detail = Some(String::new());
        assert_ne!(entry_hash(&a), entry_hash(&b));
    }
}

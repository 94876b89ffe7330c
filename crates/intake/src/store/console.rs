//! The console's tables (issue 17, migration 0005) in both back ends:
//! analysts, their passkeys, one-time enrolment tokens, sessions and the
//! audit log. Nothing here is about reporters; tokens are stored only as
//! SHA-256 hashes. The rules (who may, what expires when) live in
//! `crate::console`; this module only reads and writes rows.
//!
//! Like the follow-up tables these are written outside the tips'
//! group-commit writer, one statement or one short transaction at a time,
//! with the pool's durability settings.
//!
//! Every audited change is written in the same transaction as its audit
//! entry (`audited_tx!`, `append_entry!`): a failure between the two
//! rolls both back, so there is never a change without its entry nor an
//! entry for a change that did not happen.

use super::{AnyStore, StoreError};

/// The PostgreSQL advisory lock key that serialises writers of the audit
/// log ("lantern-a" in ASCII, so it is recognisable in `pg_locks`).
pub(super) const AUDIT_LOCK: i64 = 0x6c61_6e74_6572_6e61;

/// Runs `$body` inside a transaction that may append to the audit log,
/// with the log's head held for this transaction alone, so the previous
/// hash it reads is still the head when its entry is inserted:
///
/// - SQLite: `BEGIN IMMEDIATE` takes the database's write lock at the
///   start (a deferred `BEGIN` would read the head under a snapshot another
///   writer can overtake, and then fail with `SQLITE_BUSY_SNAPSHOT`).
///   Other writers wait up to the busy timeout.
/// - PostgreSQL: `pg_advisory_xact_lock` on one fixed key, taken first and
///   released at commit or rollback. Chosen over `SELECT ... FOR UPDATE` on
///   the last entry because that locks nothing while the log is empty, and
///   under READ COMMITTED a waiter that gets the lock re-reads the *same*
///   row, no longer the head, so two writers would both chain to it.
///   Audited actions are rare (people clicking), so one lock costs nothing.
///
/// `$body` must `commit` `$tx` itself; dropping it rolls everything back.
macro_rules! audited_tx {
    ($store:expr, |$tx:ident, $sql:ident| $body:expr) => {
        match $store {
            $crate::store::AnyStore::Sqlite(store) => {
                let mut $tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
                let $sql = $crate::store::sqlite_sql;
                $body
            }
            $crate::store::AnyStore::Postgres(store) => {
                let mut $tx = store.pool().begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(AUDIT_LOCK)
                    .execute(&mut *$tx)
                    .await?;
                let $sql = $crate::store::postgres_sql;
                $body
            }
        }
    };
}

/// Inside [`audited_tx!`]: appends `$entry` (an [`AuditEntry`]) at the
/// head of the chain in `$tx`; evaluates to its sequence number.
macro_rules! append_entry {
    ($tx:ident, $sql:ident, $entry:expr) => {{
        let entry: &AuditEntry<'_> = $entry;
        let head: Option<(i64, Vec<u8>)> = sqlx::query_as(&$sql(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
        ))
        .fetch_optional(&mut *$tx)
        .await?;
        let row = entry.row(head);
        sqlx::query(&$sql(&format!(
            "INSERT INTO audit_log ({AUDIT_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        )))
        .bind(row.seq)
        .bind(row.at)
        .bind(&row.actor)
        .bind(&row.action)
        .bind(&row.detail)
        .bind(&row.subject)
        .bind(row.tip_id)
        .bind(&row.prev_hash)
        .bind(&row.hash)
        .execute(&mut *$tx)
        .await?;
        row.seq
    }};
}

/// An audit entry to append, before it has a place in the chain.
#[derive(Debug, Clone)]
pub struct AuditEntry<'a> {
    /// Unix seconds.
    pub at: i64,
    /// The analyst's id, or `cli`.
    pub actor: &'a str,
    /// What was done (stored spelling).
    pub action: &'a str,
    /// Its detail, if any.
    pub detail: Option<&'a str>,
    /// The analyst it was about, if any.
    pub subject: Option<&'a str>,
    /// The tip it was about, if any.
    pub tip_id: Option<i64>,
    /// How an entry's hash is computed (`console::audit::entry_hash`; the
    /// chain's rule lives there, this module only stores rows).
    pub hash: fn(&AuditRow) -> [u8; 32],
}

impl AuditEntry<'_> {
    /// The row that follows `head` (its `seq` and hash), or the first.
    pub(super) fn row(&self, head: Option<(i64, Vec<u8>)>) -> AuditRow {
        let (seq, prev_hash) = match head {
            Some((seq, hash)) => (seq + 1, hash),
            None => (1, vec![0; 32]),
        };
        let mut row = AuditRow {
            seq,
            at: self.at,
            actor: self.actor.to_owned(),
            action: self.action.to_owned(),
            detail: self.detail.map(str::to_owned),
            subject: self.subject.map(str::to_owned),
            tip_id: self.tip_id,
            prev_hash,
            hash: Vec::new(),
        };
        row.hash = (self.hash)(&row).to_vec();
        row
    }
}

/// Appends one entry on its own (an opening, a listing, a sign-in), in
/// its own serialised transaction; returns its sequence number.
pub async fn audit_append(store: &AnyStore, entry: &AuditEntry<'_>) -> Result<i64, StoreError> {
    audited_tx!(store, |tx, sql| {
        let seq = append_entry!(tx, sql, entry);
        tx.commit().await?;
        Ok(seq)
    })
}

/// Appends every one of `entries`, in order, in one serialised
/// transaction: all of them or none (an export of several tips is one
/// entry per tip, and is handed over only once all are written).
pub async fn audit_append_all(
    store: &AnyStore,
    entries: &[AuditEntry<'_>],
) -> Result<(), StoreError> {
    audited_tx!(store, |tx, sql| {
        for entry in entries {
            append_entry!(tx, sql, entry);
        }
        tx.commit().await?;
        Ok(())
    })
}

/// An analyst's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalystRow {
    /// A random UUID (also the WebAuthn user handle).
    pub id: String,
    /// The name the administrator gave.
    pub name: String,
    /// `admin` or `analyst`.
    pub role: String,
    /// Unix seconds of the hour the account was added.
    pub created_hour: i64,
    /// Unix seconds the account was removed, if it was.
    pub removed_at: Option<i64>,
}

type AnalystTuple = (String, String, String, i64, Option<i64>);

fn analyst(row: AnalystTuple) -> AnalystRow {
    let (id, name, role, created_hour, removed_at) = row;
    AnalystRow {
        id,
        name,
        role,
        created_hour,
        removed_at,
    }
}

const ANALYST_COLUMNS: &str = "id, name, role, created_hour, removed_at";

/// Adds an analyst, their first enrolment token and `entry` in one
/// transaction. `Ok(false)` (and nothing written) when the name is taken
/// (by a present or a removed analyst).
pub async fn add_analyst(
    store: &AnyStore,
    row: &AnalystRow,
    token_hash: &[u8; 32],
    token_expires_at: i64,
    entry: &AuditEntry<'_>,
) -> Result<bool, StoreError> {
    audited_tx!(store, |tx, sql| {
        let inserted = sqlx::query(&sql(
            "INSERT INTO analysts (id, name, role, created_hour, removed_at) \
             VALUES ($1, $2, $3, $4, NULL) ON CONFLICT DO NOTHING",
        ))
        .bind(&row.id)
        .bind(&row.name)
        .bind(&row.role)
        .bind(row.created_hour)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 0 {
            return Ok(false);
        }
        sqlx::query(&sql(
            "INSERT INTO enrolment_tokens (token_hash, analyst_id, expires_at, used_at) \
             VALUES ($1, $2, $3, NULL)",
        ))
        .bind(token_hash.as_slice())
        .bind(&row.id)
        .bind(token_expires_at)
        .execute(&mut *tx)
        .await?;
        append_entry!(tx, sql, entry);
        tx.commit().await?;
        Ok(true)
    })
}

/// The analyst called `name`, present or removed.
pub async fn analyst_by_name(
    store: &AnyStore,
    name: &str,
) -> Result<Option<AnalystRow>, StoreError> {
    with_pool!(store, |pool, sql| {
        let row: Option<AnalystTuple> = sqlx::query_as(&sql(&format!(
            "SELECT {ANALYST_COLUMNS} FROM analysts WHERE name = $1"
        )))
        .bind(name)
        .fetch_optional(pool)
        .await?;
        Ok(row.map(analyst))
    })
}

/// The analyst with this id, present or removed.
pub async fn analyst_by_id(store: &AnyStore, id: &str) -> Result<Option<AnalystRow>, StoreError> {
    with_pool!(store, |pool, sql| {
        let row: Option<AnalystTuple> = sqlx::query_as(&sql(&format!(
            "SELECT {ANALYST_COLUMNS} FROM analysts WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(pool)
        .await?;
        Ok(row.map(analyst))
    })
}

/// Every analyst, present and removed, by name.
pub async fn analysts(store: &AnyStore) -> Result<Vec<AnalystRow>, StoreError> {
    with_pool!(store, |pool, sql| {
        let rows: Vec<AnalystTuple> = sqlx::query_as(&sql(&format!(
            "SELECT {ANALYST_COLUMNS} FROM analysts ORDER BY name"
        )))
        .fetch_all(pool)
        .await?;
        Ok(rows.into_iter().map(analyst).collect())
    })
}

/// Marks an analyst removed at `now` and, in the same transaction, ends
/// every session of theirs, drops their unused enrolment tokens and their
/// passkeys, and appends `entry`. Their row stays (the audit log names
/// them). `Ok(false)` (and nothing written) when they were already removed.
pub async fn remove_analyst(
    store: &AnyStore,
    id: &str,
    now: i64,
    entry: &AuditEntry<'_>,
) -> Result<bool, StoreError> {
    audited_tx!(store, |tx, sql| {
        let removed = sqlx::query(&sql(
            "UPDATE analysts SET removed_at = $2 WHERE id = $1 AND removed_at IS NULL",
        ))
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if removed != 1 {
            return Ok(false);
        }
        for statement in [
            "DELETE FROM console_sessions WHERE analyst_id = $1",
            "DELETE FROM enrolment_tokens WHERE analyst_id = $1",
            "DELETE FROM analyst_passkeys WHERE analyst_id = $1",
        ] {
            sqlx::query(&sql(statement))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        append_entry!(tx, sql, entry);
        tx.commit().await?;
        Ok(true)
    })
}

/// The analyst a live enrolment token (unused, not expired at `now`)
/// belongs to, if they are not removed.
pub async fn enrolment_analyst(
    store: &AnyStore,
    token_hash: &[u8; 32],
    now: i64,
) -> Result<Option<AnalystRow>, StoreError> {
    with_pool!(store, |pool, sql| {
        let row: Option<AnalystTuple> = sqlx::query_as(&sql(
            "SELECT a.id, a.name, a.role, a.created_hour, a.removed_at \
             FROM enrolment_tokens t JOIN analysts a ON a.id = t.analyst_id \
             WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > $2 \
             AND a.removed_at IS NULL",
        ))
        .bind(token_hash.as_slice())
        .bind(now)
        .fetch_optional(pool)
        .await?;
        Ok(row.map(analyst))
    })
}

/// Uses up an enrolment token, stores the passkey enrolled with it and
/// appends `entry`, in one transaction. `Ok(false)` (and nothing stored)
/// when the token was used, expired or its analyst removed in the
/// meantime, or the credential is already enrolled.
pub async fn enrol_passkey(
    store: &AnyStore,
    token_hash: &[u8; 32],
    analyst_id: &str,
    credential_id: &[u8],
    passkey_json: &str,
    now: i64,
    entry: &AuditEntry<'_>,
) -> Result<bool, StoreError> {
    audited_tx!(store, |tx, sql| {
        let used = sqlx::query(&sql("UPDATE enrolment_tokens SET used_at = $3 \
             WHERE token_hash = $1 AND analyst_id = $2 AND used_at IS NULL AND expires_at > $3 \
             AND EXISTS (SELECT 1 FROM analysts WHERE id = $2 AND removed_at IS NULL)"))
        .bind(token_hash.as_slice())
        .bind(analyst_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if used != 1 {
            return Ok(false);
        }
        let stored = sqlx::query(&sql(
            "INSERT INTO analyst_passkeys (credential_id, analyst_id, passkey, created_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        ))
        .bind(credential_id)
        .bind(analyst_id)
        .bind(passkey_json)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if stored != 1 {
            return Ok(false);
        }
        append_entry!(tx, sql, entry);
        tx.commit().await?;
        Ok(true)
    })
}

/// Adds another enrolment token for a present analyst (a new link), and
/// `entry`, in one transaction.
pub async fn add_enrolment_token(
    store: &AnyStore,
    analyst_id: &str,
    token_hash: &[u8; 32],
    expires_at: i64,
    entry: &AuditEntry<'_>,
) -> Result<(), StoreError> {
    audited_tx!(store, |tx, sql| {
        sqlx::query(&sql(
            "INSERT INTO enrolment_tokens (token_hash, analyst_id, expires_at, used_at) \
             VALUES ($1, $2, $3, NULL)",
        ))
        .bind(token_hash.as_slice())
        .bind(analyst_id)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        append_entry!(tx, sql, entry);
        tx.commit().await?;
        Ok(())
    })
}

/// The passkeys (as stored JSON) of an analyst, with their credential ids.
pub async fn passkeys(
    store: &AnyStore,
    analyst_id: &str,
) -> Result<Vec<(Vec<u8>, String)>, StoreError> {
    with_pool!(store, |pool, sql| {
        Ok(sqlx::query_as(&sql(
            "SELECT credential_id, passkey FROM analyst_passkeys WHERE analyst_id = $1 \
             ORDER BY created_at",
        ))
        .bind(analyst_id)
        .fetch_all(pool)
        .await?)
    })
}

/// Replaces a stored passkey (its signature counter moved on).
pub async fn update_passkey(
    store: &AnyStore,
    credential_id: &[u8],
    passkey_json: &str,
) -> Result<(), StoreError> {
    with_pool!(store, |pool, sql| {
        sqlx::query(&sql(
            "UPDATE analyst_passkeys SET passkey = $2 WHERE credential_id = $1",
        ))
        .bind(credential_id)
        .bind(passkey_json)
        .execute(pool)
        .await?;
        Ok(())
    })
}

/// Stores a new session.
pub async fn add_session(
    store: &AnyStore,
    token_hash: &[u8; 32],
    analyst_id: &str,
    now: i64,
    expires_at: i64,
) -> Result<(), StoreError> {
    with_pool!(store, |pool, sql| {
        sqlx::query(&sql(
            "INSERT INTO console_sessions (token_hash, analyst_id, last_seen, expires_at) \
             VALUES ($1, $2, $3, $4)",
        ))
        .bind(token_hash.as_slice())
        .bind(analyst_id)
        .bind(now)
        .bind(expires_at)
        .execute(pool)
        .await?;
        Ok(())
    })
}

/// A session as stored, with its analyst.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    /// Whose it is.
    pub analyst: AnalystRow,
    /// Unix seconds of its last use.
    pub last_seen: i64,
    /// Unix seconds after which it may not be used.
    pub expires_at: i64,
}

type SessionTuple = (String, String, String, i64, Option<i64>, i64, i64);

/// The session under `token_hash`, if there is one.
pub async fn session(
    store: &AnyStore,
    token_hash: &[u8; 32],
) -> Result<Option<SessionRow>, StoreError> {
    with_pool!(store, |pool, sql| {
        let row: Option<SessionTuple> = sqlx::query_as(&sql(
            "SELECT a.id, a.name, a.role, a.created_hour, a.removed_at, \
                 s.last_seen, s.expires_at \
                 FROM console_sessions s JOIN analysts a ON a.id = s.analyst_id \
                 WHERE s.token_hash = $1",
        ))
        .bind(token_hash.as_slice())
        .fetch_optional(pool)
        .await?;
        Ok(row.map(
            |(id, name, role, created_hour, removed_at, last_seen, expires_at)| SessionRow {
                analyst: analyst((id, name, role, created_hour, removed_at)),
                last_seen,
                expires_at,
            },
        ))
    })
}

/// Marks a session used at `now`.
pub async fn touch_session(
    store: &AnyStore,
    token_hash: &[u8; 32],
    now: i64,
) -> Result<(), StoreError> {
    with_pool!(store, |pool, sql| {
        sqlx::query(&sql(
            "UPDATE console_sessions SET last_seen = $2 WHERE token_hash = $1 AND last_seen < $2",
        ))
        .bind(token_hash.as_slice())
        .bind(now)
        .execute(pool)
        .await?;
        Ok(())
    })
}

/// Ends one session. `Ok(false)` when there was none.
pub async fn end_session(store: &AnyStore, token_hash: &[u8; 32]) -> Result<bool, StoreError> {
    with_pool!(store, |pool, sql| {
        Ok(
            sqlx::query(&sql("DELETE FROM console_sessions WHERE token_hash = $1"))
                .bind(token_hash.as_slice())
                .execute(pool)
                .await?
                .rows_affected()
                == 1,
        )
    })
}

/// Ends one session at the analyst's request and appends `entry`, in one
/// transaction. `Ok(false)` (and nothing written) when there was none.
pub async fn sign_out(
    store: &AnyStore,
    token_hash: &[u8; 32],
    entry: &AuditEntry<'_>,
) -> Result<bool, StoreError> {
    audited_tx!(store, |tx, sql| {
        let ended = sqlx::query(&sql("DELETE FROM console_sessions WHERE token_hash = $1"))
            .bind(token_hash.as_slice())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if ended != 1 {
            return Ok(false);
        }
        append_entry!(tx, sql, entry);
        tx.commit().await?;
        Ok(true)
    })
}

/// An audit entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    /// 1, 2, 3 … in order.
    pub seq: i64,
    /// Unix seconds.
    pub at: i64,
    /// The analyst's id, or `cli`.
    pub actor: String,
    /// What was done.
    pub action: String,
    /// Its detail (a role, a status), if any.
    pub detail: Option<String>,
    /// The analyst it was about, if any.
    pub subject: Option<String>,
    /// The tip it was about, if any.
    pub tip_id: Option<i64>,
    /// The previous entry's hash.
    pub prev_hash: Vec<u8>,
    /// This entry's hash.
    pub hash: Vec<u8>,
}

type AuditTuple = (
    i64,
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<i64>,
    Vec<u8>,
    Vec<u8>,
);

fn audit_row(row: AuditTuple) -> AuditRow {
    let (seq, at, actor, action, detail, subject, tip_id, prev_hash, hash) = row;
    AuditRow {
        seq,
        at,
        actor,
        action,
        detail,
        subject,
        tip_id,
        prev_hash,
        hash,
    }
}

pub(super) const AUDIT_COLUMNS: &str =
    "seq, at, actor, action, detail, subject, tip_id, prev_hash, hash";

/// Every audit entry, in order.
pub async fn audit_entries(store: &AnyStore) -> Result<Vec<AuditRow>, StoreError> {
    with_pool!(store, |pool, sql| {
        let rows: Vec<AuditTuple> = sqlx::query_as(&sql(&format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log ORDER BY seq"
        )))
        .fetch_all(pool)
        .await?;
        Ok(rows.into_iter().map(audit_row).collect())
    })
}

/// A tip as the console lists it before decryption: only its clear columns
/// and its sealed bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleTipRow {
    /// Its random id.
    pub id: i64,
    /// Unix seconds of the hour it arrived in.
    pub received_hour: i64,
    /// The partner embed it came through, if any.
    pub partner: Option<String>,
    /// The triage status (`new` when never set).
    pub status: String,
    /// Unix seconds of the last status change, if any.
    pub status_changed_at: Option<i64>,
    /// Whether the reporter registered a follow-up code that has not expired.
    pub can_ask: bool,
    /// The age ciphertext.
    pub sealed: Vec<u8>,
    /// Its triage labels' ids (the hotline's words, in clear).
    pub labels: Vec<String>,
    /// Its priority, if one was set.
    pub priority: Option<String>,
    /// The name of the analyst it is assigned to, if any.
    pub assignee: Option<String>,
    /// Whether the reporter ever registered a follow-up code (live or
    /// expired).
    pub has_code: bool,
    /// The reporter's `age1…` recipient while the code is live.
    pub recipient: Option<String>,
    /// How many of the reporter's messages no analyst's console was sent
    /// yet (`tip_reads`).
    pub unread: i64,
    /// How many of them an analyst's console had been sent when the tip was
    /// last opened (`tip_reads`; 0 if never).
    pub reporter_seen: i64,
    /// The number of the case it is in, if any (`tip_cases`).
    pub case: Option<i64>,
}

type ConsoleTipTuple = (
    i64,
    i64,
    Option<String>,
    Option<String>,
    Option<i64>,
    i32,
    Vec<u8>,
    Option<String>,
    Option<String>,
    Option<String>,
    i32,
    Option<String>,
    i64,
    i64,
    Option<i64>,
);

fn console_tip(row: ConsoleTipTuple) -> ConsoleTipRow {
    let (
        id,
        received_hour,
        partner,
        status,
        status_changed_at,
        can_ask,
        sealed,
        labels,
        priority,
        assignee,
        has_code,
        recipient,
        unread,
        reporter_seen,
        case,
    ) = row;
    ConsoleTipRow {
        id,
        received_hour,
        partner,
        status: status.unwrap_or_else(|| "new".to_owned()),
        status_changed_at,
        can_ask: can_ask != 0,
        sealed,
        labels: labels
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        priority,
        assignee,
        has_code: has_code != 0,
        recipient,
        unread: unread.max(0),
        reporter_seen,
        case,
    }
}

const CONSOLE_TIP_SELECT: &str =
    "SELECT t.id, t.received_hour, t.partner, s.status, s.changed_at, \
     CASE WHEN c.lookup_hash IS NOT NULL THEN 1 ELSE 0 END, t.sealed, \
     g.labels, g.priority, a.name, \
     CASE WHEN c.tip_id IS NOT NULL THEN 1 ELSE 0 END, c.recipient, \
     (SELECT COUNT(*) FROM followup_messages m \
      WHERE m.tip_id = t.id AND m.direction = 'reporter') - COALESCE(r.reporter_seen, 0), \
     COALESCE(r.reporter_seen, 0), k.case_number \
     FROM tips t LEFT JOIN tip_status s ON s.tip_id = t.id \
     LEFT JOIN followup_conversations c ON c.tip_id = t.id \
     LEFT JOIN tip_triage g ON g.tip_id = t.id \
     LEFT JOIN analysts a ON a.id = g.assignee \
     LEFT JOIN tip_reads r ON r.tip_id = t.id \
     LEFT JOIN tip_cases k ON k.tip_id = t.id";

/// Every tip, newest hour first (within an hour in id order, which is
/// random).
pub async fn console_tips(store: &AnyStore) -> Result<Vec<ConsoleTipRow>, StoreError> {
    with_pool!(store, |pool, sql| {
        let rows: Vec<ConsoleTipTuple> = sqlx::query_as(&sql(&format!(
            "{CONSOLE_TIP_SELECT} ORDER BY t.received_hour DESC, t.id"
        )))
        .fetch_all(pool)
        .await?;
        Ok(rows.into_iter().map(console_tip).collect())
    })
}

/// One tip, if it exists.
pub async fn console_tip_by_id(
    store: &AnyStore,
    id: i64,
) -> Result<Option<ConsoleTipRow>, StoreError> {
    with_pool!(store, |pool, sql| {
        let row: Option<ConsoleTipTuple> =
            sqlx::query_as(&sql(&format!("{CONSOLE_TIP_SELECT} WHERE t.id = $1")))
                .bind(id)
                .fetch_optional(pool)
                .await?;
        Ok(row.map(console_tip))
    })
}

/// Sets a tip's status and appends `entry`, in one transaction.
/// `Ok(false)` (and nothing written) when there is no such tip.
pub async fn set_tip_status(
    store: &AnyStore,
    tip_id: i64,
    status: &str,
    now: i64,
    analyst_id: &str,
    entry: &AuditEntry<'_>,
) -> Result<bool, StoreError> {
    audited_tx!(store, |tx, sql| {
        let exists: Option<(i64,)> = sqlx::query_as(&sql("SELECT id FROM tips WHERE id = $1"))
            .bind(tip_id)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Ok(false);
        }
        sqlx::query(&sql(
            "INSERT INTO tip_status (tip_id, status, changed_at, changed_by) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (tip_id) DO UPDATE SET \
             status = excluded.status, changed_at = excluded.changed_at, \
             changed_by = excluded.changed_by",
        ))
        .bind(tip_id)
        .bind(status)
        .bind(now)
        .bind(analyst_id)
        .execute(&mut *tx)
        .await?;
        append_entry!(tx, sql, entry);
        tx.commit().await?;
        Ok(true)
    })
}

/// One triage field of a tip ([`set_tip_triage`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriageField {
    /// `labels`: ids separated by spaces.
    Labels,
    /// `priority`.
    Priority,
    /// `assignee`: an analyst's id.
    Assignee,
}

impl TriageField {
    /// Its column and the column of when it was set.
    fn columns(self) -> (&'static str, &'static str) {
        match self {
            TriageField::Labels => ("labels", "labels_at"),
            TriageField::Priority => ("priority", "priority_at"),
            TriageField::Assignee => ("assignee", "assignee_at"),
        }
    }
}

/// Sets one triage field of a tip (`None` clears it; labels are cleared
/// with `Some("")`), dated `now`, and appends `entry`, in one transaction.
/// `Ok(false)` (and nothing written) when there is no such tip.
pub async fn set_tip_triage(
    store: &AnyStore,
    tip_id: i64,
    field: TriageField,
    value: Option<&str>,
    now: i64,
    entry: &AuditEntry<'_>,
) -> Result<bool, StoreError> {
    let (column, at) = field.columns();
    audited_tx!(store, |tx, sql| {
        let exists: Option<(i64,)> = sqlx::query_as(&sql("SELECT id FROM tips WHERE id = $1"))
            .bind(tip_id)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Ok(false);
        }
        sqlx::query(&sql(&format!(
            "INSERT INTO tip_triage (tip_id, {column}, {at}) VALUES ($1, $2, $3) \
             ON CONFLICT (tip_id) DO UPDATE SET \
             {column} = excluded.{column}, {at} = excluded.{at}"
        )))
        .bind(tip_id)
        .bind(value)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        append_entry!(tx, sql, entry);
        tx.commit().await?;
        Ok(true)
    })
}

/// Where [`set_tip_case`] puts a tip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseMove {
    /// Into the case of the tip with this id; a new case for both when
    /// that tip is in none.
    With(i64),
    /// Into a new case of its own.
    New,
    /// Out of its case.
    Out,
}

/// What [`set_tip_case`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseMoved {
    /// The tip is where it was asked to go: moved, with its entries, or
    /// already there (nothing written).
    Done,
    /// There is no tip with the id moved (nothing written).
    NoSuchTip,
    /// There is no tip with the id of [`CaseMove::With`] (nothing written).
    NoSuchOtherTip,
}

/// Puts a tip in a case or takes it out, in one transaction with one
/// audit entry per tip whose case changed: `entry` with its `tip_id` set
/// and its detail the case's number, or `none` when taken out. Grouping
/// with a tip in no case starts a case for both (two entries, the other
/// tip's first). A move to where the tip already is writes nothing. Case
/// numbers count up and are never reused (`cases`, migration 0008); the
/// audit log's lock makes the count safe from two writers at once.
pub async fn set_tip_case(
    store: &AnyStore,
    tip_id: i64,
    to: CaseMove,
    entry: &AuditEntry<'_>,
) -> Result<CaseMoved, StoreError> {
    audited_tx!(store, |tx, sql| {
        let (exists_sql, case_sql) = (
            sql("SELECT id FROM tips WHERE id = $1"),
            sql("SELECT case_number FROM tip_cases WHERE tip_id = $1"),
        );
        let exists = |id: i64| sqlx::query_as::<_, (i64,)>(&exists_sql).bind(id);
        let case_of = |id: i64| sqlx::query_as::<_, (i64,)>(&case_sql).bind(id);
        if exists(tip_id).fetch_optional(&mut *tx).await?.is_none() {
            return Ok(CaseMoved::NoSuchTip);
        }
        let current = case_of(tip_id)
            .fetch_optional(&mut *tx)
            .await?
            .map(|(n,)| n);
        // (tip, its new case) for each tip that moves, in entry order.
        let mut moves: Vec<(i64, Option<i64>)> = Vec::new();
        let mut new_case = false;
        match to {
            CaseMove::Out => moves.push((tip_id, None)),
            CaseMove::New => {
                new_case = true;
                moves.push((tip_id, Some(0)));
            }
            CaseMove::With(other) => {
                if exists(other).fetch_optional(&mut *tx).await?.is_none() {
                    return Ok(CaseMoved::NoSuchOtherTip);
                }
                match case_of(other).fetch_optional(&mut *tx).await? {
                    Some((number,)) => moves.push((tip_id, Some(number))),
                    None => {
                        new_case = true;
                        moves.push((other, Some(0)));
                        moves.push((tip_id, Some(0)));
                    }
                }
            }
        }
        if !new_case && moves == [(tip_id, current)] {
            return Ok(CaseMoved::Done);
        }
        if new_case {
            let (number,): (i64,) =
                sqlx::query_as(&sql("SELECT COALESCE(MAX(number), 0) + 1 FROM cases"))
                    .fetch_one(&mut *tx)
                    .await?;
            sqlx::query(&sql(
                "INSERT INTO cases (number, started_at) VALUES ($1, $2)",
            ))
            .bind(number)
            .bind(entry.at)
            .execute(&mut *tx)
            .await?;
            for (_, case) in &mut moves {
                *case = Some(number);
            }
        }
        for (tip, case) in moves {
            match case {
                Some(number) => {
                    sqlx::query(&sql(
                        "INSERT INTO tip_cases (tip_id, case_number, added_at) VALUES ($1, $2, $3) \
                         ON CONFLICT (tip_id) DO UPDATE SET \
                         case_number = excluded.case_number, added_at = excluded.added_at",
                    ))
                    .bind(tip)
                    .bind(number)
                    .bind(entry.at)
                    .execute(&mut *tx)
                    .await?;
                }
                None => {
                    sqlx::query(&sql("DELETE FROM tip_cases WHERE tip_id = $1"))
                        .bind(tip)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            let detail = case.map_or_else(|| "none".to_owned(), |n| n.to_string());
            let mut this: AuditEntry<'_> = entry.clone();
            this.tip_id = Some(tip);
            this.detail = Some(&detail);
            append_entry!(tx, sql, &this);
        }
        tx.commit().await?;
        Ok(CaseMoved::Done)
    })
}

/// The tips in case `number` (their ids and the hours they arrived in),
/// oldest first.
pub async fn case_tips(store: &AnyStore, number: i64) -> Result<Vec<(i64, i64)>, StoreError> {
    with_pool!(store, |pool, sql| {
        Ok(sqlx::query_as(&sql(
            "SELECT t.id, t.received_hour FROM tip_cases k JOIN tips t ON t.id = k.tip_id \
             WHERE k.case_number = $1 ORDER BY t.received_hour, t.id",
        ))
        .bind(number)
        .fetch_all(pool)
        .await?)
    })
}

/// The audit entries about one tip, in order.
pub async fn audit_entries_for_tip(
    store: &AnyStore,
    tip_id: i64,
) -> Result<Vec<AuditRow>, StoreError> {
    with_pool!(store, |pool, sql| {
        let rows: Vec<AuditTuple> = sqlx::query_as(&sql(&format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE tip_id = $1 ORDER BY seq"
        )))
        .bind(tip_id)
        .fetch_all(pool)
        .await?;
        Ok(rows.into_iter().map(audit_row).collect())
    })
}

/// Records an opening of a tip: appends `entry` and, in the same
/// transaction, marks `reporter_seen` of the tip's reporter messages seen
/// (the number sent to the console in this answer; never fewer than
/// before, so two analysts opening at once cannot unmark one).
pub async fn record_opening(
    store: &AnyStore,
    tip_id: i64,
    reporter_seen: i64,
    entry: &AuditEntry<'_>,
) -> Result<(), StoreError> {
    audited_tx!(store, |tx, sql| {
        sqlx::query(&sql(
            "INSERT INTO tip_reads (tip_id, reporter_seen) VALUES ($1, $2) \
             ON CONFLICT (tip_id) DO UPDATE SET reporter_seen = \
             CASE WHEN excluded.reporter_seen > tip_reads.reporter_seen \
             THEN excluded.reporter_seen ELSE tip_reads.reporter_seen END",
        ))
        .bind(tip_id)
        .bind(reporter_seen)
        .execute(&mut *tx)
        .await?;
        append_entry!(tx, sql, entry);
        tx.commit().await?;
        Ok(())
    })
}

/// Stores the hotline's reply, sealed in an analyst's browser, as a
/// follow-up message (the statement `lantern-intake reply` uses,
/// [`super::followup::INSERT_MESSAGE`]), and appends `entry`, in one
/// transaction, durably. `Ok(false)` (and nothing written) when the tip
/// has no live follow-up code (none registered, or expired): the reporter
/// could not read it.
pub async fn add_reply(
    store: &AnyStore,
    message: &super::followup::NewMessage,
    entry: &AuditEntry<'_>,
) -> Result<bool, StoreError> {
    audited_tx!(store, |tx, sql| {
        let live: Option<(i64,)> =
            sqlx::query_as(&sql("SELECT tip_id FROM followup_conversations \
             WHERE tip_id = $1 AND recipient IS NOT NULL AND lookup_hash IS NOT NULL"))
            .bind(message.tip_id)
            .fetch_optional(&mut *tx)
            .await?;
        if live.is_none() {
            return Ok(false);
        }
        sqlx::query(&sql(super::followup::INSERT_MESSAGE))
            .bind(message.id)
            .bind(message.tip_id)
            .bind(message.direction.as_str())
            .bind(message.hour)
            .bind(message.size_bucket)
            .bind(message.sealed.as_slice())
            .bind(None::<Vec<u8>>)
            .bind(None::<Vec<u8>>)
            .execute(&mut *tx)
            .await?;
        append_entry!(tx, sql, entry);
        tx.commit().await?;
        Ok(true)
    })
}

/// A note to store: sealed in an analyst's browser.
#[derive(Debug, Clone)]
pub struct NewNote {
    /// Random row id ([`super::new_row_id`]).
    pub id: i64,
    /// The tip it is about.
    pub tip_id: i64,
    /// The analyst's id.
    pub author: String,
    /// Unix seconds of the hour it was written in.
    pub hour: i64,
    /// The padded plaintext size.
    pub size_bucket: i32,
    /// The age ciphertext.
    pub sealed: Vec<u8>,
}

/// Stores a note and appends `entry`, in one transaction, durably.
/// `Ok(false)` (and nothing written) when there is no such tip.
pub async fn add_note(
    store: &AnyStore,
    note: &NewNote,
    entry: &AuditEntry<'_>,
) -> Result<bool, StoreError> {
    audited_tx!(store, |tx, sql| {
        let exists: Option<(i64,)> = sqlx::query_as(&sql("SELECT id FROM tips WHERE id = $1"))
            .bind(note.tip_id)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Ok(false);
        }
        sqlx::query(&sql(
            "INSERT INTO tip_notes (id, tip_id, author, hour, size_bucket, sealed) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        ))
        .bind(note.id)
        .bind(note.tip_id)
        .bind(&note.author)
        .bind(note.hour)
        .bind(note.size_bucket)
        .bind(note.sealed.as_slice())
        .execute(&mut *tx)
        .await?;
        append_entry!(tx, sql, entry);
        tx.commit().await?;
        Ok(true)
    })
}

/// A stored note, with its author's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRow {
    /// Its random id.
    pub id: i64,
    /// The author's name.
    pub author: String,
    /// Unix seconds of its hour.
    pub hour: i64,
    /// The age ciphertext.
    pub sealed: Vec<u8>,
}

/// A tip's notes, by hour (within an hour by random id: the browser orders
/// them by the time sealed inside).
pub async fn notes(store: &AnyStore, tip_id: i64) -> Result<Vec<NoteRow>, StoreError> {
    with_pool!(store, |pool, sql| {
        let rows: Vec<(i64, String, i64, Vec<u8>)> = sqlx::query_as(&sql(
            "SELECT n.id, a.name, n.hour, n.sealed FROM tip_notes n \
             JOIN analysts a ON a.id = n.author WHERE n.tip_id = $1 ORDER BY n.hour, n.id",
        ))
        .bind(tip_id)
        .fetch_all(pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, author, hour, sealed)| NoteRow {
                id,
                author,
                hour,
                sealed,
            })
            .collect())
    })
}

//! The follow-up tables (issue 16, migration 0003) in both back ends. What
//! is in clear here is exactly what `docs/threat-model.md` lists: per
//! conversation a keyed hash of the lookup token, the reporter's public
//! recipient and the hour last used; per message the tip reference, the
//! direction, the hour and the size bucket, beside the ciphertext.
//!
//! Follow-ups are rare (a handful per tip at most), so they do not go
//! through the tips' group-commit writer: each write is one statement in
//! autocommit on a pool connection, which has the same durability settings
//! (SQLite `synchronous = FULL` in WAL mode; PostgreSQL
//! `synchronous_commit = on`), so it has reached the disk when the call
//! returns and a 201 may be answered. SQLite serialises it with the writer's
//! batches through its lock (waiting up to the statement timeout).
//!
//! One SQL text serves both back ends ([`super::with_pool`]).

use lantern_followup::Direction;
use sqlx::Connection;

use super::{AnyStore, StoreError};

/// A conversation to open for the tip stored under an idempotency hash.
#[derive(Debug, Clone)]
pub struct NewConversation {
    /// The tip's keyed idempotency hash (proves the browser sent that tip).
    pub tip_idem_hash: [u8; 32],
    /// The keyed hash of the lookup token.
    pub lookup_hash: [u8; 32],
    /// The reporter's `age1…` recipient.
    pub recipient: String,
    /// The hour it is opened in (its first use).
    pub hour: i64,
}

/// What [`register`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registered {
    /// Stored now.
    Fresh,
    /// This very token was stored for this tip before (a retry).
    Again,
    /// The tip has a conversation under another token (or an expired one).
    Other,
    /// No tip is stored under that idempotency hash.
    NoTip,
}

/// Opens a conversation for a tip, durably, unless it has one.
pub async fn register(store: &AnyStore, new: &NewConversation) -> Result<Registered, StoreError> {
    with_pool!(store, |pool, sql| {
        let tip: Option<(i64,)> = sqlx::query_as(&sql("SELECT id FROM tips WHERE idem_hash = $1"))
            .bind(new.tip_idem_hash.as_slice())
            .fetch_optional(pool)
            .await?;
        let Some((tip_id,)) = tip else {
            return Ok(Registered::NoTip);
        };
        let inserted = sqlx::query(&sql(
            "INSERT INTO followup_conversations (tip_id, lookup_hash, recipient, last_used_hour) \
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        ))
        .bind(tip_id)
        .bind(new.lookup_hash.as_slice())
        .bind(new.recipient.as_str())
        .bind(new.hour)
        .execute(pool)
        .await?
        .rows_affected();
        if inserted == 1 {
            return Ok(Registered::Fresh);
        }
        let stored: Option<(Option<Vec<u8>>,)> = sqlx::query_as(&sql(
            "SELECT lookup_hash FROM followup_conversations WHERE tip_id = $1",
        ))
        .bind(tip_id)
        .fetch_optional(pool)
        .await?;
        Ok(match stored {
            Some((Some(hash),)) if hash == new.lookup_hash => Registered::Again,
            _ => Registered::Other,
        })
    })
}

/// A live conversation, found by its lookup hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    /// The tip it belongs to.
    pub tip_id: i64,
    /// The reporter's `age1…` recipient.
    pub recipient: String,
}

/// The conversation under `lookup_hash`, if it was used in or after the
/// hour `live_since` (older ones have expired).
pub async fn find(
    store: &AnyStore,
    lookup_hash: &[u8; 32],
    live_since: i64,
) -> Result<Option<Conversation>, StoreError> {
    with_pool!(store, |pool, sql| {
        let row: Option<(i64, String)> = sqlx::query_as(&sql(
            "SELECT tip_id, recipient FROM followup_conversations \
             WHERE lookup_hash = $1 AND last_used_hour >= $2 AND recipient IS NOT NULL",
        ))
        .bind(lookup_hash.as_slice())
        .bind(live_since)
        .fetch_optional(pool)
        .await?;
        Ok(row.map(|(tip_id, recipient)| Conversation { tip_id, recipient }))
    })
}

/// Marks a conversation used in `hour` (writes at most once an hour).
pub async fn touch(store: &AnyStore, tip_id: i64, hour: i64) -> Result<(), StoreError> {
    with_pool!(store, |pool, sql| {
        sqlx::query(&sql(
            "UPDATE followup_conversations SET last_used_hour = $2 \
             WHERE tip_id = $1 AND last_used_hour < $2 AND lookup_hash IS NOT NULL",
        ))
        .bind(tip_id)
        .bind(hour)
        .execute(pool)
        .await?;
        Ok(())
    })
}

/// Erases the lookup hash and recipient of every conversation last used
/// before the hour `before`: those codes open nothing from now on. The
/// messages stay for the hotline. Returns how many were closed.
pub async fn expire(store: &AnyStore, before: i64) -> Result<u64, StoreError> {
    with_pool!(store, |pool, sql| {
        Ok(sqlx::query(&sql(
            "UPDATE followup_conversations SET lookup_hash = NULL, recipient = NULL \
             WHERE last_used_hour < $1 AND lookup_hash IS NOT NULL",
        ))
        .bind(before)
        .execute(pool)
        .await?
        .rows_affected())
    })
}

/// A sealed message ready to store.
#[derive(Debug, Clone)]
pub struct NewMessage {
    /// Random row id ([`super::new_row_id`]).
    pub id: i64,
    /// The tip it is about.
    pub tip_id: i64,
    /// Who wrote it.
    pub direction: Direction,
    /// Unix seconds of the hour it was written in.
    pub hour: i64,
    /// The padded plaintext size.
    pub size_bucket: i32,
    /// The age ciphertext.
    pub sealed: Vec<u8>,
}

/// A reporter's message's idempotency: the keyed hashes of its
/// Idempotency-Key and of the request
/// ([`crate::stored_forms::idempotency_hash`], [`crate::stored_forms::request_mac`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Idempotency {
    /// The key's hash (the UNIQUE column).
    pub idem_hash: [u8; 32],
    /// The request's fingerprint, keyed by the key.
    pub request_mac: [u8; 32],
}

/// What [`add_message`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// Stored now.
    Fresh,
    /// The same request was stored before under this key, in the hour given
    /// (a retry): nothing new is stored.
    Again {
        /// Unix seconds of the stored message's hour.
        hour: i64,
    },
    /// The key was stored before with another request (refused, 422).
    KeyReused,
}

/// The one statement that stores a message: here, and for the console's
/// replies inside their audited transaction (`super::console::add_reply`).
/// Its binds: id, tip, direction, hour, bucket, sealed, and the two
/// idempotency hashes (NULL for the hotline's messages). A message whose
/// Idempotency-Key is stored already is not stored again.
pub(crate) const INSERT_MESSAGE: &str = "INSERT INTO followup_messages \
     (id, tip_id, direction, hour, size_bucket, sealed, idem_hash, request_mac) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (idem_hash) DO NOTHING";

/// Stores a message durably, unless its Idempotency-Key is stored already
/// (the UNIQUE index decides, not a check before the insert).
pub async fn add_message(
    store: &AnyStore,
    message: &NewMessage,
    idempotency: Option<&Idempotency>,
) -> Result<Added, StoreError> {
    with_pool!(store, |pool, sql| {
        let inserted = sqlx::query(&sql(INSERT_MESSAGE))
            .bind(message.id)
            .bind(message.tip_id)
            .bind(message.direction.as_str())
            .bind(message.hour)
            .bind(message.size_bucket)
            .bind(message.sealed.as_slice())
            .bind(idempotency.map(|i| i.idem_hash.to_vec()))
            .bind(idempotency.map(|i| i.request_mac.to_vec()))
            .execute(pool)
            .await?
            .rows_affected();
        let Some(idempotency) = idempotency.filter(|_| inserted == 0) else {
            return Ok(Added::Fresh);
        };
        let (hour, mac): (i64, Option<Vec<u8>>) = sqlx::query_as(&sql(
            "SELECT hour, request_mac FROM followup_messages WHERE idem_hash = $1",
        ))
        .bind(idempotency.idem_hash.as_slice())
        .fetch_one(pool)
        .await?;
        Ok(
            if mac.as_deref() == Some(idempotency.request_mac.as_slice()) {
                Added::Again { hour }
            } else {
                Added::KeyReused
            },
        )
    })
}

/// A stored message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMessage {
    /// The tip it is about.
    pub tip_id: i64,
    /// Who wrote it.
    pub direction: Direction,
    /// Unix seconds of its hour.
    pub hour: i64,
    /// The age ciphertext.
    pub sealed: Vec<u8>,
}

type MessageRow = (i64, String, i64, Vec<u8>);

fn stored(rows: Vec<MessageRow>) -> Result<Vec<StoredMessage>, StoreError> {
    rows.into_iter()
        .map(|(tip_id, direction, hour, sealed)| {
            Ok(StoredMessage {
                tip_id,
                direction: Direction::parse(&direction)
                    .ok_or(StoreError::Corrupt("unknown message direction"))?,
                hour,
                sealed,
            })
        })
        .collect()
}

/// A tip's messages, by hour (in an hour, by random id), of one direction
/// or both.
pub async fn messages(
    store: &AnyStore,
    tip_id: i64,
    direction: Option<Direction>,
) -> Result<Vec<StoredMessage>, StoreError> {
    let rows: Vec<MessageRow> = with_pool!(store, |pool, sql| {
        sqlx::query_as(&sql(
            "SELECT tip_id, direction, hour, sealed FROM followup_messages \
             WHERE tip_id = $1 AND ($2 IS NULL OR direction = $2) ORDER BY hour, id",
        ))
        .bind(tip_id)
        .bind(direction.map(Direction::as_str))
        .fetch_all(pool)
        .await?
    });
    stored(rows)
}

/// A tip found by its receipt, and its conversation if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TipThread {
    /// The tip's row id.
    pub tip_id: i64,
    /// Whether the reporter registered a code for it.
    pub has_code: bool,
    /// The reporter's recipient, while the code is live (`None` before it
    /// was registered, and after it expired).
    pub recipient: Option<String>,
    /// The hour the code was last used.
    pub last_used_hour: Option<i64>,
}

/// The tip with this keyed receipt hash (the `reply` command).
pub async fn by_receipt_hash(
    store: &AnyStore,
    receipt_hash: &[u8; 32],
) -> Result<Option<TipThread>, StoreError> {
    with_pool!(store, |pool, sql| {
        let row: Option<(i64, Option<i64>, Option<String>)> = sqlx::query_as(&sql(
            "SELECT t.id, c.last_used_hour, c.recipient FROM tips t \
             LEFT JOIN followup_conversations c ON c.tip_id = t.id WHERE t.receipt_hash = $1",
        ))
        .bind(receipt_hash.as_slice())
        .fetch_optional(pool)
        .await?;
        Ok(row.map(|(tip_id, last_used_hour, recipient)| TipThread {
            tip_id,
            has_code: last_used_hour.is_some(),
            recipient,
            last_used_hour,
        }))
    })
}

/// Every message with the sealed tip it is about, read without writing
/// anything (for `export`): `(tip sealed, its messages)`, by hour. A
/// database from before migration 0003 has none.
pub async fn read_threads(url: &str) -> Result<Vec<(Vec<u8>, Vec<StoredMessage>)>, StoreError> {
    let messages_sql = "SELECT tip_id, direction, hour, sealed FROM followup_messages \
                        ORDER BY hour, id";
    let tips_sql = "SELECT id, sealed FROM tips WHERE id IN (SELECT tip_id FROM followup_messages)";
    let (rows, tips): (Vec<MessageRow>, Vec<(i64, Vec<u8>)>) = if url.starts_with("sqlite:") {
        let mut conn = super::sqlite::connect_read_only(url).await?;
        let present: Option<(String,)> = sqlx::query_as(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'followup_messages'",
        )
        .fetch_optional(&mut conn)
        .await?;
        if present.is_none() {
            return Ok(Vec::new());
        }
        (
            sqlx::query_as(messages_sql).fetch_all(&mut conn).await?,
            sqlx::query_as(tips_sql).fetch_all(&mut conn).await?,
        )
    } else {
        let mut conn = super::postgres::connect_read_only(url).await?;
        let mut tx = conn.begin().await?;
        let present: (bool,) =
            sqlx::query_as("SELECT to_regclass('followup_messages') IS NOT NULL")
                .fetch_one(&mut *tx)
                .await?;
        if !present.0 {
            return Ok(Vec::new());
        }
        let rows = sqlx::query_as(messages_sql).fetch_all(&mut *tx).await?;
        let tips = sqlx::query_as(tips_sql).fetch_all(&mut *tx).await?;
        tx.commit().await?;
        (rows, tips)
    };
    let messages = stored(rows)?;
    Ok(tips
        .into_iter()
        .map(|(id, sealed)| {
            let own = messages
                .iter()
                .filter(|m| m.tip_id == id)
                .cloned()
                .collect();
            (sealed, own)
        })
        .collect())
}

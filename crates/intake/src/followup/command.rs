//! The hotline's side until the analysts' console: `lantern-intake reply`
//! lists a tip's conversation and writes to the reporter, and `export` adds
//! each tip's conversation. Both need the hotline's identity file.

use std::collections::HashMap;
use std::str::FromStr;

use lantern_followup::{Direction, Kind, Message};

use crate::commands::CommandError;
use crate::config::ReplyArgs;
use crate::seal::Opener;
use crate::store::followup::{self as rows, NewMessage, StoredMessage};
use crate::store::{self, AnyStore, Store};
use crate::{clock, stored_forms as receipt};

/// One message as `reply` and `export` show it: the shared export's
/// (`lantern_tip::export::Said`), so the console's export reads the same.
pub type Shown = lantern_tip::export::Said;

fn fail(context: &str) -> impl Fn(&dyn std::fmt::Display) -> CommandError + '_ {
    move |error| CommandError(format!("{context}: {error}"))
}

/// Opens a tip's messages, oldest first (by hour, then by the sealed time).
fn shown(opener: &Opener, messages: &[StoredMessage]) -> Result<Vec<Shown>, CommandError> {
    let mut out = messages
        .iter()
        .map(|stored| {
            let plain = opener
                .open_followup(&stored.sealed)
                .map_err(|e| fail("open a message")(&e))?;
            Ok(Shown {
                direction: plain.direction,
                kind: plain.kind,
                text: plain.text,
                written_at: plain.written_at,
                hour: clock::rfc3339(stored.hour),
            })
        })
        .collect::<Result<Vec<_>, CommandError>>()?;
    Shown::sort_as_written(&mut out);
    Ok(out)
}

/// The hotline's recipients: the public keys of the identity file (so it
/// can read its own messages), and any `--recipient` given.
fn hotline_recipients(args: &ReplyArgs) -> Result<Vec<age::x25519::Recipient>, CommandError> {
    let text = std::fs::read_to_string(&args.identity).map_err(|e| fail("--identity")(&e))?;
    let mut recipients = lantern_followup::identity_recipients(&text);
    for extra in &args.recipients {
        recipients.push(
            age::x25519::Recipient::from_str(extra.trim())
                .map_err(|_| CommandError(format!("--recipient {extra:?}: not an age1… key")))?,
        );
    }
    if recipients.is_empty() {
        return Err(CommandError("--identity: no X25519 key in the file".into()));
    }
    Ok(recipients)
}

/// `reply`: prints the tip's conversation (JSON lines), then, with
/// `--message`, seals the message to the reporter and the hotline and
/// stores it durably.
pub async fn reply(args: ReplyArgs) -> Result<(), CommandError> {
    let opener = Opener::from_file(&args.identity).map_err(|e| fail("--identity")(&e))?;
    let hotline = hotline_recipients(&args)?;
    let receipt: lantern_tip::Receipt = args
        .receipt
        .parse()
        .map_err(|_| CommandError(format!("--receipt {:?}: expected 16 digits", args.receipt)))?;
    let store = AnyStore::open(&args.database)
        .await
        .map_err(|e| fail("database")(&e))?;
    let hash = receipt::receipt_hash(store.hash_key(), receipt);
    let thread = rows::by_receipt_hash(&store, &hash)
        .await
        .map_err(|e| fail("database")(&e))?
        .ok_or_else(|| CommandError(format!("no tip has the receipt {receipt}")))?;
    let messages = rows::messages(&store, thread.tip_id, None)
        .await
        .map_err(|e| fail("database")(&e))?;
    for message in shown(&opener, &messages)? {
        println!(
            "{}",
            serde_json::to_string(&message).map_err(|e| fail("stdout")(&e))?
        );
    }
    let Some(text) = args.message else {
        if !thread.has_code {
            println!(
                "(the reporter kept no follow-up code for this tip: a reply cannot reach them)"
            );
        } else if thread.recipient.is_none() {
            println!("(the reporter's code expired: a reply cannot reach them)");
        }
        return Ok(());
    };
    let reporter = match (&thread.recipient, thread.has_code) {
        (Some(recipient), _) => age::x25519::Recipient::from_str(recipient)
            .map_err(|_| CommandError("the stored recipient does not parse".into()))?,
        (None, true) => {
            return Err(CommandError(
                "the reporter's follow-up code has expired; they can no longer read replies".into(),
            ))
        }
        (None, false) => {
            return Err(CommandError(
                "the reporter kept no follow-up code for this tip; a reply cannot reach them"
                    .into(),
            ))
        }
    };
    let now = clock::now_unix();
    let message = Message {
        direction: Direction::Hotline,
        kind: Kind::Reply,
        text,
        written_at: crate::followup::written_now(),
    };
    let mut to: Vec<&dyn age::Recipient> = vec![&reporter];
    to.extend(hotline.iter().map(|r| r as &dyn age::Recipient));
    let (sealed, bucket) = lantern_followup::seal(&to, &message).map_err(|e| fail("seal")(&e))?;
    rows::add_message(
        &store,
        &NewMessage {
            id: store::new_row_id(),
            tip_id: thread.tip_id,
            direction: Direction::Hotline,
            hour: clock::floor_to_hour(now),
            size_bucket: i32::try_from(bucket).unwrap_or(i32::MAX),
            sealed,
        },
        None,
    )
    .await
    .map_err(|e| fail("database")(&e))?;
    store.shut_down().await;
    println!("reply stored; the reporter sees it the next time they check with their code");
    Ok(())
}

/// Every tip's conversation, by receipt (its 16 digits), for `export`.
pub async fn conversations(
    database: &str,
    opener: &Opener,
) -> Result<HashMap<String, Vec<Shown>>, CommandError> {
    let threads = rows::read_threads(database)
        .await
        .map_err(|e| fail("database")(&e))?;
    let mut out = HashMap::new();
    for (tip_sealed, messages) in threads {
        let plaintext = opener.open(&tip_sealed).map_err(|e| fail("open")(&e))?;
        let tip: lantern_tip::SealedTip = serde_json::from_slice(&plaintext)
            .map_err(|e| fail("a sealed tip this version cannot read")(&e))?;
        out.insert(tip.receipt.digits(), shown(opener, &messages)?);
    }
    Ok(out)
}

//! Talking to the reporter, and notes, as the tip view shows them: the
//! follow-up messages and the notes opened with the key in this tab, put
//! in the order they were written (the server knows only their hours), the
//! reporter's newest ones marked new, and the replies and notes the
//! analyst writes turned into the follow-up's [`Message`] to seal. Plain
//! Rust, tested on the host; the components only draw it.

use lantern_followup::{Direction, Kind, Message, MAX_TEXT_CHARS};

use crate::api::{SealedMessage, SealedNote};
use crate::keys::{KeyError, Keys};
use crate::layout::hour_words;

/// One message of the conversation, opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Who wrote it, in words ("The reporter", "The hotline").
    pub who: &'static str,
    /// What kind, in words ("Answer", "Added detail", "Reply").
    pub what: &'static str,
    /// When it was written (from inside the seal), in words.
    pub when: String,
    /// The words.
    pub text: String,
    /// The mark a reporter's message no analyst had seen carries ("New
    /// answer"), if it is one.
    pub new: Option<&'static str>,
    /// Whether the reporter wrote it.
    pub from_reporter: bool,
}

/// One note, opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteLine {
    /// Who wrote it.
    pub author: String,
    /// When (from inside the seal), in words.
    pub when: String,
    /// The words.
    pub text: String,
}

fn kind_words(kind: Kind) -> &'static str {
    match kind {
        Kind::Reply => "Reply",
        Kind::Answer => "Answer",
        Kind::Detail => "Added detail",
        Kind::Note => "Note",
        Kind::Opened => "Opened",
    }
}

fn new_words(kind: Kind) -> &'static str {
    match kind {
        Kind::Detail => "New detail",
        _ => "New answer",
    }
}

/// Opens each of `messages` and orders them as written: by the hour in
/// clear, then by the time sealed inside. The last `unread` of the
/// reporter's are marked new. One that does not open stays in its hour's
/// place as its error.
pub fn conversation(
    keys: &Keys,
    messages: &[SealedMessage],
    unread: u32,
) -> Vec<Result<Line, KeyError>> {
    let mut opened: Vec<(&SealedMessage, Result<Message, KeyError>)> = messages
        .iter()
        .map(|m| (m, keys.open_message(&m.sealed)))
        .collect();
    opened.sort_by(|(a, am), (b, bm)| {
        let at = |m: &Result<Message, KeyError>| m.as_ref().map(|m| m.written_at.clone()).ok();
        (&a.hour, at(am)).cmp(&(&b.hour, at(bm)))
    });
    let mut left = unread;
    let mut lines: Vec<Result<Line, KeyError>> = opened
        .into_iter()
        .rev()
        .map(|(sealed, message)| {
            let from_reporter = sealed.direction == Direction::Reporter;
            let new = from_reporter && left > 0;
            if new {
                left -= 1;
            }
            message.map(|m| Line {
                who: if from_reporter {
                    "The reporter"
                } else {
                    "The hotline"
                },
                what: kind_words(m.kind),
                when: hour_words(&m.written_at),
                new: new.then(|| new_words(m.kind)),
                text: m.text,
                from_reporter,
            })
        })
        .collect();
    lines.reverse();
    lines
}

/// Opens each note, in the order written.
pub fn notes(keys: &Keys, notes: &[SealedNote]) -> Vec<Result<NoteLine, KeyError>> {
    let mut opened: Vec<(String, Result<NoteLine, KeyError>)> = notes
        .iter()
        .map(|note| {
            let message = keys.open_message(&note.sealed);
            let at = message
                .as_ref()
                .map(|m| m.written_at.clone())
                .unwrap_or_default();
            let line = message.map(|m| NoteLine {
                author: note.author.clone(),
                when: hour_words(&m.written_at),
                text: m.text,
            });
            (format!("{} {at}", note.hour), line)
        })
        .collect();
    opened.sort_by(|a, b| a.0.cmp(&b.0));
    opened.into_iter().map(|(_, line)| line).collect()
}

/// The inbox's mark for a tip with `unread` new reporter messages.
pub fn unread_words(unread: u32) -> Option<String> {
    match unread {
        0 => None,
        1 => Some("1 new message from the reporter".into()),
        n => Some(format!("{n} new messages from the reporter")),
    }
}

/// Why what the analyst wrote cannot be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// Nothing but spaces.
    #[error("Write something first.")]
    Empty,
    /// Over the follow-up's limit.
    #[error("This is longer than {MAX_TEXT_CHARS} characters. Shorten it and try again.")]
    TooLong,
}

/// The message to seal for what the analyst wrote: a reply to the reporter
/// or a note, written at `now` (RFC 3339, from the browser's clock; only
/// ever inside the seal).
pub fn draft(kind: Kind, text: &str, now: &str) -> Result<Message, DraftError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DraftError::Empty);
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(DraftError::TooLong);
    }
    Ok(Message {
        direction: Direction::Hotline,
        kind,
        text: text.to_owned(),
        written_at: now.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use age::secrecy::ExposeSecret;

    use super::*;
    use crate::keys::open_identity;

    fn new_keys() -> (Keys, age::x25519::Recipient) {
        let identity = age::x25519::Identity::generate();
        let text = format!("{}\n", identity.to_string().expose_secret());
        (
            open_identity(text.as_bytes(), None).unwrap(),
            identity.to_public(),
        )
    }

    fn sealed(
        to: &age::x25519::Recipient,
        direction: Direction,
        kind: Kind,
        text: &str,
        at: &str,
    ) -> SealedMessage {
        let message = Message {
            direction,
            kind,
            text: text.into(),
            written_at: at.into(),
        };
        let (bytes, _) = lantern_followup::seal(&[to], &message).unwrap();
        use base64::Engine;
        SealedMessage {
            direction,
            hour: format!("{}:00:00Z", &at[..13]),
            sealed: base64::engine::general_purpose::STANDARD.encode(bytes),
        }
    }

    #[test]
    fn the_conversation_reads_as_written_with_the_newest_answers_marked() {
        let (keys, me) = new_keys();
        let (_, stranger) = new_keys();
        let (h, r) = (Direction::Hotline, Direction::Reporter);
        // The server's order: by hour, random within one.
        let messages = [
            sealed(
                &me,
                r,
                Kind::Detail,
                "The van is white.",
                "2026-12-02T10:40:00.000Z",
            ),
            sealed(
                &me,
                r,
                Kind::Answer,
                "Two of them.",
                "2026-12-02T10:20:00.000Z",
            ),
            sealed(
                &me,
                h,
                Kind::Reply,
                "Anyone under 18?",
                "2026-12-02T09:05:00.000Z",
            ),
            sealed(&stranger, r, Kind::Answer, "x", "2026-12-02T11:00:00.000Z"),
        ];
        let lines = conversation(&keys, &messages[..3], 1);
        let lines: Vec<Line> = lines.into_iter().map(Result::unwrap).collect();
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Anyone under 18?", "Two of them.", "The van is white."]
        );
        assert_eq!(lines[0].who, "The hotline");
        assert_eq!(lines[0].what, "Reply");
        assert_eq!(lines[2].what, "Added detail");
        assert_eq!(lines[2].when, "2026-12-02 10:40 UTC");
        let marks: Vec<Option<&str>> = lines.iter().map(|l| l.new).collect();
        assert_eq!(marks, [None, None, Some("New detail")]);
        let two_new = conversation(&keys, &messages[..3], 2);
        assert_eq!(two_new[1].as_ref().unwrap().new, Some("New answer"));
        assert_eq!(
            two_new[0].as_ref().unwrap().new,
            None,
            "the hotline's is never new"
        );
        let with_foreign = conversation(&keys, &messages, 0);
        assert_eq!(with_foreign[3], Err(KeyError::NotForThisKey));
    }

    #[test]
    fn notes_open_in_the_order_written_with_their_author() {
        let (keys, me) = new_keys();
        let note = |text: &str, at: &str, author: &str| {
            let message = sealed(&me, Direction::Hotline, Kind::Note, text, at);
            SealedNote {
                id: "1".into(),
                author: author.into(),
                hour: message.hour,
                sealed: message.sealed,
            }
        };
        let lines = notes(
            &keys,
            &[
                note("Second", "2026-12-02T10:50:00.000Z", "ben"),
                note("First", "2026-12-02T10:10:00.000Z", "ana"),
            ],
        );
        let lines: Vec<NoteLine> = lines.into_iter().map(Result::unwrap).collect();
        assert_eq!(lines[0].text, "First");
        assert_eq!(lines[0].author, "ana");
        assert_eq!(lines[1].when, "2026-12-02 10:50 UTC");
    }

    #[test]
    fn drafts_are_checked_before_they_are_sealed() {
        let now = "2026-12-02T10:10:00.000Z";
        assert_eq!(draft(Kind::Reply, "  \n ", now), Err(DraftError::Empty));
        let long = "y".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(draft(Kind::Note, &long, now), Err(DraftError::TooLong));
        let reply = draft(Kind::Reply, " Is anyone under 18? ", now).unwrap();
        assert_eq!(reply.text, "Is anyone under 18?");
        assert_eq!(
            (reply.direction, reply.kind),
            (Direction::Hotline, Kind::Reply)
        );
        assert_eq!(unread_words(0), None);
        assert_eq!(unread_words(1).unwrap(), "1 new message from the reporter");
        assert_eq!(unread_words(3).unwrap(), "3 new messages from the reporter");
    }
}

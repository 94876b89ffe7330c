//! What one follow-up message holds, and sealing it: JSON, padded
//! ([`crate::pad`]), then age to the message's recipients. The intake seals
//! the reporter's answers to the hotline's recipients (as it seals tips);
//! the `reply` command seals the hotline's messages to the reporter's
//! recipient and the hotline's own; only a browser holding the code, or an
//! identity file, opens them.

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

use crate::pad::{self, PadError};

/// The longest message text, in characters (Unicode scalar values): room for
/// a page of detail; [`pad::BUCKETS`]'s largest holds it in any script.
pub use crate::MAX_TEXT_CHARS;

/// Who wrote a message. Stored in clear beside it (the threat model lists it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The hotline, to the reporter.
    Hotline,
    /// The reporter, to the hotline.
    Reporter,
}

impl Direction {
    /// The stored, wire and export spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Hotline => "hotline",
            Direction::Reporter => "reporter",
        }
    }

    /// Reads [`Direction::as_str`]'s spelling.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "hotline" => Some(Direction::Hotline),
            "reporter" => Some(Direction::Reporter),
            _ => None,
        }
    }
}

/// What kind of message (sealed: not stored in clear).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The hotline's question or reply.
    Reply,
    /// The reporter's answer to the hotline.
    Answer,
    /// Something the reporter remembered later.
    Detail,
    /// Sealed by the intake to the reporter on every lookup that found the
    /// conversation: proves to the browser that the code opened something
    /// (a wrong code gets the same-sized message to a throwaway key).
    Opened,
    /// An analyst's note on a tip, sealed in the console to the hotline's
    /// recipients only: never sent to the reporter.
    Note,
}

/// One message, as sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// Who wrote it.
    pub direction: Direction,
    /// What kind.
    pub kind: Kind,
    /// The words (empty for [`Kind::Opened`]).
    pub text: String,
    /// When it was written, to the second (RFC 3339, UTC). Sealed, never in
    /// clear: in clear only the hour is kept.
    pub written_at: String,
}

/// Why sealing or opening failed.
#[derive(Debug, thiserror::Error)]
pub enum MessageError {
    /// The text is over [`MAX_TEXT_CHARS`] or its JSON over the largest bucket.
    #[error("message too long")]
    TooLong,
    /// age could not encrypt (an I/O error on a buffer: not expected).
    #[error("sealing failed: {0}")]
    Seal(String),
    /// The identity does not open it, or it is not a message.
    #[error("cannot open: {0}")]
    Open(String),
}

/// The message padded and sealed to every one of `recipients`; and the
/// bucket it was padded to (stored in clear beside it).
pub fn seal(
    recipients: &[&dyn age::Recipient],
    message: &Message,
) -> Result<(Vec<u8>, usize), MessageError> {
    if message.text.chars().count() > MAX_TEXT_CHARS {
        return Err(MessageError::TooLong);
    }
    let json = serde_json::to_vec(message).map_err(|e| MessageError::Seal(e.to_string()))?;
    let frame = pad::pad(&json).map_err(|_| MessageError::TooLong)?;
    let bucket = frame.len();
    let encryptor = age::Encryptor::with_recipients(recipients.iter().copied())
        .map_err(|e| MessageError::Seal(e.to_string()))?;
    let mut sealed = Vec::with_capacity(bucket + 512);
    let mut writer = encryptor
        .wrap_output(&mut sealed)
        .map_err(|e| MessageError::Seal(e.to_string()))?;
    writer
        .write_all(&frame)
        .and_then(|()| writer.finish().map(|_| ()))
        .map_err(|e| MessageError::Seal(e.to_string()))?;
    Ok((sealed, bucket))
}

/// The bucket a sealed message was padded to, read from its size alone
/// (what a server that cannot open it checks): a binary age v1 file whose
/// header age itself parses, and whose payload after the header is age's
/// 16-byte nonce, one STREAM chunk (every bucket is under age's 64 KiB
/// chunk) of one of [`crate::pad::BUCKETS`]'s sizes, and its 16-byte tag.
/// `None` for anything else.
pub fn sealed_bucket(sealed: &[u8]) -> Option<usize> {
    const NONCE: usize = 16;
    const TAG: usize = 16;
    if !sealed.starts_with(b"age-encryption.org/v1\n") {
        return None;
    }
    age::Decryptor::new_buffered(sealed).ok()?;
    // The header ends with its MAC line, `--- <base64>\n`; stanza lines
    // start with `-> ` or are base64, so the first `\n--- ` is the MAC's.
    let mac = sealed.windows(5).position(|w| w == b"\n--- ")? + 1;
    let end = mac + sealed[mac..].iter().position(|&b| b == b'\n')? + 1;
    let frame = (sealed.len() - end).checked_sub(NONCE + TAG)?;
    pad::BUCKETS.contains(&frame).then_some(frame)
}

/// The X25519 recipients (public keys) of an age identity file's keys: what
/// the hotline seals its own messages to so that it can read them again.
/// Lines that are not `AGE-SECRET-KEY-1…` keys (comments, other kinds) are
/// skipped.
pub fn identity_recipients(identity_file: &str) -> Vec<age::x25519::Recipient> {
    identity_file
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("AGE-SECRET-KEY-1"))
        .filter_map(|line| line.parse::<age::x25519::Identity>().ok())
        .map(|identity| identity.to_public())
        .collect()
}

/// Opens a sealed message with `identity`.
pub fn open(identity: &dyn age::Identity, sealed: &[u8]) -> Result<Message, MessageError> {
    open_any(&[identity], sealed)
}

/// Opens a sealed message with whichever of `identities` it was sealed to.
pub fn open_any(identities: &[&dyn age::Identity], sealed: &[u8]) -> Result<Message, MessageError> {
    let fail = |e: &dyn std::fmt::Display| MessageError::Open(e.to_string());
    let decryptor = age::Decryptor::new_buffered(sealed).map_err(|e| fail(&e))?;
    let mut reader = decryptor
        .decrypt(identities.iter().copied())
        .map_err(|e| fail(&e))?;
    let mut frame = Vec::new();
    reader.read_to_end(&mut frame).map_err(|e| fail(&e))?;
    let json = pad::unpad(&frame).map_err(|e: PadError| fail(&e))?;
    serde_json::from_slice(json).map_err(|e| fail(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(text: &str) -> Message {
        Message {
            direction: Direction::Hotline,
            kind: Kind::Reply,
            text: text.into(),
            written_at: "2026-12-01T10:15:07Z".into(),
        }
    }

    #[test]
    fn every_recipient_opens_and_others_do_not() {
        let reporter = age::x25519::Identity::generate();
        let hotline = age::x25519::Identity::generate();
        let stranger = age::x25519::Identity::generate();
        let (rr, hr) = (reporter.to_public(), hotline.to_public());
        let (sealed, bucket) = seal(&[&rr, &hr], &message("Is anyone under 18?")).unwrap();
        assert_eq!(bucket, 512);
        assert!(!sealed.windows(6).any(|w| w == b"anyone"));
        for identity in [&reporter, &hotline] {
            assert_eq!(
                open(identity, &sealed).unwrap(),
                message("Is anyone under 18?")
            );
        }
        assert!(matches!(
            open(&stranger, &sealed),
            Err(MessageError::Open(_))
        ));
    }

    /// The payload after age's header: the header's length varies on its
    /// own (age adds a random "grease" stanza), the payload's only with the
    /// padded plaintext.
    fn payload_len(sealed: &[u8]) -> usize {
        let end = sealed.windows(4).position(|w| w == b"\n---").unwrap();
        let mac_end = end + 1 + sealed[end + 1..].iter().position(|&b| b == b'\n').unwrap();
        sealed.len() - mac_end - 1
    }

    #[test]
    fn messages_in_one_bucket_seal_to_one_size() {
        let r = age::x25519::Identity::generate().to_public();
        let short = seal(&[&r], &message("yes")).unwrap().0;
        let longer = seal(&[&r], &message(&"y".repeat(300))).unwrap().0;
        // age's 16-byte nonce, then the 512-byte bucket and its 16-byte tag.
        assert_eq!(payload_len(&short), 16 + 512 + 16);
        assert_eq!(payload_len(&short), payload_len(&longer));
        let long = seal(&[&r], &message(&"y".repeat(600))).unwrap();
        assert_eq!(long.1, 2_048);
        assert_eq!(payload_len(&long.0), 16 + 2_048 + 16);
    }

    #[test]
    fn a_sealed_messages_bucket_is_read_from_its_size() {
        let (a, b) = (
            age::x25519::Identity::generate(),
            age::x25519::Identity::generate(),
        );
        let (ra, rb) = (a.to_public(), b.to_public());
        for (text, bucket) in [("yes", 512), (&"y".repeat(600)[..], 2_048)] {
            let one = seal(&[&ra], &message(text)).unwrap().0;
            let two = seal(&[&ra, &rb], &message(text)).unwrap().0;
            assert_eq!(sealed_bucket(&one), Some(bucket));
            assert_eq!(sealed_bucket(&two), Some(bucket), "two recipients");
        }
        // Not padded: age around bare bytes of another length.
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&ra as &dyn age::Recipient)).unwrap();
        let mut bare = Vec::new();
        let mut writer = encryptor.wrap_output(&mut bare).unwrap();
        writer.write_all(&[0; 700]).unwrap();
        writer.finish().unwrap();
        assert_eq!(sealed_bucket(&bare), None);
        let good = seal(&[&ra], &message("yes")).unwrap().0;
        assert_eq!(sealed_bucket(&good[..good.len() - 1]), None, "cut short");
        assert_eq!(sealed_bucket(b"age-encryption.org/v1\n--- x\n"), None);
        assert_eq!(sealed_bucket(&[0; 600]), None, "not age");
    }

    #[test]
    fn an_identity_files_keys_give_their_recipients() {
        use age::secrecy::ExposeSecret;
        let (a, b) = (
            age::x25519::Identity::generate(),
            age::x25519::Identity::generate(),
        );
        let file = format!(
            "# created: now\n# public key: {}\n{}\n\n  {}\n",
            a.to_public(),
            a.to_string().expose_secret(),
            b.to_string().expose_secret()
        );
        let got: Vec<String> = identity_recipients(&file)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(got, [a.to_public().to_string(), b.to_public().to_string()]);
        assert!(identity_recipients("# nothing here\n").is_empty());
    }

    #[test]
    fn the_longest_text_fits_in_any_script_and_longer_is_refused() {
        let r = age::x25519::Identity::generate().to_public();
        for c in ['y', 'ñ', '字', '🙂', '"'] {
            let text: String = std::iter::repeat_n(c, MAX_TEXT_CHARS).collect();
            assert_eq!(seal(&[&r], &message(&text)).unwrap().1, 16_384, "{c}");
        }
        let text = "y".repeat(MAX_TEXT_CHARS + 1);
        assert!(matches!(
            seal(&[&r], &message(&text)),
            Err(MessageError::TooLong)
        ));
    }
}

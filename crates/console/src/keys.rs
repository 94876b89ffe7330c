//! The hotline's age identity, opened from a file the analyst picks, and
//! the sealed tips it opens. Plain Rust, tested on the host.
//!
//! The identity lives only in this process's memory (a [`Keys`] held by
//! the app's state): it is never uploaded, never written to browser storage,
//! and it is gone when the page reloads or the analyst signs out.

use std::io::{BufReader, Read};

use age::secrecy::SecretString;
use base64::Engine;
use lantern_tip::SealedTip;

/// The largest scrypt work factor a passphrase-protected identity may ask
/// for (`N = 2^22`: several seconds and 4 GiB at most). `age -p` picks about
/// one second's worth on the machine that wrote it, usually 2^18 to 2^20;
/// a larger one is refused rather than left to freeze the tab.
pub const MAX_WORK_FACTOR: u8 = 22;

/// What an identity file holds, before it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentityKind {
    /// A plain identity file (`AGE-SECRET-KEY-1…` lines).
    Plain,
    /// An identity file encrypted with a passphrase (`age -p`).
    Passphrase,
}

/// Why an identity file or a tip could not be opened. Each says what the
/// analyst can do.
#[derive(Debug, Clone, Copy, thiserror::Error, PartialEq, Eq)]
pub enum KeyError {
    /// The file holds no age identity.
    #[error("This file is not an age identity. Pick the hotline's identity file (it has lines starting AGE-SECRET-KEY-1).")]
    NotAnIdentity,
    /// The passphrase did not open the file.
    #[error("That passphrase does not open this file. Check it and try again.")]
    WrongPassphrase,
    /// The file asks for more scrypt work than we accept.
    #[error("This file asks for too much work to open (scrypt factor above {MAX_WORK_FACTOR}). Re-encrypt it with age -p on a recent age.")]
    TooMuchWork,
    /// The tip is not sealed to this identity.
    #[error(
        "This identity does not open this tip. It may be sealed to another of the hotline's keys."
    )]
    NotForThisKey,
    /// The tip's sealed bytes are damaged, or what they hold is not a tip.
    #[error("This tip could not be read: its sealed data is damaged.")]
    Damaged,
}

/// The opened identity: what opens tips, and the public keys the console
/// seals the hotline's own replies and notes to. Kept in memory only.
pub struct Keys {
    identities: Vec<Box<dyn age::Identity>>,
    recipients: Vec<age::x25519::Recipient>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the key itself, even in a debug print.
        write!(f, "Keys({} identities)", self.identities.len())
    }
}

/// Whether `bytes` is an identity file encrypted with a passphrase (binary
/// or armored), so the console asks for one before opening it.
pub fn kind(bytes: &[u8]) -> IdentityKind {
    match age::Decryptor::new_buffered(age::armor::ArmoredReader::new(bytes)) {
        Ok(decryptor) if decryptor.is_scrypt() => IdentityKind::Passphrase,
        _ => IdentityKind::Plain,
    }
}

/// Opens an identity file: a plain one, or with `passphrase` one made by
/// `age -p`.
pub fn open_identity(bytes: &[u8], passphrase: Option<&str>) -> Result<Keys, KeyError> {
    let plain = match (kind(bytes), passphrase) {
        (IdentityKind::Passphrase, Some(passphrase)) => decrypt_with_passphrase(bytes, passphrase)?,
        (IdentityKind::Passphrase, None) => return Err(KeyError::WrongPassphrase),
        (IdentityKind::Plain, _) => bytes.to_vec(),
    };
    let identities = age::IdentityFile::from_buffer(BufReader::new(&plain[..]))
        .map_err(|_| KeyError::NotAnIdentity)?
        .into_identities()
        .map_err(|_| KeyError::NotAnIdentity)?;
    if identities.is_empty() {
        return Err(KeyError::NotAnIdentity);
    }
    let recipients = std::str::from_utf8(&plain)
        .map(lantern_followup::identity_recipients)
        .unwrap_or_default();
    Ok(Keys {
        identities,
        recipients,
    })
}

fn decrypt_with_passphrase(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, KeyError> {
    let decryptor = age::Decryptor::new_buffered(age::armor::ArmoredReader::new(bytes))
        .map_err(|_| KeyError::NotAnIdentity)?;
    let mut identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|error| match error {
            age::DecryptError::ExcessiveWork { .. } => KeyError::TooMuchWork,
            _ => KeyError::WrongPassphrase,
        })?;
    let mut plain = Vec::new();
    reader
        .read_to_end(&mut plain)
        .map_err(|_| KeyError::WrongPassphrase)?;
    Ok(plain)
}

/// Why a reply or a note could not be sealed.
#[derive(Debug, Clone, Copy, thiserror::Error, PartialEq, Eq)]
pub enum SealError {
    /// The identity file holds no X25519 key to seal the hotline's copy to.
    #[error("This identity file has no key the console can seal to. Open the hotline's X25519 identity (AGE-SECRET-KEY-1…).")]
    NoHotlineKey,
    /// The reporter's recipient from the server does not parse.
    #[error("The reporter's reply key could not be read. Reload the tip and try again.")]
    BadRecipient,
    /// Longer than a message holds.
    #[error("This is longer than {max} characters. Shorten it and try again.", max = lantern_followup::MAX_TEXT_CHARS)]
    TooLong,
    /// age could not seal (not expected: it writes to memory).
    #[error("Sealing failed in this browser. Reload the console and try again.")]
    Failed,
}

impl Keys {
    /// The hotline's own recipients (the identity's public keys).
    pub fn hotline_recipients(&self) -> &[age::x25519::Recipient] {
        &self.recipients
    }

    /// Pads and seals `message` ([`lantern_followup::seal`]) to the
    /// hotline's recipients, and to `reporter` (an `age1…` key) when given;
    /// base64, as the console API takes it.
    pub fn seal(
        &self,
        reporter: Option<&str>,
        message: &lantern_followup::Message,
    ) -> Result<String, SealError> {
        if self.recipients.is_empty() {
            return Err(SealError::NoHotlineKey);
        }
        let reporter = reporter
            .map(|text| {
                text.trim()
                    .parse::<age::x25519::Recipient>()
                    .map_err(|_| SealError::BadRecipient)
            })
            .transpose()?;
        let mut to: Vec<&dyn age::Recipient> = Vec::new();
        if let Some(reporter) = &reporter {
            to.push(reporter);
        }
        to.extend(self.recipients.iter().map(|r| r as &dyn age::Recipient));
        let (sealed, _) = lantern_followup::seal(&to, message).map_err(|error| match error {
            lantern_followup::MessageError::TooLong => SealError::TooLong,
            _ => SealError::Failed,
        })?;
        Ok(base64::engine::general_purpose::STANDARD.encode(sealed))
    }

    /// Opens one follow-up message or note as the console API sends it
    /// (base64 of the age file) with [`lantern_followup::open_any`].
    pub fn open_message(&self, sealed_base64: &str) -> Result<lantern_followup::Message, KeyError> {
        let sealed = base64::engine::general_purpose::STANDARD
            .decode(sealed_base64)
            .map_err(|_| KeyError::Damaged)?;
        let identities: Vec<&dyn age::Identity> = self
            .identities
            .iter()
            .map(|identity| identity.as_ref())
            .collect();
        lantern_followup::open_any(&identities, &sealed).map_err(|_| KeyError::NotForThisKey)
    }

    /// Opens one sealed tip as the console API sends it (base64 of the age
    /// file) into the payload the intake sealed.
    pub fn open_tip(&self, sealed_base64: &str) -> Result<SealedTip, KeyError> {
        let sealed = base64::engine::general_purpose::STANDARD
            .decode(sealed_base64)
            .map_err(|_| KeyError::Damaged)?;
        let decryptor = age::Decryptor::new_buffered(&sealed[..]).map_err(|_| KeyError::Damaged)?;
        let mut reader = decryptor
            .decrypt(self.identities.iter().map(|identity| identity.as_ref()))
            .map_err(|error| match error {
                age::DecryptError::NoMatchingKeys => KeyError::NotForThisKey,
                _ => KeyError::Damaged,
            })?;
        let mut plain = Vec::new();
        reader
            .read_to_end(&mut plain)
            .map_err(|_| KeyError::Damaged)?;
        serde_json::from_slice(&plain).map_err(|_| KeyError::Damaged)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use age::secrecy::ExposeSecret;

    use super::*;

    fn identity_file() -> (age::x25519::Identity, String) {
        let identity = age::x25519::Identity::generate();
        let text = format!(
            "# created: 2026-12-01T00:00:00Z\n# public key: {}\n{}\n",
            identity.to_public(),
            identity.to_string().expose_secret()
        );
        (identity, text)
    }

    fn seal(recipient: &dyn age::Recipient, plain: &[u8]) -> Vec<u8> {
        let encryptor = age::Encryptor::with_recipients(std::iter::once(recipient)).unwrap();
        let mut out = Vec::new();
        let mut writer = encryptor.wrap_output(&mut out).unwrap();
        writer.write_all(plain).unwrap();
        writer.finish().unwrap();
        out
    }

    fn passphrase_file(text: &str, passphrase: &str, armored: bool) -> Vec<u8> {
        let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
        recipient.set_work_factor(10);
        let sealed = seal(&recipient, text.as_bytes());
        if !armored {
            return sealed;
        }
        let mut out = Vec::new();
        let mut armor =
            age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)
                .unwrap();
        armor.write_all(&sealed).unwrap();
        armor.finish().unwrap();
        out
    }

    fn sealed_tip(recipient: &age::x25519::Recipient, narrative: &str) -> String {
        let tip = lantern_tip::Tip {
            narrative: narrative.into(),
            ..Default::default()
        };
        let payload = SealedTip::new(
            "1234 5678 9012 3456".parse().unwrap(),
            "2026-12-01T10:11:12Z".into(),
            tip,
        );
        let bytes = seal(recipient, &serde_json::to_vec(&payload).unwrap());
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    #[test]
    fn a_plain_identity_opens_a_tip_sealed_to_it() {
        let (identity, text) = identity_file();
        assert_eq!(kind(text.as_bytes()), IdentityKind::Plain);
        let keys = open_identity(text.as_bytes(), None).unwrap();
        let opened = keys
            .open_tip(&sealed_tip(&identity.to_public(), "the narrative text"))
            .unwrap();
        assert_eq!(opened.tip.narrative, "the narrative text");
        assert_eq!(opened.received_at, "2026-12-01T10:11:12Z");
    }

    #[test]
    fn a_passphrase_protected_identity_needs_its_passphrase() {
        let (identity, text) = identity_file();
        for armored in [false, true] {
            let file = passphrase_file(&text, "correct horse", armored);
            assert_eq!(kind(&file), IdentityKind::Passphrase, "armored: {armored}");
            assert_eq!(
                open_identity(&file, Some("wrong")).unwrap_err(),
                KeyError::WrongPassphrase
            );
            assert_eq!(
                open_identity(&file, None).unwrap_err(),
                KeyError::WrongPassphrase
            );
            let keys = open_identity(&file, Some("correct horse")).unwrap();
            let opened = keys
                .open_tip(&sealed_tip(&identity.to_public(), "opened with scrypt"))
                .unwrap();
            assert_eq!(opened.tip.narrative, "opened with scrypt");
        }
    }

    #[test]
    fn replies_and_notes_are_sealed_to_the_hotline_and_the_reporter() {
        let (_, text) = identity_file();
        let keys = open_identity(text.as_bytes(), None).unwrap();
        let reporter = age::x25519::Identity::generate();
        let message = lantern_followup::Message {
            direction: lantern_followup::Direction::Hotline,
            kind: lantern_followup::Kind::Reply,
            text: "Is anyone there under 18?".into(),
            written_at: "2026-12-02T01:00:00.000Z".into(),
        };
        let sealed = keys
            .seal(Some(&reporter.to_public().to_string()), &message)
            .unwrap();
        assert_eq!(keys.open_message(&sealed).unwrap(), message);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&sealed)
            .unwrap();
        assert_eq!(lantern_followup::open(&reporter, &bytes).unwrap(), message);
        assert_eq!(lantern_followup::sealed_bucket(&bytes), Some(512));
        // A note: the hotline's only.
        let note = keys.seal(None, &message).unwrap();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&note)
            .unwrap();
        assert!(lantern_followup::open(&reporter, &bytes).is_err());
        assert_eq!(keys.open_message(&note).unwrap(), message);
        assert_eq!(
            keys.seal(Some("age1nope"), &message).unwrap_err(),
            SealError::BadRecipient
        );
        let long = lantern_followup::Message {
            text: "x".repeat(lantern_followup::MAX_TEXT_CHARS + 1),
            ..message
        };
        assert_eq!(keys.seal(None, &long).unwrap_err(), SealError::TooLong);
    }

    #[test]
    fn a_passphrase_protected_identity_seals_to_its_keys_too() {
        let (identity, text) = identity_file();
        let file = passphrase_file(&text, "pass words", false);
        let keys = open_identity(&file, Some("pass words")).unwrap();
        assert_eq!(
            keys.hotline_recipients()
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            [identity.to_public().to_string()]
        );
    }

    #[test]
    fn other_files_and_other_keys_are_told_apart() {
        assert_eq!(
            open_identity(b"hello\n", None).unwrap_err(),
            KeyError::NotAnIdentity
        );
        let (_, text) = identity_file();
        let keys = open_identity(text.as_bytes(), None).unwrap();
        let (other, _) = identity_file();
        assert_eq!(
            keys.open_tip(&sealed_tip(&other.to_public(), "not yours"))
                .unwrap_err(),
            KeyError::NotForThisKey
        );
        assert_eq!(keys.open_tip("not base64!").unwrap_err(), KeyError::Damaged);
        assert!(!format!("{keys:?}").contains("AGE-SECRET-KEY"));
    }
}

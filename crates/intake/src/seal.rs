//! Sealing: every tip is encrypted with age to the hotline's X25519 recipients
//! the moment it is accepted, so the database holds only ciphertext. The
//! private key (identity) never needs to be on the server: `keygen` writes it
//! for the hotline to keep offline, `export` (or the standard `age` tool) opens.
//!
//! Stock crypto only: age's own `x25519::Recipient` and format. (A hand-made
//! fixed-base table once replaced age's ladder for about 15% of the CPU per
//! tip; the service holds thousands of times a hotline's real peak without
//! it, and a tip line should not carry hand-written cryptography.)

use std::io::{Read, Write};
use std::str::FromStr;
use std::sync::Arc;

use age::secrecy::ExposeSecret;

/// Why sealing, reading keys or opening failed.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    /// A `--recipient` value is not an `age1…` X25519 public key.
    #[error("not an age X25519 recipient (expected age1…): {0}")]
    BadRecipient(String),
    /// `serve` was started without a single recipient.
    #[error("at least one --recipient is required: tips are sealed to it")]
    NoRecipients,
    /// The identity file could not be read or holds no usable key.
    #[error("identity file: {0}")]
    BadIdentity(String),
    /// Encryption failed (an I/O error on an in-memory buffer: not expected).
    #[error("sealing failed: {0}")]
    Encrypt(String),
    /// A stored blob could not be opened with the given identities.
    #[error("cannot open a sealed tip: {0}")]
    Decrypt(String),
}

/// The public keys every tip is sealed to.
#[derive(Clone)]
pub struct Sealer {
    recipients: Arc<[age::x25519::Recipient]>,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sealer")
            .field("recipients", &self.recipients.len())
            .finish()
    }
}

impl Sealer {
    /// Parses `age1…` recipients; at least one is required.
    pub fn new<S: AsRef<str>>(recipients: &[S]) -> Result<Self, SealError> {
        let recipients = recipients
            .iter()
            .map(|text| {
                let text = text.as_ref().trim();
                age::x25519::Recipient::from_str(text)
                    .map_err(|_| SealError::BadRecipient(text.to_owned()))
            })
            .collect::<Result<Arc<[_]>, _>>()?;
        if recipients.is_empty() {
            return Err(SealError::NoRecipients);
        }
        Ok(Self { recipients })
    }

    /// The recipients, for sealing a reporter's follow-up answers to them.
    pub fn recipients(&self) -> &[age::x25519::Recipient] {
        &self.recipients
    }

    /// Encrypts `plaintext` to every recipient, in the binary age format that
    /// `age --decrypt` reads.
    pub fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, SealError> {
        let encryptor = age::Encryptor::with_recipients(
            self.recipients.iter().map(|r| r as &dyn age::Recipient),
        )
        .map_err(|e| SealError::Encrypt(e.to_string()))?;
        let mut sealed = Vec::with_capacity(plaintext.len() + 256);
        let mut writer = encryptor
            .wrap_output(&mut sealed)
            .map_err(|e| SealError::Encrypt(e.to_string()))?;
        writer
            .write_all(plaintext)
            .and_then(|()| writer.finish().map(|_| ()))
            .map_err(|e| SealError::Encrypt(e.to_string()))?;
        Ok(sealed)
    }
}

/// The private keys that open sealed tips, read from an age identity file.
pub struct Opener {
    identities: Vec<Box<dyn age::Identity>>,
}

impl std::fmt::Debug for Opener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opener")
            .field("identities", &self.identities.len())
            .finish()
    }
}

impl Opener {
    /// Reads an identity file in the format `age-keygen` and `keygen` write.
    pub fn from_file(path: &std::path::Path) -> Result<Self, SealError> {
        let file = std::fs::File::open(path)
            .map_err(|e| SealError::BadIdentity(format!("{}: {e}", path.display())))?;
        let identities = age::IdentityFile::from_buffer(std::io::BufReader::new(file))
            .and_then(|f| {
                f.into_identities()
                    .map_err(|e| std::io::Error::other(e.to_string()))
            })
            .map_err(|e| SealError::BadIdentity(format!("{}: {e}", path.display())))?;
        if identities.is_empty() {
            return Err(SealError::BadIdentity(format!(
                "{}: no AGE-SECRET-KEY line",
                path.display()
            )));
        }
        Ok(Self { identities })
    }

    /// Decrypts one sealed blob.
    pub fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, SealError> {
        let decryptor =
            age::Decryptor::new_buffered(sealed).map_err(|e| SealError::Decrypt(e.to_string()))?;
        let mut reader = decryptor
            .decrypt(
                self.identities
                    .iter()
                    .map(|i| i.as_ref() as &dyn age::Identity),
            )
            .map_err(|e| SealError::Decrypt(e.to_string()))?;
        let mut plaintext = Vec::new();
        reader
            .read_to_end(&mut plaintext)
            .map_err(|e| SealError::Decrypt(e.to_string()))?;
        Ok(plaintext)
    }
}

impl Opener {
    /// Opens a follow-up message (`crates/followup`) sealed to one of the
    /// identities.
    pub fn open_followup(&self, sealed: &[u8]) -> Result<lantern_followup::Message, SealError> {
        let identities: Vec<&dyn age::Identity> =
            self.identities.iter().map(|i| i.as_ref()).collect();
        lantern_followup::open_any(&identities, sealed)
            .map_err(|e| SealError::Decrypt(e.to_string()))
    }
}

/// The name of a sealed tip's `.age` file, for `sealed` and the console's
/// archive alike: the hour it was received (the clear column) and a digest
/// of the file, nothing that orders tips within an hour, so writing the
/// same tip twice gives the same name. `2026-11-22T04-1a2b3c4d5e6f.age`.
pub fn file_name(received_hour: i64, sealed: &[u8]) -> String {
    use sha2::Digest;
    let hour = crate::clock::rfc3339(received_hour);
    let digest = sha2::Sha256::digest(sealed);
    let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{hex}.age", &hour[..13])
}

/// A fresh key pair: the identity file's text (with the same comment lines
/// `age-keygen` writes) and the public recipient.
pub fn generate_identity(created: &str) -> (String, String) {
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public().to_string();
    let file = format!(
        "# created: {created}\n# public key: {recipient}\n{}\n",
        identity.to_string().expose_secret()
    );
    (file, recipient)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_bytes_open_with_the_identity_and_hide_the_plaintext() {
        let (identity_file, recipient) = generate_identity("test");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("id.txt");
        std::fs::write(&path, identity_file).unwrap();

        let sealer = Sealer::new(&[recipient]).unwrap();
        let plaintext = b"the narrative marker QX7-plain";
        let sealed = sealer.seal(plaintext).unwrap();
        assert!(sealed.starts_with(b"age-encryption.org/v1\n"));
        assert!(!sealed.windows(14).any(|w| w == b"marker QX7-pla"));

        let opener = Opener::from_file(&path).unwrap();
        assert_eq!(opener.open(&sealed).unwrap(), plaintext);
    }

    #[test]
    fn every_recipient_can_open() {
        let dir = tempfile::tempdir().unwrap();
        let (first_file, first) = generate_identity("a");
        let (second_file, second) = generate_identity("b");
        let sealed = Sealer::new(&[first, second]).unwrap().seal(b"x").unwrap();
        for (name, file) in [("a", first_file), ("b", second_file)] {
            let path = dir.path().join(name);
            std::fs::write(&path, file).unwrap();
            assert_eq!(
                Opener::from_file(&path).unwrap().open(&sealed).unwrap(),
                b"x"
            );
        }
    }

    #[test]
    fn the_wrong_identity_cannot_open() {
        let dir = tempfile::tempdir().unwrap();
        let (_, recipient) = generate_identity("a");
        let (other_file, _) = generate_identity("b");
        let path = dir.path().join("other");
        std::fs::write(&path, other_file).unwrap();
        let sealed = Sealer::new(&[recipient]).unwrap().seal(b"x").unwrap();
        assert!(matches!(
            Opener::from_file(&path).unwrap().open(&sealed),
            Err(SealError::Decrypt(_))
        ));
    }

    #[test]
    fn recipients_are_checked() {
        assert!(matches!(
            Sealer::new(&["age1notakey"]),
            Err(SealError::BadRecipient(_))
        ));
        assert!(matches!(
            Sealer::new::<&str>(&[]),
            Err(SealError::NoRecipients)
        ));
    }
}

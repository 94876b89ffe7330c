//! The stored forms of a tip's receipt and idempotency key: what the
//! database keeps in their place. (The receipt itself, the number a person
//! is shown, is `lantern_tip::Receipt`.)
//!
//! Nothing stored lets anyone recover either value or link a row to a browser:
//! - the idempotency key is stored only as an HMAC under the database's key
//!   (the UNIQUE column that makes retries idempotent);
//! - the receipt is stored as an HMAC (for the hotline to find a tip by the
//!   number a person reads out) and as a "box": the receipt encrypted with
//!   XChaCha20-Poly1305 (RustCrypto's `chacha20poly1305`) under a key derived
//!   by HKDF-SHA-256 from the idempotency key, so a retry carrying the key
//!   gets the same receipt back while the database alone reveals nothing,
//!   and a box that was not made with this key fails to open rather than
//!   opening to a wrong number.

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use lantern_tip::{IdempotencyKey, Receipt};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

fn hmac(key: &[u8], label: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = <HmacSha256 as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(label);
    mac.update(&[0]);
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// The stored form of an idempotency key.
pub fn idempotency_hash(hash_key: &[u8; 32], key: &IdempotencyKey) -> [u8; 32] {
    hmac(hash_key, b"lantern idempotency v1", key.as_bytes())
}

/// The fingerprint of a request body, keyed by its idempotency key: a retry
/// of the same tip has the same one, another tip under the same key does
/// not. Keyed by the idempotency key, which is never stored, so the database
/// alone cannot test a guess at what a tip said.
pub fn request_mac(key: &IdempotencyKey, body: &[u8]) -> [u8; 32] {
    hmac(key.as_bytes(), b"lantern request v1", body)
}

/// The stored lookup form of a receipt (its digits, spaces ignored).
pub fn receipt_hash(hash_key: &[u8; 32], receipt: Receipt) -> [u8; 32] {
    hmac(hash_key, b"lantern receipt v1", receipt.digits().as_bytes())
}

/// Length of the random nonce at the start of a box.
const NONCE_LEN: usize = 24;

/// The box's AEAD key: HKDF-SHA-256 of the idempotency key.
fn box_cipher(key: &IdempotencyKey) -> XChaCha20Poly1305 {
    let mut okm = [0u8; 32];
    Hkdf::<Sha256>::new(None, key.as_bytes())
        .expand(b"lantern receipt box v2", &mut okm)
        .expect("32 bytes is a valid HKDF-SHA-256 output length");
    XChaCha20Poly1305::new(&okm.into())
}

/// The receipt sealed under the idempotency key: a random nonce, then the
/// ciphertext and tag of its digits. (Every request makes its own box with
/// a fresh nonce; only the first one for a key is stored.)
pub fn seal_receipt(key: &IdempotencyKey, receipt: Receipt) -> Vec<u8> {
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let ciphertext = box_cipher(key)
        .encrypt(&nonce, receipt.digits().as_bytes())
        .expect("encrypting 16 bytes in memory cannot fail");
    [nonce.as_slice(), &ciphertext].concat()
}

/// The receipt in a box, opened with the idempotency key; `None` if the box
/// was not made with this key or is damaged.
pub fn open_receipt(key: &IdempotencyKey, sealed: &[u8]) -> Option<Receipt> {
    if sealed.len() <= NONCE_LEN {
        return None;
    }
    let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
    let digits = box_cipher(key)
        .decrypt(XNonce::from_slice(nonce), ciphertext)
        .ok()?;
    String::from_utf8(digits).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> IdempotencyKey {
        IdempotencyKey::from_bytes([byte; 16])
    }

    #[test]
    fn a_boxed_receipt_opens_only_with_its_key() {
        let receipt = Receipt::from_random(0x1234_5678_9abc_def0);
        let sealed = seal_receipt(&key(1), receipt);
        assert_eq!(open_receipt(&key(1), &sealed), Some(receipt));
        assert_eq!(open_receipt(&key(2), &sealed), None);
        assert!(!String::from_utf8_lossy(&sealed).contains(&receipt.digits()[..6]));
        // Tampered or cut short: refused, never a wrong number.
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert_eq!(open_receipt(&key(1), &tampered), None);
        assert_eq!(open_receipt(&key(1), &sealed[..20]), None);
        // A fresh nonce each time: two boxes of one receipt differ.
        assert_ne!(seal_receipt(&key(1), receipt), sealed);
    }

    #[test]
    fn hashes_depend_on_the_database_key() {
        let receipt = Receipt::from_random(42);
        assert_ne!(
            receipt_hash(&[1; 32], receipt),
            receipt_hash(&[2; 32], receipt)
        );
        assert_ne!(
            idempotency_hash(&[1; 32], &key(1)),
            idempotency_hash(&[2; 32], &key(1))
        );
        assert_ne!(
            idempotency_hash(&[1; 32], &key(1)),
            idempotency_hash(&[1; 32], &key(2))
        );
    }
}

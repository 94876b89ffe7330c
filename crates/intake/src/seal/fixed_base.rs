//! age's X25519 recipient with the hotline's key precomputed.
//!
//! Sealing a tip to a recipient costs two X25519 multiplications: the
//! ephemeral public key (a fixed base, which curve25519-dalek already speeds
//! up with a table of the base point's multiples) and the shared secret with
//! the recipient's key. age computes the second with a Montgomery ladder; in
//! `make bench-intake` that ladder was about half of the service's CPU per
//! tip. The hotline's key does not change while the service runs, so it is a
//! fixed base too: a table of its multiples, built once at start-up (about
//! 30 KB per recipient), makes that multiplication several times cheaper.
//!
//! The stanza is the one age's own `x25519::Recipient` writes, byte for byte
//! in form and by the same derivation (HKDF-SHA-256 over the ephemeral and
//! recipient keys, ChaCha20-Poly1305 around the file key), so `age --decrypt`
//! and age's identities open it; the tests check that they do.
//!
//! Why the result is the same: X25519 multiplies the point by a *clamped*
//! scalar, a multiple of 8 below 2^255, and returns only the u-coordinate.
//! The Edwards point for a given u is defined up to sign, and
//! `u(k·(−P)) = u(−(k·P)) = u(k·P)`; a multiple of 8 removes any small-order
//! component the way the ladder does; and the fixed-base table computes the
//! exact integer multiple for any scalar below 2^255 (curve25519-dalek's
//! `mul_base_clamped` is made for this).

use std::collections::HashSet;

use age::secrecy::ExposeSecret;
use age_core::format::{FileKey, Stanza};
use base64::prelude::{Engine, BASE64_STANDARD_NO_PAD};
use curve25519_dalek::edwards::EdwardsBasepointTable;
use curve25519_dalek::montgomery::MontgomeryPoint;
use curve25519_dalek::traits::BasepointTable;
use rand::RngCore;
use zeroize::Zeroize;

/// age's stanza tag and HKDF label for X25519 recipients (age-encryption.org/v1).
const TAG: &str = "X25519";
const LABEL: &[u8] = b"age-encryption.org/v1/X25519";

/// An age X25519 recipient whose key is a precomputed table.
pub struct FixedBaseRecipient {
    /// The recipient's public key (the Montgomery u-coordinate), for the salt.
    public: [u8; 32],
    /// Multiples of the recipient's point.
    table: Box<EdwardsBasepointTable>,
}

impl FixedBaseRecipient {
    /// The table for an age recipient, or `None` when its key is not the
    /// u-coordinate of a point on the curve (a key age's own `keygen` never
    /// makes; [`crate::seal::Sealer`] then keeps age's ladder for it).
    pub fn new(recipient: &age::x25519::Recipient) -> Option<Self> {
        let public = public_key_bytes(&recipient.to_string())?;
        let point = MontgomeryPoint(public).to_edwards(0)?;
        Some(Self {
            public,
            table: Box::new(EdwardsBasepointTable::create(&point)),
        })
    }
}

/// The 32 key bytes inside an `age1…` Bech32 recipient string.
fn public_key_bytes(text: &str) -> Option<[u8; 32]> {
    use bech32::FromBase32;
    let (hrp, data, variant) = bech32::decode(text).ok()?;
    if hrp != "age" || variant != bech32::Variant::Bech32 {
        return None;
    }
    Vec::<u8>::from_base32(&data).ok()?.try_into().ok()
}

impl age::Recipient for FixedBaseRecipient {
    fn wrap_file_key(
        &self,
        file_key: &FileKey,
    ) -> Result<(Vec<Stanza>, HashSet<String>), age::EncryptError> {
        let mut ephemeral = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut ephemeral);
        let ephemeral_public = MontgomeryPoint::mul_base_clamped(ephemeral);
        let mut shared = self.table.mul_base_clamped(ephemeral).to_montgomery();
        ephemeral.zeroize();
        // All zero only if the random bytes were: fail rather than seal with
        // a key anyone could derive (age itself panics here).
        if shared.0.iter().all(|&b| b == 0) {
            return Err(age::EncryptError::Io(std::io::Error::other(
                "X25519 shared secret is zero: the system RNG is failing",
            )));
        }

        let mut salt = [0u8; 64];
        salt[..32].copy_from_slice(ephemeral_public.as_bytes());
        salt[32..].copy_from_slice(&self.public);
        let mut key = age_core::primitives::hkdf(&salt, LABEL, shared.as_bytes());
        shared.zeroize();
        let body = age_core::primitives::aead_encrypt(&key, file_key.expose_secret());
        key.zeroize();

        Ok((
            vec![Stanza {
                tag: TAG.to_owned(),
                args: vec![BASE64_STANDARD_NO_PAD.encode(ephemeral_public.as_bytes())],
                body,
            }],
            HashSet::new(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::str::FromStr;

    use super::*;

    fn seal_with(recipient: &dyn age::Recipient, plaintext: &[u8]) -> Vec<u8> {
        let encryptor = age::Encryptor::with_recipients(std::iter::once(recipient)).unwrap();
        let mut sealed = Vec::new();
        let mut writer = encryptor.wrap_output(&mut sealed).unwrap();
        writer.write_all(plaintext).unwrap();
        writer.finish().unwrap();
        sealed
    }

    fn open_with(identity: &age::x25519::Identity, sealed: &[u8]) -> Vec<u8> {
        let decryptor = age::Decryptor::new_buffered(sealed).unwrap();
        let mut reader = decryptor
            .decrypt(std::iter::once(identity as &dyn age::Identity))
            .unwrap();
        let mut out = Vec::new();
        reader.read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn ages_own_identity_opens_what_the_table_seals() {
        for _ in 0..32 {
            let identity = age::x25519::Identity::generate();
            let fast = FixedBaseRecipient::new(&identity.to_public()).unwrap();
            let sealed = seal_with(&fast, b"a tip");
            assert_eq!(open_with(&identity, &sealed), b"a tip");
        }
    }

    #[test]
    fn the_shared_secret_equals_the_ladders() {
        // The same ephemeral scalar through both paths gives the same point:
        // the table is an exact replacement, not an approximation.
        let identity = age::x25519::Identity::generate();
        let recipient = identity.to_public();
        let fast = FixedBaseRecipient::new(&recipient).unwrap();
        let their = MontgomeryPoint(fast.public);
        for seed in 0u8..64 {
            let scalar = [seed.wrapping_mul(37).wrapping_add(1); 32];
            assert_eq!(
                fast.table.mul_base_clamped(scalar).to_montgomery(),
                their.mul_clamped(scalar)
            );
        }
    }

    #[test]
    fn the_key_bytes_round_trip_through_bech32() {
        use bech32::ToBase32;
        let text = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
        let recipient = age::x25519::Recipient::from_str(text).unwrap();
        let fast = FixedBaseRecipient::new(&recipient).unwrap();
        // The bytes read are the key: written back, they spell the recipient.
        let again =
            bech32::encode("age", fast.public.to_base32(), bech32::Variant::Bech32).unwrap();
        assert_eq!(again, text);
        assert!(public_key_bytes("age1notbech32").is_none());
        assert!(public_key_bytes(
            "agesecret1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"
        )
        .is_none());
    }
}

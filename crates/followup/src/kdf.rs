//! From the code to keys, in the browser (the follow-up worker) only:
//!
//! ```text
//! master   = Argon2id(password = the 20 digits as ASCII,
//!                     salt     = "lantern/followup/v1",
//!                     m = KDF_PARAMS.memory_kib KiB, t = KDF_PARAMS.passes, p = 1,
//!                     32 bytes)
//! identity = HKDF-SHA-256(ikm = master, salt = none, info = "lantern/followup/v1 age identity", 32 bytes)
//! lookup   = HKDF-SHA-256(ikm = master, salt = none, info = "lantern/followup/v1 lookup token", 32 bytes)
//! ```
//!
//! `identity` is the reporter's age X25519 secret key (written as the
//! `AGE-SECRET-KEY-1…` text age reads, so age's own code makes the key);
//! `lookup` is what the browser sends to find the conversation. The two
//! HKDF labels keep them independent: the server, which sees the lookup
//! token, learns nothing of the identity. The salt is fixed (there is no
//! per-code salt without first looking the code up); it separates this use
//! of Argon2id from every other, and the code's 66 random bits, not the
//! salt, are what make a precomputed table impossible (see
//! `docs/threat-model.md` for the figures).

use std::fmt;
use std::str::FromStr;

use argon2::{Algorithm, Argon2, Params, Version};
use bech32::{ToBase32, Variant};
use hkdf::Hkdf;
use sha2::Sha256;

use crate::Code;

/// Argon2id's salt: the protocol and its version.
pub const SALT: &[u8] = b"lantern/followup/v1";
/// HKDF label of the reporter's age identity.
pub const IDENTITY_INFO: &[u8] = b"lantern/followup/v1 age identity";
/// HKDF label of the lookup token.
pub const LOOKUP_INFO: &[u8] = b"lantern/followup/v1 lookup token";

/// Argon2id's cost settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory, in KiB.
    pub memory_kib: u32,
    /// Passes over the memory.
    pub passes: u32,
    /// Lanes (1: a browser worker is one thread).
    pub lanes: u32,
}

/// The parameters of protocol version 1, chosen by measurement (see
/// `docs/benchmarks.md`, "Follow-up KDF"): 32 MiB, 3 passes, 1 lane.
/// Changing them changes every code's keys: a new version, never an edit.
pub const KDF_PARAMS: KdfParams = KdfParams {
    memory_kib: 32 * 1024,
    passes: 3,
    lanes: 1,
};

/// The lookup token: 32 bytes the browser sends, as 64 lowercase hex
/// digits. `Debug` never shows it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct LookupToken(pub [u8; 32]);

/// What a code gives.
pub struct Keys {
    /// The reporter's age identity: opens the hotline's messages.
    pub identity: age::x25519::Identity,
    /// What finds the conversation on the server.
    pub lookup: LookupToken,
}

impl fmt::Debug for Keys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Keys(..)")
    }
}

impl Keys {
    /// The public half of the identity: what the server stores so the
    /// hotline can seal messages to the reporter.
    pub fn recipient(&self) -> age::x25519::Recipient {
        self.identity.to_public()
    }
}

/// The keys of `code` under the version 1 parameters.
pub fn derive(code: Code) -> Keys {
    derive_with(code, KDF_PARAMS)
}

/// The keys of `code` under `params` (tests and the benchmark use smaller
/// or larger ones; the protocol uses [`KDF_PARAMS`]).
pub fn derive_with(code: Code, params: KdfParams) -> Keys {
    let master = master_key(code, params);
    let hkdf = Hkdf::<Sha256>::new(None, &master);
    let mut secret = [0u8; 32];
    let mut lookup = [0u8; 32];
    // 32 bytes is far below HKDF-SHA-256's limit of 8160: cannot fail.
    let _ = hkdf.expand(IDENTITY_INFO, &mut secret);
    let _ = hkdf.expand(LOOKUP_INFO, &mut lookup);
    Keys {
        identity: identity_from_bytes(&secret),
        lookup: LookupToken(lookup),
    }
}

/// Argon2id of the code's digits.
fn master_key(code: Code, params: KdfParams) -> [u8; 32] {
    let params = Params::new(params.memory_kib, params.passes, params.lanes, Some(32))
        .unwrap_or_else(|_| Params::default());
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut master = [0u8; 32];
    // The password (20 bytes), the salt (19), the output (32) and the
    // parameters are all within Argon2's bounds: cannot fail.
    let _ = argon2.hash_password_into(code.digits().as_bytes(), SALT, &mut master);
    master
}

/// An age X25519 identity from 32 secret bytes, through age's own parser.
fn identity_from_bytes(secret: &[u8; 32]) -> age::x25519::Identity {
    let text = bech32::encode("age-secret-key-", secret.to_base32(), Variant::Bech32)
        .unwrap_or_default()
        .to_uppercase();
    // age parses every 32-byte key written this way (it clamps the scalar).
    age::x25519::Identity::from_str(&text).unwrap_or_else(|_| age::x25519::Identity::generate())
}

/// Why a text is not a lookup token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("expected 64 lowercase hex digits")]
pub struct LookupTokenError;

impl LookupToken {
    /// The 64 hex digits.
    pub fn to_hex(self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl FromStr for LookupToken {
    type Err = LookupTokenError;

    fn from_str(text: &str) -> Result<Self, LookupTokenError> {
        let bytes = text.as_bytes();
        if bytes.len() != 64 {
            return Err(LookupTokenError);
        }
        let nibble = |c: u8| match c {
            b'0'..=b'9' => Ok(c - b'0'),
            b'a'..=b'f' => Ok(c - b'a' + 10),
            _ => Err(LookupTokenError),
        };
        let mut out = [0u8; 32];
        for (i, pair) in bytes.chunks(2).enumerate() {
            out[i] = nibble(pair[0])? << 4 | nibble(pair[1])?;
        }
        Ok(LookupToken(out))
    }
}

impl fmt::Debug for LookupToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LookupToken(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use age::secrecy::ExposeSecret;

    /// Small parameters so the vectors run fast; the construction is the same.
    const SMALL: KdfParams = KdfParams {
        memory_kib: 64,
        passes: 1,
        lanes: 1,
    };

    // Vectors computed independently of this crate, with argon2-cffi's
    // `hash_secret_raw` (the reference C implementation), Python's HKDF from
    // `cryptography` and the `bech32` package (scripts/followup-vectors.py).
    const CODE: &str = "4821 0937 5562 1049 7730";
    const SMALL_LOOKUP: &str = include_str!("../vectors/small-lookup.txt");
    const SMALL_RECIPIENT: &str = include_str!("../vectors/small-recipient.txt");
    const V1_LOOKUP: &str = include_str!("../vectors/v1-lookup.txt");
    const V1_RECIPIENT: &str = include_str!("../vectors/v1-recipient.txt");

    #[test]
    fn small_parameters_match_the_independent_vectors() {
        let keys = derive_with(CODE.parse().unwrap(), SMALL);
        assert_eq!(keys.lookup.to_hex(), SMALL_LOOKUP.trim());
        assert_eq!(keys.recipient().to_string(), SMALL_RECIPIENT.trim());
    }

    #[test]
    fn version_one_parameters_match_the_independent_vectors() {
        let keys = derive(CODE.parse().unwrap());
        assert_eq!(keys.lookup.to_hex(), V1_LOOKUP.trim());
        assert_eq!(keys.recipient().to_string(), V1_RECIPIENT.trim());
    }

    #[test]
    fn another_code_gives_other_keys_and_the_two_keys_differ() {
        let a = derive_with(CODE.parse().unwrap(), SMALL);
        let b = derive_with("4821 0937 5562 1049 7731".parse().unwrap(), SMALL);
        assert_ne!(a.lookup, b.lookup);
        assert_ne!(a.recipient().to_string(), b.recipient().to_string());
        let secret = a.identity.to_string();
        assert!(!secret.expose_secret().is_empty());
        assert_ne!(a.lookup.0.to_vec(), identity_bytes(secret.expose_secret()));
    }

    fn identity_bytes(text: &str) -> Vec<u8> {
        use bech32::FromBase32;
        let (_, data, _) = bech32::decode(text).unwrap();
        Vec::<u8>::from_base32(&data).unwrap()
    }

    #[test]
    fn lookup_tokens_round_trip_as_hex_and_refuse_anything_else() {
        let token = LookupToken([0xab; 32]);
        assert_eq!(token.to_hex().parse::<LookupToken>(), Ok(token));
        assert_eq!(format!("{token:?}"), "LookupToken(..)");
        for bad in [
            "",
            "ab",
            &"AB".repeat(32),
            &"zz".repeat(32),
            &"ab".repeat(33),
        ] {
            assert_eq!(bad.parse::<LookupToken>(), Err(LookupTokenError), "{bad}");
        }
    }
}

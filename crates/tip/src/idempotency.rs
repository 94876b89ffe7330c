//! The idempotency key: 128 random bits the widget makes once per tip (from
//! the browser's CSPRNG) and sends in the `Idempotency-Key` header on every
//! attempt, so a retry after a lost answer gets the first receipt instead of
//! storing the tip twice. 128 bits, as OWASP ASVS asks of unguessable values.

use std::fmt;
use std::str::FromStr;

/// 128 bits, written as 32 lowercase hexadecimal digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct IdempotencyKey([u8; 16]);

/// Why a text is not an idempotency key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("expected 32 lowercase hexadecimal digits")]
pub struct IdempotencyKeyError;

impl IdempotencyKey {
    /// Number of characters in the text form.
    pub const TEXT_LEN: usize = 32;

    /// The key made of these 16 random bytes.
    pub const fn from_bytes(bytes: [u8; 16]) -> Self {
        IdempotencyKey(bytes)
    }

    /// The key's 16 bytes.
    pub const fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

impl FromStr for IdempotencyKey {
    type Err = IdempotencyKeyError;

    /// Exactly 32 characters of `0-9a-f`; upper case is refused so that one
    /// key has one spelling.
    fn from_str(text: &str) -> Result<Self, IdempotencyKeyError> {
        let text = text.as_bytes();
        if text.len() != Self::TEXT_LEN {
            return Err(IdempotencyKeyError);
        }
        let nibble = |b: u8| match b {
            b'0'..=b'9' => Ok(b - b'0'),
            b'a'..=b'f' => Ok(b - b'a' + 10),
            _ => Err(IdempotencyKeyError),
        };
        let mut bytes = [0u8; 16];
        for (byte, pair) in bytes.iter_mut().zip(text.chunks_exact(2)) {
            *byte = nibble(pair[0])? << 4 | nibble(pair[1])?;
        }
        Ok(IdempotencyKey(bytes))
    }
}

impl fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for IdempotencyKey {
    /// Never prints the key: with it, anyone could fetch the tip's receipt.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("IdempotencyKey(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trip() {
        let key = IdempotencyKey::from_bytes([
            0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0, 0xff, 0x10, 0x20, 0x30, 0x40, 0x50,
            0x60,
        ]);
        let text = key.to_string();
        assert_eq!(text, "0123456789abcdef00ff102030405060");
        assert_eq!(text.parse::<IdempotencyKey>(), Ok(key));
        assert_eq!(key.as_bytes()[9], 0xff);
        for b in [0u8, 0x5a, 0xff] {
            let key = IdempotencyKey::from_bytes([b; 16]);
            assert_eq!(key.to_string().parse::<IdempotencyKey>(), Ok(key));
        }
    }

    #[test]
    fn refuses_anything_else() {
        for text in [
            "",
            "0123456789abcdef00ff10203040506",   // 31
            "0123456789abcdef00ff1020304050600", // 33
            "0123456789ABCDEF00FF102030405060",  // upper case
            "0123456789abcdef00ff10203040506g",
            " 123456789abcdef00ff102030405060",
            "0123456789abcdef-0ff102030405060",
            "0123456789abcdef00ff10203040506é",
            "01234567-89ab-cdef-00ff-102030405060",
        ] {
            assert_eq!(
                text.parse::<IdempotencyKey>(),
                Err(IdempotencyKeyError),
                "{text:?}"
            );
        }
    }

    #[test]
    fn debug_hides_the_key() {
        let key = IdempotencyKey::from_bytes([0xab; 16]);
        assert!(!format!("{key:?}").contains("ab"));
    }
}

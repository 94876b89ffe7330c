//! The follow-up code: 20 decimal digits shown in five groups of four
//! (`4821 0937 5562 1049 7730`). Digits because every language the widget
//! speaks (and the five of issue 18) reads them the same, and a phone's
//! number pad types them; groups of four because people copy those without
//! losing their place. 10^20 codes is about 66.4 bits, made in the browser
//! from the CSPRNG (`crypto.getRandomValues`).

use std::fmt;
use std::str::FromStr;

/// Number of codes there are: every 20-digit string.
const SPACE: u128 = 100_000_000_000_000_000_000;

/// A follow-up code. `Debug` never shows it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Code(u128);

/// Why a text is not a code, so the widget can say which mistake it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// Fewer than 20 digits.
    #[error("too few digits")]
    TooShort,
    /// More than 20 digits.
    #[error("too many digits")]
    TooLong,
    /// Something other than digits, spaces or dashes.
    #[error("only digits, spaces and dashes")]
    NotDigits,
}

impl Code {
    /// Number of digits.
    pub const DIGITS: usize = 20;

    /// Bits of entropy: log2(10^20).
    pub const BITS: f64 = 66.438_561_897_747_24;

    /// The code made from 128 random bits (16 bytes from a CSPRNG). The
    /// reduction modulo 10^20 is biased by under 2^-61, which leaves every
    /// code as hard to guess as any other.
    pub fn from_random(bytes: [u8; 16]) -> Self {
        Code(u128::from_le_bytes(bytes) % SPACE)
    }

    /// The 20 digits without spaces: the Argon2id password.
    pub fn digits(self) -> String {
        format!("{:020}", self.0)
    }
}

impl FromStr for Code {
    type Err = CodeError;

    /// 20 digits; spaces and dashes anywhere are ignored, since people copy
    /// it down in their own way. Digits of other scripts (Arabic-Indic,
    /// full-width) read as the same digits: a phone keyboard in another
    /// language may type them.
    fn from_str(text: &str) -> Result<Self, CodeError> {
        let mut value: u128 = 0;
        let mut count = 0;
        for c in text.trim().chars() {
            if let Some(digit) = digit_value(c) {
                count += 1;
                if count > Self::DIGITS {
                    return Err(CodeError::TooLong);
                }
                value = value * 10 + u128::from(digit);
            } else if !matches!(c, ' ' | '-' | '\u{a0}' | '\u{2009}' | '\u{202f}') {
                return Err(CodeError::NotDigits);
            }
        }
        if count < Self::DIGITS {
            return Err(CodeError::TooShort);
        }
        Ok(Code(value))
    }
}

/// The value of a decimal digit in the scripts people may type codes in:
/// ASCII, full-width, Arabic-Indic, Extended Arabic-Indic, Devanagari.
fn digit_value(c: char) -> Option<u8> {
    let zeros = ['0', '\u{ff10}', '\u{660}', '\u{6f0}', '\u{966}'];
    zeros.iter().find_map(|&zero| {
        let offset = u32::from(c).checked_sub(u32::from(zero))?;
        (offset < 10).then_some(offset as u8)
    })
}

impl fmt::Display for Code {
    /// `4821 0937 5562 1049 7730`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.digits();
        let groups: Vec<&str> = (0..5).map(|g| &digits[g * 4..g * 4 + 4]).collect();
        f.write_str(&groups.join(" "))
    }
}

impl fmt::Debug for Code {
    /// Never prints the code: it is the key to a conversation.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Code(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_five_groups_of_four() {
        let code = Code(48_210_937_556_210_497_730);
        assert_eq!(code.to_string(), "4821 0937 5562 1049 7730");
        assert_eq!(Code(42).to_string(), "0000 0000 0000 0000 0042");
        assert_eq!(format!("{code:?}"), "Code(..)");
    }

    #[test]
    fn stays_within_twenty_digits_and_uses_the_random_bits() {
        for bytes in [[0xff; 16], [0; 16], [7; 16]] {
            let code = Code::from_random(bytes);
            assert!(code.0 < SPACE);
            assert_eq!(code.digits().len(), 20);
        }
        assert_ne!(Code::from_random([1; 16]), Code::from_random([2; 16]));
        assert!((Code::BITS - (SPACE as f64).log2()).abs() < 1e-9);
    }

    #[test]
    fn parses_what_it_prints_and_what_people_write() {
        let code = Code(98_765_432_101_234_567_890);
        for text in [
            "9876 5432 1012 3456 7890",
            "98765432101234567890",
            "9876-5432-1012-3456-7890",
            " 9876 5432 1012 3456 7890 ",
            "٩٨٧٦ ٥٤٣٢ ١٠١٢ ٣٤٥٦ ٧٨٩٠",
            "９８７６５４３２１０１２３４５６７８９０",
        ] {
            assert_eq!(text.parse::<Code>(), Ok(code), "{text:?}");
        }
        assert_eq!(code.to_string().parse::<Code>(), Ok(code));
    }

    #[test]
    fn says_what_is_wrong_with_a_bad_code() {
        assert_eq!("1234 5678".parse::<Code>(), Err(CodeError::TooShort));
        assert_eq!("".parse::<Code>(), Err(CodeError::TooShort));
        assert_eq!(
            "1234 5678 9012 3456 7890 1".parse::<Code>(),
            Err(CodeError::TooLong)
        );
        assert_eq!(
            "1234 5678 9012 3456 789O".parse::<Code>(),
            Err(CodeError::NotDigits)
        );
    }
}

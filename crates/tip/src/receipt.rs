//! The receipt a person notes down after sending a tip: 16 decimal digits,
//! shown in groups of four (`1234 5678 9012 3456`) so it reads like any
//! ordinary account or card number and draws no attention on a scrap of
//! paper or in a phone's notes. About 53 bits of randomness, the size
//! GlobaLeaks uses for the same purpose.

use std::fmt;
use std::str::FromStr;

/// Number of receipts there are: every 16-digit string.
const SPACE: u64 = 10_000_000_000_000_000;

/// A receipt: a number below 10^16, shown as 16 digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Receipt(u64);

/// Why a text is not a receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("expected 16 digits")]
pub struct ReceiptError;

impl Receipt {
    /// Number of digits.
    pub const DIGITS: usize = 16;

    /// The receipt made from 64 random bits (from a CSPRNG). The reduction
    /// modulo 10^16 is biased by under 0.06%, which leaves the receipt just
    /// as hard to guess.
    pub const fn from_random(bits: u64) -> Self {
        Receipt(bits % SPACE)
    }

    /// The receipt as a number.
    pub const fn value(self) -> u64 {
        self.0
    }

    /// The 16 digits without spaces.
    pub fn digits(self) -> String {
        format!("{:016}", self.0)
    }
}

impl FromStr for Receipt {
    type Err = ReceiptError;

    /// 16 digits; spaces and dashes between them are ignored, since people
    /// copy it down in their own way.
    fn from_str(text: &str) -> Result<Self, ReceiptError> {
        let mut value: u64 = 0;
        let mut count = 0;
        for c in text.trim().chars() {
            match c {
                '0'..='9' => {
                    count += 1;
                    if count > Self::DIGITS {
                        return Err(ReceiptError);
                    }
                    value = value * 10 + u64::from(c as u8 - b'0');
                }
                ' ' | '-' => {}
                _ => return Err(ReceiptError),
            }
        }
        if count == Self::DIGITS {
            Ok(Receipt(value))
        } else {
            Err(ReceiptError)
        }
    }
}

impl fmt::Display for Receipt {
    /// `1234 5678 9012 3456`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.digits();
        let (a, rest) = digits.split_at(4);
        let (b, rest) = rest.split_at(4);
        let (c, d) = rest.split_at(4);
        write!(f, "{a} {b} {c} {d}")
    }
}

impl fmt::Debug for Receipt {
    /// Never prints the number: logs must not link a receipt to anything.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Receipt(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_four_groups_of_four() {
        assert_eq!(
            Receipt::from_random(1_234_567_890_123_456).to_string(),
            "1234 5678 9012 3456"
        );
        assert_eq!(Receipt::from_random(42).to_string(), "0000 0000 0000 0042");
        assert_eq!(Receipt::from_random(0).digits(), "0000000000000000");
        assert_eq!(Receipt::from_random(u64::MAX).to_string().len(), 19);
    }

    #[test]
    fn stays_within_sixteen_digits() {
        for bits in [u64::MAX, SPACE, SPACE - 1, SPACE + 7, 0x8000_0000_0000_0000] {
            let receipt = Receipt::from_random(bits);
            assert!(receipt.value() < SPACE);
            assert_eq!(receipt.digits().len(), 16);
        }
        assert_eq!(Receipt::from_random(SPACE + 7).value(), 7);
    }

    #[test]
    fn parses_what_it_prints_and_what_people_write() {
        let receipt = Receipt::from_random(9_876_543_210_123_456);
        for text in [
            "9876 5432 1012 3456",
            "9876543210123456",
            "9876-5432-1012-3456",
            " 9876 5432 1012 3456 ",
        ] {
            assert_eq!(text.parse::<Receipt>(), Ok(receipt), "{text:?}");
        }
        assert_eq!(receipt.to_string().parse::<Receipt>(), Ok(receipt));
        assert_eq!(
            "0000 0000 0000 0000".parse::<Receipt>(),
            Ok(Receipt::from_random(0))
        );
    }

    #[test]
    fn refuses_anything_else() {
        for text in [
            "",
            "123",
            "1234 5678 9012 345",
            "1234 5678 9012 34567",
            "99999999999999999999999",
            "1234 5678 9012 345a",
            "1234_5678_9012_3456",
            "１２３４５６７８９０１２３４５６",
            "+234567890123456",
        ] {
            assert_eq!(text.parse::<Receipt>(), Err(ReceiptError), "{text:?}");
        }
    }

    #[test]
    fn debug_hides_the_number() {
        assert_eq!(
            format!("{:?}", Receipt::from_random(1_234_567_890_123_456)),
            "Receipt(..)"
        );
    }
}

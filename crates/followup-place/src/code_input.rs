//! What a person typed as their code: the shared parser
//! ([`lantern_followup::Code`], forgiving of spaces, dashes and the digits
//! of other scripts), run on the page so a mistake is named at once, in the
//! person's language, without loading the worker.

use lantern_followup::{Code, CodeError};

pub use crate::i18n::Words;

/// `Ok` when `typed` is a code (the worker, which takes the text as typed,
/// reads it with the same parser), or the words that say what is wrong.
/// Only the check runs here: writing the digits out again would bring
/// 128-bit number formatting into the first visit.
pub fn read(typed: &str) -> Result<(), Words> {
    typed.parse::<Code>().map(drop).map_err(|error| {
        let words: Words = match error {
            CodeError::TooShort => |s| s.too_short,
            CodeError::TooLong => |s| s.too_long,
            CodeError::NotDigits => |s| s.not_digits,
        };
        words
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{strings, Lang};

    fn said(typed: &str) -> Result<(), &'static str> {
        read(typed).map_err(|pick| pick(strings(Lang::En)))
    }

    #[test]
    fn takes_a_code_however_it_was_copied() {
        for typed in [
            "4821 0937 5562 1049 7730",
            "48210937556210497730",
            "4821-0937-5562-1049-7730",
            "  4821 0937  5562-1049 7730 ",
            // Arabic-Indic digits, as an Arabic keyboard types them.
            "٤٨٢١ ٠٩٣٧ ٥٥٦٢ ١٠٤٩ ٧٧٣٠",
            // Full-width digits, from a Chinese or Korean keyboard.
            "４８２１０９３７５５６２１０４９７７３０",
        ] {
            assert_eq!(said(typed), Ok(()), "{typed:?}");
            let code: Code = typed.parse().expect("a code");
            assert_eq!(code.digits(), "48210937556210497730", "{typed:?}");
        }
    }

    #[test]
    fn names_each_mistake_in_the_persons_language() {
        let en = strings(Lang::En);
        assert_eq!(said("4821 0937 5562 1049"), Err(en.too_short));
        assert_eq!(said(""), Err(en.too_short));
        assert_eq!(said("4821 0937 5562 1049 7730 1"), Err(en.too_long));
        assert_eq!(said("4821 0937 5562 1049 773O"), Err(en.not_digits));
        assert_eq!(said("4821.0937.5562.1049.7730"), Err(en.not_digits));
        let es = strings(Lang::Es);
        let pick = read("12").expect_err("two digits are not a code");
        assert_eq!(pick(es), es.too_short);
        assert_ne!(es.too_short, en.too_short);
    }
}

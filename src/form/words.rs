//! Small helpers that turn locale templates and numbers into the words a
//! person reads. Kept apart from the components so they can be tested on
//! the host.
use crate::i18n::FormStrings;

/// Fills each `{}` in `template` with the next of `args`, in order. Extra
/// `{}` stay as they are (a translation bug shows, rather than panics);
/// extra args are ignored.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        match args.next() {
            Some(arg) => out.push_str(arg),
            None => out.push_str("{}"),
        }
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// `n` with digits grouped in threes the way the language writes numbers
/// ("5,000" in English; "5000" and "10 000" in Spanish).
pub fn number(t: &FormStrings, n: usize) -> String {
    let digits = n.to_string();
    if digits.len() < 4 || (digits.len() == 4 && !t.group_four_digits) {
        return digits;
    }
    group(&digits, t.thousands_sep, 3)
}

/// `digits` split into groups of `size` from the right, joined by `sep`.
fn group(digits: &str, sep: &str, size: usize) -> String {
    let mut out = String::with_capacity(digits.len() + sep.len() * (digits.len() / size));
    let lead = digits.len() % size;
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (i + size - lead).is_multiple_of(size) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

/// From how full a field is (in percent of its cap) the form says how
/// many characters are left.
pub const NEAR_CAP_PERCENT: usize = 80;

/// "1,000 characters left" once `used` reaches [`NEAR_CAP_PERCENT`] of
/// `max`; `None` before, so a limit is never said to someone nowhere near
/// it (issue 14).
pub fn chars_left(t: &FormStrings, used: usize, max: usize) -> Option<String> {
    if used * 100 < max * NEAR_CAP_PERCENT {
        return None;
    }
    Some(match max.saturating_sub(used) {
        1 => t.chars_left_one.to_owned(),
        left => fill(t.chars_left, &[&number(t, left)]),
    })
}

/// A date as the person's language writes it ("28 November 2026", "28 de
/// noviembre de 2026") from the date input's `YYYY-MM-DD`; anything else
/// (a half-typed date) as it is.
pub fn long_date(t: &FormStrings, iso: &str) -> String {
    let Ok(date) = iso.parse::<lantern_tip::Date>() else {
        return iso.to_owned();
    };
    let month = t.months[usize::from(date.month() - 1)];
    t.date_format
        .replace("{d}", &date.day().to_string())
        .replace("{m}", month)
        .replace("{y}", &date.year().to_string())
}

/// "Step 3 of 10".
pub fn progress(t: &FormStrings, number: usize, count: usize) -> String {
    fill(t.progress, &[&number.to_string(), &count.to_string()])
}

/// The words for venue `id`, falling back to the id itself if a locale
/// lacks it (a test checks that none does).
pub fn venue(t: &FormStrings, id: &str) -> &'static str {
    t.venues
        .iter()
        .find(|(venue, _)| *venue == id)
        .map(|(_, words)| *words)
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{strings, Lang};

    #[test]
    fn fill_replaces_in_order() {
        assert_eq!(fill("Step {} of {}", &["3", "10"]), "Step 3 of 10");
        assert_eq!(fill("{}{}", &["a", "b"]), "ab");
        assert_eq!(fill("no holes", &["x"]), "no holes");
        assert_eq!(fill("{} and {}", &["one"]), "one and {}");
        assert_eq!(fill("", &[]), "");
    }

    #[test]
    fn fill_never_interprets_its_arguments() {
        assert_eq!(fill("{}!", &["{}<b>"]), "{}<b>!");
    }

    #[test]
    fn english_groups_thousands_with_commas() {
        let en = strings(Lang::En).form;
        assert_eq!(number(en, 0), "0");
        assert_eq!(number(en, 999), "999");
        assert_eq!(number(en, 5000), "5,000");
        assert_eq!(number(en, 1_234_567), "1,234,567");
        assert_eq!(
            chars_left(en, 4000, 5000).as_deref(),
            Some("1,000 characters left")
        );
    }

    #[test]
    fn spanish_leaves_four_digits_alone() {
        let es = strings(Lang::Es).form;
        assert_eq!(number(es, 5000), "5000");
        assert_eq!(number(es, 12_000), "12\u{a0}000");
        assert_eq!(
            chars_left(es, 4000, 5000).as_deref(),
            Some("Quedan 1000 caracteres")
        );
    }

    #[test]
    fn the_characters_left_are_said_only_near_the_cap() {
        let en = strings(Lang::En).form;
        assert_eq!(chars_left(en, 0, 100), None);
        assert_eq!(chars_left(en, 79, 100), None);
        assert_eq!(
            chars_left(en, 80, 100).as_deref(),
            Some("20 characters left")
        );
        assert_eq!(chars_left(en, 99, 100).as_deref(), Some("1 character left"));
        assert_eq!(
            chars_left(en, 100, 100).as_deref(),
            Some("0 characters left")
        );
        // A paste past the cap (the model caps it anyway) says none left.
        assert_eq!(
            chars_left(en, 150, 100).as_deref(),
            Some("0 characters left")
        );
        assert_eq!(chars_left(en, 3_999, 5_000), None);
        let es = strings(Lang::Es).form;
        assert_eq!(chars_left(es, 99, 100).as_deref(), Some("Queda 1 carácter"));
        assert_eq!(
            chars_left(es, 90, 100).as_deref(),
            Some("Quedan 10 caracteres")
        );
    }

    #[test]
    fn dates_are_written_as_each_language_writes_them() {
        let en = strings(Lang::En).form;
        assert_eq!(long_date(en, "2026-11-28"), "28 November 2026");
        assert_eq!(long_date(en, "2027-01-05"), "5 January 2027");
        let es = strings(Lang::Es).form;
        assert_eq!(long_date(es, "2026-11-28"), "28 de noviembre de 2026");
        assert_eq!(long_date(es, "2026-12-01"), "1 de diciembre de 2026");
        for odd in ["", "2026-13-01", "2026-02-30", "28/11/2026", "garbage"] {
            assert_eq!(long_date(en, odd), odd);
        }
    }

    #[test]
    fn every_venue_has_words_in_every_language() {
        for lang in Lang::ALL {
            let t = strings(lang).form;
            for id in lantern_tip::catalog::VENUES {
                assert!(!venue(t, id).is_empty(), "{lang:?} lacks venue {id}");
            }
            assert_eq!(
                t.venues.len(),
                lantern_tip::catalog::VENUES.len(),
                "{lang:?}"
            );
        }
    }
}

//! The contract of the intake API as an OpenAPI 3.0 document.
//!
//! The document says exactly what [`crate::Tip::validate`] accepts: every
//! enum, cap and required list, each character rule as a pattern, and the
//! contact rules as an `anyOf`; `tests/openapi.rs` checks all of it against
//! this crate. The one rule that changes by itself is "not after today", so
//! the served document ([`openapi_json`]) narrows `when.date`'s pattern to
//! the dates up to the day it is served.
//!
//! The widget uses none of this; it is linked into the intake service only.

use crate::{days_in_month, is_leap_year, Date};

/// The document as written (`crates/tip/openapi.json`), with `when.date`'s
/// pattern admitting any real date ([`ANY_DATE_PATTERN`]).
pub const OPENAPI_JSON: &str = include_str!("../openapi.json");

/// `when.date`'s pattern in [`OPENAPI_JSON`]: empty, or any real calendar
/// date from `0001-01-01` to `9999-12-31` (month 01 to 12, the month's own
/// number of days, 29 February in leap years only).
pub const ANY_DATE_PATTERN: &str = "^(?:(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})-\
(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|\
02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|\
(?:0[48]|[2468][048]|[13579][26])00)-02-29)?$";

/// Every month and day of a year that is not a leap year.
const COMMON_YEAR_DAYS: &str = "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|\
(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))";

/// The document as served on `today` (the server's "today" for the date
/// rule): [`OPENAPI_JSON`] with `when.date`'s pattern replaced by
/// [`date_pattern`]`(today)`, so that a date the schema admits is one the
/// service accepts that day, and the other way round.
pub fn openapi_json(today: Date) -> String {
    OPENAPI_JSON.replacen(ANY_DATE_PATTERN, &date_pattern(today), 1)
}

/// A pattern matching the empty string and exactly the `YYYY-MM-DD` dates
/// from `0001-01-01` to `last`: the years before `last`'s whole (29
/// February in their leap years only), then `last`'s year up to `last`.
pub fn date_pattern(last: Date) -> String {
    let (year, month, day) = (last.year(), last.month(), last.day());
    let mut dates = Vec::new();
    if year > 1 {
        let years = numbers(1, u32::from(year) - 1, 4);
        dates.push(format!("{years}-{COMMON_YEAR_DAYS}"));
        if let Some(leap_years) = leap_years_before(year) {
            dates.push(format!("{leap_years}-02-29"));
        }
    }
    let whole_months: Vec<String> = (1..month)
        .map(|m| {
            let days = numbers(1, u32::from(days_in_month(year, m)), 2);
            format!("{m:02}-{days}")
        })
        .collect();
    if !whole_months.is_empty() {
        dates.push(format!("{year:04}-{}", either(whole_months)));
    }
    dates.push(format!(
        "{year:04}-{month:02}-{}",
        numbers(1, u32::from(day), 2)
    ));
    format!("^(?:{})?$", dates.join("|"))
}

/// The leap years from 1 to `year - 1`, as a pattern of four digits.
fn leap_years_before(year: u16) -> Option<String> {
    let (century, rest) = (year / 100, year % 100);
    let mut parts = Vec::new();
    if century > 0 {
        // In every earlier century: the years divisible by 4 but not by 100...
        let earlier = numbers(0, u32::from(century) - 1, 2);
        parts.push(format!("{earlier}(?:0[48]|[2468][048]|[13579][26])"));
        // ...and the century years divisible by 400 (never year 0).
        let by_400: Vec<String> = (1..century)
            .filter(|c| c % 4 == 0)
            .map(|c| format!("{c:02}00"))
            .collect();
        if !by_400.is_empty() {
            parts.push(either(by_400));
        }
    }
    let this_century: Vec<String> = (0..rest)
        .filter(|r| century * 100 + r > 0 && is_leap_year(century * 100 + r))
        .map(|r| format!("{r:02}"))
        .collect();
    if !this_century.is_empty() {
        parts.push(format!("{century:02}{}", either(this_century)));
    }
    (!parts.is_empty()).then(|| either(parts))
}

/// A pattern matching the numbers `low..=high` written with `width` digits
/// (leading zeros), and nothing else.
fn numbers(low: u32, high: u32, width: usize) -> String {
    let low = format!("{low:0width$}");
    let high = format!("{high:0width$}");
    digits_between(low.as_bytes(), high.as_bytes())
}

/// The classic digit-by-digit range: equal-length digit strings from `low`
/// to `high` (`low <= high`).
fn digits_between(low: &[u8], high: &[u8]) -> String {
    let (Some((&l, low_rest)), Some((&h, high_rest))) = (low.split_first(), high.split_first())
    else {
        return String::new();
    };
    if l == h {
        return format!("{}{}", char::from(l), digits_between(low_rest, high_rest));
    }
    let rest = low_rest.len();
    let low_is_first = low_rest.iter().all(|&d| d == b'0');
    let high_is_last = high_rest.iter().all(|&d| d == b'9');
    let mut alternatives = Vec::new();
    let mut from = l;
    if !low_is_first {
        let nines = vec![b'9'; rest];
        alternatives.push(format!(
            "{}{}",
            char::from(l),
            digits_between(low_rest, &nines)
        ));
        from += 1;
    }
    let to = if high_is_last { h } else { h - 1 };
    if from <= to {
        let lead = if from == to {
            char::from(from).to_string()
        } else {
            format!("[{}-{}]", char::from(from), char::from(to))
        };
        let tail = match rest {
            0 => String::new(),
            1 => "[0-9]".to_owned(),
            n => format!("[0-9]{{{n}}}"),
        };
        alternatives.push(format!("{lead}{tail}"));
    }
    if !high_is_last {
        let zeros = vec![b'0'; rest];
        alternatives.push(format!(
            "{}{}",
            char::from(h),
            digits_between(&zeros, high_rest)
        ));
    }
    either(alternatives)
}

/// One of `alternatives`, grouped when there is more than one.
fn either(alternatives: Vec<String>) -> String {
    if alternatives.len() == 1 {
        alternatives.into_iter().next().unwrap_or_default()
    } else {
        format!("(?:{})", alternatives.join("|"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_ranges_are_written_digit_by_digit() {
        assert_eq!(numbers(1, 9, 1), "[1-9]");
        assert_eq!(numbers(1, 31, 2), "(?:0[1-9]|[1-2][0-9]|3[0-1])");
        assert_eq!(numbers(1, 1, 2), "01");
        assert_eq!(numbers(0, 19, 2), "[0-1][0-9]");
        assert_eq!(
            numbers(1, 2025, 4),
            "(?:0(?:0(?:0[1-9]|[1-9][0-9])|[1-9][0-9]{2})|1[0-9]{3}|20(?:[0-1][0-9]|2[0-5]))"
        );
    }

    #[test]
    fn the_document_holds_the_any_date_pattern_once() {
        assert_eq!(OPENAPI_JSON.matches(ANY_DATE_PATTERN).count(), 1);
        let today = Date::new(2026, 12, 1).unwrap_or(Date::MIN);
        let served = openapi_json(today);
        assert!(!served.contains(ANY_DATE_PATTERN));
        assert!(served.contains(&date_pattern(today)));
    }
}

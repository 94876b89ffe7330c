//! Reads a `Retry-After` header (RFC 9110 §10.2.3) so a 429 can tell the
//! person when to try again, and the widget can wait that long before its
//! own automatic retry.

/// Seconds to wait, from a `Retry-After` value that is either a number of
/// seconds (`120`) or an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`), given
/// the current time in seconds since the Unix epoch. `None` when the value
/// is neither; a date in the past means "now" (0).
pub fn parse_retry_after(value: &str, now_unix: i64) -> Option<u64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // A huge number of digits still means "a long time", not an error.
        return Some(value.parse().unwrap_or(u64::MAX));
    }
    let at = parse_imf_fixdate(value)?;
    Some(u64::try_from(at - now_unix).unwrap_or(0))
}

/// Seconds since the Unix epoch of an IMF-fixdate such as
/// `Sun, 06 Nov 1994 08:49:37 GMT`, the form servers must send. The weekday
/// is not checked against the date: the date is what matters. (Not the
/// `httpdate` crate: in a size-optimised wasm32 build it measured about
/// 1.3 KB brotli more than this, for two obsolete date forms our own
/// intake never sends.)
fn parse_imf_fixdate(value: &str) -> Option<i64> {
    let (_weekday, rest) = value.split_once(", ")?;
    let mut parts = rest.split(' ');
    let day: i64 = parse_digits(parts.next()?, 2)?;
    let month = month_number(parts.next()?)?;
    let year: i64 = parse_digits(parts.next()?, 4)?;
    let time = parts.next()?;
    if parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    let mut hms = time.split(':');
    let hour: i64 = parse_digits(hms.next()?, 2)?;
    let minute: i64 = parse_digits(hms.next()?, 2)?;
    let second: i64 = parse_digits(hms.next()?, 2)?;
    if hms.next().is_some() || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// Parses exactly `len` ASCII digits.
fn parse_digits(text: &str, len: usize) -> Option<i64> {
    if text.len() == len && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

fn month_number(name: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let index = MONTHS.iter().position(|m| *m == name)?;
    Some(index as i64 + 1)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-22 04:30:00 UTC.
    const NOW: i64 = 1_795_321_800;

    #[test]
    fn seconds_form() {
        assert_eq!(parse_retry_after("120", NOW), Some(120));
        assert_eq!(parse_retry_after(" 0 ", NOW), Some(0));
        assert_eq!(
            parse_retry_after("99999999999999999999999", NOW),
            Some(u64::MAX)
        );
    }

    #[test]
    fn date_form_counts_from_now() {
        assert_eq!(
            parse_retry_after("Sun, 22 Nov 2026 04:32:30 GMT", NOW),
            Some(150)
        );
        assert_eq!(
            parse_retry_after("Mon, 23 Nov 2026 04:30:00 GMT", NOW),
            Some(86_400)
        );
    }

    #[test]
    fn date_in_the_past_means_now() {
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", NOW),
            Some(0)
        );
    }

    #[test]
    fn epoch_and_leap_years_are_right() {
        assert_eq!(parse_imf_fixdate("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_imf_fixdate("Tue, 29 Feb 2028 00:00:00 GMT"),
            Some(1_835_395_200)
        );
        assert_eq!(
            parse_imf_fixdate("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
    }

    #[test]
    fn garbage_is_none() {
        for bad in [
            "",
            "soon",
            "-5",
            "1.5",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT extra",
        ] {
            assert_eq!(parse_retry_after(bad, NOW), None, "{bad:?}");
        }
    }
}

//! A calendar date without a time zone or a date library: parses and prints
//! `YYYY-MM-DD` (years 0001 to 9999, proleptic Gregorian) and converts from
//! days since 1970-01-01, which is all the tip needs ("not in the future")
//! and costs the widget almost nothing.
//!
//! "Today" is always passed in: the widget takes it from the browser clock,
//! the server from its own, so the rules stay pure and testable.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date. Ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    // Field order matters: the derived Ord compares year, then month, then day.
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not in the `YYYY-MM-DD` shape (ten characters, digits and dashes).
    #[error("expected a date as YYYY-MM-DD")]
    Format,
    /// The right shape, but no such day (`2023-02-29`, `2024-13-01`, year 0).
    #[error("no such day in the calendar")]
    NoSuchDay,
}

/// Days from 0000-03-01 to 1970-01-01 in the algorithm below.
const EPOCH_SHIFT: i64 = 719_468;
/// Days in a 400-year Gregorian cycle.
const DAYS_PER_ERA: i64 = 146_097;

/// Whether `year` is a Gregorian leap year.
pub const fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Number of days in `month` (1 to 12) of `year`; 0 for a month that does not exist.
pub const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The earliest date this type holds.
    pub const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };
    /// The latest date this type holds.
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// The date, if it exists in the calendar (years 1 to 9999).
    pub const fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if year == 0 || year > 9999 || day == 0 || day > days_in_month(year, month) {
            None
        } else {
            Some(Date { year, month, day })
        }
    }

    /// The year (1 to 9999).
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month (1 to 12).
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The day of the month (1 to 31).
    pub const fn day(self) -> u8 {
        self.day
    }

    /// The date `days` days after 1970-01-01 (negative: before). Days beyond
    /// the range of [`Date::MIN`]..=[`Date::MAX`] give the nearest end, so a
    /// broken clock can never make this panic.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let days = days.clamp(Date::MIN.days_since_epoch(), Date::MAX.days_since_epoch());
        // Howard Hinnant's civil_from_days: counts from 0000-03-01 so that
        // the leap day falls at the end of each computed year.
        let z = days + EPOCH_SHIFT;
        let era = z.div_euclid(DAYS_PER_ERA);
        let day_of_era = z.rem_euclid(DAYS_PER_ERA);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        // The clamp above keeps every value in range; the fallback is never taken.
        Date::new(
            u16::try_from(year).unwrap_or(1),
            u8::try_from(month).unwrap_or(1),
            u8::try_from(day).unwrap_or(1),
        )
        .unwrap_or(Date::MIN)
    }

    /// The date of a Unix timestamp in seconds, in UTC.
    pub fn from_unix_seconds(seconds: i64) -> Date {
        Date::from_days_since_epoch(seconds.div_euclid(86_400))
    }

    /// Days from 1970-01-01 to this date (negative before it).
    pub const fn days_since_epoch(self) -> i64 {
        let month = self.month as i64;
        let year = self.year as i64 - if month <= 2 { 1 } else { 0 };
        let era = year.div_euclid(400);
        let year_of_era = year.rem_euclid(400);
        let shifted_month = if month > 2 { month - 3 } else { month + 9 };
        let day_of_year = (153 * shifted_month + 2) / 5 + self.day as i64 - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * DAYS_PER_ERA + day_of_era - EPOCH_SHIFT
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Parses exactly `YYYY-MM-DD`: no spaces, signs, or missing zeros.
    fn from_str(text: &str) -> Result<Date, DateError> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(DateError::Format);
        }
        let number = |range: std::ops::Range<usize>| -> Result<u16, DateError> {
            bytes[range].iter().try_fold(0u16, |acc, &b| {
                if b.is_ascii_digit() {
                    Ok(acc * 10 + u16::from(b - b'0'))
                } else {
                    Err(DateError::Format)
                }
            })
        };
        let year = number(0..4)?;
        let month = u8::try_from(number(5..7)?).map_err(|_| DateError::Format)?;
        let day = u8::try_from(number(8..10)?).map_err(|_| DateError::Format)?;
        Date::new(year, month, day).ok_or(DateError::NoSuchDay)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn parses_and_prints_round_trip() {
        for text in [
            "1970-01-01",
            "0001-01-01",
            "9999-12-31",
            "2024-02-29",
            "2000-02-29",
            "2026-11-22",
        ] {
            assert_eq!(date(text).to_string(), text);
        }
        assert_eq!(
            (
                date("2024-03-05").year(),
                date("2024-03-05").month(),
                date("2024-03-05").day()
            ),
            (2024, 3, 5)
        );
    }

    #[test]
    fn rejects_wrong_shapes() {
        for text in [
            "",
            "2024-1-01",
            "2024-01-1",
            "24-01-01",
            "2024/01/01",
            "2024-01-01 ",
            " 2024-01-01",
            "+202-01-01",
            "2024-0a-01",
            "2024-01-01T00:00",
            "２０２４-01-01",
            "2024--1-01",
            "20240101xx",
        ] {
            assert_eq!(text.parse::<Date>(), Err(DateError::Format), "{text:?}");
        }
    }

    #[test]
    fn rejects_days_that_do_not_exist() {
        for text in [
            "2023-02-29",
            "1900-02-29",
            "2100-02-29",
            "2024-02-30",
            "2024-04-31",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "0000-01-01",
            "2024-01-32",
        ] {
            assert_eq!(text.parse::<Date>(), Err(DateError::NoSuchDay), "{text:?}");
        }
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(is_leap_year(2024) && is_leap_year(2000) && is_leap_year(1600));
        assert!(!is_leap_year(2023) && !is_leap_year(1900) && !is_leap_year(2100));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2023, 2), 28);
        assert_eq!(days_in_month(2023, 13), 0);
    }

    #[test]
    fn epoch_days_match_known_dates() {
        assert_eq!(Date::from_days_since_epoch(0), date("1970-01-01"));
        assert_eq!(Date::from_days_since_epoch(-1), date("1969-12-31"));
        assert_eq!(Date::from_days_since_epoch(11_016), date("2000-02-29"));
        assert_eq!(Date::from_days_since_epoch(19_782), date("2024-02-29"));
        assert_eq!(Date::from_unix_seconds(1_700_000_000), date("2023-11-14"));
        assert_eq!(Date::from_unix_seconds(-1), date("1969-12-31"));
        assert_eq!(date("2024-02-29").days_since_epoch(), 19_782);
    }

    #[test]
    fn epoch_days_round_trip_over_the_whole_range() {
        let first = Date::MIN.days_since_epoch();
        let last = Date::MAX.days_since_epoch();
        let mut previous = Date::from_days_since_epoch(first - 1);
        assert_eq!(previous, Date::MIN);
        for days in first + 1..=last {
            let d = Date::from_days_since_epoch(days);
            assert_eq!(d.days_since_epoch(), days);
            assert!(d > previous, "{d} after {previous}");
            // Text round trips are slow in debug builds: every 97th day suffices.
            if days % 97 == 0 {
                assert_eq!(d.to_string().parse::<Date>(), Ok(d));
            }
            previous = d;
        }
    }

    #[test]
    fn out_of_range_days_saturate() {
        assert_eq!(Date::from_days_since_epoch(i64::MIN), Date::MIN);
        assert_eq!(Date::from_days_since_epoch(i64::MAX), Date::MAX);
        assert_eq!(Date::from_unix_seconds(i64::MAX), Date::MAX);
    }

    #[test]
    fn orders_chronologically_and_serialises_as_text() {
        assert!(date("2024-01-31") < date("2024-02-01"));
        assert!(date("2023-12-31") < date("2024-01-01"));
        assert_eq!(
            serde_json::to_string(&date("2024-02-29")).ok().as_deref(),
            Some("\"2024-02-29\"")
        );
        assert_eq!(
            serde_json::from_str::<Date>("\"2024-02-29\"").ok(),
            Some(date("2024-02-29"))
        );
        assert!(serde_json::from_str::<Date>("\"2023-02-29\"").is_err());
    }
}

//! Wall-clock helpers: the time a tip arrived, rounded for the clear column
//! and exact only inside the sealed payload; and "today" for the date rule.

use std::time::{SystemTime, UNIX_EPOCH};

use lantern_tip::Date;

const SECONDS_PER_HOUR: i64 = 3_600;
const SECONDS_PER_DAY: i64 = 86_400;

/// The furthest any inhabited time zone runs ahead of UTC (UTC+14, Kiribati).
/// A person there may rightly date a tip "today" while UTC is still on
/// yesterday, so "not in the future" is judged against UTC plus this.
const MAX_ZONE_AHEAD_SECONDS: i64 = 14 * SECONDS_PER_HOUR;

/// Seconds since the Unix epoch, now.
pub fn now_unix() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(elapsed) => i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX),
        // A clock set before 1970 is broken; treat it as the epoch.
        Err(_) => 0,
    }
}

/// The start of the hour `unix` falls in: the only arrival time kept in
/// clear, coarse enough that it cannot be matched against a network log.
pub fn floor_to_hour(unix: i64) -> i64 {
    unix.div_euclid(SECONDS_PER_HOUR) * SECONDS_PER_HOUR
}

/// The UTC day (days since the epoch) `unix` falls in.
pub fn utc_day(unix: i64) -> i64 {
    unix.div_euclid(SECONDS_PER_DAY)
}

/// The latest calendar date anywhere on Earth at `unix`: the "today" a tip's
/// date may not be after.
pub fn latest_date_anywhere(unix: i64) -> Date {
    Date::from_days_since_epoch(utc_day(unix + MAX_ZONE_AHEAD_SECONDS))
}

/// `unix` as an RFC 3339 UTC timestamp, `2026-11-22T04:23:16Z`.
pub fn rfc3339(unix: i64) -> String {
    let date = Date::from_days_since_epoch(utc_day(unix));
    let second_of_day = unix.rem_euclid(SECONDS_PER_DAY);
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        second_of_day / 3_600,
        second_of_day % 3_600 / 60,
        second_of_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_format_as_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_839_796), "2026-11-28T04:23:16Z");
    }

    #[test]
    fn hours_round_down() {
        assert_eq!(floor_to_hour(1_795_839_796), 1_795_838_400);
        assert_eq!(floor_to_hour(7_200), 7_200);
    }

    #[test]
    fn the_latest_date_is_ahead_of_utc_by_at_most_fourteen_hours() {
        let day: Date = "2026-11-22".parse().unwrap();
        let midnight = day.days_since_epoch() * SECONDS_PER_DAY;
        assert_eq!(
            latest_date_anywhere(midnight + 11 * 3_600).to_string(),
            "2026-11-23"
        );
        assert_eq!(
            latest_date_anywhere(midnight + 3_600).to_string(),
            "2026-11-22"
        );
    }
}

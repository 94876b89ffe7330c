//! When to retry a tip that could not be sent: exponential backoff with
//! jitter, capped, so a crowd of phones retrying after an outage does not
//! arrive at the intake in lockstep.

/// The first automatic retry waits about this long (milliseconds).
pub const FIRST_DELAY_MS: u32 = 2_000;

/// No automatic retry waits longer than this (milliseconds).
pub const MAX_DELAY_MS: u32 = 60_000;

/// How long to wait before automatic retry number `attempt` (0 for the first
/// retry after a failure), given `jitter` in `0.0..=1.0` (from any
/// non-secret random source).
///
/// The ceiling doubles with every attempt, from [`FIRST_DELAY_MS`] up to
/// [`MAX_DELAY_MS`]; the wait is drawn from its upper half ("equal jitter"),
/// so it never collapses to zero and still spreads clients apart.
pub fn retry_delay_ms(attempt: u32, jitter: f64) -> u32 {
    let ceiling = FIRST_DELAY_MS
        .checked_shl(attempt.min(16))
        .unwrap_or(MAX_DELAY_MS)
        .min(MAX_DELAY_MS);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let half = ceiling / 2;
    // `half * jitter` is at most `half`, so the sum stays within `ceiling`.
    half + (f64::from(half) * jitter) as u32
}

/// Whole seconds from `now_ms` until `due_ms` (milliseconds on the same
/// clock), rounded up, and 0 once due: what the live countdown to the next
/// automatic retry shows. A clock that jumps back shows at most `cap_secs`.
pub fn seconds_left(due_ms: f64, now_ms: f64, cap_secs: u32) -> u32 {
    let left = ((due_ms - now_ms) / 1_000.0).ceil();
    if left.is_nan() || left <= 0.0 {
        0
    } else if left >= f64::from(cap_secs) {
        cap_secs
    } else {
        left as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_countdown_rounds_up_and_stops_at_zero() {
        let due = 10_000.0;
        assert_eq!(seconds_left(due, 0.0, 60), 10);
        assert_eq!(seconds_left(due, 1.0, 60), 10);
        assert_eq!(seconds_left(due, 999.0, 60), 10);
        assert_eq!(seconds_left(due, 1_000.0, 60), 9);
        assert_eq!(seconds_left(due, 9_001.0, 60), 1);
        assert_eq!(seconds_left(due, 10_000.0, 60), 0);
        assert_eq!(seconds_left(due, 50_000.0, 60), 0);
        // A clock set back an hour does not make the wait an hour.
        assert_eq!(seconds_left(due, -3_600_000.0, 10), 10);
        assert_eq!(seconds_left(f64::NAN, 0.0, 10), 0);
    }

    #[test]
    fn first_retry_waits_between_one_and_two_seconds() {
        assert_eq!(retry_delay_ms(0, 0.0), 1_000);
        assert_eq!(retry_delay_ms(0, 1.0), 2_000);
        assert_eq!(retry_delay_ms(0, 0.5), 1_500);
    }

    #[test]
    fn ceiling_doubles_each_attempt() {
        let ceilings: Vec<u32> = (0..6).map(|n| retry_delay_ms(n, 1.0)).collect();
        assert_eq!(ceilings, [2_000, 4_000, 8_000, 16_000, 32_000, 60_000]);
    }

    #[test]
    fn never_waits_more_than_the_cap_even_after_many_attempts() {
        for attempt in [6, 10, 31, 32, 1_000, u32::MAX] {
            assert_eq!(retry_delay_ms(attempt, 1.0), MAX_DELAY_MS);
            assert_eq!(retry_delay_ms(attempt, 0.0), MAX_DELAY_MS / 2);
        }
    }

    #[test]
    fn jitter_out_of_range_is_clamped() {
        assert_eq!(retry_delay_ms(1, -3.0), 2_000);
        assert_eq!(retry_delay_ms(1, 7.0), 4_000);
        assert_eq!(retry_delay_ms(1, f64::NAN), 2_000);
        assert_eq!(retry_delay_ms(1, f64::INFINITY), 2_000);
    }

    #[test]
    fn jitter_spreads_delays_inside_the_upper_half() {
        for attempt in 0..8 {
            let low = retry_delay_ms(attempt, 0.0);
            let high = retry_delay_ms(attempt, 1.0);
            for step in 0..=10 {
                let d = retry_delay_ms(attempt, f64::from(step) / 10.0);
                assert!(low <= d && d <= high, "attempt {attempt}: {d}");
            }
            assert_eq!(low * 2, high);
        }
    }
}

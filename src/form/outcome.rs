//! What an answer from `POST /v1/tips` means for the person, and whether
//! (and when) to try again by ourselves. Plain Rust, so every status the
//! intake can send, and the ones it should not, has a host test.
//!
//! The answer's JSON body arrives already read into a [`Body`]: the browser's
//! own `JSON.parse` does that (`super::client::read_body`), because
//! serde_json's decoder would add about 18 KB of Wasm for two tiny bodies.
use super::backoff::retry_delay_ms;
use super::retry_after::parse_retry_after;
use lantern_tip::{ErrorCode, FieldError, Receipt};

/// The longest wait a `Retry-After` can impose on the automatic retry. A
/// longer one is most likely a mistake; the person can always retry sooner.
pub const MAX_RETRY_AFTER_SECS: u64 = 3_600;

/// What came of one attempt to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// 201: stored. The receipt as the person should see it.
    Sent(Receipt),
    /// 400 or 422: the tip was refused, with the reasons the server gave.
    /// An empty list means none of them can be shown against a field.
    Invalid(Vec<FieldError>),
    /// 429: too many tips from here. Seconds to wait, if the server said.
    Busy(Option<u64>),
    /// 5xx, or an answer we cannot read: the server has a problem. Seconds
    /// to wait, if the server said (503 with `Retry-After`).
    ServerError(Option<u64>),
    /// No answer: the network failed, or the server took too long.
    Offline,
}

/// The parts of an answer's JSON body the form looks at. Anything else in
/// the body is ignored; a body that is not JSON, or not of this shape,
/// leaves both `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Body {
    /// `receipt` of `{"receipt": "..."}` (a 201), if it is a string.
    pub receipt: Option<String>,
    /// `errors` of `{"errors": [{"field": "...", "code": "..."}, ...]}` (a
    /// 400 or 422) as `(field, code)` pairs; `field` may be missing (empty
    /// here). `None` unless every entry is an object with a string `code`
    /// and, if present, a string `field`. Codes are kept as sent: ones this
    /// widget does not know (a newer server, or a whole-body problem such as
    /// `too_large`) must not make the whole answer unreadable.
    pub errors: Option<Vec<(String, String)>>,
}

/// Reads an answer: its status, body, and `Retry-After` header, at
/// `now_unix` (seconds since the epoch, for a date in `Retry-After`).
pub fn classify(status: u16, body: Body, retry_after: Option<&str>, now_unix: i64) -> Outcome {
    let wait = retry_after.and_then(|v| parse_retry_after(v, now_unix));
    match status {
        200 | 201 => match body.receipt.map(|r| r.parse::<Receipt>()) {
            Some(Ok(receipt)) => Outcome::Sent(receipt),
            _ => Outcome::ServerError(None),
        },
        // A refusal we cannot read is still a refusal (an empty list):
        // sending the same tip again would get the same answer.
        400 | 413 | 422 => Outcome::Invalid(
            body.errors
                .unwrap_or_default()
                .into_iter()
                .filter_map(|(field, code)| {
                    Some(FieldError::new(field, ErrorCode::from_wire(&code)?))
                })
                .collect(),
        ),
        429 => Outcome::Busy(wait),
        _ => Outcome::ServerError(wait),
    }
}

impl Outcome {
    /// Milliseconds to wait before trying again by ourselves after this
    /// outcome, on automatic retry number `attempt` (from 0), with `jitter`
    /// in `0.0..=1.0`. `None`: do not retry (sent, or refused).
    ///
    /// The wait is the backoff schedule's, or the server's `Retry-After` if
    /// that is longer (capped at [`MAX_RETRY_AFTER_SECS`]).
    pub fn retry_in_ms(&self, attempt: u32, jitter: f64) -> Option<u32> {
        let backoff = retry_delay_ms(attempt, jitter);
        let asked = match self {
            Outcome::Sent(_) | Outcome::Invalid(_) => return None,
            Outcome::Offline => None,
            Outcome::Busy(wait) | Outcome::ServerError(wait) => *wait,
        };
        let asked_ms = asked.map_or(0, |secs| {
            // At most an hour, so this fits in u32 milliseconds.
            (secs.min(MAX_RETRY_AFTER_SECS) * 1_000) as u32
        });
        Some(backoff.max(asked_ms))
    }
}

/// Whole minutes to tell the person to wait, rounding up, for a wait of
/// `secs`; 0 means "under a minute".
pub fn wait_minutes(secs: u64) -> u64 {
    if secs < 60 {
        0
    } else {
        secs.div_ceil(60)
    }
}

/// Whole seconds, rounded up, of a delay in milliseconds.
pub fn whole_seconds(ms: u32) -> u32 {
    ms.div_ceil(1_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_321_800; // 2026-11-22 04:30:00 UTC

    fn receipt() -> Receipt {
        Receipt::from_random(1_234_567_890_123_456)
    }

    /// A body with this `receipt`.
    fn created(receipt: &str) -> Body {
        Body {
            receipt: Some(receipt.to_owned()),
            errors: None,
        }
    }

    /// A body with these `errors`.
    fn refused(errors: &[(&str, &str)]) -> Body {
        Body {
            receipt: None,
            errors: Some(
                errors
                    .iter()
                    .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
                    .collect(),
            ),
        }
    }

    #[test]
    fn created_gives_the_receipt() {
        let body = created(&receipt().to_string());
        assert_eq!(
            classify(201, body.clone(), None, NOW),
            Outcome::Sent(receipt())
        );
        // An idempotent replay may say 200; the receipt is just as good.
        assert_eq!(classify(200, body, None, NOW), Outcome::Sent(receipt()));
    }

    #[test]
    fn created_with_garbage_is_a_server_problem_not_a_success() {
        // Not JSON, or no string receipt (the browser tests in
        // tests/answers.rs check which bodies read as which).
        assert_eq!(
            classify(201, Body::default(), None, NOW),
            Outcome::ServerError(None)
        );
        assert_eq!(
            classify(201, created("abc"), None, NOW),
            Outcome::ServerError(None)
        );
        assert_eq!(
            classify(201, refused(&[]), None, NOW),
            Outcome::ServerError(None)
        );
    }

    #[test]
    fn unprocessable_maps_each_known_error() {
        let body = refused(&[
            ("narrative", "too_short"),
            ("contact.email", "invalid_email"),
            ("when.date", "from_a_newer_server"),
            ("", "also_new"),
        ]);
        assert_eq!(
            classify(422, body, None, NOW),
            Outcome::Invalid(vec![
                FieldError::new("narrative", ErrorCode::TooShort),
                FieldError::new("contact.email", ErrorCode::InvalidEmail),
            ])
        );
    }

    #[test]
    fn unreadable_refusals_are_still_refusals() {
        assert_eq!(
            classify(422, Body::default(), None, NOW),
            Outcome::Invalid(vec![])
        );
        assert_eq!(
            classify(413, created("x"), None, NOW),
            Outcome::Invalid(vec![])
        );
    }

    #[test]
    fn too_many_requests_reads_retry_after() {
        assert_eq!(
            classify(429, Body::default(), Some("120"), NOW),
            Outcome::Busy(Some(120))
        );
        assert_eq!(
            classify(
                429,
                Body::default(),
                Some("Sun, 22 Nov 2026 04:31:00 GMT"),
                NOW
            ),
            Outcome::Busy(Some(60))
        );
        assert_eq!(
            classify(429, Body::default(), Some("whenever"), NOW),
            Outcome::Busy(None)
        );
        assert_eq!(
            classify(429, Body::default(), None, NOW),
            Outcome::Busy(None)
        );
    }

    #[test]
    fn server_failures_and_surprises_are_server_errors() {
        assert_eq!(
            classify(500, Body::default(), None, NOW),
            Outcome::ServerError(None)
        );
        assert_eq!(
            classify(503, Body::default(), Some("30"), NOW),
            Outcome::ServerError(Some(30))
        );
        assert_eq!(
            classify(404, Body::default(), None, NOW),
            Outcome::ServerError(None)
        );
        assert_eq!(
            classify(302, Body::default(), None, NOW),
            Outcome::ServerError(None)
        );
    }

    #[test]
    fn retries_follow_backoff_or_retry_after_whichever_is_longer() {
        assert_eq!(Outcome::Offline.retry_in_ms(0, 1.0), Some(2_000));
        assert_eq!(Outcome::ServerError(None).retry_in_ms(3, 1.0), Some(16_000));
        assert_eq!(
            Outcome::ServerError(Some(30)).retry_in_ms(0, 1.0),
            Some(30_000)
        );
        assert_eq!(Outcome::Busy(Some(1)).retry_in_ms(2, 1.0), Some(8_000));
        assert_eq!(Outcome::Busy(None).retry_in_ms(10, 1.0), Some(60_000));
        assert_eq!(
            Outcome::Busy(Some(u64::MAX)).retry_in_ms(0, 0.0),
            Some(3_600_000)
        );
        assert_eq!(Outcome::Sent(receipt()).retry_in_ms(0, 0.5), None);
        assert_eq!(Outcome::Invalid(vec![]).retry_in_ms(0, 0.5), None);
    }

    #[test]
    fn waits_are_said_in_whole_units_rounded_up() {
        assert_eq!(wait_minutes(0), 0);
        assert_eq!(wait_minutes(59), 0);
        assert_eq!(wait_minutes(60), 1);
        assert_eq!(wait_minutes(61), 2);
        assert_eq!(wait_minutes(3_600), 60);
        assert_eq!(whole_seconds(1), 1);
        assert_eq!(whole_seconds(2_000), 2);
        assert_eq!(whole_seconds(2_001), 3);
    }
}

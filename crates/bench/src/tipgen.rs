//! Realistic tips for the intake benchmark: every field of the wire format
//! filled, about 2 KB of JSON each, different text in each, and each checked
//! against the shared rules before any is sent (so the benchmark measures
//! accepted tips, not rejections).

use std::time::{SystemTime, UNIX_EPOCH};

use lantern_tip::catalog::{SIGNS, VENUES};
use lantern_tip::{Date, Tip};
use serde_json::{json, Value};

/// The body size the benchmark aims for.
pub const TARGET_BYTES: usize = 2_048;

/// Why no valid tip could be made (the shared model changed under us).
#[derive(Debug, thiserror::Error)]
pub enum TipGenError {
    /// The JSON does not decode as a `Tip`.
    #[error("the benchmark tip does not decode: {0}")]
    Decode(#[from] serde_json::Error),
    /// The tip decodes but breaks a rule.
    #[error("the benchmark tip breaks the rules: {0}")]
    Invalid(String),
}

/// Days since the epoch today (UTC), the day the server validates against.
fn today_days() -> i64 {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    i64::try_from(seconds / 86_400).unwrap_or(0)
}

/// One tip, numbered `n` so each one's text differs, as JSON bytes of about
/// [`TARGET_BYTES`]. Its date is three days ago, so never in the future.
pub fn tip_json(n: u64) -> Vec<u8> {
    let date = Date::from_days_since_epoch(today_days() - 3);
    let signs: Vec<&str> = SIGNS.iter().take(6).map(|s| s.id).collect();
    let venue = VENUES
        .get(n as usize % VENUES.len().max(1))
        .copied()
        .unwrap_or("");
    let mut tip = json!({
        "version": lantern_tip::limits::VERSION,
        "language": if n.is_multiple_of(2) { "en" } else { "es" },
        "partner": "bench-partner",
        "danger_now": "unsure",
        "reporter": "witness",
        "kind": "labor",
        "when": { "date": date.to_string(), "time_of_day": "evening", "ongoing": true },
        "location": {
            "country": "US",
            "region": "Texas",
            "city": "Houston",
            "place": format!("Golden Lotus Spa and Restaurant, unit {n}"),
            "details": "Back entrance off the service alley behind the strip mall; \
                        a white van parks there most nights after ten."
        },
        "venue": venue,
        "people": {
            "count": "2-5",
            "minors": "unsure",
            "description": "Three women, maybe early twenties, who never leave without \
                            the manager. They look tired and one had a bandaged wrist.",
            "languages": "Spanish, Mam, some English"
        },
        "controllers": {
            "description": "A man in his forties who drives them to and from the building \
                            and holds everyone's phones during the shift.",
            "names": "Called 'Tío' or 'Boss' by the others",
            "vehicles": "White Ford Transit van, Texas plates starting KLM"
        },
        "indicators": signs,
        "online": {
            "sites": "classified ads site, a messaging app group",
            "handles": format!("@lotus_jobs_{n}, @houston.work.now"),
            "phones": "713-555-0142, 832-555-0199"
        },
        "narrative": "",
        "contact": {
            "preference": "confidential",
            "phone": "+1 713 555 0100",
            "email": format!("reporter{n}@example.org"),
            "safe_times": "Weekdays after 6 pm",
            "voicemail_ok": false
        }
    });
    let base = serde_json::to_vec(&tip).map_or(0, |v| v.len());
    let sentence = "I work next door and have seen the same people brought in every \
                    morning and taken away late at night; they never seem to be paid \
                    and they are not allowed to talk to customers. ";
    let mut narrative = format!("Tip {n}. ");
    while base + narrative.len() < TARGET_BYTES {
        narrative.push_str(sentence);
    }
    narrative
        .truncate(narrative.len() - (base + narrative.len() - TARGET_BYTES).min(narrative.len()));
    tip["narrative"] = Value::String(narrative.trim_end().to_owned());
    serde_json::to_vec(&tip).unwrap_or_default()
}

/// Checks that [`tip_json`] makes a tip the server will accept today.
pub fn check() -> Result<usize, TipGenError> {
    let body = tip_json(1);
    let tip: Tip = serde_json::from_slice(&body)?;
    tip.validate(Date::from_days_since_epoch(today_days()))
        .map_err(|errors| {
            TipGenError::Invalid(
                errors
                    .iter()
                    .map(|e| serde_json::to_string(e).unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        })?;
    Ok(body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bench_tips_are_valid_and_about_two_kilobytes() {
        let size = check().unwrap();
        assert!((1_900..=2_100).contains(&size), "{size} bytes");
    }

    #[test]
    fn bench_tips_differ() {
        assert_ne!(tip_json(1), tip_json(2));
    }
}

//! What the hotline receives: the payload sealed with age for each tip. The
//! intake writes it through this type and `export` (and the analysts'
//! tools) read it back through it, so the two cannot drift. `docs/api.md`
//! describes it for analysts who open tips with the stock `age` tool.

use serde::{Deserialize, Serialize};

use crate::{Receipt, Tip};

/// One sealed tip, as JSON inside the age file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedTip {
    /// The payload's format: [`SealedTip::FORMAT`]. Payloads sealed before
    /// the field existed have none and are format 1.
    #[serde(default = "SealedTip::first_format")]
    pub format: u32,
    /// The receipt the person was given.
    #[serde(with = "receipt_text")]
    pub receipt: Receipt,
    /// When it arrived, to the second, RFC 3339 in UTC
    /// (`2026-11-22T04:23:16Z`). Kept only inside the sealed payload: the
    /// database's clear columns hold the hour alone.
    pub received_at: String,
    /// The tip exactly as validated.
    pub tip: Tip,
}

impl SealedTip {
    /// The format this crate writes.
    pub const FORMAT: u32 = 1;

    const fn first_format() -> u32 {
        1
    }

    /// The payload for `tip`, received at `received_at`, given `receipt`.
    pub fn new(receipt: Receipt, received_at: String, tip: Tip) -> Self {
        Self {
            format: Self::FORMAT,
            receipt,
            received_at,
            tip,
        }
    }
}

/// A receipt as its printed form (`1234 5678 9012 3456`).
mod receipt_text {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::Receipt;

    pub fn serialize<S: Serializer>(receipt: &Receipt, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(receipt)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Receipt, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_round_trips_and_old_payloads_without_a_format_still_read() {
        let tip: Tip =
            serde_json::from_str(r#"{"version":1,"narrative":"They took our passports."}"#)
                .unwrap();
        let sealed = SealedTip::new(
            Receipt::from_random(1_234_567_890_123_456),
            "2026-11-22T04:23:16Z".into(),
            tip,
        );
        let text = serde_json::to_string(&sealed).unwrap();
        assert!(text.starts_with(r#"{"format":1,"receipt":"1234 5678 9012 3456","received_at":"2026-11-22T04:23:16Z","tip":{"#), "{text}");
        assert_eq!(serde_json::from_str::<SealedTip>(&text).unwrap(), sealed);

        let old = r#"{"receipt":"1234 5678 9012 3456","received_at":"2026-11-22T04:23:16Z","tip":{"version":1,"narrative":"They took our passports."}}"#;
        assert_eq!(serde_json::from_str::<SealedTip>(old).unwrap(), sealed);
        assert!(serde_json::from_str::<SealedTip>(&old.replace("1234 ", "12x4 ")).is_err());
    }
}

//! Decoding request bodies: malformed JSON against JSON that is not a tip,
//! with the field path, and round trips of a full and a minimal tip.

mod common;

use common::{full, minimal, today};
use lantern_tip::{decode, DecodeError, DecodeErrorKind, ErrorCode, FieldError, Tip};

use ErrorCode::*;

/// The single field error a body decodes to; panics if it decodes or is malformed.
fn invalid(body: &str) -> (String, ErrorCode) {
    match decode(body.as_bytes()) {
        Err(DecodeError::Invalid(FieldError { field, code })) => (field, code),
        other => panic!("{body}: expected an invalid tip, got {other:?}"),
    }
}

fn tip_with(extra: &str) -> String {
    format!(r#"{{"version":1,"narrative":"Someone cannot leave the farm."{extra}}}"#)
}

#[test]
fn malformed_bodies_are_told_apart() {
    let bodies: &[&[u8]] = &[
        b"",
        b"   ",
        b"{",
        b"not json",
        b"{\"version\":1,",
        b"{'version':1}",
        b"{\"version\":1,\"narrative\":\"Someone cannot leave.\"} trailing",
        b"{\"version\":1,\"narrative\":\"Someone cannot leave.\"}{}",
        b"{\"version\":1,\"narrative\":\"caf\xe9 invalid utf-8\"}",
        b"{\"version\":1,\"narrative\":\"lone \\ud800 surrogate here\"}",
        b"{\"version\":1,\"narrative\":\"raw\x01control\"}",
        b"\xef\xbb\xbf{\"version\":1,\"narrative\":\"byte order mark\"}",
        // Found by fuzzing: an unknown field before the syntax error.
        b"{\"\"version\":1,\"narrative\":\"Someone cannot leave.\"}",
        b"{\"extra\":1,\"narrative\":",
        b"{\"version\":\"1\" \"narrative\":\"x\"}",
    ];
    for body in bodies {
        let error = decode(body).expect_err("must not decode");
        assert_eq!(
            error.kind(),
            DecodeErrorKind::Malformed,
            "{}",
            String::from_utf8_lossy(body)
        );
        assert!(error.is_malformed());
        assert_eq!(error.errors(), vec![FieldError::new("", MalformedJson)]);
    }
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let body = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(decode(body.as_bytes()).is_err());
    let body = tip_with(&format!(r#","when":{}"#, "{\"a\":".repeat(50_000)));
    assert!(decode(body.as_bytes()).is_err());
}

#[test]
fn unknown_fields_are_refused_at_every_level() {
    for (extra, path) in [
        (r#","extra":1"#, "extra"),
        (r#","Narrative":"x""#, "Narrative"),
        (r#","when":{"extra":true}"#, "when.extra"),
        (r#","location":{"zip":"77001"}"#, "location.zip"),
        (r#","people":{"ages":"20s"}"#, "people.ages"),
        (r#","controllers":{"phone":"555"}"#, "controllers.phone"),
        (r#","online":{"urls":""}"#, "online.urls"),
        (
            r#","contact":{"preference":"share","name":"Ana"}"#,
            "contact.name",
        ),
    ] {
        assert_eq!(
            invalid(&tip_with(extra)),
            (path.to_string(), UnknownField),
            "{extra}"
        );
    }
}

#[test]
fn wrong_types_name_the_field() {
    for (body, path) in [
        (
            r#"{"version":"1","narrative":"Someone cannot leave."}"#.to_string(),
            "version",
        ),
        (
            r#"{"version":1.5,"narrative":"Someone cannot leave."}"#.to_string(),
            "version",
        ),
        (
            r#"{"version":1,"narrative":12345678901}"#.to_string(),
            "narrative",
        ),
        (r#"{"version":1,"narrative":null}"#.to_string(), "narrative"),
        (tip_with(r#","indicators":"isolated""#), "indicators"),
        (tip_with(r#","indicators":["isolated",7]"#), "indicators[1]"),
        (tip_with(r#","indicators":null"#), "indicators"),
        (tip_with(r#","when":"yesterday""#), "when"),
        (tip_with(r#","when":{"ongoing":"yes"}"#), "when.ongoing"),
        (tip_with(r#","when":{"date":20261120}"#), "when.date"),
        (tip_with(r#","location":{"city":5}"#), "location.city"),
        (tip_with(r#","people":{"count":2}"#), "people.count"),
        (tip_with(r#","kind":true"#), "kind"),
        (tip_with(r#","language":["en"]"#), "language"),
        (
            tip_with(r#","contact":{"voicemail_ok":1}"#),
            "contact.voicemail_ok",
        ),
        (tip_with(r#","venue":["agriculture"]"#), "venue"),
        (tip_with(r#","partner":{}"#), "partner"),
        ("null".to_string(), ""),
        ("\"a tip\"".to_string(), ""),
        ("42".to_string(), ""),
    ] {
        assert_eq!(invalid(&body), (path.to_string(), InvalidType), "{body}");
    }
}

#[test]
fn arrays_are_not_objects() {
    // Serde's derive would read these positionally; the contract says objects.
    assert_eq!(invalid("[]"), (String::new(), InvalidType));
    assert_eq!(
        invalid(
            r#"[1, null, "", null, null, null, null, null, "", null, null, [], null, "Someone cannot leave.", null]"#
        ),
        (String::new(), InvalidType)
    );
    assert_eq!(
        invalid(&tip_with(r#","when":["2026-11-20","evening",true]"#)),
        ("when".to_string(), InvalidType)
    );
    assert_eq!(
        invalid(&tip_with(r#","contact":["share","5550101","",""]"#)),
        ("contact".to_string(), InvalidType)
    );
}

#[test]
fn values_outside_the_allowed_sets() {
    for (extra, path) in [
        (r#","kind":"trafficking""#, "kind"),
        (r#","kind":"Sex""#, "kind"),
        (r#","language":"fr""#, "language"),
        (r#","reporter":"myself""#, "reporter"),
        (r#","danger_now":"maybe""#, "danger_now"),
        (r#","when":{"time_of_day":"noon"}"#, "when.time_of_day"),
        (r#","people":{"count":"7"}"#, "people.count"),
        (r#","people":{"minors":"no idea"}"#, "people.minors"),
        (r#","contact":{"preference":"email"}"#, "contact.preference"),
    ] {
        assert_eq!(
            invalid(&tip_with(extra)),
            (path.to_string(), InvalidValue),
            "{extra}"
        );
    }
    assert_eq!(
        invalid(r#"{"version":-1,"narrative":"Someone cannot leave."}"#),
        ("version".to_string(), InvalidValue)
    );
    assert_eq!(
        invalid(r#"{"version":4294967296,"narrative":"Someone cannot leave."}"#),
        ("version".to_string(), InvalidValue)
    );
}

#[test]
fn missing_and_duplicated_fields() {
    assert_eq!(invalid("{}"), ("version".to_string(), Required));
    assert_eq!(
        invalid(r#"{"version":1}"#),
        ("narrative".to_string(), Required)
    );
    assert_eq!(
        invalid(r#"{"narrative":"Someone cannot leave."}"#),
        ("version".to_string(), Required)
    );
    assert_eq!(
        invalid(&tip_with(r#","narrative":"A second narrative.""#)),
        ("narrative".to_string(), Duplicate)
    );
    assert_eq!(
        invalid(&tip_with(
            r#","when":{"date":"2026-01-01","date":"2026-01-02"}"#
        )),
        ("when.date".to_string(), Duplicate)
    );
}

#[test]
fn optional_parts_may_be_null_or_empty() {
    let body = tip_with(
        r#","language":null,"when":null,"location":{},"contact":{},"indicators":[],"venue":"","partner":"""#,
    );
    let tip = decode(body.as_bytes()).expect("decodes");
    assert_eq!(tip.validate(today()), Ok(()));
    assert_eq!(tip.when, None);
    assert_eq!(tip.location, Some(Default::default()));
    assert_eq!(
        tip.contact.map(|c| c.preference),
        Some(lantern_tip::ContactPreference::NoContact)
    );
}

#[test]
fn error_messages_never_quote_the_tip() {
    // Servers may log a decoding error, so it must not carry tip content.
    for body in [
        r#"{"version":"SECRET-MARKER","narrative":"x"}"#,
        r#"{"version":1,"narrative":"x","kind":"SECRET-MARKER"}"#,
        r#"{"version":1,"narrative":["SECRET-MARKER"]}"#,
        r#"{"version":1,"narrative":"SECRET-MARKER"#,
    ] {
        let error = decode(body.as_bytes()).expect_err("must fail");
        let shown = format!("{error} {error:?} {:?}", error.errors());
        assert!(!shown.contains("SECRET"), "{shown}");
    }
}

/// The example tip of the contract, with every field, as a client sends it.
const FULL_EXAMPLE: &str = r#"{
  "version": 1, "language": "es", "partner": "ngo-houston-2",
  "danger_now": "no", "reporter": "witness", "kind": "labor",
  "when": { "date": "2026-11-20", "time_of_day": "evening", "ongoing": true },
  "location": { "country": "US", "region": "TX", "city": "Houston", "place": "Green Acres packing shed",
                "details": "Behind the gas station on Route 6" },
  "venue": "agriculture",
  "people": { "count": "6+", "minors": "unsure", "description": "Young men, some look under 18", "languages": "Spanish, Mam" },
  "controllers": { "description": "Crew boss, tall, grey cap", "names": "\"El Jefe\"", "vehicles": "White van, plate ABC 1234" },
  "indicators": ["id-held-by-others", "unpayable-debt", "lives-at-work"],
  "online": { "sites": "a jobs board", "handles": "@farmwork_jobs", "phones": "+1 555 010 9999" },
  "narrative": "Workers sleep in the shed and their passports are kept by the boss.",
  "contact": { "preference": "confidential", "phone": "+1 (555) 010-1234", "email": "safe.person@example.org",
               "safe_times": "Weekdays after 6pm", "voicemail_ok": true }
}"#;

#[test]
fn full_example_round_trips() {
    let tip = decode(FULL_EXAMPLE.as_bytes()).expect("decodes");
    // `full()` also fills the plain text fields the example leaves out
    // (none today; a field added to the table later), each with its filler.
    let mut filled = tip.clone();
    common::fill_plain_text(&mut filled);
    assert_eq!(filled, full());
    assert_eq!(tip.validate(today()), Ok(()));
    let json = serde_json::to_string(&tip).expect("serialises");
    assert_eq!(decode(json.as_bytes()).expect("decodes again"), tip);
    // Serialising keeps every field the client sent.
    let sent: serde_json::Value = serde_json::from_str(FULL_EXAMPLE).expect("json");
    let again: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(sent, again);
}

#[test]
fn minimal_tip_round_trips_to_the_same_bytes() {
    let body = r#"{"version":1,"narrative":"Someone at the farm cannot leave."}"#;
    let tip = decode(body.as_bytes()).expect("decodes");
    assert_eq!(tip, minimal());
    assert_eq!(tip.validate(today()), Ok(()));
    assert_eq!(serde_json::to_string(&tip).expect("serialises"), body);
}

#[test]
fn empty_parts_are_left_out_when_serialising() {
    let tip = Tip {
        location: Some(Default::default()),
        contact: Some(Default::default()),
        ..minimal()
    };
    let json = serde_json::to_string(&tip).expect("serialises");
    assert_eq!(
        json,
        r#"{"version":1,"location":{},"narrative":"Someone at the farm cannot leave.","contact":{"preference":"none"}}"#
    );
    assert_eq!(decode(json.as_bytes()).expect("decodes"), tip);
}

#[test]
fn text_is_kept_exactly() {
    let narrative = "  <b>bold</b> \u{202e}evil\u{200b} 🙂 \0 \\ \" \n\t end  ";
    let body = serde_json::to_string(&Tip {
        narrative: narrative.into(),
        ..minimal()
    })
    .expect("serialises");
    assert_eq!(
        decode(body.as_bytes()).expect("decodes").narrative,
        narrative
    );
}

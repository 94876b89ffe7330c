//! The shared rules (partner id, exit URL, language tag and choice) against
//! the one table of cases, `tests/vectors/rules.json`, which the widget's
//! configuration (`src/config.rs`) and the loader (`embed/embed.test.mjs`)
//! run too.

use lantern_tip::{validate, ErrorCode, ExitUrl, Language, PartnerId};
use serde_json::Value;

fn vectors() -> Value {
    serde_json::from_str(include_str!("vectors/rules.json")).expect("rules.json is JSON")
}

fn cases(name: &str) -> Vec<Value> {
    let cases = vectors()[name].as_array().cloned().unwrap_or_default();
    assert!(cases.len() > 3, "rules.json has cases for {name}");
    cases
}

/// A case's input: `input`, or `input_repeat: [head, unit, times]`.
fn input(case: &Value) -> String {
    if let Some(text) = case["input"].as_str() {
        return text.to_owned();
    }
    let parts = case["input_repeat"]
        .as_array()
        .expect("input or input_repeat");
    let times = usize::try_from(parts[2].as_u64().unwrap()).unwrap();
    format!(
        "{}{}",
        parts[0].as_str().unwrap(),
        parts[1].as_str().unwrap().repeat(times)
    )
}

fn tag(value: &Value) -> Option<&str> {
    value.as_str()
}

#[test]
fn the_defaults_and_the_list_are_these() {
    let v = vectors();
    assert_eq!(v["default_exit_url"], ExitUrl::DEFAULT);
    assert_eq!(ExitUrl::default().as_str(), ExitUrl::DEFAULT);
    let listed: Vec<&str> = Language::ALL.into_iter().map(Language::as_str).collect();
    assert_eq!(v["languages"], serde_json::json!(listed));
    assert_eq!(Language::DEFAULT.as_str(), listed[0]);
}

#[test]
fn partner_ids() {
    for case in cases("partner_id") {
        let text = input(&case);
        let valid = case["valid"].as_bool().unwrap();
        let parsed = PartnerId::parse(&text);
        assert_eq!(parsed.is_ok(), valid, "{text:?}: {parsed:?}");
        if let Ok(id) = parsed {
            assert_eq!(id.as_str(), text);
        }
        // The tip's own check says the same (an empty partner is "none").
        if !text.is_empty() {
            assert_eq!(validate::partner_id(&text).is_ok(), valid, "{text:?}");
        }
    }
    assert_eq!(validate::partner_id(""), Ok(()));
    assert_eq!(PartnerId::parse(&"a".repeat(65)), Err(ErrorCode::TooLong));
}

#[test]
fn exit_urls() {
    for case in cases("exit_url") {
        let text = input(&case);
        let valid = case["valid"].as_bool().unwrap();
        let parsed = ExitUrl::parse(&text);
        assert_eq!(parsed.is_some(), valid, "{text:?}");
        if let Some(url) = parsed {
            assert_eq!(url.as_str(), case["as"].as_str().unwrap_or(&text));
        }
    }
}

#[test]
fn language_tags() {
    for case in cases("language_tag") {
        let text = input(&case);
        let got = Language::from_tag(&text).map(Language::as_str);
        assert_eq!(got, tag(&case["language"]), "{text:?}");
    }
}

#[test]
fn language_choice() {
    for case in cases("language_choice") {
        let preferred: Vec<&str> = case["preferred"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let chosen = Language::choose(
            tag(&case["asked"]),
            tag(&case["partner"]),
            preferred.iter().copied(),
        );
        assert_eq!(Some(chosen.as_str()), tag(&case["chosen"]), "{case}");
    }
}

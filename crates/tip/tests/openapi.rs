//! Keeps `openapi.json` honest: every enum, cap, required list and property
//! name in the published contract is checked against the Rust side, so the
//! document cannot drift from the code that enforces it.

mod common;

use std::collections::BTreeSet;

use lantern_tip::catalog::{SIGNS, VENUES};
use lantern_tip::model::*;
use lantern_tip::validate::FIELD_ORDER;
use lantern_tip::{limits, ErrorCode, OPENAPI_JSON};
use serde_json::Value;

fn doc() -> Value {
    serde_json::from_str(OPENAPI_JSON).expect("openapi.json is JSON")
}

/// Follows a `$ref` within the document.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.strip_prefix('#').expect("local reference");
            resolve(
                doc,
                doc.pointer(pointer)
                    .unwrap_or_else(|| panic!("{reference} resolves")),
            )
        }
        None => schema,
    }
}

/// The schema of the tip field at a dotted path (`when.date`).
fn field<'a>(doc: &'a Value, path: &str) -> &'a Value {
    let mut schema = doc.pointer("/components/schemas/Tip").expect("Tip schema");
    for name in path.split('.') {
        schema = resolve(doc, &schema["properties"][name]);
        assert!(!schema.is_null(), "{path}: no schema");
    }
    schema
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("{value} is a list"))
        .iter()
        .map(|v| v.as_str().expect("string").to_string())
        .collect()
}

fn wire<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|v| name(*v).to_string()).collect()
}

#[test]
fn is_openapi_3_0_with_every_endpoint() {
    let doc = doc();
    assert_eq!(doc["openapi"], "3.0.3");
    for path in ["/healthz", "/readyz", "/metrics", "/v1/openapi.json"] {
        assert!(
            doc["paths"][path]["get"]["responses"]["200"].is_object(),
            "{path}"
        );
    }
    let post = &doc["paths"]["/v1/tips"]["post"];
    for status in ["201", "400", "413", "415", "422", "429", "503"] {
        assert!(
            post["responses"][status].is_object(),
            "POST /v1/tips {status}"
        );
    }
    assert_eq!(
        post["responses"]["429"]["headers"]["Retry-After"]["required"],
        true
    );
    let header = &post["parameters"][0];
    assert_eq!(
        (
            header["name"].as_str(),
            header["in"].as_str(),
            header["required"].as_bool()
        ),
        (Some("Idempotency-Key"), Some("header"), Some(true))
    );
    assert_eq!(header["schema"]["pattern"], "^[0-9a-f]{32}$");
    assert_eq!(
        resolve(
            &doc,
            &post["requestBody"]["content"]["application/json"]["schema"]
        ),
        doc.pointer("/components/schemas/Tip").expect("Tip")
    );
}

#[test]
fn every_object_refuses_unknown_properties() {
    fn walk(value: &Value, at: &str) {
        match value {
            Value::Object(map) => {
                if map.get("type") == Some(&Value::from("object")) && map.contains_key("properties")
                {
                    assert_eq!(
                        map.get("additionalProperties"),
                        Some(&Value::Bool(false)),
                        "{at}"
                    );
                }
                for (key, child) in map {
                    walk(child, &format!("{at}/{key}"));
                }
            }
            Value::Array(list) => list
                .iter()
                .enumerate()
                .for_each(|(i, child)| walk(child, &format!("{at}/{i}"))),
            _ => {}
        }
    }
    walk(&doc(), "");
}

#[test]
fn properties_are_exactly_the_tip_fields() {
    let doc = doc();
    let mut documented = Vec::new();
    fn collect(doc: &Value, schema: &Value, prefix: &str, out: &mut Vec<String>) {
        let schema = resolve(doc, schema);
        if let Some(properties) = schema["properties"].as_object() {
            for (name, child) in properties {
                let path = if prefix.is_empty() {
                    name.clone()
                } else {
                    format!("{prefix}.{name}")
                };
                out.push(path.clone());
                collect(doc, child, &path, out);
            }
        }
    }
    collect(
        &doc,
        &doc["components"]["schemas"]["Tip"],
        "",
        &mut documented,
    );
    let documented: BTreeSet<String> = documented.into_iter().collect();
    let rust: BTreeSet<String> = FIELD_ORDER.iter().map(|f| f.to_string()).collect();
    assert_eq!(documented, rust);
}

#[test]
fn serde_names_match_the_schema() {
    // A tip with every field set serialises to exactly the documented names.
    let doc = doc();
    let value = serde_json::to_value(common::full()).expect("serialises");
    fn check(doc: &Value, schema: &Value, value: &Value, at: &str) {
        let schema = resolve(doc, schema);
        if let Some(object) = value.as_object() {
            let names: BTreeSet<&String> = object.keys().collect();
            let documented: BTreeSet<&String> = schema["properties"]
                .as_object()
                .map(|p| p.keys().collect())
                .unwrap_or_default();
            assert_eq!(names, documented, "at {at:?}");
            for (name, child) in object {
                check(
                    doc,
                    &schema["properties"][name],
                    child,
                    &format!("{at}.{name}"),
                );
            }
        }
    }
    check(&doc, &doc["components"]["schemas"]["Tip"], &value, "");
}

#[test]
fn required_lists_match() {
    let doc = doc();
    assert_eq!(
        strings(&doc["components"]["schemas"]["Tip"]["required"]),
        ["version", "narrative"]
    );
    for nested in [
        "When",
        "Location",
        "People",
        "Controllers",
        "Online",
        "Contact",
    ] {
        assert!(
            doc["components"]["schemas"][nested]["required"].is_null(),
            "{nested} has no required fields"
        );
    }
    assert_eq!(
        field(&doc, "version")["enum"],
        serde_json::json!([limits::VERSION])
    );
}

#[test]
fn enums_match_the_rust_types() {
    let doc = doc();
    let cases: Vec<(&str, Vec<String>)> = vec![
        ("language", wire(Language::ALL, Language::as_str)),
        ("danger_now", wire(Answer::ALL, Answer::as_str)),
        ("reporter", wire(Reporter::ALL, Reporter::as_str)),
        ("kind", wire(TraffickingKind::ALL, TraffickingKind::as_str)),
        ("when.time_of_day", wire(TimeOfDay::ALL, TimeOfDay::as_str)),
        ("people.count", wire(PeopleCount::ALL, PeopleCount::as_str)),
        ("people.minors", wire(Answer::ALL, Answer::as_str)),
        (
            "contact.preference",
            wire(ContactPreference::ALL, ContactPreference::as_str),
        ),
        ("venue", VENUES.iter().map(|v| v.to_string()).collect()),
    ];
    for (path, expected) in cases {
        assert_eq!(strings(&field(&doc, path)["enum"]), expected, "{path}");
    }
    let indicators = field(&doc, "indicators");
    assert_eq!(
        strings(&indicators["items"]["enum"]),
        SIGNS.iter().map(|s| s.id).collect::<Vec<_>>()
    );
    assert_eq!(indicators["maxItems"], limits::MAX_INDICATORS);
    assert_eq!(indicators["uniqueItems"], true);
    assert_eq!(
        field(&doc, "contact.preference")["default"],
        ContactPreference::default().as_str()
    );
    let codes = &doc["components"]["schemas"]["FieldError"]["properties"]["code"]["enum"];
    assert_eq!(strings(codes), wire(ErrorCode::ALL, ErrorCode::as_str));
    // Every enum value serde writes is one the document lists, and back.
    for value in Reporter::ALL {
        let json = serde_json::to_value(value).expect("serialises");
        assert!(field(&doc, "reporter")["enum"]
            .as_array()
            .is_some_and(|l| l.contains(&json)));
    }
}

#[test]
fn caps_match_the_limits() {
    let doc = doc();
    let caps = [
        ("partner", limits::PARTNER),
        ("location.region", limits::REGION),
        ("location.city", limits::CITY),
        ("location.place", limits::PLACE),
        ("location.details", limits::LOCATION_DETAILS),
        ("people.description", limits::PEOPLE_DESCRIPTION),
        ("people.languages", limits::PEOPLE_LANGUAGES),
        ("controllers.description", limits::CONTROLLERS_DESCRIPTION),
        ("controllers.names", limits::CONTROLLERS_NAMES),
        ("controllers.vehicles", limits::CONTROLLERS_VEHICLES),
        ("online.sites", limits::ONLINE_SITES),
        ("online.handles", limits::ONLINE_HANDLES),
        ("online.phones", limits::ONLINE_PHONES),
        ("narrative", limits::NARRATIVE_MAX),
        ("contact.phone", limits::CONTACT_PHONE),
        ("contact.email", limits::CONTACT_EMAIL),
        ("contact.safe_times", limits::CONTACT_SAFE_TIMES),
        ("location.country", 2),
        ("when.date", 10),
    ];
    for (path, cap) in caps {
        assert_eq!(field(&doc, path)["maxLength"], cap, "{path}");
    }
    assert_eq!(field(&doc, "narrative")["minLength"], limits::NARRATIVE_MIN);
    // Every string field with a cap is in the table above.
    let listed: BTreeSet<&str> = caps.iter().map(|(p, _)| *p).collect();
    for path in FIELD_ORDER {
        let schema = field(&doc, path);
        if schema["type"] == "string" && schema.get("enum").is_none() {
            assert!(listed.contains(path), "{path} has no checked cap");
        }
    }
}

#[test]
fn documented_text_limits_hold_for_the_example_tip() {
    // The full example, checked against the schema's caps by hand: the
    // document and the rules agree on a real tip.
    let doc = doc();
    let value = serde_json::to_value(common::full()).expect("serialises");
    for path in FIELD_ORDER {
        let Some(Value::String(text)) = value.pointer(&format!("/{}", path.replace('.', "/")))
        else {
            continue;
        };
        if let Some(cap) = field(&doc, path)["maxLength"].as_u64() {
            assert!(text.chars().count() as u64 <= cap, "{path}");
        }
    }
}

#[test]
fn request_examples_are_valid_tips() {
    let doc = doc();
    let examples = doc["paths"]["/v1/tips"]["post"]["requestBody"]["content"]["application/json"]
        ["examples"]
        .as_object()
        .expect("request examples");
    assert!(examples.len() >= 2);
    for (name, example) in examples {
        let body = serde_json::to_vec(&example["value"]).expect("json");
        let tip = lantern_tip::decode(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(tip.validate(common::today()), Ok(()), "{name}");
    }
    let key = doc["paths"]["/v1/tips"]["post"]["parameters"][0]["example"]
        .as_str()
        .expect("key example");
    assert!(key.parse::<lantern_tip::IdempotencyKey>().is_ok());
    let receipt = &doc["paths"]["/v1/tips"]["post"]["responses"]["201"]["content"]
        ["application/json"]["example"]["receipt"];
    assert!(receipt
        .as_str()
        .is_some_and(|r| r.parse::<lantern_tip::Receipt>().is_ok()));
}

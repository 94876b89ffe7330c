//! Keeps the OpenAPI document honest: every enum, cap, required list and
//! property name in the published contract (`openapi.json` with the plain
//! text fields the field table adds) is checked against the Rust side, so
//! the document cannot drift from the code that enforces it.

mod common;

use std::collections::BTreeSet;

use lantern_tip::catalog::{SIGNS, VENUES};
use lantern_tip::field::{Field, Input, Kind};
use lantern_tip::model::*;
use lantern_tip::validate::FIELD_ORDER;
use lantern_tip::{limits, openapi_document, ErrorCode};
use serde_json::Value;

fn doc() -> Value {
    serde_json::from_str(openapi_document()).expect("the document is JSON")
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

fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| name(*v)).collect()
}

fn wire<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|v| name(*v).to_string()).collect()
}

#[test]
fn is_openapi_3_0_with_every_endpoint() {
    // 3.0, not 3.1: in 3.1 (JSON Schema 2020-12) `1.0` is an integer, which
    // `version` (a u32) refuses; 3.0 has the anyOf the contact rules need.
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
        ("language", wire(&Language::ALL, Language::as_str)),
        ("danger_now", wire(Tristate::ALL, Tristate::as_str)),
        ("reporter", wire(Reporter::ALL, Reporter::as_str)),
        ("kind", wire(TraffickingKind::ALL, TraffickingKind::as_str)),
        ("when.time_of_day", wire(TimeOfDay::ALL, TimeOfDay::as_str)),
        ("people.count", wire(PeopleCount::ALL, PeopleCount::as_str)),
        ("people.minors", wire(Tristate::ALL, Tristate::as_str)),
        (
            "contact.preference",
            wire(ContactPreference::ALL, ContactPreference::as_str),
        ),
        ("venue", VENUES.iter().map(|v| v.to_string()).collect()),
    ];
    for (path, expected) in cases {
        let schema = field(&doc, path);
        let mut listed: Vec<Value> = expected.into_iter().map(Value::from).collect();
        if path == "venue" {
            // An empty string means "not given", as for every text field.
            listed.insert(0, Value::from(""));
        }
        if schema["nullable"] == true {
            // OpenAPI 3.0: `nullable` admits null only if the enum lists it.
            listed.push(Value::Null);
        }
        assert_eq!(schema["enum"], Value::Array(listed), "{path}");
    }
    // Every optional choice may be null, as serde reads it: exactly the `Option`s.
    for path in [
        "language",
        "danger_now",
        "reporter",
        "kind",
        "when",
        "when.time_of_day",
        "when.ongoing",
        "location",
        "people",
        "people.count",
        "people.minors",
        "controllers",
        "online",
        "contact",
    ] {
        assert_eq!(field(&doc, path)["nullable"], true, "{path}");
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
fn caps_match_the_field_model() {
    // The model's caps are checked against `limits` in the crate's own
    // tests; here the document is held to the model.
    let doc = doc();
    for f in Field::ALL {
        let schema = field(&doc, f.path());
        match f.cap() {
            Some(cap) => assert_eq!(schema["maxLength"], cap, "{}", f.path()),
            None => assert!(schema["maxLength"].is_null(), "{}", f.path()),
        }
        // Every string the document leaves open is capped in the model.
        if schema["type"] == "string" && schema.get("enum").is_none() {
            assert!(f.cap().is_some(), "{} has no cap in the model", f.path());
        }
        // A free-text field holds any text without control characters.
        if matches!(f.kind(), Kind::Text(_)) {
            assert_eq!(schema["type"], "string", "{}", f.path());
            assert!(schema["pattern"].is_string(), "{}", f.path());
        }
    }
    assert_eq!(field(&doc, "narrative")["minLength"], limits::NARRATIVE_MIN);
    // The model's numbers are the limits' (a swapped entry would fail here).
    assert_eq!(Field::LocationCity.cap(), Some(limits::CITY));
    assert_eq!(Field::ContactPhone.cap(), Some(limits::CONTACT_PHONE));
}

#[test]
fn the_guide_lists_every_field_with_its_cap() {
    // docs/api.md's table of the body: one row per field that holds a
    // value, each text field with its cap.
    let guide = include_str!("../../../docs/api.md");
    let rows: Vec<(&str, &str)> = guide
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("| `")?;
            let (path, row) = rest.split_once('`')?;
            Some((path, row))
        })
        .filter(|(path, _)| Field::from_path(path).is_some())
        .collect();
    let listed: Vec<&str> = rows.iter().map(|(path, _)| *path).collect();
    let mut expected: Vec<&str> = Field::columns().collect();
    // The guide puts the two required fields first.
    expected.retain(|p| *p != "narrative");
    expected.insert(1, "narrative");
    assert_eq!(listed, expected);
    for (path, row) in rows {
        let f = Field::from_path(path).expect("listed");
        match (f.kind(), f.cap()) {
            // A plain text field says "Up to N."
            (Kind::Text(_), Some(cap)) => assert!(
                row.contains(&format!("Up to {cap}.")),
                "docs/api.md: {path} does not say its cap {cap}: {row}"
            ),
            // The narrative and the partner id state theirs in their rule.
            (Kind::Narrative | Kind::Partner, Some(cap)) => assert!(
                row.split(|c: char| !c.is_ascii_digit())
                    .any(|n| n == cap.to_string()),
                "docs/api.md: {path} does not say its cap {cap}: {row}"
            ),
            _ => {}
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

// ---- The document says exactly what the rules accept ---------------------
//
// Every character rule is a pattern built from the same predicates the
// rules use (checked as text, below), and a small evaluator of the JSON
// Schema keywords the document uses judges thousands of generated tips the
// way Schemathesis does: schema-valid must be accepted, schema-invalid
// refused (scripts/schemathesis.sh runs the real thing against a server).

use std::cell::RefCell;
use std::collections::HashMap;

use lantern_tip::validate::{is_refused_control, is_visible};
use lantern_tip::{date_pattern, openapi_json, Date, Tip, ANY_DATE_PATTERN};
use regex::Regex;

/// What the rules say of one character, for every code point (worked out
/// once: the predicates are called for all 1.1 million).
struct Facts {
    c: char,
    visible: bool,
    refused: bool,
    whitespace: bool,
}

fn facts() -> &'static [Facts] {
    static FACTS: std::sync::OnceLock<Vec<Facts>> = std::sync::OnceLock::new();
    FACTS.get_or_init(|| {
        (0..=0x10_FFFF)
            .filter_map(char::from_u32)
            .map(|c| Facts {
                c,
                visible: is_visible(c),
                refused: is_refused_control(c),
                whitespace: c.is_whitespace(),
            })
            .collect()
    })
}

/// Code points, in order, for which `member` holds, as a character class's
/// contents: `\uXXXX` and `\uXXXX-\uYYYY` for the BMP, the characters
/// themselves beyond it (which every regex dialect reads the same way).
fn class(member: impl Fn(&Facts) -> bool) -> String {
    let render = |c: char| {
        if u32::from(c) <= 0xFFFF {
            format!("\\u{:04X}", u32::from(c))
        } else {
            c.to_string()
        }
    };
    let mut out = String::new();
    let mut run: Option<(char, char)> = None;
    let flush = |run: Option<(char, char)>, out: &mut String| {
        if let Some((first, last)) = run {
            out.push_str(&render(first));
            if last != first {
                out.push('-');
                out.push_str(&render(last));
            }
        }
    };
    for fact in facts() {
        let c = fact.c;
        if member(fact) {
            run = match run {
                Some((first, last)) if u32::from(last) + 1 == u32::from(c) => Some((first, c)),
                other => {
                    flush(other, &mut out);
                    Some((c, c))
                }
            };
        }
    }
    flush(run, &mut out);
    out
}

/// The patterns the document must give, built from the rules' predicates.
struct Patterns {
    text: String,
    narrative: String,
    /// Something visible, no refused control: a follow-up answer's text.
    visible: String,
    phone: String,
    email: String,
}

fn expected_patterns() -> &'static Patterns {
    static PATTERNS: std::sync::OnceLock<Patterns> = std::sync::OnceLock::new();
    PATTERNS.get_or_init(build_patterns)
}

fn build_patterns() -> Patterns {
    let refused = class(|f| f.refused);
    let text = format!("^[^{refused}]*$");
    // Kept but not counted: whitespace and invisible characters a text may hold.
    let hidden = class(|f| !f.visible && !f.refused);
    let not_visible = class(|f| !f.visible);
    let narrative = format!(
        "^(?:[{hidden}]*[^{not_visible}]){{{}}}[^{refused}]*$",
        limits::NARRATIVE_MIN
    );
    let visible = format!("^(?:[{hidden}]*[^{not_visible}]){{1}}[^{refused}]*$");
    // `is_phone` trims whitespace; the refused controls among it are refused first.
    let space = class(|f| f.whitespace && !f.refused);
    let phone = format!(
        "^(?:[{space}]*\\+?[ .()\\-]*(?:[0-9][ .()\\-]*){{{},{}}}[{space}]*)?$",
        limits::PHONE_DIGITS_MIN,
        limits::PHONE_DIGITS_MAX
    );
    let local_char = |f: &Facts| f.visible && !"\"(),.;<>@[\\]".contains(f.c);
    let label_char = |f: &Facts| f.c.is_ascii_alphanumeric() || (!f.c.is_ascii() && f.visible);
    let local = format!("[^{}]", class(|f| !local_char(f)));
    let label = format!("[^{}]", class(|f| !label_char(f)));
    let label_or_hyphen = format!("[^{}]", class(|f| f.c != '-' && !label_char(f)));
    let not_digit = format!("[^{}]", class(|f| !label_char(f) || f.c.is_ascii_digit()));
    let email = format!(
        "^(?:{local}+(?:\\.{local}+)*@(?:{label}(?:{label_or_hyphen}*{label})?\\.)+\
         (?:{label}{label_or_hyphen}*)?{not_digit}(?:{label_or_hyphen}*{label})?)?$"
    );
    Patterns {
        text,
        narrative,
        visible,
        phone,
        email,
    }
}

#[test]
fn character_rules_are_stated_as_patterns_built_from_the_rules() {
    let doc = doc();
    let expected = expected_patterns();
    let pattern = |path: &str| {
        field(&doc, path)["pattern"]
            .as_str()
            .unwrap_or_else(|| panic!("{path} has no pattern"))
            .to_owned()
    };
    assert_eq!(pattern("narrative"), expected.narrative);
    assert_eq!(pattern("contact.phone"), expected.phone);
    assert_eq!(pattern("contact.email"), expected.email);
    assert_eq!(pattern("when.date"), ANY_DATE_PATTERN);
    // A follow-up answer must show something, as the intake checks.
    assert_eq!(
        doc["components"]["schemas"]["FollowupAnswer"]["properties"]["text"]["pattern"],
        expected.visible.as_str()
    );
    // Every other open string is a plain free-text field of the model,
    // and each one refuses control characters.
    let mut plain = 0;
    for f in Field::ALL {
        let schema = field(&doc, f.path());
        let special = !matches!(f.kind(), Kind::Text(Input::Words));
        if schema["type"] == "string" && schema.get("enum").is_none() && !special {
            assert_eq!(pattern(f.path()), expected.text, "{}", f.path());
            plain += 1;
        }
    }
    let words = Field::ALL
        .iter()
        .filter(|f| f.kind() == Kind::Text(Input::Words))
        .count();
    assert_eq!(
        plain, words,
        "every free-text field refuses control characters"
    );
    assert!(words >= 13, "the model lost free-text fields: {words}");
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.below(list.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Characters that sit on every rule's edges.
const EDGE_CHARS: &[char] = &[
    'a',
    'Z',
    'ñ',
    '漢',
    '🙂',
    '0',
    '5',
    '9',
    ' ',
    '\t',
    '\n',
    '\r',
    '+',
    '-',
    '.',
    '(',
    ')',
    '@',
    '_',
    '"',
    ',',
    ';',
    '<',
    '[',
    '\\',
    '\'',
    '\0',
    '\u{1}',
    '\u{b}',
    '\u{c}',
    '\u{1f}',
    '\u{7f}',
    '\u{85}',
    '\u{9f}',
    '\u{a0}',
    '\u{ad}',
    '\u{200b}',
    '\u{200d}',
    '\u{202e}',
    '\u{2066}',
    '\u{2800}',
    '\u{3000}',
    '\u{feff}',
    '\u{fe0f}',
    '\u{e0041}',
    '\u{1d173}',
    '٥',
    'ü',
];

/// A string of up to `max` characters drawn mostly from `alphabet`.
fn string_from(random: &mut Random, alphabet: &[char], max: usize) -> String {
    let len = random.below(max + 1);
    (0..len)
        .map(|_| {
            if random.chance(85) {
                *random.pick(alphabet)
            } else {
                *random.pick(EDGE_CHARS)
            }
        })
        .collect()
}

/// Compiles each pattern once.
#[derive(Default)]
struct Regexes(RefCell<HashMap<String, Regex>>);

impl Regexes {
    fn is_match(&self, pattern: &str, text: &str) -> bool {
        let mut cache = self.0.borrow_mut();
        if let Some(regex) = cache.get(pattern) {
            return regex.is_match(text);
        }
        let regex = cache.entry(pattern.to_owned()).or_insert_with(|| {
            regex::RegexBuilder::new(pattern)
                .size_limit(1 << 28)
                .dfa_size_limit(1 << 28)
                .build()
                .unwrap_or_else(|e| panic!("{pattern}: {e}"))
        });
        regex.is_match(text)
    }
}

#[test]
fn each_pattern_matches_exactly_what_its_rule_accepts() {
    let expected = expected_patterns();
    let regexes = Regexes::default();
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let digits: Vec<char> = "0123456789 -.()+".chars().collect();
    let words: Vec<char> = "abcdefghij klmn.-@".chars().collect();
    let mut agreed = [0usize; 2];
    for round in 0..20_000 {
        let alphabet: &[char] = if round % 2 == 0 { &digits } else { &words };
        let value = string_from(&mut random, alphabet, if round % 7 == 0 { 40 } else { 20 });
        let text_ok = !value.chars().any(is_refused_control);
        let rules = [
            (&expected.text, text_ok),
            (
                &expected.narrative,
                validate::narrative_length(&value).is_ok(),
            ),
            (
                &expected.phone,
                text_ok && (value.is_empty() || validate::is_phone(&value)),
            ),
            (
                &expected.email,
                text_ok && (value.is_empty() || validate::is_email(&value)),
            ),
        ];
        for (pattern, accepted) in rules {
            assert_eq!(
                regexes.is_match(pattern, &value),
                accepted,
                "{:?} against {}",
                value.escape_unicode().to_string(),
                &pattern[..40]
            );
            agreed[usize::from(accepted)] += 1;
        }
    }
    // Both sides of every rule were reached.
    assert!(agreed[0] > 10_000 && agreed[1] > 10_000, "{agreed:?}");
    for (value, accepted) in [
        ("+1 (555) 010-1234", true),
        ("\u{3000}5550101\u{a0}", true),
        ("\u{b}5550101", false),
        ("user@bücher.ch", true),
        ("a\u{200b}@b.co", false),
        ("a@b.1a", true),
        ("a@b.12", false),
    ] {
        let pattern = if value.contains('@') {
            &expected.email
        } else {
            &expected.phone
        };
        assert_eq!(regexes.is_match(pattern, value), accepted, "{value:?}");
    }
}

use lantern_tip::validate;

#[test]
fn date_patterns_match_exactly_the_real_dates_up_to_their_day() {
    let regexes = Regexes::default();
    let todays = [
        "0001-01-01",
        "0001-03-01",
        "0004-02-29",
        "1999-12-31",
        "2000-02-29",
        "2026-01-01",
        "2026-11-22",
        "2026-12-01",
        "2028-02-29",
        "2100-03-01",
        "2400-02-29",
        "9999-12-31",
    ];
    let mut years: Vec<u16> = vec![0, 1, 2, 3, 4, 96, 99, 100, 101, 104, 400, 1600, 1900, 2000];
    years.extend((1..=9999).step_by(331));
    for today in todays {
        let today: Date = today.parse().expect("date");
        let served = date_pattern(today);
        let mut near = years.clone();
        near.extend(today.year().saturating_sub(5)..=today.year().saturating_add(5).min(9999));
        for year in near {
            for month in 0..=13u8 {
                for day in 0..=32u8 {
                    let text = format!("{year:04}-{month:02}-{day:02}");
                    let real = text.parse::<Date>().ok();
                    assert_eq!(
                        regexes.is_match(ANY_DATE_PATTERN, &text),
                        real.is_some(),
                        "{text}"
                    );
                    assert_eq!(
                        regexes.is_match(&served, &text),
                        real.is_some_and(|d| d <= today),
                        "{text} with today {today}"
                    );
                }
            }
        }
        for other in [
            "",
            "2026-1-01",
            "2026-01-01\n",
            " 2026-01-01",
            "2026-01-011",
            "２０２６-01-01",
        ] {
            assert_eq!(
                regexes.is_match(&served, other),
                other.is_empty(),
                "{other:?}"
            );
            assert_eq!(regexes.is_match(ANY_DATE_PATTERN, other), other.is_empty());
        }
    }
}

/// What the document says of `value` under `schema`: the keywords it uses,
/// read as OpenAPI 3.0 reads them (`nullable` admits null unless an `enum`
/// leaves it out). Any other keyword fails the test, so the evaluator cannot
/// silently skip a rule the document adds.
fn schema_admits(doc: &Value, regexes: &Regexes, schema: &Value, value: &Value) -> bool {
    let schema = resolve(doc, schema);
    let map = schema.as_object().expect("a schema is an object");
    for key in map.keys() {
        assert!(
            [
                "type",
                "enum",
                "nullable",
                "minLength",
                "maxLength",
                "pattern",
                "maxItems",
                "uniqueItems",
                "items",
                "required",
                "properties",
                "additionalProperties",
                "anyOf",
                "description",
                "default",
                "$ref",
            ]
            .contains(&key.as_str()),
            "the evaluator does not know {key}"
        );
    }
    let enum_admits = |v: &Value| {
        schema
            .get("enum")
            .is_none_or(|list| list.as_array().is_some_and(|l| l.contains(v)))
    };
    if value.is_null() && schema["nullable"] == true {
        return enum_admits(value);
    }
    let typed = match schema["type"].as_str() {
        None => true,
        Some("object") => value.is_object(),
        Some("array") => value.is_array(),
        Some("string") => value.is_string(),
        Some("boolean") => value.is_boolean(),
        Some("integer") => value.is_u64() || value.is_i64(),
        Some(other) => panic!("type {other}"),
    };
    if !typed || !enum_admits(value) {
        return false;
    }
    if let Some(text) = value.as_str() {
        let length = text.chars().count() as u64;
        if schema["minLength"].as_u64().is_some_and(|min| length < min)
            || schema["maxLength"].as_u64().is_some_and(|max| length > max)
            || schema["pattern"]
                .as_str()
                .is_some_and(|p| !regexes.is_match(p, text))
        {
            return false;
        }
    }
    if let Some(items) = value.as_array() {
        if schema["maxItems"]
            .as_u64()
            .is_some_and(|max| items.len() as u64 > max)
        {
            return false;
        }
        if schema["uniqueItems"] == true
            && items
                .iter()
                .enumerate()
                .any(|(i, item)| items[..i].contains(item))
        {
            return false;
        }
        if let Some(each) = schema.get("items") {
            if !items
                .iter()
                .all(|item| schema_admits(doc, regexes, each, item))
            {
                return false;
            }
        }
    }
    if let Some(object) = value.as_object() {
        if let Some(required) = schema["required"].as_array() {
            if !required
                .iter()
                .all(|name| object.contains_key(name.as_str().unwrap_or_default()))
            {
                return false;
            }
        }
        for (name, child) in object {
            let admitted = match schema["properties"].get(name) {
                Some(property) => schema_admits(doc, regexes, property, child),
                None => schema["additionalProperties"] != false,
            };
            if !admitted {
                return false;
            }
        }
    }
    if let Some(branches) = schema["anyOf"].as_array() {
        if !branches
            .iter()
            .any(|branch| schema_admits(doc, regexes, branch, value))
        {
            return false;
        }
    }
    true
}

/// One of `valid`, or now and then one of `invalid`.
fn choose(random: &mut Random, valid: &[Value], invalid: &[Value]) -> Value {
    if invalid.is_empty() || random.chance(95) {
        random.pick(valid).clone()
    } else {
        random.pick(invalid).clone()
    }
}

/// An optional choice: a wire value or null, now and then something else.
fn choice(random: &mut Random, values: &[&str]) -> Value {
    let mut valid: Vec<Value> = values.iter().map(|v| Value::from(*v)).collect();
    valid.push(Value::Null);
    choose(
        random,
        &valid,
        &[
            Value::from("nope"),
            Value::from(true),
            Value::from(values[0].to_uppercase()),
        ],
    )
}

/// A free-text field's value, capped at `cap`.
fn free_text(random: &mut Random, cap: usize) -> Value {
    let valid = [
        Value::from(""),
        Value::from("Something seen"),
        Value::from("x".repeat(cap)),
        Value::from("Line one\r\n\tline two \u{2066}RTL\u{2069} \u{200b}🙂"),
        Value::from(string_from(random, &['a', ' ', 'b', '\u{202e}', '\n'], 30)),
    ];
    let invalid = [
        Value::from("é".repeat(cap + 1)),
        Value::Null,
        Value::from(12),
        Value::from("bell \u{7}"),
        Value::from("\u{0}"),
        Value::from("next line \u{85}"),
    ];
    choose(random, &valid, &invalid)
}

/// A random tip, built to land on both sides of every rule: most fields
/// valid, now and then one that is not.
fn random_tip(random: &mut Random, today: Date) -> Value {
    use serde_json::json;
    let mut tip = serde_json::Map::new();
    let put = |tip: &mut serde_json::Map<String, Value>, name: &str, value: Value| {
        tip.insert(name.to_owned(), value);
    };
    if random.chance(97) {
        let value = choose(
            random,
            &[json!(1)],
            &[json!(2), json!("1"), json!(1.0), json!(null), json!(-1)],
        );
        put(&mut tip, "version", value);
    }
    if random.chance(97) {
        let valid = [
            Value::from("Someone at the farm cannot leave."),
            Value::from("a b c d e f g h i j"),
            Value::from("\u{202e}abc\u{200b}defg\u{2066}hij"),
            Value::from("🙂".repeat(limits::NARRATIVE_MAX)),
            Value::from(format!("  {}  ", "ab".repeat(5))),
        ];
        let invalid = [
            Value::from("a b c d e f g h i"),
            Value::from("\u{200b}".repeat(10)),
            Value::from("\u{0}".repeat(10)),
            Value::from("🙂".repeat(limits::NARRATIVE_MAX + 1)),
            Value::from("Someone at the farm \u{1b}cannot leave."),
            Value::from("   "),
            Value::from(string_from(random, &['a', 'b', ' ', '\n', '\u{feff}'], 14)),
            json!(null),
        ];
        let value = choose(random, &valid, &invalid);
        put(&mut tip, "narrative", value);
    }
    // The choices' values are the wire enums' own (every language).
    for (name, values) in [
        ("language", names(&Language::ALL, Language::as_str)),
        ("danger_now", names(Tristate::ALL, Tristate::as_str)),
        ("reporter", names(Reporter::ALL, Reporter::as_str)),
        ("kind", names(TraffickingKind::ALL, TraffickingKind::as_str)),
    ] {
        if random.chance(40) {
            let value = choice(random, &values);
            put(&mut tip, name, value);
        }
    }
    if random.chance(40) {
        let value = choose(
            random,
            &[
                json!(""),
                json!("ngo-houston-2"),
                json!("p".repeat(limits::PARTNER)),
            ],
            &[
                json!("-ngo"),
                json!("NGO"),
                json!("p".repeat(limits::PARTNER + 1)),
                json!(null),
            ],
        );
        put(&mut tip, "partner", value);
    }
    if random.chance(40) {
        let value = choose(
            random,
            &[json!(""), json!("agriculture")],
            &[json!("farm"), json!(null)],
        );
        put(&mut tip, "venue", value);
    }
    if random.chance(40) {
        let value = choose(
            random,
            &[json!([]), json!(["isolated", "threatened"])],
            &[
                json!(["isolated", "isolated"]),
                json!(["not-a-sign"]),
                json!([3]),
                json!(null),
                json!(vec!["isolated"; limits::MAX_INDICATORS + 1]),
            ],
        );
        put(&mut tip, "indicators", value);
    }
    if random.chance(40) {
        let tomorrow = Date::from_days_since_epoch(today.days_since_epoch() + 1);
        let mut when = serde_json::Map::new();
        if random.chance(60) {
            let value = choose(
                random,
                &[
                    json!(""),
                    json!(today.to_string()),
                    json!("2024-02-29"),
                    json!("0001-01-01"),
                ],
                &[
                    json!(tomorrow.to_string()),
                    json!("2023-02-29"),
                    json!("4889-60-70"),
                    json!("0000-01-01"),
                    json!("2026-1-01"),
                    json!(null),
                ],
            );
            put(&mut when, "date", value);
        }
        if random.chance(40) {
            let value = choice(random, &names(TimeOfDay::ALL, TimeOfDay::as_str));
            put(&mut when, "time_of_day", value);
        }
        if random.chance(30) {
            let value = choose(
                random,
                &[json!(true), json!(false), json!(null)],
                &[json!("yes")],
            );
            put(&mut when, "ongoing", value);
        }
        let value = choose(
            random,
            &[Value::Object(when), json!(null)],
            &[json!([]), json!({"hour": 3})],
        );
        put(&mut tip, "when", value);
    }
    // The groups' free-text fields, from the field model (contact's, whose
    // rules cross fields, come below): a text field added to a group is
    // generated here with no change to this test.
    let groups: Vec<(&str, Vec<(&str, usize)>)> = Field::ALL
        .iter()
        .filter(|f| f.kind() == Kind::Group && **f != Field::Contact)
        .map(|group| {
            let texts = group
                .children()
                .filter(|f| f.kind() == Kind::Text(Input::Words))
                .filter_map(|f| Some((f.wire_name(), f.cap()?)))
                .collect();
            (group.wire_name(), texts)
        })
        .filter(|(_, texts): &(_, Vec<_>)| !texts.is_empty())
        .collect();
    assert_eq!(
        groups.iter().map(|(g, _)| *g).collect::<Vec<_>>(),
        ["location", "people", "controllers", "online"]
    );
    for (group, fields) in groups {
        if !random.chance(35) {
            continue;
        }
        let mut object = serde_json::Map::new();
        for (name, cap) in &fields {
            if random.chance(50) {
                let value = free_text(random, *cap);
                put(&mut object, name, value);
            }
        }
        if group == "location" && random.chance(50) {
            let value = choose(
                random,
                &[json!("US"), json!("MX"), json!("")],
                &[json!("us"), json!("USA"), json!(null)],
            );
            put(&mut object, "country", value);
        }
        if group == "people" {
            if random.chance(40) {
                let value = choice(random, &names(PeopleCount::ALL, PeopleCount::as_str));
                put(&mut object, "count", value);
            }
            if random.chance(40) {
                let value = choice(random, &names(Tristate::ALL, Tristate::as_str));
                put(&mut object, "minors", value);
            }
        }
        let value = choose(
            random,
            &[Value::Object(object), json!(null)],
            &[json!("text"), json!({"zip": "1"})],
        );
        put(&mut tip, group, value);
    }
    if random.chance(50) {
        let mut contact = serde_json::Map::new();
        // Whether this contact keeps to the cross-field rules.
        let asks = random.chance(60);
        let preference = if asks {
            choose(random, &[json!("confidential"), json!("share")], &[])
        } else {
            choose(random, &[json!("none")], &[json!("call"), json!(null)])
        };
        if asks || random.chance(70) {
            put(&mut contact, "preference", preference);
        }
        let phones_valid = [
            json!("+1 (555) 010-1234"),
            json!(" 5550101 "),
            json!("\u{3000}555.010.1234"),
        ];
        let phones_invalid = [
            json!("555 01O1"),
            json!("123456"),
            json!("555\u{0}0101"),
            json!(null),
        ];
        let emails_valid = [
            json!("safe.person@example.org"),
            json!("ñandú@correo.es"),
            json!("u@bücher.ch"),
        ];
        let emails_invalid = [
            json!("a@b"),
            json!("a..b@c.co"),
            json!("a\u{200b}@b.co"),
            json!(format!("{}@example.org", "a".repeat(limits::CONTACT_EMAIL))),
        ];
        let (phone, email) = if asks {
            match random.below(3) {
                0 => (Some(choose(random, &phones_valid, &phones_invalid)), None),
                1 => (None, Some(choose(random, &emails_valid, &emails_invalid))),
                _ => (
                    Some(choose(random, &phones_valid, &phones_invalid)),
                    Some(choose(random, &emails_valid, &emails_invalid)),
                ),
            }
        } else {
            // "Do not contact me": empty details, now and then one given.
            let phone = random
                .chance(30)
                .then(|| choose(random, &[json!("")], &phones_valid));
            let email = random
                .chance(30)
                .then(|| choose(random, &[json!("")], &emails_valid));
            (phone, email)
        };
        if let Some(phone) = phone {
            put(&mut contact, "phone", phone);
        }
        if let Some(email) = email {
            put(&mut contact, "email", email);
        }
        if asks && random.chance(5) {
            // Asked to be contacted, without a way to be reached.
            contact.remove("phone");
            contact.remove("email");
        }
        if random.chance(30) {
            let value = if asks {
                free_text(random, limits::CONTACT_SAFE_TIMES)
            } else {
                choose(random, &[json!("")], &[json!("mornings")])
            };
            put(&mut contact, "safe_times", value);
        }
        if random.chance(30) {
            let value = choose(random, &[json!(true), json!(false)], &[json!(null)]);
            put(&mut contact, "voicemail_ok", value);
        }
        let value = choose(
            random,
            &[Value::Object(contact), json!(null)],
            &[json!({"fax": "1"})],
        );
        put(&mut tip, "contact", value);
    }
    if random.chance(2) {
        put(&mut tip, "zip", json!("77001"));
    }
    Value::Object(tip)
}

#[test]
fn schema_valid_tips_are_exactly_the_accepted_ones() {
    let today = common::today();
    let doc: Value = serde_json::from_str(&openapi_json(today)).expect("served document");
    let tip_schema = doc["components"]["schemas"]["Tip"].clone();
    let regexes = Regexes::default();
    let mut random = Random(0xD1B5_4A32_D192_ED03);
    let (mut accepted, mut refused) = (0, 0);
    let mut codes = std::collections::HashSet::new();
    for _ in 0..4_000 {
        let tip = random_tip(&mut random, today);
        let body = serde_json::to_vec(&tip).expect("serialises");
        let verdict = lantern_tip::decode(&body)
            .map_err(|e| e.errors())
            .and_then(|tip: Tip| tip.validate(today));
        let admitted = schema_admits(&doc, &regexes, &tip_schema, &tip);
        assert_eq!(
            admitted,
            verdict.is_ok(),
            "the schema {} this tip, the rules say {verdict:?}:\n{tip}",
            if admitted { "admits" } else { "refuses" }
        );
        match verdict {
            Ok(()) => accepted += 1,
            Err(errors) => {
                refused += 1;
                codes.extend(errors.into_iter().map(|e| e.code));
            }
        }
    }
    assert!(
        accepted > 1_000 && refused > 1_000,
        "{accepted} accepted, {refused} refused"
    );
    // The refusals cover every rule a tip's content can break.
    for code in [
        ErrorCode::Required,
        ErrorCode::TooShort,
        ErrorCode::TooLong,
        ErrorCode::InvalidCharacter,
        ErrorCode::UnsupportedVersion,
        ErrorCode::InvalidDate,
        ErrorCode::FutureDate,
        ErrorCode::UnknownId,
        ErrorCode::Duplicate,
        ErrorCode::TooMany,
        ErrorCode::InvalidCountry,
        ErrorCode::InvalidPhone,
        ErrorCode::InvalidEmail,
        ErrorCode::InvalidPartner,
        ErrorCode::PhoneOrEmailRequired,
        ErrorCode::NotAllowed,
        ErrorCode::UnknownField,
        ErrorCode::InvalidType,
        ErrorCode::InvalidValue,
    ] {
        assert!(codes.contains(&code), "no generated tip broke {code}");
    }
}

/// The `` `tag` `` spellings on one line of a guide, in order.
fn tags_on(line: &str) -> Vec<&str> {
    line.split('`')
        .skip(1)
        .step_by(2)
        .filter(|tag| {
            lantern_tip::Language::ALL
                .iter()
                .any(|l| l.as_str() == *tag)
        })
        .collect()
}

/// The two guides list the languages by hand; they must name the list's
/// languages, every one, in its order (issue 15, item 4: a language added
/// to the list and missing from a guide fails here).
#[test]
fn the_guides_name_every_language_of_the_list() {
    let all: Vec<&str> = lantern_tip::Language::ALL
        .iter()
        .map(|l| l.as_str())
        .collect();
    let api = include_str!("../../../docs/api.md");
    let row = api
        .lines()
        .find(|line| line.starts_with("| `language` |"))
        .expect("docs/api.md has a row for `language`");
    assert_eq!(tags_on(row), all, "docs/api.md's `language` row");
    let embedding = include_str!("../../../docs/embedding.md");
    let row = embedding
        .lines()
        .find(|line| line.starts_with("| `data-lang` |"))
        .expect("docs/embedding.md has a row for `data-lang`");
    // The row's own words name the languages first, then region examples.
    let named: Vec<&str> = tags_on(row).into_iter().take(all.len()).collect();
    assert_eq!(named, all, "docs/embedding.md's `data-lang` row");
}

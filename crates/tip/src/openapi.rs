//! The contract of the intake API as an OpenAPI 3.0 document.
//!
//! The document says exactly what [`crate::Tip::validate`] accepts: every
//! enum, cap and required list, each character rule as a pattern, and the
//! contact rules as an `anyOf`; `tests/openapi.rs` checks all of it against
//! this crate. The one rule that changes by itself is "not after today", so
//! the served document ([`openapi_json`]) narrows `when.date`'s pattern to
//! the dates up to the day it is served.
//!
//! Two sources make the document ([`openapi_document`]): `openapi.json`,
//! written by hand (paths, errors, follow-up schemas, and the words and
//! special patterns of the tip's other fields), and the Rust side, from
//! which the rest is generated: every plain free-text field's schema from
//! the field table ([`crate::field`]: type, cap, character pattern,
//! description), and every closed list of values (`version`, the choices,
//! `language`, `venue`, `indicators` and its `maxItems`, the error codes)
//! from the types and catalogs that define them. So adding an optional text
//! field is an entry in the table, and a language, venue or warning sign is
//! an entry in its own list, with no edit here or in `openapi.json`.
//!
//! The widget uses none of this; it is linked into the intake service only.

use std::sync::OnceLock;

use serde_json::{json, Value};

use crate::catalog::{SIGNS, VENUES};
use crate::field::{Field, Input, Kind};
use crate::model::{
    ContactPreference, Language, PeopleCount, Reporter, TimeOfDay, TraffickingKind, Tristate,
};
use crate::{days_in_month, is_leap_year, limits, Date, ErrorCode};

/// The hand-written part of the document (`crates/tip/openapi.json`): all
/// of it but the plain free-text fields and the closed lists, which
/// [`openapi_document`] adds.
const HAND_WRITTEN: &str = include_str!("../openapi.json");

/// The pattern of a plain free-text field ([`crate::validate::text`]): no
/// control character other than tab, line feed and carriage return
/// ([`crate::validate::is_refused_control`]; `tests/openapi.rs` builds the
/// same class from that predicate over every code point).
pub const TEXT_PATTERN: &str = "^[^\\u0000-\\u0008\\u000B-\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$";

/// The whole document, with `when.date`'s pattern admitting any real date
/// ([`ANY_DATE_PATTERN`]): `openapi.json` with a schema for each
/// [`Input::Words`] field of [`Field::ALL`] added to its group's schema
/// (or to `Tip`'s, for a field outside a group), and each closed list
/// ([`closed_lists`]) set as its field's `enum`. Built once.
pub fn openapi_document() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let Ok(mut doc) = serde_json::from_str::<Value>(HAND_WRITTEN) else {
            // Not reached: a test parses it.
            return HAND_WRITTEN.to_owned();
        };
        for field in Field::ALL.iter().filter(|f| is_generated(**f)) {
            if let Some(properties) = properties_of(&mut doc, field.parent()) {
                properties.insert(field.wire_name().to_owned(), text_schema(*field));
            }
        }
        for (field, mut values) in closed_lists() {
            if let Some(schema) = schema_of(&mut doc, field) {
                // OpenAPI 3.0: `nullable` admits null only if the enum lists it.
                if schema["nullable"] == true {
                    values.push(Value::Null);
                }
                schema["enum"] = Value::Array(values);
            }
        }
        if let Some(indicators) = schema_of(&mut doc, Field::Indicators) {
            indicators["maxItems"] = limits::MAX_INDICATORS.into();
            indicators["items"]["enum"] = SIGNS.iter().map(|s| s.id).collect();
        }
        if let Some(code) = doc.pointer_mut("/components/schemas/FieldError/properties/code") {
            code["enum"] = names(ErrorCode::ALL, ErrorCode::as_str).into();
        }
        serde_json::to_string_pretty(&doc).unwrap_or_else(|_| HAND_WRITTEN.to_owned())
    })
}

/// Whether the field's schema comes from the table rather than
/// `openapi.json`: a plain free-text field, capped.
fn is_generated(field: Field) -> bool {
    field.kind() == Kind::Text(Input::Words) && field.cap().is_some()
}

/// The values each single-valued closed field takes, from the types serde
/// reads it into: `venue` also takes `""` (not given, as every text field).
fn closed_lists() -> [(Field, Vec<Value>); 10] {
    let venues = std::iter::once("").chain(VENUES.iter().copied());
    [
        (Field::Version, vec![limits::VERSION.into()]),
        (Field::Language, names(&Language::ALL, Language::as_str)),
        (Field::DangerNow, names(Tristate::ALL, Tristate::as_str)),
        (Field::Reporter, names(Reporter::ALL, Reporter::as_str)),
        (
            Field::Kind,
            names(TraffickingKind::ALL, TraffickingKind::as_str),
        ),
        (
            Field::WhenTimeOfDay,
            names(TimeOfDay::ALL, TimeOfDay::as_str),
        ),
        (
            Field::PeopleCount,
            names(PeopleCount::ALL, PeopleCount::as_str),
        ),
        (Field::PeopleMinors, names(Tristate::ALL, Tristate::as_str)),
        (
            Field::ContactPreference,
            names(ContactPreference::ALL, ContactPreference::as_str),
        ),
        (Field::Venue, venues.map(Value::from).collect()),
    ]
}

/// `all`'s wire names, as JSON strings.
fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> Vec<Value> {
    all.iter().map(|v| Value::from(name(*v))).collect()
}

/// The schema of `field` in `doc`, if it has one there.
fn schema_of(doc: &mut Value, field: Field) -> Option<&mut Value> {
    properties_of(doc, field.parent())?.get_mut(field.wire_name())
}

/// The schema of a plain free-text field.
fn text_schema(field: Field) -> Value {
    json!({
        "type": "string",
        "maxLength": field.cap(),
        "pattern": TEXT_PATTERN,
        "description": field.description().unwrap_or_default(),
    })
}

/// The `properties` of `group`'s schema (the one `Tip`'s property for it
/// refers to), or of `Tip` itself for `None`.
fn properties_of(
    doc: &mut Value,
    group: Option<Field>,
) -> Option<&mut serde_json::Map<String, Value>> {
    let pointer = match group {
        None => "/components/schemas/Tip".to_owned(),
        Some(group) => {
            let reference = doc
                .pointer(&format!(
                    "/components/schemas/Tip/properties/{}/$ref",
                    group.wire_name()
                ))?
                .as_str()?;
            reference.strip_prefix('#')?.to_owned()
        }
    };
    doc.pointer_mut(&pointer)?
        .get_mut("properties")?
        .as_object_mut()
}

/// `when.date`'s pattern in [`openapi_document`]: empty, or any real calendar
/// date from `0001-01-01` to `9999-12-31` (month 01 to 12, the month's own
/// number of days, 29 February in leap years only).
pub const ANY_DATE_PATTERN: &str = "^(?:(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})-\
(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|\
02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|\
(?:0[48]|[2468][048]|[13579][26])00)-02-29)?$";

/// Every month and day of a year that is not a leap year.
const COMMON_YEAR_DAYS: &str = "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|\
(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))";

/// The document as served on `today` (the server's "today" for the date
/// rule): [`openapi_document`] with `when.date`'s pattern replaced by
/// [`date_pattern`]`(today)`, so that a date the schema admits is one the
/// service accepts that day, and the other way round.
pub fn openapi_json(today: Date) -> String {
    openapi_document().replacen(ANY_DATE_PATTERN, &date_pattern(today), 1)
}

/// A pattern matching the empty string and exactly the `YYYY-MM-DD` dates
/// from `0001-01-01` to `last`: the years before `last`'s whole (29
/// February in their leap years only), then `last`'s year up to `last`.
pub fn date_pattern(last: Date) -> String {
    let (year, month, day) = (last.year(), last.month(), last.day());
    let mut dates = Vec::new();
    if year > 1 {
        let years = numbers(1, u32::from(year) - 1, 4);
        dates.push(format!("{years}-{COMMON_YEAR_DAYS}"));
        if let Some(leap_years) = leap_years_before(year) {
            dates.push(format!("{leap_years}-02-29"));
        }
    }
    let whole_months: Vec<String> = (1..month)
        .map(|m| {
            let days = numbers(1, u32::from(days_in_month(year, m)), 2);
            format!("{m:02}-{days}")
        })
        .collect();
    if !whole_months.is_empty() {
        dates.push(format!("{year:04}-{}", either(whole_months)));
    }
    dates.push(format!(
        "{year:04}-{month:02}-{}",
        numbers(1, u32::from(day), 2)
    ));
    format!("^(?:{})?$", dates.join("|"))
}

/// The leap years from 1 to `year - 1`, as a pattern of four digits.
fn leap_years_before(year: u16) -> Option<String> {
    let (century, rest) = (year / 100, year % 100);
    let mut parts = Vec::new();
    if century > 0 {
        // In every earlier century: the years divisible by 4 but not by 100...
        let earlier = numbers(0, u32::from(century) - 1, 2);
        parts.push(format!("{earlier}(?:0[48]|[2468][048]|[13579][26])"));
        // ...and the century years divisible by 400 (never year 0).
        let by_400: Vec<String> = (1..century)
            .filter(|c| c % 4 == 0)
            .map(|c| format!("{c:02}00"))
            .collect();
        if !by_400.is_empty() {
            parts.push(either(by_400));
        }
    }
    let this_century: Vec<String> = (0..rest)
        .filter(|r| century * 100 + r > 0 && is_leap_year(century * 100 + r))
        .map(|r| format!("{r:02}"))
        .collect();
    if !this_century.is_empty() {
        parts.push(format!("{century:02}{}", either(this_century)));
    }
    (!parts.is_empty()).then(|| either(parts))
}

/// A pattern matching the numbers `low..=high` written with `width` digits
/// (leading zeros), and nothing else.
fn numbers(low: u32, high: u32, width: usize) -> String {
    let low = format!("{low:0width$}");
    let high = format!("{high:0width$}");
    digits_between(low.as_bytes(), high.as_bytes())
}

/// The classic digit-by-digit range: equal-length digit strings from `low`
/// to `high` (`low <= high`).
fn digits_between(low: &[u8], high: &[u8]) -> String {
    let (Some((&l, low_rest)), Some((&h, high_rest))) = (low.split_first(), high.split_first())
    else {
        return String::new();
    };
    if l == h {
        return format!("{}{}", char::from(l), digits_between(low_rest, high_rest));
    }
    let rest = low_rest.len();
    let low_is_first = low_rest.iter().all(|&d| d == b'0');
    let high_is_last = high_rest.iter().all(|&d| d == b'9');
    let mut alternatives = Vec::new();
    let mut from = l;
    if !low_is_first {
        let nines = vec![b'9'; rest];
        alternatives.push(format!(
            "{}{}",
            char::from(l),
            digits_between(low_rest, &nines)
        ));
        from += 1;
    }
    let to = if high_is_last { h } else { h - 1 };
    if from <= to {
        let lead = if from == to {
            char::from(from).to_string()
        } else {
            format!("[{}-{}]", char::from(from), char::from(to))
        };
        let tail = match rest {
            0 => String::new(),
            1 => "[0-9]".to_owned(),
            n => format!("[0-9]{{{n}}}"),
        };
        alternatives.push(format!("{lead}{tail}"));
    }
    if !high_is_last {
        let zeros = vec![b'0'; rest];
        alternatives.push(format!(
            "{}{}",
            char::from(h),
            digits_between(&zeros, high_rest)
        ));
    }
    either(alternatives)
}

/// One of `alternatives`, grouped when there is more than one.
fn either(alternatives: Vec<String>) -> String {
    if alternatives.len() == 1 {
        alternatives.into_iter().next().unwrap_or_default()
    } else {
        format!("(?:{})", alternatives.join("|"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_ranges_are_written_digit_by_digit() {
        assert_eq!(numbers(1, 9, 1), "[1-9]");
        assert_eq!(numbers(1, 31, 2), "(?:0[1-9]|[1-2][0-9]|3[0-1])");
        assert_eq!(numbers(1, 1, 2), "01");
        assert_eq!(numbers(0, 19, 2), "[0-1][0-9]");
        assert_eq!(
            numbers(1, 2025, 4),
            "(?:0(?:0(?:0[1-9]|[1-9][0-9])|[1-9][0-9]{2})|1[0-9]{3}|20(?:[0-1][0-9]|2[0-5]))"
        );
    }

    #[test]
    fn the_document_holds_the_any_date_pattern_once() {
        assert_eq!(openapi_document().matches(ANY_DATE_PATTERN).count(), 1);
        let today = Date::new(2026, 12, 1).unwrap_or(Date::MIN);
        let served = openapi_json(today);
        assert!(!served.contains(ANY_DATE_PATTERN));
        assert!(served.contains(&date_pattern(today)));
    }

    #[test]
    fn the_hand_written_part_is_json_and_leaves_the_text_fields_to_the_table() {
        let hand: Value = serde_json::from_str(HAND_WRITTEN).unwrap_or_default();
        assert!(hand.is_object(), "openapi.json is not JSON");
        let mut generated = 0;
        for field in Field::ALL.iter().copied().filter(|f| is_generated(*f)) {
            let mut hand = hand.clone();
            let properties = properties_of(&mut hand, field.parent());
            let properties = properties.unwrap_or_else(|| panic!("{field:?}: no group schema"));
            // Written once: a hand copy in openapi.json would go stale.
            assert!(
                !properties.contains_key(field.wire_name()),
                "{}: remove it from openapi.json, the field table makes it",
                field.path()
            );
            generated += 1;
        }
        assert!(generated >= 13, "{generated}");
        // The closed lists too, each written once, in Rust.
        let mut hand = hand.clone();
        for (field, _) in closed_lists() {
            let schema = schema_of(&mut hand, field);
            let schema = schema.unwrap_or_else(|| panic!("{field:?}: no schema"));
            assert!(
                schema.get("enum").is_none(),
                "{}: enum by hand",
                field.path()
            );
        }
        let indicators = schema_of(&mut hand, Field::Indicators).cloned();
        let indicators = indicators.unwrap_or_default();
        assert!(indicators["items"].get("enum").is_none());
        assert!(indicators.get("maxItems").is_none());
        assert!(
            hand["components"]["schemas"]["FieldError"]["properties"]["code"]
                .get("enum")
                .is_none()
        );
        // And each is in the document, as the table says.
        let doc: Value = serde_json::from_str(openapi_document()).unwrap_or_default();
        let city = &doc["components"]["schemas"]["Location"]["properties"]["city"];
        assert_eq!(city["maxLength"], crate::limits::CITY);
        assert_eq!(city["pattern"], TEXT_PATTERN);
        assert_eq!(city["description"], "City or town.");
    }
}

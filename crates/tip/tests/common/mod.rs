//! Tips shared by the test files: a minimal one and one with every field.

#![allow(dead_code, reason = "each test file uses part of this module")]

use lantern_tip::field::{Field, Input, Kind};
use lantern_tip::model::*;
use lantern_tip::{Date, ErrorCode, Tip};

/// The date the tests treat as today.
pub fn today() -> Date {
    Date::new(2026, 11, 22).expect("a real date")
}

/// Only what is required.
pub fn minimal() -> Tip {
    Tip {
        narrative: "Someone at the farm cannot leave.".into(),
        ..Tip::default()
    }
}

/// Every field filled in, validly.
#[allow(
    clippy::needless_update,
    reason = "each group ends in `..Default::default()` so a text field added to the model is filled by `fill_plain_text` without an edit here"
)]
pub fn full() -> Tip {
    let mut tip = Tip {
        version: 1,
        language: Some(Language::Es),
        partner: "ngo-houston-2".into(),
        danger_now: Some(Tristate::No),
        reporter: Some(Reporter::Witness),
        kind: Some(TraffickingKind::Labor),
        when: Some(When {
            date: "2026-11-20".into(),
            time_of_day: Some(TimeOfDay::Evening),
            ongoing: Some(true),
        }),
        location: Some(Location {
            country: "US".into(),
            region: "TX".into(),
            city: "Houston".into(),
            place: "Green Acres packing shed".into(),
            details: "Behind the gas station on Route 6".into(),
            ..Default::default()
        }),
        venue: "agriculture".into(),
        people: Some(People {
            count: Some(PeopleCount::SixOrMore),
            minors: Some(Tristate::Unsure),
            description: "Young men, some look under 18".into(),
            languages: "Spanish, Mam".into(),
            ..Default::default()
        }),
        controllers: Some(Controllers {
            description: "Crew boss, tall, grey cap".into(),
            names: "\"El Jefe\"".into(),
            vehicles: "White van, plate ABC 1234".into(),
            ..Default::default()
        }),
        indicators: vec![
            "id-held-by-others".into(),
            "unpayable-debt".into(),
            "lives-at-work".into(),
        ],
        online: Some(Online {
            sites: "a jobs board".into(),
            handles: "@farmwork_jobs".into(),
            phones: "+1 555 010 9999".into(),
            ..Default::default()
        }),
        narrative: "Workers sleep in the shed and their passports are kept by the boss.".into(),
        contact: Some(Contact {
            preference: ContactPreference::Confidential,
            phone: "+1 (555) 010-1234".into(),
            email: "safe.person@example.org".into(),
            safe_times: "Weekdays after 6pm".into(),
            voicemail_ok: true,
            ..Default::default()
        }),
    };
    fill_plain_text(&mut tip);
    tip
}

/// A valid answer for a plain free-text field that [`full`] does not spell
/// out: words naming the field, within its cap.
pub fn filler(field: Field) -> String {
    let words = format!("Said of {}", field.path());
    words.chars().take(field.cap().unwrap_or(0)).collect()
}

/// Gives every plain free-text field of the model ([`Input::Words`]) that
/// is still empty in `tip` its [`filler`], so a field added to the table is
/// filled in [`full`] without an edit here.
pub fn fill_plain_text(tip: &mut Tip) {
    for field in Field::ALL
        .iter()
        .copied()
        .filter(|f| f.kind() == Kind::Text(Input::Words))
    {
        if field.text(tip).unwrap_or_default().is_empty() {
            field.set_text(tip, filler(field));
        }
    }
}

/// The errors of `tip` as `(field, code)` pairs; empty when it is valid.
pub fn errors_of(tip: &Tip) -> Vec<(String, ErrorCode)> {
    match tip.validate(today()) {
        Ok(()) => Vec::new(),
        Err(errors) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
    }
}

/// `(field, code)` pairs from literals, for comparisons.
pub fn pairs(list: &[(&str, ErrorCode)]) -> Vec<(String, ErrorCode)> {
    list.iter().map(|(f, c)| (f.to_string(), *c)).collect()
}

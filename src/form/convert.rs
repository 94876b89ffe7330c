//! From the draft to the tip that is validated and sent: the one place that
//! decides what leaves the browser.
//!
//! - Blank answers (empty or only spaces) are left out, and a group with no
//!   answers at all (`when`, `location`, …) is left out whole.
//! - Text is sent exactly as typed (the narrative's spaces included), except
//!   the contact phone and email, whose stray spaces come from keyboards.
//! - With "do not contact me", no contact detail is sent, even if some were
//!   typed before the person changed their mind.
use super::draft::Draft;
use crate::i18n::Lang;
use lantern_tip::field::{Input, Kind};
use lantern_tip::model::{Contact, Location, People, When};
use lantern_tip::{Field, PartnerId, Tip};

/// `value`, or empty if it holds nothing but whitespace.
fn answer(value: &str) -> String {
    if value.trim().is_empty() {
        String::new()
    } else {
        value.to_owned()
    }
}

/// `Some(group)` unless it equals its empty default.
fn unless_empty<T: Default + PartialEq>(group: T) -> Option<T> {
    (group != T::default()).then_some(group)
}

impl Draft {
    /// The tip to validate and send. `partner` is the embedding partner's id
    /// from the widget's configuration, already held to the tip's own rule
    /// ([`PartnerId`]), so the tip carries it as it is.
    pub fn to_tip(&self, lang: Lang, partner: Option<&PartnerId>) -> Tip {
        let partner = partner.map(|p| p.as_str().to_owned()).unwrap_or_default();
        let mut tip = Tip {
            language: Some(lang),
            partner,
            danger_now: self.danger_now,
            reporter: self.reporter,
            kind: self.kind,
            when: unless_empty(When {
                date: answer(&self.date),
                time_of_day: self.time_of_day,
                ongoing: self.ongoing.and_then(|o| o.as_bool()),
            }),
            location: unless_empty(Location {
                country: self.country.clone(),
                ..Location::default()
            }),
            venue: self.venue.clone(),
            people: unless_empty(People {
                count: self.count,
                minors: self.minors,
                ..People::default()
            }),
            indicators: self.indicators.iter().map(|id| (*id).to_owned()).collect(),
            narrative: self.text(Field::Narrative).to_owned(),
            contact: self.wants_contact().then(|| Contact {
                preference: self.contact,
                voicemail_ok: self.voicemail_ok,
                ..Contact::default()
            }),
            ..Tip::default()
        };
        // Every other free-text answer, from the field model: set only when
        // given, so a group with no answers at all stays out.
        for field in Field::ALL.iter().copied() {
            let sent = match field.kind() {
                Kind::Text(_)
                    if field.parent() == Some(Field::Contact) && !self.wants_contact() =>
                {
                    continue
                }
                Kind::Text(Input::Tel | Input::Email) => self.text(field).trim().to_owned(),
                Kind::Text(Input::Words) => answer(self.text(field)),
                _ => continue,
            };
            if !sent.is_empty() {
                field.set_text(&mut tip, sent);
            }
        }
        tip
    }
}

#[cfg(test)]
mod tests {
    use super::super::draft::YesNoUnsure;
    use super::*;
    use lantern_tip::model::{
        ContactPreference, PeopleCount, Reporter, TimeOfDay, TraffickingKind, Tristate,
    };
    use lantern_tip::{Date, ErrorCode};

    fn today() -> Date {
        Date::new(2026, 11, 22).unwrap_or(Date::MAX)
    }

    fn with_narrative(text: &str) -> Draft {
        let mut d = Draft::default();
        d.set_text(Field::Narrative, text);
        d
    }

    #[test]
    fn an_empty_draft_sends_only_version_language_and_narrative() {
        let tip = with_narrative("I saw something at the farm.").to_tip(Lang::Es, None);
        let json = serde_json::to_string(&tip).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"version":1,"language":"es","narrative":"I saw something at the farm."}"#
        );
        assert_eq!(tip.validate(today()), Ok(()));
    }

    #[test]
    fn every_answer_lands_in_its_wire_field() {
        let mut d = with_narrative("  Workers sleep in the van.  ");
        d.danger_now = Some(Tristate::No);
        d.reporter = Some(Reporter::Witness);
        d.kind = Some(TraffickingKind::Labor);
        d.venue = "agriculture".into();
        d.country = "US".into();
        d.set_text(Field::LocationRegion, "TX");
        d.set_text(Field::LocationCity, "Amarillo");
        d.set_text(Field::LocationPlace, "Green Acres");
        d.set_text(Field::LocationDetails, "Route 66");
        d.date = "2026-11-01".into();
        d.time_of_day = Some(TimeOfDay::Night);
        d.ongoing = Some(YesNoUnsure::Yes);
        d.count = Some(PeopleCount::SixOrMore);
        d.minors = Some(Tristate::Unsure);
        d.set_text(Field::PeopleDescription, "young men");
        d.set_text(Field::PeopleLanguages, "Spanish, Mixteco");
        d.set_text(Field::ControllersNames, "El Jefe");
        d.set_text(Field::ControllersDescription, "tall");
        d.set_text(Field::ControllersVehicles, "white van ABC 123");
        d.set_indicator("isolated", true);
        d.set_indicator("not-free-to-leave", true);
        d.set_text(Field::OnlineSites, "example.com");
        d.set_text(Field::OnlineHandles, "@boss");
        d.set_text(Field::OnlinePhones, "555 000 1111");
        d.contact = ContactPreference::Confidential;
        d.set_text(Field::ContactPhone, " 555 123 4567 ");
        d.set_text(Field::ContactEmail, "me@example.org ");
        d.set_text(Field::ContactSafeTimes, "after 6pm");
        d.voicemail_ok = true;
        let tip = d.to_tip(Lang::En, Some(&PartnerId::parse("shelter-42").unwrap()));
        assert_eq!(tip.validate(today()), Ok(()));
        let value = serde_json::to_value(&tip).unwrap_or_default();
        let expected = serde_json::json!({
            "version": 1, "language": "en", "partner": "shelter-42",
            "danger_now": "no", "reporter": "witness", "kind": "labor",
            "when": {"date": "2026-11-01", "time_of_day": "night", "ongoing": true},
            "location": {"country": "US", "region": "TX", "city": "Amarillo",
                         "place": "Green Acres", "details": "Route 66"},
            "venue": "agriculture",
            "people": {"count": "6+", "minors": "unsure",
                       "description": "young men", "languages": "Spanish, Mixteco"},
            "controllers": {"description": "tall", "names": "El Jefe",
                            "vehicles": "white van ABC 123"},
            "indicators": ["not-free-to-leave", "isolated"],
            "online": {"sites": "example.com", "handles": "@boss", "phones": "555 000 1111"},
            "narrative": "  Workers sleep in the van.  ",
            "contact": {"preference": "confidential", "phone": "555 123 4567",
                        "email": "me@example.org", "safe_times": "after 6pm",
                        "voicemail_ok": true}
        });
        assert_eq!(value, expected);
    }

    #[test]
    fn not_sure_about_ongoing_is_sent_as_omitted() {
        let mut d = with_narrative("Something is wrong here.");
        d.ongoing = Some(YesNoUnsure::Unsure);
        assert_eq!(d.to_tip(Lang::En, None).when, None);
        d.ongoing = Some(YesNoUnsure::No);
        assert_eq!(
            d.to_tip(Lang::En, None).when.and_then(|w| w.ongoing),
            Some(false)
        );
    }

    #[test]
    fn contact_details_stay_home_when_contact_is_refused() {
        let mut d = with_narrative("Something is wrong here.");
        d.contact = ContactPreference::Share;
        d.set_text(Field::ContactEmail, "me@example.org");
        d.contact = ContactPreference::NoContact;
        let tip = d.to_tip(Lang::En, None);
        assert_eq!(tip.contact, None);
        assert_eq!(tip.validate(today()), Ok(()));
        // The draft still holds it, in case they change their mind again.
        assert_eq!(d.text(Field::ContactEmail), "me@example.org");
    }

    #[test]
    fn whitespace_only_answers_are_left_out() {
        let mut d = with_narrative("Something is wrong here.");
        d.set_text(Field::LocationCity, "   ");
        d.set_text(Field::OnlineHandles, "\n\t");
        let tip = d.to_tip(Lang::En, None);
        assert_eq!(tip.location, None);
        assert_eq!(tip.online, None);
    }

    #[test]
    fn the_partner_id_goes_into_the_tip_as_it_is() {
        let d = with_narrative("Something is wrong here.");
        let id = PartnerId::parse("good-id").unwrap();
        let tip = d.to_tip(Lang::En, Some(&id));
        assert_eq!(tip.partner, "good-id");
        assert_eq!(tip.validate(today()), Ok(()));
        assert_eq!(d.to_tip(Lang::En, None).partner, "");
    }

    #[test]
    fn hostile_text_is_sent_byte_for_byte() {
        let hostile = "<script>alert(1)</script>\u{202e}evil\u{200b}\u{0}🙂 \"quotes\"";
        let d = with_narrative(hostile);
        let tip = d.to_tip(Lang::En, None);
        assert_eq!(tip.narrative, hostile);
        let json = serde_json::to_string(&tip).unwrap_or_default();
        let back: Tip = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back.narrative, hostile);
    }

    #[test]
    fn the_same_validator_finds_the_problems() {
        let mut d = with_narrative("short");
        d.date = "2999-01-01".into();
        d.contact = ContactPreference::Confidential;
        d.set_text(Field::ContactEmail, "not-an-email");
        let errors = d
            .to_tip(Lang::En, None)
            .validate(today())
            .err()
            .unwrap_or_default();
        let found: Vec<(&str, ErrorCode)> =
            errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            found,
            [
                ("when.date", ErrorCode::FutureDate),
                ("narrative", ErrorCode::TooShort),
                ("contact.email", ErrorCode::InvalidEmail),
            ]
        );
    }
}

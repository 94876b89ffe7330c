//! The words of each tip field: its label, and a hint for the few that
//! need one. The one place the widget names a field's words; everything
//! else about a field (path, cap, step, order) is in the field model,
//! [`lantern_tip::Field`].
use crate::i18n::FormStrings;
use lantern_tip::Field;

/// The label of the question that asks for `field`, for its input and for
/// messages that name it. A group is named by its first question (or its
/// heading). `None` for fields no person fills in.
pub fn label(t: &FormStrings, field: Field) -> Option<&'static str> {
    Some(match field {
        Field::Version | Field::Language | Field::Partner => return None,
        Field::DangerNow => t.danger_question,
        Field::Reporter => t.reporter_question,
        Field::Kind => t.kind_question,
        Field::When | Field::WhenDate => t.date_label,
        Field::WhenTimeOfDay => t.time_question,
        Field::WhenOngoing => t.ongoing_question,
        Field::Location | Field::LocationCountry => t.country_label,
        Field::LocationRegion => t.region_label,
        Field::LocationCity => t.city_label,
        Field::LocationPlace => t.place_label,
        Field::LocationDetails => t.details_label,
        Field::Venue => t.venue_label,
        Field::People | Field::PeopleCount => t.count_question,
        Field::PeopleMinors => t.minors_question,
        Field::PeopleDescription => t.people_description_label,
        Field::PeopleLanguages => t.languages_label,
        Field::Controllers => t.controllers_legend,
        Field::ControllersDescription => t.controller_description_label,
        Field::ControllersNames => t.controller_names_label,
        Field::ControllersVehicles => t.vehicles_label,
        Field::Indicators => t.signs_legend,
        Field::Online | Field::OnlineSites => t.sites_label,
        Field::OnlineHandles => t.handles_label,
        Field::OnlinePhones => t.phones_label,
        Field::Narrative => t.narrative_label,
        Field::Contact | Field::ContactPreference => t.contact_question,
        Field::ContactPhone => t.phone_label,
        Field::ContactEmail => t.email_label,
        Field::ContactSafeTimes => t.safe_times_label,
        Field::ContactVoicemailOk => t.voicemail_label,
    })
}

/// A hint under the label, for the questions that need one.
pub fn hint(t: &FormStrings, field: Field) -> Option<&'static str> {
    match field {
        Field::Narrative => Some(t.narrative_hint),
        Field::PeopleDescription => Some(t.people_description_hint),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{strings, Lang};

    #[test]
    fn every_field_a_person_fills_in_has_a_label_in_every_language() {
        for lang in Lang::ALL {
            let t = strings(lang).form;
            for field in Field::ALL.iter().copied() {
                let words = label(t, field);
                assert_eq!(
                    words.is_some(),
                    field.step().is_some(),
                    "{lang:?} {field:?}"
                );
                assert!(words.is_none_or(|w| !w.is_empty()), "{lang:?} {field:?}");
            }
        }
    }

    #[test]
    fn text_questions_have_labels_of_their_own() {
        // Two inputs on one page must not share a label.
        let t = strings(Lang::En).form;
        let texts: Vec<&str> = Field::ALL
            .iter()
            .filter(|f| f.is_text_input())
            .filter_map(|f| label(t, *f))
            .collect();
        let mut unique = texts.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), texts.len(), "{texts:?}");
    }
}

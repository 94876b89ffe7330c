//! The draft: everything the person has answered so far, exactly as they
//! answered it, in one plain struct (held in one signal by the component).
//!
//! The draft keeps more than a tip sends: a "not sure" that the wire format
//! spells as "omitted", and contact details typed before the person went
//! back to "do not contact me". Nothing typed is ever lost while the page is
//! open; [`Draft::to_tip`] decides what is sent.
use crate::i18n::FormStrings;
use lantern_tip::catalog::SIGNS;
use lantern_tip::limits;
use lantern_tip::model::{
    ContactPreference, PeopleCount, Reporter, TimeOfDay, TraffickingKind, Tristate,
};

/// A free-text answer. Each knows its wire path, its cap and its label, so
/// one input component serves them all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextField {
    /// `location.region`.
    Region,
    /// `location.city`.
    City,
    /// `location.place`.
    Place,
    /// `location.details`.
    Details,
    /// `people.description`.
    PeopleDescription,
    /// `people.languages`.
    Languages,
    /// `controllers.names`.
    ControllerNames,
    /// `controllers.description`.
    ControllerDescription,
    /// `controllers.vehicles`.
    Vehicles,
    /// `online.sites`.
    Sites,
    /// `online.handles`.
    Handles,
    /// `online.phones`.
    Phones,
    /// `narrative`.
    Narrative,
    /// `contact.phone`.
    Phone,
    /// `contact.email`.
    Email,
    /// `contact.safe_times`.
    SafeTimes,
}

impl TextField {
    /// Every free-text field, in form order.
    pub const ALL: [TextField; 16] = [
        TextField::Region,
        TextField::City,
        TextField::Place,
        TextField::Details,
        TextField::PeopleDescription,
        TextField::Languages,
        TextField::ControllerNames,
        TextField::ControllerDescription,
        TextField::Vehicles,
        TextField::Sites,
        TextField::Handles,
        TextField::Phones,
        TextField::Narrative,
        TextField::Phone,
        TextField::Email,
        TextField::SafeTimes,
    ];

    /// The field's path in the tip, as validation errors name it.
    pub const fn path(self) -> &'static str {
        match self {
            TextField::Region => "location.region",
            TextField::City => "location.city",
            TextField::Place => "location.place",
            TextField::Details => "location.details",
            TextField::PeopleDescription => "people.description",
            TextField::Languages => "people.languages",
            TextField::ControllerNames => "controllers.names",
            TextField::ControllerDescription => "controllers.description",
            TextField::Vehicles => "controllers.vehicles",
            TextField::Sites => "online.sites",
            TextField::Handles => "online.handles",
            TextField::Phones => "online.phones",
            TextField::Narrative => "narrative",
            TextField::Phone => "contact.phone",
            TextField::Email => "contact.email",
            TextField::SafeTimes => "contact.safe_times",
        }
    }

    /// The most characters the tip accepts here (`lantern_tip::limits`).
    pub const fn cap(self) -> usize {
        match self {
            TextField::Region => limits::REGION,
            TextField::City => limits::CITY,
            TextField::Place => limits::PLACE,
            TextField::Details => limits::LOCATION_DETAILS,
            TextField::PeopleDescription => limits::PEOPLE_DESCRIPTION,
            TextField::Languages => limits::PEOPLE_LANGUAGES,
            TextField::ControllerNames => limits::CONTROLLERS_NAMES,
            TextField::ControllerDescription => limits::CONTROLLERS_DESCRIPTION,
            TextField::Vehicles => limits::CONTROLLERS_VEHICLES,
            TextField::Sites => limits::ONLINE_SITES,
            TextField::Handles => limits::ONLINE_HANDLES,
            TextField::Phones => limits::ONLINE_PHONES,
            TextField::Narrative => limits::NARRATIVE_MAX,
            TextField::Phone => limits::CONTACT_PHONE,
            TextField::Email => limits::CONTACT_EMAIL,
            TextField::SafeTimes => limits::CONTACT_SAFE_TIMES,
        }
    }

    /// Whether the answer is long enough to want a multi-line box.
    pub const fn multiline(self) -> bool {
        self.cap() >= 500
    }

    /// The field's label in the language in force.
    pub fn label(self, t: &FormStrings) -> &'static str {
        match self {
            TextField::Region => t.region_label,
            TextField::City => t.city_label,
            TextField::Place => t.place_label,
            TextField::Details => t.details_label,
            TextField::PeopleDescription => t.people_description_label,
            TextField::Languages => t.languages_label,
            TextField::ControllerNames => t.controller_names_label,
            TextField::ControllerDescription => t.controller_description_label,
            TextField::Vehicles => t.vehicles_label,
            TextField::Sites => t.sites_label,
            TextField::Handles => t.handles_label,
            TextField::Phones => t.phones_label,
            TextField::Narrative => t.narrative_label,
            TextField::Phone => t.phone_label,
            TextField::Email => t.email_label,
            TextField::SafeTimes => t.safe_times_label,
        }
    }
}

/// A choice the wire format spells as `true`/`false`/omitted, but where the
/// form offers "not sure" and must remember that it was picked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum YesNoUnsure {
    /// Yes.
    Yes,
    /// No.
    No,
    /// Not sure: sent as omitted.
    Unsure,
}

impl YesNoUnsure {
    /// Every value, in the order offered.
    pub const ALL: &'static [YesNoUnsure] =
        &[YesNoUnsure::Yes, YesNoUnsure::No, YesNoUnsure::Unsure];

    /// As the tip's `Option<bool>`.
    pub fn as_bool(self) -> Option<bool> {
        match self {
            YesNoUnsure::Yes => Some(true),
            YesNoUnsure::No => Some(false),
            YesNoUnsure::Unsure => None,
        }
    }
}

/// Everything answered so far. `Default` is the empty form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    /// Is someone in danger right now?
    pub danger_now: Option<Tristate>,
    /// Who is sending the tip.
    pub reporter: Option<Reporter>,
    /// The kind of trafficking suspected.
    pub kind: Option<TraffickingKind>,
    /// A venue id from the catalog, or empty.
    pub venue: String,
    /// A country code (`US`), or empty.
    pub country: String,
    /// `YYYY-MM-DD` from the date input, or empty.
    pub date: String,
    /// Rough time of day.
    pub time_of_day: Option<TimeOfDay>,
    /// Still happening?
    pub ongoing: Option<YesNoUnsure>,
    /// How many people may need help.
    pub count: Option<PeopleCount>,
    /// Anyone under 18?
    pub minors: Option<Tristate>,
    /// Signs noticed, as catalog ids in catalog order.
    pub indicators: Vec<&'static str>,
    /// Whether and how the person may be contacted.
    pub contact: ContactPreference,
    /// Whether a message may be left.
    pub voicemail_ok: bool,
    /// The free-text answers, indexed like [`TextField::ALL`].
    texts: [String; 16],
}

/// `text` cut to at most `cap` characters (Unicode scalar values, the
/// measure `lantern_tip` uses), never splitting a character.
pub fn truncate_chars(text: &str, cap: usize) -> &str {
    match text.char_indices().nth(cap) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

impl Draft {
    /// The answer to a free-text question.
    pub fn text(&self, field: TextField) -> &str {
        &self.texts[field as usize]
    }

    /// Sets a free-text answer, cut to the field's cap. The input's
    /// `maxlength` already stops typing and pasting beyond it; this is the
    /// second fence, for input that did not come through the keyboard.
    pub fn set_text(&mut self, field: TextField, value: &str) {
        let value = truncate_chars(value, field.cap());
        let slot = &mut self.texts[field as usize];
        if slot != value {
            value.clone_into(slot);
        }
    }

    /// Whether the sign `id` is ticked.
    pub fn has_indicator(&self, id: &str) -> bool {
        self.indicators.contains(&id)
    }

    /// Ticks or unticks the sign `id`. Unknown ids are ignored; the list
    /// stays in catalog order, so the tip reads the same whatever the
    /// order of ticking.
    pub fn set_indicator(&mut self, id: &str, ticked: bool) {
        let Some(sign) = SIGNS.iter().find(|s| s.id == id) else {
            return;
        };
        // Rebuilt from the catalog rather than sorted: no sort code in the
        // Wasm for a list of a few dozen ids.
        let was = std::mem::take(&mut self.indicators);
        self.indicators = SIGNS
            .iter()
            .map(|s| s.id)
            .filter(|i| {
                if *i == sign.id {
                    ticked
                } else {
                    was.contains(i)
                }
            })
            .collect();
    }

    /// Whether the contact fields are in use (a contact option is chosen).
    pub fn wants_contact(&self) -> bool {
        self.contact != ContactPreference::NoContact
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_order_matches_the_storage_index() {
        for (i, field) in TextField::ALL.iter().enumerate() {
            assert_eq!(*field as usize, i);
        }
    }

    #[test]
    fn every_path_is_one_the_validator_knows() {
        for field in TextField::ALL {
            assert!(
                lantern_tip::validate::FIELD_ORDER.contains(&field.path()),
                "{}",
                field.path()
            );
        }
    }

    #[test]
    fn set_text_caps_at_the_limit_without_splitting_characters() {
        let mut d = Draft::default();
        d.set_text(TextField::City, &"é".repeat(1000));
        assert_eq!(d.text(TextField::City).chars().count(), limits::CITY);
        d.set_text(
            TextField::Narrative,
            &"🙂".repeat(limits::NARRATIVE_MAX + 5),
        );
        assert_eq!(
            d.text(TextField::Narrative).chars().count(),
            limits::NARRATIVE_MAX
        );
        let megabyte = "a".repeat(1 << 20);
        d.set_text(TextField::Narrative, &megabyte);
        assert_eq!(d.text(TextField::Narrative).len(), limits::NARRATIVE_MAX);
    }

    #[test]
    fn set_text_keeps_hostile_text_exactly() {
        let mut d = Draft::default();
        let hostile = "<script>alert(1)</script>\u{202e}abc\u{200b}\u{0}🙂";
        d.set_text(TextField::Handles, hostile);
        assert_eq!(d.text(TextField::Handles), hostile);
    }

    #[test]
    fn truncate_is_exact_at_the_edges() {
        assert_eq!(truncate_chars("abc", 3), "abc");
        assert_eq!(truncate_chars("abcd", 3), "abc");
        assert_eq!(truncate_chars("", 3), "");
        assert_eq!(truncate_chars("ñño", 2), "ññ");
        assert_eq!(truncate_chars("abc", 0), "");
    }

    #[test]
    fn indicators_stay_in_catalog_order_without_duplicates() {
        let mut d = Draft::default();
        let last = SIGNS[SIGNS.len() - 1].id;
        let first = SIGNS[0].id;
        d.set_indicator(last, true);
        d.set_indicator(first, true);
        d.set_indicator(first, true);
        d.set_indicator("not-a-sign", true);
        assert_eq!(d.indicators, vec![first, last]);
        assert!(d.has_indicator(last));
        d.set_indicator(last, false);
        assert_eq!(d.indicators, vec![first]);
        assert!(!d.has_indicator(last));
    }

    #[test]
    fn multiline_fields_are_the_long_ones() {
        assert!(TextField::Narrative.multiline());
        assert!(TextField::PeopleDescription.multiline());
        assert!(!TextField::City.multiline());
        assert!(!TextField::Email.multiline());
    }

    #[test]
    fn every_field_has_a_label_in_every_language() {
        for lang in crate::i18n::Lang::ALL {
            let t = crate::i18n::strings(lang).form;
            for field in TextField::ALL {
                assert!(!field.label(t).is_empty(), "{lang:?} {field:?}");
            }
        }
    }
}

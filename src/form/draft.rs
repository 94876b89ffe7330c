//! The draft: everything the person has answered so far, exactly as they
//! answered it, in one plain struct (held in one signal by the component).
//!
//! The draft keeps more than a tip sends: a "not sure" that the wire format
//! spells as "omitted", and contact details typed before the person went
//! back to "do not contact me". Nothing typed is ever lost while the page is
//! open; [`Draft::to_tip`] decides what is sent.
use lantern_tip::catalog::SIGNS;
use lantern_tip::model::{
    ContactPreference, PeopleCount, Reporter, TimeOfDay, TraffickingKind, Tristate,
};
use lantern_tip::Field;

/// Whether the free-text answer `field` is long enough to want a
/// multi-line box.
pub fn multiline(field: Field) -> bool {
    field.cap().is_some_and(|cap| cap >= 500)
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
    /// The free-text answers, by field (see [`Field::is_text_input`]).
    texts: Texts,
}

/// One answer per field of the tip, indexed like [`Field::ALL`]; only the
/// free-text ones are ever set.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Texts([String; Field::COUNT]);

impl Default for Texts {
    fn default() -> Self {
        Texts(std::array::from_fn(|_| String::new()))
    }
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
    pub fn text(&self, field: Field) -> &str {
        &self.texts.0[field as usize]
    }

    /// Sets a free-text answer, cut to the field's cap. The input's
    /// `maxlength` already stops typing and pasting beyond it; this is the
    /// second fence, for input that did not come through the keyboard.
    /// Only free-text fields ([`Field::is_text_input`]) are kept.
    pub fn set_text(&mut self, field: Field, value: &str) {
        let Some(cap) = field.cap().filter(|_| field.is_text_input()) else {
            return;
        };
        let value = truncate_chars(value, cap);
        let slot = &mut self.texts.0[field as usize];
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
    use lantern_tip::limits;

    #[test]
    fn only_free_text_answers_are_kept() {
        let mut d = Draft::default();
        for field in Field::ALL.iter().copied() {
            d.set_text(field, "an answer");
            let kept = d.text(field) == "an answer";
            assert_eq!(kept, field.is_text_input(), "{field:?}");
        }
    }

    #[test]
    fn set_text_caps_at_the_limit_without_splitting_characters() {
        let mut d = Draft::default();
        d.set_text(Field::LocationCity, &"é".repeat(1000));
        assert_eq!(d.text(Field::LocationCity).chars().count(), limits::CITY);
        d.set_text(Field::Narrative, &"🙂".repeat(limits::NARRATIVE_MAX + 5));
        assert_eq!(
            d.text(Field::Narrative).chars().count(),
            limits::NARRATIVE_MAX
        );
        let megabyte = "a".repeat(1 << 20);
        d.set_text(Field::Narrative, &megabyte);
        assert_eq!(d.text(Field::Narrative).len(), limits::NARRATIVE_MAX);
    }

    #[test]
    fn set_text_keeps_hostile_text_exactly() {
        let mut d = Draft::default();
        let hostile = "<script>alert(1)</script>\u{202e}abc\u{200b}\u{0}🙂";
        d.set_text(Field::OnlineHandles, hostile);
        assert_eq!(d.text(Field::OnlineHandles), hostile);
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
        assert!(multiline(Field::Narrative));
        assert!(multiline(Field::PeopleDescription));
        assert!(!multiline(Field::LocationCity));
        assert!(!multiline(Field::ContactEmail));
    }
}

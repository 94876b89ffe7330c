//! The tip's fields, in one table: each field's path (and so its wire
//! name), what kind of value it holds, its length cap, its place in the
//! order, the form step that asks for it, and its export column.
//!
//! Everything that names a field reads it from here: the order
//! [`crate::Tip::validate`] reports errors in ([`crate::validate::FIELD_ORDER`],
//! [`crate::validate::field_rank`]), the caps of the free-text fields
//! ([`crate::validate::text_caps`]), the widget's draft, error anchors and
//! step mapping ([`crate::Step::for_field`]), the intake's CSV columns
//! ([`Field::columns`]), and the tests that hold the OpenAPI document and
//! `docs/api.md` to the model.
//!
//! The table's order is the form's order: errors are sorted by it, so an
//! error summary reads top to bottom, the widget lists a group's text
//! questions in it, and the export's columns follow it.
//!
//! Adding an optional free-text field is one line here (with its member in
//! [`crate::model`], which serde reads) plus its words in the widget.

use crate::limits;
use crate::model::Tip;
use crate::step::Step;

/// What a field holds, as far as the rules and the form care.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An object of other fields (`when`, `location`, ...).
    Group,
    /// The wire format version (a number).
    Version,
    /// One of a closed set of values (an enum on the wire).
    Choice,
    /// `true` or `false`.
    Flag,
    /// A list of catalog ids (`indicators`).
    List,
    /// The partner id: text with a rule of its own
    /// ([`crate::validate::partner_id`]).
    Partner,
    /// A `YYYY-MM-DD` date.
    Date,
    /// An ISO 3166-1 alpha-2 country code.
    Country,
    /// A venue id from [`crate::catalog::VENUES`].
    Venue,
    /// What happened: free text with a minimum of its own
    /// ([`crate::validate::narrative_length`]).
    Narrative,
    /// Free text, checked only for its cap and its characters
    /// ([`crate::validate::text`]); typed as `Input`.
    Text(Input),
}

/// How a free-text field is typed in the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Input {
    /// Words: one line, or a box for the long ones.
    Words,
    /// A phone number (sent without the spaces around it).
    Tel,
    /// An email address (sent without the spaces around it).
    Email,
}

/// Reads and writes one text field of a [`Tip`].
#[derive(Clone, Copy)]
struct Access {
    get: fn(&Tip) -> Option<&str>,
    set: fn(&mut Tip, String),
}

/// One row of the table.
struct Spec {
    path: &'static str,
    kind: Kind,
    cap: Option<usize>,
    step: Option<Step>,
    access: Option<Access>,
    /// The entry's doc comment: `` `path`. `` or `` `path`: Description. ``
    doc: &'static str,
}

/// Declares [`Field`] and its table from one list. Each entry:
/// `Variant = path.to.it: kind, cap, step, access;` where `access` is
/// `text` for a string field (getter and setter are made from its path)
/// and `_` otherwise. Its doc comment names the path and, for a free-text
/// field, says what it holds (`` /// `location.city`: City or town. ``):
/// that sentence is the field's description in the OpenAPI document
/// ([`Field::description`]).
macro_rules! fields {
    (@get $top:ident) => {
        |t: &Tip| Some(t.$top.as_str())
    };
    (@get $group:ident . $member:ident) => {
        |t: &Tip| t.$group.as_ref().map(|g| g.$member.as_str())
    };
    (@set $top:ident) => {
        |t: &mut Tip, v: String| t.$top = v
    };
    (@set $group:ident . $member:ident) => {
        |t: &mut Tip, v: String| t.$group.get_or_insert_with(Default::default).$member = v
    };
    (@access text $($path:tt)+) => {
        Some(Access {
            get: fields!(@get $($path)+),
            set: fields!(@set $($path)+),
        })
    };
    (@access _ $($path:tt)+) => {
        None
    };
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $first:ident $(. $rest:ident)*:
            $kind:expr, $cap:expr, $step:expr, $access:tt;
    )+) => {
        /// A field of the tip, named by its place in the wire format.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field {
            $($(#[doc = $doc])* $variant,)+
        }

        impl Field {
            /// Every field, in form order.
            pub const ALL: &'static [Field] = &[$(Field::$variant,)+];
        }

        /// Every field's path, in form order ([`Field::ALL`]'s).
        pub(crate) const PATHS: &[&str] = &[$(concat!(stringify!($first) $(, ".", stringify!($rest))*),)+];

        /// The table, indexed like [`Field::ALL`].
        static SPECS: &[Spec] = &[$(
            Spec {
                path: concat!(stringify!($first) $(, ".", stringify!($rest))*),
                kind: $kind,
                cap: $cap,
                step: $step,
                access: fields!(@access $access $first $(. $rest)*),
                doc: concat!($($doc),*),
            },
        )+];
    };
}

use Input::{Email, Tel, Words};
use Kind::*;

fields! {
    /// `version`.
    Version = version: Kind::Version, None, None, _;
    /// `language`.
    Language = language: Choice, None, None, _;
    /// `partner`.
    Partner = partner: Kind::Partner, Some(limits::PARTNER), None, text;
    /// `danger_now`.
    DangerNow = danger_now: Choice, None, Some(Step::Safety), _;
    /// `reporter`.
    Reporter = reporter: Choice, None, Some(Step::Who), _;
    /// `kind`.
    Kind = kind: Choice, None, Some(Step::WhatWhere), _;
    /// `when`.
    When = when: Group, None, Some(Step::When), _;
    /// `when.date`.
    WhenDate = when.date: Date, Some(limits::DATE), Some(Step::When), text;
    /// `when.time_of_day`.
    WhenTimeOfDay = when.time_of_day: Choice, None, Some(Step::When), _;
    /// `when.ongoing`.
    WhenOngoing = when.ongoing: Flag, None, Some(Step::When), _;
    /// `location`.
    Location = location: Group, None, Some(Step::WhatWhere), _;
    /// `location.country`.
    LocationCountry = location.country: Country, Some(limits::COUNTRY), Some(Step::WhatWhere), text;
    /// `location.region`: State, province or region, or 'unknown'.
    LocationRegion = location.region: Text(Words), Some(limits::REGION), Some(Step::WhatWhere), text;
    /// `location.city`: City or town.
    LocationCity = location.city: Text(Words), Some(limits::CITY), Some(Step::WhatWhere), text;
    /// `location.place`: Place or business name.
    LocationPlace = location.place: Text(Words), Some(limits::PLACE), Some(Step::WhatWhere), text;
    /// `location.details`: Street, landmark or other details.
    LocationDetails = location.details: Text(Words), Some(limits::LOCATION_DETAILS), Some(Step::WhatWhere), text;
    /// `venue`.
    Venue = venue: Kind::Venue, None, Some(Step::WhatWhere), text;
    /// `people`.
    People = people: Group, None, Some(Step::People), _;
    /// `people.count`.
    PeopleCount = people.count: Choice, None, Some(Step::People), _;
    /// `people.minors`.
    PeopleMinors = people.minors: Choice, None, Some(Step::People), _;
    /// `people.description`: What they look like, what they do.
    PeopleDescription = people.description: Text(Words), Some(limits::PEOPLE_DESCRIPTION), Some(Step::People), text;
    /// `people.languages`: Languages heard.
    PeopleLanguages = people.languages: Text(Words), Some(limits::PEOPLE_LANGUAGES), Some(Step::People), text;
    /// `controllers`.
    Controllers = controllers: Group, None, Some(Step::People), _;
    /// `controllers.description`: What they look like, what they do.
    ControllersDescription = controllers.description: Text(Words), Some(limits::CONTROLLERS_DESCRIPTION), Some(Step::People), text;
    /// `controllers.names`: Names or nicknames.
    ControllersNames = controllers.names: Text(Words), Some(limits::CONTROLLERS_NAMES), Some(Step::People), text;
    /// `controllers.vehicles`: Vehicles and plates.
    ControllersVehicles = controllers.vehicles: Text(Words), Some(limits::CONTROLLERS_VEHICLES), Some(Step::People), text;
    /// `indicators`.
    Indicators = indicators: List, None, Some(Step::Signs), _;
    /// `online`.
    Online = online: Group, None, Some(Step::Online), _;
    /// `online.sites`: Sites and apps. Stored as text, never fetched.
    OnlineSites = online.sites: Text(Words), Some(limits::ONLINE_SITES), Some(Step::Online), text;
    /// `online.handles`: Usernames, handles, ad text.
    OnlineHandles = online.handles: Text(Words), Some(limits::ONLINE_HANDLES), Some(Step::Online), text;
    /// `online.phones`: Phone numbers seen in ads or messages.
    OnlinePhones = online.phones: Text(Words), Some(limits::ONLINE_PHONES), Some(Step::Online), text;
    /// `narrative`.
    Narrative = narrative: Kind::Narrative, Some(limits::NARRATIVE_MAX), Some(Step::Narrative), text;
    /// `contact`.
    Contact = contact: Group, None, Some(Step::Contact), _;
    /// `contact.preference`.
    ContactPreference = contact.preference: Choice, None, Some(Step::Contact), _;
    /// `contact.phone`.
    ContactPhone = contact.phone: Text(Tel), Some(limits::CONTACT_PHONE), Some(Step::Contact), text;
    /// `contact.email`.
    ContactEmail = contact.email: Text(Email), Some(limits::CONTACT_EMAIL), Some(Step::Contact), text;
    /// `contact.safe_times`: When it is safe to make contact.
    ContactSafeTimes = contact.safe_times: Text(Words), Some(limits::CONTACT_SAFE_TIMES), Some(Step::Contact), text;
    /// `contact.voicemail_ok`.
    ContactVoicemailOk = contact.voicemail_ok: Flag, None, Some(Step::Contact), _;
}

impl Field {
    /// How many fields the tip has.
    pub const COUNT: usize = PATHS.len();

    fn spec(self) -> &'static Spec {
        &SPECS[self as usize]
    }

    /// The field's path in the tip (`"location.city"`), as validation
    /// errors name it and as the export's column heading reads.
    pub fn path(self) -> &'static str {
        self.spec().path
    }

    /// The field's name on the wire, within its group (`"city"`).
    pub fn wire_name(self) -> &'static str {
        let path = self.path();
        path.rsplit('.').next().unwrap_or(path)
    }

    /// What the field holds.
    pub fn kind(self) -> Kind {
        self.spec().kind
    }

    /// The most characters the field accepts (from [`crate::limits`]), for
    /// text fields.
    pub fn cap(self) -> Option<usize> {
        self.spec().cap
    }

    /// The form step that asks for it; `None` for fields no person fills
    /// in (`version`, `language`, `partner`).
    pub fn step(self) -> Option<Step> {
        self.spec().step
    }

    /// What the field holds, in the words of the OpenAPI document: the
    /// sentence after its path in its entry's doc comment. Every
    /// [`Input::Words`] field has one (the document's schema for it is
    /// generated from the table); other fields' descriptions are written in
    /// `openapi.json`.
    pub fn description(self) -> Option<&'static str> {
        let (_, words) = self.spec().doc.split_once("`: ")?;
        Some(words.trim())
    }

    /// Position in form order, from 0.
    pub fn rank(self) -> usize {
        self as usize
    }

    /// The group it belongs to (`location` for `location.city`), if any.
    pub fn parent(self) -> Option<Field> {
        let (group, _) = self.path().rsplit_once('.')?;
        Field::from_path(group)
    }

    /// The fields of this group, in form order (none for a plain field).
    pub fn children(self) -> impl Iterator<Item = Field> {
        Field::ALL
            .iter()
            .copied()
            .filter(move |f| f.parent() == Some(self))
    }

    /// Whether it is a free-text answer the form offers an input for: the
    /// narrative or a [`Kind::Text`] field.
    pub fn is_text_input(self) -> bool {
        matches!(self.kind(), Kind::Text(_) | Kind::Narrative)
    }

    /// The heading of its column in the CSV export: every field that holds
    /// a value (not a group) has one, named by its path.
    pub fn column(self) -> Option<&'static str> {
        (self.kind() != Kind::Group).then(|| self.path())
    }

    /// The export's tip columns, in form order.
    pub fn columns() -> impl Iterator<Item = &'static str> {
        Field::ALL.iter().filter_map(|f| f.column())
    }

    /// The field whose path is exactly `path`; a list entry
    /// (`indicators[2]`) is its list's field.
    pub fn from_path(path: &str) -> Option<Field> {
        let path = match path.split_once('[') {
            Some((list, rest)) if rest.ends_with(']') => list,
            _ => path,
        };
        PATHS.iter().position(|p| *p == path).map(|i| Field::ALL[i])
    }

    /// The field at `path`, or its closest listed parent
    /// (`location.somewhere` is `location`, `indicators[3]` is
    /// `indicators`); `None` if not even the top of the path is a field.
    pub fn nearest(path: &str) -> Option<Field> {
        let mut path = path;
        loop {
            if let Some(field) = Field::from_path(path) {
                return Some(field);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }

    /// The text of a string field in `tip` (`None` when its group is
    /// absent or it is not a string field).
    pub fn text(self, tip: &Tip) -> Option<&str> {
        (self.spec().access?.get)(tip)
    }

    /// Sets a string field of `tip`, adding its group if absent. Does
    /// nothing for a field that is not a string.
    pub fn set_text(self, tip: &mut Tip, value: String) {
        if let Some(access) = self.spec().access {
            (access.set)(tip, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_table_and_the_enum_agree() {
        assert_eq!(Field::ALL.len(), SPECS.len());
        assert_eq!(Field::COUNT, SPECS.len());
        for (i, field) in Field::ALL.iter().enumerate() {
            assert_eq!(*field as usize, i);
            assert_eq!(field.rank(), i);
            assert_eq!(field.path(), PATHS[i]);
            assert_eq!(Field::from_path(field.path()), Some(*field));
        }
    }

    #[test]
    fn every_field_appears_once() {
        let paths: BTreeSet<&str> = Field::ALL.iter().map(|f| f.path()).collect();
        assert_eq!(paths.len(), Field::ALL.len());
    }

    #[test]
    fn a_group_comes_before_its_fields_and_they_follow_it_together() {
        for field in Field::ALL {
            if let Some(parent) = field.parent() {
                assert_eq!(parent.kind(), Kind::Group, "{field:?}");
                assert!(parent.rank() < field.rank(), "{field:?}");
                // Everything between the group and its field is the group's.
                for between in &Field::ALL[parent.rank() + 1..field.rank()] {
                    assert_eq!(between.parent(), Some(parent), "{between:?}");
                }
                assert_eq!(field.step(), parent.step(), "{field:?}");
            }
            if field.path().contains('.') {
                assert!(field.parent().is_some(), "{field:?} has no group");
            }
        }
        assert_eq!(
            Field::Location.children().collect::<Vec<_>>(),
            [
                Field::LocationCountry,
                Field::LocationRegion,
                Field::LocationCity,
                Field::LocationPlace,
                Field::LocationDetails
            ]
        );
    }

    #[test]
    fn caps_agree_with_the_limits() {
        let caps = [
            (Field::Partner, limits::PARTNER),
            (Field::WhenDate, 10),
            (Field::LocationCountry, 2),
            (Field::LocationRegion, limits::REGION),
            (Field::LocationCity, limits::CITY),
            (Field::LocationPlace, limits::PLACE),
            (Field::LocationDetails, limits::LOCATION_DETAILS),
            (Field::PeopleDescription, limits::PEOPLE_DESCRIPTION),
            (Field::PeopleLanguages, limits::PEOPLE_LANGUAGES),
            (
                Field::ControllersDescription,
                limits::CONTROLLERS_DESCRIPTION,
            ),
            (Field::ControllersNames, limits::CONTROLLERS_NAMES),
            (Field::ControllersVehicles, limits::CONTROLLERS_VEHICLES),
            (Field::OnlineSites, limits::ONLINE_SITES),
            (Field::OnlineHandles, limits::ONLINE_HANDLES),
            (Field::OnlinePhones, limits::ONLINE_PHONES),
            (Field::Narrative, limits::NARRATIVE_MAX),
            (Field::ContactPhone, limits::CONTACT_PHONE),
            (Field::ContactEmail, limits::CONTACT_EMAIL),
            (Field::ContactSafeTimes, limits::CONTACT_SAFE_TIMES),
        ];
        for (field, cap) in caps {
            assert_eq!(field.cap(), Some(cap), "{field:?}");
        }
        let capped: BTreeSet<Field> = caps.iter().map(|(f, _)| *f).collect();
        for field in Field::ALL {
            assert_eq!(field.cap().is_some(), capped.contains(field), "{field:?}");
            // Every text field has a cap, and only string fields have one.
            if field.is_text_input() {
                assert!(field.cap().is_some(), "{field:?}");
            }
            if field.cap().is_some() {
                assert!(field.spec().access.is_some(), "{field:?} is not a string");
            }
        }
    }

    #[test]
    fn every_plain_text_field_says_what_it_holds() {
        for field in Field::ALL {
            let words = field.description();
            if field.kind() == Kind::Text(Input::Words) {
                let words = words.unwrap_or_else(|| panic!("{field:?} has no description"));
                assert!(
                    words.ends_with('.') && words.len() > 5,
                    "{field:?}: {words}"
                );
            }
            // Every doc comment starts with the field's own path.
            assert!(
                field
                    .spec()
                    .doc
                    .trim()
                    .starts_with(&format!("`{}`", field.path())),
                "{field:?}"
            );
        }
        assert_eq!(Field::LocationCity.description(), Some("City or town."));
        assert_eq!(Field::Narrative.description(), None);
    }

    #[test]
    fn wire_names_are_the_last_part_of_the_path() {
        assert_eq!(Field::LocationCity.wire_name(), "city");
        assert_eq!(Field::Narrative.wire_name(), "narrative");
        assert_eq!(Field::ContactSafeTimes.path(), "contact.safe_times");
    }

    #[test]
    fn paths_find_their_field_or_its_nearest_parent() {
        assert_eq!(Field::from_path("indicators[3]"), Some(Field::Indicators));
        assert_eq!(Field::from_path("location.somewhere"), None);
        assert_eq!(Field::nearest("location.somewhere"), Some(Field::Location));
        assert_eq!(Field::nearest("indicators[7]"), Some(Field::Indicators));
        assert_eq!(Field::nearest("narrativeX"), None);
        assert_eq!(Field::nearest(""), None);
    }

    #[test]
    fn string_fields_read_and_write_their_own_place() {
        for field in Field::ALL {
            let mut tip = Tip::default();
            let value = format!("value of {}", field.path());
            field.set_text(&mut tip, value.clone());
            match field.spec().access {
                Some(_) => {
                    assert_eq!(field.text(&tip), Some(value.as_str()), "{field:?}");
                    // Exactly that place: no other string field holds it.
                    for other in Field::ALL.iter().filter(|o| *o != field) {
                        assert_ne!(other.text(&tip), Some(value.as_str()), "{other:?}");
                    }
                    let json = serde_json::to_value(&tip).unwrap_or_default();
                    let pointer = format!("/{}", field.path().replace('.', "/"));
                    assert_eq!(json.pointer(&pointer), Some(&value.clone().into()));
                }
                None => assert_eq!(tip, Tip::default(), "{field:?}"),
            }
        }
    }

    #[test]
    fn columns_are_the_fields_that_hold_values() {
        let columns: Vec<&str> = Field::columns().collect();
        assert_eq!(columns.first(), Some(&"version"));
        assert_eq!(columns.last(), Some(&"contact.voicemail_ok"));
        assert!(!columns.contains(&"location"));
        assert!(columns.contains(&"location.city"));
        assert_eq!(
            columns.len(),
            Field::ALL.len()
                - Field::ALL
                    .iter()
                    .filter(|f| f.kind() == Kind::Group)
                    .count()
        );
    }
}

//! The tip's wire format: the JSON body of `POST /v1/tips`, as Rust types.
//!
//! Unknown fields are rejected at every level (`deny_unknown_fields`), so a
//! misspelt field is an error rather than silently dropped text. Only
//! `version` and `narrative` are required; an omitted choice is `None` and an
//! omitted or empty text field is `""`, which is what the form's inputs hold
//! when left blank. Serialising leaves out what is empty, so a stored tip
//! holds exactly what the person gave.
//!
//! Every rule, length caps included, is in [`crate::validate`] (numbers from
//! [`crate::limits`]).

use serde::{Deserialize, Serialize};

use crate::limits;

pub use crate::language::Language;

/// Declares a closed set of wire values as an enum with `ALL` and `as_str`,
/// so the OpenAPI document and the widget can list the values without
/// repeating them.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $wire)] $variant,)+
        }

        impl $name {
            /// Every value, in the order the form offers them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The value as it appears on the wire.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)+
                }
            }
        }
    };
}

wire_enum! {
    /// A yes / no / not sure answer, sent as such (`danger_now`,
    /// `people.minors`). The widget's `YesNoUnsure` is another thing: a
    /// `true`/`false` field whose "not sure" is sent as omitted.
    Tristate {
        /// Yes.
        Yes = "yes",
        /// No.
        No = "no",
        /// Not sure.
        Unsure = "unsure",
    }
}

wire_enum! {
    /// Who is sending the tip.
    Reporter {
        /// Concerned about someone else.
        Witness = "witness",
        /// This may be happening to me.
        Myself = "self",
        /// Reporting as part of their work.
        Professional = "professional",
        /// Prefers not to say.
        Undisclosed = "undisclosed",
    }
}

wire_enum! {
    /// The kind of trafficking the person suspects.
    TraffickingKind {
        /// Sex trafficking.
        Sex = "sex",
        /// Labor trafficking.
        Labor = "labor",
        /// Both.
        Both = "both",
        /// Not sure.
        Unsure = "unsure",
    }
}

wire_enum! {
    /// Rough time of day.
    TimeOfDay {
        /// Morning.
        Morning = "morning",
        /// Afternoon.
        Afternoon = "afternoon",
        /// Evening.
        Evening = "evening",
        /// Night.
        Night = "night",
        /// Not known.
        Unknown = "unknown",
    }
}

wire_enum! {
    /// How many people may need help.
    PeopleCount {
        /// One person.
        One = "1",
        /// Two to five.
        TwoToFive = "2-5",
        /// Six or more.
        SixOrMore = "6+",
        /// Not known.
        Unknown = "unknown",
    }
}

wire_enum! {
    /// Whether, and how, the hotline may contact the person.
    #[derive(Default)]
    ContactPreference {
        /// Do not contact me (the default; no contact details are accepted).
        #[default]
        NoContact = "none",
        /// Contact me, but keep my details confidential.
        Confidential = "confidential",
        /// Contact me; you may share my details.
        Share = "share",
    }
}

fn is_false(value: &bool) -> bool {
    !value
}

/// A tip, as sent to `POST /v1/tips`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tip {
    /// Wire format version; must be [`limits::VERSION`].
    pub version: u32,
    /// The language the tip was written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// The id of the partner site the widget was embedded in, if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub partner: String,
    /// Is someone in danger right now?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub danger_now: Option<Tristate>,
    /// Who is reporting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporter: Option<Reporter>,
    /// The kind of trafficking suspected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<TraffickingKind>,
    /// When it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<When>,
    /// Where it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Type of place: one of [`crate::catalog::VENUES`].
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub venue: String,
    /// The people who may need help.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<People>,
    /// The people who may be controlling them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controllers: Option<Controllers>,
    /// Warning signs noticed: ids from [`crate::catalog::SIGNS`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<String>,
    /// Online details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online: Option<Online>,
    /// What happened, in the person's own words. The only required text.
    pub narrative: String,
    /// Whether and how the person may be contacted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

impl Default for Tip {
    /// An empty tip of the current version: what the form starts from.
    fn default() -> Self {
        Tip {
            version: limits::VERSION,
            language: None,
            partner: String::new(),
            danger_now: None,
            reporter: None,
            kind: None,
            when: None,
            location: None,
            venue: String::new(),
            people: None,
            controllers: None,
            indicators: Vec::new(),
            online: None,
            narrative: String::new(),
            contact: None,
        }
    }
}

/// When it happened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    /// `YYYY-MM-DD`, not in the future. Kept as text so that an impossible
    /// date is reported as a field error beside the others, not as a
    /// decoding failure; [`crate::Date`] parses it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// Rough time of day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_of_day: Option<TimeOfDay>,
    /// Whether it is still going on (`None`: not said).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ongoing: Option<bool>,
}

/// Where it happened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// ISO 3166-1 alpha-2 country code, upper case (`US`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
    /// State, province or region (or "unknown").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
    /// City or town.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub city: String,
    /// Place or business name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    /// Street, landmark, or other details.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub details: String,
}

/// The people who may need help.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct People {
    /// How many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<PeopleCount>,
    /// Is anyone under 18?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minors: Option<Tristate>,
    /// What they look like, what they do.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Languages heard.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub languages: String,
}

/// The people who may be controlling them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Controllers {
    /// What they look like, what they do.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Names or nicknames.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub names: String,
    /// Vehicles and plates.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub vehicles: String,
}

/// Online details. Stored as text only: never fetched, never made a link.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Online {
    /// Sites and apps.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sites: String,
    /// Usernames, handles, ad text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub handles: String,
    /// Phone numbers seen in ads or messages.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phones: String,
}

/// Whether and how the person may be contacted. With the default preference
/// (`none`) every contact field must stay empty, so nothing that identifies
/// the person is stored against their choice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Do not contact (default), contact confidentially, or contact and share.
    #[serde(default)]
    pub preference: ContactPreference,
    /// A safe phone number.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// A safe email address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// When it is safe to make contact.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub safe_times: String,
    /// Whether a message may be left.
    #[serde(default, skip_serializing_if = "is_false")]
    pub voicemail_ok: bool,
}

//! Every length cap of the tip, in one place: the validation rules, the
//! OpenAPI document (checked by a test) and the widget (which shows each cap
//! next to its field) all read these. Lengths count Unicode scalar values
//! (`str::chars`), not bytes, so a cap means the same in every script.

/// The wire format version this crate reads and writes.
pub const VERSION: u32 = 1;

/// Fewest visible characters in the narrative: whitespace, control and
/// invisible format characters do not count (see
/// [`crate::validate::is_visible`]).
pub const NARRATIVE_MIN: usize = 10;
/// Most characters in the narrative, every one counted (spaces included).
pub const NARRATIVE_MAX: usize = 5000;

/// Partner id: 1 to this many characters of `a-z`, `0-9` and `-`.
pub const PARTNER: usize = 64;

/// `when.date`: `YYYY-MM-DD`.
pub const DATE: usize = 10;

/// `location.country`: an ISO 3166-1 alpha-2 code.
pub const COUNTRY: usize = 2;

/// `location.region` (a state, province, or "unknown").
pub const REGION: usize = 100;
/// `location.city`.
pub const CITY: usize = 100;
/// `location.place` (a place or business name).
pub const PLACE: usize = 200;
/// `location.details` (street, landmark).
pub const LOCATION_DETAILS: usize = 500;

/// `people.description`.
pub const PEOPLE_DESCRIPTION: usize = 1000;
/// `people.languages` (languages heard).
pub const PEOPLE_LANGUAGES: usize = 200;

/// `controllers.description`.
pub const CONTROLLERS_DESCRIPTION: usize = 1000;
/// `controllers.names` (names or nicknames).
pub const CONTROLLERS_NAMES: usize = 500;
/// `controllers.vehicles` (vehicles and plates).
pub const CONTROLLERS_VEHICLES: usize = 500;

/// `online.sites` (sites and apps).
pub const ONLINE_SITES: usize = 1000;
/// `online.handles` (usernames, ad text).
pub const ONLINE_HANDLES: usize = 1000;
/// `online.phones` (phone numbers seen in ads or messages).
pub const ONLINE_PHONES: usize = 500;

/// `contact.phone`.
pub const CONTACT_PHONE: usize = 32;
/// `contact.email` (the longest address SMTP allows).
pub const CONTACT_EMAIL: usize = 254;
/// `contact.safe_times` (when it is safe to call).
pub const CONTACT_SAFE_TIMES: usize = 200;

/// Most entries in `indicators`. No duplicates are allowed, so a valid tip
/// never has more than the catalog's signs; this bound only stops a hostile
/// list from costing work before that is noticed.
pub const MAX_INDICATORS: usize = 64;

/// Fewest digits a contact phone number may have (local numbers included).
pub const PHONE_DIGITS_MIN: usize = 7;
/// Most digits a contact phone number may have (E.164's limit).
pub const PHONE_DIGITS_MAX: usize = 15;

/// The largest request body a valid tip can need, with room to spare: every
/// text field at its cap with each character escaped as `\uXXXX\uXXXX` would
/// still fit. Servers reject bigger bodies (413) before decoding them.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

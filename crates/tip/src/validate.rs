//! The rules a tip must meet, written once for the widget and the server.
//!
//! The length caps of every free-text field ([`text_caps`]), the per-field
//! checks, and the rules that need more than one field or outside knowledge
//! (today's date, the catalog). [`Tip::validate`] runs them all and returns
//! every problem at once, one per field, in the order the form asks.
//!
//! Length caps go through `validator`'s length rule ([`ValidateLength`]) but
//! not its derive: the derive collects errors in a `HashMap` of
//! `serde_json::Value` parameters, which cost the widget about 15 KB of Wasm
//! for a list this crate then flattened into [`FieldError`]s anyway.
//!
//! No regular expressions: phone and email checks are small hand-written
//! functions, because a regex engine would multiply the widget's size.

use std::borrow::Cow;

use validator::ValidateLength;

use crate::catalog;
use crate::error::{ErrorCode, FieldError};
use crate::limits;
use crate::model::{Contact, ContactPreference, Tip};
use crate::Date;

/// Every field path of the tip, in the order the form asks for them.
/// Errors are sorted by it, so an error summary reads top to bottom.
pub const FIELD_ORDER: &[&str] = &[
    "version",
    "language",
    "partner",
    "danger_now",
    "reporter",
    "kind",
    "when",
    "when.date",
    "when.time_of_day",
    "when.ongoing",
    "location",
    "location.country",
    "location.region",
    "location.city",
    "location.place",
    "location.details",
    "venue",
    "people",
    "people.count",
    "people.minors",
    "people.description",
    "people.languages",
    "controllers",
    "controllers.description",
    "controllers.names",
    "controllers.vehicles",
    "indicators",
    "online",
    "online.sites",
    "online.handles",
    "online.phones",
    "narrative",
    "contact",
    "contact.preference",
    "contact.phone",
    "contact.email",
    "contact.safe_times",
    "contact.voicemail_ok",
];

/// Every capped free-text field of `tip` that is present: its path, its
/// value and its cap in characters (from [`limits`]). Over its cap, a field
/// is [`ErrorCode::TooLong`]. The narrative and the partner id have rules of
/// their own ([`narrative_length`], [`partner_id`]).
pub fn text_caps(tip: &Tip) -> Vec<(&'static str, &str, usize)> {
    let mut caps = Vec::new();
    if let Some(l) = &tip.location {
        caps.extend([
            ("location.region", &l.region, limits::REGION),
            ("location.city", &l.city, limits::CITY),
            ("location.place", &l.place, limits::PLACE),
            ("location.details", &l.details, limits::LOCATION_DETAILS),
        ]);
    }
    if let Some(p) = &tip.people {
        caps.extend([
            (
                "people.description",
                &p.description,
                limits::PEOPLE_DESCRIPTION,
            ),
            ("people.languages", &p.languages, limits::PEOPLE_LANGUAGES),
        ]);
    }
    if let Some(c) = &tip.controllers {
        caps.extend([
            (
                "controllers.description",
                &c.description,
                limits::CONTROLLERS_DESCRIPTION,
            ),
            ("controllers.names", &c.names, limits::CONTROLLERS_NAMES),
            (
                "controllers.vehicles",
                &c.vehicles,
                limits::CONTROLLERS_VEHICLES,
            ),
        ]);
    }
    if let Some(o) = &tip.online {
        caps.extend([
            ("online.sites", &o.sites, limits::ONLINE_SITES),
            ("online.handles", &o.handles, limits::ONLINE_HANDLES),
            ("online.phones", &o.phones, limits::ONLINE_PHONES),
        ]);
    }
    if let Some(c) = &tip.contact {
        caps.extend([
            ("contact.phone", &c.phone, limits::CONTACT_PHONE),
            ("contact.email", &c.email, limits::CONTACT_EMAIL),
            (
                "contact.safe_times",
                &c.safe_times,
                limits::CONTACT_SAFE_TIMES,
            ),
        ]);
    }
    caps.into_iter()
        .map(|(path, value, cap)| (path, value.as_str(), cap))
        .collect()
}

/// Whether `value` is at most `cap` characters (Unicode scalar values, as
/// `validator`'s length rule counts them).
fn within(value: &str, cap: usize) -> bool {
    value.validate_length(None, Some(cap as u64), None)
}

/// `narrative`: [`limits::NARRATIVE_MIN`] to [`limits::NARRATIVE_MAX`]
/// characters once leading and trailing whitespace is trimmed.
pub fn narrative_length(narrative: &str) -> Result<(), ErrorCode> {
    let trimmed = narrative.trim();
    if trimmed.is_empty() {
        Err(ErrorCode::Required)
    } else if !trimmed.validate_length(Some(limits::NARRATIVE_MIN as u64), None, None) {
        Err(ErrorCode::TooShort)
    } else if !within(trimmed, limits::NARRATIVE_MAX) {
        Err(ErrorCode::TooLong)
    } else {
        Ok(())
    }
}

/// `partner`: empty, or up to [`limits::PARTNER`] characters of `a-z`,
/// `0-9` and `-`, neither starting nor ending with `-`.
pub fn partner_id(partner: &str) -> Result<(), ErrorCode> {
    if partner.is_empty() {
        return Ok(());
    }
    if !within(partner, limits::PARTNER) {
        return Err(ErrorCode::TooLong);
    }
    let allowed = partner
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if allowed && !partner.starts_with('-') && !partner.ends_with('-') {
        Ok(())
    } else {
        Err(ErrorCode::InvalidPartner)
    }
}

/// Whether `country` looks like an ISO 3166-1 alpha-2 code: two ASCII
/// capital letters. The list of codes itself is not checked (it changes,
/// and would cost the widget bytes for no safety gain).
pub fn is_country_code(country: &str) -> bool {
    country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether `phone` is a usable phone number: digits with the usual
/// separators (space, `-`, `.`, parentheses), an optional leading `+`, and
/// [`limits::PHONE_DIGITS_MIN`] to [`limits::PHONE_DIGITS_MAX`] digits.
pub fn is_phone(phone: &str) -> bool {
    let phone = phone.trim();
    let rest = phone.strip_prefix('+').unwrap_or(phone);
    let mut digits = 0;
    for c in rest.chars() {
        match c {
            '0'..='9' => digits += 1,
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => return false,
        }
    }
    (limits::PHONE_DIGITS_MIN..=limits::PHONE_DIGITS_MAX).contains(&digits)
}

/// Whether `email` is a plausible address: one `@`, a local part of 1 to 64
/// bytes without spaces or dots at its ends, and a domain of at least two
/// dot-separated labels of letters, digits and inner hyphens (any script, so
/// internationalised domains pass). Whether it exists is not knowable here.
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && !local.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(
                    c,
                    '@' | '<' | '>' | '"' | ',' | ';' | '(' | ')' | '[' | ']' | '\\'
                )
        });
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.chars().count() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()));
    local_ok && domain_ok
}

/// The errors found so far; keeps one error per field, the first found.
#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    fn add(&mut self, field: impl Into<Cow<'static, str>>, code: ErrorCode) {
        let field = field.into();
        if !self.0.iter().any(|e| e.field == field) {
            self.0.push(FieldError::new(field.into_owned(), code));
        }
    }

    /// Sorts into form order: by the first [`FIELD_ORDER`] entry the path
    /// starts with; stable, so list entries keep their order. Done rank by
    /// rank rather than with `sort_by_key`, whose stable sort would add
    /// about 4 KB to the widget's Wasm for lists this short (at most one
    /// error per field and [`limits::MAX_INDICATORS`] indicators).
    fn into_sorted(self) -> Vec<FieldError> {
        let ranks: Vec<usize> = self.0.iter().map(|e| field_rank(&e.field)).collect();
        let mut sorted = Vec::with_capacity(self.0.len());
        for rank in 0..=FIELD_ORDER.len() {
            for (error, _) in self.0.iter().zip(&ranks).filter(|(_, r)| **r == rank) {
                sorted.push(error.clone());
            }
        }
        sorted
    }
}

/// Position of `field` in [`FIELD_ORDER`]: its own, or its closest listed
/// parent's (`indicators[3]` ranks as `indicators`, `location.foo` as
/// `location`); unlisted paths go last.
pub fn field_rank(field: &str) -> usize {
    let mut path = field;
    loop {
        if let Some(rank) = FIELD_ORDER.iter().position(|f| *f == path) {
            return rank;
        }
        match path.rfind(['.', '[']) {
            Some(cut) => path = &path[..cut],
            None => return FIELD_ORDER.len(),
        }
    }
}

impl Tip {
    /// Checks every rule and returns every problem, one per field, in form
    /// order. `today` is the sender's (widget) or receiver's (server) date;
    /// a date after it is refused.
    ///
    /// This is the tip's whole rule set, for the widget and the server alike.
    pub fn validate(&self, today: Date) -> Result<(), Vec<FieldError>> {
        let mut errors = Errors::default();

        // First, because it matters most: with "do not contact me", contact
        // details must not be stored at all, so say that rather than that
        // they are too long or malformed.
        if let Some(contact) = &self.contact {
            if contact.preference == ContactPreference::NoContact {
                for (field, value) in [
                    ("contact.phone", &contact.phone),
                    ("contact.email", &contact.email),
                    ("contact.safe_times", &contact.safe_times),
                ] {
                    if !value.is_empty() {
                        errors.add(field, ErrorCode::NotAllowed);
                    }
                }
            }
        }

        if let Err(code) = partner_id(&self.partner) {
            errors.add("partner", code);
        }
        if let Err(code) = narrative_length(&self.narrative) {
            errors.add("narrative", code);
        }
        for (field, value, cap) in text_caps(self) {
            if !within(value, cap) {
                errors.add(field, ErrorCode::TooLong);
            }
        }

        if self.version != limits::VERSION {
            errors.add("version", ErrorCode::UnsupportedVersion);
        }
        if let Some(when) = &self.when {
            if !when.date.is_empty() {
                match when.date.parse::<Date>() {
                    Ok(date) if date > today => errors.add("when.date", ErrorCode::FutureDate),
                    Ok(_) => {}
                    Err(_) => errors.add("when.date", ErrorCode::InvalidDate),
                }
            }
        }
        if let Some(location) = &self.location {
            if !location.country.is_empty() && !is_country_code(&location.country) {
                errors.add("location.country", ErrorCode::InvalidCountry);
            }
        }
        if !self.venue.is_empty() && !catalog::is_venue(&self.venue) {
            errors.add("venue", ErrorCode::UnknownId);
        }
        check_indicators(&self.indicators, &mut errors);
        if let Some(contact) = &self.contact {
            check_contact(contact, &mut errors);
        }

        let errors = errors.into_sorted();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

fn check_indicators(indicators: &[String], errors: &mut Errors) {
    // A list longer than the bound is one error, not one per entry: a hostile
    // list must not turn into a huge answer.
    if indicators.len() > limits::MAX_INDICATORS {
        errors.add("indicators", ErrorCode::TooMany);
        return;
    }
    for (index, id) in indicators.iter().enumerate() {
        let field = format!("indicators[{index}]");
        if catalog::sign_by_id(id).is_none() {
            errors.add(field, ErrorCode::UnknownId);
        } else if indicators[..index].contains(id) {
            errors.add(field, ErrorCode::Duplicate);
        }
    }
}

fn check_contact(contact: &Contact, errors: &mut Errors) {
    if contact.preference == ContactPreference::NoContact {
        return; // Handled first in Tip::validate.
    }
    if contact.phone.is_empty() && contact.email.is_empty() {
        errors.add("contact.phone", ErrorCode::PhoneOrEmailRequired);
    }
    if !contact.phone.is_empty() && !is_phone(&contact.phone) {
        errors.add("contact.phone", ErrorCode::InvalidPhone);
    }
    if !contact.email.is_empty() && !is_email(&contact.email) {
        errors.add("contact.email", ErrorCode::InvalidEmail);
    }
}

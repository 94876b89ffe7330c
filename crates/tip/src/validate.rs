//! The rules a tip must meet, written once for the widget and the server.
//!
//! The length caps of every free-text field ([`text_caps`]) and the
//! characters text may hold ([`text`], [`is_visible`]), the per-field
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
//! functions, because a regex engine would multiply the widget's size. The
//! OpenAPI document states each rule as a JSON Schema pattern, and
//! `tests/openapi.rs` checks every such pattern against these functions.

use std::borrow::Cow;

use validator::ValidateLength;

use crate::catalog;
use crate::error::{ErrorCode, FieldError};
use crate::field::{Field, Kind};
use crate::limits;
use crate::model::{Contact, ContactPreference, Tip};
use crate::Date;

/// Every field path of the tip, in the order the form asks for them (the
/// order of [`Field::ALL`]). Errors are sorted by it, so an error summary
/// reads top to bottom.
pub const FIELD_ORDER: &[&str] = crate::field::PATHS;

/// Every capped free-text field of `tip` that is present: its path, its
/// value and its cap in characters (from [`limits`]), for each
/// [`Kind::Text`] field of the model. Each must pass [`text`]: over its cap
/// it is [`ErrorCode::TooLong`], with a control character
/// [`ErrorCode::InvalidCharacter`]. The narrative and the partner id have
/// rules of their own ([`narrative_length`], [`partner_id`]).
pub fn text_caps(tip: &Tip) -> Vec<(&'static str, &str, usize)> {
    Field::ALL
        .iter()
        .filter(|f| matches!(f.kind(), Kind::Text(_)))
        .filter_map(|f| Some((f.path(), f.text(tip)?, f.cap()?)))
        .collect()
}

/// Whether `value` is at most `cap` characters (Unicode scalar values, as
/// `validator`'s length rule counts them).
fn within(value: &str, cap: usize) -> bool {
    value.validate_length(None, Some(cap as u64), None)
}

/// Characters that take no room on screen although they are neither
/// whitespace nor control characters: format characters such as the
/// zero-width space, the direction marks, embeddings, overrides and
/// isolates, the byte order mark, variation selectors and tags, and the
/// fillers that render as nothing. Inclusive ranges, in code point order;
/// the OpenAPI document spells the same ranges out (a test compares them).
pub const INVISIBLE: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),   // soft hyphen
    ('\u{034F}', '\u{034F}'),   // combining grapheme joiner
    ('\u{061C}', '\u{061C}'),   // Arabic letter mark
    ('\u{115F}', '\u{1160}'),   // Hangul choseong and jungseong fillers
    ('\u{17B4}', '\u{17B5}'),   // Khmer inherent vowels
    ('\u{180B}', '\u{180F}'),   // Mongolian variation selectors, vowel separator
    ('\u{200B}', '\u{200F}'),   // zero-width space, (non-)joiner, direction marks
    ('\u{202A}', '\u{202E}'),   // direction embeddings, pop, overrides
    ('\u{2060}', '\u{206F}'),   // word joiner, invisible operators, isolates
    ('\u{2800}', '\u{2800}'),   // braille blank
    ('\u{3164}', '\u{3164}'),   // Hangul filler
    ('\u{FE00}', '\u{FE0F}'),   // variation selectors
    ('\u{FEFF}', '\u{FEFF}'),   // zero-width no-break space (byte order mark)
    ('\u{FFA0}', '\u{FFA0}'),   // halfwidth Hangul filler
    ('\u{FFF9}', '\u{FFFB}'),   // interlinear annotation marks
    ('\u{1BCA0}', '\u{1BCA3}'), // shorthand format controls
    ('\u{1D173}', '\u{1D17A}'), // musical symbol format controls
    ('\u{E0000}', '\u{E0FFF}'), // tags, variation selectors supplement
];

/// Whether a text field refuses `c`: a control character (C0 `U+0000` to
/// `U+001F`, `U+007F`, C1 `U+0080` to `U+009F`) other than tab, line feed
/// and carriage return. No keyboard types one; pasted or scripted, they hide
/// text, break exports and terminals, and say nothing.
pub fn is_refused_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Whether `c` shows on screen: not whitespace, not a control character,
/// and not one of the [`INVISIBLE`] format characters.
pub fn is_visible(c: char) -> bool {
    !c.is_whitespace()
        && !c.is_control()
        && !INVISIBLE
            .iter()
            .any(|&(first, last)| first <= c && c <= last)
}

/// Every free-text field: at most `cap` characters
/// ([`ErrorCode::TooLong`]) and no control character but tab, line feed and
/// carriage return ([`ErrorCode::InvalidCharacter`]).
pub fn text(value: &str, cap: usize) -> Result<(), ErrorCode> {
    if !within(value, cap) {
        Err(ErrorCode::TooLong)
    } else if value.chars().any(is_refused_control) {
        Err(ErrorCode::InvalidCharacter)
    } else {
        Ok(())
    }
}

/// `narrative`: a free-text field of at most [`limits::NARRATIVE_MAX`]
/// characters ([`text`]) with at least [`limits::NARRATIVE_MIN`] visible
/// ones ([`is_visible`]): spaces, line breaks and invisible format
/// characters are kept but do not count. Nothing visible at all is
/// [`ErrorCode::Required`], too few [`ErrorCode::TooShort`].
pub fn narrative_length(narrative: &str) -> Result<(), ErrorCode> {
    text(narrative, limits::NARRATIVE_MAX)?;
    match narrative.chars().filter(|c| is_visible(*c)).count() {
        0 => Err(ErrorCode::Required),
        n if n < limits::NARRATIVE_MIN => Err(ErrorCode::TooShort),
        _ => Ok(()),
    }
}

/// `partner`: empty, or a [`PartnerId`](crate::PartnerId).
pub fn partner_id(partner: &str) -> Result<(), ErrorCode> {
    if partner.is_empty() {
        return Ok(());
    }
    crate::PartnerId::parse(partner).map(drop)
}

/// Whether `country` looks like an ISO 3166-1 alpha-2 code: two ASCII
/// capital letters. The list of codes itself is not checked (it changes,
/// and would cost the widget bytes for no safety gain).
pub fn is_country_code(country: &str) -> bool {
    country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether `phone` is a usable phone number: digits with the usual
/// separators (space, `-`, `.`, parentheses), an optional leading `+`, and
/// [`limits::PHONE_DIGITS_MIN`] to [`limits::PHONE_DIGITS_MAX`] digits;
/// whitespace around it is ignored.
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

/// Whether `email` is a plausible address: a local part of one or more
/// dot-separated runs of visible characters ([`is_visible`]) other than
/// `" ( ) , . ; < > @ [ \ ]`, then `@`, then a domain of at least two
/// dot-separated labels, each of ASCII letters and digits, any other
/// visible non-ASCII character (so internationalised domains pass) and
/// inner hyphens, the last label not all digits. Whether it exists is not
/// knowable here.
///
/// Only what a JSON Schema pattern can say exactly: SMTP's 64-octet local
/// part and 63-octet labels are not checked (the field's cap of 254
/// characters bounds the whole), so the OpenAPI document's pattern for
/// `contact.email` accepts exactly what this accepts.
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let local_char = |c: char| {
        is_visible(c)
            && !matches!(
                c,
                '"' | '(' | ')' | ',' | '.' | ';' | '<' | '>' | '@' | '[' | '\\' | ']'
            )
    };
    let label_char = |c: char| c.is_ascii_alphanumeric() || (!c.is_ascii() && is_visible(c));
    let local_ok = local
        .split('.')
        .all(|run| !run.is_empty() && run.chars().all(local_char));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c == '-' || label_char(c))
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().any(|c| c != '-' && !c.is_ascii_digit()));
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
    Field::nearest(field).map_or(FIELD_ORDER.len(), Field::rank)
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
                // Every contact text field of the model, so a new one is
                // refused here without being listed.
                let tip = self;
                for field in Field::Contact.children() {
                    if field.text(tip).is_some_and(|value| !value.is_empty()) {
                        errors.add(field.path(), ErrorCode::NotAllowed);
                    }
                }
            }
        }

        if let Err(code) = partner_id(&self.partner) {
            errors.add(Field::Partner.path(), code);
        }
        if let Err(code) = narrative_length(&self.narrative) {
            errors.add(Field::Narrative.path(), code);
        }
        for (field, value, cap) in text_caps(self) {
            if let Err(code) = text(value, cap) {
                errors.add(field, code);
            }
        }

        if self.version != limits::VERSION {
            errors.add(Field::Version.path(), ErrorCode::UnsupportedVersion);
        }
        if let Some(when) = &self.when {
            if !when.date.is_empty() {
                match when.date.parse::<Date>() {
                    Ok(date) if date > today => {
                        errors.add(Field::WhenDate.path(), ErrorCode::FutureDate)
                    }
                    Ok(_) => {}
                    Err(_) => errors.add(Field::WhenDate.path(), ErrorCode::InvalidDate),
                }
            }
        }
        if let Some(location) = &self.location {
            if !location.country.is_empty() && !is_country_code(&location.country) {
                errors.add(Field::LocationCountry.path(), ErrorCode::InvalidCountry);
            }
        }
        if !self.venue.is_empty() && !catalog::is_venue(&self.venue) {
            errors.add(Field::Venue.path(), ErrorCode::UnknownId);
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
        errors.add(Field::Indicators.path(), ErrorCode::TooMany);
        return;
    }
    for (index, id) in indicators.iter().enumerate() {
        let field = format!("{}[{index}]", Field::Indicators.path());
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
        errors.add(Field::ContactPhone.path(), ErrorCode::PhoneOrEmailRequired);
    }
    if !contact.phone.is_empty() && !is_phone(&contact.phone) {
        errors.add(Field::ContactPhone.path(), ErrorCode::InvalidPhone);
    }
    if !contact.email.is_empty() && !is_email(&contact.email) {
        errors.add(Field::ContactEmail.path(), ErrorCode::InvalidEmail);
    }
}

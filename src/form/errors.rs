//! Field errors, whether found in the browser by `Tip::validate` or sent
//! back by the server in a 422, turned into what the GOV.UK error pattern
//! needs: which step to show, which element to link to and focus, and the
//! words to say, in the person's language.
use super::draft::Draft;
use super::steps::Step;
use super::words::{fill, number};
use crate::i18n::FormStrings;
use lantern_tip::{limits, ErrorCode, Field, FieldError};

/// Prefix of every form element id, so ids never clash with the page around.
pub const ID_PREFIX: &str = "lx-f-";

/// The element id for the input of the field at `path` ("contact.email" →
/// "lx-f-contact-email"). For a group of radios or checkboxes it is the id
/// of the first one, which is what an error link should focus.
pub fn field_id(path: &str) -> String {
    let mut id = String::with_capacity(ID_PREFIX.len() + path.len());
    id.push_str(ID_PREFIX);
    id.extend(path.chars().map(|c| match c {
        'a'..='z' | '0'..='9' | '-' => c,
        _ => '-',
    }));
    id
}

/// The id of the checkbox for sign `sign_id`.
pub fn sign_id(sign_id: &str) -> String {
    field_id(&format!("sign.{sign_id}"))
}

/// The id of the element an error at `path` should link to: the input
/// itself, the ticked sign an `indicators[n]` error is about, or for a
/// group path (`when`) its first field. `None` for paths no person fills
/// in (`version`, `partner`, the whole body).
pub fn anchor(path: &str, draft: &Draft) -> Option<String> {
    Step::for_field(path)?;
    if let Some(index) = path
        .strip_prefix("indicators[")
        .and_then(|rest| rest.strip_suffix(']'))
        .and_then(|n| n.parse::<usize>().ok())
    {
        return Some(match draft.indicators.get(index) {
            Some(id) => sign_id(id),
            None => field_id("indicators"),
        });
    }
    // A group (`when`) links to its first question; anything else to
    // itself.
    let field = Field::from_path(path);
    let first = field.and_then(|group| group.children().next());
    Some(field_id(match first {
        Some(first) => first.path(),
        None => path,
    }))
}

/// The label of the question at `path`, for messages that name it.
pub fn label(t: &FormStrings, path: &str) -> Option<&'static str> {
    super::labels::label(t, Field::from_path(path)?)
}

/// The cap of the free-text field at `path`, for "must be N characters or
/// fewer".
fn cap(path: &str) -> Option<usize> {
    Field::from_path(path)
        .filter(|f| f.is_text_input())
        .and_then(Field::cap)
}

/// What to say about `error`, or `None` if it is not about anything the
/// person can change (the form then says the tip could not be accepted).
pub fn message(t: &FormStrings, error: &FieldError) -> Option<String> {
    let path = error.field.as_str();
    let label = label(t, path)?;
    Some(match (error.code, path) {
        (ErrorCode::Required, "narrative") => t.err_narrative_missing.to_owned(),
        (ErrorCode::TooShort, "narrative") => {
            fill(t.err_narrative_short, &[&number(t, limits::NARRATIVE_MIN)])
        }
        (ErrorCode::TooLong, _) => match cap(path) {
            Some(max) => fill(t.err_too_long, &[label, &number(t, max)]),
            None => fill(t.err_other, &[label]),
        },
        (ErrorCode::InvalidCharacter, _) => fill(t.err_invalid_character, &[label]),
        (ErrorCode::InvalidEmail, _) => t.err_email.to_owned(),
        (ErrorCode::InvalidPhone, _) => t.err_phone.to_owned(),
        (ErrorCode::FutureDate, _) => t.err_date_future.to_owned(),
        (ErrorCode::InvalidDate, _) => t.err_date_invalid.to_owned(),
        (ErrorCode::PhoneOrEmailRequired, _) => t.err_contact_missing.to_owned(),
        _ => fill(t.err_other, &[label]),
    })
}

/// One error ready to show: where it links and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    /// The tip field path.
    pub path: String,
    /// The element id the summary links to and the field's message sits by.
    pub anchor: String,
    /// The words.
    pub message: String,
}

/// The errors of `step`, ready to show, in form order (the order
/// `Tip::validate` and the server report them in).
pub fn for_step(t: &FormStrings, errors: &[FieldError], step: Step, draft: &Draft) -> Vec<Shown> {
    errors
        .iter()
        .filter(|e| step.asks_for(&e.field))
        .filter_map(|e| {
            Some(Shown {
                path: e.field.clone(),
                anchor: anchor(&e.field, draft)?,
                message: message(t, e)?,
            })
        })
        .collect()
}

/// The step to show for `errors`: the one asking for the first error a
/// person can fix. `None` if no error is theirs to fix.
pub fn first_step(errors: &[FieldError]) -> Option<Step> {
    errors.iter().find_map(|e| Step::for_field(&e.field))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{strings, Lang};
    use lantern_tip::validate::FIELD_ORDER;

    fn en() -> &'static FormStrings {
        strings(Lang::En).form
    }

    fn err(field: &str, code: ErrorCode) -> FieldError {
        FieldError::new(field, code)
    }

    #[test]
    fn ids_are_safe_and_stable() {
        assert_eq!(field_id("contact.email"), "lx-f-contact-email");
        assert_eq!(field_id("danger_now"), "lx-f-danger-now");
        assert_eq!(field_id("indicators[3]"), "lx-f-indicators-3-");
        assert_eq!(field_id("<x y=\"1\">"), "lx-f--x-y--1--");
        assert_eq!(sign_id("isolated"), "lx-f-sign-isolated");
    }

    #[test]
    fn indicator_errors_point_at_the_sign_they_are_about() {
        let mut d = Draft::default();
        d.set_indicator("isolated", true);
        d.set_indicator("not-free-to-leave", true);
        assert_eq!(
            anchor("indicators[1]", &d).as_deref(),
            Some("lx-f-sign-isolated")
        );
        assert_eq!(
            anchor("indicators[9]", &d).as_deref(),
            Some("lx-f-indicators")
        );
        assert_eq!(anchor("indicators", &d).as_deref(), Some("lx-f-indicators"));
    }

    #[test]
    fn group_errors_point_at_the_first_field_and_unfixable_ones_nowhere() {
        let d = Draft::default();
        assert_eq!(anchor("when", &d).as_deref(), Some("lx-f-when-date"));
        assert_eq!(
            anchor("contact", &d).as_deref(),
            Some("lx-f-contact-preference")
        );
        // The first question of the group as the step shows it (the
        // model's order).
        assert_eq!(
            anchor("controllers", &d).as_deref(),
            Some("lx-f-controllers-description")
        );
        assert_eq!(
            anchor("location.somewhere", &d).as_deref(),
            Some("lx-f-location-somewhere")
        );
        assert_eq!(anchor("version", &d), None);
        assert_eq!(anchor("partner", &d), None);
        assert_eq!(anchor("", &d), None);
    }

    #[test]
    fn messages_are_specific() {
        let t = en();
        let says = |field, code| message(t, &err(field, code)).unwrap_or_default();
        assert_eq!(
            says("narrative", ErrorCode::Required),
            "Tell us what happened"
        );
        assert_eq!(
            says("narrative", ErrorCode::TooShort),
            "What happened must be at least 10 characters, not counting spaces"
        );
        assert_eq!(
            says("narrative", ErrorCode::InvalidCharacter),
            "\u{201c}What happened?\u{201d} has hidden characters that we cannot accept. \
             Try typing it instead of pasting it"
        );
        assert_eq!(
            message(
                strings(Lang::Es).form,
                &err("location.city", ErrorCode::InvalidCharacter)
            )
            .unwrap_or_default(),
            "\u{201c}Ciudad o pueblo\u{201d} tiene caracteres ocultos que no podemos aceptar. \
             Intenta escribirlo en vez de pegarlo"
        );
        assert_eq!(
            says("narrative", ErrorCode::TooLong),
            "\u{201c}What happened?\u{201d} must be 5,000 characters or fewer"
        );
        assert_eq!(
            says("location.city", ErrorCode::TooLong),
            "\u{201c}City or town\u{201d} must be 100 characters or fewer"
        );
        assert_eq!(says("contact.email", ErrorCode::InvalidEmail), t.err_email);
        assert_eq!(says("contact.phone", ErrorCode::InvalidPhone), t.err_phone);
        assert_eq!(
            says("contact.phone", ErrorCode::PhoneOrEmailRequired),
            t.err_contact_missing
        );
        assert_eq!(says("when.date", ErrorCode::FutureDate), t.err_date_future);
        assert_eq!(
            says("when.date", ErrorCode::InvalidDate),
            t.err_date_invalid
        );
        assert_eq!(
            says("venue", ErrorCode::UnknownId),
            "Check your answer to \u{201c}What kind of place is it?\u{201d}"
        );
    }

    #[test]
    fn every_code_on_every_person_field_has_words_in_every_language() {
        for lang in Lang::ALL {
            let t = strings(lang).form;
            for path in FIELD_ORDER {
                let fixable = Step::for_field(path).is_some();
                for code in ErrorCode::ALL {
                    let words = message(t, &err(path, *code));
                    assert_eq!(words.is_some(), fixable, "{lang:?} {path} {code}");
                    if let Some(words) = words {
                        assert!(!words.contains("{}"), "{lang:?} {path} {code}: {words}");
                        assert!(words.len() > 5, "{lang:?} {path} {code}: {words}");
                    }
                }
            }
        }
    }

    #[test]
    fn server_errors_map_to_their_step_in_form_order() {
        let errors = vec![
            err("version", ErrorCode::UnsupportedVersion),
            err("when.date", ErrorCode::FutureDate),
            err("narrative", ErrorCode::TooShort),
            err("contact.email", ErrorCode::InvalidEmail),
        ];
        assert_eq!(first_step(&errors), Some(Step::When));
        let d = Draft::default();
        let contact = for_step(en(), &errors, Step::Contact, &d);
        assert_eq!(contact.len(), 1);
        assert_eq!(contact[0].anchor, "lx-f-contact-email");
        assert_eq!(contact[0].path, "contact.email");
        assert!(for_step(en(), &errors, Step::Safety, &d).is_empty());
        assert_eq!(
            first_step(&[err("partner", ErrorCode::InvalidPartner)]),
            None
        );
    }
}

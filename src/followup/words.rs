//! The follow-up's words, one set per language (`src/locales/*/followup.rs`).
//! A language without its own set yet shows English.
use crate::i18n::Lang;

/// Every string of the follow-up.
#[derive(Debug)]
pub struct FollowupStrings {
    /// The receipt's offer of a code.
    pub offer: &'static str,
    /// Its button.
    pub offer_button: &'static str,
    /// While the code is made.
    pub making: &'static str,
    /// Above the code.
    pub code_label: &'static str,
    /// Keep it only if safe.
    pub keep_safe: &'static str,
    /// Without it nobody can reply.
    pub without_it: &'static str,
    /// The hotline never asks for it.
    pub never_asked: &'static str,
    /// The code could not be made.
    pub make_failed: &'static str,
    /// The button and heading of the place.
    pub check: &'static str,
    /// The code field's label.
    pub your_code: &'static str,
    /// The code field's hint.
    pub code_hint: &'static str,
    /// The open button.
    pub open: &'static str,
    /// While a code opens.
    pub opening: &'static str,
    /// A code too short.
    pub too_short: &'static str,
    /// A code too long.
    pub too_long: &'static str,
    /// Not digits.
    pub not_digits: &'static str,
    /// A code that opened nothing.
    pub opened_nothing: &'static str,
    /// Something failed (network, service).
    pub failed: &'static str,
    /// Over the hotline's messages.
    pub messages: &'static str,
    /// No message yet.
    pub none_yet: &'static str,
    /// The answer field.
    pub answer_label: &'static str,
    /// Its button.
    pub send_answer: &'static str,
    /// The detail field.
    pub detail_label: &'static str,
    /// Its button.
    pub send_detail: &'static str,
    /// After sending.
    pub sent: &'static str,
    /// Closing the place (forgets the code's keys).
    pub close: &'static str,
}

/// The follow-up's words in `lang`.
pub fn words(lang: Lang) -> &'static FollowupStrings {
    match lang {
        Lang::Es => &crate::locales::es::FOLLOWUP,
        _ => &crate::locales::en::FOLLOWUP,
    }
}

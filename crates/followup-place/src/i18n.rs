//! The follow-up screens' words and the language in force. One table per
//! language ([`PlaceStrings`], in `src/locales/<module>.rs`), for the tip
//! crate's list of languages, so a language or a string missing is a
//! compile error. Every language is compiled in: the module loads only when
//! a person asks for it, so its words are not in the first visit's bytes.
//! The widget's own few words of the follow-up (the offers, the heading,
//! "Loading") are in the widget's tables (`src/i18n/followup.rs`).
//!
//! Until a code has opened something, the words on screen speak only of "a
//! reply" and "a code": a person looking over a shoulder learns nothing more.

use leptos::prelude::*;

/// A language the widget speaks: the tip crate's list.
pub use lantern_tip::Language as Lang;

/// Every string of the follow-up's screens in one language.
#[derive(Debug, PartialEq)]
pub struct PlaceStrings {
    /// "Check for a reply": the place's heading (the widget's button that
    /// opens it says the same, from the widget's own words).
    pub check: &'static str,
    /// While the code is made and registered (a live-region status).
    pub making: &'static str,
    /// Above the code.
    pub code_label: &'static str,
    /// Keep it only if that is safe.
    pub keep_safe: &'static str,
    /// Without it nobody can reply; it is shown once.
    pub without_it: &'static str,
    /// The hotline never asks for it by phone or text.
    pub never_asked: &'static str,
    /// The hotline's side is English and Spanish only (in those two: that
    /// it writes in English or Spanish).
    pub staff_languages: &'static str,
    /// The code could not be made or registered; the tip was still sent.
    pub make_failed: &'static str,
    /// The code field's label.
    pub your_code: &'static str,
    /// The code field's hint.
    pub code_hint: &'static str,
    /// The button that opens a code.
    pub open: &'static str,
    /// While the code's keys are worked out (a live-region status).
    pub opening: &'static str,
    /// Fewer than 20 digits.
    pub too_short: &'static str,
    /// More than 20 digits.
    pub too_long: &'static str,
    /// Something other than digits, spaces and dashes.
    pub not_digits: &'static str,
    /// A well-formed code that opened nothing: wrong, or expired. The
    /// service answers both alike, so the words cover both.
    pub opened_nothing: &'static str,
    /// 429: too many tries from this connection.
    pub rate_limited: &'static str,
    /// The network or the service failed.
    pub failed: &'static str,
    /// Over the hotline's messages.
    pub messages: &'static str,
    /// The code opened its conversation, and the hotline has not written.
    pub none_yet: &'static str,
    /// The answer field's label.
    pub answer_label: &'static str,
    /// Its button.
    pub send_answer: &'static str,
    /// The field for something remembered later.
    pub detail_label: &'static str,
    /// Its button.
    pub send_detail: &'static str,
    /// After an answer or detail was stored.
    pub sent: &'static str,
    /// An answer with nothing in it.
    pub err_empty: &'static str,
    /// An answer over the limit: "… {n} characters or fewer."
    pub err_long: &'static str,
    /// An answer with a control character.
    pub err_character: &'static str,
    /// Closes "Check for a reply" and forgets the code.
    pub close: &'static str,
}

impl PlaceStrings {
    /// [`Self::err_long`] with the limit filled in.
    pub fn long(&self, max: usize) -> String {
        self.err_long.replace("{n}", &max.to_string())
    }
}

/// Every string of `s`, by name: for the widget's host tests, which hold
/// every language's words to the same checks (`src/locales/checks.rs`).
pub fn all(s: &PlaceStrings) -> Vec<(&'static str, &'static str)> {
    vec![
        ("check", s.check),
        ("making", s.making),
        ("code_label", s.code_label),
        ("keep_safe", s.keep_safe),
        ("without_it", s.without_it),
        ("never_asked", s.never_asked),
        ("staff_languages", s.staff_languages),
        ("make_failed", s.make_failed),
        ("your_code", s.your_code),
        ("code_hint", s.code_hint),
        ("open", s.open),
        ("opening", s.opening),
        ("too_short", s.too_short),
        ("too_long", s.too_long),
        ("not_digits", s.not_digits),
        ("opened_nothing", s.opened_nothing),
        ("rate_limited", s.rate_limited),
        ("failed", s.failed),
        ("messages", s.messages),
        ("none_yet", s.none_yet),
        ("answer_label", s.answer_label),
        ("send_answer", s.send_answer),
        ("detail_label", s.detail_label),
        ("send_detail", s.send_detail),
        ("sent", s.sent),
        ("err_empty", s.err_empty),
        ("err_long", s.err_long),
        ("err_character", s.err_character),
        ("close", s.close),
    ]
}

/// Words to show, picked from the language in force.
pub type Words = fn(&'static PlaceStrings) -> &'static str;

/// The follow-up screens' strings in `lang`.
pub fn strings(lang: Lang) -> &'static PlaceStrings {
    crate::locales::of(lang)
}

/// The language in force, shared through context below each mounted
/// screen; the widget switches it ([`crate::Place::set_lang`]), and every
/// word re-renders while what was typed stays.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// Puts an `I18n` starting in `lang` into context and returns it.
    pub fn provide(lang: Lang) -> I18n {
        let i18n = I18n {
            lang: RwSignal::new(lang),
        };
        provide_context(i18n);
        i18n
    }

    /// Switches to `lang`; nothing once the screen is gone.
    pub fn set_lang(&self, lang: Lang) {
        self.lang.try_set(lang);
    }

    /// The strings in force (tracked).
    pub fn t(&self) -> &'static PlaceStrings {
        strings(self.lang.get())
    }

    /// The strings in force, read without subscribing (for words that go
    /// into a signal).
    pub fn now(&self) -> &'static PlaceStrings {
        strings(self.lang.get_untracked())
    }
}

/// Words that follow the language in force, for a view or an attribute.
/// One closure type for every text, as in the widget (`src/i18n/mod.rs`):
/// each costs a function pointer, not its own copy of the view code.
pub fn text(pick: Words) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || pick(i18n.t())
}

/// The `I18n` from context: every screen provides one ([`crate::mount`]).
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

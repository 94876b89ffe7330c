//! The words of the anonymous follow-up (issue 16): the reply code on the
//! receipt, and the "Check for a reply" place. One table per language, in
//! `src/locales/<lang>/followup.rs`, reachable from [`super::Strings`], so a
//! language without one does not compile.
//!
//! Until a code has opened something, the words on screen speak only of "a
//! reply" and "a code": a person looking over a shoulder learns nothing more.

crate::words_table! {
    /// Every string of the follow-up in one language.
    #[derive(Debug, PartialEq)]
    pub struct FollowupStrings {
        /// On the receipt: what a reply code is for.
        pub offer: &'static str,
        /// Its button.
        pub offer_button: &'static str,
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
        /// The button that opens the place, and its heading.
        pub check: &'static str,
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
        /// Closes the place and forgets the code.
        pub close: &'static str,
    }
}

impl FollowupStrings {
    /// [`Self::err_long`] with the limit filled in.
    pub fn long(&self, max: usize) -> String {
        self.err_long.replace("{n}", &max.to_string())
    }
}

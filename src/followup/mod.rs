//! Anonymous follow-up in the widget (issue 16): on the receipt, the offer
//! of a code the hotline can reply to ([`KeepCode`]); and the "Check for a
//! reply" place ([`CheckReply`]), where a person enters the code, reads the
//! hotline's messages, answers and adds details.
//!
//! The widget holds only what shows before a person asks: the offer and
//! the "Check for a reply" button, and the words for loading. The screens
//! themselves (the code, the place's heading, the code field, the messages)
//! are a Wasm module of their own (`crates/followup-place`) that [`place`]
//! loads only when the offer's button or the place's is pressed; the code's
//! keys (Argon2id, age) are in a third, the follow-up worker, which that
//! module starts. So a first visit downloads none of them. Nothing is
//! stored in the browser, the URL never changes, and until a code has
//! opened something the words on screen speak only of "a reply".

mod check;
mod keep_code;
pub mod place;

pub use check::CheckReply;
pub use keep_code::KeepCode;

use leptos::prelude::*;

/// How the receipt reaches the place below the form: provided by the
/// Report section, filled in by [`CheckReply`]. The receipt's "Check for a
/// reply" (shown with the code) opens the place, and while it shows, the
/// place's own button steps aside, so there is one such button at a time.
#[derive(Clone, Copy)]
pub struct CheckOpen(StoredValue<Option<check::Place>>);

impl CheckOpen {
    /// Not linked to a place yet.
    pub fn new() -> CheckOpen {
        CheckOpen(StoredValue::new(None))
    }

    /// Opens the place, as its own button does.
    pub fn open(&self) {
        if let Some(Some(place)) = self.0.try_get_value() {
            place.open(*self);
        }
    }

    /// Whether the receipt shows its own "Check for a reply" (the code is
    /// on screen): the place's own button hides while it does.
    pub fn offered_by_receipt(&self, offered: bool) {
        self.0.update_value(|place| {
            if let Some(place) = place {
                place.receipt_offers = offered;
                place.show_button();
            }
        });
    }

    /// Whether the place's own button shows.
    pub fn button_shows(&self) -> bool {
        self.0
            .try_get_value()
            .flatten()
            .and_then(|place| place.parts.offer.get_untracked())
            .is_some_and(|button| !button.hidden())
    }
}

impl Default for CheckOpen {
    fn default() -> Self {
        Self::new()
    }
}

//! Anonymous follow-up in the widget (issue 16): on the receipt, the offer
//! of a code the hotline can reply to ([`KeepCode`]); and the "Check for a
//! reply" place ([`CheckReply`]), where a person enters the code, reads the
//! hotline's messages, answers and adds details.
//!
//! The widget holds only what shows before a person asks: the offer, the
//! place's heading and buttons, and the words for loading. The screens
//! themselves (the code, the code field, the messages) are a Wasm module of
//! their own (`crates/followup-place`) that [`place`] loads only when the
//! offer's button or the place's is pressed; the code's keys (Argon2id,
//! age) are in a third, the follow-up worker, which that module starts.
//! So a first visit downloads none of them. Nothing is stored in the
//! browser, the URL never changes, and until a code has opened something
//! the words on screen speak only of "a reply".

mod check;
mod keep_code;
pub mod place;

pub use check::CheckReply;
pub use keep_code::KeepCode;

use leptos::prelude::*;

/// Whether the "Check for a reply" place is open, and whether the receipt
/// offers it: provided by the Report section, so the receipt's button can
/// open it, and so that only one "Check for a reply" button shows at a
/// time (the receipt's, beside the code, or else the place's own).
#[derive(Clone, Copy)]
pub struct CheckOpen {
    /// The place is open.
    pub open: RwSignal<bool>,
    /// The receipt shows a code and its own "Check for a reply" button.
    pub from_receipt: RwSignal<bool>,
}

impl CheckOpen {
    /// Closed, and no receipt offering it.
    pub fn new() -> CheckOpen {
        CheckOpen {
            open: RwSignal::new(false),
            from_receipt: RwSignal::new(false),
        }
    }
}

impl Default for CheckOpen {
    fn default() -> Self {
        Self::new()
    }
}

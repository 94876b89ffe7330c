//! The "Check for a reply" place, below the form: its button, and where
//! the follow-up's screen mounts once it is pressed (loaded by
//! [`super::place`]: the heading, the code field, the hotline's messages,
//! the answer fields and "Close", which unmounts the screen and with it
//! the code). Its parts change by plain `hidden` ([`super::place::Parts`]
//! says why).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::place::{self, Parts, Slot, Which};
use super::CheckOpen;
use crate::i18n::{text, use_i18n, I18n};

/// The place's state, kept in [`CheckOpen`] so the receipt reaches it.
#[derive(Clone, Copy)]
pub(super) struct Place {
    pub(super) parts: Parts,
    slot: Slot,
    /// The language in force.
    i18n: I18n,
    /// The receipt shows its own button.
    pub(super) receipt_offers: bool,
}

impl Place {
    /// The place's button shows unless the place is open or the receipt
    /// offers its own.
    pub(super) fn show_button(&self) {
        Parts::hide(
            self.parts.offer,
            self.slot.is_mounted() || self.receipt_offers,
        );
    }

    /// Loads and mounts the screen (it moves focus to its heading), unless
    /// it shows already.
    pub(super) fn open(self, check: CheckOpen) {
        if self.slot.is_mounted() {
            return;
        }
        let on_close = wasm_bindgen::closure::Closure::once_into_js(move || close(check));
        place::open(self.slot, self.parts, Which::Check { on_close }, self.i18n);
    }
}

/// "Close", from the screen: unmounts it (ending its worker, forgetting
/// the code) and puts focus back on the button that opened it, or on the
/// receipt's.
fn close(check: CheckOpen) {
    let Some(Some(place)) = check.0.try_get_value() else {
        return;
    };
    place.slot.unmount();
    place.show_button();
    let button = place
        .parts
        .offer
        .get_untracked()
        .and_then(|offer| offer.query_selector("button").ok().flatten());
    let focus_on = match button {
        Some(button) if !place.receipt_offers => Some(button),
        _ => web_sys::window().and_then(|w| w.document()).and_then(|d| {
            d.query_selector("[data-testid=check-reply-from-receipt]")
                .ok()
                .flatten()
        }),
    };
    if let Some(element) = focus_on.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// The "Check for a reply" place: a button (hidden while the receipt offers
/// its own), and once pressed, the follow-up's screen.
#[component]
pub fn CheckReply() -> impl IntoView {
    let check = use_context::<CheckOpen>().unwrap_or_default();
    let parts = Parts::new();
    check.0.set_value(Some(Place {
        parts,
        slot: Slot::for_view(),
        i18n: use_i18n(),
        receipt_offers: false,
    }));
    view! {
        <div class="lx-fu" data-testid="check-reply-place">
            <div node_ref=parts.offer>
                <p><button type="button" class="lx-btn lx-f-secondary" data-testid="check-reply" on:click=move |_| check.open()>
                    {text(|s| s.followup.check)}
                </button></p>
            </div>
            <div class="lx-f-hint" role="status">
                <div hidden data-testid="followup-loading" node_ref=parts.loading>{text(|s| s.followup.loading)}</div>
                <div hidden class="lx-f-error" data-testid="followup-load-failed" node_ref=parts.failed>{text(|s| s.followup.load_failed)}</div>
            </div>
            <div node_ref=parts.screen></div>
        </div>
    }
}

//! On the receipt: the offer of a reply code, with its button. Pressing it
//! loads the follow-up's screens ([`super::place`]) and mounts the receipt's
//! screen below the offer, which makes the code, registers it and shows it
//! with what to know about keeping it and a "Check for a reply" that opens
//! the place below the form (whose own button then steps aside, so there is
//! one). Its parts change by plain `hidden` ([`Parts`] says why).

use leptos::prelude::*;

use super::place::{self, Parts, Slot, Which};
use super::CheckOpen;
use crate::form::state::use_form;
use crate::i18n::{text, use_i18n};

/// The receipt's reply code: the offer until it is taken, then the
/// follow-up's screen, mounted below it.
#[component]
pub fn KeepCode() -> impl IntoView {
    let state = use_form();
    let check = use_context::<CheckOpen>().unwrap_or_default();
    let parts = Parts::new();
    let slot = Slot::for_view();
    let i18n = use_i18n();
    // The receipt's button goes with the receipt.
    on_cleanup(move || check.offered_by_receipt(false));
    let ask = move |_| {
        // No key only if the tip was not sent from this view, which the
        // screen says as it says any failure to make a code.
        let key = state.sent_key().map(|k| k.to_string()).unwrap_or_default();
        let on_code =
            wasm_bindgen::closure::Closure::once_into_js(move || check.offered_by_receipt(true));
        let on_check =
            wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || check.open()).into_js_value();
        place::open(
            slot,
            parts,
            Which::KeepCode {
                key,
                on_code,
                on_check,
            },
            i18n,
        );
    };
    view! {
        <div class="lx-fu" data-testid="keep-code">
            <div node_ref=parts.offer>
                <p>{text(|s| s.followup.offer)}</p>
                <p><button type="button" class="lx-btn lx-f-secondary" data-testid="get-code" on:click=ask>
                    {text(|s| s.followup.offer_button)}
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

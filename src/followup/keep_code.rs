//! On the receipt: the offer of a reply code, with its button. Pressing it
//! loads the follow-up's screens ([`super::place`]) and mounts the receipt's
//! screen below the offer, which makes the code, registers it and shows it
//! with what to know about keeping it; then this view offers "Check for a
//! reply" beside it (and the place's own button, below the form, steps
//! aside, so there is one).
//!
//! Plain markup with `hidden` toggled by shared closures
//! ([`place::hidden_unless`], [`place::words_at`]) rather than `<Show>`:
//! every `<Show>` is its own copy of Leptos's view code, about 1 KB of Wasm
//! each, in the first visit's bytes.

use leptos::html;
use leptos::prelude::*;

use super::place::{self, hidden_unless, words_at, Load, Slot, Which};
use super::CheckOpen;
use crate::form::state::use_form;
use crate::i18n::text;

/// The receipt's reply code: the offer until it is taken, then the
/// follow-up's screen, mounted below it.
#[component]
pub fn KeepCode() -> impl IntoView {
    let state = use_form();
    let check = use_context::<CheckOpen>().unwrap_or_default();
    let (load, set_load) = signal(Load::Idle);
    let screen = NodeRef::<html::Div>::new();
    let slot = Slot::for_view();
    // The receipt's button goes with the receipt.
    on_cleanup(move || {
        check.from_receipt.try_set(false);
    });
    let ask = move |_| {
        // No key only if the tip was not sent from this view, which the
        // screen says as it says any failure to make a code.
        let key = state.sent_key().map(|k| k.to_string()).unwrap_or_default();
        let on_code = wasm_bindgen::closure::Closure::once_into_js(move || {
            check.from_receipt.try_set(true);
        });
        place::open(slot, screen, Which::KeepCode { key, on_code }, set_load);
    };
    view! {
        <div class="lx-fu" data-testid="keep-code">
            <p class="lx-f-hint" role="status" data-testid="followup-loading">
                {words_at(load, Load::Loading, |s| s.followup.loading)}
            </p>
            <div hidden=hidden_unless(load, |l| matches!(l, Load::Idle | Load::Failed))>
                <p>{text(|s| s.followup.offer)}</p>
                <p class="lx-f-error" role="alert" data-testid="followup-load-failed"
                    hidden=hidden_unless(load, |l| l == Load::Failed)>
                    {words_at(load, Load::Failed, |s| s.followup.load_failed)}
                </p>
                <p><button type="button" class="lx-btn lx-f-secondary" data-testid="get-code" on:click=ask>
                    {text(|s| s.followup.offer_button)}
                </button></p>
            </div>
            <div node_ref=screen></div>
            <p hidden=move || !check.from_receipt.get()>
                <button type="button" class="lx-btn lx-f-secondary" data-testid="check-reply-from-receipt"
                    on:click=move |_| check.open.set(true)>
                    {text(|s| s.followup.check)}
                </button>
            </p>
        </div>
    }
}

//! On the receipt: the offer of a reply code, with its button. Pressing it
//! loads the follow-up's screens ([`super::place`]) and mounts the receipt's
//! screen, which makes the code, registers it and shows it with what to
//! know about keeping it; then this view offers "Check for a reply" beside
//! it (and the place's own button, below the form, steps aside).

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::place::{self, Slot};
use super::CheckOpen;
use crate::form::state::use_form;
use crate::i18n::{text, use_i18n};

/// Where the offer stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Offer {
    /// The offer and its button.
    Shown,
    /// The screens are loading.
    Loading,
    /// They could not load: the offer again, with the words that say so.
    Failed,
    /// The receipt's screen is mounted.
    Mounted,
}

/// The receipt's reply code: the offer until it is taken, then the
/// follow-up's screen, mounted below it.
#[component]
pub fn KeepCode() -> impl IntoView {
    let state = use_form();
    let i18n = use_i18n();
    let check = use_context::<CheckOpen>().unwrap_or_default();
    let (offer, set_offer) = signal(Offer::Shown);
    let screen = NodeRef::<html::Div>::new();
    let slot = Slot::new(i18n);
    // The receipt's button goes with the receipt.
    on_cleanup(move || {
        check.from_receipt.try_set(false);
    });
    let ask = move |_| {
        set_offer.set(Offer::Loading);
        // No key only if the tip was not sent from this view, which the
        // screen says as it says any failure to make a code.
        let key = state.sent_key().map(|k| k.to_string()).unwrap_or_default();
        leptos::task::spawn_local(async move {
            let mounted = match (place::load().await, screen.get_untracked()) {
                (Ok(module), Some(el)) => {
                    let on_code = wasm_bindgen::closure::Closure::once_into_js(move || {
                        check.from_receipt.try_set(true);
                    });
                    let lang = i18n.lang_untracked().as_str();
                    module
                        .mount_keep_code(&el, lang, &key, on_code.unchecked_ref())
                        .ok()
                        .is_some_and(|s| slot.keep(s))
                }
                _ => false,
            };
            set_offer.try_set(if mounted { Offer::Mounted } else { Offer::Failed });
        });
    };
    let offering = move || matches!(offer.get(), Offer::Shown | Offer::Failed);
    view! {
        <div class="lx-fu" data-testid="keep-code">
            <p class="lx-f-hint" role="status" data-testid="followup-loading">
                {move || if offer.get() == Offer::Loading { text(|s| s.followup.loading)() } else { "" }}
            </p>
            <Show when=offering>
                <p>{text(|s| s.followup.offer)}</p>
                <Show when=move || offer.get() == Offer::Failed>
                    <p class="lx-f-error" role="alert" data-testid="followup-load-failed">{text(|s| s.followup.load_failed)}</p>
                </Show>
                <p><button type="button" class="lx-btn lx-f-secondary" data-testid="get-code" on:click=ask>
                    {text(|s| s.followup.offer_button)}
                </button></p>
            </Show>
            <div node_ref=screen></div>
            <Show when=move || check.from_receipt.get()>
                <p><button type="button" class="lx-btn lx-f-secondary" data-testid="check-reply-from-receipt"
                    on:click=move |_| check.open.set(true)>
                    {text(|s| s.followup.check)}
                </button></p>
            </Show>
        </div>
    }
}

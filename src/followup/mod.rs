//! Anonymous follow-up in the widget (issue 16): on the receipt, the offer
//! of a code the hotline can reply to ([`KeepCode`]); and below the form,
//! "Check for a reply" ([`CheckReply`]), where a person enters the code,
//! reads the hotline's messages, answers and adds details.
//!
//! The widget holds only what shows before a person asks: each place's
//! offer and button, and the words for loading and for a failure to load
//! (so a failure is said in the person's language without the module). The
//! screens themselves (the code, the place's heading, the code field, the
//! messages) are a Wasm module of their own (`crates/followup-place`); the
//! code's keys (Argon2id, age) are in a third, the follow-up worker, which
//! that module starts. So a first visit downloads none of them.
//!
//! What a press of a button does (load the module once, mount the screen,
//! say "Loading" or the failure, keep one "Check for a reply" button at a
//! time, unmount on "Close", when the place leaves the page or on the quick
//! exit) is `src/followup_offer.js`, a small module of its own: the same
//! steps in Rust cost the first visit's Wasm about 3 KB brotli, mostly
//! Leptos's and wasm-bindgen's generic code for futures, stored values and
//! callbacks (docs/benchmarks.md, "The offers' bytes"). Nothing is stored
//! in the browser, the URL never changes, and until a code has opened
//! something the words on screen speak only of "a reply".

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::form::state::use_form;
use crate::i18n::{text, Strings};

#[wasm_bindgen(module = "/src/followup_offer.js")]
extern "C" {
    /// A press of a place's button (`event`): loads the screens and mounts
    /// the place's, the receipt's reply code for the tip sent under `key`,
    /// or "Check for a reply" when there is no key.
    fn open(event: &web_sys::MouseEvent, key: Option<String>);

    /// Unmounts every screen, ending its worker (the quick exit).
    #[wasm_bindgen(js_name = endAll)]
    fn end_all();
}

/// Words of one language's tables, picked for a view ([`text`]).
type Pick = fn(&'static Strings) -> &'static str;

/// The markup both places share (`src/followup_offer.js` reads it): the
/// offer (`hint`'s words, if any, and the button), "Loading" and the
/// failure's words in a live region (each hidden until it applies), and
/// where the screen mounts. One function, so both places are one view
/// type. Not `.into_any()`: erasing converts every attribute to an owned
/// `Arc<str>` and adds a build and a rebuild of its own (357 B brotli more,
/// measured).
fn place(
    id: Option<&'static str>,
    testid: &'static str,
    hint: Option<Pick>,
    button_testid: &'static str,
    button: Pick,
    key: Option<String>,
) -> impl IntoView {
    crate::exit::on_exit(end_all);
    view! {
        <div class="lx-fu" id=id data-testid=testid>
            <div>
                {hint.map(|hint| view! { <p>{text(hint)}</p> })}
                <p><button type="button" class="lx-btn lx-f-secondary" data-testid=button_testid
                    on:click=move |ev| open(&ev, key.clone())>
                    {text(button)}
                </button></p>
            </div>
            <div class="lx-f-hint" role="status">
                <div hidden data-testid="followup-loading">{text(|s| s.followup.loading)}</div>
                <div hidden class="lx-f-error" data-testid="followup-load-failed">{text(|s| s.followup.load_failed)}</div>
            </div>
            <div></div>
        </div>
    }
}

/// The receipt's reply code: the offer until it is taken, then the
/// follow-up's screen below it, which makes the code for the tip just sent
/// and shows it with a "Check for a reply" that opens the place below the
/// form (whose own button then steps aside).
#[component]
pub fn KeepCode() -> impl IntoView {
    // No key only if the tip was not sent from this view, which the
    // screen says as it says any failure to make a code.
    let key = use_form()
        .sent_key()
        .map(|k| k.to_string())
        .unwrap_or_default();
    place(
        None,
        "keep-code",
        Some(|s| s.followup.offer),
        "get-code",
        |s| s.followup.offer_button,
        Some(key),
    )
}

/// The "Check for a reply" place: a button (hidden while the receipt offers
/// its own), and once pressed, the follow-up's screen, whose heading takes
/// focus; its "Close" gives focus back to the button that opened it.
#[component]
pub fn CheckReply() -> impl IntoView {
    place(
        Some("lx-fu-check"),
        "check-reply-place",
        None,
        "check-reply",
        |s| s.followup.check,
        None,
    )
}

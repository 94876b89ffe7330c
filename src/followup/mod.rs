//! Anonymous follow-up in the widget (issue 16): on the receipt, the offer
//! of a code the hotline can reply to ([`keep_code`]); and below the form,
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
//! The place below the form is one element that carries the words of both
//! places in one `data-words` attribute (a word a line), kept in the
//! language in force by Leptos;
//! the receipt's is drawn after its paragraph. What is drawn in them and
//! what a press does (load the module once, mount the screen, say
//! "Loading" or the failure, keep one "Check for a reply" button at a
//! time, unmount on "Close", when the place leaves the page, or on the
//! quick exit) is `src/followup_offer.js`, a small module of its own: the
//! same markup and steps in Leptos cost the first visit about 3 KB brotli
//! more, mostly generic view code (each element grows every function of
//! the view around it), a future, stored values and callbacks (docs/benchmarks.md, "The offers' bytes"). Nothing is stored
//! in the browser, the URL never changes, and until a code has opened
//! something the words on screen speak only of "a reply".

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::form::state::use_form;
use crate::i18n::use_i18n;

#[wasm_bindgen(module = "/src/followup_offer.js")]
extern "C" {
    /// Tells the receipt's place the Idempotency-Key of the tip it is for:
    /// the screen registers the reply code for that tip.
    #[wasm_bindgen(js_name = offerFor)]
    fn offer_for(key: &str);

    /// Unmounts every screen, ending its worker, and forgets the key (the
    /// quick exit).
    #[wasm_bindgen(js_name = endAll)]
    fn end_all();
}

/// The receipt's reply code, for the receipt's view to call: tells the
/// follow-up's script the key of the tip just sent. The script draws the
/// offer and its button after the receipt's paragraph with the id
/// [`RECEIPT_ID`] (no element of the receipt's own: each one grows every
/// function of the receipt's view), and on a press, the follow-up's screen,
/// which makes the code for that tip and shows it with a "Check for a
/// reply" that opens the place below the form (whose own button then steps
/// aside). The words come from that place ([`CheckReply`]).
pub fn keep_code() {
    // No key only if the tip was not sent from this view, which the
    // screen says as it says any failure to make a code.
    let key = use_form().sent_key().map(|k| k.to_string());
    offer_for(key.as_deref().unwrap_or_default());
}

/// The id of the receipt's paragraph after which the reply code's offer
/// goes (`src/followup_offer.js`).
pub const RECEIPT_ID: &str = "lx-fu-receipt";

/// The "Check for a reply" place: a button (hidden while the receipt offers
/// its own), and once pressed, the follow-up's screen, whose heading takes
/// focus; its "Close" gives focus back to the button that opened it. It
/// carries the words of both places.
#[component]
pub fn CheckReply() -> impl IntoView {
    crate::exit::on_exit(end_all);
    let i18n = use_i18n();
    // The words a line each, in the order the script reads them (a word
    // never holds a line break: the words file refuses one). One attribute,
    // written here and not through a method, and no class or test id (the
    // script sets those): each costs the first visit bytes of view code,
    // and these are the cheapest forms measured (docs/benchmarks.md, "The
    // offers' bytes").
    let words = move || {
        let f = i18n.t().followup;
        [f.offer, f.offer_button, f.check, f.loading, f.load_failed].join("\n")
    };
    view! { <div id="lx-fu-check" data-words=words></div> }
}

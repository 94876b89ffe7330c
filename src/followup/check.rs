//! The "Check for a reply" place, below the form: its button until it is
//! opened, then its heading, the follow-up's screen (loaded and mounted by
//! [`super::place`]: the code field, the hotline's messages, the answer
//! fields) and "Close", which unmounts the screen and with it the code.
//!
//! Plain markup with `hidden` toggled by shared closures, as the receipt's
//! offer (`keep_code.rs` says why).

use leptos::html;
use leptos::prelude::*;

use super::place::{self, hidden_unless, words_at, Load, Slot, Which};
use super::CheckOpen;
use crate::i18n::text;

/// The "Check for a reply" place: a button until it is opened (hidden
/// while the receipt offers its own), then the heading, the screen and
/// "Close".
#[component]
pub fn CheckReply() -> impl IntoView {
    let check = use_context::<CheckOpen>().unwrap_or_default();
    let open = check.open;
    let (load, set_load) = signal(Load::Idle);
    let heading = NodeRef::<html::H3>::new();
    let screen = NodeRef::<html::Div>::new();
    let slot = Slot::for_view();
    // Opening the place (from its button or the receipt's) brings it into
    // view, moves focus to its heading and loads its screen; closing
    // unmounts the screen, ending its worker and forgetting the code.
    Effect::new(move |_| {
        if open.get() {
            if let Some(heading) = heading.get() {
                // Once the place is shown: a hidden heading takes no focus.
                request_animation_frame(move || crate::reveal::reveal(&heading));
            }
            if load.get_untracked() == Load::Idle {
                place::open(slot, screen, Which::Check, set_load);
            }
        } else {
            slot.unmount();
            set_load.set(Load::Idle);
        }
    });
    let try_again = move |_| place::open(slot, screen, Which::Check, set_load);
    view! {
        <div class="lx-fu" data-testid="check-reply-place">
            <p hidden=move || open.get() || check.from_receipt.get()>
                <button type="button" class="lx-btn lx-f-secondary" data-testid="check-reply" on:click=move |_| open.set(true)>
                    {text(|s| s.followup.check)}
                </button>
            </p>
            <div hidden=move || !open.get()>
                <h3 class="lx-h3" tabindex="-1" node_ref=heading>{text(|s| s.followup.check)}</h3>
                <p class="lx-f-hint" role="status" data-testid="followup-loading">
                    {words_at(load, Load::Loading, |s| s.followup.loading)}
                </p>
                <div hidden=hidden_unless(load, |l| l == Load::Failed)>
                    <p class="lx-f-error" role="alert" data-testid="followup-load-failed">
                        {words_at(load, Load::Failed, |s| s.followup.load_failed)}
                    </p>
                    <p><button type="button" class="lx-btn lx-f-secondary" data-testid="followup-try-again" on:click=try_again>
                        {text(|s| s.followup.try_again)}
                    </button></p>
                </div>
                <div node_ref=screen></div>
                <p><button type="button" class="lx-btn lx-f-secondary" data-testid="followup-close" on:click=move |_| open.set(false)>
                    {text(|s| s.followup.close)}
                </button></p>
            </div>
        </div>
    }
}

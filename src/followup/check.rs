//! The "Check for a reply" place, below the form: its button until it is
//! opened, then its heading, the follow-up's screen (loaded and mounted by
//! [`super::place`]: the code field, the hotline's messages, the answer
//! fields) and "Close", which unmounts the screen and with it the code.

use leptos::html;
use leptos::prelude::*;

use super::place::{self, Slot};
use super::CheckOpen;
use crate::i18n::{text, use_i18n};

/// The "Check for a reply" place: a button until it is opened (none while
/// the receipt offers its own), then the heading, the screen and "Close".
#[component]
pub fn CheckReply() -> impl IntoView {
    let check = use_context::<CheckOpen>().unwrap_or_default();
    let open = check.open;
    let heading = NodeRef::<html::H3>::new();
    // Opening the place (from its button or the receipt's) brings it into
    // view and moves focus to its heading.
    Effect::new(move |_| {
        if open.get() {
            if let Some(heading) = heading.get() {
                crate::reveal::reveal(&heading);
            }
        }
    });
    view! {
        <div class="lx-fu" data-testid="check-reply-place">
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <Show when=move || !check.from_receipt.get()>
                        <p><button type="button" class="lx-btn lx-f-secondary" data-testid="check-reply" on:click=move |_| open.set(true)>
                            {text(|s| s.followup.check)}
                        </button></p>
                    </Show>
                }
            >
                <h3 class="lx-h3" tabindex="-1" node_ref=heading>{text(|s| s.followup.check)}</h3>
                <CheckScreen/>
                <p><button type="button" class="lx-btn lx-f-secondary" data-testid="followup-close" on:click=move |_| open.set(false)>
                    {text(|s| s.followup.close)}
                </button></p>
            </Show>
        </div>
    }
}

/// Where loading the screen stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Load {
    Loading,
    Failed,
    Mounted,
}

/// Loads the follow-up's screens and mounts "Check for a reply" here; it
/// goes when the place closes.
#[component]
fn CheckScreen() -> impl IntoView {
    let i18n = use_i18n();
    let (load, set_load) = signal(Load::Loading);
    let screen = NodeRef::<html::Div>::new();
    let slot = Slot::new(i18n);
    let start = move || {
        set_load.set(Load::Loading);
        leptos::task::spawn_local(async move {
            let mounted = match (place::load().await, screen.get_untracked()) {
                (Ok(module), Some(el)) => module
                    .mount_check(&el, i18n.lang_untracked().as_str())
                    .ok()
                    .is_some_and(|s| slot.keep(s)),
                _ => false,
            };
            set_load.try_set(if mounted { Load::Mounted } else { Load::Failed });
        });
    };
    start();
    view! {
        <p class="lx-f-hint" role="status" data-testid="followup-loading">
            {move || if load.get() == Load::Loading { text(|s| s.followup.loading)() } else { "" }}
        </p>
        <Show when=move || load.get() == Load::Failed>
            <p class="lx-f-error" role="alert" data-testid="followup-load-failed">{text(|s| s.followup.load_failed)}</p>
            <p><button type="button" class="lx-btn lx-f-secondary" data-testid="followup-try-again" on:click=move |_| start()>
                {text(|s| s.followup.try_again)}
            </button></p>
        </Show>
        <div node_ref=screen></div>
    }
}

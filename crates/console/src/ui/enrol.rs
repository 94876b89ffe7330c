//! Enrolment from the one-time link `lantern-intake analyst add` prints:
//! the token is in the address's fragment, which never reaches the server
//! except in this page's request body.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Console;
use crate::nav::Place;
use crate::passkey;

/// The enrolment page for the link's `token`.
#[component]
pub fn Enrol(
    /// The one-time token from the link's fragment.
    token: String,
) -> impl IntoView {
    let (error, set_error) = signal(None::<String>);
    let (busy, set_busy) = signal(false);
    let console = expect_context::<Console>();
    let token = StoredValue::new(token);
    let enrol = move |_| {
        set_busy.set(true);
        set_error.set(None);
        spawn_local(async move {
            match passkey::enrol(&token.get_value()).await {
                Ok(()) => {
                    // The link is spent; take it out of the address and history.
                    if let Ok(history) = window().history() {
                        let _ = history.replace_state_with_url(
                            &wasm_bindgen::JsValue::NULL,
                            "",
                            Some("/console/"),
                        );
                    }
                    console
                        .notice
                        .set(Some("Your passkey is ready. Sign in with it now.".into()));
                    console.checked.set(true);
                    console.place.set(Place::Inbox);
                }
                Err(failed) => set_error.set(Some(failed.to_string())),
            }
            set_busy.set(false);
        });
    };
    view! {
        <section class="panel" aria-labelledby="enrol-title">
            <h1 id="enrol-title">"Set up your passkey"</h1>
            <p>"This link works once. Your browser will ask for a security key or this computer's own passkey. There is no password."</p>
            <button type="button" data-testid="enrol-submit" disabled=busy on:click=enrol>
                "Set up a passkey"
            </button>
            <Show when=move || error.get().is_some()>
                <p role="alert" class="error" data-testid="enrol-error">
                    {move || error.get().unwrap_or_default()}
                </p>
            </Show>
        </section>
    }
}

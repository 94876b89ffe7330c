//! Opening the hotline's age identity from a file the analyst picks (also
//! one protected with `age -p`, which asks for its passphrase). The file is
//! read in the browser and never sent anywhere; the opened identity is kept
//! in [`super::Console::keys`] and dropped on reload or sign-out.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::Console;
use crate::keys::{self, IdentityKind};

async fn read_file(input: &web_sys::HtmlInputElement) -> Option<Vec<u8>> {
    let file = input.files()?.get(0)?;
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The identity's panel: the file picker while none is open, a line
/// saying one is (and a button to forget it) afterwards.
#[component]
pub fn IdentityPanel() -> impl IntoView {
    let console = expect_context::<Console>();
    // The picked file's bytes, until they are opened (then dropped).
    let picked = RwSignal::new(None::<Vec<u8>>);
    let (passphrase, set_passphrase) = signal(String::new());
    let (error, set_error) = signal(None::<String>);
    let needs_passphrase = move || {
        picked.with(|bytes| {
            bytes
                .as_deref()
                .is_some_and(|bytes| keys::kind(bytes) == IdentityKind::Passphrase)
        })
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        set_error.set(None);
        spawn_local(async move {
            match read_file(&input).await {
                Some(bytes) => picked.set(Some(bytes)),
                None => set_error.set(Some("That file could not be read. Pick it again.".into())),
            }
        });
    };
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(bytes) = picked.get_untracked() else {
            set_error.set(Some("Pick the hotline's identity file first.".into()));
            return;
        };
        let phrase = passphrase.get_untracked();
        let phrase = needs_passphrase().then_some(phrase.as_str());
        match keys::open_identity(&bytes, phrase) {
            Ok(opened) => {
                console.set_keys(Some(Rc::new(opened)));
                picked.set(None);
                set_passphrase.set(String::new());
                set_error.set(None);
            }
            Err(failed) => set_error.set(Some(failed.to_string())),
        }
    };
    view! {
        <Show
            when=move || console.keys.with(Option::is_some)
            fallback=move || view! {
                <section class="panel identity" aria-labelledby="identity-title">
                    <h2 id="identity-title">"Open the hotline's key"</h2>
                    <p>"Tips are sealed. To read them, open the hotline's age identity file. It stays in this tab only: it is never uploaded, and it is gone when you reload or sign out."</p>
                    <form on:submit=open novalidate>
                        <label for="identity-file">"Identity file"</label>
                        <input id="identity-file" type="file" data-testid="identity-file" on:change=on_pick />
                        <Show when=needs_passphrase>
                            <label for="identity-passphrase">"Passphrase for this file"</label>
                            <input id="identity-passphrase" type="password" autocomplete="off"
                                data-testid="identity-passphrase"
                                prop:value=passphrase
                                on:input=move |ev| set_passphrase.set(event_target_value(&ev)) />
                        </Show>
                        <button type="submit" data-testid="identity-open">"Open the key"</button>
                    </form>
                    <Show when=move || error.get().is_some()>
                        <p role="alert" class="error" data-testid="identity-error">
                            {move || error.get().unwrap_or_default()}
                        </p>
                    </Show>
                </section>
            }
        >
            <p class="key-open" data-testid="identity-ready">
                "The hotline's key is open in this tab. "
                <button type="button" class="link" data-testid="identity-close"
                    on:click=move |_| console.set_keys(None)>
                    "Close the key"
                </button>
            </p>
        </Show>
    }
}

//! Signing in with a passkey: the analyst's name, then the browser's
//! passkey prompt.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Console;
use crate::passkey;

/// The sign-in form.
#[component]
pub fn SignIn() -> impl IntoView {
    let console = expect_context::<Console>();
    let (name, set_name) = signal(String::new());
    let (error, set_error) = signal(None::<String>);
    let (busy, set_busy) = signal(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = name.get_untracked().trim().to_owned();
        if typed.is_empty() {
            set_error.set(Some("Type your name as the administrator added it.".into()));
            return;
        }
        set_busy.set(true);
        set_error.set(None);
        spawn_local(async move {
            match passkey::sign_in(&typed).await {
                Ok(analyst) => {
                    console.notice.set(None);
                    console.analyst.set(Some(analyst));
                }
                Err(failed) => set_error.set(Some(failed.to_string())),
            }
            set_busy.set(false);
        });
    };
    view! {
        <section class="panel" aria-labelledby="signin-title">
            <h1 id="signin-title">"Sign in"</h1>
            <Show when=move || console.notice.get().is_some()>
                <p role="status" class="done" data-testid="notice">
                    {move || console.notice.get().unwrap_or_default()}
                </p>
            </Show>
            <p>"Sign in with the passkey you set up: a security key or this computer's own."</p>
            <form on:submit=submit novalidate>
                <label for="signin-name">"Your name"</label>
                <input id="signin-name" name="name" type="text" autocomplete="username webauthn"
                    data-testid="signin-name"
                    prop:value=name on:input=move |ev| set_name.set(event_target_value(&ev)) />
                <button type="submit" data-testid="signin-submit" disabled=busy>
                    "Sign in with a passkey"
                </button>
            </form>
            <Show when=move || error.get().is_some()>
                <p role="alert" class="error" data-testid="signin-error">
                    {move || error.get().unwrap_or_default()}
                </p>
            </Show>
        </section>
    }
}

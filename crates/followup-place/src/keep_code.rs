//! On the receipt, once the person asked for a reply code: the code being
//! made, then the code and what to know about keeping it. The widget shows
//! the offer and its button itself (`src/followup/mod.rs`) and mounts
//! this screen when the button is pressed, so making starts at once.

use leptos::prelude::*;

use crate::i18n::text;
use crate::outcome;
use crate::worker::{self, Slot};

/// Where making a code stands.
#[derive(Clone, PartialEq, Eq)]
enum Making {
    Working,
    Ready(String),
    Failed,
}

/// Makes a code in the worker, works out its keys and registers them for
/// the tip just sent (`key` is that tip's Idempotency-Key, the proof that
/// this browser sent it). The worker ends either way: the page keeps only
/// the code's text, to show it.
async fn make_code(key: String) -> Option<String> {
    let made = async {
        let code = worker::call(Slot::Making, "new-code", &[]).await.ok()?;
        let code = code.as_string()?;
        worker::call(Slot::Making, "open", &[("code", &code)])
            .await
            .ok()?;
        let answer = worker::call(Slot::Making, "register", &[("idempotencyKey", &key)]).await;
        outcome::registered(answer.map(|a| worker::reply_of(&a))).then_some(code)
    }
    .await;
    worker::end(Slot::Making);
    made
}

/// Makes and shows a reply code for the tip sent under `key` (its
/// Idempotency-Key; empty when the widget has none, which fails at once).
/// `on_code` runs once the code shows (the widget's own "Check for a
/// reply" button, below the form, steps aside), and `on_check` when the
/// person presses the "Check for a reply" shown with the code.
#[component]
pub fn KeepCode(
    /// The sent tip's Idempotency-Key.
    key: String,
    /// Called once the code is made and shown.
    on_code: Box<dyn Fn()>,
    /// Called by the "Check for a reply" beside the code.
    on_check: Box<dyn Fn() + Send + Sync>,
) -> impl IntoView {
    let on_check = std::sync::Arc::new(on_check);
    let (making, set_making) = signal(if key.is_empty() {
        Making::Failed
    } else {
        Making::Working
    });
    if !key.is_empty() {
        leptos::task::spawn_local(async move {
            let made = make_code(key).await;
            if made.is_some() {
                on_code();
            }
            set_making.try_set(made.map_or(Making::Failed, Making::Ready));
        });
    }
    // The keys of a code still being made go with the receipt.
    on_cleanup(|| worker::end(Slot::Making));
    // One live region for the whole screen, present from the start, so
    // screen readers announce what it says next.
    let status = move || match making.get() {
        Making::Working => text(|s| s.making)(),
        Making::Ready(_) => text(|s| s.code_label)(),
        Making::Failed => "",
    };
    view! {
        <p class="lx-f-hint" role="status" data-testid="followup-making">{status}</p>
        {move || match making.get() {
            Making::Working => view! {
                <progress class="lx-fu-progress" aria-label=text(|s| s.making)></progress>
            }.into_any(),
            Making::Ready(code) => view! {
                <p class="lx-f-receipt" data-testid="followup-code"><bdi dir="ltr">{code}</bdi></p>
                <p>{text(|s| s.keep_safe)}</p>
                <p>{text(|s| s.without_it)}</p>
                <p>{text(|s| s.never_asked)}</p>
                <p>{text(|s| s.staff_languages)}</p>
                <p><button type="button" class="lx-btn lx-f-secondary" data-testid="check-reply-from-receipt"
                    on:click={
                        let on_check = std::sync::Arc::clone(&on_check);
                        move |_| on_check()
                    }>
                    {text(|s| s.check)}
                </button></p>
            }.into_any(),
            Making::Failed => view! {
                <p class="lx-f-error" role="alert" data-testid="code-failed">{text(|s| s.make_failed)}</p>
            }.into_any(),
        }}
    }
}

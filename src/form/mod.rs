//! The anonymous tip form (issue 4): a step-by-step form whose answers are
//! checked with the same rules the intake service runs (`lantern_tip`), and
//! sent with one idempotency key however many times it is retried.
//!
//! - [`draft`]: the answers; [`convert`]: the answers as a `Tip`.
//! - [`steps`]: the order of steps; [`state`]: moving between them and
//!   sending; [`outcome`], [`backoff`], [`retry_after`]: reading answers
//!   and scheduling retries; [`client`]: the browser's `fetch` and CSPRNG.
//! - [`errors`], [`words`]: problems and numbers into words.
//! - [`view`]: the components, which only wire signals to markup.
//!
//! Nothing the person types is written to any browser storage, and quick
//! exit or a receipt drops it from memory.
pub mod backoff;
pub mod client;
pub mod convert;
pub mod draft;
pub mod errors;
pub mod labels;
pub mod outcome;
pub mod retry_after;
pub mod state;
pub mod steps;
pub mod view;
pub mod words;

use crate::i18n::text;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use state::{FormState, Sending, HEADING_ID};
use steps::Step;
use view::questions::questions;
use view::receipt::ReceiptView;
use view::summary::ErrorSummary;

/// The tip form, from the safety question to the receipt.
#[component]
pub fn TipForm() -> impl IntoView {
    let state = FormState::provide();
    let i18n = use_i18n();
    let t = move || i18n.t().form;
    // Memos, so a change of sending state or a keystroke does not rebuild
    // the step (and lose focus); only a new step or a receipt does.
    let sent = Memo::new(move |_| matches!(state.sending.get(), Sending::Sent(..)));
    let step = Memo::new(move |_| state.step.get());

    let form = move || {
        let current = step.get();
        let on_review = current == Step::Review;
        view! {
            <p class="lx-f-progress" data-testid="form-progress">
                {move || match current.number() {
                    Some(n) => words::progress(t(), n, Step::count()),
                    None => t().optional.to_owned(),
                }}
            </p>
            {current.number().map(|n| view! {
                <progress class="lx-f-bar" max=Step::count() value=n aria-hidden="true"></progress>
            })}
            <ErrorSummary/>
            <form
                class="lx-f-form"
                data-step=current.slug()
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    state.next();
                }
            >
                <h3 id=HEADING_ID class="lx-h3 lx-f-title" tabindex="-1">
                    {move || t().step_titles[current.index()]}
                </h3>
                {(current == Step::FIRST).then(|| view! {
                    <p class="lx-f-intro">{text(|s| s.form.intro)}</p>
                    // Said before the first question: Back, a reload or
                    // closing the page loses the answers, since nothing
                    // is kept on the device (issue 14).
                    <p class="lx-callout lx-f-kept" data-testid="form-kept">{text(|s| s.form.kept_note)}</p>
                })}
                {questions(current)}
                // The review has its send button among its answers (see
                // `view::review`); every other step ends with Continue.
                {(!on_review).then(|| view! {
                    <div class="lx-f-actions">
                        <button type="submit" class="lx-btn" data-testid="form-next">
                            {text(|s| s.form.next)}
                        </button>
                        {state::on_back(current, state.reviewed.get_untracked())
                            .map(|_| {
                                view! {
                                    <button
                                        type="button"
                                        class="lx-btn lx-f-secondary"
                                        data-testid="form-back"
                                        on:click=move |_| state.back()
                                    >
                                        {text(|s| s.form.back)}
                                    </button>
                                }
                            })}
                    </div>
                })}
            </form>
        }
    };
    view! {
        <div class="lx-f" on:click=move |ev| view::summary::follow_link(&ev)>
            <h2 class="lx-h2">{text(|s| s.form.heading)}</h2>
            {move || if sent.get() { view! { <ReceiptView/> }.into_any() } else { form().into_any() }}
        </div>
    }
}

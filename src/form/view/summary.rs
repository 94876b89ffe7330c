//! The GOV.UK error summary: at the top of the step, announced and focused
//! when it appears, one link per problem that moves focus to its field.
use crate::form::errors;
use crate::form::state::{focus_field, use_form, SUMMARY_ID};
use crate::i18n::text;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The error summary of the current step; nothing when it has no errors.
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let state = use_form();
    let i18n = use_i18n();
    let shown = Memo::new(move |_| {
        let step = state.step.get();
        state.errors.with(|all| {
            state
                .draft
                .with_untracked(|d| errors::for_step(i18n.t().form, all, step, d))
        })
    });
    move || {
        let list = shown.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|e| {
                    let target = e.anchor.clone();
                    view! {
                        <li>
                            <a
                                href=format!("#{}", e.anchor)
                                on:click=move |ev| {
                                    // Focus the field without touching the URL.
                                    ev.prevent_default();
                                    focus_field(&target);
                                }
                            >
                                {e.message}
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div
                    id=SUMMARY_ID
                    class="lx-f-summary"
                    role="alert"
                    tabindex="-1"
                    aria-labelledby="lx-f-errors-title"
                    data-testid="error-summary"
                >
                    <h3 id="lx-f-errors-title" class="lx-f-summary-title">
                        {text(|s| s.form.error_title)}
                    </h3>
                    <ul class="lx-f-summary-list">{items}</ul>
                </div>
            }
        })
    }
}

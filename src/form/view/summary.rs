//! The GOV.UK error summary: at the top of the step, announced and focused
//! when it appears, one link per problem that moves focus to its field.
use crate::form::errors;
use crate::form::state::{focus_field, use_form, SUMMARY_ID};
use crate::i18n::use_i18n;
use crate::markup::Markup;
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
    // Static markup (`crate::markup`): the messages are the form's own
    // words, never what was typed. Its links have no handlers of their own:
    // the form's root passes every click to [`follow_link`].
    move || {
        let list = shown.get();
        (!list.is_empty()).then(|| {
            let mut m = Markup::new();
            m.open(
                "div",
                &[
                    ("id", SUMMARY_ID),
                    ("class", "lx-f-summary"),
                    ("role", "alert"),
                    ("tabindex", "-1"),
                    ("aria-labelledby", "lx-f-errors-title"),
                    ("data-testid", "error-summary"),
                ],
            )
            .open(
                "h3",
                &[("id", "lx-f-errors-title"), ("class", "lx-f-summary-title")],
            )
            .text(i18n.t().form.error_title)
            .close("h3")
            // role=list: a list without markers is still one (Safari).
            .open("ul", &[("class", "lx-f-summary-list"), ("role", "list")]);
            for e in &list {
                m.open("li", &[])
                    .open("a", &[("href", &format!("#{}", e.anchor))])
                    .text(&e.message)
                    .close("a")
                    .close("li");
            }
            m.close("ul").close("div");
            m.into_view()
        })
    }
}

/// A click in the form: on a link of the error summary, moves focus to its
/// field without touching the URL (GOV.UK's error summary behaviour).
pub fn follow_link(ev: &web_sys::MouseEvent) {
    use wasm_bindgen::JsCast;
    let selector = format!("#{SUMMARY_ID} a[href^=\"#\"]");
    let link = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest(&selector).ok().flatten());
    let Some(href) = link.and_then(|l| l.get_attribute("href")) else {
        return;
    };
    ev.prevent_default();
    focus_field(href.strip_prefix('#').unwrap_or_default());
}

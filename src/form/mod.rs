//! The anonymous tip form (issue 4): a step-by-step form whose answers are
//! checked with the same rules the intake service runs (`lantern_tip`), and
//! sent with one idempotency key however many times it is retried.
//!
//! Plain-Rust logic lives in its own files with host tests; the components
//! only wire signals to markup.
pub mod backoff;
pub mod convert;
pub mod draft;
pub mod retry_after;
pub mod steps;
pub mod words;

use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The tip form.
#[component]
pub fn TipForm() -> impl IntoView {
    let i18n = use_i18n();
    view! { <h2>{move || i18n.t().form.heading}</h2> }
}

//! "Report a tip": the section that holds the tip form (`crate::form`,
//! issue 4). The form brings its own heading, safety gate and steps.

use crate::form::TipForm;
use leptos::prelude::*;

/// The "Report a tip" section.
#[component]
pub fn ReportSection() -> impl IntoView {
    view! { <TipForm/> }
}

//! "Report a tip": the section that holds the tip form (`crate::form`,
//! issue 4). The form brings its own heading, safety gate and steps.

use crate::form::TipForm;
use leptos::prelude::*;

/// The "Report a tip" section, with "Check for a reply" (issue 16) above
/// the form: a person who sent a tip before comes back here with a code.
#[component]
pub fn ReportSection() -> impl IntoView {
    provide_context(crate::followup::view::CheckOpen(RwSignal::new(false)));
    view! {
        <crate::followup::CheckReply/>
        <TipForm/>
    }
}

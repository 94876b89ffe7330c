//! "Report a tip": the section that holds the tip form (`crate::form`,
//! issue 4), and after it "Check for a reply" (`crate::followup`, issue 16).
//! The form brings its own heading, safety gate and steps.

use crate::followup::CheckReply;
use crate::form::TipForm;
use leptos::prelude::*;

/// The "Report a tip" section, with "Check for a reply" after the form: a
/// person who sent a tip before comes back here with a code, and the
/// receipt's own button opens the same place.
#[component]
pub fn ReportSection() -> impl IntoView {
    view! {
        <TipForm/>
        <CheckReply/>
    }
}

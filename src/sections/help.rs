//! "Get help now": what happens when you reach out, mandated reporting said
//! plainly, texting safety, NCMEC for children exploited online, and an
//! honest note on staying safe online. The call, text, chat and TTY buttons
//! themselves sit in the hotline block above every section.
//!
//! The section redraws as a whole when the language changes: one reactive
//! closure instead of one per string keeps the Wasm smaller, and this text
//! holds no state a redraw could lose.

use crate::content::{EXTERNAL_REL, NCMEC_REPORT, NCMEC_TEL};
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// A list of plain sentences.
pub fn points(points: &'static [&'static str]) -> impl IntoView {
    view! {
        <ul class="lx-points">
            {points.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}
        </ul>
    }
}

/// The "Get help now" section.
#[component]
pub fn HelpSection() -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let w = i18n.t().widget;
        view! {
            <h2 class="lx-h2">{w.help_title}</h2>
            <p class="lx-lead">{w.help_urgent}</p>
            <h3 class="lx-h3">{w.help_what_title}</h3>
            {points(w.help_what)}
            <p class="lx-callout">{w.help_mandated}</p>
            <h3 class="lx-h3">{w.text_tips_title}</h3>
            {points(w.text_tips)}
            <h3 class="lx-h3">{w.ncmec_title}</h3>
            <p>{w.ncmec_body}</p>
            <ul class="lx-channels">
                <li>
                    <a class="lx-btn" href=NCMEC_TEL>{w.ncmec_call}</a>
                </li>
                <li>
                    <a class="lx-btn" href=NCMEC_REPORT target="_blank" rel=EXTERNAL_REL>
                        {w.ncmec_link}
                        <span class="lx-sr">{w.new_tab}</span>
                    </a>
                </li>
            </ul>
            <h3 class="lx-h3">{w.safe_title}</h3>
            {points(w.safe_points)}
        }
    }
}

//! "Get help now": what happens when you reach out, mandated reporting said
//! plainly, texting safety, NCMEC for children exploited online, and an
//! honest note on staying safe online. The call, text, chat and TTY buttons
//! themselves sit in the hotline block above every section.

use crate::content::{EXTERNAL_REL, NCMEC_REPORT, NCMEC_TEL};
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// A list of plain sentences.
#[component]
pub fn Points(
    /// The sentences, read when rendered (tracked, so a language switch redraws).
    points: Signal<&'static [&'static str]>,
) -> impl IntoView {
    view! {
        <ul class="lx-points">
            {move || points.get().iter().map(|p| view! { <li>{*p}</li> }).collect_view()}
        </ul>
    }
}

/// The "Get help now" section.
#[component]
pub fn HelpSection() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.t().widget;
    view! {
        <h2 class="lx-h2">{move || w().help_title}</h2>
        <p class="lx-lead">{move || w().help_urgent}</p>
        <h3 class="lx-h3">{move || w().help_what_title}</h3>
        <Points points=Signal::derive(move || w().help_what)/>
        <p class="lx-callout">{move || w().help_mandated}</p>
        <h3 class="lx-h3">{move || w().text_tips_title}</h3>
        <Points points=Signal::derive(move || w().text_tips)/>
        <h3 class="lx-h3">{move || w().ncmec_title}</h3>
        <p>{move || w().ncmec_body}</p>
        <ul class="lx-channels">
            <li>
                <a class="lx-btn" href=NCMEC_TEL>{move || w().ncmec_call}</a>
            </li>
            <li>
                <a class="lx-btn" href=NCMEC_REPORT target="_blank" rel=EXTERNAL_REL>
                    {move || w().ncmec_link}
                    <span class="lx-sr">{move || w().new_tab}</span>
                </a>
            </li>
        </ul>
        <h3 class="lx-h3">{move || w().safe_title}</h3>
        <Points points=Signal::derive(move || w().safe_points)/>
    }
}

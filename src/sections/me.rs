//! "Is this happening to me?": short second-person statements in neutral
//! words, no pictures, rights stated plainly, and the ways to reach help
//! right beside them. Nothing here is a form: nothing is ticked, kept or sent.

use super::help::Points;
use super::hotline::Channels;
use crate::content::SELF_CHECKS;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The "Is this happening to me?" section.
#[component]
pub fn MeSection() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.t().widget;
    let statements = move || {
        SELF_CHECKS
            .iter()
            .map(|id| view! { <li>{move || w().self_check(id)}</li> })
            .collect_view()
    };
    view! {
        <h2 class="lx-h2">{move || w().me_title}</h2>
        <div class="lx-me">
            <div class="lx-me-main">
                <p class="lx-lead">{move || w().me_intro}</p>
                <ul class="lx-points lx-statements">{statements}</ul>
                <h3 class="lx-h3">{move || w().me_rights_title}</h3>
                <Points points=Signal::derive(move || w().me_rights)/>
            </div>
            <aside class="lx-me-aside" aria-labelledby="lx-me-reach">
                <h3 class="lx-h3" id="lx-me-reach">{move || w().me_reach_title}</h3>
                <p>{move || w().me_reach_body}</p>
                <Channels/>
            </aside>
        </div>
    }
}

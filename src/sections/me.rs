//! "Is this happening to me?": short second-person statements in neutral
//! words, no pictures, rights stated plainly, and the ways to reach help
//! right beside them. Nothing here is a form: nothing is ticked, kept or sent.

use super::hotline::Channels;
use crate::content::SELF_CHECKS;
use crate::i18n::text;
use crate::i18n::use_i18n;
use crate::markup::Markup;
use leptos::prelude::*;

/// The "Is this happening to me?" section.
#[component]
pub fn MeSection() -> impl IntoView {
    let i18n = use_i18n();
    // Redrawn whole on a language switch (see `help`): static text only.
    let words = move || {
        let w = i18n.t().site;
        let mut m = Markup::new();
        m.open("div", &[("class", "lx-me-main")])
            .el("h2", "lx-h2", w.me_title)
            .el("p", "lx-lead", w.me_intro)
            .open("ul", &[("class", "lx-points lx-statements")]);
        for id in SELF_CHECKS {
            m.el("li", "", w.self_check(id));
        }
        m.close("ul")
            .el("h3", "lx-h3", w.me_rights_title)
            .points(w.me_rights)
            .close("div");
        m.into_view()
    };
    let reach_title = text(|s| s.site.me_reach_title);
    let reach_body = text(|s| s.site.me_reach_body);
    view! {
        <div class="lx-me">
            {words}
            <aside class="lx-me-aside" aria-labelledby="lx-me-reach">
                <h3 class="lx-h3" id="lx-me-reach">{reach_title}</h3>
                <p>{reach_body}</p>
                <Channels/>
            </aside>
        </div>
    }
}

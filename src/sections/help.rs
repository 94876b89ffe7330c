//! "Get help now": what happens when you reach out, mandated reporting said
//! plainly, texting safety, NCMEC for children exploited online, and an
//! honest note on staying safe online. The call, text, chat and TTY buttons
//! themselves sit in the hotline block above every section.
//!
//! The section redraws as a whole when the language changes, from static
//! markup (`crate::markup`): one reactive closure and no Leptos view types
//! keep the Wasm smaller, and this text holds no state a redraw could lose.

use crate::content::{EXTERNAL_REL, NCMEC_REPORT, NCMEC_TEL};
use crate::i18n::{use_i18n, SiteStrings};
use crate::markup::Markup;
use leptos::prelude::*;

/// The "Get help now" section.
#[component]
pub fn HelpSection() -> impl IntoView {
    let i18n = use_i18n();
    move || help_markup(i18n.t().site).into_view()
}

/// The section in the words of `w`, as static markup (`crate::markup`).
pub fn help_markup(w: &SiteStrings) -> Markup {
    let mut m = Markup::new();
    m.open("div", &[("class", "lx-help")])
        .el("h2", "lx-h2", w.help_title)
        .el("p", "lx-lead", w.help_urgent)
        .el("h3", "lx-h3", w.help_what_title)
        .points(w.help_what)
        .el("p", "lx-callout", w.help_mandated)
        .el("h3", "lx-h3", w.text_tips_title)
        .points(w.text_tips)
        .el("h3", "lx-h3", w.ncmec_title)
        .el("p", "", w.ncmec_body)
        .open("ul", &[("class", "lx-channels")])
        .open("li", &[])
        .open("a", &[("class", "lx-btn"), ("href", NCMEC_TEL)])
        .text(w.ncmec_call)
        .close("a")
        .close("li")
        .open("li", &[])
        .open(
            "a",
            &[
                ("class", "lx-btn"),
                ("href", NCMEC_REPORT),
                ("target", "_blank"),
                ("rel", EXTERNAL_REL),
            ],
        )
        .text(w.ncmec_link)
        .el("span", "lx-sr", w.new_tab)
        .close("a")
        .close("li")
        .close("ul")
        .el("h3", "lx-h3", w.safe_title)
        .points(w.safe_points)
        .close("div");
    m
}

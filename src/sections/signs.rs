//! "Signs of trafficking": the cautions first (context and closeness, never
//! appearance; never confront), then the signs grouped, each tagged labor,
//! sex or both, with a filter. Words come from the locale tables by catalog
//! id, the same words the tip form's checklist shows.

use super::Section;
use crate::content::{signs_by_group, SignKind, SIGNS};
use crate::i18n::text;
use crate::i18n::{use_i18n, SiteStrings};
use crate::markup::Markup;
use leptos::prelude::*;

/// The "Signs of trafficking" section.
#[component]
pub fn SignsSection(
    /// Switches section (the "Report a tip" button at the end).
    set_current: WriteSignal<Section>,
    /// Whether the report section is offered at all.
    can_report: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.t().site;
    let (filter, set_filter) = signal(SignKind::Both);
    // Announced only after a person filters, not on first view.
    let (filtered, set_filtered) = signal(false);

    let filter_button =
        move |kind: SignKind, testid: &'static str, label: fn(&SiteStrings) -> &'static str| {
            view! {
                <button
                    type="button"
                    class="lx-chip"
                    data-testid=testid
                    aria-pressed=move || if filter.get() == kind { "true" } else { "false" }
                    on:click=move |_| {
                        set_filter.set(kind);
                        set_filtered.set(true);
                    }
                >
                    {move || label(w())}
                </button>
            }
        };
    // One closure for the whole list, as static markup (`crate::markup`): it
    // redraws on a filter or language change, which costs less Wasm than a
    // closure, or a view type, per string.
    let groups = move || {
        let w = w();
        let mut m = Markup::new();
        m.open("div", &[("class", "lx-sign-groups")]);
        for (group, signs) in signs_by_group(filter.get()) {
            m.el("h3", "lx-h3", w.sign_group(group.id()))
                .open("ul", &[("class", "lx-signs")]);
            for sign in signs {
                let tag = match sign.kind {
                    SignKind::Labor => "lx-tag lx-tag-labor",
                    SignKind::Sex => "lx-tag lx-tag-sex",
                    SignKind::Both => "lx-tag lx-tag-both",
                };
                m.open(
                    "li",
                    &[
                        ("class", "lx-sign"),
                        ("data-testid", &format!("sign-{}", sign.id)),
                    ],
                )
                .el("span", "lx-sign-text", w.sign(sign.id))
                .text(" ")
                .el("span", tag, w.kind(sign.kind))
                .close("li");
            }
            m.close("ul");
        }
        m.close("div");
        m.into_view()
    };
    let intro = move || {
        let w = w();
        let mut m = Markup::new();
        m.open("div", &[("class", "lx-signs-intro")])
            .el("h2", "lx-h2", w.signs_title)
            .el("p", "lx-lead", w.signs_intro)
            .el("p", "lx-callout", w.signs_caution)
            .el("p", "lx-callout lx-callout-warn", w.signs_never_confront)
            .el("p", "", w.signs_minor)
            .close("div");
        m.into_view()
    };
    let shown = move || {
        SIGNS
            .iter()
            .filter(|s| s.kind.shows_under(filter.get()))
            .count()
    };
    view! {
        {intro}
        <div class="lx-filter" role="group" aria-label=text(|s| s.site.filter_label)>
            {filter_button(SignKind::Both, "filter-all", |w| w.filter_all)}
            {filter_button(SignKind::Labor, "filter-labor", |w| w.filter_labor)}
            {filter_button(SignKind::Sex, "filter-sex", |w| w.filter_sex)}
        </div>
        <p class="lx-sr" role="status">
            {move || filtered.get().then(|| w().showing(shown(), SIGNS.len()))}
        </p>
        {groups}
        <div class="lx-next">
            <p>{text(|s| s.site.signs_next)}</p>
            {can_report
                .then(|| {
                    view! {
                        <button type="button" class="lx-btn lx-btn-accent" on:click=move |_| set_current.set(Section::Report)>
                            {text(|s| s.site.signs_report)}
                        </button>
                    }
                })}
        </div>
    }
}

//! Buttons that switch sections. They are buttons, not links, because they
//! change what is shown without going anywhere; the current one carries
//! `aria-current`. After a switch, focus moves to the new section's heading
//! so a screen reader announces where the person now is.

use super::Section;
use crate::i18n::text;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The section navigation.
#[component]
pub fn Nav(
    /// The sections to offer, in order.
    sections: Vec<Section>,
    /// The section on screen.
    current: ReadSignal<Section>,
    /// Switches section.
    set_current: WriteSignal<Section>,
) -> impl IntoView {
    let i18n = use_i18n();
    let button = move |section: Section| {
        view! {
            <li>
                <button
                    type="button"
                    class="lx-nav-btn"
                    data-testid=format!("nav-{}", section.id())
                    aria-current=move || (current.get() == section).then_some("true")
                    on:click=move |_| set_current.set(section)
                >
                    {move || section.label(i18n.t().site)}
                </button>
            </li>
        }
    };
    view! {
        <nav class="lx-nav" aria-label=text(|s| s.site.nav_label)>
            <ul class="lx-nav-list">{sections.into_iter().map(button).collect_view()}</ul>
        </nav>
    }
}

/// Moves focus to the first heading of `section` on the page, making it
/// focusable from script (not from Tab) first.
pub fn focus_heading(section: Section) {
    use wasm_bindgen::JsCast;
    let selector = format!("[data-testid=\"section-{}\"] h2", section.id());
    let heading = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&selector).ok().flatten())
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(heading) = heading {
        let _ = heading.set_attribute("tabindex", "-1");
        let _ = heading.focus();
    }
}

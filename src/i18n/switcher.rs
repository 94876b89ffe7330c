//! The language switcher: one button per language, each named in its own
//! language (and marked with `lang`, so a screen reader pronounces it right).
//! Switching redraws every string in place, without a reload.

use super::text;
use super::{strings, use_i18n, Lang};
use leptos::prelude::*;

/// The language switcher.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let button = move |lang: Lang| {
        view! {
            <button
                type="button"
                class="lx-chip"
                lang=lang.as_str()
                data-testid=format!("lang-{}", lang.as_str())
                aria-pressed=move || if i18n.lang() == lang { "true" } else { "false" }
                on:click=move |_| i18n.set_lang(lang)
            >
                {strings(lang).name}
            </button>
        }
    };
    view! {
        <div class="lx-lang" role="group" aria-label=text(|s| s.site.lang_label)>
            {Lang::ALL.into_iter().map(button).collect_view()}
        </div>
    }
}

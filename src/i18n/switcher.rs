//! The language switcher: one button per language, each named in its own
//! language (and marked with `lang`, so a screen reader pronounces it right).
//! Switching redraws every string in place, without a reload, so nothing a
//! person typed is lost. A language whose words this page has not loaded
//! yet is fetched first (`words/<tag>.txt`, same origin); until it arrives
//! the page stays as it is, and if it cannot, a message in the language in
//! force says so.

use super::text;
use super::{fetch_words, is_loaded, lang_name, use_i18n, Lang};
use leptos::prelude::*;

/// The language switcher.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    // The language being fetched, if any: a second press waits for it.
    let (loading, set_loading) = signal(None::<Lang>);
    let (failed, set_failed) = signal(false);
    let choose = move |lang: Lang| {
        set_failed.set(false);
        if is_loaded(lang) {
            i18n.set_lang(lang);
            return;
        }
        if loading.get_untracked().is_some() {
            return;
        }
        set_loading.set(Some(lang));
        leptos::task::spawn_local(async move {
            let fetched = fetch_words(lang).await;
            set_loading.set(None);
            match fetched {
                Ok(()) => i18n.set_lang(lang),
                Err(error) => {
                    leptos::logging::warn!("Lantern: {error}");
                    set_failed.set(true);
                }
            }
        });
    };
    let failed_words = text(|s| s.site.lang_failed);
    let button = move |lang: Lang| {
        view! {
            <button
                type="button"
                class="lx-chip"
                lang=lang.as_str()
                data-testid=format!("lang-{}", lang.as_str())
                aria-pressed=move || if i18n.lang() == lang { "true" } else { "false" }
                aria-busy=move || (loading.get() == Some(lang)).then_some("true")
                on:click=move |_| choose(lang)
            >
                {lang_name(lang)}
            </button>
        }
    };
    view! {
        <div class="lx-lang-box">
            <div class="lx-lang" role="group" aria-label=text(|s| s.site.lang_label)>
                {Lang::ALL.into_iter().map(button).collect_view()}
            </div>
            // A live region from the start, so that its words are announced.
            <p class="lx-lang-failed" role="status" data-testid="lang-failed">
                {move || failed.get().then(failed_words)}
            </p>
        </div>
    }
}

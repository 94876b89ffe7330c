//! The anonymous follow-up's screens (issue 16), a Wasm module of their
//! own that the widget loads only when a person asks for them, so a first
//! visit downloads none of their code or words: the reply code on the
//! receipt ([`keep_code`]) and "Check for a reply" ([`check`]).
//!
//! The widget (`src/followup/`) keeps only the offers that load this
//! module (the receipt's button, the place's heading and button), and
//! mounts a screen into an element of its own with [`mount_keep_code`] or
//! [`mount_check`]; each returns a [`Place`], which follows the widget's
//! language switch (the `lang` attribute the app sets on its root, or
//! [`Place::set_lang`]) and goes with [`Place::unmount`],
//! ending its worker. Everything that needs the code's keys (Argon2id, age)
//! runs in the follow-up worker ([`worker`], a third module, started only
//! when a code is made or opened); this module only checks what was typed
//! ([`code_input`]), shows words ([`i18n`], every language compiled in) and
//! passes messages ([`outcome`] reads the worker's answers). Nothing is
//! stored in the browser and the URL never changes.

pub mod check;
pub mod code_input;
pub mod i18n;
pub mod keep_code;
pub mod locales;
pub mod outcome;
pub mod worker;

use i18n::{I18n, Lang};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// A mounted screen: the widget keeps it while the screen shows.
#[wasm_bindgen]
pub struct Place {
    i18n: I18n,
    slot: worker::Slot,
    /// Leptos's unmount handle: dropping it removes the view and runs its
    /// cleanups.
    mounted: Box<dyn std::any::Any>,
    /// Watches the widget's `lang` attribute ([`follow_lang`]).
    follow: Option<(web_sys::MutationObserver, Closure<dyn FnMut()>)>,
}

#[wasm_bindgen]
impl Place {
    /// Switches the screen's words to the language tagged `tag` (a tag of
    /// the tip crate's list; another is ignored). Only words change: what
    /// the person typed stays.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, tag: &str) {
        if let Some(lang) = Lang::from_tag(tag) {
            self.i18n.set_lang(lang);
        }
    }

    /// Removes the screen and ends its worker, with every key it held.
    pub fn unmount(self) {
        if let Some((observer, _)) = &self.follow {
            observer.disconnect();
        }
        worker::end(self.slot);
        drop(self.mounted);
    }
}

/// Follows the widget's language switch: the app sets `lang` on its root
/// (`src/app.rs`) and on the document, so the screen watches the nearest
/// `lang` above `el` and switches its words with it, keeping what was
/// typed. So the widget needs no code of its own to tell the screen, and
/// the screen speaks the language that assistive technology is told.
fn follow_lang(
    el: &HtmlElement,
    i18n: I18n,
) -> Option<(web_sys::MutationObserver, Closure<dyn FnMut()>)> {
    use wasm_bindgen::JsCast;
    let host = el.closest("[lang]").ok()??;
    let watched = host.clone();
    let changed = Closure::<dyn FnMut()>::new(move || {
        if let Some(lang) = watched
            .get_attribute("lang")
            .and_then(|tag| Lang::from_tag(&tag))
        {
            i18n.set_lang(lang);
        }
    });
    let observer = web_sys::MutationObserver::new(changed.as_ref().unchecked_ref()).ok()?;
    let init = web_sys::MutationObserverInit::new();
    init.set_attributes(true);
    init.set_attribute_filter(&js_sys::Array::of1(&"lang".into()));
    observer.observe_with_options(&host, &init).ok()?;
    Some((observer, changed))
}

/// Mounts `view` into `el` in `tag`'s language (English if the tag is not
/// on the list).
fn mount<V: IntoView + 'static>(
    el: HtmlElement,
    tag: &str,
    slot: worker::Slot,
    view: impl FnOnce() -> V + 'static,
) -> Place {
    let lang = Lang::from_tag(tag).unwrap_or(Lang::En);
    // The language's signal is made inside the screen's owner, so it goes
    // with the screen; the Place keeps a copy to switch it.
    let provided = std::rc::Rc::new(std::cell::Cell::new(None));
    let keep = std::rc::Rc::clone(&provided);
    let el_again = el.clone();
    let mounted = leptos::mount::mount_to(el, move || {
        keep.set(Some(I18n::provide(lang)));
        view()
    });
    let i18n = provided.get().expect("mount_to runs the view at once");
    let follow = follow_lang(&el_again, i18n);
    Place {
        i18n,
        slot,
        mounted: Box::new(mounted),
        follow,
    }
}

/// Calls `f` with no arguments, ignoring what it throws.
fn callback(f: js_sys::Function) -> Box<dyn Fn() + Send + Sync> {
    let f = send_wrapper::SendWrapper::new(f);
    Box::new(move || {
        let _ = f.call0(&JsValue::NULL);
    })
}

/// Mounts "Check for a reply" (its heading, which takes focus, the code
/// field, then the hotline's messages and the answer fields, and "Close")
/// into `el`, in the language tagged `lang`; `on_close` is called by
/// "Close", and the widget then unmounts the screen.
#[wasm_bindgen(js_name = mountCheck)]
pub fn mount_check(el: HtmlElement, lang: &str, on_close: js_sys::Function) -> Place {
    mount(el, lang, worker::Slot::Checking, move || {
        view! { <check::CheckReply on_close=callback(on_close)/> }
    })
}

/// Mounts the receipt's reply code into `el`, in the language tagged
/// `lang`, and starts making the code for the tip sent under
/// `idempotency_key`; `on_code` is called once the code shows, `on_check`
/// by the "Check for a reply" shown with it.
#[wasm_bindgen(js_name = mountKeepCode)]
pub fn mount_keep_code(
    el: HtmlElement,
    lang: &str,
    idempotency_key: String,
    on_code: js_sys::Function,
    on_check: js_sys::Function,
) -> Place {
    mount(el, lang, worker::Slot::Making, move || {
        let on_code = callback(on_code);
        let on_check = callback(on_check);
        view! { <keep_code::KeepCode key=idempotency_key on_code=on_code on_check=on_check/> }
    })
}

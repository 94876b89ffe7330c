//! Loading the follow-up's screens (`crates/followup-place`, built into
//! `followup/place.js` and its Wasm by scripts/build-widget.sh) when a
//! person asks for them, and holding a mounted screen until it goes.
//!
//! The module is loaded with a dynamic `import()` of a same-origin URL:
//! nothing the first page loads names it, so a first visit downloads none
//! of it (scripts/check-budget.sh follows the references). The `import()`
//! is the one line of JavaScript below, which wasm-bindgen writes into a
//! module file of its own (`snippets/`), so the Content-Security-Policy
//! needs no inline script and no eval. Each mounted screen is unmounted
//! when its view goes, when the person leaves by the quick exit, or when
//! the place closes; unmounting ends its worker and the keys in it.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlElement;

use crate::i18n::I18n;

/// The module's entry point (`public/followup/place.js`), relative to the
/// page, as the worker's is.
const PATH: &str = "followup/place.js";

#[wasm_bindgen(inline_js = "export function importPlace(path) { return import(new URL(path, document.baseURI).href); }")]
extern "C" {
    /// `import()` of `path`, resolved against the page (a snippet's own
    /// relative paths would resolve against the snippet).
    #[wasm_bindgen(js_name = importPlace)]
    fn import_place(path: &str) -> js_sys::Promise;

    /// The module's exports (`crates/followup-place/src/lib.rs`).
    #[derive(Clone)]
    pub type Module;

    /// Mounts "Check for a reply" into `el`.
    #[wasm_bindgen(method, catch, js_name = mountCheck)]
    pub fn mount_check(this: &Module, el: &HtmlElement, lang: &str) -> Result<Screen, JsValue>;

    /// Mounts the receipt's reply code into `el` and starts making it.
    #[wasm_bindgen(method, catch, js_name = mountKeepCode)]
    pub fn mount_keep_code(
        this: &Module,
        el: &HtmlElement,
        lang: &str,
        idempotency_key: &str,
        on_code: &js_sys::Function,
    ) -> Result<Screen, JsValue>;

    /// A mounted screen (the module's `Place`).
    pub type Screen;

    #[wasm_bindgen(method, catch, js_name = setLang)]
    fn set_lang(this: &Screen, tag: &str) -> Result<(), JsValue>;

    #[wasm_bindgen(method, catch)]
    fn unmount(this: &Screen) -> Result<(), JsValue>;
}

thread_local! {
    static LOADED: RefCell<Option<Module>> = const { RefCell::new(None) };
    static TRIES: Cell<u32> = const { Cell::new(0) };
}

/// The module, loaded on the first call and kept; `Err` when it could not
/// load (offline, or the server failed). A try after a failure asks again
/// under a URL of its own, as a browser may keep a failed import's answer.
pub async fn load() -> Result<Module, ()> {
    if let Some(module) = LOADED.with(|m| m.borrow().clone()) {
        return Ok(module);
    }
    let tries = TRIES.get();
    TRIES.set(tries + 1);
    let path = if tries == 0 {
        PATH.to_owned()
    } else {
        format!("{PATH}?try={tries}")
    };
    let module: Module = JsFuture::from(import_place(&path))
        .await
        .map_err(drop)?
        .unchecked_into();
    LOADED.with(|m| *m.borrow_mut() = Some(module.clone()));
    Ok(module)
}

/// Where a view keeps its mounted screen: unmounted when the view goes or
/// the person leaves, and told of every language switch.
#[derive(Clone, Copy)]
pub struct Slot(StoredValue<Option<Screen>, LocalStorage>);

impl Slot {
    /// An empty slot that follows `i18n`'s language and goes with the
    /// current view.
    pub fn new(i18n: I18n) -> Slot {
        let slot = Slot(StoredValue::new_local(None));
        on_cleanup(move || slot.unmount());
        crate::exit::on_exit(move || slot.unmount());
        Effect::new(move |_| {
            let tag = i18n.lang().as_str();
            slot.0.with_value(|screen| {
                if let Some(screen) = screen {
                    let _ = screen.set_lang(tag);
                }
            });
        });
        slot
    }

    /// Keeps `screen`; if the view went while the module loaded, the
    /// screen goes at once. Whether it was kept.
    pub fn keep(&self, screen: Screen) -> bool {
        if self.0.is_disposed() {
            let _ = screen.unmount();
            return false;
        }
        self.unmount();
        self.0.set_value(Some(screen));
        true
    }

    /// Unmounts the screen, if any, ending its worker.
    pub fn unmount(&self) {
        if let Some(Some(screen)) = self.0.try_update_value(Option::take) {
            let _ = screen.unmount();
        }
    }
}

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

#[wasm_bindgen(
    inline_js = "export function importPlace(path, tries) { return import(new URL(tries ? path + '?try=' + tries : path, document.baseURI).href); }"
)]
extern "C" {
    /// `import()` of `path`, resolved against the page (a snippet's own
    /// relative paths would resolve against the snippet); after `tries`
    /// failed tries, under a URL of its own, as a browser may keep a failed
    /// import's answer. (The number is joined in JavaScript: formatting it
    /// here would cost the first visit Rust's formatting code.)
    #[wasm_bindgen(js_name = importPlace)]
    fn import_place(path: &str, tries: u32) -> js_sys::Promise;

    /// The module's exports (`crates/followup-place/src/lib.rs`).
    #[derive(Clone)]
    pub type Module;

    /// Mounts "Check for a reply" into `el`.
    #[wasm_bindgen(method, catch, js_name = mountCheck)]
    pub fn mount_check(
        this: &Module,
        el: &HtmlElement,
        lang: &str,
        on_close: &js_sys::Function,
    ) -> Result<Screen, JsValue>;

    /// Mounts the receipt's reply code into `el` and starts making it.
    #[wasm_bindgen(method, catch, js_name = mountKeepCode)]
    pub fn mount_keep_code(
        this: &Module,
        el: &HtmlElement,
        lang: &str,
        idempotency_key: &str,
        on_code: &js_sys::Function,
        on_check: &js_sys::Function,
    ) -> Result<Screen, JsValue>;

    /// A mounted screen (the module's `Place`). It follows the language
    /// switch by itself, from the `lang` attribute the app sets on its root
    /// (`src/app.rs`), so the widget holds no code for it.
    pub type Screen;

    #[wasm_bindgen(method, catch)]
    fn unmount(this: &Screen) -> Result<(), JsValue>;
}

thread_local! {
    static LOADED: RefCell<Option<Module>> = const { RefCell::new(None) };
    static TRIES: Cell<u32> = const { Cell::new(0) };
}

/// The module, loaded on the first call and kept; `Err` when it could not
/// load (offline, or the server failed).
pub async fn load() -> Result<Module, ()> {
    if let Some(module) = LOADED.with(|m| m.borrow().clone()) {
        return Ok(module);
    }
    let tries = TRIES.get();
    TRIES.set(tries + 1);
    let module: Module = JsFuture::from(import_place(PATH, tries))
        .await
        .map_err(drop)?
        .unchecked_into();
    LOADED.with(|m| *m.borrow_mut() = Some(module.clone()));
    Ok(module)
}

/// Where a view keeps its mounted screen: unmounted when the view goes or
/// the person leaves.
#[derive(Clone, Copy)]
pub struct Slot(StoredValue<Option<Screen>, LocalStorage>);

impl Slot {
    /// An empty slot that goes with the current view.
    pub fn for_view() -> Slot {
        let slot = Slot(StoredValue::new_local(None));
        on_cleanup(move || slot.unmount());
        crate::exit::on_exit(move || slot.unmount());
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

    /// Whether a screen is mounted here.
    pub fn is_mounted(&self) -> bool {
        self.0.try_with_value(Option::is_some).unwrap_or(false)
    }

    /// Unmounts the screen, if any, ending its worker.
    pub fn unmount(&self) {
        if let Some(Some(screen)) = self.0.try_update_value(Option::take) {
            let _ = screen.unmount();
        }
    }
}

/// The parts of a view that loading a screen changes: the offer (hidden
/// while the screen loads or shows), the loading words and the failure's
/// (each hidden until it applies), and the element the screen mounts into.
/// Plain `hidden` set by hand rather than `<Show>` or reactive attributes:
/// each of those is its own copy of Leptos's view code in the first
/// visit's Wasm, and these parts change only here.
#[derive(Clone, Copy)]
pub struct Parts {
    /// The offer: hidden while the screen loads or shows.
    pub offer: NodeRef<leptos::html::Div>,
    /// "Loading": shown while the module loads.
    pub loading: NodeRef<leptos::html::Div>,
    /// The failure's words: shown when it could not load (the offer
    /// shows again, to try again).
    pub failed: NodeRef<leptos::html::Div>,
    /// Where the screen mounts.
    pub screen: NodeRef<leptos::html::Div>,
}

impl Parts {
    /// Four fresh node refs, for a view's markup.
    pub fn new() -> Parts {
        Parts {
            offer: NodeRef::new(),
            loading: NodeRef::new(),
            failed: NodeRef::new(),
            screen: NodeRef::new(),
        }
    }

    /// Hides or shows one part.
    pub fn hide(part: NodeRef<leptos::html::Div>, hidden: bool) {
        if let Some(part) = part.get_untracked() {
            part.set_hidden(hidden);
        }
    }
}

impl Default for Parts {
    fn default() -> Self {
        Self::new()
    }
}

/// Which screen to mount, with the widget's callbacks (JS functions).
pub enum Which {
    /// "Check for a reply"; `on_close` is called by its "Close".
    Check {
        /// Called by "Close".
        on_close: JsValue,
    },
    /// The receipt's reply code, for the tip sent under this
    /// Idempotency-Key.
    KeepCode {
        /// The sent tip's Idempotency-Key.
        key: String,
        /// Called once the code shows.
        on_code: JsValue,
        /// Called by the "Check for a reply" shown with the code.
        on_check: JsValue,
    },
}

/// Loads the module (if not yet), mounts `which` into `parts.screen` in
/// `i18n`'s language and keeps it in `slot`; `parts` say how it goes. (The
/// language comes in rather than from context: the receipt's button calls
/// this from the follow-up module, outside any view.)
pub fn open(slot: Slot, parts: Parts, which: Which, i18n: I18n) {
    Parts::hide(parts.offer, true);
    Parts::hide(parts.failed, true);
    Parts::hide(parts.loading, false);
    leptos::task::spawn_local(async move {
        let mounted = match (load().await, parts.screen.get_untracked()) {
            (Ok(module), Some(el)) => {
                let lang = i18n.lang_untracked().as_str();
                match which {
                    Which::Check { on_close } => {
                        module.mount_check(&el, lang, on_close.unchecked_ref())
                    }
                    Which::KeepCode {
                        key,
                        on_code,
                        on_check,
                    } => module.mount_keep_code(
                        &el,
                        lang,
                        &key,
                        on_code.unchecked_ref(),
                        on_check.unchecked_ref(),
                    ),
                }
                .ok()
                .is_some_and(|s| slot.keep(s))
            }
            _ => false,
        };
        Parts::hide(parts.loading, true);
        if !mounted {
            Parts::hide(parts.failed, false);
            Parts::hide(parts.offer, false);
        }
    });
}

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

use crate::i18n::{use_i18n, Strings};

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

    /// Unmounts the screen, if any, ending its worker.
    pub fn unmount(&self) {
        if let Some(Some(screen)) = self.0.try_update_value(Option::take) {
            let _ = screen.unmount();
        }
    }
}

/// Where a screen stands: not asked for, loading, could not load, or
/// mounted. The offer on the receipt and the place below the form both
/// follow one of these.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Load {
    /// Not asked for (the offer shows; the place is closed).
    Idle,
    /// The module is loading.
    Loading,
    /// It could not load.
    Failed,
    /// The screen is mounted.
    Mounted,
}

/// Which screen to mount.
pub enum Which {
    /// "Check for a reply".
    Check,
    /// The receipt's reply code, for the tip sent under this
    /// Idempotency-Key; `on_code` runs once the code shows.
    KeepCode {
        /// The sent tip's Idempotency-Key.
        key: String,
        /// Called once the code shows.
        on_code: JsValue,
    },
}

/// Loads the module (if not yet), mounts `which` into `screen` in the
/// language in force and keeps it in `slot`, telling `load` how it goes.
pub fn open(slot: Slot, screen: NodeRef<leptos::html::Div>, which: Which, load: WriteSignal<Load>) {
    let i18n = use_i18n();
    load.set(Load::Loading);
    leptos::task::spawn_local(async move {
        let mounted = match (self::load().await, screen.get_untracked()) {
            (Ok(module), Some(el)) => {
                let lang = i18n.lang_untracked().as_str();
                match which {
                    Which::Check => module.mount_check(&el, lang),
                    Which::KeepCode { key, on_code } => {
                        module.mount_keep_code(&el, lang, &key, on_code.unchecked_ref())
                    }
                }
                .ok()
                .is_some_and(|s| slot.keep(s))
            }
            _ => false,
        };
        load.try_set(if mounted { Load::Mounted } else { Load::Failed });
    });
}

/// Words shown only while `load` is `at`, else none. Every such text shares
/// this one closure type (as [`crate::i18n::text`]'s do), so each costs a
/// function pointer rather than its own copy of Leptos's view code.
pub fn words_at(
    load: ReadSignal<Load>,
    at: Load,
    pick: fn(&'static Strings) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || if load.get() == at { pick(i18n.t()) } else { "" }
}

/// Whether an element is hidden: unless `shown` holds for `load`. One
/// closure type for every such `hidden`, as [`words_at`].
pub fn hidden_unless(
    load: ReadSignal<Load>,
    shown: fn(Load) -> bool,
) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    move || !shown(load.get())
}

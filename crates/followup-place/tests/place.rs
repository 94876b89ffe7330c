//! Browser tests of the follow-up's screens (issue 16) through the API the
//! widget calls (`mount_check`, `Place::set_lang`, `Place::unmount`): what a
//! person types as a code is read on the page, forgiving of spaces and
//! dashes, and a malformed code gets its own words in the person's language
//! without starting the follow-up worker; a language switch keeps what was
//! typed. (A well-formed wrong code needs the intake and the worker:
//! `crates/e2e/tests/followup.rs`, which also drives the widget's loading of
//! this module; what each answer means is host-tested in `src/outcome.rs`.)
#![cfg(target_arch = "wasm32")]

// The widget's browser-test helpers (a fresh element, waiting, text).
#[path = "../../../tests/common/mod.rs"]
mod common;

use common::*;
use lantern_followup_place::i18n::{strings, Lang};
use lantern_followup_place::{mount_check, Place};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// "Check for a reply" mounted as the widget mounts it, into a fresh
/// element; unmounted (and the element removed) when dropped.
struct Screen {
    root: HtmlElement,
    place: Option<Place>,
    /// How many times "Close" called the widget back.
    closed: std::rc::Rc<std::cell::Cell<u32>>,
}

/// A JS function that counts its calls in `count`.
fn counter(count: &std::rc::Rc<std::cell::Cell<u32>>) -> js_sys::Function {
    let count = std::rc::Rc::clone(count);
    Closure::<dyn Fn()>::new(move || count.set(count.get() + 1))
        .into_js_value()
        .unchecked_into()
}

impl Screen {
    fn new(lang: Lang) -> Screen {
        let root: HtmlElement = doc().create_element("div").unwrap().unchecked_into();
        doc().body().unwrap().append_child(&root).unwrap();
        let closed = std::rc::Rc::new(std::cell::Cell::new(0));
        let place = mount_check(root.clone(), lang.as_str(), counter(&closed));
        Screen {
            root,
            place: Some(place),
            closed,
        }
    }

    fn find(&self, id: &str) -> Option<HtmlElement> {
        self.root
            .query_selector(&format!("[data-testid=\"{id}\"]"))
            .unwrap()
            .map(|e| e.unchecked_into())
    }

    fn get(&self, id: &str) -> HtmlElement {
        self.find(id)
            .unwrap_or_else(|| panic!("no element with data-testid={id}"))
    }

    fn place(&self) -> &Place {
        self.place.as_ref().expect("mounted")
    }

    fn unmount(&mut self) {
        if let Some(place) = self.place.take() {
            place.unmount();
        }
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        self.unmount();
        self.root.remove();
    }
}

/// Types `typed` as the code and presses Open.
async fn try_code(m: &Screen, typed: &str) {
    set_code(m, typed);
    m.get("followup-open").click();
    settle().await;
}

fn set_code(m: &Screen, typed: &str) {
    let field = m.get("followup-code-input");
    js_sys::Reflect::set(&field, &"value".into(), &JsValue::from_str(typed)).expect("set value");
}

/// How many workers the page has started: `Worker` is wrapped once so each
/// construction counts (the glue looks the constructor up at each call).
fn workers_started() -> u32 {
    js_sys::Function::new_no_args(
        "if (!window.__lxWorkers) {
           window.__lxWorkers = { n: 0 };
           const Real = window.Worker;
           window.Worker = new Proxy(Real, {
             construct(target, args) { window.__lxWorkers.n += 1; return new target(...args); },
           });
         }
         return window.__lxWorkers.n;",
    )
    .call0(&JsValue::NULL)
    .ok()
    .and_then(|n| n.as_f64())
    .expect("the worker count") as u32
}

#[wasm_bindgen_test]
async fn a_malformed_code_is_named_in_the_persons_language_without_the_worker() {
    for lang in [Lang::En, Lang::Es, Lang::from_tag("ar").expect("Arabic")] {
        let f = strings(lang);
        let before = workers_started();
        let mut m = Screen::new(lang);
        until("the code field", || m.find("followup-code-input").is_some()).await;
        // Focus goes to the place's heading, which says what it is.
        until("focus on the heading", || {
            doc()
                .active_element()
                .is_some_and(|e| e.tag_name() == "H3" && text(&e) == f.check)
        })
        .await;
        for (typed, words) in [
            ("4821 0937 5562", f.too_short),
            ("", f.too_short),
            ("4821-0937-5562-1049-7730-1", f.too_long),
            ("4821 0937 5562 1049 773O", f.not_digits),
        ] {
            try_code(&m, typed).await;
            until(&format!("{lang:?} {typed:?}"), || {
                m.find("followup-problem")
                    .is_some_and(|p| text(&p) == words)
            })
            .await;
            let field = m.get("followup-code-input");
            assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
            let described = field.get_attribute("aria-describedby").unwrap_or_default();
            assert!(described.contains("lx-fu-code-error"), "{described}");
        }
        assert_eq!(
            workers_started(),
            before,
            "{lang:?}: a malformed code started a worker"
        );
        // The field reads left to right in any language.
        assert_eq!(
            m.get("followup-code-input").get_attribute("dir").as_deref(),
            Some("ltr")
        );
        // "Close" tells the widget, which then unmounts the screen: that
        // takes the field and what was typed.
        m.get("followup-close").click();
        assert_eq!(m.closed.get(), 1, "Close did not call the widget back");
        m.unmount();
        assert!(m.find("followup-code-input").is_none());
        assert_eq!(m.root.child_element_count(), 0, "the screen left elements");
    }
}

/// A well-formed code clears the mistake and goes to the worker; here the
/// test runner serves no worker, and a worker that cannot load ends in the
/// failure's own words, not a wait without end.
#[wasm_bindgen_test]
async fn a_well_formed_code_goes_to_the_worker_and_a_worker_that_fails_is_said() {
    let f = strings(Lang::En);
    let before = workers_started();
    let m = Screen::new(Lang::En);
    try_code(&m, "12").await;
    until("the mistake", || m.find("followup-problem").is_some()).await;
    // Spaces, dashes and other scripts' digits are all taken.
    try_code(&m, " ٤٨٢١-0937 5562-1049 ７７３０ ").await;
    until("the failure's words", || {
        m.find("followup-problem")
            .is_some_and(|p| text(&p) == f.failed)
    })
    .await;
    assert_eq!(
        workers_started(),
        before + 1,
        "the code never went to a worker"
    );
    assert!(
        m.root.query_selector("progress").unwrap().is_none(),
        "the progress stayed"
    );
    assert_eq!(text(&m.get("followup-status")), "");
}

/// The widget's language switch reaches the mounted screen: every word
/// changes, what was typed and the mistake shown stay.
#[wasm_bindgen_test]
async fn a_language_switch_changes_the_words_and_keeps_what_was_typed() {
    let (en, es) = (strings(Lang::En), strings(Lang::Es));
    let m = Screen::new(Lang::En);
    try_code(&m, "4821 0937").await;
    until("the English mistake", || {
        m.find("followup-problem")
            .is_some_and(|p| text(&p) == en.too_short)
    })
    .await;
    let label = || text(&m.root.query_selector("label").unwrap().expect("a label"));
    assert_eq!(label(), en.your_code);
    m.place().set_lang("es");
    until("the Spanish words", || {
        label() == es.your_code
            && m.find("followup-problem")
                .is_some_and(|p| text(&p) == es.too_short)
            && text(&m.get("followup-open")) == es.open
    })
    .await;
    let typed = js_sys::Reflect::get(&m.get("followup-code-input"), &"value".into()).unwrap();
    assert_eq!(typed.as_string().as_deref(), Some("4821 0937"));
    // A tag not on the list changes nothing.
    m.place().set_lang("xx");
    settle().await;
    assert_eq!(label(), es.your_code);
}

/// The widget switches language by setting `lang` on its root (`src/app.rs`);
/// the mounted screen follows it by itself, keeping what was typed, and
/// stops following once unmounted.
#[wasm_bindgen_test]
async fn the_screen_follows_the_lang_attribute_the_widget_sets_on_its_root() {
    let (en, ar) = (
        strings(Lang::En),
        strings(Lang::from_tag("ar").expect("Arabic")),
    );
    let app: HtmlElement = doc().create_element("div").unwrap().unchecked_into();
    app.set_attribute("lang", "en").unwrap();
    doc().body().unwrap().append_child(&app).unwrap();
    let inner: HtmlElement = doc().create_element("div").unwrap().unchecked_into();
    app.append_child(&inner).unwrap();
    let closed = std::rc::Rc::new(std::cell::Cell::new(0));
    let place = mount_check(inner.clone(), "en", counter(&closed));
    let label = || text(&inner.query_selector("label").unwrap().expect("a label"));
    until("the English label", || label() == en.your_code).await;
    let field = inner
        .query_selector("[data-testid=followup-code-input]")
        .unwrap()
        .expect("the code field");
    js_sys::Reflect::set(&field, &"value".into(), &"1234".into()).unwrap();
    app.set_attribute("lang", "ar").unwrap();
    until("the Arabic label", || label() == ar.your_code).await;
    let typed = js_sys::Reflect::get(&field, &"value".into()).unwrap();
    assert_eq!(typed.as_string().as_deref(), Some("1234"));
    place.unmount();
    assert_eq!(inner.child_element_count(), 0, "the screen left elements");
    app.remove();
}

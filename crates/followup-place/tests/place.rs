//! Browser tests of "Check for a reply" (issue 16) as a component: what a
//! person types as a code is read on the page, forgiving of spaces and
//! dashes, and a malformed code gets its own words in the person's language
//! without starting the follow-up worker. (A well-formed wrong code needs
//! the intake and the worker: `crates/e2e/tests/followup.rs`; what each
//! answer means is host-tested in `src/followup/outcome.rs`.)
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use lantern::followup::CheckReply;
use lantern::i18n::{strings, I18n, Lang};
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn place(lang: Lang) -> Mounted {
    mount(move || {
        I18n::provide(lang);
        view! { <CheckReply/> }.into_any()
    })
}

/// Opens the place and waits for its code field.
async fn open(m: &Mounted) {
    m.get("check-reply").click();
    until("the code field", || m.find("followup-code-input").is_some()).await;
}

/// Types `typed` as the code and presses Open.
async fn try_code(m: &Mounted, typed: &str) {
    let field = m.get("followup-code-input");
    js_sys::Reflect::set(&field, &"value".into(), &JsValue::from_str(typed)).expect("set value");
    m.get("followup-open").click();
    settle().await;
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
        let f = strings(lang).followup;
        let before = workers_started();
        let m = place(lang);
        open(&m).await;
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
        // Closing puts the button back and forgets what was typed.
        m.get("followup-close").click();
        until("the button again", || m.find("check-reply").is_some()).await;
        assert!(m.find("followup-code-input").is_none());
    }
}

/// A well-formed code clears the mistake and goes to the worker; here the
/// test runner serves no worker, and a worker that cannot load ends in the
/// failure's own words, not a wait without end.
#[wasm_bindgen_test]
async fn a_well_formed_code_goes_to_the_worker_and_a_worker_that_fails_is_said() {
    let f = strings(Lang::En).followup;
    let before = workers_started();
    let m = place(Lang::En);
    open(&m).await;
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
    assert!(m.all("progress").is_empty(), "the progress stayed");
    assert_eq!(text(&m.get("followup-status")), "");
}

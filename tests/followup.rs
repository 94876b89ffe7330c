//! Browser tests of the widget's side of the follow-up (issue 16): "Check
//! for a reply" is a button of the widget's own, and the place's screen
//! (`crates/followup-place`, tested in its own crate) loads only when the
//! button is pressed (`src/followup_offer.js`). Here the test runner serves
//! no such module, so pressing it must say "Loading", then name the failure
//! in the person's language and give the button back to try again, not
//! wait without end. That while the receipt offers its own "Check for a
//! reply" the place's hides (one such button at a time) needs the module,
//! so the end-to-end suite checks it (`crates/e2e/tests/followup.rs`).
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use lantern::followup::CheckReply;
use lantern::i18n::{strings, I18n, Lang};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn place(lang: Lang) -> Mounted {
    mount(move || {
        I18n::provide(lang);
        view! { <CheckReply/> }.into_any()
    })
}

/// How many resources the page asked for whose URL holds `part`.
fn requested(part: &str) -> usize {
    let performance = web_sys::window().unwrap().performance().unwrap();
    performance
        .get_entries_by_type("resource")
        .iter()
        .filter(|e| {
            js_sys::Reflect::get(e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .is_some_and(|n| n.contains(part))
        })
        .count()
}

#[wasm_bindgen_test]
async fn pressing_check_for_a_reply_loads_its_screen_and_a_failure_is_said_with_the_button_back() {
    for lang in [Lang::En, Lang::from_tag("ar").expect("Arabic")] {
        let f = strings(lang).followup;
        let before = requested("followup/place.js");
        let m = place(lang);
        settle().await;
        assert_eq!(
            requested("followup/place.js"),
            before,
            "{lang:?}: the screen loaded before it was asked for"
        );
        let button = m.get("check-reply");
        assert_eq!(text(&button), f.check);
        assert!(!is_hidden(&button));
        assert!(is_hidden(&m.get("followup-loading")));
        assert!(is_hidden(&m.get("followup-load-failed")));
        button.click();
        // At once: "Loading", and the button steps aside.
        assert!(!is_hidden(&m.get("followup-loading")));
        assert_eq!(text(&m.get("followup-loading")), f.loading);
        assert!(is_hidden(&m.get("check-reply")));
        until("the failure's words", || {
            !is_hidden(&m.get("followup-load-failed"))
        })
        .await;
        assert_eq!(text(&m.get("followup-load-failed")), f.load_failed);
        assert!(is_hidden(&m.get("followup-loading")), "the loading stayed");
        assert!(
            requested("followup/place.js") > before,
            "{lang:?}: the button did not ask for the screen"
        );
        // The button is back, to try again: it asks again.
        assert!(!is_hidden(&m.get("check-reply")));
        let asked = requested("followup/place.js");
        m.get("check-reply").click();
        assert!(
            is_hidden(&m.get("followup-load-failed")),
            "the old failure stayed"
        );
        until("a second request", || {
            requested("followup/place.js") > asked
        })
        .await;
        until("the failure again", || {
            !is_hidden(&m.get("followup-load-failed"))
        })
        .await;
    }
}

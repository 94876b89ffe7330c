//! Browser tests of the widget's side of the follow-up (issue 16): "Check
//! for a reply" is a heading and buttons of the widget's own, and its screen
//! (`crates/followup-place`, tested in its own crate) loads only when the
//! place is opened. Here the test runner serves no such module, so opening
//! the place must name the failure in the person's language and offer to try
//! again, not wait without end; and while the receipt offers its own button,
//! the place shows none, so there is one "Check for a reply" at a time.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use lantern::followup::{CheckOpen, CheckReply};
use lantern::i18n::{strings, I18n, Lang};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn place(lang: Lang, check: CheckOpen) -> Mounted {
    mount(move || {
        I18n::provide(lang);
        provide_context(check);
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
async fn opening_the_place_loads_its_screen_and_a_failure_is_said_with_a_way_to_try_again() {
    for lang in [Lang::En, Lang::from_tag("ar").expect("Arabic")] {
        let f = strings(lang).followup;
        let before = requested("followup/place.js");
        let m = place(lang, CheckOpen::new());
        settle().await;
        assert_eq!(
            requested("followup/place.js"),
            before,
            "{lang:?}: the screen loaded before it was asked for"
        );
        assert_eq!(text(&m.get("check-reply")), f.check);
        assert!(!is_hidden(&m.get("check-reply")));
        assert!(
            is_hidden(&m.get("followup-close")),
            "the place shows before it is opened"
        );
        m.get("check-reply").click();
        // Focus goes to the place's heading, which says what it is.
        until("focus on the heading", || {
            doc()
                .active_element()
                .is_some_and(|e| e.tag_name() == "H3" && text(&e) == f.check)
        })
        .await;
        until("the failure's words", || {
            let failed = m.get("followup-load-failed");
            text(&failed) == f.load_failed && !is_hidden(&failed)
        })
        .await;
        assert!(!is_hidden(&m.get("followup-try-again")));
        assert!(
            requested("followup/place.js") > before,
            "{lang:?}: opening the place did not ask for its screen"
        );
        assert_eq!(text(&m.get("followup-loading")), "", "the loading stayed");
        // Trying again asks again, under a URL of its own.
        let asked = requested("followup/place.js");
        m.get("followup-try-again").click();
        until("a second request", || {
            requested("followup/place.js") > asked
        })
        .await;
        until("the failure again", || {
            text(&m.get("followup-load-failed")) == f.load_failed
        })
        .await;
        // Closing puts the button back.
        m.get("followup-close").click();
        until("the button again", || !is_hidden(&m.get("check-reply"))).await;
        assert!(is_hidden(&m.get("followup-load-failed")));
        assert!(is_hidden(&m.get("followup-close")));
    }
}

#[wasm_bindgen_test]
async fn while_the_receipt_offers_check_for_a_reply_the_place_shows_no_second_button() {
    let check = CheckOpen::new();
    let m = place(Lang::En, check);
    settle().await;
    assert!(!is_hidden(&m.get("check-reply")));
    check.from_receipt.set(true);
    until("the place's button to step aside", || {
        is_hidden(&m.get("check-reply"))
    })
    .await;
    // The receipt's button opens the same place.
    check.open.set(true);
    until("the heading", || {
        m.all("h3")
            .iter()
            .any(|h| text(h) == strings(Lang::En).followup.check && !is_hidden(h))
    })
    .await;
    check.open.set(false);
    until("the place to close", || is_hidden(&m.get("followup-close"))).await;
    assert!(
        is_hidden(&m.get("check-reply")),
        "a second button while the receipt offers one"
    );
    check.from_receipt.set(false);
    until("the button again", || !is_hidden(&m.get("check-reply"))).await;
}

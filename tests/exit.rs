//! Browser tests of the quick exit: Shift×3, Shift as a modifier, the
//! announced countdown and its expiry, the exit link, the skip link's place
//! in the tab order, and the exit sequence (overlay, then hooks, then
//! navigation). Navigation is replaced by a recorder so the page stays.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use lantern::app::App;
use lantern::config::Config;
use lantern::i18n::{strings, Lang};
use leptos::prelude::*;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const EXIT: &str = "https://example.org/weather";

/// What happened, in order: "hook" when an exit hook ran, the URL when
/// the exit navigated.
type Log = Arc<Mutex<Vec<String>>>;

fn app(lang: Lang) -> (Mounted, Log) {
    let log: Log = Arc::default();
    let navigations = Arc::clone(&log);
    let navigate = Callback::new(move |url: String| navigations.lock().unwrap().push(url));
    let hooks = Arc::clone(&log);
    lantern::exit::on_exit(move || hooks.lock().unwrap().push("hook".into()));
    let config = Config::default();
    let m =
        mount(move || view! { <App config lang exit_url=EXIT.to_owned() navigate/> }.into_any());
    (m, log)
}

/// Undoes what an exit did to the shared test page.
fn restore_page() {
    let document = doc();
    if let Ok(Some(overlay)) = document.query_selector(".lx-overlay") {
        overlay.remove();
    }
    let body = document.body().unwrap();
    let children = body.children();
    for i in 0..children.length() {
        let child: web_sys::HtmlElement = children.item(i).unwrap().unchecked_into();
        child.style().remove_property("display").unwrap();
    }
    document
        .document_element()
        .unwrap()
        .class_list()
        .remove_1("lx-leaving")
        .unwrap();
    // Hooks left over from a test that did not exit.
    lantern::exit::run_exit_hooks();
}

fn assert_left(m: &Mounted, log: &Log) {
    assert_eq!(
        *log.lock().unwrap(),
        ["hook", EXIT],
        "hooks run before navigation"
    );
    let overlay: web_sys::HtmlElement = doc()
        .query_selector("[data-testid='exit-overlay']")
        .unwrap()
        .expect("overlay shown")
        .unchecked_into();
    assert_eq!(
        overlay.style().get_property_value("display").unwrap(),
        "flex"
    );
    assert_eq!(text(&overlay), "Loading.");
    assert_eq!(
        m.root.style().get_property_value("display").unwrap(),
        "none",
        "content hidden"
    );
}

#[wasm_bindgen_test]
async fn shift_three_times_leaves_and_announces_the_countdown() {
    let (m, log) = app(Lang::En);
    settle().await;
    let w = strings(Lang::En).site;
    let status = m.get("exit-countdown");
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(text(&status), "");

    tap_shift();
    settle().await;
    assert_eq!(text(&status), w.exit_two_more);
    assert_eq!(m.all(".lx-dot-on").len(), 1);
    tap_shift();
    settle().await;
    assert_eq!(text(&status), w.exit_one_more);
    assert_eq!(m.all(".lx-dot-on").len(), 2);
    assert!(log.lock().unwrap().is_empty());

    tap_shift();
    settle().await;
    assert_left(&m, &log);
    restore_page();
}

#[wasm_bindgen_test]
async fn shift_used_as_a_modifier_does_not_count() {
    let (m, log) = app(Lang::En);
    settle().await;
    for _ in 0..4 {
        key("keydown", "Shift", true);
        key("keydown", "A", true);
        key("keyup", "A", true);
        key("keyup", "Shift", false);
    }
    settle().await;
    assert_eq!(text(&m.get("exit-countdown")), "");
    assert!(log.lock().unwrap().is_empty(), "left on Shift+A");
    // Typing between lone presses starts the count again.
    tap_shift();
    tap_shift();
    key("keydown", "h", false);
    key("keyup", "h", false);
    tap_shift();
    settle().await;
    assert!(
        log.lock().unwrap().is_empty(),
        "left despite typing between presses"
    );
    assert_eq!(
        text(&m.get("exit-countdown")),
        strings(Lang::En).site.exit_two_more
    );
    drop(m);
    restore_page();
}

#[wasm_bindgen_test]
async fn the_countdown_expires_after_five_seconds() {
    let (m, log) = app(Lang::Es);
    settle().await;
    tap_shift();
    tap_shift();
    sleep(Duration::from_millis(5_300)).await;
    assert_eq!(
        text(&m.get("exit-countdown")),
        strings(Lang::Es).site.exit_expired
    );
    assert_eq!(m.all(".lx-dot-on").len(), 0);
    tap_shift();
    settle().await;
    assert!(
        log.lock().unwrap().is_empty(),
        "an expired count must not leave"
    );
    assert_eq!(
        text(&m.get("exit-countdown")),
        strings(Lang::Es).site.exit_two_more
    );
    drop(m);
    restore_page();
}

#[wasm_bindgen_test]
async fn the_exit_link_leaves_without_following_its_href() {
    let (m, log) = app(Lang::En);
    settle().await;
    let before = web_sys::window().unwrap().location().href().unwrap();
    m.get("exit-link").click();
    settle().await;
    assert_left(&m, &log);
    assert_eq!(
        web_sys::window().unwrap().location().href().unwrap(),
        before
    );
    restore_page();
}

#[wasm_bindgen_test]
async fn the_skip_link_leaves_too() {
    let (m, log) = app(Lang::En);
    settle().await;
    m.get("exit-skip").click();
    settle().await;
    assert_left(&m, &log);
    restore_page();
}

#[wasm_bindgen_test]
async fn the_skip_link_then_the_exit_are_first_in_tab_order() {
    let (m, _log) = app(Lang::En);
    settle().await;
    let focusable =
        m.all("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])");
    let ids: Vec<String> = focusable
        .iter()
        .take(2)
        .map(|e| e.get_attribute("data-testid").unwrap_or_default())
        .collect();
    assert_eq!(ids, ["exit-skip", "exit-link"]);
    // Nothing reorders the tab sequence.
    assert!(m
        .all("[tabindex]:not([tabindex='-1']):not([tabindex='0'])")
        .is_empty());
    drop(m);
    restore_page();
}

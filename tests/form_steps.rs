//! The tip form in headless Chromium (wasm-bindgen-test): the three-step
//! journey with the progress shown and optional steps opened from the
//! review, answers kept going back and forward, the GOV.UK error summary
//! taking focus, the safety gate, the contact notice, hostile text shown
//! as text, and a failed send keeping the form, with one button to try
//! again, focus on the status and a retry on the browser's online event.
//!
//! Run: `. scripts/env.sh && CHROMEDRIVER=/usr/bin/chromedriver
//! WASM_BINDGEN_TEST_TIMEOUT=120 wasm_cargo test -p lantern --test form_steps`
#![cfg(target_arch = "wasm32")]

use lantern::form::TipForm;
use lantern::i18n::{I18n, Lang};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A form mounted into its own element, removed when dropped, so the tests
/// of this file (which share one page) never see each other's markup.
struct Mounted {
    root: HtmlElement,
    _handle: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

fn mount(lang: Lang) -> Mounted {
    let root: HtmlElement = document()
        .create_element("div")
        .expect("create div")
        .dyn_into()
        .expect("an HtmlElement");
    document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let handle = leptos::mount::mount_to(root.clone(), move || {
        I18n::provide(lang);
        view! { <TipForm/> }.into_any()
    });
    Mounted {
        root,
        _handle: handle,
    }
}

/// Lets the browser run effects and draw a frame.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 60);
    });
    let _ = JsFuture::from(promise).await;
}

/// Waits (up to ~10 s) until `check` holds.
async fn until(what: &str, check: impl Fn() -> bool) {
    for _ in 0..170 {
        if check() {
            return;
        }
        settle().await;
    }
    panic!("timed out waiting for {what}");
}

fn find(root: &HtmlElement, selector: &str) -> Option<HtmlElement> {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
}

fn testid(root: &HtmlElement, id: &str) -> HtmlElement {
    find(root, &format!("[data-testid=\"{id}\"]")).unwrap_or_else(|| panic!("no {id}"))
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

/// The control whose `<label>` reads exactly `label`.
fn by_label(root: &HtmlElement, label: &str) -> HtmlElement {
    let labels = root.query_selector_all("label").expect("labels");
    for i in 0..labels.length() {
        let Some(node) = labels.item(i) else { continue };
        let Ok(element) = node.dyn_into::<Element>() else {
            continue;
        };
        if text(&element).trim() == label {
            let id = element.get_attribute("for").unwrap_or_default();
            return find(root, &format!("#{id}")).expect("the labelled control");
        }
    }
    panic!("no field labelled {label:?}");
}

fn value(field: &HtmlElement) -> String {
    js_sys::Reflect::get(field, &"value".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Sets a field's value as a paste would, and fires `input`.
fn type_into(field: &HtmlElement, typed: &str) {
    js_sys::Reflect::set(field, &"value".into(), &JsValue::from_str(typed)).expect("set value");
    let event = web_sys::Event::new("input").expect("event");
    field.dispatch_event(&event).expect("dispatch");
}

fn progress(root: &HtmlElement) -> String {
    text(&testid(root, "form-progress"))
}

/// The step shown (`data-step` on the form).
fn step(root: &HtmlElement) -> String {
    find(root, "form[data-step]")
        .and_then(|f| f.get_attribute("data-step"))
        .unwrap_or_default()
}

/// Clicks "Continue" and waits for step `then`.
async fn next(root: &HtmlElement, then: &str) {
    testid(root, "form-next").click();
    until(then, || step(root) == then).await;
}

/// On the review, clicks the button of step `slug` ("Add" or "Change").
async fn open_step(root: &HtmlElement, slug: &str) {
    let group = testid(root, &format!("review-{slug}"));
    find(&group, "button")
        .expect("a button in the group")
        .click();
    until(slug, || step(root) == slug).await;
}

/// Safety, then what happened (typed), then the review.
async fn to_review(root: &HtmlElement, narrative: &str) {
    next(root, "narrative").await;
    type_into(&by_label(root, "What happened?"), narrative);
    next(root, "review").await;
}

fn focused_id() -> String {
    document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn steps_forward_and_back_keep_every_answer() {
    let form = mount(Lang::En);
    let root = &form.root;
    assert_eq!(progress(root), "Step 1 of 3");
    assert!(
        find(root, "[data-testid=form-back]").is_none(),
        "no Back on the first step"
    );
    next(root, "narrative").await;
    type_into(
        &by_label(root, "What happened?"),
        "Someone is kept in the back room.",
    );
    testid(root, "form-back").click();
    until("the safety step", || step(root) == "safety").await;
    next(root, "narrative").await;
    assert_eq!(
        value(&by_label(root, "What happened?")),
        "Someone is kept in the back room."
    );
    next(root, "review").await;
    assert_eq!(progress(root), "Step 3 of 3");
    open_step(root, "what-where").await;
    assert_eq!(progress(root), "More detail (optional)");
    let city = by_label(root, "City or town");
    assert_eq!(city.get_attribute("maxlength").as_deref(), Some("100"));
    type_into(&city, "Springfield");
    next(root, "review").await;
    // Focus moves to the new step's heading.
    until("focus on the heading", || focused_id() == "lx-f-step-title").await;
    assert!(text(root).contains("Springfield"));
    open_step(root, "what-where").await;
    assert_eq!(value(&by_label(root, "City or town")), "Springfield");
    testid(root, "form-back").click();
    until("the review", || step(root) == "review").await;
    // Once the review has been seen, a journey step opened with Change
    // has Back (and Continue) to the review, even the first step.
    open_step(root, "safety").await;
    testid(root, "form-back").click();
    until("the review", || step(root) == "review").await;
    open_step(root, "narrative").await;
    assert_eq!(
        value(&by_label(root, "What happened?")),
        "Someone is kept in the back room."
    );
    next(root, "review").await;
}

#[wasm_bindgen_test]
async fn a_missing_narrative_shows_the_error_summary_with_focus() {
    let form = mount(Lang::En);
    let root = &form.root;
    next(root, "narrative").await;
    let narrative = by_label(root, "What happened?");
    assert_eq!(
        narrative.get_attribute("maxlength").as_deref(),
        Some("5000")
    );
    // No limit is said to someone nowhere near it.
    assert!(!text(root).contains("Up to"), "{}", text(root));
    assert!(testid(root, "chars-left").has_attribute("hidden"));
    type_into(&narrative, "   short ");
    testid(root, "form-next").click();
    until("the error summary", || {
        find(root, "[data-testid=error-summary]").is_some()
    })
    .await;
    let summary = testid(root, "error-summary");
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    until("focus on the summary", || focused_id() == "lx-f-errors").await;
    let link = find(&summary, "a").expect("a link to the field");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("#lx-f-narrative")
    );
    assert_eq!(
        text(&link),
        "What happened must be at least 10 characters, not counting spaces"
    );
    // The message beside the field, tied to it; nothing typed was cleared.
    let narrative = by_label(root, "What happened?");
    assert_eq!(
        narrative.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let described = narrative
        .get_attribute("aria-describedby")
        .unwrap_or_default();
    assert!(
        described.split(' ').any(|id| id == "lx-f-narrative-error"),
        "{described}"
    );
    assert_eq!(value(&narrative), "   short ");
    assert_eq!(progress(root), "Step 2 of 3");
    // The link moves focus to the field.
    link.click();
    until("focus on the narrative", || {
        focused_id() == "lx-f-narrative"
    })
    .await;
    // Fixed: the form moves on.
    type_into(&narrative, "Someone is kept in the back room.");
    next(root, "review").await;
    assert!(find(root, "[data-testid=error-summary]").is_none());
}

#[wasm_bindgen_test]
async fn invisible_or_control_characters_do_not_make_a_narrative() {
    let form = mount(Lang::En);
    let root = &form.root;
    next(root, "narrative").await;
    let narrative = by_label(root, "What happened?");
    // Ten zero-width and direction characters: nothing to read, so nothing written.
    type_into(&narrative, &"\u{200b}\u{202e}".repeat(5));
    testid(root, "form-next").click();
    until("the error summary", || {
        find(root, "[data-testid=error-summary]").is_some()
    })
    .await;
    let summary = testid(root, "error-summary");
    assert_eq!(
        text(&find(&summary, "a").expect("a link to the field")),
        "Tell us what happened"
    );
    // A control character pasted into real words: said plainly, and nothing is cleared.
    let pasted = "Someone at the farm \u{1b}cannot leave.";
    type_into(&narrative, pasted);
    testid(root, "form-next").click();
    until("the hidden-character message", || {
        text(&testid(root, "error-summary")).contains("hidden characters")
    })
    .await;
    assert_eq!(
        text(&find(&testid(root, "error-summary"), "a").expect("a link to the field")),
        "\u{201c}What happened?\u{201d} has hidden characters that we cannot accept. \
         Try typing it instead of pasting it"
    );
    assert_eq!(value(&by_label(root, "What happened?")), pasted);
    assert_eq!(progress(root), "Step 2 of 3");
    type_into(&narrative, "Someone at the farm cannot leave.");
    next(root, "review").await;
}

#[wasm_bindgen_test]
async fn danger_now_puts_911_first_and_keeps_the_form() {
    let form = mount(Lang::En);
    let root = &form.root;
    assert!(find(root, "a[href=\"tel:911\"]").is_none());
    by_label(root, "Yes").click();
    until("the 911 link", || {
        find(root, "a[href=\"tel:911\"]").is_some()
    })
    .await;
    assert!(
        find(root, "a[href^=\"tel:1888\"]").is_some(),
        "the hotline call link"
    );
    assert!(
        find(root, "a[href^=\"sms:233733\"]").is_some(),
        "the hotline text link"
    );
    next(root, "narrative").await;
}

#[wasm_bindgen_test]
async fn contact_fields_appear_only_after_the_notice_and_a_contact_choice() {
    let form = mount(Lang::En);
    let root = &form.root;
    to_review(root, "Someone is kept in the back room.").await;
    open_step(root, "contact").await;
    let before = text(root);
    assert!(before.contains("Hotline staff must report some things by law"));
    assert!(root
        .query_selector("input[type=email]")
        .ok()
        .flatten()
        .is_none());
    by_label(root, "Contact me, but keep my details private").click();
    until("the email field", || {
        root.query_selector("input[type=email]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    let all = text(root);
    let notice = all.find("Hotline staff must report").expect("notice");
    let email = all.find("Email address").expect("email label");
    assert!(notice < email, "the notice comes before any contact field");
    // Contact chosen with no phone or email: a specific error.
    testid(root, "form-next").click();
    until("the error summary", || {
        find(root, "[data-testid=error-summary]").is_some()
    })
    .await;
    assert!(
        text(&testid(root, "error-summary")).contains("Give a phone number or an email address")
    );
}

#[wasm_bindgen_test]
async fn hostile_text_is_shown_as_text_on_the_review_page() {
    let form = mount(Lang::En);
    let root = &form.root;
    let hostile = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\"> \u{202e}olleh\u{200b} 🙂 \u{2066}end\u{2069}";
    to_review(root, hostile).await;
    assert!(
        root.query_selector("script, img").ok().flatten().is_none(),
        "markup was rendered"
    );
    let answers = root.query_selector_all(".lx-f-answer").expect("answers");
    let shown: Vec<String> = (0..answers.length())
        .filter_map(|i| answers.item(i))
        .filter_map(|n| n.text_content())
        .collect();
    assert!(
        shown
            .iter()
            .any(|s| s.starts_with("<script>window.pwned=1</script>")),
        "{shown:?}"
    );
    let pwned = js_sys::Reflect::get(&web_sys::window().expect("window"), &"pwned".into())
        .ok()
        .filter(|v| !v.is_undefined());
    assert!(pwned.is_none(), "script ran");
}

#[wasm_bindgen_test]
async fn a_megabyte_paste_is_capped_in_the_model() {
    let form = mount(Lang::En);
    let root = &form.root;
    next(root, "narrative").await;
    let narrative = by_label(root, "What happened?");
    // Setting `.value` from script bypasses `maxlength`; the model caps it.
    type_into(&narrative, &"a".repeat(1 << 20));
    settle().await;
    assert!(text(root).contains("0 characters left"), "{}", text(root));
    next(root, "review").await;
    let longest = {
        let answers = root.query_selector_all(".lx-f-answer").expect("answers");
        (0..answers.length())
            .filter_map(|i| answers.item(i))
            .filter_map(|n| n.text_content())
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0)
    };
    assert_eq!(longest, 5000);
}

#[wasm_bindgen_test]
async fn a_failed_send_keeps_the_form_and_offers_a_retry() {
    // The test runner's server has no /v1/tips: the answer is an error page,
    // which the form must treat as a server problem, not a success.
    let form = mount(Lang::En);
    let root = &form.root;
    to_review(root, "A man keeps their passports at the farm.").await;
    testid(root, "form-submit").click();
    until("the countdown", || {
        find(root, "[data-testid=form-countdown]").is_some()
    })
    .await;
    let said = text(root);
    assert!(said.contains("Something went wrong on our side."), "{said}");
    assert!(said.contains("Your answers are still here."), "{said}");
    assert!(said.contains("We will keep trying by ourselves"), "{said}");
    assert!(said.contains("Next try in"), "{said}");
    assert!(said.contains("A man keeps their passports at the farm."));
    assert!(find(root, "[data-testid=receipt]").is_none());
    // One button, which now says what it does; focus on the status.
    assert!(find(root, "[data-testid=form-retry]").is_none());
    assert_eq!(text(&testid(root, "form-submit")).trim(), "Try again now");
    until("focus on the status", || focused_id() == "lx-f-status").await;
    // Retrying by hand fails the same way and keeps everything.
    testid(root, "form-submit").click();
    until("the retry to fail again", || {
        tips_requested() == 2 && text(root).contains("Next try in")
    })
    .await;
    assert!(text(root).contains("A man keeps their passports at the farm."));
    // The browser coming back online sends at once, not at the end of the
    // countdown (at least two seconds away after a second failure).
    web_sys::window()
        .expect("window")
        .dispatch_event(&web_sys::Event::new("online").expect("event"))
        .expect("dispatch");
    for _ in 0..20 {
        if tips_requested() == 3 {
            return;
        }
        settle().await;
    }
    panic!("no request within about a second of the online event");
}

/// How many requests the page has made to `/v1/tips` (resource timing).
fn tips_requested() -> usize {
    let entries = web_sys::window()
        .expect("window")
        .performance()
        .expect("performance")
        .get_entries_by_type("resource");
    (0..entries.length())
        .filter_map(|i| entries.get(i).dyn_into::<web_sys::PerformanceEntry>().ok())
        .filter(|e| e.name().ends_with("/v1/tips"))
        .count()
}

#[wasm_bindgen_test]
async fn spanish_is_complete_in_the_form() {
    let form = mount(Lang::Es);
    let root = &form.root;
    assert_eq!(progress(root), "Paso 1 de 3");
    assert!(text(root).contains("¿Hay alguien en peligro ahora mismo?"));
    assert!(text(&testid(root, "form-next")).contains("Continuar"));
}

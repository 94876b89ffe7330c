//! Helpers shared by the widget's browser tests: a fresh mount point per
//! test, waiting for Leptos's effects, and synthetic input.
#![allow(dead_code, reason = "each test file uses a different subset")]

use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

/// A fresh `<div>` appended to the body; removed again by [`Mounted::drop`].
pub struct Mounted {
    /// The element the view was mounted into.
    pub root: HtmlElement,
    /// Unmounts the view when dropped.
    handle: Option<Box<dyn std::any::Any>>,
}

/// Mounts `view` into a new element.
pub fn mount(view: impl FnOnce() -> AnyView + 'static) -> Mounted {
    let document = doc();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), view);
    Mounted {
        root,
        handle: Some(Box::new(handle)),
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        drop(self.handle.take());
        self.root.remove();
    }
}

impl Mounted {
    /// The element with `data-testid="{id}"`, which must exist.
    pub fn get(&self, id: &str) -> HtmlElement {
        self.find(id)
            .unwrap_or_else(|| panic!("no element with data-testid={id}"))
    }

    /// The element with `data-testid="{id}"`, if any.
    pub fn find(&self, id: &str) -> Option<HtmlElement> {
        self.root
            .query_selector(&format!("[data-testid=\"{id}\"]"))
            .unwrap()
            .map(|e| e.unchecked_into())
    }

    /// Every element matching `selector`.
    pub fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|n| n.unchecked_into())
            .collect()
    }
}

/// The page's document.
pub fn doc() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Lets effects and re-renders run.
pub async fn settle() {
    sleep(Duration::from_millis(20)).await;
}

/// Polls `done` until it holds, for at most 5 s, and panics naming `what`
/// if it never does. For what the app does a task or two later (it builds a
/// section, then focuses it, in tasks of their own), which a loaded test
/// machine can run later than any fixed wait.
pub async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..1000 {
        if done() {
            return;
        }
        sleep(Duration::from_millis(5)).await;
    }
    panic!("waited 5 s for {what}");
}

/// Waits `d` in the browser.
pub async fn sleep(d: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                i32::try_from(d.as_millis()).unwrap(),
            )
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Dispatches a key event of `kind` ("keydown"/"keyup") on the window.
pub fn key(kind: &str, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict(kind, &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

/// A lone Shift press.
pub fn tap_shift() {
    key("keydown", "Shift", true);
    key("keyup", "Shift", false);
}

/// The trimmed text of an element.
pub fn text(e: &Element) -> String {
    e.text_content().unwrap_or_default().trim().to_owned()
}

/// Whether the element or an ancestor has the `hidden` attribute.
pub fn is_hidden(e: &Element) -> bool {
    e.closest("[hidden]").unwrap().is_some()
}

/// Turns a JsValue into a String (for assertions).
pub fn js_string(v: JsValue) -> String {
    v.as_string().unwrap_or_default()
}

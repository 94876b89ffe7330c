//! Hiding the page and going to the exit URL: the browser side of the quick
//! exit. Everything here is DOM work the host cannot run; the wasm tests in
//! `tests/exit.rs` drive it.

use std::cell::Cell;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, Window};

/// The class on `<html>` while leaving; the stylesheet hides everything but
/// the overlay under it too, in case something is added after the exit.
pub const LEAVING_CLASS: &str = "lx-leaving";

/// The message a framed widget sends its parent when the browser will not
/// let it navigate the top page itself. Fixed: no content ever crosses
/// `postMessage`.
pub const EXIT_MESSAGE_TYPE: &str = "lantern:exit";

thread_local! {
    static LEAVING: Cell<bool> = const { Cell::new(false) };
}

/// Whether the person has asked to leave (the overlay is up).
pub fn is_leaving() -> bool {
    LEAVING.with(Cell::get)
}

/// Hides every piece of content at once and shows a plain full-screen
/// overlay reading `loading` (kept as it is if the overlay is already up). Styles are set through the CSSOM (allowed by
/// the page's `style-src 'self'`), so this works whatever the stylesheet says.
pub fn hide_everything(loading: &str) {
    LEAVING.with(|l| l.set(true));
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        // The class is a backstop; the inline display below does the hiding.
        let _ = root.class_list().add_1(LEAVING_CLASS);
    }
    let Some(body) = document.body() else {
        return;
    };
    let existing = document.query_selector(".lx-overlay").ok().flatten();
    let overlay = match existing.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        Some(overlay) => overlay,
        None => match new_overlay(&document) {
            Some(overlay) => {
                overlay.set_text_content(Some(loading));
                overlay
            }
            None => return,
        },
    };
    let children = body.children();
    for i in 0..children.length() {
        if let Some(child) = children
            .item(i)
            .and_then(|c| c.dyn_into::<HtmlElement>().ok())
        {
            if child != overlay {
                let _ = child.style().set_property("display", "none");
            }
        }
    }
    let _ = body.append_child(&overlay);
}

fn new_overlay(document: &web_sys::Document) -> Option<HtmlElement> {
    let overlay: HtmlElement = document.create_element("div").ok()?.dyn_into().ok()?;
    overlay.set_class_name("lx-overlay");
    let _ = overlay.set_attribute("data-testid", "exit-overlay");
    let style = overlay.style();
    for (name, value) in [
        ("position", "fixed"),
        ("inset", "0"),
        ("z-index", "2147483647"),
        ("display", "flex"),
        ("align-items", "center"),
        ("justify-content", "center"),
        ("background", "#ffffff"),
        ("color", "#1a1a1a"),
        ("font", "1.25rem/1.5 system-ui, sans-serif"),
    ] {
        let _ = style.set_property(name, value);
    }
    Some(overlay)
}

/// Navigates to `url` without leaving this page in history. Inside a frame
/// it takes the whole tab away (the embed's sandbox allows top navigation on
/// a user gesture); if the browser refuses, it asks the partner page's loader
/// to do it with the fixed `{type: "lantern:exit"}` message.
pub fn go_to(url: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if !crate::embed::in_frame(&window) {
        let _ = window.location().replace(url);
        return;
    }
    let top_done = match window.top() {
        Ok(Some(top)) => top.location().replace(url).is_ok(),
        _ => false,
    };
    if !top_done {
        post_exit_message(&window);
    }
}

fn post_exit_message(window: &Window) {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &EXIT_MESSAGE_TYPE.into());
    if let Ok(Some(parent)) = window.parent() {
        // "*": the parent's origin is unknown (no referrer is sent), and the
        // message carries nothing but its fixed type.
        let _ = parent.post_message(&message, "*");
    }
}

/// Sets up what must be in place for the whole visit: when the browser
/// brings this page back from its back-forward cache after an exit, keep the
/// overlay and leave for `url` again.
pub fn install(url: String) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_pageshow = Closure::<dyn Fn(web_sys::PageTransitionEvent)>::new(
        move |event: web_sys::PageTransitionEvent| {
            if event.persisted() && is_leaving() {
                hide_everything("");
                go_to(&url);
            }
        },
    );
    let _ =
        window.add_event_listener_with_callback("pageshow", on_pageshow.as_ref().unchecked_ref());
    // Lives as long as the page.
    on_pageshow.forget();
}

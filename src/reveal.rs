//! Bringing a block that has just appeared to the person: scrolled to the
//! top of the screen (below the exit bar, by the page's `scroll-padding-top`)
//! and focused, so a screen reader reads it too. The form's danger panel
//! uses it: on a phone it would otherwise open below the fold, with nothing
//! on screen changing (issue 14).

use web_sys::{Element, HtmlElement};

/// Focuses `element` (it needs `tabindex="-1"` unless it is a control) and
/// scrolls its top into view: smoothly, unless the person asked for reduced
/// motion, then at once.
pub fn reveal(element: &Element) {
    use wasm_bindgen::JsCast;
    let Some(element) = element.dyn_ref::<HtmlElement>() else {
        return;
    };
    // Focus without the browser's own jump, which would centre the block
    // (or only just show its edge); the scroll below places it.
    let focus = web_sys::FocusOptions::new();
    focus.set_prevent_scroll(true);
    let _ = element.focus_with_options(&focus);
    let scroll = web_sys::ScrollIntoViewOptions::new();
    scroll.set_block(web_sys::ScrollLogicalPosition::Start);
    scroll.set_behavior(if reduced_motion() {
        web_sys::ScrollBehavior::Instant
    } else {
        web_sys::ScrollBehavior::Smooth
    });
    element.scroll_into_view_with_scroll_into_view_options(&scroll);
    if let Some(window) = web_sys::window().filter(crate::embed::in_frame) {
        scroll_again_when_the_frame_grows(&window, element, scroll);
    }
}

/// In a partner's frame the block makes the page taller before the frame is:
/// the loader sets the new height only once it hears of it. A scroll made
/// before that partly scrolls the frame's own page, which the growth then
/// undoes; so scroll once more when the frame next changes size, if that
/// is within a second.
fn scroll_again_when_the_frame_grows(
    window: &web_sys::Window,
    element: &HtmlElement,
    scroll: web_sys::ScrollIntoViewOptions,
) {
    use wasm_bindgen::JsCast;
    let element = element.clone();
    let asked = js_sys::Date::now();
    let again = wasm_bindgen::closure::Closure::once_into_js(move || {
        if js_sys::Date::now() - asked < 1000.0 {
            element.scroll_into_view_with_scroll_into_view_options(&scroll);
        }
    });
    let once = web_sys::AddEventListenerOptions::new();
    once.set_once(true);
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "resize",
        again.unchecked_ref(),
        &once,
    );
}

/// Whether the person asked for less motion (`prefers-reduced-motion`).
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|query| query.matches())
}

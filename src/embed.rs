//! Living inside a partner's iframe (issue 6): knowing we are framed, and
//! telling the parent how tall we are so it can size the frame.
//!
//! Only `{type: "lantern:height", height}` ever goes to the parent, the
//! height rounded up to [`HEIGHT_STEP`] px and kept within
//! [`MIN_HEIGHT`]..=[`MAX_HEIGHT`]: coarse steps say nothing about what a
//! person is typing, and bounds keep a broken page from taking over the host.

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{Element, Window};

/// Heights are rounded up to a multiple of this.
pub const HEIGHT_STEP: u32 = 32;
/// The least height posted (compact mode with the help block alone fits).
pub const MIN_HEIGHT: u32 = 160;
/// The most height posted.
pub const MAX_HEIGHT: u32 = 8192;
/// The `type` of the height message.
pub const HEIGHT_MESSAGE_TYPE: &str = "lantern:height";

/// The height to post for content `px` tall: rounded up to a step, bounded.
pub fn frame_height(px: f64) -> u32 {
    if !px.is_finite() || px <= 0.0 {
        return MIN_HEIGHT;
    }
    // Bounded by MAX_HEIGHT before the cast, so it cannot truncate.
    let px = px.ceil().min(f64::from(MAX_HEIGHT)) as u32;
    px.div_ceil(HEIGHT_STEP)
        .saturating_mul(HEIGHT_STEP)
        .clamp(MIN_HEIGHT, MAX_HEIGHT)
}

/// Whether this page is inside a frame.
pub fn in_frame(window: &Window) -> bool {
    match window.top() {
        Ok(Some(top)) => !js_sys::Object::is(&top, window),
        // A top we may not even look at is not us.
        _ => true,
    }
}

/// When framed, posts `root`'s height to the parent now and whenever it
/// changes. Does nothing on a page of its own.
pub fn post_height_changes(root: &Element) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if !in_frame(&window) {
        return;
    }
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let last = Rc::new(Cell::new(0_u32));
    let target = root.clone();
    let post = move || {
        let height = frame_height(f64::from(target.scroll_height()));
        if last.replace(height) == height {
            return;
        }
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE_TYPE.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        // "*": the parent's origin is unknown (no referrer is sent), and a
        // rounded height is all the message holds.
        let _ = parent.post_message(&message, "*");
    };
    post();
    let observer_callback = Closure::<dyn Fn()>::new(post);
    if let Ok(observer) = web_sys::ResizeObserver::new(observer_callback.as_ref().unchecked_ref()) {
        observer.observe(root);
    }
    // The observer lives as long as the page.
    observer_callback.forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_round_up_to_steps_within_bounds() {
        assert_eq!(frame_height(0.0), MIN_HEIGHT);
        assert_eq!(frame_height(-5.0), MIN_HEIGHT);
        assert_eq!(frame_height(f64::NAN), MIN_HEIGHT);
        assert_eq!(frame_height(100.0), MIN_HEIGHT);
        assert_eq!(frame_height(640.0), 640);
        assert_eq!(frame_height(640.2), 672);
        assert_eq!(frame_height(641.0), 672);
        assert_eq!(frame_height(1e9), MAX_HEIGHT);
        assert_eq!(frame_height(f64::INFINITY), MIN_HEIGHT);
        for px in 0..3000 {
            let h = frame_height(f64::from(px));
            assert_eq!(h % HEIGHT_STEP, 0);
            assert!(h >= px.min(MAX_HEIGHT));
        }
    }
}

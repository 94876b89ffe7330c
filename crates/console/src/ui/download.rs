//! Saving a file the console made or was sent: a Blob, an object URL and
//! a click on an `<a download>`. Nothing goes to another origin (the page's
//! CSP allows none); the browser saves the bytes it already holds.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Saves `bytes` as a file named `name` of type `media_type`. `Err` when
/// the browser refused to make the Blob or the link.
pub fn save(bytes: &[u8], media_type: &str, name: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = leptos::prelude::document();
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The URL holds the file in memory until revoked; a moment later the
    // download has taken its copy.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    leptos::prelude::window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    Ok(())
}

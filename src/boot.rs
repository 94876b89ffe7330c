//! Starting the widget on its page: read the configuration, pick the
//! language and exit URL, mount the app over the static copy in
//! `index.html`, then wire the exit's `pageshow` guard and the iframe height.

use crate::app::App;
use crate::config::{choose_lang, Config};
use lantern_tip::ExitUrl;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};

/// The id of the element the widget lives in.
pub const ROOT_ID: &str = "lantern";

/// Mounts the widget into `#lantern` (made if missing), replacing the static
/// copy there, and marks it `data-ready="true"` once the app is whole.
pub fn start() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    if document.ready_state() == "loading" {
        // The page loads its module `async`, so that running it is a task of
        // its own rather than part of the parser's last one; on a page still
        // streaming in, wait for the static copy this replaces.
        let later = wasm_bindgen::closure::Closure::once_into_js(start);
        let _ =
            document.add_event_listener_with_callback("DOMContentLoaded", later.unchecked_ref());
        return;
    }
    let (config, warnings) = Config::from_query(&window.location().search().unwrap_or_default());
    for warning in &warnings {
        leptos::logging::warn!("Lantern: {warning}");
    }
    let browser: Vec<String> = window
        .navigator()
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    let lang = choose_lang(config.lang, &browser);
    let exit_url = config
        .exit_url
        .clone()
        .or_else(|| page_exit_url(&document))
        .unwrap_or_default()
        .into_string();

    let Some(root) = root(&document) else {
        return;
    };
    // The words: the page's own (inline), else fetched; the Wasm holds
    // none (crate::i18n::loaded). Until they are here, the static copy
    // (hotline and exit) stays as it is.
    let inline = crate::i18n::adopt_inline(&document);
    if crate::i18n::is_loaded(lang) {
        mount(root, config, lang, exit_url);
        return;
    }
    leptos::task::spawn_local(async move {
        let lang = match crate::i18n::fetch_words(lang).await {
            Ok(()) => lang,
            // The page's own language, if it carried one.
            Err(error) => {
                leptos::logging::warn!("Lantern: {error}");
                match inline {
                    Some(inline) => inline,
                    None => return,
                }
            }
        };
        mount(root, config, lang, exit_url);
    });
}

/// Mounts the app in `lang` (whose words are loaded) over the static copy.
fn mount(root: HtmlElement, config: Config, lang: crate::i18n::Lang, exit_url: String) {
    let app_exit_url = exit_url.clone();
    let ready_root = root.clone();
    // The app finishes building a few tasks after this one (`App`); the
    // page is marked ready when it has.
    let on_ready = Callback::new(move |()| {
        let _ = ready_root.set_attribute("data-ready", "true");
    });
    leptos::mount::mount_to(root.clone(), move || {
        view! { <App config lang exit_url=app_exit_url on_ready/> }
    })
    .forget();
    // Same task as the mount: the browser never paints both copies.
    if let Ok(statics) = root.query_selector_all(".lx-static") {
        for i in 0..statics.length() {
            if let Some(node) = statics
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                node.remove();
            }
        }
    }
    crate::exit::install(exit_url);
    crate::embed::post_height_changes(&root);
}

/// The exit URL the serving page set in `<meta name="lantern-exit-url">`.
fn page_exit_url(document: &Document) -> Option<ExitUrl> {
    let meta = document
        .query_selector("meta[name=\"lantern-exit-url\"]")
        .ok()
        .flatten()?;
    ExitUrl::parse(&meta.get_attribute("content")?)
}

fn root(document: &Document) -> Option<HtmlElement> {
    if let Some(existing) = document.get_element_by_id(ROOT_ID) {
        return existing.dyn_into().ok();
    }
    let made: HtmlElement = document.create_element("div").ok()?.dyn_into().ok()?;
    made.set_id(ROOT_ID);
    document.body()?.append_child(&made).ok()?;
    Some(made)
}

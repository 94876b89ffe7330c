//! The languages whose words this page has loaded, so that a visit
//! downloads its own language's words only (issue 18).
//!
//! The widget's Wasm holds no words of its own (built without the
//! `builtin-words` feature). The page lantern-intake serves carries its
//! language's words file inline, in a data block
//! (`<script type="text/plain" id="lantern-words">`, which never runs), so
//! the first render needs no request ([`adopt_inline`]); a page without one
//! (`dist/` served as it is, as `trunk serve` does) and the language
//! switcher fetch `words/<tag>.txt` from the page's own origin
//! ([`fetch_words`]). No cookie, no storage: the words stay in memory.
//!
//! Each loaded file is leaked (`Box::leak`) into `&'static` words. The
//! tables are `&'static` so that the host's built-in words (statics) and
//! the loaded ones are one type, and every view can keep a `&'static str`
//! without reference counting. A page loads each language at most once
//! and there are seven, so the leak is bounded (a few tens of kilobytes)
//! and lives exactly as long as the page would have kept the words anyway.

use super::{words, Lang, Strings};
use std::sync::OnceLock;

/// The id of the page's inline words block.
pub const WORDS_ID: &str = "lantern-words";

/// One slot per language, in [`Lang::ALL`] order.
static LOADED: [OnceLock<&'static Strings>; Lang::ALL.len()] =
    [const { OnceLock::new() }; Lang::ALL.len()];

fn slot(lang: Lang) -> &'static OnceLock<&'static Strings> {
    let at = Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0);
    &LOADED[at]
}

/// The loaded words of `lang`, if any.
pub(super) fn get(lang: Lang) -> Option<&'static Strings> {
    slot(lang).get().copied()
}

/// Whether `lang`'s words are here: always, where they are built in.
pub fn is_loaded(lang: Lang) -> bool {
    cfg!(feature = "builtin-words") || get(lang).is_some()
}

/// The first language (in switcher order) whose words are loaded.
pub fn first_loaded() -> Option<Lang> {
    Lang::ALL.into_iter().find(|&lang| get(lang).is_some())
}

/// Why a language's words could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// No answer, or not a 200 (offline, or the file is missing).
    Network,
    /// The file does not match this widget's tables, or names another
    /// language than the one asked for.
    Format(&'static str),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Network => f.write_str("the words file did not arrive"),
            LoadError::Format(why) => write!(f, "the words file is not for this widget: {why}"),
        }
    }
}

/// Reads a words file and keeps its words for the rest of the page's life;
/// the language it is in. A language already loaded keeps its first words.
pub fn adopt(text: String) -> Result<Lang, LoadError> {
    // Leaked on purpose: see the module's header.
    let text: &'static str = Box::leak(text.into_boxed_str());
    let (tag, strings) = words::from_text::<Strings>(text).map_err(|e| LoadError::Format(e.0))?;
    let lang = Lang::ALL
        .into_iter()
        .find(|lang| lang.as_str() == tag)
        .ok_or(LoadError::Format("no such language"))?;
    let _ = slot(lang).set(Box::leak(Box::new(strings)));
    Ok(lang)
}

/// Adopts the words the page carries inline (`#lantern-words`), if it
/// carries any; the language they are in.
pub fn adopt_inline(document: &web_sys::Document) -> Option<Lang> {
    let block = document.get_element_by_id(WORDS_ID)?;
    let text = block.text_content()?;
    block.remove();
    match adopt(text) {
        Ok(lang) => Some(lang),
        Err(error) => {
            leptos::logging::warn!("Lantern: the page's words: {error}");
            None
        }
    }
}

/// The path of `lang`'s words file, relative to the page.
pub fn words_path(lang: Lang) -> String {
    format!("words/{}.txt", lang.as_str())
}

/// Fetches `lang`'s words file from the page's own origin and adopts it.
pub async fn fetch_words(lang: Lang) -> Result<(), LoadError> {
    if get(lang).is_some() {
        return Ok(());
    }
    let text = fetch_text(&words_path(lang))
        .await
        .ok_or(LoadError::Network)?;
    match adopt(text)? {
        got if got == lang => Ok(()),
        _ => Err(LoadError::Format("the words of another language")),
    }
}

/// The body of a same-origin GET of `path`, if it answered 200.
async fn fetch_text(path: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let init = web_sys::RequestInit::new();
    // Same origin only (a relative path); no credentials, nothing cached
    // on the device beyond what the server's headers allow.
    js_sys::Reflect::set(&init, &"credentials".into(), &"omit".into()).ok()?;
    js_sys::Reflect::set(&init, &"referrerPolicy".into(), &"no-referrer".into()).ok()?;
    let request = web_sys::Request::new_with_str_and_init(path, &init).ok()?;
    let window = web_sys::window()?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if response.status() != 200 {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

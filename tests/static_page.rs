//! The static copy (what shows before the Wasm and with JavaScript off,
//! written by `lantern::static_copy` into the built page) must match what
//! the app renders over it, link for link and word for word, in every
//! language, or taking over would change the page under a reader.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use lantern::app::App;
use lantern::config::Config;
use lantern::i18n::Lang;
use lantern_tip::ExitUrl;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const INDEX_HTML: &str = include_str!("../index.html");

/// The static copy in `lang`, as the build writes it (`lantern::static_copy`),
/// parsed (inert: nothing in it runs or loads).
fn static_copy(lang: Lang) -> web_sys::Element {
    let template: web_sys::HtmlTemplateElement =
        doc().create_element("template").unwrap().unchecked_into();
    template.set_inner_html(&lantern::static_copy::static_copy(lang, ExitUrl::DEFAULT));
    template
        .content()
        .query_selector(".lx-static")
        .unwrap()
        .expect("the static copy is a .lx-static")
}

#[wasm_bindgen_test]
async fn the_static_copy_matches_the_app_in_every_language() {
    for lang in Lang::ALL {
        check_static_copy(lang).await;
    }
}

async fn check_static_copy(lang: Lang) {
    let statics = static_copy(lang);
    let m = mount(move || {
        let navigate = Callback::new(|_: String| {});
        view! { <App config=Config::default() lang=lang exit_url=ExitUrl::DEFAULT.to_owned() navigate/> }
            .into_any()
    });
    settle().await;
    let ids = [
        "exit-skip",
        "exit-link",
        "call-911",
        "hotline-call",
        "hotline-text",
        "hotline-chat",
        "hotline-tty",
    ];
    for id in ids {
        let selector = format!("[data-testid='{id}']");
        let s = statics
            .query_selector(&selector)
            .unwrap()
            .unwrap_or_else(|| panic!("static lacks {id}"));
        let a = m.get(id);
        for attr in ["href", "class", "target", "rel"] {
            assert_eq!(s.get_attribute(attr), a.get_attribute(attr), "{id} {attr}");
        }
        assert_eq!(text(&s), text(&a), "{id} text");
    }
    for selector in [".lx-hotline-title", ".lx-danger-lead", ".lx-note"] {
        let s = statics.query_selector(selector).unwrap().unwrap();
        let a = m.root.query_selector(selector).unwrap().unwrap();
        assert_eq!(text(&s), text(&a), "{selector}");
    }
    // Same order of boxes at the top: bar, then the hotline block.
    let classes = |root: &web_sys::Element| -> Vec<String> {
        let list = root
            .query_selector_all(".lx-bar, .lx-bar-row, .lx-hotline, .lx-hotline .lx-channels, .lx-hotline .lx-danger")
            .unwrap();
        (0..list.length())
            .map(|i| {
                list.item(i)
                    .unwrap()
                    .unchecked_into::<web_sys::Element>()
                    .class_name()
            })
            .collect()
    };
    assert_eq!(classes(&statics), classes(&m.root));
    // No inline script or style in the source: the CSP allows only the
    // hashed inline elements the build adds (the style sheet), and never a
    // style attribute.
    assert!(!INDEX_HTML.contains("style="));
    assert!(!INDEX_HTML.contains("<style"));
    assert!(!INDEX_HTML
        .replace("<link data-trunk rel=\"rust\"", "")
        .contains("<script"));
}

//! Browser tests of the whole widget: hotline links, sections without
//! history, the signs filter, the language switch, compact mode and the
//! accent. Each test mounts a fresh `App` and removes it afterwards.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use lantern::accent::{Accent, Rgb};
use lantern::config::Config;
use lantern::content::{SignKind, SIGNS};
use lantern::i18n::{strings, Lang};
use lantern::sections::Section;
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const EXIT: &str = "https://example.org/weather";

/// Clicks `nav-{section}` and waits until that section is built and a
/// heading of it has focus (each in a task after the click).
async fn show(m: &Mounted, section: &str) {
    m.get(&format!("nav-{section}")).click();
    let heading = format!("[data-testid=\"section-{section}\"] h2");
    until(&format!("section {section} built and focused"), || {
        let focused = doc().active_element();
        m.all(&heading)
            .first()
            .is_some_and(|h| focused.as_ref() == Some(h))
    })
    .await;
}

/// The app, once it is whole: it builds its navigation and first section in
/// tasks after the one that mounts it, and says when it is done.
async fn app(config: Config, lang: Lang) -> Mounted {
    // Never navigate the test page away.
    let navigate = Callback::new(|_: String| {});
    let whole = Arc::new(AtomicBool::new(false));
    let done = Arc::clone(&whole);
    let on_ready = Callback::new(move |()| done.store(true, Ordering::SeqCst));
    let m = mount(move || {
        view! { <App config lang exit_url=EXIT.to_owned() navigate on_ready/> }.into_any()
    });
    until("the app to be whole", || whole.load(Ordering::SeqCst)).await;
    m
}

use lantern::app::App;

#[wasm_bindgen_test]
async fn hotline_links_are_right() {
    let m = app(Config::default(), Lang::En).await;
    let href = |id: &str| m.get(id).get_attribute("href").unwrap();
    assert_eq!(href("call-911"), "tel:911");
    assert_eq!(href("hotline-call"), "tel:18883737888");
    assert_eq!(href("hotline-text"), "sms:233733?&body=HELP");
    assert_eq!(href("hotline-tty"), "tel:711");
    let chat = m.get("hotline-chat");
    assert_eq!(chat.get_attribute("target").as_deref(), Some("_blank"));
    let rel = chat.get_attribute("rel").unwrap();
    assert!(
        rel.contains("noopener") && rel.contains("noreferrer"),
        "{rel}"
    );
    assert!(href("hotline-chat").starts_with("https://humantraffickinghotline.org/"));
    // 911 comes before every other help channel.
    let links = m.all("a[href^='tel:'], a[href^='sms:']");
    assert_eq!(links[0].get_attribute("href").as_deref(), Some("tel:911"));
    assert_eq!(href("exit-link"), EXIT);
    assert_eq!(href("exit-skip"), EXIT);
}

#[wasm_bindgen_test]
async fn sections_switch_without_touching_the_url_or_history() {
    let m = app(Config::default(), Lang::En).await;
    let window = web_sys::window().unwrap();
    let url = window.location().href().unwrap();
    let history = window.history().unwrap().length().unwrap();
    assert!(!is_hidden(&m.get("section-help")));
    for section in ["signs", "me", "report", "help"] {
        show(&m, section).await;
        for other in ["help", "signs", "me", "report"] {
            let shown = !is_hidden(&m.get(&format!("section-{other}")));
            assert_eq!(
                shown,
                other == section,
                "after nav-{section}, section-{other} shown={shown}"
            );
            let current = m.get(&format!("nav-{other}")).get_attribute("aria-current");
            assert_eq!(current.is_some(), other == section);
        }
        // Focus moved to the new section's heading, for screen readers.
        let focused = doc().active_element().unwrap();
        assert_eq!(focused.tag_name(), "H2");
        let section_of_focus = focused
            .closest("[data-testid^='section-']")
            .unwrap()
            .unwrap();
        assert_eq!(
            section_of_focus.get_attribute("data-testid").unwrap(),
            format!("section-{section}")
        );
    }
    assert_eq!(window.location().href().unwrap(), url);
    assert_eq!(window.history().unwrap().length().unwrap(), history);
}

#[wasm_bindgen_test]
async fn signs_filter_by_kind() {
    let m = app(Config::default(), Lang::En).await;
    show(&m, "signs").await;
    let shown = |m: &Mounted, kind: SignKind| {
        SIGNS
            .iter()
            .filter(|s| s.kind == kind)
            .filter(|s| m.find(&format!("sign-{}", s.id)).is_some())
            .count()
    };
    let count = |kind: SignKind| SIGNS.iter().filter(|s| s.kind == kind).count();
    assert_eq!(m.all("[data-testid^='sign-']").len(), SIGNS.len());

    m.get("filter-labor").click();
    settle().await;
    assert_eq!(shown(&m, SignKind::Sex), 0);
    assert_eq!(shown(&m, SignKind::Labor), count(SignKind::Labor));
    assert_eq!(shown(&m, SignKind::Both), count(SignKind::Both));
    assert_eq!(
        m.get("filter-labor")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        m.get("filter-all").get_attribute("aria-pressed").as_deref(),
        Some("false")
    );

    m.get("filter-sex").click();
    settle().await;
    assert_eq!(shown(&m, SignKind::Labor), 0);
    assert_eq!(shown(&m, SignKind::Sex), count(SignKind::Sex));

    m.get("filter-all").click();
    settle().await;
    assert_eq!(m.all("[data-testid^='sign-']").len(), SIGNS.len());
    // The words are the locale's, keyed by catalog id.
    let first = &SIGNS[0];
    let item = m.get(&format!("sign-{}", first.id));
    assert!(text(&item).contains(strings(Lang::En).site.sign(first.id)));
}

/// Every text node outside the form (which has its own tests) and the
/// switcher (each language named in itself), in document order.
fn texts(m: &Mounted) -> Vec<String> {
    let mut out = Vec::new();
    for element in m.all("*") {
        // The form has its own test; language names and phone numbers
        // (`.lx-num`, apart since issue 14) read the same in every language.
        if element
            .closest("[data-testid='section-report'], .lx-lang, .lx-num")
            .unwrap()
            .is_some()
        {
            continue;
        }
        let nodes = element.child_nodes();
        for i in 0..nodes.length() {
            let node = nodes.item(i).unwrap();
            if node.node_type() == web_sys::Node::TEXT_NODE {
                let t = node.text_content().unwrap_or_default().trim().to_owned();
                // Words only: a lone "." after a number is not translated.
                if t.chars().any(char::is_alphabetic) {
                    out.push(t);
                }
            }
        }
    }
    out
}

#[wasm_bindgen_test]
async fn switching_language_changes_every_string() {
    let m = app(Config::default(), Lang::En).await;
    // Sections are built when first shown: show each once, so every string
    // is on the page (hidden, but there) to compare.
    for section in ["signs", "me", "help"] {
        show(&m, section).await;
    }
    let english = texts(&m);
    assert!(english.len() > 80, "only {} strings", english.len());
    let html = doc().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("en"));

    m.get("lang-es").click();
    settle().await;
    let spanish = texts(&m);
    assert_eq!(english.len(), spanish.len());
    for (en, es) in english.iter().zip(&spanish) {
        assert_ne!(en, es, "not translated");
    }
    assert_eq!(html.get_attribute("lang").as_deref(), Some("es"));
    assert_eq!(html.get_attribute("dir").as_deref(), Some("ltr"));
    assert_eq!(doc().title(), "Recursos");
    assert_eq!(text(&m.get("call-911")), "Llama al 911");
    assert_eq!(
        m.get("lang-es").get_attribute("aria-pressed").as_deref(),
        Some("true")
    );

    m.get("lang-en").click();
    settle().await;
    assert_eq!(texts(&m), english);
    assert_eq!(doc().title(), "Resources");
}

#[wasm_bindgen_test]
async fn compact_mode_is_the_help_block_and_the_exit() {
    let config = Config {
        compact: true,
        ..Config::default()
    };
    let m = app(config, Lang::Es).await;
    for id in [
        "exit-link",
        "exit-skip",
        "call-911",
        "hotline-call",
        "hotline-text",
        "hotline-chat",
        "hotline-tty",
    ] {
        assert!(m.find(id).is_some(), "{id} missing");
    }
    for id in [
        "nav-help",
        "section-help",
        "section-signs",
        "section-me",
        "section-report",
        "lang-en",
    ] {
        assert!(m.find(id).is_none(), "{id} shown in compact mode");
    }
    assert_eq!(text(&m.get("hotline-call")), "Llama al 1-888-373-7888");
}

#[wasm_bindgen_test]
async fn a_section_is_built_when_first_shown_and_then_kept() {
    let m = app(Config::default(), Lang::En).await;
    // At start only the first section has content; the others are empty
    // (hidden) shells until shown.
    assert!(m.find("filter-all").is_none());
    assert!(m.get("section-report").child_element_count() == 0);
    show(&m, "signs").await;
    assert!(m.find("filter-all").is_some());
    show(&m, "help").await;
    // Built once, kept while hidden.
    assert!(is_hidden(&m.get("section-signs")));
    assert!(m.find("filter-all").is_some());
}

#[wasm_bindgen_test]
async fn sections_follow_the_configured_order() {
    let config = Config {
        sections: vec![Section::Report, Section::Signs],
        ..Config::default()
    };
    let m = app(config, Lang::En).await;
    let nav: Vec<String> = m
        .all(".lx-nav-btn")
        .iter()
        .map(|b| b.get_attribute("data-testid").unwrap())
        .collect();
    assert_eq!(nav, ["nav-report", "nav-signs"]);
    assert!(!is_hidden(&m.get("section-report")));
    assert!(is_hidden(&m.get("section-signs")));
    assert!(m.find("section-help").is_none() && m.find("section-me").is_none());
    // The hotline block stays whatever the sections.
    assert!(m.find("hotline-call").is_some());
}

#[wasm_bindgen_test]
async fn the_accent_is_set_through_the_cssom() {
    let accent = Accent::for_white_text(Rgb::parse("#ffff00").unwrap());
    let config = Config {
        accent: Some(accent),
        ..Config::default()
    };
    let m = app(config, Lang::En).await;
    let app_root: web_sys::HtmlElement = m.all(".lx-app")[0].clone().unchecked_into();
    let value = app_root.style().get_property_value("--lx-accent").unwrap();
    assert_eq!(value, accent.used().to_string());
    assert_ne!(value, "#ffff00");
    assert_eq!(
        app_root
            .get_attribute("style")
            .map(|s| s.contains("--lx-accent")),
        Some(true)
    );
}

use wasm_bindgen::JsCast;
